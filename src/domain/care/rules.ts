import { addDays, differenceInCalendarDays, formatISO, parseISO } from 'date-fns'
import type { Severity } from '../surveillance/codes.ts'
import { formatVnDate } from '../text/dates.ts'
import { CHECK_SYMPTOMS, type CheckSymptom, type ConditionState } from './codes.ts'

/**
 * F0 home care as the Ministry of Health's guidance put it, period by period: who may be cared for
 * at home (eligibility), which signs in a daily check call for action (warnings), and when home
 * isolation ends (release). Each period is a row of data with its legal source and a confidence
 * mark (verified / secondary / unverified, see ../shared/research/levels-and-safety-rules.md §7);
 * a province adds its own dated variant through the API. The rule in force on a day applies.
 */

export type Confidence = 'verified' | 'secondary' | 'unverified'
export const CONFIDENCES: readonly Confidence[] = ['verified', 'secondary', 'unverified']

/** A comparison with a limit; "met" means the value satisfies it. */
export interface Threshold {
  op: '>=' | '>' | '<=' | '<'
  value: number
}

export function meets(t: Threshold, x: number): boolean {
  switch (t.op) {
    case '>=':
      return x >= t.value
    case '>':
      return x > t.value
    case '<=':
      return x <= t.value
    case '<':
      return x < t.value
  }
}

const OP_TEXT: Record<Threshold['op'], string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' }
/** "≥ 96%", "< 20 lần/phút". */
export function thresholdText(t: Threshold, unit = ''): string {
  return `${OP_TEXT[t.op]} ${String(t.value).replace('.', ',')}${unit}`
}

/** Where a part of a rule comes from and how sure we are of it. */
export interface Sourced {
  source: string
  confidence: Confidence
  note?: string | undefined
}

export interface EligibilityRule extends Sourced {
  /** Clinical severities that may be cared for at home. */
  severities: Severity[]
  /** SpO2 (%) on room air that must hold. */
  spo2: Threshold
  /** Breathing rate (per minute, adult) that must hold. */
  respiratoryRate: Threshold
  /** Abnormal breathing (grunting, indrawing, flaring, wheeze, stridor) excludes. */
  noAbnormalBreathing: boolean
  /** Underlying disease accepted: any, none, or none or stable on treatment. */
  conditions: 'any' | 'none' | 'none_or_stable'
  /**
   * At least one of these must hold (QĐ 4038): vaccinated (enough doses, or one dose long enough
   * ago), or low risk (age limits, no underlying disease, not pregnant). Null: no such filter.
   */
  protection: {
    vaccinated: { minDoses: number; oneDoseAfterDays: number }
    lowRisk: { age: Threshold[]; noConditions: boolean; notPregnant: boolean }
  } | null
  /** Can look after themselves, or has a caregiver. */
  selfCare: boolean
  /** Can reach health staff (phone, computer). */
  canContactStaff: boolean
}

/** A breathing-rate limit for an age band [fromAge, toAge) in years. */
export interface RateBand {
  fromAge: number
  toAge: number | null
  threshold: Threshold
}

export interface WarningRule extends Sourced {
  /** A warning when SpO2 meets this. */
  spo2: Threshold
  /** A warning when the breathing rate meets the band of the patient's age (an unknown age: the last band). */
  respiratoryRate: RateBand[]
  /** A warning when the pulse meets any of these. */
  pulse: Threshold[]
  systolic: Threshold | null
  diastolic: Threshold | null
  temperature: Threshold | null
  /** Ticked signs that are warnings by themselves. */
  symptoms: CheckSymptom[]
  /** Hours the commune has to act on a warning (the escalation task's deadline). */
  escalationHours: number
}

export interface ReleaseRule extends Sourced {
  /** Home isolation lasts at least this many days, day 1 being the first positive sample. */
  days: number
  /** A negative test of this kind on or after that day is needed; null: none. */
  test: 'antigen' | 'pcr' | null
  /** Still positive: released without a further test on this day (fully vaccinated or not); null: keep testing. */
  extendedDays: { vaccinated: number; unvaccinated: number } | null
}

