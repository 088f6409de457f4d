import { beforeAll, describe, expect, it } from 'vitest'
import { vietnameseSortKey } from '../../../domain/text/sortKey.ts'
import { type Agent, testApp } from '../../../test/harness.ts'

const t = await testApp()
let admin: Agent

beforeAll(async () => {
  admin = await t.userAgent('admin', '91')
})

const comesBefore = (names: string[], a: string, b: string) => {
  expect(names).toContain(a)
  expect(names).toContain(b)
  expect(names.indexOf(a)).toBeLessThan(names.indexOf(b))
}

describe('lists in Vietnamese dictionary order', () => {
  it('every unit of the registry has its sort key after the migrations', async () => {
    const missing = await t.database.db.selectFrom('units').select('id').where('nameSort', 'is', null).limit(1).execute()
    expect(missing).toEqual([])
    const row = await t.database.db.selectFrom('units').select(['name', 'nameSort']).where('id', '=', '2025:30595').executeTakeFirstOrThrow()
    expect(row.nameSort).toBe(vietnameseSortKey(row.name))
  })

  it('lists a province’s communes with “Cần Đăng” before “Cù Lao Giêng” and “Dương” before “Đông”', async () => {
    const res = await admin.get('/api/units/91/children')
    const names = (res.json().children as { name: string }[]).map((c) => c.name)
    comesBefore(names, 'Cần Đăng', 'Cù Lao Giêng')
    const sorted = [...names].sort((a, b) => (vietnameseSortKey(a) < vietnameseSortKey(b) ? -1 : 1))
    expect(names).toEqual(sorted)
  })

  it('lists bodies by name in the same order, new and renamed ones included, with the total for paging', async () => {
    const made = []
    for (const [name, unitCode] of [
      ['Trạm Y tế xã Cù Lao Giêng', '30643'],
      ['Trạm Y tế xã Cần Đăng', '30595'],
      ['Trạm Y tế xã Zê', '30595'],
    ]) {
      const res = await admin.post('/api/orgs', { name, kind: 'health_centre', unitCode })
      expect(res.statusCode).toBe(201)
      made.push(res.json().id as number)
    }
    // a rename keeps the order current
    expect((await admin.patch(`/api/orgs/${made[2]}`, { name: 'Trạm Y tế xã Đa Phước' })).statusCode).toBe(200)
    const res = await admin.get(`/api/orgs?q=${encodeURIComponent('Trạm Y tế xã')}&limit=500`)
    const body = res.json() as { orgs: { name: string }[]; total: number }
    const names = body.orgs.map((o) => o.name)
    comesBefore(names, 'Trạm Y tế xã Cần Đăng', 'Trạm Y tế xã Cù Lao Giêng')
    comesBefore(names, 'Trạm Y tế xã Cù Lao Giêng', 'Trạm Y tế xã Đa Phước')
    expect(body.total).toBe(names.length)
    const page = (await admin.get(`/api/orgs?q=${encodeURIComponent('Trạm Y tế xã')}&limit=1&offset=1`)).json()
    expect(page.orgs).toHaveLength(1)
    expect(page.orgs[0].name).toBe(names[1])
    expect(page.total).toBe(body.total)
  })

  it('lists users by display name', async () => {
    for (const [username, displayName] of [
      ['cu_lao', 'Xã Cù Lao Giêng'],
      ['can_dang', 'Xã Cần Đăng'],
    ]) {
      const res = await admin.post('/api/users', { username, password: 'mat-khau-dai-du', displayName, role: 'viewer', unitCode: '91' })
      expect(res.statusCode).toBe(201)
    }
    const users = (await admin.get('/api/users')).json()
    const names = (Array.isArray(users) ? users : users.users).map((u: { displayName: string }) => u.displayName)
    comesBefore(names, 'Xã Cần Đăng', 'Xã Cù Lao Giêng')
  })
})
