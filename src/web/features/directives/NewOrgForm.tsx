import { useEffect, useRef, useState } from 'react'
import { ORG_KIND_KEYS, ORG_KINDS, type OrgKind } from '../../../domain/orgs/kinds.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useReadySession } from '../../app/session.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { CancelButton, useAction } from '../../ui/FormShell.tsx'
import { type OrgView, orgsApi } from '../orgs/api.ts'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { guessKind } from './guessKind.ts'

interface Props {
  /** The name as written in the document. */
  written: string
  onCreated: (org: OrgView) => void
  onCancel: () => void
}

/**
 * Adds a body the registry lacks, straight from the review. The written name becomes an alias,
 * so the next document that names it the same way is matched.
 */
export function NewOrgForm({ written, onCreated, onCancel }: Props) {
  const { t, locale } = useI18n()
  const { me, province } = useReadySession()
  const [name, setName] = useState(written)
  const [kind, setKind] = useState<OrgKind>(guessKind(written))
  const [unit, setUnit] = useState<PickedUnit | null>({ code: me.provinceCode, label: province?.fullName ?? me.provinceCode })
  const { pending, error, run } = useAction()

  const rootRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    rootRef.current?.querySelector('input')?.focus()
  }, [])

  const submit = () =>
    run(async () => {
      if (!unit || !name.trim()) return
      const aliases = written.trim() && written.trim() !== name.trim() ? [written.trim()] : []
      onCreated(await orgsApi.create({ name: name.trim(), kind, unitCode: unit.code, parentId: null, headName: null, headPosition: null, aliases }))
    })

  return (
    // Not a <form>: it sits inside the review, and forms cannot nest.
    <div className="new-org card" role="group" aria-label={t('dir.newOrg.title')} ref={rootRef}>
      <h4>{t('dir.newOrg.title')}</h4>
      <TextField label={t('orgs.name')} value={name} onChange={setName} required maxLength={200} />
      <SelectField
        label={t('orgs.kind')}
        value={kind}
        onChange={(v) => setKind(v as OrgKind)}
        options={ORG_KIND_KEYS.map((k) => ({ value: k, label: ORG_KINDS[k][locale] }))}
      />
      <UnitPicker label={t('orgs.unit')} value={unit} onChange={setUnit} required />
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="button" className="button-primary" onClick={submit} disabled={pending || !name.trim() || !unit}>
          {t('dir.newOrg.submit')}
        </button>
        <CancelButton onCancel={onCancel} />
      </div>
    </div>
  )
}
