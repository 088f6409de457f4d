import { addDays, differenceInCalendarDays, formatISO, parseISO } from 'date-fns'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { CaseClassification, FollowupStatus, Outcome, SourceKind } from '../../../../domain/surveillance/codes.ts'
import { type Access, likeContains, likePrefix } from '../../../platform/context.ts'
import type { DB } from '../../../platform/schema.ts'

type Db = Kysely<DB>

/*
 * Lists of an area at a million rows.
 *
 * A person-level row carries its person's unit path, and the tables have (unit_path, date) indexes
 * (cases: confirmed and onset date; follow-ups: status and end date). An area (the caller's
 * jurisdiction, or a unit inside it) is a range of paths, and an order by date across that range
 * cannot be read from such an index in order: PostgreSQL would read every row of the area and sort
 * it (a province: the whole table). Nor can a page be taken from each unit and merged: that reads
 * a page per unit (a province has hundreds of communes and hamlets). So a page is read in two passes:
 *
 * 1. the date at which the page ends: for each unit of the area, the first offset+limit dates in
 *    order from the index alone (no table rows), the offset+limit-th of them all is the cut-off;
 * 2. the rows from the start to that date, from one index scan over all the area's paths
 *    (`unit_path = ANY(paths) AND date BETWEEN …`): about a page of rows, and the ties of its last day.
 *
 * Conditions the index does not hold (classification, source, a name…) are checked on the rows of
 * pass 2; when they leave the page short, the read goes on further back by windows of days sized
 * from the share of rows that matched, until the page is full or the area's first date is passed.
 * Rows without the date come last.
 *
 * Totals are counted up to COUNT_CAP + 1 rows (above: "hơn 10.000"), from the index alone when
 * only the area and the dates restrict the list. With other conditions, the most recent
 * COUNT_VISITS rows or so are read for the count (they lie together in the table, written in date
 * order): when that is not all of them, the total is given as "at least" the rows that matched
 * among them. So a count never reads a million rows per request; the exact figure for a province
 * is the summary's work, not a list's.
 */

/** At most this many matching rows are counted: a larger total is shown as "hơn 10.000". */
export const COUNT_CAP = 10_000
/** At most this many rows are read to count a list whose conditions the indexes do not hold. */
export const COUNT_VISITS = 5_000

export interface Counted {
  n: number
  /** True when not every row was read: `n` is a lower bound. */
  atLeast: boolean
}

const and = (conds: RawBuilder<unknown>[]) => (conds.length > 0 ? sql.join(conds, sql` AND `) : sql`true`)
const iso = (d: Date) => formatISO(d, { representation: 'date' })
const shift = (day: string, n: number) => iso(addDays(parseISO(day), n))
/** Of two days (yyyy-mm-dd), the earlier and the later. */
const earlier = (a: string, b: string) => (a < b ? a : b)
const later = (a: string, b: string) => (a > b ? a : b)
const span = (a: string, b: string) => Math.abs(differenceInCalendarDays(parseISO(b), parseISO(a))) + 1

/** The paths of the units of an area: inside the caller's jurisdiction and under `areaPath`. */
const areaPaths = (access: Access, areaPath: string) =>
  sql`ARRAY(SELECT u.path COLLATE "C" FROM units u WHERE u.path LIKE ${likePrefix(access.unitPath)} AND u.path LIKE ${likePrefix(areaPath)})`

/**
 * An area of at most FEW_UNITS units (a commune, with its hamlets where they are registered) is
 * read unit by unit, each from its own index in order; a larger one (a province) holds most rows,
 * and is read from one index over them all in that order, keeping the area's rows.
 */
