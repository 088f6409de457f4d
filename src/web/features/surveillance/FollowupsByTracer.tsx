import { useState } from 'react'
import { type Translate, useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi } from '../../app/useApi.ts'
import { type Column, DataTable } from '../../ui/DataTable.tsx'
import { ErrorMessage, Loaded } from '../../ui/ErrorMessage.tsx'
import { useAction } from '../../ui/FormShell.tsx'
import { Pager } from '../../ui/ListControls.tsx'
import { type FollowupRow, type Filter, survApi } from './api.ts'
import { DegreeBadge, day, PersonLink } from './common.tsx'

const collator = new Intl.Collator('vi')

/** The most follow-ups one answer carries (the server's page limit): a commune's list fits in one or a few. */
export const GROUP_PAGE = 200

/** Who a follow-up is about: name, degree, phone to call, where they live. */
export function contactColumns(t: Translate): Column<FollowupRow>[] {
  return [
    { key: 'name', header: t('people.fullName'), cell: (r) => <PersonLink id={r.personId} name={r.fullName} /> },
    { key: 'degree', header: t('surv.contact.degree'), cell: (r) => <DegreeBadge degree={r.degree} /> },
    { key: 'phone', header: t('people.phone'), cell: (r) => (r.phone ? <a href={`tel:${r.phone}`}>{r.phone}</a> : '—') },
    { key: 'unit', header: t('people.unit'), cell: (r) => r.unitName },
  ]
}

interface Tracer {
  id: number
  name: string
}

/** The people a follow-up can be given to: those the server names for the area, and the tracers already named on the list. */
function useTracers(rows: FollowupRow[], unitCode: string | undefined): Tracer[] {
  const { can } = useSession()
  const users = useApi(can('surveillance:write') ? `surv:tracers:${unitCode ?? ''}` : null, (signal) => survApi.tracers(unitCode, signal))
  const byId = new Map<number, Tracer>()
  for (const r of rows) if (r.tracerUserId !== null) byId.set(r.tracerUserId, { id: r.tracerUserId, name: r.tracerName ?? `#${r.tracerUserId}` })
  for (const u of users.data?.tracers ?? []) byId.set(u.id, { id: u.id, name: `${u.displayName} (${u.unitName})` })
  return [...byId.values()].sort((a, b) => collator.compare(a.name, b.name))
}

/** A follow-up's tracer, changed in place; the server's refusal (a tracer outside the area) is shown beside it. */
function TracerSelect({ row, tracers, onChanged }: { row: FollowupRow; tracers: Tracer[]; onChanged: () => void }) {
  const { t } = useI18n()
  const { pending, error, run } = useAction()
  const [value, setValue] = useState(row.tracerUserId === null ? '' : String(row.tracerUserId))
  return (
    <div className="tracer-select">
      <select
        aria-label={t('surv.tracers.assignFor', { name: row.fullName })}
        value={value}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value
          setValue(next)
          void run(async () => {
            try {
              await survApi.updateFollowup(row.id, { tracerUserId: next ? Number(next) : null })
            } catch (err) {
              setValue(row.tracerUserId === null ? '' : String(row.tracerUserId))
              throw err
            }
            onChanged()
          })
        }}
      >
        <option value="">{t('surv.tracers.none')}</option>
        {tracers.map((tr) => (
          <option key={tr.id} value={tr.id}>
            {tr.name}
          </option>
        ))}
      </select>
      <ErrorMessage error={error} />
    </div>
  )
}

interface Group {
  key: string
  name: string
  rows: FollowupRow[]
  missing: number
}

function groupByTracer(rows: FollowupRow[], unassigned: string): Group[] {
  const groups = new Map<string, Group>()
  for (const r of rows) {
    const key = r.tracerUserId === null ? 'none' : String(r.tracerUserId)
    let g = groups.get(key)
    if (!g) {
      g = { key, name: r.tracerUserId === null ? unassigned : (r.tracerName ?? `#${r.tracerUserId}`), rows: [], missing: 0 }
      groups.set(key, g)
    }
    g.rows.push(r)
    if (r.status === 'active' && !r.checkedOnDue) g.missing++
  }
  // Those without a tracer first: they need one.
  return [...groups.values()].sort((a, b) => (a.key === 'none' ? -1 : b.key === 'none' ? 1 : collator.compare(a.name, b.name)))
}

/** The follow-ups of the filter grouped by tracer, with the day's missing checks marked and the tracer changed in place. */
export function FollowupsByTracer({ filter, page, onPage }: { filter: Filter; page: number; onPage: (n: number) => void }) {
  const { t } = useI18n()
  const { can } = useSession()
  const query = { ...filter, limit: GROUP_PAGE, offset: page * GROUP_PAGE }
  const list = useApi(`surv:followups:tracer:${JSON.stringify(query)}`, (signal) => survApi.followups(query, signal))
  const tracers = useTracers(list.data?.rows ?? [], typeof filter.unitCode === 'string' ? filter.unitCode : undefined)
  const write = can('surveillance:write')
  return (
    <Loaded state={list}>
      {(p) => {
        const groups = groupByTracer(p.rows, t('surv.tracers.none'))
        const missing = groups.reduce((s, g) => s + g.missing, 0)
        return (
          <div className="followup-groups">
            <p className="muted" data-testid="tracer-summary">
              {t('surv.tracers.summary', { date: day(p.due), n: p.rows.length, tracers: groups.filter((g) => g.key !== 'none').length, missing })}
              {p.total > p.rows.length ? ` ${t('surv.tracers.more', { total: p.total })}` : ''}
            </p>
            {groups.length === 0 ? <p>{t('common.noRows')}</p> : null}
            {groups.map((g) => (
              <section key={g.key} className="tracer-group" aria-labelledby={`tracer-${g.key}`}>
                <h2 id={`tracer-${g.key}`}>
                  {g.name} <span className="muted">{t('surv.tracers.groupCount', { n: g.rows.length })}</span>
                  {g.missing > 0 ? <span className="check-missing-count">{t('surv.tracers.groupMissing', { n: g.missing })}</span> : null}
                </h2>
                <DataTable
                  caption={t('surv.tracers.groupCaption', { name: g.name })}
                  hideCaption
                  rows={g.rows}
                  rowKey={(r) => r.id}
                  columns={[
                    ...contactColumns(t),
                    { key: 'until', header: t('surv.followup.until'), cell: (r) => day(r.until) },
                    {
                      key: 'checked',
                      header: t('surv.tracers.checkedOn', { date: day(p.due) }),
                      cell: (r) => (
                        <>
                          {r.checkedOnDue ? t('surv.yes') : r.status === 'active' ? <strong className="check-missing">{t('surv.tracers.missing')}</strong> : '—'}
                          {r.flagged ? (
                            <>
                              <br />
                              <strong className="late-text">{t('surv.followups.flag')}</strong>
                            </>
                          ) : null}
                          {r.lastCheckOn ? <span className="muted"> · {t('surv.tracers.last', { date: day(r.lastCheckOn) })}</span> : null}
                        </>
                      ),
                    },
                    {
                      key: 'tracer',
                      header: t('surv.followup.tracer'),
                      cell: (r) => (write && r.status === 'active' ? <TracerSelect key={`${r.id}:${r.tracerUserId}`} row={r} tracers={tracers} onChanged={list.reload} /> : (r.tracerName ?? '—')),
                    },
                  ]}
                />
              </section>
            ))}
            <Pager page={page} hasNext={(page + 1) * GROUP_PAGE < p.total} onPage={onPage} />
          </div>
        )
      }}
    </Loaded>
  )
}
