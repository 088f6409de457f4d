import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../../test/harness.ts'

// Daily follow-up of contacts through the HTTP API. The test clock stands at 26/11/2026 (Vietnam time).
const t = await testApp()
const RG = '30742' // phường Rạch Giá
const PQ = '31078' // đặc khu Phú Quốc
const DAY = 86_400_000
let rg: Agent & { userId: number }
let serial = 0

beforeAll(async () => {
  rg = await t.userAgent('tracer', RG)
})

async function person(agent: Agent, name: string, unit = RG): Promise<number> {
  const r = await agent.post('/api/people', { fullName: `${name} ${++serial}`, unitCode: unit })
  expect(r.statusCode, r.body).toBe(201)
  return r.json().id
}

/** An F0 with onset on 20/11 and a contact exposed to it on `exposedOn`. */
async function contact(agent: Agent, exposedOn = '2026-11-21', unit = RG): Promise<{ f0: number; contactId: number }> {
  const f0 = await person(agent, 'Ca Theo Dõi', unit)
  const c = await agent.post('/api/surveillance/cases', { personId: f0, classification: 'confirmed', onsetDate: '2026-11-20', confirmedDate: '2026-11-22' })
  expect(c.statusCode, c.body).toBe(201)
  const contactId = await person(agent, 'Người Được Theo Dõi', unit)
  const e = await agent.post('/api/surveillance/exposures', { personId: contactId, sourcePersonId: f0, exposedOn })
  expect(e.statusCode, e.body).toBe(201)
  return { f0, contactId }
}

/** Runs `fn` with the clock moved on by `days`, then moves it back. */
async function later<T>(days: number, fn: () => Promise<T>): Promise<T> {
  t.clock.advance(days * DAY)
  try {
    return await fn()
  } finally {
    t.clock.advance(-days * DAY)
  }
}

describe('starting a follow-up', () => {
  it('follows until the last exposure plus the rule’s days, with tests planned on the schedule', async () => {
    const { contactId } = await contact(rg)
    const r = await rg.post('/api/surveillance/followups', { personId: contactId, note: 'Cách ly tại nhà' })
    expect(r.statusCode, r.body).toBe(201)
    // Day 1 after the exposure (22/11) has passed: its test moves to the first day of the follow-up.
    expect(r.json()).toMatchObject({ startedOn: '2026-11-26', until: '2026-12-05', status: 'active', plannedTests: ['2026-11-26', '2026-11-28', '2026-12-05'] })
    const page = (await rg.get(`/api/surveillance/people/${contactId}`)).json()
    expect(page.tests.filter((x: { status: string }) => x.status === 'planned').map((x: { plannedOn: string }) => x.plannedOn)).toEqual(['2026-12-05', '2026-11-28', '2026-11-26'])
    expect(page.followups).toHaveLength(1)
    expect(page.followups[0]).toMatchObject({ until: '2026-12-05', note: 'Cách ly tại nhà', checks: [] })
  })

  it('refuses a second running follow-up, a person without exposure, a follow-up already over, and a case', async () => {
    const { f0, contactId } = await contact(rg)
    expect((await rg.post('/api/surveillance/followups', { personId: contactId })).statusCode).toBe(201)
    const twice = await rg.post('/api/surveillance/followups', { personId: contactId })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.message).toContain('đang được theo dõi (đến ngày 05/12/2026)')
    const alone = await rg.post('/api/surveillance/followups', { personId: await person(rg, 'Chưa Tiếp Xúc') })
    expect(alone.statusCode).toBe(400)
    expect(alone.json().error.message).toContain('Chưa ghi nhận lần tiếp xúc nào')
    const old = await contact(rg, '2026-11-05')
    const over = await rg.post('/api/surveillance/followups', { personId: old.contactId })
    expect(over.statusCode).toBe(400)
    expect(over.json().error.message).toContain('đã hết ngày 19/11/2026')
    const theCase = await rg.post('/api/surveillance/followups', { personId: f0 })
    expect(theCase.statusCode).toBe(409)
    expect(theCase.json().error.message).toContain('đang là ca bệnh')
  })

  it('gives the follow-up to a tracer who works where the contact lives and may trace', async () => {
    const { contactId } = await contact(rg)
    const pqTracer = await t.userAgent('tracer', PQ)
    const viewer = await t.userAgent('viewer', RG)
    const outside = await rg.post('/api/surveillance/followups', { personId: contactId, tracerUserId: pqTracer.userId })
    expect(outside.statusCode).toBe(400)
    expect(outside.json().error.message).toContain('không phụ trách địa bàn')
    const notAllowed = await rg.post('/api/surveillance/followups', { personId: contactId, tracerUserId: viewer.userId })
    expect(notAllowed.statusCode).toBe(400)
    expect(notAllowed.json().error.message).toContain('không có quyền theo dõi')
    expect((await rg.post('/api/surveillance/followups', { personId: contactId, tracerUserId: 999_999 })).statusCode).toBe(404)
    const provinceTracer = await t.userAgent('tracer', '91')
    const ok = await rg.post('/api/surveillance/followups', { personId: contactId, tracerUserId: provinceTracer.userId })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json().tracerName).toBeTruthy()
    const mine = (await provinceTracer.get('/api/surveillance/followups?tracer=me')).json()
    expect(mine.rows.map((r: { personId: number }) => r.personId)).toEqual([contactId])
    const contacts = (await provinceTracer.get('/api/surveillance/contacts?tracer=me')).json()
    expect(contacts.rows.map((r: { personId: number; followupStatus: string }) => [r.personId, r.followupStatus])).toEqual([[contactId, 'active']])
    // Passed on to another tracer of the commune.
    const other = await t.userAgent('commune', RG)
    const moved = await rg.patch(`/api/surveillance/followups/${ok.json().id}`, { tracerUserId: other.userId })
    expect(moved.json().tracerUserId).toBe(other.userId)
    expect((await provinceTracer.get('/api/surveillance/followups?tracer=me')).json().rows).toEqual([])
  })

  it('lists the people who may be given the follow-ups of an area: those who may trace there, none of another commune', async () => {
    const pqTracer = await t.userAgent('tracer', PQ)
    const viewer = await t.userAgent('viewer', RG)
    const provinceTracer = await t.userAgent('tracer', '91')
    const r = await rg.get(`/api/surveillance/tracers?unitCode=${RG}`)
    expect(r.statusCode, r.body).toBe(200)
    const ids = r.json().tracers.map((u: { id: number }) => u.id)
    expect(ids).toContain(rg.userId)
    expect(ids).toContain(provinceTracer.userId)
    expect(ids).not.toContain(pqTracer.userId)
    expect(ids).not.toContain(viewer.userId)
    // Another commune is not the caller's to ask about.
    expect((await rg.get(`/api/surveillance/tracers?unitCode=${PQ}`)).statusCode).toBe(403)
    expect((await viewer.get(`/api/surveillance/tracers?unitCode=${RG}`)).statusCode).toBe(403)
  })
})

