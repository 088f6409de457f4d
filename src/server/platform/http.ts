import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { AppError } from './errors.ts'

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown }
}

const FASTIFY_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'INVALID_JSON', 'Nội dung gửi lên không phải JSON hợp lệ.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'INVALID_JSON', 'Nội dung gửi lên đang trống.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'BODY_TOO_LARGE', 'Nội dung gửi lên quá lớn.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'Định dạng nội dung không được hỗ trợ.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'INVALID_CONTENT_LENGTH', 'Độ dài nội dung không khớp.'],
  FST_ERR_VALIDATION: [400, 'VALIDATION', 'Dữ liệu không hợp lệ.'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'Tệp phải được gửi dạng multipart/form-data.'],
  FST_PARTS_LIMIT: [413, 'TOO_MANY_PARTS', 'Mỗi lần chỉ gửi một tệp.'],
  FST_FILES_LIMIT: [413, 'TOO_MANY_FILES', 'Mỗi lần chỉ gửi một tệp.'],
  FST_FIELDS_LIMIT: [413, 'TOO_MANY_FIELDS', 'Mỗi lần chỉ gửi một tệp.'],
  FST_REQ_FILE_TOO_LARGE: [413, 'FILE_TOO_LARGE', 'Tệp vượt giới hạn dung lượng.'],
  FST_PROTO_VIOLATION: [400, 'INVALID_MULTIPART', 'Nội dung multipart không hợp lệ.'],
}

// PostgreSQL error classes that mean "the input was wrong", not "the system broke".
const PG_ERRORS: Record<string, [number, string, string]> = {
  '23505': [409, 'DUPLICATE', 'Bản ghi đã tồn tại (trùng mã hoặc tên).'],
  '23503': [400, 'REFERENCE_NOT_FOUND', 'Dữ liệu tham chiếu không tồn tại.'],
  '23514': [400, 'CONSTRAINT', 'Dữ liệu vi phạm ràng buộc.'],
  '23502': [400, 'MISSING_VALUE', 'Thiếu giá trị bắt buộc.'],
  '22P02': [400, 'INVALID_VALUE', 'Giá trị không hợp lệ.'],
  '22003': [400, 'OUT_OF_RANGE', 'Giá trị vượt quá giới hạn.'],
  '22007': [400, 'INVALID_DATE', 'Ngày tháng không hợp lệ.'],
  '22008': [400, 'INVALID_DATE', 'Ngày tháng không hợp lệ.'],
  '22001': [400, 'TOO_LONG', 'Giá trị quá dài.'],
  '22021': [400, 'INVALID_ENCODING', 'Ký tự không hợp lệ.'],
}

export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const error: ErrorBody['error'] = { code: err.code, message: err.message }
    if (err.details !== undefined) error.details = err.details
    return { status: err.status, body: { error } }
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      path: v.instancePath || '/',
      message: v.message,
    }))
    const first = details[0]
    const where = first ? ` (${err.validationContext ?? ''}${first.path === '/' ? '' : first.path})` : ''
    // Our own rules speak Vietnamese; the validator's stock messages do not, and are left out.
    const why = first?.message && /[À-ỹ]/.test(first.message) ? `: ${first.message.replace(/\.$/, '')}` : ''
    return {
      status: 400,
      body: { error: { code: 'VALIDATION', message: `Dữ liệu không hợp lệ${where}${why}.`, details } },
    }
  }
  const e = err as Partial<FastifyError> & { code?: string }
  const known = e.code ? (FASTIFY_ERRORS[e.code] ?? PG_ERRORS[e.code]) : undefined
  if (known) return { status: known[0], body: { error: { code: known[1], message: known[2] } } }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: { error: { code: 'BAD_REQUEST', message: 'Yêu cầu không hợp lệ.' } } }
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Lỗi hệ thống. Vui lòng thử lại sau.' } } }
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, req: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toErrorBody(err)
    if (status >= 500) req.log.error({ err }, 'unhandled error')
    return reply.status(status).send(body)
  })
}
