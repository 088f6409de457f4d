import { Readable } from 'node:stream'
import type { MessagePort } from 'node:worker_threads'
import { extensionOf, PARSE_LIMITS } from '../../../../domain/files/limits.ts'
import { type Cell, type ImportKind, matchHeaders, type ParsedRow, type RowOf, rowReader, type TestRow } from '../../../../domain/surveillance/importColumns.ts'
import { fold } from '../../../../domain/text/fold.ts'
import { vietnameseSortKey } from '../../../../domain/text/sortKey.ts'
import { AppError, badRequest } from '../../../platform/errors.ts'
import { xlsxRows } from '../../../platform/tabular.ts'

// Runs in a parsing worker (src/server/workers/tasks.ts): reads an import file as its bytes arrive
// on a message port, checks every row and posts the rows back in batches. The main thread sends
// the file a chunk at a time when asked ({ need }) and acknowledges each batch once written, and
// this side never runs more than AHEAD batches ahead of it: memory holds a few batches, whatever
// the size of the file (an .xlsx is held whole, within its upload limit, to be checked as a zip
// before it is inflated).

/** A row ready for the database, with its line in the file and its original cells (JSON). */
export interface ParsedLine<K extends ImportKind = ImportKind> {
  line: number
  raw: string
  row: RowOf<K> & { nameFold?: string | null; nameSort?: string | null }
}

export interface RejectedLine {
  line: number
  raw: string
  reasons: string[]
}

export interface Batch<K extends ImportKind = ImportKind> {
  rows: ParsedLine<K>[]
  rejected: RejectedLine[]
  /** Test results come as columns instead of rows: a few arrays rather than an object a row. */
  tests?: TestBatch
}

/** Checked test results by column: row i is line lines[i] with original cells raws[i]. */
export interface TestBatch {
  lines: number[]
  raws: string[]
  refs: string[]
  methods: string[]
  sampleDates: string[]
  resultDates: (string | null)[]
  results: string[]
  cts: (number | null)[]
  labs: string[]
  poolCodes: (string | null)[]
}

export const emptyTestBatch = (): TestBatch => ({
  lines: [],
  raws: [],
  refs: [],
  methods: [],
  sampleDates: [],
  resultDates: [],
  results: [],
  cts: [],
  labs: [],
  poolCodes: [],
})

/** Rows of a batch, whichever way they come. */
export const batchSize = (b: Batch) => b.rows.length + (b.tests?.lines.length ?? 0) + b.rejected.length

/** Main thread → worker. */
export type ToParser = { chunk: Uint8Array } | { end: true } | { ack: true }
/** Worker → main thread. */
export type FromParser = { need: true } | { headers: string[]; unknown: string[] } | { batch: Batch } | { done: { lines: number } }

export interface ParseInput {
  kind: ImportKind
  fileName: string
  today: string
  batchRows: number
  port: MessagePort
}

/** Batches posted and not yet written by the main thread, at most. */
const AHEAD = 2

export async function parseImportStream(input: ParseInput): Promise<{ lines: number }> {
  const { port, kind } = input
  const ext = extensionOf(input.fileName)
  if (!['.csv', '.tsv', '.txt', '.xlsx'].includes(ext)) throw badRequest('UNSUPPORTED_FILE', `Không đọc được tệp "${input.fileName}": chỉ nhận .xlsx và .csv.`)

  // Messages from the main thread: file chunks (asked for one at a time) and acknowledgements.
  let chunkWaiter: ((m: { chunk?: Uint8Array; end?: true }) => void) | null = null
  let unacked = 0
  let ackWaiter: (() => void) | null = null
  port.on('message', (m: ToParser) => {
    if ('ack' in m) {
      unacked--
      ackWaiter?.()
    } else chunkWaiter?.(m)
  })
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const m = await new Promise<{ chunk?: Uint8Array; end?: true }>((resolve) => {
        chunkWaiter = resolve
        port.postMessage({ need: true } satisfies FromParser)
      })
      chunkWaiter = null
      if (m.end || !m.chunk) return
      yield m.chunk
    }
  }

  let read: ((cells: readonly Cell[]) => ParsedRow) | null = null
  let lines = 0
  const fresh = (): Batch => (kind === 'tests' ? { rows: [], rejected: [], tests: emptyTestBatch() } : { rows: [], rejected: [] })
  let batch = fresh()
  const post = async () => {
    if (batchSize(batch) === 0) return
    while (unacked >= AHEAD) await new Promise<void>((resolve) => (ackWaiter = resolve))
    ackWaiter = null
    unacked++
    port.postMessage({ batch } satisfies FromParser)
    batch = fresh()
  }
  const onHeaders = (headers: string[]) => {
    const m = matchHeaders(kind, headers)
    if (m.missing.length) {
      throw badRequest('MISSING_COLUMNS', `Tệp thiếu cột ${m.missing.join(', ')}. Hãy dùng tệp mẫu (tiêu đề tiếng Việt hoặc tiếng Anh) rồi gửi lại.`, {
        missing: m.missing,
      })
    }
    read = rowReader(kind, m.index, { today: input.today })
    port.postMessage({ headers, unknown: m.unknown } satisfies FromParser)
  }
  const onRow = async (line: number, cells: Cell[]) => {
    lines++
    const raw = JSON.stringify(cells)
    const parsed = read!(cells)
    if (parsed.ok && batch.tests) {
      const r = parsed.row as TestRow
      const t = batch.tests
      t.lines.push(line)
      t.raws.push(raw)
      t.refs.push(r.ref)
      t.methods.push(r.method)
      t.sampleDates.push(r.sampleDate)
      t.resultDates.push(r.resultDate)
      t.results.push(r.result)
      t.cts.push(r.ct)
      t.labs.push(r.lab)
      t.poolCodes.push(r.poolId)
    } else if (parsed.ok) {
      const row = parsed.row as ParsedLine['row']
      if ('fullName' in row && row.fullName) {
        row.nameFold = fold(row.fullName)
        row.nameSort = vietnameseSortKey(row.fullName)
      }
      batch.rows.push({ line, raw, row })
    } else batch.rejected.push({ line, raw, reasons: parsed.reasons })
    if (batchSize(batch) >= input.batchRows) await post()
  }

  if (ext === '.xlsx') await readXlsx(chunks(), onHeaders, onRow)
  else await readCsv(chunks(), input.fileName, onHeaders, onRow)
  if (!read) throw badRequest('EMPTY_FILE', `Tệp "${input.fileName}" không có dòng tiêu đề.`)
  await post()
  port.postMessage({ done: { lines } } satisfies FromParser)
  return { lines }
}

