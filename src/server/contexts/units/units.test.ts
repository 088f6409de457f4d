import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Agent, testApp } from '../../../test/harness.ts'

const t = await testApp()
let viewer: Agent
let admin: Agent

beforeAll(async () => {
  viewer = await t.userAgent('viewer', '91')
  admin = await t.userAgent('admin', '91')
})


describe('the national registry', () => {
  it('holds 34 provinces and 3,321 communes of 2025, and 63 provinces before', async () => {
    const db = t.database.db
    const count = async (period: string, level: string) =>
      Number((await db.selectFrom('units').select((eb) => eb.fn.countAll().as('n')).where('period', '=', period).where('level', '=', level as 'province').executeTakeFirstOrThrow()).n)
    expect(await count('2025', 'province')).toBe(34)
    expect(await count('2025', 'commune')).toBe(3321)
    expect(await count('2008', 'province')).toBe(63)
    expect(await count('2008', 'district')).toBeGreaterThan(690)
    expect(await count('2008', 'commune')).toBeGreaterThan(10_000)
  })

  it('answers a code with the unit valid today, and another period with ?at=', async () => {
    const now = await viewer.get('/api/units/91')
    expect(now.statusCode).toBe(200)
    expect(now.json()).toMatchObject({ code: '91', name: 'An Giang', level: 'province', parentCode: null, period: '2025' })
    expect(now.json().population).toBeGreaterThan(3_500_000)
    const before = await viewer.get('/api/units/91?at=2025-06-30')
    expect(before.json()).toMatchObject({ code: '91', name: 'Kiên Giang', level: 'province', period: '2008' })
    expect(before.json().population).toBe(null)
  })

  it('lists An Giang’s 102 communes, all with a 2019 population', async () => {
    const res = await viewer.get('/api/units/91/children')
    const children = res.json().children as { code: string; population: number | null; level: string }[]
    expect(children).toHaveLength(102)
    expect(children.every((c) => c.level === 'commune' && (c.population ?? 0) > 0)).toBe(true)
    const sum = children.reduce((s, c) => s + (c.population ?? 0), 0)
    // Former An Giang (1,908,352) and Kiên Giang (1,723,067) in the 2019 census.
    expect(Math.abs(sum - (1_908_352 + 1_723_067))).toBeLessThan(20_000)
  })

  it('lists old Kiên Giang’s 15 districts before the reform', async () => {
    const res = await viewer.get('/api/units/91/children?at=2020-07-29')
    expect(res.json().children).toHaveLength(15)
    expect(res.json().children.map((c: { name: string }) => c.name)).toContain('Phú Quốc')
  })

  it('finds units whatever the diacritics and case, in both periods', async () => {
    const res = await viewer.get('/api/units/search?q=rach%20gia')
    const hits = res.json().results as { code: string; name: string; level: string; period: string; current: boolean; unitType: string }[]
    const rg = hits.filter((h) => h.name === 'Rạch Giá')
    expect(rg.some((h) => h.current && h.unitType === 'phuong' && h.period === '2025')).toBe(true)
    expect(rg.some((h) => !h.current && h.unitType === 'thanh_pho' && h.period === '2008')).toBe(true)
    const pq = (await viewer.get('/api/units/search?q=PHU%20QUOC')).json().results
    expect(pq[0]).toMatchObject({ name: 'Phú Quốc', unitType: 'dac_khu', current: true })
  })

  it('tells what an old unit became and what a new one was made of', async () => {
    const hist = (await viewer.get('/api/units/30742/history')).json()
    expect(hist.madeOf.length).toBeGreaterThan(1)
    expect(hist.madeOf.every((m: { period: string; validTo: string }) => m.period === '2008' && m.validTo === '2025-06-30')).toBe(true)
    const old = hist.madeOf[0]
    const back = (await viewer.get(`/api/units/${old.code}/history?at=2025-06-30`)).json()
    expect(back.becameInto.map((b: { code: string }) => b.code)).toContain('30742')
  })

  it('serves commune outlines with population for the map', async () => {
    const map = (await viewer.get('/api/units/91/map')).json()
    expect(map.children.features).toHaveLength(102)
    expect(map.outline.geometry.type).toMatch(/Polygon/)
    const f = map.children.features[0]
    expect(f.properties.population).toBeGreaterThan(0)
    expect(f.properties.density).toBeGreaterThan(0)
    const provinces = (await viewer.get('/api/units/map/provinces')).json()
    expect(provinces.features).toHaveLength(34)
  })
})

