import type { Locale } from '../../app/i18n.tsx'

type Table = Readonly<Record<string, { vi: string; en: string }>>

/** A code's name in one of the domain's bilingual code lists; the code itself when the list lacks it, a dash when empty. */
export function codeName(table: Table, code: string | null | undefined, locale: Locale): string {
  if (!code) return '—'
  return Object.hasOwn(table, code) ? table[code]![locale] : code
}

/** The options of a select over a code list, in the interface language. */
export function codeOptions(table: Table, locale: Locale, empty?: string): { value: string; label: string }[] {
  return [...(empty !== undefined ? [{ value: '', label: empty }] : []), ...Object.entries(table).map(([value, names]) => ({ value, label: names[locale] }))]
}

/** Colours of degrees: F0 red, F1 orange, F2 yellow, F3 and beyond grey-blue; no degree light grey. */
export const DEGREE_COLORS = { 0: '#d62828', 1: '#f77f00', 2: '#fcbf49', far: '#6c8ead', none: '#c9cdd2' } as const

export function degreeColor(degree: number | null): string {
  if (degree === null) return DEGREE_COLORS.none
  if (degree === 0) return DEGREE_COLORS[0]
  if (degree === 1) return DEGREE_COLORS[1]
  if (degree === 2) return DEGREE_COLORS[2]
  return DEGREE_COLORS.far
}

/** F0, F1, F2… */
export const degreeText = (degree: number | null): string => (degree === null ? '—' : `F${degree}`)

/** Colours of the epidemic curve's sources. */
export const SOURCE_COLORS = { imported: '#4e79a7', linked: '#f28e2b', unknown: '#e15759' } as const

export const RESULTS = {
  positive: { vi: 'Dương tính', en: 'Positive' },
  negative: { vi: 'Âm tính', en: 'Negative' },
  inconclusive: { vi: 'Không xác định', en: 'Inconclusive' },
} as const

export const TEST_STATUSES = {
  planned: { vi: 'Đã hẹn', en: 'Planned' },
  sampled: { vi: 'Đã lấy mẫu', en: 'Sampled' },
  resulted: { vi: 'Có kết quả', en: 'Resulted' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
} as const

export const CLUSTER_STATUSES = {
  active: { vi: 'Đang hoạt động', en: 'Active' },
  closed: { vi: 'Đã đóng', en: 'Closed' },
} as const

/** Sources in a table's narrow column. */
export const SOURCE_SHORT = {
  imported: { vi: 'Nhập cảnh', en: 'Imported' },
  linked: { vi: 'Liên quan', en: 'Linked' },
  unknown: { vi: 'Chưa rõ', en: 'Unknown' },
} as const
