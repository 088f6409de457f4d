import { sql } from 'kysely'
import { missingTests, testDates } from '../../domain/quarantine/rules.ts'
import { personName, type Random } from '../../domain/demo/random.ts'
import { Random as Seeded } from '../../domain/demo/random.ts'
import { shiftDay } from '../../domain/surveillance/followup.ts'
import { vnDate } from '../../domain/text/dates.ts'
import { fold } from '../../domain/text/fold.ts'
import { insertPerson } from '../contexts/people/repo.ts'
import * as repo from '../contexts/quarantine/repo.ts'
import { placePerson, releasePlacement } from '../contexts/quarantine/service.ts'
import { getUnit } from '../contexts/units/service.ts'
import type { Ctx } from '../platform/context.ts'

/**
 * The demo province's quarantine (An Giang with the former Kiên Giang): the provincial military
 * school's camp and dormitories in Rạch Giá and Long Xuyên, a border guard camp and a hotel in Hà
 * Tiên, hotels in Phú Quốc and Rạch Giá, with rooms; the demo outbreak's contacts under follow-up
 * placed there by the commune they live in (their batch is the day their follow-up began, kept to
 * rooms of their own), those whose quarantine is over released after their required negative tests
 * (some early, with the reason); illegal entrants intercepted along the Hà Tiên – Giang Thành border
 * and visitors arriving in Phú Quốc. Since contacts were no longer quarantined under the national
 * rule after April 2022, the demo gives the province a rule of its own for its outbreak, marked as
 * invented. Seeded with its own generator, placed through the placement service.
 */

const LX = '30307' // phường Long Xuyên
const RG = '30742' // phường Rạch Giá
const HT = '30769' // phường Hà Tiên
const PQ = '31078' // đặc khu Phú Quốc

interface DemoFacility {
  key: string
  name: string
  kind: 'military_camp' | 'dormitory' | 'hotel' | 'other'
  unit: string
  address: string
  lonLat: [number, number]
  managingUnit: string
  rooms: [prefix: string, count: number, capacity: number]
}

const FACILITIES: DemoFacility[] = [
  { key: 'camp-rg', name: 'Khu cách ly tập trung Trường Quân sự tỉnh', kind: 'military_camp', unit: RG, address: 'Đường Nguyễn Trung Trực, phường Rạch Giá', lonLat: [105.094, 10.005], managingUnit: 'Bộ Chỉ huy Quân sự tỉnh', rooms: ['Dãy', 8, 24] },
  { key: 'dorm-rg', name: 'Ký túc xá Trường Chính trị tỉnh (cơ sở Rạch Giá)', kind: 'dormitory', unit: RG, address: 'Phường Rạch Giá', lonLat: [105.081, 10.018], managingUnit: 'Trường Chính trị tỉnh', rooms: ['Phòng', 20, 6] },
  { key: 'dorm-lx', name: 'Ký túc xá Trường Cao đẳng nghề An Giang', kind: 'dormitory', unit: LX, address: 'Phường Long Xuyên', lonLat: [105.432, 10.37], managingUnit: 'Trường Cao đẳng nghề An Giang', rooms: ['Phòng', 24, 8] },
  { key: 'camp-ht', name: 'Khu cách ly Đồn Biên phòng cửa khẩu quốc tế Hà Tiên', kind: 'military_camp', unit: HT, address: 'Khu phố Xà Xía, phường Hà Tiên', lonLat: [104.448, 10.425], managingUnit: 'Bộ đội Biên phòng tỉnh', rooms: ['Lán', 6, 12] },
  { key: 'hotel-ht', name: 'Khách sạn cách ly có thu phí Hà Tiên', kind: 'hotel', unit: HT, address: 'Đường Trần Hầu, phường Hà Tiên', lonLat: [104.484, 10.383], managingUnit: 'Doanh nghiệp du lịch (theo hợp đồng với UBND phường)', rooms: ['Phòng', 15, 2] },
  { key: 'hotel-pq-1', name: 'Khách sạn cách ly có thu phí Dương Đông', kind: 'hotel', unit: PQ, address: 'Đường Trần Hưng Đạo, Dương Đông, Phú Quốc', lonLat: [103.963, 10.213], managingUnit: 'Doanh nghiệp du lịch (theo hợp đồng với UBND đặc khu)', rooms: ['Phòng', 30, 2] },
  { key: 'hotel-pq-2', name: 'Khu nghỉ dưỡng cách ly Bãi Trường', kind: 'hotel', unit: PQ, address: 'Bãi Trường, Phú Quốc', lonLat: [103.975, 10.145], managingUnit: 'Doanh nghiệp du lịch (theo hợp đồng với UBND đặc khu)', rooms: ['Phòng', 40, 2] },
  { key: 'hotel-rg', name: 'Khách sạn cách ly có thu phí Rạch Giá', kind: 'hotel', unit: RG, address: 'Khu lấn biển, phường Rạch Giá', lonLat: [105.07, 9.995], managingUnit: 'Doanh nghiệp du lịch (theo hợp đồng với UBND phường)', rooms: ['Phòng', 20, 2] },
]

