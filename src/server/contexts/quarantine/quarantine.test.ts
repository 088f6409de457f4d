import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../test/harness.ts'

const t = await testApp()
const db = t.database.db
const RG = '30742' // phường Rạch Giá
const PQ = '31078' // đặc khu Phú Quốc
const TODAY = '2026-11-26' // the harness clock, Vietnam time

let rg: Agent
let pq: Agent
let province: Agent

beforeAll(async () => {
  rg = await t.userAgent('health', RG)
  pq = await t.userAgent('health', PQ)
  province = await t.userAgent('health', '91')
})

let serial = 0
async function person(agent: Agent, unitCode: string, name = `Người Cách Ly ${++serial}`): Promise<number> {
  const res = await agent.post('/api/people', { fullName: name, unitCode })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id
}

// biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
async function ok(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<any> {
  expect(res.statusCode, res.body).toBe(status)
  return res.json()
}

/** A refusal with a Vietnamese message. */
function refused(res: { statusCode: number; body: string; json(): unknown }, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status)
  // biome-ignore lint/suspicious/noExplicitAny: error shape
  const e = (res.json() as any).error
  if (code) expect(e.code).toBe(code)
  expect(e.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôồốộổỗơờớợởỡưừứựửữ]/)
  return e
}

async function facility(agent: Agent, name: string, capacity: number, rooms: { name: string; capacity: number }[] = [], unitCode = RG) {
  return ok(await agent.post('/api/quarantine/facilities', { name, kind: 'dormitory', unitCode, capacity, rooms, lon: 105.08, lat: 10.01 }), 201)
}

const negativeTest = (agent: Agent, personId: number, sampleDate: string) =>
  agent.post('/api/surveillance/tests', { personId, method: 'pcr', sampleDate, resultDate: sampleDate, result: 'negative', lab: 'CDC An Giang' })

