/**
 * Builds the compact reference data shipped in data/reference/ from the raw public sources.
 *
 *   tsx scripts/build-reference-data.ts <shared-data-dir>
 *
 * The raw files are large and partly inconsistent with each other; everything the application
 * needs is derived here so that the raw files never have to be shipped. The output is
 * deterministic: running the script twice on the same input gives byte-identical files.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseCsv } from 'csv-parse/sync'
import { z } from 'zod'

// ---------------------------------------------------------------------------------------------
// Output model

type Period = '2025' | '2008'
type Level = 'province' | 'district' | 'commune'
type TypeKey = 'tinh' | 'thanh_pho_tw' | 'huyen' | 'quan' | 'thi_xa' | 'thanh_pho' | 'xa' | 'phuong' | 'thi_tran' | 'dac_khu'

interface Unit {
  p: Period
  c: string
  n: string
  t: TypeKey
  l: Level
  pc: string | null
  en?: string
}

type LinkKind = 'full' | 'partial'
type LinkLevel = 'province' | 'district' | 'commune'

interface Link {
  oldCode: string
  newCode: string
  kind: LinkKind
  level: LinkLevel
}

type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject | Map<string, JsonValue>
interface JsonObject {
  [key: string]: JsonValue | undefined
}

// ---------------------------------------------------------------------------------------------
// Raw input schemas (only the fields used here; everything else is dropped on parse)

const Ward2025Schema = z.object({
  Code: z.string(),
  Name: z.string(),
  NameEn: z.string().nullish(),
  AdministrativeUnitShortName: z.string(),
  ProvinceCode: z.string(),
})
const Province2025Schema = z.object({
  Code: z.string(),
  Name: z.string(),
  NameEn: z.string().nullish(),
  AdministrativeUnitShortName: z.string(),
  Wards: z.array(Ward2025Schema),
})
const Units2025Schema = z.array(Province2025Schema)

const WardPreSchema = z.object({
  Code: z.string(),
  Name: z.string(),
  NameEn: z.string().nullish(),
  FullName: z.string(),
})
const DistrictPreSchema = z.object({
  Code: z.string(),
  Name: z.string(),
  NameEn: z.string().nullish(),
  FullName: z.string(),
  Ward: z.array(WardPreSchema).nullable(),
})
const ProvincePreSchema = z.object({
  Code: z.string(),
  Name: z.string(),
  NameEn: z.string().nullish(),
  FullName: z.string(),
  District: z.array(DistrictPreSchema).nullable(),
})
const UnitsPreSchema = z.array(ProvincePreSchema)

const MergeEntrySchema = z.object({
  old_id: z.string(),
  name: z.string(),
  type: z.enum(['full', 'partial']),
})
const MergesSchema = z.object({
  data: z.array(
    z.object({
      level1_id: z.string(),
      name: z.string(),
      merges: z.array(MergeEntrySchema),
      level2s: z.array(z.object({ level2_id: z.string(), name: z.string(), merges: z.array(MergeEntrySchema) })),
    }),
  ),
})

const SplitEntrySchema = z.object({ new_id: z.string(), name: z.string() })
const SplitsSchema = z.object({
  data: z.array(
    z.object({
      level1_id: z.string(),
      splits: z.array(SplitEntrySchema),
      level2s: z.array(z.object({ level2_id: z.string(), splits: z.array(SplitEntrySchema) })).optional(),
      level3s: z.array(z.object({ level3_id: z.string(), splits: z.array(SplitEntrySchema) })),
    }),
  ),
})

const PositionSchema = z.array(z.number()).min(2)
const RingSchema = z.array(PositionSchema)
const GeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(RingSchema) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(RingSchema)) }),
])
type Geometry = z.infer<typeof GeometrySchema>
const FeatureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: GeometrySchema,
      properties: z.object({
        code: z.string(),
        name: z.string(),
        areaKm2: z.number().optional(),
      }),
    }),
  ),
})

const CensusRecordSchema = z.object({
  ward_id: z.string(),
  city: z.string(),
  district: z.string(),
  ward: z.string(),
  ward_title: z.string(),
  area_sqm: z.string(),
  total: z.string(),
})

// ---------------------------------------------------------------------------------------------
// Small helpers

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'))
}

function shortHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12)
}

function cleanName(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim()
}

function compareStrings(a: string, b: string): number {
  if (a < b) return -1
  return a > b ? 1 : 0
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

function sumOf(values: readonly number[]): number {
  return values.reduce((acc, v) => acc + v, 0)
}

function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(2)}%`
}

function fail(message: string): never {
  throw new Error(message)
}

/**
 * Keys for comparing Vietnamese names across sources that disagree on spacing, case, the
 * position of tone marks ("Hoà" vs "Hòa", "Thuỷ" vs "Thủy"), punctuation and zero padding.
 * Tone marks are removed from the letters and appended in order instead: every syllable
 * carries at most one tone mark, so the sequence of tones is the same whichever vowel of the
 * syllable the mark was put on, while names differing only in tone still get different keys.
 */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g
const TONE_LETTERS: Readonly<Record<string, string>> = {
  '\u0300': 'f',
  '\u0301': 's',
  '\u0303': 'x',
  '\u0309': 'r',
  '\u0323': 'j',
}

function nameKey(raw: string): string {
  // The Icelandic eth (Ð/ð) looks exactly like the Vietnamese Đ/đ and slips into typed names.
  const decomposed = raw.normalize('NFD').toLowerCase().replace(/ð/g, 'đ')
  const tones = Array.from(decomposed.matchAll(TONE_MARKS), (m) => TONE_LETTERS[m[0]] ?? '').join('')
  const base = decomposed
    .replace(TONE_MARKS, '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replace(/\d+/g, (digits) => String(Number(digits)))
  return tones === '' ? base : `${base}:${tones}`
}

// ---------------------------------------------------------------------------------------------
// Deterministic JSON: maps are written with sorted keys, and the first `expandDepth` levels are
// spread over lines so that diffs between two builds stay readable.

function serialiseJson(value: JsonValue, expandDepth: number, indent = ''): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value)
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(`cannot serialise number ${value}`)
    return JSON.stringify(value)
  }
  const expand = expandDepth > 0
  const inner = `${indent}  `
  const join = (parts: string[], open: string, close: string): string => {
    if (parts.length === 0) return `${open}${close}`
    return expand ? `${open}\n${inner}${parts.join(`,\n${inner}`)}\n${indent}${close}` : `${open}${parts.join(',')}${close}`
  }
  if (Array.isArray(value)) {
    return join(
      value.map((item) => serialiseJson(item, expandDepth - 1, inner)),
      '[',
      ']',
    )
  }
  const entries: [string, JsonValue][] =
    value instanceof Map
      ? [...value.entries()].sort(([a], [b]) => compareStrings(a, b))
      : Object.entries(value).flatMap(([k, v]): [string, JsonValue][] => (v === undefined ? [] : [[k, v]]))
  return join(
    entries.map(([k, v]) => `${JSON.stringify(k)}:${expand ? ' ' : ''}${serialiseJson(v, expandDepth - 1, inner)}`),
    '{',
    '}',
  )
}

function writeJson(file: string, value: JsonValue, expandDepth: number): void {
  writeFileSync(file, `${serialiseJson(value, expandDepth)}\n`)
}

// ---------------------------------------------------------------------------------------------
// Units

const TYPE_LABELS: Readonly<Record<Level, readonly (readonly [string, TypeKey])[]>> = {
  province: [
    ['thành phố', 'thanh_pho_tw'],
    ['tỉnh', 'tinh'],
  ],
  district: [
    ['thành phố', 'thanh_pho'],
    ['thị xã', 'thi_xa'],
    ['quận', 'quan'],
    ['huyện', 'huyen'],
  ],
  commune: [
    ['thị trấn', 'thi_tran'],
    ['phường', 'phuong'],
    ['xã', 'xa'],
    ['đặc khu', 'dac_khu'],
  ],
}

