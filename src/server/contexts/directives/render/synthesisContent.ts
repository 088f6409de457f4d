import type { SynthesisReport, TaskStatus } from '../../../../domain/documents/render-types.ts'
import { DOCUMENT_TYPES, type DocumentSystem, type DocumentType } from '../../../../domain/documents/types.ts'
import { excerpt, midSentence, percentText, placeDateLine, ROLE_LABELS, shortDate, signingLines, statusLabel, vnLongDate } from './format.ts'

/**
 * The synthesis report as layout-neutral blocks, so the Word and PDF versions say exactly the same
 * thing and differ only in how they draw it.
 */

export type CellAlign = 'left' | 'center' | 'right'
export interface Column {
  title: string
  /** Share of the text width, in percent; a table's shares add up to 100. */
  share: number
  align: CellAlign
}
/** A group row names a task across the table; its assignment rows follow and must stay with it. */
export type Row = { kind: 'data'; cells: string[] } | { kind: 'group'; ref: string; text: string }
export interface TableBlock {
  kind: 'table'
  columns: Column[]
  rows: Row[]
}
/**
 * A picture (a chart, a map) as PNG bytes of `width`×`height` pixels, drawn as wide as the text
 * allows (lower when it would take most of a page), its caption ("Biểu đồ 1. …") centred under it.
 */
export interface ImageBlock {
  kind: 'image'
  png: Uint8Array
  width: number
  height: number
  caption: string
  /** What the picture shows, for readers who cannot see it. */
  alt: string
}
export type Block = { kind: 'heading'; text: string } | { kind: 'subheading'; text: string } | { kind: 'paragraph'; text: string } | TableBlock | ImageBlock

export interface SynthesisContent {
  /** The layout: Party (the default) or state (Decree 30/2020/NĐ-CP). */
  system?: DocumentSystem
  issuerParent: string | null
  issuer: string
  numberLine: string
  placeDate: string
  typeName: string
  title: string
  blocks: Block[]
  authorityLines: string[]
  signer: string
}

const STATUS_ORDER: TaskStatus[] = ['done', 'on_time', 'late', 'not_started']
/** Column titles of the count tables; "Đúng hạn" is shorter than the status label it stands for. */
const COUNT_TITLES: Record<TaskStatus, string> = { done: 'Đã hoàn thành', on_time: 'Đúng hạn', late: 'Trễ hạn', not_started: 'Chưa triển khai' }

/** The report has no number yet: the clerk assigns it when registering, so it is left blank. */
const BLANK_NUMBER = 'Số \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0-BC'

const ROMAN = ['I', 'II', 'III', 'IV']

const NUMBER = new Intl.NumberFormat('vi-VN')

function count(n: number): string {
  return NUMBER.format(n)
}

function opening(r: SynthesisReport): Block {
  const from = shortDate(r.period.from)
  const to = shortDate(r.period.to)
  return {
    kind: 'paragraph',
    text: `Thực hiện chế độ thông tin, báo cáo về công tác phòng, chống dịch, trên cơ sở báo cáo của các cơ quan, đơn vị được giao nhiệm vụ, tình hình thực hiện các văn bản chỉ đạo từ ngày ${from} đến ngày ${to} được tổng hợp như sau:`,
  }
}

function shareOf(r: SynthesisReport, s: TaskStatus): string {
  return `${count(r.totals[s])} lượt (${percentText(r.totals[s], r.totals.assignments)}%)`
}

function summaryText(r: SynthesisReport): string {
  const t = r.totals
  return (
    `Trong kỳ, ${count(t.directives)} văn bản chỉ đạo được theo dõi với ${count(t.assignments)} lượt nhiệm vụ giao cho các cơ quan, đơn vị. ` +
    `Trong đó: đã hoàn thành ${shareOf(r, 'done')}; đang thực hiện, đúng hạn ${shareOf(r, 'on_time')}; ` +
    `trễ hạn ${shareOf(r, 'late')}; chưa triển khai ${shareOf(r, 'not_started')}.`
  )
}

