import { useEffect, useRef } from 'react'
import { type MessageKey, useT } from '../../app/i18n.tsx'
import { type ConfidenceField, LOW_CONFIDENCE, type ParsedDirective, type TaskConfidence } from '../../../domain/documents/types.ts'

const FIELD_LABELS: Record<ConfidenceField, MessageKey> = {
  type: 'dir.field.type',
  symbol: 'dir.field.symbol',
  issuer: 'dir.field.issuer',
  date: 'dir.field.date',
  urgency: 'dir.field.urgency',
  summary: 'dir.field.summary',
  addressees: 'dir.field.addressees',
  signing: 'dir.field.signer',
  recipients: 'dir.field.recipients',
}

const TASK_PARTS: [keyof TaskConfidence, MessageKey][] = [
  ['task', 'dir.field.task'],
  ['lead', 'dir.field.lead'],
  ['coordinating', 'dir.field.coordinating'],
  ['deadline', 'dir.field.deadline'],
  ['cadence', 'dir.field.cadence'],
]

/**
 * What the parser was least sure of, least sure first: header fields, then tasks with the parts
 * to check, each task with a button that takes the reviewer to it. The list takes the focus when
 * the review opens, so the reviewer starts with the doubtful readings.
 */
export function UncertainFields({ parsed, taskUids }: { parsed: ParsedDirective; taskUids: Map<string, string> }) {
  const t = useT()
  const box = useRef<HTMLDivElement>(null)
  const fields = Object.entries(parsed.fieldConfidence ?? {})
    .filter(([, c]) => c !== undefined && c < LOW_CONFIDENCE)
    .sort(([, a], [, b]) => (a ?? 0) - (b ?? 0))
    .map(([k]) => k as ConfidenceField)
  const tasks = parsed.tasks
    .filter((task) => !task.heading && task.confidence)
    .map((task) => {
      const c = task.confidence as TaskConfidence
      const low = TASK_PARTS.filter(([k]) => c[k] < LOW_CONFIDENCE)
      return { ref: task.ref, low, min: Math.min(...TASK_PARTS.map(([k]) => c[k])) }
    })
    .filter((x) => x.low.length > 0)
    .sort((a, b) => a.min - b.min)
  const any = fields.length > 0 || tasks.length > 0
  useEffect(() => {
    if (any) box.current?.focus()
  }, [any])
  if (!any) return null
  const goTo = (ref: string) => {
    const uid = taskUids.get(ref)
    if (uid) document.querySelector<HTMLElement>(`[data-task-heading="${uid}"]`)?.focus()
  }
  return (
    <div className="alert alert-warning" role="region" aria-labelledby="uncertain-title" tabIndex={-1} ref={box}>
      <p id="uncertain-title">
        <strong>{t('dir.uncertain.title')}</strong>
      </p>
      <ul className="plain-list">
        {fields.map((f) => (
          <li key={f} data-confidence="low">
            {t(FIELD_LABELS[f])}
          </li>
        ))}
        {tasks.map((x) => (
          <li key={x.ref} data-confidence="low">
            {t('dir.uncertain.task', { ref: x.ref, parts: x.low.map(([, label]) => t(label).toLowerCase()).join(', ') })}{' '}
            {taskUids.has(x.ref) ? (
              <button type="button" className="button-link" onClick={() => goTo(x.ref)}>
                {t('dir.uncertain.go', { ref: x.ref })}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  )
}
