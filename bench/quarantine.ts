/**
 * Quarantine figures for a whole province with 100,000 active placements (and as many ended ones):
 * occupancy per facility (GET /api/quarantine/occupancy's computation) and the occupancy and
 * 7-day forecast per commune, each for the province's administrator, p50/p95 over BENCH_TRIALS
 * (30) runs after a warm-up. Target < 200 ms.
 *
 * The data are written set-based (people, 400 facilities over the province's communes, placements
 * spread over the last and next three weeks), seeded, before the clock starts.
 * Without DATABASE_URL: the embedded engine in a temporary data directory. With it: a database of
 * its own on that server, dropped afterwards.
 * Run: npm run bench:quarantine   (BENCH_PLACEMENTS=20000 while developing)
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { communeOccupancy, occupancy } from '../src/server/contexts/quarantine/service.ts'
import { createJobRunner } from '../src/server/jobs.ts'
import type { Config } from '../src/server/platform/config.ts'
import { type Access, type Ctx, SYSTEM } from '../src/server/platform/context.ts'
import { openConfigured, queueFirstRun } from '../src/server/start.ts'

const serverUrl = process.env.DATABASE_URL
const PLACEMENTS = Number(process.env.BENCH_PLACEMENTS ?? 100_000)
const TRIALS = Number(process.env.BENCH_TRIALS ?? 30)
const FACILITIES = 400
const TODAY = '2026-11-26'
const TARGET_MS = 200

const ms = (t0: number) => performance.now() - t0
function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 }
}

async function fill(ctx: Ctx): Promise<{ provincePath: string; seconds: number }> {
  const t0 = performance.now()
  const province = await ctx.db.selectFrom('units').select(['id', 'path']).where('code', '=', '91').where('level', '=', 'province').where('validTo', 'is', null).executeTakeFirstOrThrow()
  await ctx.db.transaction().execute(async (trx) => {
    // Row auditing off for the bulk, as bulk loads do.
    await sql`SELECT set_config('phongdich.bulk', 'on', true)`.execute(trx)
    await sql`CREATE TEMP TABLE bench_communes ON COMMIT DROP AS
                SELECT row_number() OVER (ORDER BY id) AS n, id, path FROM units
                 WHERE level = 'commune' AND path LIKE ${`${province.path}%`} AND valid_to IS NULL`.execute(trx)
    const communes = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM bench_communes`.execute(trx)).rows[0]!.n)
    // Seeded by the row number: the same data every run.
    await sql`INSERT INTO people (full_name, name_fold, unit_id, unit_path, name_sort)
              SELECT 'Người Cách Ly ' || g, 'nguoi cach ly ' || g, c.id, c.path, 'nguoi cach ly ' || g
                FROM generate_series(1, ${PLACEMENTS * 2}::int) g JOIN bench_communes c ON c.n = 1 + (g * 7919) % ${communes}::int`.execute(trx)
    await sql`INSERT INTO quarantine_facilities (name, kind, unit_id, unit_path, capacity, status)
              SELECT 'Cơ sở ' || g, (ARRAY['military_camp','dormitory','hotel','other'])[1 + g % 4], c.id, c.path, 200 + (g * 37) % 400, 'open'
                FROM generate_series(1, ${FACILITIES}::int) g JOIN bench_communes c ON c.n = 1 + (g * 104729) % ${communes}::int`.execute(trx)
    const rule = await trx.selectFrom('quarantineRules').select('id').where('kind', '=', 'entry').where('unitId', 'is', null).orderBy('validFrom', 'desc').executeTakeFirstOrThrow()
    // Active stays: started in the last 14 days or arriving in the next 7, 14 days each; as many ended ones before.
    await sql`INSERT INTO quarantine_placements (person_id, person_path, unit_id, unit_path, setting, facility_id, reason, rule_kind, rule_id, rule_why,
                                                 start_on, first_start_on, planned_end, monitoring_days, status, released_on, release_kind, monitoring_until)
              SELECT p.id, p.unit_path, f.unit_id, f.unit_path, 'facility', f.id, 'traveller', 'entry', ${rule.id}, 'bench',
                     s.start_on, s.start_on, s.start_on + 14, 14,
                     CASE WHEN s.active THEN 'active' ELSE 'released' END,
                     CASE WHEN s.active THEN NULL ELSE s.start_on + 14 END,
                     CASE WHEN s.active THEN NULL ELSE 'completed' END,
                     CASE WHEN s.active THEN NULL ELSE s.start_on + 28 END
                FROM (SELECT id, unit_path, row_number() OVER (ORDER BY id) AS n FROM people WHERE full_name LIKE 'Người Cách Ly %') p
                JOIN quarantine_facilities f ON f.id = (SELECT min(id) FROM quarantine_facilities) + (p.n * 31) % ${FACILITIES}::int
                CROSS JOIN LATERAL (SELECT p.n <= ${PLACEMENTS}::int AS active) a
                CROSS JOIN LATERAL (SELECT a.active,
                                           CASE WHEN a.active THEN ${TODAY}::date - 13 + ((p.n * 13) % 21)::int
                                                ELSE ${TODAY}::date - 60 + ((p.n * 17) % 30)::int END AS start_on) s`.execute(trx)
  })
  await sql`ANALYZE`.execute(ctx.db)
  return { provincePath: province.path, seconds: Math.round(ms(t0) / 100) / 10 }
}

async function main() {
  const engine = serverUrl ? 'PostgreSQL' : 'embedded (PGlite)'
  const dbName = `phongdich_qbench_${process.pid}`
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: serverUrl })
    await c.connect()
    try {
      await c.query(q)
    } finally {
      await c.end()
    }
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'phongdich-qbench-'))
  if (serverUrl) await admin(`CREATE DATABASE ${dbName}`)
  const databaseUrl = serverUrl ? Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString() : undefined
  const database = await openConfigured({ databaseUrl, dataDir: path.join(dir, 'data') } as Config)
  try {
    const base: Ctx = { db: database.db, access: SYSTEM, now: () => new Date(`${TODAY}T03:00:00Z`) }
    await queueFirstRun(base, false)
    await createJobRunner(base.db).drain()
    console.error(`${engine}: writing ${PLACEMENTS.toLocaleString('en')} active placements`)
    const { provincePath, seconds } = await fill(base)
    const access: Access = { ...SYSTEM, userId: null, username: 'bench', role: 'admin', unitPath: provincePath }
    const ctx: Ctx = { ...base, access }
    const present = (await occupancy(ctx, { date: TODAY, limit: 500, offset: 0 })).facilities.reduce((s, f) => s + f.occupied, 0)
    const lines = [`Quarantine on ${engine}: ${PLACEMENTS.toLocaleString('en')} active placements (+ as many ended), ${FACILITIES} facilities, written in ${seconds} s; ${present.toLocaleString('en')} present on ${TODAY}`]
    let failed = false
    for (const [what, run] of [
      ['occupancy per facility (province)', () => occupancy(ctx, { date: TODAY, limit: 500, offset: 0 })],
      ['occupancy and 7-day forecast per commune (province)', () => communeOccupancy(ctx, { date: TODAY, days: 7 })],
    ] as const) {
      await run()
      const times: number[] = []
      for (let i = 0; i < TRIALS; i++) {
        const t0 = performance.now()
        await run()
        times.push(ms(t0))
      }
      const s = stats(times)
      const ok = s.p95 < TARGET_MS
      if (!ok) failed = true
      lines.push(`${ok ? '✓' : '✗'} ${what}: p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms [target < ${TARGET_MS} ms]`)
    }
    console.log(lines.join('\n'))
    process.exitCode = failed ? 1 : 0
  } finally {
    await database.close()
    if (serverUrl) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await rm(dir, { recursive: true, force: true })
  }
}

await main()
