import { Link } from 'react-router'
import { ORG_KIND_KEYS, ORG_KINDS } from '../../../domain/orgs/kinds.ts'
import { nameIn, useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { FilterForm, Pager, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { headOf, ORGS_PER_PAGE, orgsApi, validityOf } from './api.ts'

const FIELDS = ['q', 'kind', 'status'] as const

export function OrgsPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('nav.orgs'))
  const { can } = useSession()
  const { values, page, key, draft, setField, submit, goToPage } = useListParams(FIELDS)
  const list = useApi(`orgs:${key}`, (signal) => orgsApi.page(values, page, signal))
  if (!can('orgs:read')) return <NotAllowed />

  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('nav.orgs')} actions={can('orgs:write') ? [{ to: '/orgs/new', label: t('orgs.new') }] : []} />
      <FilterForm onSubmit={submit} submitLabel={t('common.search')}>
        <TextField label={t('orgs.search')} type="search" value={draft.q} onChange={setField('q')} hint={t('orgs.searchHint')} />
        <SelectField
          label={t('orgs.kind')}
          value={draft.kind}
          onChange={setField('kind')}
          options={[{ value: '', label: t('orgs.allKinds') }, ...ORG_KIND_KEYS.map((k) => ({ value: k, label: ORG_KINDS[k][locale] }))]}
        />
        <SelectField
          label={t('orgs.status')}
          value={draft.status}
          onChange={setField('status')}
          options={[
            { value: '', label: t('orgs.statusAll') },
            { value: 'current', label: t('orgs.statusCurrent') },
            { value: 'historical', label: t('orgs.statusHistorical') },
          ]}
        />
      </FilterForm>
      <Loaded state={list}>
        {({ orgs, total }) => (
          <>
            <DataTable
              caption={t('orgs.caption', { from: page * ORGS_PER_PAGE + (orgs.length ? 1 : 0), to: page * ORGS_PER_PAGE + orgs.length, n: total })}
              rows={orgs}
              rowKey={(o) => o.id}
              columns={[
                { key: 'name', header: t('orgs.name'), cell: (o) => <Link to={`/orgs/${o.id}`}>{o.name}</Link>, sortValue: (o) => o.name },
                { key: 'kind', header: t('orgs.kind'), cell: (o) => nameIn(ORG_KINDS, o.kind, locale) ?? o.kindName, sortValue: (o) => o.kind },
                { key: 'unit', header: t('orgs.unit'), cell: (o) => o.unitName, sortValue: (o) => o.unitName },
                { key: 'head', header: t('orgs.head'), cell: headOf },
                { key: 'validity', header: t('orgs.validity'), cell: (o) => validityOf(o, t) },
              ]}
            />
            <Pager page={page} hasNext={(page + 1) * ORGS_PER_PAGE < total} onPage={goToPage} />
          </>
        )}
      </Loaded>
    </section>
  )
}
