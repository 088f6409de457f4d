import {
  chooseRule,
  type Confidence,
  extendedEnd,
  type FillState,
  fillState,
  kindForReason,
  missingTests,
  type PlacementKind,
  type PlacementReason,
  REASON_LABELS,
  type RuleChoice,
  type RuleKind,
  ruleProblems,
  testDates,
} from '../../../domain/quarantine/rules.ts'
import { sql } from 'kysely'
import { shiftDay } from '../../../domain/surveillance/followup.ts'
import { formatVnDate } from '../../../domain/text/dates.ts'
import { type Ctx, auditRead, inTransaction, isWithin, requirePermission, today } from '../../platform/context.ts'
import { AppError, badRequest, conflict, notFound, outsideJurisdiction } from '../../platform/errors.ts'
import { findPerson } from '../people/repo.ts'
import { registerMergeHook, registerPersonReference } from '../people/references.ts'
import { createPerson, type PersonInput } from '../people/service.ts'
import { provinceOfAccess } from '../surveillance/cases/repo.ts'
import { getUnit } from '../units/service.ts'
import * as repo from './repo.ts'

registerPersonReference({ table: 'quarantine_placements', column: 'person_id', label: 'đợt cách ly' })
// Two records of one person both in quarantine cannot become one (one quarantine at a time): the
// merge is refused until one stay is ended or transferred.
registerMergeHook({
  name: 'quarantine',
  beforeMove: async (tx, keepId, fromId) => {
    const open = await tx.db.selectFrom('quarantinePlacements').select('personId').where('personId', 'in', [keepId, fromId]).where('status', '=', 'active').execute()
    if (open.length > 1) throw conflict('MERGE_BOTH_IN_QUARANTINE', 'Cả hai hồ sơ đều đang cách ly: hãy kết thúc hoặc chuyển một đợt cách ly trước khi gộp.')
    return null
  },
})

export interface Warning {
  code: 'MIXED_ROOM' | 'NEAR_FULL' | 'FULL' | 'ROOM_NEAR_FULL'
  message: string
}

// --- Rules ---------------------------------------------------------------------------------------

export async function listRules(ctx: Ctx) {
  requirePermission(ctx.access, 'quarantine:read')
  return { rules: await repo.listRules(ctx.db, ctx.access) }
}

export interface RuleInput {
  kind: RuleKind
  name: string
  validFrom: string
  validTo?: string | null | undefined
  days: number
  monitoringDays: number
  requiredTests?: number[] | undefined
  source: string
  confidence: Confidence
  note?: string | null | undefined
}

/** A province's own dated variant of a quarantine rule (for the caller's province); audited by its trigger. */
export async function createRule(ctx: Ctx, input: RuleInput) {
  requirePermission(ctx.access, 'quarantine:rules')
  const requiredTests = [...new Set(input.requiredTests ?? [])].sort((a, b) => a - b)
  const problems = ruleProblems({ validFrom: input.validFrom, validTo: input.validTo ?? null, days: input.days, monitoringDays: input.monitoringDays, requiredTests })
  if (problems.length > 0) throw badRequest('RULE_INVALID', problems.join(' '), { problems })
  return inTransaction(ctx, async (tx) => {
    const province = await provinceOfAccess(tx.db, tx.access)
    if (!province) throw badRequest('RULE_NO_PROVINCE', 'Tài khoản này không thuộc tỉnh nào: quy định riêng được ghi cho tỉnh của người ghi.')
    if (await repo.ruleExists(tx.db, province.id, input.kind, input.validFrom)) {
      throw conflict('RULE_EXISTS', `${province.name} đã có quy định cách ly cho nhóm này áp dụng từ ngày ${formatVnDate(input.validFrom)}. Hãy chọn ngày khác.`)
    }
    const id = await repo.insertRule(tx.db, {
      unitId: province.id,
      kind: input.kind,
      name: input.name.trim(),
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
      days: input.days,
      monitoringDays: input.monitoringDays,
      requiredTests,
      source: input.source.trim(),
      confidence: input.confidence,
      note: input.note ?? null,
    })
    return (await repo.listRules(tx.db, tx.access)).find((r) => r.id === id)!
  })
}

export interface RuleQueryInput {
  kind: PlacementKind
  start: string
  vaccinated?: boolean | undefined
  /** Where the quarantine takes place: a province's own rules apply inside it. */
  unitPath?: string | null | undefined
}

/** The rule in force for a quarantine starting on `start`, with why; refused (422) when none covers that day. */
export async function ruleFor(ctx: Pick<Ctx, 'db'>, q: RuleQueryInput): Promise<RuleChoice> {
  const rules = await repo.rulesAt(ctx.db, q.unitPath ?? null)
  const choice = chooseRule(rules, { kind: q.kind, vaccinated: q.vaccinated ?? false, start: q.start, unitPath: q.unitPath ?? null })
  if (!choice) throw new AppError(422, 'NO_RULE', `Không có quy định cách ly nào áp dụng vào ngày ${formatVnDate(q.start)} cho nhóm này. Hãy bổ sung quy định có ngày hiệu lực.`)
  return choice
}

/** The rule for a quarantine in the caller's area (the placement form shows it before saving). */
export async function explainRule(ctx: Ctx, q: { kind: PlacementKind; start: string; vaccinated?: boolean | undefined; unitCode?: string | undefined }) {
  requirePermission(ctx.access, 'quarantine:read')
  const unitPath = q.unitCode ? (await unitWithin(ctx, q.unitCode)).path : ctx.access.unitPath === '/' ? null : ctx.access.unitPath
  const c = await ruleFor(ctx, { ...q, unitPath })
  return presentChoice(c)
}

