import { AnalyticsInputError } from '../../../domain/analytics/errors.ts'
import { doublingTime, per100k, positivity } from '../../../domain/analytics/indicators.ts'
import { incidenceFromTable, MAX_INCIDENCE_DAYS } from '../../../domain/analytics/input.ts'
import { estimateR, type RtQuantile, type RtResult, type SerialInterval } from '../../../domain/analytics/rt.ts'
import { discretisedGammaSerialInterval } from '../../../domain/analytics/serialInterval.ts'
import { shiftDay } from '../../../domain/surveillance/followup.ts'
import { formatVnDate } from '../../../domain/text/dates.ts'
import { auditEvent, type Ctx, inTransaction, isWithin, requirePermission, today } from '../../platform/context.ts'
import { AppError, badRequest, outsideJurisdiction } from '../../platform/errors.ts'
import { readTable } from '../../platform/tabular.ts'
import { getUnit, getUnitById } from '../units/service.ts'
import * as repo from './repo.ts'

// Figures for the steering committee: the reproduction number over time (Cori et al. 2013, as
// EpiEstim), 7-day incidence per 100,000, test positivity and doubling time, for a unit inside the
// caller's jurisdiction. Counts are aggregated in SQL; the estimate is computed here from them.

/** The longest period a figure covers. */
export const MAX_RANGE_DAYS = 731
/** The default period of R(t) and of the indicators. */
export const DEFAULT_RANGE_DAYS = 120

/** A domain input error as the API's 400. */
function asAppError<T>(fn: () => T): T {
  try {
    return fn()
  } catch (err) {
    if (err instanceof AnalyticsInputError) throw badRequest(err.code, err.message)
    throw err
  }
}

export interface RtWindowView {
  tStart: number
  tEnd: number
  dateStart: string | null
  dateEnd: string | null
  mean: number
  std: number
  quantiles: Record<RtQuantile, number>
}

export interface RtView {
  windows: RtWindowView[]
  siMean: number
  siSd: number
  si: number[]
  prior: { mean: number; std: number }
  notes: string[]
}

const round = (x: number, digits = 10) => Number(x.toPrecision(digits))

/** The estimate as the API and the command line give it (dates when the days are dated). */
export function presentRt(result: RtResult, dates?: readonly string[]): RtView {
  const notes: string[] = []
  if (result.firstDayLocalMoved > 0) {
    notes.push(`${result.firstDayLocalMoved} ca tại chỗ của ngày đầu tiên được tính là ca xâm nhập: không có số liệu trước đó để biết ai lây cho họ.`)
  }
  const first = result.windows[0]
  if (first && first.tStart > 2) notes.push(`Các cửa sổ kết thúc trước ngày ${Math.ceil(result.siMean)} (khoảng nối tiếp trung bình ${round(result.siMean, 4)} ngày) không được ước lượng.`)
  return {
    windows: result.windows.map((w) => ({
      tStart: w.tStart,
      tEnd: w.tEnd,
      dateStart: dates?.[w.tStart - 1] ?? null,
      dateEnd: dates?.[w.tEnd - 1] ?? null,
      mean: w.mean,
      std: w.std,
      quantiles: w.quantiles,
    })),
    siMean: result.siMean,
    siSd: result.siSd,
    si: result.si,
    prior: { mean: result.prior.mean, std: result.prior.std },
    notes,
  }
}

export interface RtRequest {
  incidence?: { date: string; local: number; imported?: number | undefined }[] | undefined
  csv?: string | undefined
  siMean?: number | undefined
  siSd?: number | undefined
  siDistr?: number[] | undefined
  window?: number | undefined
  meanPrior?: number | undefined
  stdPrior?: number | undefined
}

/** The serial interval a request names: a mean and standard deviation, or a distribution (exactly one). */
export function serialIntervalOf(q: { siMean?: number | undefined; siSd?: number | undefined; siDistr?: number[] | undefined }): SerialInterval {
  const parametric = q.siMean !== undefined || q.siSd !== undefined
  if (parametric && q.siDistr !== undefined) throw badRequest('RT_SI_BOTH', 'Chỉ cho một khoảng nối tiếp: hoặc trung bình và độ lệch chuẩn, hoặc một phân bố.')
  if (q.siDistr !== undefined) return { kind: 'distribution', distr: q.siDistr }
  if (q.siMean === undefined || q.siSd === undefined) {
    throw badRequest('RT_SI_REQUIRED', 'Cần khoảng nối tiếp: trung bình và độ lệch chuẩn (siMean, siSd), hoặc phân bố rời rạc từ ngày 0 (siDistr).')
  }
  return { kind: 'parametric', mean: q.siMean, sd: q.siSd }
}

