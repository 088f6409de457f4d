import { useEffect, useId, useRef, useState } from 'react'
import { useT } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { type OrgView, orgsApi } from '../orgs/api.ts'

interface Props {
  label: string
  onPick: (org: OrgView) => void
  onCancel?: () => void
  /** Text to search for at once, e.g. the name as written in the document. */
  initial?: string
}

/** A search box over the registry that picks one body; opened in place, focused at once. */
export function OrgSearch({ label, onPick, onCancel, initial = '' }: Props) {
  const t = useT()
  const id = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const [text, setText] = useState(initial)
  const [results, setResults] = useState<OrgView[] | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    inputRef.current?.focus()
  }, [])

  useEffect(() => {
    const q = text.trim()
    if (q.length < 2) {
      setResults(null)
      return
    }
    const controller = new AbortController()
    const timer = window.setTimeout(() => {
      orgsApi.list({ q, limit: 15 }, controller.signal).then(
        (r) => {
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

  return (
    <div className="org-search">
      <label htmlFor={`${id}-q`}>{label}</label>
      <div className="org-search-row">
        <input
          id={`${id}-q`}
          ref={inputRef}
          type="search"
          value={text}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && onCancel) onCancel()
          }}
        />
        {onCancel ? (
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
      <ErrorMessage error={error} />
      {results && results.length === 0 ? <p className="muted">{t('dir.orgSearch.none')}</p> : null}
      {results && results.length > 0 ? (
        <ul className="picker-results" aria-label={t('picker.results')}>
          {results.map((o) => (
            <li key={o.id}>
              <button type="button" className="button-link" onClick={() => onPick(o)}>
                {o.name} <span className="muted">({o.unitName})</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
