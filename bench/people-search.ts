/**
 * Name search at a million people. Generates 1,000,000 people set-based and deterministically
 * (Vietnamese names from syllable lists, spread over the demo province's communes by population,
 * years of birth, sexes, CCCD numbers agreeing with them, phones), then measures
 * `GET /api/people?q=…` through the HTTP API of a server child process, for a province-wide user,
 * under 1 and 20 concurrent clients: p50/p95 per kind of query. Target: p95 < 100 ms.
 *
 * Without DATABASE_URL: the embedded engine in a temporary data directory. With it: a database of
 * its own on that server (dropped afterwards unless BENCH_KEEP=1; BENCH_REUSE=1 measures a kept one
 * again). BENCH_KEEP=1 on the embedded engine keeps its data directory; BENCH_DATA_DIR=… measures it
 * again without generating.
 * Run: npm run bench:people   (BENCH_PEOPLE=200000 for a smaller registry)
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { fold } from '../src/domain/text/fold.ts'
import { vietnameseSortKey } from '../src/domain/text/sortKey.ts'
import { createUser } from '../src/server/contexts/access/service.ts'
import { createNameIndex, nameIndexPresent } from '../src/server/contexts/people/repo.ts'
import { createJobRunner } from '../src/server/jobs.ts'
import type { Config } from '../src/server/platform/config.ts'
import { SERVER_NODE_FLAGS } from '../src/server/platform/config.ts'
import { SYSTEM } from '../src/server/platform/context.ts'
import { openDatabase } from '../src/server/platform/db.ts'
import { fillPersonNames } from '../src/server/platform/sortKeys.ts'
import { openConfigured, queueFirstRun } from '../src/server/start.ts'

const serverUrl = process.env.DATABASE_URL
const total = Number(process.env.BENCH_PEOPLE ?? 1_000_000)
const keep = process.env.BENCH_KEEP === '1'
const PASSWORD = 'mat-khau-do-hieu-nang'

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Phan', 'Trương', 'Bùi', 'Đặng', 'Đỗ', 'Ngô', 'Hồ', 'Dương', 'Lý', 'Lâm', 'Tô', 'Châu', 'Danh', 'Thạch', 'Kim', 'Quách', 'Mai', 'Tăng', 'Đoàn', 'Vương', 'Trịnh', 'Cao', 'Lưu']
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Hữu', 'Quốc', 'Thanh', 'Công', 'Đức', 'Hoàng', 'Ngọc', 'Tấn', 'Kim', 'Mỹ', 'Bích', 'Hồng', 'Thu', 'Diễm', 'Phương', 'Gia', 'Bảo']
const GIVEN = [
  'Hùng', 'Dũng', 'Tuấn', 'Phúc', 'Lộc', 'Tài', 'Khang', 'Nam', 'Sơn', 'Hải', 'Tâm', 'Trí', 'Thành', 'Vũ', 'Khoa', 'Bình', 'Long', 'Quang', 'Sang', 'Nhân',
  'Lan', 'Hoa', 'Hương', 'Trang', 'Linh', 'Ngân', 'Thảo', 'Yến', 'Nhung', 'Vy', 'Hạnh', 'Mai', 'Tuyết', 'Oanh', 'Loan', 'Phượng', 'Thủy', 'Châu', 'Trinh', 'Duyên',
  'An', 'Huy', 'Khải', 'Nghĩa', 'Phát', 'Toàn', 'Uyên', 'Vân', 'Xuân', 'Yên',
]

/** What is searched: frequent and rare fragments, whole names, typed without diacritics. */
const QUERIES: Record<string, string[]> = {
  'whole name': ['nguyen van hung', 'tran thi lan', 'le minh tri', 'thach ngoc yen', 'quach bich uyen'],
  'given name': ['hung', 'thao', 'nghia', 'phuong', 'khai'],
  'family + middle': ['nguyen van', 'danh thi', 'huynh thanh', 'cao gia'],
  fragment: ['oan kim', 'uoc ha', 'uong bao', 'inh duc'],
  'rare (no match)': ['xyzabc', 'qwert yu'],
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })

async function generate(databaseUrl: string | undefined, dataDir: string): Promise<void> {
  const database = await openDatabase({ databaseUrl, dataDir })
  const db = database.db
  try {
    // Every combination of family, middle and given name once, with its fold and sort key.
    const names: { full: string; fold: string; sort: string }[] = []
    for (const f of FAMILY) for (const m of MIDDLE) for (const g of GIVEN) names.push({ full: `${f} ${m} ${g}`, fold: fold(`${f} ${m} ${g}`), sort: vietnameseSortKey(`${f} ${m} ${g}`) })
    await sql`CREATE TABLE bench_names (n int PRIMARY KEY, full_name text, name_fold text, name_sort text COLLATE "C")`.execute(db)
    await sql`INSERT INTO bench_names SELECT (ord - 1)::int, x->>'full', x->>'fold', x->>'sort' FROM jsonb_array_elements(${JSON.stringify(names)}::jsonb) WITH ORDINALITY AS t(x, ord)`.execute(db)
    // 1,000 slots shared out among the communes by population: a row's slot is its commune.
    const communes = (
      await sql<{ id: string; path: string; population: number | null }>`
        SELECT u.id, u.path, (SELECT population FROM unit_populations up WHERE up.unit_id = u.id ORDER BY year DESC LIMIT 1) AS population
        FROM units u WHERE u.path LIKE '/2025:91/%' AND u.level = 'commune' AND u.valid_to IS NULL ORDER BY u.id`.execute(db)
    ).rows
    const weight = communes.reduce((a, c) => a + (c.population ?? 1000), 0)
    const slots: { id: string; path: string }[] = []
    let acc = 0
    for (const c of communes) {
      acc += c.population ?? 1000
      while (slots.length < Math.round((acc / weight) * 1000)) slots.push(c)
    }
    await sql`CREATE TABLE bench_communes (slot int PRIMARY KEY, id text, path text)`.execute(db)
    await sql`INSERT INTO bench_communes SELECT (ord - 1)::int, x->>'id', x->>'path' FROM jsonb_array_elements(${JSON.stringify(slots)}::jsonb) WITH ORDINALITY AS t(x, ord)`.execute(db)
    console.error(`  ${communes.length} communes, ${slots.length} slots`)
    await sql`DROP INDEX IF EXISTS person_names_trgm`.execute(db)
    const batch = 100_000
    for (let from = 1; from <= total; from += batch) {
      const to = Math.min(total, from + batch - 1)
      const t0 = performance.now()
      await db.transaction().execute(async (tx) => {
        await sql`SET LOCAL phongdich.bulk = 'on'`.execute(tx)
        // Deterministic pseudo-random numbers from the row number (multiplicative hashing).
        await sql`
          WITH g AS (
            SELECT i,
                   ((i::bigint * 2654435761) % 4294967296) % ${slots.length} AS r1,
                   ((i::bigint * 40503 + 12345) % 65536) AS r2,
                   ((i::bigint * 69069 + 1) % 1000003) AS r3
            FROM generate_series(${from}::int, ${to}::int) AS i
          ), p AS (
            SELECT g.i, n.full_name, n.name_fold, n.name_sort, c.id AS unit_id, c.path AS unit_path,
                   1940 + (g.r2 % 80)::int AS birth_year, CASE WHEN g.r3 % 2 = 0 THEN 'male' ELSE 'female' END AS sex, g.r3
            FROM g
            JOIN bench_names n ON n.n = g.r3 % ${names.length}
            JOIN bench_communes c ON c.slot = g.r1
          )
          INSERT INTO people (full_name, name_fold, name_sort, birth_year, sex, national_id, phone, unit_id, unit_path, address)
          SELECT full_name, name_fold, name_sort, birth_year, sex,
                 CASE WHEN birth_year <= 2012 THEN '091' || ((birth_year - 1900) / 100 * 2 + (CASE WHEN sex = 'female' THEN 1 ELSE 0 END))::text
                      || lpad((birth_year % 100)::text, 2, '0') || lpad((i % 1000000)::text, 6, '0') END,
                 CASE WHEN birth_year <= 2008 AND r3 % 10 < 8 THEN '09' || lpad(((i::bigint * 7919) % 100000000)::text, 8, '0') END,
                 unit_id, unit_path, (1 + r3 % 300)::text || ' đường số ' || (1 + r3 % 40)::text
          FROM p`.execute(tx)
      })
      console.error(`  people ${to.toLocaleString('vi-VN')} / ${total.toLocaleString('vi-VN')} (${Math.round(performance.now() - t0)} ms)`)
    }
    const t0 = performance.now()
    // The load ran without row triggers: the name dictionary is filled set-based, as after a restore.
    await fillPersonNames(db)
    let indexed = true
    try {
      await createNameIndex(db)
    } catch (err) {
      indexed = false
      console.error(`  no trigram index: ${(err as Error).message}`)
    }
    const distinct = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM person_names`.execute(db)).rows[0]?.n
    console.error(`  ${distinct} distinct names; trigram index ${indexed && (await nameIndexPresent(db)) ? 'built' : 'absent'}; ${Math.round(performance.now() - t0)} ms`)
    await sql`DROP TABLE bench_names`.execute(db)
    await sql`DROP TABLE bench_communes`.execute(db)
    await sql`ANALYZE`.execute(db)
    await createUser({ db, access: SYSTEM, now: () => new Date() }, { username: 'bench.tinh', password: PASSWORD, displayName: 'Đo hiệu năng', role: 'tracer', unitCode: '91' })
  } finally {
    await database.close()
  }
}

class Server {
  child!: ChildProcess
  base = ''
  cookie = ''
  constructor(private env: Record<string, string>) {}
  async start() {
    const port = await freePort()
    this.child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'bin/phongdich.js', 'serve'], { env: { ...process.env, ...this.env, PORT: String(port), DEMO: '0' }, stdio: ['ignore', 'ignore', 'inherit'] })
    this.base = `http://127.0.0.1:${port}`
    for (;;) {
      if (await fetch(`${this.base}/api/health`).then((r) => r.ok).catch(() => false)) break
      await new Promise((r) => setTimeout(r, 50))
    }
    const res = await fetch(`${this.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench.tinh', password: PASSWORD }) })
    if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`)
    this.cookie = res.headers.get('set-cookie')?.split(';')[0] ?? ''
  }
  get(url: string) {
    return fetch(`${this.base}${url}`, { headers: { cookie: this.cookie } })
  }
  async stop() {
    this.child.kill('SIGTERM')
    await new Promise((r) => this.child.once('exit', r))
  }
}