export interface HomeCareRule {
  /** Database id; absent for the defaults below. */
  id?: number | undefined
  validFrom: string
  /** Null: national; a province's variant names its unit and wins from its date. */
  unitCode: string | null
  name: string
  source: string
  confidence: Confidence
  note?: string | null | undefined
  eligibility: EligibilityRule
  warnings: WarningRule
  release: ReleaseRule
}

// --- The national periods -------------------------------------------------------------------

const QD4038 =
  'Bộ Y tế, Quyết định 4038/QĐ-BYT ngày 21/8/2021 ban hành Hướng dẫn tạm thời về quản lý người nhiễm COVID-19 tại nhà (theo tintuc.thuvienphapluat.vn 21/8/2021 và baovephapluat.vn)'
const QD261 =
  'Bộ Y tế, Quyết định 261/QĐ-BYT ngày 31/01/2022 ban hành Hướng dẫn quản lý người mắc COVID-19 tại nhà (thay thế QĐ 4038/QĐ-BYT và 4109/QĐ-BYT; tiêu chí theo phunumoi.net.vn, wellness4all.net; 11 dấu hiệu theo quangninh.news, baoquocte.vn)'
const QD250 =
  'Bộ Y tế, Quyết định 250/QĐ-BYT ngày 28/01/2022 (Hướng dẫn chẩn đoán và điều trị COVID-19): kết thúc cách ly sau 7 ngày nếu xét nghiệm nhanh kháng nguyên âm tính (theo binhphuoc.gov.vn 17/02/2022, nhandan.vn)'

const ELIGIBILITY_4038: EligibilityRule = {
  source: QD4038,
  confidence: 'secondary',
  severities: ['asymptomatic', 'mild'],
  spo2: { op: '>=', value: 96 },
  respiratoryRate: { op: '<=', value: 20 },
  noAbnormalBreathing: true,
  conditions: 'any',
  protection: {
    vaccinated: { minDoses: 2, oneDoseAfterDays: 14 },
    lowRisk: { age: [{ op: '>', value: 1 }, { op: '<', value: 50 }], noConditions: true, notPregnant: true },
  },
  selfCare: true,
  canContactStaff: true,
}

const WARNINGS_4038: WarningRule = {
  source: `${QD4038}; dấu hiệu cảnh báo suy ra từ tiêu chí được theo dõi tại nhà`,
  confidence: 'unverified',
  note: 'Danh sách dấu hiệu cảnh báo của QĐ 4038 chưa đối chiếu được với văn bản: mặc định là SpO2 và nhịp thở ra ngoài tiêu chí, khó thở, đau ngực, lơ mơ, tím tái. Thời hạn xử lý là mặc định của hệ thống, tỉnh tự chỉnh.',
  spo2: { op: '<', value: 96 },
  respiratoryRate: [{ fromAge: 12, toAge: null, threshold: { op: '>', value: 20 } }],
  pulse: [],
  systolic: null,
  diastolic: null,
  temperature: null,
  symptoms: ['shortness_of_breath', 'chest_pain', 'abnormal_breathing', 'altered_consciousness', 'cyanosis'],
  escalationHours: 2,
}

const WARNINGS_261: WarningRule = {
  source: QD261,
  confidence: 'secondary',
  note: 'Nhịp thở đếm đủ 1 phút khi trẻ nằm yên; SpO2 đo lại sau 30–60 giây. Thời hạn xử lý là mặc định của hệ thống (văn bản yêu cầu báo ngay), tỉnh tự chỉnh.',
  spo2: { op: '<=', value: 96 },
  respiratoryRate: [
    { fromAge: 1, toAge: 5, threshold: { op: '>=', value: 40 } },
    { fromAge: 5, toAge: 12, threshold: { op: '>=', value: 30 } },
    { fromAge: 12, toAge: null, threshold: { op: '>=', value: 20 } },
  ],
  pulse: [
    { op: '>', value: 120 },
    { op: '<', value: 50 },
  ],
  systolic: { op: '<', value: 90 },
  diastolic: { op: '<', value: 60 },
  temperature: null,
  symptoms: ['shortness_of_breath', 'abnormal_breathing', 'chest_pain', 'altered_consciousness', 'cyanosis', 'cannot_drink', 'other_acute_illness', 'worrying'],
  escalationHours: 2,
}