export function presentChoice(c: RuleChoice) {
  return {
    rule: c.rule.name,
    ruleId: c.rule.id,
    kind: c.rule.kind,
    source: c.rule.source,
    confidence: c.rule.confidence,
    days: c.rule.days,
    monitoringDays: c.rule.monitoringDays,
    requiredTests: c.rule.requiredTests,
    plannedEnd: c.plannedEnd,
    testDates: c.testDates,
    why: c.why,
  }
}

async function unitWithin(ctx: Ctx, code: string) {
  const unit = await getUnit(ctx, code)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return unit
}

// --- Facilities ----------------------------------------------------------------------------------

export type FacilityKind = 'military_camp' | 'dormitory' | 'hotel' | 'other'
export type FacilityStatus = 'open' | 'full' | 'closed' | 'disinfecting'

export interface FacilityInput {
  name: string
  kind: FacilityKind
  unitCode: string
  address?: string | null | undefined
  lon?: number | null | undefined
  lat?: number | null | undefined
  capacity: number
  managingUnit?: string | null | undefined
  managerName?: string | null | undefined
  managerPhone?: string | null | undefined
  status?: FacilityStatus | undefined
  note?: string | null | undefined
  rooms?: { name: string; capacity: number }[] | undefined
}

function checkRooms(rooms: { name: string; capacity: number }[], capacity: number) {
  const names = new Set<string>()
  for (const r of rooms) {
    const key = r.name.trim().toLowerCase()
    if (names.has(key)) throw badRequest('ROOM_DUPLICATE', `Phòng (khu) “${r.name}” được ghi hai lần.`)
    names.add(key)
  }
  const total = rooms.reduce((s, r) => s + r.capacity, 0)
  if (total > capacity) throw badRequest('ROOMS_OVER_CAPACITY', `Tổng sức chứa các phòng (${total}) lớn hơn sức chứa của cơ sở (${capacity}).`)
}

export async function createFacility(ctx: Ctx, input: FacilityInput) {
  requirePermission(ctx.access, 'quarantine:write')
  const unit = await unitWithin(ctx, input.unitCode)
  if ((input.lon == null) !== (input.lat == null)) throw badRequest('LOCATION_HALF', 'Vị trí cần cả kinh độ và vĩ độ.')
  checkRooms(input.rooms ?? [], input.capacity)
  return inTransaction(ctx, async (tx) => {
    if (await repo.facilityNameTaken(tx.db, unit.id, input.name.trim())) throw conflict('FACILITY_EXISTS', `${unit.name} đã có cơ sở cách ly tên “${input.name.trim()}”.`)
    const id = await repo.insertFacility(tx.db, {
      name: input.name.trim(),
      kind: input.kind,
      unitId: unit.id,
      unitPath: unit.path,
      address: input.address ?? null,
      lon: input.lon ?? null,
      lat: input.lat ?? null,
      capacity: input.capacity,
      managingUnit: input.managingUnit ?? null,
      managerName: input.managerName ?? null,
      managerPhone: input.managerPhone ?? null,
      status: input.status ?? 'open',
      note: input.note ?? null,
    })
    await repo.insertRooms(tx.db, id, unit.path, (input.rooms ?? []).map((r) => ({ name: r.name.trim(), capacity: r.capacity })))
    return getFacility(tx, id)
  })
}

export async function updateFacility(ctx: Ctx, id: number, patch: Partial<Omit<FacilityInput, 'unitCode'>>) {
  requirePermission(ctx.access, 'quarantine:write')
  return inTransaction(ctx, async (tx) => {
    const f = await repo.lockFacility(tx.db, tx.access, id)
    if (!f) throw notFound(`cơ sở cách ly #${id}`)
    const { rooms, ...rest } = patch
    const capacity = patch.capacity ?? f.capacity
    if (patch.name && (await repo.facilityNameTaken(tx.db, f.unitId, patch.name.trim(), id))) throw conflict('FACILITY_EXISTS', `Đã có cơ sở cách ly tên “${patch.name.trim()}” trong đơn vị này.`)
    const present = await repo.presentCount(tx.db, { facilityId: id }, today(tx))
    if (capacity < present) throw conflict('CAPACITY_BELOW_PRESENT', `Cơ sở đang có ${present} người cách ly: sức chứa không thể nhỏ hơn.`)
    if (rooms) {
      const existing = await repo.roomsOf(tx.db, id, today(tx))
      checkRooms([...existing, ...rooms], capacity)
      await repo.insertRooms(tx.db, id, f.unitPath, rooms.map((r) => ({ name: r.name.trim(), capacity: r.capacity })))
    }
    if (Object.keys(rest).length > 0) await repo.updateFacility(tx.db, id, { ...rest, ...(rest.name ? { name: rest.name.trim() } : {}) })
    return getFacility(tx, id)
  })
}

export async function getFacility(ctx: Ctx, id: number, day?: string) {
  requirePermission(ctx.access, 'quarantine:read')
  const f = await repo.findFacility(ctx.db, ctx.access, id)
  if (!f) throw notFound(`cơ sở cách ly #${id}`)
  const on = day ?? today(ctx)
  const [rooms, figures] = await Promise.all([repo.roomsOf(ctx.db, id, on), repo.occupancy(ctx.db, ctx.access, f.unitPath, on, today(ctx), 10_000, 0)])
  const fig = figures.find((x) => x.id === id)
  const occupied = fig?.occupied ?? 0
  return {
    ...f,
    date: on,
    occupied,
    releasesNext7Days: fig?.releasesNext7Days ?? 0,
    arrivalsNext7Days: fig?.arrivalsNext7Days ?? 0,
    fill: fillState(occupied, f.capacity),
    rooms: rooms.map((r) => ({ ...r, fill: fillState(r.occupied, r.capacity), mixed: r.batches.length > 1 || r.riskGroups.length > 1 })),
  }
}