/** Accepts either a bare type label ("Thị xã") or a full name starting with one. */
function typeFromLabel(label: string, level: Level): TypeKey {
  const text = cleanName(label).toLowerCase()
  for (const [prefix, key] of TYPE_LABELS[level]) {
    if (text === prefix || text.startsWith(`${prefix} `)) return key
  }
  return fail(`unknown ${level} type in "${label}"`)
}

function withEnglish(unit: Unit, english: string | null | undefined): Unit {
  const en = english ? cleanName(english) : ''
  return en === '' ? unit : { ...unit, en }
}

interface RawUnits {
  current: z.infer<typeof Units2025Schema>
  previous: z.infer<typeof UnitsPreSchema>
}

function buildUnits2025(raw: RawUnits['current']): Unit[] {
  const units: Unit[] = []
  for (const province of raw) {
    units.push(
      withEnglish(
        {
          p: '2025',
          c: province.Code,
          n: cleanName(province.Name),
          t: typeFromLabel(province.AdministrativeUnitShortName, 'province'),
          l: 'province',
          pc: null,
        },
        province.NameEn,
      ),
    )
    for (const ward of province.Wards) {
      if (ward.ProvinceCode !== province.Code) {
        console.warn(`! 2025 commune ${ward.Code} lists province ${ward.ProvinceCode}, nested under ${province.Code}`)
      }
      units.push(
        withEnglish(
          {
            p: '2025',
            c: ward.Code,
            n: cleanName(ward.Name),
            t: typeFromLabel(ward.AdministrativeUnitShortName, 'commune'),
            l: 'commune',
            pc: province.Code,
          },
          ward.NameEn,
        ),
      )
    }
  }
  return units
}

function buildUnitsPre2025(raw: RawUnits['previous']): Unit[] {
  const units: Unit[] = []
  for (const province of raw) {
    units.push(
      withEnglish(
        {
          p: '2008',
          c: province.Code,
          n: cleanName(province.Name),
          t: typeFromLabel(province.FullName, 'province'),
          l: 'province',
          pc: null,
        },
        province.NameEn,
      ),
    )
    for (const district of province.District ?? []) {
      units.push(
        withEnglish(
          {
            p: '2008',
            c: district.Code,
            n: cleanName(district.Name),
            t: typeFromLabel(district.FullName, 'district'),
            l: 'district',
            pc: province.Code,
          },
          district.NameEn,
        ),
      )
      for (const ward of district.Ward ?? []) {
        units.push(
          withEnglish(
            {
              p: '2008',
              c: ward.Code,
              n: cleanName(ward.Name),
              t: typeFromLabel(ward.FullName, 'commune'),
              l: 'commune',
              pc: district.Code,
            },
            ward.NameEn,
          ),
        )
      }
    }
  }
  return units
}

const LEVEL_RANK: Readonly<Record<Level, number>> = { province: 0, district: 1, commune: 2 }

function compareUnits(a: Unit, b: Unit): number {
  if (a.p !== b.p) return a.p === '2025' ? -1 : 1
  return LEVEL_RANK[a.l] - LEVEL_RANK[b.l] || compareStrings(a.c, b.c)
}

function reportDuplicateCodes(units: readonly Unit[]): void {
  const seen = new Set<string>()
  for (const u of units) {
    const key = `${u.p}/${u.l}/${u.c}`
    if (seen.has(key)) console.warn(`! duplicate unit code ${key}`)
    seen.add(key)
  }
}

function countUnits(units: readonly Unit[], period: Period, level: Level): number {
  return units.filter((u) => u.p === period && u.l === level).length
}

/** Published totals of the two structures; the pre-2025 lower levels changed until March 2025. */
const EXPECTED_COUNTS: readonly { period: Period; level: Level; min: number; max: number }[] = [
  { period: '2025', level: 'province', min: 34, max: 34 },
  { period: '2025', level: 'commune', min: 3321, max: 3321 },
  { period: '2008', level: 'province', min: 63, max: 63 },
  { period: '2008', level: 'district', min: 650, max: 720 },
  { period: '2008', level: 'commune', min: 9900, max: 10700 },
]

function checkCounts(units: readonly Unit[]): void {
  for (const { period, level, min, max } of EXPECTED_COUNTS) {
    const n = countUnits(units, period, level)
    if (n < min || n > max) console.warn(`! ${period} ${level} count ${n} outside the expected ${min}–${max}`)
  }
}

/** Lookup tables over the unit list, used by the mapping and the census matching. */
class UnitIndex {
  private readonly byKey = new Map<string, Unit>()
  private readonly children = new Map<string, Unit[]>()

  constructor(readonly units: readonly Unit[]) {
    for (const u of units) this.byKey.set(UnitIndex.key(u.p, u.l, u.c), u)
    for (const u of units) {
      if (u.pc !== null) pushTo(this.children, UnitIndex.key(u.p, parentLevel(u), u.pc), u)
    }
  }

  private static key(period: Period, level: Level, code: string): string {
    return `${period}/${level}/${code}`
  }

  get(period: Period, level: Level, code: string): Unit | undefined {
    return this.byKey.get(UnitIndex.key(period, level, code))
  }

  childrenOf(unit: Unit): readonly Unit[] {
    return this.children.get(UnitIndex.key(unit.p, unit.l, unit.c)) ?? []
  }

  provinceOf(unit: Unit): string {
    if (unit.pc === null) return unit.c
    const parent = this.get(unit.p, parentLevel(unit), unit.pc)
    return this.provinceOf(parent ?? fail(`missing parent ${unit.pc} of ${unit.c}`))
  }
}

// Since 2025 communes hang directly under provinces; before, under districts.
function parentLevel(unit: Unit): Level {
  if (unit.l === 'commune') return unit.p === '2025' ? 'province' : 'district'
  if (unit.l === 'district') return 'province'
  return fail(`province ${unit.c} has no parent`)
}

// ---------------------------------------------------------------------------------------------
// Mapping between the periods

interface MappingResult {
  links: Link[]
  /** 2025 codes of the mapping source that had to be replaced, old → official. */
  codeFixes: Map<string, string>
  warnings: string[]
}

/**
 * The mapping source names a few 2025 communes by codes missing from the official list; the
 * commune's full name within its province still identifies them.
 */
function resolveNewCommuneCode(index: UnitIndex, code: string, fullName: string, provinceCode: string, warnings: string[]): string | null {
  if (index.get('2025', 'commune', code)) return code
  const wanted = nameKey(fullName)
  const candidates = index.units.filter(
    (u) => u.p === '2025' && u.l === 'commune' && u.pc === provinceCode && nameKey(`${typeLabel2025(u.t)} ${u.n}`) === wanted,
  )
  const only = candidates.length === 1 ? candidates[0] : undefined
  if (only) {
    warnings.push(`new code ${code} (${fullName}) is not a 2025 code; using ${only.c} by name`)
    return only.c
  }
  warnings.push(`new code ${code} (${fullName}) is not a 2025 code and its name is ambiguous; dropped`)
  return null
}

function typeLabel2025(t: TypeKey): string {
  if (t === 'phuong') return 'Phường'
  if (t === 'dac_khu') return 'Đặc khu'
  return 'Xã'
}

function oldLevelOf(index: UnitIndex, code: string): 'commune' | 'district' | null {
  if (index.get('2008', 'commune', code)) return 'commune'
  if (index.get('2008', 'district', code)) return 'district'
  return null
}

function buildMapping(index: UnitIndex, merges: z.infer<typeof MergesSchema>): MappingResult {
  const warnings: string[] = []
  const links: Link[] = []
  const codeFixes = new Map<string, string>()
  for (const province of merges.data) {
    if (!index.get('2025', 'province', province.level1_id)) {
      warnings.push(`new province ${province.level1_id} is not a 2025 province`)
    }
    for (const m of province.merges) {
      if (!index.get('2008', 'province', m.old_id)) warnings.push(`old province ${m.old_id} unknown`)
      links.push({ oldCode: m.old_id, newCode: province.level1_id, kind: m.type, level: 'province' })
    }
    for (const commune of province.level2s) {
      const newCode = resolveNewCommuneCode(index, commune.level2_id, commune.name, province.level1_id, warnings)
      if (newCode === null) continue
      if (newCode !== commune.level2_id) codeFixes.set(commune.level2_id, newCode)
      for (const m of commune.merges) {
        const level = oldLevelOf(index, m.old_id)
        if (level === null) {
          // Codes of communes already dissolved before the pre-2025 list was taken; the
          // successor unit of the list carries its own link.
          warnings.push(`old code ${m.old_id} (${cleanName(m.name)}) → ${newCode} is not in the pre-2025 list; dropped`)
          continue
        }
        links.push({ oldCode: m.old_id, newCode, kind: m.type, level })
      }
    }
  }
  return { links: dedupeAndSortLinks(links, warnings), codeFixes, warnings }
}

