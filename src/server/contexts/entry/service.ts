import type { Confidence, Crossing, DeclaredBy, PortKind, Reporter, ZoneMeasure } from '../../../domain/entry/codes.ts'
import { type Requirement, requiredAction } from '../../../domain/entry/requirement.ts'
import { STAGE_AFTER, STEP_LABELS, type Stage, type Step, nextStep, stepRefusal } from '../../../domain/entry/steps.ts'
import { checkNationalId } from '../../../domain/people/cccd.ts'
import { shiftDay } from '../../../domain/surveillance/followup.ts'
import { formatVnDate, vnDate } from '../../../domain/text/dates.ts'
import { type Access, type Ctx, auditRead, inTransaction, isWithin, requirePermission, today } from '../../platform/context.ts'
import { AppError, badRequest, conflict, notFound, outsideJurisdiction } from '../../platform/errors.ts'
import { registerPersonReference } from '../people/references.ts'
import { createPerson, getPerson } from '../people/service.ts'
import { type Warning, placePerson, ruleFor } from '../quarantine/service.ts'
import { getUnit } from '../units/service.ts'
import * as repo from './repo.ts'

registerPersonReference({ table: 'entry_arrivals', column: 'person_id', label: 'khai báo đến địa phương' })
registerPersonReference({ table: 'entry_illegal_people', column: 'person_id', label: 'vụ nhập cảnh trái phép' })

async function unitWithin(ctx: Ctx, code: string) {
  const unit = await getUnit(ctx, code)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return unit
}

/** A commune of the province `provinceCode`: where a public form may place a report. */
async function communeOfProvince(ctx: Ctx, code: string, provinceCode: string, what: string) {
  const province = await getUnit(ctx, provinceCode)
  const unit = await getUnit(ctx, code).catch(() => null)
  if (unit?.level !== 'commune' || !unit.path.startsWith(province.path)) {
    throw badRequest('UNIT_NOT_IN_PROVINCE', `${what}: hãy chọn một xã, phường, đặc khu trong danh sách của tỉnh.`)
  }
  return unit
}

function provinceUnitId(access: Access): string | null {
  return access.unitPath.split('/').filter(Boolean)[0] ?? null
}

// --- Zones and ports -----------------------------------------------------------------------------

export interface ZoneInput {
  placeName: string
  zoneUnitCode?: string | null | undefined
  validFrom: string
  validTo?: string | null | undefined
  measure: ZoneMeasure
  monitoringDays?: number | undefined
  source: string
  confidence: Confidence
  note?: string | null | undefined
}

export async function listZones(ctx: Ctx, f: { at?: string | undefined }) {
  requirePermission(ctx.access, 'entry:read')
  return { zones: await repo.listZones(ctx.db, ctx.access, f) }
}

/** A domestic epidemic zone declared for a period, kept by the caller's province (audited by its trigger). */
export async function createZone(ctx: Ctx, input: ZoneInput) {
  requirePermission(ctx.access, 'entry:rules')
  const owner = provinceUnitId(ctx.access)
  if (!owner) throw badRequest('ZONE_NO_PROVINCE', 'Tài khoản này không thuộc tỉnh nào: vùng dịch được ghi cho tỉnh của người ghi.')
  if (input.validTo && input.validTo < input.validFrom) throw badRequest('ZONE_DATES', 'Ngày kết thúc ở trước ngày bắt đầu.')
  const zoneUnit = input.zoneUnitCode ? await getUnit(ctx, input.zoneUnitCode) : null
  return inTransaction(ctx, async (tx) => {
    const id = await repo.insertZone(tx.db, {
      ownerUnitId: owner,
      ownerPath: `/${owner}/`,
      zoneUnitId: zoneUnit?.id ?? null,
      zonePath: zoneUnit?.path ?? null,
      placeName: input.placeName.trim(),
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
      measure: input.measure,
      monitoringDays: input.monitoringDays ?? 14,
      source: input.source.trim(),
      confidence: input.confidence,
      note: input.note ?? null,
    })
    return (await repo.listZones(tx.db, tx.access, {})).find((z) => z.id === id)!
  })
}

export async function updateZone(ctx: Ctx, id: number, patch: Partial<Omit<ZoneInput, 'zoneUnitCode'>>) {
  requirePermission(ctx.access, 'entry:rules')
  return inTransaction(ctx, async (tx) => {
    const z = await repo.findZone(tx.db, tx.access, id)
    if (!z) throw notFound(`vùng dịch #${id}`)
    const validFrom = patch.validFrom ?? z.validFrom
    const validTo = patch.validTo !== undefined ? patch.validTo : z.validTo
    if (validTo && validTo < validFrom) throw badRequest('ZONE_DATES', 'Ngày kết thúc ở trước ngày bắt đầu.')
    await repo.updateZone(tx.db, id, { ...patch, ...(patch.placeName ? { placeName: patch.placeName.trim() } : {}) })
    return (await repo.listZones(tx.db, tx.access, {})).find((x) => x.id === id)!
  })
}

export interface PortInput {
  code: string
  name: string
  kind: PortKind
  unitCode: string
  lon?: number | null | undefined
  lat?: number | null | undefined
  source?: string | null | undefined
  note?: string | null | undefined
}

export async function listPorts(ctx: Ctx) {
  requirePermission(ctx.access, 'entry:read')
  return { ports: await repo.listPorts(ctx.db, ctx.access.unitPath) }
}

export async function createPort(ctx: Ctx, input: PortInput) {
  requirePermission(ctx.access, 'entry:rules')
  const unit = await unitWithin(ctx, input.unitCode)
  if ((input.lon == null) !== (input.lat == null)) throw badRequest('LOCATION_HALF', 'Vị trí cần cả kinh độ và vĩ độ.')
  return inTransaction(ctx, async (tx) => {
    if (await repo.portCodeTaken(tx.db, input.code)) throw conflict('PORT_EXISTS', `Đã có cửa khẩu, cảng mang mã ${input.code}.`)
    const id = await repo.insertPort(tx.db, {
      code: input.code,
      name: input.name.trim(),
      kind: input.kind,
      unitId: unit.id,
      unitPath: unit.path,
      lon: input.lon ?? null,
      lat: input.lat ?? null,
      source: input.source ?? null,
      note: input.note ?? null,
    })
    return (await repo.listPorts(tx.db, unit.path)).find((p) => p.id === id)!
  })
}

