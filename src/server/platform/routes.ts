import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { isIsoDate } from '../../domain/text/dates.ts'
import type { Permission } from '../../domain/access/roles.ts'
import type { SessionAccess } from '../contexts/access/service.ts'
import { type Ctx, requirePermission } from './context.ts'
import { unauthenticated } from './errors.ts'
import type { JobRunner } from './jobs.ts'
import type { DB } from './schema.ts'

export interface Deps {
  db: Kysely<DB>
  engine: 'embedded' | 'postgres'
  now: () => Date
  jobs: JobRunner
  provinceCode: string
  version: string
}

export interface RouteInfo {
  method: string
  url: string
  public: boolean
  personal: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps
    /** Every API route, for the tests that must cover all of them. */
    routeTable: RouteInfo[]
  }
  interface FastifyRequest {
    session: SessionAccess | null
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, the OpenAPI document). */
    public?: boolean
    /** Returns or changes person-level data: covered by the jurisdiction test. */
    personal?: boolean
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>

/** The use-case context of an authenticated request holding `permission`. */
export function ctxOf(req: FastifyRequest, permission?: Permission): Ctx {
  const session = req.session
  if (!session) throw unauthenticated()
  if (permission) requirePermission(session.access, permission)
  const deps = req.server.deps
  return { db: deps.db, access: session.access, requestId: req.id, now: deps.now }
}

export const zUnitCode = z
  .string()
  .regex(/^\d{2,5}(\.\d{2,3}){0,3}$/, 'Mã đơn vị gồm 2–5 chữ số (và phần mở rộng .NN cho ấp, tổ).')
/** A calendar date, YYYY-MM-DD, between 1900 and 2100: a birth in 9999 or a 31 February is refused clearly. */
export const zIsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày theo dạng YYYY-MM-DD.')
  .refine((v) => isIsoDate(v) && v >= '1900-01-01' && v <= '2100-12-31', 'Ngày không có thật hoặc ngoài khoảng 1900–2100.')
export const zId = z.coerce.number().int().positive().max(2 ** 53)
export const zIdParams = z.strictObject({ id: zId })
export const zOk = z.object({ ok: z.literal(true) })

/** A Content-Disposition naming a download: an ASCII fallback and the Vietnamese name (RFC 6266). */
export function attachment(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}
