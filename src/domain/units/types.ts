import { fold } from '../text/fold.ts'

export type UnitLevel = 'province' | 'district' | 'commune' | 'hamlet' | 'group'

/** Unit types with their Vietnamese and English names, by level. */
export const UNIT_TYPES = {
  tinh: { level: 'province', vi: 'Tỉnh', en: 'Province' },
  thanh_pho_tw: { level: 'province', vi: 'Thành phố', en: 'Municipality' },
  huyen: { level: 'district', vi: 'Huyện', en: 'District' },
  quan: { level: 'district', vi: 'Quận', en: 'Urban district' },
  thi_xa: { level: 'district', vi: 'Thị xã', en: 'Town' },
  thanh_pho: { level: 'district', vi: 'Thành phố', en: 'City' },
  xa: { level: 'commune', vi: 'Xã', en: 'Commune' },
  phuong: { level: 'commune', vi: 'Phường', en: 'Ward' },
  thi_tran: { level: 'commune', vi: 'Thị trấn', en: 'Township' },
  dac_khu: { level: 'commune', vi: 'Đặc khu', en: 'Special zone' },
  ap: { level: 'hamlet', vi: 'Ấp', en: 'Hamlet' },
  khom: { level: 'hamlet', vi: 'Khóm', en: 'Urban hamlet' },
  thon: { level: 'hamlet', vi: 'Thôn', en: 'Village' },
  khu_pho: { level: 'hamlet', vi: 'Khu phố', en: 'Quarter' },
  to_nhan_dan: { level: 'group', vi: 'Tổ nhân dân tự quản', en: "Residents' group" },
} as const satisfies Record<string, { level: UnitLevel; vi: string; en: string }>

export type UnitType = keyof typeof UNIT_TYPES
export const LOCAL_UNIT_TYPES = ['ap', 'khom', 'thon', 'khu_pho', 'to_nhan_dan'] as const
export type LocalUnitType = (typeof LOCAL_UNIT_TYPES)[number]

export function unitTypeName(type: string, lang: 'vi' | 'en' = 'vi'): string {
  return type in UNIT_TYPES ? UNIT_TYPES[type as UnitType][lang] : type
}

/** The date the 2025 structure took effect; the earlier structure is valid until the day before. */
export const REFORM_DATE = '2025-07-01'
export const PRE_REFORM_END = '2025-06-30'

export function unitId(period: string, code: string): string {
  return `${period}:${code}`
}

/** Which local unit types may sit under a parent of the given level. */
export function localChildAllowed(parentLevel: UnitLevel, type: LocalUnitType): boolean {
  if (type === 'to_nhan_dan') return parentLevel === 'commune' || parentLevel === 'hamlet'
  return parentLevel === 'commune'
}

/** Search key of a unit: its name with and without the type word ("phuong rach gia", "rach gia"). */
export function unitSearchKey(name: string, type: string): string {
  return fold(`${unitTypeName(type)} ${name}`)
}
