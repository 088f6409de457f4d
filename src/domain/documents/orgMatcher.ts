import { fold } from '../text/fold.ts'
import { BODY_HEADS, PLURAL_HEADS, ROLE_HEADS, startsWithAny } from './lexicon.ts'
import type { GroupForMatching, NameRef, OrgForMatching } from './types.ts'

export interface OrgMatcher {
  /** One name as written ("Ban cán sự đảng ƯBND tỉnh") → the body or addressee group it denotes. */
  match(nameAsWritten: string): NameRef
  /** A list of names ("Sở Y tế, Công an tỉnh và Bộ Chỉ huy Quân sự tỉnh") → one NameRef per name. */
  matchAll(listText: string): NameRef[]
  /** Length in characters of the longest known name that `text` starts with; 0 when none. */
  knownPrefix?(text: string): number
}

export interface OrgMatcherOptions {
  /** Names of the province(s) whose suffix may be dropped ("An Giang", "Kiên Giang"); derived from the orgs when absent. */
  provinceNames?: string[]
}

type Target = { orgId: number } | { groupKey: string; memberIds: number[] }

interface Entry {
  words: string[]
  target: Target
}

interface Tok {
  start: number
  end: number
  raw: string
  words: string[]
  upper: boolean
  caps: boolean
}

/**
 * Abbreviations expanded only when written in capitals: "TU" as a word is "Tỉnh ủy", but "tư"
 * (Tư pháp) and "từ" fold to the same letters. OCR writes U as Ư ("ƯBND").
 */
const ABBREVIATIONS: Record<string, string> = {
  UBND: 'uy ban nhan dan',
  HDND: 'hoi dong nhan dan',
  MTTQ: 'mat tran to quoc',
  MTTQVN: 'mat tran to quoc viet nam',
  UBMTTQ: 'uy ban mat tran to quoc',
  UBMTTQVN: 'uy ban mat tran to quoc viet nam',
  BCS: 'ban can su',
  BCSD: 'ban can su dang',
  DUTT: 'dang uy truc thuoc',
  DT: 'doan the',
  BTV: 'ban thuong vu',
  BTVTU: 'ban thuong vu tinh uy',
  TTTU: 'thuong truc tinh uy',
  VPTU: 'van phong tinh uy',
  BCD: 'ban chi dao',
  BDBP: 'bo doi bien phong',
  BCHQS: 'bo chi huy quan su',
  CHQS: 'chi huy quan su',
  DU: 'dang uy',
  UBKT: 'uy ban kiem tra',
  TP: 'thanh pho',
  TT: 'thuong truc',
  CA: 'cong an',
}
const EXACT_ONLY = new Set(['TU'])
const SLASHED: Record<string, string> = { 'd/c': 'dong chi', 'b/c': 'bao cao', 'b/cao': 'bao cao' }

function expandToken(raw: string): string[] {
  const ascii = raw.replace(/Ư/g, 'U').replace(/Đ/g, 'D')
  if (raw === 'TU') return ['tinh', 'uy']
  if (!EXACT_ONLY.has(ascii) && /^[A-Z]+$/.test(ascii) && ABBREVIATIONS[ascii]) return (ABBREVIATIONS[ascii] ?? '').split(' ')
  const f = fold(raw)
  const slashed = SLASHED[f]
  if (slashed) return slashed.split(' ')
  return f.split('/').filter((w) => w.length > 0)
}

const TOKEN = /[\p{L}\p{N}]+(?:\/[\p{L}\p{N}]+)*/gu

function tokenize(text: string): Tok[] {
  const out: Tok[] = []
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0]
    const first = raw.charAt(0)
    const upper = first !== first.toLowerCase() && first === first.toUpperCase()
    out.push({ start: m.index, end: m.index + raw.length, raw, words: expandToken(raw), upper, caps: upper && raw === raw.toUpperCase() && /\p{L}/u.test(raw) })
  }
  return out
}

/** Flattened words with the token each came from, so matches can be mapped back to text. */
function flatten(toks: Tok[]): { words: string[]; tokOf: number[]; firstWord: number[] } {
  const words: string[] = []
  const tokOf: number[] = []
  const firstWord: number[] = []
  toks.forEach((t, i) => {
    firstWord.push(words.length)
    for (const w of t.words) {
      words.push(w)
      tokOf.push(i)
    }
  })
  return { words, tokOf, firstWord }
}

