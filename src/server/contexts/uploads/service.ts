import { extensionOf, formatBytes, UPLOAD_LIMITS, type UploadPurpose } from '../../../domain/files/limits.ts'
import { auditEvent, type Ctx } from '../../platform/context.ts'
import { AppError, badRequest, notFound } from '../../platform/errors.ts'
import { readStoredFile, storeStream } from '../../platform/fileStore.ts'
import * as repo from './repo.ts'

const DAY_MS = 24 * 3600_000
/** What one user may hold at once, so uploads cannot fill the database. */
const MAX_HELD = { count: 50, bytes: 512 * 1024 * 1024 }

export interface UploadView {
  id: number
  purpose: UploadPurpose
  fileName: string
  size: number
  sha256: string
}

export interface UploadedFile {
  fileName: string
  content: Buffer
}

export function fileTooLarge(purpose: UploadPurpose, fileName?: string): AppError {
  const limit = formatBytes(UPLOAD_LIMITS[purpose].maxBytes)
  return new AppError(413, 'FILE_TOO_LARGE', `Tệp ${fileName ? `"${fileName}" ` : ''}vượt giới hạn ${limit}; máy chủ đã dừng nhận tệp.`)
}

export function checkFileName(purpose: UploadPurpose, fileName: string): string {
  const name = [...fileName]
    .filter((c) => c.charCodeAt(0) >= 32)
    .join('')
    .replace(/[\\/]/g, '_')
    .trim()
    .slice(0, 200)
  if (!name) throw badRequest('FILE_NAME', 'Tệp không có tên.')
  const allowed = UPLOAD_LIMITS[purpose].extensions
  if (!allowed.includes(extensionOf(name))) throw new AppError(415, 'UNSUPPORTED_FILE', `Tệp "${name}" không đúng loại: chỉ nhận ${allowed.join(', ')}.`)
  return name
}

/** Uploads one user may be sending at the same moment: each holds a connection and a chunk of memory. */
const MAX_SENDING = 2
const sending = new Map<number, number>()

const tooMany = () => new AppError(429, 'TOO_MANY_UPLOADS', 'Bạn đang giữ quá nhiều tệp chưa dùng. Hãy hoàn tất các lần nhập đang dở hoặc thử lại sau.')

/**
 * Keeps an uploaded file for its uploader, for a day, and records it in the audit log. The file is
 * stored as it arrives (`content` yields its pieces; `truncated` says, once it ends, whether the
 * size limit cut it): memory holds a chunk, whatever the size. The uploader's room (`expectedBytes`,
 * the declared size or the limit) and the number of their uploads in progress are checked before
 * a byte is read.
 */
export async function saveUpload(
  ctx: Ctx,
  purpose: UploadPurpose,
  fileName: string,
  content: AsyncIterable<Buffer> | Buffer,
  opts: { expectedBytes?: number; truncated?: () => boolean } = {},
): Promise<UploadView> {
  const userId = ctx.access.userId
  if (userId === null) throw badRequest('NO_USER', 'Chỉ người dùng đăng nhập mới gửi được tệp.')
  const name = checkFileName(purpose, fileName)
  const limit = UPLOAD_LIMITS[purpose].maxBytes
  if (Buffer.isBuffer(content) && content.length > limit) throw fileTooLarge(purpose, name)
  if ((sending.get(userId) ?? 0) >= MAX_SENDING) throw new AppError(429, 'UPLOADS_IN_PROGRESS', `Bạn đang gửi ${MAX_SENDING} tệp cùng lúc; hãy đợi các tệp đó gửi xong.`)
  sending.set(userId, (sending.get(userId) ?? 0) + 1)
  try {
    const now = ctx.now()
    await repo.deleteExpired(ctx.db, now)
    const held = await repo.usage(ctx.db, userId)
    const expected = Buffer.isBuffer(content) ? content.length : Math.min(opts.expectedBytes ?? limit, limit)
    if (held.count >= MAX_HELD.count || held.bytes + expected > MAX_HELD.bytes) throw tooMany()
    const stored = await storeStream(
      ctx.db,
      { purpose, fileName: name, createdBy: userId, unitPath: ctx.access.unitPath, expiresAt: new Date(now.getTime() + DAY_MS) },
      Buffer.isBuffer(content) ? [content] : content,
    )
    const refused = opts.truncated?.() ? fileTooLarge(purpose, name) : stored.size === 0 ? badRequest('EMPTY_FILE', `Tệp "${name}" rỗng.`) : null
    if (refused) {
      await repo.deleteUploads(ctx.db, [stored.id])
      throw refused
    }
    await auditEvent(ctx, 'upload', 'uploads', { id: stored.id, purpose, fileName: name, size: stored.size, sha256: stored.sha256 })
    return { id: stored.id, purpose, fileName: name, size: stored.size, sha256: stored.sha256 }
  } finally {
    const n = (sending.get(userId) ?? 1) - 1
    if (n > 0) sending.set(userId, n)
    else sending.delete(userId)
  }
}

const missing = (id: number) => notFound(`tệp đã gửi #${id} (tệp chỉ dùng được bởi người gửi, trong 24 giờ)`)

/** The caller's own upload, for `purpose`. */
export async function takeUpload(ctx: Ctx, id: number, purpose: UploadPurpose): Promise<UploadedFile> {
  const [file] = await takeUploads(ctx, [id], purpose)
  return file!
}

export async function takeUploads(ctx: Ctx, ids: number[], purpose: UploadPurpose): Promise<UploadedFile[]> {
  const checked = await checkUploads(ctx, ids, purpose)
  const out: UploadedFile[] = []
  for (const r of checked) out.push({ fileName: r.fileName, content: await readStoredFile(ctx.db, r.id) })
  return out
}

/** The caller's own uploads for `purpose`, checked but not read. */
export async function checkUploads(ctx: Ctx, ids: number[], purpose: UploadPurpose): Promise<{ id: number; fileName: string }[]> {
  if (ctx.access.userId === null) throw missing(ids[0] ?? 0)
  const rows = await repo.findOwnMany(ctx.db, ctx.access.userId, [...new Set(ids)], ctx.now())
  return ids.map((id) => {
    const r = rows.find((x) => x.id === id)
    if (!r) throw missing(id)
    if (r.purpose !== purpose) throw badRequest('WRONG_UPLOAD', `Tệp "${r.fileName}" được gửi cho việc khác.`)
    return { id: r.id, fileName: r.fileName }
  })
}

/** Forgets uploads once what they were for has been saved. */
export async function releaseUploads(ctx: Ctx, ids: number[]): Promise<void> {
  await repo.deleteUploads(ctx.db, ids)
}
