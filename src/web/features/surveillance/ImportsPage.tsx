import { IMPORT_COLUMNS, IMPORT_KINDS, type ImportKind } from '../../../domain/surveillance/importColumns.ts'
import { formatNumber } from '../../app/format.ts'
import { type MessageKey, useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { usePageTitle } from '../../app/useApi.ts'
import { NotAllowed } from '../../ui/ErrorMessage.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import type { JobView } from '../jobs/api.ts'
import { ImportForm } from '../jobs/ImportForm.tsx'
import { type ImportResult, survApi } from './api.ts'

const TITLES: Record<ImportKind, MessageKey> = { cases: 'surv.import.cases', contacts: 'surv.import.contacts', tests: 'surv.import.tests' }

const resultOf = (job: JobView): ImportResult | null => {
  const r = job.result as Partial<ImportResult> | null
  return job.status === 'done' && r && typeof r.inserted === 'number' ? (r as ImportResult) : null
}

/** What an import of the file wrote, and the file of the rows it refused. */
function ImportOutcome({ kind, job }: { kind: ImportKind; job: JobView }) {
  const t = useT()
  const result = resultOf(job)
  if (!result) return null
  return (
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
  )
}

/** One kind of file: its template, the upload, the job's progress, then what went in and the error file. */
function ImportCard({ kind }: { kind: ImportKind }) {
  const t = useT()
  const columns = IMPORT_COLUMNS[kind]
  return (
    <ImportForm
      title={t(TITLES[kind])}
      hint={t('surv.import.hint')}
      accept=".xlsx,.csv"
      purpose="surveillance"
      start={(uploadId) => survApi.startImport(kind, uploadId)}
      doneText={null}
      result={(job) => <ImportOutcome kind={kind} job={job} />}
    >
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
    </ImportForm>
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
