import { type Kysely, sql } from 'kysely'
import type { AgeGroup, Dose, RiskGroup } from '../../../domain/vaccination/groups.ts'
import { type Access, likePrefix, withinJurisdiction } from '../../platform/context.ts'
import type { DB } from '../../platform/schema.ts'

// SQL of the person-level vaccination records. A person's doses are read through the person, who
// must lie inside the caller's jurisdiction; a record is changed or removed only by a caller whose
// jurisdiction holds the commune that gave the dose. Bulk writes take their rows as arrays (one
// parameter per column). The counts in vaccination_doses follow by trigger (migration 0038).
type Db = Kysely<DB>

const texts = (xs: readonly (string | null)[]) => sql`${sql.val(xs)}::text[]`
const bigints = (xs: readonly (number | null)[]) => sql`${sql.val(xs)}::bigint[]`

export interface DosePerson {
  id: number
  fullName: string
  birthDate: string | null
  birthYear: number | null
  sex: string | null
  unitPath: string
}

/**
 * A person inside the caller's jurisdiction, with what the age at a dose needs; locked when asked
 * (two doses of one person recorded at once wait for each other).
 */
export function personFor(db: Db, access: Access, personId: number, lock = false): Promise<DosePerson | undefined> {
  const q = db
    .selectFrom('people as p')
    .select(['p.id', 'p.fullName', 'p.birthDate', 'p.birthYear', 'p.sex', 'p.unitPath'])
    .where('p.id', '=', personId)
    .where(withinJurisdiction(access, 'p.unitPath'))
  return (lock ? q.forUpdate() : q).executeTakeFirst()
}

/** A person's doses in order of date, with the vaccinating commune and the product's name. */
export function recordsOf(db: Db, access: Access, personId: number) {
  return db
    .selectFrom('vaccinationRecords as r')
    .innerJoin('people as p', 'p.id', 'r.personId')
    .innerJoin('units as u', 'u.id', 'r.unitId')
    .innerJoin('vaccineProducts as v', 'v.code', 'r.product')
    .select(['r.id', 'r.doseDate', 'r.dose', 'r.product', 'v.name as productName', 'r.ageGroup', 'r.riskGroup', 'r.lot', 'u.code as unitCode', 'u.name as unitName', 'r.unitPath', 'r.createdAt'])
    .where('r.personId', '=', personId)
    .where(withinJurisdiction(access, 'p.unitPath'))
    .orderBy('r.doseDate')
    .orderBy('r.dose')
    .execute()
}

/** The doses already recorded for these people (the order of doses is checked against them). */
export async function dosesOfPeople(db: Db, personIds: number[]): Promise<{ id: number; personId: number; dose: Dose; doseDate: string }[]> {
  if (!personIds.length) return []
  const r = await sql<{ id: string; personId: string; dose: Dose; doseDate: string }>`
    SELECT r.id, r.person_id AS "personId", r.dose, r.dose_date::text AS "doseDate"
      FROM vaccination_records r WHERE r.person_id = ANY(${bigints(personIds)})`.execute(db)
  return r.rows.map((x) => ({ ...x, id: Number(x.id), personId: Number(x.personId) }))
}

export interface RecordWrite {
  personId: number
  doseDate: string
  product: string
  dose: Dose
  unitId: string
  unitPath: string
  ageGroup: AgeGroup
  riskGroup: RiskGroup
  lot: string | null
}

const columns = (rows: RecordWrite[]) => sql`unnest(${bigints(rows.map((r) => r.personId))}, ${sql.val(rows.map((r) => r.doseDate))}::date[], ${texts(rows.map((r) => r.product))},
  ${texts(rows.map((r) => r.dose))}, ${texts(rows.map((r) => r.unitId))}, ${texts(rows.map((r) => r.unitPath))}, ${texts(rows.map((r) => r.ageGroup))},
  ${texts(rows.map((r) => r.riskGroup))}, ${texts(rows.map((r) => r.lot))}) AS x(person_id, dose_date, product, dose, unit_id, unit_path, age_group, risk_group, lot)`

/** Records one dose; answers its id, or null when the person already has that dose. */
export async function insertRecord(db: Db, row: RecordWrite, enteredBy: number | null): Promise<number | null> {
  const r = await sql<{ id: string }>`
    INSERT INTO vaccination_records (person_id, dose_date, product, dose, unit_id, unit_path, age_group, risk_group, lot, entered_by)
    SELECT x.person_id, x.dose_date, x.product, x.dose, x.unit_id, x.unit_path, x.age_group, x.risk_group, x.lot, ${enteredBy}::bigint FROM ${columns([row])}
    ON CONFLICT (person_id, dose) DO NOTHING RETURNING id`.execute(db)
  return r.rows[0] ? Number(r.rows[0].id) : null
}

/**
 * Writes a batch of imported doses in one statement: a new person and dose is inserted; a dose the
 * person already has, recorded by a commune of the importer's area, takes the file's date, product,
 * commune, group and lot when they differ; anything else is left as it is, so the same file
 * imported twice changes nothing. Answers how many were inserted and updated.
 */
