import { useT } from '../../app/i18n.tsx'
import { emptyTask, nextRef, type TaskDraft } from './draft.ts'
import { TaskEditor } from './TaskEditor.tsx'

interface Props {
  tasks: TaskDraft[]
  onChange: (tasks: TaskDraft[]) => void
  /** Refs of the tasks the server refused, with its message. */
  errors: { refs: string[]; message: string } | null
  leadRequired: boolean
}

export function TasksEditor({ tasks, onChange, errors, leadRequired }: Props) {
  const t = useT()
  return (
    <section aria-labelledby="tasks-title" className="tasks-editor">
      <h2 id="tasks-title">{t('dir.tasks', { n: tasks.length })}</h2>
      {tasks.length === 0 ? <p className="muted">{t('dir.task.none')}</p> : null}
      <ol className="task-list">
        {tasks.map((task) => (
          <TaskEditor
            key={task.uid}
            task={task}
            leadRequired={leadRequired}
            error={errors?.refs.includes(task.ref.trim()) ? errors.message : null}
            onChange={(next) => onChange(tasks.map((x) => (x.uid === task.uid ? next : x)))}
            onRemove={() => onChange(tasks.filter((x) => x.uid !== task.uid))}
          />
        ))}
      </ol>
      <button type="button" className="button-secondary" onClick={() => onChange([...tasks, emptyTask(nextRef(tasks))])}>
        + {t('dir.task.add')}
      </button>
    </section>
  )
}
