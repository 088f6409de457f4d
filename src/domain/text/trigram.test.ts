import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fold } from './fold.ts'
import { similarity, trigrams } from './trigram.ts'

describe('trigram similarity', () => {
  it('cuts padded words as pg_trgm does', () => {
    expect([...trigrams('cat')].sort()).toEqual(['  c', ' ca', 'at ', 'cat'])
    expect([...trigrams('an, an')].sort()).toEqual(['  a', ' an', 'an '])
  })
  it('matches the figures PostgreSQL gives', () => {
    // SELECT similarity('word', 'two words') = 0.363636
    expect(similarity('word', 'two words')).toBeCloseTo(4 / 11, 6)
    expect(similarity('nguyen van hung', 'nguyen van hung')).toBe(1)
    expect(similarity('', 'a')).toBe(0)
  })
  it('ignores word order and, on folded text, diacritics and case', () => {
    expect(similarity(fold('Nguyễn Văn Hùng'), fold('HÙNG nguyen van'))).toBe(1)
    expect(similarity(fold('Nguyễn Hùng'), fold('Nguyễn Văn Hùng'))).toBeGreaterThan(0.7)
  })
  it('is symmetric and between 0 and 1', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const s = similarity(a, b)
        expect(s).toBeGreaterThanOrEqual(0)
        expect(s).toBeLessThanOrEqual(1)
        expect(similarity(b, a)).toBe(s)
      }),
    )
  })
})
