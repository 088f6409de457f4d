import { useId } from 'react'
import { useT } from '../../app/i18n.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { TextAreaField, TextField } from '../../ui/Field.tsx'
import { BodyChips } from './BodyChips.tsx'
import { CadenceField } from './CadenceField.tsx'
import type { TaskDraft } from './draft.ts'
import { SpanZone } from './SourcePane.tsx'

interface Props {
  task: TaskDraft
  onChange: (task: TaskDraft) => void
  onRemove: () => void
  /** The server's word on this task (no lead body), shown beside it. */
  error?: string | null
  /** Imported documents need a lead body per task; a draft's task without one goes to every addressee. */
  leadRequired: boolean
}

/** One numbered task: its text, who leads, who coordinates, by when and how often they report. */
export function TaskEditor({ task, onChange, onRemove, error, leadRequired }: Props) {
  const t = useT()
  const id = useId()
  const set = (patch: Partial<TaskDraft>) => onChange({ ...task, ...patch })
  const noLead = !task.lead.some((b) => b.orgId !== null)
  // The server's refusal stands only until the task gets a lead body.
  const refusal = noLead ? error : null
  return (
    <li className={refusal ? 'task-editor card task-invalid' : 'task-editor card'} aria-labelledby={`${id}-title`} data-testid={`task-${task.ref}`}>
      <SpanZone span={task.span}>
        <div className="task-head">
          <h3 id={`${id}-title`} data-task-heading={task.uid} tabIndex={-1}>
            {t('dir.taskRef', { ref: task.ref || '?' })}
          </h3>
          <button type="button" className="button-link" onClick={onRemove} aria-label={t('dir.task.removeRef', { ref: task.ref })}>
            {t('dir.task.remove')}
          </button>
        </div>
        {refusal ? (
          <div className="alert alert-error" role="alert">
            <p>{refusal}</p>
          </div>
        ) : null}
        <div className="task-grid">
          <TextField label={t('dir.field.ref')} value={task.ref} onChange={(ref) => set({ ref })} required maxLength={20} className="ref-input" />
          <TextAreaField label={t('dir.field.taskText')} value={task.text} onChange={(text) => set({ text })} required rows={4} />
        </div>
        <BodyChips
          label={t('dir.field.lead')}
          bodies={task.lead}
          onChange={(lead) => set({ lead })}
          expandGroups
          error={leadRequired && noLead ? t('dir.task.noLead') : null}
        />
        {!leadRequired && noLead ? <p className="hint">{t('dir.task.leadFromAddressees')}</p> : null}
        <BodyChips label={t('dir.field.coordinating')} bodies={task.coordinating} onChange={(coordinating) => set({ coordinating })} expandGroups />
        <div className="task-grid task-grid-even">
          <DateInput label={t('dir.field.deadline')} value={task.deadline} onChange={(deadline) => set({ deadline })} />
          <CadenceField value={task.cadence} onChange={(cadence) => set({ cadence })} />
        </div>
      </SpanZone>
    </li>
  )
}
