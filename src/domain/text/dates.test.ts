import { describe, expect, it } from 'vitest'
import { isIsoDate, vnDate, vnTime } from './dates.ts'

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
