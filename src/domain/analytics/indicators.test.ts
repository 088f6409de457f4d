import { describe, expect, it } from 'vitest'
import { AnalyticsInputError } from './errors.ts'
import { doublingTime, doublingTimes, per100k, positivity, rollingSums, sevenDayIncidencePer100k } from './indicators.ts'
import { incidenceFromTable, MAX_INCIDENCE_DAYS, parseSerialIntervalText } from './input.ts'

describe('indicators', () => {
  it('incidence per 100,000 and its 7-day rolling form', () => {
    expect(per100k(15, 300_000)).toBe(5)
    expect(per100k(3, null)).toBeNull()
    expect(per100k(3, 0)).toBeNull()
    expect(rollingSums([1, 2, 3, 4, 5, 6, 7, 8, 9], 7)).toEqual([1, 3, 6, 10, 15, 21, 28, 35, 42])
    const week = sevenDayIncidencePer100k([1, 2, 3, 4, 5, 6, 7, 8], 50_000)
    expect(week.slice(0, 6)).toEqual([null, null, null, null, null, null])
    expect(week[6]).toBeCloseTo(56, 12)
    expect(week[7]).toBeCloseTo(70, 12)
  })
  it('test positivity', () => {
    expect(positivity(5, 200)).toBe(0.025)
    expect(positivity(0, 0)).toBeNull()
  })
  it('doubling and halving times', () => {
    // Cases doubling every week double in 7 days; quadrupling, in 3.5; halving gives −7.
    expect(doublingTime(10, 20)).toBeCloseTo(7, 12)
    expect(doublingTime(10, 40)).toBeCloseTo(3.5, 12)
    expect(doublingTime(40, 20)).toBeCloseTo(-7, 12)
    expect(doublingTime(0, 20)).toBeNull()
    expect(doublingTime(20, 20)).toBeNull()
    // Exponential growth at rate r doubles in ln 2 / r days.
    const r = 0.1
    const daily = Array.from({ length: 40 }, (_, t) => 100 * Math.exp(r * t))
    const times = doublingTimes(daily)
    expect(times.slice(0, 13).every((t) => t === null)).toBe(true)
    for (const t of times.slice(13)) expect(t).toBeCloseTo(Math.LN2 / r, 10)
  })
})

describe('reading R(t) inputs', () => {
  const rows = (lines: string[][]) => lines.map((cells, i) => ({ line: i + 2, cells }))
  const code = (fn: () => unknown) => {
    try {
      fn()
    } catch (err) {
      expect(err).toBeInstanceOf(AnalyticsInputError)
      return `${(err as AnalyticsInputError).code}: ${(err as Error).message}`
    }
    return 'accepted'
  }

  it('reads date, local and imported, in either date form, imported optional', () => {
    expect(incidenceFromTable(['date', 'local', 'imported'], rows([['2021-07-01', '3', '1'], ['02/07/2021', '4', '0']]))).toEqual({
      dates: ['2021-07-01', '2021-07-02'],
      local: [3, 4],
      imported: [1, 0],
    })
    expect(incidenceFromTable(['Ngày', 'Ca tại chỗ'], rows([['2021-07-01', '3']])).imported).toEqual([0])
  })
  it('refuses bad tables with the line and the reason', () => {
    expect(code(() => incidenceFromTable(['date', 'imported'], rows([['2021-07-01', '1']])))).toMatch(/RT_MISSING_COLUMN: Thiếu cột local/)
    expect(code(() => incidenceFromTable(['date', 'local'], rows([['2021-07-01', '-1']])))).toMatch(/RT_BAD_COUNT: Dòng 2: .*không âm/)
    expect(code(() => incidenceFromTable(['date', 'local'], rows([['2021-07-01', '1.5']])))).toMatch(/RT_BAD_COUNT/)
    expect(code(() => incidenceFromTable(['date', 'local'], rows([['hôm qua', '1']])))).toMatch(/RT_BAD_DATE: Dòng 2: "hôm qua" không phải là ngày/)
    expect(code(() => incidenceFromTable(['date', 'local'], rows([['2021-02-30', '1']])))).toMatch(/RT_BAD_DATE/)
    expect(code(() => incidenceFromTable(['date', 'local'], rows([['2021-07-02', '1'], ['2021-07-01', '1']])))).toMatch(/RT_DATE_ORDER: Dòng 3/)
    expect(code(() => incidenceFromTable(['date', 'local'], rows([['2021-07-01', '1'], ['2021-07-03', '1']])))).toMatch(/RT_DATE_GAP: Dòng 3: thiếu ngày 2021-07-02/)
    expect(code(() => incidenceFromTable(['date', 'local'], []))).toMatch(/RT_NO_ROWS/)
    const many = Array.from({ length: MAX_INCIDENCE_DAYS + 1 }, () => ['2021-01-01', '0'])
    expect(code(() => incidenceFromTable(['date', 'local'], rows(many)))).toMatch(/RT_TOO_MANY_ROWS/)
  })
  it('reads a serial interval as JSON or one value a line, and checks it', () => {
    expect(parseSerialIntervalText('[0, 0.25, 0.5, 0.25]')).toEqual([0, 0.25, 0.5, 0.25])
    expect(parseSerialIntervalText('# SI\n0\n0.25\n\n0.5\n0.25\n')).toEqual([0, 0.25, 0.5, 0.25])
    expect(code(() => parseSerialIntervalText('[0.1, 0.4, 0.5]'))).toMatch(/ngày 0 phải bằng 0/)
    expect(code(() => parseSerialIntervalText('[0, 0.4, 0.5]'))).toMatch(/Tổng các xác suất phải bằng 1/)
    expect(code(() => parseSerialIntervalText('0\nabc'))).toMatch(/Dòng 2 .*"abc" không phải là số/)
    expect(code(() => parseSerialIntervalText('[0, "a"]'))).toMatch(/mảng số/)
  })
})
