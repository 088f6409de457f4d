import { formatNumber } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import type { TaskStatus } from './api.ts'
import { STATUS, TASK_STATUSES } from './labels.ts'

type Counts = Record<TaskStatus, number>

const sum = (counts: Counts) => TASK_STATUSES.reduce((n, s) => n + counts[s], 0)

export function countByStatus(rows: { status: TaskStatus }[]): Counts {
  const counts: Counts = { done: 0, on_time: 0, late: 0, not_started: 0 }
  for (const r of rows) counts[r.status]++
  return counts
}

/** How many tasks were assigned and how many stand in each status, one tile each. */
export function StatusTiles({ counts }: { counts: Counts }) {
  const t = useT()
  const tiles = [
    { key: 'assignments', className: 'tile', value: sum(counts), label: t('dir.total.assignments') },
    ...TASK_STATUSES.map((s) => ({ key: s, className: `tile status-${s}`, value: counts[s], label: t(`dir.total.${s}`) })),
  ]
  return (
    <ul className="tiles" aria-label={t('dir.totals')}>
      {tiles.map((tile) => (
        <li key={tile.key} className={tile.className}>
          <span className="tile-value">{formatNumber(tile.value)}</span>
          <span className="tile-label">{tile.label}</span>
        </li>
      ))}
    </ul>
  )
}

const percentOf = (n: number, total: number) => (total ? Math.round((100 * n) / total) : 0)

/**
 * The same counts as one bar split by status, with the numbers beside it. The bar is drawn for the
 * eye; its label gives the shares in words, and the legend carries the counts.
 */
export function StatusBar({ counts }: { counts: Counts }) {
  const t = useT()
  const total = sum(counts)
  const shares = TASK_STATUSES.map((s) => `${t(STATUS[s])} ${percentOf(counts[s], total)}%`).join(', ')
  return (
    <div className="status-bar">
      <div className="status-bar-track" role="img" aria-label={t('home.dir.barLabel', { n: formatNumber(total), shares })}>
        {TASK_STATUSES.map((s) =>
          counts[s] ? <span key={s} className={`status-bar-part status-${s}`} style={{ flexGrow: counts[s] }} title={`${t(STATUS[s])}: ${formatNumber(counts[s])}`} /> : null,
        )}
      </div>
      <ul className="status-bar-legend">
        {TASK_STATUSES.map((s) => (
          <li key={s}>
            <span className={`status-bar-swatch status-${s}`} aria-hidden="true" />
            {t(STATUS[s])}: <strong>{formatNumber(counts[s])}</strong>
          </li>
        ))}
      </ul>
    </div>
  )
}
