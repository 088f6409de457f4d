import { type Insertable, type Kysely, sql } from 'kysely'
import { type Access, likePrefix, withinJurisdiction } from '../../platform/context.ts'
import { visibleDirective } from '../directives/repo.ts'
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

/** A visit of a plan inside the caller's jurisdiction, locked, with its facility's name. */
export function lockVisit(db: Db, access: Access, planId: number, visitId: number) {
  return db
    .selectFrom('inspectionVisits as v')
    .innerJoin('safetyFacilities as f', 'f.id', 'v.facilityId')
    .select(['v.id', 'v.inspectionId', 'f.name as facilityName'])
    .where('v.id', '=', visitId)
    .where('v.planId', '=', planId)
    .where(withinJurisdiction(access, 'v.unitPath'))
    .forUpdate('v')
    .executeTakeFirst()
}

export async function deleteVisit(db: Db, id: number): Promise<void> {
  await db.deleteFrom('inspectionVisits').where('id', '=', id).execute()
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

/** A plan with its unit, inside the caller's jurisdiction. */
export function planWithUnit(db: Db, access: Access, id: number) {
  return db
    .selectFrom('inspectionPlans as p')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .select(['p.id', 'p.title', 'p.team', 'p.startsOn', 'p.endsOn', 'p.note', 'p.unitPath', 'u.code as unitCode', 'u.name as unitName', 'u.unitType'])
    .where('p.id', '=', id)
    .where(withinJurisdiction(access, 'p.unitPath'))
    .executeTakeFirst()
}

/** Of `ids`, the active facilities under `areaPath` inside the caller's jurisdiction. */
export async function facilitiesIn(db: Db, access: Access, ids: number[], areaPath: string): Promise<{ id: number; unitPath: string }[]> {
  return db
    .selectFrom('safetyFacilities as f')
    .select(['f.id', 'f.unitPath'])
    .where(sql<boolean>`f.id = ANY(${ids}::bigint[])`)
    .where('f.status', '=', 'active')
    .where('f.unitPath', 'like', likePrefix(areaPath))
    .where(withinJurisdiction(access, 'f.unitPath'))
    .execute()
}

/** Assigns visits (one statement for all): a facility already in the plan gets the new day and assignee. */
export async function upsertVisits(db: Db, v: { planId: number; facilityIds: number[]; plannedOn: string; assignee: string | null; createdBy: number | null }): Promise<number> {
  const r = await sql`
    INSERT INTO inspection_visits (plan_id, facility_id, unit_path, planned_on, assignee, created_by)
    SELECT ${v.planId}, f.id, f.unit_path, ${v.plannedOn}::date, ${v.assignee}, ${v.createdBy}
      FROM safety_facilities f WHERE f.id = ANY(${v.facilityIds}::bigint[])
    ON CONFLICT (plan_id, facility_id) DO UPDATE SET planned_on = excluded.planned_on, assignee = excluded.assignee
     WHERE inspection_visits.inspection_id IS NULL`.execute(db)
  return Number(r.numAffectedRows ?? 0)
}

export async function countVisits(db: Db, planId: number): Promise<number> {
  const r = await db.selectFrom('inspectionVisits').select((eb) => eb.fn.countAll<string>().as('n')).where('planId', '=', planId).executeTakeFirstOrThrow()
  return Number(r.n)
}

/** The visits of a plan, by day then facility, with the inspection that did each (if any). */
export function visitsOfPlan(db: Db, access: Access, planId: number, limit: number) {
  return db
    .selectFrom('inspectionVisits as v')
    .innerJoin('safetyFacilities as f', 'f.id', 'v.facilityId')
    .leftJoin('inspections as i', 'i.id', 'v.inspectionId')
    .select(['v.id', 'v.facilityId', 'f.name as facilityName', 'f.kind', 'f.address', 'f.band as shownBand', 'v.plannedOn', 'v.assignee', 'v.inspectionId', 'i.visitedOn', 'i.band'])
    .where('v.planId', '=', planId)
    .where(withinJurisdiction(access, 'v.unitPath'))
    .orderBy('v.plannedOn')
    .orderBy('f.name')
    .orderBy('v.id')
    .limit(limit)
    .execute()
}

/** An inspection under a plan completes the facility's assigned visit, if it has one still open. */
export async function completeVisit(db: Db, planId: number, facilityId: number, inspectionId: number): Promise<void> {
  await db.updateTable('inspectionVisits').set({ inspectionId }).where('planId', '=', planId).where('facilityId', '=', facilityId).where('inspectionId', 'is', null).execute()
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

export interface EmulationRow {
  orgId: number
  orgName: string
  commendations: number
  disciplines: number
  latest: string
  done: number
  onTime: number
  late: number
  notStarted: number
  total: number
}

/**
 * The emulation view, a page of bodies under a unit in one statement: each body's commendations
 * and discipline decided in the period, counted in SQL (best first: most commendations, fewest
 * disciplines, then by name), beside its directive task record over the months of the period
 * (the kept per-body counts the directives dashboard adds up, as far as the caller sees the
 * directives), and how many bodies in all.
 */
export async function emulationByBody(db: Db, access: Access, q: { unitPath: string; from: string; to: string | null; limit: number; offset: number }): Promise<EmulationRow[]> {
  const monthFrom = `${q.from.slice(0, 7)}-01`
  const kept = (table: string) => sql`
    SELECT s.org_id, s.done, s.on_time, s.late, s.not_started FROM ${sql.table(table)} s
     WHERE s.org_id IN (SELECT org_id FROM rec) AND s.month >= ${monthFrom}::date
       ${q.to ? sql`AND s.month <= ${q.to}::date` : sql``} AND ${visibleDirective(access, 's.unit_path')}`
  const r = await sql<EmulationRow>`
    WITH rec AS (
      SELECT r.org_id, o.name AS org_name,
             count(*) FILTER (WHERE r.kind = 'commendation')::int AS commendations,
             count(*) FILTER (WHERE r.kind = 'discipline')::int AS disciplines,
             max(r.decided_on)::text AS latest,
             (count(*) OVER ())::int AS total
        FROM recognitions r JOIN orgs o ON o.id = r.org_id
       WHERE ${withinJurisdiction(access, 'r.unit_path')} AND r.unit_path LIKE ${likePrefix(q.unitPath)}
         AND r.decided_on >= ${q.from}::date ${q.to ? sql`AND r.decided_on <= ${q.to}::date` : sql``}
       GROUP BY r.org_id, o.name
       ORDER BY commendations DESC, disciplines, o.name, r.org_id
       LIMIT ${q.limit} OFFSET ${q.offset}),
    tasks AS (
      SELECT k.org_id, sum(k.done)::int AS done, sum(k.on_time)::int AS on_time, sum(k.late)::int AS late, sum(k.not_started)::int AS not_started
        FROM (${kept('directive_status_body_counts')} UNION ALL ${kept('directive_status_changes')}) k
       GROUP BY k.org_id)
    SELECT rec.org_id, rec.org_name, rec.commendations, rec.disciplines, rec.latest, rec.total,
           coalesce(t.done, 0) AS done, coalesce(t.on_time, 0) AS on_time, coalesce(t.late, 0) AS late, coalesce(t.not_started, 0) AS not_started
      FROM rec LEFT JOIN tasks t ON t.org_id = rec.org_id
     ORDER BY rec.commendations DESC, rec.disciplines, rec.org_name, rec.org_id`.execute(db)
  return r.rows
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

// --- Overdue reminders (system job: no caller) ---------------------------------------------------

/**
 * Open violations whose remedy date has passed and that were not yet reminded for that date, with
 * the unit of the team responsible: the inspection plan's unit when the finding came from a plan,
 * else the facility's unit. A batch at a time, oldest remedy date first.
 */
export function overdueToRemind(db: Db, day: string, limit: number) {
  return db
    .selectFrom('violations as v')
    .innerJoin('safetyFacilities as f', 'f.id', 'v.facilityId')
    .leftJoin('inspections as i', 'i.id', 'v.inspectionId')
    .leftJoin('inspectionPlans as p', 'p.id', 'i.planId')
    .select(['v.id', 'v.dueOn', 'v.description', 'v.legalBasis', 'v.responsibleName', 'f.name as facilityName', 'p.team', sql<string>`COALESCE(p.unit_path, v.unit_path)`.as('teamPath')])
    .where('v.status', '=', 'open')
    .where('v.dueOn', 'is not', null)
    .where('v.dueOn', '<', day)
    .where((eb) => eb.or([eb('v.remedyRemindedFor', 'is', null), eb('v.remedyRemindedFor', '<>', eb.ref('v.dueOn'))]))
    .orderBy('v.dueOn')
    .orderBy('v.id')
    .limit(limit)
    .execute() as Promise<{ id: number; dueOn: string; description: string; legalBasis: string; responsibleName: string; facilityName: string; team: string | null; teamPath: string }[]>
}

/** The active users of the given roles whose unit is one of `paths` exactly (the responsible teams' bodies). */
export function usersOfUnits(db: Db, paths: string[], roles: readonly string[]) {
  if (paths.length === 0 || roles.length === 0) return Promise.resolve([])
  return db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unitId')
    .select(['u.id', 'un.path'])
    .where('u.active', '=', true)
    .where('u.role', 'in', [...roles])
    .where(sql<boolean>`un.path = ANY(${paths}::text[])`)
    .execute()
}

/** Marks violations as reminded for their current remedy date (ids as one array). */
export async function markRemedyReminded(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return
  await sql`UPDATE violations SET remedy_reminded_for = due_on WHERE id = ANY(${ids}::bigint[])`.execute(db)
}
