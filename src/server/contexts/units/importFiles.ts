import turfArea from '@turf/area'
import turfSimplify from '@turf/simplify'
import { PARSE_LIMITS } from '../../../domain/files/limits.ts'
import { fold } from '../../../domain/text/fold.ts'
import { AppError, badRequest } from '../../platform/errors.ts'
import { readTable } from '../../platform/tabular.ts'
import { decodeUtf8 } from '../../platform/textract.ts'

// Reading and checking import files. These run in a parsing worker (src/server/workers), so they
// see no database: the units they may name come in as `UnitIndex`.

/** Current units by code: their id, and whether the uploader may write to them. */
export type UnitIndex = Record<string, { id: string; inside: boolean }>

/** Every problem of an import file, so the user can fix them all in one go. */
export class ImportErrors extends AppError {
  constructor(readonly problems: string[], total = problems.length) {
    const shown = problems.slice(0, 5).join('; ')
    super(422, 'IMPORT_INVALID', `${total.toLocaleString('vi-VN')} lỗi trong tệp, chưa ghi dòng nào: ${shown}${total > 5 ? '; …' : ''}`, {
      problems: problems.slice(0, 500),
      total,
    })
  }
}

interface Problem {
  line: number
  text: string
}

function fail(problems: Problem[]): never {
  problems.sort((a, b) => a.line - b.line)
  throw new ImportErrors(
    problems.map((p) => p.text),
    problems.length,
  )
}

const outside = (line: number, code: string) => ({ line, text: `dòng ${line}: đơn vị mã ${code} nằm ngoài địa bàn bạn được phân quyền` })

const HEADER_KEYS = {
  code: ['ma', 'ma don vi', 'ma dvhc', 'ma xa', 'ma so', 'code', 'unit code', 'unit_code'],
  population: ['dan so', 'so dan', 'tong dan so', 'population', 'pop'],
  year: ['nam', 'year', 'nam thong ke'],
  source: ['nguon', 'nguon so lieu', 'source'],
} as const

/** Rows written per statement: one JSON parameter each, so a statement's size stays bounded. */
export const IMPORT_BATCH = 1000

export interface CheckedImport {
  rowCount: number
  batchSize: number
  /** JSON arrays of rows ready for the repository, IMPORT_BATCH rows each. */
  batches: string[]
}

/**
 * Reads a population file (.xlsx or .csv) and checks every row: format, years, duplicates of a
 * (code, year) within the file, unknown codes and units outside the uploader's jurisdiction. Any
 * problem refuses the whole file, listing them all in line order; nothing is written.
 */
export async function checkPopulationFile(input: { fileName: string; content: Uint8Array; defaultYear: number; units: UnitIndex }): Promise<CheckedImport> {
  const { fileName, defaultYear, units } = input
  const table = await readTable(fileName, Buffer.from(input.content.buffer, input.content.byteOffset, input.content.byteLength))
  const headers = table.headers.map((h) => fold(h).replace(/[_()]/g, ' ').replace(/\s+/g, ' ').trim())
  const col = (key: keyof typeof HEADER_KEYS) => headers.findIndex((h) => (HEADER_KEYS[key] as readonly string[]).includes(h))
  const ci = col('code')
  const pi = col('population')
  if (ci < 0 || pi < 0) {
    throw badRequest('MISSING_COLUMNS', 'Tệp cần có cột "Mã" (mã đơn vị) và cột "Dân số". Các cột "Năm" và "Nguồn" là tùy chọn.')
  }
  const yi = col('year')
  const si = col('source')
  const problems: Problem[] = []
  const seen = new Map<string, number>()
  const rows: { unit_id: string; year: number; population: number; source: string }[] = []
  for (const r of table.rows) {
    const line = r.line
    const code = String(r.cells[ci] ?? '').trim()
    const popText = String(r.cells[pi] ?? '').replace(/[.,\s](?=\d{3}\b)/g, '').trim()
    const population = Number(popText)
    const year = yi >= 0 && r.cells[yi] !== null && r.cells[yi] !== '' ? Number(r.cells[yi]) : defaultYear
    if (!/^\d{2,5}(\.\d{2,3})*$/.test(code)) problems.push({ line, text: `dòng ${line}: mã "${code.slice(0, 40)}" không hợp lệ` })
    else if (popText === '' || !Number.isInteger(population) || population < 0 || population > 50_000_000)
      problems.push({ line, text: `dòng ${line}: dân số "${String(r.cells[pi] ?? '').slice(0, 40)}" không hợp lệ` })
    else if (!Number.isInteger(year) || year < 1900 || year > 2100) problems.push({ line, text: `dòng ${line}: năm "${String(r.cells[yi] ?? '').slice(0, 20)}" không hợp lệ (1900–2100)` })
    else {
      const unit = units[code]
      const key = `${code}|${year}`
      const first = seen.get(key)
      if (!unit) problems.push({ line, text: `dòng ${line}: không có đơn vị mã ${code}` })
      else if (!unit.inside) problems.push(outside(line, code))
      else if (first !== undefined) problems.push({ line, text: `dòng ${line}: trùng mã ${code} năm ${year} với dòng ${first}` })
      else {
        seen.set(key, line)
        rows.push({ unit_id: unit.id, year, population, source: si >= 0 && r.cells[si] ? String(r.cells[si]).slice(0, 200) : `Tệp ${fileName.slice(0, 150)}` })
      }
    }
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 0, text: 'tệp không có dòng dữ liệu nào' })
  if (problems.length) fail(problems)
  return { rowCount: rows.length, batchSize: IMPORT_BATCH, batches: toBatches(rows) }
}

