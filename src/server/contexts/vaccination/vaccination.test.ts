import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../test/harness.ts'
import { SYSTEM } from '../../platform/context.ts'
import { coverageFor } from './service.ts'

const t = await testApp()
const db = t.database.db
const RG = '30742' // phường Rạch Giá
const PQ = '31078' // đặc khu Phú Quốc

let rg: Agent // commune officer of Rạch Giá
let pq: Agent
let health: Agent // the province's health authority
let pqHealth: Agent // the health office of Phú Quốc: imports for its own area only

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

const entry = (ageGroup: string, product: string, dose: string, doses: number, riskGroup = 'none') => ({ ageGroup, riskGroup, product, dose, doses })

beforeAll(async () => {
  rg = await t.userAgent('commune', RG)
  pq = await t.userAgent('commune', PQ)
  health = await t.userAgent('health', '91')
  pqHealth = await t.userAgent('health', PQ)
})

describe('entry by a commune', () => {
  it('lets a commune enter its own day and refuses another commune', async () => {
    const body = { unitCode: RG, date: '2026-11-02', entries: [entry('18-49', 'pfizer', '1', 30)] }
    expect(await ok(rg.post('/api/vaccination/doses', body))).toMatchObject({ inserted: 1, updated: 0 })
    refused(await pq.post('/api/vaccination/doses', body), 403)
    refused(await rg.post('/api/vaccination/doses', { ...body, unitCode: PQ }), 403)
    expect((await ok(pq.get(`/api/vaccination/doses?unit=${PQ}&date=2026-11-02`))).items).toEqual([])
    refused(await pq.get(`/api/vaccination/doses?unit=${RG}&date=2026-11-02`), 403)
  })
  it('replaces a figure entered again for the same group, never adds to it', async () => {
    const body = { unitCode: RG, date: '2026-11-02', entries: [entry('18-49', 'pfizer', '1', 35), entry('65+', 'astrazeneca', '2', 5, 'chronic')] }
    expect(await ok(rg.post('/api/vaccination/doses', body))).toMatchObject({ inserted: 1, updated: 1 })
    expect(await ok(rg.post('/api/vaccination/doses', body))).toMatchObject({ inserted: 0, updated: 0 })
    const day = await ok(rg.get(`/api/vaccination/doses?unit=${RG}&date=2026-11-02`))
    expect(day.items.map((i: { product: string; doses: number }) => [i.product, i.doses])).toEqual([
      ['pfizer', 35],
      ['astrazeneca', 5],
    ])
  })
  it('refuses bad figures with a Vietnamese message and writes nothing', async () => {
    const good = entry('18-49', 'moderna', '1', 3)
    refused(await rg.post('/api/vaccination/doses', { unitCode: RG, date: '2026-12-30', entries: [good] }), 400, 'FUTURE_DATE')
    refused(await health.post('/api/vaccination/doses', { unitCode: '91', date: '2026-11-03', entries: [good] }), 400, 'NOT_A_COMMUNE')
    refused(await rg.post('/api/vaccination/doses', { unitCode: RG, date: '2026-11-03', entries: [good, entry('18-49', 'khong-co', '1', 1)] }), 400, 'UNKNOWN_PRODUCT')
    refused(await rg.post('/api/vaccination/doses', { unitCode: RG, date: '2026-11-03', entries: [good, entry('18-49', 'pfizer', '3', 1)] }), 400, 'BAD_DOSE')
    refused(await rg.post('/api/vaccination/doses', { unitCode: RG, date: '2026-11-03', entries: [good, good] }), 400, 'DUPLICATE_ENTRY')
    refused(await rg.post('/api/vaccination/doses', { unitCode: RG, date: '2026-11-03', entries: [{ ...good, doses: -1 }] }), 400)
    expect((await ok(rg.get(`/api/vaccination/doses?unit=${RG}&date=2026-11-03`))).items).toEqual([])
  })
})