/** An edited point keeps both coordinates or neither, counting the ones left as they were. */
function keepsWholePoint(current: { lon: number | null; lat: number | null }, patch: { lon?: number | null | undefined; lat?: number | null | undefined }): void {
  const lon = patch.lon !== undefined ? patch.lon : current.lon
  const lat = patch.lat !== undefined ? patch.lat : current.lat
  if ((lon == null) !== (lat == null)) throw badRequest('LOCATION_HALF', 'Vị trí cần cả kinh độ và vĩ độ.')
}

export interface PortPatch {
  name?: string | undefined
  kind?: PortKind | undefined
  lon?: number | null | undefined
  lat?: number | null | undefined
  active?: boolean | undefined
  source?: string | null | undefined
  note?: string | null | undefined
}

/** Edits a port of entry inside the caller's jurisdiction; closing it is `active: false`. */
export async function updatePort(ctx: Ctx, id: number, patch: PortPatch) {
  requirePermission(ctx.access, 'entry:rules')
  return inTransaction(ctx, async (tx) => {
    const p = await repo.findPort(tx.db, tx.access.unitPath, id)
    if (!p || !isWithin(tx.access, p.unitPath)) throw notFound(`cửa khẩu, cảng #${id}`)
    keepsWholePoint(p, patch)
    await repo.updatePort(tx.db, id, { ...patch, ...(patch.name ? { name: patch.name.trim() } : {}) })
    return (await repo.listPorts(tx.db, p.unitPath)).find((x) => x.id === id)!
  })
}

// --- Arrivals ------------------------------------------------------------------------------------

export interface ArrivalInput {
  fullName: string
  birthYear?: number | null | undefined
  sex?: 'male' | 'female' | 'other' | null | undefined
  nationalId?: string | null | undefined
  passportNo?: string | null | undefined
  nationality?: string | undefined
  phone?: string | null | undefined
  /** Where they stay: a commune of the province. */
  unitCode: string
  stayAddress: string
  originKind: 'abroad' | 'domestic'
  originCountry?: string | null | undefined
  /** Domestic: the province, district or commune they come from. */
  originUnitCode?: string | null | undefined
  originPlace?: string | null | undefined
  portId?: number | null | undefined
  arrivedOn: string
  transport?: string | null | undefined
  vaccinated?: boolean | undefined
  declaredBy?: DeclaredBy | undefined
  declarantName?: string | null | undefined
  declarantPhone?: string | null | undefined
}

async function arrivalValues(ctx: Ctx, input: ArrivalInput, unit: { id: string; path: string }, declaredBy: DeclaredBy) {
  const t = today(ctx)
  if (input.arrivedOn > t) throw badRequest('ARRIVAL_IN_FUTURE', `Ngày đến (${formatVnDate(input.arrivedOn)}) ở sau hôm nay.`)
  if (input.birthYear != null && input.birthYear > Number(t.slice(0, 4))) throw badRequest('BIRTH_IN_FUTURE', `Năm sinh ${input.birthYear} ở sau năm hiện tại.`)
  if (input.nationalId) {
    const problems = checkNationalId(input.nationalId, { birthYear: input.birthYear ?? null, sex: input.sex, currentYear: Number(t.slice(0, 4)) })
    if (problems.length > 0) throw badRequest('NATIONAL_ID_INVALID', problems.join(' '))
  }
  let originUnit: { id: string; path: string } | null = null
  if (input.originKind === 'abroad') {
    if (!input.originCountry) throw badRequest('ORIGIN_COUNTRY_REQUIRED', 'Người nhập cảnh: hãy ghi nước đi đến.')
    if (input.originCountry === 'VN') throw badRequest('ORIGIN_COUNTRY_VN', 'Người nhập cảnh: nước đi đến không thể là Việt Nam.')
  } else {
    if (input.originCountry) throw badRequest('ORIGIN_COUNTRY_NOT_EXPECTED', 'Người đến từ trong nước không ghi nước đi đến.')
    if (!input.originUnitCode) throw badRequest('ORIGIN_UNIT_REQUIRED', 'Hãy chọn tỉnh, thành phố (hoặc xã, phường) nơi đi.')
    originUnit = await getUnit(ctx, input.originUnitCode).catch(() => {
      throw badRequest('ORIGIN_UNIT_UNKNOWN', `Không tìm thấy nơi đi mã ${input.originUnitCode}.`)
    })
  }
  let portId: number | null = null
  if (input.portId) {
    const port = await repo.findPort(ctx.db, unit.path, input.portId)
    if (!port) throw badRequest('PORT_UNKNOWN', 'Cửa khẩu, cảng không có trong danh sách của tỉnh.')
    portId = port.id
  }
  const zone = originUnit ? await repo.zoneInForce(ctx.db, unit.path, originUnit.path, input.arrivedOn) : undefined
  return {
    unitId: unit.id,
    unitPath: unit.path,
    stayAddress: input.stayAddress.trim(),
    declaredBy,
    declarantName: input.declarantName?.trim() || null,
    declarantPhone: input.declarantPhone?.trim() || null,
    fullName: input.fullName.trim(),
    birthYear: input.birthYear ?? null,
    sex: input.sex ?? null,
    nationalId: input.nationalId || null,
    passportNo: input.passportNo?.trim() || null,
    nationality: input.nationality ?? 'VN',
    phone: input.phone || null,
    originKind: input.originKind,
    originCountry: input.originKind === 'abroad' ? input.originCountry! : null,
    originUnitId: originUnit?.id ?? null,
    originPlace: input.originPlace?.trim() || null,
    zoneId: zone?.id ?? null,
    portId,
    arrivedOn: input.arrivedOn,
    transport: input.transport?.trim() || null,
    vaccinated: input.vaccinated ?? false,
    createdBy: ctx.access.userId,
  }
}

/** An arrival recorded by the commune or the host (entry:write) in the caller's jurisdiction. */
export async function recordArrival(ctx: Ctx, input: ArrivalInput) {
  requirePermission(ctx.access, 'entry:write')
  const unit = await unitWithin(ctx, input.unitCode)
  if (unit.level !== 'commune' && unit.level !== 'hamlet') throw badRequest('STAY_UNIT_LEVEL', 'Nơi lưu trú là một xã, phường (hoặc ấp, khu phố).')
  const declaredBy = input.declaredBy === 'host' ? 'host' : 'commune'
  if (declaredBy === 'host' && !input.declarantName) throw badRequest('DECLARANT_REQUIRED', 'Khai báo của chủ nhà, cơ sở lưu trú: hãy ghi tên người khai báo.')
  const values = await arrivalValues(ctx, input, unit, declaredBy)
  return inTransaction(ctx, async (tx) => {
    const id = await repo.insertArrival(tx.db, values)
    return getArrival(tx, id)
  })
}

