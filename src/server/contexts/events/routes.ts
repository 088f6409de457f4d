import { z } from 'zod'
import { DECISIONS, EVENT_STATUSES, SETTINGS } from '../../../domain/events/rules.ts'
import { SYSTEM } from '../../platform/context.ts'
import { attachment, type App, ctxOf, zIdParams, zIsoDate, zUnitCode } from '../../platform/routes.ts'
import { renderOffLoop } from '../directives/render/offLoop.ts'
import * as ev from './service.ts'

const text = (max: number, what: string) => z.string().trim().max(max, `${what} dài quá ${max} ký tự.`).nullable().optional()
const required = (max: number, what: string) => z.string({ error: `Hãy ghi ${what}.` }).trim().min(1, `Hãy ghi ${what}.`).max(max, `${what} dài quá ${max} ký tự.`)
const count = (what: string) => z.coerce.number({ error: `${what} phải là một số.` }).int(`${what} là số nguyên.`).min(0, `${what} không âm.`).max(1_000_000, `${what} không quá 1.000.000.`)
const zSetting = z.enum(SETTINGS, { error: 'Địa điểm: indoor (trong nhà) hoặc outdoor (ngoài trời).' })
const zCountries = z.array(z.string().trim().regex(/^[A-Za-z]{2}$/, 'Mã nước gồm 2 chữ cái theo ISO 3166-1 (ví dụ KR, US).')).max(100, 'Không quá 100 nước.')
const zLimit = z.coerce.number().int().min(1, 'Số dòng mỗi trang từ 1.').max(500, 'Số dòng mỗi trang không quá 500.').default(100)
const zOffset = z.coerce.number().int().min(0, 'Vị trí bắt đầu không âm.').max(1_000_000).default(0)
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const PUBLIC_CACHE = 'public, max-age=300'

const zEventBody = z.strictObject({
  title: required(300, 'tên sự kiện'),
  organiser: required(300, 'đơn vị, người tổ chức'),
  contactName: text(120, 'Người liên hệ'),
  contactPhone: z.string().regex(/^\+?\d{8,15}$/, 'Số điện thoại không hợp lệ.').nullable().optional(),
  place: required(300, 'địa điểm'),
  unitCode: zUnitCode,
  setting: zSetting,
  startsOn: zIsoDate,
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ bắt đầu theo dạng HH:MM.').nullable().optional(),
  endsOn: zIsoDate.nullable().optional(),
  expectedAttendance: count('Số người dự kiến').min(1, 'Số người dự kiến từ 1.'),
  foreignGuests: count('Số khách từ nước ngoài').optional(),
  countries: zCountries.optional(),
  purpose: text(2000, 'Nội dung'),
})