export async function listFacilities(ctx: Ctx, f: { unitCode?: string | undefined; date?: string | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'quarantine:read')
  const unitPath = f.unitCode ? (await unitWithin(ctx, f.unitCode)).path : ctx.access.unitPath
  const day = f.date ?? today(ctx)
  const facilities = await repo.listFacilities(ctx.db, ctx.access, { unitPath, limit: f.limit, offset: f.offset })
  const figures = new Map((await repo.occupancy(ctx.db, ctx.access, unitPath, day, today(ctx), f.limit, f.offset)).map((o) => [o.id, o]))
  return {
    date: day,
    facilities: facilities.map((x) => {
      const o = figures.get(x.id)
      const occupied = o?.occupied ?? 0
      return { ...x, occupied, releasesNext7Days: o?.releasesNext7Days ?? 0, fill: fillState(occupied, x.capacity) }
    }),
  }
}

// --- Placements ----------------------------------------------------------------------------------

export interface PlacementInput {
  personId: number
  setting: 'facility' | 'home' | 'accommodation'
  facilityId?: number | null | undefined
  roomId?: number | null | undefined
  /** Home or accommodation: the unit it lies in (default: the person's residence). */
  unitCode?: string | null | undefined
  address?: string | null | undefined
  reason: PlacementReason
  vaccinated?: boolean | undefined
  startOn: string
  batch?: string | null | undefined
  riskGroup?: string | null | undefined
  decisionNo?: string | null | undefined
  decisionOn?: string | null | undefined
  note?: string | null | undefined
}

export interface PlacementOutcome {
  placement: PlacementView
  warnings: Warning[]
}

/** Where a stay takes place, checked: the facility (locked) and room, or the home's unit; and what to warn about. */
async function placeFor(
  tx: Ctx,
  v: { setting: PlacementInput['setting']; facilityId?: number | null | undefined; roomId?: number | null | undefined; unitCode?: string | null | undefined; batch: string | null; riskGroup: string | null; on: string; personUnitId: string; personPath: string },
) {
  const warnings: Warning[] = []
  if (v.setting !== 'facility') {
    if (v.facilityId || v.roomId) throw badRequest('FACILITY_NOT_EXPECTED', 'Cách ly tại nhà hoặc nơi lưu trú không ghi cơ sở cách ly hay phòng.')
    if (v.unitCode) {
      const unit = await unitWithin(tx, v.unitCode)
      return { unitId: unit.id, unitPath: unit.path, facilityId: null, roomId: null, warnings, after: async () => warnings }
    }
    return { unitId: v.personUnitId, unitPath: v.personPath, facilityId: null, roomId: null, warnings, after: async () => warnings }
  }
  if (!v.facilityId) throw badRequest('FACILITY_REQUIRED', 'Hãy chọn cơ sở cách ly tập trung.')
  const f = await repo.lockFacility(tx.db, tx.access, v.facilityId)
  if (!f) throw notFound(`cơ sở cách ly #${v.facilityId}`)
  if (f.status === 'closed' || f.status === 'disinfecting') {
    throw conflict('FACILITY_UNAVAILABLE', `${f.name} đang ${f.status === 'closed' ? 'đóng cửa' : 'khử khuẩn'}: không nhận người cách ly.`)
  }
  const present = await repo.presentCount(tx.db, { facilityId: f.id }, v.on)
  if (present >= f.capacity) throw conflict('FACILITY_FULL', `${f.name} đã đủ ${f.capacity} người (ngày ${formatVnDate(v.on)}): hãy chọn cơ sở khác.`)
  if (v.roomId) {
    const room = await repo.findRoom(tx.db, f.id, v.roomId)
    if (!room) throw badRequest('ROOM_UNKNOWN', `Phòng #${v.roomId} không thuộc ${f.name}.`)
    const inRoom = await repo.presentCount(tx.db, { roomId: room.id }, v.on)
    if (inRoom >= room.capacity) throw conflict('ROOM_FULL', `Phòng ${room.name} đã đủ ${room.capacity} người.`)
    const mates = await repo.roomMates(tx.db, room.id)
    const otherBatches = [...new Set(mates.map((m) => m.batch).filter((b): b is string => !!b && b !== v.batch))]
    const otherGroups = [...new Set(mates.map((m) => m.riskGroup).filter((g): g is string => !!g && g !== v.riskGroup))]
    if (mates.length > 0 && (otherBatches.length > 0 || otherGroups.length > 0 || (v.batch === null && mates.some((m) => m.batch)))) {
      const what = [
        otherBatches.length > 0 ? `đợt ${otherBatches.join(', ')}` : null,
        otherGroups.length > 0 ? `nhóm nguy cơ ${otherGroups.join(', ')}` : null,
      ].filter(Boolean)
      warnings.push({
        code: 'MIXED_ROOM',
        message: `Phòng ${room.name} đang có người ${what.length > 0 ? what.join(' và ') : 'thuộc đợt khác'}: người khác đợt hoặc khác nhóm nguy cơ phải ở riêng để tránh lây chéo.`,
      })
    }
    if (fillState(inRoom + 1, room.capacity) !== 'ok') warnings.push({ code: 'ROOM_NEAR_FULL', message: `Phòng ${room.name}: ${inRoom + 1}/${room.capacity} chỗ.` })
  }
  const after = async () => {
    const now = await repo.presentCount(tx.db, { facilityId: f.id }, v.on)
    const state = fillState(now, f.capacity)
    if (state === 'full') {
      warnings.push({ code: 'FULL', message: `${f.name} đã đủ ${f.capacity}/${f.capacity} người: không nhận thêm.` })
      if (f.status === 'open' && v.on <= today(tx)) await repo.updateFacility(tx.db, f.id, { status: 'full' })
    } else if (state === 'near_full') {
      warnings.push({ code: 'NEAR_FULL', message: `${f.name} sắp đầy: ${now}/${f.capacity} người (còn ${f.capacity - now} chỗ).` })
    }
    return warnings
  }
  return { unitId: f.unitId, unitPath: f.unitPath, facilityId: f.id, roomId: v.roomId ?? null, warnings, after }
}

