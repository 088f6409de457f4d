import { vnDate } from '../text/dates.ts'
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
  /**
   * The same names matched against the bodies that existed on `date` (ISO), preferring, among
   * bodies of the same name, those of `province` ("Kiên Giang": the document's province in its time).
   */
  at?(date: string, province?: string | null): OrgMatcher
}

export interface OrgMatcherOptions {
  /** Names of the province(s) whose suffix may be dropped ("An Giang", "Kiên Giang"); derived from the orgs when absent. */
  provinceNames?: string[]
  /** The document's date (ISO): bodies in existence on it are preferred. Today when absent. */
  date?: string | null
  /** Among bodies of the same name, those of this province are preferred. */
  province?: string | null
  /**
   * Names of the other provinces (both periods, from the unit registry): a body qualified by one of
   * them ("UBND tỉnh Sóc Trăng", "Tỉnh ủy Trà Vinh") is external and never matched to ours.
   */
  externalProvinces?: string[]
}

interface OrgTarget {
  orgId: number
  from: string | null
  to: string | null
  province: string | null
}
type Target = OrgTarget | { groupKey: string; group: GroupForMatching }

interface Entry {
  words: string[]
  targets: Target[]
}

/** Whether a body existed on `date`. */
export function validOn(o: { validFrom?: string | null; validTo?: string | null }, date: string): boolean {
  return (!o.validFrom || o.validFrom <= date) && (!o.validTo || o.validTo >= date)
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

function sameTarget(a: NameRef, b: NameRef): boolean {
  if (a.orgId !== undefined && b.orgId !== undefined) return a.orgId === b.orgId
  if (a.groupKey !== undefined && b.groupKey !== undefined) return a.groupKey === b.groupKey
  return false
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

/**
 * The ids of the bodies a plural addressee stands for; with `date`, the bodies in existence on it
 * (or, when none of them was, today's members: their successors carry the work).
 */
export function groupMembers(g: GroupForMatching, all: OrgForMatching[], date?: string): number[] {
  if (date) {
    const then = membersAmong(g, all.filter((o) => validOn(o, date)))
    if (then.length > 0) return then
  }
  return membersAmong(g, all.filter((o) => validOn(o, vnDate(new Date()))))
}

function membersAmong(g: GroupForMatching, orgs: OrgForMatching[]): number[] {
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
  readonly exact = new Map<string, Target[]>()
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
    const same = list.find((e) => e.words.join(' ') === words.join(' '))
    if (!same) list.push({ words, targets: [target] })
    else if (!same.targets.includes(target)) same.targets.push(target)
    this.byFirst.set(first, list)
  }

  /** Every body or group of a name, in the order added: official names before aliases. */
  private addKey(key: string, target: Target): void {
    const list = this.exact.get(key)
    if (!list) this.exact.set(key, [target])
    else if (!list.includes(target)) list.push(target)
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
  // Two-word unit types: "UBND thành phố Rạch Giá", "Công an thị xã Tân Châu", "đặc khu Phú Quốc".
  const third = toks[lastTok + 3]
  if (next.words.length === 1 && TWO_WORD_TYPES.has(`${next.words[0]} ${after?.words[0] ?? ''}`) && third?.upper) return true
  return false
}

const TWO_WORD_TYPES = new Set(['thanh pho', 'thi xa', 'thi tran', 'dac khu'])

function containedMatch(index: Index, toks: Tok[]): Target[] | undefined {
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
  return best?.targets
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
 * ignoring case, diacritics, punctuation and common OCR damage. A name borne by several bodies over
 * time denotes the one that existed on the document's date; a name only borne by a body that did not
 * exist then is flagged (`historicalOrgId`), never read as a shorter current name inside it.
 */
export function buildOrgMatcher(orgs: OrgForMatching[], groups: GroupForMatching[], options: OrgMatcherOptions = {}): OrgMatcher {
  const ours = options.provinceNames ?? provinceNamesOf(orgs)
  const index = new Index(ours)
  const targets = new Map<number, OrgTarget>()
  const orgTarget = (o: OrgForMatching): OrgTarget => {
    let t = targets.get(o.id)
    if (!t) {
      t = { orgId: o.id, from: o.validFrom ?? null, to: o.validTo ?? null, province: o.province ? fold(o.province) : null }
      targets.set(o.id, t)
    }
    return t
  }
  const groupTargets = new Map(groups.map((g) => [g.key, { groupKey: g.key, group: g }]))
  // Official names go in before aliases so that a shared alias never hides an official name.
  for (const o of orgs) index.add(o.name, orgTarget(o))
  for (const g of groups) index.add(g.name, groupTargets.get(g.key)!)
  for (const o of orgs) for (const a of o.aliases) index.add(a, orgTarget(o))
  for (const g of groups) for (const a of g.aliases) index.add(a, groupTargets.get(g.key)!)
  index.sort()
  const oursFolded = new Set(ours.map(fold))
  const external = (options.externalProvinces ?? []).map((p) => fold(p).split(' ')).filter((w) => w[0] && !oursFolded.has(w.join(' ')))
  const membersByDate = new Map<string, number[]>()
  const members = (g: GroupForMatching, date: string) => {
    const key = `${g.key}@${date}`
    let ids = membersByDate.get(key)
    if (!ids) {
      ids = groupMembers(g, orgs, date)
      membersByDate.set(key, ids)
    }
    return ids
  }

  const make = (date: string, province: string | null): OrgMatcher => {
    const hint = province ? fold(province) : null
    /** The body or group a name denotes on `date`, or the body that bore it at another time. */
    const resolve = (text: string, list: Target[] | undefined): NameRef => {
      if (!list || list.length === 0) return { text }
      const valid = list.filter((t) => 'groupKey' in t || validOn({ validFrom: t.from, validTo: t.to }, date))
      const first = valid[0]
      if (!first) {
        const gone = list.find((t): t is OrgTarget => 'orgId' in t)
        return gone ? { text, historicalOrgId: gone.orgId } : { text }
      }
      if ('groupKey' in first) return { text, groupKey: first.groupKey, memberIds: [...members(first.group, date)] }
      const preferred = hint ? valid.find((t): t is OrgTarget => 'orgId' in t && t.province === hint) : undefined
      return { text, orgId: (preferred ?? first).orgId }
    }

    const match = (nameAsWritten: string): NameRef => {
      const text = cleanName(nameAsWritten.normalize('NFC'))
      const toks = tokenize(text)
      const words = flatten(toks).words
      if (words.length === 0) return { text }
      if (external.length > 0 && namesOtherProvince(words, external)) return { text, external: true }
      const exact = index.exact.get(words.join(' ')) ?? index.exact.get(index.strip(words).join(' '))
      return resolve(text, exact ?? containedMatch(index, toks))
    }

    const matchAll = (listText: string): NameRef[] => {
      const refs: NameRef[] = []
      for (const piece of splitNames(index, listText.normalize('NFC'))) {
        const ref = match(piece)
        if (ref.text.length === 0) continue
        const dup = refs.some((r) => {
          const known = (x: NameRef) => x.orgId !== undefined || x.groupKey !== undefined
          return known(r) && known(ref) ? sameTarget(r, ref) : fold(r.text) === fold(ref.text)
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

    return { match, matchAll, knownPrefix, at: (d, p) => make(d, p ?? null) }
  }

  return make(options.date ?? vnDate(new Date()), options.province ?? null)
}

/**
 * Whether a name is qualified by another province: "… tỉnh Sóc Trăng", "… thành phố Cần Thơ",
 * "Tỉnh ủy Trà Vinh", or a name ending in it ("Báo Cà Mau"), but not "xã Long An" or "huyện Vĩnh Long".
 */
function namesOtherProvince(words: string[], provinces: string[][]): boolean {
  const LOCAL = new Set(['xa', 'phuong', 'huyen', 'quan', 'tran', 'khu', 'ap', 'khom', 'thon'])
  for (const p of provinces) {
    for (let i = 1; i + p.length <= words.length; i++) {
      if (!p.every((w, k) => words[i + k] === w)) continue
      const before = words[i - 1] ?? ''
      const before2 = `${words[i - 2] ?? ''} ${before}`
      if (before === 'tinh' || before2 === 'thanh pho' || before === 'uy' || before === 'tp') return true
      if (i + p.length === words.length && !LOCAL.has(before) && before2 !== 'thi xa') return true
    }
  }
  return false
}

/** A matcher that knows no bodies: names are split and kept as written. */
export function textOnlyMatcher(): OrgMatcher {
  return buildOrgMatcher([], [])
}
