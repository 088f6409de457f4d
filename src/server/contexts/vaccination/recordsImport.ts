import { PARSE_LIMITS } from '../../../domain/files/limits.ts'
import { fold } from '../../../domain/text/fold.ts'
import type { Dose } from '../../../domain/vaccination/groups.ts'
import { auditEvent, type Ctx, inTransaction, today } from '../../platform/context.ts'
import { AppError } from '../../platform/errors.ts'
import { enqueueJob, type RunningJob } from '../../platform/jobs.ts'
import { runUntrusted } from '../../platform/untrusted/pool.ts'
import { getJob, type JobView } from '../jobs/service.ts'
import { createPerson, findDuplicateCandidates } from '../people/service.ts'
import { checkUploads } from '../uploads/service.ts'
import type { RefusedRow } from './importFile.ts'
import { finish, type ImportResult, importerUnits } from './imports.ts'
import { checkDose } from './records.ts'
import type { CheckedRecords, RecordRow } from './recordsFile.ts'
import { personKey } from './recordsFile.ts'
import * as records from './recordsRepo.ts'
import * as repo from './repo.ts'

export const RECORD_IMPORT_JOB = 'vaccination.import-records'
const BATCH = 500

/** Starts an import of person-level doses from a table the caller uploaded (purpose "table"). */
export function startRecordImport(ctx: Ctx, uploadId: number): Promise<JobView> {
  return inTransaction(ctx, async (tx) => {
    const [upload] = await checkUploads(tx, [uploadId], 'table')
    const id = await enqueueJob(tx, { kind: RECORD_IMPORT_JOB, title: `Nhập mũi tiêm theo người từ ${upload!.fileName}`, file: { uploadId } })
    return getJob(tx, id)
  })
}

type Person = { id: number; birthDate: string | null; birthYear: number | null; sex: string | null }
type Found = Person | { refused: string }

/**
 * The person a row names: by CCCD when the file gives one (a person outside the importer's area is
 * not taken), else the one person of the importer's area the registry's duplicate rule finds with
 * the same name, year of birth and phone or commune. Anyone not found is created through the
 * registry (its checks of CCCD, identity and possible duplicates apply: a row that might be
 * someone already recorded is refused rather than guessed).
 */
async function resolvePerson(ctx: Ctx, r: RecordRow, byNid: Map<string, records.IdentityMatch>): Promise<Found> {
  if (r.nationalId) {
    const m = byNid.get(r.nationalId)
    if (m && !m.inside) return { refused: `số CCCD ${r.nationalId} là của một người ở ngoài địa bàn của bạn` }
    if (m) return { id: m.id, birthDate: m.birthDate, birthYear: m.birthYear, sex: m.sex }
  } else {
    const candidates = await findDuplicateCandidates(ctx, { fullName: r.fullName, birthYear: r.birthYear, phone: r.phone, unitCode: r.communeCode })
    const same = candidates.filter((c) => fold(c.fullName) === fold(r.fullName))
    if (same.length === 1) return { id: same[0]!.id, birthDate: same[0]!.birthDate, birthYear: same[0]!.birthYear, sex: same[0]!.sex }
    if (candidates.length) {
      const names = candidates.slice(0, 3).map((c) => `${c.fullName} (${c.birthYear ?? '?'}, hồ sơ #${c.id})`).join('; ')
      return { refused: `có thể là người đã có trong sổ: ${names}; hãy ghi số CCCD, hoặc ghi mũi tiêm trên trang của người đó` }
    }
  }
  try {
    const p = await createPerson(ctx, { fullName: r.fullName, birthYear: r.birthYear, sex: r.sex, nationalId: r.nationalId, phone: r.phone, unitCode: r.communeCode, confirmedNew: !r.nationalId })
    return { id: p.id, birthDate: p.birthDate, birthYear: p.birthYear, sex: p.sex }
  } catch (e) {
    if (e instanceof AppError) return { refused: e.message.replace(/\.$/, '') }
    throw e
  }
}

type Checkpoint = { batch: number; inserted: number; updated: number; written: number }

/**
 * Reads the file in a parsing worker (every row checked there), then per batch of rows: matches
 * or creates the people, derives each dose's age group and checks its place in the person's
 * course, and writes the batch in one statement (arrays, one transaction). The counts follow by
 * trigger. The same file imported twice changes nothing; refused rows go to an error file.
 */
