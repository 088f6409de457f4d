import { Link, useNavigate, useParams } from 'react-router'
import { ORG_KINDS } from '../../../domain/orgs/kinds.ts'
import { nameIn, useI18n } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { EditableRecord } from '../../ui/EditableRecord.tsx'
import { ErrorMessage, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { formatVnDate } from '../../app/format.ts'
import { headOf, type OrgDetail, type OrgView, orgsApi, validityOf } from './api.ts'
import { OrgForm } from './OrgForm.tsx'

function OrgLinks({ links }: { links: OrgDetail['successors'] }) {
  const { t } = useI18n()
  if (links.length === 0) return <>—</>
  return (
    <ul className="plain-list">
      {links.map((l) => (
        <li key={l.id}>
          <Link to={`/orgs/${l.id}`}>{l.name}</Link> ({t('orgs.linkFrom', { kind: t(`orgs.link.${l.kind}`), date: formatVnDate(l.effectiveOn) })})
        </li>
      ))}
    </ul>
  )
}

function OrgDetails({ org }: { org: OrgView | OrgDetail }) {
  const { t, locale } = useI18n()
  const detail = 'successors' in org ? org : null
  return (
    <FactList
      facts={[
        { label: t('orgs.kind'), value: nameIn(ORG_KINDS, org.kind, locale) ?? org.kindName },
        { label: t('orgs.head'), value: headOf(org) },
        { label: t('orgs.parent'), value: org.parentId ? <Link to={`/orgs/${org.parentId}`}>{org.parentName ?? `#${org.parentId}`}</Link> : '—' },
        { label: t('orgs.unit'), value: <Link to={`/units/${org.unitCode}`}>{org.unitName}</Link> },
        { label: t('orgs.aliases'), value: org.aliases.length ? <ul className="plain-list">{org.aliases.map((a) => <li key={a}>{a}</li>)}</ul> : '—' },
        { label: t('orgs.validity'), value: validityOf(org, t) },
        ...(org.servedUnit ? [{ label: t('orgs.servedUnit'), value: org.servedUnit }] : []),
        ...(detail && (detail.successors.length || detail.validTo) ? [{ label: t('orgs.successors'), value: <OrgLinks links={detail.successors} /> }] : []),
        ...(detail?.predecessors.length ? [{ label: t('orgs.predecessors'), value: <OrgLinks links={detail.predecessors} /> }] : []),
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
