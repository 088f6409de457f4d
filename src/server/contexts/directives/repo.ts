import { type Insertable, type Kysely, sql, type Updateable } from 'kysely'
import { type Access, likeContains, likePrefix, withinJurisdiction } from '../../platform/context.ts'
import type { DB, DirectivesTable } from '../../platform/schema.ts'

// ---------------------------------------------------------------- who sees what
//
// Every query that answers a request takes the caller's Access and applies these two rules in SQL,
// so a forgotten check in a service cannot leak: a directive, assignment, report or file outside
// them simply is not found, and is not counted.

/** `path` and the paths of the units above it: '/', '/2025:91/', '/2025:91/2025:30742/'. */
function pathAndAncestors(path: string): string[] {
  const paths = ['/']
  for (let i = path.indexOf('/', 1); i !== -1; i = path.indexOf('/', i + 1)) paths.push(path.slice(0, i + 1))
  return paths
}

/**
 * The directive visibility rule: a directive of a unit on the caller's path (the province's are
 * visible to everyone in the province) or of a unit inside the caller's jurisdiction (a commune's
 * own, to the commune and above). Nobody outside the province sees the province's directives.
 */
export function visibleDirective(access: Access, pathColumn = 'd.unitPath') {
  return sql<boolean>`(${sql.ref(pathColumn)} IN (${sql.join(pathAndAncestors(access.unitPath))}) OR ${withinJurisdiction(access, pathColumn)})`
}

/**
 * The body rule: the work and reports of an assigned body are visible to the body's own users and
 * to users whose jurisdiction contains the body's unit (the commune for its bodies, the province for all).
 */
export function bodyInReach(access: Access, orgIdColumn = 'a.orgId', unitPathColumn = 'u.path') {
  const within = withinJurisdiction(access, unitPathColumn)
  return access.orgId === null ? within : sql<boolean>`(${within} OR ${sql.ref(orgIdColumn)} = ${access.orgId})`
}

/** Ids of the directives the caller sees, for the queries keyed by a directive id. */
function visibleIds(db: Kysely<DB>, access: Access) {
  return db.selectFrom('directives as d').select('d.id').where(visibleDirective(access))
}

export type DirectiveRow = Awaited<ReturnType<typeof findDirective>> & object

export function findDirective(db: Kysely<DB>, access: Access, id: number) {
  return db.selectFrom('directives as d').selectAll('d').where('d.id', '=', id).where(visibleDirective(access)).executeTakeFirst()
}

/** Whether the caller sees the directives of the unit at `unitPath` (e.g. the province's). */
export async function seesDirectivesOf(db: Kysely<DB>, access: Access, unitPath: string): Promise<boolean> {
  const r = await db.selectFrom('units as u').select('u.id').where('u.path', '=', unitPath).where(visibleDirective(access, 'u.path')).executeTakeFirst()
  return r !== undefined
}

/** A body the caller may see the assignments of, or undefined. */
export function bodyInCallerReach(db: Kysely<DB>, access: Access, orgId: number) {
  return db
    .selectFrom('orgs as o')
    .innerJoin('units as u', 'u.id', 'o.unitId')
    .select(['o.id', 'o.name'])
    .where('o.id', '=', orgId)
    .where(bodyInReach(access, 'o.id'))
    .executeTakeFirst()
}

export interface DirectiveFilter {
  from?: string | undefined
  to?: string | undefined
  issuerOrgId?: number | undefined
  status?: string | undefined
  q?: string | undefined
  unitPath: string
  limit: number
  offset: number
}

