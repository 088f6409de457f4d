import { type CaseFacts, caseProblems } from '../../../../domain/surveillance/caseRules.ts'
import {
  type CaseClassification,
  type ExposureSetting,
  type F1Criterion,
  type FollowupStatus,
  type FoundBy,
  type Outcome,
  type Severity,
  SOURCE_CLASSIFICATIONS,
  type SourceKind,
  type Symptom,
} from '../../../../domain/surveillance/codes.ts'
import { formatVnDate } from '../../../../domain/text/dates.ts'
import { fold } from '../../../../domain/text/fold.ts'
import { type Ctx, auditRead, inTransaction, isWithin, requirePermission, today } from '../../../platform/context.ts'
import { AppError, badRequest, notFound, outsideJurisdiction } from '../../../platform/errors.ts'
import { enqueueJob } from '../../../platform/jobs.ts'
import { candidatesError, createPerson, findDuplicateCandidates, getPerson, type PersonInput, type PersonView } from '../../people/service.ts'
import { getUnitPath } from '../../units/service.ts'
import { clusterCasesChanged } from '../areas/service.ts'
import { degreePath, sweepCaseSources, syncCaseSources, updateDegrees } from '../degrees.ts'
import { foldChainLinks } from '../summary/repo.ts'
import * as followupRepo from './followupRepo.ts'
import * as lists from './listRepo.ts'
import * as repo from './repo.ts'

/** How a person outside the caller's jurisdiction is named. */
export const OUTSIDE_AREA = 'ngoài địa bàn'

export type NewPerson = PersonInput & { confirmedNew?: boolean | undefined }

// --- Shared steps ---------------------------------------------------------------------------

/** The path of the area a list covers: a unit inside the caller's jurisdiction, or the jurisdiction. */
export async function areaPathOf(ctx: Ctx, unitCode: string | undefined): Promise<string> {
  if (!unitCode) return ctx.access.unitPath
  const path = await getUnitPath(ctx, unitCode)
  if (!isWithin(ctx.access, path)) throw outsideJurisdiction()
  return path
}

/**
 * Possible duplicates of a person entered inline are shown before anything is written (their
 * reads audited outside the write's transaction), as the person form does.
 */
async function refuseCandidates(ctx: Ctx, person: NewPerson | undefined): Promise<void> {
  if (!person || person.confirmedNew) return
  const candidates = await findDuplicateCandidates(ctx, person)
  if (candidates.length > 0) throw candidatesError(candidates)
}

/** The person a write names: an existing one inside the jurisdiction, or a new one created in the transaction. */
async function personFor(tx: Ctx, personId: number | undefined, person: NewPerson | undefined, what = 'người'): Promise<{ id: number; unitPath: string }> {
  if (person) {
    const created = await createPerson(tx, { ...person, confirmedNew: true })
    const row = await repo.personInArea(tx.db, tx.access, created.id)
    return row!
  }
  if (personId === undefined) throw badRequest('PERSON_REQUIRED', 'Hãy chọn một người trong sổ hoặc nhập người mới.')
  const row = await repo.personInArea(tx.db, tx.access, personId)
  if (!row) throw notFound(`${what} #${personId}`)
  return row
}

/**
 * After cases changed: their source state and windows recomputed (the rule in force, the server's
 * today), then the degrees brought up to date, in the same transaction.
 */
async function afterCasesChanged(tx: Ctx, caseIds: number[], formerClusters: (number | null)[] = []): Promise<void> {
  const { gained, lost } = await syncCaseSources(tx.db, caseIds, today(tx))
  await updateDegrees(tx.db, { gainedSources: gained, lostSources: lost })
  // A cluster's first and last case and its status follow its cases (and the one a case left).
  const clusters = [...(await repo.clusterIdsOfCases(tx.db, caseIds)), ...formerClusters].filter((c): c is number => c !== null)
  if (clusters.length > 0) await clusterCasesChanged(tx, clusters)
}

/** A person who became a case is no longer followed up as a contact: the follow-up ends, its planned tests are cancelled. */
async function endFollowupAsCase(tx: Ctx, personId: number): Promise<void> {
  const closed = await followupRepo.closeActiveFollowup(tx.db, personId, 'became_case')
  if (closed !== null) await followupRepo.cancelPlannedTests(tx.db, personId, today(tx))
}

