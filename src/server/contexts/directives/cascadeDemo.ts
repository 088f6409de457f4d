import { addDays, formatISO, parseISO } from 'date-fns'
import { sql } from 'kysely'
import type { Random } from '../../../domain/demo/random.ts'
import { vnDate } from '../../../domain/text/dates.ts'
import type { Ctx } from '../../platform/context.ts'
import * as orgRepo from '../orgs/repo.ts'
import * as cr from './cascadeRepo.ts'
import * as repo from './repo.ts'
import { refreshAssignments } from './service.ts'

/** The communes of the demo whose bodies receive provincial tasks passed on (they have hamlets and users). */
const COMMUNES = ['30742', '31078', '30769', '30316']

/**
 * Who passes which work on: the province's People's Committee (or its Party delegation) to the
 * communes' committees, the Sở Y tế to the health stations.
 */
const PLANS = [
  { from: ['ubnd', 'bcsd_ubnd'], to: 'ubnd' },
  { from: ['so_yte'], to: 'tyt' },
] as const

const iso = (d: Date) => formatISO(d, { representation: 'date' })

/**
 * Demo: the most recent open task of UBND tỉnh and of the Sở Y tế passed on to the bodies of four
 * communes, with a deadline of their own and a spread of reports (done and accepted, in progress,
 * nothing yet), so "việc của tôi" and the roll-up have something to show.
 */
export async function seedDemoCascade(ctx: Ctx, rng: Random): Promise<number> {
  const done = await sql<{ one: number }>`SELECT 1 AS one FROM task_assignments WHERE parent_assignment_id IS NOT NULL LIMIT 1`.execute(ctx.db)
  if (done.rows.length) return 0
  const ids = await orgRepo.idsByKey(ctx.db)
  const today = vnDate(ctx.now())
  const directives = new Set<number>()
  let created = 0
  for (const plan of PLANS) {
    const from = plan.from.map((k) => ids.get(k)).filter((id): id is number => id !== undefined)
    if (from.length === 0) continue
    const [parent] = await repo
      .allAssignments(ctx.db)
      .where('a.orgId', 'in', from)
      .where('a.role', '=', 'lead')
      .where('a.status', '<>', 'done')
      .where('d.status', '<>', 'draft')
      .orderBy('d.issuedOn', 'desc')
      .orderBy('t.position')
      .limit(1)
      .execute()
    if (!parent) continue
    const targets = COMMUNES.map((c) => ids.get(`${c}_${plan.to}`)).filter((id): id is number => id !== undefined)
    const issued = parseISO(parent.issuedOn ?? today)
    // A few days before the task's own deadline, or two weeks on when it has none.
    const deadline = parent.deadline ? iso(addDays(parseISO(parent.deadline), -1)) : iso(addDays(parseISO(today), 14))
    const subs = await cr.insertSubAssignments(ctx.db, { id: parent.id, taskId: parent.taskId }, targets, [deadline, iso(issued)].sort().at(-1)!, iso(issued))
    created += subs.length
    directives.add(parent.directiveId)
    const rows = await repo.allAssignments(ctx.db).where('a.id', 'in', subs.length ? subs : [0]).orderBy('a.id').execute()
    const span = Math.max(1, Math.round((parseISO(today).getTime() - issued.getTime()) / 86_400_000))
    for (const a of rows) {
      const roll = rng.next()
      if (roll < 0.3) continue // nothing reported yet
      const finished = roll > 0.6
      const submittedAt = addDays(issued, Math.min(span - 1, rng.int(1, 3)))
      const id = await repo.insertReport(ctx.db, {
        assignmentId: a.id,
        text: finished
          ? `${a.orgName} đã hoàn thành nhiệm vụ được giao; biên bản kiểm tra gửi kèm.`
          : `${a.orgName} đang triển khai: đã phân công cán bộ, tiến độ khoảng ${rng.int(3, 7) * 10}%.`,
        status: finished ? 'done' : 'in_progress',
        percent: finished ? 100 : rng.int(3, 7) * 10,
        submittedBy: null,
        submittedAt,
      })
      if (finished) await repo.setReview(ctx.db, id, { review: 'accepted', reviewComment: null, reviewedBy: null, reviewedAt: submittedAt })
    }
  }
  for (const directiveId of directives) await refreshAssignments(ctx, { directiveId })
  return created
}
