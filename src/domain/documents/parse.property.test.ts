import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { matcherInputFromDemo } from './demoOrgs.ts'
import { buildOrgMatcher } from './orgMatcher.ts'
import { parseDirective } from './parse.ts'
import type { ParsedDirective, Span } from './types.ts'

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url))
const realLines = readdirSync(dir)
  .filter((f) => /\.(md|txt)$/.test(f))
  .flatMap((f) => readFileSync(`${dir}${f}`, 'utf8').split('\n'))
const demo = matcherInputFromDemo(JSON.parse(readFileSync(fileURLToPath(new URL('../../../data/demo/orgs-91.json', import.meta.url)), 'utf8')))
const matcher = buildOrgMatcher(demo.orgs, demo.groups)

function spansOf(p: ParsedDirective): Span[] {
  return [...Object.values(p.spans), ...p.tasks.map((t) => t.span)].filter((s): s is Span => s !== undefined)
}

function expectWellFormed(text: string, p: ParsedDirective): void {
  for (const [a, b] of spansOf(p)) {
    expect(Number.isInteger(a) && Number.isInteger(b)).toBe(true)
    expect(a).toBeGreaterThanOrEqual(0)
    expect(b).toBeGreaterThanOrEqual(a)
    expect(b).toBeLessThanOrEqual(text.length)
  }
  expect(p.warnings.filter((w) => w.startsWith('Lỗi'))).toEqual([])
  if (p.date !== null) expect(p.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  for (const t of p.tasks) if (t.deadline !== null) expect(t.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/)
}

const markdownNoise = fc.constantFrom('**', '*', '_', '__', '\\*', '\\-', '#', '## ', '> ', '<sup>', '</sup>', '<br>', '\u00a0', '  \n', '\r\n', '\t', '\u200b', '\ufeff', '- ', '1. ', 'I. ', 'a) ', 'T/M ', 'KT. ', 'Số ', 'Kính gửi:', 'Nơi nhận:', 'ngày 31 tháng 2 năm 2021', 'V/v ', 'HỎA TỐC', 'MẬT', 'Giao ', 'chủ trì, phối hợp với ', '\u0301', '\u0323', '\ud800', '\udfff', '😷')

const realLine = fc.constantFrom(...realLines)

describe('parseDirective never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        expectWellFormed(s, parseDirective(s, matcher))
      }),
      { numRuns: 300 },
    )
  })
  it('on graphemes mixed with markdown noise', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), markdownNoise), { maxLength: 80 }), (parts) => {
        const s = parts.join('')
        expectWellFormed(s, parseDirective(s, matcher))
      }),
      { numRuns: 300 },
    )
  })
  it('on random concatenations of real document lines', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 5, arbitrary: realLine }, { weight: 1, arbitrary: markdownNoise }), { maxLength: 120 }), fc.constantFrom('\n', '\n\n', ' ', '\r\n'), (lines, sep) => {
        const s = lines.join(sep)
        expectWellFormed(s, parseDirective(s, matcher))
        expectWellFormed(s, parseDirective(s))
      }),
      { numRuns: 200 },
    )
  })
  it('on huge and degenerate inputs', () => {
    const huge = [
      realLines.join('\n').repeat(8),
      'a'.repeat(200_000),
      '1. '.repeat(20_000),
      '- Sở Y tế, '.repeat(10_000),
      '\n'.repeat(50_000),
      'Giao Sở Y tế chủ trì, phối hợp với '.repeat(3_000),
      '\u0301'.repeat(10_000),
      '😷'.repeat(20_000),
    ]
    for (const s of huge) {
      const started = Date.now()
      expectWellFormed(s, parseDirective(s, matcher))
      expect(Date.now() - started).toBeLessThan(15_000)
    }
  })
  it('on input that is not a string at run time', () => {
    const untyped = parseDirective as (text: unknown) => ParsedDirective
    expect(untyped(undefined).warnings).toContain('Văn bản trống')
    expect(untyped(42).tasks).toEqual([])
  })
})
