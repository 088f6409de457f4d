import { z } from 'zod'
import { ZONE_KIND_KEYS, ZONE_LIMITS } from '../../../../domain/surveillance/zones.ts'
import { type App, ctxOf, zId, zIdParams, zIsoDate, zUnitCode } from '../../../platform/routes.ts'
import { zPage, zText } from '../tests/routes.ts'
import * as areas from './service.ts'

const zOptionalText = (max: number, what: string) => z.string().trim().max(max, `${what} dài quá ${max} ký tự.`).nullable().optional()
const zKind = z.enum(ZONE_KIND_KEYS, { error: 'Loại vùng là ring_fence (khoanh vùng), lockdown (phong tỏa) hoặc medical_isolation (cách ly y tế vùng).' })

const zCluster = {
  code: zText(40, 'Mã ổ dịch'),
  name: zText(200, 'Tên ổ dịch'),
  unitCode: zUnitCode,
  place: zOptionalText(300, 'Địa điểm'),
  openedOn: zIsoDate,
  note: zOptionalText(2000, 'Ghi chú'),
}

const zZone = {
  name: zText(200, 'Tên vùng'),
  kind: zKind,
  unitCode: zUnitCode,
  unitCodes: z.array(zUnitCode).max(ZONE_LIMITS.units, `Một vùng gồm tối đa ${ZONE_LIMITS.units} đơn vị.`).optional(),
  // Checked in full by the domain rule (type, closed rings, ranges, vertices, area).
  geometry: z.unknown().optional(),
  startsOn: zIsoDate,
  endsOn: zIsoDate.nullable().optional(),
  measures: zOptionalText(5000, 'Biện pháp'),
  decisionNo: zOptionalText(100, 'Số quyết định'),
  clusterId: zId.nullable().optional(),
}

