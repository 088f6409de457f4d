import { Link } from 'react-router'
import { unitTypeName } from '../../../domain/units/types.ts'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { type MessageKey, useI18n } from '../../app/i18n.tsx'
import { FactList } from '../../ui/FactList.tsx'
import { atFor, type UnitView, unitHref } from './api.ts'

const LEVELS: Record<string, MessageKey> = {
  province: 'level.province',
  district: 'level.district',
  commune: 'level.commune',
  hamlet: 'level.hamlet',
  group: 'level.group',
}

const METHODS: Record<string, MessageKey> = {
  census: 'popMethod.census',
  sum: 'popMethod.sum',
  'equal-share': 'popMethod.equalShare',
  'area-share': 'popMethod.areaShare',
  imported: 'popMethod.imported',
}

function Population({ unit }: { unit: UnitView }) {
  const { t } = useI18n()
  if (unit.population === null) return <>{t('units.noPopulation')}</>
  const method = unit.populationMethod ? METHODS[unit.populationMethod] : undefined
  const source = [
    unit.populationYear ? t('units.populationYear', { year: unit.populationYear }) : null,
    unit.populationSource ? t('units.populationSource', { source: unit.populationSource }) : null,
    method ? t(method) : unit.populationMethod,
  ]
  return (
    <>
      {t('units.people', { n: formatNumber(unit.population) })}
      <span className="muted"> ({source.filter(Boolean).join('; ')})</span>
    </>
  )
}

export function UnitFacts({ unit, at }: { unit: UnitView; at: string | undefined }) {
  const { t, locale } = useI18n()
  const level = LEVELS[unit.level]
  const validity =
    unit.validFrom || unit.validTo
      ? `${unit.validFrom ? formatVnDate(unit.validFrom) : t('units.validUnknownStart')} – ${unit.validTo ? formatVnDate(unit.validTo) : t('units.validNow')}`
      : t('units.validAlways')
  return (
    <section className="card" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('units.facts')}</h2>
      <FactList
        facts={[
          {
            label: t('units.name'),
            value: (
              <>
                {unit.name}
                {unit.nameEn && unit.nameEn !== unit.name ? <span className="muted" lang="en"> ({unit.nameEn})</span> : null}
              </>
            ),
          },
          { label: t('units.type'), value: unitTypeName(unit.unitType, locale) },
          { label: t('units.level'), value: level ? t(level) : unit.level },
          { label: t('units.code'), value: unit.code },
          { label: t('units.parent'), value: unit.parentCode ? <Link to={unitHref(unit.parentCode, at ?? atFor(unit))}>{unit.parentName ?? unit.parentCode}</Link> : '—' },
          {
            label: t('units.validity'),
            value: (
              <>
                {validity}
                {unit.period !== '2025' ? <span className="badge badge-old">{t('units.oldStructure')}</span> : null}
                {unit.local ? <span className="badge">{t('units.localBadge')}</span> : null}
              </>
            ),
          },
          { label: t('units.population'), value: <Population unit={unit} /> },
        ]}
      />
    </section>
  )
}