describe('rule periods', () => {
  it('places the same person on different dates for the durations of the rule in force then', async () => {
    const id = await person(rg, RG)
    const place = (startOn: string, vaccinated = false) => rg.post('/api/quarantine/placements', { personId: id, setting: 'home', reason: 'contact', startOn, vaccinated })

    const in2020 = (await ok(await place('2020-06-01'), 201)).placement
    expect(in2020).toMatchObject({ startOn: '2020-06-01', plannedEnd: '2020-06-15', monitoringDays: 14, rule: { days: 14, confidence: 'secondary' } })
    expect(in2020.why).toContain('879/QĐ-BYT')
    refused(await place('2020-07-01'), 409, 'ALREADY_PLACED')
    await ok(await rg.post(`/api/quarantine/placements/${in2020.id}/release`, { on: '2020-06-15' }))

    const in2021 = (await ok(await place('2021-06-01'), 201)).placement
    expect(in2021).toMatchObject({ plannedEnd: '2021-06-22', monitoringDays: 7, testDates: ['2021-06-01', '2021-06-14', '2021-06-20'] })
    expect(in2021.rule.source).toContain('600/CĐ-BCĐ')
    // Released on time only with a negative result for each test day of the rule.
    await ok(await negativeTest(rg, id, '2021-06-01'), 201)
    await ok(await negativeTest(rg, id, '2021-06-15'), 201)
    const missing = refused(await rg.post(`/api/quarantine/placements/${in2021.id}/release`, { on: '2021-06-22' }), 409, 'RELEASE_TESTS_MISSING')
    expect(missing.message).toContain('20/06/2021')
    await ok(await negativeTest(rg, id, '2021-06-20'), 201)
    const released = await ok(await rg.post(`/api/quarantine/placements/${in2021.id}/release`, { on: '2021-06-22' }))
    expect(released).toMatchObject({ status: 'released', releaseKind: 'completed', monitoringUntil: '2021-06-29' })

    const vaccinated2022 = (await ok(await place('2022-03-01', true), 201)).placement
    expect(vaccinated2022).toMatchObject({ plannedEnd: '2022-03-06', monitoringDays: 5, rule: { days: 5, confidence: 'verified' } })
    expect(vaccinated2022.why).toContain('762/BYT-DP')
    const early = refused(await rg.post(`/api/quarantine/placements/${vaccinated2022.id}/release`, { on: '2022-03-03' }), 409, 'RELEASE_TOO_EARLY')
    expect(early.message).toContain('06/03/2022')
    refused(await rg.post(`/api/quarantine/placements/${vaccinated2022.id}/release`, { on: '2022-03-03', early: true }), 400, 'EARLY_REASON')
    await ok(await rg.post(`/api/quarantine/placements/${vaccinated2022.id}/release`, { on: '2022-03-03', early: true, note: 'Quyết định của Trung tâm Y tế' }))

    const after = refused(await place('2022-05-01'), 422, 'NOT_QUARANTINED')
    expect(after.message).toContain('1909/BYT-DP')

    const history = await ok(await rg.get(`/api/quarantine/placements?unitCode=${RG}&status=released`))
    expect(history.placements.filter((p: { person: { id: number } }) => p.person.id === id).map((p: { rule: { days: number } }) => p.rule.days).sort()).toEqual([14, 21, 5])
  })

  it('explains the rule for a start date, and takes a province’s own dated variant', async () => {
    const national = await ok(await rg.get('/api/quarantine/rules/choice?kind=entry&start=2026-12-01'))
    expect(national).toMatchObject({ days: 14, monitoringDays: 14, source: expect.stringContaining('5599/BYT-MT') })
    const own = await ok(
      await province.post('/api/quarantine/rules', {
        kind: 'entry',
        name: 'Người nhập cảnh: 7 ngày tại cơ sở',
        validFrom: '2026-12-01',
        days: 7,
        monitoringDays: 7,
        requiredTests: [1, 7],
        source: 'Văn bản mẫu của UBND tỉnh',
        confidence: 'unverified',
      }),
      201,
    )
    expect(own).toMatchObject({ unitCode: '91', days: 7 })
    const chosen = await ok(await rg.get('/api/quarantine/rules/choice?kind=entry&start=2026-12-01'))
    expect(chosen).toMatchObject({ rule: 'Người nhập cảnh: 7 ngày tại cơ sở', days: 7, plannedEnd: '2026-12-08' })
    expect(chosen.why).toContain('quy định riêng của')
    // The day before, the national rule still applies.
    expect((await ok(await rg.get('/api/quarantine/rules/choice?kind=entry&start=2026-11-30'))).days).toBe(14)
    // The rule is written to the audit log by its trigger.
    const audited = await db.selectFrom('auditLog').select('id').where('entity', '=', 'quarantine_rules').where('entityId', '=', String(own.id)).execute()
    expect(audited.length).toBe(1)
    refused(await province.post('/api/quarantine/rules', { kind: 'entry', name: 'Trùng', validFrom: '2026-12-01', days: 7, monitoringDays: 0, source: 'x', confidence: 'unverified' }), 409, 'RULE_EXISTS')
    refused(
      await province.post('/api/quarantine/rules', { kind: 'entry', name: 'Sai', validFrom: '2027-01-01', validTo: '2026-01-01', days: 7, monitoringDays: 0, requiredTests: [9], source: 'x', confidence: 'unverified' }),
      400,
      'RULE_INVALID',
    )
    const manager = await t.userAgent('quarantine', RG)
    refused(await manager.post('/api/quarantine/rules', { kind: 'entry', name: 'Không quyền', validFrom: '2027-02-01', days: 7, monitoringDays: 0, source: 'x', confidence: 'unverified' }), 403)
  })
})

