import { type Kysely, sql } from 'kysely'
import { type Access, likePrefix, withinJurisdiction } from '../../platform/context.ts'
import type { DB } from '../../platform/schema.ts'
import { assignmentsQuery } from './repo.ts'

// SQL of cascaded work (sub-assignments), deadlines of their own, extension requests and reminders
// (migration 0010). Queries that answer a request start from `assignmentsQuery`, so both visibility
// rules of repo.ts apply to them.

const ids = (list: number[]) => sql`${sql.val(list)}::bigint[]`

/**
 * The Government Office's category of an assignment on `today`, in SQL: the same rule as
 * `taskCategory` in src/domain/directives/categories.ts.
 */
export const categorySql = (today: string) => sql<'done_on_time' | 'done_late' | 'in_progress' | 'overdue'>`(CASE
  WHEN a.status = 'done' THEN CASE WHEN coalesce(a.deadline, t.deadline) IS NOT NULL AND a.completed_on > coalesce(a.deadline, t.deadline) THEN 'done_late' ELSE 'done_on_time' END
  WHEN a.status = 'late' OR coalesce(a.deadline, t.deadline) < ${today}::date THEN 'overdue'
  ELSE 'in_progress' END)`

export interface CascadeFacts {
  id: number
  parentId: number | null
  ownDeadline: string | null
  completedOn: string | null
  hasSubs: boolean
}

/** Parent, own deadline and completion day of some assignments, and whether they were cascaded. */
export async function cascadeFacts(db: Kysely<DB>, assignmentIds: number[]): Promise<CascadeFacts[]> {
  if (assignmentIds.length === 0) return []
  const r = await sql<CascadeFacts>`
    SELECT a.id, a.parent_assignment_id AS parent_id, a.deadline AS own_deadline, a.completed_on,
           EXISTS (SELECT 1 FROM task_assignments c WHERE c.parent_assignment_id = a.id) AS has_subs
      FROM task_assignments a WHERE a.id = ANY(${ids(assignmentIds)})`.execute(db)
  return r.rows
}

export interface SubStanding {
  id: number
  parentId: number
  status: 'done' | 'on_time' | 'late' | 'not_started'
  overdueSince: string | null
  percent: number | null
  completedOn: string | null
}

/** The stored standing of the sub-assignments of some assignments. */
export async function subsOf(db: Kysely<DB>, parentIds: number[]): Promise<SubStanding[]> {
  if (parentIds.length === 0) return []
  const r = await sql<SubStanding>`
    SELECT a.id, a.parent_assignment_id AS parent_id, a.status, a.overdue_since, a.percent, a.completed_on
      FROM task_assignments a WHERE a.parent_assignment_id = ANY(${ids(parentIds)}) ORDER BY a.id`.execute(db)
  return r.rows
}

/** The day (Vietnam time) of each assignment's first accepted completion report. */
export async function acceptedCompletionDays(db: Kysely<DB>, assignmentIds: number[]): Promise<Map<number, string>> {
  if (assignmentIds.length === 0) return new Map()
  const r = await sql<{ assignmentId: number; day: string }>`
    SELECT r.assignment_id, min(((r.submitted_at AT TIME ZONE 'UTC') + interval '7 hours')::date)::text AS day
      FROM task_reports r
     WHERE r.assignment_id = ANY(${ids(assignmentIds)}) AND r.status = 'done' AND r.review = 'accepted'
     GROUP BY r.assignment_id`.execute(db)
  return new Map(r.rows.map((x) => [Number(x.assignmentId), x.day]))
}

export async function setCompletedOn(db: Kysely<DB>, rows: { id: number; completedOn: string | null }[]): Promise<void> {
  if (rows.length === 0) return
  await sql`
    UPDATE task_assignments a SET completed_on = v."completedOn"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(id bigint, "completedOn" date)
     WHERE a.id = v.id AND a.completed_on IS DISTINCT FROM v."completedOn"`.execute(db)
}

/** An assignment's own deadline and parent, with the parent's body and deadline in force. */
export async function assignmentCascade(db: Kysely<DB>, id: number) {
  const r = await sql<{
    ownDeadline: string | null
    effectiveDeadline: string | null
    parentId: number | null
    parentOrgId: number | null
    parentOrgName: string | null
    parentDeadline: string | null
  }>`
    SELECT a.deadline AS own_deadline, coalesce(a.deadline, t.deadline) AS effective_deadline,
           p.id AS parent_id, p.org_id AS parent_org_id, po.name AS parent_org_name, coalesce(p.deadline, t.deadline) AS parent_deadline
      FROM task_assignments a JOIN directive_tasks t ON t.id = a.task_id
      LEFT JOIN task_assignments p ON p.id = a.parent_assignment_id
      LEFT JOIN orgs po ON po.id = p.org_id
     WHERE a.id = ${id}`.execute(db)
  return r.rows[0]
}

