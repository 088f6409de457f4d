import type { Kysely } from 'kysely'
import type { DB } from '../../platform/schema.ts'

export async function insertUpload(
  db: Kysely<DB>,
  row: { purpose: string; fileName: string; size: number; sha256: string; content: Buffer; createdBy: number; unitPath: string; expiresAt: Date },
): Promise<number> {
  const r = await db.insertInto('uploads').values(row).returning('id').executeTakeFirstOrThrow()
  return r.id
}

export async function deleteExpired(db: Kysely<DB>, now: Date): Promise<void> {
  await db.deleteFrom('uploads').where('expiresAt', '<', now).execute()
}

/** Uploads a user holds: how many, and their bytes. */
export async function usage(db: Kysely<DB>, userId: number): Promise<{ count: number; bytes: number }> {
  const r = await db
    .selectFrom('uploads')
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.coalesce(eb.fn.sum<string>('size'), eb.val('0')).as('bytes')])
    .where('createdBy', '=', userId)
    .executeTakeFirstOrThrow()
  return { count: Number(r.count), bytes: Number(r.bytes) }
}

/** One of the user's own uploads, not expired; another user's upload is simply not found. */
export async function findOwn(db: Kysely<DB>, userId: number, id: number, now: Date) {
  return db
    .selectFrom('uploads')
    .select(['id', 'purpose', 'fileName', 'size', 'sha256', 'content'])
    .where('id', '=', id)
    .where('createdBy', '=', userId)
    .where('expiresAt', '>', now)
    .executeTakeFirst()
}

export async function findOwnMany(db: Kysely<DB>, userId: number, ids: number[], now: Date) {
  if (ids.length === 0) return []
  return db
    .selectFrom('uploads')
    .select(['id', 'purpose', 'fileName', 'size', 'sha256', 'content'])
    .where('id', 'in', ids)
    .where('createdBy', '=', userId)
    .where('expiresAt', '>', now)
    .execute()
}

export async function deleteUploads(db: Kysely<DB>, ids: number[]): Promise<void> {
  if (ids.length) await db.deleteFrom('uploads').where('id', 'in', ids).execute()
}
