import { addDays, formatISO, parseISO } from 'date-fns'
import type { Cadence, DocumentType, SigningAuthority } from '../../../domain/documents/types.ts'
import type { Random } from '../../../domain/demo/random.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import type { Ctx } from '../../platform/context.ts'
import * as orgRepo from '../orgs/repo.ts'
import { getUnit } from '../units/service.ts'
import * as repo from './repo.ts'
import { refreshAssignments } from './service.ts'

const DOC_CODES: Record<string, string> = { tu: 'TU', btv: 'TU', vptu: 'VPTU', ubnd: 'UBND', bcd: 'BCĐ', so_yte: 'SYT' }

interface DemoTask {
  text: string
  lead: string[]
  coordinating?: string[]
  deadlineIn?: number
  cadence: Cadence
}
interface DemoDirective {
  ageDays: number
  system: 'party' | 'state'
  type: DocumentType
  issuer: string
  urgency?: 'HỎA TỐC' | 'KHẨN'
  summary: string
  addressees: string[]
  intro: string
  tasks: DemoTask[]
  /** `signedBy`: the body (orgs registry key) whose head signs; the position must be theirs there. */
  signing: { authority: SigningAuthority; actingFor: string; position: string; signedBy: string }
}

const weekly: Cadence = { kind: 'weekly' }
const once: Cadence = { kind: 'once' }

