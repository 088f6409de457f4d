import { useSearchParams } from 'react-router'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { type DashboardFilter, directivesApi, downloads } from './api.ts'
import { DashboardFilters, type FilterState, filterFromParams, filterToParams } from './DashboardFilters.tsx'
import { OverdueTable } from './OverdueTable.tsx'
import { DirectivesTabs } from './DirectivesTabs.tsx'
import { StatusMatrix } from './StatusMatrix.tsx'
import { StatusTiles } from './StatusSummary.tsx'
import { SweepButton } from './SweepButton.tsx'

function Downloads({ filter }: { filter: DashboardFilter }) {
  const t = useT()
  return (
    <div className="button-row">
      <a className="button-secondary" href={downloads.synthesis('docx', filter)} download>
        {t('dir.download.docx')}
      </a>
      <a className="button-secondary" href={downloads.synthesis('pdf', filter)} download>
        {t('dir.download.pdf')}
      </a>
      <a className="button-secondary" href={downloads.synthesis('xlsx', filter)} download>
        {t('dir.download.xlsx')}
      </a>
    </div>
  )
}

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
  const allowed = can('directives:read')
  const data = useApi(allowed ? `dashboard:${params.toString()}` : null, (signal) => directivesApi.dashboard(filter, signal))
  if (!allowed) return <NotAllowed />

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('dir.dashboard')}</h1>
      <DirectivesTabs />
      <DashboardFilters key={params.toString()} value={state} onApply={(f) => setParams(filterToParams(f), { replace: true })} />
      <div className="toolbar">
        <Downloads filter={filter} />
        {can('directives:review') ? <SweepButton onFinished={data.reload} /> : null}
      </div>
      <Loaded state={data}>
        {(d) => (
          <>
            <p className="muted">{t('dir.asOf', { date: formatVnDate(d.today), n: formatNumber(d.totals.directives) })}</p>
            <StatusTiles counts={d.totals} />
            {d.directives.length ? <StatusMatrix data={d} /> : <p>{t('dir.noDirectives')}</p>}
            <OverdueTable rows={d.overdue} />
          </>
        )}
      </Loaded>
    </section>
  )
}
