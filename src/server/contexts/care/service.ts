import { createHash, randomBytes } from 'node:crypto'
import {
  type BedKind,
  type CheckSymptom,
  type DischargeOutcome,
  type EscalationResolution,
  type FacilityKind,
  type FacilityStatus,
  STATION_KINDS,
  type Tier,
} from '../../../domain/care/codes.ts'
import {
  ageOn,
  checkSigns,
  type Eligibility,
  eligibility,
  type HomeCareRule,
  type PatientFacts,
  releaseCheck,
  ruleInForce,
  shiftDay,
  type Warning,
} from '../../../domain/care/rules.ts'
import { SOURCE_CLASSIFICATIONS, type Severity } from '../../../domain/surveillance/codes.ts'
import { formatVnDate, vnDate, vnTime } from '../../../domain/text/dates.ts'
import { type Ctx, auditEvent, auditRead, inTransaction, isWithin, requirePermission, today } from '../../platform/context.ts'
import { AppError, badRequest, conflict, notFound, outsideJurisdiction } from '../../platform/errors.ts'
import { updateCase } from '../surveillance/cases/service.ts'
import { getUnit } from '../units/service.ts'
import * as repo from './repo.ts'

// --- Shared steps ---------------------------------------------------------------------------

/** The path of the area a request covers: a unit inside the caller's jurisdiction, or the jurisdiction. */
async function areaPathOf(ctx: Ctx, unitCode: string | undefined): Promise<string> {
  if (!unitCode) return ctx.access.unitPath
  const unit = await getUnit(ctx, unitCode)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return unit.path
}

/** The caller's province (the first unit of their path): where a transfer may send a patient. */
function provincePath(ctx: Ctx): string {
  const first = ctx.access.unitPath.split('/').filter(Boolean)[0]
  return first ? `/${first}/` : '/'
}

