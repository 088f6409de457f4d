import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { testApp } from '../../../test/harness.ts'

const t = await testApp()
const run = promisify(execFile)

// Two units of the contract's shape: the first at mức 3 (104,5/100.000, HCMC's figure of 19/10/2021)
// with ~99 % adult coverage; the second with 10 cases per 100,000 and too few elderly fully vaccinated.
const input = {
  units: [
    { unit: 'HCM', population: 200_000, communityCases7d: 209, cases7d: 250, coverage: { adults18PlusAtLeastOneDose: 0.99, elderly65PlusFullyVaccinated: 0.85 }, capacity: { adequate: true } },
    { unit: 'CT', population: 50_000, communityCases7d: 5, coverage: { adults18PlusAtLeastOneDose: 0.75, elderly65PlusFullyVaccinated: 0.6 }, capacity: { adequate: true } },
  ],
}

describe('POST /api/levels/assess', () => {
  it('answers the contract’s shape with every step’s indicator and reason, and records the request', async () => {
    const viewer = await t.userAgent('viewer', '91')
    const res = await viewer.post('/api/levels/assess?rules=4800', input)
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(Object.keys(body)).toEqual(['units'])
    expect(body.units.map((u: { unit: string; level: number }) => [u.unit, u.level])).toEqual([
      ['HCM', 2],
      ['CT', 2],
    ])
    expect(Object.keys(body.units[0]).sort()).toEqual(['indicators', 'level', 'reasons', 'unit'])
    expect(body.units[0].indicators[0]).toEqual({ name: 'communityCasesPer100k', value: 104.5, band: 3 })
    expect(body.units[1].reasons.join(' ')).toContain('nâng 1 cấp')
    const audit = await t.database.db.selectFrom('auditLog').selectAll().where('entity', '=', 'level_assessments').where('actorName', '=', viewer.username).execute()
    expect(audit).toHaveLength(1)
  })

  it('refuses bad input with a Vietnamese 400 naming the field, never a 500', async () => {
    const agent = await t.userAgent('viewer', '91')
    const cases: [unknown, string, RegExp][] = [
      [{ units: [{ ...input.units[0], population: 0 }] }, 'body/units/0/population', /lớn hơn 0/],
      [{ units: [{ ...input.units[0], coverage: { adults18PlusAtLeastOneDose: 85 } }] }, 'body/units/0/coverage/adults18PlusAtLeastOneDose', /từ 0 đến 1/],
      [{ units: [{ ...input.units[0], communityCases7d: -1 }] }, 'body/units/0/communityCases7d', /không được âm/],
      [{ units: [] }, 'body/units', /không được rỗng/],
      [{ units: [{ ...input.units[0], extra: 1 }] }, 'body/units/0', /./],
    ]
    for (const [body, where, message] of cases) {
      const res = await agent.post('/api/levels/assess?rules=4800', body)
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().error.message).toContain(where)
      expect(res.json().error.message).toMatch(message)
    }
    // A field the rule set needs but the input lacks.
    const missing = await agent.post('/api/levels/assess?rules=218', input)
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.message).toContain('units/0/oxygenPatients7d: bộ tiêu chí 218 cần trường này.')
    expect(missing.json().error.details.problems).toContain('units/1/coverage/highRiskFullyVaccinated: bộ tiêu chí 218 cần trường này.')
    const rules = await agent.post('/api/levels/assess?rules=9999', input)
    expect(rules.statusCode).toBe(400)
    expect(rules.json().error.message).toMatch(/2686, 4800, 218/)
  })
})

describe('phongdich levels assess', () => {
  it('prints the same answer as the API from a file, and the bad field on error', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'phongdich-levels-'))
    const file = path.join(dir, 'vao.json')
    await writeFile(file, JSON.stringify(input))
    const bin = path.resolve('bin/phongdich.js')
    const out = await run(process.execPath, [bin, 'levels', 'assess', '--rules', '4800', '--input', file, '--json'], { env: { ...process.env, DEMO: '0' }, timeout: 60_000 })
    const viewer = await t.userAgent('viewer', '91')
    expect(JSON.parse(out.stdout)).toEqual((await viewer.post('/api/levels/assess?rules=4800', input)).json())
    const text = await run(process.execPath, [bin, 'levels', 'assess', '--rules', '2686', '--input', file], { env: { ...process.env, DEMO: '0' }, timeout: 60_000 })
    expect(text.stdout).toContain('HCM: Nguy cơ rất cao')
    await writeFile(file, JSON.stringify({ units: [{ unit: 'A', population: -5 }] }))
    const bad = await run(process.execPath, [bin, 'levels', 'assess', '--rules', '2686', '--input', file], { timeout: 60_000 }).catch((e: { code: number; stderr: string }) => e)
    expect('code' in bad && bad.code).toBe(1)
    expect((bad as { stderr: string }).stderr).toContain('units/0/population')
  })
})
