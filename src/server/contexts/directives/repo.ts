import { type Insertable, type Kysely, sql, type Updateable } from 'kysely'
import { type Access, likeContains, likePrefix, withinJurisdiction } from '../../platform/context.ts'
import type { DB, DirectivesTable } from '../../platform/schema.ts'
import type { PackedLines } from './render/packedLines.ts'

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
    .orderBy('d.issuedOn', (ob) => ob.desc().nullsFirst())
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
  return allAssignments(db).where(visibleDirective(access)).where(bodyInReach(access, 'a.orgId', 'a.orgUnitPath'))
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
      'a.transferNote',
      't.ref as taskRef',
      't.text as taskText',
      // The deadline in force: the assignment's own (a sub-assignment's, an extension), else the task's.
      sql<string | null>`coalesce(a.deadline, t.deadline)`.as('deadline'),
      't.cadence',
      sql<string | null>`a.assigned_on`.as('assignedOn'),
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

/** The body that passed each of some assignments on (their parent assignment's body), for those cascaded. */
export async function passedOnBy(db: Kysely<DB>, assignmentIds: number[]): Promise<Map<number, number>> {
  if (assignmentIds.length === 0) return new Map()
  const r = await sql<{ id: number; orgId: number }>`
    SELECT a.id, p.org_id FROM task_assignments a JOIN task_assignments p ON p.id = a.parent_assignment_id
     WHERE a.id = ANY(${sql.val(assignmentIds)}::bigint[])`.execute(db)
  return new Map(r.rows.map((x) => [Number(x.id), Number(x.orgId)]))
}

/** Ids of the reports on assignments the caller sees. */
function reportsInReach(db: Kysely<DB>, access: Access) {
  return db
    .selectFrom('taskReports as r')
    .innerJoin('taskAssignments as a', 'a.id', 'r.assignmentId')
    .innerJoin('directives as d', 'd.id', 'a.directiveId')
    .select('r.id')
    .where(visibleDirective(access))
    .where(bodyInReach(access, 'a.orgId', 'a.orgUnitPath'))
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
    .where(sql<boolean>`r.assignment_id = ANY(${sql.val(assignmentIds)}::bigint[])`)
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
  return db
    .selectFrom('taskReportFiles')
    .select(['id', 'reportId', 'fileName', 'mime'])
    .where(sql<boolean>`report_id = ANY(${sql.val(reportIds)}::bigint[])`)
    .execute()
}

export function findReport(db: Kysely<DB>, access: Access, id: number) {
  return db.selectFrom('taskReports').selectAll().where('id', '=', id).where('id', 'in', reportsInReach(db, access)).executeTakeFirst()
}

