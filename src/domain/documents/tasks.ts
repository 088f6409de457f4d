import { type AssignContext, assignmentOf, headingOf, mergeRefs, splitSentences } from './assign.ts'
import { parseCadence, parseDeadline } from './dates.ts'
import { isDecor } from './header.ts'
import { type Doc, flow, isBlank, type Line, spanOf } from './lines.ts'
import type { OrgMatcher } from './orgMatcher.ts'
import type { NameRef, ParsedTask } from './types.ts'

/** A numbered (or, in a document without numbers, bulleted) item of the body. */
export interface Item {
  ref: string
  depth: number
  line: number
  /** Offsets in the normalised text: the item with its marker, and its own text without it. */
  from: number
  contentFrom: number
  to: number
  parent: number | null
}

export interface Layout {
  items: Item[]
  /** Text before the first item and after the last one (closing paragraphs), in normalised offsets. */
  preamble: [number, number] | null
  closing: [number, number] | null
}

const ROMAN = /^([IVX]{1,5})[.)]\s*(?=\S)/
const ARTICLE = /^(?:Điều|ĐIỀU|Đieu|Dieu|Điêu)\s+(\d{1,3})\s*[.:]\s*(?=\S)/
const NUM = /^(\d{1,2})(?:[.)]|\s?-(?=\s))(?!\d)\s*(?=\S)/
const SUB = /^(\d{1,2})\.(\d{1,2})\.?(?!\d)\s*(?=\S)/
const LETTER = /^([a-zđ])(?:\)|\.(?=\s))\s*(?=\S)/
const BULLET = /^([-–—+•])\s*(?=\S)/

const LETTERS = 'abcdđeghiklmnopqrstuvxy'

function romanValue(s: string): number {
  const v: Record<string, number> = { I: 1, V: 5, X: 10 }
  let total = 0
  for (let k = 0; k < s.length; k++) {
    const cur = v[s.charAt(k)] ?? 0
    const next = v[s.charAt(k + 1)] ?? 0
    total += cur < next ? -cur : cur
  }
  return total
}

/** "b" follows "a"; Vietnamese lists skip f, j, w, z and may insert "đ" after "d". */
function nextLetter(prev: string | null, l: string): boolean {
  if (prev === null) return l === 'a'
  const vi = LETTERS.indexOf(prev)
  if (vi >= 0 && LETTERS.charAt(vi + 1) === l) return true
  return prev.length === 1 && String.fromCharCode(prev.charCodeAt(0) + 1) === l
}

interface Numbering {
  /** "section": Roman numerals (plans) or "Điều N" (decisions) head the numbered items. */
  mode: 'section' | 'num' | null
  sectionKind: 'roman' | 'article' | null
  roman: number
  romanRef: string
  num: number
  sub: number
  letter: string | null
  stack: number[]
}

function push(items: Item[], st: Numbering, line: Line, ref: string, depth: number, markerLen: number): void {
  while (st.stack.length >= depth) st.stack.pop()
  const parent = st.stack[st.stack.length - 1] ?? null
  items.push({ ref, depth, line: line.index, from: line.start, contentFrom: line.start + markerLen, to: line.end, parent })
  st.stack.push(items.length - 1)
}

