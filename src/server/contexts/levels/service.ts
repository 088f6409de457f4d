import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns'
import { type Assessment, assessUnit, contractView, type Indicator, missingFields } from '../../../domain/levels/assess.ts'
import { deriveLevel } from '../../../domain/levels/derive.ts'
import { type AssessInput, describeIssues, type UnitInput, zUnitInput } from '../../../domain/levels/input.ts'
import { MEASURE_AREAS, MEASURES, MEASURES_SOURCE, measuresUrl } from '../../../domain/levels/measures.ts'
import { assessInput, NATIONAL_IDS, NATIONAL_RULE_SETS, nationalInForce, nationalRuleSet } from '../../../domain/levels/national.ts'
import { confidenceMarks, type Level, parseRuleSet, type RuleSet } from '../../../domain/levels/ruleset.ts'
import { enteredSources, mergeWeekInputs, type Sources, sourcesLine } from '../../../domain/levels/sources.ts'
import { weekEnd, weekStart } from '../../../domain/levels/weeks.ts'
import { formatVnDate } from '../../../domain/text/dates.ts'
import { fold } from '../../../domain/text/fold.ts'
import { type Ctx, SYSTEM, auditEvent, hasPermission, inTransaction, isWithin, requirePermission, today } from '../../platform/context.ts'
import { AppError, badRequest, conflict, forbidden, notFound, outsideJurisdiction } from '../../platform/errors.ts'
import { type CareLevelsFigures, levelsFigures as careLevelsFigures } from '../care/service.ts'
import { childrenMap, fullNameOf, getUnit, getUnitById } from '../units/service.ts'
import { coverageForCommunes } from '../vaccination/service.ts'
import * as repo from './repo.ts'

/** A national rule set by its number (2686, 4800, 218). */
export function nationalOrThrow(id: string): RuleSet {
  const rs = nationalRuleSet(id)
  if (!rs) throw notFound(`bộ tiêu chí ${id} (có: ${NATIONAL_IDS.join(', ')})`)
  return rs
}

/** Assesses the input with a rule set; the problems of a bad input are listed in one 400. */
export function assessWith(rs: RuleSet, input: AssessInput | unknown): Assessment[] {
  const r = assessInput(rs, input)
  if (!r.ok) throw badRequest('LEVEL_INPUT_INVALID', `Dữ liệu đánh giá cấp độ không hợp lệ: ${r.problems.slice(0, 20).join(' ')}${r.problems.length > 20 ? ` (và ${r.problems.length - 20} lỗi khác)` : ''}`, { problems: r.problems })
  return r.units
}

/** POST /api/levels/assess: computes, stores nothing; the request is recorded in the audit. */
export async function assess(ctx: Ctx, q: { rules: string }, input: AssessInput) {
  requirePermission(ctx.access, 'levels:read')
  const rs = nationalOrThrow(q.rules)
  const units = assessWith(rs, input)
  await auditEvent(ctx, 'assess', 'level_assessments', { rules: rs.id, version: rs.version, units: units.length })
  return { units: units.map(contractView) }
}

// ---- Rule sets: national (read-only data) and the province's dated variants --------------------

const synced = new WeakSet<object>()

/** Writes the national sets shipped as data when missing or older than the files (once per database). */
export async function ensureNational(ctx: Ctx): Promise<void> {
  if (synced.has(ctx.db)) return
  const stored = await repo.storedNationalVersions(ctx.db)
  const stale = NATIONAL_RULE_SETS.filter((rs) => (stored.get(rs.id) ?? 0) < rs.version)
  if (stale.length > 0) {
    await inTransaction({ ...ctx, access: SYSTEM }, async (tx) => {
      for (const rs of stale) await repo.writeNational(tx.db, rs, stored.has(rs.id))
    })
  }
  if (!ctx.db.isTransaction) synced.add(ctx.db)
}

