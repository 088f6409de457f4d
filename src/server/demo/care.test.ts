import { type Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { Random } from '../../domain/demo/random.ts'
import { Clock, testDatabase } from '../../test/harness.ts'
import { createUser } from '../contexts/access/service.ts'
import * as repo from '../contexts/care/repo.ts'
import { type Ctx, SYSTEM } from '../platform/context.ts'
import type { DB } from '../platform/schema.ts'
import { seedCare } from './care.ts'
import { writeOutbreak } from './outbreak.ts'

const clock = new Clock(new Date('2026-11-26T03:00:00Z'))
const first = await testDatabase()
const second = await testDatabase()
afterAll(async () => {
  await first.close()
  await second.close()
})
const ctxOf = (db: Kysely<DB>): Ctx => ({ db, access: SYSTEM, now: clock.now })

/** The care rows, in id order, without write times and the random link hashes. */
async function dump(db: Kysely<DB>) {
  const table = async (name: string) =>
    (await sql.raw<Record<string, unknown>>(`SELECT * FROM ${name} ORDER BY id`).execute(db)).rows.map((r) => {
      for (const k of ['created_at', 'updated_at', 'link_hash', 'link_issued_at', 'createdAt', 'updatedAt', 'linkHash', 'linkIssuedAt']) delete r[k]
      return r
    })
  return {
    facilities: await table('care_facilities'),
    admissions: await table('care_admissions'),
    home: await table('care_home_patients'),
    checks: await table('care_home_checks'),
    escalations: await table('care_escalations'),
  }
}

describe('demo tower and home care', () => {
  it('places the outbreak’s F0 by severity within the beds, the same on every run', async () => {
    for (const { db } of [first, second]) {
      await writeOutbreak(ctxOf(db), { scale: 0.25, seed: 11 })
      // The named station officers who close the older tasks (the seed's demo users).
      for (const username of ['tramyte', 'dieutri']) {
        await createUser(ctxOf(db), { username, password: 'mat-khau-dai', displayName: username, role: 'health', unitCode: '30742' })
      }
      expect(await seedCare(ctxOf(db), new Random(1))).toBeGreaterThan(0)
      expect(await seedCare(ctxOf(db), new Random(1))).toBe(0)
    }
    const a = await dump(first.db)
    expect(a).toEqual(await dump(second.db))
    expect(a.facilities.length).toBe(15)
    expect(a.admissions.length).toBeGreaterThan(50)
    expect(a.home.length).toBeGreaterThan(10)
    const province = (await first.db.selectFrom('units').select('path').where('id', '=', '2025:91').executeTakeFirstOrThrow()).path
    const cap = await repo.capacity(first.db, SYSTEM, province)
    for (const r of cap) expect(r.occupied, `${r.tier} ${r.kind}`).toBeLessThanOrEqual(r.beds)
    expect(cap.filter((r) => r.tier === 3).reduce((s, r) => s + r.occupied, 0)).toBeGreaterThan(0)
    expect(cap.filter((r) => r.tier === 2).reduce((s, r) => s + r.occupied, 0)).toBeGreaterThan(0)
    // Transfers tier 2 → tier 3, discharges and deaths are all there.
    const statuses = new Set(a.admissions.map((r) => r.status))
    for (const s of ['active', 'transferred', 'discharged']) expect(statuses).toContain(s)
    // Only today's warnings are open, each with its check; the older ones were closed by a named user.
    for (const e of a.escalations) {
      if (e.status === 'open') expect((e.openedAt as Date).toISOString().slice(0, 10)).toBe('2026-11-26')
      else expect(e.closedBy).not.toBeNull()
    }
    expect(a.checks.length).toBeGreaterThan(a.home.length)
    expect(a.escalations.length).toBeGreaterThan(0)
  })
})
