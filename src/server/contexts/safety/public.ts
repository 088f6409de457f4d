import { createHash, randomBytes, randomInt } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { BANDS, type Band, type FacilityKind, FACILITY_KIND_VI } from '../../../domain/safety/checklist.ts'
import { maskContact, normalizeContact, PUBLIC_FORM_LIMITS } from '../../../domain/safety/limits.ts'
import type { Answers } from '../../../domain/safety/score.ts'
import { extensionOf, formatBytes } from '../../../domain/files/limits.ts'
import { fold } from '../../../domain/text/fold.ts'
import { coalesce } from '../../platform/coalesce.ts'
import { type Ctx, inTransaction, today } from '../../platform/context.ts'
import { AppError, badRequest, notFound } from '../../platform/errors.ts'
import { storeStream } from '../../platform/fileStore.ts'
import { notifyEach } from '../notifications/service.ts'
import { checkFileName } from '../uploads/service.ts'
import { getUnit } from '../units/service.ts'
import { publicGeneration } from './publicCache.ts'
import * as repo from './repo.ts'
import { ensureShipped, type ResultView, recordAssessment } from './service.ts'

// The public side of safety: the self-assessment form behind a facility's link (one-time code,
// photos, submission) and the public map. Nothing here reads or answers the head's name or phone.

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const codeHash = (facilityId: number, contact: string, code: string) => sha256(`${facilityId}:${contact}:${code}`)

/** A link that leads nowhere answers the same whether it never existed or was replaced. */
const badLink = () => new AppError(404, 'LINK_INVALID', 'Đường dẫn tự đánh giá không đúng hoặc đã được thay. Hãy quét lại mã QR niêm yết tại cơ sở hoặc liên hệ UBND xã, phường.')

async function facilityOfLink(ctx: Ctx, token: string) {
  const f = await repo.facilityByToken(ctx.db, token)
  if (f?.status !== 'active') throw badLink()
  return f
}

/** The form behind a facility's link: the facility (no personal data), its checklist and current result. */
export async function formOf(ctx: Ctx, token: string) {
  await ensureShipped(ctx)
  const f = await facilityOfLink(ctx, token)
  const checklist = await repo.checklistFor(ctx.db, f.unitPath, f.checklistKey, f.kind)
  if (!checklist) throw new AppError(409, 'NO_CHECKLIST', 'Chưa có bộ tiêu chí cho loại cơ sở này; hãy liên hệ UBND xã, phường.')
  return {
    facility: { id: f.id, name: f.name, kind: f.kind as FacilityKind, kindLabel: FACILITY_KIND_VI[f.kind as FacilityKind] ?? f.kind, unitName: f.unitName },
    checklist: { id: checklist.id, ...checklist.definition },
    current: f.band ? { band: f.band as Band, bandLabel: BANDS[f.band as Band]?.vi ?? f.band, assessedAt: f.assessedAt ? new Date(f.assessedAt).toISOString() : null, validUntil: f.validUntil } : null,
    limits: PUBLIC_FORM_LIMITS,
  }
}

/** Whether codes are also written to the server log (development and the demo). */
export const logCodes = () => process.env.NODE_ENV !== 'production' || process.env.DEMO !== '0'

/**
 * Sends a one-time code for the contact given on the form. It goes to the officers of the
 * facility's commune as an in-app notification (they confirm the contact by phone), and to the
 * server log in development and the demo; never into the answer.
 */
