import { describe, expect, it } from 'vitest'
import { enteredSources, indicatorSource, mergeWeekInputs, sourcesLine, type WeekFigures } from './sources.ts'

const surveillance = { communityCases7d: 3, cases7d: 4, oxygenPatients7d: 1, deaths7d: 0, communityCasesPrev7d: 1, casesPrev7d: 2, oxygenPatientsPrev7d: 0, deathsPrev7d: 0 }
const noCare: WeekFigures['care'] = { recorded: false, oxygen: null, beds: null, stations: null }
const entered = {
  inputs: { population: 12_000, coverage: { fullyVaccinated: 0.6, highRiskFullyVaccinated: 0.9 }, capacity: { adequate: true, freeBedsPer100k: 40, icuBeds: 20 } },
  sources: enteredSources({ population: 12_000, coverage: { fullyVaccinated: 0.6, highRiskFullyVaccinated: 0.9 }, capacity: { adequate: true, freeBedsPer100k: 40, icuBeds: 20 } }, 'entered'),
  rowSource: 'entered' as const,
}

describe('mergeWeekInputs', () => {
  it('keeps the figures entered for the unit where no context holds data, saying whether they are this week’s', () => {
    const now = mergeWeekInputs({ surveillance, care: noCare, vaccination: null, known: { ...entered, thisWeek: true } })
    expect(now.inputs).toEqual({ ...surveillance, population: 12_000, coverage: { fullyVaccinated: 0.6, highRiskFullyVaccinated: 0.9 }, capacity: { adequate: true, freeBedsPer100k: 40, icuBeds: 20 } })
    expect(now.sources).toEqual({
      communityCases7d: 'surveillance',
      cases7d: 'surveillance',
      deaths7d: 'surveillance',
      oxygenPatients7d: 'surveillance',
      population: 'entered',
      'coverage.fullyVaccinated': 'entered',
      'coverage.highRiskFullyVaccinated': 'entered',
      'capacity.adequate': 'entered',
      'capacity.freeBedsPer100k': 'entered',
      'capacity.icuBeds': 'entered',
    })
    const earlier = mergeWeekInputs({ surveillance, care: noCare, vaccination: { coverage: { fullyVaccinated: 0.7 }, hasDoses: false }, known: { ...entered, thisWeek: false } })
    expect(earlier.inputs.coverage).toEqual({ fullyVaccinated: 0.6, highRiskFullyVaccinated: 0.9 })
    expect(earlier.sources['coverage.fullyVaccinated']).toBe('carried')
    expect(earlier.sources.population).toBe('carried')
  })

  it('takes coverage from vaccination share by share, oxygen patients and beds from care, zero included', () => {
    const r = mergeWeekInputs({
      surveillance,
      care: { recorded: true, oxygen: null, beds: { freeBedsPer100k: 12.5, icuFree: 3 }, stations: { stations: 1, withOxygen: 1 } },
      // The high-risk share has no denominator: it stays as entered.
      vaccination: { coverage: { fullyVaccinated: 0.81, adults18PlusAtLeastOneDose: 0.9 }, hasDoses: true },
      known: { ...entered, thisWeek: true },
    })
    expect(r.inputs).toMatchObject({ oxygenPatients7d: 0, oxygenPatientsPrev7d: 0, coverage: { fullyVaccinated: 0.81, adults18PlusAtLeastOneDose: 0.9, highRiskFullyVaccinated: 0.9 }, capacity: { adequate: true, freeBedsPer100k: 12.5, icuBeds: 3 } })
    expect(r.sources).toMatchObject({
      oxygenPatients7d: 'care',
      'coverage.fullyVaccinated': 'vaccination',
      'coverage.adults18PlusAtLeastOneDose': 'vaccination',
      'coverage.highRiskFullyVaccinated': 'entered',
      'capacity.freeBedsPer100k': 'care',
      'capacity.icuBeds': 'care',
      // Readiness is a judgment: as entered while there is one.
      'capacity.adequate': 'entered',
    })
  })

  it('derives readiness from the commune’s stations only when nothing was entered, and the population from the registry', () => {
    const r = mergeWeekInputs({ surveillance, care: { recorded: true, oxygen: { oxygenPatients7d: 2, oxygenPatientsPrev7d: 1 }, beds: null, stations: { stations: 2, withOxygen: 0 } }, vaccination: null, known: null })
    expect(r.inputs).toMatchObject({ oxygenPatients7d: 2, oxygenPatientsPrev7d: 1, capacity: { adequate: false } })
    expect(r.inputs.population).toBeUndefined()
    expect(r.inputs.coverage).toBeUndefined()
    expect(r.sources).toMatchObject({ population: 'registry', 'capacity.adequate': 'care', oxygenPatients7d: 'care' })
    expect(r.sources['capacity.freeBedsPer100k']).toBeUndefined()
  })
})

describe('indicatorSource and sourcesLine', () => {
  it('names the figure behind each indicator and lists the sources in Vietnamese', () => {
    const sources = { cases7d: 'surveillance', oxygenPatients7d: 'care', 'coverage.fullyVaccinated': 'vaccination', 'capacity.freeBedsPer100k': 'care', 'capacity.adequate': 'entered' } as const
    expect(indicatorSource('casesPer100k', sources)).toBe('surveillance')
    expect(indicatorSource('oxygenPatientsPer100k', sources)).toBe('care')
    expect(indicatorSource('fullyVaccinated', sources)).toBe('vaccination')
    expect(indicatorSource('capacity.freeBedsPer100k', sources)).toBe('care')
    expect(indicatorSource('transmissionBand', sources)).toBeNull()
    expect(indicatorSource('deathsPer100k', sources)).toBeNull()
    expect(sourcesLine(sources)).toBe('Nguồn số liệu — giám sát ca bệnh: ca mắc mới; điều trị (tháp 3 tầng): người bệnh thở ô xy, giường trống/100.000 dân; tiêm chủng: dân số tiêm đủ liều; nhập tay: sẵn sàng thu dung, chăm sóc.')
  })
})
