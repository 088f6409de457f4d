import { describe, expect, it } from 'vitest'
import { type DoseSums, coverageFrom, levelsCoverage, progressTo } from './coverage.ts'

const sums = (ageGroup: DoseSums['ageGroup'], risk: boolean, atLeastOne: number, fully: number, boosted = 0, recent: Partial<DoseSums> = {}): DoseSums => ({
  ageGroup,
  risk,
  atLeastOne,
  fully,
  boosted,
  recentAtLeastOne: 0,
  recentFully: 0,
  recentBoosted: 0,
  ...recent,
})

// A commune of 1,000 people aged 5+: 100 (5–11), 100 (12–17), 500 (18–49), 200 (50–64), 100 (65+), and 40 high-risk under 65.
const pop = { '5-11': 100, '12-17': 100, '18-49': 500, '50-64': 200, '65+': 100, high_risk: 40 }

describe('coverage of a unit', () => {
  const c = coverageFrom(pop, [
    sums('18-49', false, 400, 300, 50, { recentFully: 70 }),
    sums('18-49', true, 20, 20),
    sums('50-64', false, 150, 120),
    sums('65+', false, 60, 50),
    sums('65+', true, 30, 25, 10),
  ])
  it('counts each group and the adults 18+', () => {
    expect(c.groups['18-49']).toMatchObject({ atLeastOne: 420, fully: 320, boosted: 50, atLeastOneShare: 0.84, fullyShare: 0.64, boostedShare: 0.1 })
    expect(c.groups['65+']).toMatchObject({ atLeastOne: 90, fully: 75, fullyShare: 0.75 })
    // Adults: (420 + 150 + 90) / 800 at least one dose; (320 + 120 + 75) / 800 fully.
    expect(c.adults).toMatchObject({ population: 800, atLeastOne: 660, fully: 515 })
    expect(c.adults.atLeastOneShare).toBeCloseTo(0.825, 12)
    expect(c.groups['5-11']).toMatchObject({ atLeastOne: 0, fullyShare: 0 })
  })
  it('counts the high-risk group as everyone 65+ and the under-65 of a category', () => {
    // 100 + 40 people; fully: 75 (65+) + 20 (18–49 high-risk).
    expect(c.highRisk).toMatchObject({ population: 140, fully: 95 })
    expect(c.highRisk.fullyShare).toBeCloseTo(95 / 140, 12)
  })
  it('gives the levels input its four shares', () => {
    const l = levelsCoverage(c)
    expect(l.adults18PlusAtLeastOneDose).toBeCloseTo(0.825, 12)
    expect(l.elderly65PlusFullyVaccinated).toBe(0.75)
    expect(l.fullyVaccinated).toBeCloseTo(515 / 1000, 12)
    expect(l.highRiskFullyVaccinated).toBeCloseTo(95 / 140, 12)
  })
  it('leaves out shares of groups without population', () => {
    const empty = coverageFrom({ '5-11': 0, '12-17': 0, '18-49': 0, '50-64': 0, '65+': 0, high_risk: 0 }, [])
    expect(levelsCoverage(empty)).toEqual({})
  })
  it('measures progress to a target with the recent pace', () => {
    // 18–49 fully: 320 of 500, target 90 % = 450 by 31/12, 130 left over the 30 days after 1/12; recent 70/7 = 10 a day.
    const p = progressTo(c, { measure: 'fully', ageGroups: ['18-49'], share: 0.9, deadline: '2021-12-31' }, '2021-12-01')
    expect(p).toMatchObject({ targetCount: 450, remaining: 130, status: 'on_track', recentPerDay: 10 })
    expect(p.perDayNeeded).toBeCloseTo(130 / 30, 12)
    // By 10/12 the same 130 need 130/9 ≈ 14.4 a day: faster than the recent 10.
    expect(progressTo(c, { measure: 'fully', ageGroups: ['18-49'], share: 0.9, deadline: '2021-12-10' }, '2021-12-01').status).toBe('behind')
    expect(progressTo(c, { measure: 'fully', ageGroups: ['18-49'], share: 0.6, deadline: '2021-12-31' }, '2021-12-01').status).toBe('met')
  })
})
