import { type Insertable, type Kysely, type RawBuilder, type Selectable, sql } from 'kysely'
import type { CaseClassification, Outcome, SourceKind } from '../../../../domain/surveillance/codes.ts'
import { type Access, likeContains, likePrefix, withinJurisdiction } from '../../../platform/context.ts'
import type { CasesTable, DB, ExposuresTable, SurveillanceRulesTable } from '../../../platform/schema.ts'

// Every query answering a caller takes the caller's Access and filters by jurisdiction in SQL (the
// row's unit_path, which is its person's). The names of other people a record points to (a source
// case, the other end of an exposure, a step of a degree path) are read through `maskedName`: NULL
// when that person lives outside the caller's jurisdiction.
type Db = Kysely<DB>

/** At most this many matching rows are counted: a larger total is shown as "hơn 10.000". */
export const COUNT_CAP = 10_000

const and = (conds: RawBuilder<unknown>[]) => (conds.length > 0 ? sql.join(conds, sql` AND `) : sql`true`)

/** `name` of `alias` when that person is inside the caller's jurisdiction, else NULL. */
const maskedName = (access: Access, alias: string) =>
  sql<string | null>`CASE WHEN ${sql.ref(`${alias}.unitPath`)} LIKE ${likePrefix(access.unitPath)} THEN ${sql.ref(`${alias}.fullName`)} END`


/*
 * Lists at a million cases. A person-level row carries the path of its person's unit, and the
 * tables have (unit_path, date) indexes. A filter "inside this area" is a range of paths, and an
 * order by date across that range cannot be read from such an index in order: PostgreSQL would
 * read every row of the area and sort it (a province: the whole table). So a page is read unit by
 * unit (`perUnit`): for each unit of the area, a LATERAL subquery takes the first offset+limit rows
 * of that unit from the index in order (`unit_path = u.path AND date …  ORDER BY date LIMIT n`),
 * and the outer query merges them. The cost is one short index descent per unit (about 1,000 in a
 * province), whatever the number of cases.
 *
 * Totals are counted the same way and capped: at most COUNT_CAP + 1 rows are visited (LIMIT inside
 * each unit and outside), so a count never reads a million rows per request; above the cap the
 * answer says "more than 10,000". An exact figure for a whole province is the summary's job, not a
 * list's.
 */
function perUnit(access: Access, areaPath: string, inner: RawBuilder<unknown>) {
  return sql`SELECT x.* FROM units u CROSS JOIN LATERAL (${inner}) x WHERE u.path LIKE ${likePrefix(access.unitPath)} AND u.path LIKE ${likePrefix(areaPath)}`
}

