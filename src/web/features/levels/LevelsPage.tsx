import { lazy, Suspense, useMemo, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { assessUnit, missingFields } from '../../../domain/levels/assess.ts'
import { zUnitInput } from '../../../domain/levels/input.ts'
import type { RuleSet } from '../../../domain/levels/ruleset.ts'
import { indicatorSource } from '../../../domain/levels/sources.ts'
import { shiftWeek, weekOf } from '../../../domain/levels/weeks.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import { formatNumber, isoToVn } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { codeOfUnitId, useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { ErrorMessage, Loaded, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { useAction } from '../../ui/FormShell.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { type ChildrenMap, unitsApi } from '../units/api.ts'
import { levelsApi, type WeekRow, type WeekView } from './api.ts'
import { ConfidenceMark, LevelBadge, SourceTag, useIndicatorText } from './common.tsx'

const LevelsMap = lazy(() => import('./LevelsMap.tsx'))

/** The week's assessment of every commune of a unit: indicators, bands, reasons, override, publication, map. */
export function LevelsPage() {
  const t = useT()
  usePageTitle(t('nav.levels'))
  const { can } = useSession()
  const { me } = useReadySession()
  const [params, setParams] = useSearchParams()
  const unit = params.get('unit') || codeOfUnitId(me.user.unitId)
  const week = params.get('week') || weekOf(vnDate(new Date()))
  const [draftUnit, setDraftUnit] = useState(unit)
  const [draftWeek, setDraftWeek] = useState(week)
  const state = useApi(`levels:week:${unit}:${week}`, (signal) => levelsApi.week(unit, week, signal))
  const go = (u: string, w: string) => {
    setDraftUnit(u)
    setDraftWeek(w)
    setParams({ unit: u, week: w })
  }
  if (!can('levels:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('nav.levels')} actions={[{ to: '/levels/rules', label: t('lv.rules.title') }]} />
      <form
        className="filters"
        aria-label={t('lv.choose')}
        onSubmit={(e) => {
          e.preventDefault()
          go(draftUnit.trim(), draftWeek.trim())
        }}
      >
        <TextField label={t('lv.unitCode')} value={draftUnit} onChange={setDraftUnit} hint={t('lv.unitCodeHint')} />
        <TextField label={t('lv.week')} value={draftWeek} onChange={setDraftWeek} hint={t('lv.weekHint')} />
        <div className="button-row">
          <button type="submit" className="button-primary">
            {t('lv.show')}
          </button>
          <button type="button" className="button-secondary" onClick={() => go(unit, shiftWeek(week, -1))}>
            {t('lv.prevWeek')}
          </button>
          <button type="button" className="button-secondary" onClick={() => go(unit, shiftWeek(week, 1))}>
            {t('lv.nextWeek')}
          </button>
        </div>
      </form>
      <Loaded state={state}>{(w) => <WeekPanel week={w} reload={state.reload} />}</Loaded>
    </section>
  )
}

function WeekPanel({ week, reload }: { week: WeekView; reload: () => void }) {
  const t = useT()
  const { can } = useSession()
  const indicatorText = useIndicatorText()
  const [selected, setSelected] = useState<{ code: string; mode: 'override' | 'whatif' | 'history' } | null>(null)
  const map = useApi(week.unit.level === 'commune' ? null : `map:communes:${week.unit.code}`, () => unitsApi.childrenMap(week.unit.code))
  const levels = useMemo(() => new Map(week.rows.map((r) => [r.unitCode, r.level])), [week])
  const compute = useAction()
  const publish = useAction()
  const [effectiveFrom, setEffectiveFrom] = useState(vnDate(new Date()))
  const [notice, setNotice] = useState<string | null>(null)
  const row = selected ? week.rows.find((r) => r.unitCode === selected.code) : undefined
  const rs = week.ruleSet
  return (
    <>
      <section className="card" aria-labelledby="week-title">
        <h2 id="week-title">{t('lv.weekTitle', { unit: week.unit.name, week: week.week, from: isoToVn(week.weekStart), to: isoToVn(week.weekEnd) })}</h2>
        <p>
          {t('lv.ruleSet')}: <Link to={`/levels/rules/${encodeURIComponent(rs.code)}`}>{rs.name}</Link> ({rs.document}){' '}
          {rs.unverified > 0 ? <ConfidenceMark confidence="unverified" /> : null}
          {rs.unverified > 0 ? <span className="muted"> {t('lv.unverifiedCount', { n: rs.unverified, of: rs.marks })}</span> : null}
        </p>
        <div className="level-counts" data-testid="level-counts">
          {(['1', '2', '3', '4'] as const).map((l) => (
            <span key={l}>
              <LevelBadge level={Number(l)} />: {formatNumber(week.counts[l])}
            </span>
          ))}
          {week.derived ? (
            <span>
              {t('lv.derived', { unit: week.unit.name })}: <LevelBadge level={week.derived.level} /> <span className="muted">{week.derived.reasons.join(' ')}</span>
            </span>
          ) : null}
        </div>
        <div className="button-row">
          {can('levels:assess') ? (
            <button
              type="button"
              className="button-secondary"
              disabled={compute.pending}
              onClick={() =>
                compute.run(async () => {
                  const r = await levelsApi.compute(week.week, week.unit.code)
                  setNotice(t('lv.computed', { n: r.assessed, incomplete: r.incomplete }))
                  reload()
                })
              }
            >
              {t('lv.compute')}
            </button>
          ) : null}
        </div>
        {can('levels:publish') ? (
          <form
            className="form-inline"
            aria-label={t('lv.publish')}
            onSubmit={(e) => {
              e.preventDefault()
              void publish.run(async () => {
                const r = await levelsApi.publish(week.week, week.unit.code, effectiveFrom)
                setNotice([t('lv.published', { n: r.published, date: isoToVn(r.effectiveFrom) }), r.notice].filter(Boolean).join(' '))
                reload()
              })
            }}
          >
            <DateInput label={t('lv.effectiveFrom')} value={effectiveFrom} onChange={setEffectiveFrom} hint={t('lv.effectiveHint')} />
            <button type="submit" className="button-primary" disabled={publish.pending || !effectiveFrom}>
              {t('lv.publish')}
            </button>
          </form>
        ) : null}
        <ErrorMessage error={compute.error ?? publish.error} />
        {notice ? (
          <p className="alert alert-info" role="status">
            {notice}
          </p>
        ) : null}
      </section>
      {week.unit.level !== 'commune' ? (
        <section className="card" aria-labelledby="map-title">
          <h2 id="map-title">{t('lv.map')}</h2>
          {map.data ? (
            <Suspense fallback={<Loading label={t('map.loading')} />}>
              <LevelsMap communes={map.data as ChildrenMap} levels={levels} label={t('lv.map')} />
            </Suspense>
          ) : (
            <Loading label={t('map.loading')} />
          )}
        </section>
      ) : null}
      {row && selected?.mode === 'override' ? <OverridePanel row={row} onDone={() => { setSelected(null); reload() }} /> : null}
      {row && selected?.mode === 'history' ? <HistoryPanel row={row} onClose={() => setSelected(null)} /> : null}
      {row && selected?.mode === 'whatif' ? <WhatIfPanel row={row} week={week} definition={rs.definition as RuleSet} onSaved={reload} onClose={() => setSelected(null)} /> : null}
      <DataTable
        caption={t('lv.table')}
        testId="levels-table"
        rows={week.rows}
        rowKey={(r) => r.unitCode}
        columns={[
          { key: 'unit', header: t('lv.unit'), cell: (r) => r.unitName, sortValue: (r) => r.unitName },
          {
            key: 'indicators',
            header: t('lv.indicators'),
            className: 'wide',
            cell: (r) =>
              r.indicators.length ? (
                <ul className="indicators">
                  {r.indicators.map((i) => {
                    const x = indicatorText(i)
                    return (
                      <li key={i.name} className={x.warn ? 'warn' : undefined}>
                        {x.label}: {x.value} — {x.band}
                        <SourceTag source={indicatorSource(i.name, r.sources)} />
                      </li>
                    )
                  })}
                </ul>
              ) : (
                <span className="muted">{r.reasons[0] ?? t('lv.notAssessed')}</span>
              ),
          },
          {
            key: 'level',
            header: t('lv.levelCol'),
            cell: (r) => (
              <>
                <LevelBadge level={r.level} />
                {r.overrideLevel ? <div className="muted">{t('lv.overridden', { n: r.computedLevel ?? '—', reason: r.overrideReason ?? '' })}</div> : null}
                {r.confidence ? <ConfidenceMark confidence={r.confidence} /> : null}
                {r.reasons.length && r.indicators.length ? (
                  <details>
                    <summary>{t('lv.why')}</summary>
                    <ol className="reasons">
                      {r.reasons.map((x) => (
                        <li key={x}>{x}</li>
                      ))}
                    </ol>
                  </details>
                ) : null}
              </>
            ),
            sortValue: (r) => r.level,
          },
          {
            key: 'inForce',
            header: t('lv.inForce'),
            cell: (r) => (r.inForce ? <span>{t('lv.since', { n: r.inForce.level, date: isoToVn(r.inForce.since) })}</span> : '—'),
          },
          {
            key: 'change',
            header: t('lv.change'),
            cell: (r) => (r.change ? <span className={`change change-${r.change}`}>{t(`lv.change.${r.change}`)}</span> : '—'),
            sortValue: (r) => r.change,
          },
          { key: 'status', header: t('lv.status'), cell: (r) => (r.status ? t(`lv.status.${r.status}`) + (r.effectiveFrom ? ` ${isoToVn(r.effectiveFrom)}` : '') : '—') },
          {
            key: 'actions',
            header: t('lv.actions'),
            cell: (r) => (
              <div className="button-row">
                <button type="button" className="button-link" onClick={() => setSelected({ code: r.unitCode, mode: 'whatif' })} aria-label={t('lv.whatifFor', { unit: r.unitName })}>
                  {t('lv.whatif')}
                </button>
                <button type="button" className="button-link" onClick={() => setSelected({ code: r.unitCode, mode: 'history' })} aria-label={t('lv.historyFor', { unit: r.unitName })}>
                  {t('lv.history')}
                </button>
                {can('levels:publish') && r.assessmentId && r.status !== 'published' ? (
                  <button type="button" className="button-link" onClick={() => setSelected({ code: r.unitCode, mode: 'override' })} aria-label={t('lv.overrideFor', { unit: r.unitName })}>
                    {t('lv.override')}
                  </button>
                ) : null}
              </div>
            ),
          },
        ]}
      />
    </>
  )
}

function HistoryPanel({ row, onClose }: { row: WeekRow; onClose: () => void }) {
  const t = useT()
  const state = useApi(`levels:history:${row.unitCode}`, (signal) => levelsApi.history(row.unitCode, signal))
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('lv.historyTitle', { unit: row.unitName })}</h2>
      <Loaded state={state}>
        {(h) => (
          <DataTable
            caption={t('lv.historyTitle', { unit: row.unitName })}
            hideCaption
            rows={h.history}
            rowKey={(x) => x.id}
            empty={t('lv.historyNone')}
            columns={[
              { key: 'from', header: t('lv.effectiveFrom'), cell: (x) => isoToVn(x.effectiveFrom) },
              { key: 'week', header: t('lv.week'), cell: (x) => isoToVn(x.weekStart) },
              { key: 'level', header: t('lv.levelCol'), cell: (x) => <LevelBadge level={x.level} /> },
              { key: 'why', header: t('lv.reason'), cell: (x) => (x.overrideLevel ? t('lv.overridden', { n: x.computedLevel ?? '—', reason: x.overrideReason ?? '' }) : '') },
              { key: 'rules', header: t('lv.ruleSet'), cell: (x) => x.ruleSetCode },
            ]}
          />
        )}
      </Loaded>
      <button type="button" className="button-secondary" onClick={onClose}>
        {t('lv.close')}
      </button>
    </section>
  )
}

