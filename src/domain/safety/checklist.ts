import { z } from 'zod'

/**
 * COVID-safety checklists of facilities as versioned data. The decisions do not share one method
 * (../shared/research/levels-and-safety-rules.md §5): the workplace family (QĐ 2194/QĐ-BCĐQG and
 * HCMC's 1203/QĐ-BCĐ before it) turns points into a share of the maximum and reads risk bands
 * off it; the hospital set adds "any indicator at zero means unsafe"; school sets count passed
 * criteria with mandatory ones. A checklist version therefore carries its items (answer options
 * with points, a weight, a critical flag) and its own banding rule, plus its legal source and how
 * complete and how certain the transcription is. A province edits one by saving a new version.
 */

export type Confidence = 'verified' | 'secondary' | 'unverified'
export const CONFIDENCES = ['verified', 'secondary', 'unverified'] as const

/** How much of the source's item list the data holds. */
export const COMPLETENESS = ['complete', 'partial', 'reconstructed'] as const
export type Completeness = (typeof COMPLETENESS)[number]
export const COMPLETENESS_VI: Record<Completeness, string> = {
  complete: 'Đầy đủ theo văn bản',
  partial: 'Thiếu một số mục (có đánh dấu)',
  reconstructed: 'Dựng lại theo phương pháp của văn bản, nội dung mục chưa đối chiếu',
}

export const FACILITY_KINDS = [
  'hospital',
  'clinic',
  'school',
  'kindergarten',
  'hotel',
  'homestay',
  'tourist_site',
  'market',
  'supermarket',
  'restaurant',
  'factory',
  'office',
  'transport_station',
  'religious_site',
  'other',
] as const
export type FacilityKind = (typeof FACILITY_KINDS)[number]
export const FACILITY_KIND_VI: Record<FacilityKind, string> = {
  hospital: 'Bệnh viện',
  clinic: 'Phòng khám, cơ sở y tế',
  school: 'Trường học',
  kindergarten: 'Trường mầm non',
  hotel: 'Khách sạn, nhà nghỉ',
  homestay: 'Homestay, nhà trọ du lịch',
  tourist_site: 'Điểm du lịch',
  market: 'Chợ',
  supermarket: 'Siêu thị, trung tâm thương mại',
  restaurant: 'Nhà hàng, quán ăn',
  factory: 'Nhà máy, cơ sở sản xuất',
  office: 'Cơ quan, văn phòng',
  transport_station: 'Bến xe, bến tàu, cảng, sân bay',
  religious_site: 'Cơ sở tôn giáo, tín ngưỡng',
  other: 'Khác',
}

/**
 * The bands a result can fall in, whatever the method: each has a level on one scale from 1
 * (safest, green on the map) to 5 (most dangerous, dark red), so every checklist colours alike.
 */
export const BANDS = {
  very_low: { vi: 'Rất ít nguy cơ', en: 'Very low risk', level: 1 },
  low: { vi: 'Nguy cơ thấp', en: 'Low risk', level: 2 },
  medium: { vi: 'Nguy cơ trung bình', en: 'Medium risk', level: 3 },
  high: { vi: 'Nguy cơ cao', en: 'High risk', level: 4 },
  very_high: { vi: 'Nguy cơ rất cao', en: 'Very high risk', level: 5 },
  safe: { vi: 'An toàn', en: 'Safe', level: 1 },
  fair: { vi: 'Đạt, hoạt động có điều kiện', en: 'Fair, operate with conditions', level: 2 },
  low_safety: { vi: 'An toàn thấp', en: 'Low safety', level: 3 },
  unsafe: { vi: 'Không an toàn', en: 'Unsafe', level: 5 },
} as const
export type Band = keyof typeof BANDS
export const BAND_KEYS = Object.keys(BANDS) as Band[]
/** Map colours by level (1 green … 5 dark red). */
export const LEVEL_COLOURS = ['#1a9850', '#91cf60', '#fdae61', '#f46d43', '#a50026'] as const
export const bandColour = (band: Band): string => LEVEL_COLOURS[BANDS[band].level - 1]!

const id = z
  .string({ error: 'Mã phải là chuỗi.' })
  .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'Mã chỉ gồm chữ thường không dấu, số, dấu chấm, gạch (tối đa 40 ký tự).')
const text = (max: number, what: string) =>
  z.string({ error: `${what} phải là chuỗi.` }).trim().min(1, `${what} không được để trống.`).max(max, `${what} dài quá ${max} ký tự.`)
const zConfidence = z.enum(CONFIDENCES, { error: 'Độ tin cậy: verified, secondary hoặc unverified.' })
const zBand = z.enum(BAND_KEYS as [Band, ...Band[]], { error: `Mức kết quả phải là một trong: ${BAND_KEYS.join(', ')}.` })
const points = z.number({ error: 'Điểm phải là một số.' }).min(0, 'Điểm không được âm.').max(1000, 'Điểm tối đa 1000.')

export const zOption = z.strictObject({
  id,
  label: text(300, 'Nhãn lựa chọn'),
  points,
  /** Choosing this option of a critical item is a critical finding (see `failsOf`). */
  fails: z.boolean().optional(),
})

export const zItem = z.strictObject({
  id,
  section: z.string().trim().max(200).optional(),
  text: text(1000, 'Nội dung tiêu chí'),
  /** Points are multiplied by the weight (1 when absent). */
  weight: z.number({ error: 'Trọng số phải là một số.' }).positive('Trọng số phải lớn hơn 0.').max(100, 'Trọng số tối đa 100.').optional(),
  critical: z.boolean().optional(),
  options: z.array(zOption).min(2, 'Mỗi tiêu chí cần ít nhất 2 lựa chọn.').max(20, 'Tối đa 20 lựa chọn một tiêu chí.'),
  /** Mark of this item when it differs from the checklist's (e.g. an item reconstructed in a sourced list). */
  confidence: zConfidence.optional(),
  note: z.string().trim().max(1000).optional(),
})

