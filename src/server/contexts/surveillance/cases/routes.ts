import countries from 'i18n-iso-countries'
import { z } from 'zod'
import {
  CASE_CLASSIFICATIONS,
  codesOf,
  EXPOSURE_SETTINGS,
  F1_CRITERIA,
  FOLLOWUP_STATUSES,
  FOUND_BY,
  OUTCOMES,
  SEVERITIES,
  SOURCE_KINDS,
  SYMPTOMS,
} from '../../../../domain/surveillance/codes.ts'
import { type App, ctxOf, zId, zIdParams, zIsoDate, zUnitCode } from '../../../platform/routes.ts'
import { zPersonFields } from '../../people/routes.ts'
import * as followups from './followups.ts'
import './merging.ts'
import * as cases from './service.ts'

/** A code of one of the lists, refused with the list's Vietnamese name. */
const zCode = <T extends Readonly<Record<string, { vi: string; en: string }>>>(list: T, what: string) =>
  z.enum(codesOf(list), { error: `${what} không hợp lệ: chọn một trong ${codesOf(list).join(', ')}.` })
const text = (max: number, what: string) => z.string().trim().max(max, `${what} dài quá ${max} ký tự.`).nullable().optional()
const zNewPerson = z.strictObject({ ...zPersonFields, confirmedNew: z.boolean().optional() })
const zCountry = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Quốc gia đi về ghi bằng mã 2 chữ cái (KH, CN, US…).')
  .refine((c) => countries.isValid(c), 'Mã quốc gia không có trong danh mục ISO 3166 (KH, CN, US…).')
const zTemperature = z.number({ error: 'Nhiệt độ phải là một số (°C).' }).min(30, 'Nhiệt độ từ 30 °C.').max(45, 'Nhiệt độ không quá 45 °C.')
/** true/false in a query string. */
const zFlag = z.enum(['true', 'false'], { error: 'Giá trị phải là true hoặc false.' }).transform((v) => v === 'true')
const zPaging = {
  limit: z.coerce.number().int().min(1, 'Số dòng mỗi trang từ 1.').max(200, 'Tối đa 200 dòng mỗi trang.').default(50),
  offset: z.coerce.number().int().min(0).max(10_000, 'Chỉ xem được 10.000 dòng đầu: hãy lọc bớt.').default(0),
}
const zTracer = z.union([z.literal('me'), zId], { error: 'Người theo dõi: "me" hoặc mã người dùng.' })

const zCaseFields = {
  code: z.string().trim().min(1, 'Mã ca bệnh không được để trống.').max(40, 'Mã ca bệnh dài quá 40 ký tự.').nullable().optional(),
  classification: zCode(CASE_CLASSIFICATIONS, 'Phân loại ca bệnh'),
  onsetDate: zIsoDate.nullable().optional(),
  sampleDate: zIsoDate.nullable().optional(),
  confirmedDate: zIsoDate.nullable().optional(),
  isolatedOn: zIsoDate.nullable().optional(),
  foundBy: zCode(FOUND_BY, 'Nơi phát hiện').nullable().optional(),
  sourceKind: zCode(SOURCE_KINDS, 'Nguồn lây').optional(),
  sourceCountry: zCountry.nullable().optional(),
  sourceTravel: text(80, 'Chuyến bay, cửa khẩu'),
  sourceCaseId: zId.nullable().optional(),
  clusterId: zId.nullable().optional(),
  infectionPlace: text(300, 'Nơi lây nhiễm'),
  symptoms: z.array(zCode(SYMPTOMS, 'Triệu chứng')).max(20, 'Tối đa 20 triệu chứng.').optional(),
  severity: zCode(SEVERITIES, 'Mức độ bệnh').nullable().optional(),
  outcome: zCode(OUTCOMES, 'Kết quả điều trị').nullable().optional(),
  outcomeDate: zIsoDate.nullable().optional(),
  transferredTo: text(200, 'Nơi chuyển đến'),
  isolationPlace: text(300, 'Nơi cách ly, điều trị'),
  confirmingTestId: zId.nullable().optional(),
}
const onePerson = (v: { personId?: number | undefined; person?: unknown }) => (v.personId === undefined) !== (v.person === undefined)
const ONE_PERSON = { message: 'Hãy chọn một người trong sổ (personId) hoặc nhập người mới (person), không cả hai.' }

