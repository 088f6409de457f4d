import { useState } from 'react'
import { formatVnDateTime } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle, usePolling } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { ErrorMessage, Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { ProgressBar } from '../../ui/ProgressBar.tsx'
import { isActive, type JobView, jobPercent, jobStatusText, jobsApi } from './api.ts'
import { ImportForm } from './ImportForm.tsx'

function JobActions({ job, onDone, onError }: { job: JobView; onDone: () => void; onError: (e: unknown) => void }) {
  const t = useT()
  const run = (action: () => Promise<unknown>) => action().then(onDone, onError)
  if (isActive(job)) {
    return (
      <button type="button" className="button-secondary" disabled={job.cancelRequested} onClick={() => run(() => jobsApi.cancel(job.id))} aria-label={t('jobs.cancelJob', { title: job.title })}>
        {job.cancelRequested ? t('jobs.cancelling') : t('jobs.cancel')}
      </button>
    )
  }
  if (job.status === 'failed' || job.status === 'cancelled') {
    return (
      <button type="button" className="button-secondary" onClick={() => run(() => jobsApi.resume(job.id))} aria-label={t('jobs.resumeJob', { title: job.title })}>
        {t('jobs.resume')}
      </button>
    )
  }
  return null
}

export function JobsPage() {
  const t = useT()
  usePageTitle(t('nav.jobs'))
  const { can } = useSession()
  const allowed = can('jobs:read')
  const jobs = useApi(allowed ? 'jobs' : null, (signal) => jobsApi.list(undefined, 50, signal))
  const [actionError, setActionError] = useState<unknown>(null)
  const anyActive = jobs.data?.some(isActive) ?? false
  usePolling(anyActive, 2000, jobs.reload)
  if (!allowed) return <NotAllowed />

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.jobs')}</h1>
      {can('units:import') ? (
        <div className="import-grid">
          <ImportForm title={t('jobs.importPopulation')} hint={t('jobs.importPopulationHint')} accept=".csv,.xlsx,text/csv" purpose="table" start={jobsApi.importPopulation} onFinished={jobs.reload} />
          <ImportForm title={t('jobs.importBoundaries')} hint={t('jobs.importBoundariesHint')} accept=".geojson,.json,application/geo+json,application/json" purpose="geojson" start={jobsApi.importBoundaries} onFinished={jobs.reload} />
        </div>
      ) : null}
      <ErrorMessage error={actionError} />
      <Loaded state={jobs}>
        {(rows) => (
          <DataTable
            caption={t('jobs.caption', { n: rows.length })}
            rows={rows}
            rowKey={(j) => j.id}
            columns={[
              { key: 'title', header: t('jobs.title'), cell: (j) => j.title },
              { key: 'status', header: t('jobs.status'), cell: (j) => <span className={`badge job-${j.status}`}>{jobStatusText(t, j.status)}</span> },
              {
                key: 'progress',
                header: t('jobs.progress'),
                cell: (j) => (
                  <>
                    <ProgressBar percent={jobPercent(j)} label={j.title} message={j.message} />
                    {j.error ? <p className="field-error">{j.error}</p> : null}
                  </>
                ),
              },
              { key: 'by', header: t('jobs.createdBy'), cell: (j) => j.createdBy ?? t('jobs.system') },
              { key: 'created', header: t('jobs.createdAt'), cell: (j) => formatVnDateTime(j.createdAt) },
              { key: 'finished', header: t('jobs.finishedAt'), cell: (j) => formatVnDateTime(j.finishedAt) || '—' },
              ...(can('jobs:manage') ? [{ key: 'actions', header: t('jobs.actions'), cell: (j: JobView) => <JobActions job={j} onDone={jobs.reload} onError={setActionError} /> }] : []),
            ]}
          />
        )}
      </Loaded>
    </section>
  )
}
