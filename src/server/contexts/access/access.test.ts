import { describe, expect, it } from 'vitest'
import { TEST_PASSWORD, testApp } from '../../../test/harness.ts'

const t = await testApp()

describe('login and sessions', () => {
  it('sets an httpOnly SameSite session cookie and returns the CSRF token', async () => {
    const u = await t.userAgent('viewer', '91')
    const res = await t.anon.post('/api/auth/login', { username: u.username, password: TEST_PASSWORD })
    expect(res.statusCode).toBe(200)
    const cookie = res.cookies.find((c) => c.name === 'pd_session')!
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Strict')
    expect(res.json().csrfToken).toMatch(/^[\w-]{20,}$/)
    expect(res.json().user.role).toBe('viewer')
    const me = await u.get('/api/auth/me')
    expect(me.json().user.username).toBe(u.username)
  })

  it('answers a wrong password in Vietnamese and locks the account after five failures', async () => {
    const u = await t.userAgent('viewer', '91')
    for (let i = 0; i < 5; i++) {
      const res = await t.anon.post('/api/auth/login', { username: u.username, password: 'sai-mat-khau' })
      expect(res.statusCode).toBe(401)
      expect(res.json().error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.')
    }
    const locked = await t.anon.post('/api/auth/login', { username: u.username, password: TEST_PASSWORD })
    expect(locked.statusCode).toBe(423)
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED')
    t.clock.advance(16 * 60_000)
    const again = await t.anon.post('/api/auth/login', { username: u.username, password: TEST_PASSWORD })
    expect(again.statusCode).toBe(200)
  })

  it('expires sessions after twelve idle hours', async () => {
    const u = await t.userAgent('viewer', '91')
    expect((await u.get('/api/auth/me')).statusCode).toBe(200)
    t.clock.advance(13 * 3600_000)
    expect((await u.get('/api/auth/me')).statusCode).toBe(401)
  })

  it('ends the session on logout', async () => {
    const u = await t.userAgent('viewer', '91')
    expect((await u.post('/api/auth/logout')).statusCode).toBe(200)
    expect((await u.get('/api/auth/me')).statusCode).toBe(401)
  })

  it('slows down repeated failed logins from one address, not successful ones', async () => {
    const other = { remoteAddress: '10.1.2.3' }
    let last = 0
    for (let i = 0; i < 21; i++) {
      last = (await t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: `khong-co-${i}`, password: 'x' }, ...other })).statusCode
    }
    expect(last).toBe(429)
    // Another address is unaffected.
    const u = await t.userAgent('viewer', '91')
    expect((await u.get('/api/auth/me')).statusCode).toBe(200)
    t.clock.advance(11 * 60_000)
    const after = await t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'khong-co', password: 'x' }, ...other })
    expect(after.statusCode).toBe(401)
  })
})

describe('users and roles', () => {
  it('lets an administrator create users only inside their jurisdiction', async () => {
    const communeAdmin = await t.userAgent('admin', '30742')
    const inside = await communeAdmin.post('/api/users', { username: 'canbo.rg', password: 'mat-khau-dai', displayName: 'Cán bộ', role: 'commune', unitCode: '30742' })
    expect(inside.statusCode).toBe(201)
    const outside = await communeAdmin.post('/api/users', { username: 'canbo.pq', password: 'mat-khau-dai', displayName: 'Cán bộ', role: 'commune', unitCode: '31078' })
    expect(outside.statusCode).toBe(403)
    const dup = await communeAdmin.post('/api/users', { username: 'canbo.rg', password: 'mat-khau-dai', displayName: 'Cán bộ', role: 'commune', unitCode: '30742' })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error.code).toBe('USERNAME_TAKEN')
  })

  it('stores passwords as argon2id hashes', async () => {
    const u = await t.userAgent('viewer', '91')
    const row = await t.database.db.selectFrom('users').select('passwordHash').where('id', '=', u.userId).executeTakeFirstOrThrow()
    expect(row.passwordHash).toMatch(/^\$argon2id\$/)
  })

  it('deactivating a user ends their sessions', async () => {
    const admin = await t.userAgent('admin', '91')
    const u = await t.userAgent('tracer', '91')
    expect((await admin.patch(`/api/users/${u.userId}`, { active: false })).statusCode).toBe(200)
    expect((await u.get('/api/auth/me')).statusCode).toBe(401)
  })

  it('keeps permissions per role: a viewer cannot administer users', async () => {
    const viewer = await t.userAgent('viewer', '91')
    expect((await viewer.get('/api/users')).statusCode).toBe(403)
    const roles = (await viewer.get('/api/roles')).json().roles
    expect(roles.map((r: { key: string }) => r.key)).toEqual(['admin', 'steering', 'office', 'health', 'tracer', 'quarantine', 'care', 'commune', 'border', 'viewer'])
  })
})
