import { MessageChannel } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { type Batch, copyText, type FromParser, parseImportStream, TEST_COPY_COLUMNS, testRaws } from './parse.ts'

/**
 * Runs the parser on `content` as the worker would, the main thread's side played here: the batches
 * it posts (read as they come, when `recycle` hands each batch's buffers back at once).
 */
async function parse(content: string, batchRows: number, recycle?: (b: Batch) => void): Promise<Batch[]> {
  const { port1, port2 } = new MessageChannel()
  const bytes = new TextEncoder().encode(content)
  const chunks = [bytes.subarray(0, 7), bytes.subarray(7)]
  const batches: Batch[] = []
  let done: () => void = () => {}
  const finished = new Promise<void>((resolve) => (done = resolve))
  port1.on('message', (m: FromParser) => {
    if ('done' in m) done()
    else if ('need' in m) {
      const chunk = chunks.shift()
      port1.postMessage(chunk ? { chunk } : { end: true })
    } else if ('batch' in m) {
      batches.push(m.batch)
      port1.postMessage({ ack: true })
      if (recycle && m.batch.tests) {
        recycle(m.batch)
        const buffers = [m.batch.tests.copy.buffer as ArrayBuffer, m.batch.tests.raws.buffer as ArrayBuffer]
        port1.postMessage({ recycle: buffers }, buffers)
      }
    }
  })
  try {
    await parseImportStream({ kind: 'tests', fileName: 'ket-qua.csv', today: '2026-11-30', batchRows, port: port2 })
    await finished
  } finally {
    port1.close()
  }
  return batches
}

/** COPY's text format read back: rows of values, null for \N. */
function readCopy(copy: Uint8Array): (string | null)[][] {
  const text = new TextDecoder().decode(copy)
  return text
    .split('\n')
    .slice(0, -1)
    .map((line) =>
      line.split('\t').map((v) => (v === '\\N' ? null : v.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c] ?? c))),
    )
}

describe('results read for COPY', () => {
  it('escapes what COPY would read otherwise', () => {
    expect(copyText('CDC An Giang')).toBe('CDC An Giang')
    expect(copyText('a\tb\\c\nd\re \\N \\.')).toBe('a\\tb\\\\c\\nd\\re \\\\N \\\\.')
  })

  it('posts the checked rows as COPY text, with their lines and original cells, in batches', async () => {
    const csv = [
      'ref,sample_date,result_date,method,result,pool_id,lab,ct',
      'BN-1,20/11/2026,21/11/2026,RT-PCR,dương tính,"G\\1","Phòng ""A""\tB\\C',
      'D",22.5',
      '',
      'BN-2,2026-11-20,,test nhanh,âm tính,,,',
      'BN-3,20/11/2026,,x-quang,âm tính,,,',
      'BN-4,21/11/2026,,pcr,negative,,,',
      'BN-4,21/11/2026,,RT-PCR,positive,,,',
    ].join('\n')
    const batches = await parse(csv, 3)
    expect(batches.map((b) => [b.tests?.lines.length, b.rejected.length])).toEqual([
      [2, 1],
      [2, 0],
    ])
    const [first, second] = batches as [Batch, Batch]
    // Rows numbered as a spreadsheet does: a blank line counts, a line break inside a cell does not.
    expect([...first.tests!.lines]).toEqual([2, 4])
    expect(first.rejected[0]).toMatchObject({ line: 5, reasons: [expect.stringContaining('"Phương pháp" "x-quang" không hợp lệ')] })
    expect(readCopy(first.tests!.copy)).toEqual([
      ['2', 'BN-1', 'pcr', '2026-11-20', '2026-11-21', 'positive', '22.5', 'Phòng "A"\tB\\C\nD', 'G\\1'],
      ['4', 'BN-2', 'antigen', '2026-11-20', null, 'negative', null, '', null],
    ])
    expect(readCopy(first.tests!.copy)[0]).toHaveLength(TEST_COPY_COLUMNS.length)
    expect(first.tests).toMatchObject({ pooled: 1 })
    const raw = testRaws(first.tests!)
    expect(JSON.parse(raw(2))).toEqual(['BN-1', '20/11/2026', '21/11/2026', 'RT-PCR', 'dương tính', 'G\\1', 'Phòng "A"\tB\\C\nD', '22.5'])
    expect(JSON.parse(raw(4))[0]).toBe('BN-2')
    // Two rows of one sample (reference, day, method) both go: the writer keeps the last.
    expect([...second.tests!.lines]).toEqual([6, 7])
    expect(readCopy(second.tests!.copy).map((r) => r.slice(1, 6))).toEqual([
      ['BN-4', 'pcr', '2026-11-21', null, 'negative'],
      ['BN-4', 'pcr', '2026-11-21', null, 'positive'],
    ])
  })

  it('writes each batch whole into buffers that come back from the main thread', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `R-${i},2026-11-${String(1 + (i % 28)).padStart(2, '0')},,pcr,negative,,${'Phòng xét nghiệm '.repeat(1 + (i % 7))}${i},`)
    const read: (string | null)[][] = []
    const raws: string[] = []
    const batches = await parse(['ref,sample_date,result_date,method,result,pool_id,lab,ct', ...rows].join('\n'), 7, (b) => {
      read.push(...readCopy(b.tests!.copy))
      const raw = testRaws(b.tests!)
      raws.push(...[...b.tests!.lines].map((line) => JSON.parse(raw(line))[0] as string))
    })
    expect(batches).toHaveLength(8)
    expect(read.map((r) => [r[0], r[1], r[7]])).toEqual(rows.map((_, i) => [String(i + 2), `R-${i}`, `${'Phòng xét nghiệm '.repeat(1 + (i % 7))}${i}`]))
    expect(raws).toEqual(rows.map((_, i) => `R-${i}`))
  })
})