/**
 * Places a person in quarantine — at a facility (a room of it), at home or at an accommodation —
 * from `startOn`, for the length the rule in force that day gives their kind (contact: F1; a
 * vaccinated F1's own rule when one is in force; traveller and returnee: entry; illegal entrant).
 * The person must be inside the caller's jurisdiction, and so must the facility or the unit of the
 * home. Refused when the facility or room is full, closed or disinfecting, when the person is in
 * quarantine already, or when the rule of that day does not quarantine. Warns when the room holds
 * people of another arrival batch or risk group, and when the facility is nearly full or full.
 * One transaction; the entry context calls it too.
 */
export async function placePerson(ctx: Ctx, input: PlacementInput): Promise<PlacementOutcome> {
  requirePermission(ctx.access, 'quarantine:write')
  const person = await findPerson(ctx.db, ctx.access, input.personId)
  if (!person) throw notFound(`người #${input.personId}`)
  const batch = input.batch?.trim() || null
  const riskGroup = input.riskGroup?.trim() || null
  const personUnit = await ctx.db.selectFrom('people').select('unitId').where('id', '=', person.id).executeTakeFirstOrThrow()
  return inTransaction(ctx, async (tx) => {
    const place = await placeFor(tx, { ...input, batch, riskGroup, on: input.startOn, personUnitId: personUnit.unitId, personPath: person.unitPath })
    const kind = kindForReason(input.reason)
    const choice = await ruleFor(tx, { kind, vaccinated: input.vaccinated, start: input.startOn, unitPath: place.unitPath })
    if (choice.rule.days === 0) {
      throw new AppError(422, 'NOT_QUARANTINED', `Theo quy định đang áp dụng, ${REASON_LABELS[input.reason]} không phải cách ly. ${choice.why}`, { rule: presentChoice(choice) })
    }
    const open = await tx.db.selectFrom('quarantinePlacements').select(['id', 'startOn']).where('personId', '=', person.id).where('status', '=', 'active').executeTakeFirst()
    if (open) throw conflict('ALREADY_PLACED', `${person.fullName} đang cách ly từ ngày ${formatVnDate(open.startOn)} (đợt #${open.id}): hãy chuyển nơi cách ly thay vì tạo đợt mới.`)
    const id = await repo.insertPlacement(tx.db, {
      personId: person.id,
      unitId: place.unitId,
      unitPath: place.unitPath,
      setting: input.setting,
      facilityId: place.facilityId,
      roomId: place.roomId,
      address: input.address?.trim() || null,
      reason: input.reason,
      ruleKind: kind,
      vaccinated: input.vaccinated ?? false,
      ruleId: choice.rule.id,
      ruleWhy: choice.why,
      startOn: input.startOn,
      firstStartOn: input.startOn,
      plannedEnd: choice.plannedEnd,
      monitoringDays: choice.rule.monitoringDays,
      batch,
      riskGroup,
      decisionNo: input.decisionNo?.trim() || null,
      decisionOn: input.decisionOn ?? null,
      note: input.note ?? null,
      createdBy: tx.access.userId,
    })
    const warnings = await place.after()
    return { placement: await placementView(tx, id), warnings }
  })
}

/** A placement naming a person of the registry, or a new person registered with it. */
export type PlaceOrRegisterInput = Omit<PlacementInput, 'personId'> & {
  personId?: number | undefined
  person?: (PersonInput & { confirmedNew?: boolean | undefined }) | undefined
}

/**
 * Places a person found in the registry, or registers the person given and places them, in one
 * transaction: a refused placement keeps no new person, and likely duplicates of the new person
 * come back as people's 409 with the candidates (nothing kept) unless `confirmedNew`.
 */
export async function placeOrRegister(ctx: Ctx, input: PlaceOrRegisterInput): Promise<PlacementOutcome> {
  requirePermission(ctx.access, 'quarantine:write')
  const { person, personId, ...rest } = input
  if ((person === undefined) === (personId === undefined)) throw badRequest('ONE_PERSON', 'Hãy chọn một người trong sổ hoặc ghi người mới, không cả hai.')
  if (personId !== undefined) return placePerson(ctx, { ...rest, personId })
  return inTransaction(ctx, async (tx) => {
    const created = await createPerson(tx, person!)
    return placePerson(tx, { ...rest, personId: created.id })
  })
}

export interface PlacementView {
  id: number
  person: { id: number; fullName: string; birthYear: number | null; sex: string | null; nationalId: string | null; passportNo: string | null }
  setting: 'facility' | 'home' | 'accommodation'
  facility: { id: number; name: string } | null
  room: { id: number; name: string } | null
  unitCode: string
  unitName: string
  address: string | null
  reason: PlacementReason
  ruleKind: PlacementKind
  vaccinated: boolean
  rule: { id: number; name: string; source: string; confidence: string; days: number; requiredTests: number[] }
  why: string
  startOn: string
  /** The quarantine's first day (before any transfer). */
  firstStartOn: string
  plannedEnd: string
  monitoringDays: number
  testDates: string[]
  batch: string | null
  riskGroup: string | null
  status: 'active' | 'released' | 'transferred' | 'became_case' | 'cancelled'
  releasedOn: string | null
  releaseKind: 'completed' | 'early' | null
  releaseNote: string | null
  monitoringUntil: string | null
  flaggedOn: string | null
  flagNote: string | null
  originalEnd: string | null
  transferredFrom: number | null
  decisionNo: string | null
  decisionOn: string | null
  note: string | null
}