export interface RuleSetView {
  code: string
  baseCode: string | null
  national: boolean
  readOnly: boolean
  provinceCode: string | null
  name: string
  document: string
  validFrom: string
  validTo: string | null
  version: number
  updatedAt: Date
  /** How many cut-offs and cells are unverified, of all marks. */
  unverified: number
  marks: number
}

function presentRuleSet(r: repo.RuleSetRow): RuleSetView {
  const marks = confidenceMarks(r.definition)
  return {
    code: r.code,
    baseCode: r.baseCode,
    national: r.unitId === null,
    readOnly: r.readOnly,
    provinceCode: r.unitId ? r.unitId.split(':')[1]! : null,
    name: r.name,
    document: r.document,
    validFrom: r.validFrom,
    validTo: r.validTo,
    version: r.version,
    updatedAt: r.updatedAt,
    unverified: marks.filter((m) => m.confidence === 'unverified').length,
    marks: marks.length,
  }
}

export async function listRuleSets(ctx: Ctx): Promise<RuleSetView[]> {
  requirePermission(ctx.access, 'levels:read')
  await ensureNational(ctx)
  return (await repo.listRuleSets(ctx.db, ctx.access)).map(presentRuleSet)
}

export async function getRuleSet(ctx: Ctx, code: string): Promise<RuleSetView & { definition: RuleSet; canEdit: boolean }> {
  requirePermission(ctx.access, 'levels:read')
  await ensureNational(ctx)
  const r = await repo.findRuleSet(ctx.db, ctx.access, code)
  if (!r) throw notFound(`bộ tiêu chí ${code}`)
  const canEdit = !r.readOnly && hasPermission(ctx.access, 'levels:rules') && r.unitPath !== null && isWithin(ctx.access, r.unitPath)
  return { ...presentRuleSet(r), definition: r.definition, canEdit }
}

/** The province a caller acts for: the unit named, or the province of the caller's own unit. */
async function provinceFor(ctx: Ctx, unitCode: string | undefined) {
  const segment = ctx.access.unitPath.split('/')[1]
  const unit = unitCode ? await getUnit(ctx, unitCode) : segment ? await getUnitById(ctx, segment) : null
  if (!unit) throw badRequest('PROVINCE_REQUIRED', 'Hãy chọn tỉnh (unitCode) của bộ tiêu chí.')
  if (unit.level !== 'province') throw badRequest('PROVINCE_REQUIRED', `${unit.name} không phải cấp tỉnh: bộ tiêu chí riêng thuộc một tỉnh.`)
  if (!isWithin(ctx.access, unit.path)) throw forbidden('Chỉ cán bộ cấp tỉnh (hoặc trên) được tạo, sửa bộ tiêu chí của tỉnh.')
  return unit
}

/** Forks a national set into the province's dated variant, recorded in the audit by the row trigger. */
export async function forkRuleSet(ctx: Ctx, v: { baseCode: string; validFrom: string; validTo?: string | null | undefined; unitCode?: string | undefined; name?: string | undefined }) {
  requirePermission(ctx.access, 'levels:rules')
  await ensureNational(ctx)
  const base = await repo.nationalRow(ctx.db, v.baseCode)
  if (!base) throw notFound(`bộ tiêu chí quốc gia ${v.baseCode}`)
  const province = await provinceFor(ctx, v.unitCode)
  const code = `${base.code}-${province.code}-${v.validFrom}`
  const rs: RuleSet = {
    ...structuredClone(base.definition),
    id: code,
    version: 1,
    name: v.name?.trim() || `${base.definition.name} — bản của ${fullNameOf(province.name, province.unitType)}`,
    validFrom: v.validFrom,
    validTo: v.validTo ?? null,
  }
  const parsed = parseRuleSet(rs)
  if (!parsed.ok) throw badRequest('RULE_SET_INVALID', `Bộ tiêu chí không hợp lệ: ${parsed.problems.join(' ')}`, { problems: parsed.problems })
  return inTransaction(ctx, async (tx) => {
    if (await repo.findRuleSetByCode(tx.db, code)) throw conflict('RULE_SET_EXISTS', `Tỉnh đã có bộ tiêu chí ${code}; hãy sửa bộ đó hoặc chọn ngày hiệu lực khác.`)
    await repo.insertVariant(tx.db, { code, baseCode: base.code, unitId: province.id, unitPath: province.path, rs: parsed.ruleSet, createdBy: ctx.access.userId })
    return getRuleSet(tx, code)
  })
}

