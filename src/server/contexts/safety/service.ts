import { randomBytes, } from 'node:crypto'
import { addDays, formatISO, parseISO } from 'date-fns'
import { BANDS, type Band, type Checklist, type FacilityKind, FACILITY_KIND_VI, parseChecklist } from '../../../domain/safety/checklist.ts'
import { SHIPPED_CHECKLISTS } from '../../../domain/safety/national.ts'
import { type Answers, type Score, ScoreError, score } from '../../../domain/safety/score.ts'
import { fold } from '../../../domain/text/fold.ts'
import { similarity } from '../../../domain/text/trigram.ts'
import { formatVnDate, vnDate } from '../../../domain/text/dates.ts'
import { auditRead, type Ctx, inTransaction, isWithin, SYSTEM, today } from '../../platform/context.ts'
import { AppError, badRequest, notFound, outsideJurisdiction } from '../../platform/errors.ts'
import { enqueueJob } from '../../platform/jobs.ts'
import { notifyEach } from '../notifications/service.ts'
import { getUnit } from '../units/service.ts'
import { publicChanged } from './publicCache.ts'
import * as repo from './repo.ts'

// --- Checklists --------------------------------------------------------------------------------

const synced = new WeakSet<object>()

/** Writes the shipped checklists missing from the database (once per database). */
export async function ensureShipped(ctx: Ctx): Promise<void> {
  if (synced.has(ctx.db)) return
  const stored = await repo.storedShippedVersions(ctx.db)
  const missing = SHIPPED_CHECKLISTS.filter((c) => (stored.get(c.key) ?? 0) < c.version)
  if (missing.length) {
    await inTransaction({ ...ctx, access: SYSTEM }, async (tx) => {
      for (const c of missing) await repo.insertChecklist(tx.db, c, null, 'Bộ tiêu chí kèm theo hệ thống', null)
    })
  }
  if (!ctx.db.isTransaction) synced.add(ctx.db)
}

export interface ChecklistSummary {
  id: number
  key: string
  version: number
  name: string
  kinds: string[]
  owner: string | null
  confidence: string
  completeness: string
  reason: string | null
  items: number
  method: Checklist['banding']
  createdAt: string
}

const summary = (r: repo.ChecklistRow): ChecklistSummary => ({
  id: r.id,
  key: r.key,
  version: r.version,
  name: r.name,
  kinds: r.kinds,
  owner: r.unitId,
  confidence: r.confidence,
  completeness: r.completeness,
  reason: r.reason,
  items: r.definition.items.length,
  method: r.definition.banding,
  createdAt: new Date(r.createdAt).toISOString(),
})

export async function listChecklists(ctx: Ctx): Promise<ChecklistSummary[]> {
  await ensureShipped(ctx)
  return (await repo.latestChecklists(ctx.db, ctx.access)).map(summary)
}

export async function getChecklist(ctx: Ctx, id: number) {
  await ensureShipped(ctx)
  const r = await repo.checklistById(ctx.db, ctx.access, id)
  if (!r) throw notFound(`bộ tiêu chí #${id}`)
  const versions = await repo.checklistVersions(ctx.db, ctx.access, r.key)
  return { ...summary(r), checklist: r.definition, versions: versions.map(summary) }
}

/** The caller's province: where a checklist version of theirs belongs. */
async function provinceOf(ctx: Ctx) {
  const code = ctx.access.unitPath.split('/').filter(Boolean)[0]
  if (!code) throw badRequest('NO_PROVINCE', 'Bộ tiêu chí riêng thuộc về một tỉnh: tài khoản cấp quốc gia hãy dùng tài khoản của tỉnh.')
  const unit = await repo.unitsIn(ctx.db, `/${code}/`, today(ctx))
  const province = unit.find((u) => u.path === `/${code}/`)
  if (!province) throw notFound('tỉnh của bạn')
  return { unitId: province.id, unitPath: province.path }
}

/**
 * Saves a checklist as the next version of its key for the caller's province (a new key starts at
 * version 1 after the shipped ones): old versions stay, as do the assessments scored by them.
 */
