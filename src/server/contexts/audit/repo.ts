import type { Kysely } from 'kysely'
import { type Access, likeContains, likePrefix } from '../../platform/context.ts'
import type { DB } from '../../platform/schema.ts'

export interface AuditFilter {
  actor?: string | undefined
  entity?: string | undefined
  entityId?: string | undefined
  action?: string | undefined
  from?: Date | undefined
  to?: Date | undefined
  limit: number
  offset: number
}

export function searchAudit(db: Kysely<DB>, access: Access, f: AuditFilter) {
  let q = db
    .selectFrom('auditLog as a')
    .select(['a.id', 'a.at', 'a.actorId', 'a.actorName', 'a.action', 'a.entity', 'a.entityId', 'a.unitPath', 'a.before', 'a.after', 'a.requestId'])
  // Below the root, an entry is shown when it is about a place in the caller's jurisdiction, or
  // has no place and was made by someone of that jurisdiction (their logins, their reads).
  if (access.unitPath !== '/') {
    const prefix = likePrefix(access.unitPath)
    q = q.where((eb) =>
      eb.or([
        eb('a.unitPath', 'like', prefix),
        eb.and([
          eb('a.unitPath', 'is', null),
          eb(
            'a.actorId',
            'in',
            eb.selectFrom('users as u').innerJoin('units as un', 'un.id', 'u.unitId').select('u.id').where('un.path', 'like', prefix),
          ),
        ]),
      ]),
    )
  }
  if (f.actor) q = q.where('a.actorName', 'ilike', likeContains(f.actor))
  if (f.entity) q = q.where('a.entity', '=', f.entity)
  if (f.entityId) q = q.where('a.entityId', '=', f.entityId)
  if (f.action) q = q.where('a.action', '=', f.action)
  if (f.from) q = q.where('a.at', '>=', f.from)
  if (f.to) q = q.where('a.at', '<', f.to)
  return q.orderBy('a.id', 'desc').limit(f.limit).offset(f.offset).execute()
}

export async function maxAuditId(db: Kysely<DB>): Promise<number> {
  const r = await db.selectFrom('auditLog').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst()
  return Number(r?.m ?? 0)
}
