import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../test/harness.ts'
import { inTransaction } from '../../platform/context.ts'
import * as records from './recordsRepo.ts'

const t = await testApp()
const db = t.database.db
const RG = '30742' // phường Rạch Giá
const PQ = '31078' // đặc khu Phú Quốc
const HT = '30769' // phường Hà Tiên

let rg: Agent & { username: string }
let pq: Agent
let health: Agent

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

/** The counts kept in vaccination_doses equal a GROUP BY over the records. */
async function expectCountsExact() {
  const kept = await sql`
    SELECT unit_id, unit_path, dose_date::text AS d, age_group, risk_group, product, dose, doses::int AS n
      FROM vaccination_doses WHERE source = 'records' ORDER BY 1, 3, 4, 5, 6, 7`.execute(db)
  const counted = await sql`
    SELECT unit_id, min(unit_path) AS unit_path, dose_date::text AS d, age_group, risk_group, product, dose, count(*)::int AS n
      FROM vaccination_records GROUP BY unit_id, dose_date, age_group, risk_group, product, dose ORDER BY 1, 3, 4, 5, 6, 7`.execute(db)
  expect(kept.rows).toEqual(counted.rows)
  return counted.rows.length
}

async function person(agent: Agent, body: Record<string, unknown>): Promise<number> {
  return (await ok(agent.post('/api/people', { confirmedNew: true, ...body }), 201)).id
}

beforeAll(async () => {
  rg = await t.userAgent('commune', RG)
  pq = await t.userAgent('commune', PQ)
  health = await t.userAgent('health', '91')
})

