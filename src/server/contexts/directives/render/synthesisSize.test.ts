import { describe, expect, it } from 'vitest'
import { synthesisSample } from './samples.ts'
import { type Block, DETAIL_ASSIGNMENTS_LIMIT, MOST_LATE_DIRECTIVES, OVERDUE_ROWS_LIMIT, synthesisContent, type TableBlock } from './synthesisContent.ts'
import { renderSynthesisDocx } from './synthesis.ts'

const tables = (c: ReturnType<typeof synthesisContent>) => c.blocks.filter((b: Block): b is TableBlock => b.kind === 'table')

describe('synthesis report at a year\'s volume', () => {
  it('lists every task of a small period', () => {
    const r = synthesisSample(3, 4)
    expect(r.totals.assignments).toBeLessThanOrEqual(DETAIL_ASSIGNMENTS_LIMIT)
    const groups = tables(synthesisContent(r)).flatMap((t) => t.rows).filter((row) => row.kind === 'group')
    expect(groups).toHaveLength(12)
  })

  it('gives the months, the directives with most late work and the longest delays when the period is large, and still renders', { timeout: 60_000 }, async () => {
    const r = synthesisSample(400, 6)
    expect(r.totals.assignments).toBeGreaterThan(DETAIL_ASSIGNMENTS_LIMIT)
    expect(r.directives).toEqual([])
    const content = synthesisContent(r)
    const [, byMonth, perDirective, overdue] = tables(content)
    expect(tables(content).flatMap((t) => t.rows).some((row) => row.kind === 'group')).toBe(false)
    expect(byMonth!.rows).toHaveLength(r.large!.byMonth.length)
    expect(JSON.stringify(byMonth!.rows[0])).toContain('Tháng 01/2026')
    expect(perDirective!.rows).toHaveLength(MOST_LATE_DIRECTIVES)
    const first = r.large!.mostLate[0]!
    expect(first.late).toBe(Math.max(...r.large!.mostLate.map((d) => d.late)))
    expect(JSON.stringify(perDirective!.rows[0])).toContain(first.symbol)
    expect(r.overdueTotal).toBeGreaterThan(OVERDUE_ROWS_LIMIT)
    expect(overdue!.rows).toHaveLength(OVERDUE_ROWS_LIMIT)
    const text = JSON.stringify(content.blocks)
    expect(text).toContain(`Có ${r.overdueTotal.toLocaleString('vi-VN')} lượt nhiệm vụ trễ hạn`)
    expect(text).toContain('bảng tính Excel kèm theo')
    const docx = await renderSynthesisDocx(r)
    expect(docx.length).toBeLessThan(500_000)
  })
})