const LINK_LEVEL_RANK: Readonly<Record<LinkLevel, number>> = { province: 0, district: 1, commune: 2 }

function dedupeAndSortLinks(links: readonly Link[], warnings: string[]): Link[] {
  const byPair = new Map<string, Link>()
  for (const link of links) {
    const key = `${link.level}/${link.oldCode}/${link.newCode}`
    const existing = byPair.get(key)
    if (existing && existing.kind !== link.kind) {
      warnings.push(`link ${key} listed as both ${existing.kind} and ${link.kind}; keeping partial`)
      byPair.set(key, { ...link, kind: 'partial' })
    } else if (!existing) {
      byPair.set(key, link)
    }
  }
  return [...byPair.values()].sort(
    (a, b) =>
      LINK_LEVEL_RANK[a.level] - LINK_LEVEL_RANK[b.level] || compareStrings(a.oldCode, b.oldCode) || compareStrings(a.newCode, b.newCode),
  )
}

/**
 * Links of the mapping source that contradict the boundaries. Both mapping files send An
 * Giang's Xã Tân Phú (Châu Thành district) to Đồng Tháp, confusing it with Đồng Tháp's
 * Xã Tân Phú (30274) of the same name; the commune lies inside the 2025 An Giang commune
 * Vĩnh An (its seat at 10.3875 N, 105.155 E falls in that polygon), next to its old
 * neighbours Vĩnh Bình and Vĩnh An, which went there too.
 */
const LINK_CORRECTIONS: readonly { oldCode: string; wrongNewCode: string; newCode: string }[] = [
  { oldCode: '30622', wrongNewCode: '30259', newCode: '30604' },
]

function applyLinkCorrections(links: readonly Link[], warnings: string[]): Link[] {
  const corrected = links.map((link) => {
    const fix = LINK_CORRECTIONS.find((c) => c.oldCode === link.oldCode && c.wrongNewCode === link.newCode)
    if (!fix) return link
    warnings.push(`corrected link ${link.oldCode} → ${link.newCode} to → ${fix.newCode}`)
    return { ...link, newCode: fix.newCode }
  })
  for (const fix of LINK_CORRECTIONS) {
    if (!links.some((l) => l.oldCode === fix.oldCode && l.newCode === fix.wrongNewCode)) {
      warnings.push(`correction for ${fix.oldCode} no longer needed: the source has changed`)
    }
  }
  return dedupeAndSortLinks(corrected, warnings)
}

function targetsByOld(links: readonly Link[], level: 'province' | 'lower'): Map<string, Link[]> {
  const map = new Map<string, Link[]>()
  for (const link of links) {
    if ((level === 'province') === (link.level === 'province')) pushTo(map, link.oldCode, link)
  }
  return map
}

/** Every structural check between the two mapping files and the unit lists. */
function checkMapping(
  index: UnitIndex,
  links: readonly Link[],
  splits: z.infer<typeof SplitsSchema>,
  fixCode: (code: string) => string,
): string[] {
  const problems: string[] = []
  const fromMerges = targetsByOld(links, 'lower')
  const fromSplits = new Map<string, Set<string>>()
  for (const province of splits.data) {
    const lower = [
      ...province.level3s.map((l) => ({ id: l.level3_id, splits: l.splits })),
      ...(province.level2s ?? []).map((l) => ({ id: l.level2_id, splits: l.splits })),
    ]
    for (const entry of lower) {
      const set = fromSplits.get(entry.id) ?? new Set<string>()
      for (const s of entry.splits) set.add(fixCode(s.new_id))
      fromSplits.set(entry.id, set)
    }
  }
  for (const [oldCode, targets] of fromMerges) {
    const mergeSet = [...new Set(targets.map((t) => t.newCode))].sort(compareStrings)
    const splitSet = [...(fromSplits.get(oldCode) ?? [])].sort(compareStrings)
    if (mergeSet.join(',') !== splitSet.join(',')) {
      problems.push(`old ${oldCode}: merges say [${mergeSet.join(',')}], splits say [${splitSet.join(',')}]`)
    }
    const kinds = new Set(targets.map((t) => t.kind))
    if (targets.length > 1 && kinds.has('full')) problems.push(`old ${oldCode}: "full" but split into ${targets.length}`)
    if (targets.length === 1 && kinds.has('partial')) problems.push(`old ${oldCode}: "partial" but has one target`)
  }
  for (const oldCode of fromSplits.keys()) {
    if (!fromMerges.has(oldCode) && oldLevelOf(index, oldCode) !== null) {
      problems.push(`old ${oldCode} is in the splits file only`)
    }
  }
  return problems
}

function checkCoverage(index: UnitIndex, links: readonly Link[]): string[] {
  const problems: string[] = []
  const oldLinked = new Set(links.filter((l) => l.level !== 'province').map((l) => l.oldCode))
  const newLinked = new Set(links.filter((l) => l.level !== 'province').map((l) => l.newCode))
  for (const u of index.units) {
    if (u.p === '2008' && u.l === 'commune' && !oldLinked.has(u.c)) problems.push(`old commune ${u.c} ${u.n} has no link`)
    if (u.p === '2008' && u.l === 'district' && index.childrenOf(u).length === 0 && !oldLinked.has(u.c)) {
      problems.push(`old district ${u.c} ${u.n} has no communes and no link`)
    }
    if (u.p === '2025' && u.l === 'commune' && !newLinked.has(u.c)) problems.push(`new commune ${u.c} ${u.n} has no link`)
  }
  return problems
}

function checkProvinceConsistency(index: UnitIndex, links: readonly Link[]): string[] {
  const problems: string[] = []
  const provinceTarget = new Map(links.filter((l) => l.level === 'province').map((l) => [l.oldCode, l.newCode]))
  for (const link of links) {
    if (link.level === 'province') continue
    const oldUnit = index.get('2008', link.level, link.oldCode)
    const newUnit = index.get('2025', 'commune', link.newCode)
    if (!oldUnit || !newUnit) continue
    const expected = provinceTarget.get(index.provinceOf(oldUnit))
    if (expected !== newUnit.pc) {
      problems.push(`old ${link.oldCode} (province → ${expected}) links to ${link.newCode} in province ${newUnit.pc}`)
    }
  }
  return problems
}

// ---------------------------------------------------------------------------------------------
// 2019 census → pre-2025 communes

interface CensusRow {
  label: string
  province: string
  district: string
  ward: string
  wardType: TypeKey | 'district'
  areaSqm: number | null
  population: number
}

type MatchRule = 'name' | 'name-in-province' | 'island-district' | 'alias' | 'similar-name' | 'syllables' | 'sole-unmatched'

interface Attribution {
  row: CensusRow
  code: string
  rule: MatchRule
}

interface CensusMatch {
  attributions: Attribution[]
  unmatched: CensusRow[]
  ambiguous: string[]
}

const CENSUS_WARD_TYPES: ReadonlyMap<string, TypeKey | 'district'> = new Map([
  [nameKey('Xã'), 'xa'],
  [nameKey('Phường'), 'phuong'],
  [nameKey('Thị trấn'), 'thi_tran'],
  [nameKey('Huyện'), 'district'],
])

// The census still uses the province's name from before 2025-01-01.
const CENSUS_PROVINCE_ALIASES: Readonly<Record<string, string>> = {
  [nameKey('Thừa Thiên Huế')]: nameKey('Huế'),
}

/**
 * 2019 communes that were merged into another commune before the pre-2025 list was taken and
 * whose successor kept the other commune's name, so no name rule can find them. Keyed by the
 * census province/district/commune spelling; the value is the absorbing pre-2025 commune.
 */
