import { AlignmentType, BorderStyle, type IBorderOptions, ImageRun, Paragraph, Table, TableCell, TableLayoutType, TableRow, VerticalAlignTable, WidthType } from 'docx'
import { bodyParagraph, headerTable, line, officialDocument, PAGE, run, signatureTable, TEXT_WIDTH, titleBlock } from './docxKit.ts'
import { type Block, type CellAlign, fitImage, IMAGE_MAX_HEIGHT_SHARE, type ImageBlock, type Row, type SynthesisContent, type TableBlock } from './synthesisContent.ts'

const TABLE_SIZE = 11
const CELL_LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
const CELL_BORDERS = { top: CELL_LINE, bottom: CELL_LINE, left: CELL_LINE, right: CELL_LINE, insideHorizontal: CELL_LINE, insideVertical: CELL_LINE }
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const

function cellParagraphs(text: string, align: CellAlign, bold: boolean): Paragraph[] {
  return text.split('\n').map(
    (t) =>
      new Paragraph({
        children: [run(t, { size: TABLE_SIZE, bold })],
        alignment: ALIGN[align],
        spacing: { line: 240, before: 0, after: 0 },
      }),
  )
}

function cell(text: string, width: number, align: CellAlign, opts: { bold?: boolean; span?: number } = {}): TableCell {
  return new TableCell({
    children: cellParagraphs(text, align, opts.bold ?? false),
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    ...(opts.span && opts.span > 1 ? { columnSpan: opts.span } : {}),
  })
}

/** Column widths in twips from the shares, the rounding remainder given to the last column. */
function widths(t: TableBlock): number[] {
  const out = t.columns.map((c) => Math.floor((c.share / 100) * TEXT_WIDTH))
  out[out.length - 1]! += TEXT_WIDTH - out.reduce((a, b) => a + b, 0)
  return out
}

function headerRow(t: TableBlock, w: number[]): TableRow {
  return new TableRow({ children: t.columns.map((c, i) => cell(c.title, w[i]!, 'center', { bold: true })), tableHeader: true, cantSplit: true })
}

/** Group rows are kept with the row after them so a task never ends a page without its bodies. */
function bodyRow(t: TableBlock, w: number[], row: Row): TableRow {
  if (row.kind === 'group') {
    const rest = w.slice(1).reduce((a, b) => a + b, 0)
    return new TableRow({
      children: [cell(row.ref, w[0]!, 'center', { bold: true }), cell(row.text, rest, 'left', { bold: true, span: w.length - 1 })],
      cantSplit: true,
      keepNext: true,
    })
  }
  return new TableRow({ children: row.cells.map((text, i) => cell(text, w[i]!, t.columns[i]?.align ?? 'left')), cantSplit: true })
}

function dataTable(t: TableBlock): Table {
  const w = widths(t)
  return new Table({
    rows: [headerRow(t, w), ...t.rows.map((r) => bodyRow(t, w, r))],
    columnWidths: w,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: CELL_BORDERS,
    margins: { left: 70, right: 70, top: 30, bottom: 30 },
  })
}

function heading(text: string): Paragraph {
  return new Paragraph({
    children: [run(text, { size: 14, bold: true })],
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 720 },
    spacing: { line: 276, before: 120, after: 120 },
    keepNext: true,
  })
}

/** Twips per pixel: Word sizes pictures in pixels at 96 to the inch. */
const TWIPS_PER_PX = 15
const TEXT_HEIGHT = PAGE.height - PAGE.margin.top - PAGE.margin.bottom

/** The picture centred on its own line, kept on the page of its caption. */
function image(b: ImageBlock): Paragraph[] {
  const size = fitImage(b, TEXT_WIDTH / TWIPS_PER_PX, (TEXT_HEIGHT * IMAGE_MAX_HEIGHT_SHARE) / TWIPS_PER_PX)
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: b.png,
          transformation: { width: Math.floor(size.width), height: Math.floor(size.height) },
          altText: { name: b.caption, title: b.caption, description: b.alt },
        }),
      ],
      alignment: AlignmentType.CENTER,
      spacing: { line: 240, before: 120, after: 60 },
      keepNext: true,
    }),
    new Paragraph({
      children: [run(b.caption, { size: 13, italics: true })],
      alignment: AlignmentType.CENTER,
      spacing: { line: 240, before: 0, after: 200 },
    }),
  ]
}

function blockElements(b: Block, last: boolean): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
    case 'subheading':
      return [heading(b.text)]
    case 'paragraph':
      // The closing paragraph stays with the signature below it.
      return [bodyParagraph(b.text, last)]
    case 'table':
      // Word runs a paragraph straight into a table with no gap; a small one after restores the rhythm.
      return [dataTable(b), line('', { size: 6, after: 120 })]
    case 'image':
      return image(b)
  }
}

export function synthesisDocument(c: SynthesisContent, title: string, recipients: string[] = []) {
  const system = c.system ?? 'party'
  const children: (Paragraph | Table)[] = [
    headerTable({ system, issuerParent: c.issuerParent, issuer: c.issuer, numberLine: c.numberLine, placeDate: c.placeDate, letterSummary: null, marks: [] }),
    ...titleBlock(system, c.typeName, c.title),
    ...c.blocks.flatMap((b, i) => blockElements(b, i === c.blocks.length - 1)),
    signatureTable({ system, recipients, authorityLines: c.authorityLines, signer: c.signer }),
  ]
  return officialDocument(children, title)
}
