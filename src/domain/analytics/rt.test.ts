import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { AnalyticsInputError } from './errors.ts'
import { gammaCdf, gammaQuantile } from './gamma.ts'
import { estimateR, RT_QUANTILES, type RtInput, type SerialInterval } from './rt.ts'
import { discretisedGammaSerialInterval, distributionMoments } from './serialInterval.ts'

// Reference results of R's EpiEstim (`estimate_R`, `discr_si`) and of R's `qgamma`/`pgamma`, with
// full precision, on EpiEstim's data sets (Flu2009, Measles1861, SARS2003, Smallpox1972), the
// local/imported example of its own tests and a longer local/imported series: computed with
// R 4.2.2 and EpiEstim 2.2-4 (see NOTICE). EpiEstim 2.2-4 lists the windows ending before the
// serial interval's mean with no estimate; current versions leave them out, as this module does.
const reference = JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/epiestim-reference.json', import.meta.url)), 'utf8'))

interface ReferenceCase {
  input: {
    local: number[]
    imported: number[]
    method: 'parametric_si' | 'non_parametric_si'
    siDistr: number[] | null
    siMean: number | null
    siSd: number | null
    tStart: number[] | null
    tEnd: number[] | null
    meanPrior: number
    stdPrior: number
  }
  expected: Record<'tStart' | 'tEnd' | 'mean' | 'std' | 'q0025' | 'q005' | 'q025' | 'q05' | 'q075' | 'q095' | 'q0975', (number | null)[]>
}

const QUANTILE_FIELDS = { '0.025': 'q0025', '0.05': 'q005', '0.25': 'q025', '0.5': 'q05', '0.75': 'q075', '0.95': 'q095', '0.975': 'q0975' } as const

function inputOf(c: ReferenceCase): RtInput {
  const si: SerialInterval = c.input.method === 'parametric_si' ? { kind: 'parametric', mean: c.input.siMean!, sd: c.input.siSd! } : { kind: 'distribution', distr: c.input.siDistr! }
  return {
    local: c.input.local,
    imported: c.input.imported,
    si,
    tStart: c.input.tStart ?? undefined,
    tEnd: c.input.tEnd ?? undefined,
    meanPrior: c.input.meanPrior,
    stdPrior: c.input.stdPrior,
  }
}

const referenceCases = Object.entries(reference).filter(([, v]) => (v as ReferenceCase).expected) as [string, ReferenceCase][]

describe('R over time agrees with EpiEstim to 1e-6', () => {
  it('has the reference cases', () => expect(referenceCases.map(([k]) => k)).toHaveLength(11))
  for (const [name, c] of referenceCases) {
    it(name, () => {
      const result = estimateR(inputOf(c))
      const rows = c.expected.mean.map((_m, i) => i).filter((i) => c.expected.mean[i] !== null)
      expect(result.windows.map((w) => [w.tStart, w.tEnd])).toEqual(rows.map((i) => [c.expected.tStart[i], c.expected.tEnd[i]]))
      rows.forEach((i, j) => {
        const w = result.windows[j]!
        expect(Math.abs(w.mean - c.expected.mean[i]!)).toBeLessThan(1e-6)
        expect(Math.abs(w.std - c.expected.std[i]!)).toBeLessThan(1e-6)
        for (const q of RT_QUANTILES) expect(Math.abs(w.quantiles[q] - c.expected[QUANTILE_FIELDS[q]][i]!), `${name} window ${w.tStart} quantile ${q}`).toBeLessThan(1e-6)
      })
    })
  }
  it('the local/imported example of EpiEstim matches its published snapshot', () => {
    // EpiEstim's tests/testthat/_snaps/estimate_R.md, "Example 2", first and last windows (printed to 7–9 digits).
    const c = reference.example2_local_imported as ReferenceCase
    const r = estimateR(inputOf(c))
    expect(r.windows[0]!.mean).toBeCloseTo(0.641359, 6)
    expect(r.windows[0]!.quantiles['0.025']).toBeCloseTo(0.257859602, 8)
    expect(r.windows[19]!.mean).toBeCloseTo(9.8571825, 6)
    expect(r.windows[19]!.quantiles['0.975']).toBeCloseTo(27.460353, 5)
    expect(r.siMean).toBeCloseTo(2.599999, 6)
  })
})

