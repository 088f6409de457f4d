import { sql } from 'kysely'
import type { Cadence, DocumentSystem, DocumentType, NameRef, ParsedDirective, SigningAuthority } from '../../../domain/documents/types.ts'
import { formatSymbol, numberingPeriod } from '../../../domain/directives/numbering.ts'
import { assignmentNextCheck, assignmentState } from '../../../domain/directives/status.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import { type Access, auditEvent, type Ctx, hasPermission, inTransaction, isWithin, requirePermission, today } from '../../platform/context.ts'
import { AppError, badRequest, forbidden, notFound, outsideJurisdiction } from '../../platform/errors.ts'
import { enqueueJob } from '../../platform/jobs.ts'
import { mimeOf } from '../../platform/textract.ts'
import { runUntrusted } from '../../platform/untrusted/pool.ts'
import { PARSE_LIMITS } from '../../../domain/files/limits.ts'
import { notify, notifyEach } from '../notifications/service.ts'
import { getUnit } from '../units/service.ts'
import * as orgService from '../orgs/service.ts'
import { rollUpCascade } from './cascade.ts'
import { coalesce } from '../../platform/coalesce.ts'
import * as repo from './repo.ts'
import { numberingRules } from './settings.ts'


/** The province the deployment serves: directives belong to it. */
async function provincePath(ctx: Ctx, provinceCode: string): Promise<string> {
  return (await getUnit(ctx, provinceCode)).path
}

/**
 * Province-wide directive actions and settings: `see` needs the caller to see the province's
 * directives (anyone in the province), `act` a jurisdiction covering the whole province.
 */
export function requireProvince(ctx: Ctx, provinceCode: string, need: 'see' | 'act'): Promise<void> {
  // Checks of the same reach arriving together (a page's reads) share one lookup.
  return coalesce(ctx.db, `province:${need}:${provinceCode}:${ctx.access.unitPath}:${today(ctx)}`, async () => {
    const path = await provincePath(ctx, provinceCode)
    const ok = need === 'act' ? isWithin(ctx.access, path) : await repo.seesDirectivesOf(ctx.db, ctx.access, path)
    if (!ok) throw outsideJurisdiction()
  })
}

// ---------------------------------------------------------------- parsing

export interface UploadedFile {
  fileName: string
  content: Buffer
}

/** Proposes every field and the task list of a pasted or uploaded document; saves nothing. */
export async function parseDocument(
  ctx: Ctx,
  input: { text?: string | undefined; file?: UploadedFile | undefined },
): Promise<{ text: string; parsed: ParsedDirective; orgs: { id: number; name: string }[] }> {
  requirePermission(ctx.access, 'directives:read')
  if (!input.file && !input.text?.trim()) throw badRequest('EMPTY_DOCUMENT', 'Văn bản trống: hãy dán nội dung hoặc chọn tệp .docx, .pdf, .txt, .md.')
  const { orgs, groups, externalProvinces } = await orgService.orgsForMatching(ctx)
  // Reading the file and parsing the text happen in a worker thread, with limits (untrusted/pool.ts).
  const { text, parsed } = await runUntrusted<{ text: string; parsed: ParsedDirective }>(
    'readDirective',
    { ...(input.file ? { file: input.file } : { text: input.text ?? '' }), orgs, groups, externalProvinces },
    PARSE_LIMITS.documentSeconds,
  )
  if (!text.trim()) throw badRequest('EMPTY_DOCUMENT', 'Văn bản trống: hãy dán nội dung hoặc chọn tệp .docx, .pdf, .txt, .md.')
  const unmatched = parsed.tasks.filter((t) => t.lead.length === 0 || t.lead.some((l) => !l.orgId && !l.groupKey)).map((t) => t.ref)
  if (unmatched.length) {
    parsed.warnings.push(`Nhiệm vụ ${unmatched.join(', ')}: chưa xác định được cơ quan chủ trì trong danh mục; hãy chọn hoặc thêm cơ quan.`)
  }
  await auditEvent(ctx, 'parse', 'directive_source', { fileName: input.file?.fileName ?? null, characters: text.length, symbol: parsed.symbol })
  // Names of every body the proposal refers to, so the review screen can show them at once.
  const refs = [parsed.issuer, ...parsed.addressees, ...parsed.recipients, ...parsed.tasks.flatMap((t) => [...t.lead, ...t.coordinating])]
  const ids = new Set(refs.flatMap((r) => (r ? [...(r.orgId ? [r.orgId] : []), ...(r.memberIds ?? [])] : [])))
  return { text, parsed, orgs: orgs.filter((o) => ids.has(o.id)).map((o) => ({ id: o.id, name: o.name })) }
}

