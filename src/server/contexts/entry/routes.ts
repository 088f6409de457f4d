import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { CONFIDENCE_KEYS, CROSSING_KEYS, PORT_KIND_KEYS, REPORTER_KEYS, ZONE_MEASURE_KEYS } from '../../../domain/entry/codes.ts'
import { PUBLIC_LIMITS, abusiveText } from '../../../domain/entry/publicInput.ts'
import { STAGES, STEPS } from '../../../domain/entry/steps.ts'
import { publicContext, publicRateLimit } from '../../platform/publicRequest.ts'
import { type App, ctxOf, zId, zIdParams, zIsoDate, zUnitCode } from '../../platform/routes.ts'
import * as entry from './service.ts'

const text = (max: number, what: string) => z.string().trim().max(max, `${what} dài quá ${max} ký tự.`).nullable().optional()
const required = (max: number, what: string) =>
  z.string({ error: `${what} không được để trống.` }).trim().min(1, `${what} không được để trống.`).max(max, `${what} dài quá ${max} ký tự.`)
/** A free text of the public forms: limited, and refused when it is plainly abuse (links, markup, control characters). */
const publicText = (max: number, what: string) =>
  z
    .string({ error: `${what} phải là chữ.` })
    .trim()
    .max(max, `${what} dài quá ${max} ký tự.`)
    .superRefine((v, c) => {
      const why = abusiveText(v)
      if (why) c.addIssue({ code: 'custom', message: `${what}: ${why}` })
    })
const zPhone = z.string().trim().regex(/^\+?\d{8,15}$/, 'Số điện thoại gồm 8–15 chữ số.')
const zCountry = z.string().regex(/^[A-Z]{2}$/, 'Mã nước gồm 2 chữ in hoa (ISO 3166), ví dụ KH, TH, KR.')
const zBirthYear = z.number({ error: 'Năm sinh phải là một số.' }).int('Năm sinh là số nguyên.').min(1900, 'Năm sinh từ 1900.').max(2100, 'Năm sinh không hợp lệ.')
const zSex = z.enum(['male', 'female', 'other'], { error: 'Giới tính: male (nam), female (nữ) hoặc other.' })
const zCccd = z.string().regex(/^\d{12}$/, 'Số CCCD gồm 12 chữ số.')
const zPassport = z.string().trim().regex(/^[A-Za-z0-9]{5,20}$/, 'Số hộ chiếu gồm 5–20 chữ và số.')
const zLimit = z.coerce.number().int().min(1, 'Số dòng mỗi trang từ 1.').max(500, 'Số dòng mỗi trang không quá 500.').default(100)
const zOffset = z.coerce.number().int().min(0).max(1_000_000).default(0)
const zLon = z.number({ error: 'Kinh độ phải là một số.' }).min(-180, 'Kinh độ từ -180.').max(180, 'Kinh độ đến 180.').nullable().optional()
const zLat = z.number({ error: 'Vĩ độ phải là một số.' }).min(-90, 'Vĩ độ từ -90.').max(90, 'Vĩ độ đến 90.').nullable().optional()
const zInstant = z.iso.datetime({ offset: true, error: 'Thời điểm theo dạng ISO 8601, ví dụ 2026-11-26T21:30:00+07:00.' })
const zCount = (what: string, max: number) => z.number({ error: `${what} phải là một số.` }).int(`${what} là số nguyên.`).min(0, `${what} không được âm.`).max(max, `${what} không quá ${max}.`)
const zConfidence = z.enum(CONFIDENCE_KEYS, { error: 'Độ tin cậy: verified, secondary hoặc unverified.' })
const zMeasure = z.enum(ZONE_MEASURE_KEYS, { error: 'Biện pháp: facility (cách ly tập trung), home (tại nhà) hoặc monitoring (theo dõi).' })
const zOrigin = z.enum(['abroad', 'domestic'], { error: 'Nơi đi: abroad (nước ngoài) hoặc domestic (trong nước).' })
const zCrossing = z.enum(CROSSING_KEYS, { error: 'Cách vượt biên: on_foot, boat, vehicle, other hoặc unknown.' })

