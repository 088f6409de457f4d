import type { SKRSContext2D } from '@napi-rs/canvas'
import { CANVAS_FONT, drawPicture, hatch, type Picture } from '../directives/render/canvas.ts'

/**
 * The daily report's map: the unit's communes coloured by the epidemic level in force (the web's
 * green, yellow, orange, red; grey where none is published), drawn from their stored outlines on
 * a server-side canvas with an equirectangular projection scaled by the cosine of the latitude —
 * plain enough at a province's size — with islands where they lie, a legend and a scale bar.
 */

export interface MapCommune {
  code: string
  level: number | null
  /** The outline as GeoJSON text (Polygon or MultiPolygon), parsed where the map is drawn. */
  geometry: string
}

type Ring = [number, number][]
type Polygon = Ring[]

/** The polygons of a GeoJSON Polygon or MultiPolygon; anything else has none. */
export function polygonsOf(geometry: string): Polygon[] {
  const g = JSON.parse(geometry) as { type?: string; coordinates?: unknown }
  if (g.type === 'Polygon') return [g.coordinates as Polygon]
  if (g.type === 'MultiPolygon') return g.coordinates as Polygon[]
  return []
}

export interface Bounds {
  west: number
  east: number
  south: number
  north: number
}

export function boundsOf(polygons: Iterable<Polygon>): Bounds | null {
  const b = { west: Infinity, east: -Infinity, south: Infinity, north: -Infinity }
  for (const polygon of polygons)
    for (const ring of polygon)
      for (const [lon, lat] of ring) {
        if (lon < b.west) b.west = lon
        if (lon > b.east) b.east = lon
        if (lat < b.south) b.south = lat
        if (lat > b.north) b.north = lat
      }
  return Number.isFinite(b.west) ? b : null
}

export interface Projection {
  /** Pixels across and down of a point (longitude, latitude). */
  project: (lon: number, lat: number) => [number, number]
  /** Size of the drawn area, padding included. */
  width: number
  height: number
  /** Pixels per kilometre, for the scale bar. */
  pxPerKm: number
}

const KM_PER_DEGREE = 111.32

/**
 * Fits `bounds` into at most `maxWidth`×`maxHeight` pixels with `padding` around, keeping
 * proportions: longitudes shrink by the cosine of the middle latitude, north is up.
 */
export function projection(bounds: Bounds, maxWidth: number, maxHeight: number, padding: number): Projection {
  const k = Math.cos((((bounds.north + bounds.south) / 2) * Math.PI) / 180)
  const spanX = Math.max((bounds.east - bounds.west) * k, 1e-9)
  const spanY = Math.max(bounds.north - bounds.south, 1e-9)
  const scale = Math.min((maxWidth - 2 * padding) / spanX, (maxHeight - 2 * padding) / spanY)
  const width = Math.ceil(spanX * scale + 2 * padding)
  const height = Math.ceil(spanY * scale + 2 * padding)
  return {
    project: (lon, lat) => [padding + (lon - bounds.west) * k * scale, padding + (bounds.north - lat) * scale],
    width,
    height,
    pxPerKm: scale / KM_PER_DEGREE,
  }
}

/** The web's level colours (levels map and badges) and its colour for "no data". */
export const LEVEL_COLORS: Record<number, string> = { 1: '#2e9d4a', 2: '#f2c53d', 3: '#f08a24', 4: '#d7301f' }
export const NO_LEVEL_COLOR = '#d0d0d0'
export const LEVEL_LEGEND: Record<number, string> = { 1: 'Cấp 1 – nguy cơ thấp', 2: 'Cấp 2 – nguy cơ trung bình', 3: 'Cấp 3 – nguy cơ cao', 4: 'Cấp 4 – nguy cơ rất cao' }
const NO_LEVEL_LEGEND = 'Chưa có cấp độ công bố'

/** Most pixels the map takes each way, and the legend's column beside it. */
const MAP_MAX = { width: 1160, height: 1000 }
const LEGEND_WIDTH = 430
const PADDING = 24
const INK = '#1b1f24'

/** Fills by level: hatching on levels 3 and 4 keeps them apart from 1 and 2 on a black-and-white print. */
function fills(g: SKRSContext2D): Record<string, string | CanvasPattern> {
  return {
    '1': LEVEL_COLORS[1]!,
    '2': LEVEL_COLORS[2]!,
    '3': hatch(g, LEVEL_COLORS[3]!, '/', 'rgba(90,40,0,0.55)', 14, 2),
    '4': hatch(g, LEVEL_COLORS[4]!, 'x', 'rgba(40,0,0,0.6)', 14, 2),
    none: NO_LEVEL_COLOR,
  }
}

