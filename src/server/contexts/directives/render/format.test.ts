import { describe, expect, it } from 'vitest'
import { excerpt, letterSummary, listLines, midSentence, numberLine, percentText, placeDateLine, recipientLines, signingLines, singleAddressee, typeTitle, vnLongDate } from './format.ts'
import { typeFromSymbol } from './synthesisContent.ts'

describe('vnLongDate', () => {
  it('pads days 1–9 and months 1–2 only, as Decree 30 requires', () => {
    expect(vnLongDate('2026-01-05')).toBe('ngày 05 tháng 01 năm 2026')
    expect(vnLongDate('2026-02-09')).toBe('ngày 09 tháng 02 năm 2026')
    expect(vnLongDate('2020-07-29')).toBe('ngày 29 tháng 7 năm 2020')
    expect(vnLongDate('2026-03-10')).toBe('ngày 10 tháng 3 năm 2026')
    expect(vnLongDate('2026-12-01')).toBe('ngày 01 tháng 12 năm 2026')
    expect(placeDateLine(' An Giang ', '2026-01-05')).toBe('An Giang, ngày 05 tháng 01 năm 2026')
  })

  it('refuses what is not a calendar date', () => {
    expect(() => vnLongDate('2026-02-30')).toThrow(RangeError)
    expect(() => vnLongDate('05/01/2026')).toThrow(RangeError)
  })
})

describe('signingLines', () => {
  it('spells the authority per system', () => {
    expect(signingLines('party', { authority: 'TM', actingFor: 'Ban Thường vụ', position: 'Phó Bí thư', signer: 'x' })).toEqual(['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'])
    expect(signingLines('party', { authority: 'KT', actingFor: 'BÍ THƯ', position: 'PHÓ BÍ THƯ', signer: 'x' })).toEqual(['K/T BÍ THƯ', 'PHÓ BÍ THƯ'])
    expect(signingLines('party', { authority: 'TL', actingFor: 'BAN THƯỜNG VỤ', position: 'CHÁNH VĂN PHÒNG', signer: 'x' })).toEqual(['T/L BAN THƯỜNG VỤ', 'CHÁNH VĂN PHÒNG'])
    expect(signingLines('state', { authority: 'TM', actingFor: 'ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH', signer: 'x' })).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'])
    expect(signingLines('state', { authority: 'KT', actingFor: 'CHỦ TỊCH', position: 'PHÓ CHỦ TỊCH', signer: 'x' })).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'])
    expect(signingLines('state', { authority: 'TUQ', actingFor: 'CHỦ TỊCH', position: 'GIÁM ĐỐC SỞ Y TẾ', signer: 'x' })).toEqual(['TUQ. CHỦ TỊCH', 'GIÁM ĐỐC SỞ Y TẾ'])
  })

  it('prints the position alone without an authority, and with it when no one is acted for', () => {
    expect(signingLines('state', { authority: null, actingFor: null, position: 'Chủ tịch', signer: 'x' })).toEqual(['CHỦ TỊCH'])
    expect(signingLines('state', { authority: 'Q', actingFor: null, position: 'CHỦ TỊCH', signer: 'x' })).toEqual(['Q. CHỦ TỊCH'])
  })

  it('drops the position line of a draft that does not name it yet', () => {
    expect(signingLines('party', { authority: 'TM', actingFor: 'BAN THƯỜNG VỤ', position: '', signer: '' })).toEqual(['T/M BAN THƯỜNG VỤ'])
    expect(signingLines('state', { authority: null, actingFor: null, position: ' ', signer: '' })).toEqual([])
  })
})

