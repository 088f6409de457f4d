/**
 * The surveillance context at a million cases: the demo outbreak generated at a scale reaching
 * 1,000,000 cases, 3,000,000 exposures and 10,000,000 test results (`phongdich demo outbreak
 * --scale 250`, src/server/demo/outbreak.ts), then:
 * - generation time (people, tests, cases, exposures, follow-ups written set-based; sources and
 *   degrees rebuilt), and the VACUUM ANALYZE after it;
 * - degree update after one new case (a contact under follow-up becoming a case) and after one
 *   new exposure (a new F1 of an active case; and one between two people who already have a
 *   degree), each in its transaction as the service does (syncCaseSources / updateDegrees), rolled
 *   back: median and p95 over BENCH_TRIALS (50) trials. Target < 100 ms;
 * - the chains' read model (migration 0025) rebuilt whole as after a bulk load, and brought up to
 *   date after one committed exposure;
 * - the chain summary (components, largest, deepest) computed in the process from that read model
 *   (and once with every exposure joined afresh, for reference), and through the API of a server
 *   child process (first answer, then reused until a write). Target < 2 s;
 *   with today's numbers, the curve, incidence and unknown sources through the API;
 * - the case, contact and test lists filtered by commune and dates (their counts come with each
 *   page) and name search (GET /api/people?q=), p50/p95 under 20 concurrent clients. Targets:
 *   lists p95 < 300 ms, name search p95 < 100 ms.
 *
 * Without DATABASE_URL: the embedded engine in a temporary data directory (BENCH_DATA_DIR=… keeps
 * and reuses one). With it: a database of its own on that server, dropped afterwards unless
 * BENCH_KEEP=1; BENCH_REUSE=1 measures a kept one again without generating.
 * Run: npm run bench:surveillance   (BENCH_SCALE=10 for about 40,000 cases while developing)
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { type AddressInfo, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { Random } from '../src/domain/demo/random.ts'
import { summariseChains } from '../src/domain/surveillance/chains.ts'
import { shiftDay } from '../src/domain/surveillance/followup.ts'
import { MILLION_CASES_SCALE } from '../src/domain/surveillance/outbreak.ts'
import { createUser } from '../src/server/contexts/access/service.ts'
import { syncCaseSources, updateDegrees } from '../src/server/contexts/surveillance/degrees.ts'
import { chainRows, foldChainLinks } from '../src/server/contexts/surveillance/summary/repo.ts'
import { readMarker, writeOutbreak } from '../src/server/demo/outbreak.ts'
import { createJobRunner } from '../src/server/jobs.ts'
import type { Config } from '../src/server/platform/config.ts'
import { SERVER_NODE_FLAGS } from '../src/server/platform/config.ts'
import { SYSTEM } from '../src/server/platform/context.ts'
import { openDatabase } from '../src/server/platform/db.ts'
import { openConfigured, queueFirstRun } from '../src/server/start.ts'

const serverUrl = process.env.DATABASE_URL
const scale = Number(process.env.BENCH_SCALE ?? MILLION_CASES_SCALE)
const trials = Number(process.env.BENCH_TRIALS ?? 50)
const keep = process.env.BENCH_KEEP === '1'
const USER = 'bench.cdc'
const PASSWORD = 'mat-khau-do-hieu-nang'
const CLIENTS = 20

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/** Waits until `ready` answers true, asking every 100 ms. */
async function until(ready: () => Promise<boolean>): Promise<void> {
  while (!(await ready().catch(() => false))) await new Promise((r) => setTimeout(r, 100))
}

