import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { FollowupStatus, TestMethod } from '../../../../domain/surveillance/codes.ts'
import { FEVER_FROM_CELSIUS } from '../../../../domain/surveillance/followup.ts'
import { type Access, likePrefix, withinJurisdiction } from '../../../platform/context.ts'
import type { DB } from '../../../platform/schema.ts'
import { COUNT_CAP, type Counted, countInArea, followupOrder, readInOrder } from './listRepo.ts'

// Follow-up of contacts: every query answering a caller filters by the caller's jurisdiction (the
// follow-up's unit_path, its person's) in SQL. Lists of an area are read as case lists are (see
// listRepo.ts), from the (unit_path, status, until) index.
type Db = Kysely<DB>

const and = (conds: RawBuilder<unknown>[]) => (conds.length > 0 ? sql.join(conds, sql` AND `) : sql`true`)

/** SQL: the check `k` shows a fever or a symptom (the rule of src/domain/surveillance/followup.ts). */
const alarming = sql`(k.temperature >= ${FEVER_FROM_CELSIUS} OR cardinality(k.symptoms) > 0)`

export function activeFollowupOf(db: Db, personId: number) {
  return db.selectFrom('contactFollowups').select(['id', 'until']).where('personId', '=', personId).where('status', '=', 'active').forUpdate().executeTakeFirst()
}

export async function insertFollowup(db: Db, v: { personId: number; startedOn: string; until: string; tracerUserId: number | null; note: string | null }): Promise<number> {
  return (await db.insertInto('contactFollowups').values(v).returning('id').executeTakeFirstOrThrow()).id
}

function followupQuery(db: Db, access: Access) {
  return db
    .selectFrom('contactFollowups as f')
    .innerJoin('people as p', 'p.id', 'f.personId')
    .leftJoin('users as tu', 'tu.id', 'f.tracerUserId')
    .select([
      'f.id',
      'f.personId',
      'p.fullName',
      'f.startedOn',
      'f.until',
      'f.status',
      'f.tracerUserId',
      'tu.displayName as tracerName',
      'f.note',
      'f.createdAt',
      'f.updatedAt',
      sql<boolean>`EXISTS (SELECT 1 FROM followup_checks k WHERE k.followup_id = f.id AND ${alarming})`.as('flagged'),
    ])
    .where(withinJurisdiction(access, 'f.unitPath'))
}
export type FollowupRow = Awaited<ReturnType<ReturnType<typeof followupQuery>['executeTakeFirstOrThrow']>>

export function findFollowup(db: Db, access: Access, id: number) {
  return followupQuery(db, access).where('f.id', '=', id).executeTakeFirst()
}

export function followupsOfPerson(db: Db, access: Access, personId: number) {
  return followupQuery(db, access).where('f.personId', '=', personId).orderBy('f.startedOn', 'desc').orderBy('f.id', 'desc').execute()
}

/** The follow-up as stored, locked; only inside the jurisdiction. */
export function lockFollowup(db: Db, access: Access, id: number) {
  return db.selectFrom('contactFollowups as f').selectAll('f').where('f.id', '=', id).where(withinJurisdiction(access, 'f.unitPath')).forUpdate().executeTakeFirst()
}

export async function updateFollowup(db: Db, id: number, v: { tracerUserId?: number | null; status?: FollowupStatus; note?: string | null }): Promise<void> {
  await db
    .updateTable('contactFollowups')
    .set({ ...v, updatedAt: new Date() })
    .where('id', '=', id)
    .execute()
}

/** Ends a person's active follow-up with `status`; answers its id (null when there was none). */
export async function closeActiveFollowup(db: Db, personId: number, status: Exclude<FollowupStatus, 'active'>): Promise<number | null> {
  const r = await db
    .updateTable('contactFollowups')
    .set({ status, updatedAt: new Date() })
    .where('personId', '=', personId)
    .where('status', '=', 'active')
    .returning('id')
    .executeTakeFirst()
  return r?.id ?? null
}

