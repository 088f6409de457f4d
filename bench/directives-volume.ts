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
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { createJobRunner } from '../src/server/jobs.ts'
import type { Config } from '../src/server/platform/config.ts'
import { SYSTEM } from '../src/server/platform/context.ts'
import { openDatabase } from '../src/server/platform/db.ts'
import { openConfigured, queueFirstRun } from '../src/server/start.ts'
import type { DB } from '../src/server/platform/schema.ts'

const SEED = 20_260_115
const serverUrl = process.env.DATABASE_URL
const scales = (process.env.BENCH_SCALES ?? (serverUrl ? '1,10' : '1')).split(',').map(Number)

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
    this.child = spawn(process.execPath, ['bin/phongdich.js', 'serve'], { env: { ...process.env, ...this.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] })
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
async function generate(db: Kysely<DB>, scale: number, today: string) {
  const n = 1500 * scale
  const exec = (q: string) => sql.raw(q).execute(db)
  await db.transaction().execute(async (tx) => {
    const run = (q: string) => sql.raw(q).execute(tx)
    await sql`SELECT set_config('phongdich.bulk', 'on', true)`.execute(tx)
    // Deterministic pseudo-random numbers in [0, m): h(a, b) mixes the seed with row numbers.
    await run(`CREATE TEMP TABLE bench_orgs ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY o.id) - 1 AS k, o.id, o.key FROM orgs o WHERE o.key IS NOT NULL`)
    await run(`CREATE TEMP TABLE bench_issuers ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY o.id) - 1 AS k, o.id, o.name, o.doc_code FROM orgs o WHERE o.key IN ('btv', 'ubnd', 'bcd', 'so_yte', 'tu')`)
    const h = (a: string, b: number | string, m: number) => `((abs(hashint8(${a}::bigint * 7919 + ${b} + ${SEED})::bigint) % ${m})::int)`
    const province = `(SELECT path FROM units WHERE code = '91' AND valid_to IS NULL LIMIT 1)`
    await run(`INSERT INTO directives (status, system, doc_type, number, symbol, issuer_org_id, issuer_name, place, issued_on, summary, body, unit_path, issued_at)
      SELECT 'imported', CASE WHEN i % 2 = 0 THEN 'party' ELSE 'state' END, CASE WHEN i % 3 = 0 THEN 'CT' ELSE 'CV' END, i::text,
             i || '-CV/TT' || ${scale}, iss.id, iss.name, 'An Giang', DATE '${today}' - ${h('i', 1, 365)}::int,
             'về tăng cường phòng, chống dịch bệnh, đợt ' || i, 'Nội dung chỉ đạo số ' || i, ${province}, now()
        FROM generate_series(1, ${n}) i JOIN bench_issuers iss ON iss.k = i % (SELECT count(*) FROM bench_issuers)`)
    await run(`INSERT INTO directive_tasks (directive_id, position, ref, text, deadline, cadence)
      SELECT d.id, p, (p + 1)::text, 'Cơ quan được giao tổ chức thực hiện nội dung ' || (p + 1) || ' của văn bản, báo cáo kết quả theo quy định.',
             CASE WHEN ${h('d.id', 'p', 3)} = 0 THEN NULL ELSE d.issued_on + (10 + ${h('d.id', 'p + 10', 80)})::int END,
             (ARRAY['{"kind":"weekly"}','{"kind":"monthly"}','{"kind":"once"}','{"kind":"regular","everyDays":14}','{"kind":"once"}'])[1 + ${h('d.id', 'p + 20', 5)}]::jsonb
        FROM directives d CROSS JOIN generate_series(0, 7) p WHERE d.symbol LIKE '%-CV/TT${scale}'`)
    // About four bodies per task, the first leading; Sở Y tế leads one task in ten.
    await run(`INSERT INTO task_assignments (task_id, org_id, role, directive_id, issued_on, next_check_at)
      SELECT t.id, CASE WHEN j = 0 AND ${h('t.id', 5, 10)} = 0 THEN (SELECT id FROM orgs WHERE key = 'so_yte') ELSE o.id END,
             CASE WHEN j = 0 THEN 'lead' ELSE 'coordinating' END, t.directive_id, d.issued_on, '-infinity'
        FROM directive_tasks t JOIN directives d ON d.id = t.directive_id CROSS JOIN generate_series(0, 3) j
        JOIN bench_orgs o ON o.k = ${h('t.id * 4 + j', 3, 100000)} % (SELECT count(*) FROM bench_orgs)
       WHERE d.symbol LIKE '%-CV/TT${scale}' AND ${h('t.id', 7, 100)} < 98
      ON CONFLICT (task_id, org_id) DO NOTHING`)
    // Reports: weekly-ish from the issue date, fewer for some bodies; older ones reviewed.
    await run(`INSERT INTO task_reports (assignment_id, text, status, percent, submitted_at, review, reviewed_at)
      SELECT a.id, 'Đã triển khai, tiến độ khoảng ' || least(95, k * 25) || '%; tiếp tục thực hiện.',
             CASE WHEN k = 4 AND a.role = 'lead' THEN 'done' ELSE 'in_progress' END,
             CASE WHEN k = 4 AND a.role = 'lead' THEN 100 ELSE least(95, k * 25) END,
             (a.issued_on + k * (6 + ${h('a.id', 9, 10)}))::timestamp + interval '9 hours',
             CASE WHEN ${h('a.id * 8 + k', 11, 20)} = 0 THEN 'returned' WHEN a.issued_on + k * 7 < DATE '${today}' - 3 THEN 'accepted' ELSE 'pending' END,
             CASE WHEN a.issued_on + k * 7 < DATE '${today}' - 3 THEN (a.issued_on + k * 7 + 1)::timestamp END
        FROM task_assignments a JOIN directives d ON d.id = a.directive_id CROSS JOIN generate_series(1, 4) k
       WHERE d.symbol LIKE '%-CV/TT${scale}' AND k <= ${h('a.id', 13, 5)} AND a.issued_on + k * (6 + ${h('a.id', 9, 10)}) < DATE '${today}'`)
  })
  await exec('ANALYZE')
  const count = async (table: string) => Number((await sql.raw<{ n: string }>(`SELECT count(*) AS n FROM ${table}`).execute(db)).rows[0]!.n)
  return { directives: await count('directives'), tasks: await count('directive_tasks'), assignments: await count('task_assignments'), reports: await count('task_reports') }
}

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

