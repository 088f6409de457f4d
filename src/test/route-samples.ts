import type { RouteInfo } from '../server/platform/routes.ts'
import { type CareFixtures, careFixtures, careSamples } from '../server/contexts/care/testFixtures.ts'
import { type EntryFixtures, entryFixtures, entrySamples } from '../server/contexts/entry/testFixtures.ts'
import { type EnforcementFixtures, enforcementFixtures, enforcementSamples } from '../server/contexts/enforcement/testFixtures.ts'
import { type EventFixtures, eventFixtures, eventSamples } from '../server/contexts/events/testFixtures.ts'
import { type VaccinationFixtures, vaccinationFixtures, vaccinationSamples } from '../server/contexts/vaccination/testFixtures.ts'
import { type SafetyFixtures, safetyFixtures, safetySamples } from '../server/contexts/safety/testFixtures.ts'
import { storeFile } from '../server/platform/fileStore.ts'
import { type Agent, multipartFile, type TestApp } from './harness.ts'

/** Records the cross-cutting tests use; all of them live in phường Rạch Giá (30742). */
export interface Fixtures {
  personId: number
  userId: number
  orgId: number
  otherOrgId: number
  hamletCode: string
  jobId: number
  directiveId: number
  directiveFileId: number
  draftId: number
  spareDraftId: number
  assignmentId: number
  reportId: number
  reportFileId: number
  notificationId: number
  /** A body in a hamlet of the home commune: where the sample assignment is cascaded to. */
  hamletOrgId: number
  /** A pending deadline extension request on the sample assignment. */
  extensionRequestId: number
  /** Two people of the home commune the merge sample joins, and a merge made beforehand for the undo sample. */
  merge: { keepId: number; fromId: number; auditId: number }
  /** Uploads owned by the caller of the samples, one per purpose. */
  uploads: { table: number; geojson: number; document: number; attachment: number; surveillance: number }
  /** Testing in the home commune: a sample awaiting its result, a pool of two awaiting its result, a campaign. */
  testing: { testId: number; poolId: number; poolPersonId: number; campaignId: number }
  /** An F0 of the home commune with contacts: one exposure to delete, one followed up (since `day`), people to follow up, convert and make a case of. */
  cases: { caseId: number; f0Id: number; exposureId: number; followupId: number; day: string; toFollowId: number; toConvertId: number; newCaseId: number }
  /** A cluster of the home commune with one attached case and one free case, a zone and a spare zone. */
  areas: { clusterId: number; attachedCaseId: number; freeCaseId: number; zoneId: number; spareZoneId: number }
  /** A province's variant of 4800 (its code and definition) and an assessment of the home commune (2026-W45) to override. */
  levels: { ruleSetCode: string; definition: Record<string, unknown>; assessmentId: number }
  /** Quarantine in the home commune: a facility with a room, people placed (to transfer, release, check), one released on time, a person to place. */
  quarantine: { facilityId: number; spareFacilityId: number; roomId: number; toPlaceId: number; transferId: number; releaseId: number; checkId: number; completedId: number }
  /** Treatment facilities, stays and F0 at home of the home commune. */
  care: CareFixtures
  /** Zones, ports, an arrival, a checkpoint and illegal-entry cases of the home commune. */
  entry: EntryFixtures
  /** Facilities of the home commune, their form link, a code, a proof and a photo. */
  safety: SafetyFixtures
  /** Events of the home commune, one at each step. */
  events: EventFixtures
  /** A dose table for the vaccination import. */
  vaccination: VaccinationFixtures
  /** An inspection plan, an inspection of the safety facility and its open violation. */
  enforcement: EnforcementFixtures
}

export const HOME_COMMUNE = '30742' // phường Rạch Giá
export const OTHER_COMMUNE = '31078' // đặc khu Phú Quốc
export const OTHER_PROVINCE = '01' // thành phố Hà Nội

/** A directive input naming `orgId` as the lead of its one task. */
export function directiveInput(orgId: number, symbol: string | null) {
  return {
    system: 'party',
    type: 'CV',
    symbol,
    issuerOrgId: orgId,
    issuerName: 'Tổ công tác Mẫu',
    date: symbol ? '2026-11-20' : null,
    summary: 'V/v mẫu',
    addressees: [{ text: 'Tổ công tác Mẫu', orgId }],
    recipients: [],
    body: '1. Tổ công tác Mẫu chủ trì.',
    signing: { authority: 'TM', position: 'TỔ TRƯỞNG', signer: 'Mẫu' },
    references: [],
    tasks: [{ ref: '1', text: 'Làm mẫu', lead: [orgId], coordinating: [], deadline: null, cadence: { kind: 'weekly' } }],
  }
}

