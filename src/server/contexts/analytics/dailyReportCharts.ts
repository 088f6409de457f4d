import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas'
import { BarController, BarElement, BasicPlatform, CategoryScale, Chart, type ChartConfiguration, Legend, LinearScale, LineController, LineElement, PointElement, type Plugin } from 'chart.js'
import { SOURCE_KINDS, type SourceKind } from '../../../domain/surveillance/codes.ts'
import type { UnitCoverage } from '../../../domain/vaccination/coverage.ts'
import { AGE_GROUPS, type AgeGroup, MEASURE_VI, type Measure } from '../../../domain/vaccination/groups.ts'
import { CANVAS_FONT, encodePicture, hatch, type Picture, registerCanvasFonts } from '../directives/render/canvas.ts'

/**
 * The daily report's charts, drawn with Chart.js (the web's chart library) on a server-side canvas
 * in a worker thread: the epidemic curve of the last 30 days by source, and vaccination coverage
 * by age group against the target. Printed charts: no animation, a fixed size, drawn at twice the
 * pixels, and fills told apart in black and white (hatching, light-to-dark shades).
 */

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend)

/** Size in CSS pixels; the PNG has twice as many each way (1600×900). */
const WIDTH = 800
const HEIGHT = 450
const SCALE = 2

/** The web's epidemic-curve colours (surveillance pages), the unknown source hatched for print. */
const SOURCE_COLORS: Record<SourceKind, string> = { imported: '#4e79a7', linked: '#f28e2b', unknown: '#e15759' }
/** Coverage measures from light to dark, so that the three bars of a group read apart in grey too. */
const MEASURE_COLORS: Record<Measure, string> = { at_least_one: '#9ecae1', fully: '#3182bd', boosted: '#08306b' }
const TARGET_COLOR = '#b42318'
const INK = '#1b1f24'
const GRID = '#d9dde3'

export interface CurveSeries {
  from: string
  to: string
  days: { date: string; imported: number; linked: number; unknown: number }[]
}

export interface CoverageSeries {
  totals: UnitCoverage
  target: { measure: Measure; ageGroups: AgeGroup[]; share: number } | null
}

