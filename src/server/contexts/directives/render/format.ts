import { TASK_STATUS_LABELS, type TaskStatus } from '../../../../domain/documents/render-types.ts'
import { DOCUMENT_TYPES, type DocumentSystem, type DocumentType, type SigningAuthority } from '../../../../domain/documents/types.ts'
import { formatVnDate, isIsoDate } from '../../../../domain/text/dates.ts'

/** The signing authority as each system spells it: Guidance 36-HD/VPTW with a slash, Decree 30 with a dot. */
const AUTHORITY_PREFIX: Record<DocumentSystem, Record<SigningAuthority, string>> = {
  party: { TM: 'T/M', KT: 'K/T', TL: 'T/L', TUQ: 'T/UQ', Q: 'Q.' },
  state: { TM: 'TM.', KT: 'KT.', TL: 'TL.', TUQ: 'TUQ.', Q: 'Q.' },
}

export interface Signing {
  authority: SigningAuthority | null
  actingFor: string | null
  position: string
  signer: string
}

function isoParts(iso: string): [number, number, number] {
  if (!isIsoDate(iso)) throw new RangeError(`Ngày không hợp lệ: "${iso}" (cần dạng yyyy-mm-dd).`)
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return [y, m, d]
}

/**
 * "ngày 05 tháng 01 năm 2026". Decree 30 pads days 1–9 and months 1–2 with a zero so a date cannot
 * be altered by writing a digit in front of it (months 3–9 cannot become a valid 13–19).
 */
export function vnLongDate(iso: string): string {
  const [y, m, d] = isoParts(iso)
  const day = d < 10 ? `0${d}` : String(d)
  const month = m <= 2 ? `0${m}` : String(m)
  return `ngày ${day} tháng ${month} năm ${y}`
}

/** "An Giang, ngày 05 tháng 01 năm 2026". */
export function placeDateLine(place: string, iso: string): string {
  return `${place.trim()}, ${vnLongDate(iso)}`
}

/** dd/mm/yyyy, or an empty string when the date is unknown. */
export function shortDate(iso: string | null): string {
  return formatVnDate(iso)
}

/**
 * Party numbers are written "Số 12-CV/TU", state ones "Số: 15/CĐ-BCĐ". Leading blanks are kept: a
 * draft leaves room there for the number the clerk assigns at registration.
 */
export function numberLine(system: DocumentSystem, symbol: string): string {
  return system === 'party' ? `Số ${symbol.trimEnd()}` : `Số: ${symbol.trimEnd()}`
}

/** The type's name as printed above the summary: "CHỈ THỊ", "CÔNG ĐIỆN". */
export function typeTitle(type: DocumentType): string {
  return DOCUMENT_TYPES[type].vi.toLocaleUpperCase('vi')
}

/** A letter's summary always reads "V/v …"; stored summaries may or may not carry the prefix. */
export function letterSummary(summary: string): string | null {
  const s = summary.trim()
  if (s.length === 0) return null
  if (/^(v\/v|về việc)\s/iu.test(s)) return s
  return `V/v ${s}`
}

/** Names of bodies that go on in lower case ("Ủy ban nhân dân tỉnh", "Tỉnh ủy"): capitalised wherever they stand. */
const PROPER_NAMES = ['Ủy ban', 'Uỷ ban', 'Tỉnh ủy', 'Tỉnh uỷ', 'Thành ủy', 'Thành uỷ', 'Đảng ủy', 'Đảng uỷ', 'Chính phủ', 'Thủ tướng', 'Quốc hội', 'Công an', 'Trung ương']

/** Head words of bodies whose next word is capitalised too ("Sở Y tế", "Ban Chỉ đạo", "Văn phòng Tỉnh ủy"). */
const BODY_HEADS = ['Ban', 'Sở', 'Bộ', 'Cục', 'Chi cục', 'Văn phòng', 'Trung tâm', 'Bệnh viện', 'Viện', 'Hội đồng', 'Mặt trận', 'Bộ Chỉ huy', 'Thường trực']

/**
 * A summary or title placed mid-sentence ("… về triển khai …"): its first letter is lowered unless
 * it starts an acronym ("UBND", "COVID-19") or the name of a body ("Sở Y tế", "Ủy ban nhân dân").
 */
export function midSentence(text: string): string {
  const s = text.trim()
  if (!/^\p{Lu}\p{Ll}/u.test(s)) return s
  if (PROPER_NAMES.some((name) => s === name || s.startsWith(`${name} `))) return s
  if (BODY_HEADS.some((head) => s.startsWith(`${head} `) && /^\p{Lu}/u.test(s.slice(head.length + 1)))) return s
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1)
}

/** The authority lines above the signature: ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]. */
export function signingLines(system: DocumentSystem, s: Signing): string[] {
  const upper = (t: string | null) => (t ?? '').trim().toLocaleUpperCase('vi')
  const position = upper(s.position)
  const actingFor = upper(s.actingFor)
  const lines = !s.authority
    ? [position]
    : actingFor
      ? [`${AUTHORITY_PREFIX[system][s.authority]} ${actingFor}`, position]
      : [`${AUTHORITY_PREFIX[system][s.authority]} ${position}`.trim()]
  // A draft may not name the position yet; an empty line would only push the signature down.
  return lines.filter((l) => l.length > 0)
}

function stripItem(text: string): string {
  return text
    .trim()
    .replace(/^[-–+•]\s*/u, '')
    .replace(/[\s,;.]+$/u, '')
}

/**
 * Addressee and recipient lines: "- …," for Party documents, "- …;" for state ones, the last closed
 * with a full stop. Items arrive with or without their dash and punctuation, so both are rewritten.
 */
export function listLines(items: string[], system: DocumentSystem): string[] {
  const cleaned = items.map(stripItem).filter((t) => t.length > 0)
  const separator = system === 'party' ? ',' : ';'
  return cleaned.map((t, i) => `- ${t}${i === cleaned.length - 1 ? '.' : separator}`)
}

/** The filing entry ("Lưu …") closes the recipients whatever order they were entered in. */
export function recipientLines(items: string[], system: DocumentSystem): string[] {
  const isFiling = (t: string) => /^lưu\b/iu.test(stripItem(t))
  return listLines([...items.filter((t) => !isFiling(t)), ...items.filter(isFiling)], system)
}

/** A single addressee is written inline after "Kính gửi:" and closed with a full stop. */
export function singleAddressee(item: string): string {
  return `${stripItem(item)}.`
}

/** Cuts a long report at a word boundary so table cells stay readable. */
export function excerpt(text: string | null, max = 240): string {
  if (!text) return ''
  const flat = text.replace(/\s+/gu, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;.:]+$/u, '')}…`
}

export function statusLabel(status: TaskStatus): string {
  return TASK_STATUS_LABELS[status].vi
}

export const ROLE_LABELS = { lead: 'Chủ trì', coordinating: 'Phối hợp' } as const

/** A share as "62,5" — Vietnamese uses the decimal comma. */
export function percentText(part: number, whole: number): string {
  if (whole <= 0) return '0'
  const value = Math.round((part / whole) * 1000) / 10
  return String(value).replace('.', ',')
}
