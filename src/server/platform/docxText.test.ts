import { describe, expect, it } from 'vitest'
import { docxHtmlToText } from './docxText.ts'

describe('docxHtmlToText', () => {
  it('keeps paragraphs apart and a table as one line per row', () => {
    const html =
      '<p>KẾ HOẠCH</p><table><tr><td><p>TT</p></td><td><p>Nội dung</p></td></tr><tr><td><p>1</p></td><td><p>Rà soát &amp; lập</p><p>danh sách</p></td></tr></table><p>Nơi nhận:</p>'
    expect(docxHtmlToText(html)).toBe('KẾ HOẠCH\n\n| TT | Nội dung |\n| 1 | Rà soát & lập danh sách |\n\nNơi nhận:\n\n')
  })
})
