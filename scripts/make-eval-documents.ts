/**
 * Builds the Word and PDF documents of the directive evaluation set from their text sources.
 *
 *   tsx scripts/make-eval-documents.ts
 *
 * data/eval/sources/<set>/<name>.docx.txt → data/eval/<set>/<name>.docx, and .pdf.txt → .pdf.
 * A line is a paragraph; consecutive lines starting with "|" are the rows of one Word table
 * (markdown separator rows "|---|" are skipped), as a department would type a task table in Word.
 * PDFs carry a text layer in Tinos (the Vietnamese glyphs of Times New Roman), one line per line.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import PDFDocument from 'pdfkit'
import { tinos } from '../src/server/contexts/directives/render/fonts.ts'

const root = fileURLToPath(new URL('../', import.meta.url))
const sources = path.join(root, 'data/eval/sources')

const cells = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim())

function paragraph(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, font: 'Times New Roman', size: 26 })] })
}

async function toDocx(text: string): Promise<Buffer> {
  const children: (Paragraph | Table)[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (!line.trim().startsWith('|')) {
      children.push(paragraph(line))
      continue
    }
    const rows: string[][] = []
    while (i < lines.length && (lines[i] ?? '').trim().startsWith('|')) {
      const row = cells(lines[i] ?? '')
      if (!row.every((c) => /^:?-{2,}:?$/.test(c))) rows.push(row)
      i++
    }
    i--
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: rows.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [paragraph(c)] })) })),
      }),
    )
  }
  return Packer.toBuffer(new Document({ creator: 'phongdich', sections: [{ children }] }))
}

function toPdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { CreationDate: new Date(Date.UTC(2024, 0, 1)) } })
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.registerFont('regular', tinos('regular'))
    doc.font('regular').fontSize(12)
    for (const line of text.split('\n')) doc.text(line.length > 0 ? line : ' ')
    doc.end()
  })
}

async function main(): Promise<void> {
  for (const set of readdirSync(sources)) {
    const dir = path.join(sources, set)
    mkdirSync(path.join(root, 'data/eval', set), { recursive: true })
    for (const file of readdirSync(dir)) {
      const m = /^(.*)\.(docx|pdf)\.txt$/.exec(file)
      if (!m) continue
      const text = readFileSync(path.join(dir, file), 'utf8')
      const out = path.join(root, 'data/eval', set, `${m[1]}.${m[2]}`)
      writeFileSync(out, m[2] === 'docx' ? await toDocx(text) : await toPdf(text))
      console.log(path.relative(root, out))
    }
  }
}

await main()