/**
 * The answer of POST /api/directives/parse: the proposal's fields at the top level (the documented
 * contract, the same as `phongdich directive parse --json`), the text that was read, and the
 * names of the bodies the proposal refers to.
 */
export type ParseResponse = ParsedDirective & { sourceText: string; orgs: { id: number; name: string }[] }

export function toParseResponse(r: Awaited<ReturnType<typeof parseDocument>>): ParseResponse {
  return { ...r.parsed, sourceText: r.text, orgs: r.orgs }
}

// ---------------------------------------------------------------- saving

export interface TaskInput {
  ref: string
  text: string
  lead: number[]
  coordinating: number[]
  /** Names as written in the document, by org id, for the record. */
  namesAsWritten?: Record<string, string> | undefined
  deadline: string | null
  cadence: Cadence
}

export interface DirectiveInput {
  system: DocumentSystem
  type: DocumentType
  number?: string | null | undefined
  symbol?: string | null | undefined
  issuerOrgId?: number | null | undefined
  issuerName: string
  place?: string | null | undefined
  date?: string | null | undefined
  urgency?: string | null | undefined
  secrecy?: string | null | undefined
  summary: string
  addressees: NameRef[]
  recipients: NameRef[]
  body: string
  signing: { authority: SigningAuthority | null; position: string | null; signer: string | null; actingFor?: string | null | undefined }
  references: { text: string; symbol: string | null; date: string | null }[]
  tasks: TaskInput[]
}

async function checkOrgs(ctx: Ctx, input: DirectiveInput, requireLead: boolean): Promise<void> {
  const ids = new Set<number>()
  if (input.issuerOrgId) ids.add(input.issuerOrgId)
  for (const t of input.tasks) for (const id of [...t.lead, ...t.coordinating]) ids.add(id)
  const known = await orgService.existingOrgIds(ctx, [...ids])
  const missing = [...ids].filter((id) => !known.has(id))
  if (missing.length) throw badRequest('ORG_NOT_FOUND', `Không tìm thấy cơ quan, tổ chức #${missing.join(', #')}.`)
  if (requireLead) {
    const noLead = input.tasks.filter((t) => t.lead.length === 0).map((t) => t.ref)
    if (noLead.length) {
      throw badRequest('TASK_WITHOUT_LEAD', `Nhiệm vụ ${noLead.join(', ')} chưa có cơ quan chủ trì. Hãy chọn cơ quan trong danh mục hoặc thêm cơ quan mới.`, { tasks: noLead })
    }
  }
  const refs = input.tasks.map((t) => t.ref)
  const dup = refs.find((r, i) => refs.indexOf(r) !== i)
  if (dup) throw badRequest('DUPLICATE_TASK_REF', `Số thứ tự nhiệm vụ "${dup}" bị trùng.`)
}

async function writeTasks(ctx: Ctx, directiveId: number, tasks: TaskInput[]): Promise<void> {
  let position = 0
  for (const t of tasks) {
    const taskId = await repo.insertTask(ctx.db, {
      directiveId,
      position: position++,
      ref: t.ref,
      text: t.text,
      deadline: t.deadline,
      cadence: JSON.stringify(t.cadence),
    })
    const lead = [...new Set(t.lead)]
    await repo.insertAssignments(ctx.db, [
      ...lead.map((orgId) => ({ taskId, orgId, role: 'lead' as const, nameAsWritten: t.namesAsWritten?.[orgId] ?? null })),
      ...[...new Set(t.coordinating)].filter((id) => !lead.includes(id)).map((orgId) => ({ taskId, orgId, role: 'coordinating' as const, nameAsWritten: t.namesAsWritten?.[orgId] ?? null })),
    ])
  }
}

