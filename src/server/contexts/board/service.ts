import type { Permission } from '../../../domain/access/roles.ts'
import { weekOf } from '../../../domain/levels/weeks.ts'
import { shiftDay } from '../../../domain/surveillance/followup.ts'
import { keptRead } from '../../platform/coalesce.ts'
import { type Ctx, hasPermission, isWithin, requirePermission, today } from '../../platform/context.ts'
import type { ChangeChannel } from '../../platform/changes.ts'
import { changeVersion } from '../../platform/db.ts'
import { AppError, badRequest, outsideJurisdiction } from '../../platform/errors.ts'
import { unitRt } from '../analytics/service.ts'
import { capacityOf } from '../care/service.ts'
import { lateInUnit } from '../directives/read.ts'
import { weeklyCounts } from '../entry/service.ts'
import { weekTable } from '../levels/service.ts'
import { communeOccupancy } from '../quarantine/service.ts'
import { fullNameOf, getUnit, getUnitById } from '../units/service.ts'
import { coverage } from '../vaccination/service.ts'

// The steering committee's live picture of a unit (the caller's own by default): each tile read
// through its context's own service or counts, as the caller may see them, all at once. Figures
// only, nothing personal. A section the caller may not read is left out and named.

/** Days of the cases' trend. */
export const TREND_DAYS = 30
/** Days of illegal entries counted. */
export const ENTRY_DAYS = 7

export type SectionKey = 'cases' | 'rt' | 'levels' | 'quarantine' | 'care' | 'vaccination' | 'directives' | 'entry'

/** Each section, the permission that reads it and its Vietnamese title (named when left out). */
export const SECTIONS: Record<SectionKey, { permission: Permission; title: string }> = {
  cases: { permission: 'analytics:read', title: 'Ca mắc mới' },
  rt: { permission: 'analytics:read', title: 'Hệ số lây nhiễm R' },
  levels: { permission: 'levels:read', title: 'Cấp độ dịch' },
  quarantine: { permission: 'quarantine:read', title: 'Cách ly y tế' },
  care: { permission: 'care:read', title: 'Giường điều trị' },
  vaccination: { permission: 'vaccination:read', title: 'Tiêm chủng' },
  directives: { permission: 'directives:read', title: 'Nhiệm vụ chỉ đạo quá hạn' },
  entry: { permission: 'entry:read', title: 'Nhập cảnh trái phép' },
}
const SECTION_KEYS = Object.keys(SECTIONS) as SectionKey[]

export interface BoardCases {
  today: number
  last7Days: number
  /** The last 30 days, oldest first: F0 (confirmed or probable) by day of confirmation. */
  days: { date: string; local: number; imported: number }[]
}

export interface BoardRt {
  /** The last window's posterior mean and 95% credible interval; null when no window could be estimated. */
  latest: { dateStart: string; dateEnd: string; mean: number; lower: number; upper: number } | null
  window: number
  serialInterval: { meanDays: number; sdDays: number; source: string; confidence: string }
}

export interface BoardLevels {
  week: string
  weekStart: string
  weekEnd: string
  ruleSet: string
  /** Communes (hamlets under a commune) with their level in force today and this week's published one. */
  communes: { code: string; name: string; level: number | null; since: string | null; thisWeek: number | null }[]
  /** Communes by level in force today ('0': none). */
  counts: Record<'0' | '1' | '2' | '3' | '4', number>
  /** Rows of this week already published. */
  published: number
}

export interface BoardQuarantine {
  capacity: number
  atFacilities: number
  atHome: number
  /** People at facilities over their capacity (0–1, or more when overfull); null without capacity. */
  occupancy: number | null
}

export interface BoardCare {
  beds: number
  occupied: number
  byKind: { kind: string; beds: number; occupied: number }[]
  homeCare: number
  freePer100k: number | null
}

export interface BoardVaccination {
  date: string
  /** Shares 0–1 of everyone aged 5 and over (null without population). */
  all: { atLeastOneShare: number | null; fullyShare: number | null; boostedShare: number | null }
  target: { id: number; name: string; measure: string; share: number; deadline: string; unitName: string } | null
  progress: { status: string; share: number | null; perDayNeeded: number | null; recentPerDay: number; daysLeft: number } | null
  communes: number
  behind: number
}

export interface BoardDirectives {
  /** Assignments late in the period (by directive date, the dashboard's default 12 months). */
  overdue: number
  from: string
}

export interface BoardEntry {
  from: string
  to: string
  cases: number
  people: number
}