function OverridePanel({ row, onDone }: { row: WeekRow; onDone: () => void }) {
  const t = useT()
  const [level, setLevel] = useState(String(row.overrideLevel ?? row.level ?? ''))
  const [reason, setReason] = useState(row.overrideReason ?? '')
  const action = useAction()
  return (
    <section className="card" aria-labelledby="override-title">
      <h2 id="override-title">{t('lv.overrideTitle', { unit: row.unitName })}</h2>
      <p>
        {t('lv.computedLevel')}: <LevelBadge level={row.computedLevel} />
      </p>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault()
          void action.run(async () => {
            await levelsApi.override(row.assessmentId!, level ? Number(level) : null, level ? reason : null)
            onDone()
          })
        }}
      >
        <SelectField
          label={t('lv.newLevel')}
          value={level}
          onChange={setLevel}
          options={[{ value: '', label: t('lv.clearOverride') }, ...[1, 2, 3, 4].map((l) => ({ value: String(l), label: t(`lv.levelName.${l}` as 'lv.levelName.1') }))]}
        />
        <TextAreaField label={t('lv.reason')} value={reason} onChange={setReason} required={level !== ''} />
        <div className="button-row">
          <button type="submit" className="button-primary" disabled={action.pending || (level !== '' && !reason.trim())}>
            {t('lv.saveOverride')}
          </button>
          <button type="button" className="button-secondary" onClick={onDone}>
            {t('lv.cancel')}
          </button>
        </div>
        <ErrorMessage error={action.error} />
      </form>
    </section>
  )
}

