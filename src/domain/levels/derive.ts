import { vnPercent } from './format.ts'
import type { Level, RuleSet } from './ruleset.ts'

/**
 * The level of a district or province from its communes' (or districts') levels, by the rule set's
 * rule: the first rule any of whose conditions holds gives the level. A condition holds when the
 * children at `atLeast` or above make up `share` of all children, or number `count`.
 */
export function deriveLevel(rule: RuleSet['aggregation'], children: readonly Level[]): { level: Level; reasons: string[] } {
  const n = children.length
  if (n === 0) return { level: rule.otherwise as Level, reasons: ['Không có đơn vị trực thuộc nào được đánh giá.'] }
  const atOrAbove = [0, 0, 0, 0, 0]
  for (const l of children) for (let k = 1; k <= l; k++) atOrAbove[k]!++
  for (const r of rule.rules) {
    for (const c of r.anyOf) {
      const have = atOrAbove[c.atLeast]!
      if (c.share !== undefined ? have / n >= c.share : have >= c.count!) {
        const what =
          c.share !== undefined
            ? `${have}/${n} đơn vị (${vnPercent(have / n)}) ở cấp ${c.atLeast} trở lên, từ ${vnPercent(c.share)}`
            : `${have} đơn vị ở cấp ${c.atLeast} trở lên, từ ${c.count} đơn vị`
        return { level: r.level as Level, reasons: [`${what} → cấp ${r.level}${r.confidence === 'unverified' ? ' (quy tắc chưa kiểm chứng)' : ''}.`] }
      }
    }
  }
  return { level: rule.otherwise as Level, reasons: [`Không điều kiện nào thỏa → cấp ${rule.otherwise}.`] }
}