function notAfterToday(ctx: Ctx, day: string, what: string): void {
  if (day > today(ctx)) throw badRequest('DATE_IN_FUTURE', `${what} (${formatVnDate(day)}) ở sau hôm nay (${formatVnDate(today(ctx))}).`)
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
const newToken = () => randomBytes(32).toString('base64url')

/**
 * Records how a case ended when its patient leaves care. The case is changed through the
 * surveillance service (degrees and clusters follow) for the stay's person: the caller was allowed
 * to record the discharge, so the case is reached within that person's area; the audit entry of
 * the change names the caller.
 */
async function recordCaseOutcome(
  tx: Ctx,
  caseId: number | null,
  personPath: string,
  outcome: 'recovered' | 'died' | 'transferred',
  day: string,
  transferredTo: string | null = null,
): Promise<void> {
  if (caseId === null) return
  await updateCase({ ...tx, access: { ...tx.access, unitPath: personPath } }, caseId, { outcome, outcomeDate: day, transferredTo })
}

// --- Rules ----------------------------------------------------------------------------------

export type RuleView = repo.RuleRow

export async function listRules(ctx: Ctx): Promise<{ rules: RuleView[] }> {
  requirePermission(ctx.access, 'care:read')
  return { rules: await repo.listRules(ctx.db, ctx.access) }
}

export type RuleInput = Omit<HomeCareRule, 'id' | 'unitCode'> & { unitCode: string }

/** A province's (or a smaller unit's) own dated variant of the home-care rule. */
export async function createRule(ctx: Ctx, input: RuleInput): Promise<RuleView> {
  requirePermission(ctx.access, 'care:rules')
  const unit = await getUnit(ctx, input.unitCode)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  const { unitCode: _unit, ...rule } = input
  return inTransaction(ctx, async (tx) => {
    const id = await repo.insertRule(tx.db, unit.id, rule)
    return (await repo.listRules(tx.db, tx.access)).find((r) => r.id === id)!
  })
}

/** The rule in force on `day` for a place, or a clear refusal. */
async function ruleFor(ctx: Ctx, path: string, day: string): Promise<repo.RuleRow> {
  const rule = ruleInForce(await repo.rulesForPlace(ctx.db, path), day)
  if (!rule) throw badRequest('NO_RULE', `Chưa có quy định theo dõi F0 tại nhà nào có hiệu lực ngày ${formatVnDate(day)}.`)
  return rule
}

const ruleSummary = (r: repo.RuleRow) => ({ id: r.id, name: r.name, validFrom: r.validFrom, unitCode: r.unitCode, source: r.source, confidence: r.confidence })

export interface EligibilityView extends Eligibility {
  rule: ReturnType<typeof ruleSummary> & { eligibilitySource: string; eligibilityConfidence: string }
}

/** Checks facts against the rule in force on a day for a place (nothing is written). */
export async function checkEligibility(ctx: Ctx, q: { unitCode?: string | undefined; date?: string | undefined; facts: PatientFacts }): Promise<EligibilityView> {
  requirePermission(ctx.access, 'care:read')
  const path = await areaPathOf(ctx, q.unitCode)
  const day = q.date ?? today(ctx)
  const rule = await ruleFor(ctx, path, day)
  const result = eligibility(rule, q.facts, day)
  // Nothing is written; the check itself is traceable (the rule and the answer, no person).
  await auditEvent(ctx, 'check', 'care_eligibility', { ruleId: rule.id, day, eligible: result.eligible, reasons: result.reasons })
  return { rule: { ...ruleSummary(rule), eligibilitySource: rule.eligibility.source, eligibilityConfidence: rule.eligibility.confidence }, ...result }
}

// --- Facilities -----------------------------------------------------------------------------

export interface FacilityInput {
  name: string
  tier: Tier
  kind: FacilityKind
  unitCode: string
  address?: string | null | undefined
  lat?: number | null | undefined
  lon?: number | null | undefined
  bedsRegular?: number | undefined
  bedsOxygen?: number | undefined
  bedsIcu?: number | undefined
  bedsVentilator?: number | undefined
  staffDoctors?: number | undefined
  staffNurses?: number | undefined
  staffOther?: number | undefined
  oxygenTankM3?: number | null | undefined
  oxygenCylinders?: number | undefined
  oxygenConcentrators?: number | undefined
  managerName?: string | null | undefined
  phone?: string | null | undefined
  status?: FacilityStatus | undefined
  note?: string | null | undefined
}

const BED_COLUMNS: Record<BedKind, 'bedsRegular' | 'bedsOxygen' | 'bedsIcu' | 'bedsVentilator'> = {
  regular: 'bedsRegular',
  oxygen: 'bedsOxygen',
  icu: 'bedsIcu',
  ventilator: 'bedsVentilator',
}

export type FacilityView = Omit<repo.FacilityRow, 'oxygenTankM3'> & { oxygenTankM3: number | null; beds: Record<BedKind, number> }

function presentFacility(f: repo.FacilityRow): FacilityView {
  return {
    ...f,
    oxygenTankM3: f.oxygenTankM3 === null ? null : Number(f.oxygenTankM3),
    beds: { regular: f.bedsRegular, oxygen: f.bedsOxygen, icu: f.bedsIcu, ventilator: f.bedsVentilator },
    occupied: Object.fromEntries(Object.entries(f.occupied).map(([k, v]) => [k, Number(v)])) as FacilityView['occupied'],
    homePatients: Number(f.homePatients),
  }
}

function checkStationTier(kind: FacilityKind | undefined, tier: number | undefined): void {
  if (kind && STATION_KINDS.includes(kind) && tier !== undefined && tier !== 1) {
    throw badRequest('STATION_TIER', 'Trạm y tế xã, phường và trạm y tế lưu động thuộc tầng 1.')
  }
}

export async function createFacility(ctx: Ctx, input: FacilityInput): Promise<FacilityView> {
  requirePermission(ctx.access, 'care:write')
  checkStationTier(input.kind, input.tier)
  const unit = await getUnit(ctx, input.unitCode)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  const { unitCode: _code, ...fields } = input
  return inTransaction(ctx, async (tx) => {
    const id = await repo.insertFacility(tx.db, { ...fields, unitId: unit.id, unitPath: unit.path })
    return presentFacility((await repo.findFacility(tx.db, tx.access, id))!)
  })
}

export async function updateFacility(ctx: Ctx, id: number, input: Partial<FacilityInput>): Promise<FacilityView> {
  requirePermission(ctx.access, 'care:write')
  return inTransaction(ctx, async (tx) => {
    const current = await repo.findFacility(tx.db, tx.access, id)
    if (!current) throw notFound(`cơ sở điều trị #${id}`)
    checkStationTier((input.kind ?? current.kind) as FacilityKind, input.tier ?? current.tier)
    const { unitCode, ...fields } = input
    const moved: { unitId?: string; unitPath?: string } = {}
    if (unitCode) {
      const unit = await getUnit(tx, unitCode)
      if (!isWithin(tx.access, unit.path)) throw outsideJurisdiction()
      moved.unitId = unit.id
      moved.unitPath = unit.path
    }
    // Fewer beds than patients lying in them is refused (move or discharge them first).
    for (const [kind, column] of Object.entries(BED_COLUMNS) as [BedKind, (typeof BED_COLUMNS)[BedKind]][]) {
      const beds = fields[column]
      const occupied = Number(current.occupied[kind])
      if (beds !== undefined && beds < occupied) {
        throw badRequest('BEDS_BELOW_OCCUPIED', `Cơ sở đang có ${occupied} người nằm ${kindText(kind)}: không giảm số giường xuống ${beds} được.`)
      }
    }
    await repo.updateFacility(tx.db, id, { ...fields, ...moved })
    return presentFacility((await repo.findFacility(tx.db, tx.access, id))!)
  })
}

const KIND_TEXT: Record<BedKind, string> = { regular: 'giường thường', oxygen: 'giường có oxy', icu: 'giường hồi sức', ventilator: 'giường có máy thở' }
const kindText = (k: BedKind) => KIND_TEXT[k]

export async function listFacilities(ctx: Ctx, q: { unitCode?: string | undefined; tier?: number | undefined; kind?: string | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'care:read')
  const areaPath = await areaPathOf(ctx, q.unitCode)
  const rows = await repo.listFacilities(ctx.db, ctx.access, { ...q, areaPath })
  return { facilities: rows.map(presentFacility) }
}

export type AdmissionView = repo.AdmissionRow

export async function getFacility(ctx: Ctx, id: number, q: { status?: string | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'care:read')
  const f = await repo.findFacility(ctx.db, ctx.access, id)
  if (!f) throw notFound(`cơ sở điều trị #${id}`)
  const admissions = await repo.listAdmissions(ctx.db, ctx.access, { facilityId: id, status: q.status ?? 'active', limit: q.limit, offset: q.offset })
  await auditRead(ctx, 'care_admissions', admissions.map((a) => ({ id: a.id })), { facilityId: id })
  return { facility: presentFacility(f), admissions }
}

// --- Admissions -----------------------------------------------------------------------------

/** The person a write names (by person or by case), inside the caller's jurisdiction, with their case. */
async function personFor(ctx: Ctx, ids: { personId?: number | undefined; caseId?: number | undefined }): Promise<repo.PersonWithCase> {
  let personId = ids.personId
  if (ids.caseId !== undefined) {
    const ofCase = await repo.personOfCase(ctx.db, ctx.access, ids.caseId)
    if (ofCase === null) throw notFound(`ca bệnh #${ids.caseId}`)
    if (personId !== undefined && personId !== ofCase) throw badRequest('CASE_PERSON_MISMATCH', `Ca bệnh #${ids.caseId} không phải của người #${personId}.`)
    personId = ofCase
  }
  if (personId === undefined) throw badRequest('PERSON_REQUIRED', 'Hãy chọn người bệnh (mã người hoặc mã ca bệnh).')
  const p = await repo.personInArea(ctx.db, ctx.access, personId)
  if (!p) throw notFound(`người #${personId}`)
  return p
}

/** Takes a bed of `kind` at a facility, refusing a closed facility, a kind it has none of, or a full one. */
async function takeBed(tx: Ctx, f: repo.FacilityRow, kind: BedKind): Promise<void> {
  if (f.status === 'closed') throw conflict('FACILITY_CLOSED', `${f.name} đã đóng, không nhận người bệnh.`)
  const beds = f[BED_COLUMNS[kind]]
  if (beds === 0) throw badRequest('NO_SUCH_BEDS', `${f.name} không có ${kindText(kind)}.`)
  await repo.lockFacilityRow(tx.db, f.id)
  const taken = await repo.activeCount(tx.db, f.id, kind)
  if (taken >= beds) throw conflict('BEDS_FULL', `${f.name} đã hết ${kindText(kind)} (${taken}/${beds}).`)
}

/** A new active stay at a facility, on a bed of `kind` from `day` (after the stay `from`, for a transfer). */
function newStay(f: repo.FacilityRow, kind: BedKind, day: string, from: number | null) {
  return {
    facilityId: f.id,
    facilityPath: f.unitPath,
    tier: f.tier,
    bedKind: kind,
    admittedOn: day,
    endedOn: null,
    outcome: null,
    transferredTo: null,
    fromAdmissionId: from,
    nextAdmissionId: null,
  }
}

export interface AdmitInput {
  facilityId: number
  personId?: number | undefined
  caseId?: number | undefined
  bedKind: BedKind
  severity?: Severity | null | undefined
  admittedOn?: string | undefined
  note?: string | null | undefined
}

/**
 * Admits a person (by person or case) to a facility of the caller's jurisdiction, on a bed of a
 * kind it has free. An F0 cared for at home ends home care as admitted, the same day.
 */
export async function admit(ctx: Ctx, input: AdmitInput): Promise<AdmissionView> {
  requirePermission(ctx.access, 'care:write')
  const day = input.admittedOn ?? today(ctx)
  notAfterToday(ctx, day, 'Ngày nhập viện')
  return inTransaction(ctx, async (tx) => {
    const person = await personFor(tx, input)
    const f = await repo.findFacility(tx.db, tx.access, input.facilityId)
    if (!f) throw notFound(`cơ sở điều trị #${input.facilityId}`)
    const current = await repo.activeAdmissionOf(tx.db, person.id)
    if (current) throw conflict('ALREADY_ADMITTED', `${person.fullName} đang điều trị tại một cơ sở (lượt #${current.id}): hãy chuyển tầng hoặc cho ra viện trước.`)
    await takeBed(tx, f, input.bedKind)
    const id = await repo.insertAdmission(tx.db, {
      ...newStay(f, input.bedKind, day, null),
      personId: person.id,
      caseId: person.caseId,
      severity: input.severity ?? person.severity ?? null,
      note: input.note ?? null,
    })
    const home = await repo.activeHomeOf(tx.db, person.id)
    if (home) {
      await repo.endHome(tx.db, home.id, 'admitted', day)
      await closeOpenTask(tx, home.id, 'admitted', `Đã nhập ${f.name} ngày ${formatVnDate(day)}.`)
    }
    return (await repo.findAdmission(tx.db, tx.access, id))!
  })
}

async function activeStay(tx: Ctx, id: number) {
  const a = await repo.lockAdmission(tx.db, tx.access, id)
  if (!a) throw notFound(`lượt điều trị #${id}`)
  if (a.status !== 'active') throw conflict('ADMISSION_ENDED', `Lượt điều trị #${id} đã kết thúc (${formatVnDate(a.endedOn)}).`)
  return a
}

function endDay(ctx: Ctx, a: { admittedOn: string }, day: string, what: string): void {
  notAfterToday(ctx, day, what)
  if (day < a.admittedOn) throw badRequest('DATE_BEFORE_ADMISSION', `${what} (${formatVnDate(day)}) ở trước ngày nhập viện (${formatVnDate(a.admittedOn)}).`)
}

export interface TransferInput {
  facilityId: number
  bedKind: BedKind
  on?: string | undefined
  severity?: Severity | null | undefined
  note?: string | null | undefined
}

/** Moves a patient to another tier, facility or kind of bed (any facility of the caller's province). */
export async function transfer(ctx: Ctx, id: number, input: TransferInput): Promise<AdmissionView> {
  requirePermission(ctx.access, 'care:write')
  const day = input.on ?? today(ctx)
  return inTransaction(ctx, async (tx) => {
    const a = await activeStay(tx, id)
    endDay(tx, a, day, 'Ngày chuyển')
    const f = await repo.findFacilityUnder(tx.db, provincePath(tx), input.facilityId)
    if (!f) throw notFound(`cơ sở điều trị #${input.facilityId}`)
    if (f.id === a.facilityId && input.bedKind === a.bedKind) throw badRequest('SAME_BED', 'Người bệnh đang nằm đúng loại giường này ở cơ sở này.')
    await repo.endAdmission(tx.db, a.id, { status: 'transferred', endedOn: day, note: input.note ?? null })
    await takeBed(tx, f, input.bedKind)
    const next = await repo.insertAdmission(tx.db, {
      ...newStay(f, input.bedKind, day, a.id),
      personId: a.personId,
      caseId: a.caseId,
      severity: input.severity ?? a.severity,
      note: input.note ?? null,
    })
    await repo.linkTransfer(tx.db, a.id, next)
    // The new stay may be at a facility outside the caller's area: it is answered with the old one's visibility.
    return (await repo.findAdmission(tx.db, { ...tx.access, unitPath: provincePath(tx) }, next))!
  })
}

export interface DischargeInput {
  on?: string | undefined
  outcome: DischargeOutcome
  transferredTo?: string | null | undefined
  note?: string | null | undefined
}

/** Ends a stay: recovered, back home for home care, to another province, or death; the case's outcome follows. */
export async function discharge(ctx: Ctx, id: number, input: DischargeInput): Promise<AdmissionView> {
  requirePermission(ctx.access, 'care:write')
  const day = input.on ?? today(ctx)
  if (input.outcome === 'transferred_out' && !input.transferredTo?.trim()) throw badRequest('TRANSFERRED_TO_REQUIRED', 'Chuyển tỉnh khác thì ghi nơi chuyển đến.')
  if (input.outcome !== 'transferred_out' && input.transferredTo) throw badRequest('TRANSFERRED_TO_UNEXPECTED', 'Nơi chuyển đến chỉ ghi khi chuyển tỉnh khác.')
  return inTransaction(ctx, async (tx) => {
    const a = await activeStay(tx, id)
    endDay(tx, a, day, input.outcome === 'died' ? 'Ngày tử vong' : 'Ngày ra viện')
    await repo.endAdmission(tx.db, a.id, {
      status: input.outcome === 'died' ? 'died' : 'discharged',
      endedOn: day,
      outcome: input.outcome,
      transferredTo: input.transferredTo ?? null,
      note: input.note ?? null,
    })
    if (input.outcome === 'recovered') await recordCaseOutcome(tx, a.caseId, a.unitPath, 'recovered', day)
    if (input.outcome === 'died') await recordCaseOutcome(tx, a.caseId, a.unitPath, 'died', day)
    if (input.outcome === 'transferred_out') await recordCaseOutcome(tx, a.caseId, a.unitPath, 'transferred', day, input.transferredTo!.trim())
    return (await repo.findAdmission(tx.db, tx.access, a.id))!
  })
}

export async function listAdmissions(ctx: Ctx, q: { unitCode?: string | undefined; facilityId?: number | undefined; status?: string | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'care:read')
  const areaPath = q.unitCode ? await areaPathOf(ctx, q.unitCode) : undefined
  const admissions = await repo.listAdmissions(ctx.db, ctx.access, { ...q, areaPath })
  await auditRead(ctx, 'care_admissions', admissions.map((a) => ({ id: a.id })))
  return { admissions }
}

// --- Capacity -------------------------------------------------------------------------------

export interface CapacityView {
  unit: { code: string; name: string }
  /** Per tier and bed kind: beds of the open facilities and the patients lying in them. */
  capacity: { tier: number; kind: BedKind; beds: number; occupied: number }[]
  /** F0 cared for at home by the stations of the unit (tier 1, no beds). */
  homeCare: number
  population: number | null
  /** Free beds (all kinds) per 100,000 people of the unit. */
  freePer100k: number | null
}

async function unitOf(ctx: Ctx, unitCode: string | undefined) {
  const unit = await getUnit(ctx, unitCode ?? ctx.access.unitPath.split('/').filter(Boolean).at(-1)?.split(':')[1] ?? '')
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return unit
}

const per100k = (n: number, population: number | null) => (population ? Math.round((n / population) * 1_000_000) / 10 : null)

/** Beds and occupancy of the tower of a unit, per tier and bed kind (aggregated in SQL). */
export async function capacityOf(ctx: Ctx, q: { unit?: string | undefined }): Promise<CapacityView> {
  requirePermission(ctx.access, 'care:read')
  const unit = await unitOf(ctx, q.unit)
  const [capacity, homeCare, population] = [
    await repo.capacity(ctx.db, ctx.access, unit.path),
    await repo.homeCareActive(ctx.db, ctx.access, unit.path),
    await repo.populationOf(ctx.db, unit.id),
  ]
  const free = capacity.reduce((s, r) => s + Math.max(0, r.beds - r.occupied), 0)
  return { unit: { code: unit.code, name: unit.name }, capacity, homeCare, population, freePer100k: per100k(free, population) }
}

/** Free beds per 100,000 people by commune of a unit (populations from the unit registry). */
export async function capacityByUnit(ctx: Ctx, q: { unit?: string | undefined }) {
  requirePermission(ctx.access, 'care:read')
  const unit = await unitOf(ctx, q.unit)
  const rows = await repo.capacityByCommune(ctx.db, ctx.access, unit.path)
  return {
    unit: { code: unit.code, name: unit.name },
    units: rows.map((r) => {
      const free = Math.max(0, r.beds - r.occupied)
      return { ...r, free, freePer100k: per100k(free, r.population) }
    }),
  }
}

/** What the care context tells the weekly level assessment about each commune of an area. */
export interface CareLevelsFigures {
  /** Whether the province's treatment tower is recorded at all: without it, the figures below say nothing. */
  recorded: boolean
  /** People of the commune in an oxygen, ICU or ventilator bed during the week and the week before (absent: none). */
  oxygen: Map<string, { oxygenPatients7d: number; oxygenPatientsPrev7d: number }>
  /** Per commune, the beds of the unit serving it (its parent) on the day, when that unit has facilities in the caller's jurisdiction. */
  beds: Map<string, { servingId: string; facilities: number; free: number; freeBedsPer100k: number | null; icuFree: number }>
  /** Open commune health and mobile stations of the commune, and those with oxygen on hand. */
  stations: Map<string, { stations: number; withOxygen: number }>
}

/**
 * The care figures of the weekly level assessment for every commune of an area at once (three
 * statements whatever the number of communes): oxygen patients among its residents, the free
 * beds and free ICU beds of the unit serving it on `day`, and its stations.
 */
export async function levelsFigures(ctx: Ctx, area: { path: string }, weekStart: string, day: string): Promise<CareLevelsFigures> {
  requirePermission(ctx.access, 'care:read')
  const province = `/${area.path.split('/').filter(Boolean)[0] ?? ''}/`
  const recorded = await repo.anyFacilityUnder(ctx.db, province)
  if (!recorded) return { recorded, oxygen: new Map(), beds: new Map(), stations: new Map() }
  const oxygen = await repo.oxygenPatientsByCommune(ctx.db, ctx.access, area.path, weekStart)
  const beds = await repo.servingBedsByCommune(ctx.db, ctx.access, area.path, day)
  const stations = await repo.stationsByCommune(ctx.db, ctx.access, area.path)
  return {
    recorded,
    oxygen: new Map(oxygen.map(({ unitId, ...r }) => [unitId, r])),
    beds: new Map(
      beds
        .filter((b) => b.facilities > 0)
        .map((b) => {
          const free = Math.max(0, b.beds - b.occupied)
          return [b.unitId, { servingId: b.servingId, facilities: b.facilities, free, freeBedsPer100k: per100k(free, b.population), icuFree: Math.max(0, b.icuBeds - b.icuOccupied) }]
        }),
    ),
    stations: new Map(stations.map(({ unitId, ...r }) => [unitId, r])),
  }
}

/** Admissions, transfers, discharges and deaths between two days at the facilities of a unit; home care begun and ended. */
export async function flowsOf(ctx: Ctx, q: { unit?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  requirePermission(ctx.access, 'care:read')
  const unit = await unitOf(ctx, q.unit)
  const to = q.to ?? today(ctx)
  const from = q.from ?? shiftDay(to, -6)
  if (from > to) throw badRequest('RANGE_REVERSED', `Từ ngày (${formatVnDate(from)}) ở sau đến ngày (${formatVnDate(to)}).`)
  return { unit: { code: unit.code, name: unit.name }, from, to, ...(await repo.flows(ctx.db, ctx.access, unit.path, from, to)) }
}

// --- F0 at home -----------------------------------------------------------------------------

export type FactsInput = Omit<PatientFacts, 'ageYears' | 'severity'> & { ageYears?: number | null | undefined; severity?: Severity | null | undefined }

export interface EnrolInput {
  personId?: number | undefined
  caseId?: number | undefined
  stationId: number
  startedOn?: string | undefined
  positiveOn?: string | undefined
  facts: FactsInput
  note?: string | null | undefined
}

export type HomeView = repo.HomeRow

export interface EnrolView {
  patient: HomeView
  eligibility: EligibilityView
  /** The personal link's token, shown once: the patient's daily-check form is /theo-doi/<token>. */
  token: string
}

/**
 * Enrols an F0 for care at home: the eligibility rule in force on the start day for the person's
 * place is checked (refused with every reason), a commune health station or mobile medical station
 * of the caller's jurisdiction takes them on, and a personal link is made for their daily checks.
 */
export async function enrolHome(ctx: Ctx, input: EnrolInput): Promise<EnrolView> {
  requirePermission(ctx.access, 'care:write')
  const startedOn = input.startedOn ?? today(ctx)
  notAfterToday(ctx, startedOn, 'Ngày bắt đầu theo dõi')
  const token = newToken()
  return inTransaction(ctx, async (tx) => {
    const person = await personFor(tx, input)
    if (person.caseId === null || !SOURCE_CLASSIFICATIONS.includes(person.classification!)) {
      throw badRequest('NOT_A_CASE', `${person.fullName} chưa là F0 (ca xác định hoặc có thể): chỉ F0 mới được theo dõi điều trị tại nhà.`)
    }
    const station = await repo.findFacility(tx.db, tx.access, input.stationId)
    if (!station) throw notFound(`trạm y tế #${input.stationId}`)
    if (!STATION_KINDS.includes(station.kind as FacilityKind)) throw badRequest('NOT_A_STATION', `${station.name} không phải trạm y tế xã, phường hay trạm y tế lưu động.`)
    if (station.status === 'closed') throw conflict('FACILITY_CLOSED', `${station.name} đã ngừng hoạt động.`)
    if (await repo.activeHomeOf(tx.db, person.id)) throw conflict('ALREADY_AT_HOME', `${person.fullName} đang được theo dõi tại nhà.`)
    const stay = await repo.activeAdmissionOf(tx.db, person.id)
    if (stay) throw conflict('ALREADY_ADMITTED', `${person.fullName} đang điều trị tại một cơ sở (lượt #${stay.id}): cho ra viện về theo dõi tại nhà trước.`)
    const positiveOn = input.positiveOn ?? person.sampleDate ?? person.confirmedDate ?? startedOn
    if (positiveOn > startedOn) throw badRequest('POSITIVE_AFTER_START', `Ngày dương tính (${formatVnDate(positiveOn)}) ở sau ngày bắt đầu theo dõi (${formatVnDate(startedOn)}).`)
    const rule = await ruleFor(tx, person.unitPath, startedOn)
    const facts: PatientFacts = {
      ...input.facts,
      ageYears: input.facts.ageYears ?? ageOn(person, startedOn),
      severity: input.facts.severity ?? person.severity ?? null,
    }
    const result = eligibility(rule, facts, startedOn)
    const view: EligibilityView = { rule: { ...ruleSummary(rule), eligibilitySource: rule.eligibility.source, eligibilityConfidence: rule.eligibility.confidence }, ...result }
    if (!result.eligible) {
      throw new AppError(422, 'NOT_ELIGIBLE', `Không đủ điều kiện theo dõi tại nhà theo ${rule.name}: ${result.reasons.join(' ')}`, view)
    }
    const id = await repo.insertHome(tx.db, {
      personId: person.id,
      caseId: person.caseId,
      stationId: station.id,
      stationPath: station.unitPath,
      ruleId: rule.id,
      facts,
      grounds: result.grounds,
      ageYears: facts.ageYears,
      fullyVaccinated: facts.vaccineDoses >= 2,
      positiveOn,
      startedOn,
      linkHash: hashToken(token),
      note: input.note ?? null,
    })
    return { patient: (await repo.findHome(tx.db, tx.access, id))!, eligibility: view, token }
  })
}

export async function listHome(ctx: Ctx, q: { unitCode?: string | undefined; status?: string | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'care:read')
  const areaPath = await areaPathOf(ctx, q.unitCode)
  const patients = await repo.listHome(ctx.db, ctx.access, { ...q, areaPath })
  await auditRead(ctx, 'care_home_patients', patients.map((p) => ({ id: p.id })))
  return { patients }
}

export async function getHome(ctx: Ctx, id: number) {
  requirePermission(ctx.access, 'care:read')
  const patient = await repo.findHome(ctx.db, ctx.access, id)
  if (!patient) throw notFound(`F0 theo dõi tại nhà #${id}`)
  const checks = await repo.checksOf(ctx.db, id)
  const escalations = await repo.escalationsOfPatient(ctx.db, ctx.access, id)
  const rule = await ruleFor(ctx, patient.unitPath, patient.endedOn ?? today(ctx))
  await auditRead(ctx, 'care_home_patients', [{ id, unitPath: patient.unitPath }])
  return {
    patient,
    checks: checks.map((c) => ({ ...c, temperature: c.temperature === null ? null : Number(c.temperature) })),
    escalations: escalations.map((e) => ({ ...e, overdue: e.status === 'open' && new Date(e.dueAt).getTime() < ctx.now().getTime() })),
    rule: { ...ruleSummary(rule), release: rule.release, warnings: rule.warnings },
  }
}

export interface CheckInput {
  spo2?: number | null | undefined
  respiratoryRate?: number | null | undefined
  pulse?: number | null | undefined
  temperature?: number | null | undefined
  systolic?: number | null | undefined
  diastolic?: number | null | undefined
  symptoms?: CheckSymptom[] | undefined
  note?: string | null | undefined
}

export interface CheckResult {
  checkId: number
  warnings: Warning[]
  /** The escalation task a warning opened (or the one already open). */
  escalation: { id: number; created: boolean; dueAt: Date } | null
}

/**
 * Records a daily check, reads its warning signs by the rule in force that day for the patient's
 * place, and on a warning opens the commune's escalation task with the rule's deadline (one open
 * task per patient; later warnings are recorded on their checks).
 */
async function recordCheck(
  tx: Ctx,
  p: { id: number; unitPath: string; stationPath: string; ageYears: number | null },
  input: CheckInput,
  by: { userId: number | null; byPatient: boolean },
): Promise<CheckResult> {
  const now = tx.now()
  const day = vnDate(now)
  const rule = await ruleFor(tx, p.unitPath, day)
  const values = {
    spo2: input.spo2 ?? null,
    respiratoryRate: input.respiratoryRate ?? null,
    pulse: input.pulse ?? null,
    temperature: input.temperature ?? null,
    systolic: input.systolic ?? null,
    diastolic: input.diastolic ?? null,
    symptoms: [...new Set(input.symptoms ?? [])],
  }
  if (Object.values(values).every((v) => v === null || (Array.isArray(v) && v.length === 0)) && !input.note) {
    throw badRequest('CHECK_EMPTY', 'Hãy nhập ít nhất một chỉ số (SpO2, nhịp thở, nhiệt độ…) hoặc triệu chứng.')
  }
  const warnings = checkSigns(rule, { ...values, ageYears: p.ageYears })
  const checkId = await repo.insertCheck(tx.db, { patientId: p.id, checkedAt: now, checkedOn: day, ...values, byPatient: by.byPatient, checkedBy: by.userId, warnings, note: input.note ?? null })
  if (warnings.length === 0) return { checkId, warnings, escalation: null }
  const dueAt = new Date(now.getTime() + rule.warnings.escalationHours * 3600_000)
  const opened = await repo.openEscalation(tx.db, { patientId: p.id, checkId, unitPath: p.unitPath, stationPath: p.stationPath, warnings, openedAt: now, dueAt })
  return { checkId, warnings, escalation: { ...opened, dueAt } }
}

async function activeHome(tx: Ctx, id: number) {
  const p = await repo.lockHome(tx.db, tx.access, id)
  if (!p) throw notFound(`F0 theo dõi tại nhà #${id}`)
  if (p.status !== 'active') throw conflict('HOME_CARE_ENDED', `Việc theo dõi tại nhà của ${p.fullName} đã kết thúc (${formatVnDate(p.endedOn)}).`)
  return p
}

/** A daily check entered by the station. */
export async function addCheck(ctx: Ctx, id: number, input: CheckInput): Promise<CheckResult> {
  requirePermission(ctx.access, 'care:write')
  return inTransaction(ctx, async (tx) => recordCheck(tx, await activeHome(tx, id), input, { userId: tx.access.userId, byPatient: false }))
}

/** A new personal link (the old one stops working). */
export async function issueLink(ctx: Ctx, id: number): Promise<{ token: string }> {
  requirePermission(ctx.access, 'care:write')
  const token = newToken()
  return inTransaction(ctx, async (tx) => {
    await activeHome(tx, id)
    await repo.setLink(tx.db, id, hashToken(token))
    return { token }
  })
}

export interface ReleaseInput {
  on?: string | undefined
  negativeTestOn?: string | null | undefined
  negativeTestMethod?: 'antigen' | 'pcr' | null | undefined
  /** Close the patient's open escalation task in the same action (in the caller's name); without it an open task refuses the release. */
  closeOpenTask?: boolean | undefined
  /** How the task was dealt with, kept on the closed task. */
  taskNote?: string | null | undefined
}

/**
 * Ends home isolation by the rule in force on the day: enough days and a negative test (given, or
 * the person's latest recorded negative test), or the longer stay without one; the case recovers.
 */
export async function releaseHome(ctx: Ctx, id: number, input: ReleaseInput) {
  requirePermission(ctx.access, 'care:write')
  const day = input.on ?? today(ctx)
  notAfterToday(ctx, day, 'Ngày kết thúc cách ly')
  return inTransaction(ctx, async (tx) => {
    const p = await activeHome(tx, id)
    if (day < p.startedOn) throw badRequest('DATE_BEFORE_START', `Ngày kết thúc (${formatVnDate(day)}) ở trước ngày bắt đầu theo dõi (${formatVnDate(p.startedOn)}).`)
    // A warning sign nobody has dealt with holds the release, unless the caller closes the task now.
    const openTask = await repo.openEscalationOf(tx.db, id)
    if (openTask !== null && !input.closeOpenTask) {
      const task = (await repo.findEscalation(tx.db, tx.access, openTask))!
      const signs = (task.warnings as { text: string }[]).map((w) => w.text).join('; ')
      const openedAt = new Date(task.openedAt)
      throw new AppError(
        409,
        'OPEN_ESCALATION',
        `${p.fullName} còn việc cần xử lý #${task.id} chưa đóng (dấu hiệu cảnh báo lúc ${vnTime(openedAt)} ngày ${formatVnDate(vnDate(openedAt))}${signs ? `: ${signs}` : ''}). ` +
          'Hãy xử lý và đóng việc này trước, hoặc chọn đóng việc cùng lúc với kết thúc cách ly.',
        { escalationId: task.id },
      )
    }
    if (openTask !== null && tx.access.userId === null) throw badRequest('USER_REQUIRED', 'Việc cần xử lý phải do một người dùng đóng.')
    const rule = await ruleFor(tx, p.unitPath, day)
    const test = input.negativeTestOn
      ? { sampleDate: input.negativeTestOn, method: input.negativeTestMethod ?? 'antigen' }
      : ((await repo.latestNegativeTest(tx.db, p.personId, p.positiveOn)) ?? null)
    const result = releaseCheck(rule, { positiveOn: p.positiveOn, fullyVaccinated: p.fullyVaccinated, negativeTestOn: test?.sampleDate ?? null, negativeTestMethod: test?.method ?? null }, day)
    if (!result.releasable) {
      throw new AppError(409, 'NOT_RELEASABLE', `Chưa kết thúc cách ly được theo ${rule.name}: ${result.reasons.join(' ')}`, { rule: ruleSummary(rule), ...result })
    }
    await repo.endHome(tx.db, id, 'released', day)
    if (openTask !== null) await closeOpenTask(tx, id, 'other', input.taskNote?.trim() || `Đóng khi kết thúc cách ly tại nhà ngày ${formatVnDate(day)}.`)
    await recordCaseOutcome(tx, p.caseId, p.unitPath, 'recovered', day)
    return { patient: (await repo.findHome(tx.db, tx.access, id))!, rule: ruleSummary(rule), release: result }
  })
}

export interface HomeDeathInput {
  on?: string | undefined
  cause: string
  reportedBy: string
}

/**
 * A death at home of an F0 cared for at home, in one transaction: home care ends as died on the
 * day (the personal link stops working), the open escalation task is closed by the caller, and the
 * case's outcome becomes died through the surveillance service (so the deaths of the care flows and
 * of the levels assessment count it).
 */
export async function recordHomeDeath(ctx: Ctx, id: number, input: HomeDeathInput) {
  requirePermission(ctx.access, 'care:write')
  if (ctx.access.userId === null) throw badRequest('USER_REQUIRED', 'Tử vong phải do một người dùng ghi nhận.')
  const day = input.on ?? today(ctx)
  notAfterToday(ctx, day, 'Ngày tử vong')
  return inTransaction(ctx, async (tx) => {
    const p = await activeHome(tx, id)
    if (day < p.startedOn) throw badRequest('DATE_BEFORE_START', `Ngày tử vong (${formatVnDate(day)}) ở trước ngày bắt đầu theo dõi tại nhà (${formatVnDate(p.startedOn)}).`)
    await repo.recordHomeDeath(tx.db, id, { endedOn: day, cause: input.cause.trim(), reportedBy: input.reportedBy.trim() })
    await closeOpenTask(tx, id, 'other', `Người bệnh tử vong tại nhà ngày ${formatVnDate(day)}.`)
    await recordCaseOutcome(tx, p.caseId, p.unitPath, 'died', day)
    return { patient: (await repo.findHome(tx.db, tx.access, id))! }
  })
}

/**
 * Home care ended by an admission or a death: the patient's open escalation task is closed in the
 * caller's name with how it ended, so it leaves the commune's list.
 */
async function closeOpenTask(tx: Ctx, patientId: number, resolution: 'admitted' | 'other', note: string): Promise<void> {
  const open = await repo.openEscalationOf(tx.db, patientId)
  if (open === null || tx.access.userId === null) return
  await repo.closeEscalation(tx.db, open, { closedBy: tx.access.userId, closedAt: tx.now(), resolution, note })
}

// --- Escalations ----------------------------------------------------------------------------

export async function listEscalations(ctx: Ctx, q: { unitCode?: string | undefined; status?: 'open' | 'closed' | undefined; limit: number; offset: number }) {
  requirePermission(ctx.access, 'care:read')
  const areaPath = await areaPathOf(ctx, q.unitCode)
  const rows = await repo.listEscalations(ctx.db, ctx.access, { ...q, areaPath })
  await auditRead(ctx, 'care_escalations', rows.map((r) => ({ id: r.id })))
  const now = ctx.now().getTime()
  return { escalations: rows.map((r) => ({ ...r, overdue: r.status === 'open' && new Date(r.dueAt).getTime() < now })) }
}

/** Closes an escalation task, naming the user who closed it and how. */
export async function closeEscalation(ctx: Ctx, id: number, input: { resolution: EscalationResolution; note?: string | null | undefined }) {
  requirePermission(ctx.access, 'care:write')
  if (ctx.access.userId === null) throw badRequest('USER_REQUIRED', 'Việc cần xử lý phải do một người dùng đóng.')
  if (input.resolution === 'other' && !input.note?.trim()) throw badRequest('NOTE_REQUIRED', 'Chọn "Khác" thì ghi rõ đã xử lý thế nào.')
  return inTransaction(ctx, async (tx) => {
    const e = await repo.lockEscalation(tx.db, tx.access, id)
    if (!e) throw notFound(`việc cần xử lý #${id}`)
    if (e.status !== 'open') throw conflict('ESCALATION_CLOSED', `Việc #${id} đã được ${e.closedByName ?? 'người khác'} đóng.`)
    await repo.closeEscalation(tx.db, id, { closedBy: tx.access.userId!, closedAt: tx.now(), resolution: input.resolution, note: input.note?.trim() || null })
    return (await repo.findEscalation(tx.db, tx.access, id))!
  })
}

// --- The personal link (public) -------------------------------------------------------------

/** The link's patient, or a refusal that tells nothing about whether such a link ever existed. */
async function linkPatient(ctx: Ctx, token: string) {
  const p = await repo.homeByLink(ctx.db, hashToken(token))
  if (!p) throw new AppError(404, 'LINK_INVALID', 'Đường dẫn theo dõi không đúng hoặc đã hết hiệu lực. Hãy liên hệ trạm y tế để được cấp lại.')
  return p
}

/** Given name only: the last word of the name as written. */
const givenName = (fullName: string) => fullName.trim().split(/\s+/).at(-1) ?? ''

/** What the patient's form shows: the given name, the day of isolation, the station to call; nothing else. */
export async function linkInfo(ctx: Ctx, token: string) {
  const p = await linkPatient(ctx, token)
  const day = today(ctx)
  return {
    firstName: givenName(p.fullName),
    dayOfIsolation: Math.max(1, Math.round((Date.parse(day) - Date.parse(p.positiveOn)) / 86_400_000) + 1),
    stationName: p.stationName,
    stationPhone: p.stationPhone,
    checksToday: await repo.checksOnDay(ctx.db, p.id, day),
  }
}

/** A daily check sent by the patient through the personal link. */
export async function linkCheck(ctx: Ctx, token: string, input: CheckInput) {
  return inTransaction(ctx, async (tx) => {
    const p = await linkPatient(tx, token)
    const r = await recordCheck(tx, p, input, { userId: null, byPatient: true })
    return {
      ok: true as const,
      warnings: r.warnings.map((w) => w.text),
      message:
        r.warnings.length > 0
          ? `Chỉ số có dấu hiệu cần xử lý. ${p.stationName} đã được báo; nếu khó thở hãy gọi ngay${p.stationPhone ? ` ${p.stationPhone}` : ''} hoặc 115.`
          : 'Đã ghi nhận. Cảm ơn bạn, hãy tiếp tục theo dõi và nhập lần sau.',
    }
  })
}

/** The link's hash (rate limits count per link without keeping tokens in memory). */
export const linkKey = hashToken
