import { type FormEvent, useId, useState } from 'react'
import { toBase64 } from '../../app/files.ts'
import { useT } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import type { JobView } from './api.ts'
import { JobProgress, useFollowedJob } from './JobProgress.tsx'

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
  const [pending, setPending] = useState(false)
  const { job, follow, running, error, setError } = useFollowedJob(onFinished)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!file) return
    setPending(true)
    setError(null)
    follow(null)
    try {
      follow(await start(file.name, await toBase64(file)))
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
          <button type="submit" className="button-primary" disabled={!file || pending || running}>
            {pending ? t('jobs.uploading') : t('jobs.upload')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      {job ? <JobProgress job={job} className="import-job" doneText={t('jobs.importDone')} /> : null}
    </section>
  )
}