export async function saveChecklist(ctx: Ctx, input: { checklist: unknown; reason: string }): Promise<ChecklistSummary> {
  await ensureShipped(ctx)
  const owner = await provinceOf(ctx)
  return inTransaction(ctx, async (tx) => {
    const draft = input.checklist as { key?: unknown }
    const key = typeof draft?.key === 'string' ? draft.key : ''
    const version = key ? await repo.nextVersion(tx.db, key, owner.unitId) : 1
    const parsed = parseChecklist({ ...(input.checklist as object), version })
    if (!parsed.ok) throw new AppError(422, 'CHECKLIST_INVALID', `Bộ tiêu chí chưa hợp lệ: ${parsed.problems.join(' ')}`, { problems: parsed.problems })
    const id = await repo.insertChecklist(tx.db, parsed.checklist, owner, input.reason, tx.access.userId)
    return summary((await repo.checklistById(tx.db, tx.access, id))!)
  })
}

// --- Scoring -----------------------------------------------------------------------------------

/** Scores answers; a form that cannot be scored is a 422 naming every problem. */
export function scoreOrRefuse(checklist: Checklist, answers: Answers): Score {
  try {
    return score(checklist, answers)
  } catch (e) {
    if (e instanceof ScoreError) throw new AppError(422, 'ANSWERS_INVALID', e.message, { problems: e.problems })
    throw e
  }
}

async function checklistOfFacility(ctx: Ctx, f: { unitPath: string; checklistKey: string | null; kind: string }): Promise<repo.ChecklistRow> {
  await ensureShipped(ctx)
  const c = await repo.checklistFor(ctx.db, f.unitPath, f.checklistKey, f.kind)
  if (!c) throw new AppError(409, 'NO_CHECKLIST', `Chưa có bộ tiêu chí cho loại cơ sở "${FACILITY_KIND_VI[f.kind as FacilityKind] ?? f.kind}".`)
  return c
}

export interface ResultView {
  id: number
  facilityId: number
  checklist: { id: number; key: string; version: number; name: string }
  points: number
  max: number
  percent: number
  band: Band
  bandLabel: string
  critical: Score['critical']
  assessedAt: string
  validUntil: string
}

/** Scores and stores one assessment in the caller's transaction, and refreshes what the facility shows. */
export async function recordAssessment(
  tx: Ctx,
  facility: { id: number; unitPath: string },
  checklist: repo.ChecklistRow,
  answers: Answers,
  meta: { source: 'self' | 'officer' | 'inspection'; contact: string | null; contactName: string | null; note: string | null },
): Promise<ResultView> {
  const s = scoreOrRefuse(checklist.definition, answers)
  const band = s.band!
  const at = tx.now()
  const validUntil = formatISO(addDays(parseISO(vnDate(at)), checklist.definition.validityDays), { representation: 'date' })
  const id = await repo.insertAssessment(tx.db, {
    facilityId: facility.id,
    unitPath: facility.unitPath,
    checklistId: checklist.id,
    source: meta.source,
    answers: JSON.stringify(answers),
    points: s.points,
    maxPoints: s.max,
    percent: s.percent,
    band,
    bandLevel: BANDS[band].level,
    critical: JSON.stringify(s.critical),
    assessedAt: at,
    validUntil,
    contact: meta.contact,
    contactName: meta.contactName,
    note: meta.note,
    createdBy: tx.access.userId,
  })
  await repo.refreshResults(tx.db, [facility.id], today(tx))
  publicChanged()
  return {
    id,
    facilityId: facility.id,
    checklist: { id: checklist.id, key: checklist.key, version: checklist.version, name: checklist.name },
    points: s.points,
    max: s.max,
    percent: s.percent,
    band,
    bandLabel: BANDS[band].vi,
    critical: s.critical,
    assessedAt: at.toISOString(),
    validUntil,
  }
}

/** An assessment entered by an officer (POST /api/safety/assessments): scored, stored, shown on the map. */
export async function assess(ctx: Ctx, input: { facilityId: number; answers: Answers; checklistId?: number | undefined; note?: string | null | undefined }): Promise<ResultView> {
  await ensureShipped(ctx)
  return inTransaction(ctx, async (tx) => {
    const f = await repo.findFacility(tx.db, tx.access, input.facilityId)
    if (!f) throw notFound(`cơ sở #${input.facilityId}`)
    const checklist = input.checklistId ? await repo.checklistById(tx.db, tx.access, input.checklistId) : await checklistOfFacility(tx, f)
    if (!checklist) throw notFound(`bộ tiêu chí #${input.checklistId}`)
    return recordAssessment(tx, f, checklist, input.answers, { source: 'officer', contact: null, contactName: tx.access.displayName, note: input.note ?? null })
  })
}

/**
 * The result a facility shows, read from its row (kept from the view safety_current_results: an
 * inspection still valid wins over self-assessments). Other contexts (enforcement) read it here.
 */