const ADMIN_WORDS = new Set(['tinh', 'thanh', 'xa', 'phuong', 'huyen', 'quan', 'thi', 'dac'])

/** Removes a trailing list note: "(để thực hiện)", "(để b/cáo)", and list punctuation. */
export function cleanName(text: string): string {
  let t = text.replace(/\s+/g, ' ').trim()
  t = t.replace(/^(?:[-–—+•*·]\s*)+/, '')
  t = t.replace(/^(?:k[ií]nh\s+g[ửưu]i\s*:?\s*)/i, '')
  t = t.replace(/^(?:[-–—+•*·]\s*)+/, '')
  for (let k = 0; k < 3; k++) {
    const before = t
    t = t.replace(/[\s,.;:^]+$/, '')
    t = t.replace(/\s*\([^()]{0,80}\)$/, '')
    t = t.replace(/\s*\([^()]{0,80}$/, '')
    if (t === before) break
  }
  return t.trim()
}

function sameTarget(a: Target, b: Target): boolean {
  if ('orgId' in a && 'orgId' in b) return a.orgId === b.orgId
  if ('groupKey' in a && 'groupKey' in b) return a.groupKey === b.groupKey
  return false
}

function toRef(text: string, target: Target | undefined): NameRef {
  if (!target) return { text }
  if ('orgId' in target) return { text, orgId: target.orgId }
  return { text, groupKey: target.groupKey, memberIds: [...target.memberIds] }
}

function provinceNamesOf(orgs: OrgForMatching[]): string[] {
  const names = new Set<string>()
  const suffix = /\btỉnh\s+((?:\p{Lu}\p{Ll}*\s*){1,3})$/u
  for (const o of orgs) {
    for (const n of [o.name, ...o.aliases]) {
      const m = suffix.exec(n.normalize('NFC').trim())
      if (m?.[1]) names.add(m[1].trim())
    }
  }
  return [...names]
}

/** The ids of the bodies a plural addressee stands for. */
export function groupMembers(g: GroupForMatching, orgs: OrgForMatching[]): number[] {
  const ids = new Set<number>()
  const { kinds, keys, level, units } = g.members
  if (keys) for (const o of orgs) if (o.key !== null && keys.includes(o.key)) ids.add(o.id)
  if (kinds || units) {
    for (const o of orgs) {
      if (kinds && !kinds.includes(o.kind)) continue
      if (level === 'commune' && o.unitLevel !== 'commune') continue
      if (level === 'province' && o.unitLevel !== 'province') continue
      if (units && !units.includes(o.unitCode)) continue
      ids.add(o.id)
    }
  }
  return [...ids].sort((a, b) => a - b)
}

class Index {
  readonly exact = new Map<string, Target>()
  readonly byFirst = new Map<string, Entry[]>()
  readonly provinceWords: string[][]

  constructor(provinceNames: string[]) {
    this.provinceWords = provinceNames.map((p) => fold(p).split(' ')).filter((w) => w.length > 0 && w[0] !== '')
  }

  add(name: string, target: Target): void {
    const words = flatten(tokenize(name.normalize('NFC'))).words
    if (words.length === 0) return
    this.addKey(words.join(' '), target)
    const stripped = this.strip(words)
    if (stripped.length >= 2) this.addKey(stripped.join(' '), target)
    const first = words[0] ?? ''
    const list = this.byFirst.get(first) ?? []
    if (!list.some((e) => e.words.join(' ') === words.join(' '))) list.push({ words, target })
    this.byFirst.set(first, list)
  }

  private addKey(key: string, target: Target): void {
    if (!this.exact.has(key)) this.exact.set(key, target)
  }

  sort(): void {
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length)
  }

  /** Drops a trailing "tỉnh", "An Giang" or "tỉnh An Giang". */
  strip(words: string[]): string[] {
    let w = words
    for (const p of this.provinceWords) {
      if (w.length > p.length && p.every((x, k) => w[w.length - p.length + k] === x)) {
        w = w.slice(0, w.length - p.length)
        break
      }
    }
    if (w.length >= 2 && w[w.length - 1] === 'tinh') w = w.slice(0, -1)
    return w
  }

  /** Longest entry starting at word `i` that ends on a token boundary; its length in words. */
  longestAt(words: string[], tokOf: number[], i: number): Entry | null {
    const list = this.byFirst.get(words[i] ?? '')
    if (!list) return null
    for (const e of list) {
      const end = i + e.words.length
      if (end > words.length) continue
      if (!e.words.every((w, k) => words[i + k] === w)) continue
      if (end < words.length && tokOf[end] === tokOf[end - 1]) continue
      return e
    }
    return null
  }

  isProvinceAt(toks: Tok[], t: number): boolean {
    const words = flatten(toks.slice(t, t + 4)).words
    return this.provinceWords.some((p) => p.every((x, k) => words[k] === x))
  }
}

