import { beforeAll, describe, expect, it } from 'vitest'
import { shippedChecklist } from '../../../domain/safety/national.ts'
import { type Agent, testApp } from '../../../test/harness.ts'
import { SYSTEM } from '../../platform/context.ts'
import { bestAnswers } from '../safety/testFixtures.ts'
import { remindOverdueViolations } from './service.ts'

const t = await testApp()
const RG = '30742' // phường Rạch Giá
const PQ = '31078' // đặc khu Phú Quốc

let rg: Agent & { username: string } // commune officer of Rạch Giá
let pq: Agent

type Res = { statusCode: number; body: string; json(): unknown }
// biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
async function ok(pending: Res | Promise<Res>, status = 200): Promise<any> {
  const res = await pending
  expect(res.statusCode, res.body).toBe(status)
  return res.json()
}

function refused(res: Res, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status)
  // biome-ignore lint/suspicious/noExplicitAny: error shape
  const e = (res.json() as any).error
  if (code) expect(e.code).toBe(code)
  expect(e.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôồốộổỗơờớợởỡưừứựửữ]/)
  return e
}

/** Every item answered with its worst option. */
function worstAnswers(key: string): Record<string, string> {
  const c = shippedChecklist(key)!
  const worst = c.banding.direction === 'safety' ? (a: number, b: number) => a - b : (a: number, b: number) => b - a
  return Object.fromEntries(c.items.map((i) => [i.id, [...i.options].sort((x, y) => worst(x.points, y.points))[0]!.id]))
}

let serial = 0
async function hotel(agent: Agent, unitCode = RG) {
  return ok(agent.post('/api/safety/facilities', { name: `Khách sạn Kiểm Tra ${++serial}`, kind: 'hotel', unitCode, address: `${serial} Đường Biển`, lon: 105.08, lat: 10.01, headName: 'Lâm Văn Chủ', headPhone: '0987000111', rooms: 20, confirmedNew: true }), 201)
}

const onMap = async (id: number) => (await ok(t.anon.get(`/api/public/facilities?unit=${RG}`))).facilities.find((x: { id: number }) => x.id === id)

beforeAll(async () => {
  rg = await t.userAgent('commune', RG)
  pq = await t.userAgent('commune', PQ)
})

