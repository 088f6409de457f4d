import type { Kysely } from 'kysely'
import type { DB } from '../../platform/schema.ts'

/** Forgets uploads whose time is up (an upload a job holds has no expiry) and unfinished ones over an hour old. */
export async function deleteExpired(db: Kysely<DB>, now: Date): Promise<void> {
  await db
    .deleteFrom('uploads')
    .where((eb) => eb.or([eb('expiresAt', '<', now), eb.and([eb('complete', '=', false), eb('createdAt', '<', new Date(now.getTime() - 3600_000))])]))
    .execute()
}

/** Uploads a user holds: how many, and their bytes. */
export async function usage(db: Kysely<DB>, userId: number): Promise<{ count: number; bytes: number }> {
  const r = await db
    .selectFrom('uploads')
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.coalesce(eb.fn.sum<string>('size'), eb.val('0')).as('bytes')])
    .where('createdBy', '=', userId)
    // Files a job holds are the job's now, and files made for the user are not theirs to upload:
    // neither counts against the uploader.
    .where('expiresAt', 'is not', null)
    .where('purpose', '<>', 'export')
    .executeTakeFirstOrThrow()
  return { count: Number(r.count), bytes: Number(r.bytes) }
}

export async function findOwnMany(db: Kysely<DB>, userId: number, ids: number[], now: Date) {
  if (ids.length === 0) return []
  return db
    .selectFrom('uploads')
    .select(['id', 'purpose', 'fileName', 'size', 'sha256'])
    .where('id', 'in', ids)
    .where('createdBy', '=', userId)
    .where('complete', '=', true)
    .where('expiresAt', '>', now)
    .execute()
}

export async function deleteUploads(db: Kysely<DB>, ids: number[]): Promise<void> {
  if (ids.length) await db.deleteFrom('uploads').where('id', 'in', ids).where('expiresAt', 'is not', null).execute()
}
