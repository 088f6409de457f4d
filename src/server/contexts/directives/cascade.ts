import type { Cadence } from '../../../domain/documents/types.ts'
import { TASK_CATEGORIES, type TaskCategory } from '../../../domain/directives/categories.ts'
import { rollUp, type StandingFacts } from '../../../domain/directives/rollup.ts'
import { assignmentNextCheck, assignmentState } from '../../../domain/directives/status.ts'
import { ORG_KINDS, type OrgKind } from '../../../domain/orgs/kinds.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import { type Access, type Ctx, hasPermission, inTransaction, isWithin, requirePermission, today } from '../../platform/context.ts'
import { AppError, badRequest, forbidden, notFound, outsideJurisdiction } from '../../platform/errors.ts'
import { enqueueJob } from '../../platform/jobs.ts'
import { notify, notifyEach } from '../notifications/service.ts'
import * as cr from './cascadeRepo.ts'
import * as repo from './repo.ts'
import { instant, refreshAssignments, requireProvince, vnMidnight } from './service.ts'

// Cascade: a body that receives a task assigns it on to its own units or down to the communes; the
// parent's stored status rolls up from its sub-assignments. Also "việc của tôi" (a body's work),
// the Government Office's categories, deadline extension requests and reminders before a deadline.

type Row = repo.AssignmentRow & { nextCheckAt?: Date | string | null }

/**
 * Who acts for an assigned body (cascades its work, asks for more time): its own users, or
 * administrators whose jurisdiction holds the body's unit; with the reporting permission.
 */
function actsForBody(access: Access, a: Pick<repo.AssignmentRow, 'orgId' | 'orgUnitPath'>): boolean {
  if (!hasPermission(access, 'directives:report')) return false
  return access.orgId === a.orgId || (access.role === 'admin' && isWithin(access, a.orgUnitPath))
}

async function loadAssignment(ctx: Ctx, id: number) {
  const a = await repo.findAssignment(ctx.db, ctx.access, id)
  if (!a) throw notFound(`nhiệm vụ được giao #${id}`)
  return a
}

// ---------------------------------------------------------------- cascading

export interface CascadeInput {
  orgIds: number[]
  /** The sub-assignments' deadline; omitted: the parent's. Never after the parent's. */
  deadline?: string | null | undefined
}

/** The bodies an assignment may be cascaded to: its body's own units, and bodies of the units below by kind. */
export async function cascadeOptions(ctx: Ctx, assignmentId: number, kind?: string) {
  requirePermission(ctx.access, 'directives:read')
  const a = await loadAssignment(ctx, assignmentId)
  const filter = { orgId: a.orgId, orgUnitPath: a.orgUnitPath, access: ctx.access, today: today(ctx) }
  const [children, kinds, ofKind, facts, existing] = await Promise.all([
    cr.cascadeTargets(ctx.db, { ...filter, childrenOnly: true }),
    cr.targetKinds(ctx.db, filter),
    kind ? cr.cascadeTargets(ctx.db, { ...filter, kind }) : Promise.resolve([]),
    cr.assignmentCascade(ctx.db, a.id),
    ctx.db.selectFrom('taskAssignments').select('orgId').where('taskId', '=', a.taskId).execute(),
  ])
  const assigned = new Set(existing.map((e) => e.orgId))
  const body = (o: { id: number; name: string; kind: string; unitName: string }) => ({ id: o.id, name: o.name, kind: o.kind, unitName: o.unitName, assigned: assigned.has(o.id) })
  return {
    assignmentId: a.id,
    orgName: a.orgName,
    deadline: facts?.effectiveDeadline ?? null,
    allowed: actsForBody(ctx.access, a) && a.status !== 'done' && a.directiveStatus !== 'draft',
    children: children.map(body),
    kinds: kinds.map((k) => ({ kind: k.kind, name: ORG_KINDS[k.kind as OrgKind]?.vi ?? k.kind, count: k.n })),
    bodies: ofKind.map(body),
  }
}

/**
 * Assigns an assignment on to other bodies: the body's own units (child bodies) or bodies of units
 * below the body's unit, inside the caller's jurisdiction. Each sub-assignment links to its parent
 * and has its own deadline; the parent's status then rolls up from them.
 */
