import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { type Insertable, type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commandEnv, testApp } from '../../../../test/harness.ts'
import { SYSTEM } from '../../../platform/context.ts'
import { openDatabase } from '../../../platform/db.ts'
import type { CasesTable, DB } from '../../../platform/schema.ts'
import { sweepSurveillance } from '../cases/service.ts'
import { recomputeAllDegrees, syncAllCaseSources } from '../degrees.ts'

// A small outbreak with a known answer (today 26/11/2026):
//   chain 1, Rạch Giá: F0 A ─ a1 (F1) ─ a2 (F2) ─ a3 (F3); A ─ K (F1; K's own case was discarded);
//            F0 B (infected by A: a source link, no exposure) ─ b1 (F1)               7 people, F3
//   chain 2, Rạch Giá: F0 C ─ c1 (F1); c1 ─ c2 ─ c3 ─ c1 (a cycle, F2);
//            F0 D ─ d1 (F1); d1 ─ c3 (an exposure joining the two trees)            6 people, F2
//   chain 3, Rạch Giá: F0 G alone                                                    1 person
//   chain 4, Phú Quốc: F0 P ─ p1 (F1)                                                2 people
// and what counts for nothing: E recovered before today with e1 its contact, F a discarded case.
const TODAY = '2026-11-26'
const t = await testApp()
const db = t.database.db

/** A case's fields as stored (confirmed, of unknown source, when not said). */
type Fields = Partial<Omit<Insertable<CasesTable>, 'personId'>>

async function buildOutbreak(db: Kysely<DB>) {
  const people = new Map<string, number>()
  const person = async (name: string, unit = '30742') => {
    const { rows } = await sql<{ id: number }>`
      INSERT INTO people (full_name, name_fold, unit_id, unit_path)
      SELECT ${`Người ${name}`}, ${`nguoi ${name.toLowerCase()}`}, u.id, u.path FROM units u WHERE u.id = ${`2025:${unit}`} RETURNING id`.execute(db)
    people.set(name, Number(rows[0]!.id))
    return Number(rows[0]!.id)
  }
  const cases = new Map<string, number>()
  const caseOf = async (name: string, f: Fields, unit = '30742') => {
    const p = await person(name, unit)
    const row = await db.insertInto('cases').values({ classification: 'confirmed', ...f, personId: p }).returning('id').executeTakeFirstOrThrow()
    cases.set(name, Number(row.id))
  }
  const expose = (a: string, b: string, on: string) => db.insertInto('exposures').values({ personId: people.get(a)!, sourcePersonId: people.get(b)!, exposedOn: on }).execute()

  // name, onset, first positive sample, confirmed, isolated, the rest
  const table: [string, string | null, string | null, string | null, string | null, Fields?, string?][] = [
    ['A', '2026-11-20', null, '2026-11-21', '2026-11-24'],
    ['B', '2026-11-18', null, '2026-11-19', '2026-11-22', { outcome: 'recovered', outcomeDate: '2026-11-28' }],
    ['C', '2026-11-21', null, '2026-11-22', '2026-11-25', { sourceKind: 'imported', sourceCountry: 'KH' }],
    ['D', null, '2026-11-22', '2026-11-23', '2026-11-25'],
    ['G', '2026-11-24', null, TODAY, null],
    ['P', '2026-11-23', null, '2026-11-24', '2026-11-25', { sourceKind: 'imported', sourceCountry: 'KR' }, '31078'],
    ['E', '2026-11-05', null, '2026-11-07', '2026-11-07', { outcome: 'recovered', outcomeDate: '2026-11-20' }],
    ['K', '2026-11-23', null, null, null, { classification: 'discarded' }],
    ['F', '2026-11-24', null, null, null, { classification: 'discarded' }],
  ]
  for (const [name, onsetDate, sampleDate, confirmedDate, isolatedOn, more, unit] of table) {
    await caseOf(name, { onsetDate, sampleDate, confirmedDate, isolatedOn, ...more }, unit)
  }
  // B was infected by A: a source link, no exposure.
  await db.updateTable('cases').set({ sourceKind: 'linked', sourceCaseId: cases.get('A')! }).where('id', '=', cases.get('B')!).execute()
  for (const name of ['a1', 'a2', 'a3', 'b1', 'c1', 'c2', 'c3', 'd1', 'e1']) await person(name)
  await person('p1', '31078')
  const exposures = 'a1 A 21, a2 a1 22, a3 a2 23, K A 22, b1 B 19, c1 C 22, c2 c1 23, c3 c2 23, c3 c1 24, d1 D 23, d1 c3 24, p1 P 24, e1 E 06'
  for (const [who, to, day] of exposures.split(', ').map((e) => e.split(' '))) await expose(who!, to!, `2026-11-${day}`)
  // Tests: two sampled today (one positive result today, one pending); results of the last days.
  const test = (who: string, method: 'pcr' | 'antigen', sampled: string, result: 'positive' | 'negative' | null, resulted: string | null) =>
    db
      .insertInto('tests')
      .values({ personId: people.get(who)!, method, status: result ? 'resulted' : 'sampled', sampleDate: sampled, result, resultDate: resulted, lab: 'CDC Mẫu' })
      .execute()
  await test('G', 'pcr', TODAY, 'positive', TODAY)
  await test('c1', 'pcr', TODAY, null, null)
  await test('a1', 'pcr', '2026-11-24', 'negative', '2026-11-25')
  await test('p1', 'antigen', '2026-11-25', 'negative', '2026-11-25')
  await test('e1', 'pcr', '2026-11-08', 'negative', '2026-11-09')
  for (const [who, startedOn, until, status] of [
    ['a1', '2026-11-22', '2026-12-05', 'active'],
    ['c1', '2026-11-22', '2026-12-06', 'active'],
    ['e1', '2026-11-07', '2026-11-20', 'completed'],
  ] as const) {
    await db.insertInto('contactFollowups').values({ personId: people.get(who)!, startedOn, until, status }).execute()
  }
  await syncAllCaseSources(db, TODAY)
  await recomputeAllDegrees(db)
}

