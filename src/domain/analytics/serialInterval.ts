import { gammaCdf } from './gamma.ts'

// The serial interval as a discrete distribution over days 0, 1, 2…: the interval between the
// symptom onsets of an infector and the person they infected.

/**
 * The gamma distribution of mean `mean` and standard deviation `sd` discretised over the days `0…length−1`
 * as in Cori et al. (2013, web appendix 11) and EpiEstim's `discr_si`: the gamma is that of the
 * serial interval minus one day (shape ((mean−1)/sd)², scale sd²/(mean−1)), and the probability of
 * day k is the integral of a triangular kernel centred on k over it, so that the discrete
 * distribution keeps the continuous mean. Day 0 has probability 0.
 */
export function discretisedGammaSerialInterval(mean: number, sd: number, length: number): number[] {
  if (!(mean > 1)) throw new RangeError(`the mean serial interval must exceed 1 day (got ${mean})`)
  if (!(sd > 0)) throw new RangeError(`the standard deviation must be positive (got ${sd})`)
  const shape = ((mean - 1) / sd) ** 2
  const scale = sd ** 2 / (mean - 1)
  const cdf = (k: number) => (k <= 0 ? 0 : gammaCdf(k, shape, scale))
  const cdf1 = (k: number) => (k <= 0 ? 0 : gammaCdf(k, shape + 1, scale))
  const out: number[] = []
  for (let k = 0; k < length; k++) {
    const p = k * cdf(k) + (k - 2) * cdf(k - 2) - 2 * (k - 1) * cdf(k - 1) + shape * scale * (2 * cdf1(k - 1) - cdf1(k - 2) - cdf1(k))
    out.push(Math.max(0, p))
  }
  return out
}

/** The mean and standard deviation of a discrete distribution over days 0, 1, 2… */
export function distributionMoments(distr: readonly number[]): { mean: number; sd: number } {
  let mean = 0
  let second = 0
  for (let k = 0; k < distr.length; k++) {
    mean += k * distr[k]!
    second += k * k * distr[k]!
  }
  return { mean, sd: Math.sqrt(Math.max(0, second - mean * mean)) }
}
