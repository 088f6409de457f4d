import { type Kysely, sql } from 'kysely'
import { type Access, likePrefix } from '../../platform/context.ts'
import type { DB } from '../../platform/schema.ts'
import type { Role } from '../../../domain/access/roles.ts'
import { vietnameseSortKey } from '../../../domain/text/sortKey.ts'

export interface UserRow {
  id: number
  username: string
  passwordHash: string
  displayName: string
  role: string
  unitId: string
  unitPath: string
  unitName: string
  orgId: number | null
  orgName: string | null
  active: boolean
  lastLoginAt: Date | null
  locale: string
}

function usersQuery(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .innerJoin('units as un', 'un.id', 'u.unitId')
    .leftJoin('orgs as o', 'o.id', 'u.orgId')
    .select([
      'u.id',
      'u.username',
      'u.passwordHash',
      'u.displayName',
      'u.role',
      'u.unitId',
      'un.path as unitPath',
      'un.name as unitName',
      'u.orgId',
      'o.name as orgName',
      'u.active',
      'u.lastLoginAt',
      'u.locale',
    ])
}

export function findUserByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return usersQuery(db).where('u.username', '=', username).executeTakeFirst()
}

export function findUserById(db: Kysely<DB>, access: Access, id: number): Promise<UserRow | undefined> {
  return usersQuery(db).where('u.id', '=', id).where('un.path', 'like', likePrefix(access.unitPath)).executeTakeFirst()
}

export function listUsers(db: Kysely<DB>, access: Access, unitPath?: string): Promise<UserRow[]> {
  let q = usersQuery(db).where('un.path', 'like', likePrefix(access.unitPath))
  if (unitPath) q = q.where('un.path', 'like', likePrefix(unitPath))
  return q.orderBy('u.nameSort').orderBy('u.username').execute()
}

export async function insertUser(
  db: Kysely<DB>,
  values: { username: string; passwordHash: string; displayName: string; role: Role; unitId: string; orgId: number | null },
): Promise<number> {
  const row = await db.insertInto('users').values({ ...values, nameSort: vietnameseSortKey(values.displayName) }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function updateUser(
  db: Kysely<DB>,
  id: number,
  values: Partial<{
    passwordHash: string
    displayName: string
    role: Role
    unitId: string
    orgId: number | null
    active: boolean
    lastLoginAt: Date
    locale: string
  }>,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...values, ...(values.displayName !== undefined ? { nameSort: vietnameseSortKey(values.displayName) } : {}), updatedAt: new Date() })
    .where('id', '=', id)
    .execute()
}

export async function insertSession(
  db: Kysely<DB>,
  values: { id: string; userId: number; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db.insertInto('sessions').values(values).execute()
}

export function findSession(db: Kysely<DB>, id: string, now: Date) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .innerJoin('units as un', 'un.id', 'u.unitId')
    .select([
      's.id as sessionId',
      's.csrfToken',
      's.expiresAt',
      'u.id as userId',
      'u.username',
      'u.displayName',
      'u.role',
      'u.unitId',
      'un.path as unitPath',
      'u.orgId',
      'u.active',
      'u.locale',
    ])
    .where('s.id', '=', id)
    .where('s.expiresAt', '>', now)
    .executeTakeFirst()
}

export async function touchSession(db: Kysely<DB>, id: string, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ expiresAt }).where('id', '=', id).execute()
}

export async function deleteSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

export async function deleteUserSessions(db: Kysely<DB>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute()
}

export interface ThrottleState {
  /** Failures of this (name, address) pair since it was last forgotten. */
  pairFailures: number
  blockedUntil: Date | null
  /** Failures of the name from all addresses whose last failure is after `since`. */
  accountFailures: number
}

export async function loginThrottleState(db: Kysely<DB>, username: string, address: string, forgetBefore: Date, since: Date): Promise<ThrottleState> {
  const row = await db
    .selectFrom('loginThrottle')
    .select([
      sql<number>`COALESCE(SUM(failures) FILTER (WHERE address = ${address} AND last_failed_at >= ${forgetBefore}), 0)::int`.as('pairFailures'),
      sql<Date | null>`MAX(blocked_until) FILTER (WHERE address = ${address})`.as('blockedUntil'),
      sql<number>`COALESCE(SUM(failures) FILTER (WHERE last_failed_at >= ${since}), 0)::int`.as('accountFailures'),
    ])
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
  return { pairFailures: row.pairFailures, blockedUntil: row.blockedUntil ? new Date(row.blockedUntil) : null, accountFailures: row.accountFailures }
}

/** Counts one failure of the pair (starting again after `forgetBefore`) and sets how long it is refused. */
export async function recordLoginFailure(
  db: Kysely<DB>,
  values: { username: string; address: string; now: Date; forgetBefore: Date; blockFor: (failures: number) => number },
): Promise<number> {
  const { username, address, now, forgetBefore } = values
  const row = await db
    .insertInto('loginThrottle')
    .values({ username, address, failures: 1, lastFailedAt: now })
    .onConflict((oc) =>
      oc.columns(['username', 'address']).doUpdateSet({
        failures: sql<number>`CASE WHEN login_throttle.last_failed_at < ${forgetBefore} THEN 1 ELSE login_throttle.failures + 1 END`,
        lastFailedAt: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow()
  const ms = values.blockFor(row.failures)
  await db
    .updateTable('loginThrottle')
    .set({ blockedUntil: ms > 0 ? new Date(now.getTime() + ms) : null })
    .where('username', '=', username)
    .where('address', '=', address)
    .execute()
  return row.failures
}

/** Forgets the failures of one pair, or of every address for the name. */
export async function clearLoginFailures(db: Kysely<DB>, username: string, address?: string): Promise<void> {
  let q = db.deleteFrom('loginThrottle').where('username', '=', username)
  if (address !== undefined) q = q.where('address', '=', address)
  await q.execute()
}

/** Drops pairs whose last failure is older than `before`. */
export async function pruneLoginFailures(db: Kysely<DB>, before: Date): Promise<void> {
  await db.deleteFrom('loginThrottle').where('lastFailedAt', '<', before).execute()
}

export async function insertAuthEvent(
  db: Kysely<DB>,
  event: { actorId: number | null; actorName: string; action: string; requestId?: string; detail?: unknown },
): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      actorId: event.actorId,
      actorName: event.actorName,
      action: event.action,
      entity: 'session',
      entityId: event.actorId === null ? null : String(event.actorId),
      after: event.detail === undefined ? null : JSON.stringify(event.detail),
      requestId: event.requestId ?? null,
    })
    .execute()
}

export async function orgName(db: Kysely<DB>, orgId: number): Promise<string | null> {
  const r = await db.selectFrom('orgs').select('name').where('id', '=', orgId).executeTakeFirst()
  return r?.name ?? null
}

/** Where a body sits: its unit's path, for binding users to it. */
export function orgPlace(db: Kysely<DB>, orgId: number): Promise<{ id: number; name: string; unitPath: string } | undefined> {
  return db
    .selectFrom('orgs as o')
    .innerJoin('units as un', 'un.id', 'o.unitId')
    .select(['o.id', 'o.name', 'un.path as unitPath'])
    .where('o.id', '=', orgId)
    .executeTakeFirst()
}
