/**
 * The vaccination groups and categories aggregate doses are counted by. Products are data (table
 * vaccine_products, with source and confidence); these lists only name the groups the forms offer.
 */
export const AGE_GROUPS = ['5-11', '12-17', '18-49', '50-64', '65+'] as const
export type AgeGroup = (typeof AGE_GROUPS)[number]
export const ADULT_GROUPS: readonly AgeGroup[] = ['18-49', '50-64', '65+']

export const AGE_GROUP_VI: Record<AgeGroup, string> = {
  '5-11': 'Từ 5 đến 11 tuổi',
  '12-17': 'Từ 12 đến 17 tuổi',
  '18-49': 'Từ 18 đến 49 tuổi',
  '50-64': 'Từ 50 đến 64 tuổi',
  '65+': 'Từ 65 tuổi trở lên',
}

/** 'none' is the general population; the others are high-risk categories. */
export const RISK_GROUPS = ['none', 'chronic', 'health_worker', 'frontline', 'pregnant'] as const
export type RiskGroup = (typeof RISK_GROUPS)[number]
export const RISK_GROUP_VI: Record<RiskGroup, string> = {
  none: 'Không thuộc nhóm nguy cơ',
  chronic: 'Người có bệnh nền',
  health_worker: 'Nhân viên y tế',
  frontline: 'Lực lượng tuyến đầu',
  pregnant: 'Phụ nữ mang thai',
}

/** Dose numbers: 1, 2 and 3 of the primary series (3 only for three-dose products such as Abdala), booster. */
export const DOSES = ['1', '2', '3', 'booster'] as const
export type Dose = (typeof DOSES)[number]
export const DOSE_VI: Record<Dose, string> = { '1': 'Mũi 1', '2': 'Mũi 2', '3': 'Mũi 3', booster: 'Mũi nhắc lại' }

export const MEASURES = ['at_least_one', 'fully', 'boosted'] as const
export type Measure = (typeof MEASURES)[number]
export const MEASURE_VI: Record<Measure, string> = { at_least_one: 'Ít nhất 1 mũi', fully: 'Tiêm đủ liều cơ bản', boosted: 'Đã tiêm nhắc lại' }

/** Reads an age group as written in a file or form: "18-49", "18–49", "65+", "từ 65", "≥65". */
export function parseAgeGroup(raw: string): AgeGroup | null {
  const t = raw.trim().toLowerCase().replace(/[–—]/g, '-').replace(/\s+/g, '').replace(/tuổi|tuoi/g, '')
  if ((AGE_GROUPS as readonly string[]).includes(t)) return t as AgeGroup
  if (/^(≥|>=|từ|tu)?65(\+|trởlên|trolen)?$/.test(t)) return '65+'
  return null
}

/** Reads a dose number: "1", "mũi 2", "nhắc lại", "booster", "3". */
export function parseDose(raw: string): Dose | null {
  const t = raw.trim().toLowerCase().replace(/^(mũi|mui|liều|lieu)\s*/, '')
  if (t === '1' || t === '2' || t === '3') return t
  if (['booster', 'nhắc lại', 'nhac lai', 'mũi nhắc lại', 'bổ sung', 'bo sung'].includes(t)) return 'booster'
  return null
}

/** Reads a high-risk category; empty, "không", "0" mean the general population. */
export function parseRiskGroup(raw: string): RiskGroup | null {
  const t = raw.trim().toLowerCase()
  if (t === '' || t === 'không' || t === 'khong' || t === '0' || t === 'none') return 'none'
  if ((RISK_GROUPS as readonly string[]).includes(t)) return t as RiskGroup
  const byLabel = (Object.entries(RISK_GROUP_VI) as [RiskGroup, string][]).find(([, vi]) => vi.toLowerCase() === t)
  if (byLabel) return byLabel[0]
  if (['bệnh nền', 'benh nen', 'co benh nen', 'có bệnh nền'].includes(t)) return 'chronic'
  if (['y tế', 'y te', 'nhân viên y tế'].includes(t)) return 'health_worker'
  if (['tuyến đầu', 'tuyen dau'].includes(t)) return 'frontline'
  if (['mang thai', 'thai phụ'].includes(t)) return 'pregnant'
  return null
}
