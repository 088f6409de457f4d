import { useState } from 'react'
import { CONFIDENCES, chooseRule, type Confidence, type QuarantineRule, RULE_KINDS, type RuleKind } from '../../../domain/quarantine/rules.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import { formatVnDate } from '../../app/format.ts'
import { type Translate, useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { quarantineApi, type RuleList } from './api.ts'

type RuleRow = RuleList['rules'][number]

const kindLabel = (t: Translate, k: string) => t(`q.rules.kind.${(RULE_KINDS as readonly string[]).includes(k) ? (k as RuleKind) : 'f1'}`)
const confidenceLabel = (t: Translate, c: string) => t(`q.rules.confidence.${(CONFIDENCES as readonly string[]).includes(c) ? (c as Confidence) : 'unverified'}`)

/** The ids of the rules in force today where the user works: one per kind (the vaccinated F1 falls back on F1). */
function inForceIds(rules: RuleRow[], unitPath: string, day: string): Set<number> {
  const all: QuarantineRule[] = rules.map((r) => ({ ...r, unitPath: r.unitPath ?? null, requiredTests: r.requiredTests ?? [] }) as QuarantineRule)
  const queries = [
    { kind: 'f1' as const, vaccinated: false },
    { kind: 'f1' as const, vaccinated: true },
    { kind: 'entry' as const, vaccinated: false },
    { kind: 'illegal-entry' as const, vaccinated: false },
  ]
  const ids = new Set<number>()
  for (const q of queries) {
    const c = chooseRule(all, { ...q, start: day, unitPath: unitPath === '/' ? null : unitPath })
    if (c) ids.add(c.rule.id)
  }
  return ids
}

const numberList = (text: string) => [...new Set(text.split(/[,;\s]+/).filter(Boolean).map(Number))]

/** A province's own dated variant; the server checks the dates and test days and names every problem. */
function RuleForm({ onSaved }: { onSaved: (name: string) => void }) {
  const { t } = useI18n()
  const [kind, setKind] = useState<string>('f1')
  const [name, setName] = useState('')
  const [validFrom, setValidFrom] = useState(vnDate(new Date()))
  const [validTo, setValidTo] = useState('')
  const [days, setDays] = useState('')
  const [monitoring, setMonitoring] = useState('0')
  const [tests, setTests] = useState('')
  const [source, setSource] = useState('')
  const [confidence, setConfidence] = useState<string>('verified')
  const [note, setNote] = useState('')
  const whole = (s: string) => /^\d{1,2}$/.test(s.trim())
  const missing = [
    ...(name.trim() ? [] : [t('q.rules.name')]),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(validFrom) ? [] : [t('q.rules.validFrom')]),
    ...(whole(days) ? [] : [t('q.rules.days')]),
    ...(whole(monitoring) ? [] : [t('q.rules.monitoringDays')]),
    ...(tests.trim() === '' || numberList(tests).every((n) => Number.isInteger(n)) ? [] : [t('q.rules.tests')]),
    ...(source.trim() ? [] : [t('q.rules.source')]),
  ]
  return (
    <FormShell
      onSubmit={async () => {
        const saved = await quarantineApi.createRule({
          kind: kind as RuleKind,
          name: name.trim(),
          validFrom,
          validTo: validTo || null,
          days: Number(days.trim()),
          monitoringDays: Number(monitoring.trim()),
          requiredTests: numberList(tests),
          source: source.trim(),
          confidence: confidence as Confidence,
          note: note.trim() || null,
        })
        onSaved(saved.name)
      }}
      submitLabel={t('q.rules.save')}
      canSubmit={missing.length === 0}
      missing={missing}
      aria-label={t('q.rules.form')}
    >
      <SelectField label={t('q.rules.kind')} value={kind} onChange={setKind} options={RULE_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} />
      <TextField label={t('q.rules.name')} value={name} onChange={setName} required maxLength={200} />
      <DateInput label={t('q.rules.validFrom')} value={validFrom} onChange={setValidFrom} required />
      <DateInput label={t('q.rules.validTo')} value={validTo} onChange={setValidTo} hint={t('q.rules.validToHint')} />
      <TextField label={t('q.rules.days')} value={days} onChange={setDays} inputMode="numeric" required hint={t('q.rules.daysHint')} />
      <TextField label={t('q.rules.monitoringDays')} value={monitoring} onChange={setMonitoring} inputMode="numeric" required />
      <TextField label={t('q.rules.tests')} value={tests} onChange={setTests} hint={t('q.rules.testsHint')} />
      <TextField label={t('q.rules.source')} value={source} onChange={setSource} required maxLength={500} />
      <SelectField label={t('q.rules.confidence')} value={confidence} onChange={setConfidence} options={CONFIDENCES.map((c) => ({ value: c, label: confidenceLabel(t, c) }))} />
      <TextAreaField label={t('q.rules.note')} value={note} onChange={setNote} maxLength={2000} />
    </FormShell>
  )
}

