import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../test/harness.ts'
import { ensureNational as ensureLevelRules } from '../levels/service.ts'
import { provinceVariant, sampleEvent } from './testFixtures.ts'

const t = await testApp()
const db = t.database.db
const RG = '30742' // phường Rạch Giá
const PQ = '31078' // đặc khu Phú Quốc

let rg: Agent & { username: string } // commune officer of Rạch Giá: registers and decides
let pq: Agent
let health: Agent // the province's health authority: advises
let province: Agent
let pqHealth: Agent // the health station of another commune

type Res = { statusCode: number; body: string; json(): unknown }

// biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
async function ok(pending: Res | Promise<Res>, status = 200): Promise<any> {
  const res = await pending
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

/** Publishes `level` for a commune from `from` (as the steering committee would). */
async function publishLevel(code: string, weekStart: string, from: string, level: number) {
  await ensureLevelRules(t.ctx)
  const unit = await db.selectFrom('units').select(['id', 'path']).where('code', '=', code).orderBy('period', 'desc').executeTakeFirstOrThrow()
  const rs = await db.selectFrom('levelRuleSets').select('id').orderBy('id').executeTakeFirstOrThrow()
  await sql`INSERT INTO level_assessments (unit_id, unit_path, week_start, rule_set_id, inputs, source, computed_level, status, effective_from)
            VALUES (${unit.id}, ${unit.path}, ${weekStart}, ${rs.id}, '{}', 'entered', ${level}, 'published', ${from})`.execute(db)
}

const event = (over: Record<string, unknown> = {}) => ({ ...sampleEvent(RG, 'Hội nghị khách hàng'), ...over })

beforeAll(async () => {
  rg = await t.userAgent('commune', RG)
  pq = await t.userAgent('commune', PQ)
  health = await t.userAgent('health', '91')
  province = await t.userAgent('admin', '91')
  pqHealth = await t.userAgent('health', PQ)
  await publishLevel(RG, '2026-11-23', '2026-12-01', 2)
  await publishLevel(RG, '2026-12-14', '2026-12-20', 3)
})

describe('rules of the level in force on the event date', () => {
  it('answers each level and attendance edge from the commune’s published level on the first day', async () => {
    const assess = (startsOn: string, n: number, setting = 'indoor') => ok(rg.get(`/api/events/assess?unitCode=${RG}&setting=${setting}&startsOn=${startsOn}&expectedAttendance=${n}`))
    expect(await assess('2026-11-28', 5000)).toMatchObject({ level: null, verdict: 'conditional', adviceRequired: true })
    expect(await assess('2026-12-10', 100)).toMatchObject({ level: 2, verdict: 'conditional', maxAttendance: 100, reconstructed: true })
    const over = await assess('2026-12-10', 101)
    expect(over).toMatchObject({ level: 2, verdict: 'forbidden', verdictLabel: 'Không được tổ chức' })
    expect(over.reasons[0]).toContain('tối đa 100 người')
    expect(await assess('2026-12-21', 30)).toMatchObject({ level: 3, verdict: 'conditional' })
    expect(await assess('2026-12-21', 31)).toMatchObject({ level: 3, verdict: 'forbidden' })
    expect(await assess('2026-12-21', 50, 'outdoor')).toMatchObject({ level: 3, verdict: 'conditional' })
  })

  it('lists the national set with its marks and takes a province’s variant from its date; a bad set is refused', async () => {
    const sets = (await ok(health.get('/api/events/rules'))).ruleSets
    expect(sets.find((s: { national: boolean }) => s.national).definition.levels['4'].indoor).toMatchObject({ verdict: 'forbidden', confidence: 'secondary' })
    const bad = provinceVariant() as Record<string, unknown>
    bad.largeEventAttendance = -1
    refused(await health.post('/api/events/rules', { validFrom: '2027-01-01', definition: bad, reason: 'Thử' }), 400, 'RULES_INVALID')
    refused(await rg.post('/api/events/rules', { validFrom: '2027-01-01', definition: provinceVariant(), reason: 'Thử' }), 403)
    await ok(health.post('/api/events/rules', { validFrom: '2027-01-01', definition: provinceVariant(), reason: 'Quyết định mẫu của UBND tỉnh' }), 201)
    refused(await health.post('/api/events/rules', { validFrom: '2027-01-01', definition: provinceVariant(), reason: 'Lần hai' }), 409, 'RULES_EXISTS')
    // Level 3 still in force in January; the province caps at 40.
    expect(await ok(rg.get(`/api/events/assess?unitCode=${RG}&setting=indoor&startsOn=2027-01-05&expectedAttendance=41`))).toMatchObject({ level: 3, verdict: 'forbidden', maxAttendance: 40 })
    expect(await ok(rg.get(`/api/events/assess?unitCode=${RG}&setting=indoor&startsOn=2026-12-31&expectedAttendance=30`))).toMatchObject({ level: 3, verdict: 'conditional', maxAttendance: 30 })
    // The province's list of high-risk countries flags the guests from them.
    const flagged = await ok(rg.get(`/api/events/assess?unitCode=${RG}&setting=indoor&startsOn=2027-01-05&expectedAttendance=20&foreignGuests=3&countries=IN,JP`))
    expect(flagged.highRiskCountries).toEqual([{ code: 'IN', name: 'Ấn Độ' }])
    expect(flagged.reasons.join(' ')).toContain('nước có nguy cơ cao: IN')
    // Today the national set is in force (the province's begins in 2027): the screen shows which.
    const listed = await ok(rg.get('/api/events/rules'))
    expect(listed.ruleSets.find((r: { id: number }) => r.id === listed.inForceId)).toMatchObject({ national: true })
  })

  it('refuses bad input clearly and stores nothing', async () => {
    const before = await db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    refused(await rg.post('/api/events', event({ countries: ['XX'] })), 400, 'COUNTRY_UNKNOWN')
    refused(await rg.post('/api/events', event({ countries: [] })), 400, 'COUNTRIES_MISSING')
    refused(await rg.post('/api/events', event({ endsOn: '2026-12-01' })), 400, 'EVENT_DATES')
    refused(await rg.post('/api/events', event({ foreignGuests: 500 })), 400, 'GUESTS_OVER')
    refused(await rg.post('/api/events', event({ startsOn: '2026-02-30' })), 400)
    const after = await db.selectFrom('events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })
})

describe('the steps: advice, decision, reply', () => {
  it('an event with guests from abroad is submitted, advised and approved with conditions; the wrong order is refused in Vietnamese', async () => {
    const e = await ok(rg.post('/api/events', event({ startsOn: '2026-12-12', expectedAttendance: 80, countries: ['kr', 'JP'] })), 201)
    expect(e).toMatchObject({ status: 'submitted', assessment: { level: 2, verdict: 'conditional', adviceRequired: true } })
    expect(e.countries).toEqual([
      { code: 'KR', name: expect.stringMatching(/Hàn Quốc/) },
      { code: 'JP', name: 'Nhật Bản' },
    ])
    expect(refused(await rg.post(`/api/events/${e.id}/decision`, { decision: 'approved_with_conditions', conditions: ['Đeo khẩu trang'] }), 409, 'EVENT_STEP').message).toContain('ý kiến của cơ quan y tế')
    expect(refused(await health.post(`/api/events/${e.id}/advice`, { text: 'Đồng ý' }), 409, 'EVENT_STEP').message).toContain('gửi yêu cầu trước')
    refused(await rg.post(`/api/events/${e.id}/advice`, { text: 'Đồng ý' }), 403)
    await ok(rg.post(`/api/events/${e.id}/advice-request`, { to: 'Trung tâm Kiểm soát bệnh tật tỉnh An Giang' }))
    refused(await rg.post(`/api/events/${e.id}/advice-request`, {}), 409, 'EVENT_STEP')
    // The health authority over the commune is told, once; nobody of another commune, nor the requester.
    const told = (await ok(health.get('/api/notifications'))).items.filter((n: { link: string }) => n.link === `/su-kien/${e.id}`)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({ kind: 'event_advice_requested', title: expect.stringContaining('Xin ý kiến y tế') })
    expect(told[0].body).toContain('Hàn Quốc')
    expect(told[0].body).toContain('Trung tâm Kiểm soát bệnh tật tỉnh An Giang')
    expect((await ok(pqHealth.get('/api/notifications'))).items.some((n: { link: string }) => n.link === `/su-kien/${e.id}`)).toBe(false)
    expect((await ok(rg.get('/api/notifications'))).items.some((n: { link: string }) => n.link === `/su-kien/${e.id}`)).toBe(false)
    const advised = await ok(health.post(`/api/events/${e.id}/advice`, { text: 'Khách nước ngoài xuất trình kết quả xét nghiệm âm tính trong 72 giờ.' }))
    expect(advised).toMatchObject({ status: 'advised', advice: { text: expect.stringContaining('72 giờ'), advisedBy: expect.any(String) } })
    expect(refused(await rg.post(`/api/events/${e.id}/decision`, { decision: 'approved' }), 409).message).toContain('có điều kiện')
    refused(await rg.post(`/api/events/${e.id}/decision`, { decision: 'refused' }), 400, 'REASON_MISSING')
    const decided = await ok(
      rg.post(`/api/events/${e.id}/decision`, { decision: 'approved_with_conditions', conditions: ['Không quá 80 người', 'Khách nước ngoài có kết quả xét nghiệm âm tính'] }),
    )
    expect(decided).toMatchObject({ status: 'approved_with_conditions', statusLabel: 'Đồng ý có điều kiện', decision: { number: expect.stringMatching(/^\d+\/UBND-SK$/) } })
    expect(refused(await rg.post(`/api/events/${e.id}/decision`, { decision: 'refused', reason: 'Đổi ý' }), 409).message).toContain('đã có quyết định')

    const docx = await rg.get(`/api/events/${e.id}/reply.docx`)
    expect(docx.statusCode).toBe(200)
    expect(docx.headers['content-type']).toContain('wordprocessingml')
    const text = (await (await import('mammoth')).default.extractRawText({ buffer: docx.rawPayload })).value
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'ỦY BAN NHÂN DÂN', 'V/v chấp thuận', 'Kính gửi: Công ty Du lịch Mẫu', 'Không quá 80 người', '72 giờ', 'cấp 2', 'Nơi nhận:']) {
      expect(text).toContain(s)
    }
  })

  it('an event over the limit can only be refused, and its reply says why; an undecided event has no reply', async () => {
    const e = await ok(rg.post('/api/events', event({ expectedAttendance: 300, foreignGuests: 0, countries: [] })), 201)
    expect(e.assessment).toMatchObject({ verdict: 'forbidden', adviceRequired: false })
    refused(await rg.get(`/api/events/${e.id}/reply.docx`), 409, 'NOT_DECIDED')
    expect(refused(await rg.post(`/api/events/${e.id}/decision`, { decision: 'approved_with_conditions', conditions: ['Chia ca'] }), 409).message).toContain('không được tổ chức')
    await ok(rg.post(`/api/events/${e.id}/decision`, { decision: 'refused', reason: 'Vượt số người được phép ở cấp độ 2' }))
    const text = (await (await import('mammoth')).default.extractRawText({ buffer: (await rg.get(`/api/events/${e.id}/reply.docx`)).rawPayload })).value
    expect(text).toContain('không đồng ý')
    expect(text).toContain('Vượt số người được phép ở cấp độ 2')
  })
})

describe('calendar, public list and jurisdiction', () => {
  it('the public list shows approved large events and nothing personal, cacheable, without login', async () => {
    const big = await ok(rg.post('/api/events', event({ title: 'Lễ hội Nghinh Ông', setting: 'outdoor', startsOn: '2026-12-01', expectedAttendance: 150, foreignGuests: 0, countries: [] })), 201)
    const small = await ok(rg.post('/api/events', event({ title: 'Họp tổ dân phố', setting: 'outdoor', startsOn: '2026-12-01', expectedAttendance: 20, foreignGuests: 0, countries: [] })), 201)
    const refusedOne = await ok(rg.post('/api/events', event({ title: 'Đại nhạc hội', setting: 'outdoor', startsOn: '2026-12-02', expectedAttendance: 180, foreignGuests: 0, countries: [] })), 201)
    for (const id of [big.id, small.id]) await ok(rg.post(`/api/events/${id}/decision`, { decision: 'approved_with_conditions', conditions: ['Giữ khoảng cách 1 mét'] }))
    await ok(rg.post(`/api/events/${refusedOne.id}/decision`, { decision: 'refused', reason: 'Trùng lịch phun khử khuẩn' }))

    const res = await t.app.inject({ method: 'GET', url: '/api/public/events?unit=91' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+/)
    const body = res.json()
    const titles = body.events.map((e: { title: string }) => e.title)
    expect(titles).toContain('Lễ hội Nghinh Ông')
    expect(titles).not.toContain('Họp tổ dân phố')
    expect(titles).not.toContain('Đại nhạc hội')
    for (const e of body.events) expect(Object.keys(e).sort()).toEqual(['conditions', 'decision', 'endsOn', 'expectedAttendance', 'id', 'place', 'setting', 'startTime', 'startsOn', 'title', 'unit'])
    for (const s of ['Công ty Du lịch Mẫu', 'Trần Thị Liên Hệ', '0912345678', 'KR', 'Hàn Quốc', 'contact', 'organiser']) expect(res.body).not.toContain(s)
  })

  it('keeps each commune’s events to its own jurisdiction; the province sees them all, a page at a time', async () => {
    const own = await ok(pq.post('/api/events', { ...sampleEvent(PQ, 'Giải chạy Phú Quốc'), foreignGuests: 0, countries: [], startsOn: '2026-12-05' }), 201)
    const rgEvent = await ok(rg.post('/api/events', event({ startsOn: '2026-12-05' })), 201)
    refused(await pq.get(`/api/events/${rgEvent.id}`), 404)
    refused(await pq.post(`/api/events/${rgEvent.id}/advice-request`, {}), 404)
    refused(await pq.post('/api/events', event()), 403)
    refused(await pq.get(`/api/events?unit=${RG}&from=2026-12-01&to=2026-12-31`), 403)
    refused(await pq.get(`/api/events/assess?unitCode=${RG}&setting=indoor&startsOn=2026-12-05&expectedAttendance=10`), 403)
    const pqCal = await ok(pq.get(`/api/events?unit=${PQ}&from=2026-12-01&to=2026-12-31`))
    expect(pqCal.events.map((e: { id: number }) => e.id)).toEqual([own.id])
    expect(JSON.stringify(pqCal)).not.toContain('0912345678')

    const all = await ok(province.get('/api/events?unit=91&from=2026-12-01&to=2026-12-31&limit=2'))
    expect(all.total).toBeGreaterThan(4)
    expect(all.events).toHaveLength(2)
    const next = await ok(province.get('/api/events?unit=91&from=2026-12-01&to=2026-12-31&limit=2&offset=2'))
    expect(next.events[0].startsOn >= all.events[1].startsOn).toBe(true)
    const only = await ok(province.get('/api/events?unit=91&from=2026-12-05&to=2026-12-05'))
    expect(only.events.map((e: { id: number }) => e.id).sort()).toEqual([own.id, rgEvent.id].sort())
    refused(await province.get('/api/events?unit=91&from=2026-12-05&to=2026-12-01'), 400, 'RANGE')
  })

  it('audits reads of an event', async () => {
    const e = await ok(rg.post('/api/events', event({ startsOn: '2026-12-06' })), 201)
    await ok(rg.get(`/api/events/${e.id}`))
    const entry = await db.selectFrom('auditLog').select(['action', 'entity', 'actorName']).where('entity', '=', 'events').where('entityId', '=', String(e.id)).where('action', '=', 'read').orderBy('id', 'desc').executeTakeFirst()
    expect(entry?.actorName).toBe(rg.username)
  })
})
