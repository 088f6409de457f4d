import { createCipheriv, createDecipheriv, createHash, type Hash, randomBytes, scrypt } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { open, rename, unlink } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { StringDecoder } from 'node:string_decoder'
import { promisify } from 'node:util'
import { createGunzip, createGzip } from 'node:zlib'
import { type Kysely, sql } from 'kysely'
import { AppError } from './errors.ts'
import type { DB } from './schema.ts'
import { fillSortKeys } from './sortKeys.ts'

const FORMAT = 'phongdich-backup'
const PAGE = 2000
/** Tables a restore leaves as they are: the migrations applied, and the append-only audit trail. */
const KEPT = ['schema_migrations', 'audit_log']

/**
 * Encrypted backups: `MAGIC`, a version byte, the scrypt cost (log2 N, r, p, one byte each), a
 * 16-byte salt and a 12-byte nonce, then the gzipped backup encrypted with AES-256-GCM (the header
 * is its additional authenticated data), then the 16-byte authentication tag.
 */
const MAGIC = Buffer.from('PDICHENC', 'latin1')
const ENCRYPTED_VERSION = 1
const HEADER_LENGTH = MAGIC.length + 4 + 16 + 12
const TAG_LENGTH = 16
const SCRYPT = { log2N: 17, r: 8, p: 1 }
const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>

const decryptFailed = () => new AppError(400, 'BACKUP_DECRYPT_FAILED', 'Sai mật khẩu hoặc tệp sao lưu bị sửa đổi.')
const corrupt = () => new AppError(400, 'INVALID_BACKUP', 'Tệp sao lưu hỏng hoặc không cùng phiên bản cơ sở dữ liệu.')

function deriveKey(passphrase: string, salt: Buffer, cost: { log2N: number; r: number; p: number }): Promise<Buffer> {
  const N = 2 ** cost.log2N
  // Passphrases typed with Vietnamese diacritics may arrive composed or decomposed.
  return scryptAsync(passphrase.normalize('NFC'), salt, 32, { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r + 1024 * 1024 })
}

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
 * backup of the embedded database restores into a PostgreSQL server and back. With a passphrase
 * the gzipped stream is encrypted (AES-256-GCM, key from scrypt). The file is written under a
 * temporary name in the same folder and renamed when complete; both are created readable and
 * writable by their owner only.
 */
export async function backup(
  db: Kysely<DB>,
  file: string,
  engine: string,
  options: { passphrase?: string | undefined } = {},
): Promise<{ tables: number; rows: number; encrypted: boolean }> {
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
  const encrypt = options.passphrase === undefined ? passThrough : await encryptor(options.passphrase)
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await pipeline(Readable.from(lines()), createGzip(), encrypt, createWriteStream(temporary, { flags: 'wx', mode: 0o600 }))
    await rename(temporary, file)
  } catch (err) {
    await unlink(temporary).catch(() => {})
    throw err
  }
  return { tables: tables.length, rows, encrypted: options.passphrase !== undefined }
}

async function* passThrough(source: AsyncIterable<Buffer>) {
  yield* source
}

async function encryptor(passphrase: string) {
  const salt = randomBytes(16)
  const nonce = randomBytes(12)
  const header = Buffer.concat([MAGIC, Buffer.from([ENCRYPTED_VERSION, SCRYPT.log2N, SCRYPT.r, SCRYPT.p]), salt, nonce])
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt, SCRYPT), nonce)
  cipher.setAAD(header)
  return async function* encrypt(source: AsyncIterable<Buffer>) {
    yield header
    for await (const chunk of source) yield cipher.update(chunk)
    yield cipher.final()
    yield cipher.getAuthTag()
  }
}

interface EncryptedHeader {
  header: Buffer
  salt: Buffer
  nonce: Buffer
  cost: { log2N: number; r: number; p: number }
}

/** The encryption header of `file`, or null when it is a plain (gzipped) backup. */
async function readEncryptedHeader(file: string): Promise<EncryptedHeader | null> {
  const handle = await open(file, 'r')
  try {
    const header = Buffer.alloc(HEADER_LENGTH)
    const { bytesRead } = await handle.read(header, 0, HEADER_LENGTH, 0)
    if (bytesRead < MAGIC.length || !header.subarray(0, MAGIC.length).equals(MAGIC)) return null
    if (bytesRead < HEADER_LENGTH) throw decryptFailed()
    const [version, log2N, r, p] = header.subarray(MAGIC.length, MAGIC.length + 4)
    if (version !== ENCRYPTED_VERSION) {
      throw new AppError(400, 'INVALID_BACKUP', 'Tệp sao lưu được mã hóa theo một phiên bản không được hỗ trợ.')
    }
    // A changed header changes the key, so the tag check refuses it; bounds only keep scrypt sane.
    if (log2N! < 14 || log2N! > 20 || r! < 1 || r! > 32 || p! < 1 || p! > 16) throw decryptFailed()
    const at = MAGIC.length + 4
    return { header, salt: header.subarray(at, at + 16), nonce: header.subarray(at + 16, at + 28), cost: { log2N: log2N!, r: r!, p: p! } }
  } finally {
    await handle.close()
  }
}

