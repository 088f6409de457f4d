import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import { LEVEL_COLOURS } from '../../../domain/safety/checklist.ts'
import { MapView } from '../../ui/MapView.tsx'
import type { PublicMap } from './api.ts'

const GREY = '#6b7785'

/** Points of the answer as GeoJSON: each facility with its level (0: no result or expired). */
function pointsOf(data: PublicMap) {
  return {
    type: 'FeatureCollection' as const,
    features: data.facilities
      .filter((f) => f.location)
      .map((f) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [f.location!.lon, f.location!.lat] },
        properties: { id: f.id, name: f.name, level: f.expired || !f.level ? 0 : f.level },
      })),
  }
}

function clustersOf(data: PublicMap) {
  return {
    type: 'FeatureCollection' as const,
    features: data.clusters.map((c, i) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [c.lon, c.lat] },
      properties: { id: i, count: c.count, worst: c.levels.reduce((w, n, k) => (n > 0 ? k + 1 : w), 0) },
    })),
  }
}

function bounds(data: PublicMap): [[number, number], [number, number]] | null {
  const pts = data.facilities.filter((f) => f.location).map((f) => [f.location!.lon, f.location!.lat] as const)
  const all = pts.length ? pts : data.clusters.map((c) => [c.lon, c.lat] as const)
  if (!all.length) return null
  const lons = all.map((p) => p[0])
  const lats = all.map((p) => p[1])
  return [
    [Math.min(...lons) - 0.02, Math.min(...lats) - 0.02],
    [Math.max(...lons) + 0.02, Math.max(...lats) + 0.02],
  ]
}

const levelColour = ['match', ['get', 'level'], 1, LEVEL_COLOURS[0], 2, LEVEL_COLOURS[1], 3, LEVEL_COLOURS[2], 4, LEVEL_COLOURS[3], 5, LEVEL_COLOURS[4], GREY] as unknown as string

/**
 * The public map: facilities coloured by their band (MapLibre clusters them in the browser when
 * close together); past the server's limit, the server's grid clusters sized by count.
 */
export default function SafetyMap({ data, label, onSelect }: { data: PublicMap; label: string; onSelect: (id: number) => void }) {
  const mapRef = useRef<MapLibreMap | null>(null)
  const selectRef = useRef(onSelect)
  selectRef.current = onSelect

  useEffect(() => {
    const map = mapRef.current
    if (!map) return
    ;(map.getSource('facilities') as GeoJSONSource | undefined)?.setData(pointsOf(data))
    ;(map.getSource('grid') as GeoJSONSource | undefined)?.setData(clustersOf(data))
    const b = bounds(data)
    if (b) map.fitBounds(b, { padding: 20, duration: 0, maxZoom: 15 })
  }, [data])

  return (
    <MapView
      label={label}
      onLoad={(map) => {
        mapRef.current = map
        map.addSource('facilities', { type: 'geojson', data: pointsOf(data), cluster: true, clusterRadius: 40, clusterMaxZoom: 13, clusterProperties: { worst: ['max', ['get', 'level']] } })
        map.addSource('grid', { type: 'geojson', data: clustersOf(data) })
        const clusterColour = ['match', ['get', 'worst'], 1, LEVEL_COLOURS[0], 2, LEVEL_COLOURS[1], 3, LEVEL_COLOURS[2], 4, LEVEL_COLOURS[3], 5, LEVEL_COLOURS[4], GREY] as unknown as string
        for (const source of ['facilities', 'grid']) {
          map.addLayer({
            id: `${source}-clusters`,
            type: 'circle',
            source,
            filter: source === 'grid' ? ['has', 'count'] : ['has', 'point_count'],
            paint: {
              'circle-color': clusterColour,
              'circle-opacity': 0.75,
              'circle-radius': ['interpolate', ['linear'], ['get', source === 'grid' ? 'count' : 'point_count'], 2, 12, 100, 22, 5000, 36],
              'circle-stroke-color': '#fff',
              'circle-stroke-width': 1.5,
            },
          })
        }
        map.addLayer({
          id: 'facilities-points',
          type: 'circle',
          source: 'facilities',
          filter: ['!', ['has', 'point_count']],
          paint: { 'circle-color': levelColour, 'circle-radius': 7, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 },
        })
        map.on('click', 'facilities-points', (e) => {
          const id = e.features?.[0]?.properties?.id
          if (typeof id === 'number') selectRef.current(id)
        })
        map.on('click', 'facilities-clusters', (e) => {
          const f = e.features?.[0]
          if (f?.geometry.type === 'Point') map.easeTo({ center: f.geometry.coordinates as [number, number], zoom: map.getZoom() + 2 })
        })
        const b = bounds(data)
        if (b) map.fitBounds(b, { padding: 20, duration: 0, maxZoom: 15 })
      }}
    />
  )
}
