import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../test/harness.ts'
import type { RouteInfo } from './platform/routes.ts'

// Whatever arrives, the API answers with a 2xx/4xx and, for errors, {error: {code, message}}: never a 500.
const t = await testApp()
let admin: Agent

beforeAll(async () => {
  admin = await t.userAgent('admin', '91')
})

const segment = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer().map(String),
  fc.constantFrom('91', '30742', '0', '-1', '99999999999999999999', '1e9', '%00', '..', 'null', '31078.01'),
)
const query = fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(fc.string({ maxLength: 40 }), fc.integer().map(String)), { maxKeys: 4 })
const body = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.object({ maxDepth: 2 }),
  fc.record({ name: fc.string(), unitCode: segment, kind: fc.string(), fullName: fc.string(), username: fc.string(), password: fc.string() }, { requiredKeys: [] }),
)
const rawBody = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{', '{"a":', '[1,2', 'null', '""', '{"__proto__":{"x":1}}', '\u0000'))

function fillPath(url: string, values: string[]): string {
  let i = 0
  return url.replace(/:(\w+)/g, () => encodeURIComponent(values[i++] ?? 'x'))
}

function expectCleanAnswer(r: RouteInfo, res: { statusCode: number; json(): { error?: { code?: unknown; message?: unknown } } }) {
  expect(res.statusCode, `${r.method} ${r.url}`).toBeLessThan(500)
  if (res.statusCode >= 400) {
    const err = res.json().error
    expect(typeof err?.code).toBe('string')
    expect(typeof err?.message).toBe('string')
  }
}

describe('bad input on every route', () => {
  const skip = new Set(['/api/auth/logout'])

  // Every route of every context, fifteen runs each: its time grows with the routes.
  it('never answers 500 to random parameters, queries and JSON bodies', { timeout: 180_000 }, async () => {
    for (const r of t.app.routeTable.filter((r) => !skip.has(r.url))) {
      await fc.assert(
        fc.asyncProperty(fc.array(segment, { minLength: 3, maxLength: 3 }), query, body, async (params, q, b) => {
          const url = `${fillPath(r.url, params)}?${new URLSearchParams(q).toString()}`
          const res = await admin.request({ method: r.method as 'POST', url, ...(r.method === 'GET' ? {} : { payload: JSON.stringify(b) ?? 'null', headers: { 'content-type': 'application/json' } }) })
          expectCleanAnswer(r, res)
        }),
        { numRuns: 15, seed: 42 },
      )
    }
  })

  it('never answers 500 to malformed JSON or odd content types', async () => {
    for (const r of t.app.routeTable.filter((r) => r.method !== 'GET' && !skip.has(r.url))) {
      await fc.assert(
        fc.asyncProperty(rawBody, fc.constantFrom('application/json', 'text/plain', 'application/xml', 'multipart/form-data'), async (raw, type) => {
          const res = await admin.request({ method: r.method as 'POST', url: fillPath(r.url, ['30742', '1']), payload: raw, headers: { 'content-type': type } })
          expectCleanAnswer(r, res)
        }),
        { numRuns: 10, seed: 7 },
      )
    }
  })

  it('rejects oversized bodies with 413', async () => {
    const res = await admin.post('/api/people', { fullName: 'x'.repeat(2 * 1024 * 1024), unitCode: '30742' })
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('BODY_TOO_LARGE')
  })

  it('rejects unknown fields and wrong types with a Vietnamese message', async () => {
    const res = await admin.post('/api/people', { fullName: 'Trần Văn A', unitCode: '30742', hacker: true })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('VALIDATION')
    expect(res.json().error.message).toContain('Dữ liệu không hợp lệ')
    const wrongType = await admin.post('/api/people', { fullName: 42, unitCode: '30742' })
    expect(wrongType.statusCode).toBe(400)
  })

  it('answers unknown unit codes with 404 and a Vietnamese message', async () => {
    const res = await admin.get('/api/units/99999')
    expect(res.statusCode).toBe(404)
    expect(res.json().error.message).toBe('Không tìm thấy đơn vị hành chính mã 99999.')
  })
})
