import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../../test/harness.ts'

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
async function person(agent: Agent, unitCode: string, name = `Người Thử ${++serial}`): Promise<number> {
  const res = await agent.post('/api/people', { fullName: name, unitCode })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id
}

async function ok(res: { statusCode: number; body: string; json(): unknown }, status = 200) {
  expect(res.statusCode, res.body).toBe(status)
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
  return res.json() as any
}

const auditCount = async (entity: string) =>
  Number((await db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).where('entity', '=', entity).executeTakeFirstOrThrow()).n)

describe('samples and results', () => {
  it('records a sample, then its result; a positive of a person without a case proposes one', async () => {
    const id = await person(rg, RG)
    const sampled = await ok(await rg.post('/api/surveillance/tests', { personId: id, method: 'antigen', sampleDate: '2026-11-25', lab: 'Trạm Y tế Rạch Giá' }), 201)
    expect(sampled).toMatchObject({ status: 'sampled', result: null, proposesCase: false, caseId: null, unitCode: RG })
    const resulted = await ok(await rg.patch(`/api/surveillance/tests/${sampled.id}`, { result: 'positive', resultDate: '2026-11-25' }))
    expect(resulted).toMatchObject({ status: 'resulted', result: 'positive', proposesCase: true })
    const proposals = await ok(await rg.get(`/api/surveillance/tests/proposals?unitCode=${RG}`))
    expect(proposals.rows.map((r: { id: number }) => r.id)).toContain(sampled.id)

    // With a case that covers the sample, a positive proposes nothing and leaves the list.
    const withCase = await person(rg, RG)
    const caseRow = await db.insertInto('cases').values({ personId: withCase, classification: 'confirmed', confirmedDate: '2026-11-20' }).returning('id').executeTakeFirstOrThrow()
    const covered = await ok(
      await rg.post('/api/surveillance/tests', { personId: withCase, method: 'pcr', sampleDate: '2026-11-24', resultDate: '2026-11-25', result: 'positive', ct: 21.5, lab: 'CDC An Giang' }),
      201,
    )
    expect(covered).toMatchObject({ status: 'resulted', proposesCase: false, caseId: caseRow.id, ct: 21.5 })
    // A discarded case covers nothing: the person is proposed again.
    await db.updateTable('cases').set({ classification: 'discarded' }).where('id', '=', caseRow.id).execute()
    const after = (await ok(await rg.get(`/api/surveillance/tests/proposals?unitCode=${RG}`))).rows.map((r: { id: number }) => r.id)
    expect(after).toContain(covered.id)
    // A case that ended before the sample does not cover it (a reinfection).
    await db.updateTable('cases').set({ classification: 'confirmed', outcome: 'recovered', outcomeDate: '2026-11-23' }).where('id', '=', caseRow.id).execute()
    expect((await ok(await rg.get('/api/surveillance/tests/proposals'))).rows.map((r: { id: number }) => r.id)).toContain(covered.id)
    await db.updateTable('cases').set({ outcome: null, outcomeDate: null }).where('id', '=', caseRow.id).execute()
    expect((await ok(await rg.get('/api/surveillance/tests/proposals'))).rows.map((r: { id: number }) => r.id)).not.toContain(covered.id)
  })

  it('refuses incomplete, impossible and repeated entries with a Vietnamese message', async () => {
    const id = await person(rg, RG)
    const base = { personId: id, method: 'pcr', sampleDate: '2026-11-20', lab: 'CDC An Giang' }
    const cases: [unknown, number, RegExp][] = [
      [{ ...base, result: 'negative' }, 400, /ngày có kết quả/],
      [{ ...base, resultDate: '2026-11-21' }, 400, /phải nhập kết quả/],
      [{ ...base, sampleDate: '2026-11-27' }, 400, /sau hôm nay/],
      [{ ...base, result: 'negative', resultDate: '2026-11-19' }, 400, /trước ngày lấy mẫu/],
      [{ ...base, method: 'antigen', result: 'positive', resultDate: '2026-11-20', ct: 20 }, 400, /Ct chỉ có ở xét nghiệm RT-PCR/],
      [{ ...base, method: 'elisa' }, 400, /pcr \(RT-PCR\) hoặc antigen/],
      [{ ...base, ct: 70 }, 400, /Ct từ 0 đến 60/],
      [{ ...base, lab: ' ' }, 400, /phòng xét nghiệm/],
      [{ ...base, sampleDate: '2026-02-30' }, 400, /không có thật/],
    ]
    for (const [body, status, message] of cases) {
      const res = await rg.post('/api/surveillance/tests', body)
      expect(res.statusCode, res.body).toBe(status)
      expect(res.json().error.message).toMatch(message)
    }
    await ok(await rg.post('/api/surveillance/tests', base), 201)
    const again = await rg.post('/api/surveillance/tests', base)
    expect(again.statusCode).toBe(409)
    expect(again.json().error.message).toMatch(/Đã có mẫu RT-PCR ngày 20\/11\/2026/)
    expect((await rg.post('/api/surveillance/tests', { ...base, personId: 99_999_999 })).statusCode).toBe(404)
  })

  it('cancels a test that has no result, and not one that has', async () => {
    const id = await person(rg, RG)
    const a = await ok(await rg.post('/api/surveillance/tests', { personId: id, method: 'pcr', sampleDate: '2026-11-22', lab: 'CDC' }), 201)
    expect((await ok(await rg.patch(`/api/surveillance/tests/${a.id}`, { cancelled: true }))).status).toBe('cancelled')
    expect((await rg.patch(`/api/surveillance/tests/${a.id}`, { result: 'negative', resultDate: '2026-11-23' })).statusCode).toBe(409)
    const b = await ok(await rg.post('/api/surveillance/tests', { personId: id, method: 'antigen', sampleDate: '2026-11-22', result: 'negative', resultDate: '2026-11-22', lab: 'CDC' }), 201)
    const res = await rg.patch(`/api/surveillance/tests/${b.id}`, { cancelled: true })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.message).toMatch(/đã có kết quả/)
  })
})

