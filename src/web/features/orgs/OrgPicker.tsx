import { useT } from '../../app/i18n.tsx'
import { SearchPicker } from '../../ui/SearchPicker.tsx'
import { type OrgView, orgsApi } from './api.ts'

export interface PickedOrg {
  id: number
  name: string
}

/** Bodies whose name or abbreviation matches, for the pickers and the review's search boxes. */
export const searchOrgs = (q: string, signal: AbortSignal) => orgsApi.list({ q, limit: 15 }, signal)

/** A body as offered in search results: its name and where it sits. */
export function OrgChoice({ org }: { org: OrgView }) {
  return (
    <>
      {org.name} <span className="muted">({org.unitName})</span>
    </>
  )
}

/** Chooses an organisation by part of its name or abbreviation. */
export function OrgPicker({ label, value, onChange }: { label: string; value: PickedOrg | null; onChange: (org: PickedOrg | null) => void }) {
  const t = useT()
  return (
    <SearchPicker
      label={label}
      searchLabel={t('picker.searchOrg')}
      selected={value?.name ?? null}
      onClear={() => onChange(null)}
      search={searchOrgs}
      itemKey={(o) => o.id}
      describe={(o) => <OrgChoice org={o} />}
      onChoose={(o) => onChange({ id: o.id, name: o.name })}
    />
  )
}
