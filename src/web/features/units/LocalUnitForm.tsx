import { type FormEvent, useState } from 'react'
import { LOCAL_UNIT_TYPES, type LocalUnitType, localChildAllowed, type UnitLevel, unitTypeName } from '../../../domain/units/types.ts'
import { useI18n } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { FormStatus, SelectField, TextField } from '../../ui/Field.tsx'
import { displayName, type UnitView, unitsApi } from './api.ts'

function useTypeOptions(parentLevel: string) {
  const { locale } = useI18n()
  return LOCAL_UNIT_TYPES.filter((type) => localChildAllowed(parentLevel as UnitLevel, type)).map((type) => ({
    value: type,
    label: unitTypeName(type, locale),
  }))
}

/** "Thêm ấp, khóm, thôn, khu phố, tổ" under a commune (or a residents' group under a hamlet). */
export function LocalUnitForm({ parent, onCreated }: { parent: UnitView; onCreated: () => void }) {
  const { t } = useI18n()
  const options = useTypeOptions(parent.level)
  const [name, setName] = useState('')
  const [unitType, setUnitType] = useState<string>(options[0]?.value ?? 'ap')
  const [error, setError] = useState<unknown>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setPending(true)
    setError(null)
    setStatus(null)
    try {
      const created = await unitsApi.createLocal(parent.code, { name: name.trim(), unitType: unitType as LocalUnitType })
      setStatus(t('units.localCreated', { name: created.name, code: created.code }))
      setName('')
      onCreated()
    } catch (err) {
      setError(err)
    } finally {
      setPending(false)
    }
  }

  return (
    <section className="card" aria-labelledby="local-form-title">
      <h2 id="local-form-title">{t('units.addLocal')}</h2>
      <p className="muted">{t('units.addLocalHint', { name: displayName(parent) })}</p>
      <form onSubmit={submit} className="form-grid" aria-labelledby="local-form-title">
        <ErrorMessage error={error} />
        <TextField label={t('units.localName')} value={name} onChange={setName} required maxLength={120} />
        <SelectField label={t('units.localType')} value={unitType} onChange={setUnitType} options={options} />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={pending || !name.trim()}>
            {t('units.addLocalSubmit')}
          </button>
        </div>
        <FormStatus message={status} />
      </form>
    </section>
  )
}

export function LocalUnitEdit({ unit, onSaved }: { unit: UnitView; onSaved: () => void }) {
  const { t } = useI18n()
  const parentLevel = unit.level === 'group' ? 'hamlet' : 'commune'
  const options = useTypeOptions(parentLevel)
  const [name, setName] = useState(unit.name)
  const [unitType, setUnitType] = useState(unit.unitType)
  const [error, setError] = useState<unknown>(null)
  const [status, setStatus] = useState<string | null>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    setStatus(null)
    try {
      await unitsApi.updateLocal(unit.code, { name: name.trim(), unitType: unitType as LocalUnitType })
      setStatus(t('common.saved'))
      onSaved()
    } catch (err) {
      setError(err)
    }
  }

  return (
    <section className="card" aria-labelledby="local-edit-title">
      <h2 id="local-edit-title">{t('units.editLocal')}</h2>
      <form onSubmit={submit} className="form-grid" aria-labelledby="local-edit-title">
        <ErrorMessage error={error} />
        <TextField label={t('units.localName')} value={name} onChange={setName} required maxLength={120} />
        <SelectField label={t('units.localType')} value={unitType} onChange={setUnitType} options={options} />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={!name.trim()}>
            {t('common.save')}
          </button>
        </div>
        <FormStatus message={status} />
      </form>
    </section>
  )
}
