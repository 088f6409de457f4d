import { LEFT_COLUMN, TEXT_WIDTH } from './docxKit.ts'
import { centred, createPdf, finish, heading, image, type PdfLine, paragraph, table, twoColumns } from './pdfLayout.ts'
import type { Block, SynthesisContent } from './synthesisContent.ts'

/** The PDF header splits the width as the Word one does, so both versions look alike. */
const LEFT_SHARE = LEFT_COLUMN / TEXT_WIDTH

function headerLines(c: SynthesisContent): { left: PdfLine[]; right: PdfLine[] } {
  const split = (text: string, size: number, style: PdfLine['style']): PdfLine[] =>
    text
      .split('\n')
      .filter((t) => t.trim().length > 0)
      .map((t) => ({ text: t.trim(), size, style }))
  return {
    left: [
      ...(c.issuerParent ? split(c.issuerParent, 14, 'regular') : []),
      ...split(c.issuer, c.system === 'state' ? 13 : 14, 'bold'),
      ...(c.system === 'state' ? [] : [{ text: '*', size: 14 }]),
      { text: c.numberLine, size: c.system === 'state' ? 13 : 14 },
    ],
    right:
      c.system === 'state'
        ? [
            { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size: 12, style: 'bold' },
            { text: 'Độc lập - Tự do - Hạnh phúc', size: 13, style: 'bold', underline: true },
            { text: c.placeDate, size: 14, style: 'italic', before: 6 },
          ]
        : [
            { text: 'ĐẢNG CỘNG SẢN VIỆT NAM', size: 15, style: 'bold', underline: true },
            { text: c.placeDate, size: 14, style: 'italic', before: 24 },
          ],
  }
}

function titleLines(c: SynthesisContent): PdfLine[] {
  return [
    { text: c.typeName, size: c.system === 'state' ? 14 : 16, style: 'bold', before: 18 },
    { text: c.title, size: 14, style: 'bold' },
    ...(c.system === 'state' ? [] : [{ text: '-----', size: 14 }]),
  ]
}

function signatureLines(c: SynthesisContent): PdfLine[] {
  return [...c.authorityLines.map((text): PdfLine => ({ text, size: 14, style: 'bold' })), { text: c.signer, size: 14, style: 'bold', before: 72 }]
}

export async function synthesisPdf(c: SynthesisContent, title: string): Promise<Buffer> {
  const pdf = createPdf(title, c.issuer)
  const header = headerLines(c)
  twoColumns(pdf, LEFT_SHARE, header.left, header.right)
  centred(pdf, titleLines(c))
  pdf.doc.moveDown(0.5)
  for (const b of c.blocks) drawBlock(pdf, b)
  pdf.doc.moveDown(0.5)
  twoColumns(pdf, LEFT_SHARE, [], signatureLines(c))
  return finish(pdf)
}

function drawBlock(pdf: ReturnType<typeof createPdf>, b: Block): void {
  switch (b.kind) {
    case 'heading':
    case 'subheading':
      heading(pdf, b.text)
      return
    case 'paragraph':
      paragraph(pdf, b.text)
      return
    case 'table':
      table(pdf, b)
      return
    case 'image':
      image(pdf, b)
      return
  }
}
