import { formatVnDate } from '../../../../domain/text/dates.ts'
import { TEST_METHODS } from '../../../../domain/surveillance/codes.ts'
import { type Ctx, auditRead, inTransaction, isWithin, requirePermission, today } from '../../../platform/context.ts'
import { AppError, badRequest, conflict, notFound, outsideJurisdiction } from '../../../platform/errors.ts'
import { getUnit } from '../../units/service.ts'
import { onPositiveTest } from '../../quarantine/service.ts'
import { areaPathOf } from '../cases/service.ts'
import * as repo from './repo.ts'

export type { TestMethod, TestResult } from './repo.ts'

/** The widest window of sample or result dates one list reads (narrow it, or pick a campaign). */
export const MAX_WINDOW_DAYS = 92

export interface TestView {
  id: number
  personId: number
  fullName: string
  unitCode: string
  unitName: string
  method: repo.TestMethod
  status: 'planned' | 'sampled' | 'resulted' | 'cancelled'
  plannedOn: string | null
  sampleDate: string | null
  resultDate: string | null
  result: repo.TestResult | null
  ct: number | null
  lab: string
  poolId: number | null
  poolCode: string | null
  retestOfPoolId: number | null
  campaignId: number | null
  campaignName: string | null
}

/** A test as entered, and whether its result proposes a case (a positive of a person no case covers). */
export interface TestOutcome extends TestView {
  proposesCase: boolean
  /** The person's case, when they have one (it may be discarded or ended). */
  caseId: number | null
}

export interface Page<T> {
  rows: T[]
  /** Exact up to 10,000. With `totalCapped` there are more: over 10,000 or, when filtered by method, result or laboratory, over the rows read so far. */
  total: number
  totalCapped: boolean
}