const font = (size: number, weight: 'normal' | 'bold' = 'normal') => ({ family: CANVAS_FONT, size, weight })
const dayMonth = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}`
const percent = (share: number) => `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(share * 100)}%`

/** Draws one chart on its own canvas and frees it once encoded. */
function chartPicture<T extends 'bar'>(config: (g: SKRSContext2D) => ChartConfiguration<T>): Picture {
  registerCanvasFonts()
  const canvas = createCanvas(WIDTH, HEIGHT)
  const g = canvas.getContext('2d')
  const base = config(g)
  const chart = new Chart(g as unknown as CanvasRenderingContext2D, {
    ...base,
    platform: BasicPlatform,
    options: { ...base.options, animation: false, responsive: false, devicePixelRatio: SCALE, layout: { padding: { top: 10, right: 18, left: 4, bottom: 2 } } },
    plugins: [...(base.plugins ?? []), whiteBackground],
  } as ChartConfiguration<T>)
  // Chart.js has grown the canvas to the pixel ratio and drawn on it: the picture is that canvas.
  const out = encodePicture(canvas)
  chart.destroy()
  return out
}

/** Printed on white rather than on a transparent background. */
const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw: (chart) => {
    const g = chart.ctx
    g.save()
    g.fillStyle = '#ffffff'
    g.fillRect(0, 0, chart.width, chart.height)
    g.restore()
  },
}

const axisTitle = (text: string) => ({ display: true, text, color: INK, font: font(16, 'bold') })

/** Cases by day of confirmation, stacked by source: imported, linked to a case or cluster, unknown. */
export function epiCurveChart(curve: CurveSeries): Picture {
  const kinds: SourceKind[] = ['imported', 'linked', 'unknown']
  return chartPicture<'bar'>((g) => ({
    type: 'bar',
    data: {
      labels: curve.days.map((d) => dayMonth(d.date)),
      datasets: kinds.map((k) => ({
        label: SOURCE_KINDS[k].vi,
        data: curve.days.map((d) => d[k]),
        backgroundColor: k === 'unknown' ? hatch(g, SOURCE_COLORS[k], '/') : SOURCE_COLORS[k],
        borderColor: SOURCE_COLORS[k],
        borderWidth: k === 'unknown' ? 1 : 0,
        stack: 'cases',
        categoryPercentage: 0.9,
        barPercentage: 0.9,
      })),
    },
    options: {
      scales: {
        x: { stacked: true, title: axisTitle('Ngày xác định ca bệnh'), ticks: { color: INK, font: font(15), maxRotation: 0, autoSkip: true, autoSkipPadding: 8 }, grid: { display: false } },
        y: { stacked: true, beginAtZero: true, title: axisTitle('Số ca mắc mới'), ticks: { color: INK, font: font(15), precision: 0 }, grid: { color: GRID } },
      },
      plugins: { legend: { position: 'bottom', labels: { color: INK, font: font(16), boxWidth: 22, boxHeight: 14 } } },
    },
  }))
}

const GROUP_LABELS: Record<AgeGroup | 'all', string> = { '5-11': '5–11 tuổi', '12-17': '12–17 tuổi', '18-49': '18–49 tuổi', '50-64': '50–64 tuổi', '65+': 'Từ 65 tuổi', all: 'Toàn bộ' }
const SHARE_OF: Record<Measure, 'atLeastOneShare' | 'fullyShare' | 'boostedShare'> = { at_least_one: 'atLeastOneShare', fully: 'fullyShare', boosted: 'boostedShare' }

/** The target as a dashed line over the groups it covers, its share written at its end. */
function targetLine(target: NonNullable<CoverageSeries['target']>, columns: (AgeGroup | 'all')[]): Plugin<'bar'> {
  return {
    id: 'target',
    afterDatasetsDraw: (chart) => {
      const x = chart.scales.x!
      const y = chart.scales.y!
      const at = columns.map((c, i) => (target.ageGroups.includes(c as AgeGroup) ? i : -1)).filter((i) => i >= 0)
      if (at.length === 0) return
      const half = (x.getPixelForValue(1) - x.getPixelForValue(0)) / 2
      const left = x.getPixelForValue(at[0]!) - half * 0.95
      const right = x.getPixelForValue(at[at.length - 1]!) + half * 0.95
      const top = y.getPixelForValue(target.share * 100)
      const g = chart.ctx
      g.save()
      g.strokeStyle = TARGET_COLOR
      g.lineWidth = 2
      g.setLineDash([7, 4])
      g.beginPath()
      g.moveTo(left, top)
      g.lineTo(right, top)
      g.stroke()
      g.setLineDash([])
      g.fillStyle = TARGET_COLOR
      g.font = `bold 15px ${CANVAS_FONT}`
      g.textAlign = 'right'
      g.textBaseline = 'bottom'
      g.fillText(`Mục tiêu ${percent(target.share)}`, right, top - 2)
      g.restore()
    },
  }
}

/** Each bar's share written above it. */
const barValues: Plugin<'bar'> = {
  id: 'barValues',
  afterDatasetsDraw: (chart) => {
    const g = chart.ctx
    g.save()
    g.fillStyle = INK
    g.font = `12px ${CANVAS_FONT}`
    g.textAlign = 'center'
    g.textBaseline = 'bottom'
    chart.data.datasets.forEach((ds, i) => {
      if ((ds as { type?: string }).type === 'line') return
      chart.getDatasetMeta(i).data.forEach((bar, j) => {
        const v = ds.data[j]
        if (typeof v === 'number') g.fillText(new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(v), bar.x, bar.y - 1)
      })
    })
    g.restore()
  },
}

/** Coverage (at least one dose, fully vaccinated, booster) by age group and overall, against the target when there is one. */
export function coverageChart(c: CoverageSeries): Picture {
  const columns: (AgeGroup | 'all')[] = [...AGE_GROUPS, 'all']
  const groupOf = (k: AgeGroup | 'all') => (k === 'all' ? c.totals.all : c.totals.groups[k])
  const measures: Measure[] = ['at_least_one', 'fully', 'boosted']
  const target = c.target
  return chartPicture<'bar'>(() => ({
    type: 'bar',
    data: {
      labels: columns.map((k) => GROUP_LABELS[k]),
      datasets: [
        ...measures.map((m) => ({
          label: MEASURE_VI[m],
          data: columns.map((k) => {
            const share = groupOf(k)[SHARE_OF[m]]
            return share === null ? null : Math.round(share * 1000) / 10
          }),
          backgroundColor: MEASURE_COLORS[m],
          pointStyle: 'rect' as const,
          categoryPercentage: 0.8,
          barPercentage: 0.9,
        })),
        // The target's legend entry; the line itself is drawn by the plugin over the groups it covers.
        ...(target
          ? [{ type: 'line' as const, label: `Mục tiêu (${MEASURE_VI[target.measure].toLowerCase()}): ${percent(target.share)}`, data: [], borderColor: TARGET_COLOR, backgroundColor: TARGET_COLOR, borderDash: [7, 4], borderWidth: 3, pointStyle: 'line' as const }]
          : []),
      ] as never,
    },
    options: {
      scales: {
        x: { title: axisTitle('Nhóm tuổi'), ticks: { color: INK, font: font(15) }, grid: { display: false } },
        y: { beginAtZero: true, max: 100, title: axisTitle('Tỷ lệ dân số được tiêm (%)'), ticks: { color: INK, font: font(15), callback: (v) => `${v}%` }, grid: { color: GRID } },
      },
      plugins: { legend: { position: 'bottom', labels: { color: INK, font: font(16), boxWidth: 22, boxHeight: 14, usePointStyle: true, pointStyleWidth: 26 } } },
    },
    plugins: [barValues, ...(target ? [targetLine(target, columns)] : [])],
  }))
}
