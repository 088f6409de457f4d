import { type Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { Clock, testDatabase } from '../../test/harness.ts'
import { type Ctx, SYSTEM } from '../platform/context.ts'
import type { DB } from '../platform/schema.ts'
import { seedEvents } from './events.ts'

const clock = new Clock(new Date('2026-11-26T03:00:00Z'))
const first = await testDatabase()
const second = await testDatabase()
afterAll(async () => {
  await first.close()
  await second.close()
})
const ctxOf = (db: Kysely<DB>): Ctx => ({ db, access: SYSTEM, now: clock.now })

async function dump(db: Kysely<DB>) {
  return (await sql<Record<string, unknown>>`SELECT * FROM events ORDER BY id`.execute(db)).rows.map((r) => {
    for (const k of ['createdAt', 'updatedAt']) delete r[k]
    return r
  })
}

describe('demo events', () => {
  it('registers the province’s events at every step, the same on every run, once', async () => {
    for (const { db } of [first, second]) {
      expect(await seedEvents(ctxOf(db))).toBe(7)
      expect(await seedEvents(ctxOf(db))).toBe(0)
    }
    const a = await dump(first.db)
    expect(a).toEqual(await dump(second.db))
    const statuses = new Set(a.map((e) => e.status))
    for (const s of ['submitted', 'advice_requested', 'advised', 'approved_with_conditions', 'refused']) expect(statuses).toContain(s)
    expect(a.filter((e) => (e.foreignGuests as number) > 0).length).toBeGreaterThanOrEqual(3)
    expect(a.every((e) => (e.startsOn as string) > '2026-11-26')).toBe(true)
    // The province's own list flags the guests from Cambodia (Hà Tiên's festival).
    const flagged = a.filter((e) => (e.assessment as { highRiskCountries: string[] }).highRiskCountries.includes('KH'))
    expect(flagged.map((e) => e.title)).toEqual(['Lễ hội Nghinh Ông Hà Tiên'])
  })
})
