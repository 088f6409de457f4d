import { BANDS, type Band, type BandRule, type Checklist, failsOf, itemMax } from './checklist.ts'

/** Answers of a self-assessment or an inspection: item id → chosen option id. */
export type Answers = Record<string, string>

export interface CriticalFinding {
  item: string
  text: string
  option: string
}

export interface Score {
  points: number
  max: number
  /** points / max × 100, rounded to one decimal; the band is read off this rounded value. */
  percent: number
  /** null while items are unanswered (a form being filled). */
  band: Band | null
  /** Critical items answered with a failing option. */
  critical: CriticalFinding[]
  /** Unanswered items (only when missing answers are allowed). */
  missing: string[]
}

/** A form that cannot be scored: every problem, in Vietnamese. */
export class ScoreError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '))
    this.name = 'ScoreError'
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10
const round2 = (x: number) => Math.round(x * 100) / 100

function holds(rule: BandRule, value: number, criticalFailed: boolean): boolean {
  if (rule.min !== undefined && !(value >= rule.min)) return false
  if (rule.max !== undefined && !(value <= rule.max)) return false
  if (rule.above !== undefined && !(value > rule.above)) return false
  if (rule.below !== undefined && !(value < rule.below)) return false
  if (rule.noCriticalFailure && criticalFailed) return false
  return true
}

/** The band of a measure under a checklist's banding rule (the first rule that holds). */
export function bandOf(banding: Checklist['banding'], value: number, criticalFailed: boolean): Band {
  for (const rule of banding.bands) if (holds(rule, value, criticalFailed)) return rule.band
  // A valid checklist ends with an unconditional rule; keep the worst band as a last resort.
  return banding.bands.at(-1)!.band
}

/**
 * Scores answers against one checklist version. The same function runs in the browser (the live
 * score while a form is filled, `allowMissing`) and on the server (the stored result). Unknown
 * items and options not offered are refused, never ignored.
 */
export function score(checklist: Checklist, answers: Answers, opts: { allowMissing?: boolean } = {}): Score {
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) throw new ScoreError(['Câu trả lời phải là một bảng "mã tiêu chí": "mã lựa chọn".'])
  const problems: string[] = []
  const items = new Map(checklist.items.map((i) => [i.id, i]))
  for (const [key, value] of Object.entries(answers)) {
    const item = items.get(key)
    if (!item) {
      problems.push(`Tiêu chí "${key}" không có trong bộ tiêu chí "${checklist.name}" (phiên bản ${checklist.version}).`)
      continue
    }
    if (typeof value !== 'string' || !item.options.some((o) => o.id === value)) {
      const allowed = item.options.map((o) => `"${o.id}" (${o.label})`).join(', ')
      problems.push(`Tiêu chí "${key}": lựa chọn ${JSON.stringify(value)} không được phép; chỉ chọn một trong ${allowed}.`)
    }
  }
  const missing = checklist.items.filter((i) => !Object.hasOwn(answers, i.id)).map((i) => i.id)
  if (missing.length && !opts.allowMissing) problems.push(`Chưa trả lời ${missing.length} tiêu chí: ${missing.join(', ')}.`)
  if (problems.length) throw new ScoreError(problems)

  let points = 0
  let max = 0
  const critical: CriticalFinding[] = []
  for (const item of checklist.items) {
    max += itemMax(item)
    const chosen = Object.hasOwn(answers, item.id) ? item.options.find((o) => o.id === answers[item.id]) : undefined
    if (!chosen) continue
    points += chosen.points * (item.weight ?? 1)
    if (failsOf(item, checklist.banding.direction).has(chosen.id)) critical.push({ item: item.id, text: item.text, option: chosen.label })
  }
  points = round2(points)
  max = round2(max)
  const percent = max > 0 ? round1((points / max) * 100) : 0
  const measure = checklist.banding.measure === 'percent' ? percent : points
  return { points, max, percent, band: missing.length ? null : bandOf(checklist.banding, measure, critical.length > 0), critical, missing }
}

/** "Nguy cơ thấp (18,5%)". */
export function describeScore(s: Pick<Score, 'band' | 'percent'>): string {
  const label = s.band ? BANDS[s.band].vi : 'Chưa đủ câu trả lời'
  return `${label} (${String(s.percent).replace('.', ',')}%)`
}
