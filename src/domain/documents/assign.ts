import { BODY_HEADS, CONNECTIVES, FOLDED_STOPS, looksLikeBody, NAME_SYLLABLES, STOP_PHRASES, STRONG_VERBS, startsWithAny, TRIGGERS, type Word, wordsOf } from './lexicon.ts'
import type { OrgMatcher } from './orgMatcher.ts'
import type { NameRef } from './types.ts'

export interface Assignment {
  lead: NameRef[]
  coordinating: NameRef[]
  /** Said in so many words ("Giao …", "… chủ trì", "… phối hợp với …"), not only a subject. */
  explicit: boolean
}

export interface AssignContext {
  matcher: OrgMatcher
  /** Lead of the enclosing item, for sentences without a subject ("Chủ trì, phối hợp với …"). */
  inherited: NameRef[]
  /** Outside the numbered items only explicit assignments count. */
  strict: boolean
}

/** Sentence ranges of text[from, to): ends at . ; ! ? before a space, at a line that starts a bullet, at blank lines. */
export function splitSentences(text: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = []
  let start = from
  const push = (end: number) => {
    const raw = text.slice(start, end)
    const lead = raw.length - raw.trimStart().length
    const trail = raw.length - raw.trimEnd().length
    if (raw.trim().length > 0) out.push([start + lead, end - trail])
  }
  for (let i = from; i < to; i++) {
    const c = text.charAt(i)
    const next = i + 1 < to ? text.charAt(i + 1) : '\n'
    if ('.;!?'.includes(c) && /\s/.test(next)) {
      push(i + 1)
      start = i + 1
    } else if (c === '\n' && (/^\n|^\s*[-–—+•]\s/.test(text.slice(i + 1, i + 4)) || text.charAt(i - 1) === ':')) {
      push(i)
      start = i + 1
    }
  }
  push(to)
  return out
}

const FRAMING = new Set(['các', 'những', 'mọi', 'từng'])
const PLURALS = new Set(['các', 'những', 'mọi', 'từng', 'mỗi'])

function phraseAt(words: Word[], i: number, phrase: string[], form: 'low' | 'fold'): boolean {
  return phrase.every((p, k) => words[i + k]?.[form] === p)
}

/** Verbs that are also nouns in names: after a comma they continue a list ("…, tổ chức đảng, …"). */
const NOUN_VERBS = new Set(['tổ chức', 'lãnh đạo', 'chỉ đạo', 'quản lý', 'thường trực'])

/** Length in words of the verb or function word that ends a name at word i, 0 when none. */
function stopAt(text: string, words: Word[], i: number, first: number): number {
  const w = words[i]
  if (!w) return 0
  if (i > first && w.upper) return 0
  const prev = words[i - 1]
  if (prev && i > first && FRAMING.has(prev.low)) return 0
  const afterComma = prev !== undefined && i > first && text.slice(prev.end, w.start).includes(',')
  if (afterComma && NOUN_VERBS.has(`${w.low} ${words[i + 1]?.low ?? ''}`)) return 0
  let best = 0
  for (const p of STOP_PHRASES) if (p.length > best && phraseAt(words, i, p, 'low')) best = p.length
  if (best === 0) for (const p of FOLDED_STOPS) if (p.length > best && phraseAt(words, i, p, 'fold')) best = p.length
  if (best === 0) return 0
  // "Ban Chỉ đạo", "Ban Quản lý" in lowercase; "các cơ quan có liên quan".
  if (prev?.fold === 'ban' && (w.fold === 'chi' || w.fold === 'quan')) return 0
  if (w.low === 'có' && words[i + 1]?.low === 'liên') return 0
  return best
}

