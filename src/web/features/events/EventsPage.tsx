import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { vnDate } from '../../../domain/text/dates.ts'
import { formatNumber } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { FilterForm, Pager, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { day, UnitFilter } from '../surveillance/common.tsx'
import { useDefaultUnit } from '../surveillance/PersonChooser.tsx'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { type Calendar, eventsApi } from './api.ts'
import { AssessmentBox, settingLabel } from './common.tsx'
import './events.css'

const FIELDS = ['unit', 'from', 'to'] as const
const PAGE = 50

function plusDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s)

function NewEventForm() {
  const { t } = useI18n()
  const navigate = useNavigate()
  const [title, setTitle] = useState('')
  const [organiser, setOrganiser] = useState('')
  const [contactName, setContactName] = useState('')
  const [contactPhone, setContactPhone] = useState('')
  const [place, setPlace] = useState('')
  const [unit, setUnit] = useState<PickedUnit | null>(useDefaultUnit())
  const [setting, setSetting] = useState('indoor')
  const [startsOn, setStartsOn] = useState('')
  const [startTime, setStartTime] = useState('')
  const [endsOn, setEndsOn] = useState('')
  const [attendance, setAttendance] = useState('')
  const [foreignGuests, setForeignGuests] = useState('0')
  const [countries, setCountries] = useState('')
  const [purpose, setPurpose] = useState('')
  const codes = countries
    .split(/[,;\s]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean)
  const ready = unit && isDay(startsOn) && /^\d+$/.test(attendance) && Number(attendance) > 0 && /^\d+$/.test(foreignGuests || '0')
  const q = ready ? { unitCode: unit.code, setting, startsOn, expectedAttendance: Number(attendance), foreignGuests: Number(foreignGuests || 0), countries: codes.join(',') } : null
  const preview = useApi(q ? `ev:assess:${JSON.stringify(q)}` : null, (signal) => eventsApi.assess(q!, signal))
  const missing = [
    ...(title.trim() ? [] : [t('ev.name')]),
    ...(organiser.trim() ? [] : [t('ev.organiser')]),
    ...(place.trim() ? [] : [t('ev.place')]),
    ...(unit ? [] : [t('ev.unit')]),
    ...(isDay(startsOn) ? [] : [t('ev.startsOn')]),
    ...(/^\d+$/.test(attendance) ? [] : [t('ev.attendance')]),
  ]
  return (
    <FormShell
      onSubmit={async () => {
        const e = await eventsApi.register({
          title: title.trim(),
          organiser: organiser.trim(),
          contactName: contactName.trim() || null,
          contactPhone: contactPhone.trim() || null,
          place: place.trim(),
          unitCode: unit!.code,
          setting: setting as 'indoor',
          startsOn,
          startTime: startTime.trim() || null,
          endsOn: isDay(endsOn) ? endsOn : null,
          expectedAttendance: Number(attendance),
          foreignGuests: Number(foreignGuests || 0),
          countries: codes,
          purpose: purpose.trim() || null,
        })
        navigate(`/su-kien/${e.id}`)
      }}
      submitLabel={t('ev.create')}
      canSubmit={missing.length === 0}
      missing={missing}
      aria-label={t('ev.new')}
    >
      <TextField label={t('ev.name')} value={title} onChange={setTitle} required maxLength={300} />
      <TextField label={t('ev.organiser')} value={organiser} onChange={setOrganiser} required maxLength={300} />
      <TextField label={t('ev.contactName')} value={contactName} onChange={setContactName} maxLength={120} />
      <TextField label={t('ev.contactPhone')} value={contactPhone} onChange={setContactPhone} inputMode="tel" />
      <TextField label={t('ev.place')} value={place} onChange={setPlace} required maxLength={300} />
      <UnitPicker label={t('ev.unit')} value={unit} onChange={setUnit} required />
      <SelectField
        label={t('ev.setting')}
        value={setting}
        onChange={setSetting}
        options={[
          { value: 'indoor', label: t('ev.setting.indoor') },
          { value: 'outdoor', label: t('ev.setting.outdoor') },
        ]}
      />
      <DateInput label={t('ev.startsOn')} value={startsOn} onChange={setStartsOn} required />
      <TextField label={t('ev.startTime')} value={startTime} onChange={setStartTime} />
      <DateInput label={t('ev.endsOn')} value={endsOn} onChange={setEndsOn} />
      <TextField label={t('ev.attendance')} value={attendance} onChange={setAttendance} inputMode="numeric" required />
      <TextField label={t('ev.foreignGuests')} value={foreignGuests} onChange={setForeignGuests} inputMode="numeric" />
      <TextField label={t('ev.countries')} value={countries} onChange={setCountries} />
      <TextAreaField label={t('ev.purpose')} value={purpose} onChange={setPurpose} maxLength={2000} />
      {q ? (
        <section aria-label={t('ev.preview')}>
          <h2>{t('ev.preview')}</h2>
          <Loaded state={preview}>{(a) => <AssessmentBox a={a} />}</Loaded>
        </section>
      ) : null}
    </FormShell>
  )
}

