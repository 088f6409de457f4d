import type {
  AdmissionView as ServerAdmissionView,
  CapacityView as ServerCapacityView,
  CheckInput,
  EligibilityView as ServerEligibilityView,
  EnrolInput,
  FacilityInput,
  FacilityView as ServerFacilityView,
  HomeView as ServerHomeView,
  capacityByUnit,
  flowsOf,
  getHome,
  linkInfo,
  listEscalations,
  listRules,
  RuleInput,
} from '../../../server/contexts/care/service.ts'
import { api, type Json, type Query } from '../../app/api.ts'

export type CapacityView = Json<ServerCapacityView>
export type FacilityView = Json<ServerFacilityView>
export type AdmissionView = Json<ServerAdmissionView>
export type HomeView = Json<ServerHomeView>
export type EligibilityView = Json<ServerEligibilityView>
export type HomeRecord = Json<Awaited<ReturnType<typeof getHome>>>
export type EscalationView = Json<Awaited<ReturnType<typeof listEscalations>>['escalations'][number]>
export type FlowsView = Json<Awaited<ReturnType<typeof flowsOf>>>
export type UnitCapacity = Json<Awaited<ReturnType<typeof capacityByUnit>>>
export type CareRule = Json<Awaited<ReturnType<typeof listRules>>['rules'][number]>
export type LinkInfo = Json<Awaited<ReturnType<typeof linkInfo>>>
export type { CheckInput, EnrolInput, FacilityInput }

const base = '/api/care'

export const careApi = {
  capacity: (unit: string | undefined, signal?: AbortSignal) => api.get<CapacityView>(`${base}/capacity`, unit ? { unit } : {}, signal),
  capacityUnits: (unit: string | undefined, signal?: AbortSignal) => api.get<UnitCapacity>(`${base}/capacity/units`, unit ? { unit } : {}, signal),
  flows: (unit: string | undefined, signal?: AbortSignal) => api.get<FlowsView>(`${base}/flows`, unit ? { unit } : {}, signal),
  facilities: (q: Query, signal?: AbortSignal) => api.get<{ facilities: FacilityView[] }>(`${base}/facilities`, q, signal),
  facility: (id: number, signal?: AbortSignal) => api.get<{ facility: FacilityView; admissions: AdmissionView[] }>(`${base}/facilities/${id}`, undefined, signal),
  createFacility: (body: Json<FacilityInput>) => api.post<FacilityView>(`${base}/facilities`, body),
  updateFacility: (id: number, body: Partial<Json<FacilityInput>>) => api.patch<FacilityView>(`${base}/facilities/${id}`, body),
  admit: (body: { facilityId: number; personId?: number; caseId?: number; bedKind: string; severity?: string | null }) => api.post<AdmissionView>(`${base}/admissions`, body),
  transfer: (id: number, body: { facilityId: number; bedKind: string; on?: string }) => api.post<AdmissionView>(`${base}/admissions/${id}/transfer`, body),
  discharge: (id: number, body: { outcome: string; on?: string; transferredTo?: string | null }) => api.post<AdmissionView>(`${base}/admissions/${id}/discharge`, body),
  home: (q: Query, signal?: AbortSignal) => api.get<{ patients: HomeView[] }>(`${base}/home`, q, signal),
  homeRecord: (id: number, signal?: AbortSignal) => api.get<HomeRecord>(`${base}/home/${id}`, undefined, signal),
  enrol: (body: Json<EnrolInput>) => api.post<{ patient: HomeView; eligibility: EligibilityView; token: string }>(`${base}/home`, body),
  addCheck: (id: number, body: Json<CheckInput>) => api.post<{ warnings: { code: string; text: string }[] }>(`${base}/home/${id}/checks`, body),
  issueLink: (id: number) => api.post<{ token: string }>(`${base}/home/${id}/link`),
  release: (id: number, body: { on?: string; closeOpenTask?: boolean; taskNote?: string | null }) => api.post<{ patient: HomeView }>(`${base}/home/${id}/release`, body),
  death: (id: number, body: { on: string; cause: string; reportedBy: string }) => api.post<{ patient: HomeView }>(`${base}/home/${id}/death`, body),
  escalations: (q: Query, signal?: AbortSignal) => api.get<{ escalations: EscalationView[] }>(`${base}/escalations`, q, signal),
  closeEscalation: (id: number, body: { resolution: string; note?: string | null }) => api.post<EscalationView>(`${base}/escalations/${id}/close`, body),
  rules: (signal?: AbortSignal) => api.get<{ rules: CareRule[] }>(`${base}/rules`, undefined, signal),
  createRule: (body: Json<RuleInput>) => api.post<CareRule>(`${base}/rules`, body),
  linkInfo: (token: string, signal?: AbortSignal) => api.get<LinkInfo>(`${base}/link/${token}`, undefined, signal),
  linkCheck: (token: string, body: Json<CheckInput>) => api.post<{ ok: true; warnings: string[]; message: string }>(`${base}/link/${token}/checks`, body),
}

/** The address of a patient's daily-check form. */
export const linkUrl = (token: string) => `${window.location.origin}/theo-doi/${token}`
