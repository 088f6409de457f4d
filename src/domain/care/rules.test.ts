import { describe, expect, it } from 'vitest'
import { type DailyCheck, NATIONAL_HOME_CARE_RULES, type PatientFacts, ageOn, checkSigns, eligibility, releaseCheck, ruleInForce } from './rules.ts'

const at = (day: string) => ruleInForce(NATIONAL_HOME_CARE_RULES, day)!
const R4038 = at('2021-09-01')
const R261 = at('2022-02-01')

/** A young, unvaccinated, healthy adult with normal measurements. */
const healthy: PatientFacts = {
  ageYears: 30,
  severity: 'mild',
  spo2: 98,
  respiratoryRate: 16,
  abnormalBreathing: false,
  conditions: 'none',
  pregnant: false,
  vaccineDoses: 0,
  lastDoseOn: null,
  canSelfCare: true,
  hasCaregiver: false,
  canContactStaff: true,
}

const quiet: DailyCheck = { spo2: 98, respiratoryRate: 16, pulse: 80, temperature: 37, systolic: 120, diastolic: 80, symptoms: [], ageYears: 30 }

describe('the rule in force', () => {
  it('changes on the days the guidance changed', () => {
    expect(ruleInForce(NATIONAL_HOME_CARE_RULES, '2021-08-20')).toBeNull()
    expect(at('2021-08-21').name).toContain('4038')
    expect(at('2021-12-28').release.days).toBe(14)
    expect(at('2021-12-29').release.days).toBe(10)
    expect(at('2022-01-28').release.days).toBe(7)
    expect(at('2022-01-30').eligibility.protection).not.toBeNull()
    expect(at('2022-01-31').name).toContain('261')
    expect(at('2022-01-31').eligibility.protection).toBeNull()
  })

  it('lets a province variant win from its date, the national rule before it', () => {
    const variant = { ...R261, validFrom: '2022-01-31', unitCode: '91', name: 'An Giang' }
    const rules = [...NATIONAL_HOME_CARE_RULES, variant]
    expect(ruleInForce(rules, '2022-01-31')!.name).toBe('An Giang')
    expect(ruleInForce(rules, '2022-01-30')!.name).toContain('250')
    const later = { ...R261, validFrom: '2022-03-01', unitCode: '91', name: 'An Giang 3/2022' }
    expect(ruleInForce([...rules, later], '2022-02-15')!.name).toBe('An Giang')
    expect(ruleInForce([...rules, later], '2022-03-01')!.name).toBe('An Giang 3/2022')
  })

  it('carries a source and a confidence mark on every part', () => {
    for (const r of NATIONAL_HOME_CARE_RULES) {
      for (const part of [r, r.eligibility, r.warnings, r.release]) {
        expect(part.source.length).toBeGreaterThan(10)
        expect(['verified', 'secondary', 'unverified']).toContain(part.confidence)
      }
    }
  })
})

