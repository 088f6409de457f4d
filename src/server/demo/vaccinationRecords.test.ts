import { type Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { Random } from '../../domain/demo/random.ts'
import { ageAtDose } from '../../domain/vaccination/age.ts'
import { Clock, testDatabase } from '../../test/harness.ts'
import { coverage } from '../contexts/vaccination/service.ts'
import { type Ctx, SYSTEM } from '../platform/context.ts'
import type { DB } from '../platform/schema.ts'
import { seedVaccination } from './vaccination.ts'
import { seedVaccinationRecords } from './vaccinationRecords.ts'

const clock = new Clock(new Date('2026-11-26T03:00:00Z'))
const first = await testDatabase()
const second = await testDatabase()
afterAll(async () => {
  await first.close()
  await second.close()
})
const ctxOf = (db: Kysely<DB>): Ctx => ({ db, access: SYSTEM, now: clock.now })
const RG = '30742'
const DATES = ['2021-07-31', '2021-09-30', '2021-12-31', '2022-06-30']

async function picture(ctx: Ctx) {
  const out = []
  for (const date of DATES) out.push((await coverage(ctx, { unitCode: RG, date })).totals)
  return out
}

describe('demo vaccination records', () => {
  it('gives 300 residents of Rạch Giá their doses without changing a single coverage figure, the same on every run', async () => {
    await seedVaccination(ctxOf(first.db), new Random(11))
    await seedVaccination(ctxOf(second.db), new Random(11))
    const before = await picture(ctxOf(first.db))
    const n = await seedVaccinationRecords(ctxOf(first.db), new Random(5))
    expect(n).toBeGreaterThan(500)
    expect(await seedVaccinationRecords(ctxOf(first.db), new Random(5))).toBe(0)
    // Carved out of the weekly figures: the commune's totals are those the figures alone gave.
    expect(await picture(ctxOf(first.db))).toEqual(before)

    const people = await sql<{ n: number }>`SELECT count(DISTINCT person_id)::int AS n FROM vaccination_records`.execute(first.db)
    expect(people.rows[0]!.n).toBeGreaterThanOrEqual(250)
    // Counted exactly, on the same days, groups and products as the figures they came from.
    const kept = await sql`SELECT unit_id, dose_date::text AS d, age_group, risk_group, product, dose, doses AS n FROM vaccination_doses WHERE source = 'records' ORDER BY 1, 2, 3, 4, 5, 6`.execute(first.db)
    const counted = await sql`SELECT unit_id, dose_date::text AS d, age_group, risk_group, product, dose, count(*)::int AS n FROM vaccination_records GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`.execute(first.db)
    expect(kept.rows).toEqual(counted.rows)
    const negative = await sql<{ n: number }>`SELECT count(*)::int AS n FROM vaccination_doses WHERE doses < 0`.execute(first.db)
    expect(negative.rows[0]!.n).toBe(0)
    // Every record agrees with its person: the age group on its day, the course in order and of one product.
    const rows = await first.db
      .selectFrom('vaccinationRecords as r')
      .innerJoin('people as p', 'p.id', 'r.personId')
      .select(['r.personId', 'r.dose', 'r.doseDate', 'r.product', 'r.ageGroup', 'p.birthDate', 'p.birthYear', 'p.unitPath'])
      .orderBy('r.personId')
      .orderBy('r.doseDate')
      .execute()
    for (const r of rows) {
      expect(ageAtDose(r, r.doseDate)).toMatchObject({ ok: true, ageGroup: r.ageGroup })
      expect(r.unitPath).toContain(`:${RG}/`)
    }
    const byPerson = new Map<number, typeof rows>()
    for (const r of rows) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r])
    for (const course of byPerson.values()) {
      expect(course[0]!.dose).toBe('1')
      if (course[1]) expect(course[1]).toMatchObject({ dose: '2', product: course[0]!.product })
    }
    expect([...byPerson.values()].filter((c) => c.length === 3).length).toBeGreaterThan(50)

    // The same people and doses on another database from the same generators.
    await seedVaccinationRecords(ctxOf(second.db), new Random(5))
    const digest = (db: Kysely<DB>) =>
      sql<{ h: string }>`SELECT md5(string_agg(p.full_name || p.birth_date || r.dose || r.dose_date || r.product, ',' ORDER BY p.full_name, r.dose_date, r.dose)) AS h
                           FROM vaccination_records r JOIN people p ON p.id = r.person_id`.execute(db)
    expect((await digest(second.db)).rows).toEqual((await digest(first.db)).rows)
  }, 300_000)
})
