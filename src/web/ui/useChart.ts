import type { Chart, ChartOptions } from 'chart.js'
import { useEffect, useRef } from 'react'

/** A chart on a canvas, made once per data and destroyed with the component. */
export function useChart(make: (canvas: HTMLCanvasElement) => Chart, dep: unknown) {
  const ref = useRef<HTMLCanvasElement>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is remade when its data (`dep`) change, not when `make` is a new closure.
  useEffect(() => {
    if (!ref.current) return
    const chart = make(ref.current)
    return () => chart.destroy()
  }, [dep])
  return ref
}

/** Bars stacked by series over days, the legend below: the epidemic curve and the board's trend. */
export const stackedBarOptions: ChartOptions<'bar'> = {
  animation: false,
  responsive: true,
  maintainAspectRatio: false,
  scales: { x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
  plugins: { legend: { position: 'bottom' } },
}
