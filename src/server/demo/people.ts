import { centurySexDigit } from '../../domain/people/cccd.ts'
import { personName, type Random } from '../../domain/demo/random.ts'
import type { Ctx } from '../platform/context.ts'
import { createPerson, type PersonInput } from '../contexts/people/service.ts'
import { listChildren } from '../contexts/units/service.ts'

// Residents of the demo province: realistic and the same on every machine. CCCD numbers agree with
// year of birth and sex, with the province of birth registration mostly Kiên Giang (091) or An
// Giang (089), sometimes a neighbour; children under 14 have none yet and a few elderly people
// still carry the 9-digit CMND.

const BIRTH_PROVINCES = ['091', '091', '091', '091', '091', '091', '089', '089', '089', '092', '094', '087', '096', '079', '093', '084']
const STREETS = ['Nguyễn Trung Trực', 'Trần Phú', 'Lê Lợi', 'Hùng Vương', 'Mạc Cửu', 'Lạc Hồng', '30 Tháng 4', 'Tôn Đức Thắng', 'Ngô Quyền', 'Lâm Quang Ky']
const WORKPLACES = [
  'Cảng cá Tắc Cậu',
  'Chợ Rạch Giá',
  'Bệnh viện Đa khoa tỉnh',
  'Trường THCS Vĩnh Thanh',
  'Công ty TNHH Chế biến thủy sản Biển Tây',
  'Nhà máy xi măng Kiên Lương',
  'Ủy ban nhân dân phường',
  'Khu nghỉ dưỡng Bãi Dài',
  'Hợp tác xã nông nghiệp Tân Hiệp',
  'Cửa hàng tạp hóa gia đình',
  'Bến tàu khách Rạch Giá – Phú Quốc',
]
/** Khmer, Chinese-Vietnamese and Cham names as they are written on identity cards. */
const ETHNIC_NAMES: Record<'male' | 'female', string[]> = {
  male: ['Danh Sol', 'Thạch Sô Phên', 'Sơn Ngọc Thành', 'Danh Út', 'Kim Sa Rết', 'Lâm A Phát', 'Trần Chí Cường', 'Mohamad Sa Ly', 'Châu Sóc Khươl', 'Thạch Ra Tha'],
  female: ['Thị Sa Ry', 'Kim Thị Sà Rươne', 'Danh Thị Sà Phia', 'Thạch Thị Kim Hoa', 'Lý Mỹ Linh', 'Ha Sa Ni', 'Néang Sóc Khom', 'Sơn Thị Chanh Thu', 'Lâm Tú Anh', 'Thị Mây'],
}

function phone(rng: Random): string {
  return `${rng.pick(['09', '03', '07', '08'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`
}

