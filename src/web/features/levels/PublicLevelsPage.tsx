import { lazy, Suspense, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router'
import { fold } from '../../../domain/text/fold.ts'
import { isoToVn } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { Loaded, Loading } from '../../ui/ErrorMessage.tsx'
import { TextField } from '../../ui/Field.tsx'
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx'
import type { ChildrenMap } from '../units/api.ts'
import { levelsApi } from './api.ts'
import { ConfidenceMark, LevelBadge } from './common.tsx'

const LevelsMap = lazy(() => import('./LevelsMap.tsx'))

/** The public page: no login, no personal data — every commune's level in force and its measures. */
export function PublicLevelsPage() {
  const t = useT()
  usePageTitle(t('lv.public.title'))
  const [params] = useSearchParams()
  const unit = params.get('unit') ?? undefined
  const levels = useApi(`public:levels:${unit ?? ''}`, (signal) => levelsApi.publicLevels(unit ?? '', signal))
  const map = useApi(`public:map:${unit ?? ''}`, (signal) => levelsApi.publicMap(unit ?? '', signal))
  const [q, setQ] = useState('')
  const searching = fold(q).trim().length >= 2
  const found = useApi(searching ? `public:search:${fold(q).trim()}` : null, (signal) => levelsApi.publicSearch(q, signal))
  const byCode = useMemo(() => new Map((levels.data ?? []).map((l) => [l.code, l.level])), [levels.data])
  return (
    <main className="public-page" aria-labelledby="page-title">
      <header>
        <h1 id="page-title">{t('lv.public.title')}</h1>
        <p>{map.data ? map.data.unit.name : ''}</p>
        <LanguageSwitch />
      </header>
      <p className="muted">{t('lv.public.intro')}</p>
      <Loaded state={levels}>
        {(rows) => {
          const shown = searching ? (found.data ?? []) : rows.map((r) => ({ ...r, formerNames: [] as string[] }))
          return (
            <>
              {map.data ? (
                <Suspense fallback={<Loading label={t('map.loading')} />}>
                  <LevelsMap communes={map.data as unknown as ChildrenMap} levels={byCode} label={t('lv.public.map')} />
                </Suspense>
              ) : null}
              <TextField label={t('lv.public.search')} value={q} onChange={setQ} hint={t('lv.public.searchHint')} />
              <DataTable
                caption={t('lv.public.table')}
                testId="public-levels"
                rows={shown}
                rowKey={(r) => r.code}
                empty={t('lv.public.none')}
                columns={[
                  {
                    key: 'name',
                    header: t('lv.unit'),
                    cell: (r) => (
                      <>
                        {r.name}
                        {r.formerNames.length ? <div className="muted">{t('lv.public.former', { names: r.formerNames.join(', ') })}</div> : null}
                      </>
                    ),
                    sortValue: (r) => r.name,
                  },
                  { key: 'level', header: t('lv.levelCol'), cell: (r) => <LevelBadge level={r.level} />, sortValue: (r) => r.level },
                  { key: 'since', header: t('lv.public.since'), cell: (r) => (r.since ? isoToVn(r.since) : '—') },
                  { key: 'measures', header: t('lv.public.measures'), cell: (r) => (r.measuresUrl ? <a href={r.measuresUrl}>{t('lv.public.seeMeasures')}</a> : '—') },
                ]}
              />
            </>
          )
        }}
      </Loaded>
      <p>
        <a href="/cong-khai/cap-do/bien-phap">{t('lv.public.allMeasures')}</a>
      </p>
    </main>
  )
}

export function PublicMeasuresPage() {
  const t = useT()
  usePageTitle(t('lv.public.measuresTitle'))
  const state = useApi('public:measures', (signal) => levelsApi.measures(signal))
  return (
    <main className="public-page" aria-labelledby="page-title">
      <header>
        <h1 id="page-title">{t('lv.public.measuresTitle')}</h1>
        <LanguageSwitch />
      </header>
      <Loaded state={state}>
        {(m) => (
          <>
            <p className="muted">{m.source}</p>
            {(['1', '2', '3', '4'] as const).map((l) => (
              <section key={l} id={`cap-${l}`} className="card">
                <h2>
                  <LevelBadge level={Number(l)} name={t(`lv.levelName.${l}`)} />
                </h2>
                <dl className="measures">
                  {m.levels[l].map((x) => (
                    <div key={x.area}>
                      <dt>{m.areas[x.area]}</dt>
                      <dd>
                        {x.text} <ConfidenceMark confidence={x.confidence} />
                      </dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </>
        )}
      </Loaded>
    </main>
  )
}
