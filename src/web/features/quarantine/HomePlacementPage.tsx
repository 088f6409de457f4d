import { useState } from 'react'
import { Link } from 'react-router'
import { vnDate } from '../../../domain/text/dates.ts'
import type { Json } from '../../app/api.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { ErrorMessage, Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { CheckboxField, SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { day, UnitFilter } from '../surveillance/common.tsx'
import { codeName, codeOptions } from '../surveillance/labels.ts'
import { CandidatesDialog, PersonChooser, useDefaultUnit, usePersonChoice, useSaveWithCandidates } from '../surveillance/PersonChooser.tsx'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { KIND_OF_REASON, type Outcome, type PlaceOrRegister, quarantineApi, REASONS } from './api.ts'
import { RuleWhy, Warnings } from './common.tsx'

const SETTINGS = ['home', 'accommodation'] as const
type Setting = (typeof SETTINGS)[number]

/** What was just saved: the stay with its rule and why, and its decision to download. */
function Placed({ o }: { o: Outcome }) {
  const { t } = useI18n()
  const p = o.placement
  return (
    <section aria-label={t('q.place.done')} className="card" data-testid="q-home-placed">
      <p role="status">{t('q.place.placed', { name: p.person.fullName, end: day(p.plannedEnd) })}</p>
      <Warnings items={o.warnings} />
      <RuleWhy rule={{ rule: p.rule.name, source: p.rule.source, why: p.why }} />
      <p className="q-downloads">
        <Link to={`/quarantine/placements/${p.id}`}>{t('q.home.open')}</Link>{' '}
        <a className="button-secondary" href={quarantineApi.documentUrl(p.id, 'decision.docx')} download>
          {t('q.doc.decision')}
        </a>
      </p>
    </section>
  )
}

/**
 * Quarantine at home or at an accommodation: the person found in the registry or registered here,
 * where, from when and why, with the rule that will apply shown (and why) before saving.
 */
function HomePlacementForm({ onPlaced }: { onPlaced: (o: Outcome) => void }) {
  const { t, locale } = useI18n()
  const defaultUnit = useDefaultUnit()
  const who = usePersonChoice(defaultUnit)
  const [setting, setSetting] = useState<Setting>('home')
  const [unit, setUnit] = useState<PickedUnit | null>(defaultUnit)
  const [address, setAddress] = useState('')
  const [reason, setReason] = useState<keyof typeof REASONS>('contact')
  const [vaccinated, setVaccinated] = useState(false)
  const [startOn, setStartOn] = useState(vnDate(new Date()))
  const [decisionNo, setDecisionNo] = useState('')
  const [decisionOn, setDecisionOn] = useState('')
  const [note, setNote] = useState('')
  const kind = KIND_OF_REASON[reason]
  const ruleUnit = unit?.code ?? ''
  const rule = useApi(startOn ? `q:rule:${kind}:${startOn}:${vaccinated}:${ruleUnit}` : null, (signal) =>
    quarantineApi.rule({ kind, start: startOn, vaccinated: String(vaccinated), ...(ruleUnit ? { unitCode: ruleUnit } : {}) }, signal),
  )
  const { candidates, save } = useSaveWithCandidates(async (body: Json<PlaceOrRegister>) => {
    onPlaced(await quarantineApi.place(body))
    who.setExisting(null)
    who.setDraft((d) => ({ ...d, fullName: '', birthYear: '', phone: '', nationalId: '' }))
  })
  const fields = () => ({
    setting,
    unitCode: unit?.code ?? null,
    address: address.trim() || null,
    reason,
    vaccinated,
    startOn,
    decisionNo: decisionNo.trim() || null,
    decisionOn: decisionOn || null,
    note: note.trim() || null,
  })
  const missing = [...(who.choice ? [] : [t('q.place.person')]), ...(startOn ? [] : [t('q.place.start')])]
  return (
    <FormShell
      onSubmit={async () => {
        const c = who.choice
        if (!c) return
        await save({ ...fields(), ...('personId' in c ? { personId: c.personId } : { person: c.person }) })
      }}
      submitLabel={t('q.place.submit')}
      canSubmit={missing.length === 0}
      missing={missing}
      aria-label={t('q.home.form')}
      className="form-grid quick-form"
    >
      <PersonChooser state={who} legend={t('q.place.person')} />
      {candidates && who.choice && 'person' in who.choice ? (
        <CandidatesDialog
          candidates={candidates}
          onChoose={(c) => save({ ...fields(), personId: c.id })}
          onDifferent={() => save({ ...fields(), person: { ...(who.choice as { person: NonNullable<PlaceOrRegister['person']> }).person, confirmedNew: true } })}
        />
      ) : null}
      <SelectField label={t('q.setting')} value={setting} onChange={(v) => setSetting(v as Setting)} options={SETTINGS.map((s) => ({ value: s, label: t(`q.home.setting.${s}`) }))} />
      <UnitPicker label={t('q.home.unit')} hint={t('q.home.unitHint')} value={unit} onChange={setUnit} />
      <TextField label={t('q.facility.address')} value={address} onChange={setAddress} maxLength={300} />
      <SelectField label={t('q.place.reason')} value={reason} onChange={(v) => setReason(v as keyof typeof REASONS)} options={codeOptions(REASONS, locale)} />
      <CheckboxField label={t('q.place.vaccinated')} checked={vaccinated} onChange={setVaccinated} />
      <DateInput label={t('q.place.start')} value={startOn} onChange={setStartOn} required />
      <TextField label={t('q.home.decisionNo')} value={decisionNo} onChange={setDecisionNo} maxLength={60} />
      <DateInput label={t('q.home.decisionOn')} value={decisionOn} onChange={setDecisionOn} />
      <TextField label={t('q.home.note')} value={note} onChange={setNote} maxLength={2000} />
      {rule.data ? <RuleWhy rule={rule.data} /> : rule.error ? <ErrorMessage error={rule.error} /> : null}
    </FormShell>
  )
}

