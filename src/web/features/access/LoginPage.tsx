import { type FormEvent, useEffect, useRef, useState } from 'react'
import { Navigate, useSearchParams } from 'react-router'
import { useT } from '../../app/i18n.tsx'
import { useSession } from '../../app/session.tsx'
import { usePageTitle } from '../../app/useApi.ts'
import { ErrorMessage, Loading } from '../../ui/ErrorMessage.tsx'
import { TextField } from '../../ui/Field.tsx'
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx'

/** Only paths inside the app are followed after login, never another site; a body's user lands on its work. */
function safeNext(next: string | null, hasBody = false): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : hasBody ? '/viec-cua-toi' : '/'
}

export function LoginPage() {
  const t = useT()
  usePageTitle(t('login.title'))
  const { status, login, session, can } = useSession()
  const [params] = useSearchParams()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [pending, setPending] = useState(false)
  const errorRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (error) errorRef.current?.focus()
  }, [error])

  if (status === 'loading') return <Loading />
  // A body's users land on its work; the Office, which follows everyone's, on the overview.
  if (status === 'ready') return <Navigate to={safeNext(params.get('next'), !!session?.me.user.orgId && can('directives:read') && !can('directives:review'))} replace />

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setPending(true)
    setError(null)
    try {
      await login(username.trim(), password)
    } catch (err) {
      setError(err)
      setPassword('')
    } finally {
      setPending(false)
    }
  }

  return (
    <div className="login-screen">
      <main id="main" className="login-card">
        <div className="login-top">
          <p className="app-name">phongdich</p>
          <LanguageSwitch />
        </div>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        <form onSubmit={submit} noValidate aria-describedby={error ? 'login-error' : undefined}>
          <div ref={errorRef} tabIndex={-1}>
            <ErrorMessage error={error} id="login-error" />
          </div>
          <TextField label={t('login.username')} value={username} onChange={setUsername} autoComplete="username" name="username" required autoCapitalize="none" spellCheck={false} />
          <TextField label={t('login.password')} value={password} onChange={setPassword} type="password" autoComplete="current-password" name="password" required />
          <button type="submit" className="button-primary" disabled={pending || !username || !password}>
            {pending ? t('login.pending') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  )
}
