/**
 * Checks on what the public sends through the open forms (arrival declaration, illegal-entry
 * report): size and rate limits, and text that is plainly abuse (links, markup, control
 * characters, a character repeated without end). Messages are Vietnamese and name the field.
 */

export const PUBLIC_LIMITS = {
  /** Largest request body accepted, in bytes. */
  bodyBytes: 8 * 1024,
  /** Submissions of one form per address within the window. */
  perAddress: 5,
  perAddressWindowMs: 10 * 60_000,
  /** Submissions of one form from everyone within the window (a flood from many addresses). */
  overall: 300,
  overallWindowMs: 10 * 60_000,
} as const

/** Control characters other than tab and line breaks, and the bidirectional overrides used to disguise text. */
function hasControl(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true
  }
  return false
}

/** Why a free text cannot be accepted, or null. */
export function abusiveText(text: string): string | null {
  if (hasControl(text)) return 'có ký tự điều khiển không hợp lệ'
  if (/(https?:\/\/|www\.|\b[a-z0-9-]+\.(com|net|org|xyz|top|info|ru|cn)\b)/i.test(text)) return 'không được chứa đường dẫn (link)'
  if (/<\s*\/?\s*[a-z!][^>]*>/i.test(text)) return 'không được chứa mã HTML'
  if (/(.)\1{14,}/u.test(text)) return 'có một ký tự lặp lại quá nhiều lần'
  return null
}

/** Every abusive text field of an object (depth one), as Vietnamese sentences naming the field. */
export function abuseProblems(fields: Record<string, string | null | undefined>, labels: Record<string, string>): string[] {
  const out: string[] = []
  for (const [key, value] of Object.entries(fields)) {
    if (!value) continue
    const why = abusiveText(value)
    if (why) out.push(`${labels[key] ?? key}: ${why}.`)
  }
  return out
}
