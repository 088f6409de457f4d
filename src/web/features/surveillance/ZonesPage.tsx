import { lazy, Suspense, useState } from 'react'
import { Link } from 'react-router'
import { ZONE_KINDS, zoneActiveOn } from '../../../domain/surveillance/zones.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { ErrorMessage, Loaded, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FormStatus, SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell, useAction } from '../../ui/FormShell.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { type ChildrenMap, unitsApi } from '../units/api.ts'
import { survApi, type ZoneMap, type ZoneView } from './api.ts'
import { day, listQuery, UnitFilter } from './common.tsx'
import { codeName, codeOptions } from './labels.ts'

const ZonesMap = lazy(() => import('./ZonesMap.tsx'))
// The form, its drawing map and the geometry rule are loaded when a zone is created or edited.
const ZoneForm = lazy(() => import('./ZoneForm.tsx').then((m) => ({ default: m.ZoneForm })))
const FIELDS = ['activeOn', 'unitCode', 'kind'] as const

type ZoneRow = ZoneMap['zones'][number]

/** Lifts a zone by a decision: its last day in force, and the decision's number and date (all required). */
function EndZoneForm({ zone, day: initial, onDone, onCancel }: { zone: ZoneRow; day: string; onDone: (endsOn: string) => void; onCancel: () => void }) {
  const { t } = useI18n()
  const [endsOn, setEndsOn] = useState(initial)
  const [decisionNo, setDecisionNo] = useState('')
  const [decidedOn, setDecidedOn] = useState(initial)
  const missing = [endsOn ? null : t('surv.zones.endOn'), decisionNo.trim() ? null : t('surv.zones.liftDecisionNo'), decidedOn ? null : t('surv.zones.liftDecidedOn')].filter(
    (m): m is string => m !== null,
  )
  return (
    <FormShell
      className="form-grid card"
      aria-label={t('surv.zones.endTitle', { name: zone.name })}
      onSubmit={async () => {
        await survApi.liftZone(zone.id, { endsOn, decisionNo: decisionNo.trim(), decidedOn })
        onDone(endsOn)
      }}
      submitLabel={t('surv.zones.endSave')}
      canSubmit={missing.length === 0}
      missing={missing}
      onCancel={onCancel}
    >
      <h2>{t('surv.zones.endTitle', { name: zone.name })}</h2>
      <TextField label={t('surv.zones.liftDecisionNo')} value={decisionNo} onChange={setDecisionNo} maxLength={100} required />
      <DateInput label={t('surv.zones.liftDecidedOn')} value={decidedOn} onChange={setDecidedOn} required />
      <DateInput label={t('surv.zones.endOn')} value={endsOn} onChange={setEndsOn} required />
    </FormShell>
  )
}

