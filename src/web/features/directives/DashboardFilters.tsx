import { type FormEvent, useState } from 'react'
import { useT } from '../../app/i18n.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { FilterForm } from '../../ui/ListControls.tsx'
import { type PickedOrg, OrgPicker } from '../orgs/OrgPicker.tsx'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'

export interface FilterState {
  from: string
  to: string
  issuer: PickedOrg | null
  unit: PickedUnit | null
}

export function filterFromParams(p: URLSearchParams): FilterState {
  const issuerId = Number(p.get('issuer'))
  const unit = p.get('unit')
  return {
    from: p.get('from') ?? '',
    to: p.get('to') ?? '',
    issuer: issuerId > 0 ? { id: issuerId, name: p.get('issuerName') ?? `#${issuerId}` } : null,
    unit: unit ? { code: unit, label: p.get('unitName') ?? unit } : null,
  }
}

export function filterToParams(f: FilterState): URLSearchParams {
  const p = new URLSearchParams()
  if (f.from) p.set('from', f.from)
  if (f.to) p.set('to', f.to)
  if (f.issuer) {
    p.set('issuer', String(f.issuer.id))
    p.set('issuerName', f.issuer.name)
  }
  if (f.unit) {
    p.set('unit', f.unit.code)
    p.set('unitName', f.unit.label)
  }
  return p
}

/** Period of issue, issuing body and where the assigned bodies are: what the Office narrows the picture by. */
export function DashboardFilters({ value, onApply }: { value: FilterState; onApply: (f: FilterState) => void }) {
  const t = useT()
  const [draft, setDraft] = useState(value)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onApply(draft)
  }
  const clear = () => {
    const empty = { from: '', to: '', issuer: null, unit: null }
    setDraft(empty)
    onApply(empty)
  }
  return (
    <FilterForm
      onSubmit={submit}
      submitLabel={t('common.filter')}
      label={t('dir.filters')}
      className="filters dashboard-filters"
      actions={
        <button type="button" className="button-secondary" onClick={clear}>
          {t('dir.filter.clear')}
        </button>
      }
    >
      <DateInput label={t('dir.filter.from')} value={draft.from} onChange={(from) => setDraft((d) => ({ ...d, from }))} hint={t('dir.filter.dateHint')} />
      <DateInput label={t('dir.filter.to')} value={draft.to} onChange={(to) => setDraft((d) => ({ ...d, to }))} hint={t('dir.filter.dateHint')} />
      <OrgPicker label={t('dir.filter.issuer')} value={draft.issuer} onChange={(issuer) => setDraft((d) => ({ ...d, issuer }))} />
      <UnitPicker label={t('dir.filter.unit')} hint={t('dir.filter.unitHint')} value={draft.unit} onChange={(unit) => setDraft((d) => ({ ...d, unit }))} />
    </FilterForm>
  )
}
