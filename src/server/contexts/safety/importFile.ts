import { FACILITY_KIND_VI, FACILITY_KINDS, type FacilityKind } from '../../../domain/safety/checklist.ts'
import { fold } from '../../../domain/text/fold.ts'
import { AppError } from '../../platform/errors.ts'
import { type Cell, readTable } from '../../platform/tabular.ts'

// Reads a table of facilities in a parsing worker (never on the event loop): every row checked,
// the good ones answered ready to write, the others with their line, values and reason.

/** Rows of one facility import. */
export const FACILITY_IMPORT_ROWS = 100_000

export const FACILITY_COLUMNS = {
  name: ['ten co so', 'ten', 'co so', 'name'],
  kind: ['loai', 'loai co so', 'kind'],
  unitCode: ['ma xa', 'ma don vi', 'ma xa phuong', 'unit', 'unit code'],
  address: ['dia chi', 'address'],
  lon: ['kinh do', 'lon', 'longitude'],
  lat: ['vi do', 'lat', 'latitude'],
  headName: ['nguoi dung dau', 'nguoi phu trach', 'head'],
  headPhone: ['dien thoai', 'so dien thoai', 'phone'],
  workers: ['so lao dong', 'lao dong', 'workers'],
  students: ['so hoc sinh', 'hoc sinh', 'students'],
  rooms: ['so phong', 'phong', 'rooms'],
  dailyVisitors: ['khach moi ngay', 'so khach moi ngay', 'daily visitors'],
} as const
type Column = keyof typeof FACILITY_COLUMNS

export interface UnitRef {
  id: string
  path: string
}

export interface ImportRow {
  line: number
  /** The row as written, for the error file should it be refused when written. */
  values: string[]
  name: string
  nameFold: string
  kind: FacilityKind
  unitId: string
  unitPath: string
  address: string | null
  addressFold: string
  lon: number | null
  lat: number | null
  headName: string | null
  headPhone: string | null
  workers: number | null
  students: number | null
  rooms: number | null
  dailyVisitors: number | null
}

export interface RefusedRow {
  line: number
  values: string[]
  reason: string
}

export interface CheckedFacilities {
  headers: string[]
  rows: ImportRow[]
  refused: RefusedRow[]
}

const KIND_BY_FOLD = new Map<string, FacilityKind>([
  ...FACILITY_KINDS.map((k) => [k, k] as [string, FacilityKind]),
  ...FACILITY_KINDS.map((k) => [fold(FACILITY_KIND_VI[k]), k] as [string, FacilityKind]),
  ['benh vien', 'hospital'],
  ['phong kham', 'clinic'],
  ['truong hoc', 'school'],
  ['truong', 'school'],
  ['mam non', 'kindergarten'],
  ['khach san', 'hotel'],
  ['nha nghi', 'hotel'],
  ['homestay', 'homestay'],
  ['diem du lich', 'tourist_site'],
  ['cho', 'market'],
  ['sieu thi', 'supermarket'],
  ['trung tam thuong mai', 'supermarket'],
  ['nha hang', 'restaurant'],
  ['quan an', 'restaurant'],
  ['nha may', 'factory'],
  ['doanh nghiep', 'factory'],
  ['co so san xuat', 'factory'],
  ['van phong', 'office'],
  ['co quan', 'office'],
  ['ben xe', 'transport_station'],
  ['ben tau', 'transport_station'],
  ['san bay', 'transport_station'],
  ['chua', 'religious_site'],
  ['nha tho', 'religious_site'],
  ['khac', 'other'],
])

const text = (c: Cell | undefined) => (c === null || c === undefined ? '' : String(c).trim())

