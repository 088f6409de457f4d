/**
 * Vietnamese dictionary order as a plain text key: comparing two keys byte by byte
 * (`ORDER BY name_sort COLLATE "C"`, or `<` on strings in TypeScript) orders the names as a
 * Vietnamese dictionary does. The embedded engine has no Vietnamese collation, so the order is
 * computed here, once per write, and stored beside the name.
 *
 * Levels, compared one after the other (as in the Unicode collation algorithm):
 * 1. base letters in the Vietnamese alphabet, a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư
 *    v x y (f, j, w, z in their Latin places), digits as whole numbers ("Ấp 2" before "Ấp 10"),
 *    spaces before digits, digits before letters;
 * 2. tones: none, huyền, hỏi, ngã, sắc, nặng (a à ả ã á ạ);
 * 3. case: lower before upper;
 * 4. the text itself, so that two different names never have the same key.
 */

/** The alphabet in order; each letter's position gives its primary weight. */
export const VIETNAMESE_ALPHABET = [
  'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n',
  'o', 'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
] as const

/** Tone marks (combining, after NFD) in dictionary order; no mark comes first. */
const TONES: Record<string, number> = { '\u0300': 1, '\u0309': 2, '\u0303': 3, '\u0301': 4, '\u0323': 5 }
/** Marks that make a separate letter of their base (ă â ê ô ơ ư). */
const LETTER_MARKS = new Set(['\u0306', '\u0302', '\u031b'])

const LEVEL = ' ' // separates the levels; below every primary weight
const SPACE = '!'
const PUNCT = '"'
const NUMBER = '$'
const FIRST_LETTER = 0x41 // 'A': the alphabet's weights are 'A'… (33 letters, up to 'a')
const OTHER = '~' // anything else: '~' followed by the character itself

const letterWeight = new Map<string, string>(VIETNAMESE_ALPHABET.map((l, i) => [l, String.fromCharCode(FIRST_LETTER + i)]))

interface Token {
  primary: string
  tone: number
  upper: boolean
}

function tokens(text: string): Token[] {
  const chars = [...text.normalize('NFD')]
  const out: Token[] = []
  let i = 0
  while (i < chars.length) {
    const c = chars[i]!
    if (/\s/u.test(c)) {
      while (i < chars.length && /\s/u.test(chars[i]!)) i++
      if (out.length > 0 && i < chars.length) out.push({ primary: SPACE, tone: 0, upper: false })
      continue
    }
    if (c >= '0' && c <= '9') {
      let j = i
      while (j < chars.length && chars[j]! >= '0' && chars[j]! <= '9') j++
      const digits = chars.slice(i, j).join('').replace(/^0+(?=\d)/, '')
      const length = String.fromCharCode(0x40 + Math.min(digits.length, 62))
      out.push({ primary: NUMBER + length + digits, tone: 0, upper: false })
      i = j
      continue
    }
    // a base character with the combining marks that follow it
    let j = i + 1
    const marks: string[] = []
    while (j < chars.length && /\p{M}/u.test(chars[j]!)) marks.push(chars[j++]!)
    i = j
    if (/\p{M}/u.test(c)) continue // a stray mark with no base
    const lower = c.toLowerCase()
    const upper = lower !== c
    let letter = lower
    for (const m of marks) if (LETTER_MARKS.has(m)) letter = (letter + m).normalize('NFC')
    const tone = marks.reduce((t, m) => TONES[m] ?? t, 0)
    const weight = letterWeight.get(letter) ?? letterWeight.get(lower)
    if (weight) out.push({ primary: weight, tone, upper })
    else if (/[\p{L}\p{N}]/u.test(c)) out.push({ primary: OTHER + lower, tone, upper })
    else out.push({ primary: PUNCT, tone: 0, upper: false })
  }
  return out
}

/** The sort key of a name; see the module comment for the order it gives. */
export function vietnameseSortKey(text: string): string {
  const t = tokens(text.trim())
  const primary = t.map((x) => x.primary).join('')
  const tones = t.map((x) => String(x.tone)).join('')
  const cases = t.map((x) => (x.upper ? '1' : '0')).join('')
  return primary + LEVEL + tones + LEVEL + cases + LEVEL + text.normalize('NFC')
}

/** Compares two names in Vietnamese dictionary order (the same order as their sort keys). */
export function compareVietnamese(a: string, b: string): number {
  const ka = vietnameseSortKey(a)
  const kb = vietnameseSortKey(b)
  return ka < kb ? -1 : ka > kb ? 1 : 0
}
