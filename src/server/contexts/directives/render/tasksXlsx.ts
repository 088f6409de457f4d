import { once } from 'node:events'
import { PassThrough, type Writable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import ExcelJS from 'exceljs'
import type { SynthesisLine, SynthesisReport, TaskStatus } from '../../../../domain/documents/render-types.ts'
import { isIsoDate } from '../../../../domain/text/dates.ts'
import { ROLE_LABELS, shortDate, statusLabel } from './format.ts'

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
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))))
}

/** Days from Excel's day zero (30/12/1899) of 1/1/1970. */
const EXCEL_EPOCH_DAYS = 25_569

/**
 * The same day as Excel's day count, for the task table's date columns (formatted dd/mm/yyyy): the
 * number Excel stores, given directly, saves the writer a conversion per cell.
 */
function excelDay(iso: string | null): number | null {
  if (!iso || !isIsoDate(iso)) return null
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + EXCEL_EPOCH_DAYS
}

type AnyWorksheet = ExcelJS.Worksheet

// Every cell of the task sheet takes one of these style objects as it is. The writer recognises a
// style object it has seen and reuses its entry instead of describing the style again, which makes
// a sheet of half a million styled rows several times faster to write than per-cell formats.
const COLUMN_STYLES: Partial<ExcelJS.Style>[] = TASK_COLUMNS.map((c) =>
  Object.freeze({ font: { name: FONT }, alignment: { vertical: 'top' as const, wrapText: c.wrap ?? false }, ...(c.date ? { numFmt: DATE_FORMAT } : {}) }),
)
const STATUS_STYLES = Object.fromEntries(
  Object.entries(STATUS_FILLS).map(([status, c]) => [
    status,
    Object.freeze({ font: { name: FONT, color: { argb: c.font } }, alignment: { vertical: 'top' }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: c.fill } } }),
  ]),
) as Record<TaskStatus, Partial<ExcelJS.Style>>
/**
 * The rows' own style (none), one object for all: a row made by addRow has a new empty style
 * object, which the writer would describe again for every row.
 */
const ROW_STYLE = Object.freeze({}) as Partial<ExcelJS.Style>

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

/** A line's cells in the order of TASK_COLUMNS (positional: faster to write than by key). */
function taskRow(l: SynthesisLine): (string | number | Date | null)[] {
  return [
    l.symbol,
    excelDay(l.date),
    l.summary,
    l.ref,
    l.task,
    l.org,
    ROLE_LABELS[l.role],
    l.head,
    l.headPosition,
    excelDay(l.deadline),
    statusLabel(l.status),
    l.percent,
    l.lastReport,
    excelDay(l.lastReportDate),
  ]
}

const YIELD_EVERY = 500
const DRAIN_EVERY = 1000
/** Uncompressed XML allowed to wait for the zip. */
const PENDING_BYTES = 8 * 1024 * 1024

/**
 * The streaming writer hands each sheet's XML to the zip through a pass-through stream and ignores
 * its back-pressure: rows written faster than they are compressed pile up in memory (the whole
 * uncompressed sheet, for a large table). This waits, when that stream asks for it, until the zip
 * has taken what is pending. It reaches into the writer's stream; if that is ever not there, the
 * table is still written, only without the bound.
 */
function sheetDrain(ws: ExcelJS.Worksheet): () => Promise<void> {
  return async () => {
    const backlog = zipBacklog(ws)
    if (backlog && backlog.bytes > PENDING_BYTES) await once(backlog.stream, 'drain')
  }
}

/** The stream between a sheet and the zip, and the bytes waiting in it (null if not found). */
export function zipBacklog(ws: ExcelJS.Worksheet): { stream: Writable; bytes: number } | null {
  // The zip library's own stream implementation keeps its state in `_writableState`.
  const sheet = ws as unknown as { stream?: { pipes?: (Writable & { _writableState?: { length?: number } })[] } }
  const zipSide = sheet.stream?.pipes?.[0]
  const bytes = zipSide?.writableLength ?? zipSide?._writableState?.length
  return zipSide && typeof bytes === 'number' ? { stream: zipSide, bytes } : null
}

