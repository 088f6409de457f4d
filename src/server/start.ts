import { readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { queueReminders } from './contexts/directives/cascade.ts'
import { queueSweep } from './contexts/directives/service.ts'
import { configureMail } from './contexts/notifications/service.ts'
import { ensureNameSearchIndex } from './contexts/people/search.ts'
import { queueClusterClose } from './contexts/surveillance/areas/service.ts'
import { queueReminders as queueSafetyReminders } from './contexts/safety/service.ts'
import { queueSurveillanceSweep } from './contexts/surveillance/cases/service.ts'
import { REFERENCE_JOB, referenceLoaded } from './contexts/units/reference.ts'
import { DEMO_JOB, demoIncomplete } from './demo/seed.ts'
import { buildApp } from './app.ts'
import { createJobRunner } from './jobs.ts'
import type { Config } from './platform/config.ts'
import { type Ctx, SYSTEM } from './platform/context.ts'
import { type Database, openDatabase } from './platform/db.ts'
import { enqueueJob } from './platform/jobs.ts'
import { closeUntrustedPool } from './platform/untrusted/pool.ts'
import { migrate } from './platform/migrate.ts'

export const version: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version

export async function openConfigured(config: Config): Promise<Database> {
  if (!config.databaseUrl) await mkdir(config.dataDir, { recursive: true })
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  await migrate(database.db)
  return database
}

/**
 * Queues what a new database needs: the national registry and, unless disabled, the demo
 * province. Both run as jobs, so the first start shows their progress.
 */
export async function queueFirstRun(ctx: Ctx, demo: boolean): Promise<void> {
  const pending = await ctx.db.selectFrom('jobs').select(['kind', 'status']).where('status', 'in', ['queued', 'running', 'done']).where('kind', 'in', [REFERENCE_JOB, DEMO_JOB]).execute()
  const has = (k: string) => pending.some((p) => p.kind === k)
  if (!has(REFERENCE_JOB) && !(await referenceLoaded(ctx))) {
    await enqueueJob(ctx, { kind: REFERENCE_JOB, title: 'Nạp danh mục đơn vị hành chính, dân số và ranh giới' })
  }
  const demoWaiting = pending.some((p) => p.kind === DEMO_JOB && p.status !== 'done')
  if (demo && !demoWaiting && (await demoIncomplete(ctx))) await enqueueJob(ctx, { kind: DEMO_JOB, title: 'Tạo dữ liệu mẫu tỉnh An Giang' })
}

/**
 * The server's clock. PHONGDICH_NOW (an ISO instant) starts it at another moment, for
 * rehearsals and browser journeys that need deadlines to pass; time then runs on from there.
 */
export function clockFrom(start: string | undefined): () => Date {
  if (!start) return () => new Date()
  const offset = new Date(start).getTime() - Date.now()
  if (Number.isNaN(offset)) throw new Error(`PHONGDICH_NOW không hợp lệ: ${start}`)
  return () => new Date(Date.now() + offset)
}

export async function startServer(config: Config, opts: { logger?: boolean } = {}) {
  const database = await openConfigured(config)
  const now = clockFrom(process.env.PHONGDICH_NOW)
  const nameSearch = await ensureNameSearchIndex(database.db)
  if (nameSearch !== 'indexed') process.stderr.write(`${nameSearch}\n`)
  // The embedded engine's data directory is locked by this process, so no other runner can be
  // alive: jobs it finds running were left by a dead process and are taken over at once.
  const jobs = createJobRunner(database.db, now, { exclusive: database.engine === 'embedded' })
  configureMail(config.smtpUrl)
  await queueFirstRun({ db: database.db, access: SYSTEM, now }, config.demo && config.provinceCode === '91')
  await jobs.start()
  // Task statuses move with the clock: sweep for overdue work and remind of close deadlines at start and every hour.
  const sweepCtx = { db: database.db, access: SYSTEM, now }
  await queueSweep(sweepCtx)
  await queueReminders(sweepCtx)
  // Surveillance sweeps once a day (sources whose outcome date came, ended follow-ups, quiet clusters closed): checked hourly.
  await queueSurveillanceSweep(sweepCtx)
  await queueClusterClose(sweepCtx)
  // Facilities whose safety result is about to end are reminded to assess again (checked hourly).
  await queueSafetyReminders(sweepCtx)
  const sweeper = setInterval(
    () => void Promise.all([queueSweep(sweepCtx), queueReminders(sweepCtx), queueSurveillanceSweep(sweepCtx), queueClusterClose(sweepCtx), queueSafetyReminders(sweepCtx)]).catch(() => {}),
    3600_000,
  )
  sweeper.unref()
  const app = await buildApp(
    { db: database.db, engine: database.engine, now, jobs, provinceCode: config.provinceCode, version },
    { logger: opts.logger ?? true, web: true },
  )
  await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' })
  const stop = async () => {
    clearInterval(sweeper)
    await app.close()
    await jobs.stop()
    await closeUntrustedPool()
    await database.close()
  }
  return { app, database, jobs, stop }
}
