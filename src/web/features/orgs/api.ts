import type { OrgKind } from '../../../domain/orgs/kinds.ts'
import { api } from '../../app/api.ts'

export interface OrgView {
  id: number
  key: string | null
  name: string
  kind: OrgKind
  kindName: string
  parentId: number | null
  parentName: string | null
  unitCode: string
  unitName: string
  headName: string | null
  headPosition: string | null
  aliases: string[]
}

export interface OrgInput {
  name: string
  kind: OrgKind
  unitCode: string
  parentId: number | null
  headName: string | null
  headPosition: string | null
  aliases: string[]
}

export const orgsApi = {
  list: (f: { q?: string; kind?: string; limit?: number }, signal?: AbortSignal) =>
    api.get<{ orgs: OrgView[] }>('/api/orgs', { q: f.q, kind: f.kind, limit: f.limit ?? 200 }, signal).then((r) => r.orgs),
  /** One page of the whole registry, in the server's order. */
  listPage: (f: { limit: number; offset: number }, signal?: AbortSignal) => api.get<{ orgs: OrgView[] }>('/api/orgs', f, signal).then((r) => r.orgs),
  get: (id: number, signal?: AbortSignal) => api.get<OrgView>(`/api/orgs/${id}`, undefined, signal),
  create: (body: OrgInput) => api.post<OrgView>('/api/orgs', body),
  update: (id: number, body: Partial<OrgInput>) => api.patch<OrgView>(`/api/orgs/${id}`, body),
}
