/**
 * Limits of the public self-assessment form, shared by the browser (checked before sending) and
 * the server (enforced).
 */
export const PUBLIC_FORM_LIMITS = {
  /** Digits of a one-time code, how long it is valid and how many wrong tries it takes. */
  codeDigits: 6,
  codeMinutes: 10,
  codeAttempts: 5,
  /** Codes one facility's link may send in an hour. */
  codesPerFacilityHour: 5,
  /** How long a verified contact may send photos and the form. */
  proofMinutes: 120,
  /** Photos with one assessment, their types and size. */
  photos: 5,
  photoExtensions: ['.jpg', '.jpeg', '.png'] as readonly string[],
  photoMaxBytes: 5 * 1024 * 1024,
  /** Requests per address (any link, right or wrong) and per link, in sliding windows. */
  perAddress: 60,
  perAddressWindowMs: 10 * 60_000,
  perLink: 30,
  perLinkWindowMs: 60 * 60_000,
} as const

/** A phone number (Vietnamese 0…, or +country) or an e-mail address, as the contact to verify. */
export const CONTACT_PATTERN = /^(?:(?:\+84|0)\d{9,10}|\+\d{8,15}|[^\s@]{1,64}@[^\s@]{1,190}\.[a-z]{2,24})$/i

/** The contact as stored: spaces, dots and dashes out of phone numbers, e-mail lower-cased. */
export function normalizeContact(raw: string): string {
  const t = raw.trim()
  if (t.includes('@')) return t.toLowerCase()
  return t.replace(/[\s.()-]/g, '')
}

/** "09••••••89": enough for the person to recognise their number, not enough to copy it. */
export function maskContact(contact: string): string {
  if (contact.includes('@')) {
    const [user = '', domain = ''] = contact.split('@')
    return `${user.slice(0, 2)}•••@${domain}`
  }
  return `${contact.slice(0, 2)}${'•'.repeat(Math.max(0, contact.length - 4))}${contact.slice(-2)}`
}
