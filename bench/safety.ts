/**
 * The public safety map at 50,000 facilities. Generates the facilities set-based over the demo
 * province's communes (each with a result in one of the bands), then starts the server in
 * a process of its own and sends `GET /api/public/facilities` over HTTP from 50 concurrent clients: a commune's facilities, a
 * commune in a box, the whole province (answered as clusters), a street-sized box, a name search,
 * and a revalidation with If-None-Match. Prints p50/p95/max per kind and overall. Target: p95 < 150 ms.
 *
 * Without DATABASE_URL: the embedded engine in a temporary data directory. With it: a database of
 * its own on that server, dropped afterwards.
 * Run: npm run bench:safety   (BENCH_FACILITIES=10000 for a smaller registry, BENCH_SECONDS=20,
 * BENCH_KINDS='province (clusters),revalidate (304)' for some kinds only)
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { createJobRunner } from '../src/server/jobs.ts'
import type { Config } from '../src/server/platform/config.ts'
import { SERVER_NODE_FLAGS } from '../src/server/platform/config.ts'
import { SYSTEM } from '../src/server/platform/context.ts'
import { refreshStatistics } from '../src/server/platform/db.ts'
import { openConfigured, queueFirstRun } from '../src/server/start.ts'

const total = Number(process.env.BENCH_FACILITIES ?? 50_000)
const clients = Number(process.env.BENCH_CLIENTS ?? 50)
const seconds = Number(process.env.BENCH_SECONDS ?? 20)
const serverUrl = process.env.DATABASE_URL

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => resolve(port))
    })
  })

async function main() {
  let dataDir = ''
  let databaseUrl: string | undefined
  let dropDb: (() => Promise<void>) | null = null
  if (serverUrl) {
    const name = `phongdich_bench_safety_${Date.now()}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    databaseUrl = url.toString()
    dropDb = async () => {
      const c = new pg.Client({ connectionString: serverUrl })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    }
  } else dataDir = await mkdtemp(path.join(tmpdir(), 'phongdich-bench-safety-'))
  const engine = serverUrl ? 'PostgreSQL' : 'embedded (PGlite)'
  const t0 = Date.now()
  const database = await openConfigured({ databaseUrl, dataDir } as Config)
  const jobs = createJobRunner(database.db, () => new Date())
  await queueFirstRun({ db: database.db, access: SYSTEM, now: () => new Date() }, false)
  await jobs.drain()
  console.log(`Danh mục đơn vị: ${((Date.now() - t0) / 1000).toFixed(1)} s (${engine})`)

  // The province's current communes, with a point each to spread facilities around.
  const communes = (
    await sql<{ id: string; code: string; path: string }>`
      SELECT id, code, path FROM units WHERE path LIKE '/2025:91/%' AND level = 'commune' AND valid_to IS NULL ORDER BY code`.execute(database.db)
  ).rows
  if (communes.length === 0) throw new Error('no communes of the demo province')
  const t1 = Date.now()
  const bands = ['very_low', 'low', 'medium', 'high', 'very_high', 'safe', 'fair', 'low_safety', 'unsafe']
  const levels = [1, 2, 3, 4, 5, 1, 2, 3, 5]
  // Generated set-based: commune i gets facilities around a point on a grid over the province's extent.
  await sql`
    WITH c AS (SELECT id, path, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS n FROM units WHERE id = ANY(${communes.map((c) => c.id)}::text[])),
    g AS (SELECT s, (s % (SELECT count(*) FROM c)) AS ci FROM generate_series(1, ${total}) AS s)
    INSERT INTO safety_facilities (name, name_fold, kind, unit_id, unit_path, address, address_fold, lon, lat, head_name, head_phone, token,
                                   band, band_level, assessed_at, valid_until, result_source)
    SELECT 'Cơ sở ' || g.s, 'co so ' || g.s,
           (ARRAY['hotel','market','school','factory','restaurant','supermarket','homestay','office'])[1 + g.s % 8],
           c.id, c.path, 'Số ' || g.s, 'so ' || g.s,
           103.6 + (c.i % 12) * 0.16 + ((g.s::bigint * 7919) % 1000) / 1000.0 * 0.15,
           9.7 + (c.i / 12) * 0.12 + ((g.s::bigint * 104729) % 1000) / 1000.0 * 0.11,
           'Người đứng đầu ' || g.s, '09' || lpad((g.s % 100000000)::text, 8, '0'),
           md5('token' || g.s) || md5('k' || g.s),
           CASE WHEN g.s % 10 = 0 THEN NULL ELSE (${bands}::text[])[1 + g.s % 9] END,
           CASE WHEN g.s % 10 = 0 THEN NULL ELSE (${levels}::int[])[1 + g.s % 9] END,
           CASE WHEN g.s % 10 = 0 THEN NULL ELSE now() - ((g.s % 40) || ' days')::interval END,
           CASE WHEN g.s % 10 = 0 THEN NULL ELSE (current_date + (30 - g.s % 40))::date END,
           CASE WHEN g.s % 10 = 0 THEN NULL ELSE 'self' END
    FROM g JOIN c ON c.i = g.ci`.execute(database.db)
  await refreshStatistics(database.db)
  console.log(`${total.toLocaleString('vi-VN')} cơ sở tạo trong ${((Date.now() - t1) / 1000).toFixed(1)} s trên ${communes.length} xã, phường`)

  await jobs.stop()
  await database.close()

  // The server in a process of its own, as installed (the clients below do not share its thread).
  const port = await freePort()
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'bin/phongdich.js', 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', PORT: String(port), HOST: '127.0.0.1', DEMO: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break
    } catch {}
    if (i > 600) throw new Error('the server did not start')
    await new Promise((r) => setTimeout(r, 200))
  }
  // One request of each commune first, as visitors arriving would.
  for (const c of communes) await fetch(`${base}/api/public/facilities?unit=${c.code}`)

  let seq = 0
  const box = (lon: number, lat: number, w: number) => `${(lon - w).toFixed(4)},${(lat - w).toFixed(4)},${(lon + w).toFixed(4)},${(lat + w).toFixed(4)}`
  const pickCommune = () => communes[seq++ % communes.length]!.code
  const kinds: Record<string, () => { url: string; etag?: boolean }> = {
    commune: () => ({ url: `/api/public/facilities?unit=${pickCommune()}` }),
    'commune + box': () => ({ url: `/api/public/facilities?unit=${pickCommune()}&bbox=${box(104.5 + (seq % 97) / 100, 10.2, 0.05)}` }),
    'province (clusters)': () => ({ url: '/api/public/facilities?unit=91' }),
    'province, street box': () => ({ url: `/api/public/facilities?unit=91&bbox=${box(103.7 + (seq++ % 180) / 100, 9.8 + (seq % 110) / 100, 0.01)}` }),
    'name search': () => ({ url: `/api/public/facilities?unit=91&q=${encodeURIComponent(`Cơ sở ${seq++ % 5000}`)}` }),
    'revalidate (304)': () => ({ url: `/api/public/facilities?unit=${pickCommune()}`, etag: true }),
  }
  const etags = new Map<string, string>()
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]))
  const names = process.env.BENCH_KINDS ? process.env.BENCH_KINDS.split(',').filter((k) => k in kinds) : Object.keys(kinds)
  const until = Date.now() + seconds * 1000
  let errors = 0
  let bytes = 0
  const worker = async (w: number) => {
    let i = w
    while (Date.now() < until) {
      const kind = names[i++ % names.length]!
      const { url, etag } = kinds[kind]!()
      const headers: Record<string, string> = { 'accept-encoding': 'gzip' }
      if (etag && etags.has(url)) headers['if-none-match'] = etags.get(url)!
      const start = performance.now()
      const res = await fetch(base + url, { headers })
      const body = await res.arrayBuffer()
      times[kind]!.push(performance.now() - start)
      bytes += body.byteLength
      if (res.status === 200) etags.set(url, res.headers.get('etag') ?? '')
      else if (res.status !== 304) errors++
    }
  }
  await Promise.all(Array.from({ length: clients }, (_, w) => worker(w)))
  const q = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b)
    return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0
  }
  const all = Object.values(times).flat()
  console.log(`\n${clients} máy khách đồng thời trong ${seconds} s, ${engine}, ${total.toLocaleString('vi-VN')} cơ sở:`)
  console.log(`${'loại yêu cầu'.padEnd(24)} ${'số'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`)
  for (const k of names) {
    const xs = times[k]!
    console.log(`${k.padEnd(24)} ${String(xs.length).padStart(7)} ${q(xs, 0.5).toFixed(1).padStart(8)} ${q(xs, 0.95).toFixed(1).padStart(8)} ${Math.max(...xs).toFixed(1).padStart(8)}`)
  }
  console.log(`${'tất cả'.padEnd(24)} ${String(all.length).padStart(7)} ${q(all, 0.5).toFixed(1).padStart(8)} ${q(all, 0.95).toFixed(1).padStart(8)} ${Math.max(...all).toFixed(1).padStart(8)}`)
  console.log(`${(all.length / seconds).toFixed(0)} yêu cầu/giây, ${(bytes / 1e6).toFixed(1)} MB đã nhận (nén gzip), lỗi: ${errors}; mục tiêu p95 < 150 ms: ${q(all, 0.95) < 150 ? 'ĐẠT' : 'CHƯA ĐẠT'}`)
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
  if (dropDb) await dropDb()
}

await main()
