/**
 * Import of test results at a million rows, against the fastest load the engine has.
 *
 * Generates, deterministically, BENCH_ROWS results (default 1,000,000) for BENCH_ROWS / 10 people
 * known by reference (ten samples each, on different days), written as the CSV file a laboratory
 * would send (ref, sample_date, result_date, method, result, pool_id, lab, ct) and, beside it, the
 * same rows already resolved to the tests table's columns. Both files are written by a child
 * process, so that what their writing leaves in memory is not counted as the import's. Then, in
 * the same run:
 * - the importer: the CSV stored as an upload and run as the import job (parsed in the worker
 *   thread, each batch loaded by COPY into a staging table and written by one statement that
 *   finds the people by reference, the audit off), timed from the job's start to its end; it runs
 *   first, so that this process holds before it what a server would (the baselines' COPY on the
 *   embedded engine grows the database's memory in this process for good);
 * - the baselines, the table emptied again: the resolved rows loaded into the tests table itself
 *   (its foreign keys and row triggers, row auditing off as in the import, rolled back) by
 *   `psql \copy` on PostgreSQL, or by COPY … FROM '/dev/blob' on the embedded engine (PGlite's
 *   COPY from a blob): the target is half this rate; and, for scale, the same into a scratch copy
 *   of the table (LIKE tests INCLUDING ALL: the same columns, checks and indexes, but neither the
 *   foreign keys nor the row triggers).
 * It prints rows per second of each, the importer's ratio to both baselines (target ≥ 0.5 of COPY
 * into the same table) and the resident memory of this process, the server side of the import:
 * before the import, at its peak (sampled every 20 ms; target < 500 MB) and what the import added
 * (the parsing worker thread included; on the embedded engine the database itself lives in a
 * thread of this process and is counted too).
 *
 * Without DATABASE_URL: the embedded engine in a temporary directory. With it: a database of its
 * own on that server, dropped afterwards. Run: npm run bench:surveillance-import (BENCH_ROWS=100000
 * for a quick run).
 */
import { execFile, fork } from 'node:child_process'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import { getJob } from '../src/server/contexts/jobs/service.ts'
import { queueFileImport } from '../src/server/contexts/surveillance/imports/service.ts'
import { createJobRunner } from '../src/server/jobs.ts'
import type { Config } from '../src/server/platform/config.ts'
import { type Ctx, SYSTEM } from '../src/server/platform/context.ts'
import { closeUntrustedPool } from '../src/server/platform/untrusted/pool.ts'
import { openConfigured, queueFirstRun } from '../src/server/start.ts'

const serverUrl = process.env.DATABASE_URL
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000)
const people = Math.max(1, Math.round(rows / 10))
const SOURCE = 'bench-lab'
const LABS = ['CDC An Giang', 'Bệnh viện Đa khoa Kiên Giang', 'Trạm Y tế Rạch Giá', 'Phòng xét nghiệm Phú Quốc']

