import { z } from 'zod'
import { type App, ctxOf, zIdParams, zIsoDate, zUnitCode } from '../../platform/routes.ts'
import * as people from './service.ts'

const zPerson = z.strictObject({
  fullName: z.string({ error: 'Họ tên không được để trống.' }).trim().min(1, 'Họ tên không được để trống.').max(120, 'Họ tên dài quá 120 ký tự.'),
  birthYear: z.number({ error: 'Năm sinh phải là một số.' }).int('Năm sinh phải là số nguyên.').min(1900, 'Năm sinh từ 1900 trở đi.').max(2100, 'Năm sinh không quá 2100.').nullable().optional(),
  birthDate: zIsoDate.nullable().optional(),
  sex: z.enum(['male', 'female', 'other'], { error: 'Giới tính không hợp lệ.' }).nullable().optional(),
  nationalId: z
    .string()
    .regex(/^\d{9}$|^\d{12}$/, 'Số CCCD gồm 12 chữ số (CMND cũ 9 chữ số).')
    .nullable()
    .optional(),
  phone: z
    .string()
    .regex(/^\+?\d{8,15}$/, 'Số điện thoại không hợp lệ.')
    .nullable()
    .optional(),
  unitCode: zUnitCode,
  address: z.string().trim().max(300, 'Địa chỉ dài quá 300 ký tự.').nullable().optional(),
  nationality: z.string().regex(/^[A-Z]{2}$/, 'Mã quốc tịch gồm 2 chữ cái (VN, KH…).').optional(),
})

export function peopleRoutes(app: App): void {
  app.get('/api/people', {
    config: { personal: true },
    schema: {
      tags: ['people'],
      summary: 'Tìm người trong địa bàn (họ tên, CCCD, số điện thoại)',
      querystring: z.strictObject({
        q: z.string().max(100).optional(),
        unitCode: zUnitCode.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).default(0),
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
    schema: { tags: ['people'], summary: 'Thêm người', body: zPerson },
    handler: async (req, reply) => reply.status(201).send(await people.createPerson(ctxOf(req, 'people:write'), req.body)),
  })
  app.patch('/api/people/:id', {
    config: { personal: true },
    schema: { tags: ['people'], summary: 'Sửa hồ sơ một người', params: zIdParams, body: zPerson.partial() },
    handler: async (req) => people.updatePerson(ctxOf(req, 'people:write'), req.params.id, req.body),
  })
}
