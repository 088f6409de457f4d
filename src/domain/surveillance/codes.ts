/**
 * The code lists of surveillance records, with their Vietnamese and English names. The codes are
 * the values stored in migration 0015 (its CHECK constraints name the same lists); the server
 * validates against them and the web app shows their names.
 */

export { codesOf } from '../text/codes.ts'

/** Case classification (phân loại ca bệnh). */
export const CASE_CLASSIFICATIONS = {
  suspected: { vi: 'Ca nghi ngờ', en: 'Suspected' },
  probable: { vi: 'Ca có thể', en: 'Probable' },
  confirmed: { vi: 'Ca xác định (F0)', en: 'Confirmed (F0)' },
  discarded: { vi: 'Đã loại trừ', en: 'Discarded' },
} as const
export type CaseClassification = keyof typeof CASE_CLASSIFICATIONS
/** Classifications that make a case an F0 from which contacts are counted. */
export const SOURCE_CLASSIFICATIONS: readonly CaseClassification[] = ['confirmed', 'probable']

/** How the case was found (phát hiện qua). */
export const FOUND_BY = {
  quarantine: { vi: 'Trong khu cách ly', en: 'In quarantine' },
  community: { vi: 'Sàng lọc cộng đồng', en: 'Community screening' },
  hospital: { vi: 'Tại cơ sở y tế', en: 'At a health facility' },
  entry: { vi: 'Khi nhập cảnh', en: 'At entry' },
  tracing: { vi: 'Truy vết tiếp xúc', en: 'Contact tracing' },
  other: { vi: 'Khác', en: 'Other' },
} as const
export type FoundBy = keyof typeof FOUND_BY

/** Where the infection came from (nguồn lây). */
export const SOURCE_KINDS = {
  imported: { vi: 'Ca nhập cảnh', en: 'Imported' },
  linked: { vi: 'Liên quan ca bệnh hoặc ổ dịch', en: 'Linked to a case or cluster' },
  unknown: { vi: 'Chưa rõ nguồn lây (đang điều tra)', en: 'Unknown source (under investigation)' },
} as const
export type SourceKind = keyof typeof SOURCE_KINDS

/** Clinical severity (mức độ bệnh), as the treatment guidance grades it. */
export const SEVERITIES = {
  asymptomatic: { vi: 'Không triệu chứng', en: 'Asymptomatic' },
  mild: { vi: 'Nhẹ', en: 'Mild' },
  moderate: { vi: 'Trung bình', en: 'Moderate' },
  severe: { vi: 'Nặng', en: 'Severe' },
  critical: { vi: 'Nguy kịch', en: 'Critical' },
} as const
export type Severity = keyof typeof SEVERITIES

/** How a case ended (kết quả). */
export const OUTCOMES = {
  recovered: { vi: 'Khỏi bệnh', en: 'Recovered' },
  died: { vi: 'Tử vong', en: 'Died' },
  transferred: { vi: 'Chuyển tỉnh khác', en: 'Transferred to another province' },
} as const
export type Outcome = keyof typeof OUTCOMES

/**
 * Symptoms recorded on a case or a follow-up check: the common signs of COVID-19 as the Ministry of
 * Health's diagnosis and treatment guidance lists them (QĐ 4689/QĐ-BYT of 06/10/2021, as reported
 * in secondary sources; check against the decision's text).
 */
