import { describe, expect, it } from 'vitest'
import { testApp } from '../../../test/harness.ts'

const t = await testApp()

describe('audit viewer', () => {
  it('shows an administrator the entries of their jurisdiction only', async () => {
    const province = await t.userAgent('admin', '91')
    const rachGia = await t.userAgent('admin', '30742')
    const phuQuoc = await t.userAgent('admin', '31078')
    await phuQuoc.post('/api/users', { username: 'pq.canbo', password: 'mat-khau-dai', displayName: 'Cán bộ Phú Quốc', role: 'viewer', unitCode: '31078' })
    await rachGia.post('/api/people', { fullName: 'Người Rạch Giá', unitCode: '30742' })

    const seenBy = async (agent: typeof province) => (await agent.get('/api/audit?limit=500')).json().entries as { entity: string; actorName: string; after: { username?: string } | null }[]
    const rg = await seenBy(rachGia)
    expect(rg.some((e) => e.entity === 'people')).toBe(true)
    expect(rg.some((e) => e.entity === 'users' && e.after?.username === 'pq.canbo')).toBe(false)
    expect(rg.some((e) => e.actorName === phuQuoc.username)).toBe(false)
    const all = await seenBy(province)
    expect(all.some((e) => e.entity === 'users' && e.after?.username === 'pq.canbo')).toBe(true)
    expect(all.some((e) => e.entity === 'people')).toBe(true)
  })

  it('is for administrators only', async () => {
    const viewer = await t.userAgent('viewer', '91')
    expect((await viewer.get('/api/audit')).statusCode).toBe(403)
  })
})

describe('audit entries in words', () => {
  type Entry = { action: string; entity: string; entityId: string | null; subject: string | null; actorName: string; actorDisplayName: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null }
  const entries = async (agent: { get: (u: string) => Promise<{ json: () => { entries: Entry[] } }> }, query = '') =>
    (await agent.get(`/api/audit?limit=500${query}`)).json().entries

  it('names the row an entry is about: the user, the body, the person', async () => {
    const admin = await t.userAgent('admin', '91')
    await admin.post('/api/users', { username: 'ten.de.doc', password: 'mat-khau-dai', displayName: 'Trần Thị Dễ Đọc', role: 'viewer', unitCode: '91' })
    const org = (await admin.post('/api/orgs', { name: 'Trạm Y tế xã Cần Đăng', kind: 'health_centre', unitCode: '30595' })).json()
    const all = await entries(admin)
    expect(all.find((e) => e.entity === 'users' && e.action === 'insert' && e.after?.username === 'ten.de.doc')?.subject).toBe('Trần Thị Dễ Đọc (ten.de.doc)')
    expect(all.find((e) => e.entity === 'orgs' && e.entityId === String(org.id))?.subject).toBe('Trạm Y tế xã Cần Đăng')
    const login = all.find((e) => e.action === 'login' && e.actorName === admin.username)
    expect(login?.actorDisplayName).toBe(`Thử nghiệm ${admin.username}`)
  })

  it('shows a login once: not also as an update of the user’s last login time', async () => {
    const admin = await t.userAgent('admin', '91')
    await t.login(admin.username)
    await t.login(admin.username)
    const logins = (await entries(admin, '&action=login')).filter((e) => e.actorName === admin.username)
    expect(logins.length).toBeGreaterThanOrEqual(3)
    const updates = (await entries(admin, '&entity=users')).filter((e) => e.entityId === String(admin.userId) && e.action === 'update')
    expect(updates).toEqual([])
    // the update is still recorded, only not listed
    const recorded = await t.database.db.selectFrom('auditLog').select('id').where('entity', '=', 'users').where('action', '=', 'update').where('entityId', '=', String(admin.userId)).execute()
    expect(recorded.length).toBeGreaterThanOrEqual(3)
    // a real change of a user is still listed
    expect((await admin.patch(`/api/users/${admin.userId}`, { displayName: 'Tên mới' })).statusCode).toBe(200)
    const after = (await entries(admin, '&entity=users')).filter((e) => e.action === 'update')
    expect(after.some((e) => e.after?.displayName === 'Tên mới')).toBe(true)
  })
})
