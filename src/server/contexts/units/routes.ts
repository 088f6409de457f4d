import { z } from 'zod'
import { isIsoDate } from '../../../domain/text/dates.ts'
import { LOCAL_UNIT_TYPES } from '../../../domain/units/types.ts'
import { badRequest } from '../../platform/errors.ts'
import { type App, ctxOf, zId, zIsoDate, zUnitCode } from '../../platform/routes.ts'
import * as imports from './imports.ts'
import * as units from './service.ts'

const zCodeParams = z.strictObject({ code: zUnitCode })
const zAt = z.strictObject({ at: zIsoDate.optional() })
const zLocal = z.strictObject({
  name: z.string({ error: 'Tên không được để trống.' }).trim().min(1, 'Tên không được để trống.').max(120, 'Tên dài quá 120 ký tự.'),
  unitType: z.enum(LOCAL_UNIT_TYPES, { error: 'Hãy chọn loại đơn vị (ấp, khóm, khu phố, tổ…).' }),
})

function checkAt(at: string | undefined): string | undefined {
  if (at !== undefined && !isIsoDate(at)) throw badRequest('INVALID_DATE', `Ngày ${at} không hợp lệ.`)
  return at
}

export function unitRoutes(app: App): void {
  app.get('/api/units/search', {
    schema: {
      tags: ['units'],
      summary: 'Tìm đơn vị hành chính (không phân biệt dấu, hoa thường), cả hai thời kỳ',
      querystring: z.strictObject({ q: z.string().max(100), at: zIsoDate.optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, 'units:read')
      return { results: await units.searchUnits(ctx, req.query.q, checkAt(req.query.at), req.query.limit) }
    },
  })

  app.get('/api/units/map/provinces', {
    schema: { tags: ['units'], summary: 'Ranh giới 34 tỉnh, thành phố (GeoJSON)' },
    handler: async (req) => units.provincesMap(ctxOf(req, 'units:read')),
  })

  app.get('/api/units/:code', {
    schema: { tags: ['units'], summary: 'Một đơn vị hành chính theo mã (hiệu lực hôm nay hoặc ngày at)', params: zCodeParams, querystring: zAt },
    handler: async (req) => {
      const ctx = ctxOf(req, 'units:read')
      const unit = await units.getUnit(ctx, req.params.code, checkAt(req.query.at))
      return { ...units.presentUnit(unit), canWriteLocal: units.canWriteLocal(ctx, unit) }
    },
  })

  app.get('/api/units/:code/children', {
    schema: { tags: ['units'], summary: 'Các đơn vị trực thuộc', params: zCodeParams, querystring: zAt },
    handler: async (req) => ({ children: await units.listChildren(ctxOf(req, 'units:read'), req.params.code, checkAt(req.query.at)) }),
  })

  app.get('/api/units/:code/history', {
    schema: { tags: ['units'], summary: 'Lịch sử sắp xếp: đơn vị cũ trở thành gì, đơn vị mới hình thành từ đâu', params: zCodeParams, querystring: zAt },
    handler: async (req) => units.unitHistory(ctxOf(req, 'units:read'), req.params.code, checkAt(req.query.at)),
  })

  app.get('/api/units/:code/map', {
    schema: { tags: ['units'], summary: 'Ranh giới các đơn vị trực thuộc kèm dân số (GeoJSON)', params: zCodeParams, querystring: zAt },
    handler: async (req) => units.childrenMap(ctxOf(req, 'units:read'), req.params.code, checkAt(req.query.at)),
  })

  app.post('/api/units/:code/children', {
    schema: { tags: ['units'], summary: 'Tạo ấp, khóm, thôn, khu phố hoặc tổ nhân dân tự quản', params: zCodeParams, body: zLocal },
    handler: async (req, reply) => {
      const unit = await units.createLocalUnit(ctxOf(req, 'units:write-local'), req.params.code, req.body)
      return reply.status(201).send(unit)
    },
  })

  app.patch('/api/units/:code', {
    schema: { tags: ['units'], summary: 'Sửa ấp, khóm, thôn, khu phố, tổ do địa phương tạo', params: zCodeParams, body: zLocal.partial() },
    handler: async (req) => units.updateLocalUnit(ctxOf(req, 'units:write-local'), req.params.code, req.body),
  })

  app.post('/api/units/import/population', {
    schema: {
      tags: ['units'],
      summary: 'Nhập dân số từ tệp CSV/XLSX đã gửi (POST /api/uploads?purpose=table); chạy nền, kiểm tra cả tệp trước khi ghi',
      body: z.strictObject({ uploadId: zId }),
    },
    handler: async (req, reply) => {
      const job = await imports.startPopulationImportFromUpload(ctxOf(req, 'units:import'), req.body.uploadId)
      return reply.status(202).send(job)
    },
  })

  app.post('/api/units/import/boundaries', {
    schema: {
      tags: ['units'],
      summary: 'Nhập ranh giới xã từ tệp GeoJSON đã gửi (POST /api/uploads?purpose=geojson); chạy nền',
      body: z.strictObject({ uploadId: zId }),
    },
    handler: async (req, reply) => {
      const job = await imports.startBoundaryImportFromUpload(ctxOf(req, 'units:import'), req.body.uploadId)
      return reply.status(202).send(job)
    },
  })
}
