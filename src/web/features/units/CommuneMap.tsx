import type { GeoJSONSourceSpecification, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl'
import { useCallback, useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import { formatNumber } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { MapView } from '../../ui/MapView.tsx'
import type { ChildrenMap, CommuneProperties, FeatureCollection, ProvinceProperties } from './api.ts'
import { boundsOf, DENSITY_BANDS, densityColor, NO_DATA_COLOR } from './choropleth.ts'

interface Props {
  provinces: FeatureCollection<ProvinceProperties>
  communes: ChildrenMap
  compact?: boolean
}

interface Hover {
  x: number
  y: number
  props: CommuneProperties
}

const geojson = (data: unknown, promoteId?: string): GeoJSONSourceSpecification => ({
  type: 'geojson',
  data: data as GeoJSONSourceSpecification['data'],
  ...(promoteId ? { promoteId } : {}),
})

/** The province's communes coloured by population density over the country's province outlines. */
export default function CommuneMap({ provinces, communes, compact }: Props) {
  const t = useT()
  const navigate = useNavigate()
  const [hover, setHover] = useState<Hover | null>(null)
  const hovered = useRef<string | null>(null)

  const onLoad = useCallback(
    (map: MapLibreMap) => {
      map.addSource('provinces', geojson(provinces))
      map.addSource('communes', geojson(communes.children, 'code'))
      if (communes.outline) map.addSource('outline', geojson(communes.outline))
      map.addLayer({ id: 'provinces-fill', type: 'fill', source: 'provinces', paint: { 'fill-color': '#dde4ea' } })
      map.addLayer({ id: 'provinces-line', type: 'line', source: 'provinces', paint: { 'line-color': '#a3b2be', 'line-width': 0.7 } })
      map.addLayer({
        id: 'communes-fill',
        type: 'fill',
        source: 'communes',
        paint: { 'fill-color': densityColor(), 'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 1, 0.88] },
      })
      map.addLayer({
        id: 'communes-line',
        type: 'line',
        source: 'communes',
        paint: {
          'line-color': ['case', ['boolean', ['feature-state', 'hover'], false], '#111111', '#ffffff'],
          'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 2.5, 0.6],
        },
      })
      if (communes.outline) {
        map.addLayer({ id: 'outline-line', type: 'line', source: 'outline', paint: { 'line-color': '#1f3a52', 'line-width': 1.6 } })
      }

      const frame = communes.outline ? communes.outline.geometry.coordinates : communes.children.features.map((f) => f.geometry.coordinates)
      const b = boundsOf(frame)
      if (b.west <= b.east) {
        map.fitBounds(
          [
            [b.west, b.south],
            [b.east, b.north],
          ],
          { padding: compact ? 12 : 24, duration: 0 },
        )
      }

      const setHovered = (code: string | null) => {
        if (hovered.current === code) return
        if (hovered.current) map.setFeatureState({ source: 'communes', id: hovered.current }, { hover: false })
        if (code) map.setFeatureState({ source: 'communes', id: code }, { hover: true })
        hovered.current = code
      }
      map.on('mousemove', 'communes-fill', (e: MapLayerMouseEvent) => {
        const f = e.features?.[0]
        if (!f) return
        const props = f.properties as CommuneProperties
        setHovered(String(props.code))
        map.getCanvas().style.cursor = 'pointer'
        setHover({ x: e.point.x, y: e.point.y, props })
      })
      map.on('mouseleave', 'communes-fill', () => {
        setHovered(null)
        map.getCanvas().style.cursor = ''
        setHover(null)
      })
      map.on('click', 'communes-fill', (e: MapLayerMouseEvent) => {
        const code = e.features?.[0]?.properties?.code
        if (code) navigate(`/units/${code}`)
      })
    },
    [provinces, communes, compact, navigate],
  )

  return (
    <figure className={compact ? 'commune-map compact' : 'commune-map'}>
      <MapView label={t('map.canvasLabel', { name: communes.unit.fullName })} onLoad={onLoad}>
        {hover ? (
          <div className="map-tooltip" style={{ left: hover.x, top: hover.y }} aria-hidden="true">
            <strong>{hover.props.fullName}</strong>
            <span>{t('map.tooltipPopulation', { n: formatNumber(hover.props.population) || '—' })}</span>
            {hover.props.density !== null ? <span>{t('map.tooltipDensity', { n: formatNumber(hover.props.density) })}</span> : null}
          </div>
        ) : null}
      </MapView>
      <figcaption className="map-legend">
        <span className="legend-title">{t('map.legendTitle')}</span>
        <ul>
          {DENSITY_BANDS.map((band, i) => {
            const next = DENSITY_BANDS[i + 1]
            return (
              <li key={band.from}>
                <span className="swatch" style={{ background: band.color }} aria-hidden="true" />
                {i === 0 && next ? `< ${formatNumber(next.from)}` : next ? `${formatNumber(band.from)}–${formatNumber(next.from)}` : `≥ ${formatNumber(band.from)}`}
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
