import { lazy, Suspense, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { vnDate, vnTime } from '../../../domain/text/dates.ts'
import { formatNumber, formatVnDateTime } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { CheckboxField, SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { type PickedOrg, OrgPicker } from '../orgs/OrgPicker.tsx'
import { quarantineApi } from '../quarantine/api.ts'
import { Warnings } from '../quarantine/common.tsx'
import { day, UnitFilter } from '../surveillance/common.tsx'
import { codeName, codeOptions } from '../surveillance/labels.ts'
import { type CaseRecord, CROSSING, entryApi, REPORTER, STAGE, STEP, vnInstant } from './api.ts'
import { NewCaseForm } from './StaffForms.tsx'
import './entry.css'

const IllegalMap = lazy(() => import('./IllegalMap.tsx'))
const FIELDS = ['unit', 'from', 'to', 'stage'] as const

/** Cases and people per commune and week; border communes first. */
function WeeklyTable({ unit, from, to }: { unit: string; from: string; to: string }) {
  const { t } = useI18n()
  const q = { ...(unit ? { unitCode: unit } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }
  const state = useApi(`entry:weekly:${unit}:${from}:${to}`, (signal) => entryApi.weekly(q, signal))
  return (
    <Loaded state={state}>
      {(w) => (
        <DataTable
          caption={t('entry.illegal.weekly')}
          rows={w.communes}
          rowKey={(c) => c.unitCode}
          empty={t('entry.none')}
          testId="entry-weekly"
          columns={[
            { key: 'unit', header: t('entry.illegal.commune'), cell: (c) => `${c.unitName}${c.border ? ` · ${t('entry.illegal.border')}` : ''}` },
            ...w.weeks.map((wk, i) => ({
              key: wk,
              header: day(wk).slice(0, 5),
              numeric: true,
              cell: (c: (typeof w.communes)[number]) => (c.counts[i]!.cases ? `${c.counts[i]!.cases} / ${c.counts[i]!.people}` : '·'),
            })),
            { key: 'total', header: t('entry.illegal.total'), numeric: true, cell: (c) => `${formatNumber(c.cases)} / ${formatNumber(c.people)}` },
          ]}
        />
      )}
    </Loaded>
  )
}

function MapSection({ unit, from, to }: { unit: string; from: string; to: string }) {
  const { t } = useI18n()
  const q = { ...(unit ? { unitCode: unit } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }
  const state = useApi(`entry:map:${unit}:${from}:${to}`, (signal) => entryApi.map(q, signal))
  return (
    <Loaded state={state}>
      {(m) => (
        <Suspense fallback={<Loading />}>
          <IllegalMap data={m} label={t('entry.illegal.map')} />
        </Suspense>
      )}
    </Loaded>
  )
}

function HeadsTable({ unit }: { unit: string }) {
  const { t } = useI18n()
  const state = useApi(`entry:heads:${unit}`, (signal) => entryApi.heads(unit ? { unitCode: unit } : {}, signal))
  return (
    <Loaded state={state}>
      {(h) => (
        <DataTable
          caption={t('entry.heads.caption')}
          rows={h.heads}
          rowKey={(r) => r.id}
          empty={t('entry.none')}
          columns={[
            { key: 'head', header: t('entry.heads.head'), cell: (r) => `${r.headName}${r.headPosition ? `, ${r.headPosition}` : ''}` },
            { key: 'org', header: t('entry.heads.org'), cell: (r) => r.orgName ?? '—' },
            { key: 'unit', header: t('entry.illegal.commune'), cell: (r) => r.unitName },
            { key: 'case', header: t('entry.heads.case'), cell: (r) => <Link to={`/entry/illegal/${r.caseId}`}>#{r.caseId}</Link> },
            { key: 'on', header: t('entry.heads.on'), cell: (r) => day(r.recordedOn) },
          ]}
        />
      )}
    </Loaded>
  )
}

/** Illegal-entry cases: the list, weekly counts per border commune, the map and the accountable heads. */
export function IllegalListPage() {
  const { t, locale } = useI18n()
  const { can } = useSession()
  usePageTitle(t('entry.illegal.title'))
  const list = useListParams(FIELDS)
  const { unit, from, to, stage } = list.values
  const navigate = useNavigate()
  const [adding, setAdding] = useState(false)
  const cases = useApi(`entry:cases:${list.key}`, (signal) =>
    entryApi.cases({ ...(unit ? { unitCode: unit } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(stage ? { stage } : {}), limit: 200 }, signal),
  )
  if (!can('entry:read')) return <NotAllowed />
  return (
    <>
      <PageHead title={t('entry.illegal.title')} actions={[{ to: '/bao-tin/nhap-canh-trai-phep', label: t('entry.public.report.title') }]} />
      <FilterForm onSubmit={list.submit} submitLabel={t('entry.filter')}>
        <UnitFilter value={list.draft.unit} onChange={list.setField('unit')} />
        <DateInput label={t('entry.from')} value={list.draft.from} onChange={list.setField('from')} />
        <DateInput label={t('entry.to')} value={list.draft.to} onChange={list.setField('to')} />
        <SelectField label={t('entry.illegal.stage')} value={list.draft.stage} onChange={list.setField('stage')} options={codeOptions(STAGE, locale, t('entry.all'))} />
      </FilterForm>
      <Loaded state={cases}>
        {(d) => (
          <DataTable
            caption={t('entry.illegal.caption')}
            rows={d.cases}
            rowKey={(c) => c.id}
            empty={t('entry.none')}
            testId="entry-cases"
            columns={[
              { key: 'id', header: '#', cell: (c) => <Link to={`/entry/illegal/${c.id}`}>#{c.id}</Link> },
              { key: 'at', header: t('entry.illegal.at'), cell: (c) => formatVnDateTime(c.occurredAt) },
              { key: 'unit', header: t('entry.illegal.commune'), cell: (c) => `${c.unitName}${c.point ? ` — ${c.point}` : ''}` },
              { key: 'people', header: t('entry.illegal.people'), numeric: true, cell: (c) => formatNumber(c.peopleCount) },
              { key: 'crossing', header: t('entry.illegal.crossing'), cell: (c) => codeName(CROSSING, c.crossing, locale) },
              { key: 'by', header: t('entry.illegal.reportedBy'), cell: (c) => c.reporterOrgName ?? codeName(REPORTER, c.reportedBy, locale) },
              { key: 'stage', header: t('entry.illegal.stage'), cell: (c) => codeName(STAGE, c.stage, locale) },
            ]}
          />
        )}
      </Loaded>
      {can('entry:write') ? (
        adding ? (
          <NewCaseForm onDone={(id) => navigate(`/entry/illegal/${id}`)} />
        ) : (
          <button type="button" className="button-secondary" onClick={() => setAdding(true)}>
            {t('entry.case.new')}
          </button>
        )
      ) : null}
      <MapSection unit={unit} from={from} to={to} />
      <WeeklyTable unit={unit} from={from} to={to} />
      <HeadsTable unit={unit} />
    </>
  )
}

const nowVn = () => {
  const now = new Date()
  return { day: vnDate(now), time: vnTime(now) }
}

/** The form of the case's next step: the body doing it, when, and what the step needs. */
function StepForm({ c, onDone }: { c: CaseRecord; onDone: () => void }) {
  const { t, locale } = useI18n()
  const step = c.nextStep!
  const [org, setOrg] = useState<PickedOrg | null>(null)
  const [toOrg, setToOrg] = useState<PickedOrg | null>(null)
  const [when, setWhen] = useState(nowVn())
  const [outcome, setOutcome] = useState('')
  const [foundLiving, setFoundLiving] = useState(c.foundLiving)
  const missing = [...(org ? [] : [t('entry.step.org')]), ...(step === 'handover' && !toOrg ? [t('entry.step.toOrg')] : []), ...(step === 'outcome' && !outcome.trim() ? [t('entry.step.outcome')] : [])]
  return (
    <FormShell
      onSubmit={async () => {
        await entryApi.step(c.id, {
          step,
          orgId: org!.id,
          at: vnInstant(when.day, when.time),
          ...(step === 'handover' ? { toOrgId: toOrg!.id } : {}),
          ...(step === 'outcome' ? { outcome: outcome.trim(), foundLiving } : {}),
        })
        onDone()
      }}
      submitLabel={t('entry.step.record', { step: codeName(STEP, step, locale) })}
      canSubmit={missing.length === 0}
      missing={missing}
      aria-label={t('entry.step.next')}
    >
      <OrgPicker label={t('entry.step.org')} value={org} onChange={setOrg} />
      {step === 'handover' ? <OrgPicker label={t('entry.step.toOrg')} value={toOrg} onChange={setToOrg} /> : null}
      <DateInput label={t('entry.f.day')} value={when.day} onChange={(d) => setWhen({ ...when, day: d })} required />
      <TextField label={t('entry.f.time')} value={when.time} onChange={(x) => setWhen({ ...when, time: x })} inputMode="numeric" maxLength={5} required />
      {step === 'outcome' ? (
        <>
          <TextField label={t('entry.step.outcome')} value={outcome} onChange={setOutcome} maxLength={2000} required />
          <CheckboxField label={t('entry.step.foundLiving')} checked={foundLiving} onChange={setFoundLiving} />
        </>
      ) : null}
    </FormShell>
  )
}

function AddPersonForm({ c, onDone }: { c: CaseRecord; onDone: () => void }) {
  const { t } = useI18n()
  const [name, setName] = useState('')
  const [year, setYear] = useState('')
  const [nationality, setNationality] = useState('KH')
  const [confirm, setConfirm] = useState(false)
  return (
    <FormShell
      onSubmit={async () => {
        await entryApi.addPerson(c.id, {
          person: { fullName: name.trim(), birthYear: /^\d{4}$/.test(year) ? Number(year) : null, nationality: nationality.toUpperCase() },
          ...(confirm ? { confirmedNew: true } : {}),
        })
        setName('')
        setYear('')
        setConfirm(false)
        onDone()
      }}
      submitLabel={t('entry.people.add')}
      canSubmit={!!name.trim() && /^[A-Za-z]{2}$/.test(nationality)}
      missing={name.trim() ? [] : [t('entry.f.fullName')]}
      aria-label={t('entry.people.add')}
      className="form-inline"
    >
      <TextField label={t('entry.f.fullName')} value={name} onChange={setName} maxLength={120} required />
      <TextField label={t('entry.f.birthYear')} value={year} onChange={setYear} inputMode="numeric" maxLength={4} />
      <TextField label={t('entry.f.nationality')} value={nationality} onChange={setNationality} maxLength={2} />
      <CheckboxField label={t('entry.people.confirmNew')} checked={confirm} onChange={setConfirm} />
    </FormShell>
  )
}

/** Places the case's people one by one in a facility; the facility's warnings stay on screen. */
function PlaceForm({ c, onDone }: { c: CaseRecord; onDone: (warnings: { code: string; message: string }[]) => void }) {
  const { t } = useI18n()
  const facilities = useApi('entry:case:facilities', (signal) => quarantineApi.facilities({ limit: 500 }, signal))
  // Those placed here are left out at once, before the case is read again.
  const [done, setDone] = useState<number[]>([])
  const waiting = c.people.filter((p) => !p.placementId && !done.includes(p.personId))
  const [personId, setPersonId] = useState('')
  const [facilityId, setFacilityId] = useState('')
  const [org, setOrg] = useState<PickedOrg | null>(null)
  const [when, setWhen] = useState(nowVn())
  const chosen = personId || String(waiting[0]?.personId ?? '')
  if (waiting.length === 0) return null
  return (
    <Loaded state={facilities}>
      {(f) => (
        <FormShell
          onSubmit={async () => {
            const r = await entryApi.place(c.id, { personId: Number(chosen), facilityId: Number(facilityId), orgId: org!.id, at: vnInstant(when.day, when.time) })
            setPersonId('')
            setDone((d) => [...d, Number(chosen)])
            facilities.reload()
            onDone(r.warnings)
          }}
          submitLabel={t('entry.place.submit')}
          canSubmit={!!chosen && !!facilityId && !!org}
          missing={[...(facilityId ? [] : [t('entry.place.facility')]), ...(org ? [] : [t('entry.step.org')])]}
          aria-label={t('entry.place.title')}
        >
          <SelectField label={t('entry.place.person')} value={chosen} onChange={setPersonId} options={waiting.map((p) => ({ value: String(p.personId), label: p.fullName }))} />
          <SelectField
            label={t('entry.place.facility')}
            value={facilityId}
            onChange={setFacilityId}
            options={[{ value: '', label: '—' }, ...f.facilities.map((x) => ({ value: String(x.id), label: `${x.name} (${x.occupied}/${x.capacity})` }))]}
          />
          <OrgPicker label={t('entry.step.org')} value={org} onChange={setOrg} />
          <DateInput label={t('entry.f.day')} value={when.day} onChange={(d) => setWhen({ ...when, day: d })} required />
          <TextField label={t('entry.f.time')} value={when.time} onChange={(x) => setWhen({ ...when, time: x })} inputMode="numeric" maxLength={5} required />
        </FormShell>
      )}
    </Loaded>
  )
}

/** One case: what was reported, the steps by body and time, its people and where they are quarantined. */
export function IllegalCasePage() {
  const { t, locale } = useI18n()
  const { can } = useSession()
  const id = Number(useParams().id)
  usePageTitle(t('entry.case.title', { id }))
  const [warnings, setWarnings] = useState<{ code: string; message: string }[]>([])
  // Reloading under the same key keeps the page (and the forms' choices) on screen meanwhile.
  const state = useApi(`entry:case:${id}`, (signal) => entryApi.case(id, signal))
  if (!can('entry:read')) return <NotAllowed />
  const update = () => state.reload()
  return (
    <Loaded state={state}>
      {(c) => {
        return (
          <>
            <PageHead title={t('entry.case.title', { id: c.id })} />
            <dl className="fact-list">
              <dt>{t('entry.illegal.at')}</dt>
              <dd>{formatVnDateTime(c.occurredAt)}</dd>
              <dt>{t('entry.illegal.commune')}</dt>
              <dd>
                {c.unitName}
                {c.point ? ` — ${c.point}` : ''}
              </dd>
              <dt>{t('entry.illegal.people')}</dt>
              <dd>{formatNumber(c.peopleCount)}</dd>
              <dt>{t('entry.illegal.crossing')}</dt>
              <dd>
                {codeName(CROSSING, c.crossing, locale)}
                {c.crossingNote ? ` — ${c.crossingNote}` : ''}
              </dd>
              <dt>{t('entry.f.guidedBy')}</dt>
              <dd>{c.guidedBy ?? '—'}</dd>
              <dt>{t('entry.f.shelteredBy')}</dt>
              <dd>{c.shelteredBy ?? '—'}</dd>
              <dt>{t('entry.illegal.reportedBy')}</dt>
              <dd>{c.reporterOrgName ?? codeName(REPORTER, c.reportedBy, locale)}</dd>
              <dt>{t('entry.illegal.stage')}</dt>
              <dd data-testid="entry-stage">{codeName(STAGE, c.stage, locale)}</dd>
              {c.description ? (
                <>
                  <dt>{t('entry.f.description')}</dt>
                  <dd>{c.description}</dd>
                </>
              ) : null}
            </dl>
            <h2>{t('entry.case.timeline')}</h2>
            <ol className="entry-timeline" data-testid="entry-timeline">
              <li>
                <strong>{formatVnDateTime(c.occurredAt)}</strong> — {t('entry.case.reported')} ({codeName(REPORTER, c.reportedBy, locale)})
              </li>
              {c.steps.map((s) => (
                <li key={s.id}>
                  <strong>{formatVnDateTime(s.at)}</strong> — {codeName(STEP, s.step, locale)}: {s.orgName}
                  {s.toOrgName ? ` → ${s.toOrgName}` : ''}
                  {s.outcome ? ` — ${s.outcome}` : ''}
                </li>
              ))}
            </ol>
            {c.nextStep && c.nextStep !== 'placement' && can('entry:write') ? <StepForm key={c.stage} c={c} onDone={update} /> : null}
            <h2>{t('entry.case.people')}</h2>
            <DataTable
              caption={t('entry.case.people')}
              hideCaption
              rows={c.people}
              rowKey={(p) => p.personId}
              empty={t('entry.case.noPeople')}
              testId="entry-case-people"
              columns={[
                { key: 'name', header: t('entry.f.fullName'), cell: (p) => <Link to={`/people/${p.personId}`}>{p.fullName}</Link> },
                { key: 'year', header: t('entry.f.birthYear'), cell: (p) => p.birthYear ?? '—' },
                { key: 'nat', header: t('entry.f.nationality'), cell: (p) => p.nationality },
                {
                  key: 'where',
                  header: t('entry.place.where'),
                  cell: (p) => (p.placementId ? <Link to={`/quarantine/placements/${p.placementId}`}>{`${p.facilityName ?? ''} · ${day(p.placedOn)} → ${day(p.plannedEnd)}`}</Link> : '—'),
                },
              ]}
            />
            <Warnings items={warnings} />
            {can('entry:write') && c.stage !== 'concluded' ? <AddPersonForm c={c} onDone={update} /> : null}
            {can('entry:write') && (c.stage === 'handed_over' || c.stage === 'placed') ? (
              <PlaceForm
                c={c}
                onDone={(w) => {
                  setWarnings(w)
                  update()
                }}
              />
            ) : null}
            {c.heads.length > 0 ? (
              <>
                <h2>{t('entry.heads.caption')}</h2>
                <ul>
                  {c.heads.map((h) => (
                    <li key={h.id}>
                      {h.headName}
                      {h.headPosition ? `, ${h.headPosition}` : ''} — {h.reason} ({day(h.recordedOn)})
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        )
      }}
    </Loaded>
  )
}
