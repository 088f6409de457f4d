import { Random } from '../../domain/demo/random.ts'
import type { Checklist } from '../../domain/safety/checklist.ts'
import { shiftDay } from '../../domain/surveillance/followup.ts'
import { vnDate } from '../../domain/text/dates.ts'
import { createPlan, followUp, recordInspection, recordRecognition, type ViolationInput } from '../contexts/enforcement/service.ts'
import * as safetyRepo from '../contexts/safety/repo.ts'
import { getUnit } from '../contexts/units/service.ts'
import type { Ctx } from '../platform/context.ts'

/**
 * Inspections of the demo province's facilities (after demo/safety.ts): a plan for Phú Quốc's
 * hotels and one for Rạch Giá's markets, a visit to each of their first facilities with findings
 * scored against the facility's checklist (some poor, which then show on the public map over the
 * self-assessment), violations with their legal basis and sanction followed up (some closed), and
 * commendations and discipline of the communes' bodies. Seeded with its own generator.
 */

const PQ = '31078'
const RG = '30742'

const VIOLATIONS: ViolationInput[] = [
  { description: 'Không tổ chức khai báo y tế, đo thân nhiệt cho khách lưu trú.', legalBasis: 'Nghị định 117/2020/NĐ-CP (lĩnh vực y tế)', sanction: 'fine', fineAmount: 3_000_000 },
  { description: 'Không bố trí nơi rửa tay, dung dịch sát khuẩn tại lối vào.', legalBasis: 'Nghị định 117/2020/NĐ-CP (lĩnh vực y tế)', sanction: 'warning' },
  { description: 'Tiểu thương không đeo khẩu trang, không giữ khoảng cách giữa các sạp.', legalBasis: 'Chỉ thị phòng, chống dịch của UBND tỉnh đang có hiệu lực', sanction: 'fine', fineAmount: 1_000_000 },
  { description: 'Tái phạm sau khi đã bị nhắc nhở; không có phương án xử lý khi có người nghi nhiễm.', legalBasis: 'Nghị định 117/2020/NĐ-CP (lĩnh vực y tế)', sanction: 'suspension', sanctionNote: 'Tạm dừng hoạt động 7 ngày để khắc phục.' },
]

/** Answers to every item: the best option, or for a poor finding the worst on about half of them. */
function answersFor(c: Checklist, rng: Random, poor: boolean): Record<string, string> {
  const best = c.banding.direction === 'safety' ? (a: number, b: number) => b - a : (a: number, b: number) => a - b
  return Object.fromEntries(
    c.items.map((i) => {
      const sorted = [...i.options].sort((x, y) => best(x.points, y.points))
      return [i.id, (poor && rng.chance(0.5) ? sorted[sorted.length - 1] : sorted[0])!.id]
    }),
  )
}

