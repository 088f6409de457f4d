import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { CHECK_SYMPTOMS, CONDITION_STATES, ESCALATION_RESOLUTIONS, HOME_STATUSES } from '../../../domain/care/codes.ts'
import { SEVERITIES } from '../../../domain/surveillance/codes.ts'
import { ApiError } from '../../app/api.ts'
import { formatNumber, formatVnDateTime } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { CheckboxField, FormStatus, SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { day, PersonLink, UnitFilter } from '../surveillance/common.tsx'
import { codeName, codeOptions } from '../surveillance/labels.ts'
import { careApi, type EligibilityView, type EscalationView, linkUrl } from './api.ts'
import { vnDate } from '../../../domain/text/dates.ts'

const FIELDS = ['unitCode', 'status'] as const

/** The day of isolation (day 1: the positive sample) on `today`. */
const dayOf = (positiveOn: string, today: string) => Math.round((Date.parse(today) - Date.parse(positiveOn)) / 86_400_000) + 1
/** Today in Vietnam (a day of isolation starts at midnight there, not in UTC). */
const todayIso = () => vnDate(new Date())
const num = (v: string) => (v.trim() === '' ? null : Number(v.replace(',', '.')))

/** The measurements and signs of a daily check, shared by the station's form and the patient's. */
export function CheckFields({ v, set, compact }: { v: CheckDraft; set: (v: CheckDraft) => void; compact?: boolean }) {
  const { t, locale } = useI18n()
  const shown = compact
    ? (['fever', 'cough', 'sore_throat', 'fatigue', 'loss_of_taste_smell', 'shortness_of_breath', 'chest_pain', 'altered_consciousness', 'cyanosis'] as const)
    : (Object.keys(CHECK_SYMPTOMS) as (keyof typeof CHECK_SYMPTOMS)[])
  return (
    <>
      <TextField label={t('care.facts.spo2')} value={v.spo2} onChange={(x) => set({ ...v, spo2: x })} inputMode="numeric" name="spo2" />
      <TextField label={t('care.facts.respiratoryRate')} value={v.respiratoryRate} onChange={(x) => set({ ...v, respiratoryRate: x })} inputMode="numeric" name="respiratoryRate" />
      <TextField label={t('care.check.temperature')} value={v.temperature} onChange={(x) => set({ ...v, temperature: x })} inputMode="decimal" name="temperature" />
      {compact ? null : <TextField label={t('care.check.pulse')} value={v.pulse} onChange={(x) => set({ ...v, pulse: x })} inputMode="numeric" name="pulse" />}
      <fieldset className="care-symptoms">
        <legend>{t('care.check.symptoms')}</legend>
        {shown.map((s) => (
          <CheckboxField
            key={s}
            label={CHECK_SYMPTOMS[s][locale]}
            checked={v.symptoms.includes(s)}
            onChange={(on) => set({ ...v, symptoms: on ? [...v.symptoms, s] : v.symptoms.filter((x) => x !== s) })}
          />
        ))}
      </fieldset>
    </>
  )
}

export interface CheckDraft {
  spo2: string
  respiratoryRate: string
  temperature: string
  pulse: string
  symptoms: string[]
}
export const EMPTY_CHECK: CheckDraft = { spo2: '', respiratoryRate: '', temperature: '', pulse: '', symptoms: [] }

/** The body the API takes: numbers where typed, nothing where left empty (the server says what is wrong). */
export function checkBody(v: CheckDraft) {
  return {
    spo2: num(v.spo2),
    respiratoryRate: num(v.respiratoryRate),
    temperature: num(v.temperature),
    pulse: num(v.pulse),
    symptoms: v.symptoms as (keyof typeof CHECK_SYMPTOMS)[],
  }
}

function EnrolForm({ unitCode, onDone }: { unitCode: string | undefined; onDone: () => void }) {
  const { t, locale } = useI18n()
  const stations = useApi(`care:stations:${unitCode ?? ''}`, (signal) => careApi.facilities({ ...(unitCode ? { unitCode } : {}), tier: 1, limit: 500 }, signal))
  const [caseId, setCaseId] = useState('')
  const [stationId, setStationId] = useState('')
  const [f, setF] = useState({
    severity: 'mild',
    spo2: '',
    respiratoryRate: '',
    abnormalBreathing: false,
    conditions: 'none',
    pregnant: false,
    vaccineDoses: '2',
    lastDoseOn: '',
    canSelfCare: true,
    hasCaregiver: false,
    canContactStaff: true,
  })
  const [refused, setRefused] = useState<EligibilityView | null>(null)
  const [token, setToken] = useState<string | null>(null)
  const missing = [...(/^\d+$/.test(caseId) ? [] : [t('care.admit.caseId')]), ...(stationId ? [] : [t('care.home.station')])]
  return (
    <>
      <FormShell
        onSubmit={async () => {
          setRefused(null)
          try {
            const made = await careApi.enrol({
              caseId: Number(caseId),
              stationId: Number(stationId),
              facts: {
                severity: f.severity as 'mild',
                spo2: num(f.spo2),
                respiratoryRate: num(f.respiratoryRate),
                abnormalBreathing: f.abnormalBreathing,
                conditions: f.conditions as 'none',
                pregnant: f.pregnant,
                vaccineDoses: Number(f.vaccineDoses || 0),
                lastDoseOn: f.lastDoseOn || null,
                canSelfCare: f.canSelfCare,
                hasCaregiver: f.hasCaregiver,
                canContactStaff: f.canContactStaff,
              },
            })
            setToken(made.token)
            onDone()
          } catch (err) {
            if (err instanceof ApiError && err.code === 'NOT_ELIGIBLE') setRefused(err.details as EligibilityView)
            else throw err
          }
        }}
        submitLabel={t('care.home.enrolSubmit')}
        canSubmit={missing.length === 0}
        missing={missing}
        aria-label={t('care.home.enrol')}
      >
        <TextField label={t('care.admit.caseId')} value={caseId} onChange={setCaseId} inputMode="numeric" required />
        <Loaded state={stations}>
          {(d) => (
            <SelectField
              label={t('care.home.station')}
              value={stationId}
              onChange={setStationId}
              required
              options={[{ value: '', label: '—' }, ...d.facilities.filter((s) => s.kind === 'health_station' || s.kind === 'mobile_station').map((s) => ({ value: String(s.id), label: s.name }))]}
            />
          )}
        </Loaded>
        <SelectField label={t('care.facts.severity')} value={f.severity} onChange={(v) => setF({ ...f, severity: v })} options={codeOptions(SEVERITIES, locale)} />
        <TextField label={t('care.facts.spo2')} value={f.spo2} onChange={(v) => setF({ ...f, spo2: v })} inputMode="numeric" />
        <TextField label={t('care.facts.respiratoryRate')} value={f.respiratoryRate} onChange={(v) => setF({ ...f, respiratoryRate: v })} inputMode="numeric" />
        <SelectField label={t('care.facts.conditions')} value={f.conditions} onChange={(v) => setF({ ...f, conditions: v })} options={codeOptions(CONDITION_STATES, locale)} />
        <TextField label={t('care.facts.vaccineDoses')} value={f.vaccineDoses} onChange={(v) => setF({ ...f, vaccineDoses: v })} inputMode="numeric" />
        <DateInput label={t('care.facts.lastDoseOn')} value={f.lastDoseOn} onChange={(v) => setF({ ...f, lastDoseOn: v })} />
        {(['abnormalBreathing', 'pregnant', 'canSelfCare', 'hasCaregiver', 'canContactStaff'] as const).map((k) => (
          <CheckboxField key={k} label={t(`care.facts.${k}`)} checked={f[k]} onChange={(v) => setF({ ...f, [k]: v })} />
        ))}
      </FormShell>
      {refused ? (
        <div className="care-refused" role="alert">
          <p>{t('care.home.refused', { rule: refused.rule.name })}</p>
          <ul>
            {refused.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <p className="care-source">{refused.rule.eligibilitySource}</p>
        </div>
      ) : null}
      {token ? (
        <p className="care-link" role="status">
          {t('care.home.enrolled')} <a href={linkUrl(token)}>{linkUrl(token)}</a>
        </p>
      ) : null}
    </>
  )
}

export function HomeCarePage() {
  const { t, locale } = useI18n()
  usePageTitle(t('care.home.title'))
  const { can } = useSession()
  const { values, draft, setField, submit } = useListParams(FIELDS)
  const [version, setVersion] = useState(0)
  const q = { ...(values.unitCode ? { unitCode: values.unitCode } : {}), status: values.status || 'active', limit: 500 }
  const list = useApi(`care:home:${JSON.stringify(q)}:${version}`, (signal) => careApi.home(q, signal))
  const [adding, setAdding] = useState(false)
  if (!can('care:read')) return <NotAllowed />
  const today = todayIso()
  return (
    <section aria-labelledby="page-title" className="care-page">
      <PageHead title={t('care.home.title')} actions={[{ to: `/care/tasks${values.unitCode ? `?unitCode=${values.unitCode}` : ''}`, label: t('care.tasks.title') }]} />
      <FilterForm onSubmit={submit} submitLabel={t('common.search')} label={t('care.unit')}>
        <UnitFilter value={draft.unitCode} onChange={setField('unitCode')} />
        <SelectField label={t('care.home.status')} value={draft.status} onChange={setField('status')} options={codeOptions(HOME_STATUSES, locale)} />
      </FilterForm>
      {can('care:write') ? (
        adding ? (
          <EnrolForm unitCode={values.unitCode || undefined} onDone={() => setVersion((v) => v + 1)} />
        ) : (
          <button type="button" className="button-primary" onClick={() => setAdding(true)}>
            {t('care.home.enrol')}
          </button>
        )
      ) : null}
      <Loaded state={list}>
        {(d) => (
          <DataTable
            caption={t('care.home.caption')}
            testId="care-home"
            rows={d.patients}
            rowKey={(p) => p.id}
            columns={[
              { key: 'name', header: t('care.admission.patient'), cell: (p) => <Link to={`/care/home/${p.id}`}>{p.fullName}</Link> },
              { key: 'day', header: t('care.home.day'), cell: (p) => (p.status === 'active' ? dayOf(p.positiveOn, today) : '—'), numeric: true },
              { key: 'station', header: t('care.home.station'), cell: (p) => p.stationName },
              { key: 'last', header: t('care.home.lastCheck'), cell: (p) => (p.lastCheckAt ? formatVnDateTime(p.lastCheckAt) : '—') },
              { key: 'spo2', header: t('care.home.lastSpo2'), cell: (p) => (p.lastSpo2 === null ? '—' : `${p.lastSpo2}%`), numeric: true },
              { key: 'esc', header: t('care.home.escalation'), cell: (p) => (p.openEscalationId ? <span className="care-badge-warn">{t('care.home.open')}</span> : '') },
            ]}
          />
        )}
      </Loaded>
    </section>
  )
}

/** A death at home: the day, the cause and who reported it; home care ends and the case becomes a death. */
function DeathForm({ id, startedOn, onDone }: { id: number; startedOn: string; onDone: () => void }) {
  const { t } = useI18n()
  const [on, setOn] = useState(todayIso())
  const [cause, setCause] = useState('')
  const [reportedBy, setReportedBy] = useState('')
  const missing = [...(on ? [] : [t('care.death.on')]), ...(cause.trim() ? [] : [t('care.death.cause')]), ...(reportedBy.trim() ? [] : [t('care.death.reportedBy')])]
  return (
    <FormShell
      onSubmit={async () => {
        await careApi.death(id, { on, cause: cause.trim(), reportedBy: reportedBy.trim() })
        onDone()
      }}
      submitLabel={t('care.death.submit')}
      canSubmit={missing.length === 0 && on >= startedOn}
      missing={missing}
      aria-label={t('care.death.title')}
    >
      <p className="muted">{t('care.death.intro')}</p>
      <DateInput label={t('care.death.on')} value={on} onChange={setOn} required />
      <TextField label={t('care.death.cause')} value={cause} onChange={setCause} maxLength={500} required />
      <TextField label={t('care.death.reportedBy')} hint={t('care.death.reportedByHint')} value={reportedBy} onChange={setReportedBy} maxLength={200} required />
    </FormShell>
  )
}

export function HomePatientPage() {
  const { t, locale } = useI18n()
  const { id } = useParams()
  const { can } = useSession()
  const patientId = Number(id)
  const [version, setVersion] = useState(0)
  const data = useApi(`care:home:${patientId}:${version}`, (signal) => careApi.homeRecord(patientId, signal))
  const [check, setCheck] = useState<CheckDraft>(EMPTY_CHECK)
  const [status, setStatus] = useState<string | null>(null)
  const [link, setLink] = useState<string | null>(null)
  const [recordingDeath, setRecordingDeath] = useState(false)
  const [closeTask, setCloseTask] = useState(false)
  usePageTitle(data.data ? data.data.patient.fullName : t('care.home.title'))
  if (!can('care:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title" className="care-page">
      <p>
        <Link to="/care/home">← {t('care.home.title')}</Link>
      </p>
      <Loaded state={data}>
        {({ patient: p, checks, escalations, rule }) => (
          <>
            <h1 id="page-title">{p.fullName}</h1>
            <FactList
              facts={[
                { label: t('care.home.status'), value: codeName(HOME_STATUSES, p.status, locale) },
                { label: t('care.home.station'), value: p.stationName },
                { label: t('care.patient.positiveOn'), value: day(p.positiveOn) },
                { label: t('care.patient.startedOn'), value: day(p.startedOn) },
                { label: t('care.patient.rule'), value: `${rule.name} — ${rule.source}` },
                ...(p.grounds.length ? [{ label: t('care.patient.grounds'), value: p.grounds.join(' ') }] : []),
                ...(p.status === 'died'
                  ? [
                      { label: t('care.death.on'), value: day(p.endedOn), testId: 'care-death-on' },
                      { label: t('care.death.cause'), value: p.deathCause ?? '—' },
                      { label: t('care.death.reportedBy'), value: p.deathReportedBy ?? '—' },
                    ]
                  : []),
              ]}
            />
            <p>
              <PersonLink id={p.personId} name={p.fullName} />
            </p>
            <FormStatus message={status} />
            {can('care:write') && p.status === 'active' ? (
              <>
                <FormShell
                  onSubmit={async () => {
                    const r = await careApi.addCheck(p.id, checkBody(check))
                    setCheck(EMPTY_CHECK)
                    setStatus(r.warnings.length ? `${t('care.check.warnings')}: ${r.warnings.map((w) => w.text).join('; ')}` : null)
                    setVersion((v) => v + 1)
                  }}
                  submitLabel={t('care.check.submit')}
                  aria-label={t('care.check.title')}
                >
                  <CheckFields v={check} set={setCheck} />
                </FormShell>
                {p.openEscalationId ? (
                  <CheckboxField label={t('care.patient.closeTask', { id: p.openEscalationId })} checked={closeTask} onChange={setCloseTask} />
                ) : null}
                <div className="button-row">
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={async () => {
                      try {
                        await careApi.release(p.id, p.openEscalationId && closeTask ? { closeOpenTask: true } : {})
                        setCloseTask(false)
                        setStatus(t('care.patient.released'))
                        setVersion((v) => v + 1)
                      } catch (err) {
                        setStatus(err instanceof Error ? err.message : String(err))
                      }
                    }}
                  >
                    {t('care.patient.release')}
                  </button>
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={async () => {
                      const r = await careApi.issueLink(p.id)
                      setLink(linkUrl(r.token))
                    }}
                  >
                    {t('care.patient.newLink')}
                  </button>
                </div>
                {recordingDeath ? (
                  <DeathForm
                    id={p.id}
                    startedOn={p.startedOn}
                    onDone={() => {
                      setRecordingDeath(false)
                      setStatus(t('care.death.done'))
                      setVersion((v) => v + 1)
                    }}
                  />
                ) : (
                  <button type="button" className="button-secondary" onClick={() => setRecordingDeath(true)}>
                    {t('care.death.title')}
                  </button>
                )}
                {link ? (
                  <p className="care-link" role="status">
                    {t('care.patient.link')} <a href={link}>{link}</a>
                  </p>
                ) : null}
              </>
            ) : null}
            <EscalationTable rows={escalations} onChange={() => setVersion((v) => v + 1)} />
            <DataTable
              caption={t('care.checks.caption')}
              testId="care-checks"
              rows={checks}
              rowKey={(c) => c.id}
              columns={[
                { key: 'at', header: t('care.check.at'), cell: (c) => formatVnDateTime(c.checkedAt) },
                { key: 'spo2', header: 'SpO2', cell: (c) => (c.spo2 === null ? '—' : `${c.spo2}%`), numeric: true },
                { key: 'rr', header: t('care.facts.respiratoryRate'), cell: (c) => c.respiratoryRate ?? '—', numeric: true },
                { key: 'temp', header: t('care.check.temperature'), cell: (c) => (c.temperature === null ? '—' : formatNumber(c.temperature)), numeric: true },
                { key: 'symptoms', header: t('care.check.symptoms'), cell: (c) => c.symptoms.map((s) => codeName(CHECK_SYMPTOMS, s, locale)).join(', ') },
                { key: 'warn', header: t('care.check.warnings'), cell: (c) => (c.warnings as { text: string }[]).map((w) => w.text).join('; ') },
                { key: 'by', header: t('care.check.by'), cell: (c) => (c.byPatient ? t('care.check.byPatient') : (c.checkedByName ?? '—')) },
              ]}
            />
          </>
        )}
      </Loaded>
    </section>
  )
}

function CloseForm({ e, onDone }: { e: EscalationView; onDone: () => void }) {
  const { t, locale } = useI18n()
  const [resolution, setResolution] = useState('visited')
  const [note, setNote] = useState('')
  return (
    <FormShell
      onSubmit={async () => {
        await careApi.closeEscalation(e.id, { resolution, note: note.trim() || null })
        onDone()
      }}
      submitLabel={t('care.tasks.closeSubmit')}
      aria-label={`${t('care.tasks.close')}: ${e.fullName}`}
      className="form-grid care-inline-form"
    >
      <SelectField label={t('care.tasks.resolution')} value={resolution} onChange={setResolution} options={codeOptions(ESCALATION_RESOLUTIONS, locale)} />
      <TextField label={t('care.tasks.note')} value={note} onChange={setNote} maxLength={1000} />
    </FormShell>
  )
}

/** Escalation tasks with their deadline, who closed them, and the close action. */
function EscalationTable({ rows, onChange }: { rows: EscalationView[]; onChange: () => void }) {
  const { t, locale } = useI18n()
  const { can } = useSession()
  const [closing, setClosing] = useState<number | null>(null)
  return (
    <DataTable
      caption={t('care.tasks.caption')}
      testId="care-tasks"
      rows={rows}
      rowKey={(e) => e.id}
      empty={t('care.tasks.none')}
      columns={[
        { key: 'name', header: t('care.admission.patient'), cell: (e) => <Link to={`/care/home/${e.patientId}`}>{e.fullName}</Link> },
        { key: 'phone', header: t('care.facility.phone'), cell: (e) => e.phone ?? '—' },
        { key: 'warn', header: t('care.check.warnings'), cell: (e) => (e.warnings as { text: string }[]).map((w) => w.text).join('; ') },
        { key: 'opened', header: t('care.tasks.openedAt'), cell: (e) => formatVnDateTime(e.openedAt) },
        {
          key: 'due',
          header: t('care.tasks.dueAt'),
          cell: (e) => (
            <>
              {formatVnDateTime(e.dueAt)} {e.overdue ? <span className="care-badge-warn">{t('care.tasks.overdue')}</span> : null}
            </>
          ),
        },
        {
          key: 'state',
          header: t('care.tasks.resolution'),
          cell: (e) =>
            e.status === 'closed' ? (
              `${codeName(ESCALATION_RESOLUTIONS, e.resolution, locale)} — ${e.closedByName ?? ''}${e.note ? ` (${e.note})` : ''}`
            ) : !can('care:write') ? null : closing === e.id ? (
              <CloseForm
                e={e}
                onDone={() => {
                  setClosing(null)
                  onChange()
                }}
              />
            ) : (
              <button type="button" className="button-secondary" onClick={() => setClosing(e.id)} aria-label={`${t('care.tasks.close')}: ${e.fullName}`}>
                {t('care.tasks.close')}
              </button>
            ),
        },
      ]}
    />
  )
}

/** "Việc cần xử lý": a commune's F0 at home with warning signs, open first, by deadline. */
export function TasksPage() {
  const { t } = useI18n()
  usePageTitle(t('care.tasks.title'))
  const { can } = useSession()
  const { values, draft, setField, submit } = useListParams(['unitCode', 'all'] as const)
  const [version, setVersion] = useState(0)
  const q = { ...(values.unitCode ? { unitCode: values.unitCode } : {}), ...(values.all ? {} : { status: 'open' }), limit: 500 }
  const list = useApi(`care:tasks:${JSON.stringify(q)}:${version}`, (signal) => careApi.escalations(q, signal))
  if (!can('care:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title" className="care-page">
      <PageHead title={t('care.tasks.title')} />
      <FilterForm onSubmit={submit} submitLabel={t('common.search')} label={t('care.unit')}>
        <UnitFilter value={draft.unitCode} onChange={setField('unitCode')} />
        <CheckboxField label={t('care.tasks.onlyOpen')} checked={!draft.all} onChange={(on) => setField('all')(on ? '' : '1')} />
      </FilterForm>
      <Loaded state={list}>{(d) => <EscalationTable rows={d.escalations} onChange={() => setVersion((v) => v + 1)} />}</Loaded>
    </section>
  )
}
