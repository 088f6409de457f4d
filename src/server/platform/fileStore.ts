import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from './schema.ts'

// Files kept in the database (uploads, the files jobs work on) are written and read in chunks, one
// statement each, with a turn of the event loop between them: no statement carries a whole file,
// so neither engine's driver spends long on one, and the embedded engine (one connection) serves
// other requests in between.

const CHUNK = 512 * 1024
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

export interface NewFile {
  purpose: string
  fileName: string
  content: Buffer
  createdBy: number | null
  unitPath: string
  expiresAt: Date | null
}

/** Stores a file as an upload, chunk by chunk; answers its id and SHA-256. Not for use inside a transaction. */
export async function storeFile(db: Kysely<DB>, file: NewFile): Promise<{ id: number; sha256: string }> {
  const { id } = await db
    .insertInto('uploads')
    .values({ purpose: file.purpose, fileName: file.fileName, size: file.content.length, createdBy: file.createdBy, unitPath: file.unitPath, expiresAt: file.expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow()
  try {
    const hash = createHash('sha256')
    for (let seq = 0, at = 0; at < file.content.length; seq++, at += CHUNK) {
      const data = file.content.subarray(at, at + CHUNK)
      hash.update(data)
      await db.insertInto('uploadChunks').values({ uploadId: id, seq, data }).execute()
      await yieldToLoop()
    }
    const sha256 = hash.digest('hex')
    await db.updateTable('uploads').set({ sha256, complete: true }).where('id', '=', id).execute()
    return { id, sha256 }
  } catch (err) {
    await db.deleteFrom('uploads').where('id', '=', id).execute()
    throw err
  }
}

/** The content of a stored file, read chunk by chunk. */
export async function readStoredFile(db: Kysely<DB>, id: number): Promise<Buffer> {
  const parts: Buffer[] = []
  for (let seq = 0; ; seq++) {
    const row = await db.selectFrom('uploadChunks').select('data').where('uploadId', '=', id).where('seq', '=', seq).executeTakeFirst()
    if (!row) break
    parts.push(row.data)
    await yieldToLoop()
  }
  return Buffer.concat(parts)
}
