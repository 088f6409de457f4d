import { type Map as MapLibreMap, Map as MlMap, NavigationControl, setWorkerUrl, type StyleSpecification } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { type ReactNode, useEffect, useRef } from 'react'
import { useI18n } from '../app/i18n.tsx'

// The bundler does not see MapLibre's worker file on its own; point MapLibre at the emitted copy.
setWorkerUrl(workerUrl)

declare global {
  interface Window {
    /** The map on screen, for the browser tests. */
    __phongdichMap?: MapLibreMap
  }
}

/**
 * Only a plain background: the installation is often offline, so there are no tiles and no
 * glyph server. Layers come from the caller; labels are HTML.
 */
const BLANK_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e6edf2' } }],
}

interface Props {
  label: string
  className?: string
  /** Called once the style has loaded: add sources, layers and handlers here. */
  onLoad: (map: MapLibreMap) => void
  children?: ReactNode
}

export function MapView({ label, className, onLoad, children }: Props) {
  const { t } = useI18n()
  const container = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const onLoadRef = useRef(onLoad)
  onLoadRef.current = onLoad
  const texts = useRef({ zoomIn: t('map.zoomIn'), zoomOut: t('map.zoomOut'), reset: t('map.resetNorth') })

  useEffect(() => {
    if (!container.current) return
    const map = new MlMap({
      container: container.current,
      style: BLANK_STYLE,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      renderWorldCopies: false,
      locale: {
        'NavigationControl.ZoomIn': texts.current.zoomIn,
        'NavigationControl.ZoomOut': texts.current.zoomOut,
        'NavigationControl.ResetBearing': texts.current.reset,
      },
    })
    map.touchZoomRotate.disableRotation()
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    map.once('load', () => onLoadRef.current(map))
    mapRef.current = map
    window.__phongdichMap = map
    return () => {
      if (window.__phongdichMap === map) delete window.__phongdichMap
      mapRef.current = null
      map.remove()
    }
  }, [])

  useEffect(() => {
    mapRef.current?.getCanvas().setAttribute('aria-label', label)
  }, [label])

  return (
    <div className={className ? `map-view ${className}` : 'map-view'}>
      <div ref={container} className="map-canvas" />
      {children}
    </div>
  )
}
