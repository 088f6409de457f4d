import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, okJson, testApp } from '../../../test/harness.ts'
import { directiveInput, OTHER_PROVINCE } from '../../../test/route-samples.ts'
import { careFixtures } from '../care/testFixtures.ts'
import { entryFixtures } from '../entry/testFixtures.ts'

const t = await testApp()
const db = t.database.db
const RG = '30742' // phường Rạch Giá
const PQ = '31078' // đặc khu Phú Quốc
const TODAY = '2026-11-26'

const ok = okJson

let admin: Agent & { username: string }
let steering: Agent & { username: string }
let office: Agent
let health: Agent

async function caseIn(unitCode: string, fullName: string, confirmedDate: string, sourceKind?: string) {
  const p = await ok(admin.post('/api/people', { fullName, unitCode, birthYear: 1980, confirmedNew: true }), 201)
  await ok(admin.post('/api/surveillance/cases', { personId: p.id, classification: 'confirmed', sampleDate: confirmedDate, confirmedDate, ...(sourceKind ? { sourceKind, sourceCountry: 'KH' } : {}) }), 201)
  return p.id as number
}

const pathOf = async (code: string) => (await db.selectFrom('units').select('path').where('code', '=', code).where('validTo', 'is', null).executeTakeFirstOrThrow()).path

/** F0 counted straight from the table: today, the last 7 days and each of the last 30, in an area. */
async function casesBySql(path: string) {
  const { rows } = await sql<{ day: string; n: number }>`
    SELECT confirmed_date::text AS day, count(*)::int AS n FROM cases
     WHERE classification IN ('confirmed', 'probable') AND unit_path LIKE ${`${path}%`}
       AND confirmed_date > ${TODAY}::date - 30 AND confirmed_date <= ${TODAY}::date
     GROUP BY 1`.execute(db)
  const by = new Map(rows.map((r) => [r.day, Number(r.n)]))
  const week = rows.filter((r) => r.day > '2026-11-19').reduce((n, r) => n + Number(r.n), 0)
  return { today: by.get(TODAY) ?? 0, week, by }
}

beforeAll(async () => {
  t.clock.current = new Date('2026-11-10T03:00:00Z')
  admin = await t.userAgent('admin', '91')
  steering = await t.userAgent('steering', '91')
  // Rạch Giá's level published for 2026-W46 from 10/11; this week's figures published from today.
  const inputs = (cases7d: number) => ({ cases7d, oxygenPatients7d: 0, deaths7d: 0, coverage: { fullyVaccinated: 0.9, highRiskFullyVaccinated: 0.95 }, capacity: { adequate: true } })
  await ok(steering.put('/api/levels/weeks/2026-W46/inputs', { rows: [{ unitCode: RG, inputs: inputs(0) }, { unitCode: PQ, inputs: inputs(0) }] }))
  await ok(steering.post('/api/levels/weeks/2026-W46/publish', { unit: '91', effectiveFrom: '2026-11-10' }))
  t.clock.current = new Date(`${TODAY}T03:00:00Z`)
  admin = Object.assign(await t.login(admin.username), { username: admin.username })
  steering = Object.assign(await t.login(steering.username), { username: steering.username })
  office = await t.userAgent('office', '91')
  health = await t.userAgent('health', '91')
  await ok(steering.put('/api/levels/weeks/2026-W48/inputs', { rows: [{ unitCode: RG, inputs: inputs(2000) }] }))
  await ok(steering.post('/api/levels/weeks/2026-W48/publish', { unit: RG, effectiveFrom: TODAY }))

  // Cases: Rạch Giá today (one imported), Phú Quốc four days ago, one a month and a half ago.
  await caseIn(RG, 'Bảng Một', TODAY)
  await caseIn(RG, 'Bảng Hai', TODAY, 'imported')
  await caseIn(PQ, 'Bảng Ba', '2026-11-22')
  await caseIn(PQ, 'Bảng Bốn', '2026-10-10')
  // Treatment: a hospital and a station in Rạch Giá with their patients (and their cases of 15/11).
  await careFixtures(admin, RG)
  // Quarantine: a dormitory of 20 in Phú Quốc with two people, one at home.
  const facility = await ok(admin.post('/api/quarantine/facilities', { name: 'Ký túc xá Bảng', kind: 'dormitory', unitCode: PQ, capacity: 20 }), 201)
  for (const [name, setting] of [
    ['Bảng Cách Ly Một', 'facility'],
    ['Bảng Cách Ly Hai', 'facility'],
    ['Bảng Cách Ly Ba', 'home'],
  ] as const) {
    const p = await ok(admin.post('/api/people', { fullName: name, unitCode: PQ, birthYear: 1990, confirmedNew: true }), 201)
    await ok(admin.post('/api/quarantine/placements', { personId: p.id, setting, ...(setting === 'facility' ? { facilityId: facility.id } : {}), reason: 'traveller', startOn: '2026-11-24' }), 201)
  }
  // Vaccination: doses of both communes and the province's target.
  await ok(admin.post('/api/vaccination/doses', { unitCode: RG, date: '2026-11-20', entries: [{ ageGroup: '18-49', riskGroup: 'none', product: 'pfizer', dose: '1', doses: 1234 }] }))
  await ok(admin.post('/api/vaccination/doses', { unitCode: PQ, date: '2026-11-21', entries: [{ ageGroup: '50-64', riskGroup: 'none', product: 'pfizer', dose: '2', doses: 321 }] }))
  await ok(health.post('/api/vaccination/targets', { unitCode: '91', name: 'Người từ 18 tuổi tiêm đủ 2 mũi', measure: 'fully', ageGroups: ['18-49', '50-64', '65+'], share: 0.9, startsOn: '2026-10-01', deadline: '2026-12-31' }), 201)
  // Directives: a task of a Rạch Giá body whose deadline has passed, another of a Phú Quốc body.
  for (const [unitCode, symbol] of [
    [RG, '7-CV/BANG'],
    [PQ, '8-CV/BANG'],
  ] as const) {
    const org = await ok(admin.post('/api/orgs', { name: `Tổ công tác Bảng ${unitCode}`, kind: 'other', unitCode }), 201)
    const input = directiveInput(org.id, symbol)
    await ok(
      office.post('/api/directives/import', {
        ...input,
        date: '2026-11-01',
        tasks: [{ ref: '1', text: 'Báo cáo', lead: [org.id], coordinating: [], deadline: '2026-11-15', cadence: { kind: 'once' } }],
        sourceText: 'mẫu',
        uploadId: await office.upload('document', 'bang.txt', 'mẫu'),
      }),
      201,
    )
    if (unitCode === RG) await entryFixtures(admin, RG, org.id)
  }
  // Illegal entries: two in Rạch Giá yesterday (above), one in Phú Quốc of 3 people, one too old.
  for (const [occurredAt, peopleCount] of [
    ['2026-11-21T08:00:00+07:00', 3],
    ['2026-11-19T23:00:00+07:00', 5],
  ] as const) {
    await ok(admin.post('/api/entry/illegal', { unitCode: PQ, occurredAt, peopleCount, crossing: 'on_foot', reportedBy: 'commune' }), 201)
  }
})

