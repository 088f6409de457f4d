import { api } from '../../app/api.ts'

export interface AuditEntry {
  id: number
  at: string
  actorId: number | null
  actorName: string
  action: string
  entity: string
  entityId: string | null
  unitPath: string | null
  before: unknown
  after: unknown
  requestId: string | null
}

export interface AuditFilter {
  actor?: string
  entity?: string
  action?: string
  from?: string
  to?: string
  limit?: number
  offset?: number
}

export const auditApi = {
  search: (f: AuditFilter, signal?: AbortSignal) => api.get<{ entries: AuditEntry[] }>('/api/audit', { ...f }, signal).then((r) => r.entries),
}
