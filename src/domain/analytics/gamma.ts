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

/**
 * A first guess at the p-quantile of the standard gamma distribution of shape a: the
 * Wilson–Hilferty cube-root normal approximation for a > 1, and for a ≤ 1 the inverse of the
 * series' leading term (lower part) or of the exponential tail (upper part).
 */
function initialGuess(a: number, p: number): number {
  if (a > 1) {
    const pp = p < 0.5 ? p : 1 - p
    const t = Math.sqrt(-2 * Math.log(pp))
    // A rational approximation of the standard normal quantile (absolute error below 3e-3).
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t
    if (p >= 0.5) z = -z
    const s = 1 - 1 / (9 * a) - z / (3 * Math.sqrt(a))
    return Math.max(1e-3, a * s * s * s)
  }
  const t = 1 - a * (0.253 + a * 0.12)
  if (p < t) return Math.exp((Math.log(p) + logGamma(a + 1)) / a)
  return 1 - Math.log(1 - (p - t) / (1 - t))
}

/**
 * The p-quantile of the standard gamma distribution of shape a: the x with P(a, x) = p, by Halley
 * steps on P (on Q above the median, where 1 − p keeps its precision) kept inside a bracket that
 * every evaluation narrows; a step leaving the bracket is replaced by bisection.
 */
export function gammaPInverse(a: number, p: number): number {
  checkShape(a)
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must lie in [0, 1] (got ${p})`)
  if (p === 0) return 0
  if (p === 1) return Number.POSITIVE_INFINITY
  const lnGammaA = logGamma(a)
  const upper = p > 0.5
  const target = upper ? 1 - p : p
  // f(x) increases with x in both forms: P(a, x) − p, or (1 − p) − Q(a, x).
  const f = (x: number) => (upper ? target - gammaQ(a, x, lnGammaA) : gammaP(a, x, lnGammaA) - target)
  // Far in the lower tail of a small shape the quantile is P's leading term inverted, maybe below the
  // smallest positive number.
  if (!upper && a < 1) {
    const lead = (Math.log(target) + logGamma(a + 1)) / a
    if (lead < -700) return Math.exp(lead)
  }
  let lo = 0
  let hi = Number.POSITIVE_INFINITY
  let x = initialGuess(a, p)
  if (!(x > 0) || !Number.isFinite(x)) x = a
  for (let i = 0; i < 400; i++) {
    const fx = f(x)
    if (fx === 0) return x
    if (fx < 0) lo = x
    else hi = x
    const logDensity = (a - 1) * Math.log(x) - x - lnGammaA
    const density = Math.exp(logDensity)
    let next: number
    if (density > 0 && Number.isFinite(density)) {
      const t = fx / density
      // Halley's correction uses d/dx ln(density) = (a − 1)/x − 1; it is damped so that it cannot flip the step.
      const correction = Math.min(1, Math.max(-1, 0.5 * t * ((a - 1) / x - 1)))
      next = x - t / (1 - correction)
    } else {
      next = Number.NaN
    }
    if (!(next > lo && next < hi)) next = hi === Number.POSITIVE_INFINITY ? Math.max(2 * x, x + 1) : (lo + hi) / 2
    if (Math.abs(next - x) <= 1e-15 * Math.max(x, next) || (Number.isFinite(hi) && hi - lo <= 4e-16 * hi)) return next
    x = next
  }
  return x
}

/** The p-quantile of a gamma distribution of `shape` and `scale`. */
export function gammaQuantile(p: number, shape: number, scale: number): number {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`the scale must be a positive number (got ${scale})`)
  return scale * gammaPInverse(shape, p)
}
