import type { ExpressionSpecification, GeoJSONSourceSpecification, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl'
import { useCallback, useState } from 'react'
import { formatNumber } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { MapView } from '../../ui/MapView.tsx'
import type { ChildrenMap } from '../units/api.ts'
import { NO_DATA_COLOR } from '../units/choropleth.ts'
import type { Incidence } from './api.ts'
import { fitToCommunes } from './mapFit.ts'

/** Cases per 100,000 people: bands from light to dark red. */
export const INCIDENCE_BANDS = [
  { from: 0, color: '#fff5f0' },
  { from: 1, color: '#fcbba1' },
  { from: 10, color: '#fc9272' },
  { from: 50, color: '#fb6a4a' },
  { from: 100, color: '#de2d26' },
  { from: 300, color: '#a50f15' },
] as const

function incidenceColor(): ExpressionSpecification {
  const [first, ...rest] = INCIDENCE_BANDS
  return ['case', ['==', ['get', 'per100k'], null], NO_DATA_COLOR, ['step', ['get', 'per100k'], first.color, ...rest.flatMap((b) => [b.from, b.color])]] as ExpressionSpecification
}

interface Hover {
  x: number
  y: number
  name: string
  cases: number
  per100k: number | null
}

/** The communes coloured by cases per 100,000 over the period, on the offline map. */
export default function IncidenceMap({ communes, incidence }: { communes: ChildrenMap; incidence: Incidence }) {
  const t = useT()
  const [hover, setHover] = useState<Hover | null>(null)
  const onLoad = useCallback(
    (map: MapLibreMap) => {
      const by = new Map(incidence.communes.map((c) => [c.code, c]))
      const data = {
        ...communes.children,
        features: communes.children.features.map((f) => {
          const c = by.get(f.properties.code)
          return { ...f, properties: { ...f.properties, cases: c?.cases ?? 0, per100k: c?.per100k ?? null } }
        }),
      }
      map.addSource('incidence', { type: 'geojson', data: data as GeoJSONSourceSpecification['data'] })
      map.addLayer({ id: 'incidence-fill', type: 'fill', source: 'incidence', paint: { 'fill-color': incidenceColor(), 'fill-opacity': 0.9 } })
      map.addLayer({ id: 'incidence-line', type: 'line', source: 'incidence', paint: { 'line-color': '#ffffff', 'line-width': 0.6 } })
      fitToCommunes(map, communes)
      map.on('mousemove', 'incidence-fill', (e: MapLayerMouseEvent) => {
        const p = e.features?.[0]?.properties
        if (p) setHover({ x: e.point.x, y: e.point.y, name: String(p.fullName), cases: Number(p.cases), per100k: p.per100k === null || p.per100k === undefined ? null : Number(p.per100k) })
      })
      map.on('mouseleave', 'incidence-fill', () => setHover(null))
    },
    [communes, incidence],
  )
  return (
    <figure className="commune-map">
      <MapView label={t('surv.incidence.map')} onLoad={onLoad}>
        {hover ? (
          <div className="map-tooltip" style={{ left: hover.x, top: hover.y }} aria-hidden="true">
            <strong>{hover.name}</strong>
            <span>{t('surv.incidence.tooltip', { n: formatNumber(hover.cases), rate: hover.per100k === null ? '—' : formatNumber(hover.per100k) })}</span>
          </div>
        ) : null}
      </MapView>
      <figcaption className="map-legend">
        <span className="legend-title">{t('surv.incidence.legend')}</span>
        <ul>
          {INCIDENCE_BANDS.map((band, i) => {
            const next = INCIDENCE_BANDS[i + 1]
            return (
              <li key={band.from}>
                <span className="swatch" style={{ background: band.color }} aria-hidden="true" />
                {next ? `${formatNumber(band.from)}–${formatNumber(next.from)}` : `≥ ${formatNumber(band.from)}`}
              </li>
            )
          })}
          <li>
            <span className="swatch" style={{ background: NO_DATA_COLOR }} aria-hidden="true" />
            {t('map.noData')}
          </li>
        </ul>
      </figcaption>
    </figure>
  )
}
