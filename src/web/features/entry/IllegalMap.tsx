import { LngLatBounds, type GeoJSONSourceSpecification, type Map as MapLibreMap } from 'maplibre-gl'
import { useCallback } from 'react'
import { MapView } from '../../ui/MapView.tsx'
import type { CaseMap } from './api.ts'

/** Communes shaded by people crossing illegally, the cases with a point, and the border gates and crossings. */
export default function IllegalMap({ data, label }: { data: CaseMap; label: string }) {
  const onLoad = useCallback(
    (map: MapLibreMap) => {
      const src = (d: unknown) => ({ type: 'geojson' as const, data: d as GeoJSONSourceSpecification['data'] })
      map.addSource('communes', src(data.communes))
      map.addLayer({
        id: 'communes-fill',
        type: 'fill',
        source: 'communes',
        paint: {
          'fill-color': ['interpolate', ['linear'], ['get', 'people'], 0, '#f1f5f9', 1, '#fde2c8', 10, '#f4a261', 40, '#c1121f'],
          'fill-opacity': 0.75,
        },
      })
      map.addLayer({ id: 'communes-line', type: 'line', source: 'communes', paint: { 'line-color': '#475569', 'line-width': ['case', ['get', 'border'], 2, 0.6] } })
      map.addSource('ports', src(data.ports))
      map.addLayer({ id: 'ports', type: 'circle', source: 'ports', paint: { 'circle-color': '#1d4ed8', 'circle-radius': 6, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } })
      map.addSource('cases', src(data.cases))
      map.addLayer({
        id: 'cases',
        type: 'circle',
        source: 'cases',
        paint: { 'circle-color': '#9d0208', 'circle-radius': ['interpolate', ['linear'], ['get', 'people'], 1, 4, 20, 12], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 },
      })
      const bounds = new LngLatBounds()
      const extend = (c: unknown): void => {
        if (Array.isArray(c) && typeof c[0] === 'number') bounds.extend([c[0], c[1] as number])
        else if (Array.isArray(c)) for (const x of c) extend(x)
      }
      for (const f of data.communes.features) extend((f.geometry as { coordinates?: unknown }).coordinates)
      for (const f of [...data.cases.features, ...data.ports.features]) extend(f.geometry.coordinates)
      if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 30, maxZoom: 11, duration: 0 })
    },
    [data],
  )
  return <MapView label={label} className="entry-map" onLoad={onLoad} />
}
