import { useState } from 'react'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { CheckboxField, SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { type PickedOrg, OrgPicker } from '../orgs/OrgPicker.tsx'
import { day } from '../surveillance/common.tsx'
import { useDefaultUnit } from '../surveillance/PersonChooser.tsx'
import { codeName, codeOptions } from '../surveillance/labels.ts'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { ACTIONS, CROSSING, entryApi, PORT_KIND, REPORTER, vnInstant, type Zones } from './api.ts'
import { PortForm } from './PortForm.tsx'
import './entry.css'

const trimOrNull = (v: string) => (v.trim() ? v.trim() : null)

/** A case reported by the border guard, the police or the commune (the public has its own form). */
export function NewCaseForm({ onDone }: { onDone: (id: number) => void }) {
  const { t, locale } = useI18n()
  const [unit, setUnit] = useState<PickedUnit | null>(useDefaultUnit())
  const [v, setV] = useState({ point: '', day: '', time: '', peopleCount: '1', crossing: 'unknown', reportedBy: 'border_guard', guidedBy: '', shelteredBy: '', foundLiving: false })
  const [org, setOrg] = useState<PickedOrg | null>(null)
  const set = (k: keyof typeof v) => (x: string | boolean) => setV((cur) => ({ ...cur, [k]: x }))
  const reporters = codeOptions(REPORTER, locale).filter((o) => o.value !== 'public')
  const missing = [...(unit ? [] : [t('entry.f.place')]), ...(v.day ? [] : [t('entry.f.day')]), ...(/^\d{1,2}:\d{2}$/.test(v.time) ? [] : [t('entry.f.time')]), ...(/^\d+$/.test(v.peopleCount) ? [] : [t('entry.f.peopleCount')])]
  return (
    <FormShell
      onSubmit={async () => {
        const made = await entryApi.reportCase({
          unitCode: unit!.code,
          point: trimOrNull(v.point),
          occurredAt: vnInstant(v.day, v.time),
          peopleCount: Number(v.peopleCount),
          crossing: v.crossing,
          reportedBy: v.reportedBy,
          reporterOrgId: org?.id ?? null,
          guidedBy: trimOrNull(v.guidedBy),
          shelteredBy: trimOrNull(v.shelteredBy),
          foundLiving: v.foundLiving,
        })
        onDone(made.id)
      }}
      submitLabel={t('entry.case.create')}
      canSubmit={missing.length === 0}
      missing={missing}
      aria-label={t('entry.case.new')}
    >
      <UnitPicker label={t('entry.f.place')} value={unit} onChange={setUnit} required />
      <TextField label={t('entry.f.point')} hint={t('entry.f.pointHint')} value={v.point} onChange={set('point')} maxLength={200} />
      <DateInput label={t('entry.f.day')} value={v.day} onChange={set('day')} required />
      <TextField label={t('entry.f.time')} hint={t('entry.f.timeHint')} value={v.time} onChange={set('time')} inputMode="numeric" maxLength={5} required />
      <TextField label={t('entry.f.peopleCount')} value={v.peopleCount} onChange={set('peopleCount')} inputMode="numeric" maxLength={4} required />
      <SelectField label={t('entry.f.crossing')} value={v.crossing} onChange={set('crossing')} options={codeOptions(CROSSING, locale)} />
      <SelectField label={t('entry.illegal.reportedBy')} value={v.reportedBy} onChange={set('reportedBy')} options={reporters} />
      <OrgPicker label={t('entry.case.reporterOrg')} value={org} onChange={setOrg} />
      <TextField label={t('entry.f.guidedBy')} value={v.guidedBy} onChange={set('guidedBy')} maxLength={300} />
      <TextField label={t('entry.f.shelteredBy')} value={v.shelteredBy} onChange={set('shelteredBy')} maxLength={300} />
      <CheckboxField label={t('entry.step.foundLiving')} checked={v.foundLiving} onChange={set('foundLiving')} />
    </FormShell>
  )
}

/** An arrival recorded by the commune, or by a host through the commune. */
export function NewArrivalForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n()
  const options = useApi('entry:options', (signal) => entryApi.options(signal))
  const [unit, setUnit] = useState<PickedUnit | null>(useDefaultUnit())
  const [v, setV] = useState({ fullName: '', birthYear: '', phone: '', stayAddress: '', originKind: 'abroad', originCountry: '', originUnitCode: '', portId: '', arrivedOn: '', transport: '', host: '' })
  const set = (k: keyof typeof v) => (x: string) => setV((cur) => ({ ...cur, [k]: x }))
  const missing = [
    ...(v.fullName.trim() ? [] : [t('entry.f.fullName')]),
    ...(unit ? [] : [t('entry.f.stayUnit')]),
    ...(v.stayAddress.trim() ? [] : [t('entry.f.stayAddress')]),
    ...(v.arrivedOn ? [] : [t('entry.f.arrivedOn')]),
    ...(v.originKind === 'abroad' ? (/^[A-Za-z]{2}$/.test(v.originCountry) ? [] : [t('entry.f.country')]) : v.originUnitCode ? [] : [t('entry.f.originProvince')]),
  ]
  return (
    <Loaded state={options}>
      {(o) => (
        <FormShell
          onSubmit={async () => {
            await entryApi.recordArrival({
              fullName: v.fullName.trim(),
              birthYear: /^\d{4}$/.test(v.birthYear) ? Number(v.birthYear) : null,
              phone: v.phone.trim() ? v.phone.replace(/[\s.-]/g, '') : null,
              unitCode: unit!.code,
              stayAddress: v.stayAddress.trim(),
              originKind: v.originKind,
              ...(v.originKind === 'abroad' ? { originCountry: v.originCountry.toUpperCase(), portId: v.portId ? Number(v.portId) : null } : { originUnitCode: v.originUnitCode }),
              arrivedOn: v.arrivedOn,
              transport: trimOrNull(v.transport),
              ...(v.host.trim() ? { declaredBy: 'host', declarantName: v.host.trim() } : { declaredBy: 'commune' }),
            })
            onDone()
          }}
          submitLabel={t('entry.arrivals.create')}
          canSubmit={missing.length === 0}
          missing={missing}
          aria-label={t('entry.arrivals.new')}
        >
          <TextField label={t('entry.f.fullName')} value={v.fullName} onChange={set('fullName')} maxLength={120} required />
          <TextField label={t('entry.f.birthYear')} value={v.birthYear} onChange={set('birthYear')} inputMode="numeric" maxLength={4} />
          <TextField label={t('entry.f.phone')} value={v.phone} onChange={set('phone')} inputMode="tel" maxLength={16} />
          <UnitPicker label={t('entry.f.stayUnit')} value={unit} onChange={setUnit} required />
          <TextField label={t('entry.f.stayAddress')} value={v.stayAddress} onChange={set('stayAddress')} maxLength={300} required />
          <SelectField
            label={t('entry.f.origin')}
            value={v.originKind}
            onChange={set('originKind')}
            options={[
              { value: 'abroad', label: t('entry.arrivals.abroad') },
              { value: 'domestic', label: t('entry.arrivals.domestic') },
            ]}
          />
          {v.originKind === 'abroad' ? (
            <>
              <TextField label={t('entry.f.countryCode')} value={v.originCountry} onChange={set('originCountry')} maxLength={2} required />
              <SelectField label={t('entry.f.port')} value={v.portId} onChange={set('portId')} options={[{ value: '', label: '—' }, ...o.ports.map((p) => ({ value: String(p.id), label: p.name }))]} />
            </>
          ) : (
            <SelectField label={t('entry.f.originProvince')} value={v.originUnitCode} onChange={set('originUnitCode')} required options={[{ value: '', label: '—' }, ...o.provinces.map((p) => ({ value: p.code, label: p.name }))]} />
          )}
          <DateInput label={t('entry.f.arrivedOn')} value={v.arrivedOn} onChange={set('arrivedOn')} required />
          <TextField label={t('entry.f.transport')} value={v.transport} onChange={set('transport')} maxLength={100} />
          <TextField label={t('entry.f.declarantName')} hint={t('entry.arrivals.hostHint')} value={v.host} onChange={set('host')} maxLength={120} />
        </FormShell>
      )}
    </Loaded>
  )
}

