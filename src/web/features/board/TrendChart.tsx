import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js'
import { formatVnDate } from '../../app/format.ts'
import { stackedBarOptions, useChart } from '../../ui/useChart.ts'
import type { BoardView } from './api.ts'

Chart.register(CategoryScale, LinearScale, BarController, BarElement, Tooltip, Legend)

type Day = NonNullable<BoardView['cases']>['days'][number]

/** New cases per day over the last 30 days, local and imported stacked. */
export default function TrendChart({ days, labels }: { days: Day[]; labels: { title: string; local: string; imported: string } }) {
  const ref = useChart(
    (canvas) =>
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: days.map((d) => formatVnDate(d.date).slice(0, 5)),
          datasets: [
            { label: labels.local, data: days.map((d) => d.local), backgroundColor: '#b42318', stack: 'cases' },
            { label: labels.imported, data: days.map((d) => d.imported), backgroundColor: '#f79009', stack: 'cases' },
          ],
        },
        options: stackedBarOptions,
      }),
    days,
  )
  return (
    <div className="board-chart">
      <canvas ref={ref} role="img" aria-label={labels.title} data-testid="board-trend" />
    </div>
  )
}
