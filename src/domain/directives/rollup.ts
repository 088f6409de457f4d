import type { TaskStatus } from '../documents/render-types.ts'

/** Where one assignment stands, as stored. */
export interface StandingFacts {
  status: TaskStatus
  /** The earliest due date missed, when late. */
  overdueSince: string | null
  percent: number | null
  /** The day the work was completed, when done. */
  completedOn: string | null
}

export interface RollUpInput {
  /** The parent body's own standing, from its own reports. */
  own: StandingFacts
  /** The parent's deadline (its own or the task's); null: none. */
  deadline: string | null
  /** Its sub-assignments, as stored. */
  subs: StandingFacts[]
  /** Today, ISO. */
  today: string
}

/**
 * The standing of an assignment that was cascaded to sub-assignments, from its own and theirs:
 *
 * - no sub-assignments: its own standing;
 * - done: its own completion report was accepted (the issuer's decision stands), or every
 *   sub-assignment is done (each report accepted by the parent body or the Office); completed on
 *   its own completion day, or the day the last sub-assignment was completed;
 * - late: it is late itself, or a sub-assignment is not done once the parent's deadline has passed
 *   (late since that deadline), or, when the parent has no deadline, a sub-assignment is late (since
 *   the sub-assignment's missed date); the earliest of these;
 * - on time: it or any sub-assignment has reported (a sub-assignment late before the parent's
 *   deadline still leaves the parent time to catch up);
 * - not started: nothing reported anywhere.
 *
 * The percentage is its own last one, or else the mean of the sub-assignments' (done counts 100).
 */
export function rollUp(f: RollUpInput): StandingFacts {
  const { own, subs, deadline, today } = f
  if (subs.length === 0) return own
  const subPercent = Math.round(subs.reduce((s, x) => s + (x.status === 'done' ? 100 : (x.percent ?? 0)), 0) / subs.length)
  const percent = own.percent ?? subPercent
  if (own.status === 'done') return own
  if (subs.every((s) => s.status === 'done')) {
    const days = subs.map((s) => s.completedOn).filter((d): d is string => d !== null)
    return { status: 'done', overdueSince: null, percent: 100, completedOn: days.length ? days.sort().at(-1)! : today }
  }
  const deadlinePassed = deadline !== null && deadline < today
  const since: string[] = []
  if (own.status === 'late' && own.overdueSince) since.push(own.overdueSince)
  for (const s of subs) {
    if (s.status === 'done') continue
    if (deadline === null) {
      if (s.status === 'late') since.push(s.overdueSince ?? today)
    } else if (deadlinePassed) since.push(deadline)
  }
  if (own.status === 'late' || since.length > 0) return { status: 'late', overdueSince: since.sort()[0] ?? own.overdueSince, percent, completedOn: null }
  const started = own.status !== 'not_started' || subs.some((s) => s.status !== 'not_started')
  return { status: started ? 'on_time' : 'not_started', overdueSince: null, percent: started ? percent : own.percent, completedOn: null }
}
