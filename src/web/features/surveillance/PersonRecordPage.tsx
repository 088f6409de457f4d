import { Fragment, useState } from 'react'
import { Link, useParams } from 'react-router'
import {
  CASE_CLASSIFICATIONS,
  EXPOSURE_SETTINGS,
  FOLLOWUP_STATUSES,
  FOUND_BY,
  OUTCOMES,
  SEVERITIES,
  SOURCE_CLASSIFICATIONS,
  SOURCE_KINDS,
  SYMPTOMS,
  TEST_METHODS,
} from '../../../domain/surveillance/codes.ts'
import { ApiError } from '../../app/api.ts'
import { formatNumber } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { ErrorMessage, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { type PersonRecord, survApi } from './api.ts'
import { DegreeBadge, day, PersonLink } from './common.tsx'
import { codeName, RESULTS, TEST_STATUSES } from './labels.ts'
import { CheckForm, ConvertButton, ExposureForm, ResultForm, StartFollowupButton, TestForm } from './QuickForms.tsx'

type Step = NonNullable<PersonRecord['degree']>['path'][number]

/** The path that gives the degree, drawn from the F0 to this person: F0 → F1 → … → Fn. */
export function DegreePath({ path }: { path: Step[] }) {
  const { t } = useI18n()
  const fromSource = [...path].reverse()
  return (
    <ol className="degree-path" data-testid="degree-path" aria-label={t('surv.person.path')}>
      {fromSource.map((s, i) => (
        <Fragment key={`${s.degree}-${s.personId ?? i}`}>
          {i > 0 ? (
            <li className="degree-path-link" aria-hidden="true">
              → <span className="muted">{day(s.exposedOn)}</span>
            </li>
          ) : null}
          <li className="degree-path-step">
            <DegreeBadge degree={s.degree} /> <PersonLink id={s.personId} name={s.name} />
          </li>
        </Fragment>
      ))}
    </ol>
  )
}

function CaseBlock({ c }: { c: NonNullable<PersonRecord['case']> }) {
  const { t, locale } = useI18n()
  return (
    <FactList
      facts={[
        { label: t('surv.case.code'), value: c.code ?? `#${c.id}` },
        { label: t('surv.case.classification'), value: codeName(CASE_CLASSIFICATIONS, c.classification, locale), testId: 'case-classification' },
        { label: t('surv.case.onsetDate'), value: day(c.onsetDate) },
        { label: t('surv.case.sampleDate'), value: day(c.sampleDate) },
        { label: t('surv.case.confirmedDate'), value: day(c.confirmedDate) },
        { label: t('surv.case.isolatedOn'), value: day(c.isolatedOn) },
        { label: t('surv.case.foundBy'), value: codeName(FOUND_BY, c.foundBy, locale) },
        {
          label: t('surv.case.source'),
          value: (
            <>
              {codeName(SOURCE_KINDS, c.sourceKind, locale)}
              {c.sourceCountry ? ` — ${c.sourceCountry}` : ''}
              {c.sourceTravel ? ` (${c.sourceTravel})` : ''}
              {c.sourceCase ? (
                <>
                  {' — '}
                  {t('surv.case.fromCase')} {c.sourceCase.code ?? `#${c.sourceCase.id}`} {c.sourceCase.name}
                </>
              ) : null}
            </>
          ),
        },
        { label: t('surv.case.cluster'), value: c.cluster ? <Link to={`/surveillance/clusters/${c.cluster.id}`}>{`${c.cluster.code} — ${c.cluster.name}`}</Link> : '—' },
        { label: t('surv.case.symptoms'), value: c.symptoms.length ? c.symptoms.map((s) => codeName(SYMPTOMS, s, locale)).join(', ') : '—' },
        { label: t('surv.case.severity'), value: codeName(SEVERITIES, c.severity, locale) },
        { label: t('surv.case.outcome'), value: c.outcome ? `${codeName(OUTCOMES, c.outcome, locale)} (${day(c.outcomeDate)})` : '—' },
        { label: t('surv.case.isolationPlace'), value: c.isolationPlace ?? '—' },
        { label: t('surv.case.window'), value: c.isSource ? t('surv.case.windowText', { from: day(c.windowFrom), to: c.windowTo ? day(c.windowTo) : t('surv.case.open') }) : t('surv.case.notSource') },
      ]}
    />
  )
}

type Exposure = PersonRecord['exposures']['asContact'][number]

function ExposureTable({ rows, total, caption, otherHeader }: { rows: Exposure[]; total: number; caption: string; otherHeader: string }) {
  const { t, locale } = useI18n()
  return (
    <>
      <DataTable
        caption={`${caption} (${formatNumber(total)})`}
        rows={rows}
        rowKey={(e) => e.id}
        empty={t('surv.exposure.none')}
        columns={[
          { key: 'other', header: otherHeader, cell: (e) => <PersonLink id={e.otherPersonId} name={e.otherName} /> },
          { key: 'degree', header: t('surv.contact.degree'), cell: (e) => <DegreeBadge degree={e.otherIsSource ? 0 : e.otherDegree} /> },
          { key: 'date', header: t('surv.exposure.date'), cell: (e) => day(e.exposedOn) },
          { key: 'setting', header: t('surv.exposure.setting'), cell: (e) => codeName(EXPOSURE_SETTINGS, e.setting, locale) },
          { key: 'place', header: t('surv.exposure.place'), cell: (e) => e.place ?? '—' },
        ]}
      />
      {total > rows.length ? <p className="muted">{t('surv.exposure.more', { n: formatNumber(total - rows.length) })}</p> : null}
    </>
  )
}

/** Everything surveillance knows of one person, and the quick actions on it. */
export function PersonRecordPage() {
  const { t, locale } = useI18n()
  const { id } = useParams()
  const { can } = useSession()
  const personId = id && /^\d+$/.test(id) ? Number(id) : null
  const record = useApi(personId ? `surv:person:${personId}` : null, (signal) => survApi.person(personId!, signal))
  const [open, setOpen] = useState<'exposure' | 'test' | null>(null)
  usePageTitle(record.data?.person.fullName ?? t('surv.person.title'))
  if (!can('surveillance:read')) return <NotAllowed />
  const denied = personId === null || (record.error instanceof ApiError && (record.error.status === 404 || record.error.status === 403))
  const r = record.data
  const write = can('surveillance:write')
  const isCase = !!r?.case && SOURCE_CLASSIFICATIONS.includes(r.case.classification) && !r.case.outcome
  const activeFollowup = r?.followups.find((f) => f.status === 'active') ?? null
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/surveillance/cases">← {t('surv.cases.title')}</Link> · <Link to="/surveillance/contacts">{t('surv.contacts.title')}</Link>
      </p>
      <h1 id="page-title">
        {r?.person.fullName ?? t('surv.person.title')} {r ? <DegreeBadge degree={isCase ? 0 : (r.degree?.degree ?? null)} /> : null}
      </h1>
      {record.loading && !r ? <Loading /> : null}
      {denied ? (
        <div className="alert alert-warning" role="alert">
          <p>{t('people.denied')}</p>
        </div>
      ) : (
        <ErrorMessage error={record.error} />
      )}
      {r ? (
        <>
          <div className="button-row person-actions">
            {write && !isCase ? <ConvertButton personId={r.person.id} onDone={record.reload} /> : null}
            {write && !isCase && r.degree && !activeFollowup ? <StartFollowupButton personId={r.person.id} onDone={record.reload} /> : null}
            <Link className="button-secondary" to={`/surveillance/graph?personId=${r.person.id}`}>
              {t('surv.graph.openChain')}
            </Link>
            <Link className="button-secondary" to={`/people/${r.person.id}`}>
              {t('surv.person.registry')}
            </Link>
          </div>
          <section className="card" aria-labelledby="person-facts">
            <h2 id="person-facts">{t('surv.person.identity')}</h2>
            <FactList
              compact
              facts={[
                { label: t('people.birthYear'), value: r.person.birthYear ?? '—' },
                { label: t('people.sex'), value: r.person.sex === 'male' || r.person.sex === 'female' || r.person.sex === 'other' ? t(`people.sex.${r.person.sex}`) : '—' },
                { label: t('people.phone'), value: r.person.phone ?? '—' },
                { label: t('people.unit'), value: r.person.unitName },
                { label: t('people.address'), value: r.person.address ?? '—' },
              ]}
            />
          </section>
          <section className="card" aria-labelledby="person-degree">
            <h2 id="person-degree">{t('surv.person.degree')}</h2>
            {isCase ? (
              <p data-testid="person-degree">{t('surv.person.isCase')}</p>
            ) : r.degree ? (
              <>
                <p data-testid="person-degree">{t('surv.person.degreeText', { degree: `F${r.degree.degree}` })}</p>
                <DegreePath path={r.degree.path} />
              </>
            ) : (
              <p data-testid="person-degree">{t('surv.person.noDegree')}</p>
            )}
          </section>
          <section className="card" aria-labelledby="person-case">
            <h2 id="person-case">{t('surv.person.case')}</h2>
            {r.case ? <CaseBlock c={r.case} /> : <p>{t('surv.person.noCase')}</p>}
          </section>
          <section className="card" aria-labelledby="person-exposures">
            <h2 id="person-exposures">{t('surv.person.exposures')}</h2>
            <ExposureTable rows={r.exposures.asSource} total={r.exposures.asSourceTotal} caption={t('surv.exposure.asSource')} otherHeader={t('surv.exposure.contact')} />
            <ExposureTable rows={r.exposures.asContact} total={r.exposures.asContactTotal} caption={t('surv.exposure.asContact')} otherHeader={t('surv.exposure.source')} />
            {write ? (
              open === 'exposure' ? (
                <ExposureForm sourcePersonId={r.person.id} onDone={record.reload} />
              ) : (
                <button type="button" className="button-primary" onClick={() => setOpen('exposure')}>
                  {t('surv.exposure.add')}
                </button>
              )
            ) : null}
          </section>
          <section className="card" aria-labelledby="person-tests">
            <h2 id="person-tests">{t('surv.person.tests')}</h2>
            <DataTable
              caption={t('surv.person.tests')}
              hideCaption
              rows={r.tests}
              rowKey={(x) => x.id}
              empty={t('surv.test.none')}
              columns={[
                { key: 'method', header: t('surv.test.method'), cell: (x) => codeName(TEST_METHODS, x.method, locale) },
                { key: 'status', header: t('surv.test.status'), cell: (x) => codeName(TEST_STATUSES, x.status, locale) },
                { key: 'sample', header: t('surv.test.sampleDate'), cell: (x) => day(x.sampleDate ?? x.plannedOn) },
                { key: 'result', header: t('surv.test.result'), cell: (x) => codeName(RESULTS, x.result, locale) },
                { key: 'resultDate', header: t('surv.test.resultDate'), cell: (x) => day(x.resultDate) },
                { key: 'ct', header: 'Ct', cell: (x) => x.ct ?? '—', numeric: true },
                { key: 'lab', header: t('surv.test.lab'), cell: (x) => x.lab || '—' },
                {
                  key: 'enter',
                  header: '',
                  cell: (x) => (write && x.status === 'sampled' ? <ResultForm testId={x.id} onDone={record.reload} /> : null),
                },
              ]}
            />
            {write ? (
              open === 'test' ? (
                <TestForm personId={r.person.id} onDone={record.reload} />
              ) : (
                <button type="button" className="button-secondary" onClick={() => setOpen('test')}>
                  {t('surv.test.add')}
                </button>
              )
            ) : null}
          </section>
          <section className="card" aria-labelledby="person-followups">
            <h2 id="person-followups">{t('surv.person.followups')}</h2>
            {r.followups.length === 0 ? <p>{t('surv.followup.noneYet')}</p> : null}
            {r.followups.map((f) => (
              <div key={f.id} className="followup">
                <p>
                  <strong>{codeName(FOLLOWUP_STATUSES, f.status, locale)}</strong> — {t('surv.followup.period', { from: day(f.startedOn), to: day(f.until) })}
                  {f.tracerName ? ` · ${t('surv.followup.tracer')}: ${f.tracerName}` : ''}
                </p>
                <DataTable
                  caption={t('surv.check.list')}
                  hideCaption
                  rows={f.checks}
                  rowKey={(k) => k.id}
                  empty={t('surv.check.none')}
                  columns={[
                    { key: 'day', header: t('surv.check.date'), cell: (k) => day(k.checkedOn) },
                    { key: 'temp', header: t('surv.check.temperature'), cell: (k) => (k.temperature === null ? '—' : `${k.temperature} °C`), numeric: true },
                    { key: 'symptoms', header: t('surv.case.symptoms'), cell: (k) => (k.symptoms.length ? k.symptoms.map((s) => codeName(SYMPTOMS, s, locale)).join(', ') : '—') },
                    { key: 'by', header: t('surv.check.by'), cell: (k) => k.checkedByName ?? '—' },
                  ]}
                />
                {write && f.status === 'active' ? <CheckForm followupId={f.id} onDone={record.reload} /> : null}
              </div>
            ))}
          </section>
        </>
      ) : null}
    </section>
  )
}
