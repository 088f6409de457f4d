import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { InjectOptions } from 'fastify'
import { afterAll, describe, expect, it } from 'vitest'
import { TEST_PASSWORD, testApp } from '../test/harness.ts'
import { type AppOptions, buildApp } from './app.ts'
import { parseTrustProxy } from './platform/config.ts'
import type { App } from './platform/routes.ts'

const t = await testApp()

/** Another app over the same database, clock and jobs, with other options. */
async function appWith(opts: AppOptions): Promise<App> {
  const app = await buildApp({ db: t.database.db, engine: t.database.engine, now: t.clock.now, jobs: t.jobs, provinceCode: '91', version: 'test' }, opts)
  afterAll(() => app.close())
  return app
}

const login = (app: App, username: string, password: string, extra: Partial<InjectOptions> = {}) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, ...extra })

function policy(header: string | string[] | number | undefined): Map<string, string[]> {
  return new Map(
    String(header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  )
}

describe('security headers', () => {
  it('protect the web app page and API answers alike', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'phongdich-web-'))
    afterAll(() => rm(dir, { recursive: true, force: true }))
    // What Vite writes: scripts and styles as files, nothing inline.
    await writeFile(
      path.join(dir, 'index.html'),
      '<!doctype html><html lang="vi"><head><meta charset="UTF-8" /><title>phongdich</title><script type="module" crossorigin src="/assets/index-a1.js"></script><link rel="stylesheet" crossorigin href="/assets/index-b2.css"></head><body><div id="root"></div></body></html>',
    )
    const web = await appWith({ web: true, webRoot: `${dir}/` })
    const page = await web.inject({ method: 'GET', url: '/chi-dao' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    const answers = [page, await web.inject({ method: 'GET', url: '/api/health' }), await t.anon.get('/api/auth/me'), await t.anon.get('/api/khong-co')]
    for (const res of answers) {
      const csp = policy(res.headers['content-security-policy'])
      expect(csp.get('default-src')).toEqual(["'self'"])
      expect(csp.get('script-src')).toEqual(["'self'"])
      expect(csp.get('script-src-attr')).toEqual(["'none'"])
      expect(csp.get('style-src')).toEqual(["'self'"])
      expect(csp.get('worker-src')).toEqual(["'self'", 'blob:'])
      expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
      expect(csp.get('frame-ancestors')).toEqual(["'none'"])
      expect(csp.get('object-src')).toEqual(["'none'"])
      // Plain http on a local network must keep working.
      expect(csp.has('upgrade-insecure-requests')).toBe(false)
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
    }
  })

  it('the web app needs no inline script: its page loads scripts from files only', async () => {
    const html = await readFile(new URL('../web/index.html', import.meta.url), 'utf8')
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/)
      expect(body!.trim()).toBe('')
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i)
    expect(html).not.toMatch(/\sstyle\s*=/i)
  })
})

