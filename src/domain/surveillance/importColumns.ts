import countries from 'i18n-iso-countries'
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import vi from 'i18n-iso-countries/langs/vi.json' with { type: 'json' }
import { isoDate } from '../documents/dates.ts'
import { checkNationalId } from '../people/cccd.ts'
import { fold } from '../text/fold.ts'

/**
 * The three bulk-import files of surveillance: cases, contacts (one row per exposure) and test
 * results. Each column has its key (the English header), its Vietnamese header, the other headers
 * accepted for it, whether it is required, a note for the template and an example value. Values
 * are read here, with a Vietnamese reason for every value refused; the import reports them by line.
 */

export const IMPORT_KINDS = ['cases', 'contacts', 'tests'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

export const IMPORT_KIND_NAMES: Record<ImportKind, string> = { cases: 'ca bệnh', contacts: 'người tiếp xúc', tests: 'kết quả xét nghiệm' }

export interface ImportColumn {
  key: string
  /** The header of the template. */
  vi: string
  /** Other headers accepted, compared folded (no diacritics, case, "_" as a space). */
  aliases: readonly string[]
  required: boolean
  note: string
  example: string
}

const col = (key: string, viName: string, required: boolean, note: string, example: string, aliases: string[] = []): ImportColumn => ({
  key,
  vi: viName,
  aliases,
  required,
  note,
  example,
})

const PERSON_COLUMNS: ImportColumn[] = [
  col('ref', 'Mã tham chiếu', false, 'Mã của người trong nguồn dữ liệu (mã bệnh nhân, mã trong danh sách), duy nhất trong nguồn. Cần mã này hoặc số CCCD để nhận ra người.', 'BN-0001', [
    'ma',
    'ma bn',
    'ma benh nhan',
    'ma nguoi',
    'ma ca',
    'id',
    'reference',
  ]),
  col('full_name', 'Họ tên', false, 'Bắt buộc khi người chưa có trong sổ.', 'Nguyễn Văn An', ['ho va ten', 'ten', 'name', 'fullname']),
  col('birth_year', 'Năm sinh', false, 'Bốn chữ số.', '1985', ['year of birth', 'nam sinh yyyy']),
  col('sex', 'Giới tính', false, 'nam / nữ (male / female).', 'nam', ['gioi', 'gender']),
  col('national_id', 'Số CCCD', false, '12 chữ số (hoặc CMND 9 chữ số); được đối chiếu với năm sinh và giới tính.', '091085000123', [
    'cccd',
    'can cuoc',
    'can cuoc cong dan',
    'so dinh danh',
    'cmnd',
    'cccd/cmnd',
    'so cccd/cmnd',
    'national id',
    'id number',
  ]),
  col('passport', 'Số hộ chiếu', false, 'Cho người nước ngoài (tùy chọn), kèm cột Quốc tịch.', '', ['ho chieu', 'passport no', 'passport number']),
  col('nationality', 'Quốc tịch', false, 'Mã ISO 3166 (VN, CN, US…) hoặc tên nước (tùy chọn, mặc định VN).', '', ['nationality']),
  col('phone', 'Số điện thoại', false, 'Tùy chọn.', '0912345678', ['dien thoai', 'sdt', 'phone number', 'mobile']),
  col('commune_code', 'Mã xã', false, 'Mã xã, phường (hoặc mã ấp, khu phố) nơi cư trú; bắt buộc khi người chưa có trong sổ, phải thuộc địa bàn của người nhập.', '30742', [
    'ma phuong',
    'ma xa/phuong',
    'ma don vi',
    'commune',
    'unit code',
    'ward code',
  ]),
]

export const IMPORT_COLUMNS: Record<ImportKind, readonly ImportColumn[]> = {
  cases: [
    ...PERSON_COLUMNS,
    col('onset_date', 'Ngày khởi phát', false, 'dd/mm/yyyy hoặc yyyy-mm-dd; để trống nếu không triệu chứng.', '12/07/2021', ['ngay khoi phat trieu chung', 'onset']),
    col('confirmed_date', 'Ngày xác định', false, 'Ngày có kết quả khẳng định.', '14/07/2021', ['ngay khang dinh', 'ngay xac nhan', 'ngay cong bo', 'confirmation date']),
    col('classification', 'Phân loại', true, 'xác định / có thể / nghi ngờ / loại trừ (confirmed / probable / suspected / discarded).', 'xác định', [
      'phan loai ca',
      'case classification',
    ]),
    col('source', 'Nguồn lây', false, 'nhập cảnh / liên quan / chưa rõ (imported / linked / unknown); mặc định chưa rõ.', 'liên quan', [
      'nguon lay nhiem',
      'nguon',
      'source kind',
      'infection source',
    ]),
    col('source_ref', 'Mã nguồn', false, 'Ca liên quan: mã tham chiếu của ca nguồn hoặc mã ổ dịch. Ca nhập cảnh: số hiệu chuyến bay hoặc cửa khẩu.', 'BN-0000', [
      'ma nguon lay',
      'lien quan den',
      'chuyen bay',
      'source reference',
      'linked to',
    ]),
    col('country', 'Quốc gia', false, 'Nước nhiễm bệnh của ca nhập cảnh: mã ISO 3166 (KH, CN…) hoặc tên nước.', '', ['nuoc', 'quoc gia nguon', 'nuoc di ve', 'source country']),
  ],
  contacts: [
    ...PERSON_COLUMNS,
    col('exposed_to_ref', 'Tiếp xúc với', true, 'Mã tham chiếu của người nguồn: một ca bệnh hoặc một người tiếp xúc khác (cùng nguồn dữ liệu).', 'BN-0001', [
      'tiep xuc voi ma',
      'ma nguoi nguon',
      'ma nguon tiep xuc',
      'exposed to',
      'source person',
    ]),
    col('exposure_date', 'Ngày tiếp xúc', true, 'dd/mm/yyyy hoặc yyyy-mm-dd. Mỗi lần tiếp xúc một dòng.', '10/07/2021', ['ngay tiep xuc cuoi', 'exposed on']),
    col(
      'setting',
      'Bối cảnh',
      false,
      'hộ gia đình / nơi làm việc / trường học / chợ / phương tiện / cơ sở y tế / tụ tập / giải trí / tôn giáo / khác; mặc định khác.',
      'hộ gia đình',
      ['boi canh tiep xuc', 'noi tiep xuc', 'hoan canh tiep xuc', 'exposure setting'],
    ),
  ],
  tests: [
    col('ref', 'Mã tham chiếu', true, 'Mã của người được xét nghiệm trong nguồn dữ liệu (đã nhập trước đó qua danh sách ca bệnh hoặc người tiếp xúc).', 'BN-0001', [
      'ma',
      'ma bn',
      'ma benh nhan',
      'ma nguoi',
      'id',
      'reference',
    ]),
    col('sample_date', 'Ngày lấy mẫu', true, 'dd/mm/yyyy hoặc yyyy-mm-dd.', '13/07/2021', ['sampled on']),
    col('result_date', 'Ngày có kết quả', false, 'Không trước ngày lấy mẫu.', '14/07/2021', ['ngay tra ket qua', 'ngay ket qua']),
    col('method', 'Phương pháp', true, 'pcr (RT-PCR) / antigen (test nhanh kháng nguyên).', 'RT-PCR', ['loai xet nghiem', 'ky thuat', 'test type']),
    col('result', 'Kết quả', true, 'dương tính / âm tính (positive / negative).', 'dương tính', []),
    col('pool_id', 'Mã mẫu gộp', false, 'Mã mẫu gộp của phòng xét nghiệm, nếu mẫu được gộp.', '', ['mau gop', 'ma gop', 'pool', 'pool code']),
    col('lab', 'Phòng xét nghiệm', false, 'Tên cơ sở xét nghiệm.', 'CDC An Giang', ['co so xet nghiem', 'noi xet nghiem', 'laboratory']),
    col('ct', 'Ct', false, 'Giá trị Ct (0–60), dấu phẩy hoặc chấm thập phân.', '24,5', ['gia tri ct', 'chi so ct', 'ct value']),
  ],
}

/** A header as compared: folded, "_" and brackets as spaces. */
export function headerKey(text: string): string {
  return fold(text)
    .replace(/[_()[\]:*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

export interface HeaderMatch {
  /** For each column key, the index of its column in the file. */
  index: Record<string, number>
  /** Required columns the file lacks, by their Vietnamese header. */
  missing: string[]
  /** Headers of the file that are none of the columns (left alone). */
  unknown: string[]
}

/** Finds the columns of `kind` among a file's headers, by key, Vietnamese header or alias. */
export function matchHeaders(kind: ImportKind, headers: readonly string[]): HeaderMatch {
  const byName = new Map<string, string>()
  for (const c of IMPORT_COLUMNS[kind]) for (const name of [c.key, c.vi, ...c.aliases]) byName.set(headerKey(name), c.key)
  const index: Record<string, number> = {}
  const unknown: string[] = []
  headers.forEach((h, i) => {
    const key = byName.get(headerKey(h))
    if (key === undefined) {
      if (h.trim()) unknown.push(h)
    } else if (!(key in index)) index[key] = i
  })
  const missing = IMPORT_COLUMNS[kind].filter((c) => c.required && !(c.key in index)).map((c) => `"${c.vi}" (${c.key})`)
  if (kind !== 'tests' && !('ref' in index) && !('national_id' in index)) missing.push('"Mã tham chiếu" (ref) hoặc "Số CCCD" (national_id)')
  return { index, missing, unknown }
}

// ---------------------------------------------------------------------------------------------
// Values

export type Cell = string | number | null | undefined

export type Sex = 'male' | 'female' | 'other'
export type Classification = 'suspected' | 'probable' | 'confirmed' | 'discarded'
export type SourceKind = 'imported' | 'linked' | 'unknown'
export type TestMethod = 'pcr' | 'antigen'
export type TestResult = 'positive' | 'negative'
export const EXPOSURE_SETTINGS = ['household', 'workplace', 'school', 'market', 'vehicle', 'health_facility', 'gathering', 'entertainment', 'religious', 'other'] as const
export type ExposureSetting = (typeof EXPOSURE_SETTINGS)[number]

/** Words accepted for a coded value, folded; each maps to its code. */
function vocabulary<T extends string>(entries: Record<T, readonly string[]>): Map<string, T> {
  const m = new Map<string, T>()
  for (const [code, words] of Object.entries(entries) as [T, string[]][]) for (const w of [code, ...words]) m.set(headerKey(w), code)
  return m
}

const SEXES = vocabulary<Sex>({ male: ['nam', 'm', 'trai', 'nam gioi'], female: ['nu', 'f', 'gai', 'nu gioi'], other: ['khac'] })
/** A sex as written in a table ("Nam", "nữ", "F"), or null. */
export const parseSex = (text: string): Sex | null => SEXES.get(headerKey(text)) ?? null
const CLASSIFICATIONS = vocabulary<Classification>({
  confirmed: ['xac dinh', 'ca xac dinh', 'khang dinh', 'ca benh xac dinh', 'duong tinh', 'f0'],
  probable: ['co the', 'ca co the', 'nghi ngo cao'],
  suspected: ['nghi ngo', 'ca nghi ngo', 'nghi nhiem'],
  discarded: ['loai tru', 'da loai tru', 'khong phai ca benh'],
})
const SOURCES = vocabulary<SourceKind>({
  imported: ['nhap canh', 'ngoai nhap', 'xam nhap', 'tu nuoc ngoai', 'ca nhap canh', 'import'],
  linked: ['lien quan', 'co lien quan', 'lay trong nuoc', 'lay nhiem trong nuoc', 'trong cong dong co lien quan', 'link'],
  unknown: ['chua ro', 'khong ro', 'chua ro nguon', 'chua ro nguon lay', 'dang dieu tra', 'khong xac dinh'],
})
const METHODS = vocabulary<TestMethod>({
  pcr: ['rt-pcr', 'rt pcr', 'rtpcr', 'xet nghiem pcr', 'realtime pcr', 'real-time pcr'],
  antigen: ['test nhanh', 'test nhanh khang nguyen', 'khang nguyen', 'xet nghiem nhanh', 'ag', 'rapid', 'rapid test', 'rapid antigen', 'atk'],
})
const RESULTS = vocabulary<TestResult>({
  positive: ['duong tinh', 'duong', '+', 'pos', 'duong tinh sars-cov-2'],
  negative: ['am tinh', 'am', '-', 'neg', 'am tinh sars-cov-2'],
})
const SETTINGS = vocabulary<ExposureSetting>({
  household: ['ho gia dinh', 'gia dinh', 'cung nha', 'trong nha', 'home'],
  workplace: ['noi lam viec', 'co quan', 'cong ty', 'nha may', 'work'],
  school: ['truong hoc', 'truong', 'lop hoc'],
  market: ['cho', 'sieu thi', 'cho dau moi'],
  vehicle: ['phuong tien', 'xe', 'xe khach', 'may bay', 'tau', 'chuyen bay', 'transport'],
  health_facility: ['co so y te', 'benh vien', 'tram y te', 'phong kham', 'hospital'],
  gathering: ['tu tap', 'su kien', 'dam cuoi', 'dam tang', 'hoi hop', 'le hoi'],
  entertainment: ['giai tri', 'karaoke', 'quan bar', 'vu truong', 'quan an', 'nha hang'],
  religious: ['ton giao', 'nha tho', 'chua', 'co so ton giao', 'thanh duong'],
  other: ['khac'],
})

countries.registerLocale(vi)
countries.registerLocale(en)

/** Short Vietnamese names in common use that the ISO lists spell otherwise. */
const COUNTRY_NAMES: Record<string, string> = {
  anh: 'GB',
  'vuong quoc anh': 'GB',
  uk: 'GB',
  'hoa ky': 'US',
  my: 'US',
  usa: 'US',
  sec: 'CZ',
  'cong hoa sec': 'CZ',
  'cong hoa czech': 'CZ',
  czech: 'CZ',
  nga: 'RU',
  nhat: 'JP',
  'han quoc': 'KR',
  'trieu tien': 'KP',
  lao: 'LA',
  campuchia: 'KH',
  'cam pu chia': 'KH',
  'dai loan': 'TW',
  'hong kong': 'HK',
  'thuy si': 'CH',
  uc: 'AU',
  'hung ga ri': 'HU',
}
let countryIndex: Map<string, string> | null = null

function countryByName(text: string): string | null {
  if (!countryIndex) {
    countryIndex = new Map(Object.entries(COUNTRY_NAMES))
    for (const lang of ['en', 'vi']) {
      for (const [code, names] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
        for (const n of [names].flat()) if (!countryIndex.has(headerKey(n))) countryIndex.set(headerKey(n), code)
      }
    }
  }
  return countryIndex.get(headerKey(text)) ?? null
}

/** An ISO 3166 alpha-2 code from a code (alpha-2 or alpha-3) or a country's name in Vietnamese or English. */
export function parseCountry(text: string): string | null {
  const t = text.trim()
  if (/^[A-Za-z]{2}$/.test(t) && countries.isValid(t.toUpperCase())) return t.toUpperCase()
  if (/^[A-Za-z]{3}$/.test(t)) {
    const a2 = countries.alpha3ToAlpha2(t.toUpperCase())
    if (a2) return a2
  }
  return countryByName(t)
}

/** A date written dd/mm/yyyy (also d/m/yyyy, with - or .) or yyyy-mm-dd, as yyyy-mm-dd; null when it is none. */
export function parseDate(text: string): string | null {
  const t = text.trim()
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(t)
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]))
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t)
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]))
  return null
}

