import { once } from 'node:events'
import { PassThrough } from 'node:stream'
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { DOCUMENT_TYPE_KEYS, SECRECIES, SIGNING_AUTHORITIES, URGENCIES } from '../../../domain/documents/types.ts'
import { attachment, type App, ctxOf, zId, zIdParams, zIsoDate } from '../../platform/routes.ts'
import { today } from '../../platform/context.ts'
import { enqueueJob } from '../../platform/jobs.ts'
import { getJob } from '../jobs/service.ts'
import { learnAliases, passTasksOfRetiredBodies } from '../orgs/history.ts'
import { releaseUploads, takeUpload, takeUploads } from '../uploads/service.ts'
import { renderOffLoop } from './render/offLoop.ts'
import { EXPORT_FORMATS, EXPORT_MIME, exportName, queueExport, writeSynthesis } from './exports.ts'
import * as read from './read.ts'
// The document generators pull in docx, pdfkit and exceljs: loaded on first use, not at start-up.
import { directiveForRender } from './render-input.ts'
import * as directives from './service.ts'
import { numberingRules, setNumberingRules } from './settings.ts'

const text = (max: number) => z.string().trim().min(1).max(max)

const zNameRef = z.strictObject({
  text: text(500),
  orgId: z.number().int().positive().optional(),
  groupKey: z.string().max(80).optional(),
  memberIds: z.array(z.number().int().positive()).max(2000).optional(),
  external: z.boolean().optional(),
  historicalOrgId: z.number().int().positive().optional(),
})
const zCadence = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('once') }),
  z.strictObject({ kind: z.literal('regular'), everyDays: z.number().int().min(1).max(366) }),
  z.strictObject({ kind: z.literal('weekly') }),
  z.strictObject({ kind: z.literal('monthly') }),
  z.strictObject({ kind: z.literal('ad_hoc') }),
])
const zTask = z.strictObject({
  ref: text(20),
  text: text(20_000),
  lead: z.array(z.number().int().positive()).max(500),
  coordinating: z.array(z.number().int().positive()).max(500),
  namesAsWritten: z.record(z.string(), z.string().max(500)).optional(),
  deadline: zIsoDate.nullable(),
  cadence: zCadence,
})
const zDirective = z.strictObject({
  system: z.enum(['party', 'state']),
  type: z.enum(DOCUMENT_TYPE_KEYS),
  number: z.string().max(20).nullish(),
  symbol: z.string().max(60).nullish(),
  issuerOrgId: z.number().int().positive().nullish(),
  issuerName: text(300),
  place: z.string().max(100).nullish(),
  date: zIsoDate.nullish(),
  urgency: z.enum(URGENCIES).nullish(),
  secrecy: z.enum(SECRECIES).nullish(),
  summary: text(2000),
  addressees: z.array(zNameRef).max(200),
  recipients: z.array(zNameRef).max(200),
  body: z.string().max(500_000),
  signing: z.strictObject({
    authority: z.enum(SIGNING_AUTHORITIES).nullable(),
    position: z.string().max(200).nullable(),
    signer: z.string().max(120).nullable(),
    actingFor: z.string().max(200).nullish(),
  }),
  references: z.array(z.strictObject({ text: text(1000), symbol: z.string().max(60).nullable(), date: zIsoDate.nullable() })).max(200),
  tasks: z.array(zTask).max(300),
})
const zFilter = z.strictObject({
  from: zIsoDate.optional(),
  to: zIsoDate.optional(),
  issuerOrgId: z.coerce.number().int().positive().optional(),
  unitCode: z.string().regex(/^\d{2,5}$/).optional(),
})

