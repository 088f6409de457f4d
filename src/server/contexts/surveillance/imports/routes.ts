import { z } from 'zod'
import { IMPORT_KINDS } from '../../../../domain/surveillance/importColumns.ts'
import { attachment, type App, ctxOf, zId } from '../../../platform/routes.ts'
import * as imports from './service.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function surveillanceImportRoutes(app: App): void {
  app.post('/api/surveillance/imports', {
    config: { personal: true },
    schema: {
      tags: ['surveillance'],
      summary:
        'Nhập ca bệnh, người tiếp xúc hoặc kết quả xét nghiệm từ tệp CSV/XLSX đã gửi (POST /api/uploads?purpose=surveillance); chạy nền, kết quả {inserted, updated, rejected, errorsFile}',
      body: z.strictObject({
        kind: z.enum(IMPORT_KINDS, { message: 'Loại dữ liệu: cases (ca bệnh), contacts (người tiếp xúc) hoặc tests (kết quả xét nghiệm).' }),
        uploadId: zId,
        source: z.string().trim().min(1, 'Tên nguồn dữ liệu không được để trống.').max(60, 'Tên nguồn dữ liệu tối đa 60 ký tự.').optional(),
      }),
    },
    handler: async (req, reply) => reply.status(202).send(await imports.startImport(ctxOf(req, 'surveillance:import'), req.body)),
  })
  app.get('/api/surveillance/imports/templates/:kind', {
    schema: {
      tags: ['surveillance'],
      summary: 'Tệp mẫu (.xlsx) để nhập: tiêu đề các cột, một dòng ví dụ và ghi chú từng cột',
      params: z.strictObject({ kind: z.enum(IMPORT_KINDS, { message: 'Loại tệp mẫu: cases, contacts hoặc tests.' }) }),
    },
    handler: async (req, reply) => {
      const t = await imports.importTemplate(ctxOf(req, 'surveillance:import'), req.params.kind)
      return reply.header('content-type', XLSX).header('content-disposition', attachment(t.fileName)).send(t.content)
    },
  })
}
