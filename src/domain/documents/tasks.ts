import { fold } from '../text/fold.ts'
import { type AssignContext, assignmentOf, headingOf, mergeRefs, splitSentences } from './assign.ts'
import { parseCadence, parseCellDeadline, parseDeadline } from './dates.ts'
import { isDecor } from './header.ts'
import { type Doc, flow, isBlank, type Line, spanOf } from './lines.ts'
import type { OrgMatcher } from './orgMatcher.ts'
import type { NameRef, ParsedTask } from './types.ts'

/** A cell of a task table: [from, to) in the normalised text, one range per table line it spans. */
export type Cell = [number, number][]

/** The cells of one row of a task table ("TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian"). */
export interface RowCells {
  content: Cell
  lead: Cell
  coordinating: Cell
  time: Cell
}

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
  /** A row of a task table: its cells instead of running text. */
  cells?: RowCells
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
    items.push({ ref: `${items.length + 1}`, depth: 1, line: i, from: l.start, contentFrom: l.start + b[0].length, to: l.end, parent: null })
  }
  return items
}

/** The cells of a table line ("| a | b | c |", or tab-separated cells made so by normalisation); null for other lines. */
function cellsOf(line: Line): [number, number][] | null {
  const t = line.text
  if (!t.includes('|') || (t.match(/\|/g) ?? []).length < 2) return null
  const parts: [number, number][] = []
  let start = 0
  for (let k = 0; k <= t.length; k++) {
    if (k < t.length && t.charAt(k) !== '|') continue
    let a = start
    let b = k
    while (a < b && /\s/.test(t.charAt(a))) a++
    while (b > a && /\s/.test(t.charAt(b - 1))) b--
    parts.push([line.start + a, line.start + b])
    start = k + 1
  }
  if (parts[0] && parts[0][0] === parts[0][1] && t.trimStart().startsWith('|')) parts.shift()
  const last = parts[parts.length - 1]
  if (last && last[0] === last[1] && t.trimEnd().endsWith('|')) parts.pop()
  return parts.length >= 2 ? parts : null
}

interface Columns {
  ref: number
  content: number
  lead: number
  coordinating: number
  time: number
}

/** What each column of a task table holds, from its header row; null when the row is no such header. */
function columnsOf(texts: string[]): Columns | null {
  const col: Columns = { ref: -1, content: -1, lead: -1, coordinating: -1, time: -1 }
  texts.forEach((c, k) => {
    const f = fold(c).replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim()
    if (/^(?:s?tt|so tt|so thu tu)$/.test(f)) col.ref = k
    else if (/phoi hop/.test(f)) col.coordinating = k
    else if (/thoi gian|thoi han|tien do|thoi diem|^han\b|hoan thanh/.test(f)) col.time = k
    else if (/chu tri|thuc hien|phu trach|dau moi/.test(f)) col.lead = k
    else if (/noi dung|nhiem vu|cong viec|hoat dong|giai phap/.test(f)) col.content = k
  })
  return col.content >= 0 && (col.lead >= 0 || col.time >= 0) ? col : null
}

const isSeparatorRow = (texts: string[]) => texts.every((c) => /^:?-{2,}:?$/.test(c.trim()) || c.trim() === '')

interface Row {
  line: Line
  ref: number | null
  cells: RowCells
}

/** A task table whose header row is line i: its rows (a row without a number continues the one above) and the line after it. */
function tableAt(doc: Doc, i: number, to: number): { header: Line; rows: Row[]; end: number } | null {
  const lines = doc.lines
  const header = lines[i] as Line
  const hc = cellsOf(header)
  const col = hc ? columnsOf(hc.map(([a, b]) => doc.text.slice(a, b))) : null
  if (!hc || !col) return null
  const rows: Row[] = []
  let j = i + 1
  let count = 0
  while (j < to) {
    const l = lines[j] as Line
    if (isBlank(l)) {
      const k = j + 1 < to && cellsOf(lines[j + 1] as Line) ? j + 1 : -1
      if (k < 0) break
      j = k
      continue
    }
    const cells = cellsOf(l)
    if (!cells) break
    j++
    const texts = cells.map(([a, b]) => doc.text.slice(a, b))
    if (isSeparatorRow(texts)) continue
    const at = (k: number): Cell => (k >= 0 && cells[k] && cells[k][1] > cells[k][0] ? [cells[k]] : [])
    const refText = col.ref >= 0 ? (texts[col.ref] ?? '').trim().replace(/[.)]$/, '') : ''
    const rowCells: RowCells = { content: at(col.content), lead: at(col.lead), coordinating: at(col.coordinating), time: at(col.time) }
    const prev = rows[rows.length - 1]
    if (col.ref >= 0 && refText === '' && prev) {
      // A cell broken over two lines of text: the line goes on with the row above.
      for (const key of ['content', 'lead', 'coordinating', 'time'] as const) prev.cells[key].push(...rowCells[key])
      continue
    }
    if (/^\d{1,3}$/.test(refText)) rows.push({ line: l, ref: Number(refText), cells: rowCells })
    else if (col.ref < 0 && rowCells.content.length > 0) rows.push({ line: l, ref: ++count, cells: rowCells })
    // Otherwise a group row ("I | Công tác tuyên truyền"): it only titles the rows below.
  }
  return rows.length > 0 ? { header, rows, end: j } : null
}