/** "Tổng số nhiệm vụ" counts assignments, so that the status columns add up to it. */
function totalsTable(r: SynthesisReport): TableBlock {
  const t = r.totals
  const numeric = (title: string): Column => ({ title, share: 16, align: 'center' })
  return {
    kind: 'table',
    columns: [{ title: '', share: 20, align: 'left' }, numeric('Tổng số nhiệm vụ'), ...STATUS_ORDER.map((s) => numeric(COUNT_TITLES[s]))],
    rows: [
      { kind: 'data', cells: ['Số lượt', count(t.assignments), ...STATUS_ORDER.map((s) => count(t[s]))] },
      { kind: 'data', cells: ['Tỷ lệ (%)', t.assignments > 0 ? '100' : '0', ...STATUS_ORDER.map((s) => percentText(t[s], t.assignments))] },
    ],
  }
}

function sectionSummary(r: SynthesisReport): Block[] {
  return [{ kind: 'heading', text: `${ROMAN[0]}. KẾT QUẢ CHUNG` }, { kind: 'paragraph', text: summaryText(r) }, totalsTable(r)]
}

/** The type is read off the symbol ("12-CV/TU", "15/CĐ-UBND") since the report does not carry it. */
export function typeFromSymbol(symbol: string): DocumentType | null {
  const code = /^\s*\d+-([^/\s]+)\//u.exec(symbol)?.[1] ?? /^\s*\d+\/(?:\d{4}\/)?([^-\s]+)-/u.exec(symbol)?.[1]
  return code && code in DOCUMENT_TYPES ? (code as DocumentType) : null
}

function aboutClause(summary: string): string {
  const s = summary.trim().replace(/^v\/v\s+/iu, '')
  return /^về\s/iu.test(s) ? midSentence(s) : `về ${midSentence(s)}`
}

type ReportDirective = SynthesisReport['directives'][number]
type ReportTask = ReportDirective['tasks'][number]

function directiveHeading(d: ReportDirective, n: number): Block {
  const type = typeFromSymbol(d.symbol)
  const name = type ? DOCUMENT_TYPES[type].vi : 'Văn bản'
  const date = d.date ? ` ngày ${shortDate(d.date)}` : ''
  return { kind: 'subheading', text: `${n}. ${name} số ${d.symbol}${date} ${aboutClause(d.summary)}` }
}

function directiveCounts(d: ReportDirective): Block {
  const all = d.tasks.flatMap((t) => t.assignments)
  const n = (s: TaskStatus) => all.filter((a) => a.status === s).length
  return {
    kind: 'paragraph',
    text: `Văn bản có ${count(d.tasks.length)} nhiệm vụ, ${count(all.length)} lượt giao; đã hoàn thành ${count(n('done'))}, đúng hạn ${count(n('on_time'))}, trễ hạn ${count(n('late'))}, chưa triển khai ${count(n('not_started'))}.`,
  }
}

const TASK_COLUMNS: Column[] = [
  { title: 'Mục', share: 6, align: 'center' },
  { title: 'Cơ quan thực hiện', share: 22, align: 'left' },
  { title: 'Vai trò', share: 10, align: 'center' },
  { title: 'Trạng thái', share: 14, align: 'center' },
  { title: 'Tiến độ (%)', share: 8, align: 'center' },
  { title: 'Báo cáo gần nhất', share: 40, align: 'left' },
]

function lastReport(a: ReportTask['assignments'][number]): string {
  if (!a.lastReport) return ''
  const date = a.lastReportDate ? `${shortDate(a.lastReportDate)}: ` : ''
  return `${date}${excerpt(a.lastReport, 180)}`
}

function taskRows(t: ReportTask): Row[] {
  const deadline = t.deadline ? ` (Hạn: ${shortDate(t.deadline)})` : ''
  const group: Row = { kind: 'group', ref: t.ref, text: `${excerpt(t.text, 400)}${deadline}` }
  if (t.assignments.length === 0) {
    const named = [...t.lead, ...t.coordinating].join('; ')
    return [group, { kind: 'data', cells: ['', named || 'Chưa xác định cơ quan thực hiện', '', '', '', ''] }]
  }
  const rows: Row[] = t.assignments.map((a) => ({
    kind: 'data',
    cells: ['', a.org, ROLE_LABELS[a.role], statusLabel(a.status), a.percent === null ? '' : String(a.percent), lastReport(a)],
  }))
  return [group, ...rows]
}

