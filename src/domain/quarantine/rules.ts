import { formatVnDate } from '../text/dates.ts'
import { shiftDay } from '../surveillance/followup.ts'

/**
 * Quarantine durations change over time: they are dated rule periods kept as data (table
 * quarantine_rules, the national periods seeded by migration 0018 with their legal source and how
 * sure that source is), and a province adds its own dated variants. The rule in force on the day a
 * quarantine starts applies to it for its whole length.
 */

/** Who a rule is for. A vaccinated (or recently recovered) F1 has rules of its own in some periods. */
export const RULE_KINDS = ['f1', 'f1-vaccinated', 'entry', 'illegal-entry'] as const
export type RuleKind = (typeof RULE_KINDS)[number]
/** What a placement asks for: the vaccinated variant is chosen from `vaccinated`. */
export const PLACEMENT_KINDS = ['f1', 'entry', 'illegal-entry'] as const
export type PlacementKind = (typeof PLACEMENT_KINDS)[number]
export const CONFIDENCES = ['verified', 'secondary', 'unverified'] as const
export type Confidence = (typeof CONFIDENCES)[number]

export const KIND_LABELS: Record<RuleKind, string> = {
  f1: 'F1 (người tiếp xúc gần)',
  'f1-vaccinated': 'F1 đã tiêm đủ liều vắc xin hoặc đã khỏi bệnh',
  entry: 'người nhập cảnh, người từ vùng dịch về',
  'illegal-entry': 'người nhập cảnh trái phép',
}
export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  verified: 'đã đối chiếu văn bản',
  secondary: 'theo nguồn thứ cấp',
  unverified: 'chưa kiểm chứng',
}

export interface QuarantineRule {
  id: number
  /** Null: national. Else the path of the unit (a province) whose own rule this is. */
  unitPath: string | null
  unitName?: string | null
  kind: RuleKind
  name: string
  validFrom: string
  /** Last day in force (inclusive); null: still in force. */
  validTo: string | null
  /** Days of quarantine; 0: not quarantined in this period. */
  days: number
  /** Days of medical monitoring (or self-monitoring) after release. */
  monitoringDays: number
  /** Days of the quarantine (day 1 = the first day) on which a test is required. */
  requiredTests: number[]
  source: string
  confidence: Confidence
  note?: string | null
}

export interface RuleQuery {
  kind: PlacementKind
  vaccinated: boolean
  /** The first day of quarantine (yyyy-mm-dd). */
  start: string
  /** Where the person is quarantined: a province's own rules apply inside it. */
  unitPath?: string | null
}

export interface RuleChoice {
  rule: QuarantineRule
  /** Why this rule, in Vietnamese: the kind, the day, the source, what it requires. */
  why: string
  /** The day the person leaves quarantine (start + days); equal to start when not quarantined. */
  plannedEnd: string
  /** The days tests fall on, yyyy-mm-dd. */
  testDates: string[]
}

const inForce = (r: QuarantineRule, day: string) => r.validFrom <= day && (r.validTo === null || day <= r.validTo)
const applies = (r: QuarantineRule, unitPath: string | null | undefined) => r.unitPath === null || (!!unitPath && unitPath.startsWith(r.unitPath))

/**
 * The rule in force on `q.start` for the kind asked. For a vaccinated F1 both the `f1-vaccinated`
 * and the `f1` rules are candidates. The latest start wins (a newer rule replaces an older one);
 * on the same day a province's own rule wins over the national one, and a vaccinated F1's own rule
 * over the general F1 rule. Null when no rule covers that day.
 */
export function chooseRule(rules: readonly QuarantineRule[], q: RuleQuery): RuleChoice | null {
  const asked: RuleKind = q.kind === 'f1' && q.vaccinated ? 'f1-vaccinated' : q.kind
  const kinds: RuleKind[] = asked === 'f1-vaccinated' ? ['f1-vaccinated', 'f1'] : [asked]
  const rule = rules
    .filter((r) => kinds.includes(r.kind) && inForce(r, q.start) && applies(r, q.unitPath))
    .sort(
      (a, b) =>
        (a.validFrom === b.validFrom ? 0 : a.validFrom < b.validFrom ? 1 : -1) ||
        (b.unitPath?.length ?? 0) - (a.unitPath?.length ?? 0) ||
        Number(b.kind === asked) - Number(a.kind === asked),
    )[0]
  if (!rule) return null
  return { rule, why: explain(rule, q, rule.kind !== asked ? asked : null), plannedEnd: shiftDay(q.start, rule.days), testDates: testDates(q.start, rule) }
}

/** The dates of a rule's required tests for a quarantine starting on `start` (day 1 = start). */
export function testDates(start: string, rule: Pick<QuarantineRule, 'requiredTests' | 'days'>): string[] {
  return [...new Set(rule.requiredTests.filter((d) => d >= 1).map((d) => shiftDay(start, d - 1)))].sort()
}

