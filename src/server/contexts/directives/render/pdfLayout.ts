import PDFDocument from 'pdfkit'
import { type FontStyle, registerTinos } from './fonts.ts'
import { type CellAlign, fitImage, IMAGE_MAX_HEIGHT_SHARE, type ImageBlock, type Row, type TableBlock } from './synthesisContent.ts'

/** Simple flowing layout on pdfkit: A4 with Decree 30 margins, blocks that never split a table row. */

const MM = 72 / 25.4
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM }
const TABLE_SIZE = 11
const PAD = 3

export interface Pdf {
  doc: PDFKit.PDFDocument
  left: number
  width: number
  bottom: number
  done: Promise<Buffer>
}

export function createPdf(title: string, author: string): Pdf {
  const doc = new PDFDocument({ size: 'A4', margins: MARGIN, bufferPages: true, lang: 'vi-VN', info: { Title: title, Author: author } })
  registerTinos(doc)
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.font('regular')
  return { doc, left: MARGIN.left, width: doc.page.width - MARGIN.left - MARGIN.right, bottom: doc.page.height - MARGIN.bottom, done }
}

/** Starts a new page when `height` more points would run past the bottom margin. */
export function ensureSpace(pdf: Pdf, height: number): void {
  if (pdf.doc.y + height > pdf.bottom) pdf.doc.addPage()
}

export interface PdfLine {
  text: string
  size: number
  style?: FontStyle
  underline?: boolean
  before?: number
}

/** Centred lines in a column starting at `y`; returns where the column ends. */
export function column(pdf: Pdf, x: number, width: number, y: number, lines: PdfLine[]): number {
  let cursor = y
  for (const l of lines) {
    cursor += l.before ?? 0
    pdf.doc
      .font(l.style ?? 'regular')
      .fontSize(l.size)
      .text(l.text, x, cursor, { width, align: 'center', underline: l.underline ?? false })
    cursor = pdf.doc.y
  }
  return cursor
}

function linesHeight(pdf: Pdf, width: number, lines: PdfLine[]): number {
  return lines.reduce((h, l) => {
    pdf.doc.font(l.style ?? 'regular').fontSize(l.size)
    return h + (l.before ?? 0) + pdf.doc.heightOfString(l.text, { width })
  }, 0)
}

/** Two centred columns side by side, kept on one page, the cursor left under the taller one. */
export function twoColumns(pdf: Pdf, leftShare: number, left: PdfLine[], right: PdfLine[]): void {
  const lw = pdf.width * leftShare
  const rw = pdf.width - lw
  ensureSpace(pdf, Math.max(linesHeight(pdf, lw, left), linesHeight(pdf, rw, right)))
  const y = pdf.doc.y
  const end = Math.max(column(pdf, pdf.left, lw, y, left), column(pdf, pdf.left + lw, rw, y, right))
  pdf.doc.x = pdf.left
  pdf.doc.y = end
}

export function centred(pdf: Pdf, lines: PdfLine[]): void {
  ensureSpace(pdf, linesHeight(pdf, pdf.width, lines))
  pdf.doc.y = column(pdf, pdf.left, pdf.width, pdf.doc.y, lines)
  pdf.doc.x = pdf.left
}

const BODY = { size: 13, lineGap: 2, after: 6, indent: 36 }

/** A justified body paragraph; pdfkit flows it over a page break on its own. */
export function paragraph(pdf: Pdf, text: string, style: FontStyle = 'regular', keepWithNext = 0): void {
  const { doc } = pdf
  doc.font(style).fontSize(BODY.size)
  const lineHeight = doc.currentLineHeight(true) + BODY.lineGap
  ensureSpace(pdf, lineHeight + keepWithNext)
  doc.text(text, pdf.left, doc.y, { width: pdf.width, align: 'justify', indent: BODY.indent, lineGap: BODY.lineGap, paragraphGap: BODY.after })
  doc.x = pdf.left
}

/** Headings are kept with about three lines of what follows. */
export function heading(pdf: Pdf, text: string): void {
  pdf.doc.moveDown(0.3)
  paragraph(pdf, text, 'bold', 3 * (BODY.size * 1.2))
}

interface Cell {
  text: string
  x: number
  width: number
  align: CellAlign
  style: FontStyle
  /** Header titles sit in the middle of their row; data reads from the top. */
  middle?: boolean
}

function cellHeight(pdf: Pdf, c: Cell): number {
  pdf.doc.font(c.style).fontSize(TABLE_SIZE)
  return pdf.doc.heightOfString(c.text || ' ', { width: c.width - 2 * PAD, align: c.align }) + 2 * PAD
}

function rowHeight(pdf: Pdf, cells: Cell[]): number {
  return Math.max(...cells.map((c) => cellHeight(pdf, c)))
}

/**
 * Draws one row at `y`. A row taller than a whole page is cut to `height` with an ellipsis rather
 * than split, since a split row loses which body and task its second half belongs to.
 */