/**
 * A declaration sent through the public form: the stay commune must be in the province the
 * installation serves. A repeat of the same declaration (same phone or name, day and commune)
 * stores nothing more. Answers nothing about the record.
 */
export async function declarePublic(ctx: Ctx, input: ArrivalInput, provinceCode: string): Promise<void> {
  const unit = await communeOfProvince(ctx, input.unitCode, provinceCode, 'Nơi lưu trú')
  const values = await arrivalValues(ctx, input, unit, input.declaredBy === 'host' ? 'host' : 'self')
  if (values.declaredBy === 'host' && !values.declarantName) throw badRequest('DECLARANT_REQUIRED', 'Chủ nhà, cơ sở lưu trú khai báo: hãy ghi tên người khai báo.')
  if (input.arrivedOn < shiftDay(today(ctx), -30)) throw badRequest('ARRIVAL_TOO_OLD', 'Biểu mẫu này nhận khai báo trong 30 ngày kể từ ngày đến; quá hạn hãy liên hệ trạm y tế xã, phường.')
  await inTransaction(ctx, async (tx) => {
    if (await repo.sameDeclaration(tx.db, values)) return
    await repo.insertArrival(tx.db, { ...values, createdBy: null })
  })
}

const ruleCache = () => {
  const memo = new Map<string, Promise<Awaited<ReturnType<typeof ruleFor>> | null>>()
  return (ctx: Ctx, day: string, unitPath: string) => {
    const key = `${day}|${repo.provincePrefix(unitPath)}`
    let p = memo.get(key)
    if (!p) {
      p = ruleFor(ctx, { kind: 'entry', start: day, unitPath }).catch((e) => {
        if (e instanceof AppError && e.code === 'NO_RULE') return null
        throw e
      })
      memo.set(key, p)
    }
    return p
  }
}

async function withRequirements(ctx: Ctx, rows: repo.ArrivalRow[]) {
  const zones = new Map((await repo.zonesByIds(ctx.db, [...new Set(rows.map((r) => r.zoneId).filter((z): z is number => z !== null))])).map((z) => [z.id, z]))
  const rule = ruleCache()
  const out = []
  for (const r of rows) {
    const choice = await rule(ctx, r.arrivedOn, r.unitPath)
    const zone = r.zoneId ? (zones.get(r.zoneId) ?? null) : null
    const requirement: Requirement = requiredAction({
      originKind: r.originKind,
      zone,
      rule: choice ? { name: choice.rule.name, source: choice.rule.source, days: choice.rule.days, monitoringDays: choice.rule.monitoringDays } : null,
    })
    out.push(presentArrival(r, requirement, zone?.placeName ?? null, choice?.rule.id ?? null))
  }
  return out
}

function presentArrival(r: repo.ArrivalRow, requirement: Requirement, zoneName: string | null, ruleId: number | null) {
  const { unitPath: _p, ...rest } = r
  return { ...rest, zoneName, requirement: { ...requirement, ruleId } }
}
export type ArrivalView = ReturnType<typeof presentArrival>

export async function listArrivals(
  ctx: Ctx,
  f: { unitCode?: string | undefined; from?: string | undefined; to?: string | undefined; status?: string | undefined; originKind?: 'abroad' | 'domestic' | undefined; limit: number; offset: number },
) {
  requirePermission(ctx.access, 'entry:read')
  const unitPath = f.unitCode ? (await unitWithin(ctx, f.unitCode)).path : ctx.access.unitPath
  const rows = await repo.listArrivals(ctx.db, ctx.access, { ...f, unitPath })
  await auditRead(ctx, 'entry_arrivals', rows.map((r) => ({ id: r.id })))
  return { arrivals: await withRequirements(ctx, rows) }
}

export async function getArrival(ctx: Ctx, id: number) {
  requirePermission(ctx.access, 'entry:read')
  const row = await repo.findArrival(ctx.db, ctx.access, id)
  if (!row) throw notFound(`khai báo #${id}`)
  await auditRead(ctx, 'entry_arrivals', [{ id: row.id, unitPath: row.unitPath }])
  return (await withRequirements(ctx, [row]))[0]!
}

export interface ActInput {
  /** The person in the registry, when the commune found them; else the record is created from the declaration. */
  personId?: number | null | undefined
  /** Create the person even though the registry holds similar names (after looking at them). */
  confirmedNew?: boolean | undefined
  /** Centralised quarantine: the facility (and room). */
  facilityId?: number | null | undefined
  roomId?: number | null | undefined
  /** Quarantine at home instead of the facility the rule asks for (a decision of the commune). */
  setting?: 'facility' | 'home' | 'accommodation' | undefined
  note?: string | null | undefined
}

/**
 * The quarantine or monitoring an arrival requires, created in one action and one transaction:
 * the person found or created in the registry (duplicates refused as people does), then a
 * placement through the quarantine service from the arrival day under the rule in force then, or
 * the monitoring period. Refused when nothing is required or the arrival was acted on already.
 */