/** "14 ngày", "7 ngày cách ly + 7 ngày tự theo dõi", "không cách ly; tự theo dõi 10 ngày". */
export function durationText(rule: Pick<QuarantineRule, 'days' | 'monitoringDays'>): string {
  const monitoring = rule.monitoringDays > 0 ? `theo dõi sức khỏe ${rule.monitoringDays} ngày` : ''
  if (rule.days === 0) return `không cách ly${monitoring ? `; ${monitoring}` : ''}`
  return `cách ly ${rule.days} ngày${monitoring ? `, sau đó ${monitoring}` : ''}`
}

function explain(rule: QuarantineRule, q: RuleQuery, fellBackFrom: RuleKind | null): string {
  const period = rule.validTo ? `từ ${formatVnDate(rule.validFrom)} đến ${formatVnDate(rule.validTo)}` : `từ ${formatVnDate(rule.validFrom)}`
  const whose = rule.unitPath === null ? 'quy định chung' : `quy định riêng của ${rule.unitName ?? 'tỉnh'}`
  const tests = rule.requiredTests.length > 0 ? `; xét nghiệm vào ngày thứ ${rule.requiredTests.join(', ')}` : ''
  const fallback = fellBackFrom ? ` (quy định chung cho F1, áp dụng cả cho ${KIND_LABELS[fellBackFrom]})` : ''
  return (
    `Bắt đầu ngày ${formatVnDate(q.start)}, áp dụng ${whose} “${rule.name}” cho ${KIND_LABELS[rule.kind]}${fallback}, hiệu lực ${period}: ` +
    `${durationText(rule)}${tests}. Căn cứ: ${rule.source} (${CONFIDENCE_LABELS[rule.confidence]}).`
  )
}

/** The problems of a rule as entered (empty when it is usable), in Vietnamese. */
export function ruleProblems(r: Pick<QuarantineRule, 'validFrom' | 'validTo' | 'days' | 'monitoringDays' | 'requiredTests'>): string[] {
  const out: string[] = []
  if (r.validTo !== null && r.validTo < r.validFrom) out.push(`Ngày hết hiệu lực ${formatVnDate(r.validTo)} ở trước ngày bắt đầu ${formatVnDate(r.validFrom)}.`)
  const outside = r.requiredTests.filter((d) => d < 1 || (r.days > 0 && d > r.days))
  if (outside.length > 0) out.push(`Ngày xét nghiệm ${outside.join(', ')} nằm ngoài thời gian cách ly (ngày 1 đến ngày ${r.days}).`)
  if (r.days === 0 && r.requiredTests.length > 0) out.push('Quy định không cách ly thì không có ngày xét nghiệm trong thời gian cách ly.')
  return out
}

/** The kind of rule a placement's reason calls for. */
export function kindForReason(reason: PlacementReason): PlacementKind {
  return reason === 'contact' ? 'f1' : reason === 'illegal_entrant' ? 'illegal-entry' : 'entry'
}

export const PLACEMENT_REASONS = ['contact', 'traveller', 'returnee', 'illegal_entrant'] as const
export type PlacementReason = (typeof PLACEMENT_REASONS)[number]
export const REASON_LABELS: Record<PlacementReason, string> = {
  contact: 'người tiếp xúc gần (F1)',
  traveller: 'người nhập cảnh',
  returnee: 'người từ vùng dịch về',
  illegal_entrant: 'người nhập cảnh trái phép',
}

/** What a release needs: each required test day has a negative result, none positive. */
export interface TestResult {
  sampleDate: string
  result: 'positive' | 'negative' | 'inconclusive' | null
}

/**
 * The required tests still missing for a release: a test day counts as done when a negative
 * result was sampled that day or one day either side (a sample is often taken the evening before or
 * the morning after). Answers the missing test dates (empty: the person may be released).
 */
export function missingTests(required: readonly string[], results: readonly TestResult[]): string[] {
  return required.filter((day) => !results.some((t) => t.result === 'negative' && Math.abs(dayDiff(t.sampleDate, day)) <= 1))
}

/** Days from `a` to `b` (b − a). */
export function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}

/**
 * After a positive test in the facility on `day`, a flagged person stays until the rule's full
 * length counted again from that day (the exposure), never less than already planned.
 */
export function extendedEnd(currentEnd: string, day: string, days: number): string {
  const fromExposure = shiftDay(day, days)
  return fromExposure > currentEnd ? fromExposure : currentEnd
}

/** Share of capacity from which a facility is reported as nearly full. */
export const NEAR_FULL_SHARE = 0.9

export type FillState = 'ok' | 'near_full' | 'full'
export function fillState(occupied: number, capacity: number): FillState {
  if (capacity <= 0 || occupied >= capacity) return 'full'
  return occupied >= capacity * NEAR_FULL_SHARE ? 'near_full' : 'ok'
}
