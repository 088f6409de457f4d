import { sql } from 'kysely'
import type { Random } from '../../domain/demo/random.ts'
import { AGE_GROUPS, type AgeGroup, type Dose, type RiskGroup } from '../../domain/vaccination/groups.ts'
import { daysBetween } from '../../domain/vaccination/pace.ts'
import * as repo from '../contexts/vaccination/repo.ts'
import { type Ctx, today } from '../platform/context.ts'

/**
 * Sixteen months of vaccination in the demo province (An Giang, former Kiên Giang included),
 * week by week for every commune, telling 2021: a slow start from March (health workers and the
 * front line, AstraZeneca), Phú Quốc vaccinated first in July–August (the island reopening to
 * tourists), the push of August–September with Vero Cell, AstraZeneca, Moderna and Pfizer, adults
 * nearly all with two doses by the end of 2021, children 12–17 from November, boosters and
 * children 5–11 in 2022. A few communes lag behind. Each week's figures are dated on its Sunday;
 * the province's targets come with them. Deterministic for a given generator.
 */

const PQ = '31078' // đặc khu Phú Quốc
const FIRST = '2021-03-14'
const LAST = '2022-06-26'

type Curve = [string, number][]

/** Cumulative share reaching a dose by date, for a commune with no lag. */
const CURVES: Record<'adult1' | 'adult2' | 'booster' | 'teen1' | 'teen2' | 'child1' | 'child2' | 'pq1' | 'pq2', Curve> = {
  adult1: [['2021-03-08', 0], ['2021-06-30', 0.04], ['2021-07-31', 0.12], ['2021-08-31', 0.38], ['2021-09-30', 0.74], ['2021-10-31', 0.91], ['2021-11-30', 0.96], ['2021-12-31', 0.985], ['2022-09-30', 0.99]],
  adult2: [['2021-04-05', 0], ['2021-07-31', 0.03], ['2021-08-31', 0.08], ['2021-09-30', 0.28], ['2021-10-31', 0.62], ['2021-11-30', 0.9], ['2021-12-15', 0.975], ['2022-02-28', 0.98], ['2022-09-30', 0.985]],
  booster: [['2021-12-10', 0], ['2022-01-31', 0.18], ['2022-03-31', 0.46], ['2022-06-30', 0.6], ['2022-09-30', 0.66]],
  teen1: [['2021-10-31', 0], ['2021-11-30', 0.7], ['2021-12-31', 0.93], ['2022-09-30', 0.96]],
  teen2: [['2021-11-21', 0], ['2021-12-31', 0.62], ['2022-01-31', 0.88], ['2022-09-30', 0.93]],
  child1: [['2022-04-14', 0], ['2022-05-31', 0.35], ['2022-06-30', 0.55], ['2022-09-30', 0.68]],
  child2: [['2022-05-10', 0], ['2022-06-30', 0.3], ['2022-08-31', 0.5], ['2022-09-30', 0.56]],
  // Phú Quốc: every adult first in July, two doses by mid-September.
  pq1: [['2021-03-08', 0], ['2021-06-30', 0.06], ['2021-07-15', 0.2], ['2021-07-31', 0.78], ['2021-08-15', 0.95], ['2021-10-31', 0.985], ['2022-09-30', 0.99]],
  pq2: [['2021-04-05', 0], ['2021-07-31', 0.05], ['2021-08-15', 0.35], ['2021-08-31', 0.82], ['2021-09-15', 0.95], ['2021-11-30', 0.975], ['2022-09-30', 0.98]],
}

function at(curve: Curve, date: string): number {
  if (date <= curve[0]![0]) return curve[0]![1]
  for (let i = 1; i < curve.length; i++) {
    const [d1, v1] = curve[i]!
    if (date <= d1) {
      const [d0, v0] = curve[i - 1]!
      return v0 + ((v1 - v0) * daysBetween(d0, date)) / daysBetween(d0, d1)
    }
  }
  return curve.at(-1)![1]
}

/** The products given in a week, with their shares, as deliveries went in 2021–2022. */
function mix(date: string, dose: Dose, age: AgeGroup): [string, number][] {
  if (dose === 'booster') return date < '2022-03-01' ? [['pfizer', 0.6], ['moderna', 0.25], ['astrazeneca', 0.15]] : [['pfizer', 0.7], ['moderna', 0.3]]
  if (age === '5-11' || age === '12-17') return [['pfizer', 1]]
  // A second dose follows the first by about a month: the mix of a month earlier.
  const d = dose === '2' ? shift(date, -28) : date
  if (d < '2021-07-01') return [['astrazeneca', 1]]
  if (d < '2021-08-15') return [['sinopharm', 0.5], ['astrazeneca', 0.35], ['moderna', 0.15]]
  if (d < '2021-10-01') return [['sinopharm', 0.4], ['astrazeneca', 0.25], ['pfizer', 0.2], ['moderna', 0.1], ['hayat-vax', 0.05]]
  return [['pfizer', 0.45], ['astrazeneca', 0.35], ['moderna', 0.2]]
}

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** The product of a week's doses: one per commune, week, group and dose, drawn by the week's shares. */
function pick(rng: Random, shares: [string, number][]): string {
  let x = rng.next()
  for (const [k, v] of shares) {
    x -= v
    if (x < 0) return k
  }
  return shares.at(-1)![0]
}

