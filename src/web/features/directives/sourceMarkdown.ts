/**
 * A pasted markdown document as runs of the original text, so the source pane can show emphasis
 * and headings as such while every span the parser found still points at the same characters:
 * the runs cover the text end to end, and only the markup characters (`**`, `*`, `# `) are
 * marked `syntax`, to be left out of what is shown.
 */
export interface SourceRun {
  from: number
  to: number
  syntax: boolean
  strong: boolean
  em: boolean
  heading: boolean
}

type Style = Pick<SourceRun, 'strong' | 'em' | 'heading'>

/** `**strong**` (which may hold `*em*`), or `*em*` not inside a word or a number ("5*3" stays). */
const INLINE = /\*\*(?=[^\s*])([^\n]*?[^\s*])\*\*|(?<![\p{L}\p{N}*])\*(?=[^\s*])((?:[^*\n]*[^\s*])?)\*(?!\*)/gu

const HEADING = /^[ ]{0,3}#{1,6}(?:[ ]+|$)/

export function sourceRuns(text: string): SourceRun[] {
  const runs: SourceRun[] = []
  const push = (from: number, to: number, syntax: boolean, style: Style) => {
    if (to > from) runs.push({ from, to, syntax, ...style })
  }
  const inline = (from: number, to: number, style: Style) => {
    const part = text.slice(from, to)
    const re = new RegExp(INLINE.source, INLINE.flags)
    let at = 0
    for (let m = re.exec(part); m; m = re.exec(part)) {
      const start = m.index
      const strong = m[1] !== undefined
      const mark = strong ? 2 : 1
      const end = start + m[0].length
      push(from + at, from + start, false, style)
      push(from + start, from + start + mark, true, style)
      if (strong) inline(from + start + mark, from + end - mark, { ...style, strong: true })
      else push(from + start + mark, from + end - mark, false, { ...style, em: true })
      push(from + end - mark, from + end, true, style)
      at = end
    }
    push(from + at, to, false, style)
  }
  let lineStart = 0
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart)
    const lineEnd = newline < 0 ? text.length : newline
    const heading = HEADING.exec(text.slice(lineStart, lineEnd))
    const style: Style = { strong: false, em: false, heading: heading !== null }
    const contentStart = lineStart + (heading?.[0].length ?? 0)
    push(lineStart, contentStart, true, style)
    inline(contentStart, lineEnd, style)
    push(lineEnd, newline < 0 ? lineEnd : lineEnd + 1, false, { strong: false, em: false, heading: false })
    lineStart = lineEnd + 1
  }
  return runs
}
