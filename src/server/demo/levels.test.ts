import { describe, expect, it } from 'vitest'
import { Random } from '../../domain/demo/random.ts'
import { weekStart } from '../../domain/levels/weeks.ts'
import { testApp } from '../../test/harness.ts'
import { inTransaction } from '../platform/context.ts'
import { seedLevels } from './levels.ts'

const t = await testApp()

describe('the demo level history of An Giang', () => {
  it('tells 2021: summer wave, coverage push, new normal — published week after week, deterministically', { timeout: 120_000 }, async () => {
    const written = await inTransaction(t.ctx, (tx) => seedLevels(tx, new Random(20211011)))
    expect(written).toBe(102 * 42)
    const db = t.database.db
    const share = async (week: string, atLeast: number) => {
      const rows = await db.selectFrom('levelAssessments').select(['computedLevel', 'overrideLevel']).where('weekStart', '=', weekStart(week)!).execute()
      return rows.filter((r) => (r.overrideLevel ?? r.computedLevel)! >= atLeast).length / rows.length
    }
    // June: almost all new normal; August (peak of the wave): many orange or red; December: few; March 2022: none red.
    expect(await share('2021-W24', 3)).toBeLessThan(0.1)
    // October, the first 4800 weeks: few elderly fully vaccinated yet, so levels go up one (as Cần Thơ's did).
    expect(await share('2021-W42', 2)).toBeGreaterThan(0.8)
    expect(await share('2021-W33', 3)).toBeGreaterThan(0.4)
    expect(await share('2021-W51', 3)).toBeLessThan(0.2)
    expect(await share('2022-W12', 2)).toBeLessThan(0.3)
    const byRule = await db
      .selectFrom('levelAssessments as a')
      .innerJoin('levelRuleSets as r', 'r.id', 'a.ruleSetId')
      .select(['r.code', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('r.code')
      .execute()
    expect(Object.fromEntries(byRule.map((r) => [r.code, Number(r.n)]))).toEqual({ '2686': 102 * 19, '4800': 102 * 15, '218': 102 * 8 })
    const rachGia = await t.anon.get('/api/public/levels?unit=30742')
    expect(rachGia.json()[0]).toMatchObject({ code: '30742', since: expect.stringMatching(/^2022-/) })
    const overridden = await db.selectFrom('levelAssessments').select(['overrideLevel', 'overrideReason', 'status']).where('overrideLevel', 'is not', null).execute()
    expect(overridden).toHaveLength(2)
    expect(overridden.every((o) => o.status === 'published' && o.overrideReason)).toBe(true)
    // Running it again changes nothing (published weeks are kept).
    const before = await db.selectFrom('levelAssessments').select(['id', 'computedLevel']).orderBy('id').execute()
    await inTransaction(t.ctx, (tx) => seedLevels(tx, new Random(20211011)))
    expect(await db.selectFrom('levelAssessments').select(['id', 'computedLevel']).orderBy('id').execute()).toEqual(before)
  })
})
