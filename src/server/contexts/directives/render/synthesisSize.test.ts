import { describe, expect, it } from 'vitest'
import { synthesisSample } from './samples.ts'
import { type Block, DETAIL_ASSIGNMENTS_LIMIT, OVERDUE_ROWS_LIMIT, synthesisContent, type TableBlock } from './synthesisContent.ts'
import { renderSynthesisDocx } from './synthesis.ts'

const tables = (c: ReturnType<typeof synthesisContent>) => c.blocks.filter((b: Block): b is TableBlock => b.kind === 'table')
const assignmentsOf = (r: ReturnType<typeof synthesisSample>) => r.directives.reduce((n, d) => n + d.tasks.reduce((m, t) => m + t.assignments.length, 0), 0)

describe('synthesis report at a year\'s volume', () => {
  it('lists every task of a small period', () => {
    const r = synthesisSample(3, 4)
    expect(assignmentsOf(r)).toBeLessThanOrEqual(DETAIL_ASSIGNMENTS_LIMIT)
    const groups = tables(synthesisContent(r)).flatMap((t) => t.rows).filter((row) => row.kind === 'group')
    expect(groups).toHaveLength(12)
  })

  it('gives one line per directive and the longest delays when the period is large, and still renders', { timeout: 60_000 }, async () => {
    const r = synthesisSample(400, 6)
    expect(assignmentsOf(r)).toBeGreaterThan(DETAIL_ASSIGNMENTS_LIMIT)
    const content = synthesisContent(r)
    const [, perDirective, overdue] = tables(content)
    expect(tables(content).flatMap((t) => t.rows).some((row) => row.kind === 'group')).toBe(false)
    expect(perDirective!.rows).toHaveLength(400)
    expect(JSON.stringify(perDirective!.rows[0])).toContain(r.directives[0]!.symbol!)
    expect(r.overdue.length).toBeGreaterThan(OVERDUE_ROWS_LIMIT)
    expect(overdue!.rows).toHaveLength(OVERDUE_ROWS_LIMIT)
    const text = JSON.stringify(content.blocks)
    expect(text).toContain('bảng tính Excel kèm theo')
    const docx = await renderSynthesisDocx(r)
    expect(docx.length).toBeLessThan(2_000_000)
  })
})
