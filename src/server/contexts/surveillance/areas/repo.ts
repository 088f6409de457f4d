import { type Kysely, type RawBuilder, sql } from 'kysely'
import { type Access, likePrefix, withinJurisdiction } from '../../../platform/context.ts'
import type { DB, ZonesTable } from '../../../platform/schema.ts'

// Clusters and zones. Both belong to a unit (the one that declared the cluster or decided the
// zone) and are seen by the users of that unit, of the units above it and of the units inside it
// (a province's lockdown is on every commune's map); they are changed only inside the caller's
// jurisdiction. The cases of a cluster are person-level: listed and attached only inside it.

type Db = Kysely<DB>

/** SQL condition: the unit of `pathColumn` lies inside `path`, or on the way from the root to it. */
export function onPathOrWithin(path: string, pathColumn: string) {
  return sql<boolean>`(${sql.ref(pathColumn)} LIKE ${likePrefix(path)} OR starts_with(${path}, ${sql.ref(pathColumn)}))`
}

/** The day a case counts for its cluster: confirmed, else sampled, else onset, else entered. */
const CASE_DAY = sql`COALESCE(c.confirmed_date, c.sample_date, c.onset_date, (c.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`

/**
 * The cluster-closing period in force on `day` for the cluster `cl`: the latest dated rule on or
 * before the day, a province's own preferred to the national one of the same date (as for the
 * infectious window).
 */
const closeDaysOn = (day: string) => sql`(
  SELECT sr.cluster_close_days FROM surveillance_rules sr LEFT JOIN units ru ON ru.id = sr.unit_id
   WHERE sr.valid_from <= ${day}::date AND (sr.unit_id IS NULL OR starts_with(cl.unit_path, ru.path))
   ORDER BY sr.valid_from DESC, (sr.unit_id IS NOT NULL) DESC LIMIT 1)`

// ---------------------------------------------------------------------------------- clusters

function clustersQuery(db: Db, access: Access, today: string) {
  return db
    .selectFrom('clusters as cl')
    .innerJoin('units as u', 'u.id', 'cl.unitId')
    // Count and first and last case day of the cluster, from its cases (discarded ones left out).
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('cases as c')
          .select([
            sql<number>`count(*)::int`.as('caseCount'),
            sql<string | null>`min(${CASE_DAY})`.as('firstCaseOn'),
            sql<string | null>`max(${CASE_DAY})`.as('lastCaseOn'),
          ])
          .whereRef('c.clusterId', '=', 'cl.id')
          .where('c.classification', '<>', 'discarded')
          .as('st'),
      (join) => join.onTrue(),
    )
    .select([
      'cl.id',
      'cl.code',
      'cl.name',
      'u.code as unitCode',
      'u.name as unitName',
      'cl.unitPath',
      'cl.place',
      'cl.status',
      'cl.openedOn',
      'cl.closedOn',
      'cl.note',
      'st.caseCount',
      'st.firstCaseOn',
      'st.lastCaseOn',
      sql<number | null>`${closeDaysOn(today)}`.as('closeDays'),
    ])
    .where(onPathOrWithin(access.unitPath, 'cl.unitPath'))
}
export type ClusterRow = Awaited<ReturnType<ReturnType<typeof clustersQuery>['executeTakeFirstOrThrow']>>

export function findCluster(db: Db, access: Access, id: number, today: string) {
  return clustersQuery(db, access, today).where('cl.id', '=', id).executeTakeFirst()
}