describe('eligibility for home care', () => {
  it('takes SpO2 96% under QĐ 4038 (≥ 96) and refuses 95%', () => {
    expect(eligibility(R4038, { ...healthy, spo2: 96 }, '2021-09-01')).toMatchObject({ eligible: true, reasons: [] })
    const refused = eligibility(R4038, { ...healthy, spo2: 95 }, '2021-09-01')
    expect(refused.eligible).toBe(false)
    expect(refused.reasons).toEqual(['SpO2 95%: cần ≥ 96% khi thở khí trời.'])
  })

  it('refuses SpO2 96% under QĐ 261 (> 96), the same patient a day apart', () => {
    const facts = { ...healthy, spo2: 96 }
    expect(eligibility(at('2022-01-30'), facts, '2022-01-30').eligible).toBe(true)
    const after = eligibility(at('2022-01-31'), facts, '2022-01-31')
    expect(after.eligible).toBe(false)
    expect(after.reasons).toEqual(['SpO2 96%: cần > 96% khi thở khí trời.'])
    expect(eligibility(R261, { ...healthy, spo2: 97 }, '2022-02-01').eligible).toBe(true)
  })

  it('draws the breathing-rate line at 20 per minute: ≤ 20 under 4038, < 20 under 261', () => {
    expect(eligibility(R4038, { ...healthy, respiratoryRate: 20 }, '2021-09-01').eligible).toBe(true)
    expect(eligibility(R4038, { ...healthy, respiratoryRate: 21 }, '2021-09-01').reasons).toEqual(['Nhịp thở 21 lần/phút: cần ≤ 20 lần/phút.'])
    expect(eligibility(R261, { ...healthy, respiratoryRate: 20 }, '2022-02-01').eligible).toBe(false)
    expect(eligibility(R261, { ...healthy, respiratoryRate: 19 }, '2022-02-01').eligible).toBe(true)
  })

  it('applies the age limits of 4038 to the unvaccinated only (> 1 and < 50)', () => {
    const day = '2021-09-01'
    expect(eligibility(R4038, { ...healthy, ageYears: 49 }, day).eligible).toBe(true)
    const fifty = eligibility(R4038, { ...healthy, ageYears: 50 }, day)
    expect(fifty.eligible).toBe(false)
    expect(fifty.reasons[0]).toContain('50 tuổi (cần > 1 và < 50 tuổi)')
    expect(eligibility(R4038, { ...healthy, ageYears: 1 }, day).eligible).toBe(false)
    expect(eligibility(R4038, { ...healthy, ageYears: 2 }, day).eligible).toBe(true)
    expect(eligibility(R4038, { ...healthy, ageYears: 70, vaccineDoses: 2 }, day)).toMatchObject({ eligible: true, grounds: ['Đã tiêm 2 liều vắc xin.'] })
    expect(eligibility(R4038, { ...healthy, ageYears: null }, day).reasons[0]).toContain('chưa rõ tuổi')
    // Under 261 age and vaccination no longer count.
    expect(eligibility(R261, { ...healthy, ageYears: 70 }, '2022-02-01').eligible).toBe(true)
  })

  it('counts one dose only when it is more than 14 days old', () => {
    const old = { ...healthy, ageYears: 60, vaccineDoses: 1 }
    expect(eligibility(R4038, { ...old, lastDoseOn: '2021-08-18' }, '2021-09-01').eligible).toBe(false) // 14 days
    expect(eligibility(R4038, { ...old, lastDoseOn: '2021-08-17' }, '2021-09-01')).toMatchObject({ eligible: true }) // 15 days
  })

  it('weighs underlying disease and pregnancy as each rule says', () => {
    expect(eligibility(R4038, { ...healthy, conditions: 'stable' }, '2021-09-01').reasons[0]).toContain('có bệnh nền')
    expect(eligibility(R4038, { ...healthy, pregnant: true }, '2021-09-01').reasons[0]).toContain('đang mang thai')
    expect(eligibility(R4038, { ...healthy, pregnant: true, vaccineDoses: 2 }, '2021-09-01').eligible).toBe(true)
    expect(eligibility(R261, { ...healthy, conditions: 'stable' }, '2022-02-01').eligible).toBe(true)
    expect(eligibility(R261, { ...healthy, conditions: 'unstable' }, '2022-02-01').reasons).toEqual(['Bệnh nền chưa được điều trị ổn định.'])
  })

  it('lists every reason at once, unknown measurements included', () => {
    const r = eligibility(R261, { ...healthy, severity: 'moderate', spo2: null, respiratoryRate: null, abnormalBreathing: true, canSelfCare: false, canContactStaff: false }, '2022-02-01')
    expect(r.eligible).toBe(false)
    expect(r.reasons).toHaveLength(6)
    expect(r.reasons[0]).toContain('trung bình')
    expect(r.reasons).toContain('Chưa đo SpO2.')
    expect(eligibility(R261, { ...healthy, canSelfCare: false, hasCaregiver: true }, '2022-02-01').eligible).toBe(true)
  })
})

