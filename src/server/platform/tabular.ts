import { Readable } from 'node:stream'
import { extensionOf, PARSE_LIMITS } from '../../domain/files/limits.ts'
import { AppError, badRequest } from './errors.ts'
import { decodeUtf8 } from './textract.ts'
import { inspectZip } from './untrusted/zip.ts'

export type Cell = string | number | null
export interface Table {
  headers: string[]
  /** Data rows with their 1-based line/row number in the source file. */
  rows: { line: number; cells: Cell[] }[]
}

export interface TableLimits {
  maxRows: number
  maxInflatedBytes: number
}

const DEFAULT_LIMITS: TableLimits = { maxRows: PARSE_LIMITS.tableRows, maxInflatedBytes: PARSE_LIMITS.tableInflatedBytes }

const tooManyRows = (max: number) =>
  new AppError(413, 'LIMIT_ROWS', `Tệp có hơn ${max.toLocaleString('vi-VN')} dòng dữ liệu, vượt giới hạn một lần nhập. Hãy chia thành nhiều tệp.`)

/**
 * Reads the first sheet of an .xlsx file or a CSV file (comma, semicolon or tab; UTF-8 with or
 * without BOM), stopping at the row limit. Runs in a parsing worker, never on the event loop.
 */
export async function readTable(fileName: string, content: Buffer, limits: TableLimits = DEFAULT_LIMITS): Promise<Table> {
  const ext = extensionOf(fileName)
  if (ext === '.xlsx') return readXlsx(content, limits)
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return readCsv(content, fileName, limits)
  throw badRequest('UNSUPPORTED_FILE', `Không đọc được tệp "${fileName}": chỉ hỗ trợ .xlsx và .csv.`)
}

async function readCsv(content: Buffer, fileName: string, limits: TableLimits): Promise<Table> {
  const { parse: parseCsv } = await import('csv-parse/sync')
  const text = decodeUtf8(content, fileName)
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  const delimiter = [';', '\t', ','].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',')
  let records: string[][]
  try {
    // One record past the limit (plus the header) is enough to know the file is too long.
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, to: limits.maxRows + 2, max_record_size: 1_000_000 })
  } catch (err) {
    throw badRequest('INVALID_CSV', `Tệp CSV không hợp lệ: ${(err as Error).message}`)
  }
  if (records.length > limits.maxRows + 1) throw tooManyRows(limits.maxRows)
  const [headers = [], ...rest] = records
  return { headers, rows: rest.map((cells, i) => ({ line: i + 2, cells })) }
}

async function readXlsx(content: Buffer, limits: TableLimits): Promise<Table> {
  const out: { line: number; cells: Cell[] }[] = []
  let headers: string[] | null = null
  for await (const row of xlsxRows(content, limits)) {
    if (!headers) headers = row.cells.map((v) => (v === null ? '' : String(v)))
    else {
      if (out.length >= limits.maxRows) throw tooManyRows(limits.maxRows)
      out.push(row)
    }
  }
  if (!headers) throw badRequest('EMPTY_FILE', 'Tệp Excel không có dữ liệu ở trang tính đầu tiên.')
  return { headers, rows: out }
}

/**
 * The non-empty rows of an .xlsx file's first sheet, one at a time (the streaming reader keeps one
 * row rather than the whole workbook), once the archive has passed its checks. With `dates`, date
 * cells come as yyyy-mm-dd (the reader then keeps the workbook's styles); without, as Excel's day
 * numbers. Runs in a parsing worker, never on the event loop.
 */
export async function* xlsxRows(content: Buffer, limits: { maxInflatedBytes: number }, opts: { dates?: boolean } = {}): AsyncGenerator<{ line: number; cells: Cell[] }> {
  await inspectZip(content, { maxInflatedBytes: limits.maxInflatedBytes, maxEntries: PARSE_LIMITS.zipEntries }, 'Excel', 'INVALID_XLSX')
  const ExcelJS = (await import('exceljs')).default
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
      entries: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: opts.dates ? 'cache' : 'ignore',
      worksheets: 'emit',
    })
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<{ values: unknown; number: number }>) {
        const cells = ((row.values as unknown[]) ?? []).slice(1).map(cellValue)
        if (cells.every((v) => v === null || v === '')) continue
        // What the caller does with a row (and throws) does not pass through here: a suspended
        // generator is closed, not thrown into.
        yield { line: row.number, cells }
      }
      break // the first sheet only
    }
  } catch (err) {
    if (err instanceof AppError) throw err
    throw badRequest('INVALID_XLSX', 'Tệp Excel không hợp lệ hoặc bị hỏng.', { cause: (err as Error)?.message })
  }
}

function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'number' || typeof v === 'string') return v
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    const o = v as { result?: unknown; text?: unknown; richText?: { text: string }[] }
    if (o.result !== undefined) return cellValue(o.result)
    if (o.richText) return o.richText.map((t) => t.text).join('')
    if (typeof o.text === 'string') return o.text
  }
  return String(v)
}
