import { type DoseSums, coverageFrom, type LevelsCoverage, levelsCoverage, type Populations, progressTo, type UnitCoverage } from '../../../domain/vaccination/coverage.ts'
import { AGE_GROUPS, type AgeGroup, type Dose, type Measure, type RiskGroup } from '../../../domain/vaccination/groups.ts'
import type { Pace } from '../../../domain/vaccination/pace.ts'
import { type Ctx, inTransaction, isWithin, today } from '../../platform/context.ts'
import { badRequest, notFound, outsideJurisdiction } from '../../platform/errors.ts'
import * as repo from './repo.ts'

// Vaccination use cases: doses entered by a commune for itself (or by a unit above it for a
// commune of its area), denominators, the province's targets, and coverage computed from sums.

/**
 * A unit of the caller's jurisdiction, by code, as it is today: figures of past days are kept
 * against today's units (a commune merged in 2025 carries its former communes' history).
 */
async function ownUnit(ctx: Ctx, code: string): Promise<repo.UnitRef> {
  const unit = await repo.unitByCode(ctx.db, code, today(ctx))
  if (!unit) throw notFound(`đơn vị hành chính mã ${code}`)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return unit
}

export async function ownCommune(ctx: Ctx, code: string): Promise<repo.UnitRef> {
  const unit = await ownUnit(ctx, code)
  if (unit.level !== 'commune') throw badRequest('NOT_A_COMMUNE', `Số mũi tiêm nhập theo xã, phường, đặc khu; "${unit.name}" không phải cấp xã.`)
  return unit
}

export function notFuture(ctx: Ctx, date: string) {
  if (date > today(ctx)) throw badRequest('FUTURE_DATE', `Ngày ${date.split('-').reverse().join('/')} chưa đến; chỉ nhập số mũi đã tiêm.`)
}

export async function reference(ctx: Ctx) {
  const [products, ageShares] = await Promise.all([repo.products(ctx.db), repo.ageShares(ctx.db)])
  return { products, ageShares, ageGroups: AGE_GROUPS }
}

export interface DoseEntry {
  ageGroup: AgeGroup
  riskGroup: RiskGroup
  product: string
  dose: Dose
  doses: number
}

/**
 * A commune's figures of one day, written in one transaction: a figure already there for the same
 * group, product and dose is replaced (entering the day again corrects it, never adds to it).
 */
export async function enterDoses(ctx: Ctx, input: { unitCode: string; date: string; entries: DoseEntry[] }) {
  notFuture(ctx, input.date)
  const unit = await ownCommune(ctx, input.unitCode)
  const products = new Map((await repo.products(ctx.db)).map((p) => [p.code, p]))
  const keys = new Set<string>()
  input.entries.forEach((e, i) => {
    const p = products.get(e.product)
    if (!p) throw badRequest('UNKNOWN_PRODUCT', `Dòng ${i + 1}: vắc xin "${e.product}" không có trong danh mục.`)
    if (e.dose !== 'booster' && Number(e.dose) > p.primaryDoses) throw badRequest('BAD_DOSE', `Dòng ${i + 1}: ${p.name} chỉ có ${p.primaryDoses} mũi cơ bản, không có mũi ${e.dose}.`)
    const key = `${e.ageGroup}|${e.riskGroup}|${e.product}|${e.dose}`
    if (keys.has(key)) throw badRequest('DUPLICATE_ENTRY', `Dòng ${i + 1}: trùng nhóm tuổi, nhóm nguy cơ, vắc xin và mũi với một dòng trước.`)
    keys.add(key)
  })
  const rows: repo.DoseWrite[] = input.entries.map((e) => ({
    unit_id: unit.id,
    unit_path: unit.path,
    dose_date: input.date,
    age_group: e.ageGroup,
    risk_group: e.riskGroup,
    product: e.product,
    dose: e.dose,
    doses: e.doses,
  }))
  const written = await inTransaction(ctx, (tx) => repo.upsertDosesJson(tx.db, JSON.stringify(rows), { source: 'entered', jobId: null, userId: ctx.access.userId }))
  return { unit: { code: unit.code, name: unit.name }, date: input.date, ...written }
}

export async function dosesOfDay(ctx: Ctx, unitCode: string, date: string) {
  const unit = await ownCommune(ctx, unitCode)
  return { unit: { code: unit.code, name: unit.name }, date, items: await repo.dosesOf(ctx.db, ctx.access, unit.id, date) }
}

