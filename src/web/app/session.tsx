import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { Permission, Role } from '../../domain/access/roles.ts'
import { type UnitView, unitsApi } from '../features/units/api.ts'
import { ApiError, api, request, setCsrfToken, setUnauthorizedHandler } from './api.ts'
import { isLocale, storedLocale, useI18n } from './i18n.tsx'

export interface Me {
  user: {
    userId: number
    username: string
    displayName: string
    role: Role
    unitId: string
    unitPath: string
    orgId: number | null
    locale: string
  }
  permissions: Permission[]
  csrfToken: string
  provinceCode: string
}

export interface Session {
  me: Me
  /** The province this installation serves. */
  province: UnitView | null
  /** The unit the user answers for (their jurisdiction). */
  unit: UnitView | null
}

type Status = 'loading' | 'anonymous' | 'ready'

interface SessionApi {
  status: Status
  session: Session | null
  can: (permission: Permission) => boolean
  login: (username: string, password: string) => Promise<void>
  logout: () => Promise<void>
}

const SessionContext = createContext<SessionApi | null>(null)

/** Unit ids are "period:code"; the API addresses units by code. */
export const codeOfUnitId = (id: string) => id.slice(id.indexOf(':') + 1)

async function loadSession(): Promise<Session> {
  const me = await api.get<Me>('/api/auth/me')
  setCsrfToken(me.csrfToken)
  const unitCode = codeOfUnitId(me.user.unitId)
  // Names are for the header only: a failure here must not block the session.
  const [province, unit] = await Promise.all([
    unitsApi.get(me.provinceCode).catch(() => null),
    unitCode === me.provinceCode ? null : unitsApi.get(unitCode).catch(() => null),
  ])
  return { me, province, unit: unit ?? (unitCode === me.provinceCode ? province : null) }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const { setLocale } = useI18n()
  const [status, setStatus] = useState<Status>('loading')
  const [session, setSession] = useState<Session | null>(null)

  const adopt = useCallback(
    (s: Session, preferLocal: boolean) => {
      const saved = s.me.user.locale
      const chosen = storedLocale()
      // A language picked on the login page is the user's latest choice: keep it and save it.
      if (preferLocal && chosen && chosen !== saved) api.put('/api/auth/locale', { locale: chosen }).catch(() => undefined)
      else if (isLocale(saved)) setLocale(saved)
      setSession(s)
      setStatus('ready')
    },
    [setLocale],
  )

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null)
      setSession(null)
      setStatus('anonymous')
    })
    let alive = true
    loadSession().then(
      (s) => alive && adopt(s, false),
      (err: unknown) => {
        if (!alive) return
        if (!(err instanceof ApiError && err.status === 401)) console.error(err)
        setStatus('anonymous')
      },
    )
    return () => {
      alive = false
      setUnauthorizedHandler(null)
    }
  }, [adopt])

  const login = useCallback(
    async (username: string, password: string) => {
      const r = await request<{ csrfToken: string }>('/api/auth/login', { method: 'POST', body: { username, password }, allowUnauthenticated: true })
      setCsrfToken(r.csrfToken)
      adopt(await loadSession(), true)
    },
    [adopt],
  )

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', {})
    } finally {
      setCsrfToken(null)
      setSession(null)
      setStatus('anonymous')
    }
  }, [])

  const value = useMemo<SessionApi>(
    () => ({
      status,
      session,
      login,
      logout,
      can: (p) => session?.me.permissions.includes(p) ?? false,
    }),
    [status, session, login, logout],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext)
  if (!ctx) throw new Error('useSession outside SessionProvider')
  return ctx
}

/** The session of a screen behind the login (the router guarantees it exists). */
export function useReadySession(): Session {
  const { session } = useSession()
  if (!session) throw new Error('screen rendered without a session')
  return session
}