describe('a person’s doses', () => {
  it('records a dose on the person, counts it into the commune’s day at once, and lists it', async () => {
    const before = await ok(rg.get(`/api/vaccination/coverage?unit=${RG}&date=2026-11-25`))
    const id = await person(rg, { fullName: 'Nguyễn Thị Hoa', birthDate: '1958-03-10', sex: 'female', unitCode: RG })
    const added = await ok(rg.post(`/api/vaccination/people/${id}/doses`, { doseDate: '2026-11-02', product: 'astrazeneca', dose: '1', unitCode: RG, riskGroup: 'chronic', lot: 'AZ-1102' }), 201)
    expect(added.items).toMatchObject([{ dose: '1', doseDate: '2026-11-02', product: 'astrazeneca', productName: expect.stringContaining('AstraZeneca'), ageGroup: '65+', riskGroup: 'chronic', lot: 'AZ-1102', unitCode: RG }])
    const after = await ok(rg.get(`/api/vaccination/coverage?unit=${RG}&date=2026-11-25`))
    expect(after.communes[0].coverage.groups['65+'].atLeastOne).toBe(before.communes[0].coverage.groups['65+'].atLeastOne + 1)
    expect(after.communes[0].coverage.groups['65+'].recent.atLeastOne).toBe(before.communes[0].coverage.groups['65+'].recent.atLeastOne)
    // 68 on the day of the second dose, and fully vaccinated from then.
    await ok(rg.post(`/api/vaccination/people/${id}/doses`, { doseDate: '2026-11-24', product: 'astrazeneca', dose: '2', unitCode: RG }), 201)
    const full = await ok(rg.get(`/api/vaccination/coverage?unit=${RG}&date=2026-11-25`))
    expect(full.communes[0].coverage.groups['65+'].fully).toBe(before.communes[0].coverage.groups['65+'].fully + 1)
    expect(full.communes[0].coverage.groups['65+'].recent.fully).toBe(before.communes[0].coverage.groups['65+'].recent.fully + 1)
    const listed = await ok(rg.get(`/api/vaccination/people/${id}/doses`))
    expect(listed.items.map((i: { dose: string }) => i.dose)).toEqual(['1', '2'])
    // The read is audited as a read of personal data, naming the person.
    const read = await db.selectFrom('auditLog').select(['entityId', 'actorName']).where('entity', '=', 'vaccination_records').where('action', '=', 'read').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(read).toEqual({ entityId: String(id), actorName: rg.username })
    // The day's figures a commune edits do not show counted doses (saving them again would count them twice).
    expect((await ok(rg.get(`/api/vaccination/doses?unit=${RG}&date=2026-11-02`))).items).toEqual([])
    await expectCountsExact()
  })

  it('refuses, in Vietnamese and writing nothing, what cannot be counted', async () => {
    const noYear = await person(rg, { fullName: 'Người Không Rõ Năm Sinh', unitCode: RG })
    const child = await person(rg, { fullName: 'Bé Nhỏ', birthDate: '2022-01-15', unitCode: RG })
    const man = await person(rg, { fullName: 'Trần Văn Ba', birthYear: 1990, sex: 'male', unitCode: RG })
    const dose = { doseDate: '2026-11-10', product: 'pfizer', dose: '1', unitCode: RG }
    expect(refused(await rg.post(`/api/vaccination/people/${noYear}/doses`, dose), 400, 'NO_BIRTH_YEAR').message).toMatch(/chưa có năm sinh/)
    refused(await rg.post(`/api/vaccination/people/${child}/doses`, { ...dose, doseDate: '2027-01-14' }), 400, 'FUTURE_DATE')
    refused(await rg.post(`/api/vaccination/people/${child}/doses`, dose), 400, 'UNDER_FIVE')
    refused(await rg.post(`/api/vaccination/people/${man}/doses`, { ...dose, riskGroup: 'pregnant' }), 400, 'BAD_RISK_GROUP')
    refused(await rg.post(`/api/vaccination/people/${man}/doses`, { ...dose, dose: '3' }), 400, 'BAD_DOSE')
    refused(await rg.post(`/api/vaccination/people/${man}/doses`, { ...dose, product: 'khong-co' }), 400, 'UNKNOWN_PRODUCT')
    refused(await health.post(`/api/vaccination/people/${man}/doses`, { ...dose, unitCode: '91' }), 400, 'NOT_A_COMMUNE')
    refused(await rg.post(`/api/vaccination/people/${man}/doses`, { ...dose, unitCode: PQ }), 403)
    refused(await rg.post(`/api/vaccination/people/${man}/doses`, { ...dose, doseDate: '10/11/2026' }), 400)
    await ok(rg.post(`/api/vaccination/people/${man}/doses`, dose), 201)
    refused(await rg.post(`/api/vaccination/people/${man}/doses`, { ...dose, doseDate: '2026-11-11' }), 400, 'DOSE_ORDER')
    expect(refused(await rg.post(`/api/vaccination/people/${man}/doses`, { ...dose, dose: '2', doseDate: '2026-11-09' }), 400, 'DOSE_ORDER').message).toBe('Mũi 2 phải tiêm sau mũi 1 (ngày 10/11/2026).')
    // Another commune neither sees the person's doses nor records one.
    refused(await pq.get(`/api/vaccination/people/${man}/doses`), 404)
    refused(await pq.post(`/api/vaccination/people/${man}/doses`, { ...dose, unitCode: PQ, dose: '2', doseDate: '2026-11-20' }), 404)
    expect((await ok(rg.get(`/api/vaccination/people/${man}/doses`))).items).toHaveLength(1)
    expect(await db.selectFrom('vaccinationRecords').select('id').where('personId', 'in', [noYear, child]).execute()).toEqual([])
    await expectCountsExact()
  })

  it('keeps counted records apart from entered figures of the same day and group', async () => {
    const id = await person(rg, { fullName: 'Lý Văn Tư', birthYear: 1985, unitCode: RG })
    const day = { unitCode: RG, date: '2026-11-12', entries: [{ ageGroup: '18-49', riskGroup: 'none', product: 'moderna', dose: '1', doses: 40 }] }
    await ok(rg.post('/api/vaccination/doses', day))
    await ok(rg.post(`/api/vaccination/people/${id}/doses`, { doseDate: '2026-11-12', product: 'moderna', dose: '1', unitCode: RG }), 201)
    // Entering the day again corrects the figure and leaves the counted dose alone.
    await ok(rg.post('/api/vaccination/doses', { ...day, entries: [{ ...day.entries[0], doses: 41 }] }))
    const rows = await db.selectFrom('vaccinationDoses').select(['source', 'doses']).where('doseDate', '=', '2026-11-12').where('product', '=', 'moderna').where('unitId', 'like', `%:${RG}`).orderBy('source').execute()
    expect(rows).toEqual([
      { source: 'entered', doses: 41 },
      { source: 'records', doses: 1 },
    ])
    const daily = await ok(rg.get(`/api/vaccination/daily?unit=${RG}&from=2026-11-12&to=2026-11-12`))
    expect(daily.items).toEqual([{ date: '2026-11-12', first: 42, fully: 0, booster: 0 }])
    await expectCountsExact()
  })

  it('keeps the counts exact through a change of date, product, dose, commune and a deletion', async () => {
    const id = await person(health, { fullName: 'Đỗ Thị Năm', birthYear: 2010, sex: 'female', unitCode: RG })
    const a = await ok(health.post(`/api/vaccination/people/${id}/doses`, { doseDate: '2026-10-05', product: 'pfizer', dose: '1', unitCode: RG }), 201)
    const b = await ok(health.post(`/api/vaccination/people/${id}/doses`, { doseDate: '2026-11-02', product: 'pfizer', dose: '2', unitCode: RG }), 201)
    await expectCountsExact()
    // 16 in 2026 by year of birth: 12–17.
    expect(a.items[0].ageGroup).toBe('12-17')
    await ok(health.patch(`/api/vaccination/records/${b.id}`, { doseDate: '2026-11-03', product: 'moderna', unitCode: HT }))
    await expectCountsExact()
    await ok(health.patch(`/api/vaccination/records/${a.id}`, { dose: 'booster', doseDate: '2026-11-20' }))
    await expectCountsExact()
    refused(await health.patch(`/api/vaccination/records/${a.id}`, { dose: '2' }), 400, 'DOSE_ORDER')
    // A commune changes or removes only doses given in its own area.
    refused(await pq.patch(`/api/vaccination/records/${b.id}`, { lot: 'X' }), 404)
    refused(await pq.delete(`/api/vaccination/records/${b.id}`), 404)
    refused(await rg.delete(`/api/vaccination/records/${b.id}`), 404) // given at Hà Tiên
    await ok(health.delete(`/api/vaccination/records/${b.id}`))
    await ok(rg.delete(`/api/vaccination/records/${a.id}`))
    refused(await rg.delete(`/api/vaccination/records/${a.id}`), 404)
    expect((await ok(health.get(`/api/vaccination/people/${id}/doses`))).items).toEqual([])
    await expectCountsExact()
  })

  it('keeps the counts exact through set-based writes of many records in one statement', async () => {
    const ids: number[] = []
    for (let i = 0; i < 24; i++) ids.push(await person(health, { fullName: `Người Thử Số ${i}`, birthYear: 1940 + i * 3, unitCode: i % 2 ? RG : HT }))
    const unit = async (code: string) => db.selectFrom('units').select(['id', 'path']).where('code', '=', code).where('validTo', 'is', null).orderBy('period', 'desc').executeTakeFirstOrThrow()
    const [rgU, htU] = [await unit(RG), await unit(HT)]
    const rows = ids.flatMap((personId, i) =>
      (['1', '2'] as const).map((dose) => ({
        personId,
        doseDate: dose === '1' ? `2026-09-0${1 + (i % 3)}` : `2026-10-0${1 + (i % 3)}`,
        product: i % 4 ? 'pfizer' : 'sinopharm',
        dose,
        unitId: (i % 2 ? rgU : htU).id,
        unitPath: (i % 2 ? rgU : htU).path,
        ageGroup: (1940 + i * 3 <= 1961 ? '65+' : 1940 + i * 3 <= 1976 ? '50-64' : '18-49') as '65+' | '50-64' | '18-49',
        riskGroup: (i % 5 ? 'none' : 'chronic') as 'none' | 'chronic',
        lot: null,
      })),
    )
    expect(await inTransaction(t.ctx, (tx) => records.upsertRecords(tx.db, t.ctx.access, rows, { jobId: 1, userId: null }))).toEqual({ inserted: 48, updated: 0 })
    expect(await expectCountsExact()).toBeGreaterThan(5)
    // One statement moves half the doses to another day, product and commune, another deletes a third.
    await sql`UPDATE vaccination_records SET dose_date = dose_date + 1, product = 'moderna', unit_id = ${rgU.id}, unit_path = ${rgU.path} WHERE person_id = ANY(${ids.filter((_, i) => i % 2 === 0)}::bigint[])`.execute(db)
    await expectCountsExact()
    await sql`UPDATE vaccination_records SET dose = CASE dose WHEN '2' THEN 'booster' ELSE dose END, risk_group = 'frontline' WHERE person_id = ANY(${ids.slice(0, 6)}::bigint[])`.execute(db)
    await expectCountsExact()
    await sql`DELETE FROM vaccination_records WHERE person_id = ANY(${ids.filter((_, i) => i % 3 === 0)}::bigint[])`.execute(db)
    await expectCountsExact()
    // The same rows written again change nothing (people left as written: odd, not deleted, not changed to a booster).
    const again = rows.filter((r) => ids.indexOf(r.personId) % 3 !== 0 && ids.indexOf(r.personId) % 2 === 1 && ids.indexOf(r.personId) >= 6)
    expect(await inTransaction(t.ctx, (tx) => records.upsertRecords(tx.db, t.ctx.access, again, { jobId: 1, userId: null }))).toEqual({ inserted: 0, updated: 0 })
    await expectCountsExact()
  })

  it('refuses to merge two records of one person that both hold the same dose', async () => {
    const a = await person(rg, { fullName: 'Võ Văn Gộp', birthYear: 1970, unitCode: RG })
    const b = await person(rg, { fullName: 'Võ Văn Gộp', birthYear: 1970, unitCode: RG })
    await ok(rg.post(`/api/vaccination/people/${a}/doses`, { doseDate: '2026-09-01', product: 'pfizer', dose: '1', unitCode: RG }), 201)
    await ok(rg.post(`/api/vaccination/people/${b}/doses`, { doseDate: '2026-09-02', product: 'pfizer', dose: '1', unitCode: RG }), 201)
    refused(await rg.post(`/api/people/${a}/merge`, { from: b }), 409, 'MERGE_DOSES')
    const bDoses = await ok(rg.get(`/api/vaccination/people/${b}/doses`))
    await ok(rg.delete(`/api/vaccination/records/${bDoses.items[0].id}`))
    await ok(rg.post(`/api/vaccination/people/${b}/doses`, { doseDate: '2026-10-02', product: 'pfizer', dose: '2', unitCode: RG }), 201)
    await ok(rg.post(`/api/people/${a}/merge`, { from: b }))
    expect((await ok(rg.get(`/api/vaccination/people/${a}/doses`))).items.map((i: { dose: string }) => i.dose)).toEqual(['1', '2'])
    await expectCountsExact()
  })
})

