import { useState } from 'react'
import { useI18n } from '../../app/i18n.tsx'
import { CheckboxField, SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { codeOptions } from '../surveillance/labels.ts'
import { useDefaultUnit } from '../surveillance/PersonChooser.tsx'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { entryApi, PORT_KIND, type Ports } from './api.ts'

type Port = Ports['ports'][number]
const num = (v: string) => (v.trim() === '' ? null : Number(v.replace(',', '.')))
const text = (v: number | null) => (v === null ? '' : String(v))

/**
 * A port of entry of the province (airport, seaport, border gate, crossing): a new one with its
 * code and commune, or an existing one edited (its code and commune stay), closed or reopened.
 */
export function PortForm({ port, onDone }: { port?: Port; onDone: () => void }) {
  const { t, locale } = useI18n()
  const defaultUnit = useDefaultUnit()
  const [code, setCode] = useState(port?.code ?? '')
  const [name, setName] = useState(port?.name ?? '')
  const [kind, setKind] = useState<string>(port?.kind ?? 'border_gate')
  const [unit, setUnit] = useState<PickedUnit | null>(port ? { code: port.unitCode, label: port.unitName } : defaultUnit)
  const [lon, setLon] = useState(text(port?.lon ?? null))
  const [lat, setLat] = useState(text(port?.lat ?? null))
  const [source, setSource] = useState(port?.source ?? '')
  const [active, setActive] = useState(port?.active ?? true)
  const codeOk = /^[A-Z0-9-]{2,20}$/.test(code)
  const missing = [...(port || codeOk ? [] : [t('entry.ports.code')]), ...(name.trim() ? [] : [t('entry.ports.name')]), ...(port || unit ? [] : [t('entry.illegal.commune')])]
  const common = { name: name.trim(), kind, lon: num(lon), lat: num(lat), source: source.trim() || null }
  return (
    <FormShell
      onSubmit={async () => {
        if (port) await entryApi.updatePort(port.id, { ...common, active })
        else await entryApi.createPort({ ...common, code, unitCode: unit!.code })
        onDone()
      }}
      submitLabel={t(port ? 'entry.ports.save' : 'entry.ports.create')}
      canSubmit={missing.length === 0}
      missing={missing}
      onCancel={onDone}
      aria-label={port ? t('entry.ports.editOf', { name: port.name }) : t('entry.ports.new')}
    >
      {port ? null : <TextField label={t('entry.ports.code')} hint={t('entry.ports.codeHint')} value={code} onChange={(v) => setCode(v.toUpperCase())} maxLength={20} required />}
      <TextField label={t('entry.ports.name')} value={name} onChange={setName} maxLength={200} required />
      <SelectField label={t('entry.ports.kind')} value={kind} onChange={setKind} options={codeOptions(PORT_KIND, locale)} />
      {port ? null : <UnitPicker label={t('entry.illegal.commune')} value={unit} onChange={setUnit} required />}
      <TextField label={t('entry.point.lon')} value={lon} onChange={setLon} inputMode="decimal" />
      <TextField label={t('entry.point.lat')} value={lat} onChange={setLat} inputMode="decimal" />
      <TextField label={t('entry.zones.source')} value={source} onChange={setSource} maxLength={500} />
      {port ? <CheckboxField label={t('entry.ports.active')} checked={active} onChange={setActive} /> : null}
    </FormShell>
  )
}
