import { EXAMPLE_ELIGIBLE_FACTS, NATIONAL_HOME_CARE_RULES } from '../../../domain/care/rules.ts'
import type { Agent } from '../../../test/harness.ts'

/** Care records of one commune the route samples act on. */
export interface CareFixtures {
  facilityId: number
  stationId: number
  /** A person with a case, neither admitted nor at home: the admission sample admits them. */
  toAdmitPersonId: number
  /** A case, neither admitted nor at home: the home-care sample enrols them. */
  toEnrolCaseId: number
  /** Two active stays: one for the transfer sample, one for the discharge sample. */
  transferId: number
  dischargeId: number
  /** An F0 at home with an open escalation, and one with a negative test after day 7 (to release). */
  homeId: number
  token: string
  escalationId: number
  releaseHomeId: number
  /** An F0 at home the death sample records as died at home. */
  deathHomeId: number
}

/** Facts of a patient the home-care rule in force takes. */
export const ELIGIBLE_FACTS = EXAMPLE_ELIGIBLE_FACTS

async function made(res: { statusCode: number; body: string; json(): unknown }) {
  if (res.statusCode >= 300) throw new Error(`fixture: ${res.statusCode} ${res.body}`)
  // biome-ignore lint/suspicious/noExplicitAny: fixture answers are read field by field
  return res.json() as any
}

/** People of `unitCode` with confirmed cases (confirmed on `confirmedDate`). */
async function casesIn(admin: Agent, unitCode: string, names: string[], confirmedDate: string) {
  const out: { personId: number; caseId: number }[] = []
  for (const fullName of names) {
    const p = await made(await admin.post('/api/people', { fullName, unitCode, birthYear: 1990, confirmedNew: true }))
    const c = await made(await admin.post('/api/surveillance/cases', { personId: p.id, classification: 'confirmed', sampleDate: confirmedDate, confirmedDate }))
    out.push({ personId: p.id, caseId: c.id })
  }
  return out
}

export async function careFixtures(admin: Agent, unitCode: string): Promise<CareFixtures> {
  const facility = await made(
    await admin.post('/api/care/facilities', { name: 'Bệnh viện Mẫu', tier: 2, kind: 'covid_hospital', unitCode, bedsRegular: 10, bedsOxygen: 5, bedsIcu: 2 }),
  )
  const station = await made(await admin.post('/api/care/facilities', { name: 'Trạm Y tế Mẫu', tier: 1, kind: 'health_station', unitCode, phone: '02973000000' }))
  const [a, b, c, d, e, f, g] = await casesIn(
    admin,
    unitCode,
    ['Mẫu Nhập Viện', 'Mẫu Chuyển Tầng', 'Mẫu Ra Viện', 'Mẫu Tại Nhà', 'Mẫu Vào Tại Nhà', 'Mẫu Hết Cách Ly', 'Mẫu Tử Vong Tại Nhà'],
    '2026-11-15',
  )
  const stay = async (personId: number) => made(await admin.post('/api/care/admissions', { facilityId: facility.id, personId, bedKind: 'regular', admittedOn: '2026-11-16' }))
  const [transfer, discharge] = [await stay(b!.personId), await stay(c!.personId)]
  const enrol = async (caseId: number) => made(await admin.post('/api/care/home', { caseId, stationId: station.id, startedOn: '2026-11-16', facts: ELIGIBLE_FACTS }))
  const home = await enrol(d!.caseId)
  const warned = await made(await admin.post(`/api/care/home/${home.patient.id}/checks`, { spo2: 93, respiratoryRate: 22 }))
  const released = await enrol(f!.caseId)
  const dying = await enrol(g!.caseId)
  await made(await admin.post('/api/surveillance/tests', { personId: f!.personId, method: 'antigen', sampleDate: '2026-11-22', result: 'negative', resultDate: '2026-11-22', lab: 'Trạm Y tế Mẫu' }))
  if (NATIONAL_HOME_CARE_RULES.length === 0) throw new Error('no home-care rules')
  return {
    facilityId: facility.id,
    stationId: station.id,
    toAdmitPersonId: a!.personId,
    toEnrolCaseId: e!.caseId,
    transferId: transfer.id,
    dischargeId: discharge.id,
    homeId: home.patient.id,
    token: home.token,
    escalationId: warned.escalation.id,
    releaseHomeId: released.patient.id,
    deathHomeId: dying.patient.id,
  }
}

