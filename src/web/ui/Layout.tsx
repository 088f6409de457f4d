import { useEffect, useRef, useState } from 'react'
import { Link, Outlet, useLocation, useNavigate } from 'react-router'
import { ROLES } from '../../domain/access/roles.ts'
import { useI18n } from '../app/i18n.tsx'
import { useReadySession, useSession } from '../app/session.tsx'
import { InboxProvider } from '../features/notifications/inbox.tsx'
import { NotificationBell } from '../features/notifications/NotificationBell.tsx'
import { LanguageSwitch } from './LanguageSwitch.tsx'
import { Nav } from './Nav.tsx'

const NAV_ID = 'main-navigation'

const sameName = (a: string, b: string) => a.normalize('NFC').trim().toLocaleLowerCase('vi') === b.normalize('NFC').trim().toLocaleLowerCase('vi')

export function Layout() {
  const { t, locale } = useI18n()
  const { logout } = useSession()
  const { me, province, unit } = useReadySession()
  const navigate = useNavigate()
  const location = useLocation()
  const [menuOpen, setMenuOpen] = useState(false)

  const firstPath = useRef(location.pathname)

  // After following a link, the menu gets out of the way (phones) and screen readers and
  // keyboards start at the new content instead of the top of the page.
  useEffect(() => {
    setMenuOpen(false)
    if (location.pathname === firstPath.current) return
    firstPath.current = ''
    document.getElementById('main')?.focus()
  }, [location.pathname])

  const signOut = async () => {
    await logout().catch(() => undefined)
    navigate('/login', { replace: true })
  }

  return (
    <InboxProvider>
      <div className="app">
        <a className="skip-link" href="#main">
          {t('layout.skip')}
        </a>
        <header className="app-header">
          <div className="brand">
            <Link to="/" className="app-name">
              phongdich
            </Link>
            {province ? <span className="province-name">{province.fullName}</span> : null}
          </div>
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls={NAV_ID}
            aria-label={menuOpen ? t('layout.closeMenu') : t('layout.openMenu')}
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span aria-hidden="true">{menuOpen ? '✕' : '☰'}</span>
            <span className="menu-button-text">{t('layout.menu')}</span>
          </button>
          <div className="user-area">
            <p className="user-info">
              <span className="user-name">{me.user.displayName}</span>
              <span className="user-role">{ROLES[me.user.role]?.[locale] ?? me.user.role}</span>
              {/* An account named after its unit ("Phường Rạch Giá") shows the name once. */}
              {unit && !sameName(unit.fullName, me.user.displayName) ? <span className="user-unit">{unit.fullName}</span> : null}
            </p>
            <NotificationBell />
            <LanguageSwitch />
            <button type="button" className="button-secondary" onClick={signOut}>
              {t('layout.logout')}
            </button>
          </div>
        </header>
        <div className="app-body">
          <Nav id={NAV_ID} open={menuOpen} onNavigate={() => setMenuOpen(false)} />
          <main id="main" tabIndex={-1} className="app-main">
            <Outlet />
          </main>
        </div>
        <footer className="app-footer">
          <p>{t('layout.footer')}</p>
        </footer>
      </div>
    </InboxProvider>
  )
}