const zArrivalCore = {
  fullName: required(120, 'Họ và tên'),
  birthYear: zBirthYear.nullable().optional(),
  sex: zSex.nullable().optional(),
  nationalId: zCccd.nullable().optional(),
  passportNo: zPassport.nullable().optional(),
  nationality: zCountry.optional(),
  phone: zPhone.nullable().optional(),
  unitCode: zUnitCode,
  stayAddress: required(300, 'Địa chỉ lưu trú'),
  originKind: zOrigin,
  originCountry: zCountry.nullable().optional(),
  originUnitCode: zUnitCode.nullable().optional(),
  originPlace: text(200, 'Nơi đi'),
  portId: zId.nullable().optional(),
  arrivedOn: zIsoDate,
  transport: text(100, 'Phương tiện, số hiệu chuyến'),
  vaccinated: z.boolean({ error: 'Đã tiêm đủ liều: true hoặc false.' }).optional(),
}

const zPublicArrival = z.strictObject({
  fullName: publicText(120, 'Họ và tên').pipe(z.string().min(2, 'Họ và tên quá ngắn.')),
  birthYear: zBirthYear,
  sex: zSex.nullable().optional(),
  nationalId: zCccd.nullable().optional(),
  passportNo: zPassport.nullable().optional(),
  nationality: zCountry.optional(),
  phone: zPhone,
  unitCode: zUnitCode,
  stayAddress: publicText(300, 'Địa chỉ lưu trú').pipe(z.string().min(3, 'Hãy ghi địa chỉ nơi lưu trú.')),
  originKind: zOrigin,
  originCountry: zCountry.nullable().optional(),
  originUnitCode: zUnitCode.nullable().optional(),
  originPlace: publicText(200, 'Nơi đi').nullable().optional(),
  portId: zId.nullable().optional(),
  arrivedOn: zIsoDate,
  transport: publicText(100, 'Phương tiện, số hiệu chuyến').nullable().optional(),
  vaccinated: z.boolean().optional(),
  declaredBy: z.enum(['self', 'host'], { error: 'Người khai: self (tự khai) hoặc host (chủ nhà, cơ sở lưu trú).' }).optional(),
  declarantName: publicText(120, 'Tên người khai báo').nullable().optional(),
  declarantPhone: zPhone.nullable().optional(),
  /** Left empty by people; filled by robots. */
  website: z.string().max(200, 'Nội dung gửi lên không hợp lệ.').optional(),
})

const zPublicReport = z.strictObject({
  unitCode: zUnitCode,
  point: publicText(200, 'Địa điểm cụ thể').nullable().optional(),
  occurredAt: zInstant,
  peopleCount: z.number({ error: 'Số người phải là một số.' }).int('Số người là số nguyên.').min(1, 'Số người ít nhất là 1.').max(200, 'Số người không quá 200 (đông hơn hãy gọi ngay Biên phòng, Công an).'),
  crossing: zCrossing,
  guidedBy: publicText(300, 'Người dẫn đường').nullable().optional(),
  shelteredBy: publicText(300, 'Người cho ở nhờ, chứa chấp').nullable().optional(),
  description: publicText(1000, 'Mô tả').nullable().optional(),
  reporterName: publicText(120, 'Tên người báo tin').nullable().optional(),
  reporterPhone: zPhone.nullable().optional(),
  website: z.string().max(200, 'Nội dung gửi lên không hợp lệ.').optional(),
})

