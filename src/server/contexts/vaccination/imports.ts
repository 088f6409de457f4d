import { PARSE_LIMITS } from '../../../domain/files/limits.ts'
import { auditEvent, type Ctx, inTransaction, today } from '../../platform/context.ts'
import { storeFile } from '../../platform/fileStore.ts'
import { enqueueJob, type RunningJob } from '../../platform/jobs.ts'
import { runUntrusted } from '../../platform/untrusted/pool.ts'
import { getJob, type JobView } from '../jobs/service.ts'
import { checkUploads } from '../uploads/service.ts'
import type { CheckedDoses, CheckedPopulations, RefusedRow, UnitRef } from './importFile.ts'
import * as repo from './repo.ts'

export const IMPORT_JOB = 'vaccination.import-doses'
export const POPULATION_IMPORT_JOB = 'vaccination.import-populations'
const BATCH = 2_000

/** Starts an import of dose figures from a table the caller uploaded (purpose "table"); the job takes the upload over. */
export function startImport(ctx: Ctx, uploadId: number): Promise<JobView> {
  return inTransaction(ctx, async (tx) => {
    const [upload] = await checkUploads(tx, [uploadId], 'table')
    const id = await enqueueJob(tx, { kind: IMPORT_JOB, title: `Nhập số mũi tiêm từ ${upload!.fileName}`, file: { uploadId } })
    return getJob(tx, id)
  })
}

export interface ImportResult {
  rows: number
  inserted: number
  updated: number
  unchanged: number
  rejected: number
  errorsFile: string | null
  uploadId?: number
  fileName?: string
  mime?: string
  size?: number
}

