import { PassThrough } from 'node:stream'
import type { Permission } from '../../../domain/access/roles.ts'
import { shiftDay } from '../../../domain/care/rules.ts'
import { weekOf } from '../../../domain/levels/weeks.ts'
import { type Ctx, auditEvent, hasPermission, isWithin, requirePermission, today } from '../../platform/context.ts'
import { AppError, outsideJurisdiction } from '../../platform/errors.ts'
import { storeStream } from '../../platform/fileStore.ts'
import { enqueueJob, type RunningJob } from '../../platform/jobs.ts'
import { capacityOf } from '../care/service.ts'
import { renderOffLoop } from '../directives/render/offLoop.ts'
import { hasActiveJob } from '../jobs/repo.ts'
import { getJob } from '../jobs/service.ts'
import { publicLevels, weekTable } from '../levels/service.ts'
import { communeOccupancy } from '../quarantine/service.ts'
import { epidemicCurve, incidence, todayNumbers } from '../surveillance/summary/service.ts'
import { fullNameOf, getUnit } from '../units/service.ts'
import { coverage } from '../vaccination/service.ts'
import type { DailyReport } from './dailyReportContent.ts'
import * as repo from './repo.ts'

/**
 * The steering committee's daily situation report (báo cáo nhanh tình hình dịch) of a unit: the
 * figures of each context read through its own service, as the caller may see them, then written
 * as an official Word or PDF document in a worker thread. It runs as a job with progress, and the
 * file is kept for its requester only (GET /api/jobs/:id/file).
 */

export const DAILY_REPORT_JOB = 'analytics.daily-report'
export type DailyReportFormat = 'docx' | 'pdf'
export interface DailyReportInput {
  unit: string
  format: DailyReportFormat
}

const MIME: Record<DailyReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
}
const KEEP_HOURS = 24
/** The epidemic curve's days, today included. */
const CURVE_DAYS = 30

export const dailyReportName = (unitCode: string, day: string, format: DailyReportFormat) => `bao-cao-nhanh-tinh-hinh-dich-${unitCode}-${day}.${format}`

async function reportUnit(ctx: Ctx, code: string) {
  const unit = await getUnit(ctx, code)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return unit
}

/** Starts the report of a unit of the caller's jurisdiction; one at a time per user. */
export async function queueDailyReport(ctx: Ctx, input: DailyReportInput): Promise<number> {
  requirePermission(ctx.access, 'analytics:read')
  const unit = await reportUnit(ctx, input.unit)
  if (ctx.access.userId !== null && (await hasActiveJob(ctx.db, DAILY_REPORT_JOB, ctx.access.userId))) {
    throw new AppError(429, 'REPORT_IN_PROGRESS', 'Bạn đang có một báo cáo đang được lập; hãy đợi báo cáo đó xong rồi lập tiếp.')
  }
  const title = `Báo cáo nhanh tình hình dịch ngày ${today(ctx).split('-').reverse().join('/')} — ${fullNameOf(unit.name, unit.unitType)} (${input.format === 'docx' ? 'Word' : 'PDF'})`
  return enqueueJob(ctx, { kind: DAILY_REPORT_JOB, title, payload: { unit: unit.code, format: input.format } })
}

/** Queues the report and answers the job to follow. */
export async function startDailyReport(ctx: Ctx, input: DailyReportInput) {
  return getJob(ctx, await queueDailyReport(ctx, input))
}

type Step = (report: DailyReport) => Promise<void>

/**
 * The report's figures on `today`, each section read by its context's service with the caller's
 * jurisdiction; a section the caller may not read is left out and named.
 */