// --- Cases ----------------------------------------------------------------------------------

export interface CaseFields {
  code?: string | null | undefined
  classification?: CaseClassification | undefined
  onsetDate?: string | null | undefined
  sampleDate?: string | null | undefined
  confirmedDate?: string | null | undefined
  isolatedOn?: string | null | undefined
  foundBy?: FoundBy | null | undefined
  sourceKind?: SourceKind | undefined
  sourceCountry?: string | null | undefined
  sourceTravel?: string | null | undefined
  sourceCaseId?: number | null | undefined
  clusterId?: number | null | undefined
  infectionPlace?: string | null | undefined
  symptoms?: Symptom[] | undefined
  severity?: Severity | null | undefined
  outcome?: Outcome | null | undefined
  outcomeDate?: string | null | undefined
  transferredTo?: string | null | undefined
  isolationPlace?: string | null | undefined
  confirmingTestId?: number | null | undefined
}
type StoredFields = repo.CaseValues

const EMPTY_CASE: Omit<StoredFields, 'classification'> = {
  code: null,
  onsetDate: null,
  sampleDate: null,
  confirmedDate: null,
  isolatedOn: null,
  foundBy: null,
  sourceKind: 'unknown',
  sourceCountry: null,
  sourceTravel: null,
  sourceCaseId: null,
  clusterId: null,
  infectionPlace: null,
  symptoms: [],
  severity: null,
  outcome: null,
  outcomeDate: null,
  transferredTo: null,
  isolationPlace: null,
  confirmingTestId: null,
}

/** The given fields only (undefined left out), so a patch changes exactly what it names. */
function given(fields: CaseFields): Partial<StoredFields> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<StoredFields>
}

function storedOf(c: repo.StoredCase): StoredFields {
  const out = { classification: c.classification } as StoredFields
  for (const k of Object.keys(EMPTY_CASE) as (keyof typeof EMPTY_CASE)[]) (out as Record<string, unknown>)[k] = c[k]
  return out
}

function checkFacts(v: StoredFields, day: string): void {
  const problems = caseProblems(v as CaseFacts, day)
  if (problems.length > 0) throw badRequest('CASE_INVALID', problems.join(' '), { problems })
}

/** The records a case points to exist, are the caller's to name, and make sense for this case. */
async function checkLinks(tx: Ctx, changed: Partial<StoredFields>, personId: number, caseId: number | null): Promise<void> {
  if (changed.sourceCaseId != null) {
    if (changed.sourceCaseId === caseId) throw badRequest('CASE_SOURCE_SELF', 'Ca bệnh không thể lây từ chính nó.')
    const source = await repo.findCase(tx.db, tx.access, changed.sourceCaseId)
    if (!source) throw notFound(`ca bệnh nguồn lây #${changed.sourceCaseId} trong địa bàn của bạn`)
    if (source.personId === personId) throw badRequest('CASE_SOURCE_SELF', 'Ca bệnh không thể lây từ chính người đó.')
    if (caseId !== null && (await repo.sourceChainReaches(tx.db, changed.sourceCaseId, caseId))) {
      throw badRequest('CASE_SOURCE_CYCLE', `Ca #${changed.sourceCaseId} đã (trực tiếp hay gián tiếp) lây từ ca này: không thể ghi ngược lại.`)
    }
  }
  if (changed.clusterId != null && !(await repo.visibleCluster(tx.db, tx.access, changed.clusterId))) {
    throw notFound(`ổ dịch #${changed.clusterId} trong địa bàn của bạn`)
  }
  if (changed.confirmingTestId != null) {
    const test = await repo.testOfPerson(tx.db, tx.access, changed.confirmingTestId, personId)
    if (!test) throw notFound(`xét nghiệm #${changed.confirmingTestId} của người này`)
    if (test.result !== 'positive') throw badRequest('TEST_NOT_POSITIVE', `Xét nghiệm #${test.id} không có kết quả dương tính nên không thể là xét nghiệm khẳng định.`)
  }
  if (changed.code && (await repo.caseCodeTaken(tx.db, changed.code, caseId))) {
    throw new AppError(409, 'CASE_CODE_TAKEN', `Mã ca bệnh ${changed.code} đã được dùng cho một ca khác.`)
  }
}

