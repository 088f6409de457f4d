import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { fold } from '../text/fold.ts'
import { parseVnDate } from './dates.ts'
import { buildOrgMatcher } from './orgMatcher.ts'
import { numberedTaskCount, parseDirective } from './parse.ts'
import type { ParsedDirective } from './types.ts'

const PARTY_LETTER = [
  '**TỈNH ỦY AN GIANG**',
  '',
  '\\*',
  '',
  'Số 35-CV/TU',
  '',
  '*V/v tăng cường kiểm soát dịch  ',
  'tại khu vực biên giới*',
  '',
  '**HỎA TỐC**',
  '',
  '**ĐẢNG CỘNG SẢN VIỆT NAM**',
  '',
  '*An Giang, ngày 02 tháng 8 năm 2021*',
  '',
  '*Kính gửi:* - Ban cán sự đảng UBND tỉnh,  ',
  '- Đảng ủy Bộ đội Biên phòng tỉnh.',
  '',
  'Trước tình hình dịch bệnh tại các nước láng giềng, mật độ người qua lại biên giới tăng, Ban Thường vụ Tỉnh ủy yêu cầu:',
  '',
  '**1.** Ban cán sự đảng UBND tỉnh lãnh đạo UBND tỉnh rà soát các chốt kiểm soát, hoàn thành trước ngày 10/8.',
  '',
  '- Bố trí đủ lực lượng tại các chốt.',
  '- Bảo đảm hậu cần cho lực lượng làm nhiệm vụ.',
  '',
  '**2.** Đảng ủy Bộ đội Biên phòng tỉnh chủ trì, phối hợp với Sở Y tế, Công an tỉnh tuần tra đường mòn, lối mở; báo cáo định kỳ hằng tuần.',
  '',
  'Giao Văn phòng Tỉnh ủy theo dõi, đôn đốc việc thực hiện công văn này.',
  '',
  '**Nơi nhận:**',
  '- Như trên,',
  '- Lưu Văn phòng Tỉnh ủy.',
  '',
  '**T/M BAN THƯỜNG VỤ**  ',
  '**PHÓ BÍ THƯ**',
  '',
  '**Nguyễn Thanh Sơn**',
].join('\n')

const STATE_PLAN = [
  'ỦY BAN NHÂN DÂN',
  'TỈNH AN GIANG',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  '',
  'Số: 40/KH-UBND',
  'An Giang, ngày 15 tháng 3 năm 2023',
  '',
  'KẾ HOẠCH',
  'Phòng, chống dịch bệnh truyền nhiễm năm 2023',
  '',
  'I. MỤC ĐÍCH',
  'Chủ động phòng bệnh.',
  'II. NHIỆM VỤ',
  '1. Sở Y tế',
  'a) Chủ trì, phối hợp với Sở Tài chính lập dự toán trong quý II/2023.',
  'b) Giám sát dịch bệnh; báo cáo hằng tháng.',
  '2. Công an tỉnh phối hợp với Sở Y tế xử lý vi phạm.',
  '2.1. Kiểm tra cơ sở kinh doanh.',
  '2.2. Xử lý tin giả.',
  'III. TỔ CHỨC THỰC HIỆN',
  'Các sở, ngành triển khai thực hiện.',
  '',
  'Nơi nhận:',
  '- Bộ Y tế;',
  '- Lưu: VT.',
  '',
  'TM. ỦY BAN NHÂN DÂN',
  'KT. CHỦ TỊCH',
  'PHÓ CHỦ TỊCH',
  '',
  'Lê Thị Thu Hà',
].join('\n')

describe('parseDirective: a Party letter', () => {
  const matcher = buildOrgMatcher([], [])
  const p = parseDirective(PARTY_LETTER, matcher)
  it('reads the header', () => {
    expect(p.system).toBe('party')
    expect(p.type).toBe('CV')
    expect(p.number).toBe('35')
    expect(p.symbol).toBe('35-CV/TU')
    expect(p.issuer?.text).toBe('TỈNH ỦY AN GIANG')
    expect(p.place).toBe('An Giang')
    expect(p.date).toBe('2021-08-02')
    expect(p.urgency).toBe('HỎA TỐC')
    expect(p.secrecy).toBeNull()
    expect(p.summary).toBe('tăng cường kiểm soát dịch tại khu vực biên giới')
    expect(p.addressees.map((a) => a.text)).toEqual(['Ban cán sự đảng UBND tỉnh', 'Đảng ủy Bộ đội Biên phòng tỉnh'])
  })
  it('reads the signing block and expands "Như trên"', () => {
    expect(p.signing).toEqual({ authority: 'TM', position: 'PHÓ BÍ THƯ', signer: 'Nguyễn Thanh Sơn', actingFor: 'BAN THƯỜNG VỤ' })
    expect(p.recipients.map((r) => r.text)).toEqual(['Ban cán sự đảng UBND tỉnh', 'Đảng ủy Bộ đội Biên phòng tỉnh'])
  })
  it('keeps bullets inside their item and adds sentence tasks', () => {
    expect(p.tasks.map((t) => t.ref)).toEqual(['1', '2', 'S1'])
    expect(numberedTaskCount(p)).toBe(2)
    const [t1, t2, s1] = p.tasks
    expect(t1?.text).toContain('- Bố trí đủ lực lượng')
    expect(t1?.deadline).toBe('2021-08-10')
    expect(t2?.lead.map((r) => r.text)).toEqual(['Đảng ủy Bộ đội Biên phòng tỉnh'])
    expect(t2?.coordinating.map((r) => r.text)).toEqual(['Sở Y tế', 'Công an tỉnh'])
    expect(t2?.cadence).toEqual({ kind: 'weekly' })
    expect(s1?.lead.map((r) => r.text)).toEqual(['Văn phòng Tỉnh ủy'])
  })
  it('does not take "mật độ" in the body for a secrecy mark', () => {
    expect(PARTY_LETTER).toContain('mật độ')
    expect(p.secrecy).toBeNull()
  })
})

