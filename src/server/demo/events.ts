import { vnDate } from '../../domain/text/dates.ts'
import { shiftDay } from '../../domain/surveillance/followup.ts'
import { NATIONAL_EVENT_RULES } from '../../domain/events/rules.ts'
import { advise, decide, NATIONAL_FROM, register, requestAdvice, seedProvinceRuleSet } from '../contexts/events/service.ts'
import { getUnit } from '../contexts/units/service.ts'
import type { Ctx } from '../platform/context.ts'

/**
 * Gatherings of the demo province in the weeks ahead: an international tourism fair and a marathon
 * with guests from abroad in Phú Quốc, a traditional festival, an investment conference with Korean
 * firms and a wedding in Rạch Giá, a trade fair in Long Xuyên and the Nghinh Ông festival in Hà
 * Tiên — at each step (registered, advice asked, advised, decided). Dates count from the demo's
 * day; everything else is fixed. Each event goes through the events service, so what applies is
 * the rule of its commune's level in force on its first day: an event the rules do not allow is
 * refused with the rule's reason.
 */

const RG = '30742' // phường Rạch Giá
const PQ = '31078' // đặc khu Phú Quốc
const LX = '30307' // phường Long Xuyên
const HT = '30769' // phường Hà Tiên

interface DemoEvent {
  title: string
  organiser: string
  contactName: string
  contactPhone: string
  place: string
  unit: string
  setting: 'indoor' | 'outdoor'
  inDays: number
  days: number
  startTime: string
  attendance: number
  foreign: [number, string[]] | null
  upTo: 'submitted' | 'requested' | 'advised' | 'decided'
  refuse?: string
  conditions?: string[]
}

const ADVICE = 'Khách từ nước ngoài xuất trình kết quả xét nghiệm âm tính trong vòng 72 giờ trước khi tham dự; bố trí khu vực cách ly tạm thời và cán bộ y tế trực tại sự kiện.'

const EVENTS: DemoEvent[] = [
  {
    title: 'Hội chợ Du lịch quốc tế Phú Quốc',
    organiser: 'Sở Văn hóa, Thể thao và Du lịch tỉnh An Giang',
    contactName: 'Lê Hoàng Nam',
    contactPhone: '0297384612',
    place: 'Trung tâm Hội nghị quốc tế, Bãi Trường',
    unit: PQ,
    setting: 'indoor',
    inDays: 10,
    days: 3,
    startTime: '08:00',
    attendance: 90,
    foreign: [25, ['KR', 'JP', 'US']],
    upTo: 'decided',
    conditions: ['Khách nước ngoài có kết quả xét nghiệm âm tính trong 72 giờ.', 'Bố trí khu vực cách ly tạm thời tại hội trường.'],
  },
  {
    title: 'Giải chạy Marathon quốc tế Phú Quốc',
    organiser: 'Công ty Cổ phần Thể thao Đảo Ngọc',
    contactName: 'Trần Minh Khôi',
    contactPhone: '0913552408',
    place: 'Đường Trần Hưng Đạo, Dương Đông',
    unit: PQ,
    setting: 'outdoor',
    inDays: 24,
    days: 1,
    startTime: '05:00',
    attendance: 180,
    foreign: [40, ['RU', 'KR', 'AU']],
    upTo: 'requested',
  },
  {
    title: 'Lễ hội truyền thống Anh hùng dân tộc Nguyễn Trung Trực',
    organiser: 'Ban Quản lý Đền thờ Nguyễn Trung Trực',
    contactName: 'Nguyễn Văn Thạnh',
    contactPhone: '0918264001',
    place: 'Đền thờ Nguyễn Trung Trực, đường Nguyễn Công Trứ',
    unit: RG,
    setting: 'outdoor',
    inDays: 5,
    days: 3,
    startTime: '07:00',
    attendance: 150,
    foreign: null,
    upTo: 'decided',
    conditions: ['Phân luồng người vào đền, giữ khoảng cách.', 'Không tổ chức ăn uống tập trung.'],
  },
  {
    title: 'Hội nghị xúc tiến đầu tư với doanh nghiệp Hàn Quốc',
    organiser: 'Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh',
    contactName: 'Phạm Thị Thu Trang',
    contactPhone: '0296385120',
    place: 'Khách sạn Rạch Giá, khu lấn biển',
    unit: RG,
    setting: 'indoor',
    inDays: 12,
    days: 1,
    startTime: '08:30',
    attendance: 60,
    foreign: [8, ['KR']],
    upTo: 'submitted',
  },
  {
    title: 'Tiệc cưới tại Nhà hàng Hoa Biển',
    organiser: 'Gia đình ông Huỳnh Văn Lợi',
    contactName: 'Huỳnh Văn Lợi',
    contactPhone: '0939117520',
    place: 'Nhà hàng Hoa Biển, đường Tôn Đức Thắng',
    unit: RG,
    setting: 'indoor',
    inDays: 3,
    days: 1,
    startTime: '17:00',
    attendance: 120,
    foreign: null,
    upTo: 'decided',
    conditions: ['Không quá 50% sức chứa của nhà hàng.'],
  },
  {
    title: 'Hội chợ Thương mại – Nông sản An Giang',
    organiser: 'Sở Công Thương tỉnh An Giang',
    contactName: 'Võ Thị Ngọc Hà',
    contactPhone: '0296384599',
    place: 'Quảng trường Tôn Đức Thắng',
    unit: LX,
    setting: 'outdoor',
    inDays: 15,
    days: 5,
    startTime: '08:00',
    attendance: 160,
    foreign: null,
    upTo: 'decided',
    refuse: 'Chưa có phương án phòng, chống dịch cho khu gian hàng và phân luồng khách; đề nghị bổ sung và đăng ký lại.',
  },
  {
    title: 'Lễ hội Nghinh Ông Hà Tiên',
    organiser: 'Ban Quản lý Lăng Ông Nam Hải Hà Tiên',
    contactName: 'Thạch Văn Sơn',
    contactPhone: '0977310284',
    place: 'Lăng Ông Nam Hải, khu phố 3',
    unit: HT,
    setting: 'outdoor',
    inDays: 30,
    days: 2,
    startTime: '06:00',
    attendance: 140,
    foreign: [12, ['KH']],
    upTo: 'advised',
  },
]

