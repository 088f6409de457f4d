import { Link, useNavigate, useParams } from 'react-router'
import { ORG_KINDS } from '../../../domain/orgs/kinds.ts'
import { nameIn, useI18n } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { EditableRecord } from '../../ui/EditableRecord.tsx'
import { ErrorMessage, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { headOf, type OrgView, orgsApi } from './api.ts'
import { OrgForm } from './OrgForm.tsx'

function OrgDetails({ org }: { org: OrgView }) {
  const { t, locale } = useI18n()
  return (
    <FactList
      facts={[
        { label: t('orgs.kind'), value: nameIn(ORG_KINDS, org.kind, locale) ?? org.kindName },
        { label: t('orgs.head'), value: headOf(org) },
        { label: t('orgs.parent'), value: org.parentId ? <Link to={`/orgs/${org.parentId}`}>{org.parentName ?? `#${org.parentId}`}</Link> : '—' },
        { label: t('orgs.unit'), value: <Link to={`/units/${org.unitCode}`}>{org.unitName}</Link> },
        { label: t('orgs.aliases'), value: org.aliases.length ? <ul className="plain-list">{org.aliases.map((a) => <li key={a}>{a}</li>)}</ul> : '—' },
      ]}
    />
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
      {org.loading && !org.data ? <Loading /> : null}
      <ErrorMessage error={org.error} />
      <EditableRecord
        state={org}
        canEdit={can('orgs:write')}
        details={(o) => <OrgDetails org={o} />}
        form={(o, { save, cancel }) => <OrgForm initial={o} defaultUnit={defaultUnit} onSubmit={save((input) => orgsApi.update(o.id, input))} onCancel={cancel} />}
      />
    </section>
  )
}
