import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../test/harness.ts'
import { docxText, textLines } from '../directives/render/testing.ts'

const t = await testApp()
const db = t.database.db
const RG = '30742' // phường Rạch Giá
const PQ = '31078' // đặc khu Phú Quốc
const TODAY = '2026-11-26'

type Res = { statusCode: number; body: string; json(): unknown }
// biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
async function ok(pending: Res | Promise<Res>, status = 200): Promise<any> {
  const res = await pending
  expect(res.statusCode, res.body).toBe(status)
  return res.json()
}

let admin: Agent
let steering: Agent & { userId: number; username: string }

async function caseIn(unitCode: string, fullName: string, confirmedDate: string) {
  const p = await ok(admin.post('/api/people', { fullName, unitCode, birthYear: 1980, confirmedNew: true }), 201)
  await ok(admin.post('/api/surveillance/cases', { personId: p.id, classification: 'confirmed', sampleDate: confirmedDate, confirmedDate }), 201)
  return p.id as number
}

/** Runs the report job for `agent` and answers the file's bytes. */
async function makeReport(agent: Agent, unit: string, format: 'docx' | 'pdf' = 'docx') {
  const job = await ok(agent.post('/api/analytics/daily-report', { unit, format }), 202)
  await t.jobs.drain()
  const done = await ok(agent.get(`/api/jobs/${job.id}`))
  expect(done.status, JSON.stringify(done)).toBe('done')
  expect(done).toMatchObject({ progressDone: 6, progressTotal: 6 })
  const file = await agent.get(`/api/jobs/${job.id}/file`)
  expect(file.statusCode).toBe(200)
  return { job: done, bytes: file.rawPayload }
}

beforeAll(async () => {
  admin = await t.userAgent('admin', '91')
  steering = await t.userAgent('steering', '91')
  // Rạch Giá's level published for 2026-W46 from 10/11, then this week's figures: it goes up.
  t.clock.current = new Date('2026-11-10T03:00:00Z')
  const inputs = (cases7d: number) => ({ cases7d, oxygenPatients7d: 0, deaths7d: 0, coverage: { fullyVaccinated: 0.9, highRiskFullyVaccinated: 0.95 }, capacity: { adequate: true } })
  await ok(steering.put('/api/levels/weeks/2026-W46/inputs', { rows: [{ unitCode: RG, inputs: inputs(0) }] }))
  await ok(steering.post('/api/levels/weeks/2026-W46/publish', { unit: RG, effectiveFrom: '2026-11-10' }))
  t.clock.current = new Date(`${TODAY}T03:00:00Z`)
  await ok(steering.put('/api/levels/weeks/2026-W48/inputs', { rows: [{ unitCode: RG, inputs: inputs(2000) }] }))

  // Two cases in Rạch Giá today, one in Phú Quốc four days ago, one a month ago.
  const first = await caseIn(RG, 'Báo Cáo Một', TODAY)
  await caseIn(RG, 'Báo Cáo Hai', TODAY)
  await caseIn(PQ, 'Báo Cáo Ba', '2026-11-22')
  await caseIn(PQ, 'Báo Cáo Bốn', '2026-10-20')
  await ok(admin.post('/api/surveillance/tests', { personId: first, method: 'pcr', sampleDate: TODAY, result: 'negative', resultDate: TODAY, lab: 'CDC An Giang' }), 201)

  // A hospital of 10 regular and 4 oxygen beds in Rạch Giá, one patient on oxygen.
  const hospital = await ok(admin.post('/api/care/facilities', { name: 'Bệnh viện Báo Cáo', tier: 2, kind: 'covid_hospital', unitCode: RG, bedsRegular: 10, bedsOxygen: 4 }), 201)
  await ok(admin.post('/api/care/admissions', { facilityId: hospital.id, personId: first, bedKind: 'oxygen', admittedOn: TODAY }), 201)

  // Rạch Giá's doses.
  await ok(admin.post('/api/vaccination/doses', { unitCode: RG, date: '2026-11-20', entries: [{ ageGroup: '18-49', riskGroup: 'none', product: 'pfizer', dose: '1', doses: 1234 }] }))
})

