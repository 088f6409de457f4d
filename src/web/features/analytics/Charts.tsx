import { CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js'
import { formatVnDate } from '../../app/format.ts'
import { useChart } from '../../ui/useChart.ts'
import type { IndicatorDay, RtWindow } from './api.ts'

Chart.register(CategoryScale, LinearScale, LineController, LineElement, PointElement, Filler, Tooltip, Legend)

const short = (iso: string | null) => (iso ? formatVnDate(iso).slice(0, 5) : '')
const COLORS = { r: '#b42318', band: 'rgba(180, 35, 24, 0.18)', threshold: '#667085', incidence: '#1d4ed8', positivity: '#a15c07' }

export interface RtLabels {
  title: string
  mean: string
  band: string
  threshold: string
}

/** R over time at the end of each window: the posterior mean, its 95% credible band and the line R = 1. */
export default function RtChart({ windows, labels }: { windows: RtWindow[]; labels: RtLabels }) {
  const ref = useChart(
    (canvas) =>
      new Chart(canvas, {
        type: 'line',
        data: {
          labels: windows.map((w) => short(w.dateEnd)),
          datasets: [
            // The band: the upper quantile filled down to the lower one.
            { label: labels.band, data: windows.map((w) => w.quantiles['0.975']), borderWidth: 0, pointRadius: 0, backgroundColor: COLORS.band, fill: '+1' },
            { label: `${labels.band} (2,5%)`, data: windows.map((w) => w.quantiles['0.025']), borderWidth: 0, pointRadius: 0, backgroundColor: COLORS.band, fill: false },
            { label: labels.mean, data: windows.map((w) => w.mean), borderColor: COLORS.r, backgroundColor: COLORS.r, pointRadius: 0, borderWidth: 2, fill: false },
            { label: labels.threshold, data: windows.map(() => 1), borderColor: COLORS.threshold, borderDash: [6, 4], borderWidth: 1, pointRadius: 0, fill: false },
          ],
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          scales: { x: { ticks: { maxRotation: 0, autoSkip: true } }, y: { beginAtZero: true } },
          plugins: { legend: { position: 'bottom', labels: { filter: (item) => !String(item.text).endsWith('(2,5%)') } } },
        },
      }),
    windows,
  )
  return (
    <div className="analytics-chart">
      <canvas ref={ref} role="img" aria-label={labels.title} data-testid="rt-chart" />
    </div>
  )
}

/** One daily series as a line (7-day incidence per 100,000, or positivity in percent). */
export function SeriesChart({ days, pick, label, color, testId, percent }: { days: IndicatorDay[]; pick: (d: IndicatorDay) => number | null; label: string; color: 'incidence' | 'positivity'; testId: string; percent?: boolean }) {
  const ref = useChart(
    (canvas) =>
      new Chart(canvas, {
        type: 'line',
        data: {
          labels: days.map((d) => short(d.date)),
          datasets: [{ label, data: days.map(pick), borderColor: COLORS[color], backgroundColor: COLORS[color], pointRadius: 0, borderWidth: 2, spanGaps: true }],
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: { x: { ticks: { maxRotation: 0, autoSkip: true } }, y: { beginAtZero: true, ...(percent ? { ticks: { callback: (v) => `${v}%` } } : {}) } },
          plugins: { legend: { display: false } },
        },
      }),
    days,
  )
  return (
    <div className="analytics-chart">
      <canvas ref={ref} role="img" aria-label={label} data-testid={testId} />
    </div>
  )
}
