import { formatVnDateTime } from '../../app/format.ts'
import { type MessageKey, useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { FilterForm, Pager, useListParams } from '../../ui/ListControls.tsx'
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
  const images = [
    { key: 'before', title: t('audit.before'), value: entry.before },
    { key: 'after', title: t('audit.after'), value: entry.after },
  ].filter((i) => i.value !== null)
  if (images.length === 0) return <span className="muted">—</span>
  return (
    <details className="audit-details">
      <summary>{t('audit.show')}</summary>
      <div className="audit-json">
        {images.map((i) => (
          <div key={i.key}>
            <h3>{i.title}</h3>
            <pre>{JSON.stringify(i.value, null, 2)}</pre>
          </div>
        ))}
      </div>
    </details>
  )
}

export function AuditPage() {
  const t = useT()
  usePageTitle(t('nav.audit'))
  const { can } = useSession()
  const { values, page, key, draft, setField: set, submit, goToPage } = useListParams(FIELDS)
  const allowed = can('audit:read')
  const entries = useApi(allowed ? `audit:${key}` : null, (signal) => auditApi.search({ ...values, limit: PAGE, offset: page * PAGE }, signal))
  if (!allowed) return <NotAllowed />

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.audit')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <FilterForm onSubmit={submit} submitLabel={t('common.filter')} label={t('audit.filters')}>
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
      </FilterForm>
      <Loaded state={entries}>
        {(rows) => (
          <>
            <DataTable
              caption={t('audit.caption', { n: rows.length })}
              rows={rows}
              rowKey={(e) => e.id}
              columns={[
                { key: 'at', header: t('audit.at'), cell: (e) => formatVnDateTime(e.at) },
                { key: 'actor', header: t('audit.actor'), cell: (e) => e.actorName ?? '—' },
                { key: 'action', header: t('audit.action'), cell: (e) => (ACTIONS[e.action] ? t(ACTIONS[e.action]!) : e.action) },
                { key: 'entity', header: t('audit.entity'), cell: (e) => `${ENTITIES[e.entity] ? t(ENTITIES[e.entity]!) : e.entity}${e.entityId ? ` #${e.entityId}` : ''}` },
                { key: 'change', header: t('audit.change'), cell: (e) => <Change entry={e} /> },
              ]}
            />
            <Pager page={page} hasNext={rows.length === PAGE} onPage={goToPage} />
          </>
        )}
      </Loaded>
    </section>
  )
}