export async function cascade(ctx: Ctx, assignmentId: number, input: CascadeInput): Promise<{ created: number[]; alreadyAssigned: string[] }> {
  requirePermission(ctx.access, 'directives:report')
  const a = await loadAssignment(ctx, assignmentId)
  if (!actsForBody(ctx.access, a)) throw forbidden(`Chỉ cán bộ của ${a.orgName} (hoặc quản trị địa bàn của cơ quan) mới giao tiếp được nhiệm vụ này.`)
  if (!isWithin(ctx.access, a.orgUnitPath) && ctx.access.orgId !== a.orgId) throw outsideJurisdiction()
  if (a.directiveStatus === 'draft') throw badRequest('NOT_ISSUED', 'Văn bản chưa ban hành nên chưa giao tiếp được.')
  if (a.status === 'done') throw badRequest('ALREADY_DONE', 'Nhiệm vụ đã hoàn thành, không giao tiếp nữa.')
  const wanted = [...new Set(input.orgIds)]
  if (wanted.length === 0) throw badRequest('NO_BODIES', 'Chọn ít nhất một cơ quan, đơn vị để giao.')
  const facts = (await cr.assignmentCascade(ctx.db, a.id))!
  const deadline = input.deadline === undefined || input.deadline === null ? facts.effectiveDeadline : input.deadline
  if (deadline && facts.effectiveDeadline && deadline > facts.effectiveDeadline) {
    throw badRequest('DEADLINE_AFTER_PARENT', `Thời hạn giao tiếp không được sau thời hạn của nhiệm vụ (${vnFormat(facts.effectiveDeadline)}).`)
  }
  const targets = await cr.cascadeTargets(ctx.db, { orgId: a.orgId, orgUnitPath: a.orgUnitPath, access: ctx.access, today: today(ctx), orgIds: wanted })
  const outside = wanted.filter((id) => !targets.some((t) => t.id === id))
  if (outside.length) {
    throw new AppError(
      403,
      'ORG_OUTSIDE_CASCADE',
      `Cơ quan #${outside.join(', #')} không thuộc ${a.orgName} hoặc không ở địa bàn cấp dưới trong phạm vi bạn được phân quyền.`,
      { orgIds: outside },
    )
  }
  const created = await inTransaction(ctx, async (tx) => {
    const ids = await cr.insertSubAssignments(tx.db, { id: a.id, taskId: a.taskId }, wanted, deadline, today(ctx))
    await refreshAssignments(tx, { assignmentIds: [...ids, a.id] })
    return ids
  })
  const createdRows = created.length ? await repo.allAssignments(ctx.db).where('a.id', 'in', created).execute() : []
  const createdOrgs = new Set(createdRows.map((r) => r.orgId))
  const alreadyAssigned = targets.filter((t) => !createdOrgs.has(t.id)).map((t) => t.name)
  const users = await repo.usersOfOrgs(ctx.db, [...createdOrgs])
  await notifyEach(
    ctx,
    createdRows.map((r) => ({
      userIds: users.filter((u) => u.orgId === r.orgId).map((u) => u.id),
      kind: 'task_assigned',
      title: `Nhiệm vụ được giao tiếp: ${r.symbol ?? ''} nhiệm vụ ${r.taskRef}`.replace(/\s+/g, ' '),
      body: `${a.orgName} giao ${r.orgName}: ${r.taskText.slice(0, 200)}${deadline ? ` Thời hạn: ${vnFormat(deadline)}.` : ''}`,
      link: '/viec-cua-toi',
      dedupeKey: `cascade:${r.id}`,
    })),
  )
  return { created, alreadyAssigned }
}

const vnFormat = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

// ---------------------------------------------------------------- the roll-up, kept with the stored status

const storedOf = (r: Row): repo.StoredState => ({
  id: r.id,
  status: r.status,
  overdueSince: r.overdueSince,
  nextDue: r.nextDue,
  percent: r.percent,
  lastReportAt: r.lastReportAt ? new Date(r.lastReportAt).toISOString() : null,
  nextCheckAt: instant(r.nextCheckAt),
})