// ---------------------------------------------------------------------------------------------
// Rows

export interface PersonFields {
  ref: string | null
  fullName: string | null
  birthYear: number | null
  sex: Sex | null
  nationalId: string | null
  passportNo: string | null
  nationality: string | null
  phone: string | null
  communeCode: string | null
}

export interface CaseRow extends PersonFields {
  onsetDate: string | null
  confirmedDate: string | null
  classification: Classification
  source: SourceKind
  sourceRef: string | null
  country: string | null
}

export interface ContactRow extends PersonFields {
  exposedToRef: string
  exposureDate: string
  setting: ExposureSetting
}

export interface TestRow {
  ref: string
  sampleDate: string
  resultDate: string | null
  method: TestMethod
  result: TestResult
  poolId: string | null
  lab: string
  ct: number | null
}

export type RowOf<K extends ImportKind> = K extends 'cases' ? CaseRow : K extends 'contacts' ? ContactRow : TestRow

export type ParsedRow<K extends ImportKind = ImportKind> = { ok: true; row: RowOf<K> } | { ok: false; reasons: string[] }

export interface ParseOptions {
  /** Today in Vietnam (yyyy-mm-dd): no date may be after it. */
  today: string
}

/** The text of a cell: numbers as written (no exponent), trimmed; empty as null. */
export function cellText(v: Cell): string | null {
  if (v === null || v === undefined) return null
  const s = typeof v === 'number' ? (Number.isInteger(v) ? v.toFixed(0) : String(v)) : v.trim()
  return s === '' ? null : s
}