const csvCell = (v: string) => (/[",\n\r;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/**
 * Reads the file in a parsing worker (every row checked there against the caller's communes and
 * the products), then writes the good rows a batch per transaction, each row an upsert on its key
 * (commune, day, age group, high-risk category, product, dose): a file imported again changes
 * nothing, a corrected file replaces the figures it corrects. Bad rows go to an error file with
 * their line and reason.
 */
export async function runImport(job: RunningJob<unknown, Checkpoint>): Promise<ImportResult> {
  if (!job.file) throw new Error('Thiếu tệp dữ liệu.')
  const ctx = job.ctx
  await job.progress(0, null, 'Đang đọc và kiểm tra tệp')
  const units = await importerUnits(ctx)
  const products = (await repo.products(ctx.db)).map((p) => ({ code: p.code, name: p.name, primaryDoses: p.primaryDoses }))
  const checked = await runUntrusted<CheckedDoses>('vaccinationDoses', { fileName: job.file.name, content: job.file.content, units, products, today: today(ctx) }, PARSE_LIMITS.tableSeconds)
  const rows: repo.DoseWrite[] = checked.rows.map((r) => ({
    unit_id: r.unitId,
    unit_path: r.unitPath,
    dose_date: r.date,
    age_group: r.ageGroup,
    risk_group: r.riskGroup,
    product: r.product,
    dose: r.dose,
    doses: r.doses,
  }))
  const { total, inserted, updated } = await writeInBatches(job, rows, 'dòng', (db, part) => repo.upsertDosesJson(db, part, { source: 'imported', jobId: job.id, userId: ctx.access.userId }))
  await auditEvent(ctx, 'import', 'vaccination_doses', { jobId: job.id, fileName: job.file.name, inserted, updated, rejected: checked.refused.length })
  return finish(job, checked, `loi-nhap-mui-tiem-${job.id}.csv`, { total, inserted, updated })
}

/** The units of the importer's area a file may name, by code. */
export async function importerUnits(ctx: Ctx): Promise<Record<string, UnitRef>> {
  const units: Record<string, UnitRef> = {}
  for (const u of await repo.unitsWithin(ctx.db, ctx.access, today(ctx))) units[u.code] = { id: u.id, path: u.path, level: u.level }
  return units
}

type Checkpoint = { batch: number; inserted: number; updated: number }

/**
 * Writes checked rows a batch per transaction (one JSON parameter each), with a turn of the event
 * loop between batches (the embedded engine's one connection serves others) and the progress
 * checkpointed, so a restarted job continues after the last batch written.
 */
async function writeInBatches<T>(job: RunningJob<unknown, Checkpoint>, rows: T[], what: string, write: (db: Ctx['db'], json: string) => Promise<{ inserted: number; updated: number }>) {
  const total = rows.length
  let batch = job.checkpoint?.batch ?? 0
  let inserted = job.checkpoint?.inserted ?? 0
  let updated = job.checkpoint?.updated ?? 0
  while (batch * BATCH < total) {
    const part = JSON.stringify(rows.slice(batch * BATCH, (batch + 1) * BATCH))
    const w = await inTransaction(job.ctx, (tx) => write(tx.db, part))
    inserted += w.inserted
    updated += w.updated
    batch++
    await new Promise<void>((resolve) => setImmediate(resolve))
    const done = Math.min(total, batch * BATCH)
    await job.progress(done, total, `Đã ghi ${done.toLocaleString('vi-VN')}/${total.toLocaleString('vi-VN')} ${what}`, { batch, inserted, updated })
  }
  return { total, inserted, updated }
}

/** The job's answer: the counts, and the refused rows (line, reason, values) as a CSV its requester downloads. */
export async function finish(job: RunningJob<unknown, unknown>, checked: { headers: string[]; refused: RefusedRow[] }, fileName: string, n: { total: number; inserted: number; updated: number }): Promise<ImportResult> {
  const ctx = job.ctx
  const refused = [...checked.refused].sort((a, b) => a.line - b.line)
  let file: { id: number; size: number; fileName: string } | null = null
  if (refused.length) {
    const lines = [['Dòng', 'Lý do', ...checked.headers].map(csvCell).join(','), ...refused.map((r) => [String(r.line), r.reason, ...r.values].map(csvCell).join(','))]
    const content = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')
    const stored = await storeFile(ctx.db, { purpose: 'export', fileName, content, createdBy: ctx.access.userId, unitPath: ctx.access.unitPath, expiresAt: new Date(ctx.now().getTime() + 86_400_000) })
    file = { id: stored.id, size: content.length, fileName }
  }
  return {
    rows: n.total + refused.length,
    inserted: n.inserted,
    updated: n.updated,
    unchanged: n.total - n.inserted - n.updated,
    rejected: refused.length,
    errorsFile: file ? `/api/jobs/${job.id}/file` : null,
    ...(file ? { uploadId: file.id, fileName: file.fileName, mime: 'text/csv; charset=utf-8', size: file.size } : {}),
  }
}

/** Starts an import of denominators (people per age group and high-risk group, per commune) from an uploaded table. */
export function startPopulationImport(ctx: Ctx, uploadId: number): Promise<JobView> {
  return inTransaction(ctx, async (tx) => {
    const [upload] = await checkUploads(tx, [uploadId], 'table')
    const id = await enqueueJob(tx, { kind: POPULATION_IMPORT_JOB, title: `Nhập dân số theo nhóm tuổi từ ${upload!.fileName}`, file: { uploadId } })
    return getJob(tx, id)
  })
}

/**
 * Reads the denominators in a parsing worker (every row checked against the caller's communes),
 * then writes them a batch of communes per transaction: a group's figure replaces the one entered
 * or derived from the census, with the file named as its source; an unchanged figure is left alone,
 * so the same file imported twice changes nothing. Refused rows go to an error file.
 */
export async function runPopulationImport(job: RunningJob<unknown, Checkpoint>): Promise<ImportResult> {
  if (!job.file) throw new Error('Thiếu tệp dữ liệu.')
  const ctx = job.ctx
  await job.progress(0, null, 'Đang đọc và kiểm tra tệp')
  const units = await importerUnits(ctx)
  const checked = await runUntrusted<CheckedPopulations>('vaccinationPopulations', { fileName: job.file.name, content: job.file.content, units }, PARSE_LIMITS.tableSeconds)
  const rows = checked.rows.flatMap((r) => Object.entries(r.populations).map(([ageGroup, population]) => ({ unit_id: r.unitId, unit_path: r.unitPath, age_group: ageGroup, population })))
  const source = `Nhập từ tệp ${job.file.name}`
  const { total, inserted, updated } = await writeInBatches(job, rows, 'số liệu', (db, part) => repo.upsertPopulationsJson(db, part, source))
  await auditEvent(ctx, 'import', 'vaccination_populations', { jobId: job.id, fileName: job.file.name, inserted, updated, rejected: checked.refused.length })
  return finish(job, checked, `loi-nhap-dan-so-${job.id}.csv`, { total, inserted, updated })
}
