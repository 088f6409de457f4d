import { format, isValid, parse } from 'date-fns'

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh'

/** The calendar date in Vietnam (yyyy-mm-dd) at instant `d`. */
export function vnDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: VN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
}

/** Formats an ISO date (yyyy-mm-dd) or instant as dd/mm/yyyy. */
export function formatVnDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? parse(value, 'yyyy-MM-dd', new Date()) : new Date(value)
  return isValid(d) ? format(d, 'dd/MM/yyyy') : ''
}

/** True for a real calendar date written yyyy-mm-dd. */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isValid(parse(value, 'yyyy-MM-dd', new Date()))
}
