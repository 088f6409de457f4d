import { beforeAll, describe, expect, it } from 'vitest'
import { NATIONAL_HOME_CARE_RULES } from '../../../domain/care/rules.ts'
import { type Agent, testApp } from '../../../test/harness.ts'
import { surveillanceCounts } from '../levels/repo.ts'
import * as repo from './repo.ts'
import { ELIGIBLE_FACTS } from './testFixtures.ts'

const t = await testApp()
const db = t.database.db
const RG = '30742' // phường Rạch Giá
const PQ = '31078' // đặc khu Phú Quốc

let province: Agent
let rg: Agent & { userId: number }
let pq: Agent

beforeAll(async () => {
  province = await t.userAgent('health', '91')
  rg = await t.userAgent('commune', RG)
  pq = await t.userAgent('care', PQ)
})

async function ok(res: { statusCode: number; body: string; json(): unknown }, status = 200) {
  expect(res.statusCode, res.body).toBe(status)
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
  return res.json() as any
}

let serial = 0
/** A person of `unitCode` with a confirmed case; answers both ids. */
async function f0(unitCode: string, opts: { confirmedDate?: string; birthYear?: number } = {}) {
  const confirmedDate = opts.confirmedDate ?? '2026-11-20'
  const p = await ok(await province.post('/api/people', { fullName: `Trần Văn Bệnh${++serial}`, unitCode, birthYear: opts.birthYear ?? 1985, confirmedNew: true }), 201)
  const c = await ok(await province.post('/api/surveillance/cases', { personId: p.id, classification: 'confirmed', sampleDate: confirmedDate, confirmedDate }), 201)
  return { personId: p.id as number, caseId: c.id as number }
}

async function facility(agent: Agent, body: Record<string, unknown>) {
  return ok(await agent.post('/api/care/facilities', body), 201)
}

describe('home-care rules', () => {
  it('stores the national periods exactly as the domain defines them', async () => {
    const stored = await repo.nationalRules(db)
    expect(stored).toEqual(
      NATIONAL_HOME_CARE_RULES.map((r) => ({
        validFrom: r.validFrom,
        name: r.name,
        eligibility: r.eligibility,
        warnings: r.warnings,
        release: r.release,
        source: r.source,
        confidence: r.confidence,
        note: r.note ?? null,
      })),
    )
  })

  it('checks eligibility by the rule in force on the day: SpO2 96% passes under QĐ 4038, not under QĐ 261', async () => {
    const facts = { ...ELIGIBLE_FACTS, spo2: 96, vaccineDoses: 0, lastDoseOn: null, ageYears: 30 }
    const before = await ok(await rg.post('/api/care/eligibility', { unitCode: RG, date: '2022-01-30', facts }))
    expect(before).toMatchObject({ eligible: true, reasons: [], grounds: [expect.stringContaining('ít nguy cơ')] })
    expect(before.rule.name).toContain('250')
    expect(before.rule.eligibilitySource).toContain('4038')
    const after = await ok(await rg.post('/api/care/eligibility', { unitCode: RG, date: '2022-01-31', facts }))
    expect(after).toMatchObject({ eligible: false, reasons: ['SpO2 96%: cần > 96% khi thở khí trời.'] })
    expect(after.rule).toMatchObject({ name: 'QĐ 261/QĐ-BYT (31/01/2022)', confidence: 'secondary' })
    const old = await ok(await rg.post('/api/care/eligibility', { unitCode: RG, date: '2021-09-01', facts: { ...facts, ageYears: 55 } }))
    expect(old.eligible).toBe(false)
    expect(old.reasons[0]).toContain('55 tuổi')
  })

  it('answers bad facts with a Vietnamese 400', async () => {
    const res = await rg.post('/api/care/eligibility', { unitCode: RG, facts: { ...ELIGIBLE_FACTS, spo2: 140 } })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.message).toContain('SpO2 từ 50 đến 100%')
  })

  it('takes a province variant from its date, audited, and refuses it to a commune officer', async () => {
    const base = NATIONAL_HOME_CARE_RULES.at(-1)!
    const variant = {
      ...base,
      unitCode: '91',
      validFrom: '2026-01-01',
      name: 'An Giang: SpO2 ≥ 95%',
      source: 'UBND tỉnh An Giang, văn bản mẫu',
      confidence: 'unverified',
      note: null,
      eligibility: { ...base.eligibility, spo2: { op: '>=', value: 95 } },
    }
    expect((await rg.post('/api/care/rules', variant)).statusCode).toBe(403)
    const made = await ok(await province.post('/api/care/rules', variant), 201)
    expect(made).toMatchObject({ unitCode: '91', name: 'An Giang: SpO2 ≥ 95%' })
    const audit = await db.selectFrom('auditLog').selectAll().where('entity', '=', 'care_rules').where('entityId', '=', String(made.id)).execute()
    expect(audit).toHaveLength(1)
    const facts = { ...ELIGIBLE_FACTS, spo2: 95, ageYears: 30 }
    expect((await ok(await rg.post('/api/care/eligibility', { unitCode: RG, date: '2026-01-01', facts }))).eligible).toBe(true)
    expect((await ok(await rg.post('/api/care/eligibility', { unitCode: RG, date: '2025-12-31', facts }))).eligible).toBe(false)
    expect((await ok(await rg.get('/api/care/rules'))).rules.map((r: { name: string }) => r.name)).toContain('An Giang: SpO2 ≥ 95%')
    await db.deleteFrom('careRules').where('id', '=', made.id).execute()
  })
})

