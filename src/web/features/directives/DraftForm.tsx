import { useId, useState } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { useT } from '../../app/i18n.tsx'
import { FormStatus, TextAreaField } from '../../ui/Field.tsx'
import { MissingHint } from '../../ui/FormShell.tsx'
import { directivesApi, downloads } from './api.ts'
import { BodyChips } from './BodyChips.tsx'
import { ConfirmDialog } from './ConfirmDialog.tsx'
import { DeleteDraftButton } from './DeleteDraftButton.tsx'
import { type DirectiveDraft, toInput } from './draft.ts'
import { GroupAdder } from './GroupAdder.tsx'
import { IdentityFields } from './IdentityFields.tsx'
import { SaveProblems } from './SaveProblems.tsx'
import { missingFields, useTaskErrors, waitingFor } from './saveErrors.ts'
import { SigningFields } from './SigningFields.tsx'
import { TasksEditor } from './TasksEditor.tsx'

const justSaved = (state: unknown) => typeof state === 'object' && state !== null && 'saved' in state && state.saved === true

/** Soạn văn bản: a directive written in the system, saved as a draft until it is issued. */
export function DraftForm({ id, initial }: { id: number | null; initial: DirectiveDraft }) {
  const t = useT()
  const navigate = useNavigate()
  const location = useLocation()
  const [draft, setDraft] = useState(initial)
  const [error, setError] = useState<unknown>(null)
  const [missing, setMissing] = useState<string[]>([])
  // A first save moves to the draft's own address; the confirmation must survive that move.
  const [status, setStatus] = useState<string | null>(() => (justSaved(location.state) ? t('dir.draftSaved') : null))
  const [pending, setPending] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const taskErrors = useTaskErrors(error)
  const waiting = waitingFor(t, draft, 'compose')
  const hintId = useId()
  const describedBy = waiting.length ? hintId : undefined
  const set = (patch: Partial<DirectiveDraft>) => {
    setStatus(null)
    setDraft((d) => ({ ...d, ...patch }))
  }

  /** Saves and returns the draft's id, or null when nothing was sent or the server refused. */
  const save = async (): Promise<number | null> => {
    const problems = missingFields(t, draft, 'compose')
    setMissing(problems)
    if (problems.length) return null
    setPending(true)
    setError(null)
    try {
      const input = toInput(draft)
      const saved = id ? await directivesApi.updateDraft(id, input) : await directivesApi.createDraft(input)
      setStatus(t('dir.draftSaved'))
      return saved.id
    } catch (err) {
      setError(err)
      return null
    } finally {
      setPending(false)
    }
  }

  const saveDraft = async () => {
    const saved = await save()
    if (saved && saved !== id) navigate(`/directives/${saved}/edit`, { replace: true, state: { saved: true } })
  }

  const issue = async () => {
    const saved = await save()
    if (!saved) {
      setConfirming(false)
      return
    }
    setPending(true)
    try {
      await directivesApi.issue(saved)
      navigate(`/directives/${saved}`)
    } catch (err) {
      setError(err)
      setConfirming(false)
      if (saved !== id) navigate(`/directives/${saved}/edit`, { replace: true })
    } finally {
      setPending(false)
    }
  }

  return (
    <div className="draft-form">
      <IdentityFields draft={draft} set={set} mode="compose" />
      <div className="doc-fields">
        <BodyChips label={t('dir.field.addressees')} bodies={draft.addressees} onChange={(addressees) => set({ addressees })} />
        <GroupAdder onAdd={(b) => set({ addressees: [...draft.addressees, b] })} />
      </div>
      <TextAreaField label={t('dir.field.intro')} hint={t('dir.field.introHint')} value={draft.body} onChange={(body) => set({ body })} rows={5} />
      <TasksEditor tasks={draft.tasks} onChange={(tasks) => set({ tasks })} errors={taskErrors} leadRequired={false} />
      <div className="doc-fields">
        <BodyChips label={t('dir.field.recipients')} bodies={draft.recipients} onChange={(recipients) => set({ recipients })} />
      </div>
      <SigningFields signing={draft.signing} onChange={(signing) => set({ signing })} />
      <div className="save-bar">
        <SaveProblems missing={missing} error={error} />
        <FormStatus message={status} />
        <div className="form-actions wrap">
          <button type="button" className="button-primary" onClick={saveDraft} disabled={pending} aria-describedby={describedBy}>
            {t('dir.saveDraft')}
          </button>
          <button type="button" className="button-secondary" onClick={() => setConfirming(true)} disabled={pending} aria-describedby={describedBy}>
            {t('dir.issue')}
          </button>
          {id ? (
            <>
              <a className="button-secondary" href={downloads.directiveDocx(id)} download>
                {t('dir.downloadDocx')}
              </a>
              <DeleteDraftButton id={id} disabled={pending} />
            </>
          ) : null}
          <MissingHint id={hintId} missing={waiting} />
        </div>
        {id ? <p className="hint">{t('dir.docxOfSaved')}</p> : null}
      </div>
      <ConfirmDialog open={confirming} title={t('dir.issueTitle')} confirmLabel={t('dir.issueConfirm')} pending={pending} onConfirm={issue} onClose={() => setConfirming(false)}>
        <p>{t('dir.issueText')}</p>
      </ConfirmDialog>
    </div>
  )
}
