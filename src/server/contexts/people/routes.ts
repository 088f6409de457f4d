import countries from 'i18n-iso-countries'
import { z } from 'zod'
import { type App, ctxOf, zId, zIdParams, zIsoDate, zUnitCode } from '../../platform/routes.ts'
import { mergePeople, undoMerge } from './merge.ts'
import * as people from './service.ts'

const optionalText = (max: number, what: string) => z.string().trim().max(max, `${what} dài quá ${max} ký tự.`).nullable().optional()

export const zPersonFields = {
  fullName: z
    .string({ error: 'Họ tên không được để trống.' })
    .trim()
    .min(1, 'Họ tên không được để trống.')
    .max(120, 'Họ tên dài quá 120 ký tự.')
    .regex(/^[^\p{Cc}]*$/u, 'Họ tên có ký tự điều khiển không hợp lệ.'),
  birthYear: z.number({ error: 'Năm sinh phải là một số.' }).int('Năm sinh phải là số nguyên.').min(1900, 'Năm sinh từ 1900 trở đi.').max(2100, 'Năm sinh không quá 2100.').nullable().optional(),
  birthDate: zIsoDate.nullable().optional(),
  sex: z.enum(['male', 'female', 'other'], { error: 'Giới tính không hợp lệ.' }).nullable().optional(),
  // The number's structure and its agreement with year of birth and sex are checked by the service.
  nationalId: z
    .string()
    .regex(/^\d{9}$|^\d{12}$/, 'Số CCCD gồm 12 chữ số (CMND cũ 9 chữ số).')
    .nullable()
    .optional(),
  passportNo: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{5,20}$/, 'Số hộ chiếu gồm 5–20 chữ cái hoặc chữ số, không dấu cách.')
    .nullable()
    .optional(),
  phone: z
    .string()
    .regex(/^\+?\d{8,15}$/, 'Số điện thoại không hợp lệ.')
    .nullable()
    .optional(),
  unitCode: zUnitCode,
  address: optionalText(300, 'Địa chỉ'),
  tempUnitCode: zUnitCode.nullable().optional(),
  tempAddress: optionalText(300, 'Địa chỉ tạm trú'),
  workplace: optionalText(200, 'Nơi làm việc'),
  nationality: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Mã quốc tịch gồm 2 chữ cái (VN, KH…).')
    .refine((c) => countries.isValid(c), 'Mã quốc tịch không có trong danh mục ISO 3166 (VN, KH, CN, US…).')
    .optional(),
}
const zPerson = z.strictObject(zPersonFields)

export function peopleRoutes(app: App): void {
  app.get('/api/people', {
    config: { personal: true },
    schema: {
      tags: ['people'],
      summary: 'Tìm người trong địa bàn (họ tên, CCCD, hộ chiếu, số điện thoại)',
      querystring: z.strictObject({
        q: z.string().max(100).optional(),
        unitCode: zUnitCode.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).max(100_000).default(0),
      }),
    },
    handler: async (req) => ({ people: await people.listPeople(ctxOf(req, 'people:read'), req.query) }),
  })
  app.get('/api/people/:id', {
    config: { personal: true },
    schema: { tags: ['people'], summary: 'Hồ sơ một người', params: zIdParams },
    handler: async (req) => people.getPerson(ctxOf(req, 'people:read'), req.params.id),
  })
  app.post('/api/people', {
    config: { personal: true },
    schema: {
      tags: ['people'],
      summary: 'Thêm người',
      description:
        'Trùng số CCCD hoặc hộ chiếu: 409 DUPLICATE_IDENTITY. Có người trong địa bàn giống tên, cùng năm sinh và cùng số điện thoại hoặc cùng xã: 409 DUPLICATE_CANDIDATES kèm danh sách (error.details.candidates), trừ khi gửi confirmedNew: true.',
      body: z.strictObject({ ...zPersonFields, confirmedNew: z.boolean().optional() }),
    },
    handler: async (req, reply) => reply.status(201).send(await people.createPerson(ctxOf(req, 'people:write'), req.body)),
  })
  app.patch('/api/people/:id', {
    config: { personal: true },
    schema: { tags: ['people'], summary: 'Sửa hồ sơ một người', params: zIdParams, body: zPerson.partial() },
    handler: async (req) => people.updatePerson(ctxOf(req, 'people:write'), req.params.id, req.body),
  })
  app.post('/api/people/:id/merge', {
    config: { personal: true },
    schema: {
      tags: ['people'],
      summary: 'Gộp hồ sơ trùng vào hồ sơ này',
      description: 'Chuyển mọi dữ liệu gắn với hồ sơ `from` sang hồ sơ này, bổ sung thông tin còn trống, rồi xóa hồ sơ `from`. Hoàn tác bằng mã nhật ký trả về (auditId).',
      params: zIdParams,
      body: z.strictObject({ from: zId }),
    },
    handler: async (req) => mergePeople(ctxOf(req, 'people:write'), req.params.id, req.body.from),
  })
  app.post('/api/people/merges/:auditId/undo', {
    config: { personal: true },
    schema: { tags: ['people'], summary: 'Hoàn tác một lần gộp hồ sơ', params: z.strictObject({ auditId: zId }) },
    handler: async (req) => undoMerge(ctxOf(req, 'people:write'), req.params.auditId),
  })
}