function toBatches(rows: unknown[]): string[] {
  const out: string[] = []
  for (let i = 0; i < rows.length; i += IMPORT_BATCH) out.push(JSON.stringify(rows.slice(i, i + IMPORT_BATCH)))
  return out
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

/** Boundaries written per transaction. */
export const BOUNDARY_BATCH = 20

/**
 * Reads a GeoJSON boundary file and checks every feature (code, geometry, unit known and inside
 * the uploader's jurisdiction); simplifies the outlines and measures their areas. Any problem
 * refuses the whole file.
 */
export function checkBoundaryFile(input: { fileName: string; content: Uint8Array; units: UnitIndex }): CheckedImport {
  let doc: unknown
  try {
    doc = JSON.parse(decodeUtf8(input.content, input.fileName))
  } catch (err) {
    if (err instanceof AppError) throw err
    throw badRequest('INVALID_GEOJSON', 'Tệp không phải JSON hợp lệ.')
  }
  const d = doc as { type?: string; features?: unknown }
  const features: GeoFeature[] =
    d?.type === 'FeatureCollection' && Array.isArray(d.features) ? (d.features as GeoFeature[]) : d?.type === 'Feature' ? [doc as GeoFeature] : []
  if (features.length === 0) throw badRequest('INVALID_GEOJSON', 'Tệp GeoJSON phải là Feature hoặc FeatureCollection có ít nhất một đối tượng.')
  if (features.length > PARSE_LIMITS.geojsonFeatures) {
    throw new AppError(413, 'LIMIT_ROWS', `Tệp có ${features.length.toLocaleString('vi-VN')} đối tượng, vượt giới hạn ${PARSE_LIMITS.geojsonFeatures.toLocaleString('vi-VN')}.`)
  }
  const problems: Problem[] = []
  const seen = new Map<string, number>()
  const items: { unit_id: string; geometry: unknown; area_km2: number }[] = []
  features.forEach((f, i) => {
    const n = i + 1
    const code = f && typeof f === 'object' ? featureCode(f) : null
    if (!code || !/^\d{2,5}$/.test(code)) problems.push({ line: n, text: `đối tượng ${n}: thiếu mã đơn vị (thuộc tính "code" hoặc "ma")` })
    else if (!validGeometry(f.geometry)) problems.push({ line: n, text: `đối tượng ${n} (mã ${code}): hình học phải là Polygon/MultiPolygon với tọa độ WGS84` })
    else if (!input.units[code]) problems.push({ line: n, text: `đối tượng ${n}: không có đơn vị mã ${code}` })
    else if (!input.units[code].inside) problems.push({ line: n, text: `đối tượng ${n}: đơn vị mã ${code} nằm ngoài địa bàn bạn được phân quyền` })
    else if (seen.has(code)) problems.push({ line: n, text: `đối tượng ${n}: trùng mã ${code} với đối tượng ${seen.get(code)}` })
    else {
      seen.set(code, n)
      const feature = { type: 'Feature' as const, properties: {}, geometry: f.geometry as never }
      const simplified = turfSimplify(feature, { tolerance: 0.0003, highQuality: false })
      items.push({ unit_id: input.units[code].id, geometry: simplified.geometry, area_km2: turfArea(feature) / 1e6 })
    }
  })
  if (problems.length) fail(problems)
  const batches: string[] = []
  for (let i = 0; i < items.length; i += BOUNDARY_BATCH) batches.push(JSON.stringify(items.slice(i, i + BOUNDARY_BATCH)))
  return { rowCount: items.length, batchSize: BOUNDARY_BATCH, batches }
}
