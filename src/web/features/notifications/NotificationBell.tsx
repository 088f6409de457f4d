import { useEffect, useRef } from 'react'
import { Link } from 'react-router'
import { formatVnDateTime } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { ErrorMessage } from '../../ui/ErrorMessage.tsx'
import { useInbox } from './inbox.tsx'

function BellIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.7 21a2 2 0 0 1-3.4 0" />
    </svg>
  )
}

/** The bell in the header: unread count, and a panel of the latest notifications with their links. */
export function NotificationBell() {
  const t = useT()
  const { unread, items, error, open, setOpen, panelId, shown, markRead, readAll } = useInbox()
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)

  // The panel closes like a menu: a click elsewhere, or Escape (focus goes back to the bell).
  useEffect(() => {
    if (!open) return
    const outside = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false)
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      setOpen(false)
      buttonRef.current?.focus()
    }
    document.addEventListener('mousedown', outside)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('mousedown', outside)
      document.removeEventListener('keydown', onKey)
    }
  }, [open, setOpen])

  // Opened from another part of the page: the reader is taken to the panel.
  useEffect(() => {
    if (shown > 0) panelRef.current?.focus()
  }, [shown])

  return (
    <div className="bell" ref={rootRef}>
      <button ref={buttonRef} type="button" className="bell-button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        <BellIcon />
        <span className="visually-hidden">{t('notif.title')}</span>
        {unread > 0 ? <span className="bell-count">{t('notif.unread', { n: unread })}</span> : null}
      </button>
      {open ? (
        <div id={panelId} ref={panelRef} tabIndex={-1} className="bell-panel" role="region" aria-label={t('notif.title')}>
          <div className="bell-head">
            <h2>{t('notif.title')}</h2>
            <button type="button" className="button-link" disabled={unread === 0} onClick={readAll}>
              {t('notif.readAll')}
            </button>
          </div>
          <ErrorMessage error={error} />
          {items.length === 0 ? <p className="muted">{t('notif.none')}</p> : null}
          <ul className="bell-list">
            {items.map((n) => (
              <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
                {n.link ? (
                  <Link
                    to={n.link}
                    onClick={() => {
                      markRead(n)
                      setOpen(false)
                    }}
                  >
                    {n.title}
                  </Link>
                ) : (
                  <strong>{n.title}</strong>
                )}
                {n.body ? <p className="bell-body">{n.body}</p> : null}
                <p className="muted bell-meta">
                  {formatVnDateTime(n.createdAt)}
                  {!n.readAt ? (
                    <>
                      {' · '}
                      <button type="button" className="button-link" onClick={() => markRead(n)} aria-label={t('notif.markReadFor', { title: n.title })}>
                        {t('notif.markRead')}
                      </button>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  )
}