const FEW_UNITS = 8
async function fewUnits(db: Db, access: Access, areaPath: string): Promise<boolean> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM units u WHERE u.path LIKE ${likePrefix(access.unitPath)} AND u.path LIKE ${likePrefix(areaPath)} LIMIT ${FEW_UNITS + 1}) x`.execute(db)
  return Number(r.rows[0]?.n ?? 0) <= FEW_UNITS
}

/** A table of an area read in order of one of its dates (see above). */
interface AreaOrder {
  access: Access
  areaPath: string
  /** The table as `name alias`, e.g. `cases c`. */
  from: RawBuilder<unknown>
  alias: string
  /** The date column (under the alias), and the conditions its index holds between the path and the date. */
  key: string
  indexed: RawBuilder<unknown>[]
  /** The range of the date asked for (inclusive). */
  low?: string | undefined
  high?: string | undefined
  /** Conditions read from the rows. */
  filters: RawBuilder<unknown>[]
  desc: boolean
  /** Rows without the date come after the others (not when a range of the date is asked for). */
  withoutKey: boolean
  /** The table has an index on (date, id) that includes unit_path: a large area is read from it in order. */
  ordered?: boolean
}

const col = (o: AreaOrder, name: string) => sql.raw(`${o.alias}.${name}`)

function keyRange(o: AreaOrder, low: string | undefined, high: string | undefined) {
  const k = col(o, o.key)
  const w: RawBuilder<unknown>[] = [sql`${k} IS NOT NULL`]
  if (low) w.push(sql`${k} >= ${low}::date`)
  if (high) w.push(sql`${k} <= ${high}::date`)
  return w
}

/** The extreme date of the area in a direction (the newest with 'max'), from the index alone: one probe per unit. */
async function extremeKey(db: Db, o: AreaOrder, which: 'min' | 'max'): Promise<string | null> {
  const k = col(o, o.key)
  const agg = which === 'min' ? sql`min` : sql`max`
  const r = await sql<{ k: string | null }>`
    SELECT ${agg}(x.k)::text AS k FROM units u CROSS JOIN LATERAL (
      SELECT ${agg}(${k}) AS k FROM ${o.from} WHERE ${and([sql`${col(o, 'unit_path')} = u.path COLLATE "C"`, ...o.indexed, ...keyRange(o, o.low, o.high)])}
    ) x
    WHERE u.path LIKE ${likePrefix(o.access.unitPath)} AND u.path LIKE ${likePrefix(o.areaPath)}`.execute(db)
  return r.rows[0]?.k ?? null
}

/** The rows of the area with the date in [low, high], counted up to `cap`, from the index alone. */
async function countKeyed(db: Db, o: AreaOrder, low: string | undefined, high: string | undefined, cap: number): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM ${o.from} WHERE ${and([sql`${col(o, 'unit_path')} = ANY(${areaPaths(o.access, o.areaPath)})`, ...o.indexed, ...keyRange(o, low, high)])}
      LIMIT ${cap}) x`.execute(db)
  return Number(r.rows[0]?.n ?? 0)
}

/**
 * Where reading starts (the newest date when reading back: today unless later dates were
 * recorded, or the end of the range) and where the area's dates end that way.
 */
async function startOf(db: Db, o: AreaOrder, today: string): Promise<string | null> {
  if (o.desc) {
    const top = o.high && o.high < today ? o.high : today
    if ((await countKeyed(db, o, shift(top, 1), o.high, 1)) === 0) return top
    return extremeKey(db, o, 'max')
  }
  return o.low ?? extremeKey(db, o, 'min')
}

/**
 * Pass 1: the date on which the first `need` rows (in order) end, or null when the range holds
 * fewer. Found by counting from the index alone (each count stops at `need`): days doubling from
 * the start, then halving back to the exact day (or not, `exact` false: a day by which at least
 * `need` rows have been passed).
 */
async function cutOff(db: Db, o: AreaOrder, need: number, today: string, exact = true): Promise<{ start: string; cut: string | null } | null> {
  const start = await startOf(db, o, today)
  if (start === null) return null
  const at = (d: number) => shift(start, o.desc ? -d : d)
  const reaches = async (d: number) => (await countKeyed(db, o, ...within(o, o.desc ? at(d) : start, o.desc ? start : at(d)), need)) >= need
  // The far end of what can be read: the range's, or the area's last date once the days grow long.
  let farthest = o.desc ? o.low : o.high
  let probed = false
  let below = -1
  let d = 0
  while (!(await reaches(d))) {
    // The days counted hold the whole range: it has fewer rows than asked.
    if (farthest !== undefined && (o.desc ? at(d) <= farthest : at(d) >= farthest)) return { start, cut: null }
    below = d
    d = d === 0 ? 1 : d * 2
    if (d >= 32 && !probed) {
      probed = true
      const end = await extremeKey(db, o, o.desc ? 'min' : 'max')
      if (end === null) return { start, cut: null }
      farthest = farthest === undefined ? end : o.desc ? later(farthest, end) : earlier(farthest, end)
    }
  }
  if (!exact) return { start, cut: at(d) }
  let lo = below + 1
  let hi = d
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2)
    if (await reaches(mid)) hi = mid
    else lo = mid + 1
  }
  return { start, cut: at(lo) }
}