export async function actOnArrival(ctx: Ctx, id: number, input: ActInput) {
  requirePermission(ctx.access, 'entry:write')
  return inTransaction(ctx, async (tx) => {
    const a = await repo.lockArrival(tx.db, tx.access, id)
    if (!a) throw notFound(`khai báo #${id}`)
    if (a.status !== 'new') throw conflict('ARRIVAL_DONE', `Khai báo #${id} đã được xử lý (${a.status === 'placed' ? 'đã cách ly' : a.status === 'monitoring' ? 'đang theo dõi' : 'không phải cách ly'}).`)
    const view = (await withRequirements(tx, [(await repo.findArrival(tx.db, tx.access, id))!]))[0]!
    const req = view.requirement
    if (req.action === 'none') {
      await repo.updateArrival(tx.db, id, { status: 'no_action', actedBy: tx.access.userId, actedAt: tx.now() })
      return { arrival: await getArrival(tx, id), warnings: [] as Warning[] }
    }
    let personId = input.personId ?? a.personId
    if (personId) {
      await getPerson(tx, personId)
    } else {
      const unit = await getUnit(tx, await repo.unitCodeOf(tx.db, a.unitId))
      const person = await createPerson(tx, {
        fullName: a.fullName,
        birthYear: a.birthYear,
        sex: a.sex,
        nationalId: a.nationalId,
        passportNo: a.passportNo,
        nationality: a.nationality,
        phone: a.phone,
        unitCode: unit.code,
        address: a.stayAddress,
        tempUnitCode: unit.code,
        tempAddress: a.stayAddress,
        confirmedNew: input.confirmedNew,
      })
      personId = person.id
    }
    let warnings: Warning[] = []
    if (req.action === 'monitoring') {
      await repo.updateArrival(tx.db, id, { personId, status: 'monitoring', monitoringUntil: shiftDay(a.arrivedOn, req.days), actedBy: tx.access.userId, actedAt: tx.now() })
    } else {
      const setting = input.setting ?? req.action
      const outcome = await placePerson(tx, {
        personId,
        setting,
        facilityId: setting === 'facility' ? input.facilityId : null,
        roomId: setting === 'facility' ? input.roomId : null,
        address: setting === 'facility' ? null : a.stayAddress,
        reason: a.originKind === 'abroad' ? 'traveller' : 'returnee',
        vaccinated: a.vaccinated,
        startOn: a.arrivedOn,
        batch: a.transport ?? (a.portId ? `cửa khẩu #${a.portId}` : null),
        note: input.note ?? `Khai báo đến địa phương #${id}`,
      })
      warnings = outcome.warnings
      await repo.updateArrival(tx.db, id, { personId, status: 'placed', placementId: outcome.placement.id, actedBy: tx.access.userId, actedAt: tx.now() })
    }
    return { arrival: await getArrival(tx, id), warnings }
  })
}

// --- Checkpoints ---------------------------------------------------------------------------------

export interface CheckpointInput {
  name: string
  unitCode: string
  location?: string | null | undefined
  lon?: number | null | undefined
  lat?: number | null | undefined
  orgId?: number | null | undefined
  /** Activate from this day at creation. */
  activeFrom?: string | null | undefined
  decision?: string | null | undefined
}

export async function createCheckpoint(ctx: Ctx, input: CheckpointInput) {
  requirePermission(ctx.access, 'entry:write')
  const unit = await unitWithin(ctx, input.unitCode)
  if ((input.lon == null) !== (input.lat == null)) throw badRequest('LOCATION_HALF', 'Vị trí cần cả kinh độ và vĩ độ.')
  return inTransaction(ctx, async (tx) => {
    if (input.orgId && !(await repo.orgInProvince(tx.db, unit.path, input.orgId))) throw badRequest('ORG_UNKNOWN', `Không tìm thấy cơ quan #${input.orgId} trong tỉnh.`)
    if (await repo.checkpointNameTaken(tx.db, unit.id, input.name.trim())) throw conflict('CHECKPOINT_EXISTS', `${unit.name} đã có chốt tên “${input.name.trim()}”.`)
    const id = await repo.insertCheckpoint(tx.db, {
      name: input.name.trim(),
      unitId: unit.id,
      unitPath: unit.path,
      location: input.location ?? null,
      lon: input.lon ?? null,
      lat: input.lat ?? null,
      orgId: input.orgId ?? null,
      active: !!input.activeFrom,
    })
    if (input.activeFrom) await repo.insertCheckpointEvent(tx.db, { checkpointId: id, action: 'activate', onDay: input.activeFrom, decision: input.decision ?? null, byUser: tx.access.userId })
    return getCheckpoint(tx, id, {})
  })
}

export interface CheckpointPatch {
  name?: string | undefined
  location?: string | null | undefined
  lon?: number | null | undefined
  lat?: number | null | undefined
  orgId?: number | null | undefined
}

/** Edits a checkpoint of the caller's jurisdiction: its name, place, point and the body in charge. */
export async function updateCheckpoint(ctx: Ctx, id: number, patch: CheckpointPatch) {
  requirePermission(ctx.access, 'entry:write')
  return inTransaction(ctx, async (tx) => {
    const c = await repo.lockCheckpoint(tx.db, tx.access, id)
    if (!c) throw notFound(`chốt kiểm tra #${id}`)
    keepsWholePoint(c, patch)
    if (patch.orgId && !(await repo.orgInProvince(tx.db, c.unitPath, patch.orgId))) throw badRequest('ORG_UNKNOWN', `Không tìm thấy cơ quan #${patch.orgId} trong tỉnh.`)
    const name = patch.name?.trim()
    if (name && name !== c.name) {
      const taken = await repo.checkpointNameTaken(tx.db, c.unitId, name)
      if (taken && taken.id !== id) throw conflict('CHECKPOINT_EXISTS', `Xã, phường này đã có chốt tên “${name}”.`)
    }
    await repo.updateCheckpoint(tx.db, id, { ...patch, ...(name ? { name } : {}), ...(patch.location !== undefined ? { location: patch.location?.trim() || null } : {}) })
    return getCheckpoint(tx, id, {})
  })
}

/** Was the checkpoint working on `day`, by its activations and deactivations? */
function activeOn(events: { action: string; onDay: string }[], day: string): boolean {
  const last = events.filter((e) => e.onDay <= day).sort((a, b) => (a.onDay < b.onDay ? 1 : -1))[0]
  return last?.action === 'activate'
}

export async function setCheckpointActive(ctx: Ctx, id: number, input: { active: boolean; on: string; decision?: string | null | undefined }) {
  requirePermission(ctx.access, 'entry:write')
  return inTransaction(ctx, async (tx) => {
    const c = await repo.lockCheckpoint(tx.db, tx.access, id)
    if (!c) throw notFound(`chốt kiểm tra #${id}`)
    if (c.active === input.active) throw conflict('CHECKPOINT_UNCHANGED', `${c.name} ${c.active ? 'đang hoạt động' : 'đã dừng hoạt động'}.`)
    const events = await repo.checkpointEvents(tx.db, id)
    const last = events[0]
    if (last && input.on < last.onDay) throw badRequest('CHECKPOINT_DATE', `Ngày ${formatVnDate(input.on)} ở trước lần ${last.action === 'activate' ? 'kích hoạt' : 'dừng'} gần nhất (${formatVnDate(last.onDay)}).`)
    await repo.insertCheckpointEvent(tx.db, { checkpointId: id, action: input.active ? 'activate' : 'deactivate', onDay: input.on, decision: input.decision ?? null, byUser: tx.access.userId })
    await repo.setCheckpointActive(tx.db, id, input.active)
    return getCheckpoint(tx, id, {})
  })
}

