import { describe, expect, it } from 'vitest'
import { assessUnit, missingFields } from './assess.ts'
import { deriveLevel } from './derive.ts'
import { vnNumber } from './format.ts'
import type { UnitInput } from './input.ts'
import { assessInput, nationalInForce, nationalRuleSet } from './national.ts'
import { confidenceMarks, type Level, parseRuleSet, type RuleSet } from './ruleset.ts'

// Expected values are read from ../shared/research/levels-and-safety-rules.md (§2.3–2.7, §3.2–3.5,
// §4), not from running the code.
const rs4800 = nationalRuleSet('4800')!
const rs218 = nationalRuleSet('218')!
const rs2686 = nationalRuleSet('2686')!
const POP = 100_000 // so that a count is also its rate per 100,000

const base: UnitInput = { unit: 'X', population: POP }
const variant = (rs: RuleSet, change: (copy: RuleSet) => void): RuleSet => {
  const copy = structuredClone(rs)
  change(copy)
  return copy
}

describe('the national rule sets as data', () => {
  it('load, carry their source and dates, and chain 2686 → 4800 → 218', () => {
    expect(rs2686.document).toBe('2686/QĐ-BCĐQG')
    expect(rs4800.document).toBe('4800/QĐ-BYT')
    expect(rs218.document).toBe('218/QĐ-BYT')
    expect(rs4800.validFrom).toBe('2021-10-12')
    expect(rs218.validFrom).toBe('2022-01-27')
    expect(rs4800.validTo).toBe('2022-01-26')
    expect(nationalInForce('2021-08-01').id).toBe('2686')
    expect(nationalInForce('2021-12-01').id).toBe('4800')
    expect(nationalInForce('2026-11-26').id).toBe('218')
  })

  it('marks every cell of both reconstructed tables as the research grades it', () => {
    // 4800: no source shows the cells (§2.7): all unverified.
    expect(rs4800.matrix.cells.flat().every((c) => c.confidence === 'unverified')).toBe(true)
    // 218: two cells attested by HCMC's health department (§3.5), the rest unverified.
    const secondary = rs218.matrix.cells.flatMap((row, b) => row.map((c, k) => [b + 1, rs218.matrix.columns[k]!.key, c.confidence] as const)).filter(([, , c]) => c === 'secondary')
    expect(secondary.map(([b, k]) => `${b}:${k}`).sort()).toEqual(['2:medium', '3:high'])
    // Case cut-offs: 4800's three are secondary; 218's only "> 600" is.
    expect(rs4800.transmission.indicators[0]!.cutoffs.map((c) => c.confidence)).toEqual(['secondary', 'secondary', 'secondary'])
    expect(rs218.transmission.indicators[0]!.cutoffs.map((c) => [c.value, c.op, c.confidence])).toEqual([
      [20, '>=', 'unverified'],
      [150, '>=', 'unverified'],
      [600, '>', 'secondary'],
    ])
    expect(rs218.transmission.indicators.slice(1).flatMap((i) => i.cutoffs.map((c) => c.confidence))).toEqual(Array(6).fill('unverified'))
    expect(rs218.vaccination.criteria.map((c) => [c.key, c.min.value, c.min.confidence])).toEqual([
      ['fullyVaccinated', 0.75, 'secondary'],
      ['highRiskFullyVaccinated', 0.9, 'secondary'],
    ])
    expect(rs4800.vaccination.criteria[0]!.min).toMatchObject({ value: 0.7, confidence: 'secondary' })
    expect(rs4800.guards.elderly).toMatchObject({ enabled: true, min: { value: 0.8, confidence: 'secondary' }, exceptConfidence: 'unverified' })
    expect(rs4800.guards.noLowering.confidence).toBe('secondary')
    expect(rs2686.aggregation.rules.map((r) => r.confidence)).toEqual(['secondary', 'secondary', 'unverified'])
    expect(confidenceMarks(rs4800).length).toBeGreaterThan(15)
  })

  it('refuses a malformed rule set, naming where', () => {
    const bad = variant(rs4800, (r) => {
      r.transmission.indicators[0]!.cutoffs[2]!.value = 10
      r.matrix.cells[1] = [{ level: 1, confidence: 'unverified' }]
    })
    const res = parseRuleSet(bad)
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.problems.some((p) => p.startsWith('transmission/indicators/0/cutoffs/2:') && p.includes('nhỏ hơn'))).toBe(true)
      expect(res.problems.some((p) => p.startsWith('matrix/cells/1:'))).toBe(true)
    }
  })
})

