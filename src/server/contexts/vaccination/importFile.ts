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

export const text = (c: Cell | undefined) => (c === null || c === undefined ? '' : String(c).trim())

/** A whole number as written in a table ("1234", "1.234", "1 234"), or null. */
export function wholeNumber(raw: string): number | null {
  const t = raw.replace(/\s/g, '')
  const n = Number(/^\d{1,3}(\.\d{3})+$/.test(t) ? t.replace(/\./g, '') : t)
  return t !== '' && Number.isInteger(n) && n >= 0 ? n : null
}

/** The commune a row names, or why it cannot be used. */
export function communeOf(code: string, units: Record<string, UnitRef>, what: string): UnitRef | string {
  const unit = units[code]
  if (!code) return 'thiếu mã xã, phường'
  if (!unit) return `mã đơn vị ${code} không có hoặc nằm ngoài địa bàn của bạn`
  if (unit.level !== 'commune') return `mã ${code} không phải xã, phường, đặc khu (${what} nhập theo xã)`
  return unit
}

/** An Excel day number (1900 system) as yyyy-mm-dd. */
export function excelDay(n: number): string | null {
  if (!Number.isInteger(n) || n < 1 || n > 100_000) return null
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10)
}

export function productIndex(products: CheckInput['products']): Map<string, CheckInput['products'][number]> {
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
    const found = communeOf(get('unitCode'), input.units, 'số mũi tiêm')
    const unit = typeof found === 'string' ? undefined : found
    if (typeof found === 'string') problems.push(found)
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
    const n = wholeNumber(get('doses'))
    if (!get('doses') || n === null || n > MAX_DOSES_PER_ROW) problems.push(`số mũi "${get('doses')}" phải là số nguyên từ 0 đến ${MAX_DOSES_PER_ROW.toLocaleString('vi-VN')}`)
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
    out.push({ line: r.line, unitId: unit!.id, unitPath: unit!.path, date: date!, ageGroup: ageGroup!, riskGroup: riskGroup!, product: product!.code, dose: dose!, doses: n! })
  }
  return { headers, rows: out, refused }
}

/** The worker's task: read the file (row limit, inflation limit) and check every row. */
export async function checkDoseFile(input: CheckInput & { fileName: string; content: Buffer }): Promise<CheckedDoses> {
  const table = await readTable(input.fileName, input.content, { maxRows: DOSE_IMPORT_ROWS, maxInflatedBytes: 200 * 1024 * 1024 })
  return checkDoseTable(table.headers, table.rows, input)
}

// --- Denominators: the population of each age group (and the high-risk group) per commune ------

export const POPULATION_IMPORT_ROWS = 50_000
export const MAX_GROUP_POPULATION = 10_000_000
export const DENOMINATOR_GROUPS = ['5-11', '12-17', '18-49', '50-64', '65+', 'high_risk'] as const
export type DenominatorGroup = (typeof DENOMINATOR_GROUPS)[number]
const HIGH_RISK_HEADERS = ['nguy co cao', 'nhom nguy co cao', 'nguoi co nguy co cao', 'high risk', 'high_risk', 'nguy co cao duoi 65', 'nhom nguy co cao duoi 65']

/** A group column's header: an age group ("18-49", "Từ 65 tuổi", "65+") or the high-risk group. */
function groupOfHeader(header: string): DenominatorGroup | null {
  if (HIGH_RISK_HEADERS.includes(fold(header))) return 'high_risk'
  return parseAgeGroup(header.replace(/^\s*(dân số|dan so|nhóm|nhom)\s*/i, ''))
}

export interface PopulationRow {
  line: number
  unitId: string
  unitPath: string
  populations: Partial<Record<DenominatorGroup, number>>
}

export interface CheckedPopulations {
  headers: string[]
  rows: PopulationRow[]
  refused: RefusedRow[]
}

/**
 * One row per commune: its code, then one column per group with the number of people (a blank
 * cell leaves that group as it is). Each row is checked whole: the commune in the importer's area,
 * every figure a whole number, the commune not twice in the file.
 */
export function checkPopulationTable(headers: string[], rows: { line: number; cells: Cell[] }[], units: Record<string, UnitRef>): CheckedPopulations {
  const codeAt = headers.findIndex((h) => COLUMNS.unitCode.includes(fold(h) as (typeof COLUMNS.unitCode)[number]))
  const groups = headers.map((h, i) => [i, groupOfHeader(h)] as const).filter((x): x is readonly [number, DenominatorGroup] => x[1] !== null)
  const missing = [...(codeAt < 0 ? ['"Mã xã"'] : []), ...(groups.length === 0 ? ['ít nhất một nhóm (5-11, 12-17, 18-49, 50-64, 65+, Nguy cơ cao)'] : [])]
  if (missing.length) throw new AppError(422, 'IMPORT_COLUMNS', `Tệp thiếu cột: ${missing.join(', ')}. Mỗi dòng một xã: Mã xã, rồi dân số của từng nhóm.`)
  const twice = groups.find(([, g], k) => groups.findIndex(([, h]) => h === g) !== k)
  if (twice) throw new AppError(422, 'IMPORT_COLUMNS', `Tệp có hai cột cho nhóm ${twice[1] === 'high_risk' ? 'nguy cơ cao' : twice[1]}.`)
  const out: PopulationRow[] = []
  const refused: RefusedRow[] = []
  const seen = new Map<string, number>()
  for (const r of rows) {
    if (r.cells.every((c) => text(c) === '')) continue
    const problems: string[] = []
    const found = communeOf(text(r.cells[codeAt]), units, 'dân số theo nhóm')
    if (typeof found === 'string') problems.push(found)
    const populations: Partial<Record<DenominatorGroup, number>> = {}
    for (const [i, g] of groups) {
      const raw = text(r.cells[i])
      if (raw === '') continue
      const n = wholeNumber(raw)
      if (n === null || n > MAX_GROUP_POPULATION) problems.push(`dân số nhóm ${g === 'high_risk' ? 'nguy cơ cao' : g} "${raw}" phải là số nguyên từ 0 đến ${MAX_GROUP_POPULATION.toLocaleString('vi-VN')}`)
      else populations[g] = n
    }
    if (problems.length === 0 && Object.keys(populations).length === 0) problems.push('không có số dân của nhóm nào')
    if (typeof found !== 'string' && problems.length === 0) {
      const first = seen.get(found.id)
      if (first !== undefined) problems.push(`xã này đã có ở dòng ${first}`)
      else seen.set(found.id, r.line)
    }
    if (problems.length || typeof found === 'string') {
      refused.push({ line: r.line, values: r.cells.map(text), reason: `${problems.join('; ')}.` })
      continue
    }
    out.push({ line: r.line, unitId: found.id, unitPath: found.path, populations })
  }
  return { headers, rows: out, refused }
}

/** The worker's task: read the file (row limit, inflation limit) and check every row. */
export async function checkPopulationFile(input: { units: Record<string, UnitRef>; fileName: string; content: Buffer }): Promise<CheckedPopulations> {
  const table = await readTable(input.fileName, input.content, { maxRows: POPULATION_IMPORT_ROWS, maxInflatedBytes: 200 * 1024 * 1024 })
  return checkPopulationTable(table.headers, table.rows, input.units)
}