export interface TargetFilter {
  /** The assigning body. */
  orgId: number
  /** Its unit's path: targets lie inside it. */
  orgUnitPath: string
  /** The caller's jurisdiction: targets lie inside it too. */
  access: Access
  today: string
  kind?: string | undefined
  orgIds?: number[] | undefined
  /** The body's own units only (its child bodies). */
  childrenOnly?: boolean
}

/**
 * Bodies an assigning body may cascade to: its own units (child bodies), or bodies of units below its
 * unit; inside the caller's jurisdiction, valid today.
 */
export async function cascadeTargets(db: Kysely<DB>, f: TargetFilter) {
  const r = await sql<{ id: number; name: string; kind: string; unitCode: string; unitName: string; isChild: boolean }>`
    SELECT o.id, o.name, o.kind, u.code AS unit_code, u.name AS unit_name, (o.parent_id IS NOT DISTINCT FROM ${f.orgId}::bigint) AS is_child
      FROM orgs o JOIN units u ON u.id = o.unit_id
     WHERE o.id <> ${f.orgId}
       AND u.path LIKE ${likePrefix(f.orgUnitPath)} AND ${withinJurisdiction(f.access, 'u.path')}
       AND (o.parent_id = ${f.orgId} OR u.path <> ${f.orgUnitPath})
       AND (o.valid_to IS NULL OR o.valid_to >= ${f.today}::date) AND (o.valid_from IS NULL OR o.valid_from <= ${f.today}::date)
       ${f.kind ? sql`AND o.kind = ${f.kind}` : sql``}
       ${f.orgIds ? sql`AND o.id = ANY(${ids(f.orgIds)})` : sql``}
       ${f.childrenOnly ? sql`AND o.parent_id = ${f.orgId}` : sql``}
     ORDER BY u.path, o.name_sort`.execute(db)
  return r.rows
}

/** How many bodies of each kind lie in units below the assigning body's, inside the caller's jurisdiction. */
export async function targetKinds(db: Kysely<DB>, f: TargetFilter) {
  const r = await sql<{ kind: string; n: number }>`
    SELECT o.kind, count(*)::int AS n
      FROM orgs o JOIN units u ON u.id = o.unit_id
     WHERE o.id <> ${f.orgId} AND u.path LIKE ${likePrefix(f.orgUnitPath)} AND u.path <> ${f.orgUnitPath}
       AND ${withinJurisdiction(f.access, 'u.path')}
       AND (o.valid_to IS NULL OR o.valid_to >= ${f.today}::date) AND (o.valid_from IS NULL OR o.valid_from <= ${f.today}::date)
     GROUP BY o.kind ORDER BY count(*) DESC, o.kind`.execute(db)
  return r.rows
}

/** Inserts sub-assignments of `parentId`; a body already assigned to the task is left as it is. Answers the new ids. */
export async function insertSubAssignments(
  db: Kysely<DB>,
  parent: { id: number; taskId: number },
  orgIds: number[],
  deadline: string | null,
  assignedOn: string,
): Promise<number[]> {
  if (orgIds.length === 0) return []
  const r = await sql<{ id: number }>`
    INSERT INTO task_assignments (task_id, org_id, role, parent_assignment_id, deadline, assigned_on)
    SELECT ${parent.taskId}, x, 'lead', ${parent.id}, ${deadline}::date, ${assignedOn}::date FROM unnest(${ids(orgIds)}) AS x
    ON CONFLICT (task_id, org_id) DO NOTHING RETURNING id`.execute(db)
  return r.rows.map((x) => Number(x.id))
}

// ---------------------------------------------------------------- "việc của tôi"

export interface MineFilter {
  status?: 'done' | 'on_time' | 'late' | 'not_started' | undefined
  category?: 'done_on_time' | 'done_late' | 'in_progress' | 'overdue' | undefined
  overdue?: boolean | undefined
  limit: number
  offset: number
}

/** The caller's work: what was asked of their body (or of the bodies of their unit, for users without one). */
function mineBase(db: Kysely<DB>, access: Access, today: string, f: MineFilter) {
  let q = assignmentsQuery(db, access).where('d.status', '<>', 'draft')
  q = access.orgId !== null ? q.where('a.orgId', '=', access.orgId) : q.where('o.unitId', '=', access.unitId ?? '')
  if (f.status) q = q.where('a.status', '=', f.status)
  if (f.category) q = q.where(sql<boolean>`${categorySql(today)} = ${f.category}`)
  if (f.overdue) q = q.where(sql<boolean>`${categorySql(today)} = 'overdue'`)
  return q
}

