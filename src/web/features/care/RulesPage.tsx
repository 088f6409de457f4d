import { useState } from 'react'
import { CONFIDENCES, type Confidence, ruleInForce, type Threshold, thresholdText } from '../../../domain/care/rules.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import { formatVnDate } from '../../app/format.ts'
import { type Translate, useI18n } from '../../app/i18n.tsx'
import { codeOfUnitId, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { careApi, type CareRule } from './api.ts'

const OPS: Threshold['op'][] = ['>=', '>', '<=', '<']
const confidenceLabel = (t: Translate, c: string) => t(`care.rules.confidence.${(CONFIDENCES as readonly string[]).includes(c) ? (c as Confidence) : 'unverified'}`)
const sourced = (t: Translate, s: { source: string; confidence: string }) => `${s.source} (${confidenceLabel(t, s.confidence)})`
/** A part of a rule as the API takes it back: a note only when there is one. */
const part = <T extends { note?: string | null | undefined }>(p: T): T => {
  const { note, ...rest } = p
  return (note ? { ...rest, note } : rest) as T
}

/** One rule in full: who may stay at home, the warning signs, the release, each with its source and mark. */
function RuleView({ rule }: { rule: CareRule }) {
  const { t } = useI18n()
  const e = rule.eligibility
  const w = rule.warnings
  const r = rule.release
  return (
    <section aria-labelledby="care-rule-shown" data-testid="care-rule-view">
      <h2 id="care-rule-shown">{rule.name}</h2>
      <dl className="facts">
        <dt>{t('care.rules.eligibility')}</dt>
        <dd>
          {t('care.rules.eligibility.text', { spo2: thresholdText(e.spo2, '%'), rate: thresholdText(e.respiratoryRate) })}
          <br />
          <em>{sourced(t, e)}</em>
        </dd>
        <dt>{t('care.rules.warnings')}</dt>
        <dd>
          {t('care.rules.warnings.text', {
            spo2: thresholdText(w.spo2, '%'),
            rate: w.respiratoryRate.map((b) => `${b.fromAge}${b.toAge === null ? '+' : `–${b.toAge}`}: ${thresholdText(b.threshold)}`).join('; '),
            hours: String(w.escalationHours).replace('.', ','),
          })}
          <br />
          <em>{sourced(t, w)}</em>
        </dd>
        <dt>{t('care.rules.release')}</dt>
        <dd>
          {t('care.rules.release.text', { days: r.days, test: r.test ? t(`care.rules.test.${r.test}`) : t('care.rules.test.none') })}
          <br />
          <em>{sourced(t, r)}</em>
        </dd>
      </dl>
    </section>
  )
}

/** A new dated variant started from the rule shown; the parts not edited here are kept as they are. */
function RuleForm({ from, unitCode, onSaved }: { from: CareRule; unitCode: string; onSaved: (name: string) => void }) {
  const { t } = useI18n()
  const [name, setName] = useState('')
  const [validFrom, setValidFrom] = useState(vnDate(new Date()))
  const [source, setSource] = useState('')
  const [confidence, setConfidence] = useState<string>('verified')
  const [note, setNote] = useState('')
  const [eligOp, setEligOp] = useState<string>(from.eligibility.spo2.op)
  const [eligSpo2, setEligSpo2] = useState(String(from.eligibility.spo2.value))
  const [warnOp, setWarnOp] = useState<string>(from.warnings.spo2.op)
  const [warnSpo2, setWarnSpo2] = useState(String(from.warnings.spo2.value))
  const [hours, setHours] = useState(String(from.warnings.escalationHours))
  const [days, setDays] = useState(String(from.release.days))
  const num = (s: string) => /^\d+([.,]\d+)?$/.test(s.trim())
  const missing = [
    ...(name.trim() ? [] : [t('care.rules.name')]),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(validFrom) ? [] : [t('care.rules.validFrom')]),
    ...(source.trim() ? [] : [t('care.rules.source')]),
    ...(num(eligSpo2) ? [] : [t('care.rules.eligSpo2')]),
    ...(num(warnSpo2) ? [] : [t('care.rules.warnSpo2')]),
    ...(num(hours) ? [] : [t('care.rules.hours')]),
    ...(/^\d+$/.test(days.trim()) ? [] : [t('care.rules.days')]),
  ]
  const n = (s: string) => Number(s.trim().replace(',', '.'))
  const ops = OPS.map((o) => ({ value: o, label: thresholdText({ op: o, value: 0 }).split(' ')[0]! }))
  const mark = { source: source.trim(), confidence: confidence as Confidence }
  return (
    <FormShell
      onSubmit={async () => {
        const saved = await careApi.createRule({
          unitCode,
          validFrom,
          name: name.trim(),
          ...mark,
          note: note.trim() || null,
          eligibility: { ...part(from.eligibility), ...mark, spo2: { op: eligOp as Threshold['op'], value: n(eligSpo2) } },
          warnings: { ...part(from.warnings), ...mark, spo2: { op: warnOp as Threshold['op'], value: n(warnSpo2) }, escalationHours: n(hours) },
          release: { ...part(from.release), ...mark, days: n(days) },
        })
        onSaved(saved.name)
      }}
      submitLabel={t('care.rules.save')}
      canSubmit={missing.length === 0}
      missing={missing}
      aria-label={t('care.rules.form')}
    >
      <p className="muted">{t('care.rules.from', { name: from.name })}</p>
      <TextField label={t('care.rules.name')} value={name} onChange={setName} required maxLength={200} />
      <DateInput label={t('care.rules.validFrom')} value={validFrom} onChange={setValidFrom} required />
      <TextField label={t('care.rules.source')} value={source} onChange={setSource} required maxLength={2000} />
      <SelectField label={t('care.rules.confidence')} value={confidence} onChange={setConfidence} options={CONFIDENCES.map((c) => ({ value: c, label: confidenceLabel(t, c) }))} />
      <SelectField label={t('care.rules.eligOp')} value={eligOp} onChange={setEligOp} options={ops} />
      <TextField label={t('care.rules.eligSpo2')} value={eligSpo2} onChange={setEligSpo2} inputMode="decimal" required />
      <SelectField label={t('care.rules.warnOp')} value={warnOp} onChange={setWarnOp} options={ops} />
      <TextField label={t('care.rules.warnSpo2')} value={warnSpo2} onChange={setWarnSpo2} inputMode="decimal" required />
      <TextField label={t('care.rules.hours')} value={hours} onChange={setHours} inputMode="decimal" required />
      <TextField label={t('care.rules.days')} value={days} onChange={setDays} inputMode="numeric" required />
      <TextAreaField label={t('care.rules.note')} value={note} onChange={setNote} maxLength={2000} />
    </FormShell>
  )
}

