import { centurySexDigit } from '../people/cccd.ts'
import { personName, Random } from '../demo/random.ts'
import { clusterStateOn } from './clusters.ts'
import type { CaseClassification, ExposureSetting, F1Criterion, FoundBy, Outcome, Severity, SourceKind, Symptom, TestMethod } from './codes.ts'
import { FOLLOWUP_TEST_SCHEDULE, shiftDay } from './followup.ts'

/*
 * A demo outbreak in the demo province, generated deterministically: the same seed, scale, day and
 * communes give the same records, row for row.
 *
 * The model is a branching process on a planned epidemic curve. Each day brings a planned number of
 * infections (a small first wave seeded from Cambodia across the south-western border, then a
 * community wave still under way "today"): some imported (border gates of An Giang and the former
 * Kiên Giang, international flights into Phú Quốc), some of unknown source, the rest passed on by a
 * case infectious that day (from two days before onset, or before the first positive sample when
 * asymptomatic, to isolation), chosen with an overdispersed infectiousness so that a few spread to
 * many (markets, factories, weddings). Infection follows the infector's household, workplace,
 * market or a gathering, mostly in its own commune. A case's dates follow from how it was found: a
 * contact traced and quarantined tests positive in quarantine, others are found by symptoms, at a
 * health facility or by screening, travellers at entry. Only what the system would know by "today"
 * is written: cases confirmed by then (a sample still pending makes a suspected case or a positive
 * test awaiting its case), the contacts of known cases traced from their confirmation, their
 * contacts (F2) from theirs, follow-ups and tests on the follow-up schedule (pooled samples, mass
 * testing around large clusters), clusters of five or more cases at one place.
 *
 * Scale 1 is the default demo (about 4,000 cases, 12,000 exposures and 40,000 tests); the counts
 * grow in proportion, so scale 250 gives about 1 million cases, 3 million exposures and 10 million
 * test results. Records are numbered from 0 in each list (people, cases, tests…); the writer turns
 * the numbers into database ids. Nothing is kept per test: tests are produced person by person when
 * asked for, so memory stays proportional to people and cases.
 */

/** Cases per unit of scale; scale 250 reaches a million. */
export const CASES_PER_SCALE = 4000
/** The scale that reaches 1,000,000 cases, 3,000,000 exposures and 10,000,000 tests. */
export const MILLION_CASES_SCALE = 250
/** Days from the first infection to today. */
export const OUTBREAK_DAYS = 150

export interface OutbreakCommune {
  /** The unit's key (the writer's: a unit id); hamlets likewise. */
  key: string
  code: string
  /** The name with its type as written in addresses ("phường Rạch Giá"). */
  title: string
  name: string
  population: number
  hamlets: readonly { key: string; name: string }[]
}

export interface OutbreakOptions {
  seed: number
  scale: number
  /** The last day of the timeline (yyyy-mm-dd): the server's today. */
  today: string
  communes: readonly OutbreakCommune[]
}

// ---------------------------------------------------------------------------------------------
// Places and facts of the province (names as written; flight numbers are illustrative).

/** Border gates with Cambodia and the commune they lie in. */
const BORDER_GATES: readonly { commune: string; gate: string }[] = [
  { commune: '30520', gate: 'Cửa khẩu quốc tế Tịnh Biên' },
  { commune: '30385', gate: 'Cửa khẩu quốc tế Vĩnh Xương' },
  { commune: '30341', gate: 'Cửa khẩu quốc gia Khánh Bình' },
  { commune: '30769', gate: 'Cửa khẩu quốc tế Hà Tiên (Xà Xía)' },
  { commune: '30796', gate: 'Cửa khẩu quốc gia Giang Thành' },
]
/** Communes along the border where people cross by trails and openings. */
const BORDER_COMMUNES = ['30337', '30341', '30346', '30352', '30376', '30385', '30325', '30316', '30520', '30547', '30769', '30766', '30796', '30793']
const PHU_QUOC = '31078'
/** International flights into Phú Quốc: number, from where, the country travellers come from. */
const FLIGHTS = (
  [
    ['VJ975', 'Incheon', 'KR'],
    ['VN429', 'Incheon', 'KR'],
    ['VJ3866', 'Thượng Hải', 'CN'],
    ['VJ814', 'Bangkok', 'TH'],
    ['VN1829', 'Singapore', 'SG'],
    ['VJ826', 'Kuala Lumpur', 'MY'],
    ['VN5823', 'Moskva', 'RU'],
  ] as const
).map(([no, from, country]) => ({ travel: `Chuyến bay ${no} ${from} – Phú Quốc`, country }))
const TRAVELLERS: Readonly<Record<string, { passport: (n: number) => string; male: readonly string[]; female: readonly string[]; family?: readonly string[] }>> = {
  KR: { passport: (n) => `M${70_000_000 + n}`, male: ['Kim Min-jun', 'Lee Ji-ho', 'Park Seo-jun', 'Choi Hyun-woo', 'Jung Do-yoon'], female: ['Kim Seo-yeon', 'Lee Ji-woo', 'Park Ha-eun', 'Choi Soo-ah', 'Han Ye-jin'] },
  CN: { passport: (n) => `E${70_000_000 + n}`, male: ['Wang Wei', 'Li Qiang', 'Zhang Lei', 'Liu Yang', 'Chen Jie'], female: ['Wang Fang', 'Li Na', 'Zhang Min', 'Liu Ying', 'Chen Jing'] },
  TH: { passport: (n) => `AB${5_000_000 + n}`, male: ['Somchai Srisuk', 'Anan Chaiyaporn', 'Kittisak Boonmee'], female: ['Siriporn Kaewmanee', 'Napat Wongsa', 'Pimchanok Suksan'] },
  SG: { passport: (n) => `K${5_000_000 + n}P`, male: ['Tan Wei Ming', 'Lim Jun Jie', 'Muhammad Hafiz'], female: ['Tan Hui Min', 'Nur Aisyah', 'Priya Raman'] },
  MY: { passport: (n) => `A${50_000_000 + n}`, male: ['Ahmad Faizal', 'Lee Chong Wei', 'Raj Kumar'], female: ['Siti Nurhaliza', 'Tan Mei Ling', 'Nurul Izzah'] },
  RU: { passport: (n) => `76${5_000_000 + n}`, male: ['Ivan Petrov', 'Dmitry Sokolov', 'Sergey Ivanov', 'Alexey Smirnov'], female: ['Anna Smirnova', 'Elena Kuznetsova', 'Olga Popova', 'Natalia Volkova'] },
}
const TRAVELLER_COUNTRIES = Object.keys(TRAVELLERS)
/** Communes with a large Khmer population (names as the Khmer write them on identity cards). */
const KHMER_COMMUNES = new Set(['30544', '30547', '30568', '30577', '30580', '30589', '30595', '30538', '30526', '30520', '30796', '30817', '30826', '30904', '30952'])
const KHMER_MALE = ['Chau Sóc', 'Chau Sa Rinh', 'Chau Phol', 'Chau Kha', 'Chau Ty', 'Danh Sơn', 'Danh Út', 'Thạch Sa Rương', 'Sơn Ngọc Thành', 'Kim Sa Rết', 'Thạch Ra Tha', 'Danh Hùng']
const KHMER_FEMALE = ['Neang Sa Ly', 'Neang Sóc Khom', 'Neang Chanh Thi', 'Neang Sa Phi', 'Thị Sa Ry', 'Danh Thị Sà Phia', 'Thạch Thị Kim Hoa', 'Sơn Thị Chanh Thu', 'Kim Thị Sà Rươne', 'Thị Mây']
/** Cham villages of An Phú and Châu Phong. */
const CHAM_COMMUNES = new Set(['30337', '30346', '30403'])
const CHAM_MALE = ['Mohamad Sa Ly', 'Ysa Sa Lim', 'Ma Ry Sét', 'Ka Sim', 'Abdul Ha Lim']
const CHAM_FEMALE = ['Sa Ri Da', 'Ha Sa Ni', 'Mariam', 'Fa Ti Mah', 'Sa Phi Dah']
const STREETS = ['Nguyễn Trung Trực', 'Trần Phú', 'Lê Lợi', 'Hùng Vương', 'Mạc Cửu', 'Lạc Hồng', '30 Tháng 4', 'Tôn Đức Thắng', 'Ngô Quyền', 'Lâm Quang Ky', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Lý Thường Kiệt', 'Phan Đình Phùng', 'Hai Bà Trưng']
const BIRTH_PROVINCES_OTHER = ['092', '094', '087', '096', '079', '093', '084', '086']
const FIRM_WORDS = ['Biển Tây', 'Hải Thành', 'Tây Nam', 'Phú Cường', 'Minh Phát', 'Hòa Bình', 'Thành Công', 'Kim Ngân', 'Trung Sơn', 'Vĩnh Phát', 'An Khang', 'Tân Tiến', 'Hưng Thịnh', 'Đại Dương', 'Sao Mai']
const PAGODAS = ['Chùa Phước Điền', 'Chùa Xà Tón', 'Chùa Tam Bảo', 'Chùa Phật Lớn', 'Chùa Láng Cát', 'Chùa Kim Sơn', 'Thánh đường Hồi giáo Mubarak']
const VEHICLES = ['Xe khách tuyến Rạch Giá – TP. Hồ Chí Minh', 'Tàu cao tốc Rạch Giá – Phú Quốc', 'Phà Hà Tiên – Phú Quốc', 'Xe khách tuyến Châu Đốc – Long Xuyên', 'Đò ngang qua sông Hậu']
const TRANSFER_TO = ['Bệnh viện Chợ Rẫy, TP. Hồ Chí Minh', 'Bệnh viện Đa khoa Trung ương Cần Thơ', 'Bệnh viện Bệnh Nhiệt đới TP. Hồ Chí Minh']

type PlaceKind = 'market' | 'factory' | 'office' | 'school' | 'hospital' | 'resort' | 'event' | 'venue' | 'pagoda' | 'vehicle'
const PLACE_SETTING: Record<PlaceKind, ExposureSetting> = {
  market: 'market',
  factory: 'workplace',
  office: 'workplace',
  school: 'school',
  hospital: 'health_facility',
  resort: 'workplace',
  event: 'gathering',
  venue: 'entertainment',
  pagoda: 'religious',
  vehicle: 'vehicle',
}

/** Setting codes by number (kept in typed arrays). */
const SETTINGS: readonly ExposureSetting[] = ['household', 'workplace', 'school', 'market', 'vehicle', 'health_facility', 'gathering', 'entertainment', 'religious', 'other']
const S = Object.fromEntries(SETTINGS.map((s, i) => [s, i])) as Record<ExposureSetting, number>
const CRITERIA: readonly F1Criterion[] = ['physical_contact', 'near_with_mask_15min', 'near_without_mask', 'care_without_ppe']
const SYMPTOM_WEIGHTS: readonly [Symptom, number][] = [
  ['fever', 0.7],
  ['cough', 0.6],
  ['sore_throat', 0.4],
  ['fatigue', 0.35],
  ['muscle_pain', 0.25],
  ['headache', 0.25],
  ['loss_of_taste_smell', 0.2],
  ['runny_nose', 0.2],
  ['shortness_of_breath', 0.1],
  ['chills', 0.1],
  ['diarrhoea', 0.05],
  ['nausea', 0.04],
  ['chest_pain', 0.04],
]
const SEVERITIES: readonly Severity[] = ['asymptomatic', 'mild', 'moderate', 'severe', 'critical']
const FOUND: readonly FoundBy[] = ['quarantine', 'community', 'hospital', 'entry', 'tracing', 'other']
const F = Object.fromEntries(FOUND.map((s, i) => [s, i])) as Record<FoundBy, number>
const OUTCOMES: readonly (Outcome | null)[] = [null, 'recovered', 'died', 'transferred']
const CLASSES: readonly CaseClassification[] = ['confirmed', 'probable', 'suspected', 'discarded']

const NONE = -1_000_000
/** A person's columns before anything happens to them. */
const NEW_PERSON = { next: -1, workplace: -1, case: -1, used: 0, contactIdent: NONE, lastExposure: NONE, poolDay: NONE, pool: -1, campaign: -1, familyTraced: 0 }
/** An infection's columns before its dates are worked out. */
const NEW_CASE = {
  onset: NONE,
  sample: NONE,
  confirmed: NONE,
  isolated: NONE,
  windowFrom: NONE,
  outcomeDay: NONE,
  ident: NONE,
  foundBy: F.community,
  imported: -1,
  infector: -1,
  traced: 0,
  setting: -1,
  place: -1,
  event: -1,
  severity: 0,
  symptoms: 0,
  class: 0,
  outcome: 0,
  pooledDetection: 0,
}
/** Cases infected at one place that make a cluster. */
const CLUSTER_MIN = 5
/** Clusters this large get a mass-testing campaign in their commune. */
const CAMPAIGN_MIN = 20
const CLUSTER_CLOSE_DAYS = 28
const FOLLOW_DAYS = 14

// ---------------------------------------------------------------------------------------------
// Compact columns: typed arrays that grow.

class Col {
  data: Int32Array
  length = 0
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity)
  }
  push(v: number): number {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length] = v
    return this.length++
  }
  get(i: number): number {
    return this.data[i]!
  }
  set(i: number, v: number): void {
    this.data[i] = v
  }
}

