import { describe, expect, it } from 'vitest'
import { testApp } from '../test/harness.ts'
import { CSRF_HEADER, ERROR_STATUSES } from './platform/openapi.ts'

const t = await testApp()

type Operation = {
  parameters?: { in: string; name: string; required?: boolean }[]
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: { properties?: Record<string, { properties?: Record<string, unknown> }> } }> }>
}

describe('the OpenAPI document', () => {
  it('describes for every operation its success, the error body on every error status, and the CSRF header on state changes', async () => {
    const res = await t.anon.get('/api/openapi.json')
    expect(res.statusCode).toBe(200)
    const doc = res.json() as { paths: Record<string, Record<string, Operation>> }
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })))
    expect(operations.length).toBeGreaterThan(40)
    const problems: string[] = []
    for (const { path, method, op } of operations) {
      const name = `${method} ${path}`
      const responses = op.responses ?? {}
      if (!Object.keys(responses).some((c) => /^2/.test(c))) problems.push(`${name}: no success response`)
      for (const status of Object.keys(ERROR_STATUSES)) {
        const error = responses[status]?.content?.['application/json']?.schema?.properties?.error?.properties
        if (!error || !('code' in error) || !('message' in error)) problems.push(`${name}: ${status} without the error body`)
      }
      // Routes reachable without a session (login, health, a patient's personal link) take no CSRF token.
      const isPublic = t.app.routeTable.some((r) => r.public && r.method === method && r.url.replace(/:(\w+)/g, '{$1}') === path)
      if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) && !isPublic) {
        const csrf = op.parameters?.find((p) => p.in === 'header' && p.name === CSRF_HEADER)
        if (!csrf?.required) problems.push(`${name}: no ${CSRF_HEADER} header`)
      }
    }
    expect(problems).toEqual([])
  })

  it('leaves the answers themselves unchanged', async () => {
    const health = await t.anon.get('/api/health')
    expect(health.statusCode).toBe(200)
    const unauthenticated = await t.anon.get('/api/orgs')
    expect(unauthenticated.statusCode).toBe(401)
    expect(unauthenticated.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Vui lòng đăng nhập.' } })
    const admin = await t.userAgent('admin', '91')
    const bad = await admin.post('/api/orgs', { name: '', kind: 'health_centre', unitCode: '91' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details).toBeDefined()
  })
})
