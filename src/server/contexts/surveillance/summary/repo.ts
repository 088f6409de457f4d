import { type Kysely, sql } from 'kysely'
import { type Access, likePrefix, withinJurisdiction } from '../../../platform/context.ts'
import type { DB } from '../../../platform/schema.ts'

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
  /** Roots (F0 case ids) whose tree touches no other: how many, the largest tree, the deepest. */
  single: { count: number; largest: number; deepest: number }
  /** Roots joined to another root, with the size and depth of their trees in the area. */
  trees: { root: number; n: number; deep: number }[]
  /** Pairs of roots joined by an exposure or a source link between people of the area. */
  pairs: [number, number][]
}

/**
 * The figures a chain summary is made of, in one statement. People of the picture ("nodes"): the
 * active F0 of the area (a source whose outcome date has not come by `today`) and the area's
 * contacts that have a degree. Every contact already names the F0 its degree leads to
 * (`root_case_id`), so the people sharing a root are one tree; trees are joined by exposures
 * between people of different roots and by source links (`cases.source_case_id`) between them.
 * Only those root pairs leave the database, with the sizes of the trees they join; the roots that
 * join nothing are summed here.
 */
export async function chainRows(db: Db, access: Access, area: string, today: string): Promise<ChainRows> {
  const read = async (tx: Db) => {
    // The node set is hashed twice; a larger working memory keeps the hash joins in memory.
    await sql`SET LOCAL work_mem = '256MB'`.execute(tx)
    const { rows } = await sql<{ kind: string; a: number; b: number; c: number }>`
      WITH f0 AS MATERIALIZED (
        SELECT c.person_id AS pid, c.id AS root, 0 AS degree
          FROM cases c
         WHERE c.is_source AND (c.outcome_date IS NULL OR c.outcome_date > ${today}::date) AND ${inArea(access, area, 'c.unit_path')}
      ),
      contacts AS MATERIALIZED (
        SELECT d.person_id AS pid, d.root_case_id AS root, d.degree
          FROM contact_degrees d
         WHERE ${inArea(access, area, 'd.unit_path')}
      ),
      nodes AS MATERIALIZED (SELECT * FROM f0 UNION ALL SELECT * FROM contacts),
      pairs AS MATERIALIZED (
        SELECT LEAST(a.root, b.root) AS r1, GREATEST(a.root, b.root) AS r2
          FROM exposures e
          JOIN nodes a ON a.pid = e.person_id
          JOIN nodes b ON b.pid = e.source_person_id
         WHERE a.root <> b.root
        UNION
        SELECT LEAST(a.root, b.root), GREATEST(a.root, b.root)
          FROM nodes a
          JOIN cases x ON x.person_id = a.pid AND x.source_case_id IS NOT NULL
          JOIN cases y ON y.id = x.source_case_id
          JOIN nodes b ON b.pid = y.person_id
         WHERE a.root <> b.root
      ),
      linked AS MATERIALIZED (SELECT r1 AS root FROM pairs UNION SELECT r2 FROM pairs),
      trees AS MATERIALIZED (SELECT root, count(*)::int AS n, max(degree)::int AS deep FROM nodes GROUP BY root)
      SELECT 'cases' AS kind, count(*)::int AS a, 0 AS b, 0 AS c FROM f0
      UNION ALL
      SELECT 'degree', degree, count(*)::int, 0 FROM contacts GROUP BY degree
      UNION ALL
      SELECT 'single', count(*)::int, COALESCE(max(t.n), 0), COALESCE(max(t.deep), 0)
        FROM trees t WHERE NOT EXISTS (SELECT 1 FROM linked l WHERE l.root = t.root)
      UNION ALL
      SELECT 'tree', t.root, t.n, t.deep FROM trees t JOIN linked l ON l.root = t.root
      UNION ALL
      SELECT 'pair', r1, r2, 0 FROM pairs`.execute(tx)
    const out: ChainRows = { cases: 0, byDegree: [], single: { count: 0, largest: 0, deepest: 0 }, trees: [], pairs: [] }
    for (const r of rows) {
      const a = Number(r.a)
      const b = Number(r.b)
      if (r.kind === 'cases') out.cases = a
      else if (r.kind === 'degree') out.byDegree.push({ degree: a, n: b })
      else if (r.kind === 'single') out.single = { count: a, largest: b, deepest: Number(r.c) }
      else if (r.kind === 'tree') out.trees.push({ root: a, n: b, deep: Number(r.c) })
      else out.pairs.push([a, b])
    }
    return out
  }
  return db.isTransaction ? read(db) : db.transaction().execute(read)
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
      (SELECT count(*)::int FROM cases c WHERE c.confirmed_date = ${today}::date AND c.classification IN ('confirmed','probable') AND ${inArea(access, area, 'c.unit_path')}) AS "newToday",
      (SELECT count(*)::int FROM cases c WHERE c.confirmed_date > ${today}::date - 7 AND c.confirmed_date <= ${today}::date
         AND c.classification IN ('confirmed','probable') AND ${inArea(access, area, 'c.unit_path')}) AS "new7Days",
      (SELECT count(*)::int FROM cases c WHERE c.is_source AND (c.outcome_date IS NULL OR c.outcome_date > ${today}::date) AND ${inArea(access, area, 'c.unit_path')}) AS "activeCases",
      (SELECT count(*)::int FROM contact_followups f WHERE f.status = 'active' AND f.until >= ${today}::date AND ${inArea(access, area, 'f.unit_path')}) AS "underFollowup",
      t.*
      FROM (
        -- Results come a few days after sampling: the last 7 days of results are among the last 21 days of samples.
        SELECT count(*) FILTER (WHERE x.sample_date = ${today}::date)::int AS "sampledToday",
               count(*) FILTER (WHERE x.result_date = ${today}::date AND x.result IS NOT NULL)::int AS "resultsToday",
               count(*) FILTER (WHERE x.result_date = ${today}::date AND x.result = 'positive')::int AS "positiveToday",
               count(*) FILTER (WHERE x.result_date > ${today}::date - 7 AND x.result IS NOT NULL)::int AS "results7Days",
               count(*) FILTER (WHERE x.result_date > ${today}::date - 7 AND x.result = 'positive')::int AS "positive7Days"
          FROM tests x
         WHERE x.sample_date > ${today}::date - 21 AND x.sample_date <= ${today}::date AND ${inArea(access, area, 'x.unit_path')}
      ) t`.execute(db)
  const r = rows[0]!
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as unknown as TodayRow
}

/** Contacts with a degree in the area, by degree. */
export async function degreeCounts(db: Db, access: Access, area: string): Promise<{ degree: number; n: number }[]> {
  const { rows } = await sql<{ degree: number; n: number }>`
    SELECT d.degree, count(*)::int AS n FROM contact_degrees d WHERE ${inArea(access, area, 'd.unit_path')} GROUP BY d.degree ORDER BY d.degree`.execute(db)
  return rows.map((r) => ({ degree: Number(r.degree), n: Number(r.n) }))
}

// --- Curves and maps ------------------------------------------------------------------------

export type CurveDate = 'onset' | 'confirmed'

/** F0 per day of onset or confirmation and source kind, between two days. */
export async function curveRows(db: Db, access: Access, area: string, by: CurveDate, from: string, to: string) {
  const column = by === 'onset' ? 'c.onset_date' : 'c.confirmed_date'
  const { rows } = await sql<{ day: string; sourceKind: string; n: number }>`
    SELECT ${sql.ref(column)}::text AS day, c.source_kind AS "sourceKind", count(*)::int AS n
      FROM cases c
     WHERE ${sql.ref(column)} BETWEEN ${from}::date AND ${to}::date AND c.classification IN ('confirmed','probable') AND ${inArea(access, area, 'c.unit_path')}
     GROUP BY 1, 2`.execute(db)
  return rows.map((r) => ({ ...r, n: Number(r.n) }))
}

/** F0 confirmed between two days without an onset date (asymptomatic): not on a curve by onset. */
export async function withoutOnset(db: Db, access: Access, area: string, from: string, to: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM cases c
     WHERE c.confirmed_date BETWEEN ${from}::date AND ${to}::date AND c.onset_date IS NULL
       AND c.classification IN ('confirmed','probable') AND ${inArea(access, area, 'c.unit_path')}`.execute(db)
  return Number(rows[0]!.n)
}

