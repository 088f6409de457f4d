import { useState } from 'react'
import type { Role } from '../../../domain/access/roles.ts'
import { useI18n } from '../../app/i18n.tsx'
import { CheckboxField, SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { type PickedOrg, OrgPicker } from '../orgs/OrgPicker.tsx'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import type { PublicUser, RoleInfo, UserCreate, UserPatch } from './api.ts'

interface Props {
  roles: RoleInfo[]
  /** Editing an existing user; absent when creating. */
  initial?: PublicUser
  initialUnit: PickedUnit | null
  onCreate?: (input: UserCreate) => Promise<void>
  onUpdate?: (patch: UserPatch) => Promise<void>
  onCancel: () => void
}

export function UserForm({ roles, initial, initialUnit, onCreate, onUpdate, onCancel }: Props) {
  const { t, locale } = useI18n()
  const [username, setUsername] = useState(initial?.username ?? '')
  const [displayName, setDisplayName] = useState(initial?.displayName ?? '')
  const [password, setPassword] = useState('')
  const [role, setRole] = useState<string>(initial?.role ?? 'viewer')
  const [unit, setUnit] = useState<PickedUnit | null>(initialUnit)
  const [org, setOrg] = useState<PickedOrg | null>(initial?.orgId ? { id: initial.orgId, name: initial.orgName ?? `#${initial.orgId}` } : null)
  const [active, setActive] = useState(initial?.active ?? true)
  const creating = !initial

  const submit = async () => {
    if (!unit) return
    if (creating) {
      await onCreate?.({ username: username.trim(), password, displayName: displayName.trim(), role: role as Role, unitCode: unit.code, orgId: org?.id ?? null })
      return
    }
    await onUpdate?.({
      displayName: displayName.trim(),
      role: role as Role,
      unitCode: unit.code,
      orgId: org?.id ?? null,
      active,
      ...(password ? { password } : {}),
    })
    setPassword('')
  }

  return (
    <FormShell
      onSubmit={submit}
      submitLabel={creating ? t('users.create') : t('common.save')}
      canSubmit={!!unit && !!displayName.trim() && !(creating && (!username.trim() || password.length < 8))}
      missing={[
        ...(creating && !username.trim() ? [t('users.username')] : []),
        ...(creating && password.length < 8 ? [`${t('users.password')} (${t('users.passwordHint').replace(/\.$/, '').toLocaleLowerCase('vi')})`] : []),
        ...(displayName.trim() ? [] : [t('users.displayName')]),
        ...(unit ? [] : [t('users.unit')]),
      ]}
      onCancel={onCancel}
    >
      {creating ? (
        <TextField label={t('users.username')} hint={t('users.usernameHint')} value={username} onChange={setUsername} required autoComplete="off" autoCapitalize="none" spellCheck={false} />
      ) : null}
      <TextField label={t('users.displayName')} value={displayName} onChange={setDisplayName} required maxLength={120} />
      <TextField
        label={creating ? t('users.password') : t('users.resetPassword')}
        hint={creating ? t('users.passwordHint') : t('users.resetPasswordHint')}
        value={password}
        onChange={setPassword}
        type="password"
        autoComplete="new-password"
        required={creating}
        minLength={8}
      />
      <SelectField
        label={t('users.role')}
        value={role}
        onChange={setRole}
        options={roles.map((r) => ({ value: r.key, label: locale === 'en' ? r.nameEn : r.name }))}
        required
      />
      <UnitPicker label={t('users.unit')} hint={t('users.unitHint')} value={unit} onChange={setUnit} required />
      <OrgPicker label={t('users.org')} value={org} onChange={setOrg} />
      {creating ? null : <CheckboxField label={t('users.activeLabel')} checked={active} onChange={setActive} />}
    </FormShell>
  )
}
