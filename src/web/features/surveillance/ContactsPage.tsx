import { FOLLOWUP_STATUSES } from '../../../domain/surveillance/codes.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField } from '../../ui/Field.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { survApi } from './api.ts'
import { DegreeBadge, day, ListFooter, listQuery, PersonLink, UnitFilter } from './common.tsx'
import { codeName, codeOptions } from './labels.ts'
import { ListExport } from './ListExport.tsx'

const FIELDS = ['unitCode', 'degree', 'followupStatus', 'tracer'] as const

export function ContactsPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('surv.contacts.title'))
  const { can } = useSession()
  const { values, page, key, draft, setField, submit, goToPage } = useListParams(FIELDS)
  const list = useApi(`surv:contacts:${key}`, (signal) => survApi.contacts(listQuery(values, page), signal))
  if (!can('surveillance:read')) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('surv.contacts.title')} />
      <p className="muted">{t('surv.contacts.intro')}</p>
      <FilterForm onSubmit={submit} submitLabel={t('common.search')} label={t('surv.filter.label')}>
        <UnitFilter value={draft.unitCode} onChange={setField('unitCode')} />
        <SelectField
          label={t('surv.contact.degree')}
          value={draft.degree}
          onChange={setField('degree')}
          options={[{ value: '', label: t('surv.filter.any') }, ...[1, 2, 3, 4, 5].map((d) => ({ value: String(d), label: `F${d}` }))]}
        />
        <SelectField
          label={t('surv.followup.status')}
          value={draft.followupStatus}
          onChange={setField('followupStatus')}
          options={[...codeOptions(FOLLOWUP_STATUSES, locale, t('surv.filter.any')), { value: 'none', label: t('surv.followup.none') }]}
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
      </FilterForm>
      <Loaded state={list}>
        {(p) => (
          <>
            <ListExport list="contacts" filter={listQuery(values)} total={p.total} capped={!!p.totalCapped} />
            <DataTable
              caption={t('surv.contacts.caption')}
              testId="contacts-table"
              rows={p.rows}
              rowKey={(r) => r.personId}
              columns={[
                { key: 'degree', header: t('surv.contact.degree'), cell: (r) => <DegreeBadge degree={r.degree} /> },
                { key: 'name', header: t('people.fullName'), cell: (r) => <PersonLink id={r.personId} name={r.fullName} /> },
                { key: 'born', header: t('people.birthYear'), cell: (r) => r.birthYear ?? '—', numeric: true },
                { key: 'phone', header: t('people.phone'), cell: (r) => r.phone ?? '—' },
                { key: 'unit', header: t('people.unit'), cell: (r) => r.unitName },
                { key: 'via', header: t('surv.contact.via'), cell: (r) => <PersonLink id={r.viaPersonId} name={r.viaName} /> },
                { key: 'exposed', header: t('surv.exposure.date'), cell: (r) => day(r.lastExposedOn) },
                { key: 'followup', header: t('surv.followup.status'), cell: (r) => (r.followupStatus ? codeName(FOLLOWUP_STATUSES, r.followupStatus, locale) : t('surv.followup.none')) },
                { key: 'until', header: t('surv.followup.until'), cell: (r) => day(r.followupUntil) },
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
