import { auditEvent, type Ctx, inTransaction, requirePermission } from '../../platform/context.ts'
import { badRequest, notFound } from '../../platform/errors.ts'
import { storedChunks } from '../../platform/fileStore.ts'
import * as repo from './repo.ts'

export interface JobView {
  id: number
  kind: string
  title: string
  status: string
  progressDone: number
  progressTotal: number | null
  percent: number | null
  message: string | null
  error: string | null
  result: unknown
  cancelRequested: boolean
  /** How many times a runner has started it (an interrupted run counts). */
  attempts: number
  createdBy: string | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

export function presentJob(j: repo.JobRow): JobView {
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null)
  return {
    id: j.id,
    kind: j.kind,
    title: j.title,
    status: j.status,
    progressDone: j.progressDone,
    progressTotal: j.progressTotal,
    percent: j.status === 'done' ? 100 : j.progressTotal ? Math.min(100, Math.round((100 * j.progressDone) / j.progressTotal)) : null,
    message: j.message,
    error: j.error,
    result: j.result,
    cancelRequested: j.cancelRequested,
    attempts: j.attempts,
    createdBy: j.createdByName,
    createdAt: iso(j.createdAt) ?? '',
    startedAt: iso(j.startedAt),
    finishedAt: iso(j.finishedAt),
  }
}

export async function listJobs(ctx: Ctx, filter: { status?: string | undefined; limit: number }): Promise<JobView[]> {
  requirePermission(ctx.access, 'jobs:read')
  return (await repo.listJobs(ctx.db, filter)).map(presentJob)
}

export async function getJob(ctx: Ctx, id: number): Promise<JobView> {
  requirePermission(ctx.access, 'jobs:read')
  const j = await repo.findJob(ctx.db, id)
  if (!j) throw notFound(`công việc #${id}`)
  return presentJob(j)
}

/**
 * Cancels a queued job at once, and a running one at its next progress report, or at once if
 * its runner is gone: its lease expired, or `opts.serverStopped` (the command line on the
 * embedded engine, whose lock means no server is running).
 */
export async function cancelJob(ctx: Ctx, id: number, opts: { serverStopped?: boolean } = {}): Promise<JobView> {
  requirePermission(ctx.access, 'jobs:manage')
  const j = await getJob(ctx, id)
  if (j.status !== 'queued' && j.status !== 'running') {
    throw badRequest('JOB_NOT_ACTIVE', 'Chỉ hủy được công việc đang chờ hoặc đang chạy.')
  }
  await inTransaction(ctx, (tx) => repo.requestCancel(tx.db, id, opts.serverStopped ?? false))
  return getJob(ctx, id)
}

export async function resumeJob(ctx: Ctx, id: number): Promise<JobView> {
  requirePermission(ctx.access, 'jobs:manage')
  const j = await getJob(ctx, id)
  if (j.status !== 'failed' && j.status !== 'cancelled') {
    throw badRequest('JOB_NOT_RESUMABLE', 'Chỉ tiếp tục được công việc đã lỗi hoặc đã hủy.')
  }
  await inTransaction(ctx, (tx) => repo.requeue(tx.db, id))
  return getJob(ctx, id)
}

/**
 * The file a finished job made, for the user who started it (nobody else, whatever their role):
 * its name, type and content streamed from the store. Audited as a download.
 */
export async function jobFile(ctx: Ctx, id: number): Promise<{ fileName: string; size: number; mime: string; content: AsyncIterable<Buffer> }> {
  requirePermission(ctx.access, 'jobs:read')
  const userId = ctx.access.userId
  const f = userId === null ? undefined : await repo.jobFile(ctx.db, id, userId, ctx.now())
  if (!f) throw notFound(`tệp của công việc #${id}`)
  const result = (typeof f.result === 'string' ? JSON.parse(f.result) : f.result) as { mime?: string }
  await auditEvent(ctx, 'download', 'uploads', { id: f.id, jobId: id, fileName: f.fileName, size: f.size })
  return { fileName: f.fileName, size: f.size, mime: result.mime ?? 'application/octet-stream', content: storedChunks(ctx.db, f.id) }
}
