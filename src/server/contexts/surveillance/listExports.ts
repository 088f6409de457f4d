import { PassThrough, type Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { CASE_CLASSIFICATIONS, FOLLOWUP_STATUSES, OUTCOMES, SEVERITIES, SOURCE_KINDS, TEST_METHODS } from '../../../domain/surveillance/codes.ts'
import { isIsoDate } from '../../../domain/text/dates.ts'
import { type Ctx, isWithin, requirePermission, today } from '../../platform/context.ts'
import { AppError, outsideJurisdiction } from '../../platform/errors.ts'
import { storeStream } from '../../platform/fileStore.ts'
import { enqueueJob, type RunningJob } from '../../platform/jobs.ts'
import { hasActiveJob } from '../jobs/repo.ts'
import { getUnit, getUnitById, listChildren } from '../units/service.ts'
import { type CaseListQuery, type ContactListQuery, listCases, listContacts } from './cases/service.ts'
import { listTests, type TestListFilter } from './tests/service.ts'

/*
 * A surveillance list (cases, contacts, tests) as the filter on screen shows it, as an .xlsx table.
 * Rows are read a page at a time through the lists' own use cases, so the caller's jurisdiction
 * applies and every page read is audited as theirs; the area is read commune by commune, so no
 * page is read deep into a long list. The workbook is written with ExcelJS's streaming writer, a
 * row at a time, to `out`: to the response for a small list, to a stored file for a large one (a
 * job with progress).
 */

export const LIST_EXPORT_JOB = 'surveillance.listExport'
export const EXPORT_LISTS = ['cases', 'contacts', 'tests'] as const
export type ExportList = (typeof EXPORT_LISTS)[number]
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Rows read per page. */
const PAGE = 500
/** How long a made file is kept for its owner to download. */
const EXPORT_HOURS = 24

export type CasesFilter = Omit<CaseListQuery, 'limit' | 'offset'>
export type ContactsFilter = Omit<ContactListQuery, 'limit' | 'offset'>
export type TestsFilter = Omit<TestListFilter, 'limit' | 'offset'>
export type ExportInput = { list: 'cases'; filter: CasesFilter } | { list: 'contacts'; filter: ContactsFilter } | { list: 'tests'; filter: TestsFilter }

const LIST_NAMES: Record<ExportList, string> = { cases: 'ca-benh', contacts: 'nguoi-tiep-xuc', tests: 'xet-nghiem' }
const LIST_TITLES: Record<ExportList, string> = { cases: 'ca bệnh', contacts: 'người tiếp xúc', tests: 'xét nghiệm' }

export function exportFileName(list: ExportList, day: string): string {
  return `${LIST_NAMES[list]}-${day}.xlsx`
}

type Cell = string | number | null
interface Column {
  header: string
  width: number
  date?: boolean
}

const vi = (table: Record<string, { vi: string }>, code: string | null | undefined): string | null => (code && Object.hasOwn(table, code) ? table[code]!.vi : (code ?? null))
const sexName = (s: string | null) => (s === 'male' ? 'Nam' : s === 'female' ? 'Nữ' : s === 'other' ? 'Khác' : null)
const RESULTS: Record<string, { vi: string }> = { positive: { vi: 'Dương tính' }, negative: { vi: 'Âm tính' }, inconclusive: { vi: 'Không xác định' } }
const TEST_STATUSES: Record<string, { vi: string }> = { planned: { vi: 'Đã hẹn' }, sampled: { vi: 'Đã lấy mẫu' }, resulted: { vi: 'Có kết quả' }, cancelled: { vi: 'Đã hủy' } }

/** One list's columns, and how a page of it is read and turned into rows. */
interface ListSpec {
  columns: Column[]
  page: (ctx: Ctx, unitCode: string, offset: number) => Promise<Cell[][]>
}

function specOf(input: ExportInput): ListSpec {
  switch (input.list) {
    case 'cases':
      return {
        columns: [
          { header: 'Mã ca', width: 12 },
          { header: 'Họ tên', width: 28 },
          { header: 'Năm sinh', width: 9 },
          { header: 'Giới tính', width: 9 },
          { header: 'Xã, phường', width: 24 },
          { header: 'Phân loại', width: 20 },
          { header: 'Ngày khởi phát', width: 13, date: true },
          { header: 'Ngày lấy mẫu', width: 13, date: true },
          { header: 'Ngày xác định', width: 13, date: true },
          { header: 'Ngày cách ly', width: 13, date: true },
          { header: 'Nguồn lây', width: 30 },
          { header: 'Nước', width: 7 },
          { header: 'Ổ dịch', width: 14 },
          { header: 'Mức độ', width: 14 },
          { header: 'Kết quả điều trị', width: 16 },
          { header: 'Ngày kết quả', width: 13, date: true },
        ],
        page: async (ctx, unitCode, offset) =>
          (await listCases(ctx, { ...input.filter, unitCode, limit: PAGE, offset })).rows.map((r) => [
            r.code,
            r.fullName,
            r.birthYear,
            sexName(r.sex),
            r.unitName,
            vi(CASE_CLASSIFICATIONS, r.classification),
            r.onsetDate,
            r.sampleDate,
            r.confirmedDate,
            r.isolatedOn,
            vi(SOURCE_KINDS, r.sourceKind),
            r.sourceCountry,
            r.clusterCode,
            vi(SEVERITIES, r.severity),
            vi(OUTCOMES, r.outcome),
            r.outcomeDate,
          ]),
      }
    case 'contacts':
      return {
        columns: [
          { header: 'Họ tên', width: 28 },
          { header: 'Năm sinh', width: 9 },
          { header: 'Giới tính', width: 9 },
          { header: 'Điện thoại', width: 13 },
          { header: 'Xã, phường', width: 24 },
          { header: 'Bậc tiếp xúc', width: 11 },
          { header: 'Tiếp xúc với', width: 28 },
          { header: 'Ngày tiếp xúc', width: 13, date: true },
          { header: 'Theo dõi', width: 20 },
          { header: 'Theo dõi đến', width: 13, date: true },
          { header: 'Người theo dõi', width: 24 },
        ],
        page: async (ctx, unitCode, offset) =>
          (await listContacts(ctx, { ...input.filter, unitCode, limit: PAGE, offset })).rows.map((r) => [
            r.fullName,
            r.birthYear,
            sexName(r.sex),
            r.phone,
            r.unitName,
            `F${r.degree}`,
            r.viaName,
            r.lastExposedOn,
            vi(FOLLOWUP_STATUSES, r.followupStatus),
            r.followupUntil,
            r.tracerName,
          ]),
      }
    case 'tests':
      return {
        columns: [
          { header: 'Họ tên', width: 28 },
          { header: 'Xã, phường', width: 24 },
          { header: 'Phương pháp', width: 22 },
          { header: 'Trạng thái', width: 13 },
          { header: 'Ngày lấy mẫu', width: 13, date: true },
          { header: 'Ngày kết quả', width: 13, date: true },
          { header: 'Kết quả', width: 14 },
          { header: 'Ct', width: 6 },
          { header: 'Phòng xét nghiệm', width: 26 },
          { header: 'Mẫu gộp', width: 12 },
          { header: 'Đợt xét nghiệm', width: 24 },
        ],
        page: async (ctx, unitCode, offset) =>
          (await listTests(ctx, { ...input.filter, unitCode, limit: PAGE, offset })).rows.map((r) => [
            r.fullName,
            r.unitName,
            vi(TEST_METHODS, r.method),
            vi(TEST_STATUSES, r.status),
            r.sampleDate,
            r.resultDate,
            vi(RESULTS, r.result),
            r.ct,
            r.lab,
            r.poolCode,
            r.campaignName,
          ]),
      }
  }
}

/**
 * The units a list is read by: the communes (and wards, special zones) of the area, or the area
 * itself when it is a commune or a hamlet (its hamlets are inside it).
 */
async function unitsToRead(ctx: Ctx, unitCode: string | undefined): Promise<string[]> {
  const area = unitCode ? await getUnit(ctx, unitCode) : ctx.access.unitId ? await getUnitById(ctx, ctx.access.unitId) : null
  if (!area) throw new AppError(400, 'EXPORT_AREA', 'Hãy chọn đơn vị cần xuất danh sách.')
  const out: string[] = []
  const walk = async (code: string, level: string) => {
    if (level !== 'province' && level !== 'district') {
      out.push(code)
      return
    }
    for (const child of await listChildren(ctx, code)) await walk(child.code, child.level)
  }
  await walk(area.code, area.level)
  return out
}

/** Excel's day count of a yyyy-mm-dd date (UTC midnight: no time-zone drift). */
const excelDate = (v: Cell): Cell | Date => (typeof v === 'string' && isIsoDate(v) ? new Date(`${v}T00:00:00Z`) : v)

/**
 * Writes the list to `out` (which it ends), telling `progress` the units read of the total and the
 * rows written. A refusal before the first row (a filter outside the jurisdiction, a missing
 * permission) is thrown as it is; `out` is destroyed on any error.
 */
export async function writeListXlsx(
  ctx: Ctx,
  input: ExportInput,
  out: Writable,
  progress: (units: number, total: number, rows: number) => Promise<void> = async () => {},
): Promise<{ rows: number }> {
  requirePermission(ctx.access, 'surveillance:read')
  try {
    const spec = specOf(input)
    const units = await unitsToRead(ctx, input.filter.unitCode)
    // The first page is read before the workbook starts, so a refused filter is an answer, not a cut download.
    const first = units.length > 0 ? await spec.page(ctx, units[0]!, 0) : []
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
    const sheet = workbook.addWorksheet(LIST_TITLES[input.list], { views: [{ state: 'frozen', ySplit: 1 }] })
    sheet.columns = spec.columns.map((c, i) => ({ key: String(i), header: c.header, width: c.width, ...(c.date ? { style: { numFmt: 'dd/mm/yyyy' } } : {}) }))
    sheet.getRow(1).font = { bold: true }
    sheet.getRow(1).commit()
    let rows = 0
    const write = (page: Cell[][]) => {
      for (const r of page) {
        sheet.addRow(r.map(excelDate)).commit()
        rows++
      }
    }
    for (let i = 0; i < units.length; i++) {
      let offset = 0
      let page = i === 0 ? first : await spec.page(ctx, units[i]!, 0)
      for (;;) {
        write(page)
        if (page.length < PAGE) break
        offset += PAGE
        page = await spec.page(ctx, units[i]!, offset)
      }
      await progress(i + 1, units.length, rows)
    }
    sheet.commit()
    await workbook.commit()
    return { rows }
  } catch (err) {
    out.destroy(err as Error)
    throw err
  }
}

/** Starts making the list's file in the background; the job's result names the stored file. */
export async function queueListExport(ctx: Ctx, input: ExportInput): Promise<number> {
  requirePermission(ctx.access, 'surveillance:read')
  if (ctx.access.userId !== null && (await hasActiveJob(ctx.db, LIST_EXPORT_JOB, ctx.access.userId))) {
    throw new AppError(429, 'EXPORT_IN_PROGRESS', 'Bạn đang có một danh sách đang được xuất; hãy đợi danh sách đó xong rồi xuất tiếp.')
  }
  // A refused area is answered now rather than as a failed job.
  if (input.filter.unitCode && !isWithin(ctx.access, (await getUnit(ctx, input.filter.unitCode)).path)) throw outsideJurisdiction()
  return enqueueJob(ctx, { kind: LIST_EXPORT_JOB, title: `Xuất danh sách ${LIST_TITLES[input.list]} (Excel)`, payload: input })
}

/** The job: writes the file into the store as it is made, owned by the user who asked. */
export async function runListExport(job: RunningJob<ExportInput>): Promise<{ uploadId: number; fileName: string; size: number; rows: number; mime: string }> {
  const { ctx, payload } = job
  if (ctx.access.userId === null) throw new Error('Chỉ người dùng mới xuất được danh sách.')
  const out = new PassThrough()
  const fileName = exportFileName(payload.list, today(ctx))
  const stored = storeStream(
    ctx.db,
    { purpose: 'export', fileName, createdBy: ctx.access.userId, unitPath: ctx.access.unitPath, expiresAt: new Date(ctx.now().getTime() + EXPORT_HOURS * 3600_000) },
    out,
  )
  const [written, file] = await Promise.all([
    writeListXlsx(ctx, payload, out, (units, total, rows) => job.progress(units, total, `${rows.toLocaleString('vi-VN')} dòng`)),
    stored,
  ])
  return { uploadId: file.id, fileName, size: file.size, rows: written.rows, mime: XLSX_MIME }
}
