import { useSearchParams } from 'react-router'
import { formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { BEFORE_REFORM } from './api.ts'

/** The `at` date of the units screens, kept in the address so a view can be shared. */
export function useAtDate(): [string | undefined, (at: string | undefined) => void] {
  const [params, setParams] = useSearchParams()
  const at = params.get('at') || undefined
  const setAt = (next: string | undefined) => {
    const p = new URLSearchParams(params)
    if (next) p.set('at', next)
    else p.delete('at')
    setParams(p, { replace: true })
  }
  return [at, setAt]
}

export function AtDatePicker() {
  const t = useT()
  const [at, setAt] = useAtDate()
  return (
    <div className="at-picker" role="group" aria-label={t('units.atGroup')}>
      <DateInput label={t('units.atLabel')} value={at ?? ''} onChange={(v) => setAt(v || undefined)} hint={t('units.atHint')} />
      <div className="at-buttons">
        <button type="button" className="button-secondary" aria-pressed={!at} onClick={() => setAt(undefined)}>
          {t('units.atToday')}
        </button>
        <button type="button" className="button-secondary" aria-pressed={at === BEFORE_REFORM} onClick={() => setAt(BEFORE_REFORM)}>
          {t('units.atBeforeReform', { date: formatVnDate(BEFORE_REFORM) })}
        </button>
      </div>
    </div>
  )
}