/** The input fields a rule set uses, as the what-if panel edits them. */
function fieldsOf(rs: RuleSet): { path: string; label: string; share?: boolean; boolean?: boolean }[] {
  const counts: Record<string, string> = { communityCases: 'communityCases7d', cases: 'cases7d', oxygenPatients: 'oxygenPatients7d', deaths: 'deaths7d' }
  const out: { path: string; label: string; share?: boolean; boolean?: boolean }[] = [{ path: 'population', label: 'Dân số' }]
  for (const i of rs.transmission.indicators) {
    out.push({ path: counts[i.key]!, label: `${i.label.split('/')[0]} (7 ngày)` })
    if (i.window !== 'week') out.push({ path: counts[i.key]!.replace('7d', 'Prev7d'), label: `${i.label.split('/')[0]} (tuần trước)` })
  }
  if (rs.vaccination.effect !== 'none') for (const c of rs.vaccination.criteria) out.push({ path: `coverage.${c.key}`, label: `${c.label} (%)`, share: true })
  if (rs.guards.elderly.enabled) out.push({ path: 'coverage.elderly65PlusFullyVaccinated', label: 'Người từ 65 tuổi tiêm đủ liều (%)', share: true })
  for (const c of rs.capacity.components) out.push({ path: `capacity.${c.key}`, label: c.label, boolean: c.key === 'adequate' })
  return out
}

