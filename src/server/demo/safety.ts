import { addDays } from 'date-fns'
import { personName, Random } from '../../domain/demo/random.ts'
import type { Checklist, FacilityKind } from '../../domain/safety/checklist.ts'
import { fold } from '../../domain/text/fold.ts'
import * as repo from '../contexts/safety/repo.ts'
import { ensureShipped, newToken, recordAssessment } from '../contexts/safety/service.ts'
import { getUnit } from '../contexts/units/service.ts'
import type { Ctx } from '../platform/context.ts'

/**
 * Facilities of the demo province (An Giang with the former Kiên Giang) and their COVID-safety
 * assessments: Phú Quốc's hotels and homestays, Rạch Giá's markets and supermarkets, schools,
 * factories of the fishing and food industry, hospitals, bus and ferry stations, pagodas and
 * restaurants, with results across every band (some expired, some set by an inspection). Seeded
 * with its own generator; tokens of the form links are random (not part of the determinism).
 */

interface Place {
  code: string
  lon: number
  lat: number
  /** Spread of the points around the centre, in degrees. */
  spread: number
  street: string[]
}

const PLACES: Record<string, Place> = {
  RG: { code: '30742', lon: 105.085, lat: 10.012, spread: 0.025, street: ['Trần Phú', 'Nguyễn Trung Trực', 'Lâm Quang Ky', 'Mạc Cửu', 'Ngô Quyền', 'Lạc Hồng'] },
  PQ: { code: '31078', lon: 103.967, lat: 10.216, spread: 0.08, street: ['Trần Hưng Đạo', '30/4', 'Nguyễn Trung Trực', 'Bạch Đằng', 'Cửa Lấp', 'Bãi Trường'] },
  LX: { code: '30307', lon: 105.435, lat: 10.383, spread: 0.03, street: ['Hà Hoàng Hổ', 'Trần Hưng Đạo', 'Lý Thái Tổ', 'Tôn Đức Thắng', 'Hùng Vương'] },
  CD: { code: '30316', lon: 105.117, lat: 10.703, spread: 0.025, street: ['Tôn Đức Thắng', 'Nguyễn Văn Thoại', 'Thủ Khoa Nghĩa', 'Lê Lợi'] },
  HT: { code: '30769', lon: 104.487, lat: 10.383, spread: 0.02, street: ['Mạc Thiên Tích', 'Tô Châu', 'Chi Lăng', 'Phương Thành'] },
}

interface Group {
  kind: FacilityKind
  place: keyof typeof PLACES
  count: number
  names: string[]
  size?: 'workers' | 'students' | 'rooms' | 'dailyVisitors'
  sizeRange?: [number, number]
}

