import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { commandEnv, testApp } from '../../../test/harness.ts'

const t = await testApp()
const run = promisify(execFile)

// Two units of the contract's shape: the first at mức 3 (104,5/100.000, HCMC's figure of 19/10/2021)
// with ~99 % adult coverage; the second with 10 cases per 100,000 and too few elderly fully vaccinated.
const input = {
  units: [
    { unit: 'HCM', population: 200_000, communityCases7d: 209, cases7d: 250, coverage: { adults18PlusAtLeastOneDose: 0.99, elderly65PlusFullyVaccinated: 0.85 }, capacity: { adequate: true } },
    { unit: 'CT', population: 50_000, communityCases7d: 5, coverage: { adults18PlusAtLeastOneDose: 0.75, elderly65PlusFullyVaccinated: 0.6 }, capacity: { adequate: true } },
  ],
}

describe('POST /api/levels/assess', () => {
  it('answers the contract’s shape with every step’s indicator and reason, and records the request', async () => {
    const viewer = await t.userAgent('viewer', '91')
    const res = await viewer.post('/api/levels/assess?rules=4800', input)
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(Object.keys(body)).toEqual(['units'])
    expect(body.units.map((u: { unit: string; level: number }) => [u.unit, u.level])).toEqual([
      ['HCM', 2],
      ['CT', 2],
    ])
    expect(Object.keys(body.units[0]).sort()).toEqual(['indicators', 'level', 'reasons', 'unit'])
    expect(body.units[0].indicators[0]).toEqual({ name: 'communityCasesPer100k', value: 104.5, band: 3 })
    expect(body.units[1].reasons.join(' ')).toContain('nâng 1 cấp')
    const audit = await t.database.db.selectFrom('auditLog').selectAll().where('entity', '=', 'level_assessments').where('actorName', '=', viewer.username).execute()
    expect(audit).toHaveLength(1)
  })

  it('refuses bad input with a Vietnamese 400 naming the field, never a 500', async () => {
    const agent = await t.userAgent('viewer', '91')
    const cases: [unknown, string, RegExp][] = [
      [{ units: [{ ...input.units[0], population: 0 }] }, 'body/units/0/population', /lớn hơn 0/],
      [{ units: [{ ...input.units[0], coverage: { adults18PlusAtLeastOneDose: 85 } }] }, 'body/units/0/coverage/adults18PlusAtLeastOneDose', /từ 0 đến 1/],
      [{ units: [{ ...input.units[0], communityCases7d: -1 }] }, 'body/units/0/communityCases7d', /không được âm/],
      [{ units: [] }, 'body/units', /không được rỗng/],
      [{ units: [{ ...input.units[0], extra: 1 }] }, 'body/units/0', /./],
    ]
    for (const [body, where, message] of cases) {
      const res = await agent.post('/api/levels/assess?rules=4800', body)
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().error.message).toContain(where)
      expect(res.json().error.message).toMatch(message)
    }
    // A field the rule set needs but the input lacks.
    const missing = await agent.post('/api/levels/assess?rules=218', input)
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.message).toContain('units/0/oxygenPatients7d: bộ tiêu chí 218 cần trường này.')
    expect(missing.json().error.details.problems).toContain('units/1/coverage/highRiskFullyVaccinated: bộ tiêu chí 218 cần trường này.')
    const rules = await agent.post('/api/levels/assess?rules=9999', input)
    expect(rules.statusCode).toBe(400)
    expect(rules.json().error.message).toMatch(/2686, 4800, 218/)
  })
})

describe('phongdich levels assess', () => {
  it('prints the same answer as the API from a file, and the bad field on error', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'phongdich-levels-'))
    const file = path.join(dir, 'vao.json')
    await writeFile(file, JSON.stringify(input))
    const bin = path.resolve('bin/phongdich.js')
    const out = await run(process.execPath, [bin, 'levels', 'assess', '--rules', '4800', '--input', file, '--json'], { env: { ...process.env, DEMO: '0' }, timeout: 60_000 })
    const viewer = await t.userAgent('viewer', '91')
    expect(JSON.parse(out.stdout)).toEqual((await viewer.post('/api/levels/assess?rules=4800', input)).json())
    const text = await run(process.execPath, [bin, 'levels', 'assess', '--rules', '2686', '--input', file], { env: { ...process.env, DEMO: '0' }, timeout: 60_000 })
    expect(text.stdout).toContain('HCM: Nguy cơ rất cao')
    await writeFile(file, JSON.stringify({ units: [{ unit: 'A', population: -5 }] }))
    const bad = await run(process.execPath, [bin, 'levels', 'assess', '--rules', '2686', '--input', file], { timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e)
    expect('code' in bad && bad.code).toBe(1)
    expect((bad as { stderr: string }).stderr).toContain('units/0/population')
  })
})

