import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { shippedChecklist } from '../../../domain/safety/national.ts'
import { score } from '../../../domain/safety/score.ts'
import { type Agent, multipartFile, testApp } from '../../../test/harness.ts'
import { type Ctx, SYSTEM } from '../../platform/context.ts'
import * as repo from './repo.ts'
import { ensureShipped, latestResult, recordAssessment, remindReassessment } from './service.ts'
import { bestAnswers, lastCode, PHOTO } from './testFixtures.ts'

const t = await testApp()
const RACH_GIA = '30742'
const PHU_QUOC = '31078'
let admin: Agent
let commune: Agent
let outsider: Agent

const HEAD = { headName: 'Lâm Văn Chủ Khách Sạn', headPhone: '0987654321' }

beforeAll(async () => {
  admin = await t.userAgent('admin', '91')
  commune = await t.userAgent('commune', RACH_GIA)
  outsider = await t.userAgent('commune', PHU_QUOC)
})

async function hotel(name: string, extra: Record<string, unknown> = {}) {
  const res = await commune.post('/api/safety/facilities', { name, kind: 'hotel', unitCode: RACH_GIA, address: `${name} số 1`, lon: 105.08, lat: 10.01, ...HEAD, rooms: 30, ...extra })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: number; token: string; name: string }
}

const lodging = shippedChecklist('luu-tru-du-lich')!
const worst = Object.fromEntries(lodging.items.map((i) => [i.id, i.options.at(-1)!.id]))

describe('facilities', () => {
  it('registers a facility in the caller’s commune, holds a likely duplicate and refuses another commune', async () => {
    const f = await hotel('Khách sạn Biển Xanh')
    expect(f.token.length).toBeGreaterThanOrEqual(20)
    const dup = await commune.post('/api/safety/facilities', { name: 'Khach san Bien Xanh', kind: 'hotel', unitCode: RACH_GIA, address: 'Khách sạn Biển Xanh số 1' })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error.code).toBe('DUPLICATE_CANDIDATES')
    expect(dup.json().error.message).toMatch(/Có thể đã có cơ sở này/)
    const confirmed = await commune.post('/api/safety/facilities', { name: 'Khach san Bien Xanh', kind: 'hotel', unitCode: RACH_GIA, address: 'Khách sạn Biển Xanh số 1', confirmedNew: true })
    expect(confirmed.statusCode).toBe(201)
    const pairs = (await commune.get(`/api/safety/duplicates?unitCode=${RACH_GIA}`)).json().pairs
    expect(pairs).toContainEqual(expect.objectContaining({ a: f.id, b: confirmed.json().id }))
    const far = await outsider.post('/api/safety/facilities', { name: 'Khách sạn Lạ', kind: 'hotel', unitCode: RACH_GIA })
    expect(far.statusCode).toBe(403)
    expect((await outsider.get(`/api/safety/facilities/${f.id}`)).statusCode).toBe(404)
    expect((await outsider.get(`/api/safety/facilities?unitCode=${RACH_GIA}`)).statusCode).toBe(403)
    expect((await outsider.post('/api/safety/assessments', { facilityId: f.id, answers: bestAnswers('luu-tru-du-lich') })).statusCode).toBe(404)
  })

  it('refuses a half-given place and bad numbers in Vietnamese', async () => {
    const res = await commune.post('/api/safety/facilities', { name: 'Chợ Thiếu Vĩ Độ', kind: 'market', unitCode: RACH_GIA, lon: 105.1 })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.message).toMatch(/cả kinh độ và vĩ độ/)
    const neg = await commune.post('/api/safety/facilities', { name: 'Chợ Âm', kind: 'market', unitCode: RACH_GIA, workers: -3 })
    expect(neg.statusCode).toBe(400)
    expect(neg.json().error.message).toMatch(/Số lao động không được âm/)
  })
})

