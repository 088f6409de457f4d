import type { GroupForMatching, OrgForMatching } from './types.ts'

/**
 * Matcher input from the shape of data/demo/orgs-91.json (already parsed): bodies get ids in
 * file order, starting at 1. Province codes have two digits, commune codes five.
 */
export function matcherInputFromDemo(data: unknown): { orgs: OrgForMatching[]; groups: GroupForMatching[]; keyOf: Map<number, string> } {
  const root = isRecord(data) ? data : {}
  const orgs: OrgForMatching[] = []
  const keyOf = new Map<number, string>()
  for (const o of Array.isArray(root.orgs) ? root.orgs : []) {
    if (!isRecord(o) || typeof o.name !== 'string') continue
    const id = orgs.length + 1
    const key = typeof o.key === 'string' ? o.key : null
    const unitCode = typeof o.unit === 'string' ? o.unit : ''
    orgs.push({ id, key, name: o.name, kind: typeof o.kind === 'string' ? o.kind : 'other', unitCode, unitLevel: levelOf(unitCode), aliases: strings(o.aliases) })
    if (key) keyOf.set(id, key)
  }
  const groups: GroupForMatching[] = []
  for (const g of Array.isArray(root.groups) ? root.groups : []) {
    if (!isRecord(g) || typeof g.key !== 'string' || typeof g.name !== 'string') continue
    const m = isRecord(g.members) ? g.members : {}
    const members: GroupForMatching['members'] = {}
    if (Array.isArray(m.kinds)) members.kinds = strings(m.kinds)
    if (Array.isArray(m.keys)) members.keys = strings(m.keys)
    if (Array.isArray(m.units)) members.units = strings(m.units)
    if (typeof m.level === 'string') members.level = m.level
    if (typeof m.role === 'string') members.role = m.role
    groups.push({ key: g.key, name: g.name, aliases: strings(g.aliases), members })
  }
  return { orgs, groups, keyOf }
}

function levelOf(code: string): OrgForMatching['unitLevel'] {
  if (/^\d{2}$/.test(code)) return 'province'
  if (/^\d{5}$/.test(code)) return 'commune'
  return 'other'
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}
