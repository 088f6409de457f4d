import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { useT } from '../../app/i18n.tsx'
import { codeOfUnitId, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { ErrorMessage, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FormStatus } from '../../ui/Field.tsx'
import { accessApi } from './api.ts'
import { UserForm } from './UserForm.tsx'

export function UserPage() {
  const t = useT()
  const { id } = useParams()
  const navigate = useNavigate()
  const { can } = useSession()
  const allowed = can('users:admin')
  const userId = id ? Number(id) : null
  const data = useApi(allowed ? `user:${userId ?? 'new'}` : null, (signal) =>
    Promise.all([accessApi.roles(signal), userId ? accessApi.user(userId, signal) : Promise.resolve(null)]),
  )
  const [status, setStatus] = useState<string | null>(null)
  usePageTitle(userId ? (data.data?.[1]?.username ?? t('nav.users')) : t('users.new'))
  if (!allowed) return <NotAllowed />

  const [roles, user] = data.data ?? [[], null]
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/admin/users">← {t('users.back')}</Link>
      </p>
      <h1 id="page-title">{userId ? t('users.editTitle', { name: user?.username ?? `#${userId}` }) : t('users.new')}</h1>
      {data.loading && !data.data ? <Loading /> : null}
      <ErrorMessage error={data.error} />
      <FormStatus message={status} />
      {data.data && (!userId || user) ? (
        <UserForm
          key={user ? `${user.id}:${user.role}:${user.unitId}:${user.active}` : 'new'}
          roles={roles}
          {...(user ? { initial: user } : {})}
          initialUnit={user ? { code: codeOfUnitId(user.unitId), label: user.unitName } : null}
          onCreate={async (input) => {
            const created = await accessApi.create(input)
            navigate(`/admin/users/${created.id}`, { replace: true })
          }}
          onUpdate={async (patch) => {
            await accessApi.update(userId!, patch)
            setStatus(t('common.saved'))
            data.reload()
          }}
          onCancel={() => navigate('/admin/users')}
        />
      ) : null}
    </section>
  )
}