/**
 * The demo province's own event rules: the national set with the province's own list of countries
 * from which guests need the health authority's particular attention. No national list of
 * high-risk countries could be verified, so the list is the province's entry (editable on the
 * event rules screen), marked unverified: the province's cases had mostly come in from Cambodia
 * across its land border (Công văn 154-CV/TU of the Kiên Giang Party committee, 26/05/2021).
 */
export const DEMO_PROVINCE_RULES = {
  ...NATIONAL_EVENT_RULES,
  name: 'Quy định tổ chức sự kiện của tỉnh An Giang (theo Nghị quyết 128/NQ-CP)',
  highRiskCountries: {
    codes: ['KH'],
    source: 'Danh sách riêng của tỉnh (dữ liệu mẫu, Sở Y tế cập nhật): ca mắc của tỉnh chủ yếu nhập cảnh từ Campuchia (Công văn 154-CV/TU ngày 26/5/2021 của Tỉnh ủy Kiên Giang)',
    confidence: 'unverified' as const,
  },
}

export async function seedEvents(ctx: Ctx): Promise<number> {
  const province = await getUnit(ctx, '91')
  await seedProvinceRuleSet(ctx, '91', NATIONAL_FROM, DEMO_PROVINCE_RULES, 'Danh sách nước có nguy cơ cao của tỉnh (dữ liệu mẫu, tỉnh tự điều chỉnh)')
  const existing = await ctx.db.selectFrom('events').select('id').where('unitPath', 'like', `${province.path}%`).limit(1).executeTakeFirst()
  if (existing) return 0
  const today = vnDate(ctx.now())
  let n = 0
  for (const e of EVENTS) {
    const startsOn = shiftDay(today, e.inDays)
    const created = await register(ctx, {
      title: e.title,
      organiser: e.organiser,
      contactName: e.contactName,
      contactPhone: e.contactPhone,
      place: e.place,
      unitCode: e.unit,
      setting: e.setting,
      startsOn,
      startTime: e.startTime,
      endsOn: shiftDay(startsOn, e.days - 1),
      expectedAttendance: e.attendance,
      foreignGuests: e.foreign?.[0] ?? 0,
      countries: e.foreign?.[1] ?? [],
    })
    n++
    const a = created.assessment
    if (e.upTo === 'submitted') continue
    if (a.adviceRequired) {
      await requestAdvice(ctx, created.id, { to: 'Trung tâm Kiểm soát bệnh tật tỉnh An Giang' })
      if (e.upTo === 'requested') continue
      await advise(ctx, created.id, { text: ADVICE })
    }
    if (e.upTo !== 'decided') continue
    if (e.refuse || a.verdict === 'forbidden') {
      await decide(ctx, created.id, { decision: 'refused', reason: e.refuse ?? a.reasons[0] ?? 'Không phù hợp với cấp độ dịch đang áp dụng.' })
    } else if (a.verdict === 'allowed') {
      await decide(ctx, created.id, { decision: 'approved' })
    } else {
      await decide(ctx, created.id, { decision: 'approved_with_conditions', conditions: [...a.conditions, ...(e.conditions ?? [])] })
    }
  }
  return n
}
