import { can, ROLE_KEYS } from '../../../domain/access/roles.ts'
import { followupProblem, LEGAL_BASES, SANCTION_LABELS, type Sanction, sanctionProblem } from '../../../domain/enforcement/rules.ts'
import type { Answers } from '../../../domain/safety/score.ts'
import { formatVnDate, vnDate } from '../../../domain/text/dates.ts'
import { type Ctx, auditRead, inTransaction, isWithin, requirePermission, today } from '../../platform/context.ts'
import { AppError, badRequest, notFound, outsideJurisdiction } from '../../platform/errors.ts'
import { periodOf } from '../directives/read.ts'
import { notifyEach } from '../notifications/service.ts'
import * as safetyRepo from '../safety/repo.ts'
import { ensureShipped, recordAssessment } from '../safety/service.ts'
import { fullNameOf, getUnit } from '../units/service.ts'
import * as repo from './repo.ts'

async function unitWithin(ctx: Ctx, code: string) {
  const unit = await getUnit(ctx, code)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return unit
}

const areaOf = async (ctx: Ctx, code: string | undefined) => (code ? (await unitWithin(ctx, code)).path : ctx.access.unitPath)

export function legalBases() {
  return { bases: LEGAL_BASES, sanctions: Object.entries(SANCTION_LABELS).map(([value, label]) => ({ value, label })) }
}

// --- Plans ---------------------------------------------------------------------------------------

export async function createPlan(ctx: Ctx, input: { unitCode: string; title: string; team: string; startsOn: string; endsOn: string; note?: string | null | undefined }) {
  requirePermission(ctx.access, 'enforcement:write')
  const unit = await unitWithin(ctx, input.unitCode)
  if (input.endsOn < input.startsOn) throw badRequest('PLAN_DATES', 'Ngày kết thúc đợt kiểm tra phải từ ngày bắt đầu trở đi.')
  return inTransaction(ctx, async (tx) => {
    const id = await repo.insertPlan(tx.db, {
      unitId: unit.id,
      unitPath: unit.path,
      title: input.title.trim(),
      team: input.team.trim(),
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      note: input.note ?? null,
      createdBy: tx.access.userId,
    })
    return (await repo.findPlan(tx.db, tx.access, id))!
  })
}

export async function listPlans(ctx: Ctx, q: { unit?: string | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'enforcement:read')
  const rows = await repo.listPlans(ctx.db, ctx.access, { unitPath: await areaOf(ctx, q.unit), limit: q.limit, offset: q.offset })
  return { plans: rows.map((p) => ({ ...p, unitName: p.unitName, visits: Number(p.visits ?? 0) })) }
}

/** The visits a plan holds at most (a plan is one team's round). */
export const PLAN_VISITS_LIMIT = 500

/** A plan with its visits: assigned facilities, their day and inspector, and whether visited. */
export async function getPlan(ctx: Ctx, id: number) {
  requirePermission(ctx.access, 'enforcement:read')
  const p = await repo.planWithUnit(ctx.db, ctx.access, id)
  if (!p) throw notFound(`kế hoạch kiểm tra #${id}`)
  const visits = await repo.visitsOfPlan(ctx.db, ctx.access, id, PLAN_VISITS_LIMIT)
  const { unitType, unitPath: _path, ...plan } = p
  return {
    ...plan,
    unitName: fullNameOf(p.unitName, unitType),
    visits: visits.map((v) => ({ ...v, facilityId: Number(v.facilityId), inspectionId: v.inspectionId === null ? null : Number(v.inspectionId), done: v.inspectionId !== null })),
    done: visits.filter((v) => v.inspectionId !== null).length,
  }
}

