import { type Insertable, type Kysely, sql, type Updateable } from 'kysely'
import type { BedKind } from '../../../domain/care/codes.ts'
import type { DailyCheck, HomeCareRule } from '../../../domain/care/rules.ts'
import { type Access, likePrefix, withinJurisdiction } from '../../platform/context.ts'
import type { CareAdmissionsTable, CareFacilitiesTable, DB } from '../../platform/schema.ts'
import { registerPersonReference } from '../people/references.ts'

// All SQL of the care context. Every query answering a caller takes the caller's Access: a
// facility is seen inside the jurisdiction it stands in; a stay or an F0 at home is seen from the
// person's side (unit_path) or the caring facility's (facility_path, station_path).
type Db = Kysely<DB>

registerPersonReference({ table: 'care_admissions', column: 'person_id', label: 'lượt điều trị tại cơ sở' })
registerPersonReference({ table: 'care_home_patients', column: 'person_id', label: 'đợt theo dõi F0 tại nhà' })

/** Either path inside the caller's jurisdiction. */
const seenFrom = (access: Access, a: string, b: string) =>
  sql<boolean>`(${sql.ref(a)} LIKE ${likePrefix(access.unitPath)} OR ${sql.ref(b)} LIKE ${likePrefix(access.unitPath)})`

// --- Rules ----------------------------------------------------------------------------------

const ruleColumns = [
  'r.id',
  'r.validFrom',
  'u.code as unitCode',
  'u.name as unitName',
  'u.path as unitPath',
  'r.name',
  'r.eligibility',
  'r.warnings',
  'r.release',
  'r.source',
  'r.confidence',
  'r.note',
] as const

export type RuleRow = Omit<HomeCareRule, 'eligibility' | 'warnings' | 'release'> & {
  id: number
  unitName: string | null
  /** Null: national. */
  unitPath: string | null
  eligibility: HomeCareRule['eligibility']
  warnings: HomeCareRule['warnings']
  release: HomeCareRule['release']
}

const asRules = (rows: unknown[]) => rows as RuleRow[]

/** The rules that may apply to a place at `path`: national ones and those of the units it lies in. */
export async function rulesForPlace(db: Db, path: string): Promise<RuleRow[]> {
  return asRules(
    await db
      .selectFrom('careRules as r')
      .leftJoin('units as u', 'u.id', 'r.unitId')
      .select(ruleColumns)
      .where((eb) => eb.or([eb('r.unitId', 'is', null), sql<boolean>`${path} LIKE u.path || '%'`]))
      .orderBy('r.validFrom')
      .execute(),
  )
}

/** The rules that can apply inside the caller's jurisdiction: national ones, and those of units above or inside it. */
export async function listRules(db: Db, access: Access): Promise<RuleRow[]> {
  return asRules(
    await db
      .selectFrom('careRules as r')
      .leftJoin('units as u', 'u.id', 'r.unitId')
      .select(ruleColumns)
      .where((eb) =>
        eb.or([eb('r.unitId', 'is', null), withinJurisdiction(access, 'u.path'), sql<boolean>`${access.unitPath} LIKE u.path || '%'`]),
      )
      .orderBy('r.validFrom')
      .orderBy('r.id')
      .execute(),
  )
}