function readPath(o: Record<string, unknown> | null, path: string): unknown {
  const [a, b] = path.split('.')
  const v = o?.[a!]
  return b ? (v as Record<string, unknown> | undefined)?.[b] : v
}

function WhatIfPanel({ row, week, definition, onSaved, onClose }: { row: WeekRow; week: WeekView; definition: RuleSet; onSaved: () => void; onClose: () => void }) {
  const t = useT()
  const { can } = useSession()
  const fields = useMemo(() => fieldsOf(definition), [definition])
  const [values, setValues] = useState<Record<string, string>>(() => {
    const init: Record<string, string> = {}
    for (const f of fields) {
      const v = readPath(row.inputs as Record<string, unknown> | null, f.path) ?? (f.path === 'population' ? row.population : undefined)
      init[f.path] = v === undefined || v === null ? '' : f.share ? String(Math.round(Number(v) * 1000) / 10) : f.boolean ? (v ? 'yes' : 'no') : String(v)
    }
    return init
  })
  const input = useMemo(() => {
    const u: Record<string, unknown> = { unit: row.unitCode }
    for (const f of fields) {
      const raw = values[f.path]?.trim().replace(',', '.') ?? ''
      if (raw === '') continue
      const value = f.boolean ? raw === 'yes' : f.share ? Number(raw) / 100 : Number(raw)
      const [a, b] = f.path.split('.')
      if (b) u[a!] = { ...(u[a!] as object | undefined), [b]: value }
      else u[a!] = value
    }
    if (row.inForce) u.previousLevel = row.inForce.level
    return u
  }, [values, fields, row])
  const parsed = zUnitInput.safeParse(input)
  const missing = parsed.success ? missingFields(definition, parsed.data) : []
  const result = parsed.success && missing.length === 0 ? assessUnit(definition, parsed.data) : null
  const save = useAction()
  const { unit: _unit, previousLevel: _p, ...toSave } = input
  return (
    <section className="card" aria-labelledby="whatif-title">
      <h2 id="whatif-title">{t('lv.whatifTitle', { unit: row.unitName, week: week.week })}</h2>
      <p className="muted">{t('lv.whatifHint')}</p>
      <div className="whatif">
        <fieldset>
          <legend>{t('lv.inputs')}</legend>
          {fields.map((f) =>
            f.boolean ? (
              <SelectField
                key={f.path}
                label={f.label}
                value={values[f.path] ?? ''}
                onChange={(v) => setValues((s) => ({ ...s, [f.path]: v }))}
                options={[
                  { value: '', label: '—' },
                  { value: 'yes', label: t('lv.yes') },
                  { value: 'no', label: t('lv.no') },
                ]}
              />
            ) : (
              <TextField key={f.path} label={f.label} inputMode="decimal" value={values[f.path] ?? ''} onChange={(v) => setValues((s) => ({ ...s, [f.path]: v }))} />
            ),
          )}
        </fieldset>
        <div aria-live="polite" data-testid="whatif-result">
          {result ? (
            <>
              <p>
                {t('lv.whatifLevel')}: <LevelBadge level={result.level} name={definition.levels[result.level - 1]!.name} /> <ConfidenceMark confidence={result.confidence} />
              </p>
              <ol className="reasons">
                {result.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ol>
            </>
          ) : (
            <p className="alert alert-warning">
              {parsed.success ? t('lv.whatifMissing', { fields: missing.join(', ') }) : parsed.error.issues.map((i) => `${i.path.join('/')}: ${i.message}`).join(' ')}
            </p>
          )}
        </div>
      </div>
      <div className="button-row">
        {can('levels:assess') && row.status !== 'published' ? (
          <button
            type="button"
            className="button-primary"
            disabled={save.pending || !parsed.success}
            onClick={() =>
              save.run(async () => {
                await levelsApi.enter(week.week, [{ unitCode: row.unitCode, inputs: toSave as never }])
                onSaved()
              })
            }
          >
            {t('lv.saveInputs')}
          </button>
        ) : null}
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('lv.close')}
        </button>
      </div>
      <ErrorMessage error={save.error} />
    </section>
  )
}