async function writeReferences(ctx: Ctx, directiveId: number, refs: DirectiveInput['references']): Promise<void> {
  const rows = []
  for (const r of refs) {
    const targets = r.symbol ? await repo.findBySymbol(ctx.db, r.symbol) : []
    const target = targets.find((t) => !r.date || t.issuedOn === r.date) ?? null
    rows.push({ directiveId, text: r.text, symbol: r.symbol, refDate: r.date, targetId: target?.id ?? null })
  }
  await repo.insertReferences(ctx.db, rows)
}

function directiveValues(input: DirectiveInput) {
  return {
    system: input.system,
    docType: input.type,
    number: input.number ?? null,
    symbol: input.symbol ?? null,
    issuerOrgId: input.issuerOrgId ?? null,
    issuerName: input.issuerName,
    place: input.place ?? null,
    issuedOn: input.date ?? null,
    urgency: input.urgency ?? null,
    secrecy: input.secrecy ?? null,
    summary: input.summary,
    addressees: JSON.stringify(input.addressees),
    recipients: JSON.stringify(input.recipients),
    body: input.body,
    signing: JSON.stringify(input.signing),
  }
}

/**
 * Records a reviewed document with its tasks and assigned bodies, in one transaction: either all
 * of it is saved or nothing. Every task needs a lead body from the registry.
 */
export async function importDirective(
  ctx: Ctx,
  provinceCode: string,
  input: DirectiveInput & { sourceText: string; file?: UploadedFile | undefined },
): Promise<number> {
  requirePermission(ctx.access, 'directives:write')
  if (!input.date) throw badRequest('DATE_REQUIRED', 'Cần ngày ban hành của văn bản để tính hạn báo cáo.')
  const unitPath = await provincePath(ctx, provinceCode)
  if (!isWithin(ctx.access, unitPath)) throw outsideJurisdiction()
  await checkOrgs(ctx, input, true)
  const id = await inTransaction(ctx, async (tx) => {
    if (input.symbol && (await repo.findBySymbol(tx.db, input.symbol)).some((d) => d.issuedOn === input.date)) {
      throw new AppError(409, 'DIRECTIVE_EXISTS', `Văn bản số ${input.symbol} ngày ${input.date} đã có trong hệ thống.`)
    }
    const id = await repo.insertDirective(tx.db, { ...directiveValues(input), status: 'imported', sourceText: input.sourceText, unitPath, createdBy: tx.access.userId })
    await writeTasks(tx, id, input.tasks)
    await writeReferences(tx, id, input.references)
    if (input.symbol) await repo.linkReferencesTo(tx.db, id, input.symbol)
    if (input.file) await repo.insertFile(tx.db, { directiveId: id, fileName: input.file.fileName, mime: mimeOf(input.file.fileName), content: input.file.content })
    await refreshAssignments(tx, { directiveId: id })
    return id
  })
  await notifyNewTasks(ctx, id)
  return id
}

/** A directive composed in the system, not yet sent. */
export async function createDraft(ctx: Ctx, provinceCode: string, input: DirectiveInput): Promise<number> {
  requirePermission(ctx.access, 'directives:write')
  const unitPath = await provincePath(ctx, provinceCode)
  if (!isWithin(ctx.access, unitPath)) throw outsideJurisdiction()
  await checkOrgs(ctx, input, false)
  return inTransaction(ctx, async (tx) => {
    const id = await repo.insertDirective(tx.db, { ...directiveValues({ ...input, number: null, symbol: null, date: null }), status: 'draft', sourceText: null, unitPath, createdBy: tx.access.userId })
    await writeTasks(tx, id, input.tasks)
    await writeReferences(tx, id, input.references)
    return id
  })
}

export async function updateDraft(ctx: Ctx, id: number, input: DirectiveInput): Promise<void> {
  requirePermission(ctx.access, 'directives:write')
  const d = await loadDirective(ctx, id, 'write')
  if (d.status !== 'draft') throw badRequest('NOT_A_DRAFT', 'Chỉ sửa được văn bản đang soạn thảo; văn bản đã ban hành hoặc đã nhập không sửa nội dung.')
  await checkOrgs(ctx, input, false)
  await inTransaction(ctx, async (tx) => {
    await repo.updateDirective(tx.db, id, directiveValues({ ...input, number: null, symbol: null, date: null }))
    await repo.deleteTasks(tx.db, id)
    await writeTasks(tx, id, input.tasks)
    await repo.deleteReferences(tx.db, id)
    await writeReferences(tx, id, input.references)
  })
}

