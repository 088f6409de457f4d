import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { matcherInputFromDemo } from './demoOrgs.ts'
import { type ExpectedFacts, evaluateDirective } from './evaluate.ts'
import { buildOrgMatcher } from './orgMatcher.ts'
import { parseDirective } from './parse.ts'

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url))
const demo = matcherInputFromDemo(JSON.parse(readFileSync(fileURLToPath(new URL('../../../data/demo/orgs-91.json', import.meta.url)), 'utf8')))
const matcher = buildOrgMatcher(demo.orgs, demo.groups)
const documents = readdirSync(dir)
  .filter((f) => /\.(md|txt)$/.test(f))
  .sort()

describe('fixture documents', () => {
  it('has at least eight documents, each with its expected facts', () => {
    expect(documents.length).toBeGreaterThanOrEqual(8)
    for (const d of documents) expect(readdirSync(dir)).toContain(d.replace(/\.(md|txt)$/, '.expected.json'))
  })

  it.each(documents)('%s is read as expected, field by field', (doc) => {
    const expected = JSON.parse(readFileSync(`${dir}${doc.replace(/\.(md|txt)$/, '.expected.json')}`, 'utf8')) as ExpectedFacts
    const parsed = parseDirective(readFileSync(`${dir}${doc}`, 'utf8'), matcher)
    const results = evaluateDirective(parsed, expected)
    expect(results.length).toBeGreaterThan(10)
    for (const r of results) expect({ field: r.field, actual: r.actual, correct: r.correct }).toEqual({ field: r.field, actual: r.actual, correct: true })
  })

  it('matches the named bodies to the demo registry', () => {
    const parsed = parseDirective(readFileSync(`${dir}01-cv-tinh-uy-sot-xuat-huyet.md`, 'utf8'), matcher)
    const key = (id: number | undefined) => (id === undefined ? undefined : demo.keyOf.get(id))
    expect(key(parsed.issuer?.orgId)).toBe('tu')
    const task2 = parsed.tasks.find((t) => t.ref === '2')
    expect(task2?.lead.map((r) => key(r.orgId))).toEqual(['so_yte'])
    expect(task2?.coordinating.map((r) => key(r.orgId))).toEqual(['so_gddt', 'so_vhttdl'])
    expect(parsed.addressees.map((a) => a.groupKey ?? key(a.orgId))).toEqual(['bcsd_ubnd', 'dd_mttq', 'cac_so_nganh_doan_the', 'dang_uy_truc_thuoc'])
  })
})
