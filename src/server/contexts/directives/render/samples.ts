import type { DirectiveForRender, SynthesisLine, SynthesisReport, TaskStatus } from '../../../../domain/documents/render-types.ts'
import { DETAIL_ASSIGNMENTS_LIMIT, MOST_LATE_DIRECTIVES, OVERDUE_ROWS_LIMIT } from './synthesisContent.ts'

/** Sample inputs for the renderers' tests and for previewing the layouts by hand. */

export const PARTY_LETTER: DirectiveForRender = {
  system: 'party',
  issuerParent: 'ĐẢNG BỘ TỈNH AN GIANG',
  issuer: 'TỈNH ỦY',
  type: 'CV',
  symbol: '12-CV/TU',
  place: 'An Giang',
  date: '2026-01-05',
  urgency: 'HỎA TỐC',
  secrecy: null,
  summary: 'tăng cường công tác phòng, chống dịch sốt xuất huyết và bệnh tay chân miệng',
  addressees: [
    'Các đảng ủy xã, phường, đặc khu',
    'Các ban cán sự đảng, đảng đoàn',
    '- Các sở, ban, ngành, đoàn thể tỉnh,',
    'Đảng ủy Công an tỉnh, Đảng ủy Quân sự tỉnh',
  ],
  body: [
    'Thời gian qua, tình hình dịch sốt xuất huyết và bệnh tay chân miệng trên địa bàn tỉnh diễn biến phức tạp, số ca mắc tăng cao tại đặc khu Phú Quốc và các phường Rạch Giá, Long Xuyên. Để chủ động kiểm soát dịch, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng tập trung lãnh đạo, chỉ đạo thực hiện tốt một số nội dung sau:',
    '1. Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo Ủy ban nhân dân tỉnh chỉ đạo Sở Y tế chủ trì, phối hợp với Ủy ban nhân dân các xã, phường, đặc khu tổ chức chiến dịch diệt lăng quăng, bọ gậy trên toàn tỉnh, hoàn thành trước ngày 31/01/2026.',
    '2. Đảng ủy Công an tỉnh chỉ đạo lực lượng công an cơ sở phối hợp với trạm y tế xã, phường rà soát các hộ gia đình có ca bệnh, giám sát việc xử lý ổ dịch theo quy định.',
    '3. Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch, Báo và Phát thanh, Truyền hình An Giang đẩy mạnh tuyên truyền các biện pháp phòng bệnh; kịp thời phản bác thông tin sai sự thật.',
    '4. Các đảng ủy xã, phường, đặc khu định kỳ hằng tuần báo cáo kết quả thực hiện về Ban Thường vụ Tỉnh ủy (qua Văn phòng Tỉnh ủy).',
  ],
  recipients: ['Lưu Văn phòng Tỉnh ủy', 'Như trên', 'Thường trực Tỉnh ủy (b/c)'],
  signing: { authority: 'TM', actingFor: 'BAN THƯỜNG VỤ', position: 'PHÓ BÍ THƯ', signer: 'Trần Quốc Hưng' },
}

export const STATE_DISPATCH: DirectiveForRender = {
  system: 'state',
  issuerParent: null,
  issuer: 'ỦY BAN NHÂN DÂN\nTỈNH AN GIANG',
  type: 'CĐ',
  symbol: '15/CĐ-UBND',
  place: 'An Giang',
  date: '2026-03-09',
  urgency: 'THƯỢNG KHẨN',
  secrecy: null,
  summary: 'Về việc khẩn trương khoanh vùng, dập dịch cúm A/H5N1 tại đặc khu Phú Quốc',
  addressees: ['Sở Y tế', 'Sở Nông nghiệp và Môi trường', 'Công an tỉnh', 'Ủy ban nhân dân đặc khu Phú Quốc'],
  body: [
    'Ngày 08/3/2026, Trung tâm Kiểm soát bệnh tật tỉnh ghi nhận 02 ca dương tính với vi rút cúm A/H5N1 tại đặc khu Phú Quốc. Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:',
    '1. Sở Y tế chủ trì, phối hợp với Ủy ban nhân dân đặc khu Phú Quốc điều tra dịch tễ, cách ly, điều trị người bệnh; báo cáo kết quả trước 17 giờ 00 ngày 10/3/2026.',
    '2. Sở Nông nghiệp và Môi trường tiêu hủy gia cầm trong vùng dịch, tổ chức tiêu độc khử trùng.',
    '3. Công an tỉnh phối hợp kiểm soát việc vận chuyển gia cầm ra, vào vùng dịch./.',
  ],
  recipients: ['Như trên', 'Bộ Y tế (b/c)', 'TT. Tỉnh ủy, TT. HĐND tỉnh (b/c)', 'CT, các PCT UBND tỉnh', 'Lưu: VT, KGVX'],
  signing: { authority: 'KT', actingFor: 'CHỦ TỊCH', position: 'PHÓ CHỦ TỊCH', signer: 'Lê Thị Thu Hà' },
}