/**
 * Sends a draft: gives it the next number of its type in the issuer's term or year, dates it
 * today, and turns every task into assignments (a task with no body named goes to all addressees).
 */
export async function issueDirective(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.access, 'directives:write')
  const d = await loadDirective(ctx, id, 'write')
  if (d.status !== 'draft') throw badRequest('NOT_A_DRAFT', 'Văn bản này đã được ban hành.')
  if (!d.issuerOrgId) throw badRequest('ISSUER_REQUIRED', 'Chọn cơ quan ban hành trước khi ban hành văn bản.')
  const issuer = await orgService.orgDocCode(ctx, d.issuerOrgId)
  if (!issuer?.docCode) throw badRequest('ISSUER_CODE_REQUIRED', `Cơ quan "${issuer?.name ?? ''}" chưa có ký hiệu văn bản (ví dụ TU, UBND, BCĐ).`)
  const tasks = await repo.tasksOf(ctx.db, ctx.access, id)
  if (tasks.length === 0) throw badRequest('NO_TASKS', 'Văn bản chưa có nhiệm vụ nào để giao.')
  const date = today(ctx)
  await inTransaction(ctx, async (tx) => {
    const number = await repo.nextNumber(tx.db, d.issuerOrgId!, d.docType, numberingPeriod(await numberingRules(tx), d.system, date))
    const addresseeOrgs = [...new Set((d.addressees as NameRef[]).flatMap((a) => (a.orgId ? [a.orgId] : (a.memberIds ?? []))))]
    const assigned = await repo.allAssignments(tx.db).where('d.id', '=', id).execute()
    const withBodies = new Set(assigned.map((a) => a.taskId))
    for (const t of tasks.filter((t) => !withBodies.has(t.id))) {
      await repo.insertAssignments(tx.db, addresseeOrgs.map((orgId) => ({ taskId: t.id, orgId, role: 'lead' as const, nameAsWritten: null })))
    }
    if (tasks.some((t) => !withBodies.has(t.id)) && addresseeOrgs.length === 0) {
      throw badRequest('NO_ASSIGNEES', 'Có nhiệm vụ chưa giao cho cơ quan nào và văn bản chưa có nơi nhận trong danh mục.')
    }
    await repo.updateDirective(tx.db, id, {
      status: 'issued',
      number: String(number),
      symbol: formatSymbol(d.system, number, d.docType as DocumentType, issuer.docCode!),
      issuedOn: date,
      issuedAt: ctx.now(),
    })
    await refreshAssignments(tx, { directiveId: id })
  })
  await notifyNewTasks(ctx, id)
}

/**
 * A directive the caller sees (who sees what: `repo.visibleDirective`); to change one, its unit
 * must also lie in the caller's jurisdiction (the province's directives are written by the province).
 */
async function loadDirective(ctx: Ctx, id: number, use: 'read' | 'write' = 'read') {
  const d = await repo.findDirective(ctx.db, ctx.access, id)
  if (!d) throw notFound(`văn bản #${id}`)
  if (use === 'write' && !isWithin(ctx.access, d.unitPath)) throw outsideJurisdiction()
  return d
}

// ---------------------------------------------------------------- status read model

/** A stored instant as ISO text; '-infinity' (check at the next sweep) stays as it is. */
export const instant = (v: Date | string | number | null | undefined) => {
  if (v === null || v === undefined) return null
  const d = new Date(v)
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString()
}

/** The instant a day begins in Vietnam (UTC+7, no daylight saving). */
export const vnMidnight = (day: string) => new Date(`${day}T00:00:00+07:00`).toISOString()

/**
 * Recomputes the stored status (and the next moment to check it) of the given assignments from
 * their reports and the clock, and writes the changed ones back in one statement. Returns the
 * assignments that have just become late.
 */