describe('the steering committee’s board', () => {
  it('shows every figure of the province as the database counts it', { timeout: 120_000 }, async () => {
    const b = await ok(steering.get('/api/board'))
    expect(b.unit).toMatchObject({ code: '91', level: 'province' })
    expect(b.date).toBe(TODAY)

    // Cases: today, 7 days, and each day of the trend.
    const province = await casesBySql(await pathOf('91'))
    expect(province.today).toBe(2)
    expect(b.cases).toMatchObject({ today: province.today, last7Days: province.week })
    expect(b.cases.days).toHaveLength(30)
    expect(b.cases.days[0].date).toBe('2026-10-28')
    for (const d of b.cases.days) expect(d.local + d.imported, d.date).toBe(province.by.get(d.date) ?? 0)
    expect(b.cases.days.at(-1)).toEqual({ date: TODAY, local: 1, imported: 1 })

    // R: the analytics page's last window.
    const rt = await ok(steering.get('/api/analytics/rt?unit=91'))
    const last = rt.windows.at(-1)
    expect(b.rt.latest).toEqual({ dateStart: last.dateStart, dateEnd: last.dateEnd, mean: last.mean, lower: last.quantiles['0.025'], upper: last.quantiles['0.975'] })
    expect(b.rt.serialInterval.meanDays).toBe(rt.serialInterval.meanDays)

    // Levels: Rạch Giá at this week's published level from today, Phú Quốc at W46's, the rest none.
    const published = await db.selectFrom('levelAssessments as a').innerJoin('units as u', 'u.id', 'a.unitId').select(['u.code', 'a.weekStart', 'a.computedLevel', 'a.overrideLevel']).where('a.status', '=', 'published').execute()
    const levelOf = (code: string, week: string) => {
      const r = published.find((x) => x.code === code && String(x.weekStart).startsWith(week))!
      return r.overrideLevel ?? r.computedLevel
    }
    const rg = b.levels.communes.find((c: { code: string }) => c.code === RG)
    const pq = b.levels.communes.find((c: { code: string }) => c.code === PQ)
    expect(rg).toMatchObject({ level: levelOf(RG, '2026-11-23'), thisWeek: levelOf(RG, '2026-11-23'), since: TODAY })
    expect(pq).toMatchObject({ level: levelOf(PQ, '2026-11-09'), thisWeek: null, since: '2026-11-10' })
    expect(b.levels).toMatchObject({ week: '2026-W48', weekStart: '2026-11-23', published: 1 })
    const communes = await db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).where('path', 'like', `${await pathOf('91')}%`).where('level', '=', 'commune').where('validTo', 'is', null).executeTakeFirstOrThrow()
    expect(b.levels.communes).toHaveLength(Number(communes.n))
    expect(Object.values(b.levels.counts).reduce((a: number, n) => a + (n as number), 0)).toBe(Number(communes.n))
    expect(b.levels.counts['0']).toBe(Number(communes.n) - 2)

    // Quarantine: capacity of the facilities not closed, people present today at them and at home.
    const q = await sql<{ capacity: number; atFacilities: number; atHome: number }>`
      SELECT (SELECT sum(capacity)::int FROM quarantine_facilities WHERE status <> 'closed') AS capacity,
             (SELECT count(*)::int FROM quarantine_placements WHERE status = 'active' AND setting = 'facility' AND start_on <= ${TODAY}::date) AS "atFacilities",
             (SELECT count(*)::int FROM quarantine_placements WHERE status = 'active' AND setting <> 'facility' AND start_on <= ${TODAY}::date) AS "atHome"`.execute(db)
    expect(b.quarantine).toMatchObject({ ...q.rows[0], occupancy: Math.round((2 / 20) * 1000) / 1000 })
    expect(q.rows[0]).toEqual({ capacity: 20, atFacilities: 2, atHome: 1 })

    // Treatment beds and the patients in them.
    const beds = await sql<{ beds: number; occupied: number; home: number }>`
      SELECT (SELECT sum(beds_regular + beds_oxygen + beds_icu + beds_ventilator)::int FROM care_facilities WHERE status <> 'closed') AS beds,
             (SELECT count(*)::int FROM care_admissions WHERE status = 'active') AS occupied,
             (SELECT count(*)::int FROM care_home_patients WHERE status = 'active') AS home`.execute(db)
    expect(b.care).toMatchObject({ beds: beds.rows[0]!.beds, occupied: beds.rows[0]!.occupied, homeCare: beds.rows[0]!.home })
    expect(b.care.beds).toBe(17)

    // Vaccination: the coverage page's figures against the province's target.
    const cov = await ok(steering.get(`/api/vaccination/coverage?unit=91&date=${TODAY}`))
    expect(b.vaccination).toMatchObject({ all: { atLeastOneShare: cov.totals.all.atLeastOneShare, fullyShare: cov.totals.all.fullyShare }, behind: cov.behind.length, communes: cov.communes.length })
    expect(b.vaccination.target).toMatchObject({ name: 'Người từ 18 tuổi tiêm đủ 2 mũi', share: 0.9, deadline: '2026-12-31' })
    expect(b.vaccination.progress.status).toBe(cov.progress.status)
    const doses = await db.selectFrom('vaccinationDoses').select((eb) => eb.fn.sum<number>('doses').as('n')).where('dose', '=', '1').executeTakeFirstOrThrow()
    expect(cov.totals.all.atLeastOne).toBe(Number(doses.n))

    // Directives: late assignments as stored.
    const late = await db.selectFrom('taskAssignments').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'late').executeTakeFirstOrThrow()
    expect(Number(late.n)).toBe(2)
    expect(b.directives).toMatchObject({ overdue: 2 })

    // Illegal entries of the last 7 days (Vietnam time).
    const ill = await sql<{ cases: number; people: number }>`
      SELECT count(*)::int AS cases, sum(people_count)::int AS people FROM entry_illegal_cases
       WHERE occurred_at >= (${TODAY}::date - 6)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`.execute(db)
    expect(ill.rows[0]).toEqual({ cases: 3, people: 5 })
    expect(b.entry).toMatchObject({ from: '2026-11-20', to: TODAY, ...ill.rows[0] })

    expect(b.omitted).toEqual([])
    expect(JSON.stringify(b).length).toBeLessThan(50_000)
  })

  it('narrows to a unit; a commune sees only its own; another province is refused', { timeout: 120_000 }, async () => {
    const pqPath = await pathOf(PQ)
    const byAdmin = await ok(admin.get(`/api/board?unit=${PQ}`))
    const commune = await t.userAgent('commune', PQ)
    const own = await ok(commune.get('/api/board'))
    for (const b of [byAdmin, own]) {
      const pq = await casesBySql(pqPath)
      expect(b.unit.code).toBe(PQ)
      expect(b.cases).toMatchObject({ today: pq.today, last7Days: pq.week })
      expect(b.cases.last7Days).toBe(1)
      expect(b.quarantine).toMatchObject({ capacity: 20, atFacilities: 2, atHome: 1 })
      expect(b.care).toMatchObject({ beds: 0, occupied: 0 })
      expect(b.directives.overdue).toBe(1)
      expect(b.entry).toMatchObject({ cases: 1, people: 3 })
    }
    // The commune's level list names its hamlets, nothing of Rạch Giá.
    expect(JSON.stringify(own)).not.toContain(RG)
    expect((await commune.get(`/api/board?unit=${RG}`)).statusCode).toBe(403)
    expect((await commune.get('/api/board?unit=91')).statusCode).toBe(403)
    const outsider = await t.userAgent('admin', OTHER_PROVINCE)
    expect((await outsider.get(`/api/board?unit=${PQ}`)).statusCode).toBe(403)
    const theirs = await ok(outsider.get('/api/board'))
    expect(theirs.unit.code).toBe(OTHER_PROVINCE)
    expect(theirs.cases).toMatchObject({ today: 0, last7Days: 0 })
    expect(theirs.directives.overdue).toBe(0)
    expect(theirs.entry).toMatchObject({ cases: 0, people: 0 })
    expect((await commune.get('/api/board?unit=abc')).statusCode).toBe(400)
  })

  it('leaves out, by name, what the caller may not read; reuses the answer until what it reads changes', { timeout: 120_000 }, async () => {
    const b = await ok(office.get('/api/board'))
    expect(b.omitted.map((o: { section: string }) => o.section)).toEqual(['quarantine', 'care', 'entry'])
    expect(b.omitted[0]).toMatchObject({ title: 'Cách ly y tế', reason: 'permission' })
    expect([b.quarantine, b.care, b.entry]).toEqual([null, null, null])
    expect(b.cases.today).toBe(2)
    expect(b.directives.overdue).toBe(2)
    expect(b.levels.published).toBe(1)
    const again = await ok(office.get('/api/board'))
    expect(again).toEqual(b)
    // A count changed without announcing it (its trigger off): the kept answer is still served,
    // through writes to what the board does not read (a sign-in, a follow-up's table).
    const rgPath = await pathOf(RG)
    await sql`ALTER TABLE case_day_counts DISABLE TRIGGER case_day_counts_announce_cases`.execute(db)
    await sql`UPDATE case_day_counts SET n = n + 40 WHERE unit_path = ${rgPath} AND kind = 'confirmed' AND day = ${TODAY}::date AND source_kind = 'unknown'`.execute(db)
    await sql`ALTER TABLE case_day_counts ENABLE TRIGGER case_day_counts_announce_cases`.execute(db)
    await t.login(admin.username)
    await sql`UPDATE contact_followups SET updated_at = now()`.execute(db)
    expect((await ok(office.get('/api/board'))).cases.today).toBe(2)
    // A new case is announced: the board is read again (with the unannounced 40 as well).
    await caseIn(RG, 'Bảng Năm', TODAY)
    expect((await ok(office.get('/api/board'))).cases.today).toBe(43)
    await sql`UPDATE case_day_counts SET n = n - 40 WHERE unit_path = ${rgPath} AND kind = 'confirmed' AND day = ${TODAY}::date AND source_kind = 'unknown'`.execute(db)
    expect((await ok(office.get('/api/board'))).cases.today).toBe(3)
    // Each section is kept on its own: a new case reads the cases again, not the vaccination (doses
    // changed unannounced stay unseen), and doses entered move the vaccination.
    const doses = async () => (await ok(steering.get('/api/board'))).vaccination.all.atLeastOneShare as number
    const before = await doses()
    const unannounced = async (delta: number) => {
      await sql`ALTER TABLE vaccination_doses DISABLE TRIGGER vaccination_doses_announce_vaccination`.execute(db)
      await sql`UPDATE vaccination_doses SET doses = doses + ${delta} WHERE dose = '1'`.execute(db)
      await sql`ALTER TABLE vaccination_doses ENABLE TRIGGER vaccination_doses_announce_vaccination`.execute(db)
    }
    await unannounced(100_000)
    await caseIn(PQ, 'Bảng Sáu', TODAY)
    const afterCase = await ok(steering.get('/api/board'))
    expect(afterCase.cases.today).toBe(4)
    expect(afterCase.vaccination.all.atLeastOneShare).toBe(before)
    await unannounced(-100_000)
    await ok(admin.post('/api/vaccination/doses', { unitCode: RG, date: '2026-11-25', entries: [{ ageGroup: '18-49', riskGroup: 'none', product: 'pfizer', dose: '1', doses: 5000 }] }))
    expect(await doses()).toBeGreaterThan(before)
    const entries = (await ok(steering.get('/api/board'))).entry.cases as number
    await ok(admin.post('/api/entry/illegal', { unitCode: PQ, occurredAt: '2026-11-25T08:00:00+07:00', peopleCount: 1, crossing: 'on_foot', reportedBy: 'commune' }), 201)
    expect((await ok(steering.get('/api/board'))).entry.cases).toBe(entries + 1)
  })
})
