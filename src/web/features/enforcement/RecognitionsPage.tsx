import { useState } from 'react'
import { Link } from 'react-router'
import { vnDate } from '../../../domain/text/dates.ts'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { FilterForm, Pager, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { OrgPicker, type PickedOrg } from '../orgs/OrgPicker.tsx'
import { day, UnitFilter } from '../surveillance/common.tsx'
import { useDefaultUnit } from '../surveillance/PersonChooser.tsx'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { enforcementApi } from './api.ts'
import { EmulationTable } from './EmulationTable.tsx'

const PAGE = 50
type Kind = 'commendation' | 'discipline'

/** A commendation or a discipline: of a body or of a person, its form, reason and decision. */
function RecognitionForm({ onSaved }: { onSaved: () => void }) {
  const t = useT()
  const [kind, setKind] = useState<Kind>('commendation')
  const [subject, setSubject] = useState<'org' | 'person'>('org')
  const [org, setOrg] = useState<PickedOrg | null>(null)
  const [personName, setPersonName] = useState('')
  const [personTitle, setPersonTitle] = useState('')
  const [unit, setUnit] = useState<PickedUnit | null>(useDefaultUnit())
  const [form, setForm] = useState('')
  const [reason, setReason] = useState('')
  const [decisionRef, setDecisionRef] = useState('')
  const [decidedOn, setDecidedOn] = useState(vnDate(new Date()))
  const [status, setStatus] = useState<string | null>(null)
  const missing = [
    ...(subject === 'org' && !org ? [t('enf.rec.org')] : []),
    ...(subject === 'person' && !personName.trim() ? [t('enf.rec.personName')] : []),
    ...(subject === 'person' && !unit ? [t('enf.rec.unit')] : []),
    ...(form.trim() ? [] : [t('enf.rec.formShort')]),
    ...(reason.trim() ? [] : [t('enf.rec.reasonShort')]),
    ...(decisionRef.trim() ? [] : [t('enf.rec.decision')]),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(decidedOn) ? [] : [t('enf.rec.decidedOn')]),
  ]
  return (
    <FormShell
      onSubmit={async () => {
        await enforcementApi.recordRecognition({
          kind,
          ...(subject === 'org' ? { orgId: org!.id } : { personName: personName.trim(), personTitle: personTitle.trim() || null, unitCode: unit!.code }),
          form: form.trim(),
          reason: reason.trim(),
          decisionRef: decisionRef.trim(),
          decidedOn,
        })
        setForm('')
        setReason('')
        setDecisionRef('')
        setPersonName('')
        setPersonTitle('')
        setStatus(t('enf.rec.saved'))
        onSaved()
      }}
      submitLabel={t('enf.rec.save')}
      canSubmit={missing.length === 0}
      missing={missing}
      status={status}
      aria-label={t('enf.rec.new')}
    >
      <SelectField
        label={t('enf.rec.kind')}
        value={kind}
        onChange={(v) => setKind(v === 'discipline' ? 'discipline' : 'commendation')}
        options={[
          { value: 'commendation', label: t('enf.rec.kind.commendation') },
          { value: 'discipline', label: t('enf.rec.kind.discipline') },
        ]}
      />
      <SelectField
        label={t('enf.rec.subject')}
        value={subject}
        onChange={(v) => setSubject(v === 'person' ? 'person' : 'org')}
        options={[
          { value: 'org', label: t('enf.rec.subject.org') },
          { value: 'person', label: t('enf.rec.subject.person') },
        ]}
      />
      {subject === 'org' ? (
        <OrgPicker label={t('enf.rec.org')} value={org} onChange={setOrg} />
      ) : (
        <>
          <TextField label={t('enf.rec.personName')} value={personName} onChange={setPersonName} required maxLength={120} />
          <TextField label={t('enf.rec.personTitle')} value={personTitle} onChange={setPersonTitle} maxLength={120} />
          <UnitPicker label={t('enf.rec.unit')} value={unit} onChange={setUnit} required />
        </>
      )}
      <TextField label={t('enf.rec.form')} value={form} onChange={setForm} required maxLength={200} />
      <TextAreaField label={t('enf.rec.reason')} value={reason} onChange={setReason} required maxLength={2000} />
      <TextField label={t('enf.rec.decision')} value={decisionRef} onChange={setDecisionRef} required maxLength={200} />
      <DateInput label={t('enf.rec.decidedOn')} value={decidedOn} onChange={setDecidedOn} required />
    </FormShell>
  )
}

/** Commendations and discipline of an area (who, for what, by which decision), the form, and the emulation per body. */
export function RecognitionsPage() {
  const t = useT()
  const { can } = useSession()
  usePageTitle(t('enf.rec.title'))
  const list = useListParams(['unit', 'kind'] as const)
  const { unit, kind } = list.values
  const [saved, setSaved] = useState(0)
  const state = useApi(`enf:recognitions:${list.key}:${saved}`, (signal) =>
    enforcementApi.recognitions({ ...(unit ? { unit } : {}), ...(kind ? { kind } : {}), limit: PAGE, offset: list.page * PAGE }, signal),
  )
  if (!can('enforcement:read')) return <NotAllowed />
  return (
    <>
      <p>
        <Link to="/kiem-tra">{t('enf.back')}</Link>
      </p>
      <PageHead title={t('enf.rec.title')} />
      <FilterForm onSubmit={list.submit} submitLabel={t('enf.show')}>
        <UnitFilter value={list.draft.unit} onChange={list.setField('unit')} />
        <SelectField
          label={t('enf.rec.kind')}
          value={list.draft.kind}
          onChange={list.setField('kind')}
          options={[
            { value: '', label: t('enf.rec.kind.all') },
            { value: 'commendation', label: t('enf.rec.kind.commendation') },
            { value: 'discipline', label: t('enf.rec.kind.discipline') },
          ]}
        />
      </FilterForm>
      <Loaded state={state}>
        {(d) => (
          <>
            <DataTable
              caption={t('enf.rec.caption')}
              rows={d.records}
              rowKey={(r) => r.id}
              empty={t('enf.rec.none')}
              testId="enf-recognitions"
              columns={[
                { key: 'on', header: t('enf.rec.decidedOn'), cell: (r) => day(r.decidedOn) },
                { key: 'kind', header: t('enf.rec.kind'), cell: (r) => t(r.kind === 'discipline' ? 'enf.rec.kind.discipline' : 'enf.rec.kind.commendation') },
                { key: 'who', header: t('enf.rec.who'), cell: (r) => r.orgName ?? `${r.personName ?? ''}${r.personTitle ? `, ${r.personTitle}` : ''}` },
                { key: 'form', header: t('enf.rec.formShort'), cell: (r) => r.form },
                { key: 'reason', header: t('enf.rec.reasonShort'), cell: (r) => r.reason },
                { key: 'decision', header: t('enf.rec.decision'), cell: (r) => r.decisionRef },
              ]}
            />
            <Pager page={list.page} hasNext={d.records.length === PAGE} onPage={list.goToPage} />
          </>
        )}
      </Loaded>
      {can('enforcement:write') ? (
        <section aria-labelledby="enf-rec-new">
          <h2 id="enf-rec-new">{t('enf.rec.new')}</h2>
          <RecognitionForm onSaved={() => setSaved((n) => n + 1)} />
        </section>
      ) : null}
      <EmulationTable unit={unit} key={saved} />
    </>
  )
}
