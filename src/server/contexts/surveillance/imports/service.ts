import { PassThrough } from 'node:stream'
import { MessageChannel } from 'node:worker_threads'
import { IMPORT_KIND_NAMES, type ImportKind } from '../../../../domain/surveillance/importColumns.ts'
import { type Ctx, inTransaction, isWithin, requirePermission, today } from '../../../platform/context.ts'
import { AppError, badRequest, notFound, outsideJurisdiction } from '../../../platform/errors.ts'
import { storedChunks, storeStream } from '../../../platform/fileStore.ts'
import { enqueueJob, type RunningJob } from '../../../platform/jobs.ts'
import { runUntrusted } from '../../../platform/untrusted/pool.ts'
import { getJob, type JobView } from '../../jobs/service.ts'
import { checkUploads } from '../../uploads/service.ts'
import { type Batch, batchSize, type FromParser, type ToParser } from './parse.ts'
import * as repo from './repo.ts'
import { ImportWriter, type Problem } from './writer.ts'

export const IMPORT_JOB = 'surveillance.import'
/** The source named when the importer names none: references of files typed in by hand. */
export const DEFAULT_SOURCE = 'nhap-tep'
export const SOURCE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,59}$/u

/**
 * Rows per batch (one transaction each): results are light and go by COPY, in batches large enough
 * that a transaction's own costs hardly count (a batch is about 4 MB in memory); people and their
 * links are heavier.
 */
export const BATCH_ROWS: Record<ImportKind, number> = { tests: 25_000, cases: 2_000, contacts: 2_000 }
/** Rough bytes per row, to judge an import's size from its file before reading it. */
const BYTES_PER_ROW: Record<ImportKind, number> = { tests: 60, cases: 110, contacts: 100 }
/**
 * The parsing worker lives as long as the import (it waits while batches are written), so its time
 * limit is the import's: a million results take about a minute on PostgreSQL.
 */
const IMPORT_SECONDS = 3600
/** How long the error file and the imported file are kept. */
const KEEP_HOURS = 24

export interface ImportPayload {
  kind: ImportKind
  source: string
  uploadId: number
  /** The command line's --unit: the import acts inside this unit only. */
  unitCode?: string | null
}

export interface ImportResult {
  inserted: number
  updated: number
  rejected: number
  /** Rows written with a gap (a source case not found), listed in the error file too. */
  warnings: number
  /** Where the error file is downloaded (null when every row went in). */
  errorsFile: string | null
  rows: number
  /** The stored error file, for GET /api/jobs/:id/file. */
  uploadId?: number
  fileName?: string
  mime?: string
  size?: number
}

export function checkSource(source: string | undefined | null): string {
  const s = (source ?? DEFAULT_SOURCE).trim()
  if (!SOURCE_PATTERN.test(s)) throw badRequest('INVALID_SOURCE', 'Tên nguồn dữ liệu gồm 1–60 chữ cái, chữ số, dấu cách, ".", "_" hoặc "-".')
  return s
}

/** Starts importing a file the caller uploaded (purpose "surveillance"); the job holds the upload. */
export async function startImport(ctx: Ctx, input: { kind: ImportKind; uploadId: number; source?: string | undefined }): Promise<JobView> {
  requirePermission(ctx.access, 'surveillance:import')
  const source = checkSource(input.source)
  return inTransaction(ctx, async (tx) => {
    const [upload] = await checkUploads(tx, [input.uploadId], 'surveillance')
    const id = await enqueueJob(tx, {
      kind: IMPORT_JOB,
      title: `Nhập ${IMPORT_KIND_NAMES[input.kind]} từ ${upload!.fileName}`,
      payload: { kind: input.kind, source, uploadId: input.uploadId } satisfies ImportPayload,
    })
    // Read in chunks by the job itself (never whole), so the upload is held here rather than by the job row.
    await repo.holdUpload(tx.db, input.uploadId, null)
    return getJob(tx, id)
  })
}

/** The command line: stores a file as it is read and queues its import, optionally inside one unit. */
export async function queueFileImport(
  ctx: Ctx,
  input: { kind: ImportKind; fileName: string; content: AsyncIterable<Uint8Array>; source?: string | undefined; unitCode?: string | undefined },
): Promise<number> {
  const source = checkSource(input.source)
  if (input.unitCode) await importCtx(ctx, input.unitCode)
  const stored = await storeStream(ctx.db, { purpose: 'surveillance', fileName: input.fileName, createdBy: ctx.access.userId, unitPath: ctx.access.unitPath, expiresAt: null }, input.content)
  return enqueueJob(ctx, {
    kind: IMPORT_JOB,
    title: `Nhập ${IMPORT_KIND_NAMES[input.kind]} từ ${input.fileName}`,
    payload: { kind: input.kind, source, uploadId: stored.id, unitCode: input.unitCode ?? null } satisfies ImportPayload,
  })
}