describe('pooled samples', () => {
  it('a positive pool makes its members inconclusive and opens one retest each; a positive retest proposes a case', async () => {
    const members = [await person(rg, RG), await person(rg, RG), await person(rg, RG)]
    const pool = await ok(await rg.post('/api/surveillance/pools', { code: 'G-001', lab: 'CDC An Giang', sampleDate: '2026-11-24', personIds: members }), 201)
    expect(pool.result).toBe('pending')
    expect(pool.members.map((m: { status: string }) => m.status)).toEqual(['sampled', 'sampled', 'sampled'])
    const posted = await ok(await rg.post(`/api/surveillance/pools/${pool.id}/result`, { result: 'positive', resultDate: '2026-11-25', ct: 30 }))
    expect(posted).toMatchObject({ result: 'positive', changed: true, retestsOpened: 3, retests: { open: 3, positive: 0, negative: 0 } })
    for (const m of posted.members) {
      expect(m).toMatchObject({ status: 'resulted', result: 'inconclusive', resultDate: '2026-11-25' })
      expect(m.retest).toMatchObject({ status: 'planned', plannedOn: '2026-11-25', sampleDate: null, result: null })
    }
    // Inconclusive pooled samples propose nothing.
    const proposed = (await ok(await rg.get('/api/surveillance/tests/proposals'))).rows.map((r: { personId: number }) => r.personId)
    expect(proposed.filter((p: number) => members.includes(p))).toEqual([])

    // The retests are due on the result day.
    const due = await ok(await rg.get(`/api/surveillance/tests/planned?date=2026-11-25&unitCode=${RG}`))
    const retestIds = posted.members.map((m: { retest: { id: number } }) => m.retest.id)
    expect(due.rows.map((r: { id: number }) => r.id).sort()).toEqual(expect.arrayContaining(retestIds))
    expect(due.rows.find((r: { id: number }) => r.id === retestIds[0])).toMatchObject({ status: 'planned', retestOfPoolId: pool.id, method: 'pcr' })
    expect((await ok(await rg.get('/api/surveillance/tests/planned?date=2026-11-24'))).rows.filter((r: { id: number }) => retestIds.includes(r.id))).toEqual([])

    // A member's pooled sample takes no individual result.
    const pooledTest = posted.members[0].testId
    expect((await rg.patch(`/api/surveillance/tests/${pooledTest}`, { result: 'negative', resultDate: '2026-11-25' })).statusCode).toBe(409)
    // A result without a sample is refused; sampled then positive proposes a case.
    const r0 = await rg.patch(`/api/surveillance/tests/${retestIds[0]}`, { result: 'positive', resultDate: '2026-11-26' })
    expect(r0.statusCode).toBe(400)
    expect(r0.json().error.message).toMatch(/Chưa có ngày lấy mẫu/)
    expect((await ok(await rg.patch(`/api/surveillance/tests/${retestIds[0]}`, { sampleDate: '2026-11-25' }))).status).toBe('sampled')
    const positive = await ok(await rg.patch(`/api/surveillance/tests/${retestIds[0]}`, { result: 'positive', resultDate: '2026-11-26', ct: 24 }))
    expect(positive).toMatchObject({ status: 'resulted', result: 'positive', proposesCase: true, retestOfPoolId: pool.id })
    const negative = await ok(await rg.patch(`/api/surveillance/tests/${retestIds[1]}`, { sampleDate: '2026-11-25', result: 'negative', resultDate: '2026-11-26' }))
    expect(negative.proposesCase).toBe(false)
    const proposals = (await ok(await rg.get(`/api/surveillance/tests/proposals?unitCode=${RG}`))).rows.map((r: { id: number }) => r.id)
    expect(proposals).toContain(retestIds[0])
    expect(proposals).not.toContain(retestIds[1])

    // A member sampled again alone on the pool's own day: one individual sample besides the pooled one.
    const sameDay = await ok(await rg.patch(`/api/surveillance/tests/${retestIds[2]}`, { sampleDate: '2026-11-24' }))
    expect(sameDay).toMatchObject({ status: 'sampled', sampleDate: '2026-11-24', retestOfPoolId: pool.id })
    // …but not twice alone that day.
    const twice = await rg.post('/api/surveillance/tests', { personId: members[2], method: 'pcr', sampleDate: '2026-11-24', lab: 'CDC An Giang' })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.message).toMatch(/Mỗi người một mẫu mỗi ngày/)

    const view = await ok(await rg.get(`/api/surveillance/pools/${pool.id}`))
    expect(view.retests).toEqual({ open: 1, positive: 1, negative: 1 })
    expect(view.members.find((m: { personId: number }) => m.personId === members[0]).retest).toMatchObject({ status: 'resulted', result: 'positive', ct: 24 })
  })

  it('a negative pool makes every member negative and opens no retest', async () => {
    const members = [await person(rg, RG), await person(rg, RG)]
    const pool = await ok(await rg.post('/api/surveillance/pools', { code: 'G-002', lab: 'CDC An Giang', sampleDate: '2026-11-24', personIds: members }), 201)
    const posted = await ok(await rg.post(`/api/surveillance/pools/${pool.id}/result`, { result: 'negative', resultDate: '2026-11-25' }))
    expect(posted).toMatchObject({ result: 'negative', retestsOpened: 0, retests: { open: 0, positive: 0, negative: 0 } })
    expect(posted.members.map((m: { result: string; retest: unknown }) => [m.result, m.retest])).toEqual([
      ['negative', null],
      ['negative', null],
    ])
    const listed = await ok(await rg.get(`/api/surveillance/tests?poolId=${pool.id}`))
    expect(listed.total).toBe(2)
    expect(listed.rows.every((r: { poolCode: string; result: string }) => r.poolCode === 'G-002' && r.result === 'negative')).toBe(true)
  })

  it('posting the same result twice changes nothing; a different one is refused', async () => {
    const members = [await person(rg, RG), await person(rg, RG)]
    const pool = await ok(await rg.post('/api/surveillance/pools', { code: 'G-003', lab: 'CDC An Giang', sampleDate: '2026-11-24', personIds: members }), 201)
    await ok(await rg.post(`/api/surveillance/pools/${pool.id}/result`, { result: 'positive', resultDate: '2026-11-25' }))
    const tests = () => db.selectFrom('tests').select(['id', 'status', 'result', 'updatedAt']).where((eb) => eb.or([eb('poolId', '=', pool.id), eb('retestOfPoolId', '=', pool.id)])).orderBy('id').execute()
    const before = await tests()
    const audits = [await auditCount('tests'), await auditCount('test_pools')]
    const again = await ok(await rg.post(`/api/surveillance/pools/${pool.id}/result`, { result: 'positive', resultDate: '2026-11-25' }))
    expect(again).toMatchObject({ changed: false, retestsOpened: 0, retests: { open: 2 } })
    expect(await tests()).toEqual(before)
    expect(before).toHaveLength(4)
    expect([await auditCount('tests'), await auditCount('test_pools')]).toEqual(audits)
    const other = await rg.post(`/api/surveillance/pools/${pool.id}/result`, { result: 'negative', resultDate: '2026-11-25' })
    expect(other.statusCode).toBe(409)
    expect(other.json().error.message).toMatch(/đã có kết quả dương tính ngày 25\/11\/2026/)
  })

  it('checks the pool: size, members named once, code per laboratory, same-day samples', async () => {
    const [a, b] = [await person(rg, RG), await person(rg, RG)]
    const body = { code: 'G-010', lab: 'CDC An Giang', sampleDate: '2026-11-24', personIds: [a, b] }
    expect((await rg.post('/api/surveillance/pools', { ...body, personIds: [a] })).json().error.message).toMatch(/ít nhất 2 người/)
    expect((await rg.post('/api/surveillance/pools', { ...body, personIds: [a, a] })).json().error.message).toMatch(/ghi hai lần/)
    const many = Array.from({ length: 31 }, (_, i) => i + 1)
    expect((await rg.post('/api/surveillance/pools', { ...body, personIds: many })).json().error.message).toMatch(/tối đa 30 người/)
    await ok(await rg.post('/api/surveillance/pools', body), 201)
    const sameCode = await rg.post('/api/surveillance/pools', { ...body, sampleDate: '2026-11-23' })
    expect(sameCode.statusCode).toBe(409)
    expect(sameCode.json().error.message).toMatch(/Mã mẫu gộp G-010 đã có/)
    const sameDay = await rg.post('/api/surveillance/pools', { ...body, code: 'G-011' })
    expect(sameDay.statusCode).toBe(409)
    expect(sameDay.json().error.code).toBe('DUPLICATE_SAMPLE')
    expect(await db.selectFrom('testPools').select('id').where('code', '=', 'G-011').execute()).toEqual([])
  })
})

