import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { TaskCategory } from '../../../domain/directives/categories.ts'
import { formatNumber, formatVnDate, formatVnDateTime } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { CheckboxField, SelectField } from '../../ui/Field.tsx'
import { FilterForm } from '../../ui/ListControls.tsx'
import type { TaskStatus } from './api.ts'
import { CascadeForm } from './CascadeForm.tsx'
import { CATEGORIES, cascadeApi, MY_TASKS_PER_PAGE, type MyTask } from './cascadeApi.ts'
import { ExtensionForm } from './ExtensionForm.tsx'
import { excerpt, STATUS, TASK_STATUSES } from './labels.ts'
import { PageBar } from './PeriodNote.tsx'
import { StatusBadge } from './StatusBadge.tsx'

export function CategoryBadge({ category }: { category: TaskCategory }) {
  const t = useT()
  return <span className={`badge category-${category}`}>{t(`cat.${category}`)}</span>
}

/** What a body's user does next about one task: report on the directive page, pass it on, or ask for more time. */
function TaskActions({ task, onChanged }: { task: MyTask; onChanged: () => void }) {
  const t = useT()
  const [mode, setMode] = useState<'idle' | 'cascade' | 'extend'>('idle')
  return (
    <div>
      <div className="button-row">
        <Link to={`/directives/${task.directiveId}`} className="button-secondary">
          {t('mine.open')}
        </Link>
        {task.canCascade ? (
          <button type="button" className="button-link" aria-expanded={mode === 'cascade'} onClick={() => setMode(mode === 'cascade' ? 'idle' : 'cascade')}>
            {t('cascade.open')}
          </button>
        ) : null}
        {task.canRequestExtension ? (
          <button type="button" className="button-link" aria-expanded={mode === 'extend'} onClick={() => setMode(mode === 'extend' ? 'idle' : 'extend')}>
            {t('ext.open')}
          </button>
        ) : null}
      </div>
      {mode === 'cascade' ? (
        <CascadeForm
          assignmentId={task.id}
          taskRef={task.taskRef}
          onDone={() => {
            setMode('idle')
            onChanged()
          }}
          onCancel={() => setMode('idle')}
        />
      ) : null}
      {mode === 'extend' ? (
        <ExtensionForm
          assignmentId={task.id}
          onDone={() => {
            setMode('idle')
            onChanged()
          }}
          onCancel={() => setMode('idle')}
        />
      ) : null}
    </div>
  )
}

/**
 * "Việc của tôi": everything asked of the user's body (or of the bodies of their unit), newest
 * deadlines first, with where each stands and what was last reported.
 */
