import type { PublicAnswer } from '../../../server/contexts/safety/public.ts'
import type { formOf, publicFacility, publicUnits, submit } from '../../../server/contexts/safety/public.ts'
import type { ChecklistSummary, getChecklist, getFacility, listFacilities, poster } from '../../../server/contexts/safety/service.ts'
import { api, type Json, type Query, request } from '../../app/api.ts'

export type PublicMap = Json<PublicAnswer>
export type PublicFacilityView = Json<Awaited<ReturnType<typeof publicFacility>>>
export type PublicUnits = Json<Awaited<ReturnType<typeof publicUnits>>>
export type FormView = Json<Awaited<ReturnType<typeof formOf>>>
export type ResultView = Json<Awaited<ReturnType<typeof submit>>>
export type FacilityList = Json<Awaited<ReturnType<typeof listFacilities>>>
export type FacilityRecord = Json<Awaited<ReturnType<typeof getFacility>>>
export type PosterView = Json<Awaited<ReturnType<typeof poster>>>
export type ChecklistView = Json<ChecklistSummary>
export type ChecklistRecord = Json<Awaited<ReturnType<typeof getChecklist>>>

export const safetyApi = {
  publicMap: (q: Query, signal?: AbortSignal) => api.get<PublicMap>('/api/public/facilities', q, signal),
  publicUnits: (unit: string, signal?: AbortSignal) => api.get<PublicUnits>('/api/public/facilities/units', { unit }, signal),
  publicFacility: (id: number, signal?: AbortSignal) => api.get<PublicFacilityView>(`/api/public/facilities/${id}`, undefined, signal),
  form: (token: string, signal?: AbortSignal) => api.get<FormView>(`/api/public/safety/forms/${token}`, undefined, signal),
  sendCode: (token: string, contact: string) => api.post<{ sent: boolean; to: string; expiresInMinutes: number }>(`/api/public/safety/forms/${token}/code`, { contact }),
  verify: (token: string, contact: string, code: string) => api.post<{ proof: string; validMinutes: number }>(`/api/public/safety/forms/${token}/verify`, { contact, code }),
  photo: (token: string, proof: string, file: File) => {
    const body = new FormData()
    body.append('file', file)
    return request<{ id: number; fileName: string; size: number }>(`/api/public/safety/forms/${token}/photos`, { method: 'POST', body, query: { proof } })
  },
  submit: (token: string, body: { proof: string; contactName?: string | null; answers: Record<string, string>; photoIds?: number[] }) =>
    api.post<ResultView>(`/api/public/safety/forms/${token}/assessments`, body),
  facilities: (q: Query, signal?: AbortSignal) => api.get<FacilityList>('/api/safety/facilities', q, signal),
  facility: (id: number, signal?: AbortSignal) => api.get<FacilityRecord>(`/api/safety/facilities/${id}`, undefined, signal),
  createFacility: (body: Record<string, unknown>) => api.post<FacilityRecord>('/api/safety/facilities', body),
  issueLink: (id: number) => api.post<{ token: string; formPath: string }>(`/api/safety/facilities/${id}/link`),
  poster: (id: number, signal?: AbortSignal) => api.get<PosterView>(`/api/safety/facilities/${id}/poster`, undefined, signal),
  assess: (body: { facilityId: number; answers: Record<string, string> }) => api.post<ResultView>('/api/safety/assessments', body),
  checklists: (signal?: AbortSignal) => api.get<ChecklistView[]>('/api/safety/checklists', undefined, signal),
  checklist: (id: number, signal?: AbortSignal) => api.get<ChecklistRecord>(`/api/safety/checklists/${id}`, undefined, signal),
  saveChecklist: (checklist: unknown, reason: string) => api.post<ChecklistView>('/api/safety/checklists', { checklist, reason }),
  importFacilities: (uploadId: number) => api.post<{ id: number }>('/api/safety/imports', { uploadId }),
}