function directiveBlocks(d: ReportDirective, n: number): Block[] {
  if (d.tasks.length === 0) return [directiveHeading(d, n), { kind: 'paragraph', text: 'Văn bản chưa có nhiệm vụ được giao.' }]
  return [directiveHeading(d, n), directiveCounts(d), { kind: 'table', columns: TASK_COLUMNS, rows: d.tasks.flatMap(taskRows) }]
}

/**
 * Past this many task assignments in the period, the Word/PDF report gives one line per directive
 * and the full task list is left to the Excel table: a year's thousands of rows would make a
 * document nobody reads, and one too large to render.
 */
export const DETAIL_ASSIGNMENTS_LIMIT = 2_000
/** The longest delays listed by name in the Word/PDF report; the Excel table has them all. */
export const OVERDUE_ROWS_LIMIT = 300
/** Directives named one per line in the report of a large period: those with the most late work. */
export const MOST_LATE_DIRECTIVES = 100

type MostLate = NonNullable<SynthesisReport['large']>['mostLate'][number]

function directiveSummaryRow(d: MostLate, i: number): Row {
  const title = `${d.symbol}${d.date ? ` (${shortDate(d.date)})` : ''}`
  return { kind: 'data', cells: [String(i + 1), title, excerpt(d.summary, 160), count(d.tasks), count(d.assignments), ...STATUS_ORDER.map((s) => count(d[s]))] }
}

const monthTitle = (iso: string) => `Tháng ${iso.slice(5, 7)}/${iso.slice(0, 4)}`

function sectionDirectives(r: SynthesisReport): Block[] {
  const heading: Block = { kind: 'heading', text: `${ROMAN[1]}. TÌNH HÌNH THỰC HIỆN THEO TỪNG VĂN BẢN` }
  if (!r.large) {
    if (r.directives.length === 0) return [heading, { kind: 'paragraph', text: 'Trong kỳ không có văn bản chỉ đạo được theo dõi.' }]
    return [heading, ...r.directives.flatMap((d, i) => directiveBlocks(d, i + 1))]
  }
  const numeric = (title: string): Column => ({ title, share: 8, align: 'center' })
  const wide = (title: string): Column => ({ title, share: 12, align: 'center' })
  const { byMonth, mostLate } = r.large
  return [
    heading,
    {
      kind: 'paragraph',
      text: `Trong kỳ có ${count(r.totals.directives)} văn bản với ${count(r.totals.assignments)} lượt giao nhiệm vụ; chi tiết từng nhiệm vụ và cơ quan thực hiện có trong bảng tính Excel kèm theo. Kết quả theo tháng ban hành văn bản:`,
    },
    {
      kind: 'table',
      columns: [{ title: 'Tháng', share: 28, align: 'left' }, wide('Lượt giao'), ...STATUS_ORDER.map((s) => wide(COUNT_TITLES[s]))],
      rows: byMonth.map((m) => ({
        kind: 'data',
        cells: [monthTitle(m.month), count(STATUS_ORDER.reduce((n, s) => n + m[s], 0)), ...STATUS_ORDER.map((s) => count(m[s]))],
      })),
    },
    {
      kind: 'paragraph',
      text: `Các văn bản có nhiều nhiệm vụ trễ hạn nhất${mostLate.length < r.totals.directives ? ` (${count(mostLate.length)} văn bản)` : ''}:`,
    },
    {
      kind: 'table',
      columns: [
        { title: 'TT', share: 5, align: 'center' },
        { title: 'Văn bản', share: 13, align: 'center' },
        { title: 'Trích yếu', share: 30, align: 'left' },
        numeric('Nhiệm vụ'),
        numeric('Lượt giao'),
        ...STATUS_ORDER.map((s) => numeric(COUNT_TITLES[s])),
      ],
      rows: mostLate.map(directiveSummaryRow),
    },
  ]
}

function headCell(head: string | null, position: string | null): string {
  if (!head) return position ?? 'Chưa xác định'
  return position ? `${head}\n${position}` : head
}

