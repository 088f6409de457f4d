/**
 * R over time for every commune of the demo province (An Giang, 91: about 100 communes) over a
 * year (365 days): every 7-day window of every commune with its posterior mean, deviation and the
 * seven quantiles. Target < 1 s.
 *
 * A fresh database (embedded in a temporary directory, or a database of its own on the server
 * DATABASE_URL names, dropped afterwards) is migrated, loaded with the unit registry and given a
 * year of F0 in every commune of the province (a seeded wave: a few to a few dozen a day, one in
 * ten imported). Then, each BENCH_TRIALS (default 5) times:
 * - the whole work through the service (`communesRtSeries`: one SQL aggregate of the F0 by commune
 *   and day, then every commune's estimate), and
 * - the estimate alone on the same counts (no database),
 * printing the median and the worst.
 * Run: npm run bench:rt
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { estimateR } from '../src/domain/analytics/rt.ts'
import { discretisedGammaSerialInterval } from '../src/domain/analytics/serialInterval.ts'
import { Random } from '../src/domain/demo/random.ts'
import { shiftDay } from '../src/domain/surveillance/followup.ts'
import { dailyCasesByCommune } from '../src/server/contexts/analytics/repo.ts'
import { communesRtSeries } from '../src/server/contexts/analytics/service.ts'
import { loadReference } from '../src/server/contexts/units/reference.ts'
import { type Ctx, SYSTEM } from '../src/server/platform/context.ts'
import { type Database, openDatabase } from '../src/server/platform/db.ts'
import { migrate } from '../src/server/platform/migrate.ts'

const PROVINCE = '91'
const DAYS = 365
// The year after the 2025 reform, so that the province's communes are those of today.
const TO = '2026-06-30'
const FROM = shiftDay(TO, -(DAYS - 1))
const trials = Number(process.env.BENCH_TRIALS ?? 5)
const serverUrl = process.env.DATABASE_URL

async function open(): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (serverUrl) {
    const name = `phongdich_bench_rt_${process.pid}`
    const admin = async (q: string) => {
      const c = new pg.Client({ connectionString: serverUrl })
      await c.connect()
      try {
        await c.query(q)
      } finally {
        await c.end()
      }
    }
    await admin(`CREATE DATABASE ${name}`)
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    const database = await openDatabase({ databaseUrl: url.toString() })
    const cleanup = async () => {
      await database.close()
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    }
    return { database, cleanup }
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'phongdich-bench-rt-'))
  const database = await openDatabase({ dataDir: dir })
  const cleanup = async () => {
    await database.close()
    await rm(dir, { recursive: true, force: true })
  }
  return { database, cleanup }
}

const ms = (x: number) => `${x.toFixed(0)} ms`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const { database, cleanup } = await open()
try {
  const ctx: Ctx = { db: database.db, access: SYSTEM, now: () => new Date(`${TO}T12:00:00+07:00`) }
  let t0 = performance.now()
  await migrate(database.db)
  await loadReference({ ctx, checkpoint: null, progress: async () => {} })
  console.log(`Cơ sở dữ liệu (${database.engine}) và danh mục đơn vị: ${ms(performance.now() - t0)}`)

  // A seeded year of F0 per commune: a summer wave of a height and timing of the commune's own.
  const communes = await sql<{ id: string }>`
    SELECT u.id FROM units u JOIN units p ON p.id = ${`2025:${PROVINCE}`} WHERE u.level = 'commune' AND u.valid_to IS NULL AND u.path LIKE p.path || '%' ORDER BY u.id`.execute(database.db)
  const random = new Random(2026)
  const units: string[] = []
  const days: string[] = []
  const kinds: string[] = []
  for (const { id } of communes.rows) {
    const peak = 150 + random.int(0, 120)
    const height = 2 + random.int(0, 40)
    for (let d = 0; d < DAYS; d++) {
      const n = Math.round(height * Math.exp(-(((d - peak) / 35) ** 2)) * (0.6 + 0.8 * random.next()))
      for (let k = 0; k < n; k++) {
        units.push(id)
        days.push(shiftDay(FROM, d))
        kinds.push(random.next() < 0.1 ? 'imported' : random.next() < 0.5 ? 'linked' : 'unknown')
      }
    }
  }
  t0 = performance.now()
  await database.db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('phongdich.bulk', 'on', true)`.execute(tx)
    for (let i = 0; i < units.length; i += 50_000) {
      const part = (xs: string[]) => xs.slice(i, i + 50_000)
      await sql`
        WITH src AS (SELECT s.unit_id, s.day, s.kind, s.n FROM unnest(${part(units)}::text[], ${part(days)}::date[], ${part(kinds)}::text[]) WITH ORDINALITY AS s(unit_id, day, kind, n)),
        p AS (
          INSERT INTO people (full_name, name_fold, unit_id, unit_path)
          SELECT 'Đo hiệu năng ' || (${i} + s.n), 'do hieu nang ' || (${i} + s.n), s.unit_id, u.path FROM src s JOIN units u ON u.id = s.unit_id
          RETURNING id, name_fold
        )
        INSERT INTO cases (person_id, classification, confirmed_date, onset_date, source_kind, source_country)
        SELECT p.id, 'confirmed', s.day, s.day, s.kind, CASE WHEN s.kind = 'imported' THEN 'KH' END
          FROM p JOIN src s ON p.name_fold = 'do hieu nang ' || (${i} + s.n)`.execute(tx)
    }
  })
  await sql`ANALYZE cases`.execute(database.db)
  console.log(`${units.length.toLocaleString('vi-VN')} F0 ở ${communes.rows.length} xã, phường trong ${DAYS} ngày: ghi trong ${ms(performance.now() - t0)}`)

  const aggregate: number[] = []
  for (let trial = 0; trial < trials; trial++) {
    t0 = performance.now()
    await dailyCasesByCommune(database.db, SYSTEM, '/2025:91/', 'confirmed', FROM, TO)
    aggregate.push(performance.now() - t0)
  }
  const whole: number[] = []
  const alone: number[] = []
  let windows = 0
  for (let trial = 0; trial < trials; trial++) {
    t0 = performance.now()
    const series = await communesRtSeries(ctx, { unit: PROVINCE, from: FROM, to: TO })
    whole.push(performance.now() - t0)
    windows = series.reduce((a, c) => a + c.windows.length, 0)
    if (series.length !== communes.rows.length) throw new Error(`${series.length} communes answered, ${communes.rows.length} expected`)
  }
  // The estimate alone, on counts already in memory.
  const counts = new Map<string, { local: number[]; imported: number[] }>()
  for (let i = 0; i < units.length; i++) {
    const c = counts.get(units[i]!) ?? { local: new Array(DAYS).fill(0), imported: new Array(DAYS).fill(0) }
    counts.set(units[i]!, c)
    const d = Math.round((Date.parse(days[i]!) - Date.parse(FROM)) / 86_400_000)
    if (kinds[i] === 'imported') c.imported[d]++
    else c.local[d]++
  }
  for (let trial = 0; trial < trials; trial++) {
    t0 = performance.now()
    const si = discretisedGammaSerialInterval(4.7, 2.9, DAYS)
    for (const { id } of communes.rows) {
      const c = counts.get(id) ?? { local: new Array(DAYS).fill(0), imported: new Array(DAYS).fill(0) }
      estimateR({ local: c.local, imported: c.imported, si: { kind: 'distribution', distr: si }, window: 7 })
    }
    alone.push(performance.now() - t0)
  }
  console.log(`R theo thời gian của ${communes.rows.length} xã, phường × ${DAYS} ngày (${windows.toLocaleString('vi-VN')} cửa sổ 7 ngày, mỗi cửa sổ trung bình, độ lệch chuẩn và 7 phân vị):`)
  console.log(`  cả tác vụ (tổng hợp SQL + ước lượng): trung vị ${ms(median(whole))}, chậm nhất ${ms(Math.max(...whole))} — mục tiêu < 1000 ms${Math.max(...whole) < 1000 ? ' ✓' : ' ✗'}`)
  console.log(`  riêng phần tổng hợp SQL: trung vị ${ms(median(aggregate))}; riêng phần ước lượng: trung vị ${ms(median(alone))}, chậm nhất ${ms(Math.max(...alone))}`)
  console.log(`  (tải của máy lúc đo: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' / ')} trên ${(await import('node:os')).cpus().length} lõi)`)
} finally {
  await cleanup()
}