describe('inspections', () => {
  it('a finding overrides the self-assessment on the public map', async () => {
    const f = await hotel(rg)
    const self = await ok(rg.post('/api/safety/assessments', { facilityId: f.id, answers: bestAnswers('luu-tru-du-lich') }), 201)
    expect((await onMap(f.id)).band).toBe(self.band)

    const form = await ok(rg.get(`/api/enforcement/facilities/${f.id}/form`))
    expect(form).toMatchObject({ facility: { id: f.id, band: self.band, resultSource: 'officer' }, checklist: { key: 'luu-tru-du-lich' } })
    expect(form.checklist.items.length).toBeGreaterThan(3)
    refused(await pq.get(`/api/enforcement/facilities/${f.id}/form`), 404)
    const plan = await ok(rg.post('/api/enforcement/plans', { unitCode: RG, title: 'Kiểm tra khách sạn tháng 11', team: 'Tổ kiểm tra phường Rạch Giá', startsOn: '2026-11-20', endsOn: '2026-11-30' }), 201)
    refused(await rg.post('/api/enforcement/inspections', { facilityId: f.id, planId: plan.id, visitedOn: '2026-12-02', inspectors: 'Tổ 1', answers: worstAnswers('luu-tru-du-lich') }), 400, 'PLAN_DATES')
    const inspection = await ok(
      rg.post('/api/enforcement/inspections', { facilityId: f.id, planId: plan.id, visitedOn: '2026-11-26', inspectors: 'Tổ kiểm tra phường', answers: worstAnswers('luu-tru-du-lich') }),
      201,
    )
    expect(inspection.result.band).not.toBe(self.band)
    expect((await onMap(f.id)).band).toBe(inspection.result.band)
    const detail = await ok(rg.get(`/api/safety/facilities/${f.id}`))
    expect(detail.result).toMatchObject({ band: inspection.result.band, source: 'inspection' })
    // A later self-assessment does not hide a valid inspection.
    await ok(rg.post('/api/safety/assessments', { facilityId: f.id, answers: bestAnswers('luu-tru-du-lich') }), 201)
    expect((await onMap(f.id)).band).toBe(inspection.result.band)
    expect((await ok(rg.get(`/api/enforcement/plans?unit=${RG}`))).plans.find((p: { id: number }) => p.id === plan.id).visits).toBe(1)
  })

  it('bad answers, a facility outside the jurisdiction or an incoherent sanction store nothing', async () => {
    const f = await hotel(rg)
    refused(await rg.post('/api/enforcement/inspections', { facilityId: f.id, visitedOn: '2026-11-26', inspectors: 'Tổ 1', answers: { khong_co: 'x' } }), 422)
    refused(await pq.post('/api/enforcement/inspections', { facilityId: f.id, visitedOn: '2026-11-26', inspectors: 'Tổ 1', answers: bestAnswers('luu-tru-du-lich') }), 404)
    refused(
      await rg.post('/api/enforcement/inspections', {
        facilityId: f.id,
        visitedOn: '2026-11-26',
        inspectors: 'Tổ 1',
        answers: worstAnswers('luu-tru-du-lich'),
        violations: [{ description: 'Không khai báo y tế', legalBasis: 'NĐ 117/2020/NĐ-CP', sanction: 'fine' }],
      }),
      400,
      'SANCTION_INVALID',
    )
    const count = await t.database.db.selectFrom('inspections').select((eb) => eb.fn.countAll<string>().as('n')).where('facilityId', '=', f.id).executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(0)
    expect((await ok(rg.get(`/api/safety/facilities/${f.id}`))).assessments ?? []).toHaveLength(0)
  })
})

