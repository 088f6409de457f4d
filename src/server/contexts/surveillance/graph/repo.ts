import { type Kysely, type RawBuilder, sql } from 'kysely'
import { type Access, likePrefix, withinJurisdiction } from '../../../platform/context.ts'
import type { DB } from '../../../platform/schema.ts'

/*
 * The transmission graph of a cluster or of a person's chain: people are nodes, exposures and
 * source links (a case's `source_case_id`) are edges, read both ways. A chain crosses communes and
 * provinces, so the walk is not cut at the caller's jurisdiction; the names of people outside it
 * are never read (their nodes carry a code instead), and the seeds must be inside it.
 */
type Db = Kysely<DB>

export interface DateRange {
  from: string | null
  to: string | null
}

const ids = (xs: readonly number[]) => sql`${sql.val([...new Set(xs)])}::bigint[]`

const dateIn = (column: RawBuilder<unknown>, r: DateRange) =>
  sql`${r.from === null ? sql`true` : sql`${column} >= ${r.from}::date`} AND ${r.to === null ? sql`true` : sql`${column} <= ${r.to}::date`}`

/** The date a case is placed at on the graph and in the date filter: onset, else sample, else confirmation. */
const caseDay = (alias: string) => sql`COALESCE(${sql.ref(`${alias}.onset_date`)}, ${sql.ref(`${alias}.sample_date`)}, ${sql.ref(`${alias}.confirmed_date`)})`

/** A cluster the caller may see: inside the jurisdiction, or decided by a unit above it. */
export function visibleCluster(db: Db, access: Access, id: number) {
  return db
    .selectFrom('clusters as cl')
    .select(['cl.id', 'cl.code', 'cl.name'])
    .where('cl.id', '=', id)
    .where((eb) => eb.or([withinJurisdiction(access, 'cl.unitPath'), sql<boolean>`${access.unitPath} LIKE cl.unit_path || '%'`]))
    .executeTakeFirst()
}

/** A person inside the caller's jurisdiction. */
export function personInArea(db: Db, access: Access, id: number) {
  return db.selectFrom('people as p').select(['p.id', 'p.fullName']).where('p.id', '=', id).where(withinJurisdiction(access, 'p.unitPath')).executeTakeFirst()
}

/** The people whose cases belong to the cluster (at most `max`). */
export async function clusterPeople(db: Db, clusterId: number, max: number): Promise<number[]> {
  const rows = await db.selectFrom('cases').select('personId').where('clusterId', '=', clusterId).orderBy('id').limit(max).execute()
  return rows.map((r) => Number(r.personId))
}

/**
 * Everyone connected to the seeds through exposures dated in the range and source links of cases
 * placed in it, nearest first (breadth-first: each step of the recursion is one degree further).
 * The recursion is read lazily, so it stops after `max` people whatever the size of the component.
 * With `clusterId`, the walk does not go on past a case of another cluster or of none: that case is
 * drawn, at the cluster's edge, but the outbreak beyond it is not.
 */
export async function chainPeople(db: Db, seeds: readonly number[], range: DateRange, max: number, clusterId: number | null = null): Promise<number[]> {
  if (seeds.length === 0) return []
  const expands =
    clusterId === null
      ? sql`true`
      : sql`NOT EXISTS (SELECT 1 FROM cases oc WHERE oc.person_id = w.pid AND oc.classification <> 'discarded' AND oc.cluster_id IS DISTINCT FROM ${clusterId})`
  const { rows } = await sql<{ pid: string }>`
    WITH RECURSIVE walk(pid) AS (
      SELECT unnest(${ids(seeds)})
      UNION
      SELECT nb.other
        FROM walk w
        CROSS JOIN LATERAL (
          SELECT e.person_id AS other FROM exposures e WHERE e.source_person_id = w.pid AND ${dateIn(sql`e.exposed_on`, range)}
          UNION ALL
          SELECT e.source_person_id FROM exposures e WHERE e.person_id = w.pid AND ${dateIn(sql`e.exposed_on`, range)}
          UNION ALL
          SELECT s.person_id FROM cases c JOIN cases s ON s.id = c.source_case_id WHERE c.person_id = w.pid AND ${dateIn(caseDay('c'), range)}
          UNION ALL
          SELECT c.person_id FROM cases s JOIN cases c ON c.source_case_id = s.id WHERE s.person_id = w.pid AND ${dateIn(caseDay('c'), range)}
        ) nb
       WHERE ${expands}
    )
    SELECT pid FROM walk LIMIT ${max}`.execute(db)
  return rows.map((r) => Number(r.pid))
}

