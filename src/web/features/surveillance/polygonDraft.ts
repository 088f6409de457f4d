import type { ZoneGeometry } from '../../../domain/surveillance/zones.ts'

/** A point on the map: [longitude, latitude]. */
export type LngLat = [number, number]

/**
 * A polygon being drawn on the map: its vertices in order (the ring without its closing point)
 * and whether the ring is closed. A drawing that cannot be edited vertex by vertex (several
 * polygons, holes) is kept whole in `fixed` until it is cleared.
 */
export interface PolygonDraft {
  vertices: LngLat[]
  closed: boolean
  fixed: ZoneGeometry | null
}

/** Each step of a drawing is kept so it can be undone; `past` holds the earlier ones. */
export interface DraftHistory {
  current: PolygonDraft
  past: PolygonDraft[]
}

export type DraftAction =
  | { type: 'add'; at: LngLat }
  | { type: 'move'; index: number; to: LngLat; /** the first move of a drag is kept for undo, the following ones replace it */ continues: boolean }
  | { type: 'close' }
  | { type: 'undo' }
  | { type: 'clear' }
  /** An area given whole (pasted as GeoJSON). */
  | { type: 'load'; geometry: ZoneGeometry | null }

export const EMPTY_DRAFT: PolygonDraft = { vertices: [], closed: false, fixed: null }

/** How many undo steps are kept. */
const MAX_PAST = 200

/** Six decimals: about 10 cm, more than a click can mean. */
const round = (x: number) => Math.round(x * 1e6) / 1e6
const point = (p: LngLat): LngLat => [round(p[0]), round(p[1])]
const same = (a: LngLat, b: LngLat) => a[0] === b[0] && a[1] === b[1]

/** A stored area as a draft: a simple polygon becomes editable vertices, anything else is kept whole. */
export function draftOf(geometry: ZoneGeometry | null): PolygonDraft {
  if (!geometry) return EMPTY_DRAFT
  if (geometry.type === 'Polygon' && geometry.coordinates.length === 1) {
    const ring = geometry.coordinates[0]!
    const open = ring.length > 1 && same(ring[0]!, ring[ring.length - 1]!) ? ring.slice(0, -1) : ring
    return { vertices: open.map((p) => point(p)), closed: true, fixed: null }
  }
  return { vertices: [], closed: false, fixed: geometry }
}

/** The draft as the area to store: a closed ring of three vertices or more, the area kept whole, or nothing. */
export function geometryOf(d: PolygonDraft): ZoneGeometry | null {
  if (d.fixed) return d.fixed
  if (!d.closed || d.vertices.length < 3) return null
  return { type: 'Polygon', coordinates: [[...d.vertices, d.vertices[0]!]] }
}

function step(h: DraftHistory, next: PolygonDraft): DraftHistory {
  return { current: next, past: [...h.past, h.current].slice(-MAX_PAST) }
}

export function draftReducer(h: DraftHistory, a: DraftAction): DraftHistory {
  const d = h.current
  switch (a.type) {
    case 'add': {
      if (d.closed || d.fixed) return h
      const at = point(a.at)
      const last = d.vertices[d.vertices.length - 1]
      if (last && same(last, at)) return h
      return step(h, { ...d, vertices: [...d.vertices, at] })
    }
    case 'move': {
      if (a.index < 0 || a.index >= d.vertices.length) return h
      const vertices = d.vertices.map((v, i) => (i === a.index ? point(a.to) : v))
      return a.continues ? { ...h, current: { ...d, vertices } } : step(h, { ...d, vertices })
    }
    case 'close':
      if (d.closed || d.fixed || d.vertices.length < 3) return h
      return step(h, { ...d, closed: true })
    case 'undo': {
      const previous = h.past[h.past.length - 1]
      return previous ? { current: previous, past: h.past.slice(0, -1) } : h
    }
    case 'clear':
      if (d === EMPTY_DRAFT || (d.vertices.length === 0 && !d.fixed)) return h
      return step(h, EMPTY_DRAFT)
    case 'load':
      return step(h, draftOf(a.geometry))
  }
}

/** What the map draws: the vertices (the first one marked, to close on), and the outline or the area. */
export function draftFeatures(d: PolygonDraft) {
  const vertices = d.vertices.map((v, i) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: v },
    properties: { index: i, first: i === 0 && !d.closed && d.vertices.length >= 3 },
  }))
  const geometry = geometryOf(d)
  const shape = geometry
    ? [{ type: 'Feature' as const, geometry, properties: {} }]
    : d.vertices.length >= 2
      ? [{ type: 'Feature' as const, geometry: { type: 'LineString' as const, coordinates: d.vertices }, properties: {} }]
      : []
  return {
    vertices: { type: 'FeatureCollection' as const, features: vertices },
    shape: { type: 'FeatureCollection' as const, features: shape },
  }
}
