import { fileURLToPath } from 'node:url'
import { BaseSequencer, type TestSpecification } from 'vitest/node'
import { defineConfig } from 'vitest/config'

/**
 * The journeys in a fixed order, by file name, the one that publishes every commune's epidemic
 * level last: what the others check (which events a commune may hold…) follows the level in
 * force, so it must not depend on whether that journey ran before them.
 */
class PublishingLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const last = (f: TestSpecification) => f.moduleId.endsWith('/levels.e2e.ts')
    const byName = [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId))
    return [...byName.filter((f) => !last(f)), ...byName.filter(last)]
  }
}

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
    sequence: { sequencer: PublishingLast },
  },
})