/** True when `file` is a backup encrypted with a passphrase. */
export async function isEncryptedBackup(file: string): Promise<boolean> {
  return (await readEncryptedHeader(file)) !== null
}

/**
 * Decrypts an encrypted backup read from its first byte: skips the header, holds back the
 * trailing tag, and checks it at the end (a wrong key or any changed byte fails there).
 */
function decryptor(enc: EncryptedHeader, key: Buffer) {
  return async function* decrypt(source: AsyncIterable<Buffer>) {
    const decipher = createDecipheriv('aes-256-gcm', key, enc.nonce)
    decipher.setAAD(enc.header)
    let skip = HEADER_LENGTH
    let tail = Buffer.alloc(0)
    for await (const chunk of source) {
      let data = chunk
      if (skip > 0) {
        const n = Math.min(skip, data.length)
        data = data.subarray(n)
        skip -= n
      }
      tail = Buffer.concat([tail, data])
      if (tail.length > TAG_LENGTH) {
        const out = decipher.update(tail.subarray(0, tail.length - TAG_LENGTH))
        tail = Buffer.from(tail.subarray(tail.length - TAG_LENGTH))
        if (out.length > 0) yield out
      }
    }
    if (tail.length !== TAG_LENGTH) throw decryptFailed()
    let last: Buffer
    try {
      decipher.setAuthTag(tail)
      last = decipher.final()
    } catch {
      throw decryptFailed()
    }
    if (last.length > 0) yield last
  }
}

/** Passes bytes through unchanged, hashing them. */
function hashing(hash: Hash) {
  return async function* tap(source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      hash.update(chunk)
      yield chunk
    }
  }
}

/** Lines of the (decrypted, gunzipped) backup; stream errors become Vietnamese messages. */
async function* backupLines(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8')
  let rest = ''
  try {
    for await (const chunk of stream) {
      const parts = (rest + decoder.write(chunk)).split('\n')
      rest = parts.pop()!
      yield* parts
    }
  } catch (err) {
    if (err instanceof AppError) throw err
    if (err && typeof err === 'object' && 'code' in err && String(err.code).startsWith('Z_')) throw corrupt()
    throw err
  }
  rest += decoder.end()
  if (rest) yield rest
}

export interface RestoreResult {
  tables: number
  /** Rows in the backup, audit entries included. */
  rows: number
  /** Audit entries in the backup, not loaded: the current audit trail is kept instead. */
  auditRowsInBackup: number
  sha256: string
}

/**
 * Replaces the database content with a backup, in one transaction. The audit trail is not
 * replaced: `audit_log` stays as it is (the backup's own audit entries are not loaded; they
 * remain readable in the file), no sequence moves backwards, so ids given out after the backup
 * are never given out again, and one entry records the restore: who (`actor`), the file's name
 * and SHA-256, the backup's creation time and its row counts per table.
 */
export async function restore(
  db: Kysely<DB>,
  file: string,
  options: { actor?: string | undefined; passphrase?: string | undefined } = {},
): Promise<RestoreResult> {
  const enc = await readEncryptedHeader(file).catch((err: unknown) => {
    if (err && typeof err === 'object' && 'code' in err && err.code === 'ENOENT') {
      throw new AppError(400, 'BACKUP_NOT_FOUND', `Không tìm thấy tệp sao lưu ${path.basename(file)}.`)
    }
    throw err
  })
  let decrypt = passThrough
  if (enc) {
    if (!options.passphrase) throw new AppError(400, 'BACKUP_PASSPHRASE_REQUIRED', 'Tệp sao lưu đã được mã hóa, cần mật khẩu để khôi phục.')
    const key = await deriveKey(options.passphrase, enc.salt, enc.cost)
    // Authenticate the whole file before touching the database.
    await pipeline(createReadStream(file), decryptor(enc, key), async (source: AsyncIterable<Buffer>) => {
      for await (const _chunk of source) {
        // only the tag check at the end matters here
      }
    })
    decrypt = decryptor(enc, key)
  }
  const hash = createHash('sha256')
  let result: RestoreResult | undefined
  await pipeline(createReadStream(file), hashing(hash), decrypt, createGunzip(), async (source: AsyncIterable<Buffer>) => {
    result = await restoreLines(db, backupLines(source), hash, path.basename(file), options.actor ?? 'system', enc !== null)
  })
  return result!
}