/** Reads one row's cells (by the header match) for `kind`; every problem is named, in Vietnamese. */
export function parseRow<K extends ImportKind>(kind: K, cells: readonly Cell[], index: Record<string, number>, opts: ParseOptions): ParsedRow<K> {
  return rowReader(kind, index, opts)(cells)
}

/** Values seen, remembered for the rows that repeat them (dates, methods, results), up to this many each. */
const MEMO = 5000

/**
 * A reader of the rows of one file: the column lookups are prepared once and the values that
 * repeat from row to row (dates, coded words) are read once, so a million rows cost little more
 * than the CSV parser itself.
 */
export function rowReader<K extends ImportKind>(kind: K, index: Record<string, number>, opts: ParseOptions): (cells: readonly Cell[]) => ParsedRow<K> {
  let reasons: string[] = []
  let cells: readonly Cell[] = []
  const labels = new Map(IMPORT_COLUMNS[kind].map((c) => [c.key, `"${c.vi}"`]))
  const label = (key: string) => labels.get(key) ?? key
  const text = (key: string): string | null => {
    const i = index[key]
    return i === undefined ? null : cellText(cells[i])
  }
  const required = (key: string): string | null => {
    const v = text(key)
    if (v === null) reasons.push(`Thiếu ${label(key)}.`)
    return v
  }
  const bad = (key: string, value: string, expected: string) => reasons.push(`${label(key)} "${value}" không hợp lệ: ${expected}.`)
  const memos = new Map<Map<string, string>, Map<string, string | null>>()
  const coded = <T extends string>(key: string, value: string | null, words: Map<string, T>, expected: string): T | null => {
    if (value === null) return null
    let memo = memos.get(words)
    if (!memo) {
      memo = new Map()
      memos.set(words, memo)
    }
    let code = memo.get(value)
    if (code === undefined) {
      code = words.get(headerKey(value)) ?? null
      if (memo.size < MEMO) memo.set(value, code)
    }
    if (code === null) bad(key, value, expected)
    return code as T | null
  }
  const dates = new Map<string, string | null>()
  const date = (key: string, value: string | null): string | null => {
    if (value === null) return null
    let d = dates.get(value)
    if (d === undefined) {
      d = parseDate(value)
      if (dates.size < MEMO) dates.set(value, d)
    }
    if (d === null) bad(key, value, 'cần ngày có thật, dạng dd/mm/yyyy hoặc yyyy-mm-dd')
    else if (d > opts.today) reasons.push(`${label(key)} ${value} ở sau ngày hôm nay.`)
    return d
  }
  const short = (key: string, value: string | null, max: number): string | null => {
    if (value !== null && value.length > max) reasons.push(`${label(key)} dài quá ${max} ký tự.`)
    return value
  }

  return (input: readonly Cell[]): ParsedRow<K> => {
  cells = input
  reasons = []
  if (kind === 'tests') {
    const ref = short('ref', required('ref'), 80)
    const sampleDate = date('sample_date', required('sample_date'))
    const resultDate = date('result_date', text('result_date'))
    if (sampleDate && resultDate && resultDate < sampleDate) reasons.push('"Ngày có kết quả" ở trước "Ngày lấy mẫu".')
    const method = coded('method', required('method'), METHODS, 'pcr, RT-PCR, antigen hoặc test nhanh')
    const result = coded('result', required('result'), RESULTS, 'dương tính hoặc âm tính (positive, negative)')
    const ctText = text('ct')
    let ct: number | null = null
    if (ctText !== null) {
      const n = Number(ctText.replace(',', '.'))
      if (!Number.isFinite(n) || n < 0 || n > 60) bad('ct', ctText, 'cần số từ 0 đến 60')
      else ct = Math.round(n * 10) / 10
    }
    const row: TestRow = {
      ref: ref ?? '',
      sampleDate: sampleDate ?? '',
      resultDate,
      method: method ?? 'pcr',
      result: result ?? 'negative',
      poolId: short('pool_id', text('pool_id'), 80),
      lab: short('lab', text('lab'), 200) ?? '',
      ct,
    }
    return reasons.length ? { ok: false, reasons } : { ok: true, row: row as RowOf<K> }
  }

  const person = personFields(text, reasons, bad, short, opts)
  if (person.ref === null && person.nationalId === null && person.passportNo === null) reasons.push('Cần "Mã tham chiếu" hoặc "Số CCCD" để nhận ra người.')
  if (kind === 'cases') {
    const classification = coded('classification', required('classification'), CLASSIFICATIONS, 'xác định, có thể, nghi ngờ hoặc loại trừ')
    const source = coded('source', text('source'), SOURCES, 'nhập cảnh, liên quan hoặc chưa rõ (imported, linked, unknown)') ?? 'unknown'
    const countryText = text('country')
    const country = countryText === null ? null : parseCountry(countryText)
    if (countryText !== null && country === null) bad('country', countryText, 'cần mã ISO 3166 (KH, CN, US…) hoặc tên nước')
    const onsetDate = date('onset_date', text('onset_date'))
    const confirmedDate = date('confirmed_date', text('confirmed_date'))
    const sourceRef = short('source_ref', text('source_ref'), 80)
    if (source === 'linked' && sourceRef === null) reasons.push('Ca "liên quan" cần "Mã nguồn": mã của ca nguồn hoặc mã ổ dịch.')
    const row: CaseRow = { ...person, onsetDate, confirmedDate, classification: classification ?? 'suspected', source, sourceRef, country }
    return reasons.length ? { ok: false, reasons } : { ok: true, row: row as RowOf<K> }
  }
  const exposedToRef = short('exposed_to_ref', required('exposed_to_ref'), 80)
  const exposureDate = date('exposure_date', required('exposure_date'))
  const setting = coded('setting', text('setting'), SETTINGS, 'hộ gia đình, nơi làm việc, trường học, chợ, phương tiện, cơ sở y tế, tụ tập, giải trí, tôn giáo hoặc khác') ?? 'other'
  if (exposedToRef !== null && exposedToRef === person.ref) reasons.push('Một người không thể tiếp xúc với chính mình.')
  const row: ContactRow = { ...person, exposedToRef: exposedToRef ?? '', exposureDate: exposureDate ?? '', setting }
  return reasons.length ? { ok: false, reasons } : { ok: true, row: row as RowOf<K> }
}
}

