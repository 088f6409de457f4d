import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fold } from './fold.ts'

describe('fold', () => {
  it('removes Vietnamese diacritics and case', () => {
    expect(fold('Rạch Giá')).toBe('rach gia')
    expect(fold('ĐẶC KHU PHÚ QUỐC')).toBe('dac khu phu quoc')
    expect(fold('  Kiên   Hải ')).toBe('kien hai')
  })
  it('treats precomposed and decomposed input alike', () => {
    expect(fold('Quốc'.normalize('NFD'))).toBe(fold('Quốc'.normalize('NFC')))
  })
  it('never leaves combining marks and is stable on its own output', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const f = fold(s)
        expect(/[\u0300-\u036f]/.test(f)).toBe(false)
        expect(fold(f)).toBe(f)
      }),
    )
  })
})
