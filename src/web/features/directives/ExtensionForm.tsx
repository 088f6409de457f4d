import { useState } from 'react'
import { useT } from '../../app/i18n.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { TextAreaField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { cascadeApi } from './cascadeApi.ts'

/** The assigned body asks for a new deadline, giving its reason. */
export function ExtensionForm({ assignmentId, onDone, onCancel }: { assignmentId: number; onDone: () => void; onCancel: () => void }) {
  const t = useT()
  const [deadline, setDeadline] = useState('')
  const [reason, setReason] = useState('')
  return (
    <FormShell
      className="extension-form"
      aria-label={t('ext.open')}
      onSubmit={async () => {
        await cascadeApi.requestExtension(assignmentId, { deadline, reason: reason.trim() })
        onDone()
      }}
      submitLabel={t('ext.submit')}
      canSubmit={!!deadline && !!reason.trim()}
      onCancel={onCancel}
    >
      <DateInput label={t('ext.deadline')} value={deadline} onChange={setDeadline} required />
      <TextAreaField label={t('ext.reason')} value={reason} onChange={setReason} required rows={3} maxLength={5000} />
    </FormShell>
  )
}
