import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react'
import { useT } from '../app/i18n.tsx'

interface FieldProps {
  label: string
  hint?: string | undefined
  error?: string | null | undefined
  required?: boolean | undefined
}

interface ControlProps {
  id: string
  'aria-describedby': string | undefined
  'aria-invalid': boolean | undefined
  required: boolean | undefined
}

/** A label, the control, a hint and an error, tied together for screen readers. */
export function Field({ label, hint, error, required, children }: FieldProps & { children: (props: ControlProps) => ReactNode }) {
  const t = useT()
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required"> ({t('form.required')})</span> : null}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, required })}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  )
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'required'> & FieldProps
export function TextField({ label, hint, error, required, value, onChange, ...rest }: InputProps & { value: string; onChange: (v: string) => void }) {
  return (
    <Field label={label} hint={hint} error={error} required={required}>
      {(p) => <input {...rest} {...p} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  )
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value' | 'required'> & FieldProps
export function SelectField({
  label,
  hint,
  error,
  required,
  value,
  onChange,
  options,
  ...rest
}: SelectProps & { value: string; onChange: (v: string) => void; options: { value: string; label: string }[] }) {
  return (
    <Field label={label} hint={hint} error={error} required={required}>
      {(p) => (
        <select {...rest} {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

type AreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value' | 'required'> & FieldProps
export function TextAreaField({ label, hint, error, required, value, onChange, ...rest }: AreaProps & { value: string; onChange: (v: string) => void }) {
  return (
    <Field label={label} hint={hint} error={error} required={required}>
      {(p) => <textarea {...rest} {...p} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  )
}

export function CheckboxField({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId()
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  )
}

/** A status line for a finished action (saved, created…), announced politely. */
export function FormStatus({ message }: { message: string | null }) {
  return (
    <p className="form-status" role="status">
      {message}
    </p>
  )
}