/** One item per row of a task table, numbered under the section or item the table stands in. */
function addTableItems(items: Item[], st: Numbering, table: { header: Line; rows: Row[] }): void {
  const parent = items[st.stack[st.stack.length - 1] ?? -1]
  const depth = parent ? parent.depth + 1 : 1
  const prefix = parent ? `${parent.ref}.` : ''
  table.rows.forEach((r, k) => {
    while (st.stack.length >= depth) st.stack.pop()
    const from = k === 0 ? table.header.start : r.line.start
    const contentFrom = r.cells.content[0]?.[0] ?? r.line.start
    items.push({ ref: `${prefix}${r.ref ?? k + 1}`, depth, line: r.line.index, from, contentFrom, to: r.line.end, parent: parent ? items.indexOf(parent) : null, cells: r.cells })
  })
}

/** "- Giao Sở Y tế …", "- Đối với …: Giao Sở Tài chính …": a bullet that assigns work of its own. */
function bulletAssigns(text: string): boolean {
  const f = fold(text.replace(BULLET, ''))
  if (/^(?:giao(?: cho)?|de nghi|yeu cau)\s+(?:cac\s+)?\S/.test(f) && /^\S+\s+(?:cho\s+)?(?:các\s+)?\p{Lu}/u.test(text.replace(BULLET, ''))) return true
  return /^doi voi\b[^:]{0,200}:\s*(?:giao|de nghi|yeu cau)\b/.test(f)
}

/**
 * Bullets under a numbered item that each assign work ("- Giao Sở Y tế …, hoàn thành trước ngày
 * 31/7/2022.") are tasks of their own, numbered under the item ("2.1", "2.2").
 */
function promoteBullets(lines: Line[], items: Item[], to: number): Item[] {
  const parents = new Set(items.map((it) => it.parent))
  const out: Item[] = []
  const newIndex = new Map<number, number>()
  items.forEach((it, k) => {
    newIndex.set(k, out.length)
    out.push({ ...it, parent: it.parent === null ? null : (newIndex.get(it.parent) ?? null) })
    if (parents.has(k) || it.cells) return
    const end = items[k + 1]?.line ?? to
    let n = 0
    for (let i = it.line + 1; i < end; i++) {
      const l = lines[i] as Line
      const b = BULLET.exec(l.text)
      if (!b || !bulletAssigns(l.text)) continue
      n++
      out.push({ ref: `${it.ref}.${n}`, depth: it.depth + 1, line: i, from: l.start, contentFrom: l.start + b[0].length, to: l.end, parent: newIndex.get(k) ?? null })
    }
  })
  return out
}

