import { type Kysely, sql } from 'kysely'
import type { AgeGroup, Dose, Measure, RiskGroup } from '../../../domain/vaccination/groups.ts'
import type { DoseSums } from '../../../domain/vaccination/coverage.ts'
import { type Access, likePrefix, withinJurisdiction } from '../../platform/context.ts'
import type { DB } from '../../platform/schema.ts'

// All SQL of vaccination. Every query answering a caller filters by the caller's jurisdiction in
// SQL (doses, denominators and targets by their unit's path). Dose rows are only ever summed here:
// coverage reads one row per commune, age group and high-risk flag.
type Db = Kysely<DB>

/** Valid on `at` (yyyy-mm-dd); units with no validity bounds are always valid. */
const validOn = (at: string) => sql<boolean>`(u.valid_from IS NULL OR u.valid_from <= ${at}::date) AND (u.valid_to IS NULL OR u.valid_to >= ${at}::date)`

export interface UnitRef {
  id: string
  code: string
  name: string
  level: string
  path: string
}

export function products(db: Db) {
  return db.selectFrom('vaccineProducts').select(['code', 'name', 'primaryDoses', 'source', 'confidence']).orderBy('code').execute()
}

export async function ageShares(db: Db) {
  const rows = await db.selectFrom('vaccinationAgeShares').select(['ageGroup', 'share', 'source', 'confidence']).execute()
  return rows.map((r) => ({ ...r, share: Number(r.share) }))
}

export function unitByCode(db: Db, code: string, at: string): Promise<UnitRef | undefined> {
  return db.selectFrom('units as u').select(['u.id', 'u.code', 'u.name', 'u.level', 'u.path']).where('u.code', '=', code).where(validOn(at)).orderBy('u.period', 'desc').executeTakeFirst()
}

/** The units of the caller's jurisdiction an import may name. */
export function unitsWithin(db: Db, access: Access, at: string) {
  return db.selectFrom('units as u').select(['u.id', 'u.code', 'u.path', 'u.level']).where(withinJurisdiction(access, 'u.path')).where(validOn(at)).execute()
}

export interface DoseWrite {
  unit_id: string
  unit_path: string
  dose_date: string
  age_group: AgeGroup
  risk_group: RiskGroup
  product: string
  dose: Dose
  doses: number
}

/**
 * Writes a batch of dose figures given as one JSON array (one parameter whatever its size): a new
 * key is inserted, a known one takes the new figure; an unchanged figure is left alone, so the
 * same file imported twice changes nothing. Answers how many rows were inserted and updated.
 */
export async function upsertDosesJson(db: Db, rowsJson: string, v: { source: 'entered' | 'imported' | 'demo'; jobId: number | null; userId: number | null }): Promise<{ inserted: number; updated: number }> {
  const r = await sql<{ inserted: number; updated: number }>`
    WITH up AS (
      INSERT INTO vaccination_doses AS d (unit_id, unit_path, dose_date, age_group, risk_group, product, dose, doses, source, import_job_id, updated_by)
      SELECT r.unit_id, r.unit_path, r.dose_date, r.age_group, r.risk_group, r.product, r.dose, r.doses, ${v.source}, ${v.jobId}::bigint, ${v.userId}::bigint
      FROM jsonb_to_recordset(${rowsJson}::jsonb) AS r(unit_id text, unit_path text, dose_date date, age_group text, risk_group text, product text, dose text, doses integer)
      ON CONFLICT (unit_id, dose_date, age_group, risk_group, product, dose) WHERE source <> 'records' DO UPDATE
        SET doses = excluded.doses, source = excluded.source, import_job_id = excluded.import_job_id, updated_by = excluded.updated_by, updated_at = now()
        WHERE d.doses IS DISTINCT FROM excluded.doses
      RETURNING (xmax = 0) AS fresh)
    SELECT count(*) FILTER (WHERE fresh)::int AS inserted, count(*) FILTER (WHERE NOT fresh)::int AS updated FROM up`.execute(db)
  return { inserted: Number(r.rows[0]?.inserted ?? 0), updated: Number(r.rows[0]?.updated ?? 0) }
}

