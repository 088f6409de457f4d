import { type Assessment, contractView } from '../../../domain/levels/assess.ts'
import type { AssessInput } from '../../../domain/levels/input.ts'
import { assessInput, NATIONAL_IDS, nationalRuleSet } from '../../../domain/levels/national.ts'
import type { RuleSet } from '../../../domain/levels/ruleset.ts'
import { type Ctx, auditEvent, requirePermission } from '../../platform/context.ts'
import { badRequest, notFound } from '../../platform/errors.ts'

/** A national rule set by its number (2686, 4800, 218). */
export function nationalOrThrow(id: string): RuleSet {
  const rs = nationalRuleSet(id)
  if (!rs) throw notFound(`bộ tiêu chí ${id} (có: ${NATIONAL_IDS.join(', ')})`)
  return rs
}

/** Assesses the input with a rule set; the problems of a bad input are listed in one 400. */
export function assessWith(rs: RuleSet, input: AssessInput | unknown): Assessment[] {
  const r = assessInput(rs, input)
  if (!r.ok) throw badRequest('LEVEL_INPUT_INVALID', `Dữ liệu đánh giá cấp độ không hợp lệ: ${r.problems.slice(0, 20).join(' ')}${r.problems.length > 20 ? ` (và ${r.problems.length - 20} lỗi khác)` : ''}`, { problems: r.problems })
  return r.units
}

/** POST /api/levels/assess: computes, stores nothing; the request is recorded in the audit. */
export async function assess(ctx: Ctx, q: { rules: string }, input: AssessInput) {
  requirePermission(ctx.access, 'levels:read')
  const rs = nationalOrThrow(q.rules)
  const units = assessWith(rs, input)
  await auditEvent(ctx, 'assess', 'level_assessments', { rules: rs.id, version: rs.version, units: units.length })
  return { units: units.map(contractView) }
}
