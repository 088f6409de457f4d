import './board.css'
import { lazy, type ReactNode, Suspense, useMemo } from 'react'
import { Link } from 'react-router'
import { BED_KINDS } from '../../../domain/care/codes.ts'
import { shiftDay } from '../../../domain/surveillance/followup.ts'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { type MessageKey, useI18n } from '../../app/i18n.tsx'
import { useApi, usePageTitle } from '../../app/useApi.ts'
import { Loaded, Loading } from '../../ui/ErrorMessage.tsx'
import { FilterForm, useListParams } from '../../ui/ListControls.tsx'
import { PageHead } from '../../ui/PageHead.tsx'
import { LevelBadge } from '../levels/common.tsx'
import { UnitFilter } from '../surveillance/common.tsx'
import { codeName } from '../surveillance/labels.ts'
import { type ChildrenMap, unitsApi } from '../units/api.ts'
import { type BoardView, boardApi } from './api.ts'
import { useSession } from '../../app/session.tsx'

const TrendChart = lazy(() => import('./TrendChart.tsx'))
const LevelsMap = lazy(() => import('../levels/LevelsMap.tsx'))

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`)
const r2 = (x: number) => x.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/** One figure of the board with the list it comes from. */
function Tile({ id, title, figure, to, open, children }: { id: string; title: string; figure: ReactNode; to: string; open: string; children?: ReactNode }) {
  return (
    <section className="card board-tile" aria-labelledby={`board-${id}`} data-testid={`board-${id}`}>
      <h2 id={`board-${id}`}>{title}</h2>
      <div className="board-figure">{figure}</div>
      {children}
      <Link className="board-open" to={to}>
        {open}
      </Link>
    </section>
  )
}

/** Bảng điều hành: the steering committee's live picture of a unit, every number linked to its list. */
export function BoardPage() {
  const { t } = useI18n()
  usePageTitle(t('board.title'))
  const { values, key, draft, setField, submit } = useListParams(['unit'] as const)
  const state = useApi(`board:${key}`, (signal) => boardApi.board(values.unit || undefined, signal))
  return (
    <section aria-labelledby="page-title">
      <PageHead title={t('board.title')} />
      <FilterForm onSubmit={submit} submitLabel={t('board.apply')} label={t('board.filters')}>
        <UnitFilter value={draft.unit} onChange={setField('unit')} />
      </FilterForm>
      <Loaded state={state}>{(b) => <Board board={b} />}</Loaded>
    </section>
  )
}

function Board({ board: b }: { board: BoardView }) {
  const { t, locale } = useI18n()
  const { can } = useSession()
  const u = encodeURIComponent(b.unit.code)
  const casesList = can('surveillance:read') ? `/surveillance/cases?unitCode=${u}&dateField=confirmed&from=${shiftDay(b.date, -6)}&to=${b.date}` : `/analytics?unitCode=${u}`
  return (
    <>
      <p className="muted" data-testid="board-heading">
        {t('board.heading', { unit: b.unit.name, date: formatVnDate(b.date) })}
      </p>
      <div className="board-tiles">
        {b.cases ? (
          <Tile id="cases" title={t('board.cases')} figure={formatNumber(b.cases.today)} to={casesList} open={t('board.open.cases')}>
            <span>{t('board.cases7', { n: formatNumber(b.cases.last7Days) })}</span>
          </Tile>
        ) : null}
        {b.rt ? (
          <Tile id="rt" title={t('board.rt')} figure={b.rt.latest ? r2(b.rt.latest.mean) : '—'} to={`/analytics?unitCode=${u}`} open={t('board.open.rt')}>
            {b.rt.latest ? (
              <span>{t('board.rtBand', { lower: r2(b.rt.latest.lower), upper: r2(b.rt.latest.upper), from: formatVnDate(b.rt.latest.dateStart), to: formatVnDate(b.rt.latest.dateEnd) })}</span>
            ) : (
              <span className="muted">{t('board.rtNone')}</span>
            )}
          </Tile>
        ) : null}
        {b.quarantine ? (
          <Tile id="quarantine" title={t('board.quarantine')} figure={formatNumber(b.quarantine.atFacilities)} to={`/quarantine?unit=${u}`} open={t('board.open.quarantine')}>
            <span>{t('board.quarantineOf', { capacity: formatNumber(b.quarantine.capacity), share: pct(b.quarantine.occupancy) })}</span>
            <span>{t('board.quarantineHome', { n: formatNumber(b.quarantine.atHome) })}</span>
          </Tile>
        ) : null}
        {b.care ? (
          <Tile id="care" title={t('board.care')} figure={`${formatNumber(b.care.occupied)}/${formatNumber(b.care.beds)}`} to={`/care?unit=${u}`} open={t('board.open.care')}>
            {b.care.byKind.map((k) => (
              <span key={k.kind}>
                {codeName(BED_KINDS, k.kind, locale)}: {formatNumber(k.occupied)}/{formatNumber(k.beds)}
              </span>
            ))}
            <span>{t('board.homeCare', { n: formatNumber(b.care.homeCare) })}</span>
          </Tile>
        ) : null}
        {b.vaccination ? <VaccinationTile v={b.vaccination} unit={u} /> : null}
        {b.directives ? (
          <Tile id="directives" title={t('board.directives')} figure={formatNumber(b.directives.overdue)} to={`/directives?unit=${u}`} open={t('board.open.directives')}>
            <span>{t('board.directivesSince', { from: formatVnDate(b.directives.from) })}</span>
          </Tile>
        ) : null}
        {b.entry ? (
          <Tile id="entry" title={t('board.entry')} figure={formatNumber(b.entry.cases)} to={`/entry/illegal?unit=${u}&from=${b.entry.from}&to=${b.entry.to}`} open={t('board.open.entry')}>
            <span>{t('board.entryPeople', { n: formatNumber(b.entry.people), from: formatVnDate(b.entry.from) })}</span>
          </Tile>
        ) : null}
      </div>
      {b.cases || b.levels ? (
        <div className="board-wide">
          {b.cases ? (
            <section className="card" aria-labelledby="board-trend-title">
              <h2 id="board-trend-title">{t('board.trend')}</h2>
              <Suspense fallback={<Loading />}>
                <TrendChart days={b.cases.days} labels={{ title: t('board.trend'), local: t('board.local'), imported: t('board.imported') }} />
              </Suspense>
            </section>
          ) : (
            <div />
          )}
          {b.levels ? <LevelsList levels={b.levels} unit={u} /> : null}
        </div>
      ) : null}
      {b.levels && b.unit.level !== 'commune' ? <LevelsMapCard code={b.unit.code} levels={b.levels} /> : null}
      {b.omitted.length > 0 ? (
        <p className="muted" data-testid="board-omitted">
          {t('board.omitted', { sections: b.omitted.map((o) => t(`board.section.${o.section}` as MessageKey)).join(', ') })}
          {b.omitted
            .filter((o) => o.message)
            .map((o) => (
              <span key={o.section}> {o.message}</span>
            ))}
        </p>
      ) : null}
    </>
  )
}

function VaccinationTile({ v, unit }: { v: NonNullable<BoardView['vaccination']>; unit: string }) {
  const { t } = useI18n()
  const share = v.progress?.share ?? v.all.fullyShare
  return (
    <Tile id="vaccination" title={t('board.vaccination')} figure={pct(share)} to={`/tiem-chung?unit=${unit}`} open={t('board.open.vaccination')}>
      {v.target ? (
        <>
          <span>{t('board.target', { name: v.target.name, share: pct(v.target.share), deadline: formatVnDate(v.target.deadline) })}</span>
          <div className="board-bar" role="img" aria-label={t('board.targetBar', { share: pct(share), target: pct(v.target.share) })}>
            <span style={{ width: `${Math.min(1, share ?? 0) * 100}%` }} />
            <i style={{ left: `${Math.min(1, v.target.share) * 100}%` }} />
          </div>
          <span>
            {t(`board.measure.${v.target.measure}` as MessageKey)}
            {v.progress ? ` · ${t(`vac.status.${v.progress.status}` as MessageKey)}` : null}
          </span>
        </>
      ) : (
        <span>{t('board.fully', { share: pct(v.all.fullyShare) })}</span>
      )}
      {v.behind > 0 ? <span>{t('board.behind', { n: formatNumber(v.behind), total: formatNumber(v.communes) })}</span> : null}
    </Tile>
  )
}

function LevelsList({ levels, unit }: { levels: NonNullable<BoardView['levels']>; unit: string }) {
  const t = useI18n().t
  const sorted = useMemo(() => [...levels.communes].sort((a, b) => (b.level ?? 0) - (a.level ?? 0) || a.name.localeCompare(b.name, 'vi')), [levels])
  return (
    <section className="card board-levels" aria-labelledby="board-levels-title" data-testid="board-levels">
      <h2 id="board-levels-title">{t('board.levels')}</h2>
      <p>
        {(['4', '3', '2', '1'] as const).map((l) => (
          <span key={l}>
            <LevelBadge level={Number(l)} />: {formatNumber(levels.counts[l])}{' '}
          </span>
        ))}
      </p>
      <p className="muted">{t('board.levelsNone', { n: formatNumber(levels.counts['0']) })}</p>
      <p className="muted">{t('board.levelsWeek', { week: levels.week, published: formatNumber(levels.published), total: formatNumber(levels.communes.length), rules: levels.ruleSet })}</p>
      <ul>
        {sorted.map((c) => (
          <li key={c.code}>
            <span>{c.name}</span>
            <span>
              <LevelBadge level={c.level} />
              {c.since ? <span className="muted"> {t('board.since', { date: formatVnDate(c.since) })}</span> : null}
            </span>
          </li>
        ))}
      </ul>
      <Link to={`/levels?unit=${unit}`}>{t('board.open.levels')}</Link>
    </section>
  )
}

function LevelsMapCard({ code, levels }: { code: string; levels: NonNullable<BoardView['levels']> }) {
  const t = useI18n().t
  const map = useApi(`map:communes:${code}`, () => unitsApi.childrenMap(code))
  const byCode = useMemo(() => new Map(levels.communes.map((c) => [c.code, c.level])), [levels])
  return (
    <section className="card" aria-labelledby="board-map-title">
      <h2 id="board-map-title">{t('board.map')}</h2>
      <Loaded state={map}>
        {(communes) => (
          <Suspense fallback={<Loading label={t('map.loading')} />}>
            <LevelsMap communes={communes as ChildrenMap} levels={byCode} label={t('board.map')} />
          </Suspense>
        )}
      </Loaded>
    </section>
  )
}