describe('the discretised serial interval', () => {
  for (const [name, c] of Object.entries(reference).filter(([k]) => k.startsWith('discr_si_')) as [string, { mu: number; sigma: number; values: number[] }][]) {
    it(`agrees with discr_si (${name})`, () => {
      const mine = discretisedGammaSerialInterval(c.mu, c.sigma, c.values.length)
      for (const [k, p] of mine.entries()) expect(Math.abs(p - c.values[k]!)).toBeLessThan(1e-12)
    })
  }
  it('is 0 on day 0, sums to 1 and keeps the continuous mean', () => {
    for (const [mean, sd] of [
      [4.7, 2.9],
      [2.6, 1.5],
      [14.9, 3.9],
      [1.2, 0.1],
      [30, 20],
    ] as const) {
      const si = discretisedGammaSerialInterval(mean, sd, 400)
      expect(si[0]).toBe(0)
      expect(si.every((p) => p >= 0)).toBe(true)
      expect(Math.abs(si.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9)
      expect(Math.abs(distributionMoments(si).mean - mean)).toBeLessThan(1e-6)
    }
  })
})

describe('R over time: checks derived by hand', () => {
  const si: SerialInterval = { kind: 'distribution', distr: [0, 0.5, 0.3, 0.2] }

  it('constant incidence gives the closed-form posterior gamma', () => {
    // 10 cases a day for 30 days: from day 4 on, Λ_t = 10 · (0.5 + 0.3 + 0.2) = 10.
    const local = new Array(30).fill(10)
    const r = estimateR({ local, si, window: 7 })
    const priorShape = 1
    const priorScale = 5
    const late = r.windows.find((w) => w.tStart === 10)!
    expect(late.tEnd).toBe(16)
    expect(late.shape).toBe(priorShape + 70)
    expect(late.scale).toBeCloseTo(1 / (1 / priorScale + 70), 14)
    expect(late.mean).toBeCloseTo(71 / (0.2 + 70), 12)
    expect(late.std).toBeCloseTo(Math.sqrt(71) / (0.2 + 70), 12)
    // Day 2 sees only day 1 (Λ = 5), day 3 days 1–2 (Λ = 8): the first window t = 2…8 sums 5 + 8 + 5·10.
    const first = r.windows[0]!
    expect([first.tStart, first.tEnd]).toEqual([2, 8])
    expect(first.shape).toBe(1 + 70)
    expect(first.scale).toBeCloseTo(1 / (0.2 + 63), 14)
    for (const w of r.windows) for (const q of RT_QUANTILES) expect(gammaCdf(w.quantiles[q], w.shape, w.scale)).toBeCloseTo(Number(q), 10)
  })

  it('a small case by hand, with imported cases infecting but not counted as offspring', () => {
    // Day:      1  2  3  4
    // local:    2  3  0  4   (day 1's local cases are taken as imported)
    // imported: 1  0  2  0
    // total:    3  3  2  4 ; Λ_2 = 0.5·3 = 1.5; Λ_3 = 0.5·3 + 0.3·3 = 2.4; Λ_4 = 0.5·2 + 0.3·3 + 0.2·3 = 2.5
    const r = estimateR({ local: [2, 3, 0, 4], imported: [1, 0, 2, 0], si, tStart: [2, 3], tEnd: [3, 4], meanPrior: 2, stdPrior: 1 })
    expect(r.firstDayLocalMoved).toBe(2)
    const priorShape = 4
    const priorScale = 0.5
    expect(r.windows).toHaveLength(2)
    expect(r.windows[0]!.shape).toBe(priorShape + 3)
    expect(r.windows[0]!.scale).toBeCloseTo(1 / (1 / priorScale + 1.5 + 2.4), 14)
    expect(r.windows[1]!.shape).toBe(priorShape + 4)
    expect(r.windows[1]!.scale).toBeCloseTo(1 / (1 / priorScale + 2.4 + 2.5), 14)
    // The same cases all local from day 2 on raise the evidence, not the infectivity of imported ones.
    const allLocal = estimateR({ local: [3, 3, 2, 4], si, tStart: [2, 3], tEnd: [3, 4], meanPrior: 2, stdPrior: 1 })
    expect(allLocal.windows[0]!.shape).toBe(priorShape + 5)
    expect(allLocal.windows[0]!.scale).toBe(r.windows[0]!.scale)
  })

  it('windows ending before the serial interval mean are left out', () => {
    const r = estimateR({ local: new Array(20).fill(3), si: { kind: 'parametric', mean: 9.5, sd: 2 }, window: 3 })
    expect(r.windows[0]!.tEnd).toBeGreaterThan(r.siMean)
    expect(r.windows[0]!.tEnd).toBe(Math.floor(r.siMean) + 1)
  })

  it('no cases at all leave the prior', () => {
    const r = estimateR({ local: new Array(10).fill(0), si, window: 7 })
    for (const w of r.windows) {
      expect(w.mean).toBe(5)
      expect(w.std).toBe(5)
      // The prior is exponential (shape 1): its quantiles have a closed form.
      expect(w.quantiles['0.5']).toBeCloseTo(5 * Math.LN2, 12)
    }
  })

  it('refuses unusable input with a Vietnamese message', () => {
    const fails = (input: RtInput) => {
      try {
        estimateR(input)
      } catch (err) {
        expect(err).toBeInstanceOf(AnalyticsInputError)
        return err as AnalyticsInputError
      }
      throw new Error('accepted')
    }
    expect(fails({ local: [1, 2, 3], si, window: 7 }).code).toBe('RT_WINDOW_TOO_LONG')
    expect(fails({ local: [1, -2, 3, 4, 5, 6, 7, 8, 9], si }).message).toContain('không âm')
    expect(fails({ local: new Array(9).fill(1), si: { kind: 'distribution', distr: [0.1, 0.5, 0.4] } }).message).toContain('ngày 0 phải bằng 0')
    expect(fails({ local: new Array(9).fill(1), si: { kind: 'distribution', distr: [0, 0.5, 0.4] } }).message).toContain('Tổng các xác suất')
    expect(fails({ local: new Array(9).fill(1), si: { kind: 'parametric', mean: 0.8, sd: 1 } }).code).toBe('RT_BAD_SI')
    expect(fails({ local: new Array(9).fill(1), imported: [1], si }).code).toBe('RT_LENGTHS')
    expect(fails({ local: new Array(9).fill(1), si, tStart: [1], tEnd: [3] }).code).toBe('RT_BAD_WINDOWS')
  })
})

describe('gamma quantiles', () => {
  it('agree with R qgamma over shapes from 0.01 to 100,000', () => {
    let n = 0
    for (const r of reference.qgamma as { shape: number; scale: number; p: number[]; q: number[] }[]) {
      r.p.forEach((p, i) => {
        const q = gammaQuantile(p, r.shape, r.scale)
        const expected = r.q[i]!
        if (expected === 0) expect(q).toBeLessThan(1e-300)
        else expect(Math.abs(q - expected) / expected, `shape ${r.shape} scale ${r.scale} p ${p}`).toBeLessThan(1e-10)
        n++
      })
    }
    expect(n).toBeGreaterThan(400)
  })
  it('of shape 1 are those of the exponential distribution', () => {
    for (const scale of [0.01, 1, 7.5]) for (const p of [1e-8, 0.025, 0.5, 0.975, 1 - 1e-9]) expect(gammaQuantile(p, 1, scale)).toBeCloseTo(-scale * Math.log1p(-p), 10)
  })
  it('of shape 1/2 are those of a halved chi-square with one degree of freedom (a squared normal)', () => {
    // P(1/2, x) = erf(√x): the quartiles of |Z| are 0.6744897501960817 (median of |Z|) etc.
    const medianAbsZ = 0.6744897501960817
    expect(gammaQuantile(0.5, 0.5, 2)).toBeCloseTo(medianAbsZ ** 2, 12)
  })
  it('invert the distribution function', () => {
    for (const shape of [0.2, 1.7, 12, 420, 9000]) {
      for (const p of [0.001, 0.025, 0.3, 0.5, 0.9, 0.975, 0.999]) expect(gammaCdf(gammaQuantile(p, shape, 3), shape, 3)).toBeCloseTo(p, 10)
    }
  })
})
