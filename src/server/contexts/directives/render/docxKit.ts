import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  type IBorderOptions,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx'
import type { DocumentSystem } from '../../../../domain/documents/types.ts'
import { type FontStyle, textWidthPt } from './fonts.ts'

/** The face both Decree 30/2020/NĐ-CP and Guidance 36-HD/VPTW prescribe. */
export const FONT = 'Times New Roman'

const MM = 1440 / 25.4
/** A4 in twips, and margins inside Decree 30's ranges (top/bottom 20–25, left 30–35, right 15–20 mm). */
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) },
}
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right
/** Both header and signature tables split the text width the same way, so the columns line up. */
export const LEFT_COLUMN = 4100
export const RIGHT_COLUMN = TEXT_WIDTH - LEFT_COLUMN
/** Horizontal padding of borderless layout cells; rules and boxes are centred inside what is left. */
const CELL_PAD = 57
const SINGLE = 240

export type Align = 'left' | 'center' | 'right' | 'justify'
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED } as const

export interface LineStyle {
  size: number
  bold?: boolean
  italics?: boolean
  underline?: boolean
  align?: Align
  before?: number
  after?: number
  keepNext?: boolean
}

/** Every run names the font itself, so the layout survives a template whose Normal style differs. */
export function run(text: string, s: LineStyle): TextRun {
  return new TextRun({
    text,
    font: FONT,
    size: s.size * 2,
    ...(s.bold ? { bold: true } : {}),
    ...(s.italics ? { italics: true } : {}),
    ...(s.underline ? { underline: {} } : {}),
  })
}

/** One single-spaced line, as the header, title and signature blocks are set. */
export function line(text: string, s: LineStyle): Paragraph {
  return new Paragraph({
    children: [run(text, s)],
    alignment: ALIGN[s.align ?? 'center'],
    spacing: { line: SINGLE, before: s.before ?? 0, after: s.after ?? 0 },
    ...(s.keepNext ? { keepNext: true } : {}),
  })
}

/** Lines of a block whose text may carry its own line breaks ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG"). */
export function lines(text: string, s: LineStyle): Paragraph[] {
  return text
    .split('\n')
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .map((t) => line(t, s))
}

/** Body text: justified, first line indented 1.27 cm, spacing 1.15 and 6 pt after. */
export function bodyParagraph(text: string, keepNext = false): Paragraph {
  return new Paragraph({
    children: [run(text, { size: 14 })],
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 720 },
    spacing: { line: 276, before: 0, after: 120 },
    ...(keepNext ? { keepNext: true } : {}),
  })
}

const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 }

function centredIndent(container: number, width: number): { left: number; right: number } {
  const side = Math.max(0, Math.round((container - width) / 2))
  return { left: side, right: side }
}

/** A short centred horizontal rule, drawn as the bottom border of an empty, indented paragraph. */
export function rule(widthTwip: number, containerTwip: number): Paragraph {
  return new Paragraph({
    children: [],
    border: { bottom: RULE },
    indent: centredIndent(containerTwip, widthTwip),
    // A 4 pt exact line puts the border just under the text above rather than a blank line below it.
    spacing: { line: 80, lineRule: 'exact', before: 0, after: 120 },
    run: { size: 2 },
  })
}

/** Width of the longest line of `text`, in twips. */
export function widthTwip(text: string, sizePt: number, style: FontStyle = 'regular'): number {
  return Math.round(Math.max(...text.split('\n').map((t) => textWidthPt(t.trim(), sizePt, style))) * 20)
}

/** The urgency and secrecy marks, bold in a box sized to the word. */
export function boxedMark(text: string, containerTwip: number): Paragraph {
  const size = 13
  const box = widthTwip(text, size, 'bold') + 240
  return new Paragraph({
    children: [run(text, { size, bold: true })],
    alignment: AlignmentType.CENTER,
    border: { top: RULE, bottom: RULE, left: { ...RULE, space: 4 }, right: { ...RULE, space: 4 } },
    indent: centredIndent(containerTwip, box),
    spacing: { line: SINGLE, before: 120, after: 60 },
  })
}

/** A two-column table with no borders, for the header and signature blocks. */
export function layoutTable(left: (Paragraph | Table)[], right: (Paragraph | Table)[]): Table {
  const cell = (children: (Paragraph | Table)[], width: number) =>
    new TableCell({
      children: children.length > 0 ? children : [new Paragraph({})],
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.TOP,
    })
  return new Table({
    rows: [new TableRow({ children: [cell(left, LEFT_COLUMN), cell(right, RIGHT_COLUMN)], cantSplit: true })],
    columnWidths: [LEFT_COLUMN, RIGHT_COLUMN],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { left: CELL_PAD, right: CELL_PAD, top: 0, bottom: 0 },
  })
}

/** Usable width inside a layout column. */
export function inner(column: number): number {
  return column - 2 * CELL_PAD
}

export interface HeaderSpec {
  system: DocumentSystem
  issuerParent: string | null
  issuer: string
  numberLine: string
  placeDate: string
  /** The "V/v …" of a letter, set under the number. */
  letterSummary: string | null
  /** Secrecy then urgency, as Decree 30 orders them. */
  marks: string[]
}

function partyLeft(h: HeaderSpec): Paragraph[] {
  return [
    ...(h.issuerParent ? lines(h.issuerParent, { size: 14 }) : []),
    ...lines(h.issuer, { size: 14, bold: true }),
    line('*', { size: 14 }),
    line(h.numberLine, { size: 14 }),
    ...(h.letterSummary ? lines(h.letterSummary, { size: 12, italics: true, before: 60 }) : []),
  ]
}

