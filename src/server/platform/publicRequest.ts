/**
 * Requests without an account: public forms and personal links. They act as a named anonymous
 * caller with no jurisdiction, and each address, link and form is held to a rate limit.
 */
import type { FastifyRequest } from 'fastify'
import { FailedLoginWindow, throttleAddress } from '../../domain/access/roles.ts'
import type { Access, Ctx } from './context.ts'
import { AppError } from './errors.ts'
import { ctxOf } from './routes.ts'

/** Who a public request acts as: the name the audit log records and the name shown. */
export interface PublicCaller {
  username: string
  displayName: string
}

/** An anonymous caller: no user, no unit, a unit path no unit has (so no jurisdiction). */
export function publicAccess(caller: PublicCaller): Access {
  return { userId: null, username: caller.username, displayName: caller.displayName, role: 'viewer', unitId: null, unitPath: '/-/', orgId: null }
}

/**
 * The use-case context of a public request, as a function of the request: the signed-in user's
 * when there is one (an officer opening the link), else `caller`, anonymous.
 */
export function publicContext(caller: PublicCaller): (req: FastifyRequest) => Ctx {
  const access = publicAccess(caller)
  return (req) => {
    if (req.session) return ctxOf(req)
    const deps = req.server.deps
    return { db: deps.db, now: deps.now, requestId: req.id, access }
  }
}

/**
 * How many requests a public route takes in sliding windows: from one address (an IPv6 address
 * counted by its /64), for one link, and from everyone together. The last two are optional.
 */
export interface PublicLimits {
  perAddress: number
  perAddressWindowMs: number
  perLink?: number
  perLinkWindowMs?: number
  overall?: number
  overallWindowMs?: number
}

/**
 * A rate limit on a public route. Each request, right or wrong, counts against its address, the
 * link it names (when given: a key, not necessarily the token itself) and everyone; one over any
 * window is refused with 429 TOO_MANY_REQUESTS and `message(minutes to wait)`, and not counted.
 */
export function publicRateLimit(limits: PublicLimits, message: (minutes: number) => string): (req: FastifyRequest, link?: string | null) => void {
  const window = (max: number | undefined, ms: number | undefined) => (max !== undefined && ms !== undefined ? new FailedLoginWindow(max, ms) : null)
  const perAddress = new FailedLoginWindow(limits.perAddress, limits.perAddressWindowMs)
  const perLink = window(limits.perLink, limits.perLinkWindowMs)
  const overall = window(limits.overall, limits.overallWindowMs)
  return (req, link) => {
    const now = req.server.deps.now().getTime()
    const counted: [FailedLoginWindow, string][] = [[perAddress, throttleAddress(req.ip)]]
    if (perLink && link) counted.push([perLink, link])
    if (overall) counted.push([overall, '*'])
    const wait = Math.max(...counted.map(([w, key]) => w.retryAfter(key, now)))
    if (wait > 0) throw new AppError(429, 'TOO_MANY_REQUESTS', message(Math.ceil(wait / 60_000)))
    for (const [w, key] of counted) w.record(key, now)
  }
}
