import { sql } from 'kysely'
import { addDays, format, parseISO } from 'date-fns'
import type { Random } from '../../domain/demo/random.ts'
import { assessUnit } from '../../domain/levels/assess.ts'
import type { UnitInput } from '../../domain/levels/input.ts'
import { nationalInForce } from '../../domain/levels/national.ts'
import { enteredSources } from '../../domain/levels/sources.ts'
import { shiftWeek, weekStart } from '../../domain/levels/weeks.ts'
import * as repo from '../contexts/levels/repo.ts'
import { ensureNational } from '../contexts/levels/service.ts'
import type { Ctx } from '../platform/context.ts'

/**
 * A level history for the demo province (An Giang, former Kiên Giang included) that tells 2021:
 * under 2686 the summer wave (July–September) turns communes orange and red; under 4800 (from
 * 12/10/2021) the vaccination push lowers them, with a smaller wave in November–December; under
 * 218 (from 27/01/2022) the "new normal" holds despite Omicron's cases. Each week is assessed with
 * the national set in force from aggregate figures and published for the following Monday; the
 * steering committee overrides a few weeks with its reason. Deterministic for a given generator.
 */
const FIRST_WEEK = '2021-W23'
const LAST_WEEK = '2022-W12'
const HOTSPOTS: Record<string, number> = { '30742': 2.6, '31078': 1.8, '30316': 2.2, '30307': 1.6 }
const OVERRIDES: { code: string; week: string; level: number; reason: string }[] = [
  { code: '30742', week: '2021-W31', level: 4, reason: 'Ổ dịch chợ Rạch Giá: nhiều ca chưa rõ nguồn lây, lan sang khu dân cư lân cận.' },
  { code: '31078', week: '2021-W47', level: 2, reason: 'Thí điểm đón khách du lịch quốc tế: giữ cấp 2 để tăng cường giám sát.' },
]

const bump = (w: number, peak: number, width: number) => Math.exp(-(((w - peak) / width) ** 2))
const logistic = (w: number, mid: number, slope: number) => 1 / (1 + Math.exp(-(w - mid) / slope))

export async function seedLevels(ctx: Ctx, rng: Random): Promise<number> {
  await ensureNational(ctx)
  const province = await ctx.db.selectFrom('units').select(['path']).where('id', '=', '2025:91').executeTakeFirst()
  if (!province) return 0
  const communes = (await repo.communesIn(ctx.db, null, province.path)).filter((c) => c.population && c.population > 0)
  const ruleSetIds = new Map<string, number>()
  for (const code of ['2686', '4800', '218']) ruleSetIds.set(code, (await repo.nationalRow(ctx.db, code))!.id)
  const traits = communes.map((c) => ({
    heat: HOTSPOTS[c.code] ?? 0.02 + rng.next() ** 2 * 1.5,
    lag: rng.int(-2, 2),
    coverage: 0.9 + rng.next() * 0.12,
  }))
  const previous = new Map<string, number>()
  let written = 0
  const overrides: { unitId: string; weekStart: string; level: number; reason: string }[] = []
  // Weeks counted from 2021-W01 so the curves read as calendar weeks of 2021 (2022-W05 is 57).
  for (let week = FIRST_WEEK, n = 23; ; week = shiftWeek(week, 1), n++) {
    const start = weekStart(week)!
    const rs = nationalInForce(start)
    const rows: repo.AssessmentWrite[] = []
    for (const [i, c] of communes.entries()) {
      const tr = traits[i]!
      const w = n + tr.lag
      // Cases per 100,000 per week: the summer wave, a smaller one at the end of 2021, Omicron in 2022.
      const rate = tr.heat * (90 * bump(w, 33, 3.5) + 50 * bump(w, 48, 2.5) + 140 * bump(w, 59, 2)) * (0.7 + rng.next() * 0.6)
      const cases = Math.round((rate * c.population!) / 100_000)
      const prevRate = tr.heat * (90 * bump(w - 1, 33, 3.5) + 50 * bump(w - 1, 48, 2.5) + 140 * bump(w - 1, 59, 2))
      const prevCases = Math.round((prevRate * c.population!) / 100_000)
      const community = Math.round(cases * (n < 40 ? 0.55 : 0.7))
      // The coverage push: first doses from September, full doses a few weeks later.
      const firstDose = Math.min(0.99, 0.04 + 0.92 * tr.coverage * logistic(n, 38, 2.2))
      const full = Math.min(0.97, 0.9 * tr.coverage * logistic(n, 44, 2.5))
      const elderly = Math.min(0.98, 0.95 * tr.coverage * logistic(n, 43, 2.2))
      const inputs: Omit<UnitInput, 'unit'> = {
        population: c.population!,
        communityCases7d: community,
        communityCasesPrev7d: Math.round(prevCases * (n < 40 ? 0.55 : 0.7)),
        cases7d: cases,
        casesPrev7d: prevCases,
        oxygenPatients7d: Math.round(cases * (n < 45 ? 0.06 : 0.01)),
        deaths7d: Math.round(cases * (n < 45 ? 0.02 : 0.002)),
        coverage: { adults18PlusAtLeastOneDose: round3(firstDose), elderly65PlusFullyVaccinated: round3(elderly), fullyVaccinated: round3(full * 0.93), highRiskFullyVaccinated: round3(Math.min(0.99, full * 1.02)) },
        capacity: { adequate: !(rate > 100 && n >= 30 && n <= 37), freeBedsPer100k: Math.max(0, Math.round(60 - rate / 5)), icuBeds: 40 },
        ...(previous.has(c.unitId) ? { previousLevel: previous.get(c.unitId)! } : {}),
      }
      const a = assessUnit(rs, { unit: c.code, ...inputs })
      rows.push({
        unitId: c.unitId,
        unitPath: c.path,
        weekStart: start,
        ruleSetId: ruleSetIds.get(rs.id)!,
        inputs,
        source: 'imported',
        sources: enteredSources(inputs, 'imported'),
        computedLevel: a.level,
        indicators: a.indicators,
        reasons: a.reasons,
        confidence: a.confidence,
      })
      const override = OVERRIDES.find((o) => o.code === c.code && o.week === week)
      if (override) overrides.push({ unitId: c.unitId, weekStart: start, level: override.level, reason: override.reason })
      previous.set(c.unitId, override?.level ?? a.level)
    }
    await repo.upsertAssessments(ctx.db, rows)
    written += rows.length
    if (week === LAST_WEEK) break
  }
  for (const o of overrides) {
    await ctx.db.updateTable('levelAssessments').set({ overrideLevel: o.level, overrideReason: o.reason }).where('unitId', '=', o.unitId).where('weekStart', '=', o.weekStart).execute()
  }
  // Published for the Monday after the assessed week.
  const first = weekStart(FIRST_WEEK)!
  await sql`
    UPDATE level_assessments SET status = 'published', effective_from = week_start + 7, published_at = (week_start + 6)::timestamptz, reviewed_at = (week_start + 6)::timestamptz
     WHERE unit_path LIKE ${`${province.path}%`} AND week_start BETWEEN ${first}::date AND ${format(addDays(parseISO(weekStart(LAST_WEEK)!), 0), 'yyyy-MM-dd')}::date AND status <> 'published'`.execute(ctx.db)
  return written
}

const round3 = (x: number) => Math.round(x * 1000) / 1000
