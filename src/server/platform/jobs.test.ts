import { describe, expect, it } from 'vitest'
import { testApp } from '../../test/harness.ts'
import { SYSTEM } from './context.ts'
import { enqueueJob, JobRunner } from './jobs.ts'

const t = await testApp()

function runnerWith(handler: Parameters<JobRunner['register']>[1]) {
  const runner = new JobRunner(t.database.db, async () => SYSTEM, t.clock.now)
  runner.register('test.count', handler)
  return runner
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
    const next = runnerWith(async (job) => {
      started.push(job.checkpoint)
      return null
    })
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
})
