/**
 * The steering committee's board (`GET /api/board`) under 20 concurrent clients, on the demo
 * province: the real server in its own process (embedded engine, fresh data directory, demo
 * seeded), signed in as the steering committee's member of the province.
 *
 * - computed: every commune of the province and the province itself asked once, 20 at a time:
 *   each answer computed (all its sections' reads), none kept yet;
 * - kept: the province's board asked again and again by the 20 (nothing written meanwhile), as
 *   officials keeping it open: the change versions checked and the kept answer;
 * - live: the 20 ask for the province's board or a commune's while the province works: an
 *   official opens a person's page every 100 ms (an audited read: a write the board does not
 *   read) and a new case is entered every 2 s (over 40,000 a day). The board is computed again
 *   after each case, once for those asking together.
 *
 * Prints p50/p95/max and the answer's size. With DATABASE_URL (a PostgreSQL server), the data is
 * the surveillance bench's million cases (kept by `BENCH_KEEP=1 npm run bench:surveillance`) with
 * the rest of the demo province seeded over a copy of them, and the server runs on it.
 * BENCH_BOARD_URL (with BENCH_BOARD_USER, BENCH_BOARD_WRITER and BENCH_BOARD_PASSWORD) measures an
 * already running server instead.
 * Run: npm run bench:board   (DATABASE_URL=postgres://… npm run bench:board for a million cases)
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { DEMO_PASSWORD, E2EServer, waitFor } from '../e2e/server.ts'
import { MILLION_CASES_SCALE } from '../src/domain/surveillance/outbreak.ts'
import { seedDemo } from '../src/server/demo/seed.ts'
import type { Config } from '../src/server/platform/config.ts'
import { SERVER_NODE_FLAGS } from '../src/server/platform/config.ts'
import { SYSTEM } from '../src/server/platform/context.ts'
import { openConfigured } from '../src/server/start.ts'

const CLIENTS = 20
const KEPT_ROUNDS = 25
const LIVE_SECONDS = Number(process.env.BENCH_BOARD_LIVE_SECONDS ?? 60)
const THINK_MS = 250

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} requests)`

async function session(base: string, username: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`)
  const body = (await r.json()) as { csrfToken: string }
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: body.csrfToken }
}
const signIn = async (base: string, username: string, password: string) => (await session(base, username, password)).cookie

/** Runs `urls` with `CLIENTS` requests in flight; answers each request's milliseconds and the largest answer. */
async function load(base: string, cookie: string, urls: string[]) {
  const times: number[] = []
  let largest = 0
  let next = 0
  const client = async () => {
    while (next < urls.length) {
      const url = urls[next++]!
      const t0 = performance.now()
      const r = await fetch(`${base}${url}`, { headers: { cookie } })
      const body = await r.arrayBuffer()
      times.push(performance.now() - t0)
      if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${Buffer.from(body).toString()}`)
      largest = Math.max(largest, body.byteLength)
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client))
  return { times, largest }
}

/** `CLIENTS` officials asking for `url(i)` for `ms`, each waiting THINK_MS between answers; answers each request's milliseconds. */
async function during(base: string, cookie: string, ms: number, url: (i: number) => string): Promise<number[]> {
  const times: number[] = []
  const end = Date.now() + ms
  let i = 0
  const official = async () => {
    while (Date.now() < end) {
      const u = url(i++)
      const t0 = performance.now()
      const r = await fetch(`${base}${u}`, { headers: { cookie } })
      const body = await r.arrayBuffer()
      times.push(performance.now() - t0)
      if (!r.ok) throw new Error(`GET ${u}: ${r.status} ${Buffer.from(body).toString()}`)
      await new Promise((resolve) => setTimeout(resolve, THINK_MS))
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, official))
  return times
}

/**
 * Runs `work` while an official opens a person's page every 100 ms and a new case is entered every
 * 2 s, in a commune of `communes` in turn; answers what `work` answers and the writes made.
 */
async function whileWriting<T>(base: string, { cookie, csrf }: { cookie: string; csrf: string }, communes: string[], work: () => Promise<T>) {
  const send = async (method: string, url: string, body?: unknown) => {
    const r = await fetch(`${base}${url}`, { method, headers: { cookie, 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await r.text()
    if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${text}`)
    return JSON.parse(text) as { id: number; people?: { id: number }[] }
  }
  const listed = await send('GET', '/api/people?limit=50')
  const people = (listed.people ?? []).map((p) => p.id)
  let stop = false
  let reads = 0
  let cases = 0
  const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
  const reading = (async () => {
    while (!stop && people.length) {
      await send('GET', `/api/people/${people[reads % people.length]}`)
      reads++
      await new Promise((r) => setTimeout(r, 100))
    }
  })()
  const entering = (async () => {
    while (!stop) {
      const p = await send('POST', '/api/people', { fullName: `Ca Mới ${cases + 1}`, unitCode: communes[cases % communes.length], birthYear: 1985, confirmedNew: true })
      await send('POST', '/api/surveillance/cases', { personId: p.id, classification: 'confirmed', sampleDate: day, confirmedDate: day })
      cases++
      await new Promise((r) => setTimeout(r, 2000))
    }
  })()
  try {
    const result = await work()
    return { result, reads, cases }
  } finally {
    stop = true
    await Promise.all([reading, entering])
  }
}