/** One growing column per name. */
function columns<K extends string>(...names: K[]): Record<K, Col> {
  return Object.fromEntries(names.map((n) => [n, new Col()])) as Record<K, Col>
}

/** Appends one row to a set of columns; answers its number. */
function addRow<K extends string>(cols: Record<K, Col>, values: Record<K, number>): number {
  let row = 0
  for (const k of Object.keys(cols) as K[]) row = cols[k].push(values[k])
  return row
}

/** A well-mixed 32-bit hash of two numbers (per-record generators). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35)
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d)
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39)
  return (h ^ (h >>> 15)) >>> 0
}

function gauss(x: number, mean: number, sd: number): number {
  const z = (x - mean) / sd
  return Math.exp(-0.5 * z * z)
}

/** A whole number with `x` as its expectation. */
function roundRandom(rng: Random, x: number): number {
  const f = Math.floor(x)
  return f + (rng.chance(x - f) ? 1 : 0)
}

// ---------------------------------------------------------------------------------------------
// Output rows.

export interface PersonRows {
  /** Row numbers (0-based, in the people list). */
  index: number[]
  fullName: string[]
  sex: ('male' | 'female')[]
  birthYear: number[]
  birthDate: (string | null)[]
  nationalId: (string | null)[]
  passportNo: (string | null)[]
  nationality: string[]
  phone: (string | null)[]
  /** The unit of residence (a commune's or a hamlet's key). */
  unit: string[]
  address: string[]
  workplace: (string | null)[]
}

export interface CaseRows {
  index: number[]
  person: number[]
  code: string[]
  classification: CaseClassification[]
  onsetDate: (string | null)[]
  sampleDate: (string | null)[]
  confirmedDate: (string | null)[]
  isolatedOn: (string | null)[]
  foundBy: FoundBy[]
  sourceKind: SourceKind[]
  sourceCountry: (string | null)[]
  sourceTravel: (string | null)[]
  /** The source case's row number, or -1. */
  sourceCase: number[]
  /** The cluster's row number, or -1. */
  cluster: number[]
  infectionPlace: (string | null)[]
  symptoms: Symptom[][]
  severity: (Severity | null)[]
  outcome: (Outcome | null)[]
  outcomeDate: (string | null)[]
  transferredTo: (string | null)[]
  isolationPlace: (string | null)[]
  /** The confirming test's row number, or -1. */
  confirmingTest: number[]
}

export interface ExposureRows {
  person: number[]
  sourcePerson: number[]
  exposedOn: string[]
  place: (string | null)[]
  setting: ExposureSetting[]
  f1Criteria: F1Criterion[][]
}

export interface TestRows {
  /** Row numbers (0-based, in the tests list). */
  index: number[]
  person: number[]
  method: TestMethod[]
  status: ('planned' | 'sampled' | 'resulted')[]
  plannedOn: (string | null)[]
  sampleDate: (string | null)[]
  resultDate: (string | null)[]
  result: ('positive' | 'negative' | null)[]
  ct: (number | null)[]
  lab: string[]
  /** Pool row number or -1; likewise the pool a retest follows and the campaign. */
  pool: number[]
  retestOfPool: number[]
  campaign: number[]
}

export interface FollowupRows {
  person: number[]
  startedOn: string[]
  until: string[]
  status: ('active' | 'completed' | 'became_case' | 'lost')[]
}

export interface ClusterRow {
  code: string
  name: string
  /** The commune's key. */
  unit: string
  place: string
  status: 'active' | 'closed'
  openedOn: string
  closedOn: string | null
  cases: number
}

export interface PoolRow {
  code: string
  lab: string
  sampleDate: string
  resultDate: string | null
  result: 'pending' | 'positive' | 'negative'
  ct: number | null
  unit: string
  campaign: number
}

export interface CampaignRow {
  name: string
  unit: string
  startsOn: string
  endsOn: string
  method: TestMethod
  targetPeople: number
  note: string
}

export interface OutbreakCounts {
  people: number
  cases: number
  exposures: number
  /** Known once the tests have been counted (countTests). */
  clusters: number
  pools: number
  campaigns: number
  followups: number
}

// ---------------------------------------------------------------------------------------------

interface Place {
  commune: number
  kind: PlaceKind
  name: string
  staff: number[]
}

interface Pool {
  commune: number
  day: number
  size: number
  positive: boolean
  campaign: number
  lab: string
}

/**
 * Generates the outbreak. Cheap to keep: typed columns for people, cases and exposures; tests,
 * follow-ups and the rows themselves are produced when read.
 */
export function generateOutbreak(opts: OutbreakOptions): Outbreak {
  return new Outbreak(opts)
}

export class Outbreak {
  readonly today: string
  readonly scale: number
  readonly seed: number
  private readonly communes: readonly OutbreakCommune[]
  private readonly last: number // today's day number
  private readonly year: number
  private readonly dayIso = new Map<number, string>()
  private readonly rng: Random

  // Communes
  private readonly communeWeights: Float64Array
  private readonly regionOf: Uint8Array // 0: former An Giang, 1: former Kiên Giang
  private readonly communeByCode = new Map<string, number>()
  private readonly placesOf: number[][] // commune → its standing places
  private readonly marketOf: number[]

  // People: where they live, who they are, what happened to them (one column each).
  private readonly p = columns(
    'commune',
    'hamlet',
    'household',
    'next', // the next member of the household
    'sex', // 0 male, 1 female
    'birthYear',
    'role', // 0 head, 1 spouse, 2 child, 3 elder, 4 lodger, 5 traveller
    'nationality', // -1 Vietnamese, else index in TRAVELLER_COUNTRIES
    'workplace',
    'case',
    'used',
    'contactIdent', // the day the person became a known contact (NONE)
    'lastExposure',
    'poolDay',
    'pool',
    'campaign', // mass-testing participants: the campaign
    'familyTraced', // 1 once the person's household was traced as F2
  )
  // Households: their first and last member, hamlet and commune.
  private readonly h = columns('head', 'tail', 'hamlet', 'commune')
  private readonly familyOf: string[] = []
  // Places
  private readonly places: Place[] = []

  // Cases (every infection, known or not)
  private readonly c = columns(
    'person',
    'infected',
    'onset',
    'sample',
    'confirmed',
    'isolated',
    'windowFrom',
    'foundBy',
    'imported', // -1 no, else 0 border gate, 1 trail, 2 flight (see travelOf)
    'infector',
    'traced', // 1 when the infector's tracing found this person
    'setting',
    'place',
    'event', // the gathering this case held, if any
    'severity',
    'symptoms',
    'class',
    'outcome',
    'outcomeDay',
    'pooledDetection',
    'ident', // the day this case's contacts were identified
  )
  private readonly travelOf: (string | null)[] = []
  private readonly countryOf: (string | null)[] = []
  private readonly weightOf: number[] = []
  // Known cases, in the order written
  private readonly known: number[] = []
  private readonly caseRank: Int32Array
  private readonly clusterOf: Int32Array
  private readonly sourceKindOf: Uint8Array
  private readonly sourceCaseOf: Int32Array

