import { createReadStream, createWriteStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import { Readable } from 'node:stream'
import { type Kysely, sql } from 'kysely'
import { AppError } from './errors.ts'
import type { DB } from './schema.ts'

const FORMAT = 'phongdich-backup'
const PAGE = 2000

/** Public tables in an order where every table comes after the tables it references. */
async function tablesInDependencyOrder(db: Kysely<DB>): Promise<string[]> {
  const tables = (
    await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(db)
  ).rows.map((r) => r.name)
  const deps = (
    await sql<{ child: string; parent: string }>`
      SELECT c.relname AS child, p.relname AS parent
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_class p ON p.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public'`.execute(db)
  ).rows
  const ordered: string[] = []
  const visit = (t: string, seen: Set<string>) => {
    if (ordered.includes(t) || seen.has(t)) return
    seen.add(t)
    for (const d of deps) if (d.child === t && d.parent !== t) visit(d.parent, seen)
    ordered.push(t)
  }
  for (const t of tables) visit(t, new Set())
  return ordered
}

/**
 * Writes every table as gzipped JSON lines. The format is the same for both engines, so a
 * backup of the embedded database restores into a PostgreSQL server and back.
 */
export async function backup(db: Kysely<DB>, file: string, engine: string): Promise<{ tables: number; rows: number }> {
  const tables = await tablesInDependencyOrder(db)
  let rows = 0
  async function* lines() {
    yield `${JSON.stringify({ format: FORMAT, version: 1, engine, createdAt: new Date().toISOString(), tables })}\n`
    for (const t of tables) {
      for (let offset = 0; ; offset += PAGE) {
        const page = await sql<{ r: string }>`SELECT row_to_json(x)::text AS r FROM (SELECT * FROM ${sql.table(t)} ORDER BY 1 LIMIT ${PAGE} OFFSET ${offset}) x`.execute(db)
        for (const r of page.rows) yield `{"t":${JSON.stringify(t)},"r":${r.r}}\n`
        rows += page.rows.length
        if (page.rows.length < PAGE) break
      }
    }
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file))
  return { tables: tables.length, rows }
}

/** Replaces the whole database content with a backup, in one transaction. */
export async function restore(db: Kysely<DB>, file: string): Promise<{ tables: number; rows: number }> {
  const input = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY })
  const it = input[Symbol.asyncIterator]()
  let header: { format?: string; tables?: string[] }
  try {
    const first = await it.next()
    header = JSON.parse(String(first.value ?? '{}'))
  } catch {
    throw new AppError(400, 'INVALID_BACKUP', 'Tệp sao lưu không hợp lệ.')
  }
  if (header.format !== FORMAT || !Array.isArray(header.tables)) throw new AppError(400, 'INVALID_BACKUP', 'Tệp sao lưu không phải của phongdich.')
  const tables = await tablesInDependencyOrder(db)
  let rows = 0
  await db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('phongdich.restoring', 'on', true)`.execute(tx)
    // Self-references (a unit's parent, an org's parent) are checked at commit, not row by row.
    await sql`SET CONSTRAINTS ALL DEFERRED`.execute(tx)
    await sql`TRUNCATE ${sql.join(tables.filter((t) => t !== 'schema_migrations').map((t) => sql.table(t)))} RESTART IDENTITY CASCADE`.execute(tx)
    let batch: string[] = []
    let current = ''
    const flush = async () => {
      if (batch.length === 0) return
      if (current !== 'schema_migrations') {
        await sql`INSERT INTO ${sql.table(current)} SELECT * FROM json_populate_recordset(NULL::${sql.table(current)}, ${`[${batch.join(',')}]`}::json)`.execute(tx)
      }
      rows += batch.length
      batch = []
    }
    for (;;) {
      const next = await it.next()
      if (next.done) break
      const line = String(next.value)
      if (!line) continue
      const m = /^\{"t":"([a-z_0-9]+)","r":(.*)\}$/.exec(line)
      if (!m || !tables.includes(m[1]!)) throw new AppError(400, 'INVALID_BACKUP', 'Tệp sao lưu hỏng hoặc không cùng phiên bản cơ sở dữ liệu.')
      if (m[1] !== current || batch.length >= 500) {
        await flush()
        current = m[1]!
      }
      batch.push(m[2]!)
    }
    await flush()
    // Identity sequences continue after the restored rows.
    const serials = await sql<{ t: string; c: string }>`
      SELECT table_name AS t, column_name AS c FROM information_schema.columns
      WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`.execute(tx)
    for (const s of serials.rows) {
      await sql`SELECT setval(pg_get_serial_sequence(${s.t}, ${s.c}), COALESCE((SELECT max(${sql.ref(s.c)}) FROM ${sql.table(s.t)}), 0) + 1, false)`.execute(tx)
    }
  })
  return { tables: tables.length, rows }
}