/** Accepts a marker only when it continues the numbering, so stray "2." at an OCR line start is text. */
function readMarker(items: Item[], st: Numbering, line: Line): boolean {
  const t = line.text
  const r = ROMAN.exec(t)
  const a = r ? null : ARTICLE.exec(t)
  const kind = r ? 'roman' : a ? 'article' : null
  const value = r ? romanValue(r[1] ?? '') : a ? Number(a[1]) : 0
  if (kind && st.mode !== 'num' && (st.sectionKind ?? kind) === kind && value === st.roman + 1) {
    st.mode = 'section'
    st.sectionKind = kind
    st.roman++
    st.romanRef = r ? (r[1] ?? '') : `Điều ${value}`
    Object.assign(st, { num: 0, sub: 0, letter: null })
    push(items, st, line, st.romanRef, 1, (r ?? a)?.[0].length ?? 0)
    return true
  }
  const prefix = st.mode === 'section' ? `${st.romanRef}.` : ''
  const base = st.mode === 'section' ? 1 : 0
  const s = SUB.exec(t)
  if (s && st.num > 0 && Number(s[1]) === st.num && Number(s[2]) === st.sub + 1) {
    st.sub++
    st.letter = null
    push(items, st, line, `${prefix}${st.num}.${st.sub}`, base + 2, s[0].length)
    return true
  }
  const n = NUM.exec(t)
  if (n && Number(n[1]) === st.num + 1) {
    st.mode ??= 'num'
    st.num++
    st.sub = 0
    st.letter = null
    push(items, st, line, `${prefix}${st.num}`, base + 1, n[0].length)
    return true
  }
  const l = LETTER.exec(t)
  if (l && nextLetter(st.letter, l[1] ?? '')) {
    st.letter = l[1] ?? ''
    const parentIdx = st.stack.filter((k) => !/[a-zđ]$/.test(items[k]?.ref ?? ''))
    const parent = items[parentIdx[parentIdx.length - 1] ?? -1]
    const depth = parent ? parent.depth + 1 : 1
    push(items, st, line, parent ? `${parent.ref}.${st.letter}` : st.letter, depth, l[0].length)
    return true
  }
  return false
}

const CLOSING_START = /^(?:giao|yeu cau|de nghi|tren day la|nhan duoc)\b/
const CLOSING_THIS = /\b(?:cong van|chi thi|ke hoach|thong bao|cong dien|nghi quyet|quyet dinh|huong dan|ket luan|van ban) nay\b|\bbiet,?\s*(?:va\s+)?(?:thuc hien|phoi hop|to chuc)\b/

function isParagraphStart(lines: Line[], i: number): boolean {
  const prev = lines[i - 1]
  return !prev || isBlank(prev) || /[.;:!?]\s*$/.test(prev.text)
}

/** The first closing paragraph after the last item: "Giao …", "Yêu cầu …", "… công văn này". */
function closingLine(lines: Line[], after: number, end: number): number {
  for (let i = after + 1; i < end; i++) {
    const l = lines[i]
    if (!l || isBlank(l) || !isParagraphStart(lines, i)) continue
    if (CLOSING_START.test(l.f) || CLOSING_THIS.test(l.f)) return i
  }
  return end
}

function bulletItems(lines: Line[], from: number, to: number): Item[] {
  const items: Item[] = []
  let char: string | null = null
  for (let i = from; i < to; i++) {
    const l = lines[i] as Line
    if (isDecor(l)) continue
    const b = BULLET.exec(l.text)
    if (!b) continue
    char ??= b[1] ?? '-'
    if (b[1] !== char) continue
    items.push({ ref: `-${items.length + 1}`, depth: 1, line: i, from: l.start, contentFrom: l.start + b[0].length, to: l.end, parent: null })
  }
  return items
}

/** Finds the items of the body lines [from, to) and where each one ends. */
export function layoutOf(doc: Doc, from: number, to: number): Layout {
  const lines = doc.lines
  let items: Item[] = []
  const st: Numbering = { mode: null, sectionKind: null, roman: 0, romanRef: '', num: 0, sub: 0, letter: null, stack: [] }
  for (let i = from; i < to; i++) readMarker(items, st, lines[i] as Line)
  if (items.length === 0) items = bulletItems(lines, from, to)
  const bodyFrom = lines[from]?.start ?? doc.text.length
  const bodyTo = to > from ? (lines[to - 1]?.end ?? doc.text.length) : bodyFrom
  const first = items[0]
  const last = items[items.length - 1]
  if (!first || !last) return { items, preamble: bodyTo > bodyFrom ? [bodyFrom, bodyTo] : null, closing: null }
  const closeAt = closingLine(lines, last.line, to)
  const closeFrom = closeAt < to ? (lines[closeAt]?.start ?? bodyTo) : bodyTo
  items.forEach((it, k) => {
    const next = items[k + 1]
    const end = next ? next.from : closeFrom
    it.to = trimEnd(doc.text, it.from, end)
  })
  return {
    items,
    preamble: first.from > bodyFrom ? [bodyFrom, trimEnd(doc.text, bodyFrom, first.from)] : null,
    closing: closeFrom < bodyTo ? [closeFrom, bodyTo] : null,
  }
}

