import { useState } from 'react'
import { useT } from '../../app/i18n.tsx'
import { usePolling } from '../../app/useApi.ts'
import { ProgressBar } from '../../ui/ProgressBar.tsx'
import { isActive, type JobView, jobPercent, jobStatusText, jobsApi } from './api.ts'

/** A job started from this screen, followed every second until it stops; `onFinished` runs when it does. */
export function useFollowedJob(onFinished: () => void) {
  const [job, setJob] = useState<JobView | null>(null)
  const [error, setError] = useState<unknown>(null)
  const running = !!job && isActive(job)
  usePolling(running, 1000, () => {
    if (!job) return
    jobsApi.get(job.id).then((j) => {
      setJob(j)
      if (!isActive(j)) onFinished()
    }, setError)
  })
  return { job, follow: setJob, running, error, setError }
}

/** Where a followed job stands, announced as it changes; `doneText` says what a finished job achieved. */
export function JobProgress({ job, className, doneText }: { job: JobView; className: string; doneText: string | null }) {
  const t = useT()
  return (
    <div className={className} aria-live="polite">
      <p>
        {job.title} — <strong>{jobStatusText(t, job.status)}</strong>
      </p>
      <ProgressBar percent={jobPercent(job)} label={job.title} message={job.message} />
      {job.error ? (
        <div className="alert alert-error" role="alert">
          <p>{job.error}</p>
        </div>
      ) : null}
      {job.status === 'done' && doneText ? <p role="status">{doneText}</p> : null}
    </div>
  )
}
