import { z } from 'zod'
import { type App, ctxOf, zIsoDate, zUnitCode } from '../../../platform/routes.ts'
import * as summary from './service.ts'

// Figures only (no person is named): surveillance:read, for the caller's jurisdiction or a unit in it
// (`unit`, or `unitCode` as the lists of the context name it).
const zUnit = { unit: zUnitCode.optional(), unitCode: zUnitCode.optional() }
const unitOf = (q: { unit?: string | undefined; unitCode?: string | undefined }) => ({ ...q, unit: q.unit ?? q.unitCode })
const zRange = { from: zIsoDate.optional(), to: zIsoDate.optional() }

export function summaryRoutes(app: App): void {
  app.get('/api/surveillance/summary', {
    schema: {
      tags: ['surveillance'],
      summary: 'Chuỗi lây đang hoạt động: số F0, số người tiếp xúc theo bậc, số chuỗi, chuỗi lớn nhất và sâu nhất',
      description:
        'F0 đang hoạt động (ca xác định hoặc có thể, chưa có kết quả điều trị tính đến hôm nay) và người tiếp xúc có bậc F1, F2…; một chuỗi là các người này nối với nhau qua tiếp xúc và nguồn lây. largest: số người của chuỗi lớn nhất; deepest: bậc cao nhất.',
      querystring: z.strictObject(zUnit),
    },
    handler: async (req) => summary.chainSummary(ctxOf(req, 'surveillance:read'), unitOf(req.query)),
  })
  app.get('/api/surveillance/today', {
    schema: {
      tags: ['surveillance'],
      summary: 'Số liệu hôm nay: ca mới (hôm nay, 7 ngày), ca đang điều trị, người tiếp xúc theo bậc, đang theo dõi, xét nghiệm và tỷ lệ dương tính',
      querystring: z.strictObject(zUnit),
    },
    handler: async (req) => summary.todayNumbers(ctxOf(req, 'surveillance:read'), unitOf(req.query)),
  })
  app.get('/api/surveillance/curve', {
    schema: {
      tags: ['surveillance'],
      summary: 'Đường cong dịch: số F0 mỗi ngày theo ngày khởi phát hoặc ngày xác định, chia theo nguồn lây',
      description: `Mặc định 90 ngày đến hôm nay, tối đa ${summary.MAX_RANGE_DAYS} ngày. Theo ngày khởi phát: ca không triệu chứng (không có ngày khởi phát) được đếm riêng (withoutOnset).`,
      querystring: z.strictObject({
        ...zUnit,
        by: z.enum(['onset', 'confirmed'], { error: 'Theo ngày khởi phát (onset) hoặc ngày xác định (confirmed).' }).optional(),
        ...zRange,
      }),
    },
    handler: async (req) => summary.epidemicCurve(ctxOf(req, 'surveillance:read'), unitOf(req.query)),
  })
  app.get('/api/surveillance/incidence', {
    schema: {
      tags: ['surveillance'],
      summary: 'Số F0 trên 100.000 dân theo xã, phường trong khoảng ngày xác định (cho bản đồ)',
      description: `Mặc định 7 ngày đến hôm nay, tối đa ${summary.MAX_RANGE_DAYS} ngày. Dân số: số liệu mới nhất của danh mục đơn vị.`,
      querystring: z.strictObject({ ...zUnit, ...zRange }),
    },
    handler: async (req) => summary.incidence(ctxOf(req, 'surveillance:read'), unitOf(req.query)),
  })
  app.get('/api/surveillance/unknown-sources', {
    schema: {
      tags: ['surveillance'],
      summary: 'Tỷ lệ F0 chưa rõ nguồn lây theo tuần (ISO, thứ Hai đến Chủ nhật) của ngày xác định',
      description: `Mặc định 26 tuần đến hôm nay, tối đa ${summary.MAX_RANGE_DAYS} ngày.`,
      querystring: z.strictObject({ ...zUnit, ...zRange }),
    },
    handler: async (req) => summary.unknownSourceShare(ctxOf(req, 'surveillance:read'), unitOf(req.query)),
  })
}
