import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  BED_KIND_KEYS,
  CHECK_SYMPTOM_KEYS,
  CONDITION_STATE_KEYS,
  DISCHARGE_OUTCOME_KEYS,
  ESCALATION_RESOLUTION_KEYS,
  FACILITY_KIND_KEYS,
  FACILITY_STATUS_KEYS,
  PERSONAL_LINK_LIMITS,
} from '../../../domain/care/codes.ts'
import { CONFIDENCES } from '../../../domain/care/rules.ts'
import { publicContext, publicRateLimit } from '../../platform/publicRequest.ts'
import { type App, ctxOf, zId, zIdParams, zIsoDate, zUnitCode } from '../../platform/routes.ts'
import * as care from './service.ts'

const SEVERITY_KEYS = ['asymptomatic', 'mild', 'moderate', 'severe', 'critical'] as const

const zText = (max: number, what: string) =>
  z.string({ error: `${what} không được để trống.` }).trim().min(1, `${what} không được để trống.`).max(max, `${what} dài quá ${max} ký tự.`)
const zOptionalText = (max: number, what: string) => z.string().trim().max(max, `${what} dài quá ${max} ký tự.`).nullable().optional()
const zCount = (what: string, max = 100_000) =>
  z.number({ error: `${what} phải là một số.` }).int(`${what} phải là số nguyên.`).min(0, `${what} không được âm.`).max(max, `${what} quá lớn (tối đa ${max}).`)
const zPage = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
}
const zSeverity = z.enum(SEVERITY_KEYS, { error: 'Mức độ bệnh: asymptomatic, mild, moderate, severe hoặc critical.' })
const zBedKind = z.enum(BED_KIND_KEYS, { error: 'Loại giường: regular (thường), oxygen (có oxy), icu (hồi sức) hoặc ventilator (máy thở).' })
const zTier = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'Tầng điều trị là 1, 2 hoặc 3.' })

// --- Rules ---

const zThreshold = z.strictObject({
  op: z.enum(['>=', '>', '<=', '<'], { error: 'Phép so sánh là >=, >, <= hoặc <.' }),
  value: z.number({ error: 'Ngưỡng phải là một số.' }).min(0, 'Ngưỡng không được âm.').max(1000, 'Ngưỡng quá lớn.'),
})
const zSourced = {
  source: zText(2000, 'Nguồn (văn bản)'),
  confidence: z.enum(CONFIDENCES as [string, ...string[]], { error: 'Độ tin cậy: verified, secondary hoặc unverified.' }) as z.ZodType<'verified' | 'secondary' | 'unverified'>,
  note: z.string().trim().max(2000, 'Ghi chú dài quá 2000 ký tự.').optional(),
}
const zRule = z.strictObject({
  unitCode: zUnitCode,
  validFrom: zIsoDate,
  name: zText(200, 'Tên quy định'),
  ...zSourced,
  note: zOptionalText(2000, 'Ghi chú'),
  eligibility: z.strictObject({
    ...zSourced,
    severities: z.array(zSeverity).min(1, 'Chọn ít nhất một mức độ bệnh.'),
    spo2: zThreshold,
    respiratoryRate: zThreshold,
    noAbnormalBreathing: z.boolean(),
    conditions: z.enum(['any', 'none', 'none_or_stable'], { error: 'Bệnh nền: any, none hoặc none_or_stable.' }),
    protection: z
      .strictObject({
        vaccinated: z.strictObject({ minDoses: zCount('Số liều', 10), oneDoseAfterDays: zCount('Số ngày sau 1 liều', 365) }),
        lowRisk: z.strictObject({ age: z.array(zThreshold).max(4), noConditions: z.boolean(), notPregnant: z.boolean() }),
      })
      .nullable(),
    selfCare: z.boolean(),
    canContactStaff: z.boolean(),
  }),
  warnings: z.strictObject({
    ...zSourced,
    spo2: zThreshold,
    respiratoryRate: z
      .array(z.strictObject({ fromAge: zCount('Tuổi', 150), toAge: zCount('Tuổi', 150).nullable(), threshold: zThreshold }))
      .min(1, 'Cần ít nhất một ngưỡng nhịp thở.')
      .max(10),
    pulse: z.array(zThreshold).max(4),
    systolic: zThreshold.nullable(),
    diastolic: zThreshold.nullable(),
    temperature: zThreshold.nullable(),
    symptoms: z.array(z.enum(CHECK_SYMPTOM_KEYS, { error: 'Dấu hiệu không có trong danh mục.' })).max(40),
    escalationHours: z.number({ error: 'Thời hạn xử lý là số giờ.' }).min(0.25, 'Thời hạn xử lý ít nhất 15 phút.').max(72, 'Thời hạn xử lý tối đa 72 giờ.'),
  }),
  release: z.strictObject({
    ...zSourced,
    days: zCount('Số ngày cách ly', 60).min(1, 'Số ngày cách ly ít nhất 1.'),
    test: z.enum(['antigen', 'pcr']).nullable(),
    extendedDays: z.strictObject({ vaccinated: zCount('Số ngày', 60), unvaccinated: zCount('Số ngày', 60) }).nullable(),
  }),
})

