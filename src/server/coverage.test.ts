import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../test/harness.ts'
import { createFixtures, type Fixtures, HOME_COMMUNE, isWrite, OTHER_COMMUNE, routeKey, runOrder, samples } from '../test/route-samples.ts'
import { maxAuditId } from './contexts/audit/repo.ts'

// Cross-cutting guarantees checked against every registered route, so routes added later are covered.
const t = await testApp()
let fixtures: Fixtures
let provinceAdmin: Agent & { userId: number; username: string }

beforeAll(async () => {
  provinceAdmin = await t.userAgent('admin', '91')
  fixtures = await createFixtures(t, provinceAdmin.userId)
})

describe('route coverage', () => {
  it('has a sample request for every API route', () => {
    const table = samples(fixtures)
    const missing = t.app.routeTable.map(routeKey).filter((k) => !(k in table))
    expect(missing).toEqual([])
  })

  it('refuses every non-public route without a session', async () => {
    const table = samples(fixtures)
    for (const r of t.app.routeTable.filter((r) => !r.public)) {
      const s = table[routeKey(r)]!
      const res = await t.anon.request({ method: r.method as 'GET', url: s.url, ...(s.body === undefined ? {} : { payload: s.body as object }) })
      expect(res.statusCode, routeKey(r)).toBe(401)
      expect(res.json().error.code).toBe('UNAUTHENTICATED')
    }
  })

  it('refuses every state change without the CSRF token', async () => {
    const table = samples(fixtures)
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: provinceAdmin.username, password: 'mat-khau-thu-nghiem' } })
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
    for (const r of t.app.routeTable.filter((r) => isWrite(r) && !r.public)) {
      const s = table[routeKey(r)]!
      const res = await t.app.inject({ method: r.method as 'POST', url: s.url, headers: { cookie }, ...(s.body === undefined ? {} : { payload: s.body as object }) })
      expect(res.statusCode, routeKey(r)).toBe(403)
      expect(res.json().error.code).toBe('CSRF')
    }
  })

  it('writes an audit entry for every write route, naming the actor', async () => {
    const table = samples(fixtures)
    for (const r of runOrder(t.app.routeTable.filter(isWrite))) {
      const s = table[routeKey(r)]!
      const before = await maxAuditId(t.database.db)
      const res = await provinceAdmin.request({ method: r.method as 'POST', url: s.url, ...(s.body === undefined ? {} : { payload: s.body as object }) })
      expect(res.statusCode, `${routeKey(r)}: ${res.body}`).toBeLessThan(300)
      const entries = await t.database.db.selectFrom('auditLog').selectAll().where('id', '>', before).execute()
      expect(entries.length, routeKey(r)).toBeGreaterThan(0)
      const expectedActor = r.url === '/api/auth/login' ? 'mau.rachgia' : provinceAdmin.username
      expect(entries.map((e) => e.actorName), routeKey(r)).toContain(expectedActor)
    }
  })

  it('denies every personal-data route to a user of another jurisdiction', async () => {
    // An administrator of Phú Quốc has every permission, so only jurisdiction can refuse.
    const outsider = await t.userAgent('admin', OTHER_COMMUNE)
    const table = samples(fixtures)
    const personal = t.app.routeTable.filter((r) => r.personal)
    expect(personal.length).toBeGreaterThanOrEqual(8)
    for (const r of personal) {
      const s = table[routeKey(r)]!
      const res = await outsider.request({ method: r.method as 'GET', url: s.url, ...(s.body === undefined ? {} : { payload: s.body as object }) })
      expect([403, 404], `${routeKey(r)}: ${res.statusCode} ${res.body}`).toContain(res.statusCode)
      expect(res.json().error.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôồốộổỗơờớợởỡưừứựửữ]/)
    }
    // The same requests succeed for a user of the home commune.
    const insider = await t.userAgent('admin', HOME_COMMUNE)
    for (const r of personal.filter((r) => !isWrite(r))) {
      const s = table[routeKey(r)]!
      const res = await insider.get(s.url)
      expect(res.statusCode, routeKey(r)).toBe(200)
    }
  })
})
