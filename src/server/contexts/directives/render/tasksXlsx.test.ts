import { PassThrough } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { SynthesisReport } from '../../../../domain/documents/render-types.ts'
import { linesOfReport, synthesisSample } from './samples.ts'
import { renderTasksXlsx, STATUS_FILLS, writeTasksXlsx, zipBacklog } from './tasksXlsx.ts'

const REPORT = synthesisSample(3, 4)

const HEADERS = [
  'Văn bản',
  'Ngày',
  'Trích yếu',
  'Mục',
  'Nội dung nhiệm vụ',
  'Cơ quan',
  'Vai trò',
  'Người đứng đầu',
  'Chức vụ',
  'Hạn',
  'Trạng thái',
  'Tiến độ %',
  'Báo cáo gần nhất',
  'Ngày báo cáo',
]

async function load(r: SynthesisReport): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load((await renderTasksXlsx(r, linesOfReport(r))) as unknown as ArrayBuffer)
  return wb
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name)
  if (!ws) throw new Error(`no sheet ${name}`)
  return ws
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill
  return fill?.type === 'pattern' ? fill.fgColor?.argb : undefined
}

const col = (name: string) => HEADERS.indexOf(name) + 1

describe('renderTasksXlsx', () => {
  it('has the task sheet and the summary sheet', async () => {
    const wb = await load(REPORT)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Nhiệm vụ', 'Tổng hợp'])
  })

  it('writes a bold, frozen, filtered header and one row per task and body', async () => {
    const ws = sheet(await load(REPORT), 'Nhiệm vụ')
    const header = ws.getRow(1)
    expect(HEADERS.map((_, i) => header.getCell(i + 1).value)).toEqual(HEADERS)
    expect(header.getCell(1).font?.bold).toBe(true)
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(ws.autoFilter).toBeTruthy()
    expect(ws.rowCount - 1).toBe(REPORT.totals.assignments)
    for (let c = 1; c <= HEADERS.length; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(7)
  })

  it('fills each row from its directive, task and assignment', async () => {
    const ws = sheet(await load(REPORT), 'Nhiệm vụ')
    const d = REPORT.directives[0]!
    const t = d.tasks[0]!
    const a = t.assignments[0]!
    const row = ws.getRow(2)
    expect(row.getCell(col('Văn bản')).value).toBe(d.symbol)
    expect(row.getCell(col('Trích yếu')).value).toBe(d.summary)
    expect(row.getCell(col('Mục')).value).toBe(t.ref)
    expect(row.getCell(col('Nội dung nhiệm vụ')).value).toBe(t.text)
    expect(row.getCell(col('Cơ quan')).value).toBe(a.org)
    expect(row.getCell(col('Vai trò')).value).toBe('Chủ trì')
    expect(ws.getRow(3).getCell(col('Vai trò')).value).toBe('Phối hợp')
    expect(row.getCell(col('Người đứng đầu')).value).toBe(a.head)
    expect(row.getCell(col('Chức vụ')).value).toBe(a.headPosition)
    expect(row.getCell(col('Trạng thái')).value).toBe('Đã hoàn thành')
    expect(row.getCell(col('Tiến độ %')).value).toBe(100)
    expect(row.getCell(col('Báo cáo gần nhất')).value).toBe(a.lastReport)
  })

  it('stores dates as Excel dates shown dd/mm/yyyy', async () => {
    const ws = sheet(await load(REPORT), 'Nhiệm vụ')
    const row = ws.getRow(2)
    for (const [name, iso] of [
      ['Ngày', REPORT.directives[0]!.date],
      ['Hạn', REPORT.directives[0]!.tasks[0]!.deadline],
      ['Ngày báo cáo', REPORT.directives[0]!.tasks[0]!.assignments[0]!.lastReportDate],
    ] as const) {
      const cell = row.getCell(col(name))
      expect(cell.value).toBeInstanceOf(Date)
      expect((cell.value as Date).toISOString().slice(0, 10)).toBe(iso)
      expect(cell.numFmt).toBe('dd/mm/yyyy')
    }
    // A task without a deadline leaves the cell empty rather than writing a fake date.
    const undated = REPORT.directives[0]!.tasks.findIndex((t) => t.deadline === null)
    expect(ws.getRow(2 + undated * 3).getCell(col('Hạn')).value).toBeNull()
  })

  it('colours the status cell by status', async () => {
    const ws = sheet(await load(REPORT), 'Nhiệm vụ')
    const seen = new Set<string>()
    let r = 2
    for (const d of REPORT.directives) {
      for (const t of d.tasks) {
        for (const a of t.assignments) {
          expect(fillOf(ws.getRow(r).getCell(col('Trạng thái')))).toBe(STATUS_FILLS[a.status].fill)
          seen.add(a.status)
          r++
        }
      }
    }
    expect(seen).toEqual(new Set(['done', 'on_time', 'late', 'not_started']))
    expect(STATUS_FILLS.done.fill).toMatch(/^FFC6EF/)
    expect(STATUS_FILLS.late.fill).toBe('FFFFC7CE')
  })

  it('sums up the totals and the counts by body', async () => {
    const ws = sheet(await load(REPORT), 'Tổng hợp')
    const rows: unknown[][] = []
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
    expect(rows[0]?.[0]).toBe(REPORT.title)
    const find = (label: string) => rows.find((r) => r[0] === label)
    expect(find('Số văn bản chỉ đạo')?.[1]).toBe(REPORT.totals.directives)
    expect(find('Tổng số nhiệm vụ (lượt giao)')?.[1]).toBe(REPORT.totals.assignments)
    expect(find('Trễ hạn')?.[1]).toBe(REPORT.totals.late)
    expect(find('Đã hoàn thành')?.[2]).toBeCloseTo(REPORT.totals.done / REPORT.totals.assignments)
    for (const o of REPORT.byOrg) {
      const row = find(o.org)
      expect(row?.slice(1, 6)).toEqual([o.done + o.on_time + o.late + o.not_started, o.done, o.on_time, o.late, o.not_started])
    }
  })

  it('writes a header-only sheet for an empty period', async () => {
    const empty: SynthesisReport = { ...REPORT, directives: [], overdue: [], byOrg: [], totals: { done: 0, on_time: 0, late: 0, not_started: 0, directives: 0, assignments: 0 } }
    const ws = sheet(await load(empty), 'Nhiệm vụ')
    expect(ws.rowCount).toBe(1)
  })

  it('streams a table of many batches in order, telling how many rows are written after each', async () => {
    const lines = linesOfReport(REPORT)
    const batches = Array.from({ length: 40 }, (_, b) => lines.map((l) => ({ ...l, ref: `${b}.${l.ref}` })))
    const heard: number[] = []
    const out = new PassThrough()
    const [content, written] = await Promise.all([
      buffer(out),
      writeTasksXlsx(REPORT, (async function* () { yield* batches })(), out, async (n) => { heard.push(n) }),
    ])
    expect(written).toBe(40 * lines.length)
    expect(heard).toEqual(batches.map((_, i) => (i + 1) * lines.length))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(content as unknown as ArrayBuffer)
    const ws = sheet(wb, 'Nhiệm vụ')
    expect(ws.rowCount - 1).toBe(written)
    expect(ws.getRow(2).getCell(col('Mục')).value).toBe(`0.${lines[0]!.ref}`)
    expect(ws.getRow(written + 1).getCell(col('Mục')).value).toBe(`39.${lines.at(-1)!.ref}`)
    expect(ws.autoFilter).toBeTruthy()
  })

  it('sees the XML waiting for the zip, which a large table waits on rather than piling up in memory', async () => {
    const out = new PassThrough()
    out.resume()
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false })
    const ws = wb.addWorksheet('x')
    for (let i = 0; i < 2000; i++) ws.addRow([`Nhiệm vụ ${i}: triển khai thực hiện nghiêm các biện pháp phòng, chống dịch`, i]).commit()
    const backlog = zipBacklog(ws)
    expect(backlog?.bytes).toBeGreaterThan(50_000)
    ws.commit()
    await wb.commit()
  })
})