function present(r: repo.PlacementRow): PlacementView {
  return {
    id: r.id,
    person: { id: r.personId, fullName: r.fullName, birthYear: r.birthYear, sex: r.sex, nationalId: r.nationalId, passportNo: r.passportNo },
    setting: r.setting,
    facility: r.facilityId !== null ? { id: r.facilityId, name: r.facilityName ?? '' } : null,
    room: r.roomId !== null ? { id: r.roomId, name: r.roomName ?? '' } : null,
    unitCode: r.unitCode,
    unitName: r.unitName,
    address: r.address,
    reason: r.reason,
    ruleKind: r.ruleKind,
    vaccinated: r.vaccinated,
    rule: { id: r.ruleId, name: r.ruleName, source: r.ruleSource, confidence: r.ruleConfidence, days: r.ruleDays, requiredTests: r.requiredTests },
    why: r.ruleWhy,
    startOn: r.startOn,
    firstStartOn: r.firstStartOn,
    plannedEnd: r.plannedEnd,
    monitoringDays: r.monitoringDays,
    testDates: testDates(r.firstStartOn, { requiredTests: r.requiredTests, days: r.ruleDays }).filter((d) => d < r.plannedEnd),
    batch: r.batch,
    riskGroup: r.riskGroup,
    status: r.status,
    releasedOn: r.releasedOn,
    releaseKind: r.releaseKind,
    releaseNote: r.releaseNote,
    monitoringUntil: r.monitoringUntil,
    flaggedOn: r.flaggedOn,
    flagNote: r.flagNote,
    originalEnd: r.originalEnd,
    transferredFrom: r.transferredFrom,
    decisionNo: r.decisionNo,
    decisionOn: r.decisionOn,
    note: r.note,
  }
}

async function placementView(ctx: Ctx, id: number): Promise<PlacementView> {
  const r = await repo.findPlacement(ctx.db, ctx.access, id)
  if (!r) throw notFound(`đợt cách ly #${id}`)
  return present(r)
}

/** One stay, its daily checks and the person's test results during it (read audited). */
export async function getPlacement(ctx: Ctx, id: number) {
  requirePermission(ctx.access, 'quarantine:read')
  const r = await repo.findPlacement(ctx.db, ctx.access, id)
  if (!r) throw notFound(`đợt cách ly #${id}`)
  await auditRead(ctx, 'quarantine_placements', [{ id: r.id, unitPath: r.unitPath }])
  const start = r.firstStartOn
  const [checks, tests] = await Promise.all([
    repo.checksOf(ctx.db, id),
    repo.testsOf(ctx.db, r.personId, start, r.releasedOn ?? r.monitoringUntil ?? shiftDay(r.plannedEnd, 0)),
  ])
  return { ...present(r), checks: checks.map((c) => ({ ...c, temperature: c.temperature === null ? null : Number(c.temperature) })), tests }
}

export async function listPlacements(
  ctx: Ctx,
  f: Omit<repo.PlacementFilter, 'unitPath' | 'day'> & { unitCode?: string | undefined },
) {
  requirePermission(ctx.access, 'quarantine:read')
  const unitPath = f.unitCode ? (await unitWithin(ctx, f.unitCode)).path : undefined
  if (f.facilityId && !(await repo.findFacility(ctx.db, ctx.access, f.facilityId))) throw notFound(`cơ sở cách ly #${f.facilityId}`)
  const day = today(ctx)
  const rows = await repo.listPlacements(ctx.db, ctx.access, { ...f, unitPath, day })
  await auditRead(ctx, 'quarantine_placements', rows.map((r) => ({ id: r.id })), { facilityId: f.facilityId ?? null, unitCode: f.unitCode ?? null })
  return { date: day, placements: rows.map((r) => ({ ...present(r), ...dailyCheck(r, day) })) }
}

/**
 * The daily check of a stay on `day`: due while in quarantine or in the monitoring after release,
 * and done once a check of that day is recorded.
 */
function dailyCheck(r: { status: string; monitoringUntil: string | null; lastCheckOn: string | null }, day: string) {
  const lastCheckOn = r.lastCheckOn === null ? null : String(r.lastCheckOn).slice(0, 10)
  const followed = r.status === 'active' || (r.status === 'released' && r.monitoringUntil !== null && day <= r.monitoringUntil)
  return { lastCheckOn, checkDue: followed && lastCheckOn !== day }
}

/** A stay inside the caller's jurisdiction, locked until the transaction ends. */
async function lockedPlacement(tx: Ctx, id: number) {
  const p = await repo.lockPlacement(tx.db, tx.access, id)
  if (!p) throw notFound(`đợt cách ly #${id}`)
  return p
}

export interface TransferInput {
  on: string
  setting: PlacementInput['setting']
  facilityId?: number | null | undefined
  roomId?: number | null | undefined
  unitCode?: string | null | undefined
  address?: string | null | undefined
  note?: string | null | undefined
}