/** Own states of assignments from their reports, with the deadline in force (their own or the task's). */
async function ownStates(ctx: Ctx, rows: Row[], deadlines: Map<number, string | null>): Promise<Map<number, repo.StoredState>> {
  const facts = groupBy(await repo.reportFactsOf(ctx.db, rows.map((r) => r.id)), (f) => f.assignmentId)
  const day = today(ctx)
  const out = new Map<number, repo.StoredState>()
  for (const a of rows) {
    const mine = facts.get(a.id) ?? []
    const state = assignmentState({
      cadence: a.cadence as Cadence,
      issuedOn: a.assignedOn ?? a.issuedOn ?? day,
      deadline: deadlines.get(a.id) ?? a.deadline,
      today: day,
      reports: mine.map((r) => ({ submittedOn: vnDate(new Date(r.submittedAt)), status: r.status, review: r.review })),
    })
    const last = mine.filter((r) => r.review !== 'returned').at(-1)
    const check = assignmentNextCheck(state)
    out.set(a.id, {
      id: a.id,
      status: state.status,
      overdueSince: state.overdueSince,
      nextDue: state.nextDue,
      percent: last?.percent ?? null,
      lastReportAt: last ? new Date(last.submittedAt).toISOString() : null,
      nextCheckAt: check ? vnMidnight(check) : null,
    })
  }
  return out
}

function groupBy<T>(list: T[], key: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>()
  for (const item of list) {
    const k = key(item)
    const group = out.get(k)
    if (group) group.push(item)
    else out.set(k, [item])
  }
  return out
}

const sameState = (a: repo.StoredState, b: repo.StoredState) =>
  a.status === b.status && a.overdueSince === b.overdueSince && a.nextDue === b.nextDue && a.percent === b.percent && a.lastReportAt === b.lastReportAt && a.nextCheckAt === b.nextCheckAt

/**
 * Called with the states recomputed for `rows` just before they are written (`changed`, adjusted in
 * place): an assignment with a deadline of its own (a sub-assignment, an extension) is measured
 * against it; a cascaded assignment and every assignment above a recomputed one take the roll-up
 * of their sub-assignments (src/domain/directives/rollup.ts); completion days are kept.
 */