export function MyTasksPage() {
  const t = useT()
  const { can } = useSession()
  const { me } = useReadySession()
  usePageTitle(t('mine.title'))
  const [params, setParams] = useSearchParams()
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0)
  const status = (params.get('status') ?? '') as TaskStatus | ''
  const category = (params.get('category') ?? '') as TaskCategory | ''
  const overdue = params.get('overdue') === '1'
  const [draft, setDraft] = useState({ status: status as string, category: category as string, overdue })
  const allowed = can('directives:read')
  const tasks = useApi(allowed ? `mine:${params.toString()}` : null, (signal) =>
    cascadeApi.mine({ status: status || undefined, category: category || undefined, overdue, page }, signal),
  )
  const counts = useApi(allowed && me.user.orgId ? `categories:${me.user.orgId}:${params.toString()}` : null, (signal) => cascadeApi.categories(me.user.orgId ?? undefined, signal))
  if (!allowed) return <NotAllowed />

  const apply = (next: { status: string; category: string; overdue: boolean; page?: number }) => {
    const p = new URLSearchParams()
    if (next.status) p.set('status', next.status)
    if (next.category) p.set('category', next.category)
    if (next.overdue) p.set('overdue', '1')
    if (next.page) p.set('page', String(next.page))
    setParams(p, { replace: true })
  }
  const reload = () => {
    tasks.reload()
    counts.reload()
  }
  const mine = counts.data?.bodies.find((b) => b.orgId === me.user.orgId)

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('mine.title')}</h1>
      <p className="muted">{me.user.orgId ? (mine ? t('mine.intro', { org: mine.orgName }) : null) : t('mine.introUnit')}</p>
      {mine ? (
        <ul className="tiles" aria-label={t('mine.counts')}>
          {CATEGORIES.map((c) => (
            <li key={c} className={`tile category-${c}`}>
              <span className="tile-value">{formatNumber(mine[c === 'done_on_time' ? 'doneOnTime' : c === 'done_late' ? 'doneLate' : c === 'in_progress' ? 'inProgress' : 'overdue'])}</span>
              <span className="tile-label">{t(`cat.${c}`)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <FilterForm
        label={t('mine.filter')}
        submitLabel={t('common.filter')}
        onSubmit={(e) => {
          e.preventDefault()
          apply(draft)
        }}
      >
        <SelectField
          label={t('mine.filter.category')}
          value={draft.category}
          onChange={(v) => setDraft({ ...draft, category: v })}
          options={[{ value: '', label: t('mine.filter.all') }, ...CATEGORIES.map((c) => ({ value: c, label: t(`cat.${c}`) }))]}
        />
        <SelectField
          label={t('mine.filter.status')}
          value={draft.status}
          onChange={(v) => setDraft({ ...draft, status: v })}
          options={[{ value: '', label: t('mine.filter.all') }, ...TASK_STATUSES.map((s) => ({ value: s, label: t(STATUS[s]) }))]}
        />
        <CheckboxField label={t('mine.filter.overdue')} checked={draft.overdue} onChange={(v) => setDraft({ ...draft, overdue: v })} />
      </FilterForm>
      <Loaded state={tasks}>
        {(data) => (
          <>
            <DataTable
              caption={t('mine.caption', { n: formatNumber(data.total) })}
              rows={data.items}
              rowKey={(r) => r.id}
              testId="my-tasks"
              empty={t('mine.empty')}
              columns={[
                {
                  key: 'task',
                  header: t('mine.col.task'),
                  className: 'col-wide',
                  cell: (r) => (
                    <>
                      <p>
                        <strong>{t('dir.taskRef', { ref: r.taskRef })}</strong> {excerpt(r.taskText)}
                      </p>
                      {r.assignedBy ? <p className="muted">{t('mine.assignedBy', { name: r.assignedBy })}</p> : null}
                      {r.subCount > 0 ? <p className="muted">{t('mine.subs', { n: r.subCount, done: r.subDone })}</p> : null}
                      {r.pendingExtension ? <p className="muted">{t('mine.pendingExtension', { date: formatVnDate(r.pendingExtension) })}</p> : null}
                      <TaskActions task={r} onChanged={reload} />
                    </>
                  ),
                },
                {
                  key: 'directive',
                  header: t('mine.col.directive'),
                  cell: (r) => (
                    <>
                      <Link to={`/directives/${r.directiveId}`} className="doc-symbol">
                        {r.symbol ?? t('dir.noSymbol')}
                      </Link>
                      <p className="muted">{t('mine.issuedBy', { issuer: r.issuerName, date: formatVnDate(r.directiveDate) })}</p>
                    </>
                  ),
                  sortValue: (r) => r.directiveDate ?? '',
                },
                { key: 'deadline', header: t('mine.col.deadline'), cell: (r) => formatVnDate(r.deadline) || '—', sortValue: (r) => r.deadline ?? '9999' },
                { key: 'status', header: t('dir.col.status'), cell: (r) => <StatusBadge status={r.status} />, sortValue: (r) => TASK_STATUSES.indexOf(r.status) },
                { key: 'category', header: t('mine.col.category'), cell: (r) => <CategoryBadge category={r.category} />, sortValue: (r) => CATEGORIES.indexOf(r.category) },
                {
                  key: 'report',
                  header: t('mine.col.lastReport'),
                  cell: (r) =>
                    r.lastReport ? (
                      <>
                        <span className="muted">{formatVnDateTime(r.lastReport.submittedAt)}</span> {excerpt(r.lastReport.text ?? '')}
                        {r.percent !== null ? ` (${r.percent}%)` : ''}
                      </>
                    ) : (
                      <span className="muted">{t('mine.noReport')}</span>
                    ),
                },
              ]}
            />
            {data.total > MY_TASKS_PER_PAGE ? <PageBar page={page} size={MY_TASKS_PER_PAGE} total={data.total} onPage={(n) => apply({ status, category, overdue, page: n })} /> : null}
          </>
        )}
      </Loaded>
    </section>
  )
}
