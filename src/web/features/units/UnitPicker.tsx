import { useT } from '../../app/i18n.tsx'
import { SearchPicker } from '../../ui/SearchPicker.tsx'
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

const describe = (u: UnitSearchResult) => `${displayName(u)}${u.parentName ? `, ${u.parentName}` : ''} (${u.code})`

const searchCurrent = async (q: string, signal: AbortSignal) => (await unitsApi.search(q, undefined, signal, 15)).filter((u) => u.current)

/** Chooses a current administrative unit by typing part of its name (without diacritics is fine) or its code. */
export function UnitPicker({ label, value, onChange, required, hint }: Props) {
  const t = useT()
  return (
    <SearchPicker
      label={label}
      searchLabel={t('picker.searchUnit')}
      selected={value?.label ?? null}
      onClear={() => onChange(null)}
      search={searchCurrent}
      itemKey={(u) => u.id}
      describe={describe}
      onChoose={(u) => onChange({ code: u.code, label: describe(u) })}
      required={required}
      hint={hint}
    />
  )
}