describe('4800/QĐ-BYT', () => {
  // One rate inside each band of §2.3, and one coverage on each side of 70 % (§2.4).
  const rates: Record<number, number> = { 1: 10, 2: 30, 3: 100, 4: 200 }
  const coverage = { met: 0.8, notMet: 0.5 }
  // §2.7, the reconstructed table: rows mức 1–4, columns ≥70 % / <70 %.
  const table: Record<number, Record<'met' | 'notMet', Level>> = { 1: { met: 1, notMet: 1 }, 2: { met: 1, notMet: 2 }, 3: { met: 2, notMet: 3 }, 4: { met: 3, notMet: 4 } }
  const unit = (cases: number, adults: number, more: Partial<UnitInput> = {}): UnitInput => ({
    ...base,
    communityCases7d: cases,
    coverage: { adults18PlusAtLeastOneDose: adults, elderly65PlusFullyVaccinated: 0.9 },
    capacity: { adequate: true },
    ...more,
  })

  for (const band of [1, 2, 3, 4]) {
    for (const col of ['met', 'notMet'] as const) {
      it(`mức ${band} × ${col === 'met' ? '≥ 70 %' : '< 70 %'} → cấp ${table[band]![col]}`, () => {
        const a = assessUnit(rs4800, unit(rates[band]!, coverage[col]))
        expect(a.band).toBe(band)
        expect(a.column).toBe(col)
        expect(a.level).toBe(table[band]![col])
        expect(a.confidence).toBe('unverified')
        expect(a.indicators.find((i) => i.name === 'communityCasesPer100k')).toEqual({ name: 'communityCasesPer100k', value: rates[band], band })
        expect(a.reasons.join(' ')).toContain('chưa kiểm chứng')
      })
    }
  }

  it('puts the band limits where the sources put them: < 20, 20 – < 50, 50 – < 150, ≥ 150', () => {
    const bandOf = (cases: number, population = POP) => assessUnit(rs4800, unit(cases, 0.8, { population })).band
    expect([bandOf(0), bandOf(19), bandOf(20), bandOf(49), bandOf(50), bandOf(149), bandOf(150), bandOf(5000)]).toEqual([1, 1, 2, 2, 3, 3, 4, 4])
    // Per 100,000: 3 cases among 20,000 people are 15; 4 are 20.
    expect(bandOf(3, 20_000)).toBe(1)
    expect(bandOf(4, 20_000)).toBe(2)
  })

  it('reads coverage of exactly 70 % as reached', () => {
    expect(assessUnit(rs4800, unit(30, 0.7)).column).toBe('met')
    expect(assessUnit(rs4800, unit(30, 0.6999)).column).toBe('notMet')
  })

  it('raises one level when fewer than 80 % of people 65+ are fully vaccinated, never above 4', () => {
    const missed = (cases: number, adults: number) => unit(cases, adults, { coverage: { adults18PlusAtLeastOneDose: adults, elderly65PlusFullyVaccinated: 0.79 } })
    // Cần Thơ (§2.4): assessed level 1, declared level 2.
    const a = assessUnit(rs4800, missed(10, 0.8))
    expect(a.tableLevel).toBe(1)
    expect(a.level).toBe(2)
    expect(a.indicators.find((i) => i.name === 'elderly65PlusFullyVaccinated')).toEqual({ name: 'elderly65PlusFullyVaccinated', value: 0.79, band: 'notMet' })
    expect(a.reasons.some((r) => r.includes('nâng 1 cấp'))).toBe(true)
    expect(assessUnit(rs4800, missed(100, 0.5)).level).toBe(4)
    expect(assessUnit(rs4800, missed(200, 0.5)).level).toBe(4)
    expect(assessUnit(rs4800, unit(10, 0.8, { coverage: { adults18PlusAtLeastOneDose: 0.8, elderly65PlusFullyVaccinated: 0.8 } })).level).toBe(1)
  })

  it('leaves out places without cases from the elderly rule only when a province enables the draft exception', () => {
    const withException = variant(rs4800, (r) => {
      r.guards.elderly.exceptWhenNoCases = true
    })
    const noCases = unit(0, 0.8, { coverage: { adults18PlusAtLeastOneDose: 0.8, elderly65PlusFullyVaccinated: 0.5 } })
    expect(assessUnit(rs4800, noCases).level).toBe(2)
    expect(assessUnit(withException, noCases).level).toBe(1)
    expect(assessUnit(withException, { ...noCases, communityCases7d: 1 }).level).toBe(2)
  })

  it('does not lower the level while the capacity criterion fails, but may raise it', () => {
    const failing = (cases: number, previousLevel: number) => unit(cases, 0.8, { capacity: { adequate: false }, previousLevel })
    const kept = assessUnit(rs4800, failing(10, 3))
    expect(kept.tableLevel).toBe(1)
    expect(kept.level).toBe(3)
    expect(kept.reasons.some((r) => r.includes('không hạ cấp'))).toBe(true)
    expect(kept.confidence).toBe('unverified') // the cell decides the weakest mark
    expect(assessUnit(rs4800, failing(200, 1)).level).toBe(3)
    expect(assessUnit(rs4800, unit(10, 0.8, { previousLevel: 3 })).level).toBe(1)
    const unknown = assessUnit(rs4800, unit(10, 0.8, { capacity: { adequate: false } }))
    expect(unknown.level).toBe(1)
    expect(unknown.reasons.some((r) => r.includes('không có cấp hiện hành'))).toBe(true)
  })

  it('averages two weeks when a province chooses it (HCMC’s reading)', () => {
    const twoWeeks = variant(rs4800, (r) => {
      r.transmission.indicators[0]!.window = 'twoWeekAverage'
    })
    // This week 30, last week 10: 20 on average, the bottom of mức 2; this week alone is mức 2 as well, 8 and 40 give 24.
    expect(assessUnit(twoWeeks, unit(30, 0.5, { communityCasesPrev7d: 10 })).indicators[0]).toEqual({ name: 'communityCasesPer100k', value: 20, band: 2 })
    expect(assessUnit(twoWeeks, unit(60, 0.5, { communityCasesPrev7d: 20 })).band).toBe(2)
    expect(assessUnit(rs4800, unit(60, 0.5, { communityCasesPrev7d: 20 })).band).toBe(3)
    expect(assessUnit(twoWeeks, unit(60, 0.5)).reasons[0]).toContain('không có số tuần trước')
  })

  it('asks for the fields it uses and nothing else', () => {
    expect(missingFields(rs4800, base)).toEqual(['communityCases7d', 'coverage/adults18PlusAtLeastOneDose', 'coverage/elderly65PlusFullyVaccinated', 'capacity/adequate'])
    const r = assessInput(rs4800, { units: [{ unit: 'A', population: 1000, communityCases7d: 1, coverage: { adults18PlusAtLeastOneDose: 0.9 } }] })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problems).toEqual(['units/0/coverage/elderly65PlusFullyVaccinated: bộ tiêu chí 4800 cần trường này.', 'units/0/capacity/adequate: bộ tiêu chí 4800 cần trường này.'])
    const bad = assessInput(rs4800, { units: [{ unit: 'A', population: 0, coverage: { adults18PlusAtLeastOneDose: 85 } }] })
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      expect(bad.problems.some((p) => p.startsWith('units/0/population:'))).toBe(true)
      expect(bad.problems.some((p) => p.startsWith('units/0/coverage/adults18PlusAtLeastOneDose:') && p.includes('từ 0 đến 1'))).toBe(true)
    }
  })
})

