import { describe, expect, it } from 'vitest'
import { checkNationalId } from '../people/cccd.ts'
import { caseProblems } from './caseRules.ts'
import { CASE_CLASSIFICATIONS, EXPOSURE_SETTINGS, F1_CRITERIA, SYMPTOMS } from './codes.ts'
import { CASES_PER_SCALE, generateOutbreak, type Outbreak, type OutbreakCommune } from './outbreak.ts'

const TODAY = '2026-11-26'
/** A part of the demo province: its largest places, the border and the islands. */
const COMMUNES: OutbreakCommune[] = [
  { key: '2025:30742', code: '30742', name: 'Rạch Giá', title: 'phường Rạch Giá', population: 201_624, hamlets: [{ key: '2025:30742.01', name: 'Khu phố 1' }, { key: '2025:30742.02', name: 'Khu phố 2' }] },
  { key: '2025:31078', code: '31078', name: 'Phú Quốc', title: 'đặc khu Phú Quốc', population: 144_088, hamlets: [{ key: '2025:31078.01', name: 'Ấp Suối Đá' }] },
  { key: '2025:30307', code: '30307', name: 'Long Xuyên', title: 'phường Long Xuyên', population: 134_855, hamlets: [] },
  { key: '2025:30769', code: '30769', name: 'Hà Tiên', title: 'phường Hà Tiên', population: 33_143, hamlets: [] },
  { key: '2025:30796', code: '30796', name: 'Giang Thành', title: 'xã Giang Thành', population: 15_336, hamlets: [] },
  { key: '2025:30520', code: '30520', name: 'Tịnh Biên', title: 'phường Tịnh Biên', population: 26_206, hamlets: [] },
  { key: '2025:30316', code: '30316', name: 'Châu Đốc', title: 'phường Châu Đốc', population: 70_000, hamlets: [] },
  { key: '2025:30544', code: '30544', name: 'Tri Tôn', title: 'xã Tri Tôn', population: 40_000, hamlets: [] },
  { key: '2025:30337', code: '30337', name: 'An Phú', title: 'xã An Phú', population: 45_000, hamlets: [] },
  { key: '2025:31105', code: '31105', name: 'Thổ Châu', title: 'đặc khu Thổ Châu', population: 1_940, hamlets: [] },
]

function all<T extends object>(batches: Iterable<T>): { [K in keyof T]: T[K] } {
  const out = {} as Record<string, unknown[]>
  for (const b of batches) {
    for (const [k, v] of Object.entries(b)) {
      out[k] = out[k] ?? []
      out[k].push(...(v as unknown[]))
    }
  }
  return out as { [K in keyof T]: T[K] }
}

function read(o: Outbreak) {
  const people = all(o.people(997))
  const tests = all(o.tests(1009))
  const cases = all(o.cases(499))
  const exposures = all(o.exposures(2003))
  const followups = all(o.followups(1001))
  return { people, tests, cases, exposures, followups, clusters: o.clusters(), pools: o.pools(), campaigns: o.campaigns() }
}

const outbreak = generateOutbreak({ seed: 7, scale: 1, today: TODAY, communes: COMMUNES })
const rows = read(outbreak)
const n = (xs: unknown[]) => xs.length