/** The context an import acts in: the caller's, or narrowed to a unit inside it (command line). */
async function importCtx(ctx: Ctx, unitCode: string | null | undefined): Promise<Ctx> {
  if (!unitCode) return ctx
  const unit = await repo.unitByCode(ctx.db, unitCode, today(ctx))
  if (!unit) throw notFound(`đơn vị hành chính mã ${unitCode}`)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return { ...ctx, access: { ...ctx.access, unitId: unit.id, unitPath: unit.path } }
}

/** The job: reads the file off the event loop, writes it batch by batch, and keeps the refused rows in a file. */
export async function runImport(job: RunningJob<ImportPayload>): Promise<ImportResult> {
  const { payload } = job
  const ctx = await importCtx(job.ctx, payload.unitCode)
  requirePermission(ctx.access, 'surveillance:import')
  const upload = await repo.uploadInfo(ctx.db, payload.uploadId)
  if (!upload) throw new AppError(404, 'UPLOAD_GONE', 'Tệp cần nhập không còn trên máy chủ; hãy gửi lại tệp.')
  const writer = new ImportWriter(ctx, payload.kind, payload.source, job.id, today(ctx))
  await writer.planDegrees(Math.round(upload.size / BYTES_PER_ROW[payload.kind]))
  const errors = new ErrorFile(ctx, `loi-nhap-${payload.kind}-${job.id}.csv`)
  let lines = 0
  let bytes = 0
  await job.progress(0, upload.size, 'Đang đọc tệp')
  try {
    const batches = parsedBatches(ctx, payload.kind, upload.fileName, payload.uploadId, {
      headers: (h) => errors.setHeaders(h),
      read: (n) => {
        bytes += n
      },
    })
    // Results are written two batches at a time (two transactions, on PostgreSQL two connections):
    // they create no one, so their batches are independent. Cases and contacts go one at a time,
    // since a person named in two batches must be created once.
    const parallel = payload.kind === 'tests' ? 2 : 1
    const writing: Promise<void>[] = []
    let reported: Promise<void> = Promise.resolve()
    for await (const batch of batches) {
      lines += batchSize(batch)
      const written = writer.write(batch).finally(() => batch.release?.())
      // The error file takes each batch's rows in the order the batches came.
      reported = Promise.all([reported, written]).then(([, problems]) => errors.add(problems))
      writing.push(reported)
      if (writing.length >= parallel) await writing.shift()
      const c = writer.counts
      await job.progress(
        bytes,
        upload.size,
        `Đã xử lý ${lines.toLocaleString('vi-VN')} dòng: thêm ${c.inserted.toLocaleString('vi-VN')}, cập nhật ${c.updated.toLocaleString('vi-VN')}, lỗi ${c.rejected.toLocaleString('vi-VN')}`,
      )
    }
    await Promise.all(writing)
    await job.progress(upload.size, upload.size, 'Đang hoàn tất: liên kết còn lại và bậc tiếp xúc')
    await errors.add(await writer.finish())
  } catch (err) {
    errors.abort(err as Error)
    // The batches committed before the failure stay: their positives in quarantine are still handled.
    await writer.positivesInQuarantine().catch(() => {})
    throw err
  }
  const file = await errors.close()
  const result: ImportResult = {
    ...writer.counts,
    errorsFile: file ? `/api/jobs/${job.id}/file` : null,
    rows: lines,
    ...(file ? { uploadId: file.id, fileName: file.fileName, mime: 'text/csv; charset=utf-8', size: file.size } : {}),
  }
  await repo.auditImport(ctx.db, ctx.access, tableOf(payload.kind), job.id, {
    kind: payload.kind,
    source: payload.source,
    fileName: upload.fileName,
    uploadId: upload.id,
    size: upload.size,
    sha256: upload.sha256,
    ...writer.counts,
    rows: lines,
    errorsUploadId: file?.id ?? null,
  })
  // The imported file stays a day (a rerun, a look at what was sent), then goes with expired uploads.
  await repo.holdUpload(ctx.db, payload.uploadId, new Date(ctx.now().getTime() + KEEP_HOURS * 3600_000))
  if (lines >= 10_000) await repo.analyze(ctx.db, payload.kind)
  return result
}

export const tableOf = (kind: ImportKind) => (kind === 'cases' ? 'cases' : kind === 'contacts' ? 'exposures' : 'tests')

/**
 * The batches the parsing worker reads from the stored file: the file goes to the worker a chunk
 * at a time when it asks (a few chunks ahead), each batch is acknowledged once the caller has
 * written it, and the worker stays at most two batches ahead, so memory holds a few chunks and
 * batches.
 */