// --- Facts and checks ---

const zFacts = z.strictObject({
  ageYears: z.number({ error: 'Tuổi phải là một số.' }).min(0, 'Tuổi không được âm.').max(130, 'Tuổi không quá 130.').nullable().optional(),
  severity: zSeverity.nullable().optional(),
  spo2: z.number({ error: 'SpO2 phải là một số.' }).int('SpO2 là số nguyên (%).').min(50, 'SpO2 từ 50 đến 100%.').max(100, 'SpO2 từ 50 đến 100%.').nullable(),
  respiratoryRate: z.number({ error: 'Nhịp thở phải là một số.' }).int('Nhịp thở là số nguyên (lần/phút).').min(5, 'Nhịp thở từ 5 đến 80 lần/phút.').max(80, 'Nhịp thở từ 5 đến 80 lần/phút.').nullable(),
  abnormalBreathing: z.boolean({ error: 'Có thở bất thường hay không (true/false).' }),
  conditions: z.enum(CONDITION_STATE_KEYS, { error: 'Bệnh nền: none (không), stable (ổn định) hoặc unstable (chưa ổn định).' }),
  pregnant: z.boolean({ error: 'Có mang thai hay không (true/false).' }),
  vaccineDoses: zCount('Số liều vắc xin', 10),
  lastDoseOn: zIsoDate.nullable(),
  canSelfCare: z.boolean({ error: 'Có tự chăm sóc được không (true/false).' }),
  hasCaregiver: z.boolean({ error: 'Có người chăm sóc không (true/false).' }),
  canContactStaff: z.boolean({ error: 'Có liên lạc được nhân viên y tế không (true/false).' }),
})

const zCheck = z.strictObject({
  spo2: z.number({ error: 'SpO2 phải là một số.' }).int('SpO2 là số nguyên, ví dụ 97.').min(50, 'SpO2 từ 50 đến 100 (%).').max(100, 'SpO2 từ 50 đến 100 (%).').nullable().optional(),
  respiratoryRate: z
    .number({ error: 'Nhịp thở phải là một số.' })
    .int('Nhịp thở là số lần trong 1 phút, số nguyên.')
    .min(5, 'Nhịp thở từ 5 đến 80 lần/phút.')
    .max(80, 'Nhịp thở từ 5 đến 80 lần/phút.')
    .nullable()
    .optional(),
  pulse: z.number({ error: 'Mạch phải là một số.' }).int('Mạch là số nguyên.').min(20, 'Mạch từ 20 đến 250 lần/phút.').max(250, 'Mạch từ 20 đến 250 lần/phút.').nullable().optional(),
  temperature: z.number({ error: 'Nhiệt độ phải là một số.' }).min(30, 'Nhiệt độ từ 30 đến 45 °C.').max(45, 'Nhiệt độ từ 30 đến 45 °C.').nullable().optional(),
  systolic: z.number({ error: 'Huyết áp phải là một số.' }).int().min(40, 'Huyết áp tâm thu từ 40 đến 260 mmHg.').max(260, 'Huyết áp tâm thu từ 40 đến 260 mmHg.').nullable().optional(),
  diastolic: z.number({ error: 'Huyết áp phải là một số.' }).int().min(20, 'Huyết áp tâm trương từ 20 đến 160 mmHg.').max(160, 'Huyết áp tâm trương từ 20 đến 160 mmHg.').nullable().optional(),
  symptoms: z.array(z.enum(CHECK_SYMPTOM_KEYS, { error: 'Triệu chứng không có trong danh sách.' })).max(30, 'Tối đa 30 triệu chứng.').optional(),
  note: zOptionalText(500, 'Ghi chú'),
})