const RELEASE_250: ReleaseRule = {
  source: QD250,
  confidence: 'secondary',
  days: 7,
  test: 'antigen',
  extendedDays: { vaccinated: 10, unvaccinated: 14 },
}

/** The national periods in force from their dates (editable in the database; a province adds its own). */
export const NATIONAL_HOME_CARE_RULES: readonly HomeCareRule[] = [
  {
    validFrom: '2021-08-21',
    unitCode: null,
    name: 'QĐ 4038/QĐ-BYT (21/08/2021)',
    source: QD4038,
    confidence: 'secondary',
    note: 'Ban Chỉ đạo tỉnh quyết định áp dụng khi vượt khả năng thu dung. Theo dõi 2 lần/ngày (sáng, chiều).',
    eligibility: ELIGIBILITY_4038,
    warnings: WARNINGS_4038,
    release: {
      source: QD4038,
      confidence: 'unverified',
      note: 'Điều kiện kết thúc cách ly theo QĐ 4038 chưa tìm thấy trong văn bản: mặc định 14 ngày và xét nghiệm âm tính, tỉnh sửa theo văn bản đã áp dụng.',
      days: 14,
      test: 'pcr',
      extendedDays: null,
    },
  },
  {
    validFrom: '2021-12-29',
    unitCode: null,
    name: 'Điều trị tại nhà: kết thúc sau 10 ngày (12/2021)',
    source: 'Bộ Y tế, hướng dẫn cuối tháng 12/2021 (có thể kèm Công văn 11042/BYT-DP ngày 29/12/2021)',
    confidence: 'secondary',
    eligibility: ELIGIBILITY_4038,
    warnings: WARNINGS_4038,
    release: {
      source: 'Bộ Y tế, cuối tháng 12/2021: F0 điều trị tại nhà kết thúc cách ly sau 10 ngày nếu xét nghiệm nhanh kháng nguyên âm tính do nhân viên y tế thực hiện hoặc giám sát (kinhtemoitruong.vn, báo cáo của Hà Nội)',
      confidence: 'secondary',
      note: 'Số văn bản của quy định 10 ngày chưa chắc chắn.',
      days: 10,
      test: 'antigen',
      extendedDays: null,
    },
  },
  {
    validFrom: '2022-01-28',
    unitCode: null,
    name: 'QĐ 250/QĐ-BYT (28/01/2022): kết thúc sau 7 ngày',
    source: QD250,
    confidence: 'secondary',
    eligibility: ELIGIBILITY_4038,
    warnings: WARNINGS_4038,
    release: RELEASE_250,
  },
  {
    validFrom: '2022-01-31',
    unitCode: null,
    name: 'QĐ 261/QĐ-BYT (31/01/2022)',
    source: QD261,
    confidence: 'secondary',
    note: 'Bỏ điều kiện tiêm chủng, tuổi, mang thai của QĐ 4038; ngưỡng chặt hơn: SpO2 > 96%, nhịp thở < 20 lần/phút. Ngưỡng ≥ 21 lần/phút và SpO2 < 95% là của gói chăm sóc tại nhà của Hà Nội (12/2021), không thuộc QĐ 261.',
    eligibility: {
      source: QD261,
      confidence: 'secondary',
      severities: ['asymptomatic', 'mild'],
      spo2: { op: '>', value: 96 },
      respiratoryRate: { op: '<', value: 20 },
      noAbnormalBreathing: true,
      conditions: 'none_or_stable',
      protection: null,
      selfCare: true,
      canContactStaff: true,
    },
    warnings: WARNINGS_261,
    release: { ...RELEASE_250, source: `${QD261}; kết thúc cách ly như ${QD250}` },
  },
]

/**
 * The rule in force on `day` for a place: the latest period started on or before it, a province's
 * variant winning over the national one of the same date. `rules` are those that may apply there
 * (national, and the variants of the units the place lies in).
 */