/** A unit's events in a date range, and the registration form. */
export function EventsPage() {
  const { t } = useI18n()
  const { can } = useSession()
  const session = useReadySession()
  usePageTitle(t('ev.title'))
  const list = useListParams(FIELDS)
  const today = vnDate(new Date())
  const unit = list.values.unit || session.unit?.code || ''
  const from = isDay(list.values.from) ? list.values.from : today
  const to = isDay(list.values.to) ? list.values.to : plusDays(from, 60)
  const [adding, setAdding] = useState(false)
  const state = useApi(unit ? `ev:cal:${unit}:${from}:${to}:${list.page}` : null, (signal) => eventsApi.calendar({ unit, from, to, limit: PAGE, offset: list.page * PAGE }, signal))
  if (!can('events:read')) return <NotAllowed />
  return (
    <>
      <PageHead title={t('ev.title')} actions={[{ to: '/cong-khai/su-kien', label: t('ev.nav.public') }]} />
      <FilterForm onSubmit={list.submit} submitLabel={t('ev.filter')}>
        <UnitFilter value={list.draft.unit} onChange={list.setField('unit')} />
        <DateInput label={t('ev.from')} value={list.draft.from} onChange={list.setField('from')} />
        <DateInput label={t('ev.to')} value={list.draft.to} onChange={list.setField('to')} />
      </FilterForm>
      <Loaded state={state}>
        {(d: Calendar) => (
          <>
            <DataTable
              caption={t('ev.caption', { unit: d.unit.name, from: day(d.from), to: day(d.to), total: formatNumber(d.total) })}
              rows={d.events}
              rowKey={(e) => e.id}
              empty={t('ev.none')}
              testId="ev-calendar"
              columns={[
                { key: 'when', header: t('ev.when'), cell: (e) => `${day(e.startsOn)}${e.startTime ? ` ${e.startTime}` : ''}${e.endsOn !== e.startsOn ? ` – ${day(e.endsOn)}` : ''}` },
                { key: 'title', header: t('ev.name'), cell: (e) => <Link to={`/su-kien/${e.id}`}>{e.title}</Link> },
                { key: 'place', header: t('ev.place'), cell: (e) => `${e.place}, ${e.unit.name} (${settingLabel(t, e.setting)})` },
                { key: 'n', header: t('ev.attendance'), numeric: true, cell: (e) => formatNumber(e.expectedAttendance) },
                { key: 'foreign', header: t('ev.foreignGuests'), numeric: true, cell: (e) => (e.foreignGuests ? `${e.foreignGuests} (${e.countries.map((c) => c.code).join(', ')})` : '—') },
                { key: 'level', header: t('ev.level'), cell: (e) => e.assessment.level ?? '—' },
                { key: 'status', header: t('ev.status'), cell: (e) => e.statusLabel },
              ]}
            />
            <Pager page={list.page} hasNext={(list.page + 1) * PAGE < d.total} onPage={list.goToPage} />
          </>
        )}
      </Loaded>
      {can('events:write') ? (
        adding ? (
          <NewEventForm />
        ) : (
          <button type="button" className="button-secondary" onClick={() => setAdding(true)}>
            {t('ev.new')}
          </button>
        )
      ) : null}
    </>
  )
}
