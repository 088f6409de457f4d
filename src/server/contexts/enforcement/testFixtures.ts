import type { Agent } from '../../../test/harness.ts'
import { bestAnswers } from '../safety/testFixtures.ts'

/** Enforcement records of one commune the route samples act on. */
export interface EnforcementFixtures {
  planId: number
  inspectionId: number
  /** An open violation found at the inspection. */
  violationId: number
  /** A visit of the plan to another facility, not yet done (the one a sample takes off the plan). */
  spareVisitId: number
}

// biome-ignore lint/suspicious/noExplicitAny: fixture answers are read field by field
async function made(res: { statusCode: number; body: string; json(): unknown }): Promise<any> {
  if (res.statusCode >= 300) throw new Error(`fixture: ${res.statusCode} ${res.body}`)
  return res.json()
}

export const sampleViolation = {
  description: 'Không bố trí nơi rửa tay, sát khuẩn cho khách.',
  legalBasis: 'Nghị định 117/2020/NĐ-CP',
  responsibleName: 'Trần Thị Chủ',
  sanction: 'fine',
  fineAmount: 2_000_000,
  dueOn: '2026-12-10',
}

export async function enforcementFixtures(admin: Agent, unitCode: string, facilityId: number): Promise<EnforcementFixtures> {
  const plan = await made(await admin.post('/api/enforcement/plans', { unitCode, title: 'Kiểm tra cơ sở lưu trú đợt Mẫu', team: 'Đoàn kiểm tra liên ngành Mẫu', startsOn: '2026-11-20', endsOn: '2026-11-30' }))
  const inspection = await made(
    await admin.post('/api/enforcement/inspections', {
      facilityId,
      planId: plan.id,
      visitedOn: '2026-11-25',
      inspectors: 'Đoàn Mẫu',
      answers: bestAnswers('luu-tru-du-lich'),
      violations: [sampleViolation],
    }),
  )
  const spare = await made(
    await admin.post('/api/safety/facilities', {
      name: 'Nhà nghỉ Phân Công Nhầm Mẫu',
      kind: 'hotel',
      unitCode,
      address: '2 Đường Mẫu',
      headName: 'Lê Văn Mẫu',
      headPhone: '0987000222',
      rooms: 8,
      confirmedNew: true,
    }),
  )
  const assigned = await made(await admin.post(`/api/enforcement/plans/${plan.id}/visits`, { facilityIds: [spare.id], plannedOn: '2026-11-28', assignee: 'Tổ Mẫu' }))
  const spareVisitId = assigned.visits.find((v: { facilityId: number }) => v.facilityId === spare.id).id
  return { planId: plan.id, inspectionId: inspection.id, violationId: inspection.violationIds[0], spareVisitId }
}

export function enforcementSamples(f: EnforcementFixtures, unitCode: string, facilityId: number, orgId: number) {
  return {
    'GET /api/enforcement/legal-bases': { url: '/api/enforcement/legal-bases' },
    'GET /api/enforcement/plans': { url: `/api/enforcement/plans?unit=${unitCode}` },
    'POST /api/enforcement/plans': { url: '/api/enforcement/plans', body: { unitCode, title: 'Kiểm tra chợ Mẫu', team: 'Tổ kiểm tra phường Mẫu', startsOn: '2026-12-01', endsOn: '2026-12-05' } },
    'GET /api/enforcement/plans/:id': { url: `/api/enforcement/plans/${f.planId}` },
    'POST /api/enforcement/plans/:id/visits': { url: `/api/enforcement/plans/${f.planId}/visits`, body: { facilityIds: [facilityId], plannedOn: '2026-11-27', assignee: 'Tổ Mẫu' } },
    'DELETE /api/enforcement/plans/:id/visits/:visitId': { url: `/api/enforcement/plans/${f.planId}/visits/${f.spareVisitId}` },
    'POST /api/enforcement/inspections': {
      url: '/api/enforcement/inspections',
      body: { facilityId, planId: f.planId, visitedOn: '2026-11-26', inspectors: 'Đoàn Mẫu 2', answers: bestAnswers('luu-tru-du-lich') },
    },
    'GET /api/enforcement/facilities/:id/form': { url: `/api/enforcement/facilities/${facilityId}/form` },
    'GET /api/enforcement/inspections/:id': { url: `/api/enforcement/inspections/${f.inspectionId}` },
    'GET /api/enforcement/violations': { url: `/api/enforcement/violations?unit=${unitCode}` },
    'POST /api/enforcement/violations': { url: '/api/enforcement/violations', body: { facilityId, inspectionId: f.inspectionId, ...sampleViolation, sanction: 'warning', fineAmount: null } },
    'GET /api/enforcement/violations/:id': { url: `/api/enforcement/violations/${f.violationId}` },
    'POST /api/enforcement/violations/:id/followups': { url: `/api/enforcement/violations/${f.violationId}/followups`, body: { on: '2026-11-26', note: 'Đã lắp bồn rửa tay.', closes: true } },
    'GET /api/enforcement/recognitions': { url: `/api/enforcement/recognitions?unit=${unitCode}` },
    'POST /api/enforcement/recognitions': {
      url: '/api/enforcement/recognitions',
      body: { kind: 'commendation', orgId, form: 'Giấy khen', reason: 'Hoàn thành tốt kiểm tra phòng dịch', decisionRef: '12/QĐ-UBND ngày 20/11/2026', decidedOn: '2026-11-20' },
    },
    'GET /api/enforcement/emulation': { url: `/api/enforcement/emulation?unit=${unitCode}` },
  }
}
