import { useState } from 'react'
import { Link } from 'react-router'
import { vnDate } from '../../../domain/text/dates.ts'
import { formatNumber } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { day, UnitFilter } from '../surveillance/common.tsx'
import { useDefaultUnit } from '../surveillance/PersonChooser.tsx'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { type CheckpointList, entryApi } from './api.ts'
import './entry.css'

const FIELDS = ['unit', 'day'] as const
type Checkpoint = CheckpointList['checkpoints'][number]

/** The day's log of one checkpoint: people and vehicles checked, people sent to quarantine. */
function LogForm({ cp, on, onDone }: { cp: Checkpoint; on: string; onDone: () => void }) {
  const { t } = useI18n()
  const [people, setPeople] = useState(String(cp.peopleChecked ?? ''))
  const [vehicles, setVehicles] = useState(String(cp.vehiclesChecked ?? ''))
  const [sent, setSent] = useState(String(cp.sentToQuarantine ?? ''))
  const ok = [people, vehicles, sent].every((x) => /^\d+$/.test(x))
  return (
    <FormShell
      onSubmit={async () => {
        await entryApi.log(cp.id, on, { peopleChecked: Number(people), vehiclesChecked: Number(vehicles), sentToQuarantine: Number(sent) })
        onDone()
      }}
      submitLabel={t('entry.cp.saveLog')}
      canSubmit={ok}
      aria-label={t('entry.cp.logOf', { name: cp.name, date: day(on) })}
      className="form-inline entry-log"
    >
      <TextField label={t('entry.cp.people')} value={people} onChange={setPeople} inputMode="numeric" />
      <TextField label={t('entry.cp.vehicles')} value={vehicles} onChange={setVehicles} inputMode="numeric" />
      <TextField label={t('entry.cp.sent')} value={sent} onChange={setSent} inputMode="numeric" />
    </FormShell>
  )
}

function NewCheckpoint({ onDone }: { onDone: () => void }) {
  const { t } = useI18n()
  const [name, setName] = useState('')
  const [unit, setUnit] = useState<PickedUnit | null>(useDefaultUnit())
  const [location, setLocation] = useState('')
  const [from, setFrom] = useState('')
  return (
    <FormShell
      onSubmit={async () => {
        await entryApi.createCheckpoint({ name: name.trim(), unitCode: unit!.code, location: location.trim() || null, activeFrom: from || null })
        onDone()
      }}
      submitLabel={t('entry.cp.create')}
      canSubmit={!!name.trim() && !!unit}
      missing={[...(name.trim() ? [] : [t('entry.cp.name')]), ...(unit ? [] : [t('entry.cp.unit')])]}
      aria-label={t('entry.cp.new')}
    >
      <TextField label={t('entry.cp.name')} value={name} onChange={setName} maxLength={200} required />
      <UnitPicker label={t('entry.cp.unit')} value={unit} onChange={setUnit} required />
      <TextField label={t('entry.cp.location')} value={location} onChange={setLocation} maxLength={300} />
      <DateInput label={t('entry.cp.activeFrom')} value={from} onChange={setFrom} />
    </FormShell>
  )
}

/** Medical checkpoints: working or not, staff on duty, and the day's log entered in place. */
export function CheckpointsPage() {
  const { t } = useI18n()
  const { can } = useSession()
  usePageTitle(t('entry.cp.title'))
  const list = useListParams(FIELDS)
  const on = list.values.day || vnDate(new Date())
  const [adding, setAdding] = useState(false)
  const state = useApi(`entry:cp:${list.key}`, (signal) => entryApi.checkpoints({ ...(list.values.unit ? { unitCode: list.values.unit } : {}), day: on, limit: 500 }, signal))
  if (!can('entry:read')) return <NotAllowed />
  const toggle = async (cp: Checkpoint) => {
    await entryApi.activation(cp.id, { active: !cp.active, on })
    state.reload()
  }
  return (
    <>
      <PageHead title={t('entry.cp.title')} />
      <FilterForm onSubmit={list.submit} submitLabel={t('entry.filter')}>
        <UnitFilter value={list.draft.unit} onChange={list.setField('unit')} />
        <DateInput label={t('entry.cp.day')} value={list.draft.day} onChange={list.setField('day')} />
      </FilterForm>
      <Loaded state={state}>
        {(d) => (
          <DataTable
            caption={t('entry.cp.caption', { date: day(d.day) })}
            rows={d.checkpoints}
            rowKey={(c) => c.id}
            empty={t('entry.none')}
            testId="entry-checkpoints"
            columns={[
              {
                key: 'name',
                header: t('entry.cp.name'),
                cell: (c) => (
                  <>
                    <Link to={`/entry/checkpoints/${c.id}`}>{c.name}</Link>
                    {c.location ? ` — ${c.location}` : ''}
                  </>
                ),
              },
              { key: 'unit', header: t('entry.cp.unit'), cell: (c) => c.unitName },
              { key: 'org', header: t('entry.cp.org'), cell: (c) => c.orgName ?? '—' },
              {
                key: 'active',
                header: t('entry.cp.state'),
                cell: (c) => (
                  <>
                    {t(c.active ? 'entry.cp.active' : 'entry.cp.inactive')}{' '}
                    {can('entry:write') ? (
                      <button type="button" className="button-link" onClick={() => void toggle(c)}>
                        {t(c.active ? 'entry.cp.deactivate' : 'entry.cp.activate')}
                      </button>
                    ) : null}
                  </>
                ),
              },
              { key: 'staff', header: t('entry.cp.staff'), numeric: true, cell: (c) => formatNumber(c.staffOnDuty ?? 0) },
              {
                key: 'log',
                header: t('entry.cp.log'),
                cell: (c) =>
                  can('entry:write') && c.active ? (
                    <LogForm key={`${c.id}-${on}`} cp={c} on={on} onDone={state.reload} />
                  ) : c.peopleChecked === null ? (
                    '—'
                  ) : (
                    t('entry.cp.logText', { people: formatNumber(c.peopleChecked), vehicles: formatNumber(c.vehiclesChecked), sent: formatNumber(c.sentToQuarantine) })
                  ),
              },
            ]}
          />
        )}
      </Loaded>
      {can('entry:write') ? (
        adding ? (
          <NewCheckpoint
            onDone={() => {
              setAdding(false)
              state.reload()
            }}
          />
        ) : (
          <button type="button" className="button-secondary" onClick={() => setAdding(true)}>
            {t('entry.cp.new')}
          </button>
        )
      ) : null}
    </>
  )
}