let province: Awaited<ReturnType<typeof t.userAgent>>
let rachGia: Awaited<ReturnType<typeof t.userAgent>>
beforeAll(async () => {
  await buildOutbreak(db)
  province = await t.userAgent('health', '91')
  rachGia = await t.userAgent('commune', '30742')
})

const get = async (agent: typeof province, url: string) => {
  const res = await agent.get(url)
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200)
  return res.json()
}

describe('chain summary', () => {
  it('counts active F0, contacts by degree and chains joined by exposures and source links', async () => {
    expect(await get(province, '/api/surveillance/summary')).toEqual({ cases: 6, byDegree: { '1': 6, '2': 3, '3': 1 }, chains: { count: 4, largest: 7, deepest: 3 } })
    expect(await get(province, '/api/surveillance/summary?unit=31078')).toEqual({ cases: 1, byDegree: { '1': 1 }, chains: { count: 1, largest: 2, deepest: 1 } })
    expect(await get(province, '/api/surveillance/summary?unitCode=30742')).toEqual({ cases: 5, byDegree: { '1': 5, '2': 3, '3': 1 }, chains: { count: 3, largest: 7, deepest: 3 } })
  })

  it('answers only inside the caller’s jurisdiction', async () => {
    expect(await get(rachGia, '/api/surveillance/summary')).toEqual({ cases: 5, byDegree: { '1': 5, '2': 3, '3': 1 }, chains: { count: 3, largest: 7, deepest: 3 } })
    const outside = await rachGia.get('/api/surveillance/summary?unit=31078')
    expect(outside.statusCode).toBe(403)
    expect(outside.json().error.message).toMatch(/địa bàn/)
    const phuQuoc = await t.userAgent('health', '31078')
    expect(await get(phuQuoc, '/api/surveillance/summary')).toEqual({ cases: 1, byDegree: { '1': 1 }, chains: { count: 1, largest: 2, deepest: 1 } })
    const viewer = await t.userAgent('viewer', '91')
    expect((await viewer.get('/api/surveillance/summary')).statusCode).toBe(403)
    expect((await province.get('/api/surveillance/summary?unit=x')).statusCode).toBe(400)
  })

  it('follows the server clock: a case whose outcome date has come is no longer active', async () => {
    t.clock.current = new Date('2026-11-29T03:00:00Z')
    try {
      const later = await t.userAgent('health', '91')
      // At once for the F0 count; the daily sweep (run at start and every day) then moves the degrees.
      expect((await get(later, '/api/surveillance/summary')).cases).toBe(5)
      await sweepSurveillance({ db, access: SYSTEM, now: t.clock.now })
      expect(await get(later, '/api/surveillance/summary')).toEqual({ cases: 5, byDegree: { '1': 5, '2': 3, '3': 1 }, chains: { count: 4, largest: 6, deepest: 3 } })
    } finally {
      t.clock.current = new Date(`${TODAY}T03:00:00Z`)
      await syncAllCaseSources(db, TODAY)
      await recomputeAllDegrees(db)
    }
    expect((await get(province, '/api/surveillance/summary')).chains).toEqual({ count: 4, largest: 7, deepest: 3 })
  })
})

