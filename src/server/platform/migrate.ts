import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Kysely, sql } from 'kysely'
import type { DB } from './schema.ts'
import { fillSortKeys } from './sortKeys.ts'

export const migrationsDir = fileURLToPath(new URL('../../../migrations/', import.meta.url))

/** Applies pending plain-SQL migrations in name order, each in its own transaction. */
export async function migrate(db: Kysely<DB>, dir = migrationsDir): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db)
  const done = new Set((await db.selectFrom('schemaMigrations').select('name').execute()).map((r) => r.name))
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort()
  const applied: string[] = []
  for (const file of files) {
    if (done.has(file)) continue
    const text = await readFile(path.join(dir, file), 'utf8')
    await db.transaction().execute(async (tx) => {
      await sql.raw(text).execute(tx)
      await tx.insertInto('schemaMigrations').values({ name: file }).execute()
    })
    applied.push(file)
  }
  // Derived columns computed in TypeScript for rows that predate them: only after a migration ran
  // (an ordinary start does not scan the tables; writes and restores keep the columns current).
  if (applied.length > 0) await fillSortKeys(db)
  return applied
}
