import { Link } from 'react-router'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { DataTable } from '../../ui/DataTable.tsx'
import type { OverdueRow } from './api.ts'
import { excerpt, headText, ROLE } from './labels.ts'

/** Late work, longest overdue first, with the head who answers for it. */
export function OverdueTable({ rows }: { rows: OverdueRow[] }) {
  const t = useT()
  return (
    <section aria-labelledby="overdue-title">
      <h2 id="overdue-title">{t('dir.overdue.title')}</h2>
      <DataTable
        caption={t('dir.overdue.caption', { n: rows.length })}
        hideCaption
        testId="overdue-list"
        rows={rows}
        rowKey={(r) => r.assignmentId}
        empty={t('dir.overdue.none')}
        columns={[
          {
            key: 'symbol',
            header: t('dir.col.directive'),
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
    </section>
  )
}
