import { type Kysely, sql } from 'kysely'
import type { Access, Ctx } from './context.ts'
import type { DB } from './schema.ts'

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
  file?: { name: string; content: Buffer }
}

export async function enqueueJob(ctx: Ctx, input: EnqueueInput): Promise<number> {
  const run = async (db: Kysely<DB>) => {
    await setActor(db, ctx.access, ctx.requestId)
    const row = await db
      .insertInto('jobs')
      .values({
        kind: input.kind,
        title: input.title,
        payload: JSON.stringify(input.payload ?? {}),
        createdBy: ctx.access.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (input.file) {
      await db.insertInto('jobFiles').values({ jobId: row.id, fileName: input.file.name, content: input.file.content }).execute()
    }
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

/**
 * Runs queued jobs one at a time in this process. One runner serves one database: at start it
 * takes back jobs left running by a stopped process and resumes them from their checkpoint.
 */
export class JobRunner {
  private handlers = new Map<string, JobHandler<never, never>>()
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private stopped = true
  private wakeRequested = false

  constructor(
    readonly db: Kysely<DB>,
    private readonly resolveActor: (userId: number | null) => Promise<Access>,
    private readonly now: () => Date = () => new Date(),
    private readonly pollMs = 1000,
  ) {}

  register<P, C>(kind: string, handler: JobHandler<P, C>): void {
    this.handlers.set(kind, handler as JobHandler<never, never>)
  }

  async start(): Promise<void> {
    await this.db.updateTable('jobs').set({ status: 'queued' }).where('status', '=', 'running').execute()
    this.stopped = false
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
      this.running = this.drain(true).then(() => undefined).finally(() => {
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

  async runNext(): Promise<boolean> {
    const job = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        startedAt: sql`COALESCE(started_at, now())`,
        heartbeatAt: new Date(),
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', (eb) =>
        eb
          .selectFrom('jobs')
          .select('id')
          .where('status', '=', 'queued')
          .where('kind', 'in', [...this.handlers.keys()].length ? [...this.handlers.keys()] : [''])
          .orderBy('id')
          .limit(1),
      )
      .returningAll()
      .executeTakeFirst()
    if (!job) return false
    const handler = this.handlers.get(job.kind)
    if (!handler) return true
    const file = await this.db.selectFrom('jobFiles').select(['fileName', 'content']).where('jobId', '=', job.id).executeTakeFirst()
    const access = await this.resolveActor(job.createdBy)
    const ctx: Ctx = { db: this.db, access: { ...access, username: `${access.username} (job ${job.id})` }, now: this.now }
    const running: RunningJob<never, never> = {
      id: job.id,
      payload: job.payload as never,
      checkpoint: (job.checkpoint ?? null) as never,
      file: file ? { name: file.fileName, content: file.content } : null,
      ctx,
      progress: async (done, total, message, checkpoint) => {
        const row = await this.db
          .updateTable('jobs')
          .set({
            progressDone: done,
            ...(total !== undefined ? { progressTotal: total } : {}),
            ...(message !== undefined ? { message } : {}),
            ...(checkpoint !== undefined ? { checkpoint: JSON.stringify(checkpoint) } : {}),
            heartbeatAt: new Date(),
          })
          .where('id', '=', job.id)
          .returning('cancelRequested')
          .executeTakeFirst()
        if (row?.cancelRequested) throw new JobCancelled()
      },
    }
    try {
      const result = await handler(running)
      await this.finish(job.id, 'done', { result: JSON.stringify(result ?? null) })
    } catch (err) {
      if (err instanceof JobCancelled) await this.finish(job.id, 'cancelled', {})
      else await this.finish(job.id, 'failed', { error: err instanceof Error ? err.message : String(err) })
    }
    return true
  }

  private async finish(id: number, status: 'done' | 'failed' | 'cancelled', extra: { result?: string; error?: string }) {
    await this.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('phongdich.actor_name', 'system', true)`.execute(tx)
      await tx
        .updateTable('jobs')
        .set({ status, finishedAt: new Date(), ...extra })
        .where('id', '=', id)
        .execute()
    })
  }
}

