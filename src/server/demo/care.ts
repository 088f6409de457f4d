import { createHash, randomBytes } from 'node:crypto'
import type { BedKind, FacilityKind } from '../../domain/care/codes.ts'
import { checkSigns, EXAMPLE_ELIGIBLE_FACTS, type HomeCareRule, ruleInForce, shiftDay } from '../../domain/care/rules.ts'
import type { Random } from '../../domain/demo/random.ts'
import { Random as Seeded } from '../../domain/demo/random.ts'
import { vnDate } from '../../domain/text/dates.ts'
import * as repo from '../contexts/care/repo.ts'
import { getUnit } from '../contexts/units/service.ts'
import { auditEvent, type Ctx } from '../platform/context.ts'

/**
 * The demo province's 3-tier tower (An Giang with the former Kiên Giang): intensive care in Long
 * Xuyên and Rạch Giá, COVID hospitals in Long Xuyên, Châu Đốc, Rạch Giá and Phú Quốc, collection
 * facilities, commune health stations and a mobile station; the demo outbreak's F0 admitted by
 * severity (the critical through tier 2 to tier 3), the mild cared for at home by the stations with
 * daily checks, a few warning signs and their escalation tasks (the older ones closed). Seeded with
 * its own generator, so it does not depend on the step's place in the seed.
 */

interface DemoFacility {
  key: string
  name: string
  tier: 1 | 2 | 3
  kind: FacilityKind
  unit: string
  address: string
  beds: Partial<Record<BedKind, number>>
  staff: [number, number, number]
  oxygen: [number | null, number, number]
  phone?: string
}

const LX = '30307' // phường Long Xuyên
const CD = '30316' // phường Châu Đốc
const RG = '30742' // phường Rạch Giá
const HT = '30769' // phường Hà Tiên
const PQ = '31078' // đặc khu Phú Quốc

const FACILITIES: DemoFacility[] = [
  { key: 'icu-lx', name: 'Bệnh viện Đa khoa Trung tâm An Giang – Khu Hồi sức tích cực COVID-19', tier: 3, kind: 'icu_center', unit: LX, address: '60 Ung Văn Khiêm, phường Long Xuyên', beds: { icu: 40, ventilator: 20 }, staff: [38, 96, 20], oxygen: [20, 300, 40] },
  { key: 'icu-rg', name: 'Bệnh viện Đa khoa Kiên Giang – Trung tâm Hồi sức COVID-19', tier: 3, kind: 'icu_center', unit: RG, address: '13 Nam Kỳ Khởi Nghĩa, phường Rạch Giá', beds: { icu: 30, ventilator: 15 }, staff: [30, 80, 16], oxygen: [20, 250, 30] },
  { key: 'h2-lx', name: 'Bệnh viện Lao và Bệnh phổi An Giang (điều trị COVID-19)', tier: 2, kind: 'covid_hospital', unit: LX, address: 'Phường Long Xuyên', beds: { regular: 200, oxygen: 100 }, staff: [40, 110, 30], oxygen: [10, 400, 60] },
  { key: 'h2-cd', name: 'Bệnh viện Đa khoa khu vực tỉnh An Giang (điều trị COVID-19)', tier: 2, kind: 'covid_hospital', unit: CD, address: 'Phường Châu Đốc', beds: { regular: 150, oxygen: 80 }, staff: [28, 85, 20], oxygen: [6, 200, 40] },
  { key: 'h2-rg', name: 'Bệnh viện Dã chiến số 1 Rạch Giá', tier: 2, kind: 'field_hospital', unit: RG, address: 'Khu lấn biển, phường Rạch Giá', beds: { regular: 300, oxygen: 100 }, staff: [35, 120, 40], oxygen: [10, 500, 80] },
  { key: 'h2-pq', name: 'Trung tâm Y tế Phú Quốc – Khu điều trị COVID-19', tier: 2, kind: 'covid_hospital', unit: PQ, address: 'Đường 30/4, Dương Đông, Phú Quốc', beds: { regular: 120, oxygen: 40, icu: 6, ventilator: 3 }, staff: [22, 60, 15], oxygen: [5, 150, 25] },
  { key: 'c1-lx', name: 'Cơ sở thu dung, điều trị F0 Ký túc xá Đại học An Giang', tier: 1, kind: 'collection', unit: LX, address: 'Phường Long Xuyên', beds: { regular: 500 }, staff: [12, 40, 25], oxygen: [null, 60, 20] },
  { key: 'c1-rg', name: 'Cơ sở thu dung, điều trị F0 Trường Cao đẳng Kiên Giang', tier: 1, kind: 'collection', unit: RG, address: 'Phường Rạch Giá', beds: { regular: 400 }, staff: [10, 35, 20], oxygen: [null, 50, 15] },
  { key: 'c1-ht', name: 'Cơ sở thu dung, điều trị F0 Hà Tiên', tier: 1, kind: 'collection', unit: HT, address: 'Phường Hà Tiên', beds: { regular: 150 }, staff: [5, 15, 10], oxygen: [null, 20, 6] },
  { key: 'c1-pq', name: 'Cơ sở thu dung, điều trị F0 Phú Quốc', tier: 1, kind: 'collection', unit: PQ, address: 'Dương Đông, Phú Quốc', beds: { regular: 200 }, staff: [6, 20, 12], oxygen: [null, 30, 8] },
  { key: 's-rg', name: 'Trạm Y tế phường Rạch Giá', tier: 1, kind: 'health_station', unit: RG, address: 'Phường Rạch Giá', beds: {}, staff: [2, 5, 2], oxygen: [null, 4, 2], phone: '02973862111' },
  { key: 'm-rg', name: 'Trạm Y tế lưu động số 1 phường Rạch Giá', tier: 1, kind: 'mobile_station', unit: RG, address: 'Phường Rạch Giá', beds: {}, staff: [1, 3, 2], oxygen: [null, 6, 2], phone: '02973862112' },
  { key: 's-lx', name: 'Trạm Y tế phường Long Xuyên', tier: 1, kind: 'health_station', unit: LX, address: 'Phường Long Xuyên', beds: {}, staff: [2, 5, 2], oxygen: [null, 4, 2], phone: '02963852111' },
  { key: 's-ht', name: 'Trạm Y tế phường Hà Tiên', tier: 1, kind: 'health_station', unit: HT, address: 'Phường Hà Tiên', beds: {}, staff: [2, 4, 2], oxygen: [null, 4, 2], phone: '02973852111' },
  { key: 's-pq', name: 'Trạm Y tế đặc khu Phú Quốc', tier: 1, kind: 'health_station', unit: PQ, address: 'Dương Đông, Phú Quốc', beds: {}, staff: [3, 6, 3], oxygen: [null, 6, 3], phone: '02973846111' },
]