type Zone = Zones['zones'][number]

/** A dated epidemic zone: a new one, or one edited (its end date, measure, source); its unit stays. */
function ZoneForm({ zone, onDone }: { zone?: Zone; onDone: () => void }) {
  const { t, locale } = useI18n()
  const [v, setV] = useState({
    placeName: zone?.placeName ?? '',
    zoneUnitCode: zone?.zoneUnitCode ?? '',
    validFrom: zone?.validFrom ?? '',
    validTo: zone?.validTo ?? '',
    measure: zone?.measure ?? 'home',
    monitoringDays: String(zone?.monitoringDays ?? 14),
    source: zone?.source ?? '',
    confidence: zone?.confidence ?? 'unverified',
  })
  const set = (k: keyof typeof v) => (x: string) => setV((cur) => ({ ...cur, [k]: x }))
  const missing = [...(v.placeName.trim() ? [] : [t('entry.zones.place')]), ...(v.validFrom ? [] : [t('entry.zones.from')]), ...(v.source.trim() ? [] : [t('entry.zones.source')])]
  return (
    <FormShell
      onSubmit={async () => {
        const body = {
          placeName: v.placeName.trim(),
          validFrom: v.validFrom,
          validTo: v.validTo || null,
          measure: v.measure,
          monitoringDays: Number(v.monitoringDays) || 0,
          source: v.source.trim(),
          confidence: v.confidence,
        }
        if (zone) await entryApi.updateZone(zone.id, body)
        else await entryApi.createZone({ ...body, zoneUnitCode: v.zoneUnitCode.trim() || null })
        onDone()
      }}
      submitLabel={t(zone ? 'entry.zones.save' : 'entry.zones.create')}
      canSubmit={missing.length === 0}
      missing={missing}
      onCancel={zone ? onDone : undefined}
      aria-label={zone ? t('entry.zones.editOf', { name: zone.placeName }) : t('entry.zones.new')}
    >
      <TextField label={t('entry.zones.place')} value={v.placeName} onChange={set('placeName')} maxLength={200} required />
      {zone ? null : <TextField label={t('entry.zones.unitCode')} hint={t('entry.zones.unitCodeHint')} value={v.zoneUnitCode} onChange={set('zoneUnitCode')} maxLength={12} />}
      <DateInput label={t('entry.zones.from')} value={v.validFrom} onChange={set('validFrom')} required />
      <DateInput label={t('entry.zones.to')} value={v.validTo} onChange={set('validTo')} />
      <SelectField label={t('entry.zones.measure')} value={v.measure} onChange={set('measure')} options={codeOptions(ACTIONS, locale).filter((o) => o.value !== 'none')} />
      <TextField label={t('entry.zones.monitoringDays')} value={v.monitoringDays} onChange={set('monitoringDays')} inputMode="numeric" maxLength={2} />
      <TextField label={t('entry.zones.source')} value={v.source} onChange={set('source')} maxLength={500} required />
      <SelectField
        label={t('entry.zones.confidence')}
        value={v.confidence}
        onChange={set('confidence')}
        options={(['verified', 'secondary', 'unverified'] as const).map((c) => ({ value: c, label: t(`entry.confidence.${c}`) }))}
      />
    </FormShell>
  )
}

