/**
 * Cold start of the server: time until /api/health answers, time until the first-run jobs
 * (reference registry, demo province) are done, and peak resident memory (VmHWM), for a new
 * data directory and then for the same directory again. Run: npm run bench:startup
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { SERVER_NODE_FLAGS } from '../src/server/platform/config.ts'

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })

async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return Math.round(kb / 1024)
}

async function run(dataDir: string, label: string) {
  const port = await freePort()
  const t0 = performance.now()
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'bin/phongdich.js', 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  let healthMs = 0
  for (;;) {
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false)
    if (ok) {
      healthMs = performance.now() - t0
      break
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  // Ready for a demo user: logging in works once the demo seed job has created the users.
  let readyMs = 0
  for (;;) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'phongdich2026' }),
    }).catch(() => null)
    if (res?.ok) {
      const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? ''
      const jobs = (await (await fetch(`${base}/api/jobs?status=queued`, { headers: { cookie } })).json()) as { jobs: unknown[] }
      const running = (await (await fetch(`${base}/api/jobs?status=running`, { headers: { cookie } })).json()) as { jobs: unknown[] }
      if (jobs.jobs.length === 0 && running.jobs.length === 0) {
        readyMs = performance.now() - t0
        break
      }
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  const rss = await peakRssMb(child.pid!)
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))
  console.log(`${label.padEnd(22)} health ${(healthMs / 1000).toFixed(2)} s   ready ${(readyMs / 1000).toFixed(2)} s   peak RSS ${rss} MB`)
  return { healthMs, readyMs, rss }
}

const dir = await mkdtemp(path.join(tmpdir(), 'phongdich-bench-'))
try {
  console.log(`phongdich start-up (embedded PostgreSQL, Node ${process.version})`)
  const fresh = await run(path.join(dir, 'db'), 'new data dir')
  const again = await run(path.join(dir, 'db'), 'existing data dir')
  console.log(
    `existing/new: health ${(again.healthMs / fresh.healthMs).toFixed(2)}×, ready ${(again.readyMs / fresh.readyMs).toFixed(2)}×, peak RSS ${(again.rss / fresh.rss).toFixed(2)}×`,
  )
} finally {
  await rm(dir, { recursive: true, force: true })
}
