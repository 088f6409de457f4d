import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../../../test/harness.ts'
import { DEMO_PASSWORD, seedDemo } from '../../demo/seed.ts'

// The demo province passes provincial tasks on to communes, with reports that roll up.
const t = await testApp()

beforeAll(async () => {
  await seedDemo({ ctx: t.ctx, progress: async () => {} })
}, 120_000)

describe('demo cascade', () => {
  it('passes tasks of UBND tỉnh and the Sở Y tế on to four communes, and the stations see theirs', async () => {
    const subs = await sql<{ key: string }>`SELECT o.key FROM task_assignments a JOIN orgs o ON o.id = a.org_id WHERE a.parent_assignment_id IS NOT NULL`.execute(t.database.db)
    const keys = subs.rows.map((s) => s.key)
    expect(keys).toEqual(expect.arrayContaining(['30742_tyt', '31078_tyt', '30742_ubnd']))
    const station = await t.login('tramyte', DEMO_PASSWORD)
    const mine = (await station.get('/api/directives/mine')).json()
    expect(mine.total).toBeGreaterThan(0)
    expect(mine.items[0].assignedBy).toBe('Sở Y tế tỉnh An Giang')
    const commune = await t.login('rachgia', DEMO_PASSWORD)
    const its = (await commune.get('/api/directives/mine')).json()
    expect(its.items.some((i: { assignedBy: string | null }) => i.assignedBy !== null)).toBe(true)
    expect(its.items.some((i: { assignedBy: string | null }) => i.assignedBy === null)).toBe(true)
  })
})