describe('TRUST_PROXY', () => {
  it('is off unless set, 1 or true trusts one hop, or lists proxies', () => {
    for (const off of [undefined, '', '0', 'false']) expect(parseTrustProxy(off)).toBe(false)
    expect(parseTrustProxy('1')).toBe(1)
    expect(parseTrustProxy('true')).toBe(1)
    expect(parseTrustProxy('2')).toBe(2)
    expect(parseTrustProxy('10.0.0.5, 192.168.1.0/24,::1,Loopback')).toEqual(['10.0.0.5', '192.168.1.0/24', '::1', 'loopback'])
    expect(() => parseTrustProxy('proxy.local')).toThrow(/TRUST_PROXY/)
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/TRUST_PROXY/)
  })

  async function addressOfLastLogin(username: string): Promise<string> {
    const row = await t.database.db
      .selectFrom('auditLog')
      .select('after')
      .where('action', '=', 'login')
      .where('actorName', '=', username)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    const after = typeof row.after === 'string' ? JSON.parse(row.after) : row.after
    return (after as { address: string }).address
  }

  it('takes the client address from X-Forwarded-For only when the proxy is trusted', async () => {
    const u = await t.userAgent('viewer', '91')
    const forwarded = { remoteAddress: '10.6.0.1', headers: { 'x-forwarded-for': '203.0.113.7' } }
    expect((await login(t.app, u.username, TEST_PASSWORD, forwarded)).statusCode).toBe(200)
    expect(await addressOfLastLogin(u.username)).toBe('10.6.0.1')

    const behindProxy = await appWith({ trustProxy: ['10.6.0.1'] })
    expect((await login(behindProxy, u.username, TEST_PASSWORD, forwarded)).statusCode).toBe(200)
    expect(await addressOfLastLogin(u.username)).toBe('203.0.113.7')
    // Another socket address is not the trusted proxy: its header is ignored.
    expect((await login(behindProxy, u.username, TEST_PASSWORD, { ...forwarded, remoteAddress: '10.6.0.2' })).statusCode).toBe(200)
    expect(await addressOfLastLogin(u.username)).toBe('10.6.0.2')

    // One hop: the address the proxy itself saw, not what the client wrote before it.
    const oneHop = await appWith({ trustProxy: parseTrustProxy('1') })
    const spoofed = { remoteAddress: '10.6.0.9', headers: { 'x-forwarded-for': '198.51.100.1, 203.0.113.8' } }
    expect((await login(oneHop, u.username, TEST_PASSWORD, spoofed)).statusCode).toBe(200)
    expect(await addressOfLastLogin(u.username)).toBe('203.0.113.8')
  })

  it('behind a trusted proxy, colleagues behind it are throttled separately', async () => {
    const u = await t.userAgent('viewer', '91')
    const behindProxy = await appWith({ trustProxy: ['10.6.1.1'] })
    const via = (client: string) => ({ remoteAddress: '10.6.1.1', headers: { 'x-forwarded-for': client } })
    for (let i = 0; i < 5; i++) await login(behindProxy, u.username, 'sai-mat-khau', via('192.0.2.10'))
    expect((await login(behindProxy, u.username, TEST_PASSWORD, via('192.0.2.10'))).statusCode).toBe(401)
    expect((await login(behindProxy, u.username, TEST_PASSWORD, via('192.0.2.11'))).statusCode).toBe(200)
  })
})

describe('session cookie', () => {
  const secureFlag = (res: Awaited<ReturnType<typeof login>>) => {
    expect(res.statusCode).toBe(200)
    return res.cookies.find((c) => c.name === 'pd_session')!.secure === true
  }

  it('is not Secure over plain http, so local use keeps working', async () => {
    const u = await t.userAgent('viewer', '91')
    expect(secureFlag(await login(t.app, u.username, TEST_PASSWORD))).toBe(false)
    // A client cannot claim HTTPS for itself.
    expect(secureFlag(await login(t.app, u.username, TEST_PASSWORD, { headers: { 'x-forwarded-proto': 'https' } }))).toBe(false)
  })

  it('is Secure when a trusted proxy says the request came over HTTPS', async () => {
    const u = await t.userAgent('viewer', '91')
    const behindProxy = await appWith({ trustProxy: parseTrustProxy('true') })
    expect(secureFlag(await login(behindProxy, u.username, TEST_PASSWORD, { headers: { 'x-forwarded-proto': 'https' } }))).toBe(true)
    expect(secureFlag(await login(behindProxy, u.username, TEST_PASSWORD, { headers: { 'x-forwarded-proto': 'http' } }))).toBe(false)
  })

  it('is Secure when the server itself answers over HTTPS', async () => {
    const u = await t.userAgent('viewer', '91')
    const direct = await appWith({})
    // What an HTTPS server's socket says; the test client cannot open TLS.
    direct.addHook('onRequest', async (req) => {
      ;(req.raw.socket as { encrypted?: boolean }).encrypted = true
    })
    expect(secureFlag(await login(direct, u.username, TEST_PASSWORD))).toBe(true)
  })
})
