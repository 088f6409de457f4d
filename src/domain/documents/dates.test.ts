import { describe, expect, it } from 'vitest'
import { findDates, isRealDate, lastDayOfMonth, lastDayOfQuarter, parseCadence, parseDeadline, parseVnDate } from './dates.ts'

describe('parseVnDate', () => {
  it('reads the written forms used in directives', () => {
    expect(parseVnDate('Trà Vinh, ngày 29 tháng 7 năm 2020')).toBe('2020-07-29')
    expect(parseVnDate('từ ngày 25-7-2020 đến nay')).toBe('2020-07-25')
    expect(parseVnDate('Công điện số 1699/CĐ-TTg, ngày 02/12/2020')).toBe('2020-12-02')
    expect(parseVnDate('Kiên Giang, ngày 26-5-2021')).toBe('2021-05-26')
    expect(parseVnDate('Nghị quyết số 128/NQ-CP ngày 11/10/2021')).toBe('2021-10-11')
    expect(parseVnDate('ngày 11.10.2021')).toBe('2021-10-11')
  })
  it('tolerates OCR damage and extra spaces', () => {
    expect(parseVnDate('An Giang, ngày 25 thảng 8 nãm 2021')).toBe('2021-08-25')
    expect(parseVnDate('ngày  5   tháng  3  năm   2022')).toBe('2022-03-05')
    expect(parseVnDate('NGÀY 1O THÁNG 9 NĂM 2O21')).toBe('2021-09-10')
  })
  it('rejects days that do not exist', () => {
    expect(parseVnDate('ngày 31 tháng 2 năm 2021')).toBeNull()
    expect(parseVnDate('29/02/2021')).toBeNull()
    expect(parseVnDate('29/02/2024')).toBe('2024-02-29')
    expect(parseVnDate('32/1/2021')).toBeNull()
    expect(isRealDate(1900, 2, 29)).toBe(false)
    expect(isRealDate(2000, 2, 29)).toBe(true)
  })
  it('does not read a symbol as a date', () => {
    expect(findDates('Nghị định số 30/2020/NĐ-CP')).toEqual([])
  })
  it('gives the offsets of each date in the text', () => {
    const text = 'Từ ngày 25-7-2020 đến ngày 28 tháng 7 năm 2020'
    const found = findDates(text)
    expect(found.map((d) => d.iso)).toEqual(['2020-07-25', '2020-07-28'])
    for (const d of found) expect(text.slice(d.index, d.end)).toMatch(/\d/)
  })
})

describe('parseDeadline', () => {
  it('reads explicit deadlines', () => {
    expect(parseDeadline('hoàn thành trước ngày 15/8/2021')).toBe('2021-08-15')
    expect(parseDeadline('chậm nhất ngày 08/9/2021')).toBe('2021-09-08')
    expect(parseDeadline('báo cáo trước 16 giờ ngày 30/01/2026')).toBe('2026-01-30')
    expect(parseDeadline('xong trước ngày 5 tháng 6 năm 2022')).toBe('2022-06-05')
  })
  it('takes the last day of a month, quarter or year', () => {
    expect(parseDeadline('phấn đấu trong tháng 12/2021, có 100% dân số')).toBe('2021-12-31')
    expect(parseDeadline('hoàn thành trong tháng 2 năm 2024')).toBe('2024-02-29')
    expect(parseDeadline('xong trong quý IV/2021')).toBe('2021-12-31')
    expect(parseDeadline('trong quý II năm 2025')).toBe('2025-06-30')
    expect(parseDeadline('hoàn thành trong năm 2022')).toBe('2022-12-31')
    expect(lastDayOfMonth(2023, 2)).toBe('2023-02-28')
    expect(lastDayOfQuarter(2021, 3)).toBe('2021-09-30')
  })
  it('uses the document year when the deadline has none', () => {
    expect(parseDeadline('trước ngày 15/8', 2021)).toBe('2021-08-15')
    expect(parseDeadline('trước ngày 15/8')).toBeNull()
    expect(parseDeadline('trong quý III', 2022)).toBe('2022-09-30')
  })
  it('returns the earliest of several deadlines', () => {
    expect(parseDeadline('mũi 1 trong tháng 5/2022; mũi 2 trong quý III/2022')).toBe('2022-05-31')
  })
  it('ignores dates that are not deadlines and recurring days', () => {
    expect(parseDeadline('từ ngày 25-7-2020 đến nay')).toBeNull()
    expect(parseDeadline('chậm nhất ngày 25 hằng tháng')).toBeNull()
    expect(parseDeadline('trước ngày 31/2/2021')).toBeNull()
  })
})

describe('parseCadence', () => {
  it('reads the reporting schedule', () => {
    expect(parseCadence('thường xuyên báo cáo Thường trực Tỉnh ủy')).toEqual({ kind: 'regular', everyDays: 7 })
    expect(parseCadence('thường xuyên báo cáo', 3)).toEqual({ kind: 'regular', everyDays: 3 })
    expect(parseCadence('báo cáo định kỳ hằng tuần')).toEqual({ kind: 'weekly' })
    expect(parseCadence('báo cáo hàng tuần')).toEqual({ kind: 'weekly' })
    expect(parseCadence('định kỳ hàng tháng báo cáo')).toEqual({ kind: 'monthly' })
    expect(parseCadence('báo cáo kết quả hằng ngày')).toEqual({ kind: 'regular', everyDays: 1 })
    expect(parseCadence('báo cáo đột xuất khi có yêu cầu')).toEqual({ kind: 'ad_hoc' })
    expect(parseCadence('triển khai thực hiện')).toEqual({ kind: 'once' })
  })
  it('keeps "thường xuyên và đột xuất" regular', () => {
    expect(parseCadence('thường xuyên và đột xuất khi cần thiết có báo cáo kết quả')).toEqual({ kind: 'regular', everyDays: 7 })
  })
  it('does not take an unexpected situation for ad hoc reporting', () => {
    expect(parseCadence('không để nảy sinh tình huống đột xuất bất ngờ')).toEqual({ kind: 'once' })
  })
})
