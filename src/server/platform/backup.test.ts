import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { testApp, testDatabase } from '../../test/harness.ts'
import type { Database } from './db.ts'
import { backup, isEncryptedBackup, restore } from './backup.ts'

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
      expect(restored.auditRowsInBackup).toBeGreaterThan(0)
      const count = async (db: typeof target.db, table: 'people' | 'auditLog' | 'units' | 'unitBoundaries') =>
        Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      for (const table of ['people', 'units', 'unitBoundaries'] as const) {
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

  it('keeps the audit trail written after the backup and records the restore', async () => {
    const admin = await t.userAgent('admin', '91')
    const db = t.database.db
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'pd-backup-')), 'truoc-su-co.jsonl.gz')
    const saved = await backup(db, file, t.database.engine)
    // Work after the backup: audited by the triggers, then undone by the restore.
    const later: number[] = []
    for (let i = 0; i < 3; i++) {
      const r = await admin.post('/api/people', { fullName: `Sau Sao Lưu ${i}`, unitCode: '30742' })
      expect(r.statusCode).toBe(201)
      later.push(r.json().id as number)
    }
    const before = await db.selectFrom('auditLog').select(['id', 'action', 'entity', 'entityId']).orderBy('id').execute()
    const written = before.filter((a) => a.entity === 'people' && later.map(String).includes(a.entityId ?? ''))
    expect(written).toHaveLength(3)

    const restored = await restore(db, file, { actor: 'system (quantri)' })
    expect(restored.rows).toBe(saved.rows)
    const after = await db.selectFrom('auditLog').selectAll().orderBy('id').execute()
    // Every entry is still there, unchanged and in order, and exactly one was added: the restore.
    expect(after.slice(0, before.length).map((a) => [a.id, a.action, a.entity, a.entityId])).toEqual(
      before.map((a) => [a.id, a.action, a.entity, a.entityId]),
    )
    expect(after).toHaveLength(before.length + 1)
    const entry = after.at(-1)!
    expect(entry.id).toBeGreaterThan(before.at(-1)!.id)
    expect(entry).toMatchObject({ action: 'restore', entity: 'database', entityId: 'truoc-su-co.jsonl.gz', actorName: 'system (quantri)' })
    const header = JSON.parse(gunzipSync(await readFile(file)).toString().split('\n')[0]!)
    expect(entry.after).toMatchObject({
      file: 'truoc-su-co.jsonl.gz',
      sha256: createHash('sha256').update(await readFile(file)).digest('hex'),
      backupCreatedAt: header.createdAt,
      rows: saved.rows,
      encrypted: false,
    })
    expect((entry.after as { tables: Record<string, number> }).tables.people).toBeGreaterThan(0)
    expect(restored.sha256).toBe((entry.after as { sha256: string }).sha256)

    // The data is the backup's; ids keep increasing, so no id named in the audit trail is reused.
    expect(await db.selectFrom('people').select('id').where('id', 'in', later).execute()).toHaveLength(0)
    const again = await admin.post('/api/people', { fullName: 'Sau Khôi Phục', unitCode: '30742' })
    expect(again.statusCode).toBe(201)
    expect(again.json().id).toBeGreaterThan(Math.max(...later))
    const newest = await db.selectFrom('auditLog').select(['id', 'entityId']).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(newest).toMatchObject({ entityId: String(again.json().id) })
    expect(newest.id).toBeGreaterThan(entry.id)
    await expect(db.deleteFrom('auditLog').execute()).rejects.toThrow(/append-only/)
  })

  it('writes backup files readable by their owner only, through a temporary file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pd-backup-'))
    const file = path.join(dir, 'db.jsonl.gz')
    await writeFile(file, 'a previous, world-readable file', { mode: 0o644 })
    await backup(t.database.db, file, t.database.engine)
    // Created with mode 0600 (the file is the renamed temporary one, never chmod-ed).
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect(await readdir(dir)).toEqual(['db.jsonl.gz'])
    await backup(t.database.db, path.join(dir, 'mat.bak'), t.database.engine, { passphrase: 'mật khẩu sao lưu' })
    expect((await stat(path.join(dir, 'mat.bak'))).mode & 0o777).toBe(0o600)
  })

  describe('encrypted with a passphrase', () => {
    const passphrase = 'Phòng dịch An Giang 2026'
    const count = async (db: Database['db'], table: 'people' | 'auditLog') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

    it('round-trips, and the file reveals nothing without the passphrase', async () => {
      const admin = await t.userAgent('admin', '91')
      await admin.post('/api/people', { fullName: 'Trần Văn Mã Hóa', unitCode: '30742' })
      const file = path.join(await mkdtemp(path.join(tmpdir(), 'pd-backup-')), 'db.bak')
      const saved = await backup(t.database.db, file, t.database.engine, { passphrase })
      expect(saved.encrypted).toBe(true)
      const bytes = await readFile(file)
      expect(bytes.subarray(0, 8).toString('latin1')).toBe('PDICHENC')
      expect(() => gunzipSync(bytes)).toThrow()
      expect(bytes.includes(Buffer.from('Mã Hóa'))).toBe(false)
      expect(await isEncryptedBackup(file)).toBe(true)

      const target = await testDatabase()
      try {
        await expect(restore(target.db, file)).rejects.toThrow(/đã được mã hóa, cần mật khẩu/)
        // The same passphrase typed with decomposed diacritics.
        const restored = await restore(target.db, file, { passphrase: passphrase.normalize('NFD'), actor: 'system (root)' })
        expect(restored.rows).toBe(saved.rows)
        expect(await count(target.db, 'people')).toBe(await count(t.database.db, 'people'))
        const person = await target.db.selectFrom('people').select('fullName').where('fullName', '=', 'Trần Văn Mã Hóa').execute()
        expect(person).toHaveLength(1)
        const entry = await target.db.selectFrom('auditLog').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
        expect(entry).toMatchObject({ action: 'restore', actorName: 'system (root)', entityId: 'db.bak' })
        expect(entry.after).toMatchObject({ encrypted: true, sha256: createHash('sha256').update(bytes).digest('hex') })
      } finally {
        await target.close()
      }
    })

    it('refuses a wrong passphrase or a changed file and leaves the database untouched', async () => {
      const file = path.join(await mkdtemp(path.join(tmpdir(), 'pd-backup-')), 'db.bak')
      await backup(t.database.db, file, t.database.engine, { passphrase })
      const bytes = await readFile(file)
      const tampered = path.join(path.dirname(file), 'sua.bak')
      const changed = Buffer.from(bytes)
      changed[Math.floor(changed.length / 2)]! ^= 1
      await writeFile(tampered, changed)
      const truncated = path.join(path.dirname(file), 'cut.bak')
      await writeFile(truncated, bytes.subarray(0, bytes.length - 100))

      const target = await testDatabase()
      try {
        await target.db.insertInto('people').values({ fullName: 'Chỉ Có Ở Đích', nameFold: 'chi co o dich', unitId: '2025:30742', unitPath: '/2025:91/2025:30742/' }).execute()
        const people = await count(target.db, 'people')
        const audit = await count(target.db, 'auditLog')
        for (const [f, p] of [
          [file, 'mật khẩu sai'],
          [tampered, passphrase],
          [truncated, passphrase],
        ] as const) {
          await expect(restore(target.db, f, { passphrase: p }), f).rejects.toThrow('Sai mật khẩu hoặc tệp sao lưu bị sửa đổi.')
        }
        expect(await count(target.db, 'people')).toBe(people)
        expect(await count(target.db, 'auditLog')).toBe(audit)
      } finally {
        await target.close()
      }
    })
  })
})