const HARD_PUNCT = /[.;:!?()“”"«»[\]]|\n\s*[-–—+•]/

/** Words that may still qualify a known name ("… các cấp", "… có liên quan", "… cấp tỉnh", "Công an huyện", "… thành phố Long Xuyên"). */
const QUALIFIERS = new Set(['tỉnh', 'các', 'cấp', 'liên', 'có', 'trực', 'thuộc', 'địa', 'trên', 'huyện', 'xã', 'thị', 'thành', 'phường', 'quận', 'đặc'])

/**
 * After a known name, a lowercase word that is not a qualifier starts the predicate, even when
 * it is a verb the stop list lacks ("Các cơ quan báo chí của tỉnh mở chuyên mục").
 */
function endsAfterKnown(text: string, words: Word[], i: number): boolean {
  const w = words[i]
  const prev = words[i - 1]
  if (!w || !prev) return false
  const gap = text.slice(prev.end, w.start)
  if (/[,;]/.test(gap) || w.upper || w.low === 'và' || w.low === 'cùng') return false
  return !QUALIFIERS.has(w.low)
}

interface Scan {
  /** Character offset after the last word of the names. */
  end: number
  /** Index of the first word after the names. */
  next: number
  stop: 'verb' | 'punct' | 'end' | 'limit'
}

/** Reads a list of names from word `i0`, until a verb, a punctuation mark or the end. */
export function scanNames(text: string, words: Word[], i0: number, matcher: OrgMatcher): Scan {
  let i = i0
  let end = words[i0]?.start ?? 0
  // A body's name holds only the lowercase syllables names are made of; any other ends it.
  const namedBody = opensBody(words, i0)
  while (i < words.length) {
    if (i - i0 >= 30) return { end, next: i, stop: 'limit' }
    const w = words[i] as Word
    const prev = words[i - 1]
    if (i > i0 && prev && HARD_PUNCT.test(text.slice(prev.end, w.start))) return { end, next: i, stop: 'punct' }
    const known = matcher.knownPrefix?.(text.slice(w.start, Math.min(text.length, w.start + 200))) ?? 0
    if (known > 0) {
      const stopAtKnown = w.start + known
      while (i < words.length && (words[i] as Word).end <= stopAtKnown) i++
      end = stopAtKnown
      if (endsAfterKnown(text, words, i)) return { end, next: i, stop: 'verb' }
      continue
    }
    if (stopAt(text, words, i, i0) > 0) return { end, next: i, stop: 'verb' }
    if (i > i0 && namedBody && !w.upper && !NAME_SYLLABLES.has(w.fold) && !/^\d/.test(w.raw)) return { end, next: i, stop: 'verb' }
    end = w.end
    i++
  }
  return { end, next: i, stop: 'end' }
}

/** The words from `i0` open like a body's name ("Sở …", "Phòng …", "Các sở …"), capitalised or plural. */
function opensBody(words: Word[], i0: number): boolean {
  const first = words[i0]
  if (!first) return false
  const folded = words.slice(i0, i0 + 4).map((w) => w.fold)
  if (first.upper) return startsWithAny(folded, 0, BODY_HEADS) > 0
  return looksLikeBody(folded) && (first.low === 'các' || first.low === 'những')
}

function skipConnectives(words: Word[], i: number): number {
  for (const c of CONNECTIVES) if (phraseAt(words, i, c, 'low')) return i + c.length
  return i
}

function triggerAt(words: Word[], i: number): number {
  for (const t of TRIGGERS) if (phraseAt(words, i, t, 'fold')) return t.length
  return 0
}

function refsOf(text: string, from: number, to: number, matcher: OrgMatcher): NameRef[] {
  if (to <= from) return []
  return matcher.matchAll(text.slice(from, to)).filter((r) => r.text.length > 0)
}

const isKnown = (r: NameRef) => r.orgId !== undefined || r.groupKey !== undefined

/** "… phối hợp (chặt chẽ) với Y", "… cùng (với) Y": the coordinating bodies after the subject. */
function coordinatorsAfter(text: string, words: Word[], from: number, matcher: OrgMatcher): NameRef[] {
  for (let k = from; k < words.length; k++) {
    let j = -1
    if (phraseAt(words, k, ['phoi', 'hop'], 'fold')) {
      j = k + 2
      if (phraseAt(words, j, ['chat', 'che'], 'fold')) j += 2
      if (words[j]?.fold === 'voi' || words[j]?.low === 'cùng') j++
      else continue
    } else if (k === from && words[k]?.low === 'cùng') j = words[k + 1]?.low === 'với' ? k + 2 : k + 1
    if (j < 0 || j >= words.length) continue
    const s = scanNames(text, words, j, matcher)
    return refsOf(text, (words[j] as Word).start, s.end, matcher)
  }
  return []
}

function subjectOf(text: string, words: Word[], i: number, ctx: AssignContext): { lead: NameRef[]; next: number; strong: boolean } | null {
  const s = scanNames(text, words, i, ctx.matcher)
  if (s.stop !== 'verb' || s.next <= i) return null
  const subject = words.slice(i, s.next)
  const first = subject[0] as Word
  // Names are capitalised; a lowercase opening ("bảo mật thông tin …" after a semicolon) is a verb, unless it is a plural ("các cơ sở …").
  if (!first.upper && !PLURALS.has(first.low)) return null
  if (subject.some((w) => w.low === 'nào' || w.low === 'nếu')) return null
  // The subject must open like a body's name: a known name merely contained in it ("Căn cứ Kế hoạch …/KH-UBND") is not one.
  if (!looksLikeBody(subject.map((w) => w.fold))) return null
  const lead = refsOf(text, (words[i] as Word).start, s.end, ctx.matcher)
  const strong = STRONG_VERBS.some((v) => phraseAt(words, s.next, v, 'low'))
  return { lead, next: s.next, strong }
}

/** "Giao X …" from word i: X must be named like a body ("yêu cầu mọi người dân ở tại nhà" assigns nothing). */
function triggered(text: string, words: Word[], i: number, trig: number, ctx: AssignContext): Assignment | null {
  const start = i + trig
  const s = scanNames(text, words, start, ctx.matcher)
  if (s.next <= start) return null
  const lead = refsOf(text, (words[start] as Word).start, s.end, ctx.matcher)
  if (!lead.some(isKnown) && !looksLikeBody(words.slice(start, s.next).map((w) => w.fold))) return null
  return { lead, coordinating: coordinatorsAfter(text, words, s.next, ctx.matcher), explicit: true }
}

/** Who leads and who coordinates from word i of a sentence. */
function assignmentFrom(text: string, words: Word[], i0: number, ctx: AssignContext, inside: boolean): Assignment | null {
  const i = skipConnectives(words, i0)
  if (i >= words.length) return null
  const trig = triggerAt(words, i)
  if (trig > 0) return triggered(text, words, i, trig, ctx)
  if (phraseAt(words, i, ['chu', 'tri'], 'fold') || phraseAt(words, i, ['phoi', 'hop'], 'fold')) {
    if (ctx.inherited.length === 0 && (ctx.strict || inside)) return null
    return { lead: ctx.inherited, coordinating: coordinatorsAfter(text, words, i, ctx.matcher), explicit: true }
  }
  const subject = subjectOf(text, words, i, ctx)
  if (!subject || ((ctx.strict || inside) && !subject.strong)) return null
  return { lead: subject.lead, coordinating: coordinatorsAfter(text, words, subject.next, ctx.matcher), explicit: subject.strong }
}

/**
 * Where an assignment may start inside a sentence: after an opening parenthesis ("… (Giao Ban
 * Tuyên giáo Tỉnh ủy chủ trì …)") or a colon ("Đối với đề xuất của …: Giao Sở Tài chính …").
 */
function innerStarts(text: string, words: Word[]): number[] {
  const out: number[] = []
  for (let k = 1; k < words.length; k++) {
    const gap = text.slice((words[k - 1] as Word).end, (words[k] as Word).start)
    if (/[(:]|\s[-–—]\s/.test(gap)) out.push(k)
  }
  return out
}

/** Who leads and who coordinates in one sentence text[from, to), or null when it assigns nothing. */
export function assignmentOf(text: string, from: number, to: number, ctx: AssignContext): Assignment | null {
  const words = wordsOf(text, from, to)
  const first = assignmentFrom(text, words, 0, ctx, false)
  if (first && first.lead.length > 0) return first
  for (const k of innerStarts(text, words)) {
    const inner = assignmentFrom(text, words, k, ctx, true)
    if (inner && inner.lead.length > 0 && inner.explicit) return inner
  }
  return first
}

/**
 * An item that opens with a body's name alone ("1. Sở Y tế:", "a) Công an tỉnh") heads the
 * tasks below it: they inherit it as their lead.
 */
export function headingOf(text: string, from: number, lineEnd: number, matcher: OrgMatcher): NameRef[] {
  const words = wordsOf(text, from, lineEnd)
  if (words.length === 0 || words.length > 45) return []
  const s = scanNames(text, words, 0, matcher)
  const rest = text.slice(s.end, lineEnd).trim()
  if (!(s.stop === 'end' || (s.stop === 'punct' && rest.startsWith(':')))) return []
  const head = words.slice(0, s.next)
  const lead = refsOf(text, (words[0] as Word).start, s.end, matcher)
  return looksLikeBody(head.map((w) => w.fold)) || lead.some(isKnown) ? lead : []
}

/** Adds refs not already present (same org, same group, or same folded text). */
export function mergeRefs(into: NameRef[], more: NameRef[]): void {
  for (const r of more) {
    const dup = into.some((x) =>
      r.orgId !== undefined ? x.orgId === r.orgId : r.groupKey !== undefined ? x.groupKey === r.groupKey : x.orgId === undefined && x.groupKey === undefined && x.text.toLowerCase() === r.text.toLowerCase(),
    )
    if (!dup) into.push(r)
  }
}
