import { useState } from 'react'
import { formatVnDateTime } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { TextAreaField } from '../../ui/Field.tsx'
import { CancelButton, useAction } from '../../ui/FormShell.tsx'
import { directivesApi, downloads, type ReportView } from './api.ts'
import { REPORT_STATUS, REVIEW } from './labels.ts'

/** The Office accepts a pending report, or returns it saying why. */
function ReviewActions({ report, onDone }: { report: ReportView; onDone: () => void }) {
  const t = useT()
  const [returning, setReturning] = useState(false)
  const [comment, setComment] = useState('')
  const { pending, error, run } = useAction()
  // Once decided, the buttons stay off until the reloaded report no longer asks for a decision.
  const [decided, setDecided] = useState(false)
  const busy = pending || decided
  const decide = (decision: 'accept' | 'return') =>
    run(async () => {
      await directivesApi.reviewReport(report.id, decision === 'return' ? { decision, comment: comment.trim() } : { decision })
      setDecided(true)
      onDone()
    })
  return (
    <div className="review-actions">
      {returning ? (
        <>
          <TextAreaField label={t('dir.review.comment')} value={comment} onChange={setComment} required rows={3} maxLength={5000} />
          <div className="form-actions">
            <button type="button" className="button-primary" disabled={busy || !comment.trim()} onClick={() => decide('return')}>
              {t('dir.review.return')}
            </button>
            <CancelButton onCancel={() => setReturning(false)} />
          </div>
        </>
      ) : (
        <div className="form-actions">
          <button type="button" className="button-primary" disabled={busy} onClick={() => decide('accept')}>
            {t('dir.review.accept')}
          </button>
          <button type="button" className="button-secondary" disabled={busy} onClick={() => setReturning(true)}>
            {t('dir.review.return')}
          </button>
        </div>
      )}
      <ErrorMessage error={error} />
    </div>
  )
}

/** A body's reports, newest first; `mayReview` (from the server) offers accept and return on pending ones. */
export function ReportHistory({ reports, mayReview, onChanged }: { reports: ReportView[]; mayReview: boolean; onChanged: () => void }) {
  const t = useT()
  if (reports.length === 0) return <p className="muted">{t('dir.report.none')}</p>
  return (
    <ol className="report-list" aria-label={t('dir.report.history')}>
      {[...reports].reverse().map((r) => (
        <li key={r.id} className={`report review-${r.review}`}>
          <p className="report-head">
            <strong>{r.percent}%</strong> · {t(REPORT_STATUS[r.status])} · {formatVnDateTime(r.submittedAt)}
            {r.submittedBy ? ` · ${r.submittedBy}` : ''}
            <span className={`badge review-badge-${r.review}`}>{t(REVIEW[r.review])}</span>
          </p>
          <p className="report-text">{r.text}</p>
          {r.files.length ? (
            <ul className="plain-list">
              {r.files.map((f) => (
                <li key={f.id}>
                  <a href={downloads.reportFile(r.id, f.id)} download>
                    {f.fileName}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          {r.review !== 'pending' && (r.reviewComment || r.reviewedBy) ? (
            <p className="muted">
              {t('dir.review.by', { who: r.reviewedBy ?? '—', date: formatVnDateTime(r.reviewedAt) })}
              {r.reviewComment ? ` — ${r.reviewComment}` : ''}
            </p>
          ) : null}
          {r.review === 'pending' && mayReview ? <ReviewActions report={r} onDone={onChanged} /> : null}
        </li>
      ))}
    </ol>
  )
}