async function refuseSecondCase(tx: Ctx, personId: number): Promise<void> {
  const existing = await repo.caseOfPersonAnywhere(tx.db, personId)
  if (existing) {
    throw new AppError(409, 'CASE_EXISTS', `Người này đã có hồ sơ ca bệnh #${existing.id}${existing.code ? ` (${existing.code})` : ''}. Hãy mở hồ sơ đó để cập nhật.`, {
      caseId: existing.id,
    })
  }
}

export interface CaseView {
  id: number
  code: string | null
  personId: number
  fullName: string
  birthYear: number | null
  sex: string | null
  phone: string | null
  unitCode: string
  unitName: string
  classification: CaseClassification
  onsetDate: string | null
  sampleDate: string | null
  confirmedDate: string | null
  isolatedOn: string | null
  foundBy: FoundBy | null
  sourceKind: SourceKind
  sourceCountry: string | null
  sourceTravel: string | null
  /** The case it was caught from; its person's name only inside the caller's jurisdiction. */
  sourceCase: { id: number; code: string | null; name: string } | null
  cluster: { id: number; code: string; name: string } | null
  infectionPlace: string | null
  symptoms: string[]
  severity: Severity | null
  outcome: Outcome | null
  outcomeDate: string | null
  transferredTo: string | null
  isolationPlace: string | null
  confirmingTestId: number | null
  /** An active F0 now, from which contacts are counted, and its infectious window. */
  isSource: boolean
  windowFrom: string | null
  windowTo: string | null
  createdAt: Date
  updatedAt: Date
}

function presentCase(c: repo.CaseRow): CaseView {
  return {
    id: c.id,
    code: c.code,
    personId: c.personId,
    fullName: c.fullName,
    birthYear: c.birthYear,
    sex: c.sex,
    phone: c.phone,
    unitCode: c.unitCode,
    unitName: c.unitName,
    classification: c.classification,
    onsetDate: c.onsetDate,
    sampleDate: c.sampleDate,
    confirmedDate: c.confirmedDate,
    isolatedOn: c.isolatedOn,
    foundBy: c.foundBy,
    sourceKind: c.sourceKind,
    sourceCountry: c.sourceCountry,
    sourceTravel: c.sourceTravel,
    sourceCase: c.sourceCaseId === null ? null : { id: c.sourceCaseId, code: c.sourceCaseCode, name: c.sourceCaseName ?? OUTSIDE_AREA },
    cluster: c.clusterId === null ? null : { id: c.clusterId, code: c.clusterCode ?? '', name: c.clusterName ?? '' },
    infectionPlace: c.infectionPlace,
    symptoms: c.symptoms,
    severity: c.severity,
    outcome: c.outcome,
    outcomeDate: c.outcomeDate,
    transferredTo: c.transferredTo,
    isolationPlace: c.isolationPlace,
    confirmingTestId: c.confirmingTestId,
    isSource: c.isSource,
    windowFrom: c.windowFrom,
    windowTo: c.windowTo,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }
}

/** The case as written, read back in the same transaction (the writer saw it: no read audit). */
async function writtenCase(tx: Ctx, id: number): Promise<CaseView> {
  const row = await repo.findCase(tx.db, tx.access, id)
  return presentCase(row!)
}

export type CaseCreateInput = CaseFields & { classification: CaseClassification; personId?: number | undefined; person?: NewPerson | undefined }

/**
 * Records a case for a person of the registry, or for a new person entered with it (their possible
 * duplicates refused first unless confirmed new). Its source state and the degrees around it are
 * updated in the same transaction; an active follow-up of the person ends as "became a case".
 */