async function* parsedBatches(
  ctx: Ctx,
  kind: ImportKind,
  fileName: string,
  uploadId: number,
  on: { headers: (h: string[]) => void; read: (bytes: number) => void },
): AsyncGenerator<Batch> {
  const { port1, port2 } = new MessageChannel()
  const stop = new AbortController()
  const chunks = storedChunks(ctx.db, uploadId)
  const queue: FromParser[] = []
  let wake: () => void = () => {}
  let feeding: Promise<void> = Promise.resolve()
  const send = (m: ToParser, transfer: ArrayBuffer[] = []) => port1.postMessage(m, transfer)
  port1.on('message', (m: FromParser) => {
    if ('need' in m) {
      // One chunk at a time, in order: a read of the store per request.
      feeding = feeding.then(async () => {
        const next = await chunks.next().catch(() => ({ done: true as const, value: undefined }))
        if (next.done) send({ end: true })
        else {
          on.read(next.value.length)
          // Moved to the worker rather than copied when the chunk has its memory to itself.
          const own = next.value.byteOffset === 0 && next.value.byteLength === next.value.buffer.byteLength
          const chunk = own ? new Uint8Array(next.value.buffer) : new Uint8Array(next.value)
          send({ chunk }, [chunk.buffer as ArrayBuffer])
        }
      })
      return
    }
    queue.push(m)
    wake()
  })
  const worker = runUntrusted<{ lines: number }>('surveillanceImport', { kind, fileName, today: today(ctx), batchRows: BATCH_ROWS[kind], port: port2 }, IMPORT_SECONDS, {
    transferList: [port2],
    signal: stop.signal,
  })
  const failed = new Promise<true>((resolve) => {
    worker.catch(() => resolve(true))
  })
  let finished = false
  try {
    for (;;) {
      while (queue.length === 0) {
        const woke = new Promise<false>((resolve) => (wake = () => resolve(false)))
        if (await Promise.race([woke, failed])) await worker // throws the worker's error
      }
      const m = queue.shift()!
      if ('headers' in m) on.headers(m.headers)
      else if ('batch' in m) {
        const t = m.batch.tests
        // Once written, its buffers go back to the worker for a later batch.
        if (t) m.batch.release = () => send({ recycle: [t.copy.buffer as ArrayBuffer, t.raws.buffer as ArrayBuffer] }, [t.copy.buffer as ArrayBuffer, t.raws.buffer as ArrayBuffer])
        yield m.batch
        send({ ack: true })
      } else if ('done' in m) {
        await worker
        finished = true
        return
      }
    }
  } finally {
    if (!finished) {
      stop.abort()
      await worker.catch(() => {})
    }
    await chunks.return(undefined)
    port1.close()
  }
}

/**
 * The refused rows as a CSV file (UTF-8 with BOM, for Excel): the line number, the row's original
 * values under the file's own headers, and the reason ("Lỗi"). Stored as it is written, for the
 * requester only, and created only once a row is refused.
 */
class ErrorFile {
  private headers: string[] = []
  private out: PassThrough | null = null
  private stored: Promise<{ id: number; size: number }> | null = null

  constructor(
    private readonly ctx: Ctx,
    readonly fileName: string,
  ) {}

  setHeaders(h: string[]) {
    this.headers = h
  }

  async add(problems: Problem[]): Promise<void> {
    if (problems.length === 0) return
    if (!this.out) {
      this.out = new PassThrough()
      this.stored = storeStream(
        this.ctx.db,
        {
          purpose: 'export',
          fileName: this.fileName,
          createdBy: this.ctx.access.userId,
          unitPath: this.ctx.access.unitPath,
          expiresAt: new Date(this.ctx.now().getTime() + KEEP_HOURS * 3600_000),
        },
        this.out,
      )
      this.stored.catch(() => {})
      this.write(`\uFEFF${csvLine(['Dòng', ...this.headers, 'Lỗi'])}`)
    }
    const width = this.headers.length
    let text = ''
    for (const p of [...problems].sort((a, b) => a.line - b.line)) {
      const raw = (JSON.parse(p.raw) as (string | number | null)[]).map((v) => (v === null ? '' : String(v)))
      while (raw.length < width) raw.push('')
      text += csvLine([String(p.line), ...raw, p.warning ? `Cảnh báo (đã nhập): ${p.reason}` : p.reason])
    }
    if (!this.write(text)) await new Promise<void>((resolve) => this.out!.once('drain', resolve))
  }

  private write(text: string): boolean {
    return this.out!.write(text)
  }

  abort(err: Error) {
    this.out?.destroy(err)
  }

  async close(): Promise<{ id: number; size: number; fileName: string } | null> {
    if (!this.out) return null
    this.out.end()
    const f = await this.stored!
    return { id: f.id, size: f.size, fileName: this.fileName }
  }
}

/** One CSV record; a value Excel would run as a formula is written as text. */
function csvLine(values: string[]): string {
  return `${values
    .map((v) => {
      const safe = /^[=@\t\r]|^[+-][^\d\s]/.test(v) ? `'${v}` : v
      return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
    })
    .join(',')}\r\n`
}

/** The template of a file: its headers, one example row and the notes on each column (.xlsx). */
export async function importTemplate(ctx: Ctx, kind: ImportKind): Promise<{ fileName: string; content: Buffer }> {
  requirePermission(ctx.access, 'surveillance:import')
  const bytes = await runUntrusted<Uint8Array>('render', { renderer: 'surveillanceTemplate', input: kind }, 60)
  return { fileName: `mau-nhap-${kind}.xlsx`, content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }
}
