import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Kysely } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../server/platform/db.ts'
import { attemptsExhausted } from '../server/platform/jobs.ts'
import type { DB } from '../server/platform/schema.ts'
import { commandEnv } from '../test/harness.ts'

const run = promisify(execFile)
const bin = path.resolve('bin/phongdich.js')
const target = await commandEnv()
afterAll(() => target.cleanup())
const embedded = !target.env.DATABASE_URL

const phongdich = (...args: string[]) => run(process.execPath, [bin, ...args], { env: { ...process.env, ...target.env, DEMO: '0' }, timeout: 60_000 })
const failing = (...args: string[]) => phongdich(...args).then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e)

/** Works on the command's database directly, as a stopped server would have left it. */
async function onDatabase<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: target.env.DATABASE_URL || undefined, dataDir: target.env.DATA_DIR || undefined })
  try {
    return await fn(database.db)
  } finally {
    await database.close()
  }
}

describe('phongdich jobs, with the server stopped', () => {
  it('lists jobs newest first and cancels queued and running ones, audited as the system', { timeout: 180_000 }, async () => {
    const hour = 3600_000
    const ids = await onDatabase(async (db) => {
      const add = async (values: Parameters<ReturnType<typeof db.insertInto<'jobs'>>['values']>[0]) =>
        (await db.insertInto('jobs').values(values).returning('id').executeTakeFirstOrThrow()).id
      const failed = await add({ kind: 'units.population', title: 'Nhập dân số quá lớn', payload: '{}', status: 'failed', attempts: 3, error: attemptsExhausted(3) })
      const running = await add({
        kind: 'units.boundaries',
        title: 'Nhập ranh giới xã',
        payload: '{}',
        status: 'running',
        attempts: 1,
        progressDone: 120,
        progressTotal: 500,
        leaseOwner: 'máy chủ khác',
        leaseExpiresAt: new Date(Date.now() + hour),
      })
      const queued = await add({ kind: 'units.population', title: 'Nhập dân số đợt 2', payload: '{}' })
      return { failed, running, queued }
    })

    const listed = (await phongdich('jobs', 'list', '--limit', '3')).stdout.trimEnd().split('\n')
    expect(listed).toHaveLength(4)
    expect(listed[0]).toMatch(/^Mã\s+Loại\s+Trạng thái\s+Lần thử\s+Tiến độ\s+Tên\s+Lỗi$/)
    expect(listed[1]).toMatch(new RegExp(`^${ids.queued}\\s+units\\.population\\s+đang chờ\\s+0\\s+—\\s+Nhập dân số đợt 2$`))
    expect(listed[2]).toMatch(new RegExp(`^${ids.running}\\s+units\\.boundaries\\s+đang chạy\\s+1\\s+120/500 \\(24%\\)\\s+Nhập ranh giới xã$`))
    expect(listed[3]).toMatch(new RegExp(`^${ids.failed}\\s+units\\.population\\s+lỗi\\s+3\\s+—\\s+Nhập dân số quá lớn\\s+Đã thử 3 lần, lần cuối bị gián đoạn`))

    const onlyFailed = (await phongdich('jobs', 'list', '--status', 'failed,cancelled')).stdout.trimEnd().split('\n')
    expect(onlyFailed).toHaveLength(2)
    expect(onlyFailed[1]).toMatch(new RegExp(`^${ids.failed}\\s`))
    const wrongStatus = await failing('jobs', 'list', '--status', 'stuck')
    expect(wrongStatus.code).toBe(1)
    expect(wrongStatus.stderr).toContain('Trạng thái không hợp lệ: stuck')

    expect((await phongdich('jobs', 'cancel', String(ids.queued))).stdout).toContain(`Đã hủy công việc #${ids.queued} (Nhập dân số đợt 2).`)

    const cancelRunning = (await phongdich('jobs', 'cancel', String(ids.running))).stdout
    if (embedded) {
      // The command holds the embedded database, so no server can be running the job: cancelled now.
      expect(cancelRunning).toContain(`Đã hủy công việc #${ids.running}`)
    } else {
      // Another server holds a live lease on it: it is asked to stop, and stops at its next report…
      expect(cancelRunning).toContain(`Đã yêu cầu hủy công việc #${ids.running}`)
      expect(await onDatabase((db) => db.selectFrom('jobs').select(['status', 'cancelRequested']).where('id', '=', ids.running).executeTakeFirstOrThrow())).toEqual({
        status: 'running',
        cancelRequested: true,
      })
      // …unless that server is gone (its lease expired): then it is cancelled at once.
      await onDatabase((db) => db.updateTable('jobs').set({ leaseExpiresAt: new Date(Date.now() - hour) }).where('id', '=', ids.running).execute())
      expect((await phongdich('jobs', 'cancel', String(ids.running))).stdout).toContain(`Đã hủy công việc #${ids.running}`)
    }

    const finished = await failing('jobs', 'cancel', String(ids.failed))
    expect(finished.code).toBe(1)
    expect(finished.stderr).toContain('Chỉ hủy được công việc đang chờ hoặc đang chạy.')

    const after = await onDatabase(async (db) => ({
      jobs: await db.selectFrom('jobs').select(['id', 'status']).where('id', 'in', [ids.queued, ids.running, ids.failed]).orderBy('id').execute(),
      audit: await db
        .selectFrom('auditLog')
        .select(['entityId', 'actorName', 'after'])
        .where('entity', '=', 'jobs')
        .where('action', '=', 'update')
        .where('entityId', 'in', [String(ids.queued), String(ids.running)])
        .orderBy('id')
        .execute(),
    }))
    expect(after.jobs).toEqual([
      { id: ids.failed, status: 'failed' },
      { id: ids.running, status: 'cancelled' },
      { id: ids.queued, status: 'cancelled' },
    ])
    const cancellations = after.audit.filter((a) => (a.after as { status: string }).status === 'cancelled')
    expect(cancellations.map((a) => [a.entityId, a.actorName])).toEqual([
      [String(ids.queued), 'system'],
      [String(ids.running), 'system'],
    ])

    expect((await phongdich('jobs', 'list', '--status', 'queued')).stdout.trim()).toBe('Không có công việc nào.')
  })
})
