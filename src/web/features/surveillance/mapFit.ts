import type { GeoJSONSourceSpecification, Map as MapLibreMap } from 'maplibre-gl'
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

/** The province's communes as a plain grey ground under the layers of a surveillance map. */
export function addCommuneGround(map: MapLibreMap, communes: ChildrenMap): void {
  map.addSource('communes', { type: 'geojson', data: communes.children as GeoJSONSourceSpecification['data'] })
  map.addLayer({ id: 'communes-fill', type: 'fill', source: 'communes', paint: { 'fill-color': '#f4f6f8' } })
  map.addLayer({ id: 'communes-line', type: 'line', source: 'communes', paint: { 'line-color': '#a3b2be', 'line-width': 0.6 } })
}