function date(rng: Random, year: number): string {
  return `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
}

/** A CCCD number for a person born in `year` of `sex`, never one handed out before. */
export function cccd(rng: Random, year: number, sex: 'male' | 'female', used: Set<string>): string {
  for (;;) {
    const n = `${rng.pick(BIRTH_PROVINCES)}${centurySexDigit(year, sex)}${String(year % 100).padStart(2, '0')}${String(rng.int(0, 999_999)).padStart(6, '0')}`
    if (!used.has(n)) {
      used.add(n)
      return n
    }
  }
}

async function create(ctx: Ctx, input: PersonInput): Promise<number> {
  return (await createPerson(ctx, { ...input, confirmedNew: true })).id
}

export async function seedResidents(ctx: Ctx, rng: Random): Promise<number> {
  const count = await ctx.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  if (Number(count.n) > 0) return 0
  const communes = await listChildren(ctx, '91')
  const weighted = communes.filter((c) => c.population)
  const total = weighted.reduce((s, c) => s + (c.population ?? 0), 0)
  const hamlets = new Map<string, string[]>()
  const used = new Set<string>()
  const n = 600
  for (let i = 0; i < n; i++) {
    // Residents spread in proportion to commune population, in one of its hamlets where it has some.
    const target = rng.next() * total
    let acc = 0
    const c =
      weighted.find((w) => {
        acc += w.population ?? 0
        return acc > target
      }) ?? weighted[0]!
    if (!hamlets.has(c.code)) hamlets.set(c.code, (await listChildren(ctx, c.code)).map((h) => h.code))
    const local = hamlets.get(c.code)!
    const unitCode = local.length > 0 && rng.chance(0.7) ? rng.pick(local) : c.code
    const sex = rng.chance(0.5) ? 'male' : 'female'
    const year = rng.int(1940, 2020)
    const ethnic = rng.chance(0.1)
    const adult = year <= 2008
    const withDate = rng.chance(0.9)
    const nationalId = year > 2012 ? null : year < 1960 && rng.chance(0.15) ? String(rng.int(370_000_000, 389_999_999)) : cccd(rng, year, sex, used)
    const stayingElsewhere = adult && rng.chance(0.08) ? rng.pick(weighted) : null
    await create(ctx, {
      fullName: ethnic ? rng.pick(ETHNIC_NAMES[sex]) : personName(rng, sex),
      sex,
      birthYear: year,
      birthDate: withDate ? date(rng, year) : null,
      nationalId,
      phone: adult && rng.chance(0.85) ? phone(rng) : null,
      unitCode,
      address: `${rng.int(1, 300)} đường ${rng.pick(STREETS)}`,
      tempUnitCode: stayingElsewhere?.code ?? null,
      tempAddress: stayingElsewhere ? `Nhà trọ số ${rng.int(1, 40)}, đường ${rng.pick(STREETS)}` : null,
      workplace: adult && year >= 1966 && rng.chance(0.6) ? rng.pick(WORKPLACES) : null,
    })
  }
  return n
}

const VISITORS: { nationality: string; passport: (rng: Random) => string; names: [string, 'male' | 'female'][]; phonePrefix: string }[] = [
  { nationality: 'KR', passport: (r) => `M${r.int(10_000_000, 99_999_999)}`, names: [['Kim Min-jun', 'male'], ['Lee Seo-yeon', 'female'], ['Park Ji-hoon', 'male']], phonePrefix: '+8210' },
  { nationality: 'CN', passport: (r) => `E${r.int(10_000_000, 99_999_999)}`, names: [['Wang Xiaoming', 'male'], ['李娜', 'female']], phonePrefix: '+86139' },
  { nationality: 'RU', passport: (r) => `75${r.int(1_000_000, 9_999_999)}`, names: [['Ivan Petrov', 'male'], ['Анна Смирнова', 'female']], phonePrefix: '+7916' },
  { nationality: 'FR', passport: (r) => `${r.int(10, 99)}FV${r.int(10_000, 99_999)}`, names: [['Élodie Durand', 'female']], phonePrefix: '+336' },
  { nationality: 'DE', passport: (r) => `C${r.int(10_000_000, 99_999_999)}`, names: [['Jürgen Weiß', 'male']], phonePrefix: '+49151' },
  { nationality: 'US', passport: (r) => String(r.int(500_000_000, 599_999_999)), names: [['Michael O’Brien', 'male']], phonePrefix: '+1206' },
  { nationality: 'KH', passport: (r) => `N${r.int(1_000_000, 9_999_999)}`, names: [['Sok Dara', 'male'], ['Chan Sophea', 'female']], phonePrefix: '+85512' },
  { nationality: 'TH', passport: (r) => `AA${r.int(1_000_000, 9_999_999)}`, names: [['Somchai Srisuk', 'male']], phonePrefix: '+6681' },
]
const RESORTS = ['Khu nghỉ dưỡng Bãi Trường', 'Khách sạn Dương Đông', 'Khu nghỉ dưỡng Bãi Khem', 'Nhà nghỉ Cửa Lấp', 'Căn hộ Bãi Sao']

/** Foreigners staying on Phú Quốc, with passports; and a few records likely kept twice. */
export async function seedVisitorsAndDuplicates(ctx: Ctx, rng: Random): Promise<number> {
  const marker = await ctx.db.selectFrom('people').select('id').where('passportNo', 'is not', null).executeTakeFirst()
  if (marker) return 0
  let n = 0
  const phuQuoc = '31078'
  const hamlets = (await listChildren(ctx, phuQuoc)).map((h) => h.code)
  for (const v of VISITORS) {
    for (const [fullName, sex] of v.names) {
      const year = rng.int(1955, 2005)
      await create(ctx, {
        fullName,
        sex,
        birthYear: year,
        birthDate: date(rng, year),
        passportNo: v.passport(rng),
        nationality: v.nationality,
        phone: `${v.phonePrefix}${rng.int(1_000_000, 9_999_999)}`,
        unitCode: hamlets.length > 0 ? rng.pick(hamlets) : phuQuoc,
        address: `${rng.pick(RESORTS)}, phòng ${rng.int(101, 450)}`,
        workplace: rng.chance(0.3) ? 'Trường Quốc tế Phú Quốc' : null,
      })
      n++
    }
  }
  // Likely duplicates: the same person entered twice, by another hand, without the CCCD.
  const twins: [PersonInput, PersonInput][] = [
    [
      { fullName: 'Nguyễn Thị Thu Hà', sex: 'female', birthYear: 1988, birthDate: '1988-03-14', nationalId: '091188004521', phone: '0913555201', unitCode: '30742', address: '45 đường Trần Phú' },
      { fullName: 'Nguyen Thi Thu Ha', sex: 'female', birthYear: 1988, phone: '0913555201', unitCode: '30742', address: '45 Trần Phú' },
    ],
    [
      { fullName: 'Trần Văn Phước', sex: 'male', birthYear: 1971, nationalId: '091071003318', phone: '0939100771', unitCode: phuQuoc, workplace: 'Cảng cá An Thới' },
      { fullName: 'Trần Phước', sex: 'male', birthYear: 1971, phone: '0939100771', unitCode: phuQuoc },
    ],
    [
      { fullName: 'Thạch Thị Sa Pha', sex: 'female', birthYear: 1995, nationalId: '094195007702', unitCode: '30769', address: 'Khu phố Bình San' },
      { fullName: 'THẠCH THỊ SA PHA', sex: 'female', birthYear: 1995, phone: '0978220145', unitCode: '30769' },
    ],
  ]
  for (const [a, b] of twins) {
    await create(ctx, a)
    await create(ctx, b)
    n += 2
  }
  return n
}