const RG = '30742' // phường Rạch Giá
const PQ = '31078' // đặc khu Phú Quốc
const inputs218 = (cases7d: number, fully = 0.8) => ({ cases7d, oxygenPatients7d: 0, deaths7d: 0, coverage: { fullyVaccinated: fully, highRiskFullyVaccinated: 0.95 }, capacity: { adequate: true, freeBedsPer100k: 40, icuBeds: 20 } })

describe('rule sets stored: national read-only, the province’s dated variants', () => {
  it('lists the three national sets with their unverified marks, refuses to edit them, and forks one for the province', async () => {
    const health = await t.userAgent('health', '91')
    const list = (await health.get('/api/levels/rule-sets')).json().ruleSets
    expect(list.filter((r: { national: boolean }) => r.national).map((r: { code: string }) => r.code)).toEqual(['2686', '4800', '218'])
    expect(list.every((r: { unverified: number }) => r.unverified > 0)).toBe(true)
    const national = (await health.get('/api/levels/rule-sets/4800')).json()
    expect(national).toMatchObject({ readOnly: true, canEdit: false, document: '4800/QĐ-BYT' })
    const put = await health.put('/api/levels/rule-sets/4800', { definition: national.definition })
    expect(put.statusCode).toBe(409)
    expect(put.json().error.message).toContain('chỉ được đọc')
    await expect(t.database.db.updateTable('levelRuleSets').set({ name: 'x' }).where('code', '=', '4800').execute()).rejects.toThrow(/chỉ được đọc/)

    const fork = await health.post('/api/levels/rule-sets', { baseCode: '4800', validFrom: '2021-11-01', validTo: '2022-01-26' })
    expect(fork.statusCode, fork.body).toBe(201)
    const variant = fork.json()
    expect(variant).toMatchObject({ code: '4800-91-2021-11-01', baseCode: '4800', national: false, provinceCode: '91', canEdit: true, version: 1 })
    expect((await health.post('/api/levels/rule-sets', { baseCode: '4800', validFrom: '2021-11-01' })).statusCode).toBe(409)

    // The province lowers the coverage cut-off to 60 % (4800 lets provinces adjust it) and marks the cell it checked.
    const def = structuredClone(variant.definition)
    def.vaccination.criteria[0].min = { value: 0.6, op: '>=', confidence: 'verified', note: 'Quyết định của UBND tỉnh' }
    def.matrix.cells[0][1] = { level: 2, confidence: 'verified' }
    const edited = await health.put(`/api/levels/rule-sets/${variant.code}`, { definition: def })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(edited.json()).toMatchObject({ version: 2 })
    expect(edited.json().definition.vaccination.criteria[0].min.value).toBe(0.6)
    const bad = structuredClone(def)
    bad.transmission.indicators[0].cutoffs[1].value = 5
    const refused = await health.put(`/api/levels/rule-sets/${variant.code}`, { definition: bad })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error.message).toContain('transmission/indicators/0/cutoffs/1')

    const trail = await t.database.db.selectFrom('auditLog').select(['action', 'actorName']).where('entity', '=', 'level_rule_sets').where('actorName', '=', health.username).execute()
    expect(trail.map((a) => a.action).sort()).toEqual(['insert', 'update'])

    // Another province sees only the national sets and cannot touch An Giang's variant; a commune cannot fork.
    const hanoi = await t.userAgent('admin', '01')
    expect((await hanoi.get('/api/levels/rule-sets')).json().ruleSets.map((r: { code: string }) => r.code)).not.toContain(variant.code)
    expect((await hanoi.put(`/api/levels/rule-sets/${variant.code}`, { definition: def })).statusCode).toBe(404)
    const commune = await t.userAgent('admin', RG)
    expect((await commune.post('/api/levels/rule-sets', { baseCode: '218', validFrom: '2022-03-01' })).statusCode).toBe(403)
    expect((await (await t.userAgent('commune', '91')).post('/api/levels/rule-sets', { baseCode: '218', validFrom: '2022-03-01' })).statusCode).toBe(403)
  })
})

