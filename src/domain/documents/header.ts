import { findDates } from './dates.ts'
import { foldKeep, letterCount, upperRatio } from './folding.ts'
import { looksLikeBody, wordsOf } from './lexicon.ts'
import { type Doc, isBlank, type Line, nextFilled, startsLower } from './lines.ts'
import { DOCUMENT_TYPE_KEYS, type DocumentSystem, type DocumentType, type Secrecy, type Urgency } from './types.ts'

/** A value read from the text with its range in the normalised text. */
export interface Found<T> {
  value: T
  from: number
  to: number
}

export interface Header {
  system: DocumentSystem | null
  issuer: Found<string> | null
  /** The issuer block line by line: a parent body may head the issuing one ("UBND TỈNH …" / "BAN CHỈ ĐẠO …"). */
  issuerLines: string[]
  symbol: Found<{ number: string; symbol: string }> | null
  title: Found<DocumentType> | null
  hasVv: boolean
  place: Found<string> | null
  date: Found<string> | null
  urgency: Found<Urgency> | null
  secrecy: Found<Secrecy> | null
  summary: Found<string> | null
  addressees: Found<string[]> | null
  bodyStart: number
}

const TYPE_BY_FOLD = new Map<string, DocumentType>(DOCUMENT_TYPE_KEYS.map((k) => [k.toLowerCase().replace('đ', 'd'), k]))

const TITLE_WORDS: [string, DocumentType][] = [
  ['chi thi', 'CT'],
  ['cong dien', 'CĐ'],
  ['ke hoach', 'KH'],
  ['thong bao', 'TB'],
  ['nghi quyet', 'NQ'],
  ['quyet dinh', 'QĐ'],
  ['huong dan', 'HD'],
  ['bao cao', 'BC'],
  ['ket luan', 'KL'],
  ['quy che', 'QC'],
  ['chuong trinh', 'CTr'],
  ['to trinh', 'TTr'],
  ['giay moi', 'GM'],
  ['cong van', 'CV'],
]

const MARKS: Record<string, Urgency | Secrecy> = {
  'hoa toc': 'HỎA TỐC',
  'thuong khan': 'THƯỢNG KHẨN',
  khan: 'KHẨN',
  mat: 'MẬT',
  'toi mat': 'TỐI MẬT',
  'tuyet mat': 'TUYỆT MẬT',
}
const URGENCY_SET = new Set<string>(['HỎA TỐC', 'THƯỢNG KHẨN', 'KHẨN'])

/** The document type a symbol carries: "963-CV/TU" (Party), "1699/CĐ-TTg" (state), "123/UBND-VX" (state letter). */
export function typeOfSymbol(symbol: string): { type: DocumentType | null; explicit: boolean; system: DocumentSystem | null } {
  const s = symbol.replace(/\s+/g, '')
  const party = /^\d+[A-Za-z]?-([\p{L}]+)\/[\p{L}\d\-/]+$/u.exec(s)
  if (party) {
    const t = TYPE_BY_FOLD.get(foldCode(party[1] ?? ''))
    return { type: t ?? null, explicit: t !== undefined, system: 'party' }
  }
  const state = /^\d+[A-Za-z]?(?:\/\d{4})?\/([\p{L}\d]+)(?:-[\p{L}\d\-/]+)?$/u.exec(s)
  if (state) {
    const t = TYPE_BY_FOLD.get(foldCode(state[1] ?? ''))
    if (t) return { type: t, explicit: true, system: 'state' }
    // A state letter's symbol names the issuer instead of a type (Decree 30/2020, appendix I).
    return { type: 'CV', explicit: false, system: s.includes('-') ? 'state' : null }
  }
  return { type: null, explicit: false, system: null }
}

function foldCode(code: string): string {
  return code.toLowerCase().replace(/đ/g, 'd').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
}

type Kind = 'blank' | 'decor' | 'party' | 'state' | 'mark' | 'symbol' | 'date' | 'vv' | 'title' | 'addressees' | 'numbered' | 'upper' | 'text'
const STRONG = new Set<Kind>(['party', 'state', 'mark', 'symbol', 'date', 'vv', 'title', 'addressees'])

export function isDecor(line: Line): boolean {
  return line.f.replace(/[\s\-–—_=.*~·•o0^|]/g, '') === '' && line.text.trim() !== ''
}

