import { type FormEvent, useEffect, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { unitTypeName } from '../../../domain/units/types.ts'
import { formatVnDate } from '../../app/format.ts'
import { type Translate, useI18n } from '../../app/i18n.tsx'
import { useApi } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { Loaded } from '../../ui/ErrorMessage.tsx'
import { displayName, type UnitSearchResult, unitHref, unitsApi } from './api.ts'

const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/** "Current", or when the unit stopped (or started) being valid relative to the chosen date. */
export function validityLabel(u: UnitSearchResult, t: Translate): string {
  if (u.current) return t('units.current')
  if (u.validTo) return t('units.before', { date: formatVnDate(dayAfter(u.validTo)) })
  if (u.validFrom) return t('units.from', { date: formatVnDate(u.validFrom) })
  return t('units.notCurrent')
}

export function UnitSearch({ at }: { at: string | undefined }) {
  const { t, locale } = useI18n()
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const [text, setText] = useState(q)
  useEffect(() => setText(q), [q])
  const results = useApi(q.trim() ? `search:${q}:${at ?? ''}` : null, (signal) => unitsApi.search(q, at, signal, 50))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const p = new URLSearchParams(params)
    if (text.trim()) p.set('q', text.trim())
    else p.delete('q')
    setParams(p, { replace: true })
  }

  return (
    <section aria-labelledby="unit-search-title" className="card">
      <h2 id="unit-search-title">{t('units.searchTitle')}</h2>
      <form role="search" className="inline-form" onSubmit={submit}>
        <label htmlFor="unit-search-q">{t('units.searchLabel')}</label>
        <input id="unit-search-q" type="search" value={text} onChange={(e) => setText(e.target.value)} aria-describedby="unit-search-hint" />
        <button type="submit" className="button-primary">
          {t('common.search')}
        </button>
        <p id="unit-search-hint" className="hint">
          {t('units.searchHint')}
        </p>
      </form>
      <Loaded state={results}>
        {(found) => (
          <DataTable
            testId="unit-search-results"
            caption={t('units.searchResults', { n: found.length, q })}
            rows={found}
            rowKey={(r) => r.id}
            columns={[
              { key: 'name', header: t('units.name'), cell: (r) => <Link to={unitHref(r.code, r.current ? at : (r.validTo ?? r.validFrom ?? at))}>{displayName(r)}</Link> },
              { key: 'type', header: t('units.type'), cell: (r) => unitTypeName(r.unitType, locale) },
              { key: 'parent', header: t('units.parent'), cell: (r) => r.parentName ?? '—' },
              { key: 'code', header: t('units.code'), cell: (r) => r.code },
              {
                key: 'validity',
                header: t('units.validity'),
                cell: (r) => <span className={r.current ? 'badge badge-ok' : 'badge badge-old'}>{validityLabel(r, t)}</span>,
              },
            ]}
          />
        )}
      </Loaded>
    </section>
  )
}