export async function runRecordImport(job: RunningJob<unknown, Checkpoint>): Promise<ImportResult> {
  if (!job.file) throw new Error('Thiếu tệp dữ liệu.')
  const ctx = job.ctx
  await job.progress(0, null, 'Đang đọc và kiểm tra tệp')
  const units = await importerUnits(ctx)
  const products = (await repo.products(ctx.db)).map((p) => ({ code: p.code, name: p.name, primaryDoses: p.primaryDoses }))
  const byCode = new Map(products.map((p) => [p.code, p]))
  const checked = await runUntrusted<CheckedRecords>('vaccinationRecords', { fileName: job.file.name, content: job.file.content, units, products, today: today(ctx) }, PARSE_LIMITS.tableSeconds)
  const refused: RefusedRow[] = [...checked.refused]
  const people = new Map<string, Found>()
  const taken = new Map<string, number>()
  const accepted = new Map<number, { dose: Dose; doseDate: string }[]>()
  const total = checked.rows.length
  let { batch, inserted, updated, written } = job.checkpoint ?? { batch: 0, inserted: 0, updated: 0, written: 0 }
  // Rows of batches written before a restart are checked again (matching is idempotent) but not counted twice.
  const resumeAt = batch
  for (let b = 0; b * BATCH < total; b++) {
    const part = checked.rows.slice(b * BATCH, (b + 1) * BATCH)
    const nids = [...new Set(part.flatMap((r) => (r.nationalId && !people.has(personKey(r)) ? [r.nationalId] : [])))]
    const byNid = new Map((await records.peopleByNationalId(ctx.db, ctx.access, nids)).map((m) => [m.nationalId, m]))
    for (const r of part) if (!people.has(personKey(r))) people.set(personKey(r), await resolvePerson(ctx, r, byNid))
    const ids = [...new Set(part.flatMap((r) => { const p = people.get(personKey(r))!; return 'id' in p ? [p.id] : [] }))]
    const existing = new Map<number, { dose: Dose; doseDate: string }[]>()
    for (const d of await records.dosesOfPeople(ctx.db, ids)) existing.set(d.personId, [...(existing.get(d.personId) ?? []), d])
    const rows: records.RecordWrite[] = []
    for (const r of part) {
      const p = people.get(personKey(r))!
      if ('refused' in p) {
        refused.push({ line: r.line, values: r.values, reason: `${p.refused}.` })
        continue
      }
      const key = `${p.id}|${r.dose}`
      if (taken.has(key)) {
        refused.push({ line: r.line, values: r.values, reason: `trùng người và mũi với dòng ${taken.get(key)}.` })
        continue
      }
      const fromFile = accepted.get(p.id) ?? []
      const others = [...(existing.get(p.id) ?? []).filter((d) => d.dose !== r.dose && !fromFile.some((f) => f.dose === d.dose)), ...fromFile]
      const ok = checkDose(p, r, byCode.get(r.product), others)
      if ('code' in ok) {
        refused.push({ line: r.line, values: r.values, reason: ok.message })
        continue
      }
      taken.set(key, r.line)
      accepted.set(p.id, [...fromFile, { dose: r.dose, doseDate: r.doseDate }])
      rows.push({ personId: p.id, doseDate: r.doseDate, product: r.product, dose: r.dose, unitId: r.unitId, unitPath: r.unitPath, ageGroup: ok.ageGroup, riskGroup: r.riskGroup, lot: r.lot })
    }
    if (b < resumeAt) continue
    const w = await inTransaction(ctx, (tx) => records.upsertRecords(tx.db, tx.access, rows, { jobId: job.id, userId: ctx.access.userId }))
    inserted += w.inserted
    updated += w.updated
    written += rows.length
    batch = b + 1
    await new Promise<void>((resolve) => setImmediate(resolve))
    const done = Math.min(total, batch * BATCH)
    await job.progress(done, total, `Đã xử lý ${done.toLocaleString('vi-VN')}/${total.toLocaleString('vi-VN')} dòng`, { batch, inserted, updated, written })
  }
  await auditEvent(ctx, 'import', 'vaccination_records', { jobId: job.id, fileName: job.file.name, inserted, updated, rejected: refused.length })
  return finish(job, { headers: checked.headers, refused }, `loi-nhap-mui-tiem-theo-nguoi-${job.id}.csv`, { total: written, inserted, updated })
}
