import { Link, useParams, useSearchParams } from 'react-router'
import { formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { ErrorMessage, Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { SelectField } from '../../ui/Field.tsx'
import { orgsApi } from '../orgs/api.ts'
import { directivesApi, ORG_TASKS_PER_PAGE } from './api.ts'
import { PageBar, PeriodNote } from './PeriodNote.tsx'
import { excerpt, headText, ROLE, STATUS, TASK_STATUSES } from './labels.ts'
import { DirectivesTabs } from './DirectivesTabs.tsx'
import { StatusBadge } from './StatusBadge.tsx'
import { StatusTiles } from './StatusSummary.tsx'

/** One body across all directives: who heads it and how each of its tasks stands. */
export function OrgAssignmentsPage() {
  const t = useT()
  const { id } = useParams()
  const { can } = useSession()
  const orgId = Number(id)
  const allowed = can('directives:read') && orgId > 0
  const org = useApi(allowed ? `org:${orgId}` : null, (signal) => orgsApi.get(orgId, signal))
  const [params, setParams] = useSearchParams()
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0)
  const filter = { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined }
  const status = TASK_STATUSES.find((s) => s === params.get('status'))
  const rows = useApi(allowed ? `org-assignments:${orgId}:${params.toString()}` : null, (signal) =>
    directivesApi.orgAssignments(orgId, { ...filter, status, page }, signal),
  )
  const setStatus = (value: string) => {
    const next = new URLSearchParams(params)
    if (value) next.set('status', value)
    else next.delete('status')
    next.delete('page')
    setParams(next, { replace: true })
  }
  const goToPage = (n: number) => {
    const next = new URLSearchParams(params)
    if (n > 0) next.set('page', String(n))
    else next.delete('page')
    setParams(next, { replace: true })
  }
  usePageTitle(org.data?.name ?? t('dir.orgTitle'))
  if (!can('directives:read')) return <NotAllowed />

  return (
    <section aria-labelledby="page-title">
      <DirectivesTabs />
      <h1 id="page-title">{org.data?.name ?? t('dir.orgTitle')}</h1>
      <ErrorMessage error={org.error} />
      {org.data ? (
        <FactList
          facts={[
            { label: t('dir.col.head'), value: headText(org.data.headName, org.data.headPosition) },
            { label: t('orgs.unit'), value: org.data.unitName },
          ]}
        />
      ) : null}
      <Loaded state={rows}>
        {(data) => (
          <>
            <PeriodNote period={data.period} />
            <StatusTiles counts={data.counts} />
            <div className="filters">
              <SelectField
                label={t('dir.col.status')}
                value={status ?? ''}
                onChange={setStatus}
                options={[{ value: '', label: t('dir.status.all') }, ...TASK_STATUSES.map((s) => ({ value: s, label: t(STATUS[s]) }))]}
              />
            </div>
            <DataTable
              caption={t('dir.orgCaption', { n: data.total })}
              rows={data.assignments}
              rowKey={(r) => r.assignmentId}
              testId="org-assignments"
              columns={[
                { key: 'symbol', header: t('dir.col.directive'), className: 'doc-symbol', cell: (r) => <Link to={`/directives/${r.directiveId}`}>{r.symbol ?? t('dir.noSymbol')}</Link>, sortValue: (r) => r.symbol ?? '' },
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
            {data.total > ORG_TASKS_PER_PAGE ? <PageBar page={page} size={ORG_TASKS_PER_PAGE} total={data.total} onPage={goToPage} /> : null}
          </>
        )}
      </Loaded>
    </section>
  )
}
