import { PassThrough, type Writable } from 'node:stream'
import { MessageChannel } from 'node:worker_threads'
import type { SynthesisReport } from '../../../domain/documents/render-types.ts'
import { runUntrusted } from '../../platform/untrusted/pool.ts'
import type { PackedLines } from './render/packedLines.ts'
import { type Ctx, requirePermission, today } from '../../platform/context.ts'
import { storeStream } from '../../platform/fileStore.ts'
import { enqueueJob, type RunningJob } from '../../platform/jobs.ts'
import { AppError } from '../../platform/errors.ts'
import { hasActiveJob } from '../jobs/repo.ts'
import { type DashboardFilter, synthesis, synthesisLines } from './read.ts'
import { renderOffLoop } from './render/offLoop.ts'

/**
 * The synthesis report as a file: Word or PDF (bounded, rendered in a worker thread) or the Excel
 * table of every task and body (streamed from the database a batch of directives at a time). A
 * download writes it to the response; a background job writes it to a stored file, with progress.
 */

export const EXPORT_JOB = 'directives.export'
export type ExportFormat = 'docx' | 'pdf' | 'xlsx'
export const EXPORT_FORMATS: ExportFormat[] = ['docx', 'pdf', 'xlsx']

export const EXPORT_MIME: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** How long a made file is kept for its owner to download. */
const EXPORT_HOURS = 24

export function exportName(format: ExportFormat, day: string): string {
  return format === 'xlsx' ? `nhiem-vu-${day}.xlsx` : `bao-cao-tinh-hinh-thuc-hien-${day}.${format}`
}

export interface ExportInput {
  format: ExportFormat
  filter: DashboardFilter
  provinceCode: string
}

/**
 * Writes the synthesis in `format` to `out` (which it ends), telling `progress` the rows written of
 * the total. Errors before the first byte are thrown as they are (a refused filter, a missing
 * permission); `out` is destroyed on any error.
 */
export async function writeSynthesis(ctx: Ctx, input: ExportInput, out: Writable, progress: (done: number, total: number) => Promise<void> = async () => {}): Promise<{ rows: number }> {
  requirePermission(ctx.access, 'directives:read')
  try {
    const report = await synthesis(ctx, { ...input.filter, provinceCode: input.provinceCode })
    if (input.format === 'xlsx') return { rows: await tableOffLoop(report, synthesisLines(ctx, input.filter), out, (n) => progress(n, report.totals.assignments)) }
    const content = await renderOffLoop(input.format === 'docx' ? 'synthesisDocx' : 'synthesisPdf', report)
    await new Promise<void>((resolve, reject) => out.end(content, () => resolve()).once('error', reject))
    return { rows: report.totals.assignments }
  } catch (err) {
    out.destroy(err as Error)
    throw err
  }
}

/** Batches of rows sent to the table's writer before it has written them. */
const AHEAD = 2
/** A year of ten provinces' work fits in well under this; past it the writer is stopped. */
const TABLE_SECONDS = 600

/**
 * The Excel table is written in a worker thread while this thread reads the next rows from the
 * database: the two run side by side, and the event loop is never held by the writer. At most
 * AHEAD batches wait for the writer, and none while `out` is full, so memory stays bounded.
 */
export async function tableOffLoop(report: SynthesisReport, lines: AsyncIterable<PackedLines>, out: Writable, progress: (written: number) => Promise<void>): Promise<number> {
  const { port1, port2 } = new MessageChannel()
  const stop = new AbortController()
  let sent = 0
  let written = 0
  let done = false
  let draining = false
  let heard: () => void = () => {}
  const next = () => new Promise<void>((resolve) => (heard = resolve))
  port1.on('message', (m: { chunk?: Uint8Array; written?: number; done?: number }) => {
    if (m.chunk && !out.write(Buffer.from(m.chunk.buffer, m.chunk.byteOffset, m.chunk.byteLength)) && !draining) {
      draining = true
      out.once('drain', () => {
        draining = false
        heard()
      })
    }
    if (m.written !== undefined) written = m.written
    if (m.done !== undefined) done = true
    heard()
  })
  const writer = runUntrusted<number>('xlsxTable', { report, port: port2 }, TABLE_SECONDS, { transferList: [port2], signal: stop.signal })
  // The writer's failure wakes the reader below; it is thrown where the writer is awaited. Its
  // success wakes no one: the last message ({ done }) does, so waiting never turns into a loop of
  // already-settled promises that would starve the messages it waits for.
  const failed = new Promise<true>((resolve) => {
    writer.catch(() => resolve(true))
  })
  try {
    // Rows sent when each batch was posted: a batch is waiting while written is below its end.
    const ends: number[] = []
    const waiting = () => ends.filter((end) => end > written).length
    for await (const batch of lines) {
      port1.postMessage({ lines: batch })
      sent += batch.rows
      ends.push(sent)
      while (!done && (out.writableNeedDrain || waiting() > AHEAD)) {
        if (await Promise.race([next().then(() => false), failed])) break
      }
      while (ends.length && ends[0]! <= written) ends.shift()
      await progress(written)
    }
    port1.postMessage({ end: true })
    while (!done) if (await Promise.race([next().then(() => false), failed])) break
    const rows = await writer
    await new Promise<void>((resolve, reject) => out.end(() => resolve()).once('error', reject))
    await progress(rows)
    return rows
  } catch (err) {
    stop.abort()
    await writer.catch(() => {})
    throw err
  } finally {
    port1.close()
  }
}

/** Starts making the file in the background; the job's result names the stored file. */
export async function queueExport(ctx: Ctx, input: ExportInput): Promise<number> {
  requirePermission(ctx.access, 'directives:read')
  // One export at a time per user: jobs run one after another, so a flood would hold up the sweep.
  if (ctx.access.userId !== null && (await hasActiveJob(ctx.db, EXPORT_JOB, ctx.access.userId))) {
    throw new AppError(429, 'EXPORT_IN_PROGRESS', 'Bạn đang có một báo cáo đang được lập; hãy đợi báo cáo đó xong rồi lập tiếp.')
  }
  const title = input.format === 'xlsx' ? 'Xuất bảng tổng hợp nhiệm vụ (Excel)' : `Xuất báo cáo tình hình thực hiện (${input.format === 'docx' ? 'Word' : 'PDF'})`
  return enqueueJob(ctx, { kind: EXPORT_JOB, title, payload: input })
}

/** The job: writes the file into the store as it is made, owned by the user who asked. */
export async function runExport(job: RunningJob<ExportInput>): Promise<{ uploadId: number; fileName: string; size: number; rows: number; mime: string }> {
  const { ctx, payload } = job
  if (ctx.access.userId === null) throw new Error('Chỉ người dùng mới xuất được báo cáo.')
  const out = new PassThrough()
  const fileName = exportName(payload.format, today(ctx))
  const stored = storeStream(ctx.db, { purpose: 'export', fileName, createdBy: ctx.access.userId, unitPath: ctx.access.unitPath, expiresAt: new Date(ctx.now().getTime() + EXPORT_HOURS * 3600_000) }, out)
  const [written, file] = await Promise.all([
    writeSynthesis(ctx, payload, out, (done, total) => job.progress(done, total, `${done.toLocaleString('vi-VN')} / ${total.toLocaleString('vi-VN')} dòng`)),
    stored,
  ])
  return { uploadId: file.id, fileName, size: file.size, rows: written.rows, mime: EXPORT_MIME[payload.format] }
}
