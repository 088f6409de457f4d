// The embedded engine's own thread. PGlite runs PostgreSQL synchronously inside WebAssembly: on the
// server's thread every query would stop the event loop (HTTP, timers, jobs) until it ends. Here
// it runs beside it. The server speaks PostgreSQL's wire protocol to it (engine.ts), so node-postgres
// and everything above it work as on a server.
//
// The server holds several connections to it (each a node-postgres client), all speaking to the
// one session PGlite has. Each turn the thread takes the next waiting message, so it never waits on
// the event loop while statements are waiting. While a transaction is open only its connection's
// messages are taken (the others wait), as a server's locks would have them wait, and so while a
// connection's exchange is unfinished (see endsExchange); a connection gone with its transaction
// open has it rolled back.
//
// Messages from the server: { id, op, ... }, each answered with { id, value } or { id, error }:
//   wire   { conn, data }  frontend messages of a connection (one or several); answers the backend's bytes
//   detach { conn }        the connection is closed
//   query  { sql, blob }   one statement through PGlite itself (COPY … FROM '/dev/blob'), in the
//                          session as it stands (in its transaction, if one is open); answers rows affected
//   dump                   the data directory as an uncompressed tarball
//   close                  closes the database; the thread then ends
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'

/** @type {import('@electric-sql/pglite').PGlite} */
let pglite
try {
  pglite = await PGlite.create({
    ...(workerData.snapshot ? { loadDataDir: new Blob([workerData.snapshot]) } : { dataDir: workerData.dataDir }),
    extensions: { pg_trgm },
  })
} catch (err) {
  parentPort.postMessage({ op: 'failed', error: { message: String(err?.message ?? err) } })
  process.exit(1)
}

const operations = {
  wire: async (m) => {
    // The answer's bytes as PGlite writes them, copied out of its memory; not parsed here (node-postgres
    // parses them on the server's thread; execProtocolRaw would parse every row a second time).
    const chunks = []
    let size = 0
    await pglite.execProtocolRawStream(m.data, {
      onRawData: (chunk) => {
        chunks.push(chunk.slice())
        size += chunk.byteLength
      },
    })
    const data = chunks.length === 1 ? chunks[0] : new Uint8Array(size)
    if (chunks.length > 1) {
      let at = 0
      for (const c of chunks) {
        data.set(c, at)
        at += c.byteLength
      }
    }
    return { value: data, transfer: [data.buffer] }
  },
  query: async (m) => {
    const r = await pglite.query(m.sql, [], m.blob ? { blob: new Blob([m.blob]) } : {})
    return { value: r.affectedRows ?? 0 }
  },
  dump: async () => {
    const tar = new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer())
    return { value: tar, transfer: [tar.buffer] }
  },
  close: async () => {
    await pglite.close()
    return { value: null }
  },
}

/**
 * Whether frontend messages end an exchange: their last is a Sync, a simple Query or a Terminate
 * (or they are a start-up packet). Until then the connection's statement, its unnamed portal and
 * its implicit transaction are the session's, and no other connection may run in between (a cursor
 * read in pages: Execute for some rows, then more).
 */
function endsExchange(data) {
  if (data.byteLength === 0 || data[0] === 0) return true
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  let at = 0
  let last = 0
  while (at + 5 <= data.byteLength) {
    last = data[at]
    at += 1 + view.getInt32(at + 1)
  }
  return last === 0x53 || last === 0x51 || last === 0x58 // S, Q, X
}

const SESSION = -1
/** The connection whose transaction is open, if one is (SESSION: one opened by a `query`). */
let owner = null
const waiting = []
let busy = false

async function detach(m) {
  for (let i = waiting.length - 1; i >= 0; i--) {
    if (waiting[i].op === 'wire' && waiting[i].conn === m.conn) {
      parentPort.postMessage({ id: waiting[i].id, error: { message: 'connection closed' } })
      waiting.splice(i, 1)
    }
  }
  if (owner === m.conn) {
    if (pglite.isInTransaction()) await pglite.query('ROLLBACK')
    owner = null
  }
  return { value: null }
}
operations.detach = detach

async function pump() {
  if (busy) return
  busy = true
  try {
    for (;;) {
      const i = owner === null ? 0 : waiting.findIndex((m) => m.op !== 'wire' || m.conn === owner)
      if (i < 0 || i >= waiting.length) return
      const [m] = waiting.splice(i, 1)
      try {
        const { value, transfer } = await operations[m.op](m)
        parentPort.postMessage({ id: m.id, value }, transfer ?? [])
      } catch (err) {
        parentPort.postMessage({ id: m.id, error: { message: String(err?.message ?? err), code: err?.code } })
      }
      // Statements run by PGlite itself outside any connection's transaction (a bench's BEGIN) keep the session to themselves.
      if (m.op === 'wire') owner = pglite.isInTransaction() || !endsExchange(m.data) ? m.conn : null
      else if (m.op === 'query' && (owner === null || owner === SESSION)) owner = pglite.isInTransaction() ? SESSION : null
      if (m.op === 'close') {
        parentPort.close()
        return
      }
    }
  } finally {
    busy = false
  }
}

parentPort.on('message', (m) => {
  waiting.push(m)
  void pump()
})
parentPort.postMessage({ op: 'ready' })
