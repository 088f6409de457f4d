import type { Crossing, PortKind, Reporter } from '../../domain/entry/codes.ts'
import type { Step } from '../../domain/entry/steps.ts'
import { personName, type Random } from '../../domain/demo/random.ts'
import { shiftDay } from '../../domain/surveillance/followup.ts'
import * as repo from '../contexts/entry/repo.ts'
import * as entry from '../contexts/entry/service.ts'
import * as orgRepo from '../contexts/orgs/repo.ts'
import { createFacility, listFacilities } from '../contexts/quarantine/service.ts'
import { getUnit } from '../contexts/units/service.ts'
import { type Ctx, today } from '../platform/context.ts'
import { AppError } from '../platform/errors.ts'

/**
 * Entry and movement in the demo province: its ports of entry (Phú Quốc international airport, the
 * seaports, the border gates and crossings along the Cambodian border), domestic epidemic zones,
 * medical checkpoints along the Hà Tiên – Giang Thành border with their staff and daily log,
 * illegal crossings there over twelve weeks moving through their steps (the recent ones' people
 * in the border guard's quarantine camp), and arrivals at Phú Quốc airport and the border gates,
 * some already acted on. Coordinates are approximate; the zones are illustrations.
 */

const HT = '30769' // phường Hà Tiên
const GT = '30796' // xã Giang Thành
const VD = '30793' // xã Vĩnh Điều
const VG = '30568' // xã Vĩnh Gia
const TC = '30766' // phường Tô Châu
const TB = '30520' // phường Tịnh Biên
const VX = '30385' // xã Vĩnh Xương
const KB = '30341' // xã Khánh Bình
const RG = '30742' // phường Rạch Giá
const LX = '30307' // phường Long Xuyên
const PQ = '31078' // đặc khu Phú Quốc

const SOURCE = 'Dữ liệu mẫu; tọa độ gần đúng, chưa kiểm chứng'

const PORTS: { code: string; name: string; kind: PortKind; unit: string; at: [number, number] }[] = [
  { code: 'PQC', name: 'Cảng hàng không quốc tế Phú Quốc', kind: 'airport', unit: PQ, at: [103.99, 10.17] },
  { code: 'CANG-RG', name: 'Cảng Rạch Giá (bến tàu khách)', kind: 'seaport', unit: RG, at: [105.08, 10.01] },
  { code: 'CANG-AT', name: 'Cảng An Thới (Phú Quốc)', kind: 'seaport', unit: PQ, at: [104.01, 10.02] },
  { code: 'CANG-HT', name: 'Cảng Hà Tiên', kind: 'seaport', unit: HT, at: [104.48, 10.38] },
  { code: 'CK-XAXIA', name: 'Cửa khẩu quốc tế Hà Tiên (Xà Xía)', kind: 'border_gate', unit: HT, at: [104.45, 10.43] },
  { code: 'CK-GT', name: 'Cửa khẩu Giang Thành', kind: 'border_gate', unit: GT, at: [104.62, 10.57] },
  { code: 'CK-TB', name: 'Cửa khẩu quốc tế Tịnh Biên', kind: 'border_gate', unit: TB, at: [104.95, 10.6] },
  { code: 'CK-VX', name: 'Cửa khẩu quốc tế Vĩnh Xương', kind: 'border_gate', unit: VX, at: [105.18, 10.91] },
  { code: 'CK-KB', name: 'Cửa khẩu Khánh Bình', kind: 'border_gate', unit: KB, at: [105.07, 10.93] },
  { code: 'LM-TAEM', name: 'Lối mở kênh Tà Êm (Giang Thành)', kind: 'crossing', unit: GT, at: [104.66, 10.55] },
  { code: 'LM-VD', name: 'Lối mở Vĩnh Điều', kind: 'crossing', unit: VD, at: [104.76, 10.55] },
  { code: 'LM-VG', name: 'Lối mở kênh Vĩnh Tế (Vĩnh Gia)', kind: 'crossing', unit: VG, at: [104.85, 10.56] },
]