/** Assigns facilities of the plan's area to visit on a day of the plan (again: a new day or inspector for those not yet visited). */
export async function assignVisits(ctx: Ctx, planId: number, input: { facilityIds: number[]; plannedOn: string; assignee?: string | null | undefined }) {
  requirePermission(ctx.access, 'enforcement:write')
  const ids = [...new Set(input.facilityIds)]
  return inTransaction(ctx, async (tx) => {
    const plan = await repo.findPlan(tx.db, tx.access, planId)
    if (!plan) throw notFound(`kế hoạch kiểm tra #${planId}`)
    if (input.plannedOn < plan.startsOn || input.plannedOn > plan.endsOn) throw badRequest('PLAN_DATES', 'Ngày kiểm tra dự kiến phải nằm trong thời gian của kế hoạch.')
    const found = new Set((await repo.facilitiesIn(tx.db, tx.access, ids, plan.unitPath)).map((f) => Number(f.id)))
    const outside = ids.filter((id) => !found.has(id))
    if (outside.length) throw badRequest('PLAN_AREA', `Cơ sở không thuộc địa bàn của kế hoạch (hoặc đã ngừng hoạt động): #${outside.slice(0, 10).join(', #')}${outside.length > 10 ? '…' : ''}.`)
    if ((await repo.countVisits(tx.db, planId)) + ids.length > PLAN_VISITS_LIMIT) throw badRequest('PLAN_FULL', `Một kế hoạch không quá ${PLAN_VISITS_LIMIT} lượt kiểm tra: hãy lập kế hoạch khác.`)
    await repo.upsertVisits(tx.db, { planId, facilityIds: ids, plannedOn: input.plannedOn, assignee: input.assignee?.trim() || null, createdBy: tx.access.userId })
    return getPlan(tx, planId)
  })
}

/** Takes a visit assigned by mistake off the plan; a visit already done (its inspection recorded) stays. Audited by the row trigger. */
export async function removeVisit(ctx: Ctx, planId: number, visitId: number) {
  requirePermission(ctx.access, 'enforcement:write')
  return inTransaction(ctx, async (tx) => {
    const plan = await repo.findPlan(tx.db, tx.access, planId)
    if (!plan) throw notFound(`kế hoạch kiểm tra #${planId}`)
    const visit = await repo.lockVisit(tx.db, tx.access, planId, visitId)
    if (!visit) throw notFound(`lượt kiểm tra #${visitId} của kế hoạch #${planId}`)
    if (visit.inspectionId !== null) {
      throw new AppError(409, 'VISIT_DONE', `${visit.facilityName} đã được kiểm tra theo kế hoạch này (biên bản #${visit.inspectionId}): không bỏ khỏi kế hoạch được.`)
    }
    await repo.deleteVisit(tx.db, visitId)
    return getPlan(tx, planId)
  })
}

// --- Inspections ---------------------------------------------------------------------------------

export interface ViolationInput {
  description: string
  legalBasis: string
  responsibleName?: string | null | undefined
  responsibleTitle?: string | null | undefined
  sanction: Sanction
  fineAmount?: number | null | undefined
  sanctionNote?: string | null | undefined
  dueOn?: string | null | undefined
}

export interface InspectionInput {
  facilityId: number
  planId?: number | null | undefined
  visitedOn: string
  inspectors: string
  answers: Answers
  note?: string | null | undefined
  violations?: ViolationInput[] | undefined
}

/**
 * A visit's findings against the facility's checklist: scored and stored by safety as an assessment
 * of source 'inspection' (which the public map shows over any self-assessment while it is valid),
 * with the violations found, in one transaction.
 */
export async function recordInspection(ctx: Ctx, input: InspectionInput) {
  requirePermission(ctx.access, 'enforcement:write')
  for (const v of input.violations ?? []) {
    const p = sanctionProblem({ sanction: v.sanction, fineAmount: v.fineAmount ?? null })
    if (p) throw badRequest('SANCTION_INVALID', p)
  }
  await ensureShipped(ctx)
  return inTransaction(ctx, async (tx) => {
    const f = await safetyRepo.findFacility(tx.db, tx.access, input.facilityId)
    if (!f) throw notFound(`cơ sở #${input.facilityId}`)
    if (input.planId) {
      const plan = await repo.findPlan(tx.db, tx.access, input.planId)
      if (!plan) throw notFound(`kế hoạch kiểm tra #${input.planId}`)
      if (!f.unitPath.startsWith(plan.unitPath)) throw badRequest('PLAN_AREA', 'Cơ sở không thuộc địa bàn của kế hoạch kiểm tra này.')
      if (input.visitedOn < plan.startsOn || input.visitedOn > plan.endsOn) throw badRequest('PLAN_DATES', 'Ngày kiểm tra nằm ngoài thời gian của kế hoạch.')
    }
    const checklist = await safetyRepo.checklistFor(tx.db, f.unitPath, f.checklistKey, f.kind)
    if (!checklist) throw new AppError(409, 'NO_CHECKLIST', 'Chưa có bộ tiêu chí cho loại cơ sở này: không thể chấm kết quả kiểm tra.')
    const result = await recordAssessment(tx, f, checklist, input.answers, { source: 'inspection', contact: null, contactName: input.inspectors.trim(), note: input.note ?? null })
    const id = await repo.insertInspection(tx.db, {
      planId: input.planId ?? null,
      facilityId: f.id,
      unitPath: f.unitPath,
      visitedOn: input.visitedOn,
      inspectors: input.inspectors.trim(),
      assessmentId: result.id,
      band: result.band,
      note: input.note ?? null,
      createdBy: tx.access.userId,
    })
    if (input.planId) await repo.completeVisit(tx.db, input.planId, f.id, id)
    const violationIds: number[] = []
    for (const v of input.violations ?? []) violationIds.push(await insertViolation(tx, f, id, v))
    return { id, facility: { id: f.id, name: f.name }, visitedOn: input.visitedOn, result, violationIds }
  })
}

