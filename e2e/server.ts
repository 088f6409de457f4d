import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { SERVER_NODE_FLAGS } from '../src/server/platform/config.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const cli = path.join(root, 'bin/phongdich.js')

export const DEMO_PASSWORD = 'phongdich2026'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000)
    })
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`phongdich ${args.join(' ')} exited with ${code}:\n${stderr}`))))
  })
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs
  let last: unknown = null
  while (Date.now() < end) {
    try {
      const v = await probe()
      if (v !== undefined) return v
    } catch (err) {
      last = err
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`)
}

interface JobRow {
  id: number
  kind: string
  status: string
}

/**
 * The real server on its own data directory and port, with the demo province. It can be
 * restarted on the same database with its clock moved (PHONGDICH_NOW), so that deadlines pass.
 */
export class E2EServer {
  private child: ChildProcess | null = null

  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** A fresh data directory and a free port, set up (`phongdich setup`) but not started. */
  static async create(): Promise<E2EServer> {
    const server = new E2EServer(await mkdtemp(path.join(tmpdir(), 'phongdich-e2e-')), await freePort())
    await run(['setup'], server.env())
    return server
  }

  private env(now?: string): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: this.dataDir, PORT: String(this.port), HOST: '127.0.0.1', DEMO: '1', PROVINCE_CODE: '91' }
    delete env.DATABASE_URL
    delete env.PHONGDICH_NOW
    if (now) env.PHONGDICH_NOW = now
    return env
  }

  /** Starts serving; `now` (an ISO instant) starts the server's clock there instead of at the real time. */
  async start(now?: string): Promise<void> {
    if (this.child) throw new Error('the server is already running')
    this.child = spawn(process.execPath, [...SERVER_NODE_FLAGS, cli, 'serve'], { cwd: root, env: this.env(now), stdio: ['ignore', 'ignore', 'inherit'] })
    try {
      await waitFor('the health check', async () => ((await fetch(`${this.baseUrl}/api/health`)).ok ? true : undefined), 60_000)
    } catch (err) {
      await this.stop()
      throw err
    }
  }

  async stop(): Promise<void> {
    const s = this.child
    this.child = null
    if (!s || s.exitCode !== null) return
    const exited = new Promise((r) => s.once('exit', r))
    s.kill('SIGTERM')
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
    if (s.exitCode === null) {
      s.kill('SIGKILL')
      await exited
    }
  }

  /** The same database and port, served again (with the clock at `now` when given). */
  async restart(now?: string): Promise<void> {
    await this.stop()
    await this.start(now)
  }

  async dispose(): Promise<void> {
    await this.stop()
    await rm(this.dataDir, { recursive: true, force: true })
  }

  /** The administrator's session cookie, for reading the job list. */
  async adminCookie(): Promise<string> {
    const login = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    })
    if (!login.ok) throw new Error(`demo admin cannot log in: ${login.status} ${await login.text()}`)
    return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  }

  async jobs(cookie: string): Promise<JobRow[]> {
    const r = await fetch(`${this.baseUrl}/api/jobs?limit=100`, { headers: { cookie } })
    if (!r.ok) throw new Error(`GET /api/jobs: ${r.status}`)
    return ((await r.json()) as { jobs: JobRow[] }).jobs
  }

  /** Waits until `kind` has finished at least `count` times and no job is queued or running. */
  async waitForJobs(kind: string, count = 1, timeoutMs = 120_000): Promise<void> {
    const cookie = await this.adminCookie()
    await waitFor(
      `${count} finished ${kind} job(s)`,
      async () => {
        const jobs = await this.jobs(cookie)
        const failed = jobs.find((j) => j.status === 'failed')
        if (failed) throw new Error(`job ${failed.kind} failed`)
        const done = jobs.filter((j) => j.kind === kind && j.status === 'done').length
        const busy = jobs.some((j) => j.status === 'queued' || j.status === 'running')
        return done >= count && !busy ? true : undefined
      },
      timeoutMs,
    )
  }
}