describe('the weekly assessment', () => {
  it('assesses entered figures with the rule set in force, lets the committee override and publish, and the public page follows', async () => {
    const commune = await t.userAgent('commune', RG)
    const steering = await t.userAgent('steering', '91')
    // 2026: 218 applies. Rạch Giá enters its figures; the population comes from the registry.
    const entered = await commune.put('/api/levels/weeks/2026-W47/inputs', { rows: [{ unitCode: RG, inputs: inputs218(0) }] })
    expect(entered.statusCode, entered.body).toBe(200)
    expect(entered.json()).toMatchObject({ assessed: 1, incomplete: 0 })
    expect((await commune.put('/api/levels/weeks/2026-W47/inputs', { rows: [{ unitCode: PQ, inputs: inputs218(0) }] })).statusCode).toBe(403)
    expect((await commune.put('/api/levels/weeks/2026-W47/inputs', { rows: [{ unitCode: '91', inputs: inputs218(0) }] })).statusCode).toBe(403)
    // A hamlet of the commune is assessed from its own figures and listed in the commune's view.
    const hamlet = (await commune.post(`/api/units/${RG}/children`, { name: 'Khu phố Cấp Độ', unitType: 'khu_pho' })).json()
    const hamletRow = await commune.put('/api/levels/weeks/2026-W47/inputs', { rows: [{ unitCode: hamlet.code, inputs: { ...inputs218(2), population: 1000 } }] })
    expect(hamletRow.json()).toMatchObject({ assessed: 1 })
    const communeView = (await commune.get(`/api/levels/weeks?unit=${RG}&week=2026-W47`)).json()
    expect(communeView.rows.map((r: { unitCode: string }) => r.unitCode)).toEqual([RG, hamlet.code])
    // 2 cases among 1,000 people are 200 per 100,000: band 3, high capacity → level 2.
    expect(communeView.rows[1]).toMatchObject({ level: 2, indicators: expect.arrayContaining([{ name: 'casesPer100k', value: 200, band: 3 }]) })

    const week = (await steering.get('/api/levels/weeks?unit=91&week=2026-W47')).json()
    expect(week.ruleSet.code).toBe('218')
    expect(week.weekStart).toBe('2026-11-16')
    expect(week.rows.length).toBe(102)
    const rg = week.rows.find((r: { unitCode: string }) => r.unitCode === RG)
    expect(rg).toMatchObject({ computedLevel: 1, level: 1, status: 'draft', change: 'new' })
    expect(rg.indicators[0]).toMatchObject({ name: 'casesPer100k', value: 0, band: 1 })
    expect(rg.reasons.length).toBeGreaterThan(2)
    expect(week.derived).toMatchObject({ level: 1, assessed: 1 })

    // The committee raises it, with a reason; a reason is required.
    expect((await steering.post(`/api/levels/assessments/${rg.assessmentId}/override`, { level: 3 })).statusCode).toBe(400)
    expect((await commune.post(`/api/levels/assessments/${rg.assessmentId}/override`, { level: 3, reason: 'x' })).statusCode).toBe(403)
    const over = await steering.post(`/api/levels/assessments/${rg.assessmentId}/override`, { level: 3, reason: 'Ổ dịch chợ Rạch Giá chưa rõ nguồn' })
    expect(over.statusCode, over.body).toBe(200)
    // Not published yet: the public page shows nothing for Rạch Giá.
    const before = await t.anon.get(`/api/public/levels?unit=${RG}`)
    expect(before.statusCode).toBe(200)
    expect(before.json()).toEqual([{ code: RG, name: 'Phường Rạch Giá', level: null, since: null, measuresUrl: null }])

    expect((await steering.post('/api/levels/weeks/2026-W47/publish', { unit: '91', effectiveFrom: '2026-11-20' })).json().error.code).toBe('EFFECTIVE_PAST')
    const published = await steering.post('/api/levels/weeks/2026-W47/publish', { unit: '91', effectiveFrom: '2026-11-26' })
    expect(published.statusCode, published.body).toBe(200)
    expect(published.json()).toMatchObject({ published: 1, effectiveFrom: '2026-11-26' })
    expect(published.json().notice).toContain('48 giờ')
    expect((await commune.put('/api/levels/weeks/2026-W47/inputs', { rows: [{ unitCode: RG, inputs: inputs218(50) }] })).statusCode).toBe(409)
    expect((await steering.post(`/api/levels/assessments/${rg.assessmentId}/override`, { level: 2, reason: 'x' })).statusCode).toBe(409)

    const pub = await t.anon.get('/api/public/levels?unit=91')
    expect(pub.statusCode).toBe(200)
    expect(pub.headers['cache-control']).toMatch(/public, max-age=\d+/)
    const rgPublic = pub.json().find((c: { code: string }) => c.code === RG)
    expect(rgPublic).toEqual({ code: RG, name: 'Phường Rạch Giá', level: 3, since: '2026-11-26', measuresUrl: '/cong-khai/cap-do/bien-phap#cap-3' })
    expect(pub.json()).toHaveLength(102)
    for (const c of pub.json()) expect(Object.keys(c).sort()).toEqual(['code', 'level', 'measuresUrl', 'name', 'since'])
    const map = await t.anon.get('/api/public/levels/map?unit=91')
    expect(map.statusCode).toBe(200)
    expect(map.json().children.features.find((f: { properties: { code: string } }) => f.properties.code === RG).properties.level).toBe(3)
    expect(Object.keys((await t.anon.get('/api/public/levels/measures')).json().levels)).toEqual(['1', '2', '3', '4'])

    // Found by a pre-2025 name: phường Vĩnh Thanh of the former city of Rạch Giá is now part of phường Rạch Giá.
    const found = await t.anon.get('/api/public/levels/search?q=vinh%20thanh')
    expect(found.statusCode).toBe(200)
    const hit = found.json().find((c: { code: string }) => c.code === RG)
    expect(hit).toMatchObject({ name: 'Phường Rạch Giá', level: 3, measuresUrl: '/cong-khai/cap-do/bien-phap#cap-3' })
    expect(hit.formerNames.some((n: string) => n.startsWith('Vĩnh Thanh ('))).toBe(true)
    expect((await t.anon.get('/api/public/levels/search?q=r')).json()).toEqual([])

    const history = (await commune.get(`/api/levels/history?unit=${RG}`)).json().history
    expect(history).toEqual([expect.objectContaining({ level: 3, computedLevel: 1, overrideLevel: 3, overrideReason: 'Ổ dịch chợ Rạch Giá chưa rõ nguồn', effectiveFrom: '2026-11-26', ruleSetCode: '218' })])
    expect((await (await t.userAgent('commune', PQ)).get(`/api/levels/history?unit=${RG}`)).statusCode).toBe(403)
  })

  it('computes community cases per 100,000 from the surveillance tables and carries coverage over', async () => {
    const health = await t.userAgent('health', '91')
    const db = t.database.db
    // Phú Quốc: its population from the registry; four cases confirmed in 2026-W44 (one found in quarantine), one the week before.
    const pq = await db.selectFrom('units').select(['id', 'path']).where('code', '=', PQ).where('validTo', 'is', null).executeTakeFirstOrThrow()
    const population = Number((await db.selectFrom('unitPopulations').select('population').where('unitId', '=', pq.id).orderBy('year', 'desc').executeTakeFirstOrThrow()).population)
    const admin = await t.userAgent('admin', '91')
    const days: [string, string | null, string | null][] = [
      ['2026-10-26', 'community', 'severe'],
      ['2026-10-27', 'community', null],
      ['2026-10-28', 'quarantine', null],
      ['2026-11-01', null, null],
      ['2026-10-20', 'community', null],
    ]
    for (const [i, [day, foundBy, severity]] of days.entries()) {
      const p = await admin.post('/api/people', { fullName: `Ca Cấp Độ ${i}`, unitCode: PQ })
      await db.insertInto('cases').values({ personId: p.json().id, classification: 'confirmed', confirmedDate: day, foundBy: foundBy as 'community', severity: severity as 'severe' }).execute()
    }
    // Coverage and capacity were entered the week before: they carry over.
    expect((await health.put('/api/levels/weeks/2026-W43/inputs', { rows: [{ unitCode: PQ, inputs: inputs218(0, 0.6) }] })).statusCode).toBe(200)
    const computed = await health.post('/api/levels/weeks/2026-W44/compute', { unit: PQ })
    expect(computed.statusCode, computed.body).toBe(200)
    expect(computed.json()).toMatchObject({ assessed: 1, incomplete: 0 })
    const row = (await health.get(`/api/levels/weeks?unit=${PQ}&week=2026-W44`)).json().rows[0]
    expect(row.source).toBe('surveillance')
    expect(row.inputs).toMatchObject({ communityCases7d: 3, cases7d: 4, oxygenPatients7d: 1, casesPrev7d: 1, communityCasesPrev7d: 1, coverage: { fullyVaccinated: 0.6 } })
    expect(row.indicators[0]).toEqual({ name: 'casesPer100k', value: Math.round((4 / population) * 1e7) / 100, band: 1 })
    // Coverage below 75 %: band raised to 2; capacity high → level 1.
    expect(row.indicators.find((i: { name: string }) => i.name === 'transmissionBand').value).toBe(2)
    expect(row.level).toBe(1)
    // A commune without any figure but the counts cannot be assessed yet, and says what is missing.
    const none = await health.post('/api/levels/weeks/2026-W44/compute', { unit: RG })
    expect(none.json()).toMatchObject({ assessed: 0, incomplete: 1 })
    const rg = (await health.get(`/api/levels/weeks?unit=${RG}&week=2026-W44`)).json().rows[0]
    expect(rg.computedLevel).toBeNull()
    expect(rg.reasons[0]).toContain('thiếu coverage/fullyVaccinated')
  })
})

