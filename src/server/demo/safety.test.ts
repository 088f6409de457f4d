import { type Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { Clock, testDatabase } from '../../test/harness.ts'
import { type Ctx, SYSTEM } from '../platform/context.ts'
import type { DB } from '../platform/schema.ts'
import { seedSafety } from './safety.ts'

const clock = new Clock(new Date('2026-11-26T03:00:00Z'))
const first = await testDatabase()
const second = await testDatabase()
afterAll(async () => {
  await first.close()
  await second.close()
})
const ctxOf = (db: Kysely<DB>): Ctx => ({ db, access: SYSTEM, now: clock.now })

/** The safety rows in id order, without write times and the random link tokens. */
async function dump(db: Kysely<DB>) {
  const table = async (name: string) =>
    (await sql.raw<Record<string, unknown>>(`SELECT * FROM ${name} ORDER BY id`).execute(db)).rows.map((r) => {
      for (const k of ['createdAt', 'updatedAt', 'token']) delete r[k]
      return r
    })
  return { facilities: await table('safety_facilities'), assessments: await table('safety_assessments') }
}

describe('demo facilities', () => {
  it('registers a few hundred facilities with results in every band, the same on every run', async () => {
    const counts = []
    for (const { db } of [first, second]) counts.push(await seedSafety(ctxOf(db)))
    expect(counts[0]).toBe(counts[1])
    expect(counts[0]).toBeGreaterThanOrEqual(250)
    expect(await dump(first.db)).toEqual(await dump(second.db))
    const bands = await first.db.selectFrom('safetyFacilities').select(['band', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('band').execute()
    const seen = new Set(bands.map((b) => b.band))
    for (const b of ['very_low', 'low', 'medium', 'high', 'very_high', 'safe', 'low_safety', 'unsafe', null]) expect(seen, String(b)).toContain(b)
    const kinds = await first.db.selectFrom('safetyFacilities').select('kind').distinct().execute()
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['hotel', 'market', 'school', 'factory']))
    const expired = await first.db.selectFrom('safetyFacilities').select('id').where('validUntil', '<', '2026-11-26').execute()
    expect(expired.length).toBeGreaterThan(0)
    const inspected = await first.db.selectFrom('safetyFacilities').select('id').where('resultSource', '=', 'inspection').execute()
    expect(inspected.length).toBeGreaterThan(0)
  })
})
