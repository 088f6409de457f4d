// Simple epidemic indicators as pure functions: incidence per 100,000, its rolling 7-day sum, test
// positivity and the doubling (or halving) time of weekly cases.

/** `cases` per 100,000 people; null without a population. */
export function per100k(cases: number, population: number | null | undefined): number | null {
  if (!population || population <= 0) return null
  return (cases / population) * 100_000
}

/** Sums of the last `days` values ending on each day (the first days sum what there is). */
export function rollingSums(values: readonly number[], days = 7): number[] {
  const out: number[] = []
  let sum = 0
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!
    if (i >= days) sum -= values[i - days]!
    out.push(sum)
  }
  return out
}

/**
 * Cases of the last 7 days per 100,000 people, day by day; null for the first six days (not a
 * full week) and without a population.
 */
export function sevenDayIncidencePer100k(daily: readonly number[], population: number | null | undefined): (number | null)[] {
  return rollingSums(daily, 7).map((s, i) => (i < 6 ? null : per100k(s, population)))
}

/** Positive results among results; null when there are none. */
export function positivity(positive: number, results: number): number | null {
  if (!(results > 0)) return null
  return positive / results
}

/**
 * The doubling time in days of cases growing exponentially from `previous` (over one period) to
 * `current` (over the next, `periodDays` later): periodDays · ln 2 / ln(current / previous).
 * Negative when cases fall: the halving time, with a minus sign. Null when either count is zero
 * or they are equal (no growth to measure).
 */
export function doublingTime(previous: number, current: number, periodDays = 7): number | null {
  if (!(previous > 0) || !(current > 0) || previous === current) return null
  return (periodDays * Math.LN2) / Math.log(current / previous)
}

/**
 * The doubling time of daily cases at each day, from the 7-day total ending that day and the one
 * ending a week earlier; null before two full weeks and where `doublingTime` is.
 */
export function doublingTimes(daily: readonly number[]): (number | null)[] {
  const weekly = rollingSums(daily, 7)
  return weekly.map((w, i) => (i < 13 ? null : doublingTime(weekly[i - 7]!, w, 7)))
}
