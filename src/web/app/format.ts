import { formatVnDate, VN_TIME_ZONE, vnDate } from '../../domain/text/dates.ts'

export { formatVnDate }

const numberFormat = new Intl.NumberFormat('vi-VN')

/** Numbers always use Vietnamese grouping (1.234.567), whatever the interface language. */
export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined || Number.isNaN(n) ? '' : numberFormat.format(n)
}

const timeFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: VN_TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })

/** dd/mm/yyyy hh:mm:ss in Vietnam time. */
export function formatVnDateTime(value: string | null | undefined): string {
  if (!value) return ''
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return ''
  const day = vnDate(d)
  return `${formatVnDate(day)} ${timeFormat.format(d)}`
}

/** yyyy-mm-dd → dd/mm/yyyy for inputs; the reverse in parseVnDate. */
export function isoToVn(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : ''
}

/** Accepts d/m/yyyy (also with - or .) and returns yyyy-mm-dd, or null when it is not a real date. */
export function parseVnDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text)
  if (!m) return null
  const [, d, mo, y] = m
  const iso = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`
  const date = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null
}