/** Daily incidence from a CSV text (date,local[,imported]), read with the project's table reader. */
export async function incidenceFromCsv(fileName: string, content: Buffer) {
  const table = await readTable(fileName, content, { maxRows: MAX_INCIDENCE_DAYS, maxInflatedBytes: 16 * 1024 * 1024 })
  return asAppError(() => incidenceFromTable(table.headers, table.rows))
}

/** R over time from the incidence and serial interval a request gives: no data is read or written. */
export async function computeRt(ctx: Ctx, q: RtRequest): Promise<RtView> {
  requirePermission(ctx.access, 'analytics:read')
  if ((q.incidence === undefined) === (q.csv === undefined)) throw badRequest('RT_INCIDENCE_REQUIRED', 'Cho số ca mỗi ngày bằng đúng một cách: incidence (danh sách) hoặc csv (văn bản CSV date,local,imported).')
  const si = serialIntervalOf(q)
  let incidence: { dates: string[]; local: number[]; imported: number[] }
  if (q.csv !== undefined) incidence = await incidenceFromCsv('incidence.csv', Buffer.from(q.csv, 'utf8'))
  else {
    const rows = q.incidence!.map((r, i) => ({ line: i + 1, cells: [r.date, String(r.local), r.imported === undefined ? '0' : String(r.imported)] }))
    incidence = asAppError(() => incidenceFromTable(['date', 'local', 'imported'], rows))
  }
  const result = asAppError(() => estimateR({ local: incidence.local, imported: incidence.imported, si, window: q.window, meanPrior: q.meanPrior, stdPrior: q.stdPrior }))
  // Figures the caller brought, none of the database's: the computation is recorded, not its data.
  await auditEvent(ctx, 'compute', 'analytics_rt', { days: incidence.dates.length, from: incidence.dates[0], to: incidence.dates.at(-1), si: si.kind, window: q.window ?? 7 })
  return presentRt(result, incidence.dates)
}

// --- By unit, from the surveillance data -------------------------------------------------------

interface AreaQuery {
  unit?: string | undefined
  from?: string | undefined
  to?: string | undefined
}

/** The unit asked for (inside the caller's jurisdiction) or the caller's own, and the period. */
async function scope(ctx: Ctx, q: AreaQuery) {
  requirePermission(ctx.access, 'analytics:read')
  let unit: { id: string; code: string; name: string; path: string } | null = null
  if (q.unit) {
    const u = await getUnit(ctx, q.unit)
    if (!isWithin(ctx.access, u.path)) throw outsideJurisdiction()
    unit = { id: u.id, code: u.code, name: u.name, path: u.path }
  } else if (ctx.access.unitId) {
    const u = await getUnitById(ctx, ctx.access.unitId)
    unit = { id: u.id, code: u.code, name: u.name, path: u.path }
  }
  const area = unit?.path ?? ctx.access.unitPath
  const to = q.to ?? today(ctx)
  const from = q.from ?? shiftDay(to, -(DEFAULT_RANGE_DAYS - 1))
  if (from > to) throw badRequest('BAD_RANGE', `Ngày bắt đầu (${formatVnDate(from)}) ở sau ngày kết thúc (${formatVnDate(to)}).`)
  if (from < shiftDay(to, -(MAX_RANGE_DAYS - 1))) throw badRequest('RANGE_TOO_LONG', `Chỉ xem được tối đa ${MAX_RANGE_DAYS} ngày một lần; hãy chọn khoảng ngắn hơn.`)
  return { unit, area, from, to }
}

/** Every day from `from` to `to`. */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = []
  for (let d = from; d <= to; d = shiftDay(d, 1)) days.push(d)
  return days
}

export interface SerialIntervalView {
  id: number
  validFrom: string
  unitCode: string | null
  unitName: string | null
  meanDays: number
  sdDays: number
  source: string
  confidence: 'verified' | 'secondary' | 'unverified'
  note: string | null
}

