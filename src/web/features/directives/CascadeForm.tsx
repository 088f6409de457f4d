import { useEffect, useMemo, useState } from 'react'
import { formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useApi } from '../../app/useApi.ts'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded } from '../../ui/ErrorMessage.tsx'
import { SelectField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { cascadeApi } from './cascadeApi.ts'

const CHILDREN = '__children'

/**
 * Passes a task on: to the body's own units, or to every body of a kind in the communes below
 * (e.g. all commune health stations); each chosen unit gets its own deadline, never after the task's.
 */
export function CascadeForm({ assignmentId, taskRef, onDone, onCancel }: { assignmentId: number; taskRef: string; onDone: () => void; onCancel: () => void }) {
  const t = useT()
  const [source, setSource] = useState(CHILDREN)
  const kind = source === CHILDREN ? undefined : source
  const options = useApi(`cascade-options:${assignmentId}:${source}`, (signal) => cascadeApi.options(assignmentId, kind, signal))
  const [picked, setPicked] = useState<Set<number>>(new Set())
  const [deadline, setDeadline] = useState('')
  const data = options.data
  const bodies = useMemo(() => (data ? (source === CHILDREN ? data.children : data.bodies) : []), [data, source])

  // A new list starts with every unit not yet assigned chosen.
  useEffect(() => {
    setPicked(new Set(bodies.filter((b) => !b.assigned).map((b) => b.id)))
  }, [bodies])
  useEffect(() => {
    if (data?.deadline && !deadline) setDeadline(data.deadline)
  }, [data?.deadline, deadline])

  const toggle = (id: number, on: boolean) => {
    const next = new Set(picked)
    if (on) next.add(id)
    else next.delete(id)
    setPicked(next)
  }
  const submit = async () => {
    await cascadeApi.cascade(assignmentId, { orgIds: [...picked], deadline: deadline || null })
    onDone()
  }

  return (
    <FormShell
      className="cascade-form"
      aria-label={t('cascade.formTitle', { ref: taskRef })}
      onSubmit={submit}
      submitLabel={t('cascade.submit', { n: picked.size })}
      canSubmit={picked.size > 0}
      onCancel={onCancel}
    >
      <h4>{t('cascade.formTitle', { ref: taskRef })}</h4>
      <Loaded state={options}>
        {(o) => (
          <>
            <SelectField
              label={t('cascade.source')}
              value={source}
              onChange={setSource}
              options={[
                { value: CHILDREN, label: t('cascade.children', { n: o.children.length }) },
                ...o.kinds.map((k) => ({ value: k.kind, label: t('cascade.kind', { name: k.name, n: k.count }) })),
              ]}
            />
            {bodies.length === 0 ? (
              <p className="muted">{t('cascade.none')}</p>
            ) : (
              <fieldset className="cascade-bodies">
                <legend>{t('cascade.pick')}</legend>
                <div className="button-row">
                  <button type="button" className="button-link" onClick={() => setPicked(new Set(bodies.filter((b) => !b.assigned).map((b) => b.id)))}>
                    {t('cascade.selectAll')}
                  </button>
                  <button type="button" className="button-link" onClick={() => setPicked(new Set())}>
                    {t('cascade.selectNone')}
                  </button>
                </div>
                <ul className="check-list">
                  {bodies.map((b) => (
                    <li key={b.id}>
                      <label>
                        <input type="checkbox" checked={picked.has(b.id)} disabled={b.assigned} onChange={(e) => toggle(b.id, e.target.checked)} /> {b.name}
                        {b.assigned ? <span className="muted"> ({t('cascade.assigned')})</span> : null}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            )}
            <DateInput label={o.deadline ? t('cascade.deadline', { date: formatVnDate(o.deadline) }) : t('cascade.deadlineAny')} value={deadline} onChange={setDeadline} />
          </>
        )}
      </Loaded>
    </FormShell>
  )
}