// Written for the demo province; any likeness to a real document is in the form, not the text.
const DIRECTIVES: DemoDirective[] = [
  {
    ageDays: 46,
    system: 'party',
    type: 'CT',
    issuer: 'btv',
    summary: 'về tăng cường lãnh đạo công tác phòng, chống dịch bệnh trong tình hình mới',
    addressees: ['Các đồng chí Tỉnh ủy viên', 'Các sở, ban, ngành, đoàn thể cấp tỉnh', 'Đảng ủy các xã, phường, đặc khu'],
    intro:
      'Thời gian gần đây, số ca mắc mới tại phường Rạch Giá, đặc khu Phú Quốc và các xã biên giới tăng nhanh, có ca chưa rõ nguồn lây. Để chủ động kiểm soát dịch, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể thực hiện tốt các nhiệm vụ sau:',
    tasks: [
      { text: 'Người đứng đầu cấp ủy, chính quyền các xã, phường, đặc khu trực tiếp chỉ đạo, chịu trách nhiệm toàn diện về công tác phòng, chống dịch trên địa bàn; báo cáo định kỳ hằng tuần.', lead: ['ubnd'], coordinating: ['mttq'], cadence: weekly },
      { text: 'Sở Y tế chủ trì, phối hợp với Công an tỉnh tổ chức điều tra dịch tễ, truy vết các trường hợp tiếp xúc, khoanh vùng ổ dịch trong 24 giờ kể từ khi phát hiện ca bệnh.', lead: ['so_yte'], coordinating: ['ca', 'cdc'], cadence: weekly },
      { text: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh tăng cường tuần tra, kiểm soát đường biên, lối mở, phát hiện và xử lý nghiêm các trường hợp nhập cảnh trái phép; hoàn thành rà soát các điểm tiếp giáp trước thời hạn.', lead: ['bdbp'], coordinating: ['bchqs', 'ca'], deadlineIn: 30, cadence: once },
      { text: 'Ban Tuyên giáo và Dân vận Tỉnh ủy chỉ đạo các cơ quan báo chí tuyên truyền thông điệp 5K, đấu tranh với thông tin sai sự thật về dịch bệnh.', lead: ['btgdv'], coordinating: ['bao_ptth'], cadence: { kind: 'monthly' } },
      { text: 'Văn phòng Tỉnh ủy theo dõi, đôn đốc, tổng hợp tình hình thực hiện Chỉ thị, báo cáo Ban Thường vụ Tỉnh ủy thường xuyên và đột xuất khi có yêu cầu.', lead: ['vptu'], cadence: { kind: 'regular', everyDays: 14 } },
    ],
    signing: { authority: 'TM', actingFor: 'BAN THƯỜNG VỤ', position: 'BÍ THƯ', signedBy: 'tu' },
  },
  {
    ageDays: 21,
    system: 'party',
    type: 'CV',
    issuer: 'btv',
    urgency: 'KHẨN',
    summary: 'V/v tăng cường quản lý người nhập cảnh và cách ly tập trung',
    addressees: ['Ban cán sự đảng UBND tỉnh', 'Đảng ủy Công an tỉnh', 'Đảng ủy Bộ đội Biên phòng tỉnh', 'Ủy ban MTTQ Việt Nam tỉnh'],
    intro: 'Trước nguy cơ dịch xâm nhập qua đường biên giới và cửa khẩu, Thường trực Tỉnh ủy đề nghị:',
    tasks: [
      { text: 'Ban cán sự đảng UBND tỉnh chỉ đạo bảo đảm đủ chỗ cách ly tập trung, không để lây nhiễm chéo trong khu cách ly; hoàn thành trước thời hạn.', lead: ['bcsd_ubnd'], coordinating: ['so_yte', 'bchqs'], deadlineIn: 10, cadence: once },
      { text: 'Đảng ủy Công an tỉnh chỉ đạo quản lý chặt chẽ lưu trú, tạm trú; kịp thời phát hiện người từ vùng dịch đến địa bàn.', lead: ['du_ca'], coordinating: ['ca'], cadence: weekly },
      { text: 'Ủy ban MTTQ Việt Nam tỉnh vận động nhân dân tham gia phong trào toàn dân phòng, chống dịch và xuất, nhập cảnh trái phép.', lead: ['mttq'], coordinating: ['tinh_doan', 'hlhpn'], deadlineIn: 40, cadence: once },
    ],
    signing: { authority: 'TM', actingFor: 'BAN THƯỜNG VỤ', position: 'BÍ THƯ', signedBy: 'tu' },
  },
  {
    ageDays: 6,
    system: 'state',
    type: 'CĐ',
    issuer: 'ubnd',
    urgency: 'HỎA TỐC',
    summary: 'về việc khẩn trương kiểm soát ổ dịch tại phường Rạch Giá và đặc khu Phú Quốc',
    addressees: ['Sở Y tế', 'Công an tỉnh', 'UBND phường Rạch Giá', 'UBND đặc khu Phú Quốc'],
    intro: 'Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:',
    tasks: [
      { text: 'Sở Y tế tổ chức xét nghiệm diện rộng tại các khu phố có ca bệnh, hoàn thành trong 5 ngày.', lead: ['so_yte'], coordinating: ['cdc'], deadlineIn: 5, cadence: once },
      { text: 'UBND phường Rạch Giá thiết lập vùng phong tỏa tạm thời, bảo đảm nhu yếu phẩm cho người dân trong vùng.', lead: ['30742_ubnd'], coordinating: ['ca'], deadlineIn: 3, cadence: once },
      { text: 'UBND đặc khu Phú Quốc rà soát du khách, người lao động từ vùng dịch đến; báo cáo hằng tuần.', lead: ['31078_ubnd'], cadence: weekly },
    ],
    // The registry's Phó Chủ tịch UBND tỉnh is the head of the Ban Bảo vệ, chăm sóc sức khỏe cán bộ.
    signing: { authority: 'KT', actingFor: 'CHỦ TỊCH', position: 'PHÓ CHỦ TỊCH', signedBy: 'bvsk' },
  },
]

const iso = (d: Date) => formatISO(d, { representation: 'date' })

/** Demo directives at different stages: done and accepted, on time, late, not started. */
export async function seedDemoDirectives(ctx: Ctx, rng: Random): Promise<number> {
  for (const [key, code] of Object.entries(DOC_CODES)) await orgRepo.setDocCode(ctx.db, key, code)
  const existing = await ctx.db.selectFrom('directives').select('id').limit(1).execute()
  if (existing.length) return 0
  const ids = await orgRepo.idsByKey(ctx.db)
  const heads = new Map((await ctx.db.selectFrom('orgs').select(['id', 'name', 'headName', 'headPosition']).execute()).map((o) => [o.id, o]))
  const province = await getUnit(ctx, '91')
  const today = parseISO(vnDate(ctx.now()))
  const counters = new Map<string, number>()
  for (const d of DIRECTIVES) {
    const issuerId = ids.get(d.issuer)!
    const issuer = heads.get(issuerId)!
    const issuedOn = iso(addDays(today, -d.ageDays))
    const counterKey = `${d.issuer}:${d.type}`
    const number = (counters.get(counterKey) ?? rng.int(20, 60)) + rng.int(1, 9)
    counters.set(counterKey, number)
    const code = DOC_CODES[d.issuer]!
    const symbol = d.system === 'party' ? `${number}-${d.type}/${code}` : `${number}/${d.type}-${code}`
    const { signedBy, ...signing } = d.signing
    const signer = heads.get(ids.get(signedBy)!)?.headName ?? ''
    const directiveId = await repo.insertDirective(ctx.db, {
      status: 'issued',
      system: d.system,
      docType: d.type,
      number: String(number),
      symbol,
      issuerOrgId: issuerId,
      issuerName: issuer.name,
      place: 'An Giang',
      issuedOn,
      urgency: d.urgency ?? null,
      secrecy: null,
      summary: d.summary,
      addressees: JSON.stringify(d.addressees.map((text) => ({ text }))),
      recipients: JSON.stringify([...d.addressees.map((text) => ({ text })), { text: 'Lưu Văn phòng' }]),
      body: d.intro,
      signing: JSON.stringify({ ...signing, signer }),
      sourceText: null,
      unitPath: province.path,
      createdBy: null,
      issuedAt: addDays(today, -d.ageDays),
    })
    let position = 0
    for (const t of d.tasks) {
      const taskId = await repo.insertTask(ctx.db, {
        directiveId,
        position,
        ref: String(++position),
        text: t.text,
        deadline: t.deadlineIn === undefined ? null : iso(addDays(parseISO(issuedOn), t.deadlineIn)),
        cadence: JSON.stringify(t.cadence),
      })
      const assignees = [...t.lead.map((k) => ({ k, role: 'lead' as const })), ...(t.coordinating ?? []).map((k) => ({ k, role: 'coordinating' as const }))]
      await repo.insertAssignments(ctx.db, assignees.filter((a) => ids.has(a.k)).map((a) => ({ taskId, orgId: ids.get(a.k)!, role: a.role, nameAsWritten: null })))
    }
    await seedReports(ctx, rng, directiveId, issuedOn, today)
    await refreshAssignments(ctx, { directiveId })
  }
  return DIRECTIVES.length
}

/** Some bodies report regularly, some finished, some fell behind: a realistic spread. */
async function seedReports(ctx: Ctx, rng: Random, directiveId: number, issuedOn: string, today: Date): Promise<void> {
  const rows = await repo.allAssignments(ctx.db).where('d.id', '=', directiveId).orderBy('a.id').execute()
  const start = parseISO(issuedOn)
  for (const a of rows) {
    const behaviour = rng.next()
    if (behaviour < 0.15) continue // never reported
    const span = Math.max(1, Math.round((today.getTime() - start.getTime()) / 86_400_000))
    const diligent = behaviour > 0.4
    let percent = 0
    for (let day = 6; day < span; day += diligent ? 7 : 16) {
      percent = Math.min(100, percent + rng.int(15, 35))
      const finished = percent >= 100 && a.role === 'lead'
      await repo.insertReport(ctx.db, {
        assignmentId: a.id,
        text: finished
          ? `${a.orgName} đã hoàn thành nhiệm vụ ${a.taskRef}; kết quả chi tiết gửi kèm.`
          : `${a.orgName} đang triển khai nhiệm vụ ${a.taskRef}: đã tổ chức quán triệt, phân công cán bộ phụ trách, tiến độ khoảng ${percent}%.`,
        status: finished ? 'done' : 'in_progress',
        percent: finished ? 100 : Math.min(percent, 95),
        submittedBy: null,
        submittedAt: addDays(start, day),
      })
      if (finished) break
    }
  }
  const reports = await repo.reportsOfAssignments(ctx.db, rows.map((r) => r.id))
  for (const r of reports) {
    const old = (today.getTime() - new Date(r.submittedAt).getTime()) / 86_400_000 > 3
    if (old) await repo.setReview(ctx.db, r.id, { review: 'accepted', reviewComment: null, reviewedBy: null, reviewedAt: new Date(r.submittedAt) })
  }
}