export async function createCase(ctx: Ctx, input: CaseCreateInput): Promise<CaseView> {
  requirePermission(ctx.access, 'surveillance:write')
  const { personId, person, ...fields } = input
  const v: StoredFields = { ...EMPTY_CASE, ...given(fields), classification: input.classification }
  checkFacts(v, today(ctx))
  await refuseCandidates(ctx, person)
  return inTransaction(ctx, async (tx) => {
    const who = await personFor(tx, personId, person)
    await refuseSecondCase(tx, who.id)
    await checkLinks(tx, v, who.id, null)
    const id = await repo.insertCase(tx.db, { ...v, personId: who.id })
    if (SOURCE_CLASSIFICATIONS.includes(v.classification)) await endFollowupAsCase(tx, who.id)
    await afterCasesChanged(tx, [id])
    return writtenCase(tx, id)
  })
}

export async function getCase(ctx: Ctx, id: number): Promise<CaseView> {
  requirePermission(ctx.access, 'surveillance:read')
  const row = await repo.findCase(ctx.db, ctx.access, id)
  if (!row) throw notFound(`ca bệnh #${id}`)
  await auditRead(ctx, 'cases', [{ id: row.id, unitPath: row.unitPath }], { personId: row.personId })
  return presentCase(row)
}

/** Changes any field of a case (classification, dates, outcome, isolation, cluster, source); degrees follow. */
export async function updateCase(ctx: Ctx, id: number, patch: CaseFields): Promise<CaseView> {
  requirePermission(ctx.access, 'surveillance:write')
  return inTransaction(ctx, async (tx) => {
    const current = await repo.lockCase(tx.db, tx.access, id)
    if (!current) throw notFound(`ca bệnh #${id}`)
    const changed = given(patch)
    // A source link only goes with a linked case: choosing another kind drops it.
    if (changed.sourceKind && changed.sourceKind !== 'linked' && changed.sourceCaseId === undefined) changed.sourceCaseId = null
    const v: StoredFields = { ...storedOf(current), ...changed }
    checkFacts(v, today(tx))
    await checkLinks(tx, changed, current.personId, id)
    await repo.updateCase(tx.db, id, changed)
    if (changed.classification && SOURCE_CLASSIFICATIONS.includes(changed.classification)) await endFollowupAsCase(tx, current.personId)
    await afterCasesChanged(tx, [id], [current.clusterId])
    return writtenCase(tx, id)
  })
}

/** A case list as asked for: the area by a unit's code, a name as typed, the order by name. */
export type CaseListQuery = Omit<lists.CaseListFilter, 'areaPath' | 'personIds' | 'nameFold' | 'desc' | 'today' | 'sort'> & {
  /** By default, the date the range is on (its index then gives the order). */
  sort?: lists.CaseListFilter['sort'] | undefined
  unitCode?: string | undefined
  q?: string | undefined
  order: 'asc' | 'desc'
}

export interface Page<T> {
  rows: T[]
  /** Exact up to 10,000 (above: 10,000 with `totalCapped`), or a lower bound (`totalCapped`) when not every row was read (see listRepo.ts). */
  total: number
  totalCapped: boolean
  /** The total as shown: "1.234", "hơn 10.000", or "ít nhất 1.234". */
  totalText: string
}

export function pageOf<T>(rows: T[], counted: lists.Counted): Page<T> {
  const fmt = (n: number) => n.toLocaleString('vi-VN')
  if (counted.n > lists.COUNT_CAP) return { rows, total: lists.COUNT_CAP, totalCapped: true, totalText: `hơn ${fmt(lists.COUNT_CAP)}` }
  if (counted.atLeast) return { rows, total: counted.n, totalCapped: true, totalText: `ít nhất ${fmt(counted.n)}` }
  return { rows, total: counted.n, totalCapped: false, totalText: fmt(counted.n) }
}

/** A name search reads the cases of the people it matches when they are this few, else filters cases by name. */
const NAME_PEOPLE_MAX = 2_000

