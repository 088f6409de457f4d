import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { vnDate } from '../../../domain/text/dates.ts'
import { formatNumber } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { ErrorMessage, Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { CheckboxField, SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { SearchPicker } from '../../ui/SearchPicker.tsx'
import { peopleApi, type PersonView } from '../people/api.ts'
import { day } from '../surveillance/common.tsx'
import { codeName, codeOptions } from '../surveillance/labels.ts'
import { FACILITY_KINDS, FACILITY_STATUSES, type FacilityRecord, KIND_OF_REASON, type Outcome, quarantineApi, REASONS } from './api.ts'
import { FillBar, RuleWhy, Warnings } from './common.tsx'
import { parseRooms } from './FacilitiesPage.tsx'

const describe = (p: PersonView) => `${p.fullName}${p.birthYear ? ` (${p.birthYear})` : ''} — ${p.unitName}`

/** Place a person of the registry in this facility: the rule that will apply is shown, with why, before saving. */
function PlacementForm({ f, onPlaced }: { f: FacilityRecord; onPlaced: (o: Outcome) => void }) {
  const { t, locale } = useI18n()
  const [person, setPerson] = useState<{ id: number; label: string } | null>(null)
  const [reason, setReason] = useState<keyof typeof REASONS>('traveller')
  const [vaccinated, setVaccinated] = useState(false)
  const [startOn, setStartOn] = useState(vnDate(new Date()))
  const [roomId, setRoomId] = useState('')
  const [batch, setBatch] = useState('')
  const [riskGroup, setRiskGroup] = useState('')
  const kind = KIND_OF_REASON[reason]
  const rule = useApi(startOn ? `q:rule:${kind}:${startOn}:${vaccinated}:${f.unitCode}` : null, (signal) =>
    quarantineApi.rule({ kind, start: startOn, vaccinated: String(vaccinated), unitCode: f.unitCode }, signal),
  )
  return (
    <FormShell
      onSubmit={async () => {
        const o = await quarantineApi.place({
          personId: person!.id,
          setting: 'facility',
          facilityId: f.id,
          roomId: roomId ? Number(roomId) : null,
          reason,
          vaccinated,
          startOn,
          batch: batch.trim() || null,
          riskGroup: riskGroup.trim() || null,
        })
        setPerson(null)
        onPlaced(o)
      }}
      submitLabel={t('q.place.submit')}
      canSubmit={person !== null && startOn !== ''}
      missing={[t('q.place.person')]}
      aria-label={t('q.place.title')}
    >
      <SearchPicker
        label={t('q.place.person')}
        searchLabel={t('q.place.search')}
        selected={person?.label ?? null}
        onClear={() => setPerson(null)}
        search={(q, signal) => peopleApi.list({ q, limit: 10 }, signal)}
        itemKey={(p) => p.id}
        describe={describe}
        onChoose={(p) => setPerson({ id: p.id, label: describe(p) })}
        required
      />
      <SelectField label={t('q.place.reason')} value={reason} onChange={(v) => setReason(v as keyof typeof REASONS)} options={codeOptions(REASONS, locale)} />
      <CheckboxField label={t('q.place.vaccinated')} checked={vaccinated} onChange={setVaccinated} />
      <DateInput label={t('q.place.start')} value={startOn} onChange={setStartOn} required />
      <SelectField
        label={t('q.place.room')}
        value={roomId}
        onChange={setRoomId}
        options={[{ value: '', label: t('q.place.noRoom') }, ...f.rooms.map((r) => ({ value: String(r.id), label: `${r.name} (${r.occupied}/${r.capacity})` }))]}
      />
      <TextField label={t('q.place.batch')} value={batch} onChange={setBatch} maxLength={80} />
      <TextField label={t('q.place.riskGroup')} value={riskGroup} onChange={setRiskGroup} maxLength={80} />
      {rule.data ? <RuleWhy rule={rule.data} /> : rule.error ? <ErrorMessage error={rule.error} /> : null}
    </FormShell>
  )
}

/** The facility's name, status, capacity, manager and address edited; new rooms added ("P102:3, P103:3"). */
function EditFacilityForm({ f, onDone }: { f: FacilityRecord; onDone: () => void }) {
  const { t, locale } = useI18n()
  const [name, setName] = useState(f.name)
  const [status, setStatus] = useState<string>(f.status)
  const [capacity, setCapacity] = useState(String(f.capacity))
  const [managerName, setManagerName] = useState(f.managerName ?? '')
  const [managerPhone, setManagerPhone] = useState(f.managerPhone ?? '')
  const [address, setAddress] = useState(f.address ?? '')
  const [rooms, setRooms] = useState('')
  const parsedRooms = parseRooms(rooms)
  const missing = [...(name.trim() ? [] : [t('q.facility.name')]), ...(/^\d+$/.test(capacity) ? [] : [t('q.facility.capacity')]), ...(parsedRooms ? [] : [t('q.facility.newRooms')])]
  return (
    <FormShell
      onSubmit={async () => {
        await quarantineApi.updateFacility(f.id, {
          name: name.trim(),
          status: status as FacilityRecord['status'],
          capacity: Number(capacity),
          managerName: managerName.trim() || null,
          managerPhone: managerPhone.replace(/[\s.]/g, '') || null,
          address: address.trim() || null,
          ...(parsedRooms && parsedRooms.length > 0 ? { rooms: parsedRooms } : {}),
        })
        onDone()
      }}
      submitLabel={t('q.facility.save')}
      canSubmit={missing.length === 0}
      missing={missing}
      onCancel={onDone}
      aria-label={t('q.facility.edit')}
    >
      <TextField label={t('q.facility.name')} value={name} onChange={setName} required maxLength={200} />
      <SelectField label={t('q.facility.status')} value={status} onChange={setStatus} options={codeOptions(FACILITY_STATUSES, locale)} />
      <TextField label={t('q.facility.capacity')} value={capacity} onChange={setCapacity} inputMode="numeric" required />
      <TextField label={t('q.facility.managerName')} value={managerName} onChange={setManagerName} maxLength={120} />
      <TextField label={t('q.facility.managerPhone')} value={managerPhone} onChange={setManagerPhone} type="tel" maxLength={16} />
      <TextField label={t('q.facility.address')} value={address} onChange={setAddress} maxLength={300} />
      <TextField label={t('q.facility.newRooms')} hint={t('q.facility.roomsHint')} value={rooms} onChange={setRooms} />
    </FormShell>
  )
}

export function FacilityPage() {
  const { t, locale } = useI18n()
  const { can } = useSession()
  const id = Number(useParams().id)
  const facility = useApi(`q:facility:${id}`, (signal) => quarantineApi.facility(id, signal))
  const placements = useApi(`q:facility-placements:${id}`, (signal) => quarantineApi.placements({ facilityId: id, status: 'active', limit: 500 }, signal))
  const [last, setLast] = useState<Outcome | null>(null)
  const [editing, setEditing] = useState(false)
  usePageTitle(facility.data?.name ?? t('q.title'))
  if (!can('quarantine:read')) return <NotAllowed />
  return (
    <Loaded state={facility}>
      {(f) => (
        <>
          <p>
            <Link to="/quarantine">← {t('q.title')}</Link>
          </p>
          <h1 id="page-title">{f.name}</h1>
          <FactList
            facts={[
              { label: t('q.facility.kind'), value: codeName(FACILITY_KINDS, f.kind, locale) },
              { label: t('q.facility.unit'), value: f.unitName },
              f.address ? { label: t('q.facility.address'), value: f.address } : null,
              { label: t('q.facility.status'), value: codeName(FACILITY_STATUSES, f.status, locale), testId: 'q-status' },
              { label: t('q.present'), value: <FillBar occupied={f.occupied} capacity={f.capacity} fill={f.fill} />, testId: 'q-occupied' },
              { label: t('q.releases7'), value: formatNumber(f.releasesNext7Days) },
              f.managerName ? { label: t('q.facility.manager'), value: `${f.managerName}${f.managerPhone ? ` — ${f.managerPhone}` : ''}` } : null,
            ]}
          />
          {can('quarantine:write') ? (
            editing ? (
              <EditFacilityForm
                f={f}
                onDone={() => {
                  setEditing(false)
                  facility.reload()
                }}
              />
            ) : (
              <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
                {t('q.facility.edit')}
              </button>
            )
          ) : null}
          {last ? (
            <section aria-label={t('q.place.done')}>
              <p role="status">{t('q.place.placed', { name: last.placement.person.fullName, end: day(last.placement.plannedEnd) })}</p>
              <Warnings items={last.warnings} />
              <RuleWhy rule={{ rule: last.placement.rule.name, source: last.placement.rule.source, why: last.placement.why }} />
            </section>
          ) : null}
          <DataTable
            caption={t('q.rooms')}
            rows={f.rooms}
            rowKey={(r) => r.id}
            empty={t('q.noRooms')}
            columns={[
              { key: 'name', header: t('q.room'), cell: (r) => r.name },
              { key: 'fill', header: t('q.present'), cell: (r) => <FillBar occupied={r.occupied} capacity={r.capacity} fill={r.fill} /> },
              { key: 'batches', header: t('q.place.batch'), cell: (r) => r.batches.join(', ') || '—' },
              { key: 'groups', header: t('q.place.riskGroup'), cell: (r) => r.riskGroups.join(', ') || '—' },
              { key: 'mixed', header: t('q.mixed'), cell: (r) => (r.mixed ? <strong>{t('q.mixed.yes')}</strong> : '—') },
            ]}
          />
          {can('quarantine:write') && f.status !== 'closed' && f.status !== 'disinfecting' ? (
            <PlacementForm
              f={f}
              onPlaced={(o) => {
                setLast(o)
                facility.reload()
                placements.reload()
              }}
            />
          ) : null}
          <Loaded state={placements}>
            {(d) => (
              <DataTable
                caption={t('q.placements.active')}
                rows={d.placements}
                rowKey={(p) => p.id}
                empty={t('q.none')}
                testId="q-placements"
                columns={[
                  { key: 'name', header: t('q.person'), cell: (p) => <Link to={`/quarantine/placements/${p.id}`}>{p.person.fullName}</Link> },
                  { key: 'room', header: t('q.room'), cell: (p) => p.room?.name ?? '—' },
                  { key: 'batch', header: t('q.place.batch'), cell: (p) => p.batch ?? '—' },
                  { key: 'start', header: t('q.place.start'), cell: (p) => day(p.startOn) },
                  { key: 'end', header: t('q.plannedEnd'), cell: (p) => day(p.plannedEnd) },
                  { key: 'rule', header: t('q.rule'), cell: (p) => p.rule.name },
                  { key: 'flag', header: t('q.flagged'), cell: (p) => (p.flaggedOn ? day(p.flaggedOn) : '—') },
                ]}
              />
            )}
          </Loaded>
        </>
      )}
    </Loaded>
  )
}
