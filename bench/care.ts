/**
 * Treatment capacity for the whole province with 100,000 active patients: 70,000 lying in the beds
 * of 60 facilities (tiers 1–3, four kinds of bed), 30,000 F0 cared for at home by 12 stations, and
 * 50,000 stays already ended. Generated set-based, then `GET /api/care/capacity` (per tier and bed
 * kind), the free beds per 100,000 by commune and the week's flows are measured through the
 * service, as a province officer: p50/p95/max of 30 runs each. Target: p95 < 200 ms.
 *
 * Without DATABASE_URL: the embedded engine in a temporary data directory. With it: a database of
 * its own on that server, dropped afterwards.
 * Run: npm run bench:care   (BENCH_CARE_ACTIVE=20000 for a smaller load)
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { capacityByUnit, capacityOf, flowsOf } from '../src/server/contexts/care/service.ts'
import { getUnit } from '../src/server/contexts/units/service.ts'
import { createJobRunner } from '../src/server/jobs.ts'
import type { Config } from '../src/server/platform/config.ts'
import { type Ctx, SYSTEM } from '../src/server/platform/context.ts'
import { refreshStatistics } from '../src/server/platform/db.ts'
import { openConfigured, queueFirstRun } from '../src/server/start.ts'

const serverUrl = process.env.DATABASE_URL
const active = Number(process.env.BENCH_CARE_ACTIVE ?? 100_000)
const inBeds = Math.round(active * 0.7)
const atHome = active - inBeds
const ended = Math.round(active / 2)
const FACILITIES = 60
const STATIONS = 12
const RUNS = 30
const dbName = 'phongdich_bench_care'

const ms = (t0: number) => performance.now() - t0

async function generate(ctx: Ctx): Promise<void> {
  const db = ctx.db
  const t0 = performance.now()
  await db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('phongdich.bulk', 'on', true)`.execute(tx)
    // People spread over the province's communes.
    await sql`
      WITH c AS (SELECT id, path, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS n FROM units WHERE level = 'commune' AND valid_to IS NULL AND path LIKE '/2025:91/%')
      INSERT INTO people (full_name, name_fold, unit_id, unit_path, birth_year)
      SELECT 'Bệnh nhân ' || g, 'benh nhan ' || g, c.id, c.path, 1940 + g % 80
        FROM generate_series(1, ${inBeds + atHome + ended}) g JOIN c ON c.i = g % c.n`.execute(tx)
    // Facilities of tiers 1–3 and stations, in communes across the province; beds enough for everyone in them.
    const perFacility = Math.ceil(inBeds / FACILITIES / 4) + 10
    await sql`
      WITH c AS (SELECT id, path, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS n FROM units WHERE level = 'commune' AND valid_to IS NULL AND path LIKE '/2025:91/%')
      INSERT INTO care_facilities (name, tier, kind, unit_id, unit_path, beds_regular, beds_oxygen, beds_icu, beds_ventilator)
      SELECT 'Cơ sở ' || g, 1 + g % 3, CASE g % 3 WHEN 0 THEN 'collection' WHEN 1 THEN 'covid_hospital' ELSE 'icu_center' END, c.id, c.path,
             ${perFacility}, ${perFacility}, ${perFacility}, ${perFacility}
        FROM generate_series(0, ${FACILITIES - 1}) g JOIN c ON c.i = (g * 7) % c.n`.execute(tx)
    await sql`
      WITH c AS (SELECT id, path, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS n FROM units WHERE level = 'commune' AND valid_to IS NULL AND path LIKE '/2025:91/%')
      INSERT INTO care_facilities (name, tier, kind, unit_id, unit_path)
      SELECT 'Trạm y tế ' || g, 1, 'health_station', c.id, c.path FROM generate_series(0, ${STATIONS - 1}) g JOIN c ON c.i = (g * 11) % c.n`.execute(tx)
    // Patients in beds (active), stays ended in the last weeks, F0 at home.
    await sql`
      WITH p AS (SELECT id, unit_path, row_number() OVER (ORDER BY id) AS r FROM people WHERE full_name LIKE 'Bệnh nhân %'),
           f AS (SELECT id, tier, unit_path, row_number() OVER (ORDER BY id) - 1 AS i FROM care_facilities WHERE kind <> 'health_station')
      INSERT INTO care_admissions (person_id, unit_path, facility_id, facility_path, tier, bed_kind, admitted_on, status, ended_on, outcome)
      SELECT p.id, p.unit_path, f.id, f.unit_path, f.tier, (ARRAY['regular','oxygen','icu','ventilator'])[1 + (p.r / ${FACILITIES}) % 4],
             DATE '2026-11-26' - (p.r % 20)::int,
             CASE WHEN p.r <= ${inBeds} THEN 'active' WHEN p.r % 10 = 0 THEN 'died' ELSE 'discharged' END,
             CASE WHEN p.r <= ${inBeds} THEN NULL ELSE DATE '2026-11-26' - (p.r % 5)::int END,
             CASE WHEN p.r <= ${inBeds} THEN NULL WHEN p.r % 10 = 0 THEN 'died' ELSE 'recovered' END
        FROM p JOIN f ON f.i = p.r % ${FACILITIES}
       WHERE p.r <= ${inBeds + ended}`.execute(tx)
    await sql`
      WITH p AS (SELECT id, unit_path, row_number() OVER (ORDER BY id) AS r FROM people WHERE full_name LIKE 'Bệnh nhân %'),
           s AS (SELECT id, unit_path, row_number() OVER (ORDER BY id) - 1 AS i FROM care_facilities WHERE kind = 'health_station'),
           rule AS (SELECT max(id) AS id FROM care_rules WHERE unit_id IS NULL)
      INSERT INTO care_home_patients (person_id, unit_path, station_id, station_path, rule_id, facts, positive_on, started_on)
      SELECT p.id, p.unit_path, s.id, s.unit_path, rule.id, '{}'::jsonb, DATE '2026-11-20', DATE '2026-11-21'
        FROM p JOIN s ON s.i = p.r % ${STATIONS} CROSS JOIN rule
       WHERE p.r > ${inBeds + ended}`.execute(tx)
  })
  await refreshStatistics(db)
  console.error(`  generated in ${Math.round(ms(t0) / 1000)} s`)
}

async function measure(what: string, run: () => Promise<unknown>): Promise<{ what: string; p50: number; p95: number; max: number }> {
  await run()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    await run()
    times.push(ms(t0))
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))]!
  return { what, p50: at(0.5), p95: at(0.95), max: times[times.length - 1]! }
}

async function main() {
  const engine = serverUrl ? 'PostgreSQL' : 'embedded'
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: serverUrl })
    await c.connect()
    try {
      return await c.query(q)
    } finally {
      await c.end()
    }
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'phongdich-carebench-'))
  if (serverUrl) for (const q of [`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`, `CREATE DATABASE ${dbName}`]) await admin(q)
  const databaseUrl = serverUrl ? Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString() : undefined
  const database = await openConfigured({ databaseUrl, dataDir: path.join(dir, 'data') } as Config)
  try {
    const now = () => new Date('2026-11-26T03:00:00Z')
    const system: Ctx = { db: database.db, access: SYSTEM, now }
    console.error(`${engine}: loading the unit registry`)
    await queueFirstRun(system, false)
    await createJobRunner(database.db).drain()
    console.error(`${engine}: ${inBeds.toLocaleString('en')} in beds, ${atHome.toLocaleString('en')} at home, ${ended.toLocaleString('en')} ended`)
    await generate(system)
    const province = await getUnit(system, '91')
    const ctx: Ctx = { db: database.db, now, access: { ...SYSTEM, userId: null, username: 'bench', role: 'health', unitId: province.id, unitPath: province.path } }
    const cap = await capacityOf(ctx, { unit: '91' })
    const occupied = cap.capacity.reduce((s, r) => s + r.occupied, 0)
    if (occupied !== inBeds || cap.homeCare !== atHome) throw new Error(`counted ${occupied} in beds and ${cap.homeCare} at home`)
    const results = [
      await measure('capacity per tier and bed kind (province)', () => capacityOf(ctx, { unit: '91' })),
      await measure('free beds per 100,000 by commune (province)', () => capacityByUnit(ctx, { unit: '91' })),
      await measure("the week's admissions, transfers, discharges, deaths (province)", () => flowsOf(ctx, { unit: '91' })),
    ]
    console.log(`\nCare capacity on ${engine}: ${(inBeds + atHome).toLocaleString('en')} active patients (${inBeds.toLocaleString('en')} in beds of ${FACILITIES} facilities, ${atHome.toLocaleString('en')} at home), ${ended.toLocaleString('en')} stays ended`)
    for (const r of results) {
      console.log(`${r.p95 < 200 ? '✓' : '✗'} ${r.what}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms [target p95 < 200 ms]`)
    }
  } finally {
    await database.close()
    if (serverUrl) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await rm(dir, { recursive: true, force: true })
  }
}

await main()