/** One valid request for every care route (see src/test/route-samples.ts). */
export function careSamples(f: CareFixtures, unitCode: string) {
  const rule = NATIONAL_HOME_CARE_RULES.at(-1)!
  return {
    'GET /api/care/rules': { url: '/api/care/rules' },
    'POST /api/care/rules': {
      url: '/api/care/rules',
      body: { ...rule, unitCode, validFrom: '2026-06-01', name: 'Quy định mẫu của phường', source: 'Văn bản mẫu của phường', confidence: 'unverified', note: null },
    },
    'POST /api/care/eligibility': { url: '/api/care/eligibility', body: { unitCode, date: '2026-11-20', facts: { ...ELIGIBLE_FACTS, ageYears: 40 } } },
    'GET /api/care/facilities': { url: `/api/care/facilities?unitCode=${unitCode}` },
    'POST /api/care/facilities': { url: '/api/care/facilities', body: { name: 'Khu thu dung Mẫu', tier: 1, kind: 'collection', unitCode, bedsRegular: 100 } },
    'GET /api/care/facilities/:id': { url: `/api/care/facilities/${f.facilityId}` },
    'PATCH /api/care/facilities/:id': { url: `/api/care/facilities/${f.facilityId}`, body: { unitCode, bedsRegular: 12, staffDoctors: 4 } },
    'GET /api/care/admissions': { url: `/api/care/admissions?unitCode=${unitCode}` },
    'POST /api/care/admissions': { url: '/api/care/admissions', body: { facilityId: f.facilityId, personId: f.toAdmitPersonId, bedKind: 'oxygen' } },
    'POST /api/care/admissions/:id/transfer': { url: `/api/care/admissions/${f.transferId}/transfer`, body: { facilityId: f.facilityId, bedKind: 'icu' } },
    'POST /api/care/admissions/:id/discharge': { url: `/api/care/admissions/${f.dischargeId}/discharge`, body: { outcome: 'recovered' } },
    'GET /api/care/capacity': { url: `/api/care/capacity?unit=${unitCode}` },
    'GET /api/care/capacity/units': { url: `/api/care/capacity/units?unit=${unitCode}` },
    'GET /api/care/flows': { url: `/api/care/flows?unit=${unitCode}` },
    'POST /api/care/home': { url: '/api/care/home', body: { caseId: f.toEnrolCaseId, stationId: f.stationId, facts: ELIGIBLE_FACTS } },
    'GET /api/care/home': { url: `/api/care/home?unitCode=${unitCode}` },
    'GET /api/care/home/:id': { url: `/api/care/home/${f.homeId}` },
    'POST /api/care/home/:id/checks': { url: `/api/care/home/${f.homeId}/checks`, body: { spo2: 97, temperature: 37.2 } },
    'POST /api/care/home/:id/link': { url: `/api/care/home/${f.releaseHomeId}/link` },
    'POST /api/care/home/:id/release': { url: `/api/care/home/${f.releaseHomeId}/release`, body: {} },
    'POST /api/care/home/:id/death': { url: `/api/care/home/${f.deathHomeId}/death`, body: { on: '2026-11-25', cause: 'Suy hô hấp', reportedBy: 'Người nhà (con gái)' } },
    'GET /api/care/escalations': { url: `/api/care/escalations?unitCode=${unitCode}` },
    'POST /api/care/escalations/:id/close': { url: `/api/care/escalations/${f.escalationId}/close`, body: { resolution: 'visited', note: 'Đã đến nhà đo lại' } },
    'GET /api/care/link/:token': { url: `/api/care/link/${f.token}` },
    'POST /api/care/link/:token/checks': { url: `/api/care/link/${f.token}/checks`, body: { spo2: 98, respiratoryRate: 16, temperature: 36.9 } },
  }
}
