// The gamma function and distribution: what the posterior of the reproduction number needs (its
// quantiles) and the discretised serial interval (its distribution function). Pure numerics, no I/O.

const LANCZOS_G = 7
// Lanczos coefficients for g = 7, n = 9 (relative error about 1e-15 for positive arguments).
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
]
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI)

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0 (got ${x})`)
  // Reflection keeps the approximation where it is accurate: Γ(x)Γ(1−x) = π / sin(πx).
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x)
  const z = x - 1
  let sum = LANCZOS[0]!
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i)
  const t = z + LANCZOS_G + 0.5
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum)
}

const EPS = 1e-16
const TINY = 1e-300
const MAX_ITERATIONS = 1_000_000

/** ln of x^a e^−x / Γ(a): the common factor of both incomplete gamma expansions. */
function logPrefactor(a: number, x: number, lnGammaA: number): number {
  return a * Math.log(x) - x - lnGammaA
}

/** P(a, x) by its power series (converges fast for x < a + 1). */
function lowerSeries(a: number, x: number, lnGammaA: number): number {
  let ap = a
  let term = 1 / a
  let sum = term
  for (let n = 0; n < MAX_ITERATIONS; n++) {
    ap += 1
    term *= x / ap
    sum += term
    if (Math.abs(term) < Math.abs(sum) * EPS) break
  }
  return sum * Math.exp(logPrefactor(a, x, lnGammaA))
}

/** Q(a, x) by its continued fraction, evaluated by the modified Lentz method (for x ≥ a + 1). */
function upperFraction(a: number, x: number, lnGammaA: number): number {
  let b = x + 1 - a
  let c = 1 / TINY
  let d = 1 / b
  let h = d
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < TINY) d = TINY
    c = b + an / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const step = d * c
    h *= step
    if (Math.abs(step - 1) < EPS) break
  }
  return Math.exp(logPrefactor(a, x, lnGammaA)) * h
}

function checkShape(a: number): void {
  if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`the shape must be a positive number (got ${a})`)
}

/** The regularised lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a). */
export function gammaP(a: number, x: number, lnGammaA = logGamma(a)): number {
  checkShape(a)
  if (Number.isNaN(x)) return Number.NaN
  if (x <= 0) return 0
  if (x === Number.POSITIVE_INFINITY) return 1
  return x < a + 1 ? lowerSeries(a, x, lnGammaA) : 1 - upperFraction(a, x, lnGammaA)
}

/** The regularised upper incomplete gamma function Q(a, x) = 1 − P(a, x), accurate in the far tail. */
export function gammaQ(a: number, x: number, lnGammaA = logGamma(a)): number {
  checkShape(a)
  if (Number.isNaN(x)) return Number.NaN
  if (x <= 0) return 1
  if (x === Number.POSITIVE_INFINITY) return 0
  return x < a + 1 ? 1 - lowerSeries(a, x, lnGammaA) : upperFraction(a, x, lnGammaA)
}

/** The distribution function of a gamma distribution of `shape` and `scale` at x. */
export function gammaCdf(x: number, shape: number, scale: number): number {
  if (!(scale > 0)) throw new RangeError(`the scale must be positive (got ${scale})`)
  return gammaP(shape, x / scale)
}

// Coefficients of P. J. Acklam's rational approximation of the standard normal quantile (relative
// error below 1.2e-9): the starting point of the gamma quantile search.
const NQ_A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239]
const NQ_B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
const NQ_C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
const NQ_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]

/** The p-quantile of the standard normal distribution, 0 < p < 1 (to about 1e-9). */
export function normalQuantile(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = NQ_A as [number, number, number, number, number, number]
  const [b0, b1, b2, b3, b4] = NQ_B as [number, number, number, number, number]
  const [c0, c1, c2, c3, c4, c5] = NQ_C as [number, number, number, number, number, number]
  const [d0, d1, d2, d3] = NQ_D as [number, number, number, number]
  const low = 0.02425
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p))
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p))
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
  }
  const q = p - 0.5
  const r = q * q
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
}

/**
 * A first guess at the p-quantile of the standard gamma distribution of shape a: the
 * Wilson–Hilferty cube-root normal approximation for a > 1 (close for large shapes), and for a ≤ 1
 * the inverse of the series' leading term (lower part) or of the exponential tail (upper part).
 */
function initialGuess(a: number, p: number, lnGammaA: number): number {
  if (a > 1) {
    const z = normalQuantile(p)
    const s = 1 - 1 / (9 * a) + z / (3 * Math.sqrt(a))
    return Math.max(1e-3, a * s * s * s)
  }
  const t = 1 - a * (0.253 + a * 0.12)
  if (p < t) return Math.exp((Math.log(p) + lnGammaA + Math.log(a)) / a)
  return 1 - Math.log(1 - (p - t) / (1 - t))
}

/**
 * The p-quantile of the standard gamma distribution of shape a: the x with P(a, x) = p, by Halley
 * steps on P (on Q above the median, where 1 − p keeps its precision) kept inside a bracket that
 * every evaluation narrows; a step leaving the bracket is replaced by bisection. Halley's method
 * converges cubically: once a step moves x by less than a millionth, the next error is far below
 * the precision of a double, and that step's result is answered.
 */
export function gammaPInverse(a: number, p: number, lnGammaA = logGamma(a)): number {
  checkShape(a)
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must lie in [0, 1] (got ${p})`)
  if (p === 0) return 0
  if (p === 1) return Number.POSITIVE_INFINITY
  const upper = p > 0.5
  const target = upper ? 1 - p : p
  // f(x) increases with x in both forms: P(a, x) − p, or (1 − p) − Q(a, x).
  const f = (x: number) => (upper ? target - gammaQ(a, x, lnGammaA) : gammaP(a, x, lnGammaA) - target)
  // Far in the lower tail of a small shape the quantile is P's leading term inverted, maybe below the
  // smallest positive number.
  if (!upper && a < 1) {
    const lead = (Math.log(target) + lnGammaA + Math.log(a)) / a
    if (lead < -700) return Math.exp(lead)
  }
  let lo = 0
  let hi = Number.POSITIVE_INFINITY
  let x = initialGuess(a, p, lnGammaA)
  if (!(x > 0) || !Number.isFinite(x)) x = a
  let lastStep = Number.POSITIVE_INFINITY
  for (let i = 0; i < 400; i++) {
    const fx = f(x)
    if (fx === 0) return x
    if (fx < 0) lo = x
    else hi = x
    const density = Math.exp((a - 1) * Math.log(x) - x - lnGammaA)
    let next: number
    let halley = false
    if (density > 0 && Number.isFinite(density)) {
      const t = fx / density
      // Halley's correction uses d/dx ln(density) = (a − 1)/x − 1; it is damped so that it cannot flip the step.
      const correction = Math.min(1, Math.max(-1, 0.5 * t * ((a - 1) / x - 1)))
      next = x - t / (1 - correction)
      halley = true
    } else {
      next = Number.NaN
    }
    if (!(next > lo && next < hi)) {
      next = hi === Number.POSITIVE_INFINITY ? Math.max(2 * x, x + 1) : (lo + hi) / 2
      halley = false
    }
    const step = Math.abs(next - x)
    if (step <= 1e-15 * Math.max(x, next) || (Number.isFinite(hi) && hi - lo <= 4e-16 * hi)) return next
    // Two Halley steps in a row, the second tiny: converged.
    if (halley && step < 1e-6 * next && lastStep < 1e-2 * x) return next
    lastStep = halley ? step : Number.POSITIVE_INFINITY
    x = next
  }
  return x
}

/** Several quantiles of one gamma distribution of `shape` and `scale` (its ln Γ computed once). */
export function gammaQuantiles(probabilities: readonly number[], shape: number, scale: number): number[] {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`the scale must be a positive number (got ${scale})`)
  checkShape(shape)
  const lnGammaA = logGamma(shape)
  return probabilities.map((p) => scale * gammaPInverse(shape, p, lnGammaA))
}

/** The p-quantile of a gamma distribution of `shape` and `scale`. */
export function gammaQuantile(p: number, shape: number, scale: number): number {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`the scale must be a positive number (got ${scale})`)
  return scale * gammaPInverse(shape, p)
}
