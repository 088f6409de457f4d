import { type Insertable, type Kysely, type Updateable, sql } from 'kysely'
import { type Access, likePrefix, withinJurisdiction } from '../../platform/context.ts'
import type {
  DB,
  EntryAccountableHeadsTable,
  EntryArrivalsTable,
  EntryCheckpointsTable,
  EntryIllegalCasesTable,
  EntryIllegalStepsTable,
  EntryPortsTable,
  EntryZonesTable,
} from '../../platform/schema.ts'

// Every query answering a caller takes the caller's Access and filters in SQL: arrivals,
// checkpoints and illegal-entry cases by the path of their commune; zones and ports (the
// province's reference data, nothing personal) by the caller's province.
type Db = Kysely<DB>

/** The path of the province a path lies in ('/2025:91/'), or '/' for the whole registry. */
export function provincePrefix(path: string): string {
  const parts = path.split('/').filter(Boolean)
  return parts.length === 0 ? '/' : `/${parts[0]}/`
}

// --- Zones and ports -----------------------------------------------------------------------------

export function listZones(db: Db, access: Access, f: { at?: string | undefined }) {
  let q = db
    .selectFrom('entryZones as z')
    .leftJoin('units as u', 'u.id', 'z.zoneUnitId')
    .select([
      'z.id',
      'z.placeName',
      'z.validFrom',
      'z.validTo',
      'z.measure',
      'z.monitoringDays',
      'z.source',
      'z.confidence',
      'z.note',
      'u.code as zoneUnitCode',
      'u.name as zoneUnitName',
    ])
    .where('z.ownerPath', 'like', likePrefix(provincePrefix(access.unitPath)))
  if (f.at) q = q.where('z.validFrom', '<=', f.at).where((eb) => eb.or([eb('z.validTo', 'is', null), eb('z.validTo', '>=', f.at!)]))
  return q.orderBy('z.validFrom', 'desc').orderBy('z.id', 'desc').limit(2000).execute()
}

export function findZone(db: Db, access: Access, id: number) {
  return db.selectFrom('entryZones').selectAll().where('id', '=', id).where(withinJurisdiction(access, 'ownerPath')).executeTakeFirst()
}

