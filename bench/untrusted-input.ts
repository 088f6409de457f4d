/**
 * Does the API keep answering while hostile or huge input is refused or imported? Prints
 * /api/health latency (p50, p99, max over real HTTP, asked every 10 ms) idle and during: a .docx
 * zip bomb, a PDF flate bomb, an 8-million-row .xlsx, a 1,000,001-row CSV, a 1,000,000-row CSV
 * checked in full and refused for its duplicates, and a CSV of every province and commune valid
 * today × 201 years written (about 674,000 rows), with each figure's ratio to the idle p99.
 * Run: npx tsx bench/untrusted-input.ts   (embedded engine; with DATABASE_URL, PostgreSQL too)
 */
import pg from 'pg'
import { buildApp } from '../src/server/app.ts'
import { parseDocument } from '../src/server/contexts/directives/service.ts'
import { startPopulationImport } from '../src/server/contexts/units/imports.ts'
import { loadReference } from '../src/server/contexts/units/reference.ts'
import { createJobRunner } from '../src/server/jobs.ts'
import { type Ctx, SYSTEM } from '../src/server/platform/context.ts'
import { type Database, openDatabase } from '../src/server/platform/db.ts'
import { migrate } from '../src/server/platform/migrate.ts'
import { closeUntrustedPool } from '../src/server/platform/untrusted/pool.ts'
import { csvTable, docxBomb, pdfFlateBomb, xlsxTable } from '../src/test/hostile-files.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Figures {
  label: string
  seconds: number
  samples: number
  p50: number
  p99: number
  max: number
  outcome: string
}

function summarise(label: string, seconds: number, lat: number[], outcome: string): Figures {
  const s = [...lat].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? 0
  return { label, seconds, samples: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? 0, outcome }
}

async function measure(url: string, label: string, work: () => Promise<string>): Promise<Figures> {
  const lat: number[] = []
  let done = false
  const poll = (async () => {
    while (!done) {
      const t = performance.now()
      const res = await fetch(`${url}/api/health`)
      await res.arrayBuffer()
      lat.push(performance.now() - t)
      await sleep(10)
    }
  })()
  const t0 = performance.now()
  let outcome: string
  try {
    outcome = await work()
  } catch (err) {
    outcome = `${(err as { code?: string }).code ?? 'error'}: ${(err as Error).message.slice(0, 70)}`
  }
  const seconds = (performance.now() - t0) / 1000
  done = true
  await poll
  return summarise(label, seconds, lat, outcome)
}

async function run(engine: string, database: Database) {
  await migrate(database.db)
  await loadReference({ ctx: { db: database.db, access: SYSTEM, now: () => new Date() }, checkpoint: null, progress: async () => {} })
  const ctx: Ctx = { db: database.db, access: SYSTEM, now: () => new Date() }
  const jobs = createJobRunner(database.db)
  const app = await buildApp({ db: database.db, engine: database.engine, now: () => new Date(), jobs, provinceCode: '91', version: 'bench' })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const units = (await database.db.selectFrom('units').select('code').where('validTo', 'is', null).where('level', 'in', ['province', 'commune']).execute()).map((u) => u.code)

  const importJob = async (fileName: string, content: Buffer) => {
    const job = await startPopulationImport(ctx, fileName, content)
    await jobs.drain()
    const row = await database.db.selectFrom('jobs').select(['status', 'error', 'result']).where('id', '=', job.id).executeTakeFirstOrThrow()
    return row.status === 'done' ? `done ${JSON.stringify(row.result)}` : `${row.status}: ${String(row.error).slice(0, 70)}`
  }
  const idle = await measure(url, 'idle (3 s)', async () => {
    await sleep(3000)
    return 'ok'
  })
  const docx = await docxBomb(300 * 1024 * 1024)
  const pdf = pdfFlateBomb(200 * 1024 * 1024)
  const xlsx = await xlsxTable(8_000_000, () => ['30742', 1, 2020], { sameRow: true })
  const over = csvTable(1_000_001, (i) => [units[i % units.length]!, 1, 1900 + (i % 201)])
  // A million rows, more than there are (unit, year) pairs: checked in full, refused for its duplicates.
  const refused = csvTable(1_000_000, (i) => [units[i % units.length]!, 1, 1900 + (Math.floor(i / units.length) % 201)])
  const valid = csvTable(units.length * 201, (i) => [units[i % units.length]!, 1000 + (i % 9000), 1900 + Math.floor(i / units.length)])
  const results = [
    idle,
    await measure(url, `.docx bomb (${Math.round(docx.length / 1024)} KB → 300 MB)`, async () => {
      await parseDocument(ctx, { file: { fileName: 'bom.docx', content: docx } })
      return 'parsed'
    }),
    await measure(url, `PDF flate bomb (${Math.round(pdf.length / 1024)} KB → 200 MB)`, async () => {
      await parseDocument(ctx, { file: { fileName: 'bom.pdf', content: pdf } })
      return 'parsed'
    }),
    await measure(url, `8M-row .xlsx (${(xlsx.length / 1e6).toFixed(1)} MB)`, () => importJob('bom.xlsx', xlsx)),
    await measure(url, `1,000,001-row CSV (${(over.length / 1e6).toFixed(1)} MB)`, () => importJob('over.csv', over)),
    await measure(url, `1,000,000-row CSV, duplicates (${(refused.length / 1e6).toFixed(1)} MB)`, () => importJob('refused.csv', refused)),
    await measure(url, `${valid.length > 0 ? (units.length * 201).toLocaleString('en') : 0}-row CSV written (${(valid.length / 1e6).toFixed(1)} MB)`, () => importJob('valid.csv', valid)),
  ]
  console.log(`\n${engine}: /api/health while untrusted input is handled (ms; ratio = p99 / idle p99)`)
  console.log('scenario'.padEnd(46), 'secs'.padStart(6), 'n'.padStart(5), 'p50'.padStart(7), 'p99'.padStart(7), 'max'.padStart(7), 'ratio'.padStart(6), ' outcome')
  for (const r of results) {
    console.log(
      r.label.padEnd(46),
      r.seconds.toFixed(1).padStart(6),
      String(r.samples).padStart(5),
      r.p50.toFixed(1).padStart(7),
      r.p99.toFixed(1).padStart(7),
      r.max.toFixed(1).padStart(7),
      (r.p99 / idle.p99).toFixed(1).padStart(6),
      '',
      r.outcome,
    )
  }
  console.log(`peak RSS of this process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
  await app.close()
  await jobs.stop()
}

await run('embedded (PGlite)', await openDatabase({}))
if (process.env.DATABASE_URL) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await admin.connect()
  await admin.query('DROP DATABASE IF EXISTS phongdich_bench_untrusted WITH (FORCE)')
  await admin.query('CREATE DATABASE phongdich_bench_untrusted')
  const url = new URL(process.env.DATABASE_URL)
  url.pathname = '/phongdich_bench_untrusted'
  const database = await openDatabase({ databaseUrl: url.toString() })
  await run('PostgreSQL', database)
  await database.close()
  await admin.query('DROP DATABASE phongdich_bench_untrusted WITH (FORCE)')
  await admin.end()
}
await closeUntrustedPool()
