import { Link } from 'react-router'
import { unitTypeName } from '../../../domain/units/types.ts'
import { useI18n } from '../../app/i18n.tsx'
import { atFor, type UnitHistory, type UnitLink, unitHref } from './api.ts'

function LinkList({ links }: { links: UnitLink[] }) {
  const { t, locale } = useI18n()
  return (
    <ul className="history-list">
      {links.map((l) => (
        <li key={`${l.period}:${l.code}`}>
          <Link to={unitHref(l.code, atFor(l))}>
            {unitTypeName(l.unitType, locale)} {l.name}
          </Link>{' '}
          <span className="muted">({l.code})</span>{' '}
          <span className={l.kind === 'full' ? 'badge' : 'badge badge-old'}>{l.kind === 'full' ? t('units.whole') : t('units.part')}</span>
        </li>
      ))}
    </ul>
  )
}

/** How the 2025 reorganisation joined old units into new ones, seen from either side. */
export function UnitHistorySection({ history }: { history: UnitHistory }) {
  const { t } = useI18n()
  const { madeOf, becameInto } = history
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('units.history')}</h2>
      {madeOf.length === 0 && becameInto.length === 0 ? <p>{t('units.noHistory')}</p> : null}
      {madeOf.length > 0 ? (
        <>
          <h3>{t('units.madeOf')}</h3>
          <LinkList links={madeOf} />
        </>
      ) : null}
      {becameInto.length > 0 ? (
        <>
          <h3>{t('units.becameInto')}</h3>
          <LinkList links={becameInto} />
        </>
      ) : null}
    </section>
  )
}
