import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type CaseFacts, caseProblems } from './caseRules.ts'
import {
  CASE_CLASSIFICATIONS,
  codesOf,
  degreeLabel,
  EXPOSURE_SETTINGS,
  F1_CRITERIA,
  FOLLOWUP_STATUSES,
  FOUND_BY,
  OUTCOMES,
  SEVERITIES,
  SOURCE_KINDS,
  SYMPTOMS,
  TEST_METHODS,
} from './codes.ts'
import { checkIsAlarming, FEVER_FROM_CELSIUS, FOLLOWUP_TEST_SCHEDULE, followupUntil, plannedTestDays, shiftDay } from './followup.ts'

const migration = readFileSync(new URL('../../../migrations/0015_surveillance.sql', import.meta.url), 'utf8')

/** The values a CHECK (column IN (...)) of a table of the migration allows. */
function checkedValues(table: string, column: string): string[] {
  const from = migration.indexOf(`CREATE TABLE ${table} (`)
  const m = new RegExp(`\\n\\s+${column}\\s[^;]*?IN\\s*\\(([^)]*)\\)`).exec(migration.slice(from))
  if (!m) throw new Error(`no CHECK for ${column}`)
  return [...m[1]!.matchAll(/'([a-z_]+)'/g)].map((x) => x[1]!).sort()
}

describe('code lists', () => {
  it('are exactly the values the database accepts', () => {
    expect(codesOf(CASE_CLASSIFICATIONS).sort()).toEqual(checkedValues('cases', 'classification'))
    expect(codesOf(FOUND_BY).sort()).toEqual(checkedValues('cases', 'found_by'))
    expect(codesOf(SOURCE_KINDS).sort()).toEqual(checkedValues('cases', 'source_kind'))
    expect(codesOf(SEVERITIES).sort()).toEqual(checkedValues('cases', 'severity'))
    expect(codesOf(OUTCOMES).sort()).toEqual(checkedValues('cases', 'outcome'))
    expect(codesOf(EXPOSURE_SETTINGS).sort()).toEqual(checkedValues('exposures', 'setting'))
    expect(codesOf(FOLLOWUP_STATUSES).sort()).toEqual(checkedValues('contact_followups', 'status'))
    expect(codesOf(TEST_METHODS).sort()).toEqual(checkedValues('tests', 'method'))
  })

  it('name every code in Vietnamese and in English, each name once per list', () => {
    for (const list of [CASE_CLASSIFICATIONS, FOUND_BY, SOURCE_KINDS, SEVERITIES, OUTCOMES, SYMPTOMS, EXPOSURE_SETTINGS, F1_CRITERIA, FOLLOWUP_STATUSES, TEST_METHODS]) {
      const labels = Object.values(list) as { vi: string; en: string }[]
      for (const l of labels) {
        expect(l.vi.trim().length).toBeGreaterThan(0)
        expect(l.en.trim().length).toBeGreaterThan(0)
      }
      expect(new Set(labels.map((l) => l.vi)).size).toBe(labels.length)
      for (const code of Object.keys(list)) expect(code).toMatch(/^[a-z][a-z0-9_]*$/)
    }
  })

  it('hold the four F1 criteria of the Ministry', () => {
    expect(codesOf(F1_CRITERIA)).toEqual(['physical_contact', 'near_with_mask_15min', 'near_without_mask', 'care_without_ppe'])
    expect(F1_CRITERIA.near_with_mask_15min.vi).toContain('15 phút')
    expect(F1_CRITERIA.near_without_mask.vi).toContain('2 m')
  })

  it('name degrees F0, F1, F2…', () => {
    expect([0, 1, 2, 7].map(degreeLabel)).toEqual(['F0', 'F1', 'F2', 'F7'])
  })
})

describe('follow-up rules', () => {
  it('ends the follow-up the rule’s number of days after the last exposure', () => {
    expect(followupUntil('2021-07-20', 14)).toBe('2021-08-03')
    expect(followupUntil('2024-02-20', 14)).toBe('2024-03-05') // leap year
    expect(shiftDay('2021-12-31', 1)).toBe('2022-01-01')
  })

  it('plans the tests on the schedule’s days, a missed day moved once to the start, none after the end', () => {
    expect(FOLLOWUP_TEST_SCHEDULE.days).toEqual([1, 7, 14])
    expect(plannedTestDays('2021-07-20', '2021-07-20', '2021-08-03')).toEqual(['2021-07-21', '2021-07-27', '2021-08-03'])
    // Started late: day 1 has passed and becomes the first day; day 7 too, and collapses with it.
    expect(plannedTestDays('2021-07-20', '2021-07-23', '2021-08-03')).toEqual(['2021-07-23', '2021-07-27', '2021-08-03'])
    expect(plannedTestDays('2021-07-20', '2021-07-28', '2021-08-03')).toEqual(['2021-07-28', '2021-08-03'])
    // A shorter follow-up drops the days after its end.
    expect(plannedTestDays('2021-07-20', '2021-07-20', '2021-07-27')).toEqual(['2021-07-21', '2021-07-27'])
    expect(plannedTestDays('2021-07-20', '2021-07-20', '2021-07-30', [])).toEqual([])
  })

  it('flags a check with a fever or any symptom', () => {
    expect(checkIsAlarming({ temperature: 36.8, symptoms: [] })).toBe(false)
    expect(checkIsAlarming({ temperature: FEVER_FROM_CELSIUS, symptoms: [] })).toBe(true)
    expect(checkIsAlarming({ temperature: 37.4 })).toBe(false)
    expect(checkIsAlarming({ temperature: null, symptoms: ['cough'] })).toBe(true)
    expect(checkIsAlarming({})).toBe(false)
  })
})