export async function addStaff(ctx: Ctx, id: number, input: { name: string; role: string; orgId?: number | null | undefined; phone?: string | null | undefined; fromOn: string; toOn?: string | null | undefined }) {
  requirePermission(ctx.access, 'entry:write')
  if (input.toOn && input.toOn < input.fromOn) throw badRequest('STAFF_DATES', 'Ngày kết thúc trực ở trước ngày bắt đầu.')
  return inTransaction(ctx, async (tx) => {
    const c = await repo.lockCheckpoint(tx.db, tx.access, id)
    if (!c) throw notFound(`chốt kiểm tra #${id}`)
    if (input.orgId && !(await repo.orgInProvince(tx.db, c.unitPath, input.orgId))) throw badRequest('ORG_UNKNOWN', `Không tìm thấy cơ quan #${input.orgId} trong tỉnh.`)
    await repo.insertStaff(tx.db, { checkpointId: id, name: input.name.trim(), role: input.role.trim(), orgId: input.orgId ?? null, phone: input.phone ?? null, fromOn: input.fromOn, toOn: input.toOn ?? null })
    return getCheckpoint(tx, id, {})
  })
}

export interface StaffPatch {
  role?: string | undefined
  phone?: string | null | undefined
  orgId?: number | null | undefined
  fromOn?: string | undefined
  /** The last day on duty: ends the period (null: on duty until further notice). */
  toOn?: string | null | undefined
}

/** Edits a staff period of a checkpoint of the caller's jurisdiction, or ends it (its last day). */
export async function updateStaff(ctx: Ctx, id: number, staffId: number, patch: StaffPatch) {
  requirePermission(ctx.access, 'entry:write')
  return inTransaction(ctx, async (tx) => {
    const c = await repo.lockCheckpoint(tx.db, tx.access, id)
    if (!c) throw notFound(`chốt kiểm tra #${id}`)
    const s = await repo.lockStaff(tx.db, id, staffId)
    if (!s) throw notFound(`người trực #${staffId} của chốt ${c.name}`)
    const fromOn = patch.fromOn ?? s.fromOn
    const toOn = patch.toOn !== undefined ? patch.toOn : s.toOn
    if (toOn && toOn < fromOn) throw badRequest('STAFF_DATES', `Ngày kết thúc trực (${formatVnDate(toOn)}) ở trước ngày bắt đầu (${formatVnDate(fromOn)}).`)
    if (patch.orgId && !(await repo.orgInProvince(tx.db, c.unitPath, patch.orgId))) throw badRequest('ORG_UNKNOWN', `Không tìm thấy cơ quan #${patch.orgId} trong tỉnh.`)
    await repo.updateStaff(tx.db, staffId, { ...patch, ...(patch.role ? { role: patch.role.trim() } : {}) })
    return getCheckpoint(tx, id, {})
  })
}

/** The day's log of a checkpoint (replaces an earlier entry of the same day): only on a day it was working. */
export async function recordLog(ctx: Ctx, id: number, input: { day: string; peopleChecked: number; vehiclesChecked: number; sentToQuarantine: number; note?: string | null | undefined }) {
  requirePermission(ctx.access, 'entry:write')
  if (input.day > today(ctx)) throw badRequest('LOG_IN_FUTURE', `Ngày ${formatVnDate(input.day)} chưa đến.`)
  if (input.sentToQuarantine > input.peopleChecked) throw badRequest('LOG_SENT_OVER', 'Số người chuyển đi cách ly không thể lớn hơn số người được kiểm tra.')
  return inTransaction(ctx, async (tx) => {
    const c = await repo.lockCheckpoint(tx.db, tx.access, id)
    if (!c) throw notFound(`chốt kiểm tra #${id}`)
    if (!activeOn(await repo.checkpointEvents(tx.db, id), input.day)) throw conflict('CHECKPOINT_INACTIVE', `${c.name} không hoạt động ngày ${formatVnDate(input.day)}: không ghi nhật ký.`)
    await repo.upsertLog(tx.db, { checkpointId: id, unitPath: c.unitPath, day: input.day, peopleChecked: input.peopleChecked, vehiclesChecked: input.vehiclesChecked, sentToQuarantine: input.sentToQuarantine, note: input.note ?? null, byUser: tx.access.userId })
    return getCheckpoint(tx, id, {})
  })
}

export async function listCheckpoints(ctx: Ctx, f: { unitCode?: string | undefined; day?: string | undefined; active?: boolean | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'entry:read')
  const unitPath = f.unitCode ? (await unitWithin(ctx, f.unitCode)).path : ctx.access.unitPath
  const day = f.day ?? today(ctx)
  const rows = await repo.listCheckpoints(ctx.db, ctx.access, { unitPath, day, active: f.active, limit: f.limit, offset: f.offset })
  return { day, checkpoints: rows.map(({ unitPath: _p, ...r }) => r) }
}

export async function getCheckpoint(ctx: Ctx, id: number, f: { from?: string | undefined; to?: string | undefined }) {
  requirePermission(ctx.access, 'entry:read')
  const c = await repo.findCheckpoint(ctx.db, ctx.access, id)
  if (!c) throw notFound(`chốt kiểm tra #${id}`)
  const to = f.to ?? today(ctx)
  const from = f.from ?? shiftDay(to, -30)
  const [events, staff, logs] = await Promise.all([repo.checkpointEvents(ctx.db, id), repo.staffOf(ctx.db, id), repo.logsOf(ctx.db, id, from, to)])
  const { unitPath: _p, ...rest } = c
  const totals = logs.reduce((s, l) => ({ people: s.people + l.peopleChecked, vehicles: s.vehicles + l.vehiclesChecked, sent: s.sent + l.sentToQuarantine }), { people: 0, vehicles: 0, sent: 0 })
  return { ...rest, from, to, events, staff, logs, totals }
}

// --- Illegal entry -------------------------------------------------------------------------------

export interface CaseInput {
  unitCode: string
  point?: string | null | undefined
  lon?: number | null | undefined
  lat?: number | null | undefined
  occurredAt: string
  reportedBy: Reporter
  reporterOrgId?: number | null | undefined
  reporterName?: string | null | undefined
  reporterPhone?: string | null | undefined
  peopleCount: number
  crossing: Crossing
  crossingNote?: string | null | undefined
  guidedBy?: string | null | undefined
  shelteredBy?: string | null | undefined
  foundLiving?: boolean | undefined
  description?: string | null | undefined
}

