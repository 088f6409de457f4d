import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { vnDate } from '../../../domain/text/dates.ts'
import { formatNumber } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { type PickedOrg, OrgPicker } from '../orgs/OrgPicker.tsx'
import { day } from '../surveillance/common.tsx'
import { type CheckpointRecord, entryApi } from './api.ts'
import './entry.css'

type Staff = CheckpointRecord['staff'][number]
const num = (v: string) => (v.trim() === '' ? null : Number(v.replace(',', '.')))
const text = (v: number | null) => (v === null ? '' : String(v))

/** The checkpoint's name, place, point and the body in charge. */
function EditForm({ cp, onDone }: { cp: CheckpointRecord; onDone: () => void }) {
  const { t } = useI18n()
  const [name, setName] = useState(cp.name)
  const [location, setLocation] = useState(cp.location ?? '')
  const [lon, setLon] = useState(text(cp.lon))
  const [lat, setLat] = useState(text(cp.lat))
  const [org, setOrg] = useState<PickedOrg | null>(cp.orgId && cp.orgName ? { id: cp.orgId, name: cp.orgName } : null)
  return (
    <FormShell
      onSubmit={async () => {
        await entryApi.updateCheckpoint(cp.id, { name: name.trim(), location: location.trim() || null, lon: num(lon), lat: num(lat), orgId: org?.id ?? null })
        onDone()
      }}
      submitLabel={t('entry.cp.save')}
      canSubmit={!!name.trim()}
      missing={[t('entry.cp.name')]}
      onCancel={onDone}
      aria-label={t('entry.cp.edit')}
    >
      <TextField label={t('entry.cp.name')} value={name} onChange={setName} maxLength={200} required />
      <TextField label={t('entry.cp.location')} value={location} onChange={setLocation} maxLength={300} />
      <TextField label={t('entry.point.lon')} value={lon} onChange={setLon} inputMode="decimal" />
      <TextField label={t('entry.point.lat')} value={lat} onChange={setLat} inputMode="decimal" />
      <OrgPicker label={t('entry.cp.org')} value={org} onChange={setOrg} />
    </FormShell>
  )
}

/** Activation or deactivation from a day, with the decision that orders it. */
function ActivationForm({ cp, onDone }: { cp: CheckpointRecord; onDone: () => void }) {
  const { t } = useI18n()
  const [on, setOn] = useState(vnDate(new Date()))
  const [decision, setDecision] = useState('')
  return (
    <FormShell
      onSubmit={async () => {
        await entryApi.activation(cp.id, { active: !cp.active, on, decision: decision.trim() || null })
        onDone()
      }}
      submitLabel={t(cp.active ? 'entry.cp.deactivate' : 'entry.cp.activate')}
      canSubmit={!!on}
      aria-label={t('entry.cp.activation')}
      className="form-inline"
    >
      <DateInput label={t('entry.cp.activationOn')} value={on} onChange={setOn} required />
      <TextField label={t('entry.cp.decision')} value={decision} onChange={setDecision} maxLength={300} />
    </FormShell>
  )
}

/** A person put on duty from a day (to a day, or until further notice). */
function StaffForm({ cp, onDone }: { cp: CheckpointRecord; onDone: () => void }) {
  const { t } = useI18n()
  const [name, setName] = useState('')
  const [role, setRole] = useState('')
  const [phone, setPhone] = useState('')
  const [fromOn, setFromOn] = useState(vnDate(new Date()))
  const [toOn, setToOn] = useState('')
  const missing = [...(name.trim() ? [] : [t('entry.staff.name')]), ...(role.trim() ? [] : [t('entry.staff.role')]), ...(fromOn ? [] : [t('entry.staff.from')])]
  return (
    <FormShell
      onSubmit={async () => {
        await entryApi.addStaff(cp.id, { name: name.trim(), role: role.trim(), phone: phone.replace(/[\s.]/g, '') || null, fromOn, toOn: toOn || null })
        setName('')
        setPhone('')
        onDone()
      }}
      submitLabel={t('entry.staff.add')}
      canSubmit={missing.length === 0}
      missing={missing}
      aria-label={t('entry.staff.new')}
    >
      <TextField label={t('entry.staff.name')} value={name} onChange={setName} maxLength={120} required />
      <TextField label={t('entry.staff.role')} hint={t('entry.staff.roleHint')} value={role} onChange={setRole} maxLength={120} required />
      <TextField label={t('entry.staff.phone')} value={phone} onChange={setPhone} type="tel" maxLength={16} />
      <DateInput label={t('entry.staff.from')} value={fromOn} onChange={setFromOn} required />
      <DateInput label={t('entry.staff.to')} value={toOn} onChange={setToOn} />
    </FormShell>
  )
}

/** Ends a duty period on its last day. */
function EndDutyForm({ cp, s, onDone }: { cp: CheckpointRecord; s: Staff; onDone: () => void }) {
  const { t } = useI18n()
  const [toOn, setToOn] = useState(vnDate(new Date()))
  return (
    <FormShell
      onSubmit={async () => {
        await entryApi.updateStaff(cp.id, s.id, { toOn })
        onDone()
      }}
      submitLabel={t('entry.staff.end')}
      canSubmit={!!toOn}
      aria-label={t('entry.staff.endOf', { name: s.name })}
      className="form-inline"
    >
      <DateInput label={t('entry.staff.to')} value={toOn} onChange={setToOn} required />
    </FormShell>
  )
}