export async function upsertRecords(db: Db, access: Access, rows: RecordWrite[], v: { jobId: number | null; userId: number | null }): Promise<{ inserted: number; updated: number }> {
  if (!rows.length) return { inserted: 0, updated: 0 }
  const r = await sql<{ inserted: number; updated: number }>`
    WITH up AS (
      INSERT INTO vaccination_records AS r (person_id, dose_date, product, dose, unit_id, unit_path, age_group, risk_group, lot, import_job_id, entered_by)
      SELECT x.person_id, x.dose_date, x.product, x.dose, x.unit_id, x.unit_path, x.age_group, x.risk_group, x.lot, ${v.jobId}::bigint, ${v.userId}::bigint
        FROM ${columns(rows)}
      ON CONFLICT (person_id, dose) DO UPDATE
        SET dose_date = excluded.dose_date, product = excluded.product, unit_id = excluded.unit_id, unit_path = excluded.unit_path,
            age_group = excluded.age_group, risk_group = excluded.risk_group, lot = excluded.lot, import_job_id = excluded.import_job_id, updated_at = now()
        WHERE r.unit_path LIKE ${likePrefix(access.unitPath)}
          AND (r.dose_date, r.product, r.unit_id, r.age_group, r.risk_group, r.lot) IS DISTINCT FROM
              (excluded.dose_date, excluded.product, excluded.unit_id, excluded.age_group, excluded.risk_group, excluded.lot)
      RETURNING (xmax = 0) AS fresh)
    SELECT count(*) FILTER (WHERE fresh)::int AS inserted, count(*) FILTER (WHERE NOT fresh)::int AS updated FROM up`.execute(db)
  return { inserted: Number(r.rows[0]?.inserted ?? 0), updated: Number(r.rows[0]?.updated ?? 0) }
}

/** A record given by a commune of the caller's area, locked for a change. */
export function lockRecord(db: Db, access: Access, id: number) {
  return db
    .selectFrom('vaccinationRecords as r')
    .select(['r.id', 'r.personId', 'r.doseDate', 'r.product', 'r.dose', 'r.unitId', 'r.unitPath', 'r.ageGroup', 'r.riskGroup', 'r.lot'])
    .where('r.id', '=', id)
    .where(withinJurisdiction(access, 'r.unitPath'))
    .forUpdate()
    .executeTakeFirst()
}

export async function updateRecord(db: Db, id: number, row: Omit<RecordWrite, 'personId'>): Promise<void> {
  await db
    .updateTable('vaccinationRecords')
    .set({ doseDate: row.doseDate, product: row.product, dose: row.dose, unitId: row.unitId, unitPath: row.unitPath, ageGroup: row.ageGroup, riskGroup: row.riskGroup, lot: row.lot, updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute()
}

export async function deleteRecord(db: Db, access: Access, id: number): Promise<boolean> {
  const r = await db.deleteFrom('vaccinationRecords').where('id', '=', id).where(withinJurisdiction(access, 'unitPath')).executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}

export interface IdentityMatch {
  nationalId: string
  id: number
  inside: boolean
  fullName: string | null
  birthDate: string | null
  birthYear: number | null
  sex: string | null
  unitPath: string | null
}

/** People holding these CCCD numbers, anywhere; their details only when inside the caller's jurisdiction. */
export async function peopleByNationalId(db: Db, access: Access, nationalIds: string[]): Promise<IdentityMatch[]> {
  if (!nationalIds.length) return []
  const prefix = likePrefix(access.unitPath)
  const r = await sql<IdentityMatch & { id: string }>`
    SELECT p.national_id AS "nationalId", p.id, p.unit_path LIKE ${prefix} AS inside,
           CASE WHEN p.unit_path LIKE ${prefix} THEN p.full_name END AS "fullName",
           CASE WHEN p.unit_path LIKE ${prefix} THEN p.birth_date::text END AS "birthDate",
           CASE WHEN p.unit_path LIKE ${prefix} THEN p.birth_year END AS "birthYear",
           CASE WHEN p.unit_path LIKE ${prefix} THEN p.sex END AS sex,
           CASE WHEN p.unit_path LIKE ${prefix} THEN p.unit_path END AS "unitPath"
      FROM people p WHERE p.national_id = ANY(${texts(nationalIds)})`.execute(db)
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }))
}

/** Lowers demo weekly figures (by row id) by the doses the demo's person-level records now count. */
export async function takeFromDemoDoses(db: Db, given: { id: number; n: number }[]): Promise<void> {
  if (!given.length) return
  await sql`UPDATE vaccination_doses d SET doses = d.doses - x.n, updated_at = now()
              FROM unnest(${bigints(given.map((g) => g.id))}, ${sql.val(given.map((g) => g.n))}::integer[]) AS x(id, n)
             WHERE d.id = x.id AND d.source = 'demo'`.execute(db)
}