/** The former Kiên Giang's communes carry codes from 30700 on. */
const kienGiangSide = (code: string) => Number(code) >= 30700

export async function seedQuarantine(ctx: Ctx, _rng: Random): Promise<number> {
  const province = await getUnit(ctx, '91')
  if ((await repo.listFacilities(ctx.db, ctx.access, { unitPath: province.path, limit: 1, offset: 0 })).length > 0) return 0
  const rng = new Seeded(20210705)
  const today = vnDate(ctx.now())

  type Room = { id: number; capacity: number; batch: string | null; used: number }
  const facilities = new Map<string, { id: number; rooms: Room[] }>()
  const roomsById = new Map<number, Room>()
  for (const f of FACILITIES) {
    const unit = await getUnit(ctx, f.unit)
    const [prefix, count, capacity] = f.rooms
    const rooms = Array.from({ length: count }, (_, i) => ({ name: `${prefix} ${String(i + 1).padStart(2, '0')}`, capacity }))
    const id = await repo.insertFacility(ctx.db, {
      name: f.name,
      kind: f.kind,
      unitId: unit.id,
      unitPath: unit.path,
      address: f.address,
      lon: f.lonLat[0],
      lat: f.lonLat[1],
      capacity: count * capacity,
      managingUnit: f.managingUnit,
      managerName: personName(rng, rng.chance(0.7) ? 'male' : 'female'),
      managerPhone: `09${String(rng.int(10_000_000, 99_999_999))}`,
      status: 'open',
      note: null,
    })
    await repo.insertRooms(ctx.db, id, unit.path, rooms)
    const stored = await repo.roomsOf(ctx.db, id, today)
    const own = stored.map((r) => ({ id: r.id, capacity: r.capacity, batch: null, used: 0 }))
    for (const r of own) roomsById.set(r.id, r)
    facilities.set(f.key, { id, rooms: own })
  }

  // The outbreak's contacts under follow-up, oldest first: where they live decides where they go.
  const followups = await sql<{ personId: number; startedOn: string; status: string; communeCode: string }>`
    SELECT f.person_id AS "personId", f.started_on AS "startedOn", f.status, u.code AS "communeCode"
      FROM contact_followups f JOIN people p ON p.id = f.person_id JOIN units u ON u.id = p.unit_id
     WHERE f.unit_path LIKE ${`${province.path}%`} AND f.status IN ('active', 'completed') AND f.started_on <= ${today}::date
       AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = f.person_id)
     ORDER BY f.started_on, f.person_id
     LIMIT 600`.execute(ctx.db)
  const rows = followups.rows
  const first = rows[0]?.startedOn
  if (first) {
    await repo.insertRule(ctx.db, {
      unitId: province.id,
      kind: 'f1',
      name: 'Đợt dịch mẫu: F1 cách ly tập trung 14 ngày',
      validFrom: shiftDay(first, -7),
      validTo: null,
      days: 14,
      monitoringDays: 7,
      requiredTests: [1, 7, 14],
      source: 'Dữ liệu mẫu — quyết định giả định của UBND tỉnh trong đợt dịch mẫu, không phải văn bản thật',
      confidence: 'unverified',
      note: 'Quy định riêng của tỉnh cho dữ liệu mẫu (sau Công văn 1909/BYT-DP, F1 không còn phải cách ly theo quy định chung).',
    })
  }

  /** A room of `facility` free for `batch`: one holding that batch with room left, else an empty one. */
  const roomFor = (facility: string, batch: string) => {
    const f = facilities.get(facility)!
    const room = f.rooms.find((r) => r.batch === batch && r.used < r.capacity) ?? f.rooms.find((r) => r.used === 0)
    if (!room) return null
    room.batch = batch
    room.used++
    return { facilityId: f.id, roomId: room.id }
  }
  const homeOf = (code: string) => (code === PQ ? ['hotel-pq-1', 'hotel-pq-2'] : code === HT ? ['camp-ht'] : kienGiangSide(code) ? ['camp-rg', 'dorm-rg'] : ['dorm-lx'])

  let placed = 0
  /** Ends a stay whose time is over (false: it goes on), through the service, as an officer would. */
  const release = async (id: number, personId: number, start: string, plannedEnd: string, requiredTests: number[], days: number): Promise<boolean> => {
    if (plannedEnd > today) return false
    if (rng.chance(0.1)) {
      const on = shiftDay(plannedEnd, -rng.int(1, 3))
      if (on < start) return false
      await releasePlacement(ctx, id, { on, early: true, note: 'Kết thúc sớm theo quyết định của Trung tâm Y tế (chuyển theo dõi tại nhà)' })
      return true
    }
    // The rule's tests, negative, where the outbreak has none on those days.
    const required = testDates(start, { requiredTests, days }).filter((d) => d < plannedEnd)
    const have = await repo.testsOf(ctx.db, personId, shiftDay(start, -1), plannedEnd)
    if (have.some((t) => t.result === 'positive')) return false
    for (const d of missingTests(required, have)) {
      await sql`INSERT INTO tests (person_id, method, status, sample_date, result_date, result, lab)
                SELECT ${personId}, 'pcr', 'resulted', ${d}::date, ${d}::date, 'negative', 'CDC An Giang'
                 WHERE NOT EXISTS (SELECT 1 FROM tests WHERE person_id = ${personId} AND sample_date = ${d}::date AND method = 'pcr')`.execute(ctx.db)
    }
    await releasePlacement(ctx, id, { on: plannedEnd })
    return true
  }
  const place = async (input: Parameters<typeof placePerson>[1]) => {
    const o = await placePerson(ctx, input)
    placed++
    const p = o.placement
    if ((await release(p.id, p.person.id, p.startOn, p.plannedEnd, p.rule.requiredTests, p.rule.days)) && p.room) {
      // The room is free again for the next batches (contacts come in start order).
      const room = roomsById.get(p.room.id)!
      room.used--
      if (room.used === 0) room.batch = null
    }
  }

  for (const r of rows) {
    const batch = `F1 ${r.startedOn.slice(8, 10)}/${r.startedOn.slice(5, 7)}`
    let spot: { facilityId: number; roomId: number } | null = null
    for (const key of homeOf(r.communeCode)) {
      spot = roomFor(key, batch)
      if (spot) break
    }
    await place({
      personId: r.personId,
      setting: spot ? 'facility' : 'home',
      facilityId: spot?.facilityId ?? null,
      roomId: spot?.roomId ?? null,
      reason: 'contact',
      vaccinated: rng.chance(0.6),
      startOn: r.startedOn,
      batch,
      riskGroup: rng.chance(0.15) ? 'Người trên 65 tuổi, có bệnh nền' : null,
      decisionNo: null,
    })
  }

  // Illegal entrants intercepted along the Hà Tiên – Giang Thành border, by the day they were found.
  const ht = await getUnit(ctx, HT)
  for (let i = 0; i < 24; i++) {
    const sex = rng.chance(0.7) ? 'male' : 'female'
    const fullName = personName(rng, sex)
    const personId = await insertPerson(ctx.db, {
      fullName,
      nameFold: fold(fullName),
      birthYear: rng.int(1965, 2004),
      birthDate: null,
      sex,
      nationalId: null,
      passportNo: null,
      phone: null,
      unitId: ht.id,
      unitPath: ht.path,
      address: 'Tạm giữ tại khu cách ly biên phòng (chưa xác định nơi cư trú)',
      tempUnitId: null,
      tempAddress: null,
      workplace: null,
    })
    const startOn = shiftDay(today, -Math.floor(i / 4) * 3 - 1)
    const batch = `NCTP ${startOn.slice(8, 10)}/${startOn.slice(5, 7)}`
    const spot = roomFor('camp-ht', batch)
    await place({ personId, setting: spot ? 'facility' : 'home', facilityId: spot?.facilityId ?? null, roomId: spot?.roomId ?? null, reason: 'illegal_entrant', startOn, batch, riskGroup: null })
  }

  // Visitors with passports arriving in Phú Quốc, in the fee-paying hotels.
  const visitors = await sql<{ id: number }>`
    SELECT p.id FROM people p WHERE p.unit_path LIKE ${`${province.path}%`} AND p.passport_no IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM quarantine_placements q WHERE q.person_id = p.id AND q.status = 'active')
     ORDER BY p.id LIMIT 20`.execute(ctx.db)
  for (const [i, v] of visitors.rows.entries()) {
    const startOn = shiftDay(today, -rng.int(0, 12))
    const batch = `Chuyến bay ${startOn.slice(8, 10)}/${startOn.slice(5, 7)}`
    const spot = roomFor(i % 2 === 0 ? 'hotel-pq-1' : 'hotel-pq-2', batch)
    await place({ personId: Number(v.id), setting: spot ? 'facility' : 'accommodation', facilityId: spot?.facilityId ?? null, roomId: spot?.roomId ?? null, reason: 'traveller', startOn, batch, riskGroup: null })
  }
  return placed
}