// --- Facilities ---

const zFacility = {
  name: zText(200, 'Tên cơ sở'),
  tier: zTier,
  kind: z.enum(FACILITY_KIND_KEYS, { error: 'Loại cơ sở không có trong danh mục.' }),
  unitCode: zUnitCode,
  address: zOptionalText(300, 'Địa chỉ'),
  lat: z.number().min(-90, 'Vĩ độ từ -90 đến 90.').max(90, 'Vĩ độ từ -90 đến 90.').nullable().optional(),
  lon: z.number().min(-180, 'Kinh độ từ -180 đến 180.').max(180, 'Kinh độ từ -180 đến 180.').nullable().optional(),
  bedsRegular: zCount('Số giường thường').optional(),
  bedsOxygen: zCount('Số giường có oxy').optional(),
  bedsIcu: zCount('Số giường hồi sức').optional(),
  bedsVentilator: zCount('Số giường có máy thở').optional(),
  staffDoctors: zCount('Số bác sĩ').optional(),
  staffNurses: zCount('Số điều dưỡng').optional(),
  staffOther: zCount('Số nhân viên khác').optional(),
  oxygenTankM3: z.number({ error: 'Dung tích bồn oxy phải là một số.' }).min(0, 'Dung tích bồn oxy không được âm.').max(1_000_000).nullable().optional(),
  oxygenCylinders: zCount('Số bình oxy', 1_000_000).optional(),
  oxygenConcentrators: zCount('Số máy tạo oxy', 1_000_000).optional(),
  managerName: zOptionalText(120, 'Người phụ trách'),
  phone: z.string().regex(/^\+?\d{3,15}$/, 'Số điện thoại không hợp lệ.').nullable().optional(),
  status: z.enum(FACILITY_STATUS_KEYS, { error: 'Trạng thái: open, full hoặc closed.' }).optional(),
  note: zOptionalText(2000, 'Ghi chú'),
}

const zUnitQuery = z.strictObject({ unit: zUnitCode.optional() })
const zToken = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'Đường dẫn theo dõi không đúng.') })

/**
 * The context of a request through a personal link: the signed-in user when there is one (a
 * station officer entering the patient's check from their link), else the patient, unnamed.
 */
const linkCtx = publicContext({ username: 'duong-dan-ca-nhan', displayName: 'Người bệnh (đường dẫn cá nhân)' })