describe('the weekly assessment from the other contexts', () => {
  const HT = '30769' // phường Hà Tiên: vaccination figures and a COVID hospital
  const GT = '30796' // xã Giang Thành: neither, only the figures it entered

  it('takes coverage from vaccination and oxygen patients and beds from care for every commune at once, keeps entered figures where they hold nothing, and names each source', async () => {
    const health = await t.userAgent('health', '91')
    const admin = await t.userAgent('admin', '91')
    const db = t.database.db
    // Both communes entered 2026-W44's figures: they carry over where no context answers.
    const w44 = await health.put('/api/levels/weeks/2026-W44/inputs', { rows: [HT, GT].map((unitCode) => ({ unitCode, inputs: inputs218(0, 0.6) })) })
    expect(w44.statusCode, w44.body).toBe(200)

    // Hà Tiên's denominators counted locally, and its doses up to the week's Sunday (8/11); one dose after it does not count.
    const pops = { '5-11': 1000, '12-17': 1000, '18-49': 4000, '50-64': 2000, '65+': 1000, high_risk: 500 }
    expect((await health.put('/api/vaccination/populations', { unitCode: HT, populations: pops, source: 'Điều tra của phường' })).statusCode).toBe(200)
    const e = (ageGroup: string, dose: string, doses: number, riskGroup = 'none') => ({ ageGroup, riskGroup, product: 'pfizer', dose, doses })
    const day1 = await health.post('/api/vaccination/doses', { unitCode: HT, date: '2026-11-05', entries: [e('18-49', '1', 3000), e('18-49', '2', 2500), e('50-64', '1', 1500), e('50-64', '2', 1200), e('65+', '1', 800), e('65+', '2', 700), e('18-49', '2', 200, 'chronic')] })
    expect(day1.statusCode, day1.body).toBe(200)
    expect((await health.post('/api/vaccination/doses', { unitCode: HT, date: '2026-11-20', entries: [e('65+', '2', 100)] })).statusCode).toBe(200)

    // Hà Tiên's hospital: 10 regular, 5 oxygen and 2 ICU beds. One resident on oxygen since 3/11 (still there),
    // one in intensive care from 28/10 to 1/11 (the week before only); their cases were confirmed earlier.
    const hospital = (await admin.post('/api/care/facilities', { name: 'Bệnh viện Hà Tiên', tier: 2, kind: 'covid_hospital', unitCode: HT, bedsRegular: 10, bedsOxygen: 5, bedsIcu: 2 })).json()
    const patient = async (fullName: string) => {
      const p = (await admin.post('/api/people', { fullName, unitCode: HT, birthYear: 1950, confirmedNew: true })).json()
      const c = await admin.post('/api/surveillance/cases', { personId: p.id, classification: 'confirmed', sampleDate: '2026-10-20', confirmedDate: '2026-10-20' })
      expect(c.statusCode, c.body).toBe(201)
      return p.id as number
    }
    const onOxygen = await admin.post('/api/care/admissions', { facilityId: hospital.id, personId: await patient('Người Thở Ô Xy'), bedKind: 'oxygen', admittedOn: '2026-11-03' })
    expect(onOxygen.statusCode, onOxygen.body).toBe(201)
    const icu = (await admin.post('/api/care/admissions', { facilityId: hospital.id, personId: await patient('Người Hồi Sức'), bedKind: 'icu', admittedOn: '2026-10-28' })).json()
    const out = await admin.post(`/api/care/admissions/${icu.id}/discharge`, { on: '2026-11-01', outcome: 'recovered' })
    expect(out.statusCode, out.body).toBe(200)

    // The province's week, every commune at once.
    const computed = await health.post('/api/levels/weeks/2026-W45/compute', { unit: '91' })
    expect(computed.statusCode, computed.body).toBe(200)
    const week = (await health.get('/api/levels/weeks?unit=91&week=2026-W45')).json()
    const ht = week.rows.find((r: { unitCode: string }) => r.unitCode === HT)
    const gt = week.rows.find((r: { unitCode: string }) => r.unitCode === GT)

    // Coverage as counted by hand from the doses of 5/11: adults 5,500 of 7,000 with a first dose; fully
    // vaccinated 2,700 + 1,200 + 700 of 9,000 aged 5+; 700 of 1,000 aged 65+; high-risk (65+ and the
    // under-65s of a category) 700 + 200 of 1,000 + 500.
    expect(ht.inputs.coverage).toEqual({ adults18PlusAtLeastOneDose: 5300 / 7000, elderly65PlusFullyVaccinated: 0.7, fullyVaccinated: 4600 / 9000, highRiskFullyVaccinated: 900 / 1500 })
    // The province serves its communes: 17 beds, one taken on 8/11; its population as the registry has it.
    const province = await db.selectFrom('units').select('id').where('code', '=', '91').where('validTo', 'is', null).executeTakeFirstOrThrow()
    const own = await db.selectFrom('unitPopulations').select('population').where('unitId', '=', province.id).orderBy('year', 'desc').executeTakeFirst()
    const { rows: sum } = await sql<{ n: string }>`SELECT sum(p.population) AS n FROM units u JOIN LATERAL (SELECT up.population FROM unit_populations up WHERE up.unit_id = u.id ORDER BY up.year DESC LIMIT 1) p ON true WHERE u.level = 'commune' AND u.valid_to IS NULL AND u.parent_id = ${province.id}`.execute(db)
    const population = Number(own?.population ?? sum[0]!.n)
    const freeBedsPer100k = Math.round((16 / population) * 1_000_000) / 10
    expect(ht.inputs).toMatchObject({ oxygenPatients7d: 1, oxygenPatientsPrev7d: 1, cases7d: 0, capacity: { adequate: true, freeBedsPer100k, icuBeds: 2 } })
    expect(ht.sources).toMatchObject({
      cases7d: 'surveillance',
      oxygenPatients7d: 'care',
      population: 'registry',
      'coverage.fullyVaccinated': 'vaccination',
      'coverage.highRiskFullyVaccinated': 'vaccination',
      'capacity.freeBedsPer100k': 'care',
      'capacity.icuBeds': 'care',
      'capacity.adequate': 'carried',
    })
    // 218: 51 % fully vaccinated misses 80 % → band raised; the indicator's reason names the sources.
    expect(ht.indicators.find((i: { name: string }) => i.name === 'fullyVaccinated')).toEqual({ name: 'fullyVaccinated', value: 4600 / 9000, band: 'notMet' })
    expect(ht.reasons.at(-1)).toContain('tiêm chủng: người từ 18 tuổi tiêm ≥ 1 liều, người từ 65 tuổi tiêm đủ liều, dân số tiêm đủ liều, nhóm nguy cơ cao tiêm đủ liều')
    expect(ht.reasons.at(-1)).toContain('điều trị (tháp 3 tầng): người bệnh thở ô xy')

    // Giang Thành has no doses: its coverage is the one it entered, carried from 2026-W44; beds are the province's.
    expect(gt.inputs).toMatchObject({ oxygenPatients7d: 0, coverage: { fullyVaccinated: 0.6, highRiskFullyVaccinated: 0.95 }, capacity: { freeBedsPer100k, icuBeds: 2, adequate: true } })
    expect(gt.sources).toMatchObject({ oxygenPatients7d: 'care', 'coverage.fullyVaccinated': 'carried', 'capacity.freeBedsPer100k': 'care' })
    // 60 % fully vaccinated raises band 1 to 2; 16 free beds for the province are far below 20 per 100,000: capacity medium → level 2.
    expect(gt.indicators).toContainEqual({ name: 'capacity.freeBedsPer100k', value: freeBedsPer100k, band: 'notMet' })
    expect(gt.indicators).toContainEqual({ name: 'capacityClass', value: 'medium', band: 'medium' })
    expect(gt.computedLevel).toBe(2)

    // A commune's own officer does not read the province's hospitals: beds carry over as figures, coverage still counted.
    const commune = await t.userAgent('commune', HT)
    expect((await commune.post('/api/levels/weeks/2026-W46/compute', { unit: HT })).statusCode).toBe(200)
    const mine = (await commune.get(`/api/levels/weeks?unit=${HT}&week=2026-W46`)).json().rows[0]
    expect(mine.sources).toMatchObject({ 'coverage.fullyVaccinated': 'vaccination', 'capacity.freeBedsPer100k': 'carried', oxygenPatients7d: 'care' })
    expect(mine.inputs.capacity.freeBedsPer100k).toBe(freeBedsPer100k)
    // The dose of 20/11 counts from the week it falls in.
    const w47 = await health.post('/api/levels/weeks/2026-W47/compute', { unit: HT })
    expect(w47.statusCode).toBe(200)
    const late = (await health.get(`/api/levels/weeks?unit=${HT}&week=2026-W47`)).json().rows[0]
    expect(late.inputs.coverage.elderly65PlusFullyVaccinated).toBe(0.8)
  })
})

