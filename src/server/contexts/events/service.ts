import countries from 'i18n-iso-countries'
import vi from 'i18n-iso-countries/langs/vi.json' with { type: 'json' }
import { sql } from 'kysely'
import {
  assessEvent,
  type Decision,
  type EventAssessment,
  type EventRuleSet,
  type EventStatus,
  NATIONAL_EVENT_RULES,
  nextStatus,
  type Setting,
  SETTING_LABELS,
  STATUS_LABELS,
  VERDICT_LABELS,
  zEventRuleSet,
} from '../../../domain/events/rules.ts'
import { can, ROLE_KEYS } from '../../../domain/access/roles.ts'
import type { Level } from '../../../domain/levels/ruleset.ts'
import { formatVnDate, vnDate } from '../../../domain/text/dates.ts'
import { type Ctx, auditRead, inTransaction, isWithin, requirePermission, today } from '../../platform/context.ts'
import { AppError, badRequest, conflict, notFound, outsideJurisdiction } from '../../platform/errors.ts'
import { levelsInForce } from '../levels/repo.ts'
import { notify } from '../notifications/service.ts'
import { fullNameOf, getUnit } from '../units/service.ts'
import * as repo from './repo.ts'

countries.registerLocale(vi)

/** The day the national set takes effect (Resolution 128/NQ-CP). */
export const NATIONAL_FROM = '2021-10-11'

async function unitWithin(ctx: Ctx, code: string) {
  const unit = await getUnit(ctx, code)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return unit
}

// --- Rules ---------------------------------------------------------------------------------------

