import { useMemo, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import type { Dashboard } from './api.ts'
import { STATUS, STATUS_ABBR, TASK_STATUSES } from './labels.ts'

type OrgOrder = 'late' | 'name'
const collator = new Intl.Collator('vi')

function Legend() {
  const t = useT()
  return (
    <ul className="matrix-legend" aria-label={t('dir.matrix.legend')}>
      {TASK_STATUSES.map((s) => (
        <li key={s}>
          <span className={`matrix-swatch status-${s}`} aria-hidden="true">
            {t(STATUS_ABBR[s])}
          </span>
          {t(STATUS[s])}
        </li>
      ))}
    </ul>
  )
}

/**
 * Directives (rows) against the bodies they assign (columns): the worst status of a body's tasks
 * in a directive, in colour and in letters. Wide, so it scrolls sideways with the directive fixed.
 */
export function StatusMatrix({ data }: { data: Dashboard }) {
  const t = useT()
  const navigate = useNavigate()
  const [order, setOrder] = useState<OrgOrder>('late')
  const cells = useMemo(() => new Map(data.cells.map((c) => [`${c.directiveId}:${c.orgId}`, c])), [data.cells])
  // Columns: the bodies assigned in this page's directives, in the chosen order.
  const orgs = useMemo(() => {
    const onPage = new Set(data.cells.map((c) => c.orgId))
    const list = data.orgs.filter((o) => onPage.has(o.id))
    return order === 'late' ? list : list.sort((a, b) => collator.compare(a.name, b.name))
  }, [data.orgs, data.cells, order])

  return (
    <section className="card" aria-labelledby="matrix-title">
      <div className="section-head">
        <h2 id="matrix-title">{t('dir.matrix.title')}</h2>
        <label className="inline-select">
          {t('dir.matrix.order')}{' '}
          <select value={order} onChange={(e) => setOrder(e.target.value === 'name' ? 'name' : 'late')}>
            <option value="late">{t('dir.matrix.orderLate')}</option>
            <option value="name">{t('dir.matrix.orderName')}</option>
          </select>
        </label>
      </div>
      <Legend />
      <p className="muted">{t('dir.matrix.pageNote', { size: data.page.limit })}</p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to be scrolled. */}
      <div className="matrix-wrap" role="region" aria-labelledby="matrix-title" tabIndex={0}>
        <table className="matrix" data-testid="directive-matrix">
          <caption className="visually-hidden">{t('dir.matrix.caption', { d: data.directives.length, o: orgs.length })}</caption>
          <thead>
            <tr>
              <th scope="col" className="matrix-corner">
                {t('dir.matrix.directive')}
              </th>
              {orgs.map((o) => (
                <th key={o.id} scope="col" className="matrix-org">
                  <Link to={`/directives/orgs/${o.id}`} title={t('dir.matrix.openOrg', { name: o.name })}>
                    {o.name}
                  </Link>
                  {o.counts.late > 0 ? <span className="matrix-late-count">{t('dir.matrix.lateCount', { n: o.counts.late })}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.directives.map((d) => (
              // The symbol link is the keyboard way in; a click anywhere on the row is a shortcut for the mouse.
              <tr key={d.id} className="matrix-row" onClick={() => navigate(`/directives/${d.id}`)}>
                <th scope="row" className="matrix-directive">
                  <Link className="doc-symbol" to={`/directives/${d.id}`} onClick={(e) => e.stopPropagation()}>
                    {d.symbol ?? t('dir.noSymbol')}
                  </Link>
                  <span className="muted"> · {formatVnDate(d.date)}</span>
                  <span className="matrix-summary">{d.summary}</span>
                </th>
                {orgs.map((o) => {
                  const c = cells.get(`${d.id}:${o.id}`)
                  if (!c) return <td key={o.id} className="matrix-cell empty" data-org={o.id} />
                  const label = `${t(STATUS[c.status])} (${t('dir.matrix.tasks', { n: c.count })})`
                  return (
                    <td key={o.id} className={`matrix-cell status-${c.status}`} title={`${o.name} — ${label}`} data-org={o.id} data-status={c.status}>
                      <span aria-hidden="true">{t(STATUS_ABBR[c.status])}</span>
                      <span className="visually-hidden">{label}</span>
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
