import { z } from 'zod'
import { BAND_KEYS, FACILITY_KINDS } from '../../../domain/safety/checklist.ts'
import { CONTACT_PATTERN, PUBLIC_FORM_LIMITS } from '../../../domain/safety/limits.ts'
import { formatBytes } from '../../../domain/files/limits.ts'
import { AppError, badRequest } from '../../platform/errors.ts'
import { readStoredFile } from '../../platform/fileStore.ts'
import { publicContext, publicRateLimit } from '../../platform/publicRequest.ts'
import { type App, attachment, ctxOf, zId, zIdParams, zUnitCode } from '../../platform/routes.ts'
import { startImport } from './imports.ts'
import * as pub from './public.ts'
import * as safety from './service.ts'

const zText = (max: number, what: string) =>
  z.string({ error: `${what} không được để trống.` }).trim().min(1, `${what} không được để trống.`).max(max, `${what} dài quá ${max} ký tự.`)
const zOptionalText = (max: number, what: string) => z.string().trim().max(max, `${what} dài quá ${max} ký tự.`).nullable().optional()
const zCount = (what: string, max: number) =>
  z.number({ error: `${what} phải là một số.` }).int(`${what} phải là số nguyên.`).min(0, `${what} không được âm.`).max(max, `${what} quá lớn (tối đa ${max}).`).nullable().optional()
const zPage = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
}
const zKind = z.enum(FACILITY_KINDS, { error: `Loại cơ sở phải là một trong: ${FACILITY_KINDS.join(', ')}.` })
/** Answers: item id → option id, at most 200 items. */
const zAnswers = z
  .record(z.string().max(40, 'Mã tiêu chí dài quá 40 ký tự.'), z.string({ error: 'Mỗi câu trả lời là mã một lựa chọn.' }).max(40, 'Mã lựa chọn dài quá 40 ký tự.'), {
    error: 'Câu trả lời phải là một bảng "mã tiêu chí": "mã lựa chọn".',
  })
  .refine((a) => Object.keys(a).length <= 200, 'Tối đa 200 câu trả lời.')

const zFacility = {
  name: zText(300, 'Tên cơ sở'),
  kind: zKind,
  unitCode: zUnitCode,
  address: zOptionalText(500, 'Địa chỉ'),
  lon: z.number({ error: 'Kinh độ phải là một số.' }).min(-180, 'Kinh độ từ -180 đến 180.').max(180, 'Kinh độ từ -180 đến 180.').nullable().optional(),
  lat: z.number({ error: 'Vĩ độ phải là một số.' }).min(-90, 'Vĩ độ từ -90 đến 90.').max(90, 'Vĩ độ từ -90 đến 90.').nullable().optional(),
  headName: zOptionalText(200, 'Người đứng đầu'),
  headPhone: z.string().trim().regex(/^\+?\d{8,15}$/, 'Số điện thoại người đứng đầu không hợp lệ.').nullable().optional(),
  workers: zCount('Số lao động', 1_000_000),
  students: zCount('Số học sinh', 1_000_000),
  rooms: zCount('Số phòng', 100_000),
  dailyVisitors: zCount('Số khách mỗi ngày', 10_000_000),
  checklistKey: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'Mã bộ tiêu chí không hợp lệ.').nullable().optional(),
}

const zToken = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'Đường dẫn tự đánh giá không đúng. Hãy quét lại mã QR niêm yết tại cơ sở.') })
const zProof = z.string({ error: 'Thiếu xác nhận liên hệ.' }).regex(/^[A-Za-z0-9_-]{20,100}$/, 'Xác nhận liên hệ không đúng. Hãy nhận mã xác nhận mới.')
const zContact = z
  .string({ error: 'Hãy nhập số điện thoại hoặc thư điện tử để nhận mã xác nhận.' })
  .trim()
  .max(254, 'Liên hệ dài quá 254 ký tự.')
  .refine((v) => CONTACT_PATTERN.test(v.replace(/[\s.()-]/g, '')) || CONTACT_PATTERN.test(v), 'Liên hệ phải là số điện thoại (ví dụ 0912345678) hoặc địa chỉ thư điện tử.')

