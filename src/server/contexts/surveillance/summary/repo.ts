import { type Kysely, sql } from 'kysely'
import { type Access, likePrefix, withinJurisdiction } from '../../../platform/context.ts'
import type { DB } from '../../../platform/schema.ts'
import { lockDegrees } from '../degrees.ts'

// The surveillance picture in figures: every statement aggregates in SQL over one area (a path
// prefix inside the caller's jurisdiction, checked here again) and answers counts, never people.
// Cases counted on curves and maps are the F0: confirmed or probable.

type Db = Kysely<DB>

/** `column` lies in the area and inside the caller's jurisdiction. */
function inArea(access: Access, area: string, column: string) {
  return sql`${sql.ref(column)} LIKE ${likePrefix(area)} AND ${withinJurisdiction(access, column)}`
}

// --- Chains ---------------------------------------------------------------------------------

export interface ChainRows {
  /** Active F0 in the area. */
  cases: number
  /** Contacts in the area by degree. */
  byDegree: { degree: number; n: number }[]
  /** Every root (F0 case id) with a tree in the area: its people there and their highest degree. */
  trees: { root: number; n: number; deep: number }[]
  /** Pairs of roots joined by an exposure or a source link between people of the area. */
  pairs: [number, number][]
}

/**
 * The people of the picture ("nodes") and the root each one's degree leads to: the active F0 of
 * the area (a source whose outcome date has not come by `today`), their own root, and the area's
 * contacts that have a degree, with the F0 it leads to (`root_case_id`).
 */
function nodes(access: Access, area: string, today: string) {
  return sql`
    SELECT c.person_id AS pid, c.id AS root, 0 AS degree FROM cases c
     WHERE c.is_source AND (c.outcome_date IS NULL OR c.outcome_date > ${today}::date) AND ${inArea(access, area, 'c.unit_path')}
    UNION ALL
    SELECT d.person_id, d.root_case_id, d.degree FROM contact_degrees d WHERE ${inArea(access, area, 'd.unit_path')}`
}

/**
 * The numbers of "1,2,3" in order: one string of a few megabytes reads far faster than as many
 * rows, and a pass over its characters far faster than splitting it.
 */
function parseNumbers(text: string | null): number[] {
  const out: number[] = []
  if (!text) return out
  let n = 0
  let digits = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48)
      digits = true
    } else if (digits) {
      out.push(n)
      n = 0
      digits = false
    }
  }
  if (digits) out.push(n)
  return out
}

/** The people of the picture in the whole registry (any area), for the chains' read model. */
const allNodes = sql`
  SELECT c.person_id AS pid, c.id AS root, c.unit_path AS path FROM cases c WHERE c.is_source
  UNION ALL
  SELECT d.person_id, d.root_case_id, d.unit_path FROM contact_degrees d`

/** A person's root and path when in the picture (an active F0, or a contact with a degree). */
const nodeOf = (pid: ReturnType<typeof sql>) => sql`
  SELECT c.id AS root, c.unit_path AS path FROM cases c WHERE c.person_id = ${pid} AND c.is_source
  UNION ALL
  SELECT d.root_case_id, d.unit_path FROM contact_degrees d WHERE d.person_id = ${pid}
  LIMIT 1`

/** Above this many people marked, the read model is rebuilt whole rather than person by person. */
const FOLD_MAX = 50_000

/**
 * Brings `chain_links` (migration 0025) up to date: the exposures between people of different roots
 * with both roots. The people marked since the last time have their exposures' links recomputed, in
 * one statement (what it takes from `chain_dirty` and what it reads of the degrees are one
 * snapshot); after a bulk load, or past FOLD_MAX marks, every link is recomputed. Degree changes
 * are held off meanwhile (the degrees' lock), so what is read is what they left. Returns how many
 * people were folded in (null: a rebuild).
 */