export async function daily(ctx: Ctx, unitCode: string, from: string, to: string) {
  if (from > to) throw badRequest('BAD_RANGE', 'Ngày bắt đầu phải trước ngày kết thúc.')
  const unit = await ownUnit(ctx, unitCode)
  return { unit: { code: unit.code, name: unit.name }, items: await repo.dailyTotals(ctx.db, ctx.access, unit.path, from, to) }
}

/** A commune's denominators per group, as counted locally (replacing the census-derived defaults). */
export async function setPopulations(ctx: Ctx, input: { unitCode: string; populations: Partial<Record<AgeGroup | 'high_risk', number>>; source: string }) {
  const unit = await ownCommune(ctx, input.unitCode)
  const rows = Object.entries(input.populations).map(([ageGroup, population]) => ({ unit_id: unit.id, unit_path: unit.path, age_group: ageGroup, population }))
  if (!rows.length) throw badRequest('EMPTY', 'Hãy ghi dân số của ít nhất một nhóm.')
  await inTransaction(ctx, (tx) => repo.upsertPopulationsJson(tx.db, JSON.stringify(rows), input.source))
  return populationsOf(ctx, unit)
}

async function populationsOf(ctx: Ctx, unit: repo.UnitRef) {
  const rows = await repo.populations(ctx.db, [unit.id], Number(today(ctx).slice(0, 4)))
  return { unit: { code: unit.code, name: unit.name }, groups: rows.map((r) => ({ ageGroup: r.ageGroup, population: r.population, basis: r.basis })) }
}

export async function getPopulations(ctx: Ctx, unitCode: string) {
  return populationsOf(ctx, await ownCommune(ctx, unitCode))
}

// --- Targets ------------------------------------------------------------------------------------

export async function createTarget(
  ctx: Ctx,
  input: { unitCode: string; name: string; measure: Measure; ageGroups: AgeGroup[]; share: number; startsOn: string; deadline: string; source?: string | null | undefined },
) {
  if (input.deadline < input.startsOn) throw badRequest('BAD_RANGE', 'Hạn hoàn thành phải sau ngày bắt đầu.')
  const unit = await ownUnit(ctx, input.unitCode)
  const id = await inTransaction(ctx, (tx) =>
    repo.insertTarget(tx.db, { unitId: unit.id, unitPath: unit.path, name: input.name, measure: input.measure, ageGroups: [...new Set(input.ageGroups)], share: input.share, startsOn: input.startsOn, deadline: input.deadline, source: input.source ?? null, createdBy: ctx.access.userId }),
  )
  return { id }
}

export async function listTargets(ctx: Ctx, unitCode: string) {
  const unit = await ownUnit(ctx, unitCode)
  return { items: await repo.targetsFor(ctx.db, ctx.access, unit.path) }
}

// --- Coverage -----------------------------------------------------------------------------------

interface Figures {
  units: repo.UnitRef[]
  populations: Map<string, Populations>
  basis: Map<string, Set<string>>
  sums: Map<string, DoseSums[]>
}

/** The communes under a unit with their denominators and dose sums (three queries, all summed in SQL). */
async function figures(ctx: Ctx, unit: repo.UnitRef, date: string): Promise<Figures> {
  const units = await repo.communesUnder(ctx.db, ctx.access, unit.path, today(ctx))
  const ids = units.map((u) => u.id)
  const [pops, sums] = await Promise.all([repo.populations(ctx.db, ids, Number(date.slice(0, 4))), repo.doseSums(ctx.db, ctx.access, unit.path, date)])
  const populations = new Map<string, Populations>()
  const basis = new Map<string, Set<string>>()
  for (const p of pops) {
    const pop = populations.get(p.unitId) ?? ({ '5-11': 0, '12-17': 0, '18-49': 0, '50-64': 0, '65+': 0, high_risk: 0 } as Populations)
    pop[p.ageGroup] = p.population
    populations.set(p.unitId, pop)
    const b = basis.get(p.unitId) ?? new Set<string>()
    b.add(p.basis)
    basis.set(p.unitId, b)
  }
  const byUnit = new Map<string, DoseSums[]>()
  for (const s of sums) {
    const list = byUnit.get(s.unitId) ?? []
    list.push({ ...s, atLeastOne: Number(s.atLeastOne), fully: Number(s.fully), boosted: Number(s.boosted), recentAtLeastOne: Number(s.recentAtLeastOne), recentFully: Number(s.recentFully), recentBoosted: Number(s.recentBoosted) })
    byUnit.set(s.unitId, list)
  }
  return { units, populations, basis, sums: byUnit }
}

