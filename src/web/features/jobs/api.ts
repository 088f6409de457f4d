import { api } from '../../app/api.ts'
import type { MessageKey } from '../../app/i18n.tsx'

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled'

export interface JobView {
  id: number
  kind: string
  title: string
  status: JobStatus
  progressDone: number
  progressTotal: number | null
  percent: number | null
  message: string | null
  error: string | null
  result: unknown
  cancelRequested: boolean
  createdBy: string | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

export const JOB_STATUS: Record<JobStatus, MessageKey> = {
  queued: 'jobs.status.queued',
  running: 'jobs.status.running',
  done: 'jobs.status.done',
  failed: 'jobs.status.failed',
  cancelled: 'jobs.status.cancelled',
}

export const isActive = (j: JobView) => j.status === 'queued' || j.status === 'running'

/** Null (unknown yet) only while a job runs; a queued job has not started, a stopped one stays where it stopped. */
export const jobPercent = (j: JobView): number | null => (j.status === 'queued' ? 0 : j.status === 'running' ? j.percent : (j.percent ?? 0))

export const jobsApi = {
  list: (status?: JobStatus, limit = 50, signal?: AbortSignal) => api.get<{ jobs: JobView[] }>('/api/jobs', { status, limit }, signal).then((r) => r.jobs),
  get: (id: number, signal?: AbortSignal) => api.get<JobView>(`/api/jobs/${id}`, undefined, signal),
  cancel: (id: number) => api.post<JobView>(`/api/jobs/${id}/cancel`, {}),
  resume: (id: number) => api.post<JobView>(`/api/jobs/${id}/resume`, {}),
  importPopulation: (fileName: string, contentBase64: string) => api.post<JobView>('/api/units/import/population', { fileName, contentBase64 }),
  importBoundaries: (fileName: string, contentBase64: string) => api.post<JobView>('/api/units/import/boundaries', { fileName, contentBase64 }),
}