export interface NodeRow {
  id: number
  /** NULL outside the caller's jurisdiction. */
  fullName: string | null
  inside: boolean
  caseId: number | null
  caseCode: string | null
  classification: string | null
  isSource: boolean | null
  caseDate: string | null
  degree: number | null
  firstExposedOn: string | null
}

/** The people of the graph, in the order given. */
export async function graphNodes(db: Db, access: Access, people: readonly number[]): Promise<NodeRow[]> {
  if (people.length === 0) return []
  const inside = sql<boolean>`p.unit_path LIKE ${likePrefix(access.unitPath)}`
  const { rows } = await sql<NodeRow>`
    SELECT p.id, CASE WHEN ${inside} THEN p.full_name END AS "fullName", ${inside} AS inside,
           c.id AS "caseId", c.code AS "caseCode", c.classification, c.is_source AS "isSource", ${caseDay('c')}::text AS "caseDate",
           cd.degree, (SELECT min(e.exposed_on) FROM exposures e WHERE e.person_id = n.id)::text AS "firstExposedOn"
      FROM unnest(${sql.val([...people])}::bigint[]) WITH ORDINALITY AS n(id, ord)
      JOIN people p ON p.id = n.id
      LEFT JOIN cases c ON c.person_id = n.id
      LEFT JOIN contact_degrees cd ON cd.person_id = n.id
     ORDER BY n.ord`.execute(db)
  return rows.map((r) => ({ ...r, id: Number(r.id), caseId: r.caseId === null ? null : Number(r.caseId) }))
}

export interface EdgeRow {
  id: number
  source: number
  target: number
  date: string
  setting: string
}

/** The exposures between people of the graph dated in the range (at most `max`). */
export async function graphExposures(db: Db, people: readonly number[], range: DateRange, max: number): Promise<EdgeRow[]> {
  if (people.length === 0) return []
  const { rows } = await sql<EdgeRow>`
    WITH n AS (SELECT unnest(${ids(people)}) AS id)
    SELECT e.id, e.source_person_id AS source, e.person_id AS target, e.exposed_on::text AS date, e.setting
      FROM n a
      JOIN exposures e ON e.person_id = a.id
      JOIN n b ON b.id = e.source_person_id
     WHERE ${dateIn(sql`e.exposed_on`, range)}
     ORDER BY e.exposed_on, e.id
     LIMIT ${max}`.execute(db)
  return rows.map((r) => ({ ...r, id: Number(r.id), source: Number(r.source), target: Number(r.target) }))
}

export interface SourceLinkRow {
  source: number
  target: number
  date: string | null
}

/** Source links (a case infected by another case) between people of the graph. */
export async function graphSourceLinks(db: Db, people: readonly number[], range: DateRange, max: number): Promise<SourceLinkRow[]> {
  if (people.length === 0) return []
  const { rows } = await sql<SourceLinkRow>`
    WITH n AS (SELECT unnest(${ids(people)}) AS id)
    SELECT s.person_id AS source, c.person_id AS target, ${caseDay('c')}::text AS date
      FROM n a
      JOIN cases c ON c.person_id = a.id
      JOIN cases s ON s.id = c.source_case_id
      JOIN n b ON b.id = s.person_id
     WHERE ${dateIn(caseDay('c'), range)}
     LIMIT ${max}`.execute(db)
  return rows.map((r) => ({ ...r, source: Number(r.source), target: Number(r.target) }))
}
