import { foldKeep } from './folding.ts'
import type { Cadence } from './types.ts'

/** True for a day that exists in the Gregorian calendar (years 1900–2100 only: anything else is a misreading). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false
  return day <= daysInMonth(year, month)
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
}

const pad = (n: number) => String(n).padStart(2, '0')

/** yyyy-mm-dd, or null when the day does not exist. */
export function isoDate(year: number, month: number, day: number): string | null {
  return isRealDate(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : null
}

export function lastDayOfMonth(year: number, month: number): string | null {
  return isoDate(year, month, daysInMonth(year, month))
}

export function lastDayOfQuarter(year: number, quarter: number): string | null {
  if (quarter < 1 || quarter > 4) return null
  return lastDayOfMonth(year, quarter * 3)
}

/** OCR reads 0 as O and 1 as l or I; only accepted inside groups that hold a real digit. */
function ocrNumber(raw: string): number {
  if (!/\d/.test(raw)) return Number.NaN
  return Number(raw.replace(/o/g, '0').replace(/[il]/g, '1'))
}

export interface FoundDate {
  /** yyyy-mm-dd */
  iso: string
  /** Offsets of the date expression in the searched text. */
  index: number
  end: number
}

const NUM = '[0-9oil]{1,2}'
const LONG_DATE = new RegExp(`ngay\\s*(${NUM})\\s*,?\\s*thang\\s*(${NUM})\\s*,?\\s*nam\\s*([0-9oil]{4})`, 'g')
const NUMERIC_DATE = /(?<![\d/.-])(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?(\d{4})(?!\d)/g

/** Every valid date written "ngày 29 tháng 7 năm 2020", "29-7-2020", "02/12/2020" or "11.10.2021", in order. */
export function findDates(text: string): FoundDate[] {
  const f = foldKeep(text)
  const found: FoundDate[] = []
  for (const m of f.matchAll(LONG_DATE)) {
    const iso = isoDate(ocrNumber(m[3] ?? ''), ocrNumber(m[2] ?? ''), ocrNumber(m[1] ?? ''))
    if (iso) found.push({ iso, index: m.index, end: m.index + m[0].length })
  }
  for (const m of f.matchAll(NUMERIC_DATE)) {
    const iso = isoDate(Number(m[4]), Number(m[3]), Number(m[1]))
    const inside = found.some((d) => m.index >= d.index && m.index < d.end)
    if (iso && !inside) found.push({ iso, index: m.index, end: m.index + m[0].length })
  }
  return found.sort((a, b) => a.index - b.index)
}

/** The first valid date in the text, as yyyy-mm-dd. */
export function parseVnDate(text: string): string | null {
  return findDates(text)[0]?.iso ?? null
}

const ROMAN_QUARTER: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 }

const DEADLINE_LEAD = '(?:truoc|cham nhat(?: la)?|han chot|han cuoi(?: cung)?|khong qua|khong muon hon|xong truoc|hoan thanh truoc|den het|(?<!tu [^.;]{0,40})den(?= ngay))'
const TIME_OF_DAY = '(?:\\d{1,2}\\s*(?:gio|h)(?:\\s*\\d{1,2}(?:\\s*phut)?)?\\s*,?\\s*)?'
const BEFORE_FULL = new RegExp(`${DEADLINE_LEAD}\\s*,?\\s*${TIME_OF_DAY}(?:ngay\\s*)?([0-9o]{1,2})\\s?([/.-])\\s?([0-9o]{1,2})\\s?\\2\\s?([0-9o]{4})(?![0-9o])`, 'g')
const BEFORE_LONG = new RegExp(`${DEADLINE_LEAD}\\s*,?\\s*${TIME_OF_DAY}ngay\\s*(\\d{1,2})\\s*thang\\s*(\\d{1,2})(?:\\s*nam\\s*(\\d{4}))?`, 'g')
const BEFORE_SHORT = new RegExp(`${DEADLINE_LEAD}\\s*,?\\s*${TIME_OF_DAY}(?:ngay\\s*)?(\\d{1,2})\\s?[/-]\\s?(\\d{1,2})(?!\\d|\\s?[/.-]\\s?\\d)`, 'g')
const IN_MONTH = /(?:trong|cuoi|het)\s+thang\s+(\d{1,2})(?:\s*[/-]\s*(\d{4})|\s+nam\s+(\d{4}))?(?![\d/])/g
const IN_QUARTER = /(?:trong|cuoi|het)\s+quy\s+(iv|iii|ii|i|[1-4])\b(?:\s*[/-]\s*(\d{4})|\s+nam\s+(\d{4}))?/g
const IN_YEAR = /(?:trong|cuoi|het)\s+nam\s+(\d{4})(?!\d)/g

function deadlineCandidates(f: string, year: number | null): string[] {
  const out: (string | null)[] = []
  for (const m of f.matchAll(BEFORE_FULL)) out.push(isoDate(ocrNumber(m[4] ?? ''), ocrNumber(m[3] ?? ''), ocrNumber(m[1] ?? '')))
  for (const m of f.matchAll(BEFORE_LONG)) {
    const y = m[3] ? Number(m[3]) : year
    out.push(y === null ? null : isoDate(y, Number(m[2]), Number(m[1])))
  }
  for (const m of f.matchAll(BEFORE_SHORT)) out.push(year === null ? null : isoDate(year, Number(m[2]), Number(m[1])))
  for (const m of f.matchAll(IN_MONTH)) {
    const y = m[2] ? Number(m[2]) : m[3] ? Number(m[3]) : year
    out.push(y === null ? null : lastDayOfMonth(y, Number(m[1])))
  }
  for (const m of f.matchAll(IN_QUARTER)) {
    const y = m[2] ? Number(m[2]) : m[3] ? Number(m[3]) : year
    const q = ROMAN_QUARTER[m[1] ?? ''] ?? 0
    out.push(y === null ? null : lastDayOfQuarter(y, q))
  }
  for (const m of f.matchAll(IN_YEAR)) out.push(lastDayOfMonth(Number(m[1]), 12))
  return out.filter((d): d is string => d !== null)
}

/**
 * The deadline a text sets: "trước ngày 15/8/2021", "chậm nhất ngày …", "trong tháng 12/2021"
 * (last day of the month), "trong quý IV/2021" (last day of the quarter), "trước ngày 15/8"
 * (in `year`, the document's year). When several are given, the earliest: it is the next one due.
 */
export function parseDeadline(text: string, year: number | null = null): string | null {
  const all = deadlineCandidates(foldKeep(text), year)
  if (all.length === 0) return null
  return [...all].sort()[0] ?? null
}

/**
 * The deadline in the time column of a task table: "Trong tháng 10/2021", "Quý IV/2021",
 * "Tháng 10/2020", "Năm 2022", "30/11/2021", "Trước 30/9/2020"; null for a cadence ("Thường xuyên").
 */
export function parseCellDeadline(cell: string, year: number | null = null): string | null {
  const f = foldKeep(cell).trim()
  const own = parseDeadline(/^(?:thang|quy|nam)\b/.test(f) ? `trong ${cell}` : cell, year)
  if (own) return own
  const dates = findDates(cell)
  const last = dates[dates.length - 1]
  return last && f.length <= 40 ? last.iso : null
}

/** "Đột xuất" about reporting or checking, not an "unexpected situation" (tình huống đột xuất). */
const AD_HOC = [
  /\b(?:bao cao|kiem tra|giam sat)\b[^.;\n]{0,60}\bdot xuat\b/,
  /\bdot xuat\b[^.;\n]{0,40}\b(?:bao cao|kiem tra|khi can|khi co yeu cau|theo yeu cau)\b/,
  /\b(?:dinh ky|thuong xuyen)\s+(?:va|hoac)\s+dot xuat\b/,
]

/**
 * How often the assignees report. Specific schedules win over "thường xuyên"; "thường xuyên và
 * đột xuất" stays regular, and "đột xuất" alone means only when asked.
 */
export function parseCadence(text: string, everyDays = 7): Cadence {
  const f = foldKeep(text)
  if (/\b(?:hang|moi) tuan\b|\bdinh ky tuan\b/.test(f)) return { kind: 'weekly' }
  if (/\b(?:hang|moi) thang\b|\bdinh ky thang\b/.test(f)) return { kind: 'monthly' }
  if (/\b(?:hang|moi) ngay\b/.test(f)) return { kind: 'regular', everyDays: 1 }
  if (/\bthuong xuyen\b/.test(f)) return { kind: 'regular', everyDays }
  if (AD_HOC.some((re) => re.test(f))) return { kind: 'ad_hoc' }
  return { kind: 'once' }
}
