import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError } from '../../app/api.ts'
import { formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { ErrorMessage, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FormStatus } from '../../ui/Field.tsx'
import { type PersonView, peopleApi } from './api.ts'
import { PersonForm } from './PersonForm.tsx'

function PersonDetails({ p }: { p: PersonView }) {
  const t = useT()
  const sex = p.sex === 'male' || p.sex === 'female' || p.sex === 'other' ? t(`people.sex.${p.sex}`) : '—'
  return (
    <dl className="facts">
      <dt>{t('people.birthDate')}</dt>
      <dd>{p.birthDate ? formatVnDate(p.birthDate) : p.birthYear ? t('people.yearOnly', { year: p.birthYear }) : '—'}</dd>
      <dt>{t('people.sex')}</dt>
      <dd>{sex}</dd>
      <dt>{t('people.nationalId')}</dt>
      <dd>{p.nationalId ?? '—'}</dd>
      <dt>{t('people.phone')}</dt>
      <dd>{p.phone ?? '—'}</dd>
      <dt>{t('people.unit')}</dt>
      <dd>
        <Link to={`/units/${p.unitCode}`}>{p.unitName}</Link>
      </dd>
      <dt>{t('people.address')}</dt>
      <dd>{p.address ?? '—'}</dd>
      <dt>{t('people.nationality')}</dt>
      <dd>{p.nationality}</dd>
    </dl>
  )
}

/** 404 and 403 read the same: saying which would reveal that a record exists elsewhere. */
function isDenied(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 404 || err.status === 403)
}

export function PersonPage() {
  const t = useT()
  const { id } = useParams()
  const navigate = useNavigate()
  const { can } = useSession()
  const { unit } = useReadySession()
  const personId = id && /^\d+$/.test(id) ? Number(id) : null
  const person = useApi(personId ? `person:${personId}` : null, (signal) => peopleApi.get(personId!, signal))
  const [editing, setEditing] = useState(false)
  const [status, setStatus] = useState<string | null>(null)
  usePageTitle(person.data?.fullName ?? t(id ? 'nav.people' : 'people.new'))
  const defaultUnit = unit && unit.level !== 'province' ? { code: unit.code, label: unit.fullName } : null

  if (!can('people:read') || (!id && !can('people:write'))) return <NotAllowed />

  if (!id) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">{t('people.new')}</h1>
        <PersonForm
          defaultUnit={defaultUnit}
          onSubmit={async (input) => {
            const created = await peopleApi.create(input)
            navigate(`/people/${created.id}`)
          }}
          onCancel={() => navigate('/people')}
        />
      </section>
    )
  }

  const denied = personId === null || isDenied(person.error)
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/people">← {t('people.back')}</Link>
      </p>
      <h1 id="page-title">{person.data?.fullName ?? t('people.record')}</h1>
      {person.loading ? <Loading /> : null}
      {denied ? (
        <div className="alert alert-warning" role="alert" data-testid="person-denied">
          <p>{t('people.denied')}</p>
        </div>
      ) : (
        <ErrorMessage error={person.error} />
      )}
      <FormStatus message={status} />
      {person.data && !editing ? (
        <div className="card">
          <PersonDetails p={person.data} />
          {can('people:write') ? (
            <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </button>
          ) : null}
        </div>
      ) : null}
      {person.data && editing ? (
        <PersonForm
          initial={person.data}
          defaultUnit={defaultUnit}
          onSubmit={async (input) => {
            await peopleApi.update(person.data!.id, input)
            setEditing(false)
            setStatus(t('common.saved'))
            person.reload()
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}
    </section>
  )
}
