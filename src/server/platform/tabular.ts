import { badRequest } from './errors.ts'

export type Cell = string | number | null
export interface Table {
  headers: string[]
  /** Data rows with their 1-based line/row number in the source file. */
  rows: { line: number; cells: Cell[] }[]
}

/** Reads the first sheet of an .xlsx file or a CSV file (comma, semicolon or tab; UTF-8 with or without BOM). */
export async function readTable(fileName: string, content: Buffer): Promise<Table> {
  const lower = fileName.toLowerCase()
  if (lower.endsWith('.xlsx')) return readXlsx(content)
  if (lower.endsWith('.csv') || lower.endsWith('.txt') || lower.endsWith('.tsv')) return readCsv(content)
  throw badRequest('UNSUPPORTED_FILE', `Không đọc được tệp "${fileName}": chỉ hỗ trợ .xlsx và .csv.`)
}

async function readCsv(content: Buffer): Promise<Table> {
  const { parse: parseCsv } = await import('csv-parse/sync')
  const text = content.toString('utf8').replace(/^\uFEFF/, '')
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  const delimiter = [';', '\t', ','].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',')
  let records: string[][]
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true })
  } catch (err) {
    throw badRequest('INVALID_CSV', `Tệp CSV không hợp lệ: ${(err as Error).message}`)
  }
  const [headers = [], ...rest] = records
  return { headers, rows: rest.map((cells, i) => ({ line: i + 2, cells })) }
}

async function readXlsx(content: Buffer): Promise<Table> {
  const ExcelJS = (await import('exceljs')).default
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer)
  } catch {
    throw badRequest('INVALID_XLSX', 'Tệp Excel không hợp lệ hoặc bị hỏng.')
  }
  const sheet = wb.worksheets[0]
  if (!sheet) throw badRequest('EMPTY_FILE', 'Tệp Excel không có trang tính nào.')
  const out: { line: number; cells: Cell[] }[] = []
  let headers: string[] | null = null
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = (row.values as unknown[]).slice(1).map(cellValue)
    if (!headers) headers = values.map((v) => (v === null ? '' : String(v)))
    else out.push({ line: rowNumber, cells: values })
  })
  return { headers: headers ?? [], rows: out }
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
