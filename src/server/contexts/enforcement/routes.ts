import { z } from 'zod'
import { SANCTIONS } from '../../../domain/enforcement/rules.ts'
import { type App, ctxOf, zId, zIdParams, zIsoDate, zUnitCode } from '../../platform/routes.ts'
import * as enf from './service.ts'

const text = (max: number, what: string) => z.string().trim().max(max, `${what} dài quá ${max} ký tự.`).nullable().optional()
const required = (max: number, what: string) => z.string({ error: `Hãy ghi ${what}.` }).trim().min(1, `Hãy ghi ${what}.`).max(max, `${what} dài quá ${max} ký tự.`)
const zLimit = z.coerce.number().int().min(1, 'Số dòng mỗi trang từ 1.').max(500, 'Số dòng mỗi trang không quá 500.').default(100)
const zOffset = z.coerce.number().int().min(0, 'Vị trí bắt đầu không âm.').max(1_000_000).default(0)
const zAnswers = z.record(z.string().max(100), z.string().max(100), { error: 'Câu trả lời theo dạng {mã tiêu chí: mã lựa chọn}.' }).refine((a) => Object.keys(a).length <= 500, 'Quá nhiều câu trả lời.')
const zKind = z.enum(['commendation', 'discipline'], { error: 'Loại: commendation (khen thưởng) hoặc discipline (kỷ luật).' })

const zViolation = {
  description: required(2000, 'hành vi vi phạm'),
  legalBasis: required(500, 'căn cứ pháp lý'),
  responsibleName: text(120, 'Người chịu trách nhiệm'),
  responsibleTitle: text(120, 'Chức vụ'),
  sanction: z.enum(SANCTIONS, { error: 'Hình thức xử lý: warning, fine, suspension hoặc other.' }),
  fineAmount: z.number({ error: 'Số tiền phạt phải là một số.' }).int('Số tiền phạt là số nguyên (đồng).').min(0).max(10_000_000_000, 'Số tiền phạt quá lớn.').nullable().optional(),
  sanctionNote: text(1000, 'Ghi chú xử lý'),
  dueOn: zIsoDate.nullable().optional(),
}