/** The later of two days (yyyy-mm-dd). */
const laterDay = (a: string, b: string) => [a, b].sort()[1]!

/** How a stay ended (null: still in a bed). */
interface Ending {
  status: repo.BulkAdmission['status']
  endedOn: string | null
  outcome: string | null
}

/** The former Kiên Giang's communes carry codes from 30700 on: their patients go to Rạch Giá's facilities. */
const kienGiangSide = (code: string) => Number(code) >= 30700


export async function seedCare(ctx: Ctx, _rng: Random): Promise<number> {
  const province = await getUnit(ctx, '91')
  if (await repo.anyFacilityUnder(ctx.db, province.path)) return 0
  const rng = new Seeded(20220131)
  const today = vnDate(ctx.now())
  await repo.bulkMode(ctx.db)

  const ids = new Map<string, number>()
  const beds = new Map<number, Partial<Record<BedKind, number>>>()
  for (const f of FACILITIES) {
    const unit = await getUnit(ctx, f.unit)
    const id = await repo.insertFacility(ctx.db, {
      name: f.name,
      tier: f.tier,
      kind: f.kind,
      unitId: unit.id,
      unitPath: unit.path,
      address: f.address,
      bedsRegular: f.beds.regular ?? 0,
      bedsOxygen: f.beds.oxygen ?? 0,
      bedsIcu: f.beds.icu ?? 0,
      bedsVentilator: f.beds.ventilator ?? 0,
      staffDoctors: f.staff[0],
      staffNurses: f.staff[1],
      staffOther: f.staff[2],
      oxygenTankM3: f.oxygen[0],
      oxygenCylinders: f.oxygen[1],
      oxygenConcentrators: f.oxygen[2],
      phone: f.phone ?? null,
    })
    ids.set(f.key, id)
    beds.set(id, f.beds)
  }
  const taken = new Map<string, number>()
  /** Takes a bed for an active stay when one is free. */
  const take = (facility: string, kind: BedKind): number | null => {
    const id = ids.get(facility)!
    const k = `${id}:${kind}`
    const n = taken.get(k) ?? 0
    if (n >= (beds.get(id)![kind] ?? 0)) return null
    taken.set(k, n + 1)
    return id
  }
  const stations = new Map([
    [RG, ['s-rg', 'm-rg']],
    [LX, ['s-lx']],
    [HT, ['s-ht']],
    [PQ, ['s-pq']],
  ])

  const rules = (await repo.rulesForPlace(ctx.db, province.path)) as unknown as (HomeCareRule & { id: number })[]
  const cases = await repo.casesForCare(ctx.db, province.path)
  const stays: repo.BulkAdmission[] = []
  const homes: (repo.BulkHome & { key: number })[] = []
  for (const c of cases) {
    if (!c.firstDay || c.firstDay > today) continue
    const active = c.outcome === null
    const ended: Ending = { status: c.outcome === 'died' ? 'died' : 'discharged', endedOn: c.outcomeDate, outcome: c.outcome === 'transferred' ? 'transferred_out' : c.outcome }
    const kg = kienGiangSide(c.communeCode)
    const pq = c.communeCode === PQ
    const stay = (facility: string, kind: BedKind, from: string, until: Ending | null, fromIndex?: number): number | null => {
      const id = until ? ids.get(facility)! : take(facility, kind)
      if (id === null) return null
      stays.push({
        personId: c.personId,
        caseId: c.caseId,
        facilityId: id,
        bedKind: kind,
        severity: c.severity,
        admittedOn: from,
        status: until ? until.status : 'active',
        endedOn: until?.endedOn ?? null,
        outcome: until?.outcome ?? null,
        fromIndex,
      })
      return stays.length - 1
    }
    const until = active ? null : c.outcomeDate ? ended : null
    if (!active && !c.outcomeDate) continue
    if (c.severity === 'critical' || c.severity === 'severe') {
      // In through tier 2, moved to intensive care two days later.
      const second = shiftDay(c.firstDay, 2)
      const moveOn = until && until.endedOn! < second ? null : second
      const h2 = pq ? 'h2-pq' : kg ? 'h2-rg' : 'h2-lx'
      if (moveOn === null) {
        stay(h2, 'oxygen', c.firstDay, until)
        continue
      }
      const first = stay(h2, 'oxygen', c.firstDay, { status: 'transferred', endedOn: moveOn, outcome: null })
      if (first === null) continue
      const icu = pq && c.severity === 'severe' ? 'h2-pq' : kg || pq ? 'icu-rg' : 'icu-lx'
      if (stay(icu, c.severity === 'critical' ? 'ventilator' : 'icu', moveOn, until, first) === null) stays.pop()
      continue
    }
    if (c.severity === 'moderate') {
      const h2 = pq ? 'h2-pq' : kg ? 'h2-rg' : c.communeCode < '30316' ? 'h2-lx' : 'h2-cd'
      stay(h2, rng.chance(0.5) ? 'oxygen' : 'regular', c.firstDay, until)
      continue
    }
    const station = stations.get(c.communeCode)
    if (station && rng.chance(active ? 0.7 : 0.4)) {
      const startedOn = c.confirmedDate && c.confirmedDate >= c.firstDay ? c.confirmedDate : c.firstDay
      const rule = ruleInForce(rules, startedOn)
      if (!rule) continue
      homes.push({
        key: c.caseId,
        personId: c.personId,
        caseId: c.caseId,
        stationId: ids.get(rng.pick(station))!,
        ruleId: rule.id,
        facts: { ...EXAMPLE_ELIGIBLE_FACTS, severity: c.severity ?? 'asymptomatic', ageYears: c.birthYear ? Number(today.slice(0, 4)) - c.birthYear : null },
        grounds: [],
        ageYears: c.birthYear ? Number(today.slice(0, 4)) - c.birthYear : null,
        fullyVaccinated: true,
        positiveOn: c.firstDay,
        startedOn,
        status: active ? 'active' : c.outcome === 'died' ? 'died' : 'released',
        endedOn: active ? null : laterDay(c.outcomeDate!, startedOn),
        linkHash: active ? createHash('sha256').update(randomBytes(32).toString('base64url')).digest('hex') : null,
      })
      continue
    }
    stay(pq ? 'c1-pq' : c.communeCode === HT ? 'c1-ht' : kg ? 'c1-rg' : 'c1-lx', 'regular', c.firstDay, until)
  }
  for (let i = 0; i < stays.length; i += 2000) {
    const batch = stays.slice(i, i + 2000).map((s) => ({ ...s, fromIndex: s.fromIndex === undefined ? undefined : s.fromIndex - i }))
    await repo.insertAdmissionsBulk(ctx.db, batch)
  }

  // Home care: one check a day (the patient's in the morning, the station's every third day), a few warnings.
  const closers = [await repo.userIdByName(ctx.db, 'tramyte'), await repo.userIdByName(ctx.db, 'dieutri')].filter((x): x is number => x !== null)
  let checks = 0
  let escalations = 0
  let warnedToday = 0
  const rgStations = stations.get(RG)!.map((k) => ids.get(k)!)
  for (let i = 0; i < homes.length; i += 500) {
    const batch = homes.slice(i, i + 500)
    const homeIds = await repo.insertHomeBulk(ctx.db, batch)
    const pending: (repo.BulkCheck & { home: number; warned: boolean })[] = []
    for (const [j, h] of batch.entries()) {
      const last = h.endedOn ?? today
      const from = laterDay(shiftDay(last, -13), h.startedOn)
      // Some have one bad day (SpO2 92–95%): today's is still open on the commune's list.
      const days: string[] = []
      for (let day = from; day <= last; day = shiftDay(day, 1)) days.push(day)
      // The first two of phường Rạch Giá's stations warn today, so its list always shows the task.
      const rgStation = h.status === 'active' && rgStations.includes(h.stationId) && warnedToday++ < 2
      const badDay = rgStation ? today : h.status === 'active' && rng.chance(0.15) ? rng.pick(days) : null
      for (const day of days) {
        const bad = day === badDay
        const spo2 = bad ? rng.int(92, 95) : rng.int(97, 99)
        const check = { spo2, respiratoryRate: bad ? rng.int(20, 24) : rng.int(14, 18), pulse: null, temperature: 36.5 + rng.int(0, 12) / 10, systolic: null, diastolic: null, symptoms: rng.chance(0.3) ? ['cough'] : [], ageYears: h.ageYears }
        const rule = ruleInForce(rules, day)!
        const warnings = checkSigns(rule, check)
        const byPatient = !(rng.chance(0.33) && closers.length > 0)
        pending.push({
          home: homeIds[j]!,
          patientId: homeIds[j]!,
          checkedAt: day === today ? new Date(ctx.now().getTime() - rng.int(30, 90) * 60_000).toISOString() : `${day}T0${rng.int(0, 3)}:${String(rng.int(10, 59))}:00Z`,
          checkedOn: day,
          spo2: check.spo2,
          respiratoryRate: check.respiratoryRate,
          temperature: Math.round(check.temperature * 10) / 10,
          symptoms: check.symptoms,
          byPatient,
          checkedBy: byPatient ? null : closers[0]!,
          warnings,
          warned: warnings.length > 0,
        })
      }
    }
    const checkIds = await repo.insertChecksBulk(ctx.db, pending)
    checks += checkIds.length
    const open: repo.BulkEscalation[] = []
    for (const [k, c] of pending.entries()) {
      if (!c.warned) continue
      const opened = new Date(c.checkedAt)
      const due = new Date(opened.getTime() + 2 * 3600_000)
      // Today's warnings stay open on the commune's list; older ones were handled.
      const closed = c.checkedOn < today && closers.length > 0
      open.push({
        patientId: c.patientId,
        checkId: checkIds[k]!,
        warnings: c.warnings,
        openedAt: opened.toISOString(),
        dueAt: due.toISOString(),
        closedAt: closed ? new Date(opened.getTime() + 3600_000).toISOString() : null,
        closedBy: closed ? rng.pick(closers) : null,
        resolution: closed ? 'visited' : null,
        note: closed ? 'Đến nhà đo lại, hướng dẫn theo dõi sát' : null,
      })
    }
    await repo.insertEscalationsBulk(ctx.db, open)
    escalations += open.length
  }
  await auditEvent(ctx, 'demo', 'care', { facilities: FACILITIES.length, admissions: stays.length, homeCare: homes.length, checks, escalations })
  return FACILITIES.length + stays.length + homes.length + checks + escalations
}
