import { describe, expect, it } from 'vitest'
import { testApp } from '../../../test/harness.ts'

const t = await testApp()

describe('organisations', () => {
  it('finds bodies by name or alias whatever the diacritics, and by ids', async () => {
    const admin = await t.userAgent('admin', '91')
    const created = (await admin.post('/api/orgs', { name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy', kind: 'party_board', unitCode: '91', aliases: ['Ban Tuyên giáo Tỉnh ủy', 'BTGDV'] })).json()
    for (const q of ['tuyen giao', 'BTGDV', 'dân vận']) {
      const found = (await admin.get(`/api/orgs?q=${encodeURIComponent(q)}`)).json().orgs
      expect(found.map((o: { id: number }) => o.id), q).toContain(created.id)
    }
    expect((await admin.get(`/api/orgs?ids=${created.id}`)).json().orgs).toHaveLength(1)
  })

  it('expands addressee groups to their member bodies', async () => {
    const admin = await t.userAgent('admin', '91')
    const syt = (await admin.post('/api/orgs', { name: 'Sở Y tế', kind: 'department', unitCode: '91' })).json()
    await t.database.db
      .insertInto('orgGroups')
      .values({ key: 'cac_so', name: 'Các sở, ban, ngành', aliases: [], members: JSON.stringify({ kinds: ['department'] }) })
      .execute()
    const groups = (await admin.get('/api/orgs/groups')).json().groups
    expect(groups.find((g: { key: string }) => g.key === 'cac_so').memberIds).toContain(syt.id)
  })

  it('keeps writes inside the jurisdiction and refuses a body as its own parent', async () => {
    const communeAdmin = await t.userAgent('admin', '30742')
    expect((await communeAdmin.post('/api/orgs', { name: 'Tổ phản ứng nhanh', kind: 'other', unitCode: '31078' })).statusCode).toBe(403)
    const own = (await communeAdmin.post('/api/orgs', { name: 'Tổ phản ứng nhanh', kind: 'other', unitCode: '30742' })).json()
    const self = await communeAdmin.patch(`/api/orgs/${own.id}`, { parentId: own.id })
    expect(self.json().error.code).toBe('ORG_PARENT_SELF')
  })
})
