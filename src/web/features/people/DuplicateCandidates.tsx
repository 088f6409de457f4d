import { Link } from 'react-router'
import { formatVnDate } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { useAction } from '../../ui/FormShell.tsx'
import type { DuplicateCandidate } from './api.ts'

interface Props {
  candidates: DuplicateCandidate[]
  /** "A different person": saves the record as new. */
  onDifferent: () => Promise<void>
}

/** The people a new record may duplicate, shown before it is saved. */
export function DuplicateCandidates({ candidates, onDifferent }: Props) {
  const t = useT()
  const { pending, error, run } = useAction()
  return (
    <section className="card alert alert-warning" role="alert" aria-labelledby="candidates-title" data-testid="duplicate-candidates">
      <h2 id="candidates-title">{t('people.candidates.title')}</h2>
      <p>{t('people.candidates.intro')}</p>
      <ul>
        {candidates.map((c) => (
          <li key={c.id}>
            <strong>{c.fullName}</strong> — {c.birthDate ? formatVnDate(c.birthDate) : c.birthYear}, {c.unitName}
            {c.nationalId ? `, ${t('people.nationalId')} ${c.nationalId}` : ''}
            {c.phone ? `, ${c.phone}` : ''}
            <br />
            <span className="muted">
              {t('people.candidates.similarity', { percent: Math.round(c.similarity * 100) })}; {c.reasons.map((r) => t(`people.candidates.reason.${r}`)).join(', ')}
            </span>
            <br />
            <Link to={`/people/${c.id}`}>{t('people.candidates.same')}</Link>
          </li>
        ))}
      </ul>
      <ErrorMessage error={error} />
      <button type="button" className="button-secondary" disabled={pending} onClick={() => void run(onDifferent)}>
        {t('people.candidates.different')}
      </button>
    </section>
  )
}
