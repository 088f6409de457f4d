import { useState } from 'react'
import { useNavigate } from 'react-router'
import { useT } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { useAction } from '../../ui/FormShell.tsx'
import { directivesApi } from './api.ts'
import { ConfirmDialog } from './ConfirmDialog.tsx'

/** Deletes a draft once the user confirms, then opens the list of documents (which says so). */
export function DeleteDraftButton({ id, disabled }: { id: number; disabled?: boolean }) {
  const t = useT()
  const navigate = useNavigate()
  const [confirming, setConfirming] = useState(false)
  const { pending, error, run } = useAction()
  const remove = () =>
    run(async () => {
      await directivesApi.deleteDraft(id)
      navigate('/directives/list', { state: { deletedDraft: true } })
    })
  return (
    <>
      <button type="button" className="button-secondary button-danger" onClick={() => setConfirming(true)} disabled={disabled || pending}>
        {t('dir.deleteDraft')}
      </button>
      <ConfirmDialog open={confirming} title={t('dir.deleteTitle')} confirmLabel={t('dir.deleteConfirm')} pending={pending} onConfirm={remove} onClose={() => setConfirming(false)}>
        <p>{t('dir.deleteText')}</p>
        <ErrorMessage error={error} />
      </ConfirmDialog>
    </>
  )
}
