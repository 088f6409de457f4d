import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { type DashboardFilter, directivesApi, MATRIX_PER_PAGE } from './api.ts'
import { ExportButtons } from './ExportButtons.tsx'
import { DashboardFilters, type FilterState, filterFromParams, filterToParams } from './DashboardFilters.tsx'
import { OverdueList } from './OverdueTable.tsx'
import { PageBar, PeriodNote } from './PeriodNote.tsx'
import { EmulationTable } from '../enforcement/EmulationTable.tsx'
import { DirectivesTabs } from './DirectivesTabs.tsx'
import { StatusMatrix } from './StatusMatrix.tsx'
import { StatusTiles } from './StatusSummary.tsx'
import { SweepButton } from './SweepButton.tsx'

const toApi = (f: FilterState): DashboardFilter => ({
  ...(f.from ? { from: f.from } : {}),
  ...(f.to ? { to: f.to } : {}),
  ...(f.issuer ? { issuerOrgId: f.issuer.id } : {}),
  ...(f.unit ? { unitCode: f.unit.code } : {}),
})

/** The Office's picture of every directive's implementation: totals, the matrix and what is late. */
export function DashboardPage() {
  const t = useT()
  usePageTitle(t('dir.dashboard'))
  const { can } = useSession()
  const [params, setParams] = useSearchParams()
  const state = filterFromParams(params)
  const filter = toApi(state)
  const filterKey = filterToParams(state).toString()
  // The matrix and the overdue list page on their own; the page numbers live in the address.
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0)
  const overduePage = Math.max(0, Number(params.get('overduePage') ?? 0) || 0)
  const goTo = (name: 'page' | 'overduePage', n: number) => {
    const next = new URLSearchParams(params)
    if (n > 0) next.set(name, String(n))
    else next.delete(name)
    setParams(next, { replace: true })
  }
  const [sweeps, setSweeps] = useState(0)
  const allowed = can('directives:read')
  const data = useApi(allowed ? `dashboard:${filterKey}:${page}` : null, (signal) => directivesApi.dashboard(filter, signal, page))
  if (!allowed) return <NotAllowed />

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('dir.dashboard')}</h1>
      <DirectivesTabs />
      <DashboardFilters key={filterKey} value={state} onApply={(f) => setParams(filterToParams(f), { replace: true })} />
      <div className="toolbar">
        <ExportButtons filter={filter} />
        {can('directives:review') ? <SweepButton
            onFinished={() => {
              data.reload()
              setSweeps((n) => n + 1)
            }}
          /> : null}
      </div>
      <Loaded state={data}>
        {(d) => (
          <>
            <p className="muted">{t('dir.asOf', { date: formatVnDate(d.today), n: formatNumber(d.totals.directives) })}</p>
            <PeriodNote period={d.period} />
            <StatusTiles counts={d.totals} />
            {d.directives.length ? (
              <>
                <StatusMatrix data={d} />
                {d.page.total > MATRIX_PER_PAGE ? <PageBar page={page} size={MATRIX_PER_PAGE} total={d.page.total} onPage={(n) => goTo('page', n)} /> : null}
              </>
            ) : (
              <p>{t('dir.noDirectives')}</p>
            )}
          </>
        )}
      </Loaded>
      {allowed ? <OverdueList filter={filter} filterKey={`${filterKey}:${sweeps}`} page={overduePage} onPage={(n) => goTo('overduePage', n)} /> : null}
      {/* Commendations and discipline per body beside its tasks: a request of its own, paged, so the dashboard's stays as it is. */}
      <EmulationTable unit={filter.unitCode} from={filter.from} to={filter.to} />
    </section>
  )
}
