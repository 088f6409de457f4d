import { createContext, type ReactNode, useCallback, useContext, useId, useMemo, useState } from 'react'
import { usePolling } from '../../app/useApi.ts'
import { type NotificationView, notificationsApi } from './api.ts'

const POLL_MS = 60_000

interface Inbox {
  unread: number
  items: NotificationView[]
  error: unknown
  reload: () => void
  markRead: (n: NotificationView) => void
  readAll: () => void
  /** The bell's panel: open or not, and its element id for aria-controls. */
  open: boolean
  panelId: string
  setOpen: (open: boolean) => void
  /** Opens the panel from elsewhere on the page and moves the focus into it. */
  show: () => void
  /** Grows each time `show` is called: the panel takes the focus when it changes. */
  shown: number
}

const InboxContext = createContext<Inbox | null>(null)

/**
 * The signed-in user's notifications, polled once for the whole page: the bell and any screen
 * that shows the unread count read the same state.
 */
export function InboxProvider({ children }: { children: ReactNode }) {
  const panelId = useId()
  const [state, setState] = useState<{ unread: number; items: NotificationView[]; error: unknown }>({ unread: 0, items: [], error: null })
  const [open, setOpen] = useState(false)
  const [shown, setShown] = useState(0)
  const fail = useCallback((error: unknown) => setState((s) => ({ ...s, error })), [])
  const reload = useCallback(() => {
    notificationsApi.list().then((r) => setState({ unread: r.unread, items: r.items, error: null }), fail)
  }, [fail])
  usePolling(true, POLL_MS, reload)

  const value = useMemo<Inbox>(
    () => ({
      ...state,
      reload,
      markRead: (n) => {
        if (!n.readAt) notificationsApi.read(n.id).then(reload, fail)
      },
      readAll: () => {
        notificationsApi.readAll().then(reload, fail)
      },
      open,
      panelId,
      setOpen: (next) => {
        if (next) reload()
        setOpen(next)
      },
      show: () => {
        reload()
        setOpen(true)
        setShown((n) => n + 1)
      },
      shown,
    }),
    [state, reload, fail, open, panelId, shown],
  )
  return <InboxContext.Provider value={value}>{children}</InboxContext.Provider>
}

export function useInbox(): Inbox {
  const ctx = useContext(InboxContext)
  if (!ctx) throw new Error('useInbox outside InboxProvider')
  return ctx
}