export function ruleInForce<R extends Pick<HomeCareRule, 'validFrom' | 'unitCode'>>(rules: readonly R[], day: string): R | null {
  let best: R | null = null
  for (const r of rules) {
    if (r.validFrom > day) continue
    if (!best || r.validFrom > best.validFrom || (r.validFrom === best.validFrom && best.unitCode === null && r.unitCode !== null)) best = r
  }
  return best
}

// --- Eligibility ----------------------------------------------------------------------------

/** What is known of a patient when home care is considered. Unknown measurements refuse. */
export interface PatientFacts {
  ageYears: number | null
  severity: Severity | null
  spo2: number | null
  respiratoryRate: number | null
  abnormalBreathing: boolean
  conditions: ConditionState
  pregnant: boolean
  vaccineDoses: number
  /** The day of the last dose (for "one dose more than 14 days ago"). */
  lastDoseOn: string | null
  canSelfCare: boolean
  hasCaregiver: boolean
  canContactStaff: boolean
}

/**
 * An F0 every national period takes home: mild, SpO2 98% and 16 breaths a minute, no underlying
 * disease, two doses, self-caring and reachable (age left to the record). For the demo and tests.
 */
export const EXAMPLE_ELIGIBLE_FACTS = {
  severity: 'mild',
  spo2: 98,
  respiratoryRate: 16,
  abnormalBreathing: false,
  conditions: 'none',
  pregnant: false,
  vaccineDoses: 2,
  lastDoseOn: '2025-12-01',
  canSelfCare: true,
  hasCaregiver: false,
  canContactStaff: true,
} as const satisfies Omit<PatientFacts, 'ageYears'>

export interface Eligibility {
  eligible: boolean
  /** Why not (empty when eligible), one Vietnamese sentence each. */
  reasons: string[]
  /** What qualified the patient (the protection that held), when eligible. */
  grounds: string[]
}

const SEVERITY_TEXT: Record<Severity, string> = {
  asymptomatic: 'không triệu chứng',
  mild: 'nhẹ',
  moderate: 'trung bình',
  severe: 'nặng',
  critical: 'nguy kịch',
}

const num = (x: number) => String(x).replace('.', ',')