export async function foldChainLinks(db: Db): Promise<number | null> {
  const fold = async (tx: Db) => {
    await lockDegrees(tx)
    const state = await sql<{ rebuild: boolean; marked: number }>`
      SELECT s.rebuild, (SELECT count(*)::int FROM (SELECT 1 FROM chain_dirty LIMIT ${FOLD_MAX + 1}) x) AS marked FROM chain_state s`.execute(tx)
    const { rebuild, marked } = state.rows[0] ?? { rebuild: true, marked: 0 }
    if (!rebuild && Number(marked) === 0) return 0
    if (!rebuild && Number(marked) <= FOLD_MAX) {
      const r = await sql<{ people: number }>`
        WITH d AS (DELETE FROM chain_dirty RETURNING person_id),
        p AS (SELECT DISTINCT person_id AS pid FROM d),
        e AS (
          SELECT x.id, x.person_id, x.source_person_id FROM exposures x JOIN p ON x.person_id = p.pid
          UNION
          SELECT x.id, x.person_id, x.source_person_id FROM exposures x JOIN p ON x.source_person_id = p.pid),
        cur AS (
          SELECT e.id, LEAST(a.root, b.root) AS ra, GREATEST(a.root, b.root) AS rb, a.path AS pa, b.path AS pb
            FROM e CROSS JOIN LATERAL (${nodeOf(sql`e.person_id`)}) a CROSS JOIN LATERAL (${nodeOf(sql`e.source_person_id`)}) b
           WHERE a.root <> b.root),
        gone AS (DELETE FROM chain_links l USING e WHERE l.exposure_id = e.id AND NOT EXISTS (SELECT 1 FROM cur WHERE cur.id = e.id) RETURNING 1),
        kept AS (
          INSERT INTO chain_links (exposure_id, root_a, root_b, path_a, path_b) SELECT id, ra, rb, pa, pb FROM cur
          ON CONFLICT (exposure_id) DO UPDATE SET root_a = EXCLUDED.root_a, root_b = EXCLUDED.root_b, path_a = EXCLUDED.path_a, path_b = EXCLUDED.path_b
           WHERE (chain_links.root_a, chain_links.root_b, chain_links.path_a, chain_links.path_b)
                 IS DISTINCT FROM (EXCLUDED.root_a, EXCLUDED.root_b, EXCLUDED.path_a, EXCLUDED.path_b)
          RETURNING 1)
        SELECT (SELECT count(*)::int FROM p) AS people, (SELECT count(*) FROM gone) + (SELECT count(*) FROM kept) AS written`.execute(tx)
      return Number(r.rows[0]?.people ?? 0)
    }
    // A rebuild: every exposure between two people of the picture, joined in parallel (as chainRows).
    await sql`SELECT set_config('work_mem', '256MB', true), set_config('jit', 'off', true),
                     set_config('parallel_setup_cost', '0', true), set_config('parallel_tuple_cost', '0.0001', true)`.execute(tx)
    await sql`DELETE FROM chain_dirty`.execute(tx)
    await sql`DELETE FROM chain_links`.execute(tx)
    await sql`
      INSERT INTO chain_links (exposure_id, root_a, root_b, path_a, path_b)
      SELECT e.id, LEAST(a.root, b.root), GREATEST(a.root, b.root), a.path, b.path
        FROM exposures e JOIN (${allNodes}) a ON a.pid = e.person_id JOIN (${allNodes}) b ON b.pid = e.source_person_id
       WHERE a.root <> b.root`.execute(tx)
    await sql`UPDATE chain_state SET rebuild = false`.execute(tx)
    return null
  }
  return db.isTransaction ? fold(db) : db.transaction().execute(fold)
}

/** Whether an active F0 of the area has an outcome date that has come, the daily sweep not yet run. */
async function sweepPending(db: Db, access: Access, area: string, today: string): Promise<boolean> {
  const r = await sql<{ pending: boolean }>`
    SELECT EXISTS (SELECT 1 FROM cases c WHERE c.is_source AND c.outcome_date <= ${today}::date AND ${inArea(access, area, 'c.unit_path')}) AS pending`.execute(db)
  return r.rows[0]?.pending === true
}

