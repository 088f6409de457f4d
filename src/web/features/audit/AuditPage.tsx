import { formatVnDateTime } from '../../app/format.ts'
import { type Locale, nameIn, useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { DateInput } from '../../ui/DateInput.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { FilterForm, Pager, useListParams } from '../../ui/ListControls.tsx'
import { type AuditEntry, auditApi } from './api.ts'
import { ACTIONS, ENTITIES, ENTITY_FILTER, FIELDS, HIDDEN_FIELDS } from './labels.ts'

const PAGE = 100
const FILTER_FIELDS = ['actor', 'entity', 'action', 'from', 'to'] as const

type Image = Record<string, unknown> | null

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}

/** The fields an entry records: what changed for an update, the values otherwise. */
function fieldsOf(entry: AuditEntry): { key: string; before?: unknown; after: unknown }[] {
  const before = entry.before as Image
  const after = entry.after as Image
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !HIDDEN_FIELDS.has(k))
  if (before && after) {
    return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => ({ key: k, before: before[k], after: after[k] }))
  }
  const image = after ?? before ?? {}
  return keys.filter((k) => k !== 'id').map((k) => ({ key: k, after: image[k] }))
}

function Change({ entry }: { entry: AuditEntry }) {
  const { t, locale } = useI18n()
  const fields = fieldsOf(entry)
  if (fields.length === 0) return <span className="muted">—</span>
  const label = (k: string) => nameIn(FIELDS, k, locale) ?? k
  const isUpdate = entry.before !== null && entry.after !== null
  return (
    <details className="audit-details">
      <summary>{t('audit.show', { n: fields.length })}</summary>
      <dl className="audit-fields">
        {fields.map((f) => (
          <div key={f.key}>
            <dt>{label(f.key)}</dt>
            <dd>
              {isUpdate ? (
                <>
                  <del>{show(f.before)}</del> → <ins>{show(f.after)}</ins>
                </>
              ) : (
                show(f.after)
              )}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  )
}

/** "Văn bản chỉ đạo: 12-CT/TU"; a sign-in names no row (the person is in the actor column). */
function entityText(e: AuditEntry, locale: Locale): string {
  if (e.entity === 'session') return '—'
  const kind = nameIn(ENTITIES, e.entity, locale) ?? e.entity
  if (e.subject) return `${kind}: ${e.subject}`
  return e.entityId ? `${kind} #${e.entityId}` : kind
}

export function AuditPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('nav.audit'))
  const { can } = useSession()
  const { values, page, key, draft, setField: set, submit, goToPage } = useListParams(FILTER_FIELDS)
  const allowed = can('audit:read')
  const entries = useApi(allowed ? `audit:${key}` : null, (signal) => auditApi.search({ ...values, limit: PAGE, offset: page * PAGE }, signal))
  if (!allowed) return <NotAllowed />

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('nav.audit')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <FilterForm onSubmit={submit} submitLabel={t('common.filter')} label={t('audit.filters')}>
        <TextField label={t('audit.actor')} value={draft.actor} onChange={set('actor')} />
        <SelectField label={t('audit.entity')} value={draft.entity} onChange={set('entity')} options={[{ value: '', label: t('audit.any') }, ...ENTITY_FILTER.map((value) => ({ value, label: ENTITIES[value]![locale] }))]} />
        <SelectField
          label={t('audit.action')}
          value={draft.action}
          onChange={set('action')}
          options={[{ value: '', label: t('audit.any') }, ...Object.entries(ACTIONS).map(([value, names]) => ({ value, label: names[locale] }))]}
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
                {
                  key: 'actor',
                  header: t('audit.actor'),
                  cell: (e) => (e.actorDisplayName && e.actorDisplayName !== e.actorName ? `${e.actorDisplayName} (${e.actorName})` : (e.actorName ?? '—')),
                },
                { key: 'action', header: t('audit.action'), cell: (e) => nameIn(ACTIONS, e.action, locale) ?? e.action },
                { key: 'entity', header: t('audit.entity'), cell: (e) => entityText(e, locale) },
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