/** Writes the shipped national set once (reference data, audited by its trigger). */
export async function ensureNational(ctx: Ctx): Promise<void> {
  if (await repo.nationalExists(ctx.db)) return
  await inTransaction(ctx, async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('event_rule_sets_national'))`.execute(tx.db)
    if (await repo.nationalExists(tx.db)) return
    await repo.insertRuleSet(tx.db, {
      unitId: null,
      validFrom: NATIONAL_FROM,
      name: NATIONAL_EVENT_RULES.name,
      definition: NATIONAL_EVENT_RULES,
      reason: null,
      createdBy: null,
    })
  })
}

export async function listRuleSets(ctx: Ctx) {
  requirePermission(ctx.access, 'events:read')
  await ensureNational(ctx)
  const [sets, inForce] = await Promise.all([repo.listRuleSets(ctx.db, ctx.access), repo.ruleSetAt(ctx.db, ctx.access.unitPath, today(ctx))])
  return { inForceId: inForce?.id ?? null, ruleSets: sets.map((r) => ({ ...r, national: r.unitId === null })) }
}

export interface RuleSetInput {
  validFrom: string
  definition: unknown
  reason: string
}

/** A province's own dated variant of the event rules (the caller's province), checked as data. */
export async function saveRuleSet(ctx: Ctx, input: RuleSetInput) {
  requirePermission(ctx.access, 'events:rules')
  const definition = checkedRuleSet(input.definition)
  return inTransaction(ctx, async (tx) => {
    const province = await repo.provinceHolding(tx.db, tx.access.unitPath)
    if (!province) throw badRequest('RULES_NO_PROVINCE', 'Tài khoản này không thuộc tỉnh nào: bộ quy định riêng được ghi cho tỉnh của người ghi.')
    const id = await storeRuleSet(tx, province, input.validFrom, definition, input.reason)
    return (await repo.listRuleSets(tx.db, tx.access)).find((r) => r.id === id)!
  })
}

function checkedRuleSet(definition: unknown): EventRuleSet {
  const parsed = zEventRuleSet.safeParse(definition)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw badRequest('RULES_INVALID', `Bộ quy định chưa hợp lệ: ${problems.slice(0, 5).join('; ')}`, { problems })
  }
  const unknown = parsed.data.highRiskCountries.codes.filter((c) => !countries.isValid(c))
  if (unknown.length) throw badRequest('COUNTRY_UNKNOWN', `Mã nước không có trong ISO 3166-1: ${unknown.join(', ')}.`)
  return parsed.data
}

async function storeRuleSet(tx: Ctx, province: { id: string; name: string }, validFrom: string, definition: EventRuleSet, reason: string): Promise<number> {
  if (await repo.ruleSetExists(tx.db, province.id, validFrom)) {
    throw conflict('RULES_EXISTS', `${province.name} đã có bộ quy định sự kiện áp dụng từ ngày ${formatVnDate(validFrom)}. Hãy chọn ngày khác.`)
  }
  return repo.insertRuleSet(tx.db, { unitId: province.id, validFrom, name: definition.name, definition, reason: reason.trim(), createdBy: tx.access.userId })
}

/** A province's own variant written by the system (the demo province's own list); nothing when one holds that day. */
export async function seedProvinceRuleSet(ctx: Ctx, provinceCode: string, validFrom: string, definition: EventRuleSet, reason: string): Promise<boolean> {
  const province = await getUnit(ctx, provinceCode)
  if (await repo.ruleSetExists(ctx.db, province.id, validFrom)) return false
  await inTransaction(ctx, (tx) => storeRuleSet(tx, province, validFrom, checkedRuleSet(definition), reason))
  return true
}

/** The rule set in force at a place on a day (the national one when nothing is stored for that day). */
async function rulesAt(ctx: Ctx, unitPath: string, day: string): Promise<{ name: string; definition: EventRuleSet; id: number | null }> {
  await ensureNational(ctx)
  const row = await repo.ruleSetAt(ctx.db, unitPath, day)
  return row ? { id: row.id, name: row.name, definition: row.definition } : { id: null, name: NATIONAL_EVENT_RULES.name, definition: NATIONAL_EVENT_RULES }
}

/** The published level in force on `day` at the unit of `unitPath` (the nearest unit on its path with one). */
export async function levelAt(ctx: Pick<Ctx, 'db'>, unitPath: string, day: string): Promise<{ level: Level; since: string; unitId: string } | null> {
  const ids = unitPath.split('/').filter(Boolean)
  const inForce = await levelsInForce(ctx.db, ids, day)
  for (const id of [...ids].reverse()) {
    const l = inForce.get(id)
    if (l) return { level: l.level as Level, since: l.since, unitId: id }
  }
  return null
}

export interface AssessInput {
  unitCode: string
  setting: Setting
  startsOn: string
  expectedAttendance: number
  foreignGuests?: number | undefined
  countries?: string[] | undefined
}

function checkCountries(list: string[], foreignGuests: number): string[] {
  const codes = [...new Set(list.map((c) => c.trim().toUpperCase()))]
  const unknown = codes.filter((c) => !countries.isValid(c))
  if (unknown.length) throw badRequest('COUNTRY_UNKNOWN', `Mã nước không hợp lệ (theo ISO 3166-1, 2 chữ cái, ví dụ KR, US): ${unknown.join(', ')}.`)
  if (foreignGuests > 0 && codes.length === 0) throw badRequest('COUNTRIES_MISSING', 'Có khách từ nước ngoài: hãy ghi họ đến từ những nước nào.')
  if (foreignGuests === 0 && codes.length > 0) throw badRequest('GUESTS_MISSING', 'Đã ghi nước của khách: hãy ghi số khách từ nước ngoài.')
  return codes
}

async function assessAt(ctx: Ctx, unitPath: string, input: Omit<AssessInput, 'unitCode'>, codes: string[]) {
  const [rules, level] = await Promise.all([rulesAt(ctx, unitPath, input.startsOn), levelAt(ctx, unitPath, input.startsOn)])
  const a = assessEvent(rules.definition, {
    level: level?.level ?? null,
    setting: input.setting,
    attendance: input.expectedAttendance,
    foreignGuests: input.foreignGuests ?? 0,
    countries: codes,
  })
  return { ...a, ruleSet: rules.name, ruleSetId: rules.id, levelSince: level?.since ?? null }
}

/** What would apply to an event (the registration form shows it before saving). */
export async function assess(ctx: Ctx, input: AssessInput) {
  requirePermission(ctx.access, 'events:read')
  const unit = await unitWithin(ctx, input.unitCode)
  const codes = checkCountries(input.countries ?? [], input.foreignGuests ?? 0)
  return presentAssessment(await assessAt(ctx, unit.path, input, codes))
}

export function presentAssessment(a: EventAssessment & { ruleSet?: string; levelSince?: string | null }) {
  return {
    ...a,
    verdictLabel: VERDICT_LABELS[a.verdict],
    highRiskCountries: a.highRiskCountries.map((c) => ({ code: c, name: countryName(c) })),
  }
}

const countryName = (code: string) => countries.getName(code, 'vi') ?? code

// --- Events --------------------------------------------------------------------------------------

export interface EventInput extends AssessInput {
  title: string
  organiser: string
  contactName?: string | null | undefined
  contactPhone?: string | null | undefined
  place: string
  startTime?: string | null | undefined
  endsOn?: string | null | undefined
  purpose?: string | null | undefined
}

export async function register(ctx: Ctx, input: EventInput) {
  requirePermission(ctx.access, 'events:write')
  const unit = await unitWithin(ctx, input.unitCode)
  const endsOn = input.endsOn ?? input.startsOn
  if (endsOn < input.startsOn) throw badRequest('EVENT_DATES', 'Ngày kết thúc phải từ ngày bắt đầu trở đi.')
  const foreignGuests = input.foreignGuests ?? 0
  if (foreignGuests > input.expectedAttendance) throw badRequest('GUESTS_OVER', 'Số khách từ nước ngoài không thể nhiều hơn tổng số người dự kiến.')
  const codes = checkCountries(input.countries ?? [], foreignGuests)
  return inTransaction(ctx, async (tx) => {
    const assessment = await assessAt(tx, unit.path, input, codes)
    const id = await repo.insertEvent(tx.db, {
      unitId: unit.id,
      unitPath: unit.path,
      title: input.title.trim(),
      organiser: input.organiser.trim(),
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
      place: input.place.trim(),
      setting: input.setting,
      startsOn: input.startsOn,
      startTime: input.startTime ?? null,
      endsOn,
      expectedAttendance: input.expectedAttendance,
      foreignGuests,
      countries: codes,
      purpose: input.purpose ?? null,
      assessment: JSON.stringify(assessment),
      createdBy: tx.access.userId,
    })
    return getEvent(tx, id)
  })
}

async function loadEvent(ctx: Ctx, id: number, forUpdate = false) {
  const e = await repo.findEvent(ctx.db, ctx.access, id, forUpdate)
  if (!e) throw notFound(`sự kiện #${id}`)
  return e
}

