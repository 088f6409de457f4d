import { type FormEvent, useEffect, useId, useState } from 'react'
import { vnDate } from '../../../domain/text/dates.ts'
import { AGE_GROUP_VI, AGE_GROUPS, DOSE_VI, DOSES, MEASURE_VI, type Measure, RISK_GROUP_VI, RISK_GROUPS } from '../../../domain/vaccination/groups.ts'
import { formatNumber } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DateInput } from '../../ui/DateInput.tsx'
import { ErrorMessage, Loaded, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField } from '../../ui/Field.tsx'
import { useAction } from '../../ui/FormShell.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import type { JobView } from '../jobs/api.ts'
import { ImportForm } from '../jobs/ImportForm.tsx'
import { day, UnitFilter } from '../surveillance/common.tsx'
import { useDefaultUnit } from '../surveillance/PersonChooser.tsx'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { type CoverageView, type DoseEntryInput, vaccinationApi } from './api.ts'
import './vaccination.css'

const pct = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${(share * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`)
const ACTIONS = (t: ReturnType<typeof useT>) => [
  { to: '/tiem-chung', label: t('vac.nav.coverage') },
  { to: '/tiem-chung/nhap', label: t('vac.nav.entry') },
  { to: '/tiem-chung/nhap-tep', label: t('vac.nav.import') },
]

type Commune = CoverageView['communes'][number]
type Progress = NonNullable<Commune['progress']>

/** A share's bar with the target marked on it. */
function Bar({ share, target, label }: { share: number | null; target: number | null; label: string }) {
  const value = Math.round((share ?? 0) * 1000) / 10
  return (
    <div className="vac-bar" role="img" aria-label={`${label}: ${pct(share)}${target !== null ? ` / ${pct(target)}` : ''}`}>
      <div className="vac-bar-fill" style={{ width: `${Math.min(100, value)}%` }} />
      {target !== null ? <div className="vac-bar-target" style={{ left: `${Math.min(100, target * 100)}%` }} /> : null}
    </div>
  )
}

function StatusText({ p }: { p: Progress | null }) {
  const t = useT()
  if (!p) return <>—</>
  return <span className={`vac-status vac-status-${p.status}`}>{t(`vac.status.${p.status}`)}</span>
}

const targetShare = (c: Commune, target: CoverageView['target']) => {
  if (!target || !c.progress || c.progress.share === null) return null
  return c.progress.share
}

/** Coverage by commune against the province's target: groups, bars, the pace needed and who falls behind. */
export function CoveragePage() {
  const t = useT()
  usePageTitle(t('vac.coverage.title'))
  const { can } = useSession()
  const session = useReadySession()
  const list = useListParams(['unit', 'date', 'target'] as const)
  const unit = list.values.unit || session.unit?.code || ''
  const date = /^\d{4}-\d{2}-\d{2}$/.test(list.values.date) ? list.values.date : vnDate(new Date())
  const q = { unit, date, ...(list.values.target ? { target: Number(list.values.target) } : {}) }
  const state = useApi(unit ? `vac:coverage:${JSON.stringify(q)}` : null, (signal) => vaccinationApi.coverage(q, signal))
  if (!can('vaccination:read')) return <NotAllowed />
  return (
    <>
      <PageHead title={t('vac.coverage.title')} actions={ACTIONS(t).slice(1)} />
      <FilterForm onSubmit={list.submit} submitLabel={t('vac.show')}>
        <UnitFilter value={list.draft.unit} onChange={list.setField('unit')} />
        <DateInput label={t('vac.date')} value={list.draft.date || date} onChange={list.setField('date')} />
        {state.data?.targets.length ? (
          <SelectField
            label={t('vac.target')}
            value={list.draft.target || String(state.data.target?.id ?? '')}
            onChange={list.setField('target')}
            options={state.data.targets.map((x) => ({ value: String(x.id), label: `${x.name} (${day(x.deadline)})` }))}
          />
        ) : null}
      </FilterForm>
      <Loaded state={state}>{(d: CoverageView) => <CoverageTable d={d} />}</Loaded>
    </>
  )
}

function CoverageTable({ d }: { d: CoverageView }) {
  const t = useT()
  const target = d.target
  const tot = d.totals
  const cards: [string, number | null][] = [
    [t('vac.adultsOne'), tot.adults.atLeastOneShare],
    [t('vac.adultsFully'), tot.adults.fullyShare],
    [t('vac.elderlyFully'), tot.groups['65+'].fullyShare],
    [t('vac.highRiskFully'), tot.highRisk.fullyShare],
    [t('vac.allFully'), tot.all.fullyShare],
    [t('vac.allBoosted'), tot.all.boostedShare],
  ]
  return (
    <>
      <div className="vac-summary" data-testid="vac-summary">
        {cards.map(([label, share]) => (
          <div className="card" key={label}>
            <p className="muted">{label}</p>
            <p>
              <strong>{pct(share)}</strong>
            </p>
          </div>
        ))}
      </div>
      {target && d.progress ? (
        <section className="card" aria-labelledby="vac-target">
          <h2 id="vac-target">{target.name}</h2>
          <p>
            {t('vac.targetLine', {
              measure: MEASURE_VI[target.measure as Measure],
              groups: target.ageGroups.join(', '),
              share: pct(target.share),
              deadline: day(target.deadline),
            })}
          </p>
          <Bar share={d.progress.share} target={target.share} label={target.name} />
          <p>
            <StatusText p={d.progress} /> · {t('vac.reached', { share: pct(d.progress.share), remaining: formatNumber(d.progress.remaining) })}
            {d.progress.perDayNeeded !== null && d.progress.remaining > 0 ? ` · ${t('vac.pace', { needed: formatNumber(Math.ceil(d.progress.perDayNeeded)), recent: formatNumber(Math.round(d.progress.recentPerDay)) })}` : ''}
          </p>
          <p>{t('vac.behindCount', { n: formatNumber(d.behind.length), total: formatNumber(d.communes.length) })}</p>
        </section>
      ) : (
        <p className="muted">{t('vac.noTarget')}</p>
      )}
      <div className="table-wrap">
        <table className="data-table" data-testid="vac-coverage">
          <caption>{t('vac.caption', { unit: d.unit.name, date: day(d.date) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('vac.commune')}</th>
              <th scope="col" className="num">
                {t('vac.population5')}
              </th>
              <th scope="col" className="num">
                {t('vac.adultsOne')}
              </th>
              <th scope="col" className="num">
                {t('vac.adultsFully')}
              </th>
              <th scope="col" className="num">
                {t('vac.elderlyFully')}
              </th>
              <th scope="col" className="num">
                {t('vac.highRiskFully')}
              </th>
              <th scope="col" className="num">
                {t('vac.teenOne')}
              </th>
              <th scope="col" className="num">
                {t('vac.allBoosted')}
              </th>
              {target ? (
                <>
                  <th scope="col">{t('vac.progress')}</th>
                  <th scope="col" className="num">
                    {t('vac.neededPerDay')}
                  </th>
                  <th scope="col" className="num">
                    {t('vac.recentPerDay')}
                  </th>
                  <th scope="col">{t('vac.status')}</th>
                </>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {d.communes.length === 0 ? (
              <tr>
                <td colSpan={12}>{t('vac.noCommunes')}</td>
              </tr>
            ) : null}
            {d.communes.map((c) => {
              const behind = c.progress?.status === 'behind' || c.progress?.status === 'missed'
              return (
                <tr key={c.code} className={behind ? 'vac-row-behind' : undefined} data-behind={behind || undefined}>
                  <th scope="row">
                    {c.name}
                    {c.basis !== 'imported' ? <span className="muted" title={t('vac.basisCensus')}> *</span> : null}
                  </th>
                  <td className="num">{formatNumber(c.coverage.all.population)}</td>
                  <td className="num">{pct(c.coverage.adults.atLeastOneShare)}</td>
                  <td className="num">{pct(c.coverage.adults.fullyShare)}</td>
                  <td className="num">{pct(c.coverage.groups['65+'].fullyShare)}</td>
                  <td className="num">{pct(c.coverage.highRisk.fullyShare)}</td>
                  <td className="num">{pct(c.coverage.groups['12-17'].atLeastOneShare)}</td>
                  <td className="num">{pct(c.coverage.all.boostedShare)}</td>
                  {target ? (
                    <>
                      <td>
                        <Bar share={targetShare(c, target)} target={target.share} label={c.name} />
                      </td>
                      <td className="num">{c.progress?.perDayNeeded === null || !c.progress ? '—' : formatNumber(Math.ceil(c.progress.perDayNeeded))}</td>
                      <td className="num">{c.progress ? formatNumber(Math.round(c.progress.recentPerDay)) : '—'}</td>
                      <td>
                        <StatusText p={c.progress} />
                      </td>
                    </>
                  ) : null}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('vac.basisNote')}</p>
    </>
  )
}

const emptyEntry = (): DoseEntryInput => ({ ageGroup: '18-49', riskGroup: 'none', product: '', dose: '1', doses: 0 })

/** A commune's doses of one day: the figures already entered are loaded, changed and saved together. */
export function EntryPage() {
  const t = useT()
  usePageTitle(t('vac.entry.title'))
  const { can } = useSession()
  const id = useId()
  const fallback = useDefaultUnit()
  const [unit, setUnit] = useState<PickedUnit | null>(fallback)
  const [date, setDate] = useState(vnDate(new Date()))
  const [rows, setRows] = useState<DoseEntryInput[]>([emptyEntry()])
  const [saved, setSaved] = useState<string | null>(null)
  const ref = useApi('vac:reference', (signal) => vaccinationApi.reference(signal))
  const existing = useApi(unit && date ? `vac:day:${unit.code}:${date}` : null, (signal) => vaccinationApi.doses(unit!.code, date, signal))
  const action = useAction()
  useEffect(() => {
    if (existing.data) setRows(existing.data.items.length ? existing.data.items.map((i) => ({ ageGroup: i.ageGroup, riskGroup: i.riskGroup, product: i.product, dose: i.dose, doses: i.doses })) : [emptyEntry()])
  }, [existing.data])
  if (!can('vaccination:write')) return <NotAllowed />
  const products = ref.data?.products ?? []
  const set = (i: number, patch: Partial<DoseEntryInput>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSaved(null)
    void action.run(async () => {
      const r = await vaccinationApi.enter({ unitCode: unit!.code, date, entries: rows })
      setSaved(t('vac.entry.saved', { inserted: formatNumber(r.inserted), updated: formatNumber(r.updated), unit: r.unit.name, date: day(r.date) }))
    })
  }
  return (
    <>
      <PageHead title={t('vac.entry.title')} actions={[ACTIONS(t)[0]!, ACTIONS(t)[2]!]} />
      <p className="muted">{t('vac.entry.intro')}</p>
      <form onSubmit={submit} className="form-grid" aria-labelledby={`${id}-t`}>
        <h2 id={`${id}-t`} className="visually-hidden">
          {t('vac.entry.title')}
        </h2>
        <UnitPicker label={t('vac.commune')} value={unit} onChange={setUnit} required />
        <DateInput label={t('vac.date')} value={date} onChange={setDate} required />
        {/* The day's figures are loaded before they can be changed, so nothing typed is overwritten. */}
        {existing.loading || !existing.data ? (
          unit ? <Loading /> : null
        ) : (
        <div className="table-wrap">
          <table className="data-table vac-entries">
            <caption>{t('vac.entry.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('vac.ageGroup')}</th>
                <th scope="col">{t('vac.riskGroup')}</th>
                <th scope="col">{t('vac.product')}</th>
                <th scope="col">{t('vac.dose')}</th>
                <th scope="col">{t('vac.doses')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('vac.entry.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no identity of their own
                <tr key={i}>
                  <td>
                    <select aria-label={`${t('vac.ageGroup')} ${i + 1}`} value={r.ageGroup} onChange={(e) => set(i, { ageGroup: e.target.value })}>
                      {AGE_GROUPS.map((g) => (
                        <option key={g} value={g}>
                          {AGE_GROUP_VI[g]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label={`${t('vac.riskGroup')} ${i + 1}`} value={r.riskGroup} onChange={(e) => set(i, { riskGroup: e.target.value })}>
                      {RISK_GROUPS.map((g) => (
                        <option key={g} value={g}>
                          {RISK_GROUP_VI[g]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label={`${t('vac.product')} ${i + 1}`} value={r.product} onChange={(e) => set(i, { product: e.target.value })} required>
                      <option value="">{t('vac.entry.choose')}</option>
                      {products.map((p) => (
                        <option key={p.code} value={p.code}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select aria-label={`${t('vac.dose')} ${i + 1}`} value={r.dose} onChange={(e) => set(i, { dose: e.target.value })}>
                      {DOSES.map((g) => (
                        <option key={g} value={g}>
                          {DOSE_VI[g]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input aria-label={`${t('vac.doses')} ${i + 1}`} type="number" min={0} max={1_000_000} step={1} value={r.doses} onChange={(e) => set(i, { doses: Number(e.target.value) })} required />
                  </td>
                  <td>
                    <button type="button" className="button-secondary" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} disabled={rows.length === 1}>
                      {t('vac.entry.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        )}
        <div className="form-actions">
          <button type="button" className="button-secondary" onClick={() => setRows((rs) => [...rs, emptyEntry()])}>
            {t('vac.entry.add')}
          </button>
          <button type="submit" className="button-primary" disabled={!unit || !existing.data || action.pending}>
            {t('vac.entry.save')}
          </button>
        </div>
        <ErrorMessage error={action.error ?? existing.error} />
        {saved ? <p role="status">{saved}</p> : null}
      </form>
    </>
  )
}

interface ImportResult {
  rows: number
  inserted: number
  updated: number
  unchanged: number
  rejected: number
  errorsFile: string | null
  fileName?: string
}

/** What an import job wrote and the file of its refused rows. */
function ImportOutcome({ job }: { job: JobView }) {
  const t = useT()
  const result = job.status === 'done' ? (job.result as ImportResult | null) : null
  if (!result) return null
  return (
    <div role="status" data-testid="vac-import-result">
      <p>
        {t('vac.import.result', {
          rows: formatNumber(result.rows),
          inserted: formatNumber(result.inserted),
          updated: formatNumber(result.updated),
          unchanged: formatNumber(result.unchanged),
          rejected: formatNumber(result.rejected),
        })}
      </p>
      {result.errorsFile ? (
        <a className="button-primary" href={vaccinationApi.jobFile(job.id)} download={result.fileName ?? true}>
          {t('vac.import.errors')}
        </a>
      ) : (
        <p>{t('vac.import.noErrors')}</p>
      )}
    </div>
  )
}

/** Imports from CSV or Excel through the shared import form: dose figures, and the denominators per age group of each commune. */
export function ImportPage() {
  const t = useT()
  usePageTitle(t('vac.import.title'))
  const { can } = useSession()
  if (!can('vaccination:import')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('vac.import.title')} actions={[ACTIONS(t)[0]!, ACTIONS(t)[1]!]} />
      <p className="muted">{t('vac.import.intro')}</p>
      <ImportForm title={t('vac.import.doses')} hint={t('vac.import.hint')} accept=".xlsx,.csv" purpose="table" start={vaccinationApi.startImport} doneText={null} result={(job) => <ImportOutcome job={job} />} />
      <ImportForm title={t('vac.import.records')} hint={t('vac.import.recordsHint')} accept=".xlsx,.csv" purpose="table" start={vaccinationApi.startRecordImport} doneText={null} result={(job) => <ImportOutcome job={job} />}>
        <a href={vaccinationApi.recordTemplate} download>
          {t('vac.import.template')}
        </a>
      </ImportForm>
      <ImportForm title={t('vac.import.populations')} hint={t('vac.import.populationsHint')} accept=".xlsx,.csv" purpose="table" start={vaccinationApi.startPopulationImport} doneText={null} result={(job) => <ImportOutcome job={job} />} />
    </section>
  )
}
