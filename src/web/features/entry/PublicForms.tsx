import { useState } from 'react'
import { useI18n } from '../../app/i18n.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded } from '../../ui/ErrorMessage.tsx'
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { codeOptions } from '../surveillance/labels.ts'
import { CROSSING, entryApi, type PublicOptions, vnInstant } from './api.ts'
import './entry.css'

/** Countries people most often come from into the province, then any code typed. */
const COUNTRIES = ['KH', 'TH', 'LA', 'CN', 'TW', 'KR', 'JP', 'MY', 'SG', 'US', 'AU'] as const

/** A field robots fill and people never see: a submission with it is answered as usual and kept nowhere. */
function Honeypot({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <div className="entry-hp" aria-hidden="true">
      <label>
        Website
        <input tabIndex={-1} autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} name="website" />
      </label>
    </div>
  )
}

function Received({ message, again }: { message: string; again: () => void }) {
  const { t } = useI18n()
  return (
    <div role="status" className="entry-received" data-testid="entry-received">
      <p>{message}</p>
      <button type="button" className="button-secondary" onClick={again}>
        {t('entry.public.again')}
      </button>
    </div>
  )
}

const trimOrNull = (v: string) => (v.trim() ? v.trim() : null)

function ArrivalForm({ o, onSent }: { o: PublicOptions; onSent: (message: string) => void }) {
  const { t } = useI18n()
  const [v, setV] = useState({
    declaredBy: 'self',
    declarantName: '',
    fullName: '',
    birthYear: '',
    sex: '',
    phone: '',
    nationalId: '',
    passportNo: '',
    originKind: 'abroad',
    originCountry: 'KH',
    originUnitCode: '',
    portId: '',
    arrivedOn: '',
    unitCode: '',
    stayAddress: '',
    transport: '',
    vaccinated: false,
    website: '',
  })
  const set = (k: keyof typeof v) => (x: string | boolean) => setV((cur) => ({ ...cur, [k]: x }))
  const missing = [
    ...(v.fullName.trim() ? [] : [t('entry.f.fullName')]),
    ...(/^\d{4}$/.test(v.birthYear) ? [] : [t('entry.f.birthYear')]),
    ...(v.phone.trim() ? [] : [t('entry.f.phone')]),
    ...(v.arrivedOn ? [] : [t('entry.f.arrivedOn')]),
    ...(v.unitCode ? [] : [t('entry.f.stayUnit')]),
    ...(v.stayAddress.trim() ? [] : [t('entry.f.stayAddress')]),
    ...(v.originKind === 'domestic' && !v.originUnitCode ? [t('entry.f.originProvince')] : []),
  ]
  return (
    <FormShell
      onSubmit={async () => {
        const r = await entryApi.declare({
          declaredBy: v.declaredBy,
          ...(v.declaredBy === 'host' ? { declarantName: trimOrNull(v.declarantName) } : {}),
          fullName: v.fullName.trim(),
          birthYear: Number(v.birthYear),
          ...(v.sex ? { sex: v.sex } : {}),
          phone: v.phone.replace(/[\s.-]/g, ''),
          nationalId: trimOrNull(v.nationalId),
          passportNo: trimOrNull(v.passportNo),
          originKind: v.originKind,
          ...(v.originKind === 'abroad' ? { originCountry: v.originCountry.toUpperCase(), portId: v.portId ? Number(v.portId) : null } : { originUnitCode: v.originUnitCode }),
          arrivedOn: v.arrivedOn,
          unitCode: v.unitCode,
          stayAddress: v.stayAddress.trim(),
          transport: trimOrNull(v.transport),
          vaccinated: v.vaccinated,
          ...(v.website ? { website: v.website } : {}),
        })
        onSent(r.message)
      }}
      submitLabel={t('entry.public.send')}
      canSubmit={missing.length === 0}
      missing={missing}
      aria-label={t('entry.public.arrival.title')}
      className="form-grid entry-public-form"
    >
      <SelectField
        label={t('entry.f.declaredBy')}
        value={v.declaredBy}
        onChange={set('declaredBy')}
        options={[
          { value: 'self', label: t('entry.f.self') },
          { value: 'host', label: t('entry.f.host') },
        ]}
      />
      {v.declaredBy === 'host' ? <TextField label={t('entry.f.declarantName')} value={v.declarantName} onChange={set('declarantName')} maxLength={120} required /> : null}
      <TextField label={t('entry.f.fullName')} value={v.fullName} onChange={set('fullName')} maxLength={120} required autoComplete="name" />
      <TextField label={t('entry.f.birthYear')} value={v.birthYear} onChange={set('birthYear')} inputMode="numeric" maxLength={4} required />
      <SelectField
        label={t('entry.f.sex')}
        value={v.sex}
        onChange={set('sex')}
        options={[
          { value: '', label: '—' },
          { value: 'male', label: t('entry.f.male') },
          { value: 'female', label: t('entry.f.female') },
        ]}
      />
      <TextField label={t('entry.f.phone')} value={v.phone} onChange={set('phone')} inputMode="tel" maxLength={16} required autoComplete="tel" />
      <TextField label={t('entry.f.nationalId')} value={v.nationalId} onChange={set('nationalId')} inputMode="numeric" maxLength={12} />
      <TextField label={t('entry.f.passport')} value={v.passportNo} onChange={set('passportNo')} maxLength={20} />
      <SelectField
        label={t('entry.f.origin')}
        value={v.originKind}
        onChange={set('originKind')}
        options={[
          { value: 'abroad', label: t('entry.arrivals.abroad') },
          { value: 'domestic', label: t('entry.arrivals.domestic') },
        ]}
      />
      {v.originKind === 'abroad' ? (
        <>
          <SelectField label={t('entry.f.country')} value={v.originCountry} onChange={set('originCountry')} options={COUNTRIES.map((c) => ({ value: c, label: t(`entry.country.${c}`) }))} />
          <SelectField label={t('entry.f.port')} value={v.portId} onChange={set('portId')} options={[{ value: '', label: '—' }, ...o.ports.map((p) => ({ value: String(p.id), label: p.name }))]} />
        </>
      ) : (
        <SelectField
          label={t('entry.f.originProvince')}
          value={v.originUnitCode}
          onChange={set('originUnitCode')}
          required
          options={[{ value: '', label: '—' }, ...o.provinces.map((p) => ({ value: p.code, label: p.name }))]}
        />
      )}
      <DateInput label={t('entry.f.arrivedOn')} value={v.arrivedOn} onChange={set('arrivedOn')} required />
      <SelectField label={t('entry.f.stayUnit')} value={v.unitCode} onChange={set('unitCode')} required options={[{ value: '', label: '—' }, ...o.communes.map((c) => ({ value: c.code, label: c.name }))]} />
      <TextField label={t('entry.f.stayAddress')} value={v.stayAddress} onChange={set('stayAddress')} maxLength={300} required />
      <TextField label={t('entry.f.transport')} value={v.transport} onChange={set('transport')} maxLength={100} />
      <CheckboxField label={t('entry.f.vaccinated')} checked={v.vaccinated} onChange={set('vaccinated')} />
      <Honeypot value={v.website} onChange={set('website')} />
    </FormShell>
  )
}

