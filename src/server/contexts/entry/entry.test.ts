import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../test/harness.ts'

const t = await testApp()
const db = t.database.db
const RG = '30742' // phường Rạch Giá
const HT = '30769' // phường Hà Tiên
const GT = '30796' // xã Giang Thành
const PQ = '31078' // đặc khu Phú Quốc
const VIETNAMESE = /[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôồốộổỗơờớợởỡưừứựửữ]/

let province: Agent
let admin: Agent
let gt: Agent
let ht: Agent
let rg: Agent
let borderOrg: number
let healthOrg: number
let communeOrg: number

// biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
async function ok(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<any> {
  expect(res.statusCode, res.body).toBe(status)
  return res.json()
}

function refused(res: { statusCode: number; body: string; json(): unknown }, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status)
  // biome-ignore lint/suspicious/noExplicitAny: error shape
  const e = (res.json() as any).error
  if (code) expect(e.code).toBe(code)
  expect(e.message).toMatch(VIETNAMESE)
  return e
}

let address = 0
/** A public request from an address of its own (the forms are rate-limited per address). */
const fromAddress = (url: string, payload: unknown, ip = `10.1.${Math.floor(++address / 250)}.${address % 250}`) =>
  t.anon.request({ method: 'POST', url, payload: payload as object, remoteAddress: ip })

const org = async (name: string, kind: string, unitCode: string, headName?: string) =>
  (await ok(await admin.post('/api/orgs', { name, kind, unitCode, ...(headName ? { headName, headPosition: 'Chủ tịch UBND' } : {}) }), 201)).id as number

beforeAll(async () => {
  province = await t.userAgent('health', '91')
  admin = await t.userAgent('admin', '91')
  gt = await t.userAgent('border', GT)
  ht = await t.userAgent('commune', HT)
  rg = await t.userAgent('commune', RG)
  borderOrg = await org('Đồn Biên phòng Giang Thành', 'border_post', GT)
  healthOrg = await org('Trạm Y tế xã Giang Thành', 'health_centre', GT)
  communeOrg = await org('UBND xã Giang Thành', 'peoples_committee', GT, 'Lâm Văn Trách')
  await ok(await province.post('/api/entry/ports', { code: 'XA-XIA', name: 'Cửa khẩu quốc tế Hà Tiên (Xà Xía)', kind: 'border_gate', unitCode: HT, lon: 104.45, lat: 10.42 }), 201)
  await ok(await province.post('/api/entry/ports', { code: 'GT-LM1', name: 'Lối mở kênh Giang Thành', kind: 'crossing', unitCode: GT, lon: 104.62, lat: 10.55 }), 201)
})

const arrival = (over: Record<string, unknown> = {}) => ({
  fullName: 'Trần Thị Về',
  birthYear: 1990,
  sex: 'female',
  phone: '0912345678',
  unitCode: RG,
  stayAddress: 'Số 12 đường Nguyễn Trung Trực',
  originKind: 'abroad',
  originCountry: 'KH',
  arrivedOn: '2026-11-25',
  ...over,
})