function caseValues(ctx: Ctx, input: CaseInput, unit: { id: string; path: string }) {
  const at = new Date(input.occurredAt)
  if (Number.isNaN(at.getTime())) throw badRequest('OCCURRED_AT_INVALID', 'Thời điểm không hợp lệ.')
  if (at.getTime() > ctx.now().getTime() + 5 * 60_000) throw badRequest('OCCURRED_IN_FUTURE', 'Thời điểm vượt biên ở sau lúc này.')
  if (vnDate(at) < '2019-12-01') throw badRequest('OCCURRED_TOO_OLD', 'Thời điểm quá xa (trước tháng 12/2019).')
  if ((input.lon == null) !== (input.lat == null)) throw badRequest('LOCATION_HALF', 'Vị trí cần cả kinh độ và vĩ độ.')
  return {
    unitId: unit.id,
    unitPath: unit.path,
    point: input.point?.trim() || null,
    lon: input.lon ?? null,
    lat: input.lat ?? null,
    occurredAt: at,
    reportedBy: input.reportedBy,
    reporterOrgId: input.reporterOrgId ?? null,
    reporterName: input.reporterName?.trim() || null,
    reporterPhone: input.reporterPhone?.trim() || null,
    peopleCount: input.peopleCount,
    crossing: input.crossing,
    crossingNote: input.crossingNote?.trim() || null,
    guidedBy: input.guidedBy?.trim() || null,
    shelteredBy: input.shelteredBy?.trim() || null,
    foundLiving: input.foundLiving ?? false,
    description: input.description?.trim() || null,
    createdBy: ctx.access.userId,
  }
}

/** A report by the border guard, the police or the commune, inside the caller's jurisdiction. */
export async function reportCase(ctx: Ctx, input: CaseInput) {
  requirePermission(ctx.access, 'entry:write')
  if (input.reportedBy === 'public') throw badRequest('REPORTER_PUBLIC', 'Tin báo của người dân gửi qua biểu mẫu công khai.')
  const unit = await unitWithin(ctx, input.unitCode)
  if (unit.level !== 'commune' && unit.level !== 'hamlet') throw badRequest('CASE_UNIT_LEVEL', 'Nơi xảy ra là một xã, phường (hoặc ấp, khu phố).')
  const values = caseValues(ctx, input, unit)
  return inTransaction(ctx, async (tx) => {
    if (input.reporterOrgId && !(await repo.orgInProvince(tx.db, unit.path, input.reporterOrgId))) throw badRequest('ORG_UNKNOWN', `Không tìm thấy cơ quan #${input.reporterOrgId} trong tỉnh.`)
    const id = await repo.insertCase(tx.db, values)
    return getCase(tx, id)
  })
}

/** A report from the public form: a commune of the province; the reporter's name and phone are optional and never shown back (the route answers nothing of it). */
export async function reportPublic(ctx: Ctx, input: Omit<CaseInput, 'reportedBy' | 'reporterOrgId'>, provinceCode: string): Promise<number> {
  const unit = await communeOfProvince(ctx, input.unitCode, provinceCode, 'Nơi phát hiện')
  const values = caseValues(ctx, { ...input, reportedBy: 'public' }, unit)
  if (vnDate(values.occurredAt) < shiftDay(today(ctx), -30)) throw badRequest('OCCURRED_TOO_OLD', 'Biểu mẫu này nhận tin trong 30 ngày; việc cũ hơn hãy báo trực tiếp Công an hoặc Biên phòng.')
  return inTransaction(ctx, (tx) => repo.insertCase(tx.db, { ...values, createdBy: null }))
}

export async function listCases(ctx: Ctx, f: { unitCode?: string | undefined; from?: string | undefined; to?: string | undefined; stage?: Stage | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'entry:read')
  const unitPath = f.unitCode ? (await unitWithin(ctx, f.unitCode)).path : ctx.access.unitPath
  const rows = await repo.listCases(ctx.db, ctx.access, { ...f, unitPath })
  return { cases: rows.map(({ unitPath: _p, unitId: _u, reporterName: _n, reporterPhone: _t, ...r }) => ({ ...r, nextStep: nextStep(r.stage) })) }
}

export async function getCase(ctx: Ctx, id: number) {
  requirePermission(ctx.access, 'entry:read')
  const c = await repo.findCase(ctx.db, ctx.access, id)
  if (!c) throw notFound(`vụ nhập cảnh trái phép #${id}`)
  const [steps, people, heads] = await Promise.all([repo.stepsOf(ctx.db, id), repo.peopleOf(ctx.db, id), repo.headsOf(ctx.db, id)])
  await auditRead(ctx, 'entry_illegal_cases', [{ id, unitPath: c.unitPath }], { people: people.map((p) => p.personId) })
  const { unitPath: _p, unitId: _u, ...rest } = c
  return { ...rest, nextStep: nextStep(c.stage), steps, people: people.map(({ unitPath: _x, ...p }) => p), heads }
}

export interface StepInput {
  step: Step
  orgId: number
  at: string
  toOrgId?: number | null | undefined
  outcome?: string | null | undefined
  note?: string | null | undefined
  /** Outcome: the entrants had been living in the commune undetected (the local heads are recorded as accountable). */
  foundLiving?: boolean | undefined
  /** Outcome: further bodies whose heads are accountable (beside the commune's People's Committee). */
  accountableOrgIds?: number[] | undefined
}

