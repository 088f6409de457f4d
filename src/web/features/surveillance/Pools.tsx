import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { vnDate } from '../../../domain/text/dates.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { SearchResults, useSearch } from '../../ui/SearchPicker.tsx'
import { type PersonView, peopleApi } from '../people/api.ts'
import { type PoolListRow, type PoolView, survApi } from './api.ts'
import { day, ListFooter, listQuery, PersonLink, UnitFilter } from './common.tsx'
import { codeName, codeOptions, RESULTS, TEST_STATUSES } from './labels.ts'

/** People in one pooled sample. */
export const POOL_SIZE = { min: 2, max: 30 } as const

const describe = (p: PersonView) => `${p.fullName}${p.birthYear ? ` (${p.birthYear})` : ''} — ${p.unitName}`

/** The pool's members, chosen one by one from the registry search. */
function PoolMembers({ value, onChange }: { value: PersonView[]; onChange: (people: PersonView[]) => void }) {
  const { t } = useI18n()
  const [text, setText] = useState('')
  const found = useSearch(text, (q, signal) => peopleApi.list({ q, limit: 10 }, signal))
  const full = value.length >= POOL_SIZE.max
  const chosen = new Set(value.map((p) => p.id))
  return (
    <fieldset className="picker pool-members">
      <legend>
        {t('surv.poolForm.members')} <span className="required">({t('form.required')})</span>
      </legend>
      <p className="picker-value" aria-live="polite" data-testid="pool-member-count">
        {t('surv.poolForm.count', { n: value.length, max: POOL_SIZE.max })}
      </p>
      {value.length > 0 ? (
        <ol className="pool-member-list">
          {value.map((p) => (
            <li key={p.id}>
              {describe(p)}{' '}
              <button type="button" className="button-link" onClick={() => onChange(value.filter((x) => x.id !== p.id))} aria-label={t('surv.poolForm.remove', { name: p.fullName })}>
                {t('surv.poolForm.removeShort')}
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      <label htmlFor="pool-member-search">{t('surv.person.search')}</label>
      <input id="pool-member-search" type="search" value={text} onChange={(e) => setText(e.target.value)} disabled={full} autoComplete="off" />
      {full ? <p className="hint">{t('surv.poolForm.full', { max: POOL_SIZE.max })}</p> : null}
      <SearchResults
        results={found.results?.filter((p) => !chosen.has(p.id)) ?? null}
        itemKey={(p) => p.id}
        describe={describe}
        emptyText={t('common.noRows')}
        onChoose={(p) => {
          onChange([...value, p])
          setText('')
        }}
      />
    </fieldset>
  )
}

/** A new pooled sample: its code, laboratory, sample day, campaign and 2–30 people. */
export function NewPoolPage() {
  const { t } = useI18n()
  usePageTitle(t('surv.poolForm.title'))
  const { can } = useSession()
  const navigate = useNavigate()
  const [code, setCode] = useState('')
  const [lab, setLab] = useState('')
  const [sampleDate, setSampleDate] = useState(vnDate(new Date()))
  const [campaignId, setCampaignId] = useState('')
  const [people, setPeople] = useState<PersonView[]>([])
  const campaigns = useApi(sampleDate ? `surv:campaigns:on:${sampleDate}` : null, (signal) => survApi.campaigns({ activeOn: sampleDate, limit: 200 }, signal))
  if (!can('surveillance:write')) return <NotAllowed />
  const pcrCampaigns = (campaigns.data?.rows ?? []).filter((c) => c.method === 'pcr')
  const missing = [
    ...(code.trim() ? [] : [t('surv.poolForm.code')]),
    ...(lab.trim() ? [] : [t('surv.test.lab')]),
    ...(sampleDate ? [] : [t('surv.test.sampleDate')]),
    ...(people.length >= POOL_SIZE.min ? [] : [t('surv.poolForm.atLeast', { n: POOL_SIZE.min })]),
  ]
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/surveillance/tests">← {t('surv.tests.title')}</Link>
      </p>
      <h1 id="page-title">{t('surv.poolForm.title')}</h1>
      <p className="muted">{t('surv.poolForm.intro')}</p>
      <FormShell
        aria-label={t('surv.poolForm.title')}
        onSubmit={async () => {
          const pool = await survApi.createPool({
            code: code.trim(),
            lab: lab.trim(),
            sampleDate,
            campaignId: campaignId ? Number(campaignId) : null,
            personIds: people.map((p) => p.id),
          })
          navigate(`/surveillance/pools/${pool.id}`)
        }}
        submitLabel={t('surv.poolForm.save')}
        canSubmit={missing.length === 0}
        missing={missing}
      >
        <TextField label={t('surv.poolForm.code')} value={code} onChange={setCode} maxLength={60} required hint={t('surv.poolForm.codeHint')} />
        <TextField label={t('surv.test.lab')} value={lab} onChange={setLab} maxLength={200} required />
        <DateInput label={t('surv.test.sampleDate')} value={sampleDate} onChange={setSampleDate} required />
        <SelectField
          label={t('surv.tests.campaign')}
          value={campaignId}
          onChange={setCampaignId}
          hint={t('surv.poolForm.campaignHint')}
          options={[{ value: '', label: t('surv.poolForm.noCampaign') }, ...pcrCampaigns.map((c) => ({ value: String(c.id), label: `${c.name} — ${c.unitName}` }))]}
        />
        <PoolMembers value={people} onChange={setPeople} />
      </FormShell>
    </section>
  )
}

type Member = PoolView['members'][number]
type Retest = NonNullable<Member['retest']>

/** A retest's sample and, when known, its result. */
function RetestForm({ retest, onDone }: { retest: Retest; onDone: () => void }) {
  const { t, locale } = useI18n()
  const today = vnDate(new Date())
  const [sampleDate, setSampleDate] = useState(retest.sampleDate ?? (retest.plannedOn && retest.plannedOn <= today ? retest.plannedOn : today))
  const [result, setResult] = useState('')
  const [resultDate, setResultDate] = useState(today)
  return (
    <FormShell
      className="form-inline retest-form"
      onSubmit={async () => {
        await survApi.enterResult(retest.id, { sampleDate, ...(result ? { result, resultDate } : {}) })
        onDone()
      }}
      submitLabel={t('surv.retest.save')}
      canSubmit={!!sampleDate && (!result || !!resultDate)}
    >
      <DateInput label={t('surv.test.sampleDate')} value={sampleDate} onChange={setSampleDate} required />
      <SelectField label={t('surv.test.result')} value={result} onChange={setResult} options={codeOptions(RESULTS, locale, t('surv.test.noResultYet'))} />
      {result ? <DateInput label={t('surv.test.resultDate')} value={resultDate} onChange={setResultDate} /> : null}
    </FormShell>
  )
}

/** After a positive pool: each member's individual retest, those still to do first. */
export function PoolRetests({ pool, onDone }: { pool: PoolView; onDone: () => void }) {
  const { t, locale } = useI18n()
  const { can } = useSession()
  const [open, setOpen] = useState<number | null>(null)
  const rows = pool.members
    .filter((m): m is Member & { retest: Retest } => m.retest !== null)
    .sort((a, b) => Number(b.retest.status === 'planned' || b.retest.status === 'sampled') - Number(a.retest.status === 'planned' || a.retest.status === 'sampled'))
  if (rows.length === 0) return null
  const write = can('surveillance:write')
  return (
    <section className="card" aria-labelledby="retests-title" data-testid="pool-retests">
      <h2 id="retests-title">{t('surv.retest.title', { n: pool.retests.open })}</h2>
      <p className="muted">{t('surv.retest.summary', { open: pool.retests.open, positive: pool.retests.positive, negative: pool.retests.negative })}</p>
      <DataTable
        caption={t('surv.retest.caption')}
        hideCaption
        testId="retests-table"
        rows={rows}
        rowKey={(m) => m.retest.id}
        columns={[
          { key: 'name', header: t('people.fullName'), cell: (m) => <PersonLink id={m.personId} name={m.fullName} /> },
          { key: 'unit', header: t('people.unit'), cell: (m) => m.unitName },
          { key: 'planned', header: t('surv.retest.plannedOn'), cell: (m) => day(m.retest.plannedOn) },
          { key: 'status', header: t('surv.test.status'), cell: (m) => codeName(TEST_STATUSES, m.retest.status, locale) },
          { key: 'sample', header: t('surv.test.sampleDate'), cell: (m) => day(m.retest.sampleDate) },
          { key: 'result', header: t('surv.test.result'), cell: (m) => codeName(RESULTS, m.retest.result, locale) },
          {
            key: 'enter',
            header: '',
            cell: (m) =>
              write && (m.retest.status === 'planned' || m.retest.status === 'sampled') ? (
                open === m.retest.id ? (
                  <RetestForm
                    retest={m.retest}
                    onDone={() => {
                      setOpen(null)
                      onDone()
                    }}
                  />
                ) : (
                  <button type="button" className="button-link" onClick={() => setOpen(m.retest.id)} aria-label={t('surv.retest.enterFor', { name: m.fullName })}>
                    {t('surv.retest.enter')}
                  </button>
                )
              ) : null,
          },
        ]}
      />
    </section>
  )
}

const POOL_FIELDS = ['unitCode', 'from', 'to', 'result', 'campaignId'] as const

/** The pools of the area, newest sample first: size, result, and how many members tested positive alone afterwards. */
export function PoolsPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('surv.pools.title'))
  const { can } = useSession()
  const { values, page, key, draft, setField, submit, goToPage } = useListParams(POOL_FIELDS)
  const list = useApi(`surv:pools:${key}`, (signal) => survApi.pools(listQuery(values, page), signal))
  const campaigns = useApi('surv:campaigns:pcr', (signal) => survApi.campaigns({ limit: 200 }, signal))
  if (!can('surveillance:read')) return <NotAllowed />
  const resultName = (r: PoolListRow['result']) => (r === 'pending' ? t('surv.pool.pending') : codeName(RESULTS, r, locale))
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/surveillance/tests">← {t('surv.tests.title')}</Link>
      </p>
      <PageHead title={t('surv.pools.title')} />
      <p className="muted">{t('surv.pools.intro')}</p>
      {can('surveillance:write') ? (
        <p>
          <Link className="button-primary" to="/surveillance/pools/new">
            {t('surv.poolForm.title')}
          </Link>
        </p>
      ) : null}
      <FilterForm onSubmit={submit} submitLabel={t('common.search')} label={t('surv.filter.label')}>
        <UnitFilter value={draft.unitCode} onChange={setField('unitCode')} />
        <DateInput label={t('surv.filter.sampledFrom')} value={draft.from} onChange={setField('from')} />
        <DateInput label={t('surv.filter.to')} value={draft.to} onChange={setField('to')} />
        <SelectField
          label={t('surv.test.result')}
          value={draft.result}
          onChange={setField('result')}
          options={[{ value: '', label: t('surv.filter.any') }, { value: 'pending', label: t('surv.pool.pending') }, ...codeOptions(RESULTS, locale)]}
        />
        <SelectField
          label={t('surv.tests.campaign')}
          value={draft.campaignId}
          onChange={setField('campaignId')}
          options={[
            { value: '', label: t('surv.filter.any') },
            ...(campaigns.data?.rows ?? []).filter((c) => c.method === 'pcr').map((c) => ({ value: String(c.id), label: `${c.name} — ${c.unitName}` })),
          ]}
        />
      </FilterForm>
      <Loaded state={list}>
        {(p) => (
          <>
            <DataTable
              caption={t('surv.pools.caption')}
              testId="pools-table"
              rows={p.rows}
              rowKey={(r) => r.id}
              empty={t('surv.pools.none')}
              columns={[
                { key: 'code', header: t('surv.poolForm.code'), cell: (r: PoolListRow) => <Link to={`/surveillance/pools/${r.id}`}>{r.code}</Link> },
                { key: 'sample', header: t('surv.test.sampleDate'), cell: (r: PoolListRow) => day(r.sampleDate) },
                { key: 'campaign', header: t('surv.tests.campaign'), cell: (r: PoolListRow) => r.campaignName ?? '—' },
                { key: 'unit', header: t('people.unit'), cell: (r: PoolListRow) => r.unitName ?? '—' },
                { key: 'lab', header: t('surv.test.lab'), cell: (r: PoolListRow) => r.lab || '—' },
                { key: 'size', header: t('surv.pools.size'), cell: (r: PoolListRow) => r.size, numeric: true },
                { key: 'result', header: t('surv.test.result'), cell: (r: PoolListRow) => resultName(r.result) },
                { key: 'resultDate', header: t('surv.test.resultDate'), cell: (r: PoolListRow) => day(r.resultDate) },
                { key: 'positive', header: t('surv.pools.membersPositive'), cell: (r: PoolListRow) => (r.result === 'positive' ? r.membersPositive : '—'), numeric: true },
                { key: 'open', header: t('surv.pools.retestsOpen'), cell: (r: PoolListRow) => (r.result === 'positive' ? r.retestsOpen : '—'), numeric: true },
              ]}
            />
            <ListFooter page={page} rows={p.rows.length} total={p.total} capped={p.totalCapped} onPage={goToPage} />
          </>
        )}
      </Loaded>
    </section>
  )
}
