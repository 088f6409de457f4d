import type { JobView as ServerJobView } from '../../../server/contexts/jobs/service.ts'
import { api, type Json } from '../../app/api.ts'
import type { MessageKey, Translate } from '../../app/i18n.tsx'

export type JobView = Json<ServerJobView>

const JOB_STATUS = {
  queued: 'jobs.status.queued',
  running: 'jobs.status.running',
  done: 'jobs.status.done',
  failed: 'jobs.status.failed',
  cancelled: 'jobs.status.cancelled',
} satisfies Record<string, MessageKey>

export type JobStatus = keyof typeof JOB_STATUS

/** A job's status in the interface language; the server's word for a status this screen does not know. */
export const jobStatusText = (t: Translate, status: string): string => (Object.hasOwn(JOB_STATUS, status) ? t(JOB_STATUS[status as JobStatus]) : status)

export const isActive = (j: JobView) => j.status === 'queued' || j.status === 'running'

/** Null (unknown yet) only while a job runs; a queued job has not started, a stopped one stays where it stopped. */
export const jobPercent = (j: JobView): number | null => (j.status === 'queued' ? 0 : j.status === 'running' ? j.percent : (j.percent ?? 0))

export const jobsApi = {
  list: (status?: JobStatus, limit = 50, signal?: AbortSignal) => api.get<{ jobs: JobView[] }>('/api/jobs', { status, limit }, signal).then((r) => r.jobs),
  get: (id: number, signal?: AbortSignal) => api.get<JobView>(`/api/jobs/${id}`, undefined, signal),
  cancel: (id: number) => api.post<JobView>(`/api/jobs/${id}/cancel`, {}),
  resume: (id: number) => api.post<JobView>(`/api/jobs/${id}/resume`, {}),
  importPopulation: (uploadId: number) => api.post<JobView>('/api/units/import/population', { uploadId }),
  importBoundaries: (uploadId: number) => api.post<JobView>('/api/units/import/boundaries', { uploadId }),
}
