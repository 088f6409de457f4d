/**
 * Trigram similarity of two texts, as PostgreSQL's pg_trgm computes it: each word (a run of
 * letters and digits) is padded with two spaces in front and one behind, cut into three-character
 * pieces, and the similarity is the number of pieces shared over the number of distinct pieces in
 * either. Texts are compared as given: fold them first (`fold`) to ignore case and diacritics.
 */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>()
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = [' ', ' ', ...word, ' ']
    for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''))
  }
  return out
}

export function similarity(a: string, b: string): number {
  const ta = trigrams(a)
  const tb = trigrams(b)
  if (ta.size === 0 || tb.size === 0) return 0
  let shared = 0
  for (const t of ta) if (tb.has(t)) shared++
  return shared / (ta.size + tb.size - shared)
}
