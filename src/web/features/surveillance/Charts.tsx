import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js'
import { SOURCE_KINDS } from '../../../domain/surveillance/codes.ts'
import { formatVnDate } from '../../app/format.ts'
import { stackedBarOptions, useChart } from '../../ui/useChart.ts'
import { useI18n } from '../../app/i18n.tsx'
import type { EpidemicCurve, UnknownShare } from './api.ts'
import { SOURCE_COLORS } from './labels.ts'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend)

const short = (iso: string) => formatVnDate(iso).slice(0, 5)

/** Cases per day of onset or confirmation, stacked by source (imported, linked, unknown). */
export default function EpiCurveChart({ curve, label }: { curve: EpidemicCurve; label: string }) {
  const { locale } = useI18n()
  const ref = useChart(
    (canvas) =>
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: curve.days.map((d) => short(d.date)),
          datasets: (['imported', 'linked', 'unknown'] as const).map((k) => ({
            label: SOURCE_KINDS[k][locale],
            data: curve.days.map((d) => d[k]),
            backgroundColor: SOURCE_COLORS[k],
            stack: 'cases',
          })),
        },
        options: stackedBarOptions,
      }),
    `${curve.by}:${curve.from}:${curve.to}:${locale}:${curve.totals.total}`,
  )
  return (
    <div className="chart-box">
      <canvas ref={ref} role="img" aria-label={label} data-testid="epi-curve" />
    </div>
  )
}

/** The share of cases of unknown source per week. */
export function UnknownShareChart({ data, label }: { data: UnknownShare; label: string }) {
  const ref = useChart(
    (canvas) =>
      new Chart(canvas, {
        type: 'line',
        data: {
          labels: data.weeks.map((w) => short(w.weekStart)),
          datasets: [{ label, data: data.weeks.map((w) => (w.share === null ? null : Math.round(w.share * 1000) / 10)), borderColor: SOURCE_COLORS.unknown, backgroundColor: SOURCE_COLORS.unknown, spanGaps: true }],
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: { y: { beginAtZero: true, max: 100, ticks: { callback: (v) => `${v}%` } } },
          plugins: { legend: { display: false } },
        },
      }),
    data,
  )
  return (
    <div className="chart-box">
      <canvas ref={ref} role="img" aria-label={label} data-testid="unknown-share" />
    </div>
  )
}
