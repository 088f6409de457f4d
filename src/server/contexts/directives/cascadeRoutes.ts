import { z } from 'zod'
import { TASK_CATEGORY_KEYS } from '../../../domain/directives/categories.ts'
import { type App, ctxOf, zId, zIdParams, zIsoDate } from '../../platform/routes.ts'
import * as cascade from './cascade.ts'

const zStatus = z.enum(['done', 'on_time', 'late', 'not_started'])

/** Cascading work to units and communes, "việc của tôi", the Office's categories, extensions and reminders. */
export function cascadeRoutes(app: App): void {
  const province = () => app.deps.provinceCode

  app.get('/api/directives/mine', {
    schema: {
      tags: ['directives'],
      summary: 'Việc của tôi: nhiệm vụ giao cho cơ quan của người dùng (hoặc các cơ quan thuộc đơn vị của họ), kèm báo cáo gần nhất, phân loại theo Văn phòng Chính phủ; lọc và phân trang',
      querystring: z.strictObject({
        status: zStatus.optional(),
        category: z.enum(TASK_CATEGORY_KEYS).optional(),
        overdue: z.enum(['true', 'false']).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(25),
        offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
      }),
    },
    handler: async (req) => {
      const { overdue, ...q } = req.query
      return cascade.myTasks(ctxOf(req, 'directives:read'), province(), { ...q, overdue: overdue === 'true' })
    },
  })

  app.get('/api/directives/categories', {
    schema: {
      tags: ['directives'],
      summary: 'Số nhiệm vụ theo cơ quan: hoàn thành đúng hạn, hoàn thành quá hạn, đang thực hiện trong hạn, quá hạn (một cơ quan, cơ quan của người dùng, hoặc mọi cơ quan trong phạm vi)',
      querystring: z.strictObject({ orgId: z.coerce.number().int().positive().optional() }),
    },
    handler: async (req) => cascade.categoryCounts(ctxOf(req, 'directives:read'), province(), req.query.orgId),
  })

  app.get('/api/directives/:id/cascade', {
    schema: { tags: ['directives'], summary: 'Giao tiếp và gia hạn của một văn bản: nhiệm vụ giao tiếp (cấp trên, cấp dưới), thời hạn đang áp dụng, đề nghị gia hạn', params: zIdParams },
    handler: async (req) => cascade.directiveCascade(ctxOf(req, 'directives:read'), req.params.id),
  })

  app.get('/api/directives/assignments/:id/cascade-options', {
    schema: {
      tags: ['directives'],
      summary: 'Cơ quan có thể giao tiếp nhiệm vụ: đơn vị trực thuộc, và theo loại cơ quan ở các xã, phường thuộc địa bàn',
      params: zIdParams,
      querystring: z.strictObject({ kind: z.string().max(40).optional() }),
    },
    handler: async (req) => cascade.cascadeOptions(ctxOf(req, 'directives:read'), req.params.id, req.query.kind),
  })

  app.post('/api/directives/assignments/:id/cascade', {
    schema: {
      tags: ['directives'],
      summary: 'Giao tiếp nhiệm vụ cho đơn vị trực thuộc hoặc cơ quan cấp xã trong địa bàn, với thời hạn không sau thời hạn của nhiệm vụ',
      params: zIdParams,
      body: z.strictObject({ orgIds: z.array(z.number().int().positive()).min(1).max(2000), deadline: zIsoDate.nullish() }),
    },
    handler: async (req, reply) => reply.status(201).send(await cascade.cascade(ctxOf(req, 'directives:report'), req.params.id, req.body)),
  })

  app.post('/api/directives/extension-requests/:id/decision', {
    schema: {
      tags: ['directives'],
      summary: 'Cơ quan giao nhiệm vụ đồng ý gia hạn (thời hạn mới được áp dụng) hoặc không đồng ý (kèm lý do)',
      params: z.strictObject({ id: zId }),
      body: z.strictObject({ decision: z.enum(['approve', 'refuse']), comment: z.string().max(5000).optional() }),
    },
    handler: async (req) => {
      await cascade.decideExtension(ctxOf(req), req.params.id, req.body)
      return { ok: true as const }
    },
  })

  app.post('/api/directives/assignments/:id/extension-requests', {
    schema: {
      tags: ['directives'],
      summary: 'Cơ quan được giao xin gia hạn: thời hạn mới và lý do',
      params: zIdParams,
      body: z.strictObject({ deadline: zIsoDate, reason: z.string().trim().min(1).max(5000) }),
    },
    handler: async (req, reply) => reply.status(201).send({ id: await cascade.requestExtension(ctxOf(req, 'directives:report'), req.params.id, req.body) }),
  })

  app.get('/api/directives/settings/reminders', {
    schema: { tags: ['directives'], summary: 'Số ngày nhắc trước thời hạn nhiệm vụ' },
    handler: async (req) => cascade.reminderSetting(ctxOf(req, 'directives:read'), province()),
  })

  app.put('/api/directives/settings/reminders', {
    schema: { tags: ['directives'], summary: 'Đổi số ngày nhắc trước thời hạn nhiệm vụ', body: z.strictObject({ days: z.number().int().min(0).max(60) }) },
    handler: async (req) => cascade.setReminderDays(ctxOf(req, 'directives:write'), province(), req.body.days),
  })
}
