import { fold } from '../text/fold.ts'
import { headerConfidence, taskConfidence } from './confidence.ts'
import { type Header, readHeader, typeOfSymbol } from './header.ts'
import { looksLikeBody, wordsOf } from './lexicon.ts'
import { type Doc, isBlank, makeDoc, spanOf } from './lines.ts'
import { cleanName, type OrgMatcher, textOnlyMatcher } from './orgMatcher.ts'
import { referencesIn } from './references.ts'
import { readRecipients, readSigning, type Signing } from './signing.ts'
import { isTopLevelRef, layoutOf, tasksOf } from './tasks.ts'
import type { DocumentSystem, DocumentType, NameRef, ParsedDirective } from './types.ts'

export interface ParseOptions {
  /** Days between reports for "thường xuyên" (regularly); 7 unless the province decides otherwise. */
  regularEveryDays?: number
}

function emptyDirective(text: string): ParsedDirective {
  return {
    system: null,
    type: null,
    number: null,
    symbol: null,
    issuer: null,
    place: null,
    date: null,
    urgency: null,
    secrecy: null,
    summary: null,
    addressees: [],
    recipients: [],
    signing: { authority: null, position: null, signer: null },
    references: [],
    body: text,
    tasks: [],
    warnings: [],
    spans: {},
  }
}

/** Runs one part of the parse; a failure becomes a warning instead of losing the rest. */
function guarded<T>(warnings: string[], what: string, fallback: T, run: () => T): T {
  try {
    return run()
  } catch (e) {
    warnings.push(`Lỗi khi đọc ${what}: ${e instanceof Error ? e.message : String(e)}`)
    return fallback
  }
}

function typeOf(h: Header): DocumentType | null {
  const fromSymbol = h.symbol ? typeOfSymbol(h.symbol.value.symbol) : null
  if (fromSymbol?.explicit) return fromSymbol.type
  if (h.title) return h.title.value
  if (fromSymbol?.type) return fromSymbol.type
  // Only a letter (công văn) carries "V/v …" as its summary (Decree 30/2020; Guidance 36-HD/VPTW).
  if (h.hasVv) return 'CV'
  return null
}

function systemOf(h: Header, signing: Signing | null, doc: Doc): DocumentSystem | null {
  if (h.system) return h.system
  const fromSymbol = h.symbol ? typeOfSymbol(h.symbol.value.symbol).system : null
  if (fromSymbol) return fromSymbol
  if (signing) {
    const line = doc.lines[signing.line]
    if (line && /^[tk]\s*[/|\\il1]\s*[mtl]\b/.test(line.f.trim())) return 'party'
    if (line && /^(?:tm|kt|tl|tuq|q)\s*\./.test(line.f.trim())) return 'state'
  }
  return null
}

function setSpan(p: ParsedDirective, doc: Doc, key: keyof ParsedDirective['spans'], found: { from: number; to: number } | null): void {
  if (found && found.to > found.from) p.spans[key] = spanOf(doc, found.from, found.to)
}

function applyHeader(p: ParsedDirective, doc: Doc, h: Header, matcher: OrgMatcher): void {
  p.type = typeOf(h)
  p.number = h.symbol?.value.number ?? null
  p.symbol = h.symbol?.value.symbol ?? null
  p.place = h.place?.value ?? null
  p.date = h.date?.value ?? null
  p.urgency = h.urgency?.value ?? null
  p.secrecy = h.secrecy?.value ?? null
  p.summary = h.summary?.value ?? null
  if (h.issuer) p.issuer = issuerRef(h.issuer.value, h.issuerLines, matcher)
  p.addressees = (h.addressees?.value ?? []).flatMap((item) => matcher.matchAll(item))
  setSpan(p, doc, 'issuer', h.issuer)
  setSpan(p, doc, 'symbol', h.symbol)
  setSpan(p, doc, 'type', h.symbol && typeOfSymbol(h.symbol.value.symbol).explicit ? h.symbol : (h.title ?? h.symbol))
  setSpan(p, doc, 'place', h.place)
  setSpan(p, doc, 'date', h.date)
  setSpan(p, doc, 'urgency', h.urgency)
  setSpan(p, doc, 'secrecy', h.secrecy)
  setSpan(p, doc, 'summary', h.summary)
  setSpan(p, doc, 'addressees', h.addressees)
}

/**
 * The issuing body is the last line of a two-level block ("UBND TỈNH AN GIANG" over "BAN CHỈ ĐẠO
 * …", Decree 30/2020 art. 8), unless that line only ends a name split in two ("ỦY BAN NHÂN DÂN" / "TỈNH AN GIANG").
 */
function issuerRef(text: string, lines: string[], matcher: OrgMatcher): NameRef {
  const last = lines[lines.length - 1]
  if (lines.length > 1 && last && looksLikeBody(wordsOf(last).map((w) => w.fold))) {
    // "VĂN PHÒNG" under "UBND TỈNH AN GIANG" is the office of that committee.
    for (const candidate of [last, [last, ...lines.slice(0, -1)].join(' ')]) {
      const own = matcher.match(candidate)
      if (own.orgId !== undefined || own.groupKey !== undefined) return { ...own, text }
    }
  }
  return { ...matcher.match(text), text }
}