describe('zones and ports as data', () => {
  it('keeps dated zones with their source, editable by the province, read by its communes', async () => {
    const zone = await ok(
      await province.post('/api/entry/zones', { placeName: 'TP. Hồ Chí Minh', zoneUnitCode: '79', validFrom: '2026-11-01', measure: 'home', source: 'Thông báo mẫu của BCĐ tỉnh', confidence: 'unverified' }),
      201,
    )
    expect(zone).toMatchObject({ placeName: 'TP. Hồ Chí Minh', zoneUnitCode: '79', measure: 'home', confidence: 'unverified' })
    refused(await province.post('/api/entry/zones', { placeName: 'X', validFrom: '2026-11-10', validTo: '2026-11-01', measure: 'home', source: 'X', confidence: 'verified' }), 400, 'ZONE_DATES')
    refused(await rg.post('/api/entry/zones', { placeName: 'Y', validFrom: '2026-11-10', measure: 'home', source: 'X', confidence: 'verified' }), 403)
    const seen = await ok(await rg.get('/api/entry/zones?at=2026-11-20'))
    expect(seen.zones.map((z: { id: number }) => z.id)).toContain(zone.id)
    expect((await ok(await rg.get('/api/entry/zones?at=2026-10-20'))).zones.map((z: { id: number }) => z.id)).not.toContain(zone.id)
    await ok(await province.patch(`/api/entry/zones/${zone.id}`, { validTo: '2026-12-31' }))
    const ports = await ok(await rg.get('/api/entry/ports'))
    expect(ports.ports.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['XA-XIA', 'GT-LM1']))
  })

  it('edits a port of the province, closes and reopens it, and keeps it from other provinces and from communes', async () => {
    const made = await ok(await province.post('/api/entry/ports', { code: 'TE-LM2', name: 'Lối mở Tà Êm', kind: 'crossing', unitCode: GT }), 201)
    const edited = await ok(await province.patch(`/api/entry/ports/${made.id}`, { name: 'Lối mở Tà Êm (kênh)', kind: 'border_gate', lon: 104.7, lat: 10.5, source: 'Bản đồ mẫu của BĐBP' }))
    expect(edited).toMatchObject({ name: 'Lối mở Tà Êm (kênh)', kind: 'border_gate', lon: 104.7, lat: 10.5, source: 'Bản đồ mẫu của BĐBP', active: true })
    refused(await province.patch(`/api/entry/ports/${made.id}`, { lon: null }), 400, 'LOCATION_HALF')
    refused(await province.patch(`/api/entry/ports/${made.id}`, { kind: 'tunnel' }), 400)
    expect((await ok(await province.patch(`/api/entry/ports/${made.id}`, { active: false }))).active).toBe(false)
    expect((await ok(await province.patch(`/api/entry/ports/${made.id}`, { active: true }))).active).toBe(true)
    refused(await rg.patch(`/api/entry/ports/${made.id}`, { active: false }), 403)
    const hanoi = await t.userAgent('health', '01')
    refused(await hanoi.patch(`/api/entry/ports/${made.id}`, { active: false }), 404)
    const stored = await db.selectFrom('entryPorts').select(['name', 'active']).where('id', '=', made.id).executeTakeFirstOrThrow()
    expect(stored).toEqual({ name: 'Lối mở Tà Êm (kênh)', active: true })
  })
})

