import { useEffect, useId, useState } from 'react'
import { useT } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { displayName, type UnitSearchResult, unitsApi } from './api.ts'

export interface PickedUnit {
  code: string
  label: string
}

interface Props {
  label: string
  value: PickedUnit | null
  onChange: (unit: PickedUnit | null) => void
  required?: boolean
  hint?: string
}

/** Chooses a current administrative unit by typing part of its name (without diacritics is fine) or its code. */
export function UnitPicker({ label, value, onChange, required, hint }: Props) {
  const t = useT()
  const id = useId()
  const [text, setText] = useState('')
  const [results, setResults] = useState<UnitSearchResult[]>([])
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    const q = text.trim()
    if (q.length < 2) {
      setResults([])
      return
    }
    const controller = new AbortController()
    const timer = window.setTimeout(() => {
      unitsApi.search(q, undefined, controller.signal, 15).then(
        (r) => {
          setError(null)
          setResults(r.filter((u) => u.current))
        },
        (err: unknown) => {
          if (!controller.signal.aborted) setError(err)
        },
      )
    }, 250)
    return () => {
      window.clearTimeout(timer)
      controller.abort()
    }
  }, [text])

  const describe = (u: UnitSearchResult) => `${displayName(u)}${u.parentName ? `, ${u.parentName}` : ''} (${u.code})`

  return (
    <fieldset className="picker">
      <legend>
        {label}
        {required ? <span className="required"> ({t('form.required')})</span> : null}
      </legend>
      <p className="picker-value" aria-live="polite">
        {value ? (
          <>
            {t('picker.selected')}: <strong>{value.label}</strong>{' '}
            <button type="button" className="button-link" onClick={() => onChange(null)}>
              {t('picker.clear')}
            </button>
          </>
        ) : (
          <span className="muted">{t('picker.none')}</span>
        )}
      </p>
      <label htmlFor={`${id}-q`}>{t('picker.searchUnit')}</label>
      <input id={`${id}-q`} type="search" value={text} onChange={(e) => setText(e.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} autoComplete="off" />
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      {results.length > 0 ? (
        <ul className="picker-results" aria-label={t('picker.results')}>
          {results.map((u) => (
            <li key={u.id}>
              <button
                type="button"
                className="button-link"
                onClick={() => {
                  onChange({ code: u.code, label: describe(u) })
                  setText('')
                  setResults([])
                }}
              >
                {describe(u)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  )
}