/** Clusters the caller sees, newest first, each with its case figures (computed for the page only). */
export async function listClusters(db: Db, access: Access, today: string, f: { unitPath: string | null; status?: 'active' | 'closed' | undefined; limit: number; offset: number }) {
  let base = db.selectFrom('clusters as cl').where(onPathOrWithin(access.unitPath, 'cl.unitPath'))
  if (f.unitPath) base = base.where(onPathOrWithin(f.unitPath, 'cl.unitPath'))
  if (f.status) base = base.where('cl.status', '=', f.status)
  const [ids, total] = await Promise.all([
    base.select('cl.id').orderBy('cl.openedOn', 'desc').orderBy('cl.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  const page = ids.map((r) => r.id)
  const rows = page.length === 0 ? [] : await clustersQuery(db, access, today).where(sql<boolean>`cl.id = ANY(${page}::bigint[])`).execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return { rows: page.flatMap((id) => byId.get(id) ?? []), total: Number(total.n) }
}

export function clusterByCode(db: Db, code: string) {
  return db.selectFrom('clusters').select(['id', 'unitPath']).where('code', '=', code).executeTakeFirst()
}

export interface ClusterValues {
  code: string
  name: string
  unitId: string
  unitPath: string
  place: string | null
  openedOn: string
  note: string | null
}

export async function insertCluster(db: Db, v: ClusterValues): Promise<number> {
  const r = await db.insertInto('clusters').values(v).returning('id').executeTakeFirstOrThrow()
  return r.id
}

export async function updateCluster(db: Db, access: Access, id: number, v: Partial<ClusterValues>): Promise<void> {
  await db
    .updateTable('clusters as cl')
    .set({ ...v, updatedAt: new Date() })
    .where('cl.id', '=', id)
    .where(withinJurisdiction(access, 'cl.unitPath'))
    .execute()
}

/** A page of a cluster's cases inside the caller's jurisdiction, latest first, and their number. */
export async function clusterCases(db: Db, access: Access, clusterId: number, f: { limit: number; offset: number }) {
  const base = db.selectFrom('cases as c').where('c.clusterId', '=', clusterId).where(withinJurisdiction(access, 'c.unitPath'))
  const [rows, total] = await Promise.all([
    base
      .innerJoin('people as p', 'p.id', 'c.personId')
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .select([
        'c.id',
        'c.code',
        'c.personId',
        'p.fullName',
        'u.code as unitCode',
        'u.name as unitName',
        'c.unitPath',
        'c.classification',
        'c.onsetDate',
        'c.sampleDate',
        'c.confirmedDate',
        'c.sourceKind',
        sql<string>`${CASE_DAY}`.as('caseDay'),
      ])
      .orderBy(sql`${CASE_DAY}`, 'desc')
      .orderBy('c.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

/** The cases among `ids` inside the caller's jurisdiction, locked until the transaction ends. */
export function lockCasesWithin(db: Db, access: Access, ids: number[]) {
  return db
    .selectFrom('cases as c')
    .select(['c.id', 'c.clusterId', 'c.unitPath'])
    .where(sql<boolean>`c.id = ANY(${ids}::bigint[])`)
    .where(withinJurisdiction(access, 'c.unitPath'))
    .orderBy('c.id')
    .forUpdate()
    .execute()
}

export async function setCasesCluster(db: Db, access: Access, ids: number[], clusterId: number | null): Promise<void> {
  if (ids.length === 0) return
  await db
    .updateTable('cases as c')
    .set({ clusterId, updatedAt: new Date() })
    .where(sql<boolean>`c.id = ANY(${ids}::bigint[])`)
    .where(withinJurisdiction(access, 'c.unitPath'))
    .execute()
}

/**
 * Brings clusters' status in line with the closing rule on `today` (clusters.ts, `clusterStateOn`,
 * in SQL): closed, dated the day its quiet period ran out, once `cluster_close_days` have passed
 * since the later of its last case and its opening; active again otherwise. `scope` picks the
 * clusters. Answers the ids changed and their new status.
 */
function closeDueSql(today: string, scope: RawBuilder<boolean>) {
  return sql<{ id: number; status: 'active' | 'closed' }>`
    WITH s AS (
      SELECT cl.id, GREATEST(cl.opened_on, max(${CASE_DAY})) + ${closeDaysOn(today)} AS closes_on
        FROM clusters cl
        LEFT JOIN cases c ON c.cluster_id = cl.id AND c.classification <> 'discarded'
       WHERE ${scope}
       GROUP BY cl.id
    ),
    target AS (
      SELECT id, CASE WHEN closes_on <= ${today}::date THEN 'closed' ELSE 'active' END AS status,
             CASE WHEN closes_on <= ${today}::date THEN closes_on END AS closed_on
        FROM s WHERE closes_on IS NOT NULL
    )
    UPDATE clusters cl SET status = target.status, closed_on = target.closed_on, updated_at = now()
      FROM target
     WHERE cl.id = target.id AND (cl.status, cl.closed_on) IS DISTINCT FROM (target.status, target.closed_on)
    RETURNING cl.id, cl.status`
}

/** Re-evaluates these clusters after their cases changed (attach, detach): closes or reopens. */
export async function refreshClusters(db: Db, ids: number[], today: string) {
  if (ids.length === 0) return []
  return (await closeDueSql(today, sql<boolean>`cl.id = ANY(${ids}::bigint[])`).execute(db)).rows
}

/**
 * The daily pass: active clusters whose quiet period has run out close; a closed cluster one of
 * whose cases changed since it closed (a case attached by another route) is re-evaluated too.
 */
export async function sweepClusters(db: Db, today: string) {
  const scope = sql<boolean>`(cl.status = 'active' OR EXISTS (SELECT 1 FROM cases cc WHERE cc.cluster_id = cl.id AND cc.updated_at > cl.updated_at))`
  return (await closeDueSql(today, scope).execute(db)).rows
}

// ------------------------------------------------------------------------------------- zones

function zonesQuery(db: Db, access: Access) {
  return db
    .selectFrom('zones as z')
    .innerJoin('units as u', 'u.id', 'z.unitId')
    .leftJoin('clusters as cl', 'cl.id', 'z.clusterId')
    .select([
      'z.id',
      'z.name',
      'z.kind',
      'u.code as unitCode',
      'u.name as unitName',
      'z.unitPath',
      'z.unitIds',
      'z.geometry',
      'z.startsOn',
      'z.endsOn',
      'z.measures',
      'z.decisionNo',
      'z.liftDecisionNo',
      'z.liftDecidedOn',
      'z.clusterId',
      'cl.code as clusterCode',
      'cl.name as clusterName',
    ])
    .where(onPathOrWithin(access.unitPath, 'z.unitPath'))
}
export type ZoneRow = Awaited<ReturnType<ReturnType<typeof zonesQuery>['executeTakeFirstOrThrow']>>

export function findZone(db: Db, access: Access, id: number) {
  return zonesQuery(db, access).where('z.id', '=', id).executeTakeFirst()
}

/** Zones in force on `day` the caller sees (optionally about one unit and one kind), newest first, at most `limit`. */
export function zonesActiveOn(db: Db, access: Access, f: { day: string; unitPath: string | null; kind?: ZonesTable['kind'] | undefined; limit: number }) {
  let q = zonesQuery(db, access)
    .where('z.startsOn', '<=', f.day)
    .where((eb) => eb.or([eb('z.endsOn', 'is', null), eb('z.endsOn', '>=', f.day)]))
  if (f.unitPath) q = q.where(onPathOrWithin(f.unitPath, 'z.unitPath'))
  if (f.kind) q = q.where('z.kind', '=', f.kind)
  return q.orderBy('z.startsOn', 'desc').orderBy('z.id', 'desc').limit(f.limit).execute()
}

/** Units by id, and whether an outline (unit_boundaries) is loaded for each. */
export function unitsOf(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('units as u')
    .select(['u.id', 'u.code', 'u.name', sql<boolean>`EXISTS (SELECT 1 FROM unit_boundaries b WHERE b.unit_id = u.id)`.as('outlined')])
    .where(sql<boolean>`u.id = ANY(${ids}::text[])`)
    .execute()
}

/** The outlines of these units (GeoJSON geometries). */
export function outlinesOf(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('unitBoundaries as b').select(['b.unitId', 'b.geometry']).where(sql<boolean>`b.unit_id = ANY(${ids}::text[])`).execute()
}

/** Whether a job of `kind` is waiting or running, or was run for `day` (its payload names the day, by the server's clock). */
export async function clusterCloseQueuedOrDone(db: Db, kind: string, day: string): Promise<boolean> {
  const r = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', kind)
    .where((eb) =>
      eb.or([eb('status', 'in', ['queued', 'running']), eb.and([eb('status', '=', 'done'), sql<boolean>`payload->>'day' = ${day}`])]),
    )
    .limit(1)
    .executeTakeFirst()
  return !!r
}

/** Units by code valid on `day`, with their paths. */
export function unitsByCodes(db: Db, codes: string[], day: string) {
  if (codes.length === 0) return Promise.resolve([])
  return db
    .selectFrom('units as u')
    .select(['u.id', 'u.code', 'u.name', 'u.path', 'u.level'])
    .where(sql<boolean>`u.code = ANY(${codes}::text[])`)
    .where((eb) => eb.or([eb('u.validFrom', 'is', null), eb('u.validFrom', '<=', day)]))
    .where((eb) => eb.or([eb('u.validTo', 'is', null), eb('u.validTo', '>=', day)]))
    .execute()
}

export interface ZoneValues {
  name: string
  kind: ZonesTable['kind']
  unitId: string
  unitPath: string
  unitIds: string[]
  geometry: string | null
  startsOn: string
  endsOn: string | null
  measures: string | null
  decisionNo: string | null
  clusterId: number | null
}

export async function insertZone(db: Db, v: ZoneValues): Promise<number> {
  const r = await db.insertInto('zones').values(v).returning('id').executeTakeFirstOrThrow()
  return r.id
}

/** Changes a zone inside the jurisdiction; a lifting sets its last day and the decision that lifted it. */
export async function updateZone(db: Db, access: Access, id: number, v: Partial<ZoneValues> & { liftDecisionNo?: string | null; liftDecidedOn?: string | null }): Promise<void> {
  await db
    .updateTable('zones as z')
    .set({ ...v, updatedAt: new Date() })
    .where('z.id', '=', id)
    .where(withinJurisdiction(access, 'z.unitPath'))
    .execute()
}

export async function deleteZone(db: Db, access: Access, id: number): Promise<boolean> {
  const r = await db.deleteFrom('zones as z').where('z.id', '=', id).where(withinJurisdiction(access, 'z.unitPath')).executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}
