import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../test/harness.ts'
import { changeVersion } from './db.ts'

const database = await testDatabase()
const db = database.db
afterAll(() => database.close())

const version = () => changeVersion(db, 'phongdich_directives')

/** The version once the feed has heard everything committed so far (delivery is asynchronous on a server). */
async function settled(): Promise<string> {
  let last: string | null = null
  for (let i = 0; i < 100; i++) {
    const v = await version()
    if (v !== null && v === last) return v
    last = v
    await new Promise((r) => setTimeout(r, 30))
  }
  throw new Error('the change feed did not settle')
}

const touchUnit = sql`UPDATE units SET name = name WHERE id = (SELECT min(id) FROM units)`

describe('the change feed of the directives’ tables', () => {
  it('moves once a change commits, not before, and not for a rollback or another table', async () => {
    const start = await settled()
    await db.transaction().execute(async (tx) => {
      await touchUnit.execute(tx)
      // Inside the transaction, nothing has been announced yet.
      await new Promise((r) => setTimeout(r, 100))
      expect(await version()).toBe(start)
    })
    // Asked right after the commit, the version has moved already: no answer kept from before is served.
    expect(await version()).not.toBe(start)
    const afterCommit = await settled()
    expect(afterCommit).not.toBe(start)

    await expect(
      db.transaction().execute(async (tx) => {
        await touchUnit.execute(tx)
        throw new Error('hủy')
      }),
    ).rejects.toThrow('hủy')
    expect(await settled()).toBe(afterCommit)

    // A write elsewhere (a login throttle row, a notification…) leaves the directives' answers kept.
    await sql`CREATE TEMP TABLE unrelated (x int)`.execute(db)
    await sql`INSERT INTO unrelated VALUES (1)`.execute(db)
    expect(await settled()).toBe(afterCommit)
  })

  it('answers many questions at once, all with the version of the moment', async () => {
    const now = await settled()
    expect(new Set(await Promise.all(Array.from({ length: 25 }, version)))).toEqual(new Set([now]))
  })
})
