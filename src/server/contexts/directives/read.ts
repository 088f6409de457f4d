import { type DocumentType, DOCUMENT_TYPES, type NameRef } from '../../../domain/documents/types.ts'
import { type SynthesisLine, TASK_STATUS_LABELS, type SynthesisReport, type TaskStatus } from '../../../domain/documents/render-types.ts'
import { daysLate, worstStatus } from '../../../domain/directives/status.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import { compareVietnamese } from '../../../domain/text/sortKey.ts'
import { coalesce, keptRead } from '../../platform/coalesce.ts'
import { changeVersion } from '../../platform/db.ts'
import { type Ctx, requirePermission, today } from '../../platform/context.ts'
import { notFound } from '../../platform/errors.ts'
import { getUnit } from '../units/service.ts'
import { bodyOfKind } from '../orgs/service.ts'
import { DETAIL_ASSIGNMENTS_LIMIT, MOST_LATE_DIRECTIVES, OVERDUE_ROWS_LIMIT } from './render/synthesisContent.ts'
import type { PackedLines } from './render/packedLines.ts'
import * as repo from './repo.ts'
import { mayReview } from './service.ts'

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null)

/** A directive with its tasks, the bodies assigned, their reports and its references. */
export async function getDirective(ctx: Ctx, id: number) {
  requirePermission(ctx.access, 'directives:read')
  const d = await repo.findDirective(ctx.db, ctx.access, id)
  if (!d) throw notFound(`văn bản #${id}`)
  const [tasks, assignments, references, files] = await Promise.all([
    repo.tasksOf(ctx.db, ctx.access, id),
    repo.assignmentsQuery(ctx.db, ctx.access).where('d.id', '=', id).orderBy('t.position').orderBy('a.role').orderBy('o.name').execute(),
    repo.referencesOf(ctx.db, ctx.access, id),
    repo.filesOf(ctx.db, ctx.access, id),
  ])
  const [reports, passedOn] = await Promise.all([repo.reportsOfAssignments(ctx.db, assignments.map((a) => a.id)), repo.passedOnBy(ctx.db, assignments.map((a) => a.id))])
  const reportFiles = await repo.reportFiles(ctx.db, reports.map((r) => r.id))
  return {
    id: d.id,
    status: d.status,
    system: d.system,
    type: d.docType,
    typeName: DOCUMENT_TYPES[d.docType as DocumentType]?.vi ?? d.docType,
    number: d.number,
    symbol: d.symbol,
    issuerOrgId: d.issuerOrgId,
    issuerName: d.issuerName,
    place: d.place,
    date: d.issuedOn,
    urgency: d.urgency,
    secrecy: d.secrecy,
    summary: d.summary,
    addressees: d.addressees as NameRef[],
    recipients: d.recipients as NameRef[],
    body: d.body,
    signing: d.signing as { authority: string | null; position: string | null; signer: string | null; actingFor?: string | null },
    sourceText: d.sourceText,
    createdAt: iso(d.createdAt),
    references: references.map((r) => ({ ...r })),
    files: files.map((f) => ({ id: f.id, fileName: f.fileName, mime: f.mime })),
    tasks: tasks.map((t) => ({
      id: t.id,
      ref: t.ref,
      text: t.text,
      deadline: t.deadline,
      cadence: t.cadence,
      assignments: assignments
        .filter((a) => a.taskId === t.id)
        .map((a) => ({
          id: a.id,
          orgId: a.orgId,
          orgName: a.orgName,
          nameAsWritten: a.nameAsWritten,
          transferNote: a.transferNote,
          role: a.role,
          status: a.status,
          statusName: TASK_STATUS_LABELS[a.status].vi,
          overdueSince: a.overdueSince,
          nextDue: a.nextDue,
          percent: a.percent,
          head: a.headName,
          headPosition: a.headPosition,
          /** Whether the caller may accept or return this body's reports. */
          mayReview: mayReview(ctx.access, a, passedOn.get(a.id)),
          reports: reports
            .filter((r) => r.assignmentId === a.id)
            .map((r) => ({
              id: r.id,
              text: r.text,
              status: r.status,
              percent: r.percent,
              submittedAt: iso(r.submittedAt),
              submittedBy: r.submittedByName,
              review: r.review,
              reviewComment: r.reviewComment,
              reviewedBy: r.reviewedByName,
              reviewedAt: iso(r.reviewedAt),
              files: reportFiles.filter((f) => f.reportId === r.id).map((f) => ({ id: f.id, fileName: f.fileName })),
            })),
        })),
    })),
  }
}

