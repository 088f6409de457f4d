import type { GeoJSONSource, GeoJSONSourceSpecification, Map as MapLibreMap, MapLayerMouseEvent, MapLayerTouchEvent, MapMouseEvent, MapTouchEvent } from 'maplibre-gl'
import { useCallback, useEffect, useRef } from 'react'
import { useI18n } from '../../app/i18n.tsx'
import { MapView } from '../../ui/MapView.tsx'
import type { ChildrenMap } from '../units/api.ts'
import { boundsOf } from '../units/choropleth.ts'
import type { ZoneMap } from './api.ts'
import { addCommuneGround, fitToCommunes } from './mapFit.ts'
import { type DraftAction, draftFeatures, type LngLat, type PolygonDraft } from './polygonDraft.ts'

const DRAW_COLOR = '#0b5cad'
/** Pixels around a click in which a vertex counts as hit. */
const HIT = 8

interface Props {
  communes: ChildrenMap
  /** The zones already in force, drawn faintly beneath for reference. */
  others: ZoneMap | undefined
  draft: PolygonDraft
  dispatch: (a: DraftAction) => void
  /** The deciding unit: a commune of the map is framed while nothing is drawn. */
  focusCode: string | null
}

const data = (x: unknown) => x as GeoJSONSourceSpecification['data']

/** Frames the drawing, else the deciding commune, else the province. */
function frame(map: MapLibreMap, communes: ChildrenMap, draft: PolygonDraft, focusCode: string | null) {
  const drawn = draft.fixed ? draft.fixed.coordinates : draft.vertices
  const commune = communes.children.features.find((f) => f.properties.code === focusCode)
  const b = boundsOf(drawn)
  if (b.west > b.east && commune) boundsOf(commune.geometry.coordinates, b)
  if (b.west > b.east) {
    fitToCommunes(map, communes)
    return
  }
  map.fitBounds(
    [
      [b.west, b.south],
      [b.east, b.north],
    ],
    { padding: 60, duration: 0, maxZoom: 15 },
  )
}

/**
 * The map a zone's area is drawn on: a click adds a vertex, a click on the first vertex closes
 * the ring, a vertex is dragged to move it (mouse or finger). Only MapLibre's own events and two
 * GeoJSON sources: nothing is fetched.
 */