/** [low, high] inside the range asked for. */
function within(o: AreaOrder, low: string, high: string): [string, string] {
  return [o.low ? later(o.low, low) : low, o.high ? earlier(o.high, high) : high]
}

/** Pass 2: the matching rows of the area with the date in [low, high], from one index scan over the area's paths. */
async function rowsBetween(db: Db, o: AreaOrder, low: string | undefined, high: string | undefined): Promise<Keyed[]> {
  const r = await sql<Keyed>`
    SELECT ${col(o, 'id')} AS id, ${col(o, o.key)}::text AS k FROM ${o.from}
     WHERE ${and([sql`${col(o, 'unit_path')} = ANY(${areaPaths(o.access, o.areaPath)})`, ...o.indexed, ...keyRange(o, low, high), ...o.filters])}`.execute(db)
  return r.rows.map((x) => ({ id: Number(x.id), k: x.k }))
}

/** The first `need` rows in order read straight from the table (a scan): when conditions on the rows match too few. */
async function scanInOrder(db: Db, o: AreaOrder, need: number): Promise<Keyed[]> {
  const dir = o.desc ? sql`DESC` : sql`ASC`
  const k = col(o, o.key)
  const range = o.low || o.high ? keyRange(o, o.low, o.high) : o.withoutKey ? [] : [sql`${k} IS NOT NULL`]
  const r = await sql<Keyed>`
    SELECT ${col(o, 'id')} AS id, ${k}::text AS k FROM ${o.from}
     WHERE ${and([sql`${col(o, 'unit_path')} = ANY(${areaPaths(o.access, o.areaPath)})`, ...o.indexed, ...range, ...o.filters])}
     ORDER BY ${k} ${dir} NULLS LAST, ${col(o, 'id')} ${dir} LIMIT ${need}`.execute(db)
  return r.rows.map((x) => ({ id: Number(x.id), k: x.k }))
}

/**
 * Without conditions on the rows: each unit's first `need` rows from its (unit_path, date, id)
 * index, and the first `need` of them all. About a page per unit that has rows in the range, from
 * the index alone, whatever the range; no day's ties read in full.
 */
async function firstPerUnit(db: Db, o: AreaOrder, need: number): Promise<Keyed[]> {
  const dir = o.desc ? sql`DESC` : sql`ASC`
  const k = col(o, o.key)
  const r = await sql<Keyed>`
    SELECT x.id, x.k::text AS k FROM units u CROSS JOIN LATERAL (
      SELECT ${col(o, 'id')} AS id, ${k} AS k FROM ${o.from}
       WHERE ${and([sql`${col(o, 'unit_path')} = u.path COLLATE "C"`, ...o.indexed, ...keyRange(o, o.low, o.high)])}
       ORDER BY ${k} ${dir}, ${col(o, 'id')} ${dir} LIMIT ${need}) x
     WHERE u.path LIKE ${likePrefix(o.access.unitPath)} AND u.path LIKE ${likePrefix(o.areaPath)}
     ORDER BY x.k ${dir}, x.id ${dir} LIMIT ${need}`.execute(db)
  return r.rows.map((x) => ({ id: Number(x.id), k: x.k }))
}

/**
 * Without conditions on the rows, in a large area: the first `need` rows from the table's (date, id)
 * index in order, those of the area kept (its path is in the index). A province holds most of the
 * rows, so about `need` entries are read.
 */
async function firstInOrder(db: Db, o: AreaOrder, need: number): Promise<Keyed[]> {
  const dir = o.desc ? sql`DESC` : sql`ASC`
  const k = col(o, o.key)
  const p = col(o, 'unit_path')
  const r = await sql<Keyed>`
    SELECT ${col(o, 'id')} AS id, ${k}::text AS k FROM ${o.from}
     WHERE ${and([...keyRange(o, o.low, o.high), sql`${p} LIKE ${likePrefix(o.access.unitPath)}`, sql`${p} LIKE ${likePrefix(o.areaPath)}`, ...o.indexed])}
     ORDER BY ${k} ${dir}, ${col(o, 'id')} ${dir} LIMIT ${need}`.execute(db)
  return r.rows.map((x) => ({ id: Number(x.id), k: x.k }))
}

export interface Keyed {
  id: number
  k: string | null
}

/** Rows read window by window for conditions on the rows, before the list is read by a scan instead. */
const WINDOW_VISITS = 30_000

