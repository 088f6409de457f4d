import { Link, useLocation } from 'react-router'
import { DOCUMENT_TYPES } from '../../../domain/documents/types.ts'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { nameIn, type Translate, useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FormStatus, SelectField, TextField } from '../../ui/Field.tsx'
import { FilterForm, Pager, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { DIRECTIVES_PER_PAGE, type DirectiveStatus, directivesApi } from './api.ts'
import { DirectivesTabs } from './DirectivesTabs.tsx'
import { DIRECTIVE_STATUS } from './labels.ts'

const STATUSES: DirectiveStatus[] = ['issued', 'imported', 'draft']
const FIELDS = ['q', 'status', 'from', 'to'] as const

const justDeleted = (state: unknown) => typeof state === 'object' && state !== null && 'deletedDraft' in state && state.deletedDraft === true

/** Which documents of how many the page shows ("Văn bản 51–100 trong tổng số 134"). */
function caption(t: Translate, page: number, shown: number, total: number): string {
  if (total === 0) return t('dir.listEmpty')
  if (shown === 0) return t('dir.listPastEnd', { n: formatNumber(total) })
  const first = page * DIRECTIVES_PER_PAGE + 1
  return t('dir.listCaption', { from: formatNumber(first), to: formatNumber(first + shown - 1), n: formatNumber(total) })
}

export function DirectivesListPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('dir.list'))
  const { can } = useSession()
  const location = useLocation()
  const { values, page, key, draft, setField, submit, goToPage } = useListParams(FIELDS)
  const allowed = can('directives:read')
  const list = useApi(allowed ? `directives:${key}` : null, (signal) => directivesApi.list({ ...values, page }, signal))
  if (!allowed) return <NotAllowed />

  return (
    <section aria-labelledby="page-title">
      <PageHead
        title={t('dir.list')}
        actions={
          can('directives:write')
            ? [
                { to: '/directives/import', label: t('dir.import') },
                { to: '/directives/new', label: t('dir.compose') },
              ]
            : []
        }
      />
      <DirectivesTabs />
      <FormStatus message={justDeleted(location.state) ? t('dir.draftDeleted') : null} />
      <FilterForm onSubmit={submit} submitLabel={t('common.search')}>
        <TextField label={t('dir.search')} type="search" value={draft.q} onChange={setField('q')} hint={t('dir.searchHint')} />
        <SelectField
          label={t('dir.col.status')}
          value={draft.status}
          onChange={setField('status')}
          options={[{ value: '', label: t('dir.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(DIRECTIVE_STATUS[s]) }))]}
        />
        <DateInput label={t('dir.filter.from')} value={draft.from} onChange={setField('from')} hint={t('dir.filter.dateHint')} />
        <DateInput label={t('dir.filter.to')} value={draft.to} onChange={setField('to')} hint={t('dir.filter.dateHint')} />
      </FilterForm>
      <Loaded state={list}>
        {({ total, directives }) => (
          <>
            <DataTable
              caption={caption(t, page, directives.length, total)}
              rows={directives}
              rowKey={(d) => d.id}
              testId="directive-list"
              columns={[
                {
                  key: 'symbol',
                  header: t('dir.col.symbol'),
                  className: 'doc-symbol',
                  cell: (d) => <Link to={d.status === 'draft' ? `/directives/${d.id}/edit` : `/directives/${d.id}`}>{d.symbol ?? t('dir.noSymbol')}</Link>,
                  sortValue: (d) => d.symbol ?? '',
                },
                { key: 'date', header: t('dir.col.date'), cell: (d) => formatVnDate(d.issuedOn) || '—', sortValue: (d) => d.issuedOn ?? '' },
                { key: 'type', header: t('dir.field.type'), cell: (d) => nameIn(DOCUMENT_TYPES, d.docType, locale) ?? d.docType },
                { key: 'issuer', header: t('dir.field.issuer'), cell: (d) => d.issuerName, sortValue: (d) => d.issuerName },
                { key: 'summary', header: t('dir.field.summary'), className: 'col-wide', cell: (d) => d.summary },
                { key: 'status', header: t('dir.col.status'), cell: (d) => t(DIRECTIVE_STATUS[d.status]) },
                { key: 'tasks', header: t('dir.col.taskCount'), numeric: true, cell: (d) => formatNumber(d.taskCount), sortValue: (d) => d.taskCount },
              ]}
            />
            <Pager page={page} hasNext={(page + 1) * DIRECTIVES_PER_PAGE < total} onPage={goToPage} />
          </>
        )}
      </Loaded>
    </section>
  )
}
