import qrcode from 'qrcode-generator'
import { useMemo, useState } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { COMPLETENESS_VI, FACILITY_KIND_VI, FACILITY_KINDS, type FacilityKind } from '../../../domain/safety/checklist.ts'
import { formatVnDateTime, isoToVn } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { Loaded } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { type PosterView, safetyApi } from './api.ts'
import { ChecklistEditor } from './ChecklistEditor.tsx'
import { BandChip } from './SelfAssessPage.tsx'
import './safety.css'

const kindOptions = FACILITY_KINDS.map((k) => ({ value: k, label: FACILITY_KIND_VI[k] }))

/** Facilities of the caller's area: search, filter, register one; the way to the public map. */
export function FacilitiesPage() {
  const { t } = useI18n()
  usePageTitle(t('safety.nav.facilities'))
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const kind = params.get('kind') ?? ''
  const state = useApi(`safety:facilities:${q}:${kind}`, (signal) => safetyApi.facilities({ q: q || undefined, kind: kind || undefined, limit: 200 }, signal))
  const [draft, setDraft] = useState({ name: '', kind: 'hotel', unitCode: '', address: '', lon: '', lat: '', headName: '', headPhone: '' })
  const navigate = useNavigate()
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params)
    if (v) next.set(k, v)
    else next.delete(k)
    setParams(next, { replace: true })
  }
  return (
    <>
      <PageHead title={t('safety.nav.facilities')} actions={[{ to: '/cong-khai/an-toan', label: t('safety.public.title') }, { to: '/an-toan/bo-tieu-chi', label: t('safety.nav.checklists') }]} />
      <div className="form-grid">
        <TextField label={t('safety.public.search')} value={q} onChange={(v) => set('q', v)} />
        <SelectField label={t('safety.kind')} value={kind} onChange={(v) => set('kind', v)} options={[{ value: '', label: t('safety.allKinds') }, ...kindOptions]} />
      </div>
      <Loaded state={state}>
        {(data) => (
          <DataTable
            caption={t('safety.list.caption', { n: data.total })}
            testId="safety-facilities"
            rows={data.items}
            rowKey={(r) => r.id}
            columns={[
              { key: 'name', header: t('safety.name'), cell: (r) => <Link to={`/an-toan/co-so/${r.id}`}>{r.name}</Link>, sortValue: (r) => r.name },
              { key: 'kind', header: t('safety.kind'), cell: (r) => r.kindLabel },
              { key: 'unit', header: t('safety.unit'), cell: (r) => r.unitName },
              { key: 'band', header: t('safety.band'), cell: (r) => <BandChip band={r.result?.band ?? null} expired={r.result?.expired ?? false} /> },
              { key: 'valid', header: t('safety.validUntil'), cell: (r) => (r.result?.validUntil ? isoToVn(r.result.validUntil) : '—') },
            ]}
          />
        )}
      </Loaded>
      <h2>{t('safety.new')}</h2>
      <FormShell
        submitLabel={t('safety.new.submit')}
        onSubmit={async () => {
          const f = await safetyApi.createFacility({
            name: draft.name,
            kind: draft.kind,
            unitCode: draft.unitCode,
            address: draft.address || null,
            lon: draft.lon ? Number(draft.lon) : null,
            lat: draft.lat ? Number(draft.lat) : null,
            headName: draft.headName || null,
            headPhone: draft.headPhone || null,
          })
          navigate(`/an-toan/co-so/${f.id}`)
        }}
      >
        <TextField label={t('safety.name')} required value={draft.name} onChange={(v) => setDraft({ ...draft, name: v })} />
        <SelectField label={t('safety.kind')} value={draft.kind} onChange={(v) => setDraft({ ...draft, kind: v })} options={kindOptions} />
        <TextField label={t('safety.unitCode')} required value={draft.unitCode} onChange={(v) => setDraft({ ...draft, unitCode: v })} />
        <TextField label={t('safety.address')} value={draft.address} onChange={(v) => setDraft({ ...draft, address: v })} />
        <TextField label={t('safety.lon')} value={draft.lon} onChange={(v) => setDraft({ ...draft, lon: v })} inputMode="decimal" />
        <TextField label={t('safety.lat')} value={draft.lat} onChange={(v) => setDraft({ ...draft, lat: v })} inputMode="decimal" />
        <TextField label={t('safety.headName')} value={draft.headName} onChange={(v) => setDraft({ ...draft, headName: v })} />
        <TextField label={t('safety.headPhone')} value={draft.headPhone} onChange={(v) => setDraft({ ...draft, headPhone: v })} inputMode="tel" />
      </FormShell>
    </>
  )
}

