import { type DocumentType, DOCUMENT_TYPES, type NameRef } from '../../../domain/documents/types.ts'
import { TASK_STATUS_LABELS, type SynthesisReport, type TaskStatus } from '../../../domain/documents/render-types.ts'
import { daysLate, worstStatus } from '../../../domain/directives/status.ts'
import { type Ctx, likePrefix, requirePermission, today } from '../../platform/context.ts'
import { notFound } from '../../platform/errors.ts'
import { getUnit } from '../units/service.ts'
import { bodyOfKind } from '../orgs/service.ts'
import * as repo from './repo.ts'

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
  const reports = await repo.reportsOfAssignments(ctx.db, assignments.map((a) => a.id))
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
          role: a.role,
          status: a.status,
          statusName: TASK_STATUS_LABELS[a.status].vi,
          overdueSince: a.overdueSince,
          nextDue: a.nextDue,
          percent: a.percent,
          head: a.headName,
          headPosition: a.headPosition,
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

async function filteredAssignments(ctx: Ctx, f: DashboardFilter) {
  let q = repo.assignmentsQuery(ctx.db, ctx.access).where('d.status', '<>', 'draft')
  if (f.from) q = q.where('d.issuedOn', '>=', f.from)
  if (f.to) q = q.where('d.issuedOn', '<=', f.to)
  if (f.issuerOrgId) q = q.where('d.issuerOrgId', '=', f.issuerOrgId)
  if (f.unitCode) q = q.where('u.path', 'like', likePrefix((await getUnit(ctx, f.unitCode)).path))
  return q.orderBy('d.issuedOn', 'desc').orderBy('d.id', 'desc').orderBy('t.position').execute()
}

const emptyCounts = (): Record<TaskStatus, number> => ({ done: 0, on_time: 0, late: 0, not_started: 0 })

/** The Office's picture: directives × bodies, the overdue list with the accountable head, totals. */
export async function dashboard(ctx: Ctx, f: DashboardFilter) {
  requirePermission(ctx.access, 'directives:read')
  const rows = await filteredAssignments(ctx, f)
  const day = today(ctx)
  const directives = new Map<number, { id: number; symbol: string | null; summary: string; date: string | null; issuerName: string }>()
  const orgs = new Map<number, { id: number; name: string; head: string | null; headPosition: string | null; counts: Record<TaskStatus, number> }>()
  const cells = new Map<string, TaskStatus[]>()
  const totals = emptyCounts()
  for (const r of rows) {
    directives.set(r.directiveId, { id: r.directiveId, symbol: r.symbol, summary: r.summary, date: r.issuedOn, issuerName: r.issuerName })
    const org = orgs.get(r.orgId) ?? { id: r.orgId, name: r.orgName, head: r.headName, headPosition: r.headPosition, counts: emptyCounts() }
    org.counts[r.status]++
    orgs.set(r.orgId, org)
    const key = `${r.directiveId}:${r.orgId}`
    cells.set(key, [...(cells.get(key) ?? []), r.status])
    totals[r.status]++
  }
  const sortedOrgs = [...orgs.values()].sort((a, b) => b.counts.late - a.counts.late || a.name.localeCompare(b.name, 'vi'))
  return {
    today: day,
    totals: { ...totals, assignments: rows.length, directives: directives.size },
    directives: [...directives.values()],
    orgs: sortedOrgs,
    cells: [...cells.entries()].map(([key, statuses]) => {
      const [directiveId, orgId] = key.split(':').map(Number)
      return { directiveId: directiveId!, orgId: orgId!, status: worstStatus(statuses)!, count: statuses.length }
    }),
    overdue: rows
      .filter((r) => r.status === 'late')
      .map((r) => ({
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
      }))
      .sort((a, b) => b.daysLate - a.daysLate),
  }
}

