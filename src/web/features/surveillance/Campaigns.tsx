import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { TEST_METHODS } from '../../../domain/surveillance/codes.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import { formatNumber } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormShell } from '../../ui/FormShell.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { type PickedUnit, UnitPicker } from '../units/UnitPicker.tsx'
import { type CampaignView, type CoverageView, survApi } from './api.ts'
import { day, ListFooter, listQuery, UnitFilter } from './common.tsx'
import { codeName, codeOptions } from './labels.ts'
import { useDefaultUnit } from './PersonChooser.tsx'

const FIELDS = ['unitCode', 'activeOn'] as const

/** A share as a percentage, one decimal. */
const percent = (share: number | null, locale: string) =>
  share === null ? '—' : `${(share * 100).toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 })}%`

function NewCampaignForm({ onDone, onCancel }: { onDone: (c: CampaignView) => void; onCancel: () => void }) {
  const { t, locale } = useI18n()
  const [name, setName] = useState('')
  const [unit, setUnit] = useState<PickedUnit | null>(useDefaultUnit())
  const [startsOn, setStartsOn] = useState(vnDate(new Date()))
  const [endsOn, setEndsOn] = useState('')
  const [method, setMethod] = useState<'pcr' | 'antigen'>('pcr')
  const [target, setTarget] = useState('')
  const [note, setNote] = useState('')
  const targetNumber = target.trim() === '' ? null : Number(target.replace(/[.\s]/g, ''))
  const badTarget = targetNumber !== null && !(Number.isInteger(targetNumber) && targetNumber >= 0)
  const missing = [
    ...(name.trim() ? [] : [t('surv.campaign.name')]),
    ...(unit ? [] : [t('surv.campaign.area')]),
    ...(startsOn ? [] : [t('surv.zones.startsOn')]),
    ...(endsOn ? [] : [t('surv.zones.endsOn')]),
    ...(badTarget ? [t('surv.campaign.target')] : []),
  ]
  return (
    <FormShell
      className="form-grid card"
      aria-label={t('surv.campaign.new')}
      onSubmit={async () => {
        onDone(
          await survApi.createCampaign({ name: name.trim(), unitCode: unit!.code, startsOn, endsOn, method, targetPeople: targetNumber, note: note.trim() || null }),
        )
      }}
      submitLabel={t('surv.campaign.save')}
      canSubmit={missing.length === 0}
      missing={missing}
      onCancel={onCancel}
    >
      <h2>{t('surv.campaign.new')}</h2>
      <TextField label={t('surv.campaign.name')} value={name} onChange={setName} maxLength={200} required />
      <UnitPicker label={t('surv.campaign.area')} value={unit} onChange={setUnit} required />
      <DateInput label={t('surv.zones.startsOn')} value={startsOn} onChange={setStartsOn} required />
      <DateInput label={t('surv.zones.endsOn')} value={endsOn} onChange={setEndsOn} required />
      <SelectField label={t('surv.test.method')} value={method} onChange={(v) => setMethod(v === 'antigen' ? 'antigen' : 'pcr')} options={codeOptions(TEST_METHODS, locale)} />
      <TextField
        label={t('surv.campaign.target')}
        value={target}
        onChange={setTarget}
        inputMode="numeric"
        maxLength={12}
        hint={t('surv.campaign.targetHint')}
        error={badTarget ? t('surv.campaign.targetBad') : null}
      />
      <TextAreaField label={t('surv.check.note')} value={note} onChange={setNote} maxLength={2000} rows={2} />
    </FormShell>
  )
}

/** Mass-testing campaigns of the area, of the units above it and below it. */
export function CampaignsPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('surv.campaigns.title'))
  const { can } = useSession()
  const { values, page, key, draft, setField, submit, goToPage } = useListParams(FIELDS)
  const list = useApi(`surv:campaigns:${key}`, (signal) => survApi.campaigns(listQuery(values, page), signal))
  const [adding, setAdding] = useState(false)
  const [status, setStatus] = useState<string | null>(null)
  if (!can('surveillance:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('surv.campaigns.title')} />
      <p className="muted">{t('surv.campaigns.intro')}</p>
      {can('surveillance:write') ? (
        adding ? (
          <NewCampaignForm
            onCancel={() => setAdding(false)}
            onDone={(c) => {
              setAdding(false)
              setStatus(t('surv.campaign.saved', { name: c.name }))
              list.reload()
            }}
          />
        ) : (
          <p>
            <button type="button" className="button-primary" onClick={() => setAdding(true)}>
              {t('surv.campaign.new')}
            </button>
          </p>
        )
      ) : null}
      {status ? (
        <p className="form-status" role="status">
          {status}
        </p>
      ) : null}
      <FilterForm onSubmit={submit} submitLabel={t('common.search')} label={t('surv.filter.label')}>
        <UnitFilter value={draft.unitCode} onChange={setField('unitCode')} />
        <DateInput label={t('surv.campaigns.activeOn')} value={draft.activeOn} onChange={setField('activeOn')} />
      </FilterForm>
      <Loaded state={list}>
        {(p) => (
          <>
            <DataTable
              caption={t('surv.campaigns.caption')}
              testId="campaigns-table"
              rows={p.rows}
              rowKey={(c) => c.id}
              empty={t('surv.campaigns.none')}
              columns={[
                { key: 'name', header: t('surv.campaign.name'), cell: (c) => <Link to={`/surveillance/campaigns/${c.id}`}>{c.name}</Link> },
                { key: 'unit', header: t('surv.campaign.area'), cell: (c) => c.unitName },
                { key: 'from', header: t('surv.zones.startsOn'), cell: (c) => day(c.startsOn) },
                { key: 'to', header: t('surv.zones.endsOn'), cell: (c) => day(c.endsOn) },
                { key: 'method', header: t('surv.test.method'), cell: (c) => codeName(TEST_METHODS, c.method, locale) },
                { key: 'target', header: t('surv.campaign.target'), cell: (c) => (c.targetPeople === null ? '—' : formatNumber(c.targetPeople)), numeric: true },
              ]}
            />
            <ListFooter page={page} rows={p.rows.length} total={p.total} onPage={goToPage} />
          </>
        )}
      </Loaded>
    </section>
  )
}

