import type { ExpressionSpecification } from 'maplibre-gl'

/** Population density bands (people per km²), chosen so An Giang's communes spread over all of them. */
export const DENSITY_BANDS = [
  { from: 0, color: '#eff3ff' },
  { from: 150, color: '#c6dbef' },
  { from: 300, color: '#9ecae1' },
  { from: 500, color: '#6baed6' },
  { from: 800, color: '#3182bd' },
  { from: 1500, color: '#08519c' },
] as const

export const NO_DATA_COLOR = '#d0d0d0'

export function densityColor(): ExpressionSpecification {
  const [first, ...rest] = DENSITY_BANDS
  const steps = rest.flatMap((b) => [b.from, b.color])
  return ['case', ['==', ['get', 'density'], null], NO_DATA_COLOR, ['step', ['get', 'density'], first.color, ...steps]] as ExpressionSpecification
}

export interface Bounds {
  west: number
  south: number
  east: number
  north: number
}

/** The bounding box of any nesting of [lng, lat] positions. */
export function boundsOf(coordinates: unknown, into: Bounds = { west: 180, south: 90, east: -180, north: -90 }): Bounds {
  if (Array.isArray(coordinates) && typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
    const [lng, lat] = coordinates as [number, number]
    into.west = Math.min(into.west, lng)
    into.east = Math.max(into.east, lng)
    into.south = Math.min(into.south, lat)
    into.north = Math.max(into.north, lat)
  } else if (Array.isArray(coordinates)) {
    for (const c of coordinates) boundsOf(c, into)
  }
  return into
}