describe('parseDirective: a state plan with Roman sections', () => {
  const p = parseDirective(STATE_PLAN)
  it('reads the state header and signing', () => {
    expect(p.system).toBe('state')
    expect(p.type).toBe('KH')
    expect(p.symbol).toBe('40/KH-UBND')
    expect(p.issuer?.text).toBe('ỦY BAN NHÂN DÂN TỈNH AN GIANG')
    expect(p.signing).toEqual({ authority: 'KT', position: 'PHÓ CHỦ TỊCH', signer: 'Lê Thị Thu Hà', actingFor: 'ỦY BAN NHÂN DÂN' })
  })
  it('numbers items under their section and counts the sections', () => {
    expect(p.tasks.map((t) => t.ref)).toEqual(['I', 'II', 'II.1', 'II.1.a', 'II.1.b', 'II.2', 'II.2.1', 'II.2.2', 'III'])
    expect(numberedTaskCount(p)).toBe(3)
  })
  it('gives sub-items the lead named by their heading', () => {
    const a = p.tasks.find((t) => t.ref === 'II.1.a')
    expect(a?.lead.map((r) => r.text)).toEqual(['Sở Y tế'])
    expect(a?.coordinating.map((r) => r.text)).toEqual(['Sở Tài chính'])
    expect(a?.deadline).toBe('2023-06-30')
    expect(p.tasks.find((t) => t.ref === 'II.1.b')?.cadence).toEqual({ kind: 'monthly' })
    expect(p.tasks.find((t) => t.ref === 'II.2')?.lead.map((r) => r.text)).toEqual(['Công an tỉnh'])
  })
})

describe('parseDirective: references', () => {
  it('lists the documents the body cites, once each', () => {
    const body = [
      'TỈNH ỦY AN GIANG',
      'Số 3-CV/TU',
      'An Giang, ngày 1 tháng 3 năm 2022',
      'Kính gửi: Sở Y tế.',
      '',
      'Thực hiện Chỉ thị 15-CT/TW của Ban Bí thư, Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ và Điện mật ngày 28-7-2020 của Thường trực Ban Bí thư; tiếp tục thực hiện Nghị quyết số 128/NQ-CP, Số 3-CV/TU.',
      '',
      '1. Sở Y tế thực hiện.',
    ].join('\n')
    expect(parseDirective(body).references).toEqual([
      { text: 'Chỉ thị 15-CT/TW của Ban Bí thư', symbol: '15-CT/TW', date: null },
      { text: 'Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ', symbol: '128/NQ-CP', date: '2021-10-11' },
      { text: 'Điện mật ngày 28-7-2020 của Thường trực Ban Bí thư', symbol: null, date: '2020-07-28' },
    ])
  })
})

