import { z } from 'zod'
import { type App, ctxOf, zUnitCode } from '../../platform/routes.ts'
import { board } from './service.ts'

// The steering committee's board: figures only (no person is named), for the caller's
// jurisdiction or a unit in it; each section as far as the caller's role reads it.

export function boardRoutes(app: App): void {
  app.get('/api/board', {
    schema: {
      tags: ['board'],
      summary: 'Bảng điều hành của Ban Chỉ đạo: ca mắc mới, R, cấp độ dịch, cách ly, giường điều trị, tiêm chủng, nhiệm vụ quá hạn, nhập cảnh trái phép',
      description:
        'Của đơn vị của người xem, hoặc một đơn vị trong địa bàn (unit). Phần nào người xem không có quyền đọc thì được bỏ ra và nêu tên trong omitted; phần thiếu dữ liệu cần thiết cũng vậy, kèm lý do.',
      querystring: z.strictObject({ unit: zUnitCode.optional() }),
    },
    handler: async (req) => board(ctxOf(req, 'analytics:read'), req.query),
  })
}