/** The serial interval in force at the end of the period for the area's province. */
async function serialIntervalFor(ctx: Ctx, path: string, day: string): Promise<SerialIntervalView> {
  const province = await repo.provinceOfPath(ctx.db, path)
  const row = await repo.serialIntervalInForce(ctx.db, province?.id ?? null, day)
  if (!row) throw new AppError(409, 'NO_SERIAL_INTERVAL', `Chưa có khoảng nối tiếp nào áp dụng vào ngày ${formatVnDate(day)}: hãy ghi khoảng nối tiếp của tỉnh.`)
  return presentSi(row)
}

function presentSi(r: Awaited<ReturnType<typeof repo.listSerialIntervals>>[number]): SerialIntervalView {
  return {
    id: r.id,
    validFrom: String(r.validFrom).slice(0, 10),
    unitCode: r.unitCode,
    unitName: r.unitName,
    meanDays: Number(r.meanDays),
    sdDays: Number(r.sdDays),
    source: r.source,
    confidence: r.confidence,
    note: r.note,
  }
}

export interface UnitRtQuery extends AreaQuery {
  by?: repo.CaseDate | undefined
  window?: number | undefined
}

export interface UnitRt extends RtView {
  unit: { code: string; name: string } | null
  from: string
  to: string
  by: repo.CaseDate
  window: number
  serialInterval: SerialIntervalView
  days: { date: string; local: number; imported: number }[]
}

/**
 * R over time for a unit from its F0 by day of confirmation (or onset), local against imported,
 * with the province's serial interval in force on the last day.
 */
export async function unitRt(ctx: Ctx, q: UnitRtQuery): Promise<UnitRt> {
  const { unit, area, from, to } = await scope(ctx, q)
  const by = q.by ?? 'confirmed'
  const window = q.window ?? 7
  const serialInterval = await serialIntervalFor(ctx, area, to)
  const counts = new Map((await repo.dailyCases(ctx.db, ctx.access, area, by, from, to)).map((r) => [r.day, r]))
  const days = daysBetween(from, to).map((date) => ({ date, local: counts.get(date)?.local ?? 0, imported: counts.get(date)?.imported ?? 0 }))
  const result = asAppError(() =>
    estimateR({
      local: days.map((d) => d.local),
      imported: days.map((d) => d.imported),
      si: { kind: 'parametric', mean: serialInterval.meanDays, sd: serialInterval.sdDays },
      window,
    }),
  )
  return { unit: unit && { code: unit.code, name: unit.name }, from, to, by, window, serialInterval, days, ...presentRt(result, days.map((d) => d.date)) }
}

export interface CommuneRt {
  code: string
  name: string
  cases: number
  /** The last window's estimate (null when no window could be estimated). */
  latest: { dateStart: string; dateEnd: string; mean: number; lower: number; upper: number; localCases: number } | null
}

/**
 * R over time for every commune of a unit over the period, from one aggregate of the F0 by commune
 * and day; answers each commune's latest window (the last `window` days) and its 95% interval.
 */
export async function communesRt(ctx: Ctx, q: UnitRtQuery): Promise<{ from: string; to: string; by: repo.CaseDate; window: number; serialInterval: SerialIntervalView; communes: CommuneRt[] }> {
  const window = q.window ?? 7
  const { from, to, by, serialInterval, dates, communes, si } = await communeSeries(ctx, q, window)
  const T = dates.length
  const out = communes.map((c) => {
    const r = estimateR({ local: c.local, imported: c.imported, si, tStart: [T - window + 1], tEnd: [T] })
    const w = r.windows[0]
    return {
      code: c.code,
      name: c.name,
      cases: c.local.reduce((a, b) => a + b, 0) + c.imported.reduce((a, b) => a + b, 0),
      latest: w ? { dateStart: dates[w.tStart - 1]!, dateEnd: dates[w.tEnd - 1]!, mean: w.mean, lower: w.quantiles['0.025'], upper: w.quantiles['0.975'], localCases: w.localCases } : null,
    }
  })
  return { from, to, by, window, serialInterval, communes: out }
}

/** Every commune's whole R(t) series over the period (the benchmark's work: all windows, all quantiles). */
export async function communesRtSeries(ctx: Ctx, q: UnitRtQuery) {
  const window = q.window ?? 7
  const { communes, si } = await communeSeries(ctx, q, window)
  return communes.map((c) => ({ code: c.code, name: c.name, windows: estimateR({ local: c.local, imported: c.imported, si, window }).windows }))
}

/**
 * The daily F0 of every commune of the area over the period (local and imported, every day listed)
 * from one aggregate, and the serial interval in force discretised once over the period's days.
 */
