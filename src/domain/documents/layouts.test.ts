import { describe, expect, it } from 'vitest'
import { parseCellDeadline, parseDeadline } from './dates.ts'
import { parseDirective } from './parse.ts'

const task = (text: string, ref: string) => parseDirective(text).tasks.find((t) => t.ref === ref)
const leads = (text: string, ref: string) => task(text, ref)?.lead.map((r) => r.text)

describe('task tables', () => {
  const table = [
    'II. NHIỆM VỤ CỤ THỂ',
    '| TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |',
    '|---|---|---|---|---|',
    '| 1 | Rà soát người chưa tiêm | Sở Y tế | Công an tỉnh | Trong tháng 10/2021 |',
    '| 2 | Tuyên truyền tiêm chủng | Ban Tuyên giáo Tỉnh ủy | Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh | Thường xuyên |',
    '| 3 | Tổng kết chiến dịch | Văn phòng Tỉnh ủy | | Quý IV/2021 |',
  ].join('\n')

  it('reads each row as a task with its columns, numbered under its section', () => {
    const p = parseDirective(`I. MỤC ĐÍCH\nBảo đảm tiêm đủ.\n${table}`)
    const rows = p.tasks.filter((t) => t.ref.startsWith('II.'))
    expect(rows.map((t) => [t.ref, t.text, t.lead.map((r) => r.text), t.coordinating.map((r) => r.text), t.deadline, t.cadence.kind])).toEqual([
      ['II.1', 'Rà soát người chưa tiêm', ['Sở Y tế'], ['Công an tỉnh'], '2021-10-31', 'once'],
      ['II.2', 'Tuyên truyền tiêm chủng', ['Ban Tuyên giáo Tỉnh ủy'], ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'], null, 'regular'],
      ['II.3', 'Tổng kết chiến dịch', ['Văn phòng Tỉnh ủy'], [], '2021-12-31', 'once'],
    ])
    expect(p.tasks.find((t) => t.ref === 'I')?.heading).toBe(true)
  })

  it('reads tab-separated rows pasted from Word the same way', () => {
    const text = ['STT\tNội dung\tChủ trì\tPhối hợp\tThời hạn', '1\tPhun hóa chất\tTrung tâm Y tế huyện\tỦy ban nhân dân các xã\tTrước 30/9/2020'].join('\n')
    const t = task(text, '1')
    expect([t?.lead.map((r) => r.text), t?.deadline]).toEqual([['Trung tâm Y tế huyện'], '2020-09-30'])
  })

  it('reads a table cell broken over two text lines as one row', () => {
    const text = ['| TT | Nội dung | Chủ trì | Thời gian |', '| 1 | Giám sát ca bệnh | Sở Y tế | Tháng 5/2024 |', '| | tại các trường học | | |'].join('\n')
    expect(task(text, '1')?.text).toBe('Giám sát ca bệnh tại các trường học')
  })

  it('reads the time column', () => {
    expect(['Trong tháng 10/2021', 'Quý IV/2021', 'Năm 2022', '30/11/2021', 'Thường xuyên'].map((c) => parseCellDeadline(c, 2021))).toEqual(['2021-10-31', '2021-12-31', '2022-12-31', '2021-11-30', null])
  })
})

describe('assignments inside an item', () => {
  it('finds the lead in parentheses at the end of the item', () => {
    const text = '1. Tăng cường tuyên truyền phòng bệnh (Giao Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Sở Y tế thực hiện).\n2. Khác.'
    const t = task(text, '1')
    expect([t?.lead.map((r) => r.text), t?.coordinating.map((r) => r.text)]).toEqual([['Ban Tuyên giáo Tỉnh ủy'], ['Sở Y tế']])
  })

  it('finds the lead after a colon', () => {
    expect(leads('1. Về kinh phí: Giao Sở Tài chính thẩm định, trình trước ngày 15/7/2022.\n2. Khác.', '1')).toEqual(['Sở Tài chính'])
  })

  it('does not take people for a body', () => {
    expect(leads('1. Áp dụng giãn cách; yêu cầu mọi người dân ở tại nhà.\n2. Khác.', '1')).toEqual([])
  })

  it('ends a name at the first word that cannot belong to it', () => {
    expect(leads('1. Giao Phòng Nghiệp vụ Y làm đầu mối tổng hợp.\n2. Khác.', '1')).toEqual(['Phòng Nghiệp vụ Y'])
    expect(leads('1. Đồn Biên phòng Giang Thành chủ trì tuần tra.\n2. Khác.', '1')).toEqual(['Đồn Biên phòng Giang Thành'])
  })

  it('reads OCR forms of the assigning words', () => {
    const t = task('1. Sở Y tế chú trì, phôi hợp vói Công an tỉnh kiểm tra.\n2. Khác.', '1')
    expect([t?.lead.map((r) => r.text), t?.coordinating.map((r) => r.text)]).toEqual([['Sở Y tế'], ['Công an tỉnh']])
  })

  it('gives the bodies a heading lists to its sub-items', () => {
    const text = ['1. Bệnh viện Đa khoa Trung tâm An Giang, Bệnh viện Sản - Nhi An Giang, Trung tâm Y tế huyện:', 'a) Bố trí giường bệnh.', '2. Khác.'].join('\n')
    expect(leads(text, '1.a')).toEqual(['Bệnh viện Đa khoa Trung tâm An Giang', 'Bệnh viện Sản - Nhi An Giang', 'Trung tâm Y tế huyện'])
    expect(task(text, '1')?.heading).toBe(true)
  })
})

describe('bullets and headings', () => {
  it('makes each assigning bullet under a numbered heading a task of its own', () => {
    const text = ['1. Về tiêm chủng:', '- Giao Sở Y tế phân bổ vắc xin, hoàn thành trước ngày 31/7/2022.', '- Giao Công an tỉnh bảo đảm an ninh tại điểm tiêm.', '2. Về truyền thông.'].join('\n')
    const p = parseDirective(text)
    expect(p.tasks.map((t) => [t.ref, t.lead.map((r) => r.text), t.deadline, t.heading === true])).toEqual([
      ['1', [], null, true],
      ['1.1', ['Sở Y tế'], '2022-07-31', false],
      ['1.2', ['Công an tỉnh'], null, false],
      ['2', [], null, false],
    ])
  })

  it('numbers the bullets of an unnumbered body 1, 2 …', () => {
    expect(parseDirective('- Sở Y tế chủ trì tiêm chủng.\n- Công an tỉnh phối hợp.').tasks.map((t) => t.ref)).toEqual(['1', '2'])
  })

  it('marks an enacting article as assigning nothing', () => {
    const p = parseDirective('Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng bệnh.\nĐiều 2. Sở Y tế chủ trì thực hiện Kế hoạch.')
    expect(p.tasks.map((t) => [t.ref, t.heading === true])).toEqual([
      ['Điều 1', true],
      ['Điều 2', false],
    ])
  })

  it('reads "đến ngày" as a deadline, but not the end of a period', () => {
    expect(parseDeadline('lập phương án đến ngày 20/7/2021')).toBe('2021-07-20')
    expect(parseDeadline('từ ngày 19/7/2021 đến ngày 02/8/2021')).toBeNull()
  })
})

describe('confidence', () => {
  it('rates every task part and header field, lower where the reading is doubtful', () => {
    const p = parseDirective(['Số: 12/CĐ-UBND', '1. Sở Y tế chủ trì, báo cáo trước ngày 20/7/2021.', '2. Chủ trì tổ chức kiểm tra vào ngày 5 hằng tháng.'].join('\n'))
    const [first, second] = p.tasks
    expect(first?.confidence?.deadline).toBeGreaterThan(0.8)
    expect(second?.confidence?.lead).toBeLessThan(0.6)
    expect(p.fieldConfidence?.symbol).toBeGreaterThan(0.8)
    expect(p.fieldConfidence?.date).toBeLessThan(0.6)
  })
})
