import { lazy, Suspense, useState } from 'react'
import { Link } from 'react-router'
import { formatNumber } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { Loaded, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { day, UnitFilter } from '../surveillance/common.tsx'
import { useDefaultUnit } from '../surveillance/PersonChooser.tsx'
import { codeName, codeOptions } from '../surveillance/labels.ts'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { FACILITY_KINDS, FACILITY_STATUSES, quarantineApi } from './api.ts'
import { FillBar, Warnings } from './common.tsx'

const FacilitiesMap = lazy(() => import('./FacilitiesMap.tsx'))
const FIELDS = ['unit'] as const

/** "A101:5, A102:5" → rooms with their capacity; null when a part is not "name:number". */
export function parseRooms(text: string): { name: string; capacity: number }[] | null {
  const parts = text.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean)
  const rooms = parts.map((p) => /^(.+?)\s*:\s*(\d+)$/.exec(p)).map((m) => (m ? { name: m[1]!.trim(), capacity: Number(m[2]) } : null))
  return rooms.every((r) => r !== null) ? (rooms as { name: string; capacity: number }[]) : null
}

function NewFacilityForm({ onDone }: { onDone: () => void }) {
  const { t, locale } = useI18n()
  const [name, setName] = useState('')
  const [kind, setKind] = useState('dormitory')
  const [unit, setUnit] = useState<PickedUnit | null>(useDefaultUnit())
  const [capacity, setCapacity] = useState('')
  const [address, setAddress] = useState('')
  const [lon, setLon] = useState('')
  const [lat, setLat] = useState('')
  const [rooms, setRooms] = useState('')
  const parsedRooms = parseRooms(rooms)
  const missing = [...(name.trim() ? [] : [t('q.facility.name')]), ...(unit ? [] : [t('q.facility.unit')]), ...(/^\d+$/.test(capacity) ? [] : [t('q.facility.capacity')])]
  return (
    <FormShell
      onSubmit={async () => {
        await quarantineApi.createFacility({
          name: name.trim(),
          kind: kind as 'dormitory',
          unitCode: unit!.code,
          capacity: Number(capacity),
          address: address.trim() || null,
          lon: lon.trim() ? Number(lon) : null,
          lat: lat.trim() ? Number(lat) : null,
          rooms: parsedRooms ?? [],
        })
        onDone()
      }}
      submitLabel={t('q.facility.create')}
      canSubmit={missing.length === 0 && parsedRooms !== null}
      missing={parsedRooms === null ? [...missing, t('q.facility.rooms')] : missing}
      aria-label={t('q.facility.new')}
    >
      <TextField label={t('q.facility.name')} value={name} onChange={setName} required maxLength={200} />
      <SelectField label={t('q.facility.kind')} value={kind} onChange={setKind} options={codeOptions(FACILITY_KINDS, locale)} />
      <UnitPicker label={t('q.facility.unit')} value={unit} onChange={setUnit} required />
      <TextField label={t('q.facility.capacity')} value={capacity} onChange={setCapacity} inputMode="numeric" required />
      <TextField label={t('q.facility.address')} value={address} onChange={setAddress} maxLength={300} />
      <TextField label={t('q.facility.lon')} value={lon} onChange={setLon} inputMode="decimal" />
      <TextField label={t('q.facility.lat')} value={lat} onChange={setLat} inputMode="decimal" />
      <TextField label={t('q.facility.rooms')} hint={t('q.facility.roomsHint')} value={rooms} onChange={setRooms} />
    </FormShell>
  )
}

function CommuneTable({ unit }: { unit: string }) {
  const { t } = useI18n()
  const state = useApi(`q:communes:${unit}`, (signal) => quarantineApi.communes(unit ? { unit, days: 7 } : { days: 7 }, signal))
  return (
    <Loaded state={state}>
      {(d) => (
        <DataTable
          caption={t('q.communes.caption')}
          rows={d.communes}
          rowKey={(r) => `${r.unitCode}-${r.setting}`}
          empty={t('q.none')}
          columns={[
            { key: 'unit', header: t('q.facility.unit'), cell: (r) => r.unitName },
            { key: 'setting', header: t('q.setting'), cell: (r) => t(r.setting === 'facility' ? 'q.setting.facility' : 'q.setting.home') },
            { key: 'capacity', header: t('q.facility.capacity'), numeric: true, cell: (r) => (r.setting === 'facility' ? formatNumber(r.capacity) : '—') },
            { key: 'present', header: t('q.present'), numeric: true, cell: (r) => formatNumber(r.present) },
            ...d.days.map((dd, i) => ({ key: dd, header: day(dd).slice(0, 5), numeric: true, cell: (r: (typeof d.communes)[number]) => formatNumber(r.forecast[i] ?? 0) })),
          ]}
        />
      )}
    </Loaded>
  )
}

export function FacilitiesPage() {
  const { t, locale } = useI18n()
  const { can } = useSession()
  usePageTitle(t('q.title'))
  const list = useListParams(FIELDS)
  const unit = list.values.unit
  const [adding, setAdding] = useState(false)
  const facilities = useApi(`q:facilities:${list.key}`, (signal) => quarantineApi.facilities(unit ? { unitCode: unit, limit: 500 } : { limit: 500 }, signal))
  const occupancy = useApi(`q:occupancy:${list.key}`, (signal) => quarantineApi.occupancy(unit ? { unit } : {}, signal))
  if (!can('quarantine:read')) return <NotAllowed />
  return (
    <>
      <PageHead title={t('q.title')} actions={[{ to: '/quarantine/due', label: t('q.nav.due') }]} />
      <FilterForm onSubmit={list.submit} submitLabel={t('q.filter')}>
        <UnitFilter value={list.draft.unit} onChange={list.setField('unit')} />
      </FilterForm>
      <Loaded state={occupancy}>{(o) => <Warnings items={o.warnings} />}</Loaded>
      <Loaded state={facilities}>
        {(d) => (
          <>
            <Suspense fallback={<Loading />}>
              <FacilitiesMap facilities={d.facilities} label={t('q.map')} />
            </Suspense>
            <DataTable
              caption={t('q.facilities.caption', { date: day(d.date) })}
              rows={d.facilities}
              rowKey={(f) => f.id}
              empty={t('q.none')}
              testId="q-facilities"
              columns={[
                { key: 'name', header: t('q.facility.name'), cell: (f) => <Link to={`/quarantine/facilities/${f.id}`}>{f.name}</Link> },
                { key: 'kind', header: t('q.facility.kind'), cell: (f) => codeName(FACILITY_KINDS, f.kind, locale) },
                { key: 'unit', header: t('q.facility.unit'), cell: (f) => f.unitName },
                { key: 'fill', header: t('q.present'), cell: (f) => <FillBar occupied={f.occupied} capacity={f.capacity} fill={f.fill} /> },
                { key: 'releases', header: t('q.releases7'), numeric: true, cell: (f) => formatNumber(f.releasesNext7Days) },
                { key: 'status', header: t('q.facility.status'), cell: (f) => codeName(FACILITY_STATUSES, f.status, locale) },
              ]}
            />
          </>
        )}
      </Loaded>
      <CommuneTable unit={unit} />
      {can('quarantine:write') ? (
        adding ? (
          <NewFacilityForm
            onDone={() => {
              setAdding(false)
              facilities.reload()
            }}
          />
        ) : (
          <button type="button" className="button-secondary" onClick={() => setAdding(true)}>
            {t('q.facility.new')}
          </button>
        )
      ) : null}
    </>
  )
}
