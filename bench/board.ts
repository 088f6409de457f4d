/**
 * The steering committee's board (`GET /api/board`) under 20 concurrent clients, on the demo
 * province: the real server in its own process (embedded engine, fresh data directory, demo
 * seeded), signed in as the steering committee's member of the province.
 *
 * - computed: every commune of the province and the province itself asked once, 20 at a time:
 *   each answer computed (all its sections' reads), none kept yet;
 * - kept: the province's board asked again and again by the 20 (nothing written meanwhile), as
 *   officials keeping it open: one write-position query and the kept answer.
 *
 * Prints p50/p95/max and the answer's size. BENCH_BOARD_URL (with BENCH_BOARD_USER and
 * BENCH_BOARD_PASSWORD) measures an already running server instead, e.g. one on PostgreSQL.
 * Run: npx tsx bench/board.ts
 */
import { DEMO_PASSWORD, E2EServer } from '../e2e/server.ts'

const CLIENTS = 20
const KEPT_ROUNDS = 25

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} requests)`

async function signIn(base: string, username: string, password: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`)
  return (r.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

/** Runs `urls` with `CLIENTS` requests in flight; answers each request's milliseconds and the largest answer. */
async function load(base: string, cookie: string, urls: string[]) {
  const times: number[] = []
  let largest = 0
  let next = 0
  const client = async () => {
    while (next < urls.length) {
      const url = urls[next++]!
      const t0 = performance.now()
      const r = await fetch(`${base}${url}`, { headers: { cookie } })
      const body = await r.arrayBuffer()
      times.push(performance.now() - t0)
      if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${Buffer.from(body).toString()}`)
      largest = Math.max(largest, body.byteLength)
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, client))
  return { times, largest }
}

async function main() {
  let server: E2EServer | null = null
  let base = process.env.BENCH_BOARD_URL
  let cookie: string
  if (base) cookie = await signIn(base, process.env.BENCH_BOARD_USER ?? 'bcd', process.env.BENCH_BOARD_PASSWORD ?? DEMO_PASSWORD)
  else {
    const t0 = performance.now()
    server = await E2EServer.create()
    await server.start()
    await server.waitForJobs('demo.seed')
    base = server.baseUrl
    console.log(`demo province ready in ${((performance.now() - t0) / 1000).toFixed(0)} s (embedded engine)`)
    cookie = await signIn(base, 'bcd', DEMO_PASSWORD)
  }
  try {
    const communes = (await (await fetch(`${base}/api/public/levels?unit=91`)).json()) as { code: string }[]
    const computed = await load(base, cookie, ['/api/board', ...communes.map((c) => `/api/board?unit=${c.code}`)])
    console.log(`computed (the province and ${communes.length} communes, each once): ${fmt(computed.times)}; largest answer ${(computed.largest / 1024).toFixed(1)} KB`)
    const kept = await load(base, cookie, Array.from({ length: CLIENTS * KEPT_ROUNDS }, () => '/api/board'))
    console.log(`kept (the province's board, ${CLIENTS} clients × ${KEPT_ROUNDS}): ${fmt(kept.times)}; answer ${(kept.largest / 1024).toFixed(1)} KB`)
  } finally {
    await server?.dispose()
  }
}

await main()
