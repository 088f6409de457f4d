import type { Agent } from '../../../test/harness.ts'

/** Entry records of one commune the route samples act on. */
export interface EntryFixtures {
  zoneId: number
  portId: number
  /** An arrival from abroad not yet acted on (the one-action sample places it at home). */
  arrivalId: number
  checkpointId: number
  /** A person on duty at the checkpoint (the staff sample edits and ends the period). */
  staffId: number
  /** A case just reported (the step sample intercepts it) and one handed over with a person to place. */
  caseId: number
  readyCaseId: number
  readyPersonId: number
}

async function made(res: { statusCode: number; body: string; json(): unknown }) {
  if (res.statusCode >= 300) throw new Error(`fixture: ${res.statusCode} ${res.body}`)
  // biome-ignore lint/suspicious/noExplicitAny: fixture answers are read field by field
  return res.json() as any
}

export async function entryFixtures(admin: Agent, unitCode: string, orgId: number): Promise<EntryFixtures> {
  const zone = await made(await admin.post('/api/entry/zones', { placeName: 'Vùng Mẫu', zoneUnitCode: '79', validFrom: '2026-11-01', measure: 'home', source: 'Văn bản mẫu', confidence: 'unverified' }))
  const port = await made(await admin.post('/api/entry/ports', { code: 'MAU-1', name: 'Cảng Mẫu', kind: 'seaport', unitCode }))
  const arrival = await made(
    await admin.post('/api/entry/arrivals', { fullName: 'Mẫu Nhập Cảnh', birthYear: 1988, unitCode, stayAddress: 'Số 1 đường Mẫu', originKind: 'abroad', originCountry: 'KH', arrivedOn: '2026-11-24' }),
  )
  const checkpoint = await made(await admin.post('/api/entry/checkpoints', { name: 'Chốt Mẫu', unitCode, orgId, activeFrom: '2026-11-20' }))
  const staffed = await made(await admin.post(`/api/entry/checkpoints/${checkpoint.id}/staff`, { name: 'Mẫu Trực Trước', role: 'Công an', fromOn: '2026-11-20' }))
  const report = { unitCode, occurredAt: '2026-11-25T21:00:00+07:00', peopleCount: 1, crossing: 'on_foot', reportedBy: 'commune' }
  const c = await made(await admin.post('/api/entry/illegal', report))
  const ready = await made(await admin.post('/api/entry/illegal', report))
  const person = await made(await admin.post(`/api/entry/illegal/${ready.id}/people`, { person: { fullName: 'Mẫu Vượt Biên', birthYear: 1992, nationality: 'KH' } }))
  await made(await admin.post(`/api/entry/illegal/${ready.id}/steps`, { step: 'interception', orgId, at: '2026-11-25T22:00:00+07:00' }))
  await made(await admin.post(`/api/entry/illegal/${ready.id}/steps`, { step: 'handover', orgId, toOrgId: orgId, at: '2026-11-25T23:00:00+07:00' }))
  return { zoneId: zone.id, portId: port.id, arrivalId: arrival.id, checkpointId: checkpoint.id, staffId: staffed.staff[0].id, caseId: c.id, readyCaseId: ready.id, readyPersonId: person.people[0].personId }
}