describe('facilities and placements', () => {
  it('warns before a facility is full and when it is, then refuses; warns of mixed batches in a room', async () => {
    const f = await facility(rg, 'Ký túc xá Trường Cao đẳng Kiên Giang', 10, [
      { name: 'A101', capacity: 5 },
      { name: 'A102', capacity: 5 },
    ])
    expect(f).toMatchObject({ capacity: 10, occupied: 0, fill: 'ok', rooms: [{ name: 'A101' }, { name: 'A102' }] })
    const [a101, a102] = f.rooms as { id: number }[]
    const warnings: string[][] = []
    for (let i = 0; i < 10; i++) {
      const res = await ok(
        await rg.post('/api/quarantine/placements', {
          personId: await person(rg, RG),
          setting: 'facility',
          facilityId: f.id,
          roomId: i < 5 ? a101!.id : a102!.id,
          reason: 'traveller',
          startOn: '2026-11-24',
          batch: i === 4 ? 'VN-CHUYẾN-2' : 'VN-CHUYẾN-1',
        }),
        201,
      )
      warnings.push(res.warnings.map((w: { code: string }) => w.code))
      if (i === 4) expect(res.warnings.find((w: { code: string }) => w.code === 'MIXED_ROOM').message).toContain('VN-CHUYẾN-1')
    }
    expect(warnings[3]).toEqual([])
    expect(warnings[8]).toContain('NEAR_FULL')
    expect(warnings[9]).toContain('FULL')
    refused(await rg.post('/api/quarantine/placements', { personId: await person(rg, RG), setting: 'facility', facilityId: f.id, reason: 'traveller', startOn: '2026-11-25' }), 409, 'FACILITY_FULL')
    const full = await ok(await rg.get(`/api/quarantine/facilities/${f.id}`))
    expect(full).toMatchObject({ status: 'full', occupied: 10, fill: 'full' })
    expect(full.rooms.find((r: { name: string }) => r.name === 'A101')).toMatchObject({ occupied: 5, mixed: true })
    const occ = await ok(await rg.get(`/api/quarantine/occupancy?unit=${RG}&date=${TODAY}`))
    expect(occ.warnings.some((w: { facilityId: number; code: string }) => w.facilityId === f.id && w.code === 'FULL')).toBe(true)
  })

  it('transfers a stay keeping its rule and end, and reopens a full facility', async () => {
    const f = await facility(rg, 'Khách sạn Mẫu Rạch Giá', 1)
    const id = await person(rg, RG)
    const placed = await ok(await rg.post('/api/quarantine/placements', { personId: id, setting: 'facility', facilityId: f.id, reason: 'returnee', startOn: '2026-11-20' }), 201)
    expect((await ok(await rg.get(`/api/quarantine/facilities/${f.id}`))).status).toBe('full')
    const moved = await ok(await rg.post(`/api/quarantine/placements/${placed.placement.id}/transfer`, { on: '2026-11-25', setting: 'home', address: '12 Nguyễn Trung Trực' }))
    expect(moved.placement).toMatchObject({ setting: 'home', startOn: '2026-11-25', plannedEnd: placed.placement.plannedEnd, transferredFrom: placed.placement.id, rule: { id: placed.placement.rule.id } })
    expect((await ok(await rg.get(`/api/quarantine/placements/${placed.placement.id}`))).status).toBe('transferred')
    expect((await ok(await rg.get(`/api/quarantine/facilities/${f.id}`))).status).toBe('open')
    const detail = await ok(await rg.get(`/api/quarantine/placements/${moved.placement.id}`))
    expect(detail.firstStartOn).toBe('2026-11-20')
    // Test days still count from the quarantine's first day: 20/11 + day 14 = 03/12.
    const testing = await ok(await rg.get(`/api/quarantine/due?list=testing&unit=${RG}&date=2026-12-03`))
    expect(testing.placements.map((p: { id: number }) => p.id)).toContain(moved.placement.id)
    expect(moved.placement.testDates).toEqual(['2026-11-20', '2026-11-26', '2026-12-03'])
    refused(await rg.post(`/api/quarantine/placements/${placed.placement.id}/transfer`, { on: '2026-11-25', setting: 'home' }), 409, 'PLACEMENT_CLOSED')
  })

  it('flags roommates and the batch after a positive test, extending their stay by the rule', async () => {
    const f = await facility(rg, 'Trường Quân sự tỉnh (khu cách ly)', 50, [
      { name: 'Dãy B - phòng 1', capacity: 10 },
      { name: 'Dãy B - phòng 2', capacity: 10 },
    ])
    const [r1, r2] = f.rooms as { id: number }[]
    const placeIn = async (roomId: number, batch: string) =>
      (await ok(await rg.post('/api/quarantine/placements', { personId: await person(rg, RG), setting: 'facility', facilityId: f.id, roomId, reason: 'illegal_entrant', startOn: '2026-11-20', batch }), 201)).placement
    const positive = await placeIn(r1!.id, 'HT-20-11')
    const roommate = await placeIn(r1!.id, 'HT-20-11')
    const sameBatch = await placeIn(r2!.id, 'HT-20-11')
    const other = await placeIn(r2!.id, 'HT-21-11')
    expect(roommate.plannedEnd).toBe('2026-12-04')
    await ok(await rg.post('/api/surveillance/tests', { personId: positive.person.id, method: 'pcr', sampleDate: '2026-11-25', resultDate: '2026-11-26', result: 'positive', lab: 'CDC An Giang' }), 201)
    const get = async (id: number) => ok(await rg.get(`/api/quarantine/placements/${id}`))
    expect(await get(positive.id)).toMatchObject({ status: 'became_case', releasedOn: '2026-11-25' })
    for (const p of [roommate, sameBatch]) {
      expect(await get(p.id)).toMatchObject({ flaggedOn: '2026-11-25', originalEnd: '2026-12-04', plannedEnd: '2026-12-09', flagNote: expect.stringContaining('dương tính') })
    }
    expect(await get(other.id)).toMatchObject({ flaggedOn: null, plannedEnd: '2026-12-04' })
  })

  it('records daily checks during quarantine and the monitoring after it', async () => {
    const id = await person(rg, RG)
    const placed = (await ok(await rg.post('/api/quarantine/placements', { personId: id, setting: 'home', reason: 'traveller', startOn: '2026-11-01' }), 201)).placement
    await ok(await rg.post(`/api/quarantine/placements/${placed.id}/checks`, { checkedOn: '2026-11-02', temperature: 36.8 }), 201)
    refused(await rg.post(`/api/quarantine/placements/${placed.id}/checks`, { checkedOn: '2026-11-02', temperature: 37 }), 409, 'CHECK_EXISTS')
    for (const day of ['2026-11-01', '2026-11-07', '2026-11-14']) await ok(await negativeTest(rg, id, day), 201)
    await ok(await rg.post(`/api/quarantine/placements/${placed.id}/release`, { on: '2026-11-15' }))
    const check = await ok(await rg.post(`/api/quarantine/placements/${placed.id}/checks`, { checkedOn: '2026-11-20', temperature: 36.5, symptoms: ['ho'] }), 201)
    expect(check.phase).toBe('monitoring')
    refused(await rg.post(`/api/quarantine/placements/${placed.id}/checks`, { checkedOn: '2026-12-30' }), 400, 'CHECK_IN_FUTURE')
    const monitoring = await ok(await rg.get(`/api/quarantine/placements?unitCode=${RG}&status=monitoring`))
    expect(monitoring.date).toBe(TODAY)
    // The list says when the person was last checked and that today's check is still due.
    expect(monitoring.placements.find((p: { id: number }) => p.id === placed.id)).toMatchObject({ monitoringUntil: '2026-11-29', lastCheckOn: '2026-11-20', checkDue: true })
    await ok(await rg.post(`/api/quarantine/placements/${placed.id}/checks`, { checkedOn: TODAY, temperature: 36.6 }), 201)
    const checked = await ok(await rg.get(`/api/quarantine/placements?unitCode=${RG}&status=monitoring`))
    expect(checked.placements.find((p: { id: number }) => p.id === placed.id)).toMatchObject({ lastCheckOn: TODAY, checkDue: false })
    // Another province sees none of them.
    const hanoi = await t.userAgent('health', '01')
    expect((await ok(await hanoi.get('/api/quarantine/placements?status=monitoring'))).placements).toEqual([])
    const detail = await ok(await rg.get(`/api/quarantine/placements/${placed.id}`))
    expect(detail.checks.map((c: { phase: string }) => c.phase).sort()).toEqual(['monitoring', 'monitoring', 'quarantine'])
    expect(detail.tests).toHaveLength(3)
  })
})

