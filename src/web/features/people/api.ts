import type { PersonInput, PersonView as ServerPersonView } from '../../../server/contexts/people/service.ts'
import { api, type Json } from '../../app/api.ts'

export type PersonView = Json<ServerPersonView>
export type { PersonInput }

export const peopleApi = {
  list: (f: { q?: string; unitCode?: string; limit?: number; offset?: number }, signal?: AbortSignal) =>
    api.get<{ people: PersonView[] }>('/api/people', { q: f.q, unitCode: f.unitCode, limit: f.limit ?? 50, offset: f.offset ?? 0 }, signal).then((r) => r.people),
  get: (id: number, signal?: AbortSignal) => api.get<PersonView>(`/api/people/${id}`, undefined, signal),
  create: (body: PersonInput) => api.post<PersonView>('/api/people', body),
  update: (id: number, body: Partial<PersonInput>) => api.patch<PersonView>(`/api/people/${id}`, body),
}
