import { sql } from 'kysely'
import { z } from 'zod'
import type { App } from '../../platform/routes.ts'

export function healthRoutes(app: App): void {
  app.get('/api/health', {
    config: { public: true },
    schema: {
      tags: ['system'],
      summary: 'Tình trạng hệ thống',
      response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['embedded', 'postgres']), version: z.string() }) },
    },
    handler: async (req) => {
      const deps = req.server.deps
      await sql`SELECT 1`.execute(deps.db)
      return { status: 'ok' as const, db: deps.engine, version: deps.version }
    },
  })
}