describe('placement at home with a person registered in the same action', () => {
  it('registers a new person and places them at home in one transaction; a refusal keeps no person; duplicates come back', async () => {
    const name = 'Thạch Thị Sóc Mới'
    const body = { setting: 'home', unitCode: RG, address: 'Số 9 đường Lạc Hồng', reason: 'returnee', startOn: '2021-08-01', decisionNo: '15/QĐ-UBND' }
    const placed = await ok(await rg.post('/api/quarantine/placements', { ...body, person: { fullName: name, unitCode: RG, birthYear: 1979, sex: 'female', phone: '0912345678' } }), 201)
    expect(placed.placement).toMatchObject({ setting: 'home', unitCode: RG, address: 'Số 9 đường Lạc Hồng', reason: 'returnee', plannedEnd: '2021-08-15', person: { fullName: name } })
    expect(placed.placement.why).toContain('5599')
    const created = await db.selectFrom('people').select(['id', 'unitPath']).where('fullName', '=', name).execute()
    expect(created).toHaveLength(1)
    expect(placed.placement.person.id).toBe(created[0]!.id)

    // The same name again: the registry's likely duplicates, and nothing written.
    const again = await rg.post('/api/quarantine/placements', { ...body, person: { fullName: name, unitCode: RG, birthYear: 1979, phone: '0912345678' } })
    const e = refused(again, 409, 'DUPLICATE_CANDIDATES')
    expect(e.details.candidates.map((c: { id: number }) => c.id)).toContain(created[0]!.id)

    // A day whose rule does not quarantine: refused, and the new person is not kept.
    const other = 'Danh Văn Không Lưu'
    refused(await rg.post('/api/quarantine/placements', { ...body, startOn: '2022-05-01', reason: 'contact', person: { fullName: other, unitCode: RG } }), 422, 'NOT_QUARANTINED')
    expect(await db.selectFrom('people').select('id').where('fullName', '=', other).execute()).toEqual([])

    // Both or neither person: a Vietnamese 400.
    refused(await rg.post('/api/quarantine/placements', { ...body }), 400)
    refused(await rg.post('/api/quarantine/placements', { ...body, personId: created[0]!.id, person: { fullName: 'X', unitCode: RG } }), 400)
    // A new person outside the caller's jurisdiction is refused.
    const outside = await rg.post('/api/quarantine/placements', { ...body, person: { fullName: 'Người Phú Quốc', unitCode: PQ } })
    expect(outside.statusCode).toBe(403)

    // The list of stays at home of the commune names them; the facility list does not.
    const home = await ok(await rg.get(`/api/quarantine/placements?unitCode=${RG}&setting=home&status=active`))
    expect(home.placements.map((p: { id: number }) => p.id)).toContain(placed.placement.id)
    const inFacilities = await ok(await rg.get(`/api/quarantine/placements?unitCode=${RG}&setting=facility&status=active`))
    expect(inFacilities.placements.map((p: { id: number }) => p.id)).not.toContain(placed.placement.id)
    const docx = await rg.get(`/api/quarantine/placements/${placed.placement.id}/decision.docx`)
    expect(docx.statusCode).toBe(200)
  })
})

