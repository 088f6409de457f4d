import { Link } from 'react-router'
import { unitTypeName } from '../../../domain/units/types.ts'
import { formatNumber } from '../../app/format.ts'
import { useI18n } from '../../app/i18n.tsx'
import { DataTable } from '../../ui/DataTable.tsx'
import { atFor, displayName, type UnitView, unitHref } from './api.ts'

/** The units directly under `parent` (communes of a province, hamlets of a commune…). */
export function UnitChildren({ parent, units, at }: { parent: UnitView; units: UnitView[]; at: string | undefined }) {
  const { t, locale } = useI18n()
  return (
    <section aria-labelledby="children-title" className="card">
      <h2 id="children-title">{t('units.childrenOf', { name: displayName(parent) })}</h2>
      <DataTable
        testId="unit-children"
        caption={t('units.childrenCaption', { n: units.length, name: displayName(parent) })}
        hideCaption
        rows={units}
        rowKey={(u) => u.id}
        empty={t('units.noChildren')}
        columns={[
          { key: 'name', header: t('units.name'), cell: (u) => <Link to={unitHref(u.code, at ?? atFor(u))}>{displayName(u)}</Link>, sortValue: (u) => u.name },
          { key: 'type', header: t('units.type'), cell: (u) => unitTypeName(u.unitType, locale), sortValue: (u) => u.unitType },
          { key: 'code', header: t('units.code'), cell: (u) => u.code, sortValue: (u) => u.code },
          { key: 'population', header: t('units.population'), numeric: true, cell: (u) => formatNumber(u.population), sortValue: (u) => u.population },
        ]}
      />
    </section>
  )
}
