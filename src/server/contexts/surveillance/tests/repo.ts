import { type Kysely, type SelectQueryBuilder, sql } from 'kysely'
import { type Access, likePrefix, withinJurisdiction } from '../../../platform/context.ts'
import type { DB, TestsTable } from '../../../platform/schema.ts'
import { onPathOrWithin } from '../areas/repo.ts'

// Tests, pools and campaigns. Every query answering a caller takes the caller's Access and filters
// by jurisdiction in SQL: a test or pool by the path of its person (the pool's is the common unit of
// its members); a campaign is seen by the users of its area and of the units above and inside it.

type Db = Kysely<DB>
export type TestMethod = TestsTable['method']
export type TestResult = NonNullable<TestsTable['result']>

/** Counts stop here: a list says "more than 10,000" rather than counting millions of rows. */
export const COUNT_CAP = 10_000

/** A capped count of a filtered query: at most COUNT_CAP + 1 rows are read. */
async function cappedCount<D, T extends keyof D, O>(db: Db, q: SelectQueryBuilder<D, T, O>): Promise<{ total: number; capped: boolean }> {
  const r = await db
    .selectFrom(q.clearSelect().select(sql<number>`1`.as('one')).clearOrderBy().limit(COUNT_CAP + 1).as('s'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const n = Number(r.n)
  return n > COUNT_CAP ? { total: COUNT_CAP, capped: true } : { total: n, capped: false }
}

/**
 * The unit paths at or below `prefix`, as an array: the only values a person's path (and so a
 * test's) can take there. `unit_path = ANY(this)` lets the (unit_path, sample_date) index be probed
 * once per unit for a date range, instead of walking every test of the subtree's history.
 */
const pathsUnder = (prefix: string) => sql`ARRAY(SELECT u.path COLLATE "C" FROM units u WHERE u.path LIKE ${likePrefix(prefix)})`

/**
 * A case covering a positive sample: one that is not discarded and had not ended (recovered, died,
 * transferred) before the sample was taken. A positive result without one proposes a case (a
 * reinfection after an outcome too).
 */
const caseCovers = (personCol: string, sampleCol: string) =>
  sql<boolean>`EXISTS (SELECT 1 FROM cases c WHERE c.person_id = ${sql.ref(personCol)} AND c.classification <> 'discarded'
    AND (c.outcome IS NULL OR c.outcome_date >= ${sql.ref(sampleCol)}))`

// ------------------------------------------------------------------------------------ people

/** The people among `ids` inside the caller's jurisdiction (others simply are not returned). */
export function peopleWithin(db: Db, access: Access, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('people as p')
    .select(['p.id', 'p.fullName', 'p.unitPath'])
    .where(sql<boolean>`p.id = ANY(${ids}::bigint[])`)
    .where(withinJurisdiction(access, 'p.unitPath'))
    .execute()
}

/** The person's case, when inside the caller's jurisdiction, and whether it covers a sample taken on `sampleDate`. */
export async function caseOf(db: Db, access: Access, personId: number, sampleDate: string) {
  return db
    .selectFrom('cases as c')
    .select(['c.id', 'c.classification', sql<boolean>`c.classification <> 'discarded' AND (c.outcome IS NULL OR c.outcome_date >= ${sampleDate}::date)`.as('covers')])
    .where('c.personId', '=', personId)
    .where(withinJurisdiction(access, 'c.unitPath'))
    .executeTakeFirst()
}

// ------------------------------------------------------------------------------------- tests

function testsQuery(db: Db, access: Access) {
  return db
    .selectFrom('tests as t')
    .innerJoin('people as p', 'p.id', 't.personId')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .leftJoin('testPools as tp', 'tp.id', 't.poolId')
    .leftJoin('testCampaigns as tc', 'tc.id', 't.campaignId')
    .select([
      't.id',
      't.personId',
      'p.fullName',
      'u.code as unitCode',
      'u.name as unitName',
      't.unitPath',
      't.method',
      't.status',
      't.plannedOn',
      't.sampleDate',
      't.resultDate',
      't.result',
      't.ct',
      't.lab',
      't.poolId',
      'tp.code as poolCode',
      't.retestOfPoolId',
      't.campaignId',
      'tc.name as campaignName',
    ])
    .where(withinJurisdiction(access, 't.unitPath'))
}
export type TestRow = Awaited<ReturnType<ReturnType<typeof testsQuery>['executeTakeFirstOrThrow']>>

export function findTest(db: Db, access: Access, id: number) {
  return testsQuery(db, access).where('t.id', '=', id).executeTakeFirst()
}

/** The test as stored, locked until the transaction ends; only inside the jurisdiction. */
export function lockTest(db: Db, access: Access, id: number) {
  return db.selectFrom('tests as t').selectAll('t').where('t.id', '=', id).where(withinJurisdiction(access, 't.unitPath')).forUpdate().executeTakeFirst()
}

/** Rows in a given order of ids (a page found by ids first). */
async function testsByIds(db: Db, access: Access, ids: number[]): Promise<TestRow[]> {
  if (ids.length === 0) return []
  const rows = await testsQuery(db, access).where(sql<boolean>`t.id = ANY(${ids}::bigint[])`).execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** The sample a person already has on that day by that method (one per person, day and method). */
export function sameSample(db: Db, personIds: number[], sampleDate: string, method: TestMethod, pooled: boolean) {
  return db
    .selectFrom('tests as t')
    .innerJoin('people as p', 'p.id', 't.personId')
    .select(['t.id', 't.personId', 'p.fullName'])
    .where(sql<boolean>`t.person_id = ANY(${personIds}::bigint[])`)
    .where('t.sampleDate', '=', sampleDate)
    .where('t.method', '=', method)
    .where(sql<boolean>`(t.pool_id IS NOT NULL) = ${pooled}`)
    .execute()
}

export interface TestValues {
  personId: number
  method: TestMethod
  status: 'planned' | 'sampled' | 'resulted'
  plannedOn?: string | null
  sampleDate: string | null
  resultDate?: string | null
  result?: TestResult | null
  ct?: number | null
  lab: string
  poolId?: number | null
  retestOfPoolId?: number | null
  campaignId?: number | null
}

/** Inserts a test; its path is its person's (copied by the table's trigger). */
export async function insertTest(db: Db, v: TestValues): Promise<number> {
  const r = await db.insertInto('tests').values(v).returning('id').executeTakeFirstOrThrow()
  return r.id
}

export async function updateTest(
  db: Db,
  access: Access,
  id: number,
  v: Partial<Pick<TestValues, 'sampleDate' | 'resultDate' | 'result' | 'ct' | 'lab'>> & { status?: TestValues['status'] | 'cancelled' },
) {
  await db
    .updateTable('tests as t')
    .set({ ...v, updatedAt: new Date() })
    .where('t.id', '=', id)
    .where(withinJurisdiction(access, 't.unitPath'))
    .execute()
}

export interface TestFilter {
  /** The unit subtree asked for (inside the caller's). */
  prefix: string
  /** Sample dates, inclusive; null with a pool (its tests are few). */
  from: string | null
  to: string | null
  method?: TestMethod | undefined
  result?: TestResult | undefined
  lab?: string | undefined
  campaignId?: number | undefined
  poolId?: number | undefined
  limit: number
  offset: number
}

/** The tests of the filter that its indexes find: area, dates, campaign, pool. */
function indexedTests(db: Db, access: Access, f: TestFilter) {
  let q = db.selectFrom('tests as t').where(withinJurisdiction(access, 't.unitPath'))
  if (f.prefix !== '/') q = q.where(sql<boolean>`t.unit_path = ANY(${pathsUnder(f.prefix)})`)
  if (f.from !== null) q = q.where('t.sampleDate', '>=', f.from)
  if (f.to !== null) q = q.where('t.sampleDate', '<=', f.to)
  if (f.campaignId !== undefined) q = q.where('t.campaignId', '=', f.campaignId)
  if (f.poolId !== undefined) q = q.where('t.poolId', '=', f.poolId)
  return q
}

/** The filters no index serves (checked on each row read), over columns `method`, `result`, `lab` of `alias`. */
function rowConditions(f: TestFilter, alias: string) {
  const out = []
  if (f.method) out.push(sql<boolean>`${sql.ref(`${alias}.method`)} = ${f.method}`)
  if (f.result) out.push(sql<boolean>`${sql.ref(`${alias}.result`)} = ${f.result}`)
  if (f.lab !== undefined) out.push(sql<boolean>`${sql.ref(`${alias}.lab`)} = ${f.lab}`)
  return out
}

function filteredTests(db: Db, access: Access, f: TestFilter) {
  const conditions = rowConditions(f, 't')
  const q = indexedTests(db, access, f)
  return conditions.length === 0 ? q : q.where(sql<boolean>`${sql.join(conditions, sql` AND `)}`)
}

const shiftDay = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/**
 * A page of samples, newest first (sample date, then id), and a capped count.
 *
 * At 10M tests no index gives this order inside a jurisdiction: (unit_path, sample_date, id) orders
 * within one unit only. So each unit of the subtree gives its own first `offset + limit` rows from
 * that index (or from the partial index of positive results when only those are asked for), and the
 * page is the first of them all: about a page per unit that has samples in the window, read from
 * the index alone, whatever the window's size. Filters without an index of their own (method, lab)
 * are checked on the rows each unit reads. A campaign or a pool has an index of its own and few
 * rows: the window there is walked back from its end instead (1, 4, 16… days), which stops as soon
 * as the span holds the page. The count reads at most COUNT_CAP + 1 entries of the (unit_path,
 * sample_date) index; with row filters it is what was read (exact when the units ran out before
 * filling the page, else "at least" that many) rather than a second pass over the window.
 */
export async function listTests(db: Db, access: Access, f: TestFilter): Promise<{ rows: TestRow[]; total: number; capped: boolean }> {
  const need = f.offset + f.limit
  let ids: { id: number }[]
  if (f.from !== null && f.to !== null && f.campaignId === undefined && f.poolId === undefined) {
    const conditions = rowConditions(f, 't')
    const r = await sql<{ id: number }>`
      SELECT x.id FROM units u CROSS JOIN LATERAL (
        SELECT t.id, t.sample_date FROM tests t
         WHERE t.unit_path = u.path COLLATE "C" AND t.sample_date >= ${f.from}::date AND t.sample_date <= ${f.to}::date
           ${conditions.length > 0 ? sql`AND ${sql.join(conditions, sql` AND `)}` : sql``}
         ORDER BY t.sample_date DESC, t.id DESC LIMIT ${need}) x
       WHERE ${withinJurisdiction(access, 'u.path')} AND u.path LIKE ${likePrefix(f.prefix)}
       ORDER BY x.sample_date DESC, x.id DESC LIMIT ${need}`.execute(db)
    ids = r.rows.map((x) => ({ id: Number(x.id) }))
  } else {
    const base = filteredTests(db, access, f)
    const page = (from: string | null) =>
      (from === null ? base : base.where('t.sampleDate', '>=', from))
        .select(['t.id'])
        .orderBy('t.sampleDate', 'desc')
        .orderBy('t.id', 'desc')
        .limit(need)
        .execute()
    ids = []
    if (f.from === null || f.to === null) ids = await page(null)
    else {
      for (let span = 1; ; span *= 4) {
        const start = shiftDay(f.to, 1 - span)
        const reachedStart = start <= f.from
        ids = await page(reachedStart ? null : start)
        if (ids.length >= need || reachedStart) break
      }
    }
  }
  // Row filters would make an exact count read every row of the window: the reading answers
  // instead (all of them when it ran out before filling the page, else "at least").
  const count = rowConditions(f, 't').length === 0 ? await cappedCount(db, indexedTests(db, access, f)) : { total: ids.length, capped: ids.length >= need }
  return { rows: await testsByIds(db, access, ids.slice(f.offset).map((r) => r.id)), ...count }
}

/** Tests planned for a day in the subtree: (planned_on, unit_path) index, in unit order. */
export async function listPlanned(db: Db, access: Access, f: { prefix: string; date: string; limit: number; offset: number }) {
  const base = db
    .selectFrom('tests as t')
    .where('t.status', '=', 'planned')
    .where('t.plannedOn', '=', f.date)
    .where('t.unitPath', 'like', likePrefix(f.prefix))
    .where(withinJurisdiction(access, 't.unitPath'))
  const ids = await base.select('t.id').orderBy('t.unitPath').orderBy('t.id').limit(f.limit).offset(f.offset).execute()
  const [rows, count] = await Promise.all([testsByIds(db, access, ids.map((r) => r.id)), cappedCount(db, base)])
  return { rows, ...count }
}

/**
 * Positive results of people without a case covering them, newest result first: the partial
 * index on positive results (result_date, unit_path) gives the order and the area; each candidate
 * is checked against the person's case (unique by person). One row per positive test.
 */
export async function listProposals(db: Db, access: Access, f: { prefix: string; from: string; to: string; limit: number; offset: number }) {
  const base = db
    .selectFrom('tests as t')
    .where('t.result', '=', 'positive')
    .where('t.resultDate', '>=', f.from)
    .where('t.resultDate', '<=', f.to)
    .where('t.unitPath', 'like', likePrefix(f.prefix))
    .where(withinJurisdiction(access, 't.unitPath'))
    .where(sql<boolean>`NOT ${caseCovers('t.personId', 't.sampleDate')}`)
  const ids = await base.select('t.id').orderBy('t.resultDate', 'desc').orderBy('t.id', 'desc').limit(f.limit).offset(f.offset).execute()
  const [rows, count] = await Promise.all([testsByIds(db, access, ids.map((r) => r.id)), cappedCount(db, base)])
  return { rows, ...count }
}

// ------------------------------------------------------------------------------------- pools

function poolsQuery(db: Db, access: Access) {
  return db
    .selectFrom('testPools as tp')
    .leftJoin('testCampaigns as tc', 'tc.id', 'tp.campaignId')
    .select(['tp.id', 'tp.code', 'tp.lab', 'tp.sampleDate', 'tp.resultDate', 'tp.result', 'tp.ct', 'tp.unitPath', 'tp.campaignId', 'tc.name as campaignName'])
    .where(withinJurisdiction(access, 'tp.unitPath'))
}
export type PoolRow = Awaited<ReturnType<ReturnType<typeof poolsQuery>['executeTakeFirstOrThrow']>>

export function findPool(db: Db, access: Access, id: number, lock = false) {
  const q = poolsQuery(db, access).where('tp.id', '=', id)
  return (lock ? q.forUpdate(['tp']) : q).executeTakeFirst()
}

export function poolByCode(db: Db, lab: string, code: string) {
  return db.selectFrom('testPools').select(['id', 'unitPath']).where('lab', '=', lab).where('code', '=', code).executeTakeFirst()
}

export async function insertPool(db: Db, v: { code: string; lab: string; sampleDate: string; unitPath: string; campaignId: number | null }): Promise<number> {
  const r = await db.insertInto('testPools').values(v).returning('id').executeTakeFirstOrThrow()
  return r.id
}

export type PoolResult = 'pending' | 'positive' | 'negative' | 'inconclusive'

export interface PoolFilter {
  /** The subtree listed (inside the caller's jurisdiction). */
  prefix: string
  from: string
  to: string
  result?: PoolResult | undefined
  campaignId?: number | undefined
  limit: number
  offset: number
}

/**
 * Pools whose unit (the common unit of their members) lies in the subtree, sampled in the window,
 * newest first, by the (unit_path, sample_date) index. Each row of the page counts its members and
 * its individual retests (positive, still to do) through the pool indexes of tests.
 */
export async function listPools(db: Db, access: Access, f: PoolFilter) {
  let base = db
    .selectFrom('testPools as tp')
    .where('tp.unitPath', 'like', likePrefix(f.prefix))
    .where(withinJurisdiction(access, 'tp.unitPath'))
    .where('tp.sampleDate', '>=', f.from)
    .where('tp.sampleDate', '<=', f.to)
  if (f.result !== undefined) base = base.where('tp.result', '=', f.result)
  if (f.campaignId !== undefined) base = base.where('tp.campaignId', '=', f.campaignId)
  const page = base
    .select(['tp.id', 'tp.sampleDate'])
    .orderBy('tp.sampleDate', 'desc')
    .orderBy('tp.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .as('pg')
  const rows = await db
    .selectFrom(page)
    .innerJoin('testPools as tp', 'tp.id', 'pg.id')
    .leftJoin('testCampaigns as tc', 'tc.id', 'tp.campaignId')
    .leftJoin('units as u', 'u.path', 'tp.unitPath')
    .select([
      'tp.id',
      'tp.code',
      'tp.lab',
      'tp.sampleDate',
      'tp.resultDate',
      'tp.result',
      'tp.ct',
      'tp.unitPath',
      'tp.campaignId',
      'tc.name as campaignName',
      'u.code as unitCode',
      'u.name as unitName',
      sql<number>`(SELECT count(*) FROM tests m WHERE m.pool_id = tp.id)`.as('size'),
      sql<number>`(SELECT count(DISTINCT r.person_id) FROM tests r WHERE r.retest_of_pool_id = tp.id AND r.result = 'positive')`.as('membersPositive'),
      sql<number>`(SELECT count(*) FROM tests r WHERE r.retest_of_pool_id = tp.id AND r.status IN ('planned', 'sampled'))`.as('retestsOpen'),
    ])
    .orderBy('tp.sampleDate', 'desc')
    .orderBy('tp.id', 'desc')
    .execute()
  return { rows, ...(await cappedCount(db, base)) }
}

/** One sampled PCR test per member, in one statement. */
export async function insertPoolMembers(db: Db, pool: { id: number; lab: string; sampleDate: string; campaignId: number | null }, personIds: number[]): Promise<void> {
  await sql`INSERT INTO tests (person_id, method, status, sample_date, lab, pool_id, campaign_id)
    SELECT m.person_id, 'pcr', 'sampled', ${pool.sampleDate}::date, ${pool.lab}, ${pool.id}, ${pool.campaignId}::bigint
      FROM unnest(${personIds}::bigint[]) AS m(person_id)`.execute(db)
}

export async function setPoolResult(db: Db, id: number, v: { result: 'positive' | 'negative'; resultDate: string; ct: number | null }): Promise<void> {
  await db.updateTable('testPools').set(v).where('id', '=', id).execute()
}

/**
 * Applies a pool's result to its members' samples still waiting: negative to each; positive makes
 * them inconclusive and opens one planned individual retest per member (none twice), planned for
 * the result day. Answers the number of retests opened.
 */
export async function applyPoolResult(db: Db, pool: { id: number; lab: string; campaignId: number | null }, result: 'positive' | 'negative', resultDate: string): Promise<number> {
  const memberResult = result === 'negative' ? 'negative' : 'inconclusive'
  await sql`UPDATE tests SET status = 'resulted', result = ${memberResult}, result_date = ${resultDate}::date, updated_at = now()
    WHERE pool_id = ${pool.id} AND status = 'sampled'`.execute(db)
  if (result === 'negative') return 0
  const r = await sql`INSERT INTO tests (person_id, method, status, planned_on, lab, retest_of_pool_id, campaign_id)
    SELECT m.person_id, 'pcr', 'planned', ${resultDate}::date, ${pool.lab}, ${pool.id}, ${pool.campaignId}::bigint
      FROM tests m
     WHERE m.pool_id = ${pool.id} AND m.result = 'inconclusive'
       AND NOT EXISTS (SELECT 1 FROM tests r WHERE r.retest_of_pool_id = ${pool.id} AND r.person_id = m.person_id)`.execute(db)
  return Number(r.numAffectedRows ?? 0)
}

/** A pool's members with their pooled sample and their individual retest (the latest), inside the jurisdiction. */
export function poolMembers(db: Db, access: Access, poolId: number) {
  return db
    .selectFrom('tests as m')
    .innerJoin('people as p', 'p.id', 'm.personId')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('tests as r')
          .select(['r.id', 'r.status', 'r.plannedOn', 'r.sampleDate', 'r.resultDate', 'r.result', 'r.ct'])
          .where('r.retestOfPoolId', '=', poolId)
          .whereRef('r.personId', '=', 'm.personId')
          .orderBy('r.id', 'desc')
          .limit(1)
          .as('r'),
      (join) => join.onTrue(),
    )
    .select([
      'm.personId',
      'p.fullName',
      'u.code as unitCode',
      'u.name as unitName',
      'm.id as testId',
      'm.status',
      'm.result',
      'm.resultDate',
      'r.id as retestId',
      'r.status as retestStatus',
      'r.plannedOn as retestPlannedOn',
      'r.sampleDate as retestSampleDate',
      'r.resultDate as retestResultDate',
      'r.result as retestResult',
      'r.ct as retestCt',
    ])
    .where('m.poolId', '=', poolId)
    .where(withinJurisdiction(access, 'm.unitPath'))
    .orderBy('p.nameSort')
    .orderBy('m.id')
    .execute()
}

// --------------------------------------------------------------------------------- campaigns

function campaignsQuery(db: Db, access: Access) {
  return db
    .selectFrom('testCampaigns as tc')
    .innerJoin('units as u', 'u.id', 'tc.unitId')
    .select([
      'tc.id',
      'tc.name',
      'u.code as unitCode',
      'u.name as unitName',
      'u.level as unitLevel',
      'tc.unitId',
      'tc.unitPath',
      'tc.startsOn',
      'tc.endsOn',
      'tc.method',
      'tc.targetPeople',
      'tc.note',
    ])
    .where(onPathOrWithin(access.unitPath, 'tc.unitPath'))
}
export type CampaignRow = Awaited<ReturnType<ReturnType<typeof campaignsQuery>['executeTakeFirstOrThrow']>>

/** A campaign the caller sees (of their area, above or inside it). */
export function findCampaign(db: Db, access: Access, id: number) {
  return campaignsQuery(db, access).where('tc.id', '=', id).executeTakeFirst()
}

export async function listCampaigns(db: Db, access: Access, f: { unitPath: string | null; activeOn: string | null; limit: number; offset: number }) {
  let q = campaignsQuery(db, access)
  if (f.unitPath) q = q.where(onPathOrWithin(f.unitPath, 'tc.unitPath'))
  if (f.activeOn) q = q.where('tc.startsOn', '<=', f.activeOn).where('tc.endsOn', '>=', f.activeOn)
  const [rows, total] = await Promise.all([
    q.orderBy('tc.startsOn', 'desc').orderBy('tc.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

export interface CampaignValues {
  name: string
  unitId: string
  unitPath: string
  startsOn: string
  endsOn: string
  method: TestMethod
  targetPeople: number | null
  note: string | null
}

export async function insertCampaign(db: Db, v: CampaignValues): Promise<number> {
  const r = await db.insertInto('testCampaigns').values(v).returning('id').executeTakeFirstOrThrow()
  return r.id
}

export async function updateCampaign(db: Db, access: Access, id: number, v: Partial<CampaignValues>): Promise<void> {
  await db.updateTable('testCampaigns as tc').set(v).where('tc.id', '=', id).where(withinJurisdiction(access, 'tc.unitPath')).execute()
}

/** Samples of a campaign outside its dates (to refuse moving the dates past them). */
export async function campaignSamplesOutside(db: Db, id: number, startsOn: string, endsOn: string): Promise<number> {
  const r = await db
    .selectFrom('tests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaignId', '=', id)
    .where((eb) => eb.or([eb('sampleDate', '<', startsOn), eb('sampleDate', '>', endsOn)]))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

export async function campaignHasTests(db: Db, id: number): Promise<boolean> {
  return !!(await db.selectFrom('tests').select('id').where('campaignId', '=', id).limit(1).executeTakeFirst())
}

/**
 * Coverage of a campaign per commune of its area (the area itself when it is a commune or below),
 * inside the caller's jurisdiction: distinct people sampled in the campaign (planned and cancelled
 * tests do not count) against the commune's latest population. Tests are grouped by their path
 * first (a person's tests all carry the person's path), so the communes are matched to a few
 * hundred paths rather than to every test.
 */
export async function campaignCoverage(db: Db, access: Access, c: { id: number; unitPath: string; unitLevel: string }, today: string) {
  const areaIsCommuneOrBelow = c.unitLevel === 'commune' || c.unitLevel === 'hamlet' || c.unitLevel === 'group'
  const r = await sql<{ code: string; name: string; unitType: string; tested: number; population: number | null }>`
    WITH per_path AS (
      SELECT t.unit_path, count(DISTINCT t.person_id)::int AS tested
        FROM tests t
       WHERE t.campaign_id = ${c.id} AND t.status IN ('sampled', 'resulted')
         AND ${withinJurisdiction(access, 't.unitPath')}
       GROUP BY t.unit_path
    ),
    communes AS (
      SELECT u.id, u.code, u.name, u.unit_type, u.path
        FROM units u
       WHERE ${areaIsCommuneOrBelow ? sql`u.path = ${c.unitPath}` : sql`u.level = 'commune' AND u.path LIKE ${likePrefix(c.unitPath)}`}
         AND (u.valid_from IS NULL OR u.valid_from <= ${today}::date) AND (u.valid_to IS NULL OR u.valid_to >= ${today}::date)
         AND ${withinJurisdiction(access, 'u.path')}
    )
    SELECT cm.code, cm.name, cm.unit_type AS "unitType",
           COALESCE((SELECT sum(pp.tested) FROM per_path pp WHERE pp.unit_path LIKE cm.path || '%'), 0)::int AS tested,
           (SELECT up.population FROM unit_populations up WHERE up.unit_id = cm.id ORDER BY up.year DESC LIMIT 1) AS population
      FROM communes cm
     ORDER BY cm.code`.execute(db)
  return r.rows
}