export async function latestResult(ctx: Ctx, facilityId: number) {
  const f = await repo.findFacility(ctx.db, ctx.access, facilityId)
  if (!f) throw notFound(`cơ sở #${facilityId}`)
  return resultOf(f, today(ctx))
}

/** Makes facilities show the result the rule of safety_current_results gives (after an inspection is recorded, for one). */
export async function refreshShownResults(ctx: Ctx, facilityIds: number[]): Promise<void> {
  await inTransaction(ctx, (tx) => repo.refreshResults(tx.db, facilityIds, today(tx)))
  publicChanged()
}

/**
 * Facilities whose shown inspection has expired go back to their latest assessment (the rule of
 * refreshResults on the application's day), a page of them per transaction.
 */
export async function expireInspections(ctx: Ctx): Promise<{ refreshed: number }> {
  const day = today(ctx)
  let after = 0
  let refreshed = 0
  for (;;) {
    const ids = await repo.showingExpiredInspection(ctx.db, day, after, 500)
    if (ids.length === 0) break
    await inTransaction(ctx, (tx) => repo.refreshResults(tx.db, ids, day))
    refreshed += ids.length
    after = ids[ids.length - 1]!
  }
  if (refreshed) publicChanged()
  return { refreshed }
}

function resultOf(f: { band: string | null; bandLevel: number | null; assessedAt: Date | null; validUntil: string | null; resultSource: string | null; resultId: number | null }, day: string) {
  if (!f.band) return null
  return {
    assessmentId: f.resultId,
    band: f.band as Band,
    bandLabel: BANDS[f.band as Band]?.vi ?? f.band,
    level: f.bandLevel,
    source: f.resultSource,
    assessedAt: f.assessedAt ? new Date(f.assessedAt).toISOString() : null,
    validUntil: f.validUntil,
    expired: f.validUntil !== null && f.validUntil < day,
  }
}

// --- Facilities --------------------------------------------------------------------------------

export interface FacilityInput {
  name: string
  kind: FacilityKind
  unitCode: string
  address?: string | null | undefined
  lon?: number | null | undefined
  lat?: number | null | undefined
  headName?: string | null | undefined
  headPhone?: string | null | undefined
  workers?: number | null | undefined
  students?: number | null | undefined
  rooms?: number | null | undefined
  dailyVisitors?: number | null | undefined
  checklistKey?: string | null | undefined
}

export const newToken = () => randomBytes(24).toString('base64url')
/** Similarity of folded names (and addresses) from which a new facility is held as a likely duplicate. */
export const DUPLICATE_NAME_SIMILARITY = 0.6
export const DUPLICATE_ADDRESS_SIMILARITY = 0.5

async function unitInside(ctx: Ctx, code: string) {
  const unit = await getUnit(ctx, code)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return unit
}

function checkPlace(lon: number | null | undefined, lat: number | null | undefined) {
  if ((lon === null || lon === undefined) !== (lat === null || lat === undefined)) throw badRequest('PLACE_INCOMPLETE', 'Vị trí cần cả kinh độ và vĩ độ, hoặc bỏ trống cả hai.')
}

/** Facilities of the same unit whose folded name and address look like the new one's. */
async function duplicatesOf(ctx: Ctx, unitId: string, name: string, address: string | null, exceptId?: number) {
  const nf = fold(name)
  const af = fold(address ?? '')
  const pool = await repo.facilitiesOfUnit(ctx.db, unitId)
  return pool
    .filter((p) => p.id !== exceptId)
    .map((p) => ({ ...p, nameScore: p.nameFold === nf ? 1 : similarity(p.nameFold, nf), addressScore: p.addressFold === af ? 1 : similarity(p.addressFold, af) }))
    .filter((p) => p.nameScore >= DUPLICATE_NAME_SIMILARITY && (p.addressScore >= DUPLICATE_ADDRESS_SIMILARITY || !af || !p.addressFold))
    .sort((a, b) => b.nameScore + b.addressScore - (a.nameScore + a.addressScore))
    .slice(0, 10)
    .map((p) => ({ id: p.id, name: p.name, address: p.address, similarity: Math.round(p.nameScore * 100) / 100 }))
}

