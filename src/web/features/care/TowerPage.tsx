import { useState } from 'react'
import { Link } from 'react-router'
import { BED_KINDS, FACILITY_KINDS, FACILITY_STATUSES, TIERS } from '../../../domain/care/codes.ts'
import { formatNumber } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { codeName, codeOptions } from '../surveillance/labels.ts'
import { UnitFilter } from '../surveillance/common.tsx'
import { useDefaultUnit } from '../surveillance/PersonChooser.tsx'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { careApi, type CapacityView } from './api.ts'
import './care.css'

const FIELDS = ['unit'] as const

/** A share as a bar and a percentage (occupied of beds). */
export function OccupancyBar({ occupied, beds }: { occupied: number; beds: number }) {
  const share = beds > 0 ? Math.min(1, occupied / beds) : 0
  const level = share >= 0.9 ? 'high' : share >= 0.7 ? 'mid' : 'low'
  return (
    <span className="care-bar" title={`${formatNumber(occupied)}/${formatNumber(beds)}`}>
      <span className={`care-bar-fill care-bar-${level}`} style={{ width: `${Math.round(share * 100)}%` }} />
      <span className="care-bar-text">{beds > 0 ? `${Math.round(share * 100)}%` : '—'}</span>
    </span>
  )
}

function Tower({ c }: { c: CapacityView }) {
  const { t, locale } = useI18n()
  const tiers = [3, 2, 1] as const
  return (
    <div className="care-tower" data-testid="care-tower">
      {tiers.map((tier) => {
        const rows = c.capacity.filter((r) => r.tier === tier)
        const beds = rows.reduce((s, r) => s + r.beds, 0)
        const occupied = rows.reduce((s, r) => s + r.occupied, 0)
        return (
          <section key={tier} className={`care-tier care-tier-${tier}`} aria-label={TIERS[tier][locale]}>
            <h2>{TIERS[tier][locale]}</h2>
            <p className="care-tier-total">
              {formatNumber(occupied)} / {formatNumber(beds)} {t('care.beds').toLowerCase()} <OccupancyBar occupied={occupied} beds={beds} />
              {tier === 1 ? ` · ${t('care.homeCare')}: ${formatNumber(c.homeCare)}` : null}
            </p>
            <ul className="care-kinds">
              {rows.map((r) => (
                <li key={r.kind} data-testid={`tier-${tier}-${r.kind}`}>
                  <span>{codeName(BED_KINDS, r.kind, locale)}</span> <strong>{formatNumber(r.occupied)}</strong>/{formatNumber(r.beds)} <OccupancyBar occupied={r.occupied} beds={r.beds} />
                </li>
              ))}
            </ul>
          </section>
        )
      })}
    </div>
  )
}

function NewFacilityForm({ onDone }: { onDone: () => void }) {
  const { t, locale } = useI18n()
  const [name, setName] = useState('')
  const [tier, setTier] = useState('1')
  const [kind, setKind] = useState('collection')
  const [unit, setUnit] = useState<PickedUnit | null>(useDefaultUnit())
  const [beds, setBeds] = useState({ bedsRegular: '', bedsOxygen: '', bedsIcu: '', bedsVentilator: '' })
  const missing = [...(name.trim() ? [] : [t('care.facility.name')]), ...(unit ? [] : [t('care.facility.unit')])]
  const n = (v: string) => (v.trim() ? Number(v) : 0)
  return (
    <FormShell
      onSubmit={async () => {
        await careApi.createFacility({
          name: name.trim(),
          tier: Number(tier) as 1 | 2 | 3,
          kind: kind as 'collection',
          unitCode: unit!.code,
          bedsRegular: n(beds.bedsRegular),
          bedsOxygen: n(beds.bedsOxygen),
          bedsIcu: n(beds.bedsIcu),
          bedsVentilator: n(beds.bedsVentilator),
        })
        onDone()
      }}
      submitLabel={t('care.facility.create')}
      canSubmit={missing.length === 0}
      missing={missing}
      aria-label={t('care.facility.new')}
    >
      <TextField label={t('care.facility.name')} value={name} onChange={setName} maxLength={200} required />
      <SelectField label={t('care.tier')} value={tier} onChange={setTier} options={[1, 2, 3].map((v) => ({ value: String(v), label: TIERS[v as 1][locale] }))} />
      <SelectField label={t('care.facility.kind')} value={kind} onChange={setKind} options={codeOptions(FACILITY_KINDS, locale)} />
      <UnitPicker label={t('care.facility.unit')} value={unit} onChange={setUnit} required />
      {(['bedsRegular', 'bedsOxygen', 'bedsIcu', 'bedsVentilator'] as const).map((k) => (
        <TextField key={k} label={t(`care.facility.${k}`)} value={beds[k]} onChange={(v) => setBeds({ ...beds, [k]: v })} inputMode="numeric" pattern="\d*" />
      ))}
    </FormShell>
  )
}

