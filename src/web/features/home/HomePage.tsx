import { Link } from 'react-router'
import { formatNumber } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { LEADS, NAV } from '../../app/nav.ts'
import { useReadySession, useSession } from '../../app/session.tsx'
import { usePageTitle } from '../../app/useApi.ts'
import { FactList } from '../../ui/FactList.tsx'
import { TodayNumbers } from '../surveillance/TodayNumbers.tsx'
import { ProvinceMap, useProvinceMap } from '../units/ProvinceMap.tsx'
import { DirectivesPanel } from './DirectivesPanel.tsx'
import { JobsStrip } from './JobsStrip.tsx'

export function HomePage() {
  const t = useT()
  usePageTitle(t('nav.home'))
  const { can } = useSession()
  const { me, province } = useReadySession()
  const map = useProvinceMap(me.provinceCode)
  const communes = map.data?.[1].children.features.length
  const links = NAV.flatMap((g) => g.items).filter((i) => i.to !== '/' && (!i.permission || can(i.permission)) && (!i.anyOf || i.anyOf.some((p) => can(p))))

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{province ? province.fullName : t('nav.home')}</h1>
      <JobsStrip />
      {can('analytics:read') && LEADS.some((p) => can(p)) ? (
        <p className="card home-board">
          <Link to="/bang-dieu-hanh" data-testid="home-board">
            {t('board.home')}
          </Link>
        </p>
      ) : null}
      {can('surveillance:read') ? <TodayNumbers withLink /> : null}
      <div className="home-grid">
        <section className="card" aria-labelledby="summary-title">
          <h2 id="summary-title">{t('home.summary')}</h2>
          <FactList
            facts={[
              { label: t('home.province'), value: province ? `${province.fullName} (${t('units.codeShort')} ${province.code})` : '—' },
              { label: t('home.communes'), value: communes === undefined ? '…' : formatNumber(communes), testId: 'commune-count' },
              {
                label: t('home.population'),
                value: (
                  <>
                    {province?.population ? formatNumber(province.population) : '—'}
                    {province?.populationYear ? <span className="muted"> ({t('units.populationYear', { year: province.populationYear })})</span> : null}
                  </>
                ),
              },
            ]}
          />
          <p>
            <Link to="/map">{t('home.openMap')}</Link> · <Link to={`/units/${me.provinceCode}`}>{t('home.openUnit')}</Link>
          </p>
        </section>
        <section className="card home-map" aria-labelledby="home-map-title">
          <h2 id="home-map-title">{t('home.mapTitle')}</h2>
          <ProvinceMap data={map} compact />
        </section>
      </div>
      {can('directives:read') ? <DirectivesPanel /> : null}
      <section aria-labelledby="contexts-title">
        <h2 id="contexts-title">{t('home.contexts')}</h2>
        <ul className="context-links">
          {links.map((l) => (
            <li key={l.to}>
              <Link to={l.to}>{t(l.label)}</Link>
            </li>
          ))}
        </ul>
      </section>
    </section>
  )
}