const ms = (t0: number) => performance.now() - t0
const fmt = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`)
function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 }
}
const results: { what: string; value: string; target?: string; ok?: boolean }[] = []
function report(what: string, value: string, target?: { limit: number; value: number; text: string }) {
  results.push({ what, value, ...(target ? { target: target.text, ok: target.value < target.limit } : {}) })
  console.error(`  ${what}: ${value}`)
}

// --- Generation -------------------------------------------------------------------------------

async function generate(config: Config, engine: string): Promise<void> {
  const database = await openConfigured(config)
  const ctx = { db: database.db, access: SYSTEM, now: () => new Date() }
  try {
    await queueFirstRun(ctx, false)
    await createJobRunner(ctx.db).drain()
    console.error(`${engine}: generating the outbreak at scale ${scale}`)
    let shown = 0
    const t0 = performance.now()
    const r = await writeOutbreak(ctx, {
      scale,
      seed: 20211011,
      progress: (done, total, message) => {
        if (Date.now() - shown < 10_000) return
        shown = Date.now()
        console.error(`  ${Math.round(ms(t0) / 1000)} s: ${message} ${Math.round((done / total) * 100)}%`)
      },
    })
    const generation = ms(t0)
    report(
      'generation',
      `${fmt(generation)} (${r.people.toLocaleString('en')} people, ${r.cases.toLocaleString('en')} cases, ${r.exposures.toLocaleString('en')} exposures, ${r.tests.toLocaleString('en')} tests, ${r.followups.toLocaleString('en')} follow-ups, ${r.contacts.toLocaleString('en')} contacts with a degree)`,
    )
    const t1 = performance.now()
    await sql`VACUUM ANALYZE`.execute(ctx.db)
    report('VACUUM ANALYZE after it', fmt(ms(t1)))
    await createUser(ctx, { username: USER, password: PASSWORD, displayName: 'Đo hiệu năng', role: 'health', unitCode: '91' })
  } finally {
    await database.close()
  }
}

// --- Degree updates, in this process ------------------------------------------------------------

class Rollback extends Error {}

async function degreeUpdates(config: Config, today: string): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  const db = database.db
  try {
    const rng = new Random(7)
    const pick = <T>(xs: T[]) => xs[rng.int(0, xs.length - 1)]!
    // Candidates spread over the id range (a multiplicative hash picks them, no sort of the table).
    const contacts = (
      await sql<{ id: number }>`
        SELECT d.person_id AS id FROM contact_degrees d
         WHERE (d.person_id * 2654435761) % 97 = 3 AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = d.person_id)
         LIMIT 2000`.execute(db)
    ).rows.map((r) => Number(r.id))
    const sources = (
      await sql<{ id: number; from: string; to: string | null }>`
        SELECT c.person_id AS id, c.window_from::text AS "from", c.window_to::text AS "to" FROM cases c
         WHERE c.is_source AND (c.person_id * 2654435761) % 97 = 5 LIMIT 2000`.execute(db)
    ).rows
    const strangers = (
      await sql<{ id: number }>`
        SELECT p.id FROM people p
         WHERE (p.id * 2654435761) % 97 = 11
           AND NOT EXISTS (SELECT 1 FROM contact_degrees d WHERE d.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id)
         LIMIT 2000`.execute(db)
    ).rows.map((r) => Number(r.id))
    if (contacts.length === 0 || sources.length === 0 || strangers.length === 0) throw new Error('no contacts, sources or people to sample')
    const trial = async (fn: (tx: typeof db) => Promise<unknown>): Promise<{ time: number; changed: number }> => {
      let time = 0
      let changed = 0
      await db
        .transaction()
        .execute(async (tx) => {
          const t0 = performance.now()
          const out = (await fn(tx)) as { changed: number }
          time = ms(t0)
          changed = out.changed
          throw new Rollback()
        })
        .catch((err) => {
          if (!(err instanceof Rollback)) throw err
        })
      return { time, changed }
    }
    const run = async (what: string, fn: (tx: typeof db) => Promise<unknown>) => {
      await trial(fn) // warm-up
      const times: number[] = []
      const changed: number[] = []
      for (let i = 0; i < trials; i++) {
        const r = await trial(fn)
        times.push(r.time)
        changed.push(r.changed)
      }
      const s = stats(times)
      const c = stats(changed)
      report(`degree update after ${what}`, `median ${fmt(s.p50)}, p95 ${fmt(s.p95)}, max ${fmt(s.max)} (rows changed: median ${c.p50}, max ${c.max})`, {
        limit: 100,
        value: s.p50,
        text: 'median < 100 ms',
      })
    }
    await run('one new case (a contact becomes a case)', async (tx) => {
      const personId = pick(contacts)
      const row = await tx
        .insertInto('cases')
        .values({ personId, classification: 'confirmed', onsetDate: shiftDay(today, -1), sampleDate: today, confirmedDate: today, sourceKind: 'unknown' })
        .returning('id')
        .executeTakeFirstOrThrow()
      const { gained, lost } = await syncCaseSources(tx, [Number(row.id)], today)
      return updateDegrees(tx, { gainedSources: gained, lostSources: lost })
    })
    await run('one new exposure (a new F1 of an active case)', async (tx) => {
      const source = pick(sources)
      const exposedOn = source.to && source.to < today ? source.to : today
      const row = await tx.insertInto('exposures').values({ personId: pick(strangers), sourcePersonId: source.id, exposedOn, setting: 'household' }).returning('id').executeTakeFirstOrThrow()
      return updateDegrees(tx, { addedExposures: [Number(row.id)] })
    })
    await run('one new exposure (between two people with a degree)', async (tx) => {
      let a = pick(contacts)
      let b = pick(contacts)
      while (b === a) b = pick(contacts)
      if (a > b) [a, b] = [b, a]
      const row = await tx.insertInto('exposures').values({ personId: a, sourcePersonId: b, exposedOn: today, setting: 'workplace' }).returning('id').executeTakeFirstOrThrow()
      return updateDegrees(tx, { addedExposures: [Number(row.id)] })
    })
    // The chains' read model rebuilt whole, as after a bulk load (the import and the generator do it
    // at their end), then the same summary with the links joined afresh, for reference.
    await sql`UPDATE chain_state SET rebuild = true`.execute(db)
    const r0 = performance.now()
    await foldChainLinks(db)
    report('chains read model rebuilt whole (after a bulk load)', fmt(ms(r0)))
    const j0 = performance.now()
    await chainRows(db, { ...SYSTEM, unitPath: '/2025:91/' }, '/2025:91/', today, { readModel: false })
    const joined = ms(j0)
    report('summary with every exposure joined afresh (no read model), for reference', fmt(joined))
    // A committed change, then the summary: the marks it left folded in first.
    await db.transaction().execute(async (tx) => {
      const source = pick(sources)
      const exposedOn = source.to && source.to < today ? source.to : today
      const row = await tx.insertInto('exposures').values({ personId: pick(strangers), sourcePersonId: source.id, exposedOn, setting: 'household' }).returning('id').executeTakeFirstOrThrow()
      await updateDegrees(tx, { addedExposures: [Number(row.id)] })
    })
    const f0 = performance.now()
    const folded = await foldChainLinks(db)
    report('chains read model after one committed exposure', `${fmt(ms(f0))} (${folded} people folded in)`)
    // The summary's computation itself, without the reuse of answers the service adds.
    const times: number[] = []
    let figures = ''
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now()
      const rows = await chainRows(db, { ...SYSTEM, unitPath: '/2025:91/' }, '/2025:91/', today)
      const chains = summariseChains({ count: 0, largest: 0, deepest: 0 }, rows.trees, rows.pairs)
      times.push(ms(t0))
      figures = `${rows.cases.toLocaleString('en')} active F0, ${rows.byDegree.reduce((a, d) => a + d.n, 0).toLocaleString('en')} contacts to F${Math.max(0, ...rows.byDegree.map((d) => d.degree))}, ${chains.count.toLocaleString('en')} chains, largest ${chains.largest.toLocaleString('en')}, deepest F${chains.deepest}; ${rows.trees.length.toLocaleString('en')} trees, ${rows.pairs.length.toLocaleString('en')} root pairs`
    }
    const s = stats(times)
    report('summary computed in the process (province)', `median ${fmt(s.p50)}, max ${fmt(s.max)}, ${(joined / s.p50).toFixed(1)}× faster than joined afresh — ${figures}`, {
      limit: 2000,
      value: s.p50,
      text: '< 2 s',
    })
  } finally {
    await database.close()
  }
}

// --- Through the API ----------------------------------------------------------------------------

interface Server {
  get(url: string): Promise<{ status: number; body: unknown; time: number }>
  stop(): Promise<void>
}

/** `phongdich serve` on the database in a child process, logged in as the bench user; each request timed. */
async function serve(env: Record<string, string>): Promise<Server> {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'bin/phongdich.js', 'serve'], { env: { ...process.env, ...env, PORT: String(port), DEMO: '0' }, stdio: ['ignore', 'ignore', 'inherit'] })
  await until(async () => (await fetch(`${base}/api/health`)).ok)
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: USER, password: PASSWORD }) })
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`)
  const headers = { cookie: login.headers.get('set-cookie')?.split(';')[0] ?? '' }
  return {
    get: async (url) => {
      const t0 = performance.now()
      const res = await fetch(`${base}${url}`, { headers })
      return { status: res.status, body: await res.json(), time: ms(t0) }
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** `rounds` requests per client, `clients` clients at once; the answers that are not 200 are counted and the first one kept. */
async function load(server: Server, urls: (rng: Random) => string, clients: number, rounds: number) {
  const times: number[] = []
  let failed = 0
  let firstFailure = ''
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const rng = new Random(1000 + c)
      for (let i = 0; i < rounds; i++) {
        const url = urls(rng)
        const r = await server.get(url)
        times.push(r.time)
        if (r.status === 200) continue
        failed++
        firstFailure ||= `${url}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`
      }
    }),
  )
  return { ...stats(times), failed, firstFailure }
}

