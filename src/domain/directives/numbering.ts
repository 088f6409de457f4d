import type { DocumentSystem, DocumentType } from '../documents/types.ts'

/**
 * Numbering scope: Party documents restart per type at each congress term (Guidance 36-HD/VPTW),
 * state documents each calendar year (Decree 30/2020/NĐ-CP). Provincial Party terms run
 * 2020–2025, 2025–2030, …; the first year of a term is configurable.
 */
export interface NumberingRules {
  party: { scope: 'term' | 'year'; termStartYear: number; termYears: number }
  state: { scope: 'term' | 'year'; termStartYear: number; termYears: number }
}

export const DEFAULT_NUMBERING: NumberingRules = {
  party: { scope: 'term', termStartYear: 2025, termYears: 5 },
  state: { scope: 'year', termStartYear: 2026, termYears: 5 },
}

/** The period a document issued on `isoDate` is numbered in: "2025-2030" or "2026". */
export function numberingPeriod(rules: NumberingRules, system: DocumentSystem, isoDate: string): string {
  const r = rules[system]
  const year = Number(isoDate.slice(0, 4))
  if (r.scope === 'year') return String(year)
  const offset = Math.floor((year - r.termStartYear) / r.termYears)
  const start = r.termStartYear + offset * r.termYears
  return `${start}-${start + r.termYears}`
}

/** "12-CV/TU" for the Party, "15/CĐ-BCĐ" for the state. */
export function formatSymbol(system: DocumentSystem, number: number, type: DocumentType, issuerCode: string): string {
  return system === 'party' ? `${number}-${type}/${issuerCode}` : `${number}/${type}-${issuerCode}`
}
