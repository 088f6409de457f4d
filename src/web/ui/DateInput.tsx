import { useEffect, useState } from 'react'
import { isoToVn, parseVnDate } from '../app/format.ts'
import { useT } from '../app/i18n.tsx'
import { Field } from './Field.tsx'

interface Props {
  label: string
  /** yyyy-mm-dd or '' */
  value: string
  onChange: (iso: string) => void
  hint?: string
  required?: boolean
}

/**
 * A date typed as dd/mm/yyyy. The browser's own date picker shows the operating system's
 * format (often mm/dd/yyyy), which people here misread.
 */
export function DateInput({ label, value, onChange, hint, required }: Props) {
  const t = useT()
  const [text, setText] = useState(isoToVn(value))
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    setText((current) => (parseVnDate(current) === value ? current : isoToVn(value)))
  }, [value])
  const commit = (next: string) => {
    setText(next)
    if (next.trim() === '') {
      setError(null)
      onChange('')
      return
    }
    const iso = parseVnDate(next)
    if (iso) {
      setError(null)
      onChange(iso)
    }
  }
  // Complaining while the date is still being typed would be noise; judge it when the field is left.
  const check = () => setError(text.trim() === '' || parseVnDate(text) ? null : t('form.badDate'))
  return (
    <Field label={label} hint={hint ?? t('form.dateHint')} error={error} required={required}>
      {(p) => (
        <input
          {...p}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="dd/mm/yyyy"
          className="date-input"
          value={text}
          onChange={(e) => commit(e.target.value)}
          onBlur={check}
        />
      )}
    </Field>
  )
}