describe('case consistency', () => {
  const base: CaseFacts = {
    classification: 'confirmed',
    onsetDate: '2021-07-18',
    sampleDate: '2021-07-19',
    confirmedDate: '2021-07-20',
    isolatedOn: '2021-07-19',
    outcome: null,
    outcomeDate: null,
    transferredTo: null,
    sourceKind: 'unknown',
    sourceCountry: null,
    sourceTravel: null,
    sourceCaseId: null,
    clusterId: null,
    severity: 'mild',
    symptoms: ['fever'],
  }
  const today = '2021-08-01'
  const problems = (patch: Partial<CaseFacts>) => caseProblems({ ...base, ...patch }, today)

  it('accepts a consistent record', () => {
    expect(problems({})).toEqual([])
    expect(problems({ outcome: 'recovered', outcomeDate: '2021-07-30' })).toEqual([])
    expect(problems({ sourceKind: 'imported', sourceCountry: 'KH', sourceTravel: 'VN920' })).toEqual([])
    expect(problems({ sourceKind: 'linked', sourceCaseId: 4 })).toEqual([])
    expect(problems({ sourceKind: 'linked', clusterId: 4 })).toEqual([])
    expect(problems({ classification: 'suspected', confirmedDate: null, sampleDate: null })).toEqual([])
    // A death confirmed afterwards by a sample taken after it.
    expect(problems({ outcome: 'died', outcomeDate: '2021-07-19', sampleDate: '2021-07-20' })).toEqual([])
  })

  it('refuses dates in the future or out of order, in Vietnamese with dd/mm/yyyy', () => {
    expect(problems({ confirmedDate: '2021-08-02' })).toEqual(['Ngày xác định ca bệnh (02/08/2021) ở sau hôm nay (01/08/2021).'])
    expect(problems({ onsetDate: '2021-07-21' })[0]).toContain('Ngày khởi phát (21/07/2021) phải trước hoặc cùng ngày xác định ca bệnh (20/07/2021)')
    expect(problems({ sampleDate: '2021-07-22' })[0]).toContain('Ngày lấy mẫu dương tính (22/07/2021)')
    expect(problems({ confirmedDate: null })).toEqual(['Ca xác định cần có ngày xác định ca bệnh.'])
    expect(problems({ outcome: 'recovered', outcomeDate: '2021-07-17' })).toHaveLength(2)
    expect(problems({ outcome: 'recovered', outcomeDate: null })).toEqual(['Đã ghi kết quả điều trị thì cần ghi ngày kết thúc điều trị.'])
    expect(problems({ outcomeDate: '2021-07-25' })[0]).toContain('chỉ ghi khi có kết quả')
    expect(problems({ transferredTo: 'TP. Hồ Chí Minh' })[0]).toContain('chuyển tỉnh khác')
  })

  it('asks each source kind for what it needs', () => {
    expect(problems({ sourceKind: 'linked' })).toEqual(['Ca liên quan cần chỉ rõ ca bệnh nguồn lây hoặc ổ dịch.'])
    expect(problems({ sourceKind: 'unknown', sourceCaseId: 3 })[0]).toContain('Chỉ ca liên quan')
    expect(problems({ sourceKind: 'imported' })[0]).toContain('quốc gia đi về')
    expect(problems({ sourceKind: 'imported', sourceCountry: 'VN' })[0]).toContain('khác Việt Nam')
    expect(problems({ sourceTravel: 'VN920' })[0]).toContain('chỉ ghi cho ca nhập cảnh')
  })

  it('keeps an asymptomatic case without symptoms or onset', () => {
    expect(problems({ severity: 'asymptomatic' })).toHaveLength(2)
    expect(problems({ severity: 'asymptomatic', symptoms: [], onsetDate: null })).toEqual([])
  })
})