export const STATE_LETTER: DirectiveForRender = {
  system: 'state',
  issuerParent: 'UBND TỈNH AN GIANG',
  issuer: 'BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH BỆNH',
  type: 'CV',
  symbol: '125/BCĐ-YT',
  place: 'An Giang',
  date: '2026-10-21',
  urgency: null,
  secrecy: 'MẬT',
  summary: 'V/v báo cáo tình hình dịch bệnh tuần 42',
  addressees: ['Ủy ban nhân dân các xã, phường, đặc khu'],
  body: ['Ban Chỉ đạo đề nghị Ủy ban nhân dân các xã, phường, đặc khu báo cáo tình hình dịch bệnh tuần 42 trước ngày 24/10/2026./.'],
  recipients: ['Như trên', 'Lưu: VT'],
  signing: { authority: 'TM', actingFor: 'BAN CHỈ ĐẠO', position: 'TRƯỞNG BAN', signer: 'Phạm Văn Đức' },
}

type Assignment = SynthesisReport['directives'][number]['tasks'][number]['assignments'][number]
type Task = SynthesisReport['directives'][number]['tasks'][number]
type Directive = SynthesisReport['directives'][number]

const BODIES: { org: string; head: string; position: string }[] = [
  { org: 'Sở Y tế', head: 'Nguyễn Văn Khánh', position: 'Giám đốc' },
  { org: 'Công an tỉnh', head: 'Đỗ Minh Tuấn', position: 'Giám đốc' },
  { org: 'Bộ Chỉ huy Quân sự tỉnh', head: 'Võ Hoàng Nam', position: 'Chỉ huy trưởng' },
  { org: 'Sở Giáo dục và Đào tạo', head: 'Lâm Thị Ngọc Ánh', position: 'Giám đốc' },
  { org: 'Sở Văn hóa, Thể thao và Du lịch', head: 'Huỳnh Quốc Bảo', position: 'Giám đốc' },
  { org: 'Ủy ban nhân dân đặc khu Phú Quốc', head: 'Trương Thị Mỹ Lệ', position: 'Chủ tịch' },
  { org: 'Ủy ban nhân dân phường Rạch Giá', head: 'Danh Sơn', position: 'Chủ tịch' },
  { org: 'Ủy ban nhân dân phường Long Xuyên', head: 'Châu Văn Lộc', position: 'Chủ tịch' },
]

const STATUSES: TaskStatus[] = ['done', 'on_time', 'late', 'not_started', 'done', 'on_time', 'late']

const REPORT_TEXT =
  'Đã tổ chức ra quân diệt lăng quăng, bọ gậy tại các khu dân cư; phun hóa chất xử lý ổ dịch tại các điểm nóng; tuyên truyền trực tiếp đến từng hộ gia đình về các biện pháp phòng bệnh; khó khăn: thiếu hóa chất và nhân lực tại các trạm y tế, đề nghị tỉnh hỗ trợ bổ sung kinh phí.'

function assignment(task: number, slot: number, role: Assignment['role']): Assignment {
  const body = BODIES[(task * 3 + slot) % BODIES.length]!
  const status = STATUSES[(task + slot) % STATUSES.length]!
  const reported = status !== 'not_started'
  return {
    org: body.org,
    role,
    status,
    head: body.head,
    headPosition: body.position,
    percent: status === 'done' ? 100 : reported ? 20 + ((task * 17 + slot * 11) % 70) : 0,
    lastReport: reported ? REPORT_TEXT : null,
    lastReportDate: reported ? `2026-01-${String(10 + ((task + slot) % 15)).padStart(2, '0')}` : null,
  }
}

function task(n: number, deadline: string | null): Task {
  const assignments = [assignment(n, 0, 'lead'), assignment(n, 1, 'coordinating'), assignment(n, 2, 'coordinating')]
  return {
    ref: String((n % 6) + 1),
    text: `Tổ chức triển khai đồng bộ các biện pháp phòng, chống dịch sốt xuất huyết và bệnh tay chân miệng (nhiệm vụ ${n + 1}): giám sát chặt chẽ ca bệnh tại cộng đồng, xử lý triệt để ổ dịch, bảo đảm thuốc, vật tư, hóa chất; báo cáo kết quả định kỳ hằng tuần.`,
    lead: [assignments[0]!.org],
    coordinating: assignments.slice(1).map((a) => a.org),
    deadline,
    assignments,
  }
}