async function cappedCount(db: Db, rows: RawBuilder<unknown>): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (${rows} LIMIT ${COUNT_CAP + 1}) counted`.execute(db)
  return Number(r.rows[0]?.n ?? 0)
}

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

export interface CaseListFilter {
  /** The area listed: a unit's path inside the caller's jurisdiction (the jurisdiction itself by default). */
  areaPath: string
  dateField: 'confirmed' | 'onset'
  from?: string | undefined
  to?: string | undefined
  classification?: CaseClassification[] | undefined
  sourceKind?: SourceKind | undefined
  clusterId?: number | undefined
  outcome?: Outcome | 'none' | undefined
  /** Active F0 (a source now) or not. */
  active?: boolean | undefined
  /** Only the cases of these people (a name search resolved to few people). */
  personIds?: number[] | undefined
  /** Only cases whose person's folded name contains this (a name search matching many people). */
  nameFold?: string | undefined
  sort: 'confirmedDate' | 'onsetDate' | 'fullName'
  desc: boolean
  limit: number
  offset: number
}

const DATE_COLUMN = { confirmed: sql.raw('confirmed_date'), onset: sql.raw('onset_date') } as const

function caseConditions(f: CaseListFilter): RawBuilder<unknown>[] {
  const w: RawBuilder<unknown>[] = []
  const col = DATE_COLUMN[f.dateField]
  if (f.from) w.push(sql`c.${col} >= ${f.from}::date`)
  if (f.to) w.push(sql`c.${col} <= ${f.to}::date`)
  if (f.classification?.length) w.push(sql`c.classification = ANY(${sql.val(f.classification)}::text[])`)
  if (f.sourceKind) w.push(sql`c.source_kind = ${f.sourceKind}`)
  if (f.clusterId !== undefined) w.push(sql`c.cluster_id = ${f.clusterId}`)
  if (f.outcome === 'none') w.push(sql`c.outcome IS NULL`)
  else if (f.outcome) w.push(sql`c.outcome = ${f.outcome}`)
  if (f.active !== undefined) w.push(sql`c.is_source = ${f.active}`)
  if (f.personIds) w.push(sql`c.person_id = ANY(${sql.val(f.personIds)}::bigint[])`)
  if (f.nameFold) w.push(sql`EXISTS (SELECT 1 FROM people np WHERE np.id = c.person_id AND np.name_fold LIKE ${likeContains(f.nameFold)})`)
  return w
}

/**
 * The matching cases' ids with their sort key, in order, at most `n`: unit by unit (see above), or
 * straight from the person or cluster index when the filter names few people or one cluster.
 */
function orderedCaseIds(access: Access, f: CaseListFilter, n: number | null) {
  const conds = caseConditions(f)
  const narrow = f.personIds !== undefined || f.clusterId !== undefined
  const limit = n === null ? sql`` : sql`LIMIT ${n}`
  const col = f.sort === 'onsetDate' ? DATE_COLUMN.onset : DATE_COLUMN.confirmed
  const key = f.sort === 'fullName' ? sql`NULL::date` : sql`c.${col}`
  if (narrow) {
    const where = and([sql`c.unit_path LIKE ${likePrefix(access.unitPath)}`, sql`c.unit_path LIKE ${likePrefix(f.areaPath)}`, ...conds])
    return sql`SELECT c.id, ${key} AS k FROM cases c WHERE ${where}`
  }
  const inUnit = sql`c.unit_path = u.path COLLATE "C"`
  // Sorting by name is asked for only when at most COUNT_CAP rows match: all of them are read.
  if (f.sort === 'fullName') return perUnit(access, f.areaPath, sql`SELECT c.id, ${key} AS k FROM cases c WHERE ${and([inUnit, ...conds])}`)
  const dir = f.desc ? sql`DESC` : sql`ASC`
  const dated = sql`SELECT c.id, c.${col} AS k FROM cases c WHERE ${and([inUnit, sql`c.${col} IS NOT NULL`, ...conds])} ORDER BY c.${col} ${dir}, c.id ${dir} ${limit}`
  // Rows without the date come after the dated ones; a range on the sorted date excludes them.
  const rangeOnSorted = (f.from || f.to) && (f.dateField === 'onset') === (f.sort === 'onsetDate')
  const inner = rangeOnSorted
    ? dated
    : sql`(${dated}) UNION ALL (SELECT c.id, NULL::date AS k FROM cases c WHERE ${and([inUnit, sql`c.${col} IS NULL`, ...conds])} ORDER BY c.id ${dir} ${limit})`
  return perUnit(access, f.areaPath, inner)
}

export async function countCases(db: Db, access: Access, f: CaseListFilter): Promise<number> {
  const conds = caseConditions(f)
  if (f.personIds !== undefined || f.clusterId !== undefined) {
    return cappedCount(
      db,
      sql`SELECT 1 FROM cases c WHERE ${and([sql`c.unit_path LIKE ${likePrefix(access.unitPath)}`, sql`c.unit_path LIKE ${likePrefix(f.areaPath)}`, ...conds])}`,
    )
  }
  const inner = sql`SELECT 1 FROM cases c WHERE ${and([sql`c.unit_path = u.path COLLATE "C"`, ...conds])} LIMIT ${COUNT_CAP + 1}`
  return cappedCount(db, sql`SELECT 1 FROM (${perUnit(access, f.areaPath, inner)}) per_unit`)
}

export interface CaseListRow {
  id: number
  code: string | null
  personId: number
  fullName: string
  birthYear: number | null
  sex: string | null
  unitCode: string
  unitName: string
  classification: CaseClassification
  onsetDate: string | null
  sampleDate: string | null
  confirmedDate: string | null
  isolatedOn: string | null
  foundBy: string | null
  sourceKind: SourceKind
  sourceCountry: string | null
  sourceCaseId: number | null
  clusterId: number | null
  clusterCode: string | null
  severity: string | null
  outcome: Outcome | null
  outcomeDate: string | null
  isSource: boolean
}

/** One page of cases in order. Sorting by name is only asked for when the total is within the cap. */
export async function listCases(db: Db, access: Access, f: CaseListFilter): Promise<CaseListRow[]> {
  const dir = f.desc ? sql`DESC` : sql`ASC`
  const ids = orderedCaseIds(access, f, f.sort === 'fullName' ? null : f.offset + f.limit)
  const order = f.sort === 'fullName' ? sql`p.name_sort ${dir}, p.full_name ${dir}, c.id ${dir}` : sql`page.k ${dir} NULLS LAST, page.id ${dir}`
  const page =
    f.sort === 'fullName'
      ? sql`SELECT o.id, o.k FROM (${ids}) o JOIN cases c ON c.id = o.id JOIN people p ON p.id = c.person_id ORDER BY ${order} LIMIT ${f.limit} OFFSET ${f.offset}`
      : sql`SELECT o.id, o.k FROM (${ids}) o ORDER BY o.k ${dir} NULLS LAST, o.id ${dir} LIMIT ${f.limit} OFFSET ${f.offset}`
  const r = await sql<CaseListRow>`
    SELECT c.id, c.code, c.person_id AS "personId", p.full_name AS "fullName", p.birth_year AS "birthYear", p.sex,
           u.code AS "unitCode", u.name AS "unitName", c.classification, c.onset_date AS "onsetDate", c.sample_date AS "sampleDate",
           c.confirmed_date AS "confirmedDate", c.isolated_on AS "isolatedOn", c.found_by AS "foundBy", c.source_kind AS "sourceKind",
           c.source_country AS "sourceCountry", c.source_case_id AS "sourceCaseId", c.cluster_id AS "clusterId", cl.code AS "clusterCode",
           c.severity, c.outcome, c.outcome_date AS "outcomeDate", c.is_source AS "isSource"
      FROM (${page}) page
      JOIN cases c ON c.id = page.id
      JOIN people p ON p.id = c.person_id
      JOIN units u ON u.id = p.unit_id
      LEFT JOIN clusters cl ON cl.id = c.cluster_id
     WHERE c.unit_path LIKE ${likePrefix(access.unitPath)}
     ORDER BY ${order}`.execute(db)
  return r.rows
}

/**
 * People inside the area whose folded name contains `folded`, at most `max` + 1 of them (so the
 * caller knows when there are more): found through the dictionary of names and the
 * (full_name, unit_path) index, as people search does.
 */
export async function peopleNamed(db: Db, access: Access, areaPath: string, folded: string, max: number): Promise<number[]> {
  const r = await sql<{ id: number }>`
    SELECT p.id FROM people p
     WHERE p.full_name IN (SELECT n.full_name FROM person_names n WHERE n.name_fold LIKE ${likeContains(folded)} LIMIT ${max + 1})
       AND p.unit_path LIKE ${likePrefix(access.unitPath)} AND p.unit_path LIKE ${likePrefix(areaPath)}
     LIMIT ${max + 1}`.execute(db)
  return r.rows.map((x) => Number(x.id))
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

// --- Contacts -----------------------------------------------------------------------------

export interface ContactListFilter {
  areaPath: string
  degree?: number | undefined
  /** A follow-up of this status; 'none': never followed up. */
  followupStatus?: 'active' | 'completed' | 'became_case' | 'lost' | 'cancelled' | 'none' | undefined
  /** Followed up now by this user. */
  tracerUserId?: number | undefined
  limit: number
  offset: number
}

function contactConditions(f: ContactListFilter): RawBuilder<unknown>[] {
  const w: RawBuilder<unknown>[] = []
  if (f.degree !== undefined) w.push(sql`cd.degree = ${f.degree}`)
  if (f.followupStatus === 'none') w.push(sql`NOT EXISTS (SELECT 1 FROM contact_followups f WHERE f.person_id = cd.person_id)`)
  else if (f.followupStatus) w.push(sql`EXISTS (SELECT 1 FROM contact_followups f WHERE f.person_id = cd.person_id AND f.status = ${f.followupStatus})`)
  if (f.tracerUserId !== undefined) {
    w.push(sql`EXISTS (SELECT 1 FROM contact_followups f WHERE f.person_id = cd.person_id AND f.status = 'active' AND f.tracer_user_id = ${f.tracerUserId})`)
  }
  return w
}

/** Contacts in order of degree, unit by unit (see above); a tracer's through the tracer index. */
function orderedContacts(access: Access, f: ContactListFilter, n: number | null) {
  const conds = contactConditions(f)
  const limit = n === null ? sql`` : sql`LIMIT ${n}`
  if (f.tracerUserId !== undefined) {
    return sql`SELECT cd.person_id, cd.degree FROM contact_degrees cd
      WHERE ${and([sql`cd.unit_path LIKE ${likePrefix(access.unitPath)}`, sql`cd.unit_path LIKE ${likePrefix(f.areaPath)}`, ...conds])}
      ORDER BY cd.degree, cd.person_id ${limit}`
  }
  return perUnit(
    access,
    f.areaPath,
    sql`SELECT cd.person_id, cd.degree FROM contact_degrees cd WHERE ${and([sql`cd.unit_path = u.path COLLATE "C"`, ...conds])} ORDER BY cd.degree, cd.person_id ${limit}`,
  )
}

export async function countContacts(db: Db, access: Access, f: ContactListFilter): Promise<number> {
  return cappedCount(db, sql`SELECT 1 FROM (${orderedContacts(access, f, COUNT_CAP + 1)}) o`)
}

export async function listContacts(db: Db, access: Access, f: ContactListFilter) {
  const r = await sql<{
    personId: number
    fullName: string
    birthYear: number | null
    sex: string | null
    phone: string | null
    unitCode: string
    unitName: string
    degree: number
    viaPersonId: number | null
    viaName: string | null
    rootCaseId: number
    lastExposedOn: string | null
    followupId: number | null
    followupStatus: string | null
    followupUntil: string | null
    tracerUserId: number | null
    tracerName: string | null
  }>`
    SELECT cd.person_id AS "personId", p.full_name AS "fullName", p.birth_year AS "birthYear", p.sex, p.phone,
           u.code AS "unitCode", u.name AS "unitName", cd.degree, 
           CASE WHEN vp.unit_path LIKE ${likePrefix(access.unitPath)} THEN vp.id END AS "viaPersonId",
           CASE WHEN vp.unit_path LIKE ${likePrefix(access.unitPath)} THEN vp.full_name END AS "viaName",
           cd.root_case_id AS "rootCaseId", ve.exposed_on AS "lastExposedOn",
           f.id AS "followupId", f.status AS "followupStatus", f.until AS "followupUntil", f.tracer_user_id AS "tracerUserId", tu.display_name AS "tracerName"
      FROM (SELECT o.person_id, o.degree FROM (${orderedContacts(access, f, f.offset + f.limit)}) o ORDER BY o.degree, o.person_id LIMIT ${f.limit} OFFSET ${f.offset}) page
      JOIN contact_degrees cd ON cd.person_id = page.person_id
      JOIN people p ON p.id = cd.person_id
      JOIN units u ON u.id = p.unit_id
      LEFT JOIN people vp ON vp.id = cd.via_person_id
      LEFT JOIN exposures ve ON ve.id = cd.via_exposure_id
      LEFT JOIN LATERAL (
        SELECT * FROM contact_followups f WHERE f.person_id = cd.person_id ORDER BY (f.status = 'active') DESC, f.started_on DESC, f.id DESC LIMIT 1
      ) f ON true
      LEFT JOIN users tu ON tu.id = f.tracer_user_id
     WHERE cd.unit_path LIKE ${likePrefix(access.unitPath)}
     ORDER BY cd.degree, cd.person_id`.execute(db)
  return r.rows
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