/** One event with its contact (personal: the read is audited). */
export async function getEvent(ctx: Ctx, id: number) {
  requirePermission(ctx.access, 'events:read')
  const e = await loadEvent(ctx, id)
  await auditRead(ctx, 'events', [{ id: e.id, unitPath: e.unitPath }])
  return present(e, true)
}

function present(e: repo.EventRow, withContact: boolean) {
  return {
    id: e.id,
    title: e.title,
    organiser: e.organiser,
    ...(withContact ? { contactName: e.contactName, contactPhone: e.contactPhone } : {}),
    place: e.place,
    unit: { code: e.unitCode, name: fullNameOf(e.unitName, e.unitType) },
    setting: e.setting,
    settingLabel: SETTING_LABELS[e.setting],
    startsOn: e.startsOn,
    startTime: e.startTime,
    endsOn: e.endsOn,
    expectedAttendance: e.expectedAttendance,
    foreignGuests: e.foreignGuests,
    countries: e.countries.map((c) => ({ code: c, name: countryName(c) })),
    purpose: e.purpose,
    status: e.status,
    statusLabel: STATUS_LABELS[e.status],
    assessment: presentAssessment(e.assessment),
    advice: { requestedAt: e.adviceRequestedAt, to: e.adviceTo, text: e.adviceText, advisedAt: e.advisedAt, advisedBy: e.advisedByName },
    decision: { conditions: e.decisionConditions, reason: e.decisionReason, number: e.decisionNumber, decidedAt: e.decidedAt, decidedBy: e.decidedByName },
    createdAt: e.createdAt,
  }
}

/** Events of a unit overlapping a date range, a page at a time (no contacts). */
export async function calendar(ctx: Ctx, q: { unit: string; from: string; to: string; status?: EventStatus | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'events:read')
  const unit = await unitWithin(ctx, q.unit)
  if (q.to < q.from) throw badRequest('RANGE', 'Ngày cuối phải từ ngày đầu trở đi.')
  const { total, rows } = await repo.calendar(ctx.db, ctx.access, { unitPath: unit.path, from: q.from, to: q.to, status: q.status, limit: q.limit, offset: q.offset })
  await auditRead(
    ctx,
    'events',
    rows.map((r) => ({ id: r.id, unitPath: r.unitPath })),
    { calendar: { unit: q.unit, from: q.from, to: q.to } },
  )
  return { unit: { code: unit.code, name: fullNameOf(unit.name, unit.unitType) }, from: q.from, to: q.to, total, events: rows.map((r) => present(r, false)) }
}

function step(e: repo.EventRow, action: Parameters<typeof nextStatus>[1]): EventStatus {
  const r = nextStatus(e.status, action, e.assessment)
  if ('refused' in r) throw new AppError(409, 'EVENT_STEP', r.refused)
  return r.status
}