function drawRow(pdf: Pdf, cells: Cell[], y: number, height: number): void {
  const { doc } = pdf
  for (const c of cells) {
    doc.lineWidth(0.5).rect(c.x, y, c.width, height).stroke()
    const offset = c.middle ? Math.max(0, (height - cellHeight(pdf, c)) / 2) : 0
    doc
      .font(c.style)
      .fontSize(TABLE_SIZE)
      .text(c.text, c.x + PAD, y + PAD + offset, { width: c.width - 2 * PAD, height: height - 2 * PAD + 1, align: c.align, ellipsis: true })
  }
}

function columnXs(pdf: Pdf, t: TableBlock): { x: number; width: number }[] {
  let x = pdf.left
  return t.columns.map((c) => {
    const width = (c.share / 100) * pdf.width
    const out = { x, width }
    x += width
    return out
  })
}

function rowCells(t: TableBlock, xs: { x: number; width: number }[], row: Row): Cell[] {
  if (row.kind === 'group') {
    const rest = xs.slice(1).reduce((w, c) => w + c.width, 0)
    return [
      { text: row.ref, x: xs[0]!.x, width: xs[0]!.width, align: 'center', style: 'bold' },
      { text: row.text, x: xs[1]!.x, width: rest, align: 'left', style: 'bold' },
    ]
  }
  return row.cells.map((text, i) => ({ text, x: xs[i]!.x, width: xs[i]!.width, align: t.columns[i]?.align ?? 'left', style: 'regular' }))
}

interface Measured {
  cells: Cell[]
  height: number
  /** How much must fit with this row: a group row brings its first assignment row along. */
  keep: number
}

/**
 * Row heights, capped so that any row fits on a page under the table header, and a group row with
 * the row after it fits together.
 */
function measure(pdf: Pdf, t: TableBlock, xs: { x: number; width: number }[], maxRow: number): Measured[] {
  const rows: Measured[] = []
  t.rows.forEach((r, i) => {
    const cells = rowCells(t, xs, r)
    const afterGroup = t.rows[i - 1]?.kind === 'group' ? (rows[i - 1]?.height ?? 0) : 0
    const cap = r.kind === 'group' ? maxRow / 2 : maxRow - afterGroup
    rows.push({ cells, height: Math.min(rowHeight(pdf, cells), cap), keep: 0 })
  })
  return rows.map((r, i) => ({ ...r, keep: r.height + (t.rows[i]?.kind === 'group' ? (rows[i + 1]?.height ?? 0) : 0) }))
}

/** A bordered table; the header row is repeated on every page the table runs onto. */
export function table(pdf: Pdf, t: TableBlock): void {
  const { doc } = pdf
  const xs = columnXs(pdf, t)
  const head = t.columns.map((c, i) => ({ text: c.title, x: xs[i]!.x, width: xs[i]!.width, align: 'center' as const, style: 'bold' as const, middle: true }))
  const headHeight = rowHeight(pdf, head)
  const maxRow = pdf.bottom - doc.page.margins.top - headHeight
  const rows = measure(pdf, t, xs, maxRow)
  ensureSpace(pdf, headHeight + (rows[0]?.keep ?? 0))
  let y = doc.y
  drawRow(pdf, head, y, headHeight)
  y += headHeight
  for (const r of rows) {
    if (y + r.keep > pdf.bottom) {
      doc.addPage()
      y = doc.page.margins.top
      drawRow(pdf, head, y, headHeight)
      y += headHeight
    }
    drawRow(pdf, r.cells, y, r.height)
    y += r.height
  }
  doc.x = pdf.left
  doc.y = y + 8
}

const CAPTION_SIZE = 12

/** A picture centred at the text width (lower when too tall), its caption under it, both on one page. */
export function image(pdf: Pdf, b: ImageBlock): void {
  const { doc } = pdf
  const size = fitImage(b, pdf.width, (pdf.bottom - doc.page.margins.top) * IMAGE_MAX_HEIGHT_SHARE)
  doc.font('italic').fontSize(CAPTION_SIZE)
  const caption = doc.heightOfString(b.caption, { width: pdf.width, align: 'center' })
  ensureSpace(pdf, 6 + size.height + 4 + caption)
  const y = doc.y + 6
  doc.image(Buffer.from(b.png.buffer, b.png.byteOffset, b.png.byteLength), pdf.left + (pdf.width - size.width) / 2, y, { width: size.width, height: size.height })
  doc.font('italic').fontSize(CAPTION_SIZE).text(b.caption, pdf.left, y + size.height + 4, { width: pdf.width, align: 'center' })
  doc.x = pdf.left
  doc.y += 10
}

/** "Trang 2/5" centred in the bottom margin of every page, written once the page count is known. */
function pageNumbers(pdf: Pdf): void {
  const { doc } = pdf
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    // Writing inside the bottom margin would make pdfkit open a new page; lift the margin meanwhile.
    const margin = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc
      .font('regular')
      .fontSize(10)
      .text(`Trang ${i + 1}/${range.count}`, pdf.left, doc.page.height - 12 * MM, { width: pdf.width, align: 'center', lineBreak: false })
    doc.page.margins.bottom = margin
  }
}

export async function finish(pdf: Pdf): Promise<Buffer> {
  pageNumbers(pdf)
  pdf.doc.end()
  return pdf.done
}
