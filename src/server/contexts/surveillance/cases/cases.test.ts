import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../../test/harness.ts'

// Cases, exposures and contacts through the HTTP API, with the degrees they move. The test clock
// stands at 26/11/2026 (Vietnam time).
const t = await testApp()
const RG = '30742' // phường Rạch Giá
const PQ = '31078' // đặc khu Phú Quốc
let rg: Agent & { userId: number }
let pq: Agent & { userId: number }
let province: Agent & { userId: number }
let serial = 0

beforeAll(async () => {
  rg = await t.userAgent('tracer', RG)
  pq = await t.userAgent('tracer', PQ)
  province = await t.userAgent('health', '91')
})

/** A new person of commune `unit` (no year of birth: never a duplicate candidate). */
async function person(agent: Agent, name: string, unit = RG): Promise<number> {
  const r = await agent.post('/api/people', { fullName: `${name} ${++serial}`, unitCode: unit })
  expect(r.statusCode, r.body).toBe(201)
  return r.json().id
}

async function caseOf(agent: Agent, personId: number, fields: Record<string, unknown> = {}): Promise<{ id: number; isSource: boolean }> {
  const r = await agent.post('/api/surveillance/cases', { personId, classification: 'confirmed', onsetDate: '2026-11-20', confirmedDate: '2026-11-22', ...fields })
  expect(r.statusCode, r.body).toBe(201)
  return r.json()
}

async function expose(agent: Agent, personId: number, sourcePersonId: number, exposedOn: string): Promise<number> {
  const r = await agent.post('/api/surveillance/exposures', { personId, sourcePersonId, exposedOn, setting: 'household', f1Criteria: ['near_without_mask'] })
  expect(r.statusCode, r.body).toBe(201)
  return r.json().id
}

/** person id → degree, as the contacts list of the commune shows them. */
async function degrees(agent: Agent = rg, unit = RG): Promise<Map<number, number>> {
  const r = await agent.get(`/api/surveillance/contacts?unitCode=${unit}&limit=200`)
  expect(r.statusCode, r.body).toBe(200)
  return new Map(r.json().rows.map((x: { personId: number; degree: number }) => [x.personId, x.degree]))
}
const degreeOf = async (id: number, agent: Agent = rg) => (await degrees(agent)).get(id) ?? null

describe('cases move degrees', () => {
  it('makes an F0’s contacts in its window F1 and theirs F2, and shows them on the contacts list', async () => {
    const f0 = await person(rg, 'Ca Gốc')
    const a = await person(rg, 'Tiếp Xúc A')
    const b = await person(rg, 'Tiếp Xúc B')
    const early = await person(rg, 'Tiếp Xúc Sớm')
    await expose(rg, a, f0, '2026-11-21')
    await expose(rg, b, a, '2026-11-23')
    await expose(rg, early, f0, '2026-11-10') // before the window (2 days before onset)
    expect(await degreeOf(a)).toBe(null)
    const c = await caseOf(rg, f0)
    expect(c.isSource).toBe(true)
    const d = await degrees()
    expect([d.get(a), d.get(b), d.get(early)]).toEqual([1, 2, undefined])
    // A contact of a contact exposed after the F0 was found is added at once.
    const later = await person(rg, 'Tiếp Xúc Sau')
    const e = await rg.post('/api/surveillance/exposures', { personId: later, sourcePersonId: b, exposedOn: '2026-11-25', place: 'Chợ Rạch Giá', setting: 'market' })
    expect(e.json()).toMatchObject({ degree: 3, setting: 'market', place: 'Chợ Rạch Giá' })
    // The contacts list filters by degree and pages.
    const f1 = (await rg.get(`/api/surveillance/contacts?unitCode=${RG}&degree=1`)).json()
    expect(f1.rows.map((r: { personId: number }) => r.personId)).toContain(a)
    expect(f1.rows.every((r: { degree: number }) => r.degree === 1)).toBe(true)
    const row = f1.rows.find((r: { personId: number }) => r.personId === a)
    expect(row).toMatchObject({ viaPersonId: f0, lastExposedOn: '2026-11-21', rootCaseId: c.id })
  })

  it('takes the degrees away when the case is discarded, gives them back when confirmed again, and ends them when it recovers', async () => {
    const f0 = await person(rg, 'Ca Loại Trừ')
    const a = await person(rg, 'Tiếp Xúc Loại Trừ')
    await expose(rg, a, f0, '2026-11-21')
    const c = await caseOf(rg, f0)
    expect(await degreeOf(a)).toBe(1)
    const discarded = await rg.patch(`/api/surveillance/cases/${c.id}`, { classification: 'discarded' })
    expect(discarded.statusCode, discarded.body).toBe(200)
    expect(discarded.json()).toMatchObject({ classification: 'discarded', isSource: false })
    expect(await degreeOf(a)).toBe(null)
    expect((await rg.patch(`/api/surveillance/cases/${c.id}`, { classification: 'confirmed' })).json().isSource).toBe(true)
    expect(await degreeOf(a)).toBe(1)
    const recovered = await rg.patch(`/api/surveillance/cases/${c.id}`, { outcome: 'recovered', outcomeDate: '2026-11-26', isolatedOn: '2026-11-22' })
    expect(recovered.statusCode, recovered.body).toBe(200)
    expect(recovered.json()).toMatchObject({ outcome: 'recovered', isSource: false, windowTo: '2026-11-22' })
    expect(await degreeOf(a)).toBe(null)
  })

  it('narrows the window when the case is isolated: exposures after isolation no longer count', async () => {
    const f0 = await person(rg, 'Ca Cách Ly')
    const before = await person(rg, 'Trước Cách Ly')
    const after = await person(rg, 'Sau Cách Ly')
    await expose(rg, before, f0, '2026-11-21')
    await expose(rg, after, f0, '2026-11-24')
    const c = await caseOf(rg, f0)
    expect([await degreeOf(before), await degreeOf(after)]).toEqual([1, 1])
    const isolated = await rg.patch(`/api/surveillance/cases/${c.id}`, { isolatedOn: '2026-11-22' })
    expect(isolated.json()).toMatchObject({ windowFrom: '2026-11-18', windowTo: '2026-11-22' })
    expect([await degreeOf(before), await degreeOf(after)]).toEqual([1, null])
  })

  it('stops a source in the daily sweep once its outcome date has come', async () => {
    const f0 = await person(rg, 'Ca Ra Viện')
    const a = await person(rg, 'Tiếp Xúc Ra Viện')
    await expose(rg, a, f0, '2026-11-21')
    const c = await caseOf(rg, f0)
    // An outcome dated ahead (recorded by an import): the case stays a source until that day.
    await t.database.db.updateTable('cases').set({ outcome: 'transferred', outcomeDate: '2026-11-27' }).where('id', '=', c.id).execute()
    const { queueSurveillanceSweep } = await import('./service.ts')
    await queueSurveillanceSweep(t.ctx)
    await t.jobs.drain()
    expect(await degreeOf(a)).toBe(1)
    t.clock.advance(86_400_000)
    try {
      await queueSurveillanceSweep(t.ctx)
      await t.jobs.drain()
      // A new session: the test's own ones have been idle for a day.
      const tomorrow = await t.userAgent('tracer', RG)
      expect(await degreeOf(a, tomorrow)).toBe(null)
      expect((await tomorrow.get(`/api/surveillance/cases/${c.id}`)).json().isSource).toBe(false)
      // Once a day: a second queue the same day adds nothing.
      await queueSurveillanceSweep(t.ctx)
      const queued = await t.database.db.selectFrom('jobs').select('id').where('kind', '=', 'surveillance.sweep').where('status', '=', 'queued').execute()
      expect(queued).toEqual([])
    } finally {
      t.clock.advance(-86_400_000)
    }
  })
})