export async function sendCode(ctx: Ctx, token: string, rawContact: string, log: (line: string) => void) {
  const contact = normalizeContact(rawContact)
  return inTransaction(ctx, async (tx) => {
    const f = await facilityOfLink(tx, token)
    const now = tx.now()
    const sent = await repo.codesSince(tx.db, f.id, new Date(now.getTime() - 3600_000))
    if (sent >= PUBLIC_FORM_LIMITS.codesPerFacilityHour)
      throw new AppError(429, 'TOO_MANY_CODES', `Cơ sở này đã yêu cầu ${sent} mã trong một giờ. Vui lòng đợi rồi thử lại, hoặc liên hệ UBND xã, phường.`)
    const code = String(randomInt(0, 10 ** PUBLIC_FORM_LIMITS.codeDigits)).padStart(PUBLIC_FORM_LIMITS.codeDigits, '0')
    const expiresAt = new Date(now.getTime() + PUBLIC_FORM_LIMITS.codeMinutes * 60_000)
    const id = await repo.insertCode(tx.db, { facilityId: f.id, contact, codeHash: codeHash(f.id, contact, code), expiresAt })
    const officers = await repo.officersOver(tx.db, f.unitPath, ['commune', 'health', 'admin'])
    await notifyEach(tx, [
      {
        userIds: officers,
        kind: 'safety.code',
        title: `Mã xác nhận tự đánh giá: ${f.name}`,
        body: `Mã ${code} cho liên hệ ${contact}, hết hạn sau ${PUBLIC_FORM_LIMITS.codeMinutes} phút. Hãy gọi lại đúng số (địa chỉ) này để báo mã.`,
        link: `/an-toan/co-so/${f.id}`,
        dedupeKey: `safety-code:${id}`,
      },
    ])
    if (logCodes()) log(`Mã xác nhận tự đánh giá cơ sở #${f.id} (${contact}): ${code}`)
    return { sent: true, to: maskContact(contact), expiresInMinutes: PUBLIC_FORM_LIMITS.codeMinutes }
  })
}

/** Checks a code; a right one gives a proof that lets this contact send photos and one form. */
export async function verifyCode(ctx: Ctx, token: string, rawContact: string, code: string) {
  const contact = normalizeContact(rawContact)
  const f = await facilityOfLink(ctx, token)
  const now = ctx.now()
  const open = await repo.openCode(ctx.db, f.id, contact, now)
  const wrong = () => new AppError(422, 'CODE_WRONG', 'Mã xác nhận không đúng hoặc đã hết hạn. Kiểm tra lại hoặc yêu cầu mã mới.')
  if (!open) throw wrong()
  if (open.attempts >= PUBLIC_FORM_LIMITS.codeAttempts) throw new AppError(429, 'CODE_LOCKED', 'Nhập sai mã quá nhiều lần. Hãy yêu cầu mã mới.')
  if (open.codeHash !== codeHash(f.id, contact, code)) {
    await inTransaction(ctx, (tx) => repo.countAttempt(tx.db, open.id))
    throw wrong()
  }
  const proof = randomBytes(24).toString('base64url')
  await inTransaction(ctx, (tx) => repo.verifyCode(tx.db, open.id, sha256(proof), now, new Date(now.getTime() + PUBLIC_FORM_LIMITS.proofMinutes * 60_000)))
  return { proof, validMinutes: PUBLIC_FORM_LIMITS.proofMinutes }
}

async function proofOf(ctx: Ctx, facilityId: number, proof: string) {
  const p = await repo.codeByProof(ctx.db, facilityId, sha256(proof), ctx.now())
  if (!p) throw new AppError(403, 'PROOF_INVALID', 'Xác nhận liên hệ đã hết hạn hoặc đã dùng. Hãy nhận mã xác nhận mới.')
  return p
}

/** A photo sent as proof: images only, counted against the limit while it streams in. */
export async function savePhoto(ctx: Ctx, token: string, proof: string, fileName: string, content: AsyncIterable<Buffer>, truncated: () => boolean) {
  const name = checkFileName('attachment', fileName)
  if (!PUBLIC_FORM_LIMITS.photoExtensions.includes(extensionOf(name)))
    throw new AppError(415, 'UNSUPPORTED_FILE', `Ảnh "${name}" không đúng loại: chỉ nhận ${PUBLIC_FORM_LIMITS.photoExtensions.join(', ')}.`)
  const f = await facilityOfLink(ctx, token)
  const p = await proofOf(ctx, f.id, proof)
  const held = await repo.photosOfCode(ctx.db, p.id)
  if (held.length >= PUBLIC_FORM_LIMITS.photos) throw new AppError(413, 'TOO_MANY_PHOTOS', `Mỗi lần tự đánh giá gửi tối đa ${PUBLIC_FORM_LIMITS.photos} ảnh.`)
  const stored = await storeStream(
    ctx.db,
    { purpose: 'attachment', fileName: name, createdBy: ctx.access.userId, unitPath: f.unitPath, expiresAt: new Date(ctx.now().getTime() + 86_400_000) },
    content,
  )
  if (truncated() || stored.size === 0) {
    await repo.deleteUpload(ctx.db, stored.id)
    throw truncated()
      ? new AppError(413, 'FILE_TOO_LARGE', `Ảnh "${name}" vượt giới hạn ${formatBytes(PUBLIC_FORM_LIMITS.photoMaxBytes)}.`)
      : badRequest('EMPTY_FILE', `Ảnh "${name}" rỗng.`)
  }
  const id = await inTransaction(ctx, (tx) => repo.insertPhoto(tx.db, { facilityId: f.id, codeId: p.id, uploadId: stored.id }))
  return { id, fileName: name, size: stored.size }
}