/**
 * The figures a chain summary is made of. The people sharing a root are one tree (each reaches
 * the root by its `via` links); trees are joined by exposures between people of different roots
 * and by source links (`cases.source_case_id`) between active F0. Three statements, each free to
 * run in parallel, each a plain read of one table's rows in the area, answered as a list per column:
 * the root pairs of the kept links (repeated pairs are harmless to the union of roots), the
 * active F0 with the case each came from, and the contacts counted per root and degree. Counting,
 * pairing and uniting are done here, in TypeScript: grouping half a million rows in the embedded
 * engine costs more than reading them.
 */
export async function chainRows(db: Db, access: Access, area: string, today: string, opts: { readModel?: boolean } = {}): Promise<ChainRows> {
  // The kept links serve when every source of the area is still active today; while the daily
  // sweep has not yet retired one whose outcome date has come, the links are joined afresh.
  const kept = opts.readModel !== false && !(await sweepPending(db, access, area, today))
  if (kept) await foldChainLinks(db)
  // Hash joins of a few million rows kept in memory and shared among parallel workers; compiling
  // them would cost more than it saves. The three reads are independent: on a server each runs in
  // a transaction (and a connection) of its own, at once.
  const tuned = <T>(fn: (tx: Db) => Promise<T>): Promise<T> => {
    const run = async (tx: Db) => {
      await sql`SELECT set_config('work_mem', '256MB', true), set_config('jit', 'off', true),
                       set_config('parallel_setup_cost', '0', true), set_config('parallel_tuple_cost', '0.0001', true)`.execute(tx)
      return fn(tx)
    }
    return db.isTransaction ? run(db) : db.transaction().execute(run)
  }
  // Each column as its own list ("1,2,3"): aggregated as an array and written out once, rows align.
  type Columns = { a: string | null; b: string | null; c?: string | null }
  const list = (column: string) => sql`array_to_string(array_agg(${sql.raw(column)}), ',')`
  const [joined, sourced, counted] = await Promise.all([
    tuned((tx) =>
      kept
        ? sql<Columns>`
            SELECT ${list('l.root_a')} AS a, ${list('l.root_b')} AS b FROM chain_links l
             WHERE ${inArea(access, area, 'l.path_a')} AND ${inArea(access, area, 'l.path_b')}`.execute(tx)
        : sql<Columns>`
            SELECT ${list('a.root')} AS a, ${list('b.root')} AS b
              FROM exposures e
              JOIN (${nodes(access, area, today)}) a ON a.pid = e.person_id
              JOIN (${nodes(access, area, today)}) b ON b.pid = e.source_person_id
             WHERE a.root <> b.root`.execute(tx),
    ),
    // The area's active F0, each with the case it came from (0: none).
    tuned((tx) =>
      sql<Columns>`
        SELECT ${list('c.id')} AS a, ${list('COALESCE(c.source_case_id, 0)')} AS b FROM cases c
         WHERE c.is_source AND (c.outcome_date IS NULL OR c.outcome_date > ${today}::date) AND ${inArea(access, area, 'c.unit_path')}`.execute(tx),
    ),
    // The contacts counted per root, path and degree (migration 0039), the area's paths.
    tuned((tx) =>
      sql<Columns>`
        SELECT ${list('d.root_case_id')} AS a, ${list('d.degree')} AS b, ${list('d.n')} AS c FROM contact_degree_counts d
         WHERE ${inArea(access, area, 'd.unit_path')}`.execute(tx),
    ),
  ])
  const columns = (r: { rows: Columns[] }) => ({ a: parseNumbers(r.rows[0]?.a ?? null), b: parseNumbers(r.rows[0]?.b ?? null), c: parseNumbers(r.rows[0]?.c ?? null) })
  const byRoot = new Map<number, { root: number; n: number; deep: number }>()
  const byDegree = new Map<number, number>()
  const counts = columns(counted)
  for (let i = 0; i < counts.a.length; i++) {
    const root = counts.a[i]!
    const degree = counts.b[i]!
    const n = counts.c[i]!
    const tree = byRoot.get(root)
    if (tree) {
      tree.n += n
      if (degree > tree.deep) tree.deep = degree
    } else byRoot.set(root, { root, n, deep: degree })
    byDegree.set(degree, (byDegree.get(degree) ?? 0) + n)
  }
  // Each active F0 adds itself to its own tree, or is a tree of one; a source link counts between two of them.
  const sources = columns(sourced)
  const active = new Set<number>(sources.a)
  for (const id of sources.a) {
    const tree = byRoot.get(id)
    if (tree) tree.n++
    else byRoot.set(id, { root: id, n: 1, deep: 0 })
  }
  const links = columns(joined)
  const pairs: [number, number][] = []
  for (let i = 0; i < links.a.length; i++) pairs.push([links.a[i]!, links.b[i]!])
  for (let i = 0; i < sources.a.length; i++) if (sources.b[i] !== 0 && active.has(sources.b[i]!)) pairs.push([sources.a[i]!, sources.b[i]!])
  return {
    cases: active.size,
    byDegree: [...byDegree].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]).map(([degree, n]) => ({ degree, n })),
    trees: [...byRoot.values()],
    pairs,
  }
}

