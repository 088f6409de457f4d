import { SIGNING_AUTHORITIES, type SigningAuthority } from '../../../domain/documents/types.ts'
import { type MessageKey, useT } from '../../app/i18n.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { type DirectiveDraft, isAuthority } from './draft.ts'

const AUTHORITY: Record<SigningAuthority, MessageKey> = {
  TM: 'dir.authority.TM',
  KT: 'dir.authority.KT',
  TL: 'dir.authority.TL',
  TUQ: 'dir.authority.TUQ',
  Q: 'dir.authority.Q',
}

/** Who signs, in whose name and with what title (T/M BAN THƯỜNG VỤ — PHÓ BÍ THƯ — name). */
export function SigningFields({ signing, onChange }: { signing: DirectiveDraft['signing']; onChange: (s: DirectiveDraft['signing']) => void }) {
  const t = useT()
  const set = (patch: Partial<DirectiveDraft['signing']>) => onChange({ ...signing, ...patch })
  return (
    <fieldset className="doc-fields">
      <legend>{t('dir.signing')}</legend>
      <div className="field-row">
        <SelectField
          label={t('dir.field.authority')}
          value={signing.authority}
          onChange={(v) => set({ authority: isAuthority(v) ? v : '' })}
          options={[{ value: '', label: t('dir.field.none') }, ...SIGNING_AUTHORITIES.map((a) => ({ value: a, label: t(AUTHORITY[a]) }))]}
        />
        <TextField label={t('dir.field.actingFor')} value={signing.actingFor} onChange={(actingFor) => set({ actingFor })} maxLength={200} />
      </div>
      <div className="field-row">
        <TextField label={t('dir.field.position')} value={signing.position} onChange={(position) => set({ position })} maxLength={200} />
        <TextField label={t('dir.field.signer')} value={signing.signer} onChange={(signer) => set({ signer })} maxLength={120} />
      </div>
    </fieldset>
  )
}
