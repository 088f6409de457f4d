import { z } from 'zod'

/**
 * An epidemic-level rule set as data: the decision it comes from, when it is in force, and every
 * cut-off and decision-table cell with how sure we are of it. National sets ship as JSON beside this
 * file; a province forks one into a dated variant and edits it (contexts/levels).
 *
 * Confidence marks: verified (read in the decision's text), secondary (press, government news,
 * legal newsletters), unverified (a reconstruction or a draft: an editable default only).
 */
export const CONFIDENCES = ['verified', 'secondary', 'unverified'] as const
export type Confidence = (typeof CONFIDENCES)[number]
export const CONFIDENCE_LABELS: Record<Confidence, { vi: string; en: string }> = {
  verified: { vi: 'đã kiểm chứng', en: 'verified' },
  secondary: { vi: 'nguồn thứ cấp', en: 'secondary source' },
  unverified: { vi: 'chưa kiểm chứng', en: 'unverified' },
}

export const LEVELS = [1, 2, 3, 4] as const
export type Level = 1 | 2 | 3 | 4

const zConfidence = z.enum(CONFIDENCES, { error: 'Mức tin cậy là verified, secondary hoặc unverified.' })
const zNote = z.string().max(2000, 'Ghi chú dài quá 2.000 ký tự.').optional()
const zLevel = z.number({ error: 'Cấp độ phải là một số.' }).int('Cấp độ là số nguyên.').min(1, 'Cấp độ từ 1 đến 4.').max(4, 'Cấp độ từ 1 đến 4.')

/** A cut-off: a value reaches it when `value op cutoff` holds. */
export const zThreshold = z.strictObject({
  value: z.number({ error: 'Ngưỡng phải là một số.' }).min(0, 'Ngưỡng không âm.').max(1_000_000, 'Ngưỡng quá lớn.'),
  op: z.enum(['>=', '>'], { error: 'Phép so sánh là >= hoặc >.' }).default('>='),
  confidence: zConfidence,
  note: zNote,
})
export type Threshold = z.output<typeof zThreshold>

/** The case indicators a transmission band is read from (per 100,000 people per week). */
export const INDICATOR_KEYS = ['communityCases', 'cases', 'oxygenPatients', 'deaths'] as const
export type IndicatorKey = (typeof INDICATOR_KEYS)[number]
export const WINDOWS = ['week', 'twoWeekAverage', 'twoWeekSum'] as const

const zIndicator = z.strictObject({
  key: z.enum(INDICATOR_KEYS, { error: 'Chỉ số là communityCases, cases, oxygenPatients hoặc deaths.' }),
  label: z.string().min(1).max(200),
  /** This week only; the mean of this and last week; or both weeks added (14 days). */
  window: z.enum(WINDOWS, { error: 'Cách tính là week, twoWeekAverage hoặc twoWeekSum.' }),
  windowConfidence: zConfidence,
  /** Where bands 2, 3 and 4 begin. */
  cutoffs: z.array(zThreshold).length(3, 'Mỗi chỉ số có đúng 3 ngưỡng (bắt đầu mức 2, 3, 4).'),
  note: zNote,
})

export const VACCINATION_KEYS = ['adults18PlusAtLeastOneDose', 'fullyVaccinated', 'highRiskFullyVaccinated', 'elderly65PlusFullyVaccinated'] as const
export type VaccinationKey = (typeof VACCINATION_KEYS)[number]
const zCriterion = z.strictObject({
  key: z.enum(VACCINATION_KEYS, { error: 'Tiêu chí tiêm chủng không có trong danh mục.' }),
  label: z.string().min(1).max(200),
  /** Share of the group, 0–1. */
  min: zThreshold,
})

export const CAPACITY_KEYS = ['adequate', 'freeBedsPer100k', 'icuBeds'] as const
export type CapacityKey = (typeof CAPACITY_KEYS)[number]
const zComponent = z.strictObject({
  key: z.enum(CAPACITY_KEYS, { error: 'Thành phần năng lực là adequate, freeBedsPer100k hoặc icuBeds.' }),
  label: z.string().min(1).max(200),
  /** Needed in the input; optional components count only when given. */
  required: z.boolean(),
  /** Numbers: the value that meets it (absent for `adequate`, which is yes/no). */
  min: zThreshold.optional(),
  confidence: zConfidence,
  note: zNote,
})

