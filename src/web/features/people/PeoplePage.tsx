import { Link } from 'react-router'
import { formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { TextField } from '../../ui/Field.tsx'
import { FilterForm, Pager, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { peopleApi } from './api.ts'

const PAGE = 50
const FIELDS = ['q'] as const

export function PeoplePage() {
  const t = useT()
  usePageTitle(t('nav.people'))
  const { can } = useSession()
  const { values, page, key, draft, setField, submit, goToPage } = useListParams(FIELDS)
  const list = useApi(`people:${key}`, (signal) => peopleApi.list({ q: values.q, limit: PAGE, offset: page * PAGE }, signal))
  if (!can('people:read')) return <NotAllowed />

  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('nav.people')} actions={can('people:write') ? [{ to: '/people/new', label: t('people.new') }] : []} />
      <p className="muted">{t('people.intro')}</p>
      <FilterForm onSubmit={submit} submitLabel={t('common.search')}>
        <TextField label={t('people.search')} type="search" value={draft.q} onChange={setField('q')} hint={t('people.searchHint')} />
      </FilterForm>
      <Loaded state={list}>
        {(people) => (
          <>
            <DataTable
              caption={t('people.caption', { from: page * PAGE + (people.length ? 1 : 0), to: page * PAGE + people.length })}
              rows={people}
              rowKey={(p) => p.id}
              columns={[
                { key: 'name', header: t('people.fullName'), cell: (p) => <Link to={`/people/${p.id}`}>{p.fullName}</Link>, sortValue: (p) => p.fullName },
                { key: 'born', header: t('people.born'), cell: (p) => (p.birthDate ? formatVnDate(p.birthDate) : (p.birthYear ?? '—')) },
                { key: 'nationalId', header: t('people.identity'), cell: (p) => p.nationalId ?? (p.passportNo ? `${p.passportNo} (${p.nationality})` : '—') },
                { key: 'unit', header: t('people.unit'), cell: (p) => p.unitName, sortValue: (p) => p.unitName },
              ]}
            />
            <Pager page={page} hasNext={people.length === PAGE} onPage={goToPage} />
          </>
        )}
      </Loaded>
    </section>
  )
}