/**
 * The self-assessment sent through the link by a verified contact: scored by the same function as
 * in the browser, stored with its photos and shown on the map, all in one transaction.
 */
export async function submit(ctx: Ctx, token: string, input: { proof: string; contactName?: string | null | undefined; answers: Answers; photoIds?: number[] | undefined }): Promise<ResultView> {
  await ensureShipped(ctx)
  return inTransaction(ctx, async (tx) => {
    const f = await facilityOfLink(tx, token)
    const p = await proofOf(tx, f.id, input.proof)
    const photoIds = [...new Set(input.photoIds ?? [])]
    const held = await repo.photosOfCode(tx.db, p.id)
    const unknown = photoIds.filter((id) => !held.some((h) => h.id === id))
    if (unknown.length) throw badRequest('PHOTO_UNKNOWN', `Ảnh #${unknown.join(', #')} không thuộc lần tự đánh giá này.`)
    const checklist = await repo.checklistFor(tx.db, f.unitPath, f.checklistKey, f.kind)
    if (!checklist) throw new AppError(409, 'NO_CHECKLIST', 'Chưa có bộ tiêu chí cho loại cơ sở này.')
    const result = await recordAssessment(tx, f, checklist, input.answers, { source: 'self', contact: p.contact, contactName: input.contactName ?? null, note: null })
    await repo.attachPhotos(tx.db, p.id, photoIds, result.id)
    await repo.useCode(tx.db, p.id, tx.now())
    return result
  })
}

// --- The public map ------------------------------------------------------------------------------

/** Facilities answered one by one up to this many; past it, clusters on a grid. */
export const PUBLIC_POINTS_MAX = 2_000
const GRID = 24

export interface PublicFacility {
  id: number
  name: string
  kind: FacilityKind
  band: Band | null
  level: number | null
  assessedAt: string | null
  validUntil: string | null
  expired: boolean
  location: { lon: number; lat: number } | null
}

export interface PublicCluster {
  lon: number
  lat: number
  count: number
  /** Facilities per band level 1–5, and without a result. */
  levels: [number, number, number, number, number]
  none: number
}

export interface PublicAnswer {
  unit: { code: string; name: string }
  count: number
  facilities: PublicFacility[]
  clusters: PublicCluster[]
  truncated: boolean
}

/** Answers of the public map kept in memory: the same question within this time is answered from here. */
const KEEP_MS = 20_000
const KEEP_MAX = 5_000
interface KeptAnswer {
  at: number
  generation: number
  body: string
  gzip: Buffer
  etag: string
}
const kept = new Map<string, KeptAnswer>()
const unitsByCode = new Map<string, { at: number; unit: { code: string; name: string; path: string } }>()

/** A unit by code for the public map (units change rarely: looked up again after five minutes). */
async function publicUnit(ctx: Ctx, code: string) {
  const hit = unitsByCode.get(code)
  if (hit && ctx.now().getTime() - hit.at < 300_000 && hit.at <= ctx.now().getTime()) return hit.unit
  const u = await getUnit(ctx, code)
  const unit = { code: u.code, name: u.name, path: u.path }
  if (unitsByCode.size > 20_000) unitsByCode.clear()
  unitsByCode.set(code, { at: ctx.now().getTime(), unit })
  return unit
}

/**
 * What the public map shows of a unit (and a box): nothing personal. Public and cacheable for a
 * minute (Cache-Control), so the server keeps each answer, already gzipped, for 20 seconds or
 * until a facility or a result changes in this process; identical questions arriving together
 * share one computation. Past PUBLIC_POINTS_MAX facilities the answer is a grid of clusters
 * counted in SQL.
 */