const zBbox = z
  .string()
  .max(200)
  .transform((v, ctx) => {
    const parts = v.split(',').map((x) => Number(x))
    const [minLon, minLat, maxLon, maxLat] = parts
    if (parts.length !== 4 || parts.some((x) => !Number.isFinite(x))) {
      ctx.addIssue({ code: 'custom', message: 'bbox là minLon,minLat,maxLon,maxLat (bốn số).' })
      return z.NEVER
    }
    if (minLon! > maxLon! || minLat! > maxLat! || minLon! < -180 || maxLon! > 180 || minLat! < -90 || maxLat! > 90) {
      ctx.addIssue({ code: 'custom', message: 'bbox không hợp lệ: cần minLon ≤ maxLon, minLat ≤ maxLat trong giới hạn kinh độ, vĩ độ.' })
      return z.NEVER
    }
    return { minLon: minLon!, minLat: minLat!, maxLon: maxLon!, maxLat: maxLat! }
  })

/** The context of a request through a facility's link: the signed-in user when there is one, else the facility, unnamed. */
const linkCtx = publicContext({ username: 'tu-danh-gia-co-so', displayName: 'Cơ sở tự đánh giá (đường dẫn)' })
const publicCtx = linkCtx

/** Room for the multipart envelope around a photo. */
const ENVELOPE = 16 * 1024

