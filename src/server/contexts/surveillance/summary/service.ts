import { summariseChains } from '../../../../domain/surveillance/chains.ts'
import { SOURCE_KINDS, type SourceKind } from '../../../../domain/surveillance/codes.ts'
import { shiftDay } from '../../../../domain/surveillance/followup.ts'
import { formatVnDate } from '../../../../domain/text/dates.ts'
import { keptRead } from '../../../platform/coalesce.ts'
import { type Ctx, requirePermission, today } from '../../../platform/context.ts'
import { writePosition } from '../../../platform/db.ts'
import { badRequest } from '../../../platform/errors.ts'
import { areaPathOf } from '../cases/service.ts'
import * as repo from './repo.ts'

// The epidemic in figures for an area (a unit inside the caller's jurisdiction, or all of it):
// chains of transmission, today's numbers, the epidemic curve, incidence by commune and the share
// of cases of unknown source. Aggregates only, computed in SQL; "today" is the server's clock.

/** `part` of `whole` to four decimals; null when there is no whole. */
const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null)

/** The longest period a curve, map or weekly share covers. */
export const MAX_RANGE_DAYS = 731

export interface ChainSummary {
  /** Active F0: confirmed or probable cases whose outcome has not come. */
  cases: number
  /** Contacts by degree ("1" for F1…). */
  byDegree: Record<string, number>
  chains: { count: number; largest: number; deepest: number }
}

/**
 * Chains of transmission now: the active F0 and the contacts that have a degree, joined by
 * exposures and source links. `largest` is the number of people in the biggest chain, `deepest`
 * the highest degree in any.
 */
export async function chainSummary(ctx: Ctx, q: { unit?: string | undefined }): Promise<ChainSummary> {
  requirePermission(ctx.access, 'surveillance:read')
  const area = await areaPathOf(ctx, q.unit)
  const day = today(ctx)
  const key = `surveillance-chains:${area}:${ctx.access.unitPath}:${day}`
  // Reused until the next write; officials asking together share one computation.
  const compute = () =>
    keptRead(ctx.db, () => writePosition(ctx.db), key, async () => {
      const started = performance.now()
      const rows = await repo.chainRows(ctx.db, ctx.access, area, day)
      const value = {
        cases: rows.cases,
        byDegree: Object.fromEntries(rows.byDegree.sort((a, b) => a.degree - b.degree).map((d) => [String(d.degree), d.n])),
        chains: summariseChains({ count: 0, largest: 0, deepest: 0 }, rows.trees, rows.pairs),
      }
      keep(ctx.db, key, { at: Date.now(), took: performance.now() - started, value })
      return value
    })
  const kept = keptSummary(ctx.db, key)
  if (!kept || kept.took < SLOW_SUMMARY_MS || Date.now() - kept.at > SUMMARY_MAX_AGE_MS) return compute()
  // A province of a million cases: the last figures (under a minute old) at once, new ones computed meanwhile.
  if (Date.now() - kept.at > SUMMARY_REFRESH_MS) void compute().catch(() => {})
  return kept.value
}

/**
 * Chain summaries that take long to compute (a province at a million cases: seconds) are kept per
 * area and day: for a minute the next requests get the kept figures at once while one new
 * computation runs. Summaries computed quickly are always computed afresh.
 */
const SLOW_SUMMARY_MS = 1000
const SUMMARY_MAX_AGE_MS = 60_000
const SUMMARY_REFRESH_MS = 5_000
interface KeptSummary {
  at: number
  took: number
  value: ChainSummary
}
const keptSummaries = new WeakMap<object, Map<string, KeptSummary>>()

function keptSummary(db: object, key: string): KeptSummary | undefined {
  return keptSummaries.get(db)?.get(key)
}

function keep(db: object, key: string, summary: KeptSummary): void {
  const kept = keptSummaries.get(db) ?? new Map<string, KeptSummary>()
  keptSummaries.set(db, kept)
  kept.delete(key)
  kept.set(key, summary)
  if (kept.size > 50) kept.delete(kept.keys().next().value!)
}

export interface TodayNumbers {
  date: string
  newCases: { today: number; last7Days: number }
  activeCases: number
  contacts: { total: number; byDegree: Record<string, number> }
  underFollowup: number
  tests: { sampledToday: number; resultsToday: number; positiveToday: number; results7Days: number; positive7Days: number; positivity7Days: number | null }
}

/** The home page's numbers: new and active cases, contacts by degree and under follow-up, tests and positivity. */
export async function todayNumbers(ctx: Ctx, q: { unit?: string | undefined }): Promise<TodayNumbers> {
  requirePermission(ctx.access, 'surveillance:read')
  const area = await areaPathOf(ctx, q.unit)
  const day = today(ctx)
  // The home page of every official: reused until the next write, computed once for those asking together.
  return keptRead(ctx.db, () => writePosition(ctx.db), `surveillance-today:${area}:${ctx.access.unitPath}:${day}`, async () => {
    const r = await repo.todayRow(ctx.db, ctx.access, area, day)
    const degrees = await repo.degreeCounts(ctx.db, ctx.access, area)
    return present(day, r, degrees)
  })
}

