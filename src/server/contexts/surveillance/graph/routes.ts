import { z } from 'zod'
import { type App, ctxOf, zId, zIsoDate } from '../../../platform/routes.ts'
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