export async function insertZone(db: Db, v: Insertable<EntryZonesTable>): Promise<number> {
  return (await db.insertInto('entryZones').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export async function updateZone(db: Db, id: number, v: Updateable<EntryZonesTable>): Promise<void> {
  await db.updateTable('entryZones').set({ ...v, updatedAt: sql`now()` }).where('id', '=', id).execute()
}

/** The zones the province holding `stayPath` keeps, in force on `day`, that contain the unit at `originPath`. */
export function zoneInForce(db: Db, stayPath: string, originPath: string, day: string) {
  return db
    .selectFrom('entryZones')
    .select(['id', 'placeName', 'measure', 'monitoringDays', 'source'])
    .where('ownerPath', 'like', likePrefix(provincePrefix(stayPath)))
    .where('zonePath', 'is not', null)
    .where(sql<boolean>`${originPath} LIKE zone_path || '%'`)
    .where('validFrom', '<=', day)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', day)]))
    .orderBy(sql`CASE measure WHEN 'facility' THEN 0 WHEN 'home' THEN 1 ELSE 2 END`)
    .orderBy('validFrom', 'desc')
    .executeTakeFirst()
}

export function zonesByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('entryZones').select(['id', 'placeName', 'measure', 'monitoringDays', 'source']).where('id', '=', sql<number>`ANY(${ids}::int[])`).execute()
}

/** The ports of the province of `path` (reference data). */
export function listPorts(db: Db, path: string) {
  return db
    .selectFrom('entryPorts as p')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .select(['p.id', 'p.code', 'p.name', 'p.kind', 'p.lon', 'p.lat', 'p.active', 'p.source', 'p.note', 'u.code as unitCode', 'u.name as unitName'])
    .where('p.unitPath', 'like', likePrefix(provincePrefix(path)))
    .orderBy('p.kind')
    .orderBy('p.name')
    .limit(1000)
    .execute()
}

export function findPort(db: Db, path: string, id: number) {
  return db.selectFrom('entryPorts').selectAll().where('id', '=', id).where('unitPath', 'like', likePrefix(provincePrefix(path))).executeTakeFirst()
}

export async function insertPort(db: Db, v: Insertable<EntryPortsTable>): Promise<number> {
  return (await db.insertInto('entryPorts').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export async function updatePort(db: Db, id: number, v: Updateable<EntryPortsTable>): Promise<void> {
  await db.updateTable('entryPorts').set(v).where('id', '=', id).execute()
}

export function portCodeTaken(db: Db, code: string) {
  return db.selectFrom('entryPorts').select('id').where('code', '=', code).executeTakeFirst()
}

// --- Arrivals ------------------------------------------------------------------------------------

export async function insertArrival(db: Db, v: Insertable<EntryArrivalsTable>): Promise<number> {
  return (await db.insertInto('entryArrivals').values(v).returning('id').executeTakeFirstOrThrow()).id
}

function arrivalQuery(db: Db) {
  return db
    .selectFrom('entryArrivals as a')
    .innerJoin('units as u', 'u.id', 'a.unitId')
    .leftJoin('entryPorts as p', 'p.id', 'a.portId')
    .leftJoin('units as ou', 'ou.id', 'a.originUnitId')
    .leftJoin('quarantinePlacements as qp', 'qp.id', 'a.placementId')
    .leftJoin('quarantineFacilities as qf', 'qf.id', 'qp.facilityId')
    .select([
      'a.id',
      'a.unitPath',
      'a.stayAddress',
      'a.declaredBy',
      'a.declarantName',
      'a.fullName',
      'a.birthYear',
      'a.sex',
      'a.nationalId',
      'a.passportNo',
      'a.nationality',
      'a.phone',
      'a.originKind',
      'a.originCountry',
      'a.originPlace',
      'a.zoneId',
      'a.arrivedOn',
      'a.transport',
      'a.vaccinated',
      'a.personId',
      'a.status',
      'a.placementId',
      'a.monitoringUntil',
      'a.createdAt',
      'u.code as unitCode',
      'u.name as unitName',
      'p.id as portId',
      'p.name as portName',
      'p.kind as portKind',
      'ou.code as originUnitCode',
      'ou.name as originUnitName',
      'qp.setting as placementSetting',
      'qp.plannedEnd as placementEnd',
      'qf.name as facilityName',
    ])
}
export type ArrivalRow = Awaited<ReturnType<ReturnType<typeof arrivalQuery>['executeTakeFirstOrThrow']>>

export interface ArrivalFilter {
  unitPath: string
  from?: string | undefined
  to?: string | undefined
  status?: string | undefined
  originKind?: 'abroad' | 'domestic' | undefined
  limit: number
  offset: number
}

export function listArrivals(db: Db, access: Access, f: ArrivalFilter) {
  let q = arrivalQuery(db).where(withinJurisdiction(access, 'a.unitPath')).where('a.unitPath', 'like', likePrefix(f.unitPath))
  if (f.from) q = q.where('a.arrivedOn', '>=', f.from)
  if (f.to) q = q.where('a.arrivedOn', '<=', f.to)
  if (f.status) q = q.where('a.status', '=', f.status as never)
  if (f.originKind) q = q.where('a.originKind', '=', f.originKind)
  return q.orderBy('a.arrivedOn', 'desc').orderBy('a.id', 'desc').limit(f.limit).offset(f.offset).execute()
}

export function findArrival(db: Db, access: Access, id: number) {
  return arrivalQuery(db).where('a.id', '=', id).where(withinJurisdiction(access, 'a.unitPath')).executeTakeFirst()
}

export function lockArrival(db: Db, access: Access, id: number) {
  return db.selectFrom('entryArrivals').selectAll().where('id', '=', id).where(withinJurisdiction(access, 'unitPath')).forUpdate().executeTakeFirst()
}

export async function updateArrival(db: Db, id: number, v: Updateable<EntryArrivalsTable>): Promise<void> {
  await db.updateTable('entryArrivals').set(v).where('id', '=', id).execute()
}

export async function countArrivals(db: Db): Promise<number> {
  return Number((await db.selectFrom('entryArrivals').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
}

// --- Checkpoints ---------------------------------------------------------------------------------

export async function insertCheckpoint(db: Db, v: Insertable<EntryCheckpointsTable>): Promise<number> {
  return (await db.insertInto('entryCheckpoints').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export function checkpointNameTaken(db: Db, unitId: string, name: string) {
  return db.selectFrom('entryCheckpoints').select('id').where('unitId', '=', unitId).where('name', '=', name).executeTakeFirst()
}

function checkpointQuery(db: Db) {
  return db
    .selectFrom('entryCheckpoints as c')
    .innerJoin('units as u', 'u.id', 'c.unitId')
    .leftJoin('orgs as o', 'o.id', 'c.orgId')
    .select(['c.id', 'c.name', 'c.unitPath', 'c.location', 'c.lon', 'c.lat', 'c.active', 'c.orgId', 'o.name as orgName', 'u.code as unitCode', 'u.name as unitName'])
}

/** Checkpoints under `unitPath` in the caller's jurisdiction, with the log of `day` and the staff on duty that day. */
export async function listCheckpoints(db: Db, access: Access, f: { unitPath: string; day: string; active?: boolean | undefined; limit: number; offset: number }) {
  let q = checkpointQuery(db)
    .leftJoin('entryCheckpointLogs as l', (j) => j.onRef('l.checkpointId', '=', 'c.id').on('l.day', '=', f.day))
    .select(['l.peopleChecked', 'l.vehiclesChecked', 'l.sentToQuarantine'])
    .select((eb) =>
      eb
        .selectFrom('entryCheckpointStaff as s')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('s.checkpointId', '=', 'c.id')
        .where('s.fromOn', '<=', f.day)
        .where((w) => w.or([w('s.toOn', 'is', null), w('s.toOn', '>=', f.day)]))
        .as('staffOnDuty'),
    )
    .where(withinJurisdiction(access, 'c.unitPath'))
    .where('c.unitPath', 'like', likePrefix(f.unitPath))
  if (f.active !== undefined) q = q.where('c.active', '=', f.active)
  return q.orderBy('u.name').orderBy('c.name').limit(f.limit).offset(f.offset).execute()
}

export function findCheckpoint(db: Db, access: Access, id: number) {
  return checkpointQuery(db).where('c.id', '=', id).where(withinJurisdiction(access, 'c.unitPath')).executeTakeFirst()
}

export function lockCheckpoint(db: Db, access: Access, id: number) {
  return db.selectFrom('entryCheckpoints').selectAll().where('id', '=', id).where(withinJurisdiction(access, 'unitPath')).forUpdate().executeTakeFirst()
}

export async function updateCheckpoint(db: Db, id: number, v: Updateable<EntryCheckpointsTable>): Promise<void> {
  await db.updateTable('entryCheckpoints').set(v).where('id', '=', id).execute()
}

export async function setCheckpointActive(db: Db, id: number, active: boolean): Promise<void> {
  await db.updateTable('entryCheckpoints').set({ active }).where('id', '=', id).execute()
}

export async function insertCheckpointEvent(db: Db, v: { checkpointId: number; action: 'activate' | 'deactivate'; onDay: string; decision: string | null; byUser: number | null }) {
  await db.insertInto('entryCheckpointEvents').values(v).execute()
}

export function checkpointEvents(db: Db, id: number) {
  return db.selectFrom('entryCheckpointEvents').select(['id', 'action', 'onDay', 'decision', 'createdAt']).where('checkpointId', '=', id).orderBy('onDay', 'desc').orderBy('id', 'desc').limit(200).execute()
}

export async function insertStaff(db: Db, v: { checkpointId: number; name: string; role: string; orgId: number | null; phone: string | null; fromOn: string; toOn: string | null }): Promise<number> {
  return (await db.insertInto('entryCheckpointStaff').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export function staffOf(db: Db, id: number) {
  return db
    .selectFrom('entryCheckpointStaff as s')
    .leftJoin('orgs as o', 'o.id', 's.orgId')
    .select(['s.id', 's.name', 's.role', 's.phone', 's.fromOn', 's.toOn', 's.orgId', 'o.name as orgName'])
    .where('s.checkpointId', '=', id)
    .orderBy('s.fromOn', 'desc')
    .limit(500)
    .execute()
}

/** A staff period of a checkpoint, locked (the checkpoint was found in the caller's jurisdiction). */
export function lockStaff(db: Db, checkpointId: number, id: number) {
  return db.selectFrom('entryCheckpointStaff').selectAll().where('id', '=', id).where('checkpointId', '=', checkpointId).forUpdate().executeTakeFirst()
}

export async function updateStaff(db: Db, id: number, v: { role?: string; phone?: string | null; orgId?: number | null; fromOn?: string; toOn?: string | null }): Promise<void> {
  await db.updateTable('entryCheckpointStaff').set(v).where('id', '=', id).execute()
}

export async function upsertLog(db: Db, v: { checkpointId: number; unitPath: string; day: string; peopleChecked: number; vehiclesChecked: number; sentToQuarantine: number; note: string | null; byUser: number | null }) {
  await db
    .insertInto('entryCheckpointLogs')
    .values(v)
    .onConflict((oc) =>
      oc.columns(['checkpointId', 'day']).doUpdateSet({
        peopleChecked: v.peopleChecked,
        vehiclesChecked: v.vehiclesChecked,
        sentToQuarantine: v.sentToQuarantine,
        note: v.note,
        byUser: v.byUser,
        updatedAt: sql`now()`,
      }),
    )
    .execute()
}

export function logsOf(db: Db, id: number, from: string, to: string) {
  return db
    .selectFrom('entryCheckpointLogs')
    .select(['day', 'peopleChecked', 'vehiclesChecked', 'sentToQuarantine', 'note'])
    .where('checkpointId', '=', id)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day', 'desc')
    .execute()
}

// --- Illegal entry -------------------------------------------------------------------------------

export async function insertCase(db: Db, v: Insertable<EntryIllegalCasesTable>): Promise<number> {
  return (await db.insertInto('entryIllegalCases').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export async function countCases(db: Db): Promise<number> {
  return Number((await db.selectFrom('entryIllegalCases').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
}

function caseQuery(db: Db) {
  return db
    .selectFrom('entryIllegalCases as c')
    .innerJoin('units as u', 'u.id', 'c.unitId')
    .leftJoin('orgs as o', 'o.id', 'c.reporterOrgId')
    .select([
      'c.id',
      'c.unitPath',
      'c.point',
      'c.lon',
      'c.lat',
      'c.occurredAt',
      'c.reportedBy',
      'c.reporterName',
      'c.reporterPhone',
      'c.peopleCount',
      'c.crossing',
      'c.crossingNote',
      'c.guidedBy',
      'c.shelteredBy',
      'c.foundLiving',
      'c.description',
      'c.stage',
      'c.outcome',
      'c.createdAt',
      'o.id as reporterOrgId',
      'o.name as reporterOrgName',
      'u.id as unitId',
      'u.code as unitCode',
      'u.name as unitName',
    ])
}
export type CaseRow = Awaited<ReturnType<ReturnType<typeof caseQuery>['executeTakeFirstOrThrow']>>

export function listCases(
  db: Db,
  access: Access,
  f: { unitPath: string; from?: string | undefined; to?: string | undefined; stage?: string | undefined; limit: number; offset: number },
) {
  let q = caseQuery(db)
    .select((eb) => eb.selectFrom('entryIllegalPeople as ip').select(sql<number>`count(*)::int`.as('n')).whereRef('ip.caseId', '=', 'c.id').as('known'))
    .where(withinJurisdiction(access, 'c.unitPath'))
    .where('c.unitPath', 'like', likePrefix(f.unitPath))
  if (f.from) q = q.where('c.occurredAt', '>=', sql<Date>`(${f.from}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`)
  if (f.to) q = q.where('c.occurredAt', '<', sql<Date>`(${f.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`)
  if (f.stage) q = q.where('c.stage', '=', f.stage as never)
  return q.orderBy('c.occurredAt', 'desc').orderBy('c.id', 'desc').limit(f.limit).offset(f.offset).execute()
}

export function findCase(db: Db, access: Access, id: number) {
  return caseQuery(db).where('c.id', '=', id).where(withinJurisdiction(access, 'c.unitPath')).executeTakeFirst()
}

export function lockCase(db: Db, access: Access, id: number) {
  return db.selectFrom('entryIllegalCases').selectAll().where('id', '=', id).where(withinJurisdiction(access, 'unitPath')).forUpdate().executeTakeFirst()
}

export async function updateCase(db: Db, id: number, v: Updateable<EntryIllegalCasesTable>): Promise<void> {
  await db.updateTable('entryIllegalCases').set(v).where('id', '=', id).execute()
}

export function stepsOf(db: Db, caseId: number) {
  return db
    .selectFrom('entryIllegalSteps as s')
    .innerJoin('orgs as o', 'o.id', 's.orgId')
    .leftJoin('orgs as t', 't.id', 's.toOrgId')
    .select(['s.id', 's.step', 's.at', 's.outcome', 's.note', 'o.id as orgId', 'o.name as orgName', 't.id as toOrgId', 't.name as toOrgName'])
    .where('s.caseId', '=', caseId)
    .orderBy('s.at')
    .orderBy('s.id')
    .execute()
}

export async function insertStep(db: Db, v: Insertable<EntryIllegalStepsTable>): Promise<void> {
  await db.insertInto('entryIllegalSteps').values(v).execute()
}

export function peopleOf(db: Db, caseId: number) {
  return db
    .selectFrom('entryIllegalPeople as ip')
    .innerJoin('people as p', 'p.id', 'ip.personId')
    .leftJoin('quarantinePlacements as qp', 'qp.id', 'ip.placementId')
    .leftJoin('quarantineFacilities as qf', 'qf.id', 'qp.facilityId')
    .select([
      'ip.personId',
      'p.fullName',
      'p.birthYear',
      'p.sex',
      'p.nationality',
      'p.unitPath',
      'ip.placementId',
      'qp.startOn as placedOn',
      'qp.plannedEnd',
      'qf.id as facilityId',
      'qf.name as facilityName',
    ])
    .where('ip.caseId', '=', caseId)
    .orderBy('ip.id')
    .limit(1000)
    .execute()
}

export async function linkPerson(db: Db, v: { caseId: number; personId: number; unitPath: string }): Promise<boolean> {
  const r = await db.insertInto('entryIllegalPeople').values(v).onConflict((oc) => oc.columns(['caseId', 'personId']).doNothing()).executeTakeFirst()
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0
}

export function linkedPerson(db: Db, caseId: number, personId: number) {
  return db.selectFrom('entryIllegalPeople').select(['id', 'placementId']).where('caseId', '=', caseId).where('personId', '=', personId).executeTakeFirst()
}

export async function setPersonPlacement(db: Db, caseId: number, personId: number, placementId: number): Promise<void> {
  await db.updateTable('entryIllegalPeople').set({ placementId }).where('caseId', '=', caseId).where('personId', '=', personId).execute()
}

/** A body of the province of `path` (any body of the province may act on a case there): its name, unit and head. */
export function orgInProvince(db: Db, path: string, id: number) {
  return db
    .selectFrom('orgs as o')
    .innerJoin('units as u', 'u.id', 'o.unitId')
    .select(['o.id', 'o.name', 'o.kind', 'o.headName', 'o.headPosition', 'u.id as unitId', 'u.path as unitPath'])
    .where('o.id', '=', id)
    .where('u.path', 'like', likePrefix(provincePrefix(path)))
    .executeTakeFirst()
}

/** The People's Committee (else the steering committee) of the unit: the local head answerable for it. */
export function localHeadBody(db: Db, unitId: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'headName', 'headPosition'])
    .where('unitId', '=', unitId)
    .where('kind', 'in', ['peoples_committee', 'steering_committee'])
    .where('headName', 'is not', null)
    .where('validTo', 'is', null)
    .orderBy(sql`CASE kind WHEN 'peoples_committee' THEN 0 ELSE 1 END`)
    .orderBy('id')
    .executeTakeFirst()
}

export async function insertHead(db: Db, v: Insertable<EntryAccountableHeadsTable>): Promise<void> {
  await db.insertInto('entryAccountableHeads').values(v).onConflict((oc) => oc.columns(['caseId', 'orgId']).doNothing()).execute()
}

export function headsOf(db: Db, caseId: number) {
  return db.selectFrom('entryAccountableHeads').select(['id', 'orgId', 'headName', 'headPosition', 'reason', 'recordedOn']).where('caseId', '=', caseId).orderBy('id').execute()
}

export function listHeads(db: Db, access: Access, f: { unitPath: string; limit: number; offset: number }) {
  return db
    .selectFrom('entryAccountableHeads as h')
    .innerJoin('units as u', 'u.id', 'h.unitId')
    .leftJoin('orgs as o', 'o.id', 'h.orgId')
    .innerJoin('entryIllegalCases as c', 'c.id', 'h.caseId')
    .select(['h.id', 'h.caseId', 'h.headName', 'h.headPosition', 'h.reason', 'h.recordedOn', 'o.name as orgName', 'u.code as unitCode', 'u.name as unitName', 'c.peopleCount', 'c.occurredAt'])
    .where(withinJurisdiction(access, 'h.unitPath'))
    .where('h.unitPath', 'like', likePrefix(f.unitPath))
    .orderBy('h.recordedOn', 'desc')
    .orderBy('h.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute()
}

export interface WeekCountRow {
  unitCode: string
  unitName: string
  border: boolean
  week: string
  cases: number
  people: number
}

/**
 * Cases and people per commune and week (Monday, Vietnam time) under `unitPath` in the caller's
 * jurisdiction, counted in SQL; the communes holding a border gate or crossing are listed even
 * in weeks without a case.
 */
export async function weeklyCounts(db: Db, access: Access, unitPath: string, from: string, to: string): Promise<WeekCountRow[]> {
  const r = await sql<WeekCountRow>`
    WITH c AS (
      SELECT unit_id, date_trunc('week', occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS week, count(*)::int AS cases, sum(people_count)::int AS people
        FROM entry_illegal_cases
       WHERE unit_path LIKE ${likePrefix(unitPath)} AND unit_path LIKE ${likePrefix(access.unitPath)}
         AND occurred_at >= (${from}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
         AND occurred_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
       GROUP BY 1, 2
    ), b AS (
      SELECT DISTINCT unit_id FROM entry_ports
       WHERE kind IN ('border_gate','crossing') AND unit_path LIKE ${likePrefix(unitPath)} AND unit_path LIKE ${likePrefix(access.unitPath)}
    ), units_of AS (
      SELECT unit_id FROM c UNION SELECT unit_id FROM b
    )
    SELECT u.code AS "unitCode", u.name AS "unitName", (b.unit_id IS NOT NULL) AS border,
           to_char(c.week, 'YYYY-MM-DD') AS week, COALESCE(c.cases, 0) AS cases, COALESCE(c.people, 0) AS people
      FROM units_of x JOIN units u ON u.id = x.unit_id
      LEFT JOIN b ON b.unit_id = x.unit_id
      LEFT JOIN c ON c.unit_id = x.unit_id
     ORDER BY u.name, c.week`.execute(db)
  return r.rows
}

/** Cases with a point and the counts per commune, for the map (bounded). */
export function mapCases(db: Db, access: Access, unitPath: string, from: string, to: string) {
  return db
    .selectFrom('entryIllegalCases as c')
    .innerJoin('units as u', 'u.id', 'c.unitId')
    .select(['c.id', 'c.lon', 'c.lat', 'c.peopleCount', 'c.stage', 'c.occurredAt', 'c.point', 'u.code as unitCode', 'u.name as unitName'])
    .where(withinJurisdiction(access, 'c.unitPath'))
    .where('c.unitPath', 'like', likePrefix(unitPath))
    .where('c.occurredAt', '>=', sql<Date>`(${from}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`)
    .where('c.occurredAt', '<', sql<Date>`(${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`)
    .where('c.lon', 'is not', null)
    .orderBy('c.occurredAt', 'desc')
    .limit(5000)
    .execute()
}

export function communeBoundaries(db: Db, codes: string[], day: string) {
  if (codes.length === 0) return Promise.resolve([])
  return db
    .selectFrom('units as u')
    .innerJoin('unitBoundaries as b', 'b.unitId', 'u.id')
    .select(['u.code', 'u.name', 'b.geometry'])
    .where('u.code', '=', sql<string>`ANY(${codes}::text[])`)
    .where('u.level', '=', 'commune')
    .where((eb) => eb.or([eb('u.validFrom', 'is', null), eb('u.validFrom', '<=', day)]))
    .where((eb) => eb.or([eb('u.validTo', 'is', null), eb('u.validTo', '>=', day)]))
    .execute()
}

// --- Public forms (reference data and the repeat check) -------------------------------------------

/** A declaration already received: the same person (name and phone), day and commune. */
export function sameDeclaration(db: Db, v: { unitId: string; arrivedOn: string; fullName: string; phone: string | null }) {
  return db
    .selectFrom('entryArrivals')
    .select('id')
    .where('unitId', '=', v.unitId)
    .where('arrivedOn', '=', v.arrivedOn)
    .where('fullName', '=', v.fullName)
    .where((eb) => (v.phone ? eb('phone', '=', v.phone) : eb('phone', 'is', null)))
    .executeTakeFirst()
}

export async function unitCodeOf(db: Db, unitId: string): Promise<string> {
  return (await db.selectFrom('units').select('code').where('id', '=', unitId).executeTakeFirstOrThrow()).code
}

export function communesOf(db: Db, provinceId: string) {
  return db.selectFrom('units').select(['code', 'name']).where('parentId', '=', provinceId).where('level', '=', 'commune').orderBy('nameSort').orderBy('name').execute()
}

export function provincesOf(db: Db, period: string) {
  return db.selectFrom('units').select(['code', 'name']).where('level', '=', 'province').where('period', '=', period).orderBy('nameSort').orderBy('name').execute()
}

export function zonesOwnedInForce(db: Db, provinceId: string, day: string) {
  return db
    .selectFrom('entryZones')
    .select(['placeName', 'validFrom', 'validTo', 'measure'])
    .where('ownerUnitId', '=', provinceId)
    .where('validFrom', '<=', day)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', day)]))
    .orderBy('placeName')
    .limit(500)
    .execute()
}