describe('plans and visits', () => {
  it('assigns facilities of the plan’s area to a day, and an inspection under the plan completes its visit', async () => {
    const [h1, h2, far] = [await hotel(rg), await hotel(rg), await hotel(pq, PQ)]
    const plan = await ok(rg.post('/api/enforcement/plans', { unitCode: RG, title: 'Kiểm tra khách sạn đợt 2', team: 'Đoàn của Sở Y tế', startsOn: '2026-11-25', endsOn: '2026-11-30' }), 201)
    refused(await rg.post(`/api/enforcement/plans/${plan.id}/visits`, { facilityIds: [h1.id], plannedOn: '2026-12-01' }), 400, 'PLAN_DATES')
    const outside = refused(await rg.post(`/api/enforcement/plans/${plan.id}/visits`, { facilityIds: [h1.id, far.id], plannedOn: '2026-11-27' }), 400, 'PLAN_AREA')
    expect(outside.message).toContain(`#${far.id}`)
    expect((await ok(rg.get(`/api/enforcement/plans/${plan.id}`))).visits).toHaveLength(0)
    refused(await rg.post(`/api/enforcement/plans/${plan.id}/visits`, { facilityIds: [], plannedOn: '2026-11-27' }), 400)

    const assigned = await ok(rg.post(`/api/enforcement/plans/${plan.id}/visits`, { facilityIds: [h1.id, h2.id, h1.id], plannedOn: '2026-11-27', assignee: 'Tổ 1' }))
    expect(assigned.visits.map((v: { facilityId: number }) => v.facilityId).sort()).toEqual([h1.id, h2.id].sort())
    expect(assigned).toMatchObject({ title: 'Kiểm tra khách sạn đợt 2', team: 'Đoàn của Sở Y tế', unitCode: RG, done: 0 })
    // Again: a new day and inspector.
    const moved = await ok(rg.post(`/api/enforcement/plans/${plan.id}/visits`, { facilityIds: [h2.id], plannedOn: '2026-11-28', assignee: 'Tổ 2' }))
    expect(moved.visits.find((v: { facilityId: number }) => v.facilityId === h2.id)).toMatchObject({ plannedOn: '2026-11-28', assignee: 'Tổ 2', done: false })

    await ok(rg.post('/api/enforcement/inspections', { facilityId: h1.id, planId: plan.id, visitedOn: '2026-11-27', inspectors: 'Tổ 1', answers: bestAnswers('luu-tru-du-lich') }), 201)
    const after = await ok(rg.get(`/api/enforcement/plans/${plan.id}`))
    expect(after.done).toBe(1)
    expect(after.visits.find((v: { facilityId: number }) => v.facilityId === h1.id)).toMatchObject({ done: true, visitedOn: '2026-11-27' })
    expect((await ok(rg.get(`/api/enforcement/plans?unit=${RG}`))).plans.find((p: { id: number }) => p.id === plan.id).visits).toBe(1)

    refused(await pq.get(`/api/enforcement/plans/${plan.id}`), 404)
    refused(await pq.post(`/api/enforcement/plans/${plan.id}/visits`, { facilityIds: [far.id], plannedOn: '2026-11-27' }), 404)

    // A visit assigned by mistake comes off the plan; one already done, or of another plan or commune, does not.
    const [v1, v2] = [after.visits.find((v: { facilityId: number }) => v.facilityId === h1.id), after.visits.find((v: { facilityId: number }) => v.facilityId === h2.id)]
    expect(refused(await rg.delete(`/api/enforcement/plans/${plan.id}/visits/${v1.id}`), 409, 'VISIT_DONE').message).toContain('đã được kiểm tra')
    refused(await pq.delete(`/api/enforcement/plans/${plan.id}/visits/${v2.id}`), 404)
    const otherPlan = await ok(rg.post('/api/enforcement/plans', { unitCode: RG, title: 'Kế hoạch khác', team: 'Tổ 3', startsOn: '2026-11-25', endsOn: '2026-11-30' }), 201)
    refused(await rg.delete(`/api/enforcement/plans/${otherPlan.id}/visits/${v2.id}`), 404)
    refused(await rg.delete(`/api/enforcement/plans/${plan.id}/visits/abc`), 400)
    const removed = await ok(rg.delete(`/api/enforcement/plans/${plan.id}/visits/${v2.id}`))
    expect(removed.visits.map((v: { id: number }) => v.id)).toEqual([v1.id])
    expect(removed.done).toBe(1)
    const audit = await t.database.db.selectFrom('auditLog').select(['action', 'actorName']).where('entity', '=', 'inspection_visits').where('entityId', '=', String(v2.id)).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ action: 'delete', actorName: rg.username })
  })
})