function marksOf(line: Line): (Urgency | Secrecy)[] | null {
  if (line.text.length > 45) return null
  const body = line.f.replace(/^(?:muc\s+)?do\s+(?:khan|mat)\s*:?\s*/, '').trim()
  const parts = body.split(/\s*[-–,/|+;]\s*/).filter((p) => p.length > 0)
  if (parts.length === 0) return null
  const out: (Urgency | Secrecy)[] = []
  for (const p of parts) {
    const m = MARKS[p.replace(/\s+/g, ' ')]
    if (!m) return null
    out.push(m)
  }
  return out
}

const SYMBOL_PREFIX = /^(?:[-–]\s*)?s[o0]\s*(?:hieu\s*)?(?:[:.]\s*)?(?=\d)/
const SYMBOL_BODY = /^(\d{1,6}[A-Za-z]?)((?:\s?[-/]\s?[\p{L}\d&.]+)+)/u

function symbolOf(line: Line): { number: string; symbol: string; from: number; to: number } | null {
  const p = SYMBOL_PREFIX.exec(line.f)
  if (!p) return null
  const rest = line.text.slice(p[0].length)
  const m = SYMBOL_BODY.exec(rest)
  if (!m || !/\p{L}/u.test(m[2] ?? '')) return null
  const raw = m[0].replace(/[.]+$/, '')
  const from = line.start + p[0].length
  return { number: m[1] ?? '', symbol: raw.replace(/\s+/g, ''), from, to: from + raw.length }
}

const PLACE_DATE = /([^\d,;:]{2,60}),\s*ngay\s*[0-9oil]{1,2}\s*,?\s*thang\s*[0-9oil]{1,2}\s*,?\s*nam\s*[0-9oil]{4}/
const BARE_DATE = /^ngay\s*[0-9oil]{1,2}\s*,?\s*thang\s*[0-9oil]{1,2}\s*,?\s*nam\s*[0-9oil]{4}/

function placeOf(raw: string): string | null {
  const words = raw.trim().split(/\s+/)
  const kept: string[] = []
  for (let k = words.length - 1; k >= 0 && kept.length < 5; k--) {
    const w = words[k] ?? ''
    if (!/^\p{Lu}/u.test(w)) break
    const allCaps = w === w.toUpperCase() && w.length > 1
    if (allCaps && kept.length > 0 && !words.every((x) => x === x.toUpperCase())) break
    kept.unshift(w)
  }
  const place = kept.join(' ').replace(/^[^\p{L}]+/u, '')
  return place.length >= 2 ? place : null
}

function dateOf(line: Line): { place: Found<string> | null; date: Found<string> | null; invalid: boolean } | null {
  const pd = PLACE_DATE.exec(line.f)
  const bare = pd ? null : BARE_DATE.exec(line.f)
  const m = pd ?? bare
  if (!m) return null
  const dateFrom = pd ? m.index + (m[1]?.length ?? 0) + 1 : m.index
  const found = findDates(line.text.slice(dateFrom))[0]
  let place: Found<string> | null = null
  if (pd) {
    const raw = line.text.slice(m.index, m.index + (m[1]?.length ?? 0))
    const p = placeOf(raw)
    if (p) {
      const at = line.text.lastIndexOf(p, m.index + raw.length)
      place = { value: p, from: line.start + Math.max(at, 0), to: line.start + Math.max(at, 0) + p.length }
    }
  }
  if (!found) return { place, date: null, invalid: true }
  const from = line.start + dateFrom + found.index
  return { place, date: { value: found.iso, from, to: line.start + dateFrom + found.end }, invalid: false }
}

function titleOf(line: Line): { type: DocumentType; restFrom: number } | null {
  for (const [word, type] of TITLE_WORDS) {
    if (!line.f.startsWith(word)) continue
    const after = line.f.charAt(word.length)
    if (after !== '' && /[a-z0-9]/.test(after)) continue
    if (upperRatio(line.text.slice(0, word.length)) < 0.8) continue
    // "QUYẾT ĐỊNH:" opens the articles of a decision; it is not the title.
    if (/^\s*:/.test(line.text.slice(word.length))) continue
    return { type, restFrom: word.length }
  }
  return null
}

const ADDRESSEES = /^(?:[-–•]\s*)?k[i]nh\s*gu[i]?\b\s*:?\s*/
const DISPATCH = /\bdien\s*:\s*$/