export async function listCases(ctx: Ctx, q: CaseListQuery): Promise<Page<lists.CaseListRow>> {
  requirePermission(ctx.access, 'surveillance:read')
  if (q.from && q.to && q.from > q.to) throw badRequest('DATE_RANGE', `Khoảng ngày không hợp lệ: từ ${formatVnDate(q.from)} đến ${formatVnDate(q.to)}.`)
  const areaPath = await areaPathOf(ctx, q.unitCode)
  const filter: lists.CaseListFilter = {
    areaPath,
    dateField: q.dateField,
    from: q.from,
    to: q.to,
    classification: q.classification,
    sourceKind: q.sourceKind,
    clusterId: q.clusterId,
    outcome: q.outcome,
    active: q.active,
    sort: q.sort ?? (q.dateField === 'onset' ? 'onsetDate' : 'confirmedDate'),
    desc: q.order === 'desc',
    limit: q.limit,
    offset: q.offset,
    today: today(ctx),
  }
  const folded = q.q?.trim() ? fold(q.q) : ''
  if (folded) {
    const ids = await lists.peopleNamed(ctx.db, ctx.access, areaPath, folded, NAME_PEOPLE_MAX)
    if (ids.length <= NAME_PEOPLE_MAX) filter.personIds = ids
    else filter.nameFold = folded
  }
  const counted = await lists.countCases(ctx.db, ctx.access, filter)
  if (filter.sort === 'fullName' && (counted.n > lists.COUNT_CAP || counted.atLeast)) {
    throw badRequest('SORT_TOO_BROAD', `Quá nhiều ca khớp bộ lọc: hãy thu hẹp (đơn vị, khoảng ngày) còn dưới ${lists.COUNT_CAP.toLocaleString('vi-VN')} ca để sắp xếp theo họ tên.`)
  }
  const rows = counted.n === 0 && !counted.atLeast ? [] : await lists.listCases(ctx.db, ctx.access, filter)
  // A lower bound is at least what the pages up to this one hold.
  if (counted.atLeast) counted.n = Math.max(counted.n, q.offset + rows.length)
  await auditRead(ctx, 'cases', rows.map((r) => ({ id: r.id })), { personIds: rows.map((r) => r.personId), query: q.q ?? null })
  return pageOf(rows, counted)
}

// --- A contact becomes a case -------------------------------------------------------------

export interface ConvertInput {
  classification?: 'confirmed' | 'probable' | undefined
  confirmedDate?: string | null | undefined
  sampleDate?: string | null | undefined
  onsetDate?: string | null | undefined
  isolatedOn?: string | null | undefined
  confirmingTestId?: number | null | undefined
}

/**
 * A contact (or anyone in the registry) becomes a case in one action: the case is recorded (or a
 * closed case record reopened: one record per person), linked to the F0 their contact chain ends at,
 * their follow-up ends as "became a case", and the degrees move, in one transaction.
 */
export async function convertToCase(ctx: Ctx, personId: number, input: ConvertInput): Promise<CaseView> {
  requirePermission(ctx.access, 'surveillance:write')
  return inTransaction(ctx, async (tx) => {
    const who = await repo.personInArea(tx.db, tx.access, personId)
    if (!who) throw notFound(`người #${personId}`)
    const day = today(tx)
    const classification = input.classification ?? 'confirmed'
    const test = input.confirmingTestId ? await repo.testOfPerson(tx.db, tx.access, input.confirmingTestId, personId) : null
    if (input.confirmingTestId && !test) throw notFound(`xét nghiệm #${input.confirmingTestId} của người này`)
    const dates = {
      confirmedDate: input.confirmedDate !== undefined ? input.confirmedDate : classification === 'confirmed' ? (test?.resultDate ?? day) : null,
      sampleDate: input.sampleDate !== undefined ? input.sampleDate : (test?.sampleDate ?? null),
      ...(input.onsetDate !== undefined ? { onsetDate: input.onsetDate } : {}),
      ...(input.isolatedOn !== undefined ? { isolatedOn: input.isolatedOn } : {}),
      ...(input.confirmingTestId ? { confirmingTestId: input.confirmingTestId } : {}),
    }
    const existing = await repo.caseOfPersonAnywhere(tx.db, personId)
    let caseId: number
    if (existing) {
      if (SOURCE_CLASSIFICATIONS.includes(existing.classification) && (existing.outcome === null || existing.isSource)) {
        throw new AppError(409, 'ALREADY_CASE', `Người này đang là ca bệnh (hồ sơ #${existing.id}).`, { caseId: existing.id })
      }
      // A discarded or ended case record is reopened (one record per person: a reinfection reopens it).
      const changed: Partial<StoredFields> = { classification, ...dates, outcome: null, outcomeDate: null, transferredTo: null }
      const v: StoredFields = { ...storedOf(existing), ...changed }
      checkFacts(v, day)
      await checkLinks(tx, changed, personId, existing.id)
      await repo.updateCase(tx.db, existing.id, changed)
      caseId = existing.id
    } else {
      const root = await repo.degreeRoot(tx.db, personId)
      const v: StoredFields = {
        ...EMPTY_CASE,
        ...dates,
        classification,
        foundBy: root ? 'tracing' : null,
        sourceKind: root ? 'linked' : 'unknown',
        sourceCaseId: root?.rootCaseId ?? null,
      }
      checkFacts(v, day)
      await checkLinks(tx, { ...v, sourceCaseId: null }, personId, null)
      caseId = await repo.insertCase(tx.db, { ...v, personId })
    }
    await endFollowupAsCase(tx, personId)
    await afterCasesChanged(tx, [caseId])
    return writtenCase(tx, caseId)
  })
}

