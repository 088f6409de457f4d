import { fold } from '../text/fold.ts'

const charCache = new Map<string, string>()

/**
 * Folds one UTF-16 unit to exactly one unit, so that offsets found by a regular expression
 * on the folded text are also offsets in the unfolded text.
 */
function foldUnit(c: string): string {
  const cached = charCache.get(c)
  if (cached !== undefined) return cached
  let out: string
  if (c === '\n') out = '\n'
  else if (/\s/.test(c)) out = ' '
  else {
    const f = fold(c)
    out = f.length === 1 ? f : f.length === 0 ? c : (f[0] ?? c)
  }
  if (charCache.size < 20_000) charCache.set(c, out)
  return out
}

/** Like `fold`, but keeps every character in place: the result has the same length as the input. */
export function foldKeep(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) out += foldUnit(text.charAt(i))
  return out
}

const TONE_PLACEMENT: [RegExp, string][] = [
  [/òa/g, 'oà'],
  [/óa/g, 'oá'],
  [/ỏa/g, 'oả'],
  [/õa/g, 'oã'],
  [/ọa/g, 'oạ'],
  [/òe/g, 'oè'],
  [/óe/g, 'oé'],
  [/ỏe/g, 'oẻ'],
  [/õe/g, 'oẽ'],
  [/ọe/g, 'oẹ'],
  [/ùy/g, 'uỳ'],
  [/úy/g, 'uý'],
  [/ủy/g, 'uỷ'],
  [/ũy/g, 'uỹ'],
  [/ụy/g, 'uỵ'],
]

/**
 * Lowercase with diacritics kept, and the two tone-placement conventions ("hòa"/"hoà",
 * "ủy"/"uỷ") made one. Used where folding would merge different words ("đảng"/"đang", "cơ"/"có").
 */
export function lowVi(word: string): string {
  let w = word.normalize('NFC').toLowerCase()
  for (const [re, to] of TONE_PLACEMENT) w = w.replace(re, to)
  return w
}

/** True when the first letter of the word is uppercase. */
export function startsUpper(word: string): boolean {
  const m = /\p{L}/u.exec(word)
  if (!m) return false
  const c = m[0]
  return c !== c.toLowerCase() && c === c.toUpperCase()
}

/** Share of letters that are uppercase, 0 when there are no letters. */
export function upperRatio(text: string): number {
  let letters = 0
  let upper = 0
  for (const c of text) {
    if (!/\p{L}/u.test(c)) continue
    letters++
    if (c !== c.toLowerCase() && c === c.toUpperCase()) upper++
  }
  return letters === 0 ? 0 : upper / letters
}

export function letterCount(text: string): number {
  let n = 0
  for (const c of text) if (/\p{L}/u.test(c)) n++
  return n
}