export async function seedEnforcement(ctx: Ctx): Promise<number> {
  const province = await getUnit(ctx, '91')
  if (await ctx.db.selectFrom('inspectionPlans').select('id').where('unitPath', 'like', `${province.path}%`).limit(1).executeTakeFirst()) return 0
  const rng = new Random(20211101)
  const today = vnDate(ctx.now())
  let n = 0
  const rounds = [
    { unit: PQ, kinds: ['hotel', 'homestay'], title: 'Kiểm tra phòng, chống dịch tại cơ sở lưu trú du lịch Phú Quốc', team: 'Đoàn kiểm tra liên ngành đặc khu Phú Quốc', count: 8 },
    { unit: RG, kinds: ['market', 'supermarket'], title: 'Kiểm tra phòng, chống dịch tại chợ, siêu thị phường Rạch Giá', team: 'Tổ kiểm tra phường Rạch Giá', count: 6 },
  ]
  for (const r of rounds) {
    const unit = await getUnit(ctx, r.unit)
    const plan = await createPlan(ctx, { unitCode: r.unit, title: r.title, team: r.team, startsOn: shiftDay(today, -14), endsOn: shiftDay(today, 7) })
    const facilities = await ctx.db
      .selectFrom('safetyFacilities')
      .select('id')
      .where('unitPath', 'like', `${unit.path}%`)
      .where('kind', 'in', r.kinds as never[])
      .orderBy('id')
      .limit(r.count)
      .execute()
    for (const [i, { id }] of facilities.entries()) {
      const f = await safetyRepo.findFacility(ctx.db, ctx.access, id)
      if (!f) continue
      const checklist = await safetyRepo.checklistFor(ctx.db, f.unitPath, f.checklistKey, f.kind)
      if (!checklist) continue
      const poor = i % 3 === 0
      const violations = poor ? [VIOLATIONS[(i / 3 + (r.unit === RG ? 2 : 0)) % VIOLATIONS.length]!] : []
      const done = await recordInspection(ctx, {
        facilityId: id,
        planId: plan.id,
        visitedOn: shiftDay(today, -12 + i),
        inspectors: r.team,
        answers: answersFor(checklist.definition, rng, poor),
        note: poor ? 'Cơ sở chưa bảo đảm các tiêu chí bắt buộc; lập biên bản.' : null,
        violations: violations.map((v) => ({ ...v, dueOn: shiftDay(today, -5 + i) })),
      })
      n++
      for (const [k, violationId] of done.violationIds.entries()) {
        await followUp(ctx, violationId, { on: shiftDay(today, -10 + i), note: 'Đã nhắc nhở người đứng đầu cơ sở, hẹn kiểm tra lại.' })
        if ((i + k) % 2 === 0) await followUp(ctx, violationId, { on: shiftDay(today, -8 + i), note: 'Kiểm tra lại: cơ sở đã khắc phục.', closes: true })
      }
    }
  }
  const orgs = await ctx.db.selectFrom('orgs').select(['id', 'key']).where('key', 'in', ['30742_ubnd', '31078_ubnd', '30742_tyt', 'so_yte']).orderBy('key').execute()
  for (const o of orgs) {
    await recordRecognition(ctx, {
      kind: 'commendation',
      orgId: o.id,
      form: o.key === 'so_yte' ? 'Bằng khen của Chủ tịch UBND tỉnh' : 'Giấy khen',
      reason: 'Hoàn thành tốt đợt kiểm tra phòng, chống dịch tại cơ sở kinh doanh, lưu trú.',
      decisionRef: `${100 + n}/QĐ-UBND`,
      decidedOn: shiftDay(today, -3),
    })
    n++
  }
  const pq = orgs.find((o) => o.key === '31078_ubnd')
  if (pq) {
    await recordRecognition(ctx, { kind: 'discipline', orgId: pq.id, form: 'Nhắc nhở', reason: 'Chậm báo cáo kết quả kiểm tra cơ sở lưu trú.', decisionRef: `${100 + n}/QĐ-UBND`, decidedOn: shiftDay(today, -2) })
    n++
  }
  await recordRecognition(ctx, {
    kind: 'commendation',
    personName: 'Lê Thị Kim Thoa',
    personTitle: 'Tổ trưởng tổ kiểm tra phường',
    unitCode: RG,
    form: 'Giấy khen',
    reason: 'Kiểm tra đầy đủ, kịp thời các chợ, siêu thị trên địa bàn.',
    decisionRef: `${100 + n}/QĐ-UBND`,
    decidedOn: shiftDay(today, -1),
  })
  n++
  await recordRecognition(ctx, {
    kind: 'discipline',
    personName: 'Nguyễn Văn Tâm',
    personTitle: 'Cán bộ phụ trách chợ',
    unitCode: RG,
    form: 'Khiển trách',
    reason: 'Buông lỏng kiểm tra việc thực hiện biện pháp phòng dịch tại chợ.',
    decisionRef: `${100 + n}/QĐ-UBND`,
    decidedOn: shiftDay(today, -1),
  })
  return n + 1
}
