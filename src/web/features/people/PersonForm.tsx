import { type ReactNode, useState } from 'react'
import { useI18n } from '../../app/i18n.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import type { PersonInput, PersonView } from './api.ts'

interface Props {
  initial?: PersonView
  defaultUnit: PickedUnit | null
  onSubmit: (input: PersonInput) => Promise<void>
  onCancel: () => void
  /** Shown above the buttons (the possible duplicates found when saving). */
  children?: ReactNode
}

const SEXES = ['male', 'female', 'other'] as const
const sexOf = (v: string): PersonInput['sex'] => SEXES.find((s) => s === v) ?? null

/** The country's name in the interface language, or null for a code that is no country. */
export function countryName(code: string, locale: string): string | null {
  if (!/^[A-Z]{2}$/.test(code)) return null
  try {
    return new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' }).of(code) ?? null
  } catch {
    return null
  }
}

export function PersonForm({ initial, defaultUnit, onSubmit, onCancel, children }: Props) {
  const { t, locale } = useI18n()
  const [fullName, setFullName] = useState(initial?.fullName ?? '')
  const [birthDate, setBirthDate] = useState(initial?.birthDate ?? '')
  const [birthYear, setBirthYear] = useState(initial?.birthYear ? String(initial.birthYear) : '')
  const [sex, setSex] = useState<string>(initial?.sex ?? '')
  const [nationalId, setNationalId] = useState(initial?.nationalId ?? '')
  const [phone, setPhone] = useState(initial?.phone ?? '')
  const [unit, setUnit] = useState<PickedUnit | null>(initial ? { code: initial.unitCode, label: initial.unitName } : defaultUnit)
  const [address, setAddress] = useState(initial?.address ?? '')
  const [nationality, setNationality] = useState(initial?.nationality ?? 'VN')
  const [passportNo, setPassportNo] = useState(initial?.passportNo ?? '')
  const [tempUnit, setTempUnit] = useState<PickedUnit | null>(initial?.tempUnitCode ? { code: initial.tempUnitCode, label: initial.tempUnitName ?? initial.tempUnitCode } : null)
  const [tempAddress, setTempAddress] = useState(initial?.tempAddress ?? '')
  const [workplace, setWorkplace] = useState(initial?.workplace ?? '')
  const country = countryName(nationality.trim().toUpperCase(), locale)

  const submit = async () => {
    if (!unit) return
    await onSubmit({
      fullName: fullName.trim(),
      birthDate: birthDate || null,
      birthYear: birthDate ? Number(birthDate.slice(0, 4)) : birthYear ? Number(birthYear) : null,
      sex: sexOf(sex),
      nationalId: nationalId.trim() || null,
      phone: phone.replace(/[\s.]/g, '') || null,
      unitCode: unit.code,
      address: address.trim() || null,
      nationality: nationality.trim().toUpperCase() || 'VN',
      passportNo: passportNo.replace(/\s/g, '').toUpperCase() || null,
      tempUnitCode: tempUnit?.code ?? null,
      tempAddress: tempAddress.trim() || null,
      workplace: workplace.trim() || null,
    })
  }

  return (
    <FormShell onSubmit={submit} submitLabel={t('common.save')} canSubmit={!!fullName.trim() && !!unit} missing={[...(fullName.trim() ? [] : [t('people.fullName')]), ...(unit ? [] : [t('people.unit')])]} onCancel={onCancel}>
      <TextField label={t('people.fullName')} value={fullName} onChange={setFullName} required maxLength={120} autoComplete="off" />
      <DateInput label={t('people.birthDate')} value={birthDate} onChange={setBirthDate} />
      {birthDate ? null : (
        <TextField label={t('people.birthYear')} hint={t('people.birthYearHint')} value={birthYear} onChange={setBirthYear} inputMode="numeric" pattern="\d{4}" maxLength={4} />
      )}
      <SelectField
        label={t('people.sex')}
        value={sex}
        onChange={setSex}
        options={[{ value: '', label: t('people.sexUnknown') }, ...SEXES.map((s) => ({ value: s, label: t(`people.sex.${s}`) }))]}
      />
      <TextField label={t('people.nationalId')} hint={t('people.nationalIdHint')} value={nationalId} onChange={setNationalId} inputMode="numeric" maxLength={12} autoComplete="off" />
      <TextField label={t('people.phone')} value={phone} onChange={setPhone} type="tel" maxLength={16} autoComplete="off" />
      <UnitPicker label={t('people.unit')} value={unit} onChange={setUnit} required hint={t('people.unitHint')} />
      <TextField label={t('people.address')} value={address} onChange={setAddress} maxLength={300} autoComplete="off" />
      <UnitPicker label={t('people.tempUnit')} value={tempUnit} onChange={setTempUnit} hint={t('people.tempUnitHint')} />
      <TextField label={t('people.tempAddress')} value={tempAddress} onChange={setTempAddress} maxLength={300} autoComplete="off" />
      <TextField label={t('people.workplace')} value={workplace} onChange={setWorkplace} maxLength={200} autoComplete="off" />
      <TextField
        label={t('people.nationality')}
        hint={country ? t('people.nationalityName', { code: nationality.trim().toUpperCase(), name: country }) : t('people.nationalityHint')}
        value={nationality}
        onChange={setNationality}
        maxLength={2}
      />
      <TextField label={t('people.passportNo')} hint={t('people.passportHint')} value={passportNo} onChange={setPassportNo} maxLength={20} autoComplete="off" />
      {children}
    </FormShell>
  )
}