describe('coverage', () => {
  it('computes shares of a small commune by hand, and the levels input', async () => {
    // Phú Quốc counted locally: 100, 100, 500, 200, 100 (65+) and 40 high-risk under 65.
    await ok(pq.put('/api/vaccination/populations', { unitCode: PQ, populations: { '5-11': 100, '12-17': 100, '18-49': 500, '50-64': 200, '65+': 100, high_risk: 40 }, source: 'Rà soát của đặc khu' }))
    const day = (date: string, entries: ReturnType<typeof entry>[]) => ok(pq.post('/api/vaccination/doses', { unitCode: PQ, date, entries }))
    await day('2026-10-01', [entry('18-49', 'astrazeneca', '1', 300), entry('50-64', 'sinopharm', '1', 150), entry('65+', 'pfizer', '1', 80), entry('18-49', 'janssen', '1', 20, 'chronic')])
    await day('2026-11-01', [entry('18-49', 'astrazeneca', '2', 250), entry('50-64', 'sinopharm', '2', 100), entry('65+', 'pfizer', '2', 70)])
    await day('2026-11-22', [entry('18-49', 'abdala', '1', 10), entry('18-49', 'abdala', '2', 10), entry('18-49', 'abdala', '3', 7), entry('18-49', 'pfizer', 'booster', 40), entry('12-17', 'pfizer', '1', 60)])
    const c = await ok(pq.get(`/api/vaccination/coverage?unit=${PQ}&date=2026-11-25`))
    const g = c.communes[0].coverage.groups
    // 18–49: first doses 300 + 20 + 10 = 330; full 250 (AZ dose 2) + 20 (Janssen dose 1) + 7 (Abdala dose 3) = 277; 40 boosted; of 500.
    expect(g['18-49']).toMatchObject({ population: 500, atLeastOne: 330, fully: 277, boosted: 40, atLeastOneShare: 0.66, fullyShare: 0.554, boostedShare: 0.08 })
    expect(g['12-17']).toMatchObject({ atLeastOne: 60, fully: 0, atLeastOneShare: 0.6 })
    expect(c.communes[0].basis).toBe('imported')
    // Adults: (330 + 150 + 80) / 800 = 0.7; 65+ fully 70/100; everyone 5+: (277 + 100 + 70) / 1000;
    // high-risk: 65+ (70) + Janssen for a chronic patient (20) over 100 + 40.
    const expected = { adults18PlusAtLeastOneDose: 0.7, elderly65PlusFullyVaccinated: 0.7, fullyVaccinated: 0.447, highRiskFullyVaccinated: 90 / 140 }
    for (const [k, v] of Object.entries(expected)) expect(c.levels[k], k).toBeCloseTo(v, 12)
    const direct = await coverageFor({ ...t.ctx, access: SYSTEM }, PQ, '2026-11-25')
    for (const [k, v] of Object.entries(expected)) expect(direct[k as keyof typeof direct], k).toBeCloseTo(v, 12)
    // Before the November doses only first doses count.
    const october = await coverageFor(t.ctx, PQ, '2026-10-15')
    expect(october.elderly65PlusFullyVaccinated).toBe(0)
    expect(october.adults18PlusAtLeastOneDose).toBeCloseTo(550 / 800, 12)
  })

  it('derives denominators from the census by the national age shares where none was counted', async () => {
    const census = await db.selectFrom('unitPopulations as p').innerJoin('units as u', 'u.id', 'p.unitId').select(['p.population', 'p.year']).where('u.code', '=', RG).orderBy('p.year', 'desc').execute()
    const shares = await db.selectFrom('vaccinationAgeShares').select(['ageGroup', 'share']).execute()
    const pops = await ok(rg.get(`/api/vaccination/populations?unit=${RG}`))
    const latest = census.find((c) => c.year <= 2026) ?? census.at(-1)
    for (const s of shares) {
      const got = pops.groups.find((p: { ageGroup: string }) => p.ageGroup === s.ageGroup)
      expect(got.basis).toBe(latest ? 'census' : 'none')
      expect(got.population).toBe(latest ? Math.floor((latest.population * Math.round(Number(s.share) * 1e5)) / 1e5) : 0)
    }
  })

  it('measures communes against the province target and lists those falling behind', async () => {
    const target = await ok(
      health.post('/api/vaccination/targets', { unitCode: '91', name: 'Người từ 18 tuổi tiêm đủ 2 mũi', measure: 'fully', ageGroups: ['18-49', '50-64', '65+'], share: 0.9, startsOn: '2026-10-01', deadline: '2026-12-31', source: 'Kế hoạch mẫu của UBND tỉnh' }),
      201,
    )
    const c = await ok(health.get(`/api/vaccination/coverage?unit=91&date=2026-11-25&target=${target.id}`))
    const pqRow = c.communes.find((r: { code: string }) => r.code === PQ)
    // Adults fully: 277 + 100 + 70 = 447 of 800; 90 % is 720, 273 left over the 36 days after 25/11; none in the last 7 days but Abdala's 7.
    expect(pqRow.progress).toMatchObject({ targetCount: 720, remaining: 273, status: 'behind' })
    expect(pqRow.progress.perDayNeeded).toBeCloseTo(273 / 36, 12)
    expect(pqRow.progress.recentPerDay).toBeCloseTo(7 / 7, 12)
    expect(c.behind).toContain(PQ)
    // A commune officer sees the province's target on its own commune, and not the province's table.
    const own = await ok(pq.get(`/api/vaccination/coverage?unit=${PQ}&date=2026-11-25`))
    expect(own.target.id).toBe(target.id)
    expect(own.communes.map((r: { code: string }) => r.code)).toEqual([PQ])
    expect(own.progress).toEqual(pqRow.progress)
    refused(await pq.get('/api/vaccination/coverage?unit=91&date=2026-11-25'), 403)
    refused(await pq.post('/api/vaccination/targets', { unitCode: PQ, name: 'X', measure: 'fully', ageGroups: ['65+'], share: 0.9, startsOn: '2026-10-01', deadline: '2026-12-31' }), 403)
    refused(await health.post('/api/vaccination/targets', { unitCode: '91', name: 'X', measure: 'fully', ageGroups: ['65+'], share: 0.9, startsOn: '2026-12-01', deadline: '2026-11-01' }), 400, 'BAD_RANGE')
  })
})