export async function rollUpCascade(ctx: Ctx, rows: Row[], changed: repo.StoredState[]): Promise<void> {
  if (rows.length === 0) return
  const byId = new Map<number, Row>(rows.map((r) => [r.id, r]))
  // Where each id stands in `changed`: a batch holds hundreds of rows, so no search per row.
  const at = new Map<number, number>(changed.map((c, i) => [c.id, i]))
  const put = (s: repo.StoredState) => {
    const i = at.get(s.id)
    if (i !== undefined) changed[i] = s
    else at.set(s.id, changed.push(s) - 1)
  }
  const facts = new Map((await cr.cascadeFacts(ctx.db, [...byId.keys()])).map((f) => [f.id, f]))
  const day = today(ctx)

  // Assignments measured against a deadline of their own.
  const own = new Map<number, repo.StoredState>()
  for (const r of rows) {
    const i = at.get(r.id)
    own.set(r.id, i !== undefined ? changed[i]! : storedOf(r))
  }
  const withDeadline = rows.filter((r) => facts.get(r.id)?.ownDeadline)
  if (withDeadline.length) {
    const fresh = await ownStates(ctx, withDeadline, new Map(withDeadline.map((r) => [r.id, facts.get(r.id)!.ownDeadline])))
    for (const [id, s] of fresh) {
      own.set(id, s)
      if (!sameState(s, storedOf(byId.get(id)!))) put(s)
    }
  }

  // The assignments above the recomputed ones, level by level.
  const above = new Map<number, Row>()
  let next = [...new Set([...facts.values()].map((f) => f.parentId).filter((p): p is number => p !== null && !byId.has(p)))]
  for (let level = 0; next.length && level < 8; level++) {
    const loaded = (await repo.allAssignments(ctx.db).select('a.nextCheckAt').where('a.id', 'in', next).execute()) as Row[]
    const lf = await cr.cascadeFacts(ctx.db, next)
    for (const f of lf) facts.set(f.id, f)
    for (const r of loaded) above.set(r.id, r)
    next = [...new Set(lf.map((f) => f.parentId).filter((p): p is number => p !== null && !byId.has(p) && !above.has(p)))]
  }
  if (above.size) {
    const list = [...above.values()]
    const fresh = await ownStates(ctx, list, new Map(list.map((r) => [r.id, facts.get(r.id)?.ownDeadline ?? null])))
    for (const [id, s] of fresh) own.set(id, s)
  }

  const stored = (id: number) => {
    const r = byId.get(id) ?? above.get(id)
    return r ? storedOf(r) : undefined
  }
  const nodes = [...byId.keys(), ...above.keys()].filter((id) => facts.get(id)?.hasSubs)
  const completion = await cr.acceptedCompletionDays(ctx.db, [...new Set([...byId.keys(), ...above.keys()])])
  const standing = new Map<number, StandingFacts>()
  for (const [id, s] of own) standing.set(id, { status: s.status, overdueSince: s.overdueSince, percent: s.percent, completedOn: s.status === 'done' ? (completion.get(id) ?? facts.get(id)?.completedOn ?? day) : null })
  if (nodes.length) {
    const subs = await cr.subsOf(ctx.db, nodes)
    const subsOf = groupBy(subs, (s) => s.parentId)
    for (const s of subs) {
      if (!standing.has(s.id)) standing.set(s.id, { status: s.status, overdueSince: s.overdueSince, percent: s.percent, completedOn: s.completedOn })
    }
    const rolled = new Map<number, StandingFacts>()
    const deadlineOf = (id: number) => {
      const r = byId.get(id) ?? above.get(id)!
      return facts.get(id)?.ownDeadline ?? r.deadline
    }
    // Nested cascades settle in as many passes as they have levels.
    for (let pass = 0; pass < 8; pass++) {
      let moved = false
      for (const id of nodes) {
        const mine = (subsOf.get(id) ?? []).map((s) => rolled.get(s.id) ?? standing.get(s.id)!)
        const r = rollUp({ own: standing.get(id)!, subs: mine, deadline: deadlineOf(id), today: day })
        const before = rolled.get(id)
        if (!before || before.status !== r.status || before.overdueSince !== r.overdueSince || before.percent !== r.percent || before.completedOn !== r.completedOn) moved = true
        rolled.set(id, r)
      }
      if (!moved) break
    }
    for (const [id, r] of rolled) {
      standing.set(id, r)
      const entry = { ...own.get(id)!, status: r.status, overdueSince: r.overdueSince, percent: r.percent }
      if (r.status === 'done') Object.assign(entry, { nextDue: null, nextCheckAt: null })
      const s = stored(id)
      if (!s || !sameState(entry, s) || at.has(id)) put(entry)
    }
  }

  // Completion days of what becomes done, cleared from what is no longer done.
  const days: { id: number; completedOn: string | null }[] = []
  for (const c of changed) {
    const wasDone = stored(c.id)?.status === 'done'
    if (c.status === 'done' && !wasDone) days.push({ id: c.id, completedOn: standing.get(c.id)?.completedOn ?? completion.get(c.id) ?? day })
    else if (c.status !== 'done' && wasDone) days.push({ id: c.id, completedOn: null })
  }
  await cr.setCompletedOn(ctx.db, days)
}

// ---------------------------------------------------------------- "việc của tôi" and categories

export interface MineQuery extends cr.MineFilter {}

const categoryName = (c: TaskCategory) => TASK_CATEGORIES[c].vi

/**
 * What was asked of the caller's body (assignments and sub-assignments), or of the bodies of their
 * unit for users without one, with the last report, the category and any pending extension request.
 */