// --- Exposures ------------------------------------------------------------------------------

export interface ExposureInput {
  personId?: number | undefined
  person?: NewPerson | undefined
  sourcePersonId: number
  exposedOn: string
  place?: string | null | undefined
  setting?: ExposureSetting | undefined
  f1Criteria?: F1Criterion[] | undefined
  note?: string | null | undefined
}

export interface ExposureView {
  id: number
  personId: number
  personName: string
  sourcePersonId: number
  sourceName: string
  exposedOn: string
  place: string | null
  setting: ExposureSetting
  f1Criteria: string[]
  note: string | null
  /** The contact's degree after the exposure was recorded (null: none). */
  degree: number | null
}

/** Records that a person (the contact) was exposed to another; degrees follow in the same transaction. */
export async function createExposure(ctx: Ctx, input: ExposureInput): Promise<ExposureView> {
  requirePermission(ctx.access, 'surveillance:write')
  const day = today(ctx)
  if (input.exposedOn > day) throw badRequest('EXPOSURE_IN_FUTURE', `Ngày tiếp xúc (${formatVnDate(input.exposedOn)}) ở sau hôm nay (${formatVnDate(day)}).`)
  await refuseCandidates(ctx, input.person)
  return inTransaction(ctx, async (tx) => {
    const source = await repo.personInArea(tx.db, tx.access, input.sourcePersonId)
    if (!source) throw notFound(`người nguồn lây #${input.sourcePersonId} trong địa bàn của bạn`)
    const contact = await personFor(tx, input.personId, input.person, 'người tiếp xúc')
    if (contact.id === source.id) throw badRequest('EXPOSURE_SELF', 'Một người không thể tiếp xúc với chính mình.')
    const id = await repo.insertExposure(tx.db, {
      personId: contact.id,
      sourcePersonId: source.id,
      exposedOn: input.exposedOn,
      place: input.place ?? null,
      setting: input.setting ?? 'other',
      f1Criteria: [...new Set(input.f1Criteria ?? [])],
      note: input.note ?? null,
    })
    if (id === null) {
      throw new AppError(409, 'EXPOSURE_EXISTS', `Đã ghi nhận người này tiếp xúc với ${source.fullName} ngày ${formatVnDate(input.exposedOn)}.`)
    }
    await updateDegrees(tx.db, { addedExposures: [id] })
    const e = (await repo.findExposure(tx.db, tx.access, id))!
    const degree = await repo.degreeOf(tx.db, tx.access, contact.id)
    return { ...e, sourceName: e.sourceName ?? OUTSIDE_AREA, degree: degree?.degree ?? null }
  })
}

/** Removes an exposure recorded by mistake; degrees follow in the same transaction. */
export async function deleteExposure(ctx: Ctx, id: number): Promise<{ ok: true }> {
  requirePermission(ctx.access, 'surveillance:write')
  return inTransaction(ctx, async (tx) => {
    const e = await repo.lockExposure(tx.db, tx.access, id)
    if (!e) throw notFound(`lần tiếp xúc #${id}`)
    await repo.deleteExposure(tx.db, id)
    await updateDegrees(tx.db, { removedExposures: [{ id: e.id, personId: e.personId, sourcePersonId: e.sourcePersonId }] })
    return { ok: true as const }
  })
}

