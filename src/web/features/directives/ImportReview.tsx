import { useId, useState } from 'react'
import { useNavigate } from 'react-router'
import { useT } from '../../app/i18n.tsx'
import { MissingHint } from '../../ui/FormShell.tsx'
import { directivesApi } from './api.ts'
import { BodyChips } from './BodyChips.tsx'
import { type DirectiveDraft, fromParsed, toInput, unresolvedNames } from './draft.ts'
import { IdentityFields } from './IdentityFields.tsx'
import type { ReadDocument } from './ImportSource.tsx'
import { ReferencesField } from './ReferencesField.tsx'
import { SaveProblems } from './SaveProblems.tsx'
import { missingFields, refusedTasks, useTaskErrors, waitingFor } from './saveErrors.ts'
import { SigningFields } from './SigningFields.tsx'
import { SourcePane, SpanProvider, SpanZone, useSpanPointer } from './SourcePane.tsx'
import { TasksEditor } from './TasksEditor.tsx'
import { UncertainFields } from './UncertainFields.tsx'

/** Second step: the text beside the proposed fields; the reviewer corrects and confirms. */
export function ImportReview({ result, onRestart }: { result: ReadDocument; onRestart: () => void }) {
  const t = useT()
  const navigate = useNavigate()
  const { parsed, text } = result
  // Headings, aims and enacting articles are read but assign nothing: they are not proposed as tasks.
  const [draft, setDraft] = useState<DirectiveDraft>(() => fromParsed({ ...parsed, tasks: parsed.tasks.filter((task) => !task.heading) }))
  const [taskUids] = useState(() => new Map(draft.tasks.map((task) => [task.ref, task.uid])))
  const headings = parsed.tasks.filter((task) => task.heading).length
  const [active, pointer] = useSpanPointer()
  const [error, setError] = useState<unknown>(null)
  const [missing, setMissing] = useState<string[]>([])
  const [pending, setPending] = useState(false)
  const set = (patch: Partial<DirectiveDraft>) => setDraft((d) => ({ ...d, ...patch }))
  const taskErrors = useTaskErrors(error)
  const unresolved = unresolvedNames(draft)
  const waiting = waitingFor(t, draft, 'import')
  const hintId = useId()

  const save = async () => {
    const problems = missingFields(t, draft, 'import')
    setMissing(problems)
    if (problems.length) return
    setPending(true)
    setError(null)
    try {
      const created = await directivesApi.importDirective({ ...toInput(draft), sourceText: text, ...(result.file ? { uploadId: result.file.uploadId } : {}) })
      navigate(`/directives/${created.id}`)
    } catch (err) {
      setError(err)
      setPending(false)
      // Take the reviewer to the first task the server refused, rather than leave them at the bottom.
      const refused = refusedTasks(err)
      const first = refused && draft.tasks.find((task) => refused.includes(task.ref.trim()))
      if (first) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-task-heading="${first.uid}"]`)?.focus())
    }
  }

  return (
    <SpanProvider value={pointer}>
      <div className="review-layout">
        <div className="review-source">
          <h2>{t('dir.source')}</h2>
          <SourcePane text={text} active={active} />
        </div>
        <div className="review-form">
          {parsed.warnings.length ? (
            <div className="alert alert-warning" role="alert">
              <p>
                <strong>{t('dir.warnings')}</strong>
              </p>
              <ul className="plain-list">
                {parsed.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <UncertainFields parsed={parsed} taskUids={taskUids} />
          {headings > 0 ? <p className="hint">{t('dir.uncertain.headings', { n: headings })}</p> : null}
          <IdentityFields draft={draft} set={set} mode="import" spans={parsed.spans} />
          <SpanZone span={parsed.spans.addressees}>
            <BodyChips label={t('dir.field.addressees')} bodies={draft.addressees} onChange={(addressees) => set({ addressees })} />
          </SpanZone>
          <TasksEditor tasks={draft.tasks} onChange={(tasks) => set({ tasks })} errors={taskErrors} leadRequired />
          <SpanZone span={parsed.spans.recipients}>
            <BodyChips label={t('dir.field.recipients')} bodies={draft.recipients} onChange={(recipients) => set({ recipients })} />
          </SpanZone>
          <SpanZone span={parsed.spans.signing}>
            <SigningFields signing={draft.signing} onChange={(signing) => set({ signing })} />
          </SpanZone>
          <ReferencesField references={draft.references} onChange={(references) => set({ references })} />
          <div className="save-bar">
            {unresolved > 0 ? <p className="alert alert-warning">{t('dir.unresolved', { n: unresolved })}</p> : null}
            <SaveProblems missing={missing} error={error} />
            <div className="form-actions">
              <button type="button" className="button-primary" onClick={save} disabled={pending} aria-describedby={waiting.length ? hintId : undefined}>
                {pending ? t('dir.saving') : t('dir.confirmSave')}
              </button>
              <button type="button" className="button-secondary" onClick={onRestart}>
                {t('dir.readAnother')}
              </button>
              <MissingHint id={hintId} missing={waiting} />
            </div>
          </div>
        </div>
      </div>
    </SpanProvider>
  )
}