export const SYMPTOMS = {
  fever: { vi: 'Sốt', en: 'Fever' },
  cough: { vi: 'Ho', en: 'Cough' },
  sore_throat: { vi: 'Đau họng', en: 'Sore throat' },
  shortness_of_breath: { vi: 'Khó thở', en: 'Shortness of breath' },
  fatigue: { vi: 'Mệt mỏi', en: 'Fatigue' },
  muscle_pain: { vi: 'Đau mỏi người, đau cơ', en: 'Muscle aches' },
  headache: { vi: 'Đau đầu', en: 'Headache' },
  loss_of_taste_smell: { vi: 'Mất vị giác, khứu giác', en: 'Loss of taste or smell' },
  runny_nose: { vi: 'Chảy nước mũi, nghẹt mũi', en: 'Runny or blocked nose' },
  chills: { vi: 'Ớn lạnh', en: 'Chills' },
  diarrhoea: { vi: 'Tiêu chảy', en: 'Diarrhoea' },
  nausea: { vi: 'Buồn nôn, nôn', en: 'Nausea or vomiting' },
  chest_pain: { vi: 'Đau tức ngực', en: 'Chest pain or pressure' },
} as const
export type Symptom = keyof typeof SYMPTOMS

/** Where an exposure happened (bối cảnh tiếp xúc). */
export const EXPOSURE_SETTINGS = {
  household: { vi: 'Hộ gia đình', en: 'Household' },
  workplace: { vi: 'Nơi làm việc', en: 'Workplace' },
  school: { vi: 'Trường học', en: 'School' },
  market: { vi: 'Chợ, siêu thị', en: 'Market' },
  vehicle: { vi: 'Phương tiện giao thông', en: 'Vehicle' },
  health_facility: { vi: 'Cơ sở y tế', en: 'Health facility' },
  gathering: { vi: 'Tụ tập đông người (đám cưới, đám tang…)', en: 'Gathering (wedding, funeral…)' },
  entertainment: { vi: 'Quán ăn, cơ sở vui chơi giải trí', en: 'Restaurant or entertainment venue' },
  religious: { vi: 'Cơ sở tôn giáo', en: 'Place of worship' },
  other: { vi: 'Khác', en: 'Other' },
} as const
export type ExposureSetting = keyof typeof EXPOSURE_SETTINGS

/**
 * The Ministry of Health's criteria for a close contact (F1) of an F0, as of 12/2021 (source in
 * ../shared/DOMAIN.md; secondary: check against the Ministry's text). An exposure records which
 * were met.
 */
export const F1_CRITERIA = {
  physical_contact: { vi: 'Tiếp xúc cơ thể trực tiếp với F0', en: 'Physical contact with the F0' },
  near_with_mask_15min: {
    vi: 'Trong khoảng 2 m hoặc cùng không gian kín từ 15 phút trở lên, có đeo khẩu trang',
    en: 'Within 2 m or the same closed space for 15 minutes or more, with a mask',
  },
  near_without_mask: {
    vi: 'Trong khoảng 2 m hoặc cùng không gian kín, không đeo khẩu trang',
    en: 'Within 2 m or the same closed space, without a mask',
  },
  care_without_ppe: { vi: 'Chăm sóc F0 mà không mặc đồ bảo hộ', en: 'Caring for the F0 without protective equipment' },
} as const
export type F1Criterion = keyof typeof F1_CRITERIA

/** The state of a contact's follow-up (theo dõi tiếp xúc). */
export const FOLLOWUP_STATUSES = {
  active: { vi: 'Đang theo dõi', en: 'Being followed up' },
  completed: { vi: 'Hết thời gian theo dõi', en: 'Completed' },
  became_case: { vi: 'Đã thành ca bệnh', en: 'Became a case' },
  lost: { vi: 'Mất dấu', en: 'Lost to follow-up' },
  cancelled: { vi: 'Hủy theo dõi', en: 'Cancelled' },
} as const
export type FollowupStatus = keyof typeof FOLLOWUP_STATUSES

/** Test methods. */
export const TEST_METHODS = {
  pcr: { vi: 'RT-PCR', en: 'RT-PCR' },
  antigen: { vi: 'Test nhanh kháng nguyên', en: 'Rapid antigen test' },
} as const
export type TestMethod = keyof typeof TEST_METHODS

/** A degree's short name: F0 for a case, F1, F2… for contacts. */
export function degreeLabel(degree: number): string {
  return `F${degree}`
}