/**
 * The first `need` rows of an area in order of the date (then of id, the same way), rows without the
 * date last. Two passes; then, when conditions on the rows leave it short, windows further on sized
 * from the share of rows that matched, and a scan when that share is too small.
 */
async function readInOrder(db: Db, o: AreaOrder, need: number, today: string): Promise<Keyed[]> {
  const out: Keyed[] = []
  const first = o.filters.length === 0 ? null : await cutOff(db, o, need, today)
  if (o.filters.length === 0) {
    const rows = o.ordered && !(await fewUnits(db, o.access, o.areaPath)) ? await firstInOrder(db, o, need) : await firstPerUnit(db, o, need)
    for (const row of rows) out.push(row)
  }
  else if (first) {
    const { start, cut } = first
    // The rows from the start up to the cut-off (all of the range when it holds fewer).
    const [low, high] = o.desc ? [cut ?? o.low, o.high] : [o.low, cut ?? o.high]
    for (const row of await rowsBetween(db, o, low, high)) out.push(row)
    if (cut !== null && out.length < need) {
      // Conditions on the rows left the page short: read on, window by window.
      const areaEnd = await extremeKey(db, o, o.desc ? 'min' : 'max')
      // Where reading stops: the area's last date in the range.
      const stop = areaEnd === null ? cut : within(o, areaEnd, areaEnd)[o.desc ? 0 : 1]
      let visited = need
      let days = span(start, cut)
      let edge = cut
      while (out.length < need && (o.desc ? edge > stop : edge < stop)) {
        const share = Math.max(out.length, 1) / visited
        const wanted = Math.min(WINDOW_VISITS - visited, ((need - out.length) / share) * 1.25)
        if (wanted <= 0) return scanInOrder(db, o, need)
        const width = Math.max(1, Math.ceil(wanted / (visited / days)))
        const [a, b] = within(o, ...(o.desc ? [shift(edge, -width), shift(edge, -1)] : [shift(edge, 1), shift(edge, width)]) as [string, string])
        for (const row of await rowsBetween(db, o, a, b)) out.push(row)
        visited += await countKeyed(db, o, a, b, WINDOW_VISITS)
        days += width
        edge = o.desc ? a : b
      }
    }
  }
  if (out.length < need && o.withoutKey && !o.low && !o.high) {
    const dir = o.desc ? sql`DESC` : sql`ASC`
    const r = await sql<Keyed>`
      SELECT ${col(o, 'id')} AS id, NULL AS k FROM ${o.from}
       WHERE ${and([sql`${col(o, 'unit_path')} = ANY(${areaPaths(o.access, o.areaPath)})`, ...o.indexed, sql`${col(o, o.key)} IS NULL`, ...o.filters])}
       ORDER BY ${col(o, 'id')} ${dir} LIMIT ${need - out.length}`.execute(db)
    for (const x of r.rows) out.push({ id: Number(x.id), k: null })
  }
  const sign = o.desc ? -1 : 1
  return out.sort((x, y) => (x.k === y.k ? sign * (x.id - y.id) : x.k === null ? 1 : y.k === null ? -1 : sign * (x.k < y.k ? -1 : 1)))
}

