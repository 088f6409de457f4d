import { fold } from '../text/fold.ts'

/**
 * When a document addresses a group ("Các sở, ban, ngành, đoàn thể cấp tỉnh"), the bodies of these
 * kinds are left out of the assignments unless the reviewer ticks them: their work is rarely part of
 * an epidemic directive (judicial bodies, state finance and statistics).
 */
export const OFF_BY_DEFAULT_KINDS: readonly string[] = ['court', 'procuracy']

/**
 * The same bodies where a registry records them under another kind (often "other"): how their
 * names begin, without diacritics.
 */
export const OFF_BY_DEFAULT_NAMES: readonly string[] = [
  'toa an',
  'vien kiem sat',
  'thi hanh an',
  'cuc thi hanh an',
  'kho bac',
  'cuc thue',
  'thue tinh',
  'cuc thong ke',
  'thong ke tinh',
  'ngan hang nha nuoc',
]

/** Whether a member of an addressed group is assigned unless the reviewer unticks it. */
export function checkedByDefault(org: { kind: string; name: string }): boolean {
  if (OFF_BY_DEFAULT_KINDS.includes(org.kind)) return false
  const name = fold(org.name)
  return !OFF_BY_DEFAULT_NAMES.some((start) => name.startsWith(start))
}