async function runScale(scale: number) {
  const dir = await mkdtemp(path.join(tmpdir(), 'phongdich-dirbench-'))
  let env: Record<string, string>
  let dbName = ''
  if (serverUrl) {
    dbName = `phongdich_dirbench_${scale}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${dbName}`)
    await admin.end()
    const url = new URL(serverUrl)
    url.pathname = `/${dbName}`
    env = { DATABASE_URL: url.toString(), DATA_DIR: path.join(dir, 'data') }
  } else {
    env = { DATABASE_URL: '', DATA_DIR: path.join(dir, 'data') }
  }
  const out: Record<string, string> = {}
  const step = (m: string) => console.error(`${scale}×: ${m}`)
  try {
    // The demo province (its bodies and users), as a first start makes it, run here in-process.
    const first = await openConfigured({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR } as Config)
    const runner = createJobRunner(first.db)
    await queueFirstRun({ db: first.db, access: SYSTEM, now: () => new Date() }, true)
    await runner.drain()
    await first.close()
    let server: Server
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
    step('demo province ready; generating')
    const database = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR })
    const t0 = performance.now()
    const counts = await generate(database.db, scale, today)
    out.generate = `${((performance.now() - t0) / 1000).toFixed(1)} s`
    out.rows = `${counts.directives.toLocaleString('vi')} vb · ${counts.assignments.toLocaleString('vi')} giao · ${counts.reports.toLocaleString('vi')} bc`
    await database.close()
    step(`generated ${out.rows} in ${out.generate}`)

    server = new Server(env)
    await server.start()
    out.start = `${(server.startMs / 1000).toFixed(2)} s`
    await server.login('vanphong')
    // The start-up sweep is the first one over the generated data (every open assignment is due).
    let t = performance.now()
    await server.idle('directives.sweep')
    out['sweep (first)'] = `${((performance.now() - t) / 1000).toFixed(1)} s`
    t = performance.now()
    await server.post('/api/directives/sweep')
    await server.idle('directives.sweep')
    out['sweep (steady)'] = `${((performance.now() - t) / 1000).toFixed(2)} s`

    const syt = (await (await server.get('/api/orgs?q=S%E1%BB%9F%20Y%20t%E1%BA%BF&limit=5')).json()) as { orgs?: { id: number }[]; items?: { id: number }[] }
    const sytId = (syt.orgs ?? syt.items ?? [])[0]?.id ?? 1
    const pages: [string, string][] = [
      ['dashboard', '/api/directives/dashboard'],
      ['body page', `/api/directives/orgs/${sytId}/assignments`],
      ['overdue list', '/api/directives/overdue'],
    ]
    for (const [name, url] of pages) {
      await measure(() => server.get(url), 2, 3)
      const one = await measure(() => server.get(url), 1, 20)
      const many = await measure(() => server.get(url), 20, 10)
      out[`${name} ×1`] = `p50 ${one.p50} / p95 ${one.p95} ms, ${one.kb} KB${one.status === 200 ? '' : ` (${one.status})`}`
      out[`${name} ×20`] = `p50 ${many.p50} / p95 ${many.p95} ms`
    }
    for (const format of ['xlsx', 'docx'] as const) {
      t = performance.now()
      const res = await server.get(`/api/directives/synthesis.${format}`)
      const body = await res.arrayBuffer()
      out[`synthesis .${format}`] = `${((performance.now() - t) / 1000).toFixed(1)} s, ${Math.round(body.byteLength / 1024)} KB (${res.status})`
    }
    const mem = await memory(server.child.pid!)
    out['server RSS'] = `now ${mem.rss} MB, peak ${mem.peak} MB`
    await server.stop()
  } catch (e) {
    console.error(e)
    throw e
  } finally {
    await rm(dir, { recursive: true, force: true })
    if (serverUrl && dbName) {
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
console.log(`${''.padEnd(18)}${scales.map((s) => `${s}×`.padEnd(44)).join('')}`)
for (const k of keys) console.log(`${k.padEnd(18)}${results.map((r) => (r[k] ?? '—').padEnd(44)).join('')}`)