describe('public arrival declaration', () => {
  it('accepts a good declaration, echoes nothing personal and stores one whole record', async () => {
    const before = await db.selectFrom('entryArrivals').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()
    const res = await fromAddress('/api/public/entry/arrivals', arrival({ fullName: 'Nguyễn Văn Khai', phone: '0987000111', transport: 'VJ 123' }))
    const body = await ok(res, 202)
    expect(body.message).toMatch(VIETNAMESE)
    for (const secret of ['Nguyễn Văn Khai', '0987000111', 'Nguyễn Trung Trực', 'VJ 123']) expect(res.body).not.toContain(secret)
    expect(Object.keys(body).sort()).toEqual(['message', 'ok'])
    const row = await db.selectFrom('entryArrivals').selectAll().where('phone', '=', '0987000111').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ declaredBy: 'self', fullName: 'Nguyễn Văn Khai', originCountry: 'KH', status: 'new', createdBy: null })
    // The same declaration sent again stores nothing more and answers the same.
    expect((await fromAddress('/api/public/entry/arrivals', arrival({ fullName: 'Nguyễn Văn Khai', phone: '0987000111', transport: 'VJ 123' }))).statusCode).toBe(202)
    const after = await db.selectFrom('entryArrivals').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n) - Number(before.n)).toBe(1)
  })

  it('refuses bad and abusive input in Vietnamese, storing nothing', async () => {
    const count = async () => Number((await db.selectFrom('entryArrivals').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const before = await count()
    const cases: [Record<string, unknown>, number, string | RegExp][] = [
      [arrival({ phone: 'abc' }), 400, /điện thoại/],
      [arrival({ fullName: 'Xem tại http://spam.example' }), 400, /đường dẫn/],
      [arrival({ stayAddress: '<script>alert(1)</script>' }), 400, /HTML/],
      [arrival({ fullName: 'aaaaaaaaaaaaaaaaaaaaaaaa' }), 400, /lặp lại/],
      [arrival({ fullName: 'A'.repeat(500) }), 400, /dài quá/],
      [arrival({ unitCode: '01001' }), 400, /trong danh sách của tỉnh|không/],
      [arrival({ originCountry: null }), 400, /nước đi đến/],
      [arrival({ originKind: 'domestic', originCountry: null }), 400, /nơi đi/],
      [arrival({ arrivedOn: '2026-12-30' }), 400, /sau hôm nay/],
      [arrival({ arrivedOn: '2026-02-30' }), 400, /không có thật/],
      [arrival({ nationalId: '091085000001', birthYear: 1990, sex: 'female' }), 400, /CCCD/],
      [arrival({ admin: true }), 400, /không hợp lệ/],
    ]
    for (const [body, status, message] of cases) {
      const res = await fromAddress('/api/public/entry/arrivals', body)
      expect(res.statusCode, JSON.stringify(body).slice(0, 120)).toBe(status)
      const e = refused(res, status)
      expect(e.message, JSON.stringify(body).slice(0, 80)).toMatch(message)
      expect(res.body).not.toContain('0912345678')
    }
    // Too large a body is refused before it is read.
    const big = await fromAddress('/api/public/entry/arrivals', { ...arrival(), website: undefined, originPlace: 'x'.repeat(20_000) })
    refused(big, 413, 'BODY_TOO_LARGE')
    // A robot filling the hidden field is answered as a person would be, and nothing is kept.
    expect((await fromAddress('/api/public/entry/arrivals', arrival({ fullName: 'Rô Bốt', website: 'http://x' }))).statusCode).toBe(202)
    expect(await count()).toBe(before)
  })

  it('limits submissions per address with a Vietnamese message', async () => {
    const ip = '203.0.113.7'
    for (let i = 0; i < 5; i++) expect((await fromAddress('/api/public/entry/arrivals', arrival({ fullName: `Người Thứ ${'ABCDE'[i]}`, phone: `091000000${i}` }), ip)).statusCode).toBe(202)
    const e = refused(await fromAddress('/api/public/entry/arrivals', arrival({ fullName: 'Người Thứ Sáu', phone: '0910000009' }), ip), 429, 'TOO_MANY_REQUESTS')
    expect(e.message).toMatch(/phút/)
    // Bad input counts too, and another address is not affected.
    expect((await fromAddress('/api/public/entry/arrivals', arrival({ fullName: 'Người Khác', phone: '0910000010' }), '203.0.113.8')).statusCode).toBe(202)
    expect(await db.selectFrom('entryArrivals').select('id').where('fullName', '=', 'Người Thứ Sáu').executeTakeFirst()).toBeUndefined()
  })
})

