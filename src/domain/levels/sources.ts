/**
 * Where each figure of a weekly assessment came from. A week assessed from the data takes the case
 * counts from surveillance, the oxygen patients and beds from care (the treatment tower), the
 * coverage from vaccination (aggregate doses) and the population from the unit registry; where a
 * context holds nothing for a unit, the figure entered or imported for the unit is kept (this
 * week's, else the latest week's, carried over). The sources are stored beside the inputs and
 * shown beside every indicator.
 */

export const INPUT_SOURCES = ['surveillance', 'care', 'vaccination', 'registry', 'entered', 'imported', 'carried'] as const
export type InputSource = (typeof INPUT_SOURCES)[number]

export const INPUT_SOURCE_VI: Record<InputSource, string> = {
  surveillance: 'giám sát ca bệnh',
  care: 'điều trị (tháp 3 tầng)',
  vaccination: 'tiêm chủng',
  registry: 'danh mục đơn vị',
  entered: 'nhập tay',
  imported: 'nhập từ tệp',
  carried: 'số liệu tuần trước',
}

/** The figures whose source is recorded, as paths of the assessment input ("coverage.fullyVaccinated"). */
export const COVERAGE_KEYS = ['adults18PlusAtLeastOneDose', 'elderly65PlusFullyVaccinated', 'fullyVaccinated', 'highRiskFullyVaccinated'] as const
export type CoverageKey = (typeof COVERAGE_KEYS)[number]
export const CAPACITY_KEYS = ['adequate', 'freeBedsPer100k', 'icuBeds'] as const
export type CapacityKey = (typeof CAPACITY_KEYS)[number]
export const COUNT_KEYS = ['communityCases7d', 'cases7d', 'oxygenPatients7d', 'deaths7d'] as const
export type CountKey = (typeof COUNT_KEYS)[number]

export type SourceField = 'population' | CountKey | `coverage.${CoverageKey}` | `capacity.${CapacityKey}`
export type Sources = Partial<Record<SourceField, InputSource>>

/** The input field an indicator is computed from (null for the steps that combine others). */
export function indicatorField(name: string): SourceField | null {
  const m = /^(communityCases|cases|oxygenPatients|deaths)Per100k$/.exec(name)
  if (m) return `${m[1]}7d` as CountKey
  if ((COVERAGE_KEYS as readonly string[]).includes(name)) return `coverage.${name}` as SourceField
  if (name.startsWith('capacity.') && (CAPACITY_KEYS as readonly string[]).includes(name.slice(9))) return name as SourceField
  return null
}

/** The source of the figure behind an indicator, if recorded. */
export function indicatorSource(name: string, sources: Sources | null | undefined): InputSource | null {
  const f = indicatorField(name)
  return (f && sources?.[f]) || null
}

type Counts = Record<CountKey | 'communityCasesPrev7d' | 'casesPrev7d' | 'oxygenPatientsPrev7d' | 'deathsPrev7d', number>

/** The figures found for one commune in the other contexts and what was entered for it. */
export interface WeekFigures {
  /** Counted from the surveillance tables (oxygen: severe and critical cases). */
  surveillance: Counts
  care: {
    /** The province's treatment tower is recorded: care's oxygen counts stand, zero included. */
    recorded: boolean
    oxygen: { oxygenPatients7d: number; oxygenPatientsPrev7d: number } | null
    /** The serving unit's free beds per 100,000 and free ICU beds, when it has facilities. */
    beds: { freeBedsPer100k: number | null; icuFree: number } | null
    stations: { stations: number; withOxygen: number } | null
  }
  /** Coverage from the vaccination figures; `hasDoses` false when none was recorded. */
  vaccination: { coverage: Partial<Record<CoverageKey, number>>; hasDoses: boolean } | null
  /** The figures entered or imported for the unit: this week's row, else the latest week's. */
  known: { inputs: Record<string, unknown>; sources: Sources; rowSource: 'entered' | 'imported' | 'surveillance'; thisWeek: boolean } | null
}

/** The source a known figure keeps: its own this week, "carried" from an earlier week. */
function knownSource(known: NonNullable<WeekFigures['known']>, field: SourceField): InputSource {
  if (!known.thisWeek) return 'carried'
  return known.sources[field] ?? (known.rowSource === 'surveillance' ? 'carried' : known.rowSource)
}

/**
 * A commune's inputs for the week from the other contexts, each figure with its source: cases and
 * deaths from surveillance; oxygen patients from care when the tower is recorded, else from
 * surveillance; each coverage share from vaccination when doses were recorded there, else as
 * entered; free beds and ICU beds from care when the serving unit has facilities, else as entered;
 * the commune's readiness as entered, else from care (a station with oxygen on hand); the
 * population as entered, else the registry's (left to the caller).
 */
