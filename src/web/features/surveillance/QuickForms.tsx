import { useState } from 'react'
import { EXPOSURE_SETTINGS, F1_CRITERIA, TEST_METHODS } from '../../../domain/surveillance/codes.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import type { Json } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { CheckboxField, SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell, useAction } from '../../ui/FormShell.tsx'
import { type ExposureInput, survApi } from './api.ts'
import { codeOptions, degreeText, RESULTS } from './labels.ts'
import { SymptomsField } from './NewCasePage.tsx'
import { CandidatesDialog, PersonChooser, useDefaultUnit, usePersonChoice, useSaveWithCandidates } from './PersonChooser.tsx'

const todayVn = () => vnDate(new Date())

/** A decimal typed with a comma or a point (37,5 or 37.5); null when empty or not a number. */
const decimal = (s: string): number | null => {
  const n = Number(s.replace(',', '.').trim())
  return s.trim() && Number.isFinite(n) ? n : null
}

/** Someone exposed to this person: the contact found in the registry or entered inline, when, where, how. */
export function ExposureForm({ sourcePersonId, onDone }: { sourcePersonId: number; onDone: () => void }) {
  const { t, locale } = useI18n()
  const who = usePersonChoice(useDefaultUnit())
  const [exposedOn, setExposedOn] = useState(todayVn())
  const [setting, setSetting] = useState('household')
  const [place, setPlace] = useState('')
  const [criteria, setCriteria] = useState<string[]>([])
  const [status, setStatus] = useState<string | null>(null)
  const { candidates, save } = useSaveWithCandidates(async (body: Json<ExposureInput>) => {
    setStatus(null)
    const e = await survApi.createExposure(body)
    setStatus(t('surv.exposure.saved', { name: e.personName, degree: degreeText(e.degree) }))
    who.setExisting(null)
    who.setDraft((d) => ({ ...d, fullName: '', birthYear: '', phone: '', nationalId: '', sex: '' }))
    onDone()
  })

  const fields = () => ({
    sourcePersonId,
    exposedOn,
    setting: setting as Json<ExposureInput>['setting'],
    place: place.trim() || null,
    f1Criteria: criteria as Json<ExposureInput>['f1Criteria'],
  })
  const submit = async () => {
    const c = who.choice
    if (!c) return
    await save({ ...fields(), ...('personId' in c ? { personId: c.personId } : { person: c.person }) })
  }
  const missing = [...(who.choice ? [] : [t('surv.exposure.contact')]), ...(exposedOn ? [] : [t('surv.exposure.date')])]
  return (
    <FormShell onSubmit={submit} submitLabel={t('surv.exposure.save')} canSubmit={missing.length === 0} missing={missing} status={status} className="form-grid quick-form" aria-label={t('surv.exposure.add')}>
      <PersonChooser state={who} legend={t('surv.exposure.contact')} />
      {candidates && who.choice && 'person' in who.choice ? (
        <CandidatesDialog
          candidates={candidates}
          onChoose={(c) => save({ ...fields(), personId: c.id })}
          onDifferent={() => {
            const person = (who.choice as { person: NonNullable<Json<ExposureInput>['person']> }).person
            return save({ ...fields(), person: { ...person, confirmedNew: true } })
          }}
        />
      ) : null}
      <DateInput label={t('surv.exposure.date')} value={exposedOn} onChange={setExposedOn} required />
      <SelectField label={t('surv.exposure.setting')} value={setting} onChange={setSetting} options={codeOptions(EXPOSURE_SETTINGS, locale)} />
      <TextField label={t('surv.exposure.place')} value={place} onChange={setPlace} maxLength={300} />
      <fieldset className="checks">
        <legend>{t('surv.exposure.criteria')}</legend>
        {Object.entries(F1_CRITERIA).map(([code, names]) => (
          <CheckboxField key={code} label={names[locale]} checked={criteria.includes(code)} onChange={(on) => setCriteria((c) => (on ? [...c, code] : c.filter((x) => x !== code)))} />
        ))}
      </fieldset>
    </FormShell>
  )
}

