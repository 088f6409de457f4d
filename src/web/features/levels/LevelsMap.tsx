import type { ExpressionSpecification, GeoJSONSourceSpecification, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl'
import { useCallback, useState } from 'react'
import { useT } from '../../app/i18n.tsx'
import { MapView } from '../../ui/MapView.tsx'
import { NO_DATA_COLOR } from '../units/choropleth.ts'
import { fitToCommunes } from '../surveillance/mapFit.ts'
import type { ChildrenMap } from '../units/api.ts'
import { LEVEL_COLORS } from './api.ts'

const levelColor = ['match', ['get', 'level'], 1, LEVEL_COLORS[1]!, 2, LEVEL_COLORS[2]!, 3, LEVEL_COLORS[3]!, 4, LEVEL_COLORS[4]!, NO_DATA_COLOR] as ExpressionSpecification

/** Communes coloured green, yellow, orange or red by level, on the offline map (a table sits beside it). */
export default function LevelsMap({ communes, levels, label }: { communes: Pick<ChildrenMap, 'children' | 'outline'>; levels: Map<string, number | null>; label: string }) {
  const t = useT()
  const [hover, setHover] = useState<{ x: number; y: number; name: string; level: number | null } | null>(null)
  const onLoad = useCallback(
    (map: MapLibreMap) => {
      const data = { ...communes.children, features: communes.children.features.map((f) => ({ ...f, properties: { ...f.properties, level: levels.get(f.properties.code) ?? null } })) }
      map.addSource('levels', { type: 'geojson', data: data as GeoJSONSourceSpecification['data'] })
      map.addLayer({ id: 'levels-fill', type: 'fill', source: 'levels', paint: { 'fill-color': levelColor, 'fill-opacity': 0.85 } })
      map.addLayer({ id: 'levels-line', type: 'line', source: 'levels', paint: { 'line-color': '#ffffff', 'line-width': 0.6 } })
      fitToCommunes(map, communes as ChildrenMap)
      map.on('mousemove', 'levels-fill', (e: MapLayerMouseEvent) => {
        const p = e.features?.[0]?.properties
        if (p) setHover({ x: e.point.x, y: e.point.y, name: String(p.fullName), level: p.level === null || p.level === undefined ? null : Number(p.level) })
      })
      map.on('mouseleave', 'levels-fill', () => setHover(null))
    },
    [communes, levels],
  )
  return (
    <figure className="commune-map">
      <MapView label={label} onLoad={onLoad}>
        {hover ? (
          <div className="map-tooltip" style={{ left: hover.x, top: hover.y }} aria-hidden="true">
            <strong>{hover.name}</strong>
            <span>{hover.level ? t('lv.level', { n: hover.level }) : t('lv.noLevel')}</span>
          </div>
        ) : null}
      </MapView>
      <figcaption className="map-legend">
        <ul>
          {[1, 2, 3, 4].map((l) => (
            <li key={l}>
              <span className="swatch" style={{ background: LEVEL_COLORS[l] }} aria-hidden="true" />
              {t(`lv.levelName.${l}` as 'lv.levelName.1')}
            </li>
          ))}
          <li>
            <span className="swatch" style={{ background: NO_DATA_COLOR }} aria-hidden="true" />
            {t('lv.noLevel')}
          </li>
        </ul>
      </figcaption>
    </figure>
  )
}
