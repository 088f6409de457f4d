import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { vnDate } from '../../../domain/text/dates.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { CheckboxField, SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { day } from '../surveillance/common.tsx'
import { codeName } from '../surveillance/labels.ts'
import { PLACEMENT_STATUSES, type PlacementRecord, quarantineApi, REASONS } from './api.ts'
import { RuleWhy } from './common.tsx'

function ReleaseForm({ p, onDone }: { p: PlacementRecord; onDone: () => void }) {
  const { t } = useI18n()
  const [on, setOn] = useState(vnDate(new Date()))
  const [early, setEarly] = useState(false)
  const [note, setNote] = useState('')
  return (
    <FormShell
      onSubmit={async () => {
        await quarantineApi.release(p.id, { on, early, note: note.trim() || null })
        onDone()
      }}
      submitLabel={t('q.release.submit')}
      canSubmit={!early || note.trim() !== ''}
      missing={[t('q.release.note')]}
      aria-label={t('q.release.title')}
    >
      <DateInput label={t('q.release.on')} value={on} onChange={setOn} required />
      <CheckboxField label={t('q.release.early')} checked={early} onChange={setEarly} />
      <TextField label={t('q.release.note')} value={note} onChange={setNote} maxLength={2000} />
    </FormShell>
  )
}

function CheckForm({ p, onDone }: { p: PlacementRecord; onDone: () => void }) {
  const { t } = useI18n()
  const [on, setOn] = useState(vnDate(new Date()))
  const [temperature, setTemperature] = useState('')
  const [note, setNote] = useState('')
  return (
    <FormShell
      onSubmit={async () => {
        await quarantineApi.addCheck(p.id, { checkedOn: on, temperature: temperature.trim() ? Number(temperature.replace(',', '.')) : null, note: note.trim() || null })
        setTemperature('')
        setNote('')
        onDone()
      }}
      submitLabel={t('q.check.submit')}
      aria-label={t('q.check.title')}
    >
      <DateInput label={t('q.checkedOn')} value={on} onChange={setOn} required />
      <TextField label={t('q.temperature')} value={temperature} onChange={setTemperature} inputMode="decimal" maxLength={4} />
      <TextField label={t('q.check.note')} value={note} onChange={setNote} maxLength={1000} />
    </FormShell>
  )
}

function TransferForm({ p, onDone }: { p: PlacementRecord; onDone: (id: number) => void }) {
  const { t } = useI18n()
  const facilities = useApi('q:transfer-targets', (signal) => quarantineApi.facilities({ limit: 500 }, signal))
  const [on, setOn] = useState(vnDate(new Date()))
  const [target, setTarget] = useState('home')
  const [address, setAddress] = useState('')
  const open = (facilities.data?.facilities ?? []).filter((f) => f.status === 'open' && f.id !== p.facility?.id)
  return (
    <FormShell
      onSubmit={async () => {
        const o =
          target === 'home'
            ? await quarantineApi.transfer(p.id, { on, setting: 'home', address: address.trim() || null })
            : await quarantineApi.transfer(p.id, { on, setting: 'facility', facilityId: Number(target) })
        onDone(o.placement.id)
      }}
      submitLabel={t('q.transfer.submit')}
      aria-label={t('q.transfer.title')}
    >
      <DateInput label={t('q.transfer.on')} value={on} onChange={setOn} required />
      <SelectField
        label={t('q.transfer.to')}
        value={target}
        onChange={setTarget}
        options={[{ value: 'home', label: t('q.setting.home') }, ...open.map((f) => ({ value: String(f.id), label: `${f.name} (${f.occupied}/${f.capacity})` }))]}
      />
      {target === 'home' ? <TextField label={t('q.facility.address')} value={address} onChange={setAddress} maxLength={300} /> : null}
    </FormShell>
  )
}