describe('figures and lists', () => {
  it('counts occupancy, releases in the next 7 days and the forecast by commune in SQL', async () => {
    const f = await facility(pq, 'Khách sạn cách ly Phú Quốc (mẫu)', 20, [], PQ)
    const starts = ['2026-11-13', '2026-11-20', '2026-11-22', '2026-11-28']
    for (const startOn of starts) {
      await ok(await pq.post('/api/quarantine/placements', { personId: await person(pq, PQ), setting: 'facility', facilityId: f.id, reason: 'traveller', startOn }), 201)
    }
    // Ends: 27/11, 04/12, 06/12 and 12/12 (14 days each); the last arrives on 28/11.
    const occ = await ok(await pq.get(`/api/quarantine/occupancy?unit=${PQ}&date=${TODAY}`))
    expect(occ.facilities.find((x: { id: number }) => x.id === f.id)).toMatchObject({ capacity: 20, occupied: 3, releasesNext7Days: 1, arrivalsNext7Days: 1 })
    const nextWeek = await ok(await pq.get(`/api/quarantine/occupancy?unit=${PQ}&date=2026-11-28`))
    expect(nextWeek.facilities.find((x: { id: number }) => x.id === f.id)).toMatchObject({ occupied: 3, releasesNext7Days: 1, arrivalsNext7Days: 0 })
    const later = await ok(await pq.get(`/api/quarantine/occupancy?unit=${PQ}&date=2026-11-29`))
    expect(later.facilities.find((x: { id: number }) => x.id === f.id)).toMatchObject({ occupied: 3 })
    const communes = await ok(await pq.get(`/api/quarantine/occupancy/communes?unit=${PQ}&date=${TODAY}&days=3`))
    const row = communes.communes.find((c: { unitCode: string; setting: string }) => c.unitCode === PQ && c.setting === 'facility')
    expect(row).toMatchObject({ capacity: 20, present: 3, releases: [1, 0, 0], arrivals: [0, 1, 0], forecast: [2, 3, 3] })
    expect(communes.days).toEqual(['2026-11-27', '2026-11-28', '2026-11-29'])
  })

  it('lists the people due for release and for a test tomorrow, and audits the read', async () => {
    const id = await person(rg, RG, 'Người Đến Hạn Ngày Mai')
    // Entry from 14/11: 14 days, ends 28/11; tests on days 1, 7, 14 (14/11, 20/11, 27/11).
    await ok(await rg.post('/api/quarantine/placements', { personId: id, setting: 'home', reason: 'traveller', startOn: '2026-11-14' }), 201)
    const testing = await ok(await rg.get(`/api/quarantine/due?list=testing&unit=${RG}`))
    expect(testing.date).toBe('2026-11-27')
    expect(testing.placements.map((p: { person: { id: number } }) => p.person.id)).toContain(id)
    const release = await ok(await rg.get(`/api/quarantine/due?list=release&unit=${RG}&date=2026-11-28`))
    expect(release.placements.map((p: { person: { id: number } }) => p.person.id)).toContain(id)
    const reads = await db.selectFrom('auditLog').select('after').where('entity', '=', 'quarantine_placements').where('action', '=', 'read').orderBy('id', 'desc').limit(1).execute()
    expect(JSON.stringify(reads[0]?.after)).toContain('release')
  })
})

