import { type ReactNode, useState } from 'react'
import { useT } from '../app/i18n.tsx'
import type { ApiState } from '../app/useApi.ts'
import { FormStatus } from './Field.tsx'

interface FormControls {
  /** Wraps the form's save: once it succeeds the record is shown again, reloaded, with a confirmation. */
  save: <I>(update: (input: I) => Promise<unknown>) => (input: I) => Promise<void>
  cancel: () => void
}

interface Props<T> {
  state: ApiState<T>
  canEdit: boolean
  /** The record read-only. */
  details: (record: T) => ReactNode
  form: (record: T, controls: FormControls) => ReactNode
}

/** A loaded record shown with an Edit button, or its form in its place. */
export function EditableRecord<T>({ state, canEdit, details, form }: Props<T>) {
  const t = useT()
  const [editing, setEditing] = useState(false)
  const [status, setStatus] = useState<string | null>(null)
  const record = state.data
  const controls: FormControls = {
    save: (update) => async (input) => {
      await update(input)
      setEditing(false)
      setStatus(t('common.saved'))
      state.reload()
    },
    cancel: () => setEditing(false),
  }
  return (
    <>
      <FormStatus message={status} />
      {record === undefined ? null : editing ? (
        form(record, controls)
      ) : (
        <div className="card">
          {details(record)}
          {canEdit ? (
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setStatus(null)
                setEditing(true)
              }}
            >
              {t('common.edit')}
            </button>
          ) : null}
        </div>
      )}
    </>
  )
}
