import { type FormEvent, type ReactNode, useId, useState } from 'react'
import { fileProblem, type UploadPurpose, uploadFile } from '../../app/files.ts'
import { useT } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import type { JobView } from './api.ts'
import { JobProgress, useFollowedJob } from './JobProgress.tsx'

interface Props {
  title: string
  hint: string
  accept: string
  purpose: UploadPurpose
  start: (uploadId: number) => Promise<JobView>
  onFinished: () => void
  /** What a finished job achieved, in place of the generic sentence (null: nothing). */
  doneText?: string | null
  /** What to show of the followed job under its progress (its result, the refused rows to download). */
  children?: (job: JobView) => ReactNode
}

export function ImportForm({ title, hint, accept, purpose, start, onFinished, doneText, children }: Props) {
  const t = useT()
  const id = useId()
  const [file, setFile] = useState<File | null>(null)
  const [pending, setPending] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const choose = (f: File | null) => {
    setFile(f)
    setProblem(f ? fileProblem(f, purpose) : null)
  }
  const { job, follow, running, error, setError } = useFollowedJob(onFinished)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!file) return
    setPending(true)
    setError(null)
    follow(null)
    try {
      follow(await start((await uploadFile(file, purpose)).id))
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
          <input id={`${id}-file`} type="file" accept={accept} aria-describedby={`${id}-hint`} onChange={(e) => choose(e.target.files?.[0] ?? null)} aria-invalid={!!problem} />
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
          {problem ? (
            <p className="field-error" role="alert">
              {problem}
            </p>
          ) : null}
        </div>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={!file || !!problem || pending || running}>
            {pending ? t('jobs.uploading') : t('jobs.upload')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} />
      {job ? <JobProgress job={job} className="import-job" doneText={doneText === undefined ? t('jobs.importDone') : doneText} /> : null}
      {job && children ? children(job) : null}
    </section>
  )
}
