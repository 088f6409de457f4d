import { z } from 'zod'
import { type App, ctxOf, zIdParams } from '../../platform/routes.ts'
import * as notifications from './service.ts'

export function notificationRoutes(app: App): void {
  app.get('/api/notifications', {
    schema: { tags: ['notifications'], summary: 'Thông báo của tôi', querystring: z.strictObject({ unread: z.enum(['1', '0']).optional() }) },
    handler: async (req) => notifications.myNotifications(ctxOf(req), req.query.unread === '1'),
  })
  app.post('/api/notifications/:id/read', {
    schema: { tags: ['notifications'], summary: 'Đánh dấu đã đọc', params: zIdParams, body: z.strictObject({}).nullish() },
    handler: async (req) => ({ updated: await notifications.markNotificationsRead(ctxOf(req), req.params.id) }),
  })
  app.post('/api/notifications/read-all', {
    schema: { tags: ['notifications'], summary: 'Đánh dấu tất cả đã đọc', body: z.strictObject({}).nullish() },
    handler: async (req) => ({ updated: await notifications.markNotificationsRead(ctxOf(req), 'all') }),
  })
}
