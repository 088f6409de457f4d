import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError } from '../../app/api.ts'
import { formatVnDate } from '../../app/format.ts'
import { useI18n, useT } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { EditableRecord } from '../../ui/EditableRecord.tsx'
import { ErrorMessage, Loading, NotAllowed } from '../../ui/ErrorMessage.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { type DuplicateCandidate, type PersonInput, type PersonView, peopleApi } from './api.ts'
import { DuplicateCandidates } from './DuplicateCandidates.tsx'
import { MergePanel } from './MergePanel.tsx'
import { PersonDoses } from '../vaccination/PersonDoses.tsx'
import { countryName, PersonForm } from './PersonForm.tsx'

function PersonDetails({ p }: { p: PersonView }) {
  const { t, locale } = useI18n()
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
        { label: t('people.tempUnit'), value: p.tempUnitCode ? <Link to={`/units/${p.tempUnitCode}`}>{p.tempUnitName}</Link> : '—' },
        { label: t('people.tempAddress'), value: p.tempAddress ?? '—' },
        { label: t('people.workplace'), value: p.workplace ?? '—' },
        { label: t('people.nationality'), value: countryName(p.nationality, locale) ? t('people.nationalityName', { code: p.nationality, name: countryName(p.nationality, locale)! }) : p.nationality },
        { label: t('people.passportNo'), value: p.passportNo ?? '—' },
        { label: t('people.recordId'), value: `#${p.id}` },
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
  const [candidates, setCandidates] = useState<{ input: PersonInput; list: DuplicateCandidate[] } | null>(null)
  const personId = id && /^\d+$/.test(id) ? Number(id) : null
  const person = useApi(personId ? `person:${personId}` : null, (signal) => peopleApi.get(personId!, signal))
  usePageTitle(person.data?.fullName ?? t(id ? 'nav.people' : 'people.new'))
  const defaultUnit = unit && unit.level !== 'province' ? { code: unit.code, label: unit.fullName } : null

  if (!can('people:read') || (!id && !can('people:write'))) return <NotAllowed />

  if (!id) {
    const save = async (input: PersonInput, confirmedNew: boolean) => {
      setCandidates(null)
      try {
        const created = await peopleApi.create({ ...input, ...(confirmedNew ? { confirmedNew } : {}) })
        navigate(`/people/${created.id}`)
      } catch (err) {
        // Similar people in the caller's area: shown before saving, the user decides.
        if (err instanceof ApiError && err.code === 'DUPLICATE_CANDIDATES') {
          setCandidates({ input, list: (err.details as { candidates: DuplicateCandidate[] }).candidates })
          return
        }
        throw err
      }
    }
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">{t('people.new')}</h1>
        <PersonForm defaultUnit={defaultUnit} onSubmit={(input) => save(input, false)} onCancel={() => navigate('/people')}>
          {candidates ? <DuplicateCandidates candidates={candidates.list} onDifferent={() => save(candidates.input, true)} /> : null}
        </PersonForm>
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
      {person.data ? <PersonDoses personId={person.data.id} residence={{ code: person.data.unitCode, label: person.data.unitName }} /> : null}
      {person.data && can('people:write') ? <MergePanel keepId={person.data.id} onChanged={person.reload} /> : null}
    </section>
  )
}