describe('218/QĐ-BYT', () => {
  // §3.5, the reconstructed table: rows mức 1–4, columns đáp ứng Cao / Trung bình / Thấp.
  const table: Record<number, Record<'high' | 'medium' | 'low', Level>> = {
    1: { high: 1, medium: 1, low: 2 },
    2: { high: 1, medium: 2, low: 3 },
    3: { high: 2, medium: 3, low: 4 },
    4: { high: 3, medium: 4, low: 4 },
  }
  // Cases in each band of the defaults (only "> 600" has a source).
  const cases: Record<number, number> = { 1: 10, 2: 50, 3: 300, 4: 700 }
  const capacity = {
    high: { adequate: true, freeBedsPer100k: 40, icuBeds: 20 },
    medium: { adequate: true, freeBedsPer100k: 5 },
    low: { adequate: false },
  }
  const unit = (n: number, cap: UnitInput['capacity'], more: Partial<UnitInput> = {}): UnitInput => ({
    ...base,
    cases7d: n,
    oxygenPatients7d: 0,
    deaths7d: 0,
    coverage: { fullyVaccinated: 0.8, highRiskFullyVaccinated: 0.95 },
    capacity: cap,
    ...more,
  })

  for (const band of [1, 2, 3, 4]) {
    for (const col of ['high', 'medium', 'low'] as const) {
      it(`mức ${band} × đáp ứng ${col} → cấp ${table[band]![col]}`, () => {
        const a = assessUnit(rs218, unit(cases[band]!, capacity[col]))
        expect(a.band).toBe(band)
        expect(a.column).toBe(col)
        expect(a.level).toBe(table[band]![col])
        expect(a.indicators.find((i) => i.name === 'capacityClass')).toEqual({ name: 'capacityClass', value: col, band: col })
      })
    }
  }

  it('needs more than 600 cases per 100,000 for the top band', () => {
    expect(assessUnit(rs218, unit(600, capacity.high)).band).toBe(3)
    expect(assessUnit(rs218, unit(601, capacity.high)).band).toBe(4)
  })

  it('takes the highest band of cases, oxygen patients and deaths', () => {
    const a = assessUnit(rs218, unit(10, capacity.high, { oxygenPatients7d: 12, deaths7d: 2 }))
    expect(a.indicators.slice(0, 3)).toEqual([
      { name: 'casesPer100k', value: 10, band: 1 },
      { name: 'oxygenPatientsPer100k', value: 12, band: 3 },
      { name: 'deathsPer100k', value: 2, band: 3 },
    ])
    expect(a.band).toBe(3)
    expect(a.level).toBe(2)
  })

  it('raises the transmission band by one when either coverage target is missed (75 % of people, 90 % of high-risk)', () => {
    const low = (fully: number, risk: number) => assessUnit(rs218, unit(50, capacity.medium, { coverage: { fullyVaccinated: fully, highRiskFullyVaccinated: risk } }))
    expect(low(0.75, 0.9).band).toBe(2)
    expect(low(0.74, 0.95).band).toBe(3)
    expect(low(0.74, 0.95).level).toBe(3)
    expect(low(0.8, 0.89).band).toBe(3)
    expect(assessUnit(rs218, unit(700, capacity.high, { coverage: { fullyVaccinated: 0.1, highRiskFullyVaccinated: 0.1 } })).band).toBe(4)
    // HCMC, first 218 round: wards moved to level 2 for this reason alone (mức 1 → 2, đáp ứng trung bình).
    expect(assessUnit(rs218, unit(10, capacity.medium, { coverage: { fullyVaccinated: 0.7, highRiskFullyVaccinated: 0.95 } })).level).toBe(2)
  })

  it('keeps the level in force while response capacity is low', () => {
    expect(assessUnit(rs218, unit(10, capacity.low, { previousLevel: 4 })).level).toBe(4)
    expect(assessUnit(rs218, unit(10, capacity.medium, { previousLevel: 4 })).level).toBe(1)
  })

  it('does not use the elderly rule (replaced by the high-risk group) and needs no community split', () => {
    expect(missingFields(rs218, base)).toEqual(['cases7d', 'oxygenPatients7d', 'deaths7d', 'coverage/fullyVaccinated', 'coverage/highRiskFullyVaccinated', 'capacity/adequate'])
  })
})