/** Checkpoints along the border: commune, body in charge (demo key), place, approximate point. */
const CHECKPOINTS: { name: string; unit: string; org: string; location: string; at: [number, number]; stoppedDaysAgo?: number }[] = [
  { name: 'Chốt kiểm tra y tế Cửa khẩu Quốc tế Hà Tiên', unit: HT, org: 'chot_ckqt_hatien', location: 'Khu phố Xà Xía', at: [104.45, 10.425] },
  { name: 'Chốt kiểm tra y tế Cửa khẩu Giang Thành', unit: GT, org: 'chot_ck_giangthanh', location: 'Ấp Tà Êm', at: [104.62, 10.565] },
  { name: 'Chốt ngã ba Tà Êm', unit: GT, org: 'don_giangthanh', location: 'Đường tuần tra biên giới', at: [104.66, 10.548] },
  { name: 'Chốt Quốc lộ 80 – cầu Tô Châu', unit: TC, org: 'don_ckqt_hatien', location: 'Đầu cầu Tô Châu', at: [104.5, 10.39] },
  { name: 'Chốt bến đò Vĩnh Điều', unit: VD, org: 'don_vinhdieu', location: 'Bến đò kênh Vĩnh Tế', at: [104.76, 10.548], stoppedDaysAgo: 10 },
]

/** Where illegal crossings happen, with the border post answering for each commune. */
const CROSSING_PLACES: { unit: string; post: string; points: string[]; at: [number, number] }[] = [
  { unit: HT, post: 'don_ckqt_hatien', points: ['Kênh Hà Tiên – Giang Thành', 'Khu vực cột mốc 313', 'Rạch Đầm Chích'], at: [104.46, 10.42] },
  { unit: GT, post: 'don_giangthanh', points: ['Kênh Tà Êm', 'Cánh đồng ấp Khánh Hòa', 'Đường mòn ấp T4'], at: [104.64, 10.55] },
  { unit: VD, post: 'don_vinhdieu', points: ['Bờ kênh Vĩnh Tế', 'Ấp Cỏ Quen'], at: [104.76, 10.55] },
  { unit: VG, post: 'don_ckqt_tinhbien', points: ['Kênh Vĩnh Tế đoạn Vĩnh Gia'], at: [104.85, 10.56] },
]

const FACILITY = 'Khu cách ly Đồn Biên phòng cửa khẩu quốc tế Hà Tiên'