async function recompute(ctx: Ctx, rows: (repo.AssignmentRow & { nextCheckAt?: Date | string | null })[]): Promise<repo.AssignmentRow[]> {
  const facts = await repo.reportFactsOf(ctx.db, rows.map((r) => r.id))
  const byAssignment = new Map<number, typeof facts>()
  for (const f of facts) {
    const list = byAssignment.get(f.assignmentId)
    if (list) list.push(f)
    else byAssignment.set(f.assignmentId, [f])
  }
  const day = today(ctx)
  const newlyLate: repo.AssignmentRow[] = []
  const changed: repo.StoredState[] = []
  for (const a of rows) {
    const mine = byAssignment.get(a.id) ?? []
    const state = assignmentState({
      cadence: a.cadence as Cadence,
      // Periodic reports are due from the day the work reached the body.
      issuedOn: a.assignedOn ?? a.issuedOn ?? day,
      deadline: a.deadline,
      today: day,
      reports: mine.map((r) => ({ submittedOn: vnDate(new Date(r.submittedAt)), status: r.status, review: r.review })),
    })
    const last = mine.filter((r) => r.review !== 'returned').at(-1)
    const checkDay = assignmentNextCheck(state)
    const next: repo.StoredState = {
      id: a.id,
      status: state.status,
      overdueSince: state.overdueSince,
      nextDue: state.nextDue,
      percent: last?.percent ?? null,
      lastReportAt: last ? new Date(last.submittedAt).toISOString() : null,
      nextCheckAt: checkDay ? vnMidnight(checkDay) : null,
    }
    const storedCheck = instant(a.nextCheckAt)
    const storedReport = a.lastReportAt ? new Date(a.lastReportAt).toISOString() : null
    if (
      next.status !== a.status ||
      next.overdueSince !== a.overdueSince ||
      next.nextDue !== a.nextDue ||
      next.percent !== a.percent ||
      next.lastReportAt !== storedReport ||
      next.nextCheckAt !== storedCheck
    ) {
      changed.push(next)
    }
    if (state.status === 'late' && a.status !== 'late') newlyLate.push({ ...a, status: 'late', overdueSince: state.overdueSince })
  }
  await rollUpCascade(ctx, rows, changed)
  await repo.writeStates(ctx.db, changed, ctx.now())
  return newlyLate
}

/**
 * Recomputes the stored status of one directive's assignments or of some assignments (after a
 * report, a review, an import or an issue). Returns the assignments that have just become late.
 */
export async function refreshAssignments(ctx: Ctx, scope: { directiveId?: number; assignmentIds?: number[] }): Promise<repo.AssignmentRow[]> {
  // Locked until the caller's transaction ends, so a sweep running meanwhile skips them.
  let q = repo.allAssignments(ctx.db).select('a.nextCheckAt').where('d.status', '<>', 'draft').forUpdate(['a'])
  if (scope.directiveId) q = q.where('a.directiveId', '=', scope.directiveId)
  if (scope.assignmentIds) q = q.where(sql<boolean>`a.id = ANY(${sql.val(scope.assignmentIds)}::bigint[])`)
  return recompute(ctx, await q.execute())
}

export const SWEEP_JOB = 'directives.sweep'
/** Assignments recomputed per transaction by the sweep. */
export const SWEEP_BATCH = 500
const SWEEP_ANALYZE_AFTER = 5_000

/** Queues the overdue sweep unless one is already waiting. */
export async function queueSweep(ctx: Ctx): Promise<void> {
  const waiting = await ctx.db.selectFrom('jobs').select('id').where('kind', '=', SWEEP_JOB).where('status', 'in', ['queued', 'running']).executeTakeFirst()
  if (!waiting) await enqueueJob(ctx, { kind: SWEEP_JOB, title: 'Rà soát nhiệm vụ trễ hạn' })
}

/**
 * The periodic sweep: statuses move with the clock. Only assignments whose next check has come
 * are recomputed, a batch per transaction, oldest check first; newly late ones raise reminders.
 */