  // Exposures (only those written)
  private readonly e = columns('person', 'source', 'day', 'setting', 'place', 'criteria')

  private readonly clusterRows: ClusterRow[] = []
  private readonly clusterOpened: number[] = []
  private readonly campaignRows: (CampaignRow & { commune: number; from: number; to: number })[] = []
  private readonly poolRows: Pool[] = []
  private personOrder: Int32Array = new Int32Array(0)
  private personRankOf: Int32Array = new Int32Array(0)
  private followupCount = 0
  private testCount = -1
  private readonly confirmingTest: Int32Array

  constructor(opts: OutbreakOptions) {
    if (!(opts.scale > 0)) throw new RangeError('scale must be positive')
    if (opts.communes.length === 0) throw new RangeError('no communes')
    this.today = opts.today
    this.scale = opts.scale
    this.seed = opts.seed
    this.communes = opts.communes
    this.last = OUTBREAK_DAYS - 1
    this.year = Number(opts.today.slice(0, 4))
    this.rng = new Random(mix(opts.seed, 1))
    this.communeWeights = new Float64Array(opts.communes.length)
    this.regionOf = new Uint8Array(opts.communes.length)
    let acc = 0
    opts.communes.forEach((c, i) => {
      acc += Math.max(c.population, 500)
      this.communeWeights[i] = acc
      this.regionOf[i] = Number(c.code) >= 30742 ? 1 : 0
      this.communeByCode.set(c.code, i)
    })
    this.placesOf = opts.communes.map(() => [])
    this.marketOf = opts.communes.map((c, i) => this.addStandingPlaces(c, i))

    this.simulate()
    const known = this.known
    this.caseRank = new Int32Array(this.c.person.length).fill(-1)
    known.forEach((c, i) => {
      this.caseRank[c] = i
    })
    this.clusterOf = new Int32Array(this.c.person.length).fill(-1)
    this.sourceKindOf = new Uint8Array(this.c.person.length)
    this.sourceCaseOf = new Int32Array(this.c.person.length).fill(-1)
    this.confirmingTest = new Int32Array(known.length).fill(-1)
    this.traceContacts()
    this.formClusters()
    this.assignSources()
    this.planCampaigns()
    this.markUsedAndOrder()
    this.planPools()
  }

  // -------------------------------------------------------------------------------------------
  // Days

  /** The date of day `d` (day OUTBREAK_DAYS − 1 is today). */
  private iso(d: number): string {
    let s = this.dayIso.get(d)
    if (s === undefined) {
      s = shiftDay(this.today, d - this.last)
      this.dayIso.set(d, s)
    }
    return s
  }

  // -------------------------------------------------------------------------------------------
  // Places, households, people

  private addStandingPlaces(c: OutbreakCommune, commune: number): number {
    const rng = new Random(mix(this.seed, 1000 + commune))
    const add = (kind: PlaceKind, name: string) => {
      this.places.push({ commune, kind, name, staff: [] })
      this.placesOf[commune]!.push(this.places.length - 1)
      return this.places.length - 1
    }
    const market = add('market', `Chợ ${c.name}`)
    const size = Math.max(1, Math.round((c.population / 25_000) * Math.sqrt(this.scale)))
    for (let i = 0; i < size; i++) {
      const k = rng.next()
      if (k < 0.35) add('factory', `${rng.pick(['Công ty TNHH Thủy sản', 'Công ty TNHH May mặc', 'Nhà máy xay xát lúa gạo', 'Công ty Cổ phần Chế biến thực phẩm', 'Xí nghiệp Đông lạnh'])} ${rng.pick(FIRM_WORDS)}${i > 0 ? ` ${i + 1}` : ''}`)
      else if (k < 0.5) add('school', `Trường ${rng.pick(['THCS', 'Tiểu học', 'THPT'])} ${c.name}${i > 0 ? ` ${i + 1}` : ''}`)
      else if (k < 0.62) add('office', `${rng.pick(['Ủy ban nhân dân', 'Chi nhánh Ngân hàng Nông nghiệp', 'Bưu điện', 'Điện lực'])} ${c.title}${i > 0 ? ` (điểm ${i + 1})` : ''}`)
      else if (k < 0.7) add('hospital', `${rng.pick(['Trạm Y tế', 'Phòng khám đa khoa khu vực'])} ${c.title}${i > 0 ? ` (cơ sở ${i + 1})` : ''}`)
      else if (k < 0.8 && c.code === PHU_QUOC) add('resort', `Khu nghỉ dưỡng ${rng.pick(['Bãi Trường', 'Bãi Dài', 'Bãi Khem', 'Bãi Sao', 'Dương Đông', 'Gành Dầu'])} ${i + 1}`)
      else if (k < 0.88) add('market', `Chợ ${rng.pick(['đêm', 'đầu mối', 'cá', 'nông sản'])} ${c.name}${i > 0 ? ` ${i + 1}` : ''}`)
      else add('factory', `${rng.pick(['Cảng cá', 'Bến xe', 'Kho hàng', 'Công ty vận tải'])} ${c.name}${i > 0 ? ` ${i + 1}` : ''}`)
    }
    return market
  }

