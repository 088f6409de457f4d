import { lazy, Suspense, useEffect, useReducer, useState } from 'react'
import { checkZoneGeometry, ZONE_KINDS, type ZoneKind } from '../../../domain/surveillance/zones.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useReadySession } from '../../app/session.tsx'
import { useApi } from '../../app/useApi.ts'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loading } from '../../ui/ErrorMessage.tsx'
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { type ChildrenMap, displayName, unitsApi } from '../units/api.ts'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { survApi, type ZoneMap, type ZoneView } from './api.ts'
import { codeOptions } from './labels.ts'
import { draftReducer, EMPTY_DRAFT, draftOf, geometryOf, type PolygonDraft } from './polygonDraft.ts'

const ZoneDrawMap = lazy(() => import('./ZoneDrawMap.tsx'))

/** Children of the deciding unit offered as boxes to tick, up to this many; beyond, the search alone. */
const MAX_TICKED = 150

/** The units and hamlets a zone covers: those ticked among the deciding unit's own, or found by name. */
function CoveredUnits({ decidingCode, value, onChange }: { decidingCode: string | null; value: PickedUnit[]; onChange: (units: PickedUnit[]) => void }) {
  const { t } = useI18n()
  const children = useApi(decidingCode ? `units:children:${decidingCode}` : null, (signal) => unitsApi.children(decidingCode!, undefined, signal))
  const chosen = new Set(value.map((u) => u.code))
  const toggle = (u: PickedUnit, on: boolean) => onChange(on ? [...value, u] : value.filter((v) => v.code !== u.code))
  const offered = children.data && children.data.length <= MAX_TICKED ? children.data : null
  return (
    <fieldset className="zone-units">
      <legend>{t('surv.zoneForm.units')}</legend>
      <p className="hint">{t('surv.zoneForm.unitsHint')}</p>
      {value.length > 0 ? (
        <ul className="chips" aria-label={t('surv.zoneForm.unitsChosen')}>
          {value.map((u) => (
            <li key={u.code} className="chip">
              <span className="chip-name">{u.label}</span>{' '}
              <button type="button" className="button-link" onClick={() => toggle(u, false)} aria-label={t('surv.zoneForm.removeUnit', { name: u.label })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {offered && offered.length > 0 ? (
        <div className="zone-unit-boxes">
          {offered.map((c) => {
            const u = { code: c.code, label: displayName(c) }
            return <CheckboxField key={c.code} label={u.label} checked={chosen.has(c.code)} onChange={(on) => toggle(u, on)} />
          })}
        </div>
      ) : null}
      <UnitPicker
        label={t('surv.zoneForm.addUnit')}
        value={null}
        onChange={(u) => {
          if (u && !chosen.has(u.code)) onChange([...value, u])
        }}
      />
    </fieldset>
  )
}

/** The area as GeoJSON, to read or to paste from another tool; checked by the same rule as the server's. */
function GeoJsonText({ draft, onLoad }: { draft: PolygonDraft; onLoad: (g: ReturnType<typeof geometryOf>) => void }) {
  const { t } = useI18n()
  const geometry = geometryOf(draft)
  const current = geometry ? JSON.stringify(geometry) : ''
  const [text, setText] = useState(current)
  const [problems, setProblems] = useState<string[]>([])
  // The drawing changed on the map: show it.
  useEffect(() => {
    setText(current)
  }, [current])
  return (
    <details className="zone-geojson">
      <summary>{t('surv.zoneForm.geojson')}</summary>
      <TextAreaField label={t('surv.zoneForm.geojsonLabel')} hint={t('surv.zoneForm.geojsonHint')} value={text} onChange={setText} rows={4} spellCheck={false} />
      {problems.length > 0 ? (
        <div className="alert alert-error" role="alert">
          {problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : null}
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          if (!text.trim()) {
            setProblems([])
            onLoad(null)
            return
          }
          let parsed: unknown
          try {
            parsed = JSON.parse(text)
          } catch {
            setProblems([t('surv.zoneForm.geojsonBad')])
            return
          }
          const check = checkZoneGeometry(parsed)
          setProblems(check.ok ? [] : check.problems)
          if (check.ok) onLoad(check.geometry)
        }}
      >
        {t('surv.zoneForm.geojsonApply')}
      </button>
    </details>
  )
}

interface Props {
  /** The zone changed; a new one when absent. */
  zone?: ZoneView | undefined
  communes: ChildrenMap | undefined
  /** The zones in force, shown beneath the drawing. */
  others: ZoneMap | undefined
  onDone: (zone: ZoneView) => void
  onCancel: () => void
}

/** A zone's fields and its area drawn on the map (click to add a vertex, the first vertex to close, drag to move). */
export function ZoneForm({ zone, communes, others, onDone, onCancel }: Props) {
  const { t, locale } = useI18n()
  const { unit: myUnit } = useReadySession()
  const [name, setName] = useState(zone?.name ?? '')
  const [kind, setKind] = useState<ZoneKind>(zone?.kind ?? 'ring_fence')
  const [deciding, setDeciding] = useState<PickedUnit | null>(
    zone ? { code: zone.unitCode, label: zone.unitName } : myUnit ? { code: myUnit.code, label: myUnit.fullName } : null,
  )
  const [units, setUnits] = useState<PickedUnit[]>(zone?.units.map((u) => ({ code: u.code, label: u.name })) ?? [])
  const [startsOn, setStartsOn] = useState(zone?.startsOn ?? vnDate(new Date()))
  const [endsOn, setEndsOn] = useState(zone?.endsOn ?? '')
  const [measures, setMeasures] = useState(zone?.measures ?? '')
  const [decisionNo, setDecisionNo] = useState(zone?.decisionNo ?? '')
  const [clusterId, setClusterId] = useState(zone?.clusterId ? String(zone.clusterId) : '')
  const [history, dispatch] = useReducer(draftReducer, zone?.geometry ?? null, (g) => ({ current: g ? draftOf(g as Parameters<typeof draftOf>[0]) : EMPTY_DRAFT, past: [] }))
  const draft = history.current
  const clusters = useApi('surv:clusters:active', (signal) => survApi.clusters({ status: 'active', limit: 200 }, signal))

  const clusterOptions = [
    { value: '', label: t('surv.case.noCluster') },
    ...(zone?.clusterId && !clusters.data?.rows.some((c) => c.id === zone.clusterId) ? [{ value: String(zone.clusterId), label: `${zone.clusterCode} — ${zone.clusterName}` }] : []),
    ...(clusters.data?.rows ?? []).map((c) => ({ value: String(c.id), label: `${c.code} — ${c.name}` })),
  ]
  const unclosed = !draft.fixed && !draft.closed && draft.vertices.length > 0
  // The outline drawn on the map is checked as it is drawn, by the server's rule (a bow-tie is refused).
  const drawn = draft.fixed ? null : geometryOf(draft)
  const drawnCheck = drawn ? checkZoneGeometry(drawn) : null
  const drawingProblems = drawnCheck && !drawnCheck.ok ? drawnCheck.problems : []
  const missing = [
    ...(name.trim() ? [] : [t('surv.zones.name')]),
    ...(deciding ? [] : [t('surv.zones.decidedBy')]),
    ...(startsOn ? [] : [t('surv.zones.startsOn')]),
    ...(unclosed ? [t('surv.zoneForm.closeFirst')] : []),
    ...(drawingProblems.length > 0 ? [t('surv.zoneForm.fixDrawing')] : []),
  ]
  const status = draft.fixed
    ? t('surv.zoneForm.fixed')
    : draft.closed
      ? t('surv.zoneForm.closed', { n: draft.vertices.length })
      : draft.vertices.length === 0
        ? t('surv.zoneForm.start')
        : draft.vertices.length < 3
          ? t('surv.zoneForm.more', { n: draft.vertices.length })
          : t('surv.zoneForm.canClose', { n: draft.vertices.length })

  return (
    <FormShell
      className="form-grid zone-form"
      aria-label={zone ? t('surv.zoneForm.edit', { name: zone.name }) : t('surv.zoneForm.new')}
      onSubmit={async () => {
        const body = {
          name: name.trim(),
          kind,
          unitCode: deciding!.code,
          unitCodes: units.map((u) => u.code),
          geometry: geometryOf(draft),
          startsOn,
          endsOn: endsOn || null,
          measures: measures.trim() || null,
          decisionNo: decisionNo.trim() || null,
          clusterId: clusterId ? Number(clusterId) : null,
        }
        onDone(zone ? await survApi.updateZone(zone.id, body) : await survApi.createZone(body))
      }}
      submitLabel={t('surv.zoneForm.save')}
      canSubmit={missing.length === 0}
      missing={missing}
      onCancel={onCancel}
    >
      <TextField label={t('surv.zones.name')} value={name} onChange={setName} maxLength={200} required />
      <SelectField label={t('surv.zones.kind')} value={kind} onChange={(v) => setKind(v as ZoneKind)} options={codeOptions(ZONE_KINDS, locale)} />
      <UnitPicker label={t('surv.zones.decidedBy')} value={deciding} onChange={setDeciding} required />
      <TextField label={t('surv.zoneForm.decisionNo')} value={decisionNo} onChange={setDecisionNo} maxLength={100} />
      <DateInput label={t('surv.zones.startsOn')} value={startsOn} onChange={setStartsOn} required />
      <DateInput label={t('surv.zones.endsOn')} value={endsOn} onChange={setEndsOn} hint={t('surv.zoneForm.endsHint')} />
      <SelectField label={t('surv.case.cluster')} value={clusterId} onChange={setClusterId} options={clusterOptions} />
      <TextAreaField label={t('surv.zones.measures')} value={measures} onChange={setMeasures} maxLength={5000} rows={3} />
      <CoveredUnits decidingCode={deciding?.code ?? null} value={units} onChange={setUnits} />
      <fieldset className="zone-drawing">
        <legend>{t('surv.zoneForm.area')}</legend>
        <p className="hint">{t('surv.zoneForm.areaHint')}</p>
        <div className="toolbar">
          <button type="button" className="button-secondary" disabled={draft.closed || !!draft.fixed || draft.vertices.length < 3} onClick={() => dispatch({ type: 'close' })}>
            {t('surv.zoneForm.close')}
          </button>
          <button type="button" className="button-secondary" disabled={history.past.length === 0} onClick={() => dispatch({ type: 'undo' })}>
            {t('surv.zoneForm.undo')}
          </button>
          <button type="button" className="button-secondary" disabled={draft.vertices.length === 0 && !draft.fixed} onClick={() => dispatch({ type: 'clear' })}>
            {t('surv.zoneForm.clear')}
          </button>
        </div>
        <p className="muted" role="status" data-testid="zone-draw-status">
          {status}
        </p>
        {communes ? (
          <Suspense fallback={<Loading label={t('map.loading')} />}>
            <ZoneDrawMap communes={communes} others={others} draft={draft} dispatch={dispatch} focusCode={deciding?.code ?? null} />
          </Suspense>
        ) : (
          <Loading label={t('map.loading')} />
        )}
        {/* Below the map, so the map does not move under the pointer while drawing. */}
        {drawingProblems.length > 0 ? (
          <div className="alert alert-error" role="alert" data-testid="zone-draw-problems">
            {drawingProblems.map((p) => (
              <p key={p}>{p}</p>
            ))}
          </div>
        ) : null}
        <GeoJsonText draft={draft} onLoad={(g) => dispatch({ type: 'load', geometry: g })} />
      </fieldset>
    </FormShell>
  )
}
