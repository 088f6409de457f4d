import { z } from 'zod'
import type { Permission } from '../../../domain/access/roles.ts'
import { UPLOAD_LIMITS, UPLOAD_PURPOSES, type UploadPurpose } from '../../../domain/files/limits.ts'
import { hasPermission } from '../../platform/context.ts'
import { AppError, badRequest, forbidden } from '../../platform/errors.ts'
import { type App, ctxOf } from '../../platform/routes.ts'
import { checkFileName, fileTooLarge, saveUpload } from './service.ts'

/** Who may send a file for each purpose: those who may use it for that purpose (any of these). */
const PURPOSE_PERMISSION: Record<UploadPurpose, readonly Permission[]> = {
  document: ['directives:read'],
  // Tables are imported as populations, facilities, vaccination figures…
  table: ['units:import', 'safety:import', 'vaccination:import'],
  geojson: ['units:import'],
  attachment: ['directives:report'],
  surveillance: ['surveillance:import'],
}

/** Room for the multipart envelope around the file. */
const ENVELOPE = 16 * 1024

export function uploadRoutes(app: App): void {
  app.post('/api/uploads', {
    schema: {
      tags: ['uploads'],
      summary:
        'Gửi một tệp (multipart/form-data, trường "file"); trả về mã tệp để dùng khi đọc văn bản, nhập dữ liệu hoặc đính kèm báo cáo. Giới hạn: văn bản 10 MB, bảng 64 MB, ranh giới 32 MB, đính kèm 10 MB, dữ liệu giám sát 256 MB',
      querystring: z.strictObject({ purpose: z.enum(UPLOAD_PURPOSES) }),
      consumes: ['multipart/form-data'],
    },
    handler: async (req, reply) => {
      const purpose = req.query.purpose
      const ctx = ctxOf(req)
      if (!PURPOSE_PERMISSION[purpose].some((p) => hasPermission(ctx.access, p))) throw forbidden()
      const limit = UPLOAD_LIMITS[purpose].maxBytes
      // A declared length over the limit is refused before a byte of the body is read.
      const declared = Number(req.headers['content-length'] ?? Number.NaN)
      if (Number.isFinite(declared) && declared > limit + ENVELOPE) throw fileTooLarge(purpose)
      if (!req.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Tệp phải được gửi dạng multipart/form-data (trường "file").')
      const part = await req.file({ limits: { fileSize: limit, files: 1, fields: 2, parts: 3, fieldSize: 1024 } })
      if (part?.fieldname !== 'file') throw badRequest('NO_FILE', 'Không có tệp nào trong trường "file".')
      const fileName = checkFileName(purpose, part.filename)
      // Stored as it arrives; the parser stops at the first byte over the limit and marks the file cut.
      const saved = await saveUpload(ctx, purpose, fileName, part.file, {
        ...(Number.isFinite(declared) ? { expectedBytes: declared } : {}),
        truncated: () => part.file.truncated,
      }).finally(() => part.file.resume())
      return reply.status(201).send(saved)
    },
  })
}
