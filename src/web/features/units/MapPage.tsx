import { Link } from 'react-router'
import { formatNumber } from '../../app/format.ts'
import { useT } from '../../app/i18n.tsx'
import { useReadySession, useSession } from '../../app/session.tsx'
import { usePageTitle } from '../../app/useApi.ts'
import { DataTable } from '../../ui/DataTable.tsx'
import { NotAllowed } from '../../ui/ErrorMessage.tsx'
import type { CommuneProperties } from './api.ts'
import { ProvinceMap, useProvinceMap } from './ProvinceMap.tsx'

export function MapPage() {
  const t = useT()
  usePageTitle(t('nav.map'))
  const { can } = useSession()
  const { me } = useReadySession()
  const data = useProvinceMap(me.provinceCode)
  if (!can('units:read')) return <NotAllowed />
  const communes = data.data?.[1]
  return (
    <section aria-labelledby="page-title" className="map-page">
      <h1 id="page-title">{communes ? t('map.title', { name: communes.unit.fullName }) : t('nav.map')}</h1>
      <p className="muted">{t('map.intro')}</p>
      <ProvinceMap data={data} />
      {communes ? <CommuneTable rows={communes.children.features.map((f) => f.properties)} /> : null}
    </section>
  )
}

/** The same communes as the map, as a table: for keyboards, screen readers and exact figures. */
export function CommuneTable({ rows }: { rows: CommuneProperties[] }) {
  const t = useT()
  return (
    <DataTable
      testId="commune-table"
      caption={t('map.tableCaption', { n: rows.length })}
      rows={rows}
      rowKey={(r) => r.code}
      columns={[
        { key: 'name', header: t('units.name'), cell: (r) => <Link to={`/units/${r.code}`}>{r.fullName}</Link>, sortValue: (r) => r.name },
        { key: 'code', header: t('units.code'), cell: (r) => r.code },
        { key: 'population', header: t('units.population'), numeric: true, cell: (r) => formatNumber(r.population), sortValue: (r) => r.population },
        { key: 'area', header: t('units.area'), numeric: true, cell: (r) => formatNumber(r.areaKm2), sortValue: (r) => r.areaKm2 },
        { key: 'density', header: t('units.density'), numeric: true, cell: (r) => formatNumber(r.density), sortValue: (r) => r.density },
      ]}
    />
  )
}