export interface BoardView {
  unit: { code: string; name: string; level: string }
  date: string
  cases: BoardCases | null
  rt: BoardRt | null
  levels: BoardLevels | null
  quarantine: BoardQuarantine | null
  care: BoardCare | null
  vaccination: BoardVaccination | null
  directives: BoardDirectives | null
  entry: BoardEntry | null
  /** Sections not shown: not readable by the caller, or without the data they need (with why). */
  omitted: { section: SectionKey; title: string; reason: 'permission' | 'unavailable'; message: string | null }[]
}

/** The unit asked for (inside the caller's jurisdiction) or the caller's own. */
async function boardUnit(ctx: Ctx, code: string | undefined) {
  if (code) {
    const unit = await getUnit(ctx, code)
    if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
    return unit
  }
  if (!ctx.access.unitId) throw badRequest('UNIT_REQUIRED', 'Hãy chọn đơn vị cần xem.')
  return getUnitById(ctx, ctx.access.unitId)
}

/** The change channels each section is read from (migrations 0032 and 0037); units are read by all. */
const CHANNELS: Record<SectionKey, ChangeChannel[]> = {
  cases: ['phongdich_cases'],
  rt: ['phongdich_cases'],
  levels: ['phongdich_levels'],
  quarantine: ['phongdich_quarantine'],
  care: ['phongdich_care'],
  vaccination: ['phongdich_vaccination'],
  directives: ['phongdich_directives'],
  entry: ['phongdich_entry'],
}

/** Sections kept per database: every commune's board of a province, and more. */
const KEPT_SECTIONS = 2000
const scopes = new WeakMap<object, object>()
const scopeOf = (db: object) => {
  const scope = scopes.get(db) ?? {}
  scopes.set(db, scope)
  return scope
}

/**
 * The board of a unit. Each section is kept until a change commits to what it is read from (its
 * channel and the units'), since officials keep the board open while the province works: a new
 * case makes the cases and R read again, not the vaccination. Those asking together share one
 * computation of each.
 */
export async function board(ctx: Ctx, q: { unit?: string | undefined }): Promise<BoardView> {
  requirePermission(ctx.access, 'analytics:read')
  const day = today(ctx)
  const unit = await boardUnit(ctx, q.unit)
  return compute(ctx, { code: unit.code, name: fullNameOf(unit.name, unit.unitType), level: unit.level, path: unit.path }, day)
}

type Unit = { code: string; name: string; level: string; path: string }

