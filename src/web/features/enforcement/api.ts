import type { emulation, getViolation, inspectionForm, listPlans, listViolations, recordInspection } from '../../../server/contexts/enforcement/service.ts'
import { api, type Json, type Query } from '../../app/api.ts'

export type InspectionFormView = Json<Awaited<ReturnType<typeof inspectionForm>>>
export type InspectionOutcome = Json<Awaited<ReturnType<typeof recordInspection>>>
export type ViolationList = Json<Awaited<ReturnType<typeof listViolations>>>
export type ViolationRecord = Json<Awaited<ReturnType<typeof getViolation>>>
export type Emulation = Json<Awaited<ReturnType<typeof emulation>>>
export type Plans = Json<Awaited<ReturnType<typeof listPlans>>>

const base = '/api/enforcement'

export const enforcementApi = {
  form: (facilityId: number, signal?: AbortSignal) => api.get<InspectionFormView>(`${base}/facilities/${facilityId}/form`, undefined, signal),
  inspect: (body: unknown) => api.post<InspectionOutcome>(`${base}/inspections`, body),
  violations: (q: Query, signal?: AbortSignal) => api.get<ViolationList>(`${base}/violations`, q, signal),
  violation: (id: number, signal?: AbortSignal) => api.get<ViolationRecord>(`${base}/violations/${id}`, undefined, signal),
  followUp: (id: number, body: { on: string; note: string; closes?: boolean }) => api.post<ViolationRecord>(`${base}/violations/${id}/followups`, body),
  emulation: (q: Query, signal?: AbortSignal) => api.get<Emulation>(`${base}/emulation`, q, signal),
  plans: (q: Query, signal?: AbortSignal) => api.get<Plans>(`${base}/plans`, q, signal),
}
