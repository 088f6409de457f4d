import { type Kysely, sql } from 'kysely'
import type { DB } from '../../platform/schema.ts'

function jobsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('jobs as j')
    .leftJoin('users as u', 'u.id', 'j.createdBy')
    .select([
      'j.id',
      'j.kind',
      'j.title',
      'j.status',
      'j.progressDone',
      'j.progressTotal',
      'j.message',
      'j.error',
      'j.result',
      'j.cancelRequested',
      'j.attempts',
      'j.createdAt',
      'j.startedAt',
      'j.finishedAt',
      'u.displayName as createdByName',
    ])
}
export type JobRow = Awaited<ReturnType<ReturnType<typeof jobsQuery>['executeTakeFirstOrThrow']>>

export function listJobs(db: Kysely<DB>, filter: { status?: string | undefined; limit: number }) {
  let q = jobsQuery(db)
  if (filter.status) q = q.where('j.status', 'in', filter.status.split(',') as 'queued'[])
  return q.orderBy('j.id', 'desc').limit(filter.limit).execute()
}

export function findJob(db: Kysely<DB>, id: number) {
  return jobsQuery(db).where('j.id', '=', id).executeTakeFirst()
}

/**
 * A queued job is cancelled at once; so is a running one whose runner is gone (its lease expired,
 * or `runnerGone` because no server can be running). Any other running job stops at its next
 * progress report.
 */
export async function requestCancel(db: Kysely<DB>, id: number, runnerGone = false): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'cancelled', cancelRequested: true, finishedAt: new Date(), leaseExpiresAt: null })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([
          eb('status', '=', 'running'),
          runnerGone ? sql<boolean>`true` : eb.or([eb('leaseExpiresAt', 'is', null), eb('leaseExpiresAt', '<=', sql<Date>`now()`)]),
        ]),
      ]),
    )
    .execute()
  await db.updateTable('jobs').set({ cancelRequested: true }).where('id', '=', id).where('status', '=', 'running').execute()
}

/** Queues a stopped job again, with a fresh attempt count. */
export async function requeue(db: Kysely<DB>, id: number): Promise<void> {
  await db.updateTable('jobs').set({ status: 'queued', cancelRequested: false, error: null, finishedAt: null, attempts: 0 }).where('id', '=', id).execute()
}

/** The stored file a finished job made for `userId` (its result names it), if it is still kept. */
export function jobFile(db: Kysely<DB>, jobId: number, userId: number, now: Date) {
  return db
    .selectFrom('jobs as j')
    .innerJoin('uploads as f', (join) => join.on(sql<boolean>`f.id = (j.result->>'uploadId')::bigint`))
    .select(['f.id', 'f.fileName', 'f.size', 'j.result'])
    .where('j.id', '=', jobId)
    .where('j.status', '=', 'done')
    .where('j.createdBy', '=', userId)
    .where('f.createdBy', '=', userId)
    .where('f.purpose', '=', 'export')
    .where('f.complete', '=', true)
    .where('f.expiresAt', '>', now)
    .executeTakeFirst()
}

/** Whether `userId` has a job of `kind` waiting or running. */
export async function hasActiveJob(db: Kysely<DB>, kind: string, userId: number): Promise<boolean> {
  const r = await db.selectFrom('jobs').select('id').where('kind', '=', kind).where('createdBy', '=', userId).where('status', 'in', ['queued', 'running']).executeTakeFirst()
  return r !== undefined
}
