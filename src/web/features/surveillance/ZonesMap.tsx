import type { ExpressionSpecification, GeoJSONSource, GeoJSONSourceSpecification, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ZONE_KINDS } from '../../../domain/surveillance/zones.ts'
import { useI18n } from '../../app/i18n.tsx'
import { MapView } from '../../ui/MapView.tsx'
import type { ChildrenMap } from '../units/api.ts'
import type { ZoneMap } from './api.ts'
import { addCommuneGround, fitToCommunes } from './mapFit.ts'

export const ZONE_COLORS = { ring_fence: '#f4a261', lockdown: '#d62828', medical_isolation: '#7b2cbf' } as const

const kindColor = ['match', ['get', 'kind'], 'ring_fence', ZONE_COLORS.ring_fence, 'lockdown', ZONE_COLORS.lockdown, ZONE_COLORS.medical_isolation] as ExpressionSpecification

/** The zones in force, over the province's communes. */
export default function ZonesMap({ communes, zones }: { communes: ChildrenMap; zones: ZoneMap }) {
  const { t, locale } = useI18n()
  const [hover, setHover] = useState<{ x: number; y: number; name: string; kind: string } | null>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const zonesRef = useRef(zones)
  zonesRef.current = zones
  const onLoad = useCallback(
    (map: MapLibreMap) => {
      mapRef.current = map
      const zones = zonesRef.current
      addCommuneGround(map, communes)
      map.addSource('zones', { type: 'geojson', data: { type: 'FeatureCollection', features: zones.features } as GeoJSONSourceSpecification['data'] })
      map.addLayer({ id: 'zones-fill', type: 'fill', source: 'zones', paint: { 'fill-color': kindColor, 'fill-opacity': 0.45 } })
      map.addLayer({ id: 'zones-line', type: 'line', source: 'zones', paint: { 'line-color': kindColor, 'line-width': 2 } })
      fitToCommunes(map, communes)
      map.on('mousemove', 'zones-fill', (e: MapLayerMouseEvent) => {
        const p = e.features?.[0]?.properties
        if (p) setHover({ x: e.point.x, y: e.point.y, name: String(p.name), kind: String(p.kindName) })
      })
      map.on('mouseleave', 'zones-fill', () => setHover(null))
    },
    [communes],
  )
  // The list reloaded (a zone saved, ended or deleted): the same map shows the new answer.
  useEffect(() => {
    const source = mapRef.current?.getSource('zones') as GeoJSONSource | undefined
    source?.setData({ type: 'FeatureCollection', features: zones.features } as GeoJSONSourceSpecification['data'] & object)
  }, [zones])
  return (
    <figure className="commune-map">
      <MapView label={t('surv.zones.map')} onLoad={onLoad}>
        {hover ? (
          <div className="map-tooltip" style={{ left: hover.x, top: hover.y }} aria-hidden="true">
            <strong>{hover.name}</strong>
            <span>{hover.kind}</span>
          </div>
        ) : null}
      </MapView>
      <figcaption className="map-legend">
        <ul>
          {(Object.keys(ZONE_COLORS) as (keyof typeof ZONE_COLORS)[]).map((k) => (
            <li key={k}>
              <span className="swatch" style={{ background: ZONE_COLORS[k] }} aria-hidden="true" />
              {ZONE_KINDS[k][locale]}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  )
}