describe('the tower: admissions, transfers, discharges, deaths', () => {
  let tier1: number
  let tier2: number
  let tier3: number

  beforeAll(async () => {
    tier1 = (await facility(province, { name: 'Khu thu dung Rạch Giá', tier: 1, kind: 'collection', unitCode: RG, bedsRegular: 3 })).id
    tier2 = (await facility(province, { name: 'Bệnh viện Đa khoa Rạch Giá', tier: 2, kind: 'covid_hospital', unitCode: RG, bedsRegular: 4, bedsOxygen: 2, staffDoctors: 12, oxygenTankM3: 10 })).id
    tier3 = (await facility(province, { name: 'Trung tâm hồi sức Phú Quốc', tier: 3, kind: 'icu_center', unitCode: PQ, bedsIcu: 2, bedsVentilator: 1 })).id
  })

  it('counts admissions, transfers, discharges and deaths, and records the outcome on the case', async () => {
    const [a, b, c, d] = [await f0(RG), await f0(RG), await f0(RG), await f0(PQ)]
    const stay = async (facilityId: number, who: { personId: number }, bedKind: string) =>
      ok(await province.post('/api/care/admissions', { facilityId, personId: who.personId, bedKind, admittedOn: '2026-11-21' }), 201)
    const sa = await stay(tier1, a, 'regular')
    const sb = await stay(tier2, b, 'oxygen')
    await stay(tier2, c, 'regular')
    const sd = await ok(await province.post('/api/care/admissions', { facilityId: tier1, caseId: d.caseId, bedKind: 'regular', admittedOn: '2026-11-22' }), 201)
    expect(sd).toMatchObject({ personId: d.personId, caseId: d.caseId, tier: 1, status: 'active' })

    // a: tier 1 → tier 2 (oxygen) → tier 3 (ventilator) → dies. b: recovers. d: leaves for another province.
    const up = await ok(await province.post(`/api/care/admissions/${sa.id}/transfer`, { facilityId: tier2, bedKind: 'oxygen', on: '2026-11-23', severity: 'moderate' }))
    expect(up).toMatchObject({ tier: 2, bedKind: 'oxygen', fromAdmissionId: sa.id, severity: 'moderate' })
    const full = await province.post(`/api/care/admissions/${sb.id}/transfer`, { facilityId: tier2, bedKind: 'oxygen' })
    expect(full.statusCode).toBe(400)
    const icu = await ok(await province.post(`/api/care/admissions/${up.id}/transfer`, { facilityId: tier3, bedKind: 'ventilator', on: '2026-11-24', severity: 'critical' }))
    expect(icu.tier).toBe(3)
    await ok(await province.post(`/api/care/admissions/${icu.id}/discharge`, { outcome: 'died', on: '2026-11-25' }))
    await ok(await province.post(`/api/care/admissions/${sb.id}/discharge`, { outcome: 'recovered', on: '2026-11-25' }))
    const gone = await ok(await province.post(`/api/care/admissions/${sd.id}/discharge`, { outcome: 'transferred_out', transferredTo: 'Bệnh viện Chợ Rẫy', on: '2026-11-24' }))
    expect(gone).toMatchObject({ status: 'discharged', outcome: 'transferred_out', transferredTo: 'Bệnh viện Chợ Rẫy' })

    const cases = await db.selectFrom('cases').select(['id', 'outcome', 'outcomeDate', 'transferredTo']).where('id', 'in', [a.caseId, b.caseId, c.caseId, d.caseId]).orderBy('id').execute()
    expect(cases).toEqual([
      { id: a.caseId, outcome: 'died', outcomeDate: '2026-11-25', transferredTo: null },
      { id: b.caseId, outcome: 'recovered', outcomeDate: '2026-11-25', transferredTo: null },
      { id: c.caseId, outcome: null, outcomeDate: null, transferredTo: null },
      { id: d.caseId, outcome: 'transferred', outcomeDate: '2026-11-24', transferredTo: 'Bệnh viện Chợ Rẫy' },
    ])

    const flows = await ok(await province.get('/api/care/flows?unit=91&from=2026-11-20&to=2026-11-26'))
    expect(flows).toMatchObject({ admitted: 4, transferred: 2, discharged: 2, died: 1 })
    const rgFlows = await ok(await province.get(`/api/care/flows?unit=${RG}&from=2026-11-20&to=2026-11-26`))
    expect(rgFlows).toMatchObject({ admitted: 4, transferred: 2, discharged: 2, died: 0 })

    // Capacity: only c lies in a bed now (tier 2, regular).
    const cap = await ok(await province.get('/api/care/capacity?unit=91'))
    expect(cap.capacity).toEqual([
      { tier: 1, kind: 'regular', beds: 3, occupied: 0 },
      { tier: 2, kind: 'regular', beds: 4, occupied: 1 },
      { tier: 2, kind: 'oxygen', beds: 2, occupied: 0 },
      { tier: 3, kind: 'icu', beds: 2, occupied: 0 },
      { tier: 3, kind: 'ventilator', beds: 1, occupied: 0 },
    ])
    expect(cap.population).toBeGreaterThan(1_000_000)
    expect(cap.freePer100k).toBe(Math.round((11 / cap.population) * 1e6) / 10)
  })

  it('refuses a bed when all of its kind are taken, a second stay, and dates out of order', async () => {
    const people = [await f0(RG), await f0(RG), await f0(RG), await f0(RG)]
    for (const p of people.slice(0, 3)) await ok(await province.post('/api/care/admissions', { facilityId: tier1, personId: p.personId, bedKind: 'regular' }), 201)
    const full = await province.post('/api/care/admissions', { facilityId: tier1, personId: people[3]!.personId, bedKind: 'regular' })
    expect(full.statusCode).toBe(409)
    expect(full.json().error).toMatchObject({ code: 'BEDS_FULL', message: 'Khu thu dung Rạch Giá đã hết giường thường (3/3).' })
    const again = await province.post('/api/care/admissions', { facilityId: tier2, personId: people[0]!.personId, bedKind: 'regular' })
    expect(again.json().error.code).toBe('ALREADY_ADMITTED')
    const none = await province.post('/api/care/admissions', { facilityId: tier1, personId: people[3]!.personId, bedKind: 'icu' })
    expect(none.json().error.message).toBe('Khu thu dung Rạch Giá không có giường hồi sức.')
    const stay = (await ok(await province.get(`/api/care/facilities/${tier1}`))).admissions[0]
    const early = await province.post(`/api/care/admissions/${stay.id}/discharge`, { outcome: 'recovered', on: '2026-01-01' })
    expect(early.statusCode).toBe(400)
    expect(early.json().error.message).toContain('ở trước ngày nhập viện')
    const fewer = await province.patch(`/api/care/facilities/${tier1}`, { bedsRegular: 2 })
    expect(fewer.json().error.code).toBe('BEDS_BELOW_OCCUPIED')
    for (const p of people.slice(0, 3)) {
      const a = await repo.activeAdmissionOf(db, p.personId)
      await ok(await province.post(`/api/care/admissions/${a!.id}/discharge`, { outcome: 'home_care' }))
    }
  })

  it('shows a stay to the facility’s area and the patient’s, and nothing to others', async () => {
    const p = await f0(RG)
    const s = await ok(await province.post('/api/care/admissions', { facilityId: tier3, personId: p.personId, bedKind: 'icu' }), 201)
    // The Phú Quốc care officer sees the Rạch Giá patient lying in their ICU, and the Rạch Giá officer sees their resident.
    expect((await ok(await pq.get(`/api/care/facilities/${tier3}`))).admissions.map((a: { id: number }) => a.id)).toContain(s.id)
    expect((await ok(await rg.get(`/api/care/admissions?unitCode=${RG}`))).admissions.map((a: { id: number }) => a.id)).toContain(s.id)
    // Neither sees the other's facility page; a Hà Nội officer sees nothing.
    expect((await rg.get(`/api/care/facilities/${tier3}`)).statusCode).toBe(404)
    expect((await pq.get(`/api/care/facilities/${tier2}`)).statusCode).toBe(404)
    const hn = await t.userAgent('health', '01')
    expect((await hn.get('/api/care/capacity?unit=91')).statusCode).toBe(403)
    expect((await hn.post(`/api/care/admissions/${s.id}/discharge`, { outcome: 'recovered' })).statusCode).toBe(404)
    // The PQ officer may discharge the patient of their ICU; the case (Rạch Giá's) takes the outcome.
    await ok(await pq.post(`/api/care/admissions/${s.id}/discharge`, { outcome: 'recovered' }))
    expect((await db.selectFrom('cases').select('outcome').where('id', '=', p.caseId).executeTakeFirstOrThrow()).outcome).toBe('recovered')
  })

  it('gives free beds per 100,000 people by commune', async () => {
    const byUnit = await ok(await province.get('/api/care/capacity/units?unit=91'))
    const rgRow = byUnit.units.find((u: { code: string }) => u.code === RG)
    const pop = await db.selectFrom('unitPopulations').select('population').where('unitId', '=', `2025:${RG}`).orderBy('year', 'desc').executeTakeFirstOrThrow()
    expect(rgRow).toMatchObject({ beds: 9, occupied: 1, free: 8, population: pop.population })
    expect(rgRow.freePer100k).toBe(Math.round((8 / pop.population) * 1e6) / 10)
    expect(byUnit.units.find((u: { code: string }) => u.code === PQ)).toMatchObject({ beds: 3, occupied: 0 })
    const own = await ok(await rg.get(`/api/care/capacity/units?unit=${RG}`))
    expect(own.units.map((u: { code: string }) => u.code)).toEqual([RG])
  })
})

