import { lazy, Suspense, useState } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { BANDS, FACILITY_KIND_VI, type FacilityKind, LEVEL_COLOURS } from '../../../domain/safety/checklist.ts'
import { isoToVn } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { Loaded, Loading } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx'
import { safetyApi } from './api.ts'
import { BandChip } from './SelfAssessPage.tsx'
import './safety.css'

const SafetyMap = lazy(() => import('./SafetyMap.tsx'))

/** The public anti-epidemic map: facilities coloured by band, search by name and commune; no login, nothing personal. */
export function PublicMapPage() {
  const { t } = useI18n()
  usePageTitle(t('safety.public.title'))
  const [params, setParams] = useSearchParams()
  const navigate = useNavigate()
  const province = params.get('tinh') ?? '91'
  const unit = params.get('unit') ?? province
  const q = params.get('q') ?? ''
  const [text, setText] = useState(q)
  const units = useApi(`safety:public-units:${province}`, (signal) => safetyApi.publicUnits(province, signal))
  const map = useApi(`safety:public:${unit}:${q}`, (signal) => safetyApi.publicMap({ unit, q: q || undefined }, signal))
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params)
    if (v) next.set(k, v)
    else next.delete(k)
    setParams(next, { replace: true })
  }
  return (
    <main className="safety-public" aria-labelledby="page-title">
      <header>
        <h1 id="page-title">{t('safety.public.title')}</h1>
        <LanguageSwitch />
      </header>
      <p className="muted">{t('safety.public.intro')}</p>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault()
          set('q', text.trim())
        }}
      >
        <SelectField
          label={t('safety.public.commune')}
          value={unit === province ? '' : unit}
          onChange={(v) => set('unit', v)}
          options={[{ value: '', label: units.data ? t('safety.public.allOf', { name: units.data.unit.name }) : '…' }, ...(units.data?.units ?? []).map((u) => ({ value: u.code, label: `${u.name} (${u.count})` }))]}
        />
        <TextField label={t('safety.public.search')} value={text} onChange={setText} name="q" />
        <button type="submit">{t('safety.public.find')}</button>
      </form>
      <div className="safety-legend" role="group" aria-label={t('safety.public.legend')}>
        {(['very_low', 'low', 'medium', 'high', 'very_high', 'safe', 'fair', 'low_safety', 'unsafe'] as const).map((b) => (
          <BandChip key={b} band={b} />
        ))}
        <BandChip band={null} />
      </div>
      <Loaded state={map}>
        {(data) => (
          <div className="safety-map-layout">
            <Suspense fallback={<Loading label={t('map.loading')} />}>
              <SafetyMap data={data} label={t('safety.public.map')} onSelect={(id) => navigate(`/cong-khai/an-toan/co-so/${id}`)} />
            </Suspense>
            <div className="safety-list">
              <p>{t('safety.public.count', { n: data.count })}</p>
              {data.clusters.length ? <p>{t('safety.public.clustered')}</p> : null}
              <DataTable
                caption={t('safety.public.table')}
                testId="safety-public-list"
                rows={data.facilities.slice(0, 500)}
                rowKey={(r) => r.id}
                empty={t('safety.public.none')}
                columns={[
                  { key: 'name', header: t('safety.name'), cell: (r) => <Link to={`/cong-khai/an-toan/co-so/${r.id}`}>{r.name}</Link>, sortValue: (r) => r.name },
                  { key: 'kind', header: t('safety.kind'), cell: (r) => FACILITY_KIND_VI[r.kind as FacilityKind] ?? r.kind },
                  { key: 'band', header: t('safety.band'), cell: (r) => <BandChip band={r.band} expired={r.expired} />, sortValue: (r) => r.level ?? 0 },
                  { key: 'valid', header: t('safety.validUntil'), cell: (r) => (r.validUntil ? isoToVn(r.validUntil) : '—') },
                ]}
              />
            </div>
          </div>
        )}
      </Loaded>
      <p className="safety-source">{t('safety.public.colours', { colours: LEVEL_COLOURS.length })}</p>
    </main>
  )
}

/** A facility's public page: its result, date and validity. */
export function PublicFacilityPage() {
  const { t } = useI18n()
  const { id = '' } = useParams()
  const state = useApi(`safety:public-facility:${id}`, (signal) => safetyApi.publicFacility(Number(id), signal))
  usePageTitle(state.data?.name ?? t('safety.public.title'))
  return (
    <main className="safety-form" aria-labelledby="page-title">
      <Loaded state={state}>
        {(f) => (
          <>
            <h1 id="page-title">{f.name}</h1>
            <p>
              {f.kindLabel} · {f.address ? `${f.address}, ` : ''}
              {f.unit.name}
            </p>
            <p data-testid="safety-public-band">
              <BandChip band={f.band} expired={f.expired} />
            </p>
            {f.band ? (
              <dl className="fact-list">
                <dt>{t('safety.result')}</dt>
                <dd>{t('safety.result.points', { points: f.points ?? 0, max: f.max ?? 0, percent: f.percent ?? 0 })}</dd>
                <dt>{t('safety.assessedAt')}</dt>
                <dd>{f.assessedAt ? isoToVn(f.assessedAt.slice(0, 10)) : '—'}</dd>
                <dt>{t('safety.validUntil')}</dt>
                <dd>{f.validUntil ? isoToVn(f.validUntil) : '—'}</dd>
                <dt>{t('safety.source')}</dt>
                <dd>{f.source ? t(`safety.source.${f.source}` as 'safety.source.self') : '—'}</dd>
                <dt>{t('safety.checklist')}</dt>
                <dd>{f.checklist ? `${f.checklist.name} (${t('safety.version', { v: f.checklist.version ?? 1 })})` : '—'}</dd>
              </dl>
            ) : (
              <p>{t('safety.public.noResult')}</p>
            )}
            <p className="safety-source">{f.band ? BANDS[f.band as keyof typeof BANDS]?.en : ''}</p>
            <p>
              <Link to={`/cong-khai/an-toan?unit=${f.unit.code}`}>{t('safety.public.back')}</Link>
            </p>
          </>
        )}
      </Loaded>
    </main>
  )
}
