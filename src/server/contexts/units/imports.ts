import turfArea from '@turf/area'
import turfSimplify from '@turf/simplify'
import { fold } from '../../../domain/text/fold.ts'
import { type Ctx, inTransaction, today } from '../../platform/context.ts'
import { badRequest } from '../../platform/errors.ts'
import { enqueueJob, type RunningJob } from '../../platform/jobs.ts'
import { readTable } from '../../platform/tabular.ts'
import { getJob, type JobView } from '../jobs/service.ts'
import * as repo from './repo.ts'

export const POPULATION_JOB = 'units.import-population'
export const BOUNDARY_JOB = 'units.import-boundaries'

export async function startPopulationImport(ctx: Ctx, fileName: string, content: Buffer): Promise<JobView> {
  const id = await enqueueJob(ctx, { kind: POPULATION_JOB, title: `Nhập dân số từ ${fileName}`, file: { name: fileName, content } })
  return getJob(ctx, id)
}

export async function startBoundaryImport(ctx: Ctx, fileName: string, content: Buffer): Promise<JobView> {
  const id = await enqueueJob(ctx, { kind: BOUNDARY_JOB, title: `Nhập ranh giới từ ${fileName}`, file: { name: fileName, content } })
  return getJob(ctx, id)
}

const HEADER_KEYS = {
  code: ['ma', 'ma don vi', 'ma dvhc', 'ma xa', 'ma so', 'code', 'unit code', 'unit_code'],
  population: ['dan so', 'so dan', 'tong dan so', 'population', 'pop'],
  year: ['nam', 'year', 'nam thong ke'],
  source: ['nguon', 'nguon so lieu', 'source'],
} as const

export interface PopulationRow {
  line: number
  code: string
  population: number
  year: number
  source: string
}

/** Every problem of a population file, so the user can fix them all in one go. */
export class ImportErrors extends Error {
  constructor(readonly problems: string[]) {
    super(`${problems.length} lỗi trong tệp: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`)
  }
}

/** The rows of a population file, and every problem found in it (format only; codes are checked later). */
export async function parsePopulationFile(fileName: string, content: Buffer, defaultYear: number): Promise<{ rows: PopulationRow[]; problems: string[] }> {
  const table = await readTable(fileName, content)
  const headers = table.headers.map((h) => fold(h).replace(/[_()]/g, ' ').replace(/\s+/g, ' ').trim())
  const col = (key: keyof typeof HEADER_KEYS) => headers.findIndex((h) => (HEADER_KEYS[key] as readonly string[]).includes(h))
  const ci = col('code')
  const pi = col('population')
  if (ci < 0 || pi < 0) {
    throw badRequest('MISSING_COLUMNS', 'Tệp cần có cột "Mã" (mã đơn vị) và cột "Dân số". Các cột "Năm" và "Nguồn" là tùy chọn.')
  }
  const yi = col('year')
  const si = col('source')
  const problems: string[] = []
  const rows: PopulationRow[] = []
  for (const r of table.rows) {
    const code = String(r.cells[ci] ?? '').trim()
    const popText = String(r.cells[pi] ?? '').replace(/[.,\s](?=\d{3}\b)/g, '').trim()
    const population = Number(popText)
    const year = yi >= 0 && r.cells[yi] !== null && r.cells[yi] !== '' ? Number(r.cells[yi]) : defaultYear
    if (!/^\d{2,5}(\.\d{2,3})*$/.test(code)) problems.push(`dòng ${r.line}: mã "${code}" không hợp lệ`)
    else if (!Number.isInteger(population) || population < 0 || population > 50_000_000)
      problems.push(`dòng ${r.line}: dân số "${r.cells[pi] ?? ''}" không hợp lệ`)
    else if (!Number.isInteger(year) || year < 1900 || year > 2100) problems.push(`dòng ${r.line}: năm "${r.cells[yi] ?? ''}" không hợp lệ`)
    else rows.push({ line: r.line, code, population, year, source: si >= 0 && r.cells[si] ? String(r.cells[si]).slice(0, 200) : `Tệp ${fileName}` })
  }
  if (rows.length === 0 && problems.length === 0) problems.push('tệp không có dòng dữ liệu nào')
  return { rows, problems }
}

const BATCH = 200

export async function runPopulationImport(job: RunningJob<unknown, { done: number }>): Promise<{ imported: number }> {
  if (!job.file) throw new Error('Thiếu tệp dữ liệu.')
  const ctx = job.ctx
  const { rows, problems } = await parsePopulationFile(job.file.name, job.file.content, Number(today(ctx).slice(0, 4)))
  const ids = await repo.idsByCode(ctx.db, [...new Set(rows.map((r) => r.code))], today(ctx))
  // Every problem of the file at once, in line order, so it can be fixed in one go.
  const unknown = rows.filter((r) => !ids.has(r.code)).map((r) => ({ line: r.line, text: `dòng ${r.line}: không có đơn vị mã ${r.code}` }))
  const all = [...problems.map((text) => ({ line: Number(/dòng (\d+)/.exec(text)?.[1] ?? 0), text })), ...unknown].sort((a, b) => a.line - b.line)
  if (all.length) throw new ImportErrors(all.map((p) => p.text))
  let done = job.checkpoint?.done ?? 0
  await job.progress(done, rows.length, 'Đang ghi dân số')
  while (done < rows.length) {
    const batch = rows.slice(done, done + BATCH)
    await inTransaction(ctx, (tx) =>
      repo.upsertPopulation(
        tx.db,
        batch.map((r) => ({ unitId: ids.get(r.code)!.id, year: r.year, population: r.population, source: r.source, method: 'imported' })),
      ),
    )
    done += batch.length
    await job.progress(done, rows.length, `Đã ghi ${done}/${rows.length} dòng`, { done })
  }
  return { imported: rows.length }
}

