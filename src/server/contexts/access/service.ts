import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import type { Kysely } from 'kysely'
import { accountDelayMs, isRole, LOGIN_THROTTLE, pairBlockMs, type Role, throttleAddress } from '../../../domain/access/roles.ts'
import { type Access, auditRead, type Ctx, inTransaction, isWithin, requirePermission } from '../../platform/context.ts'
import { AppError, badRequest, notFound, outsideJurisdiction } from '../../platform/errors.ts'
import type { DB } from '../../platform/schema.ts'
import { getUnit, getUnitById, presentUnit } from '../units/service.ts'
import { oneAtATime } from '../../platform/serial.ts'
import { coalesce } from '../../platform/coalesce.ts'
import * as repo from './repo.ts'

export const SESSION_HOURS = 12

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

// Argon2id with the library's defaults (19 MiB, t=2), the OWASP minimum.
export const hashPassword = (password: string) => hash(password, { algorithm: 2 })

export interface LoginResult {
  token: string
  csrfToken: string
  expiresAt: Date
  user: PublicUser
}

export interface PublicUser {
  id: number
  username: string
  displayName: string
  role: string
  unitId: string
  unitName: string
  orgId: number | null
  orgName: string | null
  active: boolean
  locale: string
  lastLoginAt: string | null
}

export function presentUser(u: repo.UserRow): PublicUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    unitId: u.unitId,
    unitName: u.unitName,
    orgId: u.orgId,
    orgName: u.orgName,
    active: u.active,
    locale: u.locale,
    lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
  }
}

/**
 * Verified when the name is unknown, so that an unknown name takes as long as a wrong password.
 * Same algorithm and parameters as `hashPassword`; no password anyone types matches it.
 */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$L7VPoHl4rsnOrNBx5TRMgg$jvCvNolNI0GP0wOIV2Sjk4kyM/BIX67wY9tuDYAQTFs'

/** The one answer to every refused login: unknown name, wrong password, disabled account, throttled. */
export const invalidLogin = () =>
  new AppError(401, 'INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng. Nếu đã nhập sai nhiều lần, vui lòng đợi vài phút rồi thử lại.')

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export interface LoginOptions {
  /** The client's address as the server sees it (after the trusted proxies, if any). */
  address: string
  requestId?: string | undefined
  /** How the account delay is waited (tests may replace it). */
  wait?: (ms: number) => Promise<void>
}

/**
 * Signs a user in. Failures are counted per (name, address) pair, see `LOGIN_THROTTLE`: a pair that
 * keeps failing is refused for a while, while the right password from another address still works.
 * Every refusal answers the same way, after the same work (one password hash verified), so neither
 * the answer nor its timing tells whether the account exists, is disabled or is being throttled.
 */
export function login(db: Kysely<DB>, input: { username: string; password: string }, now: Date, opts: LoginOptions): Promise<LoginResult> {
  // Attempts of one (name, address) pair run one at a time, so that attempts sent together are
  // each counted before the next is judged, rather than all judged against the same count.
  const username = input.username.trim().toLowerCase()
  const network = throttleAddress(opts.address)
  return oneAtATime(`${username}\n${network}`, () => attempt(db, username, input, now, opts, network))
}

