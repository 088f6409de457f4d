import { describe, expect, it } from 'vitest'
import { testApp } from '../../../test/harness.ts'

const t = await testApp()

describe('GET /api/health', () => {
  it('answers ok with the engine in use, without a session', async () => {
    const res = await t.anon.get('/api/health')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok', db: process.env.DATABASE_URL ? 'postgres' : 'embedded', version: 'test' })
  })
  it('publishes an OpenAPI document listing every API route', async () => {
    const res = await t.anon.get('/api/openapi.json')
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    const documented = new Set(Object.keys(doc.paths).map((p: string) => p.replace(/\{(\w+)\}/g, ':$1')))
    for (const p of ['/api/units/:code', '/api/units/search', '/api/auth/login', '/api/people/:id', '/api/jobs/:id/cancel']) {
      expect(documented.has(p), p).toBe(true)
    }
  })
})