/** The day's check of a contact under follow-up: temperature and symptoms. */
export function CheckForm({ followupId, onDone }: { followupId: number; onDone: () => void }) {
  const { t } = useI18n()
  const [checkedOn, setCheckedOn] = useState(todayVn())
  const [temperature, setTemperature] = useState('')
  const [symptoms, setSymptoms] = useState<string[]>([])
  const [note, setNote] = useState('')
  const [status, setStatus] = useState<string | null>(null)
  const submit = async () => {
    const r = await survApi.addCheck(followupId, { checkedOn, temperature: decimal(temperature), symptoms, note: note.trim() || null })
    setStatus(r.flagged ? (r.advice ?? t('surv.check.flagged')) : t('surv.check.saved'))
    setTemperature('')
    setSymptoms([])
    setNote('')
    onDone()
  }
  return (
    <FormShell onSubmit={submit} submitLabel={t('surv.check.save')} canSubmit={!!checkedOn} status={status} className="form-grid quick-form" aria-label={t('surv.check.title')}>
      <DateInput label={t('surv.check.date')} value={checkedOn} onChange={setCheckedOn} required />
      <TextField label={t('surv.check.temperature')} value={temperature} onChange={setTemperature} inputMode="decimal" maxLength={5} hint={t('surv.check.temperatureHint')} />
      <SymptomsField value={symptoms} onChange={setSymptoms} legend={t('surv.case.symptoms')} />
      <TextField label={t('surv.check.note')} value={note} onChange={setNote} maxLength={1000} />
    </FormShell>
  )
}

/** A sample of this person, with its result when known. */
export function TestForm({ personId, onDone }: { personId: number; onDone: (proposesCase: boolean) => void }) {
  const { t, locale } = useI18n()
  const [method, setMethod] = useState('antigen')
  const [sampleDate, setSampleDate] = useState(todayVn())
  const [result, setResult] = useState('')
  const [resultDate, setResultDate] = useState(todayVn())
  const [ct, setCt] = useState('')
  const [lab, setLab] = useState('')
  const [status, setStatus] = useState<string | null>(null)
  const submit = async () => {
    const r = await survApi.recordTest({
      personId,
      method,
      sampleDate,
      lab: lab.trim(),
      ...(result ? { result, resultDate, ct: decimal(ct) } : {}),
    })
    setStatus(r.proposesCase ? t('surv.test.proposes') : t('surv.test.saved'))
    onDone(r.proposesCase)
  }
  const missing = [...(sampleDate ? [] : [t('surv.test.sampleDate')]), ...(lab.trim() ? [] : [t('surv.test.lab')])]
  return (
    <FormShell onSubmit={submit} submitLabel={t('surv.test.save')} canSubmit={missing.length === 0} missing={missing} status={status} className="form-grid quick-form" aria-label={t('surv.test.add')}>
      <SelectField label={t('surv.test.method')} value={method} onChange={setMethod} options={codeOptions(TEST_METHODS, locale)} />
      <DateInput label={t('surv.test.sampleDate')} value={sampleDate} onChange={setSampleDate} required />
      <SelectField label={t('surv.test.result')} value={result} onChange={setResult} options={codeOptions(RESULTS, locale, t('surv.test.noResultYet'))} />
      {result ? (
        <>
          <DateInput label={t('surv.test.resultDate')} value={resultDate} onChange={setResultDate} />
          <TextField label="Ct" value={ct} onChange={setCt} inputMode="decimal" maxLength={5} />
        </>
      ) : null}
      <TextField label={t('surv.test.lab')} value={lab} onChange={setLab} maxLength={200} required />
    </FormShell>
  )
}

/** The result of a sample already taken (or of a planned retest). */
export function ResultForm({ testId, onDone }: { testId: number; onDone: () => void }) {
  const { t, locale } = useI18n()
  const [result, setResult] = useState('negative')
  const [resultDate, setResultDate] = useState(todayVn())
  return (
    <FormShell
      onSubmit={async () => {
        await survApi.enterResult(testId, { result, resultDate })
        onDone()
      }}
      submitLabel={t('surv.test.saveResult')}
      className="form-inline"
    >
      <SelectField label={t('surv.test.result')} value={result} onChange={setResult} options={codeOptions(RESULTS, locale)} />
      <DateInput label={t('surv.test.resultDate')} value={resultDate} onChange={setResultDate} />
    </FormShell>
  )
}

/** One button: the contact becomes a case (follow-up ended, degrees moved), then the page reloads. */
export function ConvertButton({ personId, onDone }: { personId: number; onDone: () => void }) {
  const { t } = useI18n()
  const { pending, error, run } = useAction()
  return (
    <div className="convert">
      <button
        type="button"
        className="button-primary"
        disabled={pending}
        onClick={() =>
          void run(async () => {
            await survApi.convert(personId, {})
            onDone()
          })
        }
      >
        {t('surv.convert')}
      </button>
      <ErrorMessage error={error} />
    </div>
  )
}

/** Starts the daily follow-up of a contact (by the current user). */
export function StartFollowupButton({ personId, onDone }: { personId: number; onDone: () => void }) {
  const { t } = useI18n()
  const { pending, error, run } = useAction()
  return (
    <div>
      <button
        type="button"
        className="button-secondary"
        disabled={pending}
        onClick={() =>
          void run(async () => {
            await survApi.startFollowup({ personId })
            onDone()
          })
        }
      >
        {t('surv.followup.start')}
      </button>
      <ErrorMessage error={error} />
    </div>
  )
}
