import { readFile } from 'node:fs/promises'
import { BANDS, parseChecklist, type Checklist } from '../../../domain/safety/checklist.ts'
import { SHIPPED_CHECKLISTS, shippedChecklist } from '../../../domain/safety/national.ts'
import { type Score, ScoreError, score } from '../../../domain/safety/score.ts'
import { AppError } from '../../platform/errors.ts'

// `phongdich safety score`: a form scored by the same function as the browser and the server,
// from files, no database. Every problem is an AppError the command prints in Vietnamese.

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    throw new AppError(1, 'SAFETY_FILE', `Không đọc được ${what} "${file}": ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'không có tệp này' : (err as Error).message}.`)
  }
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new AppError(1, 'SAFETY_JSON', `${what[0]!.toUpperCase()}${what.slice(1)} "${file}" không phải JSON hợp lệ: ${(err as Error).message}.`)
  }
}

/** A shipped checklist by key, or a checklist file (.json) such as a province's saved version. */
async function checklistOf(keyOrFile: string): Promise<Checklist> {
  if (keyOrFile.endsWith('.json')) {
    const parsed = parseChecklist(await readJson(keyOrFile, 'tệp bộ tiêu chí'))
    if (!parsed.ok) throw new AppError(1, 'CHECKLIST_INVALID', `Bộ tiêu chí chưa hợp lệ: ${parsed.problems.join(' ')}`)
    return parsed.checklist
  }
  const c = shippedChecklist(keyOrFile)
  if (!c) throw new AppError(1, 'CHECKLIST_UNKNOWN', `Không có bộ tiêu chí "${keyOrFile}". Các bộ có sẵn: ${SHIPPED_CHECKLISTS.map((x) => x.key).join(', ')}; hoặc đưa tệp .json.`)
  return c
}

export async function scoreCommand(opts: { checklist: string; answers: string }): Promise<Pick<Score, 'points' | 'max' | 'percent' | 'band' | 'critical'>> {
  const checklist = await checklistOf(opts.checklist)
  const raw = await readJson(opts.answers, 'tệp câu trả lời')
  // A file may hold the answers alone or {answers: {...}} as the API takes them.
  const answers = raw && typeof raw === 'object' && !Array.isArray(raw) && 'answers' in raw ? (raw as { answers: unknown }).answers : raw
  try {
    const s = score(checklist, answers as Record<string, string>)
    return { points: s.points, max: s.max, percent: s.percent, band: s.band, critical: s.critical }
  } catch (e) {
    if (e instanceof ScoreError) throw new AppError(1, 'ANSWERS_INVALID', e.message)
    throw e
  }
}

export function scoreText(s: Pick<Score, 'points' | 'max' | 'percent' | 'band' | 'critical'>): string {
  const lines = [`${String(s.points).replace('.', ',')}/${String(s.max).replace('.', ',')} điểm (${String(s.percent).replace('.', ',')}%): ${s.band ? BANDS[s.band].vi : '—'}`]
  for (const c of s.critical) lines.push(`  Tiêu chí bắt buộc không đạt: ${c.item} — ${c.text} (${c.option})`)
  return lines.join('\n')
}
