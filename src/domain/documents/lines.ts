import { foldKeep } from './folding.ts'
import { type Normalized, normalizeSource, originalSpan } from './normalize.ts'
import type { Span } from './types.ts'

export interface Line {
  index: number
  /** Offsets in the normalised text. */
  start: number
  end: number
  text: string
  /** `text` folded character for character. */
  f: string
}

/** The normalised document, split in lines, with a way back to the original offsets. */
export interface Doc {
  norm: Normalized
  text: string
  f: string
  lines: Line[]
}

export function makeDoc(input: string): Doc {
  const norm = normalizeSource(input)
  const text = norm.text
  const f = foldKeep(text)
  const lines: Line[] = []
  let start = 0
  let index = 0
  while (start <= text.length) {
    const nl = text.indexOf('\n', start)
    const end = nl === -1 ? text.length : nl
    lines.push({ index, start, end, text: text.slice(start, end), f: f.slice(start, end) })
    index++
    if (nl === -1) break
    start = nl + 1
  }
  return { norm, text, f, lines }
}

export function spanOf(doc: Doc, from: number, to: number): Span {
  return originalSpan(doc.norm, from, to)
}

export function isBlank(line: Line | undefined): boolean {
  return !line || line.text.trim() === ''
}

/** Index of the next non-blank line at or after `i`, or `limit` when none. */
export function nextFilled(lines: Line[], i: number, limit = lines.length): number {
  let j = i
  while (j < limit && isBlank(lines[j])) j++
  return j
}

/** Lowercase first letter: a line that continues the previous sentence after an OCR line break. */
export function startsLower(text: string): boolean {
  const m = /\p{L}/u.exec(text)
  if (!m || m.index > 3) return false
  const c = m[0]
  return c === c.toLowerCase() && c !== c.toUpperCase()
}

/** Joins lines into running text: single line breaks become spaces, blank lines one newline; bullets keep their line. */
export function flow(text: string): string {
  const paragraphs = text.split(/\n\s*\n/).map((para) => {
    let out = ''
    for (const raw of para.split('\n')) {
      const l = raw.trim()
      if (!l) continue
      out += out === '' ? l : /^[-–—+•]\s/.test(l) ? `\n${l}` : ` ${l}`
    }
    return out
  })
  return paragraphs.filter((p) => p.length > 0).join('\n')
}