export async function insertRule(db: Db, unitId: string, r: Omit<HomeCareRule, 'unitCode' | 'id'>): Promise<number> {
  const row = await db
    .insertInto('careRules')
    .values({
      validFrom: r.validFrom,
      unitId,
      name: r.name,
      eligibility: JSON.stringify(r.eligibility),
      warnings: JSON.stringify(r.warnings),
      release: JSON.stringify(r.release),
      source: r.source,
      confidence: r.confidence,
      note: r.note ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

// --- Facilities -----------------------------------------------------------------------------

export type FacilityValues = Insertable<CareFacilitiesTable>

/** Active stays per bed kind of each facility, counted from the occupancy index. */
const occupancy = sql<{ regular: number; oxygen: number; icu: number; ventilator: number }>`(
  SELECT jsonb_build_object(
           'regular', count(*) FILTER (WHERE a.bed_kind = 'regular'),
           'oxygen', count(*) FILTER (WHERE a.bed_kind = 'oxygen'),
           'icu', count(*) FILTER (WHERE a.bed_kind = 'icu'),
           'ventilator', count(*) FILTER (WHERE a.bed_kind = 'ventilator'))
    FROM care_admissions a WHERE a.facility_id = f.id AND a.status = 'active')`

function facilitiesQuery(db: Db) {
  return db
    .selectFrom('careFacilities as f')
    .innerJoin('units as u', 'u.id', 'f.unitId')
    .select([
      'f.id',
      'f.name',
      'f.tier',
      'f.kind',
      'u.code as unitCode',
      'u.name as unitName',
      'f.unitPath',
      'f.address',
      'f.lat',
      'f.lon',
      'f.bedsRegular',
      'f.bedsOxygen',
      'f.bedsIcu',
      'f.bedsVentilator',
      'f.staffDoctors',
      'f.staffNurses',
      'f.staffOther',
      'f.oxygenTankM3',
      'f.oxygenCylinders',
      'f.oxygenConcentrators',
      'f.managerName',
      'f.phone',
      'f.status',
      'f.note',
      occupancy.as('occupied'),
      sql<number>`(SELECT count(*)::int FROM care_home_patients h WHERE h.station_id = f.id AND h.status = 'active')`.as('homePatients'),
    ])
}
export type FacilityRow = Awaited<ReturnType<ReturnType<typeof facilitiesQuery>['executeTakeFirstOrThrow']>>

export function findFacility(db: Db, access: Access, id: number) {
  return facilitiesQuery(db).where('f.id', '=', id).where(withinJurisdiction(access, 'f.unitPath')).executeTakeFirst()
}

/** A facility anywhere under `path` (a transfer's destination: any facility of the caller's province). */
export function findFacilityUnder(db: Db, path: string, id: number) {
  return facilitiesQuery(db).where('f.id', '=', id).where('f.unitPath', 'like', likePrefix(path)).executeTakeFirst()
}

export function listFacilities(db: Db, access: Access, f: { areaPath: string; tier?: number | undefined; kind?: string | undefined; limit: number; offset: number }) {
  let q = facilitiesQuery(db).where(withinJurisdiction(access, 'f.unitPath')).where('f.unitPath', 'like', likePrefix(f.areaPath))
  if (f.tier) q = q.where('f.tier', '=', f.tier)
  if (f.kind) q = q.where('f.kind', '=', f.kind)
  return q.orderBy('f.tier').orderBy('f.name').orderBy('f.id').limit(f.limit).offset(f.offset).execute()
}

export async function insertFacility(db: Db, v: FacilityValues): Promise<number> {
  return (await db.insertInto('careFacilities').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export async function updateFacility(db: Db, id: number, v: Updateable<CareFacilitiesTable>): Promise<void> {
  if (Object.keys(v).length === 0) return
  await db.updateTable('careFacilities').set({ ...v, updatedAt: sql`now()` }).where('id', '=', id).execute()
}

/** Locks a facility's row while beds are taken (two admissions never take the last bed twice). */
export async function lockFacilityRow(db: Db, id: number): Promise<void> {
  await sql`SELECT 1 FROM care_facilities WHERE id = ${id} FOR UPDATE`.execute(db)
}

export async function activeCount(db: Db, facilityId: number, bedKind: BedKind): Promise<number> {
  const r = await db
    .selectFrom('careAdmissions')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('facilityId', '=', facilityId)
    .where('bedKind', '=', bedKind)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

// --- People and cases -----------------------------------------------------------------------

export function personInArea(db: Db, access: Access, id: number) {
  return db
    .selectFrom('people as p')
    .leftJoin('cases as c', 'c.personId', 'p.id')
    .select(['p.id', 'p.fullName', 'p.unitPath', 'p.birthDate', 'p.birthYear', 'c.id as caseId', 'c.classification', 'c.severity', 'c.sampleDate', 'c.confirmedDate'])
    .where('p.id', '=', id)
    .where(withinJurisdiction(access, 'p.unitPath'))
    .executeTakeFirst()
}
export type PersonWithCase = NonNullable<Awaited<ReturnType<typeof personInArea>>>

export async function personOfCase(db: Db, access: Access, caseId: number): Promise<number | null> {
  const r = await db.selectFrom('cases').select('personId').where('id', '=', caseId).where(withinJurisdiction(access, 'unitPath')).executeTakeFirst()
  return r?.personId ?? null
}

/** The latest negative test of a person sampled on or after `from`. */
export async function latestNegativeTest(db: Db, personId: number, from: string) {
  return db
    .selectFrom('tests')
    .select(['sampleDate', 'method'])
    .where('personId', '=', personId)
    .where('result', '=', 'negative')
    .where('sampleDate', '>=', from)
    .orderBy('sampleDate', 'desc')
    .limit(1)
    .executeTakeFirst()
}

// --- Admissions -----------------------------------------------------------------------------

export type AdmissionValues = Omit<CareAdmissionsTable, 'id' | 'createdAt' | 'updatedAt' | 'unitPath' | 'status'> & { status?: 'active' }

function admissionsQuery(db: Db, access: Access) {
  return db
    .selectFrom('careAdmissions as a')
    .innerJoin('people as p', 'p.id', 'a.personId')
    .innerJoin('careFacilities as f', 'f.id', 'a.facilityId')
    .leftJoin('cases as c', 'c.id', 'a.caseId')
    .select([
      'a.id',
      'a.personId',
      'p.fullName',
      'p.birthYear',
      'a.caseId',
      'c.code as caseCode',
      'a.unitPath',
      'a.facilityId',
      'f.name as facilityName',
      'a.facilityPath',
      'a.tier',
      'a.bedKind',
      'a.severity',
      'a.admittedOn',
      'a.status',
      'a.endedOn',
      'a.outcome',
      'a.transferredTo',
      'a.fromAdmissionId',
      'a.nextAdmissionId',
      'a.note',
    ])
    .where(seenFrom(access, 'a.unitPath', 'a.facilityPath'))
}
export type AdmissionRow = Awaited<ReturnType<ReturnType<typeof admissionsQuery>['executeTakeFirstOrThrow']>>

export function findAdmission(db: Db, access: Access, id: number) {
  return admissionsQuery(db, access).where('a.id', '=', id).executeTakeFirst()
}

export async function lockAdmission(db: Db, access: Access, id: number) {
  return admissionsQuery(db, access).where('a.id', '=', id).forUpdate('a').executeTakeFirst()
}

export function activeAdmissionOf(db: Db, personId: number) {
  return db.selectFrom('careAdmissions').select(['id', 'facilityId']).where('personId', '=', personId).where('status', '=', 'active').executeTakeFirst()
}

export function listAdmissions(
  db: Db,
  access: Access,
  f: { facilityId?: number | undefined; areaPath?: string | undefined; status?: string | undefined; limit: number; offset: number },
) {
  let q = admissionsQuery(db, access)
  if (f.facilityId) q = q.where('a.facilityId', '=', f.facilityId)
  if (f.areaPath) q = q.where(sql<boolean>`(a.facility_path LIKE ${likePrefix(f.areaPath)} OR a.unit_path LIKE ${likePrefix(f.areaPath)})`)
  if (f.status) q = q.where('a.status', '=', f.status as 'active')
  return q.orderBy('a.admittedOn', 'desc').orderBy('a.id', 'desc').limit(f.limit).offset(f.offset).execute()
}

export async function insertAdmission(db: Db, v: AdmissionValues): Promise<number> {
  return (await db.insertInto('careAdmissions').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export async function endAdmission(
  db: Db,
  id: number,
  v: { status: 'transferred' | 'discharged' | 'died'; endedOn: string; outcome?: CareAdmissionsTable['outcome']; transferredTo?: string | null; note?: string | null },
): Promise<void> {
  await db
    .updateTable('careAdmissions')
    .set({ status: v.status, endedOn: v.endedOn, outcome: v.outcome ?? null, transferredTo: v.transferredTo ?? null, ...(v.note ? { note: v.note } : {}), updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute()
}

export async function linkTransfer(db: Db, fromId: number, nextId: number): Promise<void> {
  await db.updateTable('careAdmissions').set({ nextAdmissionId: nextId }).where('id', '=', fromId).execute()
}

// --- Capacity -------------------------------------------------------------------------------

/**
 * Beds and active stays per tier and bed kind of the facilities standing in `area` (inside the
 * caller's jurisdiction): facilities are few, their stays counted per facility from the occupancy
 * index, all in one statement.
 */
export async function capacity(db: Db, access: Access, area: string) {
  const { rows } = await sql<{ tier: number; kind: BedKind; beds: number; occupied: number }>`
    WITH f AS MATERIALIZED (
      SELECT id, tier, beds_regular, beds_oxygen, beds_icu, beds_ventilator FROM care_facilities
       WHERE unit_path LIKE ${likePrefix(area)} AND unit_path LIKE ${likePrefix(access.unitPath)} AND status <> 'closed'
    ), taken AS (
      SELECT a.facility_id, a.bed_kind, count(*)::int AS n
        FROM care_admissions a JOIN f ON f.id = a.facility_id
       WHERE a.status = 'active'
       GROUP BY 1, 2
    )
    SELECT f.tier::int AS tier, k.kind, sum(k.beds)::int AS beds, COALESCE(sum(t.n), 0)::int AS occupied
      FROM f
     CROSS JOIN LATERAL (VALUES ('regular', f.beds_regular), ('oxygen', f.beds_oxygen), ('icu', f.beds_icu), ('ventilator', f.beds_ventilator)) AS k(kind, beds)
      LEFT JOIN taken t ON t.facility_id = f.id AND t.bed_kind = k.kind
     GROUP BY 1, 2
    HAVING sum(k.beds) > 0 OR COALESCE(sum(t.n), 0) > 0
     ORDER BY 1, array_position(ARRAY['regular','oxygen','icu','ventilator'], k.kind)`.execute(db)
  return rows.map((r) => ({ tier: Number(r.tier), kind: r.kind, beds: Number(r.beds), occupied: Number(r.occupied) }))
}

/** F0 cared for at home by the stations standing in `area`. */
export async function homeCareActive(db: Db, access: Access, area: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM care_home_patients
     WHERE status = 'active' AND station_path LIKE ${likePrefix(area)} AND station_path LIKE ${likePrefix(access.unitPath)}`.execute(db)
  return Number(rows[0]!.n)
}

/**
 * Beds, active stays and free beds per commune of the area (its communes, or the one it lies in),
 * with the commune's latest population. A facility's commune is its path's second unit.
 */
export async function capacityByCommune(db: Db, access: Access, area: string) {
  const { rows } = await sql<{ code: string; name: string; population: number | null; populationYear: number | null; beds: number; occupied: number }>`
    WITH f AS MATERIALIZED (
      SELECT id, split_part(unit_path, '/', 3) AS unit_id, beds_regular + beds_oxygen + beds_icu + beds_ventilator AS beds
        FROM care_facilities
       WHERE unit_path LIKE ${likePrefix(area)} AND unit_path LIKE ${likePrefix(access.unitPath)} AND status <> 'closed'
    ), taken AS (
      SELECT a.facility_id, count(*)::int AS n
        FROM care_admissions a JOIN f ON f.id = a.facility_id
       WHERE a.status = 'active'
       GROUP BY 1
    ), per AS (
      SELECT f.unit_id, sum(f.beds)::int AS beds, COALESCE(sum(t.n), 0)::int AS occupied
        FROM f LEFT JOIN taken t ON t.facility_id = f.id
       GROUP BY 1
    )
    SELECT u.code, u.name, p.population, p.year AS "populationYear", COALESCE(per.beds, 0)::int AS beds, COALESCE(per.occupied, 0)::int AS occupied
      FROM units u
      LEFT JOIN per ON per.unit_id = u.id
      LEFT JOIN LATERAL (SELECT up.population, up.year FROM unit_populations up WHERE up.unit_id = u.id ORDER BY up.year DESC LIMIT 1) p ON true
     WHERE u.level = 'commune' AND u.valid_to IS NULL
       AND (u.path LIKE ${likePrefix(area)} OR ${area} LIKE u.path || '%')
       AND (u.path LIKE ${likePrefix(access.unitPath)} OR ${access.unitPath} LIKE u.path || '%')
     ORDER BY u.name_sort, u.code`.execute(db)
  return rows.map((r) => ({ ...r, population: r.population === null ? null : Number(r.population), beds: Number(r.beds), occupied: Number(r.occupied) }))
}

/** The population of a unit (latest year; a province or commune), or null. */
export async function populationOf(db: Db, unitId: string): Promise<number | null> {
  const r = await db.selectFrom('unitPopulations').select('population').where('unitId', '=', unitId).orderBy('year', 'desc').limit(1).executeTakeFirst()
  if (r) return Number(r.population)
  // A province without its own figure: the sum of its communes' latest figures.
  const { rows } = await sql<{ n: number | null }>`
    SELECT sum(p.population)::bigint AS n FROM units u
      JOIN LATERAL (SELECT up.population FROM unit_populations up WHERE up.unit_id = u.id ORDER BY up.year DESC LIMIT 1) p ON true
     WHERE u.level = 'commune' AND u.valid_to IS NULL AND u.parent_id = ${unitId}`.execute(db)
  return rows[0]?.n == null ? null : Number(rows[0].n)
}

// --- Figures for the weekly level assessment -------------------------------------------------

export interface OxygenCounts {
  unitId: string
  oxygenPatients7d: number
  oxygenPatientsPrev7d: number
}

/**
 * People living in each commune of the area who lay in an oxygen, ICU or ventilator bed during the
 * week starting `weekStart` and during the week before (distinct people, whatever the facility):
 * one statement over the stays overlapping the two weeks. The commune is the second unit of the
 * person's path.
 */
export async function oxygenPatientsByCommune(db: Db, access: Access, area: string, weekStart: string): Promise<OxygenCounts[]> {
  const { rows } = await sql<OxygenCounts>`
    SELECT split_part(a.unit_path, '/', 3) AS "unitId",
           count(DISTINCT a.person_id) FILTER (WHERE a.ended_on IS NULL OR a.ended_on >= ${weekStart}::date)::int AS "oxygenPatients7d",
           count(DISTINCT a.person_id) FILTER (WHERE a.admitted_on < ${weekStart}::date)::int AS "oxygenPatientsPrev7d"
      FROM care_admissions a
     WHERE a.bed_kind IN ('oxygen', 'icu', 'ventilator')
       AND a.unit_path LIKE ${likePrefix(area)} AND a.unit_path LIKE ${likePrefix(access.unitPath)}
       AND a.admitted_on < ${weekStart}::date + 7 AND (a.ended_on IS NULL OR a.ended_on >= ${weekStart}::date - 7)
     GROUP BY 1`.execute(db)
  return rows.map((r) => ({ unitId: r.unitId, oxygenPatients7d: Number(r.oxygenPatients7d), oxygenPatientsPrev7d: Number(r.oxygenPatientsPrev7d) }))
}

export interface ServingBeds {
  /** The commune. */
  unitId: string
  /** The unit whose treatment facilities serve the commune: its parent (a district, or the province). */
  servingId: string
  facilities: number
  beds: number
  occupied: number
  icuBeds: number
  icuOccupied: number
  /** The serving unit's latest population, or the sum of its communes'. */
  population: number | null
}

/**
 * Beds of the open facilities standing in the unit that serves each commune of the area (the
 * commune's parent), with the stays present on `day` (admitted by then, not ended before the next
 * day): one statement for every commune. A serving unit outside the caller's jurisdiction is left
 * out, so a commune's own officer never reads the province's facilities.
 */
export async function servingBedsByCommune(db: Db, access: Access, area: string, day: string): Promise<ServingBeds[]> {
  const { rows } = await sql<ServingBeds>`
    WITH c AS MATERIALIZED (
      SELECT u.id, u.parent_id FROM units u
       WHERE u.level = 'commune' AND u.valid_to IS NULL AND u.path LIKE ${likePrefix(area)} AND u.path LIKE ${likePrefix(access.unitPath)}
    ), s AS MATERIALIZED (
      SELECT p.id, p.path FROM units p WHERE p.id IN (SELECT DISTINCT parent_id FROM c) AND p.path LIKE ${likePrefix(access.unitPath)}
    ), f AS MATERIALIZED (
      SELECT s.id AS serving_id, f.id, f.beds_regular + f.beds_oxygen + f.beds_icu + f.beds_ventilator AS beds, f.beds_icu + f.beds_ventilator AS icu
        FROM s JOIN care_facilities f ON f.unit_path LIKE s.path || '%'
       WHERE f.status <> 'closed'
    ), taken AS (
      SELECT a.facility_id, count(*)::int AS n, (count(*) FILTER (WHERE a.bed_kind IN ('icu', 'ventilator')))::int AS icu
        FROM care_admissions a JOIN f ON f.id = a.facility_id
       WHERE a.admitted_on <= ${day}::date AND (a.ended_on IS NULL OR a.ended_on > ${day}::date)
       GROUP BY 1
    ), per AS (
      SELECT f.serving_id, count(*)::int AS facilities, sum(f.beds)::int AS beds, COALESCE(sum(t.n), 0)::int AS occupied,
             sum(f.icu)::int AS icu, COALESCE(sum(t.icu), 0)::int AS icu_occupied
        FROM f LEFT JOIN taken t ON t.facility_id = f.id
       GROUP BY 1
    ), pop AS (
      SELECT s.id,
             COALESCE((SELECT up.population FROM unit_populations up WHERE up.unit_id = s.id ORDER BY up.year DESC LIMIT 1),
                      (SELECT sum(lp.population) FROM units cu
                         JOIN LATERAL (SELECT up.population FROM unit_populations up WHERE up.unit_id = cu.id ORDER BY up.year DESC LIMIT 1) lp ON true
                        WHERE cu.level = 'commune' AND cu.valid_to IS NULL AND cu.parent_id = s.id))::bigint AS population
        FROM s
    )
    SELECT c.id AS "unitId", s.id AS "servingId", COALESCE(per.facilities, 0) AS facilities, COALESCE(per.beds, 0) AS beds, COALESCE(per.occupied, 0) AS occupied,
           COALESCE(per.icu, 0) AS "icuBeds", COALESCE(per.icu_occupied, 0) AS "icuOccupied", pop.population
      FROM c JOIN s ON s.id = c.parent_id LEFT JOIN per ON per.serving_id = s.id LEFT JOIN pop ON pop.id = s.id`.execute(db)
  return rows.map((r) => ({
    unitId: r.unitId,
    servingId: r.servingId,
    facilities: Number(r.facilities),
    beds: Number(r.beds),
    occupied: Number(r.occupied),
    icuBeds: Number(r.icuBeds),
    icuOccupied: Number(r.icuOccupied),
    population: r.population === null ? null : Number(r.population),
  }))
}

/** The open commune health and mobile stations of each commune of the area, and how many have oxygen on hand. */
export async function stationsByCommune(db: Db, access: Access, area: string): Promise<{ unitId: string; stations: number; withOxygen: number }[]> {
  const { rows } = await sql<{ unitId: string; stations: number; withOxygen: number }>`
    SELECT split_part(f.unit_path, '/', 3) AS "unitId", count(*)::int AS stations,
           (count(*) FILTER (WHERE f.oxygen_cylinders + f.oxygen_concentrators > 0 OR COALESCE(f.oxygen_tank_m3, 0) > 0))::int AS "withOxygen"
      FROM care_facilities f
     WHERE f.kind IN ('health_station', 'mobile_station') AND f.status <> 'closed'
       AND f.unit_path LIKE ${likePrefix(area)} AND f.unit_path LIKE ${likePrefix(access.unitPath)}
     GROUP BY 1`.execute(db)
  return rows.map((r) => ({ unitId: r.unitId, stations: Number(r.stations), withOxygen: Number(r.withOxygen) }))
}

/** Stays begun and ended between two days at the facilities of the area, and home care begun and ended (deaths at home among them). */
export async function flows(db: Db, access: Access, area: string, from: string, to: string) {
  const { rows } = await sql<Record<'admitted' | 'transferred' | 'discharged' | 'died' | 'homeEnrolled' | 'homeReleased' | 'homeAdmitted' | 'homeDied', number>>`
    SELECT
      (SELECT count(*) FROM care_admissions a WHERE a.facility_path LIKE ${likePrefix(area)} AND a.facility_path LIKE ${likePrefix(access.unitPath)}
          AND a.admitted_on BETWEEN ${from}::date AND ${to}::date AND a.from_admission_id IS NULL)::int AS admitted,
      (SELECT count(*) FROM care_admissions a WHERE a.facility_path LIKE ${likePrefix(area)} AND a.facility_path LIKE ${likePrefix(access.unitPath)}
          AND a.ended_on BETWEEN ${from}::date AND ${to}::date AND a.status = 'transferred')::int AS transferred,
      (SELECT count(*) FROM care_admissions a WHERE a.facility_path LIKE ${likePrefix(area)} AND a.facility_path LIKE ${likePrefix(access.unitPath)}
          AND a.ended_on BETWEEN ${from}::date AND ${to}::date AND a.status = 'discharged')::int AS discharged,
      (SELECT count(*) FROM care_admissions a WHERE a.facility_path LIKE ${likePrefix(area)} AND a.facility_path LIKE ${likePrefix(access.unitPath)}
          AND a.ended_on BETWEEN ${from}::date AND ${to}::date AND a.status = 'died')::int AS died,
      (SELECT count(*) FROM care_home_patients h WHERE h.station_path LIKE ${likePrefix(area)} AND h.station_path LIKE ${likePrefix(access.unitPath)}
          AND h.started_on BETWEEN ${from}::date AND ${to}::date)::int AS "homeEnrolled",
      (SELECT count(*) FROM care_home_patients h WHERE h.station_path LIKE ${likePrefix(area)} AND h.station_path LIKE ${likePrefix(access.unitPath)}
          AND h.ended_on BETWEEN ${from}::date AND ${to}::date AND h.status = 'released')::int AS "homeReleased",
      (SELECT count(*) FROM care_home_patients h WHERE h.station_path LIKE ${likePrefix(area)} AND h.station_path LIKE ${likePrefix(access.unitPath)}
          AND h.ended_on BETWEEN ${from}::date AND ${to}::date AND h.status = 'admitted')::int AS "homeAdmitted",
      (SELECT count(*) FROM care_home_patients h WHERE h.station_path LIKE ${likePrefix(area)} AND h.station_path LIKE ${likePrefix(access.unitPath)}
          AND h.ended_on BETWEEN ${from}::date AND ${to}::date AND h.status = 'died')::int AS "homeDied"`.execute(db)
  const r = rows[0]!
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as typeof r
}

// --- Home care ------------------------------------------------------------------------------

function homeQuery(db: Db, access: Access) {
  return db
    .selectFrom('careHomePatients as h')
    .innerJoin('people as p', 'p.id', 'h.personId')
    .innerJoin('careFacilities as s', 's.id', 'h.stationId')
    .leftJoin('cases as c', 'c.id', 'h.caseId')
    .select([
      'h.id',
      'h.personId',
      'p.fullName',
      'p.phone',
      'p.address',
      'h.caseId',
      'c.code as caseCode',
      'h.unitPath',
      'h.stationId',
      's.name as stationName',
      's.kind as stationKind',
      'h.stationPath',
      'h.ruleId',
      'h.grounds',
      'h.ageYears',
      'h.fullyVaccinated',
      'h.positiveOn',
      'h.startedOn',
      'h.status',
      'h.endedOn',
      'h.linkIssuedAt',
      'h.note',
      'h.deathCause',
      'h.deathReportedBy',
      sql<Date | null>`(SELECT max(k.checked_at) FROM care_home_checks k WHERE k.patient_id = h.id)`.as('lastCheckAt'),
      sql<number | null>`(SELECT k.spo2 FROM care_home_checks k WHERE k.patient_id = h.id ORDER BY k.checked_at DESC, k.id DESC LIMIT 1)`.as('lastSpo2'),
      sql<number | null>`(SELECT e.id FROM care_escalations e WHERE e.patient_id = h.id AND e.status = 'open')`.as('openEscalationId'),
    ])
    .where(seenFrom(access, 'h.unitPath', 'h.stationPath'))
}
export type HomeRow = Awaited<ReturnType<ReturnType<typeof homeQuery>['executeTakeFirstOrThrow']>>

export function findHome(db: Db, access: Access, id: number) {
  return homeQuery(db, access).where('h.id', '=', id).executeTakeFirst()
}

export function lockHome(db: Db, access: Access, id: number) {
  return homeQuery(db, access).where('h.id', '=', id).forUpdate('h').executeTakeFirst()
}

export function listHome(db: Db, access: Access, f: { areaPath: string; status?: string | undefined; limit: number; offset: number }) {
  let q = homeQuery(db, access).where(sql<boolean>`(h.station_path LIKE ${likePrefix(f.areaPath)} OR h.unit_path LIKE ${likePrefix(f.areaPath)})`)
  if (f.status) q = q.where('h.status', '=', f.status as 'active')
  return q.orderBy('h.startedOn', 'desc').orderBy('h.id', 'desc').limit(f.limit).offset(f.offset).execute()
}

export function activeHomeOf(db: Db, personId: number) {
  return db.selectFrom('careHomePatients').select(['id']).where('personId', '=', personId).where('status', '=', 'active').executeTakeFirst()
}

export async function insertHome(
  db: Db,
  v: {
    personId: number
    caseId: number | null
    stationId: number
    stationPath: string
    ruleId: number
    facts: unknown
    grounds: string[]
    ageYears: number | null
    fullyVaccinated: boolean
    positiveOn: string
    startedOn: string
    linkHash: string
    note: string | null
  },
): Promise<number> {
  const row = await db
    .insertInto('careHomePatients')
    .values({ ...v, facts: JSON.stringify(v.facts), linkIssuedAt: sql`now()` as unknown as Date })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function endHome(db: Db, id: number, status: 'released' | 'admitted' | 'died', endedOn: string): Promise<void> {
  await db.updateTable('careHomePatients').set({ status, endedOn, linkHash: null, updatedAt: sql`now()` }).where('id', '=', id).execute()
}

/** Ends home care by a death at home: the day, the cause and who reported it (the link stops working). */
export async function recordHomeDeath(db: Db, id: number, v: { endedOn: string; cause: string; reportedBy: string }): Promise<void> {
  await db
    .updateTable('careHomePatients')
    .set({ status: 'died', endedOn: v.endedOn, deathCause: v.cause, deathReportedBy: v.reportedBy, linkHash: null, updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute()
}

export async function setLink(db: Db, id: number, linkHash: string): Promise<void> {
  await db.updateTable('careHomePatients').set({ linkHash, linkIssuedAt: sql`now()`, updatedAt: sql`now()` }).where('id', '=', id).execute()
}

/**
 * The active F0 at home a personal link names (by the SHA-256 of its token). Not a caller's
 * query: the token is the authority; only what the public form shows is read.
 */
export function homeByLink(db: Db, linkHash: string) {
  return db
    .selectFrom('careHomePatients as h')
    .innerJoin('people as p', 'p.id', 'h.personId')
    .innerJoin('careFacilities as s', 's.id', 'h.stationId')
    .select(['h.id', 'p.fullName', 'h.unitPath', 'h.stationPath', 'h.ageYears', 'h.positiveOn', 'h.fullyVaccinated', 's.name as stationName', 's.phone as stationPhone'])
    .where('h.linkHash', '=', linkHash)
    .where('h.status', '=', 'active')
    .executeTakeFirst()
}

export async function insertCheck(
  db: Db,
  v: Omit<DailyCheck, 'ageYears' | 'symptoms'> & {
    patientId: number
    checkedAt: Date
    checkedOn: string
    symptoms: string[]
    byPatient: boolean
    checkedBy: number | null
    warnings: unknown
    note: string | null
  },
): Promise<number> {
  return (await db.insertInto('careHomeChecks').values({ ...v, warnings: JSON.stringify(v.warnings) }).returning('id').executeTakeFirstOrThrow()).id
}

export function checksOf(db: Db, patientId: number, limit = 60) {
  return db
    .selectFrom('careHomeChecks as k')
    .leftJoin('users as us', 'us.id', 'k.checkedBy')
    .select([
      'k.id',
      'k.checkedAt',
      'k.checkedOn',
      'k.spo2',
      'k.respiratoryRate',
      'k.pulse',
      'k.temperature',
      'k.systolic',
      'k.diastolic',
      'k.symptoms',
      'k.byPatient',
      'us.displayName as checkedByName',
      'k.warnings',
      'k.note',
    ])
    .where('k.patientId', '=', patientId)
    .orderBy('k.checkedAt', 'desc')
    .orderBy('k.id', 'desc')
    .limit(limit)
    .execute()
}

export async function checksOnDay(db: Db, patientId: number, day: string): Promise<number> {
  const r = await db.selectFrom('careHomeChecks').select(sql<number>`count(*)::int`.as('n')).where('patientId', '=', patientId).where('checkedOn', '=', day).executeTakeFirstOrThrow()
  return Number(r.n)
}

// --- Escalations ----------------------------------------------------------------------------

/** Opens the patient's escalation task unless one is open; answers the open task's id and whether it is new. */
export async function openEscalation(
  db: Db,
  v: { patientId: number; checkId: number; unitPath: string; stationPath: string; warnings: unknown; openedAt: Date; dueAt: Date },
): Promise<{ id: number; created: boolean }> {
  const { rows } = await sql<{ id: number }>`
    INSERT INTO care_escalations (patient_id, check_id, unit_path, station_path, warnings, opened_at, due_at)
    VALUES (${v.patientId}, ${v.checkId}, ${v.unitPath}, ${v.stationPath}, ${JSON.stringify(v.warnings)}::jsonb, ${v.openedAt}, ${v.dueAt})
    ON CONFLICT (patient_id) WHERE status = 'open' DO NOTHING
    RETURNING id`.execute(db)
  if (rows[0]) return { id: Number(rows[0].id), created: true }
  const open = await db.selectFrom('careEscalations').select('id').where('patientId', '=', v.patientId).where('status', '=', 'open').executeTakeFirstOrThrow()
  return { id: open.id, created: false }
}

function escalationsQuery(db: Db, access: Access) {
  return db
    .selectFrom('careEscalations as e')
    .innerJoin('careHomePatients as h', 'h.id', 'e.patientId')
    .innerJoin('people as p', 'p.id', 'h.personId')
    .innerJoin('careFacilities as s', 's.id', 'h.stationId')
    .leftJoin('users as cu', 'cu.id', 'e.closedBy')
    .select([
      'e.id',
      'e.patientId',
      'p.fullName',
      'p.phone',
      'p.address',
      's.name as stationName',
      'e.unitPath',
      'e.stationPath',
      'e.warnings',
      'e.openedAt',
      'e.dueAt',
      'e.status',
      'e.closedAt',
      'cu.displayName as closedByName',
      'e.resolution',
      'e.note',
    ])
    .where(seenFrom(access, 'e.unitPath', 'e.stationPath'))
}
export type EscalationRow = Awaited<ReturnType<ReturnType<typeof escalationsQuery>['executeTakeFirstOrThrow']>>

export function findEscalation(db: Db, access: Access, id: number) {
  return escalationsQuery(db, access).where('e.id', '=', id).executeTakeFirst()
}

export function lockEscalation(db: Db, access: Access, id: number) {
  return escalationsQuery(db, access).where('e.id', '=', id).forUpdate('e').executeTakeFirst()
}

export function escalationsOfPatient(db: Db, access: Access, patientId: number) {
  return escalationsQuery(db, access).where('e.patientId', '=', patientId).orderBy('e.openedAt', 'desc').limit(50).execute()
}

export function listEscalations(db: Db, access: Access, f: { areaPath: string; status?: 'open' | 'closed' | undefined; limit: number; offset: number }) {
  let q = escalationsQuery(db, access).where(sql<boolean>`(e.station_path LIKE ${likePrefix(f.areaPath)} OR e.unit_path LIKE ${likePrefix(f.areaPath)})`)
  if (f.status) q = q.where('e.status', '=', f.status)
  return q.orderBy('e.status', 'desc').orderBy('e.dueAt').orderBy('e.id').limit(f.limit).offset(f.offset).execute()
}

/** The open escalation task of an F0 at home, if any. */
export async function openEscalationOf(db: Db, patientId: number): Promise<number | null> {
  const r = await db.selectFrom('careEscalations').select('id').where('patientId', '=', patientId).where('status', '=', 'open').executeTakeFirst()
  return r ? r.id : null
}

export async function closeEscalation(
  db: Db,
  id: number,
  v: { closedBy: number; closedAt: Date; resolution: 'admitted' | 'visited' | 'false_alarm' | 'other'; note: string | null },
): Promise<void> {
  await db.updateTable('careEscalations').set({ status: 'closed', closedAt: v.closedAt, closedBy: v.closedBy, resolution: v.resolution, note: v.note }).where('id', '=', id).execute()
}

/** The national rows as stored (the test that keeps them equal to the domain's defaults). */
export function nationalRules(db: Db) {
  return db.selectFrom('careRules').select(['validFrom', 'name', 'eligibility', 'warnings', 'release', 'source', 'confidence', 'note']).where('unitId', 'is', null).orderBy('validFrom').execute()
}

// --- Bulk writes (demo and benchmark): one JSON parameter per batch ---------------------------

/** Row auditing off for a bulk load in this transaction (one summary entry is the caller's). */
export async function bulkMode(db: Db): Promise<void> {
  await sql`SELECT set_config('phongdich.bulk', 'on', true)`.execute(db)
}

export interface BulkAdmission {
  personId: number
  caseId: number | null
  facilityId: number
  bedKind: BedKind
  severity: string | null
  admittedOn: string
  status: 'active' | 'transferred' | 'discharged' | 'died'
  endedOn: string | null
  outcome: string | null
  /** Index in the same batch of the stay this one follows (a transfer). */
  fromIndex?: number | undefined
}

/** Writes stays (their person's and facility's paths and the facility's tier read in SQL); answers their ids in order. */
export async function insertAdmissionsBulk(db: Db, rows: BulkAdmission[]): Promise<number[]> {
  if (rows.length === 0) return []
  const { rows: ids } = await sql<{ id: number }>`
    INSERT INTO care_admissions (person_id, case_id, unit_path, facility_id, facility_path, tier, bed_kind, severity, admitted_on, status, ended_on, outcome)
    SELECT x.person_id, x.case_id, p.unit_path, f.id, f.unit_path, f.tier, x.bed_kind, x.severity, x.admitted_on, x.status, x.ended_on, x.outcome
      FROM jsonb_to_recordset(${JSON.stringify(
        rows.map((r, i) => ({ i, person_id: r.personId, case_id: r.caseId, facility_id: r.facilityId, bed_kind: r.bedKind, severity: r.severity, admitted_on: r.admittedOn, status: r.status, ended_on: r.endedOn, outcome: r.outcome })),
      )}::jsonb) AS x(i int, person_id bigint, case_id bigint, facility_id bigint, bed_kind text, severity text, admitted_on date, status text, ended_on date, outcome text)
      JOIN people p ON p.id = x.person_id
      JOIN care_facilities f ON f.id = x.facility_id
     ORDER BY x.i
    RETURNING id`.execute(db)
  const out = ids.map((r) => Number(r.id))
  const links = rows.flatMap((r, i) => (r.fromIndex === undefined ? [] : [{ from: out[r.fromIndex], next: out[i] }]))
  if (links.length > 0) {
    await sql`
      UPDATE care_admissions a SET next_admission_id = x.next FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS x("from" bigint, next bigint) WHERE a.id = x."from"`.execute(db)
    await sql`
      UPDATE care_admissions a SET from_admission_id = x."from" FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS x("from" bigint, next bigint) WHERE a.id = x.next`.execute(db)
  }
  return out
}

export interface BulkHome {
  personId: number
  caseId: number | null
  stationId: number
  ruleId: number
  facts: unknown
  grounds: string[]
  ageYears: number | null
  fullyVaccinated: boolean
  positiveOn: string
  startedOn: string
  status: 'active' | 'released' | 'admitted' | 'died'
  endedOn: string | null
  linkHash: string | null
}

export async function insertHomeBulk(db: Db, rows: BulkHome[]): Promise<number[]> {
  if (rows.length === 0) return []
  const { rows: ids } = await sql<{ id: number }>`
    INSERT INTO care_home_patients (person_id, case_id, unit_path, station_id, station_path, rule_id, facts, grounds, age_years, fully_vaccinated, positive_on, started_on, status, ended_on, link_hash, link_issued_at)
    SELECT x.person_id, x.case_id, p.unit_path, s.id, s.unit_path, x.rule_id, x.facts, ARRAY(SELECT jsonb_array_elements_text(x.grounds)), x.age_years, x.fully_vaccinated,
           x.positive_on, x.started_on, x.status, x.ended_on, x.link_hash, CASE WHEN x.link_hash IS NULL THEN NULL ELSE now() END
      FROM jsonb_to_recordset(${JSON.stringify(
        rows.map((r, i) => ({
          i,
          person_id: r.personId,
          case_id: r.caseId,
          station_id: r.stationId,
          rule_id: r.ruleId,
          facts: r.facts,
          grounds: r.grounds,
          age_years: r.ageYears,
          fully_vaccinated: r.fullyVaccinated,
          positive_on: r.positiveOn,
          started_on: r.startedOn,
          status: r.status,
          ended_on: r.endedOn,
          link_hash: r.linkHash,
        })),
      )}::jsonb) AS x(i int, person_id bigint, case_id bigint, station_id bigint, rule_id int, facts jsonb, grounds jsonb, age_years smallint, fully_vaccinated boolean,
                      positive_on date, started_on date, status text, ended_on date, link_hash text)
      JOIN people p ON p.id = x.person_id
      JOIN care_facilities s ON s.id = x.station_id
     ORDER BY x.i
    RETURNING id`.execute(db)
  return ids.map((r) => Number(r.id))
}

export interface BulkCheck {
  patientId: number
  checkedAt: string
  checkedOn: string
  spo2: number | null
  respiratoryRate: number | null
  temperature: number | null
  symptoms: string[]
  byPatient: boolean
  checkedBy: number | null
  warnings: unknown
}

export async function insertChecksBulk(db: Db, rows: BulkCheck[]): Promise<number[]> {
  if (rows.length === 0) return []
  const { rows: ids } = await sql<{ id: number }>`
    INSERT INTO care_home_checks (patient_id, checked_at, checked_on, spo2, respiratory_rate, temperature, symptoms, by_patient, checked_by, warnings)
    SELECT x.patient_id, x.checked_at, x.checked_on, x.spo2, x.respiratory_rate, x.temperature, ARRAY(SELECT jsonb_array_elements_text(x.symptoms)), x.by_patient, x.checked_by, x.warnings
      FROM jsonb_to_recordset(${JSON.stringify(
        rows.map((r, i) => ({
          i,
          patient_id: r.patientId,
          checked_at: r.checkedAt,
          checked_on: r.checkedOn,
          spo2: r.spo2,
          respiratory_rate: r.respiratoryRate,
          temperature: r.temperature,
          symptoms: r.symptoms,
          by_patient: r.byPatient,
          checked_by: r.checkedBy,
          warnings: r.warnings,
        })),
      )}::jsonb) AS x(i int, patient_id bigint, checked_at timestamptz, checked_on date, spo2 smallint, respiratory_rate smallint, temperature numeric, symptoms jsonb,
                      by_patient boolean, checked_by bigint, warnings jsonb)
     ORDER BY x.i
    RETURNING id`.execute(db)
  return ids.map((r) => Number(r.id))
}

export interface BulkEscalation {
  patientId: number
  checkId: number
  warnings: unknown
  openedAt: string
  dueAt: string
  closedAt: string | null
  closedBy: number | null
  resolution: string | null
  note: string | null
}

export async function insertEscalationsBulk(db: Db, rows: BulkEscalation[]): Promise<void> {
  if (rows.length === 0) return
  await sql`
    INSERT INTO care_escalations (patient_id, check_id, unit_path, station_path, warnings, opened_at, due_at, status, closed_at, closed_by, resolution, note)
    SELECT x.patient_id, x.check_id, h.unit_path, h.station_path, x.warnings, x.opened_at, x.due_at, CASE WHEN x.closed_at IS NULL THEN 'open' ELSE 'closed' END,
           x.closed_at, x.closed_by, x.resolution, x.note
      FROM jsonb_to_recordset(${JSON.stringify(
        rows.map((r) => ({
          patient_id: r.patientId,
          check_id: r.checkId,
          warnings: r.warnings,
          opened_at: r.openedAt,
          due_at: r.dueAt,
          closed_at: r.closedAt,
          closed_by: r.closedBy,
          resolution: r.resolution,
          note: r.note,
        })),
      )}::jsonb) AS x(patient_id bigint, check_id bigint, warnings jsonb, opened_at timestamptz, due_at timestamptz, closed_at timestamptz, closed_by bigint, resolution text, note text)
      JOIN care_home_patients h ON h.id = x.patient_id`.execute(db)
}

/** The F0 of the province (confirmed or probable) with what the demo needs to place them in care, in id order. */
export async function casesForCare(db: Db, provincePath: string) {
  const { rows } = await sql<{
    caseId: number
    personId: number
    communeCode: string
    severity: string | null
    firstDay: string | null
    confirmedDate: string | null
    outcome: string | null
    outcomeDate: string | null
    birthYear: number | null
  }>`
    SELECT c.id AS "caseId", c.person_id AS "personId", split_part(split_part(c.unit_path, '/', 3), ':', 2) AS "communeCode", c.severity,
           COALESCE(c.sample_date, c.confirmed_date, c.onset_date)::text AS "firstDay", c.confirmed_date::text AS "confirmedDate",
           c.outcome, c.outcome_date::text AS "outcomeDate", p.birth_year AS "birthYear"
      FROM cases c JOIN people p ON p.id = c.person_id
     WHERE c.classification IN ('confirmed','probable') AND c.unit_path LIKE ${likePrefix(provincePath)}
     ORDER BY c.id`.execute(db)
  return rows.map((r) => ({ ...r, caseId: Number(r.caseId), personId: Number(r.personId) }))
}

/** A user by name (the demo's named closers of escalation tasks). */
export async function userIdByName(db: Db, username: string): Promise<number | null> {
  const r = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()
  return r?.id ?? null
}

/** Whether any facility exists under a path (the demo step runs once). */
export async function anyFacilityUnder(db: Db, path: string): Promise<boolean> {
  return !!(await db.selectFrom('careFacilities').select('id').where('unitPath', 'like', likePrefix(path)).limit(1).executeTakeFirst())
}