describe('exposures', () => {
  it('moves degrees when an exposure is added or removed, and refuses one recorded twice or with oneself', async () => {
    const f0 = await person(rg, 'Ca Tiếp Xúc')
    await caseOf(rg, f0)
    const a = await person(rg, 'Tiếp Xúc Xóa A')
    const b = await person(rg, 'Tiếp Xúc Xóa B')
    const ea = await expose(rg, a, f0, '2026-11-21')
    await expose(rg, b, a, '2026-11-22')
    expect([await degreeOf(a), await degreeOf(b)]).toEqual([1, 2])
    const twice = await rg.post('/api/surveillance/exposures', { personId: a, sourcePersonId: f0, exposedOn: '2026-11-21' })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.message).toContain('Đã ghi nhận')
    const self = await rg.post('/api/surveillance/exposures', { personId: a, sourcePersonId: a, exposedOn: '2026-11-21' })
    expect(self.statusCode).toBe(400)
    expect(self.json().error.message).toContain('chính mình')
    const future = await rg.post('/api/surveillance/exposures', { personId: a, sourcePersonId: f0, exposedOn: '2026-11-30' })
    expect(future.statusCode).toBe(400)
    expect(future.json().error.message).toContain('30/11/2026')
    // A second way to the F0 keeps the contact of a contact when the first is removed.
    const other = await expose(rg, b, f0, '2026-11-22')
    expect(await degreeOf(b)).toBe(1)
    expect((await rg.delete(`/api/surveillance/exposures/${ea}`)).statusCode).toBe(200)
    expect([await degreeOf(a), await degreeOf(b)]).toEqual([2, 1])
    expect((await rg.delete(`/api/surveillance/exposures/${other}`)).statusCode).toBe(200)
    expect([await degreeOf(a), await degreeOf(b)]).toEqual([null, null])
    expect((await rg.delete(`/api/surveillance/exposures/${other}`)).statusCode).toBe(404)
  })

  it('records a new contact entered with the exposure, after showing possible duplicates', async () => {
    const f0 = await person(rg, 'Ca Người Mới')
    await caseOf(rg, f0)
    const known = await rg.post('/api/people', { fullName: 'Phạm Thị Hồng Nhung', birthYear: 1990, unitCode: RG, phone: '0912000111' })
    expect(known.statusCode).toBe(201)
    const newPerson = { fullName: 'Pham Thi Hong Nhung', birthYear: 1990, unitCode: RG, phone: '0912000111' }
    const dup = await rg.post('/api/surveillance/exposures', { person: newPerson, sourcePersonId: f0, exposedOn: '2026-11-21' })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error.code).toBe('DUPLICATE_CANDIDATES')
    expect(dup.json().error.details.candidates[0].id).toBe(known.json().id)
    const people = await t.database.db.selectFrom('people').select('id').where('fullName', '=', 'Pham Thi Hong Nhung').execute()
    expect(people).toEqual([])
    const confirmed = await rg.post('/api/surveillance/exposures', { person: { ...newPerson, confirmedNew: true }, sourcePersonId: f0, exposedOn: '2026-11-21' })
    expect(confirmed.statusCode, confirmed.body).toBe(201)
    expect(confirmed.json()).toMatchObject({ personName: 'Pham Thi Hong Nhung', degree: 1 })
    const both = await rg.post('/api/surveillance/exposures', { personId: f0, person: newPerson, sourcePersonId: f0, exposedOn: '2026-11-21' })
    expect(both.statusCode).toBe(400)
    expect(both.json().error.message).toContain('không cả hai')
  })
})

