import { type Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { Random } from '../../domain/demo/random.ts'
import { fold } from '../../domain/text/fold.ts'
import { Clock, testDatabase } from '../../test/harness.ts'
import * as orgRepo from '../contexts/orgs/repo.ts'
import { getUnit } from '../contexts/units/service.ts'
import { type Ctx, SYSTEM } from '../platform/context.ts'
import type { DB } from '../platform/schema.ts'
import { seedEntry } from './entry.ts'

const clock = new Clock(new Date('2026-11-26T03:00:00Z'))
const first = await testDatabase()
const second = await testDatabase()
afterAll(async () => {
  await first.close()
  await second.close()
})
const ctxOf = (db: Kysely<DB>): Ctx => ({ db, access: SYSTEM, now: clock.now })

/** The demo bodies the entry demo names: border posts, checkpoints, police, and each border commune's station and committee. */
async function bodies(ctx: Ctx) {
  const add = async (key: string, name: string, kind: string, unitCode: string, head?: string) => {
    const unit = await getUnit(ctx, unitCode)
    await orgRepo.insertOrg(ctx.db, { key, name, nameFold: fold(name), kind, parentId: null, unitId: unit.id, headName: head ?? null, headPosition: head ? 'Chủ tịch UBND' : null, aliases: [], aliasesFold: '' })
  }
  await add('ca', 'Công an tỉnh', 'police', '91')
  for (const [post, unit] of [['don_ckqt_hatien', '30769'], ['don_giangthanh', '30796'], ['don_vinhdieu', '30793'], ['don_ckqt_tinhbien', '30520']] as const) {
    await add(post, `Đồn ${post}`, 'border_post', unit)
    await add(`${unit}_tyt`, `Trạm Y tế ${unit}`, 'health_centre', unit)
    await add(`${unit}_ubnd`, `UBND ${unit}`, 'peoples_committee', unit, `Chủ tịch ${unit}`)
  }
}

async function dump(db: Kysely<DB>) {
  const table = async (name: string) =>
    (await sql.raw<Record<string, unknown>>(`SELECT * FROM ${name} ORDER BY id`).execute(db)).rows.map((r) => {
      for (const k of ['created_at', 'updated_at', 'acted_at', 'createdAt', 'updatedAt', 'actedAt']) delete r[k]
      return r
    })
  const out: Record<string, unknown[]> = {}
  for (const name of ['entry_ports', 'entry_zones', 'entry_checkpoints', 'entry_checkpoint_logs', 'entry_illegal_cases', 'entry_illegal_steps', 'entry_illegal_people', 'entry_arrivals', 'entry_accountable_heads']) {
    out[name] = await table(name)
  }
  return out
}

describe('entry demo', () => {
  it('writes ports, zones, checkpoints, illegal crossings and arrivals, the same on every run', async () => {
    for (const { db } of [first, second]) {
      const ctx = ctxOf(db)
      await bodies(ctx)
      await db.transaction().execute((tx) => seedEntry({ ...ctx, db: tx }, new Random(20211028)))
    }
    const [a, b] = [await dump(first.db), await dump(second.db)]
    expect(a).toEqual(b)
    expect(a.entry_ports).toHaveLength(12)
    expect(a.entry_checkpoints).toHaveLength(5)
    expect(a.entry_checkpoint_logs!.length).toBeGreaterThan(50)
    const cases = a.entry_illegal_cases as { stage: string }[]
    expect(cases.length).toBeGreaterThan(30)
    expect(new Set(cases.map((c) => c.stage))).toEqual(new Set(['reported', 'intercepted', 'handed_over', 'placed', 'concluded']))
    expect((a.entry_illegal_people as { placementId: number | null }[]).filter((p) => p.placementId !== null).length).toBeGreaterThan(0)
    const arrivals = a.entry_arrivals as { status: string; portId: number | null }[]
    expect(arrivals).toHaveLength(48)
    expect(arrivals.filter((x) => x.status !== 'new').length).toBeGreaterThan(5)
    expect(arrivals.filter((x) => x.portId !== null).length).toBe(34)
  })
})
