import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { estimateR, RT_QUANTILES } from '../../../domain/analytics/rt.ts'
import { discretisedGammaSerialInterval } from '../../../domain/analytics/serialInterval.ts'
import { testApp } from '../../../test/harness.ts'

// A known epidemic (today 26/11/2026): in phường Rạch Giá (30742) F0 confirmed every day from
// 01/10 to 26/11 — 2 + (day mod 4) local cases a day and an imported one every fifth day — with
// a few suspected and discarded cases that must not count; in Phú Quốc (31078) 3 local cases a day
// from 01/11. Tests in Rạch Giá: 20 results a day from 10/11, 3 of them positive.
const t = await testApp()
const db = t.database.db
const FROM = '2026-10-01'
const TODAY = '2026-11-26'

const day = (i: number) => new Date(Date.parse(`${FROM}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10)
const DAYS = 57 // 01/10 … 26/11

let personCounter = 0
async function peopleIn(unit: string, n: number): Promise<number[]> {
  const names = Array.from({ length: n }, () => `Người ${++personCounter}`)
  const { rows } = await sql<{ id: number }>`
    INSERT INTO people (full_name, name_fold, unit_id, unit_path)
    SELECT n, lower(n), u.id, u.path FROM units u, unnest(${names}::text[]) n WHERE u.id = ${`2025:${unit}`} RETURNING id`.execute(db)
  return rows.map((r) => Number(r.id))
}

async function casesIn(unit: string, date: string, n: number, fields: { sourceKind?: 'imported' | 'linked' | 'unknown'; classification?: 'confirmed' | 'probable' | 'suspected' | 'discarded' } = {}) {
  if (n === 0) return
  const ids = await peopleIn(unit, n)
  await db
    .insertInto('cases')
    .values(ids.map((personId) => ({ personId, classification: fields.classification ?? 'confirmed', confirmedDate: date, onsetDate: date, sourceKind: fields.sourceKind ?? 'unknown', ...(fields.sourceKind === 'imported' ? { sourceCountry: 'KH' } : {}) })))
    .execute()
}

const rachGiaLocal = Array.from({ length: DAYS }, (_, i) => 2 + (i % 4))
const rachGiaImported: number[] = Array.from({ length: DAYS }, (_, i) => (i % 5 === 0 ? 1 : 0))

beforeAll(async () => {
  for (let i = 0; i < DAYS; i++) {
    await casesIn('30742', day(i), rachGiaLocal[i]! - (i % 2), { sourceKind: 'unknown' })
    await casesIn('30742', day(i), i % 2, { sourceKind: 'linked' })
    await casesIn('30742', day(i), rachGiaImported[i]!, { sourceKind: 'imported' })
    if (day(i) >= '2026-11-01') await casesIn('31078', day(i), 3)
  }
  await casesIn('30742', day(50), 4, { classification: 'suspected' })
  await casesIn('30742', day(51), 2, { classification: 'discarded' })
  // Tests: 20 results a day in Rạch Giá from 10/11, 3 positive.
  for (let d = '2026-11-10'; d <= TODAY; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
    const ids = await peopleIn('30742', 20)
    await db
      .insertInto('tests')
      .values(ids.map((personId, k) => ({ personId, method: 'pcr' as const, status: 'resulted' as const, sampleDate: d, resultDate: d, result: k < 3 ? ('positive' as const) : ('negative' as const) })))
      .execute()
  }
})

describe('R(t) from given figures: POST /api/analytics/rt', () => {
  const incidence = [4, 5, 3, 6, 8, 7, 9, 11, 10, 13, 12, 15].map((local, i) => ({ date: `2021-07-${String(i + 1).padStart(2, '0')}`, local, imported: i % 4 === 0 ? 2 : 0 }))

  it('answers every window with its mean, deviation and quantiles, as the estimate does', async () => {
    const viewer = await t.userAgent('viewer', '91')
    const res = await viewer.post('/api/analytics/rt', { incidence, siMean: 4.7, siSd: 2.9, window: 7 })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    const expected = estimateR({ local: incidence.map((r) => r.local), imported: incidence.map((r) => r.imported), si: { kind: 'parametric', mean: 4.7, sd: 2.9 }, window: 7 })
    expect(body.windows).toHaveLength(expected.windows.length)
    expect(body.windows[0]).toMatchObject({ tStart: 2, tEnd: 8, dateStart: '2021-07-02', dateEnd: '2021-07-08' })
    expect(Object.keys(body.windows[0].quantiles)).toEqual([...RT_QUANTILES])
    for (const [i, w] of (body.windows as { mean: number; std: number; quantiles: Record<string, number> }[]).entries()) {
      expect(w.mean).toBeCloseTo(expected.windows[i]!.mean, 12)
      expect(w.std).toBeCloseTo(expected.windows[i]!.std, 12)
      for (const q of RT_QUANTILES) expect(w.quantiles[q]).toBeCloseTo(expected.windows[i]!.quantiles[q], 12)
    }
    expect(body.notes.join(' ')).toContain('4 ca tại chỗ của ngày đầu tiên được tính là ca xâm nhập')
    // The same figures as CSV (dates dd/mm/yyyy) and with the distribution itself (over 40 days: summing to 1).
    const csv = `date,local,imported\n${incidence.map((r) => `${r.date.slice(8)}/07/2021,${r.local},${r.imported}`).join('\n')}\n`
    const fromCsv = await viewer.post('/api/analytics/rt', { csv, siDistr: discretisedGammaSerialInterval(4.7, 2.9, 40), window: 7 })
    expect(fromCsv.statusCode, fromCsv.body).toBe(200)
    const means = fromCsv.json().windows.map((w: { mean: number }) => w.mean) as number[]
    expect(means).toHaveLength(body.windows.length)
    for (const [i, m] of means.entries()) expect(m).toBeCloseTo(body.windows[i].mean, 12)
  })

  it('refuses bad input with a Vietnamese message and a 4xx', async () => {
    const viewer = await t.userAgent('viewer', '91')
    const refused = async (body: unknown, code: string, text: string | RegExp) => {
      const res = await viewer.post('/api/analytics/rt', body)
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400)
      expect(res.statusCode).toBeLessThan(500)
      expect(res.json().error.code).toBe(code)
      expect(res.json().error.message).toMatch(text)
    }
    await refused({ csv: 'date,imported\n2021-07-01,1\n', siMean: 4.7, siSd: 2.9 }, 'RT_MISSING_COLUMN', /Thiếu cột local/)
    await refused({ csv: 'date,local\n2021-07-01,1\n2021-07-02,-3\n', siMean: 4.7, siSd: 2.9 }, 'RT_BAD_COUNT', /Dòng 3: .*không âm/)
    await refused({ csv: 'date,local\nhôm nay,1\n', siMean: 4.7, siSd: 2.9 }, 'RT_BAD_DATE', /không phải là ngày/)
    await refused({ incidence, siDistr: [0.2, 0.5, 0.3] }, 'RT_BAD_SI', /ngày 0 phải bằng 0/)
    await refused({ incidence, siDistr: [0, 0.5, 0.3] }, 'RT_BAD_SI', /Tổng các xác suất/)
    await refused({ incidence, siMean: 4.7, siSd: 2.9, window: 12 }, 'RT_WINDOW_TOO_LONG', /cần ít nhất 13 ngày/)
    await refused({ incidence, siMean: 4.7 }, 'RT_SI_REQUIRED', /Cần khoảng nối tiếp/)
    await refused({ incidence, siMean: 4.7, siSd: 2.9, siDistr: [0, 1] }, 'RT_SI_BOTH', /Chỉ cho một khoảng nối tiếp/)
    await refused({ siMean: 4.7, siSd: 2.9 }, 'RT_INCIDENCE_REQUIRED', /đúng một cách/)
    const tooMany = Array.from({ length: 7306 }, (_, i) => ({ date: '2021-01-01', local: i }))
    const big = await viewer.post('/api/analytics/rt', { incidence: tooMany, siMean: 4.7, siSd: 2.9 })
    expect(big.statusCode).toBe(400)
    expect(big.json().error.message).toMatch(/Tối đa 7305 ngày/)
  })
})

describe('R(t) by unit from the surveillance data', () => {
  it('counts F0 by day, local against imported, and estimates R with the serial interval in force', async () => {
    const health = await t.userAgent('health', '30742')
    const res = await health.get(`/api/analytics/rt?unit=30742&from=${FROM}&to=${TODAY}`)
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body.unit).toEqual({ code: '30742', name: expect.any(String) })
    expect(body.days).toHaveLength(DAYS)
    expect(body.days.map((d: { local: number }) => d.local)).toEqual(rachGiaLocal)
    expect(body.days.map((d: { imported: number }) => d.imported)).toEqual(rachGiaImported)
    expect(body.serialInterval).toMatchObject({ meanDays: 4.7, sdDays: 2.9, confidence: 'secondary', unitCode: null })
    expect(body.serialInterval.source).toContain('Nishiura')
    const expected = estimateR({ local: rachGiaLocal, imported: rachGiaImported, si: { kind: 'parametric', mean: 4.7, sd: 2.9 }, window: 7 })
    expect(body.windows).toHaveLength(expected.windows.length)
    expect(body.windows.at(-1).dateEnd).toBe(TODAY)
    expect(body.windows.at(-1).mean).toBeCloseTo(expected.windows.at(-1)!.mean, 12)
    expect(body.windows.at(-1).quantiles['0.975']).toBeCloseTo(expected.windows.at(-1)!.quantiles['0.975'], 12)
    // Steady local cases with imported ones infecting: R about 1.
    expect(body.windows.at(-1).mean).toBeGreaterThan(0.7)
    expect(body.windows.at(-1).mean).toBeLessThan(1.3)
  })

  it('uses the province’s own serial interval once recorded (an audited surveillance rule)', async () => {
    const viewer = await t.userAgent('viewer', '91')
    const refused = await viewer.post('/api/analytics/serial-intervals', { validFrom: '2021-06-01', meanDays: 3.9, sdDays: 2.4, source: 'x', confidence: 'unverified' })
    expect(refused.statusCode).toBe(403)
    const health = await t.userAgent('health', '91')
    const bad = await health.post('/api/analytics/serial-intervals', { validFrom: '2021-06-01', meanDays: 0.9, sdDays: 2.4, source: 'x', confidence: 'unverified' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.message).toContain('lớn hơn 1 ngày')
    const created = await health.post('/api/analytics/serial-intervals', {
      validFrom: '2021-06-01',
      meanDays: 3.9,
      sdDays: 2.4,
      source: 'Sở Y tế, ước lượng cho biến chủng Delta',
      confidence: 'unverified',
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({ unitCode: '91', meanDays: 3.9 })
    const again = await health.post('/api/analytics/serial-intervals', { validFrom: '2021-06-01', meanDays: 4, sdDays: 2, source: 'x', confidence: 'unverified' })
    expect(again.statusCode).toBe(409)
    const audit = await db.selectFrom('auditLog').select(['actorName', 'action']).where('entity', '=', 'serial_intervals').execute()
    expect(audit).toContainEqual({ actorName: health.username, action: 'insert' })

    const rt = (await health.get(`/api/analytics/rt?unit=30742&from=${FROM}&to=${TODAY}`)).json()
    expect(rt.serialInterval).toMatchObject({ meanDays: 3.9, sdDays: 2.4, unitCode: '91' })
    // Before the province's date, the national default applies.
    const early = (await health.get('/api/analytics/rt?unit=30742&from=2021-01-01&to=2021-03-01')).json()
    expect(early.serialInterval.unitCode).toBeNull()
    const list = (await viewer.get('/api/analytics/serial-intervals')).json().serialIntervals
    expect(list.map((s: { unitCode: string | null }) => s.unitCode)).toEqual(['91', null])
  })

  it('keeps to the caller’s jurisdiction and refuses bad periods', async () => {
    const phuQuoc = await t.userAgent('commune', '31078')
    const outside = await phuQuoc.get('/api/analytics/rt?unit=30742')
    expect(outside.statusCode).toBe(403)
    expect(outside.json().error.message).toContain('ngoài địa bàn')
    // Its own area: only its cases.
    const own = (await phuQuoc.get(`/api/analytics/rt?from=${FROM}&to=${TODAY}`)).json()
    expect(own.days.reduce((a: number, d: { local: number }) => a + d.local, 0)).toBe(26 * 3)
    const reversed = await phuQuoc.get('/api/analytics/rt?from=2026-11-20&to=2026-11-01')
    expect(reversed.statusCode).toBe(400)
    const tooLong = await phuQuoc.get('/api/analytics/indicators?from=2020-01-01&to=2026-11-01')
    expect(tooLong.json().error.code).toBe('RANGE_TOO_LONG')
    const short = await phuQuoc.get('/api/analytics/rt?from=2026-11-20&to=2026-11-24&window=7')
    expect(short.statusCode).toBe(400)
    expect(short.json().error.message).toContain('dài hơn số liệu')
  })

  it('answers the latest R of every commune from one aggregate', async () => {
    const steering = await t.userAgent('steering', '91')
    const res = await steering.get(`/api/analytics/rt/communes?unit=91&from=${FROM}&to=${TODAY}`)
    expect(res.statusCode, res.body).toBe(200)
    const communes = res.json().communes as { code: string; cases: number; latest: { mean: number; lower: number; upper: number; dateEnd: string } | null }[]
    expect(communes.length).toBeGreaterThan(50)
    const rachGia = communes.find((c) => c.code === '30742')!
    expect(rachGia.cases).toBe(rachGiaLocal.reduce((a, b) => a + b, 0) + rachGiaImported.reduce((a, b) => a + b, 0))
    const unit = (await steering.get(`/api/analytics/rt?unit=30742&from=${FROM}&to=${TODAY}`)).json()
    expect(rachGia.latest!.mean).toBeCloseTo(unit.windows.at(-1).mean, 12)
    expect(rachGia.latest!.lower).toBeCloseTo(unit.windows.at(-1).quantiles['0.025'], 12)
    expect(rachGia.latest!.dateEnd).toBe(TODAY)
    expect(communes.find((c) => c.code === '31078')!.cases).toBe(26 * 3)
    // A commune without cases has the prior's estimate.
    expect(communes.find((c) => c.cases === 0)!.latest!.mean).toBeCloseTo(5, 12)
  })
})

describe('indicators by unit', () => {
  it('7-day incidence per 100,000, positivity and doubling time, day by day', async () => {
    const pop = await db.selectFrom('unitPopulations').select(['population']).where('unitId', '=', '2025:30742').orderBy('year', 'desc').executeTakeFirst()
    expect(pop).toBeDefined()
    const commune = await t.userAgent('commune', '30742')
    const res = await commune.get('/api/analytics/indicators?unit=30742&from=2026-11-01&to=2026-11-26')
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body.population).toBe(Number(pop!.population))
    expect(body.days).toHaveLength(26)
    const last = body.days.at(-1)
    const i = DAYS - 1
    const week = (k: number) => Array.from({ length: 7 }, (_, j) => rachGiaLocal[k - j]! + rachGiaImported[k - j]!).reduce((a, b) => a + b, 0)
    expect(last).toMatchObject({ date: TODAY, cases: rachGiaLocal[i]! + rachGiaImported[i]!, cases7d: week(i), results: 20, positive: 3 })
    expect(last.incidence7dPer100k).toBeCloseTo((week(i) / Number(pop!.population)) * 100_000, 10)
    expect(last.positivity7d).toBeCloseTo(3 / 20, 12)
    expect(last.doublingTime).toBeCloseTo((7 * Math.LN2) / Math.log(week(i) / week(i - 7)), 10)
    // Before the first results, positivity is unknown.
    expect(body.days[0].positivity7d).toBeNull()
    // The commune of Phú Quốc's cases are not in Rạch Giá's figures; the province has both.
    const province = (await (await t.userAgent('steering', '91')).get('/api/analytics/indicators?unit=91&from=2026-11-26&to=2026-11-26')).json()
    expect(province.days[0].cases7d).toBe(week(i) + 7 * 3)
  })
})