export function listDirectives(db: Kysely<DB>, access: Access, f: DirectiveFilter) {
  return filtered(db, access, f)
    .select([
      'd.id',
      'd.status',
      'd.system',
      'd.docType',
      'd.symbol',
      'd.issuerName',
      'd.issuerOrgId',
      'd.issuedOn',
      'd.urgency',
      'd.secrecy',
      'd.summary',
      'd.createdAt',
      (eb) => eb.selectFrom('directiveTasks as t').whereRef('t.directiveId', '=', 'd.id').select(eb.fn.countAll<number>().as('n')).as('taskCount'),
    ])
    .orderBy('d.issuedOn', sql`desc nulls first`)
    .orderBy('d.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute()
}

export async function countDirectives(db: Kysely<DB>, access: Access, f: DirectiveFilter): Promise<number> {
  const r = await filtered(db, access, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(r.n)
}

function filtered(db: Kysely<DB>, access: Access, f: DirectiveFilter) {
  let q = db
    .selectFrom('directives as d')
    .where(visibleDirective(access))
    .where('d.unitPath', 'like', likePrefix(f.unitPath))
  if (f.from) q = q.where('d.issuedOn', '>=', f.from)
  if (f.to) q = q.where('d.issuedOn', '<=', f.to)
  if (f.issuerOrgId) q = q.where('d.issuerOrgId', '=', f.issuerOrgId)
  if (f.status) q = q.where('d.status', '=', f.status as 'draft')
  if (f.q) {
    const p = likeContains(f.q)
    q = q.where((eb) => eb.or([eb('d.summary', 'ilike', p), eb('d.symbol', 'ilike', p)]))
  }
  return q
}

export async function insertDirective(db: Kysely<DB>, v: Insertable<DirectivesTable>): Promise<number> {
  const r = await db.insertInto('directives').values(v).returning('id').executeTakeFirstOrThrow()
  return r.id
}

export async function updateDirective(db: Kysely<DB>, id: number, v: Updateable<DirectivesTable>): Promise<void> {
  await db.updateTable('directives').set({ ...v, updatedAt: new Date() }).where('id', '=', id).execute()
}

export async function findBySymbol(db: Kysely<DB>, symbol: string) {
  return db.selectFrom('directives').select(['id', 'issuedOn']).where('symbol', '=', symbol).execute()
}

export async function insertReferences(db: Kysely<DB>, rows: { directiveId: number; text: string; symbol: string | null; refDate: string | null; targetId: number | null }[]) {
  if (rows.length) await db.insertInto('directiveReferences').values(rows).execute()
}

export function referencesOf(db: Kysely<DB>, access: Access, directiveId: number) {
  return db
    .selectFrom('directiveReferences as r')
    .leftJoin('directives as d', (j) => j.onRef('d.id', '=', 'r.targetId').on(visibleDirective(access)))
    .select(['r.id', 'r.text', 'r.symbol', 'r.refDate', 'd.id as targetId', 'd.summary as targetSummary'])
    .where('r.directiveId', '=', directiveId)
    .where('r.directiveId', 'in', visibleIds(db, access))
    .orderBy('r.id')
    .execute()
}

/** Links earlier references to a directive that has just been recorded with `symbol`. */
export async function linkReferencesTo(db: Kysely<DB>, targetId: number, symbol: string) {
  await db.updateTable('directiveReferences').set({ targetId }).where('symbol', '=', symbol).where('targetId', 'is', null).where('directiveId', '<>', targetId).execute()
}

export async function insertFile(db: Kysely<DB>, v: { directiveId: number; fileName: string; mime: string; content: Buffer }) {
  await db.insertInto('directiveFiles').values(v).execute()
}

export function filesOf(db: Kysely<DB>, access: Access, directiveId: number) {
  return db
    .selectFrom('directiveFiles')
    .select(['id', 'fileName', 'mime', 'createdAt'])
    .where('directiveId', '=', directiveId)
    .where('directiveId', 'in', visibleIds(db, access))
    .orderBy('id')
    .execute()
}

export function fileById(db: Kysely<DB>, access: Access, directiveId: number, fileId: number) {
  return db
    .selectFrom('directiveFiles')
    .selectAll()
    .where('directiveId', '=', directiveId)
    .where('id', '=', fileId)
    .where('directiveId', 'in', visibleIds(db, access))
    .executeTakeFirst()
}

export async function insertTask(
  db: Kysely<DB>,
  v: { directiveId: number; position: number; ref: string; text: string; deadline: string | null; cadence: string },
): Promise<number> {
  const r = await db.insertInto('directiveTasks').values(v).returning('id').executeTakeFirstOrThrow()
  return r.id
}

export async function deleteDirective(db: Kysely<DB>, id: number) {
  await db.deleteFrom('directives').where('id', '=', id).execute()
}

export async function deleteReferences(db: Kysely<DB>, directiveId: number) {
  await db.deleteFrom('directiveReferences').where('directiveId', '=', directiveId).execute()
}

export async function deleteTasks(db: Kysely<DB>, directiveId: number) {
  await db.deleteFrom('directiveTasks').where('directiveId', '=', directiveId).execute()
}

export async function insertAssignments(db: Kysely<DB>, rows: { taskId: number; orgId: number; role: 'lead' | 'coordinating'; nameAsWritten: string | null }[]) {
  if (rows.length) await db.insertInto('taskAssignments').values(rows).onConflict((oc) => oc.columns(['taskId', 'orgId']).doNothing()).execute()
}

export function tasksOf(db: Kysely<DB>, access: Access, directiveId: number) {
  return db.selectFrom('directiveTasks').selectAll().where('directiveId', '=', directiveId).where('directiveId', 'in', visibleIds(db, access)).orderBy('position').execute()
}

/**
 * Assignments with their task, directive and body, as far as the caller sees them (both rules):
 * the basis of the directive view, dashboards and reports.
 */
export function assignmentsQuery(db: Kysely<DB>, access: Access) {
  return allAssignments(db).where(visibleDirective(access)).where(bodyInReach(access))
}

/**
 * Every assignment, whoever asks: only for keeping the stored statuses and raising notifications
 * after a write the caller was allowed to make, never for an answer.
 */
export function allAssignments(db: Kysely<DB>) {
  return db
    .selectFrom('taskAssignments as a')
    .innerJoin('directiveTasks as t', 't.id', 'a.taskId')
    .innerJoin('directives as d', 'd.id', 't.directiveId')
    .innerJoin('orgs as o', 'o.id', 'a.orgId')
    .innerJoin('units as u', 'u.id', 'o.unitId')
    .select([
      'a.id',
      'a.taskId',
      'a.orgId',
      'a.role',
      'a.nameAsWritten',
      'a.status',
      'a.overdueSince',
      'a.nextDue',
      'a.percent',
      'a.lastReportAt',
      't.ref as taskRef',
      't.text as taskText',
      't.deadline',
      't.cadence',
      't.position as taskPosition',
      'd.id as directiveId',
      'd.symbol',
      'd.summary',
      'd.issuedOn',
      'd.status as directiveStatus',
      'd.unitPath as directiveUnitPath',
      'd.issuerOrgId',
      'd.issuerName',
      'o.name as orgName',
      'o.headName',
      'o.headPosition',
      'u.path as orgUnitPath',
    ])
}
export type AssignmentRow = Awaited<ReturnType<ReturnType<typeof allAssignments>['executeTakeFirstOrThrow']>>

export function findAssignment(db: Kysely<DB>, access: Access, id: number) {
  return assignmentsQuery(db, access).where('a.id', '=', id).executeTakeFirst()
}

/** Ids of the reports on assignments the caller sees. */
function reportsInReach(db: Kysely<DB>, access: Access) {
  return db
    .selectFrom('taskReports as r')
    .innerJoin('taskAssignments as a', 'a.id', 'r.assignmentId')
    .innerJoin('directiveTasks as t', 't.id', 'a.taskId')
    .innerJoin('directives as d', 'd.id', 't.directiveId')
    .innerJoin('orgs as o', 'o.id', 'a.orgId')
    .innerJoin('units as u', 'u.id', 'o.unitId')
    .select('r.id')
    .where(visibleDirective(access))
    .where(bodyInReach(access))
}

export function reportsOfAssignments(db: Kysely<DB>, assignmentIds: number[]) {
  if (assignmentIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('taskReports as r')
    .leftJoin('users as u', 'u.id', 'r.submittedBy')
    .leftJoin('users as rv', 'rv.id', 'r.reviewedBy')
    .select([
      'r.id',
      'r.assignmentId',
      'r.text',
      'r.status',
      'r.percent',
      'r.submittedAt',
      'r.review',
      'r.reviewComment',
      'r.reviewedAt',
      'u.displayName as submittedByName',
      'rv.displayName as reviewedByName',
      (eb) => eb.selectFrom('taskReportFiles as f').whereRef('f.reportId', '=', 'r.id').select(eb.fn.countAll<number>().as('n')).as('fileCount'),
    ])
    .where('r.assignmentId', 'in', assignmentIds)
    .orderBy('r.submittedAt')
    .orderBy('r.id')
    .execute()
}

export async function insertReport(
  db: Kysely<DB>,
  v: { assignmentId: number; text: string; status: 'in_progress' | 'done' | 'blocked'; percent: number; submittedBy: number | null; submittedAt: Date },
): Promise<number> {
  const r = await db.insertInto('taskReports').values(v).returning('id').executeTakeFirstOrThrow()
  return r.id
}

export async function insertReportFiles(db: Kysely<DB>, rows: { reportId: number; fileName: string; mime: string; content: Buffer }[]) {
  if (rows.length) await db.insertInto('taskReportFiles').values(rows).execute()
}

export function reportFile(db: Kysely<DB>, access: Access, reportId: number, fileId: number) {
  return db
    .selectFrom('taskReportFiles')
    .selectAll()
    .where('reportId', '=', reportId)
    .where('id', '=', fileId)
    .where('reportId', 'in', reportsInReach(db, access))
    .executeTakeFirst()
}

export function reportFiles(db: Kysely<DB>, reportIds: number[]) {
  if (reportIds.length === 0) return Promise.resolve([])
  return db.selectFrom('taskReportFiles').select(['id', 'reportId', 'fileName', 'mime']).where('reportId', 'in', reportIds).execute()
}

export function findReport(db: Kysely<DB>, access: Access, id: number) {
  return db.selectFrom('taskReports').selectAll().where('id', '=', id).where('id', 'in', reportsInReach(db, access)).executeTakeFirst()
}

export async function setReview(db: Kysely<DB>, id: number, v: { review: 'accepted' | 'returned'; reviewComment: string | null; reviewedBy: number | null; reviewedAt: Date }) {
  await db.updateTable('taskReports').set(v).where('id', '=', id).execute()
}

export async function setAssignmentState(
  db: Kysely<DB>,
  id: number,
  v: { status: 'done' | 'on_time' | 'late' | 'not_started'; overdueSince: string | null; nextDue: string | null; percent: number | null; lastReportAt: Date | null; statusAt: Date },
) {
  await db.updateTable('taskAssignments').set(v).where('id', '=', id).execute()
}

export async function setAssignmentOrg(db: Kysely<DB>, id: number, orgId: number) {
  await db.updateTable('taskAssignments').set({ orgId }).where('id', '=', id).execute()
}

/** Next number for a type in a period, reserved atomically. */
export async function nextNumber(db: Kysely<DB>, issuerOrgId: number, docType: string, period: string): Promise<number> {
  const r = await db
    .insertInto('documentCounters')
    .values({ issuerOrgId, docType, period, lastNumber: 1 })
    .onConflict((oc) => oc.columns(['issuerOrgId', 'docType', 'period']).doUpdateSet((eb) => ({ lastNumber: eb('documentCounters.lastNumber', '+', 1) })))
    .returning('lastNumber')
    .executeTakeFirstOrThrow()
  return r.lastNumber
}

/** Users who belong to any of `orgIds`, and the Office users of the province. */
export function usersOfOrgs(db: Kysely<DB>, orgIds: number[]) {
  if (orgIds.length === 0) return Promise.resolve([])
  return db.selectFrom('users').select(['id', 'orgId', 'username', 'displayName']).where('orgId', 'in', orgIds).where('active', '=', true).execute()
}

export function officeUsers(db: Kysely<DB>) {
  return db.selectFrom('users').select(['id', 'orgId', 'username', 'displayName']).where('role', '=', 'office').where('active', '=', true).execute()
}
