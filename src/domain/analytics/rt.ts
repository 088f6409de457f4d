import { invalid } from './errors.ts'
import { gammaQuantiles } from './gamma.ts'
import { discretisedGammaSerialInterval, distributionMoments } from './serialInterval.ts'

// The instantaneous reproduction number over time by the method of Cori, Ferguson, Fraser and
// Cauchemez (2013), "A new framework and software to estimate time-varying reproduction numbers
// during epidemics", Am J Epidemiol 178(9):1505–1512 — the method of R's EpiEstim `estimate_R`
// with a known serial interval (parametric or not).
//
// Cases on day t are assumed to arise as Poisson(R · Λ_t), where the infectivity
// Λ_t = Σ_k w_k · I_{t−k} sums all earlier cases (local and imported) weighted by the serial
// interval w. With a gamma prior on R constant over a window [t_start, t_end], the posterior is
// gamma with shape = prior shape + Σ local cases, and 1/scale = 1/prior scale + Σ Λ_t. Imported
// cases infect others but are nobody's offspring here, so they count in Λ only. As in EpiEstim,
// every case of the first day is taken as imported (nothing earlier could have caused it), and a
// window is estimated only once it ends after the serial interval's mean.

/** The posterior quantiles reported for every window (EpiEstim's). */
export const RT_QUANTILES = ['0.025', '0.05', '0.25', '0.5', '0.75', '0.95', '0.975'] as const
export type RtQuantile = (typeof RT_QUANTILES)[number]
const QUANTILE_PROBABILITIES = RT_QUANTILES.map(Number)

export type SerialInterval =
  /** A gamma of this mean and standard deviation (days), discretised (`parametric_si`). */
  | { kind: 'parametric'; mean: number; sd: number }
  /** A discrete distribution over days 0, 1, 2…, day 0 having probability 0 (`non_parametric_si`). */
  | { kind: 'distribution'; distr: readonly number[] }

export interface RtInput {
  /** Local cases per day, the first day first (consecutive days). */
  local: readonly number[]
  /** Imported cases per day (zeros when absent). */
  imported?: readonly number[] | undefined
  si: SerialInterval
  /** Sliding windows of this many days (default 7): t_start = 2…T−window+1, t_end = t_start+window−1. */
  window?: number | undefined
  /** Explicit windows (1-based day numbers) instead of sliding ones. */
  tStart?: readonly number[] | undefined
  tEnd?: readonly number[] | undefined
  /** The gamma prior on R: mean and standard deviation (default 5 and 5). */
  meanPrior?: number | undefined
  stdPrior?: number | undefined
}

export interface RtWindow {
  /** First and last day of the window, counted from 1 as the input's first day. */
  tStart: number
  tEnd: number
  mean: number
  std: number
  quantiles: Record<RtQuantile, number>
  /** The posterior gamma. */
  shape: number
  scale: number
  /** Local cases in the window (the posterior's evidence). */
  localCases: number
}

export interface RtResult {
  windows: RtWindow[]
  /** The discrete serial interval used, from day 0, and its mean and standard deviation. */
  si: number[]
  siMean: number
  siSd: number
  prior: { mean: number; std: number; shape: number; scale: number }
  /** Local cases of the first day, counted as imported. */
  firstDayLocalMoved: number
}

export const DEFAULT_WINDOW = 7
export const DEFAULT_PRIOR = { mean: 5, std: 5 } as const
/** The tolerance on a given distribution's total (EpiEstim's). */
export const SI_SUM_TOLERANCE = 0.01

const fmt = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 4 })

function checkCounts(name: string, values: readonly number[]): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (!Number.isFinite(v) || v < 0) throw invalid('RT_BAD_COUNT', `Số ca ${name} của ngày thứ ${i + 1} phải là số không âm (đang là ${v}).`)
  }
}

/** Problems of a given serial interval distribution, in Vietnamese (none: usable). */
export function serialIntervalProblems(distr: readonly number[]): string[] {
  const problems: string[] = []
  if (distr.length < 2) problems.push('Phân bố khoảng nối tiếp cần ít nhất 2 giá trị (ngày 0 và ngày 1).')
  const bad = distr.findIndex((p) => !Number.isFinite(p) || p < 0)
  if (bad >= 0) problems.push(`Xác suất của ngày ${bad} phải là số không âm (đang là ${distr[bad]}).`)
  if (distr.length > 0 && distr[0] !== 0) problems.push(`Xác suất của ngày 0 phải bằng 0 (đang là ${distr[0]}): người bệnh không lây cho người khác khởi phát cùng ngày.`)
  const sum = distr.reduce((a, b) => a + b, 0)
  if (bad < 0 && Math.abs(sum - 1) > SI_SUM_TOLERANCE) problems.push(`Tổng các xác suất phải bằng 1 (sai lệch tối đa ${fmt(SI_SUM_TOLERANCE)}); đang là ${fmt(sum)}.`)
  return problems
}

/** Problems of a parametric serial interval, in Vietnamese. */
export function parametricProblems(mean: number, sd: number): string[] {
  const problems: string[] = []
  if (!Number.isFinite(mean) || mean <= 1) problems.push(`Khoảng nối tiếp trung bình phải lớn hơn 1 ngày (đang là ${mean}).`)
  if (!Number.isFinite(sd) || sd <= 0) problems.push(`Độ lệch chuẩn của khoảng nối tiếp phải lớn hơn 0 (đang là ${sd}).`)
  return problems
}

