import type { BedKind } from '../../../domain/care/codes.ts'
import type { UnitCoverage } from '../../../domain/vaccination/coverage.ts'
import { AGE_GROUP_VI, AGE_GROUPS, MEASURE_VI } from '../../../domain/vaccination/groups.ts'
import type { Pace } from '../../../domain/vaccination/pace.ts'
import type { Picture } from '../directives/render/canvas.ts'
import { pack } from '../directives/render/docxKit.ts'
import { numberLine, placeDateLine, shortDate } from '../directives/render/format.ts'
import type { Block, SynthesisContent, TableBlock } from '../directives/render/synthesisContent.ts'
import { synthesisDocument } from '../directives/render/synthesisDocx.ts'
import { synthesisPdf } from '../directives/render/synthesisPdf.ts'
import type { TargetRow } from '../vaccination/repo.ts'
import { type CurveSeries, coverageChart, epiCurveChart } from './dailyReportCharts.ts'
import { levelsMap, type MapCommune } from './dailyReportMap.ts'

/**
 * The daily situation report as layout-neutral blocks (the directives' report kit draws them as a
 * Word or PDF document in the state layout of Decree 30/2020/NĐ-CP, ready to sign): cases today and
 * over 7 days by commune, contacts by degree, tests, quarantine and treatment occupancy, vaccination
 * coverage against the target, and the week's levels with the communes whose level changes; with
 * the epidemic curve, the coverage chart and the levels map, drawn where the document is written.
 */

export interface DailyReport {
  unit: { code: string; name: string; level: string }
  date: string
  place: string
  issuerParent: string
  issuer: string
  cases: { today: number; last7Days: number; active: number } | null
  casesByCommune: { code: string; name: string; today: number; last7Days: number; per100k: number | null }[]
  /** Cases by day of confirmation over the last 30 days, by source. */
  curve: CurveSeries | null
  contacts: { byDegree: Record<string, number>; underFollowup: number } | null
  tests: { sampledToday: number; resultsToday: number; positiveToday: number; results7Days: number; positive7Days: number; positivity7Days: number | null } | null
  quarantine: { capacity: number; atFacilities: number; atHome: number; releasesTomorrow: number; arrivalsTomorrow: number } | null
  care: { beds: { tier: number; kind: BedKind; beds: number; occupied: number }[]; homeCare: number; freePer100k: number | null } | null
  vaccination: { totals: UnitCoverage; target: TargetRow | null; progress: Pace | null; behind: number; communes: number } | null
  levels: {
    week: string
    weekStart: string
    weekEnd: string
    ruleSet: string
    counts: Record<'1' | '2' | '3' | '4', number>
    assessed: number
    communes: number
    derived: number | null
    changes: { name: string; from: number | null; to: number; status: string }[]
  } | null
  /** The communes' outlines (GeoJSON text) and their level in force on `date`. */
  map: { date: string; communes: MapCommune[] } | null
  /** Sections the requester may not read, left out. */
  omitted: string[]
}

/** Communes listed one by one in the cases table; the others are summed in one line. */
export const CASE_ROWS_LIMIT = 60

