import { describe, expect, it } from 'vitest'
import { type SourceRun, sourceRuns } from './sourceMarkdown.ts'

const shown = (text: string, runs: SourceRun[]) =>
  runs
    .filter((r) => !r.syntax)
    .map((r) => text.slice(r.from, r.to))
    .join('')

const styled = (text: string, runs: SourceRun[], key: 'strong' | 'em' | 'heading') =>
  runs.filter((r) => !r.syntax && r[key] && text.slice(r.from, r.to).trim()).map((r) => text.slice(r.from, r.to))

describe('sourceRuns', () => {
  const text = ['# CHỈ THỊ', '**Về tăng cường** phòng, chống dịch', '', '1. Sở Y tế *chủ trì*, phối hợp; 5*3 = 15.', '* gạch đầu dòng', '**T/M BAN THƯỜNG VỤ**', '**PHÓ *BÍ* THƯ**'].join('\n')
  const runs = sourceRuns(text)

  it('covers the text end to end, in order, so spans keep their offsets', () => {
    expect(runs[0]?.from).toBe(0)
    expect(runs.at(-1)?.to).toBe(text.length)
    for (let i = 1; i < runs.length; i++) expect(runs[i]?.from).toBe(runs[i - 1]?.to)
    expect(runs.map((r) => text.slice(r.from, r.to)).join('')).toBe(text)
  })

  it('leaves out only the emphasis and heading marks', () => {
    expect(shown(text, runs)).toBe(['CHỈ THỊ', 'Về tăng cường phòng, chống dịch', '', '1. Sở Y tế chủ trì, phối hợp; 5*3 = 15.', '* gạch đầu dòng', 'T/M BAN THƯỜNG VỤ', 'PHÓ BÍ THƯ'].join('\n'))
    expect(runs.filter((r) => r.syntax).map((r) => text.slice(r.from, r.to))).toEqual(['# ', '**', '**', '*', '*', '**', '**', '**', '*', '*', '**'])
  })

  it('marks strong, emphasised and heading text', () => {
    expect(styled(text, runs, 'heading')).toEqual(['CHỈ THỊ'])
    expect(styled(text, runs, 'strong')).toEqual(['Về tăng cường', 'T/M BAN THƯỜNG VỤ', 'PHÓ ', 'BÍ', ' THƯ'])
    expect(styled(text, runs, 'em')).toEqual(['chủ trì', 'BÍ'])
  })

  it('keeps plain text, lone asterisks and empty input as they are', () => {
    expect(sourceRuns('')).toEqual([])
    const plain = 'Kính gửi: Sở Y tế\n** chưa đóng'
    expect(shown(plain, sourceRuns(plain))).toBe(plain)
  })
})