type Position = number[]
interface Geometry {
  type: string
  coordinates: unknown
}
interface GeoFeature {
  type: 'Feature'
  id?: string | number
  properties?: Record<string, unknown> | null
  geometry: Geometry | null
}

const CODE_PROPS = ['code', 'ma', 'ma_xa', 'maxa', 'Code', 'MaXa', 'ma_dvhc', 'commune_code']

function featureCode(f: GeoFeature): string | null {
  for (const k of CODE_PROPS) {
    const v = f.properties?.[k]
    if (typeof v === 'string' || typeof v === 'number') return String(v).trim()
  }
  return f.id === undefined ? null : String(f.id)
}

function validRing(ring: unknown): boolean {
  return (
    Array.isArray(ring) &&
    ring.length >= 4 &&
    ring.every(
      (p: unknown) =>
        Array.isArray(p) &&
        p.length >= 2 &&
        Number.isFinite((p as Position)[0]) &&
        Number.isFinite((p as Position)[1]) &&
        Math.abs((p as Position)[0]!) <= 180 &&
        Math.abs((p as Position)[1]!) <= 90,
    )
  )
}

function validGeometry(g: Geometry | null): boolean {
  if (!g || !Array.isArray(g.coordinates)) return false
  if (g.type === 'Polygon') return g.coordinates.length > 0 && g.coordinates.every(validRing)
  if (g.type === 'MultiPolygon')
    return g.coordinates.length > 0 && g.coordinates.every((poly: unknown) => Array.isArray(poly) && poly.length > 0 && poly.every(validRing))
  return false
}

export function parseBoundaryFile(content: Buffer): { code: string; geometry: Geometry }[] {
  let doc: unknown
  try {
    doc = JSON.parse(content.toString('utf8').replace(/^\uFEFF/, ''))
  } catch {
    throw badRequest('INVALID_GEOJSON', 'Tệp không phải JSON hợp lệ.')
  }
  const d = doc as { type?: string; features?: unknown }
  const features: GeoFeature[] =
    d?.type === 'FeatureCollection' && Array.isArray(d.features) ? (d.features as GeoFeature[]) : d?.type === 'Feature' ? [doc as GeoFeature] : []
  if (features.length === 0) throw badRequest('INVALID_GEOJSON', 'Tệp GeoJSON phải là Feature hoặc FeatureCollection có ít nhất một đối tượng.')
  const problems: string[] = []
  const out: { code: string; geometry: Geometry }[] = []
  features.forEach((f, i) => {
    const code = f && typeof f === 'object' ? featureCode(f) : null
    if (!code || !/^\d{2,5}$/.test(code)) problems.push(`đối tượng ${i + 1}: thiếu mã đơn vị (thuộc tính "code" hoặc "ma")`)
    else if (!validGeometry(f.geometry)) problems.push(`đối tượng ${i + 1} (mã ${code}): hình học phải là Polygon/MultiPolygon với tọa độ WGS84`)
    else out.push({ code, geometry: f.geometry as Geometry })
  })
  if (problems.length) throw new ImportErrors(problems)
  return out
}

export async function runBoundaryImport(job: RunningJob<unknown, { done: number }>): Promise<{ imported: number }> {
  if (!job.file) throw new Error('Thiếu tệp dữ liệu.')
  const ctx = job.ctx
  const items = parseBoundaryFile(job.file.content)
  const ids = await repo.idsByCode(ctx.db, [...new Set(items.map((r) => r.code))], today(ctx))
  const unknown = items.filter((r) => !ids.has(r.code)).map((r) => `không có đơn vị mã ${r.code}`)
  if (unknown.length) throw new ImportErrors(unknown)
  let done = job.checkpoint?.done ?? 0
  await job.progress(done, items.length, 'Đang ghi ranh giới')
  while (done < items.length) {
    const batch = items.slice(done, done + 20)
    await inTransaction(ctx, async (tx) => {
      for (const item of batch) {
        const feature = { type: 'Feature' as const, properties: {}, geometry: item.geometry as never }
        const simplified = turfSimplify(feature, { tolerance: 0.0003, highQuality: false })
        await repo.upsertBoundary(tx.db, {
          unitId: ids.get(item.code)!.id,
          geometry: simplified.geometry,
          areaKm2: turfArea(feature) / 1e6,
          source: `Tệp ${job.file?.name ?? ''}`,
        })
      }
    })
    done += batch.length
    await job.progress(done, items.length, `Đã ghi ${done}/${items.length} ranh giới`, { done })
  }
  return { imported: items.length }
}