async function insertStepChecked(tx: Ctx, c: { id: number; unitPath: string; stage: Stage; occurredAt: Date }, v: StepInput) {
  const at = new Date(v.at)
  if (Number.isNaN(at.getTime())) throw badRequest('STEP_AT_INVALID', 'Thời điểm không hợp lệ.')
  if (at.getTime() > tx.now().getTime() + 5 * 60_000) throw badRequest('STEP_IN_FUTURE', 'Thời điểm của bước ở sau lúc này.')
  const steps = await repo.stepsOf(tx.db, c.id)
  const last = steps[steps.length - 1]
  const refusal = stepRefusal(c.stage, v.step, at, last ? new Date(last.at) : null, new Date(c.occurredAt))
  if (refusal) throw conflict('STEP_ORDER', refusal)
  const org = await repo.orgInProvince(tx.db, c.unitPath, v.orgId)
  if (!org) throw badRequest('ORG_UNKNOWN', `Bước “${STEP_LABELS[v.step]}” cần cơ quan thực hiện có trong danh mục của tỉnh (#${v.orgId} không có).`)
  if (v.step === 'handover') {
    if (!v.toOrgId) throw badRequest('HANDOVER_TO_REQUIRED', 'Bàn giao: hãy chọn cơ quan nhận.')
    if (!(await repo.orgInProvince(tx.db, c.unitPath, v.toOrgId))) throw badRequest('ORG_UNKNOWN', `Không tìm thấy cơ quan nhận #${v.toOrgId} trong tỉnh.`)
  }
  if (v.step === 'outcome' && !v.outcome?.trim()) throw badRequest('OUTCOME_REQUIRED', 'Hãy ghi kết quả xác minh, xử lý.')
  await repo.insertStep(tx.db, {
    caseId: c.id,
    unitPath: c.unitPath,
    step: v.step,
    orgId: v.orgId,
    at,
    toOrgId: v.step === 'handover' ? (v.toOrgId ?? null) : null,
    outcome: v.step === 'outcome' ? v.outcome!.trim() : null,
    note: v.note?.trim() || null,
    byUser: tx.access.userId,
  })
  await repo.updateCase(tx.db, c.id, { stage: STAGE_AFTER[v.step], ...(v.step === 'outcome' ? { outcome: v.outcome!.trim() } : {}) })
  return at
}

/** Records the next step of a case by a named body at a time; a step out of order is refused in Vietnamese. */
export async function recordStep(ctx: Ctx, id: number, input: StepInput) {
  requirePermission(ctx.access, 'entry:write')
  return inTransaction(ctx, async (tx) => {
    const c = await repo.lockCase(tx.db, tx.access, id)
    if (!c) throw notFound(`vụ nhập cảnh trái phép #${id}`)
    if (input.step === 'placement') {
      const people = await repo.peopleOf(tx.db, id)
      if (people.length > 0 && people.every((p) => !p.placementId)) {
        throw conflict('STEP_PLACEMENT_PEOPLE', 'Vụ việc có người đã xác định trong sổ: hãy đưa từng người vào cơ sở cách ly (bước được ghi khi người đầu tiên được đưa vào).')
      }
    }
    const at = await insertStepChecked(tx, c, input)
    if (input.step === 'outcome' && (input.foundLiving || c.foundLiving)) {
      if (input.foundLiving && !c.foundLiving) await repo.updateCase(tx.db, id, { foundLiving: true })
      await recordHeads(tx, c, at, input.accountableOrgIds ?? [])
    }
    return getCase(tx, id)
  })
}

/** The heads answerable for entrants found living undetected: the commune's People's Committee and the bodies named. */
async function recordHeads(tx: Ctx, c: { id: number; unitId: string; unitPath: string }, at: Date, orgIds: number[]) {
  const reason = 'Người nhập cảnh trái phép sinh sống trên địa bàn mà không được phát hiện'
  const local = await repo.localHeadBody(tx.db, c.unitId)
  const bodies: { id: number; headName: string | null; headPosition: string | null; unitId: string; unitPath: string }[] = []
  if (local) bodies.push({ ...local, unitId: c.unitId, unitPath: c.unitPath })
  for (const orgId of orgIds) {
    const o = await repo.orgInProvince(tx.db, c.unitPath, orgId)
    if (!o) throw badRequest('ORG_UNKNOWN', `Không tìm thấy cơ quan #${orgId} trong tỉnh.`)
    bodies.push({ id: o.id, headName: o.headName, headPosition: o.headPosition, unitId: c.unitId, unitPath: c.unitPath })
  }
  if (bodies.length === 0 || bodies.every((b) => !b.headName)) {
    throw badRequest('HEAD_UNKNOWN', 'Chưa có người đứng đầu của UBND xã (hoặc cơ quan được nêu) trong danh mục cơ quan: hãy cập nhật người đứng đầu trước.')
  }
  for (const b of bodies) {
    if (!b.headName) continue
    await repo.insertHead(tx.db, { caseId: c.id, unitId: b.unitId, unitPath: b.unitPath, orgId: b.id, headName: b.headName, headPosition: b.headPosition, reason, recordedOn: vnDate(at), byUser: tx.access.userId })
  }
}

export type CasePersonInput =
  | { personId: number }
  | {
      person: { fullName: string; birthYear?: number | null | undefined; sex?: 'male' | 'female' | 'other' | null | undefined; nationality?: string | undefined; passportNo?: string | null | undefined; nationalId?: string | null | undefined }
      confirmedNew?: boolean | undefined
    }

/** Names a person of the case: one already in the registry, or a new record in the case's commune (duplicates checked by people). */
export async function addCasePerson(ctx: Ctx, id: number, input: CasePersonInput) {
  requirePermission(ctx.access, 'entry:write')
  return inTransaction(ctx, async (tx) => {
    const c = await repo.lockCase(tx.db, tx.access, id)
    if (!c) throw notFound(`vụ nhập cảnh trái phép #${id}`)
    let personId: number
    if ('personId' in input) {
      personId = (await getPerson(tx, input.personId)).id
    } else {
      const unitCode = await repo.unitCodeOf(tx.db, c.unitId)
      personId = (await createPerson(tx, { ...input.person, unitCode, address: c.point ?? null, confirmedNew: input.confirmedNew })).id
    }
    if (!(await repo.linkPerson(tx.db, { caseId: id, personId, unitPath: c.unitPath }))) throw conflict('PERSON_LINKED', 'Người này đã có trong vụ việc.')
    const known = (await repo.peopleOf(tx.db, id)).length
    if (known > c.peopleCount) await repo.updateCase(tx.db, id, { peopleCount: known })
    return getCase(tx, id)
  })
}

/**
 * Places a person of a handed-over case in a quarantine facility through the quarantine service
 * (reason: illegal entrant; the rule in force on the day; batch: the case), in one transaction;
 * the first placement records the case's placement step by the named body. Answers the
 * facility's warnings (nearly full, full, mixed room).
 */