describe('daily checks', () => {
  it('records one check a day, flags a fever or a symptom, and shows per tracer and commune whether the day is done', async () => {
    const tracer = await t.userAgent('tracer', RG)
    const { contactId } = await contact(rg)
    const fu = (await rg.post('/api/surveillance/followups', { personId: contactId, tracerUserId: tracer.userId })).json()
    const ok = await tracer.post(`/api/surveillance/followups/${fu.id}/checks`, { checkedOn: '2026-11-26', temperature: 36.8, symptoms: [] })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json()).toMatchObject({ flagged: false, advice: null })
    const twice = await tracer.post(`/api/surveillance/followups/${fu.id}/checks`, { checkedOn: '2026-11-26', temperature: 37 })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.message).toContain('Đã có kết quả theo dõi ngày 26/11/2026')
    const ahead = await tracer.post(`/api/surveillance/followups/${fu.id}/checks`, { checkedOn: '2026-11-27' })
    expect(ahead.statusCode).toBe(400)
    expect(ahead.json().error.message).toContain('ở sau hôm nay')
    const before = await tracer.post(`/api/surveillance/followups/${fu.id}/checks`, { checkedOn: '2026-11-25' })
    expect(before.statusCode).toBe(400)
    expect(before.json().error.message).toContain('nằm ngoài đợt theo dõi')
    const hot = await tracer.post(`/api/surveillance/followups/${fu.id}/checks`, { checkedOn: '2026-11-26', temperature: 51 })
    expect(hot.statusCode).toBe(400)
    expect(hot.json().error.message).toContain('không quá 45')

    const today = (await tracer.get('/api/surveillance/followups?tracer=me')).json()
    expect(today.due).toBe('2026-11-26')
    expect(today.rows).toHaveLength(1)
    expect(today.rows[0]).toMatchObject({ personId: contactId, checkedOnDue: true, flagged: false, lastCheckOn: '2026-11-26', degree: 1 })

    await later(1, async () => {
      const tomorrow = await t.login(tracer.username)
      const pending = (await tomorrow.get('/api/surveillance/followups?tracer=me')).json()
      expect(pending.rows[0]).toMatchObject({ checkedOnDue: false })
      const fever = await tomorrow.post(`/api/surveillance/followups/${fu.id}/checks`, { checkedOn: '2026-11-27', temperature: 38.2, symptoms: ['cough', 'cough'] })
      expect(fever.statusCode, fever.body).toBe(201)
      expect(fever.json()).toMatchObject({ flagged: true, symptoms: ['cough'] })
      expect(fever.json().advice).toContain('xét nghiệm')
      const commune = (await tomorrow.get(`/api/surveillance/followups?unitCode=${RG}&flagged=true`)).json()
      expect(commune.rows.map((r: { id: number }) => r.id)).toContain(fu.id)
      expect(commune.rows.every((r: { flagged: boolean }) => r.flagged)).toBe(true)
      const record = (await tomorrow.get(`/api/surveillance/people/${contactId}`)).json()
      expect(record.followups[0]).toMatchObject({ flagged: true })
      expect(record.followups[0].checks.map((k: { checkedOn: string; temperature: number }) => [k.checkedOn, k.temperature])).toEqual([
        ['2026-11-27', 38.2],
        ['2026-11-26', 36.8],
      ])
    })
    // Asked about another day: the list says whether that day's check was done.
    const asked = (await tracer.get('/api/surveillance/followups?tracer=me&due=2026-11-27')).json()
    expect(asked.rows[0]).toMatchObject({ checkedOnDue: true, flagged: true })
  })

  it('ends a follow-up as lost or cancelled, cancelling its planned tests, and takes no check after', async () => {
    const { contactId } = await contact(rg)
    const fu = (await rg.post('/api/surveillance/followups', { personId: contactId })).json()
    const lost = await rg.patch(`/api/surveillance/followups/${fu.id}`, { status: 'lost', note: 'Không liên lạc được' })
    expect(lost.statusCode, lost.body).toBe(200)
    expect(lost.json()).toMatchObject({ status: 'lost', note: 'Không liên lạc được' })
    const tests = (await rg.get(`/api/surveillance/people/${contactId}`)).json().tests
    expect(tests.map((x: { status: string }) => x.status)).toEqual(['cancelled', 'cancelled', 'cancelled'])
    const check = await rg.post(`/api/surveillance/followups/${fu.id}/checks`, { checkedOn: '2026-11-26' })
    expect(check.statusCode).toBe(409)
    expect(check.json().error.message).toContain('đã kết thúc')
    const again = await rg.patch(`/api/surveillance/followups/${fu.id}`, { status: 'cancelled' })
    expect(again.statusCode).toBe(409)
    const byHand = await rg.patch(`/api/surveillance/followups/${fu.id}`, { status: 'became_case' })
    expect(byHand.statusCode).toBe(400)
    expect(byHand.json().error.message).toContain('Kết thúc theo dõi')
    // A new follow-up may start again.
    expect((await rg.post('/api/surveillance/followups', { personId: contactId })).statusCode).toBe(201)
    const lostList = (await rg.get(`/api/surveillance/contacts?unitCode=${RG}&followupStatus=lost`)).json()
    expect(lostList.rows.map((r: { personId: number }) => r.personId)).toContain(contactId)
  })

  it('completes follow-ups whose last day has passed in the daily sweep', async () => {
    const { contactId } = await contact(rg, '2026-11-13')
    const fu = (await rg.post('/api/surveillance/followups', { personId: contactId })).json()
    expect(fu.until).toBe('2026-11-27')
    const { queueSurveillanceSweep } = await import('./service.ts')
    await later(2, async () => {
      await queueSurveillanceSweep(t.ctx)
      await t.jobs.drain()
    })
    const status = await t.database.db.selectFrom('contactFollowups').select('status').where('id', '=', fu.id).executeTakeFirstOrThrow()
    expect(status.status).toBe('completed')
  })
})

describe('jurisdiction', () => {
  it('keeps a commune’s follow-ups from another commune', async () => {
    const { contactId } = await contact(rg)
    const fu = (await rg.post('/api/surveillance/followups', { personId: contactId })).json()
    const pq = await t.userAgent('commune', PQ)
    expect((await pq.post('/api/surveillance/followups', { personId: contactId })).statusCode).toBe(404)
    expect((await pq.patch(`/api/surveillance/followups/${fu.id}`, { note: 'x' })).statusCode).toBe(404)
    expect((await pq.post(`/api/surveillance/followups/${fu.id}/checks`, { checkedOn: '2026-11-26' })).statusCode).toBe(404)
    expect((await pq.get(`/api/surveillance/followups?unitCode=${RG}`)).statusCode).toBe(403)
    expect((await pq.get('/api/surveillance/followups')).json().rows).toEqual([])
    const viewer = await t.userAgent('viewer', RG)
    expect((await viewer.get('/api/surveillance/followups')).statusCode).toBe(403)
  })
})
