import { ADULT_GROUPS, AGE_GROUPS, type AgeGroup, type Measure } from './groups.ts'
import { paceToTarget, type Pace, shareOf } from './pace.ts'

/**
 * Coverage of a unit from its aggregate figures: the dose sums per age group and high-risk flag
 * (summed in SQL, never dose rows) and the denominators per group.
 *
 * - at least one dose: people given dose 1;
 * - fully vaccinated: people given the last dose of their product's primary series (dose 1 of a
 *   single-dose product, dose 2 of a two-dose one, dose 3 of Abdala);
 * - boosted: people given a booster.
 * The whole population is the people aged 5 and over (the groups counted); the high-risk group is
 * everyone 65 and over plus the people under 65 of a high-risk category.
 */
export interface DoseSums {
  ageGroup: AgeGroup
  /** Doses given to people of a high-risk category. */
  risk: boolean
  atLeastOne: number
  fully: number
  boosted: number
  /** The same counted over the last 7 days up to the day of the figures. */
  recentAtLeastOne: number
  recentFully: number
  recentBoosted: number
}

export type Populations = Record<AgeGroup | 'high_risk', number>

export interface Counts {
  atLeastOne: number
  fully: number
  boosted: number
}

export interface GroupCoverage extends Counts {
  population: number
  atLeastOneShare: number | null
  fullyShare: number | null
  boostedShare: number | null
  /** People reaching each measure over the last 7 days. */
  recent: Counts
}

export interface UnitCoverage {
  groups: Record<AgeGroup, GroupCoverage>
  adults: GroupCoverage
  highRisk: GroupCoverage
  all: GroupCoverage
}

const zero = (): Counts => ({ atLeastOne: 0, fully: 0, boosted: 0 })
const add = (a: Counts, b: Counts): Counts => ({ atLeastOne: a.atLeastOne + b.atLeastOne, fully: a.fully + b.fully, boosted: a.boosted + b.boosted })

function group(population: number, counts: Counts, recent: Counts): GroupCoverage {
  return {
    population,
    ...counts,
    atLeastOneShare: shareOf(counts.atLeastOne, population),
    fullyShare: shareOf(counts.fully, population),
    boostedShare: shareOf(counts.boosted, population),
    recent,
  }
}

export function coverageFrom(populations: Populations, sums: readonly DoseSums[]): UnitCoverage {
  const total = {} as Record<AgeGroup, Counts>
  const recent = {} as Record<AgeGroup, Counts>
  let riskUnder65 = zero()
  let riskUnder65Recent = zero()
  for (const g of AGE_GROUPS) {
    total[g] = zero()
    recent[g] = zero()
  }
  for (const s of sums) {
    const c = { atLeastOne: s.atLeastOne, fully: s.fully, boosted: s.boosted }
    const r = { atLeastOne: s.recentAtLeastOne, fully: s.recentFully, boosted: s.recentBoosted }
    total[s.ageGroup] = add(total[s.ageGroup], c)
    recent[s.ageGroup] = add(recent[s.ageGroup], r)
    if (s.risk && s.ageGroup !== '65+') {
      riskUnder65 = add(riskUnder65, c)
      riskUnder65Recent = add(riskUnder65Recent, r)
    }
  }
  const groups = Object.fromEntries(AGE_GROUPS.map((g) => [g, group(populations[g] ?? 0, total[g], recent[g])])) as Record<AgeGroup, GroupCoverage>
  return {
    groups,
    adults: combine(groups, ADULT_GROUPS),
    highRisk: group((populations['65+'] ?? 0) + (populations.high_risk ?? 0), add(total['65+'], riskUnder65), add(recent['65+'], riskUnder65Recent)),
    all: combine(groups, AGE_GROUPS),
  }
}

/** The coverage of several age groups together. */
export function combine(groups: Record<AgeGroup, GroupCoverage>, which: readonly AgeGroup[]): GroupCoverage {
  let counts = zero()
  let recent = zero()
  let population = 0
  for (const g of which) {
    counts = add(counts, groups[g])
    recent = add(recent, groups[g].recent)
    population += groups[g].population
  }
  return group(population, counts, recent)
}

/** The coverage fields of the levels assessment's input; a share without population is left out. */
export interface LevelsCoverage {
  adults18PlusAtLeastOneDose?: number
  elderly65PlusFullyVaccinated?: number
  fullyVaccinated?: number
  highRiskFullyVaccinated?: number
}

export function levelsCoverage(c: UnitCoverage): LevelsCoverage {
  const out: LevelsCoverage = {}
  const set = (k: keyof LevelsCoverage, v: number | null) => {
    if (v !== null) out[k] = v
  }
  set('adults18PlusAtLeastOneDose', c.adults.atLeastOneShare)
  set('elderly65PlusFullyVaccinated', c.groups['65+'].fullyShare)
  set('fullyVaccinated', c.all.fullyShare)
  set('highRiskFullyVaccinated', c.highRisk.fullyShare)
  return out
}

export interface Target {
  measure: Measure
  ageGroups: readonly AgeGroup[]
  share: number
  deadline: string
}

const MEASURE_KEY: Record<Measure, keyof Counts> = { at_least_one: 'atLeastOne', fully: 'fully', boosted: 'boosted' }

/** A unit's progress against a target on `asOf`: its share of the target's groups and the pace needed. */
export function progressTo(c: UnitCoverage, target: Target, asOf: string): Pace {
  const g = combine(c.groups, target.ageGroups)
  const key = MEASURE_KEY[target.measure]
  return paceToTarget({ population: g.population, reached: g[key], targetShare: target.share, asOf, deadline: target.deadline, recentPerDay: g.recent[key] / 7 })
}
