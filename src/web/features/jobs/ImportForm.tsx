import { type FormEvent, useId, useState } from 'react'
import { toBase64 } from '../../app/files.ts'
import { useT } from '../../app/i18n.tsx'
import { usePolling } from '../../app/useApi.ts'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { ProgressBar } from '../../ui/ProgressBar.tsx'
import { isActive, JOB_STATUS, type JobView, jobPercent, jobsApi } from './api.ts'

interface Props {
  title: string
  hint: string
  accept: string
  start: (fileName: string, contentBase64: string) => Promise<JobView>
  onFinished: () => void
}

export function ImportForm({ title, hint, accept, start, onFinished }: Props) {
  const t = useT()
  const id = useId()
  const [file, setFile] = useState<File | null>(null)
  const [job, setJob] = useState<JobView | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [pending, setPending] = useState(false)

  usePolling(!!job && isActive(job), 1000, () => {
    if (!job) return
    jobsApi.get(job.id).then((j) => {
      setJob(j)
      if (!isActive(j)) onFinished()
    }, setError)
  })

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!file) return
    setPending(true)
    setError(null)
    setJob(null)
    try {
      setJob(await start(file.name, await toBase64(file)))
      onFinished()
    } catch (err) {
      setError(err)
    } finally {
      setPending(false)
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <form onSubmit={submit} className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('jobs.file')}</label>
          <input id={`${id}-file`} type="file" accept={accept} aria-describedby={`${id}-hint`} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={!file || pending || (!!job && isActive(job))}>
            {pending ? t('jobs.uploading') : t('jobs.upload')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      {job ? (
        <div className="import-job" aria-live="polite">
          <p>
            {job.title} — <strong>{t(JOB_STATUS[job.status])}</strong>
          </p>
          <ProgressBar percent={jobPercent(job)} label={job.title} message={job.message} />
          {job.status === 'failed' && job.error ? (
            <div className="alert alert-error" role="alert">
              <p>{job.error}</p>
            </div>
          ) : null}
          {job.status === 'done' ? <p role="status">{t('jobs.importDone')}</p> : null}
        </div>
      ) : null}
    </section>
  )
}
