import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { type CodeOf, codesOf } from './codes.ts'

const SEASONS = {
  dry: { vi: 'Mùa khô', en: 'Dry season' },
  rainy: { vi: 'Mùa mưa', en: 'Rainy season' },
  flood: { vi: 'Mùa nước nổi', en: 'Flood season' },
} as const

describe('code lists', () => {
  it('give their codes in the order they are declared', () => {
    expect(codesOf(SEASONS)).toEqual(['dry', 'rainy', 'flood'])
    expectTypeOf(codesOf(SEASONS)).toEqualTypeOf<[CodeOf<typeof SEASONS>, ...CodeOf<typeof SEASONS>[]]>()
    expectTypeOf<CodeOf<typeof SEASONS>>().toEqualTypeOf<'dry' | 'rainy' | 'flood'>()
  })

  it('make a validator that takes exactly the codes', () => {
    const season = z.enum(codesOf(SEASONS))
    expect(season.parse('rainy')).toBe('rainy')
    expect(season.safeParse('Mùa mưa').success).toBe(false)
    expect(season.safeParse('toString').success).toBe(false)
  })
})
