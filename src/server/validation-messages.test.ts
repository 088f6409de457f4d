import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../test/harness.ts'

const t = await testApp()
let admin: Agent

beforeAll(async () => {
  admin = await t.userAgent('admin', '91')
})

const messageOf = async (res: Promise<{ statusCode: number; json: () => { error: { message: string } } }>) => {
  const r = await res
  expect(r.statusCode).toBe(400)
  return r.json().error.message
}

describe('form errors say in Vietnamese what is wrong', () => {
  const user = { username: 'nguoi.dung', password: 'mat-khau-dai', displayName: 'Người dùng', role: 'viewer', unitCode: '91' }

  it('a username of spaces is empty, not just invalid', async () => {
    expect(await messageOf(admin.post('/api/users', { ...user, username: '   ' }))).toBe('Dữ liệu không hợp lệ (body/username): Tên đăng nhập không được để trống.')
    expect(await messageOf(admin.post('/api/users', { ...user, username: 'a b' }))).toContain('Tên đăng nhập 3–40 ký tự')
    expect(await messageOf(admin.post('/api/users', { ...user, displayName: '  ' }))).toContain('Họ tên không được để trống')
    expect(await messageOf(admin.post('/api/users', { ...user, role: 'king' }))).toContain('Hãy chọn một vai trò')
    expect(await messageOf(admin.post('/api/users', { ...user, password: 'ngan' }))).toContain('ít nhất 8 ký tự')
  })

  it('people, bodies and local units name their empty fields', async () => {
    expect(await messageOf(admin.post('/api/people', { fullName: ' ', unitCode: '30742' }))).toContain('Họ tên không được để trống')
    expect(await messageOf(admin.post('/api/people', { fullName: 'A', unitCode: '30742', birthYear: 1800 }))).toContain('Năm sinh từ 1900')
    expect(await messageOf(admin.post('/api/orgs', { name: '   ', kind: 'health_centre', unitCode: '91' }))).toContain('Tên cơ quan không được để trống')
    expect(await messageOf(admin.post('/api/orgs', { name: 'Sở', kind: 'nothing', unitCode: '91' }))).toContain('Hãy chọn loại cơ quan')
    expect(await messageOf(admin.post('/api/units/30742/children', { name: ' ', unitType: 'ap' }))).toContain('Tên không được để trống')
  })

  it('the login form too', async () => {
    expect(await messageOf(t.anon.post('/api/auth/login', { username: '  ', password: 'x' }))).toContain('Tên đăng nhập không được để trống')
  })
})