/** Deletes a zone entered by mistake, once confirmed. */
function DeleteZone({ zone, onDone, onCancel }: { zone: ZoneRow; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n()
  const { pending, error, run } = useAction()
  return (
    <section className="card alert alert-warning" role="alertdialog" aria-labelledby="zone-delete-title">
      <h2 id="zone-delete-title">{t('surv.zones.deleteTitle', { name: zone.name })}</h2>
      <p>{t('surv.zones.deleteWarn')}</p>
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button
          type="button"
          className="button-primary"
          disabled={pending}
          onClick={() =>
            void run(async () => {
              await survApi.deleteZone(zone.id)
              onDone()
            })
          }
        >
          {t('surv.zones.deleteConfirm')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  )
}

type Editing = { mode: 'new' } | { mode: 'edit'; zone: ZoneView } | { mode: 'end'; zone: ZoneRow } | { mode: 'delete'; zone: ZoneRow } | null

/** Ring-fenced, locked-down and medically isolated areas in force on a day, on the map and in a table. */
export function ZonesPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('surv.zones.title'))
  const { can } = useSession()
  const { me } = useReadySession()
  const { values, key, draft, setField, submit } = useListParams(FIELDS)
  const zones = useApi(`surv:zones:${key}`, (signal) => survApi.zones(listQuery(values), signal))
  const map = useApi(`map:communes:${me.provinceCode}`, () => unitsApi.childrenMap(me.provinceCode))
  const [editing, setEditing] = useState<Editing>(null)
  const [status, setStatus] = useState<string | null>(null)
  const opening = useAction()
  const writer = can('surveillance:write')
  if (!can('surveillance:read')) return <NotAllowed />
  const finish = (message: string) => {
    setEditing(null)
    setStatus(message)
    zones.reload()
  }
  const open = (next: Editing) => {
    setStatus(null)
    setEditing(next)
  }
  const edit = (id: number) =>
    void opening.run(async () => {
      open({ mode: 'edit', zone: await survApi.zone(id) })
    })
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('surv.zones.title')} />
      {writer && editing === null ? (
        <p>
          <button type="button" className="button-primary" onClick={() => open({ mode: 'new' })}>
            {t('surv.zones.new')}
          </button>
        </p>
      ) : null}
      <ErrorMessage error={opening.error} />
      {editing?.mode === 'new' || editing?.mode === 'edit' ? (
        <section className="card" aria-labelledby="zone-form-title">
          <h2 id="zone-form-title">{editing.mode === 'edit' ? t('surv.zoneForm.edit', { name: editing.zone.name }) : t('surv.zoneForm.new')}</h2>
          <Suspense fallback={<Loading />}>
            <ZoneForm
              key={editing.mode === 'edit' ? editing.zone.id : 'new'}
              zone={editing.mode === 'edit' ? editing.zone : undefined}
              communes={map.data as ChildrenMap | undefined}
              others={zones.data}
              onCancel={() => setEditing(null)}
              onDone={(z) => {
                const shownDay = zones.data?.activeOn
                finish(shownDay && !zoneActiveOn(z, shownDay) ? t('surv.zones.savedElsewhere', { name: z.name }) : t('surv.zones.saved', { name: z.name }))
              }}
            />
          </Suspense>
        </section>
      ) : null}
      {editing?.mode === 'end' ? (
        <EndZoneForm
          zone={editing.zone}
          day={zones.data?.activeOn ?? ''}
          onCancel={() => setEditing(null)}
          onDone={(endsOn) => finish(t('surv.zones.ended', { name: editing.zone.name, date: day(endsOn) }))}
        />
      ) : null}
      {editing?.mode === 'delete' ? (
        <DeleteZone zone={editing.zone} onCancel={() => setEditing(null)} onDone={() => finish(t('surv.zones.deleted', { name: editing.zone.name }))} />
      ) : null}
      <FormStatus message={status} />
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
                { key: 'decision', header: t('surv.zones.decisionNo'), cell: (r) => r.decisionNo ?? '—' },
                {
                  key: 'lift',
                  header: t('surv.zones.lifting'),
                  cell: (r) => (r.liftDecisionNo ? t('surv.zones.liftedBy', { no: r.liftDecisionNo, date: day(r.liftDecidedOn) }) : '—'),
                },
                { key: 'cluster', header: t('surv.case.cluster'), cell: (r) => (r.clusterId ? <Link to={`/surveillance/clusters/${r.clusterId}`}>{r.clusterCode}</Link> : '—') },
                ...(writer
                  ? [
                      {
                        key: 'actions',
                        header: t('surv.zones.actions'),
                        cell: (r: ZoneRow) => (
                          <span className="row-actions">
                            <button type="button" className="button-link" disabled={opening.pending} onClick={() => edit(r.id)} aria-label={`${t('surv.zones.editAction')} ${r.name}`}>
                              {t('surv.zones.editAction')}
                            </button>
                            <button type="button" className="button-link" onClick={() => open({ mode: 'end', zone: r })} aria-label={`${t('surv.zones.endAction')} ${r.name}`}>
                              {t('surv.zones.endAction')}
                            </button>
                            <button type="button" className="button-link" onClick={() => open({ mode: 'delete', zone: r })} aria-label={`${t('surv.zones.deleteAction')} ${r.name}`}>
                              {t('surv.zones.deleteAction')}
                            </button>
                          </span>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </>
        )}
      </Loaded>
    </section>
  )
}
