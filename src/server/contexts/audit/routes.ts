import { z } from 'zod'
import { type App, ctxOf, zIsoDate } from '../../platform/routes.ts'
import * as audit from './service.ts'

export function auditRoutes(app: App): void {
  app.get('/api/audit', {
    schema: {
      tags: ['audit'],
      summary: 'Tra cứu nhật ký truy cập và thay đổi',
      querystring: z.strictObject({
        actor: z.string().max(100).optional(),
        entity: z.string().max(60).optional(),
        entityId: z.string().max(60).optional(),
        action: z.string().max(30).optional(),
        from: zIsoDate.optional(),
        to: zIsoDate.optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
        offset: z.coerce.number().int().min(0).default(0),
      }),
    },
    handler: async (req) => {
      const { from, to, ...rest } = req.query
      const day = (d: string, plus = 0) => new Date(new Date(`${d}T00:00:00+07:00`).getTime() + plus * 86_400_000)
      return {
        entries: await audit.searchAudit(ctxOf(req, 'audit:read'), {
          ...rest,
          from: from ? day(from) : undefined,
          to: to ? day(to, 1) : undefined,
        }),
      }
    },
  })
}
