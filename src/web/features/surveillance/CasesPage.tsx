import { Link } from 'react-router'
import { CASE_CLASSIFICATIONS, OUTCOMES, SOURCE_KINDS } from '../../../domain/surveillance/codes.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { survApi } from './api.ts'
import { day, ListFooter, listQuery, PersonLink, UnitFilter } from './common.tsx'
import { codeName, codeOptions, SOURCE_SHORT } from './labels.ts'
import { ListExport } from './ListExport.tsx'

const FIELDS = ['unitCode', 'dateField', 'from', 'to', 'classification', 'sourceKind', 'clusterId', 'outcome', 'q', 'sort', 'order'] as const

/** The clusters of the area, for the cluster filter and the case form. */
export function useClusterOptions(empty: string) {
  const clusters = useApi('surv:clusters:options', (signal) => survApi.clusters({ limit: 200 }, signal))
  return [{ value: '', label: empty }, ...(clusters.data?.rows ?? []).map((c) => ({ value: String(c.id), label: `${c.code} — ${c.name}` }))]
}

export function CasesPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('surv.cases.title'))
  const { can } = useSession()
  const { values, page, key, draft, setField, submit, goToPage } = useListParams(FIELDS)
  const clusters = useClusterOptions(t('surv.filter.any'))
  const filter = listQuery(values)
  const list = useApi(`surv:cases:${key}`, (signal) => survApi.cases(listQuery(values, page), signal))
  if (!can('surveillance:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('surv.cases.title')} actions={can('surveillance:write') ? [{ to: '/surveillance/cases/new', label: t('surv.cases.new') }] : []} />
      <FilterForm onSubmit={submit} submitLabel={t('common.search')} label={t('surv.filter.label')}>
        <TextField label={t('surv.filter.name')} type="search" value={draft.q} onChange={setField('q')} />
        <UnitFilter value={draft.unitCode} onChange={setField('unitCode')} />
        <SelectField
          label={t('surv.filter.dateField')}
          value={draft.dateField || 'confirmed'}
          onChange={setField('dateField')}
          options={[
            { value: 'confirmed', label: t('surv.case.confirmedDate') },
            { value: 'onset', label: t('surv.case.onsetDate') },
          ]}
        />
        <DateInput label={t('surv.filter.from')} value={draft.from} onChange={setField('from')} />
        <DateInput label={t('surv.filter.to')} value={draft.to} onChange={setField('to')} />
        <SelectField label={t('surv.case.classification')} value={draft.classification} onChange={setField('classification')} options={codeOptions(CASE_CLASSIFICATIONS, locale, t('surv.filter.any'))} />
        <SelectField label={t('surv.case.source')} value={draft.sourceKind} onChange={setField('sourceKind')} options={codeOptions(SOURCE_KINDS, locale, t('surv.filter.any'))} />
        <SelectField label={t('surv.case.cluster')} value={draft.clusterId} onChange={setField('clusterId')} options={clusters} />
        <SelectField
          label={t('surv.case.outcome')}
          value={draft.outcome}
          onChange={setField('outcome')}
          options={[...codeOptions(OUTCOMES, locale, t('surv.filter.any')), { value: 'none', label: t('surv.case.noOutcome') }]}
        />
        <SelectField
          label={t('surv.filter.sort')}
          value={`${draft.sort || (draft.dateField === 'onset' ? 'onsetDate' : 'confirmedDate')}:${draft.order || 'desc'}`}
          onChange={(v) => {
            const [sort, order] = v.split(':')
            setField('sort')(sort ?? '')
            setField('order')(order ?? '')
          }}
          options={[
            { value: 'confirmedDate:desc', label: t('surv.sort.confirmedDesc') },
            { value: 'confirmedDate:asc', label: t('surv.sort.confirmedAsc') },
            { value: 'onsetDate:desc', label: t('surv.sort.onsetDesc') },
            { value: 'onsetDate:asc', label: t('surv.sort.onsetAsc') },
            { value: 'fullName:asc', label: t('surv.sort.name') },
          ]}
        />
      </FilterForm>
      <Loaded state={list}>
        {(p) => (
          <>
            <ListExport list="cases" filter={filter} total={p.total} capped={!!p.totalCapped} />
            <DataTable
              caption={t('surv.cases.caption')}
              testId="cases-table"
              rows={p.rows}
              rowKey={(r) => r.id}
              columns={[
                { key: 'code', header: t('surv.case.code'), cell: (r) => r.code ?? `#${r.id}` },
                { key: 'name', header: t('people.fullName'), cell: (r) => <PersonLink id={r.personId} name={r.fullName} /> },
                { key: 'born', header: t('people.birthYear'), cell: (r) => r.birthYear ?? '—', numeric: true },
                { key: 'unit', header: t('people.unit'), cell: (r) => r.unitName },
                { key: 'class', header: t('surv.case.classification'), cell: (r) => codeName(CASE_CLASSIFICATIONS, r.classification, locale) },
                { key: 'onset', header: t('surv.case.onsetDate'), cell: (r) => day(r.onsetDate) },
                { key: 'confirmed', header: t('surv.case.confirmedDate'), cell: (r) => day(r.confirmedDate) },
                { key: 'source', header: t('surv.case.source'), cell: (r) => codeName(SOURCE_SHORT, r.sourceKind, locale) + (r.sourceCountry ? ` (${r.sourceCountry})` : '') },
                { key: 'cluster', header: t('surv.case.cluster'), cell: (r) => (r.clusterId ? <Link to={`/surveillance/clusters/${r.clusterId}`}>{r.clusterCode}</Link> : '—') },
                { key: 'outcome', header: t('surv.case.outcome'), cell: (r) => codeName(OUTCOMES, r.outcome, locale) },
              ]}
            />
            <ListFooter page={page} rows={p.rows.length} total={p.total} capped={p.totalCapped} onPage={goToPage} />
          </>
        )}
      </Loaded>
    </section>
  )
}
