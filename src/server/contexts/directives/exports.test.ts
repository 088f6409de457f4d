import { PassThrough } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { closeUntrustedPool } from '../../platform/untrusted/pool.ts'
import { tableOffLoop } from './exports.ts'
import { packLines } from './render/packedLines.ts'
import { linesOfReport, synthesisSample } from './render/samples.ts'

afterAll(() => closeUntrustedPool())

describe('the Excel table written in a worker thread', () => {
  it('ends when the writer’s last message arrives, however small the table, while timers keep running', async () => {
    const report = synthesisSample(1, 1)
    const lines = linesOfReport(report)
    let ticks = 0
    const timer = setInterval(() => ticks++, 1)
    try {
      for (let i = 0; i < 10; i++) {
        const out = new PassThrough()
        const [content, rows] = await Promise.all([
          buffer(out),
          tableOffLoop(report, (async function* () { yield packLines(lines) })(), out, async () => {}),
        ])
        expect(rows).toBe(lines.length)
        const wb = new ExcelJS.Workbook()
        await wb.xlsx.load(content as unknown as ArrayBuffer)
        expect(wb.getWorksheet('Nhiệm vụ')!.rowCount).toBe(lines.length + 1)
      }
    } finally {
      clearInterval(timer)
    }
    expect(ticks).toBeGreaterThan(0)
  })

  it('stops the writer and passes the failure on when reading the rows fails', async () => {
    const report = synthesisSample(1, 1)
    const out = new PassThrough()
    out.resume()
    async function* failing() {
      yield packLines(linesOfReport(report))
      throw new Error('mất kết nối cơ sở dữ liệu')
    }
    await expect(tableOffLoop(report, failing(), out, async () => {})).rejects.toThrow('mất kết nối')
  })
})
