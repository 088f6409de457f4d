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
  const { content, ...meta } = file
  const { id, sha256 } = await storeStream(db, meta, [content])
  return { id, sha256 }
}

/**
 * Stores what `source` yields as an upload, in chunks as the bytes arrive (a file being written,
 * e.g. an export): memory holds one chunk. A failure of the source or the database leaves nothing.
 */
export async function storeStream(db: Kysely<DB>, meta: Omit<NewFile, 'content'>, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<{ id: number; sha256: string; size: number }> {
  const { id } = await db
    .insertInto('uploads')
    .values({ purpose: meta.purpose, fileName: meta.fileName, size: 0, createdBy: meta.createdBy, unitPath: meta.unitPath, expiresAt: meta.expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow()
  try {
    const hash = createHash('sha256')
    let seq = 0
    let size = 0
    let pending: Buffer[] = []
    let pendingBytes = 0
    const flush = async (data: Buffer) => {
      hash.update(data)
      await db.insertInto('uploadChunks').values({ uploadId: id, seq: seq++, data }).execute()
      await yieldToLoop()
    }
    for await (const piece of source) {
      pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength))
      pendingBytes += piece.byteLength
      size += piece.byteLength
      while (pendingBytes >= CHUNK) {
        const all = Buffer.concat(pending)
        await flush(all.subarray(0, CHUNK))
        pending = [all.subarray(CHUNK)]
        pendingBytes = all.length - CHUNK
      }
    }
    if (pendingBytes > 0) await flush(Buffer.concat(pending))
    const sha256 = hash.digest('hex')
    await db.updateTable('uploads').set({ sha256, size, complete: true }).where('id', '=', id).execute()
    return { id, sha256, size }
  } catch (err) {
    await db.deleteFrom('uploads').where('id', '=', id).execute()
    throw err
  }
}

/** A stored file's chunks in order, one read each, for streaming it out. */
export async function* storedChunks(db: Kysely<DB>, id: number): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const row = await db.selectFrom('uploadChunks').select('data').where('uploadId', '=', id).where('seq', '=', seq).executeTakeFirst()
    if (!row) return
    yield row.data
  }
}

/** The content of a stored file, read chunk by chunk. */
export async function readStoredFile(db: Kysely<DB>, id: number): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const data of storedChunks(db, id)) {
    parts.push(data)
    await yieldToLoop()
  }
  return Buffer.concat(parts)
}
