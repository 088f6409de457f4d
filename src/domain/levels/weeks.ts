import { addDays, format, getISOWeek, getISOWeekYear, parseISO, setISOWeek, startOfISOWeek } from 'date-fns'

/** ISO weeks, as the weekly assessment counts them: "2021-W32" and its Monday "2021-08-09". */
export const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/

export function weekOf(day: string): string {
  const d = parseISO(day)
  return `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, '0')}`
}

/** The Monday of an ISO week, or null when there is no such week (W53 of a 52-week year). */
export function weekStart(week: string): string | null {
  const m = WEEK_PATTERN.exec(week)
  if (!m) return null
  const year = Number(m[1])
  const n = Number(m[2])
  if (n < 1 || n > 53) return null
  const monday = startOfISOWeek(setISOWeek(new Date(year, 0, 4), n))
  const text = format(monday, 'yyyy-MM-dd')
  return weekOf(text) === week ? text : null
}

export function weekEnd(week: string): string | null {
  const s = weekStart(week)
  return s ? format(addDays(parseISO(s), 6), 'yyyy-MM-dd') : null
}

export function shiftWeek(week: string, by: number): string {
  const s = weekStart(week)
  if (!s) throw new Error(`Tuần không hợp lệ: ${week}`)
  return weekOf(format(addDays(parseISO(s), 7 * by), 'yyyy-MM-dd'))
}