describe('violations', () => {
  it('holds the head responsible, follows the violation up until closed, then refuses more', async () => {
    const f = await hotel(rg)
    const i = await ok(
      rg.post('/api/enforcement/inspections', {
        facilityId: f.id,
        visitedOn: '2026-11-26',
        inspectors: 'Đoàn liên ngành',
        answers: worstAnswers('luu-tru-du-lich'),
        violations: [{ description: 'Không bố trí khu vực cách ly tạm thời', legalBasis: 'Nghị định 117/2020/NĐ-CP', sanction: 'fine', fineAmount: 5_000_000, dueOn: '2026-12-05' }],
      }),
      201,
    )
    const v = await ok(rg.get(`/api/enforcement/violations/${i.violationIds[0]}`))
    expect(v).toMatchObject({ responsibleName: 'Lâm Văn Chủ', sanction: 'fine', sanctionLabel: 'Phạt tiền', fineAmount: 5_000_000, status: 'open', facilityName: f.name })
    refused(await rg.post(`/api/enforcement/violations/${v.id}/followups`, { on: '2026-11-20', note: 'Sớm quá' }), 409, 'FOLLOWUP_REFUSED')
    await ok(rg.post(`/api/enforcement/violations/${v.id}/followups`, { on: '2026-11-28', note: 'Đã nhắc, đang bố trí phòng' }))
    const closed = await ok(rg.post(`/api/enforcement/violations/${v.id}/followups`, { on: '2026-12-01', note: 'Đã bố trí phòng cách ly tạm thời', closes: true }))
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2026-12-01' })
    expect(closed.followups).toHaveLength(2)
    expect(refused(await rg.post(`/api/enforcement/violations/${v.id}/followups`, { on: '2026-12-02', note: 'Thêm' }), 409).message).toContain('đã được kết thúc')

    const open = await ok(rg.get(`/api/enforcement/violations?unit=${RG}&status=open`))
    expect(open.violations.map((x: { id: number }) => x.id)).not.toContain(v.id)
    const done = await ok(rg.get(`/api/enforcement/violations?unit=${RG}&status=closed`))
    expect(done.violations.map((x: { id: number }) => x.id)).toContain(v.id)

    refused(await pq.get(`/api/enforcement/violations/${v.id}`), 404)
    refused(await pq.get(`/api/enforcement/violations?unit=${RG}`), 403)
    expect((await ok(pq.get(`/api/enforcement/violations?unit=${PQ}`))).violations).toHaveLength(0)
  })
})

describe('violations past their remedy date', () => {
  it('reminds the responsible team once, from the hourly reminder job: the plan’s body, else the facility’s commune', async () => {
    const province = await t.userAgent('health', '91')
    const [planned, unplanned, later] = [await hotel(rg), await hotel(rg), await hotel(rg)]
    const plan = await ok(province.post('/api/enforcement/plans', { unitCode: '91', title: 'Kiểm tra liên ngành của tỉnh', team: 'Đoàn liên ngành tỉnh', startsOn: '2026-11-20', endsOn: '2026-11-30' }), 201)
    const violation = (dueOn: string) => ({ description: 'Không đo thân nhiệt khách', legalBasis: 'Nghị định 117/2020/NĐ-CP', sanction: 'warning', dueOn })
    const byPlan = await ok(
      province.post('/api/enforcement/inspections', { facilityId: planned.id, planId: plan.id, visitedOn: '2026-11-21', inspectors: 'Đoàn tỉnh', answers: worstAnswers('luu-tru-du-lich'), violations: [violation('2026-11-24')] }),
      201,
    )
    const byCommune = await ok(
      rg.post('/api/enforcement/inspections', { facilityId: unplanned.id, visitedOn: '2026-11-21', inspectors: 'Tổ phường', answers: worstAnswers('luu-tru-du-lich'), violations: [violation('2026-11-25')] }),
      201,
    )
    const notDue = await ok(rg.post('/api/enforcement/inspections', { facilityId: later.id, visitedOn: '2026-11-21', inspectors: 'Tổ phường', answers: worstAnswers('luu-tru-du-lich'), violations: [violation('2026-11-30')] }), 201)
    const [planV, communeV, laterV] = [byPlan.violationIds[0], byCommune.violationIds[0], notDue.violationIds[0]]

    const ctx = { db: t.database.db, access: SYSTEM, now: t.clock.now }
    const first = await remindOverdueViolations(ctx)
    expect(first.overdueReminded).toBeGreaterThanOrEqual(2)
    expect((await remindOverdueViolations(ctx)).overdueReminded).toBe(0)
    const told = async (agent: Agent, id: number) => (await ok(agent.get('/api/notifications'))).items.filter((n: { link: string }) => n.link === `/kiem-tra/vi-pham/${id}`)
    const [provinceNote] = await told(province, planV)
    expect(provinceNote).toMatchObject({ kind: 'enforcement.overdue', title: `Quá hạn khắc phục: ${planned.name}` })
    expect(provinceNote.body).toContain('24/11/2026')
    expect(provinceNote.body).toContain('Đoàn liên ngành tỉnh')
    expect(await told(province, planV)).toHaveLength(1)
    expect(await told(rg, planV)).toHaveLength(0)
    expect(await told(rg, communeV)).toHaveLength(1)
    expect(await told(province, communeV)).toHaveLength(0)
    expect(await told(rg, laterV)).toHaveLength(0)
    expect(await told(pq, communeV)).toHaveLength(0)

    // Closed before its date passes: never reminded; past it, once.
    await ok(rg.post(`/api/enforcement/violations/${laterV}/followups`, { on: '2026-11-26', note: 'Đã khắc phục', closes: true }))
    const weekLater = new Date(t.clock.now().getTime() + 7 * 86_400_000)
    await remindOverdueViolations({ ...ctx, now: () => weekLater })
    expect(await told(rg, laterV)).toHaveLength(0)
    expect(await told(rg, communeV)).toHaveLength(1)
  })
})

