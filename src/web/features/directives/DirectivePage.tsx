import { Link, useParams } from 'react-router'
import { formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FormStatus } from '../../ui/Field.tsx'
import { directivesApi, type TaskView } from './api.ts'
import { AssignmentBlock } from './AssignmentBlock.tsx'
import { CascadeSection } from './CascadeSection.tsx'
import { DeleteDraftButton } from './DeleteDraftButton.tsx'
import { DirectiveFacts } from './DirectiveFacts.tsx'
import { cadenceText } from './labels.ts'
import { DirectivesTabs } from './DirectivesTabs.tsx'

function TaskBlock({ task, onChanged }: { task: TaskView; onChanged: () => void }) {
  const t = useT()
  const id = `task-${task.id}`
  return (
    <li className="task card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('dir.taskRef', { ref: task.ref })}</h3>
      <p className="task-text">{task.text}</p>
      <p className="muted">
        {task.deadline ? `${t('dir.field.deadline')}: ${formatVnDate(task.deadline)} · ` : ''}
        {t('dir.field.cadence')}: {cadenceText(t, task.cadence)}
      </p>
      {task.assignments.length === 0 ? (
        <p className="muted">{t('dir.noAssignments')}</p>
      ) : (
        <ul className="assignments" aria-label={t('dir.assignmentsOf', { ref: task.ref })}>
          {task.assignments.map((a) => (
            <AssignmentBlock key={a.id} a={a} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </li>
  )
}

/** One directive: its facts, and each task with the bodies assigned, their progress and reports. */
export function DirectivePage() {
  const t = useT()
  const { id } = useParams()
  const { can } = useSession()
  const directiveId = Number(id)
  const allowed = can('directives:read')
  const d = useApi(allowed && directiveId > 0 ? `directive:${directiveId}` : null, (signal) => directivesApi.get(directiveId, signal))
  const title = d.data ? `${d.data.symbol ?? t('dir.noSymbol')} — ${d.data.summary}` : t('nav.directives')
  usePageTitle(title)
  if (!allowed) return <NotAllowed />

  return (
    <section aria-labelledby="page-title">
      <DirectivesTabs />
      <h1 id="page-title">{title}</h1>
      <Loaded state={d}>
        {(directive) => (
          <>
            {directive.status === 'draft' && can('directives:write') ? (
              <div className="button-row">
                <Link className="button-primary" to={`/directives/${directive.id}/edit`}>
                  {t('dir.editDraft')}
                </Link>
                <DeleteDraftButton id={directive.id} />
              </div>
            ) : null}
            <DirectiveFacts d={directive} />
            <FormStatus message={d.loading ? t('common.loading') : null} />
            <h2>{t('dir.tasks', { n: directive.tasks.length })}</h2>
            <ol className="task-list">
              {directive.tasks.map((task) => (
                <TaskBlock key={task.id} task={task} onChanged={d.reload} />
              ))}
            </ol>
            {directive.status !== 'draft' ? <CascadeSection directiveId={directive.id} onChanged={d.reload} /> : null}
          </>
        )}
      </Loaded>
    </section>
  )
}