describe('a contact becomes a case', () => {
  it('in one action: the case is linked to the F0, the follow-up ends, the contacts of the new case move up', async () => {
    const f0 = await person(rg, 'Ca Nguồn Chuyển')
    const c0 = await caseOf(rg, f0)
    const a = await person(rg, 'F1 Thành Ca')
    const b = await person(rg, 'F2 Thành F1')
    await expose(rg, a, f0, '2026-11-21')
    await expose(rg, b, a, '2026-11-23')
    const fu = await rg.post('/api/surveillance/followups', { personId: a })
    expect(fu.statusCode, fu.body).toBe(201)
    expect(await degreeOf(b)).toBe(2)
    const converted = await rg.post(`/api/surveillance/people/${a}/case`, { sampleDate: '2026-11-22' })
    expect(converted.statusCode, converted.body).toBe(201)
    expect(converted.json()).toMatchObject({
      personId: a,
      classification: 'confirmed',
      confirmedDate: '2026-11-26',
      sampleDate: '2026-11-22',
      sourceKind: 'linked',
      sourceCase: { id: c0.id },
      foundBy: 'tracing',
      isSource: true,
      windowFrom: '2026-11-20',
    })
    expect(await degreeOf(a)).toBe(null)
    expect(await degreeOf(b)).toBe(1)
    const record = (await rg.get(`/api/surveillance/people/${a}`)).json()
    expect(record.followups[0].status).toBe('became_case')
    expect(record.tests.filter((x: { status: string }) => x.status === 'planned')).toEqual([])
    const again = await rg.post(`/api/surveillance/people/${a}/case`, {})
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('ALREADY_CASE')
  })

  it('reopens a discarded case record rather than making a second one', async () => {
    const p = await person(rg, 'Ca Mở Lại')
    const c = await caseOf(rg, p, { classification: 'suspected', onsetDate: null, confirmedDate: null })
    expect((await rg.patch(`/api/surveillance/cases/${c.id}`, { classification: 'discarded' })).statusCode).toBe(200)
    const reopened = await rg.post(`/api/surveillance/people/${p}/case`, { classification: 'probable' })
    expect(reopened.statusCode, reopened.body).toBe(201)
    expect(reopened.json()).toMatchObject({ id: c.id, classification: 'probable', isSource: true })
  })
})

