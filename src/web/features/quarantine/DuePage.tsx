import { Link } from 'react-router'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { day, UnitFilter } from '../surveillance/common.tsx'
import { type Placement, type PlacementListed, quarantineApi } from './api.ts'

const FIELDS = ['unit'] as const

function DueList({ list, unit }: { list: 'release' | 'testing'; unit: string }) {
  const { t } = useI18n()
  const state = useApi(`q:due:${list}:${unit}`, (signal) => quarantineApi.due(unit ? { list, unit, limit: 500 } : { list, limit: 500 }, signal))
  return (
    <Loaded state={state}>
      {(d) => (
        <DataTable<Placement>
          caption={t(list === 'release' ? 'q.due.release' : 'q.due.testing', { date: day(d.date) })}
          rows={d.placements}
          rowKey={(p) => p.id}
          empty={t('q.none')}
          testId={`q-due-${list}`}
          columns={[
            { key: 'name', header: t('q.person'), cell: (p) => <Link to={`/quarantine/placements/${p.id}`}>{p.person.fullName}</Link> },
            { key: 'where', header: t('q.setting'), cell: (p) => (p.facility ? `${p.facility.name}${p.room ? `, ${p.room.name}` : ''}` : `${t('q.setting.home')} — ${p.unitName}`) },
            { key: 'start', header: t('q.place.start'), cell: (p) => day(p.startOn) },
            { key: 'end', header: t('q.plannedEnd'), cell: (p) => day(p.plannedEnd) },
            { key: 'rule', header: t('q.rule'), cell: (p) => p.rule.name },
          ]}
        />
      )}
    </Loaded>
  )
}

/** People released into medical monitoring: until when, their latest daily check, and whether today's is still due. */
function MonitoringList({ unit }: { unit: string }) {
  const { t } = useI18n()
  const state = useApi(`q:monitoring:${unit}`, (signal) =>
    quarantineApi.placements(unit ? { status: 'monitoring', unitCode: unit, limit: 500 } : { status: 'monitoring', limit: 500 }, signal),
  )
  return (
    <Loaded state={state}>
      {(d) => (
        <>
          <DataTable<PlacementListed>
            caption={t('q.monitoring.caption', { date: day(d.date), due: d.placements.filter((p) => p.checkDue).length, n: d.placements.length })}
            rows={d.placements}
            rowKey={(p) => p.id}
            empty={t('q.none')}
            testId="q-monitoring"
            columns={[
              { key: 'name', header: t('q.person'), cell: (p) => <Link to={`/quarantine/placements/${p.id}`}>{p.person.fullName}</Link> },
              { key: 'unit', header: t('q.facility.unit'), cell: (p) => p.unitName },
              { key: 'released', header: t('q.monitoring.released'), cell: (p) => day(p.releasedOn) },
              { key: 'until', header: t('q.monitoring.until'), cell: (p) => day(p.monitoringUntil) },
              { key: 'last', header: t('q.monitoring.last'), cell: (p) => (p.lastCheckOn ? day(p.lastCheckOn) : t('q.monitoring.never')) },
              {
                key: 'today',
                header: t('q.monitoring.today'),
                cell: (p) => (p.checkDue ? <strong className="q-check-due">{t('q.monitoring.due')}</strong> : t('q.monitoring.done')),
                sortValue: (p) => (p.checkDue ? 0 : 1),
              },
            ]}
          />
          {d.placements.length === 500 ? <p className="muted">{t('q.monitoring.more')}</p> : null}
        </>
      )}
    </Loaded>
  )
}

/** Who is due for a test and who for release tomorrow. */
export function DuePage() {
  const { t } = useI18n()
  const { can } = useSession()
  usePageTitle(t('q.nav.due'))
  const list = useListParams(FIELDS)
  if (!can('quarantine:read')) return <NotAllowed />
  return (
    <>
      <h1 id="page-title">{t('q.nav.due')}</h1>
      <FilterForm onSubmit={list.submit} submitLabel={t('q.filter')}>
        <UnitFilter value={list.draft.unit} onChange={list.setField('unit')} />
      </FilterForm>
      <DueList list="testing" unit={list.values.unit} />
      <DueList list="release" unit={list.values.unit} />
      <MonitoringList unit={list.values.unit} />
    </>
  )
}
