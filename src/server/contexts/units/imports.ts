import { PARSE_LIMITS } from '../../../domain/files/limits.ts'
import { type Ctx, inTransaction, today } from '../../platform/context.ts'
import { AppError } from '../../platform/errors.ts'
import { enqueueJob, type RunningJob } from '../../platform/jobs.ts'
import { runUntrusted } from '../../platform/untrusted/pool.ts'
import type { Kysely } from 'kysely'
import type { DB } from '../../platform/schema.ts'
import { getJob, type JobView } from '../jobs/service.ts'
import { checkUploads } from '../uploads/service.ts'
import type { CheckedImport, UnitIndex } from './importFiles.ts'
import * as repo from './repo.ts'

export { ImportErrors } from './importFiles.ts'

export const POPULATION_JOB = 'units.import-population'
export const BOUNDARY_JOB = 'units.import-boundaries'

export async function startPopulationImport(ctx: Ctx, fileName: string, content: Buffer): Promise<JobView> {
  const id = await enqueueJob(ctx, { kind: POPULATION_JOB, title: `Nhập dân số từ ${fileName}`, file: { name: fileName, content, purpose: 'table' } })
  return getJob(ctx, id)
}

export async function startBoundaryImport(ctx: Ctx, fileName: string, content: Buffer): Promise<JobView> {
  const id = await enqueueJob(ctx, { kind: BOUNDARY_JOB, title: `Nhập ranh giới từ ${fileName}`, file: { name: fileName, content, purpose: 'geojson' } })
  return getJob(ctx, id)
}

/** Starts an import of a file the caller uploaded; the job takes the upload over (it is not copied). */
export function startPopulationImportFromUpload(ctx: Ctx, uploadId: number): Promise<JobView> {
  return startFromUpload(ctx, uploadId, 'table', POPULATION_JOB, (name) => `Nhập dân số từ ${name}`)
}

export function startBoundaryImportFromUpload(ctx: Ctx, uploadId: number): Promise<JobView> {
  return startFromUpload(ctx, uploadId, 'geojson', BOUNDARY_JOB, (name) => `Nhập ranh giới từ ${name}`)
}

function startFromUpload(ctx: Ctx, uploadId: number, purpose: 'table' | 'geojson', kind: string, title: (name: string) => string): Promise<JobView> {
  return inTransaction(ctx, async (tx) => {
    const [upload] = await checkUploads(tx, [uploadId], purpose)
    const id = await enqueueJob(tx, { kind, title: title(upload!.fileName), file: { uploadId } })
    return getJob(tx, id)
  })
}

/** The units an import may name, marked with whether the uploader may write to them. */
async function unitIndex(ctx: Ctx): Promise<UnitIndex> {
  const index: UnitIndex = {}
  for (const u of await repo.currentUnitIndex(ctx.db, today(ctx))) index[u.code] = { id: u.id, inside: u.path.startsWith(ctx.access.unitPath) }
  return index
}

/**
 * Writes a checked file batch by batch, each batch one statement in its own short transaction, so
 * other requests get the database between batches (the embedded engine has one connection). The
 * whole file was checked before the first batch; a restart continues from the last batch written.
 */
async function writeBatches(
  job: RunningJob<unknown, { batch: number }>,
  checked: CheckedImport,
  what: string,
  write: (db: Kysely<DB>, batch: string) => Promise<void>,
): Promise<{ imported: number }> {
  const total = checked.batches.length
  const rows = (b: number) => Math.min(checked.rowCount, b * checked.batchSize)
  let batch = job.checkpoint?.batch ?? 0
  await job.progress(rows(batch), checked.rowCount, `Đã kiểm tra ${checked.rowCount.toLocaleString('vi-VN')} dòng, không có lỗi; đang ghi ${what}`)
  while (batch < total) {
    try {
      await inTransaction(job.ctx, (tx) => write(tx.db, checked.batches[batch]!))
    } catch (err) {
      if (err instanceof AppError) throw err
      throw new AppError(500, 'IMPORT_WRITE', `Không ghi được ${what} (lô ${batch + 1}/${total}); các lô trước đã ghi sẽ được ghi lại khi chạy tiếp.`)
    }
    batch++
    // A turn of the event loop between batches: requests waiting for the database are served first.
    await new Promise<void>((resolve) => setImmediate(resolve))
    await job.progress(rows(batch), checked.rowCount, `Đã ghi ${rows(batch).toLocaleString('vi-VN')}/${checked.rowCount.toLocaleString('vi-VN')} dòng ${what}`, { batch })
  }
  return { imported: checked.rowCount }
}

export async function runPopulationImport(job: RunningJob<unknown, { batch: number }>): Promise<{ imported: number }> {
  if (!job.file) throw new Error('Thiếu tệp dữ liệu.')
  const ctx = job.ctx
  await job.progress(0, null, 'Đang đọc và kiểm tra tệp')
  const checked = await runUntrusted<CheckedImport>(
    'populationFile',
    { fileName: job.file.name, content: job.file.content, defaultYear: Number(today(ctx).slice(0, 4)), units: await unitIndex(ctx) },
    PARSE_LIMITS.tableSeconds,
  )
  return writeBatches(job, checked, 'dân số', repo.upsertPopulationJson)
}

export async function runBoundaryImport(job: RunningJob<unknown, { batch: number }>): Promise<{ imported: number }> {
  if (!job.file) throw new Error('Thiếu tệp dữ liệu.')
  const source = `Tệp ${job.file.name}`
  await job.progress(0, null, 'Đang đọc và kiểm tra tệp')
  const checked = await runUntrusted<CheckedImport>(
    'boundaryFile',
    { fileName: job.file.name, content: job.file.content, units: await unitIndex(job.ctx) },
    PARSE_LIMITS.tableSeconds,
  )
  return writeBatches(job, checked, 'ranh giới', (db, batch) => repo.upsertBoundariesJson(db, batch, source))
}
