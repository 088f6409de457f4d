import { PARSE_LIMITS } from '../../../domain/files/limits.ts'
import { auditEvent, type Ctx, inTransaction, today } from '../../platform/context.ts'
import { storeFile } from '../../platform/fileStore.ts'
import { enqueueJob, type RunningJob } from '../../platform/jobs.ts'
import { runUntrusted } from '../../platform/untrusted/pool.ts'
import { getJob, type JobView } from '../jobs/service.ts'
import { checkUploads } from '../uploads/service.ts'
import type { CheckedFacilities, RefusedRow, UnitRef } from './importFile.ts'
import { publicChanged } from './publicCache.ts'
import * as repo from './repo.ts'
import { newToken } from './service.ts'

export const IMPORT_JOB = 'safety.import-facilities'
const BATCH = 1_000

/** Starts an import of facilities from a table the caller uploaded (purpose "table"); the job takes the upload over. */
export function startImport(ctx: Ctx, uploadId: number): Promise<JobView> {
  return inTransaction(ctx, async (tx) => {
    const [upload] = await checkUploads(tx, [uploadId], 'table')
    const id = await enqueueJob(tx, { kind: IMPORT_JOB, title: `Nhập danh sách cơ sở từ ${upload!.fileName}`, file: { uploadId } })
    return getJob(tx, id)
  })
}

export interface ImportResult {
  imported: number
  rejected: number
  rows: number
  errorsFile: string | null
  uploadId?: number
  fileName?: string
  mime?: string
  size?: number
}

const csvCell = (v: string) => (/[",\n\r;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/**
 * Reads the file in a parsing worker (every row checked there), then writes the good rows a batch
 * per transaction; rows refused (bad values, repeated in the file, or already registered under the
 * same name and address) go to an error file with their line and reason.
 */
export async function runImport(job: RunningJob<unknown, { batch: number; imported: number }>): Promise<ImportResult> {
  if (!job.file) throw new Error('Thiếu tệp dữ liệu.')
  const ctx = job.ctx
  await job.progress(0, null, 'Đang đọc và kiểm tra tệp')
  const units: Record<string, UnitRef> = {}
  for (const u of await repo.unitsIn(ctx.db, ctx.access.unitPath, today(ctx))) units[u.code] = { id: u.id, path: u.path }
  const checked = await runUntrusted<CheckedFacilities>('safetyFacilities', { fileName: job.file.name, content: job.file.content, units }, PARSE_LIMITS.tableSeconds)
  const refused: RefusedRow[] = [...checked.refused]
  const total = checked.rows.length
  let batch = job.checkpoint?.batch ?? 0
  let imported = job.checkpoint?.imported ?? 0
  for (; batch * BATCH < total; ) {
    const rows = checked.rows.slice(batch * BATCH, (batch + 1) * BATCH)
    const existing = await repo.existingByFold(ctx.db, rows)
    const fresh = rows.filter((r) => {
      const id = existing.get(`${r.unitId}|${r.nameFold}|${r.addressFold}`)
      if (id !== undefined) refused.push({ line: r.line, values: r.values, reason: `trùng tên và địa chỉ với cơ sở đã có #${id}.` })
      return id === undefined
    })
    const json = JSON.stringify(
      fresh.map((r) => ({
        name: r.name,
        name_fold: r.nameFold,
        kind: r.kind,
        unit_id: r.unitId,
        unit_path: r.unitPath,
        address: r.address,
        address_fold: r.addressFold,
        lon: r.lon,
        lat: r.lat,
        head_name: r.headName,
        head_phone: r.headPhone,
        workers: r.workers,
        students: r.students,
        rooms: r.rooms,
        daily_visitors: r.dailyVisitors,
        token: newToken(),
        import_job_id: job.id,
      })),
    )
    imported += await inTransaction(ctx, (tx) => repo.insertFacilitiesJson(tx.db, json))
    publicChanged()
    batch++
    await new Promise<void>((resolve) => setImmediate(resolve))
    await job.progress(Math.min(total, batch * BATCH), total, `Đã ghi ${imported.toLocaleString('vi-VN')} cơ sở`, { batch, imported })
  }
  let file: { id: number; size: number; fileName: string } | null = null
  if (refused.length) {
    refused.sort((a, b) => a.line - b.line)
    const lines = [['Dòng', 'Lý do', ...checked.headers].map(csvCell).join(','), ...refused.map((r) => [String(r.line), r.reason, ...r.values].map(csvCell).join(','))]
    const content = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')
    const fileName = `loi-nhap-co-so-${job.id}.csv`
    const stored = await storeFile(ctx.db, { purpose: 'export', fileName, content, createdBy: ctx.access.userId, unitPath: ctx.access.unitPath, expiresAt: new Date(ctx.now().getTime() + 86_400_000) })
    file = { id: stored.id, size: content.length, fileName }
  }
  await auditEvent(ctx, 'import', 'safety_facilities', { jobId: job.id, fileName: job.file.name, imported, rejected: refused.length })
  return {
    imported,
    rejected: refused.length,
    rows: total + checked.refused.length,
    errorsFile: file ? `/api/jobs/${job.id}/file` : null,
    ...(file ? { uploadId: file.id, fileName: file.fileName, mime: 'text/csv; charset=utf-8', size: file.size } : {}),
  }
}