describe('import', () => {
  const csv = [
    'Mã xã,Ngày,Nhóm tuổi,Nhóm nguy cơ,Vắc xin,Mũi,Số mũi',
    `${RG},05/11/2026,18-49,,Pfizer-BioNTech,1,12`,
    `${RG},05/11/2026,65+,Người có bệnh nền,AstraZeneca,Mũi 2,4`,
    `${RG},06/11/2026,50–64,,Vero Cell,1,1.250`,
    `${RG},31/02/2026,18-49,,pfizer,1,3`,
    `${RG},07/11/2026,0-4,,pfizer,1,3`,
    `99999,07/11/2026,18-49,,pfizer,1,3`,
    `${RG},07/11/2026,18-49,,Sputnik V,3,3`,
    `${RG},05/11/2026,18-49,,pfizer,1,13`,
    `${RG},07/11/2026,18-49,,pfizer,nhắc lại,-2`,
    '91,07/11/2026,18-49,,pfizer,1,3',
  ].join('\n')

  async function runImport(agent: Agent, name: string, content: string) {
    const uploadId = await agent.upload('table', name, content)
    const started = await ok(agent.post('/api/vaccination/imports', { uploadId }), 202)
    await t.jobs.drain()
    const job = await ok(agent.get(`/api/jobs/${started.id}`))
    expect(job.status, JSON.stringify(job)).toBe('done')
    return job
  }

  it('writes good rows, reports bad ones with line and reason, and changes nothing the second time', async () => {
    const job = await runImport(health, 'mui-tiem.csv', csv)
    const errors = (await health.get(`/api/jobs/${job.id}/file`)).body
    expect(job.result, errors).toMatchObject({ rows: 10, inserted: 3, updated: 0, unchanged: 0, rejected: 7 })
    expect(errors).toMatch(/\n5,.*ngày ""31\/02\/2026"" không hợp lệ/)
    expect(errors).toMatch(/\n6,.*nhóm tuổi ""0-4"" không hợp lệ/)
    expect(errors).toMatch(/\n7,.*mã đơn vị 99999 không có hoặc nằm ngoài địa bàn/)
    expect(errors).toMatch(/\n8,.*Sputnik V .*chỉ có 2 mũi cơ bản, không có mũi 3/)
    expect(errors).toMatch(/\n9,.*trùng xã, ngày, nhóm, vắc xin và mũi với dòng 2/)
    expect(errors).toMatch(/\n10,.*số mũi ""-2"" phải là số nguyên/)
    expect(errors).toMatch(/\n11,.*mã 91 không phải xã, phường, đặc khu/)
    const day = await ok(rg.get(`/api/vaccination/doses?unit=${RG}&date=2026-11-06`))
    expect(day.items).toMatchObject([{ ageGroup: '50-64', product: 'sinopharm', dose: '1', doses: 1250, source: 'imported' }])
    const before = await ok(rg.get(`/api/vaccination/coverage?unit=${RG}&date=2026-11-25`))

    const again = await runImport(health, 'mui-tiem-lan-2.csv', csv)
    expect(again.result).toMatchObject({ rows: 10, inserted: 0, updated: 0, unchanged: 3, rejected: 7 })
    expect(await ok(rg.get(`/api/vaccination/coverage?unit=${RG}&date=2026-11-25`))).toEqual(before)

    const corrected = await runImport(health, 'mui-tiem-sua.csv', `Mã xã;Ngày;Nhóm tuổi;Vắc xin;Mũi;Số mũi\n${RG};05/11/2026;18-49;pfizer;1;15\n`)
    expect(corrected.result).toMatchObject({ rows: 1, inserted: 0, updated: 1, rejected: 0, errorsFile: null })
  })

  it('lets a commune send and import its own figures, and not a viewer', async () => {
    const job = await runImport(rg, 'xa-rach-gia.csv', `Mã xã,Ngày,Nhóm tuổi,Vắc xin,Mũi,Số mũi\n${RG},04/11/2026,65+,pfizer,1,7\n`)
    expect(job.result).toMatchObject({ inserted: 1, rejected: 0 })
    const viewer = await t.userAgent('viewer', '91')
    await expect(viewer.upload('table', 'x.csv', 'a,b\n1,2\n')).rejects.toThrow(/: 403 /)
  })

  it('refuses rows outside the importer’s area', async () => {
    const job = await runImport(pqHealth, 'xa-khac.csv', `Mã xã,Ngày,Nhóm tuổi,Vắc xin,Mũi,Số mũi\n${RG},05/11/2026,18-49,pfizer,1,12\n`)
    expect(job.result).toMatchObject({ inserted: 0, rejected: 1 })
  })

  it('fails a file without the required columns as a whole', async () => {
    const uploadId = await health.upload('table', 'sai.csv', 'Mã xã,Ghi chú\n30742,x\n')
    const started = await ok(health.post('/api/vaccination/imports', { uploadId }), 202)
    await t.jobs.drain()
    const job = await ok(health.get(`/api/jobs/${started.id}`))
    expect(job.status).toBe('failed')
    expect(job.error).toMatch(/Tệp thiếu cột: "Ngày", "Nhóm tuổi", "Vắc xin", "Mũi", "Số mũi"/)
  })
})