async function insertViolation(tx: Ctx, f: { id: number; unitPath: string; headName: string | null }, inspectionId: number | null, v: ViolationInput) {
  const responsible = v.responsibleName?.trim() || f.headName
  if (!responsible) throw badRequest('RESPONSIBLE_MISSING', 'Hãy ghi người đứng đầu cơ sở chịu trách nhiệm (cơ sở chưa có tên người đứng đầu).')
  return repo.insertViolation(tx.db, {
    inspectionId,
    facilityId: f.id,
    unitPath: f.unitPath,
    description: v.description.trim(),
    legalBasis: v.legalBasis.trim(),
    responsibleName: responsible,
    responsibleTitle: v.responsibleTitle ?? null,
    sanction: v.sanction,
    fineAmount: v.fineAmount ?? null,
    sanctionNote: v.sanctionNote ?? null,
    dueOn: v.dueOn ?? null,
    createdBy: tx.access.userId,
    createdAt: tx.now(),
  })
}

/** What an inspector fills for a facility: its name, its current result and the checklist its findings are scored by. */
export async function inspectionForm(ctx: Ctx, facilityId: number) {
  requirePermission(ctx.access, 'enforcement:read')
  await ensureShipped(ctx)
  const f = await safetyRepo.findFacility(ctx.db, ctx.access, facilityId)
  if (!f) throw notFound(`cơ sở #${facilityId}`)
  const c = await safetyRepo.checklistFor(ctx.db, f.unitPath, f.checklistKey, f.kind)
  if (!c) throw new AppError(409, 'NO_CHECKLIST', 'Chưa có bộ tiêu chí cho loại cơ sở này.')
  return {
    facility: { id: f.id, name: f.name, kind: f.kind, address: f.address, unitName: f.unitName, band: f.band, resultSource: f.resultSource },
    checklist: { id: c.id, key: c.key, version: c.version, name: c.name, items: c.definition.items },
    inspections: await repo.inspectionsOfFacility(ctx.db, ctx.access, f.id),
  }
}

export async function getInspection(ctx: Ctx, id: number) {
  requirePermission(ctx.access, 'enforcement:read')
  const i = await repo.findInspection(ctx.db, ctx.access, id)
  if (!i) throw notFound(`lần kiểm tra #${id}`)
  return i
}

// --- Violations ----------------------------------------------------------------------------------

export async function recordViolation(ctx: Ctx, input: ViolationInput & { facilityId: number; inspectionId?: number | null | undefined }) {
  requirePermission(ctx.access, 'enforcement:write')
  const p = sanctionProblem({ sanction: input.sanction, fineAmount: input.fineAmount ?? null })
  if (p) throw badRequest('SANCTION_INVALID', p)
  return inTransaction(ctx, async (tx) => {
    const f = await safetyRepo.findFacility(tx.db, tx.access, input.facilityId)
    if (!f) throw notFound(`cơ sở #${input.facilityId}`)
    if (input.inspectionId) {
      const i = await repo.findInspection(tx.db, tx.access, input.inspectionId)
      if (!i || i.facilityId !== f.id) throw badRequest('INSPECTION_MISMATCH', 'Lần kiểm tra này không phải của cơ sở đã chọn.')
    }
    const id = await insertViolation(tx, f, input.inspectionId ?? null, input)
    return getViolation(tx, id)
  })
}