describe('import of person-level doses', () => {
  async function runImport(agent: Agent, name: string, content: string | Buffer) {
    const uploadId = await agent.upload('table', name, content)
    const started = await ok(agent.post('/api/vaccination/records/imports', { uploadId }), 202)
    await t.jobs.drain()
    const job = await ok(agent.get(`/api/jobs/${started.id}`))
    expect(job.status, JSON.stringify(job)).toBe('done')
    return job
  }

  const csv = [
    'Họ tên,Năm sinh,Giới tính,CCCD,Điện thoại,Mã xã,Ngày tiêm,Vắc xin,Mũi,Số lô,Nhóm nguy cơ',
    `Phan Văn Sáu,1961,Nam,091061000111,,${RG},01/09/2026,AstraZeneca,1,AZ-1,`,
    `Phan Văn Sáu,1961,Nam,091061000111,,${RG},01/10/2026,AstraZeneca,2,AZ-2,`,
    `Mai Thị Bảy,1999,Nữ,,0912000007,${RG},03/09/2026,Pfizer-BioNTech,1,,Nhân viên y tế`,
    `Mai Thị Bảy,1999,Nữ,,0912000007,${RG},03/10/2026,Comirnaty,Mũi 2,,health_worker`,
    `Không Năm Sinh,,,,,${RG},03/10/2026,pfizer,1,,`,
    `Lê Văn Tám,1980,Nam,,,99999,03/10/2026,pfizer,1,,`,
    `Lê Văn Tám,1980,Nam,,,${RG},31/02/2026,pfizer,1,,`,
    `Phan Văn Sáu,1961,Nam,091061000111,,${RG},05/10/2026,pfizer,2,,`,
    `Cháu Nhỏ,2023,Nữ,,,${RG},03/10/2026,pfizer,1,,`,
    `Hồ Văn Chín,1975,Nam,,,${RG},03/10/2026,pfizer,2,,`,
    `Hồ Văn Chín,1975,Nam,,,${RG},04/10/2026,pfizer,1,,`,
  ].join('\n')

  it('matches or creates people, counts their doses, reports bad rows, and changes nothing the second time', async () => {
    const before = await ok(health.get(`/api/vaccination/coverage?unit=${RG}&date=2026-11-25`))
    const job = await runImport(health, 'mui-tiem-theo-nguoi.csv', csv)
    const errors = (await health.get(`/api/jobs/${job.id}/file`)).body
    expect(job.result, errors).toMatchObject({ rows: 11, inserted: 5, updated: 0, unchanged: 0, rejected: 6 })
    expect(errors).toMatch(/\n6,.*cần số CCCD hoặc năm sinh/)
    expect(errors).toMatch(/\n7,.*mã đơn vị 99999 không có hoặc nằm ngoài địa bàn/)
    expect(errors).toMatch(/\n8,.*ngày tiêm ""31\/02\/2026"" không hợp lệ/)
    expect(errors).toMatch(/\n9,.*trùng người và mũi với dòng 3/)
    expect(errors).toMatch(/\n10,.*mới 3 tuổi; độ bao phủ chỉ tính từ 5 tuổi/)
    expect(errors).toMatch(/\n12,.*Mũi 1 phải tiêm trước mũi 2 \(ngày 03\/10\/2026\)/)
    const sau = await db.selectFrom('people').select(['id', 'birthYear']).where('nationalId', '=', '091061000111').executeTakeFirstOrThrow()
    expect(sau.birthYear).toBe(1961)
    const bay = await db.selectFrom('people').select('id').where('fullName', '=', 'Mai Thị Bảy').execute()
    expect(bay).toHaveLength(1)
    const doses = await ok(health.get(`/api/vaccination/people/${bay[0]!.id}/doses`))
    expect(doses.items).toMatchObject([
      { dose: '1', product: 'pfizer', riskGroup: 'health_worker', ageGroup: '18-49' },
      { dose: '2', product: 'pfizer', riskGroup: 'health_worker' },
    ])
    const after = await ok(health.get(`/api/vaccination/coverage?unit=${RG}&date=2026-11-25`))
    expect(after.communes[0].coverage.groups['65+'].atLeastOne).toBe(before.communes[0].coverage.groups['65+'].atLeastOne + 1)
    expect(after.communes[0].coverage.groups['18-49'].fully).toBe(before.communes[0].coverage.groups['18-49'].fully + 1)
    await expectCountsExact()
    const people = await db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()

    const again = await runImport(health, 'mui-tiem-theo-nguoi-lan-2.csv', csv)
    expect(again.result).toMatchObject({ rows: 11, inserted: 0, updated: 0, unchanged: 5, rejected: 6 })
    expect(await db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual(people)
    expect(await ok(health.get(`/api/vaccination/coverage?unit=${RG}&date=2026-11-25`))).toEqual(after)

    // A corrected date is taken; the counts follow.
    const fixed = await runImport(health, 'sua.csv', `full_name,birth_year,national_id,commune_code,dose_date,product,dose\nPhan Văn Sáu,1961,091061000111,${RG},02/10/2026,astrazeneca,2\n`)
    expect(fixed.result).toMatchObject({ rows: 1, inserted: 0, updated: 1, rejected: 0, errorsFile: null })
    await expectCountsExact()
  })

  it('reads a workbook, keeps a commune to its own area and refuses a likely duplicate without CCCD', async () => {
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Mũi tiêm')
    ws.addRow(['full_name', 'birth_year', 'sex', 'national_id', 'phone', 'commune_code', 'dose_date', 'product', 'dose', 'lot', 'risk_group'])
    ws.addRow(['Đinh Văn Mười', 1950, 'Nam', '', '', PQ, '05/11/2026', 'moderna', '1', '', ''])
    ws.addRow(['Đinh Văn Mười', 1950, 'Nam', '', '', RG, '05/11/2026', 'moderna', '1', '', ''])
    // Mai Thị Bảy again with another phone: the registry's rule finds her by name, year and commune.
    ws.addRow(['Mai Thi Bay', 1999, 'Nữ', '', '0988000000', RG, '05/11/2026', 'pfizer', 'booster', '', ''])
    ws.addRow(['Mai Thị Bảy Em', 1999, 'Nữ', '', '', RG, '05/11/2026', 'pfizer', 'booster', '', ''])
    const job = await runImport(pq, 'xa.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))
    expect(job.result).toMatchObject({ rows: 4, inserted: 1, rejected: 3 })
    const mixed = await runImport(rg, 'rg.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))
    const errors = (await rg.get(`/api/jobs/${mixed.id}/file`)).body
    expect(mixed.result, errors).toMatchObject({ rows: 4, inserted: 2, rejected: 2 })
    expect(errors).toMatch(/\n2,.*mã đơn vị 31078 không có hoặc nằm ngoài địa bàn/)
    expect(errors).toMatch(/\n5,.*có thể là người đã có trong sổ: Mai Thị Bảy/)
    await expectCountsExact()
  })

  it('offers a template and fails a file without the required columns as a whole', async () => {
    const template = await health.get('/api/vaccination/records/template.csv')
    expect(template.statusCode).toBe(200)
    expect(template.body).toMatch(/^\uFEFFHọ tên,Năm sinh,Giới tính,CCCD,Điện thoại,Mã xã,Ngày tiêm,Vắc xin,Mũi,Số lô,Nhóm nguy cơ\r\n/)
    const uploadId = await health.upload('table', 'sai.csv', 'Họ tên,Ghi chú\nA,x\n')
    const started = await ok(health.post('/api/vaccination/records/imports', { uploadId }), 202)
    await t.jobs.drain()
    const job = await ok(health.get(`/api/jobs/${started.id}`))
    expect(job.status).toBe('failed')
    expect(job.error).toMatch(/Tệp thiếu cột: "Mã xã" \(commune_code\), "Ngày tiêm" \(dose_date\), "Vắc xin" \(product\), "Mũi" \(dose\)/)
  })
})