/**
 * A name found inside a longer one counts only when what follows does not make it another
 * body: "Ban Tuyên giáo Trung ương", "Công an tỉnh Quảng Ninh", "Tỉnh ủy Trà Vinh".
 */
function foreignQualifierAfter(index: Index, toks: Tok[], lastTok: number): boolean {
  const next = toks[lastTok + 1]
  if (!next) return false
  if (index.isProvinceAt(toks, lastTok + 1)) return false
  if (next.upper) return true
  const after = toks[lastTok + 2]
  if (ADMIN_WORDS.has(next.words[0] ?? '') && after?.upper) return !index.isProvinceAt(toks, lastTok + 2)
  return false
}

function containedMatch(index: Index, toks: Tok[]): Target | undefined {
  const { words, tokOf, firstWord } = flatten(toks)
  let best: Entry | null = null
  for (let t = 0; t < toks.length; t++) {
    const i = firstWord[t] ?? 0
    const list = index.byFirst.get(words[i] ?? '') ?? []
    for (const e of list) {
      if (best && e.words.length <= best.words.length) break
      const end = i + e.words.length
      if (end > words.length || !e.words.every((w, k) => words[i + k] === w)) continue
      if (end < words.length && tokOf[end] === tokOf[end - 1]) continue
      const lastTok = tokOf[end - 1] ?? t
      const single = e.words.length < 2 && !(toks[t]?.caps ?? false)
      if (single || foreignQualifierAfter(index, toks, lastTok)) continue
      best = e
      break
    }
  }
  return best?.target
}

interface Separator {
  /** Token index the separator precedes. */
  before: number
  hard: boolean
  /** Tokens to skip after it ("và"). */
  skip: number
}

function separators(text: string, toks: Tok[]): Separator[] {
  const out: Separator[] = []
  for (let t = 1; t < toks.length; t++) {
    const prev = toks[t - 1]
    const tok = toks[t]
    if (!prev || !tok) continue
    const gap = text.slice(prev.end, tok.start)
    if (/;|\n\s*[-–+•]/.test(gap)) out.push({ before: t, hard: true, skip: 0 })
    else if (gap.includes(',')) out.push({ before: t, hard: false, skip: 0 })
    else if (tok.raw === 'và' || tok.raw === 'va') out.push({ before: t + 1, hard: false, skip: 1 })
  }
  return out.filter((s) => s.before < toks.length)
}

/** Known names found greedily from the left, longest first: a separator inside one is no separator. */
interface Protected {
  /** For each token, the first token of the known name it belongs to, or -1. */
  startOf: number[]
  /** Tokens that end a known name. */
  ends: Set<number>
}

function protectedNames(index: Index, toks: Tok[]): Protected {
  const { words, tokOf, firstWord } = flatten(toks)
  const startOf = toks.map(() => -1)
  const ends = new Set<number>()
  for (let t = 0; t < toks.length; ) {
    const e = index.longestAt(words, tokOf, firstWord[t] ?? 0)
    if (!e || e.words.length < 2) {
      t++
      continue
    }
    const last = tokOf[(firstWord[t] ?? 0) + e.words.length - 1] ?? t
    for (let k = t; k <= last; k++) startOf[k] = t
    ends.add(last)
    t = last + 1
  }
  return { startOf, ends }
}

/**
 * A comma or "và" separates two names only where a new body starts: a capitalised body word
 * ("…, Công an tỉnh"), a plural ("…, các địa phương"), an office holder, or a known name.
 * "Các sở, ban, ngành" and "Sở Văn hóa, Thể thao và Du lịch" stay whole.
 */
