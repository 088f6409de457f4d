/**
 * How long a test file waits for its private database: a copy of the prepared one (data-dir
 * snapshot on the embedded engine, CREATE DATABASE … TEMPLATE on PostgreSQL), against building
 * one from nothing (initdb or CREATE DATABASE, migrations, reference registry) in the same process.
 * Run: npx tsx bench/test-database.ts   (with DATABASE_URL for the PostgreSQL figures)
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { loadReference } from '../src/server/contexts/units/reference.ts'
import { SYSTEM } from '../src/server/platform/context.ts'
import { type Database, openDatabase } from '../src/server/platform/db.ts'
import { migrate } from '../src/server/platform/migrate.ts'

const RUNS = 5

async function prepare(database: Database) {
  await migrate(database.db)
  await loadReference({ ctx: { db: database.db, access: SYSTEM, now: () => new Date() }, checkpoint: null, progress: async () => {} })
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now()
  const r = await fn()
  return [performance.now() - t, r]
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`

async function embedded() {
  const [buildMs, built] = await time(async () => {
    const d = await openDatabase({})
    await prepare(d)
    return d
  })
  const snapshot = await built.embedded!.dump()
  await built.close()
  const copies: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const [ms, d] = await time(async () => {
      const d = await openDatabase({ snapshot })
      await d.db.selectFrom('units').select('id').limit(1).execute()
      return d
    })
    copies.push(ms)
    await d.close()
  }
  console.log(`embedded: from nothing ${fmt(buildMs)}; from snapshot median ${fmt(median(copies))} (${copies.map(fmt).join(', ')}); ratio ${(median(copies) / buildMs).toFixed(3)}`)
}

async function server(url: string) {
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    await c.query(sql)
    await c.end()
  }
  const dbUrl = (name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString()
  const template = `bench_tpl_${randomBytes(4).toString('hex')}`
  const [buildMs] = await time(async () => {
    await admin(`CREATE DATABASE ${template}`)
    const d = await openDatabase({ databaseUrl: dbUrl(template) })
    await prepare(d)
    await d.close()
  })
  const copies: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const name = `bench_copy_${i}_${randomBytes(4).toString('hex')}`
    const [ms] = await time(async () => {
      await admin(`CREATE DATABASE ${name} TEMPLATE ${template}`)
      const d = await openDatabase({ databaseUrl: dbUrl(name) })
      await d.db.selectFrom('units').select('id').limit(1).execute()
      await d.close()
    })
    copies.push(ms)
    await admin(`DROP DATABASE ${name}`)
  }
  await admin(`DROP DATABASE ${template}`)
  console.log(`postgres: from nothing ${fmt(buildMs)}; from template median ${fmt(median(copies))} (${copies.map(fmt).join(', ')}); ratio ${(median(copies) / buildMs).toFixed(3)}`)
}

await embedded()
if (process.env.DATABASE_URL) await server(process.env.DATABASE_URL)