function addresseeIntro(line: Line): number | null {
  const m = ADDRESSEES.exec(line.f)
  if (m) return m[0].length
  if (!DISPATCH.test(line.f) || line.text.length >= 160) return null
  // "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:", or in running case "Chủ tịch Ủy ban nhân dân tỉnh điện:".
  const sender = line.text.replace(/điện\s*:\s*$/i, '')
  const words = wordsOf(sender)
  if (upperRatio(sender) > 0.7 || (words.length <= 16 && looksLikeBody(words.map((w) => w.fold)))) return line.text.length
  return null
}

const NUMBERED = /^(?:(?:\d{1,2}|[IVX]{1,5})[.)]|\d{1,2}\s?-)\s+\S/

function classify(line: Line): Kind {
  if (isBlank(line)) return 'blank'
  if (isDecor(line)) return 'decor'
  if (line.f.includes('dang cong san viet nam')) return 'party'
  if (line.f.includes('cong hoa xa hoi chu nghia viet nam') || /doc lap\W*tu do\W*hanh phuc/.test(line.f)) return 'state'
  if (marksOf(line)) return 'mark'
  if (symbolOf(line)) return 'symbol'
  if (addresseeIntro(line) !== null) return 'addressees'
  if (dateOf(line)) return 'date'
  if (/^(?:[-–]\s*)?v\s*[/|l]\s*v\b/.test(line.f) || /^ve viec\b/.test(line.f)) return 'vv'
  if (titleOf(line)) return 'title'
  if (NUMBERED.test(line.text)) return 'numbered'
  if (line.text.length <= 160 && letterCount(line.text) >= 3 && upperRatio(line.text) >= 0.8) return 'upper'
  return 'text'
}

/** A header element follows within a few short lines: the current line is still header text. */
function strongAhead(lines: Line[], i: number): boolean {
  let seen = 0
  for (let j = i + 1; j < lines.length && seen < 6; j++) {
    const l = lines[j]
    if (!l || isBlank(l)) continue
    seen++
    const k = classify(l)
    if (STRONG.has(k)) return true
    if (k === 'numbered' || l.text.length > 200) return false
  }
  return false
}

interface Collected {
  next: number
  from: number
  to: number
  text: string
}

/**
 * Summary lines after "V/v", the type word or the symbol: the same paragraph, or after a blank
 * line a line that starts in lowercase (an OCR line break).
 */
function collectSummary(lines: Line[], i: number, fromCol: number, allowNextParagraph: boolean): Collected | null {
  const first = lines[i]
  if (!first) return null
  const pieces: string[] = []
  let from = -1
  let to = -1
  const rest = first.text.slice(fromCol).trim()
  if (rest) {
    pieces.push(rest)
    from = first.start + first.text.indexOf(rest, fromCol)
    to = first.end
  }
  let j = i + 1
  if (!rest && allowNextParagraph) {
    const k = nextFilled(lines, j)
    const l = lines[k]
    const kind = l ? classify(l) : 'blank'
    if (l && (!STRONG.has(kind) || kind === 'vv') && kind !== 'numbered' && l.text.length < 250 && !l.text.trim().endsWith(':')) {
      pieces.push(l.text.trim())
      from = l.start
      to = l.end
      j = k + 1
    }
  }
  if (pieces.length === 0) return null
  while (j < lines.length) {
    const l = lines[j]
    if (!l) break
    if (isBlank(l)) {
      const k = nextFilled(lines, j)
      const n = lines[k]
      if (n && startsLower(n.text) && !STRONG.has(classify(n)) && n.text.length < 250) {
        j = k
        continue
      }
      break
    }
    const kind = classify(l)
    if (STRONG.has(kind) || kind === 'numbered' || kind === 'decor' || l.text.length >= 250) break
    // "Sở Y tế thông báo … như sau:" opens the body, even without a blank line before it.
    if (/:\s*$/.test(l.text) && !startsLower(l.text)) break
    pieces.push(l.text.trim())
    to = l.end
    j++
  }
  return { next: j, from, to, text: pieces.join(' ') }
}

interface AddresseeBlock {
  next: number
  from: number
  to: number
  items: string[]
}

/**
 * A line without a dash continues the addressee list when it goes on with a name: after a comma
 * or semicolon, in lowercase ("đảng ủy trực thuộc Tỉnh ủy,") or opening like a body's name.
 */
function continuesList(previous: string, line: string): boolean {
  if (/[.:]\s*$/.test(previous)) return false
  if (startsLower(line)) return true
  return /[,;]\s*$/.test(previous) && line.length < 120 && looksLikeBody(wordsOf(line).map((w) => w.fold))
}