/** The posterior of R over each window, with its mean, standard deviation and quantiles. */
export function estimateR(input: RtInput): RtResult {
  const T = input.local.length
  const imported = input.imported ?? new Array<number>(T).fill(0)
  if (imported.length !== T) throw invalid('RT_LENGTHS', 'Số ngày của ca tại chỗ và ca xâm nhập phải bằng nhau.')
  checkCounts('tại chỗ', input.local)
  checkCounts('xâm nhập', imported)
  const window = input.window ?? DEFAULT_WINDOW
  if (!Number.isInteger(window) || window < 1) throw invalid('RT_BAD_WINDOW', `Độ dài cửa sổ phải là số nguyên dương (đang là ${window}).`)

  let tStart: number[]
  let tEnd: number[]
  if (input.tStart || input.tEnd) {
    tStart = [...(input.tStart ?? [])]
    tEnd = [...(input.tEnd ?? [])]
    if (tStart.length !== tEnd.length) throw invalid('RT_BAD_WINDOWS', 'Danh sách ngày bắt đầu và ngày kết thúc của các cửa sổ phải dài bằng nhau.')
    for (let i = 0; i < tStart.length; i++) {
      const s = tStart[i]!
      const e = tEnd[i]!
      if (!Number.isInteger(s) || !Number.isInteger(e) || s < 2 || e > T || s > e) {
        throw invalid('RT_BAD_WINDOWS', `Cửa sổ thứ ${i + 1} (${s}–${e}) phải nằm trong ngày 2–${T} và bắt đầu không sau khi kết thúc.`)
      }
    }
  } else {
    if (T < 2 || window > T - 1) {
      throw invalid('RT_WINDOW_TOO_LONG', `Cửa sổ ${window} ngày dài hơn số liệu: cần ít nhất ${window + 1} ngày liên tiếp (đang có ${T}).`)
    }
    tStart = []
    tEnd = []
    for (let s = 2; s <= T - window + 1; s++) {
      tStart.push(s)
      tEnd.push(s + window - 1)
    }
  }

  const meanPrior = input.meanPrior ?? DEFAULT_PRIOR.mean
  const stdPrior = input.stdPrior ?? DEFAULT_PRIOR.std
  if (!(meanPrior > 0) || !(stdPrior > 0) || !Number.isFinite(meanPrior) || !Number.isFinite(stdPrior)) {
    throw invalid('RT_BAD_PRIOR', 'Trung bình và độ lệch chuẩn của phân bố tiên nghiệm phải là số dương.')
  }
  const priorShape = (meanPrior / stdPrior) ** 2
  const priorScale = stdPrior ** 2 / meanPrior

  let si: number[]
  if (input.si.kind === 'parametric') {
    const problems = parametricProblems(input.si.mean, input.si.sd)
    if (problems.length) throw invalid('RT_BAD_SI', problems.join(' '))
    // Over the days of the data, as EpiEstim does (its mean is then that of the truncated distribution).
    si = discretisedGammaSerialInterval(input.si.mean, input.si.sd, T)
  } else {
    const problems = serialIntervalProblems(input.si.distr)
    if (problems.length) throw invalid('RT_BAD_SI', problems.join(' '))
    si = [...input.si.distr]
  }
  const { mean: siMean, sd: siSd } = distributionMoments(si)

  // The first day's cases are all imported; total incidence drives infectivity.
  const local = [...input.local]
  const firstDayLocalMoved = local[0] ?? 0
  local[0] = 0
  const total = local.map((l, i) => l + imported[i]! + (i === 0 ? firstDayLocalMoved : 0))

  // Λ_t for t = 2…T (index t−1), and prefix sums of Λ and of local cases.
  const lambdaSums = new Float64Array(T + 1)
  const localSums = new Float64Array(T + 1)
  const lags = Math.min(si.length, T)
  for (let t = 1; t <= T; t++) {
    let lambda = 0
    if (t >= 2) {
      const maxLag = Math.min(t - 1, lags - 1)
      for (let k = 1; k <= maxLag; k++) lambda += si[k]! * total[t - 1 - k]!
    }
    lambdaSums[t] = lambdaSums[t - 1]! + lambda
    localSums[t] = localSums[t - 1]! + local[t - 1]!
  }

  const windows: RtWindow[] = []
  for (let i = 0; i < tStart.length; i++) {
    const s = tStart[i]!
    const e = tEnd[i]!
    if (!(e > siMean)) continue
    const localCases = localSums[e]! - localSums[s - 1]!
    const shape = priorShape + localCases
    const scale = 1 / (1 / priorScale + (lambdaSums[e]! - lambdaSums[s - 1]!))
    const values = gammaQuantiles(QUANTILE_PROBABILITIES, shape, scale)
    const quantiles = {} as Record<RtQuantile, number>
    RT_QUANTILES.forEach((q, k) => {
      quantiles[q] = values[k]!
    })
    windows.push({ tStart: s, tEnd: e, mean: shape * scale, std: Math.sqrt(shape) * scale, quantiles, shape, scale, localCases })
  }
  return { windows, si, siMean, siSd, prior: { mean: meanPrior, std: stdPrior, shape: priorShape, scale: priorScale }, firstDayLocalMoved }
}
