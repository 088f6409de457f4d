import type { getOrg, listGroups, OrgInput as ServerOrgInput, OrgView as ServerOrgView } from '../../../server/contexts/orgs/service.ts'
import { api, type Json } from '../../app/api.ts'
import { formatVnDate } from '../../app/format.ts'

export type OrgView = Json<ServerOrgView>
/** One body with its successors and predecessors across time. */
export type OrgDetail = Json<Awaited<ReturnType<typeof getOrg>>>
/** The API does not take a body's stable key: only the reference loads set it. */
export type OrgInput = Omit<ServerOrgInput, 'key'>
/** An addressee group ("Các sở, ban, ngành tỉnh") with the ids of the bodies it stands for. */
export type OrgGroup = Json<Awaited<ReturnType<typeof listGroups>>[number]>

/** "Nguyễn Văn A — Giám đốc", or a dash when the registry names no head. */
/** The dates a body existed between, for lists and its page. */
export function validityOf(o: { validFrom: string | null; validTo: string | null }, t: (key: 'orgs.validAlways' | 'orgs.validFrom' | 'orgs.validTo', v?: Record<string, string>) => string): string {
  if (!o.validFrom && !o.validTo) return t('orgs.validAlways')
  return [o.validFrom ? t('orgs.validFrom', { from: formatVnDate(o.validFrom) }) : '', o.validTo ? t('orgs.validTo', { to: formatVnDate(o.validTo) }) : ''].filter(Boolean).join(' ')
}

export const headOf = (o: { headName: string | null; headPosition: string | null }) =>
  o.headName ? (o.headPosition ? `${o.headName} — ${o.headPosition}` : o.headName) : '—'

/** Bodies on one page of the list. */
export const ORGS_PER_PAGE = 100

/** How many ids one GET /api/orgs?ids= takes. */
export const IDS_PER_REQUEST = 500

export const orgsApi = {
  list: (f: { q?: string; kind?: string; limit?: number }, signal?: AbortSignal) =>
    api.get<{ orgs: OrgView[] }>('/api/orgs', { q: f.q, kind: f.kind, limit: f.limit ?? 200 }, signal).then((r) => r.orgs),
  /** One page of the list and how many bodies match in all. */
  page: (f: { q?: string; kind?: string; status?: string }, page: number, signal?: AbortSignal) =>
    api.get<{ orgs: OrgView[]; total: number }>('/api/orgs', { q: f.q, kind: f.kind, status: f.status || undefined, limit: ORGS_PER_PAGE, offset: page * ORGS_PER_PAGE }, signal),
  /** The bodies with these ids (at most IDS_PER_REQUEST); ids the registry lacks are simply absent. */
  byIds: (ids: number[], signal?: AbortSignal) =>
    api.get<{ orgs: OrgView[] }>('/api/orgs', { ids: ids.join(','), limit: ids.length }, signal).then((r) => r.orgs),
  get: (id: number, signal?: AbortSignal) => api.get<OrgDetail>(`/api/orgs/${id}`, undefined, signal),
  groups: (signal?: AbortSignal) => api.get<{ groups: OrgGroup[] }>('/api/orgs/groups', undefined, signal).then((r) => r.groups),
  create: (body: OrgInput) => api.post<OrgView>('/api/orgs', body),
  update: (id: number, body: Partial<OrgInput>) => api.patch<OrgView>(`/api/orgs/${id}`, body),
}
