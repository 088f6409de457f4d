import { useState } from 'react'
import { useNavigate } from 'react-router'
import { CASE_CLASSIFICATIONS, FOUND_BY, SEVERITIES, SOURCE_KINDS, SYMPTOMS } from '../../../domain/surveillance/codes.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { usePageTitle } from '../../app/useApi.ts'
import { DateInput } from '../../ui/DateInput.tsx'
import { NotAllowed } from '../../ui/ErrorMessage.tsx'
import { CheckboxField, SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { type CaseCreateInput, survApi } from './api.ts'
import { useClusterOptions } from './CasesPage.tsx'
import { codeOptions } from './labels.ts'
import { CandidatesDialog, PersonChooser, useDefaultUnit, usePersonChoice, useSaveWithCandidates } from './PersonChooser.tsx'
import type { Json } from '../../app/api.ts'

/** The symptoms as tick boxes. */
export function SymptomsField({ value, onChange, legend }: { value: string[]; onChange: (v: string[]) => void; legend: string }) {
  const { locale } = useI18n()
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {Object.entries(SYMPTOMS).map(([code, names]) => (
        <CheckboxField
          key={code}
          label={names[locale]}
          checked={value.includes(code)}
          onChange={(on) => onChange(on ? [...value, code] : value.filter((s) => s !== code))}
        />
      ))}
    </fieldset>
  )
}

/** A new case (F0) in one screen that works on a phone: the person (found or entered), the case's facts. */
export function NewCasePage() {
  const { t, locale } = useI18n()
  usePageTitle(t('surv.cases.new'))
  const { can } = useSession()
  const navigate = useNavigate()
  const who = usePersonChoice(useDefaultUnit())
  const clusters = useClusterOptions(t('surv.case.noCluster'))
  const [classification, setClassification] = useState('confirmed')
  const [code, setCode] = useState('')
  const [onsetDate, setOnsetDate] = useState('')
  const [sampleDate, setSampleDate] = useState('')
  const [confirmedDate, setConfirmedDate] = useState('')
  const [foundBy, setFoundBy] = useState('')
  const [sourceKind, setSourceKind] = useState('unknown')
  const [sourceCountry, setSourceCountry] = useState('')
  const [sourceTravel, setSourceTravel] = useState('')
  const [clusterId, setClusterId] = useState('')
  const [severity, setSeverity] = useState('')
  const [symptoms, setSymptoms] = useState<string[]>([])
  const [isolationPlace, setIsolationPlace] = useState('')
  const { candidates, save } = useSaveWithCandidates(async (body: Json<CaseCreateInput>) => {
    const created = await survApi.createCase(body)
    navigate(`/surveillance/people/${created.personId}`)
  })
  if (!can('surveillance:write')) return <NotAllowed />

  const fields = (): Omit<Json<CaseCreateInput>, 'personId' | 'person'> => ({
    classification: classification as Json<CaseCreateInput>['classification'],
    code: code.trim() || null,
    onsetDate: onsetDate || null,
    sampleDate: sampleDate || null,
    confirmedDate: confirmedDate || null,
    foundBy: (foundBy || null) as Json<CaseCreateInput>['foundBy'],
    sourceKind: sourceKind as Json<CaseCreateInput>['sourceKind'],
    sourceCountry: sourceKind === 'imported' && sourceCountry.trim() ? sourceCountry.trim().toUpperCase() : null,
    sourceTravel: sourceKind === 'imported' && sourceTravel.trim() ? sourceTravel.trim() : null,
    clusterId: clusterId ? Number(clusterId) : null,
    severity: (severity || null) as Json<CaseCreateInput>['severity'],
    symptoms: symptoms as Json<CaseCreateInput>['symptoms'],
    isolationPlace: isolationPlace.trim() || null,
  })
  const submit = async () => {
    const c = who.choice
    if (!c) return
    await save({ ...fields(), ...('personId' in c ? { personId: c.personId } : { person: c.person }) })
  }
  const missing = [...(who.choice ? [] : [t('surv.case.person')])]
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('surv.cases.new')}</h1>
      <FormShell onSubmit={submit} submitLabel={t('surv.case.save')} canSubmit={missing.length === 0} missing={missing} onCancel={() => navigate('/surveillance/cases')} className="form-grid quick-form">
        <PersonChooser state={who} legend={t('surv.case.person')} />
        {candidates && who.choice && 'person' in who.choice ? (
          <CandidatesDialog
            candidates={candidates}
            onChoose={(c) => save({ ...fields(), personId: c.id })}
            onDifferent={() => save({ ...fields(), person: { ...(who.choice as { person: Json<CaseCreateInput>['person'] & object }).person, confirmedNew: true } })}
          />
        ) : null}
        <SelectField label={t('surv.case.classification')} value={classification} onChange={setClassification} options={codeOptions(CASE_CLASSIFICATIONS, locale)} />
        <TextField label={t('surv.case.code')} value={code} onChange={setCode} maxLength={40} hint={t('surv.case.codeHint')} />
        <DateInput label={t('surv.case.onsetDate')} value={onsetDate} onChange={setOnsetDate} hint={t('surv.case.onsetHint')} />
        <DateInput label={t('surv.case.sampleDate')} value={sampleDate} onChange={setSampleDate} />
        <DateInput label={t('surv.case.confirmedDate')} value={confirmedDate} onChange={setConfirmedDate} />
        <SelectField label={t('surv.case.foundBy')} value={foundBy} onChange={setFoundBy} options={codeOptions(FOUND_BY, locale, '—')} />
        <SelectField label={t('surv.case.source')} value={sourceKind} onChange={setSourceKind} options={codeOptions(SOURCE_KINDS, locale)} />
        {sourceKind === 'imported' ? (
          <>
            <TextField label={t('surv.case.country')} value={sourceCountry} onChange={setSourceCountry} maxLength={2} hint={t('surv.case.countryHint')} />
            <TextField label={t('surv.case.travel')} value={sourceTravel} onChange={setSourceTravel} maxLength={80} />
          </>
        ) : null}
        <SelectField label={t('surv.case.cluster')} value={clusterId} onChange={setClusterId} options={clusters} />
        <SelectField label={t('surv.case.severity')} value={severity} onChange={setSeverity} options={codeOptions(SEVERITIES, locale, '—')} />
        <SymptomsField value={symptoms} onChange={setSymptoms} legend={t('surv.case.symptoms')} />
        <TextField label={t('surv.case.isolationPlace')} value={isolationPlace} onChange={setIsolationPlace} maxLength={300} />
      </FormShell>
    </section>
  )
}