function presentViolation(v: NonNullable<Awaited<ReturnType<typeof repo.findViolation>>>) {
  return { ...v, sanctionLabel: SANCTION_LABELS[v.sanction], fineAmount: v.fineAmount === null ? null : Number(v.fineAmount) }
}

/** A violation with its follow-up (names the head held responsible: read audited). */
export async function getViolation(ctx: Ctx, id: number) {
  requirePermission(ctx.access, 'enforcement:read')
  const v = await repo.findViolation(ctx.db, ctx.access, id)
  if (!v) throw notFound(`vi phạm #${id}`)
  await auditRead(ctx, 'violations', [{ id: v.id, unitPath: v.unitPath }])
  return { ...presentViolation(v), followups: await repo.followupsOf(ctx.db, id) }
}

export async function listViolations(ctx: Ctx, q: { unit?: string | undefined; status?: 'open' | 'closed' | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'enforcement:read')
  const { total, rows } = await repo.listViolations(ctx.db, ctx.access, { unitPath: await areaOf(ctx, q.unit), status: q.status, limit: q.limit, offset: q.offset })
  await auditRead(
    ctx,
    'violations',
    rows.map((r) => ({ id: r.id, unitPath: r.unitPath })),
  )
  return { total, violations: rows.map(presentViolation) }
}

/** A follow-up step; `closes` ends the follow-up (the violation remedied). */
export async function followUp(ctx: Ctx, id: number, input: { on: string; note: string; closes?: boolean | undefined }) {
  requirePermission(ctx.access, 'enforcement:write')
  return inTransaction(ctx, async (tx) => {
    const v = await repo.findViolation(tx.db, tx.access, id, true)
    if (!v) throw notFound(`vi phạm #${id}`)
    // Found at a visit: followed up from the visit's day; otherwise from the day it was recorded.
    const found = v.inspectionId ? (await repo.findInspection(tx.db, tx.access, v.inspectionId))?.visitedOn : null
    const problem = followupProblem({ status: v.status, createdOn: found ?? vnDate(v.createdAt) }, { on: input.on, closes: input.closes ?? false, note: input.note })
    if (problem) throw new AppError(409, 'FOLLOWUP_REFUSED', problem)
    await repo.insertFollowup(tx.db, { violationId: id, unitPath: v.unitPath, onDate: input.on, note: input.note.trim(), closes: input.closes ?? false, createdBy: tx.access.userId })
    if (input.closes) await repo.closeViolation(tx.db, id, input.on)
    return getViolation(tx, id)
  })
}

// --- Commendations and discipline ----------------------------------------------------------------

export interface RecognitionInput {
  kind: 'commendation' | 'discipline'
  orgId?: number | null | undefined
  personName?: string | null | undefined
  personTitle?: string | null | undefined
  unitCode?: string | undefined
  form: string
  reason: string
  decisionRef: string
  decidedOn: string
}

export async function recordRecognition(ctx: Ctx, input: RecognitionInput) {
  requirePermission(ctx.access, 'enforcement:write')
  if (!input.orgId && !input.personName?.trim()) throw badRequest('SUBJECT_MISSING', 'Hãy chọn cơ quan, đơn vị hoặc ghi tên người được khen thưởng, bị kỷ luật.')
  return inTransaction(ctx, async (tx) => {
    let unit: { id: string; path: string }
    if (input.orgId) {
      const org = await repo.findOrg(tx.db, tx.access, input.orgId)
      if (!org) throw notFound(`cơ quan, đơn vị #${input.orgId}`)
      unit = { id: org.unitId, path: org.unitPath }
    } else {
      if (!input.unitCode) throw badRequest('UNIT_MISSING', 'Hãy ghi địa bàn (đơn vị hành chính) của người được ghi nhận.')
      unit = await unitWithin(tx, input.unitCode)
    }
    const id = await repo.insertRecognition(tx.db, {
      kind: input.kind,
      orgId: input.orgId ?? null,
      personName: input.personName?.trim() || null,
      personTitle: input.personTitle ?? null,
      unitId: unit.id,
      unitPath: unit.path,
      form: input.form.trim(),
      reason: input.reason.trim(),
      decisionRef: input.decisionRef.trim(),
      decidedOn: input.decidedOn,
      createdBy: tx.access.userId,
    })
    return { id }
  })
}