export async function dailyReportData(ctx: Ctx, unitCode: string, progress: (done: number, total: number, what: string) => Promise<void> = async () => {}): Promise<DailyReport> {
  const unit = await reportUnit(ctx, unitCode)
  const day = today(ctx)
  const name = fullNameOf(unit.name, unit.unitType)
  const report: DailyReport = {
    unit: { code: unit.code, name, level: unit.level },
    date: day,
    place: unit.name,
    issuerParent: `ỦY BAN NHÂN DÂN\n${name.toUpperCase()}`,
    issuer: `BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH\n${name.toUpperCase()}`,
    cases: null,
    casesByCommune: [],
    curve: null,
    contacts: null,
    tests: null,
    quarantine: null,
    care: null,
    vaccination: null,
    levels: null,
    map: null,
    omitted: [],
  }
  const steps: [string, Permission, string, Step][] = [
    [
      'ca bệnh, tiếp xúc, xét nghiệm',
      'surveillance:read',
      'Tình hình ca bệnh, tiếp xúc và xét nghiệm',
      async (r) => {
        const now = await todayNumbers(ctx, { unit: unit.code })
        r.cases = { today: now.newCases.today, last7Days: now.newCases.last7Days, active: now.activeCases }
        r.contacts = { byDegree: now.contacts.byDegree, underFollowup: now.underFollowup }
        r.tests = now.tests
        const [ofDay, ofWeek] = [await incidence(ctx, { unit: unit.code, from: day, to: day }), await incidence(ctx, { unit: unit.code, from: shiftDay(day, -6), to: day })]
        const todayBy = new Map(ofDay.communes.map((c) => [c.code, c.cases]))
        r.casesByCommune = ofWeek.communes
          .filter((c) => c.cases > 0)
          .map((c) => ({ code: c.code, name: fullNameOf(c.name, c.unitType), today: todayBy.get(c.code) ?? 0, last7Days: c.cases, per100k: c.per100k }))
          .sort((a, b) => b.last7Days - a.last7Days || b.today - a.today || a.name.localeCompare(b.name, 'vi'))
        const curve = await epidemicCurve(ctx, { unit: unit.code, from: shiftDay(day, -(CURVE_DAYS - 1)), to: day, by: 'confirmed' })
        r.curve = { from: curve.from, to: curve.to, days: curve.days.map(({ date, imported, linked, unknown }) => ({ date, imported, linked, unknown })) }
      },
    ],
    [
      'cách ly',
      'quarantine:read',
      'Cách ly y tế',
      async (r) => {
        const q = await communeOccupancy(ctx, { unit: unit.code, days: 1 })
        const sum = (setting: 'facility' | 'home', f: (x: (typeof q.communes)[number]) => number) => q.communes.filter((c) => c.setting === setting).reduce((a, c) => a + f(c), 0)
        r.quarantine = {
          capacity: sum('facility', (c) => c.capacity),
          atFacilities: sum('facility', (c) => c.present),
          atHome: sum('home', (c) => c.present),
          releasesTomorrow: sum('facility', (c) => c.releases[0] ?? 0) + sum('home', (c) => c.releases[0] ?? 0),
          arrivalsTomorrow: sum('facility', (c) => c.arrivals[0] ?? 0) + sum('home', (c) => c.arrivals[0] ?? 0),
        }
      },
    ],
    [
      'điều trị',
      'care:read',
      'Thu dung, điều trị',
      async (r) => {
        const c = await capacityOf(ctx, { unit: unit.code })
        r.care = { beds: c.capacity, homeCare: c.homeCare, freePer100k: c.freePer100k }
      },
    ],
    [
      'tiêm chủng',
      'vaccination:read',
      'Tiêm chủng',
      async (r) => {
        const v = await coverage(ctx, { unitCode: unit.code, date: day })
        r.vaccination = { totals: v.totals, target: v.target, progress: v.progress, behind: v.behind.length, communes: v.communes.length }
      },
    ],
    [
      'cấp độ dịch',
      'levels:read',
      'Cấp độ dịch',
      async (r) => {
        const w = await weekTable(ctx, { unit: unit.code, week: weekOf(day) })
        r.levels = {
          week: w.week,
          weekStart: w.weekStart,
          weekEnd: w.weekEnd,
          ruleSet: w.ruleSet.name,
          counts: w.counts,
          assessed: w.rows.filter((x) => x.level !== null).length,
          communes: w.rows.length,
          derived: w.derived?.level ?? null,
          changes: w.rows
            .filter((x) => x.change === 'up' || x.change === 'down')
            .map((x) => ({ name: x.unitName, from: x.inForce?.level ?? null, to: x.level!, status: x.status ?? 'draft' })),
        }
        // The map: each commune's outline (as stored, drawn in the worker) and its level in force today.
        const [outlines, inForce] = [await repo.communeOutlines(ctx.db, ctx.access, unit.path), await publicLevels(ctx, unit.code)]
        const levelOf = new Map(inForce.map((c) => [c.code, c.level]))
        r.map = outlines.length ? { date: day, communes: outlines.map((o) => ({ code: o.code, level: levelOf.get(o.code) ?? null, geometry: o.geometry })) } : null
      },
    ],
  ]
  for (const [i, [what, permission, title, step]] of steps.entries()) {
    await progress(i, steps.length + 1, `Đang đọc số liệu ${what}`)
    if (hasPermission(ctx.access, permission)) await step(report)
    else report.omitted.push(title)
  }
  await auditEvent(ctx, 'daily-report', 'analytics', { unit: unit.code, date: day, omitted: report.omitted })
  return report
}

/** The job: reads the figures, renders the document off the event loop and stores it for the requester. */
export async function runDailyReport(job: RunningJob<DailyReportInput>): Promise<{ uploadId: number; fileName: string; size: number; mime: string }> {
  const { ctx, payload } = job
  if (ctx.access.userId === null) throw new Error('Chỉ người dùng mới lập được báo cáo.')
  const report = await dailyReportData(ctx, payload.unit, (done, total, what) => job.progress(done, total, what))
  await job.progress(5, 6, payload.format === 'docx' ? 'Đang viết tệp Word' : 'Đang viết tệp PDF')
  const content = await renderOffLoop(payload.format === 'docx' ? 'dailyReportDocx' : 'dailyReportPdf', report)
  const fileName = dailyReportName(report.unit.code, report.date, payload.format)
  const out = new PassThrough()
  const stored = storeStream(ctx.db, { purpose: 'export', fileName, createdBy: ctx.access.userId, unitPath: ctx.access.unitPath, expiresAt: new Date(ctx.now().getTime() + KEEP_HOURS * 3600_000) }, out)
  out.end(content)
  const file = await stored
  await job.progress(6, 6, 'Xong')
  return { uploadId: file.id, fileName, size: file.size, mime: MIME[payload.format] }
}
