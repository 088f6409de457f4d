import { useEffect, useId, useRef, useState } from 'react'
import { fileProblem, uploadFile } from '../../app/files.ts'
import { useT } from '../../app/i18n.tsx'
import { SelectField, TextAreaField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { directivesApi, type ReportStatus } from './api.ts'
import { REPORT_STATUS } from './labels.ts'

const STATUSES: ReportStatus[] = ['in_progress', 'done', 'blocked']
const isStatus = (v: string): v is ReportStatus => (STATUSES as string[]).includes(v)

/** A progress report by the assigned body (or the Office on its behalf), with attachments. */
export function ReportForm({ assignmentId, orgName, onDone, onCancel }: { assignmentId: number; orgName: string; onDone: () => void; onCancel: () => void }) {
  const t = useT()
  const id = useId()
  const formRef = useRef<HTMLFormElement>(null)
  const [text, setText] = useState('')
  const [status, setStatus] = useState<ReportStatus>('in_progress')
  const [percent, setPercent] = useState(0)
  const [files, setFiles] = useState<File[]>([])
  const problems = files.map((f) => fileProblem(f, 'attachment')).filter((p): p is string => p !== null)

  useEffect(() => {
    formRef.current?.querySelector('textarea')?.focus()
  }, [])

  const chooseStatus = (v: string) => {
    if (!isStatus(v)) return
    setStatus(v)
    // Completion is reported at 100%: the server refuses less, so the form says it first.
    if (v === 'done') setPercent(100)
  }
  const changePercent = (v: number) => setPercent(Math.max(0, Math.min(100, Math.round(Number.isFinite(v) ? v : 0))))

  const submit = async () => {
    const attachmentIds: number[] = []
    for (const f of files) attachmentIds.push((await uploadFile(f, 'attachment')).id)
    await directivesApi.postReport(assignmentId, { text: text.trim(), status, percent, ...(attachmentIds.length ? { attachmentIds } : {}) })
    onDone()
  }

  return (
    <FormShell
      ref={formRef}
      className="report-form"
      aria-label={t('dir.reportFor', { name: orgName })}
      onSubmit={submit}
      submitLabel={t('dir.report.submit')}
      canSubmit={!!text.trim() && problems.length === 0}
      onCancel={onCancel}
    >
      <TextAreaField label={t('dir.report.text')} value={text} onChange={setText} required rows={4} maxLength={20000} />
      <SelectField label={t('dir.report.status')} value={status} onChange={chooseStatus} options={STATUSES.map((s) => ({ value: s, label: t(REPORT_STATUS[s]) }))} />
      <div className="field">
        <label htmlFor={`${id}-pct`}>{t('dir.report.percent')}</label>
        <div className="percent-row">
          <input
            type="range"
            min={0}
            max={100}
            step={5}
            value={percent}
            onChange={(e) => changePercent(Number(e.target.value))}
            aria-label={t('dir.report.percentSlider')}
            aria-valuetext={`${percent}%`}
          />
          <input id={`${id}-pct`} type="number" min={0} max={100} value={percent} onChange={(e) => changePercent(Number(e.target.value))} className="percent-input" />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-files`}>{t('dir.report.files')}</label>
        <input id={`${id}-files`} type="file" multiple onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, 10))} aria-describedby={`${id}-files-hint`} />
        <p className="hint" id={`${id}-files-hint`}>
          {t('dir.report.filesHint')}
        </p>
        {problems.map((p) => (
          <p key={p} className="field-error" role="alert">
            {p}
          </p>
        ))}
      </div>
    </FormShell>
  )
}