function presentTest(r: repo.TestRow): TestView {
  return {
    id: r.id,
    personId: r.personId,
    fullName: r.fullName,
    unitCode: r.unitCode,
    unitName: r.unitName,
    method: r.method,
    status: r.status,
    plannedOn: r.plannedOn,
    sampleDate: r.sampleDate,
    resultDate: r.resultDate,
    result: r.result,
    ct: r.ct === null ? null : Number(r.ct),
    lab: r.lab,
    poolId: r.poolId,
    poolCode: r.poolCode,
    retestOfPoolId: r.retestOfPoolId,
    campaignId: r.campaignId,
    campaignName: r.campaignName,
  }
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000
const shiftDay = (iso: string, days: number) => new Date((dayNumber(iso) + days) * 86_400_000).toISOString().slice(0, 10)
const vn = formatVnDate

async function unitWithin(ctx: Ctx, unitCode: string) {
  const unit = await getUnit(ctx, unitCode)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return unit
}


/** A bounded date window: `to` defaults to today, `from` to `defaultDays` before it. */
function dateWindow(ctx: Ctx, from: string | undefined, to: string | undefined, defaultDays: number, what: string) {
  const end = to ?? today(ctx)
  const start = from ?? shiftDay(end, 1 - defaultDays)
  if (start > end) throw badRequest('DATE_RANGE', `Khoảng ${what}: ngày bắt đầu (${vn(start)}) sau ngày kết thúc (${vn(end)}).`)
  if (dayNumber(end) - dayNumber(start) + 1 > MAX_WINDOW_DAYS) {
    throw badRequest('DATE_RANGE_TOO_WIDE', `Khoảng ${what} tối đa ${MAX_WINDOW_DAYS} ngày (đang chọn ${vn(start)}–${vn(end)}). Hãy thu hẹp khoảng ngày hoặc chọn một đợt xét nghiệm.`)
  }
  return { from: start, to: end }
}

/** A campaign's own dates (one the caller sees), unless dates are given. */
async function campaignWindow(ctx: Ctx, campaignId: number, from: string | undefined, to: string | undefined) {
  const c = await repo.findCampaign(ctx.db, ctx.access, campaignId)
  if (!c) throw notFound(`đợt xét nghiệm #${campaignId}`)
  return { from: from ?? c.startsOn, to: to ?? c.endsOn }
}

/** Dates of a sample and its result: real, in order, not in the future; a result needs its day and the reverse. */
function checkResultFields(
  ctx: Ctx,
  v: { method: repo.TestMethod; sampleDate: string | null; resultDate: string | null; result: repo.TestResult | null; ct: number | null },
): void {
  const now = today(ctx)
  if (v.sampleDate && v.sampleDate > now) throw badRequest('DATE_IN_FUTURE', `Ngày lấy mẫu ${vn(v.sampleDate)} ở sau hôm nay.`)
  if (v.result && !v.resultDate) throw badRequest('RESULT_DATE_REQUIRED', 'Nhập ngày có kết quả cùng với kết quả xét nghiệm.')
  if (v.resultDate && !v.result) throw badRequest('RESULT_REQUIRED', 'Có ngày trả kết quả thì phải nhập kết quả (dương tính, âm tính hoặc không xác định).')
  if (v.result && !v.sampleDate) throw badRequest('SAMPLE_DATE_REQUIRED', 'Chưa có ngày lấy mẫu: nhập ngày lấy mẫu trước khi nhập kết quả.')
  if (v.resultDate && v.resultDate > now) throw badRequest('DATE_IN_FUTURE', `Ngày trả kết quả ${vn(v.resultDate)} ở sau hôm nay.`)
  if (v.resultDate && v.sampleDate && v.resultDate < v.sampleDate) {
    throw badRequest('RESULT_BEFORE_SAMPLE', `Ngày trả kết quả ${vn(v.resultDate)} ở trước ngày lấy mẫu ${vn(v.sampleDate)}.`)
  }
  if (v.ct !== null && v.method !== 'pcr') throw badRequest('CT_NOT_PCR', 'Giá trị Ct chỉ có ở xét nghiệm RT-PCR.')
  if (v.ct !== null && !v.result) throw badRequest('CT_WITHOUT_RESULT', 'Nhập giá trị Ct cùng với kết quả xét nghiệm.')
}

async function personWithin(ctx: Ctx, personId: number) {
  const [p] = await repo.peopleWithin(ctx.db, ctx.access, [personId])
  if (!p) throw notFound(`người #${personId}`)
  return p
}

/**
 * One individual sample per person, day and method, and one pooled sample besides (a positive
 * pool's member may be sampled again alone the same day).
 */
async function refuseSameSample(ctx: Ctx, personIds: number[], sampleDate: string, method: repo.TestMethod, pooled: boolean, excludeId?: number) {
  const found = (await repo.sameSample(ctx.db, personIds, sampleDate, method, pooled)).filter((t) => t.id !== excludeId)
  if (found.length === 0) return
  const names = found.slice(0, 5).map((t) => `${t.fullName} (mẫu #${t.id})`)
  throw new AppError(
    409,
    'DUPLICATE_SAMPLE',
    `Đã có mẫu ${TEST_METHODS[method].vi} ngày ${vn(sampleDate)} của ${names.join(', ')}${found.length > 5 ? '…' : ''}. ${pooled ? 'Mỗi người chỉ ở một mẫu gộp mỗi ngày.' : 'Mỗi người một mẫu mỗi ngày cho mỗi phương pháp.'}`,
    { testIds: found.map((t) => t.id) },
  )
}

/** A campaign the caller sees that a sample of `method` on `sampleDate` can belong to. */
async function campaignFor(ctx: Ctx, campaignId: number, method: repo.TestMethod, sampleDate: string) {
  const c = await repo.findCampaign(ctx.db, ctx.access, campaignId)
  if (!c) throw notFound(`đợt xét nghiệm #${campaignId}`)
  if (c.method !== method) throw badRequest('CAMPAIGN_METHOD', `Đợt "${c.name}" dùng ${TEST_METHODS[c.method].vi}, không phải ${TEST_METHODS[method].vi}.`)
  if (sampleDate < c.startsOn || sampleDate > c.endsOn) {
    throw badRequest('CAMPAIGN_DATES', `Ngày lấy mẫu ${vn(sampleDate)} ngoài thời gian của đợt "${c.name}" (${vn(c.startsOn)}–${vn(c.endsOn)}).`)
  }
  return c
}

/** The test with its case proposal, read inside the transaction that wrote it. */
async function outcomeOf(ctx: Ctx, id: number): Promise<TestOutcome> {
  const row = await repo.findTest(ctx.db, ctx.access, id)
  if (!row) throw notFound(`mẫu xét nghiệm #${id}`)
  const found = row.sampleDate ? await repo.caseOf(ctx.db, ctx.access, row.personId, row.sampleDate) : undefined
  return { ...presentTest(row), proposesCase: row.result === 'positive' && !found?.covers, caseId: found?.id ?? null }
}

// ------------------------------------------------------------------------------------- tests

export interface TestInput {
  personId: number
  method: repo.TestMethod
  sampleDate: string
  resultDate?: string | null | undefined
  result?: repo.TestResult | null | undefined
  ct?: number | null | undefined
  lab: string
  campaignId?: number | null | undefined
}

/** Records a sample, with its result when known: 'sampled' until a result, then 'resulted'. */
export async function recordTest(ctx: Ctx, input: TestInput): Promise<TestOutcome> {
  requirePermission(ctx.access, 'surveillance:write')
  await personWithin(ctx, input.personId)
  const v = { method: input.method, sampleDate: input.sampleDate, resultDate: input.resultDate ?? null, result: input.result ?? null, ct: input.ct ?? null }
  checkResultFields(ctx, v)
  if (input.campaignId) await campaignFor(ctx, input.campaignId, input.method, input.sampleDate)
  await refuseSameSample(ctx, [input.personId], input.sampleDate, input.method, false)
  return inTransaction(ctx, async (tx) => {
    const id = await repo.insertTest(tx.db, {
      personId: input.personId,
      ...v,
      status: v.result ? 'resulted' : 'sampled',
      lab: input.lab.trim(),
      campaignId: input.campaignId ?? null,
    })
    if (v.result === 'positive') await onPositiveTest(tx, input.personId, input.sampleDate)
    return outcomeOf(tx, id)
  })
}

export interface ResultInput {
  sampleDate?: string | undefined
  resultDate?: string | null | undefined
  result?: repo.TestResult | null | undefined
  ct?: number | null | undefined
  lab?: string | undefined
  /** Cancels a planned or sampled test (never a resulted one). */
  cancelled?: true | undefined
}

/**
 * Enters a test's result, or its sample for a planned test (a pool's retest, a follow-up test):
 * planned → sampled → resulted. A pooled sample takes its result from its pool.
 */
export async function enterResult(ctx: Ctx, id: number, input: ResultInput): Promise<TestOutcome> {
  requirePermission(ctx.access, 'surveillance:write')
  return inTransaction(ctx, async (tx) => {
    const t = await repo.lockTest(tx.db, tx.access, id)
    if (!t) throw notFound(`mẫu xét nghiệm #${id}`)
    if (t.poolId !== null) throw conflict('POOLED_TEST', 'Mẫu này nằm trong một mẫu gộp: kết quả được nhập cho cả mẫu gộp.')
    if (t.status === 'cancelled') throw conflict('TEST_CANCELLED', `Mẫu xét nghiệm #${id} đã bị hủy.`)
    if (input.cancelled) {
      if (t.status === 'resulted') throw conflict('TEST_RESULTED', 'Mẫu đã có kết quả, không hủy được; hãy sửa kết quả nếu nhập nhầm.')
      await repo.updateTest(tx.db, tx.access, id, { status: 'cancelled' })
      return outcomeOf(tx, id)
    }
    const v = {
      method: t.method,
      sampleDate: input.sampleDate ?? t.sampleDate,
      resultDate: input.resultDate !== undefined ? input.resultDate : t.resultDate,
      result: input.result !== undefined ? input.result : t.result,
      ct: input.ct !== undefined ? input.ct : t.ct === null ? null : Number(t.ct),
    }
    checkResultFields(tx, v)
    if (input.sampleDate && input.sampleDate !== t.sampleDate) {
      await refuseSameSample(tx, [t.personId], input.sampleDate, t.method, false, id)
      if (t.campaignId) await campaignFor(tx, t.campaignId, t.method, input.sampleDate)
    }
    await repo.updateTest(tx.db, tx.access, id, {
      ...v,
      ...(input.lab !== undefined ? { lab: input.lab.trim() } : {}),
      status: v.result ? 'resulted' : v.sampleDate ? 'sampled' : 'planned',
    })
    if (v.result === 'positive' && t.result !== 'positive' && v.sampleDate) await onPositiveTest(tx, t.personId, v.sampleDate)
    return outcomeOf(tx, id)
  })
}

export interface TestListFilter {
  unitCode?: string | undefined
  from?: string | undefined
  to?: string | undefined
  method?: repo.TestMethod | undefined
  result?: repo.TestResult | undefined
  lab?: string | undefined
  campaignId?: number | undefined
  poolId?: number | undefined
  limit: number
  offset: number
}

/**
 * Samples in the caller's area (or a unit of it), newest first. The sample dates read are bounded:
 * the last 7 days unless given, at most MAX_WINDOW_DAYS; a campaign's own dates when one is chosen;
 * any date for a pool. The reads are audited.
 */
export async function listTests(ctx: Ctx, f: TestListFilter): Promise<Page<TestView>> {
  requirePermission(ctx.access, 'surveillance:read')
  const prefix = await areaPathOf(ctx, f.unitCode)
  let window: { from: string | null; to: string | null }
  if (f.poolId !== undefined) {
    window = { from: f.from ?? null, to: f.to ?? null }
  } else if (f.campaignId !== undefined) {
    window = await campaignWindow(ctx, f.campaignId, f.from, f.to)
  } else {
    window = dateWindow(ctx, f.from, f.to, 7, 'ngày lấy mẫu')
  }
  const page = await repo.listTests(ctx.db, ctx.access, { ...f, prefix, ...window })
  await auditRead(ctx, 'tests', page.rows.map((r) => ({ id: r.id, unitPath: r.unitPath })), { people: page.rows.map((r) => r.personId) })
  return { rows: page.rows.map(presentTest), total: page.total, totalCapped: page.capped }
}

/** Tests planned for a day (today by default): the retests and scheduled tests due. */
export async function plannedTests(ctx: Ctx, f: { date?: string | undefined; unitCode?: string | undefined; limit: number; offset: number }): Promise<Page<TestView>> {
  requirePermission(ctx.access, 'surveillance:read')
  const prefix = await areaPathOf(ctx, f.unitCode)
  const page = await repo.listPlanned(ctx.db, ctx.access, { prefix, date: f.date ?? today(ctx), limit: f.limit, offset: f.offset })
  await auditRead(ctx, 'tests', page.rows.map((r) => ({ id: r.id, unitPath: r.unitPath })), { people: page.rows.map((r) => r.personId) })
  return { rows: page.rows.map(presentTest), total: page.total, totalCapped: page.capped }
}

/**
 * Positive results of people no case covers (none, a discarded one, or one that ended before the
 * sample), by result date (the last 30 days unless given): each proposes a case.
 */
export async function caseProposals(
  ctx: Ctx,
  f: { unitCode?: string | undefined; from?: string | undefined; to?: string | undefined; limit: number; offset: number },
): Promise<Page<TestView>> {
  requirePermission(ctx.access, 'surveillance:read')
  const prefix = await areaPathOf(ctx, f.unitCode)
  const window = dateWindow(ctx, f.from, f.to, 30, 'ngày trả kết quả')
  const page = await repo.listProposals(ctx.db, ctx.access, { prefix, ...window, limit: f.limit, offset: f.offset })
  await auditRead(ctx, 'tests', page.rows.map((r) => ({ id: r.id, unitPath: r.unitPath })), { people: page.rows.map((r) => r.personId), reason: 'case-proposals' })
  return { rows: page.rows.map(presentTest), total: page.total, totalCapped: page.capped }
}

// ------------------------------------------------------------------------------------- pools

export interface PoolMemberView {
  personId: number
  fullName: string
  unitCode: string
  unitName: string
  testId: number
  status: TestView['status']
  result: repo.TestResult | null
  resultDate: string | null
  retest: { id: number; status: TestView['status']; plannedOn: string | null; sampleDate: string | null; resultDate: string | null; result: repo.TestResult | null; ct: number | null } | null
}

export interface PoolView {
  id: number
  code: string
  lab: string
  sampleDate: string
  resultDate: string | null
  result: 'pending' | 'positive' | 'negative' | 'inconclusive'
  ct: number | null
  campaignId: number | null
  campaignName: string | null
  members: PoolMemberView[]
  retests: { open: number; positive: number; negative: number }
}

/** The longest unit path every one of `paths` lies in. */
function commonPath(paths: string[]): string {
  let prefix = paths[0] ?? '/'
  for (const p of paths) while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1)
  return prefix
}