const zCase = z.strictObject({
  unitCode: zUnitCode,
  point: text(200, 'Địa điểm cụ thể'),
  lon: zLon,
  lat: zLat,
  occurredAt: zInstant,
  reportedBy: z.enum(REPORTER_KEYS, { error: 'Nơi báo: border_guard, police hoặc commune.' }),
  reporterOrgId: zId.nullable().optional(),
  reporterName: text(120, 'Người báo'),
  reporterPhone: zPhone.nullable().optional(),
  peopleCount: z.number({ error: 'Số người phải là một số.' }).int('Số người là số nguyên.').min(1, 'Số người ít nhất là 1.').max(1000, 'Số người không quá 1.000.'),
  crossing: zCrossing,
  crossingNote: text(500, 'Ghi chú cách vượt biên'),
  guidedBy: text(300, 'Người dẫn đường'),
  shelteredBy: text(300, 'Người cho ở nhờ, chứa chấp'),
  foundLiving: z.boolean().optional(),
  description: text(2000, 'Mô tả'),
})

/** The use-case context of a public form: the session's when signed in, else an anonymous caller with no jurisdiction. */
const publicCtx = publicContext({ username: 'bieu-mau-cong-khai', displayName: 'Người dân (biểu mẫu công khai)' })

const RECEIVED = {
  arrival: 'Đã nhận khai báo. Trạm y tế xã, phường nơi bạn lưu trú sẽ liên hệ nếu cần cách ly hoặc theo dõi sức khỏe. Cảm ơn bạn.',
  report: 'Đã nhận tin báo. Cơ quan chức năng sẽ xác minh. Cảm ơn bạn đã chung tay phòng, chống dịch.',
}