export async function myTasks(ctx: Ctx, provinceCode: string, q: cr.MineFilter) {
  requirePermission(ctx.access, 'directives:read')
  await requireProvince(ctx, provinceCode, 'see')
  const day = today(ctx)
  const [rows, total] = await Promise.all([cr.listMine(ctx.db, ctx.access, day, q), cr.countMine(ctx.db, ctx.access, day, q)])
  return {
    total,
    limit: q.limit,
    offset: q.offset,
    today: day,
    items: rows.map((r) => ({
      id: r.id,
      directiveId: r.directiveId,
      symbol: r.symbol,
      directiveDate: r.directiveDate,
      issuerName: r.issuerName,
      summary: r.summary,
      taskRef: r.taskRef,
      taskText: r.taskText,
      orgId: r.orgId,
      orgName: r.orgName,
      role: r.role,
      deadline: r.effectiveDeadline,
      status: r.status,
      overdueSince: r.overdueSince,
      nextDue: r.nextDue,
      percent: r.percent,
      category: r.category,
      categoryName: categoryName(r.category),
      completedOn: r.completedOn,
      assignedBy: r.assignedByName,
      parentAssignmentId: r.parentAssignmentId === null ? null : Number(r.parentAssignmentId),
      subCount: r.subCount,
      subDone: r.subDone,
      pendingExtension: r.pendingExtension,
      lastReport: r.lastReportSubmittedAt
        ? { text: r.lastReportText, submittedAt: new Date(r.lastReportSubmittedAt).toISOString(), status: r.lastReportStatus, review: r.lastReportReview }
        : null,
      canCascade: actsForBody(ctx.access, r) && r.status !== 'done',
      canRequestExtension: actsForBody(ctx.access, r) && r.status !== 'done',
    })),
  }
}

/** Assignments per body in the Government Office's four categories: one body, the caller's, or every body in reach. */
export async function categoryCounts(ctx: Ctx, provinceCode: string, orgId: number | undefined) {
  requirePermission(ctx.access, 'directives:read')
  await requireProvince(ctx, provinceCode, 'see')
  if (orgId !== undefined && !(await repo.bodyInCallerReach(ctx.db, ctx.access, orgId))) throw notFound(`cơ quan #${orgId}`)
  const which = orgId ?? ctx.access.orgId
  const rows = await cr.categoryCounts(ctx.db, ctx.access, today(ctx), which ?? null)
  return {
    categories: Object.entries(TASK_CATEGORIES).map(([key, v]) => ({ key, name: v.vi, nameEn: v.en })),
    bodies: rows.map((r) => ({ ...r, orgId: Number(r.orgId) })),
  }
}

// ---------------------------------------------------------------- a directive's cascade

/** The directive's assignments as the caller sees them, with parents, deadlines in force, categories and extension requests. */
export async function directiveCascade(ctx: Ctx, directiveId: number) {
  requirePermission(ctx.access, 'directives:read')
  const d = await repo.findDirective(ctx.db, ctx.access, directiveId)
  if (!d) throw notFound(`văn bản #${directiveId}`)
  const day = today(ctx)
  const rows = await cr.cascadeOfDirective(ctx.db, ctx.access, directiveId, day)
  const extensions = await cr.extensionsOf(ctx.db, rows.map((r) => r.id))
  const parentOrg = new Map(rows.map((r) => [r.id, r.orgId]))
  return {
    assignments: rows.map((r) => ({
      id: r.id,
      taskId: r.taskId,
      taskRef: r.taskRef,
      orgId: r.orgId,
      orgName: r.orgName,
      parentAssignmentId: r.parentAssignmentId === null ? null : Number(r.parentAssignmentId),
      deadline: r.effectiveDeadline,
      status: r.status,
      percent: r.percent,
      category: r.category,
      categoryName: categoryName(r.category),
      subCount: r.subCount,
      subDone: r.subDone,
      canCascade: d.status !== 'draft' && actsForBody(ctx.access, r) && r.status !== 'done',
      canRequestExtension: d.status !== 'draft' && actsForBody(ctx.access, r) && r.status !== 'done',
    })),
    extensionRequests: extensions.map((x) => {
      const a = rows.find((r) => r.id === Number(x.assignmentId))!
      const parentId = a.parentAssignmentId === null ? null : Number(a.parentAssignmentId)
      return {
        ...x,
        id: Number(x.id),
        assignmentId: Number(x.assignmentId),
        orgName: a.orgName,
        taskRef: a.taskRef,
        requestedAt: new Date(x.requestedAt).toISOString(),
        decidedAt: x.decidedAt ? new Date(x.decidedAt).toISOString() : null,
        canDecide: x.status === 'pending' && decides(ctx.access, d.unitPath, parentId === null ? null : (parentOrg.get(parentId) ?? -1)),
      }
    }),
  }
}

// ---------------------------------------------------------------- deadline extensions

/**
 * Who approves a new deadline: the issuer's reviewers (the Office) within the directive's unit, or,
 * for a sub-assignment, the body that cascaded it.
 */
