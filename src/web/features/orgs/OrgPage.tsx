import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { ORG_KINDS } from '../../../domain/orgs/kinds.ts'
import { useI18n } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { ErrorMessage, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FormStatus } from '../../ui/Field.tsx'
import { type OrgView, orgsApi } from './api.ts'
import { OrgForm } from './OrgForm.tsx'

function OrgDetails({ org }: { org: OrgView }) {
  const { t, locale } = useI18n()
  return (
    <dl className="facts">
      <dt>{t('orgs.kind')}</dt>
      <dd>{ORG_KINDS[org.kind]?.[locale] ?? org.kindName}</dd>
      <dt>{t('orgs.head')}</dt>
      <dd>{org.headName ? `${org.headName}${org.headPosition ? ` — ${org.headPosition}` : ''}` : '—'}</dd>
      <dt>{t('orgs.parent')}</dt>
      <dd>{org.parentId ? <Link to={`/orgs/${org.parentId}`}>{org.parentName ?? `#${org.parentId}`}</Link> : '—'}</dd>
      <dt>{t('orgs.unit')}</dt>
      <dd>
        <Link to={`/units/${org.unitCode}`}>{org.unitName}</Link>
      </dd>
      <dt>{t('orgs.aliases')}</dt>
      <dd>{org.aliases.length ? <ul className="plain-list">{org.aliases.map((a) => <li key={a}>{a}</li>)}</ul> : '—'}</dd>
    </dl>
  )
}

export function OrgPage() {
  const { t } = useI18n()
  const { id } = useParams()
  const navigate = useNavigate()
  const { can } = useSession()
  const { me, unit } = useReadySession()
  const orgId = id ? Number(id) : null
  const org = useApi(orgId ? `org:${orgId}` : null, (signal) => orgsApi.get(orgId!, signal))
  const [editing, setEditing] = useState(false)
  const [status, setStatus] = useState<string | null>(null)
  usePageTitle(org.data?.name ?? t(orgId ? 'nav.orgs' : 'orgs.new'))
  const defaultUnit = unit ? { code: unit.code, label: unit.fullName } : { code: me.provinceCode, label: me.provinceCode }

  if (!can('orgs:read') || (!orgId && !can('orgs:write'))) return <NotAllowed />

  if (!orgId) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">{t('orgs.new')}</h1>
        <OrgForm
          defaultUnit={defaultUnit}
          onSubmit={async (input) => {
            const created = await orgsApi.create(input)
            navigate(`/orgs/${created.id}`)
          }}
          onCancel={() => navigate('/orgs')}
        />
      </section>
    )
  }

  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/orgs">← {t('orgs.back')}</Link>
      </p>
      <h1 id="page-title">{org.data?.name ?? t('nav.orgs')}</h1>
      {org.loading ? <Loading /> : null}
      <ErrorMessage error={org.error} />
      <FormStatus message={status} />
      {org.data && !editing ? (
        <div className="card">
          <OrgDetails org={org.data} />
          {can('orgs:write') ? (
            <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </button>
          ) : null}
        </div>
      ) : null}
      {org.data && editing ? (
        <OrgForm
          initial={org.data}
          defaultUnit={defaultUnit}
          onSubmit={async (input) => {
            await orgsApi.update(org.data!.id, input)
            setEditing(false)
            setStatus(t('common.saved'))
            org.reload()
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}
    </section>
  )
}