const CENSUS_ALIASES: Readonly<Record<string, { code: string; name: string }>> = {
  // Hòn Thơm was merged into An Thới when Phú Quốc became a city (2021).
  'KiênGiang/PhúQuốc/HònThơm': { code: '31081', name: 'An Thới' },
  // Đông Xuyên was merged into Mỹ Xuyên on 2025-01-01.
  'AnGiang/LongXuyên/ĐôngXuyên': { code: '30286', name: 'Mỹ Xuyên' },
  // Vĩnh Bảo was absorbed by a neighbouring central ward of Rạch Giá between 2020 and 2025.
  // Every candidate ward went into the single 2025 ward Rạch Giá, so the 2025 figures do not
  // depend on which neighbour is named here.
  'KiênGiang/RạchGiá/VĩnhBảo': { code: '30733', name: 'Vĩnh Thanh' },
}

function readCensus(file: string): CensusRow[] {
  const records: unknown = parseCsv(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true })
  const rows = z.array(CensusRecordSchema).parse(records)
  return rows.map((r) => {
    const wardType = CENSUS_WARD_TYPES.get(nameKey(r.ward_title))
    const population = Number(r.total)
    if (!wardType) fail(`unknown census unit type ${r.ward_title}`)
    if (!Number.isInteger(population)) fail(`bad population "${r.total}" for ${r.ward}`)
    const area = r.area_sqm === '' ? null : Number(r.area_sqm)
    return {
      label: `${r.city}/${r.district}/${r.ward}`,
      province: r.city,
      district: r.district,
      ward: r.ward,
      wardType,
      areaSqm: area !== null && Number.isFinite(area) ? area : null,
      population,
    }
  })
}

/** Pre-2025 units grouped for name lookups. */
class OldUnitLookup {
  readonly provinceByKey = new Map<string, Unit>()
  readonly districtsByKey = new Map<string, Unit[]>()
  readonly communesByDistrictKey = new Map<string, Unit[]>()
  readonly communesByProvinceKey = new Map<string, Unit[]>()

  constructor(readonly index: UnitIndex) {
    for (const u of index.units) {
      if (u.p !== '2008') continue
      if (u.l === 'province') this.provinceByKey.set(nameKey(u.n), u)
      if (u.l === 'district') pushTo(this.districtsByKey, `${u.pc}/${nameKey(u.n)}`, u)
      if (u.l === 'commune') {
        pushTo(this.communesByDistrictKey, `${u.pc}/${nameKey(u.n)}`, u)
        pushTo(this.communesByProvinceKey, `${index.provinceOf(u)}/${nameKey(u.n)}`, u)
      }
    }
  }

  province(censusName: string): Unit | undefined {
    const key = nameKey(censusName)
    return this.provinceByKey.get(CENSUS_PROVINCE_ALIASES[key] ?? key)
  }

  districts(provinceCode: string, censusName: string): readonly Unit[] {
    return this.districtsByKey.get(`${provinceCode}/${nameKey(censusName)}`) ?? []
  }
}

/** Narrows candidates by unit type only when the name alone is ambiguous (types change over time). */
function pickByType(candidates: readonly Unit[], wardType: CensusRow['wardType']): Unit | undefined {
  if (candidates.length === 1) return candidates[0]
  const sameType = candidates.filter((c) => c.t === wardType)
  return sameType.length === 1 ? sameType[0] : undefined
}

function matchCensus(rows: readonly CensusRow[], lookup: OldUnitLookup): CensusMatch {
  const attributions: Attribution[] = []
  const ambiguous: string[] = []
  const claimed = new Set<string>()
  let pending: CensusRow[] = []

  // Pass 1: same province, district and commune name; island districts without communes.
  for (const row of rows) {
    const province = lookup.province(row.province)
    if (!province) {
      pending.push(row)
      continue
    }
    const districts = lookup.districts(province.c, row.district)
    const islandDistrict = districts.find((d) => lookup.index.childrenOf(d).length === 0)
    if (islandDistrict && districts.length === 1) {
      attributions.push({ row, code: islandDistrict.c, rule: 'island-district' })
      claimed.add(islandDistrict.c)
      continue
    }
    const candidates = districts.flatMap((d) => lookup.communesByDistrictKey.get(`${d.c}/${nameKey(row.ward)}`) ?? [])
    const unit = pickByType(candidates, row.wardType)
    if (unit) {
      attributions.push({ row, code: unit.c, rule: 'name' })
      claimed.add(unit.c)
    } else {
      if (candidates.length > 1) ambiguous.push(row.label)
      pending.push(row)
    }
  }

  // Pass 2: the district was renamed, dissolved or lost the commune to a neighbour; accept a
  // unique same-name commune elsewhere in the province that no census row has claimed yet.
  pending = matchWithinProvince(pending, lookup, claimed, attributions, ambiguous)

  // Pass 3: hand-written aliases for merges that kept the other commune's name.
  pending = applyAliases(pending, lookup, attributions)

  // Passes 4–6 look for the successors of communes merged between the census and 2025 whose
  // result got a new name: pre-2025 communes that no census row matched by name ("orphans").
  const orphans = new OrphanIndex(lookup, attributions)
  pending = matchOrphans(pending, orphans, attributions, 'similar-name', similarOrphan)
  pending = matchOrphans(pending, orphans, attributions, 'syllables', makeSyllablePicker(rows))
  pending = matchSoleOrphan(pending, orphans, attributions)

  return { attributions, unmatched: pending, ambiguous }
}

function matchWithinProvince(
  pending: readonly CensusRow[],
  lookup: OldUnitLookup,
  claimed: Set<string>,
  attributions: Attribution[],
  ambiguous: string[],
): CensusRow[] {
  const proposals = new Map<string, CensusRow[]>()
  const rest: CensusRow[] = []
  for (const row of pending) {
    const province = lookup.province(row.province)
    const candidates = province
      ? (lookup.communesByProvinceKey.get(`${province.c}/${nameKey(row.ward)}`) ?? []).filter((u) => !claimed.has(u.c))
      : []
    const unit = pickByType(candidates, row.wardType)
    if (unit) pushTo(proposals, unit.c, row)
    else rest.push(row)
  }
  for (const [code, proposed] of [...proposals.entries()].sort(([a], [b]) => compareStrings(a, b))) {
    const only = proposed.length === 1 ? proposed[0] : undefined
    if (only) {
      attributions.push({ row: only, code, rule: 'name-in-province' })
      claimed.add(code)
    } else {
      ambiguous.push(...proposed.map((r) => `${r.label} (several rows claim ${code})`))
      rest.push(...proposed)
    }
  }
  return rest
}

function applyAliases(pending: readonly CensusRow[], lookup: OldUnitLookup, attributions: Attribution[]): CensusRow[] {
  const rest: CensusRow[] = []
  for (const row of pending) {
    const alias = CENSUS_ALIASES[row.label]
    if (!alias) {
      rest.push(row)
      continue
    }
    const unit = lookup.index.get('2008', 'commune', alias.code)
    if (!unit || unit.n !== alias.name) fail(`alias for ${row.label} points to ${alias.code}, which is not ${alias.name}`)
    attributions.push({ row, code: alias.code, rule: 'alias' })
  }
  return rest
}

/** Orphan communes, and the census district each census row belongs to. */
class OrphanIndex {
  readonly all: readonly Unit[]
  private readonly explained = new Set<string>()
  /** Pre-2025 districts that received communes of a census district, judging by the names. */
  private readonly successors = new Map<string, Set<string>>()

  constructor(
    readonly lookup: OldUnitLookup,
    attributions: readonly Attribution[],
  ) {
    const withRows = new Set(attributions.map((a) => a.code))
    this.all = lookup.index.units.filter((u) => u.p === '2008' && u.l === 'commune' && !withRows.has(u.c))
    for (const { row, code } of attributions) {
      const district = lookup.index.get('2008', 'commune', code)?.pc
      if (!district) continue
      const set = this.successors.get(censusDistrictKey(row)) ?? new Set<string>()
      set.add(district)
      this.successors.set(censusDistrictKey(row), set)
    }
  }

