import { useState } from 'react'
import type { Confidence } from '../../../domain/levels/ruleset.ts'
import type { EventRuleSet, LevelRule, Setting, Verdict } from '../../../domain/events/rules.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { type Translate, useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { eventsApi, type RuleSets } from './api.ts'
import { settingLabel } from './common.tsx'
import './events.css'

const LEVELS = ['1', '2', '3', '4'] as const
const SETTINGS: Setting[] = ['indoor', 'outdoor']
const VERDICTS: Verdict[] = ['allowed', 'conditional', 'forbidden']
const CONFIDENCES: Confidence[] = ['verified', 'secondary', 'unverified']
type RuleSetRow = RuleSets['ruleSets'][number]

const confidenceLabel = (t: Translate, c: string) => t(`ev.rules.confidence.${(CONFIDENCES as string[]).includes(c) ? (c as Confidence) : 'unverified'}`)
const verdictOptions = (t: Translate) => VERDICTS.map((v) => ({ value: v, label: t(`ev.rules.verdict.${v}`) }))
const confidenceOptions = (t: Translate) => CONFIDENCES.map((c) => ({ value: c, label: confidenceLabel(t, c) }))
const codesOf = (text: string) => [...new Set(text.split(/[,;\s]+/).map((c) => c.trim().toUpperCase()).filter(Boolean))]

/** A country's name in the reader's language (the browser's table), else its code. */
function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}

