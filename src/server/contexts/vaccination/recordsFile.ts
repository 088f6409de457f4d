import { readCccd } from '../../../domain/people/cccd.ts'
import { headerKey, parseDate, parseSex, type Sex } from '../../../domain/surveillance/importColumns.ts'
import { fold } from '../../../domain/text/fold.ts'
import { ageAtDose } from '../../../domain/vaccination/age.ts'
import { type Dose, parseDose, parseRiskGroup, type RiskGroup } from '../../../domain/vaccination/groups.ts'
import { AppError } from '../../platform/errors.ts'
import { type Cell, readTable } from '../../platform/tabular.ts'
import { type CheckInput, communeOf, excelDay, productIndex, type RefusedRow, text, wholeNumber } from './importFile.ts'

// Reads a table of person-level doses in a parsing worker (never on the event loop): every row
// checked on its own (the person is matched and the age derived on the server thread), the good
// ones answered ready to match, the others with their line, values and reason.

export const RECORD_IMPORT_ROWS = 200_000

/** The columns, each with the headers it is known by (compared folded, "_" as a space). */
export const RECORD_COLUMNS = {
  fullName: ['full_name', 'ho ten', 'ho va ten', 'name'],
  birthYear: ['birth_year', 'nam sinh', 'year of birth'],
  sex: ['sex', 'gioi tinh', 'gioi'],
  nationalId: ['national_id', 'cccd', 'so cccd', 'so dinh danh', 'so dinh danh ca nhan', 'cccd cmnd'],
  phone: ['phone', 'dien thoai', 'so dien thoai', 'sdt'],
  communeCode: ['commune_code', 'ma xa', 'ma xa phuong', 'ma don vi', 'unit code'],
  doseDate: ['dose_date', 'ngay tiem', 'ngay', 'date'],
  product: ['product', 'vac xin', 'vaccine', 'loai vac xin'],
  dose: ['dose', 'mui', 'mui tiem', 'mui so', 'lieu'],
  lot: ['lot', 'so lo', 'lo', 'lo vac xin'],
  riskGroup: ['risk_group', 'nhom nguy co', 'nguy co'],
} as const
type Column = keyof typeof RECORD_COLUMNS
const REQUIRED: { col: Column; label: string }[] = [
  { col: 'fullName', label: '"Họ tên" (full_name)' },
  { col: 'communeCode', label: '"Mã xã" (commune_code)' },
  { col: 'doseDate', label: '"Ngày tiêm" (dose_date)' },
  { col: 'product', label: '"Vắc xin" (product)' },
  { col: 'dose', label: '"Mũi" (dose)' },
]

/** The downloadable template: Vietnamese headers, the English names accepted too, one example row. */
export const RECORD_TEMPLATE = [
  'Họ tên,Năm sinh,Giới tính,CCCD,Điện thoại,Mã xã,Ngày tiêm,Vắc xin,Mũi,Số lô,Nhóm nguy cơ',
  'Nguyễn Văn An,1980,Nam,091080000123,0912345678,30742,15/09/2021,AstraZeneca,1,AZ-21-0915,',
].join('\r\n')

export interface RecordRow {
  line: number
  fullName: string
  birthYear: number | null
  sex: Sex | null
  nationalId: string | null
  phone: string | null
  communeCode: string
  unitId: string
  unitPath: string
  doseDate: string
  product: string
  dose: Dose
  lot: string | null
  riskGroup: RiskGroup
  /** The row's values as read, for the error file when the server thread refuses it. */
  values: string[]
}

export interface CheckedRecords {
  headers: string[]
  rows: RecordRow[]
  refused: RefusedRow[]
}

/** The same person in a file: by CCCD when given, else by name, year of birth and commune. */
export const personKey = (r: { nationalId: string | null; fullName: string; birthYear: number | null; communeCode: string }) =>
  r.nationalId ? `nid:${r.nationalId}` : `name:${fold(r.fullName)}|${r.birthYear ?? ''}|${r.communeCode}`

