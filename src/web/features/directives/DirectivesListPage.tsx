import { type FormEvent, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { DOCUMENT_TYPES } from '../../../domain/documents/types.ts'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { ErrorMessage, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { type DirectiveStatus, directivesApi } from './api.ts'
import { DIRECTIVE_STATUS } from './labels.ts'
import { DirectivesTabs } from './DirectivesTabs.tsx'

const STATUSES: DirectiveStatus[] = ['issued', 'imported', 'draft']

export function DirectivesListPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('dir.list'))
  const { can } = useSession()
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const status = params.get('status') ?? ''
  const from = params.get('from') ?? ''
  const to = params.get('to') ?? ''
  const [form, setForm] = useState({ q, status, from, to })
  const allowed = can('directives:read')
  const list = useApi(allowed ? `directives:${params.toString()}` : null, (signal) => directivesApi.list({ q, status, from, to }, signal))
  if (!allowed) return <NotAllowed />

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const p = new URLSearchParams()
    for (const [k, v] of Object.entries(form)) if (v.trim()) p.set(k, v.trim())
    setParams(p, { replace: true })
  }

  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">{t('dir.list')}</h1>
        {can('directives:write') ? (
          <div className="button-row">
            <Link className="button-primary" to="/directives/import">
              {t('dir.import')}
            </Link>
            <Link className="button-secondary" to="/directives/new">
              {t('dir.compose')}
            </Link>
          </div>
        ) : null}
      </div>
      <DirectivesTabs />
      <form role="search" className="filters" onSubmit={submit}>
        <TextField label={t('dir.search')} type="search" value={form.q} onChange={(v) => setForm((f) => ({ ...f, q: v }))} hint={t('dir.searchHint')} />
        <SelectField
          label={t('dir.col.status')}
          value={form.status}
          onChange={(v) => setForm((f) => ({ ...f, status: v }))}
          options={[{ value: '', label: t('dir.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(DIRECTIVE_STATUS[s]) }))]}
        />
        <DateInput label={t('dir.filter.from')} value={form.from} onChange={(v) => setForm((f) => ({ ...f, from: v }))} hint={t('dir.filter.dateHint')} />
        <DateInput label={t('dir.filter.to')} value={form.to} onChange={(v) => setForm((f) => ({ ...f, to: v }))} hint={t('dir.filter.dateHint')} />
        <div className="form-actions">
          <button type="submit" className="button-primary">
            {t('common.search')}
          </button>
        </div>
      </form>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorMessage error={list.error} />
      {list.data ? (
        <DataTable
          caption={t('dir.listCaption', { n: list.data.length })}
          rows={list.data}
          rowKey={(d) => d.id}
          testId="directive-list"
          columns={[
            {
              key: 'symbol',
              header: t('dir.col.symbol'),
              cell: (d) => <Link to={d.status === 'draft' ? `/directives/${d.id}/edit` : `/directives/${d.id}`}>{d.symbol ?? t('dir.noSymbol')}</Link>,
              sortValue: (d) => d.symbol ?? '',
            },
            { key: 'date', header: t('dir.col.date'), cell: (d) => formatVnDate(d.issuedOn) || '—', sortValue: (d) => d.issuedOn ?? '' },
            { key: 'type', header: t('dir.field.type'), cell: (d) => DOCUMENT_TYPES[d.docType]?.[locale] ?? d.docType },
            { key: 'issuer', header: t('dir.field.issuer'), cell: (d) => d.issuerName, sortValue: (d) => d.issuerName },
            { key: 'summary', header: t('dir.field.summary'), className: 'col-wide', cell: (d) => d.summary },
            { key: 'status', header: t('dir.col.status'), cell: (d) => t(DIRECTIVE_STATUS[d.status]) },
            { key: 'tasks', header: t('dir.col.taskCount'), numeric: true, cell: (d) => formatNumber(d.taskCount), sortValue: (d) => d.taskCount },
          ]}
        />
      ) : null}
    </section>
  )
}