describe('list of pools', () => {
  it('pages the pools of the area, newest first, with size, result and members positive on retest; filters and jurisdiction', async () => {
    const campaign = await ok(await rg.post('/api/surveillance/campaigns', { name: 'Đợt gộp mẫu', unitCode: RG, startsOn: '2026-11-15', endsOn: '2026-11-30', method: 'pcr' }), 201)
    const members = [await person(rg, RG), await person(rg, RG), await person(rg, RG)]
    const positive = await ok(await rg.post('/api/surveillance/pools', { code: 'L-001', lab: 'CDC Danh sách', sampleDate: '2026-11-21', personIds: members, campaignId: campaign.id }), 201)
    await ok(await rg.post(`/api/surveillance/pools/${positive.id}/result`, { result: 'positive', resultDate: '2026-11-22', ct: 28 }))
    const retests = (await ok(await rg.get(`/api/surveillance/pools/${positive.id}`))).members.map((m: { retest: { id: number } }) => m.retest.id)
    await ok(await rg.patch(`/api/surveillance/tests/${retests[0]}`, { sampleDate: '2026-11-22', result: 'positive', resultDate: '2026-11-23' }))
    await ok(await rg.patch(`/api/surveillance/tests/${retests[1]}`, { sampleDate: '2026-11-22', result: 'negative', resultDate: '2026-11-23' }))
    const pending = await ok(await rg.post('/api/surveillance/pools', { code: 'L-002', lab: 'CDC Danh sách', sampleDate: '2026-11-22', personIds: [await person(rg, RG), await person(rg, RG)] }), 201)
    // Months earlier: outside the default window of 30 days.
    const old = await ok(await rg.post('/api/surveillance/pools', { code: 'L-000', lab: 'CDC Danh sách', sampleDate: '2026-09-01', personIds: [await person(rg, RG), await person(rg, RG)] }), 201)
    // A pool of another commune.
    const elsewhere = await ok(await pq.post('/api/surveillance/pools', { code: 'L-PQ', lab: 'CDC Danh sách', sampleDate: '2026-11-22', personIds: [await person(pq, PQ), await person(pq, PQ)] }), 201)

    const list = await ok(await rg.get(`/api/surveillance/pools?unitCode=${RG}&limit=200`))
    const ids = list.rows.map((r: { id: number }) => r.id)
    expect(ids).toEqual(expect.arrayContaining([positive.id, pending.id]))
    expect(ids).not.toContain(old.id)
    expect(ids).not.toContain(elsewhere.id)
    expect(ids.indexOf(pending.id)).toBeLessThan(ids.indexOf(positive.id))
    const dates = list.rows.map((r: { sampleDate: string }) => r.sampleDate)
    expect([...dates].sort().reverse()).toEqual(dates)
    expect(list.total).toBe(list.rows.length)
    expect(list.rows.find((r: { id: number }) => r.id === positive.id)).toEqual({
      id: positive.id,
      code: 'L-001',
      lab: 'CDC Danh sách',
      sampleDate: '2026-11-21',
      resultDate: '2026-11-22',
      result: 'positive',
      ct: 28,
      campaignId: campaign.id,
      campaignName: 'Đợt gộp mẫu',
      unitCode: RG,
      unitName: expect.stringContaining('Rạch Giá'),
      size: 3,
      membersPositive: 1,
      retestsOpen: 1,
    })
    expect(list.rows.find((r: { id: number }) => r.id === pending.id)).toMatchObject({ result: 'pending', size: 2, membersPositive: 0, retestsOpen: 0, campaignId: null })

    // Filters: result, campaign (its own dates), a window given, paging.
    expect((await ok(await rg.get('/api/surveillance/pools?result=pending&limit=200'))).rows.map((r: { id: number }) => r.id)).not.toContain(positive.id)
    expect((await ok(await rg.get(`/api/surveillance/pools?campaignId=${campaign.id}`))).rows.map((r: { id: number }) => r.id)).toEqual([positive.id])
    expect((await ok(await rg.get('/api/surveillance/pools?from=2026-08-30&to=2026-09-02'))).rows.map((r: { id: number }) => r.id)).toEqual([old.id])
    const first = await ok(await rg.get('/api/surveillance/pools?limit=1'))
    const second = await ok(await rg.get('/api/surveillance/pools?limit=1&offset=1'))
    expect(first.rows).toHaveLength(1)
    expect(second.rows[0].id).not.toBe(first.rows[0].id)
    expect(first.total).toBeGreaterThanOrEqual(2)

    // The province sees both communes; Phú Quốc sees only its own and is refused Rạch Giá.
    const provinceIds = (await ok(await province.get('/api/surveillance/pools?limit=200'))).rows.map((r: { id: number }) => r.id)
    expect(provinceIds).toEqual(expect.arrayContaining([positive.id, elsewhere.id]))
    expect((await ok(await pq.get('/api/surveillance/pools?limit=200'))).rows.map((r: { id: number }) => r.id)).toEqual([elsewhere.id])
    expect((await pq.get(`/api/surveillance/pools?unitCode=${RG}`)).statusCode).toBe(403)
    expect((await pq.get(`/api/surveillance/pools?campaignId=${campaign.id}`)).statusCode).toBe(404)

    // Bad input: a clear Vietnamese 400.
    const wide = await rg.get('/api/surveillance/pools?from=2026-01-01&to=2026-11-26')
    expect(wide.statusCode).toBe(400)
    expect(wide.json().error.message).toMatch(/tối đa 92 ngày/)
    const badResult = await rg.get('/api/surveillance/pools?result=maybe')
    expect(badResult.statusCode).toBe(400)
    expect(badResult.json().error.message).toMatch(/Kết quả mẫu gộp là pending/)
  })
})