function isCut(s: Separator, toks: Tok[], prot: Protected): boolean {
  const t = s.before
  const tok = toks[t]
  if (!tok) return false
  const inside = (k: number) => (prot.startOf[k] ?? -1) >= 0 && (prot.startOf[k] ?? -1) < k
  if (inside(t - s.skip)) return false
  if (s.hard || prot.startOf[t] === t) return true
  const folded = flatten(toks.slice(t, t + 6)).words
  const head = startsWithAny(folded, 0, BODY_HEADS) > 0
  if (tok.upper && head) return true
  if (folded[0] === 'cac' && startsWithAny(folded, 1, PLURAL_HEADS) > 0) return true
  if (startsWithAny(folded, 0, ROLE_HEADS) > 0) return true
  return head && prot.ends.has(t - 1 - s.skip)
}

function splitAt(text: string, toks: Tok[], cuts: Separator[]): string[] {
  const pieces: string[] = []
  let from = 0
  for (const c of [...cuts, { before: toks.length + 1, hard: true, skip: 1 }]) {
    const startTok = toks[from]
    const endTok = toks[Math.min(c.before - 1 - c.skip, toks.length - 1)]
    if (startTok && endTok && endTok.end > startTok.start) pieces.push(text.slice(startTok.start, endTok.end))
    from = c.before
  }
  return pieces.map((p) => p.replace(/^(?:và|cùng|với)\s+/i, '').trim()).filter((p) => p.length > 0)
}

function splitNames(index: Index, text: string): string[] {
  const toks = tokenize(text)
  if (toks.length === 0) return []
  const prot = protectedNames(index, toks)
  return splitAt(
    text,
    toks,
    separators(text, toks).filter((s) => isCut(s, toks, prot)),
  )
}

/**
 * Matches names as written in directives to the registry of bodies and addressee groups,
 * ignoring case, diacritics, punctuation and common OCR damage.
 */
export function buildOrgMatcher(orgs: OrgForMatching[], groups: GroupForMatching[], options: OrgMatcherOptions = {}): OrgMatcher {
  const index = new Index(options.provinceNames ?? provinceNamesOf(orgs))
  // Official names go in before aliases so that a shared alias never hides an official name.
  for (const o of orgs) index.add(o.name, { orgId: o.id })
  for (const g of groups) index.add(g.name, { groupKey: g.key, memberIds: groupMembers(g, orgs) })
  for (const o of orgs) for (const a of o.aliases) index.add(a, { orgId: o.id })
  for (const g of groups) {
    const target: Target = { groupKey: g.key, memberIds: groupMembers(g, orgs) }
    for (const a of g.aliases) index.add(a, target)
  }
  index.sort()

  const match = (nameAsWritten: string): NameRef => {
    const text = cleanName(nameAsWritten.normalize('NFC'))
    const toks = tokenize(text)
    const words = flatten(toks).words
    if (words.length === 0) return { text }
    const exact = index.exact.get(words.join(' ')) ?? index.exact.get(index.strip(words).join(' '))
    return toRef(text, exact ?? containedMatch(index, toks))
  }

  const matchAll = (listText: string): NameRef[] => {
    const refs: NameRef[] = []
    for (const piece of splitNames(index, listText.normalize('NFC'))) {
      const ref = match(piece)
      if (ref.text.length === 0) continue
      const dup = refs.some((r) => {
        const a = r.orgId !== undefined ? { orgId: r.orgId } : r.groupKey ? { groupKey: r.groupKey, memberIds: [] } : null
        const b = ref.orgId !== undefined ? { orgId: ref.orgId } : ref.groupKey ? { groupKey: ref.groupKey, memberIds: [] } : null
        return a && b ? sameTarget(a, b) : fold(r.text) === fold(ref.text)
      })
      if (!dup) refs.push(ref)
    }
    return refs
  }

  const knownPrefix = (text: string): number => {
    const toks = tokenize(text)
    if (toks.length === 0) return 0
    const { words, tokOf } = flatten(toks)
    const e = index.longestAt(words, tokOf, 0)
    if (!e || e.words.length < 2) return 0
    const last = toks[tokOf[e.words.length - 1] ?? 0]
    return last ? last.end : 0
  }

  return { match, matchAll, knownPrefix }
}

/** A matcher that knows no bodies: names are split and kept as written. */
export function textOnlyMatcher(): OrgMatcher {
  return buildOrgMatcher([], [])
}
