import { describe, expect, it } from 'vitest'
import { parseAgeGroup, parseDose, parseRiskGroup } from './groups.ts'
import { daysBetween, paceToTarget, populationIn, shareOf, splitByAge } from './pace.ts'

const base = { population: 1000, reached: 400, targetShare: 0.9, asOf: '2021-12-01', deadline: '2021-12-31', recentPerDay: 10 }

describe('pace to a target', () => {
  it('needs what is left over the days after the figures, and compares the recent pace', () => {
    // 900 to reach, 500 left, 30 days after 1 December up to 31 December: 16.67 a day.
    const p = paceToTarget(base)
    expect(p).toMatchObject({ targetCount: 900, remaining: 500, daysLeft: 31, status: 'behind', share: 0.4 })
    expect(p.perDayNeeded).toBeCloseTo(500 / 30, 10)
    expect(paceToTarget({ ...base, recentPerDay: 17 }).status).toBe('on_track')
  })
  it('says met once the target is reached, whatever the date', () => {
    expect(paceToTarget({ ...base, reached: 900 })).toMatchObject({ status: 'met', remaining: 0, perDayNeeded: 0 })
    expect(paceToTarget({ ...base, reached: 950, asOf: '2022-02-01' })).toMatchObject({ status: 'met', daysLeft: 0 })
  })
  it('says missed when the deadline has passed, or is the day counted, unmet', () => {
    expect(paceToTarget({ ...base, asOf: '2022-01-05' })).toMatchObject({ status: 'missed', daysLeft: 0, perDayNeeded: null, remaining: 500 })
    expect(paceToTarget({ ...base, asOf: '2021-12-31' })).toMatchObject({ status: 'missed', daysLeft: 1, perDayNeeded: null })
    expect(paceToTarget({ ...base, asOf: '2021-12-30' }).perDayNeeded).toBe(500)
  })
  it('has no share and no pace for a unit without population', () => {
    expect(paceToTarget({ ...base, population: 0, reached: 5 })).toMatchObject({ status: 'no_population', share: null, perDayNeeded: null, targetCount: 0 })
    expect(shareOf(5, 0)).toBeNull()
  })
  it('rounds the target up to a whole person and caps shares at 1', () => {
    expect(paceToTarget({ ...base, population: 7, reached: 0, targetShare: 0.5 }).targetCount).toBe(4)
    expect(paceToTarget({ ...base, population: 10, reached: 0, targetShare: 0.7 }).targetCount).toBe(7)
    expect(shareOf(12, 10)).toBe(1)
  })
})

describe('denominators', () => {
  it('splits a census total by the shares, never over the total', () => {
    const s = splitByAge(10_000, { '5-11': 0.107, '12-17': 0.086, '18-49': 0.489, '50-64': 0.161, '65+': 0.077, high_risk: 0.05 })
    expect(s).toEqual({ '5-11': 1070, '12-17': 860, '18-49': 4890, '50-64': 1610, '65+': 770, high_risk: 500 })
    expect(splitByAge(3, { '18-49': 0.5 })['18-49']).toBe(1)
    expect(populationIn(s, ['18-49', '50-64', '65+'])).toBe(7270)
  })
  it('counts days between dates', () => {
    expect(daysBetween('2021-12-01', '2021-12-31')).toBe(30)
    expect(daysBetween('2021-03-01', '2021-02-28')).toBe(-1)
  })
})

describe('reading groups as written', () => {
  it('reads age groups, doses and categories in Vietnamese or as codes', () => {
    expect(parseAgeGroup('18–49')).toBe('18-49')
    expect(parseAgeGroup('Từ 65 tuổi trở lên')).toBe('65+')
    expect(parseAgeGroup('0-4')).toBeNull()
    expect(parseDose('Mũi 2')).toBe('2')
    expect(parseDose('nhắc lại')).toBe('booster')
    expect(parseDose('4')).toBeNull()
    expect(parseRiskGroup('')).toBe('none')
    expect(parseRiskGroup('Người có bệnh nền')).toBe('chronic')
    expect(parseRiskGroup('xyz')).toBeNull()
  })
})
