import { isIP } from 'node:net'
import path from 'node:path'

export interface Config {
  databaseUrl: string | undefined
  dataDir: string
  port: number
  provinceCode: string
  /** Load the deterministic demo province on first start. */
  demo: boolean
  smtpUrl: string | undefined
  /** Whose X-Forwarded-For / X-Forwarded-Proto to believe; see `parseTrustProxy`. */
  trustProxy: TrustProxy
}

/** No proxy (the default), a number of proxy hops in front, or the proxies' addresses and CIDR ranges. */
export type TrustProxy = false | number | string[]

const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal'])

/**
 * TRUST_PROXY: unset, `0` or `false` — client-sent X-Forwarded-* headers are ignored; `1` or `true` —
 * one proxy in front (its last hop is believed); a larger number — that many hops; otherwise a
 * comma-separated list of proxy addresses or CIDR ranges (`10.0.0.5, 192.168.1.0/24`, or `loopback`).
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim()
  if (/^(|0|false|no|off)$/i.test(v)) return false
  if (/^(true|yes|on)$/i.test(v)) return 1
  if (/^\d+$/.test(v)) return Number(v)
  const list = v.split(',').map((s) => s.trim()).filter(Boolean)
  for (const entry of list) {
    const [address = '', prefix, extra] = entry.split('/')
    const family = isIP(address)
    const validPrefix = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32))
    if (!PROXY_RANGES.has(entry.toLowerCase()) && (!family || !validPrefix || extra !== undefined)) {
      throw new Error(`TRUST_PROXY không hợp lệ: "${entry}" (cần 1/true, số bước proxy, hoặc danh sách địa chỉ/CIDR cách nhau bằng dấu phẩy).`)
    }
  }
  return list.map((entry) => (PROXY_RANGES.has(entry.toLowerCase()) ? entry.toLowerCase() : entry))
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data/db')
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    port: Number(env.PORT ?? 3000),
    provinceCode: env.PROVINCE_CODE ?? '91',
    demo: env.DEMO !== '0',
    smtpUrl: env.SMTP_URL || undefined,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  }
}

/**
 * Node's flags for the server process: its JavaScript heap is held to 448 MB, so that V8 collects
 * before the process passes 500 MB on a year's Excel table instead of growing towards its default
 * (a quarter of the machine's memory). The embedded engine's memory lies outside this heap. `npm
 * start` passes them; so does everything that starts a server (the browser journeys, the benches).
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=448'] as const
