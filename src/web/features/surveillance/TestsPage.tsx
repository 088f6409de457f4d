import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { TEST_METHODS } from '../../../domain/surveillance/codes.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { type PoolView, survApi, type TestView } from './api.ts'
import { day, ListFooter, listQuery, PersonLink, UnitFilter } from './common.tsx'
import { codeName, codeOptions, RESULTS, TEST_STATUSES } from './labels.ts'
import { ListExport } from './ListExport.tsx'
import { PoolRetests } from './Pools.tsx'

const FIELDS = ['unitCode', 'from', 'to', 'method', 'result', 'lab'] as const

function useTestColumns() {
  const { t, locale } = useI18n()
  return [
    { key: 'name', header: t('people.fullName'), cell: (r: TestView) => <PersonLink id={r.personId} name={r.fullName} /> },
    { key: 'unit', header: t('people.unit'), cell: (r: TestView) => r.unitName },
    { key: 'method', header: t('surv.test.method'), cell: (r: TestView) => codeName(TEST_METHODS, r.method, locale) },
    { key: 'status', header: t('surv.test.status'), cell: (r: TestView) => codeName(TEST_STATUSES, r.status, locale) },
    { key: 'sample', header: t('surv.test.sampleDate'), cell: (r: TestView) => day(r.sampleDate ?? r.plannedOn) },
    { key: 'resultDate', header: t('surv.test.resultDate'), cell: (r: TestView) => day(r.resultDate) },
    { key: 'result', header: t('surv.test.result'), cell: (r: TestView) => codeName(RESULTS, r.result, locale) },
    { key: 'ct', header: 'Ct', cell: (r: TestView) => r.ct ?? '—', numeric: true },
    { key: 'lab', header: t('surv.test.lab'), cell: (r: TestView) => r.lab || '—' },
    { key: 'pool', header: t('surv.test.pool'), cell: (r: TestView) => (r.poolId ? <Link to={`/surveillance/pools/${r.poolId}`}>{r.poolCode ?? `#${r.poolId}`}</Link> : '—') },
  ]
}

/** Positive results of people who are not cases: each proposes a case, opened from the person's page. */
function Proposals() {
  const { t } = useI18n()
  const columns = useTestColumns()
  const list = useApi('surv:proposals', (signal) => survApi.proposals({ limit: 50 }, signal))
  return (
    <section className="card" aria-labelledby="proposals-title">
      <h2 id="proposals-title">{t('surv.tests.proposals')}</h2>
      <p className="muted">{t('surv.tests.proposalsIntro')}</p>
      <Loaded state={list}>
        {(p) => <DataTable caption={t('surv.tests.proposals')} hideCaption rows={p.rows} rowKey={(r) => r.id} columns={columns} empty={t('surv.tests.noProposals')} />}
      </Loaded>
    </section>
  )
}

export function TestsPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('surv.tests.title'))
  const { can } = useSession()
  const { values, page, key, draft, setField, submit, goToPage } = useListParams(FIELDS)
  const columns = useTestColumns()
  const list = useApi(`surv:tests:${key}`, (signal) => survApi.tests(listQuery(values, page), signal))
  const [poolId, setPoolId] = useState('')
  const navigate = useNavigate()
  if (!can('surveillance:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('surv.tests.title')} />
      <p className="muted">{t('surv.tests.intro')}</p>
      <FilterForm onSubmit={submit} submitLabel={t('common.search')} label={t('surv.filter.label')}>
        <UnitFilter value={draft.unitCode} onChange={setField('unitCode')} />
        <DateInput label={t('surv.filter.sampledFrom')} value={draft.from} onChange={setField('from')} />
        <DateInput label={t('surv.filter.to')} value={draft.to} onChange={setField('to')} />
        <SelectField label={t('surv.test.method')} value={draft.method} onChange={setField('method')} options={codeOptions(TEST_METHODS, locale, t('surv.filter.any'))} />
        <SelectField label={t('surv.test.result')} value={draft.result} onChange={setField('result')} options={codeOptions(RESULTS, locale, t('surv.filter.any'))} />
        <TextField label={t('surv.test.lab')} value={draft.lab} onChange={setField('lab')} />
      </FilterForm>
      <Loaded state={list}>
        {(p) => (
          <>
            <ListExport list="tests" filter={listQuery(values)} total={p.total} capped={!!p.totalCapped} />
            <DataTable caption={t('surv.tests.caption')} testId="tests-table" rows={p.rows} rowKey={(r) => r.id} columns={columns} />
            <ListFooter page={page} rows={p.rows.length} total={p.total} capped={p.totalCapped} onPage={goToPage} />
          </>
        )}
      </Loaded>
      <Proposals />
      <section className="card" aria-labelledby="pool-title">
        <h2 id="pool-title">{t('surv.pool.title')}</h2>
        <p>
          <Link to="/surveillance/pools">{t('surv.pools.link')}</Link>
        </p>
        {can('surveillance:write') ? (
          <p>
            <Link className="button-primary" to="/surveillance/pools/new">
              {t('surv.poolForm.title')}
            </Link>{' '}
            <Link className="button-secondary" to="/surveillance/campaigns">
              {t('surv.campaigns.title')}
            </Link>
          </p>
        ) : null}
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault()
            if (/^\d+$/.test(poolId)) navigate(`/surveillance/pools/${poolId}`)
          }}
        >
          <TextField label={t('surv.pool.number')} value={poolId} onChange={setPoolId} inputMode="numeric" hint={t('surv.pool.numberHint')} />
          <div className="form-actions">
            <button type="submit" className="button-secondary">
              {t('surv.pool.open')}
            </button>
          </div>
        </form>
      </section>
    </section>
  )
}

