import { fold } from '../text/fold.ts'
import { letterCount, upperRatio } from './folding.ts'
import type { Found } from './header.ts'
import { type Doc, isBlank, type Line, nextFilled, startsLower } from './lines.ts'
import type { SigningAuthority } from './types.ts'

export interface Signing {
  authority: SigningAuthority | null
  actingFor: string | null
  position: string | null
  signer: string | null
  from: number
  to: number
  /** First line of the signing block. */
  line: number
}

/** Party marks are written T/M, K/T, T/L (OCR: "T Í M", "T1M"); state marks TM., KT., TL., TUQ., Q. */
const PARTY_AUTHORITY = /^(t|k)\s*[/|\\il1]\s*(m|t|l)\b\.?\s*/
const STATE_AUTHORITY = /^(tm|kt|tl|tuq|q)\s*\.\s*/

const AUTHORITY: Record<string, SigningAuthority> = { tm: 'TM', kt: 'KT', tl: 'TL', tuq: 'TUQ', q: 'Q' }

const RECIPIENTS_PREFIX = /^noi\s*nh[a]n\b\s*:?\s*/

/**
 * The authority mark of a line, also when two columns run together and it follows "Nơi nhận:"
 * on the same line ("Nơi nhận: T/M BAN THƯỜNG VỤ").
 */
export function authorityOf(line: Line): { authority: SigningAuthority; rest: string } | null {
  const own = authorityAt(line.f.trim(), line.text.trim())
  if (own) return own
  const p = RECIPIENTS_PREFIX.exec(line.f.trim())
  return p ? authorityAt(line.f.trim().slice(p[0].length), line.text.trim().slice(p[0].length)) : null
}

function authorityAt(f: string, text: string): { authority: SigningAuthority; rest: string } | null {
  const p = PARTY_AUTHORITY.exec(f)
  const code = p ? `${p[1]}${p[2]}` : STATE_AUTHORITY.exec(f)?.[1]
  const len = p ? p[0].length : (STATE_AUTHORITY.exec(f)?.[0].length ?? 0)
  const authority = code ? AUTHORITY[code] : undefined
  if (!authority) return null
  const rest = text.slice(len).trim()
  if (letterCount(rest) < 2 || upperRatio(rest) < 0.6) return null
  return { authority, rest }
}

const POSITION = /^(?:pho |q\.? |quyen )?(?:bi thu|chu tich|truong ban|giam doc|chanh van phong|pho chanh van phong|uy vien|thu truong|cuc truong|chanh an|vien truong|tong bien tap|truong phong|truong doan|truong tram|giam doc)\b/

export function isPositionLine(line: Line): boolean {
  return POSITION.test(line.f.trim()) && upperRatio(line.text) >= 0.6
}

/** A position written at the end of a distribution-list line: "- Như trên, PHÓ BÍ THƯ". */
export function trailingPosition(text: string): string | null {
  const m = /(?:^|[\s,;.])((?:[\p{Lu}]+\s+){0,5}[\p{Lu}]+)\s*$/u.exec(text)
  const caps = m?.[1]?.trim() ?? ''
  if (!caps || caps === text.trim()) return null
  return POSITION.test(fold(caps)) ? caps : null
}

const NOT_NAMES = /^(?:noi nhan|nhu tren|luu|ban |uy ban|tinh uy|so |van phong|thuong truc|ubnd|hdnd)/

/** A person's name: two to six capitalised words of letters ("Kim Ngọc Thái", "NGUYỄN VĂN AN"). */
export function isNameLike(text: string): boolean {
  const t = cleanSigner(text)
  const words = t.split(' ')
  if (words.length < 2 || words.length > 6) return false
  if (!words.every((w) => /^\p{Lu}[\p{L}]*$/u.test(w))) return false
  const f = fold(t)
  return !NOT_NAMES.test(f) && !POSITION.test(f)
}

function cleanSigner(text: string): string {
  return text
    .replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
}