/** The quarantine rules as data: the national periods and the province's own, which are in force today, and a new dated variant. */
export function QuarantineRulesPage() {
  const { t } = useI18n()
  const { can, session } = useSession()
  usePageTitle(t('q.rules.title'))
  const state = useApi('q:rules', (signal) => quarantineApi.rules(signal))
  const [adding, setAdding] = useState(false)
  const [saved, setSaved] = useState<string | null>(null)
  if (!can('quarantine:read')) return <NotAllowed />
  const today = vnDate(new Date())
  return (
    <>
      <h1 id="page-title">{t('q.rules.title')}</h1>
      <p className="muted">{t('q.rules.intro')}</p>
      {saved ? (
        <p role="status" data-testid="q-rules-saved">
          {t('q.rules.saved', { name: saved })}
        </p>
      ) : null}
      <Loaded state={state}>
        {(d) => {
          const inForce = inForceIds(d.rules, session?.me.user.unitPath ?? '/', today)
          return (
            <DataTable<RuleRow>
              caption={t('q.rules.caption')}
              rows={d.rules}
              rowKey={(r) => r.id}
              testId="q-rules"
              columns={[
                { key: 'kind', header: t('q.rules.kind'), cell: (r) => kindLabel(t, r.kind) },
                { key: 'name', header: t('q.rules.name'), cell: (r) => r.name },
                { key: 'owner', header: t('q.rules.owner'), cell: (r) => r.unitName ?? t('q.rules.national') },
                { key: 'period', header: t('q.rules.period'), cell: (r) => (r.validTo ? `${formatVnDate(r.validFrom)} – ${formatVnDate(r.validTo)}` : t('q.rules.since', { date: formatVnDate(r.validFrom) })) },
                { key: 'days', header: t('q.rules.days'), numeric: true, cell: (r) => r.days },
                { key: 'monitoring', header: t('q.rules.monitoringDays'), numeric: true, cell: (r) => r.monitoringDays },
                { key: 'tests', header: t('q.rules.testDays'), cell: (r) => (r.requiredTests?.length ? r.requiredTests.join(', ') : '—') },
                { key: 'source', header: t('q.rules.source'), cell: (r) => `${r.source} (${confidenceLabel(t, r.confidence)})` },
                { key: 'inForce', header: t('q.rules.inForce'), cell: (r) => (inForce.has(r.id) ? t('q.rules.inForceToday') : '') },
              ]}
            />
          )
        }}
      </Loaded>
      {can('quarantine:rules') ? (
        adding ? (
          <RuleForm
            onSaved={(name) => {
              setAdding(false)
              setSaved(name)
              state.reload()
            }}
          />
        ) : (
          <button type="button" className="button-primary" onClick={() => setAdding(true)}>
            {t('q.rules.add')}
          </button>
        )
      ) : null}
    </>
  )
}
