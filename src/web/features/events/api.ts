import type { assess, calendar, EventInput, getEvent, listRuleSets, publicEvents } from '../../../server/contexts/events/service.ts'
import { api, type Json, type Query } from '../../app/api.ts'

export type EventRecord = Json<Awaited<ReturnType<typeof getEvent>>>
export type Calendar = Json<Awaited<ReturnType<typeof calendar>>>
export type AssessmentView = Json<Awaited<ReturnType<typeof assess>>>
export type RuleSets = Json<Awaited<ReturnType<typeof listRuleSets>>>
export type PublicEvents = Json<Awaited<ReturnType<typeof publicEvents>>>

const base = '/api/events'

export const eventsApi = {
  calendar: (q: Query, signal?: AbortSignal) => api.get<Calendar>(base, q, signal),
  event: (id: number, signal?: AbortSignal) => api.get<EventRecord>(`${base}/${id}`, undefined, signal),
  assess: (q: Query, signal?: AbortSignal) => api.get<AssessmentView>(`${base}/assess`, q, signal),
  register: (body: Json<EventInput>) => api.post<EventRecord>(base, body),
  requestAdvice: (id: number, body: { to?: string | null }) => api.post<EventRecord>(`${base}/${id}/advice-request`, body),
  advise: (id: number, body: { text: string }) => api.post<EventRecord>(`${base}/${id}/advice`, body),
  decide: (id: number, body: { decision: string; conditions?: string[]; reason?: string | null }) => api.post<EventRecord>(`${base}/${id}/decision`, body),
  rules: (signal?: AbortSignal) => api.get<RuleSets>(`${base}/rules`, undefined, signal),
  saveRules: (body: { validFrom: string; definition: unknown; reason: string }) => api.post<RuleSets['ruleSets'][number]>(`${base}/rules`, body),
  publicEvents: (unit: string, signal?: AbortSignal) => api.get<PublicEvents>('/api/public/events', unit ? { unit } : {}, signal),
  replyUrl: (id: number) => `${base}/${id}/reply.docx`,
}