describe('campaigns', () => {
  it('counts the people tested per commune against population and target, in SQL', async () => {
    const campaign = await ok(
      await province.post('/api/surveillance/campaigns', { name: 'Xét nghiệm diện rộng đợt 1', unitCode: '91', startsOn: '2026-11-20', endsOn: '2026-11-30', method: 'antigen', targetPeople: 50 }),
      201,
    )
    const inRg = [await person(rg, RG), await person(rg, RG)]
    const inPq = await person(pq, PQ)
    const sample = (agent: Agent, personId: number, sampleDate: string, extra = {}) =>
      agent.post('/api/surveillance/tests', { personId, method: 'antigen', sampleDate, lab: 'Tổ lấy mẫu', campaignId: campaign.id, ...extra })
    await ok(await sample(rg, inRg[0]!, '2026-11-21'), 201)
    // The same person twice counts once.
    await ok(await sample(rg, inRg[0]!, '2026-11-22', { result: 'negative', resultDate: '2026-11-22' }), 201)
    await ok(await sample(rg, inRg[1]!, '2026-11-21'), 201)
    await ok(await sample(pq, inPq, '2026-11-23'), 201)
    // Outside the campaign's dates or of another method: refused.
    expect((await sample(rg, inRg[1]!, '2026-11-19')).json().error.message).toMatch(/ngoài thời gian của đợt/)
    expect((await rg.post('/api/surveillance/tests', { personId: inRg[1], method: 'pcr', sampleDate: '2026-11-22', lab: 'x', campaignId: campaign.id })).json().error.code).toBe('CAMPAIGN_METHOD')

    const population = async (code: string) =>
      (
        await sql<{ p: number }>`SELECT up.population AS p FROM unit_populations up JOIN units u ON u.id = up.unit_id
          WHERE u.code = ${code} AND u.period = '2025' ORDER BY up.year DESC LIMIT 1`.execute(db)
      ).rows[0]?.p ?? null
    const cov = await ok(await province.get(`/api/surveillance/campaigns/${campaign.id}/coverage`))
    const communes = (await db.selectFrom('units').select('id').where('level', '=', 'commune').where('path', 'like', '/2025:91/%').execute()).length
    expect(cov.communes).toHaveLength(communes)
    expect(cov.tested).toBe(3)
    expect(cov.targetPeople).toBe(50)
    expect(cov.coverage).toBe(0.06)
    const rgRow = cov.communes.find((c: { code: string }) => c.code === RG)
    expect(rgRow).toMatchObject({ tested: 2, population: await population(RG) })
    expect(rgRow.coverage).toBeCloseTo(2 / (await population(RG))!, 4)
    expect(cov.communes.find((c: { code: string }) => c.code === PQ).tested).toBe(1)
    expect(cov.communes.filter((c: { tested: number }) => c.tested > 0)).toHaveLength(2)

    // A commune's user sees the province's campaign, and only their own commune in it.
    const mine = await ok(await rg.get(`/api/surveillance/campaigns/${campaign.id}/coverage`))
    expect(mine.communes.map((c: { code: string }) => c.code)).toEqual([RG])
    expect(mine.tested).toBe(2)
    expect((await ok(await rg.get(`/api/surveillance/campaigns?unitCode=${RG}&activeOn=2026-11-25`))).rows.map((c: { id: number }) => c.id)).toContain(campaign.id)
    // …but cannot change it; the province can, and not past its samples.
    expect((await rg.patch(`/api/surveillance/campaigns/${campaign.id}`, { targetPeople: 10 })).statusCode).toBe(403)
    expect((await province.patch(`/api/surveillance/campaigns/${campaign.id}`, { startsOn: '2026-11-22' })).json().error.code).toBe('CAMPAIGN_SAMPLES_OUTSIDE')
    expect((await province.patch(`/api/surveillance/campaigns/${campaign.id}`, { method: 'pcr' })).json().error.code).toBe('CAMPAIGN_HAS_SAMPLES')
    expect(await ok(await province.patch(`/api/surveillance/campaigns/${campaign.id}`, { targetPeople: null, endsOn: '2026-12-05' }))).toMatchObject({ targetPeople: null, endsOn: '2026-12-05' })
    // Without a target, coverage is against the population of the communes.
    const byPopulation = await ok(await province.get(`/api/surveillance/campaigns/${campaign.id}/coverage`))
    expect(byPopulation.coverage).toBeCloseTo(3 / byPopulation.population, 4)
    // The list of the campaign's samples.
    const listed = await ok(await province.get(`/api/surveillance/tests?campaignId=${campaign.id}`))
    expect(listed.total).toBe(4)
  })

  it('a commune campaign covers that commune only', async () => {
    const campaign = await ok(await rg.post('/api/surveillance/campaigns', { name: 'Khu phố 3', unitCode: RG, startsOn: '2026-11-25', endsOn: '2026-11-26', method: 'pcr' }), 201)
    const id = await person(rg, RG)
    await ok(await rg.post('/api/surveillance/tests', { personId: id, method: 'pcr', sampleDate: '2026-11-25', lab: 'CDC', campaignId: campaign.id }), 201)
    const cov = await ok(await rg.get(`/api/surveillance/campaigns/${campaign.id}/coverage`))
    expect(cov.communes.map((c: { code: string; tested: number }) => [c.code, c.tested])).toEqual([[RG, 1]])
    expect((await rg.post('/api/surveillance/campaigns', { name: 'Sai ngày', unitCode: RG, startsOn: '2026-11-25', endsOn: '2026-11-24', method: 'pcr' })).json().error.code).toBe('DATE_RANGE')
  })
})

