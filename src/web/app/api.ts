/** A failed API call: the server's stable code, its Vietnamese message and the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let csrfToken: string | null = null
let onUnauthorized: (() => void) | null = null

/** The CSRF token comes with the session (login, /api/auth/me) and must go with every change. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** The session provider registers how to leave for the login page when the session has ended. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler
}

/**
 * A server view as it arrives over JSON: Date objects are sent as ISO strings. Screens take their
 * response types from the server's own views through this, so the two cannot drift apart.
 */
export type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T

export type Query = Record<string, string | number | boolean | null | undefined>

export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  }
  const s = params.toString()
  return s ? `${path}?${s}` : path
}

interface RequestOptions {
  method?: string
  body?: unknown
  query?: Query
  signal?: AbortSignal
  /** Login answers 401 for a wrong password: that must stay on the form, not redirect. */
  allowUnauthenticated?: boolean
}

function isErrorBody(v: unknown): v is { error: { code: string; message: string; details?: unknown } } {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false
  const e = (v as { error: unknown }).error
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string'
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET'
  const headers: Record<string, string> = { accept: 'application/json' }
  const form = opts.body instanceof FormData
  // A FormData body sets its own multipart content type, boundary included.
  if (opts.body !== undefined && !form) headers['content-type'] = 'application/json'
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken
  let res: Response
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? null : form ? (opts.body as FormData) : JSON.stringify(opts.body),
      signal: opts.signal ?? null,
    })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.')
  }
  const text = await res.text()
  let data: unknown = null
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }
  if (!res.ok) {
    if (res.status === 401 && !opts.allowUnauthenticated) onUnauthorized?.()
    if (isErrorBody(data)) throw new ApiError(res.status, data.error.code, data.error.message, data.error.details)
    throw new ApiError(res.status, 'HTTP', `Lỗi máy chủ (mã ${res.status}). Vui lòng thử lại sau.`)
  }
  return data as T
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>(path, { query, ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body: unknown = {}) => request<T>(path, { method: 'POST', body }),
  put: <T>(path: string, body: unknown = {}) => request<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body: unknown = {}) => request<T>(path, { method: 'PATCH', body }),
  delete: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
}
