import type { Kysely } from 'kysely'
import type { DB } from '../../platform/schema.ts'
import { createNameIndex, nameIndexPresent } from './repo.ts'

/**
 * Makes sure name search is served by the trigram index on folded names. The migration creates it
 * where pg_trgm exists; a server that gained the extension later gets it here. Where the extension
 * cannot be created, search falls back to a plain LIKE scan: answers the line to log then, never
 * throws (start-up goes on either way).
 */
export async function ensureNameSearchIndex(db: Kysely<DB>): Promise<'indexed' | string> {
  try {
    if (await nameIndexPresent(db)) return 'indexed'
    await createNameIndex(db)
    return 'indexed'
  } catch (err) {
    return `Tìm người theo tên: không có tiện ích pg_trgm (${(err as Error).message}); dùng tìm kiếm LIKE thông thường, chậm hơn khi sổ lớn.`
  }
}
