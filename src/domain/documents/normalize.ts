import type { Span } from './types.ts'

/**
 * Text cleaned of markup and layout noise, with the range of the original input each
 * character came from, so that spans found on the clean text point into what the user pasted.
 */
export interface Normalized {
  text: string
  starts: number[]
  ends: number[]
  originalLength: number
}

function emptyNormalized(originalLength: number): Normalized {
  return { text: '', starts: [], ends: [], originalLength }
}

/** Precomposes base letters with their combining marks (NFC) one cluster at a time. */
function composeClusters(input: string): Normalized {
  const out = emptyNormalized(input.length)
  const parts: string[] = []
  const cluster = /\P{M}\p{M}*|\p{M}+/gsu
  for (let m = cluster.exec(input); m; m = cluster.exec(input)) {
    const s = m.index
    const e = s + m[0].length
    const composed = m[0].length === 1 ? m[0] : m[0].normalize('NFC')
    parts.push(composed)
    for (let k = 0; k < composed.length; k++) {
      out.starts.push(s)
      out.ends.push(e)
    }
  }
  out.text = parts.join('')
  return out
}

/**
 * Rewrites every match of `re` (which must be global) with `replacement`; inserted characters
 * take the source range of the whole match.
 */
export function replaceMapped(src: Normalized, re: RegExp, replacement: (m: RegExpExecArray) => string): Normalized {
  const parts: string[] = []
  const starts: number[] = []
  const ends: number[] = []
  let last = 0
  const copy = (from: number, to: number) => {
    if (to <= from) return
    parts.push(src.text.slice(from, to))
    for (let k = from; k < to; k++) {
      starts.push(src.starts[k] ?? src.originalLength)
      ends.push(src.ends[k] ?? src.originalLength)
    }
  }
  re.lastIndex = 0
  for (let m = re.exec(src.text); m; m = re.exec(src.text)) {
    if (m[0].length === 0) {
      re.lastIndex++
      continue
    }
    const from = m.index
    const to = from + m[0].length
    copy(last, from)
    const rep = replacement(m)
    const s = src.starts[from] ?? src.originalLength
    const e = src.ends[to - 1] ?? src.originalLength
    parts.push(rep)
    for (let k = 0; k < rep.length; k++) {
      starts.push(s)
      ends.push(e)
    }
    last = to
  }
  copy(last, src.text.length)
  return { text: parts.join(''), starts, ends, originalLength: src.originalLength }
}

const constant = (s: string) => () => s

/**
 * Steps in order. Markdown emphasis is dropped entirely: asterisks and underscores never carry
 * meaning in these documents, while the converters scatter them inside words and lines.
 */
const STEPS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/\r\n?/g, constant('\n')],
  // A line of four or more tab-separated cells is a table row typed or pasted from Word: cells are kept apart.
  [/^[^\n\t]*(?:\t+[^\n\t]*){3,}$/gm, (m) => `| ${m[0].replace(/[ ]*\t+[ ]*/g, ' | ')} |`],
  [/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g, constant(' ')],
  [/[\u200b-\u200d\u2060\ufeff\u00ad]/g, constant('')],
  [/<br\s*\/?>/gi, constant('\n')],
  [/<\/?(?:sup|sub|b|i|u|em|strong|span|p|div|font|small)\b[^>\n]{0,200}>/gi, constant('')],
  [/\\([\\`*_{}[\]()#+\-.!|~>"'])/g, (m) => m[1] ?? ''],
  [/\*+/g, constant('')],
  [/_+/g, constant('')],
  [/^[ ]*#{1,6}(?=[ ]|$)/gm, constant('')],
  [/^[ ]*>[ ]?/gm, constant('')],
  [/^[ ]+|[ ]+$/gm, constant('')],
  [/[ ]{2,}/g, constant(' ')],
]

/** Cleans a pasted document: NFC, markdown and HTML noise, odd spaces, ragged line ends. */
export function normalizeSource(input: string): Normalized {
  let n = composeClusters(input)
  for (const [re, rep] of STEPS) n = replaceMapped(n, re, rep)
  return n
}

/** The original-input span of the normalised range [from, to). */
export function originalSpan(n: Normalized, from: number, to: number): Span {
  const len = n.text.length
  const a = Math.max(0, Math.min(from, len))
  const b = Math.max(a, Math.min(to, len))
  if (b === a) {
    const at = a < len ? (n.starts[a] ?? n.originalLength) : n.originalLength
    return [at, at]
  }
  const s = n.starts[a] ?? n.originalLength
  const e = n.ends[b - 1] ?? n.originalLength
  return [Math.min(s, e), Math.max(s, e)]
}