export function eventsRoutes(app: App): void {
  app.get('/api/events/rules', {
    schema: { tags: ['events'], summary: 'Quy định tổ chức sự kiện theo cấp độ dịch (quốc gia và của tỉnh), có nguồn và mức tin cậy' },
    handler: async (req) => ev.listRuleSets(ctxOf(req, 'events:read')),
  })
  app.post('/api/events/rules', {
    schema: {
      tags: ['events'],
      summary: 'Ghi bộ quy định sự kiện riêng của tỉnh, có ngày áp dụng',
      body: z.strictObject({ validFrom: zIsoDate, definition: z.unknown(), reason: required(1000, 'lý do, văn bản của tỉnh') }),
    },
    handler: async (req, reply) => reply.status(201).send(await ev.saveRuleSet(ctxOf(req, 'events:rules'), req.body)),
  })
  app.get('/api/events/assess', {
    schema: {
      tags: ['events'],
      summary: 'Quy định áp dụng cho một sự kiện: cấp độ dịch của xã vào ngày tổ chức, giới hạn số người, cần ý kiến y tế hay không',
      querystring: z.strictObject({
        unitCode: zUnitCode,
        setting: zSetting,
        startsOn: zIsoDate,
        expectedAttendance: count('Số người dự kiến').min(1, 'Số người dự kiến từ 1.'),
        foreignGuests: count('Số khách từ nước ngoài').optional(),
        countries: z.string().max(400, 'Danh sách nước dài quá.').optional(),
      }),
    },
    handler: async (req) => {
      const { countries, ...q } = req.query
      return ev.assess(ctxOf(req, 'events:read'), { ...q, countries: countries ? countries.split(',').filter((c) => c.trim()) : [] })
    },
  })
  app.get('/api/events', {
    config: { personal: true },
    schema: {
      tags: ['events'],
      summary: 'Lịch sự kiện của một đơn vị trong khoảng ngày (theo trang)',
      querystring: z.strictObject({
        unit: zUnitCode,
        from: zIsoDate,
        to: zIsoDate,
        status: z.enum(EVENT_STATUSES, { error: 'Trạng thái không hợp lệ.' }).optional(),
        limit: zLimit,
        offset: zOffset,
      }),
    },
    handler: async (req) => ev.calendar(ctxOf(req, 'events:read'), req.query),
  })
  app.post('/api/events', {
    schema: { tags: ['events'], summary: 'Đăng ký một sự kiện (ban tổ chức, địa điểm, ngày giờ, số người, khách nước ngoài)', body: zEventBody },
    handler: async (req, reply) => reply.status(201).send(await ev.register(ctxOf(req, 'events:write'), req.body)),
  })
  app.get('/api/events/:id', {
    config: { personal: true },
    schema: { tags: ['events'], summary: 'Một sự kiện: quy định áp dụng, ý kiến y tế, quyết định', params: zIdParams },
    handler: async (req) => ev.getEvent(ctxOf(req, 'events:read'), req.params.id),
  })
  app.post('/api/events/:id/advice-request', {
    config: { personal: true },
    schema: {
      tags: ['events'],
      summary: 'Gửi xin ý kiến cơ quan y tế về sự kiện',
      params: zIdParams,
      body: z.strictObject({ to: text(200, 'Cơ quan y tế'), note: text(2000, 'Ghi chú') }),
    },
    handler: async (req) => ev.requestAdvice(ctxOf(req, 'events:write'), req.params.id, req.body),
  })
  app.post('/api/events/:id/advice', {
    config: { personal: true },
    schema: { tags: ['events'], summary: 'Ý kiến của cơ quan y tế về sự kiện', params: zIdParams, body: z.strictObject({ text: required(4000, 'ý kiến') }) },
    handler: async (req) => ev.advise(ctxOf(req, 'events:advise'), req.params.id, req.body),
  })
  app.post('/api/events/:id/decision', {
    config: { personal: true },
    schema: {
      tags: ['events'],
      summary: 'Quyết định: đồng ý, đồng ý có điều kiện hoặc không đồng ý',
      params: zIdParams,
      body: z.strictObject({
        decision: z.enum(DECISIONS, { error: 'Quyết định: approved, approved_with_conditions hoặc refused.' }),
        conditions: z.array(z.string().trim().max(500, 'Mỗi điều kiện không quá 500 ký tự.')).max(20, 'Không quá 20 điều kiện.').optional(),
        reason: text(2000, 'Lý do'),
      }),
    },
    handler: async (req) => ev.decide(ctxOf(req, 'events:decide'), req.params.id, req.body),
  })
  app.get('/api/events/:id/reply.docx', {
    config: { personal: true },
    schema: { tags: ['events'], summary: 'Văn bản trả lời ban tổ chức (.docx, thể thức văn bản hành chính)', params: zIdParams },
    handler: async (req, reply) => {
      const input = await ev.replyInput(ctxOf(req, 'events:read'), req.params.id)
      const body = await renderOffLoop('eventReplyDocx', input)
      return reply.header('content-type', DOCX).header('content-disposition', attachment(`tra-loi-su-kien-${req.params.id}.docx`)).send(body)
    },
  })

  // Public: no login, nothing personal, cacheable.
  app.get('/api/public/events', {
    config: { public: true },
    schema: { tags: ['public'], summary: 'Sự kiện đông người đã được chấp thuận sắp diễn ra (công khai)', querystring: z.strictObject({ unit: zUnitCode.optional() }) },
    handler: async (req, reply) => {
      const ctx = { db: req.server.deps.db, access: SYSTEM, now: req.server.deps.now }
      return reply.header('cache-control', PUBLIC_CACHE).send(await ev.publicEvents(ctx, req.query.unit ?? req.server.deps.provinceCode))
    },
  })
}