function PoolResultForm({ pool, onDone }: { pool: PoolView; onDone: () => void }) {
  const { t, locale } = useI18n()
  const [result, setResult] = useState<'positive' | 'negative'>('negative')
  const [resultDate, setResultDate] = useState('')
  return (
    <FormShell
      onSubmit={async () => {
        await survApi.poolResult(pool.id, { result, resultDate })
        onDone()
      }}
      submitLabel={t('surv.pool.saveResult')}
      canSubmit={!!resultDate}
      missing={resultDate ? [] : [t('surv.test.resultDate')]}
    >
      <SelectField
        label={t('surv.test.result')}
        value={result}
        onChange={(v) => setResult(v === 'positive' ? 'positive' : 'negative')}
        options={codeOptions({ negative: RESULTS.negative, positive: RESULTS.positive }, locale)}
      />
      <DateInput label={t('surv.test.resultDate')} value={resultDate} onChange={setResultDate} required />
    </FormShell>
  )
}

/** A pooled sample: its members and, after a positive pool, their individual retests. */
export function PoolPage() {
  const { t, locale } = useI18n()
  const { id } = useParams()
  const { can } = useSession()
  const poolId = Number(id)
  const pool = useApi(`surv:pool:${poolId}`, (signal) => survApi.pool(poolId, signal))
  usePageTitle(pool.data ? t('surv.pool.heading', { code: pool.data.code }) : t('surv.pool.title'))
  if (!can('surveillance:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/surveillance/tests">← {t('surv.tests.title')}</Link>
      </p>
      <Loaded state={pool}>
        {(p) => (
          <>
            <h1 id="page-title">{t('surv.pool.heading', { code: p.code })}</h1>
            <FactList
              facts={[
                { label: t('surv.test.lab'), value: p.lab || '—' },
                { label: t('surv.test.sampleDate'), value: day(p.sampleDate) },
                { label: t('surv.test.result'), value: p.result === 'pending' ? t('surv.pool.pending') : codeName(RESULTS, p.result, locale), testId: 'pool-result' },
                { label: t('surv.test.resultDate'), value: day(p.resultDate) },
                { label: t('surv.tests.campaign'), value: p.campaignName ?? '—' },
              ]}
            />
            {p.result === 'pending' && can('surveillance:write') ? <PoolResultForm pool={p} onDone={pool.reload} /> : null}
            <PoolRetests pool={p} onDone={pool.reload} />
            <DataTable
              caption={t('surv.pool.members')}
              rows={p.members}
              rowKey={(m) => m.testId}
              columns={[
                { key: 'name', header: t('people.fullName'), cell: (m) => <PersonLink id={m.personId} name={m.fullName} /> },
                { key: 'unit', header: t('people.unit'), cell: (m) => m.unitName },
                { key: 'result', header: t('surv.test.result'), cell: (m) => codeName(RESULTS, m.result, locale) },
                {
                  key: 'retest',
                  header: t('surv.pool.retest'),
                  cell: (m) => (m.retest ? `${codeName(TEST_STATUSES, m.retest.status, locale)} ${day(m.retest.plannedOn ?? m.retest.sampleDate)} ${m.retest.result ? codeName(RESULTS, m.retest.result, locale) : ''}` : '—'),
                },
              ]}
            />
          </>
        )}
      </Loaded>
    </section>
  )
}
