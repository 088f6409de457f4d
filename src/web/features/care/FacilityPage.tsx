import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { BED_KINDS, DISCHARGE_OUTCOMES, FACILITY_KINDS, FACILITY_STATUSES, TIERS } from '../../../domain/care/codes.ts'
import { SEVERITIES } from '../../../domain/surveillance/codes.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import { formatNumber } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { FormStatus, SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { day, PersonLink } from '../surveillance/common.tsx'
import { codeName, codeOptions } from '../surveillance/labels.ts'
import { type AdmissionView, careApi, type FacilityView } from './api.ts'
import { OccupancyBar } from './TowerPage.tsx'

function DischargeForm({ a, onDone }: { a: AdmissionView; onDone: (message: string) => void }) {
  const { t, locale } = useI18n()
  const [outcome, setOutcome] = useState('recovered')
  const [on, setOn] = useState(vnDate(new Date()))
  const [to, setTo] = useState('')
  return (
    <FormShell
      onSubmit={async () => {
        await careApi.discharge(a.id, { outcome, on, transferredTo: outcome === 'transferred_out' ? to.trim() : null })
        onDone(t('care.discharged', { name: a.fullName }))
      }}
      submitLabel={t('care.discharge.submit')}
      aria-label={t('care.discharge.title', { name: a.fullName })}
      className="form-grid care-inline-form"
    >
      <SelectField label={t('care.discharge.outcome')} value={outcome} onChange={setOutcome} options={codeOptions(DISCHARGE_OUTCOMES, locale)} />
      <DateInput label={t('care.discharge.on')} value={on} onChange={setOn} required />
      {outcome === 'transferred_out' ? <TextField label={t('care.discharge.transferredTo')} value={to} onChange={setTo} maxLength={200} required /> : null}
    </FormShell>
  )
}

function TransferForm({ a, onDone }: { a: AdmissionView; onDone: () => void }) {
  const { t, locale } = useI18n()
  const targets = useApi('care:transfer-targets', (signal) => careApi.facilities({ limit: 500 }, signal))
  const [facilityId, setFacilityId] = useState('')
  const [bedKind, setBedKind] = useState('oxygen')
  return (
    <Loaded state={targets}>
      {(d) => (
        <FormShell
          onSubmit={async () => {
            await careApi.transfer(a.id, { facilityId: Number(facilityId), bedKind })
            onDone()
          }}
          submitLabel={t('care.transfer.submit')}
          canSubmit={facilityId !== ''}
          missing={[t('care.transfer.facility')]}
          aria-label={t('care.transfer.title', { name: a.fullName })}
          className="form-grid care-inline-form"
        >
          <SelectField
            label={t('care.transfer.facility')}
            value={facilityId}
            onChange={setFacilityId}
            options={[{ value: '', label: '—' }, ...d.facilities.filter((f) => f.kind !== 'health_station' && f.kind !== 'mobile_station').map((f) => ({ value: String(f.id), label: `${f.name} (${t('care.tier')} ${f.tier})` }))]}
          />
          <SelectField label={t('care.kind')} value={bedKind} onChange={setBedKind} options={codeOptions(BED_KINDS, locale)} />
        </FormShell>
      )}
    </Loaded>
  )
}

function AdmitForm({ f, onDone }: { f: FacilityView; onDone: () => void }) {
  const { t, locale } = useI18n()
  const [caseId, setCaseId] = useState('')
  const kinds = (Object.keys(BED_KINDS) as (keyof typeof BED_KINDS)[]).filter((k) => f.beds[k] > 0)
  const [bedKind, setBedKind] = useState<string>(kinds[0] ?? 'regular')
  const [severity, setSeverity] = useState('')
  return (
    <FormShell
      onSubmit={async () => {
        await careApi.admit({ facilityId: f.id, caseId: Number(caseId), bedKind, severity: severity || null })
        setCaseId('')
        onDone()
      }}
      submitLabel={t('care.admit.submit')}
      canSubmit={/^\d+$/.test(caseId)}
      missing={[t('care.admit.caseId')]}
      aria-label={t('care.admit.title')}
    >
      <TextField label={t('care.admit.caseId')} value={caseId} onChange={setCaseId} inputMode="numeric" required />
      <SelectField label={t('care.kind')} value={bedKind} onChange={setBedKind} options={kinds.map((k) => ({ value: k, label: BED_KINDS[k][locale] }))} />
      <SelectField label={t('care.admission.severity')} value={severity} onChange={setSeverity} options={codeOptions(SEVERITIES, locale, '—')} />
    </FormShell>
  )
}