/** Writes the task sheet a batch at a time, each row committed (flushed to the zip) as it is written. */
async function tasksSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  lines: AsyncIterable<SynthesisLine[]>,
  onRows: (written: number) => Promise<void>,
  yieldEvery: number,
): Promise<number> {
  const ws = wb.addWorksheet('Nhiệm vụ', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  ws.columns = TASK_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }))
  const header = ws.getRow(1)
  boldHeader(header)
  header.commit()
  const statusColumn = TASK_COLUMNS.findIndex((c) => c.key === 'status') + 1
  const drained = sheetDrain(ws)
  let written = 0
  for await (const batch of lines) {
    for (let i = 0; i < batch.length; i++) {
      const l = batch[i]!
      const row = ws.addRow(taskRow(l))
      for (let c = 1; c <= COLUMN_STYLES.length; c++) row.getCell(c).style = c === statusColumn ? STATUS_STYLES[l.status] : COLUMN_STYLES[c - 1]!
      // The writer reads the row's style object (its typings list only the style's parts).
      ;(row as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE
      row.commit()
      // A turn of the event loop now and then: a large table never holds the server for long.
      if (i % yieldEvery === yieldEvery - 1) await new Promise<void>((resolve) => setImmediate(resolve))
      if (i % DRAIN_EVERY === DRAIN_EVERY - 1) await drained()
    }
    await drained()
    written += batch.length
    await onRows(written)
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, written + 1), column: TASK_COLUMNS.length } }
  ws.commit()
  return written
}

const STATUS_ORDER: TaskStatus[] = ['done', 'on_time', 'late', 'not_started']

function title(ws: AnyWorksheet, r: SynthesisReport): void {
  ws.addRow([r.title]).font = { name: FONT, bold: true, size: 14 }
  ws.addRow([`Từ ngày ${shortDate(r.period.from)} đến ngày ${shortDate(r.period.to)}`]).font = { name: FONT, italic: true }
  ws.addRow([])
}

function totalsTable(ws: AnyWorksheet, r: SynthesisReport): void {
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

function byOrgTable(ws: AnyWorksheet, r: SynthesisReport): void {
  boldHeader(ws.addRow(['Cơ quan, đơn vị', 'Tổng số', ...STATUS_ORDER.map(statusLabel), 'Tỷ lệ hoàn thành']))
  for (const o of r.byOrg) {
    const total = STATUS_ORDER.reduce((sum, s) => sum + o[s], 0)
    const row = ws.addRow([o.org, total, ...STATUS_ORDER.map((s) => o[s]), total > 0 ? o.done / total : 0])
    row.getCell(STATUS_ORDER.length + 3).numFmt = '0.0%'
  }
}

function summarySheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, r: SynthesisReport): void {
  const ws = wb.addWorksheet('Tổng hợp', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  ws.columns = [{ width: 40 }, { width: 12 }, { width: 16 }, { width: 16 }, { width: 12 }, { width: 16 }, { width: 16 }]
  title(ws, r)
  totalsTable(ws, r)
  byOrgTable(ws, r)
  ws.commit()
}

/**
 * Every task × assigned body as a filterable Excel sheet, with the totals on a second sheet,
 * streamed to `out` as the batches of `lines` arrive: memory stays that of a batch, whatever the
 * number of rows. `onRows` hears how many rows are written after each batch. Answers that number.
 */
export async function writeTasksXlsx(
  r: SynthesisReport,
  lines: AsyncIterable<SynthesisLine[]>,
  out: Writable,
  onRows: (written: number) => Promise<void> = async () => {},
  /** Rows between turns of the event loop; a worker thread, which serves no requests, needs none. */
  yieldEvery = YIELD_EVERY,
): Promise<number> {
  // Strings inline (no shared-string table held in memory: a year's table has hundreds of thousands of
  // distinct texts); fast deflate, as for a download.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0])
  wb.creator = r.issuer
  wb.created = excelDate(r.date) ?? new Date()
  const written = await tasksSheet(wb, lines, onRows, yieldEvery)
  summarySheet(wb, r)
  await wb.commit()
  return written
}

/** The same workbook in memory, for a small table. */
export async function renderTasksXlsx(r: SynthesisReport, lines: SynthesisLine[]): Promise<Buffer> {
  const out = new PassThrough()
  const [content] = await Promise.all([buffer(out), writeTasksXlsx(r, (async function* () { yield lines })(), out)])
  return content
}
