import JSZip from 'jszip'
import mammoth from 'mammoth'

/** Reading generated files back, for the renderers' tests. */

export async function docxText(buffer: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer })).value
}

export async function docxPart(buffer: Buffer, part = 'word/document.xml'): Promise<string> {
  const zip = await JSZip.loadAsync(buffer)
  const file = zip.file(part)
  if (!file) throw new Error(`missing part ${part}`)
  return file.async('string')
}

/** The paragraphs (`<w:p>`) whose text contains `needle`, as raw XML. */
export function paragraphsWith(xml: string, needle: string): string[] {
  return (xml.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs) ?? []).filter((p) => p.includes(needle))
}

/** A twip attribute of the first element named `tag`, e.g. twips(xml, 'w:pgMar', 'w:left'). */
export function twips(xml: string, tag: string, attr: string): number {
  const el = new RegExp(`<${tag}\\b[^>]*>`).exec(xml)?.[0] ?? ''
  const value = new RegExp(`${attr}="(-?\\d+)"`).exec(el)?.[1]
  if (value === undefined) throw new Error(`no ${tag} ${attr}`)
  return Number(value)
}

export const mmToTwips = (mm: number) => (mm * 1440) / 25.4

/** Non-blank lines of extracted text, trimmed. */
export function textLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
}

/** The pictures a Word document carries (word/media/…), by part name. */
export async function docxMedia(buffer: Buffer): Promise<{ name: string; bytes: Buffer }[]> {
  const zip = await JSZip.loadAsync(buffer)
  const files = zip.file(/^word\/media\//)
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.async('nodebuffer') })))
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Width and height of a PNG, read from its header; null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (b.length < 24 || !b.subarray(0, 8).equals(PNG_SIGNATURE) || b.toString('latin1', 12, 16) !== 'IHDR') return null
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
}
