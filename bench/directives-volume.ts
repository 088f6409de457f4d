/**
 * The directives context at a province's real year (1×: 1,500 directives, ~12k tasks, ~47k
 * assignments, ~109k reports) and ten times that: generated deterministically in the shape of the
 * demo rows (the province's real bodies, tasks with deadlines and cadences, reports with review
 * states), inserted set-based. For each volume: the first and a steady sweep, the dashboard, a busy
 * body's page and the overdue list under 1 and 20 concurrent clients (p50/p95, reply size), the
 * synthesis .xlsx and .docx, and the server's resident memory.
 *
 * With DATABASE_URL (a PostgreSQL server): 1× and 10×, each in a database of its own on that server.
 * Without: the embedded engine at 1×, with the server's start-up time on that data.
 * Run: npm run bench:directives   (BENCH_SCALES=1 to run 1× only)
 * BENCH_KEEP=1 keeps each scale's database (on a server; for the embedded engine, in BENCH_DIR) for
 * a later run with BENCH_REUSE=1, which measures the pages and exports again without generating.
 * BENCH_ONLY=synthesis (with BENCH_REUSE=1) measures only the synthesis .xlsx and .docx, with the
 * server's resident memory sampled during each and the CPU time it used (a figure the machine's
 * load changes less than seconds); BENCH_TRIALS=N repeats them N times.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { createJobRunner } from '../src/server/jobs.ts'
import type { Config } from '../src/server/platform/config.ts'
import { SERVER_NODE_FLAGS } from '../src/server/platform/config.ts'
import { SYSTEM } from '../src/server/platform/context.ts'
import { openDatabase } from '../src/server/platform/db.ts'
import { openConfigured, queueFirstRun } from '../src/server/start.ts'
import { generate } from './directives-data.ts'

const serverUrl = process.env.DATABASE_URL
const scales = (process.env.BENCH_SCALES ?? (serverUrl ? '1,10' : '1')).split(',').map(Number)
const keep = process.env.BENCH_KEEP === '1'
const reuse = process.env.BENCH_REUSE === '1'
const onlySynthesis = process.env.BENCH_ONLY === 'synthesis'
const trials = Math.max(1, Number(process.env.BENCH_TRIALS ?? 1))

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })

async function memory(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')
  const mb = (k: string) => Math.round(Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024)
  return { rss: mb('VmRSS'), peak: mb('VmHWM') }
}

/** CPU seconds the process has used (all its threads), from /proc. */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100
}