async function poolView(ctx: Ctx, id: number): Promise<PoolView> {
  const pool = await repo.findPool(ctx.db, ctx.access, id)
  if (!pool) throw notFound(`mẫu gộp #${id}`)
  const members = await repo.poolMembers(ctx.db, ctx.access, id)
  const retests = { open: 0, positive: 0, negative: 0 }
  for (const m of members) {
    if (m.retestStatus === 'planned' || m.retestStatus === 'sampled') retests.open++
    if (m.retestResult === 'positive') retests.positive++
    if (m.retestResult === 'negative') retests.negative++
  }
  return {
    id: pool.id,
    code: pool.code,
    lab: pool.lab,
    sampleDate: pool.sampleDate,
    resultDate: pool.resultDate,
    result: pool.result,
    ct: pool.ct === null ? null : Number(pool.ct),
    campaignId: pool.campaignId,
    campaignName: pool.campaignName,
    members: members.map((m) => ({
      personId: m.personId,
      fullName: m.fullName,
      unitCode: m.unitCode,
      unitName: m.unitName,
      testId: m.testId,
      status: m.status,
      result: m.result,
      resultDate: m.resultDate,
      retest:
        m.retestId === null
          ? null
          : {
              id: m.retestId,
              status: m.retestStatus!,
              plannedOn: m.retestPlannedOn,
              sampleDate: m.retestSampleDate,
              resultDate: m.retestResultDate,
              result: m.retestResult,
              ct: m.retestCt === null ? null : Number(m.retestCt),
            },
    })),
    retests,
  }
}