describe('case records', () => {
  it('creates a case with a new person, refusing likely duplicates unless confirmed, and one case per person', async () => {
    await rg.post('/api/people', { fullName: 'Trần Văn Long', birthYear: 1975, unitCode: RG, phone: '0987654321' })
    const body = { person: { fullName: 'Tran Van Long', birthYear: 1975, unitCode: RG, phone: '0987654321' }, classification: 'suspected', symptoms: ['fever', 'cough'] }
    const dup = await rg.post('/api/surveillance/cases', body)
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error.code).toBe('DUPLICATE_CANDIDATES')
    expect(dup.json().error.message).toContain('Trần Văn Long')
    const ok = await rg.post('/api/surveillance/cases', { ...body, person: { ...body.person, confirmedNew: true } })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json()).toMatchObject({ fullName: 'Tran Van Long', classification: 'suspected', symptoms: ['fever', 'cough'], isSource: false })
    const second = await rg.post('/api/surveillance/cases', { personId: ok.json().personId, classification: 'confirmed', confirmedDate: '2026-11-25' })
    expect(second.statusCode).toBe(409)
    expect(second.json().error.code).toBe('CASE_EXISTS')
    expect(second.json().error.details.caseId).toBe(ok.json().id)
  })

  it('refuses inconsistent records with Vietnamese messages, writing nothing', async () => {
    const p = await person(rg, 'Ca Sai')
    const cases = async (body: Record<string, unknown>) => {
      const r = await rg.post('/api/surveillance/cases', { personId: p, classification: 'confirmed', confirmedDate: '2026-11-22', ...body })
      expect(r.statusCode, r.body).toBe(400)
      return r.json().error.message as string
    }
    expect(await cases({ onsetDate: '2026-11-24' })).toContain('Ngày khởi phát (24/11/2026) phải trước hoặc cùng ngày xác định ca bệnh (22/11/2026)')
    expect(await cases({ confirmedDate: '2026-12-01' })).toContain('ở sau hôm nay')
    expect(await cases({ confirmedDate: null })).toContain('Ca xác định cần có ngày xác định')
    expect(await cases({ sourceKind: 'linked' })).toContain('ca bệnh nguồn lây hoặc ổ dịch')
    expect(await cases({ sourceKind: 'imported' })).toContain('quốc gia đi về')
    expect(await cases({ sourceKind: 'imported', sourceCountry: 'XX' })).toContain('ISO 3166')
    expect(await cases({ sourceKind: 'unknown', sourceTravel: 'VN920' })).toContain('chỉ ghi cho ca nhập cảnh')
    expect(await cases({ outcome: 'recovered' })).toContain('cần ghi ngày kết thúc điều trị')
    expect(await cases({ classification: 'positive' })).toContain('Phân loại ca bệnh không hợp lệ')
    expect(await cases({ symptoms: ['sneezing'] })).toContain('Triệu chứng không hợp lệ')
    expect(await cases({ onsetDate: '2026-02-30' })).toContain('Ngày không có thật')
    const linked = await rg.post('/api/surveillance/cases', { personId: p, classification: 'confirmed', confirmedDate: '2026-11-22', sourceKind: 'linked', sourceCaseId: 999_999 })
    expect(linked.statusCode).toBe(404)
    expect(linked.json().error.message).toContain('ca bệnh nguồn lây #999999')
    expect(await t.database.db.selectFrom('cases').select('id').where('personId', '=', p).execute()).toEqual([])
  })

  it('keeps imported and linked sources, and refuses a source link going round in a circle', async () => {
    const p1 = await person(rg, 'Ca Nhập Cảnh')
    const imported = await caseOf(rg, p1, { sourceKind: 'imported', sourceCountry: 'kh', sourceTravel: 'Cửa khẩu Hà Tiên', foundBy: 'entry' })
    const got = (await rg.get(`/api/surveillance/cases/${imported.id}`)).json()
    expect(got).toMatchObject({ sourceKind: 'imported', sourceCountry: 'KH', sourceTravel: 'Cửa khẩu Hà Tiên', foundBy: 'entry' })
    const p2 = await person(rg, 'Ca Liên Quan')
    const linked = await caseOf(rg, p2, { sourceKind: 'linked', sourceCaseId: imported.id })
    expect((await rg.get(`/api/surveillance/cases/${linked.id}`)).json().sourceCase).toMatchObject({ id: imported.id, name: expect.stringContaining('Ca Nhập Cảnh') })
    const back = await rg.patch(`/api/surveillance/cases/${imported.id}`, { sourceKind: 'linked', sourceCountry: null, sourceTravel: null, sourceCaseId: linked.id })
    expect(back.statusCode).toBe(400)
    expect(back.json().error.code).toBe('CASE_SOURCE_CYCLE')
    // Choosing another kind of source drops the link.
    const unknown = await rg.patch(`/api/surveillance/cases/${linked.id}`, { sourceKind: 'unknown' })
    expect(unknown.json()).toMatchObject({ sourceKind: 'unknown', sourceCase: null })
  })

  it('lists, filters, sorts and pages cases on the server, with a total', async () => {
    const hamlet = (await (await t.userAgent('commune', PQ)).post(`/api/units/${PQ}/children`, { name: 'Ấp Danh Sách', unitType: 'ap' })).json()
    const officer = await t.userAgent('tracer', PQ)
    const made: number[] = []
    for (const [i, unit] of [PQ, hamlet.code, PQ, hamlet.code, PQ].entries()) {
      const p = await person(officer, `Danh Sách Ca ${i}`, unit)
      made.push((await caseOf(officer, p, { onsetDate: null, confirmedDate: `2026-11-1${i}`, classification: i === 4 ? 'probable' : 'confirmed' })).id)
    }
    const suspected = await caseOf(officer, await person(officer, 'Danh Sách Nghi Ngờ', hamlet.code), { classification: 'suspected', onsetDate: null, confirmedDate: null })
    const list = (await officer.get(`/api/surveillance/cases?unitCode=${PQ}`)).json()
    expect(list.total).toBe(6)
    expect(list.totalText).toBe('6')
    expect(list.totalCapped).toBe(false)
    // Latest confirmation first, across the commune and its hamlet; cases without the date last.
    expect(list.rows.map((r: { id: number }) => r.id)).toEqual([...made].reverse().concat(suspected.id))
    const asc = (await officer.get(`/api/surveillance/cases?unitCode=${PQ}&order=asc&limit=2&offset=1`)).json()
    expect(asc.rows.map((r: { id: number }) => r.id)).toEqual(made.slice(1, 3))
    expect(asc.total).toBe(6)
    const hamletOnly = (await officer.get(`/api/surveillance/cases?unitCode=${hamlet.code}`)).json()
    expect(hamletOnly.rows.map((r: { id: number }) => r.id)).toEqual([made[3], made[1], suspected.id])
    const ranged = (await officer.get(`/api/surveillance/cases?unitCode=${PQ}&from=2026-11-11&to=2026-11-13`)).json()
    expect(ranged.rows.map((r: { id: number }) => r.id)).toEqual([made[3], made[2], made[1]])
    const probable = (await officer.get(`/api/surveillance/cases?unitCode=${PQ}&classification=probable,suspected`)).json()
    expect(probable.rows.map((r: { id: number }) => r.id)).toEqual([made[4], suspected.id])
    const active = (await officer.get(`/api/surveillance/cases?unitCode=${PQ}&active=false`)).json()
    expect(active.rows.map((r: { id: number }) => r.id)).toEqual([suspected.id])
    const named = (await officer.get(`/api/surveillance/cases?unitCode=${PQ}&q=danh%20sach%20ca%202`)).json()
    expect(named.rows.map((r: { id: number }) => r.id)).toEqual([made[2]])
    const byName = (await officer.get(`/api/surveillance/cases?unitCode=${PQ}&sort=fullName&order=asc&limit=3`)).json()
    expect(byName.rows.map((r: { fullName: string }) => r.fullName.replace(/ \d+$/, ''))).toEqual(['Danh Sách Ca 0', 'Danh Sách Ca 1', 'Danh Sách Ca 2'])
    const bad = await officer.get(`/api/surveillance/cases?unitCode=${PQ}&from=2026-11-20&to=2026-11-10`)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.message).toContain('Khoảng ngày không hợp lệ')
    const badSort = await officer.get(`/api/surveillance/cases?sort=createdAt`)
    expect(badSort.statusCode).toBe(400)
    expect(badSort.json().error.message).toContain('Sắp xếp theo')
  })
})

