import { useId, useState } from 'react'
import { vnDate } from '../../../domain/text/dates.ts'
import { AGE_GROUP_VI, type AgeGroup, DOSE_VI, DOSES, type Dose, RISK_GROUP_VI, RISK_GROUPS, type RiskGroup } from '../../../domain/vaccination/groups.ts'
import { formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi } from '../../app/useApi.ts'
import { DateInput } from '../../ui/DateInput.tsx'
import { ErrorMessage, Loading } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell, useAction } from '../../ui/FormShell.tsx'
import { useDefaultUnit } from '../surveillance/PersonChooser.tsx'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { vaccinationApi } from './api.ts'
import './vaccination.css'

/**
 * The "Tiêm chủng" section of a person's page: the doses recorded, a short form to add one (one
 * column, so it fits a phone) and a delete for a dose entered by mistake. A dose saved here is
 * counted at once into the commune's doses of its day, so coverage moves with it.
 */
export function PersonDoses({ personId, residence }: { personId: number; residence: PickedUnit }) {
  const t = useT()
  const id = useId()
  const { can } = useSession()
  const own = useDefaultUnit()
  const doses = useApi(`vac:person:${personId}`, (signal) => vaccinationApi.personDoses(personId, signal))
  const ref = useApi('vac:reference', (signal) => vaccinationApi.reference(signal))
  const [doseDate, setDoseDate] = useState(vnDate(new Date()))
  const [product, setProduct] = useState('')
  const [dose, setDose] = useState<Dose>('1')
  const [riskGroup, setRiskGroup] = useState<RiskGroup>('none')
  const [lot, setLot] = useState('')
  // The commune that gives the dose: the user's own commune, else where the person lives.
  const [place, setPlace] = useState<PickedUnit | null>(own ?? { code: residence.code.split('.')[0]!, label: residence.label })
  const [status, setStatus] = useState<string | null>(null)
  const remove = useAction()
  if (!can('vaccination:read')) return null
  const items = doses.data?.items ?? []
  const missing = [...(!product ? [t('vac.product')] : []), ...(!place ? [t('vac.person.place')] : []), ...(!doseDate ? [t('vac.person.date')] : [])]

  const add = async () => {
    setStatus(null)
    const saved = await vaccinationApi.addPersonDose(personId, { doseDate, product, dose, unitCode: place!.code, riskGroup, lot: lot.trim() || null })
    doses.reload()
    setLot('')
    const next = DOSES[DOSES.indexOf(dose) + 1]
    if (next) setDose(next)
    setStatus(t('vac.person.saved', { dose: DOSE_VI[dose], date: formatVnDate(doseDate), n: String(saved.items.length) }))
  }
  const del = (recordId: number, label: string) => {
    if (!window.confirm(t('vac.person.confirmDelete', { dose: label }))) return
    void remove.run(async () => {
      await vaccinationApi.removeRecord(recordId)
      setStatus(t('vac.person.deleted', { dose: label }))
      doses.reload()
    })
  }

  return (
    <section aria-labelledby={`${id}-h`} data-testid="person-doses">
      <h2 id={`${id}-h`}>{t('vac.person.title')}</h2>
      {doses.loading && !doses.data ? <Loading /> : null}
      <ErrorMessage error={doses.error ?? remove.error} />
      {doses.data && items.length === 0 ? <p className="muted">{t('vac.person.none')}</p> : null}
      {items.length ? (
        <ul className="vac-person-doses" aria-label={t('vac.person.list')}>
          {items.map((d) => (
            <li key={d.id} data-testid="person-dose">
              <span className="vac-dose-main">
                <strong>{DOSE_VI[d.dose as Dose]}</strong> · {formatVnDate(d.doseDate)} · {d.productName}
              </span>
              <span className="muted">
                {d.unitName} · {AGE_GROUP_VI[d.ageGroup as AgeGroup]}
                {d.riskGroup !== 'none' ? ` · ${RISK_GROUP_VI[d.riskGroup as RiskGroup]}` : ''}
                {d.lot ? ` · ${t('vac.person.lot')} ${d.lot}` : ''}
              </span>
              {can('vaccination:write') ? (
                <button type="button" className="button-secondary" disabled={remove.pending} onClick={() => del(d.id, `${DOSE_VI[d.dose as Dose]} (${formatVnDate(d.doseDate)})`)}>
                  {t('vac.person.delete')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {can('vaccination:write') ? (
        <FormShell className="form-grid vac-person-form" onSubmit={add} submitLabel={t('vac.person.add')} canSubmit={missing.length === 0} missing={missing} status={status} aria-label={t('vac.person.add')}>
          <DateInput label={t('vac.person.date')} value={doseDate} onChange={setDoseDate} required />
          <SelectField label={t('vac.product')} value={product} onChange={setProduct} required options={[{ value: '', label: t('vac.entry.choose') }, ...(ref.data?.products ?? []).map((p) => ({ value: p.code, label: p.name }))]} />
          <SelectField label={t('vac.dose')} value={dose} onChange={(v) => setDose(v as Dose)} required options={DOSES.map((d) => ({ value: d, label: DOSE_VI[d] }))} />
          <UnitPicker label={t('vac.person.place')} value={place} onChange={setPlace} required />
          <SelectField label={t('vac.riskGroup')} value={riskGroup} onChange={(v) => setRiskGroup(v as RiskGroup)} options={RISK_GROUPS.map((g) => ({ value: g, label: RISK_GROUP_VI[g] }))} />
          <TextField label={t('vac.person.lot')} value={lot} onChange={setLot} maxLength={60} autoComplete="off" />
        </FormShell>
      ) : null}
    </section>
  )
}