export function enforcementRoutes(app: App): void {
  app.get('/api/enforcement/legal-bases', {
    schema: { tags: ['enforcement'], summary: 'Căn cứ pháp lý thường dùng (có mức tin cậy) và các hình thức xử lý' },
    handler: async (req) => {
      ctxOf(req, 'enforcement:read')
      return enf.legalBases()
    },
  })
  app.get('/api/enforcement/plans', {
    schema: { tags: ['enforcement'], summary: 'Kế hoạch kiểm tra của một địa bàn', querystring: z.strictObject({ unit: zUnitCode.optional(), limit: zLimit, offset: zOffset }) },
    handler: async (req) => enf.listPlans(ctxOf(req, 'enforcement:read'), req.query),
  })
  app.post('/api/enforcement/plans', {
    schema: {
      tags: ['enforcement'],
      summary: 'Lập kế hoạch kiểm tra (đoàn của xã hoặc của sở, ngành)',
      body: z.strictObject({ unitCode: zUnitCode, title: required(300, 'tên kế hoạch'), team: required(300, 'đoàn kiểm tra'), startsOn: zIsoDate, endsOn: zIsoDate, note: text(2000, 'Ghi chú') }),
    },
    handler: async (req, reply) => reply.status(201).send(await enf.createPlan(ctxOf(req, 'enforcement:write'), req.body)),
  })
  app.get('/api/enforcement/plans/:id', {
    schema: { tags: ['enforcement'], summary: 'Một kế hoạch kiểm tra và các lượt kiểm tra được phân công (cơ sở, ngày, người đi, đã kiểm tra chưa)', params: zIdParams },
    handler: async (req) => enf.getPlan(ctxOf(req, 'enforcement:read'), req.params.id),
  })
  app.post('/api/enforcement/plans/:id/visits', {
    schema: {
      tags: ['enforcement'],
      summary: 'Phân công kiểm tra các cơ sở trong địa bàn của kế hoạch vào một ngày',
      params: zIdParams,
      body: z.strictObject({
        facilityIds: z.array(zId, { error: 'Hãy chọn các cơ sở cần kiểm tra.' }).min(1, 'Hãy chọn ít nhất một cơ sở.').max(200, 'Không quá 200 cơ sở một lần phân công.'),
        plannedOn: zIsoDate,
        assignee: text(200, 'Người, tổ đi kiểm tra'),
      }),
    },
    handler: async (req) => enf.assignVisits(ctxOf(req, 'enforcement:write'), req.params.id, req.body),
  })
  app.delete('/api/enforcement/plans/:id/visits/:visitId', {
    schema: {
      tags: ['enforcement'],
      summary: 'Bỏ một cơ sở phân công nhầm khỏi kế hoạch (chưa kiểm tra)',
      params: z.strictObject({ id: zId, visitId: zId }),
    },
    handler: async (req) => enf.removeVisit(ctxOf(req, 'enforcement:write'), req.params.id, req.params.visitId),
  })
  app.post('/api/enforcement/inspections', {
    config: { personal: true },
    schema: {
      tags: ['enforcement'],
      summary: 'Ghi kết quả kiểm tra một cơ sở theo bộ tiêu chí (thay kết quả tự đánh giá trên bản đồ), kèm các vi phạm',
      body: z.strictObject({
        facilityId: zId,
        planId: zId.nullable().optional(),
        visitedOn: zIsoDate,
        inspectors: required(500, 'thành viên đoàn kiểm tra'),
        answers: zAnswers,
        note: text(2000, 'Ghi chú'),
        violations: z.array(z.strictObject(zViolation)).max(50, 'Không quá 50 vi phạm một lần kiểm tra.').optional(),
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await enf.recordInspection(ctxOf(req, 'enforcement:write'), req.body)),
  })
  app.get('/api/enforcement/facilities/:id/form', {
    schema: { tags: ['enforcement'], summary: 'Phiếu kiểm tra một cơ sở: bộ tiêu chí chấm điểm, kết quả đang hiển thị, các lần kiểm tra trước', params: zIdParams },
    handler: async (req) => enf.inspectionForm(ctxOf(req, 'enforcement:read'), req.params.id),
  })
  app.get('/api/enforcement/inspections/:id', {
    schema: { tags: ['enforcement'], summary: 'Một lần kiểm tra', params: zIdParams },
    handler: async (req) => enf.getInspection(ctxOf(req, 'enforcement:read'), req.params.id),
  })
  app.get('/api/enforcement/violations', {
    config: { personal: true },
    schema: {
      tags: ['enforcement'],
      summary: 'Vi phạm của một địa bàn (đang theo dõi trước, theo hạn khắc phục)',
      querystring: z.strictObject({ unit: zUnitCode.optional(), status: z.enum(['open', 'closed'], { error: 'Trạng thái: open hoặc closed.' }).optional(), limit: zLimit, offset: zOffset }),
    },
    handler: async (req) => enf.listViolations(ctxOf(req, 'enforcement:read'), req.query),
  })
  app.post('/api/enforcement/violations', {
    config: { personal: true },
    schema: {
      tags: ['enforcement'],
      summary: 'Ghi một vi phạm: căn cứ pháp lý, người đứng đầu chịu trách nhiệm, hình thức xử lý',
      body: z.strictObject({ facilityId: zId, inspectionId: zId.nullable().optional(), ...zViolation }),
    },
    handler: async (req, reply) => reply.status(201).send(await enf.recordViolation(ctxOf(req, 'enforcement:write'), req.body)),
  })
  app.get('/api/enforcement/violations/:id', {
    config: { personal: true },
    schema: { tags: ['enforcement'], summary: 'Một vi phạm và quá trình theo dõi khắc phục', params: zIdParams },
    handler: async (req) => enf.getViolation(ctxOf(req, 'enforcement:read'), req.params.id),
  })
  app.post('/api/enforcement/violations/:id/followups', {
    config: { personal: true },
    schema: {
      tags: ['enforcement'],
      summary: 'Theo dõi khắc phục vi phạm; closes: true để kết thúc',
      params: zIdParams,
      body: z.strictObject({ on: zIsoDate, note: required(2000, 'nội dung theo dõi'), closes: z.boolean().optional() }),
    },
    handler: async (req) => enf.followUp(ctxOf(req, 'enforcement:write'), req.params.id, req.body),
  })
  app.get('/api/enforcement/recognitions', {
    config: { personal: true },
    schema: { tags: ['enforcement'], summary: 'Khen thưởng và kỷ luật của một địa bàn', querystring: z.strictObject({ unit: zUnitCode.optional(), kind: zKind.optional(), limit: zLimit, offset: zOffset }) },
    handler: async (req) => enf.listRecognitions(ctxOf(req, 'enforcement:read'), req.query),
  })
  app.post('/api/enforcement/recognitions', {
    schema: {
      tags: ['enforcement'],
      summary: 'Ghi khen thưởng hoặc kỷ luật của một cơ quan, đơn vị hoặc một người (theo quyết định nào)',
      body: z.strictObject({
        kind: zKind,
        orgId: zId.nullable().optional(),
        personName: text(120, 'Họ tên'),
        personTitle: text(120, 'Chức vụ'),
        unitCode: zUnitCode.optional(),
        form: required(200, 'hình thức (Bằng khen, Giấy khen, Khiển trách…)'),
        reason: required(2000, 'lý do'),
        decisionRef: required(200, 'số, ngày quyết định'),
        decidedOn: zIsoDate,
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await enf.recordRecognition(ctxOf(req, 'enforcement:write'), req.body)),
  })
  app.get('/api/enforcement/emulation', {
    schema: {
      tags: ['enforcement'],
      summary: 'Thi đua: khen thưởng, kỷ luật của từng cơ quan, đơn vị trong kỳ, bên cạnh kết quả thực hiện nhiệm vụ (theo trang)',
      querystring: z.strictObject({
        unit: zUnitCode.optional(),
        from: zIsoDate.optional(),
        to: zIsoDate.optional(),
        limit: z.coerce.number().int().min(1, 'Số dòng mỗi trang từ 1.').max(100, 'Số dòng mỗi trang không quá 100.').default(10),
        offset: zOffset,
      }),
    },
    // The directives dashboard shows it to whoever reads directives: counts per body, nothing personal.
    handler: async (req) => enf.emulation(ctxOf(req, 'directives:read'), req.query),
  })
}
