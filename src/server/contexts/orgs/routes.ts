import { z } from 'zod'
import { ORG_KIND_KEYS } from '../../../domain/orgs/kinds.ts'
import { type App, ctxOf, zIdParams, zIsoDate, zUnitCode } from '../../platform/routes.ts'
import { retireOrg } from './history.ts'
import * as orgs from './service.ts'

const text = (max: number, what = 'Nội dung') =>
  z.string({ error: `${what} không được để trống.` }).trim().min(1, `${what} không được để trống.`).max(max, `${what} dài quá ${max} ký tự.`)
const zOrgInput = z.strictObject({
  name: text(200, 'Tên cơ quan'),
  kind: z.enum(ORG_KIND_KEYS, { error: 'Hãy chọn loại cơ quan, tổ chức.' }),
  unitCode: zUnitCode,
  parentId: z.number().int().positive().nullable().optional(),
  headName: z.string().trim().max(120, 'Tên người đứng đầu dài quá 120 ký tự.').nullable().optional(),
  headPosition: z.string().trim().max(200, 'Chức vụ dài quá 200 ký tự.').nullable().optional(),
  aliases: z.array(text(200, 'Tên gọi khác')).max(30, 'Tối đa 30 tên gọi khác.').optional(),
})

export function orgRoutes(app: App): void {
  app.get('/api/orgs', {
    schema: {
      tags: ['orgs'],
      summary: 'Danh sách cơ quan, tổ chức (tìm theo tên, tên viết tắt)',
      querystring: z.strictObject({
        q: z.string().max(100).optional(),
        kind: z.enum(ORG_KIND_KEYS).optional(),
        unitCode: zUnitCode.optional(),
        parentId: z.coerce.number().int().positive().optional(),
        ids: z
          .string()
          .regex(/^\d{1,15}(,\d{1,15}){0,499}$/, 'Danh sách mã cơ quan phân cách bằng dấu phẩy.')
          .transform((v) => v.split(',').map(Number))
          .optional(),
        status: z.enum(['current', 'historical']).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(200),
        offset: z.coerce.number().int().min(0).default(0),
      }),
    },
    handler: async (req) => orgs.pageOrgs(ctxOf(req, 'orgs:read'), req.query),
  })
  app.get('/api/orgs/groups', {
    schema: { tags: ['orgs'], summary: 'Nhóm nơi nhận (các sở, ban, ngành…)' },
    handler: async (req) => ({ groups: await orgs.listGroups(ctxOf(req, 'orgs:read')) }),
  })
  app.get('/api/orgs/:id', {
    schema: { tags: ['orgs'], summary: 'Một cơ quan, tổ chức', params: zIdParams },
    handler: async (req) => orgs.getOrg(ctxOf(req, 'orgs:read'), req.params.id),
  })
  app.post('/api/orgs', {
    schema: { tags: ['orgs'], summary: 'Thêm cơ quan, tổ chức', body: zOrgInput },
    handler: async (req, reply) => reply.status(201).send(await orgs.createOrg(ctxOf(req, 'orgs:write'), req.body)),
  })
  app.post('/api/orgs/:id/retire', {
    schema: {
      tags: ['orgs'],
      summary: 'Ghi nhận cơ quan thôi hoạt động (sáp nhập, đổi tên, chia tách) và cơ quan tiếp nhận; nhiệm vụ chưa hoàn thành chuyển cho cơ quan tiếp nhận',
      params: zIdParams,
      body: z.strictObject({
        validTo: zIsoDate,
        successors: z
          .array(z.strictObject({ orgId: z.number().int().positive(), kind: z.enum(['merged', 'renamed', 'split', 'transferred']) }))
          .min(1)
          .max(200),
        reason: z.string().trim().max(200).nullish(),
        note: z.string().trim().max(1000).nullish(),
      }),
    },
    handler: async (req) => retireOrg(ctxOf(req, 'orgs:write'), req.params.id, req.body),
  })
  app.patch('/api/orgs/:id', {
    schema: { tags: ['orgs'], summary: 'Sửa cơ quan, tổ chức', params: zIdParams, body: zOrgInput.partial() },
    handler: async (req) => orgs.updateOrg(ctxOf(req, 'orgs:write'), req.params.id, req.body),
  })
}