const COUNTS = ['bedsRegular', 'bedsOxygen', 'bedsIcu', 'bedsVentilator', 'staffDoctors', 'staffNurses', 'staffOther', 'oxygenCylinders', 'oxygenConcentrators'] as const
type Count = (typeof COUNTS)[number]

/** The facility's status, beds by kind, staff, oxygen supply and manager edited (fewer beds than patients in them is refused). */
function EditFacilityForm({ f, onDone }: { f: FacilityView; onDone: () => void }) {
  const { t, locale } = useI18n()
  const [status, setStatus] = useState<string>(f.status)
  const [counts, setCounts] = useState(Object.fromEntries(COUNTS.map((k) => [k, String(f[k])])) as Record<Count, string>)
  const [tank, setTank] = useState(f.oxygenTankM3 === null ? '' : String(f.oxygenTankM3))
  const [managerName, setManagerName] = useState(f.managerName ?? '')
  const [phone, setPhone] = useState(f.phone ?? '')
  const bad = COUNTS.filter((k) => !/^\d+$/.test(counts[k].trim()))
  return (
    <FormShell
      onSubmit={async () => {
        await careApi.updateFacility(f.id, {
          status: status as FacilityView['status'],
          ...(Object.fromEntries(COUNTS.map((k) => [k, Number(counts[k])])) as Record<Count, number>),
          oxygenTankM3: tank.trim() ? Number(tank.replace(',', '.')) : null,
          managerName: managerName.trim() || null,
          phone: phone.replace(/[\s.]/g, '') || null,
        })
        onDone()
      }}
      submitLabel={t('care.facility.save')}
      canSubmit={bad.length === 0}
      missing={bad.map((k) => t(`care.facility.${k}`))}
      onCancel={onDone}
      aria-label={t('care.facility.edit')}
    >
      <SelectField label={t('care.facility.status')} value={status} onChange={setStatus} options={codeOptions(FACILITY_STATUSES, locale)} />
      {COUNTS.map((k) => (
        <TextField key={k} label={t(`care.facility.${k}`)} value={counts[k]} onChange={(v) => setCounts({ ...counts, [k]: v })} inputMode="numeric" />
      ))}
      <TextField label={t('care.facility.oxygenTankM3')} value={tank} onChange={setTank} inputMode="decimal" />
      <TextField label={t('care.facility.manager')} value={managerName} onChange={setManagerName} maxLength={120} />
      <TextField label={t('care.facility.phone')} value={phone} onChange={setPhone} type="tel" maxLength={16} />
    </FormShell>
  )
}