// --- Today's numbers ------------------------------------------------------------------------

export interface TodayRow {
  newToday: number
  new7Days: number
  activeCases: number
  underFollowup: number
  sampledToday: number
  resultsToday: number
  positiveToday: number
  results7Days: number
  positive7Days: number
}

/** The home page's figures for `today`, in the area. */
export async function todayRow(db: Db, access: Access, area: string, today: string): Promise<TodayRow> {
  const { rows } = await sql<TodayRow>`
    SELECT
      k."newToday", k."new7Days",
      (SELECT count(*)::int FROM cases c WHERE c.is_source AND (c.outcome_date IS NULL OR c.outcome_date > ${today}::date) AND ${inArea(access, area, 'c.unit_path')}) AS "activeCases",
      (SELECT count(*)::int FROM contact_followups f WHERE f.status = 'active' AND f.until >= ${today}::date AND ${inArea(access, area, 'f.unit_path')}) AS "underFollowup",
      t.*
      FROM (
        SELECT coalesce(sum(k.n) FILTER (WHERE k.day = ${today}::date), 0)::int AS "newToday", coalesce(sum(k.n), 0)::int AS "new7Days"
          FROM case_day_counts k
         WHERE k.kind = 'confirmed' AND k.day > ${today}::date - 7 AND k.day <= ${today}::date AND ${inArea(access, area, 'k.unit_path')}
      ) k, (
        SELECT coalesce(sum(x.n) FILTER (WHERE x.kind = 'sample' AND x.day = ${today}::date), 0)::int AS "sampledToday",
               coalesce(sum(x.n) FILTER (WHERE x.kind = 'result' AND x.day = ${today}::date), 0)::int AS "resultsToday",
               coalesce(sum(x.positive) FILTER (WHERE x.kind = 'result' AND x.day = ${today}::date), 0)::int AS "positiveToday",
               coalesce(sum(x.n) FILTER (WHERE x.kind = 'result'), 0)::int AS "results7Days",
               coalesce(sum(x.positive) FILTER (WHERE x.kind = 'result'), 0)::int AS "positive7Days"
          FROM test_day_counts x
         WHERE x.day > ${today}::date - 7 AND x.day <= ${today}::date AND ${inArea(access, area, 'x.unit_path')}
      ) t`.execute(db)
  const r = rows[0]!
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as unknown as TodayRow
}

/** Contacts with a degree in the area, by degree. */
export async function degreeCounts(db: Db, access: Access, area: string): Promise<{ degree: number; n: number }[]> {
  const { rows } = await sql<{ degree: number; n: number }>`
    SELECT d.degree, sum(d.n)::int AS n FROM contact_degree_counts d WHERE ${inArea(access, area, 'd.unit_path')} GROUP BY d.degree ORDER BY d.degree`.execute(db)
  return rows.map((r) => ({ degree: Number(r.degree), n: Number(r.n) }))
}

// --- Curves and maps ------------------------------------------------------------------------