/** Longest delay first: the list is read for who must answer for what. */
function sectionOverdue(r: SynthesisReport): Block[] {
  const heading: Block = { kind: 'heading', text: `${ROMAN[2]}. NHIỆM VỤ TRỄ HẠN VÀ TRÁCH NHIỆM NGƯỜI ĐỨNG ĐẦU` }
  if (r.overdueTotal === 0) return [heading, { kind: 'paragraph', text: 'Trong kỳ không có nhiệm vụ trễ hạn.' }]
  const sorted = [...r.overdue].sort((a, b) => b.daysLate - a.daysLate).slice(0, OVERDUE_ROWS_LIMIT)
  const more = r.overdueTotal > sorted.length ? ` Dưới đây là ${count(sorted.length)} lượt trễ lâu nhất; danh sách đầy đủ có trong bảng tính Excel kèm theo.` : ''
  return [
    heading,
    {
      kind: 'paragraph',
      text: `Có ${count(r.overdueTotal)} lượt nhiệm vụ trễ hạn. Đề nghị người đứng đầu các cơ quan, đơn vị dưới đây khẩn trương chỉ đạo hoàn thành và báo cáo rõ nguyên nhân chậm trễ.${more}`,
    },
    {
      kind: 'table',
      columns: [
        { title: 'TT', share: 5, align: 'center' },
        { title: 'Văn bản', share: 12, align: 'center' },
        { title: 'Nhiệm vụ', share: 30, align: 'left' },
        { title: 'Cơ quan', share: 17, align: 'left' },
        { title: 'Người đứng đầu', share: 16, align: 'left' },
        { title: 'Hạn', share: 13, align: 'center' },
        { title: 'Số ngày trễ', share: 7, align: 'center' },
      ],
      rows: sorted.map((o, i) => ({
        kind: 'data',
        cells: [String(i + 1), o.symbol, `${o.taskRef}. ${excerpt(o.taskText, 140)}`, o.org, headCell(o.head, o.headPosition), shortDate(o.dueDate), count(o.daysLate)],
      })),
    },
  ]
}

function orgRow(o: SynthesisReport['byOrg'][number], i: number): Row {
  const total = STATUS_ORDER.reduce((sum, s) => sum + o[s], 0)
  return { kind: 'data', cells: [String(i + 1), o.org, count(total), ...STATUS_ORDER.map((s) => count(o[s])), percentText(o.done, total)] }
}

function sectionByOrg(r: SynthesisReport): Block[] {
  const heading: Block = { kind: 'heading', text: `${ROMAN[3]}. KẾT QUẢ THỰC HIỆN THEO CƠ QUAN, ĐƠN VỊ` }
  if (r.byOrg.length === 0) return [heading, { kind: 'paragraph', text: 'Chưa có cơ quan, đơn vị được giao nhiệm vụ.' }]
  const numeric = (title: string): Column => ({ title, share: 10, align: 'center' })
  return [
    heading,
    {
      kind: 'table',
      columns: [
        { title: 'TT', share: 6, align: 'center' },
        { title: 'Cơ quan, đơn vị', share: 30, align: 'left' },
        numeric('Tổng số'),
        ...STATUS_ORDER.map((s) => numeric(COUNT_TITLES[s])),
        { title: 'Tỷ lệ hoàn thành (%)', share: 14, align: 'center' },
      ],
      rows: r.byOrg.map(orgRow),
    },
  ]
}

function closing(r: SynthesisReport): Block {
  return { kind: 'paragraph', text: `Trên đây là báo cáo ${midSentence(r.title)}./.` }
}

export function synthesisContent(r: SynthesisReport): SynthesisContent {
  return {
    issuerParent: r.issuerParent,
    issuer: r.issuer,
    numberLine: BLANK_NUMBER,
    placeDate: placeDateLine(r.place, r.date),
    typeName: 'BÁO CÁO',
    title: r.title.trim(),
    blocks: [opening(r), ...sectionSummary(r), ...sectionDirectives(r), ...sectionOverdue(r), ...sectionByOrg(r), closing(r)],
    authorityLines: signingLines('party', r.signing),
    signer: r.signing.signer,
  }
}

/** For the document's metadata. */
export function reportTitle(r: SynthesisReport): string {
  return `Báo cáo ${midSentence(r.title)} (${vnLongDate(r.date)})`
}

/** A picture's share of the page's text height, at most: the caption and some text stay beside it. */
export const IMAGE_MAX_HEIGHT_SHARE = 0.6

/** The size a picture is drawn at: the text width, or less to keep its height within `maxHeight`; its proportions kept. */
export function fitImage(b: Pick<ImageBlock, 'width' | 'height'>, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const scale = Math.min(maxWidth / b.width, maxHeight / b.height)
  return { width: b.width * scale, height: b.height * scale }
}
