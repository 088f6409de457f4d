import { z } from 'zod'
import { codesOf, TEST_METHODS } from '../../../../domain/surveillance/codes.ts'
import { type App, ctxOf, zId, zIdParams, zIsoDate, zUnitCode } from '../../../platform/routes.ts'
import * as tests from './service.ts'

const zMethod = z.enum(codesOf(TEST_METHODS), { error: 'Phương pháp xét nghiệm là pcr (RT-PCR) hoặc antigen (test nhanh kháng nguyên).' })
const zResult = z.enum(['positive', 'negative', 'inconclusive'], { error: 'Kết quả là positive (dương tính), negative (âm tính) hoặc inconclusive (không xác định).' })
const zCt = z.number({ error: 'Giá trị Ct phải là một số.' }).min(0, 'Giá trị Ct từ 0 đến 60.').max(60, 'Giá trị Ct từ 0 đến 60.')
const zLab = z.string({ error: 'Nhập phòng xét nghiệm.' }).trim().min(1, 'Nhập phòng xét nghiệm.').max(200, 'Tên phòng xét nghiệm dài quá 200 ký tự.')
export const zText = (max: number, what: string) => z.string().trim().min(1, `${what} không được để trống.`).max(max, `${what} dài quá ${max} ký tự.`)
/** Paging of the surveillance lists: pages of up to 200, the first 10,000 rows. */
export const zPage = {
  limit: z.coerce.number().int().min(1).max(200, 'Mỗi trang tối đa 200 dòng.').default(50),
  offset: z.coerce.number().int().min(0).max(10_000, 'Chỉ xem được 10.000 dòng đầu; hãy lọc hẹp hơn.').default(0),
}
const zRange = { from: zIsoDate.optional(), to: zIsoDate.optional() }

