import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { en } from './i18n/en.ts'
import { type MessageKey, type Messages, vi } from './i18n/vi.ts'

export type Locale = 'vi' | 'en'
export type { MessageKey }
export type Params = Record<string, string | number>
export type Translate = (key: MessageKey, params?: Params) => string

const DICTIONARIES: Record<Locale, Messages> = { vi, en }
const STORAGE_KEY = 'phongdich.locale'

export function isLocale(v: unknown): v is Locale {
  return v === 'vi' || v === 'en'
}

export function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY)
    return isLocale(v) ? v : null
  } catch {
    return null
  }
}

function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = DICTIONARIES[locale][key]
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
}

/** The name of a code in one of the domain's bilingual tables (kinds, roles, document types); undefined for a code the table lacks. */
export function nameIn<K extends string>(table: Record<K, Record<Locale, string>>, code: string, locale: Locale): string | undefined {
  return Object.hasOwn(table, code) ? table[code as K][locale] : undefined
}

interface I18n {
  locale: Locale
  t: Translate
  setLocale: (locale: Locale) => void
}

const I18nContext = createContext<I18n | null>(null)

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => storedLocale() ?? 'vi')
  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])
  const setLocale = useCallback((next: Locale) => {
    storeLocale(next)
    setLocaleState(next)
  }, [])
  const value = useMemo<I18n>(() => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }), [locale, setLocale])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useI18n outside I18nProvider')
  return ctx
}

export function useT(): Translate {
  return useI18n().t
}