const zPage = (limit: number, max: number) => ({
  limit: z.coerce.number().int().min(1).max(max).default(limit),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
/** An answer already written as JSON. */
const json = (reply: FastifyReply, text: string) => reply.type('application/json; charset=utf-8').send(text)

function download(reply: FastifyReply, body: Buffer, mime: string, fileName: string) {
  return reply.header('content-type', mime).header('content-disposition', attachment(fileName)).send(body)
}

export function directiveRoutes(app: App): void {
  const province = () => app.deps.provinceCode

  app.post('/api/directives/parse', {
    schema: {
      tags: ['directives'],
      summary:
        'Đọc văn bản (nội dung dán vào, tối đa 300.000 ký tự, hoặc tệp .docx, .pdf, .txt, .md đã gửi qua POST /api/uploads?purpose=document) và đề xuất các trường, nhiệm vụ; không lưu',
      body: z.union([z.strictObject({ text: z.string().min(1).max(1_000_000) }), z.strictObject({ uploadId: zId })]),
    },
    handler: async (req) => {
      const body = req.body
      const ctx = ctxOf(req, 'directives:read')
      const file = 'uploadId' in body ? await takeUpload(ctx, body.uploadId, 'document') : undefined
      return directives.toParseResponse(await directives.parseDocument(ctx, file ? { file } : { text: 'text' in body ? body.text : '' }))
    },
  })

  app.post('/api/directives/import', {
    bodyLimit: 4 * 1024 * 1024,
    schema: {
      tags: ['directives'],
      summary: 'Lưu văn bản đã rà soát cùng nhiệm vụ và cơ quan được giao (tất cả hoặc không gì cả); tệp gốc là tệp đã gửi (uploadId)',
      body: zDirective.extend({ sourceText: z.string().max(1_000_000), uploadId: zId.optional() }),
    },
    handler: async (req, reply) => {
      const { uploadId, ...input } = req.body
      const ctx = ctxOf(req, 'directives:write')
      const file = uploadId ? await takeUpload(ctx, uploadId, 'document') : undefined
      const id = await directives.importDirective(ctx, province(), { ...input, file })
      if (uploadId) await releaseUploads(ctx, [uploadId])
      // Spellings the reviewer resolved by hand are remembered as aliases of the chosen bodies.
      const learnedAliases = await learnAliases(ctx, input)
      await passTasksOfRetiredBodies(ctx, input.tasks.flatMap((t) => [...t.lead, ...t.coordinating]))
      return reply.status(201).send({ ...(await read.getDirective(ctxOf(req), id)), learnedAliases })
    },
  })

  app.post('/api/directives', {
    schema: { tags: ['directives'], summary: 'Soạn văn bản chỉ đạo mới (bản nháp)', body: zDirective },
    handler: async (req, reply) => {
      const id = await directives.createDraft(ctxOf(req, 'directives:write'), province(), req.body)
      return reply.status(201).send(await read.getDirective(ctxOf(req), id))
    },
  })

  app.put('/api/directives/:id', {
    schema: { tags: ['directives'], summary: 'Sửa bản nháp', params: zIdParams, body: zDirective },
    handler: async (req) => {
      await directives.updateDraft(ctxOf(req, 'directives:write'), req.params.id, req.body)
      return read.getDirective(ctxOf(req), req.params.id)
    },
  })

  app.delete('/api/directives/:id', {
    schema: { tags: ['directives'], summary: 'Xóa bản nháp', params: zIdParams },
    handler: async (req) => {
      await directives.deleteDraft(ctxOf(req, 'directives:write'), req.params.id)
      return { ok: true as const }
    },
  })

  app.post('/api/directives/:id/issue', {
    schema: { tags: ['directives'], summary: 'Ban hành: cấp số, ghi ngày, giao nhiệm vụ cho nơi nhận', params: zIdParams, body: z.strictObject({}).nullish() },
    handler: async (req) => {
      await directives.issueDirective(ctxOf(req, 'directives:write'), req.params.id)
      return read.getDirective(ctxOf(req), req.params.id)
    },
  })

  app.get('/api/directives', {
    schema: {
      tags: ['directives'],
      summary: 'Danh sách văn bản chỉ đạo',
      querystring: z.strictObject({
        from: zIsoDate.optional(),
        to: zIsoDate.optional(),
        issuerOrgId: z.coerce.number().int().positive().optional(),
        status: z.enum(['imported', 'draft', 'issued']).optional(),
        q: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
        offset: z.coerce.number().int().min(0).default(0),
      }),
    },
    handler: async (req) => read.listDirectives(ctxOf(req, 'directives:read'), province(), req.query),
  })

  app.get('/api/directives/dashboard', {
    schema: {
      tags: ['directives'],
      summary: 'Bảng theo dõi trong một khoảng thời gian (mặc định 12 tháng gần nhất theo ngày văn bản): tổng số, số theo cơ quan, một trang văn bản × cơ quan, các nhiệm vụ trễ hạn lâu nhất',
      querystring: zFilter.extend(zPage(20, 50)),
    },
    handler: async (req, reply) => json(reply, await read.dashboardJson(ctxOf(req, 'directives:read'), req.query)),
  })

  app.get('/api/directives/overdue', {
    schema: {
      tags: ['directives'],
      summary: 'Danh sách nhiệm vụ trễ hạn (trễ lâu nhất trước), theo trang, trong khoảng thời gian (mặc định 12 tháng gần nhất)',
      querystring: zFilter.extend(zPage(25, 200)),
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, 'directives:read')
      await directives.requireProvince(ctx, province(), 'see')
      return json(reply, await read.overdueJson(ctx, req.query))
    },
  })

  app.get('/api/directives/orgs/:id/assignments', {
    schema: {
      tags: ['directives'],
      summary: 'Nhiệm vụ của một cơ quan, theo trang, trong khoảng thời gian (mặc định 12 tháng gần nhất)',
      params: zIdParams,
      querystring: zFilter.extend({ ...zPage(50, 200), status: z.enum(['done', 'on_time', 'late', 'not_started']).optional() }),
    },
    handler: async (req, reply) => json(reply, await read.orgAssignmentsJson(ctxOf(req, 'directives:read'), req.params.id, req.query)),
  })

  for (const format of EXPORT_FORMATS) {
    app.get(`/api/directives/synthesis.${format}`, {
      schema: {
        tags: ['directives'],
        summary: `Báo cáo tình hình thực hiện (.${format}), tải về trực tiếp${format === 'xlsx' ? ' (bảng được ghi dần, không giữ toàn bộ trong bộ nhớ)' : ''}`,
        querystring: zFilter,
      },
      handler: async (req, reply) => {
        const ctx = ctxOf(req, 'directives:read')
        const out = new PassThrough()
        const written = writeSynthesis(ctx, { format, filter: req.query, provinceCode: province() }, out)
        // A refusal before the first byte is answered as an error; after it, the download is cut.
        await Promise.race([once(out, 'readable'), written])
        written.catch((err) => req.log.warn({ err }, 'synthesis download interrupted'))
        return reply
          .header('content-type', EXPORT_MIME[format])
          .header('content-disposition', attachment(exportName(format, today(ctx))))
          .send(out)
      },
    })
  }

  app.post('/api/directives/exports', {
    schema: {
      tags: ['directives'],
      summary: 'Xuất báo cáo tình hình thực hiện (.docx, .pdf) hoặc bảng tổng hợp nhiệm vụ (.xlsx) bằng công việc nền có tiến độ; tải tệp tại GET /api/jobs/{id}/file',
      body: zFilter.extend({ format: z.enum(EXPORT_FORMATS) }),
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, 'directives:read')
      await directives.requireProvince(ctx, province(), 'see')
      const { format, ...filter } = req.body
      const jobId = await queueExport(ctx, { format, filter, provinceCode: province() })
      req.server.deps.jobs.wake()
      return reply.status(202).send(await getJob(ctx, jobId))
    },
  })

  app.get('/api/directives/:id', {
    schema: { tags: ['directives'], summary: 'Một văn bản chỉ đạo với nhiệm vụ, cơ quan được giao và báo cáo', params: zIdParams },
    handler: async (req) => read.getDirective(ctxOf(req, 'directives:read'), req.params.id),
  })

  app.get('/api/directives/:id/docx', {
    schema: { tags: ['directives'], summary: 'Văn bản theo thể thức (Word)', params: zIdParams },
    handler: async (req, reply) => {
      const d = await read.getDirective(ctxOf(req, 'directives:read'), req.params.id)
      const buf = await renderOffLoop('directiveDocx', await directiveForRender(ctxOf(req), d, province()))
      return download(reply, buf, DOCX, `${(d.symbol ?? `du-thao-${d.id}`).replace(/\//g, '-')}.docx`)
    },
  })

  app.get('/api/directives/:id/files/:fileId', {
    schema: { tags: ['directives'], summary: 'Tệp gốc của văn bản', params: z.strictObject({ id: zId, fileId: zId }) },
    handler: async (req, reply) => {
      const f = await directives.directiveFile(ctxOf(req, 'directives:read'), req.params.id, req.params.fileId)
      return download(reply, f.content, f.mime, f.fileName)
    },
  })

  app.post('/api/directives/assignments/:id/reports', {
    schema: {
      tags: ['directives'],
      summary: 'Báo cáo tiến độ của cơ quan được giao; tệp đính kèm là các tệp đã gửi (POST /api/uploads?purpose=attachment)',
      params: zIdParams,
      body: z.strictObject({
        text: text(20_000),
        status: z.enum(['in_progress', 'done', 'blocked']),
        percent: z.number().int().min(0).max(100),
        attachmentIds: z.array(zId).max(10).optional(),
      }),
    },
    handler: async (req, reply) => {
      const { attachmentIds = [], ...report } = req.body
      const ctx = ctxOf(req, 'directives:report')
      const attachments = await takeUploads(ctx, attachmentIds, 'attachment')
      const id = await directives.postReport(ctx, req.params.id, { ...report, attachments })
      await releaseUploads(ctx, attachmentIds)
      return reply.status(201).send({ id })
    },
  })

  app.patch('/api/directives/assignments/:id', {
    schema: { tags: ['directives'], summary: 'Đổi cơ quan được giao', params: zIdParams, body: z.strictObject({ orgId: z.number().int().positive() }) },
    handler: async (req) => {
      await directives.reassign(ctxOf(req, 'directives:write'), req.params.id, req.body.orgId)
      return { ok: true as const }
    },
  })

  app.post('/api/directives/reports/:id/review', {
    schema: {
      tags: ['directives'],
      summary: 'Chấp nhận hoặc trả lại báo cáo: cơ quan giao nhiệm vụ (Văn phòng với văn bản của tỉnh, hoặc cơ quan đã giao tiếp nhiệm vụ)',
      params: zIdParams,
      body: z.strictObject({ decision: z.enum(['accept', 'return']), comment: z.string().max(5000).optional() }),
    },
    handler: async (req) => {
      await directives.reviewReport(ctxOf(req, 'directives:read'), req.params.id, req.body)
      return { ok: true as const }
    },
  })

  app.get('/api/directives/reports/:id/files/:fileId', {
    schema: { tags: ['directives'], summary: 'Tệp đính kèm báo cáo', params: z.strictObject({ id: zId, fileId: zId }) },
    handler: async (req, reply) => {
      const f = await directives.reportAttachment(ctxOf(req, 'directives:read'), req.params.id, req.params.fileId)
      return download(reply, f.content, f.mime, f.fileName)
    },
  })

  const zScope = z.strictObject({ scope: z.enum(['term', 'year']), termStartYear: z.number().int().min(1930).max(2200), termYears: z.number().int().min(1).max(10) })
  app.get('/api/directives/settings/numbering', {
    schema: { tags: ['directives'], summary: 'Cách đánh số văn bản: theo nhiệm kỳ hay theo năm' },
    handler: async (req) => {
      const ctx = ctxOf(req, 'directives:read')
      await directives.requireProvince(ctx, province(), 'see')
      return numberingRules(ctx)
    },
  })
  app.put('/api/directives/settings/numbering', {
    schema: { tags: ['directives'], summary: 'Đổi cách đánh số văn bản', body: z.strictObject({ party: zScope, state: zScope }) },
    handler: async (req) => {
      const ctx = ctxOf(req, 'directives:write')
      await directives.requireProvince(ctx, province(), 'act')
      return setNumberingRules(ctx, req.body)
    },
  })

  app.post('/api/directives/sweep', {
    schema: { tags: ['directives'], summary: 'Rà soát trễ hạn ngay (bình thường chạy định kỳ mỗi giờ); chạy nền', body: z.strictObject({}).nullish() },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, 'directives:review')
      await directives.requireProvince(ctx, province(), 'act')
      const id = await enqueueJob(ctx, { kind: directives.SWEEP_JOB, title: 'Rà soát nhiệm vụ trễ hạn' })
      return reply.status(202).send(await getJob(ctx, id))
    },
  })
}