/**
 * F0 confirmed between two days per commune of the area (its communes, or the one it lies in),
 * with the commune's latest population. People's paths run province/commune[/hamlet…], so the
 * commune is the path's second unit.
 */
export async function incidenceRows(db: Db, access: Access, area: string, from: string, to: string) {
  const { rows } = await sql<{ code: string; name: string; unitType: string; population: number | null; populationYear: number | null; cases: number }>`
    WITH counted AS (
      SELECT split_part(c.unit_path, '/', 3) AS unit_id, count(*)::int AS n
        FROM cases c
       WHERE c.confirmed_date BETWEEN ${from}::date AND ${to}::date AND c.classification IN ('confirmed','probable') AND ${inArea(access, area, 'c.unit_path')}
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
        SELECT date_trunc('week', c.confirmed_date) AS w, count(*)::int AS n, count(*) FILTER (WHERE c.source_kind = 'unknown')::int AS u
          FROM cases c
         WHERE c.confirmed_date BETWEEN ${from}::date AND ${to}::date AND c.classification IN ('confirmed','probable') AND ${inArea(access, area, 'c.unit_path')}
         GROUP BY 1
      ) x
     ORDER BY w`.execute(db)
  return rows.map((r) => ({ ...r, cases: Number(r.cases), unknown: Number(r.unknown) }))
}
