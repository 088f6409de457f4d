import { type Kysely, sql } from 'kysely'
import { vietnameseSortKey } from '../../domain/text/sortKey.ts'
import type { DB } from './schema.ts'

/** The name column each table's `name_sort` is computed from. */
const SORTED = { units: 'name', orgs: 'name', people: 'full_name', users: 'display_name' } as const

/**
 * Computes the missing Vietnamese sort keys (rows written before migration 0009, or restored from
 * an older backup). Row auditing is off for it: the key is derived data, not a change of the row.
 */
export async function fillSortKeys(db: Kysely<DB>): Promise<number> {
  let filled = 0
  for (const [table, column] of Object.entries(SORTED)) {
    for (;;) {
      const rows = await sql<{ id: string; name: string }>`
        SELECT id::text AS id, ${sql.ref(column)} AS name FROM ${sql.table(table)} WHERE name_sort IS NULL LIMIT 2000`.execute(db)
      if (rows.rows.length === 0) break
      const values = sql.join(rows.rows.map((r) => sql`(${r.id}, ${vietnameseSortKey(r.name)})`))
      const write = async (tx: Kysely<DB>) => {
        const was = await sql<{ v: string | null }>`SELECT current_setting('phongdich.bulk', true) AS v`.execute(tx)
        await sql`SELECT set_config('phongdich.bulk', 'on', true)`.execute(tx)
        await sql`UPDATE ${sql.table(table)} AS t SET name_sort = v.k FROM (VALUES ${values}) AS v(id, k) WHERE t.id::text = v.id`.execute(tx)
        await sql`SELECT set_config('phongdich.bulk', ${was.rows[0]?.v ?? ''}, true)`.execute(tx)
      }
      if (db.isTransaction) await write(db)
      else await db.transaction().execute(write)
      filled += rows.rows.length
    }
  }
  await fillPersonNames(db)
  return filled
}

/**
 * The dictionary of people's names (migration 0014) for rows written without its trigger: before
 * the migration, by a bulk load or a restore. Set-based; names already there are left alone.
 */
export async function fillPersonNames(db: Kysely<DB>): Promise<void> {
  await sql`INSERT INTO person_names (full_name, name_fold, name_sort)
    SELECT DISTINCT ON (full_name) full_name, name_fold, name_sort FROM people WHERE name_sort IS NOT NULL
    ON CONFLICT (full_name) DO NOTHING`.execute(db)
}
