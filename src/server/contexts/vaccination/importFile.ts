import { parseDate } from '../../../domain/surveillance/importColumns.ts'
import { fold } from '../../../domain/text/fold.ts'
import { type AgeGroup, type Dose, parseAgeGroup, parseDose, parseRiskGroup, type RiskGroup } from '../../../domain/vaccination/groups.ts'
import { AppError } from '../../platform/errors.ts'
import { type Cell, readTable } from '../../platform/tabular.ts'

// Reads a table of doses in a parsing worker (never on the event loop): every row checked, the
// good ones answered ready to write, the others with their line, values and reason.

export const DOSE_IMPORT_ROWS = 200_000
export const MAX_DOSES_PER_ROW = 1_000_000

const COLUMNS = {
  unitCode: ['ma xa', 'ma don vi', 'ma xa phuong', 'unit', 'unit code'],
  date: ['ngay', 'ngay tiem', 'date'],
  ageGroup: ['nhom tuoi', 'do tuoi', 'age group', 'age'],
  riskGroup: ['nhom nguy co', 'nguy co', 'risk group'],
  product: ['vac xin', 'vaccine', 'loai vac xin', 'product'],
  dose: ['mui', 'mui tiem', 'lieu', 'dose'],
  doses: ['so mui', 'so lieu', 'so nguoi', 'so luong', 'doses', 'count'],
} as const
type Column = keyof typeof COLUMNS
const REQUIRED: { col: Column; label: string }[] = [
  { col: 'unitCode', label: '"Mã xã"' },
  { col: 'date', label: '"Ngày"' },
  { col: 'ageGroup', label: '"Nhóm tuổi"' },
  { col: 'product', label: '"Vắc xin"' },
  { col: 'dose', label: '"Mũi"' },
  { col: 'doses', label: '"Số mũi"' },
]

export interface UnitRef {
  id: string
  path: string
  level: string
}

export interface DoseRow {
  line: number
  unitId: string
  unitPath: string
  date: string
  ageGroup: AgeGroup
  riskGroup: RiskGroup
  product: string
  dose: Dose
  doses: number
}

export interface RefusedRow {
  line: number
  values: string[]
  reason: string
}

export interface CheckedDoses {
  headers: string[]
  rows: DoseRow[]
  refused: RefusedRow[]
}

export interface CheckInput {
  units: Record<string, UnitRef>
  /** Product codes with their names, as the table vaccine_products holds them. */
  products: { code: string; name: string; primaryDoses: number }[]
  /** Doses may not be dated after this day. */
  today: string
}

const text = (c: Cell | undefined) => (c === null || c === undefined ? '' : String(c).trim())

/** An Excel day number (1900 system) as yyyy-mm-dd. */
function excelDay(n: number): string | null {
  if (!Number.isInteger(n) || n < 1 || n > 100_000) return null
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10)
}

function productIndex(products: CheckInput['products']): Map<string, CheckInput['products'][number]> {
  const m = new Map<string, CheckInput['products'][number]>()
  for (const p of products) {
    m.set(fold(p.code), p)
    m.set(fold(p.name), p)
    // The name before its bracket: "Pfizer-BioNTech (Comirnaty)" is also "Pfizer-BioNTech" and "Comirnaty".
    const [head, inner] = p.name.split(/[()]/)
    if (head?.trim()) m.set(fold(head.trim()), p)
    if (inner?.trim()) m.set(fold(inner.trim()), p)
  }
  return m
}