/** A band rule: the result takes `band` when the measure lies inside the given limits (and, when asked, no critical item failed). */
export const zBandRule = z.strictObject({
  band: zBand,
  /** Inclusive lower and upper limits, exclusive `above` and `below`. */
  min: z.number().optional(),
  max: z.number().optional(),
  above: z.number().optional(),
  below: z.number().optional(),
  noCriticalFailure: z.boolean().optional(),
  /** What the band means for the facility (may it operate, what it must do). */
  action: z.string().trim().max(500).optional(),
})

export const zBanding = z.strictObject({
  /** percent: points as a share of the maximum (0–100); points: the weighted sum itself (a pass count when passes score 1). */
  measure: z.enum(['percent', 'points'], { error: 'Thước đo: percent (phần trăm điểm tối đa) hoặc points (tổng điểm).' }),
  /** risk: more points are worse (2194); safety: more points are better (hospitals, schools). */
  direction: z.enum(['risk', 'safety'], { error: 'Chiều điểm: risk (điểm cao là nguy cơ cao) hoặc safety (điểm cao là an toàn).' }),
  /** Tried in order; the first that holds gives the band. The last must hold always (no limits). */
  bands: z.array(zBandRule).min(1, 'Cần ít nhất một mức.').max(10, 'Tối đa 10 mức.'),
})

export const zSource = z.strictObject({
  document: text(300, 'Văn bản nguồn'),
  issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày ban hành theo dạng YYYY-MM-DD.').optional(),
  issuer: z.string().trim().max(300).optional(),
  url: z.string().trim().max(1000).optional(),
  confidence: zConfidence,
  note: z.string().trim().max(2000).optional(),
})

export const zChecklist = z
  .strictObject({
    key: id,
    version: z.number().int().min(1).max(100_000),
    name: text(300, 'Tên bộ tiêu chí'),
    /** Facility kinds this checklist is the default for (none: available to choose, e.g. another province's set). */
    kinds: z.array(z.enum(FACILITY_KINDS, { error: 'Loại cơ sở không có trong danh mục.' })).max(FACILITY_KINDS.length),
    source: zSource,
    completeness: z.enum(COMPLETENESS, { error: 'Mức đầy đủ: complete, partial hoặc reconstructed.' }),
    /** Days a result stays valid before the facility is asked to assess again. */
    validityDays: z.number().int().min(1, 'Thời hạn hiệu lực ít nhất 1 ngày.').max(366, 'Thời hạn hiệu lực tối đa 366 ngày.'),
    banding: zBanding,
    items: z.array(zItem).min(1, 'Cần ít nhất một tiêu chí.').max(200, 'Tối đa 200 tiêu chí.'),
    note: z.string().trim().max(4000).optional(),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>()
    for (const [i, item] of c.items.entries()) {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `Mã tiêu chí "${item.id}" bị trùng.` })
      seen.add(item.id)
      const opts = new Set<string>()
      for (const [j, o] of item.options.entries()) {
        if (opts.has(o.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'options', j, 'id'], message: `Tiêu chí "${item.id}": mã lựa chọn "${o.id}" bị trùng.` })
        opts.add(o.id)
        if (o.fails && !item.critical) ctx.addIssue({ code: 'custom', path: ['items', i, 'options', j, 'fails'], message: `Tiêu chí "${item.id}" không phải tiêu chí bắt buộc nên không có lựa chọn "không đạt bắt buộc".` })
      }
    }
    const last = c.banding.bands.at(-1)
    if (last && (last.min !== undefined || last.max !== undefined || last.above !== undefined || last.below !== undefined || last.noCriticalFailure))
      ctx.addIssue({ code: 'custom', path: ['banding', 'bands', c.banding.bands.length - 1], message: 'Mức cuối cùng phải không có điều kiện, để mọi kết quả đều có mức.' })
    if (maxPoints(c as Checklist) <= 0) ctx.addIssue({ code: 'custom', path: ['items'], message: 'Tổng điểm tối đa phải lớn hơn 0.' })
  })

export type Checklist = z.infer<typeof zChecklist>
export type ChecklistItem = z.infer<typeof zItem>
export type BandRule = z.infer<typeof zBandRule>

/** The highest weighted points an item can give. */
export const itemMax = (item: ChecklistItem): number => Math.max(...item.options.map((o) => o.points)) * (item.weight ?? 1)
export const maxPoints = (c: Pick<Checklist, 'items'>): number => c.items.reduce((s, i) => s + itemMax(i), 0)

/**
 * The options of a critical item that count as its failure: those marked `fails`; when none is
 * marked, the zero-point options of a safety checklist and the highest-point options of a risk
 * checklist.
 */
export function failsOf(item: ChecklistItem, direction: Checklist['banding']['direction']): Set<string> {
  if (!item.critical) return new Set()
  const marked = item.options.filter((o) => o.fails)
  if (marked.length) return new Set(marked.map((o) => o.id))
  const target = direction === 'safety' ? 0 : Math.max(...item.options.map((o) => o.points))
  return new Set(item.options.filter((o) => o.points === target).map((o) => o.id))
}

/** Reads a checklist, answering every problem in Vietnamese with its place. */
export function parseChecklist(value: unknown): { ok: true; checklist: Checklist } | { ok: false; problems: string[] } {
  const r = zChecklist.safeParse(value)
  if (r.success) return { ok: true, checklist: r.data }
  return { ok: false, problems: r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)) }
}
