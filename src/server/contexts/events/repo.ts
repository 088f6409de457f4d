import { type Insertable, type Kysely, type Updateable, sql } from 'kysely'
import type { EventAssessment, EventRuleSet } from '../../../domain/events/rules.ts'
import { type Access, likePrefix, withinJurisdiction } from '../../platform/context.ts'
import type { DB, EventsTable } from '../../platform/schema.ts'

// Every query answering a caller filters by the caller's jurisdiction in SQL (events by the path of
// the unit where they take place). The rule sets are reference data; the public list reads only
// approved events and selects no personal column.
type Db = Kysely<DB>

// --- Rule sets -----------------------------------------------------------------------------------

export interface RuleSetRow {
  id: number
  unitId: string | null
  unitName: string | null
  validFrom: string
  name: string
  definition: EventRuleSet
  reason: string | null
}

const ruleSetColumns = ['r.id', 'r.unitId', 'u.name as unitName', 'r.validFrom', 'r.name', 'r.definition', 'r.reason'] as const

export async function nationalExists(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('eventRuleSets').select('id').where('unitId', 'is', null).executeTakeFirst())
}

export async function insertRuleSet(db: Db, v: { unitId: string | null; validFrom: string; name: string; definition: EventRuleSet; reason: string | null; createdBy: number | null }): Promise<number> {
  const row = await db
    .insertInto('eventRuleSets')
    .values({ ...v, definition: JSON.stringify(v.definition) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export function ruleSetExists(db: Db, unitId: string, validFrom: string) {
  return db.selectFrom('eventRuleSets').select('id').where('unitId', '=', unitId).where('validFrom', '=', validFrom).executeTakeFirst()
}

/** The province whose subtree holds `unitPath`, if any. */
export function provinceHolding(db: Db, unitPath: string) {
  return db.selectFrom('units').select(['id', 'name', 'path']).where('level', '=', 'province').where(sql<boolean>`${unitPath} LIKE path || '%'`).executeTakeFirst()
}

/** The rule sets that can apply in the caller's area: national, and those of units above or inside it. */
export async function listRuleSets(db: Db, access: Access): Promise<RuleSetRow[]> {
  const rows = await db
    .selectFrom('eventRuleSets as r')
    .leftJoin('units as u', 'u.id', 'r.unitId')
    .select(ruleSetColumns)
    .where((eb) => eb.or([eb('r.unitId', 'is', null), withinJurisdiction(access, 'u.path'), sql<boolean>`${access.unitPath} LIKE u.path || '%'`]))
    .orderBy('r.validFrom', 'desc')
    .orderBy('r.id', 'desc')
    .execute()
  return rows as RuleSetRow[]
}

/** The set in force at `unitPath` on `day`: the newest of the province holding it, else the newest national one. */
export async function ruleSetAt(db: Db, unitPath: string, day: string): Promise<RuleSetRow | undefined> {
  const row = await db
    .selectFrom('eventRuleSets as r')
    .leftJoin('units as u', 'u.id', 'r.unitId')
    .select(ruleSetColumns)
    .where('r.validFrom', '<=', day)
    .where((eb) => eb.or([eb('r.unitId', 'is', null), sql<boolean>`${unitPath} LIKE u.path || '%'`]))
    .orderBy(sql`r.unit_id IS NULL`)
    .orderBy('r.validFrom', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row as RuleSetRow | undefined
}

// --- Events --------------------------------------------------------------------------------------

export async function insertEvent(db: Db, v: Insertable<EventsTable>): Promise<number> {
  return (await db.insertInto('events').values(v).returning('id').executeTakeFirstOrThrow()).id
}

export async function updateEvent(db: Db, id: number, v: Updateable<EventsTable>): Promise<void> {
  await db
    .updateTable('events')
    .set({ ...v, updatedAt: new Date() })
    .where('id', '=', id)
    .execute()
}


function eventQuery(db: Db) {
  return db
    .selectFrom('events as e')
    .innerJoin('units as u', 'u.id', 'e.unitId')
    .leftJoin('users as ua', 'ua.id', 'e.advisedBy')
    .leftJoin('users as ud', 'ud.id', 'e.decidedBy')
    .select([
      'e.id',
      'e.unitId',
      'e.unitPath',
      'u.code as unitCode',
      'u.name as unitName',
      'u.unitType',
      'e.title',
      'e.organiser',
      'e.contactName',
      'e.contactPhone',
      'e.place',
      'e.setting',
      'e.startsOn',
      'e.startTime',
      'e.endsOn',
      'e.expectedAttendance',
      'e.foreignGuests',
      'e.countries',
      'e.purpose',
      'e.status',
      'e.assessment',
      'e.adviceRequestedAt',
      'e.adviceTo',
      'e.adviceText',
      'e.advisedAt',
      'ua.displayName as advisedByName',
      'e.decisionConditions',
      'e.decisionReason',
      'e.decisionNumber',
      'e.decidedAt',
      'ud.displayName as decidedByName',
      'e.createdAt',
    ])
}

/** An event as read for a caller, its stored assessment typed. */
export type EventRow = Omit<Awaited<ReturnType<ReturnType<typeof eventQuery>['executeTakeFirstOrThrow']>>, 'assessment'> & { assessment: EventAssessment }

export async function findEvent(db: Db, access: Access, id: number, forUpdate = false): Promise<EventRow | undefined> {
  if (forUpdate) await db.selectFrom('events').select('id').where('id', '=', id).forUpdate().executeTakeFirst()
  return (await eventQuery(db).where('e.id', '=', id).where(withinJurisdiction(access, 'e.unitPath')).executeTakeFirst()) as EventRow | undefined
}

export interface CalendarQuery {
  unitPath: string
  from: string
  to: string
  status?: string | undefined
  limit: number
  offset: number
}

/** Events overlapping [from, to] under a unit inside the caller's jurisdiction, by first day, a page at a time. */
export async function calendar(db: Db, access: Access, q: CalendarQuery): Promise<{ total: number; rows: EventRow[] }> {
  let base = db
    .selectFrom('events as e')
    .where(withinJurisdiction(access, 'e.unitPath'))
    .where('e.unitPath', 'like', likePrefix(q.unitPath))
    .where('e.startsOn', '<=', q.to)
    .where('e.endsOn', '>=', q.from)
  if (q.status) base = base.where('e.status', '=', q.status as never)
  const [count, ids] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base.select('e.id').orderBy('e.startsOn').orderBy('e.id').limit(q.limit).offset(q.offset).execute(),
  ])
  const rows =
    ids.length === 0
      ? []
      : ((await eventQuery(db)
          .where(
            'e.id',
            'in',
            ids.map((r) => r.id),
          )
          .orderBy('e.startsOn')
          .orderBy('e.id')
          .execute()) as EventRow[])
  return { total: Number(count.n), rows }
}

export interface PublicEventRow {
  id: number
  title: string
  place: string
  unitCode: string
  unitName: string
  unitType: string
  setting: 'indoor' | 'outdoor'
  startsOn: string
  startTime: string | null
  endsOn: string
  expectedAttendance: number
  status: string
  decisionConditions: string[]
}

/** Approved events of at least `minAttendance` people under `unitPath` ending on or after `from`: no organiser, contact or guests. */
export async function publicEvents(db: Db, q: { unitPath: string; from: string; minAttendance: number; limit: number }): Promise<PublicEventRow[]> {
  return (await db
    .selectFrom('events as e')
    .innerJoin('units as u', 'u.id', 'e.unitId')
    .select([
      'e.id',
      'e.title',
      'e.place',
      'u.code as unitCode',
      'u.name as unitName',
      'u.unitType',
      'e.setting',
      'e.startsOn',
      'e.startTime',
      'e.endsOn',
      'e.expectedAttendance',
      'e.status',
      'e.decisionConditions',
    ])
    .where('e.status', 'in', ['approved', 'approved_with_conditions'])
    .where('e.unitPath', 'like', likePrefix(q.unitPath))
    .where('e.endsOn', '>=', q.from)
    .where('e.expectedAttendance', '>=', q.minAttendance)
    .orderBy('e.startsOn')
    .orderBy('e.id')
    .limit(q.limit)
    .execute()) as PublicEventRow[]
}

/** The decision's next number in a unit's year (n/QĐ-UBND style, counted per unit and year). */
export async function nextDecisionNumber(db: Db, unitId: string, year: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM events WHERE unit_id = ${unitId} AND decision_number IS NOT NULL AND extract(year FROM decided_at AT TIME ZONE 'Asia/Ho_Chi_Minh') = ${Number(year)}`.execute(db)
  return Number(rows[0]?.n ?? 0) + 1
}

/**
 * The active users of the given roles whose unit holds `unitPath` (the health authority of the
 * event's commune, district and province), for the advice request's notification.
 */
export function usersAbove(db: Db, unitPath: string, roles: readonly string[]) {
  if (roles.length === 0) return Promise.resolve([])
  return db
    .selectFrom('users as us')
    .innerJoin('units as uu', 'uu.id', 'us.unitId')
    .select(['us.id'])
    .where('us.active', '=', true)
    .where('us.role', 'in', [...roles])
    .where(sql<boolean>`${unitPath} LIKE uu.path || '%'`)
    .execute()
}