export function safetyRoutes(app: App): void {
  // The public form: requests per address (any link, right or wrong) and per link, in sliding windows.
  const throttle = publicRateLimit(PUBLIC_FORM_LIMITS, (minutes) => `Gửi quá nhiều lần. Vui lòng đợi ${minutes} phút rồi thử lại.`)

  // --- Checklists ---
  app.get('/api/safety/checklists', {
    schema: { tags: ['safety'], summary: 'Các bộ tiêu chí an toàn COVID-19 (phiên bản mới nhất của mỗi bộ: quốc gia và của tỉnh), nguồn, mức đầy đủ, cách xếp mức' },
    handler: async (req) => safety.listChecklists(ctxOf(req, 'safety:read')),
  })
  app.get('/api/safety/checklists/:id', {
    schema: { tags: ['safety'], summary: 'Một phiên bản bộ tiêu chí: tiêu chí, lựa chọn, điểm, tiêu chí bắt buộc, cách xếp mức; các phiên bản khác', params: zIdParams },
    handler: async (req) => safety.getChecklist(ctxOf(req, 'safety:read'), req.params.id),
  })
  app.post('/api/safety/checklists', {
    schema: {
      tags: ['safety'],
      summary: 'Lưu bộ tiêu chí của tỉnh thành phiên bản mới (sửa bộ có sẵn hoặc thêm bộ mới), có ghi lý do',
      description: 'checklist theo cấu trúc của GET /api/safety/checklists/:id (trường version do hệ thống đặt). Bộ chưa hợp lệ: 422 CHECKLIST_INVALID với từng lỗi (error.details.problems).',
      body: z.strictObject({ checklist: z.record(z.string(), z.unknown(), { error: 'Bộ tiêu chí phải là một đối tượng JSON.' }), reason: zText(1000, 'Lý do sửa') }),
    },
    handler: async (req, reply) => reply.status(201).send(await safety.saveChecklist(ctxOf(req, 'safety:rules'), req.body)),
  })

  // --- Facilities ---
  app.get('/api/safety/facilities', {
    config: { personal: true },
    schema: {
      tags: ['safety'],
      summary: 'Danh sách cơ sở (tìm theo tên, địa chỉ; lọc theo loại, mức kết quả) kèm người đứng đầu',
      querystring: z.strictObject({
        unitCode: zUnitCode.optional(),
        q: z.string().trim().max(100).optional(),
        kind: zKind.optional(),
        band: z.enum(['none', ...BAND_KEYS] as [string, ...string[]], { error: 'Mức kết quả không có trong danh mục.' }).optional(),
        ...zPage,
      }),
    },
    handler: async (req) => safety.listFacilities(ctxOf(req, 'safety:read'), req.query),
  })
  app.post('/api/safety/facilities', {
    config: { personal: true },
    schema: {
      tags: ['safety'],
      summary: 'Đăng ký một cơ sở',
      description: 'Cơ sở cùng xã có tên và địa chỉ gần giống: 409 DUPLICATE_CANDIDATES (error.details.candidates) trừ khi gửi confirmedNew.',
      body: z.strictObject({ ...zFacility, confirmedNew: z.boolean().optional() }),
    },
    handler: async (req, reply) => reply.status(201).send(await safety.createFacility(ctxOf(req, 'safety:write'), req.body)),
  })
  app.get('/api/safety/facilities/:id', {
    config: { personal: true },
    schema: { tags: ['safety'], summary: 'Một cơ sở: người đứng đầu, đường dẫn tự đánh giá, kết quả đang hiển thị, các lần đánh giá và ảnh', params: zIdParams },
    handler: async (req) => safety.getFacility(ctxOf(req, 'safety:read'), req.params.id),
  })
  app.patch('/api/safety/facilities/:id', {
    config: { personal: true },
    schema: {
      tags: ['safety'],
      summary: 'Sửa thông tin cơ sở, đóng hoặc mở lại',
      params: zIdParams,
      body: z.strictObject({ ...zFacility, status: z.enum(['active', 'closed'], { error: 'Trạng thái: active hoặc closed.' }) }).partial(),
    },
    handler: async (req) => safety.updateFacility(ctxOf(req, 'safety:write'), req.params.id, req.body),
  })
  app.post('/api/safety/facilities/:id/link', {
    config: { personal: true },
    schema: { tags: ['safety'], summary: 'Cấp đường dẫn (mã QR) tự đánh giá mới; đường dẫn và áp phích cũ hết hiệu lực', params: zIdParams, body: z.strictObject({}).nullish() },
    handler: async (req) => safety.issueLink(ctxOf(req, 'safety:write'), req.params.id),
  })
  app.get('/api/safety/facilities/:id/poster', {
    config: { personal: true },
    schema: { tags: ['safety'], summary: 'Nội dung áp phích A4 của cơ sở: kết quả, hiệu lực, đường dẫn cho mã QR', params: zIdParams },
    handler: async (req) => safety.poster(ctxOf(req, 'safety:read'), req.params.id),
  })
  app.get('/api/safety/duplicates', {
    schema: { tags: ['safety'], summary: 'Các cặp cơ sở trùng tên và địa chỉ (sau khi bỏ dấu) trong một đơn vị', querystring: z.strictObject({ unitCode: zUnitCode.optional() }) },
    handler: async (req) => safety.duplicateFacilities(ctxOf(req, 'safety:read'), req.query),
  })
  app.post('/api/safety/imports', {
    schema: {
      tags: ['safety'],
      summary: 'Nhập danh sách cơ sở từ tệp .xlsx hoặc .csv đã gửi (công việc nền, có tiến độ và tệp lỗi)',
      description:
        'Cột: Tên cơ sở, Loại, Mã xã (bắt buộc); Địa chỉ, Kinh độ, Vĩ độ, Người đứng đầu, Điện thoại, Số lao động, Số học sinh, Số phòng, Khách mỗi ngày. Dòng lỗi hoặc trùng tên và địa chỉ được ghi vào tệp lỗi (GET /api/jobs/:id/file).',
      body: z.strictObject({ uploadId: zId }),
    },
    handler: async (req, reply) => {
      const job = await startImport(ctxOf(req, 'safety:import'), req.body.uploadId)
      req.server.deps.jobs.wake()
      return reply.status(202).send(job)
    },
  })

  // --- Assessments ---
  app.post('/api/safety/assessments', {
    config: { personal: true },
    schema: {
      tags: ['safety'],
      summary: 'Chấm và lưu một lần đánh giá của cơ sở theo bộ tiêu chí của nó',
      description: 'Trả về {points, max, percent, band, critical: []} cùng hiệu lực. Câu trả lời sai (tiêu chí lạ, lựa chọn không được phép, thiếu tiêu chí): 422 ANSWERS_INVALID, không lưu gì.',
      body: z.strictObject({ facilityId: zId, checklistId: zId.optional(), answers: zAnswers, note: zOptionalText(2000, 'Ghi chú') }),
    },
    handler: async (req, reply) => reply.status(201).send(await safety.assess(ctxOf(req, 'safety:write'), req.body)),
  })
  app.get('/api/safety/photos/:id', {
    config: { personal: true },
    schema: { tags: ['safety'], summary: 'Ảnh minh chứng của một lần tự đánh giá', params: zIdParams },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, 'safety:read')
      const photo = await safety.photo(ctx, req.params.id)
      const content = await readStoredFile(ctx.db, photo.uploadId)
      return reply.header('content-type', photo.mime).header('content-disposition', attachment(photo.fileName)).send(content)
    },
  })

  // --- The public form (a facility's link or QR code) ---
  app.get('/api/public/safety/forms/:token', {
    config: { public: true },
    schema: { tags: ['safety'], summary: 'Biểu mẫu tự đánh giá của cơ sở (đường dẫn, mã QR): tên cơ sở, bộ tiêu chí, kết quả hiện tại; không có thông tin cá nhân', params: zToken },
    handler: async (req) => {
      throttle(req, null)
      return pub.formOf(publicCtx(req), req.params.token)
    },
  })
  app.post('/api/public/safety/forms/:token/code', {
    config: { public: true },
    schema: {
      tags: ['safety'],
      summary: 'Gửi mã xác nhận cho liên hệ của người điền (qua cán bộ xã, phường; không trả mã trong câu trả lời)',
      params: zToken,
      body: z.strictObject({ contact: zContact }),
    },
    handler: async (req) => {
      throttle(req, req.params.token)
      return pub.sendCode(linkCtx(req), req.params.token, req.body.contact, (line) => req.log.info(line))
    },
  })
  app.post('/api/public/safety/forms/:token/verify', {
    config: { public: true },
    schema: {
      tags: ['safety'],
      summary: 'Xác nhận liên hệ bằng mã một lần; trả về xác nhận dùng để gửi ảnh và biểu mẫu',
      params: zToken,
      body: z.strictObject({ contact: zContact, code: z.string({ error: 'Hãy nhập mã xác nhận.' }).trim().regex(/^\d{6}$/, 'Mã xác nhận gồm 6 chữ số.') }),
    },
    handler: async (req) => {
      throttle(req, req.params.token)
      return pub.verifyCode(linkCtx(req), req.params.token, req.body.contact, req.body.code)
    },
  })
  app.post('/api/public/safety/forms/:token/photos', {
    config: { public: true },
    schema: {
      tags: ['safety'],
      summary: `Gửi một ảnh minh chứng (multipart, trường "file"; .jpg, .png; tối đa ${formatBytes(PUBLIC_FORM_LIMITS.photoMaxBytes)}, ${PUBLIC_FORM_LIMITS.photos} ảnh)`,
      params: zToken,
      querystring: z.strictObject({ proof: zProof }),
      consumes: ['multipart/form-data'],
    },
    handler: async (req, reply) => {
      throttle(req, req.params.token)
      const limit = PUBLIC_FORM_LIMITS.photoMaxBytes
      const declared = Number(req.headers['content-length'] ?? Number.NaN)
      if (Number.isFinite(declared) && declared > limit + ENVELOPE) throw new AppError(413, 'FILE_TOO_LARGE', `Ảnh vượt giới hạn ${formatBytes(limit)}; máy chủ đã dừng nhận.`)
      if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Ảnh phải được gửi dạng multipart/form-data (trường "file").')
      const part = await req.file({ limits: { fileSize: limit, files: 1, fields: 2, parts: 3, fieldSize: 1024 } })
      if (part?.fieldname !== 'file') throw badRequest('NO_FILE', 'Không có ảnh nào trong trường "file".')
      const saved = await pub.savePhoto(linkCtx(req), req.params.token, req.query.proof, part.filename, part.file, () => part.file.truncated).finally(() => part.file.resume())
      return reply.status(201).send(saved)
    },
  })
  app.post('/api/public/safety/forms/:token/assessments', {
    config: { public: true },
    schema: {
      tags: ['safety'],
      summary: 'Gửi bản tự đánh giá (sau khi xác nhận liên hệ): chấm điểm, lưu cùng ảnh, hiện trên bản đồ công khai',
      description: 'Câu trả lời sai: 422 ANSWERS_INVALID; xác nhận hết hạn hoặc đã dùng: 403 PROOF_INVALID; không lưu gì dở dang.',
      params: zToken,
      body: z.strictObject({
        proof: zProof,
        contactName: zOptionalText(200, 'Tên người điền'),
        answers: zAnswers,
        photoIds: z.array(zId).max(PUBLIC_FORM_LIMITS.photos, `Tối đa ${PUBLIC_FORM_LIMITS.photos} ảnh.`).optional(),
      }),
    },
    handler: async (req, reply) => {
      throttle(req, req.params.token)
      return reply.status(201).send(await pub.submit(linkCtx(req), req.params.token, req.body))
    },
  })

  // --- The public map ---
  app.get('/api/public/facilities', {
    config: { public: true },
    schema: {
      tags: ['safety'],
      summary: 'Bản đồ an toàn COVID-19 công khai: các cơ sở của một đơn vị (và một khung) với mức kết quả, ngày đánh giá, hiệu lực; không có thông tin cá nhân',
      description: `Trả về {unit, count, facilities: [{id, name, kind, band, level, assessedAt, validUntil, expired, location}], clusters, truncated}. Quá ${pub.PUBLIC_POINTS_MAX.toLocaleString('vi-VN')} cơ sở thì gộp thành cụm theo lưới (cluster=none để lấy từng cơ sở, tối đa ${pub.PUBLIC_POINTS_MAX.toLocaleString('vi-VN')}). Có ETag và Cache-Control.`,
      querystring: z.strictObject({
        unit: zUnitCode,
        bbox: zBbox.optional(),
        q: z.string().trim().max(100, 'Từ khóa dài quá 100 ký tự.').optional(),
        cluster: z.enum(['auto', 'none'], { error: 'cluster: auto hoặc none.' }).default('auto'),
      }),
    },
    handler: async (req, reply) => {
      const { body, gzip, etag } = await pub.publicFacilities(publicCtx(req), req.query)
      reply.header('cache-control', 'public, max-age=60').header('etag', etag).header('vary', 'accept-encoding').header('content-type', 'application/json; charset=utf-8')
      if (req.headers['if-none-match'] === etag) return reply.status(304).send()
      // The answer is kept gzipped: sent as it is to clients that take gzip.
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(gzip)
      return reply.send(body)
    },
  })
  app.get('/api/public/facilities/units', {
    config: { public: true },
    schema: { tags: ['safety'], summary: 'Các xã, phường của một đơn vị có cơ sở trên bản đồ an toàn, với số cơ sở (tìm theo xã, phường)', querystring: z.strictObject({ unit: zUnitCode }) },
    handler: async (req, reply) => {
      reply.header('cache-control', 'public, max-age=300')
      return pub.publicUnits(publicCtx(req), req.query.unit)
    },
  })
  app.get('/api/public/facilities/:id', {
    config: { public: true },
    schema: { tags: ['safety'], summary: 'Trang công khai của một cơ sở: kết quả, ngày đánh giá, hiệu lực; không có thông tin cá nhân', params: zIdParams },
    handler: async (req, reply) => {
      reply.header('cache-control', 'public, max-age=60')
      return pub.publicFacility(publicCtx(req), req.params.id)
    },
  })
}
