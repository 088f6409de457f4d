import { useState } from 'react'
import { formatBytes } from '../../../domain/files/limits.ts'
import { useT } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import type { JobView } from '../jobs/api.ts'
import { JobProgress, useFollowedJob } from '../jobs/JobProgress.tsx'
import { type DashboardFilter, directivesApi, type ExportFormat } from './api.ts'

interface MadeFile {
  fileName: string
  size: number
}

const madeFile = (job: JobView): MadeFile | null => {
  const r = job.result as Partial<MadeFile> | null
  return job.status === 'done' && r && typeof r.fileName === 'string' && typeof r.size === 'number' ? { fileName: r.fileName, size: r.size } : null
}

const FORMATS: ExportFormat[] = ['docx', 'pdf', 'xlsx']

/**
 * The synthesis report (Word, PDF) and the task table (Excel) of the filter's period, made in the
 * background with a progress bar (a year's table has hundreds of thousands of rows), then offered
 * for download.
 */
export function ExportButtons({ filter }: { filter: DashboardFilter }) {
  const t = useT()
  const { job, follow, running, error, setError } = useFollowedJob(() => {})
  const [format, setFormat] = useState<ExportFormat | null>(null)

  const start = async (f: ExportFormat) => {
    setError(null)
    setFormat(f)
    try {
      follow(await directivesApi.startExport(f, filter))
    } catch (err) {
      setError(err)
    }
  }

  const file = job ? madeFile(job) : null
  return (
    <div className="exports">
      <div className="button-row">
        {FORMATS.map((f) => (
          <button key={f} type="button" className="button-secondary" onClick={() => start(f)} disabled={running}>
            {t(`dir.export.${f}`)}
          </button>
        ))}
      </div>
      <ErrorMessage error={error} />
      {job && format ? <JobProgress job={job} className="export-job" doneText={null} /> : null}
      {job && file ? (
        <p role="status">
          <a className="button-primary" href={directivesApi.jobFile(job.id)} download={file.fileName}>
            {t('dir.export.download', { name: file.fileName, size: formatBytes(file.size) })}
          </a>
        </p>
      ) : null}
    </div>
  )
}
