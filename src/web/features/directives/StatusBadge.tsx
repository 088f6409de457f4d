import { useT } from '../../app/i18n.tsx'
import type { TaskStatus } from './api.ts'
import { STATUS } from './labels.ts'

export function StatusBadge({ status }: { status: TaskStatus }) {
  const t = useT()
  return <span className={`badge status-${status}`}>{t(STATUS[status])}</span>
}