const NUMBER = new Intl.NumberFormat('vi-VN')
const n = (x: number) => NUMBER.format(x)
const pct = (share: number | null) => (share === null ? '—' : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(share * 100)}%`)
const ratio = (part: number, whole: number) => (whole > 0 ? pct(part / whole) : '—')

const LEVEL_NAMES: Record<number, string> = { 1: 'Cấp 1 (nguy cơ thấp, xanh)', 2: 'Cấp 2 (nguy cơ trung bình, vàng)', 3: 'Cấp 3 (nguy cơ cao, cam)', 4: 'Cấp 4 (nguy cơ rất cao, đỏ)' }
const BED_VI: Record<BedKind, string> = { regular: 'Thường', oxygen: 'Có ô xy', icu: 'Hồi sức tích cực', ventilator: 'Thở máy' }
const TIER_VI: Record<number, string> = { 1: 'Tầng 1', 2: 'Tầng 2', 3: 'Tầng 3' }
const PACE_VI: Record<Pace['status'], string> = { met: 'đã đạt', on_track: 'đúng tiến độ', behind: 'chậm tiến độ', missed: 'không đạt khi hết hạn', no_population: 'chưa có dân số' }

function table(columns: [string, number, 'left' | 'center' | 'right'][], rows: string[][]): TableBlock {
  return { kind: 'table', columns: columns.map(([title, share, align]) => ({ title, share, align })), rows: rows.map((cells) => ({ kind: 'data', cells })) }
}

/** The report's pictures, each drawn where the document is written. */
export interface Figures {
  curve?: Picture
  coverage?: Picture
  map?: Picture
}

/** The picture of `key` as an image block with its numbered caption ("Biểu đồ 1. …"), or nothing. */
type Figure = (key: keyof Figures, caption: string, alt: string) => Block[]

function numbering(figures: Figures): Figure {
  const count = { chart: 0, map: 0 }
  return (key, caption, alt) => {
    const p = figures[key]
    if (!p) return []
    const label = key === 'map' ? `Bản đồ ${++count.map}` : `Biểu đồ ${++count.chart}`
    return [{ kind: 'image', png: p.png, width: p.width, height: p.height, caption: `${label}. ${caption}`, alt }]
  }
}

/** Draws the charts and the map of the report, one canvas at a time. */
export function dailyReportFigures(r: DailyReport): Figures {
  const out: Figures = {}
  if (r.curve) out.curve = epiCurveChart(r.curve)
  const v = r.vaccination
  if (v && [...Object.values(v.totals.groups), v.totals.all].some((g) => g.population > 0)) {
    out.coverage = coverageChart({ totals: v.totals, target: v.target ? { measure: v.target.measure, ageGroups: v.target.ageGroups, share: v.target.share } : null })
  }
  const map = r.map ? levelsMap(r.map.communes) : null
  if (map) out.map = map
  return out
}

function casesBlocks(r: DailyReport, figure: Figure): Block[] {
  if (!r.cases) return []
  const out: Block[] = [
    { kind: 'subheading', text: '1. Ca mắc' },
    {
      kind: 'paragraph',
      text: `Trong ngày ${shortDate(r.date)} ghi nhận ${n(r.cases.today)} ca mắc mới; 7 ngày qua (từ ${shortDate(shiftIso(r.date, -6))}) ghi nhận ${n(r.cases.last7Days)} ca; đang điều trị, theo dõi ${n(r.cases.active)} ca.`,
    },
  ]
  if (r.curve) {
    const total = r.curve.days.reduce((a, d) => a + d.imported + d.linked + d.unknown, 0)
    out.push(
      ...figure(
        'curve',
        `Số ca mắc mới theo ngày xác định và nguồn lây, từ ${shortDate(r.curve.from)} đến ${shortDate(r.curve.to)}`,
        `Biểu đồ cột chồng số ca mắc mới từng ngày trong 30 ngày (tổng ${n(total)} ca), chia theo ca nhập cảnh, ca liên quan ca bệnh hoặc ổ dịch và ca chưa rõ nguồn lây.`,
      ),
    )
  }
  if (r.casesByCommune.length > 0) {
    const shown = r.casesByCommune.slice(0, CASE_ROWS_LIMIT)
    const rest = r.casesByCommune.slice(CASE_ROWS_LIMIT)
    const rows = shown.map((c, i) => [String(i + 1), c.name, n(c.today), n(c.last7Days), c.per100k === null ? '—' : new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(c.per100k)])
    if (rest.length > 0) rows.push(['', `${n(rest.length)} xã, phường khác`, n(rest.reduce((a, c) => a + c.today, 0)), n(rest.reduce((a, c) => a + c.last7Days, 0)), ''])
    rows.push(['', 'Tổng cộng', n(r.cases.today), n(r.cases.last7Days), ''])
    out.push(
      table(
        [
          ['STT', 8, 'center'],
          ['Xã, phường, đặc khu', 40, 'left'],
          ['Ca mới trong ngày', 16, 'right'],
          ['Ca mới 7 ngày', 16, 'right'],
          ['Ca/100.000 dân (7 ngày)', 20, 'right'],
        ],
        rows,
      ),
    )
  }
  return out
}

function contactsAndTests(r: DailyReport): Block[] {
  const out: Block[] = []
  if (r.contacts) {
    const degrees = Object.entries(r.contacts.byDegree).sort(([a], [b]) => Number(a) - Number(b))
    const total = degrees.reduce((a, [, x]) => a + x, 0)
    out.push(
      { kind: 'subheading', text: '2. Người tiếp xúc' },
      {
        kind: 'paragraph',
        text: `Tổng số người tiếp xúc đã xác định: ${n(total)}${degrees.length ? ` (${degrees.map(([d, x]) => `F${d}: ${n(x)}`).join('; ')})` : ''}; đang theo dõi sức khỏe: ${n(r.contacts.underFollowup)} người.`,
      },
    )
  }
  if (r.tests) {
    const t = r.tests
    out.push(
      { kind: 'subheading', text: '3. Xét nghiệm' },
      {
        kind: 'paragraph',
        text: `Trong ngày lấy ${n(t.sampledToday)} mẫu; có kết quả ${n(t.resultsToday)} mẫu, dương tính ${n(t.positiveToday)}. 7 ngày qua có kết quả ${n(t.results7Days)} mẫu, dương tính ${n(t.positive7Days)}, tỷ lệ dương tính ${pct(t.positivity7Days)}.`,
      },
    )
  }
  return out
}

function quarantineAndCare(r: DailyReport): Block[] {
  const out: Block[] = []
  if (r.quarantine) {
    const q = r.quarantine
    out.push(
      { kind: 'subheading', text: '1. Cách ly y tế' },
      {
        kind: 'paragraph',
        text: `Cách ly tập trung: ${n(q.atFacilities)} người trên tổng sức chứa ${n(q.capacity)} (${ratio(q.atFacilities, q.capacity)}); cách ly tại nhà, nơi lưu trú: ${n(q.atHome)} người. Ngày mai dự kiến hoàn thành cách ly ${n(q.releasesTomorrow)} người, tiếp nhận ${n(q.arrivalsTomorrow)} người.`,
      },
    )
  }
  if (r.care) {
    const c = r.care
    const beds = c.beds.reduce((a, b) => a + b.beds, 0)
    const occupied = c.beds.reduce((a, b) => a + b.occupied, 0)
    out.push(
      { kind: 'subheading', text: '2. Thu dung, điều trị' },
      {
        kind: 'paragraph',
        text: `Các cơ sở thu dung, điều trị có ${n(beds)} giường, đang điều trị ${n(occupied)} người bệnh (${ratio(occupied, beds)} công suất)${c.freePer100k === null ? '' : `; giường còn trống ${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(c.freePer100k)}/100.000 dân`}; F0 đang được chăm sóc tại nhà: ${n(c.homeCare)} người.`,
      },
    )
    if (c.beds.length > 0) {
      out.push(
        table(
          [
            ['Tầng điều trị', 20, 'left'],
            ['Loại giường', 26, 'left'],
            ['Số giường', 18, 'right'],
            ['Đang điều trị', 18, 'right'],
            ['Công suất', 18, 'right'],
          ],
          c.beds.map((b) => [TIER_VI[b.tier] ?? `Tầng ${b.tier}`, BED_VI[b.kind], n(b.beds), n(b.occupied), ratio(b.occupied, b.beds)]),
        ),
      )
    }
  }
  return out
}

function vaccinationBlocks(r: DailyReport, figure: Figure): Block[] {
  const v = r.vaccination
  if (!v) return []
  const g = v.totals
  const row = (label: string, x: UnitCoverage['all']) => [label, n(x.population), n(x.atLeastOne), pct(x.atLeastOneShare), n(x.fully), pct(x.fullyShare), n(x.boosted)]
  const out: Block[] = [
    table(
      [
        ['Nhóm', 24, 'left'],
        ['Dân số', 14, 'right'],
        ['Ít nhất 1 mũi', 13, 'right'],
        ['Tỷ lệ', 10, 'right'],
        ['Đủ liều cơ bản', 13, 'right'],
        ['Tỷ lệ', 10, 'right'],
        ['Nhắc lại', 16, 'right'],
      ],
      [...AGE_GROUPS.map((a) => row(AGE_GROUP_VI[a], g.groups[a])), row('Từ 18 tuổi trở lên', g.adults), row('Nhóm nguy cơ cao', g.highRisk), row('Toàn bộ (từ 5 tuổi)', g.all)],
    ),
  ]
  if (v.target && v.progress) {
    const p = v.progress
    out.push({
      kind: 'paragraph',
      text: `Mục tiêu "${v.target.name}" (${MEASURE_VI[v.target.measure].toLowerCase()} ${pct(v.target.share)} đến ngày ${shortDate(v.target.deadline)}): đạt ${pct(p.share)}, ${PACE_VI[p.status]}${p.perDayNeeded !== null && p.status !== 'met' ? `; cần tiêm ${n(Math.ceil(p.perDayNeeded))} người/ngày (7 ngày qua bình quân ${n(Math.round(p.recentPerDay))} người/ngày)` : ''}; ${n(v.behind)}/${n(v.communes)} xã, phường chậm tiến độ hoặc không đạt.`,
    })
  }
  out.push(
    ...figure(
      'coverage',
      `Tỷ lệ tiêm vắc xin theo nhóm tuổi đến ngày ${shortDate(r.date)}${v.target ? ', so với mục tiêu' : ''}`,
      `Biểu đồ cột tỷ lệ dân số đã tiêm ít nhất 1 mũi, tiêm đủ liều cơ bản và tiêm nhắc lại theo từng nhóm tuổi và toàn bộ${v.target ? `; đường nét đứt là mục tiêu ${pct(v.target.share)}` : ''}.`,
    ),
  )
  return out
}

function levelsBlocks(r: DailyReport, figure: Figure): Block[] {
  const l = r.levels
  if (!l) return []
  const counts = ([1, 2, 3, 4] as const).map((k) => `cấp ${k}: ${n(l.counts[String(k) as '1'])}`).join('; ')
  const out: Block[] = [
    {
      kind: 'paragraph',
      text: `Tuần ${l.week} (từ ${shortDate(l.weekStart)} đến ${shortDate(l.weekEnd)}), theo ${l.ruleSet}: đã đánh giá ${n(l.assessed)}/${n(l.communes)} xã, phường (${counts})${l.derived ? `; cấp độ chung: ${LEVEL_NAMES[l.derived]}` : ''}. ${l.changes.length ? `Có ${n(l.changes.length)} xã, phường thay đổi cấp độ so với cấp đang áp dụng:` : 'Không có xã, phường nào thay đổi cấp độ so với cấp đang áp dụng.'}`,
    },
  ]
  if (l.changes.length) {
    out.push(
      table(
        [
          ['STT', 8, 'center'],
          ['Xã, phường, đặc khu', 40, 'left'],
          ['Cấp đang áp dụng', 17, 'center'],
          ['Cấp tuần này', 17, 'center'],
          ['Thay đổi', 18, 'center'],
        ],
        l.changes.map((c, i) => [String(i + 1), c.name, c.from === null ? '—' : String(c.from), String(c.to), c.from !== null && c.to > c.from ? 'Tăng' : 'Giảm']),
      ),
    )
  }
  if (r.map) {
    const communes = r.map.communes
    const count = (level: number | null) => n(communes.filter((c) => c.level === level).length)
    out.push(
      ...figure(
        'map',
        `Cấp độ dịch đang áp dụng tại các xã, phường, đặc khu ngày ${shortDate(r.map.date)}`,
        `Bản đồ ${n(communes.length)} xã, phường, đặc khu tô màu theo cấp độ dịch đang áp dụng: cấp 1 màu xanh (${count(1)}), cấp 2 màu vàng (${count(2)}), cấp 3 màu cam (${count(3)}), cấp 4 màu đỏ (${count(4)}), chưa có cấp độ màu xám (${count(null)}).`,
      ),
    )
  }
  return out
}

function shiftIso(day: string, by: number): string {
  const t = new Date(`${day}T00:00:00Z`)
  t.setUTCDate(t.getUTCDate() + by)
  return t.toISOString().slice(0, 10)
}

/** "Tỉnh An Giang" inside a sentence: "tỉnh An Giang". */
const inSentence = (name: string) => name.replace(/^\S+/, (w) => w.toLocaleLowerCase('vi'))

/** The report as blocks; `figures` are its pictures, left out when not drawn. */
export function dailyReportContent(r: DailyReport, figures: Figures = {}): SynthesisContent {
  const section = (roman: string, title: string, blocks: Block[]): Block[] => (blocks.length ? [{ kind: 'heading', text: `${roman}. ${title}` }, ...blocks] : [])
  const figure = numbering(figures)
  const parts: [string, Block[]][] = [
    ['TÌNH HÌNH DỊCH BỆNH', [...casesBlocks(r, figure), ...contactsAndTests(r)]],
    ['CÁCH LY Y TẾ, THU DUNG, ĐIỀU TRỊ', quarantineAndCare(r)],
    ['TIÊM CHỦNG VẮC XIN', vaccinationBlocks(r, figure)],
    ['CẤP ĐỘ DỊCH', levelsBlocks(r, figure)],
  ]
  const ROMAN = ['I', 'II', 'III', 'IV', 'V']
  const blocks: Block[] = [
    { kind: 'paragraph', text: `Ban Chỉ đạo phòng, chống dịch ${inSentence(r.unit.name)} báo cáo nhanh tình hình dịch COVID-19 đến ngày ${shortDate(r.date)} như sau:` },
  ]
  let i = 0
  for (const [title, b] of parts) {
    const s = section(ROMAN[i]!, title, b)
    if (s.length) i++
    blocks.push(...s)
  }
  if (r.omitted.length) blocks.push({ kind: 'paragraph', text: `(Không gồm phần ${r.omitted.join(', ').toLowerCase()}: người lập báo cáo không có quyền xem.)` })
  blocks.push({ kind: 'paragraph', text: `Số liệu tổng hợp từ hệ thống đến thời điểm lập báo cáo. Ban Chỉ đạo phòng, chống dịch ${inSentence(r.unit.name)} kính báo cáo./.` })
  return {
    system: 'state',
    issuerParent: r.issuerParent,
    issuer: r.issuer,
    numberLine: numberLine('state', '\u00a0\u00a0\u00a0\u00a0\u00a0/BC-BCĐ'),
    placeDate: placeDateLine(r.place, r.date),
    typeName: 'BÁO CÁO',
    title: `Tình hình dịch COVID-19 ngày ${shortDate(r.date)}`,
    blocks,
    authorityLines: ['TM. BAN CHỈ ĐẠO', 'TRƯỞNG BAN'],
    signer: '',
  }
}

const RECIPIENTS = ['- Ban Chỉ đạo quốc gia (để b/c);', '- Thường trực Tỉnh ủy, HĐND, UBND (để b/c);', '- Thành viên Ban Chỉ đạo;', '- Lưu: VT.']
const title = (r: DailyReport) => `Báo cáo nhanh tình hình dịch ngày ${shortDate(r.date)} — ${r.unit.name}`

/** Draws the figures and writes the Word document (in a worker thread: see workers/tasks.ts). */
export async function renderDailyReportDocx(r: DailyReport): Promise<Buffer> {
  return pack(synthesisDocument(dailyReportContent(r, dailyReportFigures(r)), title(r), RECIPIENTS))
}

/** Draws the figures and writes the PDF (in a worker thread). */
export async function renderDailyReportPdf(r: DailyReport): Promise<Buffer> {
  return synthesisPdf(dailyReportContent(r, dailyReportFigures(r)), title(r))
}