function warnMissing(p: ParsedDirective, hasText: boolean): void {
  if (!hasText) {
    p.warnings.push('Văn bản trống')
    return
  }
  if (!p.date) p.warnings.push('Không đọc được ngày ban hành')
  if (!p.symbol) p.warnings.push('Không đọc được số, ký hiệu văn bản')
  if (!p.issuer) p.warnings.push('Không xác định được cơ quan ban hành')
  if (!p.type) p.warnings.push('Không xác định được loại văn bản')
  if (!p.signing.signer) p.warnings.push('Không đọc được người ký')
  if (p.tasks.length === 0) p.warnings.push('Không tìm thấy nhiệm vụ nào trong văn bản')
}

function expandAsAbove(items: string[], addressees: NameRef[], matcher: OrgMatcher): NameRef[] {
  const out: NameRef[] = []
  for (const item of items) {
    const f = fold(item).replace(/^[-+•–—\s]+/, '')
    if (/^nhu tren\b/.test(f)) out.push(...addressees.map((a) => ({ ...a, ...(a.memberIds ? { memberIds: [...a.memberIds] } : {}) })))
    else if (/^luu\b/.test(f)) continue
    else out.push(...matcher.matchAll(cleanName(item)))
  }
  return out
}

function bodyEnd(doc: Doc, bodyStart: number, signing: Signing | null, recipientsLine: number | null): number {
  let end = doc.lines.length
  if (signing && signing.line >= bodyStart) end = Math.min(end, signing.line)
  if (recipientsLine !== null && recipientsLine >= bodyStart) end = Math.min(end, recipientsLine)
  while (end > bodyStart && isBlank(doc.lines[end - 1])) end--
  return end
}

function yearOf(date: string | null): number | null {
  return date ? Number(date.slice(0, 4)) : null
}

function parseInto(p: ParsedDirective, doc: Doc, matcher: OrgMatcher, options: ParseOptions): void {
  const w = p.warnings
  const header = guarded(w, 'phần đầu văn bản', null, () => readHeader(doc, w))
  if (header) applyHeader(p, doc, header, matcher)
  const bodyStart = header?.bodyStart ?? 0
  const signing = guarded(w, 'phần ký', null, () => readSigning(doc, bodyStart))
  if (signing) {
    p.signing = { authority: signing.authority, position: signing.position, signer: signing.signer, actingFor: signing.actingFor }
    setSpan(p, doc, 'signing', signing)
  }
  p.system = header ? systemOf(header, signing, doc) : null
  const recipients = guarded(w, 'nơi nhận', null, () => readRecipients(doc, bodyStart))
  if (recipients) {
    p.recipients = guarded(w, 'nơi nhận', [], () => expandAsAbove(recipients.items, p.addressees, matcher))
    setSpan(p, doc, 'recipients', recipients)
  }
  const end = bodyEnd(doc, bodyStart, signing, recipients?.line ?? null)
  const from = doc.lines[bodyStart]?.start ?? doc.text.length
  const to = end > bodyStart ? (doc.lines[end - 1]?.end ?? from) : from
  p.body = doc.text.slice(from, to)
  setSpan(p, doc, 'body', { from, to })
  if (to <= from) w.push('Không tìm thấy phần nội dung văn bản')
  p.references = guarded(w, 'văn bản được dẫn chiếu', [], () => referencesIn(doc.text, doc.f, from, to, p.symbol, matcher))
  const layout = guarded(w, 'các mục nhiệm vụ', null, () => layoutOf(doc, bodyStart, end))
  if (layout) {
    const ctx = { doc, matcher, year: yearOf(p.date), everyDays: options.regularEveryDays ?? 7 }
    p.tasks = guarded(w, 'các nhiệm vụ', [], () => tasksOf(layout, ctx))
  }
  guarded(w, 'độ tin cậy', null, () => {
    for (const t of p.tasks) t.confidence = taskConfidence(t)
    p.fieldConfidence = headerConfidence(p)
    return null
  })
  warnMissing(p, doc.text.trim().length > 0)
}

/**
 * Reads a directive pasted as text (markdown, OCR output): header, addressees, tasks with their
 * lead and coordinating bodies, signing block. Never throws; what it cannot read is listed in
 * `warnings`. Every span points into `text` as given.
 */
export function parseDirective(text: string, matcher?: OrgMatcher, options: ParseOptions = {}): ParsedDirective {
  const input = typeof text === 'string' ? text : ''
  const p = emptyDirective('')
  try {
    const doc = makeDoc(input)
    parseInto(p, doc, matcher ?? textOnlyMatcher(), options)
  } catch (e) {
    p.warnings.push(`Lỗi khi đọc văn bản: ${e instanceof Error ? e.message : String(e)}`)
  }
  return p
}

/** Number of top-level items of the body (see isTopLevelRef), for comparing with a reader's count. */
export function numberedTaskCount(p: ParsedDirective): number {
  return p.tasks.filter((t) => isTopLevelRef(t.ref)).length
}

