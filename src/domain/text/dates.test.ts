import { describe, expect, it } from 'vitest'
import { isIsoDate, monthWeeks, plusMonths, vnDate, vnTime } from './dates.ts'

describe('calendar dates', () => {
  it('accepts real days written yyyy-mm-dd and nothing else', () => {
    for (const d of ['2026-01-31', '2024-02-29', '2000-02-29', '1999-12-31']) expect(isIsoDate(d), d).toBe(true)
    for (const d of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-01', '26-01-01', '2026-01-01T00:00', ' 2026-01-01', '']) {
      expect(isIsoDate(d), d).toBe(false)
    }
  })

  it('gives the day in Vietnam of an instant', () => {
    expect(vnDate(new Date('2026-11-30T16:59:59Z'))).toBe('2026-11-30')
    expect(vnDate(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01')
  })

  it('gives the time of day in Vietnam of an instant, midnight as 00:00', () => {
    expect(vnTime(new Date('2026-11-30T16:59:59Z'))).toBe('23:59')
    expect(vnTime(new Date('2026-11-30T17:00:00Z'))).toBe('00:00')
    expect(vnTime(new Date('2026-12-01T02:05:00Z'))).toBe('09:05')
  })
})

describe('a month as weeks', () => {
  it('starts on Monday and leaves the neighbouring months blank', () => {
    // 1 November 2026 is a Sunday: six blank places before it, 30 days, five blank after.
    const weeks = monthWeeks('2026-11')
    expect(weeks).toHaveLength(6)
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-11-01'])
    expect(weeks[1]![0]).toBe('2026-11-02')
    expect(weeks[5]).toEqual(['2026-11-30', null, null, null, null, null, null])
    expect(weeks.flat().filter(Boolean)).toHaveLength(30)
    // February 2021 begins on a Monday and has exactly four weeks; 2024's has a 29th.
    expect(monthWeeks('2021-02')).toHaveLength(4)
    expect(monthWeeks('2021-02')[0]![0]).toBe('2021-02-01')
    expect(monthWeeks('2024-02').flat()).toContain('2024-02-29')
  })

  it('steps across years both ways', () => {
    expect(plusMonths('2026-12', 1)).toBe('2027-01')
    expect(plusMonths('2026-01', -1)).toBe('2025-12')
    expect(plusMonths('2026-05', 0)).toBe('2026-05')
  })
})
