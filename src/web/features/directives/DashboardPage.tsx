import { useSearchParams } from 'react-router'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { type MessageKey, useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { ErrorMessage, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { type Dashboard, type DashboardFilter, directivesApi, downloads } from './api.ts'
import { DashboardFilters, type FilterState, filterFromParams, filterToParams } from './DashboardFilters.tsx'
import { OverdueTable } from './OverdueTable.tsx'
import { DirectivesTabs } from './DirectivesTabs.tsx'
import { StatusMatrix } from './StatusMatrix.tsx'
import { SweepButton } from './SweepButton.tsx'

const TILES: { key: keyof Dashboard['totals']; label: MessageKey; className: string }[] = [
  { key: 'assignments', label: 'dir.total.assignments', className: '' },
  { key: 'done', label: 'dir.total.done', className: 'status-done' },
  { key: 'on_time', label: 'dir.total.on_time', className: 'status-on_time' },
  { key: 'late', label: 'dir.total.late', className: 'status-late' },
  { key: 'not_started', label: 'dir.total.not_started', className: 'status-not_started' },
]

function Totals({ totals }: { totals: Dashboard['totals'] }) {
  const t = useT()
  return (
    <ul className="tiles" aria-label={t('dir.totals')}>
      {TILES.map((tile) => (
        <li key={tile.key} className={`tile ${tile.className}`}>
          <span className="tile-value">{formatNumber(totals[tile.key])}</span>
          <span className="tile-label">{t(tile.label)}</span>
        </li>
      ))}
    </ul>
  )
}

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
      {data.loading && !data.data ? <Loading /> : null}
      <ErrorMessage error={data.error} />
      {data.data ? (
        <>
          <p className="muted">{t('dir.asOf', { date: formatVnDate(data.data.today), n: formatNumber(data.data.totals.directives) })}</p>
          <Totals totals={data.data.totals} />
          {data.data.directives.length ? <StatusMatrix data={data.data} /> : <p>{t('dir.noDirectives')}</p>}
          <OverdueTable rows={data.data.overdue} />
        </>
      ) : null}
    </section>
  )
}
