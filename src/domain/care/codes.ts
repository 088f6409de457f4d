/**
 * The code lists of the treatment context (the 3-tier tower and F0 home care), with their
 * Vietnamese and English names. The codes are the values stored in migration 0019.
 */
import { SYMPTOMS } from '../surveillance/codes.ts'
import { codesOf as keysOf } from '../text/codes.ts'

/** The keys of a code list, as a non-empty tuple (for zod enums). */
export { keysOf }

/** The tiers of the treatment tower (tháp 3 tầng). */
export const TIERS = {
  1: { vi: 'Tầng 1: cơ sở thu dung, điều trị F0 không triệu chứng, nhẹ và tại nhà', en: 'Tier 1: collection facilities and home care (asymptomatic, mild)' },
  2: { vi: 'Tầng 2: bệnh viện điều trị COVID-19 (mức trung bình)', en: 'Tier 2: COVID-19 hospitals (moderate)' },
  3: { vi: 'Tầng 3: hồi sức tích cực (nặng, nguy kịch)', en: 'Tier 3: intensive care (severe, critical)' },
} as const
export type Tier = 1 | 2 | 3
export const TIER_KEYS: readonly Tier[] = [1, 2, 3]

/** Kinds of bed counted in capacity. */
export const BED_KINDS = {
  regular: { vi: 'Giường thường', en: 'Regular bed' },
  oxygen: { vi: 'Giường có oxy', en: 'Bed with oxygen' },
  icu: { vi: 'Giường hồi sức (ICU)', en: 'ICU bed' },
  ventilator: { vi: 'Giường có máy thở', en: 'Bed with ventilator' },
} as const
export type BedKind = keyof typeof BED_KINDS
export const BED_KIND_KEYS = keysOf(BED_KINDS)

/** Kinds of treatment facility. */
export const FACILITY_KINDS = {
  collection: { vi: 'Cơ sở thu dung, điều trị F0', en: 'Collection and treatment facility' },
  field_hospital: { vi: 'Bệnh viện dã chiến', en: 'Field hospital' },
  covid_hospital: { vi: 'Bệnh viện điều trị COVID-19', en: 'COVID-19 hospital' },
  general_hospital: { vi: 'Bệnh viện đa khoa', en: 'General hospital' },
  icu_center: { vi: 'Trung tâm hồi sức tích cực', en: 'Intensive care centre' },
  health_station: { vi: 'Trạm y tế xã, phường', en: 'Commune health station' },
  mobile_station: { vi: 'Trạm y tế lưu động', en: 'Mobile medical station' },
} as const
export type FacilityKind = keyof typeof FACILITY_KINDS
export const FACILITY_KIND_KEYS = keysOf(FACILITY_KINDS)
/** Kinds that manage F0 at home (no beds of their own needed). */
export const STATION_KINDS: readonly FacilityKind[] = ['health_station', 'mobile_station']

export const FACILITY_STATUSES = {
  open: { vi: 'Đang hoạt động', en: 'Open' },
  full: { vi: 'Hết giường', en: 'Full' },
  closed: { vi: 'Đã đóng', en: 'Closed' },
} as const
export type FacilityStatus = keyof typeof FACILITY_STATUSES
export const FACILITY_STATUS_KEYS = keysOf(FACILITY_STATUSES)

/** How a stay at a facility ended. */
export const ADMISSION_STATUSES = {
  active: { vi: 'Đang điều trị', en: 'In treatment' },
  transferred: { vi: 'Đã chuyển tầng, chuyển cơ sở', en: 'Transferred' },
  discharged: { vi: 'Đã ra viện', en: 'Discharged' },
  died: { vi: 'Tử vong', en: 'Died' },
} as const
export type AdmissionStatus = keyof typeof ADMISSION_STATUSES