export async function countMine(db: Kysely<DB>, access: Access, today: string, f: MineFilter): Promise<number> {
  const r = await mineBase(db, access, today, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

export function listMine(db: Kysely<DB>, access: Access, today: string, f: MineFilter) {
  return mineBase(db, access, today, f)
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('taskReports as r')
          .select(['r.text', 'r.submittedAt', 'r.status', 'r.review'])
          .whereRef('r.assignmentId', '=', 'a.id')
          .orderBy('r.submittedAt', 'desc')
          .orderBy('r.id', 'desc')
          .limit(1)
          .as('lr'),
      (join) => join.onTrue(),
    )
    .select([
      'lr.text as lastReportText',
      'lr.submittedAt as lastReportSubmittedAt',
      'lr.status as lastReportStatus',
      'lr.review as lastReportReview',
      'd.issuedOn as directiveDate',
      sql<string | null>`coalesce(a.deadline, t.deadline)`.as('effectiveDeadline'),
      sql<string | null>`a.completed_on`.as('completedOn'),
      categorySql(today).as('category'),
      sql<number | null>`a.parent_assignment_id`.as('parentAssignmentId'),
      sql<string | null>`(SELECT po.name FROM task_assignments p JOIN orgs po ON po.id = p.org_id WHERE p.id = a.parent_assignment_id)`.as('assignedByName'),
      sql<number>`(SELECT count(*)::int FROM task_assignments c WHERE c.parent_assignment_id = a.id)`.as('subCount'),
      sql<number>`(SELECT count(*)::int FROM task_assignments c WHERE c.parent_assignment_id = a.id AND c.status = 'done')`.as('subDone'),
      sql<string | null>`(SELECT x.requested_deadline::text FROM deadline_extension_requests x WHERE x.assignment_id = a.id AND x.status = 'pending' ORDER BY x.id DESC LIMIT 1)`.as(
        'pendingExtension',
      ),
    ])
    .orderBy(sql`CASE WHEN a.status = 'done' THEN 1 ELSE 0 END`)
    .orderBy(sql`coalesce(a.deadline, t.deadline)`, sql`asc nulls last`)
    .orderBy('a.issuedOn', 'desc')
    .orderBy('a.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute()
}

/** Assignments per body and category, as far as the caller sees them (both rules). */
export function categoryCounts(db: Kysely<DB>, access: Access, today: string, orgId: number | null) {
  let q = assignmentsQuery(db, access).where('d.status', '<>', 'draft')
  if (orgId !== null) q = q.where('a.orgId', '=', orgId)
  const count = (c: string) => sql<number>`count(*) FILTER (WHERE ${categorySql(today)} = ${c})::int`
  return q
    .clearSelect()
    .select([
      'o.id as orgId',
      'o.name as orgName',
      count('done_on_time').as('doneOnTime'),
      count('done_late').as('doneLate'),
      count('in_progress').as('inProgress'),
      count('overdue').as('overdue'),
      sql<number>`count(*)::int`.as('total'),
    ])
    .groupBy(['o.id', 'o.name'])
    .orderBy(sql`count(*) FILTER (WHERE ${categorySql(today)} = 'overdue')`, 'desc')
    .orderBy('o.name')
    .limit(500)
    .execute()
}

// ---------------------------------------------------------------- a directive's cascade and extensions

/** The directive's assignments the caller sees, with parent, deadline in force, category and sub-assignment counts. */
export function cascadeOfDirective(db: Kysely<DB>, access: Access, directiveId: number, today: string) {
  return assignmentsQuery(db, access)
    .where('d.id', '=', directiveId)
    .select([
      sql<number | null>`a.parent_assignment_id`.as('parentAssignmentId'),
      sql<string | null>`coalesce(a.deadline, t.deadline)`.as('effectiveDeadline'),
      sql<string | null>`a.completed_on`.as('completedOn'),
      categorySql(today).as('category'),
      sql<number>`(SELECT count(*)::int FROM task_assignments c WHERE c.parent_assignment_id = a.id)`.as('subCount'),
      sql<number>`(SELECT count(*)::int FROM task_assignments c WHERE c.parent_assignment_id = a.id AND c.status = 'done')`.as('subDone'),
    ])
    .orderBy('t.position')
    .orderBy('o.name')
    .execute()
}

export interface ExtensionRow {
  id: number
  assignmentId: number
  previousDeadline: string | null
  requestedDeadline: string
  reason: string
  status: 'pending' | 'approved' | 'refused' | 'withdrawn'
  requestedAt: Date
  requestedByName: string | null
  decidedAt: Date | null
  decidedByName: string | null
  decisionComment: string | null
}

export async function extensionsOf(db: Kysely<DB>, assignmentIds: number[]): Promise<ExtensionRow[]> {
  if (assignmentIds.length === 0) return []
  const r = await sql<ExtensionRow>`
    SELECT x.id, x.assignment_id, x.previous_deadline, x.requested_deadline, x.reason, x.status, x.requested_at,
           ru.display_name AS requested_by_name, x.decided_at, du.display_name AS decided_by_name, x.decision_comment
      FROM deadline_extension_requests x
      LEFT JOIN users ru ON ru.id = x.requested_by LEFT JOIN users du ON du.id = x.decided_by
     WHERE x.assignment_id = ANY(${ids(assignmentIds)}) ORDER BY x.id`.execute(db)
  return r.rows
}

export async function findExtension(db: Kysely<DB>, id: number) {
  const r = await sql<{ id: number; assignmentId: number; requestedDeadline: string; status: string }>`
    SELECT x.id, x.assignment_id, x.requested_deadline, x.status FROM deadline_extension_requests x WHERE x.id = ${id}`.execute(db)
  return r.rows[0]
}

export async function insertExtension(
  db: Kysely<DB>,
  v: { assignmentId: number; previousDeadline: string | null; requestedDeadline: string; reason: string; requestedBy: number | null; requestedAt: Date },
): Promise<number> {
  await sql`UPDATE deadline_extension_requests SET status = 'withdrawn' WHERE assignment_id = ${v.assignmentId} AND status = 'pending'`.execute(db)
  const r = await sql<{ id: number }>`
    INSERT INTO deadline_extension_requests (assignment_id, previous_deadline, requested_deadline, reason, requested_by, requested_at)
    VALUES (${v.assignmentId}, ${v.previousDeadline}::date, ${v.requestedDeadline}::date, ${v.reason}, ${v.requestedBy}, ${v.requestedAt})
    RETURNING id`.execute(db)
  return Number(r.rows[0]!.id)
}

export async function decideExtension(
  db: Kysely<DB>,
  v: { id: number; status: 'approved' | 'refused'; decidedBy: number | null; decidedAt: Date; comment: string | null },
): Promise<boolean> {
  // Only a pending request is decided: of two decisions sent together, the second changes nothing.
  const r = await sql`UPDATE deadline_extension_requests SET status = ${v.status}, decided_by = ${v.decidedBy}, decided_at = ${v.decidedAt}, decision_comment = ${v.comment}
             WHERE id = ${v.id} AND status = 'pending'`.execute(db)
  return Number(r.numAffectedRows ?? 0) > 0
}

export async function setOwnDeadline(db: Kysely<DB>, assignmentId: number, deadline: string): Promise<void> {
  await sql`UPDATE task_assignments SET deadline = ${deadline}::date WHERE id = ${assignmentId}`.execute(db)
}

// ---------------------------------------------------------------- reminders

/** Open assignments whose deadline in force falls within `days` days of today and that were not reminded of it yet. */
export async function dueSoon(db: Kysely<DB>, today: string, days: number, limit: number) {
  const r = await sql<{ id: number; orgId: number; orgName: string; deadline: string; taskRef: string; taskText: string; directiveId: number; symbol: string | null; summary: string }>`
    SELECT a.id, a.org_id, o.name AS org_name, coalesce(a.deadline, t.deadline)::text AS deadline, t.ref AS task_ref, t.text AS task_text,
           d.id AS directive_id, d.symbol, d.summary
      FROM task_assignments a JOIN directive_tasks t ON t.id = a.task_id JOIN directives d ON d.id = a.directive_id JOIN orgs o ON o.id = a.org_id
     WHERE a.issued_on IS NOT NULL AND a.status <> 'done'
       AND coalesce(a.deadline, t.deadline) BETWEEN ${today}::date AND ${today}::date + ${days}::int
       AND a.reminded_for IS DISTINCT FROM coalesce(a.deadline, t.deadline)
     ORDER BY a.id LIMIT ${limit}`.execute(db)
  return r.rows
}

export async function markReminded(db: Kysely<DB>, rows: { id: number; deadline: string }[]): Promise<void> {
  if (rows.length === 0) return
  await sql`
    UPDATE task_assignments a SET reminded_for = v.deadline
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(id bigint, deadline date)
     WHERE a.id = v.id`.execute(db)
}