/** Replaces a province's variant with an edited definition (cut-offs, cells, dates); its version goes up. */
export async function updateRuleSet(ctx: Ctx, code: string, definition: unknown) {
  requirePermission(ctx.access, 'levels:rules')
  await ensureNational(ctx)
  const row = await repo.findRuleSet(ctx.db, ctx.access, code)
  if (!row) throw notFound(`bộ tiêu chí ${code}`)
  if (row.readOnly) throw conflict('RULE_SET_READ_ONLY', `Bộ tiêu chí quốc gia ${code} chỉ được đọc; hãy tạo bản của tỉnh rồi sửa bản đó.`)
  if (!row.unitPath || !isWithin(ctx.access, row.unitPath)) throw forbidden('Chỉ cán bộ cấp tỉnh (hoặc trên) được sửa bộ tiêu chí của tỉnh.')
  const parsed = parseRuleSet({ ...(definition as object), id: code, version: row.version + 1 })
  if (!parsed.ok) throw badRequest('RULE_SET_INVALID', `Bộ tiêu chí không hợp lệ: ${parsed.problems.slice(0, 10).join(' ')}`, { problems: parsed.problems })
  return inTransaction(ctx, async (tx) => {
    await repo.updateVariant(tx.db, row.id, parsed.ruleSet)
    return getRuleSet(tx, code)
  })
}

/** The rule set that applies to a unit's week: the province's variant in force, else the national one. */
async function ruleSetFor(ctx: Ctx, unitPath: string, day: string): Promise<repo.RuleSetRow> {
  await ensureNational(ctx)
  const provinceId = unitPath.split('/')[1]!
  const own = await repo.variantInForce(ctx.db, provinceId, day)
  if (own) return own
  const national = await repo.nationalRow(ctx.db, nationalInForce(day).id)
  if (!national) throw new AppError(500, 'RULE_SET_MISSING', 'Thiếu bộ tiêu chí quốc gia.')
  return national
}

// ---- The weekly assessment --------------------------------------------------------------------

export interface WeekRowView {
  assessmentId: number | null
  unitCode: string
  unitName: string
  population: number | null
  inputs: Record<string, unknown> | null
  source: string | null
  /** Where each figure came from, by input path ("coverage.fullyVaccinated": "vaccination"). */
  sources: Sources
  computedLevel: number | null
  level: number | null
  overrideLevel: number | null
  overrideReason: string | null
  indicators: Indicator[]
  reasons: string[]
  confidence: string | null
  status: 'draft' | 'reviewed' | 'published' | null
  effectiveFrom: string | null
  inForce: { level: number; since: string } | null
  /** The level against the one in force: up, down, same, or new (nothing in force yet). */
  change: 'up' | 'down' | 'same' | 'new' | null
}

export interface WeekView {
  unit: { code: string; name: string; level: string }
  week: string
  weekStart: string
  weekEnd: string
  ruleSet: RuleSetView & { definition: RuleSet }
  rows: WeekRowView[]
  /** The unit's own level derived from its communes' levels, by the rule set's rule. */
  derived: { level: number; reasons: string[]; assessed: number } | null
  counts: Record<'1' | '2' | '3' | '4', number>
}

function checkedWeek(week: string): { start: string; end: string } {
  const start = weekStart(week)
  const end = weekEnd(week)
  if (!start || !end) throw badRequest('WEEK_INVALID', `Tuần ${week} không có thật (dạng YYYY-Www, ví dụ 2021-W32).`)
  return { start, end }
}

