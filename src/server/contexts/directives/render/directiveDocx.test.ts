import { describe, expect, it } from 'vitest'
import type { DirectiveForRender } from '../../../../domain/documents/render-types.ts'
import { renderDirectiveDocx } from './directiveDocx.ts'
import { PARTY_LETTER, STATE_DISPATCH, STATE_LETTER } from './samples.ts'
import { docxPart, docxText, mmToTwips, paragraphsWith, textLines, twips } from './testing.ts'

async function render(d: DirectiveForRender) {
  const buffer = await renderDirectiveDocx(d)
  return { buffer, text: await docxText(buffer), lines: textLines(await docxText(buffer)), xml: await docxPart(buffer) }
}

/** Asserts the needles appear in this order in the text. */
function expectInOrder(text: string, needles: string[]): void {
  let from = 0
  for (const n of needles) {
    const at = text.indexOf(n, from)
    expect(at, `"${n}" after position ${from}`).toBeGreaterThanOrEqual(0)
    from = at + n.length
  }
}

describe('renderDirectiveDocx: Party letter (Guidance 36-HD/VPTW)', () => {
  it('prints the Party header, number, date, summary and urgency', async () => {
    const { buffer, lines, text } = await render(PARTY_LETTER)
    expect(buffer.subarray(0, 2).toString()).toBe('PK')
    for (const l of ['ĐẢNG BỘ TỈNH AN GIANG', 'TỈNH ỦY', '*', 'Số 12-CV/TU', 'HỎA TỐC', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'An Giang, ngày 05 tháng 01 năm 2026']) {
      expect(lines).toContain(l)
    }
    expect(lines).toContain('V/v tăng cường công tác phòng, chống dịch sốt xuất huyết và bệnh tay chân miệng')
    expect(text).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    // A letter carries its summary under the number, not a centred type name.
    expect(lines).not.toContain('CÔNG VĂN')
  })

  it('lists the addressees, every body paragraph as written, the recipients and the signer in order', async () => {
    const { text, lines } = await render(PARTY_LETTER)
    expect(lines).toContain('Kính gửi:\t- Các đảng ủy xã, phường, đặc khu,')
    expect(lines).toContain('- Các sở, ban, ngành, đoàn thể tỉnh,')
    expect(lines).toContain('- Đảng ủy Công an tỉnh, Đảng ủy Quân sự tỉnh.')
    for (const p of PARTY_LETTER.body) expect(lines).toContain(p)
    expectInOrder(text, [
      'Số 12-CV/TU',
      'Kính gửi',
      ...PARTY_LETTER.body.map((p) => p.slice(0, 30)),
      'Nơi nhận:',
      '- Như trên,',
      '- Thường trực Tỉnh ủy (b/c),',
      '- Lưu Văn phòng Tỉnh ủy.',
      'T/M BAN THƯỜNG VỤ',
      'PHÓ BÍ THƯ',
      'Trần Quốc Hưng',
    ])
  })

  it('sets A4 portrait, Decree 30 margins and Times New Roman', async () => {
    const { xml, buffer } = await render(PARTY_LETTER)
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    const margin = (side: string) => twips(xml, 'w:pgMar', `w:${side}`)
    expect(margin('top')).toBeGreaterThanOrEqual(Math.floor(mmToTwips(20)))
    expect(margin('top')).toBeLessThanOrEqual(Math.ceil(mmToTwips(25)))
    expect(margin('bottom')).toBeGreaterThanOrEqual(Math.floor(mmToTwips(20)))
    expect(margin('bottom')).toBeLessThanOrEqual(Math.ceil(mmToTwips(25)))
    expect(margin('left')).toBeGreaterThanOrEqual(Math.floor(mmToTwips(30)))
    expect(margin('left')).toBeLessThanOrEqual(Math.ceil(mmToTwips(35)))
    expect(margin('right')).toBeGreaterThanOrEqual(Math.floor(mmToTwips(15)))
    expect(margin('right')).toBeLessThanOrEqual(Math.ceil(mmToTwips(20)))
    expect(xml).toContain('w:ascii="Times New Roman"')
    expect(xml).not.toMatch(/w:ascii="(?!Times New Roman)/)
    expect(await docxPart(buffer, 'word/styles.xml')).toContain('Times New Roman')
  })

  it('sets the body justified, 14 pt, first-line indented, 1.15 spacing and 6 pt after', async () => {
    const { xml } = await render(PARTY_LETTER)
    for (const body of PARTY_LETTER.body) {
      const [p] = paragraphsWith(xml, body.slice(0, 40))
      expect(p).toBeDefined()
      expect(p).toContain('<w:jc w:val="both"/>')
      expect(p).toMatch(/<w:ind w:firstLine="(5[6-9]\d|[67]\d\d)"\/>/)
      expect(p).toContain('w:line="276"')
      expect(p).toContain('w:after="120"')
      expect(p).toContain('<w:sz w:val="28"/>')
    }
  })

  it('underlines the Party title in bold, boxes the urgency mark and keeps the header table borderless', async () => {
    const { xml } = await render(PARTY_LETTER)
    const [title] = paragraphsWith(xml, 'ĐẢNG CỘNG SẢN VIỆT NAM')
    expect(title).toMatch(/<w:b\/>/)
    expect(title).toMatch(/<w:u w:val="single"\/>/)
    const [mark] = paragraphsWith(xml, 'HỎA TỐC')
    for (const side of ['top', 'bottom', 'left', 'right']) expect(mark).toMatch(new RegExp(`<w:pBdr>.*<w:${side} w:val="single"`, 's'))
    expect(mark).toMatch(/<w:b\/>/)
    const [date] = paragraphsWith(xml, 'ngày 05 tháng 01 năm 2026')
    expect(date).toMatch(/<w:i\/>/)
    const firstTable = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tblBorders>'))
    expect(firstTable).not.toMatch(/w:val="single"/)
  })

  it('bolds the signer and the authority lines', async () => {
    const { xml } = await render(PARTY_LETTER)
    for (const t of ['T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ', 'Trần Quốc Hưng']) expect(paragraphsWith(xml, t).at(-1)).toMatch(/<w:b\/>/)
    const [label] = paragraphsWith(xml, 'Nơi nhận:')
    expect(label).toMatch(/<w:u w:val="single"\/>/)
  })
})

describe('renderDirectiveDocx: state dispatch (Decree 30/2020/NĐ-CP)', () => {
  it('prints the national title and motto, the state number, type name and summary', async () => {
    const { lines, text } = await render(STATE_DISPATCH)
    for (const l of [
      'ỦY BAN NHÂN DÂN',
      'TỈNH AN GIANG',
      'Số: 15/CĐ-UBND',
      'THƯỢNG KHẨN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'An Giang, ngày 09 tháng 3 năm 2026',
      'CÔNG ĐIỆN',
      'Về việc khẩn trương khoanh vùng, dập dịch cúm A/H5N1 tại đặc khu Phú Quốc',
    ]) {
      expect(lines).toContain(l)
    }
    expect(text).not.toContain('ĐẢNG CỘNG SẢN VIỆT NAM')
    expectInOrder(text, ['Số: 15/CĐ-UBND', 'CÔNG ĐIỆN', 'Về việc khẩn trương', 'Kính gửi', 'Ngày 08/3/2026'])
  })

  it('signs "KT. CHỦ TỊCH" above the deputy, with the filing entry last among the recipients', async () => {
    const { text, lines, xml } = await render(STATE_DISPATCH)
    for (const p of STATE_DISPATCH.body) expect(lines).toContain(p)
    expectInOrder(text, ['Nơi nhận:', '- Như trên;', '- Bộ Y tế (b/c);', '- Lưu: VT, KGVX.', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Lê Thị Thu Hà'])
    const [label] = paragraphsWith(xml, 'Nơi nhận:')
    expect(label).toMatch(/<w:b\/>/)
    expect(label).toMatch(/<w:i\/>/)
    const [entry] = paragraphsWith(xml, '- Bộ Y tế (b/c);')
    expect(entry).toContain('<w:sz w:val="22"/>')
  })

  it('draws rules under the issuer and the motto', async () => {
    const { xml } = await render(STATE_DISPATCH)
    const rules = (xml.match(/<w:p>(?:(?!<\/w:p>).)*<w:pBdr><w:bottom w:val="single"(?:(?!<\/w:p>).)*<\/w:p>/gs) ?? []).filter((p) => !p.includes('<w:t'))
    // Under the issuer, under the motto, and under the summary.
    expect(rules.length).toBe(3)
  })
})

describe('renderDirectiveDocx: state letter', () => {
  it('writes a single addressee inline, the summary once under the number, and the secrecy mark', async () => {
    const { lines, text } = await render(STATE_LETTER)
    expect(lines).toContain('Kính gửi: Ủy ban nhân dân các xã, phường, đặc khu.')
    expect(lines).toContain('V/v báo cáo tình hình dịch bệnh tuần 42')
    expect(text).not.toContain('V/v V/v')
    expect(lines).toContain('MẬT')
    expect(text).not.toMatch(/HỎA TỐC|KHẨN/)
    expect(lines).not.toContain('CÔNG VĂN')
    expect(lines).toContain('UBND TỈNH AN GIANG')
    expect(lines).toContain('BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH BỆNH')
    expect(lines).toContain('Số: 125/BCĐ-YT')
    expect(lines).toContain('An Giang, ngày 21 tháng 10 năm 2026')
    expectInOrder(text, ['TM. BAN CHỈ ĐẠO', 'TRƯỞNG BAN', 'Phạm Văn Đức'])
  })

  it('leaves out the marks and the addressee block when there are none', async () => {
    const { text } = await render({ ...STATE_LETTER, secrecy: null, addressees: [] })
    expect(text).not.toContain('MẬT')
    expect(text).not.toContain('Kính gửi')
  })

  it('prints a directive of another type with its name centred', async () => {
    const { lines } = await render({ ...PARTY_LETTER, type: 'CT', symbol: '08-CT/TU', urgency: null, addressees: [], summary: 'về tăng cường phòng, chống dịch' })
    expect(lines).toContain('CHỈ THỊ')
    expect(lines).toContain('về tăng cường phòng, chống dịch')
    expect(lines).toContain('-----')
    expect(lines).toContain('Số 08-CT/TU')
    expect(lines).not.toContain('HỎA TỐC')
  })
})
