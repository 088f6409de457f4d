import { fold } from '../text/fold.ts'
import { similarity } from '../text/trigram.ts'

/**
 * How alike two folded names must be (trigram similarity, 0–1) for a person of the same year of
 * birth and the same phone or commune to be shown as a possible duplicate. 0.7 keeps a missing
 * middle name ("Nguyễn Hùng" / "Nguyễn Văn Hùng", 0.75), a swapped order and any spelling that
 * folds alike, and leaves out names that differ in the given name ("Nguyễn Văn Hùng" / "Nguyễn Văn
 * Dũng", 0.68).
 */
export const NAME_SIMILARITY_THRESHOLD = 0.7

/** At most this many candidates are shown for one new person, the most similar first. */
export const MAX_CANDIDATES = 20

export type CandidateReason = 'phone' | 'commune'

export interface CandidateInput {
  id: number
  nameFold: string
  phone: string | null
  /** True when the person lives in the commune of the new record. */
  sameCommune: boolean
}

export interface RankedCandidate {
  id: number
  similarity: number
  reasons: CandidateReason[]
}

/**
 * The possible duplicates of a new person among people of the same year of birth who share its
 * phone or commune (the caller has selected those): similar names only, most similar first.
 */
export function rankCandidates(fullName: string, phone: string | null | undefined, rows: readonly CandidateInput[]): RankedCandidate[] {
  const name = fold(fullName)
  const out: RankedCandidate[] = []
  for (const r of rows) {
    const s = similarity(name, r.nameFold)
    if (s < NAME_SIMILARITY_THRESHOLD) continue
    const reasons: CandidateReason[] = []
    if (phone && r.phone === phone) reasons.push('phone')
    if (r.sameCommune) reasons.push('commune')
    if (reasons.length === 0) continue
    out.push({ id: r.id, similarity: Math.round(s * 100) / 100, reasons })
  }
  return out.sort((a, b) => b.similarity - a.similarity || a.id - b.id).slice(0, MAX_CANDIDATES)
}