describe('lists at scale', () => {
  let people: number[]
  let hamletCode: string
  beforeAll(async () => {
    // A hamlet of its own so these rows can be counted apart from the rest of the file.
    const hamlet = await ok(await (await t.userAgent('commune', RG)).post(`/api/units/${RG}/children`, { name: 'Khu phố Thử Tải', unitType: 'khu_pho' }), 201)
    const unit = await db.selectFrom('units').select(['id', 'path']).where('code', '=', hamlet.code).executeTakeFirstOrThrow()
    people = (
      await sql<{ id: number }>`INSERT INTO people (full_name, name_fold, unit_id, unit_path)
        SELECT 'Người Tải ' || g, 'nguoi tai ' || g, ${unit.id}, ${unit.path} FROM generate_series(1, 120) g RETURNING id`.execute(db)
    ).rows.map((r) => r.id)
    // 120 people × 92 days: 11,040 samples, one per person and day.
    await sql`INSERT INTO tests (person_id, method, status, sample_date, result_date, result, lab)
      SELECT p, 'antigen', 'resulted', d::date, d::date, CASE WHEN (p + extract(day FROM d)::int) % 7 = 0 THEN 'positive' ELSE 'negative' END, 'Tổ tải'
        FROM unnest(${people}::bigint[]) p, generate_series(${TODAY}::date - 91, ${TODAY}::date, '1 day') d`.execute(db)
    hamletCode = hamlet.code
  })

  it('pages newest first, in the order SQL gives, with a capped count', async () => {
    const expected = (
      await sql<{ id: number }>`SELECT t.id FROM tests t WHERE t.person_id = ANY(${people}::bigint[]) AND t.sample_date BETWEEN ${TODAY}::date - 20 AND ${TODAY}::date
        ORDER BY t.sample_date DESC, t.id DESC`.execute(db)
    ).rows.map((r) => r.id)
    const url = (offset: number, limit: number) => `/api/surveillance/tests?unitCode=${hamletCode}&from=2026-11-06&to=${TODAY}&limit=${limit}&offset=${offset}`
    for (const [offset, limit] of [
      [0, 50],
      [50, 200],
      [1000, 30],
      [2500, 200],
    ] as const) {
      const page = await ok(await province.get(url(offset, limit)))
      expect(page.rows.map((r: { id: number }) => r.id)).toEqual(expected.slice(offset, offset + limit))
      expect(page).toMatchObject({ total: 2520, totalCapped: false })
    }
    // The whole 92 days hold more than 10,000: the count says so rather than counting on.
    const wide = await ok(await province.get(`/api/surveillance/tests?unitCode=${hamletCode}&from=2026-08-27&to=${TODAY}&limit=10`))
    expect(wide).toMatchObject({ total: 10_000, totalCapped: true })
    expect(wide.rows).toHaveLength(10)
    expect(wide.rows[0].sampleDate).toBe(TODAY)
    // Default: the last seven days.
    expect((await ok(await province.get(`/api/surveillance/tests?unitCode=${hamletCode}&limit=1`))).total).toBe(840)
    const filtered = await ok(await province.get(`/api/surveillance/tests?unitCode=${hamletCode}&result=positive&method=antigen&lab=T%E1%BB%95%20t%E1%BA%A3i&limit=200`))
    expect(filtered.rows.every((r: { result: string }) => r.result === 'positive')).toBe(true)
    expect(filtered).toMatchObject({ total: filtered.rows.length, totalCapped: false })
    expect(filtered.total).toBeGreaterThan(100)
    // Filtered by a column without an index, the count is what the walk read: "at least" while it has not run out.
    const first = await ok(await province.get(`/api/surveillance/tests?unitCode=${hamletCode}&result=positive&limit=10`))
    expect(first).toMatchObject({ total: 10, totalCapped: true })
    expect(first.rows.map((r: { id: number }) => r.id)).toEqual(filtered.rows.slice(0, 10).map((r: { id: number }) => r.id))
  })

  it('bounds the window and the depth of paging', async () => {
    const wide = await province.get('/api/surveillance/tests?from=2026-01-01&to=2026-11-26')
    expect(wide.statusCode).toBe(400)
    expect(wide.json().error.message).toMatch(/tối đa 92 ngày/)
    expect((await province.get('/api/surveillance/tests?from=2026-11-26&to=2026-11-01')).json().error.code).toBe('DATE_RANGE')
    expect((await province.get('/api/surveillance/tests?offset=20000')).json().error.message).toMatch(/10\.000 dòng đầu/)
  })

  it('lists proposals newest result first, with the count capped', async () => {
    const page = await ok(await province.get(`/api/surveillance/tests/proposals?unitCode=${hamletCode}&limit=20`))
    const expected = (
      await sql<{ id: number }>`SELECT t.id FROM tests t WHERE t.person_id = ANY(${people}::bigint[]) AND t.result = 'positive'
        AND t.result_date BETWEEN ${TODAY}::date - 29 AND ${TODAY}::date ORDER BY t.result_date DESC, t.id DESC`.execute(db)
    ).rows.map((r) => r.id)
    expect(page.rows.map((r: { id: number }) => r.id)).toEqual(expected.slice(0, 20))
    expect(page.total).toBe(expected.length)
  })

  it('records who read which samples', async () => {
    const before = await auditCount('tests')
    const page = await ok(await province.get(`/api/surveillance/tests?unitCode=${hamletCode}&limit=5`))
    const entry = await db.selectFrom('auditLog').selectAll().where('entity', '=', 'tests').where('action', '=', 'read').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(await auditCount('tests')).toBe(before + 1)
    expect((entry.after as { ids: number[] }).ids).toEqual(page.rows.map((r: { id: number }) => r.id))
  })
})

