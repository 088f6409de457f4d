import { lazy, Suspense } from 'react'
import { Link } from 'react-router'
import { ZONE_KINDS } from '../../../domain/surveillance/zones.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField } from '../../ui/Field.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { type ChildrenMap, unitsApi } from '../units/api.ts'
import { survApi } from './api.ts'
import { day, listQuery, UnitFilter } from './common.tsx'
import { codeName, codeOptions } from './labels.ts'

const ZonesMap = lazy(() => import('./ZonesMap.tsx'))
const FIELDS = ['activeOn', 'unitCode', 'kind'] as const

/** Ring-fenced, locked-down and medically isolated areas in force on a day, on the map and in a table. */
export function ZonesPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('surv.zones.title'))
  const { can } = useSession()
  const { me } = useReadySession()
  const { values, key, draft, setField, submit } = useListParams(FIELDS)
  const zones = useApi(`surv:zones:${key}`, (signal) => survApi.zones(listQuery(values), signal))
  const map = useApi(`map:communes:${me.provinceCode}`, () => unitsApi.childrenMap(me.provinceCode))
  if (!can('surveillance:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('surv.zones.title')} />
      <FilterForm onSubmit={submit} submitLabel={t('common.search')} label={t('surv.filter.label')}>
        <DateInput label={t('surv.zones.activeOn')} value={draft.activeOn} onChange={setField('activeOn')} />
        <UnitFilter value={draft.unitCode} onChange={setField('unitCode')} />
        <SelectField label={t('surv.zones.kind')} value={draft.kind} onChange={setField('kind')} options={codeOptions(ZONE_KINDS, locale, t('surv.filter.any'))} />
      </FilterForm>
      <Loaded state={zones}>
        {(z) => (
          <>
            <p className="muted">{t('surv.zones.asOf', { date: day(z.activeOn), n: z.zones.length })}</p>
            {z.truncated ? <p className="alert alert-warning">{t('surv.zones.truncated')}</p> : null}
            {map.data ? (
              <Suspense fallback={<Loading label={t('map.loading')} />}>
                <ZonesMap communes={map.data as ChildrenMap} zones={z} />
              </Suspense>
            ) : (
              <Loading label={t('map.loading')} />
            )}
            <DataTable
              caption={t('surv.zones.table')}
              testId="zones-table"
              rows={z.zones}
              rowKey={(r) => r.id}
              empty={t('surv.zones.none')}
              columns={[
                { key: 'name', header: t('surv.zones.name'), cell: (r) => r.name },
                { key: 'kind', header: t('surv.zones.kind'), cell: (r) => codeName(ZONE_KINDS, r.kind, locale) },
                { key: 'unit', header: t('surv.zones.decidedBy'), cell: (r) => r.unitName },
                { key: 'covers', header: t('surv.zones.covers'), cell: (r) => [r.drawn ? t('surv.zones.drawn') : null, ...r.units.map((u) => u.name)].filter(Boolean).join(', ') },
                { key: 'from', header: t('surv.zones.startsOn'), cell: (r) => day(r.startsOn) },
                { key: 'to', header: t('surv.zones.endsOn'), cell: (r) => day(r.endsOn) },
                { key: 'measures', header: t('surv.zones.measures'), cell: (r) => r.measures ?? '—' },
                { key: 'cluster', header: t('surv.case.cluster'), cell: (r) => (r.clusterId ? <Link to={`/surveillance/clusters/${r.clusterId}`}>{r.clusterCode}</Link> : '—') },
              ]}
            />
          </>
        )}
      </Loaded>
    </section>
  )
}