describe('lists read in order at any size', () => {
  it('gives the same pages and totals as a plain sort of the whole area, whatever the filter, order and page', async () => {
    // Four hundred cases over five months in a commune and its hamlets, written straight to the table.
    const commune = await t.database.db.selectFrom('units').select(['id', 'code', 'path']).where('level', '=', 'commune').where('path', 'like', '/2025:91/%').where('code', 'not in', [RG, PQ]).orderBy('code').executeTakeFirstOrThrow()
    const officer = await t.userAgent('health', commune.code)
    const hamlets = []
    const local = await t.userAgent('commune', commune.code)
    for (const name of ['Ấp Một', 'Ấp Hai']) hamlets.push((await local.post(`/api/units/${commune.code}/children`, { name, unitType: 'ap' })).json().code as string)
    const units = await t.database.db.selectFrom('units').select(['id', 'path']).where('path', 'like', `${commune.path}%`).orderBy('path').execute()
    expect(units).toHaveLength(3)
    const { sql } = await import('kysely')
    await sql`
      WITH p AS (
        INSERT INTO people (full_name, name_fold, unit_id, unit_path)
        SELECT 'Danh Sách Lớn ' || g, 'danh sach lon ' || g, (${sql.val(units.map((u) => u.id))}::text[])[1 + g % ${units.length}], (${sql.val(units.map((u) => u.path))}::text[])[1 + g % ${units.length}]
          FROM generate_series(1, 400) g
        RETURNING id)
      INSERT INTO cases (person_id, classification, onset_date, sample_date, confirmed_date, source_kind, source_country, outcome, outcome_date)
      SELECT id,
             CASE WHEN id % 7 = 0 THEN 'probable' WHEN id % 11 = 0 THEN 'suspected' ELSE 'confirmed' END,
             CASE WHEN id % 3 = 0 THEN NULL ELSE DATE '2026-11-20' - (id * 37 % 150)::int END,
             NULL,
             CASE WHEN id % 11 = 0 THEN NULL ELSE DATE '2026-11-24' - (id * 37 % 150)::int END,
             CASE WHEN id % 10 = 1 THEN 'imported' ELSE 'unknown' END,
             CASE WHEN id % 10 = 1 THEN 'KH' END,
             CASE WHEN id % 5 = 0 AND id % 11 <> 0 THEN 'recovered' END,
             CASE WHEN id % 5 = 0 AND id % 11 <> 0 THEN DATE '2026-11-25' END
        FROM p`.execute(t.database.db)

    /** The ids a plain sort of the commune gives (date, then id, the same way; rows without the date last). */
    const plain = async (q: Record<string, string>) => {
      const col = q.sort === 'onsetDate' ? sql.raw('onset_date') : sql.raw('confirmed_date')
      const range = q.dateField === 'onset' ? sql.raw('onset_date') : sql.raw('confirmed_date')
      const dir = q.order === 'asc' ? sql.raw('ASC') : sql.raw('DESC')
      const r = await sql<{ id: number }>`
        SELECT id FROM cases
         WHERE unit_path LIKE ${`${commune.path}%`}
           AND (${q.from ?? null}::date IS NULL OR ${range} >= ${q.from ?? null}::date) AND (${q.to ?? null}::date IS NULL OR ${range} <= ${q.to ?? null}::date)
           AND (${q.classification ?? null}::text IS NULL OR classification = ANY(string_to_array(${q.classification ?? null}, ',')))
           AND (${q.sourceKind ?? null}::text IS NULL OR source_kind = ${q.sourceKind ?? null})
           AND (${q.outcome ?? null}::text IS NULL OR (${q.outcome ?? null} = 'none' AND outcome IS NULL) OR outcome = ${q.outcome ?? null})
         ORDER BY ${col} ${dir} NULLS LAST, id ${dir}`.execute(t.database.db)
      return r.rows.map((x) => Number(x.id))
    }
    const filters: Record<string, string>[] = [
      {},
      { sourceKind: 'imported' },
      { classification: 'probable,suspected' },
      { outcome: 'none' },
      { from: '2026-09-01', to: '2026-10-15' },
      { dateField: 'onset', from: '2026-10-01' },
      { sourceKind: 'imported', to: '2026-10-31' },
    ]
    let checked = 0
    for (const filter of filters) {
      for (const sort of ['confirmedDate', 'onsetDate']) {
        for (const order of ['desc', 'asc']) {
          const q = { ...filter, sort, order }
          const all = await plain(q)
          for (const offset of [0, 23, all.length - 5]) {
            if (offset < 0) continue
            const url = `/api/surveillance/cases?${new URLSearchParams({ unitCode: commune.code, ...q, limit: '20', offset: String(offset) })}`
            const page = (await officer.get(url)).json()
            expect(page.rows.map((r: { id: number }) => r.id), url).toEqual(all.slice(offset, offset + 20))
            expect(page.total, url).toBe(all.length)
            checked++
          }
        }
      }
    }
    expect(checked).toBe(filters.length * 12)
    // A hamlet alone.
    const hamlet = (await officer.get(`/api/surveillance/cases?unitCode=${hamlets[0]}&limit=200`)).json()
    const hamletUnit = await t.database.db.selectFrom('units').select('path').where('code', '=', hamlets[0]!).executeTakeFirstOrThrow()
    const inHamlet = await t.database.db.selectFrom('cases').select('id').where('unitPath', 'like', `${hamletUnit.path}%`).execute()
    expect(inHamlet.length).toBeGreaterThan(0)
    expect(hamlet.rows.map((r: { id: number }) => r.id).sort()).toEqual(inHamlet.map((r) => r.id).sort())

    // The province (more units than are read one by one): its cases in order from the (date, id) index.
    const provincePlain = async (q: Record<string, string>) => {
      const col = sql.raw(q.sort === 'onsetDate' ? 'onset_date' : 'confirmed_date')
      const range = sql.raw(q.dateField === 'onset' ? 'onset_date' : 'confirmed_date')
      const dir = sql.raw(q.order === 'asc' ? 'ASC' : 'DESC')
      const r = await sql<{ id: number }>`
        SELECT id FROM cases WHERE unit_path LIKE '/2025:91/%'
           AND (${q.from ?? null}::date IS NULL OR ${range} >= ${q.from ?? null}::date) AND (${q.to ?? null}::date IS NULL OR ${range} <= ${q.to ?? null}::date)
         ORDER BY ${col} ${dir} NULLS LAST, id ${dir}`.execute(t.database.db)
      return r.rows.map((x) => Number(x.id))
    }
    const provinceFilters: Record<string, string>[] = [{}, { from: '2026-09-01', to: '2026-10-15' }, { dateField: 'onset', from: '2026-10-01', sort: 'onsetDate' }]
    for (const filter of provinceFilters) {
      for (const order of ['desc', 'asc']) {
        const q: Record<string, string> = { ...filter, order }
        const all = await provincePlain(q)
        for (const offset of [0, 31, all.length - 7]) {
          const url = `/api/surveillance/cases?${new URLSearchParams({ ...q, limit: '20', offset: String(Math.max(0, offset)) })}`
          const page = (await province.get(url)).json()
          expect(page.rows.map((r: { id: number }) => r.id), url).toEqual(all.slice(Math.max(0, offset), Math.max(0, offset) + 20))
          expect(page.total, url).toBe(all.length)
        }
      }
    }

    // Contacts, newest first: the commune's unit by unit, the province's along the primary key.
    const roots = await t.database.db.selectFrom('cases').select('id').where('unitPath', 'like', `${commune.path}%`).limit(3).execute()
    await sql`
      WITH p AS (
        INSERT INTO people (full_name, name_fold, unit_id, unit_path)
        SELECT 'Tiếp Xúc Lớn ' || g, 'tiep xuc lon ' || g, (${sql.val(units.map((u) => u.id))}::text[])[1 + g % ${units.length}], (${sql.val(units.map((u) => u.path))}::text[])[1 + g % ${units.length}]
          FROM generate_series(1, 150) g
        RETURNING id, unit_path)
      INSERT INTO contact_degrees (person_id, degree, via_person_id, via_exposure_id, root_case_id, unit_path)
      SELECT id, 1 + id % 3, id, 0, (${sql.val(roots.map((r) => r.id))}::bigint[])[1 + id % ${roots.length}], unit_path FROM p`.execute(t.database.db)
    for (const [agent, area] of [[officer, commune], [province, { code: '91', path: '/2025:91/' }]] as const) {
      for (const degree of [undefined, 1, 2]) {
        const all = (
          await sql<{ id: number }>`
            SELECT person_id AS id FROM contact_degrees WHERE unit_path LIKE ${`${area.path}%`} AND (${degree ?? null}::int IS NULL OR degree = ${degree ?? null})
             ORDER BY person_id DESC`.execute(t.database.db)
        ).rows.map((x) => Number(x.id))
        expect(all.length).toBeGreaterThan(40)
        for (const offset of [0, 17, all.length - 5]) {
          const url = `/api/surveillance/contacts?${new URLSearchParams({ unitCode: area.code, ...(degree ? { degree: String(degree) } : {}), limit: '20', offset: String(offset) })}`
          const page = (await agent.get(url)).json()
          expect(page.rows.map((r: { personId: number }) => r.personId), url).toEqual(all.slice(offset, offset + 20))
          expect(page.total, url).toBe(all.length)
        }
      }
    }
  })
})

