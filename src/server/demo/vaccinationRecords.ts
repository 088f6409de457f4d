import { sql } from 'kysely'
import { personName, type Random } from '../../domain/demo/random.ts'
import { ageAtDose } from '../../domain/vaccination/age.ts'
import type { AgeGroup, Dose, RiskGroup } from '../../domain/vaccination/groups.ts'
import { daysBetween } from '../../domain/vaccination/pace.ts'
import { createPerson } from '../contexts/people/service.ts'
import * as records from '../contexts/vaccination/recordsRepo.ts'
import { type Ctx, inTransaction } from '../platform/context.ts'
import { AppError } from '../platform/errors.ts'
import { cccd } from './people.ts'

/**
 * Person-level doses for 300 residents of phường Rạch Giá, carved out of the commune's demo weekly
 * figures so nothing is counted twice: each record takes the day, age group, high-risk category,
 * product and dose of one of the commune's demo rows, which gives up one dose to it. The commune's
 * totals, and so every coverage figure, stay exactly what the weekly figures said; part of them is
 * now counted from records (source 'records') that the person pages show. A course follows the
 * weekly figures too: dose 2 of the same product at least three weeks after dose 1, a booster at
 * least three months after dose 2. Deterministic for a given generator; runs once.
 */

const COMMUNE = '30742' // phường Rạch Giá
const PEOPLE = 300
const AGES: Record<AgeGroup, [number, number]> = { '5-11': [5, 11], '12-17': [12, 17], '18-49': [18, 49], '50-64': [50, 64], '65+': [65, 88] }

interface DemoRow {
  id: number
  doseDate: string
  ageGroup: AgeGroup
  riskGroup: RiskGroup
  product: string
  dose: Dose
  left: number
}

function minusYearsAndDays(date: string, years: number, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() - years)
  d.setUTCDate(d.getUTCDate() - days)
  return d.toISOString().slice(0, 10)
}

/** The first row, from a few drawn at random among the earliest that fit, giving up one dose. */
function take(rng: Random, rows: DemoRow[], fits: (r: DemoRow) => boolean): DemoRow | null {
  const candidates = rows.filter((r) => r.left > 0 && fits(r)).slice(0, 4)
  if (!candidates.length) return null
  const row = rng.pick(candidates)
  row.left--
  return row
}

export async function seedVaccinationRecords(ctx: Ctx, rng: Random): Promise<number> {
  if (await ctx.db.selectFrom('vaccinationRecords').select('id').limit(1).executeTakeFirst()) return 0
  const unit = await ctx.db.selectFrom('units').select(['id', 'path']).where('code', '=', COMMUNE).where('level', '=', 'commune').orderBy('period', 'desc').executeTakeFirst()
  if (!unit) return 0
  const demo = (
    await ctx.db
      .selectFrom('vaccinationDoses')
      .select(['id', 'doseDate', 'ageGroup', 'riskGroup', 'product', 'dose', 'doses'])
      .where('unitId', '=', unit.id)
      .where('source', '=', 'demo')
      .where('doses', '>', 0)
      .orderBy('doseDate')
      .orderBy('id')
      .execute()
  ).map((r) => ({ id: r.id, doseDate: r.doseDate, ageGroup: r.ageGroup, riskGroup: r.riskGroup, product: r.product, dose: r.dose, left: r.doses }))
  const firsts = demo.filter((r) => r.dose === '1')
  if (!firsts.length) return 0
  const used = new Set<string>()
  return inTransaction(ctx, async (tx) => {
    const rows: records.RecordWrite[] = []
    for (let i = 0; i < PEOPLE; i++) {
      const first = take(rng, [rng.pick(firsts)], () => true)
      if (!first) continue
      // A date of birth that puts the person in the row's age group on the day of dose 1.
      const [lo, hi] = AGES[first.ageGroup]
      const birthDate = minusYearsAndDays(first.doseDate, rng.int(lo, hi), rng.int(0, 364))
      const person = { birthDate, birthYear: Number(birthDate.slice(0, 4)) }
      const inGroup = (r: DemoRow) => {
        const age = ageAtDose(person, r.doseDate)
        return age.ok && age.ageGroup === r.ageGroup
      }
      if (!inGroup(first)) {
        first.left++
        continue
      }
      const sex: 'male' | 'female' = first.riskGroup === 'pregnant' || rng.chance(0.5) ? 'female' : 'male'
      const adult = person.birthYear <= 2008
      const input = {
        fullName: personName(rng, sex),
        sex,
        birthYear: person.birthYear,
        birthDate,
        phone: adult && rng.chance(0.8) ? `09${String(rng.int(0, 99_999_999)).padStart(8, '0')}` : null,
        unitCode: COMMUNE,
        confirmedNew: true,
      }
      // A CCCD drawn again in the rare case a resident already holds it (the registry refuses it before writing).
      let created: Awaited<ReturnType<typeof createPerson>> | null = null
      while (!created) {
        try {
          created = await createPerson(tx, { ...input, nationalId: person.birthYear <= 2012 ? cccd(rng, person.birthYear, sex, used) : null })
        } catch (e) {
          if (!(e instanceof AppError && e.code === 'DUPLICATE_IDENTITY')) throw e
        }
      }
      const course = [first]
      const second = rng.chance(0.93) ? take(rng, demo, (r) => r.dose === '2' && r.product === first.product && r.riskGroup === first.riskGroup && daysBetween(first.doseDate, r.doseDate) >= 21 && inGroup(r)) : null
      if (second) course.push(second)
      const booster = second && rng.chance(0.6) ? take(rng, demo, (r) => r.dose === 'booster' && r.riskGroup === first.riskGroup && daysBetween(second.doseDate, r.doseDate) >= 90 && inGroup(r)) : null
      if (booster) course.push(booster)
      const lot = `${first.product.slice(0, 2).toUpperCase()}${first.doseDate.slice(2, 4)}${String(rng.int(1, 999)).padStart(3, '0')}`
      for (const r of course) rows.push({ personId: created.id, doseDate: r.doseDate, product: r.product, dose: r.dose, unitId: unit.id, unitPath: unit.path, ageGroup: r.ageGroup, riskGroup: r.riskGroup, lot: r === first ? lot : null })
    }
    const given = demo.flatMap((r) => {
      const n = rows.filter((x) => x.doseDate === r.doseDate && x.ageGroup === r.ageGroup && x.riskGroup === r.riskGroup && x.product === r.product && x.dose === r.dose).length
      return n ? [{ id: r.id, n }] : []
    })
    // Written without an audit entry each, as the weekly figures were: the demo's load is one step.
    // The records' counts follow by trigger.
    await sql`SELECT set_config('phongdich.bulk', 'on', true)`.execute(tx.db)
    await records.takeFromDemoDoses(tx.db, given)
    await records.upsertRecords(tx.db, tx.access, rows, { jobId: null, userId: null })
    await sql`SELECT set_config('phongdich.bulk', '', true)`.execute(tx.db)
    return rows.length
  })
}
