import { describe, expect, it } from 'vitest'
import { DEFAULT_NUMBERING, formatSymbol, numberingPeriod } from './numbering.ts'

describe('document numbering', () => {
  it('numbers Party documents within the congress term and state documents within the year', () => {
    expect(numberingPeriod(DEFAULT_NUMBERING, 'party', '2026-11-26')).toBe('2025-2030')
    expect(numberingPeriod(DEFAULT_NUMBERING, 'party', '2030-10-01')).toBe('2030-2035')
    expect(numberingPeriod(DEFAULT_NUMBERING, 'party', '2021-05-26')).toBe('2020-2025')
    expect(numberingPeriod(DEFAULT_NUMBERING, 'state', '2026-11-26')).toBe('2026')
  })
  it('writes symbols the way each system does', () => {
    expect(formatSymbol('party', 963, 'CV', 'TU')).toBe('963-CV/TU')
    expect(formatSymbol('state', 15, 'CĐ', 'BCĐ')).toBe('15/CĐ-BCĐ')
  })
})
