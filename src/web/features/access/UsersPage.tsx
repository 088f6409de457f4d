import { Link } from 'react-router'
import { ROLES } from '../../../domain/access/roles.ts'
import { formatVnDateTime } from '../../app/format.ts'
import { nameIn, useI18n } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { Loaded, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { accessApi } from './api.ts'

export function UsersPage() {
  const { t, locale } = useI18n()
  usePageTitle(t('nav.users'))
  const { can } = useSession()
  const allowed = can('users:admin')
  const users = useApi(allowed ? 'users' : null, (signal) => accessApi.users(signal))
  if (!allowed) return <NotAllowed />
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('nav.users')} actions={[{ to: '/admin/users/new', label: t('users.new') }]} />
      <Loaded state={users}>
        {(rows) => (
          <DataTable
            caption={t('users.caption', { n: rows.length })}
            rows={rows}
            rowKey={(u) => u.id}
            columns={[
              { key: 'username', header: t('users.username'), cell: (u) => <Link to={`/admin/users/${u.id}`}>{u.username}</Link>, sortValue: (u) => u.username },
              { key: 'name', header: t('users.displayName'), cell: (u) => u.displayName, sortValue: (u) => u.displayName },
              { key: 'role', header: t('users.role'), cell: (u) => nameIn(ROLES, u.role, locale) ?? u.role, sortValue: (u) => u.role },
              { key: 'unit', header: t('users.unit'), cell: (u) => u.unitName, sortValue: (u) => u.unitName },
              { key: 'org', header: t('users.org'), cell: (u) => u.orgName ?? '—' },
              {
                key: 'state',
                header: t('users.state'),
                cell: (u) => (
                  <span className={u.active ? 'badge badge-ok' : 'badge badge-old'}>
                    {u.active ? t('users.active') : t('users.inactive')}
                  </span>
                ),
              },
              { key: 'last', header: t('users.lastLogin'), cell: (u) => formatVnDateTime(u.lastLoginAt) || '—', sortValue: (u) => u.lastLoginAt },
            ]}
          />
        )}
      </Loaded>
    </section>
  )
}