const day = (base: string, plus: number) => new Date(Date.parse(`${base}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10)
const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

/** Writes lines to a file with backpressure: memory holds a block, whatever the count. */
async function writeLines(file: string, count: number, line: (i: number) => string, head = ''): Promise<void> {
  const out = createWriteStream(file)
  if (head) out.write(head)
  let block = ''
  for (let i = 0; i < count; i++) {
    block += line(i)
    if (block.length > 1 << 20) {
      if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      block = ''
    }
  }
  out.end(block)
  await new Promise<void>((resolve, reject) => out.once('finish', () => resolve()).once('error', reject))
}

/**
 * The child process: writes the laboratory's file and the resolved rows for `count` results of
 * `peopleCount` people, person p living in communes[p % communes.length].
 */
async function generate(dir: string, count: number, peopleCount: number, communes: string[]): Promise<void> {
  const row = (i: number) => {
    const person = 1 + (i % peopleCount)
    const sample = day('2021-07-01', Math.floor(i / peopleCount) * 3 + (person % 3))
    const positive = (i * 2654435761) % 97 < 4
    const method = (Math.floor(i / peopleCount) + person) % 4 === 0 ? 'antigen' : 'pcr'
    const ct = positive && method === 'pcr' ? (15 + ((i * 7) % 200) / 10).toFixed(1) : ''
    return { person, sample, result: day(sample, 1), method, positive, ct, lab: LABS[person % LABS.length]! }
  }
  await writeLines(
    path.join(dir, 'ket-qua.csv'),
    count,
    (i) => {
      const r = row(i)
      return `XN${String(r.person).padStart(7, '0')},${vn(r.sample)},${vn(r.result)},${r.method === 'pcr' ? 'RT-PCR' : 'test nhanh'},${r.positive ? 'dương tính' : 'âm tính'},,${r.lab},${r.ct ? `"${r.ct.replace('.', ',')}"` : ''}\n`
    },
    'Mã tham chiếu,Ngày lấy mẫu,Ngày có kết quả,Phương pháp,Kết quả,Mã mẫu gộp,Phòng xét nghiệm,Ct\n',
  )
  await writeLines(path.join(dir, 'ket-qua-resolved.csv'), count, (i) => {
    const r = row(i)
    return `${r.person},${communes[r.person % communes.length]},${r.method},resulted,${r.sample},${r.result},${r.positive ? 'positive' : 'negative'},${r.ct},${r.lab}\n`
  })
}

/** Runs generate() in a child process of this script. */
async function generateApart(dir: string, communes: string[]): Promise<void> {
  const list = path.join(dir, 'communes.json')
  await writeFile(list, JSON.stringify(communes))
  const child = fork(fileURLToPath(import.meta.url), ['generate', dir, String(rows), String(people), list], { stdio: 'inherit' })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`generation failed (${code})`)
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), 'phongdich-importbench-'))
  const dbName = `phongdich_importbench_${process.pid}`
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: serverUrl })
    await c.connect()
    try {
      await c.query(q)
    } finally {
      await c.end()
    }
  }
  let databaseUrl: string | undefined
  if (serverUrl) {
    await admin(`CREATE DATABASE ${dbName}`)
    const url = new URL(serverUrl)
    url.pathname = `/${dbName}`
    databaseUrl = url.toString()
  }
  const engine = serverUrl ? 'PostgreSQL' : 'embedded (PGlite)'
  const database = await openConfigured({ databaseUrl, dataDir: path.join(dir, 'data') } as Config)
  const db = database.db
  const ctx: Ctx = { db, access: SYSTEM, now: () => new Date() }
  try {
    console.error(`${engine}: loading the unit registry`)
    await queueFirstRun(ctx, false)
    await createJobRunner(db).drain()

    // People known by reference in the laboratory's source, spread over the demo province's communes.
    console.error(`${engine}: ${people.toLocaleString('vi-VN')} people`)
    let communes: string[] = []
    await db.transaction().execute(async (tx) => {
      await sql`SET LOCAL phongdich.bulk = 'on'`.execute(tx)
      await sql`CREATE TEMP TABLE bench_communes ON COMMIT DROP AS
        SELECT (row_number() OVER (ORDER BY id) - 1)::int AS n, id, path FROM units WHERE path LIKE '/2025:91/%' AND level = 'commune' AND valid_to IS NULL`.execute(tx)
      await sql`
        INSERT INTO people (id, full_name, name_fold, name_sort, birth_year, sex, unit_id, unit_path)
        SELECT i, 'Người Thử ' || i, 'nguoi thu ' || i, 'nguoi thu ' || i, 1940 + i % 80, CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END, c.id, c.path
          FROM generate_series(1, ${people}::int) AS i JOIN bench_communes c ON c.n = i % (SELECT count(*) FROM bench_communes)`.execute(tx)
      await sql`SELECT setval(pg_get_serial_sequence('people', 'id'), ${people}::bigint)`.execute(tx)
      await sql`INSERT INTO person_refs (source, ref, person_id) SELECT ${SOURCE}, 'XN' || lpad(i::text, 7, '0'), i FROM generate_series(1, ${people}::int) AS i`.execute(tx)
      communes = (await sql<{ path: string }>`SELECT path FROM bench_communes ORDER BY n`.execute(tx)).rows.map((r) => r.path)
    })
    await sql`ANALYZE people, person_refs`.execute(db)

    // The same rows twice, written by a child process: as the laboratory's file, and resolved to the table's columns.
    const csv = path.join(dir, 'ket-qua.csv')
    const resolved = path.join(dir, 'ket-qua-resolved.csv')
    console.error(`${engine}: writing ${rows.toLocaleString('vi-VN')} rows`)
    await generateApart(dir, communes)

    // The importer first, as a job (the stored file read, checked and written by the import), so
    // that the memory of this process before it is what a server holds, not what the baselines
    // below leave (on the embedded engine, their COPY grows the database's own memory for good).
    // What the preparation left behind is collected first (the script runs with --expose-gc).
    const jobId = await queueFileImport(ctx, { kind: 'tests', fileName: 'ket-qua.csv', content: createReadStream(csv), source: SOURCE })
    ;(globalThis as { gc?: () => void }).gc?.()
    const before = process.memoryUsage().rss
    let peak = before
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }, 20)
    const t0 = performance.now()
    await createJobRunner(db).drain()
    const importMs = performance.now() - t0
    clearInterval(sampler)
    peak = Math.max(peak, process.memoryUsage().rss)
    const job = await getJob(ctx, jobId)
    if (job.status !== 'done') throw new Error(`import: ${job.status} ${job.error}`)
    const result = job.result as { inserted: number; updated: number; rejected: number }
    // Back to the empty table the import found, for the baseline into the table itself (the bench's
    // registry holds no case that a cascade could reach).
    await sql`TRUNCATE tests CASCADE`.execute(db)

    // Baselines: COPY into a scratch copy of the table (its columns, checks and indexes), and COPY
    // into the table itself (its foreign keys and row triggers too; row auditing off; rolled back).
    console.error(`${engine}: the baselines`)
    await sql`CREATE TABLE bench_tests_copy (LIKE tests INCLUDING ALL)`.execute(db)
    const columns = '(person_id, unit_path, method, status, sample_date, result_date, result, ct, lab)'
    const copyInto = async (table: string, inTransaction: boolean): Promise<number> => {
      const copy = `COPY ${table} ${columns} FROM STDIN WITH (FORMAT csv)`
      if (databaseUrl) {
        const around = inTransaction ? ['-c', 'BEGIN', '-c', "SET LOCAL phongdich.bulk = 'on'"] : []
        const t0 = performance.now()
        await promisify(execFile)('psql', [databaseUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1', ...around, '-c', `\\copy ${table} ${columns} FROM '${resolved}' WITH (FORMAT csv)`, ...(inTransaction ? ['-c', 'ROLLBACK'] : [])])
        return performance.now() - t0
      }
      const engine = database.embedded!
      const data = new Uint8Array(await readFile(resolved))
      if (inTransaction) for (const s of ['BEGIN', "SET LOCAL phongdich.bulk = 'on'"]) await engine.query(s)
      const t0 = performance.now()
      await engine.query(copy.replace('STDIN', "'/dev/blob'"), data)
      const ms = performance.now() - t0
      if (inTransaction) await engine.query('ROLLBACK')
      return ms
    }
    const copyMs = await copyInto('bench_tests_copy', false)
    const copied = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM bench_tests_copy`.execute(db)).rows[0]!.n)
    await sql`DROP TABLE bench_tests_copy`.execute(db)
    const tableMs = await copyInto('tests', true)
    const baseline = databaseUrl ? 'psql \\copy' : "COPY … FROM '/dev/blob'"

    const copyRate = copied / (copyMs / 1000)
    const tableRate = copied / (tableMs / 1000)
    const importRate = result.inserted / (importMs / 1000)
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`
    console.log(`\nImport of test results, ${engine}, ${rows.toLocaleString('vi-VN')} rows, ${people.toLocaleString('vi-VN')} people`)
    console.log(`baseline, ${baseline} into tests itself (its foreign keys and row triggers; audit off; rolled back): ${(tableMs / 1000).toFixed(1)} s = ${Math.round(tableRate).toLocaleString('vi-VN')} rows/s`)
    console.log(`  the same into a scratch copy (LIKE tests INCLUDING ALL): ${(copyMs / 1000).toFixed(1)} s = ${Math.round(copyRate).toLocaleString('vi-VN')} rows/s`)
    console.log(`importer (a job, from the CSV file): ${result.inserted.toLocaleString('vi-VN')} inserted, ${result.rejected} rejected in ${(importMs / 1000).toFixed(1)} s = ${Math.round(importRate).toLocaleString('vi-VN')} rows/s`)
    console.log(`ratio importer / COPY into tests itself: ${(importRate / tableRate).toFixed(2)} (target ≥ 0.50); importer / COPY into the scratch copy: ${(importRate / copyRate).toFixed(2)}`)
    console.log(
      `resident memory of this process: ${mb(before)} before the import, ${mb(peak)} at its peak (target < 500 MB), so ${mb(peak - before)} added by the import${databaseUrl ? '' : ' (the embedded database lives in this process)'}`,
    )
  } finally {
    await closeUntrustedPool()
    await database.close()
    if (serverUrl) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await rm(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === 'generate') {
  const [dir, count, peopleCount, list] = process.argv.slice(3) as [string, string, string, string]
  await generate(dir, Number(count), Number(peopleCount), JSON.parse(await readFile(list, 'utf8')) as string[])
} else await main()
