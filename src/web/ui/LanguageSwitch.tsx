import { api } from '../app/api.ts'
import { type Locale, useI18n } from '../app/i18n.tsx'
import { useSession } from '../app/session.tsx'

const CHOICES: { locale: Locale; label: string; name: string }[] = [
  { locale: 'vi', label: 'VI', name: 'Tiếng Việt' },
  { locale: 'en', label: 'EN', name: 'English' },
]

/** Switches the interface language; a signed-in user's choice is saved with their account. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n()
  const { session } = useSession()
  const choose = (next: Locale) => {
    if (next === locale) return
    setLocale(next)
    if (session) api.put('/api/auth/locale', { locale: next }).catch(() => undefined)
  }
  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t('lang.label')}</legend>
      {CHOICES.map((c) => (
        <button
          key={c.locale}
          type="button"
          lang={c.locale}
          aria-pressed={c.locale === locale}
          aria-label={c.name}
          title={c.name}
          onClick={() => choose(c.locale)}
        >
          {c.label}
        </button>
      ))}
    </fieldset>
  )
}