export async function getPool(ctx: Ctx, id: number): Promise<PoolView> {
  requirePermission(ctx.access, 'surveillance:read')
  const view = await poolView(ctx, id)
  await auditRead(ctx, 'tests', view.members.map((m) => ({ id: m.testId })), { pool: id, people: view.members.map((m) => m.personId) })
  return view
}

/** A pool as a row of the list: where, when, its size and how its members' retests stand. */
export interface PoolListRow {
  id: number
  code: string
  lab: string
  sampleDate: string
  resultDate: string | null
  result: repo.PoolResult
  ct: number | null
  campaignId: number | null
  campaignName: string | null
  /** The common unit of the pool's members. */
  unitCode: string | null
  unitName: string | null
  size: number
  /** Members whose individual retest is positive. */
  membersPositive: number
  /** Individual retests still to be sampled or resulted. */
  retestsOpen: number
}

export type PoolListFilter = Omit<TestListFilter, 'method' | 'result' | 'lab' | 'poolId'> & { result?: repo.PoolResult | undefined }

/**
 * Pools of the caller's area (or a unit of it), newest sample first: the last 30 days of sample
 * dates unless given, at most MAX_WINDOW_DAYS; a campaign's own dates when one is chosen. A pool
 * row names no one, so the list is not a read of personal data.
 */