describe('the daily situation report', () => {
  it('writes the day’s figures of every context into a Word document that matches the database', { timeout: 120_000 }, async () => {
    const { job, bytes } = await makeReport(steering, '91')
    expect(job.result).toMatchObject({ fileName: `bao-cao-nhanh-tinh-hinh-dich-91-${TODAY}.docx` })
    const text = await docxText(bytes)
    const lines = textLines(text)
    // The state layout, ready to sign.
    expect(lines.slice(0, 12)).toEqual(expect.arrayContaining(['ỦY BAN NHÂN DÂN', 'BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', 'Tình hình dịch COVID-19 ngày 26/11/2026']))
    expect(lines.some((l) => /^Số:\s+\/BC-BCĐ$/.test(l))).toBe(true)
    expect(text).toContain('An Giang, ngày 26 tháng 11 năm 2026')
    expect(text).toContain('Ban Chỉ đạo phòng, chống dịch tỉnh An Giang báo cáo nhanh')
    expect(lines).toContain('TM. BAN CHỈ ĐẠO')

    // Cases: counted here from the database and found in the report.
    const { rows } = await sql<{ today: number; week: number }>`
      SELECT count(*) FILTER (WHERE confirmed_date = ${TODAY}::date)::int AS today, count(*) FILTER (WHERE confirmed_date > ${TODAY}::date - 7)::int AS week
        FROM cases WHERE classification IN ('confirmed', 'probable') AND confirmed_date <= ${TODAY}::date`.execute(db)
    const c = rows[0]!
    expect([c.today, c.week]).toEqual([2, 3])
    expect(text).toContain(`Trong ngày 26/11/2026 ghi nhận ${c.today} ca mắc mới; 7 ngày qua (từ 20/11/2026) ghi nhận ${c.week} ca`)
    // The communes' table: Rạch Giá (2 today, 2 in 7 days) before Phú Quốc (0, 1), then the total.
    const rg = lines.indexOf('Phường Rạch Giá')
    expect(lines.slice(rg, rg + 3)).toEqual(['Phường Rạch Giá', '2', '2'])
    const pq = lines.indexOf('Đặc khu Phú Quốc')
    expect(pq).toBeGreaterThan(rg)
    expect(lines.slice(pq, pq + 3)).toEqual(['Đặc khu Phú Quốc', '0', '1'])
    const total = lines.indexOf('Tổng cộng')
    expect(lines.slice(total, total + 3)).toEqual(['Tổng cộng', String(c.today), String(c.week)])

    // Tests of the day, as stored.
    const tests = await db.selectFrom('tests').select((eb) => eb.fn.countAll<number>().as('n')).where('sampleDate', '=', TODAY).executeTakeFirstOrThrow()
    expect(text).toContain(`Trong ngày lấy ${Number(tests.n)} mẫu`)
    // Treatment: 14 beds, one patient; the table row of oxygen beds.
    expect(text).toContain('Các cơ sở thu dung, điều trị có 14 giường, đang điều trị 1 người bệnh (7,1% công suất)')
    const oxy = lines.indexOf('Có ô xy')
    expect(lines.slice(oxy - 1, oxy + 4)).toEqual(['Tầng 2', 'Có ô xy', '4', '1', '25%'])
    // Vaccination: the 18–49 first doses as summed from the database.
    const doses = await db.selectFrom('vaccinationDoses').select((eb) => eb.fn.sum<number>('doses').as('n')).where('ageGroup', '=', '18-49').where('dose', '=', '1').executeTakeFirstOrThrow()
    const row1849 = lines.indexOf('Từ 18 đến 49 tuổi')
    expect(lines[row1849 + 2]).toBe(new Intl.NumberFormat('vi-VN').format(Number(doses.n)))
    // Levels: Rạch Giá goes up from its level in force.
    expect(text).toContain('Tuần 2026-W48 (từ 23/11/2026 đến 29/11/2026)')
    expect(text).toContain('Có 1 xã, phường thay đổi cấp độ so với cấp đang áp dụng')
    const change = lines.lastIndexOf('Phường Rạch Giá')
    const [from, to, way] = lines.slice(change + 1, change + 4)
    expect(way).toBe('Tăng')
    const held = await db.selectFrom('levelAssessments').select(['computedLevel', 'weekStart']).where('status', '=', 'published').executeTakeFirstOrThrow()
    const now = await db.selectFrom('levelAssessments').select('computedLevel').where('weekStart', '=', '2026-11-23').executeTakeFirstOrThrow()
    expect([Number(from), Number(to)]).toEqual([held.computedLevel, now.computedLevel])

    // The file is its requester's only; the request is in the audit.
    const other = await t.userAgent('steering', '91')
    expect((await other.get(`/api/jobs/${job.id}/file`)).statusCode).toBeGreaterThanOrEqual(403)
    const audit = await db.selectFrom('auditLog').select(['action', 'actorName']).where('entity', '=', 'analytics').where('actorId', '=', steering.userId).execute()
    expect(audit).toContainEqual({ action: 'daily-report', actorName: `${steering.username} (job ${job.id})` })
  })

  it('leaves out what the requester may not read and says so; a PDF too; another area is refused', { timeout: 120_000 }, async () => {
    const viewer = await t.userAgent('viewer', '91')
    const { bytes } = await makeReport(viewer, '91')
    const text = await docxText(bytes)
    expect(text).not.toContain('ghi nhận')
    expect(text).toContain('Không gồm phần tình hình ca bệnh, tiếp xúc và xét nghiệm, cách ly y tế, thu dung, điều trị: người lập báo cáo không có quyền xem.')
    expect(text).toContain('I. TIÊM CHỦNG VẮC XIN')
    expect(text).toContain('II. CẤP ĐỘ DỊCH')
    const pdf = await makeReport(steering, RG, 'pdf')
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-')
    const commune = await t.userAgent('commune', PQ)
    expect((await commune.post('/api/analytics/daily-report', { unit: RG })).statusCode).toBe(403)
    expect((await commune.post('/api/analytics/daily-report', { unit: PQ, format: 'odt' })).statusCode).toBe(400)
  })
})