/** Why a patient left a facility (other than a transfer inside the tower). */
export const DISCHARGE_OUTCOMES = {
  recovered: { vi: 'Khỏi bệnh, ra viện', en: 'Recovered' },
  home_care: { vi: 'Chuyển về theo dõi tại nhà', en: 'Moved to home care' },
  transferred_out: { vi: 'Chuyển tỉnh khác', en: 'Transferred to another province' },
  died: { vi: 'Tử vong', en: 'Died' },
} as const
export type DischargeOutcome = keyof typeof DISCHARGE_OUTCOMES
export const DISCHARGE_OUTCOME_KEYS = keysOf(DISCHARGE_OUTCOMES)

/** The state of an F0 cared for at home. */
export const HOME_STATUSES = {
  active: { vi: 'Đang theo dõi tại nhà', en: 'Cared for at home' },
  released: { vi: 'Đã kết thúc cách ly', en: 'Released' },
  admitted: { vi: 'Đã chuyển cơ sở điều trị', en: 'Admitted to a facility' },
  died: { vi: 'Tử vong', en: 'Died' },
} as const
export type HomeStatus = keyof typeof HOME_STATUSES

/** How an escalation task was closed. */
export const ESCALATION_RESOLUTIONS = {
  admitted: { vi: 'Đã chuyển cơ sở điều trị', en: 'Admitted to a facility' },
  visited: { vi: 'Đã đến khám, tiếp tục theo dõi tại nhà', en: 'Visited, home care continues' },
  false_alarm: { vi: 'Đo lại bình thường', en: 'Re-measured, normal' },
  other: { vi: 'Khác', en: 'Other' },
} as const
export type EscalationResolution = keyof typeof ESCALATION_RESOLUTIONS
export const ESCALATION_RESOLUTION_KEYS = keysOf(ESCALATION_RESOLUTIONS)

/** Underlying disease (bệnh nền) as the home-care guidance weighs it. */
export const CONDITION_STATES = {
  none: { vi: 'Không có bệnh nền', en: 'No underlying disease' },
  stable: { vi: 'Có bệnh nền, đang điều trị ổn định', en: 'Underlying disease, stable on treatment' },
  unstable: { vi: 'Có bệnh nền chưa ổn định', en: 'Underlying disease, not stable' },
} as const
export type ConditionState = keyof typeof CONDITION_STATES
export const CONDITION_STATE_KEYS = keysOf(CONDITION_STATES)

/**
 * Signs a home-care check records beside the common symptoms: the warning signs the home-care
 * guidance lists (QĐ 261/QĐ-BYT, as reported in secondary sources).
 */
export const CARE_SIGNS = {
  abnormal_breathing: { vi: 'Thở bất thường (thở rên, co kéo lồng ngực, phập phồng cánh mũi)', en: 'Abnormal breathing (grunting, chest indrawing, nasal flaring)' },
  altered_consciousness: { vi: 'Lơ mơ, li bì, lú lẫn, co giật', en: 'Confusion, drowsiness, lethargy, convulsions' },
  cyanosis: { vi: 'Tím môi, đầu ngón tay, chân lạnh', en: 'Cyanosis, cold hands or feet' },
  cannot_drink: { vi: 'Trẻ không uống được, bú kém, nôn', en: 'Child cannot drink or feed, vomiting' },
  other_acute_illness: { vi: 'Mắc bệnh cấp tính khác (sốt xuất huyết, tay chân miệng…)', en: 'Another acute illness (dengue, HFMD…)' },
  worrying: { vi: 'Tình trạng bất thường khác cần báo', en: 'Any other worrying condition' },
} as const

/** Everything a daily check may tick. */
export const CHECK_SYMPTOMS = { ...SYMPTOMS, ...CARE_SIGNS } as const
export type CheckSymptom = keyof typeof CHECK_SYMPTOMS
export const CHECK_SYMPTOM_KEYS = keysOf(CHECK_SYMPTOMS)

/**
 * The patient's personal link: how many checks a link may send, and how many requests one
 * address may make, in a sliding window. A link is a random 32-byte token; the database keeps its
 * SHA-256 only.
 */
export const PERSONAL_LINK_LIMITS = {
  perLink: 12,
  perLinkWindowMs: 60 * 60_000,
  perAddress: 60,
  perAddressWindowMs: 10 * 60_000,
} as const
