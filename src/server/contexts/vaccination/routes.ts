import { z } from 'zod'
import { AGE_GROUPS, DOSES, MEASURES, RISK_GROUPS } from '../../../domain/vaccination/groups.ts'
import { type App, attachment, ctxOf, zId, zIdParams, zIsoDate, zUnitCode } from '../../platform/routes.ts'
import { startImport, startPopulationImport } from './imports.ts'
import { addDose, changeDose, personDoses, removeDose } from './records.ts'
import { RECORD_TEMPLATE } from './recordsFile.ts'
import { startRecordImport } from './recordsImport.ts'
import * as vac from './service.ts'

const zAgeGroup = z.enum(AGE_GROUPS, { error: 'Nhóm tuổi: 5-11, 12-17, 18-49, 50-64 hoặc 65+.' })
const zCount = (what: string) => z.number({ error: `${what} phải là một số.` }).int(`${what} là số nguyên.`).min(0, `${what} không âm.`).max(10_000_000, `${what} quá lớn.`)
const zEntry = z.strictObject({
  ageGroup: zAgeGroup,
  riskGroup: z.enum(RISK_GROUPS, { error: 'Nhóm nguy cơ không có trong danh mục.' }).default('none'),
  product: z.string({ error: 'Hãy chọn vắc xin.' }).trim().min(1, 'Hãy chọn vắc xin.').max(40, 'Mã vắc xin dài quá 40 ký tự.'),
  dose: z.enum(DOSES, { error: 'Mũi tiêm: 1, 2, 3 hoặc booster (nhắc lại).' }),
  doses: zCount('Số mũi').max(1_000_000, 'Số mũi một ngày không quá 1.000.000.'),
})
const zDoseFields = {
  doseDate: zIsoDate,
  product: z.string({ error: 'Hãy chọn vắc xin.' }).trim().min(1, 'Hãy chọn vắc xin.').max(40, 'Mã vắc xin dài quá 40 ký tự.'),
  dose: z.enum(DOSES, { error: 'Mũi tiêm: 1, 2, 3 hoặc booster (nhắc lại).' }),
  unitCode: zUnitCode,
  riskGroup: z.enum(RISK_GROUPS, { error: 'Nhóm nguy cơ không có trong danh mục.' }).optional(),
  lot: z.string({ error: 'Số lô là chữ.' }).trim().max(60, 'Số lô dài quá 60 ký tự.').nullable().optional(),
}
const zPopulations = z.strictObject(
  Object.fromEntries([...AGE_GROUPS, 'high_risk'].map((g) => [g, zCount(`Dân số nhóm ${g}`).optional()])) as Record<(typeof AGE_GROUPS)[number] | 'high_risk', z.ZodOptional<z.ZodNumber>>,
)