/** Whether a patient may be cared for at home under `rule` on `day`, and why not. */
export function eligibility(rule: Pick<HomeCareRule, 'eligibility'>, facts: PatientFacts, day: string): Eligibility {
  const e = rule.eligibility
  const reasons: string[] = []
  const grounds: string[] = []
  if (facts.severity === null) reasons.push('Chưa ghi mức độ bệnh.')
  else if (!e.severities.includes(facts.severity)) {
    reasons.push(`Mức độ bệnh ${SEVERITY_TEXT[facts.severity]}: chỉ F0 ${e.severities.map((s) => SEVERITY_TEXT[s]).join(' hoặc ')} được theo dõi tại nhà.`)
  }
  if (facts.spo2 === null) reasons.push('Chưa đo SpO2.')
  else if (!meets(e.spo2, facts.spo2)) reasons.push(`SpO2 ${num(facts.spo2)}%: cần ${thresholdText(e.spo2, '%')} khi thở khí trời.`)
  if (facts.respiratoryRate === null) reasons.push('Chưa đếm nhịp thở.')
  else if (!meets(e.respiratoryRate, facts.respiratoryRate)) {
    reasons.push(`Nhịp thở ${facts.respiratoryRate} lần/phút: cần ${thresholdText(e.respiratoryRate, ' lần/phút')}.`)
  }
  if (e.noAbnormalBreathing && facts.abnormalBreathing) reasons.push('Có dấu hiệu thở bất thường (thở rên, co kéo, phập phồng cánh mũi, khò khè, thở rít).')
  if (e.conditions === 'none' && facts.conditions !== 'none') reasons.push('Có bệnh nền: chỉ người không có bệnh nền được theo dõi tại nhà.')
  if (e.conditions === 'none_or_stable' && facts.conditions === 'unstable') reasons.push('Bệnh nền chưa được điều trị ổn định.')
  if (e.protection) {
    const { vaccinated, lowRisk } = e.protection
    const daysSinceDose = facts.lastDoseOn ? differenceInCalendarDays(parseISO(day), parseISO(facts.lastDoseOn)) : null
    const isVaccinated =
      facts.vaccineDoses >= vaccinated.minDoses || (facts.vaccineDoses >= 1 && daysSinceDose !== null && daysSinceDose > vaccinated.oneDoseAfterDays)
    const lowRiskMisses: string[] = []
    if (facts.ageYears === null) lowRiskMisses.push('chưa rõ tuổi')
    else if (!lowRisk.age.every((t) => meets(t, facts.ageYears!))) lowRiskMisses.push(`${num(facts.ageYears)} tuổi (cần ${lowRisk.age.map((t) => thresholdText(t)).join(' và ')} tuổi)`)
    if (lowRisk.noConditions && facts.conditions !== 'none') lowRiskMisses.push('có bệnh nền')
    if (lowRisk.notPregnant && facts.pregnant) lowRiskMisses.push('đang mang thai')
    if (isVaccinated) {
      grounds.push(
        facts.vaccineDoses >= vaccinated.minDoses
          ? `Đã tiêm ${facts.vaccineDoses} liều vắc xin.`
          : `Đã tiêm 1 liều vắc xin cách đây ${daysSinceDose} ngày (trên ${vaccinated.oneDoseAfterDays} ngày).`,
      )
    } else if (lowRiskMisses.length === 0) {
      grounds.push('Thuộc nhóm ít nguy cơ (tuổi trong giới hạn, không bệnh nền, không mang thai).')
    } else {
      const dose = facts.vaccineDoses === 0 ? 'chưa tiêm vắc xin' : `mới tiêm ${facts.vaccineDoses} liều${daysSinceDose === null ? '' : ` cách đây ${daysSinceDose} ngày`}`
      reasons.push(
        `Không đủ điều kiện bảo vệ: ${dose} (cần ${vaccinated.minDoses} liều, hoặc 1 liều trên ${vaccinated.oneDoseAfterDays} ngày) và không thuộc nhóm ít nguy cơ (${lowRiskMisses.join(', ')}).`,
      )
    }
  }
  if (e.selfCare && !facts.canSelfCare && !facts.hasCaregiver) reasons.push('Không tự chăm sóc được và không có người chăm sóc đủ điều kiện.')
  if (e.canContactStaff && !facts.canContactStaff) reasons.push('Không liên lạc được với nhân viên y tế (điện thoại, máy tính).')
  return { eligible: reasons.length === 0, reasons, grounds: reasons.length === 0 ? grounds : [] }
}

// --- Daily checks ---------------------------------------------------------------------------

/** A daily check at home (twice a day under the guidance). */
export interface DailyCheck {
  spo2: number | null
  respiratoryRate: number | null
  pulse: number | null
  temperature: number | null
  systolic: number | null
  diastolic: number | null
  symptoms: readonly string[]
  /** The patient's age, for the breathing-rate band. */
  ageYears: number | null
}

export interface Warning {
  code: string
  text: string
}

/** The breathing-rate band of an age (an unknown age: the last band, adults). */
function bandOf(bands: readonly RateBand[], age: number | null): RateBand | undefined {
  if (age === null) return bands[bands.length - 1]
  return bands.find((b) => age >= b.fromAge && (b.toAge === null || age < b.toAge))
}