describe('arrivals: the commune sees them and creates what the rules require in one action', () => {
  it('places a traveller from abroad in a facility under the entry rule in force on the arrival date', async () => {
    const facility = await ok(await rg.post('/api/quarantine/facilities', { name: 'Ký túc xá Cao đẳng Kiên Giang', kind: 'dormitory', unitCode: RG, capacity: 50 }), 201)
    const a = await ok(await rg.post('/api/entry/arrivals', arrival({ fullName: 'Lê Văn Xa Xứ', phone: '0933000001', arrivedOn: '2026-11-20', transport: 'Chuyến bay VN 1' })), 201)
    expect(a.requirement).toMatchObject({ action: 'facility', days: 14, monitoringDays: 14 })
    expect(a.requirement.why).toContain('5599/BYT-MT')
    const list = await ok(await rg.get(`/api/entry/arrivals?unitCode=${RG}&status=new`))
    expect(list.arrivals.find((x: { id: number }) => x.id === a.id)).toMatchObject({ unitName: expect.stringContaining('Rạch Giá'), stayAddress: 'Số 12 đường Nguyễn Trung Trực' })
    const done = await ok(await rg.post(`/api/entry/arrivals/${a.id}/act`, { facilityId: facility.id }))
    expect(done.arrival).toMatchObject({ status: 'placed', facilityName: 'Ký túc xá Cao đẳng Kiên Giang', placementEnd: '2026-12-04' })
    const placement = await ok(await rg.get(`/api/quarantine/placements/${done.arrival.placementId}`))
    expect(placement).toMatchObject({ reason: 'traveller', ruleKind: 'entry', startOn: '2026-11-20', plannedEnd: '2026-12-04', rule: { days: 14 } })
    expect(placement.person.fullName).toBe('Lê Văn Xa Xứ')
    refused(await rg.post(`/api/entry/arrivals/${a.id}/act`, { facilityId: facility.id }), 409, 'ARRIVAL_DONE')
  })

  it('uses the rule of another period for an arrival dated then (21 days in mid-2021)', async () => {
    const a = await ok(await rg.post('/api/entry/arrivals', arrival({ fullName: 'Phạm Thị Năm Hai Mốt', phone: '0933000002', arrivedOn: '2021-06-01' })), 201)
    expect(a.requirement).toMatchObject({ action: 'facility', days: 21 })
    const done = await ok(await rg.post(`/api/entry/arrivals/${a.id}/act`, { setting: 'home' }))
    const placement = await ok(await rg.get(`/api/quarantine/placements/${done.arrival.placementId}`))
    expect(placement).toMatchObject({ setting: 'home', startOn: '2021-06-01', plannedEnd: '2021-06-22', rule: { days: 21 } })
    expect(placement.why).toContain('600/CĐ-BCĐ')
  })

  it('asks a returnee from a domestic zone for the zone’s measure, and nothing of someone from elsewhere', async () => {
    await ok(await province.post('/api/entry/zones', { placeName: 'Tỉnh Đồng Nai', zoneUnitCode: '75', validFrom: '2026-11-15', measure: 'monitoring', monitoringDays: 7, source: 'Thông báo mẫu', confidence: 'unverified' }), 201)
    const zoned = await ok(await rg.post('/api/entry/arrivals', arrival({ fullName: 'Võ Văn Vùng Dịch', phone: '0933000003', originKind: 'domestic', originCountry: null, originUnitCode: '75', arrivedOn: '2026-11-24' })), 201)
    expect(zoned).toMatchObject({ zoneName: 'Tỉnh Đồng Nai', requirement: { action: 'monitoring', days: 7 } })
    const done = await ok(await rg.post(`/api/entry/arrivals/${zoned.id}/act`, {}))
    expect(done.arrival).toMatchObject({ status: 'monitoring', monitoringUntil: '2026-12-01' })
    expect(done.arrival.personId).toBeGreaterThan(0)
    const free = await ok(await rg.post('/api/entry/arrivals', arrival({ fullName: 'Đỗ Thị Bình Thường', phone: '0933000004', originKind: 'domestic', originCountry: null, originUnitCode: '01', arrivedOn: '2026-11-24' })), 201)
    expect(free.requirement).toMatchObject({ action: 'none' })
  })

  it('refuses a duplicate person and keeps nothing of the action', async () => {
    await ok(await rg.post('/api/people', { fullName: 'Huỳnh Văn Trùng', unitCode: RG, birthYear: 1990, phone: '0933000005' }), 201)
    const a = await ok(await rg.post('/api/entry/arrivals', arrival({ fullName: 'Huynh Van Trung', phone: '0933000005' })), 201)
    const e = refused(await rg.post(`/api/entry/arrivals/${a.id}/act`, { setting: 'home' }), 409, 'DUPLICATE_CANDIDATES')
    expect(e.message).toContain('Huỳnh Văn Trùng')
    const row = await db.selectFrom('entryArrivals').select(['status', 'personId', 'placementId']).where('id', '=', a.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'new', personId: null, placementId: null })
    expect(await db.selectFrom('people').select('id').where('fullName', '=', 'Huynh Van Trung').executeTakeFirst()).toBeUndefined()
    const done = await ok(await rg.post(`/api/entry/arrivals/${a.id}/act`, { setting: 'home', confirmedNew: true }))
    expect(done.arrival.status).toBe('placed')
  })

  it('keeps arrivals inside the commune’s jurisdiction', async () => {
    const a = await ok(await rg.post('/api/entry/arrivals', arrival({ fullName: 'Mai Thị Riêng', phone: '0933000006' })), 201)
    const pq = await t.userAgent('commune', PQ)
    refused(await pq.get(`/api/entry/arrivals/${a.id}`), 404)
    refused(await pq.post(`/api/entry/arrivals/${a.id}/act`, { setting: 'home' }), 404)
    expect((await ok(await pq.get('/api/entry/arrivals'))).arrivals.map((x: { id: number }) => x.id)).not.toContain(a.id)
    refused(await pq.get(`/api/entry/arrivals?unitCode=${RG}`), 403)
  })
})

