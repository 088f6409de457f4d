import { useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { vnDate } from '../../../domain/text/dates.ts'
import { formatNumber } from '../../app/format.ts'
import { type Translate, useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { day, UnitFilter } from '../surveillance/common.tsx'
import { type InspectionOutcome, enforcementApi } from './api.ts'
import { EmulationTable } from './EmulationTable.tsx'
import './enforcement.css'

const SANCTIONS = ['warning', 'fine', 'suspension', 'other'] as const

const sanctionOptions = (t: Translate) => [
  { value: '', label: t('enf.sanction.none') },
  ...SANCTIONS.map((s) => ({ value: s, label: t(`enf.sanction.${s}`) })),
]

/** The inspection of one facility on a phone: the checklist's items, the team, and a violation if any; `?plan=` records it under a plan. */
export function InspectPage() {
  const t = useT()
  const { can } = useSession()
  const id = Number(useParams().id)
  const planId = Number(useSearchParams()[0].get('plan')) || null
  const state = useApi(`enf:form:${id}`, (signal) => enforcementApi.form(id, signal))
  const plan = useApi(planId ? `enf:plan:${planId}` : null, (signal) => enforcementApi.plan(planId!, signal))
  usePageTitle(state.data ? t('enf.inspect.title', { name: state.data.facility.name }) : t('enf.inspect.titleShort'))
  const [answers, setAnswers] = useState<Record<string, string>>({})
  const [visitedOn, setVisitedOn] = useState(vnDate(new Date()))
  const [inspectors, setInspectors] = useState('')
  const [note, setNote] = useState('')
  const [sanction, setSanction] = useState('')
  const [description, setDescription] = useState('')
  const [legalBasis, setLegalBasis] = useState('Nghị định 117/2020/NĐ-CP')
  const [fine, setFine] = useState('')
  const [outcome, setOutcome] = useState<InspectionOutcome | null>(null)
  if (!can('enforcement:write')) return <NotAllowed />
  return (
    <Loaded state={state}>
      {(f) => {
        const missing = [
          ...(inspectors.trim() ? [] : [t('enf.inspect.team')]),
          ...(f.checklist.items.every((i) => answers[i.id]) ? [] : [t('enf.inspect.answerAll')]),
          ...(sanction && !description.trim() ? [t('enf.inspect.description')] : []),
          ...(sanction === 'fine' && !/^\d+$/.test(fine) ? [t('enf.inspect.fineShort')] : []),
        ]
        return (
          <main className="enf-inspect">
            <h1 id="page-title">{t('enf.inspect.title', { name: f.facility.name })}</h1>
            <p>
              {f.facility.address ? `${f.facility.address}, ` : ''}
              {f.facility.unitName} — {t('enf.inspect.checklist', { name: f.checklist.name })}
            </p>
            {plan.data ? (
              <p>
                <Link to={`/kiem-tra/ke-hoach/${plan.data.id}`}>{t('enf.inspect.plan', { title: plan.data.title })}</Link>
              </p>
            ) : null}
            {outcome ? (
              <section role="status" data-testid="enf-result">
                <p>
                  {t('enf.inspect.result', {
                    band: outcome.result.bandLabel,
                    points: outcome.result.points,
                    max: outcome.result.max,
                    percent: outcome.result.percent,
                    until: day(outcome.result.validUntil),
                  })}
                </p>
                {outcome.violationIds.map((v) => (
                  <p key={v}>
                    <Link to={`/kiem-tra/vi-pham/${v}`}>{t('enf.inspect.violationLink', { id: v })}</Link>
                  </p>
                ))}
              </section>
            ) : (
              <FormShell
                onSubmit={async () => {
                  setOutcome(
                    await enforcementApi.inspect({
                      facilityId: f.facility.id,
                      planId,
                      visitedOn,
                      inspectors: inspectors.trim(),
                      answers,
                      note: note.trim() || null,
                      violations: sanction
                        ? [{ description: description.trim(), legalBasis: legalBasis.trim(), sanction, fineAmount: sanction === 'fine' ? Number(fine) : null }]
                        : [],
                    }),
                  )
                  state.reload()
                }}
                submitLabel={t('enf.inspect.submit')}
                canSubmit={missing.length === 0}
                missing={missing}
                aria-label={t('enf.inspect.form')}
              >
                <DateInput label={t('enf.inspect.date')} value={visitedOn} onChange={setVisitedOn} required />
                <TextField label={t('enf.inspect.team')} value={inspectors} onChange={setInspectors} required maxLength={500} />
                {f.checklist.items.map((i) => (
                  <SelectField
                    key={i.id}
                    label={`${i.critical ? t('enf.inspect.critical') : ''}${i.text}`}
                    value={answers[i.id] ?? ''}
                    onChange={(v) => setAnswers((a) => ({ ...a, [i.id]: v }))}
                    options={[{ value: '', label: t('enf.inspect.choose') }, ...i.options.map((o) => ({ value: o.id, label: o.label }))]}
                  />
                ))}
                <TextAreaField label={t('enf.inspect.note')} value={note} onChange={setNote} maxLength={2000} />
                <SelectField label={t('enf.inspect.sanction')} value={sanction} onChange={setSanction} options={sanctionOptions(t)} />
                {sanction ? (
                  <>
                    <TextAreaField label={t('enf.inspect.description')} value={description} onChange={setDescription} required maxLength={2000} />
                    <TextField label={t('enf.inspect.legalBasis')} value={legalBasis} onChange={setLegalBasis} required maxLength={500} />
                    {sanction === 'fine' ? <TextField label={t('enf.inspect.fine')} value={fine} onChange={setFine} inputMode="numeric" required /> : null}
                  </>
                ) : null}
              </FormShell>
            )}
          </main>
        )
      }}
    </Loaded>
  )
}

const sanctionText = (t: Translate, v: { sanction: string; fineAmount: number | null }) =>
  `${t(`enf.sanction.${v.sanction as (typeof SANCTIONS)[number]}`)}${v.fineAmount ? `: ${t('enf.money', { n: formatNumber(v.fineAmount) })}` : ''}`

/** Violations of an area (open first, by due date) and the emulation count per body. */
export function EnforcementPage() {
  const t = useT()
  const { can } = useSession()
  usePageTitle(t('enf.title'))
  const list = useListParams(['unit'] as const)
  const unit = list.values.unit
  const q = unit ? { unit, limit: 200 } : { limit: 200 }
  const violations = useApi(`enf:violations:${list.key}`, (signal) => enforcementApi.violations(q, signal))
  if (!can('enforcement:read')) return <NotAllowed />
  return (
    <>
      <PageHead
        title={t('enf.title')}
        actions={[
          { to: '/kiem-tra/ke-hoach', label: t('enf.nav.plans') },
          { to: '/kiem-tra/khen-thuong', label: t('enf.nav.recognitions') },
        ]}
      />
      <FilterForm onSubmit={list.submit} submitLabel={t('enf.show')}>
        <UnitFilter value={list.draft.unit} onChange={list.setField('unit')} />
      </FilterForm>
      <Loaded state={violations}>
        {(d) => (
          <DataTable
            caption={t('enf.violations.caption', { n: formatNumber(d.total) })}
            rows={d.violations}
            rowKey={(v) => v.id}
            empty={t('enf.violations.none')}
            testId="enf-violations"
            columns={[
              { key: 'facility', header: t('enf.col.facility'), cell: (v) => <Link to={`/kiem-tra/vi-pham/${v.id}`}>{v.facilityName}</Link> },
              { key: 'what', header: t('enf.col.what'), cell: (v) => v.description },
              { key: 'who', header: t('enf.col.who'), cell: (v) => v.responsibleName },
              { key: 'sanction', header: t('enf.col.sanction'), cell: (v) => sanctionText(t, v) },
              { key: 'due', header: t('enf.col.due'), cell: (v) => (v.dueOn ? day(v.dueOn) : '—') },
              { key: 'status', header: t('enf.col.status'), cell: (v) => (v.status === 'open' ? t('enf.status.open') : t('enf.status.closedOn', { date: v.closedOn ? day(v.closedOn) : '' })) },
            ]}
          />
        )}
      </Loaded>
      <EmulationTable unit={unit} />
    </>
  )
}

/** A violation and its follow-up until closed. */
export function ViolationPage() {
  const t = useT()
  const { can } = useSession()
  const id = Number(useParams().id)
  const state = useApi(`enf:violation:${id}`, (signal) => enforcementApi.violation(id, signal))
  usePageTitle(t('enf.violation.title', { id }))
  const [on, setOn] = useState(vnDate(new Date()))
  const [note, setNote] = useState('')
  const [closes, setCloses] = useState(false)
  if (!can('enforcement:read')) return <NotAllowed />
  return (
    <Loaded state={state}>
      {(v) => (
        <>
          <p>
            <Link to="/kiem-tra">{t('enf.back')}</Link>
          </p>
          <h1 id="page-title">{t('enf.violation.at', { name: v.facilityName })}</h1>
          <FactList
            facts={[
              { label: t('enf.col.status'), value: v.status === 'open' ? t('enf.status.open') : t('enf.status.closed'), testId: 'enf-status' },
              { label: t('enf.col.what'), value: v.description },
              { label: t('enf.inspect.legalBasis'), value: v.legalBasis },
              { label: t('enf.violation.head'), value: `${v.responsibleName}${v.responsibleTitle ? `, ${v.responsibleTitle}` : ''}` },
              { label: t('enf.violation.sanction'), value: `${sanctionText(t, v)}${v.sanctionNote ? ` — ${v.sanctionNote}` : ''}` },
              v.dueOn ? { label: t('enf.col.due'), value: day(v.dueOn) } : null,
            ]}
          />
          <DataTable
            caption={t('enf.violation.followups')}
            rows={v.followups}
            rowKey={(x) => x.id}
            empty={t('enf.violation.none')}
            columns={[
              { key: 'on', header: t('enf.violation.on'), cell: (x) => day(x.onDate) },
              { key: 'note', header: t('enf.violation.note'), cell: (x) => `${x.note}${x.closes ? t('enf.violation.ends') : ''}` },
            ]}
          />
          {v.status === 'open' && can('enforcement:write') ? (
            <FormShell
              onSubmit={async () => {
                await enforcementApi.followUp(v.id, { on, note: note.trim(), closes })
                setNote('')
                setCloses(false)
                state.reload()
              }}
              submitLabel={t('enf.violation.submit')}
              canSubmit={note.trim() !== ''}
              missing={[t('enf.violation.note')]}
              aria-label={t('enf.violation.followups')}
            >
              <DateInput label={t('enf.violation.on')} value={on} onChange={setOn} required />
              <TextAreaField label={t('enf.violation.note')} value={note} onChange={setNote} required maxLength={2000} />
              <CheckboxField label={t('enf.violation.closes')} checked={closes} onChange={setCloses} />
            </FormShell>
          ) : null}
        </>
      )}
    </Loaded>
  )
}
