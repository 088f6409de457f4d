import { ApiError } from '../../app/api.ts'
import type { Translate } from '../../app/i18n.tsx'
import { useErrorText } from '../../ui/ErrorMessage.tsx'
import type { DirectiveDraft } from './draft.ts'

/** The refs of the tasks the server refused for want of a lead body (400 TASK_WITHOUT_LEAD, details.tasks). */
export function refusedTasks(err: unknown): string[] | null {
  if (!(err instanceof ApiError) || err.code !== 'TASK_WITHOUT_LEAD') return null
  const d = err.details
  return typeof d === 'object' && d !== null && 'tasks' in d && Array.isArray(d.tasks) ? d.tasks.filter((r): r is string => typeof r === 'string') : []
}

/** What must be filled before sending at all; the server judges the rest. */
export function missingFields(t: Translate, d: DirectiveDraft, mode: 'import' | 'compose'): string[] {
  const out: string[] = []
  if (!d.summary.trim()) out.push(t('dir.missing.summary'))
  if (!d.issuerName.trim() && !d.issuerOrgId) out.push(t('dir.missing.issuer'))
  if (mode === 'import' && !d.date) out.push(t('dir.missing.date'))
  for (const task of d.tasks) {
    if (!task.ref.trim()) out.push(t('dir.missing.ref'))
    if (!task.text.trim()) out.push(t('dir.missing.taskText', { ref: task.ref || '?' }))
  }
  return out
}

/**
 * What the document still lacks, as short field names for the hint beside the save button
 * ("Còn thiếu: Trích yếu, Cơ quan chủ trì nhiệm vụ 2"); an imported document also needs a lead
 * body from the registry for every task.
 */
export function waitingFor(t: Translate, d: DirectiveDraft, mode: 'import' | 'compose'): string[] {
  const out: string[] = []
  if (!d.summary.trim()) out.push(t('dir.field.summary'))
  if (!d.issuerName.trim() && !d.issuerOrgId) out.push(t('dir.field.issuer'))
  if (mode === 'import' && !d.date) out.push(t('dir.field.date'))
  if (d.tasks.some((task) => !task.ref.trim())) out.push(t('dir.need.ref'))
  for (const task of d.tasks) {
    if (!task.text.trim()) out.push(t('dir.need.taskText', { ref: task.ref.trim() || '?' }))
    if (mode === 'import' && !task.lead.some((b) => b.orgId !== null)) out.push(t('dir.need.lead', { ref: task.ref.trim() || '?' }))
  }
  return out
}

/** The refused tasks with the refusal worded in the interface language, for the task editors. */
export function useTaskErrors(error: unknown): { refs: string[]; message: string } | null {
  const describe = useErrorText()
  const refs = refusedTasks(error)
  return refs ? { refs, message: describe(error).text } : null
}
