import * as argon2 from '@node-rs/argon2'
import { describe, expect, it, vi } from 'vitest'
import { LOGIN_THROTTLE } from '../../../domain/access/roles.ts'
import { TEST_PASSWORD, testApp } from '../../../test/harness.ts'

// The real hashing, watched: which hash each login attempt verifies.
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>()
  return { ...real, verify: vi.fn(real.verify) }
})

const t = await testApp()
const INVALID = 'Tên đăng nhập hoặc mật khẩu không đúng. Nếu đã nhập sai nhiều lần, vui lòng đợi vài phút rồi thử lại.'

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

  it('refuses a name and address pair after five failures, while the right password from elsewhere still works', async () => {
    const u = await t.userAgent('viewer', '91')
    const from = (remoteAddress: string, password: string) =>
      t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password }, remoteAddress })
    for (let i = 0; i < 5; i++) {
      const res = await from('10.9.0.1', 'sai-mat-khau')
      expect(res.statusCode).toBe(401)
      expect(res.json().error.message).toBe(INVALID)
    }
    // The pair is refused even with the right password, and says nothing about a lock.
    const refused = await from('10.9.0.1', TEST_PASSWORD)
    expect(refused.statusCode).toBe(401)
    expect(refused.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: INVALID } })
    // The owner, elsewhere, is not locked out.
    expect((await from('10.9.0.2', TEST_PASSWORD)).statusCode).toBe(200)
    // The refusal passes: five minutes after the fifth failure.
    t.clock.advance(6 * 60_000)
    expect((await from('10.9.0.1', TEST_PASSWORD)).statusCode).toBe(200)
  })

  it('counts guesses sent all at once one by one: the right password after them is refused too', async () => {
    const u = await t.userAgent('viewer', '91')
    const from = (password: string) => t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password }, remoteAddress: '10.9.3.1' })
    const answers = await Promise.all([...Array.from({ length: 19 }, () => from('sai-mat-khau')), from(TEST_PASSWORD)])
    expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(401))
    const counted = await t.database.db.selectFrom('loginThrottle').select('failures').where('username', '=', u.username).where('address', '=', '10.9.3.1').executeTakeFirstOrThrow()
    expect(counted.failures).toBe(5)
  })

  it('refuses a pair for longer with every further failure, and forgets it after a successful login', async () => {
    const u = await t.userAgent('viewer', '91')
    const from = (password: string) => t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password }, remoteAddress: '10.9.1.1' })
    for (let i = 0; i < 5; i++) await from('sai-mat-khau')
    t.clock.advance(6 * 60_000)
    expect((await from('sai-mat-khau')).statusCode).toBe(401) // sixth failure: ten minutes
    t.clock.advance(6 * 60_000)
    expect((await from(TEST_PASSWORD)).statusCode).toBe(401)
    t.clock.advance(5 * 60_000)
    expect((await from(TEST_PASSWORD)).statusCode).toBe(200)
    // Counting starts again: one more failure does not refuse the pair.
    expect((await from('sai-mat-khau')).statusCode).toBe(401)
    expect((await from(TEST_PASSWORD)).statusCode).toBe(200)
  })

  it('answers unknown, disabled and throttled accounts exactly like a wrong password', async () => {
    const admin = await t.userAgent('admin', '91')
    const disabled = await t.userAgent('viewer', '91')
    await admin.patch(`/api/users/${disabled.userId}`, { active: false })
    const throttled = await t.userAgent('viewer', '91')
    const attempt = (username: string, password: string, remoteAddress = '10.9.2.1') =>
      t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress })
    for (let i = 0; i < 6; i++) await attempt(throttled.username, 'sai-mat-khau')
    const answers = [
      await attempt(admin.username, 'sai-mat-khau'),
      await attempt('khong-ton-tai', 'sai-mat-khau'),
      await attempt(disabled.username, TEST_PASSWORD),
      await attempt(throttled.username, TEST_PASSWORD),
    ]
    for (const res of answers) {
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: INVALID } })
    }
  })

  it('does the same work for an unknown name as for a wrong password: a dummy hash of the same cost is verified', async () => {
    const u = await t.userAgent('viewer', '91')
    const verify = vi.mocked(argon2.verify)
    const attempt = (username: string) =>
      t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'sai-mat-khau' }, remoteAddress: '10.9.3.1' })
    verify.mockClear()
    await attempt(u.username)
    await attempt('khong-co-ai-ten-nay')
    expect(verify).toHaveBeenCalledTimes(2)
    const [real, dummy] = verify.mock.calls.map((c) => String(c[0]))
    const cost = (h: string) => h.split('$').slice(1, 4).join('$') // algorithm, version, memory/time/parallelism
    expect(dummy).not.toBe(real)
    expect(cost(dummy!)).toBe(cost(real!))
    expect(cost(real!)).toBe('argon2id$v=19$m=19456,t=2,p=1')
  })

  it('lets the owner in from a new address even when the account is under attack from many', async () => {
    const u = await t.userAgent('viewer', '91')
    for (let a = 1; a <= 3; a++) {
      for (let i = 0; i < 5; i++) {
        await t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'sai-mat-khau' }, remoteAddress: `10.9.4.${a}` })
      }
    }
    const start = performance.now()
    const res = await t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD }, remoteAddress: '10.9.4.99' })
    expect(res.statusCode).toBe(200)
    // Fifteen recent failures: a short, bounded delay.
    expect(performance.now() - start).toBeLessThan(3000)
  })

  it('a new password set by an administrator lifts the refusals', async () => {
    const admin = await t.userAgent('admin', '91')
    const u = await t.userAgent('viewer', '91')
    const attempt = (password: string) => t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password }, remoteAddress: '10.9.5.1' })
    for (let i = 0; i < 5; i++) await attempt('sai-mat-khau')
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(401)
    expect((await admin.patch(`/api/users/${u.userId}`, { password: 'mat-khau-moi-1' })).statusCode).toBe(200)
    expect((await attempt('mat-khau-moi-1')).statusCode).toBe(200)
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

  it('does not block an office behind one address for a few colleagues\' mistakes, only a flood of failures', async () => {
    const office = { remoteAddress: '10.1.2.3' }
    const u = await t.userAgent('viewer', '91')
    let last = 0
    for (let i = 0; i < 30; i++) {
      last = (await t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: `khong-co-${i}`, password: 'x' }, ...office })).statusCode
    }
    expect(last).toBe(401)
    // A colleague behind the same address signs in.
    const ok = await t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD }, ...office })
    expect(ok.statusCode).toBe(200)
    for (let i = 30; i < LOGIN_THROTTLE.addressMaxFailures; i++) {
      await t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: `khong-co-${i}`, password: 'x' }, ...office })
    }
    const flooded = await t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'khong-co', password: 'x' }, ...office })
    expect(flooded.statusCode).toBe(429)
    // Another address is unaffected.
    expect((await t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD }, remoteAddress: '10.1.2.4' })).statusCode).toBe(200)
    t.clock.advance(11 * 60_000)
    const after = await t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'khong-co', password: 'x' }, ...office })
    expect(after.statusCode).toBe(401)
  })

  it('ignores a client-sent X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const u = await t.userAgent('viewer', '91')
    const attempt = (password: string, forwardedFor: string) =>
      t.anon.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password },
        remoteAddress: '10.7.0.1',
        headers: { 'x-forwarded-for': forwardedFor },
      })
    // A new made-up address on every try does not escape the pair's count.
    for (let i = 0; i < 5; i++) await attempt('sai-mat-khau', `203.0.113.${i}`)
    expect((await attempt(TEST_PASSWORD, '203.0.113.200')).statusCode).toBe(401)
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

  it('binds users only to bodies inside the administrator\'s jurisdiction and on the user\'s own branch', async () => {
    const provinceAdmin = await t.userAgent('admin', '91')
    const body = async (name: string, kind: string, unitCode: string) => (await provinceAdmin.post('/api/orgs', { name, kind, unitCode })).json() as { id: number }
    const soYTe = await body('Sở Y tế tỉnh An Giang', 'department', '91')
    const ubndRachGia = await body('UBND phường Rạch Giá', 'peoples_committee', '30742')
    const ubndPhuQuoc = await body('UBND đặc khu Phú Quốc', 'peoples_committee', '31078')
    const communeAdmin = await t.userAgent('admin', '30742')
    const officer = { password: 'mat-khau-dai', displayName: 'Cán bộ', role: 'commune', unitCode: '30742' }

    // A commune administrator cannot make someone speak for the provincial Department of Health…
    const created = await communeAdmin.post('/api/users', { ...officer, username: 'rg.soyte', orgId: soYTe.id })
    expect(created.statusCode).toBe(403)
    expect(created.json().error.code).toBe('ORG_OUTSIDE_JURISDICTION')
    expect(created.json().error.message).toBe('Không thể gắn người dùng với "Sở Y tế tỉnh An Giang": cơ quan này nằm ngoài địa bàn bạn được phân quyền.')
    // …nor re-bind an existing user to it.
    const own = await communeAdmin.post('/api/users', { ...officer, username: 'rg.ubnd', orgId: ubndRachGia.id })
    expect(own.statusCode).toBe(201)
    const rebind = await communeAdmin.patch(`/api/users/${own.json().id}`, { orgId: soYTe.id })
    expect(rebind.statusCode).toBe(403)
    expect(rebind.json().error.code).toBe('ORG_OUTSIDE_JURISDICTION')

    // The province administrator can.
    expect((await provinceAdmin.post('/api/users', { ...officer, username: 'rg.soyte', orgId: soYTe.id })).statusCode).toBe(201)
    const bound = await provinceAdmin.patch(`/api/users/${own.json().id}`, { orgId: soYTe.id })
    expect(bound.statusCode).toBe(200)
    expect(bound.json().orgId).toBe(soYTe.id)
    // Changing only the unit re-checks the binding the user already has.
    expect((await communeAdmin.patch(`/api/users/${own.json().id}`, { unitCode: '30742' })).statusCode).toBe(403)
    expect((await communeAdmin.patch(`/api/users/${own.json().id}`, { displayName: 'Cán bộ phường' })).statusCode).toBe(200)

    // Not even the province administrator binds an officer to another commune's body.
    const otherCommune = await provinceAdmin.post('/api/users', { ...officer, username: 'rg.pq', orgId: ubndPhuQuoc.id })
    expect(otherCommune.statusCode).toBe(403)
    expect(otherCommune.json().error.code).toBe('ORG_OUTSIDE_USER_UNIT')
    const moving = (await provinceAdmin.post('/api/users', { ...officer, username: 'rg.chuyen', orgId: ubndRachGia.id })).json()
    expect((await provinceAdmin.patch(`/api/users/${moving.id}`, { unitCode: '31078' })).json().error.code).toBe('ORG_OUTSIDE_USER_UNIT')
    expect((await provinceAdmin.patch(`/api/users/${moving.id}`, { unitCode: '31078', orgId: ubndPhuQuoc.id })).statusCode).toBe(200)
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
