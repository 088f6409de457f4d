import ExcelJS from 'exceljs'
import type { SynthesisReport, TaskStatus } from '../../../../domain/documents/render-types.ts'
import { isIsoDate } from '../../../../domain/text/dates.ts'
import { ROLE_LABELS, shortDate, statusLabel } from './format.ts'

type ReportDirective = SynthesisReport['directives'][number]
type ReportTask = ReportDirective['tasks'][number]
type ReportAssignment = ReportTask['assignments'][number]

const DATE_FORMAT = 'dd/mm/yyyy'
const FONT = 'Times New Roman'

/** Fill and text colours per status: the colours offices already use for done, in progress, late, idle. */
export const STATUS_FILLS: Record<TaskStatus, { fill: string; font: string }> = {
  done: { fill: 'FFC6EFCE', font: 'FF006100' },
  on_time: { fill: 'FFDDEBF7', font: 'FF1F4E78' },
  late: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  not_started: { fill: 'FFE7E6E6', font: 'FF3A3838' },
}

interface ColumnSpec {
  header: string
  key: string
  width: number
  date?: boolean
  wrap?: boolean
}

const TASK_COLUMNS: ColumnSpec[] = [
  { header: 'Văn bản', key: 'symbol', width: 16 },
  { header: 'Ngày', key: 'date', width: 12, date: true },
  { header: 'Trích yếu', key: 'summary', width: 40, wrap: true },
  { header: 'Mục', key: 'ref', width: 7 },
  { header: 'Nội dung nhiệm vụ', key: 'task', width: 60, wrap: true },
  { header: 'Cơ quan', key: 'org', width: 30, wrap: true },
  { header: 'Vai trò', key: 'role', width: 10 },
  { header: 'Người đứng đầu', key: 'head', width: 22 },
  { header: 'Chức vụ', key: 'position', width: 16 },
  { header: 'Hạn', key: 'deadline', width: 12, date: true },
  { header: 'Trạng thái', key: 'status', width: 24 },
  { header: 'Tiến độ %', key: 'percent', width: 10 },
  { header: 'Báo cáo gần nhất', key: 'report', width: 60, wrap: true },
  { header: 'Ngày báo cáo', key: 'reportDate', width: 13, date: true },
]

/**
 * Excel stores dates as day counts; a UTC midnight converts to a whole day with no time-zone drift,
 * so the cell shows the calendar date it was given.
 */
function excelDate(iso: string | null): Date | null {
  if (!iso || !isIsoDate(iso)) return null
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d))
}

function boldHeader(row: ExcelJS.Row): void {
  row.font = { name: FONT, bold: true }
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }
    cell.border = { bottom: { style: 'thin' } }
  })
}

function paintStatus(cell: ExcelJS.Cell, status: TaskStatus): void {
  const c = STATUS_FILLS[status]
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.fill } }
  cell.font = { name: FONT, color: { argb: c.font } }
}

function taskRow(d: ReportDirective, t: ReportTask, a: ReportAssignment): Record<string, string | number | Date | null> {
  return {
    symbol: d.symbol,
    date: excelDate(d.date),
    summary: d.summary,
    ref: t.ref,
    task: t.text,
    org: a.org,
    role: ROLE_LABELS[a.role],
    head: a.head,
    position: a.headPosition,
    deadline: excelDate(t.deadline),
    status: statusLabel(a.status),
    percent: a.percent,
    report: a.lastReport,
    reportDate: excelDate(a.lastReportDate),
  }
}

function tasksSheet(wb: ExcelJS.Workbook, r: SynthesisReport): void {
  const ws = wb.addWorksheet('Nhiệm vụ', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  ws.columns = TASK_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: { font: { name: FONT }, alignment: { vertical: 'top', wrapText: c.wrap ?? false }, ...(c.date ? { numFmt: DATE_FORMAT } : {}) },
  }))
  boldHeader(ws.getRow(1))
  const statusColumn = TASK_COLUMNS.findIndex((c) => c.key === 'status') + 1
  for (const d of r.directives) {
    for (const t of d.tasks) {
      for (const a of t.assignments) paintStatus(ws.addRow(taskRow(d, t, a)).getCell(statusColumn), a.status)
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, ws.rowCount), column: TASK_COLUMNS.length } }
}

const STATUS_ORDER: TaskStatus[] = ['done', 'on_time', 'late', 'not_started']

function title(ws: ExcelJS.Worksheet, r: SynthesisReport): void {
  ws.addRow([r.title]).font = { name: FONT, bold: true, size: 14 }
  ws.addRow([`Từ ngày ${shortDate(r.period.from)} đến ngày ${shortDate(r.period.to)}`]).font = { name: FONT, italic: true }
  ws.addRow([])
}

function totalsTable(ws: ExcelJS.Worksheet, r: SynthesisReport): void {
  boldHeader(ws.addRow(['Chỉ tiêu', 'Số lượng', 'Tỷ lệ']))
  const share = (n: number) => (r.totals.assignments > 0 ? n / r.totals.assignments : 0)
  ws.addRow(['Số văn bản chỉ đạo', r.totals.directives, null])
  ws.addRow(['Tổng số nhiệm vụ (lượt giao)', r.totals.assignments, r.totals.assignments > 0 ? 1 : 0]).getCell(3).numFmt = '0.0%'
  for (const s of STATUS_ORDER) {
    const row = ws.addRow([statusLabel(s), r.totals[s], share(r.totals[s])])
    row.getCell(3).numFmt = '0.0%'
    paintStatus(row.getCell(1), s)
  }
  ws.addRow([])
}

function byOrgTable(ws: ExcelJS.Worksheet, r: SynthesisReport): void {
  boldHeader(ws.addRow(['Cơ quan, đơn vị', 'Tổng số', ...STATUS_ORDER.map(statusLabel), 'Tỷ lệ hoàn thành']))
  for (const o of r.byOrg) {
    const total = STATUS_ORDER.reduce((sum, s) => sum + o[s], 0)
    const row = ws.addRow([o.org, total, ...STATUS_ORDER.map((s) => o[s]), total > 0 ? o.done / total : 0])
    row.getCell(STATUS_ORDER.length + 3).numFmt = '0.0%'
  }
}

function summarySheet(wb: ExcelJS.Workbook, r: SynthesisReport): void {
  const ws = wb.addWorksheet('Tổng hợp', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  ws.columns = [{ width: 40 }, { width: 12 }, { width: 16 }, { width: 16 }, { width: 12 }, { width: 16 }, { width: 16 }]
  title(ws, r)
  totalsTable(ws, r)
  byOrgTable(ws, r)
}

/** Every task × assigned body as a filterable Excel sheet, with the totals on a second sheet. */
export async function renderTasksXlsx(r: SynthesisReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = r.issuer
  wb.created = excelDate(r.date) ?? new Date()
  tasksSheet(wb, r)
  summarySheet(wb, r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
