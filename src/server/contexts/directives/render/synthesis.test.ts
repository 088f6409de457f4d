import { extractText, getDocumentProxy } from 'unpdf'
import { describe, expect, it } from 'vitest'
import { TASK_STATUS_LABELS, type SynthesisReport } from '../../../../domain/documents/render-types.ts'
import { synthesisSample } from './samples.ts'
import { renderSynthesisDocx, renderSynthesisPdf } from './synthesis.ts'
import { docxPart, docxText, paragraphsWith, textLines } from './testing.ts'

const SMALL = synthesisSample(2, 3)
const LONG = synthesisSample(4, 6)

const EMPTY: SynthesisReport = {
  ...SMALL,
  directives: [],
  overdue: [],
  overdueTotal: 0,
  byOrg: [],
  totals: { done: 0, on_time: 0, late: 0, not_started: 0, directives: 0, assignments: 0 },
}

async function pdfPages(buffer: Buffer): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(buffer))
  return (await extractText(doc, { mergePages: false })).text
}

/** The page texts flattened to single spaces, since PDF text comes back in wrapped line pieces. */
const flat = (s: string) => s.replace(/\s+/g, ' ')

describe('renderSynthesisDocx', () => {
  it('opens with the Party header, the report type, its title and the period', async () => {
    const lines = textLines(await docxText(await renderSynthesisDocx(SMALL)))
    for (const l of ['ĐẢNG BỘ TỈNH AN GIANG', 'VĂN PHÒNG TỈNH ỦY', '*', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'An Giang, ngày 02 tháng 02 năm 2026', 'BÁO CÁO', SMALL.title]) {
      expect(lines).toContain(l)
    }
    expect(lines.join('\n')).toContain('từ ngày 01/01/2026 đến ngày 31/01/2026')
  })

  it('states the totals in words and in the summary table', async () => {
    const text = await docxText(await renderSynthesisDocx(SMALL))
    const t = SMALL.totals
    expect(text).toContain(`Trong kỳ, ${t.directives} văn bản chỉ đạo được theo dõi với ${t.assignments} lượt nhiệm vụ`)
    expect(text).toContain(`đã hoàn thành ${t.done} lượt`)
    expect(text).toContain(`trễ hạn ${t.late} lượt`)
    const lines = textLines(text)
    const at = lines.indexOf('Tổng số nhiệm vụ')
    expect(lines.slice(at, at + 5)).toEqual(['Tổng số nhiệm vụ', 'Đã hoàn thành', 'Đúng hạn', 'Trễ hạn', 'Chưa triển khai'])
    expect(lines.slice(at + 5, at + 11)).toEqual(['Số lượt', String(t.assignments), String(t.done), String(t.on_time), String(t.late), String(t.not_started)])
  })

  it('reports each directive with every task, body, Vietnamese status and progress', async () => {
    const text = await docxText(await renderSynthesisDocx(SMALL))
    const lines = textLines(text)
    for (const h of ['I. KẾT QUẢ CHUNG', 'II. TÌNH HÌNH THỰC HIỆN THEO TỪNG VĂN BẢN', 'III. NHIỆM VỤ TRỄ HẠN VÀ TRÁCH NHIỆM NGƯỜI ĐỨNG ĐẦU', 'IV. KẾT QUẢ THỰC HIỆN THEO CƠ QUAN, ĐƠN VỊ']) {
      expect(lines).toContain(h)
    }
    expect(text).toContain('1. Công văn số 12-CV/TU ngày 01/01/2026 về tăng cường công tác phòng, chống dịch')
    expect(text).toContain('2. Công điện số 15/CĐ-UBND ngày 02/01/2026')
    for (const d of SMALL.directives) {
      for (const t of d.tasks) {
        expect(text).toContain(t.text.slice(0, 60))
        for (const a of t.assignments) {
          expect(lines).toContain(a.org)
          expect(lines).toContain(TASK_STATUS_LABELS[a.status].vi)
          if (a.percent !== null) expect(lines).toContain(String(a.percent))
        }
      }
    }
    expect(text).toContain('Hạn: 15/01/2026')
    expect(text).toContain('10/01/2026: Đã tổ chức ra quân diệt lăng quăng')
  })

  it('writes each summary in lower case after "về", keeping acronyms and names of bodies', async () => {
    const [first, second] = SMALL.directives
    const report: SynthesisReport = {
      ...SMALL,
      title: 'Tình hình thực hiện các văn bản chỉ đạo tháng 01/2026',
      directives: [
        { ...first!, summary: 'Tăng cường công tác phòng, chống dịch sốt xuất huyết' },
        { ...second!, summary: 'UBND các xã, phường triển khai chiến dịch diệt lăng quăng' },
      ],
    }
    const text = await docxText(await renderSynthesisDocx(report))
    expect(text).toContain('1. Công văn số 12-CV/TU ngày 01/01/2026 về tăng cường công tác phòng, chống dịch sốt xuất huyết')
    expect(text).toContain('2. Công điện số 15/CĐ-UBND ngày 02/01/2026 về UBND các xã, phường triển khai chiến dịch diệt lăng quăng')
    expect(text).toContain('Trên đây là báo cáo tình hình thực hiện các văn bản chỉ đạo tháng 01/2026./.')
  })

  it('names the accountable head of every overdue task and how many days late', async () => {
    const lines = textLines(await docxText(await renderSynthesisDocx(SMALL)))
    expect(SMALL.overdue.length).toBeGreaterThan(0)
    for (const o of SMALL.overdue) {
      expect(lines).toContain(o.head!)
      expect(lines).toContain(o.headPosition!)
      expect(lines).toContain(String(o.daysLate))
    }
    const section = lines.slice(lines.indexOf('III. NHIỆM VỤ TRỄ HẠN VÀ TRÁCH NHIỆM NGƯỜI ĐỨNG ĐẦU'), lines.indexOf('IV. KẾT QUẢ THỰC HIỆN THEO CƠ QUAN, ĐƠN VỊ'))
    expect(section).toContain('Số ngày trễ')
  })

  it('counts by body and closes with the signing block', async () => {
    const text = await docxText(await renderSynthesisDocx(SMALL))
    for (const o of SMALL.byOrg) expect(text).toContain(o.org)
    expect(text).toMatch(/Trên đây là báo cáo tình hình thực hiện.*\.\/\./)
    const lines = textLines(text)
    const end = lines.slice(-3)
    expect(end).toEqual(['K/T CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'Nguyễn Thị Kim Loan'])
  })

  it('keeps A4 and Times New Roman, bordered data tables, and task rows tied to their bodies', async () => {
    const xml = await docxPart(await renderSynthesisDocx(SMALL))
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    expect(xml).toContain('w:ascii="Times New Roman"')
    // Header, totals, two directives, overdue, by body, signature.
    expect(xml.match(/<w:tbl>/g)?.length).toBe(7)
    expect(xml).toContain('<w:tblHeader/>')
    const groupRow = xml.match(/<w:tr>(?:(?!<\/w:tr>).)*nhiệm vụ 1\)(?:(?!<\/w:tr>).)*<\/w:tr>/s)?.[0] ?? ''
    expect(groupRow).toContain('<w:cantSplit/>')
    expect(groupRow).toContain('<w:keepNext/>')
    expect(paragraphsWith(xml, 'II. TÌNH HÌNH THỰC HIỆN')[0]).toContain('<w:keepNext/>')
  })

  it('renders an empty period with plain sentences instead of empty tables', async () => {
    const text = await docxText(await renderSynthesisDocx(EMPTY))
    expect(text).toContain('Trong kỳ không có văn bản chỉ đạo được theo dõi.')
    expect(text).toContain('Trong kỳ không có nhiệm vụ trễ hạn.')
    expect(text).toContain('Chưa có cơ quan, đơn vị được giao nhiệm vụ.')
  })
})

describe('renderSynthesisPdf', () => {
  it('is an A4 PDF embedding the Tinos faces', async () => {
    const pdf = await renderSynthesisPdf(SMALL)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const raw = pdf.toString('latin1')
    expect(raw).toContain('Tinos')
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Regular/)
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Bold/)
    expect(raw).toContain('/FontFile2')
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/)
  })

  it('carries the same content, with Vietnamese text that reads back', async () => {
    const pages = await pdfPages(await renderSynthesisPdf(SMALL))
    const all = flat(pages.join(' '))
    for (const s of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'VĂN PHÒNG TỈNH ỦY', 'An Giang, ngày 02 tháng 02 năm 2026', 'BÁO CÁO', 'I. KẾT QUẢ CHUNG', 'Tổng số nhiệm vụ', 'Chưa triển khai', 'Đang thực hiện, đúng hạn', 'K/T CHÁNH VĂN PHÒNG', 'Nguyễn Thị Kim Loan']) {
      expect(all).toContain(s)
    }
    for (const o of SMALL.overdue) expect(all).toContain(o.head!)
    for (const o of SMALL.byOrg) expect(all).toContain(o.org)
  })

  it('runs a long report over several numbered pages without leaving a task without its bodies', async () => {
    const pages = await pdfPages(await renderSynthesisPdf(LONG))
    expect(pages.length).toBeGreaterThan(1)
    let inSectionII = false
    let taskPages = 0
    pages.forEach((page, i) => {
      const text = flat(page)
      expect(text).toContain(`Trang ${i + 1}/${pages.length}`)
      if (text.includes('II. TÌNH HÌNH THỰC HIỆN THEO TỪNG VĂN BẢN')) inSectionII = true
      if (!inSectionII) return
      const end = text.indexOf('III. NHIỆM VỤ TRỄ HẠN')
      const part = end >= 0 ? text.slice(0, end) : text
      if (end >= 0) inSectionII = false
      // Each task's lead body (the first row under it) shares the page with the task's heading row.
      const lastTask = part.lastIndexOf('(nhiệm vụ ')
      if (lastTask < 0) return
      expect(part.slice(lastTask)).toContain('Chủ trì')
      // The table header is repeated on every page a task table runs onto.
      expect(part).toContain('Cơ quan thực hiện')
      taskPages++
    })
    expect(taskPages).toBeGreaterThan(2)
  })

  it('cuts a row taller than a page instead of splitting it', async () => {
    const huge = 'Ủy ban nhân dân phường Rạch Giá '.repeat(200)
    const d = SMALL.directives[0]!
    const t = d.tasks[0]!
    const r: SynthesisReport = { ...SMALL, directives: [{ ...d, tasks: [{ ...t, assignments: [{ ...t.assignments[0]!, org: huge }] }] }] }
    const pages = await pdfPages(await renderSynthesisPdf(r))
    expect(pages.length).toBeLessThan(6)
    const withRow = pages.map(flat).filter((p) => p.includes('Rạch Giá Ủy ban nhân dân'))
    expect(withRow.length).toBe(1)
    expect(withRow[0]).toContain('…')
    expect(withRow[0]).toContain('(nhiệm vụ 1)')
  })

  it('renders an empty period', async () => {
    const pdf = await renderSynthesisPdf(EMPTY)
    const all = flat((await pdfPages(pdf)).join(' '))
    expect(all).toContain('Trong kỳ không có nhiệm vụ trễ hạn.')
  })
})
