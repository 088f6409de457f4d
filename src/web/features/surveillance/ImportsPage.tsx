import { type FormEvent, useId, useState } from 'react'
import { IMPORT_COLUMNS, IMPORT_KINDS, type ImportKind } from '../../../domain/surveillance/importColumns.ts'
import { fileProblem, uploadFile } from '../../app/files.ts'
import { formatNumber } from '../../app/format.ts'
import { type MessageKey, useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { usePageTitle } from '../../app/useApi.ts'
import { ErrorMessage, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { JobProgress, useFollowedJob } from '../jobs/JobProgress.tsx'
import type { JobView } from '../jobs/api.ts'
import { type ImportResult, survApi } from './api.ts'

const TITLES: Record<ImportKind, MessageKey> = { cases: 'surv.import.cases', contacts: 'surv.import.contacts', tests: 'surv.import.tests' }

const resultOf = (job: JobView): ImportResult | null => {
  const r = job.result as Partial<ImportResult> | null
  return job.status === 'done' && r && typeof r.inserted === 'number' ? (r as ImportResult) : null
}

/** One kind of file: its template, the upload, the job's progress, then what went in and the error file. */
function ImportCard({ kind }: { kind: ImportKind }) {
  const t = useT()
  const id = useId()
  const [file, setFile] = useState<File | null>(null)
  const [pending, setPending] = useState(false)
  const problem = file ? fileProblem(file, 'surveillance') : null
  const { job, follow, running, error, setError } = useFollowedJob(() => {})
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!file) return
    setPending(true)
    setError(null)
    follow(null)
    try {
      follow(await survApi.startImport(kind, (await uploadFile(file, 'surveillance')).id))
    } catch (err) {
      setError(err)
    } finally {
      setPending(false)
    }
  }
  const result = job ? resultOf(job) : null
  const columns = IMPORT_COLUMNS[kind]
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t(TITLES[kind])}</h2>
      <p>
        <a className="button-secondary" href={survApi.templateUrl(kind)} download>
          {t('surv.import.template')}
        </a>
      </p>
      <details>
        <summary>{t('surv.import.columns', { n: columns.length })}</summary>
        <ul className="import-columns">
          {columns.map((c) => (
            <li key={c.key}>
              <code>{c.key}</code> — {c.vi}
              {c.required ? ` (${t('form.required')})` : ''}: <span className="muted">{c.note}</span>
            </li>
          ))}
        </ul>
      </details>
      <form onSubmit={submit} className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('jobs.file')}</label>
          <input id={`${id}-file`} type="file" accept=".xlsx,.csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} aria-invalid={!!problem} aria-describedby={`${id}-hint`} />
          <p className="hint" id={`${id}-hint`}>
            {t('surv.import.hint')}
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
      {job ? <JobProgress job={job} className="import-job" doneText={null} /> : null}
      {job && result ? (
        <div role="status" data-testid={`import-result-${kind}`}>
          <p>
            {t('surv.import.result', {
              inserted: formatNumber(result.inserted),
              updated: formatNumber(result.updated),
              rejected: formatNumber(result.rejected),
            })}
            {result.warnings ? ` ${t('surv.import.warnings', { n: formatNumber(result.warnings) })}` : ''}
          </p>
          {result.errorsFile ? (
            <a className="button-primary" href={survApi.jobFile(job.id)} download={result.fileName ?? true}>
              {t('surv.import.errors')}
            </a>
          ) : (
            <p>{t('surv.import.noErrors')}</p>
          )}
        </div>
      ) : null}
    </section>
  )
}

/** Nhập dữ liệu: cases, contacts and test results from CSV or Excel files, with their templates. */
export function ImportsPage() {
  const t = useT()
  usePageTitle(t('surv.import.title'))
  const { can } = useSession()
  if (!can('surveillance:import')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('surv.import.title')} />
      <p className="muted">{t('surv.import.intro')}</p>
      <div className="import-grid">
        {IMPORT_KINDS.map((k) => (
          <ImportCard key={k} kind={k} />
        ))}
      </div>
    </section>
  )
}