type CommuneCoverage = CoverageView['communes'][number]

/** A commune's coverage as a bar: the share of its people tested (or, without a population, its share of the most tested commune). */
function CoverageBar({ row, most }: { row: CommuneCoverage; most: number }) {
  const { t, locale } = useI18n()
  const share = row.coverage ?? (most > 0 ? row.tested / most : 0)
  const width = Math.max(0, Math.min(100, share * 100))
  return (
    <div className="coverage-cell">
      <div className="coverage-track" aria-hidden="true">
        <div className={row.coverage === null ? 'coverage-fill relative' : 'coverage-fill'} style={{ width: `${width}%` }} />
      </div>
      <span>{row.coverage === null ? t('surv.coverage.noPopulation') : percent(row.coverage, locale)}</span>
    </div>
  )
}

/** A campaign's coverage: people tested per commune of its area, against population and target. */
export function CampaignPage() {
  const { t, locale } = useI18n()
  const { id } = useParams()
  const { can } = useSession()
  const campaignId = Number(id)
  const coverage = useApi(`surv:coverage:${campaignId}`, (signal) => survApi.coverage(campaignId, signal))
  usePageTitle(coverage.data ? coverage.data.campaign.name : t('surv.campaigns.title'))
  if (!can('surveillance:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/surveillance/campaigns">← {t('surv.campaigns.title')}</Link>
      </p>
      <Loaded state={coverage}>
        {(c) => {
          const most = Math.max(0, ...c.communes.map((r) => r.tested))
          return (
            <>
              <h1 id="page-title">{c.campaign.name}</h1>
              <FactList
                facts={[
                  { label: t('surv.campaign.area'), value: c.campaign.unitName },
                  { label: t('surv.coverage.period'), value: `${day(c.campaign.startsOn)} – ${day(c.campaign.endsOn)}` },
                  { label: t('surv.test.method'), value: codeName(TEST_METHODS, c.campaign.method, locale) },
                  { label: t('surv.coverage.tested'), value: formatNumber(c.tested), testId: 'coverage-tested' },
                  { label: t('surv.campaign.target'), value: c.targetPeople === null ? '—' : formatNumber(c.targetPeople) },
                  { label: t('surv.coverage.population'), value: c.population === null ? '—' : formatNumber(c.population) },
                  {
                    label: c.targetPeople ? t('surv.coverage.ofTarget') : t('surv.coverage.ofPopulation'),
                    value: percent(c.coverage, locale),
                    testId: 'coverage-share',
                  },
                  c.campaign.note ? { label: t('surv.check.note'), value: c.campaign.note } : null,
                ]}
              />
              <DataTable
                caption={t('surv.coverage.caption')}
                testId="coverage-table"
                rows={c.communes}
                rowKey={(r) => r.code}
                empty={t('surv.coverage.none')}
                columns={[
                  { key: 'name', header: t('surv.coverage.commune'), cell: (r) => r.name, sortValue: (r) => r.name },
                  { key: 'tested', header: t('surv.coverage.tested'), cell: (r) => formatNumber(r.tested), numeric: true, sortValue: (r) => r.tested },
                  { key: 'population', header: t('surv.coverage.population'), cell: (r) => (r.population === null ? '—' : formatNumber(r.population)), numeric: true, sortValue: (r) => r.population },
                  { key: 'coverage', header: t('surv.coverage.share'), cell: (r) => <CoverageBar row={r} most={most} />, className: 'coverage-col', sortValue: (r) => r.coverage },
                ]}
              />
            </>
          )
        }}
      </Loaded>
    </section>
  )
}