export function mergeWeekInputs(f: WeekFigures): { inputs: Record<string, unknown>; sources: Sources } {
  const sources: Sources = {}
  const known = f.known
  const inputs: Record<string, unknown> = { ...f.surveillance }
  for (const k of ['communityCases7d', 'cases7d', 'deaths7d'] as const) sources[k] = 'surveillance'
  if (f.care.recorded) {
    inputs.oxygenPatients7d = f.care.oxygen?.oxygenPatients7d ?? 0
    inputs.oxygenPatientsPrev7d = f.care.oxygen?.oxygenPatientsPrev7d ?? 0
    sources.oxygenPatients7d = 'care'
  } else sources.oxygenPatients7d = 'surveillance'

  if (known && typeof known.inputs.population === 'number') {
    inputs.population = known.inputs.population
    sources.population = knownSource(known, 'population')
  } else sources.population = 'registry'

  const knownCoverage = (known?.inputs.coverage ?? {}) as Record<string, unknown>
  const coverage: Record<string, number> = {}
  for (const k of COVERAGE_KEYS) {
    const fromDoses = f.vaccination?.hasDoses ? f.vaccination.coverage[k] : undefined
    if (fromDoses !== undefined) {
      coverage[k] = fromDoses
      sources[`coverage.${k}`] = 'vaccination'
    } else if (known && typeof knownCoverage[k] === 'number') {
      coverage[k] = knownCoverage[k] as number
      sources[`coverage.${k}`] = knownSource(known, `coverage.${k}`)
    }
  }
  if (Object.keys(coverage).length > 0) inputs.coverage = coverage

  const knownCapacity = (known?.inputs.capacity ?? {}) as Record<string, unknown>
  const capacity: Record<string, number | boolean> = {}
  const fromKnown = (k: CapacityKey) => {
    if (known && knownCapacity[k] !== undefined) {
      capacity[k] = knownCapacity[k] as number | boolean
      sources[`capacity.${k}`] = knownSource(known, `capacity.${k}`)
    }
  }
  const beds = f.care.beds
  if (beds && beds.freeBedsPer100k !== null) {
    capacity.freeBedsPer100k = beds.freeBedsPer100k
    sources['capacity.freeBedsPer100k'] = 'care'
  } else fromKnown('freeBedsPer100k')
  if (beds) {
    capacity.icuBeds = beds.icuFree
    sources['capacity.icuBeds'] = 'care'
  } else fromKnown('icuBeds')
  fromKnown('adequate')
  if (capacity.adequate === undefined && f.care.stations) {
    capacity.adequate = f.care.stations.withOxygen > 0
    sources['capacity.adequate'] = 'care'
  }
  if (Object.keys(capacity).length > 0) inputs.capacity = capacity
  return { inputs, sources }
}

/** The sources of figures entered or imported for a unit: each field given, and the population from the registry unless given. */
export function enteredSources(inputs: Record<string, unknown>, source: 'entered' | 'imported'): Sources {
  const sources: Sources = { population: typeof inputs.population === 'number' ? source : 'registry' }
  for (const k of COUNT_KEYS) if (inputs[k] !== undefined) sources[k] = source
  const coverage = (inputs.coverage ?? {}) as Record<string, unknown>
  for (const k of COVERAGE_KEYS) if (coverage[k] !== undefined) sources[`coverage.${k}`] = source
  const capacity = (inputs.capacity ?? {}) as Record<string, unknown>
  for (const k of CAPACITY_KEYS) if (capacity[k] !== undefined) sources[`capacity.${k}`] = source
  return sources
}

/** One line for the reasons: which figure came from where. */
export function sourcesLine(sources: Sources): string {
  const by = new Map<InputSource, string[]>()
  const label: Record<string, string> = {
    population: 'dân số',
    communityCases7d: 'ca tại cộng đồng',
    cases7d: 'ca mắc mới',
    oxygenPatients7d: 'người bệnh thở ô xy',
    deaths7d: 'tử vong',
    'coverage.adults18PlusAtLeastOneDose': 'người từ 18 tuổi tiêm ≥ 1 liều',
    'coverage.elderly65PlusFullyVaccinated': 'người từ 65 tuổi tiêm đủ liều',
    'coverage.fullyVaccinated': 'dân số tiêm đủ liều',
    'coverage.highRiskFullyVaccinated': 'nhóm nguy cơ cao tiêm đủ liều',
    'capacity.adequate': 'sẵn sàng thu dung, chăm sóc',
    'capacity.freeBedsPer100k': 'giường trống/100.000 dân',
    'capacity.icuBeds': 'giường hồi sức tích cực trống',
  }
  for (const [field, src] of Object.entries(sources) as [SourceField, InputSource][]) {
    const list = by.get(src) ?? []
    list.push(label[field] ?? field)
    by.set(src, list)
  }
  const parts = INPUT_SOURCES.filter((s) => by.has(s)).map((s) => `${INPUT_SOURCE_VI[s]}: ${by.get(s)!.join(', ')}`)
  return `Nguồn số liệu — ${parts.join('; ')}.`
}
