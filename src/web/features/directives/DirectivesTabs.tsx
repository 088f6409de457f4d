import { NavLink } from 'react-router'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'

/** The directives screens, one link each; writing screens only for those who may write. */
export function DirectivesTabs() {
  const t = useT()
  const { can } = useSession()
  const tabs = [
    { to: '/directives', label: t('dir.tab.dashboard'), end: true },
    { to: '/directives/list', label: t('dir.tab.list'), end: true },
    ...(can('directives:write')
      ? [
          { to: '/directives/import', label: t('dir.tab.import'), end: true },
          { to: '/directives/new', label: t('dir.tab.compose'), end: true },
        ]
      : []),
  ]
  return (
    <nav className="sub-nav" aria-label={t('nav.directives')}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink to={tab.to} end={tab.end}>
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
