import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { testApp, testDatabase } from '../../test/harness.ts'
import { backup, restore } from './backup.ts'

const t = await testApp()

describe('backup and restore', () => {
  it('round-trips a database: rows, sequences and the append-only audit log', async () => {
    const admin = await t.userAgent('admin', '91')
    const p = (await admin.post('/api/people', { fullName: 'Võ Thị Sao Lưu', unitCode: '30742', nationalId: '091300000111' })).json()
    await admin.post('/api/units/30742/children', { name: 'Ấp Sao Lưu', unitType: 'ap' })
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'pd-backup-')), 'db.jsonl.gz')
    const saved = await backup(t.database.db, file, t.database.engine)
    expect(saved.rows).toBeGreaterThan(14_000)

    const target = await testDatabase()
    try {
      const restored = await restore(target.db, file)
      expect(restored.rows).toBe(saved.rows)
      const count = async (db: typeof target.db, table: 'people' | 'auditLog' | 'units' | 'unitBoundaries') =>
        Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      for (const table of ['people', 'auditLog', 'units', 'unitBoundaries'] as const) {
        expect(await count(target.db, table), table).toBe(await count(t.database.db, table))
      }
      const person = await target.db.selectFrom('people').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow()
      expect(person.fullName).toBe('Võ Thị Sao Lưu')
      // New rows continue after the restored ids, and the audit log is append-only again.
      const next = await target.db
        .insertInto('people')
        .values({ fullName: 'Mới', nameFold: 'moi', unitId: '2025:30742', unitPath: person.unitPath })
        .returning('id')
        .executeTakeFirstOrThrow()
      expect(next.id).toBeGreaterThan(p.id)
      await expect(target.db.deleteFrom('auditLog').execute()).rejects.toThrow(/append-only/)
    } finally {
      await target.close()
    }
  })

  it('refuses a file that is not a backup', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'pd-backup-')), 'bad.gz')
    const { writeFile } = await import('node:fs/promises')
    const { gzipSync } = await import('node:zlib')
    await writeFile(file, gzipSync('{"hello":"world"}\n'))
    await expect(restore(t.database.db, file)).rejects.toThrow(/không phải của phongdich/)
  })
})