const NOTE = /^[([]?\s*(?:da ky|ky|ky ten|ky, dong dau|ky va dong dau|chu ky|ky so|ky boi)\b/

/** Position lines, then the signer: the last name-like line of the block. */
function readAfter(doc: Doc, from: number): { position: Found<string> | null; signer: Found<string> | null; next: number } {
  const lines = doc.lines
  const pos: Line[] = []
  let signer: Found<string> | null = null
  let j = from
  let seen = 0
  while (j < lines.length && seen < 8) {
    const l = lines[j] as Line
    j++
    if (isBlank(l)) continue
    seen++
    if ((/^noi\s*nh/.test(l.f) && !authorityOf(l)) || (authorityOf(l) && !/^noi\s*nh/.test(l.f))) break
    if (/^noi\s*nh/.test(l.f)) continue
    if (NOTE.test(l.f.trim())) continue
    if (!signer && isPositionLine(l)) {
      pos.push(l)
      continue
    }
    const trailing = signer ? null : trailingPosition(l.text)
    if (trailing) {
      const at = l.text.lastIndexOf(trailing)
      pos.push({ ...l, start: l.start + at, text: trailing })
      continue
    }
    if (isNameLike(l.text)) {
      const name = cleanSigner(l.text)
      const at = l.text.indexOf(name)
      signer = { value: name, from: l.start + Math.max(at, 0), to: l.start + Math.max(at, 0) + name.length }
      continue
    }
    if (signer) break
  }
  const first = pos[0]
  const last = pos[pos.length - 1]
  const position = first && last ? { value: pos.map((l) => l.text.trim()).join(' '), from: first.start, to: last.end } : null
  return { position, signer, next: j }
}

/** The signing block: authority ("T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"), position, signer. */
export function readSigning(doc: Doc, bodyStart: number): Signing | null {
  const lines = doc.lines
  let at = -1
  for (let i = lines.length - 1; i >= bodyStart; i--) {
    const l = lines[i]
    if (l && authorityOf(l)) {
      at = i
      break
    }
  }
  if (at >= 0) {
    const line = lines[at] as Line
    const auth = authorityOf(line)
    let actingFor = auth?.rest ?? null
    let start = line
    for (let k = at - 1; k >= Math.max(bodyStart, at - 3); k--) {
      const prev = lines[k]
      if (!prev || isBlank(prev)) continue
      const pa = authorityOf(prev)
      if (pa) {
        actingFor = pa.rest
        start = prev
      }
      break
    }
    const after = readAfter(doc, at + 1)
    const end = after.signer?.to ?? after.position?.to ?? line.end
    return { authority: auth?.authority ?? null, actingFor, position: after.position?.value ?? null, signer: after.signer?.value ?? null, from: start.start, to: end, line: start.index }
  }
  for (let i = lines.length - 1; i >= Math.max(bodyStart, lines.length - 30); i--) {
    const l = lines[i]
    if (!l || !isPositionLine(l) || l.text.length > 60) continue
    const after = readAfter(doc, i)
    return { authority: null, actingFor: null, position: after.position?.value ?? null, signer: after.signer?.value ?? null, from: l.start, to: after.signer?.to ?? l.end, line: i }
  }
  return null
}

export function isRecipientsLine(line: Line): boolean {
  return /^noi\s*nh[a]n\b\s*:?/.test(line.f.trim())
}

export interface RecipientItems {
  items: string[]
  from: number
  to: number
  line: number
}

/** The items of "Nơi nhận:", up to the signing block. */
export function readRecipients(doc: Doc, bodyStart: number): RecipientItems | null {
  const lines = doc.lines
  const at = lines.findIndex((l, i) => i >= bodyStart && isRecipientsLine(l))
  if (at < 0) return null
  const first = lines[at] as Line
  const items: string[] = []
  const rest = first.text.replace(/^[^:]*:\s*/, '').trim()
  if (rest && rest !== first.text.trim() && !authorityOf(first)) items.push(rest)
  let to = first.end
  let j = at + 1
  while (j < lines.length) {
    const l = lines[j] as Line
    if (isBlank(l)) {
      const n = lines[nextFilled(lines, j)]
      if (n && (/^[-–—+•]/.test(n.text) || startsLower(n.text)) && !authorityOf(n)) {
        j = nextFilled(lines, j)
        continue
      }
      break
    }
    if (authorityOf(l) || isPositionLine(l) || (isNameLike(l.text) && !/^[-–—+•]/.test(l.text))) break
    const position = trailingPosition(l.text)
    const item = position ? l.text.slice(0, l.text.lastIndexOf(position)) : l.text
    if (/^[-–—+•]/.test(l.text) || items.length === 0) items.push(item)
    else if (startsLower(l.text)) items[items.length - 1] = `${items[items.length - 1]} ${l.text}`
    else break
    to = l.end
    j++
  }
  return { items, from: first.start, to, line: at }
}
