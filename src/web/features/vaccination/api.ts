import type { personDoses } from '../../../server/contexts/vaccination/records.ts'
import type { coverage, dosesOfDay, enterDoses, getPopulations, listTargets, reference } from '../../../server/contexts/vaccination/service.ts'
import { api, type Json, type Query } from '../../app/api.ts'
import type { JobView } from '../jobs/api.ts'

export type Reference = Json<Awaited<ReturnType<typeof reference>>>
export type CoverageView = Json<Awaited<ReturnType<typeof coverage>>>
export type DayDoses = Json<Awaited<ReturnType<typeof dosesOfDay>>>
export type Entered = Json<Awaited<ReturnType<typeof enterDoses>>>
export type PopulationsView = Json<Awaited<ReturnType<typeof getPopulations>>>
export type Targets = Json<Awaited<ReturnType<typeof listTargets>>>
export type PersonDoses = Json<Awaited<ReturnType<typeof personDoses>>>

export interface PersonDoseInput {
  doseDate: string
  product: string
  dose: string
  unitCode: string
  riskGroup?: string
  lot?: string | null
}

export interface DoseEntryInput {
  ageGroup: string
  riskGroup: string
  product: string
  dose: string
  doses: number
}

const base = '/api/vaccination'

export const vaccinationApi = {
  reference: (signal?: AbortSignal) => api.get<Reference>(`${base}/reference`, undefined, signal),
  coverage: (q: Query, signal?: AbortSignal) => api.get<CoverageView>(`${base}/coverage`, q, signal),
  doses: (unit: string, date: string, signal?: AbortSignal) => api.get<DayDoses>(`${base}/doses`, { unit, date }, signal),
  enter: (body: { unitCode: string; date: string; entries: DoseEntryInput[] }) => api.post<Entered>(`${base}/doses`, body),
  populations: (unit: string, signal?: AbortSignal) => api.get<PopulationsView>(`${base}/populations`, { unit }, signal),
  targets: (unit: string, signal?: AbortSignal) => api.get<Targets>(`${base}/targets`, { unit }, signal),
  startImport: (uploadId: number) => api.post<JobView>(`${base}/imports`, { uploadId }),
  startPopulationImport: (uploadId: number) => api.post<JobView>(`${base}/populations/imports`, { uploadId }),
  jobFile: (jobId: number) => `/api/jobs/${jobId}/file`,
  personDoses: (personId: number, signal?: AbortSignal) => api.get<PersonDoses>(`${base}/people/${personId}/doses`, undefined, signal),
  addPersonDose: (personId: number, body: PersonDoseInput) => api.post<PersonDoses & { id: number }>(`${base}/people/${personId}/doses`, body),
  removeRecord: (id: number) => api.delete<{ ok: true }>(`${base}/records/${id}`),
  startRecordImport: (uploadId: number) => api.post<JobView>(`${base}/records/imports`, { uploadId }),
  recordTemplate: `${base}/records/template.csv`,
}