function decides(access: Access, directiveUnitPath: string, parentOrgId: number | null): boolean {
  if (hasPermission(access, 'directives:review') && isWithin(access, directiveUnitPath)) return true
  return parentOrgId !== null && access.orgId === parentOrgId && hasPermission(access, 'directives:report')
}

/** The assigned body asks for a new deadline, with its reason; a pending request it made before is withdrawn. */
export async function requestExtension(ctx: Ctx, assignmentId: number, input: { deadline: string; reason: string }): Promise<number> {
  requirePermission(ctx.access, 'directives:report')
  const a = await loadAssignment(ctx, assignmentId)
  if (!actsForBody(ctx.access, a)) throw forbidden(`Chỉ cán bộ của ${a.orgName} mới xin gia hạn được nhiệm vụ này.`)
  if (a.directiveStatus === 'draft') throw badRequest('NOT_ISSUED', 'Văn bản chưa ban hành.')
  if (a.status === 'done') throw badRequest('ALREADY_DONE', 'Nhiệm vụ đã hoàn thành, không cần gia hạn.')
  const f = (await cr.assignmentCascade(ctx.db, a.id))!
  if (input.deadline < today(ctx)) throw badRequest('DEADLINE_PASSED', 'Thời hạn đề nghị phải từ hôm nay trở đi.')
  if (f.effectiveDeadline && input.deadline <= f.effectiveDeadline) {
    throw badRequest('EXTENSION_NOT_LATER', `Thời hạn đề nghị phải sau thời hạn hiện tại (${vnFormat(f.effectiveDeadline)}).`)
  }
  if (f.parentId !== null && f.parentDeadline && input.deadline > f.parentDeadline) {
    throw badRequest('EXTENSION_AFTER_PARENT', `Thời hạn đề nghị không được sau thời hạn của ${f.parentOrgName ?? 'cơ quan giao'} (${vnFormat(f.parentDeadline)}).`)
  }
  const id = await inTransaction(ctx, (tx) =>
    cr.insertExtension(tx.db, { assignmentId, previousDeadline: f.effectiveDeadline, requestedDeadline: input.deadline, reason: input.reason, requestedBy: tx.access.userId, requestedAt: ctx.now() }),
  )
  const deciders = f.parentOrgId !== null ? await repo.usersOfOrgs(ctx.db, [f.parentOrgId]) : await repo.officeUsers(ctx.db)
  await notify(ctx, {
    userIds: deciders.map((u) => u.id).filter((u) => u !== ctx.access.userId),
    kind: 'extension_requested',
    title: `Xin gia hạn: ${a.orgName} – ${a.symbol ?? ''} nhiệm vụ ${a.taskRef}`,
    body: `Đề nghị thời hạn mới ${vnFormat(input.deadline)}${f.effectiveDeadline ? ` (hiện tại ${vnFormat(f.effectiveDeadline)})` : ''}. Lý do: ${input.reason.slice(0, 300)}`,
    link: `/directives/${a.directiveId}`,
    dedupeKey: `extension:${id}`,
  })
  return id
}

/** The issuer approves a request (the new deadline applies and the status is recomputed) or refuses it with a comment. */
export async function decideExtension(ctx: Ctx, requestId: number, input: { decision: 'approve' | 'refuse'; comment?: string | undefined }): Promise<void> {
  const x = await cr.findExtension(ctx.db, requestId)
  const a = x ? await repo.findAssignment(ctx.db, ctx.access, x.assignmentId) : undefined
  if (!x || !a) throw notFound(`đề nghị gia hạn #${requestId}`)
  const f = (await cr.assignmentCascade(ctx.db, a.id))!
  if (!decides(ctx.access, a.directiveUnitPath, f.parentOrgId)) throw forbidden('Chỉ cơ quan giao nhiệm vụ mới duyệt được đề nghị gia hạn.')
  if (x.status !== 'pending') throw badRequest('ALREADY_DECIDED', 'Đề nghị gia hạn này đã được xử lý.')
  const comment = input.comment?.trim() || null
  if (input.decision === 'refuse' && !comment) throw badRequest('COMMENT_REQUIRED', 'Khi không đồng ý gia hạn cần ghi rõ lý do.')
  await inTransaction(ctx, async (tx) => {
    const decided = await cr.decideExtension(tx.db, { id: requestId, status: input.decision === 'approve' ? 'approved' : 'refused', decidedBy: tx.access.userId, decidedAt: ctx.now(), comment })
    if (!decided) throw badRequest('ALREADY_DECIDED', 'Đề nghị gia hạn này đã được xử lý.')
    if (input.decision === 'approve') {
      await cr.setOwnDeadline(tx.db, a.id, x.requestedDeadline)
      await refreshAssignments(tx, { assignmentIds: [a.id] })
    }
  })
  const users = await repo.usersOfOrgs(ctx.db, [a.orgId])
  await notify(ctx, {
    userIds: users.map((u) => u.id),
    kind: input.decision === 'approve' ? 'extension_approved' : 'extension_refused',
    title: `${input.decision === 'approve' ? 'Đồng ý gia hạn' : 'Không đồng ý gia hạn'}: ${a.symbol ?? ''} nhiệm vụ ${a.taskRef}`,
    body: input.decision === 'approve' ? `Thời hạn mới: ${vnFormat(x.requestedDeadline)}.${comment ? ` ${comment}` : ''}` : (comment ?? ''),
    link: '/viec-cua-toi',
    dedupeKey: `extension-decided:${requestId}`,
  })
}

