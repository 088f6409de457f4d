import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareVietnamese, VIETNAMESE_ALPHABET, vietnameseSortKey } from './sortKey.ts'

const sorted = (names: string[]) => [...names].sort(compareVietnamese)
/** Byte order of the keys, as PostgreSQL compares a COLLATE "C" column. */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(vietnameseSortKey(a)), Buffer.from(vietnameseSortKey(b)))

describe('vietnameseSortKey', () => {
  it('puts letters with a diacritic after their base letter, not after z', () => {
    expect(sorted(['Xã Cù Lao Giêng', 'Xã Cần Đăng'])).toEqual(['Xã Cần Đăng', 'Xã Cù Lao Giêng'])
    expect(sorted(['Đông Hòa', 'Dương Tơ', 'Eo Gió', 'Cửa Dương'])).toEqual(['Cửa Dương', 'Dương Tơ', 'Đông Hòa', 'Eo Gió'])
  })
  it('orders every letter of the alphabet as the Vietnamese alphabet does', () => {
    const shuffled = [...VIETNAMESE_ALPHABET].reverse()
    expect(sorted(shuffled)).toEqual([...VIETNAMESE_ALPHABET])
    expect(sorted(['y', 'ư', 'u', 'ơ', 'ô', 'o', 'ê', 'e', 'đ', 'd', 'â', 'ă', 'a'])).toEqual(['a', 'ă', 'â', 'd', 'đ', 'e', 'ê', 'o', 'ô', 'ơ', 'u', 'ư', 'y'])
  })
  it('orders tones after letters: ngang, huyền, hỏi, ngã, sắc, nặng', () => {
    expect(sorted(['ạ', 'á', 'ã', 'ả', 'à', 'a'])).toEqual(['a', 'à', 'ả', 'ã', 'á', 'ạ'])
    expect(sorted(['mạ', 'má', 'mã', 'mả', 'mà', 'ma'])).toEqual(['ma', 'mà', 'mả', 'mã', 'má', 'mạ'])
    // the letters decide before any tone does
    expect(sorted(['ác', 'ab'])).toEqual(['ab', 'ác'])
    expect(sorted(['Ấp', 'Áp', 'Ăn'])).toEqual(['Áp', 'Ăn', 'Ấp'])
  })
  it('treats every tone on every vowel alike, composed or decomposed', () => {
    const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']
    const tones = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323']
    for (const v of vowels) {
      const forms = tones.map((t) => (v + t).normalize('NFC'))
      expect([...forms].reverse().sort(compareVietnamese)).toEqual(forms)
      for (const f of forms) {
        expect(vietnameseSortKey(f.normalize('NFD'))).toBe(vietnameseSortKey(f))
        expect(vietnameseSortKey(f.toUpperCase()).split(' ')[0]).toBe(vietnameseSortKey(f).split(' ')[0])
      }
    }
  })
  it('puts shorter names first, spaces before letters, lower case before upper', () => {
    expect(sorted(['An Phú Đông', 'An', 'An Phú', 'Anh'])).toEqual(['An', 'An Phú', 'An Phú Đông', 'Anh'])
    expect(sorted(['AN', 'an', 'An'])).toEqual(['an', 'An', 'AN'])
    // runs of spaces count as one space
    expect(vietnameseSortKey('  Rạch   Giá ').split(' ')[0]).toBe(vietnameseSortKey('Rạch Giá').split(' ')[0])
  })
  it('orders numbers by value', () => {
    expect(sorted(['Ấp 10', 'Ấp 2', 'Ấp 1', 'Ấp 02', 'Khu phố 3'])).toEqual(['Ấp 1', 'Ấp 02', 'Ấp 2', 'Ấp 10', 'Khu phố 3'])
    expect(sorted(['Tổ 9A', 'Tổ 9', 'Tổ 10'])).toEqual(['Tổ 9', 'Tổ 9A', 'Tổ 10'])
  })
  it('sorts real unit names as a dictionary', () => {
    const names = ['Xã Vĩnh Thạnh Trung', 'Phường Rạch Giá', 'Xã Óc Eo', 'Xã Ô Lâm', 'Xã Châu Phú', 'Phường Châu Đốc', 'Đặc khu Phú Quốc', 'Xã An Biên', 'Xã Ba Chúc', 'Xã Ơ Rê']
    expect(sorted(names)).toEqual([
      'Đặc khu Phú Quốc',
      'Phường Châu Đốc',
      'Phường Rạch Giá',
      'Xã An Biên',
      'Xã Ba Chúc',
      'Xã Châu Phú',
      'Xã Óc Eo',
      'Xã Ô Lâm',
      'Xã Ơ Rê',
      'Xã Vĩnh Thạnh Trung',
    ])
  })
  it('byte order of the keys is the same order, and the order is total and consistent', () => {
    const vietnamese = fc.string({ unit: fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàảãáạầẩẫấậềểễếệ 019-.'.split('')), maxLength: 12 })
    fc.assert(
      fc.property(vietnamese, vietnamese, vietnamese, (a, b, c) => {
        expect(Math.sign(byteOrder(a, b))).toBe(Math.sign(compareVietnamese(a, b)))
        expect(compareVietnamese(a, b) + compareVietnamese(b, a)).toBe(0)
        if (compareVietnamese(a, b) <= 0 && compareVietnamese(b, c) <= 0) expect(compareVietnamese(a, c)).toBeLessThanOrEqual(0)
        if (a.normalize('NFC') !== b.normalize('NFC')) expect(compareVietnamese(a, b)).not.toBe(0)
      }),
    )
  })
  it('accepts any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(typeof vietnameseSortKey(s)).toBe('string')
        expect(vietnameseSortKey(s)).not.toContain('\u0000')
      }),
    )
    expect(sorted(['Zürich', 'Zagreb', 'Ωmega', '東京'])).toEqual(['Zagreb', 'Zürich', 'Ωmega', '東京'])
  })
})
