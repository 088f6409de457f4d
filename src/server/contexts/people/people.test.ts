import { describe, expect, it } from 'vitest'
import { testApp } from '../../../test/harness.ts'

const t = await testApp()

describe('people', () => {
  it('records every read of a person’s record in the audit log', async () => {
    const tracer = await t.userAgent('tracer', '30742')
    const created = (await tracer.post('/api/people', { fullName: 'Trần Thị Bé', unitCode: '30742', nationalId: '091190000123' })).json()
    const before = await t.database.db.selectFrom('auditLog').select('id').where('action', '=', 'read').where('entity', '=', 'people').execute()
    expect((await tracer.get(`/api/people/${created.id}`)).json().fullName).toBe('Trần Thị Bé')
    const list = (await tracer.get('/api/people?q=tran%20thi%20be')).json().people
    expect(list.map((p: { id: number }) => p.id)).toContain(created.id)
    const reads = await t.database.db.selectFrom('auditLog').selectAll().where('action', '=', 'read').where('entity', '=', 'people').execute()
    expect(reads.length - before.length).toBe(2)
    expect(reads.every((r) => r.actorName === tracer.username)).toBe(true)
  })

  it('hides people outside the caller’s unit subtree from searches', async () => {
    const rg = await t.userAgent('tracer', '30742')
    const pq = await t.userAgent('tracer', '31078')
    await rg.post('/api/people', { fullName: 'Lâm Văn Riêng', unitCode: '30742' })
    expect((await pq.get('/api/people?q=lam%20van%20rieng')).json().people).toEqual([])
    const province = await t.userAgent('steering', '91')
    expect((await province.get('/api/people?q=lam%20van%20rieng')).json().people).toHaveLength(1)
  })

  it('refuses a duplicate CCCD with a clear message', async () => {
    const tracer = await t.userAgent('tracer', '91')
    await tracer.post('/api/people', { fullName: 'A', unitCode: '30742', nationalId: '091200000999' })
    const dup = await tracer.post('/api/people', { fullName: 'B', unitCode: '30742', nationalId: '091200000999' })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error.message).toMatch(/đã tồn tại/)
  })

  it('keeps the audit log append-only', async () => {
    await expect(t.database.db.deleteFrom('auditLog').execute()).rejects.toThrow(/append-only/)
    await expect(t.database.db.updateTable('auditLog').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/)
  })
})