/** Moves an active stay to another place from `on`: the rule and planned end stay as they were. */
export async function transferPlacement(ctx: Ctx, id: number, input: TransferInput): Promise<PlacementOutcome> {
  requirePermission(ctx.access, 'quarantine:write')
  return inTransaction(ctx, async (tx) => {
    const old = await lockedPlacement(tx, id)
    if (old.status !== 'active') throw conflict('PLACEMENT_CLOSED', `Đợt cách ly #${id} đã kết thúc: không chuyển được.`)
    if (input.on < old.startOn || input.on > old.plannedEnd) {
      throw badRequest('TRANSFER_DATE', `Ngày chuyển phải trong thời gian cách ly (${formatVnDate(old.startOn)} – ${formatVnDate(old.plannedEnd)}).`)
    }
    if (input.setting === 'facility' && input.facilityId === old.facilityId && (input.roomId ?? null) === old.roomId) {
      throw badRequest('TRANSFER_SAME_PLACE', 'Nơi chuyển đến trùng với nơi đang cách ly.')
    }
    const person = await tx.db.selectFrom('people').select(['unitId', 'unitPath']).where('id', '=', old.personId).executeTakeFirstOrThrow()
    await repo.updatePlacement(tx.db, id, { status: 'transferred', releasedOn: input.on, releaseNote: input.note ?? null })
    const place = await placeFor(tx, { ...input, batch: old.batch, riskGroup: old.riskGroup, on: input.on, personUnitId: person.unitId, personPath: person.unitPath })
    const newId = await repo.insertPlacement(tx.db, {
      personId: old.personId,
      unitId: place.unitId,
      unitPath: place.unitPath,
      setting: input.setting,
      facilityId: place.facilityId,
      roomId: place.roomId,
      address: input.address?.trim() || null,
      reason: old.reason,
      ruleKind: old.ruleKind,
      vaccinated: old.vaccinated,
      ruleId: old.ruleId,
      ruleWhy: old.ruleWhy,
      startOn: input.on,
      firstStartOn: old.firstStartOn,
      plannedEnd: old.plannedEnd,
      monitoringDays: old.monitoringDays,
      batch: old.batch,
      riskGroup: old.riskGroup,
      flaggedOn: old.flaggedOn,
      flagNote: old.flagNote,
      originalEnd: old.originalEnd,
      transferredFrom: id,
      decisionNo: old.decisionNo,
      decisionOn: old.decisionOn,
      note: input.note ?? null,
      createdBy: tx.access.userId,
    })
    await reopenIfRoom(tx, old.facilityId)
    const warnings = await place.after()
    return { placement: await placementView(tx, newId), warnings }
  })
}

/** A facility marked full takes people again once someone left. */
async function reopenIfRoom(tx: Ctx, facilityId: number | null) {
  if (facilityId === null) return
  const f = await tx.db.selectFrom('quarantineFacilities').select(['status', 'capacity']).where('id', '=', facilityId).executeTakeFirst()
  if (f?.status !== 'full') return
  if ((await repo.presentCount(tx.db, { facilityId }, today(tx))) < f.capacity) await repo.updateFacility(tx.db, facilityId, { status: 'open' })
}

export interface ReleaseInput {
  on: string
  /** Before the planned end (a decision of the health authority): the reason is required, tests are not checked. */
  early?: boolean | undefined
  note?: string | null | undefined
}

/**
 * Ends a stay. A completed release comes on or after the planned end and needs a negative result
 * (in the surveillance tests) for each test day of the rule; an early one needs its reason. Medical
 * monitoring follows for the rule's days.
 */
export async function releasePlacement(ctx: Ctx, id: number, input: ReleaseInput) {
  requirePermission(ctx.access, 'quarantine:write')
  return inTransaction(ctx, async (tx) => {
    const p = await lockedPlacement(tx, id)
    if (p.status !== 'active') throw conflict('PLACEMENT_CLOSED', `Đợt cách ly #${id} đã kết thúc.`)
    if (input.on < p.startOn) throw badRequest('RELEASE_BEFORE_START', `Ngày kết thúc ${formatVnDate(input.on)} ở trước ngày bắt đầu cách ly ${formatVnDate(p.startOn)}.`)
    if (input.on > today(tx)) throw badRequest('RELEASE_IN_FUTURE', `Ngày kết thúc ${formatVnDate(input.on)} chưa đến.`)
    if (input.early) {
      if (!input.note?.trim()) throw badRequest('EARLY_REASON', 'Kết thúc cách ly trước hạn cần ghi lý do (quyết định của cơ quan y tế).')
      if (input.on >= p.plannedEnd) throw badRequest('NOT_EARLY', `Ngày ${formatVnDate(input.on)} không trước ngày dự kiến kết thúc ${formatVnDate(p.plannedEnd)}: hãy kết thúc đúng hạn.`)
    } else {
      if (input.on < p.plannedEnd) {
        throw conflict('RELEASE_TOO_EARLY', `Chưa hết thời gian cách ly: dự kiến kết thúc ngày ${formatVnDate(p.plannedEnd)}. Muốn kết thúc sớm, hãy ghi lý do.`)
      }
      const rule = await tx.db.selectFrom('quarantineRules').select(['requiredTests', 'days']).where('id', '=', p.ruleId).executeTakeFirstOrThrow()
      const start = p.firstStartOn
      const required = testDates(start, rule).filter((d) => d < p.plannedEnd)
      const results = await repo.testsOf(tx.db, p.personId, shiftDay(start, -1), input.on)
      if (results.some((t) => t.result === 'positive')) throw conflict('RELEASE_POSITIVE', 'Người này có kết quả xét nghiệm dương tính trong thời gian cách ly: không cấp giấy hoàn thành cách ly.')
      const missing = missingTests(required, results)
      if (missing.length > 0) {
        throw conflict('RELEASE_TESTS_MISSING', `Chưa đủ xét nghiệm âm tính theo quy định: thiếu kết quả ngày ${missing.map(formatVnDate).join(', ')}.`, )
      }
    }
    await repo.updatePlacement(tx.db, id, {
      status: 'released',
      releasedOn: input.on,
      releaseKind: input.early ? 'early' : 'completed',
      releaseNote: input.note?.trim() || null,
      monitoringUntil: p.monitoringDays > 0 ? shiftDay(input.on, p.monitoringDays) : null,
    })
    await reopenIfRoom(tx, p.facilityId)
    return placementView(tx, id)
  })
}