/** The number of rows of the area in the range, capped (see above). */
async function countInArea(db: Db, o: AreaOrder, today: string): Promise<Counted> {
  const inArea = sql`${col(o, 'unit_path')} = ANY(${areaPaths(o.access, o.areaPath)})`
  const ranged = o.low || o.high ? keyRange(o, o.low, o.high) : []
  if (o.filters.length === 0) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${o.from} WHERE ${and([inArea, ...o.indexed, ...ranged])} LIMIT ${COUNT_CAP + 1}) x`.execute(db)
    return { n: Number(r.rows[0]?.n ?? 0), atLeast: false }
  }
  // Conditions on the rows: the most recent COUNT_VISITS rows of the range are read (the range's
  // rows lie together in the table, written in date order), the rows without the date after them.
  const visits = sql`sum(CASE WHEN ${and(o.filters)} THEN 1 ELSE 0 END)::int`
  let n = 0
  let more = false
  const first = await cutOff(db, o, COUNT_VISITS, today, false)
  if (first) {
    const [low, high] = o.desc ? [first.cut ?? o.low, o.high] : [o.low, first.cut ?? o.high]
    const r = await sql<{ m: number | null }>`SELECT ${visits} AS m FROM ${o.from} WHERE ${and([inArea, ...o.indexed, ...keyRange(o, low, high)])}`.execute(db)
    n += Number(r.rows[0]?.m ?? 0)
    more = first.cut !== null
  }
  if (!more && o.withoutKey && ranged.length === 0) {
    const r = await sql<{ m: number | null; v: number }>`
      SELECT ${visits} AS m, count(*)::int AS v
        FROM (SELECT * FROM ${o.from} WHERE ${and([inArea, ...o.indexed, sql`${col(o, o.key)} IS NULL`])} LIMIT ${COUNT_VISITS}) ${sql.raw(o.alias)}`.execute(db)
    n += Number(r.rows[0]?.m ?? 0)
    more = Number(r.rows[0]?.v ?? 0) >= COUNT_VISITS
  }
  return { n, atLeast: more && n <= COUNT_CAP }
}

// --- Cases ----------------------------------------------------------------------------------

export interface CaseListFilter {
  /** The area listed: a unit's path inside the caller's jurisdiction (the jurisdiction itself by default). */
  areaPath: string
  dateField: 'confirmed' | 'onset'
  from?: string | undefined
  to?: string | undefined
  classification?: CaseClassification[] | undefined
  sourceKind?: SourceKind | undefined
  clusterId?: number | undefined
  outcome?: Outcome | 'none' | undefined
  /** Active F0 (a source now) or not. */
  active?: boolean | undefined
  /** Only the cases of these people (a name search resolved to few people). */
  personIds?: number[] | undefined
  /** Only cases whose person's folded name contains this (a name search matching many people). */
  nameFold?: string | undefined
  sort: 'confirmedDate' | 'onsetDate' | 'fullName'
  desc: boolean
  limit: number
  offset: number
  /** The server's today (reading back starts there unless later dates were recorded). */
  today: string
}

const DATE_COLUMN = { confirmed: 'confirmed_date', onset: 'onset_date' } as const

/** The conditions read from the rows (the date range on another date than the order's included). */
function caseFilters(f: CaseListFilter, key: string): RawBuilder<unknown>[] {
  const w: RawBuilder<unknown>[] = []
  const dated = sql.raw(`c.${DATE_COLUMN[f.dateField]}`)
  if (DATE_COLUMN[f.dateField] !== key) {
    if (f.from) w.push(sql`${dated} >= ${f.from}::date`)
    if (f.to) w.push(sql`${dated} <= ${f.to}::date`)
  }
  if (f.classification?.length) w.push(sql`c.classification = ANY(${sql.val(f.classification)}::text[])`)
  if (f.sourceKind) w.push(sql`c.source_kind = ${f.sourceKind}`)
  if (f.clusterId !== undefined) w.push(sql`c.cluster_id = ${f.clusterId}`)
  if (f.outcome === 'none') w.push(sql`c.outcome IS NULL`)
  else if (f.outcome) w.push(sql`c.outcome = ${f.outcome}`)
  if (f.active !== undefined) w.push(sql`c.is_source = ${f.active}`)
  if (f.personIds) w.push(sql`c.person_id = ANY(${sql.val(f.personIds)}::bigint[])`)
  if (f.nameFold) w.push(sql`EXISTS (SELECT 1 FROM people np WHERE np.id = c.person_id AND np.name_fold LIKE ${likeContains(f.nameFold)})`)
  return w
}

function caseOrder(access: Access, f: CaseListFilter): AreaOrder {
  const key = f.sort === 'onsetDate' ? DATE_COLUMN.onset : DATE_COLUMN.confirmed
  const ranged = DATE_COLUMN[f.dateField] === key
  return {
    access,
    areaPath: f.areaPath,
    from: sql`cases c`,
    alias: 'c',
    key,
    indexed: [],
    low: ranged ? f.from : undefined,
    high: ranged ? f.to : undefined,
    filters: caseFilters(f, key),
    desc: f.desc,
    withoutKey: true,
    ordered: true,
  }
}

/** A few people or one cluster: their own indexes (person, cluster) hold few rows, read directly. */
const isNarrow = (f: CaseListFilter) => f.personIds !== undefined || f.clusterId !== undefined

function narrowCases(access: Access, f: CaseListFilter) {
  const key = sql.raw(`c.${f.sort === 'onsetDate' ? DATE_COLUMN.onset : DATE_COLUMN.confirmed}`)
  const w = and([sql`c.unit_path LIKE ${likePrefix(access.unitPath)}`, sql`c.unit_path LIKE ${likePrefix(f.areaPath)}`, ...caseFilters(f, '')])
  return { key, where: w }
}

export async function countCases(db: Db, access: Access, f: CaseListFilter): Promise<Counted> {
  // The active sources are counted from their own index (cases_sources).
  if (isNarrow(f) || f.active === true) {
    const { where } = narrowCases(access, f)
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c WHERE ${where} LIMIT ${COUNT_CAP + 1}) x`.execute(db)
    return { n: Number(r.rows[0]?.n ?? 0), atLeast: false }
  }
  return countInArea(db, caseOrder(access, f), f.today)
}

