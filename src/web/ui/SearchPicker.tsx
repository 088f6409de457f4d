import { type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { useT } from '../app/i18n.tsx'
import { ErrorMessage } from './ErrorMessage.tsx'

export type Search<T> = (q: string, signal: AbortSignal) => Promise<T[]>

/**
 * What a search box finds: asked once the typing pauses, from two characters on, and an older
 * answer never replaces a newer one. `null` while there is nothing to ask.
 */
export function useSearch<T>(text: string, search: Search<T>): { results: T[] | null; error: unknown } {
  const searchRef = useRef(search)
  searchRef.current = search
  const [results, setResults] = useState<T[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    const q = text.trim()
    if (q.length < 2) {
      setResults(null)
      return
    }
    const controller = new AbortController()
    const timer = window.setTimeout(() => {
      searchRef.current(q, controller.signal).then(
        (r) => {
          if (controller.signal.aborted) return
          setError(null)
          setResults(r)
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
  return { results, error }
}

interface ResultsProps<T> {
  results: T[] | null
  itemKey: (item: T) => string | number
  describe: (item: T) => ReactNode
  onChoose: (item: T) => void
  /** Said when the search found nothing; without it, nothing is shown. */
  emptyText?: string
}

/** Search results as buttons: choosing one is a click or Enter. */
export function SearchResults<T>({ results, itemKey, describe, onChoose, emptyText }: ResultsProps<T>) {
  const t = useT()
  if (!results) return null
  if (results.length === 0) return emptyText ? <p className="muted">{emptyText}</p> : null
  return (
    <ul className="picker-results" aria-label={t('picker.results')}>
      {results.map((item) => (
        <li key={itemKey(item)}>
          <button type="button" className="button-link" onClick={() => onChoose(item)}>
            {describe(item)}
          </button>
        </li>
      ))}
    </ul>
  )
}

interface PickerProps<T> extends Omit<ResultsProps<T>, 'results' | 'emptyText'> {
  label: string
  /** The label of the search box. */
  searchLabel: string
  /** What is chosen now, as text; null when nothing is. */
  selected: string | null
  onClear: () => void
  search: Search<T>
  required?: boolean | undefined
  hint?: string | undefined
}

/** A form field that chooses one record by searching for it: the choice, a way to clear it, and the search. */
export function SearchPicker<T>({ label, searchLabel, selected, onClear, search, onChoose, required, hint, ...shown }: PickerProps<T>) {
  const t = useT()
  const id = useId()
  const [text, setText] = useState('')
  const found = useSearch(text, search)
  return (
    <fieldset className="picker">
      <legend>
        {label}
        {required ? <span className="required"> ({t('form.required')})</span> : null}
      </legend>
      <p className="picker-value" aria-live="polite">
        {selected !== null ? (
          <>
            {t('picker.selected')}: <strong>{selected}</strong>{' '}
            <button type="button" className="button-link" onClick={onClear}>
              {t('picker.clear')}
            </button>
          </>
        ) : (
          <span className="muted">{t('picker.none')}</span>
        )}
      </p>
      <label htmlFor={`${id}-q`}>{searchLabel}</label>
      <input id={`${id}-q`} type="search" value={text} onChange={(e) => setText(e.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} autoComplete="off" />
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <ErrorMessage error={found.error} />
      <SearchResults
        {...shown}
        results={found.results}
        onChoose={(item) => {
          onChoose(item)
          setText('')
        }}
      />
    </fieldset>
  )
}
