import { type Kysely, sql } from 'kysely'
import type { Permission, Role } from '../../domain/access/roles.ts'
import { vnDate } from '../../domain/text/dates.ts'
import { ROLE_PERMISSIONS } from '../../domain/access/roles.ts'
import { forbidden } from './errors.ts'
import type { DB } from './schema.ts'

/** Who is acting and where they may act: the unit subtree rooted at `unitPath`. */
export interface Access {
  userId: number | null
  username: string
  displayName: string
  role: Role
  unitId: string | null
  unitPath: string
  orgId: number | null
}

/** The system itself (CLI, start-up loads): the whole registry. */
export const SYSTEM: Access = {
  userId: null,
  username: 'system',
  displayName: 'Hệ thống',
  role: 'admin',
  unitId: null,
  unitPath: '/',
  orgId: null,
}

/** What every use case receives: the database (or the current transaction), the caller and the clock. */
export interface Ctx {
  db: Kysely<DB>
  access: Access
  requestId?: string
  now: () => Date
}

export function hasPermission(access: Access, permission: Permission): boolean {
  return ROLE_PERMISSIONS[access.role].includes(permission)
}

export function requirePermission(access: Access, permission: Permission): void {
  if (!hasPermission(access, permission)) throw forbidden()
}

/** Runs `fn` in one transaction, tagging every row change with the actor for the audit triggers. */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx)
  return ctx.db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('phongdich.actor_id', ${ctx.access.userId === null ? '' : String(ctx.access.userId)}, true),
                     set_config('phongdich.actor_name', ${ctx.access.username}, true),
                     set_config('phongdich.request_id', ${ctx.requestId ?? ''}, true)`.execute(trx)
    return fn({ ...ctx, db: trx })
  })
}

/** SQL condition: `pathColumn` lies inside the caller's jurisdiction. */
export function withinJurisdiction(access: Access, pathColumn: string) {
  return sql<boolean>`${sql.ref(pathColumn)} LIKE ${likePrefix(access.unitPath)}`
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** LIKE pattern: starts with `prefix` (wildcards in it are taken literally). */
export function likePrefix(prefix: string): string {
  return `${escapeLike(prefix)}%`
}

/** LIKE pattern: contains `text` (wildcards in it are taken literally). */
export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`
}

/** Today's date in Vietnam (yyyy-mm-dd) by the context's clock. */
export const today = (ctx: Pick<Ctx, 'now'>) => vnDate(ctx.now())

export function isWithin(access: Access, path: string): boolean {
  return path.startsWith(access.unitPath)
}

/** Records a read of personal data. Writes are recorded by triggers. */
export async function auditRead(
  ctx: Ctx,
  entity: string,
  rows: ReadonlyArray<{ id: number | string; unitPath?: string | null }>,
  detail?: Record<string, unknown>,
): Promise<void> {
  if (rows.length === 0) return
  const single = rows.length === 1 ? rows[0] : undefined
  await ctx.db
    .insertInto('auditLog')
    .values({
      actorId: ctx.access.userId,
      actorName: ctx.access.username,
      action: 'read',
      entity,
      entityId: single ? String(single.id) : null,
      unitPath: single?.unitPath ?? null,
      after: JSON.stringify({ ids: rows.map((r) => r.id), ...detail }),
      requestId: ctx.requestId ?? null,
    })
    .execute()
}

/** Records an event that changes no row but should be traceable (e.g. a document read in for parsing). */
export async function auditEvent(ctx: Ctx, action: string, entity: string, detail: Record<string, unknown>): Promise<void> {
  await ctx.db
    .insertInto('auditLog')
    .values({ actorId: ctx.access.userId, actorName: ctx.access.username, action, entity, after: JSON.stringify(detail), requestId: ctx.requestId ?? null })
    .execute()
}