  inSuccessorDistricts(row: CensusRow): readonly Unit[] {
    const districts = this.successors.get(censusDistrictKey(row)) ?? new Set<string>()
    const own = this.districtOf(row)?.c
    return this.all.filter((u) => u.pc !== null && u.pc !== own && districts.has(u.pc))
  }

  districtOf(row: CensusRow): Unit | undefined {
    const province = this.lookup.province(row.province)
    const districts = province ? this.lookup.districts(province.c, row.district) : []
    return districts.length === 1 ? districts[0] : undefined
  }

  inDistrict(row: CensusRow): readonly Unit[] {
    const district = this.districtOf(row)
    return district ? this.all.filter((u) => u.pc === district.c) : []
  }

  markExplained(code: string): void {
    this.explained.add(code)
  }

  isExplained(code: string): boolean {
    return this.explained.has(code)
  }
}

type OrphanPicker = (row: CensusRow, orphans: OrphanIndex) => Unit | undefined

function matchOrphans(
  pending: readonly CensusRow[],
  orphans: OrphanIndex,
  attributions: Attribution[],
  rule: MatchRule,
  pick: OrphanPicker,
): CensusRow[] {
  const rest: CensusRow[] = []
  for (const row of pending) {
    const target = pick(row, orphans)
    if (target) {
      attributions.push({ row, code: target.c, rule })
      orphans.markExplained(target.c)
    } else {
      rest.push(row)
    }
  }
  return rest
}

/** Letters only, without any diacritics, đ as d and y as i: for catching spelling variants. */
function foldedLetters(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[đð]/g, 'd')
    .replace(/y/g, 'i')
    .replace(/[^\p{L}\p{N}]/gu, '')
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

// A re-spelt commune in the same district ("Tầm Xá" / "Tàm Xá", "Dlê Yang" / "Dliê Yang"). Two
// edits are allowed only in long names: in short ones they already turn one name into another.
const similarOrphan: OrphanPicker = (row, orphans) => {
  const wanted = foldedLetters(row.ward)
  const isSimilar = (u: Unit): boolean => {
    const other = foldedLetters(u.n)
    const distance = editDistance(wanted, other)
    return distance <= 1 || (distance <= 2 && Math.min(wanted.length, other.length) >= 8)
  }
  const similar = orphans.inDistrict(row).filter(isSimilar)
  return similar.length === 1 ? similar[0] : undefined
}

/** The census writes names in camel case without spaces, so capitals mark the syllables. */
function censusSyllables(name: string): Set<string> {
  return new Set(
    name
      .split(/(?=\p{Lu})|(?<=\p{L})(?=\p{N})/u)
      .map(nameKey)
      .filter((s) => s !== ''),
  )
}

function unitSyllables(name: string): Set<string> {
  return new Set(
    name
      .split(/[\s-]+/)
      .map(nameKey)
      .filter((s) => s !== ''),
  )
}

