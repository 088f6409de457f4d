import { once } from 'node:events'
import { PassThrough } from 'node:stream'
import { z } from 'zod'
import { CASE_CLASSIFICATIONS, codesOf, FOLLOWUP_STATUSES, OUTCOMES, SOURCE_KINDS, TEST_METHODS } from '../../../../domain/surveillance/codes.ts'
import { today } from '../../../platform/context.ts'
import { attachment, type App, ctxOf, zId, zIsoDate, zUnitCode } from '../../../platform/routes.ts'
import { getJob } from '../../jobs/service.ts'
import { EXPORT_LISTS, type ExportInput, exportFileName, queueListExport, writeListXlsx, XLSX_MIME } from '../listExports.ts'
import { MAX_NODES, transmissionGraph } from './service.ts'

export function graphRoutes(app: App): void {
  app.get('/api/surveillance/graph', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Sơ đồ lây truyền của một ổ dịch hoặc của chuỗi lây có một người',
      description: `Người là đỉnh, tiếp xúc và nguồn lây là cạnh, trong khoảng ngày đã chọn; tối đa ${MAX_NODES.toLocaleString('vi-VN')} người, gần nhất trước. Người ngoài địa bàn của bạn chỉ hiện mã.`,
      querystring: z
        .strictObject({ clusterId: zId.optional(), personId: zId.optional(), from: zIsoDate.optional(), to: zIsoDate.optional() })
        .refine((q) => (q.clusterId === undefined) !== (q.personId === undefined), 'Chọn một ổ dịch (clusterId) hoặc một người (personId).'),
    },
    handler: async (req) => transmissionGraph(ctxOf(req, 'surveillance:read'), req.query),
  })
}

// The filters of the three lists, as their screens send them (query strings: text values).
const oneOf = <T extends Readonly<Record<string, unknown>>>(list: T, what: string, extra: string[] = []) =>
  z.enum([...codesOf(list as Readonly<Record<string, { vi: string; en: string }>>), ...extra] as [string, ...string[]], { error: `${what} không hợp lệ.` })
const filters = {
  cases: z.strictObject({
    unitCode: zUnitCode.optional(),
    dateField: z.enum(['confirmed', 'onset'], { error: 'Lọc theo ngày xác định (confirmed) hoặc ngày khởi phát (onset).' }).default('confirmed'),
    from: zIsoDate.optional(),
    to: zIsoDate.optional(),
    classification: z
      .string()
      .transform((v) => v.split(',').filter(Boolean))
      .pipe(z.array(z.enum(codesOf(CASE_CLASSIFICATIONS), { error: 'Phân loại ca bệnh không hợp lệ.' })).max(4))
      .optional(),
    sourceKind: z.enum(codesOf(SOURCE_KINDS), { error: 'Nguồn lây không hợp lệ.' }).optional(),
    clusterId: zId.optional(),
    outcome: z.enum([...codesOf(OUTCOMES), 'none'], { error: 'Kết quả điều trị không hợp lệ.' }).optional(),
    active: z.enum(['true', 'false'], { error: 'Giá trị phải là true hoặc false.' }).transform((v) => v === 'true').optional(),
    q: z.string().max(100, 'Từ khóa dài quá 100 ký tự.').optional(),
    sort: z.enum(['confirmedDate', 'onsetDate', 'fullName'], { error: 'Sắp xếp theo confirmedDate, onsetDate hoặc fullName.' }).default('confirmedDate'),
    order: z.enum(['asc', 'desc'], { error: 'Thứ tự asc hoặc desc.' }).default('desc'),
  }),
  contacts: z.strictObject({
    unitCode: zUnitCode.optional(),
    degree: z.coerce.number().int().min(1, 'Bậc tiếp xúc từ 1 (F1).').max(100).optional(),
    followupStatus: z.enum([...codesOf(FOLLOWUP_STATUSES), 'none'], { error: 'Trạng thái theo dõi không hợp lệ.' }).optional(),
    tracer: z.union([z.literal('me'), zId], { error: 'Người theo dõi: "me" hoặc mã người dùng.' }).optional(),
  }),
  tests: z.strictObject({
    unitCode: zUnitCode.optional(),
    from: zIsoDate.optional(),
    to: zIsoDate.optional(),
    method: oneOf(TEST_METHODS, 'Phương pháp xét nghiệm').optional(),
    result: z.enum(['positive', 'negative', 'inconclusive'], { error: 'Kết quả xét nghiệm không hợp lệ.' }).optional(),
    lab: z.string().trim().max(200).optional(),
    campaignId: zId.optional(),
    poolId: zId.optional(),
  }),
}

export function listExportRoutes(app: App): void {
  for (const list of EXPORT_LISTS) {
    app.get(`/api/surveillance/exports/${list}.xlsx`, {
      config: { personal: true },
      schema: {
        tags: ['surveillance'],
        summary: `Danh sách ${list === 'cases' ? 'ca bệnh' : list === 'contacts' ? 'người tiếp xúc' : 'xét nghiệm'} theo bộ lọc (.xlsx), tải về trực tiếp; danh sách lớn: POST /api/surveillance/exports`,
        querystring: filters[list],
      },
      handler: async (req, reply) => {
        const ctx = ctxOf(req, 'surveillance:read')
        const out = new PassThrough()
        const written = writeListXlsx(ctx, { list, filter: req.query } as ExportInput, out)
        // A refusal before the first byte is answered as an error; after it, the download is cut.
        await Promise.race([once(out, 'readable'), written])
        written.catch((err) => req.log.warn({ err }, 'list export interrupted'))
        return reply.header('content-type', XLSX_MIME).header('content-disposition', attachment(exportFileName(list, today(ctx)))).send(out)
      },
    })
  }
  app.post('/api/surveillance/exports', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Xuất danh sách ca bệnh, người tiếp xúc hoặc xét nghiệm theo bộ lọc (.xlsx) bằng công việc nền có tiến độ; tải tệp tại GET /api/jobs/{id}/file',
      body: z.discriminatedUnion('list', [
        z.strictObject({ list: z.literal('cases'), filter: filters.cases.default({ dateField: 'confirmed', sort: 'confirmedDate', order: 'desc' }) }),
        z.strictObject({ list: z.literal('contacts'), filter: filters.contacts.default({}) }),
        z.strictObject({ list: z.literal('tests'), filter: filters.tests.default({}) }),
      ]),
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, 'surveillance:read')
      const jobId = await queueListExport(ctx, req.body as ExportInput)
      req.server.deps.jobs.wake()
      return reply.status(202).send(await getJob(ctx, jobId))
    },
  })
}