async function communeSeries(ctx: Ctx, q: UnitRtQuery, window: number) {
  const { area, from, to } = await scope(ctx, q)
  const by = q.by ?? 'confirmed'
  const serialInterval = await serialIntervalFor(ctx, area, to)
  const dates = daysBetween(from, to)
  const T = dates.length
  if (window > T - 1) throw badRequest('RT_WINDOW_TOO_LONG', `Cửa sổ ${window} ngày dài hơn khoảng thời gian: cần ít nhất ${window + 1} ngày (đang có ${T}).`)
  const rows = await repo.dailyCasesByCommune(ctx.db, ctx.access, area, by, from, to)
  const communes = rows.communes.map((c) => ({ ...c, local: new Array<number>(T).fill(0), imported: new Array<number>(T).fill(0) }))
  for (const c of rows.counts) {
    communes[c.commune]!.local[c.day] = c.local
    communes[c.commune]!.imported[c.day] = c.imported
  }
  const si: SerialInterval = { kind: 'distribution', distr: discretisedGammaSerialInterval(serialInterval.meanDays, serialInterval.sdDays, T) }
  return { from, to, by, serialInterval, dates, communes, si }
}

export interface IndicatorDay {
  date: string
  cases: number
  cases7d: number
  incidence7dPer100k: number | null
  results: number
  positive: number
  positivity7d: number | null
  /** Days for the 7-day cases to double (negative: to halve), from the week before. */
  doublingTime: number | null
}

/** Day by day for a unit: F0 confirmed and over 7 days per 100,000 people, test positivity over 7 days, doubling time. */
export async function unitIndicators(ctx: Ctx, q: AreaQuery) {
  const { unit, area, from, to } = await scope(ctx, q)
  const population = unit ? await repo.populationOf(ctx.db, unit.id, unit.path) : null
  const rows = await repo.dailyIndicators(ctx.db, ctx.access, area, shiftDay(from, -7), to)
  const byDay = new Map(rows.map((r) => [r.day, r]))
  const days: IndicatorDay[] = rows
    .filter((r) => r.day >= from)
    .map((r) => {
      const weekBefore = byDay.get(shiftDay(r.day, -7))
      return {
        date: r.day,
        cases: r.cases,
        cases7d: r.cases7d,
        incidence7dPer100k: per100k(r.cases7d, population?.population),
        results: r.results,
        positive: r.positive,
        positivity7d: positivity(r.positive7d, r.results7d),
        doublingTime: weekBefore ? doublingTime(weekBefore.cases7d, r.cases7d, 7) : null,
      }
    })
  return { unit: unit && { code: unit.code, name: unit.name }, from, to, population: population?.population ?? null, populationYear: population?.year ?? null, days }
}

// --- Serial intervals as data ---------------------------------------------------------------

export async function listSerialIntervals(ctx: Ctx) {
  requirePermission(ctx.access, 'analytics:read')
  return { serialIntervals: (await repo.listSerialIntervals(ctx.db, ctx.access)).map(presentSi) }
}

export interface SerialIntervalInput {
  validFrom: string
  meanDays: number
  sdDays: number
  source: string
  confidence: 'verified' | 'secondary' | 'unverified'
  note?: string | null | undefined
}

/** A province's own serial interval from a date (for the caller's province); a surveillance rule. */
export async function createSerialInterval(ctx: Ctx, input: SerialIntervalInput): Promise<SerialIntervalView> {
  requirePermission(ctx.access, 'surveillance:rules')
  return inTransaction(ctx, async (tx) => {
    const province = await repo.provinceOfPath(tx.db, tx.access.unitPath)
    if (!province) throw badRequest('SI_NO_PROVINCE', 'Tài khoản này không thuộc tỉnh nào: khoảng nối tiếp riêng được ghi cho tỉnh của người ghi.')
    if (await repo.serialIntervalExists(tx.db, province.id, input.validFrom)) {
      throw new AppError(409, 'SI_EXISTS', `${province.name} đã có khoảng nối tiếp áp dụng từ ngày ${formatVnDate(input.validFrom)}. Hãy chọn ngày khác.`)
    }
    const id = await repo.insertSerialInterval(tx.db, { ...input, note: input.note ?? null, unitId: province.id })
    const rows = await repo.listSerialIntervals(tx.db, tx.access)
    return presentSi(rows.find((r) => r.id === id)!)
  })
}