export function TowerPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('care.tower.title'))
  const { can } = useSession()
  const { values, draft, setField, submit } = useListParams(FIELDS)
  const unit = values.unit || undefined
  const capacity = useApi(`care:capacity:${unit ?? ''}`, (signal) => careApi.capacity(unit, signal))
  const flows = useApi(`care:flows:${unit ?? ''}`, (signal) => careApi.flows(unit, signal))
  const byUnit = useApi(`care:units:${unit ?? ''}`, (signal) => careApi.capacityUnits(unit, signal))
  const [version, setVersion] = useState(0)
  const facilities = useApi(`care:facilities:${unit ?? ''}:${version}`, (signal) => careApi.facilities(unit ? { unitCode: unit, limit: 500 } : { limit: 500 }, signal))
  const [adding, setAdding] = useState(false)
  if (!can('care:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title" className="care-page">
      <PageHead title={t('care.tower.title')} />
      <FilterForm onSubmit={submit} submitLabel={t('common.search')} label={t('care.unit')}>
        <UnitFilter value={draft.unit} onChange={setField('unit')} />
      </FilterForm>
      <Loaded state={capacity}>
        {(c) => (
          <>
            <p className="care-summary">
              <strong>{c.unit.name}</strong> · {t('care.freePer100k')}: <strong data-testid="free-per-100k">{c.freePer100k === null ? '—' : formatNumber(c.freePer100k)}</strong>
              {c.population ? ` · ${t('care.population')}: ${formatNumber(c.population)}` : null}
            </p>
            <Tower c={c} />
            <DataTable
              caption={t('care.tower.caption')}
              rows={c.capacity}
              rowKey={(r) => `${r.tier}-${r.kind}`}
              columns={[
                { key: 'tier', header: t('care.tier'), cell: (r) => r.tier },
                { key: 'kind', header: t('care.kind'), cell: (r) => codeName(BED_KINDS, r.kind, locale) },
                { key: 'beds', header: t('care.beds'), cell: (r) => formatNumber(r.beds), numeric: true },
                { key: 'occupied', header: t('care.occupied'), cell: (r) => formatNumber(r.occupied), numeric: true },
                { key: 'free', header: t('care.free'), cell: (r) => formatNumber(Math.max(0, r.beds - r.occupied)), numeric: true },
              ]}
            />
          </>
        )}
      </Loaded>
      <Loaded state={flows}>
        {(f) => (
          <section aria-label={t('care.flows.title')}>
            <h2>{t('care.flows.title')}</h2>
            <ul className="care-flows">
              {(['admitted', 'transferred', 'discharged', 'died', 'homeEnrolled', 'homeReleased', 'homeDied'] as const).map((k) => (
                <li key={k} data-testid={`care-flow-${k}`}>
                  {t(`care.flows.${k}`)}: <strong>{formatNumber(f[k])}</strong>
                </li>
              ))}
            </ul>
          </section>
        )}
      </Loaded>
      <h2>{t('care.facilities.caption')}</h2>
      {can('care:write') ? (
        adding ? (
          <NewFacilityForm
            onDone={() => {
              setAdding(false)
              setVersion((v) => v + 1)
            }}
          />
        ) : (
          <button type="button" className="button-primary" onClick={() => setAdding(true)}>
            {t('care.facility.new')}
          </button>
        )
      ) : null}
      <Loaded state={facilities}>
        {(d) => (
          <DataTable
            caption={t('care.facilities.caption')}
            hideCaption
            testId="care-facilities"
            rows={d.facilities}
            rowKey={(f) => f.id}
            columns={[
              { key: 'name', header: t('care.facility.name'), cell: (f) => <Link to={`/care/facilities/${f.id}`}>{f.name}</Link> },
              { key: 'tier', header: t('care.tier'), cell: (f) => f.tier },
              { key: 'kind', header: t('care.facility.kind'), cell: (f) => codeName(FACILITY_KINDS, f.kind, locale) },
              { key: 'unit', header: t('care.facility.unit'), cell: (f) => f.unitName },
              {
                key: 'beds',
                header: t('care.occupancy'),
                cell: (f) => {
                  const beds = f.beds.regular + f.beds.oxygen + f.beds.icu + f.beds.ventilator
                  const occ = f.occupied.regular + f.occupied.oxygen + f.occupied.icu + f.occupied.ventilator
                  return (
                    <>
                      {formatNumber(occ)}/{formatNumber(beds)} <OccupancyBar occupied={occ} beds={beds} />
                    </>
                  )
                },
              },
              { key: 'status', header: t('care.facility.status'), cell: (f) => codeName(FACILITY_STATUSES, f.status, locale) },
            ]}
          />
        )}
      </Loaded>
      <Loaded state={byUnit}>
        {(u) => (
          <DataTable
            caption={t('care.units.caption')}
            rows={u.units.filter((r) => r.beds > 0)}
            rowKey={(r) => r.code}
            columns={[
              { key: 'name', header: t('care.unit'), cell: (r) => r.name },
              { key: 'population', header: t('care.population'), cell: (r) => formatNumber(r.population), numeric: true },
              { key: 'beds', header: t('care.beds'), cell: (r) => formatNumber(r.beds), numeric: true },
              { key: 'occupied', header: t('care.occupied'), cell: (r) => formatNumber(r.occupied), numeric: true },
              { key: 'free', header: t('care.freePer100k'), cell: (r) => (r.freePer100k === null ? '—' : formatNumber(r.freePer100k)), numeric: true, sortValue: (r) => r.freePer100k },
            ]}
          />
        )}
      </Loaded>
    </section>
  )
}