export async function listPools(ctx: Ctx, f: PoolListFilter): Promise<Page<PoolListRow>> {
  requirePermission(ctx.access, 'surveillance:read')
  const prefix = await areaPathOf(ctx, f.unitCode)
  const window = f.campaignId !== undefined ? await campaignWindow(ctx, f.campaignId, f.from, f.to) : dateWindow(ctx, f.from, f.to, 30, 'ngày lấy mẫu')
  if (window.from > window.to) throw badRequest('DATE_RANGE', `Khoảng ngày lấy mẫu: ngày bắt đầu (${vn(window.from)}) sau ngày kết thúc (${vn(window.to)}).`)
  const page = await repo.listPools(ctx.db, ctx.access, { ...f, prefix, ...window })
  return {
    rows: page.rows.map((r) => ({
      id: r.id,
      code: r.code,
      lab: r.lab,
      sampleDate: r.sampleDate,
      resultDate: r.resultDate,
      result: r.result,
      ct: r.ct === null ? null : Number(r.ct),
      campaignId: r.campaignId,
      campaignName: r.campaignName,
      unitCode: r.unitCode,
      unitName: r.unitName,
      size: Number(r.size),
      membersPositive: Number(r.membersPositive),
      retestsOpen: Number(r.retestsOpen),
    })),
    total: page.total,
    totalCapped: page.capped,
  }
}

export interface PoolInput {
  code: string
  lab: string
  sampleDate: string
  campaignId?: number | null | undefined
  personIds: number[]
}

