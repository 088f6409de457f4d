import type { MergeOutcome, UndoOutcome } from '../../../server/contexts/people/merge.ts'
import type { DuplicateCandidate as ServerCandidate, PersonInput, PersonView as ServerPersonView } from '../../../server/contexts/people/service.ts'
import { api, type Json } from '../../app/api.ts'

export type PersonView = Json<ServerPersonView>
export type DuplicateCandidate = Json<ServerCandidate>
export type { PersonInput }

export const peopleApi = {
  list: (f: { q?: string; unitCode?: string; limit?: number; offset?: number }, signal?: AbortSignal) =>
    api.get<{ people: PersonView[] }>('/api/people', { q: f.q, unitCode: f.unitCode, limit: f.limit ?? 50, offset: f.offset ?? 0 }, signal).then((r) => r.people),
  get: (id: number, signal?: AbortSignal) => api.get<PersonView>(`/api/people/${id}`, undefined, signal),
  /** Answers 409 DUPLICATE_CANDIDATES (details.candidates) when similar people exist, unless `confirmedNew`. */
  create: (body: PersonInput & { confirmedNew?: boolean }) => api.post<PersonView>('/api/people', body),
  update: (id: number, body: Partial<PersonInput>) => api.patch<PersonView>(`/api/people/${id}`, body),
  merge: (keepId: number, from: number) => api.post<Json<MergeOutcome>>(`/api/people/${keepId}/merge`, { from }),
  undoMerge: (auditId: number) => api.post<Json<UndoOutcome>>(`/api/people/merges/${auditId}/undo`),
}
