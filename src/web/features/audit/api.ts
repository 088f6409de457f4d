import type { searchAudit } from '../../../server/contexts/audit/service.ts'
import { api, type Json } from '../../app/api.ts'

export type AuditEntry = Json<Awaited<ReturnType<typeof searchAudit>>[number]>

/** The query of GET /api/audit: dates as yyyy-mm-dd (the route turns them into instants). */
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
