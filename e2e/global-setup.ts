import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { E2EServer } from './server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

const root = fileURLToPath(new URL('..', import.meta.url))

/** Starts the real server on a fresh database with the demo province, once for all journeys. */
export default async function setup(project: TestProject) {
  if (!existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('dist/web is missing: run `vite build` first (npm run test:e2e does).')
  const server = await E2EServer.create()
  try {
    await server.start()
    await server.waitForJobs('demo.seed')
  } catch (err) {
    await server.dispose()
    throw err
  }
  project.provide('baseUrl', server.baseUrl)
  return () => server.dispose()
}