export function caseRoutes(app: App): void {
  app.post('/api/surveillance/cases', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Ghi nhận ca bệnh',
      description:
        'Cho một người trong sổ (personId) hoặc một người mới (person, kiểm tra trùng như khi thêm người: 409 DUPLICATE_CANDIDATES trừ khi confirmedNew). Bậc tiếp xúc được cập nhật ngay trong cùng giao dịch.',
      body: z.strictObject({ personId: zId.optional(), person: zNewPerson.optional(), ...zCaseFields }).refine(onePerson, ONE_PERSON),
    },
    handler: async (req, reply) => reply.status(201).send(await cases.createCase(ctxOf(req, 'surveillance:write'), req.body)),
  })
  app.get('/api/surveillance/cases', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Danh sách ca bệnh trong địa bàn',
      description: 'Lọc theo đơn vị, khoảng ngày (xác định hoặc khởi phát), phân loại, nguồn lây, ổ dịch, kết quả, họ tên; phân trang và sắp xếp trên máy chủ. Tổng số đếm đến 10.000 ("hơn 10.000").',
      querystring: z.strictObject({
        unitCode: zUnitCode.optional(),
        dateField: z.enum(['confirmed', 'onset'], { error: 'Lọc theo ngày xác định (confirmed) hoặc ngày khởi phát (onset).' }).default('confirmed'),
        from: zIsoDate.optional(),
        to: zIsoDate.optional(),
        classification: z
          .string()
          .transform((v) => v.split(',').filter(Boolean))
          .pipe(z.array(zCode(CASE_CLASSIFICATIONS, 'Phân loại ca bệnh')).max(4))
          .optional(),
        sourceKind: zCode(SOURCE_KINDS, 'Nguồn lây').optional(),
        clusterId: zId.optional(),
        outcome: z.enum([...codesOf(OUTCOMES), 'none'], { error: 'Kết quả: recovered, died, transferred hoặc none (chưa có).' }).optional(),
        active: zFlag.optional(),
        q: z.string().max(100, 'Từ khóa dài quá 100 ký tự.').optional(),
        sort: z.enum(['confirmedDate', 'onsetDate', 'fullName'], { error: 'Sắp xếp theo confirmedDate, onsetDate hoặc fullName.' }).optional(),
        order: z.enum(['asc', 'desc'], { error: 'Thứ tự asc hoặc desc.' }).default('desc'),
        ...zPaging,
      }),
    },
    handler: async (req) => cases.listCases(ctxOf(req, 'surveillance:read'), req.query),
  })
  app.get('/api/surveillance/cases/:id', {
    config: { personal: true },
    schema: { tags: ['surveillance'], summary: 'Hồ sơ một ca bệnh', params: zIdParams },
    handler: async (req) => cases.getCase(ctxOf(req, 'surveillance:read'), req.params.id),
  })
  app.patch('/api/surveillance/cases/:id', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Sửa ca bệnh (phân loại, ngày, kết quả, cách ly, ổ dịch, nguồn lây)',
      params: zIdParams,
      body: z.strictObject(zCaseFields).partial(),
    },
    handler: async (req) => cases.updateCase(ctxOf(req, 'surveillance:write'), req.params.id, req.body),
  })

  app.post('/api/surveillance/exposures', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Ghi nhận một lần tiếp xúc',
      description: 'Người tiếp xúc (personId, hoặc person mới) đã tiếp xúc với người nguồn (sourcePersonId). Bậc F1, F2… cập nhật ngay.',
      body: z
        .strictObject({
          personId: zId.optional(),
          person: zNewPerson.optional(),
          sourcePersonId: zId,
          exposedOn: zIsoDate,
          place: text(300, 'Nơi tiếp xúc'),
          setting: zCode(EXPOSURE_SETTINGS, 'Bối cảnh tiếp xúc').optional(),
          f1Criteria: z.array(zCode(F1_CRITERIA, 'Tiêu chí F1')).max(4).optional(),
          note: text(1000, 'Ghi chú'),
        })
        .refine(onePerson, ONE_PERSON),
    },
    handler: async (req, reply) => reply.status(201).send(await cases.createExposure(ctxOf(req, 'surveillance:write'), req.body)),
  })
  app.delete('/api/surveillance/exposures/:id', {
    config: { personal: true },
    schema: { tags: ['surveillance'], summary: 'Xóa một lần tiếp xúc ghi nhầm', params: zIdParams },
    handler: async (req) => cases.deleteExposure(ctxOf(req, 'surveillance:write'), req.params.id),
  })

  app.get('/api/surveillance/contacts', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Danh sách người tiếp xúc (F1, F2, …) trong địa bàn',
      description: 'Người ghi nhận sau hiện trước. followupStatus: có đợt theo dõi ở trạng thái đó; none: không đang được theo dõi. Mỗi dòng kèm đợt theo dõi đang chạy, nếu không thì đợt gần nhất.',
      querystring: z.strictObject({
        unitCode: zUnitCode.optional(),
        degree: z.coerce.number().int().min(1, 'Bậc tiếp xúc từ 1 (F1).').max(100).optional(),
        followupStatus: z
          .enum([...codesOf(FOLLOWUP_STATUSES), 'none'], { error: `Trạng thái theo dõi: ${codesOf(FOLLOWUP_STATUSES).join(', ')} hoặc none (không đang được theo dõi).` })
          .optional(),
        tracer: zTracer.optional(),
        ...zPaging,
      }),
    },
    handler: async (req) => cases.listContacts(ctxOf(req, 'surveillance:read'), req.query),
  })

  app.get('/api/surveillance/people/:id', {
    config: { personal: true },
    schema: { tags: ['surveillance'], summary: 'Hồ sơ giám sát của một người: ca bệnh, tiếp xúc, bậc F và đường lây, xét nghiệm, theo dõi', params: zIdParams },
    handler: async (req) => cases.personRecord(ctxOf(req, 'surveillance:read'), req.params.id),
  })
  app.post('/api/surveillance/people/:id/case', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Chuyển người tiếp xúc thành ca bệnh',
      description: 'Ghi ca bệnh (mặc định ca xác định), kết thúc đợt theo dõi ("đã thành ca bệnh"), cập nhật bậc tiếp xúc, trong một thao tác.',
      params: zIdParams,
      body: z
        .strictObject({
          classification: z.enum(['confirmed', 'probable'], { error: 'Phân loại: ca xác định (confirmed) hoặc ca có thể (probable).' }).optional(),
          confirmedDate: zIsoDate.nullable().optional(),
          sampleDate: zIsoDate.nullable().optional(),
          onsetDate: zIsoDate.nullable().optional(),
          isolatedOn: zIsoDate.nullable().optional(),
          confirmingTestId: zId.nullable().optional(),
        })
        .default({}),
    },
    handler: async (req, reply) => reply.status(201).send(await cases.convertToCase(ctxOf(req, 'surveillance:write'), req.params.id, req.body)),
  })

  app.post('/api/surveillance/followups', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Bắt đầu theo dõi người tiếp xúc',
      description: 'Theo dõi đến ngày tiếp xúc cuối + số ngày của quy định đang áp dụng; lịch xét nghiệm được lập sẵn.',
      body: z.strictObject({ personId: zId, tracerUserId: zId.nullable().optional(), note: text(1000, 'Ghi chú') }),
    },
    handler: async (req, reply) => reply.status(201).send(await followups.startFollowup(ctxOf(req, 'surveillance:write'), req.body)),
  })
  app.get('/api/surveillance/followups', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Danh sách theo dõi theo người theo dõi hoặc theo xã, có cho biết đã kiểm tra trong ngày chưa',
      querystring: z.strictObject({
        tracer: zTracer.optional(),
        unitCode: zUnitCode.optional(),
        due: zIsoDate.optional(),
        status: zCode(FOLLOWUP_STATUSES, 'Trạng thái theo dõi').optional(),
        flagged: zFlag.optional(),
        ...zPaging,
      }),
    },
    handler: async (req) => followups.listFollowups(ctxOf(req, 'surveillance:read'), req.query),
  })
  app.get('/api/surveillance/tracers', {
    schema: {
      tags: ['surveillance'],
      summary: 'Những người có thể được giao theo dõi tiếp xúc ở một địa bàn',
      querystring: z.strictObject({ unitCode: zUnitCode.optional() }),
    },
    handler: async (req) => followups.listTracers(ctxOf(req, 'surveillance:write'), req.query.unitCode),
  })
  app.patch('/api/surveillance/followups/:id', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Đổi người theo dõi, ghi chú, hoặc kết thúc đợt theo dõi',
      params: zIdParams,
      body: z.strictObject({
        tracerUserId: zId.nullable().optional(),
        status: z.enum(['completed', 'lost', 'cancelled'], { error: 'Kết thúc theo dõi: completed (hết thời gian), lost (mất dấu) hoặc cancelled (hủy).' }).optional(),
        note: text(1000, 'Ghi chú'),
      }),
    },
    handler: async (req) => followups.updateFollowup(ctxOf(req, 'surveillance:write'), req.params.id, req.body),
  })
  app.post('/api/surveillance/followups/:id/checks', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Ghi kết quả theo dõi trong ngày (nhiệt độ, triệu chứng)',
      params: zIdParams,
      body: z.strictObject({
        checkedOn: zIsoDate,
        temperature: zTemperature.nullable().optional(),
        symptoms: z.array(zCode(SYMPTOMS, 'Triệu chứng')).max(20).optional(),
        note: text(1000, 'Ghi chú'),
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await followups.addCheck(ctxOf(req, 'surveillance:write'), req.params.id, req.body)),
  })

  app.get('/api/surveillance/rules', {
    schema: { tags: ['surveillance'], summary: 'Quy định giám sát theo thời gian (thời kỳ lây, thời gian theo dõi, đóng ổ dịch)' },
    handler: async (req) => cases.listRules(ctxOf(req, 'surveillance:read')),
  })
  app.post('/api/surveillance/rules', {
    schema: {
      tags: ['surveillance'],
      summary: 'Ghi quy định giám sát riêng của tỉnh, áp dụng từ một ngày',
      body: z.strictObject({
        validFrom: zIsoDate,
        daysBeforeOnset: z.number({ error: 'Số ngày phải là một số.' }).int().min(0, 'Số ngày từ 0.').max(30, 'Số ngày trước khởi phát không quá 30.'),
        daysBeforeSample: z.number({ error: 'Số ngày phải là một số.' }).int().min(0, 'Số ngày từ 0.').max(30, 'Số ngày trước lấy mẫu không quá 30.'),
        contactFollowDays: z.number({ error: 'Số ngày phải là một số.' }).int().min(1, 'Số ngày theo dõi từ 1.').max(60, 'Số ngày theo dõi không quá 60.'),
        clusterCloseDays: z.number({ error: 'Số ngày phải là một số.' }).int().min(1, 'Số ngày đóng ổ dịch từ 1.').max(120, 'Số ngày đóng ổ dịch không quá 120.'),
        source: z.string().trim().min(1, 'Hãy ghi văn bản căn cứ của quy định.').max(500, 'Căn cứ dài quá 500 ký tự.'),
        confidence: z.enum(['verified', 'secondary', 'unverified'], { error: 'Độ tin cậy: verified, secondary hoặc unverified.' }),
        note: text(2000, 'Ghi chú'),
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await cases.createRule(ctxOf(req, 'surveillance:rules'), req.body)),
  })
}
