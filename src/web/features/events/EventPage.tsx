import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { formatNumber } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { day } from '../surveillance/common.tsx'
import { type EventRecord, eventsApi } from './api.ts'
import { AssessmentBox, settingLabel } from './common.tsx'
import './events.css'

function AdviceRequestForm({ e, onDone }: { e: EventRecord; onDone: () => void }) {
  const { t } = useI18n()
  const [to, setTo] = useState('Trung tâm Kiểm soát bệnh tật tỉnh')
  return (
    <FormShell
      onSubmit={async () => {
        await eventsApi.requestAdvice(e.id, { to: to.trim() || null })
        onDone()
      }}
      submitLabel={t('ev.advice.request')}
      aria-label={t('ev.advice.request')}
    >
      <TextField label={t('ev.advice.to')} value={to} onChange={setTo} maxLength={200} />
    </FormShell>
  )
}

function AdviceForm({ e, onDone }: { e: EventRecord; onDone: () => void }) {
  const { t } = useI18n()
  const [text, setText] = useState('')
  return (
    <FormShell
      onSubmit={async () => {
        await eventsApi.advise(e.id, { text: text.trim() })
        onDone()
      }}
      submitLabel={t('ev.advice.submit')}
      canSubmit={text.trim() !== ''}
      missing={[t('ev.advice.text')]}
      aria-label={t('ev.advice')}
    >
      <TextAreaField label={t('ev.advice.text')} value={text} onChange={setText} required maxLength={4000} />
    </FormShell>
  )
}

function DecisionForm({ e, onDone }: { e: EventRecord; onDone: () => void }) {
  const { t } = useI18n()
  const [decision, setDecision] = useState(e.assessment.verdict === 'forbidden' ? 'refused' : 'approved_with_conditions')
  const [conditions, setConditions] = useState(e.assessment.verdict === 'conditional' ? e.assessment.conditions.join('\n') : '')
  const [reason, setReason] = useState('')
  const list = conditions
    .split('\n')
    .map((c) => c.trim())
    .filter(Boolean)
  const missing =
    decision === 'refused' ? (reason.trim() ? [] : [t('ev.decision.reason')]) : decision === 'approved_with_conditions' && list.length === 0 ? [t('ev.decision.conditions')] : []
  return (
    <FormShell
      onSubmit={async () => {
        await eventsApi.decide(e.id, { decision, ...(decision === 'approved_with_conditions' ? { conditions: list } : {}), reason: reason.trim() || null })
        onDone()
      }}
      submitLabel={t('ev.decision.submit')}
      canSubmit={missing.length === 0}
      missing={missing}
      aria-label={t('ev.decision')}
    >
      <SelectField
        label={t('ev.decision.kind')}
        value={decision}
        onChange={setDecision}
        options={(['approved_with_conditions', 'approved', 'refused'] as const).map((d) => ({ value: d, label: t(`ev.decision.${d}`) }))}
      />
      {decision === 'approved_with_conditions' ? <TextAreaField label={t('ev.decision.conditions')} value={conditions} onChange={setConditions} rows={4} /> : null}
      <TextField label={t('ev.decision.reason')} value={reason} onChange={setReason} maxLength={2000} required={decision === 'refused'} />
    </FormShell>
  )
}

/** One event: what the rules say, the health advice and the decision, each step as its turn comes. */
export function EventPage() {
  const { t } = useI18n()
  const { can } = useSession()
  const id = Number(useParams().id)
  const state = useApi(`ev:event:${id}`, (signal) => eventsApi.event(id, signal))
  usePageTitle(state.data?.title ?? t('ev.title'))
  if (!can('events:read')) return <NotAllowed />
  return (
    <Loaded state={state}>
      {(e) => {
        const decided = ['approved', 'approved_with_conditions', 'refused'].includes(e.status)
        return (
          <>
            <p>
              <Link to="/su-kien">← {t('ev.back')}</Link>
            </p>
            <h1 id="page-title">{e.title}</h1>
            <FactList
              facts={[
                { label: t('ev.status'), value: e.statusLabel, testId: 'ev-status' },
                { label: t('ev.organiser'), value: e.organiser },
                e.contactName || e.contactPhone ? { label: t('ev.contactName'), value: [e.contactName, e.contactPhone].filter(Boolean).join(' — ') } : null,
                { label: t('ev.place'), value: `${e.place}, ${e.unit.name} (${settingLabel(t, e.setting)})` },
                { label: t('ev.when'), value: `${day(e.startsOn)}${e.startTime ? ` ${e.startTime}` : ''}${e.endsOn !== e.startsOn ? ` – ${day(e.endsOn)}` : ''}` },
                { label: t('ev.attendance'), value: formatNumber(e.expectedAttendance) },
                e.foreignGuests ? { label: t('ev.foreignGuests'), value: `${e.foreignGuests}: ${e.countries.map((c) => c.name).join(', ')}` } : null,
                e.purpose ? { label: t('ev.purpose'), value: e.purpose } : null,
              ]}
            />
            <AssessmentBox a={e.assessment} />
            <section aria-label={t('ev.advice')}>
              <h2>{t('ev.advice')}</h2>
              {e.advice.text ? (
                <p data-testid="ev-advice">
                  {e.advice.text} — <em>{e.advice.to}</em>
                </p>
              ) : e.status === 'advice_requested' ? (
                <p>{t('ev.advice.waiting', { to: e.advice.to ?? '' })}</p>
              ) : null}
              {e.status === 'submitted' && can('events:write') ? <AdviceRequestForm e={e} onDone={state.reload} /> : null}
              {e.status === 'advice_requested' && can('events:advise') ? <AdviceForm e={e} onDone={state.reload} /> : null}
            </section>
            <section aria-label={t('ev.decision')}>
              <h2>{t('ev.decision')}</h2>
              {decided ? (
                <>
                  <p data-testid="ev-decision">
                    {e.statusLabel}
                    {e.decision.number ? ` — ${t('ev.decision.number')} ${e.decision.number}` : ''}
                  </p>
                  {e.decision.conditions.length ? (
                    <ol>
                      {e.decision.conditions.map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ol>
                  ) : null}
                  {e.decision.reason ? <p>{e.decision.reason}</p> : null}
                  <a className="button-secondary" href={eventsApi.replyUrl(e.id)} download>
                    {t('ev.reply')}
                  </a>
                </>
              ) : can('events:decide') && e.status !== 'advice_requested' ? (
                <DecisionForm e={e} onDone={state.reload} />
              ) : null}
            </section>
          </>
        )
      }}
    </Loaded>
  )
}