/** The roles that give health advice on events (the health authority), the system administrator aside. */
const ADVISING_ROLES = ROLE_KEYS.filter((r) => r !== 'admin' && can(r, 'events:advise'))

export async function requestAdvice(ctx: Ctx, id: number, input: { to?: string | null | undefined; note?: string | null | undefined }) {
  requirePermission(ctx.access, 'events:write')
  const view = await inTransaction(ctx, async (tx) => {
    const e = await loadEvent(tx, id, true)
    const status = step(e, { kind: 'request_advice' })
    await repo.updateEvent(tx.db, id, { status, adviceRequestedAt: tx.now(), adviceRequestedBy: tx.access.userId, adviceTo: input.to?.trim() || 'Trung tâm Kiểm soát bệnh tật tỉnh' })
    return { event: await getEvent(tx, id), unitPath: e.unitPath }
  })
  // Once the request is recorded, the health authority over the event's place is told (once per event).
  const e = view.event
  const users = await repo.usersAbove(ctx.db, view.unitPath, ADVISING_ROLES)
  await notify(ctx, {
    userIds: users.map((u) => u.id).filter((u) => u !== ctx.access.userId),
    kind: 'event_advice_requested',
    title: `Xin ý kiến y tế: ${e.title}`,
    body:
      `${e.unit.name} xin ý kiến cơ quan y tế (${e.advice.to}) về sự kiện “${e.title}” ngày ${formatVnDate(e.startsOn)} tại ${e.place}, ` +
      `dự kiến ${e.expectedAttendance} người${e.countries.length ? `, có khách từ ${e.countries.map((c) => c.name).join(', ')}` : ''}.${input.note?.trim() ? ` Ghi chú: ${input.note.trim()}` : ''}`,
    link: `/su-kien/${id}`,
    dedupeKey: `event-advice:${id}`,
  })
  return e
}

export async function advise(ctx: Ctx, id: number, input: { text: string }) {
  requirePermission(ctx.access, 'events:advise')
  return inTransaction(ctx, async (tx) => {
    const e = await loadEvent(tx, id, true)
    const status = step(e, { kind: 'advise' })
    await repo.updateEvent(tx.db, id, { status, adviceText: input.text.trim(), advisedAt: tx.now(), advisedBy: tx.access.userId })
    return getEvent(tx, id)
  })
}

export async function decide(ctx: Ctx, id: number, input: { decision: Decision; conditions?: string[] | undefined; reason?: string | null | undefined }) {
  requirePermission(ctx.access, 'events:decide')
  const conditions = (input.conditions ?? []).map((c) => c.trim()).filter(Boolean)
  if (input.decision === 'refused' && !input.reason?.trim()) throw badRequest('REASON_MISSING', 'Không đồng ý cần ghi lý do.')
  if (input.decision === 'approved' && conditions.length > 0) throw badRequest('CONDITIONS_UNEXPECTED', 'Có điều kiện thì chọn “Đồng ý có điều kiện”.')
  return inTransaction(ctx, async (tx) => {
    const e = await loadEvent(tx, id, true)
    const status = step(e, { kind: 'decide', decision: input.decision, conditions: conditions.length })
    const now = tx.now()
    const n = await repo.nextDecisionNumber(tx.db, e.unitId, today(tx).slice(0, 4))
    await repo.updateEvent(tx.db, id, {
      status,
      decisionConditions: conditions,
      decisionReason: input.reason?.trim() || null,
      decisionNumber: `${n}/UBND-SK`,
      decidedAt: now,
      decidedBy: tx.access.userId,
    })
    return getEvent(tx, id)
  })
}

// --- The reply (.docx) ---------------------------------------------------------------------------

export interface EventReplyInput {
  issuer: string
  place: string
  date: string
  number: string
  summary: string
  addressee: string
  paragraphs: string[]
  recipients: string[]
}