/** One facility for officers: its head, the form link and QR poster, the result shown and its assessments. */
export function FacilityPage() {
  const { t } = useI18n()
  const { id = '' } = useParams()
  const [version, setVersion] = useState(0)
  const state = useApi(`safety:facility:${id}:${version}`, (signal) => safetyApi.facility(Number(id), signal))
  usePageTitle(state.data?.name ?? t('safety.nav.facilities'))
  return (
    <Loaded state={state}>
      {(f) => (
        <>
          <PageHead title={f.name} actions={[{ to: `/an-toan/co-so/${f.id}/ap-phich`, label: t('safety.poster') }]} />
          <dl className="fact-list">
            <dt>{t('safety.kind')}</dt>
            <dd>{f.kindLabel}</dd>
            <dt>{t('safety.unit')}</dt>
            <dd>{f.unitName}</dd>
            <dt>{t('safety.address')}</dt>
            <dd>{f.address ?? '—'}</dd>
            <dt>{t('safety.headName')}</dt>
            <dd>
              {f.headName ?? '—'} {f.headPhone ? <a href={`tel:${f.headPhone}`}>{f.headPhone}</a> : null}
            </dd>
            <dt>{t('safety.band')}</dt>
            <dd>
              <BandChip band={f.result?.band ?? null} expired={f.result?.expired ?? false} /> {f.result?.validUntil ? t('safety.result.validUntil', { date: isoToVn(f.result.validUntil) }) : ''}
            </dd>
            <dt>{t('safety.formLink')}</dt>
            <dd>
              <a href={f.formPath} data-testid="safety-form-link">
                {`${window.location.origin}${f.formPath}`}
              </a>{' '}
              <button
                type="button"
                className="button-secondary"
                onClick={async () => {
                  if (!window.confirm(t('safety.newLinkConfirm'))) return
                  await safetyApi.issueLink(f.id)
                  setVersion((v) => v + 1)
                }}
              >
                {t('safety.newLink')}
              </button>
            </dd>
          </dl>
          <DataTable
            caption={t('safety.assessments')}
            rows={f.assessments}
            rowKey={(a) => a.id}
            empty={t('safety.assessments.none')}
            columns={[
              { key: 'at', header: t('safety.assessedAt'), cell: (a) => formatVnDateTime(a.assessedAt) },
              { key: 'source', header: t('safety.source'), cell: (a) => t(`safety.source.${a.source}` as 'safety.source.self') },
              { key: 'band', header: t('safety.band'), cell: (a) => <BandChip band={a.band} /> },
              { key: 'points', header: t('safety.result'), cell: (a) => t('safety.result.points', { points: a.points, max: a.maxPoints, percent: a.percent }) },
              { key: 'by', header: t('safety.by'), cell: (a) => [a.contactName, a.contact].filter(Boolean).join(' · ') || '—' },
              {
                key: 'photos',
                header: t('safety.photos'),
                cell: (a) =>
                  a.photos.length
                    ? a.photos.map((p) => (
                        <a key={p.id} href={`/api/safety/photos/${p.id}`}>
                          {p.fileName}{' '}
                        </a>
                      ))
                    : '—',
              },
            ]}
          />
        </>
      )}
    </Loaded>
  )
}

