import { type Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { checkNationalId } from '../../domain/people/cccd.ts'
import { Clock, testDatabase } from '../../test/harness.ts'
import { type Ctx, SYSTEM } from '../platform/context.ts'
import type { DB } from '../platform/schema.ts'
import { writeOutbreak } from './outbreak.ts'

const clock = new Clock(new Date('2026-11-26T03:00:00Z'))
const first = await testDatabase()
const second = await testDatabase()
afterAll(async () => {
  await first.close()
  await second.close()
})
const ctxOf = (db: Kysely<DB>): Ctx => ({ db, access: SYSTEM, now: clock.now })

/** Every row the outbreak wrote, in id order, without the moment it was written. */
async function dump(db: Kysely<DB>) {
  const table = async (name: string, order: string, drop: string[] = ['created_at', 'updated_at']) =>
    (await sql.raw<Record<string, unknown>>(`SELECT * FROM ${name} ORDER BY ${order}`).execute(db)).rows.map((r) => {
      for (const k of drop) delete r[k]
      for (const k of Object.keys(r)) if (k.endsWith('At') || k.endsWith('_at')) delete r[k]
      return r
    })
  return {
    people: await table('people', 'id'),
    cases: await table('cases', 'id'),
    exposures: await table('exposures', 'id'),
    tests: await table('tests', 'id'),
    pools: await table('test_pools', 'id'),
    campaigns: await table('test_campaigns', 'id'),
    clusters: await table('clusters', 'id'),
    followups: await table('contact_followups', 'id'),
    degrees: await table('contact_degrees', 'person_id'),
  }
}

const count = async (db: Kysely<DB>, table: string) => Number((await sql.raw<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`).execute(db)).rows[0]!.n)

describe('demo outbreak writer', () => {
  it('writes the generated outbreak set-based, with one audit entry, sources and degrees computed', async () => {
    const db = first.db
    const auditBefore = await count(db, 'audit_log')
    const r = await writeOutbreak(ctxOf(db), { scale: 0.25, seed: 11 })
    expect(r.created).toBe(true)
    expect(r.today).toBe('2026-11-26')
    expect(await count(db, 'cases')).toBe(r.cases)
    expect(await count(db, 'people')).toBe(r.people)
    expect(await count(db, 'exposures')).toBe(r.exposures)
    expect(await count(db, 'tests')).toBe(r.tests)
    expect(await count(db, 'test_pools')).toBe(r.pools)
    expect(await count(db, 'clusters')).toBe(r.clusters)
    expect(await count(db, 'contact_followups')).toBe(r.followups)
    expect(r.cases).toBeGreaterThan(800)
    expect(r.exposures / r.cases).toBeGreaterThan(2.5)
    expect(r.tests / r.cases).toBeGreaterThan(8)
    // One summary entry instead of one per row.
    const audit = await db.selectFrom('auditLog').selectAll().where('id', '>', auditBefore).execute()
    expect(audit.map((a) => `${a.action}/${a.entity}`)).toEqual(['bulk_load/surveillance'])
    // Every row carries its person's path; names are in the search dictionary.
    for (const t of ['cases', 'exposures', 'tests', 'contact_followups']) {
      const wrong = await sql.raw<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} x JOIN people p ON p.id = x.person_id WHERE x.unit_path <> p.unit_path`).execute(db)
      expect(wrong.rows[0]!.n, t).toBe(0)
    }
    const missing = await sql<{ n: number }>`SELECT count(*)::int AS n FROM people p WHERE NOT EXISTS (SELECT 1 FROM person_names n WHERE n.full_name = p.full_name)`.execute(db)
    expect(missing.rows[0]!.n).toBe(0)
    const people = await db.selectFrom('people').select(['nationalId', 'birthYear', 'sex', 'unitPath']).where('nationalId', 'is not', null).execute()
    for (const p of people) expect(checkNationalId(p.nationalId!, { birthYear: p.birthYear, sex: p.sex, currentYear: 2026 })).toEqual([])
    expect(people.every((p) => p.unitPath.startsWith('/2025:91/'))).toBe(true)
    // Active F0 today, and their contacts to the second degree and beyond.
    const sources = await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('isSource', '=', true).executeTakeFirstOrThrow()
    expect(Number(sources.n)).toBeGreaterThan(100)
    const degrees = await sql<{ degree: number; n: number }>`SELECT degree, count(*)::int AS n FROM contact_degrees GROUP BY degree ORDER BY degree`.execute(db)
    expect(degrees.rows.length).toBeGreaterThanOrEqual(2)
    expect(r.contacts).toBe(degrees.rows.reduce((a, d) => a + d.n, 0))
    // Confirming tests belong to their case's person.
    const mismatched = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases c JOIN tests t ON t.id = c.confirming_test_id WHERE t.person_id <> c.person_id OR t.result <> 'positive'`.execute(db)
    expect(mismatched.rows[0]!.n).toBe(0)
  })

  it('writes nothing the second time (the demo step is idempotent)', async () => {
    const db = first.db
    const before = await dump(db)
    const auditBefore = await count(db, 'audit_log')
    const again = await writeOutbreak(ctxOf(db), { scale: 0.25, seed: 11 })
    expect(again.created).toBe(false)
    expect(await dump(db)).toEqual(before)
    expect(await count(db, 'audit_log')).toBe(auditBefore)
  })

  it('writes the same rows from the same seed on another database', async () => {
    await writeOutbreak(ctxOf(second.db), { scale: 0.25, seed: 11 })
    const [a, b] = [await dump(first.db), await dump(second.db)]
    for (const k of Object.keys(a) as (keyof typeof a)[]) expect(b[k], k).toEqual(a[k])
  })
})
