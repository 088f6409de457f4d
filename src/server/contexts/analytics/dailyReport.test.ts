import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../test/harness.ts'
import { docxMedia, docxPart, docxText, pngSize, textLines } from '../directives/render/testing.ts'
import { dailyReportData } from './dailyReport.ts'

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

const CAPTIONS = ['Biểu đồ 1. Số ca mắc mới theo ngày xác định và nguồn lây', 'Biểu đồ 2. Tỷ lệ tiêm vắc xin theo nhóm tuổi', 'Bản đồ 1. Cấp độ dịch đang áp dụng tại các xã, phường, đặc khu']

/** The colour pictures of a PDF (image XObjects in RGB; their transparency masks left aside), with their sizes. */
function pdfImages(bytes: Buffer): { width: number; height: number }[] {
  const dicts = bytes.toString('latin1').match(/<<[^<>]*\/Subtype \/Image[^<>]*>>/g) ?? []
  return dicts
    .filter((d) => d.includes('/DeviceRGB'))
    .map((d) => ({ width: Number(/\/Width (\d+)/.exec(d)?.[1]), height: Number(/\/Height (\d+)/.exec(d)?.[1]) }))
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

    // The charts and the map: three PNG pictures of print size, each with its caption under it.
    const media = await docxMedia(bytes)
    expect(media).toHaveLength(3)
    for (const m of media) {
      expect(m.name).toMatch(/^word\/media\/.+\.png$/)
      const size = pngSize(m.bytes)
      expect(size, m.name).not.toBeNull()
      expect(size!.width).toBeGreaterThanOrEqual(800)
      expect(size!.width).toBeLessThanOrEqual(1600)
      expect(size!.height).toBeGreaterThanOrEqual(400)
      expect(size!.height).toBeLessThanOrEqual(1000)
    }
    const xml = await docxPart(bytes)
    expect((xml.match(/<pic:pic\b/g) ?? []).length).toBe(3)
    for (const caption of CAPTIONS) expect(xml).toContain(caption)
    expect(text).toContain(`Bản đồ 1. Cấp độ dịch đang áp dụng tại các xã, phường, đặc khu ngày 26/11/2026`)
    // Each picture sits inside the text width: 16.5 cm of A4 less the margins, in EMU.
    const extents = [...xml.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"/g)].map((m) => Number(m[1]))
    expect(extents).toHaveLength(3)
    for (const cx of extents) expect(cx).toBeLessThanOrEqual(Math.round((9922 / 1440) * 914400))

    // The file is its requester's only; the request is in the audit.
    const other = await t.userAgent('steering', '91')
    expect((await other.get(`/api/jobs/${job.id}/file`)).statusCode).toBeGreaterThanOrEqual(403)
    const audit = await db.selectFrom('auditLog').select(['action', 'actorName']).where('entity', '=', 'analytics').where('actorId', '=', steering.userId).execute()
    expect(audit).toContainEqual({ action: 'daily-report', actorName: `${steering.username} (job ${job.id})` })
  })

  it('reads the 30 days’ curve by source and the communes’ outlines with their level in force, as aggregates', async () => {
    const r = await dailyReportData(t.ctx, '91')
    expect(r.curve!.days).toHaveLength(30)
    expect([r.curve!.from, r.curve!.to]).toEqual(['2026-10-28', TODAY])
    const { rows } = await sql<{ day: string; kind: string; n: number }>`
      SELECT confirmed_date::text AS day, source_kind AS kind, count(*)::int AS n FROM cases
       WHERE classification IN ('confirmed', 'probable') AND confirmed_date BETWEEN ${TODAY}::date - 29 AND ${TODAY}::date GROUP BY 1, 2`.execute(db)
    expect(rows.reduce((a, x) => a + Number(x.n), 0)).toBe(3)
    for (const x of rows) expect(r.curve!.days.find((d) => d.date === x.day)![x.kind as 'linked']).toBe(Number(x.n))
    expect(r.curve!.days.reduce((a, d) => a + d.imported + d.linked + d.unknown, 0)).toBe(3)
    // Every current commune with a stored outline, and Rạch Giá's level as published.
    const outlines = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM units u JOIN unit_boundaries b ON b.unit_id = u.id WHERE u.level = 'commune' AND u.valid_to IS NULL AND u.path LIKE '/2025:91/%'`.execute(db)
    expect(r.map!.communes).toHaveLength(Number(outlines.rows[0]!.n))
    const published = await db.selectFrom('levelAssessments').select('computedLevel').where('status', '=', 'published').executeTakeFirstOrThrow()
    expect(r.map!.communes.find((c) => c.code === RG)!.level).toBe(published.computedLevel)
    expect(r.map!.communes.filter((c) => c.level !== null)).toHaveLength(1)
    expect(JSON.parse(r.map!.communes.find((c) => c.code === PQ)!.geometry).type).toBe('MultiPolygon')
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
    // The PDF carries the two charts and the map, each under its caption.
    const images = pdfImages(pdf.bytes)
    expect(images).toHaveLength(3)
    for (const i of images) expect(i.width * i.height).toBeGreaterThan(300_000)
    const pdfText = (await (await import('unpdf')).extractText(new Uint8Array(pdf.bytes), { mergePages: true })).text.replace(/\s+/g, ' ')
    for (const caption of CAPTIONS) expect(pdfText).toContain(caption)
    // A viewer may not read the cases: its report has the coverage chart and the map only, numbered from 1.
    const viewerMedia = await docxMedia(bytes)
    expect(viewerMedia).toHaveLength(2)
    expect(await docxPart(bytes)).toContain('Biểu đồ 1. Tỷ lệ tiêm vắc xin theo nhóm tuổi')
    const commune = await t.userAgent('commune', PQ)
    expect((await commune.post('/api/analytics/daily-report', { unit: RG })).statusCode).toBe(403)
    expect((await commune.post('/api/analytics/daily-report', { unit: PQ, format: 'odt' })).statusCode).toBe(400)
  })
})