function bestBySharedSyllables(wanted: ReadonlySet<string>, candidates: readonly Unit[]): Unit | undefined {
  const scored = candidates
    .map((u) => ({ u, score: [...unitSyllables(u.n)].filter((s) => wanted.has(s)).length }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score)
  const [first, second] = scored
  return first && (!second || second.score < first.score) ? first.u : undefined
}

/** Syllables used by three or more communes of a census district identify none of them. */
const GENERIC_SYLLABLE_MIN_USES = 3

function genericSyllablesByDistrict(rows: readonly CensusRow[]): Map<string, Set<string>> {
  const counts = new Map<string, Map<string, number>>()
  for (const row of rows) {
    const key = censusDistrictKey(row)
    const perDistrict = counts.get(key) ?? new Map<string, number>()
    for (const s of censusSyllables(row.ward)) perDistrict.set(s, (perDistrict.get(s) ?? 0) + 1)
    counts.set(key, perDistrict)
  }
  const generic = new Map<string, Set<string>>()
  for (const [key, perDistrict] of counts) {
    generic.set(key, new Set([...perDistrict].filter(([, n]) => n >= GENERIC_SYLLABLE_MIN_USES).map(([s]) => s)))
  }
  return generic
}

/**
 * New names of merged communes are often built from one distinctive syllable of each former
 * name ("Kim Lộc" + "Song Lộc" + "Trường Lộc" → "Kim Song Trường"). The search looks in the
 * district of the same name first, then in the districts where the other communes of the
 * census district ended up (districts were renamed, dissolved and re-cut since 2019).
 */
function makeSyllablePicker(rows: readonly CensusRow[]): OrphanPicker {
  const generic = genericSyllablesByDistrict(rows)
  return (row, orphans) => {
    const common = generic.get(censusDistrictKey(row)) ?? new Set<string>()
    const wanted = new Set([...censusSyllables(row.ward)].filter((s) => !common.has(s)))
    if (wanted.size === 0) return undefined
    const sharesAny = (u: Unit): boolean => [...unitSyllables(u.n)].some((s) => wanted.has(s))
    const local = orphans.inDistrict(row)
    const candidates = local.some(sharesAny) ? local : orphans.inSuccessorDistricts(row)
    return bestBySharedSyllables(wanted, candidates)
  }
}

function censusDistrictKey(row: CensusRow): string {
  return `${row.province}/${row.district}`
}

/**
 * What is left in a district with exactly one unexplained orphan most likely went into it.
 * Large remainders mean merges into communes that kept an existing name instead, which no
 * rule can place, so they stay unmatched.
 */
const SOLE_ORPHAN_MAX_ROWS = 4

function matchSoleOrphan(pending: readonly CensusRow[], orphans: OrphanIndex, attributions: Attribution[]): CensusRow[] {
  const byDistrict = new Map<string, CensusRow[]>()
  const rest: CensusRow[] = []
  for (const row of pending) {
    const district = orphans.districtOf(row)
    if (district) pushTo(byDistrict, district.c, row)
    else rest.push(row)
  }
  for (const [, rows] of [...byDistrict.entries()].sort(([a], [b]) => compareStrings(a, b))) {
    const first = rows[0]
    const candidates = first ? orphans.inDistrict(first).filter((u) => !orphans.isExplained(u.c)) : []
    const target = candidates.length === 1 ? candidates[0] : undefined
    if (target && rows.length <= SOLE_ORPHAN_MAX_ROWS) {
      for (const row of rows) attributions.push({ row, code: target.c, rule: 'sole-unmatched' })
    } else {
      rest.push(...rows)
    }
  }
  return rest
}

interface OldPopulation {
  population: Map<string, number>
  areaSqm: Map<string, number | null>
}

function aggregateOld(attributions: readonly Attribution[]): OldPopulation {
  const population = new Map<string, number>()
  const areaSqm = new Map<string, number | null>()
  for (const { row, code } of attributions) {
    population.set(code, (population.get(code) ?? 0) + row.population)
    const prev = areaSqm.has(code) ? (areaSqm.get(code) ?? null) : 0
    areaSqm.set(code, prev === null || row.areaSqm === null ? null : prev + row.areaSqm)
  }
  return { population, areaSqm }
}

function reportCensusMatch(rows: readonly CensusRow[], match: CensusMatch, lookup: OldUnitLookup, old: OldPopulation): void {
  const total = sumOf(rows.map((r) => r.population))
  const matchedPop = sumOf(match.attributions.map((a) => a.row.population))
  const oldCommunes = lookup.index.units.filter((u) => u.p === '2008' && u.l === 'commune')
  const covered = oldCommunes.filter((u) => old.population.has(u.c)).length
  console.log(`census rows: ${rows.length}, population ${total}`)
  const byRule = new Map<string, number>()
  for (const a of match.attributions) byRule.set(a.rule, (byRule.get(a.rule) ?? 0) + 1)
  console.log(
    `  attributed rows: ${match.attributions.length} (${percent(match.attributions.length, rows.length)}),` +
      ` people ${matchedPop} (${percent(matchedPop, total)})`,
  )
  console.log(
    `  by rule: ${[...byRule.entries()]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  )
  console.log(`  pre-2025 communes with a 2019 figure: ${covered}/${oldCommunes.length} (${percent(covered, oldCommunes.length)})`)
  for (const label of [...match.ambiguous].sort(compareStrings)) console.log(`  ambiguous name: ${label}`)
  for (const code of ['89', '91']) reportProvinceMatch(code, rows, match, lookup, old)
}

function reportProvinceMatch(
  code: string,
  rows: readonly CensusRow[],
  match: CensusMatch,
  lookup: OldUnitLookup,
  old: OldPopulation,
): void {
  const province = lookup.index.get('2008', 'province', code) ?? fail(`no old province ${code}`)
  const inProvince = (r: CensusRow): boolean => lookup.province(r.province)?.c === code
  const provinceRows = rows.filter(inProvince)
  const attributed = match.attributions.filter((a) => inProvince(a.row))
  const communes = lookup.index.units.filter((u) => u.p === '2008' && u.l === 'commune' && lookup.index.provinceOf(u) === code)
  const districts = lookup.index.units.filter((u) => u.p === '2008' && u.l === 'district' && u.pc === code)
  const missing = communes.filter((u) => !old.population.has(u.c))
  console.log(
    `  ${code} ${province.n}: rows ${attributed.length}/${provinceRows.length} (${percent(attributed.length, provinceRows.length)}),` +
      ` people ${sumOf(attributed.map((a) => a.row.population))}/${sumOf(provinceRows.map((r) => r.population))},` +
      ` communes with figure ${communes.length - missing.length}/${communes.length}, districts ${districts.length}`,
  )
  for (const row of match.unmatched.filter(inProvince)) console.log(`    unmatched census row ${row.label} (${row.population})`)
  for (const u of missing) console.log(`    pre-2025 commune without figure ${u.c} ${u.n}`)
  for (const a of attributed.filter((x) => x.rule !== 'name')) console.log(`    ${a.rule}: ${a.row.label} → ${a.code}`)
}

// ---------------------------------------------------------------------------------------------
// Geometry

const EARTH_AUTHALIC_RADIUS_M = 6371007.2

/**
 * Area of a ring on the sphere (Chamberlain & Duquette, "Some algorithms for polygons on a
 * sphere", 2007). With the authalic radius the error against the WGS84 ellipsoid stays far
 * below the uncertainty of the census areas the result is compared with.
 */
function ringAreaSqm(ring: readonly (readonly number[])[]): number {
  const toRad = Math.PI / 180
  let sum = 0
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] ?? fail('ring index')
    const b = ring[(i + 1) % ring.length] ?? fail('ring index')
    const [lonA = 0, latA = 0] = a
    const [lonB = 0, latB = 0] = b
    sum += (lonB - lonA) * toRad * (2 + Math.sin(latA * toRad) + Math.sin(latB * toRad))
  }
  return Math.abs((sum * EARTH_AUTHALIC_RADIUS_M * EARTH_AUTHALIC_RADIUS_M) / 2)
}

function polygonAreaSqm(rings: readonly (readonly (readonly number[])[])[]): number {
  const [outer, ...holes] = rings
  if (!outer) return 0
  return ringAreaSqm(outer) - sumOf(holes.map(ringAreaSqm))
}

function geometryAreaSqm(geometry: Geometry): number {
  if (geometry.type === 'Polygon') return polygonAreaSqm(geometry.coordinates)
  return sumOf(geometry.coordinates.map(polygonAreaSqm))
}

interface BoundaryFile {
  code: string
  name: string
  file: string
  areaSqm: number
  statedAreaKm2: number | undefined
}

function readBoundaryFiles(dir: string): BoundaryFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.geojson'))
    .sort(compareStrings)
    .map((f) => {
      const file = path.join(dir, f)
      const collection = FeatureCollectionSchema.parse(readJson(file))
      const [feature, ...extra] = collection.features
      if (!feature || extra.length > 0) fail(`${file}: expected exactly one feature`)
      return {
        code: feature.properties.code,
        name: cleanName(feature.properties.name),
        file,
        areaSqm: geometryAreaSqm(feature.geometry),
        statedAreaKm2: feature.properties.areaKm2,
      }
    })
}

function checkBoundaryFiles(label: string, files: readonly BoundaryFile[], expected: readonly Unit[]): void {
  const byCode = new Map(files.map((f) => [f.code, f]))
  for (const u of expected) {
    const f = byCode.get(u.c)
    if (!f) console.warn(`! ${label}: no boundary for ${u.c} ${u.n}`)
    else if (nameKey(f.name) !== nameKey(u.n)) console.warn(`! ${label}: ${u.c} is "${f.name}" in the boundary, "${u.n}" in the list`)
  }
  const expectedCodes = new Set(expected.map((u) => u.c))
  for (const f of files) if (!expectedCodes.has(f.code)) console.warn(`! ${label}: unexpected boundary ${f.code}`)
  const deviations = files
    .filter((f) => f.statedAreaKm2 !== undefined)
    .map((f) => ({ f, ratio: f.areaSqm / 1e6 / (f.statedAreaKm2 ?? 1) }))
    .filter(({ ratio }) => Math.abs(ratio - 1) > 0.02)
  console.log(`${label}: ${files.length} boundaries; ${deviations.length} differ by >2% from the stated areaKm2`)
  for (const { f, ratio } of deviations) {
    console.log(`    ${f.code} ${f.name}: computed ${(f.areaSqm / 1e6).toFixed(2)} km², stated ${f.statedAreaKm2} (×${ratio.toFixed(3)})`)
  }
}

// ---------------------------------------------------------------------------------------------
// 2025 commune populations through the mapping

type ShareMethod = 'sum' | 'area-share' | 'equal-share'

interface CurrentPopulation {
  population: number
  method: ShareMethod
  missing: string[]
}

/** Splits an integer among weights so that the parts are integers adding up to the whole. */
function apportion(total: number, weights: readonly number[]): number[] {
  const weightSum = sumOf(weights)
  const exact = weights.map((w) => (weightSum > 0 ? (total * w) / weightSum : total / weights.length))
  const parts = exact.map(Math.floor)
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i)
  let left = total - sumOf(parts)
  for (const { i } of order) {
    if (left <= 0) break
    parts[i] = (parts[i] ?? 0) + 1
    left--
  }
  return parts
}

/**
 * Area a new commune received from partially split old communes: its own area minus what the
 * wholly merged old communes brought. Unknown when any of those areas is unknown.
 */
function remainderAreas(
  links: readonly Link[],
  newArea: ReadonlyMap<string, number>,
  oldArea: ReadonlyMap<string, number | null>,
): Map<string, number | null> {
  const remainder = new Map<string, number | null>()
  for (const [code, area] of newArea) remainder.set(code, area)
  for (const link of links) {
    if (link.kind !== 'full') continue
    const current = remainder.get(link.newCode)
    if (current === undefined || current === null) continue
    const a = oldArea.get(link.oldCode)
    remainder.set(link.newCode, a === undefined || a === null ? null : current - a)
  }
  for (const [code, value] of remainder) if (value !== null) remainder.set(code, Math.max(0, value))
  return remainder
}

interface SplitRecord {
  oldCode: string
  population: number
  method: ShareMethod
  parts: { newCode: string; population: number }[]
}

interface DerivedPopulation {
  current: Map<string, CurrentPopulation>
  splits: SplitRecord[]
}

function deriveCurrentPopulation(links: readonly Link[], old: OldPopulation, newArea: ReadonlyMap<string, number>): DerivedPopulation {
  const lower = links.filter((l) => l.level !== 'province')
  const remainder = remainderAreas(lower, newArea, old.areaSqm)
  const result = new Map<string, CurrentPopulation>()
  const splits: SplitRecord[] = []
  const entry = (code: string): CurrentPopulation => {
    const existing = result.get(code)
    if (existing) return existing
    const created: CurrentPopulation = { population: 0, method: 'sum', missing: [] }
    result.set(code, created)
    return created
  }
  const byOld = targetsByOld(lower, 'lower')
  for (const [oldCode, targets] of [...byOld.entries()].sort(([a], [b]) => compareStrings(a, b))) {
    const sorted = [...targets].sort((a, b) => compareStrings(a.newCode, b.newCode))
    const pop = old.population.get(oldCode)
    if (pop === undefined) {
      for (const t of sorted) entry(t.newCode).missing.push(oldCode)
      continue
    }
    if (sorted.length === 1 && sorted[0]) {
      entry(sorted[0].newCode).population += pop
      continue
    }
    const weights = sorted.map((t) => remainder.get(t.newCode))
    const byArea = weights.every((w) => w !== undefined && w !== null) && sumOf(weights.map((w) => w ?? 0)) > 0
    const method: ShareMethod = byArea ? 'area-share' : 'equal-share'
    const parts = apportion(pop, byArea ? weights.map((w) => w ?? 0) : sorted.map(() => 1))
    sorted.forEach((t, i) => {
      const e = entry(t.newCode)
      e.population += parts[i] ?? 0
      if (e.method !== 'equal-share') e.method = method
    })
    splits.push({ oldCode, population: pop, method, parts: sorted.map((t, i) => ({ newCode: t.newCode, population: parts[i] ?? 0 })) })
  }
  return { current: result, splits }
}

function provinceTotals(
  rows: readonly CensusRow[],
  lookup: OldUnitLookup,
  links: readonly Link[],
): { byOld: Map<string, number>; byNew: Map<string, number> } {
  const byOld = new Map<string, number>()
  for (const row of rows) {
    const province = lookup.province(row.province) ?? fail(`census province ${row.province} unknown`)
    byOld.set(province.c, (byOld.get(province.c) ?? 0) + row.population)
  }
  const byNew = new Map<string, number>()
  for (const link of links.filter((l) => l.level === 'province')) {
    byNew.set(link.newCode, (byNew.get(link.newCode) ?? 0) + (byOld.get(link.oldCode) ?? 0))
  }
  return { byOld, byNew }
}

function reportCurrent(index: UnitIndex, { current, splits }: DerivedPopulation, totals: ReturnType<typeof provinceTotals>): void {
  const communes2025 = index.units.filter((u) => u.p === '2025' && u.l === 'commune')
  const complete = communes2025.filter((u) => {
    const c = current.get(u.c)
    return c !== undefined && c.missing.length === 0
  })
  const methods = new Map<string, number>()
  for (const c of current.values()) methods.set(c.method, (methods.get(c.method) ?? 0) + 1)
  console.log(`2025 communes with a derived figure: ${current.size}/${communes2025.length}, complete: ${complete.length}`)
  console.log(
    `  methods: ${[...methods.entries()]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  )

  const anGiang = communes2025.filter((u) => u.pc === '91')
  const agSum = sumOf(anGiang.map((u) => current.get(u.c)?.population ?? 0))
  const oldAg = totals.byOld.get('89') ?? 0
  const oldKg = totals.byOld.get('91') ?? 0
  console.log(
    `An Giang 2025: ${anGiang.length} communes, derived total ${agSum}; old An Giang ${oldAg} + old Kiên Giang ${oldKg}` +
      ` = ${oldAg + oldKg} (difference ${agSum - oldAg - oldKg})`,
  )
  const agMethods = new Map<string, string[]>()
  for (const u of anGiang) pushTo(agMethods, current.get(u.c)?.method ?? 'none', `${u.c} ${u.n}`)
  for (const [method, list] of [...agMethods.entries()].sort(([a], [b]) => compareStrings(a, b))) {
    console.log(`  An Giang ${method} (${list.length}): ${method === 'sum' ? '(all others)' : list.join('; ')}`)
  }
  const nameOf = (period: Period, level: Level, code: string): string => index.get(period, level, code)?.n ?? '?'
  for (const split of splits.filter((sp) => sp.parts.some((p) => index.get('2025', 'commune', p.newCode)?.pc === '91'))) {
    const parts = split.parts.map((p) => `${p.newCode} ${nameOf('2025', 'commune', p.newCode)} ${p.population}`)
    console.log(
      `  split (${split.method}): ${split.oldCode} ${nameOf('2008', 'commune', split.oldCode)} ${split.population} → ${parts.join(', ')}`,
    )
  }
  for (const u of anGiang) {
    const c = current.get(u.c)
    if (!c || c.missing.length > 0) console.log(`  ! ${u.c} ${u.n} lacks figures for ${c?.missing.join(',') ?? 'everything'}`)
  }
  console.log(`Vietnam 2019 total: ${sumOf([...totals.byNew.values()])} in ${totals.byNew.size} provinces`)
}

// ---------------------------------------------------------------------------------------------
// Boundaries (simplified with mapshaper)

function projectRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
}

/** Stands in runMapshaper's arguments for the file mapshaper writes. */
const OUTPUT = '<output file>'

/**
 * Runs mapshaper with its output (`-o` then `OUTPUT`) going to a temporary file, read back here:
 * mapshaper writes standard output asynchronously and exits before a large result is flushed.
 */
function runMapshaper(args: readonly string[]): string {
  const bin = path.join(projectRoot(), 'node_modules', '.bin', 'mapshaper')
  const dir = mkdtempSync(path.join(tmpdir(), 'phongdich-mapshaper-'))
  try {
    const out = path.join(dir, 'out.json')
    execFileSync(bin, args.map((a) => (a === OUTPUT ? out : a)), { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] })
    return readFileSync(out, 'utf8')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const SimplifiedSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: GeometrySchema.nullable(),
      properties: z.object({ code: z.string() }),
    }),
  ),
})

