import { type FormEvent, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { ORG_KIND_KEYS, ORG_KINDS } from '../../../domain/orgs/kinds.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { ErrorMessage, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { orgsApi } from './api.ts'

export function OrgsPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('nav.orgs'))
  const { can } = useSession()
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const kind = params.get('kind') ?? ''
  const [text, setText] = useState(q)
  const [kindChoice, setKindChoice] = useState(kind)
  const list = useApi(`orgs:${q}:${kind}`, (signal) => orgsApi.list({ q, kind }, signal))
  if (!can('orgs:read')) return <NotAllowed />

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const p = new URLSearchParams()
    if (text.trim()) p.set('q', text.trim())
    if (kindChoice) p.set('kind', kindChoice)
    setParams(p, { replace: true })
  }

  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">{t('nav.orgs')}</h1>
        {can('orgs:write') ? (
          <Link className="button-primary" to="/orgs/new">
            {t('orgs.new')}
          </Link>
        ) : null}
      </div>
      <form role="search" className="filters" onSubmit={submit}>
        <TextField label={t('orgs.search')} type="search" value={text} onChange={setText} hint={t('orgs.searchHint')} />
        <SelectField
          label={t('orgs.kind')}
          value={kindChoice}
          onChange={setKindChoice}
          options={[{ value: '', label: t('orgs.allKinds') }, ...ORG_KIND_KEYS.map((k) => ({ value: k, label: ORG_KINDS[k][locale] }))]}
        />
        <div className="form-actions">
          <button type="submit" className="button-primary">
            {t('common.search')}
          </button>
        </div>
      </form>
      {list.loading ? <Loading /> : null}
      <ErrorMessage error={list.error} />
      {list.data ? (
        <DataTable
          caption={t(list.data.length >= 200 ? 'orgs.captionMore' : 'orgs.caption', { n: list.data.length })}
          rows={list.data}
          rowKey={(o) => o.id}
          columns={[
            { key: 'name', header: t('orgs.name'), cell: (o) => <Link to={`/orgs/${o.id}`}>{o.name}</Link>, sortValue: (o) => o.name },
            { key: 'kind', header: t('orgs.kind'), cell: (o) => ORG_KINDS[o.kind]?.[locale] ?? o.kindName, sortValue: (o) => o.kind },
            { key: 'unit', header: t('orgs.unit'), cell: (o) => o.unitName, sortValue: (o) => o.unitName },
            { key: 'head', header: t('orgs.head'), cell: (o) => (o.headName ? `${o.headName}${o.headPosition ? ` — ${o.headPosition}` : ''}` : '—') },
          ]}
        />
      ) : null}
    </section>
  )
}
