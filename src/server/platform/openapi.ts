import type { FastifySchema } from 'fastify'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'

/**
 * The OpenAPI document's view of every route, added to what the zod schemas say: the error body
 * every answer may carry, a description of success where the route declares no response schema,
 * and the CSRF header that state-changing requests need. Documentation only: validation and
 * serialisation still use the route's own schemas, so no reply changes.
 */

/** `{error:{code,message,details?}}`: every error answer, whatever raised it (see http.ts). */
export const ERROR_BODY = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Mã lỗi ổn định cho máy đọc, ví dụ VALIDATION, NOT_FOUND, CSRF' },
        message: { type: 'string', description: 'Thông báo tiếng Việt cho người dùng' },
        details: { description: 'Chi tiết (ví dụ các trường không hợp lệ)' },
      },
    },
  },
} as const

export const ERROR_STATUSES: Record<number, string> = {
  400: 'Dữ liệu không hợp lệ',
  401: 'Chưa đăng nhập',
  403: 'Không có quyền, ngoài địa bàn, hoặc thiếu mã chống giả mạo (x-csrf-token)',
  404: 'Không tìm thấy',
  409: 'Xung đột với dữ liệu đã có',
  413: 'Dữ liệu hoặc tệp quá lớn',
  415: 'Kiểu nội dung không được hỗ trợ',
  422: 'Không xử lý được nội dung',
  429: 'Quá nhiều yêu cầu',
  500: 'Lỗi hệ thống',
}

export const CSRF_HEADER = 'x-csrf-token'
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

type TransformInput = Parameters<typeof jsonSchemaTransform>[0]

export function documentRoute(input: TransformInput): ReturnType<typeof jsonSchemaTransform> {
  const out = jsonSchemaTransform(input)
  const schema = { ...(out.schema as FastifySchema & Record<string, unknown>) }
  if (schema.hide) return out
  const response: Record<string, unknown> = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) }
  if (!Object.keys(response).some((code) => code.startsWith('2'))) {
    response['2xx'] = { description: 'Thành công', type: 'object', additionalProperties: true }
  }
  for (const [code, description] of Object.entries(ERROR_STATUSES)) {
    if (!(code in response)) response[code] = { description, ...ERROR_BODY }
  }
  schema.response = response
  const methods = Array.isArray(input.route.method) ? input.route.method : [input.route.method]
  const isPublic = (input.route.config as { public?: boolean } | undefined)?.public === true
  if (!isPublic && methods.some((m) => UNSAFE.has(m))) {
    const headers = (schema.headers as { type?: string; properties?: Record<string, unknown>; required?: string[] } | undefined) ?? { type: 'object' }
    schema.headers = {
      ...headers,
      type: 'object',
      properties: {
        ...(headers.properties ?? {}),
        [CSRF_HEADER]: { type: 'string', description: 'Mã chống giả mạo của phiên (csrfToken trong câu trả lời đăng nhập)' },
      },
      required: [...new Set([...(headers.required ?? []), CSRF_HEADER])],
    }
  }
  return { ...out, schema }
}
