import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import type { Confidence, RuleSet, Threshold } from '../../../domain/levels/ruleset.ts'
import { isoToVn } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { ErrorMessage, Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { useAction } from '../../ui/FormShell.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { levelsApi, type RuleSetDetail } from './api.ts'
import { ConfidenceMark, LevelBadge } from './common.tsx'

/** National rule sets (read-only data with their source) and the province's dated variants. */
export function RuleSetsPage() {
  const t = useT()
  usePageTitle(t('lv.rules.title'))
  const { can } = useSession()
  const state = useApi('levels:rule-sets', (signal) => levelsApi.ruleSets(signal))
  if (!can('levels:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('lv.rules.title')} actions={[{ to: '/levels', label: t('nav.levels') }]} />
      <p className="alert alert-warning">{t('lv.rules.warning')}</p>
      <Loaded state={state}>
        {(d) => (
          <DataTable
            caption={t('lv.rules.title')}
            rows={d.ruleSets}
            rowKey={(r) => r.code}
            columns={[
              { key: 'name', header: t('lv.rules.name'), cell: (r) => <Link to={`/levels/rules/${encodeURIComponent(r.code)}`}>{r.name}</Link> },
              { key: 'doc', header: t('lv.rules.document'), cell: (r) => r.document },
              { key: 'kind', header: t('lv.rules.kind'), cell: (r) => (r.national ? t('lv.rules.national') : t('lv.rules.province', { code: r.provinceCode ?? '' })) },
              { key: 'valid', header: t('lv.rules.valid'), cell: (r) => `${isoToVn(r.validFrom)} – ${r.validTo ? isoToVn(r.validTo) : '…'}` },
              { key: 'version', header: t('lv.rules.version'), cell: (r) => r.version, numeric: true },
              {
                key: 'marks',
                header: t('lv.rules.marks'),
                cell: (r) => (
                  <>
                    {r.unverified > 0 ? <ConfidenceMark confidence="unverified" /> : null} {t('lv.unverifiedCount', { n: r.unverified, of: r.marks })}
                  </>
                ),
              },
            ]}
          />
        )}
      </Loaded>
    </section>
  )
}

const CONFIDENCE_OPTIONS: Confidence[] = ['verified', 'secondary', 'unverified']

export function RuleSetPage() {
  const t = useT()
  const { id = '' } = useParams()
  usePageTitle(t('lv.rules.title'))
  const state = useApi(`levels:rule-set:${id}`, (signal) => levelsApi.ruleSet(id, signal))
  return <Loaded state={state}>{(rs) => <RuleSetEditor key={`${rs.code}:${rs.version}`} detail={rs} reload={state.reload} />}</Loaded>
}

function ThresholdCell({ t: th, edit, onChange, percent }: { t: Threshold; edit: boolean; onChange: (t: Threshold) => void; percent?: boolean }) {
  const tr = useT()
  const shown = percent ? Math.round(th.value * 1000) / 10 : th.value
  return (
    <span>
      {th.op === '>' ? '>' : '≥'}{' '}
      {edit ? (
        <input
          aria-label={tr('lv.rules.cutoff')}
          className="narrow"
          inputMode="decimal"
          defaultValue={String(shown)}
          onChange={(e) => {
            const v = Number(e.target.value.replace(',', '.'))
            if (Number.isFinite(v)) onChange({ ...th, value: percent ? v / 100 : v })
          }}
        />
      ) : (
        `${shown.toLocaleString('vi-VN')}${percent ? '%' : ''}`
      )}
      {edit ? (
        <select aria-label={tr('lv.rules.confidence')} value={th.confidence} onChange={(e) => onChange({ ...th, confidence: e.target.value as Confidence })}>
          {CONFIDENCE_OPTIONS.map((c) => (
            <option key={c} value={c}>
              {tr(`lv.conf.${c}`)}
            </option>
          ))}
        </select>
      ) : (
        <ConfidenceMark confidence={th.confidence} />
      )}
      {th.note ? <span className="muted"> {th.note}</span> : null}
    </span>
  )
}

function RuleSetEditor({ detail, reload }: { detail: RuleSetDetail; reload: () => void }) {
  const t = useT()
  const { can } = useSession()
  const navigate = useNavigate()
  const [def, setDef] = useState<RuleSet>(() => structuredClone(detail.definition))
  const [dirty, setDirty] = useState(false)
  const edit = detail.canEdit
  const save = useAction()
  const fork = useAction()
  const [forkFrom, setForkFrom] = useState('')
  const change = (f: (d: RuleSet) => void) => {
    setDef((d) => {
      const copy = structuredClone(d)
      f(copy)
      return copy
    })
    setDirty(true)
  }
  return (
    <section aria-labelledby="page-title">
      <PageHead title={detail.name} actions={[{ to: '/levels/rules', label: t('lv.rules.title') }]} />
      <dl className="facts">
        <dt>{t('lv.rules.document')}</dt>
        <dd>
          {detail.document} — {def.issuer}, {isoToVn(def.issuedOn)}
          {def.sourceUrl ? (
            <>
              {' '}
              (<a href={def.sourceUrl}>{t('lv.rules.source')}</a>)
            </>
          ) : null}
        </dd>
        <dt>{t('lv.rules.valid')}</dt>
        <dd>
          {isoToVn(detail.validFrom)} – {detail.validTo ? isoToVn(detail.validTo) : '…'}
        </dd>
        <dt>{t('lv.rules.kind')}</dt>
        <dd>{detail.national ? t('lv.rules.nationalReadOnly') : t('lv.rules.province', { code: detail.provinceCode ?? '' })}</dd>
        <dt>{t('lv.rules.version')}</dt>
        <dd>{detail.version}</dd>
      </dl>
      {def.note ? <p>{def.note}</p> : null}
      {detail.unverified > 0 ? (
        <p className="alert alert-warning" role="note">
          <ConfidenceMark confidence="unverified" /> {t('lv.rules.unverifiedWarning', { n: detail.unverified, of: detail.marks })}
        </p>
      ) : null}

      <section className="card" aria-labelledby="levels-title">
        <h2 id="levels-title">{t('lv.rules.levels')}</h2>
        <ul className="level-counts">
          {def.levels.map((l) => (
            <li key={l.level}>
              <LevelBadge level={l.level} name={l.name} /> <ConfidenceMark confidence={l.confidence} />
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="tx-title">
        <h2 id="tx-title">{t('lv.rules.transmission')}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('lv.rules.indicator')}</th>
              <th>{t('lv.rules.window')}</th>
              <th>{t('lv.band', { n: 2 })}</th>
              <th>{t('lv.band', { n: 3 })}</th>
              <th>{t('lv.band', { n: 4 })}</th>
            </tr>
          </thead>
          <tbody>
            {def.transmission.indicators.map((ind, i) => (
              <tr key={ind.key}>
                <td>{ind.label}</td>
                <td>
                  {edit ? (
                    <select
                      aria-label={t('lv.rules.window')}
                      value={ind.window}
                      onChange={(e) =>
                        change((d) => {
                          d.transmission.indicators[i]!.window = e.target.value as 'week'
                        })
                      }
                    >
                      {(['week', 'twoWeekAverage', 'twoWeekSum'] as const).map((w) => (
                        <option key={w} value={w}>
                          {t(`lv.window.${w}`)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    t(`lv.window.${ind.window}`)
                  )}{' '}
                  <ConfidenceMark confidence={ind.windowConfidence} />
                </td>
                {ind.cutoffs.map((c, k) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the three cut-offs are fixed positions (bands 2, 3, 4).
                  <td key={k}>
                    <ThresholdCell
                      t={c}
                      edit={edit}
                      onChange={(next) =>
                        change((d) => {
                          d.transmission.indicators[i]!.cutoffs[k] = next
                        })
                      }
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {def.transmission.note ? <p className="muted">{def.transmission.note}</p> : null}
      </section>

      {def.vaccination.effect !== 'none' || def.guards.elderly.enabled ? (
        <section className="card" aria-labelledby="vx-title">
          <h2 id="vx-title">{t('lv.rules.vaccination')}</h2>
          <p>
            {t(`lv.rules.effect.${def.vaccination.effect}`)} <ConfidenceMark confidence={def.vaccination.effectConfidence} />
          </p>
          <ul>
            {def.vaccination.criteria.map((c, i) => (
              <li key={c.key}>
                {c.label}:{' '}
                <ThresholdCell
                  t={c.min}
                  percent
                  edit={edit}
                  onChange={(next) =>
                    change((d) => {
                      d.vaccination.criteria[i]!.min = next
                    })
                  }
                />
              </li>
            ))}
            {def.guards.elderly.enabled ? (
              <li>
                {t('lv.rules.elderly')}:{' '}
                <ThresholdCell
                  t={def.guards.elderly.min}
                  percent
                  edit={edit}
                  onChange={(next) =>
                    change((d) => {
                      d.guards.elderly.min = next
                    })
                  }
                />
              </li>
            ) : null}
          </ul>
          {def.vaccination.note ? <p className="muted">{def.vaccination.note}</p> : null}
        </section>
      ) : null}

      {def.capacity.components.length ? (
        <section className="card" aria-labelledby="cap-title">
          <h2 id="cap-title">{t('lv.rules.capacity')}</h2>
          <ul>
            {def.capacity.components.map((c, i) => (
              <li key={c.key}>
                {c.label} <ConfidenceMark confidence={c.confidence} />
                {c.min ? (
                  <>
                    {': '}
                    <ThresholdCell
                      t={c.min}
                      edit={edit}
                      onChange={(next) =>
                        change((d) => {
                          d.capacity.components[i]!.min = next
                        })
                      }
                    />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          <p className="muted">
            {t('lv.rules.classify')} <ConfidenceMark confidence={def.capacity.classifyConfidence} />
          </p>
        </section>
      ) : null}

      <section className="card" aria-labelledby="matrix-title">
        <h2 id="matrix-title">{t('lv.rules.matrix')}</h2>
        <table className="data-table matrix" data-testid="matrix">
          <thead>
            <tr>
              <th>{t('lv.ind.transmissionBand')}</th>
              {def.matrix.columns.map((c) => (
                <th key={c.key}>{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {def.matrix.cells.map((row, b) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are the fixed bands 1–4.
              <tr key={b}>
                <th>{t('lv.band', { n: b + 1 })}</th>
                {row.map((cell, k) => (
                  <td key={def.matrix.columns[k]!.key} title={cell.note}>
                    {edit ? (
                      <>
                        <select
                          aria-label={t('lv.rules.cellLevel', { band: b + 1, column: def.matrix.columns[k]!.label })}
                          value={cell.level}
                          onChange={(e) =>
                            change((d) => {
                              d.matrix.cells[b]![k]!.level = Number(e.target.value)
                            })
                          }
                        >
                          {[1, 2, 3, 4].map((l) => (
                            <option key={l} value={l}>
                              {t('lv.level', { n: l })}
                            </option>
                          ))}
                        </select>
                        <select
                          aria-label={t('lv.rules.confidence')}
                          value={cell.confidence}
                          onChange={(e) =>
                            change((d) => {
                              d.matrix.cells[b]![k]!.confidence = e.target.value as Confidence
                            })
                          }
                        >
                          {CONFIDENCE_OPTIONS.map((c) => (
                            <option key={c} value={c}>
                              {t(`lv.conf.${c}`)}
                            </option>
                          ))}
                        </select>
                      </>
                    ) : (
                      <>
                        <LevelBadge level={cell.level} />
                        <br />
                        <ConfidenceMark confidence={cell.confidence} />
                      </>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {def.matrix.note ? <p className="muted">{def.matrix.note}</p> : null}
      </section>

      <section className="card" aria-labelledby="guards-title">
        <h2 id="guards-title">{t('lv.rules.guards')}</h2>
        <ul>
          <li>
            {t('lv.rules.noLowering')}: {def.guards.noLowering.enabled ? t('lv.yes') : t('lv.no')} <ConfidenceMark confidence={def.guards.noLowering.confidence} />
            {def.guards.noLowering.note ? <span className="muted"> {def.guards.noLowering.note}</span> : null}
          </li>
          <li>
            {t('lv.rules.elderlyGuard')}: {def.guards.elderly.enabled ? t('lv.yes') : t('lv.no')} <ConfidenceMark confidence={def.guards.elderly.confidence} />
            {def.guards.elderly.note ? <span className="muted"> {def.guards.elderly.note}</span> : null}
          </li>
        </ul>
        <h3>{t('lv.rules.aggregation')}</h3>
        <ul>
          {def.aggregation.rules.map((r) => (
            <li key={r.level}>
              <LevelBadge level={r.level} />{' '}
              {r.anyOf
                .map((c) => (c.share !== undefined ? t('lv.rules.share', { share: Math.round(c.share * 100), level: c.atLeast }) : t('lv.rules.count', { count: c.count ?? 0, level: c.atLeast })))
                .join(t('lv.rules.or'))}{' '}
              <ConfidenceMark confidence={r.confidence} />
            </li>
          ))}
        </ul>
        {def.aggregation.note ? <p className="muted">{def.aggregation.note}</p> : null}
      </section>

      {edit ? (
        <div className="button-row">
          <button
            type="button"
            className="button-primary"
            disabled={!dirty || save.pending}
            onClick={() =>
              save.run(async () => {
                await levelsApi.saveRuleSet(detail.code, def)
                setDirty(false)
                reload()
              })
            }
          >
            {t('lv.rules.save')}
          </button>
          <ErrorMessage error={save.error} />
        </div>
      ) : null}
      {detail.national && can('levels:rules') ? (
        <form
          className="card form-inline"
          aria-label={t('lv.rules.fork')}
          onSubmit={(e) => {
            e.preventDefault()
            void fork.run(async () => {
              const made = await levelsApi.fork(detail.code, forkFrom, detail.validTo)
              navigate(`/levels/rules/${encodeURIComponent(made.code)}`)
            })
          }}
        >
          <h2>{t('lv.rules.fork')}</h2>
          <p className="muted">{t('lv.rules.forkHint')}</p>
          <DateInput label={t('lv.rules.forkFrom')} value={forkFrom} onChange={setForkFrom} required />
          <button type="submit" className="button-primary" disabled={!forkFrom || fork.pending}>
            {t('lv.rules.forkButton')}
          </button>
          <ErrorMessage error={fork.error} />
        </form>
      ) : null}
    </section>
  )
}
