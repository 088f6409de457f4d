import { PGlite } from '@electric-sql/pglite'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { DB } from './schema.ts'

export type Engine = 'embedded' | 'postgres'

export interface Database {
  db: Kysely<DB>
  engine: Engine
  /** Present on the embedded engine only; used for snapshots. */
  pglite?: PGlite
  close(): Promise<void>
}

// Bigint and numeric come back as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v))
pg.types.setTypeParser(1700, (v) => Number(v))
// Dates stay ISO strings (yyyy-mm-dd): no timezone shifts for valid-from/valid-to.
pg.types.setTypeParser(1082, (v) => v)

export interface OpenOptions {
  databaseUrl?: string | undefined
  dataDir?: string
  /** A tarball from `dumpDataDir` to start the embedded engine from (tests). */
  snapshot?: Blob
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 })
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] })
    return {
      db,
      engine: 'postgres',
      close: () => db.destroy(),
    }
  }
  const pglite = opts.snapshot
    ? await PGlite.create({ loadDataDir: opts.snapshot })
    : await PGlite.create(opts.dataDir ?? 'memory://')
  const pool = new pg.Pool(createPgConfig(pglite) as pg.PoolConfig)
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] })
  return {
    db,
    engine: 'embedded',
    pglite,
    close: async () => {
      await db.destroy()
      await pglite.close()
    },
  }
}
