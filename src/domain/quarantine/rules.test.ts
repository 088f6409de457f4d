import { describe, expect, it } from 'vitest'
import { chooseRule, dayDiff, extendedEnd, fillState, missingTests, type QuarantineRule, ruleProblems, testDates } from './rules.ts'

let next = 1
const rule = (r: Partial<QuarantineRule> & Pick<QuarantineRule, 'kind' | 'validFrom' | 'days'>): QuarantineRule => ({
  id: next++,
  unitPath: null,
  name: `Quy định ${next}`,
  validTo: null,
  monitoringDays: 0,
  requiredTests: [],
  source: 'Văn bản mẫu',
  confidence: 'secondary',
  ...r,
})

// The national periods as the research notes give them (the seeded rows say the same).
const rules: QuarantineRule[] = [
  rule({ kind: 'f1', validFrom: '2020-01-01', validTo: '2021-05-04', days: 14, monitoringDays: 14, name: '2020' }),
  rule({ kind: 'f1', validFrom: '2021-05-05', validTo: '2021-07-13', days: 21, monitoringDays: 7, requiredTests: [1, 14, 20], name: '600/CĐ-BCĐ' }),
  rule({ kind: 'f1', validFrom: '2021-07-14', validTo: '2022-02-20', days: 14, monitoringDays: 14, requiredTests: [1, 7, 14], name: '5599/BYT-MT' }),
  rule({ kind: 'f1-vaccinated', validFrom: '2021-12-16', validTo: '2022-02-20', days: 7, monitoringDays: 7, requiredTests: [1, 7], name: '10696/BYT-MT' }),
  rule({ kind: 'f1-vaccinated', validFrom: '2022-02-21', validTo: '2022-04-14', days: 5, monitoringDays: 5, requiredTests: [5], name: '762/BYT-DP', confidence: 'verified' }),
  rule({ kind: 'f1', validFrom: '2022-02-21', validTo: '2022-04-14', days: 7, monitoringDays: 3, requiredTests: [7], name: '762/BYT-DP' }),
  rule({ kind: 'f1', validFrom: '2022-04-15', days: 0, monitoringDays: 10, name: '1909/BYT-DP' }),
  rule({ kind: 'entry', validFrom: '2020-01-01', validTo: '2021-05-04', days: 14, monitoringDays: 14, name: 'nhập cảnh 2020' }),
  rule({ kind: 'entry', validFrom: '2021-05-05', days: 21, monitoringDays: 7, name: 'nhập cảnh 2021' }),
]

