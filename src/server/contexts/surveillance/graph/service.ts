import { formatVnDate } from '../../../../domain/text/dates.ts'
import { type Ctx, auditRead, requirePermission } from '../../../platform/context.ts'
import { badRequest, notFound } from '../../../platform/errors.ts'
import * as repo from './repo.ts'

/** The graph view is drawn in the browser; past this many people it is cut (nearest first). */
export const MAX_NODES = 10_000
/** Exposures drawn at most; a graph of 10,000 people has rarely more than three per person. */
export const MAX_EDGES = 50_000

export interface GraphQuery {
  clusterId?: number | undefined
  personId?: number | undefined
  from?: string | undefined
  to?: string | undefined
}

export interface GraphNode {
  id: number
  /** The name inside the caller's jurisdiction; outside it, the case code or the record number. */
  label: string
  /** Inside the caller's jurisdiction: the node opens the person's page. */
  inside: boolean
  kind: 'case' | 'contact'
  /** 0 for a case (F0), 1, 2… for a contact with a current degree, null for a contact without one. */
  degree: number | null
  /** A case's onset (else sample, else confirmation) date; a contact's first exposure. */
  date: string | null
  /** The case's classification, for a case. */
  classification: string | null
}

export interface GraphEdge {
  /** The exposure's id. */
  id: number
  source: number
  target: number
  date: string
  setting: string
}

export interface GraphSourceLink {
  source: number
  target: number
  date: string | null
}

export interface GraphView {
  /** What the graph is of: a cluster (its code and name) or a person's chain. */
  of: { kind: 'cluster'; id: number; code: string; name: string } | { kind: 'person'; id: number; name: string }
  from: string | null
  to: string | null
  nodes: GraphNode[]
  edges: GraphEdge[]
  sourceLinks: GraphSourceLink[]
  /** More people (or exposures) were connected than are drawn. */
  truncated: boolean
}

/**
 * The transmission graph of a cluster (its cases, their contacts to any degree, and the cases of
 * other clusters it touches, not beyond them) or of the whole chain a person belongs to, within a
 * date range.
 */
export async function transmissionGraph(ctx: Ctx, q: GraphQuery): Promise<GraphView> {
  requirePermission(ctx.access, 'surveillance:read')
  if ((q.clusterId === undefined) === (q.personId === undefined)) throw badRequest('GRAPH_SUBJECT', 'Chọn một ổ dịch (clusterId) hoặc một người (personId).')
  if (q.from && q.to && q.from > q.to) throw badRequest('DATE_RANGE', `Khoảng ngày không hợp lệ: từ ${formatVnDate(q.from)} đến ${formatVnDate(q.to)}.`)
  const range: repo.DateRange = { from: q.from ?? null, to: q.to ?? null }

  let of: GraphView['of']
  let seeds: number[]
  if (q.clusterId !== undefined) {
    const cluster = await repo.visibleCluster(ctx.db, ctx.access, q.clusterId)
    if (!cluster) throw notFound('ổ dịch')
    of = { kind: 'cluster', id: Number(cluster.id), code: cluster.code, name: cluster.name }
    seeds = await repo.clusterPeople(ctx.db, of.id, MAX_NODES)
  } else {
    const person = await repo.personInArea(ctx.db, ctx.access, q.personId!)
    if (!person) throw notFound('người này trong địa bàn của bạn')
    of = { kind: 'person', id: Number(person.id), name: person.fullName }
    seeds = [of.id]
  }

  const people = await repo.chainPeople(ctx.db, seeds, range, MAX_NODES + 1, of.kind === 'cluster' ? of.id : null)
  const truncatedNodes = people.length > MAX_NODES
  const kept = truncatedNodes ? people.slice(0, MAX_NODES) : people
  const [rows, edges, sourceLinks] = await Promise.all([
    repo.graphNodes(ctx.db, ctx.access, kept),
    repo.graphExposures(ctx.db, kept, range, MAX_EDGES + 1),
    repo.graphSourceLinks(ctx.db, kept, range, MAX_EDGES),
  ])
  const nodes = rows.map(nodeOf)
  await auditRead(
    ctx,
    'people',
    rows.filter((r) => r.inside).map((r) => ({ id: r.id })),
    { graph: of.kind, subject: of.id, from: range.from, to: range.to },
  )
  return {
    of,
    from: range.from,
    to: range.to,
    nodes,
    edges: edges.slice(0, MAX_EDGES),
    sourceLinks,
    truncated: truncatedNodes || edges.length > MAX_EDGES,
  }
}

function nodeOf(r: repo.NodeRow): GraphNode {
  const isCase = r.caseId !== null && r.classification !== 'discarded'
  return {
    id: r.id,
    label: r.inside && r.fullName !== null ? r.fullName : (r.caseCode ?? `#${r.id}`),
    inside: r.inside,
    kind: isCase ? 'case' : 'contact',
    degree: isCase ? 0 : r.degree,
    date: isCase ? r.caseDate : r.firstExposedOn,
    classification: r.caseId !== null ? r.classification : null,
  }
}