export function FacilityPage() {
  const { t, locale } = useI18n()
  const { id } = useParams()
  const { can } = useSession()
  const facilityId = Number(id)
  const [version, setVersion] = useState(0)
  const data = useApi(`care:facility:${facilityId}:${version}`, (signal) => careApi.facility(facilityId, signal))
  const [acting, setActing] = useState<{ id: number; what: 'discharge' | 'transfer' } | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [editing, setEditing] = useState(false)
  usePageTitle(data.data ? data.data.facility.name : t('care.tower.title'))
  if (!can('care:read')) return <NotAllowed />
  const done = (message: string | null = null) => {
    setActing(null)
    setStatus(message)
    setVersion((v) => v + 1)
  }
  return (
    <section aria-labelledby="page-title" className="care-page">
      <p>
        <Link to="/care">← {t('care.tower.title')}</Link>
      </p>
      <Loaded state={data}>
        {({ facility: f, admissions }) => (
          <>
            <h1 id="page-title">{f.name}</h1>
            <FactList
              facts={[
                { label: t('care.tier'), value: TIERS[f.tier as 1 | 2 | 3][locale] },
                { label: t('care.facility.kind'), value: codeName(FACILITY_KINDS, f.kind, locale) },
                { label: t('care.facility.unit'), value: `${f.unitName}${f.address ? ` — ${f.address}` : ''}` },
                { label: t('care.facility.status'), value: codeName(FACILITY_STATUSES, f.status, locale) },
                { label: t('care.facility.staff'), value: `${f.staffDoctors} / ${f.staffNurses} / ${f.staffOther}` },
                { label: t('care.facility.oxygen'), value: `${f.oxygenTankM3 ?? '—'} / ${f.oxygenCylinders} / ${f.oxygenConcentrators}` },
                { label: t('care.facility.manager'), value: [f.managerName, f.phone].filter(Boolean).join(' · ') || '—' },
                ...(f.homePatients > 0 ? [{ label: t('care.facility.homePatients'), value: formatNumber(f.homePatients) }] : []),
              ]}
            />
            <DataTable
              caption={t('care.tower.caption')}
              rows={(Object.keys(BED_KINDS) as (keyof typeof BED_KINDS)[]).filter((k) => f.beds[k] > 0 || f.occupied[k] > 0)}
              rowKey={(k) => k}
              testId="facility-beds"
              columns={[
                { key: 'kind', header: t('care.kind'), cell: (k) => BED_KINDS[k][locale] },
                { key: 'beds', header: t('care.beds'), cell: (k) => formatNumber(f.beds[k]), numeric: true },
                { key: 'occupied', header: t('care.occupied'), cell: (k) => formatNumber(f.occupied[k]), numeric: true },
                { key: 'bar', header: t('care.occupancy'), cell: (k) => <OccupancyBar occupied={f.occupied[k]} beds={f.beds[k]} /> },
              ]}
            />
            {can('care:write') ? (
              editing ? (
                <EditFacilityForm
                  f={f}
                  onDone={() => {
                    setEditing(false)
                    setVersion((v) => v + 1)
                  }}
                />
              ) : (
                <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
                  {t('care.facility.edit')}
                </button>
              )
            ) : null}
            <FormStatus message={status} />
            {can('care:write') && f.kind !== 'health_station' && f.kind !== 'mobile_station' ? <AdmitForm f={f} onDone={() => done()} /> : null}
            <DataTable
              caption={t('care.admissions.caption')}
              testId="care-admissions"
              rows={admissions}
              rowKey={(a) => a.id}
              columns={[
                { key: 'name', header: t('care.admission.patient'), cell: (a) => <PersonLink id={a.personId} name={a.fullName} /> },
                { key: 'case', header: t('care.admission.case'), cell: (a) => a.caseCode ?? (a.caseId ? `#${a.caseId}` : '—') },
                { key: 'kind', header: t('care.kind'), cell: (a) => codeName(BED_KINDS, a.bedKind, locale) },
                { key: 'severity', header: t('care.admission.severity'), cell: (a) => codeName(SEVERITIES, a.severity, locale) },
                { key: 'on', header: t('care.admission.admittedOn'), cell: (a) => day(a.admittedOn) },
                {
                  key: 'actions',
                  header: t('care.admission.actions'),
                  cell: (a) =>
                    !can('care:write') ? null : acting?.id === a.id ? (
                      acting.what === 'discharge' ? (
                        <DischargeForm a={a} onDone={done} />
                      ) : (
                        <TransferForm a={a} onDone={() => done()} />
                      )
                    ) : (
                      <span className="button-row">
                        <button type="button" className="button-secondary" onClick={() => setActing({ id: a.id, what: 'discharge' })} aria-label={`${t('care.discharge')}: ${a.fullName}`}>
                          {t('care.discharge')}
                        </button>
                        <button type="button" className="button-secondary" onClick={() => setActing({ id: a.id, what: 'transfer' })} aria-label={`${t('care.transfer')}: ${a.fullName}`}>
                          {t('care.transfer')}
                        </button>
                      </span>
                    ),
                },
              ]}
            />
          </>
        )}
      </Loaded>
    </section>
  )
}
