import { api } from '../../app/api.ts'

export type Sex = 'male' | 'female' | 'other'

export interface PersonView {
  id: number
  fullName: string
  birthYear: number | null
  birthDate: string | null
  sex: Sex | null
  nationalId: string | null
  phone: string | null
  unitCode: string
  unitName: string
  address: string | null
  nationality: string
}

export interface PersonInput {
  fullName: string
  birthYear?: number | null
  birthDate?: string | null
  sex?: Sex | null
  nationalId?: string | null
  phone?: string | null
  unitCode: string
  address?: string | null
  nationality?: string
}

export const peopleApi = {
  list: (f: { q?: string; unitCode?: string; limit?: number; offset?: number }, signal?: AbortSignal) =>
    api.get<{ people: PersonView[] }>('/api/people', { q: f.q, unitCode: f.unitCode, limit: f.limit ?? 50, offset: f.offset ?? 0 }, signal).then((r) => r.people),
  get: (id: number, signal?: AbortSignal) => api.get<PersonView>(`/api/people/${id}`, undefined, signal),
  create: (body: PersonInput) => api.post<PersonView>('/api/people', body),
  update: (id: number, body: Partial<PersonInput>) => api.patch<PersonView>(`/api/people/${id}`, body),
}
