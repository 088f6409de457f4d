import { describeIssues, zAssessInput } from './input.ts'
import { type Assessment, assessUnit, missingFields } from './assess.ts'
import { parseRuleSet, type RuleSet } from './ruleset.ts'
import rs218 from './rulesets/218.json' with { type: 'json' }
import rs2686 from './rulesets/2686.json' with { type: 'json' }
import rs4800 from './rulesets/4800.json' with { type: 'json' }

function load(value: unknown): RuleSet {
  const r = parseRuleSet(value)
  if (!r.ok) throw new Error(`Bộ tiêu chí quốc gia không hợp lệ: ${r.problems.join('; ')}`)
  return r.ruleSet
}

/** The national rule sets, in date order; each is read-only data with its source. */
export const NATIONAL_RULE_SETS: readonly RuleSet[] = [load(rs2686), load(rs4800), load(rs218)]
export const NATIONAL_IDS = ['2686', '4800', '218'] as const
export type NationalId = (typeof NATIONAL_IDS)[number]

export function nationalRuleSet(id: string): RuleSet | undefined {
  return NATIONAL_RULE_SETS.find((r) => r.id === id)
}

/** The national set in force on a day (yyyy-mm-dd); the latest for days after all of them. */
export function nationalInForce(day: string): RuleSet {
  const inForce = NATIONAL_RULE_SETS.filter((r) => r.validFrom <= day && (r.validTo === null || r.validTo >= day))
  return inForce[inForce.length - 1] ?? (day < NATIONAL_RULE_SETS[0]!.validFrom ? NATIONAL_RULE_SETS[0]! : NATIONAL_RULE_SETS[NATIONAL_RULE_SETS.length - 1]!)
}

/** Checks an input against the contract and the rule set's needs, then assesses every unit; or lists the problems. */
export function assessInput(rs: RuleSet, value: unknown): { ok: true; units: Assessment[] } | { ok: false; problems: string[] } {
  const parsed = zAssessInput.safeParse(value)
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error.issues) }
  const problems: string[] = []
  parsed.data.units.forEach((u, i) => {
    for (const f of missingFields(rs, u)) problems.push(`units/${i}/${f}: bộ tiêu chí ${rs.id} cần trường này.`)
  })
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, units: parsed.data.units.map((u) => assessUnit(rs, u)) }
}