async function compute(ctx: Ctx, unit: Unit, day: string): Promise<BoardView> {
  const view: BoardView = { unit: { code: unit.code, name: unit.name, level: unit.level }, date: day, cases: null, rt: null, levels: null, quarantine: null, care: null, vaccination: null, directives: null, entry: null, omitted: [] }
  const readers: Partial<Record<SectionKey, () => Promise<void>>> = {
    // Cases and R come from one read of the analytics context (its default period, so R is the analytics page's).
    cases: async () => {
      const r = await unitRt(ctx, { unit: unit.code, to: day })
      const days = r.days.slice(-TREND_DAYS)
      const sum = (ds: typeof days) => ds.reduce((n, d) => n + d.local + d.imported, 0)
      view.cases = { today: sum(days.slice(-1)), last7Days: sum(days.slice(-7)), days }
      if (hasPermission(ctx.access, SECTIONS.rt.permission)) {
        const w = r.windows.at(-1)
        view.rt = {
          latest: w?.dateStart && w.dateEnd ? { dateStart: w.dateStart, dateEnd: w.dateEnd, mean: w.mean, lower: w.quantiles['0.025'], upper: w.quantiles['0.975'] } : null,
          window: r.window,
          serialInterval: { meanDays: r.serialInterval.meanDays, sdDays: r.serialInterval.sdDays, source: r.serialInterval.source, confidence: r.serialInterval.confidence },
        }
      }
    },
    levels: async () => {
      const w = await weekTable(ctx, { unit: unit.code, week: weekOf(day) })
      const counts = { '0': 0, '1': 0, '2': 0, '3': 0, '4': 0 }
      let published = 0
      const communes = w.rows.map((r) => {
        const thisWeek = r.status === 'published' ? r.level : null
        if (thisWeek !== null) published++
        // This week's publication once it has taken effect, else the level in force before the week.
        const now = thisWeek !== null && r.effectiveFrom !== null && r.effectiveFrom <= day ? { level: thisWeek, since: r.effectiveFrom } : r.inForce
        counts[String(now?.level ?? 0) as '0']++
        return { code: r.unitCode, name: r.unitName, level: now?.level ?? null, since: now?.since ?? null, thisWeek }
      })
      view.levels = { week: w.week, weekStart: w.weekStart, weekEnd: w.weekEnd, ruleSet: w.ruleSet.name, communes, counts, published }
    },
    quarantine: async () => {
      const q = await communeOccupancy(ctx, { unit: unit.code, days: 1 })
      const sum = (setting: 'facility' | 'home', f: (x: (typeof q.communes)[number]) => number) => q.communes.filter((c) => c.setting === setting).reduce((a, c) => a + f(c), 0)
      const capacity = sum('facility', (c) => c.capacity)
      const atFacilities = sum('facility', (c) => c.present)
      view.quarantine = { capacity, atFacilities, atHome: sum('home', (c) => c.present), occupancy: capacity > 0 ? Math.round((atFacilities / capacity) * 1000) / 1000 : null }
    },
    care: async () => {
      const c = await capacityOf(ctx, { unit: unit.code })
      const byKind = new Map<string, { kind: string; beds: number; occupied: number }>()
      for (const r of c.capacity) {
        const k = byKind.get(r.kind) ?? { kind: r.kind, beds: 0, occupied: 0 }
        k.beds += r.beds
        k.occupied += r.occupied
        byKind.set(r.kind, k)
      }
      const kinds = [...byKind.values()]
      view.care = { beds: kinds.reduce((n, k) => n + k.beds, 0), occupied: kinds.reduce((n, k) => n + k.occupied, 0), byKind: kinds, homeCare: c.homeCare, freePer100k: c.freePer100k }
    },
    vaccination: async () => {
      const v = await coverage(ctx, { unitCode: unit.code, date: day })
      const all = v.totals.all
      view.vaccination = {
        date: v.date,
        all: { atLeastOneShare: all.atLeastOneShare, fullyShare: all.fullyShare, boostedShare: all.boostedShare },
        target: v.target && { id: v.target.id, name: v.target.name, measure: v.target.measure, share: v.target.share, deadline: v.target.deadline, unitName: v.target.unitName },
        progress: v.progress && { status: v.progress.status, share: v.progress.share, perDayNeeded: v.progress.perDayNeeded, recentPerDay: v.progress.recentPerDay, daysLeft: v.progress.daysLeft },
        communes: v.communes.length,
        behind: v.behind.length,
      }
    },
    // The directives' kept per-body counts over the dashboard's default period, for the bodies of the unit.
    directives: async () => {
      const { late, from } = await lateInUnit(ctx, unit.path)
      view.directives = { overdue: late, from }
    },
    entry: async () => {
      const from = shiftDay(day, -(ENTRY_DAYS - 1))
      const w = await weeklyCounts(ctx, { unitCode: unit.code, from, to: day })
      view.entry = { from, to: day, cases: w.communes.reduce((n, c) => n + c.cases, 0), people: w.communes.reduce((n, c) => n + c.people, 0) }
    },
  }
  // What decides a section: the unit, the caller's reach (area, role's permissions, body) and the day.
  // The unit was checked against the caller before: an answer kept for this area was allowed to it.
  const reach = [unit.code, ctx.access.unitPath, ctx.access.role, ctx.access.orgId, day]
  const failed = new Map<SectionKey, string>()
  await Promise.all(
    (Object.keys(readers) as SectionKey[]).map(async (key) => {
      if (!hasPermission(ctx.access, SECTIONS[key].permission)) return
      try {
        const kept = await keptRead(
          scopeOf(ctx.db),
          () => changeVersion(ctx.db, 'phongdich_units', ...CHANNELS[key]),
          JSON.stringify([key, ...reach]),
          async () => {
            await readers[key]!()
            return key === 'cases' ? { cases: view.cases, rt: view.rt } : { [key]: view[key] }
          },
          KEPT_SECTIONS,
        )
        Object.assign(view, kept)
      } catch (err) {
        // Figures a unit lacks (no serial interval, no rule set) leave the tile out with the context's reason.
        if (err instanceof AppError && err.status === 409) failed.set(key, err.message)
        else throw err
      }
    }),
  )
  if (failed.has('cases')) failed.set('rt', failed.get('cases')!)
  for (const key of SECTION_KEYS) {
    const { permission, title } = SECTIONS[key]
    if (!hasPermission(ctx.access, permission)) view.omitted.push({ section: key, title, reason: 'permission', message: null })
    else if (failed.has(key)) view.omitted.push({ section: key, title, reason: 'unavailable', message: failed.get(key)! })
  }
  return view
}
