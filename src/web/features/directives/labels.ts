import type { MessageKey, Translate } from '../../app/i18n.tsx'
import type { Cadence, DirectiveStatus, ReportStatus, ReviewState, Role, TaskStatus } from './api.ts'

export const TASK_STATUSES: TaskStatus[] = ['done', 'on_time', 'late', 'not_started']

export const STATUS: Record<TaskStatus, MessageKey> = {
  done: 'dir.status.done',
  on_time: 'dir.status.on_time',
  late: 'dir.status.late',
  not_started: 'dir.status.not_started',
}

/** Short marks inside the matrix cells, so that status never rests on colour alone. */
export const STATUS_ABBR: Record<TaskStatus, MessageKey> = {
  done: 'dir.abbr.done',
  on_time: 'dir.abbr.on_time',
  late: 'dir.abbr.late',
  not_started: 'dir.abbr.not_started',
}

export const ROLE: Record<Role, MessageKey> = { lead: 'dir.role.lead', coordinating: 'dir.role.coordinating' }

export const DIRECTIVE_STATUS: Record<DirectiveStatus, MessageKey> = {
  imported: 'dir.dstatus.imported',
  draft: 'dir.dstatus.draft',
  issued: 'dir.dstatus.issued',
}

export const REPORT_STATUS: Record<ReportStatus, MessageKey> = {
  in_progress: 'dir.rstatus.in_progress',
  done: 'dir.rstatus.done',
  blocked: 'dir.rstatus.blocked',
}

export const REVIEW: Record<ReviewState, MessageKey> = {
  pending: 'dir.review.pending',
  accepted: 'dir.review.accepted',
  returned: 'dir.review.returned',
}

export const CADENCE_KINDS: Cadence['kind'][] = ['once', 'regular', 'weekly', 'monthly', 'ad_hoc']

export const CADENCE: Record<Cadence['kind'], MessageKey> = {
  once: 'dir.cadence.once',
  regular: 'dir.cadence.regular',
  weekly: 'dir.cadence.weekly',
  monthly: 'dir.cadence.monthly',
  ad_hoc: 'dir.cadence.ad_hoc',
}

export function cadenceText(t: Translate, c: Cadence): string {
  return c.kind === 'regular' ? t('dir.cadence.everyDays', { n: c.everyDays }) : t(CADENCE[c.kind])
}

/** The start of a long task text, for tables. */
export const excerpt = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max).trimEnd()}…` : text)

/** "Nguyễn Văn A — Giám đốc Sở Y tế", or a dash when the registry has no head. */
export function headText(head: string | null, position: string | null): string {
  if (!head) return position ?? '—'
  return position ? `${head} — ${position}` : head
}

/** Stable React keys for lists whose items may repeat (the same name written twice). */
export function uniqueKeys<T>(items: T[], base: (item: T) => string): { key: string; item: T }[] {
  const seen = new Map<string, number>()
  return items.map((item) => {
    const b = base(item)
    const n = seen.get(b) ?? 0
    seen.set(b, n + 1)
    return { key: n ? `${b}#${n}` : b, item }
  })
}
