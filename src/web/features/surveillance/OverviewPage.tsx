import { lazy, Suspense } from 'react'
import { formatNumber } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { Loaded, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField } from '../../ui/Field.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { type ChildrenMap, unitsApi } from '../units/api.ts'
import { survApi } from './api.ts'
import { day, listQuery } from './common.tsx'
import { TodayNumbers } from './TodayNumbers.tsx'

// chart.js and MapLibre are large: only this screen loads them.
const EpiCurveChart = lazy(() => import('./Charts.tsx'))
const UnknownShareChart = lazy(() => import('./Charts.tsx').then((m) => ({ default: m.UnknownShareChart })))
const IncidenceMap = lazy(() => import('./IncidenceMap.tsx'))

const FIELDS = ['by', 'from', 'to'] as const

/** Giám sát dịch at a glance: today's numbers, the epidemic curve, incidence by commune, unknown sources. */
export function OverviewPage() {
  const t = useT()
  usePageTitle(t('nav.surveillance'))
  const { can } = useSession()
  const { me } = useReadySession()
  const { values, key, draft, setField, submit } = useListParams(FIELDS)
  const range = listQuery({ from: values.from, to: values.to })
  const curve = useApi(`surv:curve:${key}`, (signal) => survApi.curve({ ...range, by: values.by || 'onset' }, signal))
  const incidence = useApi(`surv:incidence:${key}`, (signal) => survApi.incidence(range, signal))
  const share = useApi(`surv:share:${key}`, (signal) => survApi.unknownShare(range, signal))
  const map = useApi(`map:communes:${me.provinceCode}`, () => unitsApi.childrenMap(me.provinceCode))
  if (!can('surveillance:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('nav.surveillance')} actions={can('surveillance:write') ? [{ to: '/surveillance/cases/new', label: t('surv.cases.new') }] : []} />
      <TodayNumbers />
      <FilterForm onSubmit={submit} submitLabel={t('surv.overview.apply')} label={t('surv.overview.period')}>
        <SelectField
          label={t('surv.curve.by')}
          value={draft.by || 'onset'}
          onChange={setField('by')}
          options={[
            { value: 'onset', label: t('surv.case.onsetDate') },
            { value: 'confirmed', label: t('surv.case.confirmedDate') },
          ]}
        />
        <DateInput label={t('surv.filter.from')} value={draft.from} onChange={setField('from')} />
        <DateInput label={t('surv.filter.to')} value={draft.to} onChange={setField('to')} />
      </FilterForm>
      <section className="card" aria-labelledby="curve-title">
        <h2 id="curve-title">{t('surv.curve.title')}</h2>
        <Loaded state={curve}>
          {(c) => (
            <>
              <p className="muted">
                {t('surv.curve.totals', { from: day(c.from), to: day(c.to), n: formatNumber(c.totals.total), imported: formatNumber(c.totals.imported), linked: formatNumber(c.totals.linked), unknown: formatNumber(c.totals.unknown) })}
                {c.withoutOnset ? ` ${t('surv.curve.withoutOnset', { n: formatNumber(c.withoutOnset) })}` : ''}
              </p>
              <Suspense fallback={<Loading />}>
                <EpiCurveChart curve={c} label={t('surv.curve.title')} />
              </Suspense>
            </>
          )}
        </Loaded>
      </section>
      <section className="card" aria-labelledby="incidence-title">
        <h2 id="incidence-title">{t('surv.incidence.title')}</h2>
        <Loaded state={incidence}>
          {(inc) => (
            <>
              <p className="muted">{t('surv.incidence.period', { from: day(inc.from), to: day(inc.to) })}</p>
              {map.data ? (
                <Suspense fallback={<Loading label={t('map.loading')} />}>
                  <IncidenceMap communes={map.data as ChildrenMap} incidence={inc} />
                </Suspense>
              ) : (
                <Loading label={t('map.loading')} />
              )}
              <DataTable
                caption={t('surv.incidence.table')}
                rows={inc.communes.filter((c) => c.cases > 0)}
                rowKey={(c) => c.code}
                empty={t('surv.incidence.none')}
                columns={[
                  { key: 'name', header: t('people.unit'), cell: (c) => c.name, sortValue: (c) => c.name },
                  { key: 'cases', header: t('surv.incidence.cases'), cell: (c) => formatNumber(c.cases), numeric: true, sortValue: (c) => c.cases },
                  { key: 'pop', header: t('home.population'), cell: (c) => formatNumber(c.population), numeric: true },
                  { key: 'rate', header: t('surv.incidence.rate'), cell: (c) => (c.per100k === null ? '—' : formatNumber(c.per100k)), numeric: true, sortValue: (c) => c.per100k },
                ]}
              />
            </>
          )}
        </Loaded>
      </section>
      <section className="card" aria-labelledby="share-title">
        <h2 id="share-title">{t('surv.share.title')}</h2>
        <Loaded state={share}>
          {(s) => (
            <Suspense fallback={<Loading />}>
              <UnknownShareChart data={s} label={t('surv.share.title')} />
            </Suspense>
          )}
        </Loaded>
      </section>
    </section>
  )
}
