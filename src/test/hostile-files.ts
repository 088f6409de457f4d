import { Readable } from 'node:stream'
import { deflateSync } from 'node:zlib'
import yazl from 'yazl'

// Hostile and huge inputs for the abuse tests and the responsiveness benchmark, built in memory
// in a fraction of a second (the bombs are small files that inflate to a great deal).

function zipOf(entries: [string, Buffer | Readable][]): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  for (const [name, content] of entries) {
    if (Buffer.isBuffer(content)) zip.addBuffer(content, name, { compress: true })
    else zip.addReadStream(content, name, { compress: true })
  }
  zip.end()
  const chunks: Buffer[] = []
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c))
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)))
    zip.outputStream.on('error', reject)
  })
}

const CONTENT_TYPES = (parts: string) =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${parts}</Types>`,
  )

/** A .docx whose word/document.xml inflates to about `inflatedBytes` (spaces inside one paragraph). */
export function docxBomb(inflatedBytes: number): Promise<Buffer> {
  const head = '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">'
  const tail = '</w:t></w:r></w:p></w:body></w:document>'
  const body = Buffer.alloc(Math.max(0, inflatedBytes - head.length - tail.length), 0x20)
  return zipOf([
    ['[Content_Types].xml', CONTENT_TYPES('<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>')],
    [
      '_rels/.rels',
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
    ],
    ['word/document.xml', Buffer.concat([Buffer.from(head), body, Buffer.from(tail)])],
  ])
}

/**
 * An .xlsx whose first sheet has a header (Mã, Dân số, Năm) and `rows` rows from `row(i)`, the
 * sheet streamed into the archive (an 8-million-row sheet never exists whole in memory).
 */
export function xlsxTable(rows: number, row: (i: number) => [string, number, number], options: { sameRow?: boolean } = {}): Promise<Buffer> {
  const cell = (ref: string, v: string | number) => (typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`)
  function* sheet() {
    yield Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cell('A1', 'Mã')}${cell('B1', 'Dân số')}${cell('C1', 'Năm')}</row>`,
    )
    if (options.sameRow) {
      // The same row again and again compresses to almost nothing: an 8-million-row bomb of ~3 MB.
      const [code, pop, year] = row(0)
      const one = Buffer.from(`<row r="2">${cell('A2', code)}${cell('B2', pop)}${cell('C2', year)}</row>`.repeat(10_000))
      for (let i = 0; i < rows; i += 10_000) yield one
      yield Buffer.from('</sheetData></worksheet>')
      return
    }
    let chunk: string[] = []
    for (let i = 0; i < rows; i++) {
      const [code, pop, year] = row(i)
      const r = i + 2
      chunk.push(`<row r="${r}">${cell(`A${r}`, code)}${cell(`B${r}`, pop)}${cell(`C${r}`, year)}</row>`)
      if (chunk.length === 10_000) {
        yield Buffer.from(chunk.join(''))
        chunk = []
      }
    }
    yield Buffer.from(`${chunk.join('')}</sheetData></worksheet>`)
  }
  return zipOf([
    [
      '[Content_Types].xml',
      CONTENT_TYPES(
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
      ),
    ],
    [
      '_rels/.rels',
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    ],
    [
      'xl/workbook.xml',
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Dân số" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    ],
    [
      'xl/_rels/workbook.xml.rels',
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    ],
    ['xl/worksheets/sheet1.xml', Readable.from(sheet())],
  ])
}

/** A one-page PDF whose content stream (FlateDecode) inflates to about `inflatedBytes`. */
export function pdfFlateBomb(inflatedBytes: number): Buffer {
  const line = Buffer.from('BT /F1 12 Tf 72 720 Td (phongdich) Tj ET\n')
  const content = Buffer.alloc(inflatedBytes)
  for (let i = 0; i + line.length <= inflatedBytes; i += line.length) line.copy(content, i)
  const stream = deflateSync(content, { level: 9 })
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n')]
  const offsets: number[] = []
  let at = chunks[0]!.length
  objects.forEach((o, i) => {
    offsets.push(at)
    const obj =
      o === null
        ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n')])
        : Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`)
    chunks.push(obj)
    at += obj.length
  })
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`
  chunks.push(Buffer.from(xref))
  return Buffer.concat(chunks)
}

/** A population CSV of `rows` rows from `row(i)`. */
export function csvTable(rows: number, row: (i: number) => [string, number, number]): Buffer {
  const out: string[] = ['Mã,Dân số,Năm']
  for (let i = 0; i < rows; i++) out.push(row(i).join(','))
  return Buffer.from(`${out.join('\n')}\n`)
}
