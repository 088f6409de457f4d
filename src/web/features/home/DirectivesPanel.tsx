import { Link } from 'react-router'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useApi } from '../../app/useApi.ts'
import { Loaded } from '../../ui/ErrorMessage.tsx'
import { directivesApi, type OverdueRow } from '../directives/api.ts'
import { headText } from '../directives/labels.ts'
import { StatusBar } from '../directives/StatusSummary.tsx'
import { useInbox } from '../notifications/inbox.tsx'

const MOST_OVERDUE = 5

function OverdueItem({ row }: { row: OverdueRow }) {
  const t = useT()
  return (
    <li>
      <Link to={`/directives/${row.directiveId}`}>
        {row.symbol ?? t('dir.noSymbol')} — {t('dir.taskRef', { ref: row.taskRef })}
      </Link>
      <span className="home-overdue-org">{row.orgName}</span>
      <span className="muted">{headText(row.head, row.headPosition)}</span>
      <span className="late-text">{t('home.dir.daysLate', { n: formatNumber(row.daysLate) })}</span>
    </li>
  )
}

/** The unread count, opening the bell's panel rather than a page of its own. */
function UnreadLink() {
  const t = useT()
  const { unread, open, panelId, show } = useInbox()
  return (
    <p>
      <button type="button" className="button-link" aria-controls={panelId} aria-expanded={open} onClick={show}>
        {unread > 0 ? t('home.dir.unread', { n: formatNumber(unread) }) : t('home.dir.noUnread')}
      </button>
    </p>
  )
}

/** Chỉ đạo điều hành at a glance: how the assigned tasks stand and which are longest overdue. */
export function DirectivesPanel() {
  const t = useT()
  const dashboard = useApi('home:dashboard', (signal) => directivesApi.dashboard({}, signal))
  return (
    <section className="card home-directives" aria-labelledby="home-dir-title">
      <h2 id="home-dir-title">{t('nav.directives')}</h2>
      <Loaded state={dashboard}>
        {(d) => (
          <div className="home-directives-grid">
            <div>
              <p className="muted">{t('home.dir.asOf', { date: formatVnDate(d.today), n: formatNumber(d.totals.assignments) })}</p>
              <StatusBar counts={d.totals} />
              <UnreadLink />
            </div>
            <div>
              <h3>{t('home.dir.mostOverdue')}</h3>
              {d.overdue.length ? (
                <ol className="home-overdue" data-testid="home-overdue">
                  {d.overdue.slice(0, MOST_OVERDUE).map((r) => (
                    <OverdueItem key={r.assignmentId} row={r} />
                  ))}
                </ol>
              ) : (
                <p>{t('dir.overdue.none')}</p>
              )}
              <p>
                <Link to="/directives">{t('home.dir.openDashboard')}</Link>
              </p>
            </div>
          </div>
        )}
      </Loaded>
    </section>
  )
}