/** Records every route can act on; `notifyUserId` receives two unread notifications. */
export async function createFixtures(t: TestApp, notifyUserId: number): Promise<Fixtures> {
  const admin = await t.userAgent('admin', '91')
  const person = await admin.post('/api/people', { fullName: 'Nguyễn Văn Mẫu', unitCode: HOME_COMMUNE, sex: 'male', birthYear: 1980 })
  const hamlet = await admin.post(`/api/units/${HOME_COMMUNE}/children`, { name: 'Khu phố Mẫu', unitType: 'khu_pho' })
  const org = await admin.post('/api/orgs', { name: 'Tổ công tác Mẫu', kind: 'other', unitCode: HOME_COMMUNE })
  const user = await admin.post('/api/users', { username: 'mau.rachgia', password: 'mat-khau-dai', displayName: 'Mẫu', role: 'viewer', unitCode: HOME_COMMUNE })
  const job = await admin.post('/api/units/import/population', { uploadId: await admin.upload('table', 'mau.csv', 'Mã,Dân số\n30742,1\n') })
  for (const r of [person, hamlet, org, user, job]) if (r.statusCode >= 300) throw new Error(`fixture: ${r.statusCode} ${r.body}`)
  const orgId = org.json().id as number
  const otherOrg = await admin.post('/api/orgs', { name: 'Tổ công tác Mẫu 2', kind: 'other', unitCode: HOME_COMMUNE })
  await t.database.db.updateTable('orgs').set({ docCode: 'MAU' }).where('id', '=', orgId).execute()
  const imported = await admin.post('/api/directives/import', { ...directiveInput(orgId, '1-CV/MAU'), sourceText: 'mẫu', uploadId: await admin.upload('document', 'mau.txt', 'mẫu') })
  const draft = await admin.post('/api/directives', directiveInput(orgId, null))
  const spare = await admin.post('/api/directives', directiveInput(orgId, null))
  for (const r of [imported, draft]) if (r.statusCode >= 300) throw new Error(`fixture: ${r.statusCode} ${r.body}`)
  const assignmentId = imported.json().tasks[0].assignments[0].id as number
  const report = await admin.post(`/api/directives/assignments/${assignmentId}/reports`, {
    text: 'Mẫu',
    status: 'in_progress',
    percent: 10,
    attachmentIds: [await admin.upload('attachment', 'mau.txt', 'mẫu')],
  })
  const full = (await admin.get(`/api/directives/${imported.json().id}`)).json()
  const hamletOrg = await admin.post('/api/orgs', { name: 'Tổ công tác Khu phố Mẫu', kind: 'other', unitCode: hamlet.json().code })
  const extension = await admin.post(`/api/directives/assignments/${assignmentId}/extension-requests`, { deadline: '2027-03-31', reason: 'Mẫu' })
  for (const r of [hamletOrg, extension]) if (r.statusCode >= 300) throw new Error(`fixture: ${r.statusCode} ${r.body}`)
  const merge = await mergeFixtures(admin)
  const { notify } = await import('../server/contexts/notifications/service.ts')
  for (const key of ['a', 'b']) await notify(t.ctx, { userIds: [notifyUserId], kind: 'test', title: 'Mẫu', dedupeKey: key })
  const safety = await safetyFixtures(t, admin, HOME_COMMUNE, notifyUserId)
  const note = await t.database.db.selectFrom('notifications').select('id').where('userId', '=', notifyUserId).orderBy('id').executeTakeFirstOrThrow()
  return {
    personId: person.json().id,
    userId: user.json().id,
    orgId,
    otherOrgId: otherOrg.json().id,
    hamletCode: hamlet.json().code,
    jobId: job.json().id,
    directiveId: imported.json().id,
    directiveFileId: full.files[0].id,
    draftId: draft.json().id,
    spareDraftId: spare.json().id,
    assignmentId,
    reportId: report.json().id,
    reportFileId: full.tasks[0].assignments[0].reports[0].files[0].id,
    notificationId: note.id,
    hamletOrgId: hamletOrg.json().id,
    extensionRequestId: extension.json().id,
    merge,
    uploads: await uploadsFor(t, notifyUserId),
    testing: await testingFixtures(admin, person.json().id),
    cases: await caseFixtures(admin),
    areas: await areaFixtures(t, admin, hamlet.json().code),
    levels: await levelFixtures(admin),
    quarantine: await quarantineFixtures(admin),
    care: await careFixtures(admin, HOME_COMMUNE),
    entry: await entryFixtures(admin, HOME_COMMUNE, orgId),
    safety,
    events: await eventFixtures(admin, HOME_COMMUNE),
    vaccination: await vaccinationFixtures(t, notifyUserId, HOME_COMMUNE),
    enforcement: await enforcementFixtures(admin, HOME_COMMUNE, safety.facilityId),
  }
}

async function levelFixtures(admin: Agent): Promise<Fixtures['levels']> {
  const variant = await admin.post('/api/levels/rule-sets', { baseCode: '4800', validFrom: '2021-10-20', validTo: '2022-01-26' })
  const inputs = { cases7d: 2, oxygenPatients7d: 0, deaths7d: 0, coverage: { fullyVaccinated: 0.8, highRiskFullyVaccinated: 0.95 }, capacity: { adequate: true } }
  const entered = [variant]
  for (const week of ['2026-W45', '2026-W47']) entered.push(await admin.put(`/api/levels/weeks/${week}/inputs`, { rows: [{ unitCode: HOME_COMMUNE, inputs }] }))
  for (const r of entered) if (r.statusCode >= 300) throw new Error(`fixture: ${r.statusCode} ${r.body}`)
  const week = (await admin.get(`/api/levels/weeks?unit=${HOME_COMMUNE}&week=2026-W45`)).json()
  const row = week.rows.find((r: { unitCode: string }) => r.unitCode === HOME_COMMUNE)
  return { ruleSetCode: variant.json().code, definition: variant.json().definition, assessmentId: row.assessmentId }
}

/** A small square drawn in phường Rạch Giá. */
const drawnSquare = { type: 'Polygon', coordinates: [[[105.08, 10.01], [105.09, 10.01], [105.09, 10.02], [105.08, 10.02], [105.08, 10.01]]] }

