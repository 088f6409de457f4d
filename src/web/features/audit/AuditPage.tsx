import { type FormEvent, useState } from 'react'
import { useSearchParams } from 'react-router'
import { formatVnDateTime } from '../../app/format.ts'
import { type MessageKey, useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { ErrorMessage, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { type AuditEntry, auditApi } from './api.ts'

const PAGE = 100
const ACTIONS: Record<string, MessageKey> = {
  insert: 'audit.action.insert',
  update: 'audit.action.update',
  delete: 'audit.action.delete',
  read: 'audit.action.read',
  login: 'audit.action.login',
  login_failed: 'audit.action.loginFailed',
  logout: 'audit.action.logout',
}
// Table names as recorded by the audit triggers, plus "session" for sign-ins.
const ENTITIES: Record<string, MessageKey> = {
  people: 'audit.entity.people',
  users: 'audit.entity.users',
  session: 'audit.entity.session',
  units: 'audit.entity.units',
  unit_populations: 'audit.entity.unitPopulations',
  unit_boundaries: 'audit.entity.unitBoundaries',
  unit_links: 'audit.entity.unitLinks',
  orgs: 'audit.entity.orgs',
  org_groups: 'audit.entity.orgGroups',
  jobs: 'audit.entity.jobs',
  settings: 'audit.entity.settings',
}
const FIELDS = ['actor', 'entity', 'action', 'from', 'to'] as const

function Change({ entry }: { entry: AuditEntry }) {
  const t = useT()
  if (entry.before === null && entry.after === null) return <span className="muted">—</span>
  return (
    <details className="audit-details">
      <summary>{t('audit.show')}</summary>
      <div className="audit-json">
        {entry.before !== null ? (
          <div>
            <h3>{t('audit.before')}</h3>
            <pre>{JSON.stringify(entry.before, null, 2)}</pre>
          </div>
        ) : null}
        {entry.after !== null ? (
          <div>
            <h3>{t('audit.after')}</h3>
            <pre>{JSON.stringify(entry.after, null, 2)}</pre>
          </div>
        ) : null}
      </div>
    </details>
  )
}

export function AuditPage() {
  const t = useT()
  usePageTitle(t('nav.audit'))
  const { can } = useSession()
  const [params, setParams] = useSearchParams()
  const filter = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Record<(typeof FIELDS)[number], string>
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0)
  const [draft, setDraft] = useState(filter)
  const allowed = can('audit:read')
  const entries = useApi(allowed ? `audit:${params.toString()}` : null, (signal) => auditApi.search({ ...filter, limit: PAGE, offset: page * PAGE }, signal))
  if (!allowed) return <NotAllowed />

  const apply = (next: typeof filter, nextPage: number) => {
    const p = new URLSearchParams()
    for (const f of FIELDS) if (next[f].trim()) p.set(f, next[f].trim())
    if (nextPage > 0) p.set('page', String(nextPage))
    setParams(p, { replace: true })
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    apply(draft, 0)
  }
  const set = (f: (typeof FIELDS)[number]) => (v: string) => setDraft((d) => ({ ...d, [f]: v }))

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.audit')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <form className="filters" onSubmit={submit} aria-label={t('audit.filters')}>
        <TextField label={t('audit.actor')} value={draft.actor} onChange={set('actor')} />
        <SelectField label={t('audit.entity')} value={draft.entity} onChange={set('entity')} options={[{ value: '', label: t('audit.any') }, ...Object.entries(ENTITIES).map(([value, key]) => ({ value, label: t(key) }))]} />
        <SelectField
          label={t('audit.action')}
          value={draft.action}
          onChange={set('action')}
          options={[{ value: '', label: t('audit.any') }, ...Object.entries(ACTIONS).map(([value, key]) => ({ value, label: t(key) }))]}
        />
        <DateInput label={t('audit.from')} value={draft.from} onChange={set('from')} hint={t('form.dateShort')} />
        <DateInput label={t('audit.to')} value={draft.to} onChange={set('to')} hint={t('form.dateShort')} />
        <div className="form-actions">
          <button type="submit" className="button-primary">
            {t('common.filter')}
          </button>
        </div>
      </form>
      {entries.loading ? <Loading /> : null}
      <ErrorMessage error={entries.error} />
      {entries.data ? (
        <>
          <DataTable
            caption={t('audit.caption', { n: entries.data.length })}
            rows={entries.data}
            rowKey={(e) => e.id}
            columns={[
              { key: 'at', header: t('audit.at'), cell: (e) => formatVnDateTime(e.at) },
              { key: 'actor', header: t('audit.actor'), cell: (e) => e.actorName },
              { key: 'action', header: t('audit.action'), cell: (e) => (ACTIONS[e.action] ? t(ACTIONS[e.action]!) : e.action) },
              { key: 'entity', header: t('audit.entity'), cell: (e) => `${ENTITIES[e.entity] ? t(ENTITIES[e.entity]!) : e.entity}${e.entityId ? ` #${e.entityId}` : ''}` },
              { key: 'change', header: t('audit.change'), cell: (e) => <Change entry={e} /> },
            ]}
          />
          <div className="pager">
            <button type="button" className="button-secondary" disabled={page === 0} onClick={() => apply(filter, page - 1)}>
              {t('common.previous')}
            </button>
            <button type="button" className="button-secondary" disabled={entries.data.length < PAGE} onClick={() => apply(filter, page + 1)}>
              {t('common.next')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  )
}
