import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from './db.ts'

describe('embedded database directory', () => {
  it('refuses a second opener while in use, and takes over a lock left by a dead process', { timeout: 60_000 }, async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'phongdich-lock-')), 'db')
    const first = await openDatabase({ dataDir: dir })
    await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject({ code: 'DATABASE_IN_USE' })
    await first.close()
    // A crashed owner leaves its lock behind; a pid that no longer runs does not block.
    await writeFile(path.join(dir, '.phongdich.lock'), '999999')
    const again = await openDatabase({ dataDir: dir })
    await again.close()
    await rm(path.dirname(dir), { recursive: true, force: true })
  })
})