describe('demo outbreak generator', () => {
  it('is the same for the same seed and day, and different for another seed', () => {
    const again = read(generateOutbreak({ seed: 7, scale: 1, today: TODAY, communes: COMMUNES }))
    expect(again).toEqual(rows)
    const other = generateOutbreak({ seed: 8, scale: 1, today: TODAY, communes: COMMUNES })
    expect(all(other.people()).fullName.slice(0, 50)).not.toEqual(rows.people.fullName.slice(0, 50))
  })

  it('has the size of its scale: about 4,000 cases, 12,000 exposures and 40,000 tests per unit', () => {
    const c = outbreak.counts
    expect(c.cases).toBe(n(rows.cases.index))
    expect(c.people).toBe(n(rows.people.index))
    expect(c.exposures).toBe(n(rows.exposures.person))
    expect(outbreak.countTests()).toBe(n(rows.tests.index))
    expect(c.cases / CASES_PER_SCALE).toBeGreaterThan(0.85)
    expect(c.cases / CASES_PER_SCALE).toBeLessThan(1.15)
    expect(c.exposures / c.cases).toBeGreaterThan(2.6)
    expect(c.exposures / c.cases).toBeLessThan(3.4)
    expect(n(rows.tests.index) / c.cases).toBeGreaterThan(8.5)
    expect(n(rows.tests.index) / c.cases).toBeLessThan(11.5)
    const small = generateOutbreak({ seed: 7, scale: 0.25, today: TODAY, communes: COMMUNES }).counts
    expect(small.cases / c.cases).toBeGreaterThan(0.2)
    expect(small.cases / c.cases).toBeLessThan(0.3)
  })

  it('gives people valid and distinct identity numbers, Vietnamese, Khmer and foreign names, places inside the communes', () => {
    const { people } = rows
    const ids = people.nationalId.filter((x): x is string => x !== null)
    expect(ids.length).toBeGreaterThan(n(people.index) * 0.4)
    expect(new Set(ids).size).toBe(ids.length)
    people.nationalId.forEach((id, i) => {
      if (id) expect(checkNationalId(id, { birthYear: people.birthYear[i]!, sex: people.sex[i]!, currentYear: 2026 }), `${people.fullName[i]} ${id}`).toEqual([])
    })
    const passports = people.passportNo.map((p, i) => (p ? `${p}/${people.nationality[i]}` : null)).filter(Boolean)
    expect(passports.length).toBeGreaterThan(5)
    expect(new Set(passports).size).toBe(passports.length)
    expect(people.passportNo.every((p) => p === null || /^[A-Z0-9]{5,20}$/.test(p))).toBe(true)
    expect(people.fullName.some((x) => x.startsWith('Nguyễn '))).toBe(true)
    expect(people.fullName.some((x) => x.startsWith('Chau ') || x.startsWith('Neang '))).toBe(true)
    const keys = new Set(COMMUNES.flatMap((c) => [c.key, ...c.hamlets.map((h) => h.key)]))
    expect(people.unit.every((u) => keys.has(u))).toBe(true)
    expect(people.unit.some((u) => u.includes('.'))).toBe(true)
    expect(people.birthYear.every((y) => y >= 1930 && y <= 2026)).toBe(true)
  })

  it('writes cases that pass the case rules, dated up to today, with sources that exist', () => {
    const { cases } = rows
    const classes = new Set(cases.classification)
    for (const k of Object.keys(CASE_CLASSIFICATIONS)) expect(classes, k).toContain(k)
    for (let i = 0; i < n(cases.index); i++) {
      const facts = {
        classification: cases.classification[i]!,
        onsetDate: cases.onsetDate[i]!,
        sampleDate: cases.sampleDate[i]!,
        confirmedDate: cases.confirmedDate[i]!,
        isolatedOn: cases.isolatedOn[i]!,
        outcome: cases.outcome[i]!,
        outcomeDate: cases.outcomeDate[i]!,
        transferredTo: cases.transferredTo[i]!,
        sourceKind: cases.sourceKind[i]!,
        sourceCountry: cases.sourceCountry[i]!,
        sourceTravel: cases.sourceTravel[i]!,
        sourceCaseId: cases.sourceCase[i]! >= 0 ? cases.sourceCase[i]! : null,
        clusterId: cases.cluster[i]! >= 0 ? cases.cluster[i]! : null,
        severity: cases.severity[i]!,
        symptoms: cases.symptoms[i]!,
      }
      expect(caseProblems(facts, TODAY), `${cases.code[i]} ${JSON.stringify(facts)}`).toEqual([])
      // A source case is written before the case it infected.
      if (cases.sourceCase[i]! >= 0) {
        expect(cases.sourceCase[i]!).toBeLessThan(i)
        expect(['confirmed', 'probable']).toContain(cases.classification[cases.sourceCase[i]!])
      }
      for (const s of cases.symptoms[i]!) expect(Object.keys(SYMPTOMS)).toContain(s)
    }
    expect(new Set(cases.code).size).toBe(n(cases.code))
    expect(new Set(cases.person).size).toBe(n(cases.person))
    const kinds: Record<string, number> = {}
    for (const k of cases.sourceKind) kinds[k] = (kinds[k] ?? 0) + 1
    expect(kinds.imported! / n(cases.index)).toBeGreaterThan(0.03)
    expect(kinds.unknown! / n(cases.index)).toBeGreaterThan(0.05)
    expect(cases.sourceTravel.some((t) => t?.includes('Phú Quốc'))).toBe(true)
    expect(cases.sourceTravel.some((t) => t?.includes('Cửa khẩu'))).toBe(true)
    expect(cases.sourceCountry.filter(Boolean).every((c) => c !== 'VN')).toBe(true)
  })

  it('shows an outbreak in progress: active cases, recovered ones, contacts under follow-up', () => {
    const { cases, followups } = rows
    const recent = (d: string | null) => d !== null && d >= '2026-11-12'
    const active = cases.classification.filter((c, i) => (c === 'confirmed' || c === 'probable') && cases.outcome[i] === null).length
    const recovered = cases.outcome.filter((o) => o === 'recovered').length
    expect(active).toBeGreaterThan(300)
    expect(recovered).toBeGreaterThan(1000)
    expect(cases.outcome.filter((o) => o === 'died').length).toBeGreaterThan(0)
    expect(cases.confirmedDate.filter(recent).length).toBeGreaterThan(500)
    expect(cases.confirmedDate.filter((d) => d === TODAY).length).toBeGreaterThan(0)
    expect(cases.confirmedDate.every((d) => d === null || (d <= TODAY && d >= '2026-06-01'))).toBe(true)
    expect(followups.status.filter((s) => s === 'active').length).toBeGreaterThan(300)
    expect(new Set(followups.status)).toEqual(new Set(['active', 'completed', 'became_case', 'lost']))
    expect(new Set(followups.person).size).toBe(n(followups.person))
    followups.startedOn.forEach((s, i) => {
      expect(s <= followups.until[i]!).toBe(true)
      expect(s <= TODAY).toBe(true)
    })
  })

  it('writes each exposure once, between two people, with a setting and the F1 criteria met', () => {
    const { exposures } = rows
    const keys = new Set<string>()
    for (let i = 0; i < n(exposures.person); i++) {
      expect(exposures.person[i]).not.toBe(exposures.sourcePerson[i])
      const key = `${exposures.person[i]}/${exposures.sourcePerson[i]}/${exposures.exposedOn[i]}`
      expect(keys.has(key), key).toBe(false)
      keys.add(key)
      expect(exposures.exposedOn[i]! <= TODAY).toBe(true)
      expect(Object.keys(EXPOSURE_SETTINGS)).toContain(exposures.setting[i])
      expect(exposures.f1Criteria[i]!.length).toBeGreaterThan(0)
      for (const c of exposures.f1Criteria[i]!) expect(Object.keys(F1_CRITERIA)).toContain(c)
    }
    const settings = new Set(exposures.setting)
    for (const s of ['household', 'workplace', 'market', 'gathering']) expect(settings).toContain(s)
    // Contacts of contacts: some sources are not cases.
    const casePeople = new Set(rows.cases.person)
    expect(exposures.sourcePerson.filter((p) => !casePeople.has(p)).length).toBeGreaterThan(100)
  })

  it('writes tests once per person, day and method; pools of three or more, retested when positive', () => {
    const { tests, pools, campaigns, cases } = rows
    const keys = new Set<string>()
    const members = new Map<number, number>()
    const retests = new Map<number, number>()
    for (let i = 0; i < n(tests.index); i++) {
      expect(tests.index[i]).toBe(i)
      if (tests.sampleDate[i]) {
        const key = `${tests.person[i]}/${tests.sampleDate[i]}/${tests.method[i]}`
        expect(keys.has(key), key).toBe(false)
        keys.add(key)
        expect(tests.sampleDate[i]! <= TODAY).toBe(true)
      }
      if (tests.status[i] === 'resulted') expect(tests.result[i] && tests.sampleDate[i] && tests.resultDate[i]! >= tests.sampleDate[i]!).toBeTruthy()
      if (tests.status[i] === 'planned') expect(tests.plannedOn[i]! > TODAY).toBe(true)
      if (tests.resultDate[i]) expect(tests.resultDate[i]! <= TODAY).toBe(true)
      if (tests.pool[i]! >= 0) members.set(tests.pool[i]!, (members.get(tests.pool[i]!) ?? 0) + 1)
      if (tests.retestOfPool[i]! >= 0) retests.set(tests.retestOfPool[i]!, (retests.get(tests.retestOfPool[i]!) ?? 0) + 1)
    }
    expect(new Set(tests.method)).toEqual(new Set(['pcr', 'antigen']))
    expect(new Set(tests.status)).toEqual(new Set(['resulted', 'sampled', 'planned']))
    expect(pools.length).toBeGreaterThan(50)
    pools.forEach((p, i) => {
      expect(members.get(i), p.code).toBeGreaterThanOrEqual(3)
      if (p.result === 'positive') expect(retests.get(i), p.code).toBeGreaterThan(0)
    })
    expect(pools.some((p) => p.result === 'positive')).toBe(true)
    expect(new Set(pools.map((p) => `${p.lab}/${p.code}`)).size).toBe(pools.length)
    expect(campaigns.length).toBeGreaterThan(0)
    expect(tests.campaign.some((c) => c >= 0)).toBe(true)
    // Every confirmed case names its positive confirming test, of its own person.
    cases.classification.forEach((c, i) => {
      if (c !== 'confirmed') return
      const t = cases.confirmingTest[i]!
      expect(t, cases.code[i]).toBeGreaterThanOrEqual(0)
      expect(tests.person[t]).toBe(cases.person[i])
      expect(tests.result[t]).toBe('positive')
      expect(tests.sampleDate[t]).toBe(cases.sampleDate[i])
    })
    // A positive result of someone who is not a case yet: a case to propose.
    const casePeople = new Set(cases.person)
    expect(tests.result.some((r, i) => r === 'positive' && !casePeople.has(tests.person[i]!))).toBe(true)
  })

  it('forms clusters of five or more cases at one place, active or closed by the rule', () => {
    const { clusters, cases } = rows
    expect(clusters.length).toBeGreaterThan(10)
    expect(new Set(clusters.map((c) => c.code)).size).toBe(clusters.length)
    const counts = new Map<number, number>()
    for (const c of cases.cluster) if (c >= 0) counts.set(c, (counts.get(c) ?? 0) + 1)
    clusters.forEach((c, i) => {
      expect(counts.get(i)).toBe(c.cases)
      expect(c.cases).toBeGreaterThanOrEqual(5)
      expect(c.closedOn === null).toBe(c.status === 'active')
    })
    expect(new Set(clusters.map((c) => c.status))).toEqual(new Set(['active', 'closed']))
  })
})