export async function seedEntry(ctx: Ctx, rng: Random): Promise<number> {
  const day = today(ctx)
  const province = await getUnit(ctx, '91')
  const orgs = await orgRepo.idsByKey(ctx.db)
  let n = 0

  for (const p of PORTS) {
    if (await repo.portCodeTaken(ctx.db, p.code)) continue
    const unit = await getUnit(ctx, p.unit)
    await repo.insertPort(ctx.db, { code: p.code, name: p.name, kind: p.kind, unitId: unit.id, unitPath: unit.path, lon: p.at[0], lat: p.at[1], source: SOURCE, note: null })
    n++
  }
  const ports = new Map((await repo.listPorts(ctx.db, province.path)).map((p) => [p.name, p.id]))

  const zones: { place: string; unit: string; from: number; to: number | null; measure: 'facility' | 'home' | 'monitoring'; monitoringDays: number }[] = [
    { place: 'Thành phố Hồ Chí Minh', unit: '79', from: -45, to: null, measure: 'home', monitoringDays: 14 },
    { place: 'Tỉnh Đồng Nai', unit: '75', from: -30, to: -5, measure: 'monitoring', monitoringDays: 7 },
    { place: 'Thành phố Cần Thơ', unit: '92', from: -20, to: null, measure: 'monitoring', monitoringDays: 7 },
  ]
  for (const z of zones) {
    const unit = await getUnit(ctx, z.unit)
    await repo.insertZone(ctx.db, {
      ownerUnitId: province.id,
      ownerPath: province.path,
      zoneUnitId: unit.id,
      zonePath: unit.path,
      placeName: z.place,
      validFrom: shiftDay(day, z.from),
      validTo: z.to === null ? null : shiftDay(day, z.to),
      measure: z.measure,
      monitoringDays: z.monitoringDays,
      source: 'Dữ liệu mẫu: thông báo vùng dịch của Ban Chỉ đạo tỉnh (minh họa)',
      confidence: 'unverified',
      note: null,
    })
    n++
  }

  // Checkpoints, their staff and two weeks of daily log.
  for (const c of CHECKPOINTS) {
    const cp = await entry.createCheckpoint(ctx, { name: c.name, unitCode: c.unit, location: c.location, lon: c.at[0], lat: c.at[1], orgId: orgs.get(c.org) ?? null, activeFrom: shiftDay(day, -40), decision: 'Quyết định lập chốt của UBND (mẫu)' })
    for (const role of ['Y tế', 'Biên phòng', 'Công an xã']) {
      const sex = rng.chance(0.6) ? 'male' : 'female'
      await entry.addStaff(ctx, cp.id, { name: personName(rng, sex), role, fromOn: shiftDay(day, -40) })
    }
    const until = c.stoppedDaysAgo ? -c.stoppedDaysAgo - 1 : 0
    for (let d = -14; d <= until; d++) {
      const people = rng.int(60, 420)
      await entry.recordLog(ctx, cp.id, { day: shiftDay(day, d), peopleChecked: people, vehiclesChecked: rng.int(15, 160), sentToQuarantine: rng.chance(0.4) ? rng.int(1, 3) : 0 })
    }
    if (c.stoppedDaysAgo) await entry.setCheckpointActive(ctx, cp.id, { active: false, on: shiftDay(day, -c.stoppedDaysAgo), decision: 'Dừng chốt theo đánh giá cấp độ dịch (mẫu)' })
    n++
  }

  // Illegal crossings over twelve weeks; the recent ones still moving through their steps.
  const facility = await campFacility(ctx)
  for (let i = 0; i < 36; i++) {
    const place = CROSSING_PLACES[rng.int(0, CROSSING_PLACES.length - 1)]!
    const daysAgo = Math.floor((84 * i) / 36) + rng.int(0, 2)
    const hour = rng.chance(0.7) ? rng.int(19, 23) : rng.int(0, 5)
    const occurredAt = new Date(`${shiftDay(day, -84 + daysAgo)}T${String(hour).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+07:00`)
    if (occurredAt.getTime() > ctx.now().getTime() - 3 * 3600_000) continue
    const drawn: Reporter = rng.chance(0.6) ? 'border_guard' : rng.chance(0.5) ? 'police' : rng.chance(0.5) ? 'commune' : 'public'
    // The public form takes reports of the last 30 days.
    const reporter: Reporter = drawn === 'public' && occurredAt.getTime() < ctx.now().getTime() - 29 * 86_400_000 ? 'commune' : drawn
    const crossing: Crossing = rng.chance(0.55) ? 'boat' : rng.chance(0.8) ? 'on_foot' : 'vehicle'
    const people = rng.int(1, 6)
    const post = orgs.get(place.post) ?? null
    const input = {
      unitCode: place.unit,
      point: place.points[rng.int(0, place.points.length - 1)]!,
      lon: place.at[0] + (rng.next() - 0.5) * 0.04,
      lat: place.at[1] + (rng.next() - 0.5) * 0.02,
      occurredAt: occurredAt.toISOString(),
      peopleCount: people,
      crossing,
      guidedBy: rng.chance(0.5) ? 'Người dẫn đường bằng xuồng máy (chưa rõ danh tính)' : null,
      shelteredBy: rng.chance(0.2) ? 'Một hộ dân trong ấp cho ở nhờ' : null,
      foundLiving: rng.chance(0.1),
    }
    const c =
      reporter === 'public'
        ? { id: await entry.reportPublic(ctx, { ...input, reporterName: null, reporterPhone: null }, '91') }
        : await entry.reportCase(ctx, { ...input, reportedBy: reporter, reporterOrgId: reporter === 'border_guard' ? post : reporter === 'police' ? (orgs.get('ca') ?? null) : (orgs.get(`${place.unit}_ubnd`) ?? null) })
    n++
    const station = orgs.get(`${place.unit}_tyt`) ?? null
    if (!post || !station) continue
    const age = (ctx.now().getTime() - occurredAt.getTime()) / 86_400_000
    // Cases of the last two weeks stand at every step: just reported, intercepted, handed over, placed.
    const reach = age > 14 ? 4 : (i % 4) as 0 | 1 | 2 | 3
    let at = occurredAt.getTime()
    const next = (hours: number) => {
      at = Math.min(at + hours * 3600_000, ctx.now().getTime() - 60_000)
      return new Date(at).toISOString()
    }
    const steps: Step[] = ['interception', 'handover', 'placement', 'outcome']
    for (const step of steps.slice(0, reach)) {
      if (step === 'placement' && age <= 14 && facility) {
        for (let k = 0; k < people; k++) {
          const sex = rng.chance(0.7) ? 'male' : 'female'
          await entry.addCasePerson(ctx, c.id, { person: { fullName: personName(rng, sex), birthYear: rng.int(1965, 2005), sex, nationality: rng.chance(0.8) ? 'VN' : 'KH' }, confirmedNew: true })
        }
        const linked = await repo.peopleOf(ctx.db, c.id)
        const when = next(rng.int(2, 8))
        for (const p of linked) {
          try {
            await entry.placeCasePerson(ctx, c.id, { personId: p.personId, facilityId: facility, orgId: station, at: when })
          } catch (e) {
            // A full camp refuses more: the rest wait (their case shows them without a facility).
            if (!(e instanceof AppError)) throw e
          }
        }
        if ((await repo.findCase(ctx.db, ctx.access, c.id))?.stage !== 'placed') break
        continue
      }
      await entry.recordStep(ctx, c.id, {
        step,
        orgId: step === 'placement' ? station : post,
        at: next(step === 'interception' ? rng.int(1, 4) : rng.int(2, 10)),
        ...(step === 'handover' ? { toOrgId: station } : {}),
        ...(step === 'outcome'
          ? { outcome: rng.chance(0.5) ? 'Xử phạt vi phạm hành chính người dẫn đường; người nhập cảnh hết hạn cách ly được trả về địa phương' : 'Lập hồ sơ, chuyển Công an xử lý hành vi tổ chức đưa người xuất cảnh, nhập cảnh trái phép' }
          : {}),
      })
    }
  }

  // Arrivals at Phú Quốc airport, the seaports and the border gates, and from the zones.
  const countries = ['KR', 'TW', 'CN', 'SG', 'US', 'AU', 'JP', 'MY']
  const stays = { [PQ]: ['Khách sạn Dương Đông', 'Khu nghỉ dưỡng Bãi Trường', 'Nhà nghỉ An Thới'], [HT]: ['Khu phố 3, phường Hà Tiên'], [TB]: ['Khóm Xuân Phú, phường Tịnh Biên'], [RG]: ['Đường Nguyễn Trung Trực, phường Rạch Giá'], [LX]: ['Đường Hà Hoàng Hổ, phường Long Xuyên'] }
  for (let i = 0; i < 48; i++) {
    const kind = i < 24 ? 'airport' : i < 34 ? 'gate' : 'domestic'
    const unit = kind === 'airport' ? PQ : kind === 'gate' ? (rng.chance(0.6) ? HT : TB) : rng.chance(0.5) ? RG : LX
    const sex = rng.chance(0.55) ? 'male' : 'female'
    const arrivedOn = shiftDay(day, -rng.int(0, 16))
    const list = stays[unit]!
    const a = await entry.recordArrival(ctx, {
      fullName: personName(rng, sex),
      birthYear: rng.int(1950, 2008),
      sex,
      phone: `09${String(rng.int(10_000_000, 99_999_999))}`,
      unitCode: unit,
      stayAddress: list[rng.int(0, list.length - 1)]!,
      originKind: kind === 'domestic' ? 'domestic' : 'abroad',
      originCountry: kind === 'airport' ? countries[rng.int(0, countries.length - 1)]! : kind === 'gate' ? 'KH' : null,
      originUnitCode: kind === 'domestic' ? (rng.chance(0.5) ? '79' : rng.chance(0.5) ? '75' : '01') : null,
      portId: kind === 'airport' ? (ports.get('Cảng hàng không quốc tế Phú Quốc') ?? null) : kind === 'gate' ? (ports.get(unit === HT ? 'Cửa khẩu quốc tế Hà Tiên (Xà Xía)' : 'Cửa khẩu quốc tế Tịnh Biên') ?? null) : null,
      arrivedOn,
      transport: kind === 'airport' ? `VJ ${rng.int(800, 999)}` : null,
      vaccinated: rng.chance(0.7),
      declaredBy: rng.chance(0.3) ? 'host' : 'commune',
      declarantName: 'Chủ cơ sở lưu trú',
    })
    n++
    // The commune has acted on most of those who came more than a week ago.
    if (arrivedOn <= shiftDay(day, -7) && rng.chance(0.7)) {
      try {
        await entry.actOnArrival(ctx, a.id, { confirmedNew: true, setting: a.requirement.action === 'facility' ? 'accommodation' : undefined })
      } catch (e) {
        if (!(e instanceof AppError)) throw e
      }
    }
  }
  return n
}

/** The border guard's quarantine camp at Hà Tiên (made by the quarantine demo; made here when absent). */
async function campFacility(ctx: Ctx): Promise<number | null> {
  const found = (await listFacilities(ctx, { unitCode: HT, limit: 500, offset: 0 })).facilities.find((f) => f.name === FACILITY)
  if (found) return found.id
  const made = await createFacility(ctx, { name: FACILITY, kind: 'military_camp', unitCode: HT, capacity: 60, lon: 104.448, lat: 10.425, address: 'Khu phố Xà Xía, phường Hà Tiên', managingUnit: 'Bộ đội Biên phòng tỉnh' })
  return made.id
}