describe('commendations and discipline', () => {
  it('records them for bodies and people by decision, and counts them per body', async () => {
    const admin = await t.userAgent('admin', RG)
    const org = await ok(admin.post('/api/orgs', { name: 'Tổ COVID cộng đồng khu phố 1', kind: 'other', unitCode: RG }), 201)
    await ok(rg.post('/api/enforcement/recognitions', { kind: 'commendation', orgId: org.id, form: 'Giấy khen', reason: 'Làm tốt công tác kiểm tra', decisionRef: '45/QĐ-UBND ngày 20/11/2026', decidedOn: '2026-11-20' }), 201)
    await ok(rg.post('/api/enforcement/recognitions', { kind: 'discipline', orgId: org.id, form: 'Nhắc nhở', reason: 'Chậm báo cáo', decisionRef: '46/QĐ-UBND', decidedOn: '2026-11-22' }), 201)
    await ok(
      rg.post('/api/enforcement/recognitions', { kind: 'discipline', personName: 'Ngô Văn Lơ Là', unitCode: RG, form: 'Khiển trách', reason: 'Buông lỏng kiểm tra', decisionRef: '47/QĐ-UBND', decidedOn: '2026-11-23' }),
      201,
    )
    refused(await rg.post('/api/enforcement/recognitions', { kind: 'commendation', form: 'Giấy khen', reason: 'x', decisionRef: 'y', decidedOn: '2026-11-20' }), 400, 'SUBJECT_MISSING')
    refused(await pq.post('/api/enforcement/recognitions', { kind: 'commendation', orgId: org.id, form: 'Giấy khen', reason: 'x', decisionRef: 'y', decidedOn: '2026-11-20' }), 404)
    const view = await ok(rg.get(`/api/enforcement/emulation?unit=${RG}`))
    expect(view.bodies.find((b: { orgId: number }) => b.orgId === org.id)).toMatchObject({ commendations: 1, disciplines: 1, latest: '2026-11-22' })
    const records = await ok(rg.get(`/api/enforcement/recognitions?unit=${RG}&kind=discipline`))
    expect(records.records.map((r: { personName: string | null }) => r.personName)).toContain('Ngô Văn Lơ Là')
    expect((await ok(pq.get(`/api/enforcement/recognitions?unit=${PQ}`))).records).toHaveLength(0)
  })
})

