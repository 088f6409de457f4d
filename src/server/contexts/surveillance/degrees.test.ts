import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Random } from '../../../domain/demo/random.ts'
import type { Database } from '../../platform/db.ts'
import type { DB } from '../../platform/schema.ts'
import { testDatabase } from '../../../test/harness.ts'
import { degreePath, recomputeAllDegrees, syncAllCaseSources, syncCaseSources, updateDegrees } from './degrees.ts'
import { foldChainLinks } from './summary/repo.ts'

const TODAY = '2026-11-20'
let database: Database
let db: Kysely<DB>

beforeAll(async () => {
  database = await testDatabase()
  db = database.db
})
afterAll(() => database.close())

async function person(name: string): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    INSERT INTO people (full_name, name_fold, unit_id, unit_path)
    SELECT ${name}, lower(${name}), u.id, u.path FROM units u WHERE u.id = '2025:30742' RETURNING id`.execute(db)
  return Number(rows[0]!.id)
}

interface CaseFields {
  classification?: 'suspected' | 'probable' | 'confirmed' | 'discarded'
  onsetDate?: string | null
  sampleDate?: string | null
  isolatedOn?: string | null
  outcome?: 'recovered' | 'died' | 'transferred' | null
  outcomeDate?: string | null
}

/** Creates or changes a person's case and repairs the degrees, as the service does. */
async function setCase(personId: number, f: CaseFields): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('cases').select('id').where('personId', '=', personId).executeTakeFirst()
    const values = {
      classification: f.classification ?? 'confirmed',
      onsetDate: f.onsetDate ?? null,
      sampleDate: f.sampleDate ?? null,
      isolatedOn: f.isolatedOn ?? null,
      outcome: f.outcome ?? null,
      outcomeDate: f.outcomeDate ?? null,
    }
    const id = existing
      ? (await tx.updateTable('cases').set(values).where('id', '=', existing.id).returning('id').executeTakeFirstOrThrow()).id
      : (await tx.insertInto('cases').values({ personId, ...values }).returning('id').executeTakeFirstOrThrow()).id
    const { gained, lost } = await syncCaseSources(tx, [Number(id)], TODAY)
    await updateDegrees(tx, { gainedSources: gained, lostSources: lost })
  })
}

async function expose(a: number, b: number, on: string): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('exposures').values({ personId: a, sourcePersonId: b, exposedOn: on }).returning('id').executeTakeFirstOrThrow()
    await updateDegrees(tx, { addedExposures: [Number(row.id)] })
    return Number(row.id)
  })
}

async function unexpose(id: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx.deleteFrom('exposures').where('id', '=', id).returning(['id', 'personId', 'sourcePersonId']).executeTakeFirstOrThrow()
    await updateDegrees(tx, { removedExposures: [{ id: Number(row.id), personId: Number(row.personId), sourcePersonId: Number(row.sourcePersonId) }] })
  })
}

async function degreesOf(ids: number[]): Promise<(number | null)[]> {
  const rows = await db.selectFrom('contactDegrees').select(['personId', 'degree']).where('personId', 'in', ids).execute()
  const sources = await db.selectFrom('cases').select('personId').where('isSource', '=', true).where('personId', 'in', ids).execute()
  const by = new Map(rows.map((r) => [Number(r.personId), r.degree]))
  for (const s of sources) by.set(Number(s.personId), 0)
  return ids.map((id) => by.get(id) ?? null)
}

/** Degrees computed from scratch from the stored graph, by a plain breadth-first search. */
async function oracle(): Promise<Map<number, number>> {
  const sources = await db.selectFrom('cases').select(['personId', 'windowFrom', 'windowTo']).where('isSource', '=', true).execute()
  const edges = await db.selectFrom('exposures').select(['personId', 'sourcePersonId', 'exposedOn']).execute()
  const adj = new Map<number, { other: number; on: string }[]>()
  const link = (a: number, b: number, on: string) => {
    if (!adj.has(a)) adj.set(a, [])
    adj.get(a)!.push({ other: b, on })
  }
  for (const e of edges) {
    link(Number(e.personId), Number(e.sourcePersonId), String(e.exposedOn))
    link(Number(e.sourcePersonId), Number(e.personId), String(e.exposedOn))
  }
  const isSource = new Set(sources.map((s) => Number(s.personId)))
  const degree = new Map<number, number>()
  let frontier: number[] = []
  for (const s of sources) {
    const from = s.windowFrom ?? '0000-01-01'
    const to = s.windowTo ?? '9999-12-31'
    for (const { other, on } of adj.get(Number(s.personId)) ?? []) {
      if (on < from || on > to || isSource.has(other) || degree.has(other)) continue
      degree.set(other, 1)
      frontier.push(other)
    }
  }
  for (let d = 1; frontier.length > 0; d++) {
    const next: number[] = []
    for (const u of frontier)
      for (const { other } of adj.get(u) ?? []) {
        if (isSource.has(other) || degree.has(other)) continue
        degree.set(other, d + 1)
        next.push(other)
      }
    frontier = next
  }
  return degree
}

async function stored(): Promise<Map<number, number>> {
  const rows = await db.selectFrom('contactDegrees').select(['personId', 'degree']).execute()
  return new Map(rows.map((r) => [Number(r.personId), r.degree]))
}

/** Every row's step leads to a source (degree 1) or to a row one degree lower, by an existing exposure. */
async function stepsConsistent(): Promise<boolean> {
  const { rows } = await sql<{ bad: number }>`
    SELECT count(*)::int AS bad FROM contact_degrees cd
      LEFT JOIN contact_degrees v ON v.person_id = cd.via_person_id
      LEFT JOIN cases s ON s.person_id = cd.via_person_id AND s.is_source
      LEFT JOIN exposures e ON e.id = cd.via_exposure_id
     WHERE e.id IS NULL
        OR NOT ((cd.degree = 1 AND s.id IS NOT NULL) OR (cd.degree > 1 AND v.degree = cd.degree - 1))
        OR NOT ((e.person_id = cd.person_id AND e.source_person_id = cd.via_person_id) OR (e.source_person_id = cd.person_id AND e.person_id = cd.via_person_id))`.execute(db)
  return rows[0]!.bad === 0
}

/** The chains' read model as kept, after folding in what changed. */
const folds: (number | null)[] = []
async function keptLinks(): Promise<string[]> {
  folds.push(await foldChainLinks(db))
  const { rows } = await sql<{ l: string }>`SELECT concat_ws(' ', exposure_id, root_a, root_b, path_a, path_b) AS l FROM chain_links ORDER BY exposure_id`.execute(db)
  return rows.map((r) => r.l)
}

/** The same links computed from the stored degrees: exposures whose two people lead to different F0. */
async function linksFromScratch(): Promise<string[]> {
  const { rows } = await sql<{ l: string }>`
    WITH n AS (
      SELECT person_id AS pid, id AS root, unit_path AS path FROM cases WHERE is_source
      UNION ALL SELECT person_id, root_case_id, unit_path FROM contact_degrees)
    SELECT concat_ws(' ', e.id, LEAST(a.root, b.root), GREATEST(a.root, b.root), a.path, b.path) AS l
      FROM exposures e JOIN n a ON a.pid = e.person_id JOIN n b ON b.pid = e.source_person_id
     WHERE a.root <> b.root ORDER BY e.id`.execute(db)
  return rows.map((r) => r.l)
}

describe('contact degrees', () => {
  it('measures F1 and F2 from a case and follows a contact of a contact who becomes a case', async () => {
    const [f0, a, b, c] = [await person('Ca Một'), await person('Tiếp Xúc A'), await person('Tiếp Xúc B'), await person('Tiếp Xúc C')]
    await setCase(f0, { onsetDate: '2026-11-10' })
    await expose(a, f0, '2026-11-09')
    await expose(b, a, '2026-11-12')
    await expose(c, b, '2026-11-13')
    expect(await degreesOf([f0, a, b, c])).toEqual([0, 1, 2, 3])
    expect((await degreePath(db, c)).map((s) => [s.personId, s.degree])).toEqual([
      [c, 3],
      [b, 2],
      [a, 1],
      [f0, 0],
    ])
    // B (an F2) tests positive: C becomes an F1 of B, A stays an F1 of the first case.
    await setCase(b, { sampleDate: '2026-11-14' })
    expect(await degreesOf([f0, a, b, c])).toEqual([0, 1, 0, 1])
    expect((await degreePath(db, c)).at(-1)!.personId).toBe(b)
  })

  it('ignores exposures outside the case’s infectious window', async () => {
    const [f0, early, inside, late] = [await person('Ca Hai'), await person('Gặp Sớm'), await person('Gặp Trong'), await person('Gặp Muộn')]
    // Onset 10/11: the window opens on 8/11 (2 days before, the national rule) and closes at isolation on 12/11.
    await setCase(f0, { onsetDate: '2026-11-10', isolatedOn: '2026-11-12' })
    await expose(early, f0, '2026-11-07')
    await expose(inside, f0, '2026-11-08')
    await expose(late, f0, '2026-11-13')
    expect(await degreesOf([early, inside, late])).toEqual([null, 1, null])
    const window = await db.selectFrom('cases').select(['windowFrom', 'windowTo']).where('personId', '=', f0).executeTakeFirstOrThrow()
    expect([String(window.windowFrom), String(window.windowTo)]).toEqual(['2026-11-08', '2026-11-12'])
  })

  it('survives cycles and keeps the nearer case for a contact reached through two', async () => {
    const [x, y, p, q, r] = [await person('Ca X'), await person('Ca Y'), await person('Người P'), await person('Người Q'), await person('Người R')]
    await setCase(x, { onsetDate: '2026-11-10' })
    await setCase(y, { onsetDate: '2026-11-10' })
    // x – p – q – r – p (a cycle), and r also met y directly.
    await expose(p, x, '2026-11-10')
    await expose(q, p, '2026-11-11')
    await expose(r, q, '2026-11-12')
    await expose(p, r, '2026-11-13')
    expect(await degreesOf([p, q, r])).toEqual([1, 2, 2])
    await expose(r, y, '2026-11-11')
    expect(await degreesOf([p, q, r])).toEqual([1, 2, 1])
    // Case x is discarded: p is now reached through r (an F1 of y).
    await setCase(x, { classification: 'discarded', onsetDate: '2026-11-10' })
    expect(await degreesOf([x, p, q, r])).toEqual([3, 2, 2, 1])
    // y recovers: nothing is left to measure from.
    await setCase(y, { onsetDate: '2026-11-10', outcome: 'recovered', outcomeDate: '2026-11-19' })
    expect(await degreesOf([x, y, p, q, r])).toEqual([null, null, null, null, null])
    expect(await stepsConsistent()).toBe(true)
  })

  it('keeps a recovered case a source until its recovery date, then lets its contacts go', async () => {
    const [f0, a] = [await person('Ca Hồi Phục'), await person('Người Nhà')]
    await setCase(f0, { onsetDate: '2026-11-01', outcome: 'recovered', outcomeDate: '2026-11-25' })
    await expose(a, f0, '2026-11-02')
    expect(await degreesOf([f0, a])).toEqual([0, 1])
    const later = await db.transaction().execute(async (tx) => {
      const c = await tx.selectFrom('cases').select('id').where('personId', '=', f0).executeTakeFirstOrThrow()
      const change = await syncCaseSources(tx, [Number(c.id)], '2026-11-26')
      await updateDegrees(tx, { gainedSources: change.gained, lostSources: change.lost })
      return change
    })
    expect(later).toEqual({ gained: [], lost: [f0] })
    expect(await degreesOf([f0, a])).toEqual([null, null])
  })

  it('recomputes when an exposure is removed and when a window moves', async () => {
    const [f0, a, b] = [await person('Ca Ba'), await person('Người Một'), await person('Người Hai')]
    await setCase(f0, { onsetDate: '2026-11-10' })
    const ea = await expose(a, f0, '2026-11-10')
    await expose(b, a, '2026-11-11')
    await expose(b, f0, '2026-11-06')
    expect(await degreesOf([a, b])).toEqual([1, 2])
    // The onset was in fact 5/11: the window now opens on 3/11 and b's own meeting counts.
    await setCase(f0, { onsetDate: '2026-11-05' })
    expect(await degreesOf([a, b])).toEqual([1, 1])
    await unexpose(ea)
    expect(await degreesOf([a, b])).toEqual([2, 1])
    expect(await stepsConsistent()).toBe(true)
  })

  it('agrees with a search from scratch after a long random sequence of changes, and with a full rebuild', async () => {
    const rng = new Random(20261130)
    const people: number[] = []
    for (let i = 0; i < 70; i++) people.push(await person(`Ngẫu Nhiên ${i}`))
    const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}`
    const exposures: number[] = []
    for (let step = 0; step < 240; step++) {
      const roll = rng.next()
      if (roll < 0.55) {
        const a = rng.pick(people)
        const b = rng.pick(people)
        if (a === b) continue
        const on = day(1 + rng.int(0, 18))
        const exists = await db.selectFrom('exposures').select('id').where('personId', '=', a).where('sourcePersonId', '=', b).where('exposedOn', '=', on).executeTakeFirst()
        if (!exists) exposures.push(await expose(a, b, on))
      } else if (roll < 0.65 && exposures.length > 0) {
        const i = rng.int(0, exposures.length - 1)
        await unexpose(exposures.splice(i, 1)[0]!)
      } else {
        const who = rng.pick(people)
        const kind = rng.next()
        const onset = day(rng.int(3, 18))
        if (kind < 0.5) await setCase(who, { onsetDate: onset, isolatedOn: rng.chance(0.5) ? day(rng.int(18, 20)) : null })
        else if (kind < 0.7) await setCase(who, { classification: 'discarded', onsetDate: onset })
        else if (kind < 0.85) await setCase(who, { onsetDate: onset, outcome: 'recovered', outcomeDate: day(rng.int(10, 19)) })
        else await setCase(who, { classification: 'probable', sampleDate: onset })
      }
      if (step % 10 === 9) {
        expect(await stored()).toEqual(await oracle())
        expect(await stepsConsistent()).toBe(true)
        expect(await keptLinks()).toEqual(await linksFromScratch())
      }
    }
    // Between checkpoints the read model took the people marked, not a rebuild.
    expect(folds.filter((n) => n !== null && n > 0).length).toBeGreaterThan(10)
    const incremental = await stored()
    expect(incremental).toEqual(await oracle())
    expect(incremental.size).toBeGreaterThan(10)
    await db.transaction().execute(async (tx) => {
      // The day the earlier recovered case was last synced: no source state changes.
      await syncAllCaseSources(tx, '2026-11-26')
      await recomputeAllDegrees(tx)
    })
    expect(await stored()).toEqual(incremental)
    expect(await stepsConsistent()).toBe(true)
    // The rebuild marked the chains' read model for a rebuild of its own.
    expect((await sql<{ rebuild: boolean }>`SELECT rebuild FROM chain_state`.execute(db)).rows[0]?.rebuild).toBe(true)
    const links = await keptLinks()
    expect(links).toEqual(await linksFromScratch())
    expect(links.length).toBeGreaterThan(0)
  })
})
