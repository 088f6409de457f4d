import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

const root = fileURLToPath(new URL('..', import.meta.url))
const cli = path.join(root, 'bin/phongdich.js')

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

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
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

/** Starts the real server on a fresh database with the demo province, once for all journeys. */
export default async function setup(project: TestProject) {
  if (!existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('dist/web is missing: run `vite build` first (npm run test:e2e does).')
  const dataDir = await mkdtemp(path.join(tmpdir(), 'phongdich-e2e-'))
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO: '1', PROVINCE_CODE: '91' }
  delete env.DATABASE_URL

  await run(['setup'], env)
  let server: ChildProcess | null = spawn(process.execPath, [cli, 'serve'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] })
  const baseUrl = `http://127.0.0.1:${port}`
  try {
    await waitFor('the health check', async () => ((await fetch(`${baseUrl}/api/health`)).ok ? true : undefined), 60_000)
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'phongdich2026' }),
    })
    if (!login.ok) throw new Error(`demo admin cannot log in: ${login.status} ${await login.text()}`)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    await waitFor(
      'the demo seed job',
      async () => {
        const r = await fetch(`${baseUrl}/api/jobs?limit=50`, { headers: { cookie } })
        const { jobs } = (await r.json()) as { jobs: { kind: string; status: string }[] }
        return jobs.some((j) => j.kind === 'demo.seed' && j.status === 'done') ? true : undefined
      },
      120_000,
    )
  } catch (err) {
    server.kill('SIGTERM')
    throw err
  }
  project.provide('baseUrl', baseUrl)

  return async () => {
    const s = server
    server = null
    if (s && s.exitCode === null) {
      const exited = new Promise((r) => s.once('exit', r))
      s.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      if (s.exitCode === null) s.kill('SIGKILL')
    }
    await rm(dataDir, { recursive: true, force: true })
  }
}
