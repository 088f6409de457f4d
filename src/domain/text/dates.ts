import { format, isValid, parse } from 'date-fns'

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh'

/** The calendar date in Vietnam (yyyy-mm-dd) at instant `d`. */
// One formatter for every call: making one costs far more than formatting with it.
const VN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: VN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

export function vnDate(d: Date): string {
  return VN_DAY.format(d)
}

const VN_CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: VN_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** The time of day in Vietnam (hh:mm, 00:00 to 23:59) at instant `d`. */
export function vnTime(d: Date): string {
  return VN_CLOCK.format(d)
}

/** Formats an ISO date (yyyy-mm-dd) or instant as dd/mm/yyyy. */
export function formatVnDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? parse(value, 'yyyy-MM-dd', new Date()) : new Date(value)
  return isValid(d) ? format(d, 'dd/MM/yyyy') : ''
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/** True for a real calendar date written yyyy-mm-dd. */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || !ISO_DAY.test(value)) return false
  const y = Number(value.slice(0, 4))
  const mo = Number(value.slice(5, 7))
  const d = Number(value.slice(8, 10))
  // The day exists when the calendar gives it back unchanged (no 31/04, 29/02 only in leap years).
  const day = new Date(Date.UTC(y, mo - 1, d))
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d
}

/**
 * The days of a month (yyyy-mm) as weeks from Monday to Sunday, as a Vietnamese wall calendar
 * shows them (Thứ Hai … Chủ nhật); the places of days of the months before and after are null.
 */
export function monthWeeks(month: string): (string | null)[][] {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  // Monday 0 … Sunday 6.
  const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`)]
  while (cells.length % 7) cells.push(null)
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7))
}

/** The month (yyyy-mm) `n` months after `month` (before, for a negative n). */
export function plusMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const d = new Date(Date.UTC(y, m - 1 + n, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}