export async function createFacility(ctx: Ctx, input: FacilityInput & { confirmedNew?: boolean | undefined }) {
  checkPlace(input.lon, input.lat)
  return inTransaction(ctx, async (tx) => {
    const unit = await unitInside(tx, input.unitCode)
    if (!input.confirmedNew) {
      const candidates = await duplicatesOf(tx, unit.id, input.name, input.address ?? null)
      if (candidates.length)
        throw new AppError(409, 'DUPLICATE_CANDIDATES', `Có thể đã có cơ sở này: ${candidates.map((c) => `#${c.id} ${c.name}${c.address ? ` (${c.address})` : ''}`).join('; ')}. Nếu đúng là cơ sở khác, gửi lại với confirmedNew.`, { candidates })
    }
    const id = await repo.insertFacility(tx.db, {
      name: input.name,
      nameFold: fold(input.name),
      kind: input.kind,
      unitId: unit.id,
      unitPath: unit.path,
      address: input.address ?? null,
      addressFold: fold(input.address ?? ''),
      lon: input.lon ?? null,
      lat: input.lat ?? null,
      headName: input.headName ?? null,
      headPhone: input.headPhone ?? null,
      workers: input.workers ?? null,
      students: input.students ?? null,
      rooms: input.rooms ?? null,
      dailyVisitors: input.dailyVisitors ?? null,
      checklistKey: input.checklistKey ?? null,
      token: newToken(),
    })
    publicChanged()
    return getFacility(tx, id)
  })
}

export async function updateFacility(ctx: Ctx, id: number, input: Partial<FacilityInput> & { status?: 'active' | 'closed' | undefined }) {
  checkPlace(input.lon, input.lat)
  return inTransaction(ctx, async (tx) => {
    const current = await repo.findFacility(tx.db, tx.access, id)
    if (!current) throw notFound(`cơ sở #${id}`)
    const { unitCode, ...fields } = input
    const set: Partial<repo.FacilityInsert & { status: 'active' | 'closed' }> = { ...fields }
    if (unitCode) {
      const unit = await unitInside(tx, unitCode)
      set.unitId = unit.id
      set.unitPath = unit.path
    }
    if (input.name !== undefined) set.nameFold = fold(input.name)
    if (input.address !== undefined) set.addressFold = fold(input.address ?? '')
    await repo.updateFacility(tx.db, id, set, tx.now())
    publicChanged()
    return getFacility(tx, id)
  })
}

/** A facility with its head (personal, read audited), its form link, current result and last assessments. */
export async function getFacility(ctx: Ctx, id: number) {
  const f = await repo.findFacility(ctx.db, ctx.access, id)
  if (!f) throw notFound(`cơ sở #${id}`)
  const [token, assessments] = await Promise.all([repo.facilityToken(ctx.db, ctx.access, id), repo.assessmentsOf(ctx.db, id, 50)])
  const photos = await repo.photosOf(
    ctx.db,
    assessments.map((a) => a.id),
  )
  await auditRead(ctx, 'safety_facilities', [{ id: f.id, unitPath: f.unitPath }])
  return {
    ...presentFacility(f, today(ctx)),
    token,
    formPath: `/an-toan/${token}`,
    assessments: assessments.map((a) => ({
      ...a,
      band: a.band as Band,
      bandLabel: BANDS[a.band as Band]?.vi ?? a.band,
      assessedAt: new Date(a.assessedAt).toISOString(),
      photos: photos.filter((p) => p.assessmentId === a.id).map((p) => ({ id: p.id, fileName: p.fileName, size: p.size })),
    })),
  }
}

function presentFacility(f: repo.FacilityRow, day: string) {
  return {
    id: f.id,
    name: f.name,
    kind: f.kind as FacilityKind,
    kindLabel: FACILITY_KIND_VI[f.kind as FacilityKind] ?? f.kind,
    unitCode: f.unitCode,
    unitName: f.unitName,
    address: f.address,
    location: f.lon === null || f.lat === null ? null : { lon: f.lon, lat: f.lat },
    headName: f.headName,
    headPhone: f.headPhone,
    workers: f.workers,
    students: f.students,
    rooms: f.rooms,
    dailyVisitors: f.dailyVisitors,
    checklistKey: f.checklistKey,
    status: f.status,
    result: resultOf(f, day),
    updatedAt: new Date(f.updatedAt).toISOString(),
  }
}

export async function listFacilities(
  ctx: Ctx,
  q: { unitCode?: string | undefined; q?: string | undefined; kind?: string | undefined; band?: string | undefined; limit: number; offset: number },
) {
  const areaPath = q.unitCode ? (await unitInside(ctx, q.unitCode)).path : ctx.access.unitPath
  const { rows, total } = await repo.listFacilities(ctx.db, ctx.access, { areaPath, q: q.q ? fold(q.q) : undefined, kind: q.kind, band: q.band, limit: q.limit, offset: q.offset })
  await auditRead(
    ctx,
    'safety_facilities',
    rows.map((r) => ({ id: r.id, unitPath: r.unitPath })),
  )
  const day = today(ctx)
  return { total, items: rows.map((r) => presentFacility(r, day)) }
}

export async function duplicateFacilities(ctx: Ctx, q: { unitCode?: string | undefined }) {
  const areaPath = q.unitCode ? (await unitInside(ctx, q.unitCode)).path : ctx.access.unitPath
  return { pairs: await repo.duplicatePairs(ctx.db, areaPath, 500) }
}

/** A new form link for a facility (the old link and posters stop working). */
export async function issueLink(ctx: Ctx, id: number) {
  return inTransaction(ctx, async (tx) => {
    const f = await repo.findFacility(tx.db, tx.access, id)
    if (!f) throw notFound(`cơ sở #${id}`)
    const token = newToken()
    await repo.setToken(tx.db, id, token, tx.now())
    return { token, formPath: `/an-toan/${token}` }
  })
}

/** What the printed poster shows: the facility, its current result and the form link for the QR code. */
export async function poster(ctx: Ctx, id: number) {
  const f = await repo.findFacility(ctx.db, ctx.access, id)
  if (!f) throw notFound(`cơ sở #${id}`)
  const token = await repo.facilityToken(ctx.db, ctx.access, id)
  return {
    id: f.id,
    name: f.name,
    kindLabel: FACILITY_KIND_VI[f.kind as FacilityKind] ?? f.kind,
    address: f.address,
    unitName: f.unitName,
    result: resultOf(f, today(ctx)),
    formPath: `/an-toan/${token}`,
    publicPath: `/cong-khai/an-toan/co-so/${f.id}`,
    printedOn: formatVnDate(today(ctx)),
  }
}

/** A proof photo of an assessment inside the caller's jurisdiction (its read audited). */
export async function photo(ctx: Ctx, id: number) {
  const p = await repo.photoUpload(ctx.db, ctx.access, id)
  if (!p) throw notFound(`ảnh #${id}`)
  await auditRead(ctx, 'safety_photos', [{ id: p.id, unitPath: p.unitPath }])
  return { uploadId: p.uploadId, fileName: p.fileName, mime: /\.png$/i.test(p.fileName) ? 'image/png' : 'image/jpeg' }
}

// --- Reminders ---------------------------------------------------------------------------------

export const REMIND_JOB = 'safety.remind'
/** Days before a result's validity ends when the facility's officers are reminded. */
export const REMIND_DAYS_BEFORE = 3

/**
 * Reminds the officers over facilities whose result ends within a few days, once per result; and
 * takes expired inspections off the map (the facility shows its latest assessment again).
 */
export async function remindReassessment(ctx: Ctx): Promise<{ reminded: number; expired: number }> {
  const { refreshed: expired } = await expireInspections(ctx)
  const until = formatISO(addDays(parseISO(today(ctx)), REMIND_DAYS_BEFORE), { representation: 'date' })
  let reminded = 0
  for (;;) {
    const due = await repo.dueForReminder(ctx.db, until, 500)
    if (due.length === 0) break
    const notes = []
    for (const d of due) {
      const users = await repo.officersOver(ctx.db, d.unitPath, ['commune', 'health', 'admin'])
      if (users.length)
        notes.push({
          userIds: users,
          kind: 'safety.reassess',
          title: `Đến hạn tự đánh giá lại: ${d.name}`,
          body: `Kết quả tự đánh giá an toàn COVID-19 của ${d.name} hết hiệu lực ngày ${formatVnDate(d.validUntil)}. Đề nghị cơ sở đánh giá lại qua đường dẫn hoặc mã QR.`,
          link: `/an-toan/co-so/${d.facilityId}`,
          dedupeKey: `safety-reassess:${d.assessmentId}`,
        })
    }
    await notifyEach(ctx, notes)
    await inTransaction(ctx, (tx) =>
      repo.markReminded(
        tx.db,
        due.map((d) => d.assessmentId),
        tx.now(),
      ),
    )
    reminded += due.length
  }
  return { reminded, expired }
}

/** Queues the reminder job unless one is waiting (hourly, from start-up). */
export async function queueReminders(ctx: Ctx): Promise<void> {
  if (!(await repo.jobWaiting(ctx.db, REMIND_JOB))) await enqueueJob({ ...ctx, access: SYSTEM }, { kind: REMIND_JOB, title: 'Nhắc cơ sở tự đánh giá lại an toàn COVID-19' })
}