/** Epidemic zones and ports of entry: the province's dated data, with sources and confidence. */
export function ZonesPage() {
  const { t, locale } = useI18n()
  const { can } = useSession()
  usePageTitle(t('entry.zones.title'))
  const [adding, setAdding] = useState(false)
  const [port, setPort] = useState<number | 'new' | null>(null)
  const [zoneId, setZoneId] = useState<number | null>(null)
  const zones = useApi('entry:zones', (signal) => entryApi.zones(signal))
  const ports = useApi('entry:ports', (signal) => entryApi.ports(signal))
  if (!can('entry:read')) return <NotAllowed />
  const editingZone = zoneId === null ? undefined : zones.data?.zones.find((z) => z.id === zoneId)
  return (
    <>
      <PageHead title={t('entry.zones.title')} />
      <Loaded state={zones}>
        {(d) => (
          <DataTable
            caption={t('entry.zones.caption')}
            rows={d.zones}
            rowKey={(z) => z.id}
            empty={t('entry.none')}
            testId="entry-zones"
            columns={[
              { key: 'place', header: t('entry.zones.place'), cell: (z) => z.placeName },
              { key: 'from', header: t('entry.zones.from'), cell: (z) => day(z.validFrom) },
              { key: 'to', header: t('entry.zones.to'), cell: (z) => day(z.validTo) },
              { key: 'measure', header: t('entry.zones.measure'), cell: (z) => `${codeName(ACTIONS, z.measure, locale)}${z.measure === 'monitoring' ? ` · ${t('entry.days', { n: z.monitoringDays })}` : ''}` },
              { key: 'source', header: t('entry.zones.source'), cell: (z) => `${z.source} (${t(`entry.confidence.${z.confidence}`)})` },
              ...(can('entry:rules')
                ? [
                    {
                      key: 'edit',
                      header: '',
                      cell: (z: Zone) => (
                        <button type="button" className="button-link" onClick={() => setZoneId(z.id)} aria-label={t('entry.zones.editOf', { name: z.placeName })}>
                          {t('entry.ports.edit')}
                        </button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Loaded>
      {editingZone ? (
        <ZoneForm
          key={editingZone.id}
          zone={editingZone}
          onDone={() => {
            setZoneId(null)
            zones.reload()
          }}
        />
      ) : null}
      {can('entry:rules') ? (
        adding ? (
          <ZoneForm
            onDone={() => {
              setAdding(false)
              zones.reload()
            }}
          />
        ) : (
          <button type="button" className="button-secondary" onClick={() => setAdding(true)}>
            {t('entry.zones.new')}
          </button>
        )
      ) : null}
      <Loaded state={ports}>
        {(d) => {
          const done = () => {
            setPort(null)
            ports.reload()
          }
          const editing = typeof port === 'number' ? d.ports.find((p) => p.id === port) : undefined
          return (
            <>
              <DataTable
                caption={t('entry.ports.caption')}
                rows={d.ports}
                rowKey={(p) => p.id}
                empty={t('entry.none')}
                testId="entry-ports"
                columns={[
                  { key: 'name', header: t('entry.ports.name'), cell: (p) => p.name },
                  { key: 'kind', header: t('entry.ports.kind'), cell: (p) => codeName(PORT_KIND, p.kind, locale) },
                  { key: 'unit', header: t('entry.illegal.commune'), cell: (p) => p.unitName },
                  { key: 'active', header: t('entry.cp.state'), cell: (p) => t(p.active ? 'entry.cp.active' : 'entry.ports.closed') },
                  { key: 'source', header: t('entry.zones.source'), cell: (p) => p.source ?? '—' },
                  ...(can('entry:rules')
                    ? [
                        {
                          key: 'edit',
                          header: '',
                          cell: (p: (typeof d.ports)[number]) => (
                            <button type="button" className="button-link" onClick={() => setPort(p.id)} aria-label={t('entry.ports.editOf', { name: p.name })}>
                              {t('entry.ports.edit')}
                            </button>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
              {editing ? <PortForm key={editing.id} port={editing} onDone={done} /> : null}
              {port === 'new' ? <PortForm onDone={done} /> : null}
              {can('entry:rules') && port === null ? (
                <button type="button" className="button-secondary" onClick={() => setPort('new')}>
                  {t('entry.ports.new')}
                </button>
              ) : null}
            </>
          )
        }}
      </Loaded>
    </>
  )
}