describe('parseDirective: odd inputs', () => {
  it('reads a state letter symbol without a type code as a letter', () => {
    const p = parseDirective('UBND TỈNH AN GIANG\nSố: 1234/UBND-KGVX\nV/v phòng chống dịch\nAn Giang, ngày 5 tháng 5 năm 2021\n\nKính gửi: Sở Y tế.\n\nNội dung.')
    expect(p.type).toBe('CV')
    expect(p.system).toBe('state')
  })
  it('reads a secrecy mark on its own line and a combined mark line', () => {
    const p = parseDirective('BAN CHỈ ĐẠO\nSố: 9/BCĐ-VP\nMẬT - HỎA TỐC\nAn Giang, ngày 1 tháng 2 năm 2022\nKính gửi: Sở Y tế.\n\nNội dung mật.')
    expect(p.secrecy).toBe('MẬT')
    expect(p.urgency).toBe('HỎA TỐC')
  })
  it('reads marks written without diacritics', () => {
    const p = parseDirective('TINH UY AN GIANG\nSo 12-CV/TU\nTHUONG KHAN\nAn Giang, ngay 3 thang 4 nam 2022\nKinh gui: So Y te\n\n1. Noi dung.')
    expect(p.urgency).toBe('THƯỢNG KHẨN')
    expect(p.symbol).toBe('12-CV/TU')
    expect(p.date).toBe('2022-04-03')
  })
  it('warns in Vietnamese about what it could not read', () => {
    const p = parseDirective('Một đoạn văn bản không có phần đầu.')
    expect(p.warnings).toContain('Không đọc được ngày ban hành')
    expect(p.warnings).toContain('Không đọc được số, ký hiệu văn bản')
    expect(parseDirective('').warnings).toContain('Văn bản trống')
  })
  it('warns about an impossible issue date', () => {
    const p = parseDirective('TỈNH ỦY AN GIANG\nSố 1-CV/TU\nAn Giang, ngày 31 tháng 2 năm 2021\nKính gửi: Sở Y tế\n\nNội dung.')
    expect(p.date).toBeNull()
    expect(p.warnings.some((w) => w.startsWith('Ngày ban hành không hợp lệ'))).toBe(true)
  })
})

/** Markup the normaliser removes, so that a span's text can be compared with a value. */
function plain(s: string): string {
  return fold(s.replace(/\\([*_\-#.])/g, '$1').replace(/[*_#]|<[^>]*>/g, ' '))
}

function expectSpansPointAtValues(text: string, p: ParsedDirective): void {
  const at = (key: keyof ParsedDirective['spans']) => {
    const span = p.spans[key]
    if (!span) return null
    expect(span[0]).toBeGreaterThanOrEqual(0)
    expect(span[1]).toBeLessThanOrEqual(text.length)
    expect(span[0]).toBeLessThanOrEqual(span[1])
    return plain(text.slice(span[0], span[1]))
  }
  const contains = (key: keyof ParsedDirective['spans'], value: string | null | undefined) => {
    const slice = at(key)
    if (slice !== null && value) expect(slice).toContain(plain(value))
  }
  const symbol = at('symbol')
  if (symbol !== null && p.symbol) expect(symbol.replace(/\s+/g, '')).toContain(plain(p.symbol))
  // Two header columns run together interleave the issuer with the national motto: words in order suffice.
  const issuer = at('issuer')
  if (issuer !== null && p.issuer) {
    let from = 0
    for (const w of plain(p.issuer.text).split(' ')) {
      const k = issuer.indexOf(w, from)
      expect(k, `issuer word ${w}`).toBeGreaterThanOrEqual(0)
      from = k + w.length
    }
  }
  contains('place', p.place)
  contains('summary', p.summary)
  contains('urgency', p.urgency)
  contains('secrecy', p.secrecy)
  contains('signing', p.signing.signer)
  contains('signing', p.signing.position)
  for (const a of p.addressees) contains('addressees', a.text)
  at('recipients')
  at('type')
  const date = p.spans.date
  if (date && p.date) expect(parseVnDate(text.slice(date[0], date[1]).replace(/[*_]/g, ''))).toBe(p.date)
  contains('body', p.body.slice(0, 40))
  for (const t of p.tasks) {
    expect(t.span[0]).toBeGreaterThanOrEqual(0)
    expect(t.span[1]).toBeLessThanOrEqual(text.length)
    expect(plain(text.slice(t.span[0], t.span[1]))).toContain(plain(t.text.split('\n')[0]?.slice(0, 30) ?? ''))
  }
}

describe('spans point into the original text', () => {
  it('for a markdown letter', () => {
    expectSpansPointAtValues(PARTY_LETTER, parseDirective(PARTY_LETTER))
  })
  it('for a plan', () => {
    expectSpansPointAtValues(STATE_PLAN, parseDirective(STATE_PLAN))
  })
  it('for decomposed Unicode and Windows line ends', () => {
    const text = PARTY_LETTER.normalize('NFD').replace(/\n/g, '\r\n')
    const p = parseDirective(text)
    expect(p.symbol).toBe('35-CV/TU')
    expect(p.issuer?.text).toBe('TỈNH ỦY AN GIANG')
    const span = p.spans.issuer
    expect(span && text.slice(span[0], span[1]).normalize('NFC')).toBe('TỈNH ỦY AN GIANG')
    expectSpansPointAtValues(text.normalize('NFC'), parseDirective(text.normalize('NFC')))
  })
  it('for every fixture', () => {
    const dir = fileURLToPath(new URL('./fixtures/', import.meta.url))
    for (const f of readdirSync(dir).filter((n) => /\.(md|txt)$/.test(n))) {
      const text = readFileSync(`${dir}${f}`, 'utf8')
      expectSpansPointAtValues(text, parseDirective(text))
    }
  })
})