/** What the committee's reply to the organiser says (the caller must see the event; read audited). */
export async function replyInput(ctx: Ctx, id: number): Promise<EventReplyInput> {
  requirePermission(ctx.access, 'events:read')
  const e = await loadEvent(ctx, id)
  if (!['approved', 'approved_with_conditions', 'refused'].includes(e.status) || !e.decidedAt) {
    throw conflict('NOT_DECIDED', 'Sự kiện chưa có quyết định: chưa thể in văn bản trả lời.')
  }
  await auditRead(ctx, 'events', [{ id: e.id, unitPath: e.unitPath }], { document: 'reply' })
  const unitName = fullNameOf(e.unitName, e.unitType)
  const when = `${e.startTime ? `${e.startTime} ` : ''}ngày ${formatVnDate(e.startsOn)}${e.endsOn !== e.startsOn ? ` đến ngày ${formatVnDate(e.endsOn)}` : ''}`
  const a = e.assessment
  const paragraphs = [
    `${unitName} nhận được văn bản đăng ký tổ chức “${e.title}” của ${e.organiser}, dự kiến tổ chức vào ${when} tại ${e.place} (${SETTING_LABELS[e.setting]}), ${unitName}, với khoảng ${e.expectedAttendance.toLocaleString('vi-VN')} người tham dự${e.foreignGuests > 0 ? `, trong đó có ${e.foreignGuests} khách từ nước ngoài (${e.countries.map(countryName).join(', ')})` : ''}.`,
    `Căn cứ ${a.source}; ${a.level ? `cấp độ dịch đang áp dụng tại ${unitName} là cấp ${a.level}` : 'chưa có cấp độ dịch được công bố cho địa bàn'}${e.adviceText ? `; ý kiến của ${e.adviceTo ?? 'cơ quan y tế'}: ${e.adviceText.replace(/\.$/, '')}` : ''}.`,
  ]
  if (e.status === 'refused') {
    paragraphs.push(`${unitName} không đồng ý để ${e.organiser} tổ chức sự kiện nêu trên. Lý do: ${(e.decisionReason ?? '').replace(/\.$/, '')}.`)
  } else {
    paragraphs.push(
      `${unitName} đồng ý để ${e.organiser} tổ chức sự kiện nêu trên${e.status === 'approved_with_conditions' ? ' với các điều kiện sau:' : '.'}`,
      ...e.decisionConditions.map((c, i) => `${i + 1}. ${c.replace(/\.$/, '')}.`),
      `Ban tổ chức chịu trách nhiệm thực hiện nghiêm các biện pháp phòng, chống dịch; khi có người nghi nhiễm phải báo ngay cho Trạm Y tế. Trường hợp cấp độ dịch thay đổi trước ngày tổ chức, ${unitName} sẽ thông báo để điều chỉnh./.`,
    )
  }
  const province = await ctx.db
    .selectFrom('units')
    .select('name')
    .where('level', '=', 'province')
    .where(sql<boolean>`${e.unitPath} LIKE path || '%'`)
    .executeTakeFirst()
  return {
    issuer: `ỦY BAN NHÂN DÂN\n${e.unitName.toUpperCase()}`,
    place: e.unitName.replace(/^(Phường|Xã|Thị trấn|Đặc khu)\s+/i, '') || province?.name || e.unitName,
    date: vnDate(e.decidedAt),
    number: e.decisionNumber ?? `${e.id}/UBND-SK`,
    summary: `V/v ${e.status === 'refused' ? 'trả lời đề nghị' : 'chấp thuận'} tổ chức sự kiện “${e.title}”`,
    addressee: e.organiser,
    paragraphs,
    recipients: [`- ${e.organiser};`, '- Trạm Y tế;', '- Công an xã, phường;', '- Lưu: VT.'],
  }
}

// --- Public: approved large events, nothing personal ----------------------------------------------

export const PUBLIC_LIMIT = 500

export async function publicEvents(ctx: Ctx, unitCode: string) {
  const unit = await getUnit(ctx, unitCode)
  await ensureNational(ctx)
  const rules = await rulesAt(ctx, unit.path, today(ctx))
  const rows = await repo.publicEvents(ctx.db, { unitPath: unit.path, from: today(ctx), minAttendance: rules.definition.largeEventAttendance, limit: PUBLIC_LIMIT })
  return {
    unit: { code: unit.code, name: fullNameOf(unit.name, unit.unitType) },
    largeFrom: rules.definition.largeEventAttendance,
    events: rows.map((r) => ({
      id: r.id,
      title: r.title,
      place: r.place,
      unit: { code: r.unitCode, name: fullNameOf(r.unitName, r.unitType) },
      setting: r.setting,
      startsOn: r.startsOn,
      startTime: r.startTime,
      endsOn: r.endsOn,
      expectedAttendance: r.expectedAttendance,
      decision: STATUS_LABELS[r.status as EventStatus],
      conditions: r.decisionConditions,
    })),
  }
}
