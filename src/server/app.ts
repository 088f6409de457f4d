import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import compress from '@fastify/compress'
import cookie from '@fastify/cookie'
import helmet from '@fastify/helmet'
import multipart from '@fastify/multipart'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import Fastify, { type FastifyRequest } from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { analyticsRoutes } from './contexts/analytics/routes.ts'
import { boardRoutes } from './contexts/board/routes.ts'
import { accessRoutes, SESSION_COOKIE } from './contexts/access/routes.ts'
import { resolveSession } from './contexts/access/service.ts'
import { auditRoutes } from './contexts/audit/routes.ts'
import { careRoutes } from './contexts/care/routes.ts'
import { cascadeRoutes } from './contexts/directives/cascadeRoutes.ts'
import { directiveRoutes } from './contexts/directives/routes.ts'
import { healthRoutes } from './contexts/health/routes.ts'
import { jobRoutes } from './contexts/jobs/routes.ts'
import { levelRoutes } from './contexts/levels/routes.ts'
import { notificationRoutes } from './contexts/notifications/routes.ts'
import { orgRoutes } from './contexts/orgs/routes.ts'
import { peopleRoutes } from './contexts/people/routes.ts'
import { surveillanceRoutes } from './contexts/surveillance/routes.ts'
import { quarantineRoutes } from './contexts/quarantine/routes.ts'
import { entryRoutes } from './contexts/entry/routes.ts'
import { safetyRoutes } from './contexts/safety/routes.ts'
import { eventsRoutes } from './contexts/events/routes.ts'
import { vaccinationRoutes } from './contexts/vaccination/routes.ts'
import { enforcementRoutes } from './contexts/enforcement/routes.ts'
import { unitRoutes } from './contexts/units/routes.ts'
import { uploadRoutes } from './contexts/uploads/routes.ts'
import { loadConfig, type TrustProxy } from './platform/config.ts'
import { AppError, unauthenticated } from './platform/errors.ts'
import { installErrorHandling } from './platform/http.ts'
import { documentRoute } from './platform/openapi.ts'
import type { App, Deps, RouteInfo } from './platform/routes.ts'

export const webDist = fileURLToPath(new URL('../../dist/web/', import.meta.url))

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export interface AppOptions {
  logger?: boolean
  /** Serve the built web app from dist/web (off in API tests). */
  web?: boolean
  /** Where the built web app is (dist/web unless a test says otherwise). */
  webRoot?: string
  /** Whose X-Forwarded-* headers to believe; TRUST_PROXY from the environment unless given. */
  trustProxy?: TrustProxy
}

/**
 * For the built web app: its scripts and styles are files from this server (Vite emits no inline
 * script and the code needs no eval). Components set sizes and colours through the CSSOM, which the
 * policy allows. MapLibre starts its worker from our file or, as a fallback, a blob: URL; its
 * controls draw icons from data: URIs.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    workerSrc: ["'self'", 'blob:'],
    childSrc: ["'self'", 'blob:'],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
}

/** Fastify's form of TRUST_PROXY: a number of hops becomes "the nearest n hops". */
function proxyTrust(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust
}

export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ? { level: 'info' } : false,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    genReqId: () => crypto.randomUUID(),
    // Off unless TRUST_PROXY says so: otherwise a client could pick its own address for the login throttle.
    trustProxy: proxyTrust(opts.trustProxy ?? loadConfig().trustProxy),
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.decorate('deps', deps)
  const routeTable: RouteInfo[] = []
  app.decorate('routeTable', routeTable)
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method]
    for (const method of methods) {
      if (method === 'HEAD' || !r.url.startsWith('/api/')) continue
      routeTable.push({ method, url: r.url, public: r.config?.public === true, personal: r.config?.personal === true })
    }
  })
  app.decorateRequest('session', null)
  installErrorHandling(app)

  await app.register(cookie)
  // Files arrive as multipart streams; each upload route sets its own size limit (see domain/files).
  await app.register(multipart, { limits: { fileSize: 64 * 1024 * 1024, files: 1, fields: 5, parts: 6, headerPairs: 100 } })
  await app.register(helmet, {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Only browsers that reached us over HTTPS keep this; plain http on a local network is unaffected.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  })
  // Boundaries and lists are large JSON; phones on provincial networks benefit from gzip.
  await app.register(compress, { global: true, threshold: 2048, encodings: ['gzip'] })
  await app.register(swagger, {
    openapi: {
      info: { title: 'phongdich API', version: deps.version, description: 'Hệ thống chỉ huy phòng, chống dịch cấp tỉnh' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    // Adds the error answers, success where undocumented, and the CSRF header (documentation only).
    transform: documentRoute,
  })

  // Authenticate every API request from its session cookie; state changes also need the CSRF token.
  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/')) return
    const token = req.cookies[SESSION_COOKIE]
    if (token) req.session = await resolveSession(deps.db, token, deps.now())
    if (req.routeOptions.config?.public) return
    if (!req.session) throw unauthenticated()
    if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== req.session.csrfToken) {
      throw new AppError(403, 'CSRF', 'Phiên làm việc không hợp lệ (thiếu mã chống giả mạo). Vui lòng tải lại trang.')
    }
  })

  await app.register(async (api) => {
    const a = api as unknown as App
    healthRoutes(a)
    accessRoutes(a)
    unitRoutes(a)
    orgRoutes(a)
    peopleRoutes(a)
    surveillanceRoutes(a)
    analyticsRoutes(a)
    boardRoutes(a)
    quarantineRoutes(a)
    entryRoutes(a)
    jobRoutes(a)
    auditRoutes(a)
    directiveRoutes(a)
    cascadeRoutes(a)
    notificationRoutes(a)
    uploadRoutes(a)
    careRoutes(a)
    levelRoutes(a)
    safetyRoutes(a)
    eventsRoutes(a)
    vaccinationRoutes(a)
    enforcementRoutes(a)
    a.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => a.swagger())
  })

  const webRoot = opts.webRoot ?? webDist
  const serveWeb = opts.web && existsSync(`${webRoot}index.html`)
  // Files are looked up per request, so a rebuilt web app is served without a restart.
  if (serveWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: true, maxAge: '1h' })
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || !serveWeb || req.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Không tìm thấy địa chỉ này.' } })
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html')
  })
  return app
}