async function measure(server: Server, queries: string[], clients: number, rounds: number) {
  const times: number[] = []
  let found = 0
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < rounds; i++) {
        const q = queries[(c + i) % queries.length]!
        const t0 = performance.now()
        const res = await server.get(`/api/people?q=${encodeURIComponent(q)}&limit=50`)
        const body = (await res.json()) as { people?: unknown[] }
        times.push(performance.now() - t0)
        if (res.status !== 200) throw new Error(`search ${q}: ${res.status}`)
        found += body.people?.length ?? 0
      }
    }),
  )
  times.sort((a, b) => a - b)
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1)
  return { p50: at(0.5), p95: at(0.95), n: times.length, avgFound: Math.round(found / times.length) }
}

async function prepare(databaseUrl: string | undefined, dataDir: string, engine: string) {
  console.error(`${engine}: loading the unit registry`)
  const first = await openConfigured({ databaseUrl, dataDir } as Config)
  const runner = createJobRunner(first.db)
  await queueFirstRun({ db: first.db, access: SYSTEM, now: () => new Date() }, false)
  await runner.drain()
  await first.close()
  console.error(`${engine}: generating ${total.toLocaleString('vi-VN')} people`)
  const t0 = performance.now()
  await generate(databaseUrl, dataDir)
  console.error(`${engine}: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
}

async function main() {
  // BENCH_DATA_DIR: an embedded data directory kept from an earlier run (BENCH_KEEP=1) is measured again as it is.
  const reuse = !serverUrl && !!process.env.BENCH_DATA_DIR && existsSync(path.join(process.env.BENCH_DATA_DIR, 'PG_VERSION'))
  const dir = process.env.BENCH_DATA_DIR ? path.dirname(path.resolve(process.env.BENCH_DATA_DIR)) : await mkdtemp(path.join(tmpdir(), 'phongdich-peoplebench-'))
  const dataDir = process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : path.join(dir, 'data')
  let databaseUrl: string | undefined
  const dbName = 'phongdich_peoplebench'
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: serverUrl })
    await c.connect()
    try {
      await c.query(q)
    } finally {
      await c.end()
    }
  }
  const reuseServer = !!serverUrl && process.env.BENCH_REUSE === '1'
  if (serverUrl) {
    if (!reuseServer) {
      await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
      await admin(`CREATE DATABASE ${dbName}`)
    }
    const url = new URL(serverUrl)
    url.pathname = `/${dbName}`
    databaseUrl = url.toString()
  }
  const engine = serverUrl ? 'PostgreSQL' : 'embedded (PGlite)'
  try {
    if (!reuse && !reuseServer) await prepare(databaseUrl, dataDir, engine)
    const server = new Server({ DATABASE_URL: databaseUrl ?? '', DATA_DIR: dataDir })
    await server.start()
    try {
      await measure(server, Object.values(QUERIES).flat(), 1, 20) // warm-up
      console.log(`\nName search, ${engine}, ${total.toLocaleString('vi-VN')} people (GET /api/people?q=…, limit 50, province-wide user)`)
      console.log('queries              clients  requests   p50 ms   p95 ms  rows/answer')
      const all: { clients: number; queries: string[] }[] = [
        { clients: 1, queries: Object.values(QUERIES).flat() },
        { clients: 20, queries: Object.values(QUERIES).flat() },
      ]
      for (const [kind, queries] of Object.entries(QUERIES)) {
        for (const clients of [1, 20]) {
          const r = await measure(server, queries, clients, clients === 1 ? 30 : 5)
          console.log(`${kind.padEnd(20)} ${String(clients).padStart(7)} ${String(r.n).padStart(9)} ${r.p50.padStart(8)} ${r.p95.padStart(8)} ${String(r.avgFound).padStart(12)}`)
        }
      }
      for (const { clients, queries } of all) {
        const r = await measure(server, queries, clients, clients === 1 ? 100 : 10)
        console.log(`${'all mixed'.padEnd(20)} ${String(clients).padStart(7)} ${String(r.n).padStart(9)} ${r.p50.padStart(8)} ${r.p95.padStart(8)} ${String(r.avgFound).padStart(12)}`)
      }
    } finally {
      await server.stop()
    }
  } finally {
    if (serverUrl && !keep) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    if (!keep) await rm(dir, { recursive: true, force: true })
    else if (!serverUrl) console.error(`kept: BENCH_DATA_DIR=${dataDir}`)
  }
}

await main()