export async function listDirectives(ctx: Ctx, provinceCode: string, f: Omit<repo.DirectiveFilter, 'unitPath'>) {
  requirePermission(ctx.access, 'directives:read')
  const province = await getUnit(ctx, provinceCode)
  const filter = { ...f, unitPath: province.path }
  const [rows, total] = await Promise.all([repo.listDirectives(ctx.db, ctx.access, filter), repo.countDirectives(ctx.db, ctx.access, filter)])
  return { total, directives: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt), taskCount: Number(r.taskCount ?? 0) })) }
}

export interface DashboardFilter {
  from?: string | undefined
  to?: string | undefined
  issuerOrgId?: number | undefined
  /** Only bodies located in this unit's subtree. */
  unitCode?: string | undefined
}

export interface Paging {
  limit: number
  offset: number
}

/** Months of directives shown when the filter names no start: the current month and the 11 before it. */
export const DEFAULT_MONTHS = 12

/** The period a filter covers: its dates, or by default the last 12 months of directive dates. */
export function periodOf(day: string, f: Pick<DashboardFilter, 'from' | 'to'>): { from: string; to: string | null; isDefault: boolean } {
  if (f.from) return { from: f.from, to: f.to ?? null, isDefault: false }
  const end = f.to ?? day
  const [y, m] = end.split('-').map(Number) as [number, number]
  const months = y * 12 + (m - 1) - (DEFAULT_MONTHS - 1)
  const from = `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}-01`
  return { from, to: f.to ?? null, isDefault: true }
}

/** Late work of the bodies of a unit over the dashboard's default period, from the kept counts, as far as the caller sees it. */
export async function lateInUnit(ctx: Ctx, unitPath: string): Promise<{ late: number; from: string }> {
  requirePermission(ctx.access, 'directives:read')
  const period = periodOf(today(ctx), {})
  const rows = await repo.countsByOrg(ctx.db, ctx.access, { from: period.from, to: period.to, unitPath })
  return { late: rows.reduce((n, r) => n + Number(r.late), 0), from: period.from }
}

async function resolve(ctx: Ctx, f: DashboardFilter) {
  const day = today(ctx)
  const period = periodOf(day, f)
  const unitPath = f.unitCode ? (await getUnit(ctx, f.unitCode)).path : undefined
  const p: repo.Period = { from: period.from, to: period.to, issuerOrgId: f.issuerOrgId, unitPath }
  return { day, period, p }
}

const emptyCounts = (): Record<TaskStatus, number> => ({ done: 0, on_time: 0, late: 0, not_started: 0 })
const countsOf = (r: { done: number; onTime: number; late: number; notStarted: number }): Record<TaskStatus, number> => ({
  done: Number(r.done),
  on_time: Number(r.onTime),
  late: Number(r.late),
  not_started: Number(r.notStarted),
})
const sumCounts = (c: Record<TaskStatus, number>) => c.done + c.on_time + c.late + c.not_started

/** The rows shown of the overdue list on the dashboard; the full list is paged (overdueList). */
export const OVERDUE_PREVIEW = 10

