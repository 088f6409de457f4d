import { useState } from 'react'
import { ORG_KIND_KEYS, ORG_KINDS, type OrgKind } from '../../../domain/orgs/kinds.ts'
import { useI18n } from '../../app/i18n.tsx'
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import type { OrgInput, OrgView } from './api.ts'
import { type PickedOrg, OrgPicker } from './OrgPicker.tsx'

interface Props {
  initial?: OrgView
  defaultUnit: PickedUnit | null
  onSubmit: (input: OrgInput) => Promise<void>
  onCancel?: () => void
}

export function OrgForm({ initial, defaultUnit, onSubmit, onCancel }: Props) {
  const { t, locale } = useI18n()
  const [name, setName] = useState(initial?.name ?? '')
  const [kind, setKind] = useState<string>(initial?.kind ?? 'department')
  const [unit, setUnit] = useState<PickedUnit | null>(initial ? { code: initial.unitCode, label: initial.unitName } : defaultUnit)
  const [parent, setParent] = useState<PickedOrg | null>(initial?.parentId ? { id: initial.parentId, name: initial.parentName ?? `#${initial.parentId}` } : null)
  const [headName, setHeadName] = useState(initial?.headName ?? '')
  const [headPosition, setHeadPosition] = useState(initial?.headPosition ?? '')
  const [aliases, setAliases] = useState((initial?.aliases ?? []).join('\n'))

  const submit = async () => {
    if (!unit) return
    await onSubmit({
      name: name.trim(),
      kind: kind as OrgKind,
      unitCode: unit.code,
      parentId: parent?.id ?? null,
      headName: headName.trim() || null,
      headPosition: headPosition.trim() || null,
      aliases: aliases
        .split('\n')
        .map((a) => a.trim())
        .filter(Boolean),
    })
  }

  return (
    <FormShell onSubmit={submit} submitLabel={t('common.save')} canSubmit={!!name.trim() && !!unit} missing={[...(name.trim() ? [] : [t('orgs.name')]), ...(unit ? [] : [t('orgs.unit')])]} onCancel={onCancel}>
      <TextField label={t('orgs.name')} value={name} onChange={setName} required maxLength={200} />
      <SelectField label={t('orgs.kind')} value={kind} onChange={setKind} options={ORG_KIND_KEYS.map((k) => ({ value: k, label: ORG_KINDS[k][locale] }))} />
      <UnitPicker label={t('orgs.unit')} value={unit} onChange={setUnit} required />
      <OrgPicker label={t('orgs.parent')} value={parent} onChange={setParent} />
      <TextField label={t('orgs.headName')} value={headName} onChange={setHeadName} maxLength={120} />
      <TextField label={t('orgs.headPosition')} value={headPosition} onChange={setHeadPosition} maxLength={200} />
      <TextAreaField label={t('orgs.aliases')} hint={t('orgs.aliasesHint')} value={aliases} onChange={setAliases} rows={4} />
    </FormShell>
  )
}
