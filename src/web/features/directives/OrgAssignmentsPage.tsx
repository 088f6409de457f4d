import { Link, useParams } from 'react-router'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { ErrorMessage, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { orgsApi } from '../orgs/api.ts'
import { directivesApi, type OrgAssignment } from './api.ts'
import { excerpt, headText, ROLE, STATUS, TASK_STATUSES } from './labels.ts'
import { DirectivesTabs } from './DirectivesTabs.tsx'
import { StatusBadge } from './StatusBadge.tsx'

function Counts({ rows }: { rows: OrgAssignment[] }) {
  const t = useT()
  return (
    <ul className="tiles" aria-label={t('dir.totals')}>
      <li className="tile">
        <span className="tile-value">{formatNumber(rows.length)}</span>
        <span className="tile-label">{t('dir.total.assignments')}</span>
      </li>
      {TASK_STATUSES.map((s) => (
        <li key={s} className={`tile status-${s}`}>
          <span className="tile-value">{formatNumber(rows.filter((r) => r.status === s).length)}</span>
          <span className="tile-label">{t(STATUS[s])}</span>
        </li>
      ))}
    </ul>
  )
}

/** One body across all directives: who heads it and how each of its tasks stands. */
export function OrgAssignmentsPage() {
  const t = useT()
  const { id } = useParams()
  const { can } = useSession()
  const orgId = Number(id)
  const allowed = can('directives:read') && orgId > 0
  const org = useApi(allowed ? `org:${orgId}` : null, (signal) => orgsApi.get(orgId, signal))
  const rows = useApi(allowed ? `org-assignments:${orgId}` : null, (signal) => directivesApi.orgAssignments(orgId, signal))
  usePageTitle(org.data?.name ?? t('dir.orgTitle'))
  if (!can('directives:read')) return <NotAllowed />

  return (
    <section aria-labelledby="page-title">
      <DirectivesTabs />
      <h1 id="page-title">{org.data?.name ?? t('dir.orgTitle')}</h1>
      <ErrorMessage error={org.error ?? rows.error} />
      {org.data ? (
        <dl className="facts">
          <dt>{t('dir.col.head')}</dt>
          <dd>{headText(org.data.headName, org.data.headPosition)}</dd>
          <dt>{t('orgs.unit')}</dt>
          <dd>{org.data.unitName}</dd>
        </dl>
      ) : null}
      {rows.loading && !rows.data ? <Loading /> : null}
      {rows.data ? (
        <>
          <Counts rows={rows.data} />
          <DataTable
            caption={t('dir.orgCaption', { n: rows.data.length })}
            rows={rows.data}
            rowKey={(r) => r.assignmentId}
            testId="org-assignments"
            columns={[
              { key: 'symbol', header: t('dir.col.directive'), cell: (r) => <Link to={`/directives/${r.directiveId}`}>{r.symbol ?? t('dir.noSymbol')}</Link>, sortValue: (r) => r.symbol ?? '' },
              { key: 'date', header: t('dir.col.date'), cell: (r) => formatVnDate(r.issuedOn), sortValue: (r) => r.issuedOn ?? '' },
              {
                key: 'task',
                header: t('dir.col.task'),
                className: 'col-wide',
                cell: (r) => (
                  <>
                    <strong>{t('dir.taskRef', { ref: r.taskRef })}</strong> {excerpt(r.taskText)} <span className="muted">({t(ROLE[r.role])})</span>
                  </>
                ),
              },
              { key: 'status', header: t('dir.col.status'), cell: (r) => <StatusBadge status={r.status} />, sortValue: (r) => TASK_STATUSES.indexOf(r.status) },
              { key: 'due', header: t('dir.col.due'), cell: (r) => formatVnDate(r.overdueSince ?? r.nextDue ?? r.deadline) || '—', sortValue: (r) => r.overdueSince ?? r.nextDue ?? r.deadline },
              { key: 'percent', header: t('dir.col.percent'), numeric: true, cell: (r) => (r.percent === null ? '—' : `${r.percent}%`), sortValue: (r) => r.percent },
            ]}
          />
        </>
      ) : null}
    </section>
  )
}
