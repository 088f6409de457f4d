import { shippedChecklist } from '../../../domain/safety/national.ts'
import type { Agent, TestApp } from '../../../test/harness.ts'
import { storeFile } from '../../platform/fileStore.ts'

/** Safety records of one commune the route samples act on. */
export interface SafetyFixtures {
  facilityId: number
  /** A second facility whose link the link sample replaces (the public samples use the first one's). */
  spareFacilityId: number
  token: string
  checklistId: number
  /** A code sent for the facility's form and not yet verified (read from the officers' notification), and its contact. */
  contact: string
  code: string
  /** A verified contact's proof for the photo and submission samples, and a photo sent with it. */
  proof: string
  photoId: number
  /** A table owned by the samples' caller for the import sample. */
  tableUploadId: number
}

// biome-ignore lint/suspicious/noExplicitAny: fixture answers are read field by field
async function made(res: { statusCode: number; body: string; json(): unknown }): Promise<any> {
  if (res.statusCode >= 300) throw new Error(`fixture: ${res.statusCode} ${res.body}`)
  return res.json()
}

/** The newest code the officers were told for a facility (how a commune officer reads it). */
export async function lastCode(t: TestApp, facilityName: string): Promise<string> {
  const n = await t.database.db
    .selectFrom('notifications')
    .select('body')
    .where('kind', '=', 'safety.code')
    .where('title', 'like', `%${facilityName}`)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  return /Mã (\d{6})/.exec(n.body ?? '')![1]!
}

/** A tiny valid JPEG header: enough for a photo's type and size checks. */
export const PHOTO = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex')

export async function safetyFixtures(t: TestApp, admin: Agent, unitCode: string, ownerId: number): Promise<SafetyFixtures> {
  const facility = await made(
    await admin.post('/api/safety/facilities', { name: 'Khách sạn Mẫu', kind: 'hotel', unitCode, address: '1 Đường Mẫu', lon: 105.08, lat: 10.01, headName: 'Trần Thị Chủ', headPhone: '0911000111', rooms: 20 }),
  )
  const spare = await made(await admin.post('/api/safety/facilities', { name: 'Trường Mẫu', kind: 'school', unitCode, address: '5 Đường Mẫu', students: 300 }))
  const anon = t.anon
  const contact = '0912000001'
  await made(await anon.post(`/api/public/safety/forms/${facility.token}/code`, { contact }))
  const codeForVerify = await lastCode(t, 'Khách sạn Mẫu')
  const other = '0912000002'
  await made(await anon.post(`/api/public/safety/forms/${facility.token}/code`, { contact: other }))
  const code = await lastCode(t, 'Khách sạn Mẫu')
  const { proof } = await made(await anon.post(`/api/public/safety/forms/${facility.token}/verify`, { contact: other, code }))
  const { multipartFile } = await import('../../../test/harness.ts')
  const photo = await made(await anon.request({ method: 'POST', url: `/api/public/safety/forms/${facility.token}/photos?proof=${proof}`, ...multipartFile('sanh.jpg', PHOTO) }))
  const lists = await made(await admin.get('/api/safety/checklists'))
  const table = await storeFile(t.database.db, {
    purpose: 'table',
    fileName: 'co-so.csv',
    content: Buffer.from(`Tên cơ sở,Loại,Mã xã,Địa chỉ\nChợ Mẫu,chợ,${unitCode},2 Đường Mẫu\n`),
    createdBy: ownerId,
    unitPath: '/',
    expiresAt: new Date(Date.now() + 86_400_000 * 365),
  })
  return {
    facilityId: facility.id,
    spareFacilityId: spare.id,
    token: facility.token,
    checklistId: lists.find((c: { key: string }) => c.key === 'luu-tru-du-lich').id,
    contact,
    code: codeForVerify,
    proof,
    photoId: photo.id,
    tableUploadId: table.id,
  }
}

/** Every item answered with its best option. */
export function bestAnswers(key: string): Record<string, string> {
  const c = shippedChecklist(key)!
  const best = c.banding.direction === 'safety' ? (a: number, b: number) => b - a : (a: number, b: number) => a - b
  return Object.fromEntries(c.items.map((i) => [i.id, [...i.options].sort((x, y) => best(x.points, y.points))[0]!.id]))
}

/** One valid request for every safety route (see src/test/route-samples.ts). */
export function safetySamples(f: SafetyFixtures, unitCode: string) {
  const checklist = { ...shippedChecklist('luu-tru-du-lich')!, key: 'luu-tru-mau', name: 'Bộ tiêu chí lưu trú của tỉnh (mẫu)' }
  return {
    'GET /api/safety/checklists': { url: '/api/safety/checklists' },
    'GET /api/safety/checklists/:id': { url: `/api/safety/checklists/${f.checklistId}` },
    'POST /api/safety/checklists': { url: '/api/safety/checklists', body: { checklist, reason: 'Mẫu của tỉnh' } },
    'GET /api/safety/facilities': { url: `/api/safety/facilities?unitCode=${unitCode}` },
    'POST /api/safety/facilities': { url: '/api/safety/facilities', body: { name: 'Nhà hàng Mẫu', kind: 'restaurant', unitCode, address: '3 Đường Mẫu' } },
    'GET /api/safety/facilities/:id': { url: `/api/safety/facilities/${f.facilityId}` },
    'PATCH /api/safety/facilities/:id': { url: `/api/safety/facilities/${f.facilityId}`, body: { unitCode, rooms: 24 } },
    'POST /api/safety/facilities/:id/link': { url: `/api/safety/facilities/${f.spareFacilityId}/link` },
    'GET /api/safety/facilities/:id/poster': { url: `/api/safety/facilities/${f.facilityId}/poster` },
    'GET /api/safety/duplicates': { url: `/api/safety/duplicates?unitCode=${unitCode}` },
    'POST /api/safety/imports': { url: '/api/safety/imports', body: { uploadId: f.tableUploadId } },
    'POST /api/safety/assessments': { url: '/api/safety/assessments', body: { facilityId: f.facilityId, answers: bestAnswers('luu-tru-du-lich') } },
    'GET /api/safety/photos/:id': { url: `/api/safety/photos/${f.photoId}` },
    'GET /api/public/safety/forms/:token': { url: `/api/public/safety/forms/${f.token}` },
    'POST /api/public/safety/forms/:token/code': { url: `/api/public/safety/forms/${f.token}/code`, body: { contact: '0912000003' } },
    'POST /api/public/safety/forms/:token/verify': { url: `/api/public/safety/forms/${f.token}/verify`, body: { contact: f.contact, code: f.code } },
    'POST /api/public/safety/forms/:token/photos': { url: `/api/public/safety/forms/${f.token}/photos?proof=${f.proof}`, ...photoPart() },
    'POST /api/public/safety/forms/:token/assessments': {
      url: `/api/public/safety/forms/${f.token}/assessments`,
      body: { proof: f.proof, contactName: 'Lễ tân', answers: bestAnswers('luu-tru-du-lich'), photoIds: [f.photoId] },
    },
    'GET /api/public/facilities': { url: `/api/public/facilities?unit=${unitCode}` },
    'GET /api/public/facilities/units': { url: '/api/public/facilities/units?unit=91' },
    'GET /api/public/facilities/:id': { url: `/api/public/facilities/${f.facilityId}` },
  }
}

function photoPart(): { body: Buffer; headers: Record<string, string> } {
  const boundary = '----phongdichsafetysample'
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cua.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`
  return { body: Buffer.concat([Buffer.from(head), PHOTO, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}
