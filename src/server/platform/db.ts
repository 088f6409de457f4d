import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CamelCasePlugin, Kysely, type KyselyPlugin, PostgresDialect, type PluginTransformQueryArgs, type PluginTransformResultArgs, sql } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { type ChangeChannel, type ChangeFeed, serverFeed, sessionFeed } from './changes.ts'
import { EmbeddedEngine } from './embedded/engine.ts'
import { AppError } from './errors.ts'
import type { DB } from './schema.ts'

export type Engine = 'embedded' | 'postgres'

export interface Database {
  db: Kysely<DB>
  engine: Engine
  /** Present on the embedded engine only: snapshots, and statements run by the engine itself. */
  embedded?: EmbeddedEngine
  close(): Promise<void>
}

// Bigint and numeric come back as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v))
pg.types.setTypeParser(1700, (v) => Number(v))
// Dates stay ISO strings (yyyy-mm-dd): no timezone shifts for valid-from/valid-to.
pg.types.setTypeParser(1082, (v) => v)

/**
 * The embedded engine is single-process: a second process opening the same directory would
 * corrupt it. A lock file holding the owner's pid refuses that, and is taken over when stale.
 */
function lockDataDir(dir: string): () => void {
  const file = path.join(dir, '.phongdich.lock')
  mkdirSync(dir, { recursive: true })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' })
      return () => rmSync(file, { force: true })
    } catch {
      const owner = Number(readFileSync(file, 'utf8'))
      if (owner && alive(owner)) {
        throw new AppError(
          409,
          'DATABASE_IN_USE',
          `Cơ sở dữ liệu ${dir} đang được tiến trình ${owner} sử dụng (máy chủ đang chạy?). Hãy dừng tiến trình đó, hoặc dùng PostgreSQL (DATABASE_URL) để nhiều tiến trình cùng truy cập.`,
        )
      }
      rmSync(file, { force: true })
    }
  }
  throw new AppError(409, 'DATABASE_IN_USE', `Không khóa được cơ sở dữ liệu ${dir}.`)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export interface OpenOptions {
  databaseUrl?: string | undefined
  dataDir?: string
  /** A tarball from `dumpDataDir` to start the embedded engine from (tests). */
  snapshot?: Blob
}

/**
 * Extensions the embedded engine bundles and loads: trigram matching for name search (the engine's
 * thread, embedded/worker.mjs, loads the same for the server).
 */
export const PGLITE_EXTENSIONS = { pg_trgm }

/**
 * Connections the server holds to the embedded engine: statements of that many requests wait at the
 * engine's thread, so it goes from one to the next without a round trip to the event loop between.
 */
const EMBEDDED_CONNECTIONS = 8

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 })
    // An idle connection closed by the server (restart, failover, an administrator) is dropped from
    // the pool and replaced on next use; without this listener it would bring the process down.
    pool.on('error', (err) => process.stderr.write(`PostgreSQL: kết nối rảnh bị đóng (${err.message}); sẽ mở kết nối mới khi cần.\n`))
    // The pool's clients by server process, for what needs the client a transaction holds (COPY).
    const clients = new Map<number, pg.PoolClient>()
    pool.on('connect', (client) => clients.set((client as unknown as { processID: number }).processID, client))
    pool.on('remove', (client) => clients.delete((client as unknown as { processID: number }).processID))
    const copy: Copier = async (tx, target, data) => {
      const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(tx)
      const client = clients.get(Number(rows[0]!.pid))
      if (!client) throw new Error('COPY: the connection of this transaction is not in the pool')
      const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`))
      await pipeline(Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]), stream)
      return stream.rowCount
    }
    const feed = serverFeed(opts.databaseUrl)
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin(), new EngineLink(copy, feed)] })
    return {
      db,
      engine: 'postgres',
      close: async () => {
        await feed.close()
        await db.destroy()
      },
    }
  }
  const release = opts.dataDir ? lockDataDir(opts.dataDir) : () => {}
  let engine: EmbeddedEngine
  try {
    engine = await EmbeddedEngine.start({ dataDir: opts.dataDir, snapshot: opts.snapshot })
  } catch (err) {
    release()
    throw err
  }
  // Connections to the engine's one session (see embedded/worker.mjs), kept for the engine's life.
  const pool = new pg.Pool({ max: EMBEDDED_CONNECTIONS, idleTimeoutMillis: 0, user: 'postgres', database: 'postgres', stream: () => engine.stream() } as pg.PoolConfig)
  pool.on('error', (err) => process.stderr.write(`Cơ sở dữ liệu nhúng: ${err.message}\n`))
  // PGlite runs the statement in its session, inside the transaction of the connection holding it.
  const copy: Copier = async (_tx, target, data) => engine.query(`COPY ${target} FROM '/dev/blob'`, data)
  const feed = await sessionFeed(pool)
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin(), new EngineLink(copy, feed)] })
  return {
    db,
    engine: 'embedded',
    embedded: engine,
    close: async () => {
      await feed.close()
      await db.destroy()
      await engine.close()
      release()
    },
  }
}

type Copier = (tx: Kysely<DB>, target: string, data: Uint8Array) => Promise<number>

/** Carries the engine's bulk load and change feed to every Kysely made from the database (transactions included); changes no query. */
class EngineLink implements KyselyPlugin {
  constructor(
    readonly copy: Copier,
    readonly feed: ChangeFeed,
  ) {}
  transformQuery(args: PluginTransformQueryArgs) {
    return args.node
  }
  async transformResult(args: PluginTransformResultArgs) {
    return args.result
  }
}

/**
 * Loads rows written in COPY's text format (tab-separated, \N for null, one row a line) into
 * `target`, a table and its columns ("t (a, b)"), within the transaction `tx`: COPY … FROM STDIN
 * on a server, COPY … FROM '/dev/blob' on the embedded engine. Answers the rows loaded. `target`
 * is SQL: never built from input.
 */
export async function copyRows(tx: Kysely<DB>, target: string, data: Uint8Array): Promise<number> {
  if (!tx.isTransaction) throw new Error('copyRows: inside a transaction only')
  const link = tx.getExecutor().plugins.find((p): p is EngineLink => p instanceof EngineLink)
  if (!link) throw new Error('copyRows: not a database opened by openDatabase')
  return link.copy(tx, target, data)
}

/**
 * Fresh planner statistics for every table, after a bulk load (reference data, the demo, a large
 * import). PostgreSQL's autovacuum would get there later; the embedded engine has none.
 */
export async function refreshStatistics(db: Kysely<DB>): Promise<void> {
  await sql`ANALYZE`.execute(db)
}

/**
 * The version of channels' committed changes (src/server/platform/changes.ts), for answers read
 * from those channels' tables only: unlike the write position, writes elsewhere leave it alone.
 */
export async function changeVersion(db: Kysely<DB>, ...channels: [ChangeChannel, ...ChangeChannel[]]): Promise<string | null> {
  const link = db.getExecutor().plugins.find((p): p is EngineLink => p instanceof EngineLink)
  if (!link) return null
  const versions = await Promise.all(channels.map((c) => link.feed.version(c)))
  return versions.includes(null) ? null : versions.join(' ')
}

/**
 * The database's write-ahead log position: it moves with every write that commits (to any table),
 * so an answer computed after reading position P is still true while the position is P. Null where
 * it cannot be read (a standby), and then nothing is reused.
 */
export async function writePosition(db: Kysely<DB>): Promise<string | null> {
  try {
    return (await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`.execute(db)).rows[0]?.lsn ?? null
  } catch {
    return null
  }
}
