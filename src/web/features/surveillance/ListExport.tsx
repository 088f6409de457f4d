import { formatBytes } from '../../../domain/files/limits.ts'
import { formatNumber } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import type { JobView } from '../jobs/api.ts'
import { JobProgress, useFollowedJob } from '../jobs/JobProgress.tsx'
import { type ExportList, type Filter, survApi } from './api.ts'

/** A list up to this long is downloaded at once; a longer one is made in the background with a progress bar. */
const DIRECT_MAX = 2_000

const madeFile = (job: JobView): { fileName: string; size: number; rows: number } | null => {
  const r = job.result as { fileName?: unknown; size?: unknown; rows?: unknown } | null
  return job.status === 'done' && r && typeof r.fileName === 'string' && typeof r.size === 'number' ? { fileName: r.fileName, size: r.size, rows: Number(r.rows ?? 0) } : null
}

/** The filtered list as an .xlsx file: a plain download for a short list, a job for a long one. */
export function ListExport({ list, filter, total, capped }: { list: ExportList; filter: Filter; total: number; capped: boolean }) {
  const t = useT()
  const { job, follow, running, error, setError } = useFollowedJob(() => {})
  const small = !capped && total <= DIRECT_MAX
  const start = async () => {
    setError(null)
    try {
      follow(await survApi.startExport(list, filter))
    } catch (err) {
      setError(err)
    }
  }
  const file = job ? madeFile(job) : null
  return (
    <div className="exports" data-testid="list-export">
      {small ? (
        <a className="button-secondary" href={survApi.exportUrl(list, filter)} download>
          {t('surv.export.xlsx', { n: formatNumber(total) })}
        </a>
      ) : (
        <button type="button" className="button-secondary" onClick={start} disabled={running}>
          {t('surv.export.job')}
        </button>
      )}
      <ErrorMessage error={error} />
      {job ? <JobProgress job={job} className="export-job" doneText={null} /> : null}
      {job && file ? (
        <p role="status">
          <a className="button-primary" href={survApi.jobFile(job.id)} download={file.fileName}>
            {t('surv.export.download', { name: file.fileName, size: formatBytes(file.size), n: formatNumber(file.rows) })}
          </a>
        </p>
      ) : null}
    </div>
  )
}