describe('medical checkpoints', () => {
  it('activates, staffs, logs a day and refuses a log on a day it was not working', async () => {
    const cp = await ok(await gt.post('/api/entry/checkpoints', { name: 'Chốt cầu Giang Thành', unitCode: GT, orgId: borderOrg, activeFrom: '2026-11-20', lon: 104.6, lat: 10.5 }), 201)
    expect(cp.active).toBe(true)
    await ok(await gt.post(`/api/entry/checkpoints/${cp.id}/staff`, { name: 'Nguyễn Văn Trực', role: 'Y tế', orgId: healthOrg, fromOn: '2026-11-20' }))
    const logged = await ok(await gt.put(`/api/entry/checkpoints/${cp.id}/logs/2026-11-25`, { peopleChecked: 120, vehiclesChecked: 45, sentToQuarantine: 2 }))
    expect(logged.logs[0]).toMatchObject({ day: '2026-11-25', peopleChecked: 120, vehiclesChecked: 45, sentToQuarantine: 2 })
    await ok(await gt.put(`/api/entry/checkpoints/${cp.id}/logs/2026-11-25`, { peopleChecked: 130, vehiclesChecked: 45, sentToQuarantine: 3 }))
    refused(await gt.put(`/api/entry/checkpoints/${cp.id}/logs/2026-11-19`, { peopleChecked: 1, vehiclesChecked: 0, sentToQuarantine: 0 }), 409, 'CHECKPOINT_INACTIVE')
    refused(await gt.put(`/api/entry/checkpoints/${cp.id}/logs/2026-11-24`, { peopleChecked: 1, vehiclesChecked: 0, sentToQuarantine: 5 }), 400, 'LOG_SENT_OVER')
    const stopped = await ok(await gt.post(`/api/entry/checkpoints/${cp.id}/activation`, { active: false, on: '2026-11-26', decision: 'QĐ mẫu' }))
    expect(stopped.active).toBe(false)
    refused(await gt.put(`/api/entry/checkpoints/${cp.id}/logs/2026-11-26`, { peopleChecked: 1, vehiclesChecked: 0, sentToQuarantine: 0 }), 409, 'CHECKPOINT_INACTIVE')
    const list = await ok(await gt.get('/api/entry/checkpoints?day=2026-11-25'))
    expect(list.checkpoints.find((c: { id: number }) => c.id === cp.id)).toMatchObject({ peopleChecked: 130, sentToQuarantine: 3, staffOnDuty: 1 })
    refused(await ht.get(`/api/entry/checkpoints/${cp.id}`), 404)
  })

  it('edits a checkpoint and its staff inside the jurisdiction, ends a duty period, and refuses bad edits', async () => {
    const cp = await ok(await gt.post('/api/entry/checkpoints', { name: 'Chốt kênh Vĩnh Điều', unitCode: GT, activeFrom: '2026-11-20' }), 201)
    await ok(await gt.post('/api/entry/checkpoints', { name: 'Chốt ngã ba Tà Êm', unitCode: GT }), 201)
    const edited = await ok(await gt.patch(`/api/entry/checkpoints/${cp.id}`, { name: 'Chốt cầu kênh Vĩnh Điều', location: 'Đầu cầu phía xã', lon: 104.66, lat: 10.52, orgId: borderOrg }))
    expect(edited).toMatchObject({ name: 'Chốt cầu kênh Vĩnh Điều', location: 'Đầu cầu phía xã', lon: 104.66, lat: 10.52, orgName: 'Đồn Biên phòng Giang Thành' })
    refused(await gt.patch(`/api/entry/checkpoints/${cp.id}`, { name: 'Chốt ngã ba Tà Êm' }), 409, 'CHECKPOINT_EXISTS')
    refused(await gt.patch(`/api/entry/checkpoints/${cp.id}`, { lat: null }), 400, 'LOCATION_HALF')
    refused(await gt.patch(`/api/entry/checkpoints/${cp.id}`, { orgId: 999999 }), 400, 'ORG_UNKNOWN')
    refused(await ht.patch(`/api/entry/checkpoints/${cp.id}`, { location: 'X' }), 404)

    const staffed = await ok(await gt.post(`/api/entry/checkpoints/${cp.id}/staff`, { name: 'Lê Thị Trực', role: 'Y tế', fromOn: '2026-11-20' }))
    const staffId = staffed.staff[0].id
    const onDuty = async (day: string) => (await ok(await gt.get(`/api/entry/checkpoints?day=${day}`))).checkpoints.find((c: { id: number }) => c.id === cp.id).staffOnDuty
    expect(await onDuty('2026-11-25')).toBe(1)
    refused(await gt.patch(`/api/entry/checkpoints/${cp.id}/staff/${staffId}`, { toOn: '2026-11-19' }), 400, 'STAFF_DATES')
    const ended = await ok(await gt.patch(`/api/entry/checkpoints/${cp.id}/staff/${staffId}`, { role: 'Y tế dự phòng', phone: '0911222333', toOn: '2026-11-24' }))
    expect(ended.staff[0]).toMatchObject({ id: staffId, role: 'Y tế dự phòng', phone: '0911222333', fromOn: '2026-11-20', toOn: '2026-11-24' })
    expect(await onDuty('2026-11-24')).toBe(1)
    expect(await onDuty('2026-11-25')).toBe(0)
    refused(await ht.patch(`/api/entry/checkpoints/${cp.id}/staff/${staffId}`, { toOn: null }), 404)
    const otherCp = await ok(await gt.post('/api/entry/checkpoints', { name: 'Chốt khác', unitCode: GT }), 201)
    refused(await gt.patch(`/api/entry/checkpoints/${otherCp.id}/staff/${staffId}`, { toOn: null }), 404)
    const audit = await db.selectFrom('auditLog').select('action').where('entity', '=', 'entry_checkpoint_staff').where('entityId', '=', String(staffId)).where('action', '=', 'update').execute()
    expect(audit).toHaveLength(1)
  })
})