export function careRoutes(app: App): void {
  // Personal links: requests per address (any token, right or wrong) and checks per link, in sliding windows.
  const limit = publicRateLimit(PERSONAL_LINK_LIMITS, (minutes) => `Gửi quá nhiều lần. Vui lòng đợi ${minutes} phút rồi thử lại; nếu khó thở hãy gọi trạm y tế hoặc 115.`)
  const throttle = (req: FastifyRequest, token: string | null) => limit(req, token && care.linkKey(token))

  app.get('/api/care/rules', {
    schema: { tags: ['care'], summary: 'Các quy định theo dõi F0 tại nhà theo thời kỳ (tiêu chí, dấu hiệu cảnh báo, kết thúc cách ly), nguồn và độ tin cậy' },
    handler: async (req) => care.listRules(ctxOf(req, 'care:read')),
  })
  app.post('/api/care/rules', {
    schema: {
      tags: ['care'],
      summary: 'Thêm quy định riêng của tỉnh (hoặc đơn vị) có hiệu lực từ một ngày',
      description: 'Quy định của đơn vị thắng quy định quốc gia cùng ngày; quy định có hiệu lực vào ngày bắt đầu theo dõi (tiêu chí), ngày kiểm tra (dấu hiệu) và ngày kết thúc được áp dụng.',
      body: zRule,
    },
    handler: async (req, reply) => reply.status(201).send(await care.createRule(ctxOf(req, 'care:rules'), req.body)),
  })
  app.post('/api/care/eligibility', {
    schema: {
      tags: ['care'],
      summary: 'Kiểm tra điều kiện theo dõi F0 tại nhà theo quy định có hiệu lực vào một ngày (không ghi gì)',
      body: z.strictObject({ unitCode: zUnitCode.optional(), date: zIsoDate.optional(), facts: zFacts.extend({ severity: zSeverity.nullable() }) }),
    },
    handler: async (req) => care.checkEligibility(ctxOf(req, 'care:read'), { ...req.body, facts: { ...req.body.facts, ageYears: req.body.facts.ageYears ?? null } }),
  })

  app.get('/api/care/facilities', {
    schema: {
      tags: ['care'],
      summary: 'Cơ sở điều trị theo tầng: giường theo loại, số người đang nằm, nhân lực, oxy',
      querystring: z.strictObject({ unitCode: zUnitCode.optional(), tier: z.coerce.number().int().min(1).max(3).optional(), kind: z.enum(FACILITY_KIND_KEYS).optional(), ...zPage }),
    },
    handler: async (req) => care.listFacilities(ctxOf(req, 'care:read'), req.query),
  })
  app.post('/api/care/facilities', {
    schema: { tags: ['care'], summary: 'Thêm cơ sở điều trị (tầng 1–3) hoặc trạm y tế', body: z.strictObject(zFacility) },
    handler: async (req, reply) => reply.status(201).send(await care.createFacility(ctxOf(req, 'care:write'), req.body)),
  })
  app.get('/api/care/facilities/:id', {
    config: { personal: true },
    schema: {
      tags: ['care'],
      summary: 'Một cơ sở điều trị và người bệnh đang điều trị (theo trang)',
      params: zIdParams,
      querystring: z.strictObject({ status: z.enum(['active', 'transferred', 'discharged', 'died']).optional(), ...zPage }),
    },
    handler: async (req) => care.getFacility(ctxOf(req, 'care:read'), req.params.id, req.query),
  })
  app.patch('/api/care/facilities/:id', {
    schema: { tags: ['care'], summary: 'Sửa cơ sở điều trị: giường, nhân lực, oxy, trạng thái', params: zIdParams, body: z.strictObject(zFacility).partial() },
    handler: async (req) => care.updateFacility(ctxOf(req, 'care:write'), req.params.id, req.body),
  })

  app.get('/api/care/admissions', {
    config: { personal: true },
    schema: {
      tags: ['care'],
      summary: 'Lượt điều trị tại cơ sở (theo đơn vị, cơ sở, trạng thái)',
      querystring: z.strictObject({ unitCode: zUnitCode.optional(), facilityId: zId.optional(), status: z.enum(['active', 'transferred', 'discharged', 'died']).optional(), ...zPage }),
    },
    handler: async (req) => care.listAdmissions(ctxOf(req, 'care:read'), req.query),
  })
  app.post('/api/care/admissions', {
    config: { personal: true },
    schema: {
      tags: ['care'],
      summary: 'Nhận người bệnh vào cơ sở điều trị',
      description: 'Theo mã người hoặc mã ca bệnh; hết giường loại đó: 409 BEDS_FULL. F0 đang theo dõi tại nhà chuyển sang "đã chuyển cơ sở điều trị".',
      body: z.strictObject({
        facilityId: zId,
        personId: zId.optional(),
        caseId: zId.optional(),
        bedKind: zBedKind,
        severity: zSeverity.nullable().optional(),
        admittedOn: zIsoDate.optional(),
        note: zOptionalText(1000, 'Ghi chú'),
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await care.admit(ctxOf(req, 'care:write'), req.body)),
  })
  app.post('/api/care/admissions/:id/transfer', {
    config: { personal: true },
    schema: {
      tags: ['care'],
      summary: 'Chuyển tầng, chuyển cơ sở hoặc đổi loại giường',
      params: zIdParams,
      body: z.strictObject({ facilityId: zId, bedKind: zBedKind, on: zIsoDate.optional(), severity: zSeverity.nullable().optional(), note: zOptionalText(1000, 'Ghi chú') }),
    },
    handler: async (req) => care.transfer(ctxOf(req, 'care:write'), req.params.id, req.body),
  })
  app.post('/api/care/admissions/:id/discharge', {
    config: { personal: true },
    schema: {
      tags: ['care'],
      summary: 'Ra viện (khỏi bệnh, về theo dõi tại nhà, chuyển tỉnh) hoặc tử vong; kết quả ghi vào ca bệnh',
      params: zIdParams,
      body: z.strictObject({
        on: zIsoDate.optional(),
        outcome: z.enum(DISCHARGE_OUTCOME_KEYS, { error: 'Kết quả: recovered, home_care, transferred_out hoặc died.' }),
        transferredTo: zOptionalText(200, 'Nơi chuyển đến'),
        note: zOptionalText(1000, 'Ghi chú'),
      }),
    },
    handler: async (req) => care.discharge(ctxOf(req, 'care:write'), req.params.id, req.body),
  })

  app.get('/api/care/capacity', {
    schema: {
      tags: ['care'],
      summary: 'Tháp điều trị của một đơn vị: số giường và số người đang nằm theo tầng và loại giường',
      description:
        'capacity: [{tier, kind, beds, occupied}] của các cơ sở đang hoạt động đặt trong đơn vị (tính bằng SQL); homeCare: số F0 đang theo dõi tại nhà; freePer100k: giường trống trên 100.000 dân.',
      querystring: zUnitQuery,
    },
    handler: async (req) => care.capacityOf(ctxOf(req, 'care:read'), req.query),
  })
  app.get('/api/care/capacity/units', {
    schema: { tags: ['care'], summary: 'Giường, người đang nằm, giường trống trên 100.000 dân theo xã, phường của một đơn vị', querystring: zUnitQuery },
    handler: async (req) => care.capacityByUnit(ctxOf(req, 'care:read'), req.query),
  })
  app.get('/api/care/flows', {
    schema: {
      tags: ['care'],
      summary: 'Số nhập viện, chuyển tầng, ra viện, tử vong và F0 tại nhà bắt đầu, kết thúc trong khoảng ngày',
      querystring: z.strictObject({ unit: zUnitCode.optional(), from: zIsoDate.optional(), to: zIsoDate.optional() }),
    },
    handler: async (req) => care.flowsOf(ctxOf(req, 'care:read'), req.query),
  })

  app.post('/api/care/home', {
    config: { personal: true },
    schema: {
      tags: ['care'],
      summary: 'Đưa F0 vào theo dõi điều trị tại nhà (kiểm tra điều kiện theo quy định có hiệu lực)',
      description: 'Không đủ điều kiện: 422 NOT_ELIGIBLE với lý do (error.details.reasons). Trả về token đường dẫn cá nhân (chỉ hiện một lần).',
      body: z.strictObject({
        personId: zId.optional(),
        caseId: zId.optional(),
        stationId: zId,
        startedOn: zIsoDate.optional(),
        positiveOn: zIsoDate.optional(),
        facts: zFacts,
        note: zOptionalText(1000, 'Ghi chú'),
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await care.enrolHome(ctxOf(req, 'care:write'), req.body)),
  })
  app.get('/api/care/home', {
    config: { personal: true },
    schema: {
      tags: ['care'],
      summary: 'F0 theo dõi tại nhà của một xã, phường: lần đo gần nhất, việc cần xử lý đang mở',
      querystring: z.strictObject({ unitCode: zUnitCode.optional(), status: z.enum(['active', 'released', 'admitted', 'died']).optional(), ...zPage }),
    },
    handler: async (req) => care.listHome(ctxOf(req, 'care:read'), req.query),
  })
  app.get('/api/care/home/:id', {
    config: { personal: true },
    schema: { tags: ['care'], summary: 'Một F0 theo dõi tại nhà: các lần đo, việc cần xử lý, quy định áp dụng', params: zIdParams },
    handler: async (req) => care.getHome(ctxOf(req, 'care:read'), req.params.id),
  })
  app.post('/api/care/home/:id/checks', {
    config: { personal: true },
    schema: { tags: ['care'], summary: 'Trạm y tế nhập một lần đo hằng ngày; có dấu hiệu cảnh báo thì mở việc cần xử lý', params: zIdParams, body: zCheck },
    handler: async (req, reply) => reply.status(201).send(await care.addCheck(ctxOf(req, 'care:write'), req.params.id, req.body)),
  })
  app.post('/api/care/home/:id/link', {
    config: { personal: true },
    schema: { tags: ['care'], summary: 'Cấp lại đường dẫn cá nhân (đường dẫn cũ hết hiệu lực)', params: zIdParams, body: z.strictObject({}).nullish() },
    handler: async (req) => care.issueLink(ctxOf(req, 'care:write'), req.params.id),
  })
  app.post('/api/care/home/:id/release', {
    config: { personal: true },
    schema: {
      tags: ['care'],
      summary: 'Kết thúc cách ly tại nhà theo quy định có hiệu lực (đủ ngày, xét nghiệm âm tính)',
      description:
        'Chưa đủ điều kiện: 409 NOT_RELEASABLE với lý do. Không ghi xét nghiệm thì dùng kết quả âm tính gần nhất đã có trong sổ. Còn việc cần xử lý (cảnh báo) chưa đóng: 409 OPEN_ESCALATION, trừ khi closeOpenTask là true (việc được đóng cùng lúc, tên người đóng được ghi).',
      params: zIdParams,
      body: z.strictObject({
        on: zIsoDate.optional(),
        negativeTestOn: zIsoDate.nullable().optional(),
        negativeTestMethod: z.enum(['antigen', 'pcr']).nullable().optional(),
        closeOpenTask: z.boolean({ error: 'Đóng việc cần xử lý cùng lúc: true hoặc false.' }).optional(),
        taskNote: zOptionalText(1000, 'Cách xử lý việc cần xử lý'),
      }),
    },
    handler: async (req) => care.releaseHome(ctxOf(req, 'care:write'), req.params.id, req.body),
  })

  app.post('/api/care/home/:id/death', {
    config: { personal: true },
    schema: {
      tags: ['care'],
      summary: 'Ghi nhận F0 đang theo dõi tại nhà tử vong tại nhà (ngày, nguyên nhân, người báo); kết thúc theo dõi, ca bệnh chuyển tử vong',
      params: zIdParams,
      body: z.strictObject({ on: zIsoDate.optional(), cause: zText(500, 'Nguyên nhân tử vong'), reportedBy: zText(200, 'Người báo tử vong') }),
    },
    handler: async (req) => care.recordHomeDeath(ctxOf(req, 'care:write'), req.params.id, req.body),
  })

  app.get('/api/care/escalations', {
    config: { personal: true },
    schema: {
      tags: ['care'],
      summary: 'Việc cần xử lý: F0 tại nhà có dấu hiệu cảnh báo, hạn xử lý, người đóng',
      querystring: z.strictObject({ unitCode: zUnitCode.optional(), status: z.enum(['open', 'closed']).optional(), ...zPage }),
    },
    handler: async (req) => care.listEscalations(ctxOf(req, 'care:read'), req.query),
  })
  app.post('/api/care/escalations/:id/close', {
    config: { personal: true },
    schema: {
      tags: ['care'],
      summary: 'Đóng việc cần xử lý (ghi người đóng và cách xử lý)',
      params: zIdParams,
      body: z.strictObject({
        resolution: z.enum(ESCALATION_RESOLUTION_KEYS, { error: 'Cách xử lý: admitted, visited, false_alarm hoặc other.' }),
        note: zOptionalText(1000, 'Ghi chú'),
      }),
    },
    handler: async (req) => care.closeEscalation(ctxOf(req, 'care:write'), req.params.id, req.body),
  })

  app.get('/api/care/link/:token', {
    config: { public: true },
    schema: { tags: ['care'], summary: 'Biểu mẫu tự theo dõi của người bệnh (đường dẫn cá nhân): chỉ tên gọi, ngày thứ mấy, trạm y tế', params: zToken },
    handler: async (req) => {
      throttle(req, null)
      return care.linkInfo(linkCtx(req), req.params.token)
    },
  })
  app.post('/api/care/link/:token/checks', {
    config: { public: true },
    schema: { tags: ['care'], summary: 'Người bệnh gửi một lần đo qua đường dẫn cá nhân', params: zToken, body: zCheck },
    handler: async (req, reply) => {
      throttle(req, req.params.token)
      return reply.status(201).send(await care.linkCheck(linkCtx(req), req.params.token, req.body))
    },
  })
}