/** Everything one body has been assigned, for the per-body drill-down. */
export async function orgAssignments(ctx: Ctx, orgId: number, f: DashboardFilter) {
  requirePermission(ctx.access, 'directives:read')
  if (!(await repo.bodyInCallerReach(ctx.db, ctx.access, orgId))) throw notFound(`cơ quan, tổ chức #${orgId}`)
  const rows = (await filteredAssignments(ctx, f)).filter((r) => r.orgId === orgId)
  return rows.map((r) => ({
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
  }))
}

/** The synthesis report on implementation for the Standing Committee, as data for the renderers. */
export async function synthesis(ctx: Ctx, f: DashboardFilter & { provinceCode: string }): Promise<SynthesisReport> {
  requirePermission(ctx.access, 'directives:read')
  const province = await getUnit(ctx, f.provinceCode)
  // The Office reports to the Standing Committee; its chief signs by order (T/L).
  const office = await bodyOfKind(ctx, 'party_office', province.path)
  const rows = await filteredAssignments(ctx, f)
  const day = today(ctx)
  const reports = await repo.reportsOfAssignments(ctx.db, rows.map((r) => r.id))
  const lastReport = (id: number) => reports.filter((r) => r.assignmentId === id && r.review !== 'returned').at(-1)
  const totals = { ...emptyCounts(), directives: 0, assignments: rows.length }
  const byDirective = new Map<number, SynthesisReport['directives'][number]>()
  const byOrg = new Map<string, { org: string } & Record<TaskStatus, number>>()
  for (const r of rows) {
    totals[r.status]++
    let d = byDirective.get(r.directiveId)
    if (!d) {
      d = { symbol: r.symbol ?? '(chưa số)', date: r.issuedOn, summary: r.summary, tasks: [] }
      byDirective.set(r.directiveId, d)
    }
    let task = d.tasks.find((t) => t.ref === r.taskRef)
    if (!task) {
      task = { ref: r.taskRef, text: r.taskText, lead: [], coordinating: [], deadline: r.deadline, assignments: [] }
      d.tasks.push(task)
    }
    ;(r.role === 'lead' ? task.lead : task.coordinating).push(r.orgName)
    const last = lastReport(r.id)
    task.assignments.push({
      org: r.orgName,
      role: r.role,
      status: r.status,
      head: r.headName,
      headPosition: r.headPosition,
      percent: r.percent,
      lastReport: last?.text ?? null,
      lastReportDate: last ? new Date(last.submittedAt).toISOString().slice(0, 10) : null,
    })
    const o = byOrg.get(r.orgName) ?? { org: r.orgName, ...emptyCounts() }
    o[r.status]++
    byOrg.set(r.orgName, o)
  }
  totals.directives = byDirective.size
  const from = f.from ?? rows.map((r) => r.issuedOn ?? day).sort()[0] ?? day
  return {
    issuer: 'TỈNH ỦY',
    issuerParent: `ĐẢNG BỘ TỈNH ${province.name.toUpperCase()}`,
    place: province.name,
    date: day,
    period: { from, to: f.to ?? day },
    title: 'Tình hình thực hiện các văn bản chỉ đạo về phòng, chống dịch',
    totals,
    directives: [...byDirective.values()],
    overdue: rows
      .filter((r) => r.status === 'late')
      .map((r) => ({
        symbol: r.symbol ?? '(chưa số)',
        taskRef: r.taskRef,
        taskText: r.taskText,
        org: r.orgName,
        head: r.headName,
        headPosition: r.headPosition,
        dueDate: r.overdueSince!,
        daysLate: daysLate(r.overdueSince!, day),
      }))
      .sort((a, b) => b.daysLate - a.daysLate),
    byOrg: [...byOrg.values()].sort((a, b) => b.late - a.late || a.org.localeCompare(b.org, 'vi')),
    signing: { authority: 'TL', actingFor: 'BAN THƯỜNG VỤ', position: (office?.headPosition ?? 'Chánh Văn phòng').toUpperCase(), signer: office?.headName ?? '' },
  }
}
