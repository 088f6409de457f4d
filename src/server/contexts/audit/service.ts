import { type Ctx, requirePermission } from '../../platform/context.ts'
import * as repo from './repo.ts'

export async function searchAudit(ctx: Ctx, f: repo.AuditFilter) {
  requirePermission(ctx.access, 'audit:read')
  const rows = await repo.searchAudit(ctx.db, ctx.access, f)
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }))
}
