import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { CONFIDENCES, PLACEMENT_KINDS, PLACEMENT_REASONS, RULE_KINDS } from '../../../domain/quarantine/rules.ts'
import { attachment, type App, ctxOf, zId, zIdParams, zIsoDate, zUnitCode } from '../../platform/routes.ts'
import { renderOffLoop } from '../directives/render/offLoop.ts'
import { zPersonFields } from '../people/routes.ts'
import * as q from './service.ts'

const text = (max: number, what: string) => z.string().trim().max(max, `${what} dài quá ${max} ký tự.`).nullable().optional()
const days = (what: string) => z.number({ error: `${what} phải là một số.` }).int(`${what} phải là số nguyên.`).min(0, `${what} từ 0.`).max(60, `${what} không quá 60.`)
const zLimit = z.coerce.number().int().min(1, 'Số dòng mỗi trang từ 1.').max(500, 'Số dòng mỗi trang không quá 500.').default(100)
const zOffset = z.coerce.number().int().min(0).max(1_000_000).default(0)
const zPlacementKind = z.enum(PLACEMENT_KINDS, { error: 'Nhóm cách ly: f1, entry (nhập cảnh, từ vùng dịch về) hoặc illegal-entry (nhập cảnh trái phép).' })
const zSetting = z.enum(['facility', 'home', 'accommodation'], { error: 'Nơi cách ly: facility (tập trung), home (tại nhà) hoặc accommodation (nơi lưu trú).' })
const zFacilityKind = z.enum(['military_camp', 'dormitory', 'hotel', 'other'], { error: 'Loại cơ sở: military_camp (doanh trại), dormitory (ký túc xá), hotel (khách sạn) hoặc other.' })
const zStatus = z.enum(['open', 'full', 'closed', 'disinfecting'], { error: 'Trạng thái: open, full, closed hoặc disinfecting.' })
const zRoom = z.strictObject({
  name: z.string().trim().min(1, 'Tên phòng (khu) không được để trống.').max(100, 'Tên phòng dài quá 100 ký tự.'),
  capacity: z.number({ error: 'Sức chứa phòng phải là một số.' }).int().min(1, 'Sức chứa phòng từ 1.').max(10_000, 'Sức chứa phòng không quá 10.000.'),
})
const zFacility = {
  name: z.string({ error: 'Tên cơ sở không được để trống.' }).trim().min(1, 'Tên cơ sở không được để trống.').max(200, 'Tên cơ sở dài quá 200 ký tự.'),
  kind: zFacilityKind,
  unitCode: zUnitCode,
  address: text(300, 'Địa chỉ'),
  lon: z.number({ error: 'Kinh độ phải là một số.' }).min(-180, 'Kinh độ từ -180.').max(180, 'Kinh độ đến 180.').nullable().optional(),
  lat: z.number({ error: 'Vĩ độ phải là một số.' }).min(-90, 'Vĩ độ từ -90.').max(90, 'Vĩ độ đến 90.').nullable().optional(),
  capacity: z.number({ error: 'Sức chứa phải là một số.' }).int('Sức chứa là số nguyên.').min(0, 'Sức chứa từ 0.').max(100_000, 'Sức chứa không quá 100.000.'),
  managingUnit: text(200, 'Đơn vị quản lý'),
  managerName: text(120, 'Người phụ trách'),
  managerPhone: z.string().regex(/^\+?\d{8,15}$/, 'Số điện thoại không hợp lệ.').nullable().optional(),
  status: zStatus.optional(),
  note: text(2000, 'Ghi chú'),
  rooms: z.array(zRoom).max(2000, 'Không quá 2.000 phòng (khu).').optional(),
}
const zPlace = {
  setting: zSetting,
  facilityId: zId.nullable().optional(),
  roomId: zId.nullable().optional(),
  unitCode: zUnitCode.nullable().optional(),
  address: text(300, 'Địa chỉ'),
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const download = (reply: FastifyReply, body: Buffer, mime: string, fileName: string) =>
  reply.header('content-type', mime).header('content-disposition', attachment(fileName)).send(body)

export function quarantineRoutes(app: App): void {
  app.get('/api/quarantine/rules', {
    schema: { tags: ['quarantine'], summary: 'Quy định cách ly theo thời gian (số ngày, theo dõi sau cách ly, xét nghiệm, căn cứ)' },
    handler: async (req) => q.listRules(ctxOf(req, 'quarantine:read')),
  })
  app.post('/api/quarantine/rules', {
    schema: {
      tags: ['quarantine'],
      summary: 'Ghi quy định cách ly riêng của tỉnh, có ngày hiệu lực',
      body: z.strictObject({
        kind: z.enum(RULE_KINDS, { error: 'Nhóm: f1, f1-vaccinated, entry hoặc illegal-entry.' }),
        name: z.string({ error: 'Hãy đặt tên quy định.' }).trim().min(1, 'Hãy đặt tên quy định.').max(200, 'Tên quy định dài quá 200 ký tự.'),
        validFrom: zIsoDate,
        validTo: zIsoDate.nullable().optional(),
        days: days('Số ngày cách ly'),
        monitoringDays: days('Số ngày theo dõi sau cách ly'),
        requiredTests: z.array(z.number().int().min(1, 'Ngày xét nghiệm từ ngày 1.').max(60, 'Ngày xét nghiệm không quá 60.')).max(20).optional(),
        source: z.string({ error: 'Hãy ghi văn bản căn cứ.' }).trim().min(1, 'Hãy ghi văn bản căn cứ của quy định.').max(500, 'Căn cứ dài quá 500 ký tự.'),
        confidence: z.enum(CONFIDENCES, { error: 'Độ tin cậy: verified, secondary hoặc unverified.' }),
        note: text(2000, 'Ghi chú'),
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await q.createRule(ctxOf(req, 'quarantine:rules'), req.body)),
  })
  app.get('/api/quarantine/rules/choice', {
    schema: {
      tags: ['quarantine'],
      summary: 'Quy định áp dụng cho một đợt cách ly bắt đầu vào một ngày, và lý do',
      querystring: z.strictObject({ kind: zPlacementKind, start: zIsoDate, vaccinated: z.enum(['true', 'false']).optional(), unitCode: zUnitCode.optional() }),
    },
    handler: async (req) => q.explainRule(ctxOf(req, 'quarantine:read'), { ...req.query, vaccinated: req.query.vaccinated === 'true' }),
  })

  app.get('/api/quarantine/facilities', {
    schema: {
      tags: ['quarantine'],
      summary: 'Cơ sở cách ly tập trung trong địa bàn, với số người đang cách ly',
      querystring: z.strictObject({ unitCode: zUnitCode.optional(), date: zIsoDate.optional(), limit: zLimit, offset: zOffset }),
    },
    handler: async (req) => q.listFacilities(ctxOf(req, 'quarantine:read'), req.query),
  })
  app.post('/api/quarantine/facilities', {
    schema: { tags: ['quarantine'], summary: 'Thêm cơ sở cách ly tập trung (và các phòng, khu)', body: z.strictObject(zFacility) },
    handler: async (req, reply) => reply.status(201).send(await q.createFacility(ctxOf(req, 'quarantine:write'), req.body)),
  })
  app.get('/api/quarantine/facilities/:id', {
    schema: { tags: ['quarantine'], summary: 'Một cơ sở cách ly: phòng, số người, sắp đầy', params: zIdParams, querystring: z.strictObject({ date: zIsoDate.optional() }) },
    handler: async (req) => q.getFacility(ctxOf(req, 'quarantine:read'), req.params.id, req.query.date),
  })
  app.patch('/api/quarantine/facilities/:id', {
    schema: {
      tags: ['quarantine'],
      summary: 'Sửa cơ sở cách ly (trạng thái, sức chứa, người phụ trách) hoặc thêm phòng',
      params: zIdParams,
      body: z.strictObject(zFacility).omit({ unitCode: true }).partial(),
    },
    handler: async (req) => q.updateFacility(ctxOf(req, 'quarantine:write'), req.params.id, req.body),
  })

  app.get('/api/quarantine/placements', {
    config: { personal: true },
    schema: {
      tags: ['quarantine'],
      summary: 'Người đang cách ly, đã kết thúc, hoặc đang theo dõi sau cách ly',
      querystring: z.strictObject({
        facilityId: zId.optional(),
        unitCode: zUnitCode.optional(),
        setting: zSetting.optional(),
        status: z.enum(['active', 'released', 'monitoring'], { error: 'Trạng thái: active, released hoặc monitoring.' }).optional(),
        limit: zLimit,
        offset: zOffset,
      }),
    },
    handler: async (req) => q.listPlacements(ctxOf(req, 'quarantine:read'), req.query),
  })
  app.post('/api/quarantine/placements', {
    config: { personal: true },
    schema: {
      tags: ['quarantine'],
      summary: 'Đưa một người vào cách ly (tập trung, tại nhà, tại nơi lưu trú) theo quy định đang áp dụng',
      description:
        'Người trong sổ (personId) hoặc người mới ghi cùng lúc (person, trùng lặp: 409 với danh sách, không ghi gì). Trả về đợt cách ly với quy định đã dùng và lý do, và các cảnh báo: phòng có người khác đợt hoặc khác nhóm nguy cơ (MIXED_ROOM), cơ sở sắp đầy (NEAR_FULL) hoặc đã đầy (FULL).',
      body: z
        .strictObject({
          personId: zId.optional(),
          person: z.strictObject({ ...zPersonFields, confirmedNew: z.boolean().optional() }).optional(),
          ...zPlace,
          reason: z.enum(PLACEMENT_REASONS, { error: 'Lý do: contact (F1), traveller (nhập cảnh), returnee (từ vùng dịch về) hoặc illegal_entrant (nhập cảnh trái phép).' }),
          vaccinated: z.boolean().optional(),
          startOn: zIsoDate,
          batch: text(80, 'Đợt'),
          riskGroup: text(80, 'Nhóm nguy cơ'),
          decisionNo: text(60, 'Số quyết định'),
          decisionOn: zIsoDate.nullable().optional(),
          note: text(2000, 'Ghi chú'),
        })
        .refine((v) => (v.personId === undefined) !== (v.person === undefined), {
          message: 'Hãy chọn một người trong sổ (personId) hoặc ghi người mới (person), không cả hai.',
        }),
    },
    handler: async (req, reply) => reply.status(201).send(await q.placeOrRegister(ctxOf(req, 'quarantine:write'), req.body)),
  })
  app.get('/api/quarantine/placements/:id', {
    config: { personal: true },
    schema: { tags: ['quarantine'], summary: 'Một đợt cách ly: quy định áp dụng, theo dõi hằng ngày, xét nghiệm', params: zIdParams },
    handler: async (req) => q.getPlacement(ctxOf(req, 'quarantine:read'), req.params.id),
  })
  app.post('/api/quarantine/placements/:id/transfer', {
    config: { personal: true },
    schema: { tags: ['quarantine'], summary: 'Chuyển nơi cách ly', params: zIdParams, body: z.strictObject({ on: zIsoDate, ...zPlace, note: text(2000, 'Ghi chú') }) },
    handler: async (req) => q.transferPlacement(ctxOf(req, 'quarantine:write'), req.params.id, req.body),
  })
  app.post('/api/quarantine/placements/:id/release', {
    config: { personal: true },
    schema: {
      tags: ['quarantine'],
      summary: 'Kết thúc cách ly (đúng hạn khi đủ xét nghiệm âm tính, hoặc trước hạn có lý do)',
      params: zIdParams,
      body: z.strictObject({ on: zIsoDate, early: z.boolean().optional(), note: text(2000, 'Lý do, ghi chú') }),
    },
    handler: async (req) => q.releasePlacement(ctxOf(req, 'quarantine:write'), req.params.id, req.body),
  })
  app.post('/api/quarantine/placements/:id/checks', {
    config: { personal: true },
    schema: {
      tags: ['quarantine'],
      summary: 'Ghi theo dõi sức khỏe trong ngày (trong và sau cách ly)',
      params: zIdParams,
      body: z.strictObject({
        checkedOn: zIsoDate,
        temperature: z.number({ error: 'Nhiệt độ phải là một số (°C).' }).min(30, 'Nhiệt độ từ 30 °C.').max(45, 'Nhiệt độ không quá 45 °C.').nullable().optional(),
        symptoms: z.array(z.string().trim().min(1).max(60, 'Triệu chứng dài quá 60 ký tự.')).max(20, 'Không quá 20 triệu chứng.').optional(),
        note: text(1000, 'Ghi chú'),
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await q.addCheck(ctxOf(req, 'quarantine:write'), req.params.id, req.body)),
  })
  app.get('/api/quarantine/placements/:id/decision.docx', {
    config: { personal: true },
    schema: { tags: ['quarantine'], summary: 'Quyết định cách ly y tế (Word, theo thể thức)', params: zIdParams },
    handler: async (req, reply) => {
      const input = await q.documentInput(ctxOf(req, 'quarantine:read'), req.params.id, 'decision')
      return download(reply, await renderOffLoop('quarantineDocx', input), DOCX, `quyet-dinh-cach-ly-${req.params.id}.docx`)
    },
  })
  app.get('/api/quarantine/placements/:id/certificate.docx', {
    config: { personal: true },
    schema: { tags: ['quarantine'], summary: 'Giấy xác nhận hoàn thành cách ly (Word)', params: zIdParams },
    handler: async (req, reply) => {
      const input = await q.documentInput(ctxOf(req, 'quarantine:read'), req.params.id, 'certificate')
      return download(reply, await renderOffLoop('quarantineDocx', input), DOCX, `giay-xac-nhan-cach-ly-${req.params.id}.docx`)
    },
  })
  app.get('/api/quarantine/placements/:id/certificate.pdf', {
    config: { personal: true },
    schema: { tags: ['quarantine'], summary: 'Giấy xác nhận hoàn thành cách ly (PDF)', params: zIdParams },
    handler: async (req, reply) => {
      const input = await q.documentInput(ctxOf(req, 'quarantine:read'), req.params.id, 'certificate')
      return download(reply, await renderOffLoop('quarantineCertificatePdf', input), 'application/pdf', `giay-xac-nhan-cach-ly-${req.params.id}.pdf`)
    },
  })

  app.get('/api/quarantine/occupancy', {
    schema: {
      tags: ['quarantine'],
      summary: 'Số người cách ly theo cơ sở vào một ngày: sức chứa, đang ở, sẽ ra trong 7 ngày; cảnh báo sắp đầy, đã đầy',
      querystring: z.strictObject({ unit: zUnitCode.optional(), date: zIsoDate.optional(), limit: zLimit.default(500), offset: zOffset }),
    },
    handler: async (req) => q.occupancy(ctxOf(req, 'quarantine:read'), req.query),
  })
  app.get('/api/quarantine/occupancy/communes', {
    schema: {
      tags: ['quarantine'],
      summary: 'Số người cách ly theo xã (tập trung, tại nhà) hôm nay và dự báo theo số dự kiến ra, vào',
      querystring: z.strictObject({
        unit: zUnitCode.optional(),
        date: zIsoDate.optional(),
        days: z.coerce.number().int().min(1, 'Số ngày dự báo từ 1.').max(30, 'Số ngày dự báo không quá 30.').default(7),
      }),
    },
    handler: async (req) => q.communeOccupancy(ctxOf(req, 'quarantine:read'), req.query),
  })
  app.get('/api/quarantine/due', {
    config: { personal: true },
    schema: {
      tags: ['quarantine'],
      summary: 'Người đến hạn xét nghiệm hoặc kết thúc cách ly vào một ngày (mặc định: ngày mai)',
      querystring: z.strictObject({
        list: z.enum(['release', 'testing'], { error: 'Danh sách: release (kết thúc cách ly) hoặc testing (xét nghiệm).' }),
        unit: zUnitCode.optional(),
        date: zIsoDate.optional(),
        limit: zLimit,
        offset: zOffset,
      }),
    },
    handler: async (req) => q.due(ctxOf(req, 'quarantine:read'), req.query),
  })
}