export async function sweepOverdue(ctx: Ctx): Promise<{ late: number; checked: number }> {
  const now = ctx.now()
  let late = 0
  let checked = 0
  const digest = new LateDigest()
  for (;;) {
    const { count, newlyLate } = await inTransaction(ctx, async (tx) => {
      const rows = await repo.dueForCheck(tx.db, now, SWEEP_BATCH)
      return { count: rows.length, newlyLate: await recompute(tx, rows) }
    })
    // A first batch that comes full announces a large sweep (a first start, many new assignments, a
    // long pause): the planner's statistics may still describe the table before those rows came, and
    // would then sort every due row for each batch. They are refreshed once, before the next batch.
    if (checked === 0 && count === SWEEP_BATCH) await repo.analyzeAssignments(ctx.db)
    checked += count
    late += newlyLate.length
    digest.add(newlyLate)
    if (count < SWEEP_BATCH) break
    // A turn of the event loop between batches: requests waiting for the database are served
    // before the next batch is sent.
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  await inTransaction(ctx, (tx) => repo.foldStatusChanges(tx.db))
  await repo.vacuumStatusChanges(ctx.db)
  // Many statuses changed at once (a first sweep, a long pause): refresh the planner's statistics
  // now rather than at autovacuum's next pass, so the overdue list walks its index.
  if (checked >= SWEEP_ANALYZE_AFTER) await repo.analyzeAssignments(ctx.db)
  await notifyLate(ctx, digest)
  return { late, checked }
}

/**
 * Up to this many newly late tasks in one sweep, a body (and the Office) is told of each; past it,
 * one reminder names the count (a first sweep over a year, a long pause).
 */
const LATE_ONE_BY_ONE = 20

/** Newly late work gathered over a sweep, kept small whatever its size: per body, the count and the first few. */
class LateDigest {
  readonly byOrg = new Map<number, { count: number; first: repo.AssignmentRow[] }>()
  total = 0
  add(list: repo.AssignmentRow[]): void {
    for (const a of list) {
      const entry = this.byOrg.get(a.orgId) ?? { count: 0, first: [] }
      entry.count++
      if (entry.first.length <= LATE_ONE_BY_ONE) entry.first.push(a)
      this.byOrg.set(a.orgId, entry)
      this.total++
    }
  }
}

const lateOne = (a: repo.AssignmentRow) => ({
  kind: 'task_late',
  title: `Trễ hạn: ${a.symbol ?? a.summary} – nhiệm vụ ${a.taskRef}`,
  body: `${a.orgName} chưa báo cáo nhiệm vụ ${a.taskRef} (${a.taskText.slice(0, 160)}) đến hạn ngày ${a.overdueSince}. Người đứng đầu chịu trách nhiệm: ${headOf(a)}.`,
  link: `/directives/${a.directiveId}`,
  dedupeKey: `late:${a.id}:${a.overdueSince}`,
})
const headOf = (a: repo.AssignmentRow) => `${a.headName ?? 'chưa cập nhật'}${a.headPosition ? `, ${a.headPosition}` : ''}`

/**
 * Reminders for newly late work, once per assignment and due date: the assigned body's users and
 * the Office are told of each one, or, when a sweep finds many at once (a first start, a long
 * pause), given one reminder with the count and a link to the list, rather than thousands.
 */
async function notifyLate(ctx: Ctx, digest: LateDigest): Promise<void> {
  if (digest.total === 0) return
  const [bodies, office] = await Promise.all([repo.usersOfOrgs(ctx.db, [...digest.byOrg.keys()]), repo.officeUsers(ctx.db)])
  const day = today(ctx)
  const list: Parameters<typeof notifyEach>[1] = []
  for (const [orgId, { count, first }] of digest.byOrg) {
    const userIds = bodies.filter((u) => u.orgId === orgId).map((u) => u.id)
    if (userIds.length === 0) continue
    const a = first[0]!
    if (count <= LATE_ONE_BY_ONE) list.push(...first.map((f) => ({ ...lateOne(f), userIds })))
    else
      list.push({
        userIds,
        kind: 'task_late',
        title: `${count} nhiệm vụ của ${a.orgName} mới trễ hạn`,
        body: `${a.orgName} có ${count} nhiệm vụ quá hạn chưa báo cáo hoàn thành, trong đó nhiệm vụ ${a.taskRef} của văn bản ${a.symbol ?? a.summary} (hạn ${a.overdueSince}). Người đứng đầu chịu trách nhiệm: ${headOf(a)}.`,
        link: `/directives/orgs/${orgId}?status=late`,
        dedupeKey: `late-digest:${orgId}:${day}:${a.id}:${count}`,
      })
  }
  const officeIds = office.map((u) => u.id)
  if (officeIds.length) {
    if (digest.total <= LATE_ONE_BY_ONE) {
      for (const { first } of digest.byOrg.values()) list.push(...first.map((f) => ({ ...lateOne(f), userIds: officeIds })))
    } else {
      const most = [...digest.byOrg.values()].sort((x, y) => y.count - x.count).slice(0, 5)
      list.push({
        userIds: officeIds,
        kind: 'task_late',
        title: `${digest.total} nhiệm vụ mới trễ hạn, của ${digest.byOrg.size} cơ quan`,
        body: `Nhiều nhất: ${most.map((m) => `${m.first[0]!.orgName} (${m.count})`).join('; ')}.`,
        link: '/directives',
        dedupeKey: `late-digest:office:${day}:${most[0]!.first[0]!.id}:${digest.total}`,
      })
    }
  }
  await notifyEach(ctx, list)
}

async function notifyNewTasks(ctx: Ctx, directiveId: number): Promise<void> {
  const rows = await repo.allAssignments(ctx.db).where('d.id', '=', directiveId).execute()
  const byOrg = new Map<number, repo.AssignmentRow[]>()
  for (const r of rows) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r])
  for (const [orgId, list] of byOrg) {
    const users = await repo.usersOfOrgs(ctx.db, [orgId])
    if (users.length === 0) continue
    const first = list[0]!
    await notify(ctx, {
      userIds: users.map((u) => u.id),
      kind: 'task_assigned',
      title: `Nhiệm vụ mới: ${first.symbol ?? ''} ${first.summary}`.trim(),
      body: `${first.orgName} được giao ${list.length} nhiệm vụ (${list.map((l) => `${l.taskRef}${l.role === 'lead' ? ' chủ trì' : ' phối hợp'}`).join(', ')}).`,
      link: `/directives/${directiveId}`,
      dedupeKey: `assigned:${directiveId}`,
    })
  }
}

