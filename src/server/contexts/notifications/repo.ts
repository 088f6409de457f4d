import type { Kysely } from 'kysely'
import type { DB } from '../../platform/schema.ts'

export async function insertNotifications(
  db: Kysely<DB>,
  rows: { userId: number; kind: string; title: string; body: string | null; link: string | null; dedupeKey: string }[],
): Promise<number[]> {
  if (rows.length === 0) return []
  const r = await db
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) => oc.columns(['userId', 'dedupeKey']).doNothing())
    .returning('id')
    .execute()
  return r.map((x) => x.id)
}

export function listForUser(db: Kysely<DB>, userId: number, unreadOnly: boolean, limit: number) {
  let q = db.selectFrom('notifications').select(['id', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt']).where('userId', '=', userId)
  if (unreadOnly) q = q.where('readAt', 'is', null)
  return q.orderBy('id', 'desc').limit(limit).execute()
}

export async function countUnread(db: Kysely<DB>, userId: number): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

export async function markRead(db: Kysely<DB>, userId: number, id: number | 'all', at: Date): Promise<number> {
  let q = db.updateTable('notifications').set({ readAt: at }).where('userId', '=', userId).where('readAt', 'is', null)
  if (id !== 'all') q = q.where('id', '=', id)
  const r = await q.executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export function pendingEmails(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.userId')
    .select(['n.id', 'n.title', 'n.body', 'n.link', 'u.username', 'u.displayName'])
    .where('n.id', 'in', ids)
    .where('n.emailedAt', 'is', null)
    .execute()
}

export async function markEmailed(db: Kysely<DB>, ids: number[], at: Date) {
  if (ids.length) await db.updateTable('notifications').set({ emailedAt: at }).where('id', 'in', ids).execute()
}
