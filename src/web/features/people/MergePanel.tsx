import { useState } from 'react'
import { useT } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { FormStatus, TextField } from '../../ui/Field.tsx'
import { FormShell, useAction } from '../../ui/FormShell.tsx'
import { peopleApi } from './api.ts'

/** Merges another record of the same person into this one, and undoes the merge just made. */
export function MergePanel({ keepId, onChanged }: { keepId: number; onChanged: () => void }) {
  const t = useT()
  const [from, setFrom] = useState('')
  const [done, setDone] = useState<{ from: number; auditId: number; text: string } | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const undo = useAction()
  const fromId = /^\d+$/.test(from.trim().replace(/^#/, '')) ? Number(from.trim().replace(/^#/, '')) : null
  return (
    <section className="card" aria-labelledby="merge-title">
      <h2 id="merge-title">{t('people.merge.title')}</h2>
      <p className="muted">{t('people.merge.intro')}</p>
      <FormShell
        submitLabel={t('people.merge.submit')}
        canSubmit={fromId !== null}
        missing={fromId === null ? [t('people.merge.from')] : []}
        onSubmit={async () => {
          setStatus(null)
          const r = await peopleApi.merge(keepId, fromId!)
          const parts = [t('people.merge.done', { from: fromId!, auditId: r.auditId })]
          if (r.filled.length) parts.push(t('people.merge.filled', { list: r.filled.join(', ') }))
          const moved = r.moved.filter((m) => m.count > 0)
          if (moved.length) parts.push(t('people.merge.moved', { list: moved.map((m) => `${m.count} ${m.label}`).join(', ') }))
          setDone({ from: fromId!, auditId: r.auditId, text: parts.join(' ') })
          setFrom('')
          onChanged()
        }}
      >
        <TextField label={t('people.merge.from')} hint={t('people.merge.fromHint')} value={from} onChange={setFrom} inputMode="numeric" maxLength={16} autoComplete="off" />
      </FormShell>
      {done ? (
        <div>
          <p>{done.text}</p>
          <ErrorMessage error={undo.error} />
          <button
            type="button"
            className="button-secondary"
            disabled={undo.pending}
            onClick={() =>
              void undo.run(async () => {
                const r = await peopleApi.undoMerge(done.auditId)
                setDone(null)
                setStatus(t('people.merge.undone', { id: r.restored.id }))
                onChanged()
              })
            }
          >
            {t('people.merge.undo')}
          </button>
        </div>
      ) : null}
      <FormStatus message={status} />
    </section>
  )
}