/** Records the decision on a pending report; false when it was decided meanwhile (two reviewers at once). */
export async function setReview(db: Kysely<DB>, id: number, v: { review: 'accepted' | 'returned'; reviewComment: string | null; reviewedBy: number | null; reviewedAt: Date }): Promise<boolean> {
  const r = await db.updateTable('taskReports').set(v).where('id', '=', id).where('review', '=', 'pending').executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
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

/**
 * Passes the open (not done) assignments of an abolished body to its successors, with `note` on each:
 * the first successor not yet on the task takes the assignment itself (its reports stay with it),
 * further successors get an assignment of the same role. A successor already on the task keeps its
 * own assignment (lead if either was), which receives the reports. Answers the assignments touched.
 */
export async function transferOpenAssignments(db: Kysely<DB>, fromOrgId: number, toOrgIds: number[], note: string): Promise<number[]> {
  if (toOrgIds.length === 0) return []
  // Two reads, then one statement per kind of change, whatever the number of assignments.
  const open = await db.selectFrom('taskAssignments').select(['id', 'taskId', 'role', 'nameAsWritten']).where('orgId', '=', fromOrgId).where('status', '<>', 'done').orderBy('id').execute()
  if (open.length === 0) return []
  const onTasks = await db
    .selectFrom('taskAssignments')
    .select(['id', 'taskId', 'orgId'])
    .where(sql<boolean>`task_id = ANY(${sql.val([...new Set(open.map((a) => a.taskId))])}::bigint[])`)
    .where(sql<boolean>`org_id = ANY(${sql.val(toOrgIds)}::bigint[])`)
    .orderBy('id')
    .execute()
  const takenBy = new Map<number, typeof onTasks>()
  for (const t of onTasks) takenBy.set(t.taskId, [...(takenBy.get(t.taskId) ?? []), t])
  const marks: { id: number; lead: boolean }[] = []
  const moves: { id: number; orgId: number }[] = []
  const adds: { taskId: number; orgId: number; role: string; nameAsWritten: string | null }[] = []
  const merges: { id: number; into: number }[] = []
  for (const a of open) {
    const taken = takenBy.get(a.taskId) ?? []
    for (const t of taken) marks.push({ id: t.id, lead: a.role === 'lead' })
    const [first, ...others] = toOrgIds.filter((id) => !taken.some((t) => t.orgId === id))
    if (first !== undefined) {
      moves.push({ id: a.id, orgId: first })
      for (const orgId of others) adds.push({ taskId: a.taskId, orgId, role: a.role, nameAsWritten: a.nameAsWritten })
    } else if (taken[0]) {
      // The successor's own assignment takes over the reports and the work passed on.
      merges.push({ id: a.id, into: taken[0].id })
    }
  }
  const json = (rows: object[]) => sql`${JSON.stringify(rows)}::jsonb`
  const touched: number[] = []
  if (marks.length) {
    const r = await sql<{ id: number }>`
      UPDATE task_assignments a SET transfer_note = ${note}, role = CASE WHEN v.lead THEN 'lead' ELSE a.role END
        FROM (SELECT id, bool_or(lead) AS lead FROM jsonb_to_recordset(${json(marks)}) AS x(id bigint, lead boolean) GROUP BY id) v
       WHERE a.id = v.id RETURNING a.id`.execute(db)
    touched.push(...r.rows.map((x) => Number(x.id)))
  }
  if (moves.length) {
    const r = await sql<{ id: number }>`
      UPDATE task_assignments a SET org_id = v."orgId", transferred_from = ${fromOrgId}, transfer_note = ${note}
        FROM jsonb_to_recordset(${json(moves)}) AS v(id bigint, "orgId" bigint) WHERE a.id = v.id RETURNING a.id`.execute(db)
    touched.push(...r.rows.map((x) => Number(x.id)))
  }
  if (adds.length) {
    const r = await sql<{ id: number }>`
      INSERT INTO task_assignments (task_id, org_id, role, name_as_written, transferred_from, transfer_note)
      SELECT v."taskId", v."orgId", v.role, v."nameAsWritten", ${fromOrgId}, ${note}
        FROM jsonb_to_recordset(${json(adds)}) AS v("taskId" bigint, "orgId" bigint, role text, "nameAsWritten" text) RETURNING id`.execute(db)
    touched.push(...r.rows.map((x) => Number(x.id)))
  }
  if (merges.length) {
    const v = sql`jsonb_to_recordset(${json(merges)}) AS v(id bigint, "into" bigint)`
    await sql`UPDATE task_reports r SET assignment_id = v."into" FROM ${v} WHERE r.assignment_id = v.id`.execute(db)
    await sql`UPDATE task_assignments a SET parent_assignment_id = v."into" FROM ${v} WHERE a.parent_assignment_id = v.id`.execute(db)
    await sql`DELETE FROM task_assignments a USING ${v} WHERE a.id = v.id`.execute(db)
  }
  return [...new Set(touched)]
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

// ---------------------------------------------------------------- status read model at volume

/** The assignments whose stored status may have moved with the clock, oldest check first. */
export function dueForCheck(db: Kysely<DB>, now: Date, limit: number) {
  return (
    allAssignments(db)
      .select('a.nextCheckAt')
      .where('a.nextCheckAt', '<=', now)
      .where('a.issuedOn', 'is not', null)
      .orderBy('a.nextCheckAt')
      .orderBy('a.id')
      .limit(limit)
      // Rows a report, a review or another server's sweep holds are left to them.
      .forUpdate(['a'])
      .skipLocked()
      .execute()
  )
}

/** The reports counted for a set of assignments, with one parameter (an array) whatever their number. */
export function reportFactsOf(db: Kysely<DB>, assignmentIds: number[]) {
  if (assignmentIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('taskReports as r')
    .select(['r.assignmentId', 'r.submittedAt', 'r.status', 'r.review', 'r.percent'])
    .where(sql<boolean>`r.assignment_id = ANY(${sql.val(assignmentIds)}::bigint[])`)
    .orderBy('r.assignmentId')
    .orderBy('r.submittedAt')
    .orderBy('r.id')
    .execute()
}

export interface StoredState {
  id: number
  status: 'done' | 'on_time' | 'late' | 'not_started'
  overdueSince: string | null
  nextDue: string | null
  percent: number | null
  lastReportAt: string | null
  nextCheckAt: string | null
}

/** Writes the recomputed states of many assignments in one statement (one JSON parameter). */
export async function writeStates(db: Kysely<DB>, rows: StoredState[], statusAt: Date): Promise<void> {
  if (rows.length === 0) return
  await sql`
    UPDATE task_assignments a
       SET status = v.status, overdue_since = v."overdueSince", next_due = v."nextDue", percent = v.percent,
           last_report_at = v."lastReportAt", next_check_at = v."nextCheckAt",
           status_at = CASE WHEN (a.status, a.overdue_since, a.next_due, a.percent) IS DISTINCT FROM (v.status, v."overdueSince", v."nextDue", v.percent)
                            THEN ${statusAt}::timestamptz ELSE a.status_at END
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           AS v(id bigint, status text, "overdueSince" date, "nextDue" date, percent integer, "lastReportAt" timestamptz, "nextCheckAt" timestamptz)
     WHERE a.id = v.id`.execute(db)
}

/** Frees the space of the folded changes (the embedded engine has no autovacuum to do it). */
export async function vacuumStatusChanges(db: Kysely<DB>): Promise<void> {
  await sql`VACUUM directive_status_changes`.execute(db)
}

/**
 * Folds the appended status changes into the counts, by issuer and summed over issuers (by the
 * sweep, the only writer of the counts), in one statement.
 */
export async function foldStatusChanges(db: Kysely<DB>): Promise<void> {
  await sql`
    WITH moved AS (DELETE FROM directive_status_changes RETURNING *),
    by_issuer AS (
      INSERT INTO directive_status_counts AS c (month, unit_path, issuer_org_id, org_id, done, on_time, late, not_started)
      SELECT month, unit_path, issuer_org_id, org_id, sum(done), sum(on_time), sum(late), sum(not_started)
        FROM moved GROUP BY month, unit_path, issuer_org_id, org_id
      ON CONFLICT (month, org_id, unit_path, issuer_org_id) DO UPDATE
         SET done = c.done + excluded.done, on_time = c.on_time + excluded.on_time,
             late = c.late + excluded.late, not_started = c.not_started + excluded.not_started)
    INSERT INTO directive_status_body_counts AS b (month, unit_path, org_id, done, on_time, late, not_started)
    SELECT month, unit_path, org_id, sum(done), sum(on_time), sum(late), sum(not_started)
      FROM moved GROUP BY month, unit_path, org_id
    ON CONFLICT (month, org_id, unit_path) DO UPDATE
       SET done = b.done + excluded.done, on_time = b.on_time + excluded.on_time,
           late = b.late + excluded.late, not_started = b.not_started + excluded.not_started`.execute(db)
}

export interface Period {
  from: string
  to: string | null
  issuerOrgId?: number | undefined
  /** Bodies located in this subtree only. */
  unitPath?: string | undefined
  /** One body only (the counts). */
  orgId?: number | undefined
}

const monthStart = (iso: string) => `${iso.slice(0, 7)}-01`
const nextMonth = (iso: string) => {
  const [y, m] = iso.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
}

/**
 * The assignments of a period as (org, month, counts) rows, before the caller's body rule: whole
 * months come from the kept counts; the days of a month cut by the period, if any, are counted
 * from the assignments themselves (their index on the directive's date).
 */
function countParts(access: Access, p: Period) {
  // Whole months: [wholeFrom, wholeTo) in month starts.
  const wholeFrom = p.from === monthStart(p.from) ? p.from : nextMonth(p.from)
  const toExclusive = p.to === null ? null : dayAfter(p.to)
  const wholeEnd = toExclusive === null ? null : toExclusive === monthStart(toExclusive) ? toExclusive : monthStart(toExclusive)
  const parts: ReturnType<typeof sql>[] = []
  const kept = (table: string) => sql`
    SELECT s.org_id, s.month, s.done, s.on_time, s.late, s.not_started FROM ${sql.table(table)} s
     WHERE s.month >= ${wholeFrom}::date ${wholeEnd === null ? sql`` : sql`AND s.month < ${wholeEnd}::date`}
       AND ${visibleDirective(access, 's.unit_path')}
       ${p.issuerOrgId ? sql`AND s.issuer_org_id = ${p.issuerOrgId}` : sql``}
       ${p.orgId ? sql`AND s.org_id = ${p.orgId}` : sql``}`
  // Without an issuer, the counts summed over issuers: a fifth of the rows.
  const counts = p.issuerOrgId ? 'directive_status_counts' : 'directive_status_body_counts'
  if (wholeEnd === null || wholeFrom < wholeEnd) parts.push(kept(counts), kept('directive_status_changes'))
  // Cut days at either end, counted directly.
  const cut: [string, string][] = []
  if (wholeEnd !== null && wholeFrom >= wholeEnd) cut.push([p.from, toExclusive!])
  else {
    if (p.from < wholeFrom) cut.push([p.from, wholeFrom])
    if (wholeEnd !== null && toExclusive! > wholeEnd) cut.push([wholeEnd, toExclusive!])
  }
  for (const [a, b] of cut) {
    parts.push(sql`
      SELECT a.org_id, date_trunc('month', a.issued_on)::date, (a.status = 'done')::int, (a.status = 'on_time')::int, (a.status = 'late')::int, (a.status = 'not_started')::int
        FROM task_assignments a JOIN directives d ON d.id = a.directive_id
       WHERE a.issued_on >= ${a}::date AND a.issued_on < ${b}::date AND ${visibleDirective(access)}
         ${p.issuerOrgId ? sql`AND d.issuer_org_id = ${p.issuerOrgId}` : sql``}
         ${p.orgId ? sql`AND a.org_id = ${p.orgId}` : sql``}`)
  }
  return parts
}

interface StatusCounts {
  done: number
  onTime: number
  late: number
  notStarted: number
}

/** The period's counts as far as the caller sees them (both rules), grouped by `key` (columns of o and x). */
async function countsGrouped<R>(db: Kysely<DB>, access: Access, p: Period, key: 'org' | 'month') {
  const parts = countParts(access, p)
  if (parts.length === 0) return []
  const columns = key === 'org' ? sql`o.id AS org_id, o.name, o.head_name, o.head_position` : sql`x.month`
  const groups = key === 'org' ? sql`o.id, o.name, o.head_name, o.head_position` : sql`x.month`
  // Summed per body (and month) first, a row or a few per body, then the bodies the caller reaches.
  const inner = key === 'org' ? sql`org_id` : sql`org_id, month`
  const r = await sql<R & StatusCounts>`
    SELECT ${columns},
           sum(x.done)::int AS done, sum(x.on_time)::int AS on_time, sum(x.late)::int AS late, sum(x.not_started)::int AS not_started
      FROM (SELECT ${inner}, sum(done) AS done, sum(on_time) AS on_time, sum(late) AS late, sum(not_started) AS not_started
              FROM (${sql.join(parts, sql` UNION ALL `)}) AS k(org_id, month, done, on_time, late, not_started)
             GROUP BY ${inner}) AS x
      JOIN orgs o ON o.id = x.org_id JOIN units u ON u.id = o.unit_id
     WHERE ${bodyInReach(access, 'o.id', 'u.path')} ${p.unitPath ? sql`AND u.path LIKE ${likePrefix(p.unitPath)}` : sql``}
       ${p.orgId ? sql`AND o.id = ${p.orgId}` : sql``}
     GROUP BY ${groups}
    HAVING sum(x.done) + sum(x.on_time) + sum(x.late) + sum(x.not_started) > 0
     ORDER BY ${groups}`.execute(db)
  return r.rows
}

/** Assignments per body and status in a period, as far as the caller sees them (both rules). */
export function countsByOrg(db: Kysely<DB>, access: Access, p: Period) {
  return countsGrouped<{ orgId: number; name: string; headName: string | null; headPosition: string | null }>(db, access, p, 'org')
}

/** Assignments per month of the directive's date and status in a period, as far as the caller sees them. */
export function countsByMonth(db: Kysely<DB>, access: Access, p: Period) {
  return countsGrouped<{ month: string }>(db, access, p, 'month')
}

export const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/** Assignments of a period the caller sees (both rules), with the period's filters: the base of the paged lists. */
export function periodAssignments(db: Kysely<DB>, access: Access, p: Period) {
  let q = assignmentsQuery(db, access).where('a.issuedOn', '>=', p.from)
  if (p.to) q = q.where('a.issuedOn', '<=', p.to)
  if (p.issuerOrgId) q = q.where('d.issuerOrgId', '=', p.issuerOrgId)
  if (p.unitPath) q = q.where('a.orgUnitPath', 'like', likePrefix(p.unitPath))
  return q
}

/**
 * Directives of a period with at least one assignment the caller sees: newest first, a page of
 * them, and how many. Whether a directive has one is a probe of the (directive, body unit path)
 * index, whoever asks.
 */
export function periodDirectives(db: Kysely<DB>, access: Access, p: Period) {
  // Bodies all within the caller's jurisdiction (and the chosen area): seen without a probe; the
  // root is checked first, the probe only for the directives it does not settle.
  const settled = sql<boolean>`coalesce(r.bodies_root LIKE ${likePrefix(access.unitPath)}${p.unitPath !== undefined ? sql` AND r.bodies_root LIKE ${likePrefix(p.unitPath)}` : sql``}, false)`
  let q = db
    .selectFrom('directives as d')
    .leftJoin('directiveReach as r', 'r.directiveId', 'd.id')
    .where('d.status', '<>', 'draft')
    .where('d.issuedOn', '>=', p.from)
    .where(visibleDirective(access))
    .where((eb) =>
      eb.or([
        settled,
        eb.exists(
          eb
            .selectFrom('taskAssignments as a')
            .select(sql`1`.as('one'))
            .whereRef('a.directiveId', '=', 'd.id')
            .where(bodyInReach(access, 'a.orgId', 'a.orgUnitPath'))
            .$if(p.unitPath !== undefined, (qb) => qb.where('a.orgUnitPath', 'like', likePrefix(p.unitPath!))),
        ),
      ]),
    )
  if (p.to) q = q.where('d.issuedOn', '<=', p.to)
  if (p.issuerOrgId) q = q.where('d.issuerOrgId', '=', p.issuerOrgId)
  return q
}

/** Per directive and body: the statuses of a page of directives, counted in SQL. */
export function cellsOf(db: Kysely<DB>, access: Access, directiveIds: number[], p: Period) {
  if (directiveIds.length === 0) return Promise.resolve([])
  return periodAssignments(db, access, p)
    .clearSelect()
    .select(['d.id as directiveId', 'a.orgId', 'a.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where(sql<boolean>`a.directive_id = ANY(${sql.val(directiveIds)}::bigint[])`)
    .groupBy(['d.id', 'a.orgId', 'a.status'])
    .execute()
}

/**
 * The assignments of some directives (already found visible) whose bodies the caller reaches, with
 * their last counted report (found by index, not by scanning). Narrow rows: the texts of tasks,
 * directives and bodies come once each from tasksOfDirectives, directiveBatch and orgsByIds.
 */
export function batchAssignments(db: Kysely<DB>, access: Access, p: Pick<Period, 'unitPath'>, directiveIds: number[]) {
  if (directiveIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('taskAssignments as a')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('taskReports as r')
          .select(['r.text', 'r.submittedAt'])
          .whereRef('r.assignmentId', '=', 'a.id')
          .where('r.review', '<>', 'returned')
          .orderBy('r.submittedAt', 'desc')
          .orderBy('r.id', 'desc')
          .limit(1)
          .as('lr'),
      (join) => join.onTrue(),
    )
    .select(['a.directiveId', 'a.taskId', 'a.orgId', 'a.role', 'a.status', 'a.percent', sql<string | null>`a.deadline`.as('ownDeadline'), 'lr.text as lastReport', 'lr.submittedAt as lastReportAt'])
    .where(sql<boolean>`a.directive_id = ANY(${sql.val(directiveIds)}::bigint[])`)
    .where('a.issuedOn', 'is not', null)
    .where(bodyInReach(access, 'a.orgId', 'a.orgUnitPath'))
    .$if(p.unitPath !== undefined, (qb) => qb.where('a.orgUnitPath', 'like', likePrefix(p.unitPath!)))
    .execute()
}

/** The tasks of some directives (already found visible). */
export function tasksOfDirectives(db: Kysely<DB>, directiveIds: number[]) {
  if (directiveIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('directiveTasks')
    .select(['id', 'directiveId', 'position', 'ref', 'text', 'deadline'])
    .where(sql<boolean>`directive_id = ANY(${sql.val(directiveIds)}::bigint[])`)
    .execute()
}

/** Names, sort keys and heads of some bodies. */
export function orgsByIds(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'nameSort', 'headName', 'headPosition'])
    .where(sql<boolean>`id = ANY(${sql.val(ids)}::bigint[])`)
    .execute()
}

/** Characters of JSON per part of a batch: a part stays a small string (no large-object space). */
const PART_CHARS = 30_000

/**
 * The synthesis table's lines of the next `limit` directives of a period (newest first, after
 * `after` by keyset), as JSON made in SQL: each directive, task and body once (kind "d": [id,
 * symbol, date, summary]; "t": [id, ref, text]; "o": [id, name, head, position]) and the lines in
 * report order ("l": [directive, task, body, role, status, percent, deadline, last report, its day
 * in Vietnam]): by directive, task position, lead before coordinating, then body sort name. Each
 * kind comes in parts of about PART_CHARS characters (comma-separated arrays), one row a part, in
 * order; every row also carries the directives and lines counted and the last directive's key.
 * The parts go to the table's writer as they are: no line becomes an object on this side.
 */
export async function synthesisBatch(db: Kysely<DB>, access: Access, p: Period, after: { issuedOn: string; id: number } | null, limit: number) {
  let batch = periodDirectives(db, access, p).select(['d.id', 'd.issuedOn', 'd.symbol', 'd.summary'])
  if (after) batch = batch.where(sql<boolean>`(d.issued_on, d.id) < (${after.issuedOn}::date, ${after.id})`)
  batch = batch.orderBy('d.issuedOn', 'desc').orderBy('d.id', 'desc').limit(limit)
  const r = await sql<{ directives: number; rows: number; lastOn: string | null; lastId: number | null; kind: 'd' | 't' | 'o' | 'l'; json: string }>`
    WITH b AS MATERIALIZED (
      SELECT x.id, x.issued_on, x.symbol, x.summary, row_number() OVER (ORDER BY x.issued_on DESC, x.id DESC) AS ord FROM (${batch}) x
    ), l AS MATERIALIZED (
      SELECT a.id, a.directive_id, a.task_id, a.org_id, a.role, a.status, a.percent, coalesce(a.deadline, t.deadline) AS deadline,
             lr.text AS report, ((lr.submitted_at AT TIME ZONE 'UTC') + interval '7 hours')::date AS report_on,
             b.ord, t.position, coalesce(o.name_sort, o.name) AS sort_name
        FROM b JOIN task_assignments a ON a.directive_id = b.id JOIN directive_tasks t ON t.id = a.task_id JOIN orgs o ON o.id = a.org_id
        LEFT JOIN LATERAL (SELECT r.text, r.submitted_at FROM task_reports r WHERE r.assignment_id = a.id AND r.review <> 'returned'
                            ORDER BY r.submitted_at DESC, r.id DESC LIMIT 1) lr ON true
       WHERE a.issued_on IS NOT NULL AND ${bodyInReach(access, 'a.org_id', 'a.org_unit_path')}
             ${p.unitPath !== undefined ? sql`AND a.org_unit_path LIKE ${likePrefix(p.unitPath)}` : sql``}
    ), items AS (
      SELECT 'd' AS kind, ord AS k, json_build_array(id, symbol, issued_on, summary)::text AS j FROM b
      UNION ALL
      SELECT 't', t.id, json_build_array(t.id, t.ref, t.text)::text FROM directive_tasks t WHERE t.id IN (SELECT task_id FROM l)
      UNION ALL
      SELECT 'o', o.id, json_build_array(o.id, o.name, o.head_name, o.head_position)::text FROM orgs o WHERE o.id IN (SELECT org_id FROM l)
      UNION ALL
      SELECT 'l', row_number() OVER (ORDER BY ord, position, role <> 'lead', sort_name COLLATE "C", id),
             json_build_array(directive_id, task_id, org_id, role, status, percent, deadline, report, report_on)::text FROM l
    ), parts AS (
      SELECT kind, k, j, sum(length(j) + 1) OVER (PARTITION BY kind ORDER BY k) / ${PART_CHARS} AS part FROM items
    )
    SELECT (SELECT count(*) FROM b)::int AS directives, (SELECT count(*) FROM l)::int AS rows,
           (SELECT to_char(issued_on, 'YYYY-MM-DD') FROM b ORDER BY ord DESC LIMIT 1) AS last_on, (SELECT id FROM b ORDER BY ord DESC LIMIT 1)::int AS last_id,
           kind, string_agg(j, ',' ORDER BY k) AS json
      FROM parts GROUP BY kind, part ORDER BY kind, part`.execute(db)
  const first = r.rows[0]
  const parts: PackedLines['parts'] = { d: [], t: [], o: [], l: [] }
  for (const row of r.rows) parts[row.kind].push(row.json)
  return { directives: first?.directives ?? 0, rows: first?.rows ?? 0, lastOn: first?.lastOn ?? null, lastId: first?.lastId ?? null, parts }
}

/** The next directives of a period in report order (newest first) after `after`, by keyset. */
export async function directiveBatch(db: Kysely<DB>, access: Access, p: Period, after: { issuedOn: string; id: number } | null, limit: number) {
  let q = periodDirectives(db, access, p).select(['d.id', 'd.issuedOn', 'd.symbol', 'd.summary'])
  if (after) q = q.where(sql<boolean>`(d.issued_on, d.id) < (${after.issuedOn}::date, ${after.id})`)
  return q.orderBy('d.issuedOn', 'desc').orderBy('d.id', 'desc').limit(limit).execute()
}

/** Per directive of a period: its tasks and assignments by status, those with the most late work first. */
export function directivesMostLate(db: Kysely<DB>, access: Access, p: Period, limit: number) {
  return periodAssignments(db, access, p)
    .clearSelect()
    .select((eb) => [
      'd.id',
      'd.symbol',
      'd.issuedOn',
      'd.summary',
      sql<number>`count(DISTINCT a.task_id)::int`.as('tasks'),
      sql<number>`count(*) FILTER (WHERE a.status = 'done')::int`.as('done'),
      sql<number>`count(*) FILTER (WHERE a.status = 'on_time')::int`.as('onTime'),
      sql<number>`count(*) FILTER (WHERE a.status = 'late')::int`.as('late'),
      sql<number>`count(*) FILTER (WHERE a.status = 'not_started')::int`.as('notStarted'),
      eb.fn.countAll<number>().as('assignments'),
    ])
    .groupBy(['d.id', 'd.symbol', 'd.issuedOn', 'd.summary'])
    .orderBy(sql`count(*) FILTER (WHERE a.status = 'late')`, 'desc')
    .orderBy('d.issuedOn', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute()
}

/** Fresh planner statistics for the assignments, after a sweep changed many statuses. */
export async function analyzeAssignments(db: Kysely<DB>): Promise<void> {
  await sql`ANALYZE task_assignments`.execute(db)
}
