import { type FormEvent, type ReactNode, type Ref, useCallback, useId, useState } from 'react'
import { useT } from '../app/i18n.tsx'
import { ErrorMessage } from './ErrorMessage.tsx'
import { FormStatus } from './Field.tsx'

/** Runs one action at a time (a save, an upload) and keeps whether it is under way and how it failed. */
export function useAction(): { pending: boolean; error: unknown; setError: (error: unknown) => void; run: (action: () => Promise<void>) => Promise<void> } {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const run = useCallback(async (action: () => Promise<void>) => {
    setPending(true)
    setError(null)
    try {
      await action()
    } catch (err) {
      setError(err)
    } finally {
      setPending(false)
    }
  }, [])
  return { pending, error, setError, run }
}

/** Leaves a form or a search unchanged; nothing is shown where there is nothing to leave. */
export function CancelButton({ onCancel }: { onCancel?: (() => void) | undefined }) {
  const t = useT()
  if (!onCancel) return null
  return (
    <button type="button" className="button-secondary" onClick={onCancel}>
      {t('common.cancel')}
    </button>
  )
}

/** "Còn thiếu: …" beside a save button that waits for it; the button points at it with aria-describedby={id}. */
export function MissingHint({ id, missing }: { id: string; missing: string[] }) {
  const t = useT()
  if (missing.length === 0) return null
  return (
    <p id={id} className="form-missing">
      {t('form.missing', { list: missing.join(', ') })}
    </p>
  )
}

interface Props {
  /** Sends the form; what it throws is shown above the fields. */
  onSubmit: () => Promise<void>
  submitLabel: string
  /** The label of the submit button while the form is being sent. */
  pendingLabel?: string
  /** False while required input is missing: the button waits for it. */
  canSubmit?: boolean
  /** What the user still has to fill in (field labels): shown beside the waiting button, which it describes. */
  missing?: string[]
  onCancel?: (() => void) | undefined
  /** A status line under the buttons (saved, created…), announced politely. */
  status?: string | null
  className?: string
  'aria-label'?: string
  'aria-labelledby'?: string
  ref?: Ref<HTMLFormElement>
  children: ReactNode
}

/** A form's frame: the error of the last attempt, the fields, the submit and cancel buttons. */
export function FormShell({ onSubmit, submitLabel, pendingLabel, canSubmit = true, missing = [], onCancel, status, className = 'form-grid', children, ref, ...aria }: Props) {
  const { pending, error, run } = useAction()
  const hintId = useId()
  const showMissing = !canSubmit && missing.length > 0
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (canSubmit && !pending) void run(onSubmit)
  }
  return (
    <form ref={ref} className={className} onSubmit={submit} {...aria}>
      <ErrorMessage error={error} />
      {children}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={pending || !canSubmit} aria-describedby={showMissing ? hintId : undefined}>
          {pending && pendingLabel ? pendingLabel : submitLabel}
        </button>
        <CancelButton onCancel={onCancel} />
        {showMissing ? <MissingHint id={hintId} missing={missing} /> : null}
      </div>
      {status !== undefined ? <FormStatus message={status} /> : null}
    </form>
  )
}
