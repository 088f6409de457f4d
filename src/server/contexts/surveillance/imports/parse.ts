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
// the file a chunk at a time when asked ({ need }, READ_AHEAD at most ahead) and acknowledges each
// batch once written, and this side never runs more than AHEAD batches ahead of it: memory holds a
// few chunks and batches, whatever the size of the file (an .xlsx is held whole, within its upload limit, to be checked as a zip
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
  /** Test results come as the text COPY reads instead of rows: a few buffers moved, not copied, between threads. */
  tests?: TestBatch
  /** On the main thread: hands the batch's buffers back to the worker once it is written. */
  release?: () => void
}

/**
 * Checked test results in PostgreSQL's COPY text format, one row a line: the line in the file,
 * ref, method, sample_date, result_date, result, ct, lab and pool code (tab-separated, \N for
 * none). Beside it, what the error file needs of a row refused when written: its line and its
 * original cells (JSON, one row a line), read only then.
 */
export interface TestBatch {
  copy: Uint8Array
  lines: Int32Array
  raws: Uint8Array
  /** Rows naming a pooled sample. */
  pooled: number
}

/** The columns of TestBatch.copy, in order. */
export const TEST_COPY_COLUMNS = ['line', 'ref', 'method', 'sample_date', 'result_date', 'result', 'ct', 'lab', 'pool_code'] as const

/** Rows of a batch, whichever way they come. */
export const batchSize = (b: Batch) => b.rows.length + (b.tests?.lines.length ?? 0) + b.rejected.length

/** The original cells of the rows of a test batch, by line. */
export function testRaws(t: TestBatch): (line: number) => string {
  const raws = new TextDecoder().decode(t.raws).split('\n')
  const at = new Map<number, number>()
  t.lines.forEach((line, i) => {
    at.set(line, i)
  })
  return (line) => raws[at.get(line) ?? -1] ?? '[]'
}

/** A value as COPY's text format writes it: backslash, tab and line breaks escaped. */
export const copyText = (v: string): string => (/[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : v)
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

/**
 * Text written as UTF-8 into a buffer, a few rows at a time: a row's strings die young instead of
 * waiting for the batch in the worker's heap (which would then grow to hold them). The buffer goes
 * with the batch and comes back once the batch is written, to take another: the same few buffers
 * go round, rather than new memory for every batch on both sides.
 */
class ByteSink {
  private buf = new Uint8Array(1 << 20)
  private length = 0
  private pending = ''
  private readonly spares: ArrayBuffer[] = []
  private readonly encoder = new TextEncoder()

  write(text: string) {
    this.pending += text
    if (this.pending.length >= 1 << 14) this.flush()
  }

  private flush() {
    const text = this.pending
    this.pending = ''
    // A UTF-8 byte sequence is at most three bytes per UTF-16 unit.
    if (this.buf.length - this.length < text.length * 3) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.length + text.length * 3))
      bigger.set(this.buf.subarray(0, this.length))
      this.buf = bigger
    }
    this.length += this.encoder.encodeInto(text, this.buf.subarray(this.length)).written
  }

  /** What was written, in the sink's buffer (to be moved with the batch); the sink goes on in a spare one. */
  take(): Uint8Array {
    this.flush()
    const out = this.buf.subarray(0, this.length)
    const spare = this.spares.pop()
    this.buf = spare ? new Uint8Array(spare) : new Uint8Array(this.buf.length)
    this.length = 0
    return out
  }

  /** A buffer back from the main thread. */
  give(buffer: ArrayBuffer) {
    this.spares.push(buffer)
  }
}

/** Test results being gathered for one batch. */
class TestRows {
  private readonly copy = new ByteSink()
  private readonly raws = new ByteSink()
  private lines: number[] = []
  private pooled = 0

  get size() {
    return this.lines.length
  }

  add(line: number, raw: string, r: TestRow) {
    const none = '\\N'
    if (this.lines.length > 0) this.raws.write('\n')
    this.lines.push(line)
    this.raws.write(raw)
    if (r.poolId !== null) this.pooled++
    this.copy.write(
      `${line}\t${copyText(r.ref)}\t${r.method}\t${r.sampleDate}\t${r.resultDate ?? none}\t${r.result}\t${r.ct ?? none}\t${copyText(r.lab)}\t${r.poolId === null ? none : copyText(r.poolId)}\n`,
    )
  }

  /** Buffers of a written batch, back from the main thread (TestBatch.copy's and .raws'). */
  recycle([copy, raws]: ArrayBuffer[]) {
    if (copy) this.copy.give(copy)
    if (raws) this.raws.give(raws)
  }

  /** The batch, and the buffers to move with it. */
  take(): { batch: TestBatch; transfer: ArrayBuffer[] } {
    const batch: TestBatch = { copy: this.copy.take(), lines: Int32Array.from(this.lines), raws: this.raws.take(), pooled: this.pooled }
    this.lines = []
    this.pooled = 0
    return { batch, transfer: [batch.copy.buffer as ArrayBuffer, batch.lines.buffer as ArrayBuffer, batch.raws.buffer as ArrayBuffer] }
  }
}