async function areaFixtures(t: TestApp, admin: Agent, hamletCode: string): Promise<Fixtures['areas']> {
  const caseIds: number[] = []
  for (const fullName of ['Mẫu Ca Bệnh Một', 'Mẫu Ca Bệnh Hai']) {
    const p = await admin.post('/api/people', { fullName, unitCode: HOME_COMMUNE })
    if (p.statusCode !== 201) throw new Error(`fixture: ${p.statusCode} ${p.body}`)
    const c = await t.database.db.insertInto('cases').values({ personId: p.json().id, classification: 'confirmed', confirmedDate: '2026-11-22' }).returning('id').executeTakeFirstOrThrow()
    caseIds.push(c.id)
  }
  const cluster = await admin.post('/api/surveillance/clusters', { code: 'OD-MAU-1', name: 'Ổ dịch Mẫu', unitCode: HOME_COMMUNE, openedOn: '2026-11-20' })
  const zone = { name: 'Vùng Mẫu', kind: 'ring_fence', unitCode: HOME_COMMUNE, unitCodes: [hamletCode], startsOn: '2026-11-20' }
  const [z1, z2] = [await admin.post('/api/surveillance/zones', zone), await admin.post('/api/surveillance/zones', { ...zone, name: 'Vùng Mẫu nhập nhầm' })]
  const attached = await admin.post(`/api/surveillance/clusters/${cluster.json().id}/cases`, { caseIds: [caseIds[1]] })
  for (const r of [cluster, z1, z2, attached]) if (r.statusCode >= 300) throw new Error(`fixture: ${r.statusCode} ${r.body}`)
  return { clusterId: cluster.json().id, attachedCaseId: caseIds[1]!, freeCaseId: caseIds[0]!, zoneId: z1.json().id, spareZoneId: z2.json().id }
}

async function quarantineFixtures(admin: Agent): Promise<Fixtures['quarantine']> {
  const must = (r: { statusCode: number; body: string }) => {
    if (r.statusCode >= 300) throw new Error(`fixture: ${r.statusCode} ${r.body}`)
    return r as { statusCode: number; body: string; json(): { id: number; rooms: { id: number }[]; placement: { id: number } } }
  }
  const facility = must(await admin.post('/api/quarantine/facilities', { name: 'Cơ sở cách ly Mẫu', kind: 'dormitory', unitCode: HOME_COMMUNE, capacity: 20, rooms: [{ name: 'P1', capacity: 10 }] })).json()
  const spare = must(await admin.post('/api/quarantine/facilities', { name: 'Khách sạn Mẫu', kind: 'hotel', unitCode: HOME_COMMUNE, capacity: 5 })).json()
  const ids: number[] = []
  for (const fullName of ['Mẫu Cách Ly Mới', 'Mẫu Cách Ly Chuyển', 'Mẫu Cách Ly Kết Thúc', 'Mẫu Cách Ly Theo Dõi', 'Mẫu Cách Ly Xong']) {
    ids.push(must(await admin.post('/api/people', { fullName, unitCode: HOME_COMMUNE })).json().id)
  }
  const [toPlaceId, transfer, release, check, completed] = ids as [number, number, number, number, number]
  const place = async (personId: number, startOn: string) =>
    must(await admin.post('/api/quarantine/placements', { personId, setting: 'facility', facilityId: facility.id, roomId: facility.rooms[0]!.id, reason: 'traveller', startOn })).json().placement.id
  const done = await place(completed, '2026-11-01')
  for (const sampleDate of ['2026-11-01', '2026-11-07', '2026-11-14']) {
    must(await admin.post('/api/surveillance/tests', { personId: completed, method: 'pcr', sampleDate, resultDate: sampleDate, result: 'negative', lab: 'CDC Mẫu' }))
  }
  must(await admin.post(`/api/quarantine/placements/${done}/release`, { on: '2026-11-15' }))
  return {
    facilityId: facility.id,
    spareFacilityId: spare.id,
    roomId: facility.rooms[0]!.id,
    toPlaceId,
    transferId: await place(transfer, '2026-11-20'),
    releaseId: await place(release, '2026-11-20'),
    checkId: await place(check, '2026-11-20'),
    completedId: done,
  }
}

async function caseFixtures(admin: Agent): Promise<Fixtures['cases']> {
  const ids: number[] = []
  for (const fullName of ['Mẫu F Không', 'Mẫu Tiếp Xúc Xóa', 'Mẫu Tiếp Xúc Theo Dõi', 'Mẫu Tiếp Xúc Mới', 'Mẫu Chuyển Ca', 'Mẫu Ca Mới']) {
    const r = await admin.post('/api/people', { fullName, unitCode: HOME_COMMUNE })
    if (r.statusCode !== 201) throw new Error(`fixture: ${r.statusCode} ${r.body}`)
    ids.push(r.json().id)
  }
  const [f0Id, deleted, followed, toFollowId, toConvertId, newCaseId] = ids as [number, number, number, number, number, number]
  const made = [await admin.post('/api/surveillance/cases', { personId: f0Id, classification: 'confirmed', onsetDate: '2026-11-20', confirmedDate: '2026-11-22' })]
  for (const personId of [deleted, followed, toFollowId, toConvertId]) {
    made.push(await admin.post('/api/surveillance/exposures', { personId, sourcePersonId: f0Id, exposedOn: '2026-11-21', setting: 'household' }))
  }
  made.push(await admin.post('/api/surveillance/followups', { personId: followed }))
  for (const r of made) if (r.statusCode !== 201) throw new Error(`fixture: ${r.statusCode} ${r.body}`)
  const followup = made[made.length - 1]!.json()
  return { caseId: made[0]!.json().id, f0Id, exposureId: made[1]!.json().id, followupId: followup.id, day: followup.startedOn, toFollowId, toConvertId, newCaseId }
}

async function testingFixtures(admin: Agent, personId: number): Promise<Fixtures['testing']> {
  const other = await admin.post('/api/people', { fullName: 'Mẫu Gộp Thứ Hai', unitCode: HOME_COMMUNE })
  const test = await admin.post('/api/surveillance/tests', { personId, method: 'pcr', sampleDate: '2026-11-25', lab: 'CDC Mẫu' })
  const pool = await admin.post('/api/surveillance/pools', { code: 'MAU-1', lab: 'CDC Mẫu', sampleDate: '2026-11-24', personIds: [personId, other.json().id] })
  const campaign = await admin.post('/api/surveillance/campaigns', { name: 'Đợt mẫu', unitCode: HOME_COMMUNE, startsOn: '2026-11-20', endsOn: '2026-11-30', method: 'pcr' })
  for (const r of [other, test, pool, campaign]) if (r.statusCode >= 300) throw new Error(`fixture: ${r.statusCode} ${r.body}`)
  return { testId: test.json().id, poolId: pool.json().id, poolPersonId: other.json().id, campaignId: campaign.json().id }
}