describe('the quarantine rule in force', () => {
  it('gives the same person different durations on different dates', () => {
    const person = { kind: 'f1' as const, vaccinated: true }
    const on = (start: string) => chooseRule(rules, { ...person, start })
    expect(on('2020-06-01')?.rule.days).toBe(14)
    expect(on('2021-06-01')?.rule.days).toBe(21)
    expect(on('2021-09-01')?.rule.days).toBe(14)
    expect(on('2022-01-10')).toMatchObject({ rule: { days: 7, monitoringDays: 7, name: '10696/BYT-MT' }, plannedEnd: '2022-01-17' })
    expect(on('2022-03-01')).toMatchObject({ rule: { days: 5, monitoringDays: 5 }, plannedEnd: '2022-03-06', testDates: ['2022-03-05'] })
    expect(on('2022-05-01')).toMatchObject({ rule: { days: 0, monitoringDays: 10 }, plannedEnd: '2022-05-01' })
  })

  it('falls back to the F1 rule for a vaccinated person when no vaccinated rule is in force, and says so', () => {
    const c = chooseRule(rules, { kind: 'f1', vaccinated: true, start: '2021-09-01' })!
    expect(c.rule.name).toBe('5599/BYT-MT')
    expect(c.why).toContain('áp dụng cả cho F1 đã tiêm')
    const unvaccinated = chooseRule(rules, { kind: 'f1', vaccinated: false, start: '2022-03-01' })!
    expect(unvaccinated.rule).toMatchObject({ days: 7, monitoringDays: 3 })
    expect(unvaccinated.why).toMatch(/01\/03\/2022.*762\/BYT-DP.*cách ly 7 ngày, sau đó theo dõi sức khỏe 3 ngày; xét nghiệm vào ngày thứ 7/)
  })

  it('takes the boundaries of a period as written (last day inclusive)', () => {
    expect(chooseRule(rules, { kind: 'f1', vaccinated: false, start: '2021-05-04' })?.rule.days).toBe(14)
    expect(chooseRule(rules, { kind: 'f1', vaccinated: false, start: '2021-05-05' })?.rule.days).toBe(21)
    expect(chooseRule(rules, { kind: 'f1', vaccinated: false, start: '2019-12-31' })).toBeNull()
  })

  it("lets a province's newer F1 rule apply to vaccinated F1 too", () => {
    const own = rule({ kind: 'f1', validFrom: '2026-01-01', days: 14, monitoringDays: 7, unitPath: '/2025:91/', unitName: 'Tỉnh An Giang', name: 'F1 của tỉnh' })
    const all = [...rules, own, rule({ kind: 'f1-vaccinated', validFrom: '2022-04-15', days: 0, monitoringDays: 10, name: '1909 (đã tiêm)' })]
    const c = chooseRule(all, { kind: 'f1', vaccinated: true, start: '2026-03-01', unitPath: '/2025:91/2025:30742/' })
    expect(c?.rule.name).toBe('F1 của tỉnh')
    expect(chooseRule(all, { kind: 'f1', vaccinated: true, start: '2026-03-01', unitPath: '/2025:01/' })?.rule.days).toBe(0)
  })

  it("prefers a province's own rule inside the province only", () => {
    const own = rule({ kind: 'entry', validFrom: '2021-08-01', days: 10, monitoringDays: 7, unitPath: '/2025:91/', unitName: 'Tỉnh An Giang', name: 'Riêng' })
    const sameDay = rule({ kind: 'entry', validFrom: '2021-05-05', days: 18, unitPath: '/2025:91/', unitName: 'Tỉnh An Giang', name: 'Cùng ngày' })
    const all = [...rules, own, sameDay]
    const inside = { kind: 'entry' as const, vaccinated: false, unitPath: '/2025:91/2025:30742/' }
    expect(chooseRule(all, { ...inside, start: '2021-09-01' })?.rule.name).toBe('Riêng')
    expect(chooseRule(all, { ...inside, start: '2021-09-01' })?.why).toContain('quy định riêng của Tỉnh An Giang')
    expect(chooseRule(all, { ...inside, start: '2021-06-01' })?.rule.name).toBe('Cùng ngày')
    expect(chooseRule(all, { kind: 'entry', vaccinated: false, start: '2021-09-01', unitPath: '/2025:01/' })?.rule.name).toBe('nhập cảnh 2021')
  })

  it('dates the required tests from day 1 = the first day', () => {
    expect(testDates('2021-06-01', { requiredTests: [1, 14, 20], days: 21 })).toEqual(['2021-06-01', '2021-06-14', '2021-06-20'])
  })

  it('checks a rule as entered', () => {
    expect(ruleProblems({ validFrom: '2022-01-01', validTo: '2021-12-31', days: 7, monitoringDays: 0, requiredTests: [8] })).toHaveLength(2)
    expect(ruleProblems({ validFrom: '2022-01-01', validTo: null, days: 7, monitoringDays: 7, requiredTests: [1, 7] })).toEqual([])
  })
})

describe('release, extension and fill', () => {
  it('counts a negative test sampled within a day of each required day', () => {
    const required = ['2021-06-01', '2021-06-14', '2021-06-20']
    expect(missingTests(required, [{ sampleDate: '2021-06-02', result: 'negative' }, { sampleDate: '2021-06-19', result: 'negative' }])).toEqual(['2021-06-14'])
    expect(missingTests(required, [{ sampleDate: '2021-06-14', result: 'positive' }]).length).toBe(3)
  })
  it('extends a stay from the exposure, never shortens it', () => {
    expect(extendedEnd('2021-06-10', '2021-06-05', 14)).toBe('2021-06-19')
    expect(extendedEnd('2021-06-30', '2021-06-05', 14)).toBe('2021-06-30')
    expect(dayDiff('2021-06-01', '2021-06-19')).toBe(18)
  })
  it('tells a nearly full and a full facility', () => {
    expect(fillState(89, 100)).toBe('ok')
    expect(fillState(90, 100)).toBe('near_full')
    expect(fillState(100, 100)).toBe('full')
  })
})