function trimEnd(text: string, from: number, to: number): number {
  let e = to
  while (e > from && /\s/.test(text.charAt(e - 1))) e--
  return e
}

export interface TaskContext {
  doc: Doc
  matcher: OrgMatcher
  year: number | null
  everyDays: number
}

function firstLineEnd(text: string, from: number, to: number): number {
  const nl = text.indexOf('\n', from)
  return nl < 0 || nl > to ? to : nl
}

function itemTask(item: Item, items: Item[], headings: NameRef[][], ctx: TaskContext): ParsedTask {
  const { doc, matcher } = ctx
  const heading = headingOf(doc.text, item.contentFrom, firstLineEnd(doc.text, item.contentFrom, item.to), matcher)
  headings.push(heading)
  let inherited: NameRef[] = heading
  for (let p = item.parent; inherited.length === 0 && p !== null; p = items[p]?.parent ?? null) inherited = headings[p] ?? []
  const lead: NameRef[] = []
  const coordinating: NameRef[] = []
  const actx: AssignContext = { matcher, inherited, strict: false }
  for (const [a, b] of splitSentences(doc.text, item.contentFrom, item.to)) {
    const got = assignmentOf(doc.text, a, b, actx)
    if (!got) continue
    mergeRefs(lead, got.lead)
    mergeRefs(coordinating, got.coordinating)
    if (actx.inherited.length === 0 && got.lead.length > 0) actx.inherited = got.lead
  }
  if (lead.length === 0) mergeRefs(lead, inherited)
  const text = flow(doc.text.slice(item.contentFrom, item.to))
  return { ref: item.ref, text, lead, coordinating, deadline: parseDeadline(text, ctx.year), cadence: parseCadence(text, ctx.everyDays), span: spanOf(doc, item.from, item.to) }
}

function sentenceTasks(range: [number, number] | null, ctx: TaskContext, start: number): ParsedTask[] {
  if (!range) return []
  const out: ParsedTask[] = []
  for (const [a, b] of splitSentences(ctx.doc.text, range[0], range[1])) {
    const got = assignmentOf(ctx.doc.text, a, b, { matcher: ctx.matcher, inherited: [], strict: true })
    if (!got || got.lead.length === 0) continue
    const text = flow(ctx.doc.text.slice(a, b))
    out.push({
      ref: `S${start + out.length}`,
      text,
      lead: got.lead,
      coordinating: got.coordinating,
      deadline: parseDeadline(text, ctx.year),
      cadence: parseCadence(text, ctx.everyDays),
      span: spanOf(ctx.doc, a, b),
    })
  }
  return out
}

/** Tasks of the body: one per item, plus one per assigning sentence outside the items (refs S1, S2 …). */
export function tasksOf(layout: Layout, ctx: TaskContext): ParsedTask[] {
  const headings: NameRef[][] = []
  const itemTasks = layout.items.map((it) => itemTask(it, layout.items, headings, ctx))
  const before = sentenceTasks(layout.preamble, ctx, 1)
  const after = sentenceTasks(layout.closing, ctx, before.length + 1)
  return [...before, ...itemTasks, ...after]
}

/**
 * Top-level items: numbered items at the first level of the body (the Roman sections of a plan,
 * the articles "Điều N" of a decision), or its bullets when it has no numbering. Sentence tasks
 * (S…) are not items.
 */
export function isTopLevelRef(ref: string): boolean {
  return !ref.includes('.') && !/^S\d+$/.test(ref)
}