function directives(count: number, tasksEach: number): Directive[] {
  const symbols = ['12-CV/TU', '15/CĐ-UBND', '08-CT/TU', '42/KH-BCĐ', '1699/CĐ-TTg']
  return Array.from({ length: count }, (_, i) => ({
    symbol: symbols[i % symbols.length]!,
    date: i === 4 ? null : `2026-01-0${(i % 9) + 1}`,
    summary: 'V/v tăng cường công tác phòng, chống dịch sốt xuất huyết và bệnh tay chân miệng',
    tasks: Array.from({ length: tasksEach }, (_, t) => task(i * tasksEach + t, t % 3 === 2 ? null : `2026-01-${String(15 + t).padStart(2, '0')}`)),
  }))
}

const REPORT_DATE = '2026-02-02'

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)
}

function emptyCounts(): Record<TaskStatus, number> {
  return { done: 0, on_time: 0, late: 0, not_started: 0 }
}

/** Totals, per-body counts and overdue list derived from the tasks, as the real query would. */
function summarise(ds: Directive[]): Pick<SynthesisReport, 'totals' | 'byOrg' | 'overdue' | 'overdueTotal' | 'directives' | 'large'> {
  const totals = { ...emptyCounts(), directives: ds.length, assignments: 0 }
  const byOrg = new Map<string, Record<TaskStatus, number>>()
  const overdue: SynthesisReport['overdue'] = []
  for (const d of ds) {
    for (const t of d.tasks) {
      for (const a of t.assignments) {
        totals[a.status]++
        totals.assignments++
        const counts = byOrg.get(a.org) ?? emptyCounts()
        counts[a.status]++
        byOrg.set(a.org, counts)
        if (a.status === 'late' && t.deadline) {
          overdue.push({ symbol: d.symbol, taskRef: t.ref, taskText: t.text, org: a.org, head: a.head, headPosition: a.headPosition, dueDate: t.deadline, daysLate: daysBetween(t.deadline, REPORT_DATE) })
        }
      }
    }
  }
  overdue.sort((a, b) => b.daysLate - a.daysLate)
  const base = { totals, byOrg: [...byOrg].map(([org, counts]) => ({ org, ...counts })), overdue: overdue.slice(0, OVERDUE_ROWS_LIMIT), overdueTotal: overdue.length }
  if (totals.assignments <= DETAIL_ASSIGNMENTS_LIMIT) return { ...base, directives: ds, large: null }
  // A large period, as the server sends it: counts by month and the directives with the most late work.
  const byMonth = new Map<string, Record<TaskStatus, number>>()
  const lines = ds.map((d) => {
    const counts = emptyCounts()
    const month = `${(d.date ?? REPORT_DATE).slice(0, 7)}-01`
    const monthCounts = byMonth.get(month) ?? emptyCounts()
    for (const a of d.tasks.flatMap((t) => t.assignments)) {
      counts[a.status]++
      monthCounts[a.status]++
    }
    byMonth.set(month, monthCounts)
    return { symbol: d.symbol, date: d.date, summary: d.summary, tasks: d.tasks.length, assignments: d.tasks.reduce((n, t) => n + t.assignments.length, 0), ...counts }
  })
  return {
    ...base,
    directives: [],
    large: { byMonth: [...byMonth].sort().map(([month, counts]) => ({ month, ...counts })), mostLate: lines.sort((a, b) => b.late - a.late).slice(0, MOST_LATE_DIRECTIVES) },
  }
}

/** Every task × body of a detailed report, as the Excel table receives them. */
export function linesOfReport(r: SynthesisReport): SynthesisLine[] {
  return r.directives.flatMap((d) =>
    d.tasks.flatMap((t) => t.assignments.map((a) => ({ symbol: d.symbol, date: d.date, summary: d.summary, ref: t.ref, task: t.text, deadline: t.deadline, ...a }))),
  )
}

export function synthesisSample(directiveCount = 2, tasksEach = 3): SynthesisReport {
  const ds = directives(directiveCount, tasksEach)
  return {
    issuer: 'VĂN PHÒNG TỈNH ỦY',
    issuerParent: 'ĐẢNG BỘ TỈNH AN GIANG',
    place: 'An Giang',
    date: REPORT_DATE,
    period: { from: '2026-01-01', to: '2026-01-31' },
    title: 'Tình hình thực hiện các văn bản chỉ đạo về phòng, chống dịch sốt xuất huyết và bệnh tay chân miệng tháng 01/2026',
    ...summarise(ds),
    signing: { authority: 'KT', actingFor: 'CHÁNH VĂN PHÒNG', position: 'PHÓ CHÁNH VĂN PHÒNG', signer: 'Nguyễn Thị Kim Loan' },
  }
}