class Server {
  child!: ChildProcess
  base = ''
  cookie = ''
  csrf = ''
  startMs = 0
  constructor(private env: Record<string, string>) {}
  async start() {
    const port = await freePort()
    const t0 = performance.now()
    this.child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'bin/phongdich.js', 'serve'], { env: { ...process.env, ...this.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] })
    this.base = `http://127.0.0.1:${port}`
    for (;;) {
      if (await fetch(`${this.base}/api/health`).then((r) => r.ok).catch(() => false)) break
      await new Promise((r) => setTimeout(r, 25))
    }
    this.startMs = performance.now() - t0
  }
  async login(username: string, password = 'phongdich2026') {
    for (;;) {
      const res = await fetch(`${this.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }).catch(() => null)
      if (res?.ok) {
        this.cookie = res.headers.get('set-cookie')?.split(';')[0] ?? ''
        this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken
        return
      }
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  get(url: string) {
    return fetch(`${this.base}${url}`, { headers: { cookie: this.cookie } })
  }
  post(url: string) {
    return fetch(`${this.base}${url}`, { method: 'POST', headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'content-type': 'application/json' }, body: '{}' })
  }
  async idle(kind?: string) {
    for (;;) {
      const jobs = (await (await this.get('/api/jobs?limit=50')).json()) as { jobs: { kind: string; status: string }[] }
      if (!jobs.jobs.some((j) => (j.status === 'queued' || j.status === 'running') && (!kind || j.kind === kind))) return
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  async stop() {
    this.child.kill('SIGTERM')
    await new Promise((r) => this.child.once('exit', r))
  }
}

/** The province's data, generated set-based from the demo's bodies. */
async function measure(fn: () => Promise<Response>, clients: number, rounds: number) {
  const times: number[] = []
  let bytes = 0
  let status = 0
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < rounds; i++) {
        const t0 = performance.now()
        const res = await fn()
        const body = await res.arrayBuffer()
        times.push(performance.now() - t0)
        bytes = body.byteLength
        status = res.status
      }
    }),
  )
  times.sort((a, b) => a - b)
  const q = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]!)
  return { p50: q(0.5), p95: q(0.95), kb: Math.round(bytes / 1024), status }
}

/**
 * The synthesis as .xlsx and .docx downloads (BENCH_TRIALS times each), with the server's resident
 * memory sampled every 50 ms while each is made: seconds and the highest sample per file, the
 * median over the trials, then the process's peak so far.
 */
async function synthesisFiles(server: Server, out: Record<string, string>) {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!
  for (const format of ['xlsx', 'docx'] as const) {
    const seconds: number[] = []
    const peaks: number[] = []
    const cpu: number[] = []
    const before: number[] = []
    let kb = 0
    let status = 0
    for (let i = 0; i < trials; i++) {
      before.push((await memory(server.child.pid!)).rss)
      let high = 0
      let sampling = true
      const sampler = (async () => {
        while (sampling) {
          high = Math.max(high, (await memory(server.child.pid!)).rss)
          await new Promise((r) => setTimeout(r, 50))
        }
      })()
      const c0 = await cpuSeconds(server.child.pid!)
      const t = performance.now()
      const res = await server.get(`/api/directives/synthesis.${format}`)
      const body = await res.arrayBuffer()
      seconds.push((performance.now() - t) / 1000)
      cpu.push((await cpuSeconds(server.child.pid!)) - c0)
      sampling = false
      await sampler
      peaks.push(high)
      kb = Math.round(body.byteLength / 1024)
      status = res.status
    }
    const all = trials > 1 ? ` [${seconds.map((s) => s.toFixed(1)).join(' ')}]` : ''
    out[`synthesis .${format}`] = `${median(seconds).toFixed(1)} s, ${kb} KB (${status})${all}`
    out[`RSS during .${format}`] = `${median(peaks)} MB${trials > 1 ? ` [${peaks.join(' ')}]` : ''} (before: ${before.join(' ')})`
    out[`server CPU .${format}`] = `${median(cpu).toFixed(1)} s${trials > 1 ? ` [${cpu.map((c) => c.toFixed(1)).join(' ')}]` : ''}`
  }
  const mem = await memory(server.child.pid!)
  out['server RSS'] = `now ${mem.rss} MB, peak ${mem.peak} MB`
}

async function runScale(scale: number) {
  // The embedded engine's data stays in BENCH_DIR (kept and reused like a server's database).
  const dir = process.env.BENCH_DIR ? `${process.env.BENCH_DIR}-${scale}` : await mkdtemp(path.join(tmpdir(), 'phongdich-dirbench-'))
  let env: Record<string, string>
  let dbName = ''
  if (serverUrl) {
    dbName = `phongdich_dirbench_${scale}`
    if (!reuse) {
      const admin = new pg.Client({ connectionString: serverUrl })
      await admin.connect()
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
      await admin.query(`CREATE DATABASE ${dbName}`)
      await admin.end()
    }
    const url = new URL(serverUrl)
    url.pathname = `/${dbName}`
    env = { DATABASE_URL: url.toString(), DATA_DIR: path.join(dir, 'data') }
  } else {
    env = { DATABASE_URL: '', DATA_DIR: path.join(dir, 'data') }
  }
  const out: Record<string, string> = {}
  const step = (m: string) => console.error(`${scale}×: ${m}`)
  try {
    let server: Server
    if (!reuse) {
      // The demo province (its bodies and users), as a first start makes it, run here in-process.
      const first = await openConfigured({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR } as Config)
      const runner = createJobRunner(first.db)
      await queueFirstRun({ db: first.db, access: SYSTEM, now: () => new Date() }, true)
      await runner.drain()
      await first.close()
      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
      step('demo province ready; generating')
      const database = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR })
      const t0 = performance.now()
      const counts = await generate(database.db, scale, today)
      out.generate = `${((performance.now() - t0) / 1000).toFixed(1)} s`
      out.rows = `${counts.directives.toLocaleString('vi')} vb · ${counts.assignments.toLocaleString('vi')} giao · ${counts.reports.toLocaleString('vi')} bc`
      await database.close()
      step(`generated ${out.rows} in ${out.generate}`)
    }

    server = new Server(env)
    await server.start()
    out.start = `${(server.startMs / 1000).toFixed(2)} s`
    await server.login('vanphong')
    // The start-up sweep is the first one over the generated data (every open assignment is due).
    let t = performance.now()
    await server.idle('directives.sweep')
    if (!reuse) out['sweep (first)'] = `${((performance.now() - t) / 1000).toFixed(1)} s`
    // Anything the start queued besides (the reminders job over the whole year) ends first.
    await server.idle()
    if (onlySynthesis) {
      await synthesisFiles(server, out)
      await server.stop()
      return out
    }
    t = performance.now()
    await server.post('/api/directives/sweep')
    await server.idle('directives.sweep')
    out['sweep (steady)'] = `${((performance.now() - t) / 1000).toFixed(2)} s`
    const rssAfter = async (phase: string) => {
      const m = await memory(server.child.pid!)
      out[`RSS ${phase}`] = `${m.rss} MB (peak so far ${m.peak} MB)`
    }
    await rssAfter('after sweeps')

    const syt = (await (await server.get('/api/orgs?q=S%E1%BB%9F%20Y%20t%E1%BA%BF&limit=5')).json()) as { orgs?: { id: number }[]; items?: { id: number }[] }
    const sytId = (syt.orgs ?? syt.items ?? [])[0]?.id ?? 1
    const pages: [string, string][] = [
      ['dashboard', '/api/directives/dashboard'],
      ['body page', `/api/directives/orgs/${sytId}/assignments`],
      ['overdue list', '/api/directives/overdue'],
    ]
    // An answer is reused until the next write; "computed" asks for a page not asked before each
    // time (another period start per request), as after every write, so each one is computed.
    let fresh = 0
    const computed = (url: string) => {
      const day = new Date(Date.UTC(2025, 0, 1) + (fresh++ % 300) * 86_400_000).toISOString().slice(0, 10)
      return `${url}${url.includes('?') ? '&' : '?'}from=${day}`
    }
    for (const [name, url] of pages) {
      await measure(() => server.get(url), 2, 3)
      const one = await measure(() => server.get(url), 1, 20)
      const many = await measure(() => server.get(url), 20, 10)
      const oneFresh = await measure(() => server.get(computed(url)), 1, 20)
      const manyFresh = await measure(() => server.get(computed(url)), 20, 5)
      out[`${name} ×1`] = `p50 ${one.p50} / p95 ${one.p95} ms, ${one.kb} KB${one.status === 200 ? '' : ` (${one.status})`}`
      out[`${name} ×20`] = `p50 ${many.p50} / p95 ${many.p95} ms`
      out[`${name} computed ×1`] = `p50 ${oneFresh.p50} / p95 ${oneFresh.p95} ms`
      out[`${name} computed ×20`] = `p50 ${manyFresh.p50} / p95 ${manyFresh.p95} ms`
    }
    await rssAfter('after pages')
    await synthesisFiles(server, out)
    await server.stop()
  } catch (e) {
    console.error(e)
    throw e
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true })
    if (serverUrl && dbName && !keep) {
      const admin = new pg.Client({ connectionString: serverUrl })
      await admin.connect()
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
      await admin.end()
    }
  }
  return out
}

console.log(`phongdich directives at volume (${serverUrl ? 'PostgreSQL server' : 'embedded PostgreSQL'}, Node ${process.version})`)
const results: Record<string, string>[] = []
for (const s of scales) {
  results.push(await runScale(s))
  console.error(`${s}× done`)
}
const keys = [...new Set(results.flatMap((r) => Object.keys(r)))]
console.log(`${''.padEnd(24)}${scales.map((s) => `${s}×`.padEnd(44)).join('')}`)
for (const k of keys) console.log(`${k.padEnd(24)}${results.map((r) => (r[k] ?? '—').padEnd(44)).join('')}`)
