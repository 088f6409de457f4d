import { lazy, Suspense } from 'react'
import { formatNumber } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { codeOfUnitId, useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField } from '../../ui/Field.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { day, listQuery, UnitFilter } from '../surveillance/common.tsx'
import { analyticsApi, type CommunesRt, type UnitRt } from './api.ts'
import { DailyReportButtons } from './DailyReport.tsx'
import './analytics.css'

// chart.js is large: only this screen loads it.
const RtChart = lazy(() => import('./Charts.tsx'))
const SeriesChart = lazy(() => import('./Charts.tsx').then((m) => ({ default: m.SeriesChart })))

const FIELDS = ['unitCode', 'by', 'from', 'to'] as const
const CONFIDENCE = { verified: 'an.confidence.verified', secondary: 'an.confidence.secondary', unverified: 'an.confidence.unverified' } as const

const r2 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }))
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`)

/** Phân tích dịch: R(t) with its credible band, 7-day incidence per 100,000, positivity and doubling time for a unit. */
export function AnalyticsPage() {
  const t = useT()
  usePageTitle(t('nav.analytics'))
  const { can } = useSession()
  const { me } = useReadySession()
  const { values, key, draft, setField, submit } = useListParams(FIELDS)
  const unit = values.unitCode ? { unit: values.unitCode } : {}
  const range = listQuery({ from: values.from, to: values.to })
  const rt = useApi(`analytics:rt:${key}`, (signal) => analyticsApi.rt({ ...unit, ...range, by: values.by || 'confirmed' }, signal))
  const indicators = useApi(`analytics:indicators:${key}`, (signal) => analyticsApi.indicators({ ...unit, ...range }, signal))
  const communes = useApi(`analytics:communes:${key}`, (signal) => analyticsApi.communes({ ...unit, ...range, by: values.by || 'confirmed' }, signal))
  if (!can('analytics:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('nav.analytics')} />
      <FilterForm onSubmit={submit} submitLabel={t('an.apply')} label={t('an.filters')}>
        <UnitFilter value={draft.unitCode} onChange={setField('unitCode')} />
        <SelectField
          label={t('an.by')}
          value={draft.by || 'confirmed'}
          onChange={setField('by')}
          options={[
            { value: 'confirmed', label: t('an.by.confirmed') },
            { value: 'onset', label: t('an.by.onset') },
          ]}
        />
        <DateInput label={t('an.from')} value={draft.from} onChange={setField('from')} />
        <DateInput label={t('an.to')} value={draft.to} onChange={setField('to')} />
      </FilterForm>
      <DailyReportButtons unit={values.unitCode || codeOfUnitId(me.user.unitId)} />

      <section className="card" aria-labelledby="rt-title">
        <h2 id="rt-title">{t('an.rt.title')}</h2>
        <Loaded state={rt}>{(r) => <RtSection r={r} />}</Loaded>
      </section>

      <Loaded state={indicators}>
        {(ind) => {
          const last = ind.days.at(-1)
          return (
            <>
              <section className="card" aria-labelledby="incidence-title">
                <h2 id="incidence-title">{t('an.incidence.title')}</h2>
                <p className="muted" data-testid="incidence-summary">
                  {ind.population
                    ? t('an.incidence.summary', { unit: ind.unit?.name ?? t('an.area'), population: formatNumber(ind.population), year: String(ind.populationYear ?? '—'), value: r2(last?.incidence7dPer100k), cases: formatNumber(last?.cases7d ?? 0), date: day(last?.date) })
                    : t('an.incidence.noPopulation')}
                </p>
                {last && last.doublingTime !== null ? (
                  <p data-testid="doubling">{last.doublingTime > 0 ? t('an.doubling', { days: r2(last.doublingTime) }) : t('an.halving', { days: r2(-last.doublingTime) })}</p>
                ) : null}
                <Suspense fallback={<Loading />}>
                  <SeriesChart days={ind.days} pick={(d) => d.incidence7dPer100k} label={t('an.incidence.title')} color="incidence" testId="incidence-chart" />
                </Suspense>
              </section>
              <section className="card" aria-labelledby="positivity-title">
                <h2 id="positivity-title">{t('an.positivity.title')}</h2>
                <p className="muted" data-testid="positivity-summary">
                  {t('an.positivity.summary', { value: pct(last?.positivity7d), date: day(last?.date) })}
                </p>
                <Suspense fallback={<Loading />}>
                  <SeriesChart
                    days={ind.days}
                    pick={(d) => (d.positivity7d === null ? null : Math.round(d.positivity7d * 1000) / 10)}
                    label={t('an.positivity.title')}
                    color="positivity"
                    testId="positivity-chart"
                    percent
                  />
                </Suspense>
              </section>
            </>
          )
        }}
      </Loaded>

      <section className="card" aria-labelledby="communes-title">
        <h2 id="communes-title">{t('an.communes.title')}</h2>
        <Loaded state={communes}>{(c) => <CommunesTable data={c} />}</Loaded>
      </section>
    </section>
  )
}

function RtSection({ r }: { r: UnitRt }) {
  const t = useT()
  const last = r.windows.at(-1)
  const si = r.serialInterval
  return (
    <>
      {last ? (
        <p className="rt-latest" data-testid="rt-latest">
          {t('an.rt.latest', { from: day(last.dateStart), to: day(last.dateEnd), mean: r2(last.mean), lower: r2(last.quantiles['0.025']), upper: r2(last.quantiles['0.975']) })}{' '}
          <strong>{last.quantiles['0.025'] > 1 ? t('an.rt.growing') : last.quantiles['0.975'] < 1 ? t('an.rt.declining') : t('an.rt.uncertain')}</strong>
        </p>
      ) : (
        <p>{t('an.rt.none')}</p>
      )}
      <p className="muted">
        {t('an.rt.method', { window: String(r.window), by: r.by === 'onset' ? t('an.by.onset') : t('an.by.confirmed') })}{' '}
        {t('an.rt.si', { mean: r2(si.meanDays), sd: r2(si.sdDays), source: si.source, since: day(si.validFrom), who: si.unitName ?? t('an.rt.national') })}{' '}
        <span className={`confidence confidence-${si.confidence}`}>{t(CONFIDENCE[si.confidence])}</span>
      </p>
      {r.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      {r.windows.length > 0 ? (
        <Suspense fallback={<Loading />}>
          <RtChart windows={r.windows} labels={{ title: t('an.rt.title'), mean: t('an.rt.mean'), band: t('an.rt.band'), threshold: t('an.rt.threshold') }} />
        </Suspense>
      ) : null}
    </>
  )
}

function CommunesTable({ data }: { data: CommunesRt }) {
  const t = useT()
  return (
    <DataTable
      caption={t('an.communes.caption', { from: day(data.from), to: day(data.to), window: String(data.window) })}
      testId="communes-rt"
      rows={data.communes}
      rowKey={(c) => c.code}
      columns={[
        { key: 'name', header: t('an.communes.name'), cell: (c) => c.name, sortValue: (c) => c.name },
        { key: 'cases', header: t('an.communes.cases'), cell: (c) => formatNumber(c.cases), numeric: true, sortValue: (c) => c.cases },
        // Without local cases in the window the estimate is only the prior: not shown.
        { key: 'mean', header: t('an.communes.mean'), cell: (c) => (c.latest?.localCases ? r2(c.latest.mean) : t('an.communes.few')), numeric: true, sortValue: (c) => (c.latest?.localCases ? c.latest.mean : null) },
        {
          key: 'interval',
          header: t('an.communes.interval'),
          cell: (c) => (c.latest?.localCases ? `${r2(c.latest.lower)} – ${r2(c.latest.upper)}` : '—'),
          numeric: true,
          sortValue: (c) => (c.latest?.localCases ? c.latest.lower : null),
        },
      ]}
    />
  )
}
