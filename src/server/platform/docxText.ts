/**
 * Plain text of the HTML mammoth makes of a Word document. Paragraphs are separated by a blank
 * line, as `extractRawText` does; a table of three or more columns keeps its rows, one line per row
 * with its cells between "|" (the layout the directive parser reads as a task table). Narrower
 * tables (the two-column header block of the official layout) give one paragraph per cell paragraph.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16) || 32)
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)) || 32)
    return ENTITIES[e.toLowerCase()] ?? m
  })
}

export function docxHtmlToText(html: string): string {
  const out: string[] = []
  let para = ''
  let cell = ''
  let row: string[] = []
  let rows: string[][] = []
  let cellParas: string[] = []
  let tableDepth = 0
  const endPara = () => {
    if (tableDepth > 0) {
      cell += (cell && para.trim() ? ' ' : '') + para.trim()
      if (para.trim()) cellParas.push(para.trim())
    } else if (para.trim() || out.length > 0) out.push(`${para.trim()}\n\n`)
    para = ''
  }
  const endTable = () => {
    const wide = rows.length >= 2 && rows.some((r) => r.length >= 3)
    if (wide) out.push(`${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n\n`)
    else for (const p of cellParas) out.push(`${p}\n\n`)
    rows = []
    cellParas = []
  }
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*>|([^<]+)/gi)) {
    if (m[3] !== undefined) {
      para += decode(m[3])
      continue
    }
    const closing = m[1] === '/'
    const tag = (m[2] ?? '').toLowerCase()
    if (tag === 'br') para += tableDepth > 0 ? ' ' : '\n'
    else if (/^(?:p|h[1-6]|li)$/.test(tag) && closing) endPara()
    else if (tag === 'table') {
      if (!closing) {
        endPara()
        tableDepth++
      } else {
        endPara()
        tableDepth = Math.max(0, tableDepth - 1)
        if (tableDepth === 0) endTable()
      }
    } else if (tableDepth === 1 && (tag === 'td' || tag === 'th')) {
      if (closing) {
        endPara()
        row.push(cell.replace(/\|/g, '/').replace(/\s+/g, ' ').trim())
        cell = ''
      }
    } else if (tableDepth === 1 && tag === 'tr') {
      if (closing) {
        rows.push(row)
        row = []
      }
    }
  }
  endPara()
  if (tableDepth > 0) endTable()
  return out.join('').replace(/\n{3,}/g, '\n\n')
}
