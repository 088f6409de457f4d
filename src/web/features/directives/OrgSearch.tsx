import { useEffect, useId, useRef, useState } from 'react'
import { useT } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { CancelButton } from '../../ui/FormShell.tsx'
import { SearchResults, useSearch } from '../../ui/SearchPicker.tsx'
import type { OrgView } from '../orgs/api.ts'
import { OrgChoice, searchOrgs } from '../orgs/OrgPicker.tsx'

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
  const { results, error } = useSearch(text, searchOrgs)

  useEffect(() => {
    inputRef.current?.focus()
  }, [])

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
        <CancelButton onCancel={onCancel} />
      </div>
      <ErrorMessage error={error} />
      <SearchResults results={results} itemKey={(o) => o.id} describe={(o) => <OrgChoice org={o} />} onChoose={onPick} emptyText={t('dir.orgSearch.none')} />
    </div>
  )
}