async function areaUnit(ctx: Ctx, code: string) {
  const unit = await getUnit(ctx, code)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return unit
}

const dayBefore = (day: string) => format(addDays(parseISO(day), -1), 'yyyy-MM-dd')

export async function weekTable(ctx: Ctx, q: { unit: string; week: string }): Promise<WeekView> {
  requirePermission(ctx.access, 'levels:read')
  const { start, end } = checkedWeek(q.week)
  const area = await areaUnit(ctx, q.unit)
  const rs = await ruleSetFor(ctx, area.path, start)
  // A commune's view lists its hamlets as well; above, the communes.
  const local = area.level !== 'province' && area.level !== 'district'
  const communes = await repo.communesIn(ctx.db, ctx.access, area.path, local)
  const ids = communes.map((c) => c.unitId)
  const [rows, inForce] = await Promise.all([repo.assessmentsOfWeek(ctx.db, ids, start), repo.levelsInForce(ctx.db, ids, dayBefore(start))])
  const byUnit = new Map(rows.map((r) => [r.unitId, r]))
  const counts = { '1': 0, '2': 0, '3': 0, '4': 0 }
  const levels: Level[] = []
  const view = communes.map((c): WeekRowView => {
    const a = byUnit.get(c.unitId)
    const held = inForce.get(c.unitId) ?? null
    const level = a ? (a.overrideLevel ?? a.computedLevel) : null
    if (level) {
      counts[String(level) as '1']++
      levels.push(level as Level)
    }
    return {
      assessmentId: a?.id ?? null,
      unitCode: c.code,
      unitName: fullNameOf(c.name, c.unitType),
      population: c.population,
      inputs: a?.inputs ?? null,
      source: a?.source ?? null,
      sources: a?.sources ?? {},
      computedLevel: a?.computedLevel ?? null,
      level,
      overrideLevel: a?.overrideLevel ?? null,
      overrideReason: a?.overrideReason ?? null,
      indicators: (a?.indicators ?? []) as Indicator[],
      reasons: a?.reasons ?? [],
      confidence: a?.confidence ?? null,
      status: a?.status ?? null,
      effectiveFrom: a?.effectiveFrom ?? null,
      inForce: held ? { level: held.level, since: held.since } : null,
      change: level === null ? null : !held ? 'new' : level > held.level ? 'up' : level < held.level ? 'down' : 'same',
    }
  })
  const derived = area.level === 'commune' ? null : { ...deriveLevel(rs.definition.aggregation, levels), assessed: levels.length }
  return {
    unit: { code: area.code, name: fullNameOf(area.name, area.unitType), level: area.level },
    week: q.week,
    weekStart: start,
    weekEnd: end,
    ruleSet: { ...presentRuleSet(rs), definition: rs.definition },
    rows: view,
    derived,
    counts,
  }
}

/** A week's figures for one unit, as entered or imported (the contract's fields without `unit`). */
export type WeekInputs = Omit<UnitInput, 'unit' | 'population' | 'previousLevel'> & { population?: number | undefined }

interface Target {
  unitId: string
  code: string
  path: string
  population: number | null
  inputs: Record<string, unknown>
  sources: Sources
}

