import type { CommuneRt as ServerCommuneRt, IndicatorDay as ServerIndicatorDay, SerialIntervalView as ServerSi, UnitRt as ServerUnitRt } from '../../../server/contexts/analytics/service.ts'
import { api, type Json, type Query } from '../../app/api.ts'
import type { JobView } from '../jobs/api.ts'

export type UnitRt = Json<ServerUnitRt>
export type RtWindow = UnitRt['windows'][number]
export type IndicatorDay = Json<ServerIndicatorDay>
export type SerialInterval = Json<ServerSi>
export interface Indicators {
  unit: { code: string; name: string } | null
  from: string
  to: string
  population: number | null
  populationYear: number | null
  days: IndicatorDay[]
}
export interface CommunesRt {
  from: string
  to: string
  window: number
  serialInterval: SerialInterval
  communes: Json<ServerCommuneRt>[]
}

const base = '/api/analytics'

export const analyticsApi = {
  rt: (q: Query, signal?: AbortSignal) => api.get<UnitRt>(`${base}/rt`, q, signal),
  communes: (q: Query, signal?: AbortSignal) => api.get<CommunesRt>(`${base}/rt/communes`, q, signal),
  indicators: (q: Query, signal?: AbortSignal) => api.get<Indicators>(`${base}/indicators`, q, signal),
  startDailyReport: (unit: string, format: 'docx' | 'pdf') => api.post<JobView>(`${base}/daily-report`, { unit, format }),
  jobFile: (jobId: number) => `/api/jobs/${jobId}/file`,
}