describe('jurisdiction and bad input', () => {
  it('keeps placements and facilities inside the jurisdiction', async () => {
    const f = await facility(rg, 'Cơ sở Rạch Giá riêng', 5)
    const id = await person(rg, RG)
    const placed = (await ok(await rg.post('/api/quarantine/placements', { personId: id, setting: 'facility', facilityId: f.id, reason: 'traveller', startOn: '2026-11-25' }), 201)).placement
    refused(await pq.get(`/api/quarantine/placements/${placed.id}`), 404)
    refused(await pq.get(`/api/quarantine/facilities/${f.id}`), 404)
    refused(await pq.get(`/api/quarantine/occupancy?unit=${RG}`), 403)
    refused(await pq.get(`/api/quarantine/placements/${placed.id}/decision.docx`), 404)
    refused(await pq.post('/api/quarantine/placements', { personId: id, setting: 'home', reason: 'traveller', startOn: '2026-11-25' }), 404)
    // A person of Phú Quốc cannot be placed into a facility of Rạch Giá by Phú Quốc.
    refused(await pq.post('/api/quarantine/placements', { personId: await person(pq, PQ), setting: 'facility', facilityId: f.id, reason: 'traveller', startOn: '2026-11-25' }), 404)
    const listed = await ok(await pq.get('/api/quarantine/facilities'))
    expect(listed.facilities.map((x: { id: number }) => x.id)).not.toContain(f.id)
    expect((await ok(await province.get('/api/quarantine/facilities'))).facilities.map((x: { id: number }) => x.id)).toContain(f.id)
    // Reading a stay is audited.
    await ok(await province.get(`/api/quarantine/placements/${placed.id}`))
    const read = await db.selectFrom('auditLog').select('actorName').where('entity', '=', 'quarantine_placements').where('action', '=', 'read').where('entityId', '=', String(placed.id)).execute()
    expect(read.length).toBeGreaterThan(0)
  })

  it('refuses to merge two records of one person both in quarantine, and moves a stay with a merge', async () => {
    const a = await person(rg, RG, 'Lâm Văn Gộp')
    const b = await person(rg, RG, 'Lâm Văn Gộp Hai')
    for (const personId of [a, b]) await ok(await rg.post('/api/quarantine/placements', { personId, setting: 'home', reason: 'traveller', startOn: '2026-11-20' }), 201)
    const admin = await t.userAgent('admin', RG)
    refused(await admin.post(`/api/people/${a}/merge`, { from: b }), 409, 'MERGE_BOTH_IN_QUARANTINE')
    const c = await person(rg, RG, 'Lâm Văn Gộp Ba')
    await ok(await admin.post(`/api/people/${a}/merge`, { from: c }))
    const d = await person(rg, RG, 'Lâm Văn Gộp Bốn')
    const stay = (await ok(await rg.post('/api/quarantine/placements', { personId: d, setting: 'home', reason: 'traveller', startOn: '2026-11-20' }), 201)).placement
    const e = await person(rg, RG, 'Lâm Văn Gộp Năm')
    await ok(await admin.post(`/api/people/${e}/merge`, { from: d }))
    expect((await ok(await rg.get(`/api/quarantine/placements/${stay.id}`))).person.id).toBe(e)
  })

  it('answers bad input with a Vietnamese 4xx and writes nothing', async () => {
    const id = await person(rg, RG)
    const before = await db.selectFrom('quarantinePlacements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    refused(await rg.post('/api/quarantine/placements', { personId: id, setting: 'boat', reason: 'traveller', startOn: '2026-11-25' }), 400)
    refused(await rg.post('/api/quarantine/placements', { personId: id, setting: 'home', reason: 'traveller', startOn: '2026-02-30' }), 400)
    refused(await rg.post('/api/quarantine/placements', { personId: id, setting: 'facility', reason: 'traveller', startOn: '2026-11-25' }), 400, 'FACILITY_REQUIRED')
    refused(await rg.post('/api/quarantine/placements', { personId: id, setting: 'home', reason: 'contact', startOn: '2019-06-01' }), 422, 'NO_RULE')
    refused(await rg.post('/api/quarantine/facilities', { name: 'Thiếu sức chứa', kind: 'hotel', unitCode: RG, capacity: 2, rooms: [{ name: 'P1', capacity: 3 }] }), 400, 'ROOMS_OVER_CAPACITY')
    refused(await rg.post('/api/quarantine/facilities', { name: 'Nửa vị trí', kind: 'hotel', unitCode: RG, capacity: 2, lon: 105 }), 400, 'LOCATION_HALF')
    refused(await rg.get('/api/quarantine/occupancy?date=2026-13-01'), 400)
    refused(await rg.get('/api/quarantine/due?list=everything'), 400)
    const after = await db.selectFrom('quarantinePlacements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })
})

describe('documents', () => {
  it('writes the quarantine decision and the certificate in the state layout', async () => {
    const mammoth = (await import('mammoth')).default
    const id = await person(rg, RG, 'Trần Thị Giấy Tờ')
    const f = await facility(rg, 'Ký túc xá Giấy Tờ', 5, [{ name: 'C1', capacity: 5 }])
    const placed = (
      await ok(await rg.post('/api/quarantine/placements', { personId: id, setting: 'facility', facilityId: f.id, roomId: f.rooms[0].id, reason: 'traveller', startOn: '2026-11-01', decisionNo: '25/QĐ-UBND' }), 201)
    ).placement
    const decision = await rg.get(`/api/quarantine/placements/${placed.id}/decision.docx`)
    expect(decision.statusCode, decision.body).toBe(200)
    const text = (await mammoth.extractRawText({ buffer: decision.rawPayload })).value
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 25/QĐ-UBND', 'QUYẾT ĐỊNH', 'Căn cứ Luật Phòng, chống bệnh truyền nhiễm', 'Điều 1.', 'Điều 2.', 'Điều 3.', 'Nơi nhận:', 'Trần Thị Giấy Tờ', 'Ký túc xá Giấy Tờ, phòng C1', '5599/BYT-MT', 'từ ngày 01/11/2026 đến hết ngày 14/11/2026']) {
      expect(text).toContain(s)
    }
    refused(await rg.get(`/api/quarantine/placements/${placed.id}/certificate.docx`), 409, 'NOT_COMPLETED')
    for (const day of ['2026-11-01', '2026-11-07', '2026-11-14']) await ok(await negativeTest(rg, id, day), 201)
    await ok(await rg.post(`/api/quarantine/placements/${placed.id}/release`, { on: '2026-11-15' }))
    const cert = await rg.get(`/api/quarantine/placements/${placed.id}/certificate.docx`)
    const certText = (await mammoth.extractRawText({ buffer: cert.rawPayload })).value
    for (const s of ['GIẤY XÁC NHẬN', 'Hoàn thành thời gian cách ly y tế', 'Trần Thị Giấy Tờ', 'đến ngày 15/11/2026', 'TM. ỦY BAN NHÂN DÂN']) expect(certText).toContain(s)
    const pdf = await rg.get(`/api/quarantine/placements/${placed.id}/certificate.pdf`)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    const pdfText = (await (await import('unpdf')).extractText(new Uint8Array(pdf.rawPayload), { mergePages: true })).text
    expect(pdfText).toContain('GIẤY XÁC NHẬN')
    expect(pdfText).toContain('Trần Thị Giấy Tờ')
  })
})
