import { AGE_GROUPS, type AgeGroup } from './groups.ts'

/** Whole days from `from` to `to` (yyyy-mm-dd), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** A share 0–1, or null when there is nobody to count (zero population). Capped at 1 (denominators are estimates). */
export function shareOf(count: number, population: number): number | null {
  if (!(population > 0)) return null
  return Math.min(1, Math.max(0, count / population))
}

export type PaceStatus = 'met' | 'on_track' | 'behind' | 'missed' | 'no_population'

export interface PaceInput {
  /** People in the target's groups. */
  population: number
  /** People who have reached the target's measure by `asOf`. */
  reached: number
  /** Target share 0–1. */
  targetShare: number
  /** The day figures are counted to (inclusive). */
  asOf: string
  deadline: string
  /** People reaching the measure per day lately (e.g. over the last 7 days). */
  recentPerDay: number
}

export interface Pace {
  status: PaceStatus
  share: number | null
  targetCount: number
  remaining: number
  /** Days left counting `asOf` itself up to the deadline (0 once it has passed). */
  daysLeft: number
  /** People per day needed from now to meet the target; null when it cannot be met any more or there is nobody to count. */
  perDayNeeded: number | null
  recentPerDay: number
}

/**
 * The daily pace needed to meet a target and whether the unit keeps it: met (already reached), on
 * track (recent pace ≥ needed), behind (slower), missed (deadline passed unmet), or no population.
 */
export function paceToTarget(p: PaceInput): Pace {
  const recentPerDay = Math.max(0, p.recentPerDay)
  if (!(p.population > 0)) return { status: 'no_population', share: null, targetCount: 0, remaining: 0, daysLeft: Math.max(0, daysBetween(p.asOf, p.deadline) + 1), perDayNeeded: null, recentPerDay }
  const targetCount = Math.ceil(p.targetShare * p.population - 1e-9)
  const remaining = Math.max(0, targetCount - p.reached)
  const daysLeft = Math.max(0, daysBetween(p.asOf, p.deadline) + 1)
  const share = shareOf(p.reached, p.population)
  if (remaining === 0) return { status: 'met', share, targetCount, remaining, daysLeft, perDayNeeded: 0, recentPerDay }
  // The figures count `asOf` already: what is left falls to the days after it.
  const daysAfter = daysLeft - 1
  if (daysAfter <= 0) return { status: 'missed', share, targetCount, remaining, daysLeft, perDayNeeded: null, recentPerDay }
  const perDayNeeded = remaining / daysAfter
  return { status: recentPerDay >= perDayNeeded ? 'on_track' : 'behind', share, targetCount, remaining, daysLeft, perDayNeeded, recentPerDay }
}

/** The number of people in `groups` from a unit's denominators. */
export function populationIn(populations: Partial<Record<AgeGroup, number>>, groups: readonly AgeGroup[]): number {
  return groups.reduce((sum, g) => sum + (populations[g] ?? 0), 0)
}

/**
 * Splits a census total over the age groups by the national shares; each group rounded down, so
 * the groups never add up to more than the census.
 */
export function splitByAge(total: number, shares: Partial<Record<AgeGroup | 'high_risk', number>>): Record<AgeGroup | 'high_risk', number> {
  const out = {} as Record<AgeGroup | 'high_risk', number>
  for (const g of [...AGE_GROUPS, 'high_risk'] as const) out[g] = Math.floor(Math.max(0, total) * (shares[g] ?? 0) + 1e-9)
  return out
}
