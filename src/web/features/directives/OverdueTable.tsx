import { Link } from 'react-router'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useApi } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { Loaded } from '../../ui/ErrorMessage.tsx'
import { type DashboardFilter, directivesApi, OVERDUE_PER_PAGE, type OverdueRow } from './api.ts'
import { excerpt, headText, ROLE } from './labels.ts'
import { PageBar } from './PeriodNote.tsx'

/** Late work, longest overdue first, with the head who answers for it. */
export function OverdueTable({ rows, total }: { rows: OverdueRow[]; total: number }) {
  const t = useT()
  return (
    <DataTable
      caption={t('dir.overdue.caption', { n: formatNumber(total) })}
      hideCaption
      testId="overdue-list"
      rows={rows}
      rowKey={(r) => r.assignmentId}
      empty={t('dir.overdue.none')}
      columns={[
        {
          key: 'symbol',
          header: t('dir.col.directive'),
          className: 'doc-symbol',
          cell: (r) => <Link to={`/directives/${r.directiveId}`}>{r.symbol ?? t('dir.noSymbol')}</Link>,
          sortValue: (r) => r.symbol ?? '',
        },
        {
          key: 'task',
          header: t('dir.col.task'),
          className: 'col-wide',
          cell: (r) => (
            <>
              <strong>{t('dir.taskRef', { ref: r.taskRef })}</strong> {excerpt(r.taskText)}
            </>
          ),
        },
        {
          key: 'org',
          header: t('dir.col.body'),
          className: 'col-mid',
          cell: (r) => (
            <>
              <Link to={`/directives/orgs/${r.orgId}`}>{r.orgName}</Link> <span className="muted">({t(ROLE[r.role])})</span>
            </>
          ),
          sortValue: (r) => r.orgName,
        },
        { key: 'head', header: t('dir.col.head'), className: 'col-mid', cell: (r) => headText(r.head, r.headPosition) },
        { key: 'since', header: t('dir.col.overdueSince'), cell: (r) => formatVnDate(r.overdueSince), sortValue: (r) => r.overdueSince },
        { key: 'days', header: t('dir.col.daysLate'), numeric: true, cell: (r) => formatNumber(r.daysLate), sortValue: (r) => r.daysLate },
      ]}
    />
  )
}

/** The overdue list of the filtered period, a page at a time. */
export function OverdueList({ filter, filterKey, page, onPage }: { filter: DashboardFilter; filterKey: string; page: number; onPage: (page: number) => void }) {
  const t = useT()
  const data = useApi(`overdue:${filterKey}:${page}`, (signal) => directivesApi.overdue(filter, page, signal))
  return (
    <section aria-labelledby="overdue-title">
      <h2 id="overdue-title">{t('dir.overdue.title')}</h2>
      <Loaded state={data}>
        {(d) => (
          <>
            <OverdueTable rows={d.rows} total={d.total} />
            {d.total > OVERDUE_PER_PAGE ? <PageBar page={page} size={OVERDUE_PER_PAGE} total={d.total} onPage={onPage} /> : null}
          </>
        )}
      </Loaded>
    </section>
  )
}