// --- Contacts -------------------------------------------------------------------------------

export interface ContactListQuery {
  unitCode?: string | undefined
  degree?: number | undefined
  /** Has a follow-up of this status; 'none': not followed up now. */
  followupStatus?: FollowupStatus | 'none' | undefined
  /** A user id, or 'me'. */
  tracer?: number | 'me' | undefined
  limit: number
  offset: number
}

export type ContactRow = Omit<Awaited<ReturnType<typeof lists.listContacts>>[number], 'viaName'> & { viaName: string }

/** People with a degree (F1, F2, …) in the area, by degree; with their current follow-up. */
export async function listContacts(ctx: Ctx, q: ContactListQuery): Promise<Page<ContactRow>> {
  requirePermission(ctx.access, 'surveillance:read')
  const filter: lists.ContactListFilter = {
    areaPath: await areaPathOf(ctx, q.unitCode),
    degree: q.degree,
    followupStatus: q.followupStatus,
    tracerUserId: q.tracer === 'me' ? (ctx.access.userId ?? -1) : q.tracer,
    limit: q.limit,
    offset: q.offset,
  }
  const counted = await lists.countContacts(ctx.db, ctx.access, filter)
  const rows = counted.n === 0 && !counted.atLeast ? [] : await lists.listContacts(ctx.db, ctx.access, filter)
  if (counted.atLeast) counted.n = Math.max(counted.n, q.offset + rows.length)
  await auditRead(ctx, 'people', rows.map((r) => ({ id: r.personId })), { list: 'contacts' })
  return pageOf(
    rows.map((r) => ({ ...r, viaName: r.viaName ?? OUTSIDE_AREA })),
    counted,
  )
}

// --- A person's surveillance record ---------------------------------------------------------

/** Exposures shown per direction on a person's page (the total is given beside them). */
const PERSON_EXPOSURES = 500
const PERSON_TESTS = 200

export interface PathStepView {
  /** Null outside the caller's jurisdiction, as the name. */
  personId: number | null
  name: string
  degree: number
  exposedOn: string | null
  viaExposureId: number | null
}

/**
 * Everything surveillance knows of a person: their case, exposures both ways (the other person named
 * only inside the caller's jurisdiction), the degree and the path that gives it, tests, follow-ups
 * with their checks. The read is audited.
 */
export async function personRecord(ctx: Ctx, personId: number) {
  requirePermission(ctx.access, 'surveillance:read')
  const person: PersonView = await getPerson(ctx, personId)
  const caseRow = await repo.findCaseOfPerson(ctx.db, ctx.access, personId)
  const degree = await repo.degreeOf(ctx.db, ctx.access, personId)
  const path = degree ? await degreePath(ctx.db, personId) : []
  const named = new Map((await repo.maskedPeople(ctx.db, ctx.access, path.map((s) => s.personId))).map((p) => [p.id, p]))
  const asContact = await repo.exposuresOf(ctx.db, ctx.access, personId, 'contact', PERSON_EXPOSURES)
  const asSource = await repo.exposuresOf(ctx.db, ctx.access, personId, 'source', PERSON_EXPOSURES)
  const followups = await followupRepo.followupsOfPerson(ctx.db, ctx.access, personId)
  const checks = await followupRepo.checksOf(
    ctx.db,
    followups.map((f) => f.id),
  )
  const mask = <T extends { otherPersonId: number | null; otherName: string | null }>(e: T) => ({ ...e, otherName: e.otherName ?? OUTSIDE_AREA })
  if (caseRow) await auditRead(ctx, 'cases', [{ id: caseRow.id, unitPath: caseRow.unitPath }], { personId })
  return {
    person,
    case: caseRow ? presentCase(caseRow) : null,
    degree: degree
      ? {
          degree: degree.degree,
          rootCaseId: degree.rootCaseId,
          path: path.map(
            (s): PathStepView => ({
              personId: named.get(s.personId)?.inside ? s.personId : null,
              name: named.get(s.personId)?.fullName ?? OUTSIDE_AREA,
              degree: s.degree,
              exposedOn: s.exposedOn,
              viaExposureId: s.viaExposureId,
            }),
          ),
        }
      : null,
    exposures: {
      /** Where this person was exposed to someone. */
      asContact: asContact.map(mask),
      asContactTotal: asContact.length < PERSON_EXPOSURES ? asContact.length : await repo.countExposuresOf(ctx.db, personId, 'contact'),
      /** Where someone was exposed to this person. */
      asSource: asSource.map(mask),
      asSourceTotal: asSource.length < PERSON_EXPOSURES ? asSource.length : await repo.countExposuresOf(ctx.db, personId, 'source'),
    },
    tests: await repo.testsOf(ctx.db, ctx.access, personId, PERSON_TESTS),
    followups: followups.map((f) => ({ ...f, checks: checks.filter((k) => k.followupId === f.id) })),
  }
}
export type PersonRecord = Awaited<ReturnType<typeof personRecord>>