export function checkFacilityTable(headers: string[], rows: { line: number; cells: Cell[] }[], units: Record<string, UnitRef>): CheckedFacilities {
  const index: Partial<Record<Column, number>> = {}
  headers.forEach((h, i) => {
    const f = fold(h)
    for (const [col, names] of Object.entries(FACILITY_COLUMNS) as [Column, readonly string[]][]) if (index[col] === undefined && names.includes(f)) index[col] = i
  })
  const missing = (['name', 'kind', 'unitCode'] as const).filter((c) => index[c] === undefined)
  if (missing.length)
    throw new AppError(
      422,
      'IMPORT_COLUMNS',
      `Tệp thiếu cột: ${missing.map((c) => ({ name: '"Tên cơ sở"', kind: '"Loại"', unitCode: '"Mã xã"' })[c]).join(', ')}. Các cột nhận: Tên cơ sở, Loại, Mã xã, Địa chỉ, Kinh độ, Vĩ độ, Người đứng đầu, Điện thoại, Số lao động, Số học sinh, Số phòng, Khách mỗi ngày.`,
    )
  const out: ImportRow[] = []
  const refused: RefusedRow[] = []
  const seen = new Map<string, number>()
  for (const r of rows) {
    const get = (c: Column) => (index[c] === undefined ? '' : text(r.cells[index[c]!]))
    if (r.cells.every((c) => text(c) === '')) continue
    const problems: string[] = []
    const name = get('name')
    if (!name) problems.push('thiếu tên cơ sở')
    else if (name.length > 300) problems.push('tên dài quá 300 ký tự')
    const kindText = get('kind')
    const kind = KIND_BY_FOLD.get(fold(kindText))
    if (!kind) problems.push(kindText ? `loại "${kindText}" không có trong danh mục` : 'thiếu loại cơ sở')
    const code = get('unitCode')
    const unit = units[code]
    if (!code) problems.push('thiếu mã xã, phường')
    else if (!unit) problems.push(`mã đơn vị ${code} không có hoặc nằm ngoài địa bàn của bạn`)
    const address = get('address')
    if (address.length > 500) problems.push('địa chỉ dài quá 500 ký tự')
    const num = (c: Column, what: string, min: number, max: number, integer: boolean): number | null => {
      const v = get(c).replace(',', '.')
      if (!v) return null
      const n = Number(v)
      if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
        problems.push(`${what} "${get(c)}" phải là ${integer ? 'số nguyên' : 'số'} từ ${min} đến ${max}`)
        return null
      }
      return n
    }
    const lon = num('lon', 'kinh độ', 102, 110, false)
    const lat = num('lat', 'vĩ độ', 8, 24, false)
    if ((lon === null) !== (lat === null) && !problems.some((p) => p.includes('độ'))) problems.push('vị trí cần cả kinh độ và vĩ độ')
    const phone = get('headPhone').replace(/[\s.()-]/g, '')
    if (phone && !/^\+?\d{8,15}$/.test(phone)) problems.push(`số điện thoại "${get('headPhone')}" không hợp lệ`)
    const headName = get('headName')
    if (headName.length > 200) problems.push('tên người đứng đầu dài quá 200 ký tự')
    const workers = num('workers', 'số lao động', 0, 1_000_000, true)
    const students = num('students', 'số học sinh', 0, 1_000_000, true)
    const rooms = num('rooms', 'số phòng', 0, 100_000, true)
    const dailyVisitors = num('dailyVisitors', 'số khách mỗi ngày', 0, 10_000_000, true)
    const nameFold = fold(name)
    const addressFold = fold(address)
    if (problems.length === 0 && unit) {
      const key = `${unit.id}|${nameFold}|${addressFold}`
      const first = seen.get(key)
      if (first !== undefined) problems.push(`trùng tên và địa chỉ với dòng ${first}`)
      else seen.set(key, r.line)
    }
    if (problems.length) {
      refused.push({ line: r.line, values: r.cells.map(text), reason: `${problems.join('; ')}.` })
      continue
    }
    out.push({
      line: r.line,
      values: r.cells.map(text),
      name,
      nameFold,
      kind: kind!,
      unitId: unit!.id,
      unitPath: unit!.path,
      address: address || null,
      addressFold,
      lon: lat === null ? null : lon,
      lat: lon === null ? null : lat,
      headName: headName || null,
      headPhone: phone || null,
      workers,
      students,
      rooms,
      dailyVisitors,
    })
  }
  return { headers, rows: out, refused }
}

/** The worker's task: read the file (row limit, inflation limit) and check every row. */
export async function checkFacilityFile(input: { fileName: string; content: Buffer; units: Record<string, UnitRef> }): Promise<CheckedFacilities> {
  const table = await readTable(input.fileName, input.content, { maxRows: FACILITY_IMPORT_ROWS, maxInflatedBytes: 200 * 1024 * 1024 })
  return checkFacilityTable(table.headers, table.rows, input.units)
}