/** The public arrival declaration (no login): made for phones; answers only that it was received. */
export function PublicArrivalPage() {
  const { t } = useI18n()
  usePageTitle(t('entry.public.arrival.title'))
  const options = useApi('entry:options', (signal) => entryApi.options(signal))
  const [sent, setSent] = useState<string | null>(null)
  const [round, setRound] = useState(0)
  return (
    <main className="entry-public" aria-labelledby="page-title">
      <h1 id="page-title">{t('entry.public.arrival.title')}</h1>
      <p>{t('entry.public.arrival.intro')}</p>
      <Loaded state={options}>
        {(o) => (
          <>
            {o.zones.length > 0 ? (
              <p className="hint">
                {t('entry.public.zonesNow')}: {o.zones.map((z) => z.placeName).join(', ')}
              </p>
            ) : null}
            {sent ? (
              <Received
                message={sent}
                again={() => {
                  setSent(null)
                  setRound((r) => r + 1)
                }}
              />
            ) : (
              <ArrivalForm key={round} o={o} onSent={setSent} />
            )}
          </>
        )}
      </Loaded>
      <p className="hint">{t('entry.public.privacy')}</p>
    </main>
  )
}

function ReportForm({ o, onSent }: { o: PublicOptions; onSent: (message: string) => void }) {
  const { t, locale } = useI18n()
  const [v, setV] = useState({ unitCode: '', point: '', day: '', time: '', peopleCount: '1', crossing: 'unknown', guidedBy: '', shelteredBy: '', description: '', reporterName: '', reporterPhone: '', website: '' })
  const set = (k: keyof typeof v) => (x: string) => setV((cur) => ({ ...cur, [k]: x }))
  const missing = [
    ...(v.unitCode ? [] : [t('entry.f.place')]),
    ...(v.day ? [] : [t('entry.f.day')]),
    ...(/^\d{1,2}:\d{2}$/.test(v.time) ? [] : [t('entry.f.time')]),
    ...(/^\d+$/.test(v.peopleCount) ? [] : [t('entry.f.peopleCount')]),
  ]
  return (
    <FormShell
      onSubmit={async () => {
        const r = await entryApi.report({
          unitCode: v.unitCode,
          point: trimOrNull(v.point),
          occurredAt: vnInstant(v.day, v.time),
          peopleCount: Number(v.peopleCount),
          crossing: v.crossing,
          guidedBy: trimOrNull(v.guidedBy),
          shelteredBy: trimOrNull(v.shelteredBy),
          description: trimOrNull(v.description),
          reporterName: trimOrNull(v.reporterName),
          reporterPhone: v.reporterPhone.trim() ? v.reporterPhone.replace(/[\s.-]/g, '') : null,
          ...(v.website ? { website: v.website } : {}),
        })
        onSent(r.message)
      }}
      submitLabel={t('entry.public.send')}
      canSubmit={missing.length === 0}
      missing={missing}
      aria-label={t('entry.public.report.title')}
      className="form-grid entry-public-form"
    >
      <SelectField label={t('entry.f.place')} value={v.unitCode} onChange={set('unitCode')} required options={[{ value: '', label: '—' }, ...o.communes.map((c) => ({ value: c.code, label: c.name }))]} />
      <TextField label={t('entry.f.point')} hint={t('entry.f.pointHint')} value={v.point} onChange={set('point')} maxLength={200} />
      <DateInput label={t('entry.f.day')} value={v.day} onChange={set('day')} required />
      <TextField label={t('entry.f.time')} hint={t('entry.f.timeHint')} value={v.time} onChange={set('time')} inputMode="numeric" maxLength={5} required />
      <TextField label={t('entry.f.peopleCount')} value={v.peopleCount} onChange={set('peopleCount')} inputMode="numeric" maxLength={3} required />
      <SelectField label={t('entry.f.crossing')} value={v.crossing} onChange={set('crossing')} options={codeOptions(CROSSING, locale)} />
      <TextField label={t('entry.f.guidedBy')} value={v.guidedBy} onChange={set('guidedBy')} maxLength={300} />
      <TextField label={t('entry.f.shelteredBy')} value={v.shelteredBy} onChange={set('shelteredBy')} maxLength={300} />
      <TextAreaField label={t('entry.f.description')} value={v.description} onChange={set('description')} maxLength={1000} rows={3} />
      <TextField label={t('entry.f.reporterName')} hint={t('entry.f.optional')} value={v.reporterName} onChange={set('reporterName')} maxLength={120} />
      <TextField label={t('entry.f.reporterPhone')} hint={t('entry.f.optional')} value={v.reporterPhone} onChange={set('reporterPhone')} inputMode="tel" maxLength={16} />
      <Honeypot value={v.website} onChange={set('website')} />
    </FormShell>
  )
}

/** The public illegal-entry report (no login): a few fields, the reporter optional and never shown back. */
export function PublicReportPage() {
  const { t } = useI18n()
  usePageTitle(t('entry.public.report.title'))
  const options = useApi('entry:options', (signal) => entryApi.options(signal))
  const [sent, setSent] = useState<string | null>(null)
  const [round, setRound] = useState(0)
  return (
    <main className="entry-public" aria-labelledby="page-title">
      <h1 id="page-title">{t('entry.public.report.title')}</h1>
      <p>{t('entry.public.report.intro')}</p>
      <Loaded state={options}>
        {(o) =>
          sent ? (
            <Received
              message={sent}
              again={() => {
                setSent(null)
                setRound((r) => r + 1)
              }}
            />
          ) : (
            <ReportForm key={round} o={o} onSent={setSent} />
          )
        }
      </Loaded>
      <p className="hint">{t('entry.public.privacy')}</p>
    </main>
  )
}