export const zCell = z.strictObject({ level: zLevel, confidence: zConfidence, note: zNote })
export type Cell = z.output<typeof zCell>

export const COLUMN_KEYS = { none: ['all'], vaccination: ['met', 'notMet'], capacity: ['high', 'medium', 'low'] } as const
export type ColumnBy = keyof typeof COLUMN_KEYS

const zShareRule = z.strictObject({
  /** Communes at this level or above… */
  atLeast: zLevel,
  /** …make up at least this share (0–1) of the children, */
  share: z.number().min(0).max(1).optional(),
  /** …or number at least this many. */
  count: z.number().int().min(1).optional(),
})

export const zRuleSet = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,60}$/, 'Mã bộ tiêu chí gồm chữ, số, dấu chấm, gạch (tối đa 60).'),
    version: z.number().int().min(1),
    name: z.string().min(1, 'Tên bộ tiêu chí không được để trống.').max(300),
    document: z.string().min(1).max(200),
    issuer: z.string().max(300),
    issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    sourceUrl: z.string().max(1000).nullable(),
    validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày hiệu lực theo dạng YYYY-MM-DD.'),
    validTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày hết hiệu lực theo dạng YYYY-MM-DD.').nullable(),
    note: zNote,
    levels: z
      .array(z.strictObject({ level: zLevel, name: z.string().min(1).max(100), color: z.string().regex(/^#[0-9a-f]{6}$/i), confidence: zConfidence }))
      .length(4, 'Có đúng 4 cấp độ.'),
    transmission: z.strictObject({
      indicators: z.array(zIndicator).min(1, 'Cần ít nhất một chỉ số ca bệnh.').max(4),
      /** Several indicators: the band is the highest of theirs. */
      combineConfidence: zConfidence,
      note: zNote,
    }),
    vaccination: z.strictObject({
      /** none; column: the criteria pick the matrix column; bandUp: missing them raises the band by one. */
      effect: z.enum(['none', 'column', 'bandUp']),
      effectConfidence: zConfidence,
      criteria: z.array(zCriterion).max(4),
      note: zNote,
    }),
    capacity: z.strictObject({
      components: z.array(zComponent).max(3),
      /** Every given component met: high; none met: low; otherwise medium. */
      classifyConfidence: zConfidence,
      note: zNote,
    }),
    matrix: z.strictObject({
      columnBy: z.enum(['none', 'vaccination', 'capacity']),
      columns: z.array(z.strictObject({ key: z.string(), label: z.string().min(1).max(200) })),
      /** One row per transmission band 1–4, one cell per column. */
      cells: z.array(z.array(zCell)).length(4, 'Bảng có đúng 4 hàng (mức 1–4).'),
      note: zNote,
    }),
    guards: z.strictObject({
      /** While the capacity criterion fails, the level does not go below the level in force. */
      noLowering: z.strictObject({ enabled: z.boolean(), confidence: zConfidence, note: zNote }),
      /** One level up when the elderly full-vaccination target is missed. */
      elderly: z.strictObject({
        enabled: z.boolean(),
        min: zThreshold,
        confidence: zConfidence,
        /** A draft said: not where there were no cases. */
        exceptWhenNoCases: z.boolean(),
        exceptConfidence: zConfidence,
        note: zNote,
      }),
    }),
    aggregation: z.strictObject({
      /** Checked from the first; the first that holds gives the level, else `otherwise`. */
      rules: z.array(z.strictObject({ level: zLevel, anyOf: z.array(zShareRule).min(1), confidence: zConfidence, note: zNote })).max(8),
      otherwise: zLevel,
      note: zNote,
    }),
  })
  .superRefine((rs, ctx) => {
    const keys = COLUMN_KEYS[rs.matrix.columnBy] as readonly string[]
    if (rs.matrix.columns.length !== keys.length || rs.matrix.columns.some((c, i) => c.key !== keys[i])) {
      ctx.addIssue({ code: 'custom', path: ['matrix', 'columns'], message: `Các cột của bảng phải là ${keys.join(', ')}.` })
    }
    rs.matrix.cells.forEach((row, i) => {
      if (row.length !== keys.length) ctx.addIssue({ code: 'custom', path: ['matrix', 'cells', i], message: `Hàng mức ${i + 1} phải có ${keys.length} ô.` })
    })
    rs.transmission.indicators.forEach((ind, i) => {
      for (let k = 1; k < 3; k++) {
        if (ind.cutoffs[k]!.value < ind.cutoffs[k - 1]!.value) {
          ctx.addIssue({ code: 'custom', path: ['transmission', 'indicators', i, 'cutoffs', k], message: `Ngưỡng mức ${k + 2} của "${ind.label}" nhỏ hơn ngưỡng mức ${k + 1}.` })
        }
      }
    })
    if (rs.vaccination.effect !== 'none' && rs.vaccination.criteria.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['vaccination', 'criteria'], message: 'Cần ít nhất một tiêu chí tiêm chủng.' })
    }
    if ((rs.matrix.columnBy === 'vaccination') !== (rs.vaccination.effect === 'column')) {
      ctx.addIssue({ code: 'custom', path: ['matrix', 'columnBy'], message: 'Bảng chia cột theo tiêm chủng khi và chỉ khi tiêm chủng chọn cột.' })
    }
    if (rs.matrix.columnBy === 'capacity' && rs.capacity.components.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['capacity', 'components'], message: 'Bảng chia cột theo năng lực đáp ứng nhưng không có thành phần năng lực.' })
    }
    rs.capacity.components.forEach((c, i) => {
      if ((c.key === 'adequate') !== (c.min === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['capacity', 'components', i, 'min'], message: 'Thành phần "adequate" là có/không; các thành phần số cần ngưỡng min.' })
      }
    })
    rs.levels.forEach((l, i) => {
      if (l.level !== i + 1) ctx.addIssue({ code: 'custom', path: ['levels', i, 'level'], message: 'Các cấp độ theo thứ tự 1, 2, 3, 4.' })
    })
    if (rs.validTo && rs.validTo < rs.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'Ngày hết hiệu lực trước ngày hiệu lực.' })
    for (const [i, r] of rs.aggregation.rules.entries()) {
      for (const [j, a] of r.anyOf.entries()) {
        if ((a.share === undefined) === (a.count === undefined)) {
          ctx.addIssue({ code: 'custom', path: ['aggregation', 'rules', i, 'anyOf', j], message: 'Mỗi điều kiện có đúng một trong share (tỷ lệ) hoặc count (số xã).' })
        }
      }
    }
  })

export type RuleSet = z.output<typeof zRuleSet>
export type RuleSetInput = z.input<typeof zRuleSet>

/** Parses a rule set, or answers its problems as "path: message" lines. */
export function parseRuleSet(value: unknown): { ok: true; ruleSet: RuleSet } | { ok: false; problems: string[] } {
  const r = zRuleSet.safeParse(value)
  if (r.success) return { ok: true, ruleSet: r.data }
  return { ok: false, problems: r.error.issues.map((i) => `${i.path.join('/') || '(gốc)'}: ${i.message}`) }
}

/** Whether `value` reaches threshold `t`. */
export function reaches(value: number, t: Threshold): boolean {
  return t.op === '>' ? value > t.value : value >= t.value
}

/** Every confidence mark in a rule set with where it is, for the viewer and the tests. */
export function confidenceMarks(rs: RuleSet): { path: string; confidence: Confidence }[] {
  const out: { path: string; confidence: Confidence }[] = []
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path}/${i}`)
    }
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'confidence' || k.endsWith('Confidence')) && typeof x === 'string') out.push({ path: k === 'confidence' ? path : `${path}/${k}`, confidence: x as Confidence })
        else walk(x, `${path}/${k}`)
      }
    }
  }
  walk(rs, '')
  return out
}
