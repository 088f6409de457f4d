import { parseDate } from '../surveillance/importColumns.ts'
import { fold } from '../text/fold.ts'
import { invalid } from './errors.ts'
import { serialIntervalProblems } from './rt.ts'

// Reading the inputs of an R(t) estimate from files: daily incidence (a table of date, local and
// optionally imported cases) and a discrete serial interval distribution (JSON array or one
// probability per line). Every problem is reported in Vietnamese with its line.

/** At most 20 years of days. */
export const MAX_INCIDENCE_DAYS = 7305
/** At most a year of serial interval days. */
export const MAX_SI_DAYS = 366

export interface Incidence {
  dates: string[]
  local: number[]
  imported: number[]
}

type Cell = string | number | null

const COLUMN_NAMES = {
  date: ['date', 'dates', 'ngay', 'ngay khoi phat', 'ngay xac dinh'],
  local: ['local', 'tai cho', 'trong nuoc', 'noi dia', 'ca tai cho', 'ca trong nuoc', 'lay nhiem trong nuoc'],
  imported: ['imported', 'xam nhap', 'nhap canh', 'ngoai nhap', 'ca xam nhap', 'ca nhap canh'],
} as const
type Column = keyof typeof COLUMN_NAMES

const COLUMN_LABELS: Record<Column, string> = { date: 'date (ngày)', local: 'local (ca tại chỗ)', imported: 'imported (ca xâm nhập)' }

function headerIndex(headers: readonly string[], column: Column): number {
  const names: readonly string[] = COLUMN_NAMES[column]
  return headers.findIndex((h) => names.includes(fold(String(h ?? '')).replace(/[_-]+/g, ' ')))
}

function count(cell: Cell, line: number, label: string): number {
  const text = cell === null ? '' : String(cell).trim()
  if (text === '') throw invalid('RT_BAD_COUNT', `Dòng ${line}: thiếu số ${label}.`)
  const n = Number(text)
  if (!Number.isInteger(n) || n < 0) throw invalid('RT_BAD_COUNT', `Dòng ${line}: số ${label} phải là số nguyên không âm (đang là "${text}").`)
  return n
}

const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * Daily incidence from a table with the columns `date`, `local` and optionally `imported` (or
 * their Vietnamese names), one row per day, consecutive days in ascending order.
 */
export function incidenceFromTable(headers: readonly string[], rows: readonly { line: number; cells: readonly Cell[] }[]): Incidence {
  const at = { date: headerIndex(headers, 'date'), local: headerIndex(headers, 'local'), imported: headerIndex(headers, 'imported') }
  const missing = (['date', 'local'] as const).filter((c) => at[c] < 0)
  if (missing.length) {
    throw invalid('RT_MISSING_COLUMN', `Thiếu cột ${missing.map((c) => COLUMN_LABELS[c]).join(' và ')}. Tệp cần các cột date,local và (không bắt buộc) imported.`)
  }
  if (rows.length === 0) throw invalid('RT_NO_ROWS', 'Tệp không có dòng số liệu nào.')
  if (rows.length > MAX_INCIDENCE_DAYS) throw invalid('RT_TOO_MANY_ROWS', `Tối đa ${MAX_INCIDENCE_DAYS.toLocaleString('vi-VN')} ngày (20 năm) một lần; tệp có ${rows.length.toLocaleString('vi-VN')} dòng.`)
  const out: Incidence = { dates: [], local: [], imported: [] }
  for (const row of rows) {
    const rawDate = row.cells[at.date]
    const date = rawDate === null || rawDate === undefined ? null : parseDate(String(rawDate))
    if (!date) throw invalid('RT_BAD_DATE', `Dòng ${row.line}: "${rawDate ?? ''}" không phải là ngày (dạng yyyy-mm-dd hoặc dd/mm/yyyy).`)
    const previous = out.dates.at(-1)
    if (previous !== undefined) {
      if (date <= previous) throw invalid('RT_DATE_ORDER', `Dòng ${row.line}: ngày ${date} phải sau ngày ${previous} của dòng trước (các ngày tăng dần, mỗi ngày một dòng).`)
      if (date !== nextDay(previous)) throw invalid('RT_DATE_GAP', `Dòng ${row.line}: thiếu ngày ${nextDay(previous)} (sau ${previous}); mỗi ngày một dòng, ngày không có ca ghi 0.`)
    }
    out.dates.push(date)
    out.local.push(count(row.cells[at.local] ?? null, row.line, 'ca tại chỗ (local)'))
    out.imported.push(at.imported < 0 ? 0 : count(row.cells[at.imported] ?? null, row.line, 'ca xâm nhập (imported)'))
  }
  return out
}

/**
 * A discrete serial interval distribution from day 0, written as a JSON array or as one
 * probability per line (blank lines and lines starting with # ignored); checked as EpiEstim does.
 */
export function parseSerialIntervalText(text: string): number[] {
  const trimmed = text.trim()
  let values: number[]
  if (trimmed.startsWith('[')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(trimmed)
    } catch {
      throw invalid('RT_BAD_SI', 'Phân bố khoảng nối tiếp không phải là mảng JSON hợp lệ.')
    }
    if (!Array.isArray(parsed) || parsed.some((v) => typeof v !== 'number')) throw invalid('RT_BAD_SI', 'Phân bố khoảng nối tiếp phải là một mảng số, ví dụ [0, 0.2, 0.5, 0.3].')
    values = parsed as number[]
  } else {
    values = []
    const lines = text.split(/\r?\n/)
    lines.forEach((raw, i) => {
      const line = raw.trim()
      if (line === '' || line.startsWith('#')) return
      const n = Number(line.replace(',', '.'))
      if (!Number.isFinite(n)) throw invalid('RT_BAD_SI', `Dòng ${i + 1} của phân bố khoảng nối tiếp: "${line}" không phải là số.`)
      values.push(n)
    })
  }
  if (values.length > MAX_SI_DAYS) throw invalid('RT_BAD_SI', `Phân bố khoảng nối tiếp dài tối đa ${MAX_SI_DAYS} ngày (đang có ${values.length}).`)
  const problems = serialIntervalProblems(values)
  if (problems.length) throw invalid('RT_BAD_SI', problems.join(' '))
  return values
}
