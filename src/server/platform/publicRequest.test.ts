import type { FastifyRequest } from 'fastify'
import { describe, expect, it } from 'vitest'
import { Clock } from '../../test/harness.ts'
import { type Access, isWithin } from './context.ts'
import { AppError } from './errors.ts'
import { publicContext, publicRateLimit } from './publicRequest.ts'

/** A request as the helpers read it: its address, id, session and the server's clock and database. */
function request(opts: { ip?: string; clock?: Clock; access?: Access }): FastifyRequest {
  const clock = opts.clock ?? new Clock()
  return {
    ip: opts.ip ?? '203.0.113.5',
    id: 'req-1',
    session: opts.access ? { access: opts.access } : null,
    server: { deps: { db: { name: 'db' }, now: clock.now } },
  } as unknown as FastifyRequest
}

/** The error a call throws, or null. */
function thrown(fn: () => void): AppError | null {
  try {
    fn()
    return null
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
}

const MINUTE = 60_000

describe('public context', () => {
  const ctxOf = publicContext({ username: 'duong-dan-thu', displayName: 'Người dùng đường dẫn thử' })

  it('acts as the named anonymous caller, with no user and no jurisdiction', () => {
    const req = request({})
    const ctx = ctxOf(req)
    expect(ctx.access).toEqual({ userId: null, username: 'duong-dan-thu', displayName: 'Người dùng đường dẫn thử', role: 'viewer', unitId: null, unitPath: '/-/', orgId: null })
    expect(ctx.requestId).toBe('req-1')
    expect(ctx.db).toBe(req.server.deps.db)
    expect(ctx.now().toISOString()).toBe('2026-11-26T03:00:00.000Z')
    for (const path of ['/', '/91/', '/91/899/30742/', '/79/']) expect(isWithin(ctx.access, path), path).toBe(false)
  })

  it('acts as the signed-in user when there is one', () => {
    const officer: Access = { userId: 7, username: 'tramyte', displayName: 'Trạm y tế', role: 'commune', unitId: '30742', unitPath: '/91/899/30742/', orgId: null }
    expect(ctxOf(request({ access: officer })).access).toBe(officer)
  })
})

describe('public rate limit', () => {
  const message = (minutes: number) => `Đợi ${minutes} phút.`

  it('refuses an address over its window with 429 and the minutes to wait, without counting the refusal', () => {
    const clock = new Clock()
    const take = publicRateLimit({ perAddress: 3, perAddressWindowMs: 10 * MINUTE }, message)
    const req = request({ clock })
    for (let i = 0; i < 3; i++) {
      take(req)
      clock.advance(MINUTE)
    }
    const refused = thrown(() => take(req))
    expect(refused?.status).toBe(429)
    expect(refused?.code).toBe('TOO_MANY_REQUESTS')
    // The first request leaves the window 10 minutes after it was made: 7 minutes from now.
    expect(refused?.message).toBe('Đợi 7 phút.')
    // Another address is not held back.
    expect(thrown(() => take(request({ clock, ip: '203.0.113.6' })))).toBeNull()
    // The window slides: once the first request has left it, one more is taken, then refused again.
    clock.advance(7 * MINUTE)
    expect(thrown(() => take(req))).toBeNull()
    expect(thrown(() => take(req))?.status).toBe(429)
  })

  it('counts an IPv6 client by its /64 network and an IPv4-mapped address as the IPv4 address', () => {
    const clock = new Clock()
    const take = publicRateLimit({ perAddress: 2, perAddressWindowMs: 10 * MINUTE }, message)
    take(request({ clock, ip: '2001:db8:1:2::1' }))
    take(request({ clock, ip: '2001:db8:1:2:ffff::9' }))
    expect(thrown(() => take(request({ clock, ip: '2001:db8:1:2:abcd::1' })))?.status).toBe(429)
    expect(thrown(() => take(request({ clock, ip: '2001:db8:1:3::1' })))).toBeNull()
    take(request({ clock, ip: '198.51.100.1' }))
    take(request({ clock, ip: '::ffff:198.51.100.1' }))
    expect(thrown(() => take(request({ clock, ip: '198.51.100.1' })))?.status).toBe(429)
  })

  it('counts per link only the requests naming one, and a link across addresses', () => {
    const clock = new Clock()
    const take = publicRateLimit({ perAddress: 100, perAddressWindowMs: 10 * MINUTE, perLink: 2, perLinkWindowMs: 60 * MINUTE }, message)
    for (let i = 0; i < 5; i++) take(request({ clock }), null)
    take(request({ clock, ip: '192.0.2.1' }), 'link-a')
    take(request({ clock, ip: '192.0.2.2' }), 'link-a')
    const refused = thrown(() => take(request({ clock, ip: '192.0.2.3' }), 'link-a'))
    expect(refused?.message).toBe('Đợi 60 phút.')
    expect(thrown(() => take(request({ clock, ip: '192.0.2.3' }), 'link-b'))).toBeNull()
    expect(thrown(() => take(request({ clock, ip: '192.0.2.3' })))).toBeNull()
  })

  it('holds everyone together to the overall window when there is one', () => {
    const clock = new Clock()
    const take = publicRateLimit({ perAddress: 5, perAddressWindowMs: 10 * MINUTE, overall: 3, overallWindowMs: 10 * MINUTE }, message)
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) take(request({ clock, ip }))
    expect(thrown(() => take(request({ clock, ip: '192.0.2.4' })))?.status).toBe(429)
    // A second limit keeps windows of its own.
    const other = publicRateLimit({ perAddress: 5, perAddressWindowMs: 10 * MINUTE, overall: 3, overallWindowMs: 10 * MINUTE }, message)
    expect(thrown(() => other(request({ clock, ip: '192.0.2.4' })))).toBeNull()
  })
})
