import { z } from 'zod'
import { CONFIDENCES, type Confidence, type Level } from '../levels/ruleset.ts'

/**
 * Gatherings and events under the epidemic levels (Resolution 128/NQ-CP): for each level and
 * setting (indoors, outdoors) whether an event may take place, the attendance limit in force and
 * the conditions, each with its source and how sure we are of it. The national set below carries
 * the resolution's broad lines; its numbers are reconstructions (a province sets its own limits
 * and forks the set into a dated variant through the API). No I/O here.
 */

export const VERDICTS = ['allowed', 'conditional', 'forbidden'] as const
export type Verdict = (typeof VERDICTS)[number]
export const VERDICT_LABELS: Record<Verdict, string> = {
  allowed: 'Được tổ chức',
  conditional: 'Được tổ chức có điều kiện',
  forbidden: 'Không được tổ chức',
}
export const SETTINGS = ['indoor', 'outdoor'] as const
export type Setting = (typeof SETTINGS)[number]
export const SETTING_LABELS: Record<Setting, string> = { indoor: 'trong nhà', outdoor: 'ngoài trời' }

const zConfidence = z.enum(CONFIDENCES, { error: 'Mức tin cậy là verified, secondary hoặc unverified.' })
const zText = (max: number, what: string) => z.string({ error: `Hãy ghi ${what}.` }).trim().min(1, `Hãy ghi ${what}.`).max(max, `${what} dài quá ${max} ký tự.`)

export const zLevelRule = z.strictObject({
  verdict: z.enum(VERDICTS, { error: 'Kết luận là allowed, conditional hoặc forbidden.' }),
  /** The most people allowed at once; null: no number set. */
  maxAttendance: z.number({ error: 'Giới hạn số người phải là một số.' }).int('Giới hạn số người là số nguyên.').min(0, 'Giới hạn số người không âm.').max(1_000_000, 'Giới hạn số người quá lớn.').nullable(),
  conditions: z.array(zText(500, 'điều kiện')).max(20, 'Không quá 20 điều kiện.'),
  source: zText(500, 'nguồn'),
  confidence: zConfidence,
  /** A reconstruction (not read in the text): shown as such. */
  reconstructed: z.boolean().optional(),
})
export type LevelRule = z.infer<typeof zLevelRule>

const zLevelRules = z.strictObject({ indoor: zLevelRule, outdoor: zLevelRule })

export const zEventRuleSet = z.strictObject({
  name: zText(200, 'tên bộ quy định'),
  source: zText(500, 'nguồn'),
  /** From this many expected participants an event is "large": it shows on the public list. */
  largeEventAttendance: z.number({ error: 'Ngưỡng sự kiện lớn phải là một số.' }).int().min(1, 'Ngưỡng sự kiện lớn từ 1.').max(1_000_000),
  highRiskCountries: z.strictObject({
    codes: z.array(z.string().regex(/^[A-Z]{2}$/, 'Mã nước theo ISO 3166-1 (2 chữ cái in hoa).')).max(250),
    source: zText(500, 'nguồn'),
    confidence: zConfidence,
  }),
  levels: z.strictObject({ '1': zLevelRules, '2': zLevelRules, '3': zLevelRules, '4': zLevelRules }),
})
export type EventRuleSet = z.infer<typeof zEventRuleSet>

const NQ128 = 'Nghị quyết 128/NQ-CP ngày 11/10/2021, Phụ lục (hoạt động tập trung đông người)'
const rule = (verdict: Verdict, maxAttendance: number | null, conditions: string[], confidence: Confidence, reconstructed: boolean): LevelRule => ({
  verdict,
  maxAttendance,
  conditions,
  source: NQ128,
  confidence,
  ...(reconstructed ? { reconstructed } : {}),
})
const MEASURES = 'Thực hiện 5K; bố trí khu vực đo thân nhiệt, khai báo y tế, sát khuẩn; có phương án xử lý khi có người nghi nhiễm.'

