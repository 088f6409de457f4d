import { describe, expect, it } from 'vitest'
import { docxHtmlToText } from './docxText.ts'

describe('docxHtmlToText', () => {
  it('keeps paragraphs apart and a table as one line per row', () => {
    const html =
      '<p>KẾ HOẠCH</p><table><tr><td><p>TT</p></td><td><p>Nội dung</p></td><td><p>Chủ trì</p></td></tr><tr><td><p>1</p></td><td><p>Rà soát &amp; lập</p><p>danh sách</p></td><td><p>Sở Y tế</p></td></tr></table><p>Nơi nhận:</p>'
    expect(docxHtmlToText(html)).toBe('KẾ HOẠCH\n\n| TT | Nội dung | Chủ trì |\n| 1 | Rà soát & lập danh sách | Sở Y tế |\n\nNơi nhận:\n\n')
  })

  it('gives the two-column header block one paragraph per cell paragraph', () => {
    const html = '<table><tr><td><p>TỈNH ỦY AN GIANG</p><p>*</p></td><td><p>ĐẢNG CỘNG SẢN VIỆT NAM</p></td></tr></table><p>Kính gửi:</p>'
    expect(docxHtmlToText(html)).toBe('TỈNH ỦY AN GIANG\n\n*\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nKính gửi:\n\n')
  })
})