/** The warning signs a check shows under `rule` (empty: none). */
export function checkSigns(rule: Pick<HomeCareRule, 'warnings'>, c: DailyCheck): Warning[] {
  const w = rule.warnings
  const out: Warning[] = []
  if (c.spo2 !== null && meets(w.spo2, c.spo2)) out.push({ code: 'spo2', text: `SpO2 ${num(c.spo2)}% (${thresholdText(w.spo2, '%')})` })
  const band = bandOf(w.respiratoryRate, c.ageYears)
  if (c.respiratoryRate !== null && band && meets(band.threshold, c.respiratoryRate)) {
    out.push({ code: 'respiratory_rate', text: `Nhịp thở ${c.respiratoryRate} lần/phút (${thresholdText(band.threshold, ' lần/phút')})` })
  }
  if (c.pulse !== null) {
    const hit = w.pulse.find((t) => meets(t, c.pulse!))
    if (hit) out.push({ code: 'pulse', text: `Mạch ${c.pulse} lần/phút (${thresholdText(hit, ' lần/phút')})` })
  }
  if (c.systolic !== null && w.systolic && meets(w.systolic, c.systolic)) out.push({ code: 'systolic', text: `Huyết áp tâm thu ${c.systolic} mmHg (${thresholdText(w.systolic, ' mmHg')})` })
  if (c.diastolic !== null && w.diastolic && meets(w.diastolic, c.diastolic)) out.push({ code: 'diastolic', text: `Huyết áp tâm trương ${c.diastolic} mmHg (${thresholdText(w.diastolic, ' mmHg')})` })
  if (c.temperature !== null && w.temperature && meets(w.temperature, c.temperature)) out.push({ code: 'temperature', text: `Nhiệt độ ${num(c.temperature)} °C (${thresholdText(w.temperature, ' °C')})` })
  for (const s of c.symptoms) {
    if ((w.symptoms as readonly string[]).includes(s)) out.push({ code: s, text: CHECK_SYMPTOMS[s as CheckSymptom]?.vi ?? s })
  }
  return out
}

// --- Release --------------------------------------------------------------------------------

const iso = (d: Date) => formatISO(d, { representation: 'date' })
export const shiftDay = (day: string, n: number) => iso(addDays(parseISO(day), n))

export interface ReleaseFacts {
  /** Day 1: the first positive sample (or confirmation). */
  positiveOn: string
  fullyVaccinated: boolean
  /** The latest negative test's sample day, if any. */
  negativeTestOn: string | null
  negativeTestMethod: 'antigen' | 'pcr' | null
}

export interface ReleaseCheck {
  releasable: boolean
  /** The first day a release may happen with a negative test (day `days`). */
  testFrom: string
  /** The day a release happens without a test, when the rule has one. */
  withoutTestOn: string | null
  reasons: string[]
}

/** Whether home isolation may end on `day` under `rule`. Day 1 is the first positive sample. */
export function releaseCheck(rule: Pick<HomeCareRule, 'release'>, f: ReleaseFacts, day: string): ReleaseCheck {
  const r = rule.release
  const testFrom = shiftDay(f.positiveOn, r.days - 1)
  const extended = r.extendedDays ? (f.fullyVaccinated ? r.extendedDays.vaccinated : r.extendedDays.unvaccinated) : null
  const withoutTestOn = extended === null ? null : shiftDay(f.positiveOn, extended - 1)
  const base = { testFrom, withoutTestOn }
  if (withoutTestOn !== null && day >= withoutTestOn) return { ...base, releasable: true, reasons: [] }
  const reasons: string[] = []
  if (day < testFrom) reasons.push(`Chưa đủ ${r.days} ngày (ngày thứ ${r.days} là ${formatVnDate(testFrom)}).`)
  if (r.test) {
    const ok = f.negativeTestOn !== null && f.negativeTestOn >= testFrom && f.negativeTestOn <= day && (r.test === 'antigen' || f.negativeTestMethod === 'pcr')
    if (!ok) {
      const kind = r.test === 'pcr' ? 'RT-PCR' : 'nhanh kháng nguyên (hoặc RT-PCR)'
      reasons.push(`Cần kết quả xét nghiệm ${kind} âm tính lấy mẫu từ ngày ${formatVnDate(testFrom)}.`)
    }
  }
  if (reasons.length > 0 && withoutTestOn !== null) reasons.push(`Nếu vẫn dương tính: kết thúc cách ly ngày ${formatVnDate(withoutTestOn)}.`)
  return { ...base, releasable: reasons.length === 0, reasons }
}

/** Whole years between a birth (date, or year only: its 1 July) and `day`. */
export function ageOn(birth: { birthDate: string | null; birthYear: number | null }, day: string): number | null {
  const from = birth.birthDate ?? (birth.birthYear ? `${birth.birthYear}-07-01` : null)
  if (!from) return null
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const [by, bm, bd] = from.split('-').map(Number) as [number, number, number]
  return Math.max(0, y - by - (m < bm || (m === bm && d < bd) ? 1 : 0))
}
