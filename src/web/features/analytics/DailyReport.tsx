import { useState } from 'react'
import { formatBytes } from '../../../domain/files/limits.ts'
import { useT } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import type { JobView } from '../jobs/api.ts'
import { JobProgress, useFollowedJob } from '../jobs/JobProgress.tsx'
import { analyticsApi } from './api.ts'

const madeFile = (job: JobView): { fileName: string; size: number } | null => {
  const r = job.result as { fileName?: unknown; size?: unknown } | null
  return job.status === 'done' && r && typeof r.fileName === 'string' && typeof r.size === 'number' ? { fileName: r.fileName, size: r.size } : null
}

/** The steering committee's daily situation report of a unit, made in the background (Word or PDF), then downloaded. */
export function DailyReportButtons({ unit }: { unit: string }) {
  const t = useT()
  const { job, follow, running, error, setError } = useFollowedJob(() => {})
  const [pending, setPending] = useState(false)
  const start = async (format: 'docx' | 'pdf') => {
    setError(null)
    setPending(true)
    try {
      follow(await analyticsApi.startDailyReport(unit, format))
    } catch (err) {
      setError(err)
    } finally {
      setPending(false)
    }
  }
  const file = job ? madeFile(job) : null
  return (
    <section className="card daily-report" aria-labelledby="daily-report-title" data-testid="daily-report">
      <h2 id="daily-report-title">{t('an.report.title')}</h2>
      <p className="muted">{t('an.report.hint')}</p>
      <div className="form-actions">
        <button type="button" className="button-primary" onClick={() => start('docx')} disabled={running || pending}>
          {t('an.report.docx')}
        </button>
        <button type="button" className="button-secondary" onClick={() => start('pdf')} disabled={running || pending}>
          {t('an.report.pdf')}
        </button>
      </div>
      <ErrorMessage error={error} />
      {job ? <JobProgress job={job} className="export-job" doneText={null} /> : null}
      {job && file ? (
        <p role="status">
          <a className="button-primary" href={analyticsApi.jobFile(job.id)} download={file.fileName}>
            {t('an.report.download', { name: file.fileName, size: formatBytes(file.size) })}
          </a>
        </p>
      ) : null}
    </section>
  )
}