/** One medical checkpoint: its facts and edit, activations, staff on duty and the last 30 days' log. */
export function CheckpointPage() {
  const { t } = useI18n()
  const { can } = useSession()
  const id = Number(useParams().id)
  const [version, setVersion] = useState(0)
  const state = useApi(`entry:cp:${id}:${version}`, (signal) => entryApi.checkpoint(id, signal))
  const [editing, setEditing] = useState(false)
  const [ending, setEnding] = useState<number | null>(null)
  usePageTitle(state.data?.name ?? t('entry.cp.title'))
  if (!can('entry:read')) return <NotAllowed />
  const reload = () => setVersion((v) => v + 1)
  const write = can('entry:write')
  return (
    <Loaded state={state}>
      {(cp) => (
        <>
          <p>
            <Link to="/entry/checkpoints">← {t('entry.cp.title')}</Link>
          </p>
          <h1 id="page-title">{cp.name}</h1>
          <FactList
            facts={[
              { label: t('entry.cp.unit'), value: cp.unitName },
              cp.location ? { label: t('entry.cp.location'), value: cp.location } : null,
              cp.lon !== null && cp.lat !== null ? { label: t('entry.point'), value: `${cp.lat}, ${cp.lon}` } : null,
              { label: t('entry.cp.org'), value: cp.orgName ?? '—' },
              { label: t('entry.cp.state'), value: t(cp.active ? 'entry.cp.active' : 'entry.cp.inactive'), testId: 'entry-cp-state' },
            ]}
          />
          {write ? (
            editing ? (
              <EditForm
                cp={cp}
                onDone={() => {
                  setEditing(false)
                  reload()
                }}
              />
            ) : (
              <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
                {t('entry.cp.edit')}
              </button>
            )
          ) : null}
          {write ? <ActivationForm key={`${cp.active}`} cp={cp} onDone={reload} /> : null}
          <DataTable
            caption={t('entry.cp.events')}
            rows={cp.events}
            rowKey={(e) => e.id}
            empty={t('entry.none')}
            columns={[
              { key: 'on', header: t('entry.cp.activationOn'), cell: (e) => day(e.onDay) },
              { key: 'action', header: t('entry.cp.state'), cell: (e) => t(e.action === 'activate' ? 'entry.cp.activate' : 'entry.cp.deactivate') },
              { key: 'decision', header: t('entry.cp.decision'), cell: (e) => e.decision ?? '—' },
            ]}
          />
          <DataTable
            caption={t('entry.staff.caption')}
            rows={cp.staff}
            rowKey={(s) => s.id}
            empty={t('entry.none')}
            testId="entry-cp-staff"
            columns={[
              { key: 'name', header: t('entry.staff.name'), cell: (s) => `${s.name}${s.phone ? ` — ${s.phone}` : ''}` },
              { key: 'role', header: t('entry.staff.role'), cell: (s) => `${s.role}${s.orgName ? ` (${s.orgName})` : ''}` },
              { key: 'from', header: t('entry.staff.from'), cell: (s) => day(s.fromOn) },
              {
                key: 'to',
                header: t('entry.staff.to'),
                cell: (s) =>
                  s.toOn ? (
                    day(s.toOn)
                  ) : !write ? (
                    '—'
                  ) : ending === s.id ? (
                    <EndDutyForm
                      cp={cp}
                      s={s}
                      onDone={() => {
                        setEnding(null)
                        reload()
                      }}
                    />
                  ) : (
                    <button type="button" className="button-link" onClick={() => setEnding(s.id)} aria-label={t('entry.staff.endOf', { name: s.name })}>
                      {t('entry.staff.end')}
                    </button>
                  ),
              },
            ]}
          />
          {write ? <StaffForm cp={cp} onDone={reload} /> : null}
          <DataTable
            caption={t('entry.cp.logs', { from: day(cp.from), to: day(cp.to) })}
            rows={cp.logs}
            rowKey={(l) => l.day}
            empty={t('entry.none')}
            columns={[
              { key: 'day', header: t('entry.cp.day'), cell: (l) => day(l.day) },
              { key: 'people', header: t('entry.cp.people'), numeric: true, cell: (l) => formatNumber(l.peopleChecked) },
              { key: 'vehicles', header: t('entry.cp.vehicles'), numeric: true, cell: (l) => formatNumber(l.vehiclesChecked) },
              { key: 'sent', header: t('entry.cp.sent'), numeric: true, cell: (l) => formatNumber(l.sentToQuarantine) },
            ]}
          />
          <p>{t('entry.cp.logText', { people: formatNumber(cp.totals.people), vehicles: formatNumber(cp.totals.vehicles), sent: formatNumber(cp.totals.sent) })}</p>
        </>
      )}
    </Loaded>
  )
}
