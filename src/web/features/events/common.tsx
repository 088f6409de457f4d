import { formatNumber } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import type { AssessmentView } from './api.ts'

/** What the rules in force say of an event: level, verdict, limit, conditions, source and mark, reasons. */
export function AssessmentBox({ a }: { a: AssessmentView }) {
  const { t } = useI18n()
  return (
    <div className={`ev-assessment ev-${a.verdict}`} data-testid="ev-assessment" role="status">
      <p>
        <strong>{t('ev.level')}:</strong> {a.level ?? t('ev.level.none')} — <strong>{t('ev.verdict')}:</strong> <span data-testid="ev-verdict">{a.verdictLabel}</span>
        {' — '}
        <strong>{t('ev.maxAttendance')}:</strong> {a.maxAttendance === null ? t('ev.noLimit') : formatNumber(a.maxAttendance)}
      </p>
      <ul>
        {a.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {a.conditions.length ? (
        <p>
          <strong>{t('ev.rule.conditions')}:</strong> {a.conditions.join(' ')}
        </p>
      ) : null}
      {a.adviceRequired ? <p className="ev-advice-needed">{t('ev.adviceRequired')}</p> : null}
      <p className="muted">
        {t('ev.rule.source')}: {a.source} ({a.confidence}
        {a.reconstructed ? `; ${t('ev.rule.reconstructed')}` : ''})
      </p>
    </div>
  )
}

export const settingLabel = (t: (k: 'ev.setting.indoor' | 'ev.setting.outdoor') => string, s: string) => t(s === 'outdoor' ? 'ev.setting.outdoor' : 'ev.setting.indoor')
