import type {
  emulation,
  getPlan,
  getViolation,
  inspectionForm,
  listPlans,
  listRecognitions,
  listViolations,
  RecognitionInput,
  recordInspection,
} from '../../../server/contexts/enforcement/service.ts'
import { api, type Json, type Query } from '../../app/api.ts'

export type InspectionFormView = Json<Awaited<ReturnType<typeof inspectionForm>>>
export type InspectionOutcome = Json<Awaited<ReturnType<typeof recordInspection>>>
export type ViolationList = Json<Awaited<ReturnType<typeof listViolations>>>
export type ViolationRecord = Json<Awaited<ReturnType<typeof getViolation>>>
export type Emulation = Json<Awaited<ReturnType<typeof emulation>>>
export type Plans = Json<Awaited<ReturnType<typeof listPlans>>>
export type PlanRecord = Json<Awaited<ReturnType<typeof getPlan>>>
export type Recognitions = Json<Awaited<ReturnType<typeof listRecognitions>>>

const base = '/api/enforcement'

export const enforcementApi = {
  form: (facilityId: number, signal?: AbortSignal) => api.get<InspectionFormView>(`${base}/facilities/${facilityId}/form`, undefined, signal),
  inspect: (body: unknown) => api.post<InspectionOutcome>(`${base}/inspections`, body),
  violations: (q: Query, signal?: AbortSignal) => api.get<ViolationList>(`${base}/violations`, q, signal),
  violation: (id: number, signal?: AbortSignal) => api.get<ViolationRecord>(`${base}/violations/${id}`, undefined, signal),
  followUp: (id: number, body: { on: string; note: string; closes?: boolean }) => api.post<ViolationRecord>(`${base}/violations/${id}/followups`, body),
  emulation: (q: Query, signal?: AbortSignal) => api.get<Emulation>(`${base}/emulation`, q, signal),
  plans: (q: Query, signal?: AbortSignal) => api.get<Plans>(`${base}/plans`, q, signal),
  plan: (id: number, signal?: AbortSignal) => api.get<PlanRecord>(`${base}/plans/${id}`, undefined, signal),
  createPlan: (body: { unitCode: string; title: string; team: string; startsOn: string; endsOn: string; note?: string | null }) => api.post<{ id: number }>(`${base}/plans`, body),
  assignVisits: (id: number, body: { facilityIds: number[]; plannedOn: string; assignee?: string | null }) => api.post<PlanRecord>(`${base}/plans/${id}/visits`, body),
  removeVisit: (id: number, visitId: number) => api.delete<PlanRecord>(`${base}/plans/${id}/visits/${visitId}`),
  recognitions: (q: Query, signal?: AbortSignal) => api.get<Recognitions>(`${base}/recognitions`, q, signal),
  recordRecognition: (body: Json<RecognitionInput>) => api.post<{ id: number }>(`${base}/recognitions`, body),
}