describe('the emulation view of the directives dashboard', () => {
  it('pages the bodies, best first, each beside its directive task record, for whoever reads directives', async () => {
    const admin = await t.userAgent('admin', '91')
    const office = await t.userAgent('office', '91')
    const bodies = []
    for (const name of ['Ban Chỉ đạo phường Thi Đua A', 'Ban Chỉ đạo phường Thi Đua B', 'Ban Chỉ đạo phường Thi Đua C']) bodies.push(await ok(admin.post('/api/orgs', { name, kind: 'other', unitCode: RG }), 201))
    const [a, b, c] = bodies as [{ id: number }, { id: number }, { id: number }]
    const record = (kind: string, orgId: number, decidedOn: string) =>
      ok(rg.post('/api/enforcement/recognitions', { kind, orgId, form: kind === 'commendation' ? 'Bằng khen' : 'Khiển trách', reason: 'Thi đua', decisionRef: '9/QĐ-UBND', decidedOn }), 201)
    await record('commendation', b.id, '2026-11-02')
    await record('commendation', b.id, '2026-11-03')
    await record('commendation', a.id, '2026-11-04')
    await record('discipline', a.id, '2026-11-05')
    await record('commendation', c.id, '2026-11-06')
    // Outside the period asked below.
    await record('discipline', c.id, '2025-01-10')
    // Body A has a directive task assigned (issued: counted in the kept per-body counts).
    const draft = await ok(
      admin.post('/api/directives', {
        system: 'party',
        type: 'CV',
        symbol: null,
        issuerOrgId: a.id,
        issuerName: 'Ban Chỉ đạo',
        date: null,
        summary: 'V/v thi đua',
        addressees: [{ text: 'Ban Chỉ đạo phường Thi Đua A', orgId: a.id }],
        recipients: [],
        body: '1. Ban Chỉ đạo phường chủ trì.',
        signing: { authority: 'TM', position: 'TRƯỞNG BAN', signer: 'Mẫu' },
        references: [],
        tasks: [{ ref: '1', text: 'Kiểm tra phòng dịch', lead: [a.id], coordinating: [], deadline: null, cadence: { kind: 'weekly' } }],
      }),
      201,
    )
    await t.database.db.updateTable('orgs').set({ docCode: 'TDA' }).where('id', '=', a.id).execute()
    await ok(admin.post(`/api/directives/${draft.id}/issue`))

    const q = `unit=${RG}&from=2026-11-01&to=2026-11-30`
    const all = await ok(office.get(`/api/enforcement/emulation?${q}&limit=100`))
    const mine = all.bodies.filter((x: { orgId: number }) => [a.id, b.id, c.id].includes(x.orgId))
    expect(mine.map((x: { orgId: number }) => x.orgId)).toEqual([b.id, c.id, a.id])
    expect(mine[2]).toMatchObject({ commendations: 1, disciplines: 1, latest: '2026-11-05' })
    expect(mine[1]).toMatchObject({ commendations: 1, disciplines: 0 })
    expect(Object.values(mine[2].tasks).reduce((n: number, v) => n + (v as number), 0)).toBe(1)
    expect(mine[0].tasks).toEqual({ done: 0, onTime: 0, late: 0, notStarted: 0 })
    expect(all.period).toEqual({ from: '2026-11-01', to: '2026-11-30' })

    // Paged: a page of one, and the total of bodies.
    const page = await ok(office.get(`/api/enforcement/emulation?${q}&limit=1&offset=1`))
    expect(page.bodies).toHaveLength(1)
    expect(page.total).toBe(all.total)
    expect(page.bodies[0].orgId).toBe(all.bodies[1].orgId)
    // The discipline of 2025 counts only in a period that holds it.
    const older = await ok(office.get(`/api/enforcement/emulation?unit=${RG}&from=2025-01-01&to=2025-12-31`))
    expect(older.bodies.find((x: { orgId: number }) => x.orgId === c.id)).toMatchObject({ commendations: 0, disciplines: 1 })

    refused(await pq.get(`/api/enforcement/emulation?${q}`), 403)
    expect((await ok(pq.get('/api/enforcement/emulation'))).bodies.map((x: { orgId: number }) => x.orgId)).not.toContain(a.id)
    refused(await office.get(`/api/enforcement/emulation?${q}&limit=1000`), 400)
    refused(await office.get(`/api/enforcement/emulation?unit=${RG}&from=2026-11-30&to=2026-11-01`), 400, 'PERIOD_DATES')
  })
})