describe('phongdich levels import', () => {
  it('imports a week’s figures per commune from a spreadsheet and assesses them; a bad file changes nothing', { timeout: 120_000 }, async () => {
    const env = await commandEnv()
    try {
      const dir = await mkdtemp(path.join(tmpdir(), 'phongdich-levels-import-'))
      const file = path.join(dir, 'tuan.csv')
      await writeFile(file, 'Mã;Dân số;Ca mới 7 ngày;Thở ô xy 7 ngày;Tử vong 7 ngày;Dân số tiêm đủ liều;Nhóm nguy cơ cao tiêm đủ liều;Bảo đảm thu dung điều trị\n30742;210000;12;0;0;78%;93%;có\n31078;180000;3;1;0;60;90;có\n')
      const bin = path.resolve('bin/phongdich.js')
      const out = await run(process.execPath, [bin, 'levels', 'import', '--week', '2026-W40', file], { env: { ...process.env, ...env.env, DEMO: '0' }, timeout: 60_000 })
      expect(out.stdout).toContain('Tuần 2026-W40: đã nhập 2 đơn vị, tính được cấp độ 2, còn thiếu số liệu 0.')
      await writeFile(file, 'Mã;Ca mới 7 ngày\n30742;nhiều\n')
      const bad = await run(process.execPath, [bin, 'levels', 'import', '--week', '2026-W41', file], { env: { ...process.env, ...env.env, DEMO: '0' }, timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e)
      expect((bad as { stderr: string }).stderr).toContain('Dòng 2, cột "Ca mới 7 ngày": "nhiều" không phải một số.')
    } finally {
      await env.cleanup()
    }
  })
})