async function throughApi(config: Config, today: string): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  const communes = (
    await sql<{ code: string }>`
      SELECT u.code FROM units u WHERE u.path LIKE '/2025:91/%' AND u.level = 'commune' AND u.valid_to IS NULL
         AND EXISTS (SELECT 1 FROM cases c WHERE c.unit_path LIKE u.path || '%') ORDER BY u.code`.execute(database.db)
  ).rows.map((r) => r.code)
  const names = (await sql<{ name: string }>`SELECT full_name AS name FROM person_names WHERE (length(full_name) * 31 + ascii(full_name)) % 7 = 0 LIMIT 400`.execute(database.db)).rows.map((r) => r.name)
  await database.close()
  const server = await serve({ DATABASE_URL: config.databaseUrl ?? '', DATA_DIR: config.dataDir, PHONGDICH_NOW: `${today}T03:00:00Z` })
  try {
    const first = await server.get('/api/surveillance/summary')
    if (first.status !== 200) throw new Error(`summary: ${first.status} ${JSON.stringify(first.body)}`)
    const again = await server.get('/api/surveillance/summary')
    report('summary through the API (province, first answer)', `${fmt(first.time)}; asked again within the minute (figures kept while recomputed): ${fmt(again.time)} — ${JSON.stringify((first.body as { chains: unknown }).chains)}`, {
      limit: 2000,
      value: first.time,
      text: '< 2 s',
    })
    const rg = await server.get('/api/surveillance/summary?unit=30742')
    report('summary through the API (phường Rạch Giá)', fmt(rg.time), { limit: 2000, value: rg.time, text: '< 2 s' })
    for (const url of ['/api/surveillance/today', '/api/surveillance/curve?by=onset', '/api/surveillance/curve?by=confirmed', '/api/surveillance/incidence', '/api/surveillance/unknown-sources']) {
      const r = await server.get(url)
      if (r.status !== 200) throw new Error(`${url}: ${r.status}`)
      report(`GET ${url} (province)`, fmt(r.time))
    }
    const window = (rng: Random) => {
      const to = shiftDay(today, -rng.int(0, 60))
      return { from: shiftDay(to, -rng.int(6, 29)), to }
    }
    const lists: Record<string, (rng: Random) => string> = {
      'cases by commune and confirmation dates': (rng) => {
        const w = window(rng)
        return `/api/surveillance/cases?unitCode=${rng.pick(communes)}&from=${w.from}&to=${w.to}`
      },
      'cases of the province by onset dates': (rng) => {
        const w = window(rng)
        return `/api/surveillance/cases?dateField=onset&from=${w.from}&to=${w.to}&offset=${rng.pick([0, 50, 500])}`
      },
      'contacts by commune and degree': (rng) => `/api/surveillance/contacts?unitCode=${rng.pick(communes)}&degree=${rng.int(1, 3)}`,
      'contacts under follow-up by commune': (rng) => `/api/surveillance/contacts?unitCode=${rng.pick(communes)}&followupStatus=active`,
      'tests by commune and sample dates': (rng) => {
        const w = window(rng)
        return `/api/surveillance/tests?unitCode=${rng.pick(communes)}&from=${w.from}&to=${w.to}`
      },
      'tests of the province, positive, by dates': (rng) => {
        const to = shiftDay(today, -rng.int(0, 30))
        return `/api/surveillance/tests?from=${shiftDay(to, -6)}&to=${to}&result=positive`
      },
    }
    for (const [what, urls] of Object.entries(lists)) {
      await load(server, urls, 2, 2) // warm-up
      const s = await load(server, urls, CLIENTS, 10)
      const failures = s.failed ? `; ${s.failed} failed, first: ${s.firstFailure}` : ''
      report(`${what}: ${CLIENTS} clients`, `p50 ${fmt(s.p50)}, p95 ${fmt(s.p95)} (${s.n} requests${failures})`, {
        limit: s.failed ? 0 : 300,
        value: s.p95,
        text: 'p95 < 300 ms, no error',
      })
    }
    const folded = names.map((n) => n.normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase())
    const queries = [...folded.slice(0, 30), ...folded.slice(30, 60).map((n) => n.split(' ').slice(-2).join(' ')), 'nguyen van', 'thi lan', 'danh', 'chau so', 'tran minh']
    await load(server, (rng) => `/api/people?q=${encodeURIComponent(rng.pick(queries))}&limit=50`, 2, 5)
    const s = await load(server, (rng) => `/api/people?q=${encodeURIComponent(rng.pick(queries))}&limit=50`, CLIENTS, 10)
    report(`name search: ${CLIENTS} clients`, `p50 ${fmt(s.p50)}, p95 ${fmt(s.p95)} (${s.n} requests)`, { limit: 100, value: s.p95, text: 'p95 < 100 ms' })
  } finally {
    await server.stop()
  }
}