const GROUPS: Group[] = [
  { kind: 'hotel', place: 'PQ', count: 70, names: ['Khách sạn Biển Ngọc', 'Khách sạn Sao Biển', 'Khách sạn Hòn Thơm', 'Resort Bãi Trường', 'Khách sạn Dương Đông', 'Khách sạn Hoàng Hôn', 'Resort Ông Lang', 'Khách sạn Cửa Cạn'], size: 'rooms', sizeRange: [12, 300] },
  { kind: 'homestay', place: 'PQ', count: 30, names: ['Homestay Hàm Ninh', 'Homestay Rạch Vẹm', 'Homestay Gành Dầu', 'Nhà nghỉ Suối Tranh'], size: 'rooms', sizeRange: [3, 15] },
  { kind: 'tourist_site', place: 'PQ', count: 10, names: ['Điểm du lịch Dinh Cậu', 'Vườn tiêu Suối Đá', 'Nhà thùng nước mắm Phú Quốc', 'Chợ đêm Phú Quốc', 'Bãi Sao'], size: 'dailyVisitors', sizeRange: [200, 5000] },
  { kind: 'restaurant', place: 'PQ', count: 20, names: ['Nhà hàng hải sản Hàm Ninh', 'Quán ăn Dương Đông', 'Nhà hàng Bãi Trường'], size: 'dailyVisitors', sizeRange: [50, 600] },
  { kind: 'market', place: 'RG', count: 12, names: ['Chợ Rạch Giá', 'Chợ Nông sản Rạch Giá', 'Chợ Vĩnh Thanh', 'Chợ đêm Rạch Giá', 'Chợ cá Tắc Cậu'], size: 'dailyVisitors', sizeRange: [500, 8000] },
  { kind: 'supermarket', place: 'RG', count: 6, names: ['Siêu thị Co.opmart Rạch Giá', 'Trung tâm thương mại Rạch Giá', 'Siêu thị điện máy Rạch Giá'], size: 'dailyVisitors', sizeRange: [800, 6000] },
  { kind: 'restaurant', place: 'RG', count: 20, names: ['Nhà hàng Phố Biển', 'Quán ăn Lạc Hồng', 'Nhà hàng Vĩnh Lạc'], size: 'dailyVisitors', sizeRange: [40, 500] },
  { kind: 'school', place: 'RG', count: 18, names: ['Trường THPT chuyên Huỳnh Mẫn Đạt', 'Trường THCS Nguyễn Trãi', 'Trường Tiểu học Lê Quý Đôn', 'Trường THPT Nguyễn Trung Trực'], size: 'students', sizeRange: [300, 2000] },
  { kind: 'school', place: 'LX', count: 18, names: ['Trường THPT Long Xuyên', 'Trường THCS Lý Thường Kiệt', 'Trường Tiểu học Mỹ Long', 'Trường THPT chuyên Thoại Ngọc Hầu'], size: 'students', sizeRange: [300, 2000] },
  { kind: 'school', place: 'CD', count: 10, names: ['Trường THPT Châu Đốc', 'Trường THCS Châu Phú A', 'Trường Tiểu học Vĩnh Mỹ'], size: 'students', sizeRange: [250, 1500] },
  { kind: 'school', place: 'PQ', count: 8, names: ['Trường THPT Phú Quốc', 'Trường THCS Dương Đông', 'Trường Tiểu học An Thới'], size: 'students', sizeRange: [250, 1500] },
  { kind: 'kindergarten', place: 'RG', count: 6, names: ['Trường Mầm non Hoa Sen', 'Trường Mầm non Vĩnh Thanh Vân'], size: 'students', sizeRange: [80, 400] },
  { kind: 'factory', place: 'RG', count: 14, names: ['Công ty chế biến thủy sản Kiên Giang', 'Nhà máy nước mắm Rạch Giá', 'Công ty may Thạnh Lộc', 'Nhà máy đông lạnh Tắc Cậu'], size: 'workers', sizeRange: [50, 3000] },
  { kind: 'factory', place: 'LX', count: 14, names: ['Công ty chế biến thủy sản An Giang', 'Nhà máy xay xát gạo Mỹ Thới', 'Công ty thức ăn chăn nuôi Bình Hòa', 'Nhà máy may Long Xuyên'], size: 'workers', sizeRange: [80, 5500] },
  { kind: 'factory', place: 'HT', count: 5, names: ['Nhà máy xi măng Hà Tiên', 'Công ty chế biến hải sản Hà Tiên'], size: 'workers', sizeRange: [100, 1500] },
  { kind: 'hospital', place: 'RG', count: 3, names: ['Bệnh viện Đa khoa Kiên Giang', 'Bệnh viện Sản Nhi Kiên Giang', 'Bệnh viện Y dược cổ truyền Kiên Giang'], size: 'dailyVisitors', sizeRange: [500, 3000] },
  { kind: 'hospital', place: 'LX', count: 3, names: ['Bệnh viện Đa khoa Trung tâm An Giang', 'Bệnh viện Tim mạch An Giang', 'Bệnh viện Mắt – Tai Mũi Họng An Giang'], size: 'dailyVisitors', sizeRange: [500, 3000] },
  { kind: 'clinic', place: 'PQ', count: 4, names: ['Phòng khám Đa khoa Dương Đông', 'Phòng khám quốc tế Phú Quốc'], size: 'dailyVisitors', sizeRange: [50, 400] },
  { kind: 'transport_station', place: 'RG', count: 3, names: ['Bến xe Rạch Giá', 'Cảng tàu khách Rạch Giá', 'Bến tàu Tắc Cậu'], size: 'dailyVisitors', sizeRange: [500, 5000] },
  { kind: 'transport_station', place: 'PQ', count: 3, names: ['Cảng hành khách Bãi Vòng', 'Cảng hàng không Phú Quốc', 'Bến tàu An Thới'], size: 'dailyVisitors', sizeRange: [1000, 15000] },
  { kind: 'transport_station', place: 'HT', count: 2, names: ['Bến tàu Hà Tiên', 'Bến xe Hà Tiên'], size: 'dailyVisitors', sizeRange: [300, 3000] },
  { kind: 'religious_site', place: 'CD', count: 4, names: ['Miếu Bà Chúa Xứ Núi Sam', 'Chùa Tây An', 'Lăng Thoại Ngọc Hầu'], size: 'dailyVisitors', sizeRange: [1000, 20000] },
  { kind: 'office', place: 'RG', count: 6, names: ['Trung tâm Hành chính công', 'Ngân hàng Rạch Giá', 'Bưu điện Rạch Giá'], size: 'workers', sizeRange: [20, 300] },
]