function collectAddressees(lines: Line[], i: number, col: number): AddresseeBlock {
  const first = lines[i] as Line
  const items: string[] = []
  const rest = first.text.slice(col).trim()
  let from = first.start + col
  let to = first.end
  if (rest) items.push(rest)
  else from = -1
  let j = i + 1
  while (j < lines.length) {
    const l = lines[j] as Line
    const bullet = /^[-–—+•]/.test(l.text)
    if (isBlank(l)) {
      const k = nextFilled(lines, j)
      const n = lines[k]
      const last = items[items.length - 1] ?? ''
      const open = /[,;]\s*$/.test(last) || items.length === 0
      if (n && open && (/^[-–—+•]/.test(n.text) || startsLower(n.text)) && !STRONG.has(classify(n))) {
        j = k
        continue
      }
      break
    }
    const kind = classify(l)
    if (kind !== 'upper' && kind !== 'text' && !bullet) break
    if (l.text.length > 200) break
    if (!bullet && items.length > 0 && !continuesList(items[items.length - 1] ?? '', l.text)) break
    if (bullet || items.length === 0) items.push(l.text)
    else items[items.length - 1] = `${items[items.length - 1]} ${l.text}`
    if (from < 0) from = l.start
    to = l.end
    j++
  }
  return { next: j, from: Math.max(from, first.start), to, items }
}

function emptyHeader(): Header {
  return {
    system: null,
    issuer: null,
    issuerLines: [],
    symbol: null,
    title: null,
    hasVv: false,
    place: null,
    date: null,
    urgency: null,
    secrecy: null,
    summary: null,
    addressees: null,
    bodyStart: 0,
  }
}

interface ScanState {
  h: Header
  issuerLines: Line[]
  issuerOpen: boolean
  afterSymbol: boolean
  warnings: string[]
}

function setMarks(st: ScanState, line: Line): void {
  for (const m of marksOf(line) ?? []) {
    const found = { from: line.start, to: line.end }
    if (URGENCY_SET.has(m)) st.h.urgency ??= { value: m as Urgency, ...found }
    else st.h.secrecy ??= { value: m as Secrecy, ...found }
  }
}

function setDate(st: ScanState, line: Line): void {
  const d = dateOf(line)
  if (!d || st.h.date) return
  if (d.invalid) st.warnings.push(`Ngày ban hành không hợp lệ: "${line.text.trim()}"`)
  st.h.date = d.date
  st.h.place ??= d.place
}

const MARK_WORDS = ['dang cong san viet nam', 'cong hoa', 'doc lap']

/** Text before the Party or state mark on the same line: two header columns run together. */
function markPrefix(line: Line): string {
  const at = Math.min(...MARK_WORDS.map((w) => line.f.indexOf(w)).filter((k) => k >= 0))
  const before = Number.isFinite(at) && at > 0 ? line.text.slice(0, at).trim() : ''
  return before && upperRatio(before) >= 0.8 && letterCount(before) >= 3 ? before : ''
}

function setMark(st: ScanState, line: Line, system: DocumentSystem): void {
  st.h.system ??= system
  const before = markPrefix(line)
  if (before && st.issuerOpen && !st.h.symbol && !st.h.date) {
    st.issuerLines.push({ ...line, end: line.start + line.text.indexOf(before) + before.length, text: before })
  }
}

function closeIssuer(st: ScanState): void {
  if (st.issuerLines.length > 0) st.issuerOpen = false
}

/** What a line handler decided: the next line to read, or that the body starts at a line. */
type Step = { next: number } | { body: number }

const advance = (i: number): Step => ({ next: i + 1 })

function onSymbol(st: ScanState, line: Line): void {
  const s = symbolOf(line)
  if (s && !st.h.symbol) st.h.symbol = { value: { number: s.number, symbol: s.symbol }, from: s.from, to: s.to }
  setDate(st, line)
  st.afterSymbol = true
  st.issuerOpen = false
}

function onAbout(st: ScanState, lines: Line[], i: number): Step {
  const line = lines[i] as Line
  st.h.hasVv = true
  const marker = /^(?:[-–]\s*)?(?:v\s*[/|l]\s*v|ve viec)\s*:?\s*/.exec(line.f)
  const c = collectSummary(lines, i, marker?.[0].length ?? 0, true)
  if (c && !st.h.summary) st.h.summary = { value: c.text, from: c.from, to: c.to }
  return { next: c?.next ?? i + 1 }
}

