import { addDays, addMonths, differenceInCalendarDays, formatISO, parseISO } from 'date-fns'
import type { TaskStatus } from '../documents/render-types.ts'
import type { Cadence } from '../documents/types.ts'

const iso = (d: Date) => formatISO(d, { representation: 'date' })

/**
 * The dates by which an assigned body must have reported, from the day the directive was issued
 * up to `until` (inclusive): the deadline for a one-off task, each period's end for a cadence.
 * A cadence stops at the deadline when there is one. Ad hoc reporting has no schedule.
 */
export function reportDueDates(cadence: Cadence, issuedOn: string, deadline: string | null, until: string): string[] {
  const end = deadline && deadline < until ? deadline : until
  const out: string[] = []
  const start = parseISO(issuedOn)
  const step = (n: number): Date | null => {
    switch (cadence.kind) {
      case 'once':
      case 'ad_hoc':
        return null
      case 'regular':
        return addDays(start, n * Math.max(1, cadence.everyDays))
      case 'weekly':
        return addDays(start, n * 7)
      case 'monthly':
        return addMonths(start, n)
    }
  }
  for (let n = 1; n < 1000; n++) {
    const d = step(n)
    if (!d || iso(d) > end) break
    out.push(iso(d))
  }
  if (deadline && deadline <= until && !out.includes(deadline)) out.push(deadline)
  return out
}

/** Largest step index reportDueDates considers (it stops before n = 1000). */
const MAX_STEPS = 999

/**
 * The first date in `reportDueDates(cadence, issuedOn, deadline, ∞)` on or after `day`, or null:
 * computed directly rather than by listing every date, since the sweep asks it for every open
 * assignment.
 */
export function firstDueOnOrAfter(cadence: Cadence, issuedOn: string, deadline: string | null, day: string): string | null {
  const start = parseISO(issuedOn)
  let step: ((n: number) => Date) | null = null
  let n = 1
  switch (cadence.kind) {
    case 'regular':
    case 'weekly': {
      const every = cadence.kind === 'weekly' ? 7 : Math.max(1, cadence.everyDays)
      step = (k) => addDays(start, k * every)
      n = Math.max(1, Math.ceil(differenceInCalendarDays(parseISO(day), start) / every))
      break
    }
    case 'monthly':
      step = (k) => addMonths(start, k)
      n = Math.max(1, (parseISO(day).getFullYear() - start.getFullYear()) * 12 + parseISO(day).getMonth() - start.getMonth() - 1)
      break
    default:
      step = null
  }
  let stepDate: string | null = null
  if (step) {
    while (n <= MAX_STEPS && iso(step(n)) < day) n++
    if (n <= MAX_STEPS) {
      const d = iso(step(n))
      if (!deadline || d <= deadline) stepDate = d
    }
  }
  const candidates = [stepDate, deadline && deadline >= day ? deadline : null].filter((d): d is string => d !== null)
  return candidates.sort()[0] ?? null
}

export interface ReportFact {
  /** ISO date the report was submitted (Vietnam time). */
  submittedOn: string
  status: 'in_progress' | 'done' | 'blocked'
  review: 'pending' | 'accepted' | 'returned'
}

export interface AssignmentFacts {
  cadence: Cadence
  issuedOn: string
  deadline: string | null
  reports: ReportFact[]
  /** Today, ISO. */
  today: string
}

export interface AssignmentState {
  status: TaskStatus
  /** The earliest due date that passed without a report, when late. */
  overdueSince: string | null
  /** The next date a report is due, if any. */
  nextDue: string | null
}

/**
 * Where one body stands on one task. Done: a completion report the Office accepted.
 * Late: a due date passed with no report submitted in its period (returned reports do not
 * count), or the deadline passed without completion. On time: reporting is up to date.
 * Not started: nothing reported and nothing due yet.
 */
export function assignmentState(f: AssignmentFacts): AssignmentState {
  const counted = f.reports.filter((r) => r.review !== 'returned').sort((a, b) => (a.submittedOn < b.submittedOn ? -1 : a.submittedOn > b.submittedOn ? 1 : 0))
  const upcoming = firstDueOnOrAfter(f.cadence, f.issuedOn, f.deadline, f.today)
  if (counted.some((r) => r.status === 'done' && r.review === 'accepted')) return { status: 'done', overdueSince: null, nextDue: null }
  // Due dates strictly before today: a report on the due date itself is in time.
  const past = reportDueDates(f.cadence, f.issuedOn, f.deadline, f.today).filter((d) => d < f.today)
  let previous = f.issuedOn
  for (const due of past) {
    const inPeriod = counted.some((r) => r.submittedOn <= due && (r.submittedOn > previous || previous === f.issuedOn))
    const isDeadline = due === f.deadline
    const doneByDeadline = counted.some((r) => r.status === 'done' && r.submittedOn <= due)
    if (!inPeriod || (isDeadline && !doneByDeadline)) return { status: 'late', overdueSince: due, nextDue: upcoming }
    previous = due
  }
  return { status: counted.length ? 'on_time' : 'not_started', overdueSince: null, nextDue: upcoming }
}

/**
 * The day from which the state of an assignment can change with the clock alone, or null when only
 * a report or a review can change it: the day after its next due date (a due date counts as past
 * from the next day on, which may make it late and moves the next due date). Done work never changes.
 */
export function assignmentNextCheck(state: AssignmentState): string | null {
  if (state.status === 'done' || !state.nextDue) return null
  return iso(addDays(parseISO(state.nextDue), 1))
}

export function daysLate(overdueSince: string, today: string): number {
  return Math.max(0, differenceInCalendarDays(parseISO(today), parseISO(overdueSince)))
}

/** Severity order for summarising several assignments into one cell of the matrix. */
export const STATUS_SEVERITY: Record<TaskStatus, number> = { late: 3, not_started: 2, on_time: 1, done: 0 }

export function worstStatus(statuses: TaskStatus[]): TaskStatus | null {
  if (statuses.length === 0) return null
  return statuses.reduce((a, b) => (STATUS_SEVERITY[b] > STATUS_SEVERITY[a] ? b : a))
}
