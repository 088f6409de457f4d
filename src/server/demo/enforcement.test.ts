import { type Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { Clock, testDatabase } from '../../test/harness.ts'
import { type Ctx, SYSTEM } from '../platform/context.ts'
import type { DB } from '../platform/schema.ts'
import { seedEnforcement } from './enforcement.ts'
import { seedSafety } from './safety.ts'

const clock = new Clock(new Date('2026-11-26T03:00:00Z'))
const first = await testDatabase()
const second = await testDatabase()
afterAll(async () => {
  await first.close()
  await second.close()
})
const ctxOf = (db: Kysely<DB>): Ctx => ({ db, access: SYSTEM, now: clock.now })

async function dump(db: Kysely<DB>) {
  const table = async (name: string) =>
    (await sql.raw<Record<string, unknown>>(`SELECT * FROM ${name} ORDER BY id`).execute(db)).rows.map((r) => {
      for (const k of ['createdAt', 'updatedAt']) delete r[k]
      return r
    })
  return { plans: await table('inspection_plans'), inspections: await table('inspections'), violations: await table('violations'), followups: await table('violation_followups'), recognitions: await table('recognitions') }
}

describe('demo enforcement', () => {
  it('inspects Phú Quốc hotels and Rạch Giá markets, records and follows up violations, the same on every run', { timeout: 300_000 }, async () => {
    for (const { db } of [first, second]) {
      await seedSafety(ctxOf(db))
      expect(await seedEnforcement(ctxOf(db))).toBeGreaterThan(10)
      expect(await seedEnforcement(ctxOf(db))).toBe(0)
    }
    const a = await dump(first.db)
    expect(a).toEqual(await dump(second.db))
    expect(a.plans).toHaveLength(2)
    expect(a.inspections.length).toBeGreaterThanOrEqual(10)
    expect(new Set(a.violations.map((v) => v.status))).toEqual(new Set(['open', 'closed']))
    expect(new Set(a.recognitions.map((r) => r.kind))).toEqual(new Set(['commendation', 'discipline']))
    // Each poor finding is what the map shows.
    const shown = await sql<{ n: number }>`SELECT count(*)::int AS n FROM inspections i JOIN safety_facilities f ON f.id = i.facility_id WHERE f.result_source = 'inspection'`.execute(first.db)
    expect(shown.rows[0]!.n).toBeGreaterThanOrEqual(a.inspections.length)
  })
})