function personFields(
  text: (key: string) => string | null,
  reasons: string[],
  bad: (key: string, value: string, expected: string) => void,
  short: (key: string, value: string | null, max: number) => string | null,
  opts: ParseOptions,
): PersonFields {
  const currentYear = Number(opts.today.slice(0, 4))
  const ref = short('ref', text('ref'), 80)
  const fullName = short('full_name', text('full_name')?.replace(/\s+/g, ' ') ?? null, 200)
  const yearText = text('birth_year')
  let birthYear: number | null = null
  if (yearText !== null) {
    const y = Number(yearText)
    if (!Number.isInteger(y) || y < 1900 || y > currentYear) bad('birth_year', yearText, `cần năm từ 1900 đến ${currentYear}`)
    else birthYear = y
  }
  const sexText = text('sex')
  const sex = sexText === null ? null : (SEXES.get(headerKey(sexText)) ?? null)
  if (sexText !== null && sex === null) bad('sex', sexText, 'nam hoặc nữ (male, female)')
  const idText = text('national_id')
  let nationalId: string | null = null
  if (idText !== null) {
    const digits = idText.replace(/[\s.]/g, '')
    if (/^\d{9}$/.test(digits)) nationalId = digits
    else if (/^\d{12}$/.test(digits)) {
      const problems = checkNationalId(digits, { birthYear, sex: sex === 'other' ? null : sex, currentYear })
      if (problems.length) reasons.push(`"Số CCCD" ${digits}: ${problems.join(' ')}`)
      else nationalId = digits
    } else bad('national_id', idText, 'cần 12 chữ số (CCCD) hoặc 9 chữ số (CMND)')
  }
  const passportText = text('passport')
  let passportNo: string | null = null
  if (passportText !== null) {
    const p = passportText.replace(/[\s-]/g, '').toUpperCase()
    if (/^[A-Z0-9]{5,20}$/.test(p)) passportNo = p
    else bad('passport', passportText, 'cần 5–20 chữ cái hoặc chữ số')
  }
  const nationalityText = text('nationality')
  const nationality = nationalityText === null ? null : parseCountry(nationalityText)
  if (nationalityText !== null && nationality === null) bad('nationality', nationalityText, 'cần mã ISO 3166 (VN, CN, US…) hoặc tên nước')
  const phoneText = text('phone')
  let phone: string | null = null
  if (phoneText !== null) {
    const p = phoneText.replace(/[\s.()-]/g, '').replace(/^\+84/, '0').replace(/^84(?=\d{9}$)/, '0')
    if (/^\+?\d{8,15}$/.test(p)) phone = /^\d{9}$/.test(p) ? `0${p}` : p
    else bad('phone', phoneText, 'cần 8–15 chữ số')
  }
  const codeText = text('commune_code')
  let communeCode: string | null = null
  if (codeText !== null) {
    const c = /^\d{1,4}$/.test(codeText) ? codeText.padStart(5, '0') : codeText
    if (/^\d{2,5}(\.\d{2,3}){0,3}$/.test(c)) communeCode = c
    else bad('commune_code', codeText, 'cần mã xã 5 chữ số (hoặc mã ấp, khu phố như 30742.01)')
  }
  return { ref, fullName, birthYear, sex, nationalId, passportNo, nationality, phone, communeCode }
}