async function attempt(
  db: Kysely<DB>,
  username: string,
  input: { username: string; password: string },
  now: Date,
  opts: LoginOptions,
  /** Where failures are counted: the address, or its IPv6 /64 network. */
  network: string,
): Promise<LoginResult> {
  const { address, requestId } = opts
  const forgetBefore = new Date(now.getTime() - LOGIN_THROTTLE.forgetAfterMs)
  const state = await repo.loginThrottleState(db, username, network, forgetBefore, new Date(now.getTime() - LOGIN_THROTTLE.accountWindowMs))
  // Many failures on this name from everywhere: every attempt waits a little, right or wrong.
  const delay = accountDelayMs(state.accountFailures)
  if (delay > 0) await (opts.wait ?? pause)(delay)
  const user = await repo.findUserByUsername(db, username)
  const refused = state.blockedUntil !== null && state.blockedUntil > now
  const matches = await verify(user?.passwordHash ?? DUMMY_HASH, input.password).catch(() => false)
  if (!user?.active || refused || !matches) {
    await db.transaction().execute(async (tx) => {
      if (!refused) await repo.recordLoginFailure(tx, { username, address: network, now, forgetBefore, blockFor: pairBlockMs })
      await repo.pruneLoginFailures(tx, forgetBefore)
      await repo.insertAuthEvent(tx, {
        actorId: user?.id ?? null,
        actorName: user?.username ?? input.username.slice(0, 100),
        action: 'login_failed',
        ...(requestId ? { requestId } : {}),
        detail: refused ? { address, throttled: true } : { address },
      })
    })
    throw invalidLogin()
  }
  const token = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(24).toString('base64url')
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000)
  await db.transaction().execute(async (tx) => {
    await repo.insertSession(tx, { id: sha256(token), userId: user.id, csrfToken, expiresAt })
    await repo.clearLoginFailures(tx, username, network)
    await repo.updateUser(tx, user.id, { lastLoginAt: now })
    await repo.insertAuthEvent(tx, { actorId: user.id, actorName: user.username, action: 'login', ...(requestId ? { requestId } : {}), detail: { address } })
  })
  return { token, csrfToken, expiresAt, user: presentUser(user) }
}

export interface SessionAccess {
  access: Access
  sessionId: string
  csrfToken: string
  locale: string
}

export function resolveSession(db: Kysely<DB>, token: string, now: Date): Promise<SessionAccess | null> {
  // Requests of one session arriving together (a page's reads) share one lookup.
  const id = sha256(token)
  return coalesce(db, `session:${id}`, () => lookUpSession(db, id, now))
}

async function lookUpSession(db: Kysely<DB>, id: string, now: Date): Promise<SessionAccess | null> {
  const s = await repo.findSession(db, id, now)
  if (!s?.active || !isRole(s.role)) return null
  // Sliding expiry, refreshed at most once a minute of use.
  const renewed = new Date(now.getTime() + SESSION_HOURS * 3600_000)
  if (renewed.getTime() - new Date(s.expiresAt).getTime() > 60_000) await repo.touchSession(db, s.sessionId, renewed)
  return {
    sessionId: s.sessionId,
    csrfToken: s.csrfToken,
    locale: s.locale,
    access: {
      userId: s.userId,
      username: s.username,
      displayName: s.displayName,
      role: s.role,
      unitId: s.unitId,
      unitPath: s.unitPath,
      orgId: s.orgId,
    },
  }
}

export async function logout(db: Kysely<DB>, session: SessionAccess): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await repo.deleteSession(tx, session.sessionId)
    await repo.insertAuthEvent(tx, { actorId: session.access.userId, actorName: session.access.username, action: 'logout' })
  })
}

export interface UserInput {
  username: string
  password: string
  displayName: string
  role: Role
  unitCode: string
  orgId?: number | null | undefined
}

async function resolveUnitForUser(ctx: Ctx, unitCode: string) {
  const unit = await getUnit(ctx, unitCode)
  if (!isWithin(ctx.access, unit.path)) throw outsideJurisdiction()
  return unit
}

/**
 * A user reports in the name of the body they are bound to, so the binding is checked like a unit:
 * the body must lie inside the administrator's jurisdiction, and on the user's own branch of the
 * tree — at the user's unit, below it (a commune's bodies for a district user) or above it (the
 * provincial border guard for an officer posted in a border commune), never in another commune.
 */
async function checkOrgBinding(ctx: Ctx, orgId: number, userUnitPath: string): Promise<void> {
  const org = await repo.orgPlace(ctx.db, orgId)
  if (!org) throw notFound('cơ quan, tổ chức')
  if (!isWithin(ctx.access, org.unitPath)) {
    throw new AppError(403, 'ORG_OUTSIDE_JURISDICTION', `Không thể gắn người dùng với "${org.name}": cơ quan này nằm ngoài địa bàn bạn được phân quyền.`)
  }
  if (!org.unitPath.startsWith(userUnitPath) && !userUnitPath.startsWith(org.unitPath)) {
    throw new AppError(
      403,
      'ORG_OUTSIDE_USER_UNIT',
      `Không thể gắn người dùng với "${org.name}": cơ quan phải ở đơn vị của người dùng, ở cấp trên hoặc cấp dưới của đơn vị đó.`,
    )
  }
}