const EMPTY_POP: Populations = { '5-11': 0, '12-17': 0, '18-49': 0, '50-64': 0, '65+': 0, high_risk: 0 }

function total(f: Figures): UnitCoverage {
  const pop = { ...EMPTY_POP }
  for (const p of f.populations.values()) for (const k of Object.keys(pop) as (keyof Populations)[]) pop[k] += p[k]
  return coverageFrom(pop, [...f.sums.values()].flat())
}

/**
 * The coverage fields of the levels assessment's input for a unit on a day: shares 0–1 of adults
 * 18+ with at least one dose, of people 65+ fully vaccinated, of everyone aged 5+ fully vaccinated,
 * and of the high-risk group fully vaccinated. A share whose group has no population is absent.
 * Reads only what the caller's jurisdiction holds.
 */
export async function coverageFor(ctx: Ctx, unitCode: string, date: string): Promise<LevelsCoverage> {
  const unit = await ownUnit(ctx, unitCode)
  return levelsCoverage(total(await figures(ctx, unit, date)))
}

/**
 * The same four shares for every commune under a unit at once (the three queries of the coverage
 * table): by commune id, with whether any dose was recorded there up to the day (without doses the
 * shares say nothing, and the assessment keeps the figures entered for the commune) and how its
 * denominators were found.
 */
export async function coverageForCommunes(ctx: Ctx, unitCode: string, date: string): Promise<Map<string, { coverage: LevelsCoverage; hasDoses: boolean; basis: string }>> {
  const unit = await ownUnit(ctx, unitCode)
  const f = await figures(ctx, unit, date)
  return new Map(
    f.units.map((u) => {
      const sums = f.sums.get(u.id) ?? []
      const b = [...(f.basis.get(u.id) ?? [])]
      const hasDoses = sums.some((x) => x.atLeastOne + x.fully + x.boosted > 0)
      return [u.id, { coverage: levelsCoverage(coverageFrom(f.populations.get(u.id) ?? EMPTY_POP, sums)), hasDoses, basis: b.length === 1 ? b[0]! : b.length ? 'mixed' : 'none' }]
    }),
  )
}

export interface CommuneCoverage {
  code: string
  name: string
  /** 'imported' when every group's denominator was counted locally, 'census' when derived, 'mixed' or 'none'. */
  basis: string
  coverage: UnitCoverage
  progress: Pace | null
}

/** The coverage table of a unit: its total and each commune, with progress to a target when one is chosen (or the first still running). */
export async function coverage(ctx: Ctx, input: { unitCode: string; date?: string | undefined; targetId?: number | undefined }) {
  const date = input.date ?? today(ctx)
  const unit = await ownUnit(ctx, input.unitCode)
  const targets = await repo.targetsFor(ctx.db, ctx.access, unit.path)
  let target: repo.TargetRow | null = null
  if (input.targetId !== undefined) {
    target = targets.find((t) => t.id === input.targetId) ?? null
    if (!target) throw notFound(`mục tiêu #${input.targetId} áp dụng cho ${unit.name}`)
  } else target = targets.find((t) => t.deadline >= date) ?? targets.at(-1) ?? null
  const f = await figures(ctx, unit, date)
  const totals = total(f)
  const communes: CommuneCoverage[] = f.units.map((u) => {
    const c = coverageFrom(f.populations.get(u.id) ?? EMPTY_POP, f.sums.get(u.id) ?? [])
    const b = [...(f.basis.get(u.id) ?? [])]
    return { code: u.code, name: u.name, basis: b.length === 1 ? b[0]! : b.length ? 'mixed' : 'none', coverage: c, progress: target ? progressTo(c, target, date) : null }
  })
  return {
    unit: { code: unit.code, name: unit.name, level: unit.level },
    date,
    totals,
    levels: levelsCoverage(totals),
    target,
    progress: target ? progressTo(totals, target, date) : null,
    targets,
    behind: communes.filter((c) => c.progress?.status === 'behind' || c.progress?.status === 'missed').map((c) => c.code),
    communes,
  }
}