export function testRoutes(app: App): void {
  app.post('/api/surveillance/tests', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Ghi mẫu xét nghiệm (và kết quả nếu đã có)',
      description: 'Chưa có kết quả: trạng thái "đã lấy mẫu". Kết quả dương tính của người chưa là ca bệnh: proposesCase = true (đề xuất lập ca bệnh).',
      body: z.strictObject({
        personId: zId,
        method: zMethod,
        sampleDate: zIsoDate,
        resultDate: zIsoDate.nullable().optional(),
        result: zResult.nullable().optional(),
        ct: zCt.nullable().optional(),
        lab: zLab,
        campaignId: zId.nullable().optional(),
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await tests.recordTest(ctxOf(req, 'surveillance:write'), req.body)),
  })
  app.patch('/api/surveillance/tests/:id', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Nhập kết quả (hoặc ngày lấy mẫu của xét nghiệm đã hẹn), hoặc hủy xét nghiệm',
      params: zIdParams,
      body: z.strictObject({
        sampleDate: zIsoDate.optional(),
        resultDate: zIsoDate.nullable().optional(),
        result: zResult.nullable().optional(),
        ct: zCt.nullable().optional(),
        lab: zLab.optional(),
        cancelled: z.literal(true, { error: 'cancelled chỉ nhận giá trị true.' }).optional(),
      }),
    },
    handler: async (req) => tests.enterResult(ctxOf(req, 'surveillance:write'), req.params.id, req.body),
  })
  app.get('/api/surveillance/tests', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Danh sách mẫu xét nghiệm trong địa bàn, mới nhất trước',
      description: `Mặc định 7 ngày lấy mẫu gần nhất, tối đa ${tests.MAX_WINDOW_DAYS} ngày; theo đợt xét nghiệm: thời gian của đợt; theo mẫu gộp: mọi ngày. Tổng số đếm tới 10.000 (totalCapped khi nhiều hơn).`,
      querystring: z.strictObject({
        unitCode: zUnitCode.optional(),
        ...zRange,
        method: zMethod.optional(),
        result: zResult.optional(),
        lab: z.string().trim().max(200).optional(),
        campaignId: zId.optional(),
        poolId: zId.optional(),
        ...zPage,
      }),
    },
    handler: async (req) => tests.listTests(ctxOf(req, 'surveillance:read'), req.query),
  })
  app.get('/api/surveillance/tests/planned', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Xét nghiệm đã hẹn trong một ngày (mặc định hôm nay): xét nghiệm lại sau mẫu gộp dương tính, xét nghiệm theo dõi',
      querystring: z.strictObject({ date: zIsoDate.optional(), unitCode: zUnitCode.optional(), ...zPage }),
    },
    handler: async (req) => tests.plannedTests(ctxOf(req, 'surveillance:read'), req.query),
  })
  app.get('/api/surveillance/tests/proposals', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Kết quả dương tính của người chưa là ca bệnh (hoặc ca đã loại trừ): đề xuất lập ca bệnh',
      description: `Theo ngày trả kết quả, mặc định 30 ngày gần nhất, tối đa ${tests.MAX_WINDOW_DAYS} ngày.`,
      querystring: z.strictObject({ unitCode: zUnitCode.optional(), ...zRange, ...zPage }),
    },
    handler: async (req) => tests.caseProposals(ctxOf(req, 'surveillance:read'), req.query),
  })

  app.post('/api/surveillance/pools', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Ghi mẫu gộp (2–30 người), mỗi người một mẫu RT-PCR trong mẫu gộp',
      body: z.strictObject({
        code: zText(60, 'Mã mẫu gộp'),
        lab: zLab,
        sampleDate: zIsoDate,
        campaignId: zId.nullable().optional(),
        personIds: z
          .array(zId)
          .min(2, 'Mẫu gộp có ít nhất 2 người.')
          .max(30, 'Mẫu gộp có tối đa 30 người.')
          .refine((ids) => new Set(ids).size === ids.length, 'Một người được ghi hai lần trong mẫu gộp.'),
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await tests.createPool(ctxOf(req, 'surveillance:write'), req.body)),
  })
  app.post('/api/surveillance/pools/:id/result', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Nhập kết quả mẫu gộp',
      description:
        'Âm tính: mọi người trong mẫu gộp âm tính. Dương tính: mẫu của từng người ghi "không xác định" và mỗi người được hẹn xét nghiệm lại riêng vào ngày có kết quả. Gửi lại cùng kết quả không thay đổi gì.',
      params: zIdParams,
      body: z.strictObject({ result: z.enum(['positive', 'negative'], { error: 'Kết quả mẫu gộp là positive hoặc negative.' }), resultDate: zIsoDate, ct: zCt.nullable().optional() }),
    },
    handler: async (req) => tests.poolResult(ctxOf(req, 'surveillance:write'), req.params.id, req.body),
  })
  app.get('/api/surveillance/pools', {
    schema: {
      tags: ['surveillance'],
      summary: 'Danh sách mẫu gộp trong địa bàn, mới lấy mẫu trước: số người, kết quả, số người dương tính khi xét nghiệm lại',
      description: `Mặc định 30 ngày lấy mẫu gần nhất, tối đa ${tests.MAX_WINDOW_DAYS} ngày; theo đợt xét nghiệm: thời gian của đợt. Đơn vị của mẫu gộp là đơn vị chung của những người trong mẫu. Tổng số đếm tới 10.000 (totalCapped khi nhiều hơn).`,
      querystring: z.strictObject({
        unitCode: zUnitCode.optional(),
        ...zRange,
        result: z
          .enum(['pending', 'positive', 'negative', 'inconclusive'], {
            error: 'Kết quả mẫu gộp là pending (chờ kết quả), positive (dương tính), negative (âm tính) hoặc inconclusive (không xác định).',
          })
          .optional(),
        campaignId: zId.optional(),
        ...zPage,
      }),
    },
    handler: async (req) => tests.listPools(ctxOf(req, 'surveillance:read'), req.query),
  })
  app.get('/api/surveillance/pools/:id', {
    config: { personal: true },
    schema: { tags: ['surveillance'], summary: 'Mẫu gộp: thành viên và tình trạng xét nghiệm lại', params: zIdParams },
    handler: async (req) => tests.getPool(ctxOf(req, 'surveillance:read'), req.params.id),
  })

  const zCampaign = {
    name: zText(200, 'Tên đợt xét nghiệm'),
    unitCode: zUnitCode,
    startsOn: zIsoDate,
    endsOn: zIsoDate,
    method: zMethod,
    targetPeople: z.number().int('Chỉ tiêu là số nguyên.').min(0, 'Chỉ tiêu không âm.').max(100_000_000).nullable().optional(),
    note: z.string().trim().max(2000, 'Ghi chú dài quá 2.000 ký tự.').nullable().optional(),
  }
  app.post('/api/surveillance/campaigns', {
    schema: { tags: ['surveillance'], summary: 'Tạo đợt xét nghiệm diện rộng', body: z.strictObject(zCampaign) },
    handler: async (req, reply) => reply.status(201).send(await tests.createCampaign(ctxOf(req, 'surveillance:write'), req.body)),
  })
  app.get('/api/surveillance/campaigns', {
    schema: {
      tags: ['surveillance'],
      summary: 'Các đợt xét nghiệm của địa bàn, của cấp trên và cấp dưới',
      querystring: z.strictObject({ unitCode: zUnitCode.optional(), activeOn: zIsoDate.optional(), ...zPage }),
    },
    handler: async (req) => tests.listCampaigns(ctxOf(req, 'surveillance:read'), req.query),
  })
  app.patch('/api/surveillance/campaigns/:id', {
    schema: { tags: ['surveillance'], summary: 'Sửa đợt xét nghiệm', params: zIdParams, body: z.strictObject(zCampaign).partial() },
    handler: async (req) => tests.updateCampaign(ctxOf(req, 'surveillance:write'), req.params.id, req.body),
  })
  app.get('/api/surveillance/campaigns/:id/coverage', {
    schema: { tags: ['surveillance'], summary: 'Độ bao phủ của đợt xét nghiệm theo xã, phường', params: zIdParams },
    handler: async (req) => tests.campaignCoverage(ctxOf(req, 'surveillance:read'), req.params.id),
  })
}