async function main() {
  const engine = serverUrl ? 'PostgreSQL' : 'embedded (PGlite)'
  const dbName = `phongdich_survbench_${String(scale).replace('.', '_')}`
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: serverUrl })
    await c.connect()
    try {
      return await c.query(q)
    } finally {
      await c.end()
    }
  }
  const dir = process.env.BENCH_DATA_DIR ? path.dirname(path.resolve(process.env.BENCH_DATA_DIR)) : await mkdtemp(path.join(tmpdir(), 'phongdich-survbench-'))
  const dataDir = process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : path.join(dir, 'data')
  // On a server: a database of the bench's own, made afresh unless one kept is to be measured again.
  const kept = serverUrl ? (await admin(`SELECT 1 FROM pg_database WHERE datname = '${dbName}'`)).rowCount === 1 : existsSync(path.join(dataDir, 'PG_VERSION'))
  const reuse = serverUrl ? process.env.BENCH_REUSE === '1' && kept : kept
  if (serverUrl && !reuse) for (const q of [`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`, `CREATE DATABASE ${dbName}`]) await admin(q)
  const databaseUrl = serverUrl ? Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString() : undefined
  const config = { databaseUrl, dataDir } as Config
  try {
    if (!reuse) await generate(config, engine)
    else console.error(`${engine}: measuring the database kept from an earlier run`)
    const database = await openDatabase({ databaseUrl, dataDir })
    const marker = await readMarker(database.db)
    await database.close()
    if (marker?.status !== 'done') throw new Error('no complete outbreak in this database')
    const today = marker.written.today
    console.error(`${engine}: degree updates and the summary (outbreak up to ${today})`)
    await degreeUpdates(config, today)
    console.error(`${engine}: through the API of a server process, ${CLIENTS} clients`)
    await throughApi(config, today)
    console.log(`\nSurveillance at scale ${marker.written.scale} on ${engine}: ${marker.written.cases.toLocaleString('en')} cases, ${marker.written.exposures.toLocaleString('en')} exposures, ${marker.written.tests.toLocaleString('en')} tests`)
    for (const r of results) console.log(`${r.ok === undefined ? ' ' : r.ok ? '✓' : '✗'} ${r.what}: ${r.value}${r.target ? ` [target ${r.target}]` : ''}`)
  } finally {
    if (serverUrl && !keep) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    if (!serverUrl && !keep && !process.env.BENCH_DATA_DIR) await rm(dir, { recursive: true, force: true })
    else if (!serverUrl && !process.env.BENCH_DATA_DIR) console.error(`kept: BENCH_DATA_DIR=${dataDir}`)
  }
}

await main()
