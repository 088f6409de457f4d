import { UndirectedGraph } from 'graphology'
import forceAtlas2 from 'graphology-layout-forceatlas2'
import FA2LayoutModule from 'graphology-layout-forceatlas2/worker.js'
import { useEffect, useRef, useState } from 'react'
import Sigma from 'sigma'
import { useT } from '../../app/i18n.tsx'
import type { GraphView } from './api.ts'
import { degreeColor } from './labels.ts'

declare global {
  interface Window {
    /** The graph on screen, for the browser journeys: how many people and links it draws. */
    __phongdichGraph?: { nodes: number; edges: number }
  }
}

// A CommonJS module: the bundler hands its class over as the default export, the type checker as `.default`.
const FA2Layout = ((FA2LayoutModule as unknown as { default?: unknown }).default ?? FA2LayoutModule) as typeof FA2LayoutModule.default
type FA2Layout = InstanceType<typeof FA2LayoutModule.default>

/** How long the layout runs on its own: longer for a larger graph, never more than 15 s. */
const layoutMs = (n: number) => Math.min(15_000, 2_000 + n * 1.2)

/** A seeded spread of first positions: people of one degree on one ring, so the layout starts near its end. */
function initialPosition(i: number, degree: number | null): { x: number; y: number } {
  const ring = degree === null ? 6 : Math.min(degree, 5) + 1
  const angle = (i * 2.399963) % (2 * Math.PI) // the golden angle: no two people on the same spot
  const r = ring * 10 + ((i * 7919) % 97) / 20
  return { x: Math.cos(angle) * r, y: Math.sin(angle) * r }
}

/**
 * The transmission graph drawn with WebGL (sigma.js over a graphology graph). The layout
 * (ForceAtlas2) runs in a web worker and moves the nodes in the graph itself, which sigma redraws:
 * React renders this component once per graph, not once per frame.
 */
export default function TransmissionGraph({ data, onOpen }: { data: GraphView; onOpen: (personId: number) => void }) {
  const t = useT()
  const container = useRef<HTMLDivElement>(null)
  const onOpenRef = useRef(onOpen)
  onOpenRef.current = onOpen
  const layoutRef = useRef<FA2Layout | null>(null)
  const [running, setRunning] = useState(false)

  useEffect(() => {
    if (!container.current) return
    const graph = new UndirectedGraph({ allowSelfLoops: false })
    data.nodes.forEach((n, i) => {
      graph.addNode(String(n.id), {
        ...initialPosition(i, n.degree),
        size: n.kind === 'case' ? 7 : n.degree === 1 ? 4.5 : 3.5,
        color: degreeColor(n.degree),
        label: n.degree === null ? n.label : `${n.label} (F${n.degree})`,
        inside: n.inside,
      })
    })
    const link = (a: number, b: number, color: string) => {
      const s = String(a)
      const d = String(b)
      if (s !== d && graph.hasNode(s) && graph.hasNode(d) && !graph.hasEdge(s, d)) graph.addEdge(s, d, { color, size: 1 })
    }
    for (const e of data.edges) link(e.source, e.target, '#b8c2cc')
    for (const l of data.sourceLinks) link(l.source, l.target, '#d62828')

    const renderer = new Sigma(graph, container.current, {
      allowInvalidContainer: true,
      hideEdgesOnMove: graph.order > 3_000,
      labelRenderedSizeThreshold: graph.order > 2_000 ? 9 : 5,
      defaultEdgeColor: '#b8c2cc',
      zIndex: true,
    })
    renderer.on('clickNode', ({ node }) => {
      if (graph.getNodeAttribute(node, 'inside')) onOpenRef.current(Number(node))
    })
    renderer.on('enterNode', () => {
      container.current?.style.setProperty('cursor', 'pointer')
    })
    renderer.on('leaveNode', () => {
      container.current?.style.removeProperty('cursor')
    })

    const layout = new FA2Layout(graph, { settings: { ...forceAtlas2.inferSettings(graph), slowDown: 4 } })
    layoutRef.current = layout
    let timer: number | undefined
    if (graph.order > 1) {
      layout.start()
      setRunning(true)
      timer = window.setTimeout(() => {
        layout.stop()
        setRunning(false)
      }, layoutMs(graph.order))
    }
    window.__phongdichGraph = { nodes: graph.order, edges: graph.size }
    return () => {
      window.clearTimeout(timer)
      layout.kill()
      layoutRef.current = null
      renderer.kill()
      delete window.__phongdichGraph
    }
  }, [data])

  const toggle = () => {
    const layout = layoutRef.current
    if (!layout) return
    if (layout.isRunning()) layout.stop()
    else layout.start()
    setRunning(layout.isRunning())
  }

  return (
    <div className="graph-frame">
      <div ref={container} className="graph-canvas" role="img" aria-label={t('surv.graph.canvas')} data-testid="graph-canvas" />
      <button type="button" className="button-secondary graph-layout-button" onClick={toggle}>
        {running ? t('surv.graph.stopLayout') : t('surv.graph.runLayout')}
      </button>
    </div>
  )
}