export interface CheckInput {
  checkedOn: string
  temperature?: number | null | undefined
  symptoms?: string[] | undefined
  note?: string | null | undefined
}

/** A daily check, during quarantine or during the monitoring after release. */
export async function addCheck(ctx: Ctx, id: number, input: CheckInput) {
  requirePermission(ctx.access, 'quarantine:write')
  return inTransaction(ctx, async (tx) => {
    const p = await lockedPlacement(tx, id)
    if (input.checkedOn > today(tx)) throw badRequest('CHECK_IN_FUTURE', `Ngày ${formatVnDate(input.checkedOn)} chưa đến.`)
    if (input.checkedOn < p.startOn) throw badRequest('CHECK_BEFORE_START', `Ngày ${formatVnDate(input.checkedOn)} ở trước ngày bắt đầu cách ly ${formatVnDate(p.startOn)}.`)
    let phase: 'quarantine' | 'monitoring'
    if (p.status === 'active' || (p.releasedOn !== null && input.checkedOn < p.releasedOn)) phase = 'quarantine'
    else if (p.status === 'released' && p.monitoringUntil !== null && input.checkedOn <= p.monitoringUntil) phase = 'monitoring'
    else throw conflict('CHECK_OUTSIDE', `Ngày ${formatVnDate(input.checkedOn)} nằm ngoài thời gian cách ly và theo dõi sau cách ly của đợt này.`)
    if (await repo.checkExists(tx.db, id, input.checkedOn)) throw conflict('CHECK_EXISTS', `Đã có kết quả theo dõi ngày ${formatVnDate(input.checkedOn)}.`)
    const checkId = await repo.insertCheck(tx.db, {
      placementId: id,
      unitPath: p.unitPath,
      checkedOn: input.checkedOn,
      phase,
      temperature: input.temperature ?? null,
      symptoms: input.symptoms ?? [],
      note: input.note ?? null,
      checkedBy: tx.access.userId,
    })
    return { id: checkId, placementId: id, checkedOn: input.checkedOn, phase }
  })
}

/**
 * A positive test of someone in quarantine (the surveillance tests call it): their stay ends as a
 * case, and the active stays sharing their room or their arrival batch in the facility are flagged
 * and extended by the rule in force on that day for each (its full length counted again from it,
 * never shorter than planned). Runs in the caller's transaction when there is one; answers what it
 * changed, or null when the person is not in facility quarantine then.
 */
export async function onPositiveTest(ctx: Ctx, personId: number, date: string): Promise<{ placementId: number; flagged: number[] } | null> {
  return inTransaction(ctx, async (tx) => {
    const p = await repo.activePlacementOf(tx.db, personId)
    if (!p || p.facilityId === null || date < p.startOn) return null
    await repo.updatePlacement(tx.db, p.id, { status: 'became_case', releasedOn: date, releaseNote: `Xét nghiệm dương tính (mẫu ngày ${formatVnDate(date)}).` })
    const exposed = await repo.exposedInFacility(tx.db, { id: p.id, facilityId: p.facilityId, roomId: p.roomId, batch: p.batch })
    const changes: { id: number; plannedEnd: string }[] = []
    const rulesByPath = new Map<string, Awaited<ReturnType<typeof repo.rulesAt>>>()
    for (const e of exposed) {
      if (!rulesByPath.has(e.unitPath)) rulesByPath.set(e.unitPath, await repo.rulesAt(tx.db, e.unitPath))
      const c = chooseRule(rulesByPath.get(e.unitPath)!, { kind: e.ruleKind, vaccinated: e.vaccinated, start: date, unitPath: e.unitPath })
      const days = c && c.rule.days > 0 ? c.rule.days : null
      changes.push({ id: e.id, plannedEnd: days === null ? e.plannedEnd : extendedEnd(e.plannedEnd, date, days) })
    }
    const room = p.roomId !== null ? (await tx.db.selectFrom('quarantineRooms').select('name').where('id', '=', p.roomId).executeTakeFirst())?.name : null
    const note = `Cùng ${room ? `phòng ${room}` : ''}${room && p.batch ? ' hoặc ' : ''}${p.batch ? `đợt ${p.batch}` : ''} với người có xét nghiệm dương tính ngày ${formatVnDate(date)}.`
    await repo.flagPlacements(tx.db, changes, date, note)
    await reopenIfRoom(tx, p.facilityId)
    return { placementId: p.id, flagged: changes.map((c) => c.id) }
  })
}

// --- Figures -------------------------------------------------------------------------------------

async function areaPath(ctx: Ctx, unitCode: string | undefined) {
  return unitCode ? (await unitWithin(ctx, unitCode)).path : ctx.access.unitPath
}

/** Occupancy per facility on `date`: capacity, people present, planned releases in the 7 days after it; fill state and warnings. */
export async function occupancy(ctx: Ctx, q: { unit?: string | undefined; date?: string | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'quarantine:read')
  const unitPath = await areaPath(ctx, q.unit)
  const date = q.date ?? today(ctx)
  const rows = await repo.occupancy(ctx.db, ctx.access, unitPath, date, today(ctx), q.limit, q.offset)
  const facilities = rows.map((r) => ({ ...r, fill: fillState(r.occupied, r.capacity) as FillState }))
  return {
    date,
    facilities,
    warnings: facilities
      .filter((f) => f.fill !== 'ok' && f.status !== 'closed')
      .map((f) => ({
        facilityId: f.id,
        code: f.fill === 'full' ? 'FULL' : 'NEAR_FULL',
        message: f.fill === 'full' ? `${f.name} đã đủ ${f.capacity} người.` : `${f.name} sắp đầy: ${f.occupied}/${f.capacity} người.`,
      })),
  }
}

