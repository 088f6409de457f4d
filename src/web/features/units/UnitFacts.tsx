import { Link } from 'react-router'
import { unitTypeName } from '../../../domain/units/types.ts'
import { formatNumber, formatVnDate } from '../../app/format.ts'
import { type MessageKey, useI18n } from '../../app/i18n.tsx'
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

export function UnitFacts({ unit, at }: { unit: UnitView; at: string | undefined }) {
  const { t, locale } = useI18n()
  const level = LEVELS[unit.level]
  const method = unit.populationMethod ? METHODS[unit.populationMethod] : undefined
  const validity =
    unit.validFrom || unit.validTo
      ? `${unit.validFrom ? formatVnDate(unit.validFrom) : t('units.validUnknownStart')} – ${unit.validTo ? formatVnDate(unit.validTo) : t('units.validNow')}`
      : t('units.validAlways')
  return (
    <section className="card" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('units.facts')}</h2>
      <dl className="facts">
        <dt>{t('units.name')}</dt>
        <dd>
          {unit.name}
          {unit.nameEn && unit.nameEn !== unit.name ? <span className="muted" lang="en"> ({unit.nameEn})</span> : null}
        </dd>
        <dt>{t('units.type')}</dt>
        <dd>{unitTypeName(unit.unitType, locale)}</dd>
        <dt>{t('units.level')}</dt>
        <dd>{level ? t(level) : unit.level}</dd>
        <dt>{t('units.code')}</dt>
        <dd>{unit.code}</dd>
        <dt>{t('units.parent')}</dt>
        <dd>{unit.parentCode ? <Link to={unitHref(unit.parentCode, at ?? atFor(unit))}>{unit.parentName ?? unit.parentCode}</Link> : '—'}</dd>
        <dt>{t('units.validity')}</dt>
        <dd>
          {validity}
          {unit.period !== '2025' ? <span className="badge badge-old">{t('units.oldStructure')}</span> : null}
          {unit.local ? <span className="badge">{t('units.localBadge')}</span> : null}
        </dd>
        <dt>{t('units.population')}</dt>
        <dd>
          {unit.population === null ? (
            t('units.noPopulation')
          ) : (
            <>
              {t('units.people', { n: formatNumber(unit.population) })}
              <span className="muted">
                {' '}
                ({[
                  unit.populationYear ? t('units.populationYear', { year: unit.populationYear }) : null,
                  unit.populationSource ? t('units.populationSource', { source: unit.populationSource }) : null,
                  method ? t(method) : unit.populationMethod,
                ]
                  .filter(Boolean)
                  .join('; ')}
                )
              </span>
            </>
          )}
        </dd>
      </dl>
    </section>
  )
}