/** Answers of a facility whose care for safety is `care` (0 careless … 1 exemplary). */
function answersFor(checklist: Checklist, care: number, rng: Random): Record<string, string> {
  const better = checklist.banding.direction === 'safety' ? -1 : 1
  const out: Record<string, string> = {}
  for (const item of checklist.items) {
    const sorted = [...item.options].sort((a, b) => better * (a.points - b.points))
    // Careful facilities mostly pick the best option, careless ones the worst.
    const r = rng.next()
    const i = r < care ? 0 : r < care + (1 - care) * care ? Math.floor(sorted.length / 2) : sorted.length - 1
    out[item.id] = sorted[Math.min(i, sorted.length - 1)]!.id
  }
  return out
}

export async function seedSafety(ctx: Ctx): Promise<number> {
  const rng = new Random(46_2020)
  await ensureShipped(ctx)
  const today = ctx.now()
  let facilities = 0
  for (const g of GROUPS) {
    const place = PLACES[g.place]!
    const unit = await getUnit(ctx, place.code)
    for (let i = 0; i < g.count; i++) {
      const base = g.names[i % g.names.length]!
      const name = i < g.names.length ? base : `${base} ${Math.floor(i / g.names.length) + 1}`
      const address = `${rng.int(1, 250)} ${rng.pick(place.street)}`
      const size = g.size ? rng.int(g.sizeRange![0], g.sizeRange![1]) : null
      const id = await repo.insertFacility(ctx.db, {
        name,
        nameFold: fold(name),
        kind: g.kind,
        unitId: unit.id,
        unitPath: unit.path,
        address,
        addressFold: fold(address),
        lon: Math.round((place.lon + (rng.next() - 0.5) * 2 * place.spread) * 1e5) / 1e5,
        lat: Math.round((place.lat + (rng.next() - 0.5) * 2 * place.spread) * 1e5) / 1e5,
        headName: personName(rng, rng.chance(0.5) ? 'male' : 'female'),
        headPhone: rng.chance(0.7) ? `09${rng.int(10_000_000, 99_999_999)}` : null,
        workers: g.size === 'workers' ? size : null,
        students: g.size === 'students' ? size : null,
        rooms: g.size === 'rooms' ? size : null,
        dailyVisitors: g.size === 'dailyVisitors' ? size : null,
        checklistKey: null,
        token: newToken(),
      })
      facilities++
      // One facility in eight has not assessed itself yet.
      if (rng.chance(0.125)) continue
      const checklist = (await repo.checklistFor(ctx.db, unit.path, null, g.kind))!
      const care = rng.pick([0.02, 0.15, 0.3, 0.5, 0.7, 0.85, 0.95, 1])
      // Most results are recent; some are past their validity (a month and more ago).
      const daysAgo = rng.chance(0.15) ? rng.int(35, 60) : rng.int(0, 25)
      const at = addDays(today, -daysAgo)
      const facility = { id, unitPath: unit.path }
      const on = { ...ctx, now: () => at }
      await recordAssessment(on, facility, checklist, answersFor(checklist.definition, care, rng), {
        source: rng.chance(0.8) ? 'self' : 'officer',
        contact: null,
        contactName: rng.chance(0.5) ? 'Quản lý cơ sở' : null,
        note: null,
      })
      // Now and then an inspection found worse than the facility said: it is what the map shows.
      if (care >= 0.85 && rng.chance(0.08)) {
        const later = { ...ctx, now: () => addDays(at, 1) }
        await recordAssessment(later, facility, checklist, answersFor(checklist.definition, 0.2, rng), { source: 'inspection', contact: null, contactName: 'Đoàn kiểm tra liên ngành', note: 'Kiểm tra đột xuất' })
      }
    }
  }
  return facilities
}