/** Assesses and writes the week's rows of several units (of one province), refusing published ones. */
async function assessAndWrite(ctx: Ctx, start: string, source: 'entered' | 'imported' | 'surveillance', targets: Target[]) {
  if (targets.length === 0) return { assessed: 0, incomplete: 0 }
  const ids = targets.map((t) => t.unitId)
  const [existing, held] = await Promise.all([repo.assessmentsOfWeek(ctx.db, ids, start), repo.levelsInForce(ctx.db, ids, dayBefore(start))])
  const published = existing.filter((e) => e.status === 'published').map((e) => e.unitId)
  const rsByProvince = new Map<string, repo.RuleSetRow>()
  const writes: repo.AssessmentWrite[] = []
  let incomplete = 0
  for (const t of targets) {
    if (published.includes(t.unitId)) continue
    const province = t.path.split('/')[1]!
    let rs = rsByProvince.get(province)
    if (!rs) {
      rs = await ruleSetFor(ctx, t.path, start)
      rsByProvince.set(province, rs)
    }
    const previousLevel = held.get(t.unitId)?.level
    const inputs: Record<string, unknown> = { ...t.inputs, ...(previousLevel ? { previousLevel } : {}) }
    const population = (inputs.population as number | undefined) ?? t.population
    const unitInput = { ...inputs, unit: t.code, population } as UnitInput
    const parsed = zUnitInput.safeParse(unitInput)
    const missing = parsed.success ? missingFields(rs.definition, parsed.data) : []
    if (!parsed.success || missing.length > 0) {
      incomplete++
      const problems = parsed.success ? missing.map((m) => `thiếu ${m}`) : describeIssues(parsed.error.issues)
      writes.push({ unitId: t.unitId, unitPath: t.path, weekStart: start, ruleSetId: rs.id, inputs, source, sources: t.sources, computedLevel: null, indicators: [], reasons: [`Chưa tính được: ${problems.join('; ')}.`, sourcesLine(t.sources)], confidence: null })
      continue
    }
    const a = assessUnit(rs.definition, parsed.data)
    writes.push({ unitId: t.unitId, unitPath: t.path, weekStart: start, ruleSetId: rs.id, inputs, source, sources: t.sources, computedLevel: a.level, indicators: a.indicators, reasons: [...a.reasons, sourcesLine(t.sources)], confidence: a.confidence })
  }
  await repo.upsertAssessments(ctx.db, writes)
  return { assessed: writes.length - incomplete, incomplete, skippedPublished: published.length }
}

/** Enters or imports a week's aggregate figures for units (communes or hamlets) and assesses them. */
export async function enterInputs(ctx: Ctx, week: string, rows: { unitCode: string; inputs: WeekInputs }[], source: 'entered' | 'imported' = 'entered') {
  requirePermission(ctx.access, 'levels:assess')
  const { start } = checkedWeek(week)
  const targets: Target[] = []
  for (const r of rows) {
    const unit = await areaUnit(ctx, r.unitCode)
    if (unit.level !== 'commune' && unit.level !== 'hamlet') throw badRequest('LEVEL_UNIT', `${unit.name}: cấp độ dịch được đánh giá cho xã, phường và ấp, khu phố; cấp trên suy ra từ các xã.`)
    targets.push({ unitId: unit.id, code: unit.code, path: unit.path, population: unit.population, inputs: r.inputs as Record<string, unknown>, sources: enteredSources(r.inputs as Record<string, unknown>, source) })
  }
  return inTransaction(ctx, async (tx) => {
    const existing = await repo.assessmentsOfWeek(tx.db, targets.map((t) => t.unitId), start)
    const published = existing.filter((e) => e.status === 'published')
    if (published.length > 0) throw conflict('LEVEL_PUBLISHED', `Tuần ${week} của ${published.length} đơn vị đã công bố, không sửa số liệu được nữa.`)
    return assessAndWrite(tx, start, source, targets)
  })
}

/**
 * Assesses every commune of an area for a week from the data of the other contexts, all communes at
 * once (a few statements whatever their number): cases and deaths per 100,000 from surveillance;
 * oxygen patients, free beds and ICU beds from care; coverage from vaccination on the week's last
 * day (or today). Where a context holds nothing for a commune, the figures entered or imported for
 * it are kept (this week's, else the latest week's). Every figure's source is stored and shown.
 */