function tracePolygon(g: SKRSContext2D, polygon: Polygon, p: Projection['project']): void {
  for (const ring of polygon) {
    ring.forEach(([lon, lat], i) => {
      const [x, y] = p(lon, lat)
      if (i === 0) g.moveTo(x, y)
      else g.lineTo(x, y)
    })
    g.closePath()
  }
}

/** A round length for the scale bar: about a fifth of the map's width. */
function scaleKm(pxPerKm: number, mapWidth: number): number {
  const want = mapWidth / 5 / pxPerKm
  const steps = [1, 2, 5, 10, 20, 25, 50, 100, 200]
  return steps.reduce((best, s) => (Math.abs(s - want) < Math.abs(best - want) ? s : best), steps[0]!)
}

function legend(g: SKRSContext2D, x: number, y: number, counts: Map<string, number>, style: Record<string, string | CanvasPattern>): void {
  g.fillStyle = INK
  g.textAlign = 'left'
  g.textBaseline = 'middle'
  g.font = `bold 34px ${CANVAS_FONT}`
  g.fillText('Cấp độ dịch', x, y)
  const rows: [string, string][] = [...([1, 2, 3, 4] as const).map((l): [string, string] => [String(l), LEVEL_LEGEND[l]!]), ['none', NO_LEVEL_LEGEND]]
  rows.forEach(([key, label], i) => {
    const top = y + 44 + i * 66
    g.fillStyle = style[key]!
    g.fillRect(x, top, 52, 44)
    g.strokeStyle = '#6b7280'
    g.lineWidth = 1.5
    g.strokeRect(x, top, 52, 44)
    g.fillStyle = INK
    g.font = `27px ${CANVAS_FONT}`
    g.fillText(label, x + 64, top + 12)
    g.font = `22px ${CANVAS_FONT}`
    g.fillStyle = '#4b5563'
    g.fillText(`${counts.get(key) ?? 0} xã, phường, đặc khu`, x + 64, top + 38)
  })
}

function scaleBar(g: SKRSContext2D, x: number, y: number, pxPerKm: number, mapWidth: number): void {
  const km = scaleKm(pxPerKm, mapWidth)
  const length = km * pxPerKm
  g.fillStyle = INK
  g.fillRect(x, y, length / 2, 8)
  g.strokeStyle = INK
  g.lineWidth = 2
  g.strokeRect(x, y, length, 8)
  g.font = `24px ${CANVAS_FONT}`
  g.textAlign = 'center'
  g.textBaseline = 'top'
  g.fillText('0', x, y + 14)
  g.fillText(`${km} km`, x + length, y + 14)
  // North.
  const nx = x + length + 90
  g.beginPath()
  g.moveTo(nx, y - 44)
  g.lineTo(nx - 12, y - 8)
  g.lineTo(nx, y - 16)
  g.lineTo(nx + 12, y - 8)
  g.closePath()
  g.fill()
  g.textBaseline = 'top'
  g.fillText('B', nx, y + 14)
}

/** The communes coloured by level with the legend on the right; null when no commune has an outline. */
export function levelsMap(communes: MapCommune[]): Picture | null {
  const shapes = communes.map((c) => ({ key: c.level === null ? 'none' : String(c.level), polygons: polygonsOf(c.geometry) })).filter((s) => s.polygons.length > 0)
  const bounds = boundsOf(shapes.flatMap((s) => s.polygons))
  if (!bounds) return null
  const proj = projection(bounds, MAP_MAX.width, MAP_MAX.height, PADDING)
  const counts = new Map<string, number>()
  for (const c of communes) {
    const key = c.level === null ? 'none' : String(c.level)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const height = Math.max(proj.height, 420)
  return drawPicture(proj.width + LEGEND_WIDTH, height, (g) => {
    const style = fills(g)
    g.lineJoin = 'round'
    for (const s of shapes) {
      g.beginPath()
      for (const polygon of s.polygons) tracePolygon(g, polygon, proj.project)
      g.fillStyle = style[s.key]!
      g.fill('evenodd')
      g.strokeStyle = '#ffffff'
      g.lineWidth = 1.6
      g.stroke()
    }
    legend(g, proj.width + 10, PADDING + 20, counts, style)
    scaleBar(g, proj.width + 10, height - PADDING - 40, proj.pxPerKm, proj.width)
  })
}