/** One set: its rules per level and setting with source and mark, its large-event threshold and its high-risk countries. */
function RuleSetView({ set }: { set: RuleSetRow }) {
  const { t, locale } = useI18n()
  const d = set.definition
  const rows = LEVELS.flatMap((level) => SETTINGS.map((setting) => ({ level, setting, rule: d.levels[level][setting] })))
  return (
    <section aria-labelledby="ev-rules-levels" data-testid="ev-rules-view">
      <h2 id="ev-rules-levels">{t('ev.rules.levels', { name: d.name })}</h2>
      <DataTable
        caption={t('ev.rules.levels', { name: d.name })}
        hideCaption
        rows={rows}
        rowKey={(r) => `${r.level}:${r.setting}`}
        columns={[
          { key: 'level', header: t('ev.rules.col.level'), cell: (r) => r.level },
          { key: 'setting', header: t('ev.rules.col.setting'), cell: (r) => settingLabel(t, r.setting) },
          { key: 'verdict', header: t('ev.rules.col.verdict'), cell: (r) => t(`ev.rules.verdict.${r.rule.verdict}`) },
          { key: 'max', header: t('ev.rules.col.max'), numeric: true, cell: (r) => (r.rule.maxAttendance === null ? t('ev.noLimit') : formatNumber(r.rule.maxAttendance)) },
          { key: 'conditions', header: t('ev.rules.col.conditions'), cell: (r) => r.rule.conditions.join(' ') },
          {
            key: 'source',
            header: t('ev.rules.col.source'),
            cell: (r) => `${r.rule.source} (${confidenceLabel(t, r.rule.confidence)}${r.rule.reconstructed ? `; ${t('ev.rules.reconstructed')}` : ''})`,
          },
        ]}
      />
      <p>{t('ev.rules.large', { n: formatNumber(d.largeEventAttendance) })}</p>
      <h3>{t('ev.rules.highRisk')}</h3>
      {d.highRiskCountries.codes.length ? (
        <ul data-testid="ev-high-risk">
          {d.highRiskCountries.codes.map((c) => (
            <li key={c}>
              {countryName(c, locale)} ({c})
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="ev-high-risk">{t('ev.rules.highRisk.none')}</p>
      )}
      <p className="muted">{t('ev.rules.highRisk.source', { source: d.highRiskCountries.source, confidence: confidenceLabel(t, d.highRiskCountries.confidence) })}</p>
    </section>
  )
}

interface RuleDraft {
  verdict: string
  max: string
  conditions: string
  source: string
  confidence: string
}

const draftOf = (r: LevelRule): RuleDraft => ({
  verdict: r.verdict,
  max: r.maxAttendance === null ? '' : String(r.maxAttendance),
  conditions: r.conditions.join('\n'),
  source: r.source,
  confidence: r.confidence,
})

/** The province's new dated set, started from the one shown; the server checks it as data and names every problem. */
function RuleSetForm({ from, onSaved }: { from: EventRuleSet; onSaved: (validFrom: string) => void }) {
  const { t } = useI18n()
  const [validFrom, setValidFrom] = useState(vnDate(new Date()))
  const [reason, setReason] = useState('')
  const [name, setName] = useState(from.name)
  const [source, setSource] = useState(from.source)
  const [large, setLarge] = useState(String(from.largeEventAttendance))
  const [codes, setCodes] = useState(from.highRiskCountries.codes.join(', '))
  const [codesSource, setCodesSource] = useState(from.highRiskCountries.source)
  const [codesConfidence, setCodesConfidence] = useState<string>(from.highRiskCountries.confidence)
  const [rules, setRules] = useState<Record<string, RuleDraft>>(() =>
    Object.fromEntries(LEVELS.flatMap((l) => SETTINGS.map((s) => [`${l}:${s}`, draftOf(from.levels[l][s])]))),
  )
  const setRule = (key: string, field: keyof RuleDraft) => (v: string) => setRules((r) => ({ ...r, [key]: { ...r[key]!, [field]: v } }))
  const missing = [
    ...(/^\d{4}-\d{2}-\d{2}$/.test(validFrom) ? [] : [t('ev.rules.validFrom')]),
    ...(reason.trim() ? [] : [t('ev.rules.reason')]),
    ...(name.trim() ? [] : [t('ev.rules.name')]),
    ...(/^\d+$/.test(large.trim()) ? [] : [t('ev.rules.largeField')]),
  ]
  return (
    <FormShell
      onSubmit={async () => {
        const definition = {
          name: name.trim(),
          source: source.trim(),
          largeEventAttendance: Number(large.trim()),
          highRiskCountries: { codes: codesOf(codes), source: codesSource.trim(), confidence: codesConfidence },
          levels: Object.fromEntries(
            LEVELS.map((l) => [
              l,
              Object.fromEntries(
                SETTINGS.map((s) => {
                  const r = rules[`${l}:${s}`]!
                  const reconstructed = from.levels[l][s].reconstructed
                  return [
                    s,
                    {
                      verdict: r.verdict,
                      maxAttendance: r.max.trim() === '' ? null : Number(r.max.trim()),
                      conditions: r.conditions.split('\n').map((c) => c.trim()).filter(Boolean),
                      source: r.source.trim(),
                      confidence: r.confidence,
                      ...(reconstructed ? { reconstructed } : {}),
                    },
                  ]
                }),
              ),
            ]),
          ),
        }
        await eventsApi.saveRules({ validFrom, definition, reason: reason.trim() })
        onSaved(validFrom)
      }}
      submitLabel={t('ev.rules.save')}
      canSubmit={missing.length === 0}
      missing={missing}
      aria-label={t('ev.rules.form')}
    >
      <DateInput label={t('ev.rules.validFrom')} value={validFrom} onChange={setValidFrom} required />
      <TextField label={t('ev.rules.reason')} value={reason} onChange={setReason} required maxLength={1000} />
      <TextField label={t('ev.rules.name')} value={name} onChange={setName} required maxLength={200} />
      <TextField label={t('ev.rules.source')} value={source} onChange={setSource} required maxLength={500} />
      <TextField label={t('ev.rules.largeField')} value={large} onChange={setLarge} inputMode="numeric" required />
      <fieldset>
        <legend>{t('ev.rules.highRisk')}</legend>
        <TextField label={t('ev.rules.codes')} value={codes} onChange={setCodes} />
        <TextField label={t('ev.rules.codesSource')} value={codesSource} onChange={setCodesSource} required maxLength={500} />
        <SelectField label={t('ev.rules.codesConfidence')} value={codesConfidence} onChange={setCodesConfidence} options={confidenceOptions(t)} />
      </fieldset>
      {LEVELS.flatMap((l) =>
        SETTINGS.map((s) => {
          const key = `${l}:${s}`
          const r = rules[key]!
          const title = t('ev.rules.rule', { level: l, setting: settingLabel(t, s).toLowerCase() })
          return (
            <fieldset key={key} aria-label={title}>
              <legend>{title}</legend>
              <SelectField label={t('ev.rules.col.verdict')} value={r.verdict} onChange={setRule(key, 'verdict')} options={verdictOptions(t)} />
              <TextField label={t('ev.rules.maxField')} value={r.max} onChange={setRule(key, 'max')} inputMode="numeric" />
              <TextAreaField label={t('ev.rules.conditionsField')} value={r.conditions} onChange={setRule(key, 'conditions')} />
              <TextField label={t('ev.rules.source')} value={r.source} onChange={setRule(key, 'source')} required maxLength={500} />
              <SelectField label={t('ev.rules.confidence')} value={r.confidence} onChange={setRule(key, 'confidence')} options={confidenceOptions(t)} />
            </fieldset>
          )
        }),
      )}
    </FormShell>
  )
}

/** The event rules per epidemic level as data: the sets (national, the province's), the one in force, and a new dated set for the province. */
export function EventRulesPage() {
  const { t } = useI18n()
  const { can } = useSession()
  usePageTitle(t('ev.rules.title'))
  const state = useApi('ev:rules', (signal) => eventsApi.rules(signal))
  const [shownId, setShownId] = useState<number | null>(null)
  const [editing, setEditing] = useState(false)
  const [saved, setSaved] = useState<string | null>(null)
  if (!can('events:read')) return <NotAllowed />
  return (
    <>
      <h1 id="page-title">{t('ev.rules.title')}</h1>
      {saved ? <p role="status" data-testid="ev-rules-saved">{t('ev.rules.saved', { date: formatVnDate(saved) })}</p> : null}
      <Loaded state={state}>
        {(d) => {
          const inForce = d.ruleSets.find((r) => r.id === d.inForceId) ?? d.ruleSets.find((r) => r.national) ?? null
          const shown = d.ruleSets.find((r) => r.id === shownId) ?? inForce
          return (
            <>
              {inForce ? <p>{t('ev.rules.inForce', { name: inForce.name, from: formatVnDate(inForce.validFrom) })}</p> : null}
              <DataTable
                caption={t('ev.rules.sets')}
                rows={d.ruleSets}
                rowKey={(r) => r.id}
                testId="ev-rule-sets"
                columns={[
                  { key: 'from', header: t('ev.rules.col.from'), cell: (r) => formatVnDate(r.validFrom) },
                  { key: 'name', header: t('ev.rules.col.name'), cell: (r) => r.name },
                  { key: 'owner', header: t('ev.rules.col.owner'), cell: (r) => (r.national ? t('ev.rules.national') : (r.unitName ?? '')) },
                  { key: 'reason', header: t('ev.rules.col.reason'), cell: (r) => r.reason ?? '—' },
                  {
                    key: 'show',
                    header: '',
                    cell: (r) =>
                      r.id === shown?.id ? (
                        t('ev.rules.shown')
                      ) : (
                        <button type="button" className="button-secondary" onClick={() => setShownId(r.id)}>
                          {t('ev.rules.show')}
                        </button>
                      ),
                  },
                ]}
              />
              {shown ? <RuleSetView set={shown} /> : null}
              {shown && can('events:rules') ? (
                editing ? (
                  <RuleSetForm
                    key={shown.id}
                    from={shown.definition}
                    onSaved={(day) => {
                      setEditing(false)
                      setSaved(day)
                      setShownId(null)
                      state.reload()
                    }}
                  />
                ) : (
                  <button type="button" className="button-primary" onClick={() => setEditing(true)}>
                    {t('ev.rules.edit')}
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