export type CurveDate = 'onset' | 'confirmed'

/** F0 per day of onset or confirmation and source kind, between two days. */
export async function curveRows(db: Db, access: Access, area: string, by: CurveDate, from: string, to: string) {
  const { rows } = await sql<{ day: string; sourceKind: string; n: number }>`
    SELECT k.day::text AS day, k.source_kind AS "sourceKind", sum(k.n)::int AS n
      FROM case_day_counts k
     WHERE k.kind = ${by === 'onset' ? 'onset' : 'confirmed'} AND k.day BETWEEN ${from}::date AND ${to}::date AND ${inArea(access, area, 'k.unit_path')}
     GROUP BY 1, 2
    HAVING sum(k.n) <> 0`.execute(db)
  return rows.map((r) => ({ ...r, n: Number(r.n) }))
}

/** F0 confirmed between two days without an onset date (asymptomatic): not on a curve by onset. */
export async function withoutOnset(db: Db, access: Access, area: string, from: string, to: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT coalesce(sum(k.n), 0)::int AS n FROM case_day_counts k
     WHERE k.kind = 'no_onset' AND k.day BETWEEN ${from}::date AND ${to}::date AND ${inArea(access, area, 'k.unit_path')}`.execute(db)
  return Number(rows[0]!.n)
}

/**
 * F0 confirmed between two days per commune of the area (its communes, or the one it lies in),
 * with the commune's latest population. People's paths run province/commune[/hamlet…], so the
 * commune is the path's second unit.
 */
export async function incidenceRows(db: Db, access: Access, area: string, from: string, to: string) {
  const { rows } = await sql<{ code: string; name: string; unitType: string; population: number | null; populationYear: number | null; cases: number }>`
    WITH counted AS MATERIALIZED (
      SELECT split_part(k.unit_path, '/', 3) AS unit_id, sum(k.n)::int AS n
        FROM case_day_counts k
       WHERE k.kind = 'confirmed' AND k.day BETWEEN ${from}::date AND ${to}::date AND ${inArea(access, area, 'k.unit_path')}
       GROUP BY 1
    )
    SELECT u.code, u.name, u.unit_type AS "unitType", p.population, p.year AS "populationYear", COALESCE(counted.n, 0)::int AS cases
      FROM units u
      LEFT JOIN counted ON counted.unit_id = u.id
      LEFT JOIN LATERAL (SELECT up.population, up.year FROM unit_populations up WHERE up.unit_id = u.id ORDER BY up.year DESC LIMIT 1) p ON true
     WHERE u.level = 'commune' AND u.valid_to IS NULL
       AND (u.path LIKE ${likePrefix(area)} OR ${area} LIKE u.path || '%')
       AND (u.path LIKE ${likePrefix(access.unitPath)} OR ${access.unitPath} LIKE u.path || '%')
     ORDER BY u.name_sort, u.code`.execute(db)
  return rows.map((r) => ({ ...r, population: r.population === null ? null : Number(r.population), cases: Number(r.cases) }))
}

/** F0 confirmed per ISO week (Monday to Sunday) between two days, and those of unknown source. */
export async function weeklySourceRows(db: Db, access: Access, area: string, from: string, to: string) {
  const { rows } = await sql<{ weekStart: string; week: string; cases: number; unknown: number }>`
    SELECT w::date::text AS "weekStart", to_char(w, 'IYYY-"W"IW') AS week, n AS cases, u AS unknown
      FROM (
        SELECT date_trunc('week', k.day) AS w, sum(k.n)::int AS n, coalesce(sum(k.n) FILTER (WHERE k.source_kind = 'unknown'), 0)::int AS u
          FROM case_day_counts k
         WHERE k.kind = 'confirmed' AND k.day BETWEEN ${from}::date AND ${to}::date AND ${inArea(access, area, 'k.unit_path')}
         GROUP BY 1
        HAVING sum(k.n) <> 0
      ) x
     ORDER BY w`.execute(db)
  return rows.map((r) => ({ ...r, cases: Number(r.cases), unknown: Number(r.unknown) }))
}
