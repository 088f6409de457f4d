import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../../test/harness.ts'
import { CLUSTER_CLOSE_JOB, queueClusterClose } from './service.ts'

const t = await testApp()
const db = t.database.db
const RG = '30742' // phường Rạch Giá
const PQ = '31078' // đặc khu Phú Quốc

let rg: Agent & { userId: number; username: string }
let pq: Agent
let province: Agent

/** Users of the two communes and of the province, logged in on the clock's day. */
async function logIn() {
  rg = await t.userAgent('health', RG)
  pq = await t.userAgent('health', PQ)
  province = await t.userAgent('health', '91')
}
beforeAll(logIn)

async function ok(res: { statusCode: number; body: string; json(): unknown }, status = 200) {
  expect(res.statusCode, res.body).toBe(status)
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
  return res.json() as any
}

let serial = 0
/** A person of `unitCode` with a case of the given dates, written directly (the case forms are another context's). */
async function caseIn(unitCode: string, dates: { confirmedDate?: string; onsetDate?: string; classification?: 'confirmed' | 'discarded' }): Promise<number> {
  const p = await ok(await province.post('/api/people', { fullName: `Ca Ổ Dịch ${++serial}`, unitCode }), 201)
  const c = await db
    .insertInto('cases')
    .values({ personId: p.id, classification: dates.classification ?? 'confirmed', confirmedDate: dates.confirmedDate ?? null, onsetDate: dates.onsetDate ?? null })
    .returning('id')
    .executeTakeFirstOrThrow()
  return c.id
}

/** Runs the daily closing job as the server would, on the clock's day. */
async function dailyClose() {
  await queueClusterClose(t.ctx)
  await t.jobs.drain()
}

/** Moves the clock to a day (sessions lapse across weeks, so everyone logs in again). */
async function setToday(iso: string) {
  t.clock.current = new Date(`${iso}T03:00:00Z`)
  await logIn()
}