async function mergeFixtures(admin: Agent): Promise<Fixtures['merge']> {
  const made = []
  for (const fullName of ['Mẫu Gộp Giữ', 'Mẫu Gộp Bỏ', 'Mẫu Hoàn Tác Giữ', 'Mẫu Hoàn Tác Bỏ']) {
    const r = await admin.post('/api/people', { fullName, unitCode: HOME_COMMUNE })
    if (r.statusCode !== 201) throw new Error(`fixture: ${r.statusCode} ${r.body}`)
    made.push(r.json().id as number)
  }
  const merged = await admin.post(`/api/people/${made[2]}/merge`, { from: made[3] })
  if (merged.statusCode !== 200) throw new Error(`fixture: ${merged.statusCode} ${merged.body}`)
  return { keepId: made[0]!, fromId: made[1]!, auditId: merged.json().auditId }
}

export interface Sample {
  /** A valid request inside the caller's jurisdiction. */
  url: string
  method?: string
  body?: unknown
  /** Headers the body needs (a multipart upload's content type). */
  headers?: Record<string, string>
}

const asBody = (m: { payload: Buffer; headers: Record<string, string> }) => ({ body: m.payload, headers: m.headers })

/** Files uploaded directly for `ownerId` (uploads are usable only by their uploader), by purpose. */
async function uploadsFor(t: TestApp, ownerId: number): Promise<Fixtures['uploads']> {
  const files = {
    table: ['ds.csv', 'Mã,Dân số\n30742,100\n'],
    geojson: ['rg.geojson', '{"type":"FeatureCollection","features":[]}'],
    document: ['cv.txt', 'TỈNH ỦY AN GIANG\nSố 5-CV/TU\n1. Sở Y tế chủ trì.'],
    attachment: ['bc.txt', 'báo cáo'],
    surveillance: ['xn.csv', 'ref,sample_date,method,result\nKHONG-CO,20/11/2026,pcr,negative\n'],
  } as const
  const out = {} as Fixtures['uploads']
  for (const [purpose, [fileName, text]] of Object.entries(files) as [keyof typeof files, readonly [string, string]][]) {
    const row = await storeFile(t.database.db, {
      purpose,
      fileName,
      content: Buffer.from(text),
      createdBy: ownerId,
      unitPath: '/',
      expiresAt: new Date(Date.now() + 86_400_000 * 365),
    })
    out[purpose] = row.id
  }
  return out
}

/**
 * One valid request for every API route. A route added without a sample fails the coverage
 * tests, so every new route is checked for audit and jurisdiction.
 */
