import { type Kysely, sql } from 'kysely'
import { type Access, likePrefix, withinJurisdiction } from '../../platform/context.ts'
import type { DB, SerialIntervalsTable } from '../../platform/schema.ts'

// The analytics' SQL: daily counts aggregated over an area (a path prefix inside the caller's
// jurisdiction, checked here again), never a person; and the dated serial intervals.
// Cases counted are the F0 (confirmed or probable); imported ones by their source kind. The counts
// are read from the daily counts kept as cases and tests are written (migration 0037).

type Db = Kysely<DB>

/** `column` lies in the area and inside the caller's jurisdiction. */
function inArea(access: Access, area: string, column: string) {
  return sql`${sql.ref(column)} LIKE ${likePrefix(area)} AND ${withinJurisdiction(access, column)}`
}

export type CaseDate = 'onset' | 'confirmed'

export interface DailyCases {
  day: string
  local: number
  imported: number
}

/** F0 per day of onset or confirmation between two days in the area: local (linked or of unknown source) and imported. */
export async function dailyCases(db: Db, access: Access, area: string, by: CaseDate, from: string, to: string): Promise<DailyCases[]> {
  const { rows } = await sql<DailyCases>`
    SELECT k.day::text AS day,
           coalesce(sum(k.n) FILTER (WHERE k.source_kind <> 'imported'), 0)::int AS local,
           coalesce(sum(k.n) FILTER (WHERE k.source_kind = 'imported'), 0)::int AS imported
      FROM case_day_counts k
     WHERE k.kind = ${by === 'onset' ? 'onset' : 'confirmed'} AND k.day BETWEEN ${from}::date AND ${to}::date AND ${inArea(access, area, 'k.unit_path')}
     GROUP BY 1
     ORDER BY 1`.execute(db)
  return rows.map((r) => ({ day: r.day, local: Number(r.local), imported: Number(r.imported) }))
}

export interface CommuneDailyCases {
  /** Position of the commune in `communes`. */
  commune: number
  /** Days since `from`. */
  day: number
  local: number
  imported: number
}

/**
 * The communes of the area (its communes, or the one it lies in) inside the caller's jurisdiction,
 * and their F0 per day between two days, as one aggregate: people's paths run
 * province/commune[/hamlet…], so the commune is the path's second unit.
 */
export async function dailyCasesByCommune(db: Db, access: Access, area: string, by: CaseDate, from: string, to: string) {
  const communes = await sql<{ id: string; code: string; name: string }>`
    SELECT u.id, u.code, u.name FROM units u
     WHERE u.level = 'commune' AND u.valid_to IS NULL
       AND (u.path LIKE ${likePrefix(area)} OR ${area} LIKE u.path || '%')
       AND (u.path LIKE ${likePrefix(access.unitPath)} OR ${access.unitPath} LIKE u.path || '%')
     ORDER BY u.name_sort, u.code`.execute(db)
  const { rows } = await sql<{ unitId: string; day: number; local: number; imported: number }>`
    SELECT split_part(k.unit_path, '/', 3) AS "unitId", (k.day - ${from}::date)::int AS day,
           coalesce(sum(k.n) FILTER (WHERE k.source_kind <> 'imported'), 0)::int AS local,
           coalesce(sum(k.n) FILTER (WHERE k.source_kind = 'imported'), 0)::int AS imported
      FROM case_day_counts k
     WHERE k.kind = ${by === 'onset' ? 'onset' : 'confirmed'} AND k.day BETWEEN ${from}::date AND ${to}::date AND ${inArea(access, area, 'k.unit_path')}
     GROUP BY 1, 2`.execute(db)
  const index = new Map(communes.rows.map((c, i) => [c.id, i]))
  const counts: CommuneDailyCases[] = []
  for (const r of rows) {
    const commune = index.get(r.unitId)
    if (commune !== undefined) counts.push({ commune, day: Number(r.day), local: Number(r.local), imported: Number(r.imported) })
  }
  return { communes: communes.rows.map((c) => ({ code: c.code, name: c.name })), counts }
}

export interface DailyIndicators {
  day: string
  cases: number
  cases7d: number
  results: number
  positive: number
  results7d: number
  positive7d: number
}

/**
 * Per day between two days in the area: F0 confirmed and test results (by result date) with the
 * positives, each also summed over the 7 days ending that day (the six days before `from`
 * counted too, so the first day has a full week).
 */
export async function dailyIndicators(db: Db, access: Access, area: string, from: string, to: string): Promise<DailyIndicators[]> {
  const { rows } = await sql<DailyIndicators>`
    WITH days AS (SELECT d::date AS day FROM generate_series(${from}::date - 6, ${to}::date, interval '1 day') d),
    c AS (
      SELECT k.day, sum(k.n)::int AS n FROM case_day_counts k
       WHERE k.kind = 'confirmed' AND k.day BETWEEN ${from}::date - 6 AND ${to}::date AND ${inArea(access, area, 'k.unit_path')}
       GROUP BY 1
    ),
    x AS (
      SELECT x.day, sum(x.n)::int AS n, sum(x.positive)::int AS pos FROM test_day_counts x
       WHERE x.kind = 'result' AND x.day BETWEEN ${from}::date - 6 AND ${to}::date AND ${inArea(access, area, 'x.unit_path')}
       GROUP BY 1
    ),
    joined AS (
      SELECT d.day, COALESCE(c.n, 0) AS cases, COALESCE(x.n, 0) AS results, COALESCE(x.pos, 0) AS positive
        FROM days d LEFT JOIN c ON c.day = d.day LEFT JOIN x ON x.day = d.day
    ),
    rolled AS (
      SELECT day, cases, results, positive,
             sum(cases) OVER w AS cases7d, sum(results) OVER w AS results7d, sum(positive) OVER w AS positive7d
        FROM joined
      WINDOW w AS (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)
    )
    SELECT day::text AS day, cases, cases7d::int AS cases7d, results, positive, results7d::int AS results7d, positive7d::int AS positive7d
      FROM rolled WHERE day >= ${from}::date ORDER BY day`.execute(db)
  return rows.map((r) => ({
    day: r.day,
    cases: Number(r.cases),
    cases7d: Number(r.cases7d),
    results: Number(r.results),
    positive: Number(r.positive),
    results7d: Number(r.results7d),
    positive7d: Number(r.positive7d),
  }))
}

