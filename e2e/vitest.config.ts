import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 240_000,
    // One server, one browser at a time: the journeys share the demo data and the login rate limit.
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
})
