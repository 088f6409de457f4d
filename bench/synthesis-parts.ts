/**
 * Where the synthesis Excel table's time and memory go, on a database the directives bench made
 * (BENCH_KEEP=1): the rows read from the database alone (drained), the writer alone fed the same
 * rows from memory (in this thread, and through the worker thread as the export does), and the two
 * together as the export runs them. Each part prints its seconds, the process's resident memory and
 * this thread's heap at their highest (sampled every 25 ms), the rows and the file's size.
 * Run: DATABASE_URL=postgres://…/phongdich_dirbench_10 npx tsx bench/synthesis-parts.ts [part…]
 * Parts: read, write, worker, export (all by default). USER picks the caller (default vanphong).
 */
import { Writable } from 'node:stream'
import { sql } from 'kysely'
import type { SynthesisLine } from '../src/domain/documents/render-types.ts'
import { type PackedLines, unpackLines } from '../src/server/contexts/directives/render/packedLines.ts'
import { tableOffLoop, writeSynthesis } from '../src/server/contexts/directives/exports.ts'
import { synthesis, synthesisLines } from '../src/server/contexts/directives/read.ts'
import { writeTasksXlsx } from '../src/server/contexts/directives/render/tasksXlsx.ts'
import type { Access, Ctx } from '../src/server/platform/context.ts'
import { openDatabase } from '../src/server/platform/db.ts'
import { closeUntrustedPool } from '../src/server/platform/untrusted/pool.ts'

const url = process.env.DATABASE_URL
if (!url) throw new Error('DATABASE_URL: the directives bench database')
const database = await openDatabase({ databaseUrl: url })
const username = process.env.USER_NAME ?? 'vanphong'
const user = (
  await sql<{ id: number; role: Access['role']; unitId: string; orgId: number | null; path: string; displayName: string }>`
    SELECT u.id, u.role, u.unit_id, u.org_id, un.path, u.display_name FROM users u JOIN units un ON un.id = u.unit_id WHERE u.username = ${username}`.execute(database.db)
).rows[0]!
const access: Access = { userId: user.id, username, displayName: user.displayName, role: user.role, unitId: user.unitId, unitPath: user.path, orgId: user.orgId }
const ctx: Ctx = { db: database.db, access, now: () => new Date() }
const provinceCode = user.unitId.split(':')[1] ?? '91'

const mb = (n: number) => Math.round(n / 1048576)

/** Runs `fn` sampling memory; prints the part's figures. */
async function part(name: string, fn: () => Promise<string>) {
  globalThis.gc?.()
  let rss = 0
  let heap = 0
  const timer = setInterval(() => {
    const m = process.memoryUsage()
    rss = Math.max(rss, m.rss)
    heap = Math.max(heap, m.heapTotal)
  }, 25)
  const t0 = performance.now()
  const what = await fn()
  const s = (performance.now() - t0) / 1000
  clearInterval(timer)
  console.log(`${name.padEnd(34)}${s.toFixed(2).padStart(7)} s   RSS ≤ ${String(mb(rss)).padStart(4)} MB   heapTotal ≤ ${String(mb(heap)).padStart(4)} MB   ${what}`)
}

/** A sink that counts bytes (the download's client, reading as fast as it comes). */
function sink() {
  let bytes = 0
  const out = new Writable({
    write(chunk: Buffer, _e, done) {
      bytes += chunk.length
      done()
    },
  })
  return { out, bytes: () => bytes }
}

const parts = process.argv.slice(2)
const want = (p: string) => parts.length === 0 || parts.includes(p)
let report = await synthesis(ctx, { provinceCode })
await part('report (synthesis counts)', async () => {
  report = await synthesis(ctx, { provinceCode })
  return `${report.byOrg.length} bodies`
})
console.log(`${report.totals.assignments.toLocaleString('vi')} rows expected; load ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`)

let kept: PackedLines[] = []
if (want('read') || want('write') || want('worker')) {
  await part('read (synthesisLines, drained)', async () => {
    let rows = 0
    let batches = 0
    let chars = 0
    for await (const batch of synthesisLines(ctx, {})) {
      rows += batch.rows
      for (const kind of Object.values(batch.parts)) for (const part of kind) chars += part.length
      batches++
      if (want('write') || want('worker')) kept.push(batch)
    }
    return `${rows} rows in ${batches} batches, ${mb(chars)} M characters`
  })
}
const fromMemory = async function* () {
  for (const b of kept) yield b
}
if (want('write')) {
  let lines: SynthesisLine[][] = []
  await part('unpack (here)', async () => {
    lines = kept.map(unpackLines)
    return `${lines.length} batches`
  })
  await part('write (ExcelJS here, rows in memory)', async () => {
    const s = sink()
    const rows = await writeTasksXlsx(report, (async function* () { yield* lines })(), s.out, async () => {}, Number.POSITIVE_INFINITY)
    return `${rows} rows, ${mb(s.bytes())} MB`
  })
  lines = []
}
if (want('worker')) {
  await part('write (worker, rows in memory)', async () => {
    const s = sink()
    const rows = await tableOffLoop(report, fromMemory(), s.out, async () => {})
    return `${rows} rows, ${mb(s.bytes())} MB`
  })
}
kept = []
if (want('export')) {
  await part('export (read + worker, as served)', async () => {
    const s = sink()
    const { rows } = await writeSynthesis(ctx, { format: 'xlsx', filter: {}, provinceCode }, s.out)
    return `${rows} rows, ${mb(s.bytes())} MB`
  })
}
await closeUntrustedPool()
await database.close()
