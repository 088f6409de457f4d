import { useState } from 'react'
import { useT } from '../../app/i18n.tsx'
import { usePolling } from '../../app/useApi.ts'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { ProgressBar } from '../../ui/ProgressBar.tsx'
import { isActive, JOB_STATUS, type JobView, jobPercent, jobsApi } from '../jobs/api.ts'
import { directivesApi } from './api.ts'

const lateCount = (job: JobView): number | null => {
  const r = job.result
  return typeof r === 'object' && r !== null && 'late' in r && typeof r.late === 'number' ? r.late : null
}

/** Runs the overdue sweep now instead of waiting for the hourly one, and follows its job. */
export function SweepButton({ onFinished }: { onFinished: () => void }) {
  const t = useT()
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

  const start = async () => {
    setError(null)
    try {
      setJob(await directivesApi.sweep())
    } catch (err) {
      setError(err)
    }
  }

  const late = job?.status === 'done' ? lateCount(job) : null
  return (
    <div className="sweep">
      <button type="button" className="button-secondary" onClick={start} disabled={running}>
        {t('dir.sweep')}
      </button>
      <ErrorMessage error={error} />
      {job ? (
        <div className="sweep-job" aria-live="polite">
          <span>
            {job.title} — <strong>{t(JOB_STATUS[job.status])}</strong>
          </span>
          <ProgressBar percent={jobPercent(job)} label={job.title} message={job.message} />
          {late !== null ? <p role="status">{t('dir.sweepDone', { n: late })}</p> : null}
          {job.error ? <p className="field-error">{job.error}</p> : null}
        </div>
      ) : null}
    </div>
  )
}
