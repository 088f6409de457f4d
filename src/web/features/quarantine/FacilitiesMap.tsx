import { LngLatBounds, type GeoJSONSourceSpecification, type Map as MapLibreMap } from 'maplibre-gl'
import { useCallback } from 'react'
import { MapView } from '../../ui/MapView.tsx'
import type { FacilityList } from './api.ts'

const COLORS = { ok: '#2a9d8f', near_full: '#e09f3e', full: '#c1121f' } as const

/** The facilities as points on the offline map, coloured by how full they are. */
export default function FacilitiesMap({ facilities, label }: { facilities: FacilityList['facilities']; label: string }) {
  const onLoad = useCallback(
    (map: MapLibreMap) => {
      const located = facilities.filter((f) => f.lon !== null && f.lat !== null)
      const data = {
        type: 'FeatureCollection',
        features: located.map((f) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [f.lon, f.lat] },
          properties: { id: f.id, name: f.name, color: COLORS[f.fill], occupied: f.occupied, capacity: f.capacity },
        })),
      }
      map.addSource('facilities', { type: 'geojson', data: data as GeoJSONSourceSpecification['data'] })
      map.addLayer({
        id: 'facilities',
        type: 'circle',
        source: 'facilities',
        paint: { 'circle-color': ['get', 'color'], 'circle-radius': 8, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
      })
      if (located.length > 0) {
        const bounds = new LngLatBounds()
        for (const f of located) bounds.extend([f.lon!, f.lat!])
        map.fitBounds(bounds, { padding: 40, maxZoom: 12, duration: 0 })
      }
    },
    [facilities],
  )
  return <MapView label={label} className="q-map" onLoad={onLoad} />
}
