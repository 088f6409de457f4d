import { z } from 'zod'
import { FailedLoginWindow, PERMISSIONS, ROLE_KEYS, ROLE_PERMISSIONS, ROLES, throttleAddress } from '../../../domain/access/roles.ts'
import { AppError } from '../../platform/errors.ts'
import { type App, ctxOf, zIdParams, zOk, zUnitCode } from '../../platform/routes.ts'
import * as access from './service.ts'

export const SESSION_COOKIE = 'pd_session'

const zUserCreate = z.strictObject({
  username: z
    .string({ error: 'Tên đăng nhập không được để trống.' })
    .trim()
    .min(1, 'Tên đăng nhập không được để trống.')
    .regex(/^[a-zA-Z0-9._-]{3,40}$/, 'Tên đăng nhập 3–40 ký tự: chữ không dấu, số, dấu chấm, gạch.'),
  password: z.string({ error: 'Mật khẩu không được để trống.' }).min(8, 'Mật khẩu phải có ít nhất 8 ký tự.').max(200, 'Mật khẩu dài quá 200 ký tự.'),
  displayName: z.string({ error: 'Họ tên không được để trống.' }).trim().min(1, 'Họ tên không được để trống.').max(120, 'Họ tên dài quá 120 ký tự.'),
  role: z.enum(ROLE_KEYS as [keyof typeof ROLES, ...(keyof typeof ROLES)[]], { error: 'Hãy chọn một vai trò.' }),
  unitCode: zUnitCode,
  orgId: z.number({ error: 'Mã cơ quan không hợp lệ.' }).int().positive().nullable().optional(),
})

export function accessRoutes(app: App): void {
  const loginThrottle = new FailedLoginWindow()
  app.post('/api/auth/login', {
    config: { public: true },
    schema: {
      tags: ['auth'],
      summary: 'Đăng nhập; đặt cookie phiên',
      body: z.strictObject({
        username: z.string().trim().min(1, 'Tên đăng nhập không được để trống.').max(100),
        password: z.string().min(1, 'Mật khẩu không được để trống.').max(200),
      }),
    },
    handler: async (req, reply) => {
      const deps = req.server.deps
      const now = deps.now()
      // req.ip is the socket's address unless TRUST_PROXY names the proxy in front (see app.ts).
      // Counted per IPv4 address or IPv6 /64 network.
      const network = throttleAddress(req.ip)
      const wait = loginThrottle.retryAfter(network, now.getTime())
      if (wait > 0) {
        throw new AppError(429, 'TOO_MANY_REQUESTS', `Quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng đợi ${Math.ceil(wait / 60_000)} phút rồi thử lại.`)
      }
      const result = await access.login(deps.db, req.body, now, { address: req.ip, requestId: req.id }).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'INVALID_CREDENTIALS') loginThrottle.record(network, now.getTime())
        throw err
      })
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        // HTTPS directly, or X-Forwarded-Proto from a trusted proxy; plain http (local use) stays usable.
        secure: req.protocol === 'https',
        expires: result.expiresAt,
      })
      return { user: result.user, csrfToken: result.csrfToken, permissions: ROLE_PERMISSIONS[result.user.role as keyof typeof ROLES] }
    },
  })

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: 'Đăng xuất', body: z.strictObject({}).nullish(), response: { 200: zOk } },
    handler: async (req, reply) => {
      ctxOf(req)
      if (req.session) await access.logout(req.server.deps.db, req.session)
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return { ok: true as const }
    },
  })

  app.get('/api/auth/me', {
    schema: { tags: ['auth'], summary: 'Người dùng hiện tại, quyền và mã chống CSRF' },
    handler: async (req) => {
      const ctx = ctxOf(req)
      const s = req.session!
      const profile = await access.profile(ctx, req.server.deps.provinceCode)
      return {
        user: { ...ctx.access, locale: s.locale, ...profile.user },
        permissions: ROLE_PERMISSIONS[ctx.access.role],
        csrfToken: s.csrfToken,
        provinceCode: req.server.deps.provinceCode,
        province: profile.province,
      }
    },
  })

  app.put('/api/auth/locale', {
    schema: { tags: ['auth'], summary: 'Đổi ngôn ngữ giao diện', body: z.strictObject({ locale: z.enum(['vi', 'en']) }), response: { 200: zOk } },
    handler: async (req) => {
      await access.setLocale(ctxOf(req), req.body.locale)
      return { ok: true as const }
    },
  })

  app.get('/api/roles', {
    schema: { tags: ['users'], summary: 'Vai trò và quyền' },
    handler: async (req) => {
      ctxOf(req)
      return {
        permissions: PERMISSIONS,
        roles: ROLE_KEYS.map((key) => ({ key, name: ROLES[key].vi, nameEn: ROLES[key].en, permissions: ROLE_PERMISSIONS[key] })),
      }
    },
  })

  app.get('/api/users', {
    config: { personal: true },
    schema: { tags: ['users'], summary: 'Người dùng trong địa bàn', querystring: z.strictObject({ unitCode: zUnitCode.optional() }) },
    handler: async (req) => ({ users: await access.listUsers(ctxOf(req, 'users:admin'), req.query) }),
  })
  app.get('/api/users/:id', {
    config: { personal: true },
    schema: { tags: ['users'], summary: 'Một người dùng', params: zIdParams },
    handler: async (req) => access.getUser(ctxOf(req, 'users:admin'), req.params.id),
  })
  app.post('/api/users', {
    config: { personal: true },
    schema: { tags: ['users'], summary: 'Tạo người dùng', body: zUserCreate },
    handler: async (req, reply) => reply.status(201).send(await access.createUser(ctxOf(req, 'users:admin'), req.body)),
  })
  app.patch('/api/users/:id', {
    config: { personal: true },
    schema: {
      tags: ['users'],
      summary: 'Sửa người dùng (vai trò, địa bàn, khóa, đặt lại mật khẩu)',
      params: zIdParams,
      body: zUserCreate.omit({ username: true }).partial().extend({ active: z.boolean().optional() }),
    },
    handler: async (req) => access.updateUser(ctxOf(req, 'users:admin'), req.params.id, req.body),
  })
}