describe('jurisdiction', () => {
  it('hides a commune’s cases, contacts and people from another commune', async () => {
    const f0 = await person(rg, 'Ca Riêng Xã')
    const c = await caseOf(rg, f0)
    const a = await person(rg, 'Tiếp Xúc Riêng')
    const e = await expose(rg, a, f0, '2026-11-21')
    for (const url of [`/api/surveillance/cases/${c.id}`, `/api/surveillance/people/${f0}`]) expect((await pq.get(url)).statusCode).toBe(404)
    expect((await pq.patch(`/api/surveillance/cases/${c.id}`, { isolationPlace: 'x' })).statusCode).toBe(404)
    expect((await pq.delete(`/api/surveillance/exposures/${e}`)).statusCode).toBe(404)
    expect((await pq.post(`/api/surveillance/people/${a}/case`, {})).statusCode).toBe(404)
    expect((await pq.post('/api/surveillance/cases', { personId: a, classification: 'suspected' })).statusCode).toBe(404)
    expect((await pq.post('/api/surveillance/exposures', { personId: a, sourcePersonId: f0, exposedOn: '2026-11-22' })).statusCode).toBe(404)
    for (const list of ['cases', 'contacts', 'followups']) {
      const refused = await pq.get(`/api/surveillance/${list}?unitCode=${RG}`)
      expect(refused.statusCode, list).toBe(403)
      const own = (await pq.get(`/api/surveillance/${list}`)).json()
      expect(JSON.stringify(own.rows), list).not.toContain('Riêng')
    }
  })

  it('names a person of another commune only as “ngoài địa bàn” on a person’s page', async () => {
    // A source in Phú Quốc and a contact in Rạch Giá: a provincial officer records the exposure.
    const f0 = await person(pq, 'Ca Phú Quốc', PQ)
    await caseOf(pq, f0)
    const a = await person(rg, 'F1 Rạch Giá')
    const b = await person(rg, 'F2 Rạch Giá')
    await expose(province, a, f0, '2026-11-21')
    await expose(rg, b, a, '2026-11-22')
    const page = (await rg.get(`/api/surveillance/people/${b}`)).json()
    expect(page.degree.degree).toBe(2)
    expect(page.degree.path.map((s: { degree: number; name: string; personId: number | null }) => [s.degree, s.personId])).toEqual([
      [2, b],
      [1, a],
      [0, null],
    ])
    expect(page.degree.path[2].name).toBe('ngoài địa bàn')
    const aPage = (await rg.get(`/api/surveillance/people/${a}`)).json()
    expect(aPage.exposures.asContact[0]).toMatchObject({ otherPersonId: null, otherName: 'ngoài địa bàn', otherIsSource: true })
    expect(aPage.exposures.asSource[0]).toMatchObject({ otherPersonId: b, otherDegree: 2 })
    expect(JSON.stringify(aPage)).not.toContain('Ca Phú Quốc')
    // The province sees the name.
    expect((await province.get(`/api/surveillance/people/${b}`)).json().degree.path[2].name).toContain('Ca Phú Quốc')
    // A commune officer cannot name a source outside their commune.
    const refused = await rg.post('/api/surveillance/exposures', { personId: b, sourcePersonId: f0, exposedOn: '2026-11-22' })
    expect(refused.statusCode).toBe(404)
    expect(refused.json().error.message).toContain('người nguồn lây')
  })

  it('audits reads of cases and of a person’s record', async () => {
    const f0 = await person(rg, 'Ca Nhật Ký')
    const c = await caseOf(rg, f0)
    const before = await t.database.db.selectFrom('auditLog').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    await rg.get(`/api/surveillance/cases/${c.id}`)
    await rg.get(`/api/surveillance/people/${f0}`)
    await rg.get(`/api/surveillance/cases?unitCode=${RG}`)
    const reads = await t.database.db.selectFrom('auditLog').select(['entity', 'entityId', 'actorName']).where('id', '>', before.id).where('action', '=', 'read').execute()
    expect(reads.filter((r) => r.entity === 'cases' && r.entityId === String(c.id))).toHaveLength(2)
    expect(reads.some((r) => r.entity === 'people' && r.entityId === String(f0))).toBe(true)
    expect(reads.some((r) => r.entity === 'cases' && r.entityId === null)).toBe(true)
  })
})