export function checkRecordTable(headers: string[], rows: { line: number; cells: Cell[] }[], input: CheckInput): CheckedRecords {
  const index: Partial<Record<Column, number>> = {}
  headers.forEach((h, i) => {
    const k = headerKey(h)
    for (const [col, names] of Object.entries(RECORD_COLUMNS) as [Column, readonly string[]][]) if (index[col] === undefined && names.some((n) => headerKey(n) === k)) index[col] = i
  })
  const missing = REQUIRED.filter((r) => index[r.col] === undefined)
  if (missing.length) throw new AppError(422, 'IMPORT_COLUMNS', `Tệp thiếu cột: ${missing.map((m) => m.label).join(', ')}. Hãy dùng tệp mẫu.`)
  const products = productIndex(input.products)
  const currentYear = Number(input.today.slice(0, 4))
  const out: RecordRow[] = []
  const refused: RefusedRow[] = []
  const seen = new Map<string, number>()
  for (const r of rows) {
    if (r.cells.every((c) => text(c) === '')) continue
    const cell = (c: Column) => (index[c] === undefined ? undefined : r.cells[index[c]!])
    const get = (c: Column) => text(cell(c))
    const problems: string[] = []
    const fullName = get('fullName').replace(/\s+/g, ' ')
    if (!fullName) problems.push('thiếu họ tên')
    else if (fullName.length > 200) problems.push('họ tên dài quá 200 ký tự')
    const rawYear = get('birthYear')
    const birthYear = rawYear ? wholeNumber(rawYear) : null
    if (rawYear && (birthYear === null || birthYear < 1900 || birthYear > currentYear)) problems.push(`năm sinh "${rawYear}" không hợp lệ`)
    const sex = get('sex') ? parseSex(get('sex')) : null
    if (get('sex') && !sex) problems.push(`giới tính "${get('sex')}" không hợp lệ (Nam, Nữ)`)
    const nationalId = get('nationalId').replace(/\s/g, '') || null
    if (nationalId && !/^\d{9}$/.test(nationalId)) {
      const read = readCccd(nationalId)
      if (!read.ok) problems.push(`số CCCD "${nationalId}": ${read.problem}`)
    }
    if (!nationalId && !rawYear) problems.push('cần số CCCD hoặc năm sinh để nhận ra người được tiêm')
    const phone = get('phone').replace(/[\s.]/g, '') || null
    if (phone && !/^\+?\d{8,15}$/.test(phone)) problems.push(`số điện thoại "${get('phone')}" không hợp lệ`)
    const found = communeOf(get('communeCode'), input.units, 'mũi tiêm')
    if (typeof found === 'string') problems.push(found)
    const rawDate = cell('doseDate')
    const doseDate = typeof rawDate === 'number' ? excelDay(rawDate) : parseDate(get('doseDate'))
    if (!doseDate) problems.push(get('doseDate') ? `ngày tiêm "${get('doseDate')}" không hợp lệ (dd/mm/yyyy)` : 'thiếu ngày tiêm')
    else if (doseDate > input.today) problems.push(`ngày tiêm ${get('doseDate')} ở tương lai`)
    else if (doseDate < '2021-01-01') problems.push(`ngày tiêm ${get('doseDate')} trước năm 2021`)
    // The age from the year the file gives (a person found in the registry is checked again by its own record).
    const age = birthYear !== null && doseDate && doseDate <= input.today ? ageAtDose({ birthDate: null, birthYear }, doseDate) : null
    if (age && !age.ok) problems.push(age.message.replace(/\.$/, ''))
    const product = products.get(fold(get('product')))
    if (!product) problems.push(get('product') ? `vắc xin "${get('product')}" không có trong danh mục` : 'thiếu tên vắc xin')
    const dose = parseDose(get('dose'))
    if (!dose) problems.push(`mũi "${get('dose')}" không hợp lệ (1, 2, 3 hoặc nhắc lại)`)
    const riskGroup = parseRiskGroup(get('riskGroup'))
    if (!riskGroup) problems.push(`nhóm nguy cơ "${get('riskGroup')}" không có trong danh mục`)
    const lot = get('lot') || null
    if (lot && lot.length > 60) problems.push('số lô dài quá 60 ký tự')
    if (problems.length === 0) {
      const key = `${personKey({ nationalId, fullName, birthYear, communeCode: get('communeCode') })}|${dose}`
      const first = seen.get(key)
      if (first !== undefined) problems.push(`trùng người và mũi với dòng ${first}`)
      else seen.set(key, r.line)
    }
    const values = r.cells.map(text)
    if (problems.length || typeof found === 'string') {
      refused.push({ line: r.line, values, reason: `${problems.join('; ')}.` })
      continue
    }
    out.push({ line: r.line, fullName, birthYear, sex, nationalId, phone, communeCode: get('communeCode'), unitId: found.id, unitPath: found.path, doseDate: doseDate!, product: product!.code, dose: dose!, lot, riskGroup: riskGroup!, values })
  }
  return { headers, rows: out, refused }
}

/** The worker's task: read the file (row limit, inflation limit) and check every row. */
export async function checkRecordFile(input: CheckInput & { fileName: string; content: Buffer }): Promise<CheckedRecords> {
  const table = await readTable(input.fileName, input.content, { maxRows: RECORD_IMPORT_ROWS, maxInflatedBytes: 200 * 1024 * 1024 })
  return checkRecordTable(table.headers, table.rows, input)
}