export async function computeFromSurveillance(ctx: Ctx, v: { unit: string; week: string }) {
  requirePermission(ctx.access, 'levels:assess')
  const { start, end } = checkedWeek(v.week)
  const area = await areaUnit(ctx, v.unit)
  const day = [end, today(ctx)].sort()[0]!
  return inTransaction(ctx, async (tx) => {
    const communes = await repo.communesIn(tx.db, tx.access, area.path)
    const ids = communes.map((c) => c.unitId)
    const counts = await repo.surveillanceCounts(tx.db, area.path, start)
    const existing = await repo.assessmentsOfWeek(tx.db, ids, start)
    const before = await repo.knownBefore(tx.db, ids, start)
    const coverage = await coverageForCommunes(tx, area.code, day)
    const care: CareLevelsFigures = hasPermission(tx.access, 'care:read')
      ? await careLevelsFigures(tx, area, start, day)
      : { recorded: false, oxygen: new Map(), beds: new Map(), stations: new Map() }
    const countsBy = new Map(counts.map((c) => [c.unitId, c]))
    const existingBy = new Map(existing.map((e) => [e.unitId, e]))
    const zero = { communityCases7d: 0, cases7d: 0, oxygenPatients7d: 0, deaths7d: 0, communityCasesPrev7d: 0, casesPrev7d: 0, oxygenPatientsPrev7d: 0, deathsPrev7d: 0 }
    const targets = communes.map((c): Target => {
      const now = existingBy.get(c.unitId)
      const earlier = before.get(c.unitId)
      const known = now ? { inputs: now.inputs, sources: now.sources ?? {}, rowSource: now.source, thisWeek: true } : earlier ? { inputs: earlier.inputs, sources: earlier.sources ?? {}, rowSource: earlier.source, thisWeek: false } : null
      const { unitId: _u, ...found } = countsBy.get(c.unitId) ?? { unitId: c.unitId, ...zero }
      const merged = mergeWeekInputs({
        surveillance: found,
        care: { recorded: care.recorded, oxygen: care.oxygen.get(c.unitId) ?? null, beds: care.beds.get(c.unitId) ?? null, stations: care.stations.get(c.unitId) ?? null },
        vaccination: coverage.get(c.unitId) ?? null,
        known,
      })
      return { unitId: c.unitId, code: c.code, path: c.path, population: c.population, inputs: merged.inputs, sources: merged.sources }
    })
    return assessAndWrite(tx, start, 'surveillance', targets)
  })
}

/** The steering committee sets (or clears) the level of an assessment, with its reason. */
export async function overrideLevel(ctx: Ctx, id: number, v: { level: number | null; reason: string | null }) {
  requirePermission(ctx.access, 'levels:publish')
  return inTransaction(ctx, async (tx) => {
    const a = await repo.findAssessment(tx.db, tx.access, id)
    if (!a) throw notFound(`đánh giá #${id}`)
    if (a.status === 'published') throw conflict('LEVEL_PUBLISHED', 'Đánh giá này đã công bố; điều chỉnh ở tuần sau.')
    if (v.level !== null && !v.reason?.trim()) throw badRequest('REASON_REQUIRED', 'Cần ghi lý do khi điều chỉnh cấp độ.')
    await repo.setOverride(tx.db, id, { level: v.level, reason: v.level === null ? null : v.reason!.trim(), userId: tx.access.userId })
    return { id, level: v.level ?? a.computedLevel, overrideLevel: v.level, overrideReason: v.level === null ? null : v.reason!.trim() }
  })
}