describe('numbers, summaries and lists', () => {
  it('writes the number per system', () => {
    expect(numberLine('party', '12-CV/TU')).toBe('Số 12-CV/TU')
    expect(numberLine('state', '15/CĐ-BCĐ')).toBe('Số: 15/CĐ-BCĐ')
    // A draft keeps room for the number the clerk assigns.
    expect(numberLine('state', '      /CĐ-UBND ')).toBe('Số:       /CĐ-UBND')
    expect(typeTitle('CĐ')).toBe('CÔNG ĐIỆN')
    expect(typeTitle('KH')).toBe('KẾ HOẠCH')
  })

  it('prefixes a letter summary with "V/v" once', () => {
    expect(letterSummary('tăng cường phòng dịch')).toBe('V/v tăng cường phòng dịch')
    expect(letterSummary('V/v tăng cường phòng dịch')).toBe('V/v tăng cường phòng dịch')
    expect(letterSummary('Về việc tăng cường phòng dịch')).toBe('Về việc tăng cường phòng dịch')
    expect(letterSummary('  ')).toBeNull()
  })

  it('lowers the first letter of a summary placed mid-sentence, but not of an acronym or a body', () => {
    expect(midSentence(' Tăng cường phòng, chống dịch ')).toBe('tăng cường phòng, chống dịch')
    expect(midSentence('Về việc khoanh vùng ổ dịch')).toBe('về việc khoanh vùng ổ dịch')
    expect(midSentence('Ban hành kế hoạch tiêm chủng')).toBe('ban hành kế hoạch tiêm chủng')
    expect(midSentence('Đẩy mạnh tuyên truyền')).toBe('đẩy mạnh tuyên truyền')
    expect(midSentence('UBND tỉnh triển khai')).toBe('UBND tỉnh triển khai')
    expect(midSentence('COVID-19 trên địa bàn')).toBe('COVID-19 trên địa bàn')
    expect(midSentence('Sở Y tế chủ trì giám sát')).toBe('Sở Y tế chủ trì giám sát')
    expect(midSentence('Ban Chỉ đạo tỉnh kiểm tra')).toBe('Ban Chỉ đạo tỉnh kiểm tra')
    expect(midSentence('Văn phòng Tỉnh ủy tổng hợp')).toBe('Văn phòng Tỉnh ủy tổng hợp')
    expect(midSentence('Ủy ban nhân dân các xã báo cáo')).toBe('Ủy ban nhân dân các xã báo cáo')
    expect(midSentence('Tỉnh ủy lãnh đạo')).toBe('Tỉnh ủy lãnh đạo')
    expect(midSentence('tăng cường')).toBe('tăng cường')
    expect(midSentence('')).toBe('')
  })

  it('rewrites dashes and punctuation of list items and files "Lưu" last', () => {
    expect(listLines(['- Sở Y tế;', 'Công an tỉnh', ' '], 'state')).toEqual(['- Sở Y tế;', '- Công an tỉnh.'])
    expect(recipientLines(['Lưu VPTU', 'Như trên,', 'Thường trực Tỉnh ủy (b/c)'], 'party')).toEqual(['- Như trên,', '- Thường trực Tỉnh ủy (b/c),', '- Lưu VPTU.'])
    expect(singleAddressee('- Sở Y tế;')).toBe('Sở Y tế.')
  })

  it('cuts long text at a word and writes shares with a decimal comma', () => {
    const long = 'phun hóa chất '.repeat(40)
    const cut = excerpt(long, 50)
    expect(cut.length).toBeLessThanOrEqual(51)
    expect(cut.endsWith('…')).toBe(true)
    expect(cut).not.toMatch(/\s…$/)
    expect(excerpt(null)).toBe('')
    expect(excerpt('ngắn')).toBe('ngắn')
    expect(percentText(5, 18)).toBe('27,8')
    expect(percentText(0, 0)).toBe('0')
  })

  it('reads the type off Party and state symbols', () => {
    expect(typeFromSymbol('12-CV/TU')).toBe('CV')
    expect(typeFromSymbol('15/CĐ-UBND')).toBe('CĐ')
    expect(typeFromSymbol('42/KH-BCĐ')).toBe('KH')
    expect(typeFromSymbol('125/BCĐ-YT')).toBeNull()
    expect(typeFromSymbol('không rõ')).toBeNull()
  })
})
