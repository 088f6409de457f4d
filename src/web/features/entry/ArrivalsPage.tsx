import { useState } from 'react'
import { Link } from 'react-router'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { ErrorMessage, Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField } from '../../ui/Field.tsx'
import { useAction } from '../../ui/FormShell.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { Warnings } from '../quarantine/common.tsx'
import { quarantineApi } from '../quarantine/api.ts'
import { day, UnitFilter } from '../surveillance/common.tsx'
import { codeName, codeOptions } from '../surveillance/labels.ts'
import { ACTIONS, ARRIVAL_STATUS, type Arrival, entryApi } from './api.ts'
import { NewArrivalForm } from './StaffForms.tsx'
import './entry.css'

const FIELDS = ['unit', 'status', 'origin'] as const

/** The one action an arrival needs: quarantine at a facility (chosen here), at home, or monitoring. */
function ActButton({ arrival, facilityId, onDone }: { arrival: Arrival; facilityId: string; onDone: (warnings: { code: string; message: string }[]) => void }) {
  const { t } = useI18n()
  const { pending, error, run } = useAction()
  const action = arrival.requirement.action
  const needsFacility = action === 'facility'
  return (
    <div className="entry-act">
      <button
        type="button"
        className="button-primary"
        disabled={pending || (needsFacility && !facilityId)}
        title={needsFacility && !facilityId ? t('entry.arrivals.chooseFacility') : undefined}
        onClick={() =>
          void run(async () => {
            const r = await entryApi.act(arrival.id, needsFacility ? { facilityId: Number(facilityId) } : {})
            onDone(r.warnings)
          })
        }
      >
        {t(action === 'monitoring' ? 'entry.arrivals.startMonitoring' : action === 'none' ? 'entry.arrivals.markNone' : 'entry.arrivals.place')}
      </button>
      <ErrorMessage error={error} />
    </div>
  )
}

/** People arrived in the communes: where they stay, where from, what the rules require, and the one-click action. */
export function ArrivalsPage() {
  const { t, locale } = useI18n()
  const { can } = useSession()
  usePageTitle(t('entry.arrivals.title'))
  const list = useListParams(FIELDS)
  const { unit, status, origin } = list.values
  const [facilityId, setFacilityId] = useState('')
  const [warnings, setWarnings] = useState<{ code: string; message: string }[]>([])
  const [adding, setAdding] = useState(false)
  const arrivals = useApi(`entry:arrivals:${list.key}`, (signal) =>
    entryApi.arrivals({ ...(unit ? { unitCode: unit } : {}), ...(status ? { status } : {}), ...(origin ? { originKind: origin } : {}), limit: 200 }, signal),
  )
  const facilities = useApi(`entry:facilities:${unit}`, (signal) => quarantineApi.facilities(unit ? { unitCode: unit, limit: 500 } : { limit: 500 }, signal))
  if (!can('entry:read')) return <NotAllowed />
  return (
    <>
      <PageHead title={t('entry.arrivals.title')} actions={[{ to: '/khai-bao/den-dia-phuong', label: t('entry.public.arrival.title') }]} />
      <FilterForm onSubmit={list.submit} submitLabel={t('entry.filter')}>
        <UnitFilter value={list.draft.unit} onChange={list.setField('unit')} />
        <SelectField label={t('entry.arrivals.status')} value={list.draft.status} onChange={list.setField('status')} options={codeOptions(ARRIVAL_STATUS, locale, t('entry.all'))} />
        <SelectField
          label={t('entry.arrivals.origin')}
          value={list.draft.origin}
          onChange={list.setField('origin')}
          options={[
            { value: '', label: t('entry.all') },
            { value: 'abroad', label: t('entry.arrivals.abroad') },
            { value: 'domestic', label: t('entry.arrivals.domestic') },
          ]}
        />
      </FilterForm>
      {can('entry:write') ? (
        <Loaded state={facilities}>
          {(f) => (
            <SelectField
              label={t('entry.arrivals.facility')}
              hint={t('entry.arrivals.facilityHint')}
              value={facilityId}
              onChange={setFacilityId}
              options={[{ value: '', label: '—' }, ...f.facilities.filter((x) => x.status === 'open').map((x) => ({ value: String(x.id), label: `${x.name} (${x.occupied}/${x.capacity})` }))]}
            />
          )}
        </Loaded>
      ) : null}
      <Warnings items={warnings} />
      <Loaded state={arrivals}>
        {(d) => (
          <DataTable
            caption={t('entry.arrivals.caption')}
            rows={d.arrivals}
            rowKey={(a) => a.id}
            empty={t('entry.none')}
            testId="entry-arrivals"
            columns={[
              { key: 'name', header: t('entry.arrivals.person'), cell: (a) => (a.personId ? <Link to={`/people/${a.personId}`}>{a.fullName}</Link> : a.fullName) },
              { key: 'arrived', header: t('entry.arrivals.arrivedOn'), cell: (a) => day(a.arrivedOn) },
              {
                key: 'from',
                header: t('entry.arrivals.from'),
                cell: (a) =>
                  a.originKind === 'abroad'
                    ? `${a.originCountry}${a.portName ? ` → ${a.portName}` : ''}`
                    : `${a.originUnitName ?? a.originPlace ?? '—'}${a.zoneName ? ` (${t('entry.arrivals.zone')})` : ''}`,
              },
              { key: 'stay', header: t('entry.arrivals.stay'), cell: (a) => `${a.stayAddress}, ${a.unitName}` },
              {
                key: 'req',
                header: t('entry.arrivals.required'),
                cell: (a) => (
                  <span title={a.requirement.why}>
                    {codeName(ACTIONS, a.requirement.action, locale)}
                    {a.requirement.days > 0 ? ` · ${t('entry.days', { n: a.requirement.days })}` : ''}
                  </span>
                ),
              },
              {
                key: 'status',
                header: t('entry.arrivals.status'),
                cell: (a) =>
                  a.status === 'new' && can('entry:write') ? (
                    <ActButton
                      arrival={a}
                      facilityId={facilityId}
                      onDone={(w) => {
                        setWarnings(w)
                        arrivals.reload()
                        facilities.reload()
                      }}
                    />
                  ) : a.placementId ? (
                    <Link to={`/quarantine/placements/${a.placementId}`}>
                      {codeName(ARRIVAL_STATUS, a.status, locale)} {a.facilityName ? `· ${a.facilityName}` : ''} · {day(a.placementEnd)}
                    </Link>
                  ) : (
                    `${codeName(ARRIVAL_STATUS, a.status, locale)}${a.monitoringUntil ? ` · ${day(a.monitoringUntil)}` : ''}`
                  ),
              },
            ]}
          />
        )}
      </Loaded>
      {can('entry:write') ? (
        adding ? (
          <NewArrivalForm
            onDone={() => {
              setAdding(false)
              arrivals.reload()
            }}
          />
        ) : (
          <button type="button" className="button-secondary" onClick={() => setAdding(true)}>
            {t('entry.arrivals.new')}
          </button>
        )
      ) : null}
    </>
  )
}
