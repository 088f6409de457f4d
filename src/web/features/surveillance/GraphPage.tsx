import { lazy, Suspense } from 'react'
import { Link, useNavigate } from 'react-router'
import { formatNumber } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { survApi } from './api.ts'
import { listQuery } from './common.tsx'
import { DEGREE_COLORS } from './labels.ts'

// sigma.js and graphology load only with this screen.
const TransmissionGraph = lazy(() => import('./TransmissionGraph.tsx'))

const FIELDS = ['clusterId', 'personId', 'from', 'to'] as const

function Legend() {
  const t = useT()
  const items = [
    { color: DEGREE_COLORS[0], label: 'F0' },
    { color: DEGREE_COLORS[1], label: 'F1' },
    { color: DEGREE_COLORS[2], label: 'F2' },
    { color: DEGREE_COLORS.far, label: t('surv.graph.farther') },
    { color: DEGREE_COLORS.none, label: t('surv.graph.noDegree') },
  ]
  return (
    <ul className="graph-legend" aria-label={t('surv.graph.legend')}>
      {items.map((i) => (
        <li key={i.label}>
          <span className="swatch" style={{ background: i.color }} aria-hidden="true" /> {i.label}
        </li>
      ))}
      <li>
        <span className="swatch line" style={{ background: '#d62828' }} aria-hidden="true" /> {t('surv.graph.sourceLink')}
      </li>
    </ul>
  )
}

/** The transmission graph of a cluster or of a person's chain, filtered by date. */
export function GraphPage() {
  const t = useT()
  const { can } = useSession()
  const navigate = useNavigate()
  const { values, key, draft, setField, submit } = useListParams(FIELDS)
  const subject = values.clusterId || values.personId
  const graph = useApi(subject ? `surv:graph:${key}` : null, (signal) => survApi.graph(listQuery(values), signal))
  const g = graph.data
  const title = g ? (g.of.kind === 'cluster' ? t('surv.graph.ofCluster', { name: `${g.of.code} — ${g.of.name}` }) : t('surv.graph.ofPerson', { name: g.of.name })) : t('surv.graph.title')
  usePageTitle(title)
  if (!can('surveillance:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <p>
        {g?.of.kind === 'cluster' ? <Link to={`/surveillance/clusters/${g.of.id}`}>← {g.of.code}</Link> : null}
        {g?.of.kind === 'person' ? <Link to={`/surveillance/people/${g.of.id}`}>← {g.of.name}</Link> : null}
        {!g ? <Link to="/surveillance/clusters">← {t('surv.clusters.title')}</Link> : null}
      </p>
      <h1 id="page-title">{title}</h1>
      {!subject ? <p>{t('surv.graph.choose')}</p> : null}
      <FilterForm onSubmit={submit} submitLabel={t('surv.graph.apply')} label={t('surv.filter.label')}>
        <DateInput label={t('surv.filter.from')} value={draft.from} onChange={setField('from')} />
        <DateInput label={t('surv.filter.to')} value={draft.to} onChange={setField('to')} />
      </FilterForm>
      <Loaded state={graph}>
        {(d) => (
          <>
            <p data-testid="graph-counts" role="status">
              {t('surv.graph.counts', { nodes: formatNumber(d.nodes.length), edges: formatNumber(d.edges.length + d.sourceLinks.length) })}
              {d.truncated ? ` ${t('surv.graph.truncated')}` : ''}
            </p>
            <Legend />
            <Suspense fallback={<Loading />}>
              <TransmissionGraph data={d} onOpen={(id) => navigate(`/surveillance/people/${id}`)} />
            </Suspense>
            <p className="muted">{t('surv.graph.hint')}</p>
          </>
        )}
      </Loaded>
    </section>
  )
}