export interface CaseListRow {
  id: number
  code: string | null
  personId: number
  fullName: string
  birthYear: number | null
  sex: string | null
  unitCode: string
  unitName: string
  classification: CaseClassification
  onsetDate: string | null
  sampleDate: string | null
  confirmedDate: string | null
  isolatedOn: string | null
  foundBy: string | null
  sourceKind: SourceKind
  sourceCountry: string | null
  sourceCaseId: number | null
  clusterId: number | null
  clusterCode: string | null
  severity: string | null
  outcome: Outcome | null
  outcomeDate: string | null
  isSource: boolean
}

/** The page's case ids in order. Sorting by name is only asked for when at most COUNT_CAP cases match. */
async function casePage(db: Db, access: Access, f: CaseListFilter): Promise<number[]> {
  const dir = f.desc ? sql`DESC` : sql`ASC`
  if (f.sort === 'fullName') {
    const where = isNarrow(f) ? narrowCases(access, f).where : (() => {
      const o = caseOrder(access, f)
      return and([sql`c.unit_path = ANY(${areaPaths(access, f.areaPath)})`, ...(o.low || o.high ? keyRange(o, o.low, o.high) : []), ...o.filters])
    })()
    const r = await sql<{ id: number }>`
      SELECT c.id FROM cases c JOIN people p ON p.id = c.person_id WHERE ${where}
       ORDER BY p.name_sort ${dir}, p.full_name ${dir}, c.id ${dir} LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db)
    return r.rows.map((x) => Number(x.id))
  }
  if (isNarrow(f)) {
    const { key, where } = narrowCases(access, f)
    const r = await sql<{ id: number }>`
      SELECT c.id FROM cases c WHERE ${where} ORDER BY ${key} ${dir} NULLS LAST, c.id ${dir} LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db)
    return r.rows.map((x) => Number(x.id))
  }
  const rows = await readInOrder(db, caseOrder(access, f), f.offset + f.limit, f.today)
  return rows.slice(f.offset, f.offset + f.limit).map((r) => r.id)
}

export async function listCases(db: Db, access: Access, f: CaseListFilter): Promise<CaseListRow[]> {
  const ids = await casePage(db, access, f)
  if (ids.length === 0) return []
  const r = await sql<CaseListRow>`
    SELECT c.id, c.code, c.person_id AS "personId", p.full_name AS "fullName", p.birth_year AS "birthYear", p.sex,
           u.code AS "unitCode", u.name AS "unitName", c.classification, c.onset_date AS "onsetDate", c.sample_date AS "sampleDate",
           c.confirmed_date AS "confirmedDate", c.isolated_on AS "isolatedOn", c.found_by AS "foundBy", c.source_kind AS "sourceKind",
           c.source_country AS "sourceCountry", c.source_case_id AS "sourceCaseId", c.cluster_id AS "clusterId", cl.code AS "clusterCode",
           c.severity, c.outcome, c.outcome_date AS "outcomeDate", c.is_source AS "isSource"
      FROM unnest(${sql.val(ids)}::bigint[]) WITH ORDINALITY AS page(id, n)
      JOIN cases c ON c.id = page.id
      JOIN people p ON p.id = c.person_id
      JOIN units u ON u.id = p.unit_id
      LEFT JOIN clusters cl ON cl.id = c.cluster_id
     WHERE c.unit_path LIKE ${likePrefix(access.unitPath)}
     ORDER BY page.n`.execute(db)
  return r.rows
}

/**
 * People inside the area whose folded name contains `folded`, at most `max` + 1 of them (so the
 * caller knows when there are more): found through the dictionary of names and the
 * (full_name, unit_path) index, as people search does.
 */
export async function peopleNamed(db: Db, access: Access, areaPath: string, folded: string, max: number): Promise<number[]> {
  const r = await sql<{ id: number }>`
    SELECT p.id FROM people p
     WHERE p.full_name IN (SELECT n.full_name FROM person_names n WHERE n.name_fold LIKE ${likeContains(folded)} LIMIT ${max + 1})
       AND p.unit_path LIKE ${likePrefix(access.unitPath)} AND p.unit_path LIKE ${likePrefix(areaPath)}
     LIMIT ${max + 1}`.execute(db)
  return r.rows.map((x) => Number(x.id))
}

