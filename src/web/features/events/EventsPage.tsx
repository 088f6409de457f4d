import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { monthWeeks, plusMonths, vnDate } from '../../../domain/text/dates.ts'
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

const FIELDS = ['unit', 'from', 'to', 'view', 'month'] as const
/** The events a month's calendar shows at most. */
const MONTH_MAX = 500
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
  const byMonth = list.values.view === 'month'
  const month = /^\d{4}-\d{2}$/.test(list.values.month) ? list.values.month : today.slice(0, 7)
  const state = useApi(unit && !byMonth ? `ev:cal:${unit}:${from}:${to}:${list.page}` : null, (signal) => eventsApi.calendar({ unit, from, to, limit: PAGE, offset: list.page * PAGE }, signal))
  if (!can('events:read')) return <NotAllowed />
  const views = (
    <div className="ev-views" role="group" aria-label={t('ev.view')}>
      <button type="button" className={byMonth ? 'button-secondary' : 'button-primary'} aria-pressed={!byMonth} onClick={() => list.show({ view: '' })}>
        {t('ev.view.list')}
      </button>
      <button type="button" className={byMonth ? 'button-primary' : 'button-secondary'} aria-pressed={byMonth} onClick={() => list.show({ view: 'month', month })}>
        {t('ev.view.month')}
      </button>
    </div>
  )
  if (byMonth)
    return (
      <>
        <PageHead title={t('ev.title')} actions={[{ to: '/cong-khai/su-kien', label: t('ev.nav.public') }]} />
        <FilterForm onSubmit={list.submit} submitLabel={t('ev.filter')}>
          <UnitFilter value={list.draft.unit} onChange={list.setField('unit')} />
        </FilterForm>
        {views}
        {unit ? <MonthCalendar unit={unit} month={month} today={today} onMonth={(m) => list.show({ month: m })} /> : null}
      </>
    )
  return (
    <>
      <PageHead title={t('ev.title')} actions={[{ to: '/cong-khai/su-kien', label: t('ev.nav.public') }]} />
      <FilterForm onSubmit={list.submit} submitLabel={t('ev.filter')}>
        <UnitFilter value={list.draft.unit} onChange={list.setField('unit')} />
        <DateInput label={t('ev.from')} value={list.draft.from} onChange={list.setField('from')} />
        <DateInput label={t('ev.to')} value={list.draft.to} onChange={list.setField('to')} />
      </FilterForm>
      {views}
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

/** A unit's events on a wall calendar of one month, from Monday; an event shows on each of its days. */
function MonthCalendar({ unit, month, today, onMonth }: { unit: string; month: string; today: string; onMonth: (month: string) => void }) {
  const { t } = useI18n()
  const weeks = monthWeeks(month)
  const first = `${month}-01`
  const last = weeks.flat().filter((d): d is string => d !== null).at(-1)!
  const state = useApi(`ev:month:${unit}:${month}`, (signal) => eventsApi.calendar({ unit, from: first, to: last, limit: MONTH_MAX, offset: 0 }, signal))
  const label = `${month.slice(5, 7)}/${month.slice(0, 4)}`
  return (
    <section className="card" aria-label={t('ev.month.title', { month: label })}>
      <div className="ev-month-nav">
        <button type="button" className="button-secondary" onClick={() => onMonth(plusMonths(month, -1))}>
          {t('ev.month.prev')}
        </button>
        <h2>{t('ev.month.title', { month: label })}</h2>
        <button type="button" className="button-secondary" onClick={() => onMonth(plusMonths(month, 1))}>
          {t('ev.month.next')}
        </button>
      </div>
      <Loaded state={state}>
        {(d: Calendar) => {
          const on = (day: string) => d.events.filter((e) => e.startsOn <= day && day <= e.endsOn)
          return (
            <>
              <p className="muted">
                {t('ev.month.count', { unit: d.unit.name, total: formatNumber(d.total) })}
                {d.total > d.events.length ? ` ${t('ev.month.truncated', { n: formatNumber(d.events.length) })}` : ''}
              </p>
              <div className="ev-month-scroll">
                <table className="ev-month" data-testid="ev-month">
                  <thead>
                    <tr>
                      {WEEKDAYS.map((k) => (
                        <th key={k} scope="col">
                          {t(k)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {weeks.map((week) => (
                      <tr key={week.find(Boolean) ?? ''}>
                        {week.map((date, i) => ({ date, place: `${week.find(Boolean)}:${WEEKDAYS[i]}` })).map(({ date, place }) => {
                          if (!date) return <td key={place} className="ev-blank" />
                          const events = on(date)
                          return (
                            <td key={date} className={date === today ? 'ev-today' : undefined} data-day={date}>
                              <span className="ev-daynum">{Number(date.slice(8))}</span>
                              <ul>
                                {events.slice(0, 3).map((e) => (
                                  <li key={e.id}>
                                    <Link to={`/su-kien/${e.id}`} title={`${e.title} — ${e.statusLabel}`}>
                                      {e.startTime && e.startsOn === date ? `${e.startTime} ` : ''}
                                      {e.title}
                                    </Link>
                                  </li>
                                ))}
                                {events.length > 3 ? <li className="muted">{t('ev.month.more', { n: events.length - 3 })}</li> : null}
                              </ul>
                            </td>
                          )
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )
        }}
      </Loaded>
    </section>
  )
}

const WEEKDAYS = ['ev.wd.mon', 'ev.wd.tue', 'ev.wd.wed', 'ev.wd.thu', 'ev.wd.fri', 'ev.wd.sat', 'ev.wd.sun'] as const
