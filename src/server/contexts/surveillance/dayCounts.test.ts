import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Random } from '../../../domain/demo/random.ts'
import { testDatabase } from '../../../test/harness.ts'
import type { Database } from '../../platform/db.ts'
import type { DB } from '../../platform/schema.ts'

// The daily counts of cases and tests (migration 0037) and the contacts counted per root case
// (migration 0039) are kept by statement triggers. Whatever is inserted, changed or removed, one
// row or many in a statement, they must equal the counts made afresh from the rows themselves.

let database: Database
let db: Kysely<DB>

beforeAll(async () => {
  database = await testDatabase()
  db = database.db
})
afterAll(() => database.close())

const COMMUNES = ['2025:30742', '2025:31078', '2025:30367']
const DAYS = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']
const CLASSES = ['suspected', 'probable', 'confirmed', 'discarded'] as const
const FOUND = [null, 'quarantine', 'community', 'entry', 'hospital'] as const
const SEVERITY = [null, 'mild', 'severe', 'critical'] as const

/** The kept counts that are not zero, and the same counted afresh from the cases. */
async function caseCounts() {
  const kept = await sql<{ row: string }>`
    SELECT concat_ws('|', unit_path, kind, day, source_kind, community, oxygen, n) AS row FROM case_day_counts WHERE n <> 0 ORDER BY 1`.execute(db)
  const fresh = await sql<{ row: string }>`
    SELECT concat_ws('|', unit_path, kind, day, source_kind, community, oxygen, n) AS row FROM (
      SELECT c.unit_path, k.kind, k.day, c.source_kind, coalesce(c.found_by, 'other') NOT IN ('quarantine', 'entry') AS community,
             coalesce(c.severity IN ('severe', 'critical'), false) AS oxygen, count(*)::int AS n
        FROM cases c
        CROSS JOIN LATERAL (VALUES
          ('confirmed', CASE WHEN c.classification IN ('confirmed', 'probable') THEN c.confirmed_date END),
          ('onset', CASE WHEN c.classification IN ('confirmed', 'probable') THEN c.onset_date END),
          ('no_onset', CASE WHEN c.classification IN ('confirmed', 'probable') AND c.onset_date IS NULL THEN c.confirmed_date END),
          ('died', CASE WHEN c.outcome = 'died' THEN c.outcome_date END)) AS k(kind, day)
       WHERE k.day IS NOT NULL
       GROUP BY 1, 2, 3, 4, 5, 6) x ORDER BY 1`.execute(db)
  return { kept: kept.rows.map((r) => r.row), fresh: fresh.rows.map((r) => r.row) }
}

async function testCounts() {
  const kept = await sql<{ row: string }>`
    SELECT concat_ws('|', unit_path, kind, day, n, positive) AS row FROM test_day_counts WHERE n <> 0 OR positive <> 0 ORDER BY 1`.execute(db)
  const fresh = await sql<{ row: string }>`
    SELECT concat_ws('|', unit_path, kind, day, n, positive) AS row FROM (
      SELECT x.unit_path, 'result' AS kind, x.result_date AS day, count(*)::int AS n, count(*) FILTER (WHERE x.result = 'positive')::int AS positive
        FROM tests x WHERE x.result IS NOT NULL AND x.result_date IS NOT NULL GROUP BY 1, 2, 3
      UNION ALL
      SELECT x.unit_path, 'sample', x.sample_date, count(*)::int, 0 FROM tests x WHERE x.sample_date IS NOT NULL GROUP BY 1, 2, 3) y ORDER BY 1`.execute(db)
  return { kept: kept.rows.map((r) => r.row), fresh: fresh.rows.map((r) => r.row) }
}

async function newPeople(rng: Random, n: number): Promise<number[]> {
  const units = Array.from({ length: n }, () => rng.pick(COMMUNES))
  const { rows } = await sql<{ id: number }>`
    INSERT INTO people (full_name, name_fold, unit_id, unit_path)
    SELECT 'Người ' || i, 'nguoi ' || i, u.id, u.path FROM unnest(${units}::text[]) WITH ORDINALITY AS x(unit, i) JOIN units u ON u.id = x.unit
    RETURNING id`.execute(db)
  return rows.map((r) => Number(r.id))
}