// --- Contacts -----------------------------------------------------------------------------

export interface ContactListFilter {
  areaPath: string
  degree?: number | undefined
  /** Has a follow-up of this status; 'none': no running follow-up. */
  followupStatus?: FollowupStatus | 'none' | undefined
  /** Followed up now by this user. */
  tracerUserId?: number | undefined
  limit: number
  offset: number
}

/*
 * Contacts are listed newest first (by person id): a large area walks the primary key backwards
 * and stops at the page, a small one reads its rows by the (unit_path, degree) index; the planner
 * chooses. Follow-ups are found by the index of running ones (one per person) or by their
 * (unit_path, status) index: a follow-up carries its person's path.
 */
function contactWhere(access: Access, f: ContactListFilter) {
  const w: RawBuilder<unknown>[] = [sql`cd.unit_path LIKE ${likePrefix(access.unitPath)}`, sql`cd.unit_path LIKE ${likePrefix(f.areaPath)}`]
  if (f.degree !== undefined) w.push(sql`cd.degree = ${f.degree}`)
  if (f.followupStatus === 'none') w.push(sql`NOT EXISTS (SELECT 1 FROM contact_followups f WHERE f.person_id = cd.person_id AND f.status = 'active')`)
  else if (f.followupStatus) {
    w.push(sql`cd.person_id IN (SELECT f.person_id FROM contact_followups f WHERE f.status = ${f.followupStatus} AND f.unit_path = ANY(${areaPaths(access, f.areaPath)}))`)
  }
  if (f.tracerUserId !== undefined) {
    w.push(sql`cd.person_id IN (SELECT f.person_id FROM contact_followups f WHERE f.tracer_user_id = ${f.tracerUserId} AND f.status = 'active')`)
  }
  return and(w)
}

export async function countContacts(db: Db, access: Access, f: ContactListFilter): Promise<Counted> {
  // Area and degree alone: from the (unit_path, degree) index, unit by unit.
  if (f.followupStatus === undefined && f.tracerUserId === undefined) {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM contact_degrees cd
         WHERE cd.unit_path = ANY(${areaPaths(access, f.areaPath)}) ${f.degree === undefined ? sql`` : sql`AND cd.degree = ${f.degree}`}
         LIMIT ${COUNT_CAP + 1}) x`.execute(db)
    return { n: Number(r.rows[0]?.n ?? 0), atLeast: false }
  }
  if (byFollowup(f)) {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM units u CROSS JOIN LATERAL (${followedInUnit(f, COUNT_CAP + 1)}) x
         WHERE u.path LIKE ${likePrefix(access.unitPath)} AND u.path LIKE ${likePrefix(f.areaPath)}
         LIMIT ${COUNT_CAP + 1}) y`.execute(db)
    return { n: Number(r.rows[0]?.n ?? 0), atLeast: false }
  }
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM contact_degrees cd WHERE ${contactWhere(access, f)} LIMIT ${COUNT_CAP + 1}) x`.execute(db)
  return { n: Number(r.rows[0]?.n ?? 0), atLeast: false }
}

/** Filtered by a follow-up status (not by tracer, not "none"): read unit by unit from the follow-ups. */
const byFollowup = (f: ContactListFilter): f is ContactListFilter & { followupStatus: FollowupStatus } =>
  f.followupStatus !== undefined && f.followupStatus !== 'none' && f.tracerUserId === undefined

/**
 * The people of one unit (`u.path`) with a follow-up of the status and a degree (the one asked for),
 * newest first, at most `max`: the unit's follow-ups and its degrees, both read in person order from
 * their (unit_path, …, person_id) indexes and merged (a follow-up carries its person's path, as a
 * degree does).
 */
function followedInUnit(f: ContactListFilter & { followupStatus: FollowupStatus }, max: number) {
  return sql`
    SELECT DISTINCT f.person_id FROM contact_followups f
      JOIN contact_degrees cd ON cd.person_id = f.person_id AND cd.unit_path = f.unit_path
     WHERE f.unit_path = u.path COLLATE "C" AND f.status = ${f.followupStatus} ${f.degree === undefined ? sql`` : sql`AND cd.degree = ${f.degree}`}
     ORDER BY f.person_id DESC LIMIT ${max}`
}

/** The page's people in order (newest first). */
async function contactPage(db: Db, access: Access, f: ContactListFilter): Promise<number[]> {
  const inArea = sql`u.path LIKE ${likePrefix(access.unitPath)} AND u.path LIKE ${likePrefix(f.areaPath)}`
  const r = byFollowup(f)
    ? await sql<{ id: number }>`
        SELECT x.person_id AS id FROM units u CROSS JOIN LATERAL (${followedInUnit(f, f.offset + f.limit)}) x
         WHERE ${inArea} ORDER BY x.person_id DESC LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db)
    : (await fewUnits(db, access, f.areaPath))
      ? // Each unit's newest from its (unit_path, person_id, degree) index, merged.
        await sql<{ id: number }>`
        SELECT x.person_id AS id FROM units u CROSS JOIN LATERAL (
          SELECT cd.person_id FROM contact_degrees cd WHERE cd.unit_path = u.path COLLATE "C" AND ${contactWhere(access, f)}
           ORDER BY cd.person_id DESC LIMIT ${f.offset + f.limit}) x
         WHERE ${inArea} ORDER BY x.person_id DESC LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db)
      : // Most of the contacts: the primary key walked backwards, the page's rows kept.
        await sql<{ id: number }>`
        SELECT cd.person_id AS id FROM contact_degrees cd WHERE ${contactWhere(access, f)} ORDER BY cd.person_id DESC LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db)
  return r.rows.map((x) => Number(x.id))
}