export function vaccinationRoutes(app: App): void {
  app.get('/api/vaccination/reference', {
    schema: { tags: ['vaccination'], summary: 'Danh mục vắc xin (số mũi cơ bản, nguồn, mức tin cậy) và cơ cấu dân số theo nhóm tuổi dùng làm mẫu số mặc định' },
    handler: async (req) => vac.reference(ctxOf(req, 'vaccination:read')),
  })
  app.post('/api/vaccination/doses', {
    schema: {
      tags: ['vaccination'],
      summary: 'Xã nhập số mũi tiêm trong ngày theo nhóm tuổi, nhóm nguy cơ, vắc xin và mũi (ghi đè số đã nhập cho cùng nhóm)',
      body: z.strictObject({ unitCode: zUnitCode, date: zIsoDate, entries: z.array(zEntry, { error: 'Thiếu danh sách số mũi (entries).' }).min(1, 'Hãy nhập ít nhất một dòng.').max(500, 'Tối đa 500 dòng mỗi lần.') }),
    },
    handler: async (req) => vac.enterDoses(ctxOf(req, 'vaccination:write'), req.body),
  })
  app.get('/api/vaccination/doses', {
    schema: { tags: ['vaccination'], summary: 'Số mũi tiêm của một xã trong một ngày', querystring: z.strictObject({ unit: zUnitCode, date: zIsoDate }) },
    handler: async (req) => vac.dosesOfDay(ctxOf(req, 'vaccination:read'), req.query.unit, req.query.date),
  })
  app.get('/api/vaccination/daily', {
    schema: { tags: ['vaccination'], summary: 'Số mũi tiêm theo ngày của một đơn vị (mũi 1, đủ liều, nhắc lại)', querystring: z.strictObject({ unit: zUnitCode, from: zIsoDate, to: zIsoDate }) },
    handler: async (req) => vac.daily(ctxOf(req, 'vaccination:read'), req.query.unit, req.query.from, req.query.to),
  })
  app.get('/api/vaccination/populations', {
    schema: { tags: ['vaccination'], summary: 'Mẫu số theo nhóm tuổi của một xã: số đã nhập, hoặc dân số điều tra chia theo cơ cấu tuổi', querystring: z.strictObject({ unit: zUnitCode }) },
    handler: async (req) => vac.getPopulations(ctxOf(req, 'vaccination:read'), req.query.unit),
  })
  app.put('/api/vaccination/populations', {
    schema: {
      tags: ['vaccination'],
      summary: 'Ghi mẫu số theo nhóm tuổi của một xã (thay cho số suy từ điều tra dân số)',
      body: z.strictObject({ unitCode: zUnitCode, populations: zPopulations, source: z.string({ error: 'Hãy ghi nguồn số liệu.' }).trim().min(1, 'Hãy ghi nguồn số liệu.').max(300, 'Nguồn dài quá 300 ký tự.') }),
    },
    handler: async (req) => vac.setPopulations(ctxOf(req, 'vaccination:write'), req.body),
  })
  app.get('/api/vaccination/targets', {
    schema: { tags: ['vaccination'], summary: 'Mục tiêu tiêm chủng áp dụng cho một đơn vị', querystring: z.strictObject({ unit: zUnitCode }) },
    handler: async (req) => vac.listTargets(ctxOf(req, 'vaccination:read'), req.query.unit),
  })
  app.post('/api/vaccination/targets', {
    schema: {
      tags: ['vaccination'],
      summary: 'Tỉnh đặt mục tiêu: tỷ lệ của các nhóm tuổi đạt một mức tiêm trước hạn',
      body: z.strictObject({
        unitCode: zUnitCode,
        name: z.string({ error: 'Hãy ghi tên mục tiêu.' }).trim().min(1, 'Hãy ghi tên mục tiêu.').max(300, 'Tên mục tiêu dài quá 300 ký tự.'),
        measure: z.enum(MEASURES, { error: 'Mức tiêm: at_least_one, fully hoặc boosted.' }),
        ageGroups: z.array(zAgeGroup).min(1, 'Hãy chọn ít nhất một nhóm tuổi.').max(5),
        share: z.number({ error: 'Tỷ lệ mục tiêu là số từ 0 đến 1.' }).gt(0, 'Tỷ lệ mục tiêu lớn hơn 0.').max(1, 'Tỷ lệ mục tiêu không quá 1 (100%).'),
        startsOn: zIsoDate,
        deadline: zIsoDate,
        source: z.string().trim().max(300, 'Nguồn dài quá 300 ký tự.').nullable().optional(),
      }),
    },
    handler: async (req, reply) => reply.status(201).send(await vac.createTarget(ctxOf(req, 'vaccination:targets'), req.body)),
  })
  app.get('/api/vaccination/coverage', {
    schema: {
      tags: ['vaccination'],
      summary: 'Độ bao phủ theo xã và nhóm (ít nhất 1 mũi, đủ liều, nhắc lại), tiến độ so với mục tiêu và tốc độ cần mỗi ngày',
      querystring: z.strictObject({ unit: zUnitCode, date: zIsoDate.optional(), target: zId.optional() }),
    },
    handler: async (req) => vac.coverage(ctxOf(req, 'vaccination:read'), { unitCode: req.query.unit, date: req.query.date, targetId: req.query.target }),
  })
  app.post('/api/vaccination/imports', {
    schema: { tags: ['vaccination'], summary: 'Nhập số mũi tiêm từ tệp CSV/XLSX đã tải lên (chạy nền, có tiến độ và tệp lỗi)', body: z.strictObject({ uploadId: zId }) },
    handler: async (req, reply) => reply.status(202).send(await startImport(ctxOf(req, 'vaccination:import'), req.body.uploadId)),
  })
  app.post('/api/vaccination/populations/imports', {
    schema: {
      tags: ['vaccination'],
      summary: 'Nhập mẫu số (dân số theo nhóm tuổi và nhóm nguy cơ cao của từng xã) từ tệp CSV/XLSX đã tải lên (chạy nền, có tiến độ và tệp lỗi)',
      description: 'Mỗi dòng một xã: cột Mã xã, rồi một cột cho mỗi nhóm (5-11, 12-17, 18-49, 50-64, 65+, Nguy cơ cao); ô trống giữ nguyên số của nhóm đó.',
      body: z.strictObject({ uploadId: zId }),
    },
    handler: async (req, reply) => reply.status(202).send(await startPopulationImport(ctxOf(req, 'vaccination:import'), req.body.uploadId)),
  })

  // --- Person-level records ---------------------------------------------------------------------
  app.get('/api/vaccination/people/:id/doses', {
    config: { personal: true },
    schema: { tags: ['vaccination'], summary: 'Các mũi tiêm của một người (ngày, vắc xin, mũi, nơi tiêm, số lô, nhóm tuổi khi tiêm)', params: zIdParams },
    handler: async (req) => personDoses(ctxOf(req, 'vaccination:read'), req.params.id),
  })
  app.post('/api/vaccination/people/:id/doses', {
    config: { personal: true },
    schema: {
      tags: ['vaccination'],
      summary: 'Ghi một mũi tiêm cho một người; mũi được tính ngay vào số mũi của xã trong ngày (nhóm tuổi theo ngày sinh tại ngày tiêm)',
      params: zIdParams,
      body: z.strictObject(zDoseFields),
    },
    handler: async (req, reply) => reply.status(201).send(await addDose(ctxOf(req, 'vaccination:write'), req.params.id, req.body)),
  })
  app.patch('/api/vaccination/records/:id', {
    config: { personal: true },
    schema: { tags: ['vaccination'], summary: 'Sửa một mũi tiêm đã ghi (ngày, vắc xin, mũi, nơi tiêm, nhóm nguy cơ, số lô); số mũi của xã theo ngay', params: zIdParams, body: z.strictObject(zDoseFields).partial() },
    handler: async (req) => changeDose(ctxOf(req, 'vaccination:write'), req.params.id, req.body),
  })
  app.delete('/api/vaccination/records/:id', {
    config: { personal: true },
    schema: { tags: ['vaccination'], summary: 'Xoá một mũi tiêm ghi nhầm; số mũi của xã theo ngay', params: zIdParams },
    handler: async (req) => removeDose(ctxOf(req, 'vaccination:write'), req.params.id),
  })
  app.post('/api/vaccination/records/imports', {
    config: { personal: true },
    schema: {
      tags: ['vaccination'],
      summary: 'Nhập mũi tiêm theo từng người từ tệp CSV/XLSX đã tải lên (chạy nền, có tiến độ và tệp lỗi); người được nhận theo CCCD, hoặc thêm vào sổ',
      description: 'Cột: full_name, birth_year, sex, national_id, phone, commune_code, dose_date, product, dose, lot, risk_group (hoặc tiêu đề tiếng Việt như tệp mẫu).',
      body: z.strictObject({ uploadId: zId }),
    },
    handler: async (req, reply) => reply.status(202).send(await startRecordImport(ctxOf(req, 'vaccination:import'), req.body.uploadId)),
  })
  app.get('/api/vaccination/records/template.csv', {
    schema: { tags: ['vaccination'], summary: 'Tệp mẫu (CSV, UTF-8) để nhập mũi tiêm theo từng người' },
    handler: async (req, reply) => {
      ctxOf(req, 'vaccination:import')
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachment('mau-nhap-mui-tiem-theo-nguoi.csv')).send(`\uFEFF${RECORD_TEMPLATE}\r\n`)
    },
  })
}
