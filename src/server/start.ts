import { readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { REFERENCE_JOB, referenceLoaded } from './contexts/units/reference.ts'
import { DEMO_JOB } from './demo/seed.ts'
import { buildApp } from './app.ts'
import { createJobRunner } from './jobs.ts'
import type { Config } from './platform/config.ts'
import { type Ctx, SYSTEM } from './platform/context.ts'
import { type Database, openDatabase } from './platform/db.ts'
import { enqueueJob } from './platform/jobs.ts'
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
  const pending = await ctx.db.selectFrom('jobs').select('kind').where('status', 'in', ['queued', 'running', 'done']).where('kind', 'in', [REFERENCE_JOB, DEMO_JOB]).execute()
  const has = (k: string) => pending.some((p) => p.kind === k)
  if (!has(REFERENCE_JOB) && !(await referenceLoaded(ctx))) {
    await enqueueJob(ctx, { kind: REFERENCE_JOB, title: 'Nạp danh mục đơn vị hành chính, dân số và ranh giới' })
  }
  if (demo && !has(DEMO_JOB)) await enqueueJob(ctx, { kind: DEMO_JOB, title: 'Tạo dữ liệu mẫu tỉnh An Giang' })
}

export async function startServer(config: Config, opts: { logger?: boolean } = {}) {
  const database = await openConfigured(config)
  const now = () => new Date()
  const jobs = createJobRunner(database.db, now)
  await queueFirstRun({ db: database.db, access: SYSTEM, now }, config.demo)
  await jobs.start()
  const app = await buildApp(
    { db: database.db, engine: database.engine, now, jobs, provinceCode: config.provinceCode, version },
    { logger: opts.logger ?? true, web: true },
  )
  await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' })
  const stop = async () => {
    await app.close()
    await jobs.stop()
    await database.close()
  }
  return { app, database, jobs, stop }
}