/**
 * The national set: verdicts per level as the resolution's broad lines (level 1 organised, 2 and 3
 * with a limited number of people, 4 not organised) — secondary; every attendance number is a
 * reconstruction from the 2686 measures (no gathering of 30 or more at high risk, 10 outdoors at
 * very high) and provinces' decisions of the time, unverified: the province sets its own.
 */
export const NATIONAL_EVENT_RULES: EventRuleSet = {
  name: 'Nghị quyết 128/NQ-CP: tổ chức sự kiện, hoạt động tập trung đông người',
  source: NQ128,
  largeEventAttendance: 100,
  highRiskCountries: {
    codes: [],
    source: 'Danh sách do Bộ Y tế / Sở Y tế công bố theo từng thời kỳ (tỉnh tự cập nhật)',
    confidence: 'unverified',
  },
  levels: {
    '1': { indoor: rule('allowed', null, [MEASURES], 'secondary', false), outdoor: rule('allowed', null, [MEASURES], 'secondary', false) },
    '2': {
      indoor: rule('conditional', 100, [MEASURES, 'Không quá 50% sức chứa của địa điểm.'], 'unverified', true),
      outdoor: rule('conditional', 200, [MEASURES, 'Giữ khoảng cách tối thiểu 1 mét.'], 'unverified', true),
    },
    '3': {
      indoor: rule('conditional', 30, [MEASURES, 'Không quá 30% sức chứa; người tham dự đã tiêm đủ liều hoặc có kết quả xét nghiệm âm tính.'], 'unverified', true),
      outdoor: rule('conditional', 50, [MEASURES, 'Giữ khoảng cách tối thiểu 2 mét; người tham dự đã tiêm đủ liều hoặc có kết quả xét nghiệm âm tính.'], 'unverified', true),
    },
    '4': {
      indoor: rule('forbidden', 0, ['Không tổ chức hoạt động tập trung đông người; chỉ hoạt động thiết yếu theo quy định của tỉnh.'], 'secondary', false),
      outdoor: rule('forbidden', 0, ['Không tụ tập quá 10 người ngoài trời.'], 'unverified', true),
    },
  },
}

export interface EventFacts {
  /** The commune's published level in force on the event's first day; null: none published. */
  level: Level | null
  setting: Setting
  attendance: number
  foreignGuests: number
  countries: string[]
}

export interface EventAssessment {
  level: Level | null
  verdict: Verdict
  maxAttendance: number | null
  conditions: string[]
  /** Health advice from the health authority is needed before a decision. */
  adviceRequired: boolean
  highRiskCountries: string[]
  large: boolean
  source: string
  confidence: Confidence
  reconstructed: boolean
  reasons: string[]
}

/** What applies to an event: the rule of its commune's level and its setting, its attendance and its guests from abroad. */
export function assessEvent(rs: EventRuleSet, f: EventFacts): EventAssessment {
  const reasons: string[] = []
  const highRisk = f.countries.filter((c) => rs.highRiskCountries.codes.includes(c))
  const adviceRequired = f.foreignGuests > 0 || f.countries.length > 0
  const large = f.attendance >= rs.largeEventAttendance
  if (f.level === null) {
    reasons.push('Chưa có cấp độ dịch được công bố cho xã vào ngày tổ chức: cần xin ý kiến cơ quan y tế và quyết định từng trường hợp.')
    if (adviceRequired) reasons.push(adviceReason(f, highRisk))
    return {
      level: null,
      verdict: 'conditional',
      maxAttendance: null,
      conditions: [],
      adviceRequired: true,
      highRiskCountries: highRisk,
      large,
      source: rs.source,
      confidence: 'unverified',
      reconstructed: false,
      reasons,
    }
  }
  const r = rs.levels[String(f.level) as '1' | '2' | '3' | '4'][f.setting]
  const where = `cấp độ ${f.level}, ${SETTING_LABELS[f.setting]}`
  let verdict: Verdict = r.verdict
  if (r.verdict === 'forbidden') reasons.push(`Ở ${where}: không được tổ chức hoạt động tập trung đông người.`)
  else if (r.maxAttendance !== null && f.attendance > r.maxAttendance) {
    verdict = 'forbidden'
    reasons.push(`Ở ${where}: tối đa ${r.maxAttendance} người, sự kiện dự kiến ${f.attendance} người.`)
  } else {
    reasons.push(`Ở ${where}: ${VERDICT_LABELS[r.verdict].toLowerCase()}${r.maxAttendance !== null ? ` (tối đa ${r.maxAttendance} người, dự kiến ${f.attendance})` : ''}.`)
  }
  if (adviceRequired) {
    reasons.push(adviceReason(f, highRisk))
    if (verdict === 'allowed') verdict = 'conditional'
  }
  return {
    level: f.level,
    verdict,
    maxAttendance: r.maxAttendance,
    conditions: r.conditions,
    adviceRequired,
    highRiskCountries: highRisk,
    large,
    source: r.source,
    confidence: r.confidence,
    reconstructed: r.reconstructed ?? false,
    reasons,
  }
}

