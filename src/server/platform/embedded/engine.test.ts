import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Database, openDatabase } from '../db.ts'

// The embedded engine in its own thread, spoken to by several connections sharing its one session.
let database: Database

beforeAll(async () => {
  database = await openDatabase({})
  await sql`CREATE TABLE engine_probe (n int)`.execute(database.db)
})
afterAll(async () => {
  await database.close()
})

const count = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM engine_probe`.execute(database.db)).rows[0]!.n)

describe('the embedded engine', () => {
  it('keeps the event loop turning while a long statement runs', async () => {
    let ticks = 0
    const timer = setInterval(() => ticks++, 10)
    const t0 = performance.now()
    await sql`SELECT count(*) FROM generate_series(1, 3000000) a, generate_series(1, 2) b WHERE a % 7 = b`.execute(database.db)
    const ms = performance.now() - t0
    clearInterval(timer)
    expect(ms).toBeGreaterThan(200)
    // On the server's thread the timer would not have fired once until the statement ended.
    expect(ticks).toBeGreaterThan(ms / 10 / 4)
  })

  it('runs other connections’ statements only once an open transaction has ended, after it', async () => {
    const before = await count()
    let seen: number | null = null
    let other: Promise<void> = Promise.resolve()
    await database.db
      .transaction()
      .execute(async (tx) => {
        await sql`INSERT INTO engine_probe VALUES (1)`.execute(tx)
        // Another connection asks meanwhile: it waits for the transaction, rolled back below.
        other = count().then((n) => {
          seen = n
        })
        await new Promise((r) => setTimeout(r, 50))
        expect(seen).toBe(null)
        expect(Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM engine_probe`.execute(tx)).rows[0]!.n)).toBe(before + 1)
        throw new Error('undo')
      })
      .catch((err: Error) => expect(err.message).toBe('undo'))
    await other
    expect(seen).toBe(before)
    // Many statements at once, in and out of transactions, each answered with its own rows.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 4 === 0
          ? database.db.transaction().execute(async (tx) => {
              await sql`INSERT INTO engine_probe VALUES (${i})`.execute(tx)
              return Number((await sql<{ n: number }>`SELECT max(n)::int AS n FROM engine_probe WHERE n = ${i}`.execute(tx)).rows[0]!.n)
            })
          : sql<{ n: number }>`SELECT ${i}::int AS n`.execute(database.db).then((r) => r.rows[0]!.n),
      ),
    )
    expect(answers).toEqual(Array.from({ length: 40 }, (_, i) => i))
    expect(await count()).toBe(before + 10)
  })

  it('rolls back the open transaction of a connection that goes away, and lets the others on', async () => {
    const before = await count()
    const client = new pg.Client({ user: 'postgres', database: 'postgres', stream: () => database.embedded!.stream() } as pg.ClientConfig)
    await client.connect()
    await client.query('BEGIN')
    await client.query('INSERT INTO engine_probe VALUES (99)')
    const waiting = count()
    await client.end()
    expect(await waiting).toBe(before)
  })

  it('keeps a connection’s unfinished exchange (a portal read in pages) from others until its Sync', async () => {
    // Frontend messages written by hand: a type, a length, the body.
    const msg = (type: string, ...body: Buffer[]) => {
      const b = Buffer.concat(body)
      const head = Buffer.alloc(5)
      head.write(type, 'latin1')
      head.writeInt32BE(b.length + 4, 1)
      return Buffer.concat([head, b])
    }
    const text = (s: string) => Buffer.from(`${s}\0`)
    const int = (n: number, size: 2 | 4) => {
      const b = Buffer.alloc(size)
      if (size === 2) b.writeInt16BE(n)
      else b.writeInt32BE(n)
      return b
    }
    const execute = (rows: number) => msg('E', text(''), int(rows, 4))
    const types = (bytes: Uint8Array) => {
      const b = Buffer.from(bytes)
      let out = ''
      for (let at = 0; at < b.length; at += 1 + b.readInt32BE(at + 1)) out += String.fromCharCode(b[at]!)
      return out
    }
    const engine = database.embedded!
    // Connection 9001 reads one row of three and stops there (PortalSuspended).
    const first = await engine.wire(9001, new Uint8Array(Buffer.concat([msg('P', text(''), text('SELECT generate_series(1, 3)'), int(0, 2)), msg('B', text(''), text(''), int(0, 2), int(0, 2), int(0, 2)), execute(1)])))
    expect(types(first)).toBe('12Ds')
    // Another connection's query waits: run now, it would drop the first one's portal.
    let other: string | null = null
    const waiting = engine.wire(9002, new Uint8Array(msg('Q', text('SELECT 42')))).then((b) => {
      other = types(b)
    })
    await new Promise((r) => setTimeout(r, 50))
    expect(other).toBe(null)
    const rest = await engine.wire(9001, new Uint8Array(Buffer.concat([execute(0), msg('S')])))
    expect(types(rest)).toBe('DDCZ')
    await waiting
    expect(other).toBe('TDCZ')
  })

  it('runs COPY inside the transaction of the connection that holds it', async () => {
    const before = await count()
    await database.db
      .transaction()
      .execute(async (tx) => {
        expect(await database.embedded!.query(`COPY engine_probe (n) FROM '/dev/blob'`, new TextEncoder().encode('7\n8\n9\n'))).toBe(3)
        expect(Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM engine_probe`.execute(tx)).rows[0]!.n)).toBe(before + 3)
        throw new Error('undo')
      })
      .catch(() => {})
    expect(await count()).toBe(before)
  })
})