describe('POST /api/safety/assessments', () => {
  it('scores a form with the shared function and shows the result', async () => {
    const f = await hotel('Khách sạn Chấm Điểm')
    const answers = { ...bestAnswers('luu-tru-du-lich'), l2: 'mot_phan', l5: 'khong_dat' }
    const res = await commune.post('/api/safety/assessments', { facilityId: f.id, answers })
    expect(res.statusCode, res.body).toBe(201)
    const expected = score(lodging, answers)
    expect(res.json()).toMatchObject({ points: expected.points, max: expected.max, percent: expected.percent, band: expected.band, critical: [] })
    expect(res.json()).toMatchObject({ points: 85, max: 100, percent: 85, band: 'safe', validUntil: '2026-12-26' })
    const shown = (await commune.get(`/api/safety/facilities/${f.id}`)).json()
    expect(shown.result).toMatchObject({ band: 'safe', source: 'officer', validUntil: '2026-12-26', expired: false })
    expect(shown.assessments).toHaveLength(1)
  })

  it('refuses unknown items and options not offered in Vietnamese and stores nothing', async () => {
    const f = await hotel('Khách sạn Sai Đáp Án')
    const before = await t.database.db.selectFrom('safetyAssessments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const unknown = await commune.post('/api/safety/assessments', { facilityId: f.id, answers: { ...bestAnswers('luu-tru-du-lich'), l99: 'dat' } })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json().error.message).toMatch(/Tiêu chí "l99" không có trong bộ tiêu chí/)
    const option = await commune.post('/api/safety/assessments', { facilityId: f.id, answers: { ...bestAnswers('luu-tru-du-lich'), l3: 'ca_nha' } })
    expect(option.statusCode).toBe(422)
    expect(option.json().error.message).toMatch(/Tiêu chí "l3": lựa chọn "ca_nha" không được phép; chỉ chọn một trong "mot_khach"/)
    const missing = await commune.post('/api/safety/assessments', { facilityId: f.id, answers: { l1: 'dat' } })
    expect(missing.json().error.message).toMatch(/Chưa trả lời 9 tiêu chí/)
    const after = await t.database.db.selectFrom('safetyAssessments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })
})

describe('the public self-assessment', () => {
  it('verifies the contact by a code never answered, takes photos and the form, and puts the facility on the public map', async () => {
    const f = await hotel('Khách sạn Phú Quý')
    const form = await t.anon.get(`/api/public/safety/forms/${f.token}`)
    expect(form.statusCode).toBe(200)
    expect(form.json().checklist.key).toBe('luu-tru-du-lich')
    expect(form.body).not.toContain(HEAD.headName)
    expect(form.body).not.toContain(HEAD.headPhone)

    const sent = await t.anon.post(`/api/public/safety/forms/${f.token}/code`, { contact: '0901 234 567' })
    expect(sent.statusCode, sent.body).toBe(200)
    const code = await lastCode(t, f.name)
    expect(sent.body).not.toContain(code)
    expect(sent.json()).toMatchObject({ sent: true, to: '09••••••67' })

    const wrong = await t.anon.post(`/api/public/safety/forms/${f.token}/verify`, { contact: '0901234567', code: code === '000000' ? '111111' : '000000' })
    expect(wrong.statusCode).toBe(422)
    expect(wrong.json().error.message).toMatch(/Mã xác nhận không đúng/)
    const verified = await t.anon.post(`/api/public/safety/forms/${f.token}/verify`, { contact: '0901234567', code })
    expect(verified.statusCode, verified.body).toBe(200)
    const { proof } = verified.json()

    const upload = (name: string, content: Buffer, p = proof) => t.anon.request({ method: 'POST', url: `/api/public/safety/forms/${f.token}/photos?proof=${p}`, ...multipartFile(name, content) })
    const photo = await upload('sanh.jpg', PHOTO)
    expect(photo.statusCode, photo.body).toBe(201)
    const exe = await upload('virus.exe', PHOTO)
    expect(exe.statusCode).toBe(415)
    expect(exe.json().error.message).toMatch(/không đúng loại/)
    const big = await upload('to.jpg', Buffer.alloc(6 * 1024 * 1024, 1))
    expect(big.statusCode).toBe(413)
    expect(big.json().error.message).toMatch(/vượt giới hạn 5 MB/)
    expect((await upload('gia.jpg', PHOTO, 'x'.repeat(32))).statusCode).toBe(403)

    const bad = await t.anon.post(`/api/public/safety/forms/${f.token}/assessments`, { proof, answers: { ...worst, l1: 'sai' } })
    expect(bad.statusCode).toBe(422)
    expect(await t.database.db.selectFrom('safetyAssessments').select('id').where('facilityId', '=', f.id).execute()).toHaveLength(0)

    const done = await t.anon.post(`/api/public/safety/forms/${f.token}/assessments`, { proof, contactName: 'Lễ tân', answers: worst, photoIds: [photo.json().id] })
    expect(done.statusCode, done.body).toBe(201)
    expect(done.json()).toMatchObject({ points: 0, max: 100, percent: 0, band: 'unsafe' })
    const again = await t.anon.post(`/api/public/safety/forms/${f.token}/assessments`, { proof, answers: worst })
    expect(again.statusCode).toBe(403)
    expect(again.json().error.message).toMatch(/đã hết hạn hoặc đã dùng/)

    const detail = (await commune.get(`/api/safety/facilities/${f.id}`)).json()
    expect(detail.assessments[0]).toMatchObject({ source: 'self', contact: '0901234567', contactName: 'Lễ tân' })
    expect(detail.assessments[0].photos).toHaveLength(1)
    expect((await commune.get(`/api/safety/photos/${detail.assessments[0].photos[0].id}`)).statusCode).toBe(200)
    expect((await outsider.get(`/api/safety/photos/${detail.assessments[0].photos[0].id}`)).statusCode).toBe(404)

    const map = await t.anon.get(`/api/public/facilities?unit=${RACH_GIA}`)
    expect(map.statusCode).toBe(200)
    const row = map.json().facilities.find((x: { id: number }) => x.id === f.id)
    expect(row).toMatchObject({ name: 'Khách sạn Phú Quý', kind: 'hotel', band: 'unsafe', level: 5, validUntil: '2026-12-26', location: { lon: 105.08, lat: 10.01 } })
    expect(Object.keys(row).sort()).toEqual(['assessedAt', 'band', 'expired', 'id', 'kind', 'level', 'location', 'name', 'validUntil'])
    const page = await t.anon.get(`/api/public/facilities/${f.id}`)
    expect(page.json()).toMatchObject({ band: 'unsafe', bandLabel: 'Không an toàn', unit: { code: RACH_GIA } })
  })

  it('never shows a head’s name or phone, nor a contact, on any public answer', async () => {
    await hotel('Khách sạn Kín Đáo')
    const bodies = [
      (await t.anon.get(`/api/public/facilities?unit=${RACH_GIA}`)).body,
      (await t.anon.get(`/api/public/facilities?unit=91&cluster=none`)).body,
      (await t.anon.get(`/api/public/facilities?unit=91&q=kin`)).body,
    ]
    const ids = (await commune.get(`/api/safety/facilities?unitCode=${RACH_GIA}&limit=500`)).json().items.map((i: { id: number }) => i.id)
    for (const id of ids) bodies.push((await t.anon.get(`/api/public/facilities/${id}`)).body)
    for (const body of bodies) {
      for (const secret of [HEAD.headName, HEAD.headPhone, '0901234567', 'token', 'contact', 'head']) expect(body).not.toContain(secret)
    }
  })

  it('answers the map with an ETag and Cache-Control, and 304 when unchanged', async () => {
    const first = await t.anon.get(`/api/public/facilities?unit=${RACH_GIA}&bbox=105,9.9,105.2,10.1`)
    expect(first.headers['cache-control']).toBe('public, max-age=60')
    const etag = first.headers.etag as string
    expect(etag).toBeTruthy()
    const again = await t.anon.request({ method: 'GET', url: `/api/public/facilities?unit=${RACH_GIA}&bbox=105,9.9,105.2,10.1`, headers: { 'if-none-match': etag } })
    expect(again.statusCode).toBe(304)
    const outside = (await t.anon.get(`/api/public/facilities?unit=${RACH_GIA}&bbox=106,9,106.1,9.1`)).json()
    expect(outside.facilities).toEqual([])
    const badBox = await t.anon.get(`/api/public/facilities?unit=${RACH_GIA}&bbox=105,10,104,9`)
    expect(badBox.statusCode).toBe(400)
    expect(badBox.json().error.message).toMatch(/bbox không hợp lệ/)
  })

  it('answers forged links, oversized answers and a flood of requests with a clear message', async () => {
    const forged = await t.anon.get('/api/public/safety/forms/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    expect(forged.statusCode).toBe(404)
    expect(forged.json().error.message).toMatch(/Đường dẫn tự đánh giá không đúng/)
    const short = await t.anon.get('/api/public/safety/forms/abc')
    expect(short.statusCode).toBe(400)
    const f = await hotel('Khách sạn Quá Tải')
    const huge = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`x${i}`, 'dat']))
    const tooMany = await t.anon.post(`/api/public/safety/forms/${f.token}/assessments`, { proof: 'p'.repeat(32), answers: huge })
    expect(tooMany.statusCode).toBe(400)
    expect(tooMany.json().error.message).toMatch(/Tối đa 200 câu trả lời/)
    const badContact = await t.anon.post(`/api/public/safety/forms/${f.token}/code`, { contact: 'không phải số' })
    expect(badContact.statusCode).toBe(400)
    expect(badContact.json().error.message).toMatch(/số điện thoại/)
    let limited = null
    for (let i = 0; i < 80 && !limited; i++) {
      const r = await t.anon.request({ method: 'GET', url: `/api/public/safety/forms/${f.token}`, remoteAddress: '203.0.113.9' })
      if (r.statusCode === 429) limited = r
    }
    expect(limited?.json().error.message).toMatch(/Gửi quá nhiều lần/)
  })

  it('locks a code after five wrong tries and limits codes per facility', async () => {
    const f = await hotel('Khách sạn Đoán Mã')
    await t.anon.request({ method: 'POST', url: `/api/public/safety/forms/${f.token}/code`, payload: { contact: 'le.tan@khachsan.vn' }, remoteAddress: '203.0.113.20' })
    const code = await lastCode(t, f.name)
    const other = code === '000000' ? '999999' : '000000'
    for (let i = 0; i < 5; i++) await t.anon.request({ method: 'POST', url: `/api/public/safety/forms/${f.token}/verify`, payload: { contact: 'le.tan@khachsan.vn', code: other }, remoteAddress: '203.0.113.20' })
    const locked = await t.anon.request({ method: 'POST', url: `/api/public/safety/forms/${f.token}/verify`, payload: { contact: 'le.tan@khachsan.vn', code }, remoteAddress: '203.0.113.20' })
    expect(locked.statusCode).toBe(429)
    expect(locked.json().error.message).toMatch(/Nhập sai mã quá nhiều lần/)
    const g = await hotel('Khách sạn Nhiều Mã')
    const codes = []
    for (let i = 0; i < 6; i++) codes.push(await t.anon.request({ method: 'POST', url: `/api/public/safety/forms/${g.token}/code`, payload: { contact: `090000000${i}` }, remoteAddress: `203.0.113.${30 + i}` }))
    expect(codes.slice(0, 5).map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200])
    expect(codes[5]!.statusCode).toBe(429)
    expect(codes[5]!.json().error.message).toMatch(/đã yêu cầu 5 mã trong một giờ/)
  })
})

describe('the shown result', () => {
  it('lets an inspection still valid win over a later self-assessment (the override enforcement uses)', async () => {
    const f = await hotel('Khách sạn Được Kiểm Tra')
    const facility = (await repo.findFacility(t.database.db, SYSTEM, f.id))!
    const checklist = (await repo.checklistFor(t.database.db, facility.unitPath, null, 'hotel'))!
    const ctx = { db: t.database.db, access: SYSTEM, now: t.clock.now }
    await t.database.db.transaction().execute((trx) => recordAssessment({ ...ctx, db: trx }, facility, checklist, worst, { source: 'inspection', contact: null, contactName: 'Đoàn kiểm tra', note: null }))
    t.clock.advance(3600_000)
    await commune.post('/api/safety/assessments', { facilityId: f.id, answers: bestAnswers('luu-tru-du-lich') })
    expect(await latestResult({ ...ctx, access: SYSTEM }, f.id)).toMatchObject({ band: 'unsafe', source: 'inspection' })
    const map = (await t.anon.get(`/api/public/facilities?unit=${RACH_GIA}`)).json()
    expect(map.facilities.find((x: { id: number }) => x.id === f.id).band).toBe('unsafe')
  })
})

describe('checklists', () => {
  it('lists the shipped checklists with source and completeness, and saves a province version', async () => {
    const list = (await commune.get('/api/safety/checklists')).json()
    expect(list.map((c: { key: string }) => c.key)).toEqual(expect.arrayContaining(['qd2194-noi-lam-viec', 'byt-benh-vien-an-toan', 'bgddt-truong-hoc-2020', 'luu-tru-du-lich']))
    expect(list.find((c: { key: string }) => c.key === 'qd2194-noi-lam-viec')).toMatchObject({ completeness: 'partial', confidence: 'secondary' })
    expect((await commune.post('/api/safety/checklists', { checklist: { ...lodging }, reason: 'x' })).statusCode).toBe(403)
    const bad = await admin.post('/api/safety/checklists', { checklist: { ...lodging, items: [] }, reason: 'Sửa' })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().error.message).toMatch(/Cần ít nhất một tiêu chí/)
    const edited = { ...lodging, banding: { ...lodging.banding, bands: [{ band: 'safe', min: 90 }, { band: 'low_safety', min: 60 }, { band: 'unsafe' }] } }
    const saved = await admin.post('/api/safety/checklists', { checklist: edited, reason: 'An Giang nâng ngưỡng an toàn' })
    expect(saved.statusCode, saved.body).toBe(201)
    expect(saved.json()).toMatchObject({ key: 'luu-tru-du-lich', version: 2, reason: 'An Giang nâng ngưỡng an toàn' })
    const f = await hotel('Khách sạn Ngưỡng Mới')
    const answers = { ...bestAnswers('luu-tru-du-lich'), l2: 'mot_phan', l5: 'khong_dat' } // 85%
    const res = await commune.post('/api/safety/assessments', { facilityId: f.id, answers })
    expect(res.json()).toMatchObject({ percent: 85, band: 'low_safety', checklist: { version: 2 } })
    const audit = await t.database.db.selectFrom('auditLog').select('actorName').where('entity', '=', 'safety_checklists').where('action', '=', 'insert').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(audit.actorName).not.toBe('system')
  })
})