function overdueRows(ctx: Ctx, p: repo.Period, day: string, page: Paging) {
  return repo
    .periodAssignments(ctx.db, ctx.access, p)
    .where('a.status', '=', 'late')
    .orderBy('a.overdueSince')
    .orderBy('a.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
    .then((rows) =>
      rows.map((r) => ({
        assignmentId: r.id,
        directiveId: r.directiveId,
        symbol: r.symbol,
        summary: r.summary,
        taskRef: r.taskRef,
        taskText: r.taskText,
        orgId: r.orgId,
        orgName: r.orgName,
        role: r.role,
        head: r.headName,
        headPosition: r.headPosition,
        overdueSince: r.overdueSince!,
        daysLate: daysLate(r.overdueSince!, day),
      })),
    )
}

/**
 * The Office's picture of a period (by default the last 12 months): totals and per-body counts
 * (from the kept counts), a page of directives × bodies (newest first) and the longest overdue.
 */
/** What decides a read's answer besides its filter: the caller's reach and the day. */
const readKey = (ctx: Ctx, what: string, f: object) => JSON.stringify([what, ctx.access.unitPath, ctx.access.orgId, today(ctx), f])

export function dashboard(ctx: Ctx, f: DashboardFilter & Partial<Paging>) {
  requirePermission(ctx.access, 'directives:read')
  return coalesce(ctx.db, readKey(ctx, 'dashboard', f), () => computeDashboard(ctx, f))
}

/**
 * A read as the JSON text of its answer, for the routes: identical requests in flight share the
 * computation and its serialisation (a page's answer is written once, not once per official), and
 * the text is reused until a change to the directives' tables commits (migration 0032).
 */
function asJson<T>(ctx: Ctx, what: string, f: object, compute: () => Promise<T>): Promise<string> {
  requirePermission(ctx.access, 'directives:read')
  return keptRead(ctx.db, () => changeVersion(ctx.db, 'phongdich_directives'), readKey(ctx, `${what}:json`, f), async () => JSON.stringify(await compute()))
}

export const dashboardJson = (ctx: Ctx, f: DashboardFilter & Partial<Paging>) => asJson(ctx, 'dashboard', f, () => computeDashboard(ctx, f))

async function computeDashboard(ctx: Ctx, f: DashboardFilter & Partial<Paging>) {
  const { day, period, p } = await resolve(ctx, f)
  const page = { limit: f.limit ?? 20, offset: f.offset ?? 0 }
  const directivesQ = repo.periodDirectives(ctx.db, ctx.access, p)
  const [byOrg, directiveCount, directives, overdue] = await Promise.all([
    repo.countsByOrg(ctx.db, ctx.access, p),
    directivesQ.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    directivesQ
      .select(['d.id', 'd.symbol', 'd.summary', 'd.issuedOn as date', 'd.issuerName'])
      .orderBy('d.issuedOn', 'desc')
      .orderBy('d.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    overdueRows(ctx, p, day, { limit: OVERDUE_PREVIEW, offset: 0 }),
  ])
  const cells = new Map<string, { directiveId: number; orgId: number; statuses: TaskStatus[]; count: number }>()
  for (const c of await repo.cellsOf(ctx.db, ctx.access, directives.map((d) => d.id), p)) {
    const key = `${c.directiveId}:${c.orgId}`
    const cell = cells.get(key) ?? { directiveId: c.directiveId, orgId: c.orgId, statuses: [], count: 0 }
    cell.statuses.push(c.status)
    cell.count += Number(c.n)
    cells.set(key, cell)
  }
  const totals = emptyCounts()
  // The period's counts cover every body; the reply names only the bodies of this page's matrix
  // (the per-body page and the synthesis have the rest), so its size does not grow with the year.
  const onPage = new Set([...cells.values()].map((c) => c.orgId))
  const orgs = byOrg
    .map((o) => {
      const counts = countsOf(o)
      for (const s of TASK_STATUS_KEYS) totals[s] += counts[s]
      return { id: o.orgId, name: o.name, counts }
    })
    .filter((o) => onPage.has(o.id))
    .sort((a, b) => b.counts.late - a.counts.late || compareVietnamese(a.name, b.name))
  const total = Number(directiveCount.n)
  return {
    today: day,
    period,
    totals: { ...totals, assignments: sumCounts(totals), directives: total },
    orgs,
    directives,
    page: { ...page, total },
    cells: [...cells.values()].map((c) => ({ directiveId: c.directiveId, orgId: c.orgId, status: worstStatus(c.statuses)!, count: c.count })),
    overdue,
    overdueTotal: totals.late,
  }
}

const TASK_STATUS_KEYS: TaskStatus[] = ['done', 'on_time', 'late', 'not_started']

/** Late work of a period, longest overdue first, a page at a time, with the accountable head. */
export function overdueList(ctx: Ctx, f: DashboardFilter & Paging) {
  requirePermission(ctx.access, 'directives:read')
  return coalesce(ctx.db, readKey(ctx, 'overdue', f), () => computeOverdueList(ctx, f))
}

export const overdueJson = (ctx: Ctx, f: DashboardFilter & Paging) => asJson(ctx, 'overdue', f, () => computeOverdueList(ctx, f))

async function computeOverdueList(ctx: Ctx, f: DashboardFilter & Paging) {
  const { day, period, p } = await resolve(ctx, f)
  const [byOrg, rows] = await Promise.all([repo.countsByOrg(ctx.db, ctx.access, p), overdueRows(ctx, p, day, f)])
  return { today: day, period, total: byOrg.reduce((n, o) => n + Number(o.late), 0), limit: f.limit, offset: f.offset, rows }
}

/** What one body has been assigned in a period, a page at a time (optionally of one status), with its counts. */
type OrgPageFilter = DashboardFilter & Paging & { status?: TaskStatus | undefined }

export const orgAssignmentsJson = (ctx: Ctx, orgId: number, f: OrgPageFilter) => asJson(ctx, `org:${orgId}`, f, () => orgAssignments(ctx, orgId, f))

export async function orgAssignments(ctx: Ctx, orgId: number, f: OrgPageFilter) {
  requirePermission(ctx.access, 'directives:read')
  if (!(await repo.bodyInCallerReach(ctx.db, ctx.access, orgId))) throw notFound(`cơ quan, tổ chức #${orgId}`)
  const { day, period, p } = await resolve(ctx, f)
  let q = repo.periodAssignments(ctx.db, ctx.access, p).where('a.orgId', '=', orgId)
  if (f.status) q = q.where('a.status', '=', f.status)
  const [byOrg, rows] = await Promise.all([
    repo.countsByOrg(ctx.db, ctx.access, { ...p, orgId }),
    q.orderBy('a.issuedOn', 'desc').orderBy('a.directiveId', 'desc').orderBy('a.id').limit(f.limit).offset(f.offset).execute(),
  ])
  const counts = byOrg[0] ? countsOf(byOrg[0]) : emptyCounts()
  return {
    today: day,
    period,
    counts,
    total: f.status ? counts[f.status] : sumCounts(counts),
    limit: f.limit,
    offset: f.offset,
    assignments: rows.map((r) => ({
      assignmentId: r.id,
      directiveId: r.directiveId,
      symbol: r.symbol,
      summary: r.summary,
      issuedOn: r.issuedOn,
      taskRef: r.taskRef,
      taskText: r.taskText,
      role: r.role,
      deadline: r.deadline,
      status: r.status,
      statusName: TASK_STATUS_LABELS[r.status].vi,
      overdueSince: r.overdueSince,
      nextDue: r.nextDue,
      percent: r.percent,
      orgName: r.orgName,
      head: r.headName,
      headPosition: r.headPosition,
    })),
  }
}

/** Directives fetched per batch while the synthesis table is written. */
const SYNTHESIS_BATCH = 100

/** A line of the synthesis with where it belongs. */
interface PlacedLine {
  directiveId: number
  taskId: number
  line: SynthesisLine
}

type DirectiveOfBatch = Awaited<ReturnType<typeof repo.directiveBatch>>[number]

/**
 * The lines of a batch of directives (visible to the caller, in report order) in report order:
 * by directive, task position, lead before coordinating, then body name in Vietnamese order.
 */
async function batchLines(ctx: Ctx, p: repo.Period, batch: DirectiveOfBatch[]): Promise<PlacedLine[]> {
  const ids = batch.map((d) => d.id)
  const [assignments, tasks] = await Promise.all([repo.batchAssignments(ctx.db, ctx.access, p, ids), repo.tasksOfDirectives(ctx.db, ids)])
  const orgs = new Map((await repo.orgsByIds(ctx.db, [...new Set(assignments.map((a) => a.orgId))])).map((o) => [o.id, o]))
  const directives = new Map(batch.map((d, i) => [d.id, { ...d, order: i }]))
  const taskById = new Map(tasks.map((t) => [t.id, t]))
  const placed = assignments.map((a) => {
    const d = directives.get(a.directiveId)!
    const t = taskById.get(a.taskId)!
    const o = orgs.get(a.orgId)!
    const line: SynthesisLine = {
      symbol: d.symbol ?? '(chưa số)',
      date: d.issuedOn,
      summary: d.summary,
      ref: t.ref,
      task: t.text,
      // A sub-assignment's own deadline, else its task's.
      deadline: a.ownDeadline ?? t.deadline,
      org: o.name,
      role: a.role,
      status: a.status,
      head: o.headName,
      headPosition: o.headPosition,
      percent: a.percent,
      lastReport: a.lastReport,
      lastReportDate: a.lastReportAt ? vnDate(new Date(a.lastReportAt)) : null,
    }
    return { directiveId: d.id, taskId: t.id, line, key: [d.order, t.position, a.role === 'lead' ? 0 : 1, o.nameSort ?? o.name] as const }
  })
  placed.sort((x, y) => x.key[0] - y.key[0] || x.key[1] - y.key[1] || x.key[2] - y.key[2] || (x.key[3] < y.key[3] ? -1 : x.key[3] > y.key[3] ? 1 : 0))
  return placed.map(({ directiveId, taskId, line }) => ({ directiveId, taskId, line }))
}

/** Lines in report order grouped by directive and task, for the detailed report of a small period. */
function grouped(lines: PlacedLine[]): SynthesisReport['directives'] {
  const directives: SynthesisReport['directives'] = []
  let d: SynthesisReport['directives'][number] | undefined
  let task: SynthesisReport['directives'][number]['tasks'][number] | undefined
  let lastDirective = 0
  let lastTask = 0
  for (const { directiveId, taskId, line } of lines) {
    if (directiveId !== lastDirective) {
      d = { symbol: line.symbol, date: line.date, summary: line.summary, tasks: [] }
      directives.push(d)
      lastDirective = directiveId
    }
    if (taskId !== lastTask) {
      task = { ref: line.ref, text: line.task, lead: [], coordinating: [], deadline: line.deadline, assignments: [] }
      d!.tasks.push(task)
      lastTask = taskId
    }
    ;(line.role === 'lead' ? task!.lead : task!.coordinating).push(line.org)
    const { org, role, status, head, headPosition, percent, lastReport, lastReportDate } = line
    task!.assignments.push({ org, role, status, head, headPosition, percent, lastReport, lastReportDate })
  }
  return directives
}

/**
 * The synthesis report on implementation for the Standing Committee, as data for the renderers.
 * Everything in it is counted in SQL; the rows it lists are bounded whatever the period holds: a
 * small period task by task, a large one by month and by the directives with the most late work,
 * with the longest delays by name. The full table is written by `synthesisLines`.
 */
export async function synthesis(ctx: Ctx, f: DashboardFilter & { provinceCode: string }): Promise<SynthesisReport> {
  requirePermission(ctx.access, 'directives:read')
  const province = await getUnit(ctx, f.provinceCode)
  // The Office reports to the Standing Committee; its chief signs by order (T/L).
  const office = await bodyOfKind(ctx, 'party_office', province.path)
  const { day, period, p } = await resolve(ctx, f)
  const [byOrgRows, directiveCount, overdue] = await Promise.all([
    repo.countsByOrg(ctx.db, ctx.access, p),
    repo.periodDirectives(ctx.db, ctx.access, p).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    overdueRows(ctx, p, day, { limit: OVERDUE_ROWS_LIMIT, offset: 0 }),
  ])
  const totals = { ...emptyCounts(), directives: Number(directiveCount.n), assignments: 0 }
  const byOrg = byOrgRows.map((o) => {
    const counts = countsOf(o)
    for (const s of TASK_STATUS_KEYS) totals[s] += counts[s]
    return { org: o.name, ...counts }
  })
  totals.assignments = sumCounts(totals)
  let directives: SynthesisReport['directives'] = []
  let large: SynthesisReport['large'] = null
  if (totals.assignments <= DETAIL_ASSIGNMENTS_LIMIT) {
    directives = grouped(await batchLines(ctx, p, await repo.directiveBatch(ctx.db, ctx.access, p, null, DETAIL_ASSIGNMENTS_LIMIT)))
  } else {
    const [months, mostLate] = await Promise.all([repo.countsByMonth(ctx.db, ctx.access, p), repo.directivesMostLate(ctx.db, ctx.access, p, MOST_LATE_DIRECTIVES)])
    large = {
      byMonth: months.map((m) => ({ month: m.month, ...countsOf(m) })),
      mostLate: mostLate.map((d) => ({ symbol: d.symbol ?? '(chưa số)', date: d.issuedOn, summary: d.summary, tasks: Number(d.tasks), assignments: Number(d.assignments), ...countsOf(d) })),
    }
  }
  return {
    issuer: 'TỈNH ỦY',
    issuerParent: `ĐẢNG BỘ TỈNH ${province.name.toUpperCase()}`,
    place: province.name,
    date: day,
    period: { from: period.from, to: period.to ?? day },
    title: 'Tình hình thực hiện các văn bản chỉ đạo về phòng, chống dịch',
    totals,
    directives,
    large,
    overdueTotal: totals.late,
    overdue: overdue.map((o) => ({
      symbol: o.symbol ?? '(chưa số)',
      taskRef: o.taskRef,
      taskText: o.taskText,
      org: o.orgName,
      head: o.head,
      headPosition: o.headPosition,
      dueDate: o.overdueSince,
      daysLate: o.daysLate,
    })),
    byOrg: byOrg.sort((a, b) => b.late - a.late || compareVietnamese(a.org, b.org)),
    signing: { authority: 'TL', actingFor: 'BAN THƯỜNG VỤ', position: (office?.headPosition ?? 'Chánh Văn phòng').toUpperCase(), signer: office?.headName ?? '' },
  }
}

/**
 * Every task × assigned body of the period in report order, a batch of directives at a time (for
 * the Excel table), each batch as the database packed it: memory stays that of one batch whatever
 * the period holds, and no line is unpacked on this thread.
 */
export async function* synthesisLines(ctx: Ctx, f: DashboardFilter): AsyncGenerator<PackedLines> {
  requirePermission(ctx.access, 'directives:read')
  const { p } = await resolve(ctx, f)
  // The next batch is read while the current one is written.
  const fetch = async (after: { issuedOn: string; id: number } | null) => {
    const b = await repo.synthesisBatch(ctx.db, ctx.access, p, after, SYNTHESIS_BATCH)
    const full = Number(b.directives) === SYNTHESIS_BATCH && b.lastOn !== null && b.lastId !== null
    return { lines: { rows: Number(b.rows), parts: b.parts }, next: full ? { issuedOn: b.lastOn!, id: Number(b.lastId) } : null }
  }
  // A batch read ahead for a consumer that stopped is dropped, its failure with it.
  const ahead = (after: { issuedOn: string; id: number } | null) => {
    const promise = fetch(after)
    promise.catch(() => {})
    return promise
  }
  let pending = ahead(null)
  for (;;) {
    const { lines, next } = await pending
    if (next) pending = ahead(next)
    if (lines.rows) yield lines
    if (!next) return
  }
}