describe('F0 at home', () => {
  let station: number
  let home: { id: number; token: string; personId: number; caseId: number }

  beforeAll(async () => {
    station = (await facility(rg, { name: 'Trạm Y tế phường Rạch Giá', tier: 1, kind: 'health_station', unitCode: RG, phone: '02973861234' })).id
  })

  it('refuses home care with every reason, then enrols an eligible F0 with a personal link', async () => {
    const p = await f0(RG, { confirmedDate: '2026-11-20', birthYear: 1970 })
    const refused = await rg.post('/api/care/home', {
      caseId: p.caseId,
      stationId: station,
      facts: { ...ELIGIBLE_FACTS, spo2: 95, respiratoryRate: 22, conditions: 'unstable' },
    })
    expect(refused.statusCode).toBe(422)
    const err = refused.json().error
    expect(err.code).toBe('NOT_ELIGIBLE')
    expect(err.details.reasons).toEqual(['SpO2 95%: cần > 96% khi thở khí trời.', 'Nhịp thở 22 lần/phút: cần < 20 lần/phút.', 'Bệnh nền chưa được điều trị ổn định.'])
    expect(err.message).toContain('QĐ 261/QĐ-BYT')
    expect(await db.selectFrom('careHomePatients').select('id').where('personId', '=', p.personId).execute()).toEqual([])

    const notCase = await ok(await rg.post('/api/people', { fullName: 'Lê Văn Khỏe', unitCode: RG }), 201)
    expect((await rg.post('/api/care/home', { personId: notCase.id, stationId: station, facts: ELIGIBLE_FACTS })).json().error.code).toBe('NOT_A_CASE')

    const made = await ok(await rg.post('/api/care/home', { caseId: p.caseId, stationId: station, facts: ELIGIBLE_FACTS }), 201)
    expect(made.patient).toMatchObject({ personId: p.personId, status: 'active', positiveOn: '2026-11-20', startedOn: '2026-11-26', ageYears: 56, fullyVaccinated: true })
    expect(made.eligibility.grounds).toEqual([])
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const stored = await db.selectFrom('careHomePatients').select('linkHash').where('id', '=', made.patient.id).executeTakeFirstOrThrow()
    expect(stored.linkHash).not.toContain(made.token)
    home = { id: made.patient.id, token: made.token, ...p }
  })

  it('shows the patient only their given name through the link', async () => {
    const info = await ok(await t.anon.get(`/api/care/link/${home.token}`))
    const person = await db.selectFrom('people').select('fullName').where('id', '=', home.personId).executeTakeFirstOrThrow()
    expect(info).toEqual({ firstName: person.fullName.split(' ').at(-1), dayOfIsolation: 7, stationName: 'Trạm Y tế phường Rạch Giá', stationPhone: '02973861234', checksToday: 0 })
  })

  it('takes a good check, refuses bad input and a wrong token in Vietnamese, and writes nothing then', async () => {
    const good = await ok(await t.anon.post(`/api/care/link/${home.token}/checks`, { spo2: 98, respiratoryRate: 16, temperature: 37.1, symptoms: ['cough'] }), 201)
    expect(good).toMatchObject({ ok: true, warnings: [] })
    const bad = await t.anon.post(`/api/care/link/${home.token}/checks`, { spo2: 'chín tám', respiratoryRate: 16 })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.message).toContain('SpO2 phải là một số')
    const unknownField = await t.anon.post(`/api/care/link/${home.token}/checks`, { spo2: 98, fullName: 'x' })
    expect(unknownField.statusCode).toBe(400)
    const empty = await t.anon.post(`/api/care/link/${home.token}/checks`, {})
    expect(empty.json().error.code).toBe('CHECK_EMPTY')
    const wrong = await t.anon.post(`/api/care/link/${'x'.repeat(43)}/checks`, { spo2: 98 })
    expect(wrong.statusCode).toBe(404)
    expect(wrong.json().error.message).toContain('Đường dẫn theo dõi không đúng')
    const malformed = await t.anon.get('/api/care/link/abc')
    expect(malformed.statusCode).toBe(400)
    const checks = await db.selectFrom('careHomeChecks').selectAll().where('patientId', '=', home.id).execute()
    expect(checks).toHaveLength(1)
    expect(checks[0]).toMatchObject({ byPatient: true, checkedBy: null, spo2: 98, symptoms: ['cough'] })
    const audit = await db.selectFrom('auditLog').select(['actorName']).where('entity', '=', 'care_home_checks').where('entityId', '=', String(checks[0]!.id)).executeTakeFirstOrThrow()
    expect(audit.actorName).toBe('duong-dan-ca-nhan')
  })

  it('opens an escalation with a deadline on a SpO2 of 94%, shown on the commune’s task list, closed by a named user', async () => {
    const warned = await ok(await t.anon.post(`/api/care/link/${home.token}/checks`, { spo2: 94, respiratoryRate: 18 }), 201)
    expect(warned.warnings).toEqual(['SpO2 94% (≤ 96%)'])
    expect(warned.message).toContain('Trạm Y tế phường Rạch Giá đã được báo')
    // A second warning keeps the one open task.
    const second = await ok(await rg.post(`/api/care/home/${home.id}/checks`, { spo2: 93, symptoms: ['shortness_of_breath'] }), 201)
    expect(second.warnings.map((w: { code: string }) => w.code)).toEqual(['spo2', 'shortness_of_breath'])
    expect(second.escalation.created).toBe(false)

    const list = await ok(await rg.get(`/api/care/escalations?unitCode=${RG}&status=open`))
    expect(list.escalations).toHaveLength(1)
    const task = list.escalations[0]
    expect(task).toMatchObject({ patientId: home.id, status: 'open', overdue: false, stationName: 'Trạm Y tế phường Rạch Giá', warnings: [{ code: 'spo2', text: 'SpO2 94% (≤ 96%)' }] })
    expect(new Date(task.dueAt).getTime() - new Date(task.openedAt).getTime()).toBe(2 * 3600_000)
    expect((await ok(await pq.get('/api/care/escalations'))).escalations).toEqual([])
    expect((await pq.post(`/api/care/escalations/${task.id}/close`, { resolution: 'visited' })).statusCode).toBe(404)

    t.clock.advance(3 * 3600_000)
    expect((await ok(await rg.get(`/api/care/escalations?unitCode=${RG}&status=open`))).escalations[0].overdue).toBe(true)
    expect((await rg.post(`/api/care/escalations/${task.id}/close`, { resolution: 'other' })).json().error.code).toBe('NOTE_REQUIRED')
    const closed = await ok(await rg.post(`/api/care/escalations/${task.id}/close`, { resolution: 'visited', note: 'Đo lại 96%, hướng dẫn nằm sấp' }))
    expect(closed).toMatchObject({ status: 'closed', resolution: 'visited', closedByName: expect.stringContaining('Thử nghiệm commune') })
    expect((await rg.post(`/api/care/escalations/${task.id}/close`, { resolution: 'visited' })).json().error.code).toBe('ESCALATION_CLOSED')
    const record = await ok(await rg.get(`/api/care/home/${home.id}`))
    expect(record.checks).toHaveLength(3)
    expect(record.escalations[0].status).toBe('closed')
    expect(record.rule.name).toContain('261')
    t.clock.advance(-3 * 3600_000)
  })

  it('limits checks per link and requests per address', async () => {
    const p = await f0(RG, { confirmedDate: '2026-11-24' })
    const made = await ok(await rg.post('/api/care/home', { caseId: p.caseId, stationId: station, facts: ELIGIBLE_FACTS }), 201)
    const send = () => t.anon.post(`/api/care/link/${made.token}/checks`, { spo2: 98 })
    for (let i = 0; i < 12; i++) expect((await send()).statusCode).toBe(201)
    const limited = await send()
    expect(limited.statusCode).toBe(429)
    expect(limited.json().error.message).toContain('Gửi quá nhiều lần')
    expect(await db.selectFrom('careHomeChecks').select('id').where('patientId', '=', made.patient.id).execute()).toHaveLength(12)
    // Guessing tokens from one address is stopped too.
    let last = 0
    for (let i = 0; i < 70 && last !== 429; i++) last = (await t.anon.get(`/api/care/link/${String(i).padStart(43, 'q')}`)).statusCode
    expect(last).toBe(429)
    t.clock.advance(61 * 60_000)
    expect((await send()).statusCode).toBe(201)
  })

  it('releases by the rule in force: not before day 7, then with a negative test; the case recovers', async () => {
    const early = await rg.post(`/api/care/home/${home.id}/release`, {})
    expect(early.statusCode).toBe(409)
    expect(early.json().error.details.reasons[0]).toContain('Cần kết quả xét nghiệm nhanh kháng nguyên')
    await ok(await rg.post('/api/surveillance/tests', { personId: home.personId, method: 'antigen', sampleDate: '2026-11-26', result: 'negative', resultDate: '2026-11-26', lab: 'Trạm Y tế' }), 201)
    const done = await ok(await rg.post(`/api/care/home/${home.id}/release`, {}))
    expect(done.patient).toMatchObject({ status: 'released' })
    expect(done.release).toMatchObject({ releasable: true, testFrom: '2026-11-26' })
    expect((await db.selectFrom('cases').select('outcome').where('id', '=', home.caseId).executeTakeFirstOrThrow()).outcome).toBe('recovered')
    expect((await t.anon.get(`/api/care/link/${home.token}`)).statusCode).toBe(404)
  })

  it('ends home care when the F0 is admitted to a facility, closing their open task as admitted', async () => {
    const p = await f0(RG, { confirmedDate: '2026-11-25' })
    const made = await ok(await rg.post('/api/care/home', { caseId: p.caseId, stationId: station, facts: ELIGIBLE_FACTS }), 201)
    expect((await ok(await rg.post(`/api/care/home/${made.patient.id}/checks`, { spo2: 92 }), 201)).escalation.created).toBe(true)
    const hospital = await facility(rg, { name: 'Trung tâm Y tế Rạch Giá', tier: 2, kind: 'general_hospital', unitCode: RG, bedsOxygen: 5 })
    await ok(await rg.post('/api/care/admissions', { facilityId: hospital.id, caseId: p.caseId, bedKind: 'oxygen' }), 201)
    const record = await ok(await rg.get(`/api/care/home/${made.patient.id}`))
    expect(record.patient).toMatchObject({ status: 'admitted', endedOn: '2026-11-26', openEscalationId: null })
    expect(record.escalations[0]).toMatchObject({ status: 'closed', resolution: 'admitted', note: 'Đã nhập Trung tâm Y tế Rạch Giá ngày 26/11/2026.' })
    const flows = await ok(await rg.get(`/api/care/flows?unit=${RG}`))
    expect(flows).toMatchObject({ homeEnrolled: 3, homeReleased: 1, homeAdmitted: 1 })
    const cap = await ok(await rg.get(`/api/care/capacity?unit=${RG}`))
    expect(cap.homeCare).toBe(1)
  })

  it('refuses to release an F0 with an open escalation task, naming it, unless the caller closes it in the same action', async () => {
    const p = await f0(RG, { confirmedDate: '2026-11-18' })
    const made = await ok(await rg.post('/api/care/home', { caseId: p.caseId, stationId: station, startedOn: '2026-11-19', facts: ELIGIBLE_FACTS }), 201)
    const id = made.patient.id
    await ok(await rg.post('/api/surveillance/tests', { personId: p.personId, method: 'antigen', sampleDate: '2026-11-26', result: 'negative', resultDate: '2026-11-26', lab: 'Trạm Y tế' }), 201)
    const warned = await ok(await rg.post(`/api/care/home/${id}/checks`, { spo2: 94 }), 201)
    const taskId = warned.escalation.id as number

    const held = await rg.post(`/api/care/home/${id}/release`, {})
    expect(held.statusCode).toBe(409)
    const err = held.json().error
    expect(err).toMatchObject({ code: 'OPEN_ESCALATION', details: { escalationId: taskId } })
    expect(err.message).toContain(`việc cần xử lý #${taskId} chưa đóng`)
    expect(err.message).toContain('SpO2 94%')
    expect(err.message).toContain('đóng việc cùng lúc')
    expect((await rg.post(`/api/care/home/${id}/release`, { closeOpenTask: 'có' })).statusCode).toBe(400)
    // Another commune cannot release nor close it.
    expect((await pq.post(`/api/care/home/${id}/release`, { closeOpenTask: true })).statusCode).toBe(404)
    const untouched = async () => ({
      home: (await db.selectFrom('careHomePatients').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
      task: (await db.selectFrom('careEscalations').select('status').where('id', '=', taskId).executeTakeFirstOrThrow()).status,
    })
    expect(await untouched()).toEqual({ home: 'active', task: 'open' })
    // Not releasable by the rule yet (a day too early): the task stays open too, nothing half-written.
    const tooEarly = await rg.post(`/api/care/home/${id}/release`, { on: '2026-11-20', closeOpenTask: true })
    expect(tooEarly.json().error.code).toBe('NOT_RELEASABLE')
    expect(await untouched()).toEqual({ home: 'active', task: 'open' })

    const done = await ok(await rg.post(`/api/care/home/${id}/release`, { closeOpenTask: true, taskNote: 'Đến khám, đo lại SpO2 98%' }))
    expect(done.patient).toMatchObject({ status: 'released', openEscalationId: null })
    const task = await db.selectFrom('careEscalations').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow()
    expect(task).toMatchObject({ status: 'closed', resolution: 'other', closedBy: rg.userId, note: 'Đến khám, đo lại SpO2 98%' })
    const audit = await db.selectFrom('auditLog').select(['actorId', 'after']).where('entity', '=', 'care_escalations').where('entityId', '=', String(taskId)).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(audit.actorId).toBe(rg.userId)
    expect(audit.after).toMatchObject({ status: 'closed', note: 'Đến khám, đo lại SpO2 98%' })
  })

  it('records a death at home in one transaction: home care ends, the open task closes, the case dies, the figures count it', async () => {
    const p = await f0(RG, { confirmedDate: '2026-11-21' })
    const made = await ok(await rg.post('/api/care/home', { caseId: p.caseId, stationId: station, startedOn: '2026-11-22', facts: ELIGIBLE_FACTS }), 201)
    const id = made.patient.id
    const warned = await ok(await rg.post(`/api/care/home/${id}/checks`, { spo2: 90, symptoms: ['shortness_of_breath'] }), 201)
    expect(warned.escalation.created).toBe(true)
    const unit = await db.selectFrom('units').select(['id', 'path']).where('code', '=', RG).where('validTo', 'is', null).executeTakeFirstOrThrow()
    const deaths = async () => (await surveillanceCounts(db, unit.path, '2026-11-23')).find((r) => r.unitId === unit.id)?.deaths7d ?? 0
    const before = { deaths: await deaths(), flows: await ok(await rg.get(`/api/care/flows?unit=${RG}`)) }

    // Bad input, dates out of order and another commune are refused, and nothing changes.
    const noCause = await rg.post(`/api/care/home/${id}/death`, { on: '2026-11-25', reportedBy: 'Con trai' })
    expect(noCause.statusCode).toBe(400)
    expect(noCause.json().error.message).toContain('Nguyên nhân tử vong không được để trống')
    const early = await rg.post(`/api/care/home/${id}/death`, { on: '2026-11-21', cause: 'Suy hô hấp', reportedBy: 'Con trai' })
    expect(early.json().error.code).toBe('DATE_BEFORE_START')
    expect((await rg.post(`/api/care/home/${id}/death`, { on: '2026-11-27', cause: 'Suy hô hấp', reportedBy: 'Con trai' })).json().error.code).toBe('DATE_IN_FUTURE')
    expect((await pq.post(`/api/care/home/${id}/death`, { on: '2026-11-25', cause: 'Suy hô hấp', reportedBy: 'Con trai' })).statusCode).toBe(404)
    expect((await db.selectFrom('careHomePatients').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('active')

    const died = await ok(await rg.post(`/api/care/home/${id}/death`, { on: '2026-11-25', cause: 'Suy hô hấp cấp do COVID-19', reportedBy: 'Nguyễn Văn Con (con trai), báo Trạm Y tế' }))
    expect(died.patient).toMatchObject({ status: 'died', endedOn: '2026-11-25', deathCause: 'Suy hô hấp cấp do COVID-19', deathReportedBy: 'Nguyễn Văn Con (con trai), báo Trạm Y tế', openEscalationId: null })
    const task = await db.selectFrom('careEscalations').selectAll().where('patientId', '=', id).executeTakeFirstOrThrow()
    expect(task).toMatchObject({ status: 'closed', resolution: 'other', closedBy: rg.userId })
    expect(task.note).toContain('tử vong tại nhà ngày 25/11/2026')
    const c = await db.selectFrom('cases').select(['outcome', 'outcomeDate']).where('id', '=', p.caseId).executeTakeFirstOrThrow()
    expect(c).toEqual({ outcome: 'died', outcomeDate: '2026-11-25' })
    expect((await t.anon.get(`/api/care/link/${made.token}`)).statusCode).toBe(404)
    expect((await rg.post(`/api/care/home/${id}/death`, { cause: 'Suy hô hấp', reportedBy: 'Con trai' })).json().error.code).toBe('HOME_CARE_ENDED')

    expect(await deaths()).toBe(before.deaths + 1)
    const flows = await ok(await rg.get(`/api/care/flows?unit=${RG}`))
    expect(flows.homeDied).toBe(before.flows.homeDied + 1)
    expect(flows.homeEnrolled).toBe(before.flows.homeEnrolled)
    // Audited: the death names the caller, and so does the case's change.
    const lastWrite = (entity: string, entityId: number) =>
      db.selectFrom('auditLog').select(['actorId', 'after']).where('entity', '=', entity).where('entityId', '=', String(entityId)).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    const [home, kase] = [await lastWrite('care_home_patients', id), await lastWrite('cases', p.caseId)]
    expect(home.actorId).toBe(rg.userId)
    expect(home.after).toMatchObject({ status: 'died' })
    expect(JSON.stringify(home.after)).toContain('Suy hô hấp cấp do COVID-19')
    expect(kase.actorId).toBe(rg.userId)
    expect(kase.after).toMatchObject({ outcome: 'died' })
  })
})
