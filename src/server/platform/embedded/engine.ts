import { Duplex } from 'node:stream'
import { Worker } from 'node:worker_threads'

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void }

/**
 * The embedded engine (PGlite) in a thread of its own (worker.mjs): queries run beside the event
 * loop instead of stopping it, so the server keeps answering (and preparing answers) while the
 * database works. One session, as before: statements are run one at a time, in order.
 */
export class EmbeddedEngine {
  private readonly pending = new Map<number, Pending>()
  private next = 1
  private failure: Error | null = null

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: { id?: number; op?: string; value?: unknown; error?: { message: string } }) => {
      if (m.id === undefined) return
      const p = this.pending.get(m.id)
      this.pending.delete(m.id)
      if (m.error) p?.reject(Object.assign(new Error(m.error.message), m.error))
      else p?.resolve(m.value)
    })
    const fail = (err: Error) => {
      this.failure ??= new Error(`Cơ sở dữ liệu nhúng đã dừng: ${err.message}`)
      for (const p of this.pending.values()) p.reject(this.failure)
      this.pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`luồng kết thúc (mã ${code})`)))
  }

  /** Opens the data directory (or a snapshot tarball) in a new thread; answers once it is ready. */
  static async start(opts: { dataDir?: string | undefined; snapshot?: Blob | undefined }): Promise<EmbeddedEngine> {
    const snapshot = opts.snapshot ? new Uint8Array(await opts.snapshot.arrayBuffer()) : undefined
    const worker = new Worker(new URL('./worker.mjs', import.meta.url), {
      workerData: { dataDir: opts.dataDir ?? 'memory://', snapshot },
      ...(snapshot ? { transferList: [snapshot.buffer] } : {}),
    })
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: { op?: string; error?: { message: string } }) => {
        if (m.op === 'ready') done(null)
        else if (m.op === 'failed') done(new Error(m.error?.message ?? 'không mở được'))
      }
      const onError = (err: Error) => done(err)
      const onExit = (code: number) => done(new Error(`luồng kết thúc (mã ${code})`))
      const done = (err: Error | null) => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit)
        if (err) reject(err)
        else resolve()
      }
      worker.on('message', onMessage).on('error', onError).on('exit', onExit)
    })
    return new EmbeddedEngine(worker)
  }

  private call<T>(op: string, fields: Record<string, unknown> = {}, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.failure) return Promise.reject(this.failure)
    const id = this.next++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.worker.postMessage({ id, op, ...fields }, transfer)
    })
  }

  /** A connection's frontend messages in, the backend's answer out (the wire protocol; see EngineStream). */
  wire(conn: number, data: Uint8Array): Promise<Uint8Array> {
    return this.call('wire', { conn, data }, [data.buffer as ArrayBuffer])
  }

  /** The connection is closed: its messages still waiting are dropped, its open transaction rolled back. */
  detach(conn: number): void {
    this.call('detach', { conn }).catch(() => {})
  }

  /** One statement run by PGlite itself in the session (inside its open transaction, if any): rows affected. */
  query(statement: string, blob?: Uint8Array): Promise<number> {
    return this.call('query', { sql: statement, blob })
  }

  /** The data directory as an uncompressed tarball (snapshots for tests). */
  async dump(): Promise<Blob> {
    return new Blob([await this.call<Uint8Array<ArrayBuffer>>('dump')])
  }

  async close(): Promise<void> {
    if (!this.failure) await this.call('close').catch(() => {})
    await this.worker.terminate()
  }

  private connections = 0

  /** A new connection's byte stream to the engine, for node-postgres (`stream` in its configuration). */
  stream(): EngineStream {
    return new EngineStream(this, ++this.connections)
  }
}

/**
 * What node-postgres takes for a socket. The messages it writes in one turn of the event loop (a
 * statement's Parse, Bind, Describe, Execute and Sync) go to the engine together, and its answer is
 * read back as if from the network.
 */
export class EngineStream extends Duplex {
  private batch: Buffer[] = []

  constructor(
    private readonly engine: EmbeddedEngine,
    private readonly conn: number,
  ) {
    super()
    this.once('close', () => engine.detach(conn))
  }

  connect(): this {
    process.nextTick(() => this.emit('connect'))
    return this
  }
  setNoDelay(): this {
    return this
  }
  setKeepAlive(): this {
    return this
  }
  ref(): this {
    return this
  }
  unref(): this {
    return this
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    if (this.batch.length === 0) queueMicrotask(() => this.flush())
    this.batch.push(chunk)
    callback()
  }

  private flush(): void {
    const data = new Uint8Array(Buffer.concat(this.batch))
    this.batch = []
    this.engine.wire(this.conn, data).then(
      (out) => {
        if (out.byteLength) this.push(Buffer.from(out.buffer, out.byteOffset, out.byteLength))
      },
      (err: Error) => this.destroy(err),
    )
  }

  override _final(callback: (err?: Error | null) => void): void {
    this.push(null)
    callback()
  }
}