/** One valid request per entry route, naming the commune `unitCode`. */
export function entrySamples(f: EntryFixtures, unitCode: string, orgId: number, facilityId: number) {
  return {
    'GET /api/public/entry/options': { url: '/api/public/entry/options' },
    'POST /api/public/entry/arrivals': {
      url: '/api/public/entry/arrivals',
      body: { fullName: 'Mẫu Tự Khai', birthYear: 1991, phone: '0912000111', unitCode, stayAddress: 'Số 2 đường Mẫu', originKind: 'abroad', originCountry: 'TH', arrivedOn: '2026-11-25' },
    },
    'POST /api/public/entry/illegal': { url: '/api/public/entry/illegal', body: { unitCode, occurredAt: '2026-11-25T20:00:00+07:00', peopleCount: 2, crossing: 'boat' } },
    'GET /api/entry/zones': { url: '/api/entry/zones?at=2026-11-26' },
    'POST /api/entry/zones': { url: '/api/entry/zones', body: { placeName: 'Vùng Mẫu 2', validFrom: '2026-11-20', measure: 'monitoring', source: 'Văn bản mẫu', confidence: 'unverified' } },
    'PATCH /api/entry/zones/:id': { url: `/api/entry/zones/${f.zoneId}`, body: { validTo: '2026-12-31' } },
    'GET /api/entry/ports': { url: '/api/entry/ports' },
    'POST /api/entry/ports': { url: '/api/entry/ports', body: { code: 'MAU-2', name: 'Bến Mẫu', kind: 'crossing', unitCode } },
    'PATCH /api/entry/ports/:id': { url: `/api/entry/ports/${f.portId}`, body: { active: false } },
    'GET /api/entry/arrivals': { url: `/api/entry/arrivals?unitCode=${unitCode}` },
    'POST /api/entry/arrivals': {
      url: '/api/entry/arrivals',
      body: { fullName: 'Mẫu Chủ Nhà Khai', birthYear: 1970, unitCode, stayAddress: 'Số 3 đường Mẫu', originKind: 'domestic', originUnitCode: '79', arrivedOn: '2026-11-25', declaredBy: 'host', declarantName: 'Chủ nhà Mẫu' },
    },
    'GET /api/entry/arrivals/:id': { url: `/api/entry/arrivals/${f.arrivalId}` },
    'POST /api/entry/arrivals/:id/act': { url: `/api/entry/arrivals/${f.arrivalId}/act`, body: { setting: 'home' } },
    'GET /api/entry/checkpoints': { url: `/api/entry/checkpoints?unitCode=${unitCode}&day=2026-11-25` },
    'POST /api/entry/checkpoints': { url: '/api/entry/checkpoints', body: { name: 'Chốt Mẫu 2', unitCode, orgId } },
    'GET /api/entry/checkpoints/:id': { url: `/api/entry/checkpoints/${f.checkpointId}` },
    'PATCH /api/entry/checkpoints/:id': { url: `/api/entry/checkpoints/${f.checkpointId}`, body: { location: 'Ngã ba Mẫu', orgId } },
    'PATCH /api/entry/checkpoints/:id/staff/:staffId': { url: `/api/entry/checkpoints/${f.checkpointId}/staff/${f.staffId}`, body: { role: 'Công an xã', toOn: '2026-11-30' } },
    'POST /api/entry/checkpoints/:id/activation': { url: `/api/entry/checkpoints/${f.checkpointId}/activation`, body: { active: false, on: '2026-11-26' } },
    'POST /api/entry/checkpoints/:id/staff': { url: `/api/entry/checkpoints/${f.checkpointId}/staff`, body: { name: 'Mẫu Trực Chốt', role: 'Y tế', orgId, fromOn: '2026-11-20' } },
    'PUT /api/entry/checkpoints/:id/logs/:day': { url: `/api/entry/checkpoints/${f.checkpointId}/logs/2026-11-25`, body: { peopleChecked: 10, vehiclesChecked: 4, sentToQuarantine: 1 } },
    'GET /api/entry/illegal': { url: `/api/entry/illegal?unitCode=${unitCode}` },
    'POST /api/entry/illegal': { url: '/api/entry/illegal', body: { unitCode, occurredAt: '2026-11-24T21:00:00+07:00', peopleCount: 3, crossing: 'boat', reportedBy: 'police', reporterOrgId: orgId } },
    'GET /api/entry/illegal/weekly': { url: `/api/entry/illegal/weekly?unitCode=${unitCode}` },
    'GET /api/entry/illegal/map': { url: `/api/entry/illegal/map?unitCode=${unitCode}` },
    'GET /api/entry/illegal/heads': { url: `/api/entry/illegal/heads?unitCode=${unitCode}` },
    'GET /api/entry/illegal/:id': { url: `/api/entry/illegal/${f.caseId}` },
    'POST /api/entry/illegal/:id/steps': { url: `/api/entry/illegal/${f.caseId}/steps`, body: { step: 'interception', orgId, at: '2026-11-25T22:00:00+07:00' } },
    'POST /api/entry/illegal/:id/people': { url: `/api/entry/illegal/${f.caseId}/people`, body: { person: { fullName: 'Mẫu Người Thứ Hai', birthYear: 1999, nationality: 'KH' } } },
    'POST /api/entry/illegal/:id/placements': {
      url: `/api/entry/illegal/${f.readyCaseId}/placements`,
      body: { personId: f.readyPersonId, facilityId, orgId, at: '2026-11-26T08:00:00+07:00' },
    },
  }
}