/** Decree 30 draws a rule of a third to a half of the issuer's name under it. */
function stateLeft(h: HeaderSpec): Paragraph[] {
  const issuerWidth = Math.min(widthTwip(h.issuer, 13, 'bold'), inner(LEFT_COLUMN))
  return [
    ...(h.issuerParent ? lines(h.issuerParent, { size: 13 }) : []),
    ...lines(h.issuer, { size: 13, bold: true }),
    rule(Math.round(issuerWidth * 0.4), inner(LEFT_COLUMN)),
    line(h.numberLine, { size: 13 }),
    ...(h.letterSummary ? lines(h.letterSummary, { size: 12, before: 60 }) : []),
  ]
}

function partyRight(h: HeaderSpec): Paragraph[] {
  return [
    line('ĐẢNG CỘNG SẢN VIỆT NAM', { size: 15, bold: true, underline: true }),
    line(h.placeDate, { size: 14, italics: true, before: 480 }),
  ]
}

/** The national title, then the motto with a rule as long as the motto itself. */
function stateRight(h: HeaderSpec): Paragraph[] {
  const motto = 'Độc lập - Tự do - Hạnh phúc'
  return [
    line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }),
    line(motto, { size: 13, bold: true }),
    rule(widthTwip(motto, 13, 'bold'), inner(RIGHT_COLUMN)),
    line(h.placeDate, { size: 14, italics: true, before: 60 }),
  ]
}

export function headerTable(h: HeaderSpec): Table {
  const left = h.system === 'party' ? partyLeft(h) : stateLeft(h)
  const marks = h.marks.map((m) => boxedMark(m, inner(LEFT_COLUMN)))
  const right = h.system === 'party' ? partyRight(h) : stateRight(h)
  return layoutTable([...left, ...marks], right)
}

/**
 * Type name and summary, centred under the header. Party documents close the summary with a row of
 * dashes, state documents with a short rule.
 */
export function titleBlock(system: DocumentSystem, typeName: string, summary: string): Paragraph[] {
  const party = system === 'party'
  const title = line(typeName, { size: party ? 16 : 14, bold: true, before: 360, keepNext: true })
  const summaryLines = lines(summary, { size: 14, bold: true, keepNext: true })
  const close = party ? line('-----', { size: 14, after: 240 }) : rule(Math.round(TEXT_WIDTH / 4), TEXT_WIDTH)
  return [title, ...summaryLines, close]
}

/** Where the addressee list starts, and where its dashes line up after "Kính gửi:". */
const ADDRESSEE_INDENT = 1418
const ADDRESSEE_TAB = ADDRESSEE_INDENT + 1300

/** "Kính gửi: X." inline for one addressee; for several, "- …" lines aligned under the first. */
export function addresseeBlock(single: string | null, several: string[]): Paragraph[] {
  const size = 14
  if (single) {
    return [new Paragraph({ children: [run(`Kính gửi: ${single}`, { size })], alignment: AlignmentType.CENTER, spacing: { line: SINGLE, before: 240, after: 240 } })]
  }
  return several.map(
    (item, i) =>
      new Paragraph({
        children: [run(i === 0 ? `Kính gửi:\t${item}` : item, { size })],
        indent: { left: ADDRESSEE_TAB, hanging: i === 0 ? ADDRESSEE_TAB - ADDRESSEE_INDENT : 0 },
        tabStops: [{ type: TabStopType.LEFT, position: ADDRESSEE_TAB }],
        spacing: { line: SINGLE, before: i === 0 ? 240 : 0, after: i === several.length - 1 ? 240 : 0 },
      }),
  )
}

export interface SignatureSpec {
  system: DocumentSystem
  recipients: string[]
  authorityLines: string[]
  signer: string
}

/**
 * Decree 30 sets "Nơi nhận:" bold italic with 11 pt entries; Party documents underline it, upright,
 * with 12 pt entries.
 */
function recipientsCell(system: DocumentSystem, recipients: string[]): Paragraph[] {
  if (recipients.length === 0) return []
  const party = system === 'party'
  const label = line('Nơi nhận:', party ? { size: 12, underline: true, align: 'left' } : { size: 12, bold: true, italics: true, align: 'left' })
  return [label, ...recipients.map((r) => line(r, { size: party ? 12 : 11, align: 'left' }))]
}

/** The authority lines, four blank lines for the signature and seal, then the signer's name. */
function signerCell(s: SignatureSpec): Paragraph[] {
  const blank = () => line('', { size: 14 })
  return [
    ...s.authorityLines.map((t) => line(t, { size: 14, bold: true })),
    blank(),
    blank(),
    blank(),
    blank(),
    line(s.signer, { size: 14, bold: true }),
  ]
}

export function signatureTable(s: SignatureSpec): Table {
  return layoutTable(recipientsCell(s.system, s.recipients), signerCell(s))
}

/** The page number, centred at the top from the second page on, as Decree 30 places it. */
function pageNumberHeader(): Header {
  return new Header({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 28 })] })],
  })
}

export function officialDocument(children: (Paragraph | Table)[], title: string): Document {
  return new Document({
    title,
    styles: { default: { document: { run: { font: FONT, size: 28 }, paragraph: { spacing: { line: 276, after: 120 } } } } },
    sections: [
      {
        properties: {
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin },
          titlePage: true,
        },
        headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({})] }) },
        children,
      },
    ],
  })
}

export async function pack(doc: Document): Promise<Buffer> {
  return Packer.toBuffer(doc)
}
