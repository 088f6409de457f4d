import { type FormEvent, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { ErrorMessage, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { TextField } from '../../ui/Field.tsx'
import { peopleApi } from './api.ts'

const PAGE = 50

export function PeoplePage() {
  const t = useT()
  usePageTitle(t('nav.people'))
  const { can } = useSession()
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0)
  const [text, setText] = useState(q)
  const list = useApi(`people:${q}:${page}`, (signal) => peopleApi.list({ q, limit: PAGE, offset: page * PAGE }, signal))
  if (!can('people:read')) return <NotAllowed />

  const go = (nextQ: string, nextPage: number) => {
    const p = new URLSearchParams()
    if (nextQ) p.set('q', nextQ)
    if (nextPage > 0) p.set('page', String(nextPage))
    setParams(p, { replace: true })
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    go(text.trim(), 0)
  }

  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">{t('nav.people')}</h1>
        {can('people:write') ? (
          <Link className="button-primary" to="/people/new">
            {t('people.new')}
          </Link>
        ) : null}
      </div>
      <p className="muted">{t('people.intro')}</p>
      <form role="search" className="filters" onSubmit={submit}>
        <TextField label={t('people.search')} type="search" value={text} onChange={setText} hint={t('people.searchHint')} />
        <div className="form-actions">
          <button type="submit" className="button-primary">
            {t('common.search')}
          </button>
        </div>
      </form>
      {list.loading ? <Loading /> : null}
      <ErrorMessage error={list.error} />
      {list.data ? (
        <>
          <DataTable
            caption={t('people.caption', { from: page * PAGE + (list.data.length ? 1 : 0), to: page * PAGE + list.data.length })}
            rows={list.data}
            rowKey={(p) => p.id}
            columns={[
              { key: 'name', header: t('people.fullName'), cell: (p) => <Link to={`/people/${p.id}`}>{p.fullName}</Link>, sortValue: (p) => p.fullName },
              { key: 'born', header: t('people.born'), cell: (p) => (p.birthDate ? formatVnDate(p.birthDate) : (p.birthYear ?? '—')) },
              { key: 'nationalId', header: t('people.nationalId'), cell: (p) => p.nationalId ?? '—' },
              { key: 'unit', header: t('people.unit'), cell: (p) => p.unitName, sortValue: (p) => p.unitName },
            ]}
          />
          <div className="pager">
            <button type="button" className="button-secondary" disabled={page === 0} onClick={() => go(q, page - 1)}>
              {t('common.previous')}
            </button>
            <button type="button" className="button-secondary" disabled={list.data.length < PAGE} onClick={() => go(q, page + 1)}>
              {t('common.next')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  )
}