/** The A4 poster a facility posts at its entrance: the result and the QR code of its form. */
export function PosterPage() {
  const { t } = useI18n()
  const { id = '' } = useParams()
  const state = useApi(`safety:poster:${id}`, (signal) => safetyApi.poster(Number(id), signal))
  usePageTitle(t('safety.poster'))
  return (
    <Loaded state={state}>
      {(p) => <Poster p={p} />}
    </Loaded>
  )
}

function Poster({ p }: { p: PosterView }) {
  const { t } = useI18n()
  const url = `${window.location.origin}${p.formPath}`
  const svg = useMemo(() => {
    const qr = qrcode(0, 'M')
    qr.addData(url)
    qr.make()
    return qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true })
  }, [url])
  return (
    <>
      <p className="no-print">
        <button type="button" onClick={() => window.print()}>
          {t('safety.print')}
        </button>
      </p>
      <article className="safety-poster" data-testid="safety-poster">
        <p>{t('safety.poster.heading')}</p>
        <h1>{p.name}</h1>
        <p>
          {p.kindLabel} · {p.address ? `${p.address}, ` : ''}
          {p.unitName}
        </p>
        <p>
          <BandChip band={p.result?.band ?? null} expired={p.result?.expired ?? false} />
        </p>
        <p>{p.result?.validUntil ? t('safety.result.validUntil', { date: isoToVn(p.result.validUntil) }) : t('safety.public.noResult')}</p>
        {/* The SVG is made here from the link alone (qrcode-generator), not from any outside text. */}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: generated SVG of a QR code */}
        <div className="safety-qr" dangerouslySetInnerHTML={{ __html: svg }} />
        <p>{t('safety.poster.scan')}</p>
        <p className="safety-source">{url}</p>
        <p className="safety-source">{t('safety.poster.printed', { date: p.printedOn })}</p>
      </article>
    </>
  )
}

/** Checklists: every version with its source and marks; a province saves its own version. */
export function ChecklistsPage() {
  const { t } = useI18n()
  usePageTitle(t('safety.nav.checklists'))
  const list = useApi('safety:checklists', (signal) => safetyApi.checklists(signal))
  const [selected, setSelected] = useState<number | null>(null)
  const [version, setVersion] = useState(0)
  const one = useApi(selected ? `safety:checklist:${selected}:${version}` : null, (signal) => safetyApi.checklist(selected!, signal))
  return (
    <>
      <PageHead title={t('safety.nav.checklists')} />
      <Loaded state={list}>
        {(rows) => (
          <DataTable
            caption={t('safety.nav.checklists')}
            rows={rows}
            rowKey={(r) => r.id}
            columns={[
              {
                key: 'name',
                header: t('safety.name'),
                cell: (r) => (
                  <button type="button" className="link-button" onClick={() => setSelected(r.id)}>
                    {r.name}
                  </button>
                ),
              },
              { key: 'version', header: t('safety.versionCol'), cell: (r) => r.version },
              { key: 'owner', header: t('safety.owner'), cell: (r) => r.owner ?? t('safety.shipped') },
              { key: 'kinds', header: t('safety.kind'), cell: (r) => r.kinds.map((k) => FACILITY_KIND_VI[k as FacilityKind] ?? k).join(', ') || '—' },
              { key: 'completeness', header: t('safety.completeness'), cell: (r) => COMPLETENESS_VI[r.completeness as keyof typeof COMPLETENESS_VI] ?? r.completeness },
              { key: 'confidence', header: t('safety.confidence'), cell: (r) => r.confidence },
            ]}
          />
        )}
      </Loaded>
      {selected ? (
        <Loaded state={one}>
          {(c) => (
            <section>
              <h2>
                {c.name} · {t('safety.version', { v: c.version })}
              </h2>
              <p className="safety-source">{c.checklist.source.document}</p>
              {c.checklist.note ? <p className="safety-source">{c.checklist.note}</p> : null}
              <ChecklistEditor
                key={`${c.id}:${version}`}
                initial={c.checklist}
                onSaved={() => {
                  setVersion((v) => v + 1)
                  list.reload()
                }}
              />
            </section>
          )}
        </Loaded>
      ) : null}
    </>
  )
}