const curvesOf = (age: AgeGroup, pq: boolean): Partial<Record<Dose, Curve>> => {
  if (age === '5-11') return { '1': CURVES.child1, '2': CURVES.child2 }
  if (age === '12-17') return { '1': CURVES.teen1, '2': CURVES.teen2, booster: [['2022-06-01', 0], ['2022-09-30', 0.2]] }
  return { '1': pq ? CURVES.pq1 : CURVES.adult1, '2': pq ? CURVES.pq2 : CURVES.adult2, booster: CURVES.booster }
}

export async function seedVaccination(ctx: Ctx, rng: Random): Promise<number> {
  if (await ctx.db.selectFrom('vaccinationDoses').select('id').where('source', '=', 'demo').limit(1).executeTakeFirst()) return 0
  const province = await ctx.db.selectFrom('units').select(['id', 'path']).where('id', '=', '2025:91').executeTakeFirst()
  if (!province) return 0
  const communes = await repo.communesUnder(ctx.db, ctx.access, province.path, today(ctx))
  const pops = await repo.populations(ctx.db, communes.map((c) => c.id), 2021)
  const popOf = new Map<string, Record<string, number>>()
  for (const p of pops) popOf.set(p.unitId, { ...(popOf.get(p.unitId) ?? {}), [p.ageGroup]: p.population })
  // Weekly rows written without an audit entry each: the demo's load is one step.
  await sql`SELECT set_config('phongdich.bulk', 'on', true)`.execute(ctx.db)
  let written = 0
  let batch: repo.DoseWrite[] = []
  const flush = async () => {
    if (!batch.length) return
    await repo.insertNewDosesJson(ctx.db, JSON.stringify(batch), 'demo')
    written += batch.length
    batch = []
  }
  for (const c of communes) {
    const pop = popOf.get(c.id)
    if (!pop) continue
    const pq = c.code === PQ
    // Most communes a few days apart; one in twelve weeks late and short of the target.
    const slow = !pq && rng.chance(1 / 12)
    const lag = pq ? 0 : slow ? rng.int(20, 35) : rng.int(0, 12)
    const reach = slow ? 0.9 + rng.next() * 0.04 : 0.985 + rng.next() * 0.015
    const chronicShare = Math.min(0.5, (pop.high_risk ?? 0) / Math.max(1, pop['50-64'] ?? 0))
    for (const age of AGE_GROUPS) {
      const n = pop[age] ?? 0
      if (!n) continue
      for (const [dose, curve] of Object.entries(curvesOf(age, pq)) as [Dose, Curve][]) {
        let before = 0
        for (let week = FIRST; week <= LAST; week = shift(week, 7)) {
          const cumulative = Math.round(n * Math.min(1, at(curve, shift(week, -lag)) * reach))
          const given = cumulative - before
          before = Math.max(before, cumulative)
          if (given <= 0) continue
          // People with a chronic condition are counted apart among those aged 50–64.
          const chronic = age === '50-64' ? Math.round(given * chronicShare) : 0
          const groups: [RiskGroup, number][] = [
            ['none', given - chronic],
            ['chronic', chronic],
          ]
          const product = pick(rng, mix(week, dose, age))
          for (const [risk, doses] of groups) {
            if (doses > 0) batch.push({ unit_id: c.id, unit_path: c.path, dose_date: week, age_group: age, risk_group: risk, product, dose, doses })
          }
        }
        if (batch.length >= 10_000) await flush()
      }
    }
  }
  await flush()
  // Health workers and the front line first, in March–May 2021, with AstraZeneca.
  const rg = communes.find((c) => c.code === '30742')
  if (rg) {
    for (const [i, date] of ['2021-03-14', '2021-03-21', '2021-04-11', '2021-04-18', '2021-05-09'].entries()) {
      batch.push({ unit_id: rg.id, unit_path: rg.path, dose_date: date, age_group: '18-49', risk_group: i < 2 ? 'health_worker' : 'frontline', product: 'astrazeneca', dose: i < 3 ? '1' : '2', doses: 120 + rng.int(0, 60) })
    }
    await flush()
  }
  await sql`SELECT set_config('phongdich.bulk', '', true)`.execute(ctx.db)
  const targets = [
    { name: 'Người từ 18 tuổi tiêm ít nhất 1 mũi', measure: 'at_least_one' as const, ageGroups: ['18-49', '50-64', '65+'] as AgeGroup[], share: 0.95, startsOn: '2021-07-01', deadline: '2021-10-31' },
    { name: 'Người từ 18 tuổi tiêm đủ 2 mũi', measure: 'fully' as const, ageGroups: ['18-49', '50-64', '65+'] as AgeGroup[], share: 0.95, startsOn: '2021-07-01', deadline: '2021-12-31' },
    { name: 'Người từ 65 tuổi tiêm đủ liều', measure: 'fully' as const, ageGroups: ['65+'] as AgeGroup[], share: 0.95, startsOn: '2021-08-01', deadline: '2021-11-30' },
    { name: 'Trẻ 12–17 tuổi tiêm đủ 2 mũi', measure: 'fully' as const, ageGroups: ['12-17'] as AgeGroup[], share: 0.9, startsOn: '2021-11-01', deadline: '2022-01-31' },
    { name: 'Người từ 18 tuổi tiêm mũi nhắc lại', measure: 'boosted' as const, ageGroups: ['18-49', '50-64', '65+'] as AgeGroup[], share: 0.6, startsOn: '2022-01-01', deadline: '2022-06-30' },
  ]
  for (const t of targets) await repo.insertTarget(ctx.db, { ...t, unitId: province.id, unitPath: province.path, source: 'Kế hoạch tiêm chủng của tỉnh (dữ liệu mẫu)', createdBy: null })
  return written
}
