import { randomUUID } from 'node:crypto'
import { type Kysely, type Selectable, sql, type Updateable } from 'kysely'
import type { Access, Ctx } from './context.ts'
import { readStoredFile, storeFile } from './fileStore.ts'
import type { DB, JobsTable } from './schema.ts'

export class JobCancelled extends Error {}

/** What a job handler sees: its payload, where it got to last time, and a way to report progress. */
export interface RunningJob<P = unknown, C = unknown> {
  id: number
  payload: P
  /** Saved by the last `progress` call; a resumed job continues from here. */
  checkpoint: C | null
  file: { name: string; content: Buffer } | null
  /** Runs as the user who started the job, so its writes are audited under their name. */
  ctx: Ctx
  /** Records progress (and a checkpoint); throws JobCancelled when cancellation was requested. */
  progress(done: number, total?: number | null, message?: string, checkpoint?: C): Promise<void>
}

export type JobHandler<P = unknown, C = unknown> = (job: RunningJob<P, C>) => Promise<unknown>

export interface EnqueueInput {
  kind: string
  title: string
  payload?: unknown
  /** A file for the job: an upload it takes over, or content to store now (command line). */
  file?: { name: string; content: Buffer; purpose: string } | { uploadId: number }
}

export async function enqueueJob(ctx: Ctx, input: EnqueueInput): Promise<number> {
  // Content is stored as an upload first, chunk by chunk (platform/fileStore.ts); the job holds it.
  let uploadId: number | null = null
  if (input.file && 'uploadId' in input.file) uploadId = input.file.uploadId
  else if (input.file) {
    uploadId = (
      await storeFile(ctx.db, {
        purpose: input.file.purpose,
        fileName: input.file.name,
        content: input.file.content,
        createdBy: ctx.access.userId,
        unitPath: ctx.access.unitPath,
        expiresAt: null,
      })
    ).id
  }
  const run = async (db: Kysely<DB>) => {
    await setActor(db, ctx.access, ctx.requestId)
    const row = await db
      .insertInto('jobs')
      .values({
        kind: input.kind,
        title: input.title,
        payload: JSON.stringify(input.payload ?? {}),
        createdBy: ctx.access.userId,
        uploadId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (uploadId !== null) await db.updateTable('uploads').set({ expiresAt: null }).where('id', '=', uploadId).execute()
    return row.id
  }
  const id = ctx.db.isTransaction ? await run(ctx.db) : await ctx.db.transaction().execute(run)
  // One process, one database: any runner here serves it. A job queued inside a transaction that
  // has not committed yet is picked up at the runner's next poll.
  for (const r of runners) r.wake()
  return id
}

async function setActor(db: Kysely<DB>, access: Access, requestId?: string) {
  await sql`SELECT set_config('phongdich.actor_id', ${access.userId === null ? '' : String(access.userId)}, true),
                   set_config('phongdich.actor_name', ${access.username}, true),
                   set_config('phongdich.request_id', ${requestId ?? ''}, true)`.execute(db)
}

const runners = new Set<JobRunner>()

/** Thrown from `progress` when this runner no longer holds the job: another runner took it over. */
export class JobLeaseLost extends Error {
  constructor(id: number) {
    super(`Công việc #${id} đã được tiến trình khác tiếp nhận.`)
  }
}

/** Why a job that kept being interrupted is not run again. */
export function attemptsExhausted(attempts: number): string {
  return `Đã thử ${attempts} lần, lần cuối bị gián đoạn (máy chủ dừng hoặc hết bộ nhớ); không chạy lại tự động.`
}

export interface JobRunnerOptions {
  /** How often an idle runner looks for queued jobs. */
  pollMs?: number
  /** How long a claimed job stays this runner's without a heartbeat. */
  leaseMs?: number
  /** How often the lease is renewed while a handler runs (also renewed at every progress report). */
  heartbeatMs?: number
  /** Default attempt limit: a job claimed this many times is not run again automatically. */
  maxAttempts?: number
  /**
   * No other process can be running jobs on this database (the embedded engine, whose data
   * directory is locked by one process): jobs left running are taken over at start at once,
   * without waiting for their lease to expire.
   */
  exclusive?: boolean
}

export interface JobKindOptions {
  /** Overrides the runner's attempt limit for this kind. */
  maxAttempts?: number
}

/**
 * Runs queued jobs one at a time in this process. Several runners (one per app server) may share
 * a database: a runner claims a job with a lease (its random id and an expiry) and renews it with
 * a heartbeat while the handler runs. A job still running after its lease expired was left by a
 * runner that died; another runner takes it over and resumes it from its checkpoint, counting an
 * attempt. A job claimed `maxAttempts` times already is marked failed instead of being run again.
 */
export class JobRunner {
  /** This runner's lease owner id. */
  readonly id = randomUUID()
  private handlers = new Map<string, { handler: JobHandler<never, never>; maxAttempts: number }>()
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private stopped = true
  private wakeRequested = false
  private abandoned = false
  private stopHeartbeat: (() => void) | null = null
  private readonly pollMs: number
  private readonly leaseMs: number
  private readonly heartbeatMs: number
  private readonly maxAttempts: number
  private readonly exclusive: boolean

  constructor(
    readonly db: Kysely<DB>,
    private readonly resolveActor: (userId: number | null) => Promise<Access>,
    private readonly now: () => Date = () => new Date(),
    options: JobRunnerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 1000
    this.leaseMs = options.leaseMs ?? 60_000
    this.heartbeatMs = options.heartbeatMs ?? 10_000
    this.maxAttempts = options.maxAttempts ?? 3
    this.exclusive = options.exclusive ?? false
  }

  register<P, C>(kind: string, handler: JobHandler<P, C>, options: JobKindOptions = {}): void {
    this.handlers.set(kind, { handler: handler as JobHandler<never, never>, maxAttempts: options.maxAttempts ?? this.maxAttempts })
  }

  async start(): Promise<void> {
    if (this.exclusive) {
      // Whoever held these jobs is gone: let them be taken over now rather than when the lease expires.
      await this.db
        .updateTable('jobs')
        .set({ leaseExpiresAt: sql`now()` })
        .where('status', '=', 'running')
        .where((eb) => eb.or([eb('leaseOwner', 'is', null), eb('leaseOwner', '!=', this.id)]))
        .execute()
    }
    this.stopped = false
    this.abandoned = false
    runners.add(this)
    this.schedule(0)
  }

  async stop(): Promise<void> {
    this.stopped = true
    runners.delete(this)
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.running
  }

  /**
   * Stops polling and heartbeats without finishing the job in hand, as a process that froze or
   * died would (tests). If its handler goes on, it stops at its next progress report once another
   * runner has taken the job over.
   */
  abandon(): void {
    this.abandoned = true
    this.stopped = true
    runners.delete(this)
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.stopHeartbeat?.()
  }

  wake(): void {
    if (this.stopped) return
    if (this.running) {
      this.wakeRequested = true
      return
    }
    this.schedule(0)
  }

  private schedule(ms: number): void {
    if (this.stopped) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      this.running = this.drain(true)
        .then(() => undefined)
        // The database may be briefly unreachable: try again at the next poll.
        .catch((err: unknown) => console.error('Lỗi khi chạy công việc nền:', err))
        .finally(() => {
          this.running = null
          this.schedule(this.wakeRequested ? 0 : this.pollMs)
          this.wakeRequested = false
        })
    }, ms)
  }

  /** Runs jobs until none is queued (or, for the background loop, until stopped). */
  async drain(background = false): Promise<number> {
    let n = 0
    while (!(background && this.stopped) && (await this.runNext())) n++
    return n
  }

  private leaseUntil() {
    return sql<Date>`now() + make_interval(secs => ${this.leaseMs / 1000}::double precision)`
  }

  /**
   * Takes the oldest job this runner can do: queued, or running under an expired lease. Other
   * runners skip the row while it is being claimed. Returns the claimed row, `'settled'` when the
   * job was ended instead of run (cancelled while its runner was gone, or out of attempts), or
   * null when there is nothing to do.
   */
  private async claim() {
    const kinds = [...this.handlers.keys()]
    if (kinds.length === 0) return null
    return this.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('phongdich.actor_name', 'system', true)`.execute(tx)
      const next = await tx
        .selectFrom('jobs')
        .select(['id', 'kind', 'status', 'attempts', 'cancelRequested'])
        .where('kind', 'in', kinds)
        .where((eb) =>
          eb.or([
            eb('status', '=', 'queued'),
            eb.and([eb('status', '=', 'running'), eb.or([eb('leaseExpiresAt', 'is', null), eb('leaseExpiresAt', '<=', sql<Date>`now()`)])]),
          ]),
        )
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst()
      if (!next) return null
      const end = (status: 'failed' | 'cancelled', error?: string) =>
        tx
          .updateTable('jobs')
          .set({ status, finishedAt: new Date(), leaseExpiresAt: null, ...(error ? { error } : {}) })
          .where('id', '=', next.id)
          .execute()
      if (next.status === 'running' && next.cancelRequested) {
        await end('cancelled')
        return 'settled' as const
      }
      const limit = this.handlers.get(next.kind)?.maxAttempts ?? this.maxAttempts
      if (next.attempts >= limit) {
        await end('failed', attemptsExhausted(next.attempts))
        return 'settled' as const
      }
      return tx
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          startedAt: sql`COALESCE(started_at, now())`,
          heartbeatAt: sql`now()`,
          attempts: eb('attempts', '+', 1),
          leaseOwner: this.id,
          leaseExpiresAt: this.leaseUntil(),
        }))
        .where('id', '=', next.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    })
  }

  async runNext(): Promise<boolean> {
    const job = await this.claim()
    if (job === null) return false
    if (job === 'settled') return true
    const entry = this.handlers.get(job.kind)
    if (!entry) return true
    return this.run(job, entry.handler)
  }

  private async run(job: Selectable<JobsTable>, handler: JobHandler<never, never>): Promise<boolean> {
    // Once the lease is lost (another runner took the job over), nothing more is written for it.
    let lost = false
    const renew = async (fields: Updateable<JobsTable> = {}) => {
      if (lost) throw new JobLeaseLost(job.id)
      const row = await this.db
        .updateTable('jobs')
        .set({ ...fields, heartbeatAt: sql`now()`, leaseExpiresAt: this.leaseUntil() })
        .where('id', '=', job.id)
        .where('leaseOwner', '=', this.id)
        .where('status', '=', 'running')
        .returning('cancelRequested')
        .executeTakeFirst()
      if (!row) {
        lost = true
        throw new JobLeaseLost(job.id)
      }
      return row
    }
    let beat: Promise<unknown> = Promise.resolve()
    const heartbeat = setInterval(() => {
      if (lost) stopHeartbeat()
      else beat = renew().catch(() => {})
    }, this.heartbeatMs)
    heartbeat.unref()
    const stopHeartbeat = () => clearInterval(heartbeat)
    this.stopHeartbeat = stopHeartbeat
    if (this.abandoned) stopHeartbeat()

    let outcome: { status: 'done' | 'failed' | 'cancelled'; result?: string; error?: string }
    try {
      const file = await this.jobFile(job.id, job.uploadId)
      const access = await this.resolveActor(job.createdBy)
      const ctx: Ctx = { db: this.db, access: { ...access, username: `${access.username} (job ${job.id})` }, now: this.now }
      const result = await handler({
        id: job.id,
        payload: job.payload as never,
        checkpoint: (job.checkpoint ?? null) as never,
        file,
        ctx,
        progress: async (done, total, message, checkpoint) => {
          const row = await renew({
            progressDone: done,
            ...(total !== undefined ? { progressTotal: total } : {}),
            ...(message !== undefined ? { message } : {}),
            ...(checkpoint !== undefined ? { checkpoint: JSON.stringify(checkpoint) } : {}),
          })
          if (row.cancelRequested) throw new JobCancelled()
        },
      })
      outcome = { status: 'done', result: JSON.stringify(result ?? null) }
    } catch (err) {
      if (err instanceof JobCancelled) outcome = { status: 'cancelled' }
      else outcome = { status: 'failed', error: err instanceof Error ? err.message : String(err) }
    } finally {
      stopHeartbeat()
      if (this.stopHeartbeat === stopHeartbeat) this.stopHeartbeat = null
      await beat
    }
    if (!lost) await this.finish(job.id, outcome)
    return true
  }

  /** Records how the job ended, if this runner still holds it. */
  private async finish(id: number, outcome: { status: 'done' | 'failed' | 'cancelled'; result?: string; error?: string }) {
    await this.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('phongdich.actor_name', 'system', true)`.execute(tx)
      await tx
        .updateTable('jobs')
        .set({ ...outcome, finishedAt: new Date(), leaseExpiresAt: null })
        .where('id', '=', id)
        .where('leaseOwner', '=', this.id)
        .where('status', '=', 'running')
        .execute()
    })
  }

  /** The job's file: its upload, read chunk by chunk; or the file stored with jobs queued by earlier versions. */
  private async jobFile(jobId: number, uploadId: number | null): Promise<{ name: string; content: Buffer } | null> {
    if (uploadId !== null) {
      const u = await this.db.selectFrom('uploads').select('fileName').where('id', '=', uploadId).executeTakeFirst()
      return u ? { name: u.fileName, content: await readStoredFile(this.db, uploadId) } : null
    }
    const legacy = await this.db.selectFrom('jobFiles').select(['fileName', 'content']).where('jobId', '=', jobId).executeTakeFirst()
    return legacy ? { name: legacy.fileName, content: legacy.content } : null
  }

}