/** A pooled sample of 2–30 people: the pool and one sampled RT-PCR test per member, in one transaction. */
export async function createPool(ctx: Ctx, input: PoolInput): Promise<PoolView> {
  requirePermission(ctx.access, 'surveillance:write')
  const people = await repo.peopleWithin(ctx.db, ctx.access, input.personIds)
  const missing = input.personIds.filter((id) => !people.some((p) => p.id === id))
  if (missing.length > 0) throw notFound(`người ${missing.map((id) => `#${id}`).join(', ')} trong địa bàn của bạn`)
  checkResultFields(ctx, { method: 'pcr', sampleDate: input.sampleDate, resultDate: null, result: null, ct: null })
  if (input.campaignId) await campaignFor(ctx, input.campaignId, 'pcr', input.sampleDate)
  const lab = input.lab.trim()
  const code = input.code.trim()
  if (await repo.poolByCode(ctx.db, lab, code)) throw conflict('POOL_CODE_TAKEN', `Mã mẫu gộp ${code} đã có ở phòng xét nghiệm ${lab || '(chưa ghi)'}.`)
  await refuseSameSample(ctx, input.personIds, input.sampleDate, 'pcr', true)
  return inTransaction(ctx, async (tx) => {
    const campaignId = input.campaignId ?? null
    const id = await repo.insertPool(tx.db, { code, lab, sampleDate: input.sampleDate, unitPath: commonPath(people.map((p) => p.unitPath)), campaignId })
    await repo.insertPoolMembers(tx.db, { id, lab, sampleDate: input.sampleDate, campaignId }, input.personIds)
    return poolView(tx, id)
  })
}

/**
 * A pool's result. Negative: every member's sample is negative. Positive: the members' pooled
 * samples are inconclusive and each member gets an individual retest planned for the result day.
 * Posting the same result again changes nothing; a different one is refused.
 */
export async function poolResult(
  ctx: Ctx,
  id: number,
  input: { result: 'positive' | 'negative'; resultDate: string; ct?: number | null | undefined },
): Promise<PoolView & { changed: boolean; retestsOpened: number }> {
  requirePermission(ctx.access, 'surveillance:write')
  return inTransaction(ctx, async (tx) => {
    const pool = await repo.findPool(tx.db, tx.access, id, true)
    if (!pool) throw notFound(`mẫu gộp #${id}`)
    const ct = input.ct ?? null
    if (pool.result !== 'pending') {
      const same = pool.result === input.result && pool.resultDate === input.resultDate && (pool.ct === null ? null : Number(pool.ct)) === ct
      if (same) return { ...(await poolView(tx, id)), changed: false, retestsOpened: 0 }
      throw conflict(
        'POOL_RESULTED',
        `Mẫu gộp ${pool.code} đã có kết quả ${pool.result === 'positive' ? 'dương tính' : 'âm tính'} ngày ${vn(pool.resultDate)}; không ghi đè bằng kết quả khác.`,
      )
    }
    checkResultFields(tx, { method: 'pcr', sampleDate: pool.sampleDate, resultDate: input.resultDate, result: input.result, ct })
    await repo.setPoolResult(tx.db, id, { result: input.result, resultDate: input.resultDate, ct })
    const retestsOpened = await repo.applyPoolResult(tx.db, { id, lab: pool.lab, campaignId: pool.campaignId }, input.result, input.resultDate)
    return { ...(await poolView(tx, id)), changed: true, retestsOpened }
  })
}

// --------------------------------------------------------------------------------- campaigns

export interface CampaignView {
  id: number
  name: string
  unitCode: string
  unitName: string
  startsOn: string
  endsOn: string
  method: repo.TestMethod
  targetPeople: number | null
  note: string | null
}

const presentCampaign = (c: repo.CampaignRow): CampaignView => ({
  id: c.id,
  name: c.name,
  unitCode: c.unitCode,
  unitName: c.unitName,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  method: c.method,
  targetPeople: c.targetPeople,
  note: c.note,
})

export interface CampaignInput {
  name: string
  unitCode: string
  startsOn: string
  endsOn: string
  method: repo.TestMethod
  targetPeople?: number | null | undefined
  note?: string | null | undefined
}

function checkCampaignDates(startsOn: string, endsOn: string) {
  if (endsOn < startsOn) throw badRequest('DATE_RANGE', `Ngày kết thúc đợt (${vn(endsOn)}) ở trước ngày bắt đầu (${vn(startsOn)}).`)
}

export async function createCampaign(ctx: Ctx, input: CampaignInput): Promise<CampaignView> {
  requirePermission(ctx.access, 'surveillance:write')
  const unit = await unitWithin(ctx, input.unitCode)
  checkCampaignDates(input.startsOn, input.endsOn)
  return inTransaction(ctx, async (tx) => {
    const id = await repo.insertCampaign(tx.db, {
      name: input.name.trim(),
      unitId: unit.id,
      unitPath: unit.path,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      method: input.method,
      targetPeople: input.targetPeople ?? null,
      note: input.note ?? null,
    })
    return presentCampaign((await repo.findCampaign(tx.db, tx.access, id))!)
  })
}

export async function updateCampaign(ctx: Ctx, id: number, patch: Partial<CampaignInput>): Promise<CampaignView> {
  requirePermission(ctx.access, 'surveillance:write')
  return inTransaction(ctx, async (tx) => {
    const c = await repo.findCampaign(tx.db, tx.access, id)
    if (!c) throw notFound(`đợt xét nghiệm #${id}`)
    if (!isWithin(tx.access, c.unitPath)) throw outsideJurisdiction()
    const unit = patch.unitCode ? await unitWithin(tx, patch.unitCode) : undefined
    const startsOn = patch.startsOn ?? c.startsOn
    const endsOn = patch.endsOn ?? c.endsOn
    checkCampaignDates(startsOn, endsOn)
    const outside = await repo.campaignSamplesOutside(tx.db, id, startsOn, endsOn)
    if (outside > 0) throw conflict('CAMPAIGN_SAMPLES_OUTSIDE', `Đợt đã có ${outside} mẫu lấy ngoài khoảng ${vn(startsOn)}–${vn(endsOn)}; không thu hẹp được như vậy.`)
    if (patch.method && patch.method !== c.method && (await repo.campaignHasTests(tx.db, id))) {
      throw conflict('CAMPAIGN_HAS_SAMPLES', `Đợt đã có mẫu ${TEST_METHODS[c.method].vi}; không đổi được phương pháp xét nghiệm.`)
    }
    const { unitCode: _u, name, ...rest } = patch
    await repo.updateCampaign(tx.db, tx.access, id, {
      ...rest,
      ...(name !== undefined ? { name: name.trim() } : {}),
      ...(unit ? { unitId: unit.id, unitPath: unit.path } : {}),
    })
    return presentCampaign((await repo.findCampaign(tx.db, tx.access, id))!)
  })
}

export async function listCampaigns(
  ctx: Ctx,
  f: { unitCode?: string | undefined; activeOn?: string | undefined; limit: number; offset: number },
): Promise<{ rows: CampaignView[]; total: number }> {
  requirePermission(ctx.access, 'surveillance:read')
  const unitPath = f.unitCode ? await areaPathOf(ctx, f.unitCode) : null
  const page = await repo.listCampaigns(ctx.db, ctx.access, { unitPath, activeOn: f.activeOn ?? null, limit: f.limit, offset: f.offset })
  return { rows: page.rows.map(presentCampaign), total: page.total }
}

const ratio = (n: number, d: number | null) => (d ? Math.round((n / d) * 10_000) / 10_000 : null)

export interface CoverageView {
  campaign: CampaignView
  /** People sampled in the campaign (each once), in the communes the caller sees. */
  tested: number
  /** The communes' population (latest known), where known. */
  population: number | null
  targetPeople: number | null
  /** tested / target when the campaign has one, else tested / population; null when neither is known. */
  coverage: number | null
  communes: { code: string; name: string; tested: number; population: number | null; coverage: number | null }[]
}

/** Coverage per commune of the campaign's area (inside the caller's jurisdiction), counted in SQL. */
export async function campaignCoverage(ctx: Ctx, id: number): Promise<CoverageView> {
  requirePermission(ctx.access, 'surveillance:read')
  const c = await repo.findCampaign(ctx.db, ctx.access, id)
  if (!c) throw notFound(`đợt xét nghiệm #${id}`)
  const rows = await repo.campaignCoverage(ctx.db, ctx.access, c, today(ctx))
  const tested = rows.reduce((s, r) => s + r.tested, 0)
  const known = rows.filter((r) => r.population !== null)
  const population = known.length > 0 ? known.reduce((s, r) => s + Number(r.population), 0) : null
  return {
    campaign: presentCampaign(c),
    tested,
    population,
    targetPeople: c.targetPeople,
    coverage: ratio(tested, c.targetPeople ?? population),
    communes: rows.map((r) => ({
      code: r.code,
      name: r.name,
      tested: r.tested,
      population: r.population === null ? null : Number(r.population),
      coverage: ratio(r.tested, r.population === null ? null : Number(r.population)),
    })),
  }
}
