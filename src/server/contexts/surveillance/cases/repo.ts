import { type Insertable, type Kysely, type Selectable, sql } from 'kysely'
import { type Access, likePrefix, withinJurisdiction } from '../../../platform/context.ts'
import type { CasesTable, DB, ExposuresTable, SurveillanceRulesTable } from '../../../platform/schema.ts'

// Every query answering a caller takes the caller's Access and filters by jurisdiction in SQL (the
// row's unit_path, which is its person's). The names of other people a record points to (a source
// case, the other end of an exposure, a step of a degree path) are read through `maskedName`: NULL
// when that person lives outside the caller's jurisdiction. Lists of an area are in listRepo.ts.
type Db = Kysely<DB>
export type { CaseListRow } from './listRepo.ts'

/** `name` of `alias` when that person is inside the caller's jurisdiction, else NULL. */
const maskedName = (access: Access, alias: string) =>
  sql<string | null>`CASE WHEN ${sql.ref(`${alias}.unitPath`)} LIKE ${likePrefix(access.unitPath)} THEN ${sql.ref(`${alias}.fullName`)} END`

// --- Rules --------------------------------------------------------------------------------

/**
 * The number of days a contact living at `unitPath` is followed after an exposure on `day`: the
 * rule in force on that day (the latest dated row on or before it, a province's own row preferred
 * to the national one of the same date), as the degrees engine reads it.
 */
export async function contactFollowDays(db: Db, unitPath: string, day: string): Promise<number | null> {
  const r = await sql<{ days: number }>`
    SELECT sr.contact_follow_days AS days
      FROM surveillance_rules sr LEFT JOIN units u ON u.id = sr.unit_id
     WHERE sr.valid_from <= ${day}::date AND (sr.unit_id IS NULL OR ${unitPath} LIKE u.path || '%')
     ORDER BY sr.valid_from DESC, (sr.unit_id IS NOT NULL) DESC
     LIMIT 1`.execute(db)
  return r.rows[0]?.days ?? null
}

/** The rules that can apply inside the caller's jurisdiction: national ones, and those of units above or inside it. */
export function listRules(db: Db, access: Access) {
  return db
    .selectFrom('surveillanceRules as sr')
    .leftJoin('units as u', 'u.id', 'sr.unitId')
    .select([
      'sr.id',
      'sr.validFrom',
      'u.code as unitCode',
      'u.name as unitName',
      'sr.daysBeforeOnset',
      'sr.daysBeforeSample',
      'sr.contactFollowDays',
      'sr.clusterCloseDays',
      'sr.source',
      'sr.confidence',
      'sr.note',
      'sr.createdAt',
    ])
    .where((eb) =>
      eb.or([eb('sr.unitId', 'is', null), withinJurisdiction(access, 'u.path'), sql<boolean>`${access.unitPath} LIKE u.path || '%'`]),
    )
    .orderBy('sr.validFrom', 'desc')
    .orderBy('sr.id', 'desc')
    .execute()
}

/** The province holding the caller's unit (null for a national account). */
export function provinceOfAccess(db: Db, access: Access) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'path'])
    .where('level', '=', 'province')
    .where(sql<boolean>`${access.unitPath} LIKE path || '%'`)
    .orderBy('path', 'desc')
    .executeTakeFirst()
}

export function ruleExists(db: Db, unitId: string | null, validFrom: string) {
  let q = db.selectFrom('surveillanceRules').select('id').where('validFrom', '=', validFrom)
  q = unitId === null ? q.where('unitId', 'is', null) : q.where('unitId', '=', unitId)
  return q.executeTakeFirst()
}

export async function insertRule(db: Db, v: Omit<SurveillanceRulesTable, 'id' | 'createdAt'>): Promise<number> {
  return (await db.insertInto('surveillanceRules').values(v).returning('id').executeTakeFirstOrThrow()).id
}

/** The active sources living under `path` (their windows may move with a new rule). */
export async function sourceCaseIdsUnder(db: Db, path: string): Promise<number[]> {
  const rows = await db.selectFrom('cases').select('id').where('isSource', '=', true).where('unitPath', 'like', likePrefix(path)).execute()
  return rows.map((r) => r.id)
}

// --- People -------------------------------------------------------------------------------