function onTitle(st: ScanState, lines: Line[], i: number): Step {
  const line = lines[i] as Line
  const t = titleOf(line)
  if (t && !st.h.title) st.h.title = { value: t.type, from: line.start, to: line.start + t.restFrom }
  st.issuerOpen = false
  const c = collectSummary(lines, i, t?.restFrom ?? line.text.length, true)
  if (c && !st.h.summary) st.h.summary = { value: c.text, from: c.from, to: c.to }
  return { next: c?.next ?? i + 1 }
}

/** After the addressees the body starts, unless the layout put more header elements below them. */
function onAddressees(st: ScanState, lines: Line[], i: number): Step {
  const block = collectAddressees(lines, i, addresseeIntro(lines[i] as Line) ?? 0)
  if (!st.h.addressees) st.h.addressees = { value: block.items, from: block.from, to: block.to }
  const n = lines[nextFilled(lines, block.next)]
  const k = n ? classify(n) : 'blank'
  const moreHeader = k === 'party' || k === 'state' || k === 'mark' || k === 'symbol' || k === 'date'
  return moreHeader ? { next: block.next } : { body: nextFilled(lines, block.next) }
}

function onUpper(st: ScanState, lines: Line[], i: number): Step {
  const h = st.h
  if (st.issuerOpen && !h.symbol && !h.date && !h.title) st.issuerLines.push(lines[i] as Line)
  else if (!strongAhead(lines, i) && (h.title || h.summary || h.addressees)) return { body: i }
  return advance(i)
}

/** Plain text inside the header is the summary of a letter (after its symbol), else noise. */
function onText(st: ScanState, lines: Line[], i: number): Step {
  if (!strongAhead(lines, i)) return { body: i }
  const c = st.afterSymbol && !st.h.summary ? collectSummary(lines, i, 0, false) : null
  if (c) st.h.summary = { value: c.text, from: c.from, to: c.to }
  return { next: c?.next ?? i + 1 }
}

function stepAt(st: ScanState, lines: Line[], i: number, kind: Kind): Step {
  const line = lines[i] as Line
  switch (kind) {
    case 'blank':
    case 'decor':
      return advance(i)
    case 'party':
    case 'state':
      setMark(st, line, kind)
      return advance(i)
    case 'mark':
      setMarks(st, line)
      return advance(i)
    case 'symbol':
      onSymbol(st, line)
      return advance(i)
    case 'date':
      setDate(st, line)
      st.issuerOpen = false
      return advance(i)
    case 'vv':
      return onAbout(st, lines, i)
    case 'title':
      return onTitle(st, lines, i)
    case 'addressees':
      return onAddressees(st, lines, i)
    case 'upper':
      return onUpper(st, lines, i)
    case 'numbered':
      return { body: i }
    default:
      return onText(st, lines, i)
  }
}

/** Reads the header: everything before the body (the issuing block, number, date, title, addressees). */
export function readHeader(doc: Doc, warnings: string[]): Header {
  const lines = doc.lines
  const st: ScanState = { h: emptyHeader(), issuerLines: [], issuerOpen: true, afterSymbol: false, warnings }
  const h = st.h
  let i = 0
  let bodyStart = lines.length
  while (i < lines.length) {
    const line = lines[i] as Line
    const kind = classify(line)
    const splitColumns = (kind === 'party' || kind === 'state') && markPrefix(line) !== ''
    if (kind !== 'upper' && kind !== 'blank' && !splitColumns) closeIssuer(st)
    const step = stepAt(st, lines, i, kind)
    if ('body' in step) {
      bodyStart = step.body
      break
    }
    i = step.next
  }
  h.bodyStart = bodyStart
  if (h.summary) h.summary = { ...h.summary, value: stripAbout(h.summary.value) }
  h.issuerLines = st.issuerLines.map((l) => l.text.trim())
  const first = st.issuerLines[0]
  const last = st.issuerLines[st.issuerLines.length - 1]
  if (first && last) h.issuer = { value: h.issuerLines.join(' '), from: first.start, to: last.end }
  return h
}

/** Drops the "V/v" or "Về việc" that opens a summary, however OCR spelled it ("Vê việc", "V/V"). */
function stripAbout(text: string): string {
  const m = /^\s*(?:v\s*[/|l]\s*v|ve\s+viec)\b\s*:?\s*/.exec(foldKeep(text))
  return (m ? text.slice(m[0].length) : text).trim()
}
