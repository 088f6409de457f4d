import { describe, expect, it } from 'vitest'
import { ageAtDose, ageGroupOf, completedYears } from './age.ts'

describe('age at the dose', () => {
  it('counts whole years from the date of birth, a birthday counting on its day', () => {
    expect(completedYears('2009-11-20', '2021-11-19')).toBe(11)
    expect(completedYears('2009-11-20', '2021-11-20')).toBe(12)
    expect(completedYears('2004-02-29', '2022-02-28')).toBe(17)
    expect(completedYears('2004-02-29', '2022-03-01')).toBe(18)
  })

  it('puts the edges of every group where the issue draws them', () => {
    expect([4, 5, 11, 12, 17, 18, 49, 50, 64, 65, 101].map(ageGroupOf)).toEqual([null, '5-11', '5-11', '12-17', '12-17', '18-49', '18-49', '50-64', '50-64', '65+', '65+'])
  })

  it('takes the date of birth when known, else the year alone', () => {
    // Born 20/11/2009: 11 years old on 19/11/2021, 12 the next day.
    expect(ageAtDose({ birthDate: '2009-11-20', birthYear: 2009 }, '2021-11-19')).toEqual({ ok: true, age: 11, ageGroup: '5-11', fromYearOnly: false })
    expect(ageAtDose({ birthDate: '2009-11-20', birthYear: 2009 }, '2021-11-20')).toMatchObject({ ageGroup: '12-17' })
    // With the year only, the age reached in the year of the dose.
    expect(ageAtDose({ birthDate: null, birthYear: 2009 }, '2021-01-05')).toEqual({ ok: true, age: 12, ageGroup: '12-17', fromYearOnly: true })
    expect(ageAtDose({ birthDate: null, birthYear: 1956 }, '2021-08-01')).toMatchObject({ age: 65, ageGroup: '65+' })
    expect(ageAtDose({ birthDate: null, birthYear: 1957 }, '2021-08-01')).toMatchObject({ age: 64, ageGroup: '50-64' })
  })

  it('refuses a person without a year of birth, under five, or born after the dose, in Vietnamese', () => {
    const none = ageAtDose({ birthDate: null, birthYear: null }, '2021-08-01')
    expect(none).toMatchObject({ ok: false, code: 'NO_BIRTH_YEAR' })
    expect(none.ok ? '' : none.message).toMatch(/chưa có năm sinh/)
    expect(ageAtDose({ birthDate: '2017-06-01', birthYear: 2017 }, '2022-05-31')).toMatchObject({ ok: false, code: 'UNDER_FIVE' })
    expect(ageAtDose({ birthDate: '2017-06-01', birthYear: 2017 }, '2022-06-01')).toMatchObject({ ok: true, ageGroup: '5-11' })
    expect(ageAtDose({ birthDate: null, birthYear: 2022 }, '2021-12-31')).toMatchObject({ ok: false, code: 'BORN_AFTER_DOSE' })
    expect(ageAtDose({ birthDate: '2021-12-02', birthYear: 2021 }, '2021-12-01')).toMatchObject({ ok: false, code: 'BORN_AFTER_DOSE' })
  })
})