/** Main thread → worker. */
export type ToParser = { chunk: Uint8Array } | { end: true } | { ack: true } | { recycle: ArrayBuffer[] }
/** Worker → main thread. */
export type FromParser = { need: true } | { headers: string[]; unknown: string[] } | { batch: Batch } | { done: { lines: number } }

export interface ParseInput {
  kind: ImportKind
  fileName: string
  today: string
  batchRows: number
  port: MessagePort
}

const NUL_REASON = 'Dòng có ký tự NUL (mã 0), không lưu được; hãy mở tệp, xóa ký tự đó rồi gửi lại.'

/** Batches posted and not yet written by the main thread, at most. */
const AHEAD = 2
/**
 * File chunks asked for before they are needed: enough for about two batches of results, so that
 * parsing goes on while the main thread is busy (the embedded database runs on it, and answers no
 * message during a statement).
 */
const READ_AHEAD = 8

export async function parseImportStream(input: ParseInput): Promise<{ lines: number }> {
  const { port, kind } = input
  const ext = extensionOf(input.fileName)
  if (!['.csv', '.tsv', '.txt', '.xlsx'].includes(ext)) throw badRequest('UNSUPPORTED_FILE', `Không đọc được tệp "${input.fileName}": chỉ nhận .xlsx và .csv.`)

  const tests = kind === 'tests' ? new TestRows() : null

  // Messages from the main thread: file chunks (READ_AHEAD asked for ahead of need), acknowledgements
  // and the buffers of written batches.
  const arrived: { chunk?: Uint8Array; end?: true }[] = []
  let chunkWaiter: (() => void) | null = null
  let unacked = 0
  let ackWaiter: (() => void) | null = null
  port.on('message', (m: ToParser) => {
    if ('ack' in m) {
      unacked--
      ackWaiter?.()
    } else if ('recycle' in m) tests?.recycle(m.recycle)
    else {
      arrived.push(m)
      chunkWaiter?.()
    }
  })
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let asked = 0
    for (;;) {
      for (; asked < READ_AHEAD; asked++) port.postMessage({ need: true } satisfies FromParser)
      while (arrived.length === 0) await new Promise<void>((resolve) => (chunkWaiter = resolve))
      chunkWaiter = null
      const m = arrived.shift()!
      asked--
      if (m.end || !m.chunk) return
      yield m.chunk
    }
  }

  let read: ((cells: readonly Cell[]) => ParsedRow) | null = null
  let lines = 0
  let batch: Batch = { rows: [], rejected: [] }
  const size = () => batchSize(batch) + (tests?.size ?? 0)
  const post = async () => {
    if (size() === 0) return
    while (unacked >= AHEAD) await new Promise<void>((resolve) => (ackWaiter = resolve))
    ackWaiter = null
    unacked++
    if (tests) {
      const { batch: t, transfer } = tests.take()
      port.postMessage({ batch: { ...batch, tests: t } } satisfies FromParser, transfer)
    } else port.postMessage({ batch } satisfies FromParser)
    batch = { rows: [], rejected: [] }
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
  // A promise only when the row completes a batch (the batch is posted once the main thread can take it).
  const onRow = (line: number, cells: Cell[]): Promise<void> | undefined => {
    lines++
    const raw = JSON.stringify(cells)
    const parsed = read!(cells)
    if (parsed.ok && tests) {
      const r = parsed.row as TestRow
      // A NUL character cannot be stored in a text value.
      if (r.ref.includes('\u0000') || r.lab.includes('\u0000') || r.poolId?.includes('\u0000')) batch.rejected.push({ line, raw, reasons: [NUL_REASON] })
      else tests.add(line, raw, r)
    } else if (parsed.ok) {
      const row = parsed.row as ParsedLine['row']
      if ('fullName' in row && row.fullName) {
        row.nameFold = fold(row.fullName)
        row.nameSort = vietnameseSortKey(row.fullName)
      }
      batch.rows.push({ line, raw, row })
    } else batch.rejected.push({ line, raw, reasons: parsed.reasons })
    return size() >= input.batchRows ? post() : undefined
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

async function readCsv(source: AsyncIterable<Uint8Array>, fileName: string, onHeaders: (h: string[]) => void, onRow: (line: number, cells: Cell[]) => Promise<void> | undefined) {
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
      } else {
        const posted = onRow(line, record)
        if (posted) await posted
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err
    throw badRequest('INVALID_CSV', `Tệp CSV không hợp lệ: ${(err as Error).message}`)
  }
}

async function readXlsx(source: AsyncIterable<Uint8Array>, onHeaders: (h: string[]) => void, onRow: (line: number, cells: Cell[]) => Promise<void> | undefined) {
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