export async function publicFacilities(
  ctx: Ctx,
  q: { unit: string; bbox?: repo.Bbox | undefined; q?: string | undefined; cluster: 'auto' | 'none' },
): Promise<{ body: string; gzip: Buffer; etag: string }> {
  const key = JSON.stringify([q.unit, q.bbox ?? null, q.q ?? null, q.cluster])
  const now = Date.now()
  const hit = kept.get(key)
  if (hit && hit.generation === publicGeneration() && now - hit.at < KEEP_MS) return hit
  return coalesce(kept, key, async () => {
    const at = Date.now()
    const gen = publicGeneration()
    const unit = await publicUnit(ctx, q.unit)
    const bbox = q.bbox ?? null
    const text = q.q ? fold(q.q) : null
    // One query answers most questions: the facilities themselves, one past the limit.
    const rows = await repo.publicFacilities(ctx.db, unit.path, bbox, text, PUBLIC_POINTS_MAX + 1)
    const over = rows.length > PUBLIC_POINTS_MAX
    const extent = over ? await repo.publicExtent(ctx.db, unit.path, bbox, text) : { n: rows.length, minLon: null, minLat: null, maxLon: null, maxLat: null }
    const clustered = q.cluster === 'auto' && over
    const day = today(ctx)
    let facilities: PublicFacility[] = []
    let clusters: PublicCluster[] = []
    if (clustered && extent.minLon !== null) {
      const [minLon, minLat, maxLon, maxLat] = bbox ? [bbox.minLon, bbox.minLat, bbox.maxLon, bbox.maxLat] : [extent.minLon, extent.minLat!, extent.maxLon!, extent.maxLat!]
      const cell = Math.max((maxLon - minLon) / GRID, (maxLat - minLat) / GRID, 1e-6)
      clusters = await repo.publicGrid(ctx.db, unit.path, bbox, text, { lon: minLon, lat: minLat }, cell)
    } else if (!clustered) {
      facilities = rows.slice(0, PUBLIC_POINTS_MAX).map((r) => presentPublic(r, day))
    }
    const answer: PublicAnswer = { unit: { code: unit.code, name: unit.name }, count: extent.n, facilities, clusters, truncated: !clustered && over }
    const body = JSON.stringify(answer)
    const value: KeptAnswer = { at, generation: gen, body, gzip: gzipSync(body), etag: `"${createHash('sha1').update(body).digest('base64url')}"` }
    kept.delete(key)
    kept.set(key, value)
    if (kept.size > KEEP_MAX) kept.delete(kept.keys().next().value!)
    return value
  })
}

function presentPublic(r: Awaited<ReturnType<typeof repo.publicFacilities>>[number], day: string): PublicFacility {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as FacilityKind,
    band: (r.band as Band | null) ?? null,
    level: r.bandLevel,
    assessedAt: r.assessedAt ? new Date(r.assessedAt).toISOString() : null,
    validUntil: r.validUntil,
    expired: r.validUntil !== null && r.validUntil < day,
    location: r.lon === null || r.lat === null ? null : { lon: r.lon, lat: r.lat },
  }
}

/** The communes of a unit that have facilities on the map, with their counts. */
export async function publicUnits(ctx: Ctx, unitCode: string) {
  const unit = await getUnit(ctx, unitCode)
  const rows = await repo.publicUnits(ctx.db, unit.path)
  return { unit: { code: unit.code, name: unit.name }, units: rows.map((r) => ({ code: r.code, name: r.name, count: Number(r.count) })) }
}

/** A facility's public page: its result, date and validity; nothing personal. */
export async function publicFacility(ctx: Ctx, id: number) {
  const f = await repo.publicFacility(ctx.db, id)
  if (!f) throw notFound(`cơ sở #${id}`)
  const day = today(ctx)
  return {
    id: f.id,
    name: f.name,
    kind: f.kind as FacilityKind,
    kindLabel: FACILITY_KIND_VI[f.kind as FacilityKind] ?? f.kind,
    address: f.address,
    unit: { code: f.unitCode, name: f.unitName },
    location: f.lon === null || f.lat === null ? null : { lon: f.lon, lat: f.lat },
    band: (f.band as Band | null) ?? null,
    bandLabel: f.band ? (BANDS[f.band as Band]?.vi ?? f.band) : null,
    level: f.bandLevel,
    source: f.resultSource,
    percent: f.percent,
    points: f.points,
    max: f.maxPoints,
    checklist: f.checklistName ? { name: f.checklistName, version: f.checklistVersion } : null,
    assessedAt: f.assessedAt ? new Date(f.assessedAt).toISOString() : null,
    validUntil: f.validUntil,
    expired: f.validUntil !== null && f.validUntil < day,
  }
}