  private pickCommune(rng: Random): number {
    const x = rng.next() * this.communeWeights[this.communeWeights.length - 1]!
    let lo = 0
    let hi = this.communeWeights.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.communeWeights[mid]! > x) hi = mid
      else lo = mid + 1
    }
    return lo
  }

  /** Mostly the same commune, sometimes another of the same former province, rarely anywhere. */
  private nearCommune(commune: number, rng: Random): number {
    const r = rng.next()
    if (r < 0.82) return commune
    for (let i = 0; i < 8; i++) {
      const c = this.pickCommune(rng)
      if (r > 0.96 || this.regionOf[c] === this.regionOf[commune]) return c
    }
    return commune
  }

  private newHousehold(commune: number, rng: Random): number {
    const hamlets = this.communes[commune]!.hamlets
    // Khmer and Cham names are whole; Vietnamese households share the father's family name.
    this.familyOf.push('')
    return addRow(this.h, { head: -1, tail: -1, hamlet: hamlets.length > 0 && rng.chance(0.7) ? rng.int(0, hamlets.length - 1) : -1, commune })
  }

  private addPerson(household: number, role: number, sex: number, birthYear: number, nationality = -1): number {
    const commune = this.h.commune.get(household)
    const hamlet = this.h.hamlet.get(household)
    const p = addRow(this.p, { ...NEW_PERSON, commune, hamlet, household, sex, birthYear, role, nationality })
    const tail = this.h.tail.get(household)
    if (tail < 0) this.h.head.set(household, p)
    else this.p.next.set(tail, p)
    this.h.tail.set(household, p)
    return p
  }


  /** A household with its members; answers the person the household was made for (an adult). */
  private householdWith(commune: number, rng: Random, size: number, employ: boolean): number {
    const h = this.newHousehold(commune, rng)
    const y = this.year
    const headAge = rng.int(24, 72)
    const headSex = rng.chance(0.7) ? 0 : 1
    const head = this.addPerson(h, 0, headSex, y - headAge)
    if (employ && headAge < 62 && rng.chance(0.6)) this.employ(head, commune, rng)
    if (size >= 2) {
      const spouse = this.addPerson(h, 1, 1 - headSex, y - Math.max(18, headAge + rng.int(-6, 4)))
      if (employ && rng.chance(0.45)) this.employ(spouse, commune, rng)
    }
    for (let i = 2; i < size; i++) {
      if (headAge > 45 && i === size - 1 && rng.chance(0.4)) this.addPerson(h, 3, rng.chance(0.6) ? 1 : 0, y - Math.min(95, headAge + rng.int(22, 30)))
      else {
        const child = this.addPerson(h, 2, rng.chance(0.5) ? 0 : 1, y - rng.int(0, Math.max(0, Math.min(28, headAge - 20))))
        if (employ && y - this.p.birthYear.get(child) >= 18 && rng.chance(0.5)) this.employ(child, commune, rng)
      }
    }
    return head
  }

  /** A person met outside their home (a shopper, a passenger): an adult living alone for now. */
  private lodger(commune: number, rng: Random): number {
    const h = this.newHousehold(commune, rng)
    return this.addPerson(h, 4, rng.chance(0.5) ? 0 : 1, this.year - rng.int(18, 70))
  }

  private employ(p: number, commune: number, rng: Random): void {
    const list = this.placesOf[this.nearCommune(commune, rng)]!
    const place = list[rng.int(0, list.length - 1)]!
    this.p.workplace.set(p, place)
    const staff = this.places[place]!.staff
    if (staff.length < 24) staff.push(p)
    else staff[rng.int(0, 23)] = p
  }

  private householdSize(rng: Random): number {
    const r = rng.next()
    return r < 0.12 ? 1 : r < 0.32 ? 2 : r < 0.6 ? 3 : r < 0.82 ? 4 : r < 0.94 ? 5 : 6
  }

  // -------------------------------------------------------------------------------------------
  // The branching process

  private simulate(): void {
    const rng = this.rng
    const days = OUTBREAK_DAYS
    // The planned curve: a first wave from across the border, then the community wave under way.
    const w1 = new Float64Array(days)
    const w2 = new Float64Array(days)
    let s1 = 0
    let s2 = 0
    for (let d = 0; d < days; d++) {
      w1[d] = gauss(d, 36, 10)
      w2[d] = d < 72 ? 0 : gauss(d, days - 14, 21)
      s1 += w1[d]!
      s2 += w2[d]!
    }
    const infections = CASES_PER_SCALE * this.scale * 1.07
    // Cases enter the infectious pool on their window's first day and leave after isolation.
    const entering = new Map<number, number[]>()
    let pool: number[] = []
    const enter = (c: number) => {
      const from = this.c.windowFrom.get(c)
      const to = this.c.isolated.get(c)
      if (from > to || from > this.last) return
      const list = entering.get(from)
      if (list) list.push(c)
      else entering.set(from, [c])
    }
    for (let d = 0; d < days; d++) {
      const planned = (0.13 * w1[d]!) / s1 + (0.87 * w2[d]!) / s2
      const n = roundRandom(rng, infections * planned)
      const importShare = d < 75 ? 0.42 : 0.03
      const unknownShare = d < 75 ? 0.1 : 0.08 + 0.32 * Math.exp(-(d - 75) / 12)
      let imports = roundRandom(rng, n * importShare)
      // A trickle of travellers all along, infected or not.
      imports += roundRandom(rng, 0.12 * this.scale)
      let unknown = roundRandom(rng, n * unknownShare)
      let linked = Math.max(0, n - imports - unknown)

      // The pool of day d: cases whose window covers d, weighted by their infectiousness.
      for (const c of entering.get(d) ?? []) pool.push(c)
      entering.delete(d)
      pool = pool.filter((c) => this.c.isolated.get(c) >= d)
      if (pool.length === 0) {
        unknown += linked
        linked = 0
      }
      for (let i = 0; i < imports; i++) enter(this.importedCase(d, rng))
      for (let i = 0; i < unknown; i++) enter(this.communityCase(d, rng))
      if (linked > 0) {
        const cum = new Float64Array(pool.length)
        let acc = 0
        pool.forEach((c, i) => {
          acc += this.weightOf[c]!
          cum[i] = acc
        })
        for (let i = 0; i < linked; i++) {
          const x = rng.next() * acc
          let lo = 0
          let hi = cum.length - 1
          while (lo < hi) {
            const mid = (lo + hi) >> 1
            if (cum[mid]! > x) hi = mid
            else lo = mid + 1
          }
          const c = this.linkedCase(pool[lo]!, d, rng)
          if (c >= 0) enter(c)
        }
      }
    }
  }

  /** A new infection record for person p infected on day d; dates are filled by `timeline`. */
  private newCase(p: number, d: number, rng: Random): number {
    const c = addRow(this.c, { ...NEW_CASE, person: p, infected: d })
    this.p.case.set(p, c)
    this.travelOf.push(null)
    this.countryOf.push(null)
    // Overdispersed infectiousness: most pass it to few, some to many.
    const r = rng.next()
    this.weightOf.push(r < 0.62 ? 0.35 : r < 0.92 ? 1.4 : r < 0.985 ? 4.5 : 14)
    return c
  }

  private importedCase(d: number, rng: Random): number {
    const r = rng.next()
    let p: number
    let c: number
    if (r < 0.22) {
      // A flight into Phú Quốc: a foreign visitor or a Vietnamese coming home.
      const commune = this.communeByCode.get(PHU_QUOC) ?? this.pickCommune(rng)
      const flight = rng.pick(FLIGHTS)
      if (rng.chance(0.6)) {
        const h = this.newHousehold(commune, rng)
        const nat = TRAVELLER_COUNTRIES.indexOf(flight.country)
        p = this.addPerson(h, 5, rng.chance(0.5) ? 0 : 1, this.year - rng.int(22, 68), nat)
      } else p = this.householdWith(commune, rng, this.householdSize(rng), true)
      c = this.newCase(p, d, rng)
      this.c.imported.set(c, 2)
      this.travelOf[c] = flight.travel
      this.countryOf[c] = flight.country
    } else {
      // Home from Cambodia: through a border gate (quarantined at entry) or by a trail (not).
      const gate = rng.chance(0.6) ? rng.pick(BORDER_GATES) : null
      const home = gate && rng.chance(0.5) ? (this.communeByCode.get(gate.commune) ?? this.pickCommune(rng)) : rng.chance(0.6) ? (this.communeByCode.get(rng.pick(BORDER_COMMUNES)) ?? this.pickCommune(rng)) : this.pickCommune(rng)
      p = this.householdWith(home, rng, this.householdSize(rng), true)
      c = this.newCase(p, d, rng)
      this.c.imported.set(c, gate ? 0 : 1)
      this.travelOf[c] = gate ? gate.gate : `Đường mòn, lối mở biên giới ${this.communes[home]!.title}`
      this.countryOf[c] = 'KH'
    }
    this.timeline(c, rng)
    return c
  }

  private communityCase(d: number, rng: Random): number {
    const commune = this.pickCommune(rng)
    const p = this.householdWith(commune, rng, this.householdSize(rng), true)
    const c = this.newCase(p, d, rng)
    this.timeline(c, rng)
    return c
  }

  /** A person infected by case `from` on day d; -1 when no one was left to infect. */
  private linkedCase(from: number, d: number, rng: Random): number {
    const source = this.c.person.get(from)
    const commune = this.p.commune.get(source)
    let setting = -1
    let place = -1
    let p = -1
    const r = rng.next()
    if (r < 0.46) {
      // Household: a member not yet infected.
      for (let m = this.h.head.get(this.p.household.get(source)); m >= 0; m = this.p.next.get(m)) {
        if (this.p.case.get(m) < 0 && m !== source) {
          p = m
          setting = S.household
          break
        }
      }
    }
    if (p < 0 && r < 0.68 && this.p.workplace.get(source) >= 0) {
      place = this.p.workplace.get(source)
      const pl = this.places[place]!
      setting = S[PLACE_SETTING[pl.kind]]
      const start = rng.int(0, Math.max(0, pl.staff.length - 1))
      for (let i = 0; i < pl.staff.length; i++) {
        const m = pl.staff[(start + i) % pl.staff.length]!
        if (this.p.case.get(m) < 0 && m !== source) {
          p = m
          break
        }
      }
      if (p < 0) {
        p = this.householdWith(this.nearCommune(pl.commune, rng), rng, this.householdSize(rng), false)
        this.p.workplace.set(p, place)
        if (pl.staff.length < 24) pl.staff.push(p)
      }
    }
    if (p < 0) {
      const k = rng.next()
      if (k < 0.35) {
        place = this.marketOf[this.nearCommune(commune, rng)]!
        setting = S.market
      } else if (k < 0.6 || this.weightOf[from]! >= 4.5) {
        // A gathering the case held or went to (a wedding, a funeral, a party).
        place = this.c.event.get(from)
        if (place < 0) {
          const c = this.communes[commune]!
          const hamlets = c.hamlets
          const where = hamlets.length > 0 ? `${hamlets[rng.int(0, hamlets.length - 1)]!.name}, ${c.title}` : c.title
          this.places.push({ commune, kind: 'event', name: `${rng.pick(['Đám cưới', 'Đám tang', 'Tiệc sinh nhật', 'Đám giỗ', 'Tiệc tân gia'])} tại ${where} (${this.iso(d).split('-').reverse().join('/')})`, staff: [] })
          place = this.places.length - 1
          this.c.event.set(from, place)
        }
        setting = S.gathering
      } else if (k < 0.75) {
        this.places.push({ commune, kind: 'venue', name: `${rng.pick(['Quán karaoke', 'Quán nhậu', 'Quán cà phê', 'Nhà hàng'])} ${rng.pick(FIRM_WORDS)}, ${this.communes[commune]!.title}`, staff: [] })
        place = this.places.length - 1
        setting = S.entertainment
      } else if (k < 0.85) {
        this.places.push({ commune, kind: 'pagoda', name: `${rng.pick(PAGODAS)}, ${this.communes[commune]!.title}`, staff: [] })
        place = this.places.length - 1
        setting = S.religious
      } else if (k < 0.95) {
        this.places.push({ commune, kind: 'vehicle', name: rng.pick(VEHICLES), staff: [] })
        place = this.places.length - 1
        setting = S.vehicle
      } else setting = S.other
      p = this.householdWith(this.nearCommune(commune, rng), rng, this.householdSize(rng), true)
    }
    if (p < 0) return -1
    const c = this.newCase(p, d, rng)
    this.c.infector.set(c, from)
    this.c.setting.set(c, setting)
    this.c.place.set(c, place)
    // Whether the infector's tracing will name this person (when the infector is known at all).
    this.c.traced.set(c, rng.chance(setting === S.household ? 0.95 : setting === S.workplace || setting === S.school ? 0.75 : 0.45) ? 1 : 0)
    this.timeline(c, rng)
    return c
  }

  /** Symptoms, severity and the dates that follow from how the case is found. */
  private timeline(c: number, rng: Random): void {
    const p = this.c.person.get(c)
    const age = this.year - this.p.birthYear.get(p)
    const e = this.c.infected.get(c)
    const asymptomatic = rng.chance(age < 18 ? 0.45 : age < 60 ? 0.3 : 0.15)
    const r = rng.next()
    const old = age >= 65 ? 2.2 : age >= 50 ? 1.4 : 0.8
    const severity = asymptomatic ? 0 : r < 1 - 0.3 * old ? 1 : r < 1 - 0.1 * old ? 2 : r < 1 - 0.035 * old ? 3 : 4
    this.c.severity.set(c, severity)
    const incubation = 3 + Math.min(rng.int(0, 4), rng.int(0, 4)) + (rng.chance(0.3) ? 1 : 0)
    const onset = asymptomatic ? NONE : e + incubation
    this.c.onset.set(c, onset)
    if (!asymptomatic) {
      let mask = 0
      SYMPTOM_WEIGHTS.forEach(([, w], i) => {
        if (rng.chance(w)) mask |= 1 << i
      })
      if (mask === 0) mask = 1
      this.c.symptoms.set(c, mask)
    }
    let sample: number
    let isolated: number
    let found: number
    const imported = this.c.imported.get(c)
    const infector = this.c.infector.get(c)
    // The day this person's infector was confirmed and its contacts traced (when traced at all).
    const traceDay = infector >= 0 && this.c.traced.get(c) ? this.c.confirmed.get(infector) + (rng.chance(0.6) ? 0 : 1) : NONE
    const natural = asymptomatic ? e + rng.int(5, 14) : onset + Math.min(rng.int(0, 3), rng.int(0, 3)) + (severity >= 3 ? 0 : 0)
    if (imported === 0) {
      // Entered by a gate: quarantined at once and tested there.
      const entry = e + rng.int(1, 4)
      isolated = entry
      sample = asymptomatic || onset > entry + 1 ? entry + (rng.chance(0.6) ? 0 : 3) : onset
      found = F.entry
    } else if (imported === 2) {
      const arrival = e + rng.int(1, 4)
      sample = asymptomatic ? arrival + rng.int(0, 3) : Math.max(arrival, Math.min(onset, natural))
      isolated = sample
      found = sample === arrival ? F.entry : F.community
      this.c.windowFrom.set(c, arrival)
    } else if (traceDay !== NONE && traceDay < natural) {
      // A traced contact in quarantine: positive at symptoms or at a scheduled test.
      isolated = Math.max(e, traceDay)
      const scheduled = FOLLOWUP_TEST_SCHEDULE.days.map((k) => e + k).find((t) => t >= e + 3 && t >= isolated) ?? e + 14
      sample = asymptomatic ? scheduled : Math.max(isolated, Math.min(onset, scheduled))
      found = rng.chance(0.7) ? F.quarantine : F.tracing
      if (rng.chance(0.3) && sample - 1 >= isolated) this.c.pooledDetection.set(c, 1)
    } else {
      sample = natural
      isolated = natural
      found = severity >= 3 || rng.chance(0.25) ? F.hospital : F.community
    }
    this.c.foundBy.set(c, found)
    this.c.sample.set(c, sample)
    this.c.isolated.set(c, isolated)
    // PCR results come the same day or the next (a pooled sample's retest is the first positive sample).
    const confirmed = sample + (rng.chance(0.55) ? 0 : 1)
    this.c.confirmed.set(c, confirmed)
    // Found before symptoms: they are recorded from the day the case was confirmed.
    const onsetRecorded = onset !== NONE && onset > confirmed ? confirmed : onset
    this.c.onset.set(c, onsetRecorded)
    const start = (asymptomatic ? sample : onsetRecorded) - 2
    this.c.windowFrom.set(c, Math.max(start, this.c.windowFrom.get(c)))
    this.c.ident.set(c, confirmed + (rng.chance(0.7) ? 0 : 1))
    // A few symptomatic household contacts are counted on a rapid test alone (probable).
    let cls = 0
    if (!asymptomatic && this.c.setting.get(c) === S.household && rng.chance(0.06)) cls = 1
    this.c.class.set(c, cls)
    // How it ends, when it has ended by today.
    const outcomeRoll = rng.next()
    let outcome = 1
    let after = severity <= 1 ? rng.int(9, 15) : severity === 2 ? rng.int(13, 21) : rng.int(17, 32)
    if (severity === 4 && outcomeRoll < (age >= 65 ? 0.55 : 0.3)) {
      outcome = 2
      after = rng.int(3, 20)
    } else if (severity === 3 && outcomeRoll < (age >= 65 ? 0.12 : 0.04)) {
      outcome = 2
      after = rng.int(5, 25)
    } else if (outcomeRoll > 0.995) {
      outcome = 3
      after = rng.int(1, 6)
    }
    this.c.outcome.set(c, outcome)
    this.c.outcomeDay.set(c, confirmed + after)
    if (this.c.windowFrom.get(c) > isolated) this.c.windowFrom.set(c, isolated + 1)
    // Known today: confirmed, or sampled with the result pending (half entered as suspected cases,
    // half only a positive rapid test awaiting its case).
    if (confirmed <= this.last || (sample <= this.last && rng.chance(0.5))) this.known.push(c)
  }

  // -------------------------------------------------------------------------------------------
  // What is known today

  /** True for a case confirmed (or counted probable) by today. */
  private isConfirmed(c: number): boolean {
    return this.c.confirmed.get(c) <= this.last
  }

  /** Contacts traced from each known case, and their own contacts (F2). */
  private traceContacts(): void {
    for (const c of this.known) {
      if (!this.isConfirmed(c)) continue
      const ident = this.c.ident.get(c)
      if (ident > this.last) continue
      const rng = new Random(mix(this.seed, 7_000_000 + c))
      const source = this.c.person.get(c)
      const from = this.c.windowFrom.get(c)
      const to = Math.min(this.c.isolated.get(c), this.last)
      const exposed = new Set<number>()
      // The infections this case passed on that tracing found.
      for (const i of this.infecteesOf(c)) {
        if (!this.c.traced.get(i)) continue
        const p = this.c.person.get(i)
        exposed.add(p)
        this.expose(p, source, this.c.infected.get(i), this.c.setting.get(i), this.c.place.get(i), ident, rng)
      }
      if (from > to) continue
      const day = () => rng.int(from, to)
      // Household: everyone at home who is not isolated already.
      for (let m = this.h.head.get(this.p.household.get(source)); m >= 0; m = this.p.next.get(m)) {
        if (m === source || exposed.has(m)) continue
        const mc = this.p.case.get(m)
        if (mc >= 0 && (this.c.isolated.get(mc) <= from || mc === this.c.infector.get(c))) continue
        exposed.add(m)
        this.expose(m, source, Math.max(from, to - rng.int(0, 1)), S.household, -1, ident, rng)
      }
      // Colleagues and people met elsewhere.
      const work = this.p.workplace.get(source)
      if (work >= 0 && rng.chance(0.8)) {
        const staff = this.places[work]!.staff
        const k = rng.int(1, 4)
        for (let i = 0; i < k && staff.length > 0; i++) {
          const m = staff[rng.int(0, staff.length - 1)]!
          if (m === source || exposed.has(m) || this.p.case.get(m) >= 0) continue
          exposed.add(m)
          this.contactWithFamily(m, source, day(), S[PLACE_SETTING[this.places[work]!.kind]], work, ident, rng)
        }
      }
      const others = rng.chance(0.55) ? rng.int(1, 3) : 0
      for (let i = 0; i < others; i++) {
        const commune = this.nearCommune(this.p.commune.get(source), rng)
        const m = this.lodger(commune, rng)
        const market = rng.chance(0.5)
        this.contactWithFamily(m, source, day(), market ? S.market : rng.pick([S.vehicle, S.entertainment, S.gathering, S.other]), market ? this.marketOf[commune]! : -1, ident, rng)
      }
    }
  }

  private infecteesByCase: Int32Array | null = null
  private infecteeStart: Int32Array | null = null
  private infecteesOf(c: number): Int32Array {
    if (!this.infecteesByCase) {
      const n = this.c.person.length
      const count = new Int32Array(n + 1)
      for (let i = 0; i < n; i++) {
        const f = this.c.infector.get(i)
        if (f >= 0) count[f + 1]!++
      }
      for (let i = 0; i < n; i++) count[i + 1]! += count[i]!
      const fill = count.slice()
      const list = new Int32Array(count[n]!)
      for (let i = 0; i < n; i++) {
        const f = this.c.infector.get(i)
        if (f >= 0) list[fill[f]!++] = i
      }
      this.infecteesByCase = list
      this.infecteeStart = count
    }
    return this.infecteesByCase.subarray(this.infecteeStart![c]!, this.infecteeStart![c + 1]!)
  }

  /** A contact met outside home, whose household may then become their contacts (F2). */
  private contactWithFamily(m: number, source: number, day: number, setting: number, place: number, ident: number, rng: Random): void {
    this.expose(m, source, day, setting, place, ident, rng)
    if (!rng.chance(0.35) || this.p.familyTraced.get(m)) return
    const contactIdent = ident + 1
    if (contactIdent > this.last) return
    this.p.familyTraced.set(m, 1)
    const h = this.p.household.get(m)
    if (this.h.head.get(h) === this.h.tail.get(h)) {
      // A lodger's family, met now for the first time.
      const y = this.year
      for (let i = rng.int(1, 3); i > 0; i--) this.addPerson(h, i === 1 ? 1 : 2, rng.chance(0.5) ? 0 : 1, y - rng.int(2, 60))
    }
    for (let f = this.h.head.get(h); f >= 0; f = this.p.next.get(f)) {
      if (f === m || this.p.case.get(f) >= 0) continue
      this.expose(f, m, Math.min(this.last, day + rng.int(0, Math.max(0, contactIdent - day))), S.household, -1, contactIdent, rng)
    }
  }

  private expose(person: number, source: number, day: number, setting: number, place: number, ident: number, rng: Random): void {
    if (day > this.last || ident > this.last) return
    let crit = 0
    if (setting === S.household) crit = rng.chance(0.6) ? 0b0101 : 0b0100
    else if (setting === S.health_facility) crit = rng.chance(0.5) ? 0b1000 : 0b0010
    else crit = rng.chance(0.5) ? 0b0100 : rng.chance(0.6) ? 0b0010 : 0b0001
    if (setting === S.household && this.year - this.p.birthYear.get(person) >= 18 && rng.chance(0.2)) crit |= 0b1000
    addRow(this.e, { person, source, day, setting, place, criteria: crit })
    const first = this.p.contactIdent.get(person)
    if (first === NONE || ident < first) this.p.contactIdent.set(person, ident)
    if (day > this.p.lastExposure.get(person)) this.p.lastExposure.set(person, day)
  }

  // -------------------------------------------------------------------------------------------
  // Clusters, sources, campaigns

  private formClusters(): void {
    const byPlace = new Map<number, number[]>()
    for (const c of this.known) {
      const place = this.c.place.get(c)
      if (place < 0 || !this.isConfirmed(c)) continue
      const list = byPlace.get(place)
      if (list) list.push(c)
      else byPlace.set(place, [c])
    }
    const places = [...byPlace.entries()].filter(([, list]) => list.length >= CLUSTER_MIN).sort((a, b) => a[0] - b[0])
    const members = places.map(([, list]) => [...list])
    members.forEach((list, row) => {
      for (const c of list) this.clusterOf[c] = row
    })
    // The case that brought it there joins it, when known and not in a cluster of its own.
    places.forEach(([, list], row) => {
      const first = list.reduce((a, b) => (this.c.infected.get(a) <= this.c.infected.get(b) ? a : b))
      const index = this.c.infector.get(first)
      if (index >= 0 && this.caseRank[index]! >= 0 && this.isConfirmed(index) && this.clusterOf[index] === -1) {
        this.clusterOf[index] = row
        members[row]!.push(index)
      }
    })
    const perCommune = new Map<number, number>()
    places.forEach(([place], row) => {
      const pl = this.places[place]!
      const commune = this.communes[pl.commune]!
      const n = (perCommune.get(pl.commune) ?? 0) + 1
      perCommune.set(pl.commune, n)
      let first = Number.POSITIVE_INFINITY
      let last = Number.NEGATIVE_INFINITY
      for (const c of members[row]!) {
        first = Math.min(first, this.c.confirmed.get(c))
        last = Math.max(last, this.c.confirmed.get(c))
      }
      this.clusterOpened.push(first)
      const openedOn = this.iso(first)
      const state = clusterStateOn({ openedOn, lastCaseOn: this.iso(last), closeDays: CLUSTER_CLOSE_DAYS }, this.today)
      this.clusterRows.push({
        code: `OD-${commune.code}-${String(n).padStart(3, '0')}`,
        name: `Ổ dịch ${pl.name}`,
        unit: commune.key,
        place: pl.name,
        status: state.status,
        openedOn,
        closedOn: state.closedOn,
        cases: members[row]!.length,
      })
    })
  }

  /** The source as the investigation records it: imported, linked to a known case or a cluster, or unknown. */
  private assignSources(): void {
    for (const c of this.known) {
      const rng = new Random(mix(this.seed, 9_000_000 + c))
      if (this.c.imported.get(c) >= 0) {
        this.sourceKindOf[c] = 0
        continue
      }
      const f = this.c.infector.get(c)
      const found = f >= 0 && this.caseRank[f]! >= 0 && this.isConfirmed(f) && this.c.class.get(f) <= 1 && (this.c.traced.get(c) || rng.chance(0.6))
      if (found) {
        this.sourceKindOf[c] = 1
        this.sourceCaseOf[c] = f
      } else this.sourceKindOf[c] = this.clusterOf[c]! >= 0 ? 1 : 2
    }
  }

  private planCampaigns(): void {
    this.clusterRows.forEach((cl, i) => {
      if (cl.cases < CAMPAIGN_MIN) return
      const commune = this.communes.findIndex((c) => c.key === cl.unit)
      const start = this.clusterOpened[i]! + 1
      if (start > this.last) return
      const c = this.communes[commune]!
      const target = Math.max(100, Math.round(c.population * 0.3))
      this.campaignRows.push({
        name: `Xét nghiệm diện rộng ${c.title} (${cl.name})`,
        unit: c.key,
        startsOn: this.iso(start),
        endsOn: this.iso(start + 2),
        method: 'pcr',
        targetPeople: target,
        note: `Mẫu gộp 5–10 người; ưu tiên khu vực quanh ${cl.place}.`,
        commune,
        from: start,
        to: start + 2,
      })
      // Residents sampled in the campaign: households tested together.
      const rng = new Random(mix(this.seed, 11_000_000 + i))
      const campaign = this.campaignRows.length - 1
      const people = Math.round(15 + cl.cases * 2.5)
      for (let n = 0; n < people; ) {
        const head = this.householdWith(commune, rng, this.householdSize(rng), false)
        for (let m = head; m >= 0; m = this.p.next.get(m)) {
          this.p.campaign.set(m, campaign)
          n++
        }
      }
    })
  }

  // -------------------------------------------------------------------------------------------
  // Which people are written, in what order

  private markUsedAndOrder(): void {
    const used = this.p.used.data
    for (let i = 0; i < this.e.person.length; i++) {
      used[this.e.person.get(i)] = 1
      used[this.e.source.get(i)] = 1
    }
    for (const c of this.known) used[this.c.person.get(c)] = 1
    // Infected people whose positive sample is in by today but not their case: a test awaiting a case.
    for (let c = 0; c < this.c.person.length; c++) if (this.c.sample.get(c) <= this.last) used[this.c.person.get(c)] = 1
    for (let p = 0; p < this.p.commune.length; p++) if (this.p.campaign.get(p) >= 0) used[p] = 1
    let n = 0
    for (let p = 0; p < this.p.commune.length; p++) if (used[p]) n++
    this.personOrder = new Int32Array(n)
    this.personRankOf = new Int32Array(this.p.commune.length).fill(-1)
    n = 0
    for (let p = 0; p < this.p.commune.length; p++) {
      if (!used[p]) continue
      this.personRankOf[p] = n
      this.personOrder[n++] = p
    }
    for (const p of this.personOrder) if (this.p.contactIdent.get(p) !== NONE) this.followupCount++
  }

  // -------------------------------------------------------------------------------------------
  // Tests

  /** Pooled samples: a contact's first scheduled test, a campaign's samples, some detections. */
  private planPools(): void {
    const open = new Map<string, number>()
    const join = (p: number, day: number, positive: boolean, campaign: number) => {
      const commune = this.p.commune.get(p)
      const key = `${commune}:${day}:${campaign}`
      let pool = open.get(key) ?? -1
      if (pool < 0 || this.poolRows[pool]!.size >= (campaign >= 0 ? 10 : 6)) {
        pool = this.poolRows.length
        this.poolRows.push({ commune, day, size: 0, positive: false, campaign, lab: this.pcrLab(commune) })
        open.set(key, pool)
      }
      const row = this.poolRows[pool]!
      row.size++
      if (positive) row.positive = true
      this.p.pool.set(p, pool)
      this.p.poolDay.set(p, day)
    }
    for (const p of this.personOrder) {
      const rng = new Random(mix(this.seed, 13_000_000 + p))
      const c = this.p.case.get(p)
      if (c >= 0 && this.c.pooledDetection.get(c) && this.c.sample.get(c) - 1 <= this.last) {
        join(p, this.c.sample.get(c) - 1, true, -1)
        continue
      }
      const campaign = this.p.campaign.get(p)
      if (campaign >= 0) {
        const k = this.campaignRows[campaign]!
        join(p, Math.min(this.last, k.from + rng.int(0, 2)), false, campaign)
        continue
      }
      const plan = this.followupPlan(p)
      if (!plan) continue
      const first = plan.days[0]
      const caseSample = c >= 0 ? this.c.sample.get(c) : NONE
      if (first !== undefined && first <= this.last && (caseSample === NONE || first < caseSample - 1) && rng.chance(0.5)) {
        join(p, first, false, this.campaignAt(this.p.commune.get(p), first))
      }
    }
    // A pool of one or two is no pool: those samples were tested one by one.
    const kept = new Int32Array(this.poolRows.length).fill(-1)
    const pools: Pool[] = []
    this.poolRows.forEach((pool, i) => {
      if (pool.size < 3) return
      kept[i] = pools.length
      pools.push(pool)
    })
    for (const p of this.personOrder) {
      const pool = this.p.pool.get(p)
      if (pool < 0) continue
      this.p.pool.set(p, kept[pool]!)
      if (kept[pool]! < 0) this.p.poolDay.set(p, NONE)
    }
    this.poolRows.length = 0
    for (const pool of pools) this.poolRows.push(pool)
  }

  private campaignAt(commune: number, day: number): number {
    for (let i = 0; i < this.campaignRows.length; i++) {
      const k = this.campaignRows[i]!
      if (k.commune === commune && day >= k.from && day <= k.to) return i
    }
    return -1
  }

  private pcrLab(commune: number): string {
    const code = this.communes[commune]!.code
    if (code === PHU_QUOC || code === '31105' || code === '31108') return 'Bệnh viện Đa khoa khu vực Phú Quốc'
    if (code === '30769' || code === '30796' || code === '30766') return 'Trung tâm Y tế khu vực Hà Tiên'
    return this.regionOf[commune] ? 'Bệnh viện Đa khoa Kiên Giang (cơ sở Rạch Giá)' : 'Trung tâm Kiểm soát bệnh tật tỉnh An Giang'
  }

  /** A contact's follow-up: its days, its tests' days and how it ended. */
  private followupPlan(p: number): { started: number; until: number; days: number[]; status: FollowupRows['status'][number] } | null {
    const ident = this.p.contactIdent.get(p)
    if (ident === NONE) return null
    const lastExp = this.p.lastExposure.get(p)
    const until = Math.max(lastExp + FOLLOW_DAYS, ident)
    const days: number[] = []
    for (const k of FOLLOWUP_TEST_SCHEDULE.days) {
      const d = Math.max(ident, lastExp + k)
      if (d <= until && !days.includes(d)) days.push(d)
    }
    const c = this.p.case.get(p)
    let status: FollowupRows['status'][number] = until >= this.last ? 'active' : 'completed'
    if (c >= 0 && this.caseRank[c]! >= 0 && this.c.sample.get(c) >= ident && this.isConfirmed(c) && this.c.class.get(c) <= 1) status = 'became_case'
    else if (status === 'completed' && mix(this.seed, p) % 50 === 0) status = 'lost'
    return { started: ident, until, days, status }
  }

  /**
   * The tests of person p, in date order, given to `emit`. The same calls every time: pools are
   * planned once, then tests are counted and written with the same decisions.
   */
  private personTests(p: number, emit: (t: TestSpec) => void): void {
    const rng = new Random(mix(this.seed, 17_000_000 + p))
    const commune = this.p.commune.get(p)
    const station = `Trạm Y tế ${this.communes[commune]!.title}`
    const lab = this.pcrLab(commune)
    const seen = new Set<number>()
    const add = (t: TestSpec) => {
      const day = t.sample ?? t.planned!
      const key = day * 2 + (t.method === 'pcr' ? 1 : 0)
      if (seen.has(key)) return
      seen.add(key)
      emit(t)
    }
    const c = this.p.case.get(p)
    const caseSample = c >= 0 ? this.c.sample.get(c) : NONE
    const pool = this.p.pool.get(p)
    const poolDay = this.p.poolDay.get(p)
    const resultDay = (d: number, r: Random) => d + (r.chance(0.5) ? 0 : 1)
    // The pooled sample and, when the pool was positive, the individual retest.
    if (pool >= 0) {
      const pr = this.poolRows[pool]!
      if (!pr.positive) add({ method: 'pcr', sample: poolDay, result: poolDay + 1 <= this.last ? 'negative' : null, resultDay: poolDay + 1, lab, pool, campaign: pr.campaign })
      else {
        add({ method: 'pcr', sample: poolDay, result: null, resultDay: NONE, lab, pool, campaign: pr.campaign })
        if (poolDay + 1 <= this.last) {
          const own = c >= 0 && this.c.pooledDetection.get(c) && caseSample === poolDay + 1
          if (!own) add({ method: 'pcr', sample: poolDay + 1, result: poolDay + 2 <= this.last ? 'negative' : null, resultDay: poolDay + 2, lab, retestOf: pool })
        }
      }
    }
    // A contact with symptoms tested on the day (discarded when negative).
    const discard = this.discardDay(p)
    if (discard !== NONE) add({ method: 'pcr', sample: discard, result: discard + 1 <= this.last ? 'negative' : null, resultDay: discard + 1, lab })
    // The follow-up schedule of a contact, up to the day the case's own tests begin.
    const plan = this.followupPlan(p)
    if (plan) {
      let planned = false
      for (const d of plan.days) {
        if (caseSample !== NONE && d >= caseSample) break
        if (d === poolDay) continue
        if (d <= this.last) {
          const rd = resultDay(d, rng)
          add({ method: 'pcr', sample: d, result: rd <= this.last ? 'negative' : null, resultDay: rd, lab, campaign: this.campaignAt(commune, d) })
        } else if (!planned && plan.status === 'active') {
          planned = true
          add({ method: 'pcr', planned: d, lab })
        }
      }
    }
    if (c < 0 || caseSample > this.last) return
    const rank = this.caseRank[c]!
    const cls = this.c.class.get(c)
    const confirmed = this.c.confirmed.get(c)
    const ctPos = () => Math.round((16 + rng.next() * 14) * 10) / 10
    if (this.c.pooledDetection.get(c)) {
      add({ method: 'pcr', sample: caseSample, result: confirmed <= this.last ? 'positive' : null, resultDay: confirmed, ct: ctPos(), lab, retestOf: pool >= 0 ? pool : -1, confirms: rank })
    } else if (cls === 1) {
      add({ method: 'antigen', sample: caseSample, result: 'positive', resultDay: caseSample, lab: station, confirms: rank })
    } else {
      const found = this.c.foundBy.get(c)
      if (found === F.community || found === F.hospital || this.c.imported.get(c) === 1) add({ method: 'antigen', sample: caseSample, result: 'positive', resultDay: caseSample, lab: station })
      add({ method: 'pcr', sample: caseSample, result: confirmed <= this.last ? 'positive' : null, resultDay: confirmed, ct: ctPos(), lab, confirms: rank })
    }
    if (confirmed > this.last || rank < 0) return
    // During treatment and at its end.
    const mid = confirmed + 7
    const end = this.c.outcomeDay.get(c)
    const outcome = this.c.outcome.get(c)
    if (mid < end && mid <= this.last) {
      const rd = resultDay(mid, rng)
      add({ method: 'pcr', sample: mid, result: rd <= this.last ? 'positive' : null, resultDay: rd, ct: Math.round((27 + rng.next() * 7) * 10) / 10, lab })
    }
    if (outcome === 1) {
      const method: TestMethod = rng.chance(0.5) ? 'antigen' : 'pcr'
      if (end <= this.last) add({ method, sample: end, result: 'negative', resultDay: end, lab: method === 'pcr' ? lab : station })
      else add({ method, planned: end, lab: method === 'pcr' ? lab : station })
    }
  }

  // -------------------------------------------------------------------------------------------
  // Reading the outbreak

  get counts(): OutbreakCounts {
    return {
      people: this.personOrder.length,
      cases: this.known.length + this.discarded().length,
      exposures: this.e.person.length,
      clusters: this.clusterRows.length,
      pools: this.poolRows.length,
      campaigns: this.campaignRows.length,
      followups: this.followupCount,
    }
  }

  /** Tests in all (counted once, by producing them). */
  countTests(): number {
    if (this.testCount < 0) {
      let n = 0
      for (const p of this.personOrder) this.personTests(p, () => n++)
      this.testCount = n
    }
    return this.testCount
  }

  /** The people, `size` rows at a time. */
  *people(size = 5000): Generator<PersonRows> {
    this.cccdSerial.clear()
    const passportSerial = new Map<string, number>()
    let rows = emptyPeople()
    for (let rank = 0; rank < this.personOrder.length; rank++) {
      const p = this.personOrder[rank]!
      const rng = new Random(mix(this.seed, 19_000_000 + p))
      const commune = this.communes[this.p.commune.get(p)]!
      const sex = this.p.sex.get(p) === 0 ? 'male' : 'female'
      const year = this.p.birthYear.get(p)
      const nat = this.p.nationality.get(p)
      const h = this.p.household.get(p)
      rows.index.push(rank)
      rows.sex.push(sex)
      rows.birthYear.push(year)
      rows.birthDate.push(rng.chance(0.85) ? `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}` : null)
      const hamlet = this.p.hamlet.get(p)
      rows.unit.push(hamlet >= 0 ? commune.hamlets[hamlet]!.key : commune.key)
      const workplace = this.p.workplace.get(p)
      rows.workplace.push(workplace >= 0 ? this.places[workplace]!.name : null)
      if (nat >= 0) {
        const country = TRAVELLER_COUNTRIES[nat]!
        const t = TRAVELLERS[country]!
        const serial = (passportSerial.get(country) ?? 0) + 1
        passportSerial.set(country, serial)
        rows.fullName.push(rng.pick(sex === 'male' ? t.male : t.female))
        rows.nationality.push(country)
        rows.passportNo.push(t.passport(serial))
        rows.nationalId.push(null)
        rows.phone.push(null)
        rows.address.push(`Khách sạn ${rng.pick(FIRM_WORDS)}, phòng ${rng.int(101, 520)}`)
      } else this.vietnamese(rows, p, h, sex, year, commune, rng)
      if (rows.index.length >= size) {
        yield rows
        rows = emptyPeople()
      }
    }
    if (rows.index.length > 0) yield rows
  }

  private readonly cccdSerial = new Map<string, number>()

  private vietnamese(rows: PersonRows, p: number, h: number, sex: 'male' | 'female', year: number, commune: OutbreakCommune, rng: Random): void {
      rows.fullName.push(this.nameOf(p, h, sex, rng))
      rows.nationality.push('VN')
      rows.passportNo.push(null)
      const age = this.year - year
      if (age >= 14 && rng.chance(0.72)) {
        const province = rng.chance(0.88) ? (this.regionOf[this.p.commune.get(p)] ? '091' : '089') : rng.pick(BIRTH_PROVINCES_OTHER)
        const prefix = `${province}${centurySexDigit(year, sex)}${String(year % 100).padStart(2, '0')}`
        // Numbers counted down from the top of the range, away from hand-entered ones.
        const serial = (this.cccdSerial.get(prefix) ?? 0) + 1
        this.cccdSerial.set(prefix, serial)
        rows.nationalId.push(`${prefix}${String(999_999 - serial * 7).padStart(6, '0')}`)
      } else rows.nationalId.push(null)
      rows.phone.push(age >= 16 && rng.chance(0.8) ? `0${rng.pick(['9', '3', '7', '8'])}${String(mix(p, this.seed) % 100_000_000).padStart(8, '0')}` : null)
      rows.address.push(this.addressOf(h, commune))
  }

  private nameOf(p: number, h: number, sex: 'male' | 'female', rng: Random): string {
    const commune = this.communes[this.p.commune.get(p)]!.code
    if (KHMER_COMMUNES.has(commune) && mix(h, 3) % 10 < 4) return rng.pick(sex === 'male' ? KHMER_MALE : KHMER_FEMALE)
    if (CHAM_COMMUNES.has(commune) && mix(h, 5) % 10 < 3) return rng.pick(sex === 'male' ? CHAM_MALE : CHAM_FEMALE)
    const name = personName(rng, sex)
    const role = this.p.role.get(p)
    if (role !== 0 && role !== 2) return name
    // The head's (father's) family name for the household's head and children.
    let family = this.familyOf[h]!
    if (!family) {
      family = personName(new Random(mix(this.seed, 23_000_000 + h)), 'male').split(' ')[0]!
      this.familyOf[h] = family
    }
    return `${family} ${name.split(' ').slice(1).join(' ')}`
  }

  private addressOf(h: number, commune: OutbreakCommune): string {
    const r = mix(this.seed, 29_000_000 + h)
    const hamlet = this.h.hamlet.get(h)
    const street = STREETS[r % STREETS.length]!
    if (hamlet >= 0 || commune.hamlets.length > 0 || /^phường|^đặc khu/.test(commune.title)) return `${1 + (r % 300)} đường ${street}`
    return `Tổ ${1 + (r % 12)}, ấp ${1 + ((r >>> 8) % 9)}`
  }

  /** Clusters (ổ dịch) with five or more known cases at one place. */
  clusters(): readonly ClusterRow[] {
    return this.clusterRows
  }

  campaigns(): readonly CampaignRow[] {
    return this.campaignRows.map(({ commune: _c, from: _f, to: _t, ...row }) => row)
  }

  pools(): PoolRow[] {
    return this.poolRows.map((p, i) => ({
      code: `MG-${this.communes[p.commune]!.code}-${this.iso(p.day).replaceAll('-', '')}-${i}`,
      lab: p.lab,
      sampleDate: this.iso(p.day),
      resultDate: p.day + 1 <= this.last ? this.iso(p.day + 1) : null,
      result: p.day + 1 > this.last ? 'pending' : p.positive ? 'positive' : 'negative',
      ct: p.positive && p.day + 1 <= this.last ? 30 + (i % 5) : null,
      unit: this.communes[p.commune]!.key,
      campaign: p.campaign,
    }))
  }

  /** Test rows, `size` at a time; each confirming test says which case row it confirms. */
  *tests(size = 20_000): Generator<TestRows & { confirms: number[] }> {
    let rows = emptyTests()
    let index = 0
    for (const p of this.personOrder) {
      const person = this.personRankOf[p]!
      this.personTests(p, (t) => {
        rows.index.push(index)
        rows.person.push(person)
        rows.method.push(t.method)
        if (t.planned !== undefined) {
          rows.status.push('planned')
          rows.plannedOn.push(this.iso(t.planned))
          rows.sampleDate.push(null)
          rows.resultDate.push(null)
          rows.result.push(null)
          rows.ct.push(null)
        } else {
          const resulted = t.result !== null && t.result !== undefined && t.resultDay !== undefined && t.resultDay <= this.last
          rows.status.push(resulted ? 'resulted' : 'sampled')
          rows.plannedOn.push(null)
          rows.sampleDate.push(this.iso(t.sample!))
          rows.resultDate.push(resulted ? this.iso(t.resultDay!) : null)
          rows.result.push(resulted ? t.result! : null)
          rows.ct.push(resulted && t.result === 'positive' && t.method === 'pcr' ? (t.ct ?? null) : null)
        }
        rows.lab.push(t.lab)
        rows.pool.push(t.pool ?? -1)
        rows.retestOfPool.push(t.retestOf ?? -1)
        rows.campaign.push(t.campaign ?? -1)
        rows.confirms.push(t.confirms ?? -1)
        if (t.confirms !== undefined && t.confirms >= 0) this.confirmingTest[t.confirms] = index
        index++
      })
      if (rows.index.length >= size) {
        yield rows
        rows = emptyTests()
      }
    }
    if (rows.index.length > 0) yield rows
    this.testCount = index
  }

  private discardedPeople: number[] | null = null

  /** Contacts with symptoms whose tests came back negative: discarded suspected cases. */
  private discarded(): number[] {
    if (!this.discardedPeople) {
      const out: number[] = []
      for (const p of this.personOrder) {
        if (this.discardDay(p) !== NONE) out.push(p)
      }
      this.discardedPeople = out
    }
    return this.discardedPeople
  }

  /** For a few contacts who were never infected: the day their symptoms were tested (negative). */
  private discardDay(p: number): number {
    if (this.p.case.get(p) >= 0 || this.p.contactIdent.get(p) === NONE || mix(this.seed, 31_000_000 + p) % 100 >= 3) return NONE
    const day = Math.max(this.p.contactIdent.get(p), this.p.lastExposure.get(p) + 2 + (mix(this.seed, 41_000_000 + p) % 5))
    return day <= this.last ? day : NONE
  }

  /**
   * Case rows, `size` at a time: the known cases (confirmed, probable, suspected awaiting a result)
   * then the discarded ones. Read after the tests: a case names its confirming test.
   */
  *cases(size = 5000): Generator<CaseRows> {
    let rows = emptyCases()
    let index = 0
    const push = () => {
      if (rows.index.length >= size) {
        const out = rows
        rows = emptyCases()
        return out
      }
      return null
    }
    for (let rank = 0; rank < this.known.length; rank++) {
      const c = this.known[rank]!
      const rng = new Random(mix(this.seed, 37_000_000 + c))
      const confirmed = this.isConfirmed(c)
      const p = this.c.person.get(c)
      const onset = this.c.onset.get(c)
      const sample = this.c.sample.get(c)
      const severity = this.c.severity.get(c)
      const outcomeDay = this.c.outcomeDay.get(c)
      const ended = confirmed && outcomeDay <= this.last
      const outcome = ended ? OUTCOMES[this.c.outcome.get(c)]! : null
      const sourceKind = (['imported', 'linked', 'unknown'] as const)[this.sourceKindOf[c]!]!
      const place = this.c.place.get(c)
      rows.index.push(index++)
      rows.person.push(this.personRankOf[p]!)
      rows.code.push(this.caseCode(index))
      rows.classification.push(confirmed ? CLASSES[this.c.class.get(c)]! : 'suspected')
      rows.onsetDate.push(onset !== NONE && onset <= this.last ? this.iso(onset) : null)
      rows.sampleDate.push(confirmed ? this.iso(sample) : null)
      rows.confirmedDate.push(confirmed ? this.iso(this.c.confirmed.get(c)) : null)
      rows.isolatedOn.push(this.c.isolated.get(c) <= this.last ? this.iso(this.c.isolated.get(c)) : null)
      rows.foundBy.push(FOUND[this.c.foundBy.get(c)]!)
      rows.sourceKind.push(sourceKind)
      rows.sourceCountry.push(sourceKind === 'imported' ? this.countryOf[c]! : null)
      rows.sourceTravel.push(sourceKind === 'imported' ? this.travelOf[c]! : null)
      rows.sourceCase.push(this.sourceCaseOf[c]! >= 0 ? this.caseRank[this.sourceCaseOf[c]!]! : -1)
      rows.cluster.push(this.clusterOf[c]!)
      rows.infectionPlace.push(
        sourceKind === 'imported'
          ? this.countryOf[c] === 'KH'
            ? 'Campuchia'
            : 'Nước ngoài'
          : place >= 0
            ? this.places[place]!.name
            : this.c.setting.get(c) === S.household && sourceKind === 'linked'
              ? 'Tại nhà'
              : null,
      )
      const mask = this.c.symptoms.get(c)
      rows.symptoms.push(onset !== NONE && onset <= this.last ? SYMPTOM_WEIGHTS.filter((_, i) => mask & (1 << i)).map(([s]) => s) : [])
      rows.severity.push(confirmed ? SEVERITIES[severity]! : null)
      rows.outcome.push(outcome)
      rows.outcomeDate.push(ended ? this.iso(outcomeDay) : null)
      rows.transferredTo.push(outcome === 'transferred' ? rng.pick(TRANSFER_TO) : null)
      rows.isolationPlace.push(confirmed ? this.isolationPlace(c, severity, rng) : null)
      rows.confirmingTest.push(this.confirmingTest[rank]!)
      const full = push()
      if (full) yield full
    }
    for (const p of this.discarded()) {
      const rng = new Random(mix(this.seed, 43_000_000 + p))
      const day = this.discardDay(p)
      rows.index.push(index++)
      rows.person.push(this.personRankOf[p]!)
      rows.code.push(this.caseCode(index))
      rows.classification.push('discarded')
      rows.onsetDate.push(this.iso(day))
      rows.sampleDate.push(null)
      rows.confirmedDate.push(null)
      rows.isolatedOn.push(null)
      rows.foundBy.push('tracing')
      rows.sourceKind.push('unknown')
      rows.sourceCountry.push(null)
      rows.sourceTravel.push(null)
      rows.sourceCase.push(-1)
      rows.cluster.push(-1)
      rows.infectionPlace.push(null)
      rows.symptoms.push([rng.pick(['fever', 'cough', 'sore_throat', 'runny_nose'] as const)])
      rows.severity.push(null)
      rows.outcome.push(null)
      rows.outcomeDate.push(null)
      rows.transferredTo.push(null)
      rows.isolationPlace.push(null)
      rows.confirmingTest.push(-1)
      const full = push()
      if (full) yield full
    }
    if (rows.index.length > 0) yield rows
  }

  /** The case's number in the province's line list: AG-<year>-<n>. */
  private caseCode(n: number): string {
    return `AG-${this.year % 100}-${String(n).padStart(6, '0')}`
  }

  private isolationPlace(c: number, severity: number, rng: Random): string {
    const commune = this.communes[this.p.commune.get(this.c.person.get(c))]!
    if (this.c.imported.get(c) === 0) return `Khu cách ly tập trung ${rng.pick(['Biên phòng', 'Trường Quân sự', 'Ký túc xá'])} ${commune.name}`
    if (severity >= 3) return rng.pick(['Bệnh viện Đa khoa tỉnh An Giang', 'Bệnh viện Đa khoa Kiên Giang', 'Bệnh viện Đa khoa khu vực Phú Quốc'])
    if (severity === 2) return `Cơ sở thu dung, điều trị COVID-19 ${commune.title}`
    return rng.chance(0.6) ? 'Điều trị tại nhà' : `Cơ sở thu dung, điều trị COVID-19 ${commune.title}`
  }

  /** Exposures, `size` at a time. */
  *exposures(size = 20_000): Generator<ExposureRows> {
    let rows = emptyExposures()
    for (let i = 0; i < this.e.person.length; i++) {
      rows.person.push(this.personRankOf[this.e.person.get(i)]!)
      rows.sourcePerson.push(this.personRankOf[this.e.source.get(i)]!)
      rows.exposedOn.push(this.iso(this.e.day.get(i)))
      const place = this.e.place.get(i)
      rows.place.push(place >= 0 ? this.places[place]!.name : null)
      rows.setting.push(SETTINGS[this.e.setting.get(i)]!)
      const crit = this.e.criteria.get(i)
      rows.f1Criteria.push(CRITERIA.filter((_, k) => crit & (1 << k)))
      if (rows.person.length >= size) {
        yield rows
        rows = emptyExposures()
      }
    }
    if (rows.person.length > 0) yield rows
  }

  /** One follow-up per contact, from the day they were identified. */
  *followups(size = 20_000): Generator<FollowupRows> {
    let rows: FollowupRows = { person: [], startedOn: [], until: [], status: [] }
    for (const p of this.personOrder) {
      const plan = this.followupPlan(p)
      if (!plan) continue
      rows.person.push(this.personRankOf[p]!)
      rows.startedOn.push(this.iso(plan.started))
      rows.until.push(this.iso(plan.until))
      rows.status.push(plan.status)
      if (rows.person.length >= size) {
        yield rows
        rows = { person: [], startedOn: [], until: [], status: [] }
      }
    }
    if (rows.person.length > 0) yield rows
  }
}