// ---------------------------------------------------------------- reports

export interface ReportInput {
  text: string
  status: 'in_progress' | 'done' | 'blocked'
  percent: number
  attachments?: UploadedFile[] | undefined
}

/** A progress report by the assigned body itself (its users), or by the Office on its behalf. */
export async function postReport(ctx: Ctx, assignmentId: number, input: ReportInput): Promise<number> {
  requirePermission(ctx.access, 'directives:report')
  const a = await repo.findAssignment(ctx.db, ctx.access, assignmentId)
  if (!a) throw notFound(`nhiệm vụ được giao #${assignmentId}`)
  if (a.directiveStatus === 'draft') throw badRequest('NOT_ISSUED', 'Văn bản chưa ban hành nên chưa nhận báo cáo.')
  const ownBody = ctx.access.orgId === a.orgId
  if (!ownBody && !hasPermission(ctx.access, 'directives:review')) {
    throw forbidden(`Chỉ cán bộ của ${a.orgName} mới báo cáo được nhiệm vụ này.`)
  }
  if (input.status === 'done' && input.percent < 100) throw badRequest('DONE_NEEDS_100', 'Báo cáo hoàn thành cần tiến độ 100%.')
  const id = await inTransaction(ctx, async (tx) => {
    const id = await repo.insertReport(tx.db, { assignmentId, text: input.text, status: input.status, percent: input.percent, submittedBy: tx.access.userId, submittedAt: ctx.now() })
    await repo.insertReportFiles(tx.db, (input.attachments ?? []).map((f) => ({ reportId: id, fileName: f.fileName, mime: mimeOf(f.fileName), content: f.content })))
    await refreshAssignments(tx, { assignmentIds: [assignmentId] })
    return id
  })
  const office = await repo.officeUsers(ctx.db)
  await notify(ctx, {
    userIds: office.map((u) => u.id).filter((u) => u !== ctx.access.userId),
    kind: 'report_posted',
    title: `Báo cáo mới: ${a.orgName} – ${a.symbol ?? ''} nhiệm vụ ${a.taskRef}`,
    body: `${input.percent}% – ${input.text.slice(0, 200)}`,
    link: `/directives/${a.directiveId}`,
    dedupeKey: `report:${id}`,
  })
  return id
}

/** The Office accepts a report or returns it with a comment. */
/**
 * Who judges a body's report: the issuing side (reviewers whose jurisdiction holds the directive's
 * unit, e.g. the provincial Office for the province's directives) and, for work passed on, the body
 * that passed it on. Never a body judging its own report through a wider role elsewhere.
 */
export function mayReview(access: Access, a: { directiveUnitPath: string; orgId: number }, passedOnBy: number | undefined): boolean {
  if (access.orgId !== null && access.orgId === a.orgId) return false
  if (hasPermission(access, 'directives:review') && isWithin(access, a.directiveUnitPath)) return true
  return passedOnBy !== undefined && access.orgId === passedOnBy && hasPermission(access, 'directives:report')
}