/** A person inside the caller's jurisdiction: id, name and path (for writes that name them). */
export function personInArea(db: Db, access: Access, id: number) {
  return db
    .selectFrom('people as p')
    .select(['p.id', 'p.fullName', 'p.unitPath'])
    .where('p.id', '=', id)
    .where(withinJurisdiction(access, 'p.unitPath'))
    .executeTakeFirst()
}

/** People by id, with their names only where they are inside the caller's jurisdiction. */
export async function maskedPeople(db: Db, access: Access, ids: number[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('people as p')
    .select(['p.id', maskedName(access, 'p').as('fullName'), withinJurisdiction(access, 'p.unitPath').as('inside')])
    .where('p.id', '=', sql<number>`ANY(${sql.val(ids)}::bigint[])`)
    .execute()
}

// --- Cases --------------------------------------------------------------------------------

/** A case's fields as the service writes them (the source state is the degrees engine's). */
export type CaseValues = Required<Omit<Insertable<CasesTable>, 'id' | 'personId' | 'unitPath' | 'isSource' | 'windowFrom' | 'windowTo' | 'importJobId' | 'createdAt' | 'updatedAt'>>
export type StoredCase = Selectable<CasesTable>

function caseQuery(db: Db, access: Access) {
  return db
    .selectFrom('cases as c')
    .innerJoin('people as p', 'p.id', 'c.personId')
    .innerJoin('units as u', 'u.id', 'p.unitId')
    .leftJoin('clusters as cl', 'cl.id', 'c.clusterId')
    .leftJoin('cases as sc', 'sc.id', 'c.sourceCaseId')
    .leftJoin('people as sp', 'sp.id', 'sc.personId')
    .selectAll('c')
    .select([
      'p.fullName',
      'p.birthYear',
      'p.sex',
      'p.phone',
      'u.code as unitCode',
      'u.name as unitName',
      'cl.code as clusterCode',
      'cl.name as clusterName',
      'sc.code as sourceCaseCode',
      maskedName(access, 'sp').as('sourceCaseName'),
    ])
    .where(withinJurisdiction(access, 'c.unitPath'))
}
export type CaseRow = Awaited<ReturnType<ReturnType<typeof caseQuery>['executeTakeFirstOrThrow']>>

export function findCase(db: Db, access: Access, id: number) {
  return caseQuery(db, access).where('c.id', '=', id).executeTakeFirst()
}

export function findCaseOfPerson(db: Db, access: Access, personId: number) {
  return caseQuery(db, access).where('c.personId', '=', personId).executeTakeFirst()
}

/** The case as stored, locked until the transaction ends; only inside the jurisdiction. */
export function lockCase(db: Db, access: Access, id: number) {
  return db.selectFrom('cases as c').selectAll('c').where('c.id', '=', id).where(withinJurisdiction(access, 'c.unitPath')).forUpdate().executeTakeFirst()
}

/** A person's case record wherever it is (a person has at most one): for the one-case-per-person rule. */
export function caseOfPersonAnywhere(db: Db, personId: number) {
  return db.selectFrom('cases').selectAll().where('personId', '=', personId).forUpdate().executeTakeFirst()
}

export async function insertCase(db: Db, v: CaseValues & { personId: number }): Promise<number> {
  return (await db.insertInto('cases').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export async function updateCase(db: Db, id: number, v: Partial<CaseValues>): Promise<void> {
  await db
    .updateTable('cases')
    .set({ ...v, updatedAt: new Date() })
    .where('id', '=', id)
    .execute()
}

/** Another case holding this code (codes are unique in the whole registry). */
/** The clusters these cases belong to. */
export async function clusterIdsOfCases(db: Db, caseIds: number[]): Promise<number[]> {
  if (caseIds.length === 0) return []
  const rows = await sql<{ clusterId: number }>`
    SELECT DISTINCT cluster_id AS "clusterId" FROM cases WHERE id = ANY(${sql.val(caseIds)}::bigint[]) AND cluster_id IS NOT NULL`.execute(db)
  return rows.rows.map((r) => Number(r.clusterId))
}

export function caseCodeTaken(db: Db, code: string, excludeId: number | null) {
  let q = db.selectFrom('cases').select('id').where('code', '=', code)
  if (excludeId !== null) q = q.where('id', '<>', excludeId)
  return q.executeTakeFirst()
}

/** Whether following source links up from case `fromId` reaches case `targetId` (a link back would make a cycle). */
export async function sourceChainReaches(db: Db, fromId: number, targetId: number): Promise<boolean> {
  const r = await sql<{ hit: boolean }>`
    WITH RECURSIVE up(id) AS (
      SELECT ${fromId}::bigint
      UNION
      SELECT c.source_case_id FROM cases c JOIN up ON c.id = up.id WHERE c.source_case_id IS NOT NULL
    )
    SELECT EXISTS (SELECT 1 FROM up WHERE id = ${targetId}) AS hit`.execute(db)
  return r.rows[0]?.hit === true
}

/** A cluster the caller may link a case to: inside the jurisdiction or decided by a unit above it. */
export function visibleCluster(db: Db, access: Access, id: number) {
  return db
    .selectFrom('clusters as cl')
    .select(['cl.id', 'cl.code', 'cl.name', 'cl.status'])
    .where('cl.id', '=', id)
    .where((eb) => eb.or([withinJurisdiction(access, 'cl.unitPath'), sql<boolean>`${access.unitPath} LIKE cl.unit_path || '%'`]))
    .executeTakeFirst()
}

/** A test of this person inside the jurisdiction. */
export function testOfPerson(db: Db, access: Access, testId: number, personId: number) {
  return db
    .selectFrom('tests as t')
    .select(['t.id', 't.status', 't.result', 't.sampleDate', 't.resultDate', 't.method'])
    .where('t.id', '=', testId)
    .where('t.personId', '=', personId)
    .where(withinJurisdiction(access, 't.unitPath'))
    .executeTakeFirst()
}

/** The case at the root of a person's degree (the F0 their contact chain ends at), if any. */
export function degreeRoot(db: Db, personId: number) {
  return db
    .selectFrom('contactDegrees as cd')
    .innerJoin('cases as c', 'c.id', 'cd.rootCaseId')
    .select(['cd.degree', 'cd.rootCaseId', 'cd.viaPersonId'])
    .where('cd.personId', '=', personId)
    .executeTakeFirst()
}

// --- Exposures ----------------------------------------------------------------------------

export async function insertExposure(
  db: Db,
  v: { personId: number; sourcePersonId: number; exposedOn: string; place: string | null; setting: Selectable<ExposuresTable>['setting']; f1Criteria: string[]; note: string | null },
): Promise<number | null> {
  const r = await db
    .insertInto('exposures')
    .values(v)
    .onConflict((oc) => oc.columns(['personId', 'sourcePersonId', 'exposedOn']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return r?.id ?? null
}

/** An exposure whose contact lives inside the caller's jurisdiction, locked. */
export function lockExposure(db: Db, access: Access, id: number) {
  return db.selectFrom('exposures as e').selectAll('e').where('e.id', '=', id).where(withinJurisdiction(access, 'e.unitPath')).forUpdate().executeTakeFirst()
}

export async function deleteExposure(db: Db, id: number): Promise<void> {
  await db.deleteFrom('exposures').where('id', '=', id).execute()
}

/** The exposure as shown: both people (the source's name masked outside the jurisdiction). */
export function findExposure(db: Db, access: Access, id: number) {
  return db
    .selectFrom('exposures as e')
    .innerJoin('people as p', 'p.id', 'e.personId')
    .innerJoin('people as sp', 'sp.id', 'e.sourcePersonId')
    .select([
      'e.id',
      'e.personId',
      'p.fullName as personName',
      'e.sourcePersonId',
      maskedName(access, 'sp').as('sourceName'),
      'e.exposedOn',
      'e.place',
      'e.setting',
      'e.f1Criteria',
      'e.note',
      'e.createdAt',
    ])
    .where('e.id', '=', id)
    .where(withinJurisdiction(access, 'e.unitPath'))
    .executeTakeFirst()
}

/** The date of a person's last exposure (either end), or null. */
export async function lastExposureOn(db: Db, personId: number): Promise<string | null> {
  const r = await sql<{ d: string | null }>`
    SELECT max(d)::text AS d FROM (
      SELECT max(exposed_on) AS d FROM exposures WHERE person_id = ${personId}
      UNION ALL
      SELECT max(exposed_on) FROM exposures WHERE source_person_id = ${personId}
    ) x`.execute(db)
  return r.rows[0]?.d ?? null
}

/**
 * A person's exposures one way: `as: 'contact'` those where they were exposed to someone, `as:
 * 'source'` those where someone was exposed to them; latest first, at most `limit`. The other person's
 * name (and id) only when they live inside the caller's jurisdiction; their degree or case state.
 */
export async function exposuresOf(db: Db, access: Access, personId: number, as: 'contact' | 'source', limit: number) {
  const mine = as === 'contact' ? sql`e.person_id` : sql`e.source_person_id`
  const other = as === 'contact' ? sql`e.source_person_id` : sql`e.person_id`
  const inside = sql`o.unit_path LIKE ${likePrefix(access.unitPath)}`
  const r = await sql<{
    id: number
    otherPersonId: number | null
    otherName: string | null
    otherDegree: number | null
    otherIsSource: boolean
    exposedOn: string
    place: string | null
    setting: string
    f1Criteria: string[]
    note: string | null
  }>`
    SELECT e.id, CASE WHEN ${inside} THEN o.id END AS "otherPersonId", CASE WHEN ${inside} THEN o.full_name END AS "otherName",
           d.degree AS "otherDegree", COALESCE(oc.is_source, false) AS "otherIsSource",
           e.exposed_on AS "exposedOn", e.place, e.setting, e.f1_criteria AS "f1Criteria", CASE WHEN ${inside} THEN e.note END AS note
      FROM exposures e
      JOIN people o ON o.id = ${other}
      LEFT JOIN contact_degrees d ON d.person_id = o.id
      LEFT JOIN cases oc ON oc.person_id = o.id
     WHERE ${mine} = ${personId}
     ORDER BY e.exposed_on DESC, e.id DESC
     LIMIT ${limit}`.execute(db)
  return r.rows
}

export async function countExposuresOf(db: Db, personId: number, as: 'contact' | 'source'): Promise<number> {
  const q = db.selectFrom('exposures').select((eb) => eb.fn.countAll<number>().as('n'))
  const r = await (as === 'contact' ? q.where('personId', '=', personId) : q.where('sourcePersonId', '=', personId)).executeTakeFirstOrThrow()
  return Number(r.n)
}

// --- A person's surveillance record ---------------------------------------------------------

export function degreeOf(db: Db, access: Access, personId: number) {
  return db
    .selectFrom('contactDegrees as cd')
    .select(['cd.degree', 'cd.rootCaseId', 'cd.updatedAt'])
    .where('cd.personId', '=', personId)
    .where(withinJurisdiction(access, 'cd.unitPath'))
    .executeTakeFirst()
}

/** The exposures a degree path passes through (their dates and settings). */
export async function exposuresById(db: Db, ids: number[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('exposures')
    .select(['id', 'exposedOn', 'setting'])
    .where('id', '=', sql<number>`ANY(${sql.val(ids)}::bigint[])`)
    .execute()
}

/** A person's tests (read only here: the tests context writes them), latest first. */
export function testsOf(db: Db, access: Access, personId: number, limit: number) {
  return db
    .selectFrom('tests as t')
    .select(['t.id', 't.method', 't.status', 't.plannedOn', 't.sampleDate', 't.resultDate', 't.result', 't.ct', 't.lab', 't.poolId', 't.campaignId'])
    .where('t.personId', '=', personId)
    .where(withinJurisdiction(access, 't.unitPath'))
    .orderBy(sql`COALESCE(t.sample_date, t.planned_on)`, 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute()
}

// --- Merging --------------------------------------------------------------------------------

/** The case ids of these people. */
export async function caseIdsOf(db: Db, personIds: number[]): Promise<number[]> {
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where('personId', '=', sql<number>`ANY(${sql.val(personIds)}::bigint[])`)
    .execute()
  return rows.map((r) => r.id)
}

/** Whether this person is an active source now. */
export async function isSource(db: Db, personId: number): Promise<boolean> {
  return !!(await db.selectFrom('cases').select('id').where('personId', '=', personId).where('isSource', '=', true).executeTakeFirst())
}

/** The exposures touching a person, either end. */
export async function exposureIdsTouching(db: Db, personId: number): Promise<number[]> {
  const r = await sql<{ id: number }>`
    SELECT id FROM exposures WHERE person_id = ${personId} UNION SELECT id FROM exposures WHERE source_person_id = ${personId}`.execute(db)
  return r.rows.map((x) => Number(x.id))
}

/** An exposure between the two people, either way. */
export function exposureBetween(db: Db, a: number, b: number) {
  return db
    .selectFrom('exposures')
    .select(['id', 'exposedOn'])
    .where((eb) => eb.or([eb.and([eb('personId', '=', a), eb('sourcePersonId', '=', b)]), eb.and([eb('personId', '=', b), eb('sourcePersonId', '=', a)])]))
    .executeTakeFirst()
}

/**
 * The exposures of `fromId` that would repeat one of `keepId`'s once `fromId` becomes `keepId`
 * (same other person, same way, same day), as stored.
 */
export async function repeatedExposures(db: Db, keepId: number, fromId: number): Promise<Selectable<ExposuresTable>[]> {
  const r = await sql<Selectable<ExposuresTable>>`
    SELECT e.id, e.person_id AS "personId", e.source_person_id AS "sourcePersonId", e.unit_path AS "unitPath", e.exposed_on AS "exposedOn",
           e.place, e.setting, e.f1_criteria AS "f1Criteria", e.note, e.import_job_id AS "importJobId", e.created_at AS "createdAt"
      FROM exposures e
     WHERE (e.person_id = ${fromId} AND EXISTS (SELECT 1 FROM exposures k WHERE k.person_id = ${keepId} AND k.source_person_id = e.source_person_id AND k.exposed_on = e.exposed_on))
        OR (e.source_person_id = ${fromId} AND EXISTS (SELECT 1 FROM exposures k WHERE k.source_person_id = ${keepId} AND k.person_id = e.person_id AND k.exposed_on = e.exposed_on))`.execute(db)
  return r.rows
}

export async function deleteExposures(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return
  await db
    .deleteFrom('exposures')
    .where('id', '=', sql<number>`ANY(${sql.val(ids)}::bigint[])`)
    .execute()
}

/** Puts exposures back under their own ids, as they were stored. */
export async function restoreExposures(db: Db, rows: Selectable<ExposuresTable>[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('exposures')
    .values(rows.map((r) => ({ ...r, f1Criteria: r.f1Criteria })))
    .onConflict((oc) => oc.doNothing())
    .execute()
}

/** A test of each person on the same day by the same method (one would repeat the other after a merge). */
export function repeatedTest(db: Db, keepId: number, fromId: number) {
  return db
    .selectFrom('tests as a')
    .innerJoin('tests as b', (j) => j.onRef('b.sampleDate', '=', 'a.sampleDate').onRef('b.method', '=', 'a.method'))
    .select(['a.sampleDate', 'a.method'])
    .where('a.personId', '=', keepId)
    .where('b.personId', '=', fromId)
    .executeTakeFirst()
}

/** Moves a person's external references to another person; answers their keys. */
export async function moveRefs(db: Db, from: number, to: number): Promise<{ source: string; ref: string }[]> {
  const r = await db.updateTable('personRefs').set({ personId: to }).where('personId', '=', from).returning(['source', 'ref']).execute()
  return r
}

/** Moves these references (by key) of person `from` back to person `to`. */
export async function moveRefsBack(db: Db, refs: { source: string; ref: string }[], from: number, to: number): Promise<void> {
  if (refs.length === 0) return
  await sql`
    UPDATE person_refs SET person_id = ${to}
     WHERE person_id = ${from}
       AND (source, ref) IN (SELECT * FROM unnest(${sql.val(refs.map((r) => r.source))}::text[], ${sql.val(refs.map((r) => r.ref))}::text[]))`.execute(db)
}

/** Whether both people are being followed up now. */
export async function bothFollowedUp(db: Db, a: number, b: number): Promise<boolean> {
  const r = await db
    .selectFrom('contactFollowups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .where('personId', 'in', [a, b])
    .executeTakeFirstOrThrow()
  return Number(r.n) >= 2
}

// --- Jobs -----------------------------------------------------------------------------------

/** A job of this kind queued or running, or done for `day` (its payload's day: the server clock's, not the database's). */
export function jobForDay(db: Db, kind: string, day: string) {
  return db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', kind)
    .where((eb) => eb.or([eb('status', 'in', ['queued', 'running']), eb.and([eb('status', '=', 'done'), eb(sql`payload->>'day'`, '=', day)])]))
    .executeTakeFirst()
}
