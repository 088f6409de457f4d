import { useState } from 'react'
import { Link } from 'react-router'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useApi } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { Loaded } from '../../ui/ErrorMessage.tsx'
import { Pager } from '../../ui/ListControls.tsx'
import { enforcementApi } from './api.ts'

const PAGE = 10

interface Props {
  /** Bodies located in this unit's subtree; empty: the caller's area. */
  unit?: string | undefined
  /** The period (the directives dashboard's); none: the last 12 months. */
  from?: string | undefined
  to?: string | undefined
}

/**
 * The emulation view: a page of bodies with their commendations and discipline in the period,
 * each beside its directive task record. Its own small request, apart from whatever page shows it.
 */
export function EmulationTable({ unit, from, to }: Props) {
  const t = useT()
  const [page, setPage] = useState({ key: '', n: 0 })
  const key = JSON.stringify([unit, from, to])
  const n = page.key === key ? page.n : 0
  const q = { ...(unit ? { unit } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), limit: PAGE, offset: n * PAGE }
  const state = useApi(`enf:emulation:${key}:${n}`, (signal) => enforcementApi.emulation(q, signal))
  return (
    <section className="card enf-emulation" aria-labelledby="enf-emulation-title" data-testid="enf-emulation">
      <h2 id="enf-emulation-title">{t('enf.emu.title')}</h2>
      <Loaded state={state}>
        {(d) => (
          <>
            <p className="muted">{t('enf.emu.period', { from: formatVnDate(d.period.from), to: d.period.to ? formatVnDate(d.period.to) : t('enf.emu.today'), n: formatNumber(d.total) })}</p>
            <DataTable
              caption={t('enf.emu.caption')}
              hideCaption
              rows={d.bodies}
              rowKey={(b) => b.orgId}
              empty={t('enf.emu.none')}
              columns={[
                { key: 'org', header: t('enf.emu.org'), cell: (b) => <Link to={`/directives/orgs/${b.orgId}`}>{b.orgName}</Link> },
                {
                  key: 'tasks',
                  header: t('enf.emu.tasks'),
                  numeric: true,
                  cell: (b) => `${formatNumber(b.tasks.done)} / ${formatNumber(b.tasks.late)} / ${formatNumber(b.tasks.done + b.tasks.onTime + b.tasks.late + b.tasks.notStarted)}`,
                },
                { key: 'c', header: t('enf.emu.commendations'), numeric: true, cell: (b) => formatNumber(b.commendations) },
                { key: 'd', header: t('enf.emu.disciplines'), numeric: true, cell: (b) => formatNumber(b.disciplines) },
                { key: 'latest', header: t('enf.emu.latest'), cell: (b) => formatVnDate(b.latest) },
              ]}
            />
            {d.total > PAGE ? <Pager page={n} hasNext={(n + 1) * PAGE < d.total} onPage={(p) => setPage({ key, n: p })} /> : null}
          </>
        )}
      </Loaded>
    </section>
  )
}
