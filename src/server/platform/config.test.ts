import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SERVER_NODE_FLAGS } from './config.ts'

describe('the server process', () => {
  it('starts with the same heap flags from npm start and npm run dev as from the journeys and benches', async () => {
    const pkg = JSON.parse(await readFile(path.join(import.meta.dirname, '../../../package.json'), 'utf8')) as { scripts: Record<string, string> }
    for (const script of ['start', 'dev']) {
      const args = pkg.scripts[script]!.split(/\s+/)
      expect(args[0]).toBe('node')
      for (const flag of SERVER_NODE_FLAGS) expect(args, script).toContain(flag)
      expect(args.indexOf('bin/phongdich.js')).toBeGreaterThan(Math.max(...SERVER_NODE_FLAGS.map((f) => args.indexOf(f))))
    }
  })
})