export function checkDoseTable(headers: string[], rows: { line: number; cells: Cell[] }[], input: CheckInput): CheckedDoses {
  const index: Partial<Record<Column, number>> = {}
  headers.forEach((h, i) => {
    const f = fold(h)
    for (const [col, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) if (index[col] === undefined && names.includes(f)) index[col] = i
  })
  const missing = REQUIRED.filter((r) => index[r.col] === undefined)
  if (missing.length)
    throw new AppError(422, 'IMPORT_COLUMNS', `Tệp thiếu cột: ${missing.map((m) => m.label).join(', ')}. Các cột nhận: Mã xã, Ngày, Nhóm tuổi, Nhóm nguy cơ, Vắc xin, Mũi, Số mũi.`)
  const products = productIndex(input.products)
  const out: DoseRow[] = []
  const refused: RefusedRow[] = []
  const seen = new Map<string, number>()
  for (const r of rows) {
    const cell = (c: Column) => (index[c] === undefined ? undefined : r.cells[index[c]!])
    const get = (c: Column) => text(cell(c))
    if (r.cells.every((c) => text(c) === '')) continue
    const problems: string[] = []
    const code = get('unitCode')
    const unit = input.units[code]
    if (!code) problems.push('thiếu mã xã, phường')
    else if (!unit) problems.push(`mã đơn vị ${code} không có hoặc nằm ngoài địa bàn của bạn`)
    else if (unit.level !== 'commune') problems.push(`mã ${code} không phải xã, phường, đặc khu (số mũi tiêm nhập theo xã)`)
    const rawDate = cell('date')
    const date = typeof rawDate === 'number' ? excelDay(rawDate) : parseDate(get('date'))
    if (!date) problems.push(get('date') ? `ngày "${get('date')}" không hợp lệ (dd/mm/yyyy)` : 'thiếu ngày tiêm')
    else if (date > input.today) problems.push(`ngày ${get('date')} ở tương lai`)
    else if (date < '2021-01-01') problems.push(`ngày ${get('date')} trước năm 2021`)
    const ageGroup = parseAgeGroup(get('ageGroup'))
    if (!ageGroup) problems.push(`nhóm tuổi "${get('ageGroup')}" không hợp lệ (5-11, 12-17, 18-49, 50-64, 65+)`)
    const riskGroup = parseRiskGroup(get('riskGroup'))
    if (!riskGroup) problems.push(`nhóm nguy cơ "${get('riskGroup')}" không có trong danh mục`)
    const product = products.get(fold(get('product')))
    if (!product) problems.push(get('product') ? `vắc xin "${get('product')}" không có trong danh mục` : 'thiếu tên vắc xin')
    const dose = parseDose(get('dose'))
    if (!dose) problems.push(`mũi "${get('dose')}" không hợp lệ (1, 2, 3 hoặc nhắc lại)`)
    else if (product && dose !== 'booster' && Number(dose) > product.primaryDoses) problems.push(`${product.name} chỉ có ${product.primaryDoses} mũi cơ bản, không có mũi ${dose}`)
    const raw = get('doses').replace(/\s/g, '')
    const n = Number(/^\d{1,3}(\.\d{3})+$/.test(raw) ? raw.replace(/\./g, '') : raw)
    if (!get('doses') || !Number.isInteger(n) || n < 0 || n > MAX_DOSES_PER_ROW) problems.push(`số mũi "${get('doses')}" phải là số nguyên từ 0 đến ${MAX_DOSES_PER_ROW.toLocaleString('vi-VN')}`)
    if (problems.length === 0) {
      const key = `${unit!.id}|${date}|${ageGroup}|${riskGroup}|${product!.code}|${dose}`
      const first = seen.get(key)
      if (first !== undefined) problems.push(`trùng xã, ngày, nhóm, vắc xin và mũi với dòng ${first}`)
      else seen.set(key, r.line)
    }
    if (problems.length) {
      refused.push({ line: r.line, values: r.cells.map(text), reason: `${problems.join('; ')}.` })
      continue
    }
    out.push({ line: r.line, unitId: unit!.id, unitPath: unit!.path, date: date!, ageGroup: ageGroup!, riskGroup: riskGroup!, product: product!.code, dose: dose!, doses: n })
  }
  return { headers, rows: out, refused }
}

/** The worker's task: read the file (row limit, inflation limit) and check every row. */
export async function checkDoseFile(input: CheckInput & { fileName: string; content: Buffer }): Promise<CheckedDoses> {
  const table = await readTable(input.fileName, input.content, { maxRows: DOSE_IMPORT_ROWS, maxInflatedBytes: 200 * 1024 * 1024 })
  return checkDoseTable(table.headers, table.rows, input)
}