describe('daily counts of cases and tests', () => {
  it('equal the counts made afresh through inserts, updates, moves and deletes, row by row and in bulk', async () => {
    const rng = new Random(20260501)
    const people = await newPeople(rng, 120)
    const caseIds: number[] = []
    // Cases one statement each, then many in one statement.
    const caseRow = (personId: number) => {
      const classification = rng.pick(CLASSES)
      const confirmed = classification === 'confirmed' || classification === 'probable' ? rng.pick(DAYS) : null
      const died = rng.chance(0.15)
      return {
        personId,
        classification,
        onsetDate: rng.chance(0.6) ? rng.pick(DAYS.slice(0, 2)) : null,
        confirmedDate: confirmed,
        sourceKind: rng.pick(['imported', 'unknown'] as const),
        foundBy: rng.pick(FOUND),
        severity: rng.pick(SEVERITY),
        outcome: died ? ('died' as const) : null,
        outcomeDate: died ? '2026-11-05' : null,
      }
    }
    for (const p of people.slice(0, 20)) caseIds.push(Number((await db.insertInto('cases').values(caseRow(p)).returning('id').executeTakeFirstOrThrow()).id))
    for (const r of await db.insertInto('cases').values(people.slice(20, 90).map(caseRow)).returning('id').execute()) caseIds.push(Number(r.id))
    expect((await caseCounts()).kept.length).toBeGreaterThan(20)
    expect((await caseCounts()).kept).toEqual((await caseCounts()).fresh)

    // Updates: a discard, a reclassification, dates, severity, an outcome, and a statement that touches many rows.
    await db.updateTable('cases').set({ classification: 'discarded' }).where('id', '=', caseIds[0]!).execute()
    await db.updateTable('cases').set({ classification: 'confirmed', confirmedDate: '2026-11-04' }).where('id', '=', caseIds[1]!).execute()
    await db.updateTable('cases').set({ onsetDate: null }).where('id', 'in', caseIds.slice(2, 12)).execute()
    await db.updateTable('cases').set({ severity: 'critical' }).where('id', 'in', caseIds.slice(10, 30)).execute()
    await db.updateTable('cases').set({ outcome: 'died', outcomeDate: '2026-11-05' }).where('id', 'in', caseIds.slice(30, 35)).execute()
    await sql`UPDATE cases SET confirmed_date = confirmed_date + 1 WHERE confirmed_date IS NOT NULL AND id % 3 = 0`.execute(db)
    // An update that changes nothing counted (the counts stay as they were).
    const before = await caseCounts()
    await sql`UPDATE cases SET updated_at = now()`.execute(db)
    expect((await caseCounts()).kept).toEqual(before.kept)
    // A person moving to another commune carries their case's path.
    await sql`UPDATE cases SET unit_path = (SELECT path FROM units WHERE id = '2025:31078') WHERE id = ANY(${caseIds.slice(40, 50)}::bigint[])`.execute(db)
    // Deletes, one and many.
    await db.deleteFrom('cases').where('id', '=', caseIds[60]!).execute()
    await db.deleteFrom('cases').where('id', 'in', caseIds.slice(61, 75)).execute()
    const after = await caseCounts()
    expect(after.kept).toEqual(after.fresh)
    expect(after.kept).not.toEqual(before.kept)
  })

  it('count test results by day of result with their positives, and samples by day of sampling', async () => {
    const rng = new Random(20260502)
    const people = await newPeople(rng, 60)
    const testRow = (personId: number, i: number) => {
      const sample = rng.pick(DAYS.slice(0, 3))
      const resulted = rng.chance(0.8)
      return {
        personId,
        unitPath: '',
        method: rng.pick(['pcr', 'antigen'] as const),
        status: resulted ? ('resulted' as const) : ('sampled' as const),
        sampleDate: sample,
        resultDate: resulted ? DAYS[DAYS.indexOf(sample) + (i % 3)]! : null,
        result: resulted ? rng.pick(['positive', 'negative', 'inconclusive'] as const) : null,
      }
    }
    const rows = people.map(testRow)
    const withPaths = await sql<{ id: number; path: string }>`SELECT id, unit_path AS path FROM people WHERE id = ANY(${people}::bigint[])`.execute(db)
    const paths = new Map(withPaths.rows.map((r) => [Number(r.id), r.path]))
    const ids = (await db.insertInto('tests').values(rows.map((r) => ({ ...r, unitPath: paths.get(r.personId)! }))).returning('id').execute()).map((r) => Number(r.id))
    let c = await testCounts()
    expect(c.kept.length).toBeGreaterThan(5)
    expect(c.kept).toEqual(c.fresh)
    // A result entered later, a result corrected from negative to positive on the same day, a sample moved, deletes.
    await sql`UPDATE tests SET status = 'resulted', result = 'positive', result_date = sample_date WHERE result IS NULL AND id = ANY(${ids}::bigint[])`.execute(db)
    await sql`UPDATE tests SET result = 'positive' WHERE result = 'negative' AND id = ANY(${ids.slice(0, 20)}::bigint[])`.execute(db)
    await sql`UPDATE tests SET sample_date = sample_date - 1 WHERE id = ANY(${ids.slice(20, 30)}::bigint[])`.execute(db)
    await db.deleteFrom('tests').where('id', 'in', ids.slice(30, 45)).execute()
    c = await testCounts()
    expect(c.kept).toEqual(c.fresh)
  })

  it('count contacts per root case, path and degree, and drop the counts that come to zero', async () => {
    const rng = new Random(20260503)
    const people = await newPeople(rng, 80)
    const roots = [9001, 9002, 9003, 9004]
    const kept = async () => (await sql<{ row: string }>`SELECT concat_ws('|', unit_path, root_case_id, degree, n) AS row FROM contact_degree_counts ORDER BY 1`.execute(db)).rows.map((r) => r.row)
    const fresh = async () =>
      (
        await sql<{ row: string }>`
          SELECT concat_ws('|', unit_path, root_case_id, degree, n) AS row FROM (
            SELECT unit_path, root_case_id, degree, count(*)::int AS n FROM contact_degrees GROUP BY 1, 2, 3) x ORDER BY 1`.execute(db)
      ).rows.map((r) => r.row)
    const degreeOf = (i: number) => ({ degree: 1 + (i % 3), root: roots[i % roots.length]! })
    await sql`
      INSERT INTO contact_degrees (person_id, degree, via_person_id, via_exposure_id, root_case_id, unit_path)
      SELECT p.id, x.degree, 0, 0, x.root, p.unit_path
        FROM unnest(${people.slice(0, 60)}::bigint[], ${people.slice(0, 60).map((_, i) => degreeOf(i).degree)}::int[], ${people.slice(0, 60).map((_, i) => degreeOf(i).root)}::bigint[]) AS x(id, degree, root)
        JOIN people p ON p.id = x.id`.execute(db)
    await sql`INSERT INTO contact_degrees (person_id, degree, via_person_id, via_exposure_id, root_case_id, unit_path) SELECT id, 2, 0, 0, 9001, unit_path FROM people WHERE id = ${people[60]!}`.execute(db)
    expect((await kept()).length).toBeGreaterThan(8)
    expect(await kept()).toEqual(await fresh())
    // A contact moving closer to its root, one passing to another root, a move of commune, deletes.
    await sql`UPDATE contact_degrees SET degree = 1 WHERE person_id = ANY(${people.slice(0, 10)}::bigint[])`.execute(db)
    await sql`UPDATE contact_degrees SET root_case_id = 9004 WHERE root_case_id = 9003`.execute(db)
    await sql`UPDATE contact_degrees SET unit_path = (SELECT path FROM units WHERE id = '2025:31078') WHERE person_id = ANY(${people.slice(20, 30)}::bigint[])`.execute(db)
    await sql`UPDATE contact_degrees SET updated_at = now()`.execute(db)
    await sql`DELETE FROM contact_degrees WHERE root_case_id = 9002`.execute(db)
    await sql`DELETE FROM contact_degrees WHERE person_id = ${people[60]!}`.execute(db)
    expect(await kept()).toEqual(await fresh())
    // Nothing is left of the roots gone: no count of zero stays behind.
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM contact_degree_counts WHERE root_case_id IN (9002, 9003) OR n = 0`.execute(db)
    expect(Number(left.rows[0]!.n)).toBe(0)
  })
})
