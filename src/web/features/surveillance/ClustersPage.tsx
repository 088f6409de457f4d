import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { CASE_CLASSIFICATIONS } from '../../../domain/surveillance/codes.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import { formatNumber } from '../../app/format.ts'
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
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { survApi } from './api.ts'
import { day, ListFooter, listQuery, PersonLink, UnitFilter } from './common.tsx'
import { CLUSTER_STATUSES, codeName, codeOptions } from './labels.ts'
import { useDefaultUnit } from './PersonChooser.tsx'

const FIELDS = ['unitCode', 'status'] as const

function NewClusterForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n()
  const [code, setCode] = useState('')
  const [name, setName] = useState('')
  const [unit, setUnit] = useState<PickedUnit | null>(useDefaultUnit())
  const [place, setPlace] = useState('')
  const [openedOn, setOpenedOn] = useState(vnDate(new Date()))
  const missing = [...(code.trim() ? [] : [t('surv.cluster.code')]), ...(name.trim() ? [] : [t('surv.cluster.name')]), ...(unit ? [] : [t('people.unit')])]
  return (
    <FormShell
      onSubmit={async () => {
        await survApi.createCluster({ code: code.trim(), name: name.trim(), unitCode: unit!.code, place: place.trim() || null, openedOn })
        setCode('')
        setName('')
        onDone()
      }}
      submitLabel={t('surv.cluster.create')}
      canSubmit={missing.length === 0}
      missing={missing}
      aria-label={t('surv.cluster.new')}
    >
      <TextField label={t('surv.cluster.code')} value={code} onChange={setCode} maxLength={40} required />
      <TextField label={t('surv.cluster.name')} value={name} onChange={setName} maxLength={200} required />
      <UnitPicker label={t('people.unit')} value={unit} onChange={setUnit} required />
      <TextField label={t('surv.cluster.place')} value={place} onChange={setPlace} maxLength={300} />
      <DateInput label={t('surv.cluster.openedOn')} value={openedOn} onChange={setOpenedOn} required />
    </FormShell>
  )
}

export function ClustersPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('surv.clusters.title'))
  const { can } = useSession()
  const { values, page, key, draft, setField, submit, goToPage } = useListParams(FIELDS)
  const list = useApi(`surv:clusters:${key}`, (signal) => survApi.clusters(listQuery(values, page), signal))
  const [adding, setAdding] = useState(false)
  if (!can('surveillance:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('surv.clusters.title')} />
      <FilterForm onSubmit={submit} submitLabel={t('common.search')} label={t('surv.filter.label')}>
        <UnitFilter value={draft.unitCode} onChange={setField('unitCode')} />
        <SelectField label={t('surv.cluster.status')} value={draft.status} onChange={setField('status')} options={codeOptions(CLUSTER_STATUSES, locale, t('surv.filter.any'))} />
      </FilterForm>
      {can('surveillance:write') ? (
        adding ? (
          <NewClusterForm
            onDone={() => {
              setAdding(false)
              list.reload()
            }}
          />
        ) : (
          <button type="button" className="button-primary" onClick={() => setAdding(true)}>
            {t('surv.cluster.new')}
          </button>
        )
      ) : null}
      <Loaded state={list}>
        {(p) => (
          <>
            <DataTable
              caption={t('surv.clusters.caption')}
              testId="clusters-table"
              rows={p.rows}
              rowKey={(c) => c.id}
              columns={[
                { key: 'code', header: t('surv.cluster.code'), cell: (c) => <Link to={`/surveillance/clusters/${c.id}`}>{c.code}</Link> },
                { key: 'name', header: t('surv.cluster.name'), cell: (c) => c.name },
                { key: 'unit', header: t('people.unit'), cell: (c) => c.unitName },
                { key: 'status', header: t('surv.cluster.status'), cell: (c) => codeName(CLUSTER_STATUSES, c.status, locale) },
                { key: 'cases', header: t('surv.cluster.cases'), cell: (c) => formatNumber(c.caseCount), numeric: true },
                { key: 'first', header: t('surv.cluster.firstCase'), cell: (c) => day(c.firstCaseOn) },
                { key: 'last', header: t('surv.cluster.lastCase'), cell: (c) => day(c.lastCaseOn) },
                { key: 'closes', header: t('surv.cluster.closesOn'), cell: (c) => day(c.closesOn ?? c.closedOn) },
                { key: 'graph', header: '', cell: (c) => <Link to={`/surveillance/graph?clusterId=${c.id}`}>{t('surv.graph.open')}</Link> },
              ]}
            />
            <ListFooter page={page} rows={p.rows.length} total={p.total} onPage={goToPage} />
          </>
        )}
      </Loaded>
    </section>
  )
}

const CASES_PAGE = 100

export function ClusterPage() {
  const { t, locale } = useI18n()
  const { id } = useParams()
  const { can } = useSession()
  const clusterId = Number(id)
  const [page, setPage] = useState(0)
  const cluster = useApi(`surv:cluster:${clusterId}:${page}`, (signal) => survApi.cluster(clusterId, { limit: CASES_PAGE, offset: page * CASES_PAGE }, signal))
  usePageTitle(cluster.data ? `${cluster.data.code} — ${cluster.data.name}` : t('surv.clusters.title'))
  if (!can('surveillance:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/surveillance/clusters">← {t('surv.clusters.title')}</Link>
      </p>
      <Loaded state={cluster}>
        {(c) => (
          <>
            <h1 id="page-title">{`${c.code} — ${c.name}`}</h1>
            <p>
              <Link className="button-primary" to={`/surveillance/graph?clusterId=${c.id}`}>
                {t('surv.graph.open')}
              </Link>
            </p>
            <FactList
              facts={[
                { label: t('people.unit'), value: c.unitName },
                { label: t('surv.cluster.place'), value: c.place ?? '—' },
                { label: t('surv.cluster.status'), value: codeName(CLUSTER_STATUSES, c.status, locale) },
                { label: t('surv.cluster.openedOn'), value: day(c.openedOn) },
                { label: t('surv.cluster.cases'), value: formatNumber(c.caseCount) },
                { label: t('surv.cluster.firstCase'), value: day(c.firstCaseOn) },
                { label: t('surv.cluster.lastCase'), value: day(c.lastCaseOn) },
                { label: t('surv.cluster.closesOn'), value: c.closesOn ? t('surv.cluster.closesText', { date: day(c.closesOn), n: c.closeDays ?? '' }) : day(c.closedOn) },
              ]}
            />
            <DataTable
              caption={t('surv.cluster.caseList')}
              rows={c.cases.rows}
              rowKey={(r) => r.id}
              columns={[
                { key: 'code', header: t('surv.case.code'), cell: (r) => r.code ?? `#${r.id}` },
                { key: 'name', header: t('people.fullName'), cell: (r) => <PersonLink id={r.personId} name={r.fullName} /> },
                { key: 'unit', header: t('people.unit'), cell: (r) => r.unitName },
                { key: 'class', header: t('surv.case.classification'), cell: (r) => codeName(CASE_CLASSIFICATIONS, r.classification, locale) },
                { key: 'day', header: t('surv.cluster.caseDay'), cell: (r) => day(r.caseDay) },
              ]}
            />
            {c.cases.total > CASES_PAGE ? (
              <div className="pager">
                <button type="button" className="button-secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
                  {t('common.previous')}
                </button>
                <button type="button" className="button-secondary" disabled={(page + 1) * CASES_PAGE >= c.cases.total} onClick={() => setPage(page + 1)}>
                  {t('common.next')}
                </button>
              </div>
            ) : null}
          </>
        )}
      </Loaded>
    </section>
  )
}