/**
 * All files are simplified as one layer so that borders shared by neighbours are simplified
 * identically and no gaps or overlaps appear between them.
 */
function simplifyBoundaries(files: readonly string[], keepPercent: number, decimals: number): Map<string, Geometry> {
  const output = runMapshaper([
    '-i',
    ...files,
    'combine-files',
    '-merge-layers',
    '-simplify',
    `${keepPercent}%`,
    'keep-shapes',
    '-filter-fields',
    'code',
    '-o',
    OUTPUT,
    'format=geojson',
    `precision=${(10 ** -decimals).toFixed(decimals)}`,
  ])
  const collection = SimplifiedSchema.parse(JSON.parse(output))
  const geometries = new Map<string, Geometry>()
  for (const f of collection.features) {
    if (!f.geometry) fail(`simplification removed ${f.properties.code}`)
    geometries.set(f.properties.code, f.geometry)
  }
  return geometries
}

function countVertices(geometry: Geometry): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  return sumOf(polygons.flatMap((p) => p.map((r) => r.length)))
}

function geometryToJson(geometry: Geometry): JsonObject {
  return { type: geometry.type, coordinates: geometry.coordinates }
}

function writeBoundaries(file: string, geometries: ReadonlyMap<string, Geometry>, properties: (code: string) => JsonObject): void {
  const features: JsonValue[] = [...geometries.keys()].sort(compareStrings).map((code) => ({
    type: 'Feature',
    id: code,
    properties: properties(code),
    geometry: geometryToJson(geometries.get(code) ?? fail(`no geometry ${code}`)),
  }))
  writeJson(file, { type: 'FeatureCollection', features }, 2)
}

// ---------------------------------------------------------------------------------------------
// Output documents

function unitToJson(u: Unit): JsonObject {
  return { p: u.p, c: u.c, n: u.n, t: u.t, l: u.l, pc: u.pc, en: u.en }
}

function populationDocument(
  censusSource: string,
  old: OldPopulation,
  current: ReadonlyMap<string, CurrentPopulation>,
  totals: ReturnType<typeof provinceTotals>,
  match: CensusMatch,
): JsonObject {
  const currentJson = new Map<string, JsonValue>()
  for (const [code, c] of current) {
    currentJson.set(code, {
      population: c.population,
      method: c.method,
      missing: c.missing.length > 0 ? [...c.missing].sort(compareStrings) : undefined,
    })
  }
  const notable = match.attributions
    .filter((a) => a.rule !== 'name' && a.rule !== 'name-in-province' && a.rule !== 'island-district')
    .sort((a, b) => compareStrings(a.row.label, b.row.label))
    .map((a): JsonValue => [a.row.label, a.code, a.row.population, a.rule])
  const unmatched = [...match.unmatched].sort((a, b) => compareStrings(a.label, b.label)).map((r): JsonValue => [r.label, r.population])
  return {
    year: 2019,
    source: censusSource,
    old: new Map([...old.population.entries()]),
    current: currentJson,
    provinces: new Map([...totals.byNew.entries()]),
    mergedBefore2025: notable,
    unmatched,
  }
}