export async function listRecognitions(ctx: Ctx, q: { unit?: string | undefined; kind?: 'commendation' | 'discipline' | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'enforcement:read')
  const rows = await repo.listRecognitions(ctx.db, ctx.access, { unitPath: await areaOf(ctx, q.unit), kind: q.kind, limit: q.limit, offset: q.offset })
  await auditRead(
    ctx,
    'recognitions',
    rows.filter((r) => r.personName).map((r) => ({ id: r.id, unitPath: r.unitPath })),
  )
  return { records: rows }
}

/**
 * The emulation view (what the directives dashboard shows beside each body's tasks): a page of
 * bodies with their commendations and discipline decided in the period and their directive task
 * record over its months. Counts per body only, nothing personal. The period is the dashboard's:
 * its dates, or by default the last 12 months.
 */
export async function emulation(ctx: Ctx, q: { unit?: string | undefined; from?: string | undefined; to?: string | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'directives:read')
  const unitPath = await areaOf(ctx, q.unit)
  const unit = q.unit ? await getUnit(ctx, q.unit) : null
  const { from, to } = periodOf(today(ctx), q)
  if (to !== null && to < from) throw badRequest('PERIOD_DATES', 'Ngày kết thúc phải từ ngày bắt đầu trở đi.')
  const rows = await repo.emulationByBody(ctx.db, ctx.access, { unitPath, from, to, limit: q.limit, offset: q.offset })
  return {
    unit: unit ? { code: unit.code, name: fullNameOf(unit.name, unit.unitType) } : null,
    period: { from, to },
    total: rows[0]?.total ?? 0,
    bodies: rows.map((r) => ({
      orgId: Number(r.orgId),
      orgName: r.orgName,
      commendations: r.commendations,
      disciplines: r.disciplines,
      latest: r.latest,
      tasks: { done: r.done, onTime: r.onTime, late: r.late, notStarted: r.notStarted },
    })),
  }
}

// --- Overdue reminders ---------------------------------------------------------------------------

/** The roles of a responsible team's body that act on violations (the system administrator aside). */
const TEAM_ROLES = ROLE_KEYS.filter((r) => r !== 'admin' && can(r, 'enforcement:write'))

/**
 * Reminds the team responsible for each violation whose remedy date has passed, once per remedy
 * date (the violation remembers the date reminded for; the notification's key dedupes too). Run by
 * the hourly reminder job of safety and enforcement.
 */
export async function remindOverdueViolations(ctx: Ctx): Promise<{ overdueReminded: number }> {
  const day = today(ctx)
  let reminded = 0
  for (;;) {
    const due = await repo.overdueToRemind(ctx.db, day, 500)
    if (due.length === 0) break
    const users = await repo.usersOfUnits(ctx.db, [...new Set(due.map((d) => d.teamPath))], TEAM_ROLES)
    const notes = due.flatMap((d) => {
      const userIds = users.filter((u) => u.path === d.teamPath).map((u) => u.id)
      if (userIds.length === 0) return []
      return [
        {
          userIds,
          kind: 'enforcement.overdue',
          title: `Quá hạn khắc phục: ${d.facilityName}`,
          body:
            `Vi phạm “${d.description}” (${d.legalBasis}) của ${d.facilityName}, người đứng đầu chịu trách nhiệm ${d.responsibleName}, ` +
            `đã quá hạn khắc phục ngày ${formatVnDate(d.dueOn)} mà chưa đóng.${d.team ? ` Tổ kiểm tra: ${d.team}.` : ''} Đề nghị kiểm tra lại và ghi kết quả theo dõi.`,
          link: `/kiem-tra/vi-pham/${d.id}`,
          dedupeKey: `violation-overdue:${d.id}:${d.dueOn}`,
        },
      ]
    })
    await notifyEach(ctx, notes)
    await inTransaction(ctx, (tx) =>
      repo.markRemedyReminded(
        tx.db,
        due.map((d) => d.id),
      ),
    )
    reminded += due.length
  }
  return { overdueReminded: reminded }
}
