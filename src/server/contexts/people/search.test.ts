import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { testApp } from '../../../test/harness.ts'
import { nameIndexPresent } from './repo.ts'
import { ensureNameSearchIndex } from './search.ts'

const t = await testApp()

describe('name search without pg_trgm', () => {
  it('falls back to a plain scan with a log line, and takes the index once the extension can be made', async () => {
    const rg = await t.userAgent('tracer', '30742')
    const p = (await rg.post('/api/people', { fullName: 'Thạch Thị Sa Pha', unitCode: '30742' })).json()
    // A server without contrib: the extension is gone, and an object in its way makes creating it fail.
    await sql`DROP EXTENSION pg_trgm CASCADE`.execute(t.database.db)
    await sql`CREATE FUNCTION similarity(text, text) RETURNS real LANGUAGE sql AS 'SELECT 0::real'`.execute(t.database.db)
    const line = await ensureNameSearchIndex(t.database.db)
    expect(line).toMatch(/không có tiện ích pg_trgm.*LIKE/)
    expect(await nameIndexPresent(t.database.db)).toBe(false)
    expect((await rg.get('/api/people?q=sa%20pha')).json().people.map((x: { id: number }) => x.id)).toEqual([p.id])
    await sql`DROP FUNCTION similarity(text, text)`.execute(t.database.db)
    expect(await ensureNameSearchIndex(t.database.db)).toBe('indexed')
    expect(await nameIndexPresent(t.database.db)).toBe(true)
    expect((await rg.get('/api/people?q=sa%20pha')).json().people.map((x: { id: number }) => x.id)).toEqual([p.id])
  })
})