describe('warning signs in a daily check', () => {
  it('warns at SpO2 94% under both rules, at 96% only under 261', () => {
    expect(checkSigns(R4038, { ...quiet, spo2: 94 }).map((w) => w.code)).toEqual(['spo2'])
    expect(checkSigns(R261, { ...quiet, spo2: 94 })).toEqual([{ code: 'spo2', text: 'SpO2 94% (≤ 96%)' }])
    expect(checkSigns(R4038, { ...quiet, spo2: 96 })).toEqual([])
    expect(checkSigns(R4038, { ...quiet, spo2: 95 })).toHaveLength(1)
    expect(checkSigns(R261, { ...quiet, spo2: 96 })).toHaveLength(1)
    expect(checkSigns(R261, { ...quiet, spo2: 97 })).toEqual([])
    expect(checkSigns(R261, quiet)).toEqual([])
  })

  it('reads the breathing rate by age band', () => {
    expect(checkSigns(R261, { ...quiet, respiratoryRate: 20 }).map((w) => w.code)).toEqual(['respiratory_rate'])
    expect(checkSigns(R261, { ...quiet, respiratoryRate: 19 })).toEqual([])
    expect(checkSigns(R261, { ...quiet, ageYears: 3, respiratoryRate: 35 })).toEqual([])
    expect(checkSigns(R261, { ...quiet, ageYears: 3, respiratoryRate: 40 })).toHaveLength(1)
    expect(checkSigns(R261, { ...quiet, ageYears: 8, respiratoryRate: 30 })).toHaveLength(1)
    expect(checkSigns(R261, { ...quiet, ageYears: null, respiratoryRate: 22 })).toHaveLength(1)
    expect(checkSigns(R4038, { ...quiet, respiratoryRate: 20 })).toEqual([])
    expect(checkSigns(R4038, { ...quiet, respiratoryRate: 21 })).toHaveLength(1)
  })

  it('warns on pulse, blood pressure and listed signs, not on common symptoms', () => {
    const codes = checkSigns(R261, { ...quiet, pulse: 125, systolic: 85, diastolic: 55, symptoms: ['cough', 'chest_pain', 'cyanosis'] }).map((w) => w.code)
    expect(codes).toEqual(['pulse', 'systolic', 'diastolic', 'chest_pain', 'cyanosis'])
    expect(checkSigns(R261, { ...quiet, pulse: 45 })[0]!.text).toBe('Mạch 45 lần/phút (< 50 lần/phút)')
    expect(checkSigns(R261, { ...quiet, symptoms: ['cough', 'fever'] })).toEqual([])
  })

  it('ignores what was not measured', () => {
    expect(checkSigns(R261, { spo2: null, respiratoryRate: null, pulse: null, temperature: null, systolic: null, diastolic: null, symptoms: [], ageYears: null })).toEqual([])
  })
})

describe('release from home care', () => {
  const f = { positiveOn: '2022-02-01', fullyVaccinated: true, negativeTestOn: null, negativeTestMethod: null } as const

  it('needs 7 days and a negative antigen test from day 7 under QĐ 250/261', () => {
    expect(releaseCheck(R261, { ...f, negativeTestOn: '2022-02-07', negativeTestMethod: 'antigen' }, '2022-02-07')).toMatchObject({ releasable: true, testFrom: '2022-02-07' })
    const early = releaseCheck(R261, { ...f, negativeTestOn: '2022-02-06', negativeTestMethod: 'antigen' }, '2022-02-06')
    expect(early.releasable).toBe(false)
    expect(early.reasons[0]).toBe('Chưa đủ 7 ngày (ngày thứ 7 là 07/02/2022).')
    expect(releaseCheck(R261, f, '2022-02-08').reasons).toContain('Nếu vẫn dương tính: kết thúc cách ly ngày 10/02/2022.')
  })

  it('ends still-positive isolation on day 10 (vaccinated) or 14 (not)', () => {
    expect(releaseCheck(R261, f, '2022-02-10').releasable).toBe(true)
    expect(releaseCheck(R261, { ...f, fullyVaccinated: false }, '2022-02-10').releasable).toBe(false)
    expect(releaseCheck(R261, { ...f, fullyVaccinated: false }, '2022-02-14').releasable).toBe(true)
  })

  it('needs 10 days under the rule of late December 2021, and no release without a test', () => {
    const r = at('2022-01-05')
    expect(releaseCheck(r, { ...f, positiveOn: '2022-01-01', negativeTestOn: '2022-01-10', negativeTestMethod: 'antigen' }, '2022-01-10').releasable).toBe(true)
    expect(releaseCheck(r, { ...f, positiveOn: '2022-01-01', negativeTestOn: '2022-01-09', negativeTestMethod: 'antigen' }, '2022-01-12').releasable).toBe(false)
    expect(releaseCheck(r, { ...f, positiveOn: '2022-01-01' }, '2022-03-01').releasable).toBe(false)
  })

  it('needs an RT-PCR where the rule says so', () => {
    const f4038 = { ...f, positiveOn: '2021-09-01', negativeTestOn: '2021-09-15' }
    expect(releaseCheck(R4038, { ...f4038, negativeTestMethod: 'antigen' }, '2021-09-15').releasable).toBe(false)
    expect(releaseCheck(R4038, { ...f4038, negativeTestMethod: 'pcr' }, '2021-09-15').releasable).toBe(true)
  })
})

describe('age', () => {
  it('counts whole years from a birth date, or from mid-year of a birth year', () => {
    expect(ageOn({ birthDate: '1972-02-01', birthYear: 1972 }, '2022-01-31')).toBe(49)
    expect(ageOn({ birthDate: '1972-01-31', birthYear: 1972 }, '2022-01-31')).toBe(50)
    expect(ageOn({ birthDate: null, birthYear: 1972 }, '2022-06-30')).toBe(49)
    expect(ageOn({ birthDate: null, birthYear: null }, '2022-06-30')).toBeNull()
  })
})