describe('merging two records of one person', () => {
  it('refuses two case records, or two records exposed to each other, with a clear message', async () => {
    const a = await person(rg, 'Gộp Ca A')
    const b = await person(rg, 'Gộp Ca B')
    await caseOf(rg, a)
    await caseOf(rg, b, { classification: 'suspected', onsetDate: null, confirmedDate: null })
    const refused = await rg.post(`/api/people/${a}/merge`, { from: b })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.message).toContain('cả hai hồ sơ đều có hồ sơ ca bệnh')
    const c = await person(rg, 'Gộp Tiếp Xúc Nhau')
    await expose(rg, c, a, '2026-11-21')
    const between = await rg.post(`/api/people/${a}/merge`, { from: c })
    expect(between.statusCode).toBe(409)
    expect(between.json().error.message).toContain('tiếp xúc với nhau')
    expect(await t.database.db.selectFrom('people').select('id').where('id', 'in', [b, c]).execute()).toHaveLength(2)
  })

  it('moves exposures, follow-ups and references to the kept record, joins repeated exposures, recomputes degrees, and undoes it all', async () => {
    const f0 = await person(rg, 'Gộp F0')
    await caseOf(rg, f0)
    const kept = await person(rg, 'Gộp Giữ Lại')
    const removed = await person(rg, 'Gộp Bỏ Đi')
    const further = await person(rg, 'Gộp Tiếp Xúc Của Bản Trùng')
    await expose(rg, kept, f0, '2026-11-21')
    const repeated = await expose(rg, removed, f0, '2026-11-21') // the same exposure entered twice
    await expose(rg, further, removed, '2026-11-23')
    await t.database.db.insertInto('personRefs').values({ source: 'danh-sach-xa', ref: 'R-17', personId: removed }).execute()
    const fu = (await rg.post('/api/surveillance/followups', { personId: removed })).json()
    expect([await degreeOf(kept), await degreeOf(removed), await degreeOf(further)]).toEqual([1, 1, 2])

    const merged = await rg.post(`/api/people/${kept}/merge`, { from: removed })
    expect(merged.statusCode, merged.body).toBe(200)
    expect(merged.json().moved).toEqual(expect.arrayContaining([{ label: 'lần tiếp xúc (là nguồn lây)', count: 1 }, { label: 'đợt theo dõi tiếp xúc', count: 1 }]))
    const d = await degrees()
    expect([d.get(kept), d.has(removed), d.get(further)]).toEqual([1, false, 2])
    const page = (await rg.get(`/api/surveillance/people/${kept}`)).json()
    expect(page.exposures.asContact.map((e: { otherPersonId: number }) => e.otherPersonId)).toEqual([f0])
    expect(page.exposures.asSource.map((e: { otherPersonId: number }) => e.otherPersonId)).toEqual([further])
    expect(page.followups.map((f: { id: number }) => f.id)).toEqual([fu.id])
    expect((await rg.get(`/api/surveillance/people/${further}`)).json().degree.path.map((s: { personId: number }) => s.personId)).toEqual([further, kept, f0])
    const ref = await t.database.db.selectFrom('personRefs').select('personId').where('ref', '=', 'R-17').executeTakeFirstOrThrow()
    expect(ref.personId).toBe(kept)

    const undone = await rg.post(`/api/people/merges/${merged.json().auditId}/undo`)
    expect(undone.statusCode, undone.body).toBe(200)
    const back = await degrees()
    expect([back.get(kept), back.get(removed), back.get(further)]).toEqual([1, 1, 2])
    expect((await rg.get(`/api/surveillance/people/${further}`)).json().degree.path.map((s: { personId: number }) => s.personId)).toEqual([further, removed, f0])
    const restored = (await rg.get(`/api/surveillance/people/${removed}`)).json()
    expect(restored.exposures.asContact.map((e: { id: number }) => e.id)).toEqual([repeated])
    expect(restored.followups.map((f: { id: number }) => f.id)).toEqual([fu.id])
    const refBack = await t.database.db.selectFrom('personRefs').select('personId').where('ref', '=', 'R-17').executeTakeFirstOrThrow()
    expect(refBack.personId).toBe(removed)
  })

  it('makes the kept record the F0 when the case was on the other record', async () => {
    const plain = await person(rg, 'Gộp Hồ Sơ Trống')
    const withCase = await person(rg, 'Gộp Hồ Sơ Có Ca')
    const c = await caseOf(rg, withCase)
    const a = await person(rg, 'Gộp Tiếp Xúc Ca')
    await expose(rg, a, withCase, '2026-11-21')
    expect(await degreeOf(a)).toBe(1)
    const merged = await rg.post(`/api/people/${plain}/merge`, { from: withCase })
    expect(merged.statusCode, merged.body).toBe(200)
    const moved = (await rg.get(`/api/surveillance/cases/${c.id}`)).json()
    expect(moved).toMatchObject({ personId: plain, isSource: true })
    expect((await rg.get(`/api/surveillance/people/${a}`)).json().degree.path.map((s: { personId: number }) => s.personId)).toEqual([a, plain])
  })
})

