import { type Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { Random } from '../../domain/demo/random.ts'
import { Clock, testDatabase } from '../../test/harness.ts'
import { occupancy } from '../contexts/quarantine/service.ts'
import { type Ctx, SYSTEM } from '../platform/context.ts'
import type { DB } from '../platform/schema.ts'
import { writeOutbreak } from './outbreak.ts'
import { seedQuarantine } from './quarantine.ts'

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
      for (const k of ['createdAt', 'updatedAt', 'created_at', 'updated_at']) delete r[k]
      return r
    })
  return { facilities: await table('quarantine_facilities'), rooms: await table('quarantine_rooms'), placements: await table('quarantine_placements') }
}

describe('demo quarantine', () => {
  it('places the outbreak’s contacts and border arrivals in the facilities, releases those whose time is over, the same on every run', { timeout: 300_000 }, async () => {
    for (const { db } of [first, second]) {
      await writeOutbreak(ctxOf(db), { scale: 0.25, seed: 11 })
      expect(await seedQuarantine(ctxOf(db), new Random(1))).toBeGreaterThan(0)
      expect(await seedQuarantine(ctxOf(db), new Random(1))).toBe(0)
    }
    const a = await dump(first.db)
    expect(a).toEqual(await dump(second.db))
    expect(a.facilities.length).toBe(8)
    const kinds = new Set(a.placements.map((p) => p.reason))
    for (const k of ['contact', 'illegal_entrant']) expect(kinds).toContain(k)
    const statuses = new Set(a.placements.map((p) => p.status))
    for (const s of ['active', 'released']) expect(statuses).toContain(s)
    expect(a.placements.some((p) => p.releaseKind === 'early')).toBe(true)
    // Every room holds one batch, and no facility more than it can.
    const mixed = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (SELECT room_id FROM quarantine_placements WHERE status = 'active' AND room_id IS NOT NULL GROUP BY room_id HAVING count(DISTINCT batch) > 1) x`.execute(first.db)
    expect(mixed.rows[0]!.n).toBe(0)
    const province = (await first.db.selectFrom('units').select('path').where('id', '=', '2025:91').executeTakeFirstOrThrow()).path
    const occ = await occupancy({ ...ctxOf(first.db), access: { ...SYSTEM, unitPath: province } }, { limit: 500, offset: 0 })
    expect(occ.facilities.reduce((s, f) => s + f.occupied, 0)).toBeGreaterThan(0)
    for (const f of occ.facilities) expect(f.occupied, f.name).toBeLessThanOrEqual(f.capacity)
  })
})