/** Finds the items of the body lines [from, to) and where each one ends. */
export function layoutOf(doc: Doc, from: number, to: number): Layout {
  const lines = doc.lines
  let items: Item[] = []
  const st: Numbering = { mode: null, sectionKind: null, roman: 0, romanRef: '', num: 0, sub: 0, letter: null, stack: [] }
  for (let i = from; i < to; i++) {
    const table = tableAt(doc, i, to)
    if (table) {
      addTableItems(items, st, table)
      i = table.end - 1
      continue
    }
    readMarker(items, st, lines[i] as Line)
  }
  if (items.length === 0) items = bulletItems(lines, from, to)
  else items = promoteBullets(lines, items, to)
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

const cellText = (doc: Doc, cell: Cell) => flow(cell.map(([a, b]) => doc.text.slice(a, b)).join(' '))

function namesIn(text: string, matcher: OrgMatcher): NameRef[] {
  const out: NameRef[] = []
  if (text.trim()) mergeRefs(out, matcher.matchAll(text).filter((r) => r.text.length > 0))
  return out
}

/** A row of a task table: the task, its lead and coordinating bodies and its time, each from its column. */
function rowTask(item: Item, cells: RowCells, ctx: TaskContext): ParsedTask {
  const { doc } = ctx
  const text = cellText(doc, cells.content)
  const time = cellText(doc, cells.time)
  const timeCadence = parseCadence(time, ctx.everyDays)
  return {
    ref: item.ref,
    text,
    lead: namesIn(cellText(doc, cells.lead), ctx.matcher),
    coordinating: namesIn(cellText(doc, cells.coordinating), ctx.matcher),
    deadline: parseCellDeadline(time, ctx.year) ?? parseDeadline(text, ctx.year),
    cadence: timeCadence.kind !== 'once' ? timeCadence : parseCadence(text, ctx.everyDays),
    span: spanOf(doc, item.from, item.to),
  }
}

interface ItemResult {
  task: ParsedTask
  /** The item's own sentences assign in so many words (not a lead inherited or a heading's name). */
  explicit: boolean
  /** The item is only a body's name heading its sub-items ("1. Sở Y tế:"). */
  namesOnly: boolean
}

function itemTask(item: Item, items: Item[], headings: NameRef[][], ctx: TaskContext): ItemResult {
  const { doc, matcher } = ctx
  if (item.cells) {
    headings.push([])
    return { task: rowTask(item, item.cells, ctx), explicit: true, namesOnly: false }
  }
  const heading = headingOf(doc.text, item.contentFrom, firstLineEnd(doc.text, item.contentFrom, item.to), matcher)
  headings.push(heading)
  let inherited: NameRef[] = heading
  for (let p = item.parent; inherited.length === 0 && p !== null; p = items[p]?.parent ?? null) inherited = headings[p] ?? []
  const lead: NameRef[] = []
  const coordinating: NameRef[] = []
  const actx: AssignContext = { matcher, inherited, strict: false }
  let explicit = false
  for (const [a, b] of splitSentences(doc.text, item.contentFrom, item.to)) {
    const got = assignmentOf(doc.text, a, b, actx)
    if (!got) continue
    if (got.explicit && got.lead.length > 0) explicit = true
    mergeRefs(lead, got.lead)
    mergeRefs(coordinating, got.coordinating)
    if (actx.inherited.length === 0 && got.lead.length > 0) actx.inherited = got.lead
  }
  if (lead.length === 0) mergeRefs(lead, inherited)
  const text = flow(doc.text.slice(item.contentFrom, item.to))
  const task = { ref: item.ref, text, lead, coordinating, deadline: parseDeadline(text, ctx.year), cadence: parseCadence(text, ctx.everyDays), span: spanOf(doc, item.from, item.to) }
  return { task, explicit: explicit && heading.length === 0, namesOnly: heading.length > 0 }
}

/** Sections that state aims, background or principles: "I. MỤC ĐÍCH, YÊU CẦU", "MỤC TIÊU", "TÌNH HÌNH …". */
const AIMS = /^(?:muc dich|muc tieu|yeu cau|dac diem|tinh hinh|ket qua|quan diem|can cu|boi canh|so ket|danh gia)\b/
/** Opening articles of a decision that enact or appoint rather than assign: "Điều 1. Ban hành kèm theo …". */
const ENACTING = /^(?:ban hanh|phe duyet|kien toan|thanh lap|cong bo|bai bo|sua doi|bo sung|dieu chinh)\b/

/**
 * Items that are read but assign nothing: a section or item that only titles the items below it,
 * everything under a section of aims, and an article that enacts a document.
 */
function markHeadings(items: Item[], results: ItemResult[]): void {
  const hasChildren = new Set(items.map((it) => it.parent))
  results.forEach((r, k) => {
    const it = items[k] as Item
    const f = fold(r.task.text)
    let top: number = k
    while (items[top]?.parent !== null && items[top]?.parent !== undefined) top = items[top]?.parent as number
    const topText = fold(results[top]?.task.text ?? '')
    const titleOnly = hasChildren.has(k) && !r.explicit && (r.namesOnly || r.task.text.length <= 160 || /:\s*$/.test(r.task.text.split('\n')[0] ?? ''))
    const topItem = items[top]
    const shortTitle = ((results[top]?.task.text ?? '').split('\n')[0] ?? '').length <= 80
    const aims = !it.cells && topItem?.depth === 1 && (/^[IVX]+$/.test(topItem.ref) || shortTitle) && AIMS.test(topText)
    const enacting = it.ref.startsWith('Điều') && ENACTING.test(f) && !r.explicit
    if (titleOnly || aims || enacting) r.task.heading = true
  })
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
  const results = layout.items.map((it) => itemTask(it, layout.items, headings, ctx))
  markHeadings(layout.items, results)
  const itemTasks = results.map((r) => r.task)
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
