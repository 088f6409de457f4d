import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'

/**
 * Tinos is metric-compatible with Times New Roman, the face both Decree 30/2020/NĐ-CP and Guidance
 * 36-HD/VPTW prescribe, and carries the Vietnamese glyphs; measuring with it gives the widths Word
 * will lay out in Times New Roman.
 */
export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic'

const FILES: Record<FontStyle, string> = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
}

export const FONT_STYLES = Object.keys(FILES) as FontStyle[]

const require = createRequire(import.meta.url)
const cache = new Map<FontStyle, Buffer>()

/** The TTF bytes of one style, read once per process. */
export function tinos(style: FontStyle): Buffer {
  let data = cache.get(style)
  if (!data) {
    data = readFileSync(require.resolve(FILES[style]))
    cache.set(style, data)
  }
  return data
}

/** Registers the four styles under their style names, so callers write `doc.font('bold')`. */
export function registerTinos(doc: PDFKit.PDFDocument): void {
  for (const style of FONT_STYLES) doc.registerFont(style, tinos(style))
}

let measurer: PDFKit.PDFDocument | null = null

/** Width in points of one line of `text`; used to size rules and boxes in the Word header. */
export function textWidthPt(text: string, sizePt: number, style: FontStyle = 'regular'): number {
  if (!measurer) {
    // A page-less document never emits output: it is only a font metrics engine.
    measurer = new PDFDocument({ autoFirstPage: false })
    registerTinos(measurer)
  }
  return measurer.font(style).fontSize(sizePt).widthOfString(text)
}