export function PlacementPage() {
  const { t, locale } = useI18n()
  const { can } = useSession()
  const navigate = useNavigate()
  const id = Number(useParams().id)
  const state = useApi(`q:placement:${id}`, (signal) => quarantineApi.placement(id, signal))
  usePageTitle(state.data?.person.fullName ?? t('q.title'))
  if (!can('quarantine:read')) return <NotAllowed />
  return (
    <Loaded state={state}>
      {(p) => (
        <>
          <p>{p.facility ? <Link to={`/quarantine/facilities/${p.facility.id}`}>← {p.facility.name}</Link> : <Link to="/quarantine">← {t('q.title')}</Link>}</p>
          <h1 id="page-title">{t('q.placement.title', { name: p.person.fullName })}</h1>
          <FactList
            facts={[
              { label: t('q.placement.status'), value: codeName(PLACEMENT_STATUSES, p.status, locale), testId: 'q-placement-status' },
              { label: t('q.place.reason'), value: codeName(REASONS, p.reason, locale) },
              { label: t('q.setting'), value: p.facility ? `${p.facility.name}${p.room ? `, ${p.room.name}` : ''}` : `${t('q.setting.home')}${p.address ? `: ${p.address}` : ''}` },
              { label: t('q.place.start'), value: day(p.firstStartOn) },
              { label: t('q.plannedEnd'), value: day(p.plannedEnd), testId: 'q-planned-end' },
              p.testDates.length ? { label: t('q.testDates'), value: p.testDates.map(day).join(', ') } : null,
              p.flaggedOn ? { label: t('q.flagged'), value: `${day(p.flaggedOn)} — ${p.flagNote ?? ''} (${t('q.originalEnd')} ${day(p.originalEnd)})` } : null,
              p.releasedOn ? { label: t('q.release.on'), value: `${day(p.releasedOn)}${p.releaseNote ? ` — ${p.releaseNote}` : ''}` } : null,
              p.monitoringUntil ? { label: t('q.monitoringUntil'), value: day(p.monitoringUntil) } : null,
              p.batch ? { label: t('q.place.batch'), value: p.batch } : null,
            ]}
          />
          <RuleWhy rule={{ rule: p.rule.name, source: p.rule.source, why: p.why }} />
          <div className="q-downloads">
            <a className="button-secondary" href={quarantineApi.documentUrl(p.id, 'decision.docx')} download>
              {t('q.doc.decision')}
            </a>
            {p.status === 'released' && p.releaseKind === 'completed' ? (
              <>
                <a className="button-secondary" href={quarantineApi.documentUrl(p.id, 'certificate.docx')} download>
                  {t('q.doc.certificate')} (.docx)
                </a>
                <a className="button-secondary" href={quarantineApi.documentUrl(p.id, 'certificate.pdf')} download>
                  {t('q.doc.certificate')} (.pdf)
                </a>
              </>
            ) : null}
          </div>
          {can('quarantine:write') && p.status === 'active' ? (
            <>
              <ReleaseForm p={p} onDone={state.reload} />
              <TransferForm p={p} onDone={(next) => navigate(`/quarantine/placements/${next}`)} />
            </>
          ) : null}
          {can('quarantine:write') && (p.status === 'active' || (p.monitoringUntil !== null && p.status === 'released')) ? <CheckForm p={p} onDone={state.reload} /> : null}
          <DataTable
            caption={t('q.checks')}
            rows={p.checks}
            rowKey={(c) => c.id}
            empty={t('q.none')}
            columns={[
              { key: 'on', header: t('q.checkedOn'), cell: (c) => day(c.checkedOn) },
              { key: 'phase', header: t('q.phase'), cell: (c) => t(c.phase === 'quarantine' ? 'q.phase.quarantine' : 'q.phase.monitoring') },
              { key: 'temp', header: t('q.temperature'), numeric: true, cell: (c) => (c.temperature === null ? '—' : `${c.temperature} °C`) },
              { key: 'symptoms', header: t('q.symptoms'), cell: (c) => c.symptoms.join(', ') || '—' },
            ]}
          />
          <DataTable
            caption={t('q.tests')}
            rows={p.tests}
            rowKey={(x) => x.id}
            empty={t('q.none')}
            columns={[
              { key: 'on', header: t('q.checkedOn'), cell: (x) => day(x.sampleDate) },
              { key: 'method', header: t('q.method'), cell: (x) => x.method.toUpperCase() },
              { key: 'result', header: t('q.result'), cell: (x) => x.result ?? '—' },
            ]}
          />
        </>
      )}
    </Loaded>
  )
}