/** Writes a batch of new figures, keeping any already there (a bulk load such as the demo's). */
export async function insertNewDosesJson(db: Db, rowsJson: string, source: 'imported' | 'demo'): Promise<void> {
  await sql`
    INSERT INTO vaccination_doses (unit_id, unit_path, dose_date, age_group, risk_group, product, dose, doses, source)
    SELECT r.unit_id, r.unit_path, r.dose_date, r.age_group, r.risk_group, r.product, r.dose, r.doses, ${source}
    FROM jsonb_to_recordset(${rowsJson}::jsonb) AS r(unit_id text, unit_path text, dose_date date, age_group text, risk_group text, product text, dose text, doses integer)
    ON CONFLICT (unit_id, dose_date, age_group, risk_group, product, dose) WHERE source <> 'records' DO NOTHING`.execute(db)
}

/** A commune's figures of one day, as entered or imported (the doses counted from records are not figures to edit). */
export function dosesOf(db: Db, access: Access, unitId: string, date: string) {
  return db
    .selectFrom('vaccinationDoses as d')
    .select(['d.ageGroup', 'd.riskGroup', 'd.product', 'd.dose', 'd.doses', 'd.source', 'd.updatedAt'])
    .where('d.unitId', '=', unitId)
    .where('d.doseDate', '=', date)
    .where('d.source', '<>', 'records')
    .where(withinJurisdiction(access, 'd.unitPath'))
    .orderBy('d.ageGroup')
    .orderBy('d.riskGroup')
    .orderBy('d.product')
    .orderBy('d.dose')
    .execute()
}

/** Doses per day under a unit (for the chart), summed in SQL. */
export async function dailyTotals(db: Db, access: Access, path: string, from: string, to: string) {
  const r = await sql<{ date: string; first: number; fully: number; booster: number }>`
    SELECT d.dose_date::text AS date,
           coalesce(sum(d.doses) FILTER (WHERE d.dose = '1'), 0)::int AS first,
           coalesce(sum(d.doses) FILTER (WHERE d.dose = p.primary_doses::text), 0)::int AS fully,
           coalesce(sum(d.doses) FILTER (WHERE d.dose = 'booster'), 0)::int AS booster
    FROM vaccination_doses d JOIN vaccine_products p ON p.code = d.product
    WHERE d.unit_path LIKE ${likePrefix(path)} AND ${withinJurisdiction(access, 'd.unit_path')}
      AND d.dose_date BETWEEN ${from}::date AND ${to}::date
    GROUP BY d.dose_date ORDER BY d.dose_date`.execute(db)
  return r.rows
}

/** The communes under `path` (itself when it is one) in the caller's jurisdiction, valid on `at`. */
export function communesUnder(db: Db, access: Access, path: string, at: string): Promise<UnitRef[]> {
  return db
    .selectFrom('units as u')
    .select(['u.id', 'u.code', 'u.name', 'u.level', 'u.path'])
    .where('u.level', '=', 'commune')
    .where('u.path', 'like', likePrefix(path))
    .where(withinJurisdiction(access, 'u.path'))
    .where(validOn(at))
    .orderBy('u.nameSort')
    .orderBy('u.code')
    .execute()
}

export interface PopulationRow {
  unitId: string
  ageGroup: AgeGroup | 'high_risk'
  population: number
  basis: 'imported' | 'census' | 'none'
}

/**
 * Denominators per commune and group: the imported figure where there is one, else the commune's
 * census population (the latest year up to `year`, or the earliest after it) split by the
 * national age shares.
 */
export async function populations(db: Db, unitIds: string[], year: number): Promise<PopulationRow[]> {
  if (!unitIds.length) return []
  const r = await sql<PopulationRow>`
    SELECT c.id AS "unitId", s.age_group AS "ageGroup",
           coalesce(vp.population, floor(cen.population * s.share)::int, 0)::int AS population,
           CASE WHEN vp.population IS NOT NULL THEN 'imported' WHEN cen.population IS NOT NULL THEN 'census' ELSE 'none' END AS basis
    FROM unnest(${unitIds}::text[]) AS c(id)
    CROSS JOIN vaccination_age_shares s
    LEFT JOIN vaccination_populations vp ON vp.unit_id = c.id AND vp.age_group = s.age_group
    LEFT JOIN LATERAL (
      SELECT up.population FROM unit_populations up WHERE up.unit_id = c.id
      ORDER BY (up.year <= ${year}) DESC, abs(up.year - ${year}) LIMIT 1) cen ON true`.execute(db)
  return r.rows
}

export type SumRow = DoseSums & { unitId: string }

