import type { LightMyRequestResponse } from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../test/harness.ts'
import { createFixtures, type Fixtures, HOME_COMMUNE, isWrite, OTHER_COMMUNE, OTHER_PROVINCE, routeKey, runOrder, type Sample, samples } from '../test/route-samples.ts'
import { maxAuditId } from './contexts/audit/repo.ts'
import type { RouteInfo } from './platform/routes.ts'

// Cross-cutting guarantees checked against every registered route, so routes added later are covered.
const t = await testApp()
let fixtures: Fixtures
let provinceAdmin: Agent & { userId: number; username: string }

beforeAll(async () => {
  provinceAdmin = await t.userAgent('admin', '91')
  fixtures = await createFixtures(t, provinceAdmin.userId)
})

/** The sample request of route `r`, sent by `agent`. */
const send = (agent: Agent, r: RouteInfo, s: Sample) =>
  agent.request({ method: r.method as 'GET', url: s.url, ...(s.headers ? { headers: s.headers } : {}), ...(s.body === undefined ? {} : { payload: s.body as object }) })

/** A refusal: 403 or 404 with a Vietnamese message. */
function expectRefused(res: LightMyRequestResponse, what: string) {
  expect([403, 404], `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode)
  expect(res.json().error.message, what).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôồốộổỗơờớợởỡưừứựửữ]/)
}

/** The readable text of an answer: JSON as is, the generated .docx, .pdf and .xlsx as their text. */
async function textOf(res: LightMyRequestResponse): Promise<string> {
  const type = String(res.headers['content-type'] ?? '')
  if (type.includes('wordprocessingml')) return (await (await import('mammoth')).default.extractRawText({ buffer: res.rawPayload })).value
  if (type.includes('spreadsheetml')) {
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const cells: string[] = []
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text)))))
    return cells.join('\n')
  }
  if (type.includes('pdf')) return (await (await import('unpdf')).extractText(new Uint8Array(res.rawPayload), { mergePages: true })).text
  return res.body
}

/**
 * Directive reads that may answer a caller of another province with an empty picture rather than
 * a refusal; every other directive route refuses them.
 */
const EMPTY_FOR_OUTSIDERS = new Set([
  'GET /api/directives',
  'GET /api/directives/dashboard',
  'GET /api/directives/synthesis.docx',
  'GET /api/directives/synthesis.pdf',
  'GET /api/directives/synthesis.xlsx',
  'POST /api/directives/parse', // reads only the posted text and the body registry; saves nothing
])

/**
 * Routes that take a unit, a body or a stored file of the home commune but serve it to everyone,
 * each with the reason. Keep this list short.
 */
const PUBLIC_REFERENCE: Record<string, string> = {
  'GET /api/units/:code': 'the unit registry is public reference data',
  'GET /api/units/:code/children': 'the unit registry is public reference data',
  'GET /api/units/:code/history': 'the unit registry is public reference data',
  'GET /api/units/:code/map': 'boundaries and populations are public reference data',
  'GET /api/orgs/:id': 'the body registry (names, heads) is reference data for the whole province',
  'GET /api/directives/:id/files/:fileId': "a province directive's original goes to every unit of the province (other provinces: tested above)",
}

/**
 * What a sample request names in the home commune: the commune or one of its hamlets, one of its
 * bodies (by id, or their assignment or report) or a stored file; null when nothing.
 */
function homeReference(s: Sample, f: Fixtures): string | null {
  const body = JSON.stringify(s.body ?? null)
  if (s.url.includes(HOME_COMMUNE) || body.includes(HOME_COMMUNE)) return 'unit'
  const bodies = [f.orgId, f.otherOrgId]
  if (bodies.some((id) => new RegExp(`/orgs/${id}(/|\\?|$)`).test(s.url)) || namesBody(s.body, bodies)) return 'body'
  if (s.url.includes(`/assignments/${f.assignmentId}`) || s.url.includes(`/reports/${f.reportId}`)) return 'body'
  if (/\/files\//.test(s.url)) return 'file'
  return null
}

function namesBody(value: unknown, ids: number[]): boolean {
  if (Array.isArray(value)) return value.some((v) => namesBody(v, ids))
  if (!value || typeof value !== 'object') return false
  return Object.entries(value).some(([k, v]) =>
    /orgId$|^lead$|^coordinating$|^memberIds$/i.test(k) ? [v].flat().some((x) => ids.includes(x as number)) : namesBody(v, ids),
  )
}

/** Route patterns that take a unit, a body or a file by their path: their samples must name the home commune's. */
const takesUnitBodyOrFile = (r: RouteInfo) => /:code\b|:fileId\b|\/orgs\/:id\b/.test(r.url)

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

  it('shows nothing of the province’s directives to a user of another province', async () => {
    // An administrator of Hà Nội has every permission, so only visibility can refuse.
    const outsider = await t.userAgent('admin', OTHER_PROVINCE)
    const table = samples(fixtures)
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/directives'))
    expect(routes.length).toBeGreaterThanOrEqual(20)
    const marks = ['1-CV/MAU', 'V/v mẫu']
    for (const r of routes) {
      const res = await send(outsider, r, table[routeKey(r)]!)
      if (EMPTY_FOR_OUTSIDERS.has(routeKey(r)) && res.statusCode < 400) {
        expect(res.statusCode, `${routeKey(r)}: ${res.body.slice(0, 300)}`).toBe(200)
        const text = await textOf(res)
        for (const m of marks) expect(text, routeKey(r)).not.toContain(m)
      } else {
        expectRefused(res, routeKey(r))
      }
    }
    // The same reads show the directive to the province.
    for (const key of [...EMPTY_FOR_OUTSIDERS].filter((k) => k.startsWith('GET '))) {
      const res = await provinceAdmin.get(table[key]!.url)
      expect(res.statusCode, key).toBe(200)
      expect(await textOf(res), key).toContain('1-CV/MAU')
    }
  })

  it('refuses a unit, body or file of a commune to another commune and another province', async () => {
    const table = samples(fixtures)
    for (const key of Object.keys(PUBLIC_REFERENCE)) expect(t.app.routeTable.map(routeKey), 'stale exclusion').toContain(key)
    const unnamed = t.app.routeTable.filter((r) => takesUnitBodyOrFile(r) && !(routeKey(r) in PUBLIC_REFERENCE) && !homeReference(table[routeKey(r)]!, fixtures))
    expect(unnamed.map(routeKey), 'samples must name a unit, body or file of the home commune').toEqual([])
    const scoped = t.app.routeTable.filter((r) => !r.public && !(routeKey(r) in PUBLIC_REFERENCE) && (r.personal || homeReference(table[routeKey(r)]!, fixtures)))
    expect(scoped.length).toBeGreaterThanOrEqual(20)
    const outsiders = { 'another commune': await t.userAgent('admin', OTHER_COMMUNE), 'another province': await t.userAgent('admin', OTHER_PROVINCE) }
    for (const [who, agent] of Object.entries(outsiders)) {
      for (const r of scoped) expectRefused(await send(agent, r, table[routeKey(r)]!), `${who}: ${routeKey(r)}`)
    }
    // The same reads succeed in the home commune.
    const insider = await t.userAgent('admin', HOME_COMMUNE)
    for (const r of scoped.filter((r) => !isWrite(r))) {
      const res = await send(insider, r, table[routeKey(r)]!)
      expect(res.statusCode, `${routeKey(r)}: ${res.body.slice(0, 300)}`).toBe(200)
    }
  })

  it('writes an audit entry for every write route, naming the actor', async () => {
    const table = samples(fixtures)
    for (const r of runOrder(t.app.routeTable.filter(isWrite))) {
      const s = table[routeKey(r)]!
      const before = await maxAuditId(t.database.db)
      const res = await send(provinceAdmin, r, s)
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
      const res = await send(outsider, r, s)
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
