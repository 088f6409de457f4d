import { type Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { Random } from '../../domain/demo/random.ts'
import { Clock, testDatabase } from '../../test/harness.ts'
import { coverage, coverageFor } from '../contexts/vaccination/service.ts'
import { type Ctx, SYSTEM } from '../platform/context.ts'
import type { DB } from '../platform/schema.ts'
import { seedVaccination } from './vaccination.ts'

const clock = new Clock(new Date('2026-11-26T03:00:00Z'))
const first = await testDatabase()
const second = await testDatabase()
afterAll(async () => {
  await first.close()
  await second.close()
})
const ctxOf = (db: Kysely<DB>): Ctx => ({ db, access: SYSTEM, now: clock.now })
const PQ = '31078'

async function digest(db: Kysely<DB>) {
  const r = await sql<{ n: number; s: string; h: string }>`
    SELECT count(*)::int AS n, sum(doses)::text AS s,
           md5(string_agg(unit_id || dose_date || age_group || risk_group || product || dose || doses, ',' ORDER BY unit_id, dose_date, age_group, risk_group, product, dose)) AS h
    FROM vaccination_doses`.execute(db)
  return r.rows[0]
}

describe('demo vaccination', () => {
  it('writes the same weeks on every run, once, and tells 2021', async () => {
    const n = await seedVaccination(ctxOf(first.db), new Random(7))
    expect(n).toBeGreaterThan(10_000)
    expect(await seedVaccination(ctxOf(first.db), new Random(7))).toBe(0)
    await seedVaccination(ctxOf(second.db), new Random(7))
    expect(await digest(first.db)).toEqual(await digest(second.db))

    const ctx = ctxOf(first.db)
    // Slow start: few adults with a first dose by the end of June 2021.
    expect((await coverageFor(ctx, '91', '2021-06-30')).adults18PlusAtLeastOneDose).toBeLessThan(0.08)
    // Phú Quốc first: its adults fully vaccinated by mid-September while the province is far behind.
    const pqSept = await coverage(ctx, { unitCode: PQ, date: '2021-09-15' })
    const provinceSept = await coverage(ctx, { unitCode: '91', date: '2021-09-15' })
    expect(pqSept.totals.adults.fullyShare).toBeGreaterThan(0.9)
    expect(provinceSept.totals.adults.fullyShare).toBeLessThan(0.3)
    // The push: first doses from under a fifth of adults (end of July) to well over half (end of September).
    expect((await coverageFor(ctx, '91', '2021-07-31')).adults18PlusAtLeastOneDose).toBeLessThan(0.2)
    expect((await coverageFor(ctx, '91', '2021-09-30')).adults18PlusAtLeastOneDose).toBeGreaterThan(0.55)
    // Near full two-dose adults by the end of 2021, a few communes behind the target.
    const year = await coverage(ctx, { unitCode: '91', date: '2021-12-31' })
    expect(year.totals.adults.fullyShare).toBeGreaterThan(0.9)
    expect(year.target?.name).toBe('Người từ 18 tuổi tiêm đủ 2 mũi')
    expect(year.behind.length).toBeGreaterThan(0)
    expect(year.behind.length).toBeLessThan(year.communes.length / 3)
    // Boosters in 2022, none in 2021's autumn.
    expect((await coverage(ctx, { unitCode: '91', date: '2021-11-30' })).totals.adults.boostedShare).toBe(0)
    expect((await coverage(ctx, { unitCode: '91', date: '2022-06-30' })).totals.adults.boostedShare).toBeGreaterThan(0.5)
    // Every figure written as a commune's week, on a Sunday.
    const days = await sql<{ d: number }>`SELECT DISTINCT extract(isodow FROM dose_date)::int AS d FROM vaccination_doses`.execute(first.db)
    expect(days.rows.map((r) => r.d)).toEqual([7])
    // Two databases of some 70,000 weekly rows each on the embedded engine.
  }, 180_000)
})
