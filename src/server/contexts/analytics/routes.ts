import { z } from 'zod'
import { MAX_INCIDENCE_DAYS, MAX_SI_DAYS } from '../../../domain/analytics/input.ts'
import { type App, ctxOf, zIsoDate, zUnitCode } from '../../platform/routes.ts'
import { startDailyReport } from './dailyReport.ts'
import * as analytics from './service.ts'

// Figures only (no person is named): analytics:read, for the caller's jurisdiction or a unit in it.

const num = (what: string) => z.number({ error: `${what} phải là một số.` })
const zWindow = z.coerce.number({ error: 'Độ dài cửa sổ phải là số nguyên.' }).int('Độ dài cửa sổ phải là số nguyên.').min(1, 'Cửa sổ ít nhất 1 ngày.').max(365, 'Cửa sổ tối đa 365 ngày.')
const zBy = z.enum(['onset', 'confirmed'], { error: 'Theo ngày khởi phát (onset) hoặc ngày xác định (confirmed).' })
const zArea = { unit: zUnitCode.optional(), from: zIsoDate.optional(), to: zIsoDate.optional() }

/** About a CSV of 20 years of days with generous columns; the body limit follows it. */
const MAX_CSV_CHARS = 400_000

export function analyticsRoutes(app: App): void {
  app.post('/api/analytics/rt', {
    bodyLimit: 1024 * 1024,
    schema: {
      tags: ['analytics'],
      summary: 'Ước lượng hệ số lây nhiễm R theo thời gian (Cori và cộng sự 2013, như EpiEstim estimate_R) từ số ca mỗi ngày',
      description: `Số ca mỗi ngày (ngày liên tiếp, tăng dần; tối đa ${MAX_INCIDENCE_DAYS} ngày) qua incidence [{date, local, imported}] hoặc csv (cột date,local,imported; imported không bắt buộc). Khoảng nối tiếp: siMean và siSd (phân bố gamma rời rạc hóa), hoặc siDistr (phân bố rời rạc từ ngày 0, siDistr[0] = 0, tổng bằng 1). Cửa sổ trượt window ngày (mặc định 7); tiên nghiệm gamma trung bình 5, độ lệch chuẩn 5. Mỗi cửa sổ: tStart, tEnd (ngày thứ mấy, từ 1), dateStart, dateEnd, mean, std và các phân vị 0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975.`,
      body: z.strictObject({
        incidence: z
          .array(
            z.strictObject({
              date: z.string({ error: 'Ngày phải là chuỗi yyyy-mm-dd hoặc dd/mm/yyyy.' }).max(40, 'Ngày quá dài.'),
              local: num('Số ca tại chỗ'),
              imported: num('Số ca xâm nhập').optional(),
            }),
            { error: 'incidence phải là danh sách các ngày {date, local, imported}.' },
          )
          .max(MAX_INCIDENCE_DAYS, `Tối đa ${MAX_INCIDENCE_DAYS} ngày (20 năm) một lần.`)
          .optional(),
        csv: z.string({ error: 'csv phải là văn bản.' }).max(MAX_CSV_CHARS, `Văn bản CSV dài tối đa ${MAX_CSV_CHARS.toLocaleString('vi-VN')} ký tự.`).optional(),
        siMean: num('Khoảng nối tiếp trung bình').optional(),
        siSd: num('Độ lệch chuẩn của khoảng nối tiếp').optional(),
        siDistr: z.array(num('Xác suất'), { error: 'siDistr phải là một mảng số.' }).max(MAX_SI_DAYS, `Phân bố khoảng nối tiếp dài tối đa ${MAX_SI_DAYS} ngày.`).optional(),
        window: zWindow.optional(),
        meanPrior: num('Trung bình tiên nghiệm').positive('Trung bình tiên nghiệm phải dương.').optional(),
        stdPrior: num('Độ lệch chuẩn tiên nghiệm').positive('Độ lệch chuẩn tiên nghiệm phải dương.').optional(),
      }),
    },
    handler: async (req) => analytics.computeRt(ctxOf(req, 'analytics:read'), req.body),
  })

  app.get('/api/analytics/rt', {
    schema: {
      tags: ['analytics'],
      summary: 'Hệ số lây nhiễm R theo thời gian của một đơn vị, từ số F0 mỗi ngày (tại chỗ và xâm nhập)',
      description: `Mặc định ${analytics.DEFAULT_RANGE_DAYS} ngày đến hôm nay, tối đa ${analytics.MAX_RANGE_DAYS} ngày; theo ngày xác định (mặc định) hoặc ngày khởi phát; khoảng nối tiếp của tỉnh áp dụng vào ngày cuối.`,
      querystring: z.strictObject({ ...zArea, by: zBy.optional(), window: zWindow.optional() }),
    },
    handler: async (req) => analytics.unitRt(ctxOf(req, 'analytics:read'), req.query),
  })

  app.get('/api/analytics/rt/communes', {
    schema: {
      tags: ['analytics'],
      summary: 'R của cửa sổ gần nhất cho mọi xã, phường của một đơn vị (và khoảng tin cậy 95%)',
      querystring: z.strictObject({ ...zArea, by: zBy.optional(), window: zWindow.optional() }),
    },
    handler: async (req) => analytics.communesRt(ctxOf(req, 'analytics:read'), req.query),
  })

  app.get('/api/analytics/indicators', {
    schema: {
      tags: ['analytics'],
      summary: 'Theo ngày: số F0, số F0 7 ngày trên 100.000 dân, tỷ lệ xét nghiệm dương tính 7 ngày, thời gian nhân đôi',
      description: `Mặc định ${analytics.DEFAULT_RANGE_DAYS} ngày đến hôm nay, tối đa ${analytics.MAX_RANGE_DAYS} ngày. Dân số: số liệu mới nhất của đơn vị, hoặc tổng các xã, phường của nó.`,
      querystring: z.strictObject(zArea),
    },
    handler: async (req) => analytics.unitIndicators(ctxOf(req, 'analytics:read'), req.query),
  })

  app.post('/api/analytics/daily-report', {
    schema: {
      tags: ['analytics'],
      summary: 'Lập báo cáo nhanh tình hình dịch trong ngày của một đơn vị (.docx hoặc .pdf) bằng công việc nền có tiến độ; tải tệp tại GET /api/jobs/{id}/file',
      description: 'Ca mới trong ngày và 7 ngày theo xã, người tiếp xúc theo cấp, xét nghiệm, cách ly và điều trị, độ bao phủ vắc xin so với mục tiêu, cấp độ dịch tuần này và các xã thay đổi cấp; phần người lập không có quyền xem được bỏ ra và ghi rõ.',
      body: z.strictObject({ unit: zUnitCode, format: z.enum(['docx', 'pdf'], { error: 'Định dạng: docx hoặc pdf.' }).default('docx') }),
    },
    handler: async (req, reply) => {
      const job = await startDailyReport(ctxOf(req, 'analytics:read'), req.body)
      req.server.deps.jobs.wake()
      return reply.status(202).send(job)
    },
  })

  app.get('/api/analytics/serial-intervals', {
    schema: { tags: ['analytics'], summary: 'Khoảng nối tiếp dùng để ước lượng R: mặc định toàn quốc và của tỉnh, theo ngày áp dụng, với nguồn và độ tin cậy' },
    handler: async (req) => analytics.listSerialIntervals(ctxOf(req, 'analytics:read')),
  })

  app.post('/api/analytics/serial-intervals', {
    schema: {
      tags: ['analytics'],
      summary: 'Ghi khoảng nối tiếp riêng của tỉnh, áp dụng từ một ngày',
      body: z.strictObject({
        validFrom: zIsoDate,
        meanDays: num('Khoảng nối tiếp trung bình').gt(1, 'Khoảng nối tiếp trung bình phải lớn hơn 1 ngày.').max(60, 'Khoảng nối tiếp trung bình tối đa 60 ngày.'),
        sdDays: num('Độ lệch chuẩn').positive('Độ lệch chuẩn phải lớn hơn 0.').max(60, 'Độ lệch chuẩn tối đa 60 ngày.'),
        source: z.string().trim().min(1, 'Hãy ghi nguồn (nghiên cứu, văn bản) của khoảng nối tiếp.').max(500, 'Nguồn dài quá 500 ký tự.'),
        confidence: z.enum(['verified', 'secondary', 'unverified'], { error: 'Độ tin cậy: verified, secondary hoặc unverified.' }),
        note: z.string().trim().max(2000, 'Ghi chú dài quá 2000 ký tự.').nullable().optional(),
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await analytics.createSerialInterval(ctxOf(req, 'surveillance:rules'), req.body)),
  })
}