// ---------------------------------------------------------------------------------------------
// Main

interface Paths {
  units2025: string
  unitsPre: string
  merges: string
  splits: string
  census: string
  provinceGeo: string
  anGiangGeo: string
  out: string
}

function resolvePaths(dataDir: string): Paths {
  return {
    units2025: path.join(dataDir, 'units', 'vn-units-2025.json'),
    unitsPre: path.join(dataDir, 'units', 'vn-units-pre2025.json'),
    merges: path.join(dataDir, 'units', 'mapping-2025-merges.json'),
    splits: path.join(dataDir, 'units', 'mapping-2025-splits.json'),
    census: path.join(dataDir, 'population', 'vn-population-2019-by-commune.csv'),
    provinceGeo: path.join(dataDir, 'geo', 'provinces-2025'),
    anGiangGeo: path.join(dataDir, 'geo', 'wards-2025-91-an-giang'),
    out: path.join(projectRoot(), 'data', 'reference'),
  }
}

function buildUnitsStep(paths: Paths): UnitIndex {
  const raw: RawUnits = {
    current: Units2025Schema.parse(readJson(paths.units2025)),
    previous: UnitsPreSchema.parse(readJson(paths.unitsPre)),
  }
  const units = [...buildUnits2025(raw.current), ...buildUnitsPre2025(raw.previous)].sort(compareUnits)
  reportDuplicateCodes(units)
  checkCounts(units)
  console.log(
    `units 2025: ${countUnits(units, '2025', 'province')} provinces, ${countUnits(units, '2025', 'commune')} communes;` +
      ` pre-2025: ${countUnits(units, '2008', 'province')} provinces, ${countUnits(units, '2008', 'district')} districts,` +
      ` ${countUnits(units, '2008', 'commune')} communes`,
  )
  const generatedFrom =
    `vietnamese-provinces-database (MIT): units/vn-units-2025.json sha256:${shortHash(paths.units2025)},` +
    ` units/vn-units-pre2025.json sha256:${shortHash(paths.unitsPre)}`
  writeJson(path.join(paths.out, 'units.json'), { generatedFrom, units: units.map(unitToJson) }, 2)
  return new UnitIndex(units)
}

function buildMappingStep(paths: Paths, index: UnitIndex): Link[] {
  const merges = MergesSchema.parse(readJson(paths.merges))
  const splits = SplitsSchema.parse(readJson(paths.splits))
  const { links, codeFixes, warnings } = buildMapping(index, merges)
  const problems = checkMapping(index, links, splits, (code) => codeFixes.get(code) ?? code)
  const corrected = applyLinkCorrections(links, warnings)
  const structural = [...checkCoverage(index, corrected), ...checkProvinceConsistency(index, corrected)]
  const counts = new Map<string, number>()
  for (const l of corrected) counts.set(`${l.level}/${l.kind}`, (counts.get(`${l.level}/${l.kind}`) ?? 0) + 1)
  console.log(
    `mapping: ${corrected.length} links (${[...counts.entries()]
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
  )
  for (const w of warnings) console.log(`  ! ${w}`)
  console.log(`  cross-check with the splits file: ${problems.length === 0 ? 'consistent' : `${problems.length} problems`}`)
  for (const p of problems) console.log(`  ! ${p}`)
  console.log(
    `  coverage and province check after corrections: ${structural.length === 0 ? 'consistent' : `${structural.length} problems`}`,
  )
  for (const p of structural) console.log(`  ! ${p}`)
  const generatedFrom =
    `dvhcvn/20250701 (MIT): units/mapping-2025-merges.json sha256:${shortHash(paths.merges)},` +
    ` checked against units/mapping-2025-splits.json sha256:${shortHash(paths.splits)}`
  writeJson(
    path.join(paths.out, 'mapping.json'),
    { generatedFrom, links: corrected.map((l) => [l.oldCode, l.newCode, l.kind, l.level]) },
    2,
  )
  return corrected
}

function buildPopulationStep(paths: Paths, index: UnitIndex, links: readonly Link[], anGiangBoundaries: readonly BoundaryFile[]): void {
  const rows = readCensus(paths.census)
  const lookup = new OldUnitLookup(index)
  const match = matchCensus(rows, lookup)
  const old = aggregateOld(match.attributions)
  reportCensusMatch(rows, match, lookup, old)
  const newArea = new Map(anGiangBoundaries.map((b) => [b.code, b.areaSqm]))
  const derived = deriveCurrentPopulation(links, old, newArea)
  const totals = provinceTotals(rows, lookup, links)
  reportCurrent(index, derived, totals)
  const source =
    'General Statistics Office of Viet Nam, 2019 Population and Housing Census, by commune,' +
    ` as compiled in the vn-demographic repository (population/vn-population-2019-by-commune.csv sha256:${shortHash(paths.census)})`
  writeJson(path.join(paths.out, 'population.json'), populationDocument(source, old, derived.current, totals, match), 2)
}

function buildBoundariesStep(paths: Paths, index: UnitIndex, anGiang: readonly BoundaryFile[]): void {
  const provinces = readBoundaryFiles(paths.provinceGeo)
  const units2025 = index.units.filter((u) => u.p === '2025')
  checkBoundaryFiles(
    'provinces',
    provinces,
    units2025.filter((u) => u.l === 'province'),
  )
  checkBoundaryFiles(
    'An Giang communes',
    anGiang,
    units2025.filter((u) => u.l === 'commune' && u.pc === '91'),
  )
  const nameOf = (code: string): string =>
    (index.get('2025', 'province', code) ?? index.get('2025', 'commune', code) ?? fail(`unknown 2025 code ${code}`)).n

  const provinceGeometries = simplifyBoundaries(
    provinces.map((p) => p.file),
    PROVINCE_KEEP_PERCENT,
    4,
  )
  const provinceFile = path.join(paths.out, 'boundaries-provinces.geojson')
  writeBoundaries(provinceFile, provinceGeometries, (code) => ({ code, name: nameOf(code) }))

  // The published natural area is what officials quote; the polygon area only serves the
  // population split, where it has to be comparable with the census polygon areas.
  const areaKm2 = new Map(anGiang.map((b) => [b.code, b.statedAreaKm2 ?? Math.round(b.areaSqm / 1e4) / 100]))
  const communeGeometries = simplifyBoundaries(
    anGiang.map((b) => b.file),
    COMMUNE_KEEP_PERCENT,
    5,
  )
  const communeFile = path.join(paths.out, 'boundaries-communes-91.geojson')
  writeBoundaries(communeFile, communeGeometries, (code) => ({ code, name: nameOf(code), areaKm2: areaKm2.get(code) ?? null }))

  const vertices = (m: ReadonlyMap<string, Geometry>): number => sumOf([...m.values()].map(countVertices))
  console.log(
    `boundaries: provinces ${provinceGeometries.size} features, ${vertices(provinceGeometries)} vertices;` +
      ` An Giang communes ${communeGeometries.size} features, ${vertices(communeGeometries)} vertices`,
  )
}

// Share of vertices kept: enough for recognisable outlines on an overview map at a small size.
const PROVINCE_KEEP_PERCENT = 6
const COMMUNE_KEEP_PERCENT = 10

function main(argv: readonly string[]): void {
  const dataDir = argv[0]
  if (!dataDir) fail('usage: tsx scripts/build-reference-data.ts <shared-data-dir>')
  const paths = resolvePaths(path.resolve(dataDir))
  mkdirSync(paths.out, { recursive: true })
  const started = Date.now()
  const index = buildUnitsStep(paths)
  const links = buildMappingStep(paths, index)
  const anGiang = readBoundaryFiles(paths.anGiangGeo)
  buildPopulationStep(paths, index, links, anGiang)
  buildBoundariesStep(paths, index, anGiang)
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s → ${path.relative(process.cwd(), paths.out) || '.'}`)
}

main(process.argv.slice(2))