describe('illegal entry', () => {
  const report = (over: Record<string, unknown> = {}) => ({
    unitCode: GT,
    point: 'Bờ kênh gần cột mốc 3',
    occurredAt: '2026-11-25T21:30:00+07:00',
    peopleCount: 3,
    crossing: 'boat',
    guidedBy: 'Một người đi xuồng',
    ...over,
  })

  it('takes a public report with abuse protection and echoes nothing back', async () => {
    const res = await fromAddress('/api/public/entry/illegal', report({ reporterName: 'Người Báo Kín', reporterPhone: '0977000111' }))
    const body = await ok(res, 202)
    expect(res.body).not.toContain('Người Báo Kín')
    expect(res.body).not.toContain('0977000111')
    expect(body.message).toMatch(VIETNAMESE)
    const stored = await db.selectFrom('entryIllegalCases').selectAll().where('reporterPhone', '=', '0977000111').executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ reportedBy: 'public', stage: 'reported', peopleCount: 3, crossing: 'boat' })
    // The commune sees it, without the reporter.
    const list = await ok(await gt.get('/api/entry/illegal'))
    const row = list.cases.find((c: { id: number }) => c.id === stored.id)
    expect(row).toMatchObject({ reportedBy: 'public', nextStep: 'interception' })
    expect(JSON.stringify(list)).not.toContain('0977000111')
    const before = Number((await db.selectFrom('entryIllegalCases').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    refused(await fromAddress('/api/public/entry/illegal', report({ peopleCount: 0 })), 400)
    refused(await fromAddress('/api/public/entry/illegal', report({ description: 'mua thuốc tại www.spam.xyz' })), 400)
    refused(await fromAddress('/api/public/entry/illegal', report({ unitCode: '00004' })), 400)
    refused(await fromAddress('/api/public/entry/illegal', report({ occurredAt: '2027-01-01T00:00:00+07:00' })), 400, 'OCCURRED_IN_FUTURE')
    refused(await fromAddress('/api/public/entry/illegal', { ...report(), description: 'x'.repeat(9000) }), 413)
    expect((await fromAddress('/api/public/entry/illegal', report({ website: 'spam' }))).statusCode).toBe(202)
    const ip = '198.51.100.9'
    for (let i = 0; i < 5; i++) await fromAddress('/api/public/entry/illegal', report({ peopleCount: 0 }), ip)
    refused(await fromAddress('/api/public/entry/illegal', report(), ip), 429, 'TOO_MANY_REQUESTS')
    expect(Number((await db.selectFrom('entryIllegalCases').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before)
  })

  it('moves a case through its steps in order, refusing the wrong order in Vietnamese, and places its people until the facility is full', async () => {
    const c = await ok(await gt.post('/api/entry/illegal', { ...report({ peopleCount: 2 }), reportedBy: 'border_guard', reporterOrgId: borderOrg, lon: 104.63, lat: 10.56 }), 201)
    expect(c).toMatchObject({ stage: 'reported', nextStep: 'interception' })
    const step = (body: Record<string, unknown>) => gt.post(`/api/entry/illegal/${c.id}/steps`, body)
    let e = refused(await step({ step: 'handover', orgId: borderOrg, toOrgId: healthOrg, at: '2026-11-25T23:00:00+07:00' }), 409, 'STEP_ORDER')
    expect(e.message).toContain('Chặn giữ')
    refused(await step({ step: 'interception', orgId: borderOrg, at: '2026-11-25T20:00:00+07:00' }), 409, 'STEP_ORDER')
    refused(await step({ step: 'interception', orgId: 999999, at: '2026-11-25T22:00:00+07:00' }), 400, 'ORG_UNKNOWN')
    await ok(await step({ step: 'interception', orgId: borderOrg, at: '2026-11-25T22:00:00+07:00' }))
    e = refused(await step({ step: 'interception', orgId: borderOrg, at: '2026-11-25T22:10:00+07:00' }), 409, 'STEP_ORDER')
    expect(e.message).toContain('đã được ghi')
    refused(await step({ step: 'handover', orgId: borderOrg, at: '2026-11-25T23:00:00+07:00' }), 400, 'HANDOVER_TO_REQUIRED')
    // People are added (one new record, one already in the registry) before the placement.
    const known = await ok(await gt.post('/api/people', { fullName: 'Sok Dara', unitCode: GT, birthYear: 1995, nationality: 'KH' }), 201)
    await ok(await gt.post(`/api/entry/illegal/${c.id}/people`, { personId: known.id }))
    const withNew = await ok(await gt.post(`/api/entry/illegal/${c.id}/people`, { person: { fullName: 'Chan Sophea', birthYear: 1998, sex: 'female', nationality: 'KH' } }))
    const extra = await ok(await gt.post(`/api/entry/illegal/${c.id}/people`, { person: { fullName: 'Keo Vanna', birthYear: 2000, nationality: 'KH' } }))
    expect(extra.peopleCount).toBe(3)
    const people = extra.people.map((p: { personId: number }) => p.personId) as number[]
    expect(withNew.people).toHaveLength(2)
    const facility = await ok(await gt.post('/api/quarantine/facilities', { name: 'Khu cách ly Đồn Biên phòng Giang Thành', kind: 'military_camp', unitCode: GT, capacity: 2 }), 201)
    const place = (personId: number) => gt.post(`/api/entry/illegal/${c.id}/placements`, { personId, facilityId: facility.id, orgId: healthOrg, at: '2026-11-26T08:00:00+07:00' })
    e = refused(await place(people[0]!), 409, 'STEP_ORDER')
    expect(e.message).toContain('Bàn giao')
    await ok(await step({ step: 'handover', orgId: borderOrg, toOrgId: healthOrg, at: '2026-11-25T23:30:00+07:00' }))
    const first = await ok(await place(people[0]!))
    expect(first.case.stage).toBe('placed')
    expect(first.warnings.map((w: { code: string }) => w.code)).toEqual([])
    const second = await ok(await place(people[1]!))
    const full = second.warnings.find((w: { code: string }) => w.code === 'FULL')
    expect(full.message).toContain('2/2')
    refused(await place(people[2]!), 409, 'FACILITY_FULL')
    expect((await db.selectFrom('entryIllegalPeople').select('placementId').where('personId', '=', people[2]!).executeTakeFirstOrThrow()).placementId).toBeNull()
    const placement = await ok(await gt.get(`/api/quarantine/placements/${first.placementId}`))
    expect(placement).toMatchObject({ reason: 'illegal_entrant', ruleKind: 'illegal-entry', batch: `NCTP-${c.id}` })
    // The outcome: found living undetected, so the commune's head is recorded as accountable.
    refused(await step({ step: 'outcome', orgId: borderOrg, at: '2026-11-26T09:00:00+07:00' }), 400, 'OUTCOME_REQUIRED')
    const done = await ok(await step({ step: 'outcome', orgId: borderOrg, at: '2026-11-26T09:00:00+07:00', outcome: 'Xử phạt hành chính người dẫn đường', foundLiving: true }))
    expect(done.stage).toBe('concluded')
    expect(done.steps.map((s: { step: string; orgName: string }) => [s.step, s.orgName])).toEqual([
      ['interception', 'Đồn Biên phòng Giang Thành'],
      ['handover', 'Đồn Biên phòng Giang Thành'],
      ['placement', 'Trạm Y tế xã Giang Thành'],
      ['outcome', 'Đồn Biên phòng Giang Thành'],
    ])
    expect(done.heads).toEqual([expect.objectContaining({ orgId: communeOrg, headName: 'Lâm Văn Trách' })])
    e = refused(await step({ step: 'outcome', orgId: borderOrg, at: '2026-11-26T10:00:00+07:00', outcome: 'x' }), 409, 'STEP_ORDER')
    expect(e.message).toContain('kết quả xử lý')
    const heads = await ok(await province.get(`/api/entry/illegal/heads?unitCode=${GT}`))
    expect(heads.heads[0]).toMatchObject({ headName: 'Lâm Văn Trách', unitCode: GT, caseId: c.id })
    // Jurisdiction: another commune does not see the case.
    refused(await ht.get(`/api/entry/illegal/${c.id}`), 404)
    refused(await ht.post(`/api/entry/illegal/${c.id}/steps`, { step: 'outcome', orgId: borderOrg, at: '2026-11-26T10:00:00+07:00', outcome: 'x' }), 404)
  })

  it('counts cases and people per border commune and week, and maps them', async () => {
    for (const [unitCode, occurredAt, peopleCount] of [
      [HT, '2026-11-02T10:00:00+07:00', 4],
      [HT, '2026-11-03T22:00:00+07:00', 1],
      [HT, '2026-11-10T05:00:00+07:00', 2],
      // Sunday 23:30 in Vietnam is still the week of Monday 16/11.
      [HT, '2026-11-22T23:30:00+07:00', 5],
    ] as const) {
      await ok(await province.post('/api/entry/illegal', { unitCode, occurredAt, peopleCount, crossing: 'on_foot', reportedBy: 'police' }), 201)
    }
    const w = await ok(await province.get('/api/entry/illegal/weekly?from=2026-11-02&to=2026-11-26'))
    expect(w.weeks).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'])
    const hatien = w.communes.find((c: { unitCode: string }) => c.unitCode === HT)
    expect(hatien.border).toBe(true)
    expect(hatien.counts.map((x: { cases: number; people: number }) => [x.cases, x.people])).toEqual([
      [2, 5],
      [1, 2],
      [1, 5],
      [0, 0],
    ])
    const giang = w.communes.find((c: { unitCode: string }) => c.unitCode === GT)
    expect(giang.border).toBe(true)
    expect(giang.counts[3].cases).toBeGreaterThanOrEqual(2)
    // A commune sees only its own.
    const own = await ok(await ht.get('/api/entry/illegal/weekly?from=2026-11-02&to=2026-11-26'))
    expect(own.communes.map((c: { unitCode: string }) => c.unitCode)).toEqual([HT])
    const map = await ok(await province.get('/api/entry/illegal/map?from=2026-11-02&to=2026-11-26'))
    expect(map.communes.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(expect.arrayContaining([HT, GT]))
    expect(map.cases.features.length).toBeGreaterThanOrEqual(1)
    expect(map.ports.features.map((f: { properties: { name: string } }) => f.properties.name)).toContain('Cửa khẩu quốc tế Hà Tiên (Xà Xía)')
    refused(await ht.get(`/api/entry/illegal/weekly?unitCode=${GT}`), 403)
  })
})
