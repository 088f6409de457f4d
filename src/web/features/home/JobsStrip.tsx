import { useState } from 'react'
import { Link } from 'react-router'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { usePolling } from '../../app/useApi.ts'
import { ProgressBar } from '../../ui/ProgressBar.tsx'
import { type JobView, jobPercent, jobStatusText, jobsApi } from '../jobs/api.ts'

const POLL_MS = 2000

/** Background work in progress (on a first start: loading the registry and the demo province). */
export function JobsStrip() {
  const t = useT()
  const { can } = useSession()
  const [jobs, setJobs] = useState<JobView[]>([])
  usePolling(can('jobs:read'), POLL_MS, () => {
    Promise.all([jobsApi.list('running', 20), jobsApi.list('queued', 20)]).then(
      ([running, queued]) => setJobs([...running, ...queued]),
      () => undefined,
    )
  })
  if (jobs.length === 0) return null
  return (
    <section className="jobs-strip" aria-labelledby="jobs-strip-title">
      <h2 id="jobs-strip-title">{t('home.jobsRunning')}</h2>
      <ul>
        {jobs.map((j) => (
          <li key={j.id}>
            <span className="job-title">
              {j.title} <span className="badge">{jobStatusText(t, j.status)}</span>
            </span>
            <ProgressBar percent={jobPercent(j)} label={j.title} message={j.message} />
          </li>
        ))}
      </ul>
      <p>
        <Link to="/admin/jobs">{t('home.allJobs')}</Link>
      </p>
    </section>
  )
}
