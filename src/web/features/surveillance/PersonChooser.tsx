import { useId, useState } from 'react'
import { ApiError } from '../../app/api.ts'
import { formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useReadySession } from '../../app/session.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { useAction } from '../../ui/FormShell.tsx'
import { SearchPicker } from '../../ui/SearchPicker.tsx'
import { type DuplicateCandidate, type PersonInput, type PersonView, peopleApi } from '../people/api.ts'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'

/** Who a quick-entry form is about: a person of the registry, or a new one entered inline. */
export type PersonChoice = { personId: number; label: string } | { person: PersonInput }

export interface NewPersonDraft {
  fullName: string
  birthYear: string
  sex: string
  phone: string
  nationalId: string
  unit: PickedUnit | null
}

const describe = (p: PersonView) => `${p.fullName}${p.birthYear ? ` (${p.birthYear})` : ''} — ${p.unitName}`

/** The draft as the API takes it; null while the name or the unit is missing. */
export function personInput(d: NewPersonDraft): PersonInput | null {
  if (!d.fullName.trim() || !d.unit) return null
  return {
    fullName: d.fullName.trim(),
    birthYear: /^\d{4}$/.test(d.birthYear) ? Number(d.birthYear) : null,
    sex: d.sex === 'male' || d.sex === 'female' || d.sex === 'other' ? d.sex : null,
    phone: d.phone.replace(/[\s.]/g, '') || null,
    nationalId: d.nationalId.trim() || null,
    unitCode: d.unit.code,
  } as PersonInput
}

export function usePersonChoice(defaultUnit: PickedUnit | null) {
  const [mode, setMode] = useState<'existing' | 'new'>('existing')
  const [existing, setExisting] = useState<{ id: number; label: string } | null>(null)
  const [draft, setDraft] = useState<NewPersonDraft>({ fullName: '', birthYear: '', sex: '', phone: '', nationalId: '', unit: defaultUnit })
  const choice: PersonChoice | null = mode === 'existing' ? (existing ? { personId: existing.id, label: existing.label } : null) : (() => {
    const p = personInput(draft)
    return p ? { person: p } : null
  })()
  return { mode, setMode, existing, setExisting, draft, setDraft, choice }
}

/** The unit a new person is placed in by default: the user's commune (not a province). */
export function useDefaultUnit(): PickedUnit | null {
  const { unit } = useReadySession()
  return unit && unit.level !== 'province' ? { code: unit.code, label: unit.fullName } : null
}

type ChoiceState = ReturnType<typeof usePersonChoice>

/** Find a person in the registry, or enter a new one: name, year of birth, sex, phone, CCCD, commune. */
export function PersonChooser({ state, legend }: { state: ChoiceState; legend: string }) {
  const t = useT()
  const id = useId()
  const { mode, setMode, existing, setExisting, draft, setDraft } = state
  const set = (k: keyof NewPersonDraft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }))
  return (
    <fieldset className="person-chooser">
      <legend>{legend}</legend>
      <div className="segmented" role="radiogroup" aria-label={legend}>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'existing'} onChange={() => setMode('existing')} /> {t('surv.person.existing')}
        </label>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'new'} onChange={() => setMode('new')} /> {t('surv.person.new')}
        </label>
      </div>
      {mode === 'existing' ? (
        <SearchPicker
          label={t('surv.person.chosen')}
          searchLabel={t('surv.person.search')}
          selected={existing?.label ?? null}
          onClear={() => setExisting(null)}
          search={(q, signal) => peopleApi.list({ q, limit: 10 }, signal)}
          itemKey={(p) => p.id}
          describe={describe}
          onChoose={(p) => setExisting({ id: p.id, label: describe(p) })}
        />
      ) : (
        <div className="form-grid">
          <TextField label={t('people.fullName')} value={draft.fullName} onChange={set('fullName')} required maxLength={120} autoComplete="off" />
          <TextField label={t('people.birthYear')} value={draft.birthYear} onChange={set('birthYear')} inputMode="numeric" maxLength={4} />
          <SelectField
            label={t('people.sex')}
            value={draft.sex}
            onChange={set('sex')}
            options={[{ value: '', label: t('people.sexUnknown') }, ...(['male', 'female', 'other'] as const).map((s) => ({ value: s, label: t(`people.sex.${s}`) }))]}
          />
          <TextField label={t('people.phone')} value={draft.phone} onChange={set('phone')} type="tel" maxLength={16} autoComplete="off" />
          <TextField label={t('people.nationalId')} value={draft.nationalId} onChange={set('nationalId')} inputMode="numeric" maxLength={12} autoComplete="off" />
          <UnitPicker label={t('people.unit')} value={draft.unit} onChange={(u) => setDraft((d) => ({ ...d, unit: u }))} required />
        </div>
      )}
    </fieldset>
  )
}

/** The people the server found similar to the one entered (409 DUPLICATE_CANDIDATES), or null. */
export function candidatesOf(err: unknown): DuplicateCandidate[] | null {
  if (err instanceof ApiError && err.code === 'DUPLICATE_CANDIDATES') return (err.details as { candidates: DuplicateCandidate[] }).candidates
  return null
}

/**
 * A save that may be answered with likely duplicates of the new person it names: they are kept to be
 * shown (and the save tried again with a choice); any other failure is thrown to the form.
 */
export function useSaveWithCandidates<B>(send: (body: B) => Promise<void>) {
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null)
  const save = async (body: B) => {
    setCandidates(null)
    try {
      await send(body)
    } catch (err) {
      const found = candidatesOf(err)
      if (!found) throw err
      setCandidates(found)
    }
  }
  return { candidates, save }
}

/**
 * Before saving a new person: the similar people in the caller's area. Choosing one saves with
 * that person; "a different person" saves the new one anyway.
 */
export function CandidatesDialog({ candidates, onChoose, onDifferent }: { candidates: DuplicateCandidate[]; onChoose: (c: DuplicateCandidate) => Promise<void>; onDifferent: () => Promise<void> }) {
  const t = useT()
  const { pending, error, run } = useAction()
  return (
    <section className="card alert alert-warning" role="dialog" aria-modal="false" aria-labelledby="surv-candidates-title" data-testid="duplicate-candidates">
      <h2 id="surv-candidates-title">{t('people.candidates.title')}</h2>
      <p>{t('people.candidates.intro')}</p>
      <ul>
        {candidates.map((c) => (
          <li key={c.id}>
            <strong>{c.fullName}</strong> — {c.birthDate ? formatVnDate(c.birthDate) : c.birthYear}, {c.unitName}
            {c.phone ? `, ${c.phone}` : ''}
            <br />
            <span className="muted">
              {t('people.candidates.similarity', { percent: Math.round(c.similarity * 100) })}; {c.reasons.map((r) => t(`people.candidates.reason.${r}`)).join(', ')}
            </span>
            <br />
            <button type="button" className="button-link" disabled={pending} onClick={() => void run(() => onChoose(c))}>
              {t('surv.person.useCandidate')}
            </button>
          </li>
        ))}
      </ul>
      <ErrorMessage error={error} />
      <button type="button" className="button-secondary" disabled={pending} onClick={() => void run(onDifferent)}>
        {t('people.candidates.different')}
      </button>
    </section>
  )
}
