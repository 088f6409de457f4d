import { PARSE_LIMITS } from '../../../domain/files/limits.ts'
import { auditEvent, type Ctx, inTransaction, today } from '../../platform/context.ts'
import { storeFile } from '../../platform/fileStore.ts'
import { enqueueJob, type RunningJob } from '../../platform/jobs.ts'
import { runUntrusted } from '../../platform/untrusted/pool.ts'
import { getJob, type JobView } from '../jobs/service.ts'
import { checkUploads } from '../uploads/service.ts'
import type { CheckedDoses, UnitRef } from './importFile.ts'
import * as repo from './repo.ts'

export const IMPORT_JOB = 'vaccination.import-doses'
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
export async function runImport(job: RunningJob<unknown, { batch: number; inserted: number; updated: number }>): Promise<ImportResult> {
  if (!job.file) throw new Error('Thiếu tệp dữ liệu.')
  const ctx = job.ctx
  await job.progress(0, null, 'Đang đọc và kiểm tra tệp')
  const units: Record<string, UnitRef> = {}
  for (const u of await repo.unitsWithin(ctx.db, ctx.access, today(ctx))) units[u.code] = { id: u.id, path: u.path, level: u.level }
  const products = (await repo.products(ctx.db)).map((p) => ({ code: p.code, name: p.name, primaryDoses: p.primaryDoses }))
  const checked = await runUntrusted<CheckedDoses>('vaccinationDoses', { fileName: job.file.name, content: job.file.content, units, products, today: today(ctx) }, PARSE_LIMITS.tableSeconds)
  const total = checked.rows.length
  let batch = job.checkpoint?.batch ?? 0
  let inserted = job.checkpoint?.inserted ?? 0
  let updated = job.checkpoint?.updated ?? 0
  while (batch * BATCH < total) {
    const rows: repo.DoseWrite[] = checked.rows.slice(batch * BATCH, (batch + 1) * BATCH).map((r) => ({
      unit_id: r.unitId,
      unit_path: r.unitPath,
      dose_date: r.date,
      age_group: r.ageGroup,
      risk_group: r.riskGroup,
      product: r.product,
      dose: r.dose,
      doses: r.doses,
    }))
    const w = await inTransaction(ctx, (tx) => repo.upsertDosesJson(tx.db, JSON.stringify(rows), { source: 'imported', jobId: job.id, userId: ctx.access.userId }))
    inserted += w.inserted
    updated += w.updated
    batch++
    // A turn of the event loop between batches: the embedded engine's one connection serves others.
    await new Promise<void>((resolve) => setImmediate(resolve))
    await job.progress(Math.min(total, batch * BATCH), total, `Đã ghi ${Math.min(total, batch * BATCH).toLocaleString('vi-VN')}/${total.toLocaleString('vi-VN')} dòng`, { batch, inserted, updated })
  }
  const refused = [...checked.refused].sort((a, b) => a.line - b.line)
  let file: { id: number; size: number; fileName: string } | null = null
  if (refused.length) {
    const lines = [['Dòng', 'Lý do', ...checked.headers].map(csvCell).join(','), ...refused.map((r) => [String(r.line), r.reason, ...r.values].map(csvCell).join(','))]
    const content = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')
    const fileName = `loi-nhap-mui-tiem-${job.id}.csv`
    const stored = await storeFile(ctx.db, { purpose: 'export', fileName, content, createdBy: ctx.access.userId, unitPath: ctx.access.unitPath, expiresAt: new Date(ctx.now().getTime() + 86_400_000) })
    file = { id: stored.id, size: content.length, fileName }
  }
  await auditEvent(ctx, 'import', 'vaccination_doses', { jobId: job.id, fileName: job.file.name, inserted, updated, rejected: refused.length })
  return {
    rows: total + refused.length,
    inserted,
    updated,
    unchanged: total - inserted - updated,
    rejected: refused.length,
    errorsFile: file ? `/api/jobs/${job.id}/file` : null,
    ...(file ? { uploadId: file.id, fileName: file.fileName, mime: 'text/csv; charset=utf-8', size: file.size } : {}),
  }
}