/**
 * The population of a unit: its own latest figure, or else the sum of the latest figures of the
 * current communes under it (null when none is known).
 */
export async function populationOf(db: Db, unitId: string, path: string): Promise<{ population: number; year: number | null } | null> {
  const { rows } = await sql<{ population: number | string | null; year: number | null }>`
    SELECT COALESCE(own.population, communes.population) AS population, COALESCE(own.year, communes.year) AS year
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (SELECT up.population, up.year FROM unit_populations up WHERE up.unit_id = ${unitId} ORDER BY up.year DESC LIMIT 1) own ON true
      LEFT JOIN LATERAL (
        SELECT sum(p.population)::bigint AS population, max(p.year) AS year
          FROM units u
          JOIN LATERAL (SELECT up.population, up.year FROM unit_populations up WHERE up.unit_id = u.id ORDER BY up.year DESC LIMIT 1) p ON true
         WHERE u.level = 'commune' AND u.valid_to IS NULL AND u.path LIKE ${likePrefix(path)}
      ) communes ON true`.execute(db)
  const r = rows[0]
  if (!r || r.population === null) return null
  return { population: Number(r.population), year: r.year === null ? null : Number(r.year) }
}

/** The province a path lies in. */
export function provinceOfPath(db: Db, path: string) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'path'])
    .where('level', '=', 'province')
    .where(sql<boolean>`${path} LIKE path || '%'`)
    .orderBy('path', 'desc')
    .executeTakeFirst()
}

// --- Serial intervals -------------------------------------------------------------------------

const siColumns = ['si.id', 'si.validFrom', 'u.code as unitCode', 'u.name as unitName', 'si.meanDays', 'si.sdDays', 'si.source', 'si.confidence', 'si.note', 'si.createdAt'] as const

/** The national rows and those of the provinces the caller's jurisdiction touches, newest first. */
export function listSerialIntervals(db: Db, access: Access) {
  return db
    .selectFrom('serialIntervals as si')
    .leftJoin('units as u', 'u.id', 'si.unitId')
    .select([...siColumns])
    .where((eb) => eb.or([eb('si.unitId', 'is', null), withinJurisdiction(access, 'u.path'), sql<boolean>`${access.unitPath} LIKE u.path || '%'`]))
    .orderBy('si.validFrom', 'desc')
    .orderBy('si.id', 'desc')
    .execute()
}

/** The serial interval in force on `day` for a province: its own latest row from on or before that day, else the national one. */
export function serialIntervalInForce(db: Db, provinceId: string | null, day: string) {
  return db
    .selectFrom('serialIntervals as si')
    .leftJoin('units as u', 'u.id', 'si.unitId')
    .select([...siColumns])
    .where('si.validFrom', '<=', day)
    .where((eb) => (provinceId === null ? eb('si.unitId', 'is', null) : eb.or([eb('si.unitId', 'is', null), eb('si.unitId', '=', provinceId)])))
    .orderBy(sql`si.unit_id IS NULL`)
    .orderBy('si.validFrom', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export function serialIntervalExists(db: Db, unitId: string, validFrom: string) {
  return db.selectFrom('serialIntervals').select('id').where('unitId', '=', unitId).where('validFrom', '=', validFrom).executeTakeFirst()
}

export async function insertSerialInterval(db: Db, v: Omit<SerialIntervalsTable, 'id' | 'createdAt'>): Promise<number> {
  return (await db.insertInto('serialIntervals').values(v).returning('id').executeTakeFirstOrThrow()).id
}

/**
 * The outlines of the current communes of an area (its communes, or the one it lies in), inside
 * the caller's jurisdiction, as GeoJSON text: the map is drawn from it in a worker thread, so the
 * server never parses it. Communes without a stored outline are left out.
 */
export async function communeOutlines(db: Db, access: Access, area: string): Promise<{ code: string; geometry: string }[]> {
  const { rows } = await sql<{ code: string; geometry: string }>`
    SELECT u.code, b.geometry::text AS geometry
      FROM units u
      JOIN unit_boundaries b ON b.unit_id = u.id
     WHERE u.level = 'commune' AND u.valid_to IS NULL
       AND (u.path LIKE ${likePrefix(area)} OR ${area} LIKE u.path || '%')
       AND (${withinJurisdiction(access, 'u.path')} OR ${access.unitPath} LIKE u.path || '%')
     ORDER BY u.code`.execute(db)
  return rows
}
