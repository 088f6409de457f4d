import { type Canvas, createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas'
import { tinos } from './fonts.ts'

/**
 * Figures of the reports (charts, maps) drawn on a server-side canvas in the reports' own face,
 * Tinos, which carries the Vietnamese glyphs, and encoded as PNG for the Word and PDF versions.
 * Meant for worker threads: one canvas at a time, freed once encoded.
 */

export const CANVAS_FONT = 'Tinos'

let registered = false

/** Registers Tinos (regular and bold) with the canvas once per thread. */
export function registerCanvasFonts(): void {
  if (registered) return
  GlobalFonts.register(tinos('regular'), CANVAS_FONT)
  GlobalFonts.register(tinos('bold'), CANVAS_FONT)
  registered = true
}

/** A PNG picture and its size in pixels. */
export interface Picture {
  png: Uint8Array
  width: number
  height: number
}

/** A canvas of `width`×`height` pixels on white, drawn by `draw`, then encoded. */
export function drawPicture(width: number, height: number, draw: (g: SKRSContext2D, canvas: Canvas) => void): Picture {
  registerCanvasFonts()
  const canvas = createCanvas(Math.round(width), Math.round(height))
  const g = canvas.getContext('2d')
  g.fillStyle = '#ffffff'
  g.fillRect(0, 0, canvas.width, canvas.height)
  draw(g, canvas)
  return encodePicture(canvas)
}

/** The canvas as PNG, at its own size. */
export function encodePicture(canvas: Canvas): Picture {
  const png = canvas.toBuffer('image/png')
  return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), width: canvas.width, height: canvas.height }
}

/**
 * A repeating tile of `colour` crossed by thin lines, so that a fill stays told apart from its
 * neighbours when the page is printed in black and white: '/' one way, 'x' both ways.
 */
export function hatch(g: SKRSContext2D, colour: string, lines: '/' | 'x', ink = 'rgba(255,255,255,0.85)', size = 12, width = 2.5): CanvasPattern {
  const tile = createCanvas(size, size)
  const t = tile.getContext('2d')
  t.fillStyle = colour
  t.fillRect(0, 0, size, size)
  t.strokeStyle = ink
  t.lineWidth = width
  const diagonal = (flip: boolean) => {
    t.beginPath()
    for (const shift of [-size, 0, size]) {
      t.moveTo(shift, flip ? 0 : size)
      t.lineTo(shift + size, flip ? size : 0)
    }
    t.stroke()
  }
  diagonal(false)
  if (lines === 'x') diagonal(true)
  const pattern = g.createPattern(tile, 'repeat')
  return pattern as unknown as CanvasPattern
}
