import { describe, expect, it } from 'vitest'
import { testApp } from '../../test/harness.ts'
import { SYSTEM } from './context.ts'
import { attemptsExhausted, enqueueJob, JobLeaseLost, JobRunner, type JobRunnerOptions } from './jobs.ts'

const t = await testApp()

function runnerWith(handler: Parameters<JobRunner['register']>[1], options: JobRunnerOptions = {}, kind = 'test.count') {
  const runner = new JobRunner(t.database.db, async () => SYSTEM, t.clock.now, options)
  runner.register(kind, handler)
  return runner
}

const jobRow = (id: number) => t.database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits (in real time: leases are measured by the database clock) until `check` holds. */
async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out')
    await sleep(25)
  }
}

/** A promise and the function that settles it. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { opened, open }
}

describe('background jobs', () => {
  it('reports progress and finishes with a result', async () => {
    const id = await enqueueJob(t.ctx, { kind: 'test.count', title: 'Đếm', payload: { to: 3 } })
    const seen: number[] = []
    const runner = runnerWith(async (job) => {
      for (let i = 1; i <= 3; i++) {
        await job.progress(i, 3, `bước ${i}`, { i })
        seen.push(i)
      }
      return { counted: 3 }
    })
    await runner.drain()
    const row = await t.database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(seen).toEqual([1, 2, 3])
    expect(row).toMatchObject({ status: 'done', progressDone: 3, progressTotal: 3, result: { counted: 3 } })
  })

  it('resumes an interrupted job from its checkpoint after a restart', async () => {
    const id = await enqueueJob(t.ctx, { kind: 'test.count', title: 'Đếm dài' })
    // First process dies after step 2 (simulated by throwing out of the handler without finishing).
    const crashing = runnerWith(async (job) => {
      await job.progress(1, 5, undefined, { next: 2 })
      await job.progress(2, 5, undefined, { next: 3 })
      throw new Error('mất điện')
    })
    await crashing.drain()
    // The process was killed, so the row was left "running": emulate that.
    await t.database.db.updateTable('jobs').set({ status: 'running', error: null }).where('id', '=', id).execute()
    const started: unknown[] = []
    // The restarted server is alone on its (embedded) database, so it takes the job over at once.
    const next = runnerWith(
      async (job) => {
        started.push(job.checkpoint)
        return null
      },
      { exclusive: true },
    )
    await next.start()
    await next.stop()
    await next.drain()
    expect(started).toEqual([{ next: 3 }])
    const row = await t.database.db.selectFrom('jobs').select(['status', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'done', attempts: 2 })
  })

  it('stops a running job at its next progress report when cancelled, and can resume it', async () => {
    const admin = await t.userAgent('admin', '91')
    const id = await enqueueJob(t.ctx, { kind: 'test.count', title: 'Hủy được' })
    let resumedFrom: unknown = 'never'
    const runner = runnerWith(async (job) => {
      if (job.checkpoint) {
        resumedFrom = job.checkpoint
        return 'ok'
      }
      await job.progress(1, 10, undefined, { next: 2 })
      expect((await admin.post(`/api/jobs/${job.id}/cancel`)).statusCode).toBe(200)
      await job.progress(2, 10, undefined, { next: 3 })
      return 'should not get here'
    })
    await runner.drain()
    expect((await admin.get(`/api/jobs/${id}`)).json().status).toBe('cancelled')
    const resumed = await admin.post(`/api/jobs/${id}/resume`)
    expect(resumed.json().status).toBe('queued')
    await runner.drain()
    // Step 2 had completed when the cancellation was noticed, so work resumes at step 3.
    expect(resumedFrom).toEqual({ next: 3 })
    expect((await admin.get(`/api/jobs/${id}`)).json().status).toBe('done')
  })

  it('cancels a queued job at once and refuses to cancel a finished one', async () => {
    const admin = await t.userAgent('admin', '91')
    const id = await enqueueJob(t.ctx, { kind: 'test.none', title: 'Chờ' })
    expect((await admin.post(`/api/jobs/${id}/cancel`)).json().status).toBe('cancelled')
    const again = await admin.post(`/api/jobs/${id}/cancel`)
    expect(again.statusCode).toBe(400)
    expect(again.json().error.code).toBe('JOB_NOT_ACTIVE')
  })

  it('keeps a job with the runner that heartbeats, and lets another take it over once that runner is gone', async () => {
    const kind = 'test.lease'
    const id = await enqueueJob(t.ctx, { kind, title: 'Việc dài' })
    // Leases long enough that a busy test machine does not delay a heartbeat past one.
    const options = { pollMs: 50, leaseMs: 1000, heartbeatMs: 100 }
    const release = gate()
    let aStopped: unknown = null
    const a = runnerWith(
      async (job) => {
        await job.progress(1, 2, 'A đã làm bước 1', { next: 2 })
        await release.opened
        try {
          await job.progress(2, 2, 'A vẫn tưởng mình giữ việc')
        } catch (err) {
          aStopped = err
          throw err
        }
        return 'A'
      },
      options,
      kind,
    )
    const bSaw: unknown[] = []
    const b = runnerWith(
      async (job) => {
        bSaw.push(job.checkpoint)
        await job.progress(2, 2, 'B xong')
        return 'B'
      },
      options,
      kind,
    )
    await a.start()
    await until(async () => (await jobRow(id)).progressDone === 1)
    await b.start()
    // Over two lease lengths: A's heartbeat keeps the job A's, and B neither runs nor requeues it.
    await sleep(2500)
    expect(await jobRow(id)).toMatchObject({ status: 'running', leaseOwner: a.id, attempts: 1 })
    expect(bSaw).toEqual([])

    a.abandon()
    await until(async () => (await jobRow(id)).status === 'done')
    expect(await jobRow(id)).toMatchObject({ status: 'done', leaseOwner: b.id, attempts: 2, result: 'B', progressDone: 2, message: 'B xong' })
    expect(bSaw).toEqual([{ next: 2 }])

    // A comes back to life: its progress report finds the job taken over, and it writes nothing more.
    release.open()
    await a.stop()
    await b.stop()
    expect(aStopped).toBeInstanceOf(JobLeaseLost)
    expect(await jobRow(id)).toMatchObject({ status: 'done', result: 'B', message: 'B xong' })
    // Claims and endings are audited; heartbeats and lease renewals are not.
    const audited = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'before', 'after'])
      .where('entity', '=', 'jobs')
      .where('entityId', '=', String(id))
      .orderBy('id')
      .execute()
    expect(audited.map((r) => `${(r.before as { status?: string } | null)?.status ?? ''}>${(r.after as { status: string }).status}`)).toEqual([
      '>queued',
      'queued>running',
      'running>done',
    ])
  })

  it('gives each queued job to exactly one of several runners', async () => {
    const kind = 'test.share'
    const ids: number[] = []
    for (let i = 1; i <= 6; i++) ids.push(await enqueueJob(t.ctx, { kind, title: `Việc ${i}` }))
    const ran: number[] = []
    const handler = async (job: { id: number; progress: (done: number) => Promise<void> }) => {
      ran.push(job.id)
      await sleep(20)
      await job.progress(1)
      return null
    }
    const runners = [runnerWith(handler, {}, kind), runnerWith(handler, {}, kind), runnerWith(handler, {}, kind)]
    await Promise.all(runners.map((r) => r.drain()))
    expect([...ran].sort((x, y) => x - y)).toEqual(ids)
    for (const id of ids) expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 1 })
  })

  it('fails a job that was interrupted three times instead of running it a fourth time, until resumed', async () => {
    const admin = await t.userAgent('admin', '91')
    const kind = 'test.oom'
    const id = await enqueueJob(t.ctx, { kind, title: 'Nhập dân số quá lớn' })
    let runs = 0
    const never = new Promise<never>(() => {})
    const dies = async () => {
      runs++
      return never
    }
    for (let attempt = 1; attempt <= 3; attempt++) {
      // Each server process takes the job and dies in the middle of it (out of memory).
      const server = runnerWith(dies, { exclusive: true, pollMs: 20 }, kind)
      await server.start()
      await until(async () => runs === attempt)
      server.abandon()
      expect(await jobRow(id)).toMatchObject({ status: 'running', attempts: attempt })
    }
    const fourth = runnerWith(dies, { exclusive: true, pollMs: 20 }, kind)
    await fourth.start()
    await until(async () => (await jobRow(id)).status !== 'running')
    await fourth.stop()
    expect(runs).toBe(3)
    expect(await jobRow(id)).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: 'Đã thử 3 lần, lần cuối bị gián đoạn (máy chủ dừng hoặc hết bộ nhớ); không chạy lại tự động.',
    })
    expect(attemptsExhausted(3)).toBe((await jobRow(id)).error)
    const failedView = (await admin.get(`/api/jobs/${id}`)).json()
    expect(failedView).toMatchObject({ status: 'failed', attempts: 3 })

    // A user can still resume it: the attempt count starts again, and the resume is audited.
    const resumed = (await admin.post(`/api/jobs/${id}/resume`)).json()
    expect(resumed).toMatchObject({ status: 'queued', attempts: 0 })
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['actorName', 'after'])
      .where('entity', '=', 'jobs')
      .where('entityId', '=', String(id))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ actorName: admin.username, after: { status: 'queued', attempts: 0 } })
    const healthy = runnerWith(async () => 'xong', {}, kind)
    await healthy.drain()
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 1 })
  })

  it('honours an attempt limit set for one kind of job', async () => {
    const kind = 'test.once'
    const id = await enqueueJob(t.ctx, { kind, title: 'Chỉ một lần' })
    let runs = 0
    const first = new JobRunner(t.database.db, async () => SYSTEM, t.clock.now, { exclusive: true, pollMs: 20 })
    first.register(kind, async () => {
      runs++
      return new Promise<never>(() => {})
    }, { maxAttempts: 1 })
    await first.start()
    await until(async () => runs === 1)
    first.abandon()
    const second = new JobRunner(t.database.db, async () => SYSTEM, t.clock.now, { exclusive: true })
    second.register(kind, async () => runs++, { maxAttempts: 1 })
    await second.start()
    await second.stop()
    await second.drain()
    expect(runs).toBe(1)
    expect(await jobRow(id)).toMatchObject({ status: 'failed', error: attemptsExhausted(1) })
  })

  it('cancels at once a running job whose runner is gone', async () => {
    const admin = await t.userAgent('admin', '91')
    const kind = 'test.orphan'
    const id = await enqueueJob(t.ctx, { kind, title: 'Mồ côi' })
    let runs = 0
    const dead = runnerWith(
      async () => {
        runs++
        return new Promise<never>(() => {})
      },
      { pollMs: 20, leaseMs: 1000, heartbeatMs: 50 },
      kind,
    )
    await dead.start()
    await until(async () => runs === 1)
    // While its runner heartbeats, cancelling only asks the job to stop.
    expect((await admin.post(`/api/jobs/${id}/cancel`)).json()).toMatchObject({ status: 'running', cancelRequested: true })
    dead.abandon()
    await until(async () => {
      const row = await jobRow(id)
      return row.leaseExpiresAt !== null && row.leaseExpiresAt.getTime() < Date.now() - 100
    })
    expect((await admin.post(`/api/jobs/${id}/cancel`)).json()).toMatchObject({ status: 'cancelled' })
  })
})