describe('2686/QĐ-BCĐQG', () => {
  const unit = (now: number, prev?: number): UnitInput => ({ ...base, communityCases7d: now, ...(prev === undefined ? {} : { communityCasesPrev7d: prev }) })
  it('counts community cases over 14 days: none → new normal, any → at risk', () => {
    expect(assessUnit(rs2686, unit(0, 0)).level).toBe(1)
    expect(assessUnit(rs2686, unit(1, 0)).level).toBe(2)
    expect(assessUnit(rs2686, unit(0, 1)).level).toBe(2)
    // The default upper limits are unverified: 20 and 50 over 14 days.
    expect(assessUnit(rs2686, unit(10, 10)).level).toBe(3)
    expect(assessUnit(rs2686, unit(10, 9)).level).toBe(2)
    expect(assessUnit(rs2686, unit(30, 20)).level).toBe(4)
    expect(assessUnit(rs2686, unit(30, 20)).confidence).toBe('unverified')
    expect(missingFields(rs2686, base)).toEqual(['communityCases7d'])
  })

  // §4: district "rất cao" if ≥ 30 % of communes very high or ≥ 50 % high; "cao" if ≥ 30 % high, ≥ 50 % at risk, or one very high.
  const district = (levels: Level[]) => deriveLevel(rs2686.aggregation, levels).level
  const of = (counts: Partial<Record<Level, number>>): Level[] => ([1, 2, 3, 4] as Level[]).flatMap((l) => Array(counts[l] ?? 0).fill(l))
  it('derives the district: very high', () => {
    expect(district(of({ 4: 3, 1: 7 }))).toBe(4)
    expect(district(of({ 3: 5, 1: 5 }))).toBe(4)
    expect(district(of({ 4: 2, 3: 3, 1: 5 }))).toBe(4) // very high communes count as high
    expect(district(of({ 4: 2, 1: 7 }))).toBe(3) // 2 of 9 very high (22 %): only "one very high"
  })
  it('derives the district: high', () => {
    expect(district(of({ 3: 3, 1: 7 }))).toBe(3)
    expect(district(of({ 2: 5, 1: 5 }))).toBe(3)
    expect(district(of({ 4: 1, 1: 9 }))).toBe(3)
    expect(district(of({ 3: 2, 1: 8 }))).toBe(2)
    expect(district(of({ 2: 4, 1: 6 }))).toBe(2)
  })
  it('derives the district: at risk and new normal, and says why', () => {
    expect(district(of({ 2: 1, 1: 9 }))).toBe(2)
    expect(district(of({ 1: 10 }))).toBe(1)
    expect(district([])).toBe(1)
    expect(deriveLevel(rs2686.aggregation, of({ 3: 3, 1: 7 })).reasons[0]).toBe('3/10 đơn vị (30%) ở cấp 3 trở lên, từ 30% → cấp 3.')
    expect(deriveLevel(rs4800.aggregation, of({ 2: 1 })).reasons[0]).toContain('chưa kiểm chứng')
  })
  it('lets a province choose another rule (the highest commune)', () => {
    const highest = variant(rs4800, (r) => {
      r.aggregation.rules = [4, 3, 2].map((level) => ({ level: level as Level, anyOf: [{ atLeast: level as Level, count: 1 }], confidence: 'unverified' as const }))
    })
    expect(deriveLevel(highest.aggregation, of({ 3: 1, 1: 30 })).level).toBe(3)
  })
})

describe('numbers in Vietnamese', () => {
  it('groups thousands with dots and uses a decimal comma', () => {
    expect([vnNumber(1234567.891, 2), vnNumber(20), vnNumber(0.5), vnNumber(104.55, 1), vnNumber(0.05, 2), vnNumber(-2.5), vnNumber(1000)]).toEqual(['1.234.567,89', '20', '0,5', '104,6', '0,05', '-2,5', '1.000'])
  })
})
