import { FOLLOWUP_STATUSES } from '../../../domain/surveillance/codes.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField } from '../../ui/Field.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { survApi } from './api.ts'
import { day, ListFooter, listQuery, UnitFilter } from './common.tsx'
import { contactColumns, FollowupsByTracer } from './FollowupsByTracer.tsx'
import { codeName, codeOptions } from './labels.ts'

const FIELDS = ['tracer', 'unitCode', 'due', 'status', 'flagged', 'view'] as const

/** Contacts followed up, per tracer or per commune, with whether today's check is done. */
export function FollowupsPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('surv.followups.title'))
  const { can } = useSession()
  const { values, page, key, draft, setField, submit, goToPage } = useListParams(FIELDS)
  const { view, ...filter } = values
  const byTracer = view === 'tracer'
  const list = useApi(byTracer ? null : `surv:followups:${key}`, (signal) => survApi.followups(listQuery(filter, page), signal))
  if (!can('surveillance:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('surv.followups.title')} />
      <p className="muted">{t('surv.followups.intro')}</p>
      <FilterForm onSubmit={submit} submitLabel={t('common.search')} label={t('surv.filter.label')}>
        <SelectField
          label={t('surv.tracers.view')}
          value={draft.view}
          onChange={setField('view')}
          options={[
            { value: '', label: t('surv.tracers.viewList') },
            { value: 'tracer', label: t('surv.tracers.viewByTracer') },
          ]}
        />
        <SelectField
          label={t('surv.followup.tracer')}
          value={draft.tracer}
          onChange={setField('tracer')}
          options={[
            { value: '', label: t('surv.filter.any') },
            { value: 'me', label: t('surv.followup.mine') },
          ]}
        />
        <UnitFilter value={draft.unitCode} onChange={setField('unitCode')} />
        <DateInput label={t('surv.followups.due')} value={draft.due} onChange={setField('due')} />
        <SelectField label={t('surv.followup.status')} value={draft.status} onChange={setField('status')} options={codeOptions(FOLLOWUP_STATUSES, locale, t('surv.followup.activeDefault'))} />
        <SelectField
          label={t('surv.followups.flagged')}
          value={draft.flagged}
          onChange={setField('flagged')}
          options={[
            { value: '', label: t('surv.filter.any') },
            { value: 'true', label: t('surv.followups.flaggedOnly') },
          ]}
        />
      </FilterForm>
      {byTracer ? <FollowupsByTracer filter={listQuery(filter)} page={page} onPage={goToPage} /> : null}
      <Loaded state={list}>
        {(p) => (
          <>
            <p className="muted">{t('surv.followups.dueOn', { date: day(p.due) })}</p>
            <DataTable
              caption={t('surv.followups.caption')}
              testId="followups-table"
              rows={p.rows}
              rowKey={(r) => r.id}
              columns={[
                ...contactColumns(t),
                { key: 'period', header: t('surv.followups.period'), cell: (r) => `${day(r.startedOn)} – ${day(r.until)}` },
                { key: 'status', header: t('surv.followup.status'), cell: (r) => codeName(FOLLOWUP_STATUSES, r.status, locale) },
                { key: 'checked', header: t('surv.followups.checked'), cell: (r) => (r.checkedOnDue ? t('surv.yes') : <strong className={r.status === 'active' ? 'check-missing' : undefined}>{t('surv.no')}</strong>) },
                { key: 'flag', header: t('surv.followups.flagged'), cell: (r) => (r.flagged ? <strong className="late-text">{t('surv.followups.flag')}</strong> : '') },
                { key: 'last', header: t('surv.followups.lastCheck'), cell: (r) => day(r.lastCheckOn) },
                { key: 'tracer', header: t('surv.followup.tracer'), cell: (r) => r.tracerName ?? '—' },
              ]}
            />
            <ListFooter page={page} rows={p.rows.length} total={p.total} capped={p.totalCapped} onPage={goToPage} />
          </>
        )}
      </Loaded>
    </section>
  )
}
