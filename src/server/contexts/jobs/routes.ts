import { z } from 'zod'
import { Readable } from 'node:stream'
import { attachment, type App, ctxOf, zIdParams } from '../../platform/routes.ts'
import * as jobs from './service.ts'

export function jobRoutes(app: App): void {
  app.get('/api/jobs', {
    schema: {
      tags: ['jobs'],
      summary: 'Các công việc chạy nền',
      querystring: z.strictObject({
        status: z
          .string()
          .regex(/^(queued|running|done|failed|cancelled)(,(queued|running|done|failed|cancelled))*$/, 'Trạng thái: queued, running, done, failed, cancelled (phân cách bằng dấu phẩy).')
          .optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    handler: async (req) => ({ jobs: await jobs.listJobs(ctxOf(req, 'jobs:read'), req.query) }),
  })
  app.get('/api/jobs/:id', {
    schema: { tags: ['jobs'], summary: 'Tiến độ một công việc', params: zIdParams },
    handler: async (req) => jobs.getJob(ctxOf(req, 'jobs:read'), req.params.id),
  })
  app.get('/api/jobs/:id/file', {
    schema: { tags: ['jobs'], summary: 'Tải tệp do công việc đã xong tạo ra (chỉ người đã yêu cầu)', params: zIdParams },
    handler: async (req, reply) => {
      const f = await jobs.jobFile(ctxOf(req, 'jobs:read'), req.params.id)
      return reply.header('content-type', f.mime).header('content-length', String(f.size)).header('content-disposition', attachment(f.fileName)).send(Readable.from(f.content))
    },
  })
  app.post('/api/jobs/:id/cancel', {
    schema: { tags: ['jobs'], summary: 'Hủy công việc', params: zIdParams, body: z.strictObject({}).nullish() },
    handler: async (req) => jobs.cancelJob(ctxOf(req, 'jobs:manage'), req.params.id),
  })
  app.post('/api/jobs/:id/resume', {
    schema: { tags: ['jobs'], summary: 'Tiếp tục công việc đã dừng', params: zIdParams, body: z.strictObject({}).nullish() },
    handler: async (req) => {
      const job = await jobs.resumeJob(ctxOf(req, 'jobs:manage'), req.params.id)
      req.server.deps.jobs.wake()
      return job
    },
  })
}