function present(day: string, r: repo.TodayRow, degrees: { degree: number; n: number }[]): TodayNumbers {
  return {
    date: day,
    newCases: { today: r.newToday, last7Days: r.new7Days },
    activeCases: r.activeCases,
    contacts: { total: degrees.reduce((a, d) => a + d.n, 0), byDegree: Object.fromEntries(degrees.map((d) => [String(d.degree), d.n])) },
    underFollowup: r.underFollowup,
    tests: {
      sampledToday: r.sampledToday,
      resultsToday: r.resultsToday,
      positiveToday: r.positiveToday,
      results7Days: r.results7Days,
      positive7Days: r.positive7Days,
      positivity7Days: ratio(r.positive7Days, r.results7Days),
    },
  }
}

interface Range {
  from?: string | undefined
  to?: string | undefined
}

/**
 * The area and period a figure covers: a unit inside the caller's jurisdiction (or all of it), and
 * `days` up to today by default; a period reversed or too long is refused.
 */
async function scope(ctx: Ctx, q: Range & { unit?: string | undefined }, days: number): Promise<{ area: string; from: string; to: string }> {
  requirePermission(ctx.access, 'surveillance:read')
  const area = await areaPathOf(ctx, q.unit)
  const to = q.to ?? today(ctx)
  const from = q.from ?? shiftDay(to, -(days - 1))
  if (from > to) throw badRequest('BAD_RANGE', `Ngày bắt đầu (${formatVnDate(from)}) ở sau ngày kết thúc (${formatVnDate(to)}).`)
  if (from < shiftDay(to, -(MAX_RANGE_DAYS - 1))) throw badRequest('RANGE_TOO_LONG', `Chỉ xem được tối đa ${MAX_RANGE_DAYS} ngày một lần; hãy chọn khoảng ngắn hơn.`)
  return { area, from, to }
}

export interface CurveDay {
  date: string
  imported: number
  linked: number
  unknown: number
  total: number
}

export interface EpidemicCurve {
  by: repo.CurveDate
  from: string
  to: string
  days: CurveDay[]
  totals: Record<SourceKind, number> & { total: number }
  /** By onset: the cases confirmed in the period that have no onset date (asymptomatic), not on the curve. */
  withoutOnset: number | null
}

/** F0 per day of onset or confirmation, stacked by source (imported, linked, unknown); every day of the period listed. */
export async function epidemicCurve(ctx: Ctx, q: Range & { unit?: string | undefined; by?: repo.CurveDate | undefined }): Promise<EpidemicCurve> {
  const { area, from, to } = await scope(ctx, q, 90)
  const by = q.by ?? 'onset'
  const rows = await repo.curveRows(ctx.db, ctx.access, area, by, from, to)
  const days = new Map<string, CurveDay>()
  for (let d = from; d <= to; d = shiftDay(d, 1)) days.set(d, { date: d, imported: 0, linked: 0, unknown: 0, total: 0 })
  const totals = { imported: 0, linked: 0, unknown: 0, total: 0 }
  for (const r of rows) {
    const day = days.get(r.day)
    const kind = r.sourceKind as SourceKind
    if (!day || !(kind in SOURCE_KINDS)) continue
    day[kind] += r.n
    day.total += r.n
    totals[kind] += r.n
    totals.total += r.n
  }
  return {
    by,
    from,
    to,
    days: [...days.values()],
    totals,
    withoutOnset: by === 'onset' ? await repo.withoutOnset(ctx.db, ctx.access, area, from, to) : null,
  }
}

export interface Incidence {
  from: string
  to: string
  communes: { code: string; name: string; unitType: string; population: number | null; populationYear: number | null; cases: number; per100k: number | null }[]
}

/** F0 confirmed in the period per 100,000 people, by commune (populations from the unit registry). */
export async function incidence(ctx: Ctx, q: Range & { unit?: string | undefined }): Promise<Incidence> {
  const { area, from, to } = await scope(ctx, q, 7)
  const rows = await repo.incidenceRows(ctx.db, ctx.access, area, from, to)
  const per100k = (r: { cases: number; population: number | null }) => (r.population ? Math.round((r.cases / r.population) * 1_000_000) / 10 : null)
  return { from, to, communes: rows.map((r) => ({ ...r, per100k: per100k(r) })) }
}

export interface UnknownSourceShare {
  from: string
  to: string
  weeks: { week: string; weekStart: string; cases: number; unknown: number; share: number | null }[]
}

/** The share of F0 of unknown source per ISO week of confirmation. */
export async function unknownSourceShare(ctx: Ctx, q: Range & { unit?: string | undefined }): Promise<UnknownSourceShare> {
  const { area, from, to } = await scope(ctx, q, 182)
  const weeks = await repo.weeklySourceRows(ctx.db, ctx.access, area, from, to)
  return { from, to, weeks: weeks.map((r) => ({ ...r, share: ratio(r.unknown, r.cases) })) }
}
