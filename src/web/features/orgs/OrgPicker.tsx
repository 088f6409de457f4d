import { useEffect, useId, useState } from 'react'
import { useT } from '../../app/i18n.tsx'
import { type OrgView, orgsApi } from './api.ts'

export interface PickedOrg {
  id: number
  name: string
}

/** Chooses an organisation by part of its name or abbreviation. */
export function OrgPicker({ label, value, onChange }: { label: string; value: PickedOrg | null; onChange: (org: PickedOrg | null) => void }) {
  const t = useT()
  const id = useId()
  const [text, setText] = useState('')
  const [results, setResults] = useState<OrgView[]>([])

  useEffect(() => {
    const q = text.trim()
    if (q.length < 2) {
      setResults([])
      return
    }
    const controller = new AbortController()
    const timer = window.setTimeout(() => {
      orgsApi.list({ q, limit: 15 }, controller.signal).then(setResults, () => undefined)
    }, 250)
    return () => {
      window.clearTimeout(timer)
      controller.abort()
    }
  }, [text])

  return (
    <fieldset className="picker">
      <legend>{label}</legend>
      <p className="picker-value" aria-live="polite">
        {value ? (
          <>
            {t('picker.selected')}: <strong>{value.name}</strong>{' '}
            <button type="button" className="button-link" onClick={() => onChange(null)}>
              {t('picker.clear')}
            </button>
          </>
        ) : (
          <span className="muted">{t('picker.none')}</span>
        )}
      </p>
      <label htmlFor={`${id}-q`}>{t('picker.searchOrg')}</label>
      <input id={`${id}-q`} type="search" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
      {results.length > 0 ? (
        <ul className="picker-results" aria-label={t('picker.results')}>
          {results.map((o) => (
            <li key={o.id}>
              <button
                type="button"
                className="button-link"
                onClick={() => {
                  onChange({ id: o.id, name: o.name })
                  setText('')
                  setResults([])
                }}
              >
                {o.name} <span className="muted">({o.unitName})</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  )
}
