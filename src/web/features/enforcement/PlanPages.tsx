import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { vnDate } from '../../../domain/text/dates.ts'
import { formatNumber } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { CheckboxField, FormStatus, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { FilterForm, Pager, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { safetyApi } from '../safety/api.ts'
import { day, UnitFilter } from '../surveillance/common.tsx'
import { useDefaultUnit } from '../surveillance/PersonChooser.tsx'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { enforcementApi, type PlanRecord } from './api.ts'
import './enforcement.css'

const PAGE = 50
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s)

function NewPlanForm({ onCancel }: { onCancel: () => void }) {
  const t = useT()
  const navigate = useNavigate()
  const [unit, setUnit] = useState<PickedUnit | null>(useDefaultUnit())
  const [title, setTitle] = useState('')
  const [team, setTeam] = useState('')
  const [startsOn, setStartsOn] = useState(vnDate(new Date()))
  const [endsOn, setEndsOn] = useState('')
  const [note, setNote] = useState('')
  const missing = [
    ...(unit ? [] : [t('enf.plans.unit')]),
    ...(title.trim() ? [] : [t('enf.plans.name')]),
    ...(team.trim() ? [] : [t('enf.plans.teamShort')]),
    ...(isDay(startsOn) ? [] : [t('enf.plans.from')]),
    ...(isDay(endsOn) ? [] : [t('enf.plans.to')]),
  ]
  return (
    <FormShell
      onSubmit={async () => {
        const p = await enforcementApi.createPlan({ unitCode: unit!.code, title: title.trim(), team: team.trim(), startsOn, endsOn, note: note.trim() || null })
        navigate(`/kiem-tra/ke-hoach/${p.id}`)
      }}
      submitLabel={t('enf.plans.create')}
      canSubmit={missing.length === 0}
      missing={missing}
      onCancel={onCancel}
      aria-label={t('enf.plans.form')}
    >
      <UnitPicker label={t('enf.plans.unit')} value={unit} onChange={setUnit} required />
      <TextField label={t('enf.plans.name')} value={title} onChange={setTitle} required maxLength={300} />
      <TextField label={t('enf.plans.team')} value={team} onChange={setTeam} required maxLength={300} />
      <DateInput label={t('enf.plans.from')} value={startsOn} onChange={setStartsOn} required />
      <DateInput label={t('enf.plans.to')} value={endsOn} onChange={setEndsOn} required />
      <TextAreaField label={t('enf.plans.note')} value={note} onChange={setNote} maxLength={2000} />
    </FormShell>
  )
}

/** The inspection plans of an area (a commune's team or a department's), newest first, and a new one. */
export function PlansPage() {
  const t = useT()
  const { can } = useSession()
  usePageTitle(t('enf.plans.title'))
  const list = useListParams(['unit'] as const)
  const unit = list.values.unit
  const [adding, setAdding] = useState(false)
  const state = useApi(`enf:plans:${list.key}`, (signal) => enforcementApi.plans({ ...(unit ? { unit } : {}), limit: PAGE, offset: list.page * PAGE }, signal))
  if (!can('enforcement:read')) return <NotAllowed />
  return (
    <>
      <p>
        <Link to="/kiem-tra">{t('enf.back')}</Link>
      </p>
      <PageHead title={t('enf.plans.title')} />
      <FilterForm onSubmit={list.submit} submitLabel={t('enf.show')}>
        <UnitFilter value={list.draft.unit} onChange={list.setField('unit')} />
      </FilterForm>
      {can('enforcement:write') ? (
        adding ? (
          <NewPlanForm onCancel={() => setAdding(false)} />
        ) : (
          <button type="button" className="button-primary" onClick={() => setAdding(true)}>
            {t('enf.plans.new')}
          </button>
        )
      ) : null}
      <Loaded state={state}>
        {(d) => (
          <>
            <DataTable
              caption={t('enf.plans.caption')}
              rows={d.plans}
              rowKey={(p) => p.id}
              empty={t('enf.plans.none')}
              testId="enf-plans"
              columns={[
                { key: 'title', header: t('enf.plans.name'), cell: (p) => <Link to={`/kiem-tra/ke-hoach/${p.id}`}>{p.title}</Link> },
                { key: 'team', header: t('enf.plans.teamShort'), cell: (p) => p.team },
                { key: 'unit', header: t('enf.plans.unit'), cell: (p) => p.unitName },
                { key: 'when', header: t('enf.plans.when'), cell: (p) => `${day(p.startsOn)} – ${day(p.endsOn)}` },
                { key: 'visits', header: t('enf.plans.visits'), numeric: true, cell: (p) => formatNumber(p.visits) },
              ]}
            />
            <Pager page={list.page} hasNext={d.plans.length === PAGE} onPage={list.goToPage} />
          </>
        )}
      </Loaded>
    </>
  )
}

/** Facilities of the plan's area found by name or address, chosen to visit on a day by someone. */
function AssignVisits({ plan, onDone }: { plan: PlanRecord; onDone: (p: PlanRecord) => void }) {
  const t = useT()
  const [q, setQ] = useState('')
  const [chosen, setChosen] = useState<Set<number>>(new Set())
  const [plannedOn, setPlannedOn] = useState(plan.startsOn)
  const [assignee, setAssignee] = useState('')
  const [status, setStatus] = useState<string | null>(null)
  const query = { unitCode: plan.unitCode, limit: 20, ...(q.trim() ? { q: q.trim() } : {}) }
  const found = useApi(`enf:plan-facilities:${plan.id}:${q.trim()}`, (signal) => safetyApi.facilities(query, signal))
  const toggle = (id: number, on: boolean) =>
    setChosen((m) => {
      const next = new Set(m)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })
  return (
    <section aria-labelledby="enf-assign-title">
      <h2 id="enf-assign-title">{t('enf.plan.assign')}</h2>
      <FormShell
        onSubmit={async () => {
          const p = await enforcementApi.assignVisits(plan.id, { facilityIds: [...chosen], plannedOn, assignee: assignee.trim() || null })
          setChosen(new Set())
          setStatus(t('enf.plan.assigned'))
          onDone(p)
        }}
        submitLabel={t('enf.plan.assignSubmit')}
        canSubmit={chosen.size > 0 && isDay(plannedOn)}
        missing={[...(chosen.size ? [] : [t('enf.plan.pick')]), ...(isDay(plannedOn) ? [] : [t('enf.plan.plannedOn')])]}
        status={status}
        aria-label={t('enf.plan.assign')}
      >
        <TextField label={t('enf.plan.search')} value={q} onChange={setQ} type="search" />
        <fieldset className="enf-pick">
          <legend>{chosen.size ? t('enf.plan.picked', { n: chosen.size }) : t('enf.plan.pick')}</legend>
          <Loaded state={found}>
            {(d) =>
              d.items.length ? (
                d.items.map((f) => (
                  <CheckboxField
                    key={f.id}
                    label={`${f.name}${f.address ? ` — ${f.address}` : ''}`}
                    checked={chosen.has(f.id)}
                    onChange={(on) => toggle(f.id, on)}
                  />
                ))
              ) : (
                <p>{t('enf.plan.noFacility')}</p>
              )
            }
          </Loaded>
        </fieldset>
        <DateInput label={t('enf.plan.plannedOn')} value={plannedOn} onChange={setPlannedOn} required />
        <TextField label={t('enf.plan.assignee')} value={assignee} onChange={setAssignee} maxLength={200} />
      </FormShell>
    </section>
  )
}

/** A plan: its team and dates, the visits assigned (to inspect from a phone) and the assignment of more. */
export function PlanPage() {
  const t = useT()
  const { can } = useSession()
  const id = Number(useParams().id)
  const state = useApi(`enf:plan:${id}`, (signal) => enforcementApi.plan(id, signal))
  const [fresh, setFresh] = useState<PlanRecord | null>(null)
  const [removal, setRemoval] = useState<string | null>(null)
  usePageTitle(state.data?.title ?? t('enf.plans.title'))
  if (!can('enforcement:read')) return <NotAllowed />
  return (
    <Loaded state={state}>
      {(loaded) => {
        const p = fresh ?? loaded
        return (
          <>
            <p>
              <Link to="/kiem-tra/ke-hoach">← {t('enf.plans.title')}</Link>
            </p>
            <h1 id="page-title">{p.title}</h1>
            <FactList
              facts={[
                { label: t('enf.plans.teamShort'), value: p.team },
                { label: t('enf.plans.unit'), value: p.unitName },
                { label: t('enf.plans.when'), value: `${day(p.startsOn)} – ${day(p.endsOn)}` },
                p.note ? { label: t('enf.plans.note'), value: p.note } : null,
              ]}
            />
            <DataTable
              caption={t('enf.plan.visits', { done: p.done, n: p.visits.length })}
              rows={p.visits}
              rowKey={(v) => v.id}
              empty={t('enf.plan.noVisits')}
              testId="enf-visits"
              columns={[
                { key: 'on', header: t('enf.plan.plannedOn'), cell: (v) => day(v.plannedOn) },
                { key: 'facility', header: t('enf.col.facility'), cell: (v) => `${v.facilityName}${v.address ? ` — ${v.address}` : ''}` },
                { key: 'who', header: t('enf.plan.assignee'), cell: (v) => v.assignee ?? '—' },
                {
                  key: 'result',
                  header: t('enf.plan.result'),
                  cell: (v) =>
                    v.done ? (
                      t('enf.plan.visited', { date: day(v.visitedOn) })
                    ) : can('enforcement:write') ? (
                      <Link to={`/kiem-tra/co-so/${v.facilityId}?plan=${p.id}`}>{t('enf.plan.inspect')}</Link>
                    ) : (
                      '—'
                    ),
                },
                {
                  key: 'remove',
                  header: '',
                  cell: (v) =>
                    !v.done && can('enforcement:write') ? (
                      <button
                        type="button"
                        className="button-secondary"
                        aria-label={t('enf.plan.removeOne', { name: v.facilityName })}
                        onClick={async () => {
                          if (!window.confirm(t('enf.plan.removeConfirm', { name: v.facilityName }))) return
                          try {
                            setFresh(await enforcementApi.removeVisit(p.id, v.id))
                            setRemoval(t('enf.plan.removed', { name: v.facilityName }))
                          } catch (err) {
                            setRemoval(err instanceof Error ? err.message : String(err))
                          }
                        }}
                      >
                        {t('enf.plan.remove')}
                      </button>
                    ) : null,
                },
              ]}
            />
            <FormStatus message={removal} />
            {can('enforcement:write') && can('safety:read') ? <AssignVisits plan={p} onDone={setFresh} /> : null}
          </>
        )
      }}
    </Loaded>
  )
}