describe('import of denominators', () => {
  const HT = '30769' // phường Hà Tiên
  const GT = '30796' // xã Giang Thành

  async function importPopulations(agent: Agent, name: string, content: string | Buffer) {
    const uploadId = await agent.upload('table', name, content)
    const started = await ok(agent.post('/api/vaccination/populations/imports', { uploadId }), 202)
    await t.jobs.drain()
    return ok(agent.get(`/api/jobs/${started.id}`))
  }

  it('writes each commune’s groups in place of the census-derived figures, refuses bad rows with line and reason, and changes nothing the second time', async () => {
    const before = await ok(health.get(`/api/vaccination/populations?unit=${GT}`))
    expect(before.groups.every((g: { basis: string }) => g.basis === 'census')).toBe(true)
    const csv = [
      'Mã xã;Dân số 5-11;12–17;18-49;50-64;Từ 65 tuổi;Nguy cơ cao',
      `${HT};4.100;3900;21000;9000;4200;1500`,
      `${GT};1200;;5000;;800;`,
      `${HT};1;1;1;1;1;1`,
      '99999;1;1;1;1;1;1',
      `${RG};nhiều;1;1;1;1;1`,
      '91;1;1;1;1;1;1',
    ].join('\n')
    const job = await importPopulations(health, 'dan-so.csv', csv)
    expect(job.status, JSON.stringify(job)).toBe('done')
    const errors = (await health.get(`/api/jobs/${job.id}/file`)).body
    expect(job.result, errors).toMatchObject({ rows: 13, inserted: 9, updated: 0, unchanged: 0, rejected: 4 })
    expect(errors).toMatch(/\n4,.*xã này đã có ở dòng 2/)
    expect(errors).toMatch(/\n5,.*mã đơn vị 99999 không có hoặc nằm ngoài địa bàn/)
    expect(errors).toMatch(/\n6,.*dân số nhóm 5-11 ""nhiều"" phải là số nguyên/)
    expect(errors).toMatch(/\n7,.*mã 91 không phải xã, phường, đặc khu/)
    // Giang Thành: the groups given are imported, the blank ones still derived from the census.
    const gt = await ok(health.get(`/api/vaccination/populations?unit=${GT}`))
    const by = Object.fromEntries(gt.groups.map((g: { ageGroup: string; population: number; basis: string }) => [g.ageGroup, [g.population, g.basis]]))
    expect(by['5-11']).toEqual([1200, 'imported'])
    expect(by['18-49']).toEqual([5000, 'imported'])
    expect(by['65+']).toEqual([800, 'imported'])
    expect(by['12-17'][1]).toBe('census')
    const coverage = await ok(health.get(`/api/vaccination/coverage?unit=${HT}&date=2026-11-25`))
    expect(coverage.communes[0]).toMatchObject({ code: HT, basis: 'imported' })
    expect(coverage.communes[0].coverage.groups['65+'].population).toBe(4200)
    expect(coverage.communes[0].coverage.highRisk.population).toBe(4200 + 1500)
    const stored = await db.selectFrom('vaccinationPopulations').select(['source']).where('unitId', 'like', `%:${HT}`).execute()
    expect(new Set(stored.map((s) => s.source))).toEqual(new Set(['Nhập từ tệp dan-so.csv']))

    const again = await importPopulations(health, 'dan-so.csv', csv)
    expect(again.result).toMatchObject({ rows: 13, inserted: 0, updated: 0, unchanged: 9, rejected: 4 })
  })

  it('reads an Excel workbook, corrects a figure, and keeps a commune to its own area', async () => {
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Dân số')
    ws.addRow(['Mã xã', '65+'])
    ws.addRow([GT, 850])
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer())
    const job = await importPopulations(health, 'dan-so.xlsx', xlsx)
    expect(job.result).toMatchObject({ rows: 1, inserted: 0, updated: 1, rejected: 0, errorsFile: null })
    const commune = await t.userAgent('commune', GT)
    const own = await importPopulations(commune, 'xa.csv', `Mã xã,65+\n${GT},860\n${HT},10\n`)
    expect(own.result).toMatchObject({ updated: 1, rejected: 1 })
    const failed = await importPopulations(health, 'sai.csv', 'Mã xã,Ghi chú\n30742,x\n')
    expect(failed.status).toBe('failed')
    expect(failed.error).toMatch(/Tệp thiếu cột: ít nhất một nhóm/)
  })
})
