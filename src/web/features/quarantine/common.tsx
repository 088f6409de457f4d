import { useI18n } from '../../app/i18n.tsx'
import { formatNumber } from '../../app/format.ts'
import type { RuleChoiceView } from './api.ts'
import './quarantine.css'

/** People present of capacity, as a bar coloured by how full it is (near full from 90%). */
export function FillBar({ occupied, capacity, fill }: { occupied: number; capacity: number; fill: 'ok' | 'near_full' | 'full' }) {
  const share = capacity > 0 ? Math.min(1, occupied / capacity) : 1
  return (
    <span className={`q-bar q-bar-${fill}`} title={`${formatNumber(occupied)}/${formatNumber(capacity)}`}>
      <span className="q-bar-fill" style={{ width: `${Math.round(share * 100)}%` }} />
      <span className="q-bar-text">
        {formatNumber(occupied)}/{formatNumber(capacity)}
      </span>
    </span>
  )
}

/** Warnings (nearly full, full, mixed room), the full ones first. */
export function Warnings({ items }: { items: { code: string; message: string }[] }) {
  const { t } = useI18n()
  if (items.length === 0) return null
  const sorted = [...items].sort((a, b) => Number(b.code === 'FULL') - Number(a.code === 'FULL'))
  return (
    <ul className="q-warnings" role="status" aria-label={t('q.warnings')} data-testid="q-warnings">
      {sorted.map((w) => (
        <li key={`${w.code}-${w.message}`} className={w.code === 'FULL' ? 'q-full' : undefined}>
          {w.message}
        </li>
      ))}
    </ul>
  )
}

/** The rule a placement uses: its name, source and why. */
export function RuleWhy({ rule }: { rule: Pick<RuleChoiceView, 'rule' | 'source' | 'why'> }) {
  const { t } = useI18n()
  return (
    <div className="q-why" data-testid="q-rule">
      <p>
        <strong>{t('q.rule')}:</strong> {rule.rule} — <em>{rule.source}</em>
      </p>
      <p>{rule.why}</p>
    </div>
  )
}