const FIELDS = ['unit', 'setting'] as const

/** People in quarantine at home or at an accommodation in the jurisdiction, and the form to place one more. */
export function HomePlacementPage() {
  const { t, locale } = useI18n()
  const { can } = useSession()
  usePageTitle(t('q.home.title'))
  const list = useListParams(FIELDS)
  const setting = (list.values.setting || 'home') as Setting
  const [last, setLast] = useState<Outcome | null>(null)
  const state = useApi(`q:home:${list.key}:${last?.placement.id ?? 0}`, (signal) =>
    quarantineApi.placements({ setting, status: 'active', ...(list.values.unit ? { unitCode: list.values.unit } : {}), limit: 500 }, signal),
  )
  if (!can('quarantine:read')) return <NotAllowed />
  return (
    <>
      <PageHead title={t('q.home.title')} />
      {last ? <Placed o={last} /> : null}
      {can('quarantine:write') ? <HomePlacementForm onPlaced={setLast} /> : null}
      <FilterForm onSubmit={list.submit} submitLabel={t('q.filter')}>
        <UnitFilter value={list.draft.unit} onChange={list.setField('unit')} />
        <SelectField
          label={t('q.setting')}
          value={list.draft.setting || 'home'}
          onChange={list.setField('setting')}
          options={SETTINGS.map((s) => ({ value: s, label: t(`q.home.setting.${s}`) }))}
        />
      </FilterForm>
      <Loaded state={state}>
        {(d) => (
          <DataTable
            caption={t('q.home.caption')}
            rows={d.placements}
            rowKey={(p) => p.id}
            empty={t('q.none')}
            testId="q-home-placements"
            columns={[
              { key: 'name', header: t('q.person'), cell: (p) => <Link to={`/quarantine/placements/${p.id}`}>{p.person.fullName}</Link> },
              { key: 'unit', header: t('q.facility.unit'), cell: (p) => `${p.unitName}${p.address ? ` — ${p.address}` : ''}` },
              { key: 'reason', header: t('q.place.reason'), cell: (p) => codeName(REASONS, p.reason, locale) },
              { key: 'start', header: t('q.place.start'), cell: (p) => day(p.startOn) },
              { key: 'end', header: t('q.plannedEnd'), cell: (p) => day(p.plannedEnd) },
              { key: 'rule', header: t('q.rule'), cell: (p) => p.rule.name },
            ]}
          />
        )}
      </Loaded>
    </>
  )
}