// ---------------------------------------------------------------- reminders before a deadline

export const REMIND_JOB = 'directives.remind'
const REMIND_KEY = 'directives.reminderDays'
export const DEFAULT_REMINDER_DAYS = 3

/** How many days before a deadline its body is reminded (settings; 3 by default). */
export async function reminderDays(ctx: Ctx): Promise<number> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', REMIND_KEY).executeTakeFirst()
  const n = Number((row?.value as { days?: unknown } | undefined)?.days)
  return Number.isInteger(n) && n >= 0 && n <= 60 ? n : DEFAULT_REMINDER_DAYS
}

export async function reminderSetting(ctx: Ctx, provinceCode: string): Promise<{ days: number }> {
  await requireProvince(ctx, provinceCode, 'see')
  return { days: await reminderDays(ctx) }
}

export async function setReminderDays(ctx: Ctx, provinceCode: string, days: number): Promise<{ days: number }> {
  requirePermission(ctx.access, 'directives:write')
  await requireProvince(ctx, provinceCode, 'act')
  const value = JSON.stringify({ days })
  await inTransaction(ctx, (tx) =>
    tx.db
      .insertInto('settings')
      .values({ key: REMIND_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute(),
  )
  return { days }
}

/** Queues the reminder run unless one is already waiting. */
export async function queueReminders(ctx: Ctx): Promise<void> {
  const waiting = await ctx.db.selectFrom('jobs').select('id').where('kind', '=', REMIND_JOB).where('status', 'in', ['queued', 'running']).executeTakeFirst()
  if (!waiting) await enqueueJob(ctx, { kind: REMIND_JOB, title: 'Nhắc hạn nhiệm vụ sắp đến hạn' })
}

/**
 * Reminds the users of each body whose open work falls due within the configured number of days:
 * once per assignment and deadline (a new deadline is reminded again).
 */
export async function remindUpcoming(ctx: Ctx): Promise<{ reminded: number }> {
  const days = await reminderDays(ctx)
  const day = today(ctx)
  let reminded = 0
  for (;;) {
    const due = await cr.dueSoon(ctx.db, day, days, 500)
    if (due.length === 0) break
    const users = await repo.usersOfOrgs(ctx.db, [...new Set(due.map((d) => d.orgId))])
    await notifyEach(
      ctx,
      due.map((d) => ({
        userIds: users.filter((u) => u.orgId === d.orgId).map((u) => u.id),
        kind: 'task_due_soon',
        title: `Sắp đến hạn ${vnFormat(d.deadline)}: ${d.symbol ?? d.summary} – nhiệm vụ ${d.taskRef}`,
        body: `${d.orgName}: ${d.taskText.slice(0, 200)}`,
        link: '/viec-cua-toi',
        dedupeKey: `due:${d.id}:${d.deadline}`,
      })),
    )
    await inTransaction(ctx, (tx) => cr.markReminded(tx.db, due.map((d) => ({ id: Number(d.id), deadline: d.deadline }))))
    reminded += due.length
    if (due.length < 500) break
  }
  return { reminded }
}