export function samples(f: Fixtures): Record<string, Sample> {
  return {
    'GET /api/health': { url: '/api/health' },
    'GET /api/openapi.json': { url: '/api/openapi.json' },
    'POST /api/auth/login': { url: '/api/auth/login', body: { username: 'mau.rachgia', password: 'mat-khau-dai' } },
    'GET /api/auth/me': { url: '/api/auth/me' },
    'POST /api/auth/logout': { url: '/api/auth/logout' },
    'PUT /api/auth/locale': { url: '/api/auth/locale', body: { locale: 'en' } },
    'GET /api/roles': { url: '/api/roles' },
    'GET /api/users': { url: `/api/users?unitCode=${HOME_COMMUNE}` },
    'GET /api/users/:id': { url: `/api/users/${f.userId}` },
    'POST /api/users': { url: '/api/users', body: { username: `u${Date.now()}`, password: 'mat-khau-dai', displayName: 'Người mới', role: 'viewer', unitCode: HOME_COMMUNE } },
    'PATCH /api/users/:id': { url: `/api/users/${f.userId}`, body: { displayName: 'Mẫu đã sửa' } },
    'GET /api/units/search': { url: '/api/units/search?q=rach%20gia' },
    'GET /api/units/map/provinces': { url: '/api/units/map/provinces' },
    'GET /api/units/:code': { url: `/api/units/${HOME_COMMUNE}` },
    'GET /api/units/:code/children': { url: `/api/units/${HOME_COMMUNE}/children` },
    'GET /api/units/:code/history': { url: `/api/units/${HOME_COMMUNE}/history` },
    'GET /api/units/:code/map': { url: '/api/units/91/map' },
    'POST /api/units/:code/children': { url: `/api/units/${HOME_COMMUNE}/children`, body: { name: 'Khu phố mới', unitType: 'khu_pho' } },
    'PATCH /api/units/:code': { url: `/api/units/${f.hamletCode}`, body: { name: 'Khu phố Mẫu (sửa)' } },
    'POST /api/units/import/population': { url: '/api/units/import/population', body: { uploadId: f.uploads.table } },
    'POST /api/units/import/boundaries': { url: '/api/units/import/boundaries', body: { uploadId: f.uploads.geojson } },
    'POST /api/uploads': { url: '/api/uploads?purpose=table', ...asBody(multipartFile('ds.csv', 'Mã,Dân số\n30742,100\n')) },
    'GET /api/orgs': { url: '/api/orgs?q=mau' },
    'GET /api/orgs/groups': { url: '/api/orgs/groups' },
    'GET /api/orgs/:id': { url: `/api/orgs/${f.orgId}` },
    'POST /api/orgs': { url: '/api/orgs', body: { name: 'Chốt kiểm dịch Mẫu', kind: 'checkpoint', unitCode: HOME_COMMUNE } },
    'PATCH /api/orgs/:id': { url: `/api/orgs/${f.orgId}`, body: { headName: 'Trần Văn Trưởng' } },
    'POST /api/orgs/:id/retire': { url: `/api/orgs/${f.otherOrgId}/retire`, body: { validTo: '2025-06-30', successors: [{ orgId: f.orgId, kind: 'merged' }] } },
    'GET /api/people': { url: `/api/people?unitCode=${HOME_COMMUNE}` },
    'GET /api/people/:id': { url: `/api/people/${f.personId}` },
    'POST /api/people': { url: '/api/people', body: { fullName: 'Lê Thị Mới', unitCode: HOME_COMMUNE } },
    'PATCH /api/people/:id': { url: `/api/people/${f.personId}`, body: { phone: '0912345678' } },
    'POST /api/people/:id/merge': { url: `/api/people/${f.merge.keepId}/merge`, body: { from: f.merge.fromId } },
    'POST /api/people/merges/:auditId/undo': { url: `/api/people/merges/${f.merge.auditId}/undo` },
    'GET /api/jobs': { url: '/api/jobs' },
    'GET /api/jobs/:id': { url: `/api/jobs/${f.jobId}` },
    'GET /api/jobs/:id/file': { url: `/api/jobs/${f.jobId}/file` },
    'POST /api/jobs/:id/cancel': { url: `/api/jobs/${f.jobId}/cancel` },
    'POST /api/jobs/:id/resume': { url: `/api/jobs/${f.jobId}/resume` },
    'GET /api/audit': { url: '/api/audit' },
    'POST /api/directives/parse': { url: '/api/directives/parse', body: { uploadId: f.uploads.document } },
    'POST /api/directives/import': { url: '/api/directives/import', body: { ...directiveInput(f.orgId, '2-CV/MAU'), sourceText: 'mẫu' } },
    'POST /api/directives': { url: '/api/directives', body: directiveInput(f.orgId, null) },
    'PUT /api/directives/:id': { url: `/api/directives/${f.draftId}`, body: { ...directiveInput(f.orgId, null), summary: 'V/v mẫu (sửa)' } },
    'DELETE /api/directives/:id': { url: `/api/directives/${f.spareDraftId}` },
    'POST /api/directives/:id/issue': { url: `/api/directives/${f.draftId}/issue` },
    'GET /api/directives': { url: '/api/directives' },
    'GET /api/directives/dashboard': { url: '/api/directives/dashboard' },
    'GET /api/directives/overdue': { url: '/api/directives/overdue' },
    'GET /api/directives/orgs/:id/assignments': { url: `/api/directives/orgs/${f.orgId}/assignments` },
    'GET /api/directives/synthesis.docx': { url: '/api/directives/synthesis.docx' },
    'GET /api/directives/synthesis.pdf': { url: '/api/directives/synthesis.pdf' },
    'GET /api/directives/synthesis.xlsx': { url: '/api/directives/synthesis.xlsx' },
    'POST /api/directives/exports': { url: '/api/directives/exports', body: { format: 'docx' } },
    'GET /api/directives/:id': { url: `/api/directives/${f.directiveId}` },
    'GET /api/directives/:id/docx': { url: `/api/directives/${f.directiveId}/docx` },
    'GET /api/directives/:id/files/:fileId': { url: `/api/directives/${f.directiveId}/files/${f.directiveFileId}` },
    'POST /api/directives/assignments/:id/reports': {
      url: `/api/directives/assignments/${f.assignmentId}/reports`,
      body: { text: 'Tiến độ', status: 'in_progress', percent: 30, attachmentIds: [f.uploads.attachment] },
    },
    'PATCH /api/directives/assignments/:id': { url: `/api/directives/assignments/${f.assignmentId}`, body: { orgId: f.otherOrgId } },
    'POST /api/directives/reports/:id/review': { url: `/api/directives/reports/${f.reportId}/review`, body: { decision: 'accept' } },
    'GET /api/directives/reports/:id/files/:fileId': { url: `/api/directives/reports/${f.reportId}/files/${f.reportFileId}` },
    'POST /api/directives/sweep': { url: '/api/directives/sweep' },
    'GET /api/directives/settings/numbering': { url: '/api/directives/settings/numbering' },
    'PUT /api/directives/settings/numbering': {
      url: '/api/directives/settings/numbering',
      body: { party: { scope: 'term', termStartYear: 2025, termYears: 5 }, state: { scope: 'year', termStartYear: 2026, termYears: 5 } },
    },
    'GET /api/directives/mine': { url: '/api/directives/mine' },
    'GET /api/directives/categories': { url: `/api/directives/categories?orgId=${f.orgId}` },
    'GET /api/directives/:id/cascade': { url: `/api/directives/${f.directiveId}/cascade` },
    'GET /api/directives/assignments/:id/cascade-options': { url: `/api/directives/assignments/${f.assignmentId}/cascade-options?kind=other` },
    'POST /api/directives/assignments/:id/cascade': { url: `/api/directives/assignments/${f.assignmentId}/cascade`, body: { orgIds: [f.hamletOrgId] } },
    'POST /api/directives/extension-requests/:id/decision': { url: `/api/directives/extension-requests/${f.extensionRequestId}/decision`, body: { decision: 'approve' } },
    'POST /api/directives/assignments/:id/extension-requests': {
      url: `/api/directives/assignments/${f.assignmentId}/extension-requests`,
      body: { deadline: '2027-06-30', reason: 'Cần thêm thời gian' },
    },
    'GET /api/directives/settings/reminders': { url: '/api/directives/settings/reminders' },
    'PUT /api/directives/settings/reminders': { url: '/api/directives/settings/reminders', body: { days: 3 } },
    'POST /api/surveillance/imports': { url: '/api/surveillance/imports', body: { kind: 'tests', uploadId: f.uploads.surveillance } },
    'GET /api/surveillance/imports/templates/:kind': { url: '/api/surveillance/imports/templates/tests' },
    'GET /api/notifications': { url: '/api/notifications' },
    'POST /api/notifications/:id/read': { url: `/api/notifications/${f.notificationId}/read` },
    'POST /api/notifications/read-all': { url: '/api/notifications/read-all' },
    'POST /api/surveillance/tests': { url: '/api/surveillance/tests', body: { personId: f.personId, method: 'antigen', sampleDate: '2026-11-25', lab: 'Trạm Y tế Mẫu' } },
    'PATCH /api/surveillance/tests/:id': { url: `/api/surveillance/tests/${f.testing.testId}`, body: { result: 'negative', resultDate: '2026-11-26' } },
    'GET /api/surveillance/tests': { url: `/api/surveillance/tests?unitCode=${HOME_COMMUNE}` },
    'GET /api/surveillance/tests/planned': { url: `/api/surveillance/tests/planned?date=2026-11-25&unitCode=${HOME_COMMUNE}` },
    'GET /api/surveillance/tests/proposals': { url: `/api/surveillance/tests/proposals?unitCode=${HOME_COMMUNE}` },
    'POST /api/surveillance/pools': {
      url: '/api/surveillance/pools',
      body: { code: 'MAU-2', lab: 'CDC Mẫu', sampleDate: '2026-11-23', personIds: [f.personId, f.testing.poolPersonId] },
    },
    'POST /api/surveillance/pools/:id/result': { url: `/api/surveillance/pools/${f.testing.poolId}/result`, body: { result: 'positive', resultDate: '2026-11-25' } },
    'GET /api/surveillance/pools/:id': { url: `/api/surveillance/pools/${f.testing.poolId}` },
    'GET /api/surveillance/pools': { url: `/api/surveillance/pools?unitCode=${HOME_COMMUNE}` },
    'POST /api/surveillance/campaigns': {
      url: '/api/surveillance/campaigns',
      body: { name: 'Đợt mới', unitCode: HOME_COMMUNE, startsOn: '2026-11-26', endsOn: '2026-11-28', method: 'antigen', targetPeople: 500 },
    },
    'GET /api/surveillance/campaigns': { url: `/api/surveillance/campaigns?unitCode=${HOME_COMMUNE}` },
    'POST /api/surveillance/cases': { url: '/api/surveillance/cases', body: { personId: f.cases.newCaseId, classification: 'suspected', symptoms: ['fever'] } },
    'GET /api/surveillance/cases': { url: `/api/surveillance/cases?unitCode=${HOME_COMMUNE}` },
    'GET /api/surveillance/cases/:id': { url: `/api/surveillance/cases/${f.cases.caseId}` },
    'PATCH /api/surveillance/cases/:id': { url: `/api/surveillance/cases/${f.cases.caseId}`, body: { isolationPlace: 'Bệnh viện Mẫu' } },
    'POST /api/surveillance/exposures': {
      url: '/api/surveillance/exposures',
      body: { personId: f.cases.newCaseId, sourcePersonId: f.cases.f0Id, exposedOn: '2026-11-23', setting: 'workplace', f1Criteria: ['near_without_mask'] },
    },
    'DELETE /api/surveillance/exposures/:id': { url: `/api/surveillance/exposures/${f.cases.exposureId}` },
    'GET /api/surveillance/contacts': { url: `/api/surveillance/contacts?unitCode=${HOME_COMMUNE}` },
    'GET /api/surveillance/people/:id': { url: `/api/surveillance/people/${f.cases.f0Id}` },
    'POST /api/surveillance/people/:id/case': { url: `/api/surveillance/people/${f.cases.toConvertId}/case`, body: { sampleDate: '2026-11-25' } },
    'POST /api/surveillance/followups': { url: '/api/surveillance/followups', body: { personId: f.cases.toFollowId } },
    'GET /api/surveillance/followups': { url: `/api/surveillance/followups?unitCode=${HOME_COMMUNE}` },
    'GET /api/surveillance/tracers': { url: `/api/surveillance/tracers?unitCode=${HOME_COMMUNE}` },
    'PATCH /api/surveillance/followups/:id': { url: `/api/surveillance/followups/${f.cases.followupId}`, body: { note: 'Gọi điện mỗi sáng' } },
    'POST /api/surveillance/followups/:id/checks': { url: `/api/surveillance/followups/${f.cases.followupId}/checks`, body: { checkedOn: f.cases.day, temperature: 36.8 } },
    'GET /api/surveillance/rules': { url: '/api/surveillance/rules' },
    'GET /api/surveillance/summary': { url: `/api/surveillance/summary?unit=${HOME_COMMUNE}` },
    'GET /api/surveillance/today': { url: `/api/surveillance/today?unit=${HOME_COMMUNE}` },
    'GET /api/surveillance/curve': { url: `/api/surveillance/curve?unit=${HOME_COMMUNE}&by=confirmed&from=2026-11-01&to=2026-11-26` },
    'GET /api/surveillance/incidence': { url: `/api/surveillance/incidence?unit=${HOME_COMMUNE}` },
    'GET /api/surveillance/unknown-sources': { url: `/api/surveillance/unknown-sources?unitCode=${HOME_COMMUNE}` },
    'POST /api/analytics/rt': {
      url: '/api/analytics/rt',
      body: { incidence: [3, 4, 2, 5, 6, 4, 7, 8, 6, 9].map((local, i) => ({ date: `2021-07-${String(i + 1).padStart(2, '0')}`, local, imported: i % 3 })), siMean: 4.7, siSd: 2.9, window: 3 },
    },
    'GET /api/analytics/rt': { url: `/api/analytics/rt?unit=${HOME_COMMUNE}&from=2026-09-01&to=2026-11-26` },
    'GET /api/analytics/rt/communes': { url: `/api/analytics/rt/communes?unit=${HOME_COMMUNE}&window=7` },
    'GET /api/analytics/indicators': { url: `/api/analytics/indicators?unit=${HOME_COMMUNE}&from=2026-11-01&to=2026-11-26` },
    'GET /api/analytics/serial-intervals': { url: '/api/analytics/serial-intervals' },
    'GET /api/board': { url: `/api/board?unit=${HOME_COMMUNE}` },
    'POST /api/analytics/daily-report': { url: '/api/analytics/daily-report', body: { unit: HOME_COMMUNE, format: 'docx' } },
    'POST /api/analytics/serial-intervals': {
      url: '/api/analytics/serial-intervals',
      body: { validFrom: '2021-06-01', meanDays: 3.9, sdDays: 2.4, source: 'Nghiên cứu mẫu của tỉnh', confidence: 'unverified' },
    },
    'POST /api/surveillance/rules': {
      url: '/api/surveillance/rules',
      body: { validFrom: '2026-06-01', daysBeforeOnset: 3, daysBeforeSample: 2, contactFollowDays: 14, clusterCloseDays: 28, source: 'Văn bản mẫu của tỉnh', confidence: 'unverified' },
    },
    'PATCH /api/surveillance/campaigns/:id': { url: `/api/surveillance/campaigns/${f.testing.campaignId}`, body: { targetPeople: 100 } },
    'GET /api/surveillance/campaigns/:id/coverage': { url: `/api/surveillance/campaigns/${f.testing.campaignId}/coverage` },
    'GET /api/surveillance/graph': { url: `/api/surveillance/graph?personId=${f.personId}&from=2026-01-01` },
    'GET /api/surveillance/exports/cases.xlsx': { url: `/api/surveillance/exports/cases.xlsx?unitCode=${HOME_COMMUNE}&sourceKind=unknown` },
    'GET /api/surveillance/exports/contacts.xlsx': { url: `/api/surveillance/exports/contacts.xlsx?unitCode=${HOME_COMMUNE}&degree=1` },
    'GET /api/surveillance/exports/tests.xlsx': { url: `/api/surveillance/exports/tests.xlsx?unitCode=${HOME_COMMUNE}&from=2026-11-20&to=2026-11-26` },
    'POST /api/surveillance/exports': { url: '/api/surveillance/exports', body: { list: 'cases', filter: { unitCode: HOME_COMMUNE } } },
    'POST /api/surveillance/clusters': { url: '/api/surveillance/clusters', body: { code: 'OD-MAU-2', name: 'Ổ dịch chợ', unitCode: HOME_COMMUNE, openedOn: '2026-11-25' } },
    'GET /api/surveillance/clusters': { url: `/api/surveillance/clusters?unitCode=${HOME_COMMUNE}` },
    'GET /api/surveillance/clusters/:id': { url: `/api/surveillance/clusters/${f.areas.clusterId}` },
    'PATCH /api/surveillance/clusters/:id': { url: `/api/surveillance/clusters/${f.areas.clusterId}`, body: { place: 'Chợ Rạch Giá' } },
    'POST /api/surveillance/clusters/:id/cases': { url: `/api/surveillance/clusters/${f.areas.clusterId}/cases`, body: { caseIds: [f.areas.freeCaseId] } },
    'DELETE /api/surveillance/clusters/:id/cases/:caseId': { url: `/api/surveillance/clusters/${f.areas.clusterId}/cases/${f.areas.attachedCaseId}` },
    'POST /api/surveillance/zones': {
      url: '/api/surveillance/zones',
      body: { name: 'Phong tỏa khu chợ', kind: 'lockdown', unitCode: HOME_COMMUNE, geometry: drawnSquare, startsOn: '2026-11-26', measures: 'Dừng họp chợ' },
    },
    'GET /api/surveillance/zones': { url: `/api/surveillance/zones?unitCode=${HOME_COMMUNE}&activeOn=2026-11-26` },
    'GET /api/surveillance/zones/:id': { url: `/api/surveillance/zones/${f.areas.zoneId}` },
    'PATCH /api/surveillance/zones/:id': { url: `/api/surveillance/zones/${f.areas.zoneId}`, body: { endsOn: '2026-12-10' } },
    'POST /api/surveillance/zones/:id/lift': { url: `/api/surveillance/zones/${f.areas.zoneId}/lift`, body: { endsOn: '2026-11-26', decisionNo: '15/QĐ-UBND', decidedOn: '2026-11-25' } },
    'DELETE /api/surveillance/zones/:id': { url: `/api/surveillance/zones/${f.areas.spareZoneId}` },
    'POST /api/levels/assess': {
      url: '/api/levels/assess?rules=4800',
      body: { units: [{ unit: 'MAU-1', population: 10000, communityCases7d: 3, coverage: { adults18PlusAtLeastOneDose: 0.8, elderly65PlusFullyVaccinated: 0.85 }, capacity: { adequate: true } }] },
    },
    'GET /api/levels/rule-sets': { url: '/api/levels/rule-sets' },
    'GET /api/levels/rule-sets/:id': { url: '/api/levels/rule-sets/4800' },
    'POST /api/levels/rule-sets': { url: '/api/levels/rule-sets', body: { baseCode: '218', validFrom: '2026-11-01' } },
    'PUT /api/levels/rule-sets/:id': { url: `/api/levels/rule-sets/${f.levels.ruleSetCode}`, body: { definition: { ...f.levels.definition, name: 'Bản của tỉnh (đã sửa)' } } },
    'GET /api/levels/weeks': { url: `/api/levels/weeks?unit=${HOME_COMMUNE}&week=2026-W47` },
    'PUT /api/levels/weeks/:week/inputs': {
      url: '/api/levels/weeks/2026-W46/inputs',
      body: { rows: [{ unitCode: HOME_COMMUNE, inputs: { cases7d: 5, oxygenPatients7d: 1, deaths7d: 0, coverage: { fullyVaccinated: 0.7, highRiskFullyVaccinated: 0.95 }, capacity: { adequate: true } } }] },
    },
    'POST /api/levels/weeks/:week/compute': { url: '/api/levels/weeks/2026-W48/compute', body: { unit: HOME_COMMUNE } },
    'POST /api/levels/weeks/:week/publish': { url: '/api/levels/weeks/2026-W47/publish', body: { unit: HOME_COMMUNE, effectiveFrom: '2026-11-26' } },
    'POST /api/levels/assessments/:id/override': { url: `/api/levels/assessments/${f.levels.assessmentId}/override`, body: { level: 2, reason: 'Chợ đầu mối có ca chưa rõ nguồn' } },
    'GET /api/levels/history': { url: `/api/levels/history?unit=${HOME_COMMUNE}` },
    'GET /api/public/levels': { url: `/api/public/levels?unit=${HOME_COMMUNE}` },
    'GET /api/public/levels/map': { url: '/api/public/levels/map?unit=91' },
    'GET /api/public/levels/measures': { url: '/api/public/levels/measures' },
    'GET /api/public/levels/search': { url: '/api/public/levels/search?q=vinh%20thanh' },
    'GET /api/quarantine/rules': { url: '/api/quarantine/rules' },
    'POST /api/quarantine/rules': {
      url: '/api/quarantine/rules',
      body: { kind: 'entry', name: 'Quy định mẫu của tỉnh', validFrom: '2026-06-01', days: 10, monitoringDays: 7, requiredTests: [1, 10], source: 'Văn bản mẫu của tỉnh', confidence: 'unverified' },
    },
    'GET /api/quarantine/rules/choice': { url: `/api/quarantine/rules/choice?kind=entry&start=2026-11-26&unitCode=${HOME_COMMUNE}` },
    'GET /api/quarantine/facilities': { url: `/api/quarantine/facilities?unitCode=${HOME_COMMUNE}` },
    'POST /api/quarantine/facilities': { url: '/api/quarantine/facilities', body: { name: 'Doanh trại Mẫu', kind: 'military_camp', unitCode: HOME_COMMUNE, capacity: 200 } },
    'GET /api/quarantine/facilities/:id': { url: `/api/quarantine/facilities/${f.quarantine.facilityId}` },
    'PATCH /api/quarantine/facilities/:id': { url: `/api/quarantine/facilities/${f.quarantine.spareFacilityId}`, body: { status: 'disinfecting', managerName: 'Lê Văn Quản' } },
    'GET /api/quarantine/placements': { url: `/api/quarantine/placements?facilityId=${f.quarantine.facilityId}` },
    'POST /api/quarantine/placements': {
      url: '/api/quarantine/placements',
      body: { personId: f.quarantine.toPlaceId, setting: 'facility', facilityId: f.quarantine.facilityId, roomId: f.quarantine.roomId, reason: 'returnee', startOn: '2026-11-26', batch: 'Mẫu-1' },
    },
    'GET /api/quarantine/placements/:id': { url: `/api/quarantine/placements/${f.quarantine.checkId}` },
    'POST /api/quarantine/placements/:id/transfer': { url: `/api/quarantine/placements/${f.quarantine.transferId}/transfer`, body: { on: '2026-11-25', setting: 'home', address: 'Số 1 đường Mẫu' } },
    'POST /api/quarantine/placements/:id/release': { url: `/api/quarantine/placements/${f.quarantine.releaseId}/release`, body: { on: '2026-11-26', early: true, note: 'Quyết định của Trung tâm Y tế' } },
    'POST /api/quarantine/placements/:id/checks': { url: `/api/quarantine/placements/${f.quarantine.checkId}/checks`, body: { checkedOn: '2026-11-26', temperature: 36.7 } },
    'GET /api/quarantine/placements/:id/decision.docx': { url: `/api/quarantine/placements/${f.quarantine.checkId}/decision.docx` },
    'GET /api/quarantine/placements/:id/certificate.docx': { url: `/api/quarantine/placements/${f.quarantine.completedId}/certificate.docx` },
    'GET /api/quarantine/placements/:id/certificate.pdf': { url: `/api/quarantine/placements/${f.quarantine.completedId}/certificate.pdf` },
    'GET /api/quarantine/occupancy': { url: `/api/quarantine/occupancy?unit=${HOME_COMMUNE}&date=2026-11-26` },
    'GET /api/quarantine/occupancy/communes': { url: `/api/quarantine/occupancy/communes?unit=${HOME_COMMUNE}&date=2026-11-26&days=7` },
    'GET /api/quarantine/due': { url: `/api/quarantine/due?list=release&unit=${HOME_COMMUNE}&date=2026-12-04` },
    ...careSamples(f.care, HOME_COMMUNE),
    ...entrySamples(f.entry, HOME_COMMUNE, f.orgId, f.quarantine.facilityId),
    ...safetySamples(f.safety, HOME_COMMUNE),
    ...eventSamples(f.events, HOME_COMMUNE),
    ...vaccinationSamples(f.vaccination, HOME_COMMUNE),
    ...enforcementSamples(f.enforcement, HOME_COMMUNE, f.safety.facilityId, f.orgId),
  }
}

export const routeKey = (r: RouteInfo) => `${r.method} ${r.url}`
export const isWrite = (r: RouteInfo) => r.method !== 'GET'

/** Routes in the order the samples can run: logging out ends the caller's session, so it goes last. */
export const runOrder = (routes: RouteInfo[]) => [...routes].sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'))