describe('import', () => {
  it('imports good rows as a job and lists bad and duplicate rows with their reason', async () => {
    await hotel('Khách sạn Đã Có')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Cơ sở')
    ws.addRow(['Tên cơ sở', 'Loại', 'Mã xã', 'Địa chỉ', 'Kinh độ', 'Vĩ độ', 'Người đứng đầu', 'Điện thoại', 'Số lao động'])
    ws.addRow(['Chợ Rạch Giá', 'Chợ', RACH_GIA, 'Đường Trần Phú', 105.081, 10.012, 'Ông Chợ', '0909111222', 12])
    ws.addRow(['Nhà máy Thủy sản Kiên Giang', 'nhà máy', RACH_GIA, 'KCN Thạnh Lộc', 105.1, 10.05, '', '', 800])
    ws.addRow(['Quán Lạ', 'tàu vũ trụ', RACH_GIA, '', '', '', '', '', ''])
    ws.addRow(['Trường Xa', 'Trường học', '99999', '', '', '', '', '', ''])
    ws.addRow(['Chợ Rạch Giá', 'Chợ', RACH_GIA, 'Đường Trần Phú', '', '', '', '', ''])
    ws.addRow(['Khách sạn Đã Có', 'Khách sạn', RACH_GIA, 'Khách sạn Đã Có số 1', '', '', '', '', ''])
    ws.addRow(['Siêu thị Số Âm', 'Siêu thị', RACH_GIA, '', '', '', '', '', -5])
    const content = Buffer.from(await wb.xlsx.writeBuffer())
    const health = await t.userAgent('health', '91')
    const uploadId = await health.upload('table', 'co-so.xlsx', content)
    const started = await health.post('/api/safety/imports', { uploadId })
    expect(started.statusCode, started.body).toBe(202)
    await t.jobs.drain()
    const job = (await health.get(`/api/jobs/${started.json().id}`)).json()
    expect(job.status, JSON.stringify(job)).toBe('done')
    const errors = (await health.get(`/api/jobs/${started.json().id}/file`)).body
    expect(job.result, errors).toMatchObject({ imported: 2, rejected: 5, rows: 7 })
    expect(errors).toMatch(/4,.*loại ""tàu vũ trụ"" không có trong danh mục/)
    expect(errors).toMatch(/5,.*mã đơn vị 99999 không có hoặc nằm ngoài địa bàn/)
    expect(errors).toMatch(/6,.*trùng tên và địa chỉ với dòng 2/)
    expect(errors).toMatch(/7,.*trùng tên và địa chỉ với cơ sở đã có #\d+/)
    expect(errors).toMatch(/8,.*số lao động ""-5"" phải là số nguyên từ 0 đến 1000000/)
    const list = (await commune.get(`/api/safety/facilities?unitCode=${RACH_GIA}&q=thuy san`)).json()
    expect(list.items).toHaveLength(1)
    expect(list.items[0]).toMatchObject({ kind: 'factory', workers: 800, location: { lon: 105.1, lat: 10.05 } })
  })

  it('refuses a file without the required columns as a whole', async () => {
    const health = await t.userAgent('health', '91')
    const uploadId = await health.upload('table', 'sai.csv', 'Tên,Ghi chú\nA,B\n')
    const started = await health.post('/api/safety/imports', { uploadId })
    await t.jobs.drain()
    const job = (await health.get(`/api/jobs/${started.json().id}`)).json()
    expect(job.status).toBe('failed')
    expect(job.error).toMatch(/Tệp thiếu cột: "Loại", "Mã xã"/)
  })
})

/** An assessment stored as the service does it: the inspection's findings the worst, an officer's the best. */
function recordAssessmentAs(ctx: Ctx, facility: repo.FacilityRow, checklist: repo.ChecklistRow, source: 'inspection' | 'officer') {
  const answers = source === 'inspection' ? worst : bestAnswers('luu-tru-du-lich')
  return t.database.db.transaction().execute((trx) => recordAssessment({ ...ctx, db: trx }, facility, checklist, answers, { source, contact: null, contactName: 'Đoàn kiểm tra', note: null }))
}

describe('reminders', () => {
  it('tells the commune once when a result is about to end', async () => {
    const f = await hotel('Khách sạn Sắp Hết Hạn')
    await commune.post('/api/safety/assessments', { facilityId: f.id, answers: bestAnswers('luu-tru-du-lich') })
    const ctx = { db: t.database.db, access: SYSTEM, now: t.clock.now }
    const early = await remindReassessment(ctx)
    const notes = () => t.database.db.selectFrom('notifications').select('title').where('kind', '=', 'safety.reassess').where('title', 'like', '%Sắp Hết Hạn').execute()
    expect(await notes()).toHaveLength(0)
    expect(early.reminded).toBeGreaterThanOrEqual(0)
    t.clock.advance(28 * 86_400_000)
    await remindReassessment(ctx)
    await remindReassessment(ctx)
    expect((await notes()).length).toBeGreaterThanOrEqual(1)
    const titles = await notes()
    expect(new Set(titles.map((x) => x.title)).size).toBe(1)
  })

  it('decides an inspection’s validity on the application’s day, and takes it off the map once expired', async () => {
    const saved = t.clock.current
    const officer = await t.userAgent('commune', RACH_GIA)
    const made = await officer.post('/api/safety/facilities', { name: 'Khách sạn Đồng Hồ Ứng Dụng', kind: 'hotel', unitCode: RACH_GIA, address: 'số 9', ...HEAD })
    expect(made.statusCode, made.body).toBe(201)
    const f = made.json() as { id: number }
    await ensureShipped(t.ctx)
    // A day long before the database's own clock (a demo set in 2021): the inspection is still valid on it.
    t.clock.current = new Date('2021-11-10T03:00:00Z')
    try {
      const facility = (await repo.findFacility(t.database.db, SYSTEM, f.id))!
      const checklist = (await repo.checklistFor(t.database.db, facility.unitPath, null, 'hotel'))!
      const ctx = { db: t.database.db, access: SYSTEM, now: t.clock.now }
      const found = await recordAssessmentAs(ctx, facility, checklist, 'inspection')
      expect(found.validUntil < '2022-06-01').toBe(true)
      t.clock.advance(3600_000)
      await recordAssessmentAs(ctx, facility, checklist, 'officer')
      expect(await latestResult(ctx, f.id)).toMatchObject({ band: 'unsafe', source: 'inspection', validUntil: found.validUntil })
      // The day after the inspection's validity: the hourly job shows the latest assessment again.
      t.clock.current = new Date(`${found.validUntil}T20:00:00Z`)
      const run = await remindReassessment(ctx)
      expect(run.expired).toBeGreaterThanOrEqual(1)
      // The facility's row (what the public map reads) shows the officer's assessment.
      expect(await latestResult(ctx, f.id)).toMatchObject({ source: 'officer' })
    } finally {
      t.clock.current = saved
    }
  })
})