describe('clusters', () => {
  it('counts cases and gives the first and last case day, from the cases attached', async () => {
    await setToday('2026-11-26')
    const cluster = await ok(await rg.post('/api/surveillance/clusters', { code: 'OD-01', name: 'Ổ dịch chợ Rạch Giá', unitCode: RG, place: 'Chợ Rạch Giá', openedOn: '2026-11-01' }), 201)
    expect(cluster).toMatchObject({ status: 'active', caseCount: 0, firstCaseOn: null, lastCaseOn: null, closeDays: 28, closesOn: '2026-11-29' })
    const cases = [
      await caseIn(RG, { confirmedDate: '2026-11-10' }),
      await caseIn(RG, { confirmedDate: '2026-11-05' }),
      await caseIn(RG, { onsetDate: '2026-11-12' }),
      await caseIn(RG, { confirmedDate: '2026-11-20', classification: 'discarded' }),
    ]
    const attached = await ok(await rg.post(`/api/surveillance/clusters/${cluster.id}/cases`, { caseIds: cases }))
    expect(attached).toMatchObject({ attached: 4, caseCount: 3, firstCaseOn: '2026-11-05', lastCaseOn: '2026-11-12', status: 'active', closesOn: '2026-12-10' })
    // Attaching again changes nothing.
    expect((await ok(await rg.post(`/api/surveillance/clusters/${cluster.id}/cases`, { caseIds: cases.slice(0, 1) }))).attached).toBe(0)

    const listed = await ok(await rg.get(`/api/surveillance/clusters?unitCode=${RG}`))
    expect(listed.rows.find((c: { id: number }) => c.id === cluster.id)).toMatchObject({ caseCount: 3, firstCaseOn: '2026-11-05', lastCaseOn: '2026-11-12' })
    const page = await ok(await rg.get(`/api/surveillance/clusters/${cluster.id}?limit=2`))
    expect(page.cases.total).toBe(4)
    expect(page.cases.rows.map((c: { id: number; caseDay: string }) => [c.id, c.caseDay])).toEqual([
      [cases[3], '2026-11-20'],
      [cases[2], '2026-11-12'],
    ])
    expect(page.cases.rows[0].classification).toBe('discarded')
    const next = await ok(await rg.get(`/api/surveillance/clusters/${cluster.id}?limit=2&offset=2`))
    expect(next.cases.rows.map((c: { id: number }) => c.id)).toEqual([cases[0], cases[1]])
    // The reads of the cases are recorded.
    const audit = await db.selectFrom('auditLog').selectAll().where('entity', '=', 'cases').where('action', '=', 'read').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect((audit.after as { ids: number[] }).ids).toEqual([cases[0], cases[1]])

    // Detaching the last case moves the last case day back.
    expect(await ok(await rg.delete(`/api/surveillance/clusters/${cluster.id}/cases/${cases[2]}`))).toMatchObject({ caseCount: 2, lastCaseOn: '2026-11-10' })
    expect((await rg.delete(`/api/surveillance/clusters/${cluster.id}/cases/${cases[2]}`)).statusCode).toBe(404)
  })

  it('closes after the rule’s days without a new case, dated that day, and reopens for a new case', async () => {
    await setToday('2026-11-26')
    const cluster = await ok(await rg.post('/api/surveillance/clusters', { code: 'OD-02', name: 'Ổ dịch xóm chài', unitCode: RG, openedOn: '2026-11-20' }), 201)
    await ok(await rg.post(`/api/surveillance/clusters/${cluster.id}/cases`, { caseIds: [await caseIn(RG, { confirmedDate: '2026-11-21' }), await caseIn(RG, { confirmedDate: '2026-11-24' })] }))
    const status = async () => (await ok(await rg.get(`/api/surveillance/clusters/${cluster.id}`))) as { status: string; closedOn: string | null; closesOn: string | null }

    expect(await status()).toMatchObject({ status: 'active', closesOn: '2026-12-22' })
    await setToday('2026-12-21')
    await dailyClose()
    expect((await status()).status).toBe('active')
    // Checked two days late, it closed on its day.
    await setToday('2026-12-23')
    await dailyClose()
    expect(await status()).toMatchObject({ status: 'closed', closedOn: '2026-12-22', closesOn: null })
    const job = await db.selectFrom('jobs').selectAll().where('kind', '=', CLUSTER_CLOSE_JOB).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(job.status).toBe('done')
    // Once a day: queueing again the same day adds no job.
    const jobs = async () => (await db.selectFrom('jobs').select('id').where('kind', '=', CLUSTER_CLOSE_JOB).execute()).length
    const before = await jobs()
    await queueClusterClose(t.ctx)
    expect(await jobs()).toBe(before)
    // The closing was written by the system, audited.
    const closing = await db.selectFrom('auditLog').selectAll().where('entity', '=', 'clusters').where('entityId', '=', String(cluster.id)).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(closing.action).toBe('update')

    // An old case attached late is not a new case: the cluster stays closed.
    expect(await ok(await rg.post(`/api/surveillance/clusters/${cluster.id}/cases`, { caseIds: [await caseIn(RG, { confirmedDate: '2026-11-22' })] }))).toMatchObject({ status: 'closed', caseCount: 3 })
    // A new case reopens it.
    const reopened = await ok(await rg.post(`/api/surveillance/clusters/${cluster.id}/cases`, { caseIds: [await caseIn(RG, { confirmedDate: '2026-12-23' })] }))
    expect(reopened).toMatchObject({ status: 'active', closedOn: null, lastCaseOn: '2026-12-23', closesOn: '2027-01-20' })
    await setToday('2026-11-26')
  })

  it('takes the number of days from the rule in force, a province’s own before the national one', async () => {
    await setToday('2026-11-26')
    await db
      .insertInto('surveillanceRules')
      .values({ validFrom: '2026-11-01', unitId: '2025:91', daysBeforeOnset: 2, daysBeforeSample: 2, contactFollowDays: 14, clusterCloseDays: 14, source: 'Quy định thử của tỉnh', confidence: 'unverified' })
      .execute()
    const cluster = await ok(await rg.post('/api/surveillance/clusters', { code: 'OD-03', name: 'Ổ dịch trường học', unitCode: RG, openedOn: '2026-11-20' }), 201)
    await ok(await rg.post(`/api/surveillance/clusters/${cluster.id}/cases`, { caseIds: [await caseIn(RG, { confirmedDate: '2026-11-22' })] }))
    expect(await ok(await rg.get(`/api/surveillance/clusters/${cluster.id}`))).toMatchObject({ closeDays: 14, closesOn: '2026-12-06' })
    await setToday('2026-12-06')
    await dailyClose()
    expect(await ok(await rg.get(`/api/surveillance/clusters/${cluster.id}`))).toMatchObject({ status: 'closed', closedOn: '2026-12-06' })
    await db.deleteFrom('surveillanceRules').where('unitId', '=', '2025:91').execute()
    await setToday('2026-11-26')
  })

  it('closes at once a cluster recorded after its quiet period, and refuses a taken code and a future opening', async () => {
    const old = await ok(await rg.post('/api/surveillance/clusters', { code: 'OD-04', name: 'Ổ dịch cũ', unitCode: RG, openedOn: '2026-09-01' }), 201)
    expect(old).toMatchObject({ status: 'closed', closedOn: '2026-09-29' })
    const taken = await rg.post('/api/surveillance/clusters', { code: 'OD-04', name: 'Trùng mã', unitCode: RG, openedOn: '2026-11-01' })
    expect(taken.statusCode).toBe(409)
    expect(taken.json().error.message).toMatch(/Mã ổ dịch OD-04 đã được dùng/)
    expect((await rg.post('/api/surveillance/clusters', { code: 'OD-05', name: 'Tương lai', unitCode: RG, openedOn: '2026-12-01' })).json().error.message).toMatch(/sau hôm nay/)
    expect(await ok(await rg.patch(`/api/surveillance/clusters/${old.id}`, { openedOn: '2026-11-20', note: 'Ghi nhận lại' }))).toMatchObject({ status: 'active', note: 'Ghi nhận lại' })
  })

  it('keeps clusters and their cases inside the jurisdiction', async () => {
    const cluster = await ok(await rg.post('/api/surveillance/clusters', { code: 'OD-J', name: 'Ổ dịch phường', unitCode: RG, openedOn: '2026-11-20' }), 201)
    const rgCase = await caseIn(RG, { confirmedDate: '2026-11-21' })
    const pqCase = await caseIn(PQ, { confirmedDate: '2026-11-21' })
    await ok(await rg.post(`/api/surveillance/clusters/${cluster.id}/cases`, { caseIds: [rgCase] }))
    const refused: [string, string, unknown?][] = [
      ['POST', '/api/surveillance/clusters', { code: 'OD-X', name: 'x', unitCode: RG, openedOn: '2026-11-20' }],
      ['GET', `/api/surveillance/clusters?unitCode=${RG}`],
      ['GET', `/api/surveillance/clusters/${cluster.id}`],
      ['PATCH', `/api/surveillance/clusters/${cluster.id}`, { name: 'đổi' }],
      ['POST', `/api/surveillance/clusters/${cluster.id}/cases`, { caseIds: [pqCase] }],
      ['DELETE', `/api/surveillance/clusters/${cluster.id}/cases/${rgCase}`],
    ]
    for (const [method, url, body] of refused) {
      const res = await pq.request({ method: method as 'GET', url, ...(body ? { payload: body as object } : {}) })
      expect([403, 404], `${method} ${url}: ${res.body}`).toContain(res.statusCode)
    }
    expect((await ok(await pq.get('/api/surveillance/clusters'))).rows.map((c: { id: number }) => c.id)).not.toContain(cluster.id)
    // Nor may a commune attach another commune's case to its own cluster.
    const res = await rg.post(`/api/surveillance/clusters/${cluster.id}/cases`, { caseIds: [rgCase, pqCase] })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.message).toContain(`#${pqCase}`)
    expect((await ok(await rg.get(`/api/surveillance/clusters/${cluster.id}`))).caseCount).toBe(1)

    // A province cluster is seen by both communes; each attaches its own cases, sees only its own, and cannot change the cluster.
    const provincial = await ok(await province.post('/api/surveillance/clusters', { code: 'OD-TINH', name: 'Chùm ca liên xã', unitCode: '91', openedOn: '2026-11-20' }), 201)
    await ok(await rg.post(`/api/surveillance/clusters/${provincial.id}/cases`, { caseIds: [rgCase] }))
    await ok(await pq.post(`/api/surveillance/clusters/${provincial.id}/cases`, { caseIds: [pqCase] }))
    const seenByRg = await ok(await rg.get(`/api/surveillance/clusters/${provincial.id}`))
    expect(seenByRg.caseCount).toBe(2)
    expect(seenByRg.cases.rows.map((c: { id: number }) => c.id)).toEqual([rgCase])
    expect((await ok(await province.get(`/api/surveillance/clusters/${provincial.id}`))).cases.total).toBe(2)
    expect((await rg.patch(`/api/surveillance/clusters/${provincial.id}`, { name: 'đổi' })).statusCode).toBe(403)
    // Moving the case left the commune's cluster.
    expect((await ok(await rg.get(`/api/surveillance/clusters/${cluster.id}`))).caseCount).toBe(0)
  })
})

