import { type Insertable, type Kysely, sql } from 'kysely'
import { type Access, likePrefix, withinJurisdiction } from '../../platform/context.ts'
import type { DB, InspectionPlansTable, InspectionsTable, RecognitionsTable, ViolationsTable } from '../../platform/schema.ts'

// Every query answering a caller filters by the caller's jurisdiction in SQL, on the row's unit_path
// (the facility's unit for inspections and violations, the body's or person's unit for records).
type Db = Kysely<DB>

export async function insertPlan(db: Db, v: Insertable<InspectionPlansTable>): Promise<number> {
  return (await db.insertInto('inspectionPlans').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export function findPlan(db: Db, access: Access, id: number) {
  return db.selectFrom('inspectionPlans').selectAll().where('id', '=', id).where(withinJurisdiction(access, 'unitPath')).executeTakeFirst()
}

/** Plans under a unit, with how many visits each has recorded, newest first, a page at a time. */
export function listPlans(db: Db, access: Access, q: { unitPath: string; limit: number; offset: number }) {
  return db
    .selectFrom('inspectionPlans as p')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .select(['p.id', 'p.title', 'p.team', 'p.startsOn', 'p.endsOn', 'p.note', 'u.code as unitCode', 'u.name as unitName'])
    .select((eb) => eb.selectFrom('inspections as i').whereRef('i.planId', '=', 'p.id').select(eb.fn.countAll<string>().as('n')).as('visits'))
    .where(withinJurisdiction(access, 'p.unitPath'))
    .where('p.unitPath', 'like', likePrefix(q.unitPath))
    .orderBy('p.startsOn', 'desc')
    .orderBy('p.id', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute()
}

export async function insertInspection(db: Db, v: Insertable<InspectionsTable>): Promise<number> {
  return (await db.insertInto('inspections').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export function findInspection(db: Db, access: Access, id: number) {
  return db
    .selectFrom('inspections as i')
    .innerJoin('safetyFacilities as f', 'f.id', 'i.facilityId')
    .select(['i.id', 'i.planId', 'i.facilityId', 'f.name as facilityName', 'i.unitPath', 'i.visitedOn', 'i.inspectors', 'i.assessmentId', 'i.band', 'i.note'])
    .where('i.id', '=', id)
    .where(withinJurisdiction(access, 'i.unitPath'))
    .executeTakeFirst()
}

export function inspectionsOfFacility(db: Db, access: Access, facilityId: number) {
  return db
    .selectFrom('inspections')
    .select(['id', 'planId', 'visitedOn', 'inspectors', 'band', 'assessmentId', 'note'])
    .where('facilityId', '=', facilityId)
    .where(withinJurisdiction(access, 'unitPath'))
    .orderBy('visitedOn', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute()
}

export async function insertViolation(db: Db, v: Insertable<ViolationsTable>): Promise<number> {
  return (await db.insertInto('violations').values(v).returning('id').executeTakeFirstOrThrow()).id
}

const violationColumns = [
  'v.id',
  'v.inspectionId',
  'v.facilityId',
  'f.name as facilityName',
  'v.unitPath',
  'v.description',
  'v.legalBasis',
  'v.responsibleName',
  'v.responsibleTitle',
  'v.sanction',
  'v.fineAmount',
  'v.sanctionNote',
  'v.dueOn',
  'v.status',
  'v.closedOn',
  'v.createdAt',
] as const

export async function findViolation(db: Db, access: Access, id: number, forUpdate = false) {
  if (forUpdate) await db.selectFrom('violations').select('id').where('id', '=', id).forUpdate().executeTakeFirst()
  return db
    .selectFrom('violations as v')
    .innerJoin('safetyFacilities as f', 'f.id', 'v.facilityId')
    .select(violationColumns)
    .where('v.id', '=', id)
    .where(withinJurisdiction(access, 'v.unitPath'))
    .executeTakeFirst()
}

/** Violations under a unit, open ones first by due date, a page at a time, with the total. */
export async function listViolations(db: Db, access: Access, q: { unitPath: string; status?: 'open' | 'closed' | undefined; limit: number; offset: number }) {
  let base = db.selectFrom('violations as v').where(withinJurisdiction(access, 'v.unitPath')).where('v.unitPath', 'like', likePrefix(q.unitPath))
  if (q.status) base = base.where('v.status', '=', q.status)
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .innerJoin('safetyFacilities as f', 'f.id', 'v.facilityId')
      .select(violationColumns)
      .orderBy(sql`v.status = 'closed'`)
      .orderBy(sql`v.due_on NULLS LAST`)
      .orderBy('v.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
  ])
  return { total: Number(count.n), rows }
}

export async function closeViolation(db: Db, id: number, on: string): Promise<void> {
  await db.updateTable('violations').set({ status: 'closed', closedOn: on, updatedAt: new Date() }).where('id', '=', id).execute()
}

export async function insertFollowup(db: Db, v: { violationId: number; unitPath: string; onDate: string; note: string; closes: boolean; createdBy: number | null }): Promise<number> {
  return (await db.insertInto('violationFollowups').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export function followupsOf(db: Db, violationId: number) {
  return db.selectFrom('violationFollowups').select(['id', 'onDate', 'note', 'closes']).where('violationId', '=', violationId).orderBy('onDate').orderBy('id').execute()
}

export async function insertRecognition(db: Db, v: Insertable<RecognitionsTable>): Promise<number> {
  return (await db.insertInto('recognitions').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export function listRecognitions(db: Db, access: Access, q: { unitPath: string; kind?: 'commendation' | 'discipline' | undefined; limit: number; offset: number }) {
  let query = db
    .selectFrom('recognitions as r')
    .leftJoin('orgs as o', 'o.id', 'r.orgId')
    .select(['r.id', 'r.kind', 'r.orgId', 'o.name as orgName', 'r.personName', 'r.personTitle', 'r.form', 'r.reason', 'r.decisionRef', 'r.decidedOn', 'r.unitPath'])
    .where(withinJurisdiction(access, 'r.unitPath'))
    .where('r.unitPath', 'like', likePrefix(q.unitPath))
  if (q.kind) query = query.where('r.kind', '=', q.kind)
  return query.orderBy('r.decidedOn', 'desc').orderBy('r.id', 'desc').limit(q.limit).offset(q.offset).execute()
}

/** Per body under a unit: commendations and discipline counted in SQL (the emulation view). */
export function emulationByBody(db: Db, access: Access, unitPath: string) {
  return db
    .selectFrom('recognitions as r')
    .innerJoin('orgs as o', 'o.id', 'r.orgId')
    .select([
      'o.id as orgId',
      'o.name as orgName',
      sql<number>`count(*) FILTER (WHERE r.kind = 'commendation')::int`.as('commendations'),
      sql<number>`count(*) FILTER (WHERE r.kind = 'discipline')::int`.as('disciplines'),
      sql<string>`max(r.decided_on)::text`.as('latest'),
    ])
    .where(withinJurisdiction(access, 'r.unitPath'))
    .where('r.unitPath', 'like', likePrefix(unitPath))
    .groupBy(['o.id', 'o.name'])
    .orderBy('o.name')
    .limit(1000)
    .execute()
}

/** A body inside the caller's jurisdiction, with its unit. */
export function findOrg(db: Db, access: Access, id: number) {
  return db
    .selectFrom('orgs as o')
    .innerJoin('units as u', 'u.id', 'o.unitId')
    .select(['o.id', 'o.name', 'u.id as unitId', 'u.path as unitPath'])
    .where('o.id', '=', id)
    .where(withinJurisdiction(access, 'u.path'))
    .executeTakeFirst()
}
