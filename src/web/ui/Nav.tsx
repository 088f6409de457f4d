import { NavLink } from 'react-router'
import { useT } from '../app/i18n.tsx'
import { NAV } from '../app/nav.ts'
import { useSession } from '../app/session.tsx'

export function Nav({ id, open, onNavigate }: { id: string; open: boolean; onNavigate: () => void }) {
  const t = useT()
  const { can } = useSession()
  return (
    <nav id={id} className={open ? 'main-nav open' : 'main-nav'} aria-label={t('nav.label')}>
      {NAV.map((group) => {
        const items = group.items.filter((i) => (!i.permission || can(i.permission)) && (!i.anyOf || i.anyOf.some((p) => can(p))))
        if (items.length === 0) return null
        return (
          <div key={group.label} className="nav-group">
            <h2 className="nav-heading">{t(group.label)}</h2>
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === '/'} onClick={onNavigate}>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        )
      })}
    </nav>
  )
}