interface TestSpec {
  method: TestMethod
  sample?: number
  planned?: number
  result?: 'positive' | 'negative' | null
  resultDay?: number
  ct?: number
  lab: string
  pool?: number
  retestOf?: number
  campaign?: number
  confirms?: number
}

function emptyPeople(): PersonRows {
  return { index: [], fullName: [], sex: [], birthYear: [], birthDate: [], nationalId: [], passportNo: [], nationality: [], phone: [], unit: [], address: [], workplace: [] }
}
function emptyTests(): TestRows & { confirms: number[] } {
  return { index: [], person: [], method: [], status: [], plannedOn: [], sampleDate: [], resultDate: [], result: [], ct: [], lab: [], pool: [], retestOfPool: [], campaign: [], confirms: [] }
}
function emptyCases(): CaseRows {
  return {
    index: [],
    person: [],
    code: [],
    classification: [],
    onsetDate: [],
    sampleDate: [],
    confirmedDate: [],
    isolatedOn: [],
    foundBy: [],
    sourceKind: [],
    sourceCountry: [],
    sourceTravel: [],
    sourceCase: [],
    cluster: [],
    infectionPlace: [],
    symptoms: [],
    severity: [],
    outcome: [],
    outcomeDate: [],
    transferredTo: [],
    isolationPlace: [],
    confirmingTest: [],
  }
}
function emptyExposures(): ExposureRows {
  return { person: [], sourcePerson: [], exposedOn: [], place: [], setting: [], f1Criteria: [] }
}