export function entryRoutes(app: App): void {
  // Each public form counts submissions (good or bad) per address, and all of them together.
  const limiter = () =>
    publicRateLimit(PUBLIC_LIMITS, (minutes) => `Bạn đã gửi quá nhiều lần. Vui lòng đợi ${minutes} phút rồi thử lại; việc khẩn cấp hãy gọi trạm y tế, Công an hoặc Biên phòng.`)
  const limits = { arrival: limiter(), report: limiter() }
  const throttle = (form: keyof typeof limits) => async (req: FastifyRequest) => limits[form](req)

  // --- Public forms ---
  app.get('/api/public/entry/options', {
    config: { public: true },
    schema: { tags: ['public'], summary: 'Danh mục cho biểu mẫu công khai: xã, phường của tỉnh, tỉnh thành, cửa khẩu, vùng dịch đang công bố' },
    handler: async (req, reply) => reply.header('cache-control', 'public, max-age=300').send(await entry.publicOptions(publicCtx(req), req.server.deps.provinceCode)),
  })
  app.post('/api/public/entry/arrivals', {
    config: { public: true },
    bodyLimit: PUBLIC_LIMITS.bodyBytes,
    onRequest: throttle('arrival'),
    schema: {
      tags: ['public'],
      summary: 'Khai báo y tế khi đến địa phương (từ nước ngoài, từ vùng dịch) — không cần đăng nhập',
      description: 'Giới hạn số lần gửi theo địa chỉ; không trả lại thông tin cá nhân. Khai báo trùng (cùng tên, số điện thoại, ngày đến, xã) không ghi thêm.',
      body: zPublicArrival,
    },
    handler: async (req, reply) => {
      const { website, ...input } = req.body
      if (!website) await entry.declarePublic(publicCtx(req), input, req.server.deps.provinceCode)
      return reply.status(202).send({ ok: true, message: RECEIVED.arrival })
    },
  })
  app.post('/api/public/entry/illegal', {
    config: { public: true },
    bodyLimit: PUBLIC_LIMITS.bodyBytes,
    onRequest: throttle('report'),
    schema: { tags: ['public'], summary: 'Người dân báo tin người nhập cảnh trái phép — không cần đăng nhập', description: 'Giới hạn số lần gửi; tên và số điện thoại người báo không bắt buộc và không được trả lại.', body: zPublicReport },
    handler: async (req, reply) => {
      const { website, ...input } = req.body
      if (!website) await entry.reportPublic(publicCtx(req), input, req.server.deps.provinceCode)
      return reply.status(202).send({ ok: true, message: RECEIVED.report })
    },
  })

  // --- Zones and ports ---
  app.get('/api/entry/zones', {
    schema: { tags: ['entry'], summary: 'Vùng dịch trong nước theo thời gian (nơi, từ ngày, đến ngày, biện pháp, căn cứ)', querystring: z.strictObject({ at: zIsoDate.optional() }) },
    handler: async (req) => entry.listZones(ctxOf(req, 'entry:read'), req.query),
  })
  const zZone = {
    placeName: required(200, 'Tên vùng dịch'),
    validFrom: zIsoDate,
    validTo: zIsoDate.nullable().optional(),
    measure: zMeasure,
    monitoringDays: zCount('Số ngày theo dõi', 60).optional(),
    source: required(500, 'Căn cứ (văn bản)'),
    confidence: zConfidence,
    note: text(2000, 'Ghi chú'),
  }
  app.post('/api/entry/zones', {
    schema: { tags: ['entry'], summary: 'Ghi một vùng dịch có thời hạn (dữ liệu của tỉnh)', body: z.strictObject({ ...zZone, zoneUnitCode: zUnitCode.nullable().optional() }) },
    handler: async (req, reply) => reply.status(201).send(await entry.createZone(ctxOf(req, 'entry:rules'), req.body)),
  })
  app.patch('/api/entry/zones/:id', {
    schema: { tags: ['entry'], summary: 'Sửa vùng dịch (ngày kết thúc, biện pháp, căn cứ)', params: zIdParams, body: z.strictObject(zZone).partial() },
    handler: async (req) => entry.updateZone(ctxOf(req, 'entry:rules'), req.params.id, req.body),
  })
  app.get('/api/entry/ports', {
    schema: { tags: ['entry'], summary: 'Cửa khẩu, cảng hàng không, cảng biển, lối mở của tỉnh' },
    handler: async (req) => entry.listPorts(ctxOf(req, 'entry:read')),
  })
  app.post('/api/entry/ports', {
    schema: {
      tags: ['entry'],
      summary: 'Thêm cửa khẩu, cảng',
      body: z.strictObject({
        code: z.string().regex(/^[A-Z0-9-]{2,20}$/, 'Mã gồm 2–20 chữ in hoa, số hoặc dấu gạch.'),
        name: required(200, 'Tên'),
        kind: z.enum(PORT_KIND_KEYS, { error: 'Loại: airport, seaport, border_gate hoặc crossing.' }),
        unitCode: zUnitCode,
        lon: zLon,
        lat: zLat,
        source: text(500, 'Nguồn'),
        note: text(1000, 'Ghi chú'),
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await entry.createPort(ctxOf(req, 'entry:rules'), req.body)),
  })
  app.patch('/api/entry/ports/:id', {
    schema: {
      tags: ['entry'],
      summary: 'Sửa cửa khẩu, cảng (tên, loại, vị trí, nguồn) hoặc đóng, mở lại (active)',
      params: zIdParams,
      body: z.strictObject({
        name: required(200, 'Tên').optional(),
        kind: z.enum(PORT_KIND_KEYS, { error: 'Loại: airport, seaport, border_gate hoặc crossing.' }).optional(),
        lon: zLon,
        lat: zLat,
        active: z.boolean({ error: 'Đang hoạt động: true hoặc false.' }).optional(),
        source: text(500, 'Nguồn'),
        note: text(1000, 'Ghi chú'),
      }),
    },
    handler: async (req) => entry.updatePort(ctxOf(req, 'entry:rules'), req.params.id, req.body),
  })

  // --- Arrivals ---
  app.get('/api/entry/arrivals', {
    config: { personal: true },
    schema: {
      tags: ['entry'],
      summary: 'Người đến địa phương: nơi lưu trú, nơi đi, và việc cách ly hoặc theo dõi mà quy định yêu cầu',
      querystring: z.strictObject({
        unitCode: zUnitCode.optional(),
        from: zIsoDate.optional(),
        to: zIsoDate.optional(),
        status: z.enum(['new', 'placed', 'monitoring', 'no_action']).optional(),
        originKind: zOrigin.optional(),
        limit: zLimit,
        offset: zOffset,
      }),
    },
    handler: async (req) => entry.listArrivals(ctxOf(req, 'entry:read'), req.query),
  })
  app.post('/api/entry/arrivals', {
    config: { personal: true },
    schema: {
      tags: ['entry'],
      summary: 'Xã, phường hoặc chủ nhà ghi người đến',
      body: z.strictObject({ ...zArrivalCore, declaredBy: z.enum(['host', 'commune']).optional(), declarantName: text(120, 'Tên người khai báo'), declarantPhone: zPhone.nullable().optional() }),
    },
    handler: async (req, reply) => reply.status(201).send(await entry.recordArrival(ctxOf(req, 'entry:write'), req.body)),
  })
  app.get('/api/entry/arrivals/:id', {
    config: { personal: true },
    schema: { tags: ['entry'], summary: 'Một người đến và việc phải làm', params: zIdParams },
    handler: async (req) => entry.getArrival(ctxOf(req, 'entry:read'), req.params.id),
  })
  app.post('/api/entry/arrivals/:id/act', {
    config: { personal: true },
    schema: {
      tags: ['entry'],
      summary: 'Tạo việc cách ly hoặc theo dõi theo quy định trong một thao tác',
      description: 'Tìm hoặc tạo người trong sổ (trùng lặp: 409 với danh sách), rồi đưa vào cách ly qua phân hệ cách ly theo quy định có hiệu lực ngày đến, hoặc ghi thời gian theo dõi.',
      params: zIdParams,
      body: z.strictObject({
        personId: zId.nullable().optional(),
        confirmedNew: z.boolean().optional(),
        facilityId: zId.nullable().optional(),
        roomId: zId.nullable().optional(),
        setting: z.enum(['facility', 'home', 'accommodation']).optional(),
        note: text(1000, 'Ghi chú'),
      }),
    },
    handler: async (req) => entry.actOnArrival(ctxOf(req, 'entry:write'), req.params.id, req.body),
  })

  // --- Checkpoints ---
  app.get('/api/entry/checkpoints', {
    schema: {
      tags: ['entry'],
      summary: 'Chốt kiểm tra y tế: trạng thái, nhân lực trực và nhật ký của một ngày',
      querystring: z.strictObject({ unitCode: zUnitCode.optional(), day: zIsoDate.optional(), active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(), limit: zLimit, offset: zOffset }),
    },
    handler: async (req) => entry.listCheckpoints(ctxOf(req, 'entry:read'), req.query),
  })
  app.post('/api/entry/checkpoints', {
    schema: {
      tags: ['entry'],
      summary: 'Lập chốt kiểm tra y tế',
      body: z.strictObject({
        name: required(200, 'Tên chốt'),
        unitCode: zUnitCode,
        location: text(300, 'Vị trí'),
        lon: zLon,
        lat: zLat,
        orgId: zId.nullable().optional(),
        activeFrom: zIsoDate.nullable().optional(),
        decision: text(300, 'Quyết định'),
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await entry.createCheckpoint(ctxOf(req, 'entry:write'), req.body)),
  })
  app.get('/api/entry/checkpoints/:id', {
    schema: { tags: ['entry'], summary: 'Một chốt: kích hoạt, dừng, nhân lực, nhật ký hằng ngày', params: zIdParams, querystring: z.strictObject({ from: zIsoDate.optional(), to: zIsoDate.optional() }) },
    handler: async (req) => entry.getCheckpoint(ctxOf(req, 'entry:read'), req.params.id, req.query),
  })
  app.patch('/api/entry/checkpoints/:id', {
    schema: {
      tags: ['entry'],
      summary: 'Sửa chốt kiểm tra y tế (tên, vị trí, cơ quan phụ trách)',
      params: zIdParams,
      body: z.strictObject({ name: required(200, 'Tên chốt').optional(), location: text(300, 'Vị trí'), lon: zLon, lat: zLat, orgId: zId.nullable().optional() }),
    },
    handler: async (req) => entry.updateCheckpoint(ctxOf(req, 'entry:write'), req.params.id, req.body),
  })
  app.post('/api/entry/checkpoints/:id/activation', {
    schema: { tags: ['entry'], summary: 'Kích hoạt hoặc dừng chốt từ một ngày', params: zIdParams, body: z.strictObject({ active: z.boolean({ error: 'Kích hoạt: true hoặc false.' }), on: zIsoDate, decision: text(300, 'Quyết định') }) },
    handler: async (req) => entry.setCheckpointActive(ctxOf(req, 'entry:write'), req.params.id, req.body),
  })
  app.post('/api/entry/checkpoints/:id/staff', {
    schema: {
      tags: ['entry'],
      summary: 'Bố trí người trực chốt',
      params: zIdParams,
      body: z.strictObject({ name: required(120, 'Họ tên'), role: required(120, 'Nhiệm vụ'), orgId: zId.nullable().optional(), phone: zPhone.nullable().optional(), fromOn: zIsoDate, toOn: zIsoDate.nullable().optional() }),
    },
    handler: async (req) => entry.addStaff(ctxOf(req, 'entry:write'), req.params.id, req.body),
  })
  app.patch('/api/entry/checkpoints/:id/staff/:staffId', {
    schema: {
      tags: ['entry'],
      summary: 'Sửa người trực chốt (nhiệm vụ, điện thoại, thời gian) hoặc kết thúc trực (ngày cuối)',
      params: z.strictObject({ id: zId, staffId: zId }),
      body: z.strictObject({ role: required(120, 'Nhiệm vụ').optional(), phone: zPhone.nullable().optional(), orgId: zId.nullable().optional(), fromOn: zIsoDate.optional(), toOn: zIsoDate.nullable().optional() }),
    },
    handler: async (req) => entry.updateStaff(ctxOf(req, 'entry:write'), req.params.id, req.params.staffId, req.body),
  })
  app.put('/api/entry/checkpoints/:id/logs/:day', {
    schema: {
      tags: ['entry'],
      summary: 'Nhật ký một ngày của chốt: người, phương tiện đã kiểm tra, người chuyển đi cách ly',
      params: z.strictObject({ id: zId, day: zIsoDate }),
      body: z.strictObject({ peopleChecked: zCount('Số người kiểm tra', 1_000_000), vehiclesChecked: zCount('Số phương tiện kiểm tra', 1_000_000), sentToQuarantine: zCount('Số người chuyển cách ly', 100_000), note: text(1000, 'Ghi chú') }),
    },
    handler: async (req) => entry.recordLog(ctxOf(req, 'entry:write'), req.params.id, { ...req.body, day: req.params.day }),
  })

  // --- Illegal entry ---
  app.get('/api/entry/illegal', {
    schema: {
      tags: ['entry'],
      summary: 'Các vụ nhập cảnh trái phép: nơi, thời điểm, số người, bước đang ở',
      querystring: z.strictObject({ unitCode: zUnitCode.optional(), from: zIsoDate.optional(), to: zIsoDate.optional(), stage: z.enum(STAGES).optional(), limit: zLimit, offset: zOffset }),
    },
    handler: async (req) => entry.listCases(ctxOf(req, 'entry:read'), req.query),
  })
  app.post('/api/entry/illegal', {
    schema: { tags: ['entry'], summary: 'Biên phòng, Công an hoặc xã ghi một vụ nhập cảnh trái phép', body: zCase },
    handler: async (req, reply) => reply.status(201).send(await entry.reportCase(ctxOf(req, 'entry:write'), req.body)),
  })
  const zWeekQuery = z.strictObject({ unitCode: zUnitCode.optional(), from: zIsoDate.optional(), to: zIsoDate.optional() })
  app.get('/api/entry/illegal/weekly', {
    schema: { tags: ['entry'], summary: 'Số vụ và số người nhập cảnh trái phép theo tuần và theo xã biên giới', querystring: zWeekQuery },
    handler: async (req) => entry.weeklyCounts(ctxOf(req, 'entry:read'), req.query),
  })
  app.get('/api/entry/illegal/map', {
    schema: { tags: ['entry'], summary: 'Bản đồ: các xã với số vụ, số người; vị trí các vụ; cửa khẩu', querystring: zWeekQuery },
    handler: async (req) => entry.caseMap(ctxOf(req, 'entry:read'), req.query),
  })
  app.get('/api/entry/illegal/heads', {
    schema: { tags: ['entry'], summary: 'Người đứng đầu địa phương, cơ quan chịu trách nhiệm khi người nhập cảnh trái phép sinh sống không bị phát hiện', querystring: z.strictObject({ unitCode: zUnitCode.optional(), limit: zLimit, offset: zOffset }) },
    handler: async (req) => entry.listHeads(ctxOf(req, 'entry:read'), req.query),
  })
  app.get('/api/entry/illegal/:id', {
    config: { personal: true },
    schema: { tags: ['entry'], summary: 'Một vụ: diễn biến các bước, người liên quan, nơi cách ly', params: zIdParams },
    handler: async (req) => entry.getCase(ctxOf(req, 'entry:read'), req.params.id),
  })
  app.post('/api/entry/illegal/:id/steps', {
    config: { personal: true },
    schema: {
      tags: ['entry'],
      summary: 'Ghi bước tiếp theo (chặn giữ → bàn giao → đưa vào cách ly → kết quả xử lý) do một cơ quan thực hiện, có thời điểm',
      params: zIdParams,
      body: z.strictObject({
        step: z.enum(STEPS, { error: 'Bước: interception, handover, placement hoặc outcome.' }),
        orgId: zId,
        at: zInstant,
        toOrgId: zId.nullable().optional(),
        outcome: text(2000, 'Kết quả'),
        note: text(2000, 'Ghi chú'),
        foundLiving: z.boolean().optional(),
        accountableOrgIds: z.array(zId).max(20, 'Không quá 20 cơ quan.').optional(),
      }),
    },
    handler: async (req) => entry.recordStep(ctxOf(req, 'entry:write'), req.params.id, req.body),
  })
  app.post('/api/entry/illegal/:id/people', {
    config: { personal: true },
    schema: {
      tags: ['entry'],
      summary: 'Thêm một người của vụ việc (người đã có trong sổ, hoặc ghi mới)',
      params: zIdParams,
      body: z.union([
        z.strictObject({ personId: zId }),
        z.strictObject({
          person: z.strictObject({ fullName: required(120, 'Họ và tên'), birthYear: zBirthYear.nullable().optional(), sex: zSex.nullable().optional(), nationality: zCountry.optional(), passportNo: zPassport.nullable().optional(), nationalId: zCccd.nullable().optional() }),
          confirmedNew: z.boolean().optional(),
        }),
      ]),
    },
    handler: async (req) => entry.addCasePerson(ctxOf(req, 'entry:write'), req.params.id, req.body),
  })
  app.post('/api/entry/illegal/:id/placements', {
    config: { personal: true },
    schema: {
      tags: ['entry'],
      summary: 'Đưa một người của vụ việc vào cơ sở cách ly (qua phân hệ cách ly; cảnh báo khi cơ sở sắp đầy, đã đầy)',
      params: zIdParams,
      body: z.strictObject({ personId: zId, facilityId: zId, roomId: zId.nullable().optional(), orgId: zId, at: zInstant, vaccinated: z.boolean().optional() }),
    },
    handler: async (req) => entry.placeCasePerson(ctxOf(req, 'entry:write'), req.params.id, req.body),
  })
}