/** Per commune (where stays take place): facility capacity and people present today, and the forecast for the next days. */
export async function communeOccupancy(ctx: Ctx, q: { unit?: string | undefined; date?: string | undefined; days: number }) {
  requirePermission(ctx.access, 'quarantine:read')
  const unitPath = await areaPath(ctx, q.unit)
  const date = q.date ?? today(ctx)
  const rows = await repo.communeFlows(ctx.db, ctx.access, unitPath, date, today(ctx), q.days)
  return {
    date,
    days: Array.from({ length: q.days }, (_, i) => shiftDay(date, i + 1)),
    communes: rows.map((r) => {
      let n = r.present
      const forecast = r.releases.map((out, i) => {
        n = n - out + (r.arrivals[i] ?? 0)
        return n
      })
      return { ...r, forecast }
    }),
  }
}

/** The people due for release or for a test on `date` (default: tomorrow), paged; read audited. */
export async function due(ctx: Ctx, q: { list: 'release' | 'testing'; unit?: string | undefined; date?: string | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'quarantine:read')
  const unitPath = await areaPath(ctx, q.unit)
  const date = q.date ?? shiftDay(today(ctx), 1)
  const rows = await repo.dueOn(ctx.db, ctx.access, { list: q.list, unitPath, day: date, limit: q.limit, offset: q.offset })
  await auditRead(ctx, 'quarantine_placements', rows.map((r) => ({ id: r.id })), { due: q.list, date })
  return { date, list: q.list, placements: rows.map(present) }
}

// --- Documents -----------------------------------------------------------------------------------

export interface QuarantineDocumentInput {
  kind: 'decision' | 'certificate'
  issuer: string
  issuerParent: string | null
  place: string
  date: string
  number: string
  personName: string
  sex: string | null
  birth: string | null
  identity: string | null
  residence: string
  reasonText: string
  where: string
  startOn: string
  plannedEnd: string
  releasedOn: string | null
  monitoringDays: number
  monitoringUntil: string | null
  ruleName: string
  ruleSource: string
  duration: string
}

/** What the decision or certificate of a stay says (the caller must see the stay; read audited). */
export async function documentInput(ctx: Ctx, id: number, kind: 'decision' | 'certificate'): Promise<QuarantineDocumentInput> {
  requirePermission(ctx.access, 'quarantine:read')
  const r = await repo.findPlacement(ctx.db, ctx.access, id)
  if (!r) throw notFound(`đợt cách ly #${id}`)
  if (kind === 'certificate' && !(r.status === 'released' && r.releaseKind === 'completed')) {
    throw conflict('NOT_COMPLETED', 'Chỉ cấp giấy xác nhận hoàn thành cách ly cho đợt cách ly đã kết thúc đúng quy định.')
  }
  await auditRead(ctx, 'quarantine_placements', [{ id: r.id, unitPath: r.unitPath }], { document: kind })
  const start = r.firstStartOn
  const unit = await repo.unitPathOf(ctx.db, (await ctx.db.selectFrom('quarantinePlacements').select('unitId').where('id', '=', id).executeTakeFirstOrThrow()).unitId)
  const province = await ctx.db
    .selectFrom('units')
    .select(['name'])
    .where('level', '=', 'province')
    .where(sql<boolean>`${r.unitPath} LIKE path || '%'`)
    .executeTakeFirst()
  const personUnit = await ctx.db.selectFrom('people as p').innerJoin('units as u', 'u.id', 'p.unitId').select(['u.name']).where('p.id', '=', r.personId).executeTakeFirst()
  const where =
    r.setting === 'facility'
      ? `${r.facilityName}${r.roomName ? `, phòng ${r.roomName}` : ''}${r.facilityAddress ? ` (${r.facilityAddress})` : ''}`
      : `${r.setting === 'home' ? 'tại nhà' : 'tại nơi lưu trú'}${r.address ? `: ${r.address}` : ''}, ${r.unitName}`
  const sex = r.sex === 'male' ? 'Nam' : r.sex === 'female' ? 'Nữ' : null
  const date = kind === 'decision' ? (r.decisionOn ?? start) : (r.releasedOn ?? today(ctx))
  return {
    kind,
    issuer: `ỦY BAN NHÂN DÂN\n${(unit?.name ?? r.unitName).toUpperCase()}`,
    issuerParent: null,
    place: placeName(unit?.name ?? r.unitName, province?.name ?? null),
    date,
    number: kind === 'decision' ? (r.decisionNo ?? `${r.id}/QĐ-UBND`) : `${r.id}/GXN-UBND`,
    personName: r.fullName,
    sex,
    birth: r.birthDate ? formatVnDate(r.birthDate) : r.birthYear ? String(r.birthYear) : null,
    identity: r.nationalId ? `CCCD số ${r.nationalId}` : r.passportNo ? `Hộ chiếu số ${r.passportNo} (${r.nationality})` : null,
    residence: [r.personAddress, personUnit?.name].filter(Boolean).join(', '),
    reasonText: REASON_LABELS[r.reason],
    where,
    startOn: start,
    plannedEnd: r.plannedEnd,
    releasedOn: r.releasedOn,
    monitoringDays: r.monitoringDays,
    monitoringUntil: r.monitoringUntil,
    ruleName: r.ruleName,
    ruleSource: r.ruleSource,
    duration: `${r.ruleDays} ngày`,
  }
}

/** "Rạch Giá" from "Phường Rạch Giá": the place line names the locality without its type. */
function placeName(unitName: string, provinceName: string | null): string {
  const bare = unitName.replace(/^(Phường|Xã|Thị trấn|Đặc khu|Thành phố|Tỉnh|Thị xã|Huyện|Quận)\s+/i, '')
  return bare || provinceName || unitName
}
