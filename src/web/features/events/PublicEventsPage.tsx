import { useSearchParams } from 'react-router'
import { formatNumber } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { Loaded } from '../../ui/ErrorMessage.tsx'
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx'
import { day } from '../surveillance/common.tsx'
import { eventsApi } from './api.ts'
import { settingLabel } from './common.tsx'
import './events.css'

/** The public list of approved large events: no login, nothing personal. */
export function PublicEventsPage() {
  const { t } = useI18n()
  usePageTitle(t('ev.public.title'))
  const [params] = useSearchParams()
  const unit = params.get('unit') ?? ''
  const state = useApi(`public:events:${unit}`, (signal) => eventsApi.publicEvents(unit, signal))
  return (
    <main className="public-page" aria-labelledby="page-title">
      <header>
        <h1 id="page-title">{t('ev.public.title')}</h1>
        <p>{state.data?.unit.name ?? ''}</p>
        <LanguageSwitch />
      </header>
      <Loaded state={state}>
        {(d) => (
          <>
            <p className="muted">{t('ev.public.intro', { n: formatNumber(d.largeFrom) })}</p>
            {d.events.length === 0 ? <p>{t('ev.none')}</p> : null}
            <ul className="ev-public-list" data-testid="ev-public">
              {d.events.map((e) => (
                <li key={e.id}>
                  <strong>{e.title}</strong> — {day(e.startsOn)}
                  {e.startTime ? ` ${e.startTime}` : ''}
                  {e.endsOn !== e.startsOn ? ` – ${day(e.endsOn)}` : ''}
                  <br />
                  {e.place}, {e.unit.name} ({settingLabel(t, e.setting)}) — {formatNumber(e.expectedAttendance)} {t('ev.attendance').toLowerCase()} — {e.decision}
                  {e.conditions.length ? (
                    <>
                      <br />
                      {t('ev.public.conditions')}: {e.conditions.join('; ')}
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </Loaded>
    </main>
  )
}