// --- Rules ----------------------------------------------------------------------------------

export async function listRules(ctx: Ctx) {
  requirePermission(ctx.access, 'surveillance:read')
  return { rules: await repo.listRules(ctx.db, ctx.access) }
}

export interface RuleInput {
  validFrom: string
  daysBeforeOnset: number
  daysBeforeSample: number
  contactFollowDays: number
  clusterCloseDays: number
  source: string
  confidence: 'verified' | 'secondary' | 'unverified'
  note?: string | null | undefined
}

/**
 * A province's own dated variant of the rules (for the caller's province). The windows of the
 * province's active cases are recomputed under it and the degrees follow, in the same transaction.
 */
export async function createRule(ctx: Ctx, input: RuleInput) {
  requirePermission(ctx.access, 'surveillance:rules')
  return inTransaction(ctx, async (tx) => {
    const province = await repo.provinceOfAccess(tx.db, tx.access)
    if (!province) throw badRequest('RULE_NO_PROVINCE', 'Tài khoản này không thuộc tỉnh nào: quy định riêng được ghi cho tỉnh của người ghi.')
    if (await repo.ruleExists(tx.db, province.id, input.validFrom)) {
      throw new AppError(409, 'RULE_EXISTS', `${province.name} đã có quy định áp dụng từ ngày ${formatVnDate(input.validFrom)}. Hãy chọn ngày khác.`)
    }
    const id = await repo.insertRule(tx.db, { ...input, note: input.note ?? null, unitId: province.id })
    await afterCasesChanged(tx, await repo.sourceCaseIdsUnder(tx.db, province.path))
    const rules = await repo.listRules(tx.db, tx.access)
    return rules.find((r) => r.id === id)!
  })
}

// --- The daily sweep ------------------------------------------------------------------------

export const SURVEILLANCE_SWEEP_JOB = 'surveillance.sweep'

/** Daily: cases whose outcome date has come stop being sources (degrees follow); ended follow-ups complete. */
export async function sweepSurveillance(ctx: Ctx): Promise<{ cases: number; changed: number; followupsCompleted: number }> {
  const day = today(ctx)
  const swept = await sweepCaseSources(ctx.db, day)
  const followupsCompleted = await inTransaction(ctx, (tx) => followupRepo.completeEndedFollowups(tx.db, day))
  // The day's marks folded into the chains' read model, however few summaries were asked for.
  await foldChainLinks(ctx.db)
  return { ...swept, followupsCompleted }
}

/** Queues the daily sweep unless one is waiting or one ran today (Vietnam time). */
export async function queueSurveillanceSweep(ctx: Ctx): Promise<void> {
  const day = today(ctx)
  if (await repo.jobForDay(ctx.db, SURVEILLANCE_SWEEP_JOB, day)) return
  await enqueueJob(ctx, {
    kind: SURVEILLANCE_SWEEP_JOB,
    title: `Rà soát giám sát dịch ngày ${formatVnDate(day)} (ca hết thời kỳ lây, kết thúc theo dõi tiếp xúc)`,
    payload: { day },
  })
}
