import { readFile } from 'node:fs/promises'
import type { CaseRow } from '../../../../domain/surveillance/importColumns.ts'
import { fold } from '../../../../domain/text/fold.ts'
import { vietnameseSortKey } from '../../../../domain/text/sortKey.ts'
import { type Ctx, inTransaction, requirePermission, today } from '../../../platform/context.ts'
import { AppError } from '../../../platform/errors.ts'
import type { RunningJob } from '../../../platform/jobs.ts'
import type { ParsedLine } from './parse.ts'
import * as repo from './repo.ts'
import { ImportWriter, type CaseExtras } from './writer.ts'

/**
 * Vietnam's first 288 confirmed cases (23/01–07/05/2020), a worked example of a real transmission
 * tree: each patient becomes a person named by their public designation ("Bệnh nhân 17") and a
 * confirmed case, with its source as the line list gives it: another patient (source case), a
 * cluster tag (a cluster), or a country and flight (imported).
 *
 * Placement: the line list names the province of treatment in the units of 2020. People are placed
 * in the 2025 province that now holds it (the registry's 2008 → 2025 links), so the cases fall in
 * the jurisdiction of today's province and national administrators (the units of 2008 belong to no
 * one today), and in no commune's: commune users do not see them.
 */

export const LINELIST_JOB = 'surveillance.linelist-2020'
export const LINELIST_SOURCE = 'vncovid19-2020'
const FILE = new URL('../../../../../data/reference/epi-2020.json', import.meta.url)

export interface LineListPatient {
  id: string
  confirmed: string
  discharged: string | null
  died: boolean
  sex: 'male' | 'female' | null
  age: number | null
  province: string
  nationality: string
  links: string[]
  countries: string[]
  imported: boolean
  clusters: string[]
  flights: string[]
}

export interface LineListFile {
  modified: string
  clusters: { code: string; name: string; province: string }[]
  patients: LineListPatient[]
}

export const patientRef = (id: string) => `BN${id}`

/** The case row of a patient: linked to the first patient named, else to its cluster; else imported or unknown. */
export function lineListRow(p: LineListPatient, place: { id: string; path: string }): CaseRow & CaseExtras {
  const year = Number(p.confirmed.slice(0, 4))
  const source = p.links.length || p.clusters.length ? 'linked' : p.imported ? 'imported' : 'unknown'
  const name = `Bệnh nhân ${p.id}`
  return {
    ref: patientRef(p.id),
    fullName: name,
    birthYear: p.age === null ? null : year - Math.floor(p.age),
    sex: p.sex,
    nationalId: null,
    passportNo: null,
    nationality: p.nationality,
    phone: null,
    communeCode: null,
    onsetDate: null,
    confirmedDate: p.confirmed,
    classification: 'confirmed',
    source,
    sourceRef: p.links[0] ? patientRef(p.links[0]) : (p.clusters[0] ?? null),
    country: p.countries[0] ?? null,
    code: `${patientRef(p.id)}/2020`,
    // Treated in hospital from confirmation: the infectious window closes then.
    isolatedOn: p.confirmed,
    outcome: p.died ? 'died' : p.discharged ? 'recovered' : null,
    outcomeDate: p.discharged,
    clusterCode: p.links.length ? (p.clusters[0] ?? null) : null,
    travel: p.flights[0] ?? null,
    place,
  }
}

export async function readLineList(): Promise<LineListFile> {
  return JSON.parse(await readFile(FILE, 'utf8')) as LineListFile
}

/** Loads the line list (idempotent: a second load changes nothing). System and national administrators only. */
export async function importLineList(ctx: Ctx, data: LineListFile, jobId: number | null = null) {
  requirePermission(ctx.access, 'surveillance:import')
  if (ctx.access.unitPath !== '/') throw new AppError(403, 'NATIONAL_ONLY', 'Chỉ quản trị cấp quốc gia (hoặc dòng lệnh) mới nạp danh sách ca bệnh toàn quốc năm 2020.')
  const codes = [...new Set([...data.patients.map((p) => p.province), ...data.clusters.map((c) => c.province)])]
  const provinces = new Map((await repo.provincesOf2008(ctx.db, codes)).map((p) => [p.oldCode, p]))
  const placeOf = (code: string) => {
    const p = provinces.get(code)
    if (!p) throw new AppError(500, 'REGISTRY_MISSING', `Danh mục đơn vị chưa có tỉnh mã ${code} (2008) và tỉnh hiện nay tương ứng; hãy nạp danh mục trước.`)
    return p
  }
  await inTransaction(ctx, async (tx) => {
    await repo.ensureClusters(
      tx.db,
      data.clusters.map((c) => {
        const first = data.patients.filter((p) => p.clusters.includes(c.code)).map((p) => p.confirmed).sort()[0] ?? data.patients[0]!.confirmed
        return { code: c.code, name: c.name, unitId: placeOf(c.province).id, unitPath: placeOf(c.province).path, openedOn: first }
      }),
    )
  })
  const writer = new ImportWriter(ctx, 'cases', LINELIST_SOURCE, jobId, today(ctx), true)
  const lines: ParsedLine<'cases'>[] = data.patients.map((p, i) => {
    const row = lineListRow(p, placeOf(p.province))
    return { line: i + 1, raw: JSON.stringify([p.id]), row: { ...row, nameFold: fold(row.fullName!), nameSort: vietnameseSortKey(row.fullName!) } }
  })
  const problems = await writer.write({ rows: lines, rejected: [] })
  problems.push(...(await writer.finish()))
  await repo.auditImport(ctx.db, ctx.access, 'cases', jobId, { kind: 'linelist-2020', source: LINELIST_SOURCE, modified: data.modified, ...writer.counts })
  return { ...writer.counts, problems: problems.map((p) => `BN${JSON.parse(p.raw)[0]}: ${p.reason}`) }
}

export async function runLineListImport(job: RunningJob) {
  await job.progress(0, null, 'Đang nạp danh sách ca bệnh năm 2020')
  return importLineList(job.ctx, await readLineList(), job.id)
}