export async function reviewReport(ctx: Ctx, reportId: number, input: { decision: 'accept' | 'return'; comment?: string | undefined }): Promise<void> {
  requirePermission(ctx.access, 'directives:read')
  const r = await repo.findReport(ctx.db, ctx.access, reportId)
  if (!r) throw notFound(`báo cáo #${reportId}`)
  const a = (await repo.findAssignment(ctx.db, ctx.access, r.assignmentId))!
  const parentBody = (await repo.passedOnBy(ctx.db, [a.id])).get(a.id)
  if (!mayReview(ctx.access, a, parentBody)) {
    throw forbidden('Chỉ cơ quan giao nhiệm vụ (Văn phòng đối với văn bản của tỉnh, hoặc cơ quan đã giao tiếp nhiệm vụ) mới xem xét báo cáo này.')
  }
  if (r.review !== 'pending') throw badRequest('ALREADY_REVIEWED', 'Báo cáo này đã được xem xét.')
  if (input.decision === 'return' && !input.comment?.trim()) throw badRequest('COMMENT_REQUIRED', 'Khi trả lại báo cáo cần ghi rõ lý do.')
  await inTransaction(ctx, async (tx) => {
    const decided = await repo.setReview(tx.db, reportId, { review: input.decision === 'accept' ? 'accepted' : 'returned', reviewComment: input.comment?.trim() || null, reviewedBy: tx.access.userId, reviewedAt: ctx.now() })
    if (!decided) throw badRequest('ALREADY_REVIEWED', 'Báo cáo này đã được xem xét.')
    await refreshAssignments(tx, { assignmentIds: [r.assignmentId] })
  })
  const users = await repo.usersOfOrgs(ctx.db, [a.orgId])
  await notify(ctx, {
    userIds: users.map((u) => u.id),
    kind: input.decision === 'accept' ? 'report_accepted' : 'report_returned',
    title: `${input.decision === 'accept' ? 'Báo cáo được chấp nhận' : 'Báo cáo bị trả lại'}: ${a.symbol ?? ''} nhiệm vụ ${a.taskRef}`,
    ...(input.comment ? { body: input.comment } : {}),
    link: `/directives/${a.directiveId}`,
    dedupeKey: `review:${reportId}`,
  })
}

/** Corrects the body assigned to a task (the registry match was wrong). */
export async function reassign(ctx: Ctx, assignmentId: number, orgId: number): Promise<void> {
  requirePermission(ctx.access, 'directives:write')
  const a = await repo.findAssignment(ctx.db, ctx.access, assignmentId)
  if (!a) throw notFound(`nhiệm vụ được giao #${assignmentId}`)
  if (!isWithin(ctx.access, a.directiveUnitPath)) throw outsideJurisdiction()
  if (!(await repo.bodyInCallerReach(ctx.db, ctx.access, orgId))) throw badRequest('ORG_NOT_FOUND', `Không tìm thấy cơ quan, tổ chức #${orgId}.`)
  await inTransaction(ctx, (tx) => repo.setAssignmentOrg(tx.db, assignmentId, orgId))
}

export async function directiveFile(ctx: Ctx, directiveId: number, fileId: number) {
  requirePermission(ctx.access, 'directives:read')
  const f = await repo.fileById(ctx.db, ctx.access, directiveId, fileId)
  if (!f) throw notFound('tệp')
  return f
}

export async function reportAttachment(ctx: Ctx, reportId: number, fileId: number) {
  requirePermission(ctx.access, 'directives:read')
  const f = await repo.reportFile(ctx.db, ctx.access, reportId, fileId)
  if (!f) throw notFound('tệp đính kèm')
  return f
}

/** Discards a draft; issued and imported documents stay (they are the record). */
export async function deleteDraft(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.access, 'directives:write')
  const d = await loadDirective(ctx, id, 'write')
  if (d.status !== 'draft') throw badRequest('NOT_A_DRAFT', 'Chỉ xóa được bản nháp; văn bản đã ban hành hoặc đã nhập được lưu giữ.')
  await inTransaction(ctx, (tx) => repo.deleteDirective(tx.db, id))
}
