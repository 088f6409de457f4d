import { type FormEvent, type ReactNode, useState } from 'react'
import { useSearchParams } from 'react-router'
import { useT } from '../app/i18n.tsx'

/**
 * A list screen's filters and page, kept in the address so a view can be shared and survives a
 * reload. `values` are the applied filters, `draft` what the form holds until it is submitted.
 */
export function useListParams<K extends string>(fields: readonly K[]) {
  const [params, setParams] = useSearchParams()
  const values = Object.fromEntries(fields.map((f) => [f, params.get(f) ?? ''])) as Record<K, string>
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0)
  const [draft, setDraft] = useState(values)
  const go = (next: Record<K, string>, nextPage: number) => {
    const p = new URLSearchParams()
    for (const f of fields) if (next[f].trim()) p.set(f, next[f].trim())
    if (nextPage > 0) p.set('page', String(nextPage))
    setParams(p, { replace: true })
  }
  return {
    values,
    page,
    /** Names what is shown, for useApi. */
    key: params.toString(),
    draft,
    setField: (f: K) => (v: string) => setDraft((d) => ({ ...d, [f]: v })),
    submit: (e: FormEvent) => {
      e.preventDefault()
      go(draft, 0)
    },
    goToPage: (n: number) => go(values, n),
    /** Shows other values at once (a view, a month), from the first page. */
    show: (next: Partial<Record<K, string>>) => {
      setDraft((d) => ({ ...d, ...next }))
      go({ ...values, ...next }, 0)
    },
  }
}

interface FilterFormProps {
  onSubmit: (e: FormEvent) => void
  submitLabel: string
  label?: string
  className?: string
  /** Buttons after the submit button, e.g. one that clears the filters. */
  actions?: ReactNode
  children: ReactNode
}

/** The filter fields above a list, with the button that applies them. */
export function FilterForm({ onSubmit, submitLabel, label, className = 'filters', actions, children }: FilterFormProps) {
  return (
    <form role="search" className={className} onSubmit={onSubmit} aria-label={label}>
      {children}
      <div className="form-actions">
        <button type="submit" className="button-primary">
          {submitLabel}
        </button>
        {actions}
      </div>
    </form>
  )
}

/** Previous and next page of a list. */
export function Pager({ page, hasNext, onPage }: { page: number; hasNext: boolean; onPage: (page: number) => void }) {
  const t = useT()
  return (
    <div className="pager">
      <button type="button" className="button-secondary" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('common.previous')}
      </button>
      <button type="button" className="button-secondary" disabled={!hasNext} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </div>
  )
}
