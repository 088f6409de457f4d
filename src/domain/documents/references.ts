import { scanNames } from './assign.ts'
import { findDates } from './dates.ts'
import { type Word, wordsOf } from './lexicon.ts'
import type { OrgMatcher } from './orgMatcher.ts'
import type { ParsedDirective } from './types.ts'

type Reference = ParsedDirective['references'][number]

const KINDS =
  'cong dien|chi thi|nghi quyet|ke hoach|quyet dinh|thong bao|cong van|ket luan|huong dan|thong tu|nghi dinh|quy dinh|quy che|chuong trinh|bao cao|to trinh|luat|dien mat|dien khan|dien'
const DATE = '\\d{1,2}\\s?[/.-]\\s?\\d{1,2}\\s?[/.-]\\s?\\d{4}|\\d{1,2}\\s*thang\\s*\\d{1,2}\\s*nam\\s*\\d{4}'
const SYMBOL = '\\d{1,6}[a-z]?(?:\\s?[/-]\\s?[a-z0-9&.]+)+'
const CITATION = new RegExp(`\\b(?:${KINDS})\\s+(?:(?:so|so hieu)\\s*:?\\s*)?(${SYMBOL})?\\s*,?\\s*(?:(?:ban hanh\\s+)?(?:ngay\\s*)(${DATE}))?`, 'g')

/**
 * Documents cited in the body: "Công điện số 10/ĐM, ngày 28/7/2020 của Thường trực Ban Bí thư",
 * "Chỉ thị 15-CT/TW", "Điện mật ngày 28-7-2020". A citation needs a symbol or a date.
 */
export function referencesIn(text: string, f: string, from: number, to: number, ownSymbol: string | null, matcher: OrgMatcher): Reference[] {
  const out: Reference[] = []
  const seen = new Set<string>()
  const region = f.slice(from, to)
  for (const m of region.matchAll(CITATION)) {
    const sym = m[1] && /[a-z]/.test(m[1]) ? m[1] : undefined
    if (!sym && !m[2]) continue
    const start = from + m.index
    let end = start + m[0].trimEnd().replace(/[,\s]+$/, '').length
    const symbol = sym ? text.slice(from + m.index + m[0].indexOf(sym), from + m.index + m[0].indexOf(sym) + sym.length).replace(/\s+/g, '').replace(/[.]+$/, '') : null
    if (symbol && ownSymbol && symbol === ownSymbol) continue
    end = issuerEnd(text, end, Math.min(to, end + 160), matcher)
    const written = text.slice(start, end).replace(/\s+/g, ' ').trim()
    const date = m[2] ? (findDates(written)[0]?.iso ?? null) : null
    const key = symbol ?? `${date}|${written.toLowerCase()}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ text: written, symbol, date })
  }
  return out
}

/** Extends a citation over "của <issuer>" up to the first verb or punctuation. */
function issuerEnd(text: string, end: number, limit: number, matcher: OrgMatcher): number {
  const m = /^\s*,?\s*(của)\s+/iu.exec(text.slice(end, limit))
  if (!m) return end
  const words = wordsOf(text, end + m[0].length, limit)
  const cut = words.findIndex((w: Word, k: number) => k > 0 && (w.low === 'và' || w.low === 'về' || w.low === 'tại' || /[,;]/.test(text.slice(words[k - 1]?.end ?? w.start, w.start))))
  const usable = cut > 0 ? words.slice(0, cut) : words
  if (usable.length === 0) return end
  const s = scanNames(text, usable, 0, matcher)
  return Math.max(s.end, end)
}
