import './levels.css'
import { useT } from '../../app/i18n.tsx'
import { LEVEL_COLORS } from './api.ts'

/** A level as its colour and number; the colour is never the only cue. */
export function LevelBadge({ level, name }: { level: number | null | undefined; name?: string | undefined }) {
  const t = useT()
  if (!level) return <span className="level-badge level-none">{t('lv.noLevel')}</span>
  return (
    <span className={`level-badge level-${level}`} style={{ background: LEVEL_COLORS[level] }} data-level={level}>
      {name ?? t('lv.level', { n: level })}
    </span>
  )
}

/** How sure the rule is: "chưa kiểm chứng" stands out on screen. */
export function ConfidenceMark({ confidence }: { confidence: string | null | undefined }) {
  const t = useT()
  if (!confidence) return null
  const label = confidence === 'verified' ? t('lv.conf.verified') : confidence === 'secondary' ? t('lv.conf.secondary') : t('lv.conf.unverified')
  return <span className={`conf conf-${confidence}`}>{label}</span>
}

export const INDICATOR_LABEL_KEYS = {
  communityCasesPer100k: 'lv.ind.communityCasesPer100k',
  casesPer100k: 'lv.ind.casesPer100k',
  oxygenPatientsPer100k: 'lv.ind.oxygenPatientsPer100k',
  deathsPer100k: 'lv.ind.deathsPer100k',
  transmissionBand: 'lv.ind.transmissionBand',
  adults18PlusAtLeastOneDose: 'lv.ind.adults18PlusAtLeastOneDose',
  fullyVaccinated: 'lv.ind.fullyVaccinated',
  highRiskFullyVaccinated: 'lv.ind.highRiskFullyVaccinated',
  elderly65PlusFullyVaccinated: 'lv.ind.elderly65PlusFullyVaccinated',
  'capacity.adequate': 'lv.ind.adequate',
  'capacity.freeBedsPer100k': 'lv.ind.freeBedsPer100k',
  'capacity.icuBeds': 'lv.ind.icuBeds',
  capacityClass: 'lv.ind.capacityClass',
} as const

/** An indicator's value and band as people read them. */
export function useIndicatorText() {
  const t = useT()
  return (i: { name: string; value: unknown; band: unknown }) => {
    const key = INDICATOR_LABEL_KEYS[i.name as keyof typeof INDICATOR_LABEL_KEYS]
    const label = key ? t(key) : i.name
    const share = ['adults18PlusAtLeastOneDose', 'fullyVaccinated', 'highRiskFullyVaccinated', 'elderly65PlusFullyVaccinated'].includes(i.name)
    const value =
      typeof i.value === 'number'
        ? share
          ? `${(i.value * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`
          : i.value.toLocaleString('vi-VN', { maximumFractionDigits: 2 })
        : typeof i.value === 'boolean'
          ? i.value
            ? t('lv.yes')
            : t('lv.no')
          : String(i.value ?? '—')
    const band =
      typeof i.band === 'number'
        ? t('lv.band', { n: i.band })
        : i.band === 'met'
          ? t('lv.met')
          : i.band === 'notMet'
            ? t('lv.notMet')
            : i.band === 'high' || i.band === 'medium' || i.band === 'low'
              ? t(`lv.capacity.${i.band}`)
              : String(i.band)
    return { label, value, band, warn: i.band === 'notMet' || i.band === 'low' || (typeof i.band === 'number' && i.band >= 3) }
  }
}

/** Where an indicator's figure came from (surveillance, care, vaccination, entered, carried over). */
export function SourceTag({ source }: { source: string | null }) {
  const t = useT()
  if (!source) return null
  return (
    <span className={`source-tag source-${source}`} data-source={source}>
      {t(`lv.src.${source}` as 'lv.src.entered')}
    </span>
  )
}