/** Publishes the week's assessed levels of an area's communes, in force from `effectiveFrom`. */
export async function publishWeek(ctx: Ctx, v: { unit: string; week: string; effectiveFrom: string }) {
  requirePermission(ctx.access, 'levels:publish')
  const { start } = checkedWeek(v.week)
  const area = await areaUnit(ctx, v.unit)
  const day = today(ctx)
  if (v.effectiveFrom < day) throw badRequest('EFFECTIVE_PAST', `Ngày áp dụng ${formatVnDate(v.effectiveFrom)} đã qua; chọn từ hôm nay (${formatVnDate(day)}).`)
  if (v.effectiveFrom < start) throw badRequest('EFFECTIVE_BEFORE_WEEK', 'Ngày áp dụng trước tuần được đánh giá.')
  return inTransaction(ctx, async (tx) => {
    const communes = await repo.communesIn(tx.db, tx.access, area.path, area.level !== 'province' && area.level !== 'district')
    const rows = await repo.assessmentsOfWeek(tx.db, communes.map((c) => c.unitId), start)
    const ready = rows.filter((r) => r.status !== 'published' && (r.overrideLevel ?? r.computedLevel) !== null)
    if (ready.length === 0) throw badRequest('NOTHING_TO_PUBLISH', `Tuần ${v.week} chưa có cấp độ nào đã tính mà chưa công bố.`)
    const published = await repo.publish(tx.db, ready.map((r) => r.id), { effectiveFrom: v.effectiveFrom, userId: tx.access.userId })
    const noticeDays = differenceInCalendarDays(parseISO(v.effectiveFrom), parseISO(day))
    return {
      published,
      effectiveFrom: v.effectiveFrom,
      notice: noticeDays < 2 ? `Nghị quyết 128/NQ-CP yêu cầu thông báo trước 48 giờ khi thay đổi cấp độ; ngày áp dụng chỉ cách hôm nay ${noticeDays} ngày.` : null,
    }
  })
}

export async function unitHistory(ctx: Ctx, unitCode: string) {
  requirePermission(ctx.access, 'levels:read')
  const unit = await areaUnit(ctx, unitCode)
  return { unit: { code: unit.code, name: fullNameOf(unit.name, unit.unitType) }, history: await repo.history(ctx.db, unit.id, 200) }
}

// ---- Public: no login, nothing personal --------------------------------------------------------

/** The published level in force today of every commune under a unit. */
export async function publicLevels(ctx: Ctx, unitCode: string) {
  const unit = await getUnit(ctx, unitCode)
  const communes = await repo.communesIn(ctx.db, null, unit.path)
  const inForce = await repo.levelsInForce(ctx.db, communes.map((c) => c.unitId), today(ctx))
  return communes.map((c) => {
    const l = inForce.get(c.unitId)
    return { code: c.code, name: fullNameOf(c.name, c.unitType), level: l?.level ?? null, since: l?.since ?? null, measuresUrl: l ? measuresUrl(l.level) : null }
  })
}

/** Communes found by today's name or a pre-2025 name merged into them, with their level in force. */
export async function publicSearch(ctx: Ctx, provinceCode: string, q: string) {
  const folded = fold(q).trim()
  if (folded.length < 2) return []
  const province = await getUnit(ctx, provinceCode)
  const rows = await repo.searchCommunes(ctx.db, province.path, folded, 20)
  const inForce = await repo.levelsInForce(ctx.db, rows.map((r) => r.unitId), today(ctx))
  return rows.map((r) => {
    const l = inForce.get(r.unitId)
    return { code: r.code, name: fullNameOf(r.name, r.unitType), formerNames: r.former.filter((f) => !f.startsWith(`${r.name} (`)), level: l?.level ?? null, since: l?.since ?? null, measuresUrl: l ? measuresUrl(l.level) : null }
  })
}

/** The communes' outlines with their level in force, for the public map. */
export async function publicMap(ctx: Ctx, unitCode: string) {
  const [map, levels] = await Promise.all([childrenMap(ctx, unitCode), publicLevels(ctx, unitCode)])
  const by = new Map(levels.map((l) => [l.code, l]))
  return {
    unit: { code: map.unit.code, name: map.unit.fullName },
    outline: map.outline,
    children: {
      type: 'FeatureCollection' as const,
      features: map.children.features.map((f) => ({ ...f, properties: { code: f.properties.code, name: f.properties.name, fullName: f.properties.fullName, level: by.get(String(f.properties.code))?.level ?? null } })),
    },
  }
}

export function measuresCatalogue() {
  return { source: MEASURES_SOURCE, areas: MEASURE_AREAS, levels: MEASURES }
}