describe('rules', () => {
  it('lists the national rule and lets the province add its own, dated, which moves windows and follow-ups', async () => {
    const rules = (await rg.get('/api/surveillance/rules')).json().rules
    expect(rules.some((r: { unitCode: string | null; contactFollowDays: number }) => r.unitCode === null && r.contactFollowDays === 14)).toBe(true)
    const f0 = await person(rg, 'Ca Quy Định')
    const early = await person(rg, 'Tiếp Xúc Năm Ngày')
    await expose(rg, early, f0, '2026-11-16') // 4 days before onset
    await caseOf(rg, f0)
    expect(await degreeOf(early)).toBe(null)
    const rule = { validFrom: '2026-10-01', daysBeforeOnset: 5, daysBeforeSample: 3, contactFollowDays: 10, clusterCloseDays: 21, source: 'Văn bản của UBND tỉnh', confidence: 'verified' }
    expect((await rg.post('/api/surveillance/rules', rule)).statusCode).toBe(403)
    const made = await province.post('/api/surveillance/rules', rule)
    expect(made.statusCode, made.body).toBe(201)
    expect(made.json()).toMatchObject({ unitCode: '91', contactFollowDays: 10, validFrom: '2026-10-01' })
    expect(await degreeOf(early)).toBe(1)
    const again = await province.post('/api/surveillance/rules', rule)
    expect(again.statusCode).toBe(409)
    expect(again.json().error.message).toContain('01/10/2026')
    const fu = await rg.post('/api/surveillance/followups', { personId: early })
    expect(fu.json().until).toBe('2026-11-26')
    // The audit trigger recorded the rule.
    const audited = await t.database.db.selectFrom('auditLog').select('id').where('entity', '=', 'surveillance_rules').where('action', '=', 'insert').execute()
    expect(audited.length).toBeGreaterThan(0)
    const bad = await province.post('/api/surveillance/rules', { ...rule, validFrom: '2026-10-02', contactFollowDays: 0 })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.message).toContain('Số ngày theo dõi từ 1')
    // Other provinces keep the national rule.
    const pqRules = (await (await t.userAgent('tracer', '01')).get('/api/surveillance/rules')).json().rules
    expect(pqRules.some((r: { unitCode: string | null }) => r.unitCode === '91')).toBe(false)
  })

  it('re-evaluates a cluster when one of its cases changes through the case routes', async () => {
    const made = await rg.post('/api/surveillance/clusters', { code: 'OD-CA-1', name: 'Ổ dịch bến tàu', unitCode: RG, openedOn: '2026-10-01' })
    expect(made.statusCode, made.body).toBe(201)
    const clusterId = made.json().id
    const cluster = async () =>
      (await rg.get(`/api/surveillance/clusters/${clusterId}`)).json() as { status: string; closedOn: string | null; lastCaseOn: string | null; closeDays: number }
    // An old case only: the cluster has been quiet for more than the rule's days, and closes that many days after the case.
    const c = await caseOf(rg, await person(rg, 'Ca Bến Tàu'), { onsetDate: '2026-10-01', confirmedDate: '2026-10-02' })
    expect((await rg.post(`/api/surveillance/clusters/${clusterId}/cases`, { caseIds: [c.id] })).statusCode).toBe(200)
    const closed = await cluster()
    expect(closed.status).toBe('closed')
    expect(closed.closedOn).toBe(new Date(Date.UTC(2026, 9, 2 + closed.closeDays)).toISOString().slice(0, 10))
    // The case was in fact confirmed this week: the cluster is active again.
    expect((await rg.patch(`/api/surveillance/cases/${c.id}`, { onsetDate: '2026-11-22', confirmedDate: '2026-11-24' })).statusCode).toBe(200)
    expect(await cluster()).toMatchObject({ status: 'active', closedOn: null, lastCaseOn: '2026-11-24' })
    // A new case entered straight into another closed cluster reopens it too.
    const other = (await rg.post('/api/surveillance/clusters', { code: 'OD-CA-2', name: 'Ổ dịch chợ đêm', unitCode: RG, openedOn: '2026-09-01' })).json().id
    const old = await caseOf(rg, await person(rg, 'Ca Chợ Đêm'), { onsetDate: '2026-09-01', confirmedDate: '2026-09-02' })
    await rg.post(`/api/surveillance/clusters/${other}/cases`, { caseIds: [old.id] })
    expect((await rg.get(`/api/surveillance/clusters/${other}`)).json().status).toBe('closed')
    await caseOf(rg, await person(rg, 'Ca Chợ Đêm Mới'), { clusterId: other })
    expect((await rg.get(`/api/surveillance/clusters/${other}`)).json().status).toBe('active')
  })
})
