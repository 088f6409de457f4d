import { useState } from 'react'
import { LOCAL_UNIT_TYPES, type LocalUnitType, localChildAllowed, type UnitLevel, unitTypeName } from '../../../domain/units/types.ts'
import { useI18n } from '../../app/i18n.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { displayName, type UnitView, unitsApi } from './api.ts'

function useTypeOptions(parentLevel: string) {
  const { locale } = useI18n()
  return LOCAL_UNIT_TYPES.filter((type) => localChildAllowed(parentLevel as UnitLevel, type)).map((type) => ({
    value: type,
    label: unitTypeName(type, locale),
  }))
}

interface CardProps {
  titleId: string
  title: string
  intro?: string
  parentLevel: string
  initial: { name: string; unitType: string }
  submitLabel: string
  /** Saves the unit and says what was done. */
  save: (input: { name: string; unitType: LocalUnitType }) => Promise<string>
  /** A new unit's name is cleared for the next one; an edited one stays. */
  clearAfter: boolean
}

/** A hamlet's name and type, in a card of its own. */
function LocalUnitCard({ titleId, title, intro, parentLevel, initial, submitLabel, save, clearAfter }: CardProps) {
  const { t } = useI18n()
  const options = useTypeOptions(parentLevel)
  const [name, setName] = useState(initial.name)
  const [unitType, setUnitType] = useState(initial.unitType || (options[0]?.value ?? 'ap'))
  const [status, setStatus] = useState<string | null>(null)

  const submit = async () => {
    setStatus(null)
    setStatus(await save({ name: name.trim(), unitType: unitType as LocalUnitType }))
    if (clearAfter) setName('')
  }

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {intro ? <p className="muted">{intro}</p> : null}
      <FormShell onSubmit={submit} submitLabel={submitLabel} canSubmit={!!name.trim()} missing={name.trim() ? [] : [t('units.localName')]} status={status} aria-labelledby={titleId}>
        <TextField label={t('units.localName')} value={name} onChange={setName} required maxLength={120} />
        <SelectField label={t('units.localType')} value={unitType} onChange={setUnitType} options={options} />
      </FormShell>
    </section>
  )
}

/** "Thêm ấp, khóm, thôn, khu phố, tổ" under a commune (or a residents' group under a hamlet). */
export function LocalUnitForm({ parent, onCreated }: { parent: UnitView; onCreated: () => void }) {
  const { t } = useI18n()
  return (
    <LocalUnitCard
      titleId="local-form-title"
      title={t('units.addLocal')}
      intro={t('units.addLocalHint', { name: displayName(parent) })}
      parentLevel={parent.level}
      initial={{ name: '', unitType: '' }}
      submitLabel={t('units.addLocalSubmit')}
      clearAfter
      save={async (input) => {
        const created = await unitsApi.createLocal(parent.code, input)
        onCreated()
        return t('units.localCreated', { name: created.name, code: created.code })
      }}
    />
  )
}

export function LocalUnitEdit({ unit, onSaved }: { unit: UnitView; onSaved: () => void }) {
  const { t } = useI18n()
  return (
    <LocalUnitCard
      titleId="local-edit-title"
      title={t('units.editLocal')}
      parentLevel={unit.level === 'group' ? 'hamlet' : 'commune'}
      initial={unit}
      submitLabel={t('common.save')}
      clearAfter={false}
      save={async (input) => {
        await unitsApi.updateLocal(unit.code, input)
        onSaved()
        return t('common.saved')
      }}
    />
  )
}
