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
