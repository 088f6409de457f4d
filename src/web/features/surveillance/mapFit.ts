import type { Map as MapLibreMap } from 'maplibre-gl'
import type { ChildrenMap } from '../units/api.ts'
import { boundsOf } from '../units/choropleth.ts'

/** Frames the map on the province's communes. */
export function fitToCommunes(map: MapLibreMap, communes: ChildrenMap): void {
  const b = boundsOf(communes.children.features.map((f) => f.geometry.coordinates))
  if (b.west > b.east) return
  map.fitBounds(
    [
      [b.west, b.south],
      [b.east, b.north],
    ],
    { padding: 16, duration: 0 },
  )
}
