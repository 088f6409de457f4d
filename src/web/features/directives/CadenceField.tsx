import { useId } from 'react'
import { useT } from '../../app/i18n.tsx'
import type { Cadence } from './api.ts'
import { CADENCE, CADENCE_KINDS } from './labels.ts'

/** How often the assigned bodies report: once, every N days, weekly, monthly or when asked. */
export function CadenceField({ value, onChange }: { value: Cadence; onChange: (c: Cadence) => void }) {
  const t = useT()
  const id = useId()
  const choose = (kind: string) => {
    if (kind === 'regular') onChange({ kind: 'regular', everyDays: value.kind === 'regular' ? value.everyDays : 7 })
    else if (kind === 'once' || kind === 'weekly' || kind === 'monthly' || kind === 'ad_hoc') onChange({ kind })
  }
  return (
    <div className="field cadence-field">
      <label htmlFor={`${id}-kind`}>{t('dir.field.cadence')}</label>
      <div className="cadence-row">
        <select id={`${id}-kind`} value={value.kind} onChange={(e) => choose(e.target.value)}>
          {CADENCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(CADENCE[k])}
            </option>
          ))}
        </select>
        {value.kind === 'regular' ? (
          <label className="inline-number">
            {t('dir.field.everyDays')}{' '}
            <input
              type="number"
              min={1}
              max={366}
              value={value.everyDays}
              onChange={(e) => onChange({ kind: 'regular', everyDays: Math.min(366, Math.max(1, Number(e.target.value) || 1)) })}
            />
          </label>
        ) : null}
      </div>
    </div>
  )
}