describe('jurisdiction', () => {
  it('refuses another commune’s user on every route, and lists nothing of the commune to them', async () => {
    const id = await person(rg, RG)
    const other = await person(rg, RG)
    const test = await ok(await rg.post('/api/surveillance/tests', { personId: id, method: 'pcr', sampleDate: '2026-11-26', lab: 'CDC' }), 201)
    const pool = await ok(await rg.post('/api/surveillance/pools', { code: 'G-J1', lab: 'CDC', sampleDate: '2026-11-25', personIds: [id, other] }), 201)
    const campaign = await ok(await rg.post('/api/surveillance/campaigns', { name: 'Đợt phường', unitCode: RG, startsOn: '2026-11-25', endsOn: '2026-11-30', method: 'pcr' }), 201)
    const refused: [string, string, unknown?][] = [
      ['POST', '/api/surveillance/tests', { personId: id, method: 'antigen', sampleDate: '2026-11-26', lab: 'x' }],
      ['PATCH', `/api/surveillance/tests/${test.id}`, { result: 'negative', resultDate: '2026-11-26' }],
      ['GET', `/api/surveillance/tests?unitCode=${RG}`],
      ['GET', `/api/surveillance/tests/planned?unitCode=${RG}`],
      ['GET', `/api/surveillance/tests/proposals?unitCode=${RG}`],
      ['POST', '/api/surveillance/pools', { code: 'G-J2', lab: 'CDC', sampleDate: '2026-11-25', personIds: [id, other] }],
      ['POST', `/api/surveillance/pools/${pool.id}/result`, { result: 'negative', resultDate: '2026-11-26' }],
      ['GET', `/api/surveillance/pools/${pool.id}`],
      ['POST', '/api/surveillance/campaigns', { name: 'x', unitCode: RG, startsOn: '2026-11-25', endsOn: '2026-11-30', method: 'pcr' }],
      ['GET', `/api/surveillance/campaigns?unitCode=${RG}`],
      ['PATCH', `/api/surveillance/campaigns/${campaign.id}`, { targetPeople: 5 }],
      ['GET', `/api/surveillance/campaigns/${campaign.id}/coverage`],
      ['GET', `/api/surveillance/tests?campaignId=${campaign.id}`],
      ['POST', '/api/surveillance/tests', { personId: await person(pq, PQ), method: 'pcr', sampleDate: '2026-11-26', lab: 'x', campaignId: campaign.id }],
    ]
    for (const [method, url, body] of refused) {
      const res = await pq.request({ method: method as 'GET', url, ...(body ? { payload: body as object } : {}) })
      expect([403, 404], `${method} ${url}: ${res.statusCode} ${res.body}`).toContain(res.statusCode)
    }
    const seen = await ok(await pq.get('/api/surveillance/tests'))
    expect(seen.rows.filter((r: { unitCode: string }) => r.unitCode.startsWith(RG))).toEqual([])
    expect((await ok(await pq.get('/api/surveillance/campaigns'))).rows.map((c: { id: number }) => c.id)).not.toContain(campaign.id)
    // Nothing was written for them.
    expect((await ok(await rg.get(`/api/surveillance/pools/${pool.id}`))).result).toBe('pending')
  })
})