function adviceReason(f: EventFacts, highRisk: string[]): string {
  return `Có ${f.foreignGuests} khách từ nước ngoài (${f.countries.join(', ')})${highRisk.length ? `, trong đó từ nước có nguy cơ cao: ${highRisk.join(', ')}` : ''}: cần ý kiến của cơ quan y tế trước khi quyết định.`
}

// --- The steps of an event ------------------------------------------------------------------------

export const EVENT_STATUSES = ['submitted', 'advice_requested', 'advised', 'approved', 'approved_with_conditions', 'refused'] as const
export type EventStatus = (typeof EVENT_STATUSES)[number]
export const STATUS_LABELS: Record<EventStatus, string> = {
  submitted: 'Đã đăng ký',
  advice_requested: 'Đang xin ý kiến y tế',
  advised: 'Đã có ý kiến y tế',
  approved: 'Đồng ý',
  approved_with_conditions: 'Đồng ý có điều kiện',
  refused: 'Không đồng ý',
}
export const DECISIONS = ['approved', 'approved_with_conditions', 'refused'] as const
export type Decision = (typeof DECISIONS)[number]

export type EventAction = { kind: 'request_advice' } | { kind: 'advise' } | { kind: 'decide'; decision: Decision; conditions: number }

const DECIDED: EventStatus[] = ['approved', 'approved_with_conditions', 'refused']

/** The status after `action`, or why it is refused (in Vietnamese). */
export function nextStatus(current: EventStatus, action: EventAction, a: Pick<EventAssessment, 'adviceRequired' | 'verdict'>): { status: EventStatus } | { refused: string } {
  if (DECIDED.includes(current)) return { refused: `Sự kiện đã có quyết định (${STATUS_LABELS[current].toLowerCase()}): không thể thay đổi.` }
  switch (action.kind) {
    case 'request_advice':
      if (current !== 'submitted') return { refused: 'Chỉ xin ý kiến y tế cho sự kiện vừa đăng ký (chưa xin ý kiến).' }
      return { status: 'advice_requested' }
    case 'advise':
      if (current !== 'advice_requested') return { refused: 'Chưa có yêu cầu xin ý kiến y tế cho sự kiện này: hãy gửi yêu cầu trước.' }
      return { status: 'advised' }
    case 'decide': {
      if (action.decision === 'refused') return { status: 'refused' }
      if (a.adviceRequired && current !== 'advised') return { refused: 'Sự kiện có khách từ nước ngoài: cần có ý kiến của cơ quan y tế trước khi đồng ý.' }
      if (current === 'advice_requested') return { refused: 'Đang chờ ý kiến của cơ quan y tế: chưa thể đồng ý.' }
      if (a.verdict === 'forbidden') return { refused: 'Theo quy định ở cấp độ dịch đang áp dụng, sự kiện này không được tổ chức: chỉ có thể không đồng ý.' }
      if (action.decision === 'approved_with_conditions' && action.conditions === 0) return { refused: 'Đồng ý có điều kiện cần ghi ít nhất một điều kiện.' }
      if (action.decision === 'approved' && a.verdict === 'conditional') return { refused: 'Theo quy định, sự kiện này chỉ được tổ chức có điều kiện: hãy đồng ý có điều kiện và ghi các điều kiện.' }
      return { status: action.decision }
    }
  }
}