export function validatePassword(password: string): void {
  if (password.length < 8) throw badRequest('WEAK_PASSWORD', 'Mật khẩu phải có ít nhất 8 ký tự.')
}

export async function createUser(ctx: Ctx, input: UserInput): Promise<PublicUser> {
  requirePermission(ctx.access, 'users:admin')
  validatePassword(input.password)
  const unit = await resolveUnitForUser(ctx, input.unitCode)
  if (input.orgId != null) await checkOrgBinding(ctx, input.orgId, unit.path)
  const passwordHash = await hashPassword(input.password)
  return inTransaction(ctx, async (tx) => {
    const username = input.username.trim().toLowerCase()
    if (await repo.findUserByUsername(tx.db, username)) {
      throw new AppError(409, 'USERNAME_TAKEN', `Tên đăng nhập "${username}" đã được dùng.`)
    }
    const id = await repo.insertUser(tx.db, {
      username,
      passwordHash,
      displayName: input.displayName,
      role: input.role,
      unitId: unit.id,
      orgId: input.orgId ?? null,
    })
    return getUser(tx, id)
  })
}

export async function getUser(ctx: Ctx, id: number): Promise<PublicUser> {
  requirePermission(ctx.access, 'users:admin')
  const u = await repo.findUserById(ctx.db, ctx.access, id)
  if (!u) throw notFound('người dùng')
  await auditRead(ctx, 'users', [{ id: u.id, unitPath: u.unitPath }])
  return presentUser(u)
}

export async function listUsers(ctx: Ctx, filter: { unitCode?: string | undefined } = {}): Promise<PublicUser[]> {
  requirePermission(ctx.access, 'users:admin')
  const unitPath = filter.unitCode ? (await resolveUnitForUser(ctx, filter.unitCode)).path : undefined
  const rows = await repo.listUsers(ctx.db, ctx.access, unitPath)
  await auditRead(ctx, 'users', rows.map((r) => ({ id: r.id })))
  return rows.map(presentUser)
}

export interface UserPatch {
  displayName?: string | undefined
  role?: Role | undefined
  unitCode?: string | undefined
  orgId?: number | null | undefined
  active?: boolean | undefined
  password?: string | undefined
}

export async function updateUser(ctx: Ctx, id: number, patch: UserPatch): Promise<PublicUser> {
  requirePermission(ctx.access, 'users:admin')
  const current = await repo.findUserById(ctx.db, ctx.access, id)
  if (!current) throw notFound('người dùng')
  if (patch.password !== undefined) validatePassword(patch.password)
  const unit = patch.unitCode ? await resolveUnitForUser(ctx, patch.unitCode) : undefined
  // A new body, or a new unit that the current body must still fit.
  const orgId = patch.orgId !== undefined ? patch.orgId : current.orgId
  if (orgId !== null && (patch.orgId !== undefined || unit)) await checkOrgBinding(ctx, orgId, unit?.path ?? current.unitPath)
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined
  return inTransaction(ctx, async (tx) => {
    await repo.updateUser(tx.db, id, {
      ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(unit ? { unitId: unit.id } : {}),
      ...(patch.orgId !== undefined ? { orgId: patch.orgId } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(passwordHash ? { passwordHash } : {}),
    })
    if (patch.active === false || passwordHash) await repo.deleteUserSessions(tx.db, id)
    // A new password starts afresh everywhere.
    if (passwordHash) await repo.clearLoginFailures(tx.db, current.username)
    return getUser(tx, id)
  })
}

export async function setLocale(ctx: Ctx, locale: 'vi' | 'en'): Promise<void> {
  if (ctx.access.userId === null) return
  const userId = ctx.access.userId
  await inTransaction(ctx, (tx) => repo.updateUser(tx.db, userId, { locale }))
}

/** Names for the header: the caller's unit and body, and the province served. */
export async function profile(ctx: Ctx, provinceCode: string) {
  const province = presentUnit(await getUnit(ctx, provinceCode))
  const unit = ctx.access.unitId ? presentUnit(await getUnitById(ctx, ctx.access.unitId)) : province
  const org = ctx.access.orgId ? await repo.orgName(ctx.db, ctx.access.orgId) : null
  return {
    user: { unitCode: unit.code, unitName: unit.name, unitFullName: unit.fullName, orgName: org },
    province: { code: province.code, name: province.name, fullName: province.fullName },
  }
}
