import { Link, useNavigate, useParams } from 'react-router'
import { ApiError } from '../../app/api.ts'
import { formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { EditableRecord } from '../../ui/EditableRecord.tsx'
import { ErrorMessage, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { type PersonView, peopleApi } from './api.ts'
import { PersonForm } from './PersonForm.tsx'

function PersonDetails({ p }: { p: PersonView }) {
  const t = useT()
  const sex = p.sex === 'male' || p.sex === 'female' || p.sex === 'other' ? t(`people.sex.${p.sex}`) : '—'
  return (
    <FactList
      facts={[
        { label: t('people.birthDate'), value: p.birthDate ? formatVnDate(p.birthDate) : p.birthYear ? t('people.yearOnly', { year: p.birthYear }) : '—' },
        { label: t('people.sex'), value: sex },
        { label: t('people.nationalId'), value: p.nationalId ?? '—' },
        { label: t('people.phone'), value: p.phone ?? '—' },
        { label: t('people.unit'), value: <Link to={`/units/${p.unitCode}`}>{p.unitName}</Link> },
        { label: t('people.address'), value: p.address ?? '—' },
        { label: t('people.nationality'), value: p.nationality },
      ]}
    />
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
      {person.loading && !person.data ? <Loading /> : null}
      {denied ? (
        <div className="alert alert-warning" role="alert" data-testid="person-denied">
          <p>{t('people.denied')}</p>
        </div>
      ) : (
        <ErrorMessage error={person.error} />
      )}
      <EditableRecord
        state={person}
        canEdit={can('people:write')}
        details={(p) => <PersonDetails p={p} />}
        form={(p, { save, cancel }) => <PersonForm initial={p} defaultUnit={defaultUnit} onSubmit={save((input) => peopleApi.update(p.id, input))} onCancel={cancel} />}
      />
    </section>
  )
}