export function areaRoutes(app: App): void {
  app.post('/api/surveillance/clusters', {
    schema: { tags: ['surveillance'], summary: 'Ghi nhận ổ dịch', body: z.strictObject(zCluster) },
    handler: async (req, reply) => reply.status(201).send(await areas.createCluster(ctxOf(req, 'surveillance:write'), req.body)),
  })
  app.get('/api/surveillance/clusters', {
    schema: {
      tags: ['surveillance'],
      summary: 'Danh sách ổ dịch: số ca, ca đầu tiên và ca gần nhất, trạng thái',
      querystring: z.strictObject({ unitCode: zUnitCode.optional(), status: z.enum(['active', 'closed']).optional(), ...zPage }),
    },
    handler: async (req) => areas.listClusters(ctxOf(req, 'surveillance:read'), req.query),
  })
  app.get('/api/surveillance/clusters/:id', {
    config: { personal: true },
    schema: { tags: ['surveillance'], summary: 'Một ổ dịch và các ca bệnh của nó (theo trang)', params: zIdParams, querystring: z.strictObject(zPage) },
    handler: async (req) => areas.getCluster(ctxOf(req, 'surveillance:read'), req.params.id, req.query),
  })
  app.patch('/api/surveillance/clusters/:id', {
    schema: { tags: ['surveillance'], summary: 'Sửa thông tin ổ dịch', params: zIdParams, body: z.strictObject(zCluster).partial() },
    handler: async (req) => areas.updateCluster(ctxOf(req, 'surveillance:write'), req.params.id, req.body),
  })
  app.post('/api/surveillance/clusters/:id/cases', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary: 'Gắn ca bệnh vào ổ dịch',
      description: 'Ca mới gắn vào ổ dịch đã kết thúc sẽ mở lại ổ dịch.',
      params: zIdParams,
      body: z.strictObject({
        caseIds: z
          .array(zId)
          .min(1, 'Chọn ít nhất một ca bệnh.')
          .max(500, 'Mỗi lần gắn tối đa 500 ca.')
          .refine((ids) => new Set(ids).size === ids.length, 'Một ca bệnh được chọn hai lần.'),
      }),
    },
    handler: async (req) => areas.attachCases(ctxOf(req, 'surveillance:write'), req.params.id, req.body.caseIds),
  })
  app.delete('/api/surveillance/clusters/:id/cases/:caseId', {
    config: { personal: true },
    schema: { tags: ['surveillance'], summary: 'Gỡ một ca bệnh khỏi ổ dịch', params: z.strictObject({ id: zId, caseId: zId }) },
    handler: async (req) => areas.detachCase(ctxOf(req, 'surveillance:write'), req.params.id, req.params.caseId),
  })

  app.post('/api/surveillance/zones', {
    schema: {
      tags: ['surveillance'],
      summary: 'Khoanh vùng, phong tỏa hoặc cách ly y tế vùng',
      description: `Theo đơn vị, ấp, khu phố (unitCodes, thuộc đơn vị quyết định) và/hoặc vùng vẽ trên bản đồ (GeoJSON Polygon/MultiPolygon, tối đa ${ZONE_LIMITS.vertices} đỉnh, ${ZONE_LIMITS.areaKm2} km²).`,
      body: z.strictObject(zZone),
    },
    handler: async (req, reply) => reply.status(201).send(await areas.createZone(ctxOf(req, 'surveillance:write'), req.body)),
  })
  app.get('/api/surveillance/zones', {
    schema: {
      tags: ['surveillance'],
      summary: 'Các vùng đang áp dụng trong một ngày, dạng GeoJSON cho bản đồ',
      description: `Vùng vẽ: hình đã vẽ; vùng theo đơn vị: ranh giới từng đơn vị. Tối đa ${areas.MAP_LIMITS.zones} vùng và ${areas.MAP_LIMITS.boundaries} ranh giới (truncated khi nhiều hơn).`,
      querystring: z.strictObject({ activeOn: zIsoDate.optional(), unitCode: zUnitCode.optional(), kind: zKind.optional() }),
    },
    handler: async (req) => areas.zonesMap(ctxOf(req, 'surveillance:read'), req.query),
  })
  app.get('/api/surveillance/zones/:id', {
    schema: { tags: ['surveillance'], summary: 'Một vùng khoanh, phong tỏa', params: zIdParams },
    handler: async (req) => areas.getZone(ctxOf(req, 'surveillance:read'), req.params.id),
  })
  app.patch('/api/surveillance/zones/:id', {
    schema: { tags: ['surveillance'], summary: 'Sửa vùng (gia hạn, kết thúc, đổi phạm vi)', params: zIdParams, body: z.strictObject(zZone).partial() },
    handler: async (req) => areas.updateZone(ctxOf(req, 'surveillance:write'), req.params.id, req.body),
  })
  app.post('/api/surveillance/zones/:id/lift', {
    schema: {
      tags: ['surveillance'],
      summary: 'Gỡ bỏ vùng theo quyết định (ngày cuối áp dụng, số và ngày quyết định gỡ bỏ)',
      params: zIdParams,
      body: z.strictObject({
        endsOn: z.string({ error: 'Nhập ngày cuối áp dụng của vùng.' }).pipe(zIsoDate),
        decisionNo: z.string({ error: 'Nhập số quyết định gỡ bỏ vùng.' }).trim().min(1, 'Nhập số quyết định gỡ bỏ vùng.').max(100, 'Số quyết định dài quá 100 ký tự.'),
        decidedOn: z.string({ error: 'Nhập ngày quyết định gỡ bỏ vùng.' }).pipe(zIsoDate),
      }),
    },
    handler: async (req) => areas.liftZone(ctxOf(req, 'surveillance:write'), req.params.id, req.body),
  })
  app.delete('/api/surveillance/zones/:id', {
    schema: { tags: ['surveillance'], summary: 'Xóa vùng nhập nhầm', params: zIdParams },
    handler: async (req) => areas.deleteZone(ctxOf(req, 'surveillance:write'), req.params.id),
  })
}
