import { useT } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import type { JobView } from '../jobs/api.ts'
import { JobProgress, useFollowedJob } from '../jobs/JobProgress.tsx'
import { directivesApi } from './api.ts'

const lateCount = (job: JobView): number | null => {
  const r = job.result
  return typeof r === 'object' && r !== null && 'late' in r && typeof r.late === 'number' ? r.late : null
}

/** Runs the overdue sweep now instead of waiting for the hourly one, and follows its job. */
export function SweepButton({ onFinished }: { onFinished: () => void }) {
  const t = useT()
  const { job, follow, running, error, setError } = useFollowedJob(onFinished)

  const start = async () => {
    setError(null)
    try {
      follow(await directivesApi.sweep())
    } catch (err) {
      setError(err)
    }
  }

  const late = job ? lateCount(job) : null
  return (
    <div className="sweep">
      <button type="button" className="button-secondary" onClick={start} disabled={running}>
        {t('dir.sweep')}
      </button>
      <ErrorMessage error={error} />
      {job ? <JobProgress job={job} className="sweep-job" doneText={late === null ? null : t('dir.sweepDone', { n: late })} /> : null}
    </div>
  )
}