async function restoreLines(
  db: Kysely<DB>,
  lines: AsyncGenerator<string>,
  hash: Hash,
  fileName: string,
  actor: string,
  encrypted: boolean,
): Promise<RestoreResult> {
  let header: { format?: string; tables?: string[]; createdAt?: string; engine?: string }
  try {
    const first = await lines.next()
    header = JSON.parse(String(first.value ?? '{}'))
  } catch (err) {
    if (err instanceof AppError && err.code !== 'INVALID_BACKUP') throw err
    throw new AppError(400, 'INVALID_BACKUP', 'Tệp sao lưu không hợp lệ.')
  }
  if (header.format !== FORMAT || !Array.isArray(header.tables)) throw new AppError(400, 'INVALID_BACKUP', 'Tệp sao lưu không phải của phongdich.')
  const tables = await tablesInDependencyOrder(db)
  const counts: Record<string, number> = {}
  let sha256 = ''
  await db.transaction().execute(async (tx) => {
    // Row auditing off for the load (one summary entry instead). Unlike the 'restoring' switch,
    // 'bulk' leaves audit_log's refusal of UPDATE, DELETE and TRUNCATE in force.
    await sql`SELECT set_config('phongdich.bulk', 'on', true)`.execute(tx)
    // Self-references (a unit's parent, an org's parent) are checked at commit, not row by row.
    await sql`SET CONSTRAINTS ALL DEFERRED`.execute(tx)
    // No RESTART IDENTITY: sequences continue, see below.
    await sql`TRUNCATE ${sql.join(tables.filter((t) => !KEPT.includes(t)).map((t) => sql.table(t)))} CASCADE`.execute(tx)
    let batch: string[] = []
    let current = ''
    const flush = async () => {
      if (batch.length === 0) return
      if (!KEPT.includes(current)) {
        await sql`INSERT INTO ${sql.table(current)} SELECT * FROM json_populate_recordset(NULL::${sql.table(current)}, ${`[${batch.join(',')}]`}::json)`.execute(tx)
      }
      counts[current] = (counts[current] ?? 0) + batch.length
      batch = []
    }
    for await (const line of lines) {
      if (!line) continue
      const m = /^\{"t":"([a-z_0-9]+)","r":(.*)\}$/.exec(line)
      if (!m || !tables.includes(m[1]!)) throw corrupt()
      if (m[1] !== current || batch.length >= 500) {
        await flush()
        current = m[1]!
      }
      batch.push(m[2]!)
    }
    await flush()
    // A backup from before the sort keys existed restores with them missing.
    await fillSortKeys(tx)
    // Sequences continue after both the restored rows and the ids already given out, so an id
    // named in the kept audit trail is never reused by another row.
    const serials = await sql<{ t: string; c: string }>`
      SELECT table_name AS t, column_name AS c FROM information_schema.columns
      WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`.execute(tx)
    for (const s of serials.rows) {
      await sql`SELECT setval(pg_get_serial_sequence(${s.t}, ${s.c}), GREATEST(
          COALESCE((SELECT max(${sql.ref(s.c)}) FROM ${sql.table(s.t)}), 0),
          COALESCE(pg_sequence_last_value(pg_get_serial_sequence(${s.t}, ${s.c})::regclass), 0)) + 1, false)`.execute(tx)
    }
    // The whole file has been read (the decrypted stream's tag included) when the lines end.
    sha256 = hash.digest('hex')
    await tx
      .insertInto('auditLog')
      .values({
        actorId: null,
        actorName: actor,
        action: 'restore',
        entity: 'database',
        entityId: fileName,
        after: JSON.stringify({
          file: fileName,
          sha256,
          encrypted,
          backupCreatedAt: header.createdAt ?? null,
          backupEngine: header.engine ?? null,
          rows: Object.values(counts).reduce((a, b) => a + b, 0),
          tables: counts,
          auditRowsInBackupNotLoaded: counts.audit_log ?? 0,
        }),
      })
      .execute()
  })
  return { tables: tables.length, rows: Object.values(counts).reduce((a, b) => a + b, 0), auditRowsInBackup: counts.audit_log ?? 0, sha256 }
}
