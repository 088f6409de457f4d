import { can, isRole, ROLE_KEYS } from '../../../../domain/access/roles.ts'
import type { FollowupStatus, Symptom } from '../../../../domain/surveillance/codes.ts'
import { checkIsAlarming, FOLLOWUP_TEST_SCHEDULE, followupUntil, plannedTestDays } from '../../../../domain/surveillance/followup.ts'
import { formatVnDate } from '../../../../domain/text/dates.ts'
import { type Ctx, auditRead, inTransaction, requirePermission, today } from '../../../platform/context.ts'
import { AppError, badRequest, notFound } from '../../../platform/errors.ts'
import * as followupRepo from './followupRepo.ts'
import * as repo from './repo.ts'
import { areaPathOf, type Page, pageOf } from './service.ts'

// Daily follow-up of contacts: a follow-up runs from the day it starts to the last exposure plus
// the rule's number of days, with a check per day and tests planned on the schedule's days.

export interface FollowupView extends followupRepo.FollowupRow {
  /** The tests planned when it started (days). */
  plannedTests?: string[]
}

/** The tracer must hold surveillance work and see the person (their unit holds the person's). */
async function checkTracer(tx: Ctx, tracerUserId: number, personPath: string): Promise<void> {
  const u = await followupRepo.userForTracing(tx.db, tracerUserId)
  if (!u?.active) throw notFound(`người dùng #${tracerUserId}`)
  if (!isRole(u.role) || !can(u.role, 'surveillance:write')) {
    throw badRequest('TRACER_NOT_ALLOWED', `${u.displayName} không có quyền theo dõi tiếp xúc (cần vai trò có quyền giám sát dịch).`)
  }
  if (!personPath.startsWith(u.unitPath)) {
    throw badRequest('TRACER_OUTSIDE', `${u.displayName} không phụ trách địa bàn nơi người này cư trú, nên không thể theo dõi người này.`)
  }
}

export interface StartFollowupInput {
  personId: number
  tracerUserId?: number | null | undefined
  note?: string | null | undefined
}

/**
 * Starts the daily follow-up of a contact: until the last exposure plus the rule's number of days,
 * with tests planned on the schedule's days (src/domain/surveillance/followup.ts).
 */
export async function startFollowup(ctx: Ctx, input: StartFollowupInput): Promise<FollowupView> {
  requirePermission(ctx.access, 'surveillance:write')
  return inTransaction(ctx, async (tx) => {
    const person = await repo.personInArea(tx.db, tx.access, input.personId)
    if (!person) throw notFound(`người #${input.personId}`)
    if (await repo.isSource(tx.db, person.id)) throw new AppError(409, 'FOLLOWUP_CASE', `${person.fullName} đang là ca bệnh (F0), không theo dõi như người tiếp xúc.`)
    const open = await followupRepo.activeFollowupOf(tx.db, person.id)
    if (open) throw new AppError(409, 'FOLLOWUP_EXISTS', `${person.fullName} đang được theo dõi (đến ngày ${formatVnDate(open.until)}).`, { followupId: open.id })
    const last = await repo.lastExposureOn(tx.db, person.id)
    if (!last) throw badRequest('FOLLOWUP_NO_EXPOSURE', `Chưa ghi nhận lần tiếp xúc nào của ${person.fullName}: hãy ghi lần tiếp xúc trước khi theo dõi.`)
    const days = await repo.contactFollowDays(tx.db, person.unitPath, last)
    if (days === null) throw badRequest('RULE_MISSING', `Không có quy định giám sát nào áp dụng cho ngày ${formatVnDate(last)}.`)
    const day = today(tx)
    const until = followupUntil(last, days)
    if (until < day) {
      throw badRequest(
        'FOLLOWUP_OVER',
        `Thời gian theo dõi ${days} ngày sau lần tiếp xúc cuối (${formatVnDate(last)}) đã hết ngày ${formatVnDate(until)}: không cần theo dõi nữa.`,
      )
    }
    if (input.tracerUserId != null) await checkTracer(tx, input.tracerUserId, person.unitPath)
    const id = await followupRepo.insertFollowup(tx.db, { personId: person.id, startedOn: day, until, tracerUserId: input.tracerUserId ?? null, note: input.note ?? null })
    const planned = plannedTestDays(last, day, until)
    await followupRepo.insertPlannedTests(tx.db, person.id, planned, FOLLOWUP_TEST_SCHEDULE.method)
    const row = await followupRepo.findFollowup(tx.db, tx.access, id)
    return { ...row!, plannedTests: planned }
  })
}

export interface FollowupPatch {
  tracerUserId?: number | null | undefined
  status?: 'completed' | 'lost' | 'cancelled' | undefined
  note?: string | null | undefined
}