async function* decoded(source: AsyncIterable<Uint8Array>, fileName: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const invalid = () => badRequest('INVALID_ENCODING', `Tệp "${fileName}" không phải văn bản UTF-8 hợp lệ (có thể không phải tệp bảng tính). Hãy lưu thành CSV UTF-8 hoặc .xlsx rồi gửi lại.`)
  let first = true
  try {
    for await (const c of source) {
      let text = decoder.decode(c, { stream: true })
      if (first) {
        text = text.replace(/^\uFEFF/, '')
        first = false
        // A binary file passes a UTF-8 decoder only by chance; a NUL byte gives it away.
        if (text.includes('\u0000')) throw invalid()
      }
      if (text) yield text
    }
    const rest = decoder.decode()
    if (rest) yield rest
  } catch (err) {
    if (err instanceof AppError) throw err
    throw invalid()
  }
}

async function readCsv(source: AsyncIterable<Uint8Array>, fileName: string, onHeaders: (h: string[]) => void, onRow: (line: number, cells: Cell[]) => Promise<void>) {
  const { parse } = await import('csv-parse')
  const text = decoded(source, fileName)
  // The delimiter is the one the header line uses most: comma, semicolon (Excel in Vietnamese) or tab.
  let head = ''
  let next = await text.next()
  while (!next.done && !/\r?\n/.test(head + next.value)) {
    head += next.value
    next = await text.next()
  }
  if (!next.done) head += next.value
  const firstLine = head.split(/\r?\n/, 1)[0] ?? ''
  const delimiter = [';', '\t', ','].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',')
  async function* all() {
    if (head) yield head
    if (next.done) return
    for await (const t of text) yield t
  }
  // Blank lines are kept by the parser (and skipped here) so that record n is line n + 1, as a
  // spreadsheet numbers its rows (a cell holding a line break counts as one row).
  const parser = Readable.from(all()).pipe(parse({ delimiter, relax_column_count: true, skip_empty_lines: false, trim: true, max_record_size: 1_000_000 }))
  let line = 0
  let headers = true
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line++
      if (record.length === 1 && record[0] === '') continue
      if (headers) {
        onHeaders(record)
        headers = false
      } else await onRow(line, record)
    }
  } catch (err) {
    if (err instanceof AppError) throw err
    throw badRequest('INVALID_CSV', `Tệp CSV không hợp lệ: ${(err as Error).message}`)
  }
}

async function readXlsx(source: AsyncIterable<Uint8Array>, onHeaders: (h: string[]) => void, onRow: (line: number, cells: Cell[]) => Promise<void>) {
  const parts: Buffer[] = []
  for await (const c of source) parts.push(Buffer.from(c.buffer, c.byteOffset, c.byteLength))
  const content = Buffer.concat(parts)
  parts.length = 0
  let headers = true
  for await (const row of xlsxRows(content, { maxInflatedBytes: PARSE_LIMITS.tableInflatedBytes }, { dates: true })) {
    if (headers) {
      onHeaders(row.cells.map((v) => (v === null ? '' : String(v))))
      headers = false
    } else await onRow(row.line, row.cells)
  }
}