/** A square of `side` degrees with its south-west corner at (lon, lat). */
const square = (lon: number, lat: number, side = 0.01) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + side, lat],
      [lon + side, lat + side],
      [lon, lat + side],
      [lon, lat],
    ],
  ],
})

describe('zones', () => {
  let hamlet: string
  beforeAll(async () => {
    hamlet = (await ok(await (await t.userAgent('commune', RG)).post(`/api/units/${RG}/children`, { name: 'Khu phố Vạn Thạnh', unitType: 'khu_pho' }), 201)).code
  })

  it('refuses bad zones with a clear message and writes nothing', async () => {
    const pqHamlet = (await ok(await (await t.userAgent('commune', PQ)).post(`/api/units/${PQ}/children`, { name: 'Ấp Rạch Hàm', unitType: 'ap' }), 201)).code
    const base = { name: 'Khoanh vùng thử', kind: 'ring_fence', unitCode: RG, startsOn: '2026-11-20' }
    const open = square(105.08, 10.01)
    open.coordinates[0]!.pop()
    open.coordinates[0]!.push([105.081, 10.011])
    const cases: [unknown, string, RegExp][] = [
      [base, 'ZONE_EMPTY', /Chọn ít nhất một đơn vị/],
      [{ ...base, unitCodes: ['99999'] }, 'UNKNOWN_UNITS', /Không có đơn vị hành chính mã 99999/],
      [{ ...base, unitCodes: [pqHamlet] }, 'UNITS_OUTSIDE', /Ấp Rạch Hàm .* không thuộc Rạch Giá/],
      [{ ...base, geometry: open }, 'ZONE_GEOMETRY', /chưa khép kín/],
      [{ ...base, geometry: { type: 'Point', coordinates: [105, 10] } }, 'ZONE_GEOMETRY', /Polygon hoặc MultiPolygon/],
      [{ ...base, geometry: square(10.01, 105.08) }, 'ZONE_GEOMETRY', /vĩ độ 105.08 ngoài khoảng.*đảo/],
      [{ ...base, geometry: square(105, 10, 0.5) }, 'ZONE_GEOMETRY', /tối đa 2\.000 km²/],
      [
        { ...base, geometry: { type: 'Polygon', coordinates: [[[105.08, 10.01], [105.09, 10.01], [105.08, 10.02], [105.09, 10.025], [105.08, 10.01]]] } },
        'ZONE_GEOMETRY',
        /^Vùng vẽ không hợp lệ: Đường bao tự cắt chính nó \(hình nơ hoặc số 8\): cạnh từ điểm 2 đến điểm 3 cắt cạnh từ điểm 4 đến điểm 5/,
      ],
      [{ ...base, geometry: { type: 'Polygon', coordinates: [[[105.08, 10.01], [105.09, 10.01], [105.08, 10.01], [105.09, 10.01], [105.08, 10.01]]] } }, 'ZONE_GEOMETRY', /ít nhất 3 đỉnh khác nhau/],
      [{ ...base, unitCodes: [hamlet], endsOn: '2026-11-19' }, 'DATE_RANGE', /trước ngày bắt đầu/],
      [{ ...base, unitCodes: [hamlet], kind: 'curfew' }, 'VALIDATION', /ring_fence \(khoanh vùng\)/],
      [{ ...base, unitCodes: [hamlet], clusterId: 99_999_999 }, 'NOT_FOUND', /ổ dịch/],
    ]
    const before = (await db.selectFrom('zones').select('id').execute()).length
    for (const [body, code, message] of cases) {
      const res = await rg.post('/api/surveillance/zones', body)
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400)
      expect(res.statusCode, res.body).toBeLessThan(500)
      expect(res.json().error.code, res.body).toBe(code)
      expect(res.json().error.message).toMatch(message)
    }
    expect((await db.selectFrom('zones').select('id').execute()).length).toBe(before)
    expect((await pq.post('/api/surveillance/zones', { ...base, unitCodes: [hamlet] })).statusCode).toBe(403)
  })

  it('draws the zones in force on a day: drawn areas as drawn, units by their outlines', async () => {
    const cluster = await ok(await rg.post('/api/surveillance/clusters', { code: 'OD-Z', name: 'Ổ dịch Vạn Thạnh', unitCode: RG, openedOn: '2026-11-20' }), 201)
    const drawn = square(105.08, 10.01)
    const byUnits = await ok(
      await rg.post('/api/surveillance/zones', {
        name: 'Phong tỏa Vạn Thạnh',
        kind: 'lockdown',
        unitCode: RG,
        unitCodes: [RG, hamlet],
        startsOn: '2026-11-20',
        endsOn: '2026-12-03',
        measures: 'Không ra khỏi nhà',
        decisionNo: '123/QĐ-UBND',
        clusterId: cluster.id,
      }),
      201,
    )
    expect(byUnits).toMatchObject({ kindName: 'Phong tỏa', units: [{ code: RG }, { code: hamlet }], geometry: null, clusterCode: 'OD-Z' })
    const byDrawing = await ok(await rg.post('/api/surveillance/zones', { name: 'Khoanh vùng bến tàu', kind: 'ring_fence', unitCode: RG, geometry: drawn, startsOn: '2026-11-25' }), 201)
    const ended = await ok(await rg.post('/api/surveillance/zones', { name: 'Đã kết thúc', kind: 'ring_fence', unitCode: RG, unitCodes: [hamlet], startsOn: '2026-11-01', endsOn: '2026-11-10' }), 201)
    const later = await ok(await rg.post('/api/surveillance/zones', { name: 'Sắp áp dụng', kind: 'medical_isolation', unitCode: RG, unitCodes: [hamlet], startsOn: '2026-12-01' }), 201)
    const provincial = await ok(await province.post('/api/surveillance/zones', { name: 'Cách ly y tế Phú Quốc', kind: 'medical_isolation', unitCode: '91', unitCodes: [PQ], startsOn: '2026-11-20' }), 201)

    const map = await ok(await rg.get(`/api/surveillance/zones?unitCode=${RG}&activeOn=2026-11-26`))
    expect(map.type).toBe('FeatureCollection')
    const ids = map.zones.map((z: { id: number }) => z.id)
    expect(ids).toEqual(expect.arrayContaining([byUnits.id, byDrawing.id, provincial.id]))
    expect(ids).not.toContain(ended.id)
    expect(ids).not.toContain(later.id)
    const drawnFeature = map.features.find((f: { id: string }) => f.id === `zone-${byDrawing.id}`)
    expect(drawnFeature).toMatchObject({ type: 'Feature', geometry: drawn, properties: { source: 'drawn', kind: 'ring_fence', kindName: 'Khoanh vùng' } })
    const outline = await db.selectFrom('unitBoundaries').select('geometry').where('unitId', '=', '2025:30742').executeTakeFirstOrThrow()
    const unitFeature = map.features.find((f: { id: string }) => f.id === `zone-${byUnits.id}-${RG}`)
    expect(unitFeature.geometry).toEqual(outline.geometry)
    expect(unitFeature.properties).toMatchObject({ source: 'unit', unitCode: RG, zoneId: byUnits.id, name: 'Phong tỏa Vạn Thạnh', endsOn: '2026-12-03' })
    // The hamlet has no outline: listed beside the map, not drawn.
    expect(map.zones.find((z: { id: number }) => z.id === byUnits.id).units).toEqual([
      { code: RG, name: 'Rạch Giá', outlined: true },
      { code: hamlet, name: 'Khu phố Vạn Thạnh', outlined: false },
    ])
    expect(map.features.filter((f: { properties: { zoneId: number } }) => f.properties.zoneId === byUnits.id)).toHaveLength(1)
    expect(map.truncated).toBe(false)
    // Later, the lockdown has ended and the isolation has begun.
    const december = await ok(await rg.get('/api/surveillance/zones?activeOn=2026-12-05'))
    expect(december.zones.map((z: { id: number }) => z.id)).toEqual(expect.arrayContaining([later.id, byDrawing.id]))
    expect(december.zones.map((z: { id: number }) => z.id)).not.toContain(byUnits.id)
    // Another commune sees neither the zones nor the map of this one; the province's zone is on both maps.
    expect((await pq.get(`/api/surveillance/zones?unitCode=${RG}`)).statusCode).toBe(403)
    const pqMap = await ok(await pq.get('/api/surveillance/zones?activeOn=2026-11-26'))
    expect(pqMap.zones.map((z: { id: number }) => z.id)).toEqual([provincial.id])
    expect((await pq.get(`/api/surveillance/zones/${byUnits.id}`)).statusCode).toBe(404)
    expect((await pq.patch(`/api/surveillance/zones/${byUnits.id}`, { endsOn: '2026-12-01' })).statusCode).toBe(404)
    expect((await pq.delete(`/api/surveillance/zones/${byUnits.id}`)).statusCode).toBe(404)
    expect((await rg.patch(`/api/surveillance/zones/${provincial.id}`, { endsOn: '2026-12-01' })).statusCode).toBe(403)

    // Extended, then ended early; a bad drawing in an edit is refused like on creation.
    expect(await ok(await rg.patch(`/api/surveillance/zones/${byUnits.id}`, { endsOn: null, unitCodes: [hamlet] }))).toMatchObject({ endsOn: null, units: [{ code: hamlet }] })
    // Lifting is its last day, recorded in the audit log with the day it had before and who lifted it; the zone leaves the map the day after.
    expect(await ok(await rg.patch(`/api/surveillance/zones/${byUnits.id}`, { endsOn: '2026-11-27' }))).toMatchObject({ endsOn: '2026-11-27' })
    const lifted = await db.selectFrom('auditLog').selectAll().where('entity', '=', 'zones').where('entityId', '=', String(byUnits.id)).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(lifted).toMatchObject({ action: 'update', actorId: rg.userId, before: expect.objectContaining({ endsOn: null }), after: expect.objectContaining({ endsOn: '2026-11-27' }) })
    expect((await ok(await rg.get('/api/surveillance/zones?activeOn=2026-11-27'))).zones.map((z: { id: number }) => z.id)).toContain(byUnits.id)
    expect((await ok(await rg.get('/api/surveillance/zones?activeOn=2026-11-28'))).zones.map((z: { id: number }) => z.id)).not.toContain(byUnits.id)
    expect((await rg.patch(`/api/surveillance/zones/${byDrawing.id}`, { geometry: { type: 'Polygon', coordinates: [[[105, 10]]] } })).json().error.code).toBe('ZONE_GEOMETRY')
    const bowTie = await rg.patch(`/api/surveillance/zones/${byDrawing.id}`, { geometry: { type: 'Polygon', coordinates: [[[0, 0], [0.01, 0.01], [0.01, 0], [0, 0.01], [0, 0]].map(([x, y]) => [105.08 + x!, 10.01 + y!])] } })
    expect(bowTie.statusCode).toBe(400)
    expect(bowTie.json().error).toMatchObject({ code: 'ZONE_GEOMETRY', message: expect.stringMatching(/tự cắt chính nó .* tại \[105\.085, 10\.015\]/) })
    expect((await rg.patch(`/api/surveillance/zones/${byDrawing.id}`, { geometry: null })).json().error.code).toBe('ZONE_EMPTY')
    expect(await ok(await rg.delete(`/api/surveillance/zones/${ended.id}`))).toEqual({ ok: true })
    expect((await rg.get(`/api/surveillance/zones/${ended.id}`)).statusCode).toBe(404)
  })

  it('lifts a zone by a decision whose number and date are required, kept with the lifting, audited and shown', async () => {
    await setToday('2026-11-30')
    const zone = await ok(await rg.post('/api/surveillance/zones', { name: 'Phong tỏa hẻm 12', kind: 'lockdown', unitCode: RG, unitCodes: [hamlet], startsOn: '2026-11-20', decisionNo: '140/QĐ-UBND' }), 201)
    expect(zone).toMatchObject({ endsOn: null, liftDecisionNo: null, liftDecidedOn: null })
    const lift = (body: unknown) => rg.post(`/api/surveillance/zones/${zone.id}/lift`, body)
    const refused: [unknown, RegExp][] = [
      [{ endsOn: '2026-11-29', decidedOn: '2026-11-28' }, /Nhập số quyết định gỡ bỏ vùng/],
      [{ endsOn: '2026-11-29', decisionNo: '   ', decidedOn: '2026-11-28' }, /Nhập số quyết định gỡ bỏ vùng/],
      [{ endsOn: '2026-11-29', decisionNo: '152/QĐ-UBND' }, /Nhập ngày quyết định gỡ bỏ vùng/],
      [{ decisionNo: '152/QĐ-UBND', decidedOn: '2026-11-28' }, /Nhập ngày cuối áp dụng/],
      [{ endsOn: '2026-11-19', decisionNo: '152/QĐ-UBND', decidedOn: '2026-11-28' }, /Ngày cuối áp dụng \(19\/11\/2026\) ở trước ngày bắt đầu/],
      [{ endsOn: '2026-11-29', decisionNo: '152/QĐ-UBND', decidedOn: '2026-11-10' }, /Ngày quyết định gỡ bỏ \(10\/11\/2026\) ở trước ngày vùng bắt đầu/],
      [{ endsOn: '2026-11-29', decisionNo: '152/QĐ-UBND', decidedOn: '2026-12-02' }, /Ngày quyết định gỡ bỏ \(02\/12\/2026\) ở sau hôm nay/],
    ]
    for (const [body, message] of refused) {
      const res = await lift(body)
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().error.message, res.body).toMatch(message)
    }
    expect(await ok(await rg.get(`/api/surveillance/zones/${zone.id}`))).toMatchObject({ endsOn: null, liftDecisionNo: null })
    // Another commune's user cannot lift it.
    expect((await pq.post(`/api/surveillance/zones/${zone.id}/lift`, { endsOn: '2026-11-29', decisionNo: '1/QĐ', decidedOn: '2026-11-28' })).statusCode).toBe(404)

    const lifted = await ok(await lift({ endsOn: '2026-11-29', decisionNo: ' 152/QĐ-UBND ', decidedOn: '2026-11-28' }))
    expect(lifted).toMatchObject({ endsOn: '2026-11-29', liftDecisionNo: '152/QĐ-UBND', liftDecidedOn: '2026-11-28', decisionNo: '140/QĐ-UBND' })
    const audited = await db.selectFrom('auditLog').selectAll().where('entity', '=', 'zones').where('entityId', '=', String(zone.id)).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(audited).toMatchObject({
      action: 'update',
      actorId: rg.userId,
      before: expect.objectContaining({ endsOn: null, liftDecisionNo: null }),
      after: expect.objectContaining({ endsOn: '2026-11-29', liftDecisionNo: '152/QĐ-UBND', liftDecidedOn: '2026-11-28' }),
    })
    // Shown in the list beside the map on its last day; gone the day after.
    const onLastDay = await ok(await rg.get('/api/surveillance/zones?activeOn=2026-11-29'))
    expect(onLastDay.zones.find((z: { id: number }) => z.id === zone.id)).toMatchObject({ liftDecisionNo: '152/QĐ-UBND', liftDecidedOn: '2026-11-28' })
    expect((await ok(await rg.get('/api/surveillance/zones?activeOn=2026-11-30'))).zones.map((z: { id: number }) => z.id)).not.toContain(zone.id)
    // In force again with no end: the lifting's decision no longer applies.
    expect(await ok(await rg.patch(`/api/surveillance/zones/${zone.id}`, { endsOn: null }))).toMatchObject({ endsOn: null, liftDecisionNo: null, liftDecidedOn: null })
  })

  it('bounds the map: at most 300 unit outlines, the rest listed and the answer marked', async () => {
    const communes = (
      await sql<{ code: string }>`SELECT u.code FROM units u JOIN unit_boundaries b ON b.unit_id = u.id
        WHERE u.level = 'commune' AND u.path LIKE '/2025:91/%' ORDER BY u.code`.execute(db)
    ).rows.map((r) => r.code)
    expect(communes.length).toBeGreaterThan(100)
    for (const k of [1, 2, 3]) {
      await ok(await province.post('/api/surveillance/zones', { name: `Toàn tỉnh ${k}`, kind: 'ring_fence', unitCode: '91', unitCodes: communes.slice(0, 100), startsOn: '2027-01-01', endsOn: '2027-01-02' }), 201)
    }
    await ok(await province.post('/api/surveillance/zones', { name: 'Toàn tỉnh 4', kind: 'ring_fence', unitCode: '91', unitCodes: communes.slice(0, 10), startsOn: '2027-01-01', endsOn: '2027-01-02' }), 201)
    const map = await ok(await province.get('/api/surveillance/zones?activeOn=2027-01-01'))
    expect(map.truncated).toBe(true)
    // Newest first: the four zones of the day come before the open-ended ones of earlier tests.
    const mine = map.zones.filter((z: { name: string }) => z.name.startsWith('Toàn tỉnh'))
    expect(mine.map((z: { id: number }) => z.id)).toEqual(map.zones.slice(0, 4).map((z: { id: number }) => z.id))
    expect(map.features.filter((f: { properties: { source: string } }) => f.properties.source === 'unit')).toHaveLength(300)
    const listed = mine.flatMap((z: { units: { outlined: boolean }[] }) => z.units)
    expect(listed).toHaveLength(310)
    expect(listed.filter((u: { outlined: boolean }) => !u.outlined)).toHaveLength(10)
    expect((await province.post('/api/surveillance/zones', { name: 'Quá nhiều', kind: 'ring_fence', unitCode: '91', unitCodes: [...communes, ...communes].slice(0, 201), startsOn: '2027-01-01' })).json().error.message).toMatch(
      /tối đa 200 đơn vị/,
    )
  })
})