describe('today, curve, incidence, unknown sources', () => {
  it('gives today’s numbers', async () => {
    expect(await get(province, '/api/surveillance/today')).toEqual({
      date: TODAY,
      newCases: { today: 1, last7Days: 5 },
      activeCases: 6,
      contacts: { total: 10, byDegree: { '1': 6, '2': 3, '3': 1 } },
      underFollowup: 2,
      tests: { sampledToday: 2, resultsToday: 1, positiveToday: 1, results7Days: 3, positive7Days: 1, positivity7Days: 0.3333 },
    })
    const local = await get(province, '/api/surveillance/today?unit=31078')
    expect(local).toMatchObject({ newCases: { today: 0, last7Days: 1 }, activeCases: 1, underFollowup: 0, tests: { sampledToday: 0, results7Days: 1, positivity7Days: 0 } })
  })

  it('draws the curve day by day, stacked by source, by onset or by confirmation', async () => {
    const byConfirmed = await get(province, '/api/surveillance/curve?by=confirmed&from=2026-11-18&to=2026-11-26')
    expect(byConfirmed.days).toHaveLength(9)
    const day = (c: { days: { date: string }[] }, d: string) => c.days.find((x) => x.date === d)
    expect(day(byConfirmed, '2026-11-19')).toEqual({ date: '2026-11-19', imported: 0, linked: 1, unknown: 0, total: 1 })
    expect(day(byConfirmed, '2026-11-24')).toEqual({ date: '2026-11-24', imported: 1, linked: 0, unknown: 0, total: 1 })
    expect(day(byConfirmed, '2026-11-20')!).toMatchObject({ total: 0 })
    expect(byConfirmed.totals).toEqual({ imported: 2, linked: 1, unknown: 3, total: 6 })
    expect(byConfirmed.withoutOnset).toBeNull()
    const byOnset = await get(rachGia, '/api/surveillance/curve?from=2026-11-01&to=2026-11-26')
    expect(byOnset.by).toBe('onset')
    expect(byOnset.totals).toEqual({ imported: 1, linked: 1, unknown: 3, total: 5 })
    expect(byOnset.withoutOnset).toBe(1)
    expect(day(byOnset, '2026-11-05')).toMatchObject({ unknown: 1 })
    // Ninety days up to today by default.
    const standard = await get(province, '/api/surveillance/curve')
    expect(standard.days).toHaveLength(90)
    expect(standard.to).toBe(TODAY)
  })

  it('gives cases per 100,000 by commune, with the registry’s populations', async () => {
    const all = await get(province, '/api/surveillance/incidence')
    expect(all.communes).toHaveLength(102)
    const rg = all.communes.find((c: { code: string }) => c.code === '30742')
    const pop = await db.selectFrom('unitPopulations').select('population').where('unitId', '=', '2025:30742').orderBy('year', 'desc').executeTakeFirstOrThrow()
    expect(rg).toEqual({ code: '30742', name: 'Rạch Giá', unitType: 'phuong', population: pop.population, populationYear: expect.any(Number), cases: 4, per100k: Math.round((4 / pop.population) * 1e6) / 10 })
    expect(all.communes.find((c: { code: string }) => c.code === '31078').cases).toBe(1)
    const local = await get(rachGia, '/api/surveillance/incidence?from=2026-11-01')
    expect(local.communes.map((c: { code: string; cases: number }) => [c.code, c.cases])).toEqual([['30742', 6]])
  })

  it('gives the share of unknown-source cases per ISO week', async () => {
    const weeks = await get(province, '/api/surveillance/unknown-sources?from=2026-11-01')
    expect(weeks.weeks).toEqual([
      { week: '2026-W45', weekStart: '2026-11-02', cases: 1, unknown: 1, share: 1 },
      { week: '2026-W47', weekStart: '2026-11-16', cases: 3, unknown: 1, share: 0.3333 },
      { week: '2026-W48', weekStart: '2026-11-23', cases: 3, unknown: 2, share: 0.6667 },
    ])
  })

  it('refuses periods that are reversed or too long, with a message', async () => {
    for (const url of ['/api/surveillance/curve?from=2026-11-20&to=2026-11-10', '/api/surveillance/incidence?from=2020-01-01', '/api/surveillance/curve?by=week', '/api/surveillance/unknown-sources?from=2026-02-30']) {
      const res = await province.get(url)
      expect(res.statusCode, url).toBe(400)
      expect(res.json().error.message, url).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôồốộổỗơờớợởỡưừứựửữ]/)
    }
  })
})

const env = await commandEnv()
afterAll(() => env.cleanup())

describe('phongdich surveillance summary', () => {
  it('prints the summary as JSON for the server clock, for a unit', { timeout: 120_000 }, async () => {
    const database = await openDatabase({ databaseUrl: env.env.DATABASE_URL || undefined, dataDir: env.env.DATA_DIR || undefined })
    try {
      await buildOutbreak(database.db)
    } finally {
      await database.close()
    }
    const run = (now: string, ...args: string[]) =>
      promisify(execFile)(process.execPath, [path.resolve('bin/phongdich.js'), 'surveillance', 'summary', ...args, '--json'], {
        env: { ...process.env, ...env.env, DEMO: '0', PHONGDICH_NOW: now },
        timeout: 60_000,
      })
    expect(JSON.parse((await run(`${TODAY}T03:00:00Z`)).stdout)).toEqual({ cases: 6, byDegree: { '1': 6, '2': 3, '3': 1 }, chains: { count: 4, largest: 7, deepest: 3 } })
    // Rạch Giá only, past B's outcome date: the F0 count follows the clock.
    expect(JSON.parse((await run('2026-11-29T03:00:00Z', '--unit', '30742')).stdout)).toMatchObject({ cases: 4, byDegree: { '2': 3, '3': 1 } })
  })
})