/** The home-care rules as data (national periods, the province's variants), the one in force today, and a new dated variant. */
export function CareRulesPage() {
  const { t } = useI18n()
  const { can, session } = useSession()
  usePageTitle(t('care.rules.title'))
  const state = useApi('care:rules', (signal) => careApi.rules(signal))
  const [shownId, setShownId] = useState<number | null>(null)
  const [adding, setAdding] = useState(false)
  const [saved, setSaved] = useState<string | null>(null)
  if (!can('care:read')) return <NotAllowed />
  const unitCode = session ? codeOfUnitId(session.me.user.unitId) : ''
  const unitPath = session?.me.user.unitPath ?? '/'
  return (
    <>
      <h1 id="page-title">{t('care.rules.title')}</h1>
      <p className="muted">{t('care.rules.intro')}</p>
      {saved ? (
        <p role="status" data-testid="care-rules-saved">
          {t('care.rules.saved', { name: saved })}
        </p>
      ) : null}
      <Loaded state={state}>
        {(d) => {
          // The rules over the user's own place (national ones and those of the units holding it) decide what is in force there.
          const over = d.rules.filter((r) => r.unitCode === null || r.unitPath === null || unitPath.startsWith(r.unitPath))
          const inForce = ruleInForce(over, vnDate(new Date()))
          const shown = d.rules.find((r) => r.id === shownId) ?? inForce ?? d.rules.at(-1) ?? null
          return (
            <>
              <DataTable<CareRule>
                caption={t('care.rules.caption')}
                rows={d.rules}
                rowKey={(r) => r.id}
                testId="care-rules"
                columns={[
                  { key: 'from', header: t('care.rules.validFrom'), cell: (r) => formatVnDate(r.validFrom) },
                  { key: 'name', header: t('care.rules.name'), cell: (r) => r.name },
                  { key: 'owner', header: t('care.rules.owner'), cell: (r) => r.unitName ?? t('care.rules.national') },
                  { key: 'source', header: t('care.rules.source'), cell: (r) => sourced(t, r) },
                  { key: 'inForce', header: t('care.rules.inForce'), cell: (r) => (r.id === inForce?.id ? t('care.rules.inForceToday') : '') },
                  {
                    key: 'show',
                    header: '',
                    cell: (r) =>
                      r.id === shown?.id ? (
                        t('care.rules.shown')
                      ) : (
                        <button type="button" className="button-secondary" onClick={() => setShownId(r.id)}>
                          {t('care.rules.show')}
                        </button>
                      ),
                  },
                ]}
              />
              {shown ? <RuleView rule={shown} /> : null}
              {shown && can('care:rules') ? (
                adding ? (
                  <RuleForm
                    key={shown.id}
                    from={shown}
                    unitCode={unitCode}
                    onSaved={(name) => {
                      setAdding(false)
                      setSaved(name)
                      setShownId(null)
                      state.reload()
                    }}
                  />
                ) : (
                  <button type="button" className="button-primary" onClick={() => setAdding(true)}>
                    {t('care.rules.add')}
                  </button>
                )
              ) : null}
            </>
          )
        }}
      </Loaded>
    </>
  )
}
