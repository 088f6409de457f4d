import { afterAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../test/harness.ts'
import { readStoredFile, storeStream } from './fileStore.ts'

const database = await testDatabase()
afterAll(() => database.close())
const meta = { purpose: 'export', fileName: 'bang.xlsx', createdBy: null, unitPath: '/', expiresAt: new Date('2030-01-01') }

describe('files stored as they are written', () => {
  it('keeps pieces of any size as 512 KB chunks, whole and in order', async () => {
    const pieces = [Buffer.alloc(100_000, 1), Buffer.alloc(700_000, 2), Buffer.alloc(3, 3), Buffer.alloc(600_000, 4)]
    const stored = await storeStream(database.db, meta, pieces)
    const all = Buffer.concat(pieces)
    expect(stored.size).toBe(all.length)
    const chunks = await database.db.selectFrom('uploadChunks').select(['seq', 'data']).where('uploadId', '=', stored.id).orderBy('seq').execute()
    expect(chunks.map((c) => c.data.length)).toEqual([524_288, 524_288, all.length - 2 * 524_288])
    expect((await readStoredFile(database.db, stored.id)).equals(all)).toBe(true)
    const row = await database.db.selectFrom('uploads').select(['size', 'complete', 'sha256']).where('id', '=', stored.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ size: all.length, complete: true })
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('leaves nothing when the source fails midway', async () => {
    const before = await database.db.selectFrom('uploads').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    async function* failing() {
      yield Buffer.alloc(600_000, 1)
      throw new Error('nguồn hỏng')
    }
    await expect(storeStream(database.db, meta, failing())).rejects.toThrow('nguồn hỏng')
    const after = await database.db.selectFrom('uploads').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
    const orphans = await database.db.selectFrom('uploadChunks').select('uploadId').where('uploadId', 'not in', database.db.selectFrom('uploads').select('id')).execute()
    expect(orphans).toEqual([])
  })
})