export default function ZoneDrawMap({ communes, others, draft, dispatch, focusCode }: Props) {
  const { t } = useI18n()
  const mapRef = useRef<MapLibreMap | null>(null)
  const draftRef = useRef(draft)
  draftRef.current = draft
  const dispatchRef = useRef(dispatch)
  dispatchRef.current = dispatch
  const focusRef = useRef(focusCode)
  focusRef.current = focusCode

  const onLoad = useCallback(
    (map: MapLibreMap) => {
      mapRef.current = map
      addCommuneGround(map, communes)
      map.addLayer({
        id: 'communes-focus',
        type: 'line',
        source: 'communes',
        filter: ['==', ['get', 'code'], focusRef.current ?? ''],
        paint: { 'line-color': '#52606d', 'line-width': 2, 'line-dasharray': [2, 1] },
      })
      map.addSource('others', { type: 'geojson', data: data({ type: 'FeatureCollection', features: others?.features ?? [] }) })
      map.addLayer({ id: 'others-fill', type: 'fill', source: 'others', paint: { 'fill-color': '#8a97a3', 'fill-opacity': 0.18 } })
      const f = draftFeatures(draftRef.current)
      map.addSource('draw-shape', { type: 'geojson', data: data(f.shape) })
      map.addSource('draw-vertices', { type: 'geojson', data: data(f.vertices) })
      map.addLayer({ id: 'draw-fill', type: 'fill', source: 'draw-shape', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': DRAW_COLOR, 'fill-opacity': 0.25 } })
      map.addLayer({ id: 'draw-line', type: 'line', source: 'draw-shape', paint: { 'line-color': DRAW_COLOR, 'line-width': 2 } })
      map.addLayer({
        id: 'draw-vertices',
        type: 'circle',
        source: 'draw-vertices',
        paint: {
          'circle-radius': ['case', ['get', 'first'], 7, 5],
          'circle-color': ['case', ['get', 'first'], '#ffd166', '#ffffff'],
          'circle-stroke-color': DRAW_COLOR,
          'circle-stroke-width': 2,
        },
      })
      frame(map, communes, draftRef.current, focusRef.current)

      const canvas = map.getCanvas()
      const cursor = () => {
        canvas.style.cursor = draftRef.current.closed || draftRef.current.fixed ? '' : 'crosshair'
      }
      cursor()
      const vertexAt = (p: { x: number; y: number }): number | null => {
        const hit = map.queryRenderedFeatures(
          [
            [p.x - HIT, p.y - HIT],
            [p.x + HIT, p.y + HIT],
          ],
          { layers: ['draw-vertices'] },
        )[0]
        return hit ? Number(hit.properties.index) : null
      }
      const lngLat = (e: { lngLat: { lng: number; lat: number } }): LngLat => [e.lngLat.lng, e.lngLat.lat]

      // Dragging a vertex: the first move is one undo step, the rest continue it.
      let dragging: number | null = null
      let moved = false
      let dragEndedAt = 0
      const onMove = (e: MapMouseEvent | MapTouchEvent) => {
        if (dragging === null) return
        dispatchRef.current({ type: 'move', index: dragging, to: lngLat(e), continues: moved })
        moved = true
      }
      const onUp = () => {
        map.off('mousemove', onMove)
        map.off('touchmove', onMove)
        map.off('mouseup', onUp)
        map.off('touchend', onUp)
        if (moved) dragEndedAt = performance.now()
        dragging = null
        moved = false
        cursor()
      }
      const startDrag = (e: MapLayerMouseEvent | MapLayerTouchEvent) => {
        const index = vertexAt(e.point)
        if (index === null) return
        if ('points' in e && e.points.length !== 1) return
        e.preventDefault()
        dragging = index
        moved = false
        canvas.style.cursor = 'grabbing'
        map.on('mousemove', onMove)
        map.on('touchmove', onMove)
        map.on('mouseup', onUp)
        map.on('touchend', onUp)
      }
      map.on('mousedown', 'draw-vertices', startDrag)
      map.on('touchstart', 'draw-vertices', startDrag)
      map.on('mouseenter', 'draw-vertices', () => {
        if (dragging === null) canvas.style.cursor = 'move'
      })
      map.on('mouseleave', 'draw-vertices', () => {
        if (dragging === null) cursor()
      })
      map.on('click', (e: MapMouseEvent) => {
        // The end of a drag is not a click that adds a vertex.
        if (performance.now() - dragEndedAt < 300) return
        const d = draftRef.current
        const index = vertexAt(e.point)
        if (index !== null) {
          if (index === 0 && !d.closed) dispatchRef.current({ type: 'close' })
          return
        }
        dispatchRef.current({ type: 'add', at: lngLat(e) })
      })
      // A double click closes the ring instead of zooming in.
      map.doubleClickZoom.disable()
      map.on('dblclick', (e: MapMouseEvent) => {
        e.preventDefault()
        dispatchRef.current({ type: 'close' })
      })
    },
    [communes, others],
  )

  // Another deciding unit chosen before anything is drawn: frame it.
  useEffect(() => {
    const map = mapRef.current
    if (!map) return
    map.setFilter('communes-focus', ['==', ['get', 'code'], focusCode ?? ''])
    const d = draftRef.current
    if (d.vertices.length === 0 && !d.fixed) frame(map, communes, d, focusCode)
  }, [focusCode, communes])

  useEffect(() => {
    const map = mapRef.current
    if (!map) return
    const f = draftFeatures(draft)
    ;(map.getSource('draw-shape') as GeoJSONSource | undefined)?.setData(data(f.shape))
    ;(map.getSource('draw-vertices') as GeoJSONSource | undefined)?.setData(data(f.vertices))
    map.getCanvas().style.cursor = draft.closed || draft.fixed ? '' : 'crosshair'
  }, [draft])

  return (
    <div className="zone-draw-map" data-testid="zone-draw-map">
      <MapView label={t('surv.zoneForm.drawMap')} onLoad={onLoad} />
    </div>
  )
}
