import './surveillance.css'
import { Link } from 'react-router'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useApi } from '../../app/useApi.ts'
import { Loaded } from '../../ui/ErrorMessage.tsx'
import { survApi } from './api.ts'

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`)

/** Today's numbers of the user's area: new and active cases, F1/F2, under follow-up, tests and positivity. */
export function TodayNumbers({ withLink }: { withLink?: boolean }) {
  const t = useT()
  const today = useApi('surv:today', (signal) => survApi.today({}, signal))
  return (
    <section className="card surv-today" aria-labelledby="surv-today-title">
      <h2 id="surv-today-title">{t('surv.today.title')}</h2>
      <Loaded state={today}>
        {(d) => (
          <>
            <p className="muted">{t('surv.today.asOf', { date: formatVnDate(d.date) })}</p>
            <dl className="stat-grid" data-testid="today-numbers">
              <div>
                <dt>{t('surv.today.newCases')}</dt>
                <dd>
                  {formatNumber(d.newCases.today)} <span className="muted">{t('surv.today.last7', { n: formatNumber(d.newCases.last7Days) })}</span>
                </dd>
              </div>
              <div>
                <dt>{t('surv.today.activeCases')}</dt>
                <dd>{formatNumber(d.activeCases)}</dd>
              </div>
              <div>
                <dt>F1</dt>
                <dd>{formatNumber(d.contacts.byDegree['1'] ?? 0)}</dd>
              </div>
              <div>
                <dt>F2</dt>
                <dd>{formatNumber(d.contacts.byDegree['2'] ?? 0)}</dd>
              </div>
              <div>
                <dt>{t('surv.today.underFollowup')}</dt>
                <dd>{formatNumber(d.underFollowup)}</dd>
              </div>
              <div>
                <dt>{t('surv.today.tests')}</dt>
                <dd>
                  {formatNumber(d.tests.sampledToday)} <span className="muted">{t('surv.today.results', { n: formatNumber(d.tests.resultsToday), pos: formatNumber(d.tests.positiveToday) })}</span>
                </dd>
              </div>
              <div>
                <dt>{t('surv.today.positivity')}</dt>
                <dd>{percent(d.tests.positivity7Days)}</dd>
              </div>
            </dl>
            {withLink ? (
              <p>
                <Link to="/surveillance/overview">{t('surv.today.open')}</Link>
              </p>
            ) : null}
          </>
        )}
      </Loaded>
    </section>
  )
}