/**
 * A PostgreSQL database holding the surveillance bench's outbreak (kept by
 * `BENCH_KEEP=1 npm run bench:surveillance`, a million cases at its default scale) with the rest
 * of the demo province seeded over it; made once as a copy, reused after. Answers its address.
 */
async function millionCaseDatabase(serverUrl: string): Promise<string> {
  const scale = process.env.BENCH_SCALE ?? String(MILLION_CASES_SCALE)
  const source = `phongdich_survbench_${scale.replace('.', '_')}`
  const name = `phongdich_boardbench_${scale.replace('.', '_')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1) return Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString()
    if ((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [source])).rowCount !== 1) throw new Error(`no ${source}: make it first with BENCH_KEEP=1 npm run bench:surveillance`)
    console.error(`copying ${source} to ${name}`)
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${source}`)
  } finally {
    await admin.end()
  }
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString()
  const database = await openConfigured({ databaseUrl: url, dataDir: '' } as Config)
  try {
    const ctx = { db: database.db, access: SYSTEM, now: () => new Date() }
    // The outbreak is the bench's own: the demo's other steps are seeded over it.
    await sql`INSERT INTO settings (key, value) VALUES ('demo.steps', '["outbreak"]'::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(ctx.db)
    await seedDemo({ ctx, progress: async (_done: number, _total: number, message: string) => console.error(message) } as never)
  } finally {
    await database.close()
  }
  return url
}

/** The server on `databaseUrl` in a process of its own, listening on a free port; answers its address and how to stop it. */
async function serve(databaseUrl: string): Promise<{ base: string; stop: () => void }> {
  const port = 3390 + Math.floor(Math.random() * 500)
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(import.meta.dirname, '..', 'bin', 'phongdich.js'), 'serve'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', DEMO: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  await waitFor('the server', async () => ((await fetch(`${base}/api/health`).catch(() => null))?.ok ? true : undefined), 300_000)
  return { base, stop: () => child.kill() }
}

async function main() {
  let server: E2EServer | null = null
  let stop = () => {}
  let base = process.env.BENCH_BOARD_URL
  let cookie: string
  if (!base && process.env.DATABASE_URL) {
    const t0 = performance.now()
    const s = await serve(await millionCaseDatabase(process.env.DATABASE_URL))
    base = s.base
    stop = s.stop
    console.log(`PostgreSQL, the surveillance bench's outbreak and the demo province: ready in ${((performance.now() - t0) / 1000).toFixed(0)} s`)
  }
  if (base) cookie = await signIn(base, process.env.BENCH_BOARD_USER ?? 'bcd', process.env.BENCH_BOARD_PASSWORD ?? DEMO_PASSWORD)
  else {
    const t0 = performance.now()
    server = await E2EServer.create()
    await server.start()
    await server.waitForJobs('demo.seed')
    base = server.baseUrl
    console.log(`demo province ready in ${((performance.now() - t0) / 1000).toFixed(0)} s (embedded engine)`)
    cookie = await signIn(base, 'bcd', DEMO_PASSWORD)
  }
  try {
    const communes = (await (await fetch(`${base}/api/public/levels?unit=91`)).json()) as { code: string }[]
    const computed = await load(base, cookie, ['/api/board', ...communes.map((c) => `/api/board?unit=${c.code}`)])
    console.log(`computed (the province and ${communes.length} communes, each once): ${fmt(computed.times)}; largest answer ${(computed.largest / 1024).toFixed(1)} KB`)
    const kept = await load(base, cookie, Array.from({ length: CLIENTS * KEPT_ROUNDS }, () => '/api/board'))
    console.log(`kept (the province's board, ${CLIENTS} clients × ${KEPT_ROUNDS}): ${fmt(kept.times)}; answer ${(kept.largest / 1024).toFixed(1)} KB`)
    const writer = await session(base, process.env.BENCH_BOARD_WRITER ?? 'cdc', process.env.BENCH_BOARD_PASSWORD ?? DEMO_PASSWORD)
    const live = await whileWriting(base, writer, communes.map((c) => c.code), () => during(base, cookie, LIVE_SECONDS * 1000, (i) => (i % 2 === 0 ? '/api/board' : `/api/board?unit=${communes[(i * 7) % communes.length]!.code}`)))
    console.log(
      `live (${CLIENTS} officials for ${LIVE_SECONDS} s, each opening the province's board or a commune's every ${THINK_MS} ms; ${live.reads} audited reads and ${live.cases} new cases meanwhile): ${fmt(live.result)}`,
    )
  } finally {
    stop()
    await server?.dispose()
  }
}

await main()