export async function placeCasePerson(ctx: Ctx, id: number, input: { personId: number; facilityId: number; roomId?: number | null | undefined; orgId: number; at: string; vaccinated?: boolean | undefined }) {
  requirePermission(ctx.access, 'entry:write')
  return inTransaction(ctx, async (tx) => {
    const c = await repo.lockCase(tx.db, tx.access, id)
    if (!c) throw notFound(`vụ nhập cảnh trái phép #${id}`)
    if (c.stage !== 'handed_over' && c.stage !== 'placed') {
      throw conflict('STEP_ORDER', c.stage === 'concluded' ? 'Vụ việc đã có kết quả xử lý.' : `Chưa thể đưa vào cách ly: cần ghi bước “${STEP_LABELS[nextStep(c.stage) ?? 'handover']}” trước.`)
    }
    const link = await repo.linkedPerson(tx.db, id, input.personId)
    if (!link) throw badRequest('PERSON_NOT_IN_CASE', 'Người này chưa có trong vụ việc: hãy thêm vào trước.')
    if (link.placementId) throw conflict('PERSON_PLACED', 'Người này đã được đưa vào cách ly.')
    const at = new Date(input.at)
    if (Number.isNaN(at.getTime())) throw badRequest('STEP_AT_INVALID', 'Thời điểm không hợp lệ.')
    if (c.stage === 'handed_over') await insertStepChecked(tx, c, { step: 'placement', orgId: input.orgId, at: input.at })
    const outcome = await placePerson(tx, {
      personId: input.personId,
      setting: 'facility',
      facilityId: input.facilityId,
      roomId: input.roomId ?? null,
      reason: 'illegal_entrant',
      vaccinated: input.vaccinated ?? false,
      startOn: vnDate(at),
      batch: `NCTP-${id}`,
      note: `Vụ nhập cảnh trái phép #${id}`,
    })
    await repo.setPersonPlacement(tx.db, id, input.personId, outcome.placement.id)
    return { case: await getCase(tx, id), placementId: outcome.placement.id, warnings: outcome.warnings }
  })
}

/** Weeks (Monday) from `from` to `to` and per commune the cases and people of each, border communes always listed. */
export async function weeklyCounts(ctx: Ctx, f: { unitCode?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  requirePermission(ctx.access, 'entry:read')
  const unitPath = f.unitCode ? (await unitWithin(ctx, f.unitCode)).path : ctx.access.unitPath
  const to = f.to ?? today(ctx)
  const from = f.from ?? shiftDay(to, -7 * 12 + 1)
  if (from > to) throw badRequest('PERIOD_INVALID', 'Ngày bắt đầu ở sau ngày kết thúc.')
  if (shiftDay(from, 731) < to) throw badRequest('PERIOD_TOO_LONG', 'Khoảng thời gian tối đa 2 năm.')
  const rows = await repo.weeklyCounts(ctx.db, ctx.access, unitPath, from, to)
  const weeks: string[] = []
  const day = new Date(`${from}T00:00:00Z`)
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7))
  for (let w = day.toISOString().slice(0, 10); w <= to; w = shiftDay(w, 7)) weeks.push(w)
  const communes = new Map<string, { unitCode: string; unitName: string; border: boolean; counts: { week: string; cases: number; people: number }[]; cases: number; people: number }>()
  for (const r of rows) {
    let c = communes.get(r.unitCode)
    if (!c) {
      c = { unitCode: r.unitCode, unitName: r.unitName, border: r.border, counts: weeks.map((week) => ({ week, cases: 0, people: 0 })), cases: 0, people: 0 }
      communes.set(r.unitCode, c)
    }
    const slot = r.week ? c.counts.find((x) => x.week === r.week) : undefined
    if (slot) {
      slot.cases += r.cases
      slot.people += r.people
      c.cases += r.cases
      c.people += r.people
    }
  }
  return { from, to, weeks, communes: [...communes.values()].sort((a, b) => Number(b.border) - Number(a.border) || b.people - a.people || a.unitName.localeCompare(b.unitName, 'vi')) }
}

/** The map: communes with their counts (boundaries as GeoJSON), cases with a point, and the ports. */
export async function caseMap(ctx: Ctx, f: { unitCode?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  const counts = await weeklyCounts(ctx, f)
  const unitPath = f.unitCode ? (await unitWithin(ctx, f.unitCode)).path : ctx.access.unitPath
  const [cases, boundaries, ports] = await Promise.all([
    repo.mapCases(ctx.db, ctx.access, unitPath, counts.from, counts.to),
    repo.communeBoundaries(ctx.db, counts.communes.map((c) => c.unitCode), counts.to),
    repo.listPorts(ctx.db, unitPath),
  ])
  const byCode = new Map(counts.communes.map((c) => [c.unitCode, c]))
  return {
    from: counts.from,
    to: counts.to,
    communes: {
      type: 'FeatureCollection' as const,
      features: boundaries.map((b) => {
        const c = byCode.get(b.code)
        return { type: 'Feature' as const, properties: { code: b.code, name: b.name, cases: c?.cases ?? 0, people: c?.people ?? 0, border: c?.border ?? false }, geometry: typeof b.geometry === 'string' ? JSON.parse(b.geometry) : b.geometry }
      }),
    },
    cases: {
      type: 'FeatureCollection' as const,
      features: cases.map((c) => ({
        type: 'Feature' as const,
        properties: { id: c.id, people: c.peopleCount, stage: c.stage, occurredAt: c.occurredAt, point: c.point, unitName: c.unitName },
        geometry: { type: 'Point' as const, coordinates: [c.lon!, c.lat!] },
      })),
    },
    ports: {
      type: 'FeatureCollection' as const,
      features: ports
        .filter((p) => p.lon !== null && p.lat !== null)
        .map((p) => ({ type: 'Feature' as const, properties: { id: p.id, name: p.name, kind: p.kind }, geometry: { type: 'Point' as const, coordinates: [p.lon!, p.lat!] } })),
    },
  }
}

export async function listHeads(ctx: Ctx, f: { unitCode?: string | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'entry:read')
  const unitPath = f.unitCode ? (await unitWithin(ctx, f.unitCode)).path : ctx.access.unitPath
  return { heads: await repo.listHeads(ctx.db, ctx.access, { unitPath, limit: f.limit, offset: f.offset }) }
}

/** What the public forms need: the province's communes and ports, the provinces, the zones in force today. Nothing personal. */
export async function publicOptions(ctx: Ctx, provinceCode: string) {
  const day = today(ctx)
  const province = await getUnit(ctx, provinceCode)
  const [communes, provinces, ports, zones] = await Promise.all([
    repo.communesOf(ctx.db, province.id),
    repo.provincesOf(ctx.db, province.period),
    repo.listPorts(ctx.db, province.path),
    repo.zonesOwnedInForce(ctx.db, province.id, day),
  ])
  return { province: { code: province.code, name: province.name }, communes, provinces, ports: ports.filter((p) => p.active).map((p) => ({ id: p.id, name: p.name, kind: p.kind })), zones }
}
