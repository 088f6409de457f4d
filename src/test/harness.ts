import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { afterAll, expect, inject } from 'vitest'
import type { Role } from '../domain/access/roles.ts'
import { buildApp } from '../server/app.ts'
import { createUser } from '../server/contexts/access/service.ts'
import { createJobRunner } from '../server/jobs.ts'
import { type Ctx, SYSTEM } from '../server/platform/context.ts'
import { type Database, openDatabase, PGLITE_EXTENSIONS } from '../server/platform/db.ts'
import type { App } from '../server/platform/routes.ts'

export const TEST_PASSWORD = 'mat-khau-thu-nghiem'

/** With DATABASE_URL: a new database copied from the prepared template, and how to drop it. */
async function templateCopy(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const template = inject('pgTemplate')
  const server = process.env.DATABASE_URL
  if (!template || !server) return null
  const name = `phongdich_test_${randomBytes(6).toString('hex')}`
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: server })
    await c.connect()
    try {
      await c.query(sql)
    } finally {
      await c.end()
    }
  }
  await admin(`CREATE DATABASE ${name} TEMPLATE ${template}`)
  const url = new URL(server)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

/** A fresh migrated database with the reference registry, private to the calling test file. */
export async function testDatabase(): Promise<Database> {
  const copy = await templateCopy()
  if (copy) {
    const database = await openDatabase({ databaseUrl: copy.url })
    return {
      ...database,
      close: async () => {
        await database.close()
        await copy.drop()
      },
    }
  }
  const snapshot = await readFile(inject('snapshotPath'))
  return openDatabase({ snapshot: new Blob([snapshot]) })
}

/** A settable clock. */
export class Clock {
  constructor(public current = new Date('2026-11-26T03:00:00Z')) {}
  now = () => new Date(this.current)
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms)
  }
}

export interface Agent {
  request(opts: InjectOptions): Promise<LightMyRequestResponse>
  get(url: string): Promise<LightMyRequestResponse>
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>
  delete(url: string): Promise<LightMyRequestResponse>
  /** Sends a file to POST /api/uploads (multipart, as the browser does) and answers its upload id. */
  upload(purpose: string, fileName: string, content: Buffer | string): Promise<number>
}

/** A multipart/form-data body holding one file in the field "file", as a browser's FormData sends it. */
export function multipartFile(fileName: string, content: Buffer | string, field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----phongdich${Math.random().toString(16).slice(2)}`
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName.replace(/"/g, '%22')}"\r\nContent-Type: application/octet-stream\r\n\r\n`
  const payload = Buffer.concat([Buffer.from(head), Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)])
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

export interface TestApp {
  app: App
  database: Database
  clock: Clock
  ctx: Ctx
  jobs: ReturnType<typeof createJobRunner>
  /** An anonymous client. */
  anon: Agent
  /** Logs in and returns a client that sends the session cookie and CSRF token. */
  login(username: string, password?: string): Promise<Agent>
  /** Creates a user with `role` bound to unit `unit` and returns a logged-in client. */
  userAgent(role: Role, unit: string, username?: string): Promise<Agent & { userId: number; username: string }>
}

function agentFor(app: App, cookie?: string, csrf?: string): Agent {
  const request = (opts: InjectOptions) =>
    app.inject({
      ...opts,
      headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...(opts.headers ?? {}) },
    })
  const withBody = (method: 'POST' | 'PATCH' | 'PUT') => (url: string, body?: unknown) =>
    request(body === undefined ? { method, url } : { method, url, payload: body as InjectOptions['payload'] })
  return {
    request,
    get: (url) => request({ method: 'GET', url }),
    post: withBody('POST'),
    patch: withBody('PATCH'),
    put: withBody('PUT'),
    delete: (url) => request({ method: 'DELETE', url }),
    upload: async (purpose, fileName, content) => {
      const res = await request({ method: 'POST', url: `/api/uploads?purpose=${purpose}`, ...multipartFile(fileName, content) })
      if (res.statusCode !== 201) throw new Error(`upload ${fileName}: ${res.statusCode} ${res.body}`)
      return res.json().id as number
    },
  }
}

let counter = 0

/** The whole API on a private database, closed after the file's tests. */
export async function testApp(): Promise<TestApp> {
  const database = await testDatabase()
  const clock = new Clock()
  const jobs = createJobRunner(database.db, clock.now)
  const app = await buildApp({ db: database.db, engine: database.engine, now: clock.now, jobs, provinceCode: '91', version: 'test' })
  const ctx: Ctx = { db: database.db, access: SYSTEM, now: clock.now }
  afterAll(async () => {
    await app.close()
    await database.close()
  })
  const login = async (username: string, password = TEST_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`)
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
    return agentFor(app, cookie, res.json().csrfToken)
  }
  return {
    app,
    database,
    clock,
    ctx,
    jobs,
    anon: agentFor(app),
    login,
    userAgent: async (role, unit, username) => {
      const name = username ?? `${role}${++counter}_${randomBytes(3).toString('hex')}`
      const user = await createUser(ctx, { username: name, password: TEST_PASSWORD, displayName: `Thử nghiệm ${name}`, role, unitCode: unit })
      return Object.assign(await login(name), { userId: user.id, username: name })
    },
  }
}

/**
 * Environment for running the `phongdich` command against a private copy of the test database:
 * DATA_DIR holding the embedded snapshot, or DATABASE_URL of a database copied from the template.
 */
export async function commandEnv(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const { mkdtemp, rm } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  const path = await import('node:path')
  const copy = await templateCopy()
  if (copy) return { env: { DATABASE_URL: copy.url, DATA_DIR: '' }, cleanup: copy.drop }
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'phongdich-cli-')), 'db')
  const { PGlite } = await import('@electric-sql/pglite')
  const db = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([await readFile(inject('snapshotPath'))]), extensions: PGLITE_EXTENSIONS })
  await db.close()
  return { env: { DATA_DIR: dir, DATABASE_URL: '' }, cleanup: () => rm(path.dirname(dir), { recursive: true, force: true }) }
}

/** The JSON of an answer whose status must be `status` (its body is shown when it is not). */
// biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
export async function okJson(pending: LightMyRequestResponse | Promise<LightMyRequestResponse>, status = 200): Promise<any> {
  const res = await pending
  expect(res.statusCode, res.body).toBe(status)
  return res.json()
}
