import { useState } from 'react'
import { formatVnDate, formatVnDateTime } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useApi } from '../../app/useApi.ts'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { TextAreaField } from '../../ui/Field.tsx'
import { useAction } from '../../ui/FormShell.tsx'
import { CascadeForm } from './CascadeForm.tsx'
import { type CascadeAssignment, cascadeApi, type ExtensionRequest } from './cascadeApi.ts'
import { ExtensionForm } from './ExtensionForm.tsx'
import { CategoryBadge } from './MyTasksPage.tsx'
import { StatusBadge } from './StatusBadge.tsx'

function Decide({ x, onChanged }: { x: ExtensionRequest; onChanged: () => void }) {
  const t = useT()
  const [comment, setComment] = useState('')
  const { pending, error, run } = useAction()
  const decide = (decision: 'approve' | 'refuse') =>
    run(async () => {
      await cascadeApi.decideExtension(x.id, { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) })
      onChanged()
    })
  return (
    <div className="extension-decision">
      <ErrorMessage error={error} />
      <TextAreaField label={t('ext.comment')} value={comment} onChange={setComment} rows={2} maxLength={5000} />
      <div className="button-row">
        <button type="button" className="button-primary" disabled={pending} onClick={() => decide('approve')}>
          {t('ext.approve')}
        </button>
        <button type="button" className="button-secondary" disabled={pending || !comment.trim()} onClick={() => decide('refuse')}>
          {t('ext.refuse')}
        </button>
      </div>
    </div>
  )
}

function OwnAssignment({ a, onChanged }: { a: CascadeAssignment; onChanged: () => void }) {
  const t = useT()
  const [mode, setMode] = useState<'idle' | 'cascade' | 'extend'>('idle')
  const done = () => {
    setMode('idle')
    onChanged()
  }
  return (
    <li>
      <div className="button-row">
        <span>
          {t('dir.taskRef', { ref: a.taskRef })} — {a.orgName}
          {a.deadline ? ` · ${t('mine.col.deadline')}: ${formatVnDate(a.deadline)}` : ''}
        </span>
        {a.canCascade ? (
          <button type="button" className="button-secondary" aria-expanded={mode === 'cascade'} onClick={() => setMode(mode === 'cascade' ? 'idle' : 'cascade')}>
            {t('cascade.openFor', { ref: a.taskRef, org: a.orgName })}
          </button>
        ) : null}
        {a.canRequestExtension ? (
          <button type="button" className="button-link" aria-expanded={mode === 'extend'} onClick={() => setMode(mode === 'extend' ? 'idle' : 'extend')}>
            {t('ext.openFor', { ref: a.taskRef, org: a.orgName })}
          </button>
        ) : null}
      </div>
      {mode === 'cascade' ? <CascadeForm assignmentId={a.id} taskRef={a.taskRef} onDone={done} onCancel={() => setMode('idle')} /> : null}
      {mode === 'extend' ? <ExtensionForm assignmentId={a.id} onDone={done} onCancel={() => setMode('idle')} /> : null}
    </li>
  )
}

/**
 * On a directive's page: who passed which task on to whom and how far the units below have got,
 * the assignments the user may pass on or ask more time for, and the extension requests.
 */
export function CascadeSection({ directiveId, onChanged }: { directiveId: number; onChanged: () => void }) {
  const t = useT()
  const state = useApi(`directive-cascade:${directiveId}`, (signal) => cascadeApi.ofDirective(directiveId, signal))
  const data = state.data
  if (!data) return <ErrorMessage error={state.error} />
  const changed = () => {
    state.reload()
    onChanged()
  }
  const byId = new Map(data.assignments.map((a) => [a.id, a]))
  const parents = data.assignments.filter((a) => a.subCount > 0)
  const orphans = data.assignments.filter((a) => a.parentAssignmentId !== null && !byId.has(a.parentAssignmentId))
  const actionable = data.assignments.filter((a) => a.canCascade || a.canRequestExtension)
  const extensions = data.extensionRequests
  if (parents.length === 0 && orphans.length === 0 && actionable.length === 0 && extensions.length === 0) return null
  const subRow = (s: CascadeAssignment) => (
    <li key={s.id} data-testid={`sub-assignment-${s.id}`}>
      {s.orgName} <StatusBadge status={s.status} /> <CategoryBadge category={s.category} />
      {s.deadline ? <span className="muted"> · {formatVnDate(s.deadline)}</span> : null}
      {s.percent !== null ? <span className="muted"> · {s.percent}%</span> : null}
    </li>
  )

  return (
    <section className="card cascade-section" aria-labelledby="cascade-title">
      <h2 id="cascade-title">{t('cascade.title')}</h2>
      {actionable.length ? <ul className="plain-list">{actionable.map((a) => <OwnAssignment key={a.id} a={a} onChanged={changed} />)}</ul> : null}
      {parents.length === 0 && orphans.length === 0 ? <p className="muted">{t('cascade.nothing')}</p> : null}
      {parents.map((p) => (
        <div key={p.id} data-testid={`cascade-of-${p.id}`}>
          <h3>
            {t('cascade.subsOf', { org: p.orgName, ref: p.taskRef })} <StatusBadge status={p.status} />
          </h3>
          <p className="muted">{t('cascade.progress', { done: p.subDone, n: p.subCount })}</p>
          <ul>{data.assignments.filter((s) => s.parentAssignmentId === p.id).map(subRow)}</ul>
        </div>
      ))}
      {orphans.length ? <ul>{orphans.map(subRow)}</ul> : null}
      {extensions.length ? (
        <>
          <h3>{t('ext.title')}</h3>
          <ul className="plain-list">
            {extensions.map((x) => (
              <li key={x.id} data-testid={`extension-${x.id}`}>
                <p>
                  {t('ext.row', {
                    org: x.orgName,
                    ref: x.taskRef,
                    from: x.previousDeadline ? formatVnDate(x.previousDeadline) : t('ext.noPrevious'),
                    to: formatVnDate(x.requestedDeadline),
                  })}{' '}
                  <span className={`badge extension-${x.status}`}>{t(`ext.status.${x.status}`)}</span>
                </p>
                <p className="muted">
                  {t('ext.by', { name: x.requestedByName ?? '', when: formatVnDateTime(x.requestedAt) })} — {x.reason}
                </p>
                {x.decisionComment ? <p className="muted">{t('ext.decidedBy', { name: x.decidedByName ?? '', comment: x.decisionComment })}</p> : null}
                {x.canDecide ? <Decide x={x} onChanged={changed} /> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