describe('hamlets and residents’ groups', () => {
  it('lets a commune officer add and rename a hamlet in their commune', async () => {
    const officer = await t.userAgent('commune', '30742')
    const res = await officer.post('/api/units/30742/children', { name: 'Khu phố Vĩnh Hiệp', unitType: 'khu_pho' })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ name: 'Khu phố Vĩnh Hiệp', level: 'hamlet', parentCode: '30742', local: true })
    const code = res.json().code
    const group = await officer.post(`/api/units/${code}/children`, { name: 'Tổ 5', unitType: 'to_nhan_dan' })
    expect(group.json()).toMatchObject({ level: 'group', parentCode: code })
    const renamed = await officer.patch(`/api/units/${code}`, { name: 'Khu phố Vĩnh Hiệp 2' })
    expect(renamed.json().name).toBe('Khu phố Vĩnh Hiệp 2')
    const found = (await officer.get('/api/units/search?q=vinh%20hiep%202')).json().results
    expect(found.map((u: { code: string }) => u.code)).toContain(code)
    // A name that already says its type is not repeated ("Khu phố Khu phố 1").
    expect((await officer.get(`/api/units/${code}`)).json().fullName).toBe('Khu phố Vĩnh Hiệp 2')
  })

  it('tells the caller whether they may add local units here', async () => {
    const officer = await t.userAgent('commune', '30742')
    expect((await officer.get('/api/units/30742')).json().canWriteLocal).toBe(true)
    expect((await officer.get('/api/units/31078')).json().canWriteLocal).toBe(false)
    expect((await viewer.get('/api/units/30742')).json().canWriteLocal).toBe(false)
  })

  it('refuses a hamlet in another commune and edits of official units', async () => {
    const officer = await t.userAgent('commune', '31078')
    const res = await officer.post('/api/units/30742/children', { name: 'Ấp lạ', unitType: 'ap' })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('UNIT_OUTSIDE_JURISDICTION')
    const official = await officer.patch('/api/units/31078', { name: 'Đảo Ngọc' })
    expect(official.statusCode).toBe(400)
    expect(official.json().error.code).toBe('UNIT_NOT_LOCAL')
    const notUnderProvince = await admin.post('/api/units/91/children', { name: 'Ấp sai chỗ', unitType: 'ap' })
    expect(notUnderProvince.statusCode).toBe(400)
  })

  it('does not let a viewer create hamlets', async () => {
    const res = await viewer.post('/api/units/30742/children', { name: 'Ấp X', unitType: 'ap' })
    expect(res.statusCode).toBe(403)
  })
})

describe('imports', () => {
  it('imports populations from CSV as a job with progress', async () => {
    const csv = 'Mã;Dân số;Năm;Nguồn\n30742;123.456;2024;Cục Thống kê An Giang\n31078;180000;2024;Cục Thống kê An Giang\n'
    const res = await admin.post('/api/units/import/population', { uploadId: await admin.upload('table', 'dan-so.csv', csv) })
    expect(res.statusCode).toBe(202)
    expect(res.json().status).toBe('queued')
    await t.jobs.drain()
    const job = (await admin.get(`/api/jobs/${res.json().id}`)).json()
    expect(job).toMatchObject({ status: 'done', percent: 100, progressDone: 2, progressTotal: 2 })
    const unit = (await viewer.get('/api/units/30742')).json()
    expect(unit).toMatchObject({ population: 123456, populationYear: 2024, populationSource: 'Cục Thống kê An Giang' })
  })

  it('imports populations from XLSX', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Dân số')
    ws.addRow(['Mã đơn vị', 'Dân số', 'Năm'])
    ws.addRow(['30769', 95000, 2025])
    const buf = Buffer.from(await wb.xlsx.writeBuffer())
    const res = await admin.post('/api/units/import/population', { uploadId: await admin.upload('table', 'ds.xlsx', buf) })
    await t.jobs.drain()
    expect((await admin.get(`/api/jobs/${res.json().id}`)).json().status).toBe('done')
    expect((await viewer.get('/api/units/30769')).json()).toMatchObject({ population: 95000, populationYear: 2025 })
  })

  it('writes nothing from a file with any bad row, and says which rows', async () => {
    const csv = 'Mã,Dân số\n30742,1\n99999,5\n30769,-3\n'
    const res = await admin.post('/api/units/import/population', { uploadId: await admin.upload('table', 'sai.csv', csv) })
    await t.jobs.drain()
    const job = (await admin.get(`/api/jobs/${res.json().id}`)).json()
    expect(job.status).toBe('failed')
    // Format errors and unknown codes are reported together, in line order.
    expect(job.error).toContain('2 lỗi trong tệp, chưa ghi dòng nào: dòng 3: không có đơn vị mã 99999; dòng 4')
    expect((await viewer.get('/api/units/30742')).json().population).not.toBe(1)
  })

  it('imports commune boundaries from GeoJSON inside the uploader\'s jurisdiction only', async () => {
    const square = (code: string, x: number, y: number) => ({
      type: 'Feature',
      properties: { ma: code },
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.02, y], [x + 0.02, y + 0.02], [x, y + 0.02], [x, y]]] },
    })
    // Hà Nội's Phường Hoàn Kiếm is outside An Giang: the whole file is refused, naming it.
    const outside = { type: 'FeatureCollection', features: [square('31078', 104.0, 10.2), square('00004', 105.82, 21.03)] }
    const refused = await admin.post('/api/units/import/boundaries', { uploadId: await admin.upload('geojson', 'lan.geojson', JSON.stringify(outside)) })
    await t.jobs.drain()
    const failed = (await admin.get(`/api/jobs/${refused.json().id}`)).json()
    expect(failed.status).toBe('failed')
    expect(failed.error).toContain('đối tượng 2: đơn vị mã 00004 nằm ngoài địa bàn')

    const res = await admin.post('/api/units/import/boundaries', { uploadId: await admin.upload('geojson', 'phu-quoc.geojson', JSON.stringify({ type: 'FeatureCollection', features: [square('31078', 104.0, 10.2)] })) })
    await t.jobs.drain()
    expect((await admin.get(`/api/jobs/${res.json().id}`)).json().status).toBe('done')
    const map = (await viewer.get('/api/units/91/map')).json()
    const f = map.children.features.find((x: { id: string }) => x.id === '31078')
    expect(f.properties.areaKm2).toBeGreaterThan(4)
    expect(f.properties.areaKm2).toBeLessThan(6)
  })

  it('rejects a GeoJSON file with bad geometry', async () => {
    const bad = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '30742' }, geometry: { type: 'Point', coordinates: [1, 2] } }] }
    const res = await admin.post('/api/units/import/boundaries', { uploadId: await admin.upload('geojson', 'x.geojson', JSON.stringify(bad)) })
    await t.jobs.drain()
    const job = (await admin.get(`/api/jobs/${res.json().id}`)).json()
    expect(job.status).toBe('failed')
    expect(job.error).toContain('Polygon')
  })
})