export async function listContacts(db: Db, access: Access, f: ContactListFilter) {
  const ids = await contactPage(db, access, f)
  if (ids.length === 0) return []
  const r = await sql<{
    personId: number
    fullName: string
    birthYear: number | null
    sex: string | null
    phone: string | null
    unitCode: string
    unitName: string
    degree: number
    viaPersonId: number | null
    viaName: string | null
    rootCaseId: number
    lastExposedOn: string | null
    followupId: number | null
    followupStatus: FollowupStatus | null
    followupUntil: string | null
    tracerUserId: number | null
    tracerName: string | null
  }>`
    SELECT cd.person_id AS "personId", p.full_name AS "fullName", p.birth_year AS "birthYear", p.sex, p.phone,
           u.code AS "unitCode", u.name AS "unitName", cd.degree,
           CASE WHEN vp.unit_path LIKE ${likePrefix(access.unitPath)} THEN vp.id END AS "viaPersonId",
           CASE WHEN vp.unit_path LIKE ${likePrefix(access.unitPath)} THEN vp.full_name END AS "viaName",
           cd.root_case_id AS "rootCaseId", ve.exposed_on AS "lastExposedOn",
           f.id AS "followupId", f.status AS "followupStatus", f.until AS "followupUntil", f.tracer_user_id AS "tracerUserId", tu.display_name AS "tracerName"
      FROM unnest(${sql.val(ids)}::bigint[]) WITH ORDINALITY AS page(person_id, n)
      JOIN contact_degrees cd ON cd.person_id = page.person_id AND cd.unit_path LIKE ${likePrefix(access.unitPath)}
      JOIN people p ON p.id = cd.person_id
      JOIN units u ON u.id = p.unit_id
      LEFT JOIN people vp ON vp.id = cd.via_person_id
      LEFT JOIN exposures ve ON ve.id = cd.via_exposure_id
      LEFT JOIN LATERAL (
        SELECT f.* FROM contact_followups f
         WHERE f.person_id = cd.person_id
         ORDER BY (f.status = 'active') DESC, f.started_on DESC, f.id DESC LIMIT 1
      ) f ON true
      LEFT JOIN users tu ON tu.id = f.tracer_user_id
     ORDER BY page.n`.execute(db)
  return r.rows
}

// --- Follow-ups -----------------------------------------------------------------------------

/** Follow-ups of an area in order of their last day (running ones from `due` on, ended ones latest first). */
export function followupOrder(access: Access, f: { areaPath: string; status: FollowupStatus; due: string; filters: RawBuilder<unknown>[] }): AreaOrder {
  const running = f.status === 'active'
  return {
    access,
    areaPath: f.areaPath,
    from: sql`contact_followups f`,
    alias: 'f',
    key: 'until',
    indexed: [sql`f.status = ${f.status}`],
    low: running ? f.due : undefined,
    high: undefined,
    filters: f.filters,
    desc: !running,
    withoutKey: false,
  }
}

export { countInArea, readInOrder }