/** Dose sums up to `date` per commune under `path`, age group and high-risk flag; the last 7 days apart. */
export async function doseSums(db: Db, access: Access, path: string, date: string): Promise<SumRow[]> {
  const r = await sql<SumRow>`
    SELECT d.unit_id AS "unitId", d.age_group AS "ageGroup", (d.risk_group <> 'none') AS risk,
           coalesce(sum(d.doses) FILTER (WHERE d.dose = '1'), 0)::int AS "atLeastOne",
           coalesce(sum(d.doses) FILTER (WHERE d.dose = p.primary_doses::text), 0)::int AS fully,
           coalesce(sum(d.doses) FILTER (WHERE d.dose = 'booster'), 0)::int AS boosted,
           coalesce(sum(d.doses) FILTER (WHERE d.dose = '1' AND d.dose_date > ${date}::date - 7), 0)::int AS "recentAtLeastOne",
           coalesce(sum(d.doses) FILTER (WHERE d.dose = p.primary_doses::text AND d.dose_date > ${date}::date - 7), 0)::int AS "recentFully",
           coalesce(sum(d.doses) FILTER (WHERE d.dose = 'booster' AND d.dose_date > ${date}::date - 7), 0)::int AS "recentBoosted"
    FROM vaccination_doses d JOIN vaccine_products p ON p.code = d.product
    WHERE d.unit_path LIKE ${likePrefix(path)} AND ${withinJurisdiction(access, 'd.unit_path')} AND d.dose_date <= ${date}::date
    GROUP BY d.unit_id, d.age_group, (d.risk_group <> 'none')`.execute(db)
  return r.rows
}

/**
 * Writes denominators given as one JSON array: a new group is inserted, a known one takes the new
 * figure and source; an unchanged figure of the same source is left alone. Answers how many were inserted and updated.
 */
export async function upsertPopulationsJson(db: Db, rowsJson: string, source: string): Promise<{ inserted: number; updated: number }> {
  const r = await sql<{ inserted: number; updated: number }>`
    WITH up AS (
      INSERT INTO vaccination_populations AS p (unit_id, unit_path, age_group, population, source)
      SELECT r.unit_id, r.unit_path, r.age_group, r.population, ${source}
      FROM jsonb_to_recordset(${rowsJson}::jsonb) AS r(unit_id text, unit_path text, age_group text, population integer)
      ON CONFLICT (unit_id, age_group) DO UPDATE
        SET population = excluded.population, source = excluded.source, updated_at = now()
        WHERE p.population IS DISTINCT FROM excluded.population OR p.source IS DISTINCT FROM excluded.source
      RETURNING (xmax = 0) AS fresh)
    SELECT count(*) FILTER (WHERE fresh)::int AS inserted, count(*) FILTER (WHERE NOT fresh)::int AS updated FROM up`.execute(db)
  return { inserted: Number(r.rows[0]?.inserted ?? 0), updated: Number(r.rows[0]?.updated ?? 0) }
}

export interface TargetRow {
  id: number
  unitCode: string
  unitName: string
  name: string
  measure: Measure
  ageGroups: AgeGroup[]
  share: number
  startsOn: string
  deadline: string
  source: string | null
}

const targetQuery = (db: Db) =>
  db
    .selectFrom('vaccinationTargets as t')
    .innerJoin('units as u', 'u.id', 't.unitId')
    .select(['t.id', 'u.code as unitCode', 'u.name as unitName', 't.name', 't.measure', 't.ageGroups', 't.share', 't.startsOn', 't.deadline', 't.source'])

/** Targets that apply to the unit at `path`: set by it, by a unit above it, or (for the caller's own area) inside it. */
export async function targetsFor(db: Db, access: Access, path: string): Promise<TargetRow[]> {
  const rows = await targetQuery(db)
    .where((eb) => eb.or([sql<boolean>`${path} LIKE t.unit_path || '%'`, eb.and([eb('t.unitPath', 'like', likePrefix(path)), withinJurisdiction(access, 't.unitPath')])]))
    .orderBy('t.deadline')
    .orderBy('t.id')
    .execute()
  return rows.map((r) => ({ ...r, share: Number(r.share) }))
}

export async function insertTarget(
  db: Db,
  v: { unitId: string; unitPath: string; name: string; measure: Measure; ageGroups: AgeGroup[]; share: number; startsOn: string; deadline: string; source: string | null; createdBy: number | null },
): Promise<number> {
  const r = await db
    .insertInto('vaccinationTargets')
    .values({ ...v, ageGroups: sql`${v.ageGroups}::text[]` as never })
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}