/** Plans a test of the person on each day, except days already holding one of theirs. */
export async function insertPlannedTests(db: Db, personId: number, days: string[], method: TestMethod): Promise<number> {
  if (days.length === 0) return 0
  const r = await sql`
    INSERT INTO tests (person_id, method, status, planned_on)
    SELECT ${personId}, ${method}, 'planned', d
      FROM unnest(${sql.val(days)}::date[]) AS d
     WHERE NOT EXISTS (SELECT 1 FROM tests t WHERE t.person_id = ${personId} AND (t.planned_on = d OR t.sample_date = d))`.execute(db)
  return Number(r.numAffectedRows ?? 0)
}

/** Cancels the person's planned tests from `fromDay` on that a follow-up planned (no pool, campaign or retest). */
export async function cancelPlannedTests(db: Db, personId: number, fromDay: string): Promise<number> {
  const r = await db
    .updateTable('tests')
    .set({ status: 'cancelled', updatedAt: new Date() })
    .where('personId', '=', personId)
    .where('status', '=', 'planned')
    .where('plannedOn', '>=', fromDay)
    .where('poolId', 'is', null)
    .where('retestOfPoolId', 'is', null)
    .where('campaignId', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export async function insertCheck(
  db: Db,
  v: { followupId: number; checkedOn: string; temperature: number | null; symptoms: string[]; note: string | null; checkedBy: number | null },
): Promise<number | null> {
  const r = await db
    .insertInto('followupChecks')
    .values(v)
    .onConflict((oc) => oc.columns(['followupId', 'checkedOn']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return r?.id ?? null
}

/** The checks of these follow-ups, latest first. */
export async function checksOf(db: Db, followupIds: number[]) {
  if (followupIds.length === 0) return []
  return db
    .selectFrom('followupChecks as k')
    .leftJoin('users as u', 'u.id', 'k.checkedBy')
    .select(['k.id', 'k.followupId', 'k.checkedOn', 'k.temperature', 'k.symptoms', 'k.note', 'u.displayName as checkedByName', 'k.createdAt'])
    .where('k.followupId', '=', sql<number>`ANY(${sql.val(followupIds)}::bigint[])`)
    .orderBy('k.checkedOn', 'desc')
    .execute()
}

/** A user who could follow a contact up: active, with their role and unit path. */
export function userForTracing(db: Db, userId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unitId')
    .select(['u.id', 'u.displayName', 'u.role', 'u.active', 'un.path as unitPath'])
    .where('u.id', '=', userId)
    .executeTakeFirst()
}

/**
 * Active users of these roles who may follow people of the area up: their unit holds the area
 * (the area itself or a unit above it), or lies inside it (a hamlet's officer, for that hamlet).
 */
export function tracersFor(db: Db, areaPath: string, roles: readonly string[]) {
  return db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unitId')
    .select(['u.id', 'u.displayName', 'u.role', 'un.code as unitCode', 'un.name as unitName'])
    .where('u.active', '=', true)
    .where(sql<boolean>`u.role = ANY(${sql.val([...roles])}::text[])`)
    .where((eb) => eb.or([sql<boolean>`${areaPath} LIKE un.path || '%'`, eb('un.path', 'like', likePrefix(areaPath))]))
    .orderBy('un.path')
    .orderBy('u.displayName')
    .limit(200)
    .execute()
}

export interface FollowupListFilter {
  areaPath: string
  status: FollowupStatus
  /** The day whose check is asked about; running follow-ups ending on or after it only. */
  due: string
  /** Only those started on or before this day (asked when `due` is before today). */
  startedBy?: string | undefined
  tracerUserId?: number | undefined
  flagged?: boolean | undefined
  limit: number
  offset: number
  /** The server's today. */
  today: string
}

function followupFilters(f: FollowupListFilter): RawBuilder<unknown>[] {
  const w: RawBuilder<unknown>[] = []
  if (f.startedBy) w.push(sql`f.started_on <= ${f.startedBy}::date`)
  if (f.flagged !== undefined) w.push(sql`${f.flagged ? sql`` : sql`NOT`} EXISTS (SELECT 1 FROM followup_checks k WHERE k.followup_id = f.id AND ${alarming})`)
  return w
}

/** A tracer's follow-ups are few: read by the tracer index. */
function tracerWhere(access: Access, f: FollowupListFilter & { tracerUserId: number }) {
  return and([
    sql`f.tracer_user_id = ${f.tracerUserId}`,
    sql`f.status = ${f.status}`,
    sql`f.unit_path LIKE ${likePrefix(access.unitPath)}`,
    sql`f.unit_path LIKE ${likePrefix(f.areaPath)}`,
    ...(f.status === 'active' ? [sql`f.until >= ${f.due}::date`] : []),
    ...followupFilters(f),
  ])
}

const areaOrder = (access: Access, f: FollowupListFilter) => followupOrder(access, { areaPath: f.areaPath, status: f.status, due: f.due, filters: followupFilters(f) })

export async function countFollowups(db: Db, access: Access, f: FollowupListFilter): Promise<Counted> {
  if (f.tracerUserId !== undefined) {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM contact_followups f WHERE ${tracerWhere(access, { ...f, tracerUserId: f.tracerUserId })} LIMIT ${COUNT_CAP + 1}) x`.execute(db)
    return { n: Number(r.rows[0]?.n ?? 0), atLeast: false }
  }
  return countInArea(db, areaOrder(access, f), f.today)
}

async function followupPage(db: Db, access: Access, f: FollowupListFilter): Promise<number[]> {
  if (f.tracerUserId !== undefined) {
    const dir = f.status === 'active' ? sql`ASC` : sql`DESC`
    const r = await sql<{ id: number }>`
      SELECT f.id FROM contact_followups f WHERE ${tracerWhere(access, { ...f, tracerUserId: f.tracerUserId })}
       ORDER BY f.until ${dir}, f.id ${dir} LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db)
    return r.rows.map((x) => Number(x.id))
  }
  const rows = await readInOrder(db, areaOrder(access, f), f.offset + f.limit, f.today)
  return rows.slice(f.offset, f.offset + f.limit).map((r) => r.id)
}

/** Running follow-ups by their last day (the soonest first), ended ones latest first; with the day's check. */
export async function listFollowups(db: Db, access: Access, f: FollowupListFilter) {
  const ids = await followupPage(db, access, f)
  if (ids.length === 0) return []
  const r = await sql<{
    id: number
    personId: number
    fullName: string
    phone: string | null
    unitCode: string
    unitName: string
    degree: number | null
    startedOn: string
    until: string
    status: FollowupStatus
    tracerUserId: number | null
    tracerName: string | null
    checkedOnDue: boolean
    flagged: boolean
    lastCheckOn: string | null
  }>`
    SELECT f.id, f.person_id AS "personId", p.full_name AS "fullName", p.phone, u.code AS "unitCode", u.name AS "unitName", cd.degree,
           f.started_on AS "startedOn", f.until, f.status, f.tracer_user_id AS "tracerUserId", tu.display_name AS "tracerName",
           EXISTS (SELECT 1 FROM followup_checks k WHERE k.followup_id = f.id AND k.checked_on = ${f.due}::date) AS "checkedOnDue",
           EXISTS (SELECT 1 FROM followup_checks k WHERE k.followup_id = f.id AND ${alarming}) AS flagged,
           (SELECT max(k.checked_on) FROM followup_checks k WHERE k.followup_id = f.id) AS "lastCheckOn"
      FROM unnest(${sql.val(ids)}::bigint[]) WITH ORDINALITY AS page(id, n)
      JOIN contact_followups f ON f.id = page.id
      JOIN people p ON p.id = f.person_id
      JOIN units u ON u.id = p.unit_id
      LEFT JOIN contact_degrees cd ON cd.person_id = f.person_id
      LEFT JOIN users tu ON tu.id = f.tracer_user_id
     WHERE f.unit_path LIKE ${likePrefix(access.unitPath)}
     ORDER BY page.n`.execute(db)
  return r.rows
}

/** Daily: active follow-ups whose last day has passed are completed. */
export async function completeEndedFollowups(db: Db, today: string): Promise<number> {
  const r = await db.updateTable('contactFollowups').set({ status: 'completed', updatedAt: new Date() }).where('status', '=', 'active').where('until', '<', today).executeTakeFirst()
  return Number(r.numUpdatedRows)
}
