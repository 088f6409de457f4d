import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CCCD_PROVINCES, centurySexDigit, checkNationalId, readCccd } from './cccd.ts'

describe('CCCD number', () => {
  it('has one province code per province before the 2025 reform, as the shipped unit registry lists them', () => {
    const { units } = JSON.parse(readFileSync(new URL('../../../data/reference/units.json', import.meta.url), 'utf8')) as {
      units: { p: string; c: string; l: string }[]
    }
    const provinces = units.filter((u) => u.p === '2008' && u.l === 'province').map((u) => `0${u.c}`)
    expect(provinces).toHaveLength(63)
    expect(Object.keys(CCCD_PROVINCES).sort()).toEqual(provinces.sort())
  })

  it('reads province, sex and year of birth', () => {
    expect(readCccd('091190000123')).toEqual({ ok: true, facts: { provinceCode: '091', provinceName: 'Kiên Giang', sex: 'female', birthYear: 1990 } })
    expect(readCccd('079003001234')).toMatchObject({ ok: true, facts: { sex: 'male', birthYear: 1903 } })
    expect(readCccd('001205000001')).toMatchObject({ ok: true, facts: { sex: 'male', birthYear: 2005 } })
    expect(readCccd('001305000001')).toMatchObject({ ok: true, facts: { sex: 'female', birthYear: 2005 } })
    expect(readCccd('001412000001')).toMatchObject({ ok: true, facts: { sex: 'male', birthYear: 2112 } })
    expect(readCccd('001999000001')).toMatchObject({ ok: true, facts: { sex: 'female', birthYear: 2399 } })
  })

  it('refuses a number whose first three digits are no province code, naming them', () => {
    const r = readCccd('099190000123')
    expect(r.ok).toBe(false)
    expect(!r.ok && r.problem).toMatch(/ba chữ số đầu \(099\)/)
    expect(checkNationalId('000190000123')[0]).toMatch(/\(000\)/)
    expect(checkNationalId('003190000123')[0]).toMatch(/\(003\)/)
  })

  it('accepts a number that agrees with the year of birth and sex given', () => {
    expect(checkNationalId('091190000123', { birthYear: 1990, sex: 'female', currentYear: 2026 })).toEqual([])
    expect(checkNationalId('091290000123', { birthYear: 2090 })).toEqual([])
    expect(checkNationalId('091190000123', { sex: 'other' })).toEqual([])
    expect(checkNationalId('091190000123')).toEqual([])
  })

  it('says exactly what disagrees', () => {
    const year = checkNationalId('091190000123', { birthYear: 1991 })
    expect(year).toHaveLength(1)
    expect(year[0]).toContain('năm sinh 1990')
    expect(year[0]).toContain('năm sinh đã nhập là 1991')
    const sex = checkNationalId('091190000123', { sex: 'male' })
    expect(sex).toHaveLength(1)
    expect(sex[0]).toContain('người nữ')
    expect(sex[0]).toContain('giới tính đã nhập là nam')
    // A century wrong: born 2005 but the digit says 1900s.
    expect(checkNationalId('091005000123', { birthYear: 2005, sex: 'male' })[0]).toContain('năm sinh 1905')
    expect(checkNationalId('091190000123', { birthYear: 1991, sex: 'male' })).toHaveLength(2)
    expect(checkNationalId('091230000123', { currentYear: 2026 })[0]).toMatch(/2030.*sau năm hiện tại/)
  })

  it('keeps accepting the old 9-digit CMND without further checks, and refuses other lengths', () => {
    expect(checkNationalId('123456789', { birthYear: 1950, sex: 'male' })).toEqual([])
    expect(checkNationalId('12345678901')[0]).toMatch(/12 chữ số/)
    expect(checkNationalId('09119000012a')[0]).toMatch(/12 chữ số/)
  })

  it('round-trips every year and sex through the century digit', () => {
    const codes = Object.keys(CCCD_PROVINCES)
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2399 }), fc.constantFrom('male' as const, 'female' as const), fc.constantFrom(...codes), (year, sex, province) => {
        const number = `${province}${centurySexDigit(year, sex)}${String(year % 100).padStart(2, '0')}000042`
        expect(readCccd(number)).toMatchObject({ ok: true, facts: { birthYear: year, sex, provinceCode: province } })
        expect(checkNationalId(number, { birthYear: year, sex })).toEqual([])
      }),
    )
  })
})