/** Changes the tracer or the note, or ends a follow-up (completed, lost, cancelled: its planned tests are cancelled). */
export async function updateFollowup(ctx: Ctx, id: number, patch: FollowupPatch): Promise<FollowupView> {
  requirePermission(ctx.access, 'surveillance:write')
  return inTransaction(ctx, async (tx) => {
    const f = await followupRepo.lockFollowup(tx.db, tx.access, id)
    if (!f) throw notFound(`đợt theo dõi #${id}`)
    if (patch.status && f.status !== 'active') {
      throw new AppError(409, 'FOLLOWUP_ENDED', `Đợt theo dõi này đã kết thúc; muốn theo dõi lại, hãy bắt đầu đợt mới.`)
    }
    const person = await repo.personInArea(tx.db, tx.access, f.personId)
    if (patch.tracerUserId != null && patch.tracerUserId !== f.tracerUserId) await checkTracer(tx, patch.tracerUserId, person!.unitPath)
    await followupRepo.updateFollowup(tx.db, id, {
      ...(patch.tracerUserId !== undefined ? { tracerUserId: patch.tracerUserId } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
      ...(patch.status ? { status: patch.status } : {}),
    })
    if (patch.status) await followupRepo.cancelPlannedTests(tx.db, f.personId, today(tx))
    return (await followupRepo.findFollowup(tx.db, tx.access, id))!
  })
}

export interface CheckInput {
  checkedOn: string
  temperature?: number | null | undefined
  symptoms?: Symptom[] | undefined
  note?: string | null | undefined
}

/**
 * Records the day's check of a contact (one a day). A fever or a symptom flags the follow-up: the
 * answer says so, and lists show it.
 */
export async function addCheck(ctx: Ctx, followupId: number, input: CheckInput) {
  requirePermission(ctx.access, 'surveillance:write')
  return inTransaction(ctx, async (tx) => {
    const f = await followupRepo.lockFollowup(tx.db, tx.access, followupId)
    if (!f) throw notFound(`đợt theo dõi #${followupId}`)
    if (f.status !== 'active') throw new AppError(409, 'FOLLOWUP_ENDED', 'Đợt theo dõi này đã kết thúc, không ghi thêm kết quả theo dõi.')
    const day = today(tx)
    if (input.checkedOn > day) throw badRequest('CHECK_IN_FUTURE', `Ngày theo dõi (${formatVnDate(input.checkedOn)}) ở sau hôm nay (${formatVnDate(day)}).`)
    if (input.checkedOn < f.startedOn || input.checkedOn > f.until) {
      throw badRequest(
        'CHECK_OUTSIDE',
        `Ngày theo dõi (${formatVnDate(input.checkedOn)}) nằm ngoài đợt theo dõi (${formatVnDate(f.startedOn)}–${formatVnDate(f.until)}).`,
      )
    }
    const symptoms = [...new Set(input.symptoms ?? [])]
    const id = await followupRepo.insertCheck(tx.db, {
      followupId,
      checkedOn: input.checkedOn,
      temperature: input.temperature ?? null,
      symptoms,
      note: input.note ?? null,
      checkedBy: tx.access.userId,
    })
    if (id === null) throw new AppError(409, 'CHECK_EXISTS', `Đã có kết quả theo dõi ngày ${formatVnDate(input.checkedOn)} của đợt này.`)
    const flagged = checkIsAlarming({ temperature: input.temperature, symptoms })
    return {
      id,
      followupId,
      checkedOn: input.checkedOn,
      temperature: input.temperature ?? null,
      symptoms,
      note: input.note ?? null,
      flagged,
      advice: flagged ? 'Có sốt hoặc triệu chứng: báo trạm y tế, lấy mẫu xét nghiệm và cách ly người này.' : null,
    }
  })
}

export interface FollowupListQuery {
  /** A user id, or 'me'. */
  tracer?: number | 'me' | undefined
  unitCode?: string | undefined
  /** The day whose check is asked about (today by default). */
  due?: string | undefined
  status?: FollowupStatus | undefined
  flagged?: boolean | undefined
  limit: number
  offset: number
}

/** Follow-ups per tracer or per commune, with whether the day's check is done; paged. */
/** Who may be given the follow-up of people of an area (at most 200): the tracer picker's list. */
export async function listTracers(ctx: Ctx, unitCode: string | undefined) {
  requirePermission(ctx.access, 'surveillance:write')
  const areaPath = await areaPathOf(ctx, unitCode)
  const roles = ROLE_KEYS.filter((r) => can(r, 'surveillance:write'))
  return { tracers: await followupRepo.tracersFor(ctx.db, areaPath, roles) }
}

export async function listFollowups(ctx: Ctx, q: FollowupListQuery): Promise<Page<Awaited<ReturnType<typeof followupRepo.listFollowups>>[number]> & { due: string }> {
  requirePermission(ctx.access, 'surveillance:read')
  const day = today(ctx)
  const due = q.due ?? day
  const filter: followupRepo.FollowupListFilter = {
    areaPath: await areaPathOf(ctx, q.unitCode),
    status: q.status ?? 'active',
    due,
    // A running follow-up has started by today: only an earlier day asks which had started by then.
    startedBy: due < day ? due : undefined,
    today: day,
    tracerUserId: q.tracer === 'me' ? (ctx.access.userId ?? -1) : q.tracer,
    flagged: q.flagged,
    limit: q.limit,
    offset: q.offset,
  }
  const counted = await followupRepo.countFollowups(ctx.db, ctx.access, filter)
  const rows = counted.n === 0 && !counted.atLeast ? [] : await followupRepo.listFollowups(ctx.db, ctx.access, filter)
  if (counted.atLeast) counted.n = Math.max(counted.n, q.offset + rows.length)
  await auditRead(ctx, 'contact_followups', rows.map((r) => ({ id: r.id })), { personIds: rows.map((r) => r.personId) })
  return { ...pageOf(rows, counted), due }
}
